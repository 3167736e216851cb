// End-to-end, issue #15's visual encoding of the network (served at WBW_URL):
// at 320, 390 and 1280 px, in the light and dark schemes, every node shows
// the glyph of its actor's kind, node sizes follow the claims counted on
// them, no edge runs through a label, a band heading or the focus box (each
// edge sampled along its drawn length, against the boxes the browser
// measures), the key takes two lines on a desktop (two rows, each wrapping
// at most once on a phone, the kinds twice at 320 px), stance reads with colour at
// 3:1 against the card and without it (a pattern per stance), and axe-core
// finds nothing on the network. Screenshots: test-results/visual-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launchChromium, open } from './support.mjs';

const URL_BASE = process.env.WBW_URL;
const ARTEFACTS = 'test-results';
mkdirSync(ARTEFACTS, { recursive: true });
const AXE = new URL('../../node_modules/axe-core/axe.min.js', import.meta.url).pathname;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

const SIZES = [
  { viewport: { width: 320, height: 640 }, touch: true },
  { viewport: { width: 390, height: 844 }, touch: true },
  { viewport: { width: 1280, height: 800 }, touch: false },
];
const SCHEMES = ['light', 'dark'];

let browser;
let data;

before(async () => {
  assert.ok(URL_BASE, 'WBW_URL is set (the URL the built card is served at)');
  browser = await launchChromium();
  data = await (await fetch(new URL('claims.json', URL_BASE))).json();
});
after(async () => { await browser?.close(); });

const actor = (id) => data.actors.find((a) => a.id === id);
/** Claims between `focus` and `other`, either way round. */
const between = (focus, other) => data.claims.filter((c) =>
  (c.subject === focus && c.object === other) || (c.subject === other && c.object === focus)).length;

async function openCard(size, scheme, hash = '') {
  const ctx = await open(browser, {
    viewport: size.viewport, touch: size.touch, axe: true, timeout: 8000, colorScheme: scheme,
  });
  await ctx.page.goto(URL_BASE + hash);
  await ctx.page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')));
  await ctx.page.waitForFunction(() => {
    const walker = document.createTreeWalker(document.getElementById('wbw-root'), NodeFilter.SHOW_COMMENT);
    return !walker.nextNode();
  });
  await ctx.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return ctx;
}

/** What the network draws, measured in the page: nodes (name, glyph kind, radius, badge), edges crossing things. */
function measure(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('.wbw-network svg');
    const nodes = [...svg.querySelectorAll('.wbw-node[role=button]')].map((g) => ({
      label: g.getAttribute('aria-label'),
      glyphs: [...g.querySelectorAll('.wbw-glyph')].map((p) => [...p.classList].find((c) => c.startsWith('wbw-glyph-'))),
      r: Number(g.querySelector('.wbw-disc').getAttribute('r')),
      // The badge on this node's rim (drawn over the nodes, outside the button).
      badge: (() => {
        const d = g.querySelector('.wbw-disc').getBoundingClientRect();
        const [cx, cy] = [(d.left + d.right) / 2, (d.top + d.bottom) / 2];
        const near = [...svg.querySelectorAll('.wbw-badge')].filter((b) => {
          const r = b.querySelector('circle').getBoundingClientRect();
          return Math.hypot((r.left + r.right) / 2 - cx, (r.top + r.bottom) / 2 - cy) < d.width / 2 + r.width / 2;
        });
        return near.length === 1 ? Number(near[0].textContent.replace(/[^0-9]/g, '')) : NaN;
      })(),
      glyphBox: g.querySelector('.wbw-glyph').getBoundingClientRect().toJSON(),
      disc: g.querySelector('.wbw-disc').getBoundingClientRect().toJSON(),
    }));
    const focusBox = svg.querySelector('.wbw-focus .wbw-disc').getBoundingClientRect();
    const focusGlyph = [...svg.querySelector('.wbw-focus .wbw-glyph').classList].find((c) => c.startsWith('wbw-glyph-'));
    // Everything an edge must not run through: each label line, each band
    // heading, each count badge, and the focus box (with its name).
    const obstacles = [
      ...[...svg.querySelectorAll('.wbw-node text tspan')].map((t) => ({
        what: `label "${t.textContent.trim()}"`, r: t.getBoundingClientRect() })),
      ...[...svg.querySelectorAll('.wbw-band')].map((t) => ({ what: `heading "${t.textContent}"`, r: t.getBoundingClientRect() })),
      ...[...svg.querySelectorAll('.wbw-badge circle')].map((c) => ({
        what: `badge ${c.parentElement.textContent}`, r: c.getBoundingClientRect() })),
      { what: 'the focus box', r: focusBox },
    ];
    const crossings = [];
    for (const path of svg.querySelectorAll('.wbw-edges path')) {
      const matrix = path.getScreenCTM();
      const length = path.getTotalLength();
      for (let at = 0; at <= length; at += 1) {
        const p = path.getPointAtLength(at).matrixTransform(matrix);
        // Inside its own node's circle the edge is hidden under it.
        const hidden = [...svg.querySelectorAll('.wbw-node[role=button] .wbw-disc')].some((c) => {
          const b = c.getBoundingClientRect();
          return Math.hypot(p.x - (b.left + b.right) / 2, p.y - (b.top + b.bottom) / 2) < b.width / 2;
        });
        if (hidden) continue;
        for (const o of obstacles) {
          if (p.x > o.r.left + 0.5 && p.x < o.r.right - 0.5 && p.y > o.r.top + 0.5 && p.y < o.r.bottom - 0.5) {
            crossings.push(`${path.getAttribute('class')} through ${o.what}`);
          }
        }
      }
    }
    // Lines of the key: per row (lines, then nodes), its items' distinct tops.
    const legendLines = [...document.querySelectorAll('.wbw-legend .wbw-legend-row')].map((row) =>
      new Set([...row.querySelectorAll('.wbw-key')].map((k) => Math.round(k.getBoundingClientRect().top))).size);
    return { nodes, focusGlyph, crossings: [...new Set(crossings)], legendLines };
  });
}

