// End-to-end, issue #4's reader matrix: the built card (served at WBW_URL) in
// Debian's Chromium at 390x844 and 320x640 with touch and at 1280x800 with a
// mouse: selecting, refocusing and going back, filtering, deep links, views,
// keyboard only, axe-core in every state and scheme, reduced motion, layout
// (no horizontal scroll, no clipped text, no jump when the detail opens) and
// privacy (own origin only, no cookies, no storage). Screenshots of every
// view at every size go to test-results/<view>-<state>-<width>.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launchChromium, open } from './support.mjs';

const URL_BASE = process.env.WBW_URL;
const ARTEFACTS = 'test-results';
mkdirSync(ARTEFACTS, { recursive: true });
const AXE = new URL('../../node_modules/axe-core/axe.min.js', import.meta.url).pathname;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const PHONE = { name: 'phone', viewport: { width: 390, height: 844 }, touch: true };
const SMALL = { name: 'small phone', viewport: { width: 320, height: 640 }, touch: true };
const DESKTOP = { name: 'desktop', viewport: { width: 1280, height: 800 }, touch: false };
const SIZES = [PHONE, SMALL, DESKTOP];

let browser;
let data; // claims.json, the card's own export: the truth the DOM is checked against
const FOCUS = 'myanmar-junta';

before(async () => {
  assert.ok(URL_BASE, 'WBW_URL is set (the URL the built card is served at)');
  browser = await launchChromium();
  data = await (await fetch(new URL('claims.json', URL_BASE))).json();
});
after(async () => { await browser?.close(); });

const actorName = (id) => data.actors.find((a) => a.id === id).name;
const involving = (focus, keep = () => true) =>
  data.claims.filter((c) => (c.subject === focus || c.object === focus) && keep(c));

/** The card at `hash`, once the wasm has taken over (see support.mjs `open`). */
async function openCard(size, hash = '', options = {}) {
  const ctx = await open(browser, {
    viewport: size.viewport, touch: size.touch, axe: !!options.axe, timeout: 8000,
    colorScheme: options.colorScheme, reducedMotion: options.reducedMotion,
  });
  await ctx.page.goto(URL_BASE + hash);
  await ready(ctx.page);
  return { ...ctx, size };
}

/** The wasm has taken over: it was fetched and hydration removed Yew's markers. */
async function ready(page) {
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')));
  await page.waitForFunction(() => {
    const walker = document.createTreeWalker(document.getElementById('wbw-root'), NodeFilter.SHOW_COMMENT);
    return !walker.nextNode();
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Tap on a touch device, click with the mouse otherwise. */
async function press(ctx, locator) {
  if (ctx.size.touch) await locator.tap(); else await locator.click();
}

const node = (page, name) => page.locator(`.wbw-node[role=button][aria-label^="${name}."]`);
const tab = (page, label) => page.locator('.wbw-tab', { hasText: label });
const fragment = (page) => Object.fromEntries(new URLSearchParams(new URL(page.url()).hash.slice(1)));

/** Waits until the URL fragment has these keys (null: key absent). */
async function waitFragment(page, expected) {
  try {
    await page.waitForFunction((want) => {
      const got = new URLSearchParams(location.hash.slice(1));
      return Object.entries(want).every(([k, v]) => got.get(k) === v);
    }, expected, { timeout: 4000 });
  } catch {
    assert.fail(`URL fragment ${JSON.stringify(fragment(page))} should have ${JSON.stringify(expected)}`);
  }
}

async function filterCount(page) {
  const text = await page.locator('.wbw-filter-count').innerText();
  const m = text.match(/(\d+) of (\d+) claims/);
  assert.ok(m, `filter count readable: "${text}"`);
  return { shown: Number(m[1]), total: Number(m[2]) };
}

async function openFilters(ctx) {
  const details = ctx.page.locator('details.wbw-filters');
  if (!(await details.evaluate((d) => d.open))) await press(ctx, details.locator('summary'));
  await ctx.page.waitForFunction(() => document.querySelector('details.wbw-filters').open);
  // The card builds the checkboxes when the panel opens.
  await ctx.page.locator('.wbw-filters fieldset').first().waitFor();
}

const checkbox = (page, label) => page.locator('.wbw-filters label.wbw-check', { hasText: label }).locator('input');

async function shot(ctx, view, state) {
  await ctx.page.screenshot({ path: `${ARTEFACTS}/${view}-${state}-${ctx.size.viewport.width}.png`, fullPage: true });
}

/** Horizontal overflow, text clipped by overflow hidden, anything past the right edge. */
async function layoutProblems(page, { svg = false } = {}) {
  return page.evaluate((checkSvg) => {
    const problems = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) problems.push(`page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
    const describe = (el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '')
      + (el.getAttribute('class') ? '.' + el.getAttribute('class').trim().split(/\s+/).join('.') : '')
      + ` "${(el.textContent || '').trim().slice(0, 40)}"`;
    for (const el of document.querySelectorAll('.wbw, .wbw *')) {
      if (el.closest('.wbw-visually-hidden') || el.closest('details:not([open]) > :not(summary)')) continue;
      const cs = getComputedStyle(el);
      if (cs.display === 'none' || cs.visibility === 'hidden') continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      if (rect.right > doc.clientWidth + 0.5 || rect.left < -0.5) {
        problems.push(`outside the viewport (${Math.round(rect.left)}..${Math.round(rect.right)}): ${describe(el)}`);
      }
      if (el instanceof SVGElement) continue;
      const clipsX = ['hidden', 'clip'].includes(cs.overflowX);
      const clipsY = ['hidden', 'clip'].includes(cs.overflowY);
      if ((clipsX && el.scrollWidth > el.clientWidth + 1) || (clipsY && el.scrollHeight > el.clientHeight + 1)) {
        problems.push(`text clipped (${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}): ${describe(el)}`);
      }
    }
    // SVG labels: inside the drawing, and not on top of each other or of a count badge.
    for (const svg of checkSvg ? document.querySelectorAll('.wbw-network svg') : []) {
      const box = svg.getBoundingClientRect();
      const labels = [...svg.querySelectorAll('text')].filter((t) => !t.closest('.wbw-badge'));
      for (const t of labels) {
        const r = t.getBoundingClientRect();
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
          problems.push(`SVG label cut off by the drawing's edge: "${t.textContent.trim()}"`);
        }
      }
      const boxes = [...labels.flatMap((t) => [...t.querySelectorAll('tspan')].length
        ? [...t.querySelectorAll('tspan')].map((s) => ({ r: s.getBoundingClientRect(), what: `"${s.textContent.trim()}"`, owner: t }))
        : [{ r: t.getBoundingClientRect(), what: `"${t.textContent.trim()}"`, owner: t }]),
      ...[...svg.querySelectorAll('.wbw-badge circle')].map((c) => ({ r: c.getBoundingClientRect(), what: 'count badge', owner: c }))];
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i], boxes[j]];
          if (a.owner === b.owner) continue;
          const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
          const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
          if (w > 1 && h > 1) problems.push(`SVG overlap: ${a.what} and ${b.what} (${Math.round(w)}x${Math.round(h)} px)`);
        }
      }
    }
    return problems;
  }, svg);
}

