// A busy focus in a dataset in parts (the engine issue): the focus's part is
// too large to inline, so its network comes from the index's summary (`G`
// records) — drawn from the first paint, with and without JavaScript, and
// with no part fetched. Its part is fetched only when a reader asks for its
// claims (the list or the timeline, a filter), with "loading claims"
// meanwhile and a retry notice if it cannot load.
//
// Runs against WBW_BUSY_URL: `cargo xtask test` builds a synthetic dataset of
// 40 actors and 2,000 claims (tests/bench/generate.mjs) into
// target/dist-parts-2000 and serves it there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, open as openPage } from './support.mjs';

const BASE = process.env.WBW_BUSY_URL;
let browser;

before(async () => {
  assert.ok(BASE, 'WBW_BUSY_URL names the card built from a dataset with a busy focus');
  browser = await launchChromium();
});
after(() => browser?.close());

async function open(path = 'index.html', viewport = { width: 1280, height: 900 }) {
  // No service worker: page.route, which holds and cuts the parts, does not
  // see what a worker fetches (the offline suites test the worker).
  const opened = await openPage(browser, { viewport, serviceWorkers: 'block' });
  await opened.page.goto(new URL(path, BASE).href);
  await opened.page.waitForFunction(() => !document.getElementById('wbw-static'));
  return opened;
}

const nodes = (page) => page.locator('.wbw-node[role=button]');
const partsFetched = (requests) => requests.filter((u) => u.includes('/parts/part-'));

test('the busy focus\'s network is drawn from the index, prerendered and hydrated, with no part fetched', async () => {
  const html = await (await fetch(new URL('embed.html', BASE))).text();
  assert.match(html, /<script type="text\/plain" id="wbw-data">who-backs-whom dataset\t/);
  assert.doesNotMatch(html, /id="wbw-part"/, 'the focus\'s part is too large to inline');
  assert.match(html, /\nG\t/, 'the index summarises the focus\'s network');
  const prerendered = (html.match(/class="wbw-node wbw-band-[a-z]+"/g) || []).length;
  assert.ok(prerendered > 3, `the page's markup draws the network (${prerendered} nodes)`);
  const { context, page, requests, errors } = await open('embed.html');
  assert.equal(await nodes(page).count(), prerendered, 'the running card draws what was prerendered');
  assert.equal(await page.locator('.wbw-loading').count(), 0, 'no loading state for the network');
  assert.match(await page.locator('.wbw-meta').first().textContent(), /^2,?000 attributed claims/);
  // The focus's total is every claim about it, not the loaded ones (none).
  const count = await page.locator('.wbw-filter-count').textContent();
  assert.match(count, /[1-9]\d* of [1-9]\d* claims/);
  assert.deepEqual(partsFetched(requests), [], 'no part fetched');
  assert.deepEqual(errors, []);
  await context.close();
});

test('selecting a backer fetches only that backer\'s part and shows its claims', async () => {
  const { context, page, requests } = await open('index.html', { width: 390, height: 844 });
  await nodes(page).first().click();
  await page.locator('.wbw-detail .wbw-claim').first().waitFor();
  assert.equal(partsFetched(requests).length, 1, 'the selected actor\'s part, not the focus\'s');
  assert.ok((await nodes(page).count()) > 3, 'the network stays drawn');
  await context.close();
});

test('the list view asks for the focus\'s claims: loading, then the list; a cut network gives the retry notice', async () => {
  const { context, page, requests } = await open();
  await page.route('**/parts/**', (route) => route.abort('internetdisconnected'));
  await page.getByRole('button', { name: 'List', exact: true }).click();
  const failed = page.locator('.wbw-part-failed');
  await failed.waitFor();
  // The rest of the card works: back to the network, drawn from the index.
  await page.getByRole('button', { name: 'Network', exact: true }).click();
  assert.ok((await nodes(page).count()) > 3);
  await page.unroute('**/parts/**');
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/parts/**', async (route) => { await held; await route.continue(); });
  await page.getByRole('button', { name: 'List', exact: true }).click();
  await page.getByRole('button', { name: 'Try again' }).click();
  const loading = page.locator('.wbw-view-placeholder .wbw-loading, .wbw-loading').first();
  await loading.waitFor();
  assert.match(await loading.textContent(), /^Loading the claims about /);
  release();
  await page.locator('.wbw-list .wbw-actor').first().waitFor();
  assert.equal(await page.locator('.wbw-loading').count(), 0);
  assert.ok((await page.locator('.wbw-list .wbw-summaries li').count()) > 0, 'the list shows the claims\' summaries');
  // A hub's tie holds hundreds of claims: five summaries each, and the way to the rest.
  const perTie = await page.locator('.wbw-list .wbw-summaries').evaluateAll((lists) => lists.map((l) => l.querySelectorAll('li:not(.wbw-more-claims)').length));
  assert.ok(Math.max(...perTie) === 5, `at most five summaries a tie (${perTie})`);
  assert.match(await page.locator('.wbw-more-claims').first().textContent(), /^and [\d,]+ more claims: choose .+ to read them all\.$/);
  assert.equal(new Set(partsFetched(requests)).size, 1, 'one part: the focus\'s');
  await context.close();
});

test('a filter needs the focus\'s claims: they load, and the count follows the filter', async () => {
  const { context, page } = await open();
  const before = await page.locator('.wbw-filter-count').textContent().catch(() => null);
  await page.locator('details.wbw-filters summary').click();
  await page.locator('.wbw-filters fieldset input[type=checkbox]').first().click();
  await page.waitForFunction(() => !document.querySelector('.wbw-loading') && document.querySelector('.wbw-node[role=button]'));
  const after = await page.locator('.wbw-filter-count').textContent();
  assert.notEqual(after, before, 'the filter applies to the claims once loaded');
  const [shown, total] = after.match(/[\d,]+/g).map((n) => Number(n.replace(/,/g, '')));
  assert.ok(shown < total, `${after}`);
  await context.close();
});

test('the service worker of a dataset in parts precaches the card, not the downloads or 100 source texts', async () => {
  const sw = await (await fetch(new URL('sw.js', BASE))).text();
  const precache = JSON.parse(sw.match(/const PRECACHE = (\[[\s\S]*?\]);/)[1]);
  assert.ok(precache.includes('index.html') && precache.some((p) => /^dataset-[0-9a-f]{16}\.txt$/.test(p)), 'the page and its index');
  assert.ok(precache.some((p) => p.endsWith('_bg.wasm')), 'the engine');
  assert.deepEqual(precache.filter((p) => p.startsWith('sources/') || p.startsWith('claims.') || p.startsWith('parts/')), []);
  // They are still served, a tap away online.
  assert.equal((await fetch(new URL('claims.json', BASE))).status, 200);
});
