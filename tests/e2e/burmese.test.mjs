// The card in Burmese (issue 14): at 320 px with lang=my, axe-core (lang
// attributes included), no horizontal scroll, Myanmar digits, the quote kept
// in English and marked so; and a host page with <html lang="my"> gets the
// Burmese card from the element with no option. Screenshots in test-results/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launchChromium, open } from './support.mjs';

const URL_BASE = process.env.WBW_URL;
const ARTEFACTS = new URL('../../test-results/', import.meta.url).pathname;
mkdirSync(ARTEFACTS, { recursive: true });
const AXE = new URL('../../node_modules/axe-core/axe.min.js', import.meta.url).pathname;
const SMALL = { width: 320, height: 640 };
const MYANMAR = /[\u1000-\u109F]/;

let browser;
before(async () => {
  assert.ok(URL_BASE, 'WBW_URL is set (the URL the built card is served at)');
  browser = await launchChromium();
});
after(async () => { await browser?.close(); });

/** Waits until the card's root speaks Burmese (the wasm has taken over). */
async function burmeseCard(root) {
  await root.locator('section.wbw[lang="my"]').first().waitFor();
}

test('the card in Burmese at 320 px: lang and dir, digits, quotes in English, accessible, no sideways scroll', async () => {
  const ctx = await open(browser, { viewport: SMALL, touch: true, axe: true, timeout: 8000 });
  const { page } = ctx;
  await page.goto(`${URL_BASE}#lang=my`);
  await burmeseCard(page);
  const card = page.locator('section.wbw').first();
  assert.equal(await card.getAttribute('dir'), 'ltr');
  assert.match(await page.locator('.wbw-focus-title').innerText(), MYANMAR);
  assert.match(await page.locator('.wbw-meta').first().innerText(), /[\u1040-\u1049]/, 'counts in Myanmar digits');
  assert.ok(await page.locator('.wbw-font-hint').isVisible(), 'the Zawgyi hint shows in Burmese');
  await page.screenshot({ path: `${ARTEFACTS}burmese-320-network.png`, fullPage: true });

  await page.getByRole('button', { name: 'စာရင်း' }).click();
  await page.locator('.wbw-list').waitFor();
  await page.locator('.wbw-actor').first().click();
  await page.locator('.wbw-detail .wbw-quote').first().waitFor();
  const quoteLangs = await page.locator('.wbw-detail .wbw-quote').evaluateAll((qs) => qs.map((q) => q.lang));
  assert.ok(quoteLangs.length > 0 && quoteLangs.every((l) => l === 'en'), 'every quote stays marked as English');
  await page.screenshot({ path: `${ARTEFACTS}burmese-320-detail.png`, fullPage: true });

  const sideways = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  assert.equal(sideways, false, 'no horizontal scroll at 320 px');
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  assert.deepEqual(violations, []);

  // The switch goes back to English and the link says nothing about it.
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('section.wbw[lang="en"]').first().waitFor();
  assert.deepEqual(ctx.errors, []);
  await ctx.context.close();
});

test('a host page in Burmese gets the Burmese card from the element without any option', async () => {
  const ctx = await open(browser, { viewport: SMALL, touch: true, timeout: 8000 });
  const { page } = ctx;
  const host = new URL('burmese-host.html', URL_BASE).href;
  await page.route(host, (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="my"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
      <title>သတင်း</title><script type="module" src="element.js"></script></head>
      <body><main><h1>သတင်းဆောင်းပါး</h1><who-backs-whom><a href="./">ကတ်</a></who-backs-whom></main></body></html>`,
  }));
  await page.goto(host);
  const element = page.locator('who-backs-whom');
  await burmeseCard(element);
  assert.match(await element.locator('.wbw-focus-title').innerText(), MYANMAR);
  assert.equal(await element.getAttribute('lang'), null, 'no option was given');
  await page.screenshot({ path: `${ARTEFACTS}burmese-320-element.png`, fullPage: true });
  assert.deepEqual(ctx.errors, []);
  await ctx.context.close();
});
