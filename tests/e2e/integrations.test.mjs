// End-to-end: the card with the tools newsrooms already have (issue 18), in
// Debian's Chromium, against the card's own server (WBW_URL; the test command
// builds dist/ with WBW_PUBLIC_URL set to that address).
//   1. A host page on another origin that carries only a Datawrapper-style
//      responsive-iframe listener (web/demo/datawrapper-host.html), not our
//      loader: the card's iframe follows the card's height.
//   2. oEmbed discovery: index.html's <link rel="alternate"
//      type="application/json+oembed">, the oEmbed 1.0 JSON it names, and the
//      iframe snippet in it pasted into a page on another origin.
//   3. The page's schema.org JSON-LD: only the names of
//      tests/schema-org/vocabulary.txt, one Claim per claim and context item,
//      and nothing that states a claim as a fact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { launchChromium } from './support.mjs';

const URL_BASE = process.env.WBW_URL;
const CARD = URL_BASE ? URL_BASE.replace(/\/+$/, '') : '';
const CARD_ORIGIN = URL_BASE ? new URL(URL_BASE).origin : '';
const HOST = 'http://news.example';
const DEMO = new URL('../../web/demo/', import.meta.url);
const VOCABULARY = new URL('../schema-org/vocabulary.txt', import.meta.url);
const ARTEFACTS = 'test-results';
mkdirSync(ARTEFACTS, { recursive: true });

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const T = { timeout: 180_000 };
/** The iframe's height in datawrapper-host.html before anything resizes it. */
const DW_INITIAL = 400;

let browser;

before(async () => {
  assert.ok(URL_BASE, 'WBW_URL (the card server) is set');
  browser = await launchChromium([
    // The card server is on loopback; a public http host page may load it only with these off.
    '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights']);
});
after(async () => { await browser?.close(); });

// ---------------------------------------------------------------- host pages