async function axe(page, state) {
  // Let colour transitions finish: axe must see the settled colours.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: tags }), AXE_TAGS);
  return result.violations.map((v) =>
    `${state}: ${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

function assertOwnOrigin(ctx) {
  const origin = new URL(URL_BASE).origin;
  assert.deepEqual(ctx.requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:')), [],
    'every request goes to the page\'s own origin');
}

/** Checks the detail panel against claims.json: every claim names its claimant, its source and the verbatim quote. */
async function assertAttributedDetail(page, actorId) {
  const detail = page.locator('.wbw-detail');
  await detail.waitFor();
  assert.equal(await detail.locator('h3').innerText(), actorName(actorId));
  const articles = await detail.locator('article.wbw-claim').evaluateAll((els) => els.map((a) => ({
    id: a.dataset.claim,
    by: a.querySelector('.wbw-claim-by')?.innerText ?? '',
    claimant: a.querySelector('.wbw-claim-by strong')?.innerText ?? '',
    // The quote and full citation are one tap away (a closed <details>; glance.test.mjs taps them open).
    cite: a.querySelector('blockquote cite')?.textContent ?? '',
    quote: a.querySelector('blockquote > p')?.textContent ?? '',
    fullText: a.querySelector('a.wbw-source-link')?.getAttribute('href') ?? '',
  })));
  assert.ok(articles.length > 0, 'the selected actor shows at least one claim');
  const count = await detail.locator('.wbw-count').innerText();
  assert.match(count, new RegExp(`^${articles.length} claims? about `), 'the count matches the claims listed');
  for (const a of articles) {
    const claim = data.claims.find((c) => c.id === a.id);
    assert.ok(claim, `claim ${a.id} is in claims.json`);
    assert.ok(claim.subject === actorId || claim.object === actorId, `claim ${a.id} is about ${actorId}`);
    const claimant = data.actors.find((x) => x.id === claim.attributed_to);
    const body = claimant.member_of ? ` (${actorName(claimant.member_of)})` : '';
    assert.equal(a.claimant, claimant.name + body, `claim ${a.id}: who claims it`);
    assert.match(a.by, /^(Stated|Reported|Alleged|Disputed; claimed) by /, `claim ${a.id}: status phrase`);
    const source = data.sources.find((s) => s.id === claim.sources[0]);
    assert.ok(a.cite.length > 0 && (!source.title || a.cite.includes(source.title.slice(0, 30))), `claim ${a.id}: source cited ("${a.cite}")`);
    assert.equal(a.quote, `“${claim.quote}”`, `claim ${a.id}: verbatim quote`);
    assert.match(a.fullText, new RegExp(`sources/${source.id}\\.txt$`), `claim ${a.id}: link to the source text`);
  }
  return articles;
}

// ---------------------------------------------------------------------------
// Per size: select, refocus/back, filter, views.
// ---------------------------------------------------------------------------

test('the prerendered page shows the question, a backer and a claimant before any script runs', async () => {
  const html = await (await fetch(URL_BASE)).text();
  assert.match(html, /Who backs Myanmar&#x27;s junta and its election\?|Who backs Myanmar's junta and its election\?/);
  assert.match(html, /Belarus/);
  assert.match(html, /Justice For Myanmar/, 'claimants are named in the prerendered claims');
});

for (const size of SIZES) {
  const w = size.viewport.width;

  test(`${size.name} ${w}: select a backer, read its attributed claims; the content above does not move`, async () => {
    const ctx = await openCard(size);
    const { page } = ctx;
    await shot(ctx, 'network', 'default', w);
    const title = page.locator('.wbw-focus-title');
    const view = page.locator('.wbw-view');
    // Positions in the page (a tap on a phone scrolls the claims into view).
    const at = (l) => l.evaluate((el) => Math.round(el.getBoundingClientRect().top + scrollY));
    const before = { title: await at(title), view: await at(view) };
    await press(ctx, node(page, 'Belarus'));
    const articles = await assertAttributedDetail(page, 'belarus');
    assert.ok(articles.some((a) => /Alleged by\s+Justice For Myanmar/.test(a.by)), 'Justice For Myanmar\'s allegation is shown');
    assert.equal(await node(page, 'Belarus').getAttribute('aria-pressed'), 'true');
    await waitFragment(page, { select: 'belarus' });
    assert.match(await page.locator('.wbw-live').innerText(), /^Belarus selected: \d+ claims?\.$/);
    const afterBox = { title: await at(title), view: await at(view) };
    assert.deepEqual(afterBox, before, 'opening the detail panel moves neither the focus title nor the view');
    await shot(ctx, 'network', 'selected', w);
    assert.deepEqual(await layoutProblems(page), []);
    // Another actor replaces the panel; the close button clears it.
    await press(ctx, node(page, 'Russia'));
    await page.locator('.wbw-detail h3', { hasText: 'Russia' }).waitFor();
    await assertAttributedDetail(page, 'russia');
    await press(ctx, page.locator('.wbw-close'));
    await page.locator('.wbw-detail').waitFor({ state: 'detached' });
    await waitFragment(page, { select: null });
    assertOwnOrigin(ctx);
    assert.deepEqual(ctx.errors, []);
    await ctx.context.close();
  });

  test(`${size.name} ${w}: refocus on an actor, back with the card's button and with the browser's Back`, async () => {
    const ctx = await openCard(size);
    const { page } = ctx;
    const title = page.locator('.wbw-focus-title');
    await press(ctx, node(page, 'Belarus'));
    await press(ctx, page.locator('.wbw-refocus', { hasText: 'Show who backs Belarus' }));
    await page.locator('.wbw-focus-title', { hasText: 'Who backs Belarus' }).waitFor();
    await waitFragment(page, { focus: 'belarus', select: null });
    assert.match(await page.locator('.wbw-live').innerText(), /^Now showing Belarus: /);
    await page.locator('.wbw-detail').waitFor({ state: 'detached' });
    // The new centre's neighbourhood: the junta is now a node.
    await node(page, "Myanmar's military junta").waitFor();
    await shot(ctx, 'network', 'refocused', w);
    assert.deepEqual(await layoutProblems(page), []);
    // In-card back: returns to the junta with Belarus still selected.
    const back = page.locator('.wbw-back');
    assert.equal(await back.innerText(), "← Back to Myanmar's military junta");
    await press(ctx, back);
    await page.locator('.wbw-focus-title', { hasText: /^Myanmar's military junta$/ }).waitFor();
    assert.equal(await page.locator('.wbw-back').count(), 0, 'no back button at the start of the trail');
    await page.locator('.wbw-detail h3', { hasText: 'Belarus' }).waitFor();
    await waitFragment(page, { focus: null, select: 'belarus' });
    // Browser Back: refocus again, then history.back().
    await press(ctx, page.locator('.wbw-refocus'));
    await page.locator('.wbw-focus-title', { hasText: 'Who backs Belarus' }).waitFor();
    await waitFragment(page, { focus: 'belarus' });
    await page.goBack();
    await page.locator('.wbw-focus-title', { hasText: /^Myanmar's military junta$/ }).waitFor();
    await waitFragment(page, { focus: null });
    assert.match(await title.innerText(), /Myanmar's military junta/);
    // ...and Forward again.
    await page.goForward();
    await page.locator('.wbw-focus-title', { hasText: 'Who backs Belarus' }).waitFor();
    // The card still works after history navigation.
    await press(ctx, node(page, "Myanmar's military junta"));
    await assertAttributedDetail(page, 'myanmar-junta');
    assert.deepEqual(ctx.errors, []);
    await ctx.context.close();
  });

  test(`${size.name} ${w}: filters hide a relation kind and a claimant, counts follow; empty result and Clear filters`, async () => {
    const ctx = await openCard(size);
    const { page } = ctx;
    const all = involving(FOCUS);
    assert.deepEqual(await filterCount(page), { shown: all.length, total: all.length });
    await openFilters(ctx);
    await shot(ctx, 'network', 'filters-open', w);
    assert.deepEqual(await layoutProblems(page), []);

    // Hide a relation kind.
    const arms = checkbox(page, 'Arms and military aid');
    assert.equal(await arms.isChecked(), true);
    await press(ctx, arms);
    const noArms = involving(FOCUS, (c) => c.relation !== 'arms-and-military-aid');
    assert.ok(noArms.length < all.length, 'the dataset has arms claims about the focus');
    await page.locator('.wbw-filter-count', { hasText: `${noArms.length} of ${all.length}` }).waitFor();
    assert.equal(await arms.isChecked(), false);
    assert.match(await page.locator('.wbw-filters summary').innerText(), /\(1 hidden\)/);
    await waitFragment(page, { 'hide-relation': 'arms-and-military-aid' });

    // Hide a claimant.
    await press(ctx, checkbox(page, 'News report (publisher not named)'));
    const fewer = involving(FOCUS, (c) => c.relation !== 'arms-and-military-aid' && c.attributed_to !== 'news-report');
    await page.locator('.wbw-filter-count', { hasText: `${fewer.length} of ${all.length}` }).waitFor();
    assert.match(await page.locator('.wbw-filters summary').innerText(), /\(2 hidden\)/);
    await waitFragment(page, { 'hide-relation': 'arms-and-military-aid', 'hide-claimant': 'news-report' });
    // The timeline lists exactly the claims the count announces, none of them hidden.
    await press(ctx, tab(page, 'Timeline'));
    await page.locator('.wbw-timeline').waitFor();
    const shown = await page.locator('.wbw-timeline article.wbw-claim').evaluateAll((els) => els.map((a) => a.dataset.claim));
    assert.deepEqual(shown.sort(), fewer.map((c) => c.id).sort());
    await shot(ctx, 'timeline', 'filtered', w);

    // Hide every stance: nothing left.
    await press(ctx, tab(page, 'Network'));
    for (const stance of ['Backs', 'Opposes', 'Contact']) await press(ctx, checkbox(page, stance));
    await page.locator('.wbw-filter-count', { hasText: `0 of ${all.length}` }).waitFor();
    const empty = page.locator('.wbw-empty');
    await empty.waitFor();
    assert.match(await empty.innerText(), /No claims match these filters\./);
    assert.equal(await page.locator('.wbw-network').count(), 0);
    await shot(ctx, 'network', 'filters-empty', w);
    assert.deepEqual(await layoutProblems(page), []);
    await press(ctx, empty.getByRole('button', { name: 'Clear filters' }));
    await page.locator('.wbw-filter-count', { hasText: `${all.length} of ${all.length}` }).waitFor();
    await page.locator('.wbw-network').waitFor();
    assert.equal(await page.locator('.wbw-empty').count(), 0);
    assert.equal(await page.locator('.wbw-filters summary .wbw-badge').count(), 0, 'no "hidden" badge left');
    for (const input of await page.locator('.wbw-filters input[type=checkbox]').all()) {
      assert.equal(await input.isChecked(), true, 'every box ticked again');
    }
    assert.equal(await page.locator('.wbw-clear').isDisabled(), true, 'nothing left to clear');
    await waitFragment(page, { 'hide-relation': null, 'hide-claimant': null, 'hide-stance': null });
    assert.deepEqual(ctx.errors, []);
    await ctx.context.close();
  });

  test(`${size.name} ${w}: switch views; the URL keeps the view; no overflow or clipping in any view`, async () => {
    const ctx = await openCard(size);
    const { page } = ctx;
    const expectView = async (label, id) => {
      assert.equal(await page.locator('.wbw-tab[aria-pressed=true]').innerText(), label);
      await waitFragment(page, { view: id });
    };
    await press(ctx, tab(page, 'List'));
    await page.locator('.wbw-list').waitFor();
    await expectView('List', 'list');
    await shot(ctx, 'list', 'default', w);
    assert.deepEqual(await layoutProblems(page), [], 'list view');
    // Select in the list: same attributed detail.
    await press(ctx, page.locator('.wbw-group-backers .wbw-actor', { hasText: /^Belarus · / }));
    await assertAttributedDetail(page, 'belarus');
    assert.equal(await page.locator('.wbw-group-backers .wbw-actor', { hasText: /^Belarus · / }).getAttribute('aria-pressed'), 'true');
    await shot(ctx, 'list', 'selected', w);
    assert.deepEqual(await layoutProblems(page), [], 'list view, selected');
    await waitFragment(page, { view: 'list', select: 'belarus' });

    await press(ctx, tab(page, 'Timeline'));
    await page.locator('.wbw-timeline').waitFor();
    await expectView('Timeline', 'timeline');
    assert.equal(await page.locator('.wbw-timeline article.wbw-claim').count(), involving(FOCUS).length,
      'the timeline lists every claim about the focus');
    await shot(ctx, 'timeline', 'default', w);
    assert.deepEqual(await layoutProblems(page), [], 'timeline view');
    // A reload keeps the view (and the selection).
    await page.reload();
    await ready(page);
    await page.locator('.wbw-timeline').waitFor();
    await expectView('Timeline', 'timeline');
    await page.locator('.wbw-detail h3', { hasText: 'Belarus' }).waitFor();

    await press(ctx, tab(page, 'Network'));
    await page.locator('.wbw-network').waitFor();
    assert.equal(await page.locator('.wbw-tab[aria-pressed=true]').innerText(), 'Network');
    await waitFragment(page, { view: null }); // the default is left out of the link
    assert.deepEqual(await layoutProblems(page), [], 'network view');
    // Sources, background and data open.
    await press(ctx, page.locator('.wbw-sources summary'));
    await page.waitForFunction(() => document.querySelector('details.wbw-sources').open);
    await shot(ctx, 'network', 'sources-open', w);
    assert.deepEqual(await layoutProblems(page), [], 'sources open');
    assertOwnOrigin(ctx);
    assert.deepEqual(ctx.errors, []);
    await ctx.context.close();
  });

  test(`${size.name} ${w}: own origin only, no cookies, no storage after using every control`, async () => {
    const ctx = await openCard(size);
    const { page, context } = ctx;
    await press(ctx, node(page, 'Belarus'));
    await press(ctx, page.locator('.wbw-refocus'));
    await page.locator('.wbw-focus-title', { hasText: 'Who backs Belarus' }).waitFor();
    await press(ctx, page.locator('.wbw-back'));
    await openFilters(ctx);
    await press(ctx, checkbox(page, 'Backs'));
    for (const label of ['List', 'Timeline', 'Network']) await press(ctx, tab(page, label));
    await press(ctx, page.locator('.wbw-sources summary'));
    await page.waitForTimeout(200);
    assertOwnOrigin(ctx);
    assert.deepEqual(await context.cookies(), [], 'no cookies');
    assert.deepEqual(await page.evaluate(() => [localStorage.length, sessionStorage.length]), [0, 0], 'no web storage');
    assert.deepEqual(await page.evaluate(() => indexedDB.databases().then((d) => d.map((x) => x.name))), [], 'no IndexedDB');
    assert.deepEqual(ctx.errors, []);
    await ctx.context.close();
  });
}

// ---------------------------------------------------------------------------
// Deep links.
// ---------------------------------------------------------------------------

test('deep link: focus, select, view and filters are restored', async () => {
  const ctx = await openCard(PHONE, '#focus=belarus&select=myanmar-junta&view=list&hide-relation=training&hide-claimant=news-report');
  const { page } = ctx;
  await page.locator('.wbw-focus-title', { hasText: 'Who backs Belarus' }).waitFor();
  assert.equal(await page.locator('.wbw-tab[aria-pressed=true]').innerText(), 'List');
  await page.locator('.wbw-list').waitFor();
  await assertAttributedDetail(page, 'myanmar-junta');
  assert.equal(await page.locator('.wbw-actor', { hasText: /^Myanmar's military junta · / }).first().getAttribute('aria-pressed'), 'true');
  assert.match(await page.locator('.wbw-filters summary').innerText(), /\(2 hidden\)/);
  const keep = (c) => c.relation !== 'training' && c.attributed_to !== 'news-report';
  assert.deepEqual(await filterCount(page), { shown: involving('belarus', keep).length, total: involving('belarus').length });
  await openFilters(ctx);
  assert.equal(await checkbox(page, 'Training').isChecked(), false);
  assert.equal(await checkbox(page, 'News report (publisher not named)').isChecked(), false);
  assert.equal(await checkbox(page, 'Arms and military aid').isChecked(), true);
  assert.equal(await page.locator('.wbw-notice').count(), 0, 'a valid link shows no notice');
  assert.equal(await page.locator('.wbw-back').count(), 0);
  // The detail of a deep link honours its filter: no hidden claim listed.
  for (const id of await page.locator('.wbw-detail article.wbw-claim').evaluateAll((els) => els.map((a) => a.dataset.claim))) {
    assert.ok(keep(data.claims.find((c) => c.id === id)), `hidden claim ${id} is not listed`);
  }
  assert.deepEqual(ctx.errors, []);
  await ctx.context.close();
});

test('deep link: hide-stance, theme=dark and header=0 are restored', async () => {
  const ctx = await openCard(DESKTOP, '#view=timeline&hide-stance=neutral,opposes&theme=dark&header=0');
  const { page } = ctx;
  await page.locator('.wbw-timeline').waitFor();
  assert.equal(await page.locator('.wbw').getAttribute('data-theme'), 'dark');
  assert.equal(await page.locator('.wbw-header').count(), 0, 'header=0 hides the header');
  assert.equal(await page.locator('#wbw-title').count(), 1, 'the card keeps its (hidden) name');
  const backs = involving(FOCUS, (c) => c.stance === 'backs');
  assert.equal(await page.locator('.wbw-timeline article.wbw-claim').count(), backs.length);
  assert.equal(await page.locator('.wbw-timeline article.wbw-claim:not(.wbw-stance-backs)').count(), 0);
  const bg = await page.locator('.wbw').evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(bg, 'rgb(18, 20, 23)', 'the dark theme paints the card dark');
  await shot(ctx, 'timeline', 'dark-noheader', 1280);
  await ctx.context.close();
});

for (const size of [PHONE, DESKTOP]) {
  test(`${size.name}: an unknown link value shows a visible notice; the rest applies and the card works`, async () => {
    const ctx = await openCard(size, '#focus=belarus&view=graph&select=atlantis&colour=red&hide-relation=bribery');
    const { page } = ctx;
    const notice = page.locator('.wbw-notice');
    await notice.waitFor();
    assert.ok(await notice.isVisible(), 'the notice is visible');
    const text = await notice.innerText();
    for (const bad of ['graph', 'atlantis', 'colour', 'bribery']) assert.ok(text.includes(bad), `the notice names "${bad}": ${text}`);
    assert.match(text, /network, list, timeline/, 'the notice says which views exist');
    assert.equal(await notice.getAttribute('role'), 'status');
    // The valid part (focus) applies; the wrong ones fall back to the defaults.
    await page.locator('.wbw-focus-title', { hasText: 'Who backs Belarus' }).waitFor();
    assert.equal(await page.locator('.wbw-tab[aria-pressed=true]').innerText(), 'Network');
    assert.equal(await page.locator('.wbw-detail').count(), 0);
    const rect = await notice.boundingBox();
    assert.ok(rect.y < size.viewport.height, 'the notice is on the first screen');
    await shot(ctx, 'network', 'notice', size.viewport.width);
    assert.deepEqual(await layoutProblems(page), []);
    // Still works.
    await press(ctx, node(page, "Myanmar's military junta"));
    await assertAttributedDetail(page, 'myanmar-junta');
    await press(ctx, tab(page, 'List'));
    await waitFragment(page, { focus: 'belarus', view: 'list', select: 'myanmar-junta' });
    assert.ok(!/graph|atlantis|colour|bribery/.test(new URL(page.url()).hash), 'the bad values are not written back');
    await ctx.context.close();
  });
}

// ---------------------------------------------------------------------------
// Keyboard only.
// ---------------------------------------------------------------------------

/** What has focus, and whether it shows a focus indicator. */
function focusInfo() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return { desc: 'body', indicator: false, body: true };
  const cs = getComputedStyle(el);
  const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
  const shadow = cs.boxShadow !== 'none';
  // An SVG node shows focus with a thicker ring on its circle.
  let ring = false;
  if (el.classList.contains('wbw-node')) {
    const c = getComputedStyle(el.querySelector('circle'));
    ring = parseFloat(c.strokeWidth) >= 3;
  }
  const label = el.getAttribute('aria-label') || el.textContent.trim().slice(0, 50);
  return {
    desc: `${el.tagName.toLowerCase()}.${(el.getAttribute('class') || '').trim()} "${label}"`,
    indicator: outline || shadow || ring,
    body: false,
  };
}

function keyboardDriver(page) {
  const seen = [];
  const noIndicator = [];
  const step = async (key) => {
    await page.keyboard.press(key);
    const info = await page.evaluate(focusInfo);
    seen.push(info.desc);
    if (!info.body && !info.indicator) noIndicator.push(info.desc);
    return info;
  };
  /** Tabs (or shift-tabs) until `selector` matches the focused element (and its text matches `text`). */
  const tabTo = async (selector, text, { back = false, max = 90 } = {}) => {
    for (let i = 0; i < max; i++) {
      await step(back ? 'Shift+Tab' : 'Tab');
      const hit = await page.evaluate(([s, t]) => {
        const el = document.activeElement;
        return !!el && el.matches(s) && (!t || (el.getAttribute('aria-label') || el.textContent).includes(t));
      }, [selector, text]);
      if (hit) return;
    }
    assert.fail(`${selector} ${text ?? ''} not reachable with ${back ? 'Shift+Tab' : 'Tab'}; focus went: ${seen.slice(-12).join(' → ')}`);
  };
  return { seen, noIndicator, step, tabTo };
}

for (const size of [DESKTOP, { ...PHONE, touch: false, name: 'phone width, keyboard' }]) {
  test(`keyboard only (${size.viewport.width}): every control reachable and operable, focus always visible`, async () => {
    const ctx = await openCard(size);
    const { page } = ctx;
    const kb = keyboardDriver(page);
    const scrollY = () => page.evaluate(() => scrollY);

    // View tabs: Enter and Space.
    await kb.tabTo('.wbw-tab', 'List');
    await page.keyboard.press('Enter');
    await page.locator('.wbw-list').waitFor();
    await waitFragment(page, { view: 'list' });
    await kb.tabTo('.wbw-tab', 'Timeline');
    await page.keyboard.press('Space');
    await page.locator('.wbw-timeline').waitFor();
    await kb.tabTo('.wbw-tab', 'Network', { back: true });
    await page.keyboard.press('Enter');
    await page.locator('.wbw-network').waitFor();
    await waitFragment(page, { view: null });

    // Filters: open with Enter, toggle a checkbox with Space (twice).
    await kb.tabTo('.wbw-filters summary');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('details.wbw-filters').open);
    const { total } = await filterCount(page);
    await kb.tabTo('.wbw-filters input[type=checkbox]');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => !document.activeElement.checked);
    assert.ok((await filterCount(page)).shown < total, 'unticking a box with Space filters');
    await page.keyboard.press('Space');
    await page.locator('.wbw-filter-count', { hasText: `${total} of ${total}` }).waitFor();
    // Close the filters again with Enter on the summary.
    await kb.tabTo('.wbw-filters summary', undefined, { back: true });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !document.querySelector('details.wbw-filters').open);

    // Nodes: Enter and Space select; Space does not scroll the page.
    // Beside the network (1280) focus stays on the node and the page does not
    // move; below it (390) the claims scroll into view with focus on their heading.
    const beside = size.viewport.width >= 880;
    await kb.tabTo('.wbw-node[role=button]', 'Belarus.');
    await page.keyboard.press('Enter');
    await page.locator('.wbw-detail h3', { hasText: 'Belarus' }).waitFor();
    await kb.tabTo('.wbw-node[role=button]', 'Russia.', { back: !beside });
    const y = await scrollY();
    await page.keyboard.press('Space');
    await page.locator('.wbw-detail h3', { hasText: 'Russia' }).waitFor();
    if (beside) {
      assert.equal(await scrollY(), y, 'Space on a node selects it without scrolling the page');
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-pressed')), 'true');
    } else {
      await page.waitForFunction(() => document.activeElement?.classList.contains('wbw-detail-title'));
      await page.waitForFunction(() => Math.abs(document.activeElement.getBoundingClientRect().top) < 24);
    }

    // Refocus (Enter), then the in-card back button (Enter).
    await kb.tabTo('.wbw-refocus');
    await page.keyboard.press('Enter');
    await page.locator('.wbw-focus-title', { hasText: 'Who backs Russia' }).waitFor();
    await kb.tabTo('.wbw-back', undefined, { back: true });
    await page.keyboard.press('Enter');
    await page.locator('.wbw-focus-title', { hasText: /^Myanmar's military junta$/ }).waitFor();

    // Links in the detail (behind the claim's disclosure) and the close button.
    await kb.tabTo('.wbw-detail .wbw-claim-more > summary');
    await page.keyboard.press('Enter');
    await kb.tabTo('.wbw-detail a.wbw-source-link');
    await kb.tabTo('.wbw-close', undefined, { back: true });
    await page.keyboard.press('Enter');
    await page.locator('.wbw-detail').waitFor({ state: 'detached' });

    // List view: actor buttons with Enter.
    await kb.tabTo('.wbw-tab', 'List', { back: true });
    await page.keyboard.press('Enter');
    await kb.tabTo('.wbw-actor', 'China');
    await page.keyboard.press('Enter');
    await page.locator('.wbw-detail h3', { hasText: 'China' }).waitFor();

    // Sources: open with Enter; the download links are reachable.
    await kb.tabTo('.wbw-sources summary');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('details.wbw-sources').open);
    await kb.tabTo('a[download="claims.json"]');
    await kb.tabTo('a[download="claims.csv"]');

    // No trap: Tab leaves the last control and comes round to the first again.
    await kb.tabTo('.wbw-tab', 'Network', { max: 120 });

    assert.deepEqual(kb.noIndicator, [], 'every focused element shows a focus indicator');
    assert.deepEqual(ctx.errors, []);
    await ctx.context.close();
  });
}

test('keyboard only: refocus and close do not drop keyboard focus to the page body', async () => {
  const ctx = await openCard(DESKTOP);
  const { page } = ctx;
  const kb = keyboardDriver(page);
  const lost = [];
  await kb.tabTo('.wbw-node[role=button]', 'Belarus.');
  await page.keyboard.press('Enter');
  await kb.tabTo('.wbw-close');
  await page.keyboard.press('Enter');
  await page.locator('.wbw-detail').waitFor({ state: 'detached' });
  if ((await page.evaluate(focusInfo)).body) {
    await page.keyboard.press('Tab');
    lost.push(`after the close button (×) focus is on <body>; the next Tab goes to ${(await page.evaluate(focusInfo)).desc}`);
  }
  await kb.tabTo('.wbw-node[role=button]', 'Belarus.', { back: true });
  await page.keyboard.press('Enter');
  await kb.tabTo('.wbw-refocus');
  await page.keyboard.press('Enter');
  await page.locator('.wbw-focus-title', { hasText: 'Who backs Belarus' }).waitFor();
  if ((await page.evaluate(focusInfo)).body) {
    await page.keyboard.press('Tab');
    lost.push(`after "Show who backs Belarus" focus is on <body>; the next Tab goes to ${(await page.evaluate(focusInfo)).desc}`);
  }
  assert.deepEqual(lost, [], 'keyboard focus stays in the card when the focused control disappears');
  await ctx.context.close();
});

test('keyboard only: focus on a selected node is distinguishable from the selection alone', async () => {
  const ctx = await openCard(DESKTOP);
  const { page } = ctx;
  const kb = keyboardDriver(page);
  await kb.tabTo('.wbw-node[role=button]', 'Belarus.');
  await page.keyboard.press('Enter');
  await page.locator('.wbw-detail').waitFor();
  const ring = () => node(page, 'Belarus').evaluate((g) => {
    const c = getComputedStyle(g.querySelector('circle'));
    const o = getComputedStyle(g);
    const hit = getComputedStyle(g.querySelector('.wbw-hit'));
    return { stroke: c.stroke, width: c.strokeWidth, fill: c.fill, outline: o.outlineStyle, shadow: o.boxShadow, filter: o.filter,
      ring: hit.stroke, ringWidth: hit.strokeWidth };
  });
  const focused = await ring();
  await kb.step('Tab'); // focus moves to the next node; Belarus stays selected
  const unfocused = await ring();
  assert.notDeepEqual(focused, unfocused,
    `the focused selected node looks the same as when it is not focused: ${JSON.stringify(focused)}`);
  await ctx.context.close();
});

// ---------------------------------------------------------------------------
// axe-core in every state, scheme and size.
// ---------------------------------------------------------------------------

const SCHEMES = [
  { name: 'light (default)', hash: '', options: {} },
  { name: 'theme=dark', hash: '#theme=dark', options: {} },
  { name: 'theme=light under a dark system', hash: '#theme=light', options: { colorScheme: 'dark' } },
  { name: 'dark system (prefers-color-scheme)', hash: '', options: { colorScheme: 'dark' } },
  { name: 'reduced motion', hash: '', options: { reducedMotion: 'reduce' } },
];

for (const scheme of SCHEMES) {
  for (const size of scheme.hash === '' && !scheme.options.colorScheme && !scheme.options.reducedMotion ? SIZES : [PHONE]) {
    test(`axe (${scheme.name}, ${size.viewport.width}): no violations in network, selected, list, timeline, filters open, empty`, async () => {
      const ctx = await openCard(size, scheme.hash, { ...scheme.options, axe: true });
      const { page } = ctx;
      if (scheme.options.colorScheme) await page.emulateMedia({ colorScheme: scheme.options.colorScheme });
      const found = [];
      found.push(...await axe(page, 'network'));
      await press(ctx, node(page, 'Belarus'));
      await page.locator('.wbw-detail').waitFor();
      found.push(...await axe(page, 'actor selected'));
      await press(ctx, tab(page, 'List'));
      await page.locator('.wbw-list').waitFor();
      found.push(...await axe(page, 'list'));
      await press(ctx, tab(page, 'Timeline'));
      await page.locator('.wbw-timeline').waitFor();
      found.push(...await axe(page, 'timeline'));
      await press(ctx, tab(page, 'Network'));
      await openFilters(ctx);
      found.push(...await axe(page, 'filters open'));
      for (const stance of ['Backs', 'Opposes', 'Contact']) await press(ctx, checkbox(page, stance));
      await page.locator('.wbw-empty').waitFor();
      found.push(...await axe(page, 'filter applied, empty result'));
      await press(ctx, page.locator('.wbw-sources summary'));
      found.push(...await axe(page, 'sources open'));
      if (scheme.hash === '#theme=dark' || scheme.options.colorScheme) {
        await press(ctx, page.locator('.wbw-empty button'));
        await page.locator('.wbw-network').waitFor();
        await shot(ctx, 'network', `selected-${scheme.hash ? scheme.hash.slice(1).replace('=', '-') : 'auto'}${scheme.options.colorScheme ? '-system-' + scheme.options.colorScheme : ''}`, size.viewport.width);
      }
      assert.deepEqual(found, [], found.join('\n'));
      assert.deepEqual(ctx.errors, []);
      await ctx.context.close();
    });
  }
}

test('theme=dark really is dark and theme=light really is light, whatever the system says', async () => {
  for (const [hash, scheme, want] of [['#theme=dark', 'light', 'rgb(18, 20, 23)'], ['#theme=light', 'dark', 'rgb(255, 255, 255)'],
    ['', 'dark', 'rgb(18, 20, 23)'], ['', 'light', 'rgb(255, 255, 255)']]) {
    const ctx = await openCard(PHONE, hash, { colorScheme: scheme });
    const bg = await ctx.page.locator('.wbw').evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(bg, want, `${hash || 'auto'} under a ${scheme} system`);
    await ctx.context.close();
  }
});

test('reduced motion: no transition or animation on nodes and controls', async () => {
  const durations = async (ctx) => ctx.page.evaluate(() => [...document.querySelectorAll(
    '.wbw-node, .wbw-node *, .wbw button, .wbw summary, .wbw-detail, .wbw-detail *')]
    .map((el) => {
      const cs = getComputedStyle(el);
      const longest = (v) => Math.max(...v.split(',').map((s) => parseFloat(s) * (s.trim().endsWith('ms') ? 1 : 1000)));
      return { el: el.tagName + '.' + (el.getAttribute('class') || ''), ms: Math.max(longest(cs.transitionDuration), longest(cs.animationDuration)) };
    })
    .filter((x) => x.ms > 10));
  const moving = await openCard(PHONE);
  await press(moving, node(moving.page, 'Belarus'));
  await moving.page.locator('.wbw-detail').waitFor();
  assert.ok((await durations(moving)).length > 0, 'without the preference some control does transition (the check can see it)');
  await moving.context.close();

  const still = await openCard(PHONE, '', { reducedMotion: 'reduce' });
  await press(still, node(still.page, 'Belarus'));
  await still.page.locator('.wbw-detail').waitFor();
  assert.deepEqual(await durations(still), [], 'with prefers-reduced-motion: reduce nothing moves');
  assert.equal(await still.page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior), 'auto');
  await still.context.close();
});

test('print: the question, the network and the selected actor\'s attributed claims print; the controls do not', async () => {
  const ctx = await openCard(PHONE, '#select=belarus');
  const { page } = ctx;
  await assertAttributedDetail(page, 'belarus');
  await page.emulateMedia({ media: 'print' });
  const shown = (selector) => page.locator(selector).first().isVisible();
  for (const control of ['.wbw-toolbar', '.wbw-tab', '.wbw-close', '.wbw-refocus', 'details.wbw-embed', '#wbw-root details.wbw-sources']) {
    assert.equal(await page.locator(control).count() > 0, true, `${control} is on the page`);
    assert.equal(await shown(control), false, `${control} is not printed`);
  }
  for (const content of ['.wbw-title', 'figure.wbw-network', '.wbw-detail h3', '.wbw-detail .wbw-claim-by', '.wbw-detail .wbw-quote']) {
    assert.equal(await shown(content), true, `${content} is printed`);
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `nothing runs past the page's width (${overflow} px)`);
  await page.pdf({ path: `${ARTEFACTS}/print-a4.pdf`, format: 'A4', printBackground: false });
  assert.deepEqual(ctx.errors, []);
  await ctx.context.close();
});

