// A tiny static file server for the benchmarks: serves DIR with brotli (or gzip) when the client
// accepts it, like the card's own server (`cargo xtask serve`). Used to serve a copy of a build
// and the script-free "floor" page that bench.mjs derives from index.html.
//
//   node tests/bench/serve.mjs DIR [PORT] [--csp]
//
// PORT 0 (the default) picks a free port. The server prints `listening http://127.0.0.1:PORT/`
// on stdout once it accepts connections. `--csp` adds the card server's strict CSP to .html
// pages outside demo/.
// Every response carries `Access-Control-Allow-Origin: *` and `Cross-Origin-Resource-Policy:
// cross-origin`, as the card server's do. A precompressed `FILE.br` beside a file is sent as it is;
// otherwise bodies are compressed (brotli quality 11) and cached in memory by mtime.
import http from 'node:http';
import zlib from 'node:zlib';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CARD_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
  + "img-src 'self' data:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'none'; "
  + "form-action 'none'; object-src 'none'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml; charset=utf-8',
};
// Already-compressed formats are sent as they are.
const INCOMPRESSIBLE = new Set(['.png', '.jpg', '.jpeg', '.webp', '.avif', '.gif', '.woff2']);

/** Pick the encoding the client accepts: br, then gzip, else identity. */
function pickEncoding(header = '') {
  const accepted = new Map();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (name) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

/** Create (not start) the server for `root`. */
export function createStaticServer(root, { csp = false } = {}) {
  root = path.resolve(root);
  const cache = new Map(); // `${file}:${encoding}` -> { mtimeMs, body }

  function body(file, mtimeMs, encoding) {
    const key = `${file}:${encoding}`;
    const hit = cache.get(key);
    if (hit && hit.mtimeMs === mtimeMs) return hit.body;
    // A precompressed sibling (`file.br`, as `cargo xtask build` writes them) is sent as it is.
    if (encoding === 'br') {
      try {
        const sibling = statSync(`${file}.br`);
        if (sibling.isFile() && sibling.mtimeMs >= mtimeMs - 2000) { // (copies may reorder mtimes a little)
          const out = readFileSync(`${file}.br`);
          cache.set(key, { mtimeMs, body: out });
          return out;
        }
      } catch { /* none: compress below */ }
    }
    const raw = readFileSync(file);
    let out = raw;
    if (encoding === 'br') {
      out = zlib.brotliCompressSync(raw, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        },
      });
    } else if (encoding === 'gzip') {
      out = zlib.gzipSync(raw, { level: 9 });
    }
    cache.set(key, { mtimeMs, body: out });
    return out;
  }

  return http.createServer((req, res) => {
    const common = {
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
      'x-content-type-options': 'nosniff',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...common, allow: 'GET, HEAD' });
      res.end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(req.url.split(/[?#]/)[0]);
    } catch {
      res.writeHead(400, common);
      res.end('bad request');
      return;
    }
    let file = path.join(root, path.normalize(pathname));
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403, common);
      res.end('forbidden');
      return;
    }
    let stat;
    try {
      stat = statSync(file);
      if (stat.isDirectory()) {
        file = path.join(file, 'index.html');
        stat = statSync(file);
      }
    } catch {
      res.writeHead(404, { ...common, 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    const ext = path.extname(file).toLowerCase();
    const encoding = INCOMPRESSIBLE.has(ext) ? 'identity' : pickEncoding(req.headers['accept-encoding']);
    const data = body(file, stat.mtimeMs, encoding);
    const headers = {
      ...common,
      'content-type': TYPES[ext] || 'application/octet-stream',
      'content-length': data.length,
      'cache-control': 'no-cache',
      vary: 'accept-encoding',
    };
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
    const rel = path.relative(root, file).split(path.sep).join('/');
    if (csp && ext === '.html' && !rel.startsWith('demo/')) headers['content-security-policy'] = CARD_CSP;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : data);
  });
}

/** Start a server for `root` on 127.0.0.1:`port` (0 = any free port); resolves to { server, url }. */
export function serve(root, port = 0, options = {}) {
  const server = createStaticServer(root, options);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({ server, url: `http://127.0.0.1:${actual}/` });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const csp = args.includes('--csp');
  const [dir, port = '0'] = args.filter((a) => a !== '--csp');
  if (!dir) {
    console.error('usage: node tests/bench/serve.mjs DIR [PORT] [--csp]');
    process.exit(2);
  }
  try {
    if (!statSync(dir).isDirectory()) throw new Error(`${dir} is not a directory`);
  } catch (e) {
    console.error(`serve.mjs: ${e.message}`);
    process.exit(2);
  }
  const { url } = await serve(dir, Number(port), { csp });
  console.log(`listening ${url} (serving ${path.resolve(dir)}${csp ? ', with CSP' : ''})`);
  const stop = () => process.exit(0);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
