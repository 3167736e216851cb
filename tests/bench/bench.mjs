// Benchmarks of the built card against a running server (see BENCHMARKS.md).
//
//   node tests/bench/bench.mjs --url http://127.0.0.1:PORT/ [--quick] [--json out.json] [--label name]
//        [--pages index.html,embed.html] [--runs N] [--selections N] [--cpu-throttle X]
//        [--no-floor] [--save-reports DIR]
//
// Measures, and prints as a table (and as JSON with --json):
//   1. transfer: compressed bytes of each page and of every asset it loads (accept-encoding: br,
//      raw bytes counted with node:http, which does not decompress);
//   2. Lighthouse (default mobile settings: simulated throttling) on each page, median of N runs
//      (3, or 1 with --quick), and on the FLOOR: index.html without any script, served from a temp dir;
//   3. in Playwright: selection latency (click on a network node until the detail panel is painted),
//      filter latency (toggle a stance checkbox until the count updates), the longest frame while
//      filtering, and memory after load (wasm linear memory, JS heap).
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
  const opts = { quick: false, floor: true, pages: ['index.html', 'embed.html'], cpuThrottle: 1 };
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
  if (!opts.pages.length) usage('--pages is empty');
  opts.runs ??= opts.quick ? 1 : 3;
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
    + '[--no-floor] [--save-reports DIR]');
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
    attempts.push(`[${guard.phase}] ${req.method} ${req.url.split('?')[0]}`);
    res.writeHead(403, { 'content-type': 'text/plain' });
    res.end('blocked by the bench network guard');
  });
  server.on('connect', (req, socket) => {
    attempts.push(`[${guard.phase}] CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
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
    runtimeError: lhr.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : null,
    runWarnings: lhr.runWarnings || [],
    failing,
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
    lighthouseVersion: lhr.lighthouseVersion,
    userAgent: lhr.environment?.hostUserAgent,
  };
}

const LH_LABELS = { fcp: 'FCP', lcp: 'LCP', cls: 'CLS', tbt: 'TBT', si: 'Speed Index', bytes: 'bytes (LH total-byte-weight)', benchmarkIndex: 'CPU benchmarkIndex (LH)' };
const LH_KEYS = ['performance', 'accessibility', 'best-practices', 'seo', 'fcp', 'lcp', 'cls', 'tbt', 'si', 'bytes', 'benchmarkIndex'];

async function measureLighthouse(url, runs, guardFlag, saveAs) {
  const all = [];
  for (let i = 0; i < runs; i++) {
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
    all.push(s);
    process.stderr.write(`  lighthouse ${url} run ${i + 1}/${runs}: perf ${s.performance}, LCP ${ms(s.lcp)}, `
      + `TBT ${ms(s.tbt)}, CLS ${round(s.cls, 3)} (${s.seconds} s, benchmarkIndex ${s.benchmarkIndex})\n`);
    if (saveAs) writeFileSync(`${saveAs}-${i + 1}.json`, JSON.stringify(lhr));
  }
  const med = {};
  for (const k of LH_KEYS) med[k] = median(all.map((r) => r[k]));
  // Audits that failed in every run (one-off flakes are left out of the summary).
  const failing = {};
  for (const cat of Object.keys(all[0].failing)) {
    failing[cat] = all[0].failing[cat].filter((a) => all.every((r) => r.failing[cat]?.includes(a)));
  }
  return {
    url, runs: all.map(({ failing: _f, runWarnings: _w, userAgent: _u, lighthouseVersion: _v, ...r }) => r),
    median: med, failing, runWarnings: [...new Set(all.flatMap((r) => r.runWarnings))],
    lighthouseVersion: all[0].lighthouseVersion, userAgent: all[0].userAgent,
  };
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
  return { context, page, client, errors, interactiveAt: interactive };
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
  const { context, page, client, errors, interactiveAt } = await openHydrated(browser, url, opts.cpuThrottle);
  try {
    const afterLoad = await memoryFigures(page, client);
    let selections;
    try {
      selections = await page.evaluate(SELECTION_SERIES, { count: opts.selections, timeout: 30_000 });
    } catch (e) {
      throw new MeasureError(`selection on ${url}: ${e.message.split('\n')[0]}`);
    }
    const filter = await page.evaluate(FILTER_SERIES, { count: opts.filters, timeout: 30_000 });
    if (filter.error && !filter.samples?.length) throw new MeasureError(`filter on ${url}: ${filter.error}`);
    const afterUse = await memoryFigures(page, client);
    const sel = selections.map((s) => s.ms);
    const fil = (filter.samples || []).map((s) => s.ms);
    return {
      url, cpuThrottle: opts.cpuThrottle, viewport: page.viewportSize(),
      interactiveAtMs: round(interactiveAt),
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
    const fmts = { fcp: ms, lcp: ms, tbt: ms, si: ms, bytes: kib, cls: (x) => (x == null ? '–' : String(round(x, 3))) };
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
  if (result.floor) {
    line(`floor page: ${result.floor.url} (${result.floor.scriptsLeft} script tags left; transfer ${kib(result.floor.transfer)})`);
    const worst = Math.max(...(result.floor.lighthouse?.runs || []).map((r) => r.tbt ?? 0));
    if (worst > 50) line(`NOTE: the script-free floor page had a TBT of up to ${ms(worst)}: the machine was busy, Lighthouse timings of this run are unreliable`);
  }
  const it = result.interaction;
  if (it) {
    line();
    line(`Interaction on ${it.url} (viewport ${it.viewport.width}×${it.viewport.height}, CPU ×${it.cpuThrottle}; card reacted ${ms(it.interactiveAtMs)} after navigation start)`);
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
    runs: opts.runs, pages: {}, floor: null, interaction: null, goals: [], errors: [], externalRequests: [],
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
  try {
    for (const page of opts.pages) {
      guard.phase = `transfer ${page}`;
      process.stderr.write(`transfer: ${page}\n`);
      const t = await measureTransfer(browser, opts.url, page);
      const { html, ...transfer } = t;
      result.pages[page] = { transfer, _html: html };
    }
    for (const page of opts.pages) {
      const url = new URL(page, opts.url).href;
      guard.phase = `lighthouse ${page}`;
      const saveAs = opts.saveReports ? (mkdirSync(opts.saveReports, { recursive: true }), path.join(opts.saveReports, `${opts.label}-${page.replace(/\W+/g, '-')}`)) : null;
      result.pages[page].lighthouse = await measureLighthouse(url, opts.runs, guard.flag, saveAs);
      result.environment.lighthouse = result.pages[page].lighthouse.lighthouseVersion;
    }
    if (opts.floor) {
      const source = result.pages['index.html'] ? 'index.html' : opts.pages[0];
      guard.phase = 'floor';
      floor = await makeFloor(opts.url, source, result.pages[source]._html);
      const floorTransfer = (await measureTransfer(browser, floor.url.replace(/[^/]*$/, ''), floor.url.split('/').pop() || 'index.html'));
      const saveAs = opts.saveReports ? path.join(opts.saveReports, `${opts.label}-floor`) : null;
      result.floor = {
        from: source, url: floor.url, scriptsLeft: floor.scripts, copied: floor.copied,
        transfer: floorTransfer.total, lighthouse: await measureLighthouse(floor.url, opts.runs, guard.flag, saveAs),
      };
    }
    const interactPage = result.pages['index.html'] ? 'index.html' : opts.pages[0];
    process.stderr.write(`interaction: ${interactPage}\n`);
    guard.phase = `interaction ${interactPage}`;
    result.interaction = await measureInteractions(browser, new URL(interactPage, opts.url).href, opts);
  } catch (e) {
    if (!(e instanceof MeasureError)) result.errors.push(`${e.stack || e}`);
    else result.errors.push(e.message);
  } finally {
    await browser.close().catch(() => {});
    if (floor) {
      floor.server.close();
      rmSync(floor.dir, { recursive: true, force: true });
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
