// End-to-end: the dataset's story in Debian's Chromium. The story bar's
// next and previous buttons, the arrow keys, a swipe on a touch screen, a
// link to a step, the `who-backs-whom:step` event and `set({ step })` on a
// host page of another origin, the scroll-driven demo (web/demo/story.html)
// on that origin, the numbered list readers without JavaScript get, and
// axe-core on story states. What each step shows is checked against the
// card's own export (claims.json) and the story as the build compiled it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { launchChromium, open } from './support.mjs';

const URL_BASE = process.env.WBW_URL;
const CARD = URL_BASE ? URL_BASE.replace(/\/+$/, '') : '';
const HOST = 'http://news.example';
const DEMO = new URL('../../web/demo/', import.meta.url);
const AXE = new URL('../../node_modules/axe-core/axe.min.js', import.meta.url).pathname;
const ARTEFACTS = 'test-results';
mkdirSync(ARTEFACTS, { recursive: true });

const STORY = 'march-visit-to-lukashenko';
const PHONE = { viewport: { width: 390, height: 844 }, touch: true };
const SMALL = { viewport: { width: 320, height: 640 }, touch: true };
const DESKTOP = { viewport: { width: 1280, height: 800 }, touch: false };

let browser;
let data; // claims.json: the claims each step's panel is checked against
let steps; // the story's steps as data/dataset.toml has them: [{ focus, claims }]

/** The steps of the shipped story, read from the dataset's text (focus and claims). */
function shippedSteps() {
  const toml = readFileSync(new URL('../../data/dataset.toml', import.meta.url), 'utf8');
  const story = toml.slice(toml.indexOf('[[stories]]'));
  return story.split('[[stories.steps]]').slice(1).map((block) => ({
    focus: /^focus = "([^"]+)"/m.exec(block)[1],
    caption: /^caption = "([^"]+)"/m.exec(block)[1],
    claims: [.../^claims = \[([^\]]*)\]/m.exec(block)[1].matchAll(/"([a-z0-9-]+)"/g)].map((m) => m[1]),
  }));
}

before(async () => {
  assert.ok(URL_BASE, 'WBW_URL is set (the URL the built card is served at)');
  browser = await launchChromium([
    '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights']);
  data = await (await fetch(new URL('claims.json', URL_BASE))).json();
  steps = shippedSteps();
  assert.equal(steps.length, 6);
});
after(async () => { await browser?.close(); });

/** The standalone card at `hash`, once the wasm has taken over. */
async function openCard(size, hash = '', options = {}) {
  const ctx = await open(browser, { viewport: size.viewport, touch: size.touch, timeout: 8000, ...options });
  await ctx.page.goto(URL_BASE + hash);
  await ready(ctx.page);
  return ctx;
}