const TYPES = { html: 'text/html; charset=utf-8', css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' };

const page1 = (body, head = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Host</title><link rel="icon" href="data:,">${head}</head><body>${body}</body></html>`;

/** A browser context whose host origin is http://news.example, serving `pages` (strings) or
 * web/demo/ (with __WBW_CARD__ replaced by the card's URL); records requests and errors. */
async function host({ viewport = DESKTOP, touch = false, pages = {} } = {}) {
  const context = await browser.newContext({ viewport, hasTouch: touch, isMobile: touch, serviceWorkers: 'block' });
  await context.route(`${HOST}/**`, async (route) => {
    const name = new URL(route.request().url()).pathname.slice(1) || 'index.html';
    let body = pages[name];
    if (body === undefined && /^[\w.-]+$/.test(name) && existsSync(new URL(name, DEMO))) body = readFileSync(new URL(name, DEMO), 'utf8');
    if (body === undefined) return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' });
    const type = TYPES[name.split('.').pop()] ?? 'application/octet-stream';
    return route.fulfill({ status: 200, headers: { 'content-type': type, 'cache-control': 'no-store' }, body: body.replaceAll('__WBW_CARD__', CARD) });
  });
  const requests = [];
  const errors = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, requests, errors };
}

/** The card's Frame inside `selector`, once the card is in it. */
async function cardFrame(page, selector) {
  const element = page.locator(selector);
  await element.scrollIntoViewIfNeeded();
  const frame = await (await element.elementHandle()).contentFrame();
  assert.ok(frame, `${selector} has a frame`);
  await frame.waitForURL(/\/embed\.html/);
  await frame.locator('section.wbw').waitFor();
  return frame;
}

/** In the card's frame: the viewport (the iframe's height) follows the document, within
 * 2 px, with nothing scrolled away and no gap under the card, and the height is not `not`
 * and above `above`. Resolves with the height once that holds. (A function, not a string:
 * the card's CSP forbids eval.) */
async function fitted(frame, what, { not = -1, above = 0 } = {}) {
  const handle = await frame.waitForFunction(({ not, above }) => {
    const root = document.documentElement;
    const doc = Math.ceil(root.getBoundingClientRect().height);
    const card = document.querySelector('section.wbw').getBoundingClientRect();
    const height = innerHeight;
    const fits = Math.abs(height - doc) <= 2 && root.scrollHeight <= height + 2 && height - Math.ceil(card.bottom + scrollY) <= 48;
    return fits && height !== not && height > above ? height : 0;
  }, { not, above }, { timeout: 15_000 }).catch((e) => {
    throw new Error(`${what}: the iframe's height does not follow the card's (${e.message.split('\n')[0]})`);
  });
  return handle.jsonValue();
}

/** Clicks or taps `target` until `detail` shows (a click before hydration does nothing). */
async function open(target, detail, touch) {
  for (let i = 0; i < 8; i++) {
    if (touch) await target.tap(); else await target.click();
    try {
      await detail.waitFor({ timeout: 1500 });
      return;
    } catch { /* not hydrated yet */ }
  }
  assert.fail('the detail panel did not open');
}

/** The iframe element's height on the host page, and the height it was given in style. */
function hostSide(page, selector) {
  return page.locator(selector).evaluate((f) => ({ box: f.getBoundingClientRect().height, style: f.style.height }));
}

/** Records, on the host page, every `datawrapper-height` message (before any page script runs). */
function recordDatawrapperMessages(context) {
  return context.addInitScript(() => {
    const seen = [];
    Object.defineProperty(window, '__dwMessages', { value: seen });
    window.addEventListener('message', (e) => {
      if (e.data && typeof e.data === 'object' && 'datawrapper-height' in e.data) seen.push(e.data['datawrapper-height']);
    });
  });
}

// ---------------------------------------------------------------- 1. Datawrapper's listener

const DW_FRAME = 'iframe#datawrapper-chart-who-backs-whom';

for (const [name, viewport, touch] of [['phone', PHONE, true], ['desktop', DESKTOP, false]]) {
  test(`(1) ${name} ${viewport.width}px: a host page with only a Datawrapper-style listener, not our loader, sizes the card's iframe, and again when an actor's claims open`, T, async () => {
    const html = readFileSync(new URL('datawrapper-host.html', DEMO), 'utf8');
    assert.match(html, /<script src="datawrapper-listener\.js" defer><\/script>/, 'the host page carries the listener');
    assert.doesNotMatch(html, /embed-loader\.js|element\.js|data-who-backs-whom/, 'and nothing of ours but the iframe');
    const s = await host({ viewport, touch });
    await recordDatawrapperMessages(s.context);
    const { page } = s;
    await page.goto(`${HOST}/datawrapper-host.html`);
    const frame = await cardFrame(page, DW_FRAME);

    const closed = await fitted(frame, 'initial', { not: DW_INITIAL });
    let side = await hostSide(page, DW_FRAME);
    assert.equal(side.style, `${closed}px`, 'the listener set the iframe\'s style.height');
    assert.ok(Math.abs(side.box - closed) <= 1, `the iframe is as tall as its viewport (${side.box}, ${closed})`);
    const keys = await page.evaluate(() => window.__dwMessages.flatMap((m) => Object.keys(m)));
    assert.ok(keys.length > 0 && keys.every((k) => k === keys[0]), `one stable key (${[...new Set(keys)]})`);
    await page.screenshot({ path: `${ARTEFACTS}/integrations-datawrapper-${viewport.width}.png`, fullPage: true });

    await open(frame.locator('.wbw-node[role=button][aria-label^="Belarus."]'), frame.locator('.wbw-detail'), touch);
    assert.match(await frame.locator('.wbw-detail').innerText(), /Alleged by\s+Justice For Myanmar/);
    const opened = await fitted(frame, 'detail open', { above: closed + 50 });
    side = await hostSide(page, DW_FRAME);
    assert.equal(side.style, `${opened}px`, `the iframe grew with the claims (${closed} → ${opened})`);
    await page.screenshot({ path: `${ARTEFACTS}/integrations-datawrapper-open-${viewport.width}.png`, fullPage: true });

    assert.equal(s.requests.filter((u) => /embed-loader\.js|element\.js/.test(u)).length, 0, 'our loader was not loaded');
    assert.deepEqual(s.errors, []);
    await s.context.close();
  });
}

test('(1) the listener is what sizes it: without it the iframe keeps its height although the card posts Datawrapper\'s message', T, async () => {
  const html = readFileSync(new URL('datawrapper-host.html', DEMO), 'utf8');
  const tag = /\s*<script src="datawrapper-listener\.js" defer><\/script>/;
  const s = await host({ viewport: DESKTOP, pages: { 'datawrapper-host.html': html.replace(tag, '') } });
  await recordDatawrapperMessages(s.context);
  const { page } = s;
  await page.goto(`${HOST}/datawrapper-host.html`);
  await cardFrame(page, DW_FRAME);
  // Every listener of a message event has run once the recorder saw it.
  await page.waitForFunction((initial) => window.__dwMessages.some((m) => Object.values(m).some((h) => h > initial + 50)), DW_INITIAL);
  const side = await hostSide(page, DW_FRAME);
  assert.equal(side.box, DW_INITIAL, 'no listener, no resize');
  assert.deepEqual(s.errors, []);
  await s.context.close();
});

test('(1) Datawrapper\'s older listener, which finds the iframe by the message\'s key (iframe[src*=key]), sizes it too', T, async () => {
  // The older embed.js looked the key up as #datawrapper-chart-<key>, else iframe[src*='<key>'].
  const legacy = `window.addEventListener('message', (event) => {
    const sizes = event.data && event.data['datawrapper-height'];
    if (sizes === undefined) return;
    for (const key in sizes) {
      const frame = document.getElementById('datawrapper-chart-' + key) || document.querySelector("iframe[src*='" + key + "']");
      if (frame) frame.style.height = sizes[key] + 'px';
    }
  });`;
  const body = `<iframe src="__WBW_CARD__/embed.html#focus=belarus&view=list" title="Who backs Belarus?" scrolling="no"
    style="width:100%;border:none" height="${DW_INITIAL}"></iframe>`;
  const s = await host({ viewport: PHONE, pages: { 'legacy.html': page1(body, '<script src="legacy.js"></script>'), 'legacy.js': legacy } });
  const { page } = s;
  await page.goto(`${HOST}/legacy.html`);
  const frame = await cardFrame(page, 'iframe');
  const height = await fitted(frame, 'older listener', { not: DW_INITIAL });
  assert.equal((await hostSide(page, 'iframe')).style, `${height}px`);
  assert.deepEqual(s.errors, []);
  await s.context.close();
});

test('(1) an embed.ly / Medium-style listener (the JSON string with context iframe.resize, matched by src) sizes it too', T, async () => {
  // What those listeners do: parse the string; for context 'iframe.resize', the iframe whose src is `src` gets `height`.
  const listener = `window.addEventListener('message', (event) => {
    let data;
    try { data = typeof event.data === 'string' ? JSON.parse(event.data) : null; } catch { return; }
    if (!data || data.context !== 'iframe.resize' || !data.src) return;
    for (const frame of document.querySelectorAll('iframe')) if (frame.src === data.src) frame.style.height = data.height + 'px';
  });`;
  const body = `<iframe src="__WBW_CARD__/embed.html#focus=belarus" title="Who backs Belarus?" scrolling="no"
    style="width:100%;border:none" height="${DW_INITIAL}"></iframe>`;
  const s = await host({ viewport: DESKTOP, pages: { 'embedly.html': page1(body, '<script src="embedly.js"></script>'), 'embedly.js': listener } });
  const { page } = s;
  await page.goto(`${HOST}/embedly.html`);
  const frame = await cardFrame(page, 'iframe');
  const height = await fitted(frame, 'iframe.resize listener', { not: DW_INITIAL });
  assert.equal((await hostSide(page, 'iframe')).style, `${height}px`);
  assert.deepEqual(s.errors, []);
  await s.context.close();
});

// ---------------------------------------------------------------- 2. oEmbed

function decodeEntities(text) {
  return text.replace(/&(amp|quot|apos|lt|gt|#39|#x27);/g, (_, e) => ({ amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', '#39': "'", '#x27': "'" })[e]);
}

/** The attributes of every `<name …>` start tag in `html`, lower-cased names, decoded values. */
function startTags(html, name) {
  const tags = [];
  for (const [, inside] of html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'gi'))) {
    const attributes = {};
    for (const [, key, dq, sq, bare] of inside.matchAll(/([^\s"'=<>\/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
      attributes[key.toLowerCase()] = decodeEntities(dq ?? sq ?? bare ?? '');
    }
    tags.push(attributes);
  }
  return tags;
}

/** A PNG's width and height from its header. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

async function get(url) {
  const response = await fetch(url);
  assert.equal(response.status, 200, `GET ${url}`);
  return response;
}

test('(2) oEmbed discovery: the page links its oEmbed JSON, which has oEmbed 1.0\'s fields for a rich embed, and its iframe snippet works on another site', T, async () => {
  const pageUrl = `${CARD}/index.html`;
  const html = await (await get(pageUrl)).text();
  const head = html.slice(0, html.indexOf('</head>'));
  assert.ok(head.length > 0, 'the page has a head');
  const links = startTags(head, 'link').filter((l) => l.rel?.split(/\s+/).includes('alternate') && l.type === 'application/json+oembed');
  assert.equal(links.length, 1, 'one oEmbed discovery link in the head');
  const endpoint = new URL(links[0].href, pageUrl);
  assert.equal(endpoint.origin, CARD_ORIGIN, `the link names the card's server: ${endpoint}`);
  assert.ok(/^https?:\/\//.test(links[0].href), 'the link is absolute');

  const response = await get(endpoint);
  assert.match(response.headers.get('content-type'), /^application\/json\b/);
  const oembed = await response.json();
  // oEmbed 1.0, section 2.3.4: version and type for every response; html, width and height for type rich.
  assert.equal(oembed.version, '1.0');
  assert.equal(oembed.type, 'rich');
  assert.equal(typeof oembed.html, 'string');
  assert.ok(oembed.html.length > 0, 'html is not empty');
  for (const key of ['width', 'height']) assert.ok(Number.isInteger(oembed[key]) && oembed[key] > 0, `${key} is a positive integer (${oembed[key]})`);
  // The optional fields it has, as the spec defines them.
  for (const key of ['title', 'author_name', 'author_url', 'provider_name', 'provider_url']) {
    if (key in oembed) assert.equal(typeof oembed[key], 'string', key);
  }
  assert.equal(typeof oembed.title, 'string', 'the issue asks for a title');
  assert.equal(oembed.provider_url && new URL(oembed.provider_url).origin, CARD_ORIGIN, 'the provider is the card\'s server');
  const thumbnail = ['thumbnail_url', 'thumbnail_width', 'thumbnail_height'].filter((k) => k in oembed);
  assert.equal(thumbnail.length, 3, 'thumbnail_url with its width and height (all three or none)');
  assert.equal(new URL(oembed.thumbnail_url).href, `${CARD}/card.png`, 'the thumbnail is the card image');
  const png = await get(oembed.thumbnail_url);
  assert.match(png.headers.get('content-type'), /^image\/png/);
  assert.deepEqual(pngSize(new Uint8Array(await png.arrayBuffer())), { width: oembed.thumbnail_width, height: oembed.thumbnail_height },
    'the thumbnail\'s size is the one stated');

  const iframes = startTags(oembed.html, 'iframe');
  assert.equal(iframes.length, 1, `one iframe in html: ${oembed.html}`);
  const src = new URL(iframes[0].src);
  assert.equal(`${src.origin}${src.pathname}`, `${CARD}/embed.html`, 'the iframe names the card\'s embed.html on this server');
  assert.ok(iframes[0].title, 'the iframe has a title');
  for (const script of startTags(oembed.html, 'script')) {
    assert.equal(new URL(script.src).origin, CARD_ORIGIN, `scripts only from the card's server: ${script.src}`);
  }
  assert.match(await (await get(src)).text(), /<section\b[^>]*\bclass="wbw"/, 'embed.html is the card');

  // An editor's CMS pastes the html into an article on its own site.
  const s = await host({ viewport: PHONE, touch: true, pages: { 'oembed.html': page1(`<h1>An article</h1>\n${oembed.html}\n<p>The end.</p>`) } });
  const { page } = s;
  await page.goto(`${HOST}/oembed.html`);
  const frame = await cardFrame(page, 'iframe');
  assert.match(await frame.locator('.wbw-focus-title').innerText(), /Myanmar/);
  await open(frame.locator('.wbw-node[role=button][aria-label^="Belarus."]'), frame.locator('.wbw-detail'), true);
  assert.match(await frame.locator('.wbw-claim-by').first().innerText(), /^(Stated|Reported|Alleged|Disputed; claimed) by\s+\S/);
  if (startTags(oembed.html, 'script').some((t) => t.src.endsWith('/embed-loader.js'))) {
    await fitted(frame, 'the oEmbed snippet (with the loader)', { not: Number(iframes[0].height) });
  }
  await page.screenshot({ path: `${ARTEFACTS}/integrations-oembed-390.png`, fullPage: true });
  assert.deepEqual(s.errors, []);
  await s.context.close();
});

// ---------------------------------------------------------------- 3. JSON-LD

/** tests/schema-org/vocabulary.txt: each type's supertype, each property's types. */
function vocabulary() {
  const types = new Map();
  const properties = new Map();
  for (const line of readFileSync(VOCABULARY, 'utf8').split('\n')) {
    const words = line.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
    if (words[0] === 'type') types.set(words[1], words[2]);
    else if (words[0] === 'property') properties.set(words[1], words.slice(2));
    else assert.equal(words.length, 0, `vocabulary.txt: a line it cannot read: ${line}`);
  }
  for (const [type, parent] of types) assert.ok(types.has(parent), `vocabulary.txt: ${type}'s supertype ${parent} is listed`);
  for (const [name, on] of properties) for (const t of on) assert.ok(types.has(t), `vocabulary.txt: ${name} is used on a listed type (${t})`);
  const isA = (type, ancestor) => {
    for (let t = type; types.has(t); t = types.get(t)) {
      if (t === ancestor) return true;
      if (types.get(t) === t) break;
    }
    return false;
  };
  return { types, properties, isA };
}

/** Every object of a JSON-LD value, with the path to it. */
function* objects(value, path = '$') {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* objects(v, `${path}[${i}]`);
  } else if (value && typeof value === 'object') {
    yield [value, path];
    for (const [k, v] of Object.entries(value)) yield* objects(v, `${path}.${k}`);
  }
}

const list = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

test('(3) the page\'s JSON-LD: only known schema.org names, one Claim per claim and context item, attributed as the data says, none stated as fact', T, async () => {
  const html = await (await get(`${CARD}/index.html`)).text();
  const data = await (await get(`${CARD}/claims.json`)).json();

  // As a browser (and a crawler) reads the page: every <script type="application/ld+json">.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${CARD}/index.html`);
  const texts = await page.locator('script[type="application/ld+json"]').evaluateAll((all) => all.map((s) => s.textContent));
  await context.close();
  const inSource = startTags(html, 'script').filter((t) => t.type === 'application/ld+json').length;
  assert.ok(texts.length >= 1, 'the page has JSON-LD');
  assert.equal(texts.length, inSource, 'the browser sees every block the HTML has');
  const documents = texts.map((t, i) => {
    try { return JSON.parse(t); } catch (e) { return assert.fail(`block ${i} is not JSON: ${e.message}`); }
  });

  const { types, properties, isA } = vocabulary();
  const problems = [];
  const nodes = new Map();
  const references = [];
  for (const [d, doc] of documents.entries()) {
    assert.equal(doc['@context'], 'https://schema.org', `block ${d}: the schema.org context`);
    const top = doc['@graph'] ? list(doc['@graph']) : [doc];
    for (const [object, path] of objects(top, `block${d}`)) {
      const keys = Object.keys(object);
      if (keys.length === 1 && keys[0] === '@id') {
        references.push([object['@id'], path]);
        continue;
      }
      const type = object['@type'];
      if (typeof type !== 'string') {
        problems.push(`${path}: an object without one @type (${JSON.stringify(type)})`);
        continue;
      }
      if (!types.has(type)) problems.push(`${path}: type ${type} is not in vocabulary.txt`);
      if (object['@id'] !== undefined) {
        if (!/^_:[\w.-]+$/.test(object['@id'])) problems.push(`${path}: @id ${object['@id']} is not a blank-node id`);
        if (nodes.has(object['@id'])) problems.push(`${path}: @id ${object['@id']} is used twice`);
        nodes.set(object['@id'], object);
      }
      for (const key of keys) {
        if (key === '@type' || key === '@id') continue;
        if (key.startsWith('@')) { problems.push(`${path}: keyword ${key}`); continue; }
        const on = properties.get(key);
        if (!on) problems.push(`${path}: property ${key} is not in vocabulary.txt`);
        else if (!on.some((t) => isA(type, t))) problems.push(`${path}: ${key} is not a property of ${type} (only of ${on.join(', ')})`);
      }
    }
  }
  for (const [id, path] of references) if (!nodes.has(id)) problems.push(`${path}: ${id} names no node`);
  assert.deepEqual(problems, []);

  // Nothing rates or reviews a claim, whatever the vocabulary file says.
  const json = JSON.stringify(documents);
  for (const word of ['ClaimReview', 'Review', 'Rating', 'AggregateRating', 'reviewRating', 'claimReviewed', 'ratingValue', 'reviewBody', 'itemReviewed']) {
    assert.ok(!new RegExp(`"(@type|[^"]*)"\\s*:\\s*"${word}"|"${word}"\\s*:`).test(json), `no ${word} anywhere`);
  }

  // One Claim per claim and per context item of claims.json, saying what the data says.
  const claims = [...nodes.values()].filter((n) => n['@type'] === 'Claim');
  const records = [...data.claims, ...data.context];
  assert.equal(claims.length, data.claims.length + data.context.length,
    `Claim nodes (${claims.length}) = claims (${data.claims.length}) + context items (${data.context.length})`);
  assert.deepEqual(claims.map((c) => c.identifier).sort(), records.map((r) => r.id).sort(), 'the Claims are the records, by id');
  const actors = new Map(data.actors.map((a) => [a.id, a]));
  // A title the editors supplied (the document has none) is in [brackets], as catalogues write it.
  const sourceName = (s) => (s.title_supplied ? `[${s.title}]` : s.title);
  const sources = new Map(data.sources.map((s) => [s.id, sourceName(s)]));
  const resolve = (ref) => nodes.get(ref['@id']) ?? ref;
  for (const record of records) {
    const claim = claims.find((c) => c.identifier === record.id);
    assert.equal(claim.text, record.quote, `${record.id}: text is the verbatim quote`);
    const authors = list(claim.author).map(resolve);
    assert.equal(authors.length, 1, `${record.id}: one author`);
    assert.ok(['Person', 'Organization'].includes(authors[0]['@type']), `${record.id}: the author is a Person or Organization`);
    assert.equal(authors[0].name, actors.get(record.attributed_to).name, `${record.id}: the author is the claimant`);
    assert.deepEqual(list(claim.appearance).map(resolve).map((a) => a.name), record.sources.map((s) => sources.get(s)),
      `${record.id}: appearance is its source documents`);
    for (const a of list(claim.appearance).map(resolve)) assert.ok(isA(a['@type'], 'CreativeWork'), `${record.id}: a source is a CreativeWork`);
  }

  // The Dataset: named as the dataset names itself, its downloads on the card's server, its sources.
  const datasets = [...nodes.values()].filter((n) => n['@type'] === 'Dataset');
  assert.equal(datasets.length, 1, 'one Dataset');
  const [dataset] = datasets;
  assert.equal(typeof dataset.name, 'string');
  assert.ok(dataset.dateModified, 'dateModified (the dataset\'s as_of)');
  assert.deepEqual(list(dataset.distribution).map((d) => d.contentUrl).sort(), [`${CARD}/claims.csv`, `${CARD}/claims.json`]);
  assert.deepEqual(list(dataset.isBasedOn).map(resolve).map((s) => s.name).sort(), data.sources.map(sourceName).sort());
  assert.equal(list(dataset.hasPart).length, claims.length, 'the Dataset has every Claim as a part');
});
