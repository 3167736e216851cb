// Benchmarks of the built card against a running server (see BENCHMARKS.md).
//
//   node tests/bench/bench.mjs --url http://127.0.0.1:PORT/ [--quick] [--json out.json] [--label name]
//        [--pages index.html,embed.html] [--runs N] [--selections N] [--cpu-throttle X]
//        [--no-floor] [--no-peers] [--no-startup] [--startup-cpu-throttle X] [--save-reports DIR]
//
// Measures, and prints as a table (and as JSON with --json):
//   1. transfer: compressed bytes of each page and of every asset it loads (accept-encoding: br,
//      raw bytes counted with node:http, which does not decompress);
//   2. Lighthouse (default mobile settings: simulated throttling) on each page, median of N runs
//      (5, or 1 with --quick), and on the FLOOR: index.html without any script, served from a temp dir;
//   3. in Playwright: selection latency (click on a network node until the detail panel is painted),
//      filter latency (toggle a stance checkbox until the count updates), the longest frame while
//      filtering, and memory after load (wasm linear memory, JS heap);
//   4. the PEERS (issue 17), built from the build's claims.json into a temp dir: a plain static list
//      page of every claim (the limit) and a hand-written D3 force graph (tests/bench/peers/); their
//      Lighthouse runs are interleaved with the card's and the floor's, and the card's LCP, FCP, TBT,
//      main-thread work and transfer are printed as ratios to each;
//   5. start-up under 4× CPU slowdown (CDP): every `longtask` after first paint until the card has
//      started and stayed quiet for 2 s, and the interaction-to-next-paint (Event Timing) of the first
//      tap on a node, once after start-up and once during it (the wasm response held back by
//      page.route until after the tap; boot.js replays early taps).
// Goals are printed beside the figures; a missed goal never fails the run. Exit codes: 0 measured,
// 1 could not measure (server down, page missing, Lighthouse or the browser failed), 2 bad arguments.
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const CHROME_PATH = process.env.CHROME_PATH || process.env.CHROMIUM || '/usr/bin/chromium';
const CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const KB = 1024;

// Goals from the issue. `pages`: which pages a goal applies to (null = every page).
const GOALS = {
  transfer: { max: 100 * KB, pages: ['embed.html'] },
  performance: { min: 98 },
  accessibility: { min: 100 },
  'best-practices': { min: 100 },
  seo: { min: 100, pages: ['index.html'] },
  lcp: { max: 1000 },
  cls: { max: 0 },
  tbt: { max: 50 },
};

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const opts = { quick: false, floor: true, peers: true, startup: true, startupThrottle: 4, pages: ['index.html', 'embed.html'], cpuThrottle: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--url') opts.url = value();
    else if (a === '--quick') opts.quick = true;
    else if (a === '--json') opts.json = value();
    else if (a === '--label') opts.label = value();
    else if (a === '--pages') opts.pages = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '--runs') opts.runs = positiveInt(a, value());
    else if (a === '--selections') opts.selections = positiveInt(a, value());
    else if (a === '--cpu-throttle') opts.cpuThrottle = Number(value());
    else if (a === '--no-floor') opts.floor = false;
    else if (a === '--no-peers') opts.peers = false;
    else if (a === '--no-startup') opts.startup = false;
    else if (a === '--startup-cpu-throttle') opts.startupThrottle = Number(value());
    else if (a === '--save-reports') opts.saveReports = value();
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument ${a}`);
  }
  if (!opts.url) usage('--url is required');
  try {
    opts.url = new URL(opts.url).href;
  } catch {
    usage(`--url ${opts.url} is not a URL`);
  }
  if (!opts.url.endsWith('/')) opts.url = opts.url.replace(/[^/]*$/, '');
  if (!(opts.cpuThrottle >= 1)) usage('--cpu-throttle must be >= 1');
  if (!(opts.startupThrottle >= 1)) usage('--startup-cpu-throttle must be >= 1');
  if (!opts.pages.length) usage('--pages is empty');
  opts.runs ??= opts.quick ? 1 : 5; // issue 17 sets its LCP goals over 5 runs (median and worst)
  opts.selections ??= opts.quick ? 5 : 20;
  opts.filters = opts.selections; // as many filter toggles as selections
  opts.label ??= 'card';
  return opts;
}

function positiveInt(name, v) {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) usage(`${name} must be a positive integer`);
  return n;
}

function usage(message) {
  if (message) console.error(`bench.mjs: ${message}`);
  console.error('usage: node tests/bench/bench.mjs --url http://127.0.0.1:PORT/ [--quick] [--json out.json] '
    + '[--label name] [--pages index.html,embed.html] [--runs N] [--selections N] [--cpu-throttle X] '
    + '[--no-floor] [--no-peers] [--no-startup] [--startup-cpu-throttle X] [--save-reports DIR]');
  process.exit(message ? 2 : 0);
}

/** An error meaning "this could not be measured": the run exits 1. */
class MeasureError extends Error {}

// ---------------------------------------------------------------------------------------------
// Small helpers

const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const percentile = (xs, p) => {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  return v[Math.min(v.length - 1, Math.ceil((p / 100) * v.length) - 1)];
};
const round = (x, d = 1) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);
const kib = (b) => (b == null ? '–' : `${(b / KB).toFixed(1)} KiB`);
const ms = (x) => (x == null ? '–' : `${Math.round(x)} ms`);
const mib = (b) => (b == null ? '–' : `${(b / KB / KB).toFixed(1)} MiB`);

/** GET `url` without decompressing: resolves to { status, headers, body: Buffer (as sent) }. */
function rawGet(url, headers = {}) {
  const lib = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.get(url, { headers, timeout: 30_000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout fetching ${url}`)));
    req.on('error', reject);
  });
}

function decode(body, encoding) {
  if (encoding === 'br') return zlib.brotliDecompressSync(body);
  if (encoding === 'gzip') return zlib.gunzipSync(body);
  if (encoding === 'deflate') return zlib.inflateSync(body);
  return body;
}

function kindOf(url, contentType = '') {
  const ext = path.extname(new URL(url).pathname).toLowerCase();
  if (ext === '.wasm' || contentType.includes('wasm')) return 'wasm';
  if (['.js', '.mjs'].includes(ext) || contentType.includes('javascript')) return 'js';
  if (ext === '.css' || contentType.includes('text/css')) return 'css';
  if (['.html', '.htm', ''].includes(ext) || contentType.includes('text/html')) return 'html';
  if (['.json', '.csv', '.txt', '.toml', '.webmanifest'].includes(ext)) return 'data';
  if (['.png', '.svg', '.jpg', '.jpeg', '.webp', '.avif', '.gif', '.ico'].includes(ext)) return 'image';
  if (['.woff', '.woff2', '.ttf', '.otf'].includes(ext)) return 'font';
  return 'other';
}

/** Links in an HTML page: [{ url, rel, tag }] (no data: URLs). */
function staticRefs(html, pageUrl) {
  const refs = [];
  const attr = (tag, name) => {
    const m = tag.match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'));
    return m ? (m[1] ?? m[2] ?? m[3]) : null;
  };
  for (const m of html.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const tag = m[0];
    const href = m[1].toLowerCase() === 'script' ? attr(tag, 'src') : attr(tag, 'href');
    if (!href || href.startsWith('data:')) continue;
    const rel = m[1].toLowerCase() === 'script' ? 'script' : (attr(tag, 'rel') || '').toLowerCase();
    refs.push({ url: new URL(href.replace(/&amp;/g, '&'), pageUrl).href, rel, tag: m[1].toLowerCase() });
  }
  return refs;
}

// ---------------------------------------------------------------------------------------------
// A guard against requests leaving the machine: Chromium gets `--proxy-server` pointing here.
// Loopback addresses bypass a proxy implicitly, so the pages under test load directly; anything
// else (an update check, a font, an analytics beacon) reaches this guard, is refused and counted.

