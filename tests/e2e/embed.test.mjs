// End-to-end: the card embedded in host pages on ANOTHER origin, both ways
// (iframe + embed-loader.js, and the <who-backs-whom> element / JS API from
// element.js), in Debian's Chromium. Host pages are served by Playwright at
// http://news.example from web/demo/ (or written here), with __WBW_CARD__
// replaced by the card's base URL (WBW_URL, served by the card's own server).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { launchChromium, open } from './support.mjs';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

const URL_BASE = process.env.WBW_URL;
const CARD = URL_BASE ? URL_BASE.replace(/\/+$/, '') : '';
const CARD_ORIGIN = URL_BASE ? new URL(URL_BASE).origin : '';
const HOST = 'http://news.example';
/** The same host over https: there the card's iframe is a secure context (service workers, Cache Storage). */
const HOST_TLS = 'https://news.example';
const DEMO = new URL('../../web/demo/', import.meta.url);
const ARTEFACTS = 'test-results';
mkdirSync(ARTEFACTS, { recursive: true });

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const T = { timeout: 180_000 };

/** Every request and every storage finding of every context, checked by test (f). */
const ALL = { requests: [], storage: [], contexts: 0 };
let browser;

before(async () => {
  assert.ok(URL_BASE, 'WBW_URL (the card server) is set');
  browser = await launchChromium([
      // The card server is on loopback here; in real use it is a public origin. Without this,
      // Chromium's Private/Local Network Access blocks a public http host page from loading it.
      '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights']);
});
after(async () => { await browser?.close(); });

// ---------------------------------------------------------------- host pages

function demo(name) {
  return readFileSync(new URL(name, DEMO), 'utf8');
}

