// End-to-end, issue #15's "tap and see" and "claims at a glance": the built
// card (WBW_URL) in Debian's Chromium. At 1280 px a click on any node leaves
// the top of its claims in the viewport (beside the network); at 390 and
// 320 px a tap scrolls them into view and moves keyboard focus to their
// heading, and Back (the card's control and the browser's) returns to the
// node. Inside an iframe the host page scrolls only through embed-loader.js.
// Claims are grouped by relation, who/status/when/source always visible,
// the quote one tap away and printed. One h1; axe-core with every rule in
// every state and theme. Screenshots go to test-results/glance-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launchChromium, open } from './support.mjs';

const URL_BASE = process.env.WBW_URL;
const CARD = URL_BASE ? URL_BASE.replace(/\/+$/, '') : '';
const HOST = 'http://news.example';
const ARTEFACTS = 'test-results';
mkdirSync(ARTEFACTS, { recursive: true });
const AXE = new URL('../../node_modules/axe-core/axe.min.js', import.meta.url).pathname;

const PHONE = { name: 'phone', viewport: { width: 390, height: 844 }, touch: true };
const SMALL = { name: 'small phone', viewport: { width: 320, height: 640 }, touch: true };
const DESKTOP = { name: 'desktop', viewport: { width: 1280, height: 800 }, touch: false };

let browser;
let data; // claims.json, the card's own export: the truth the DOM is checked against

before(async () => {
  assert.ok(URL_BASE, 'WBW_URL is set (the URL the built card is served at)');
  browser = await launchChromium([
    // The card server is on loopback; the host page of the iframe tests is "public".
    '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights']);
  data = await (await fetch(new URL('claims.json', URL_BASE))).json();
});
after(async () => { await browser?.close(); });

const actor = (id) => data.actors.find((a) => a.id === id);
const about = (id) => data.claims.filter((c) => c.subject === id || c.object === id);

/** Every call of window.scrollTo and Element.scrollIntoView, recorded in each document. */
function recordScrolls() {
  window.__scrolls = [];
  const scrollTo = window.scrollTo.bind(window);
  window.scrollTo = (...args) => { window.__scrolls.push({ how: 'scrollTo', args: JSON.parse(JSON.stringify(args)) }); return scrollTo(...args); };
  const into = Element.prototype.scrollIntoView;
  Element.prototype.scrollIntoView = function (...args) { window.__scrolls.push({ how: 'scrollIntoView' }); return into.apply(this, args); };
}

/** The card at `hash` once the wasm has taken over. */
async function openCard(size, hash = '', options = {}) {
  const ctx = await open(browser, {
    viewport: size.viewport, touch: size.touch, axe: !!options.axe, timeout: 8000,
    colorScheme: options.colorScheme, reducedMotion: options.reducedMotion,
  });
  await ctx.context.addInitScript(recordScrolls);
  await ctx.page.goto(URL_BASE + (options.page ?? '') + hash);
  await ready(ctx.page);
  return { ...ctx, size };
}