async function startGuard() {
  const attempts = [];
  const guard = { phase: 'start', attempts };
  const server = http.createServer((req, res) => {
    req.socket.on('error', () => {});
    attempts.push(`[${guard.phase}] ${req.method} ${req.url.split('?')[0]}`);
    res.writeHead(403, { 'content-type': 'text/plain' });
    res.end('blocked by the bench network guard');
  });
  server.on('connect', (req, socket) => {
    socket.on('error', () => {}); // Chromium may reset the tunnel it asked for: not an error of the run
    attempts.push(`[${guard.phase}] CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  server.on('clientError', (_e, socket) => socket.destroy());
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(guard, { server, flag: `--proxy-server=http://127.0.0.1:${server.address().port}` });
}

// ---------------------------------------------------------------------------------------------
// 1. Transfer

/** Instrumentation for the Playwright pages: keeps every wasm Memory so that its size can be read. */
const WASM_MEMORY_PROBE = () => {
  const memories = [];
  Object.defineProperty(window, '__wbwBenchWasmMemories', { value: memories });
  const collect = (result) => {
    const instance = result && (result.instance || result);
    const exports = instance && instance.exports;
    if (exports) for (const v of Object.values(exports)) if (v instanceof WebAssembly.Memory) memories.push(v);
    return result;
  };
  const W = WebAssembly;
  const Memory = W.Memory;
  W.Memory = function (...args) {
    const m = new Memory(...args);
    memories.push(m);
    return m;
  };
  W.Memory.prototype = Memory.prototype;
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = W[name];
    if (original) W[name] = function (...args) { return original.apply(this, args).then(collect); };
  }
  const Instance = W.Instance;
  W.Instance = function (...args) { return collect(new Instance(...args)); };
  W.Instance.prototype = Instance.prototype;
};

async function newPage(browser, viewport = { width: 412, height: 823 }) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1.75 });
  await context.addInitScript(WASM_MEMORY_PROBE);
  const page = await context.newPage();
  return { context, page };
}

/** The page's assets: what the browser requested while loading it, plus the page's own script,
 *  stylesheet and preload links; other links (icons, manifest) are listed but not counted. */
async function discoverAssets(browser, pageUrl, html) {
  const { context, page } = await newPage(browser);
  const loaded = new Map(); // url -> resourceType
  const errors = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('data:') && !r.url().startsWith('blob:')) loaded.set(r.url().split('#')[0], r.resourceType());
  });
  // Requests a service worker makes (its precache, after load) are listed apart, not counted.
  const background = new Set();
  context.on('request', (r) => {
    let sw = null;
    try { sw = r.serviceWorker(); } catch { /* older Playwright */ }
    if (sw && !r.url().startsWith('data:')) background.add(r.url().split('#')[0]);
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto(pageUrl, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => {});
    const worker = await page.evaluate(async () => {
      if (!navigator.serviceWorker) return null;
      const reg = await navigator.serviceWorker.getRegistration();
      if (!reg) return null;
      await Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(r, 15_000))]);
      return (reg.active || reg.waiting || reg.installing)?.scriptURL ?? null;
    }).catch(() => null);
    if (worker) background.add(worker);
    await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => {});
    await page.waitForTimeout(500);
  } finally {
    await context.close();
  }
  const assets = new Map();
  for (const [url] of loaded) assets.set(url, { counted: true, how: 'loaded' });
  for (const url of background) if (!assets.has(url) && url !== pageUrl) assets.set(url, { counted: false, background: true, how: 'service worker, after load' });
  for (const ref of staticRefs(html, pageUrl)) {
    if (assets.has(ref.url)) continue;
    const fetched = ref.tag === 'script' || /\b(stylesheet|modulepreload|preload)\b/.test(ref.rel);
    assets.set(ref.url, { counted: fetched, how: fetched ? `<${ref.tag} ${ref.rel}>` : `referenced (${ref.rel}), not loaded` });
  }
  assets.delete(pageUrl);
  return { assets, errors };
}

async function measureTransfer(browser, base, pageName) {
  const pageUrl = new URL(pageName, base).href;
  let res;
  try {
    res = await rawGet(pageUrl, { 'accept-encoding': 'br' });
  } catch (e) {
    throw new MeasureError(`cannot fetch ${pageUrl}: ${e.message}`);
  }
  if (res.status !== 200) throw new MeasureError(`${pageUrl} answered ${res.status}`);
  const html = decode(res.body, res.headers['content-encoding']).toString('utf8');
  const { assets, errors } = await discoverAssets(browser, pageUrl, html);
  const rows = [{
    url: pageName, kind: 'html', status: res.status, encoding: res.headers['content-encoding'] || 'identity',
    bytes: res.body.length, uncompressed: Buffer.byteLength(html), counted: true, how: 'page',
  }];
  for (const [url, info] of assets) {
    const r = await rawGet(url, { 'accept-encoding': 'br' }).catch((e) => ({ status: 0, error: e.message, headers: {}, body: Buffer.alloc(0) }));
    const encoding = r.headers['content-encoding'] || 'identity';
    let uncompressed = null;
    try { uncompressed = decode(r.body, encoding).length; } catch { /* left null */ }
    const sameOrigin = new URL(url).origin === new URL(base).origin;
    rows.push({
      url: sameOrigin ? path.posix.relative(new URL(base).pathname, new URL(url).pathname) || '.' : url,
      kind: kindOf(url, r.headers['content-type']), status: r.status, encoding,
      bytes: r.body.length, uncompressed, counted: info.counted && r.status === 200, background: !!info.background, how: info.how,
      ...(r.error ? { error: r.error } : {}),
    });
  }
  const counted = rows.filter((r) => r.counted);
  const byKind = {};
  for (const r of counted) byKind[r.kind] = (byKind[r.kind] || 0) + r.bytes;
  return {
    page: pageName,
    total: counted.reduce((s, r) => s + r.bytes, 0),
    totalUncompressed: counted.reduce((s, r) => s + (r.uncompressed || 0), 0),
    byKind,
    background: rows.filter((r) => r.background).reduce((s, r) => s + r.bytes, 0),
    notBrotli: counted.filter((r) => r.encoding !== 'br' && r.kind !== 'image').map((r) => r.url),
    assets: rows,
    pageErrors: errors,
    html,
  };
}

// ---------------------------------------------------------------------------------------------
// 2. Lighthouse

async function lighthouseRun(url, guardFlag) {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({
    chromePath: CHROME_PATH,
    chromeFlags: [...CHROME_FLAGS, guardFlag],
    logLevel: 'silent',
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      disableFullPageScreenshot: true,
    });
    if (!result?.lhr) throw new MeasureError(`Lighthouse returned no result for ${url}`);
    return result.lhr;
  } finally {
    await chrome.kill();
  }
}

function summariseLhr(lhr) {
  const cat = (id) => (lhr.categories[id]?.score == null ? null : Math.round(lhr.categories[id].score * 100));
  const num = (id) => lhr.audits[id]?.numericValue ?? null;
  const failing = {};
  for (const id of ['performance', 'accessibility', 'best-practices', 'seo']) {
    const c = lhr.categories[id];
    if (!c) continue;
    failing[id] = c.auditRefs
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter((a) => a && a.score !== null && a.score < (id === 'performance' ? 0.9 : 1))
      .map((a) => `${a.id}${id === 'performance' && a.displayValue ? ` (${a.displayValue})` : ''}`);
  }
  return {
    performance: cat('performance'),
    accessibility: cat('accessibility'),
    'best-practices': cat('best-practices'),
    seo: cat('seo'),
    fcp: num('first-contentful-paint'),
    lcp: num('largest-contentful-paint'),
    cls: num('cumulative-layout-shift'),
    tbt: num('total-blocking-time'),
    si: num('speed-index'),
    bytes: num('total-byte-weight'),
    mainThread: num('mainthread-work-breakdown'),
    runtimeError: lhr.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : null,
    runWarnings: lhr.runWarnings || [],
    failing,
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
    lighthouseVersion: lhr.lighthouseVersion,
    userAgent: lhr.environment?.hostUserAgent,
  };
}

const LH_LABELS = {
  fcp: 'FCP', lcp: 'LCP', cls: 'CLS', tbt: 'TBT', si: 'Speed Index', mainThread: 'main-thread work (LH)',
  bytes: 'bytes (LH total-byte-weight)', benchmarkIndex: 'CPU benchmarkIndex (LH)',
};
const LH_KEYS = ['performance', 'accessibility', 'best-practices', 'seo', 'fcp', 'lcp', 'cls', 'tbt', 'si', 'mainThread', 'bytes', 'benchmarkIndex'];