// ---------------------------------------------------------------------------
// Other foci: the layout holds for a different neighbourhood at every size.
// ---------------------------------------------------------------------------

for (const size of SIZES) {
  test(`${size.name} ${size.viewport.width}: every actor as focus: network labels and count badges neither cut off nor overlapping`, async () => {
    const ctx = await openCard(size);
    const { page } = ctx;
    const problems = [];
    const foci = [...new Set(data.claims.flatMap((c) => [c.subject, c.object]))];
    for (const id of foci) {
      await page.evaluate((h) => { location.hash = h; }, `focus=${id}`);
      // The dataset's own focus is named under the title that asks about it; any other is asked about.
      await page.locator('.wbw-focus-title', { hasText: id === FOCUS ? actorName(id) : `Who backs ${actorName(id)},` }).waitFor();
      for (const p of await layoutProblems(page, { svg: true })) problems.push(`focus=${id}: ${p}`);
    }
    assert.deepEqual(problems, [], problems.join('\n'));
    await ctx.context.close();
  });
}

for (const size of SIZES) {
  test(`${size.name} ${size.viewport.width}: filter checkboxes keep their size when a label wraps`, async () => {
    const ctx = await openCard(size);
    await openFilters(ctx);
    const widths = await ctx.page.locator('.wbw-check input').evaluateAll((els) => els.map((i) => ({
      label: i.parentElement.textContent.trim(), w: Math.round(i.getBoundingClientRect().width * 10) / 10,
      h: Math.round(i.getBoundingClientRect().height * 10) / 10 })));
    const odd = widths.filter((x) => x.w !== widths[0].w || x.h !== widths[0].h);
    assert.deepEqual(odd, [], `every box is ${widths[0].w}x${widths[0].h} px`);
    await ctx.context.close();
  });

  test(`${size.name} ${size.viewport.width}: network labels, headings and counts render at 9.5 CSS px or more`, async () => {
    const ctx = await openCard(size);
    const small = await ctx.page.evaluate(() => [...document.querySelectorAll('.wbw-network svg text')].map((t) => ({
      text: t.textContent.trim().slice(0, 30),
      px: Math.round(parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a * 10) / 10,
    })).filter((x) => x.px < 9.5));
    // The drawing scales with the card's width (12 units at 360 wide, so about
    // 9.6 px at 320); the list view is its text equivalent at full size.
    assert.deepEqual(small, [], 'text in the drawing is scaled below 9.5 px');
    await ctx.context.close();
  });
}

