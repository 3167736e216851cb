// End-to-end: the card when the connection is cut, when the wasm cannot run,
// without JavaScript, and as the single-file edition, in Debian's Chromium.
// The card server's base URL comes from WBW_URL (set by `cargo xtask test`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, existsSync, readFileSync, mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createServer } from 'node:http';
import { launchChromium, open as openIn } from './support.mjs';

const URL_BASE = process.env.WBW_URL;
const ARTEFACTS = 'test-results';
// The single-file edition is named from the dataset's short title.
const OFFLINE_FILE = new URL('../../dist/who-backs-myanmars-junta-offline.html', import.meta.url);
mkdirSync(ARTEFACTS, { recursive: true });
let browser;

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const CLAIM_BY = /(Alleged|Reported|Stated) by|Disputed; claimed by/;
const NOTICE = '#wbw-root .wbw > .wbw-notice.wbw-unavailable[role=status]';

before(async () => {
  assert.ok(URL_BASE, 'WBW_URL is set by cargo xtask test');
  browser = await launchChromium();
});
after(async () => { await browser?.close(); });

const url = (path) => new URL(path, URL_BASE).href;
const open = (options) => openIn(browser, options);

/**
 * Yew removes its `<!--<[component]>-->` markers from the prerendered HTML when
 * it hydrates: their absence means the wasm has taken over #wbw-root.
 */
function hydrated(page, timeout = 20000) {
  return page.waitForFunction(() => {
    const root = document.getElementById('wbw-root');
    if (!root || !root.querySelector('.wbw')) return false;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
    while (walker.nextNode()) if (walker.currentNode.data.startsWith('<[')) return false;
    return true;
  }, null, { timeout });
}

/** Wait until a service worker controls the page (after its install and activate). */
async function controlled(page) {
  await page.evaluate(() => Promise.race([
    (async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
      }
    })(),
    new Promise((_, reject) => setTimeout(() => reject(new Error('no service worker controls the page after 15 s')), 15000)),
  ]));
}

const cacheNames = (page) => page.evaluate(() => caches.keys());

/** Poll `check` (async, in Node) every 200 ms until it is true; fail with `why()` after `ms`. */
async function until(check, ms, why) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(await why());
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Select an actor in the network and return the detail panel's text. */
async function selectAndRead(page, name, { touch = false } = {}) {
  const node = page.locator(`.wbw-node[role=button][aria-label^="${name}."]`);
  if (touch) await node.tap(); else await node.click();
  const detail = page.locator('.wbw-detail');
  await detail.waitFor({ timeout: 5000 });
  return detail.innerText();
}

/** Opens the first claim's quote and full source in the detail panel (one tap). */
async function openFirstClaim(page, { touch = false } = {}) {
  const summary = page.locator('.wbw-detail details.wbw-claim-more > summary').first();
  if (touch) await summary.tap(); else await summary.click();
  await page.locator('.wbw-detail details.wbw-claim-more[open]').first().waitFor({ timeout: 5000 });
}

/** The first network node that can be selected (not the focus). */
async function firstActorName(page) {
  const label = await page.locator('.wbw-node[role=button]').first().getAttribute('aria-label');
  return label.slice(0, label.indexOf('.'));
}