/** One Lighthouse run of `url`, summarised (the report saved as `${saveAs}-${run}.json` when asked). */
async function lighthouseOnce(url, guardFlag, saveAs, run, runs) {
  const started = Date.now();
  let lhr;
  try {
    lhr = await lighthouseRun(url, guardFlag);
  } catch (e) {
    throw new MeasureError(`Lighthouse failed on ${url}: ${e.message}`);
  }
  const s = summariseLhr(lhr);
  if (s.runtimeError) throw new MeasureError(`Lighthouse could not measure ${url}: ${s.runtimeError}`);
  s.seconds = round((Date.now() - started) / 1000, 1);
  process.stderr.write(`  lighthouse ${url} run ${run}/${runs}: perf ${s.performance}, LCP ${ms(s.lcp)}, `
    + `TBT ${ms(s.tbt)}, main thread ${ms(s.mainThread)}, CLS ${round(s.cls, 3)} (${s.seconds} s, benchmarkIndex ${s.benchmarkIndex})\n`);
  if (saveAs) writeFileSync(`${saveAs}-${run}.json`, JSON.stringify(lhr));
  return s;
}

/** Medians (and the worst LCP) of a page's runs. */
function aggregateLighthouse(url, all) {
  const med = {};
  for (const k of LH_KEYS) med[k] = median(all.map((r) => r[k]));
  // Audits that failed in every run (one-off flakes are left out of the summary).
  const failing = {};
  for (const cat of Object.keys(all[0].failing)) {
    failing[cat] = all[0].failing[cat].filter((a) => all.every((r) => r.failing[cat]?.includes(a)));
  }
  const lcps = all.map((r) => r.lcp).filter((x) => x != null);
  return {
    url, runs: all.map(({ failing: _f, runWarnings: _w, userAgent: _u, lighthouseVersion: _v, ...r }) => r),
    median: med, worstLcp: lcps.length ? Math.max(...lcps) : null, failing,
    runWarnings: [...new Set(all.flatMap((r) => r.runWarnings))],
    lighthouseVersion: all[0].lighthouseVersion, userAgent: all[0].userAgent,
  };
}

/** Lighthouse on every target, interleaved: run 1 of each target in turn, then run 2 of each, …
 *  (so that a busy spell of the machine is shared out, not charged to one page).
 *  targets: [{ key, url, saveAs }] -> { [key]: aggregate } */
async function measureLighthouseInterleaved(targets, runs, guard) {
  const all = Object.fromEntries(targets.map((t) => [t.key, []]));
  for (let i = 1; i <= runs; i++) {
    for (const t of targets) {
      guard.phase = `lighthouse ${t.key}`;
      all[t.key].push(await lighthouseOnce(t.url, guard.flag, t.saveAs, i, runs));
    }
  }
  return Object.fromEntries(targets.map((t) => [t.key, aggregateLighthouse(t.url, all[t.key])]));
}

// ---------------------------------------------------------------------------------------------
// The floor: index.html with every script and (module)preload removed, served from a temp dir with
// the stylesheets (and other linked non-script files), by serve.mjs (brotli).

async function makeFloor(base, pageName, html) {
  const pageUrl = new URL(pageName, base);
  const floorHtml = html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<link\b[^>]*\brel\s*=\s*(["']?)[^"'>]*\b(modulepreload|preload|prefetch)\b[^>]*>/gi, '');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wbw-floor-'));
  const put = (pathname, data) => {
    const file = path.join(dir, decodeURIComponent(pathname).replace(/\/$/, '/index.html'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, data);
  };
  const copied = [];
  for (const ref of staticRefs(floorHtml, pageUrl.href)) {
    const u = new URL(ref.url);
    if (u.origin !== pageUrl.origin || ref.tag === 'script') continue;
    const r = await rawGet(u.href, { 'accept-encoding': 'identity' });
    if (r.status !== 200) continue;
    const body = decode(r.body, r.headers['content-encoding']);
    put(u.pathname, body);
    copied.push(u.pathname);
    if (/\bmanifest\b/.test(ref.rel)) {
      // The manifest's icons too, so that the floor has no 404 the card page does not have.
      let icons = [];
      try { icons = JSON.parse(body.toString('utf8')).icons || []; } catch { /* not JSON */ }
      for (const icon of icons) {
        if (typeof icon?.src !== 'string') continue;
        const iu = new URL(icon.src, u);
        if (iu.origin !== pageUrl.origin) continue;
        const ir = await rawGet(iu.href, { 'accept-encoding': 'identity' });
        if (ir.status === 200) { put(iu.pathname, decode(ir.body, ir.headers['content-encoding'])); copied.push(iu.pathname); }
      }
    }
  }
  put(pageUrl.pathname, floorHtml);
  const { server, url } = await serve(dir, 0);
  const scripts = (floorHtml.match(/<script\b/gi) || []).length;
  return { dir, server, url: new URL(pageUrl.pathname.slice(1), url).href, copied, scripts, html: floorHtml };
}

// ---------------------------------------------------------------------------------------------
// The peers (issue 17): the measured build's claims.json as a plain static list page (the limit)
// and as a hand-written D3 force graph (tests/bench/peers/), built into a temp dir and served by
// serve.mjs (brotli, no CSP, like the floor).

const PEERS = { 'static list': 'static-list/', D3: 'd3/' };

async function makePeers(base) {
  const claimsUrl = new URL('claims.json', base).href;
  let r;
  try {
    r = await rawGet(claimsUrl, { 'accept-encoding': 'identity' });
  } catch (e) {
    throw new MeasureError(`peers: cannot fetch ${claimsUrl}: ${e.message}`);
  }
  if (r.status !== 200) throw new MeasureError(`peers: ${claimsUrl} answered ${r.status}`);
  const text = decode(r.body, r.headers['content-encoding']).toString('utf8');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wbw-peers-'));
  let built;
  try {
    const { buildPeers } = await import('./peers/build.mjs');
    built = await buildPeers(text, dir);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw new MeasureError(`peers: could not build them from ${claimsUrl}: ${e.message}`);
  }
  const { server, url } = await serve(dir, 0);
  return { dir, server, url, claimsUrl, d3BundleBytes: built.d3BundleBytes };
}

// ---------------------------------------------------------------------------------------------
// 3. Interactions and memory (Playwright)

/** Load the page and wait until the card reacts to a click on a node (hydrated). */
async function openHydrated(browser, url, cpuThrottle) {
  const { context, page } = await newPage(browser);
  const client = await context.newCDPSession(page);
  if (cpuThrottle > 1) await client.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottle });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => {});
  const nodes = await page.locator('.wbw-node[role=button]').count();
  if (nodes < 2) throw new MeasureError(`${url}: found ${nodes} network node(s) (.wbw-node[role=button]), need 2`);
  // Click the first node until the detail panel shows it: the first click that works marks hydration.
  const interactive = await page.evaluate(async () => {
    const deadline = performance.now() + 30_000;
    while (performance.now() < deadline) {
      const el = document.querySelector('.wbw-node[role=button]');
      const label = el.getAttribute('aria-label') || '';
      const name = label.includes('. ') ? label.slice(0, label.indexOf('. ')) : label.split('.')[0];
      el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
      await new Promise((r) => setTimeout(r, 100));
      const d = document.querySelector('.wbw-detail');
      if (d && d.textContent.includes(name)) return performance.now();
    }
    return null;
  });
  if (interactive == null) throw new MeasureError(`${url}: the card never showed a detail panel after a click on a node`);
  // The card's own User Timing measure around reading the inline dataset (src/entry.rs).
  const [readMs, decodeMs] = await page.evaluate(() => ['wbw-read', 'wbw-decode']
    .map((name) => performance.getEntriesByName(name, 'measure')[0]?.duration ?? null));
  return { context, page, client, errors, interactiveAt: interactive, readMs, decodeMs };
}

