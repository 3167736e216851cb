// End-to-end: `trunk serve` is the edit-and-reload loop. Starts Trunk
// (`$WBW_TRUNK`, set by `cargo xtask test`'s Trunk step; skipped without it)
// on a free loopback port, opens the page in Debian's Chromium, then changes
// a stylesheet and the dataset and sees the page reload with each change.
//
// The dataset is a temporary copy (WBW_DATASET points the hook at it); the
// stylesheet is the tree's own styles/card.css (the build reads no other):
// one marked rule is appended and taken out again, whatever happens, and
// only that rule, so edits others make to the file meanwhile stay.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, open } from './support.mjs';

const TRUNK = process.env.WBW_TRUNK;
const ROOT = new URL('../../', import.meta.url).pathname;
const CSS = join(ROOT, 'styles/card.css');
const RULE = '\n/* trunk.test.mjs: taken out when the test ends */ .wbw { --wbw-trunk-test: reloaded; }\n';
/** A rebuild runs the whole xtask pipeline (the engine reused): seconds, more on a busy machine. */
const REBUILD_MS = 300_000;
const T = { timeout: 900_000, skip: TRUNK ? false : 'WBW_TRUNK is not set (cargo xtask test sets it)' };

let browser;
let trunk;
let log = '';
let temp;

function takeRuleOut() {
  const css = readFileSync(CSS, 'utf8');
  if (css.includes(RULE)) writeFileSync(CSS, css.replace(RULE, ''));
}
process.on('exit', takeRuleOut);

/** A free loopback port (bound, read, released). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once Trunk's output has `text` after `from`; fails if Trunk exits first. */
function output(text, from = 0, timeout = REBUILD_MS) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const at = log.indexOf(text, from);
      if (at < 0) return false;
      cleanup();
      resolve(at);
      return true;
    };
    const exited = (code) => { cleanup(); reject(new Error(`trunk exited (${code}) before "${text}":\n${log.slice(-4000)}`)); };
    const timer = setTimeout(() => { cleanup(); reject(new Error(`no "${text}" from trunk within ${timeout} ms:\n${log.slice(-4000)}`)); }, timeout);
    const cleanup = () => { clearTimeout(timer); trunk.stdout.off('data', check); trunk.stderr.off('data', check); trunk.off('exit', exited); };
    trunk.stdout.on('data', check);
    trunk.stderr.on('data', check);
    trunk.on('exit', exited);
    check();
  });
}

before(async () => {
  if (!TRUNK) return;
  temp = mkdtempSync(join(tmpdir(), 'wbw-trunk-'));
  cpSync(join(ROOT, 'data'), join(temp, 'data'), { recursive: true });
  const port = await freePort();
  const watched = ['src', 'crates/core/src', 'styles', 'web', 'index.html', join(temp, 'data')];
  trunk = spawn(TRUNK, ['serve', '--address', '127.0.0.1', '--port', String(port), '--dist', join(temp, 'dist'),
    ...watched.flatMap((w) => ['--watch', w])], {
    cwd: ROOT,
    env: { ...process.env, WBW_DATASET: join(temp, 'data/dataset.toml'), NO_COLOR: 'true', WBW_PUBLIC_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const collect = (chunk) => { log += chunk; };
  trunk.stdout.setEncoding('utf8').on('data', collect);
  trunk.stderr.setEncoding('utf8').on('data', collect);
  await output('trunk-hook: index.html carries Trunk\'s reload script', 0, 900_000);
  await output('server listening', 0, 60_000).catch(() => {});
  globalThis.URL_UNDER_TEST = `http://127.0.0.1:${port}/`;
  browser = await launchChromium();
});

after(async () => {
  takeRuleOut();
  await browser?.close();
  if (trunk && trunk.exitCode === null) {
    const exited = new Promise((resolve) => trunk.on('exit', resolve));
    process.kill(-trunk.pid, 'SIGTERM'); // Trunk and the hook it may be running
    await exited;
  }
  if (temp) rmSync(temp, { recursive: true, force: true });
});

test('trunk serve: a stylesheet change and a dataset change each reload the page with the change; the dataset compiles no Rust', T, async () => {
  const url = globalThis.URL_UNDER_TEST;
  const { context, page, errors } = await open(browser, { viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await page.goto(url);
  await page.locator('#wbw-root .wbw').waitFor();
  const served = await (await fetch(url)).text();
  assert.match(served, /\.well-known\/trunk\/ws/, 'the page carries Trunk\'s reload script');
  assert.match(served, /<div id="wbw-root"[^>]*>(?:<!--[\s\S]*?-->)*<section [^>]*class="wbw"/, 'the card is prerendered into the page');
  const custom = () => page.evaluate(() => getComputedStyle(document.querySelector('.wbw')).getPropertyValue('--wbw-trunk-test').trim());
  assert.equal(await custom(), '');
  // Marks this document: a reload gives a new one without the mark.
  await page.evaluate(() => { window.wbwBefore = true; });

  // A stylesheet.
  let from = log.length;
  let reloaded = page.waitForEvent('load', { timeout: REBUILD_MS });
  writeFileSync(CSS, readFileSync(CSS, 'utf8') + RULE);
  await output('trunk-hook: index.html carries Trunk\'s reload script', from);
  await reloaded;
  await page.locator('#wbw-root .wbw').waitFor();
  assert.equal(await page.evaluate(() => window.wbwBefore), undefined, 'the page reloaded');
  assert.equal(await custom(), 'reloaded', 'the reloaded page has the changed stylesheet');
  reloaded = page.waitForEvent('load', { timeout: REBUILD_MS });
  from = log.length;
  takeRuleOut();
  await output('trunk-hook: index.html carries Trunk\'s reload script', from);
  await reloaded;
  await page.locator('#wbw-root .wbw').waitFor();
  assert.equal(await custom(), '', 'and again without the rule');

  // The dataset (the temporary copy): its title is the card's question.
  const dataset = join(temp, 'data/dataset.toml');
  const toml = readFileSync(dataset, 'utf8');
  const title = toml.match(/^title = "([^"]+)"/m)[1];
  const changed = `${title.replace(/\?$/, '')}, reloaded?`;
  await page.evaluate(() => { window.wbwBefore = true; });
  from = log.length;
  reloaded = page.waitForEvent('load', { timeout: REBUILD_MS });
  writeFileSync(dataset, toml.replace(`title = "${title}"`, `title = "${changed}"`));
  await output('trunk-hook: index.html carries Trunk\'s reload script', from);
  await reloaded;
  await page.locator('#wbw-root .wbw').waitFor();
  assert.equal(await page.evaluate(() => window.wbwBefore), undefined, 'the page reloaded');
  assert.match(await page.title(), new RegExp(changed.replace(/[?.()]/g, '\\$&')), 'the reloaded page has the changed dataset');
  await page.getByText(changed).first().waitFor();
  const rebuild = log.slice(from);
  assert.match(rebuild, /the engine is unchanged/, 'the dataset-only rebuild reused the engine');
  assert.doesNotMatch(rebuild, /Compiling who-backs-whom/, `the dataset-only rebuild compiled no Rust:\n${rebuild}`);

  assert.deepEqual(violations, [], 'no Content-Security-Policy violation under the card\'s policy');
  assert.deepEqual(errors.filter((e) => !/WebSocket/.test(e)), []);
  await context.close();
});
