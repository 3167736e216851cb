// who-backs-whom service worker: lets the card open again when the connection
// is cut. TEMPLATE: xtask replaces __WBW_VERSION__ and __WBW_PRECACHE__.
//
// What it stores: only the card's own public files listed in PRECACHE, in one
// cache per build, `who-backs-whom-<version>`, and, for a large dataset in
// parts, each part (`parts/part-<hash>.txt`, named by its content) once a
// reader's card has fetched it, so what was seen opens again offline.
// Nothing else is ever written to a cache (nothing about the reader).
//
// Versions never mix: a page served by this worker and every asset it loads
// come from this build's cache (or, for the page, from the network only when
// the network copy is byte-identical to this build's page). When the network
// has a different page, a new build is out: the reader gets this build's page
// and its assets, the browser fetches the new sw.js (update check on
// navigation, and boot.js registers again after load), and the next load runs
// the new build.
//
// skipWaiting: a new worker activates as soon as it has cached the whole new
// build, without waiting for old tabs to close. Activation deletes the old
// build's cache. A page still running the old build has already loaded
// everything it needs to run (pages load their CSS, boot.js, the glue and the
// wasm at start; the card fetches nothing lazily), so it keeps working; only
// a later request it might make for an old non-hashed file (a source text,
// claims.json) goes to the network and gets the current build's copy. Without
// skipWaiting a reader who reloads a single tab would never get the new build
// (the waiting worker waits for a moment with no open card page), which is
// worse for readers who rarely close tabs.
//
// Caches named who-backs-whom-* belong to this card; every other cache on the
// origin is left alone. (Two deployments of the card on one origin share the
// prefix: the one activated last keeps its cache, the other refills at its
// next install.)

const VERSION = '__WBW_VERSION__';
const PREFIX = 'who-backs-whom-';
const CACHE = PREFIX + VERSION;
const PRECACHE = __WBW_PRECACHE__;
const NAVIGATION_TIMEOUT_MS = 3000;

const SCOPE = new URL('./', self.location.href).href;
const PRECACHED = new Set(PRECACHE.map((path) => new URL(path, SCOPE).href));
/** Parts of a dataset in parts: content-hashed, cached as they are fetched. */
const PARTS = new URL('parts/', SCOPE).href;

self.addEventListener('install', (event) => {
  self.skipWaiting();
  event.waitUntil(precache());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names
      .filter((name) => name.startsWith(PREFIX) && name !== CACHE)
      .map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

/** All or nothing: every file of the build is fetched before any is stored. */
async function precache() {
  try {
    const responses = await Promise.all([...PRECACHED].map(async (url) => {
      // `reload`: this build's files from the server, not an older copy in the HTTP cache.
      const response = await fetch(new Request(url, { cache: 'reload', credentials: 'omit' }));
      if (!response.ok) throw new Error(`who-backs-whom: precache ${url}: HTTP ${response.status}`);
      return [url, await storable(response)];
    }));
    const cache = await caches.open(CACHE);
    await Promise.all(responses.map(([url, response]) => cache.put(url, response)));
  } catch (error) {
    await caches.delete(CACHE); // leave no partial build behind; the install fails
    throw error;
  }
}

/** A redirected response cannot answer a navigation; store a plain copy. */
async function storable(response) {
  if (!response.redirected) return response;
  return new Response(await response.blob(), {
    status: response.status, statusText: response.statusText, headers: response.headers,
  });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(SCOPE)) return;
  url.hash = '';
  const bare = new URL(url.href);
  bare.search = '';
  if (request.mode === 'navigate') {
    const key = pageKey(bare);
    if (key) event.respondWith(navigate(event, key));
    return;
  }
  if (PRECACHED.has(url.href)) event.respondWith(fromCache(request, url.href));
  else if (url.href.startsWith(PARTS)) event.respondWith(part(request, url.href));
  // Anything else: not handled, so the browser goes to the network; nothing is stored.
});

/** The cached page that answers a navigation to `bare` (no query), if any. */
function pageKey(bare) {
  if (PRECACHED.has(bare.href)) return bare.href;
  if (bare.href.endsWith('/') && PRECACHED.has(bare.href + 'index.html')) return bare.href + 'index.html';
  return null;
}

/** Precached assets are content-hashed (or belong to this build): cache first. */
async function fromCache(request, key) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  return hit || fetch(request);
}

/** A part: from this build's cache, else the network (and then kept). */
async function part(request, key) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(key, response.clone()).catch(() => {});
  return response;
}

/**
 * Pages: network first, for at most NAVIGATION_TIMEOUT_MS, and only if the
 * network copy is this build's page; otherwise this build's cached page.
 */
async function navigate(event, key) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(key);
  if (!cached) return fetch(event.request);
  const network = (async () => {
    const response = await fetch(event.request);
    if (!response.ok || response.redirected || response.type !== 'basic') throw new Error('not this page');
    const [fresh, ours] = await Promise.all([response.clone().arrayBuffer(), cached.clone().arrayBuffer()]);
    if (!sameBytes(fresh, ours)) {
      self.registration.update().catch(() => {});
      throw new Error('a new build is out');
    }
    return response;
  })();
  let timer = 0;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), NAVIGATION_TIMEOUT_MS);
  });
  try {
    return await Promise.race([network, timeout]);
  } catch {
    network.catch(() => {});
    return cached;
  } finally {
    clearTimeout(timer);
  }
}

function sameBytes(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