/** In page: select `count` nodes in turn; each sample is click -> panel shows the node -> 2 rAF. */
const SELECTION_SERIES = async ({ count, timeout }) => {
  const raf = () => new Promise((r) => requestAnimationFrame(() => r()));
  const nameOf = (el) => {
    const label = el.getAttribute('aria-label') || '';
    return label.includes('. ') ? label.slice(0, label.indexOf('. ')) : label.split('.')[0];
  };
  const samples = [];
  let last = null;
  for (let i = 0, k = 1; samples.length < count && i < count * 4; i++, k++) {
    const nodes = [...document.querySelectorAll('.wbw-node[role=button]')];
    const el = nodes[k % nodes.length];
    const name = nameOf(el);
    if (name === last || el.getAttribute('aria-pressed') === 'true') continue; // already selected
    const before = document.querySelector('.wbw-detail');
    const beforeText = before ? before.textContent : null;
    const shown = () => {
      const d = document.querySelector('.wbw-detail');
      return d && d.textContent.includes(name) && (d !== before || d.textContent !== beforeText);
    };
    const t0 = performance.now();
    el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
    if (!shown()) {
      await new Promise((resolve, reject) => {
        const timer = setTimeout(() => { mo.disconnect(); reject(new Error(`no detail panel for ${name}`)); }, timeout);
        const mo = new MutationObserver(() => {
          if (shown()) { clearTimeout(timer); mo.disconnect(); resolve(); }
        });
        mo.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      });
    }
    const rendered = performance.now();
    await raf();
    await raf();
    samples.push({ name, ms: performance.now() - t0, renderMs: rendered - t0 });
    last = name;
    await new Promise((r) => setTimeout(r, 50));
  }
  return samples;
};

/** In page: toggle stance checkboxes `count` times (off, on, …) until the claim count changes,
 *  watching frame lengths (rAF deltas) and long animation frames / long tasks meanwhile. */
const FILTER_SERIES = async ({ count, timeout }) => {
  const raf = () => new Promise((r) => requestAnimationFrame(() => r()));
  const details = document.querySelector('details.wbw-filters');
  if (details) details.open = true;
  // The card builds the checkboxes when the panel opens (its toggle event).
  for (let i = 0; i < 120 && !document.querySelector('.wbw-filters fieldset'); i++) await raf();
  const boxes = [...document.querySelectorAll('.wbw-filters fieldset')][0]?.querySelectorAll('input[type=checkbox]');
  const counter = () => document.querySelector('.wbw-filter-count');
  if (!boxes?.length || !counter()) return { error: 'no stance checkboxes or no .wbw-filter-count' };
  const entryType = PerformanceObserver.supportedEntryTypes.includes('long-animation-frame') ? 'long-animation-frame' : 'longtask';
  const longFrames = [];
  const po = new PerformanceObserver((list) => longFrames.push(...list.getEntries().map((e) => ({
    duration: e.duration, blocking: e.blockingDuration ?? null,
  }))));
  po.observe({ type: entryType });
  let watching = true;
  const frames = [];
  let prev = performance.now();
  const loop = (t) => { frames.push(t - prev); prev = t; if (watching) requestAnimationFrame(loop); };
  requestAnimationFrame((t) => { prev = t; requestAnimationFrame(loop); });
  await raf();
  await raf();
  const samples = [];
  let error = null;
  for (let i = 0; i < count; i++) {
    const box = boxes[Math.floor(i / 2) % boxes.length];
    const beforeText = counter()?.textContent;
    const changed = () => counter() && counter().textContent !== beforeText;
    const t0 = performance.now();
    box.click();
    try {
      if (!changed()) {
        await new Promise((resolve, reject) => {
          const timer = setTimeout(() => { mo.disconnect(); reject(new Error(`the count did not change after toggling "${box.parentElement?.textContent?.trim()}"`)); }, timeout);
          const mo = new MutationObserver(() => { if (changed()) { clearTimeout(timer); mo.disconnect(); resolve(); } });
          mo.observe(document.body, { subtree: true, childList: true, characterData: true });
        });
      }
    } catch (e) {
      error = e.message;
      break;
    }
    await raf();
    await raf();
    samples.push({ checked: box.checked, ms: performance.now() - t0, count: counter().textContent.trim() });
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const box of boxes) if (!box.checked) box.click(); // leave every stance shown
  await raf();
  await raf();
  watching = false;
  po.disconnect();
  return {
    samples, error, entryType,
    longestFrameMs: frames.length ? Math.max(...frames) : null,
    frames: frames.length,
    longFrames: longFrames.length,
    longestLongFrameMs: longFrames.length ? Math.max(...longFrames.map((f) => f.duration)) : null,
  };
};

async function memoryFigures(page, client) {
  await client.send('HeapProfiler.collectGarbage').catch(() => {});
  await client.send('Performance.enable');
  const { metrics } = await client.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map(({ name, value }) => [name, value]));
  const heap = await client.send('Runtime.getHeapUsage').catch(() => ({}));
  const wasm = await page.evaluate(() => (window.__wbwBenchWasmMemories || []).map((mem) => mem.buffer.byteLength));
  return {
    wasmMemoryBytes: wasm.length ? wasm.reduce((a, b) => a + b, 0) : null,
    wasmMemories: wasm.length,
    jsHeapUsedBytes: m.JSHeapUsedSize ?? heap.usedSize ?? null,
    jsHeapTotalBytes: m.JSHeapTotalSize ?? heap.totalSize ?? null,
    embedderHeapUsedBytes: heap.embedderHeapUsedSize ?? null,
    backingStorageBytes: heap.backingStorageSize ?? null,
    domNodes: m.Nodes ?? null,
  };
}