test('(a) after one visit the card opens and works with the connection cut (index.html, embed.html#focus=belarus)', async () => {
  const { context, page, log } = await open({ viewport: PHONE, touch: true });
  await page.goto(url('index.html'));
  await hydrated(page);
  await controlled(page);
  const version = (await cacheNames(page)).filter((n) => n.startsWith('who-backs-whom-'));
  assert.equal(version.length, 1, `one card cache after the first visit: ${version}`);

  await context.setOffline(true);
  const probe = await page.evaluate(() => fetch(`claims.csv?offline-probe=${Date.now()}`).then(() => 'online', () => 'offline'));
  assert.equal(probe, 'offline', 'the browser is really offline (a file outside the precache does not load)');
  const sinceOffline = log.requests.length;
  const response = await page.reload();
  assert.ok(response.fromServiceWorker(), 'the page came from the service worker');
  await hydrated(page);
  const text = await selectAndRead(page, 'Belarus', { touch: true });
  assert.match(text, /Alleged by\s+Justice For Myanmar/);
  assert.match(text, /air defense command systems/, 'a verbatim quote');
  await page.screenshot({ path: `${ARTEFACTS}/offline-index-390.png`, fullPage: true });

  // embed.html was never opened online: it must come from the precache too.
  const embed = await page.goto(url('embed.html#focus=belarus'));
  assert.ok(embed.fromServiceWorker(), 'embed.html came from the service worker');
  await hydrated(page);
  await page.locator('.wbw-focus-title', { hasText: 'Belarus' }).waitFor({ timeout: 5000 });
  const actor = await firstActorName(page);
  const embedText = await selectAndRead(page, actor, { touch: true });
  assert.match(embedText, CLAIM_BY, `claims of ${actor} are attributed`);
  // The quote is one tap away, offline too.
  await openFirstClaim(page, { touch: true });
  assert.match(await page.locator('.wbw-detail .wbw-claim-more[open]').first().innerText(), /[“"‘]/, 'the claims carry a quote');
  await page.screenshot({ path: `${ARTEFACTS}/offline-embed-belarus-390.png`, fullPage: true });

  // Another query string on the page still opens offline (same cached page).
  await page.goto(url('index.html?from=share#focus=russia'));
  await page.locator('.wbw-focus-title', { hasText: 'Russia' }).waitFor({ timeout: 20000 });
  assert.equal(await page.locator(NOTICE).count(), 0, 'no "could not start" notice offline');

  // The cache holds exactly the build's public files, nothing seen while browsing.
  const sw = await (await fetch(url('sw.js'))).text();
  const precache = JSON.parse(sw.match(/const PRECACHE = (\[[\s\S]*?\]);/)[1]).map((p) => url(p));
  const stored = await page.evaluate((name) => caches.open(name).then((c) => c.keys()).then((ks) => ks.map((r) => r.url)), version[0]);
  assert.deepEqual(stored.sort(), [...new Set(precache)].sort(), 'the cache holds only the precache list');
  const origin = new URL(URL_BASE).origin;
  assert.deepEqual(log.requests.filter((u) => !u.startsWith(origin)), [], 'no request to any other origin');
  assert.deepEqual(log.errors.filter((e) => !/offline-probe|ERR_INTERNET_DISCONNECTED/.test(e)), [],
    `no errors (requests after going offline: ${log.requests.slice(sinceOffline).join(', ')})`);
  await context.close();
});

/**
 * A stand-in for the card's server at the next deploy: proxies WBW_URL, and
 * serves `swOverride` (when set) as sw.js and `files[path]` (`{ status }` or
 * `{ body }`, with the upstream's headers) instead of the upstream's copy.
 * Playwright cannot route the browser's own service worker update check, so
 * the new build is served for real.
 */
async function proxyServer() {
  const state = { swOverride: null, files: {} };
  const server = createServer(async (req, res) => {
    try {
      const path = req.url.replace(/^\//, '');
      const bare = path.split('?')[0];
      if (state.swOverride && bare === 'sw.js') {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
        res.end(state.swOverride);
        return;
      }
      const upstream = await fetch(new URL(path, URL_BASE), { redirect: 'manual' });
      const headers = {};
      for (const [k, v] of upstream.headers) if (!/^(content-encoding|content-length|transfer-encoding|connection|keep-alive)$/i.test(k)) headers[k] = v;
      const file = state.files[bare];
      res.writeHead(file?.status ?? upstream.status, headers);
      res.end(file ? (file.body ?? '') : Buffer.from(await upstream.arrayBuffer()));
    } catch (error) {
      res.writeHead(502); res.end(String(error));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.base = `http://127.0.0.1:${server.address().port}/`;
  state.close = () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); });
  return state;
}

test('(b) a new build replaces the old cache: one who-backs-whom-* cache remains, others are untouched', async () => {
  const server = await proxyServer();
  const at = (path) => new URL(path, server.base).href;
  const { context, page } = await open({ viewport: PHONE });
  try {
    // A cache of a long-gone build and a cache of someone else on the same origin.
    await page.goto(at('claims.json'));
    await page.evaluate(async () => {
      await (await caches.open('who-backs-whom-0000000000000000')).put('stale', new Response('old build'));
      await (await caches.open('another-app-cache')).put('x', new Response('not ours'));
    });
    await page.goto(at('index.html'));
    await hydrated(page);
    await controlled(page);
    const first = (await cacheNames(page)).filter((n) => n.startsWith('who-backs-whom-'));
    assert.equal(first.length, 1, `after activate only this build's cache remains: ${first}`);
    assert.notEqual(first[0], 'who-backs-whom-0000000000000000');
    assert.ok((await cacheNames(page)).includes('another-app-cache'), 'caches of others are left alone');

    // The next build: sw.js with another version and a shorter precache list.
    const original = await (await fetch(url('sw.js'))).text();
    const version = original.match(/const VERSION = '([^']+)'/)?.[1];
    assert.ok(version && `who-backs-whom-${version}` === first[0], `sw.js version ${version} names the cache ${first[0]}`);
    const list = JSON.parse(original.match(/const PRECACHE = (\[[\s\S]*?\]);/)[1]);
    assert.ok(list.includes('index.html') && list.includes('embed.html'), `the precache lists the pages: ${list}`);
    const shorter = list.filter((p) => !/\.(csv|txt)$/.test(p));
    assert.ok(shorter.length < list.length, 'the next precache list differs');
    const next = `${version}-next`;
    server.swOverride = original
      .replace(`const VERSION = '${version}'`, `const VERSION = '${next}'`)
      .replace(/const PRECACHE = \[[\s\S]*?\];/, `const PRECACHE = ${JSON.stringify(shorter)};`);

    // The next load of the page picks the new build up.
    await page.reload();
    await until(async () => (await cacheNames(page)).filter((n) => n.startsWith('who-backs-whom-')).join() === `who-backs-whom-${next}`,
      20000, async () => `card caches are still ${(await cacheNames(page)).filter((n) => n.startsWith('who-backs-whom-'))}`);
    const after = await cacheNames(page);
    assert.deepEqual(after.filter((n) => n.startsWith('who-backs-whom-')), [`who-backs-whom-${next}`]);
    assert.ok(after.includes('another-app-cache'), 'caches of others are still left alone');
    const stored = await page.evaluate((name) => caches.open(name).then((c) => c.keys()).then((ks) => ks.map((r) => r.url)), `who-backs-whom-${next}`);
    assert.deepEqual(stored.sort(), [...new Set(shorter.map((p) => at(p)))].sort(), 'the new cache holds exactly the new precache list');

    // The page that was open during the switch still works; the next load, offline, runs from the new cache.
    await hydrated(page);
    assert.match(await selectAndRead(page, 'Belarus'), CLAIM_BY);
    await page.screenshot({ path: `${ARTEFACTS}/offline-new-build-390.png`, fullPage: true });
    await context.setOffline(true);
    const response = await page.reload();
    assert.ok(response.fromServiceWorker());
    await hydrated(page);
    assert.match(await selectAndRead(page, 'Belarus'), /Alleged by\s+Justice For Myanmar/);
  } finally {
    await context.close();
    await server.close();
  }
});

/**
 * Test-only hook appended to a new build's sw.js: tells every page whether
 * its install (the `precache` step) succeeded, so the test awaits the outcome.
 */
const REPORT_INSTALL = `
{ const inner = precache;
  precache = async () => {
    const tell = async (outcome) => (await self.clients.matchAll({ includeUncontrolled: true }))
      .forEach((c) => c.postMessage({ wbwInstall: outcome }));
    try { await inner(); await tell('installed'); } catch (error) { await tell('failed: ' + error); throw error; }
  };
}`;

/** Test-only hook: every Cache.put of this worker fails as a full quota does. */
const QUOTA_FULL = `
Cache.prototype.put = function () {
  return Promise.reject(new DOMException('The quota has been exceeded (test).', 'QuotaExceededError'));
};`;

/**
 * A reader of this build meets the next build, whose worker cannot install
 * (`breakNext` makes it fail): the page still comes from the network, with
 * that page's own files, never this build's; offline the old build opens
 * whole; once the fault is gone, the next load installs the next build.
 */
async function nextBuildFailsToInstall(name, breakNext) {
  const server = await proxyServer();
  const at = (path) => new URL(path, server.base).href;
  const { context, page } = await open({ viewport: PHONE });
  await page.addInitScript(() => {
    window.__wbwInstall = [];
    navigator.serviceWorker?.addEventListener('message', (e) => { if (e.data?.wbwInstall) window.__wbwInstall.push(e.data.wbwInstall); });
  });
  const build = () => page.evaluate(() => document.querySelector('meta[name=wbw-build]')?.content ?? 'old');
  const claimsBuild = () => page.evaluate(() => fetch('claims.json').then((r) => r.json()).then((j) => j.wbw_build ?? 'old'));
  const installs = () => page.evaluate(() => window.__wbwInstall);
  try {
    await page.goto(at('index.html'));
    await hydrated(page);
    await controlled(page);
    const [old] = (await cacheNames(page)).filter((n) => n.startsWith('who-backs-whom-'));

    // The next build: another page and claims.json, and a worker that fails.
    const original = await (await fetch(url('sw.js'))).text();
    const version = original.match(/const VERSION = '([^']+)'/)[1];
    const nextSw = original.replace(`const VERSION = '${version}'`, `const VERSION = '${version}-next'`) + REPORT_INSTALL;
    const index = await (await fetch(url('index.html'))).text();
    const nextPage = index.replace('<head>', '<head>\n  <meta name="wbw-build" content="next">');
    const nextClaims = (await (await fetch(url('claims.json'))).text()).replace('{', '{"wbw_build":"next",');
    server.files = { '': { body: nextPage }, 'index.html': { body: nextPage }, 'claims.json': { body: nextClaims } };
    server.swOverride = breakNext(nextSw, server);

    await page.reload();
    await hydrated(page);
    await page.waitForFunction(() => window.__wbwInstall.length > 0, null, { timeout: 20000 });
    assert.match((await installs())[0], /^failed: .+/, `${name}: the next worker's install fails`);
    assert.equal(await build(), 'next', `${name}: the page comes from the network although the next build cannot install`);
    assert.equal(await page.evaluate(() => fetch('index.html').then((r) => r.text()).then((t) => t.includes('content="next"'))), true,
      `${name}: the page's own fetch of index.html gets the network's page`);
    assert.equal(await claimsBuild(), 'next', `${name}: the next page's files come from the network, not the old cache (no mix)`);
    assert.deepEqual((await cacheNames(page)).filter((n) => n.startsWith('who-backs-whom-')), [old],
      `${name}: no partial cache of the failed build; the old build's stays for offline`);
    assert.match(await selectAndRead(page, 'Belarus'), CLAIM_BY);

    // Offline: the old build, whole (its page and its files).
    await context.setOffline(true);
    const offline = await page.reload();
    assert.ok(offline.fromServiceWorker(), `${name}: offline, the page comes from the service worker`);
    await hydrated(page);
    assert.equal(await build(), 'old');
    assert.equal(await claimsBuild(), 'old', `${name}: offline, the old page gets the old build's files`);
    assert.match(await selectAndRead(page, 'Belarus'), /Alleged by\s+Justice For Myanmar/);
    await page.screenshot({ path: `${ARTEFACTS}/offline-failed-update-${name}-390.png`, fullPage: true });

    // The fault is fixed: the next load installs the next build.
    await context.setOffline(false);
    server.files['claims.csv'] = undefined;
    server.swOverride = nextSw;
    await page.reload();
    await until(async () => (await installs()).includes('installed'), 20000, async () => `${name}: installs: ${await installs()}`);
    await until(async () => (await cacheNames(page)).filter((n) => n.startsWith('who-backs-whom-')).join() === `who-backs-whom-${version}-next`,
      20000, async () => `${name}: card caches are ${(await cacheNames(page)).filter((n) => n.startsWith('who-backs-whom-'))}`);
  } finally {
    await context.close();
    await server.close();
  }
}

test('(b2) a new build whose worker cannot install (one precache file is a 404) still reaches the reader', async () => {
  await nextBuildFailsToInstall('404', (sw, server) => {
    server.files['claims.csv'] = { status: 404, body: 'not found' };
    return sw;
  });
});

test('(b3) a new build whose worker cannot install (the quota is full) still reaches the reader', async () => {
  await nextBuildFailsToInstall('quota', (sw) => sw + QUOTA_FULL);
});

/** Opens the sources panel and checks both downloads against the card server's files. */
async function assertDownloads(page, what) {
  await page.locator('#wbw-root details.wbw-sources > summary').click();
  for (const name of ['claims.json', 'claims.csv']) {
    const link = page.locator(`#wbw-root details.wbw-sources a[download="${name}"]`);
    await link.waitFor({ timeout: 5000 });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), link.click()]);
    assert.equal(download.suggestedFilename(), name, `${what}: ${name} is saved under its name`);
    const saved = readFileSync(await download.path(), 'utf8');
    const served = await (await fetch(url(name))).text();
    assert.ok(saved.length > 1000, `${what}: ${name} has content`);
    assert.equal(saved, served, `${what}: the ${name} inside the file equals the card's ${name}`);
  }
}

