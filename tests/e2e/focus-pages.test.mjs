// Each actor's own pages (focus-<id>.html, embed-focus-<id>.html): a link or
// an embed to a state shows that state from the first paint, and readers
// without JavaScript read that focus's claims; the card takes the page over
// in that state (no other state first) and a fragment still applies on top.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, record } from './support.mjs';

const BASE = process.env.WBW_URL;
let browser;

before(async () => {
  assert.ok(BASE, 'WBW_URL names the built card');
  browser = await launchChromium();
});
after(() => browser?.close());

const url = (path) => new URL(path, BASE).href;

test('without JavaScript, a focus embed page shows that focus and its claims', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const response = await page.goto(url('embed-focus-belarus.html'));
  assert.equal(response.status(), 200);
  assert.equal(await page.locator('#wbw-root .wbw-focus-title').textContent(), 'Who backs Belarus, and who opposes it?');
  const heading = await page.locator('#wbw-static h2').textContent();
  assert.match(heading, /claims? about Belarus$/);
  // Belarus's claims, each with who makes it.
  const claims = page.locator('#wbw-static .wbw-claim');
  assert.ok((await claims.count()) > 5);
  assert.match(await claims.first().locator('.wbw-claim-by').textContent(), /^(Stated|Reported|Alleged|Disputed) by /);
  assert.match(await page.title(), /^Belarus · /);
  await context.close();
});

test('with JavaScript, the focus page starts in its own state and never shows another first', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const log = record(page);
  // Every title the focus bar shows from the first paint on.
  await page.addInitScript(() => {
    window.__titles = [];
    new MutationObserver(() => {
      const t = document.querySelector('#wbw-root .wbw-focus-title')?.textContent;
      if (t && window.__titles.at(-1) !== t) window.__titles.push(t);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(url('focus-russia.html'));
  await page.waitForFunction(() => !document.getElementById('wbw-static'));
  await page.locator('.wbw-node[role=button]').first().click();
  await page.locator('.wbw-detail h3').waitFor();
  const titles = await page.evaluate(() => window.__titles);
  assert.deepEqual(titles, ['Who backs Russia, and who opposes it?']);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a fragment applies over the focus page: its view changes, its focus stays', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(url('focus-belarus.html#view=list'));
  await page.waitForFunction(() => document.querySelector('.wbw-tab[aria-pressed=true]')?.textContent === 'List');
  assert.equal(await page.locator('.wbw-focus-title').textContent(), 'Who backs Belarus, and who opposes it?');
  await context.close();
});

test('the default page is not a focus page, and an actor no claim is about has none', async () => {
  const index = await (await fetch(url('index.html'))).text();
  assert.doesNotMatch(index, /data-prerendered=/);
  const none = await fetch(url('focus-myanmar-junta.html'));
  assert.equal(none.status, 404, 'the default focus is index.html itself');
});