async function measureInteractions(browser, url, opts) {
  const { context, page, client, errors, interactiveAt, readMs, decodeMs } = await openHydrated(browser, url, opts.cpuThrottle);
  try {
    const afterLoad = await memoryFigures(page, client);
    let selections;
    try {
      selections = await page.evaluate(SELECTION_SERIES, { count: opts.selections, timeout: 30_000 });
    } catch (e) {
      throw new MeasureError(`selection on ${url}: ${e.message.split('\n')[0]}`);
    }
    // A dataset in parts: what the selections fetched (Resource Timing of /parts/ files, after any loading state cleared).
    await page.waitForFunction(() => !document.querySelector('.wbw-loading'), null, { timeout: 30_000 }).catch(() => {});
    const parts = await page.evaluate(() => performance.getEntriesByType('resource')
      .filter((e) => e.name.includes('/parts/'))
      .map((e) => ({ ms: e.duration, bytes: e.transferSize || e.encodedBodySize })));
    const filter = await page.evaluate(FILTER_SERIES, { count: opts.filters, timeout: 30_000 });
    if (filter.error && !filter.samples?.length) throw new MeasureError(`filter on ${url}: ${filter.error}`);
    const afterUse = await memoryFigures(page, client);
    const sel = selections.map((s) => s.ms);
    const fil = (filter.samples || []).map((s) => s.ms);
    return {
      url, cpuThrottle: opts.cpuThrottle, viewport: page.viewportSize(),
      interactiveAtMs: round(interactiveAt),
      decodeMs: decodeMs == null ? null : round(decodeMs),
      readMs: readMs == null ? null : round(readMs),
      partFetches: { n: parts.length, medianMs: parts.length ? round(median(parts.map((p) => p.ms))) : null, maxMs: parts.length ? round(Math.max(...parts.map((p) => p.ms))) : null, medianBytes: parts.length ? median(parts.map((p) => p.bytes)) : null },
      selection: { n: sel.length, medianMs: round(median(sel)), p90Ms: round(percentile(sel, 90)), maxMs: round(Math.max(...sel)), samples: selections.map((s) => ({ ...s, ms: round(s.ms), renderMs: round(s.renderMs) })) },
      filter: {
        n: fil.length, medianMs: round(median(fil)), p90Ms: round(percentile(fil, 90)), maxMs: fil.length ? round(Math.max(...fil)) : null,
        longestFrameMs: round(filter.longestFrameMs), framesWatched: filter.frames,
        longFramesObserved: filter.longFrames, longestLongFrameMs: round(filter.longestLongFrameMs), entryType: filter.entryType,
        error: filter.error, samples: (filter.samples || []).map((s) => ({ ...s, ms: round(s.ms) })),
      },
      memory: { afterLoad, afterUse },
      pageErrors: errors,
    };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 4. Start-up under CPU slowdown (issue 17): the long tasks after first paint, and the
//    interaction-to-next-paint of the first tap on a node, after start-up and during it.

/** Init script: long tasks, Event Timing entries, the first input, the paints, the moment the card
 *  started (boot.js removes #wbw-static) and the time stamp of every tap, from navigation on. */
const STARTUP_PROBE = () => {
  const store = { longTasks: [], events: [], firstInput: [], taps: [], startedAt: null, unsupported: [] };
  Object.defineProperty(window, '__wbwBenchStartup', { value: store });
  const observe = (type, map, extra = {}) => {
    if (!PerformanceObserver.supportedEntryTypes?.includes(type)) { store.unsupported.push(type); return; }
    new PerformanceObserver((list) => { for (const e of list.getEntries()) store[map.key].push(map.fn(e)); })
      .observe({ type, buffered: true, ...extra });
  };
  const targetOf = (e) => {
    const t = e.target;
    if (!t || !t.getAttribute) return null;
    const node = t.closest?.('.wbw-node');
    return node ? `node: ${(node.getAttribute('aria-label') || '').split('.')[0]}` : t.tagName.toLowerCase();
  };
  observe('longtask', { key: 'longTasks', fn: (e) => ({ start: e.startTime, duration: e.duration, name: e.name }) });
  observe('event', { key: 'events', fn: (e) => ({
    name: e.name, start: e.startTime, duration: e.duration, interactionId: e.interactionId,
    processingStart: e.processingStart, processingEnd: e.processingEnd, target: targetOf(e),
  }) }, { durationThreshold: 16 });
  observe('first-input', { key: 'firstInput', fn: (e) => ({ name: e.name, start: e.startTime, duration: e.duration, interactionId: e.interactionId }) });
  for (const type of ['pointerdown', 'click']) {
    addEventListener(type, (e) => { if (e.isTrusted) store.taps.push({ type, timeStamp: e.timeStamp }); }, { capture: true });
  }
  const watch = () => {
    if (!document.getElementById('wbw-static')) { store.startedAt = performance.now(); return; }
    const mo = new MutationObserver(() => {
      if (!document.getElementById('wbw-static')) { store.startedAt = performance.now(); mo.disconnect(); }
    });
    mo.observe(document.documentElement, { childList: true, subtree: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch, { once: true });
  else watch();
};

async function startupPage(browser, cpuThrottle) {
  // A phone-like context: touch, the bench's viewport. No service worker, so that page.route sees
  // the wasm request whatever the worker would do (it does nothing on a first visit anyway).
  const context = await browser.newContext({
    viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, hasTouch: true, isMobile: true, serviceWorkers: 'block',
  });
  await context.addInitScript(STARTUP_PROBE);
  const page = await context.newPage();
  const client = await context.newCDPSession(page);
  await client.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottle });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return { context, page, client, errors };
}

/** Where to tap the `index`th network node: the centre of its hit area (or of its circle), checked
 *  with elementFromPoint. Returns { name, x, y } in viewport pixels. */
async function nodeTarget(page, index) {
  const node = page.locator('.wbw-node[role=button]').nth(index);
  await node.scrollIntoViewIfNeeded({ timeout: 10_000 });
  return page.evaluate((i) => {
    const el = document.querySelectorAll('.wbw-node[role=button]')[i];
    if (!el) return null;
    const label = el.getAttribute('aria-label') || '';
    const name = label.includes('. ') ? label.slice(0, label.indexOf('. ')) : label.split('.')[0];
    for (const part of [el.querySelector('.wbw-hit'), el.querySelector('circle'), el]) {
      if (!part) continue;
      const r = part.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      if (document.elementFromPoint(x, y)?.closest('.wbw-node') === el) return { name, x, y };
    }
    const r = el.getBoundingClientRect();
    return { name, x: r.left + r.width / 2, y: r.top + r.height / 2, unchecked: true };
  }, index);
}

/** In page: resolves to performance.now() once the detail panel shows `name` and the node is pressed
 *  (or null after `timeout` ms). */
const WAIT_SELECTED = async ({ index, name, timeout }) => {
  const done = () => {
    const el = document.querySelectorAll('.wbw-node[role=button]')[index];
    const d = document.querySelector('.wbw-detail');
    return !!(el && el.getAttribute('aria-pressed') === 'true' && d && d.textContent.includes(name));
  };
  if (done()) return performance.now();
  return new Promise((resolve) => {
    const timer = setTimeout(() => { mo.disconnect(); resolve(null); }, timeout);
    const mo = new MutationObserver(() => { if (done()) { clearTimeout(timer); mo.disconnect(); resolve(performance.now()); } });
    mo.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
};

/** In page: wait until no long task has ended for `quietMs` (at least `quietMs` from now, at most
 *  `maxMs`). */
const WAIT_QUIET = async ({ quietMs, maxMs }) => {
  const s = window.__wbwBenchStartup;
  const t0 = performance.now();
  for (;;) {
    const last = Math.max(t0, ...s.longTasks.map((e) => e.start + e.duration));
    const now = performance.now();
    if (now - last >= quietMs || now - t0 >= maxMs) return now;
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** The first tap's interaction: its Event Timing entries (over 16 ms) grouped by interactionId;
 *  INP of the tap = the longest entry of the first interaction after `since`. Below the
 *  threshold no entry is made, so the first-input entry (any duration) gives a lower bound. */
function tapInteraction(store, since) {
  const events = store.events.filter((e) => e.interactionId > 0 && e.start >= since - 1);
  const first = events.length ? events.reduce((a, b) => (a.start <= b.start ? a : b)) : null;
  const group = first ? events.filter((e) => e.interactionId === first.interactionId) : [];
  const fi = store.firstInput.find((e) => e.start >= since - 1) || null;
  const inp = group.length ? Math.max(...group.map((e) => e.duration)) : null;
  const worst = group.length ? group.reduce((a, b) => (a.duration >= b.duration ? a : b)) : null;
  // The long tasks that overlapped the interaction (what its input delay waited for).
  const from = first ? first.start : fi ? fi.start : since;
  const to = from + (inp ?? fi?.duration ?? 0);
  const overlapping = store.longTasks.filter((t) => t.start < to && t.start + t.duration > from)
    .map((t) => ({ start: round(t.start), duration: round(t.duration) }));
  return {
    inpMs: inp ?? (fi ? fi.duration : null),
    tapAtMs: round(from),
    overlappingLongTasks: overlapping,
    basis: group.length ? 'event timing (longest entry of the interaction)' : fi ? 'under the 16 ms event threshold; first-input entry' : 'no entry',
    under16: !group.length,
    entries: group.map((e) => ({ name: e.name, start: round(e.start), duration: e.duration, inputDelay: round(e.processingStart - e.start), processing: round(e.processingEnd - e.processingStart), target: e.target })),
    inputDelayMs: worst ? round(worst.processingStart - worst.start) : null,
    processingMs: worst ? round(worst.processingEnd - worst.processingStart) : null,
    firstInput: fi,
  };
}

/** (c) long tasks after first paint and (d) the first tap after start-up, on one page load. */
async function measureStartupAndTap(browser, url, cpuThrottle) {
  const { context, page, errors } = await startupPage(browser, cpuThrottle);
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 90_000 });
    const started = await page.waitForFunction(() => window.__wbwBenchStartup.startedAt, null, { timeout: 60_000, polling: 100 })
      .then((h) => h.jsonValue()).catch(() => null);
    if (started == null) throw new MeasureError(`${url}: the card did not start within 60 s under ${cpuThrottle}× CPU slowdown (#wbw-static still there)`);
    const quietAt = await page.evaluate(WAIT_QUIET, { quietMs: 2000, maxMs: 20_000 });
    const before = await page.evaluate(() => ({
      store: JSON.parse(JSON.stringify(window.__wbwBenchStartup)),
      paints: performance.getEntriesByType('paint').map((e) => ({ name: e.name, start: e.startTime })),
      nav: performance.getEntriesByType('navigation')[0]?.toJSON?.() ?? null,
    }));
    const firstPaint = before.paints.find((p) => p.name === 'first-paint')?.start
      ?? before.paints.find((p) => p.name === 'first-contentful-paint')?.start ?? null;
    const tasks = before.store.longTasks.map((t) => ({ start: round(t.start), duration: round(t.duration), afterFirstPaint: firstPaint != null && t.start + t.duration > firstPaint }));
    // The first tap, once the card is quiet.
    const target = await nodeTarget(page, 1);
    if (!target) throw new MeasureError(`${url}: no second network node (.wbw-node[role=button]) to tap`);
    const since = await page.evaluate(() => performance.now());
    await page.touchscreen.tap(target.x, target.y);
    const shownAt = await page.evaluate(WAIT_SELECTED, { index: 1, name: target.name, timeout: 15_000 });
    await page.waitForTimeout(500); // the entries of the tap's paint are delivered
    const store = await page.evaluate(() => JSON.parse(JSON.stringify(window.__wbwBenchStartup)));
    const tapAt = store.taps.find((t) => t.timeStamp >= since - 1)?.timeStamp ?? null;
    return {
      longTasks: {
        url, cpuThrottle, firstPaintMs: round(firstPaint), startedAtMs: round(started), quietAtMs: round(quietAt),
        paints: before.paints.map((p) => ({ ...p, start: round(p.start) })),
        tasks, afterFirstPaint: tasks.filter((t) => t.afterFirstPaint),
        unsupported: before.store.unsupported,
      },
      tapAfterStartup: {
        url, cpuThrottle, node: target.name, pointUnchecked: !!target.unchecked,
        selected: shownAt != null, tapToSelectedMs: shownAt != null && tapAt != null ? round(shownAt - tapAt) : null,
        ...tapInteraction(store, since),
      },
      pageErrors: errors,
    };
  } finally {
    await context.close();
  }
}

/** (d) the first tap made during start-up: the wasm response is held back (page.route) until
 *  after the tap, then released; boot.js replays the tap once the card runs. */
async function measureTapDuringStartup(browser, url, cpuThrottle) {
  const { context, page, errors } = await startupPage(browser, cpuThrottle);
  let release;
  const held = new Promise((r) => { release = r; });
  let requested;
  const wasmRequested = new Promise((r) => { requested = r; });
  let wasmUrl = null;
  try {
    await page.route(/_bg\.wasm(?:[?#]|$)/, async (route) => {
      wasmUrl = route.request().url();
      requested(performance.now());
      await held;
      await route.continue().catch(() => {});
    });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 90_000 });
    const gotWasm = await Promise.race([wasmRequested.then(() => true), new Promise((r) => setTimeout(() => r(false), 60_000))]);
    if (!gotWasm) throw new MeasureError(`${url}: the page never requested its wasm (*_bg.wasm) within 60 s`);
    const notStarted = await page.evaluate(() => !window.__wbwBenchStartup.startedAt && !!document.getElementById('wbw-static'));
    const target = await nodeTarget(page, 1);
    if (!target) throw new MeasureError(`${url}: no second network node (.wbw-node[role=button]) to tap`);
    const since = await page.evaluate(() => performance.now());
    await page.touchscreen.tap(target.x, target.y);
    // Let the tap's frame be painted, then let the wasm through.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100)))));
    const releasedAt = await page.evaluate(() => performance.now());
    release();
    const shownAt = await page.evaluate(WAIT_SELECTED, { index: 1, name: target.name, timeout: 30_000 });
    await page.waitForFunction(() => window.__wbwBenchStartup.startedAt, null, { timeout: 30_000, polling: 100 }).catch(() => {});
    await page.waitForTimeout(500);
    const store = await page.evaluate(() => JSON.parse(JSON.stringify(window.__wbwBenchStartup)));
    const tapAt = store.taps.find((t) => t.timeStamp >= since - 1)?.timeStamp ?? null;
    return {
      url, cpuThrottle, node: target.name, wasm: wasmUrl, tappedBeforeStart: notStarted, pointUnchecked: !!target.unchecked,
      selected: shownAt != null, started: store.startedAt != null,
      tapToSelectedMs: shownAt != null && tapAt != null ? round(shownAt - tapAt) : null,
      releaseToSelectedMs: shownAt != null ? round(shownAt - releasedAt) : null,
      ...tapInteraction(store, since),
      pageErrors: errors,
    };
  } finally {
    release();
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

function goalRows(result) {
  const rows = [];
  const check = (what, page, value, goal, fmt) => {
    if (!goal || (goal.pages && !goal.pages.includes(page))) return;
    if (value == null) return;
    const ok = goal.max != null ? value <= goal.max : value >= goal.min;
    rows.push({ what, page, value, goal: goal.max != null ? `≤ ${fmt(goal.max)}` : `≥ ${fmt(goal.min)}`, met: ok, shown: fmt(value) });
  };
  for (const [page, p] of Object.entries(result.pages)) {
    check('transfer (brotli)', page, p.transfer?.total, GOALS.transfer, kib);
    const m = p.lighthouse?.median;
    if (!m) continue;
    for (const k of ['performance', 'accessibility', 'best-practices', 'seo']) check(k, page, m[k], GOALS[k], (x) => String(x));
    check('LCP', page, m.lcp, GOALS.lcp, ms);
    check('CLS', page, m.cls, GOALS.cls, (x) => String(round(x, 3)));
    check('TBT', page, m.tbt, GOALS.tbt, ms);
    const ratio = (x) => `${x.toFixed(2)}×`;
    const peer = (key) => result.peers?.[key]?.lighthouse?.median;
    const sl = peer('static list');
    const d3 = peer('D3');
    if (sl?.lcp) {
      check('LCP / static list LCP (medians)', page, m.lcp / sl.lcp, { max: 1.05 }, ratio);
      check(`worst LCP of ${result.runs} / static list median`, page, p.lighthouse.worstLcp / sl.lcp, { max: 1.2 }, ratio);
    }
    if (d3?.lcp) check('LCP / D3 LCP', page, m.lcp / d3.lcp, { max: 1 }, ratio);
    if (d3?.mainThread) check('main-thread work / D3', page, m.mainThread / d3.mainThread, { max: 1 }, ratio);
  }
  const st = result.startup;
  if (st) {
    const lt = st.longTasks;
    const longest = lt.afterFirstPaint.length ? Math.max(...lt.afterFirstPaint.map((t) => t.duration)) : 0;
    rows.push({ what: `long tasks after first paint (${lt.cpuThrottle}× CPU)`, page: path.posix.basename(new URL(lt.url).pathname) || 'index.html',
      value: lt.afterFirstPaint.length, goal: 'none', met: lt.afterFirstPaint.length === 0,
      shown: lt.afterFirstPaint.length ? `${lt.afterFirstPaint.length}, longest ${ms(longest)}` : 'none' });
    for (const [what, t] of [['first-tap INP after start-up', st.tapAfterStartup], ['first-tap INP during start-up', st.tapDuringStartup]]) {
      if (t?.inpMs == null) continue;
      rows.push({ what: `${what} (${t.cpuThrottle}× CPU)`, page: path.posix.basename(new URL(t.url).pathname) || 'index.html', value: t.inpMs, goal: '≤ 100 ms',
        met: t.inpMs <= 100, shown: t.under16 ? `< 16 ms` : ms(t.inpMs) });
    }
  }
  return rows;
}

function printReport(result) {
  const out = [];
  const line = (s = '') => out.push(s);
  const table = (header, rows) => {
    const widths = header.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i] ?? '').length)));
    const fmt = (r) => r.map((c, i) => (i === 0 ? String(c ?? '').padEnd(widths[i]) : String(c ?? '').padStart(widths[i]))).join('  ');
    line(fmt(header));
    line(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const r of rows) line(fmt(r));
  };
  line(`who-backs-whom bench — ${result.label} — ${result.url} — ${result.mode} mode — ${result.date}`);
  const env = result.environment;
  line(`Chromium ${env.chromium}, Lighthouse ${env.lighthouse ?? '–'}, Node ${env.node}, ${env.platform}; `
    + `load average ${env.loadAverageAtStart[0]} at start, ${env.loadAverageAtEnd?.[0]} at end`
    + (Math.max(env.loadAverageAtStart[0], env.loadAverageAtEnd?.[0] ?? 0) > os.cpus().length ? ' (busy machine: timings are noisy)' : ''));
  for (const [page, p] of Object.entries(result.pages)) {
    const t = p.transfer;
    line();
    line(`Transfer: ${page} — ${kib(t.total)} compressed (${kib(t.totalUncompressed)} uncompressed) in ${t.assets.filter((a) => a.counted).length} files`);
    table(['file', 'kind', 'encoding', 'bytes', 'uncompressed', 'counted'],
      t.assets.map((a) => [a.url, a.kind, a.encoding, a.bytes, a.uncompressed ?? '–', a.counted ? 'yes' : `no: ${a.how}`]));
    line(`by kind: ${Object.entries(t.byKind).map(([k, v]) => `${k} ${kib(v)}`).join(', ')}`);
    if (t.background) line(`after load, the service worker fetches ${kib(t.background)} more (its precache; not in the total)`);
    if (t.notBrotli.length) line(`not brotli: ${t.notBrotli.join(', ')}`);
  }
  const lhPages = Object.entries(result.pages).filter(([, p]) => p.lighthouse);
  if (lhPages.length) {
    line();
    line(`Lighthouse (mobile, simulated throttling), median of ${result.runs} run(s)`);
    const cols = lhPages.map(([page]) => page);
    if (result.floor?.lighthouse) cols.push('FLOOR (no script)');
    const get = (col) => (col.startsWith('FLOOR') ? result.floor.lighthouse.median : result.pages[col].lighthouse.median);
    const header = ['metric', ...cols];
    if (result.floor?.lighthouse) header.push(...lhPages.map(([page]) => `${page}/floor`));
    const rows = [];
    const fmts = { fcp: ms, lcp: ms, tbt: ms, si: ms, mainThread: ms, bytes: kib, cls: (x) => (x == null ? '–' : String(round(x, 3))) };
    for (const k of LH_KEYS) {
      const f = fmts[k] || ((x) => (x == null ? '–' : String(x)));
      const r = [LH_LABELS[k] || k, ...cols.map((c) => f(get(c)[k]))];
      if (result.floor?.lighthouse) {
        for (const [page] of lhPages) {
          const a = result.pages[page].lighthouse.median[k];
          const b = result.floor.lighthouse.median[k];
          r.push(k === 'benchmarkIndex' ? '' : a == null || b == null ? '–' : b === 0 ? (a === 0 ? '1.00' : '∞') : (a / b).toFixed(2));
        }
      }
      rows.push(r);
    }
    table(header, rows);
    for (const [page, p] of lhPages) {
      for (const [cat, ids] of Object.entries(p.lighthouse.failing)) if (ids.length) line(`${page} ${cat} failing: ${ids.join(', ')}`);
    }
    if (result.floor?.lighthouse) {
      for (const [cat, ids] of Object.entries(result.floor.lighthouse.failing)) if (ids.length) line(`floor ${cat} failing: ${ids.join(', ')}`);
    }
  }
  const pe = result.peers;
  if (pe && lhPages.length) {
    line();
    line(`Peers (built from ${pe.claimsJson}; Lighthouse runs interleaved with the card's, medians of ${result.runs})`);
    const cols = [...lhPages.map(([page]) => [page, result.pages[page].lighthouse, result.pages[page].transfer.total])];
    if (result.floor?.lighthouse) cols.push(['floor', result.floor.lighthouse, result.floor.transfer]);
    for (const key of Object.keys(PEERS)) if (pe[key]?.lighthouse) cols.push([key, pe[key].lighthouse, pe[key].transfer]);
    const metrics = [
      ['performance', (l) => l.median.performance, (x) => (x == null ? '–' : String(x)), 'no ratio'],
      ['FCP', (l) => l.median.fcp, ms],
      ['LCP', (l) => l.median.lcp, ms],
      [`LCP, worst of ${result.runs}`, (l) => l.worstLcp, ms],
      ['TBT', (l) => l.median.tbt, ms],
      ['main-thread work (LH)', (l) => l.median.mainThread, ms],
      ['transfer (brotli)', (l, t) => t, kib],
    ];
    table(['metric', ...cols.map((c) => c[0])], metrics.map(([label, get, f]) => [label, ...cols.map(([, l, t]) => f(get(l, t)))]));
    const peerCols = Object.keys(PEERS).filter((k) => pe[k]?.lighthouse);
    const pairs = lhPages.flatMap(([page]) => peerCols.map((k) => [page, k]));
    const r = (a, b) => (a == null || b == null ? '–' : b === 0 ? (a === 0 ? '1.00' : '∞') : (a / b).toFixed(2));
    line();
    table(['ratio', ...pairs.map(([page, k]) => `${page} / ${k}`)], metrics.filter((m) => !m[3]).map(([label, get]) => [label, ...pairs.map(([page, k]) => {
      const card = result.pages[page];
      return r(get(card.lighthouse, card.transfer.total), get(pe[k].lighthouse, pe[k].transfer));
    })]));
    line(`D3 bundle (d3-force, d3-selection, d3-drag and the drawn data, minified): ${pe.d3BundleBytes} bytes raw`);
    for (const key of peerCols) if (pe[key].pageErrors?.length) line(`${key} page errors: ${pe[key].pageErrors.slice(0, 3).join(' | ')}`);
  }
  if (result.floor) {
    line(`floor page: ${result.floor.url} (${result.floor.scriptsLeft} script tags left; transfer ${kib(result.floor.transfer)})`);
    const worst = Math.max(...(result.floor.lighthouse?.runs || []).map((r) => r.tbt ?? 0));
    if (worst > 50) line(`NOTE: the script-free floor page had a TBT of up to ${ms(worst)}: the machine was busy, Lighthouse timings of this run are unreliable`);
  }
  const it = result.interaction;
  if (it) {
    line();
    line(`Interaction on ${it.url} (viewport ${it.viewport.width}×${it.viewport.height}, CPU ×${it.cpuThrottle}; card reacted ${ms(it.interactiveAtMs)} after navigation start)`);
    if (it.partFetches.n) line(`parts fetched during the selections: ${it.partFetches.n}, median ${ms(it.partFetches.medianMs)}, max ${ms(it.partFetches.maxMs)} (request to response end), median ${it.partFetches.medianBytes} bytes on the wire`);
    line(`decoding the inline dataset (the card's wbw-decode measure): ${it.decodeMs == null ? 'not measured (no inline dataset on this page)' : `${it.decodeMs} ms, after ${it.readMs} ms taking its text out of the page (wbw-read)`}`);
    table(['measure', 'n', 'median', 'p90', 'max'], [
      ['selection: click → detail painted', it.selection.n, ms(it.selection.medianMs), ms(it.selection.p90Ms), ms(it.selection.maxMs)],
      ['filter: toggle → count painted', it.filter.n, ms(it.filter.medianMs), ms(it.filter.p90Ms), ms(it.filter.maxMs)],
    ]);
    line(`longest frame while filtering: ${ms(it.filter.longestFrameMs)} (rAF deltas over ${it.filter.framesWatched} frames); `
      + `${it.filter.longFramesObserved} ${it.filter.entryType} entries${it.filter.longestLongFrameMs ? `, longest ${ms(it.filter.longestLongFrameMs)}` : ''}`);
    if (it.filter.error) line(`filter note: ${it.filter.error}`);
    const a = it.memory.afterLoad;
    const u = it.memory.afterUse;
    line(`memory after load: wasm linear memory ${mib(a.wasmMemoryBytes)} (${a.wasmMemories} Memory object(s)), JS heap used ${mib(a.jsHeapUsedBytes)} of ${mib(a.jsHeapTotalBytes)}, ${a.domNodes} DOM nodes`);
    line(`memory after the selections and filters: wasm ${mib(u.wasmMemoryBytes)}, JS heap used ${mib(u.jsHeapUsedBytes)}, ${u.domNodes} DOM nodes`);
    if (it.pageErrors.length) line(`page errors: ${it.pageErrors.slice(0, 5).join(' | ')}`);
  }
  const st = result.startup;
  if (st) {
    const lt = st.longTasks;
    line();
    line(`Start-up of ${lt.url} under ${lt.cpuThrottle}× CPU slowdown (Playwright, no Lighthouse): first paint ${ms(lt.firstPaintMs)}, `
      + `card started (#wbw-static removed) ${ms(lt.startedAtMs)}, quiet 2 s until ${ms(lt.quietAtMs)} (times from navigation start)`);
    if (lt.unsupported.length) line(`  not supported by this Chromium: ${lt.unsupported.join(', ')}`);
    if (!lt.tasks.length) line('long tasks (over 50 ms): none');
    else {
      line(`long tasks (over 50 ms): ${lt.tasks.length}, ${lt.afterFirstPaint.length} after first paint`);
      table(['start', 'duration', 'after first paint'], lt.tasks.map((t) => [ms(t.start), ms(t.duration), t.afterFirstPaint ? 'yes' : 'no']));
    }
    const tap = (label, t) => {
      if (!t) return;
      const inp = t.inpMs == null ? '–' : t.under16 ? `< 16 ms (no event entry over 16 ms; first input ${ms(t.inpMs)})` : ms(t.inpMs);
      line(`${label}: node "${t.node}", INP ${inp}`
        + (t.inputDelayMs != null ? ` (input delay ${ms(t.inputDelayMs)}, handlers ${ms(t.processingMs)})` : '')
        + `; ${t.selected ? `actor selected ${ms(t.tapToSelectedMs)} after the tap` : 'the tap did NOT select the actor'}`
        + (t.releaseToSelectedMs != null ? `, ${ms(t.releaseToSelectedMs)} after the wasm was let through` : '')
        + (t.tappedBeforeStart === false ? ' (NOTE: the card had already started when tapped)' : '')
        + (t.pointUnchecked ? ' (tap point not confirmed by elementFromPoint)' : ''));
      if (t.entries?.length) line(`  entries: ${t.entries.map((e) => `${e.name} ${e.duration} ms`).join(', ')}; tap at ${ms(t.tapAtMs)}`);
      if (t.overlappingLongTasks?.length) line(`  long tasks overlapping the interaction: ${t.overlappingLongTasks.map((x) => `${ms(x.duration)} at ${ms(x.start)}`).join(', ')}`);
    };
    tap('first tap after start-up', st.tapAfterStartup);
    tap('first tap during start-up (wasm held back until after the tap)', st.tapDuringStartup);
    const errs = [...(st.pageErrors || []), ...(st.tapDuringStartup?.pageErrors || [])];
    if (errs.length) line(`start-up page errors: ${errs.slice(0, 5).join(' | ')}`);
  }
  line();
  const ext = result.externalRequests;
  line(`Requests to other hosts attempted by Chromium: ${ext.length}, all refused by the bench's proxy guard (none left the machine)`);
  if (ext.length) {
    const counts = {};
    for (const a of ext) { const k = a.replace(/^(\[[^\]]*\] \S+ )(?:https?:\/\/)?([^/:]+).*$/, '$1$2'); counts[k] = (counts[k] || 0) + 1; }
    line(`  ${Object.entries(counts).map(([k, n]) => `${k} ×${n}`).join('; ')}`);
  }
  if (result.goals.length) {
    line();
    line('Goals (a missed goal does not fail this run)');
    table(['goal', 'page', 'measured', 'target', 'met'], result.goals.map((g) => [g.what, g.page, g.shown, g.goal, g.met ? 'yes' : 'NO']));
  }
  if (result.errors.length) {
    line();
    for (const e of result.errors) line(`COULD NOT MEASURE: ${e}`);
  }
  console.log(out.join('\n'));
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const result = {
    label: opts.label, url: opts.url, mode: opts.quick ? 'quick' : 'full', date: new Date().toISOString(),
    runs: opts.runs, pages: {}, floor: null, peers: null, interaction: null, startup: null, goals: [], errors: [], externalRequests: [],
    environment: { node: process.version, chromium: null, lighthouse: null, platform: `${os.platform()} ${os.arch()}, ${os.cpus().length} CPUs`, loadAverageAtStart: os.loadavg().map((x) => round(x, 2)), loadAverageAtEnd: null },
  };
  // Is the server up?
  try {
    await rawGet(opts.url, { 'accept-encoding': 'br' });
  } catch (e) {
    console.error(`bench.mjs: cannot reach ${opts.url}: ${e.message}`);
    process.exit(1);
  }
  const guard = await startGuard();
  const browser = await chromium.launch({ executablePath: CHROME_PATH, args: [...CHROME_FLAGS, guard.flag] });
  result.environment.chromium = browser.version();
  let floor = null;
  let peers = null;
  try {
    for (const page of opts.pages) {
      guard.phase = `transfer ${page}`;
      process.stderr.write(`transfer: ${page}\n`);
      const t = await measureTransfer(browser, opts.url, page);
      const { html, ...transfer } = t;
      result.pages[page] = { transfer, _html: html };
    }
    const saveAs = (name) => (opts.saveReports
      ? (mkdirSync(opts.saveReports, { recursive: true }), path.join(opts.saveReports, `${opts.label}-${name.replace(/\W+/g, '-')}`))
      : null);
    const targets = opts.pages.map((page) => ({ key: page, url: new URL(page, opts.url).href, saveAs: saveAs(page) }));
    if (opts.floor) {
      const source = result.pages['index.html'] ? 'index.html' : opts.pages[0];
      guard.phase = 'floor';
      floor = await makeFloor(opts.url, source, result.pages[source]._html);
      const floorTransfer = (await measureTransfer(browser, floor.url.replace(/[^/]*$/, ''), floor.url.split('/').pop() || 'index.html'));
      result.floor = { from: source, url: floor.url, scriptsLeft: floor.scripts, copied: floor.copied, transfer: floorTransfer.total };
      targets.push({ key: 'floor', url: floor.url, saveAs: saveAs('floor') });
    }
    if (opts.peers) {
      guard.phase = 'peers';
      process.stderr.write('peers: building the static list and the D3 graph from claims.json\n');
      peers = await makePeers(opts.url);
      result.peers = { claimsJson: peers.claimsUrl, d3BundleBytes: peers.d3BundleBytes };
      for (const [key, sub] of Object.entries(PEERS)) {
        const base = new URL(sub, peers.url).href;
        const t = await measureTransfer(browser, base, 'index.html');
        result.peers[key] = { url: base, transfer: t.total, byKind: t.byKind, assets: t.assets.map(({ url, kind, bytes, encoding }) => ({ url, kind, bytes, encoding })), pageErrors: t.pageErrors };
        targets.push({ key, url: base, saveAs: saveAs(key) });
      }
    }
    process.stderr.write(`lighthouse: ${targets.map((t) => t.key).join(', ')}, ${opts.runs} run(s) each, interleaved\n`);
    const lh = await measureLighthouseInterleaved(targets, opts.runs, guard);
    for (const page of opts.pages) result.pages[page].lighthouse = lh[page];
    result.environment.lighthouse = lh[opts.pages[0]].lighthouseVersion;
    if (result.floor) result.floor.lighthouse = lh.floor;
    if (result.peers) for (const key of Object.keys(PEERS)) result.peers[key].lighthouse = lh[key];
    const interactPage = result.pages['index.html'] ? 'index.html' : opts.pages[0];
    process.stderr.write(`interaction: ${interactPage}\n`);
    guard.phase = `interaction ${interactPage}`;
    result.interaction = await measureInteractions(browser, new URL(interactPage, opts.url).href, opts);
    if (opts.startup) {
      const url = new URL(interactPage, opts.url).href;
      process.stderr.write(`start-up under ${opts.startupThrottle}× CPU: long tasks and the first tap (${interactPage})\n`);
      guard.phase = `start-up ${interactPage}`;
      const after = await measureStartupAndTap(browser, url, opts.startupThrottle);
      process.stderr.write(`start-up: a tap while the wasm is held back\n`);
      const during = await measureTapDuringStartup(browser, url, opts.startupThrottle);
      result.startup = { longTasks: after.longTasks, tapAfterStartup: after.tapAfterStartup, tapDuringStartup: during, pageErrors: after.pageErrors };
    }
  } catch (e) {
    if (!(e instanceof MeasureError)) result.errors.push(`${e.stack || e}`);
    else result.errors.push(e.message);
  } finally {
    await browser.close().catch(() => {});
    for (const served of [floor, peers]) {
      if (!served) continue;
      served.server.close();
      rmSync(served.dir, { recursive: true, force: true });
    }
    guard.server.close();
  }
  for (const p of Object.values(result.pages)) delete p._html;
  result.environment.loadAverageAtEnd = os.loadavg().map((x) => round(x, 2));
  result.externalRequests = guard.attempts;
  result.goals = goalRows(result);
  printReport(result);
  if (opts.json) {
    mkdirSync(path.dirname(path.resolve(opts.json)), { recursive: true });
    writeFileSync(opts.json, JSON.stringify(result, null, 2) + '\n');
    console.log(`\nJSON written to ${opts.json}`);
  }
  process.exit(result.errors.length ? 1 : 0);
}

await main();