/** The full-text links are hidden and the note says why (or, `present`, shown and no note). */
async function assertFullTexts(page, present, what) {
  const links = page.locator('#wbw-root a.wbw-source-link, #wbw-root details.wbw-sources a[href$=".txt"]');
  await page.locator('#wbw-root a.wbw-source-link').first().waitFor({ state: 'attached', timeout: 5000 });
  const note = page.locator('p.wbw-lone-note[role=note]');
  if (present) {
    assert.equal(await note.count(), 0, `${what}: no note`);
    assert.ok(await links.first().isVisible(), `${what}: the full-text links show`);
  } else {
    await note.waitFor({ timeout: 5000 });
    assert.match(await note.innerText(), /full texts of its sources are not inside/);
    const shown = await links.evaluateAll((all) => all.filter((a) => a.checkVisibility()).map((a) => a.href));
    assert.deepEqual(shown, [], `${what}: no full-text link that would lead nowhere`);
  }
}

test('(c) the single-file edition works from file:// with no request anywhere, downloads included', async () => {
  assert.ok(existsSync(OFFLINE_FILE), `${fileURLToPath(OFFLINE_FILE)} is built`);
  const { context, page, log } = await open({ viewport: PHONE });
  const outside = [];
  await context.route('**/*', (r) => (r.request().url().startsWith('file:') ? r.continue() : (outside.push(r.request().url()), r.abort())));
  // A lone copy: the file alone in a folder, nothing beside it.
  const lone = join(mkdtempSync(join(tmpdir(), 'wbw-lone-')), 'card.html');
  copyFileSync(OFFLINE_FILE, lone);
  await page.goto(pathToFileURL(lone).href);
  await hydrated(page);
  const text = await selectAndRead(page, 'Belarus');
  assert.match(text, /Alleged by\s+Justice For Myanmar/);
  assert.match(text, /air defense command systems/);
  await assertFullTexts(page, false, 'lone file');
  // A copy opened from a file has no address to embed from, and says so.
  await page.locator('details.wbw-embed > summary').click();
  await page.locator('details.wbw-embed p').first().waitFor();
  assert.match(await page.locator('details.wbw-embed').innerText(), /opened from a file/);
  assert.equal(await page.locator('details.wbw-embed textarea').count(), 0, 'no snippet from a file');
  await assertDownloads(page, 'lone file');
  await page.screenshot({ path: `${ARTEFACTS}/offline-single-file-390.png`, fullPage: true });
  assert.deepEqual(outside, [], 'no request leaves the file');
  assert.deepEqual(log.requests.filter((u) => !/^(file|data|blob):/.test(u)), [], 'no network request at all');
  assert.equal(await page.locator(NOTICE).count(), 0);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('(c2) the single-file edition served by the card server works under its own policy', async () => {
  const name = fileURLToPath(OFFLINE_FILE).split('/').pop();
  const response = await fetch(url(name));
  const policy = response.headers.get('content-security-policy') || '';
  assert.match(policy, /script-src 'sha256-[^']+' 'wasm-unsafe-eval'/, `the server sends the file's own policy: ${policy}`);
  assert.doesNotMatch(policy, /unsafe-inline/);
  for (const [what, sourcesThere] of [['beside the card', true], ['on a host without the sources', false]]) {
    const { context, page, log } = await open({ viewport: PHONE });
    if (!sourcesThere) await context.route('**/sources/**', (r) => r.fulfill({ status: 404, body: 'not found' }));
    await page.goto(url(name));
    await hydrated(page);
    assert.match(await selectAndRead(page, 'Belarus'), /Alleged by\s+Justice For Myanmar/, what);
    await openFirstClaim(page);
    await assertFullTexts(page, sourcesThere, what);
    if (sourcesThere) {
      const href = await page.locator('#wbw-root a.wbw-source-link').first().getAttribute('href');
      const text = await page.evaluate((h) => fetch(h).then((r) => (r.ok ? r.text() : '')), href);
      assert.ok(text.length > 500, `${what}: the full text ${href} loads`);
    }
    await assertDownloads(page, what);
    assert.equal(await page.locator(NOTICE).count(), 0, `${what}: the card started`);
    assert.deepEqual(log.errors.filter((e) => !(e.includes('404') && !sourcesThere)), [], `${what}: no errors (no CSP violation)`);
    await context.close();
  }
});

/** What the claims file says about the default focus, for the no-JavaScript check. */
async function dataset() {
  const data = await (await fetch(url('claims.json'))).json();
  const focus = data.dataset.focus;
  const name = (id) => data.actors.find((a) => a.id === id)?.name ?? id;
  const towards = data.claims.filter((c) => c.object === focus);
  return {
    title: data.dataset.title,
    backers: [...new Set(towards.filter((c) => c.stance === 'backs').map((c) => name(c.subject)))],
    opponents: [...new Set(towards.filter((c) => c.stance === 'opposes').map((c) => name(c.subject)))],
    quotes: data.claims.filter((c) => c.object === focus || c.subject === focus).map((c) => c.quote).filter(Boolean),
  };
}

const squash = (s) => s.replace(/\s+/g, ' ').replace(/[’‘]/g, "'").replace(/[“”]/g, '"').trim();

test('(d) without JavaScript the page shows the question, backers, opponents and attributed claims', async () => {
  const data = await dataset();
  const { context, page, log } = await open({ viewport: PHONE, javaScriptEnabled: false });
  await page.goto(url('index.html'));
  const visible = squash(await page.locator('main').innerText());
  const all = squash(await page.locator('main').textContent());
  await page.screenshot({ path: `${ARTEFACTS}/offline-nojs-390.png`, fullPage: true });
  assert.ok(visible.includes(squash(data.title)), `the question "${data.title}" is visible`);
  for (const who of [data.backers[0], data.opponents[0]]) {
    const node = page.locator(`.wbw-node[aria-label^="${who}."]`).first();
    const shown = visible.includes(squash(who)) || ((await node.count()) > 0 && (await node.isVisible()));
    assert.ok(shown, `${who} is visible`);
  }
  const backersShown = data.backers.filter((n) => all.includes(squash(n)));
  const opponentsShown = data.opponents.filter((n) => all.includes(squash(n)));
  assert.deepEqual(backersShown, data.backers, 'every backer is in the page');
  assert.deepEqual(opponentsShown, data.opponents, 'every opponent is in the page');
  assert.match(all, new RegExp(CLAIM_BY.source, 'i'), 'claims say who makes them ("Alleged by"/"Reported by") without JavaScript');
  const quoted = data.quotes.filter((q) => all.includes(squash(q)));
  assert.ok(quoted.length > 0, `a verbatim quote of a claim about the focus is in the page (0 of ${data.quotes.length})`);
  // Nothing that needs the wasm is offered: no view tabs or filters, no embed
  // panel, no sources panel that would open empty; the sources are listed
  // under the claims instead.
  for (const control of ['.wbw-toolbar', '.wbw-tab', 'details.wbw-embed', '#wbw-root details.wbw-sources']) {
    assert.equal(await page.locator(control).first().isVisible(), false, `${control} is hidden without JavaScript`);
  }
  assert.ok(await page.locator('#wbw-static .wbw-sources li').first().isVisible(), 'the sources are listed below the claims');
  await context.close();
});

/** The prerendered card (text and number of elements), as a reader without JavaScript gets it. */
async function prerendered(path) {
  const { context, page } = await open({ viewport: PHONE, javaScriptEnabled: false });
  await page.goto(url(path));
  const text = squash(await page.locator('#wbw-root').textContent());
  const elements = await page.locator('#wbw-root *').count();
  await context.close();
  return { text, elements };
}

/** The notice is there, first in the card, and the rest is the prerendered card, untouched. */
async function assertStaticCard(page, reason) {
  const notice = page.locator(NOTICE);
  await notice.waitFor({ timeout: 25000 });
  const noticeText = squash(await notice.innerText());
  assert.match(noticeText, /^The interactive parts of this card could not start \(.+\)\. Everything below can still be read; reload to try again\.$/);
  assert.match(noticeText, reason);
  assert.equal(await page.locator('#wbw-root .wbw > :first-child').evaluate((e) => e.classList.contains('wbw-unavailable')), true,
    'the notice is at the top of the card');
  assert.equal(await page.locator('#wbw-root .wbw.wbw-static').count(), 1, 'the card is marked static');
  assert.equal(await page.locator('.wbw-unavailable').count(), 1, 'one notice');
  // No half-drawn state: the card is exactly the prerendered card plus the notice (<div><p>).
  const before = await prerendered('index.html');
  const text = squash(await page.locator('#wbw-root').textContent());
  assert.equal(squash(text.replace(noticeText, '')), before.text, 'the same text as the prerendered card');
  assert.equal(await page.locator('#wbw-root *').count(), before.elements + 2, 'the same elements as the prerendered card');
  assert.ok(await page.locator('.wbw-title').isVisible(), 'the question is still readable');
}

test('(e) when the wasm cannot load, a notice appears and the prerendered card stays readable', async () => {
  const { context, page, log } = await open({ viewport: PHONE });
  await context.route('**/*.wasm', (r) => r.abort());
  await page.goto(url('index.html'));
  await assertStaticCard(page, /did not load|connection/);
  await page.screenshot({ path: `${ARTEFACTS}/offline-no-wasm-390.png`, fullPage: true });
  assert.equal(log.warnings.filter((w) => w.startsWith('who-backs-whom:')).length, 1, 'one console warning');
  assert.deepEqual(log.errors.filter((e) => !/Failed to load resource|ERR_FAILED/.test(e)), []);
  await context.close();
});

test('(f) when the page policy forbids wasm, a notice appears and the prerendered card stays readable', async () => {
  const { context, page } = await open({ viewport: PHONE });
  await page.route(url('index.html'), async (route) => {
    const response = await route.fetch();
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers: { 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'" },
      body: await response.text(),
    });
  });
  await page.goto(url('index.html'));
  await assertStaticCard(page, /does not allow WebAssembly/);
  await page.screenshot({ path: `${ARTEFACTS}/offline-csp-390.png`, fullPage: true });
  await context.close();
});

for (const viewport of [PHONE, DESKTOP]) {
  test(`(g) no layout shift when the wasm takes over at ${viewport.width}x${viewport.height}`, async () => {
    const { context, page } = await open({ viewport });
    await page.addInitScript(() => {
      const shifts = [];
      Object.defineProperty(window, '__wbwShifts', { value: shifts });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) shifts.push({ value: e.value, sources: (e.sources || []).map((s) => s.node?.nodeName + '.' + (s.node?.className?.baseVal ?? s.node?.className ?? '')) });
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(url('index.html'));
    await hydrated(page);
    // Two frames after hydration, so any shift it caused has been reported.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const shifts = await page.evaluate(() => window.__wbwShifts);
    const cls = shifts.reduce((sum, s) => sum + s.value, 0);
    console.log(`# CLS at ${viewport.width}x${viewport.height}: ${cls.toFixed(4)} (${shifts.length} shifts)`);
    await page.screenshot({ path: `${ARTEFACTS}/offline-hydrated-${viewport.width}.png` });
    assert.ok(cls < 0.01, `cumulative layout shift ${cls.toFixed(4)} < 0.01: ${JSON.stringify(shifts)}`);
    await context.close();
  });
}

const PNG_SIGNATURE = '89504e470d0a1a0a';

test('(h) the manifest is linked, valid, and every icon it names loads with the right type', async () => {
  const manifestUrl = url('manifest.webmanifest');
  const response = await fetch(manifestUrl);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') || '', /^application\/(manifest\+)?json/);
  const manifest = JSON.parse(await response.text());
  // Named from the dataset's [dataset] table, not from the template.
  assert.equal(manifest.short_name, "Who backs Myanmar's junta");
  assert.equal(manifest.name, "Who backs Myanmar's junta and its election?");
  assert.match(manifest.description, /^Attributed claims, taken from/);
  assert.equal(new URL(manifest.start_url, manifestUrl).href, url('./'));
  assert.equal(new URL(manifest.scope, manifestUrl).href, url('./'));
  assert.equal(manifest.display, 'standalone');
  const purposes = new Set();
  for (const icon of manifest.icons) {
    const iconUrl = new URL(icon.src, manifestUrl);
    assert.equal(iconUrl.origin, new URL(manifestUrl).origin, `${icon.src} is on the card's origin`);
    const r = await fetch(iconUrl);
    assert.equal(r.status, 200, `${icon.src} loads`);
    assert.equal((r.headers.get('content-type') || '').split(';')[0], icon.type, `${icon.src} is ${icon.type}`);
    const body = Buffer.from(await r.arrayBuffer());
    if (icon.type === 'image/png') {
      assert.equal(body.subarray(0, 8).toString('hex'), PNG_SIGNATURE, `${icon.src} is a PNG`);
      const size = `${body.readUInt32BE(16)}x${body.readUInt32BE(20)}`;
      assert.equal(size, icon.sizes, `${icon.src} is ${icon.sizes}`);
    } else {
      const svg = body.toString('utf8');
      assert.match(svg, /^<svg[\s>]/);
      assert.doesNotMatch(svg, /href=|url\(|<text|<image|@import/, 'the SVG refers to nothing outside itself and has no text');
    }
    (icon.purpose || 'any').split(/\s+/).forEach((p) => purposes.add(p));
  }
  for (const size of ['192x192', '512x512']) assert.ok(manifest.icons.some((i) => i.sizes === size && i.type === 'image/png'), `a ${size} PNG`);
  assert.ok(purposes.has('any') && purposes.has('maskable'), 'icons for "any" and "maskable"');

  // The page links it, and Chromium reads it without errors.
  const { context, page } = await open({ viewport: PHONE });
  await page.goto(url('index.html'));
  const href = await page.locator('link[rel=manifest]').getAttribute('href');
  assert.equal(new URL(href, url('index.html')).href, manifestUrl);
  const cdp = await context.newCDPSession(page);
  const parsed = await cdp.send('Page.getAppManifest');
  assert.deepEqual(parsed.errors, [], 'Chromium parses the manifest without errors');
  assert.equal(parsed.url, manifestUrl);
  await context.close();
});