async function ready(page) {
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')));
  await page.waitForFunction(() => {
    const root = document.getElementById('wbw-root');
    return root && !document.createTreeWalker(root, NodeFilter.SHOW_COMMENT).nextNode();
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function press(ctx, locator) {
  if (ctx.size.touch) await locator.tap(); else await locator.click();
}

const nodes = (page) => page.locator('.wbw-node[role=button]');
const node = (page, name) => page.locator(`.wbw-node[role=button][aria-label^="${name}."]`);
const heading = (page) => page.locator('.wbw-detail .wbw-detail-title');

/** Waits until the claims' heading names `name` and its top lies inside the viewport. */
async function claimsInView(page, name) {
  await page.locator('.wbw-detail .wbw-detail-title', { hasText: name }).waitFor();
  try {
    await page.waitForFunction(() => {
      const r = document.querySelector('.wbw-detail .wbw-detail-title').getBoundingClientRect();
      return r.top >= 0 && r.top + 24 <= innerHeight;
    }, null, { timeout: 4000 });
  } catch {
    const top = await heading(page).evaluate((h) => [h.getBoundingClientRect().top, innerHeight]);
    assert.fail(`the top of ${name}'s claims is outside the viewport (top, viewport height: ${top})`);
  }
}

const scrollY = (page) => page.evaluate(() => Math.round(scrollY));
const activeLabel = (page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.className ?? '');

// ---------------------------------------------------------------------------
// Tap and see.
// ---------------------------------------------------------------------------

test('1280: after a click on every node, the top of its claims lies inside the viewport, beside the network', async () => {
  const ctx = await openCard(DESKTOP);
  const { page } = ctx;
  const labels = await nodes(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  assert.ok(labels.length >= 5, `the network has nodes (${labels.length})`);
  for (const label of labels) {
    const name = label.slice(0, label.indexOf('. '));
    const target = page.locator(`.wbw-node[role=button][aria-label="${label.replaceAll('"', '\\"')}"]`);
    await target.click();
    await claimsInView(page, name);
    const [view, detail] = await Promise.all(['.wbw-view', '.wbw-detail'].map((s) => page.locator(s).boundingBox()));
    assert.ok(detail.x >= view.x + view.width - 1, `${name}: the claims sit to the right of the network`);
  }
  // Keyboard focus stays on the node at this width (the claims are beside it).
  await node(page, 'Belarus').focus();
  await page.keyboard.press('Enter');
  await claimsInView(page, 'Belarus');
  assert.match(await activeLabel(page), /^Belarus\./);
  assert.deepEqual(ctx.errors, []);
  await ctx.context.close();
});

test('1280: a long claims panel scrolls inside the viewport, and a new actor starts at its top', async () => {
  const ctx = await openCard(DESKTOP);
  const { page } = ctx;
  await node(page, 'Belarus').click();
  await claimsInView(page, 'Belarus');
  const panel = await page.locator('.wbw-detail').evaluate((d) => ({
    height: d.getBoundingClientRect().height, overflow: getComputedStyle(d).overflowY, tall: d.scrollHeight > d.clientHeight }));
  assert.ok(panel.height <= 800, `the panel is at most the viewport's height (${panel.height})`);
  assert.equal(panel.overflow, 'auto');
  // Scrolling the page keeps the panel in the window (sticky) with its top in view.
  await page.mouse.wheel(0, 600);
  await page.waitForFunction(() => scrollY >= 300);
  const stuck = await page.locator('.wbw-detail').evaluate((d) => [d.getBoundingClientRect().top, d.getBoundingClientRect().bottom]);
  assert.ok(stuck[0] >= 0 && stuck[1] <= 800 + 0.5, `the panel stays inside the viewport (${stuck})`);
  if (panel.tall) {
    await page.locator('.wbw-detail').evaluate((d) => { d.scrollTop = 400; });
    await node(page, 'Russia').click();
    await claimsInView(page, 'Russia');
    assert.equal(await page.locator('.wbw-detail').evaluate((d) => d.scrollTop), 0, 'the next actor\'s claims start at their top');
  }
  await ctx.context.close();
});

for (const size of [PHONE, SMALL]) {
  const w = size.viewport.width;

  test(`${w}: a tap on every node brings the claims into view with focus on their heading; the card's Back returns to the node`, async () => {
    const ctx = await openCard(size);
    const { page } = ctx;
    const labels = await nodes(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    for (const label of labels) {
      const name = label.slice(0, label.indexOf('. '));
      const target = page.locator(`.wbw-node[role=button][aria-label="${label.replaceAll('"', '\\"')}"]`);
      await target.scrollIntoViewIfNeeded();
      const y = await scrollY(page);
      await target.tap();
      await claimsInView(page, name);
      await page.waitForFunction(() => document.activeElement?.classList.contains('wbw-detail-title'));
      assert.equal(await page.evaluate(() => document.activeElement.textContent), name, `${name}: focus on the claims' heading`);
      assert.ok(await scrollY(page) > y, `${name}: the page scrolled to the claims`);
      // Back: the close control returns the reader to the node they tapped.
      await page.locator('.wbw-close').tap();
      await page.locator('.wbw-detail').waitFor({ state: 'detached' });
      await page.waitForFunction((want) => Math.abs(scrollY - want) <= 1, y);
      assert.equal(await activeLabel(page), label, `${name}: focus back on the node`);
    }
    assert.deepEqual(ctx.errors, []);
    await ctx.context.close();
  });

  test(`${w}: the browser's Back closes the claims and returns to the node and the scroll position`, async () => {
    const ctx = await openCard(size);
    const { page } = ctx;
    const target = node(page, 'Russia');
    await target.scrollIntoViewIfNeeded();
    const y = await scrollY(page);
    await target.tap();
    await claimsInView(page, 'Russia');
    await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('select') === 'russia');
    await page.goBack();
    await page.locator('.wbw-detail').waitFor({ state: 'detached' });
    await page.waitForFunction((want) => Math.abs(scrollY - want) <= 1, y);
    assert.match(await activeLabel(page), /^Russia\./, 'focus back on the node');
    assert.equal(new URL(page.url()).pathname, new URL(URL_BASE).pathname, 'still on the card');
    await ctx.context.close();
  });
}

test('reduced motion: the card scrolls without smooth motion; otherwise smoothly', async () => {
  for (const [motion, want] of [['reduce', 'auto'], ['no-preference', 'smooth']]) {
    const ctx = await openCard(PHONE, '', { reducedMotion: motion });
    const { page } = ctx;
    await node(page, 'Belarus').tap();
    await claimsInView(page, 'Belarus');
    const calls = await page.evaluate(() => window.__scrolls);
    assert.ok(calls.length > 0, 'the card scrolled');
    for (const c of calls) {
      assert.equal(c.how, 'scrollTo', 'only window.scrollTo, never scrollIntoView (which scrolls ancestor frames)');
      assert.equal(c.args[0].behavior, want, `${motion}: behavior ${want}`);
    }
    await ctx.context.close();
  }
});

// ---------------------------------------------------------------------------
// Inside an iframe: the host scrolls only through the loader.
// ---------------------------------------------------------------------------

function hostPage(withLoader) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Host</title><link rel="icon" href="data:,"></head>
<body style="margin:0">
<h1>An article</h1><div style="height:900px">Text above the card.</div>
<iframe src="${CARD}/embed.html" title="Who backs whom" data-who-backs-whom width="100%" height="760" style="border:0;display:block"></iframe>
<div style="height:2400px">Text below the card.</div>
${withLoader ? `<script src="${CARD}/embed-loader.js" defer></script>` : ''}
</body></html>`;
}

async function hostWithFrame(withLoader) {
  const ctx = await open(browser, { viewport: PHONE.viewport, touch: true, timeout: 8000 });
  await ctx.context.addInitScript(() => {
    window.__messages = [];
    window.addEventListener('message', (e) => { if (e.data && e.data.type === 'who-backs-whom:scroll') window.__messages.push(e.data); });
  });
  await ctx.context.addInitScript(recordScrolls);
  await ctx.context.route(`${HOST}/**`, (route) => route.fulfill({
    status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: hostPage(withLoader) }));
  const { page } = ctx;
  await page.goto(`${HOST}/article.html`);
  const element = page.locator('iframe[data-who-backs-whom]');
  const frame = await (await element.elementHandle()).contentFrame();
  await frame.waitForURL(/\/embed\.html/);
  // Polled by timer: Chromium pauses animation frames in a cross-origin frame it deems off-screen.
  await element.scrollIntoViewIfNeeded();
  await frame.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')), null, { polling: 100 });
  await frame.waitForFunction(() => !document.createTreeWalker(document.getElementById('wbw-root'), NodeFilter.SHOW_COMMENT).nextNode(), null, { polling: 100 });
  if (withLoader) await page.waitForFunction(() => document.querySelector('iframe').getBoundingClientRect().height > 800, null, { polling: 100 });
  // The network in view on the host: Belarus's node 200 px below the top of the viewport.
  // (Without the loader the frame keeps 760 px and scrolls inside: the node first into the frame's view.)
  if (!withLoader) {
    await node(frame, 'Belarus').evaluate((g) => window.scrollTo(0, scrollY + g.getBoundingClientRect().top - 200));
    await frame.waitForFunction(() => document.querySelector('.wbw-node[aria-label^="Belarus."]').getBoundingClientRect().top < 400, null, { polling: 100 });
  }
  const inFrame = await node(frame, 'Belarus').evaluate((g) => g.getBoundingClientRect().y);
  await page.evaluate((y) => window.scrollTo(0, scrollY + document.querySelector('iframe').getBoundingClientRect().top + y - 200), inFrame);
  await page.evaluate(() => { window.__scrolls = []; });
  /** Taps Belarus where it is on the host's screen now. */
  const belarus = { tap: async () => {
    const at = await node(frame, 'Belarus').evaluate((g) => { const r = g.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; });
    const f = await page.locator('iframe').evaluate((el) => { const r = el.getBoundingClientRect(); return { x: r.x + el.clientLeft, y: r.y + el.clientTop }; });
    await page.touchscreen.tap(f.x + at.x, f.y + at.y);
  } };
  return { ...ctx, frame, belarus, size: PHONE };
}

test('iframe with the loader: a tap asks the host, through a checked message, to scroll the claims into view', async () => {
  const ctx = await hostWithFrame(true);
  const { page, frame } = ctx;
  const y = await scrollY(page);
  await ctx.belarus.tap();
  await frame.locator('.wbw-detail .wbw-detail-title', { hasText: 'Belarus' }).waitFor();
  await page.waitForFunction(() => window.__messages.length > 0);
  const [message] = await page.evaluate(() => window.__messages);
  assert.deepEqual(Object.keys(message).sort(), ['top', 'type'], 'the message has exactly the documented shape');
  await page.waitForFunction(() => {
    const frameTop = document.querySelector('iframe').getBoundingClientRect().top;
    return window.__messages.length > 0 && Math.abs(frameTop + window.__messages[0].top) <= 2;
  }, null, { timeout: 4000 });
  assert.ok(await scrollY(page) > y, 'the host page scrolled');
  const top = await frame.locator('.wbw-detail-title').evaluate((h) => h.getBoundingClientRect().top);
  const frameTop = await page.locator('iframe').evaluate((f) => f.getBoundingClientRect().top);
  assert.ok(frameTop + top >= 0 && frameTop + top < PHONE.viewport.height - 24, `the claims' heading is in the host's viewport (${frameTop + top})`);
  assert.deepEqual(await frame.evaluate(() => window.__scrolls.filter((s) => s.how === 'scrollIntoView')), [], 'the card never calls scrollIntoView');
  // The host's own scroll came from the loader's window.scrollTo, nowhere else.
  assert.ok((await page.evaluate(() => window.__scrolls)).every((s) => s.how === 'scrollTo'));
  // A forged message from the host itself (not the frame's window) scrolls nothing.
  const before = await scrollY(page);
  await page.evaluate(() => window.postMessage({ type: 'who-backs-whom:scroll', top: 0 }, '*'));
  await page.waitForFunction(() => window.__messages.length >= 2);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal(await scrollY(page), before, 'a message not from the card\'s frame is ignored');
  assert.deepEqual(ctx.errors, []);
  await ctx.context.close();
});

test('iframe without the loader: the card asks, and the host page does not scroll at all', async () => {
  const ctx = await hostWithFrame(false);
  const { page, frame } = ctx;
  const y = await scrollY(page);
  await ctx.belarus.tap();
  await frame.locator('.wbw-detail .wbw-detail-title', { hasText: 'Belarus' }).waitFor();
  await page.waitForFunction(() => window.__messages.length > 0);
  // Let any scroll the tap could have caused settle: the frame's own smooth scroll ends.
  await frame.waitForFunction(() => {
    const r = document.querySelector('.wbw-detail-title').getBoundingClientRect();
    return r.top >= 0 && r.top < 40;
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal(await scrollY(page), y, 'the host page did not move');
  assert.deepEqual(await page.evaluate(() => window.__scrolls), [], 'nothing scrolled the host');
  assert.equal(await frame.evaluate(() => document.activeElement.className), 'wbw-detail-title', 'focus on the claims inside the frame');
  await ctx.context.close();
});

// ---------------------------------------------------------------------------
// Claims at a glance.
// ---------------------------------------------------------------------------

test('claims grouped by relation; who, status, when and source always visible; the quote one tap away', async () => {
  const ctx = await openCard(PHONE);
  const { page } = ctx;
  await node(page, 'Belarus').tap();
  await claimsInView(page, 'Belarus');
  const groups = await page.locator('.wbw-detail .wbw-relation').evaluateAll((sections) => sections.map((s) => ({
    heading: s.querySelector('h4').textContent,
    claims: [...s.querySelectorAll('article.wbw-claim')].map((a) => a.dataset.claim),
  })));
  const claims = about('belarus');
  assert.equal(groups.flatMap((g) => g.claims).length, claims.length, 'every claim about Belarus, once');
  const relations = groups.map((g) => {
    const rels = new Set(g.claims.map((id) => data.claims.find((c) => c.id === id).relation));
    assert.equal(rels.size, 1, `one relation per group (${g.heading})`);
    assert.match(g.heading, new RegExp(`\\(${g.claims.length} claims?\\)$`), `the heading counts its claims: ${g.heading}`);
    return [...rels][0];
  });
  assert.equal(new Set(relations).size, relations.length, 'no relation in two groups');

  for (const article of await page.locator('.wbw-detail article.wbw-claim').all()) {
    const id = await article.getAttribute('data-claim');
    const claim = data.claims.find((c) => c.id === id);
    const by = article.locator('.wbw-claim-by');
    assert.ok(await by.isVisible(), `${claim.id}: the attribution is visible`);
    const text = await by.innerText();
    const claimant = actor(claim.attributed_to);
    assert.ok(text.includes(claimant.name), `${claim.id}: who claims it (${text})`);
    assert.match(text, /^(Stated|Reported|Alleged|Disputed; claimed) by /, `${claim.id}: its status`);
    if (claim.date) assert.ok(await by.locator('time').isVisible(), `${claim.id}: when`);
    const source = data.sources.find((s) => s.id === claim.sources[0]);
    const cite = await by.locator('cite').innerText();
    assert.ok(cite.length > 0 && (!source.title || cite.includes(source.title.slice(0, 30))), `${claim.id}: in which source (${cite})`);
    const lines = await by.evaluate((p) => Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight)));
    assert.ok(lines <= 4, `${claim.id}: the attribution is short (${lines} lines at 390 px)`);
    // The quote: hidden, then one tap away.
    const quote = article.locator('blockquote > p');
    assert.equal(await quote.isVisible(), false, `${claim.id}: the quote waits for a tap`);
    await article.locator('summary').tap();
    assert.ok(await quote.isVisible(), `${claim.id}: the quote after one tap`);
    assert.equal(await quote.innerText(), `“${claim.quote}”`, `${claim.id}: verbatim`);
    assert.ok(await article.locator('a.wbw-source-link').isVisible(), `${claim.id}: the full citation and text`);
  }
  await ctx.context.close();
});

test('one look: how many claims the actors state themselves and how many third parties allege', async () => {
  const ctx = await openCard(DESKTOP);
  const { page } = ctx;
  for (const id of ['belarus', 'russia', 'china']) {
    await node(page, actor(id).name).click();
    await page.locator('.wbw-detail .wbw-detail-title', { hasText: actor(id).name }).waitFor();
    const line = await page.locator('.wbw-detail .wbw-who-says').innerText();
    const count = (status) => about(id).filter((c) => c.status === status).length;
    for (const [status, words] of [['stated', /stated by the actors? (itself|themselves)/], ['reported', /reported by media or organisations/],
      ['alleged', /alleged by (a )?third part(y|ies)/], ['disputed', /disputed/]]) {
      const n = count(status);
      const found = line.match(new RegExp(`(\\d+) ${words.source}`));
      if (n === 0) assert.equal(found, null, `${id}: no ${status} count in "${line}"`);
      else assert.equal(Number(found?.[1]), n, `${id}: ${n} ${status} in "${line}"`);
    }
  }
  await ctx.context.close();
});

test('print: every claim\'s quote and full citation print, tapped open or not', async () => {
  const ctx = await openCard(PHONE, '#select=belarus');
  const { page } = ctx;
  await page.locator('.wbw-detail').waitFor();
  const quotes = page.locator('.wbw-detail blockquote');
  assert.equal(await quotes.first().isVisible(), false, 'on screen the quotes wait for a tap');
  await page.emulateMedia({ media: 'print' });
  const n = await quotes.count();
  assert.equal(n, about('belarus').length);
  for (let i = 0; i < n; i++) {
    assert.ok(await quotes.nth(i).isVisible(), `quote ${i} prints`);
    assert.ok(await quotes.nth(i).locator('cite').isVisible(), `citation ${i} prints`);
  }
  assert.equal(await page.locator('.wbw-detail summary').first().isVisible(), false, 'the disclosure control does not print');
  await ctx.context.close();
});

test('one h1 on the standalone and embed pages; the focus heading does not repeat the title', async () => {
  for (const path of ['', 'embed.html']) {
    const ctx = await openCard(PHONE, '', { page: path });
    const { page } = ctx;
    const h1 = await page.locator('h1').allInnerTexts();
    assert.equal(h1.length, 1, `${path || 'index'}: exactly one h1 (${h1})`);
    assert.equal(h1[0], data.dataset.title, "the h1 is the dataset's title");
    const focus = await page.locator('.wbw-focus-title').innerText();
    assert.ok(!/^Who backs/.test(focus), `${path || 'index'}: the focus heading names the focus instead of asking the title's question again ("${h1[0]}" / "${focus}")`);
    assert.equal(await page.locator('.wbw-focus-title').evaluate((h) => h.tagName), 'H2');
    // After a new centre the question is asked, since it is no longer the title's.
    await node(page, 'Belarus').tap();
    await page.locator('.wbw-refocus').tap();
    await page.locator('.wbw-focus-title', { hasText: 'Who backs Belarus, and who opposes it?' }).waitFor();
    await ctx.context.close();
  }
});

// ---------------------------------------------------------------------------
// axe-core, every rule (best practices included), every state and theme.
// ---------------------------------------------------------------------------

async function axe(page, state) {
  await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document));
  return result.violations.map((v) => `${state}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

for (const size of [PHONE, DESKTOP]) {
  for (const theme of ['light', 'dark']) {
    test(`axe, all rules (${theme}, ${size.viewport.width}): default, selected, list, timeline, filters open, sources open, embed panel open`, async () => {
      const ctx = await openCard(size, `#theme=${theme}`, { axe: true, colorScheme: theme });
      const { page } = ctx;
      const found = [];
      found.push(...await axe(page, 'default'));
      await press(ctx, node(page, 'Belarus'));
      await page.locator('.wbw-detail').waitFor();
      await press(ctx, page.locator('.wbw-detail summary').first());
      found.push(...await axe(page, 'selected, a quote open'));
      await shotAt(ctx, `glance-selected-${theme}-${size.viewport.width}`);
      await press(ctx, page.locator('.wbw-tab', { hasText: 'List' }));
      await page.locator('.wbw-list').waitFor();
      found.push(...await axe(page, 'list'));
      await press(ctx, page.locator('.wbw-tab', { hasText: 'Timeline' }));
      await page.locator('.wbw-timeline').waitFor();
      found.push(...await axe(page, 'timeline'));
      await press(ctx, page.locator('.wbw-tab', { hasText: 'Network' }));
      await press(ctx, page.locator('details.wbw-filters > summary'));
      await page.waitForFunction(() => document.querySelector('details.wbw-filters').open);
      found.push(...await axe(page, 'filters open'));
      await press(ctx, page.locator('details.wbw-filters > summary'));
      await press(ctx, page.locator('#wbw-root details.wbw-sources > summary'));
      await page.waitForFunction(() => document.querySelector('#wbw-root details.wbw-sources').open);
      found.push(...await axe(page, 'sources open'));
      await press(ctx, page.locator('details.wbw-embed > summary'));
      await page.waitForFunction(() => document.querySelector('details.wbw-embed').open);
      found.push(...await axe(page, 'embed panel open'));
      assert.deepEqual(found, [], found.join('\n'));
      assert.deepEqual(ctx.errors, []);
      await ctx.context.close();
    });
  }
}

async function shotAt(ctx, name) {
  await ctx.page.screenshot({ path: `${ARTEFACTS}/${name}.png` });
}

test('screenshots: 320, 390 and 1280 px, light and dark, an actor chosen', async () => {
  for (const size of [SMALL, PHONE, DESKTOP]) {
    for (const theme of ['light', 'dark']) {
      const ctx = await openCard(size, `#theme=${theme}`, { colorScheme: theme, reducedMotion: 'reduce' });
      const { page } = ctx;
      await page.screenshot({ path: `${ARTEFACTS}/glance-default-${theme}-${size.viewport.width}.png` });
      await press(ctx, node(page, 'Belarus'));
      await claimsInView(page, 'Belarus');
      await page.screenshot({ path: `${ARTEFACTS}/glance-${theme}-${size.viewport.width}.png` });
      await ctx.context.close();
    }
  }
});