/** Contrast ratio of two CSS colours (rgb() strings). */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

for (const size of SIZES) {
  for (const scheme of SCHEMES) {
    const width = size.viewport.width;
    test(`${width} px, ${scheme}: glyphs per kind, sizes by claims, no edge through a label or the focus, a two-line key, contrast, axe`, async () => {
      const ctx = await openCard(size, scheme);
      const { page } = ctx;
      const focus = data.dataset?.focus ?? 'myanmar-junta';
      const m = await measure(page);
      assert.ok(m.nodes.length >= 5, 'the default focus has a drawn neighbourhood');
      assert.equal(m.focusGlyph, `wbw-glyph-${actor(focus).kind}`, 'the focus shows its kind');
      for (const node of m.nodes) {
        const who = data.actors.find((a) => node.label.startsWith(`${a.name}.`));
        assert.ok(who, node.label);
        assert.deepEqual(node.glyphs, [`wbw-glyph-${who.kind}`], `${who.name} shows the glyph of a ${who.kind}`);
        assert.ok(node.glyphBox.width > 6 && node.glyphBox.width < node.disc.width, `${who.name}: the glyph is drawn inside its circle`);
        assert.equal(node.badge, between(focus, who.id), `${who.name}: the count is the claims between it and the focus`);
      }
      // Sizes follow the counts: more claims, never a smaller node; and the
      // most-claimed node is visibly larger than a one-claim node.
      const sorted = [...m.nodes].sort((a, b) => a.badge - b.badge);
      for (let i = 1; i < sorted.length; i++) {
        assert.ok(sorted[i].r >= sorted[i - 1].r, `${sorted[i].label} (${sorted[i].badge}) is not smaller than ${sorted[i - 1].label} (${sorted[i - 1].badge})`);
      }
      assert.ok(sorted.at(-1).r > sorted[0].r * 1.3, 'the weight of evidence shows in the size');
      assert.deepEqual(m.crossings, [], m.crossings.join('\n'));
      // The key: one line for the lines and one for the nodes on a desktop;
      // on a phone each may wrap once, and at 320 px the kinds' row twice.
      const most = width >= 880 ? [1, 1] : width >= 390 ? [2, 2] : [2, 3];
      assert.ok(m.legendLines.length === 2 && m.legendLines.every((n, i) => n <= most[i]),
        `the key's rows take ${m.legendLines.join(' and ')} lines (at most ${most.join(' and ')})`);

      // Colour: each stance's line and node ring at 3:1 against the card;
      // without colour, each stance its own pattern.
      const styles = await page.evaluate(() => {
        const bg = getComputedStyle(document.querySelector('.wbw')).backgroundColor;
        const one = (sel, prop) => { const el = document.querySelector(sel); return el && getComputedStyle(el)[prop]; };
        return {
          bg,
          lines: ['backs', 'opposes', 'neutral'].map((s) => ({ s,
            stroke: one(`.wbw-legend .wbw-edge-${s}`, 'stroke'), dash: one(`.wbw-legend .wbw-edge-${s}`, 'strokeDasharray') })),
          // Each node's ring against the card, its glyph against the disc.
          nodes: [...document.querySelectorAll('.wbw-network .wbw-node[role=button]')].map((g) => ({
            ring: getComputedStyle(g.querySelector('.wbw-disc')).stroke,
            disc: getComputedStyle(g.querySelector('.wbw-disc')).fill,
            glyph: getComputedStyle(g.querySelector('.wbw-glyph')).fill,
          })),
        };
      });
      for (const line of styles.lines) assert.ok(contrast(line.stroke, styles.bg) >= 3, `${line.s}: ${line.stroke} on ${styles.bg}`);
      for (const n of styles.nodes) {
        assert.ok(contrast(n.ring, styles.bg) >= 3, `ring ${n.ring} on ${styles.bg}`);
        assert.ok(contrast(n.glyph, n.disc) >= 3, `glyph ${n.glyph} on ${n.disc}`);
      }
      assert.equal(new Set(styles.lines.map((l) => l.dash)).size, 3, 'each stance has its own line pattern');

      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate((tags) => window.axe.run('.wbw-network', { runOnly: tags }), AXE_TAGS);
      assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`), []);

      await page.locator('.wbw-network').screenshot({ path: `${ARTEFACTS}/visual-${scheme}-${width}.png` });
      await ctx.context.close();
    });
  }
}

for (const size of SIZES) {
  test(`${size.viewport.width} px: every actor as focus: no edge through a label, a heading, a badge or the focus box`, async () => {
    const ctx = await openCard(size, 'light');
    const { page } = ctx;
    const problems = [];
    const foci = [...new Set(data.claims.flatMap((c) => [c.subject, c.object]))];
    for (const id of foci) {
      await page.evaluate((h) => { location.hash = h; }, `focus=${id}`);
      await page.waitForFunction((name) => document.querySelector('.wbw-focus text')?.textContent.replace(/\s+/g, ' ').trim() === name
        || document.querySelector('.wbw-focus text')?.textContent.replace(/\s+/g, '') === name.replace(/\s+/g, ''), actor(id).name);
      const m = await measure(page);
      for (const c of m.crossings) problems.push(`focus=${id}: ${c}`);
    }
    assert.deepEqual(problems, [], problems.join('\n'));
    await ctx.context.close();
  });
}