async function ready(page) {
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')));
  await page.waitForFunction(() => {
    const walker = document.createTreeWalker(document.getElementById('wbw-root'), NodeFilter.SHOW_COMMENT);
    return !walker.nextNode();
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

const bar = (scope) => scope.locator('.wbw-story');

/** Waits until the story bar shows step `n` (1-based), then checks what it shows. */
async function assertStep(scope, n) {
  await scope.locator(`.wbw-story[data-step="${n}"]`).waitFor();
  const step = steps[n - 1];
  assert.equal(await bar(scope).locator('.wbw-story-count').innerText(), `Step ${n} of 6`);
  assert.equal(await bar(scope).locator('.wbw-story-label').innerText(), 'EDITORS’ NOTE'.toUpperCase());
  assert.equal(await bar(scope).locator('.wbw-story-text').innerText(), step.caption);
  const shown = await bar(scope).locator('.wbw-story-claims article.wbw-claim').evaluateAll((els) =>
    els.map((a) => ({ id: a.dataset.claim, by: a.querySelector('.wbw-claim-by').textContent })));
  assert.deepEqual(shown.map((c) => c.id), step.claims, `step ${n} shows the claims it points to`);
  for (const c of shown) {
    const claim = data.claims.find((x) => x.id === c.id);
    const claimant = data.actors.find((a) => a.id === claim.attributed_to).name;
    assert.ok(c.by.includes(claimant.split(' (')[0]), `${c.id} names its claimant: ${c.by}`);
  }
  const focus = data.actors.find((a) => a.id === step.focus).name;
  assert.ok((await scope.locator('.wbw-focus-title').innerText()).includes(focus), `step ${n} centres ${focus}`);
}

const hashOf = (page) => Object.fromEntries(new URLSearchParams(new URL(page.url()).hash.slice(1)));

async function waitHash(page, want) {
  await page.waitForFunction((w) => {
    const got = new URLSearchParams(location.hash.slice(1));
    return Object.entries(w).every(([k, v]) => got.get(k) === v);
  }, want, { timeout: 4000 }).catch(() => assert.fail(`fragment ${JSON.stringify(hashOf(page))} should have ${JSON.stringify(want)}`));
}

test('next and previous go through the steps, the URL and the live region follow', async () => {
  const ctx = await openCard(DESKTOP);
  const { page } = ctx;
  await page.locator('.wbw-story-open').click();
  await assertStep(page, 1);
  await waitHash(page, { story: STORY, step: '1' });
  for (let n = 2; n <= 6; n += 1) {
    await bar(page).locator('.wbw-story-next').click();
    await assertStep(page, n);
    await waitHash(page, { story: STORY, step: String(n) });
  }
  assert.match(await page.locator('.wbw-live').innerText(), /^Step 6 of 6\. Editors’ note: The news report says critics/);
  // The last step's next does nothing, and keeps focus where it was.
  await bar(page).locator('.wbw-story-next').focus();
  await page.keyboard.press('Enter');
  await assertStep(page, 6);
  assert.equal(await bar(page).locator('.wbw-story-next').getAttribute('aria-disabled'), 'true');
  assert.ok(await page.evaluate(() => document.activeElement.classList.contains('wbw-story-next')));
  await bar(page).locator('.wbw-story-prev').click();
  await assertStep(page, 5);
  // Leaving the story keeps the card as it is and drops story= from the link.
  await bar(page).locator('.wbw-story-close').click();
  await page.locator('.wbw-story-open').waitFor();
  await page.waitForFunction(() => !location.hash.includes('story='));
  assert.ok((await page.locator('.wbw-focus-title').innerText()).includes('Alexander Lukashenko'));
  assert.deepEqual(ctx.errors, []);
  await ctx.context.close();
});

test('the arrow keys move between steps while the story bar has focus', async () => {
  const ctx = await openCard(DESKTOP, `#story=${STORY}&step=2`);
  const { page } = ctx;
  await assertStep(page, 2);
  await bar(page).locator('.wbw-story-next').focus();
  await page.keyboard.press('ArrowRight');
  await assertStep(page, 3);
  await page.keyboard.press('ArrowRight');
  await assertStep(page, 4);
  await page.keyboard.press('ArrowLeft');
  await assertStep(page, 3);
  // Elsewhere the arrows are the page's: they do not move the story.
  await page.locator('.wbw-focus-title').focus();
  await page.keyboard.press('ArrowRight');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal(await bar(page).getAttribute('data-step'), '3');
  assert.deepEqual(ctx.errors, []);
  await ctx.context.close();
});

/** A horizontal swipe across `locator` by touch (Chrome's own touch events, as a finger gives). */
async function swipe(page, locator, dx) {
  const box = await locator.boundingBox();
  const y = box.y + Math.min(box.height / 2, 60);
  const x0 = box.x + box.width / 2 - dx / 2;
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, x) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
  await touch('touchStart', x0);
  for (let i = 1; i <= 8; i += 1) await touch('touchMove', x0 + (dx * i) / 8);
  await touch('touchEnd', x0 + dx);
  await cdp.detach();
}

test('a swipe to the left goes to the next step, to the right back (phone)', async () => {
  const ctx = await openCard(PHONE, `#story=${STORY}&step=1`);
  const { page } = ctx;
  await assertStep(page, 1);
  const caption = bar(page).locator('.wbw-story-caption');
  await caption.scrollIntoViewIfNeeded();
  await swipe(page, caption, -160);
  await assertStep(page, 2);
  await swipe(page, bar(page).locator('.wbw-story-caption'), 160);
  await assertStep(page, 1);
  // A mostly vertical move is a scroll, not a step.
  await swipe(page, bar(page).locator('.wbw-story-caption'), -30);
  assert.equal(await bar(page).getAttribute('data-step'), '1');
  assert.deepEqual(ctx.errors, []);
  await ctx.context.close();
});

test('a link to a step shows that step\'s state, at every size, with screenshots', async () => {
  for (const size of [SMALL, PHONE, DESKTOP]) {
    const ctx = await openCard(size, `#story=${STORY}&step=3`);
    const { page } = ctx;
    await assertStep(page, 3);
    // Step 3 selects the junta: its claims are open beside Russia's.
    await page.locator('.wbw-detail').waitFor();
    assert.ok((await page.locator('.wbw-detail').innerText()).includes('Myanmar\'s military junta'));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= size.viewport.width, `no sideways scroll at ${size.viewport.width} (${width})`);
    await bar(page).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTEFACTS}/story-step3-${size.viewport.width}.png` });
    assert.deepEqual(ctx.errors, []);
    await ctx.context.close();
  }
});

test('the embed page takes the step from its URL as the standalone page does', async () => {
  const ctx = await open(browser, { viewport: PHONE.viewport, touch: true, timeout: 8000 });
  const { page } = ctx;
  await page.goto(`${URL_BASE}embed.html#story=${STORY}&step=4`);
  await ready(page);
  await assertStep(page, 4);
  await bar(page).locator('.wbw-story-prev').tap();
  await assertStep(page, 3);
  assert.deepEqual(ctx.errors, []);
  await ctx.context.close();
});

// ------------------------------------------------------------ another origin

const TYPES = { html: 'text/html; charset=utf-8', css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' };

/** Serves http://news.example/<name> from `pages` or web/demo/, with __WBW_CARD__ replaced in HTML. */
async function hostContext(size, pages = {}) {
  const ctx = await open(browser, { viewport: size.viewport, touch: size.touch, timeout: 10000 });
  await ctx.context.route(`${HOST}/**`, async (route) => {
    const name = new URL(route.request().url()).pathname.slice(1) || 'index.html';
    let body = pages[name];
    if (body === undefined && /^[\w.-]+$/.test(name) && existsSync(new URL(name, DEMO))) body = readFileSync(new URL(name, DEMO), 'utf8');
    if (body === undefined) return route.fulfill({ status: 404, body: 'not found' });
    const type = TYPES[name.split('.').pop()] ?? 'application/octet-stream';
    if (type.startsWith('text/html')) body = body.replaceAll('__WBW_CARD__', CARD);
    return route.fulfill({ status: 200, headers: { 'content-type': type, 'cache-control': 'no-store' }, body });
  });
  return ctx;
}

const API_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>JS API host</title><link rel="icon" href="data:,"></head>
<body><main><h1>Host</h1><div id="card"></div></main></body></html>`;

test('set({ step }) on a host page of another origin, and the step event', async () => {
  const ctx = await hostContext(DESKTOP, { 'api.html': API_PAGE });
  const { page } = ctx;
  await page.goto(`${HOST}/api.html`);
  const events = await page.evaluate(async (card) => {
    const { mount } = await import(`${card}/element.js`);
    const target = document.getElementById('card');
    window.stepEvents = [];
    target.addEventListener('who-backs-whom:step', (e) => window.stepEvents.push(e.detail));
    const ready = new Promise((r) => target.addEventListener('who-backs-whom:ready', (e) => r(e.detail), { once: true }));
    window.card = await mount(target, { story: 'march-visit-to-lukashenko', step: 2 });
    const detail = await ready;
    return { ready: { story: detail.story, step: detail.step, focus: detail.focus } };
  }, CARD);
  assert.deepEqual(events.ready, { story: STORY, step: 2, focus: 'alexander-lukashenko' });
  const shadow = page.locator('#card');
  await assertStep(shadow, 2);
  await page.evaluate(() => window.card.set({ step: 4 }));
  await assertStep(shadow, 4);
  await page.waitForFunction(() => window.stepEvents.length === 1);
  const detail = await page.evaluate(() => window.stepEvents[0]);
  assert.equal(detail.story, STORY);
  assert.equal(detail.step, 4);
  assert.equal(detail.focus, 'belarus');
  assert.equal(detail.options, `story=${STORY}&step=4`);
  assert.equal(await page.evaluate(() => window.card.options()), `story=${STORY}&step=4`);
  // The reader's own next button sends the event too.
  await shadow.locator('.wbw-story-next').click();
  await assertStep(shadow, 5);
  await page.waitForFunction(() => window.stepEvents.length === 2 && window.stepEvents[1].step === 5);
  // A step out of range is a notice, and the card stays where it was.
  await page.evaluate(() => window.card.set({ step: 9 }));
  await shadow.locator('.wbw-notice').waitFor();
  assert.match(await shadow.locator('.wbw-notice').innerText(), /step/);
  assert.equal(await bar(shadow).getAttribute('data-step'), '5');
  const foreign = ctx.requests.filter((u) => !u.startsWith(HOST) && !u.startsWith(CARD) && !u.startsWith('data:'));
  assert.deepEqual(foreign, [], 'no request to any third origin');
  assert.deepEqual(ctx.errors, []);
  await ctx.context.close();
});

test('the scroll-driven demo on another origin moves the card as the reader scrolls', async () => {
  for (const size of [DESKTOP, PHONE]) {
    const ctx = await hostContext(size);
    const { page } = ctx;
    await page.goto(`${HOST}/story.html`);
    const card = page.locator('who-backs-whom');
    await assertStep(card, 1);
    for (const n of [3, 5, 2]) {
      await page.locator(`.scrolly-step[data-step="${n}"] h2`).evaluate((h) => h.parentElement.scrollIntoView({ block: 'center' }));
      await assertStep(card, n);
      assert.equal(await page.locator(`.scrolly-step[data-step="${n}"]`).getAttribute('aria-current'), 'step');
    }
    // The card's own button moves the story too; the page marks its section.
    await card.locator('.wbw-story-next').click();
    await assertStep(card, 3);
    await page.waitForFunction(() => document.querySelector('.scrolly-step[data-step="3"]').getAttribute('aria-current') === 'step');
    await page.screenshot({ path: `${ARTEFACTS}/story-demo-${size.viewport.width}.png` });
    assert.deepEqual(ctx.errors, []);
    await ctx.context.close();
  }
});

// ------------------------------------------------------------ without JavaScript

test('without JavaScript the story is a numbered list of its notes, each with its claims', async () => {
  const ctx = await open(browser, { viewport: PHONE.viewport, javaScriptEnabled: false });
  const { page } = ctx;
  await page.goto(URL_BASE);
  const list = page.locator('.wbw-story-list');
  assert.ok(await list.isVisible());
  assert.ok((await list.locator('h2').innerText()).includes('From the March visit'));
  const items = list.locator('ol.wbw-story-steps > li');
  assert.equal(await items.count(), 6);
  for (let n = 0; n < 6; n += 1) {
    const item = items.nth(n);
    assert.equal(await item.locator('.wbw-story-label').innerText(), 'EDITORS’ NOTE');
    const ids = await item.locator('article.wbw-claim').evaluateAll((els) => els.map((a) => a.dataset.claim));
    assert.deepEqual(ids, steps[n].claims, `step ${n + 1} lists its claims`);
    // Each claim keeps its quote and citation.
    assert.ok((await item.locator('blockquote.wbw-quote').count()) === ids.length);
  }
  // The story's buttons need the wasm: hidden.
  assert.equal(await page.locator('.wbw-story-open').isVisible(), false);
  await page.screenshot({ path: `${ARTEFACTS}/story-nojs-390.png`, fullPage: false });
  await list.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${ARTEFACTS}/story-nojs-list-390.png` });
  await ctx.context.close();
});

// ------------------------------------------------------------ accessibility

test('axe-core (all rules, best practices included) on story states, light and dark', async () => {
  const problems = [];
  for (const scheme of ['light', 'dark']) {
    for (const size of [PHONE, DESKTOP]) {
      for (const n of [1, 4, 6]) {
        const ctx = await openCard(size, `#story=${STORY}&step=${n}`, { bypassCSP: true, colorScheme: scheme });
        const { page } = ctx;
        await assertStep(page, n);
        await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
        await page.addScriptTag({ path: AXE });
        const result = await page.evaluate(() => window.axe.run(document.querySelector('.wbw-story')));
        for (const v of result.violations) {
          problems.push(`${scheme} ${size.viewport.width} step ${n}: ${v.id}: ${v.nodes.slice(0, 2).map((x) => x.target.join(' ')).join(' | ')}`);
        }
        if (n === 4 && scheme === 'dark') await page.screenshot({ path: `${ARTEFACTS}/story-step4-dark-${size.viewport.width}.png` });
        await ctx.context.close();
      }
    }
  }
  assert.deepEqual(problems, []);
});
