// The card in Burmese (issue 14): at 320 px with lang=my, axe-core (lang
// attributes included), no horizontal scroll, Myanmar digits, the quote kept
// in English and marked so; and a host page with <html lang="my"> gets the
// Burmese card from the element with no option. Screenshots in test-results/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
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
  // Quotes may sit in a closed disclosure: their lang is checked, not their visibility.
  await page.locator('.wbw-detail article.wbw-claim').first().waitFor();
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

// ---------------------------------------------------------------------------
// The reader's flows in Burmese, on the Burmese page (index-my.html), at
// 320, 390 and 1280 px; the dataset's own Burmese texts; the page without
// JavaScript; an unknown language.
// ---------------------------------------------------------------------------

const SIZES = [
  { name: '320', viewport: { width: 320, height: 640 }, touch: true },
  { name: '390', viewport: { width: 390, height: 844 }, touch: true },
  { name: '1280', viewport: { width: 1280, height: 800 }, touch: false },
];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// The card's own words in Burmese (crates/core/src/i18n/lang/my.rs).
const IN_ENGLISH = 'အင်္ဂလိပ်လို';
const TRANSLATED = 'ဘာသာပြန်';

/** `[translations.<table>]` of the shipped dataset's Burmese entry: id → text. */
function burmese(table) {
  const toml = readFileSync(new URL('../../data/dataset.toml', import.meta.url), 'utf8');
  const entry = toml.slice(toml.indexOf('lang = "my"'));
  const start = entry.indexOf(`[translations.${table}]`);
  assert.ok(start >= 0, `the dataset has [translations.${table}]`);
  const body = entry.slice(start).split('\n').slice(1);
  const out = {};
  for (const line of body) {
    if (line.startsWith('[')) break;
    const m = line.match(/^([a-z0-9-]+) = "(.*)"$/);
    if (m) out[m[1]] = m[2];
  }
  return out;
}
const NAMES = burmese('actor_names');
const SUMMARIES = burmese('claim_summaries');

/** The card on the Burmese page at `size`, once the wasm has taken over. */
async function openBurmese(size, path = 'index-my.html', options = {}) {
  const ctx = await open(browser, { viewport: size.viewport, touch: size.touch, axe: true, timeout: 8000, ...options });
  await ctx.page.goto(new URL(path, URL_BASE).href);
  await ctx.page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')));
  await ctx.page.waitForFunction(() => {
    const walker = document.createTreeWalker(document.getElementById('wbw-root'), NodeFilter.SHOW_COMMENT);
    return !walker.nextNode();
  });
  await burmeseCard(ctx.page);
  return { ...ctx, size };
}

async function press(ctx, locator) {
  if (ctx.size.touch) await locator.tap(); else await locator.click();
}

async function axeViolations(page, state) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: tags }), AXE_TAGS);
  return result.violations.map((v) => `${state}: ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Sideways scroll, clipped text and buttons, text past its box, overlapping network labels. */
async function layoutProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) problems.push(`page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
    const describe = (el) => `${el.tagName.toLowerCase()}.${(el.getAttribute('class') || '').trim().split(/\s+/).join('.')} "${(el.textContent || '').trim().slice(0, 30)}"`;
    for (const el of document.querySelectorAll('.wbw, .wbw *')) {
      if (el.closest('.wbw-visually-hidden') || el.closest('details:not([open]) > :not(summary)')) continue;
      const cs = getComputedStyle(el);
      if (cs.display === 'none' || cs.visibility === 'hidden' || el instanceof SVGElement) continue;
      const clips = ['hidden', 'clip'].includes(cs.overflowX) || ['hidden', 'clip'].includes(cs.overflowY);
      if (clips && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) {
        problems.push(`clipped: ${describe(el)}`);
      }
    }
    // Burmese stacks marks above and below: a button's text must stay inside the button.
    for (const button of document.querySelectorAll('.wbw button')) {
      const r = button.getBoundingClientRect();
      if (!r.width) continue;
      const range = document.createRange();
      range.selectNodeContents(button);
      const t = range.getBoundingClientRect();
      if (t.width && (t.top < r.top - 0.5 || t.bottom > r.bottom + 0.5)) {
        problems.push(`text outside its button (${Math.round(t.top)}..${Math.round(t.bottom)} in ${Math.round(r.top)}..${Math.round(r.bottom)}): ${describe(button)}`);
      }
    }
    for (const svg of document.querySelectorAll('.wbw-network svg')) {
      const box = svg.getBoundingClientRect();
      const labels = [...svg.querySelectorAll('text')].filter((t) => !t.closest('.wbw-badge'));
      const boxes = labels.flatMap((t) => {
        const spans = [...t.querySelectorAll('tspan')];
        return (spans.length ? spans : [t]).map((s) => ({ r: s.getBoundingClientRect(), what: s.textContent.trim(), owner: t }));
      });
      for (const b of boxes) {
        if (b.r.left < box.left - 0.5 || b.r.right > box.right + 0.5) problems.push(`label cut off: "${b.what}"`);
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i], boxes[j]];
          if (a.owner === b.owner) continue;
          const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
          const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
          if (w > 1 && h > 1) problems.push(`labels overlap: "${a.what}" and "${b.what}"`);
        }
      }
    }
    return problems;
  });
}