const TYPES = { html: 'text/html; charset=utf-8', css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' };

/** Serves http://news.example/<name> from `pages` (strings) or web/demo/; HTML gets __WBW_CARD__ replaced. */
function hostRoute({ pages = {}, headers = {} }) {
  return async (route) => {
    const url = new URL(route.request().url());
    const name = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
    let body = pages[name];
    if (body === undefined && /^[\w.-]+$/.test(name) && existsSync(new URL(name, DEMO))) body = demo(name);
    if (body === undefined) return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' });
    const type = TYPES[name.split('.').pop()] ?? 'application/octet-stream';
    const extra = type.startsWith('text/html') ? headers : {};
    if (type.startsWith('text/html')) body = body.replaceAll('__WBW_CARD__', CARD);
    return route.fulfill({ status: 200, headers: { 'content-type': type, 'cache-control': 'no-store', ...extra }, body });
  };
}

/** A neutral host page: the same two embeds as the demo, no CSS of its own. */
const NEUTRAL = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Neutral host</title><link rel="icon" href="data:,"></head>
<body>
<iframe src="__WBW_CARD__/embed.html#focus=myanmar-junta" title="Who backs Myanmar's junta?" data-who-backs-whom loading="lazy" width="100%" height="760"></iframe>
<script src="__WBW_CARD__/embed-loader.js" defer></script>
<script type="module" src="__WBW_CARD__/element.js"></script>
<who-backs-whom focus="belarus" view="list"><p><a href="__WBW_CARD__/index.html#focus=belarus&amp;view=list">Who backs Belarus?</a></p></who-backs-whom>
</body></html>`;

/** A blank host page for the JS API. */
const API_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>JS API host</title><link rel="icon" href="data:,"></head>
<body>
<div id="a"><a class="fallback" href="__WBW_CARD__/index.html">Card A: open the card</a></div>
<div id="b"></div>
<div id="c"></div>
</body></html>`;

const page1 = (body) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Host</title><link rel="icon" href="data:,"></head><body>${body}</body></html>`;

/** A browser context whose host origin is http://news.example; records requests and console. */
async function host({ viewport = DESKTOP, touch = false, pages = {}, headers = {}, serviceWorkers = 'allow' } = {}) {
  const { context, page, requests, errors } = await open(browser, { viewport, touch, serviceWorkers });
  ALL.contexts += 1;
  await context.route(`${HOST}/**`, hostRoute({ pages, headers }));
  await context.route(`${HOST_TLS}/**`, hostRoute({ pages, headers }));
  context.on('request', (r) => ALL.requests.push(r.url()));
  const console = [];
  page.on('console', (m) => console.push({ type: m.type(), text: m.text() }));
  return { context, page, console, errors, requests };
}

/** Checks cookies and storage on every origin the context touched, then closes it. */
async function finish(s) {
  const { context, page } = s;
  const found = [];
  const state = await context.storageState({ indexedDB: true });
  if (state.cookies.length) found.push(`cookies: ${JSON.stringify(state.cookies)}`);
  for (const o of state.origins) {
    if (o.localStorage?.length) found.push(`${o.origin} localStorage: ${JSON.stringify(o.localStorage)}`);
    if (o.indexedDB?.length) found.push(`${o.origin} indexedDB: ${o.indexedDB.map((d) => d.name)}`);
  }
  for (const frame of page.frames()) {
    if (!frame.url().startsWith('http')) continue;
    const r = await frame.evaluate(async () => ({
      origin: location.origin,
      cookie: document.cookie,
      local: localStorage.length,
      session: sessionStorage.length,
      idb: indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [],
      caches: self.caches ? await self.caches.keys() : [],
      workers: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0,
    })).catch(() => null);
    if (!r) continue;
    if (r.cookie) found.push(`${r.origin} document.cookie: ${r.cookie}`);
    if (r.local) found.push(`${r.origin} localStorage has ${r.local} items`);
    if (r.session) found.push(`${r.origin} sessionStorage has ${r.session} items`);
    if (r.idb.length) found.push(`${r.origin} indexedDB: ${r.idb}`);
    if (r.caches.length) found.push(`${r.origin} Cache Storage: ${r.caches}`);
    if (r.workers) found.push(`${r.origin} ${r.workers} service worker registration(s)`);
  }
  ALL.storage.push(...found);
  await context.close();
  return found;
}

// ---------------------------------------------------------------- helpers

async function poll(fn, ok, { timeout = 8000, interval = 100, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let value;
  for (;;) {
    value = await fn();
    if (ok(value)) return value;
    if (Date.now() > end) assert.fail(`${message}: last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** The Frame of the card iframe (scrolled into view, since it loads lazily), once its card is there. */
async function cardFrame(page, selector = 'iframe[data-who-backs-whom]') {
  const element = page.locator(selector).first();
  await element.scrollIntoViewIfNeeded();
  const frame = await (await element.elementHandle()).contentFrame();
  await frame.waitForURL(/\/embed\.html/);
  await frame.locator('section.wbw').waitFor();
  // The card is prerendered; it reacts once the wasm has hydrated it.
  await frame.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')));
  await frame.waitForLoadState('load');
  await frame.waitForTimeout(300);
  return frame;
}

/** Waits for the element's card (inside its shadow root) to be mounted and shown. */
async function elementCard(page, selector = 'who-backs-whom') {
  const host = page.locator(selector).first();
  await host.scrollIntoViewIfNeeded();
  await host.locator('section.wbw').waitFor();
  await poll(() => host.evaluate((h) => !!h.shadowRoot && !h.shadowRoot.querySelector('.wbw-host').hidden), Boolean,
    { message: `${selector}: the card is shown` });
  return host;
}

/** Taps or clicks `target` until `detail` shows (a tap before hydration does nothing). */
async function select(target, detail, touch) {
  for (let i = 0; i < 6; i++) {
    if (touch) await target.tap(); else await target.click();
    try {
      await detail.waitFor({ timeout: 1500 });
      return;
    } catch { /* not hydrated yet */ }
  }
  assert.fail('the detail panel did not open');
}

/** The detail panel's claims: each says who makes it. */
async function readClaims(detail) {
  const by = detail.locator('.wbw-claim-by');
  const n = await by.count();
  assert.ok(n > 0, 'the detail panel lists claims');
  for (let i = 0; i < n; i++) {
    assert.match(await by.nth(i).innerText(), /^(Stated by|Reported by|Alleged by|Disputed; claimed by)\s+\S/,
      'every claim names who makes it');
  }
  return detail.innerText();
}

/** Height of the iframe's viewport vs. the height of the document inside it. */
async function fit(frame) {
  return frame.evaluate(() => {
    const root = document.documentElement;
    const card = document.querySelector('section.wbw').getBoundingClientRect();
    return {
      viewport: innerHeight,
      doc: Math.ceil(root.getBoundingClientRect().height),
      scroll: root.scrollHeight,
      cardBottom: Math.ceil(card.bottom + scrollY),
    };
  });
}

/** Waits until the iframe's height follows its document (within 2 px), with no scrolling and no gap. */
async function fitted(frame, what) {
  return poll(() => fit(frame),
    (f) => Math.abs(f.viewport - f.doc) <= 2 && f.scroll <= f.viewport + 2 && f.viewport - f.cardBottom <= 48,
    { message: `${what}: iframe height follows the card (viewport, document height, scroll height, card bottom)` });
}

function warnings(s) {
  return s.console.filter((m) => m.type === 'warning' && m.text.startsWith('who-backs-whom:'));
}

async function shot(locator, name) {
  const path = `${ARTEFACTS}/embed-${name}.png`;
  const isPage = typeof locator.goto === 'function';
  await locator.screenshot({ path, ...(isPage ? { fullPage: true } : {}) });
  return readFileSync(path);
}

// ---------------------------------------------------------------- (a)

for (const [name, viewport, touch] of [['phone', PHONE, true], ['desktop', DESKTOP, false]]) {
  test(`(a) ${name} ${viewport.width}px: both embeds on the demo article render; tap an actor in each and read its attributed claims`, T, async () => {
    const s = await host({ viewport, touch });
    const { page } = s;
    await page.goto(`${HOST}/index.html`);

    const element = await elementCard(page);
    assert.ok(await page.locator('who-backs-whom .embed-fallback a').isHidden(), 'the fallback link is hidden once the card is shown');
    assert.match(await element.locator('.wbw-focus-title').innerText(), /Belarus/);
    assert.equal(await element.locator('.wbw-tab[aria-pressed=true]').innerText(), 'List');

    const frame = await cardFrame(page);
    assert.match(await frame.locator('.wbw-focus-title').innerText(), /Myanmar/);
    await shot(page, `demo-${viewport.width}`);

    await element.scrollIntoViewIfNeeded();
    await select(element.locator('.wbw-actor').first(), element.locator('.wbw-detail'), touch);
    const elementText = await readClaims(element.locator('.wbw-detail'));
    assert.match(elementText, /Belarus|Lukashenko/, 'the claims are about the focus (Belarus)');

    const belarus = frame.locator('.wbw-node[role=button][aria-label^="Belarus."]');
    await select(belarus, frame.locator('.wbw-detail'), touch);
    const frameText = await readClaims(frame.locator('.wbw-detail'));
    assert.match(frameText, /Alleged by\s+Justice For Myanmar/);
    assert.match(frameText, /air defense command systems/);
    await shot(page, `demo-selected-${viewport.width}`);

    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= viewport.width, `no horizontal scrolling on the host page (${width} > ${viewport.width})`);
    assert.deepEqual(s.errors, []);
    assert.deepEqual(warnings(s), []);
    await finish(s);
  });
}

// ---------------------------------------------------------------- (b)

test('(b) the loader sizes the iframe to its card: detail open and closed, 320 px and 1280 px', T, async () => {
  const s = await host({ viewport: DESKTOP });
  const { page } = s;
  await page.goto(`${HOST}/index.html`);
  const frame = await cardFrame(page);
  const closed = await fitted(frame, 'initial');
  assert.notEqual(closed.viewport, 760, 'the iframe no longer has its fixed height');

  await select(frame.locator('.wbw-node[role=button][aria-label^="Belarus."]'), frame.locator('.wbw-detail'), false);
  const open = await fitted(frame, 'detail open');
  assert.ok(open.viewport > closed.viewport + 50, `the iframe grows with the detail panel (${closed.viewport} → ${open.viewport})`);
  await shot(page.locator('iframe[data-who-backs-whom]'), 'resize-open');

  await frame.locator('.wbw-close').click();
  await frame.locator('.wbw-detail').waitFor({ state: 'detached' });
  const reclosed = await fitted(frame, 'detail closed');
  assert.ok(Math.abs(reclosed.viewport - closed.viewport) <= 2, `the iframe shrinks back (${open.viewport} → ${reclosed.viewport}, was ${closed.viewport})`);

  await page.setViewportSize({ width: 320, height: 800 });
  const narrow = await fitted(frame, '320 px');
  await shot(page, 'resize-320');
  await page.setViewportSize(DESKTOP);
  const wide = await fitted(frame, '1280 px');
  assert.ok(Math.abs(wide.viewport - closed.viewport) <= 2, `back at 1280 px the height is as before (${wide.viewport} vs ${closed.viewport})`);
  assert.ok(narrow.viewport !== wide.viewport, `the height follows the width (320: ${narrow.viewport}, 1280: ${wide.viewport})`);
  assert.deepEqual(s.errors, []);
  await finish(s);
});

test('(b) height messages of the wrong shape or from another source are ignored', T, async () => {
  const s = await host({ viewport: DESKTOP });
  const { page } = s;
  await page.goto(`${HOST}/index.html`);
  const frame = await cardFrame(page);
  const { viewport: height } = await fitted(frame, 'initial');
  const iframeHeight = () => frame.evaluate(() => innerHeight);

  // From the host page itself, with the right shape.
  await page.evaluate(() => {
    window.postMessage({ type: 'who-backs-whom:height', height: 150 }, '*');
    window.postMessage({ sentinel: 'amp', type: 'embed-size', height: 150 }, '*');
  });
  // From another frame on the host's origin that claims to be an embed (srcdoc: no src origin).
  await page.evaluate(() => new Promise((resolve) => {
    const spoof = document.createElement('iframe');
    spoof.name = 'spoof';
    spoof.setAttribute('data-who-backs-whom', '');
    spoof.height = '123';
    spoof.srcdoc = '<p>spoof</p>';
    spoof.addEventListener('load', resolve, { once: true });
    document.body.append(spoof);
  }));
  const spoofHeight = () => page.locator('iframe[name=spoof]').evaluate((f) => f.getBoundingClientRect().height);
  const spoofBefore = await spoofHeight();
  await page.frame({ name: 'spoof' }).evaluate(() => {
    parent.postMessage({ type: 'who-backs-whom:height', height: 333 }, '*');
    parent.postMessage({ sentinel: 'amp', type: 'embed-size', height: 333 }, '*');
  });
  // From the card's frame, with the wrong shapes.
  await frame.evaluate(() => {
    for (const m of [
      { type: 'who-backs-whom:height', height: 50 },
      { type: 'who-backs-whom:height', height: 30000 },
      { type: 'who-backs-whom:height', height: '500' },
      { type: 'who-backs-whom:height', height: Number.NaN },
      { type: 'who-backs-whom:height', height: Number.POSITIVE_INFINITY },
      { type: 'who-backs-whom:height', height: 500, extra: true },
      { type: 'who-backs-whom:size', height: 500 },
      { sentinel: 'amp', type: 'embed-size', height: 500, width: 300 },
      { type: 'embed-size', height: 500 },
      { height: 500 },
      JSON.stringify({ type: 'who-backs-whom:height', height: 500 }),
      [500],
      500,
    ]) parent.postMessage(m, '*');
  });
  await page.waitForTimeout(600);
  assert.equal(await iframeHeight(), height, 'the card iframe kept its height');
  assert.equal(await spoofHeight(), spoofBefore, 'the spoof frame was not resized');

  // The same path does accept well-formed messages from the card's frame (so the checks above can fail).
  await frame.evaluate(() => parent.postMessage({ type: 'who-backs-whom:height', height: 432 }, '*'));
  await poll(iframeHeight, (h) => h === 432, { message: 'a valid message from the card frame resizes it' });
  await frame.evaluate(() => parent.postMessage({ sentinel: 'amp', type: 'embed-size', height: 444 }, '*'));
  await poll(iframeHeight, (h) => h === 444, { message: 'the AMP form is accepted too' });
  assert.deepEqual(s.errors, []);
  await finish(s);
});

test('(b) without the loader the iframe keeps its fixed height and still works', T, async () => {
  const html = demo('index.html');
  const tag = /\s*<script src="__WBW_CARD__\/embed-loader\.js" defer><\/script>/;
  assert.match(html, tag, 'the demo page includes the loader (so removing it means something)');
  const s = await host({ viewport: DESKTOP, pages: { 'index.html': html.replace(tag, '') } });
  const { page } = s;
  await page.goto(`${HOST}/index.html`);
  const frame = await cardFrame(page);
  await page.waitForTimeout(800);
  assert.equal(await frame.evaluate(() => innerHeight), 760);
  await select(frame.locator('.wbw-node[role=button][aria-label^="Belarus."]'), frame.locator('.wbw-detail'), false);
  await readClaims(frame.locator('.wbw-detail'));
  await page.waitForTimeout(500);
  assert.equal(await frame.evaluate(() => innerHeight), 760, 'still 760 px with the detail open');
  await shot(page.locator('iframe[data-who-backs-whom]'), 'no-loader');
  assert.deepEqual(s.errors, []);
  await finish(s);
});

// ---------------------------------------------------------------- (c)

/** A screenshot of the card inside the iframe, clipped from the page (element screenshots of
 * a cross-origin frame's content ignore the iframe's padding and border, and leave what is out
 * of view unpainted): the whole iframe is brought into a tall viewport first. */
async function frameCardShot(page, frame, name) {
  const iframe = page.locator('iframe[data-who-backs-whom]');
  await iframe.evaluate((f) => f.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(300);
  const box = await iframe.evaluate((f) => {
    const r = f.getBoundingClientRect();
    const c = getComputedStyle(f);
    return { x: r.x + parseFloat(c.borderLeftWidth) + parseFloat(c.paddingLeft), y: r.y + parseFloat(c.borderTopWidth) + parseFloat(c.paddingTop) };
  });
  const inner = await frame.locator('section.wbw').evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  const viewport = page.viewportSize();
  const clip = { x: Math.round(box.x + inner.x), y: Math.round(box.y + inner.y), width: Math.round(inner.width), height: Math.round(inner.height) };
  assert.ok(clip.x >= 0 && clip.y >= 0 && clip.x + clip.width <= viewport.width && clip.y + clip.height <= viewport.height,
    `${name}: the card in the iframe is in view for its screenshot (${JSON.stringify(clip)})`);
  const path = `${ARTEFACTS}/embed-${name}.png`;
  await page.screenshot({ path, clip });
  return readFileSync(path);
}

/** Screenshots and computed styles of both cards on a host page, after trying them. */
async function cardsOn(path, pages = {}) {
  const s = await host({ viewport: { width: 1280, height: 1800 }, pages });
  const { page } = s;
  await page.goto(`${HOST}/${path}`);
  // The same size on both pages (the card's layout follows its width): the test sets the
  // iframe's width and that of the element's parent (card.css resets the element's own box).
  await page.locator('iframe[data-who-backs-whom]').evaluate((e) => e.style.setProperty('width', '720px', 'important'));
  await page.locator('who-backs-whom').evaluate((e) => e.parentElement.style.setProperty('width', '720px', 'important'));
  const element = await elementCard(page);
  const frame = await cardFrame(page);
  await fitted(frame, `${path}: iframe`);
  await page.evaluate(() => document.fonts.ready);
  await frame.evaluate(() => document.fonts.ready);
  const style = (el) => {
    const c = getComputedStyle(el);
    return { direction: c.direction, fontFamily: c.fontFamily, fontSize: c.fontSize, fontWeight: c.fontWeight,
      letterSpacing: c.letterSpacing, lineHeight: c.lineHeight, color: c.color, textTransform: c.textTransform, textAlign: c.textAlign };
  };
  const name = path.replace('.html', '');
  const result = {
    s,
    elementShot: await shot(element.locator('section.wbw'), `${name}-element`),
    frameShot: await frameCardShot(page, frame, `${name}-iframe`),
    elementStyle: await element.locator('.wbw-focus-title').evaluate(style),
    elementText: await element.locator('section.wbw p').first().evaluate(style),
    frameStyle: await frame.locator('.wbw-focus-title').evaluate(style),
  };
  await shot(page, `${name}-page`);
  await select(element.locator('.wbw-actor').first(), element.locator('.wbw-detail'), false);
  await readClaims(element.locator('.wbw-detail'));
  await select(frame.locator('.wbw-node[role=button][aria-label^="Belarus."]'), frame.locator('.wbw-detail'), false);
  assert.match(await readClaims(frame.locator('.wbw-detail')), /Justice For Myanmar/);
  await shot(page, `${name}-selected`);
  return result;
}

function compare(a, b, name) {
  const x = PNG.sync.read(a);
  const y = PNG.sync.read(b);
  assert.deepEqual([x.width, x.height], [y.width, y.height], `${name}: same size on the hostile page as on a neutral one`);
  const diff = new PNG({ width: x.width, height: x.height });
  const changed = pixelmatch(x.data, y.data, diff.data, x.width, x.height, { threshold: 0.1 });
  writeFileSync(`${ARTEFACTS}/embed-diff-${name}.png`, PNG.sync.write(diff));
  const share = changed / (x.width * x.height);
  assert.ok(share <= 0.002, `${name}: ${changed} pixels (${(share * 100).toFixed(2)} %) differ from the neutral page`);
}

test('(c) a hostile host page (global !important CSS, rtl, common globals): both embeds look and work as on a neutral page', T, async () => {
  const neutral = await cardsOn('neutral.html', { 'neutral.html': NEUTRAL });
  const hostile = await cardsOn('hostile.html');
  const { page } = hostile.s;

  // Collect every difference, so that one run shows them all.
  const failures = [];
  const check = (fn) => { try { fn(); } catch (e) { failures.push(e.message); } };
  // The host's rtl and fonts do not leak in.
  for (const [what, style] of [['element title', hostile.elementStyle], ['element text', hostile.elementText], ['iframe title', hostile.frameStyle]]) {
    check(() => assert.equal(style.direction, 'ltr', `${what}: direction`));
    check(() => assert.doesNotMatch(style.fontFamily, /Comic|cursive/, `${what}: font-family`));
    check(() => assert.equal(style.letterSpacing, 'normal', `${what}: letter-spacing`));
    check(() => assert.notEqual(style.color, 'rgb(255, 0, 255)', `${what}: colour`));
    check(() => assert.equal(style.textTransform, 'none', `${what}: text-transform`));
  }
  const same = (what, a, b) => check(() => assert.deepEqual(a, b,
    `${what}: computed style differs from a neutral page: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`));
  same('element title', hostile.elementStyle, neutral.elementStyle);
  same('element text', hostile.elementText, neutral.elementText);
  same('iframe title', hostile.frameStyle, neutral.frameStyle);
  // The host's globals are untouched (and were not called: that would throw a page error).
  assert.deepEqual(await page.evaluate(() => [window.init.hostGlobal, window.mount.hostGlobal, window.wasm.hostGlobal,
    window.Card.hostGlobal, window.module.hostGlobal, window.exports.hostGlobal, window.__wbg_init.hostGlobal]),
  ['init', 'mount', 'wasm', 'Card', 'module', 'exports', '__wbg_init']);

  for (const [name, a, b] of [['iframe', neutral.frameShot, hostile.frameShot], ['element', neutral.elementShot, hostile.elementShot]]) {
    check(() => compare(a, b, name));
  }
  assert.deepEqual([...neutral.s.errors, ...hostile.s.errors], []);
  await finish(neutral.s);
  await finish(hostile.s);
  assert.deepEqual(failures, [], failures.join('\n'));
});

// ---------------------------------------------------------------- (d)

test('(d) JS API: mount with options, set, events, unmount; two cards and an element on one page are independent', T, async () => {
  const s = await host({ viewport: DESKTOP, pages: { 'api.html': API_PAGE } });
  const { page } = s;
  await page.goto(`${HOST}/api.html`);

  const loaded = await page.evaluate(async (card) => {
    const before = new Set(Object.getOwnPropertyNames(window));
    const mod = await import(`${card}/element.js`);
    const added = Object.getOwnPropertyNames(window).filter((k) => !before.has(k));
    return { added, exports: Object.keys(mod).sort(), defined: typeof customElements.get('who-backs-whom') };
  }, CARD);
  assert.deepEqual(loaded, { added: [], exports: ['mount'], defined: 'function' }, 'element.js adds no globals, exports mount, defines the element');

  await page.evaluate(async (card) => {
    const { mount } = await import(`${card}/element.js`);
    const log = [];
    for (const id of ['a', 'b', 'c']) {
      for (const type of ['ready', 'change', 'select']) {
        document.getElementById(id).addEventListener(`who-backs-whom:${type}`, (e) => {
          log.push({ card: id, type, detail: e.detail, bubbles: e.bubbles, composed: e.composed });
        });
      }
    }
    document.addEventListener('who-backs-whom:select', (e) => log.push({ card: 'document', type: 'select', target: e.target.id }));
    document.getElementById('c').attachShadow({ mode: 'open' }).innerHTML = '<p class="own">own shadow content</p>';
    const cards = {
      a: await mount(document.getElementById('a'), { focus: 'belarus', view: 'list' }),
      b: await mount(document.getElementById('b'), 'focus=russia'),
      c: await mount(document.getElementById('c'), { focus: 'china', header: false }),
    };
    Object.defineProperty(window, 'wbwTest', { value: { log, cards } });
  }, CARD);
  const log = () => page.evaluate(() => JSON.parse(JSON.stringify(window.wbwTest.log)));
  const entries = (card, type) => log().then((l) => l.filter((e) => e.card === card && e.type === type));

  const readyA = await poll(() => entries('a', 'ready'), (l) => l.length === 1, { message: 'card a: one ready event' });
  assert.deepEqual(Object.keys(readyA[0].detail).sort(), ['focus', 'options', 'selected', 'step', 'story', 'view']);
  assert.equal(readyA[0].detail.focus, 'belarus');
  assert.equal(readyA[0].detail.view, 'list');
  assert.equal(readyA[0].detail.selected, null);
  assert.equal(typeof readyA[0].detail.options, 'string');
  assert.match(readyA[0].detail.options, /focus=belarus/);
  assert.equal(readyA[0].bubbles && readyA[0].composed, true, 'events bubble and are composed');
  const readyB = await poll(() => entries('b', 'ready'), (l) => l.length === 1, { message: 'card b: one ready event' });
  assert.equal(readyB[0].detail.focus, 'russia');
  assert.equal(readyB[0].detail.view, 'network');

  const a = await elementCard(page, '#a');
  const b = await elementCard(page, '#b');
  const c = await elementCard(page, '#c');
  assert.match(await a.locator('.wbw-focus-title').innerText(), /Belarus/);
  assert.match(await b.locator('.wbw-focus-title').innerText(), /Russia/);
  assert.match(await c.locator('.wbw-focus-title').innerText(), /China/);
  assert.equal(await c.locator('p.own').count(), 1, 'an existing shadow root is used, its content kept');
  assert.ok(await page.locator('#a > a.fallback').isHidden(), 'card a: fallback content hidden while mounted');

  // set() changes one card only.
  await page.evaluate(() => window.wbwTest.cards.a.set({ focus: 'china' }));
  await poll(() => a.locator('.wbw-focus-title').innerText(), (t) => /China/.test(t), { message: 'card a: set({focus: "china"})' });
  assert.match(await b.locator('.wbw-focus-title').innerText(), /Russia/, 'card b unchanged');
  const changes = await poll(() => entries('a', 'change'), (l) => l.some((e) => e.detail.focus === 'china'), { message: 'card a: change event with focus china' });
  assert.equal(changes.at(-1).detail.focus, 'china');
  assert.match(await page.evaluate(() => window.wbwTest.cards.a.options()), /focus=china/);
  await page.evaluate(() => window.wbwTest.cards.b.set('view=list'));
  await poll(() => b.locator('.wbw-tab[aria-pressed=true]').innerText(), (t) => t === 'List', { message: 'card b: set("view=list")' });
  assert.equal(await a.locator('.wbw-tab[aria-pressed=true]').innerText(), 'List', 'card a kept its view');

  // Selecting in a fires select on a only.
  await select(a.locator('.wbw-actor').first(), a.locator('.wbw-detail'), false);
  await readClaims(a.locator('.wbw-detail'));
  const selectA = await poll(() => entries('a', 'select'), (l) => l.length === 1, { message: 'card a: one select event' });
  assert.equal(typeof selectA[0].detail.selected, 'string');
  assert.equal(selectA[0].detail.focus, 'china');
  assert.deepEqual(await entries('b', 'select'), [], 'no select event from card b');
  assert.deepEqual((await entries('document', 'select')).map((e) => e.target), ['a'], 'select reaches the document from a');
  assert.equal(await b.locator('.wbw-detail').count(), 0);
  await shot(page, 'api');

  // unmount empties card a and shows its fallback content again; b still works.
  await page.evaluate(() => window.wbwTest.cards.a.unmount());
  await poll(() => page.evaluate(() => document.getElementById('a').shadowRoot.querySelectorAll('.wbw, .wbw-host > *').length), (n) => n === 0,
    { message: 'card a: unmount empties it' });
  assert.ok(await page.locator('#a > a.fallback').isVisible(), 'card a: fallback content shown again after unmount');
  await select(b.locator('.wbw-actor').first(), b.locator('.wbw-detail'), false);
  await readClaims(b.locator('.wbw-detail'));
  assert.equal((await entries('b', 'select')).length, 1);

  // The element: attributes are options; changing one calls set; removing it unmounts.
  await page.evaluate(() => {
    const el = document.createElement('who-backs-whom');
    el.id = 'el';
    el.setAttribute('focus', 'belarus');
    el.addEventListener('who-backs-whom:ready', (e) => window.wbwTest.log.push({ card: 'el', type: 'ready', detail: e.detail }));
    document.body.append(el);
  });
  const el = await elementCard(page, '#el');
  await poll(() => entries('el', 'ready'), (l) => l.length === 1, { message: 'element: ready event on the element' });
  assert.match(await el.locator('.wbw-focus-title').innerText(), /Belarus/);
  await page.evaluate(() => document.getElementById('el').setAttribute('view', 'list'));
  await poll(() => el.locator('.wbw-tab[aria-pressed=true]').innerText(), (t) => t === 'List', { message: 'element: view attribute' });
  await page.evaluate(() => document.getElementById('el').setAttribute('focus', 'russia'));
  await poll(() => el.locator('.wbw-focus-title').innerText(), (t) => /Russia/.test(t), { message: 'element: focus attribute' });
  await page.evaluate(() => document.getElementById('el').removeAttribute('view'));
  await poll(() => el.locator('.wbw-tab[aria-pressed=true]').innerText(), (t) => t !== 'List', { message: 'element: removing view goes back to the default view' });
  assert.match(await b.locator('.wbw-focus-title').innerText(), /Russia/);
  const removed = await page.evaluate(() => {
    const node = document.getElementById('el');
    const root = node.shadowRoot;
    node.remove();
    return new Promise((r) => setTimeout(() => r(root.querySelectorAll('.wbw').length), 100));
  });
  assert.equal(removed, 0, 'element: removed from the page, its card is unmounted');
  assert.deepEqual(s.errors, []);
  assert.deepEqual(warnings(s), []);
  await finish(s);
});

// ---------------------------------------------------------------- (e)

async function expectOneWarning(s, bad) {
  await s.page.waitForTimeout(500);
  const found = warnings(s);
  assert.equal(found.length, 1, `exactly one who-backs-whom: warning, got ${JSON.stringify(found)}`);
  assert.match(found[0].text, new RegExp(bad));
}

test('(e) element attribute view="graph": notice, fallback to the default view, one warning', T, async () => {
  const s = await host({ pages: { 'bad.html': page1(`<script type="module" src="__WBW_CARD__/element.js"></script>
    <who-backs-whom view="graph"><a href="__WBW_CARD__/index.html">Open the card</a></who-backs-whom>`) } });
  await s.page.goto(`${HOST}/bad.html`);
  const el = await elementCard(s.page);
  assert.match(await el.locator('.wbw .wbw-notice[role=status]').innerText(), /graph/);
  assert.ok(await el.locator('.wbw-node[role=button]').count() > 0, 'the card falls back to the network view');
  assert.match(await el.locator('.wbw-focus-title').innerText(), /Myanmar/);
  await shot(el, 'bad-element');
  await expectOneWarning(s, 'graph');
  assert.deepEqual(s.errors, []);
  await finish(s);
});

test("(e) JS API {focus: 'atlantis'}: notice, fallback to the default focus, one warning", T, async () => {
  const s = await host({ pages: { 'api.html': API_PAGE } });
  await s.page.goto(`${HOST}/api.html`);
  await s.page.evaluate(async (card) => {
    const { mount } = await import(`${card}/element.js`);
    await mount(document.getElementById('b'), { focus: 'atlantis' });
  }, CARD);
  const b = await elementCard(s.page, '#b');
  assert.match(await b.locator('.wbw .wbw-notice[role=status]').innerText(), /atlantis/);
  assert.match(await b.locator('.wbw-focus-title').innerText(), /Myanmar/);
  await shot(b, 'bad-api');
  await expectOneWarning(s, 'atlantis');
  assert.deepEqual(s.errors, []);
  await finish(s);
});

test("(e) JS API on an odd host: a throwing getter is a notice, '&' and '=' in a value set no other key; set, options and unmount still work", T, async () => {
  const s = await host({ pages: { 'api.html': API_PAGE } });
  const { page } = s;
  await page.goto(`${HOST}/api.html`);
  const mounted = await page.evaluate(async (card) => {
    const { mount } = await import(`${card}/element.js`);
    const options = { focus: 'belarus' };
    Object.defineProperty(options, 'view', { enumerable: true, get() { throw new Error('a host getter that throws'); } });
    try {
      Object.defineProperty(window, 'wbwOdd', { value: await mount(document.getElementById('a'), options) });
      return 'mounted';
    } catch (error) {
      return `mount threw: ${error}`;
    }
  }, CARD);
  assert.equal(mounted, 'mounted', 'mount does not throw because of a host getter');
  const a = await elementCard(page, '#a');
  assert.match(await a.locator('.wbw-focus-title').innerText(), /Belarus/, 'the other options apply');
  const notice = await a.locator('.wbw .wbw-notice[role=status]').innerText();
  assert.match(notice, /view/, `a readable notice names the option that could not be read: ${notice}`);
  assert.doesNotMatch(notice, /undefined|\[object|Error:/, `the notice reads as a sentence: ${notice}`);
  assert.equal(await a.locator('.wbw-tab[aria-pressed=true]').innerText(), 'Network', 'the default view');

  // set() with a throwing getter does not throw into the host either.
  const thrown = await page.evaluate(() => {
    const options = {};
    Object.defineProperty(options, 'focus', { enumerable: true, get() { throw new Error('again'); } });
    try { window.wbwOdd.set(options); return null; } catch (error) { return String(error); }
  });
  assert.equal(thrown, null, 'set() with a throwing getter does not throw');

  await page.evaluate(() => window.wbwOdd.set({ focus: 'china' }));
  await poll(() => a.locator('.wbw-focus-title').innerText(), (t) => /China/.test(t), { message: 'set({focus: "china"}) works after the bad options' });
  assert.match(await page.evaluate(() => window.wbwOdd.options()), /focus=china/);

  // '&' and '=' inside values are part of the value: they set no other key.
  await page.evaluate(() => window.wbwOdd.set({ focus: 'russia&view=list&theme=dark', view: 'timeline=1&focus=belarus' }));
  await poll(() => a.locator('.wbw .wbw-notice[role=status]').allInnerTexts(), (t) => t.join(' ').includes('russia&view=list'),
    { message: 'the smuggled value is named in a notice' });
  const after = await page.evaluate(() => window.wbwOdd.options());
  assert.match(after, /focus=china/, `focus unchanged: ${after}`);
  assert.doesNotMatch(after, /view=list|view=timeline|theme=dark|focus=belarus/, `no key set from inside a value: ${after}`);
  assert.match(await a.locator('.wbw-focus-title').innerText(), /China/);
  assert.equal(await a.locator('.wbw-tab[aria-pressed=true]').innerText(), 'Network');
  await page.evaluate(() => window.wbwOdd.unmount());
  await poll(() => page.evaluate(() => document.getElementById('a').shadowRoot.querySelectorAll('.wbw, .wbw-host > *').length), (n) => n === 0,
    { message: 'unmount empties the card' });
  assert.ok(await page.locator('#a > a.fallback').isVisible(), 'the fallback content shows again');
  assert.deepEqual(s.errors, []);
  await finish(s);
});

test('(e) iframe #view=graph: notice, fallback to the default view, one warning', T, async () => {
  const s = await host({ pages: { 'bad.html': page1(`<iframe src="__WBW_CARD__/embed.html#view=graph" title="Who backs whom" data-who-backs-whom width="100%" height="760"></iframe>
    <script src="__WBW_CARD__/embed-loader.js" defer></script>`) } });
  await s.page.goto(`${HOST}/bad.html`);
  const frame = await cardFrame(s.page);
  await poll(() => frame.locator('.wbw .wbw-notice[role=status]').count(), (n) => n > 0, { message: 'the notice shows in the iframe' });
  assert.match(await frame.locator('.wbw .wbw-notice[role=status]').innerText(), /graph/);
  assert.ok(await frame.locator('.wbw-node[role=button]').count() > 0, 'the card falls back to the network view');
  await shot(s.page.locator('iframe'), 'bad-iframe');
  await expectOneWarning(s, 'graph');
  assert.deepEqual(s.errors, []);
  await finish(s);
});

test('(e) when the wasm cannot load, the element keeps its fallback content and says so', T, async () => {
  const s = await host({ pages: { 'api.html': API_PAGE, 'nowasm.html': page1(`<script type="module" src="__WBW_CARD__/element.js"></script>
    <who-backs-whom focus="belarus"><a class="fallback" href="__WBW_CARD__/index.html">Open the card</a></who-backs-whom>`) } });
  await s.context.route(/\.wasm(\?|$)/, (route) => route.abort());
  await s.page.goto(`${HOST}/nowasm.html`);
  const notice = s.page.locator('who-backs-whom .wbw-notice[role=status]');
  await notice.waitFor();
  assert.match(await notice.innerText(), /The interactive card could not start/);
  assert.ok(await s.page.locator('who-backs-whom > a.fallback').isVisible(), 'the fallback link stays visible');
  assert.equal(await s.page.locator('who-backs-whom section.wbw').count(), 0);
  await shot(s.page.locator('who-backs-whom'), 'no-wasm');
  await finish(s);
});

// ---------------------------------------------------------------- (g)

test('(g) a host page with a strict CSP: both embeds work, no violation', T, async () => {
  const csp = `default-src 'none'; script-src ${CARD_ORIGIN} 'wasm-unsafe-eval'; style-src ${CARD_ORIGIN} ${HOST}; `
    + `connect-src ${CARD_ORIGIN}; img-src ${CARD_ORIGIN} data:; frame-src ${CARD_ORIGIN}`;
  const s = await host({ viewport: DESKTOP, headers: { 'content-security-policy': csp } });
  await s.context.addInitScript(() => {
    const seen = [];
    Object.defineProperty(window, '__wbwViolations', { value: seen });
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    }, true);
  });
  const { page } = s;
  const response = await page.goto(`${HOST}/index.html`);
  assert.equal(response.headers()['content-security-policy'], csp);
  const element = await elementCard(page);
  const frame = await cardFrame(page);
  await fitted(frame, 'under CSP');
  assert.equal(await element.evaluate((h) => getComputedStyle(h).unicodeBidi), 'isolate', 'the shadow root\'s own rules apply under the CSP');
  await select(element.locator('.wbw-actor').first(), element.locator('.wbw-detail'), false);
  await readClaims(element.locator('.wbw-detail'));
  await select(frame.locator('.wbw-node[role=button][aria-label^="Belarus."]'), frame.locator('.wbw-detail'), false);
  await readClaims(frame.locator('.wbw-detail'));
  await fitted(frame, 'under CSP, detail open');
  await shot(page, 'csp');
  const violations = [
    ...(await page.evaluate(() => window.__wbwViolations)),
    ...(await frame.evaluate(() => window.__wbwViolations)).map((v) => `iframe: ${v}`),
  ];
  assert.deepEqual(violations, []);
  assert.deepEqual(s.errors, []);
  await finish(s);
});

// ---------------------------------------------------------------- (h)

test('(h) "Embed this card": an editor copies both snippets for the state on screen, pastes them into an article, and both cards show that state and work', T, async () => {
  // 1. The card's own page, in the state the editor wants (a deep link here;
  //    the panel reads the card's state, whatever set it). Service workers are
  //    blocked so that the storage check (f) sees only what embedding leaves.
  const own = await host({ viewport: PHONE, serviceWorkers: 'block' });
  await own.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: CARD_ORIGIN });
  await own.page.goto(`${CARD}/index.html#focus=belarus&view=list`);
  const panel = own.page.locator('details.wbw-embed');
  const snippets = panel.locator('textarea');
  // The panel's content is built by the wasm when opened: before it runs,
  // opening shows nothing, so close and open again until it does.
  await poll(async () => {
    if (await snippets.count()) return true;
    await panel.locator('summary').click();
    return false;
  }, Boolean, { timeout: 15000, interval: 400, message: 'the embed panel shows its snippets' });
  const [iframeCode, elementCode] = await snippets.evaluateAll((areas) => areas.map((a) => a.value));
  assert.ok(iframeCode.includes(`<iframe src="${CARD}/embed.html#focus=belarus&view=list"`), `iframe snippet: ${iframeCode}`);
  assert.ok(iframeCode.includes(`<script src="${CARD}/embed-loader.js" defer></script>`), 'the iframe snippet brings the loader');
  assert.match(iframeCode, /title="[^"]+"/, 'the iframe has a title for screen readers');
  assert.ok(elementCode.includes(`<script type="module" src="${CARD}/element.js"></script>`), `element snippet: ${elementCode}`);
  assert.match(elementCode, /<who-backs-whom focus="belarus" view="list">/);
  const offline = panel.getByRole('link', { name: 'Save for offline' });
  assert.equal(await offline.getAttribute('href'), `${CARD}/who-backs-myanmars-junta-offline.html`);
  assert.equal(await offline.getAttribute('download'), 'who-backs-myanmars-junta-offline.html');
  assert.equal((await own.page.request.get(`${CARD}/who-backs-myanmars-junta-offline.html`)).status(), 200, 'the offline file is there');

  // Copy: the clipboard holds exactly the snippet, and the button says so.
  const copied = [];
  for (const i of [0, 1]) {
    await panel.locator('.wbw-snippet').nth(i).getByRole('button', { name: 'Copy' }).click();
    await poll(() => panel.locator('.wbw-copied').nth(i).innerText(), (t) => t === 'Copied.', { message: 'the copy button says Copied.' });
    copied.push(await own.page.evaluate(() => navigator.clipboard.readText()));
  }
  assert.deepEqual(copied, [iframeCode, elementCode], 'each Copy button puts its snippet on the clipboard');
  assert.deepEqual(own.errors, []);
  await finish(own);

  // 2. Pasted, as they are, into an article on another site.
  const article = page1(`<header><h1>Minsk and Naypyidaw</h1></header><main><p>Belarus has backed the junta.</p>
${copied[0]}
<p>The same card, embedded with a script:</p>
${copied[1]}
<p>End of the article.</p></main>`);
  const s = await host({ viewport: PHONE, touch: true, pages: { 'pasted.html': article } });
  await s.page.goto(`${HOST}/pasted.html`);
  const frame = await cardFrame(s.page);
  assert.match(await frame.locator('.wbw-focus-title').innerText(), /Belarus/, 'the iframe shows the chosen focus');
  assert.equal(await frame.locator('.wbw-tab[aria-pressed=true]').innerText(), 'List', 'and the chosen view');
  await fitted(frame, 'the pasted iframe');
  const element = await elementCard(s.page);
  assert.match(await element.locator('.wbw-focus-title').innerText(), /Belarus/, 'the element shows the chosen focus');
  assert.equal(await element.locator('.wbw-tab[aria-pressed=true]').innerText(), 'List', 'and the chosen view');
  // Both work: tap an actor, read its attributed claims.
  await select(frame.locator('.wbw-actor').first(), frame.locator('.wbw-detail'), true);
  await readClaims(frame.locator('.wbw-detail'));
  await element.scrollIntoViewIfNeeded();
  await select(element.locator('.wbw-actor').first(), element.locator('.wbw-detail'), true);
  await readClaims(element.locator('.wbw-detail'));
  await shot(s.page, 'pasted-snippets-390');
  assert.deepEqual(s.errors, []);
  assert.deepEqual(warnings(s), []);
  await finish(s);
});

// ---------------------------------------------------------------- (f)

test('(f) across all of the above: requests only to the card\'s origin and the host\'s; no cookie, no storage', () => {
  assert.ok(ALL.contexts >= 8, `the other tests ran (${ALL.contexts} contexts)`);
  assert.ok(ALL.requests.some((u) => u.startsWith(CARD_ORIGIN) && u.endsWith('.wasm')), 'the log has the card\'s requests');
  assert.ok(ALL.requests.some((u) => u.startsWith(HOST)), 'the log has the host\'s requests');
  const elsewhere = [...new Set(ALL.requests.filter((u) => {
    if (u.startsWith('data:') || u === 'about:blank') return false;
    const origin = new URL(u).origin;
    return origin !== CARD_ORIGIN && origin !== HOST && origin !== HOST_TLS;
  }))];
  assert.deepEqual(elsewhere, [], 'no request to any other origin');
  assert.deepEqual(ALL.storage, [], 'no cookie and no storage on either origin');
});

test('(f) on an https host page (the iframe is a secure context) the card writes no storage either', T, async () => {
  const s = await host({ viewport: PHONE, touch: true });
  const { page } = s;
  await page.goto(`${HOST_TLS}/index.html`);
  const element = await elementCard(page);
  const frame = await cardFrame(page);
  assert.equal(await frame.evaluate(() => isSecureContext), true, 'the card frame is a secure context here');
  await select(frame.locator('.wbw-node[role=button][aria-label^="Belarus."]'), frame.locator('.wbw-detail'), true);
  await select(element.locator('.wbw-actor').first(), element.locator('.wbw-detail'), true);
  await page.waitForTimeout(2000); // time for anything registered on load
  const found = await finish(s);
  assert.deepEqual(found, [], 'no cookie, storage, Cache Storage or service worker on either origin');
});

test('(e) JS API bad values through serde-wasm-bindgen: {focus: 42}, {view: null}, a nested object, a throwing getter: each a readable notice, the card kept, nothing thrown', T, async () => {
  const s = await host({ pages: { 'api.html': API_PAGE } });
  const { page } = s;
  await page.goto(`${HOST}/api.html`);
  const mounted = await page.evaluate(async (card) => {
    const { mount } = await import(`${card}/element.js`);
    try {
      Object.defineProperty(window, 'wbwBad', { value: await mount(document.getElementById('b'), { focus: 42 }) });
      return 'mounted';
    } catch (error) {
      return `mount threw: ${error}`;
    }
  }, CARD);
  assert.equal(mounted, 'mounted', 'mount({focus: 42}) does not throw');
  const b = await elementCard(page, '#b');
  const notices = () => b.locator('.wbw .wbw-notice[role=status]').allInnerTexts().then((t) => t.join(' '));
  const readable = (text, key) => {
    assert.match(text, new RegExp(key), `the notice names ${key}: ${text}`);
    assert.doesNotMatch(text, /undefined|\[object|Error:|JsValue/, `the notice reads as a sentence: ${text}`);
  };
  await poll(notices, (t) => /42/.test(t), { message: 'a notice names the number given as focus' });
  readable(await notices(), 'focus');
  assert.match(await b.locator('.wbw-focus-title').innerText(), /Myanmar/, 'the default focus');

  const set = (kind) => page.evaluate((kind) => {
    const options = {
      null: { view: null },
      nested: { focus: { id: 'belarus' }, view: 'list' },
      getter: Object.defineProperty({ view: 'timeline' }, 'theme', { enumerable: true, get() { throw new Error('a host getter'); } }),
    }[kind];
    try { window.wbwBad.set(options); return null; } catch (error) { return String(error); }
  }, kind);

  assert.equal(await set('null'), null, 'set({view: null}) does not throw');
  await poll(notices, (t) => /view/.test(t), { message: 'a notice for view: null' });
  readable(await notices(), 'view');
  assert.equal(await b.locator('.wbw-tab[aria-pressed=true]').innerText(), 'Network', 'the view is kept');

  assert.equal(await set('nested'), null, 'set with a nested object does not throw');
  await poll(notices, (t) => /focus/.test(t), { message: 'a notice for the nested object' });
  readable(await notices(), 'focus');
  await poll(() => b.locator('.wbw-tab[aria-pressed=true]').innerText(), (t) => t === 'List', { message: 'the readable option beside it applies' });
  assert.match(await b.locator('.wbw-focus-title').innerText(), /Myanmar/, 'the focus is kept');

  assert.equal(await set('getter'), null, 'set with a throwing getter does not throw');
  await poll(notices, (t) => /theme/.test(t), { message: 'a notice for the getter that throws' });
  readable(await notices(), 'theme');
  await poll(() => b.locator('.wbw-tab[aria-pressed=true]').innerText(), (t) => t === 'Timeline', { message: 'the readable option beside it applies' });

  await page.evaluate(() => window.wbwBad.set({ focus: 'china' }));
  await poll(() => b.locator('.wbw-focus-title').innerText(), (t) => /China/.test(t), { message: 'the card still works' });
  assert.match(await page.evaluate(() => window.wbwBad.options()), /focus=china/);
  assert.deepEqual(s.errors, []);
  await finish(s);
});

test('(e) JS API: one readable notice per bad key (an object, a list holding a number, a function, a symbol); the readable keys beside them apply; event details are plain objects', T, async () => {
  const s = await host({ pages: { 'api.html': API_PAGE } });
  const { page } = s;
  await page.goto(`${HOST}/api.html`);
  await page.evaluate(async (card) => {
    const { mount } = await import(`${card}/element.js`);
    window.wbwDetails = [];
    const el = document.getElementById('c');
    el.addEventListener('who-backs-whom:change', (e) => window.wbwDetails.push({
      plain: Object.getPrototypeOf(e.detail) === Object.prototype,
      keys: Object.keys(e.detail).sort(),
      nulls: ['selected', 'story', 'step'].filter((k) => e.detail[k] === null),
    }));
    Object.defineProperty(window, 'wbwMany', { value: await mount(el, 'view=list') });
  }, CARD);
  const c = await elementCard(page, '#c');
  const thrown = await page.evaluate(() => {
    try {
      window.wbwMany.set({ view: { id: 'timeline' }, hideRelation: ['training', 7], header: () => false, theme: Symbol('dark'), focus: 'china' });
      return null;
    } catch (error) { return String(error); }
  });
  assert.equal(thrown, null, 'set() with four bad values does not throw');
  await poll(() => c.locator('.wbw-focus-title').innerText(), (t) => /China/.test(t), { message: 'the readable focus beside them applies' });
  const items = await c.locator('.wbw .wbw-notice[role=status] li').allInnerTexts();
  assert.equal(items.length, 4, `one notice per bad key: ${JSON.stringify(items)}`);
  for (const [item, key] of items.map((t, i) => [t, ['view', 'hideRelation', 'header', 'theme'][i]])) {
    assert.match(item, new RegExp(`“${key}”`), `the notice names ${key}: ${item}`);
    assert.doesNotMatch(item, /undefined|\[object|Error:|JsValue|Symbol/, `the notice reads as a sentence: ${item}`);
  }
  assert.equal(await c.locator('.wbw-tab[aria-pressed=true]').innerText(), 'List', 'the view is kept');
  const details = await page.evaluate(() => window.wbwDetails);
  assert.ok(details.length >= 2, 'a change event at start and after set()');
  for (const d of details) {
    assert.ok(d.plain, 'the detail is a plain object');
    assert.deepEqual(d.keys, ['focus', 'options', 'selected', 'step', 'story', 'view']);
    assert.deepEqual(d.nulls, ['selected', 'story', 'step'], 'no actor selected, no story: null, not undefined');
  }
  assert.deepEqual(s.errors, []);
  await finish(s);
});
