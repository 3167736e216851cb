// who-backs-whom: starts the card's WebAssembly on the card's own pages
// (index.html, embed.html). TEMPLATE: xtask replaces __WBW_GLUE__ and
// __WBW_WASM__ with the hashed file names of this build.
//
// The card is prerendered: everything can be read before (and without) this
// module. If the wasm cannot start (no WebAssembly, the connection cut
// mid-load, a policy that forbids wasm, or it is too slow), the prerendered
// card stays as it is and a short notice says what happened; the section gets
// the class `wbw-static` so the stylesheet can hide or disable the controls
// that need the wasm. Nothing is written to globals; nothing is logged on
// success.

/** An expected failure, with the reason to show to the reader. */
class Failure {
  constructor(reason) { this.reason = reason; }
}

const GIVE_UP_MS = 20000;
const here = import.meta.url;

registerServiceWorker();
const early = holdEarlyTaps();

// The glue is imported dynamically: a static import that failed (connection
// cut mid-load) would stop this module before it could show the notice.
// The wasm is fetched and compiled here, not inside init(), so that giving up
// after GIVE_UP_MS is final: init() (which runs the wasm's main and hydrates
// #wbw-root) is called only if the module compiled before the deadline, and
// never after the notice has been inserted. A late hydration over a card that
// already shows the notice would not match the prerendered DOM.
let gaveUp = false;
const controller = typeof AbortController === 'function' ? new AbortController() : null;
let timer = 0;
const deadline = new Promise((resolve) => {
  timer = setTimeout(() => {
    gaveUp = true;
    controller?.abort();
    resolve();
  }, GIVE_UP_MS);
});

try {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    throw new Failure('this browser cannot run WebAssembly');
  }
  // The prerendered card is painted before anything else is fetched: on a
  // slow connection the wasm (over 100 KB) would share the bandwidth with
  // the stylesheet and delay the first paint, and on a slow phone starting
  // it could hold up the first frame. Reading comes first; the card becomes
  // interactive a moment later. Not so for a link to a state (an embed's
  // #focus=…&theme=dark): the prerender shows the default state, which the
  // card replaces as soon as it runs, so it starts at once.
  if (location.hash.length <= 1) await painted();
  const loading = Promise.all([import('./__WBW_GLUE__'), compile()]);
  const loaded = await Promise.race([loading, deadline]);
  if (gaveUp || !loaded) {
    loading.catch(() => {}); // a late failure has nothing left to report
    throw new Failure('it took too long to load');
  }
  clearTimeout(timer);
  const [glue, module] = loaded;
  await glue.default({ module_or_path: module });
  // The card runs: the static list of every claim (for readers without the
  // wasm) gives way to it. Below the card, so nothing on screen moves.
  document.getElementById('wbw-static')?.remove();
  early.replay();
} catch (error) {
  clearTimeout(timer);
  early.drop();
  unavailable(error);
}

/**
 * A tap on the card before its wasm has started is not lost: taps on the
 * card's controls (an actor in the network, a tab, a button) are noted while
 * it starts, and given again, in order, to the same elements once it runs
 * (hydration takes over the very elements that were tapped).
 */
function holdEarlyTaps() {
  const taps = [];
  const note = (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const control = target?.closest('#wbw-root .wbw-node[role=button], #wbw-root button');
    if (control && taps.length < 8) taps.push(control);
  };
  document.addEventListener('click', note, true);
  const stop = () => document.removeEventListener('click', note, true);
  return {
    replay() {
      stop();
      for (const control of taps.splice(0)) {
        if (control.isConnected) control.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
      }
    },
    drop() {
      stop();
      taps.length = 0;
    },
  };
}

/** Resolves after the next frame has been painted, or after 300 ms where no
 * frame comes (a hidden tab, an iframe scrolled out of view). */
function painted() {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 300);
    if (typeof requestAnimationFrame !== 'function') return;
    requestAnimationFrame(() => setTimeout(() => {
      clearTimeout(fallback);
      resolve();
    }, 0));
  });
}

/** Fetch and compile the wasm (streaming when the server labels it application/wasm). */
async function compile() {
  const url = new URL('./__WBW_WASM__', here);
  const response = await fetch(url, controller ? { signal: controller.signal } : {});
  if (!response.ok) throw new Failure(`part of it did not load (HTTP ${response.status})`);
  const type = response.headers.get('content-type') || '';
  if (typeof WebAssembly.compileStreaming === 'function' && type.split(';')[0].trim() === 'application/wasm') {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

function reasonFor(error) {
  if (error instanceof Failure) return error.reason;
  const text = String(error && (error.message || error));
  const policy = /Content Security Policy|unsafe-eval|wasm-eval|not allowed|Refused/i.test(text);
  if (error instanceof EvalError || policy) return 'this page or browser does not allow WebAssembly';
  if (typeof WebAssembly === 'object' && error instanceof WebAssembly.CompileError) {
    return 'its code arrived incomplete or damaged';
  }
  if (error && error.name === 'AbortError') return 'it took too long to load';
  if (error instanceof TypeError) return 'part of it did not load; the connection may have been cut';
  return 'it stopped with an error';
}

/** Leave the prerendered card readable and say why it is not interactive. */
function unavailable(error) {
  const root = document.getElementById('wbw-root');
  if (!root || root.querySelector('.wbw-unavailable')) return;
  const card = root.querySelector('.wbw') || root;
  const reason = reasonFor(error);
  const notice = document.createElement('div');
  notice.className = 'wbw-notice wbw-unavailable';
  notice.setAttribute('role', 'status');
  const p = document.createElement('p');
  // The sentence in the card's language, from its catalogue (the prerendered
  // card carries it); the English one where there is no card.
  const template = card.dataset && card.dataset.failed;
  p.textContent = template ? template.replace('{reason}', reason)
    : `The interactive parts of this card could not start (${reason}). Everything below can still be read; reload to try again.`;
  notice.append(p);
  card.prepend(notice);
  if (card.classList.contains('wbw')) card.classList.add('wbw-static');
  // One line for whoever debugs the page; never on success.
  console.warn(`who-backs-whom: the card stays static: ${reason}.`, ...(error instanceof Failure ? [] : [error]));
}

/** Offline support: only on http(s), only on the card's own pages opened as
 * pages, after load. Never inside an iframe: an embedded card writes nothing
 * in the reader's browser under the host's site (no cache, no worker). */
function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  if (window.parent !== window) return;
  if (location.protocol !== 'https:' && location.protocol !== 'http:') return;
  const register = () => {
    navigator.serviceWorker
      .register(new URL('./sw.js', here), { scope: new URL('./', here).href })
      .catch(() => {}); // the card works without it; nothing to tell the reader
  };
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}
