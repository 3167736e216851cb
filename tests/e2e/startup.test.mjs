// Starting up: a tap on an actor while the card's wasm is still on its way
// (a slow connection, a slow phone) is not lost: once the card runs, that
// actor's claims open (web/boot.js notes early taps and gives them again).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from './support.mjs';

const BASE = process.env.WBW_URL;
let browser;

before(async () => {
  assert.ok(BASE, 'WBW_URL names the built card');
  browser = await launchChromium();
});
after(() => browser?.close());

for (const [label, viewport, touch] of [['phone', { width: 390, height: 844 }, true], ['desktop', { width: 1280, height: 800 }, false]]) {
  test(`${label}: a tap on an actor while the wasm is loading selects it once the card runs`, async () => {
    const context = await browser.newContext({ viewport, hasTouch: touch, isMobile: touch });
    const page = await context.newPage();
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    let asked = false;
    await page.route(/_bg\.wasm$/, async (route) => { asked = true; await held; await route.continue(); });
    await page.goto(new URL('index.html', BASE).href);
    // The prerendered network is on screen; the wasm is held back.
    const node = page.locator('.wbw-node[role=button]').nth(1);
    await node.waitFor();
    const name = (await node.getAttribute('aria-label')).split('.')[0];
    await page.waitForFunction(() => document.getElementById('wbw-static') !== null);
    if (touch) await node.tap(); else await node.click();
    assert.equal(await page.locator('.wbw-detail').count(), 0, 'nothing can open before the card runs');
    release();
    await page.waitForFunction(() => !document.getElementById('wbw-static'));
    const heading = page.locator('.wbw-detail h3');
    await heading.waitFor();
    assert.equal(await heading.textContent(), name);
    assert.ok(asked, 'the wasm was requested (and held) while the reader tapped');
    // Given once: the actor is selected, not toggled off again.
    assert.equal(await page.locator('.wbw-node.wbw-selected').count(), 1);
    await context.close();
  });
}
