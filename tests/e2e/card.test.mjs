// End-to-end: the built card (dist/, served by `cargo xtask test` at WBW_URL)
// in Debian's Chromium, as a reader on a phone and on a desktop would use it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launchChromium, record } from './support.mjs';

const URL_BASE = process.env.WBW_URL;
const ARTEFACTS = 'test-results';
mkdirSync(ARTEFACTS, { recursive: true });
let browser;

before(async () => {
  assert.ok(URL_BASE, 'WBW_URL is set by cargo xtask test');
  browser = await launchChromium();
});
after(async () => { await browser?.close(); });

/** A page that records every request and console error. */
async function open(viewport, hash = '', options = {}) {
  // bypassCSP only where a test injects axe-core: the card's own pages send a
  // strict policy (xtask/src/serve.rs) that every other test runs under.
  const context = await browser.newContext({ viewport, hasTouch: !!options.touch, isMobile: !!options.touch, bypassCSP: !!options.axe });
  const page = await context.newPage();
  const { requests, errors } = record(page);
  await page.goto(URL_BASE + hash);
  // The wasm has taken over when a node reacts; wait for the runtime to load.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')));
  await page.waitForTimeout(300);
  return { page, context, requests, errors };
}

const PHONE = { width: 390, height: 844 };
const SMALL = { width: 320, height: 640 };
const DESKTOP = { width: 1280, height: 800 };

test('the prerendered page shows the question before any script runs', async () => {
  const response = await fetch(URL_BASE);
  const html = await response.text();
  assert.match(html, /Who backs Myanmar&#x27;s junta and its election\?|Who backs Myanmar's junta and its election\?/);
  assert.match(html, /Belarus/);
  assert.match(html, /Justice For Myanmar/, 'claimants are named in the prerendered claims');
});

for (const [name, viewport] of [['phone', PHONE], ['small phone', SMALL], ['desktop', DESKTOP]]) {
  test(`${name}: tap a backer and read its attributed claims`, async () => {
    const { page, context, requests, errors } = await open(viewport, '', { touch: viewport !== DESKTOP });
    await page.screenshot({ path: `${ARTEFACTS}/network-${viewport.width}.png`, fullPage: true });
    const belarus = page.locator('.wbw-node[role=button][aria-label^="Belarus."]');
    if (viewport !== DESKTOP) await belarus.tap(); else await belarus.click();
    const detail = page.locator('.wbw-detail');
    await detail.waitFor();
    const text = await detail.innerText();
    assert.match(text, /Alleged by\s+Justice For Myanmar/);
    assert.match(text, /air defense command systems/);
    await page.screenshot({ path: `${ARTEFACTS}/selected-${viewport.width}.png`, fullPage: true });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= viewport.width, `no horizontal scrolling (${width} > ${viewport.width})`);
    const origin = new URL(URL_BASE).origin;
    assert.deepEqual(requests.filter((u) => !u.startsWith(origin)), [], 'no request to any other origin');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('a deep link opens that focus and view; refocus and Back work', async () => {
  const { page, context } = await open(PHONE, '#focus=belarus&view=list');
  await page.locator('.wbw-focus-title', { hasText: 'Who backs Belarus' }).waitFor();
  assert.equal(await page.locator('.wbw-tab[aria-pressed=true]').innerText(), 'List');
  await page.screenshot({ path: `${ARTEFACTS}/list-390.png`, fullPage: true });
  await page.locator('.wbw-actor', { hasText: "Myanmar" }).first().click();
  await page.locator('.wbw-refocus').click();
  await page.locator('.wbw-focus-title', { hasText: 'Myanmar' }).waitFor();
  // The URL follows a moment later: the default focus leaves no `focus=`.
  await page.waitForURL((u) => !u.hash.includes('focus=belarus'));
  await page.goBack();
  await page.locator('.wbw-focus-title', { hasText: 'Who backs Belarus' }).waitFor();
  await context.close();
});

test('keyboard only: reach a node, select it, read its claims', async () => {
  const { page, context } = await open(DESKTOP);
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.classList?.contains('wbw-node'));
  }
  assert.ok(reached, 'a network node is reachable with Tab');
  await page.keyboard.press('Enter');
  await page.locator('.wbw-detail').waitFor();
  assert.match(await page.locator('.wbw-live').innerText(), /selected: \d+ claims?\./);
  await context.close();
});

test('a wrong link option shows a notice and falls back to the defaults', async () => {
  const { page, context } = await open(PHONE, '#focus=atlantis');
  const notice = await page.locator('.wbw-notice').innerText();
  assert.match(notice, /atlantis/);
  assert.match(await page.locator('.wbw-focus-title').innerText(), /Myanmar/);
  await context.close();
});

test('axe-core finds no accessibility violations in the network, list and selected states', async () => {
  const { page, context } = await open(PHONE, '', { axe: true });
  const axePath = new URL('../../node_modules/axe-core/axe.min.js', import.meta.url).pathname;
  const check = async (state) => {
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }));
    const found = result.violations.map((v) => `${state}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target}`);
    assert.deepEqual(found, [], found.join('\n'));
  };
  await check('network');
  await page.locator('.wbw-node[role=button]').first().click();
  await page.locator('.wbw-detail').waitFor();
  await check('selected');
  await page.locator('.wbw-tab', { hasText: 'List' }).click();
  await check('list');
  await context.close();
});
