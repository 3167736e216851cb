// What every end-to-end suite shares: Debian's Chromium, started the one way
// this machine allows (never a downloaded browser; no background requests).
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Starts Chromium (`$CHROMIUM`, else /usr/bin/chromium) with `extraArgs` besides the usual flags. */
export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

/**
 * Records every request URL of `source` (a page, or a context: then its
 * service workers' too), and every console error and warning and page error of `page`.
 */
export function record(page, source = page) {
  const log = { requests: [], errors: [], warnings: [] };
  source.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(m.text());
    if (m.type() === 'warning') log.warnings.push(m.text());
  });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  return log;
}

/**
 * The one way the suites open a page: a new context of `browser` and a page
 * in it, recording (see `record`) every request of the context and the
 * page's errors and warnings. `touch` sets hasTouch and isMobile; `axe`
 * bypasses the page's CSP, only for the runs that inject axe-core (every
 * other test runs under the card's strict policy); `timeout` is the default
 * wait; the rest goes to `browser.newContext` as it is.
 */
export async function open(browser, { viewport, touch = false, axe = false, timeout, ...rest } = {}) {
  const context = await browser.newContext({ viewport, hasTouch: touch, isMobile: touch, bypassCSP: axe, ...rest });
  if (timeout) context.setDefaultTimeout(timeout);
  const page = await context.newPage();
  const log = record(page, context);
  return { context, page, log, requests: log.requests, errors: log.errors, warnings: log.warnings };
}
