// who-backs-whom service worker: lets the card open again when the connection
// is cut. TEMPLATE: xtask replaces __WBW_VERSION__ and __WBW_PRECACHE__.
//
// What it stores: only the card's own public files listed in PRECACHE, in one
// cache per build, `who-backs-whom-<version>`, and, for a large dataset in
// parts, each part (`parts/part-<hash>.txt`, named by its content) and the
// sources file (`parts/sources-<hash>.txt`, which the sources panel fetches)
// once a reader's card has fetched it, so what was seen opens again offline.
// Nothing else is ever written to a cache (nothing about the reader).
//
// Versions never mix: a page this worker serves from its cache loads every
// asset from the same cache. A page is this build's when it comes from the
// cache, or from the network byte-identical to this build's page; those
// clients are `OURS`. When the network has a different page, a new build is
// out: the reader gets the network's page (corrections reach readers even
// when the new worker cannot install: a file of the new build missing, a host
// blocking a file type, a full quota), and the requests of that page go to
// the network: its content-hashed assets are not in this cache anyway, and
// this build's unhashed files (claims.json, sources/*.txt, the pages) are
// served to clients not in OURS network first, from the cache only when the
// network fails. Offline, or when the network is slower than
// NAVIGATION_TIMEOUT_MS, the reader gets this build's cached page and its
// assets. Each navigation to a new page asks the browser to fetch the new
// sw.js again (registration.update()), so a failed install is retried at
// every load, never kept.
//
// Installing is all or nothing: every file of the new build is fetched and
// stored before it counts, or its partial cache is deleted and the install
// fails (the old worker, if any, stays and behaves as above).
//
// skipWaiting: a new worker activates as soon as it has cached the whole new
// build, without waiting for old tabs to close. Activation deletes the old
// build's cache. A page still running the old build has already loaded
// everything it needs to run (pages load their CSS, boot.js, the glue and the
// wasm at start), so it keeps working; only a later request it might make for
// an old non-hashed file (a source text, claims.json) goes to the network and
// gets the current build's copy. Without skipWaiting a reader who reloads a
// single tab would never get the new build (the waiting worker waits for a
// moment with no open card page), which is worse for readers who rarely close
// tabs.
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
/** Names with a content hash (`card-0123456789abcdef.css`): the same name is the same bytes in every build. */
const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z]+$/;
/**
 * Clients (pages) running this build: served this build's page. Kept in
 * memory only; after the worker restarts a client is unknown and its
 * unhashed files come network first, which is never older than this build.
 */
const OURS = new Set();

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
  if (url.href.startsWith(PARTS)) event.respondWith(part(request, url.href));
  else if (PRECACHED.has(url.href)) {
    const ours = HASHED.test(url.pathname) || OURS.has(event.clientId);
    event.respondWith(ours ? fromCache(request, url.href) : networkFirst(request, url.href));
  }
  // Anything else: not handled, so the browser goes to the network; nothing is stored.
});

/** The cached page that answers a navigation to `bare` (no query), if any. */
function pageKey(bare) {
  if (PRECACHED.has(bare.href)) return bare.href;
  if (bare.href.endsWith('/') && PRECACHED.has(bare.href + 'index.html')) return bare.href + 'index.html';
  return null;
}

/** For this build's pages: this build's cached copy (the network only if it is missing). */
async function fromCache(request, key) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  return hit || fetch(request);
}

/** For other pages (or unknown ones): the network's copy; this build's only when the network fails. */
async function networkFirst(request, key) {
  try {
    const response = await fetch(request);
    if (response.ok || response.status === 304) return response;
    return (await caches.match(key, { cacheName: CACHE })) || response;
  } catch (error) {
    const hit = await caches.match(key, { cacheName: CACHE });
    if (hit) return hit;
    throw error;
  }
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
 * Pages: network first, for at most NAVIGATION_TIMEOUT_MS. This build's page
 * when the network has the same bytes, is slow or fails; the network's page
 * when it differs (a new build is out: no older build is ever kept).
 */
async function navigate(event, key) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(key);
  if (!cached) return fetch(event.request);
  const network = (async () => {
    const response = await fetch(event.request);
    if (!response.ok || response.redirected || response.type !== 'basic') throw new Error('not a page');
    const [fresh, ours] = await Promise.all([response.clone().arrayBuffer(), cached.clone().arrayBuffer()]);
    return { response, same: sameBytes(fresh, ours) };
  })();
  let timer = 0;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), NAVIGATION_TIMEOUT_MS);
  });
  try {
    const { response, same } = await Promise.race([network, timeout]);
    if (same) remember(event.resultingClientId);
    else self.registration.update().catch(() => {});
    return response;
  } catch {
    network.catch(() => {});
    remember(event.resultingClientId);
    return cached;
  } finally {
    clearTimeout(timer);
  }
}

/** Marks a client as running this build (and forgets clients that are gone). */
function remember(clientId) {
  if (!clientId) return;
  OURS.add(clientId);
  if (OURS.size > 64) {
    self.clients.matchAll({ includeUncontrolled: true }).then((open) => {
      const ids = new Set(open.map((c) => c.id));
      for (const id of OURS) if (!ids.has(id)) OURS.delete(id);
    }, () => {});
  }
}

function sameBytes(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
