// Builds the two peer pages of BENCHMARKS.md (issue 17) from a build's claims.json into `dir`:
//   dir/static-list/index.html + list.css  (no script; tests/bench/peers/static-list.mjs)
//   dir/d3/index.html + graph.js           (d3-graph.js bundled and minified by esbuild, the
//                                          actors and claims it draws inlined)
//
//   node tests/bench/peers/build.mjs CLAIMS_JSON DIR    (bench.mjs calls buildPeers directly)
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { staticList } from './static-list.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

const D3_HTML = (title) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c])}</title>
<meta name="description" content="A force-directed graph of who claims what about whom.">
<style>body{margin:0;padding:1rem;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff}h1{font-size:1.5rem;line-height:1.25;margin:0 0 .5rem}</style>
</head>
<body>
<main>
<h1>${title.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c])}</h1>
<p>Actors and the claims between them. Drag a node to move it.</p>
<div id="chart"></div>
</main>
<script src="graph.js" defer></script>
</body>
</html>
`;

/** Writes both peers into `dir`; returns { staticList: 'static-list/', d3: 'd3/', d3BundleBytes }. */
export async function buildPeers(claimsJsonText, dir) {
  const data = JSON.parse(claimsJsonText);
  const list = staticList(data);
  mkdirSync(path.join(dir, 'static-list'), { recursive: true });
  for (const [name, text] of Object.entries(list)) writeFileSync(path.join(dir, 'static-list', name), text);

  // Only what the graph draws is inlined (as the D3 examples ship a nodes-and-links JSON), so the
  // peer's transfer is not inflated by quotes, aliases and sources it never shows.
  const graphData = JSON.stringify({
    dataset: { title: data.dataset?.title || 'Who backs whom' },
    actors: (data.actors || []).map(({ id, name, kind }) => ({ id, name, kind })),
    claims: (data.claims || []).map(({ subject, object, stance, summary }) => ({ subject, object, stance, summary })),
  });
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [path.join(here, 'd3-graph.js')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [{
      name: 'wbw-peer-data',
      setup(b) {
        b.onResolve({ filter: /^wbw-peer-data$/ }, () => ({ path: 'claims.json', namespace: 'wbw-peer-data' }));
        b.onLoad({ filter: /.*/, namespace: 'wbw-peer-data' }, () => ({ contents: graphData, loader: 'json' }));
      },
    }],
  });
  mkdirSync(path.join(dir, 'd3'), { recursive: true });
  const bundle = result.outputFiles[0].contents;
  writeFileSync(path.join(dir, 'd3', 'graph.js'), bundle);
  writeFileSync(path.join(dir, 'd3', 'index.html'), D3_HTML(data.dataset?.title || 'Who backs whom'));
  return { staticList: 'static-list/', d3: 'd3/', d3BundleBytes: bundle.length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [claims, dir] = process.argv.slice(2);
  if (!claims || !dir) {
    console.error('usage: node tests/bench/peers/build.mjs CLAIMS_JSON DIR');
    process.exit(2);
  }
  const out = await buildPeers(readFileSync(claims, 'utf8'), dir);
  console.log(`peers written to ${dir}: ${out.staticList}, ${out.d3} (graph.js ${out.d3BundleBytes} bytes)`);
}