for (const size of SIZES) {
  test(`Burmese at ${size.name} px: select, refocus, filters, keyboard; translated names and summaries; axe and layout`, async () => {
    const ctx = await openBurmese(size);
    const { page } = ctx;
    const problems = [];
    assert.equal(await page.locator('html').getAttribute('lang'), 'my');
    assert.equal(await page.title().then((t) => MYANMAR.test(t)), true, 'the page title is Burmese');
    assert.match(await page.locator('.wbw-focus-title').innerText(), new RegExp(NAMES['myanmar-junta']));
    // The network is labelled with the Burmese names.
    const belarus = page.locator(`.wbw-node[role=button][aria-label^="${NAMES.belarus}"]`);
    await belarus.waitFor();
    problems.push(...await axeViolations(page, 'network'), ...await layoutProblems(page));
    await page.screenshot({ path: `${ARTEFACTS}burmese-${size.name}-page.png`, fullPage: true });

    // Select: the details speak Burmese; every claim about Belarus has its
    // translated summary with the translation mark, never "in English"; quotes stay English.
    await press(ctx, belarus);
    const detail = page.locator('.wbw-detail');
    await detail.locator('article.wbw-claim').first().waitFor();
    assert.equal(await detail.locator('h3').innerText(), NAMES.belarus);
    const claims = await detail.locator('article.wbw-claim').evaluateAll((els) => els.map((a) => ({
      id: a.dataset.claim,
      text: a.innerText,
      quoteLang: a.querySelector('blockquote')?.closest('[lang]')?.lang ?? a.querySelector('.wbw-quote')?.lang,
    })));
    assert.ok(claims.length > 0);
    for (const c of claims) {
      assert.ok(SUMMARIES[c.id], `claim ${c.id} has a Burmese summary`);
      assert.ok(c.text.includes(SUMMARIES[c.id]), `claim ${c.id} shows its Burmese summary`);
    }
    const quoteLangs = await detail.locator('.wbw-quote').evaluateAll((qs) => qs.map((q) => q.lang));
    assert.ok(quoteLangs.length > 0 && quoteLangs.every((l) => l === 'en'), `quotes stay English: ${quoteLangs}`);
    problems.push(...await axeViolations(page, 'detail'), ...await layoutProblems(page));
    await page.screenshot({ path: `${ARTEFACTS}burmese-${size.name}-detail.png`, fullPage: true });

    // Refocus on Belarus: the question names it in Burmese.
    await press(ctx, detail.locator('button.wbw-refocus').first());
    await page.waitForFunction((name) => document.querySelector('.wbw-focus-title')?.textContent.includes(name), NAMES.belarus);

    // Filters: hiding a stance changes the count, written in Myanmar digits.
    const filters = page.locator('details.wbw-filters');
    await press(ctx, filters.locator('summary'));
    await page.locator('.wbw-filters fieldset').first().waitFor();
    const before = await page.locator('.wbw-filter-count').innerText();
    await press(ctx, page.locator('.wbw-filters label.wbw-check input').first());
    await page.waitForFunction((was) => document.querySelector('.wbw-filter-count')?.innerText !== was, before);
    assert.match(await page.locator('.wbw-filter-count').innerText(), /[\u1040-\u1049]/);
    problems.push(...await axeViolations(page, 'filters'), ...await layoutProblems(page));
    await page.screenshot({ path: `${ARTEFACTS}burmese-${size.name}-filters.png`, fullPage: true });

    // Keyboard: a node reached with Tab opens its details with Enter.
    await page.goto(new URL('index-my.html', URL_BASE).href);
    await burmeseCard(page);
    await page.waitForFunction(() => !document.createTreeWalker(document.getElementById('wbw-root'), NodeFilter.SHOW_COMMENT).nextNode());
    const russia = page.locator(`.wbw-node[role=button][aria-label^="${NAMES.russia}"]`);
    await russia.waitFor();
    for (let i = 0; i < 60 && !(await russia.evaluate((n) => n === document.activeElement)); i++) await page.keyboard.press('Tab');
    assert.ok(await russia.evaluate((n) => n === document.activeElement), 'the Russia node is reachable with Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction((name) => document.querySelector('.wbw-detail h3')?.textContent === name, NAMES.russia);

    assert.deepEqual(problems, []);
    assert.deepEqual(ctx.errors, []);
    await ctx.context.close();
  });
}

test('a text the translation lacks is shown in English with its mark, a translated one with its own', async () => {
  const ctx = await openBurmese(SIZES[1], 'index-my.html#select=alexander-lukashenko');
  const { page } = ctx;
  const detail = page.locator('.wbw-detail');
  await detail.locator('article.wbw-claim').first().waitFor();
  // This claim's note has no Burmese: the English original, marked, in lang="en".
  const untranslated = detail.locator('article[data-claim="lukashenko-goodwill-visit-state-media"]');
  await untranslated.scrollIntoViewIfNeeded();
  const mark = untranslated.locator('.wbw-mark', { hasText: IN_ENGLISH });
  assert.equal(await mark.count(), 1, 'one "in English" mark: the note');
  const original = await mark.evaluate((m) => ({ text: m.previousSibling?.previousSibling?.textContent, lang: m.previousSibling?.previousSibling?.lang }));
  assert.equal(original.lang, 'en');
  assert.match(original.text, /^The report's own remark/);
  // The summary is translated: its mark offers the original one tap away.
  const toggle = untranslated.locator('button.wbw-mark-button').first();
  assert.match(await toggle.innerText(), new RegExp(TRANSLATED));
  await toggle.click();
  await page.waitForFunction((b) => b.getAttribute('aria-pressed') === 'true', await toggle.elementHandle());
  assert.match(await untranslated.innerText(), /State media reported that Belarusian President/);
  // The page says the translation is not reviewed, and by whom.
  assert.match(await page.locator('.wbw-translation-note').innerText(), /not reviewed/);
  assert.deepEqual(ctx.errors, []);
  await ctx.context.close();
});

test('the Burmese page reads in Burmese without JavaScript', async () => {
  const ctx = await open(browser, { viewport: SMALL, touch: true, javaScriptEnabled: false });
  const { page } = ctx;
  await page.goto(new URL('index-my.html', URL_BASE).href);
  assert.equal(await page.locator('html').getAttribute('lang'), 'my');
  assert.match(await page.locator('.wbw-focus-title').innerText(), new RegExp(NAMES['myanmar-junta']));
  const stat = page.locator('#wbw-static');
  assert.ok(await stat.isVisible(), 'the static claims are shown');
  const text = await stat.innerText();
  const shown = Object.values(SUMMARIES).filter((s) => text.includes(s));
  assert.ok(shown.length >= 10, `Burmese summaries in the static list (${shown.length})`);
  const quoteLangs = await stat.locator('.wbw-quote').evaluateAll((qs) => qs.map((q) => q.lang));
  assert.ok(quoteLangs.length > 0 && quoteLangs.every((l) => l === 'en'), 'quotes stay English');
  // The other language is one link away, named in its own language.
  const english = page.locator('.wbw-page-langs a[hreflang="en"]');
  assert.equal(await english.getAttribute('href'), 'index.html');
  assert.equal(await page.locator('.wbw-page-langs a[aria-current="page"]').getAttribute('lang'), 'my');
  assert.equal(await page.locator('.wbw-langs').first().isVisible(), false, 'no switch that needs the wasm');
  // A translation's mark is plain text here: no button that would do nothing, none to tab to.
  const marks = page.locator('.wbw-mark-static');
  assert.ok((await marks.count()) > 0 && (await marks.first().isVisible()), 'translations are marked');
  const buttons = await page.locator('.wbw-mark-button').evaluateAll((bs) => bs.filter((b) => b.getClientRects().length > 0).length);
  assert.equal(buttons, 0, 'no visible translation button without JavaScript');
  await page.screenshot({ path: `${ARTEFACTS}burmese-320-nojs.png`, fullPage: true });
  await ctx.context.close();
});

test('the English page offers the Burmese one; the Burmese embed page and its snippet', async () => {
  const ctx = await open(browser, { viewport: SIZES[2].viewport, timeout: 8000 });
  const { page } = ctx;
  await page.goto(URL_BASE);
  // Absolute (hreflang takes nothing else): the test command's build sets WBW_PUBLIC_URL.
  const hrefs = await page.locator('link[rel="alternate"][hreflang]').evaluateAll((ls) => ls.map((l) => l.getAttribute('href')));
  assert.ok(hrefs.length > 0 && hrefs.every((h) => /^https?:\/\//.test(h)), `absolute hreflang links: ${hrefs}`);
  const alternates = await page.locator('link[rel="alternate"][hreflang]').evaluateAll((ls) => ls.map((l) => `${l.hreflang} ${l.getAttribute('href').replace(/^https?:\/\/[^/]+\/(?:.*\/)?/, '')}`));
  assert.deepEqual(alternates.sort(), ['en index.html', 'my index-my.html', 'x-default index.html']);
  const embed = await (await fetch(new URL('embed-my.html', URL_BASE))).text();
  assert.match(embed, /<html lang="my"/);
  // The social preview's text alternative is Burmese too, after the title.
  const standalone = await (await fetch(new URL('index-my.html', URL_BASE))).text();
  const alt = standalone.match(/<meta property="og:image:alt" content="([^"]*)">/)?.[1] ?? '';
  assert.match(alt, /ကွန်ရက်/);
  assert.doesNotMatch(alt, /[A-Za-z]{4,} [A-Za-z]{4,}/, `og:image:alt in Burmese: ${alt}`);
  assert.match(embed, new RegExp(NAMES['myanmar-junta']));
  // A reader who switches to Burmese gets snippets for the Burmese pages.
  await page.locator('section.wbw').first().waitFor();
  await page.waitForFunction(() => !document.createTreeWalker(document.getElementById('wbw-root'), NodeFilter.SHOW_COMMENT).nextNode());
  await page.locator('button.wbw-lang[lang="my"]').click();
  await burmeseCard(page);
  await page.locator('details.wbw-embed summary').click();
  const snippets = page.locator('details.wbw-embed textarea');
  await snippets.first().waitFor();
  const all = (await snippets.evaluateAll((els) => els.map((e) => e.value))).join('\n');
  assert.match(all, /embed-my\.html#[^"]*lang=my/);
  assert.match(all, /card-my\.png/);
  assert.deepEqual(ctx.errors, []);
  await ctx.context.close();
});

test('an unknown language falls back to the dataset\'s with a notice', async () => {
  const ctx = await open(browser, { viewport: SMALL, touch: true, timeout: 8000 });
  const { page } = ctx;
  await page.goto(`${URL_BASE}#lang=xx`);
  const notice = page.locator('.wbw-notice').first();
  await notice.waitFor();
  assert.match(await notice.innerText(), /xx/);
  assert.equal(await page.locator('section.wbw').first().getAttribute('lang'), 'en');
  assert.deepEqual(ctx.errors, []);
  await ctx.context.close();
});