// ---------------------------------------------------------------------------
// README screenshot.
// ---------------------------------------------------------------------------

test('README screenshot: the network with Belarus selected at 390 px', async () => {
  mkdirSync('docs', { recursive: true });
  const ctx = await openCard(PHONE);
  const { page } = ctx;
  await press(ctx, node(page, 'Belarus'));
  await page.locator('.wbw-detail article.wbw-claim').first().waitFor();
  await page.evaluate(() => scrollTo(0, 0));
  // From the focus question to the end of the first attributed claim (claimant, source, quote).
  const [top, bottom] = await page.evaluate(() => [
    document.querySelector('.wbw-focusbar').getBoundingClientRect().top + scrollY - 8,
    document.querySelector('.wbw-detail article.wbw-claim').getBoundingClientRect().bottom + scrollY + 12,
  ]);
  // Into test-results/ on every run; into the README's docs/ only when asked
  // (WBW_README_SCREENSHOT=1), so a test run leaves the work tree clean.
  const path = process.env.WBW_README_SCREENSHOT === '1' ? 'docs/screenshot-phone.png' : `${ARTEFACTS}/readme-phone.png`;
  await page.screenshot({ path, fullPage: true,
    clip: { x: 0, y: Math.round(top), width: 390, height: Math.round(Math.min(bottom - top, 1600)) } });
  await ctx.context.close();
});
