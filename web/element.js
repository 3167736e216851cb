// who-backs-whom for host pages: the <who-backs-whom> element and a JS API.
//
//   <script type="module" src="https://card.example/who-backs-whom/element.js"></script>
//   <who-backs-whom focus="belarus" view="list">
//     <a href="https://card.example/who-backs-whom/#focus=belarus&view=list">Who backs Belarus?</a>
//   </who-backs-whom>
//
//   import { mount } from 'https://card.example/who-backs-whom/element.js';
//   const card = await mount(document.querySelector('#card'), { focus: 'belarus' });
//   card.set({ view: 'list' }); card.unmount();
//
// TEMPLATE: xtask replaces the placeholders below (GLUE, WASM, CSS, DATA, KEYS)
// with the build's file names and the card's option keys. Every URL is resolved against this module's own URL, so the card works
// under any path prefix and from another origin. Nothing here touches cookies,
// storage or any origin but the card's own; no inline script or style, no eval
// (it runs under a strict Content-Security-Policy). The only global it adds is
// the custom element's definition.

const GLUE = new URL('./__WBW_GLUE__', import.meta.url);
const WASM = new URL('./__WBW_WASM__', import.meta.url);
const CSS = new URL('./__WBW_CSS__', import.meta.url);
/** The compiled dataset, named by its content hash. */
const DATA = new URL('./__WBW_DATA__', import.meta.url);
/** Base of the card's own files (data downloads, source texts). */
const BASE = new URL('./', import.meta.url);

/** Option keys of the card, which are also the element's attribute names (written by the build from the core's list). */
const KEYS = __WBW_KEYS__;

/**
 * The notice when the card cannot start, per language (the card's own words
 * are in its catalogue, crates/core/src/i18n/lang/, which the wasm carries;
 * this one shows when the wasm itself could not load).
 */
const FAILED = {
  en: 'The interactive card could not start (it needs JavaScript and WebAssembly).',
  my: 'အပြန်အလှန်သုံးနိုင်သော ကတ် မစတင်နိုင်ပါ (JavaScript နှင့် WebAssembly လိုအပ်သည်)။',
};

/** The language of the page around `element` (its own `lang`, else the nearest ancestor's). */
function pageLang(element) {
  const tagged = element.closest('[lang]');
  return tagged ? tagged.getAttribute('lang').trim() : '';
}

function failedText(element) {
  const primary = pageLang(element).split('-')[0].toLowerCase();
  return FAILED[primary] || FAILED.en;
}

/**
 * Rules for the shadow root itself, beside the card's stylesheet: the host
 * page's inherited text properties (direction, fonts, spacing, colours) stop at
 * the element, whatever `!important` rules the host has (inside a shadow tree an
 * `!important` declaration wins over the outer page's). Box properties of the
 * element itself (margin, width, display) stay the host's to set.
 */
const HOST_RULES = `
:host {
  display: block;
  direction: ltr !important; unicode-bidi: isolate !important; writing-mode: horizontal-tb !important;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif !important;
  font-kerning: auto !important; font-feature-settings: normal !important; font-variation-settings: normal !important;
  font-size-adjust: none !important; font-synthesis: weight style !important; font-optical-sizing: auto !important;
  color: #1a1a1a !important; -webkit-text-fill-color: currentcolor !important; -webkit-text-stroke: 0 !important;
  letter-spacing: normal !important; word-spacing: normal !important; line-height: 1.5 !important;
  text-align: start !important; text-indent: 0 !important; text-transform: none !important; text-shadow: none !important;
  text-rendering: auto !important; text-underline-position: auto !important; text-emphasis: none !important;
  white-space: normal !important; word-break: normal !important; overflow-wrap: normal !important; hyphens: manual !important;
  tab-size: 8 !important; list-style: disc outside none !important; quotes: auto !important; cursor: auto !important;
  border-collapse: separate !important; border-spacing: 0 !important; caption-side: top !important; empty-cells: show !important;
  color-scheme: normal !important; caret-color: auto !important; pointer-events: auto !important; user-select: auto !important;
}
:host([hidden]) { display: none !important; }
[hidden] { display: none !important; }
.wbw-host-notice {
  display: block; margin: 0 0 .5em; padding: .5em .75em; border: 2px solid #0a4fa3; border-radius: .5em;
  background: #fff; color: #1a1a1a;
}
`;

let hostSheet = null;
/** One constructed stylesheet shared by every card on the page (null if unsupported). */
function hostRules() {
  if (hostSheet === null) {
    try {
      hostSheet = new CSSStyleSheet();
      hostSheet.replaceSync(HOST_RULES);
    } catch {
      hostSheet = false;
    }
  }
  return hostSheet || null;
}

let runtime = null;
/** The wasm runtime and the dataset, loaded once per page and shared by every card. */
function loadRuntime() {
  runtime ??= Promise.all([
    import(GLUE.href).then(async (glue) => {
      await glue.default({ module_or_path: WASM });
      return glue;
    }),
    fetch(DATA.href, { credentials: 'omit' }).then((response) => {
      if (!response.ok) throw new Error(`the card's data did not load (HTTP ${response.status})`);
      return response.text();
    }),
  ]).then(([glue, data]) => ({ glue, data }));
  runtime.catch(() => { runtime = null; }); // a later card may try again
  return runtime;
}

/** The parts a card needs in a host's shadow root, made once per host. */
const parts = new WeakMap();

function partsOf(host) {
  let p = parts.get(host);
  if (p) return p;
  const doc = host.ownerDocument;
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const sheet = hostRules();
  if (sheet) {
    try {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    } catch {
      // An old engine: the card's own stylesheet still applies.
    }
  }
  const link = doc.createElement('link');
  link.rel = 'stylesheet';
  link.href = CSS.href;
  // The light-DOM content (e.g. a link to the card's page) shows until the card is ready.
  const slot = doc.createElement('slot');
  const container = doc.createElement('div');
  container.className = 'wbw-host';
  container.dir = 'ltr';
  container.lang = 'en';
  container.hidden = true;
  p = { host, root, link, slot, container, notice: null, cssLoaded: false, handle: null };
  const loaded = () => {
    p.cssLoaded = true;
    sync(p);
  };
  link.addEventListener('load', loaded, { once: true });
  link.addEventListener('error', loaded, { once: true });
  root.append(link, slot, container);
  // The card renders asynchronously and removes itself on unmount: show it when
  // it has content and its stylesheet, and the fallback content otherwise.
  new MutationObserver(() => sync(p)).observe(container, { childList: true });
  parts.set(host, p);
  return p;
}

function sync(p) {
  const show = p.cssLoaded && p.container.firstElementChild !== null;
  p.container.hidden = !show;
  p.slot.hidden = show;
  if (show && p.notice) {
    p.notice.remove();
    p.notice = null;
  }
}

function failed(p, error) {
  if (!p.notice) {
    p.notice = p.host.ownerDocument.createElement('div');
    p.notice.className = 'wbw-notice wbw-host-notice';
    p.notice.setAttribute('role', 'status');
    // The card's own sentence (an unreadable dataset says why), else the general one.
    const reason = error && typeof error.message === 'string' && error.message.startsWith('The card') ? error.message : '';
    const text = failedText(p.host);
    p.notice.lang = text === FAILED.en ? 'en' : pageLang(p.host);
    p.notice.textContent = reason ? `${text} ${reason}` : text;
    p.root.insertBefore(p.notice, p.slot);
  }
  p.container.hidden = true;
  p.slot.hidden = false;
  console.warn('who-backs-whom: the card could not start:', error);
}

/** Renders a card into the host's shadow root, replacing a card already there. */
function render(p, glue, options, events) {
  if (p.handle) {
    const previous = p.handle;
    p.handle = null;
    try {
      previous.unmount();
    } catch {
      // Already gone.
    }
  }
  p.handle = glue.glue.mount(p.container, options ?? '', events, BASE.href, glue.data);
  sync(p);
  return p.handle;
}

/** One `key=value` pair of the link language (lists keep their commas). */
function pair(key, value) {
  return `${key}=${encodeURIComponent(value.trim()).replace(/%2C/gi, ',')}`;
}

/**
 * Mounts a card into `target` (an element): its shadow root (attached if it
 * has none, an existing one is used) gets the card's stylesheet, a `<slot>` for
 * the element's own content (shown until the card is ready, and again if it
 * cannot start or is unmounted) and the card. `options` is a string in the link
 * language or an object with the option keys. Resolves to the card's handle
 * (`set(options)`, `options()`, `unmount()`); the card's events
 * (`who-backs-whom:ready`, `:change`, `:select`, `:step`) are dispatched on `target`.
 */
export async function mount(target, options = '') {
  if (!target || typeof target.attachShadow !== 'function') {
    throw new TypeError('who-backs-whom: mount(target, options) needs an element to mount into');
  }
  const p = partsOf(target);
  let glue;
  try {
    glue = await loadRuntime();
  } catch (error) {
    failed(p, error);
    throw error;
  }
  try {
    return render(p, glue, options, target);
  } catch (error) {
    failed(p, error);
    throw error;
  }
}

class WhoBacksWhomElement extends HTMLElement {
  static get observedAttributes() {
    return KEYS;
  }

  #handle = null;
  /** What `set` was given before the card was ready, applied once it is. */
  #pending = [];
  /** Counts starts and stops, so a card loading for an element that left is not mounted. */
  #generation = 0;

  connectedCallback() {
    this.#start();
  }

  disconnectedCallback() {
    this.#generation += 1;
    this.#stop();
  }

  attributeChangedCallback(name, previous, value) {
    if (!this.#handle || previous === value) return;
    if (value === null) {
      // A removed option goes back to its default: start over from the attributes.
      this.#generation += 1;
      this.#stop();
      this.#start();
    } else {
      this.#handle.set(pair(name, value));
    }
  }

  /**
   * The element's attributes in the link language. Without a `lang` of its
   * own the card follows the host page's (`<html lang="my">`): passed as
   * `lang=my,*`, where `*` lets the card keep its default for a language it
   * does not have, with no notice.
   */
  /**
   * The JS API on the element itself: `element.set({ step: 3 })` changes
   * the card as `mount`'s handle does (before the card is ready, once it is).
   */
  set(options) {
    if (this.#handle) this.#handle.set(options);
    else this.#pending.push(options);
  }

  #options() {
    const options = KEYS.filter((key) => this.hasAttribute(key))
      .map((key) => pair(key, this.getAttribute(key)));
    const host = this.hasAttribute('lang') ? '' : pageLang(this);
    if (host) options.push(pair('lang', `${host},*`));
    return options.join('&');
  }

  async #start() {
    const generation = ++this.#generation;
    const p = partsOf(this);
    let glue;
    try {
      glue = await loadRuntime();
    } catch (error) {
      failed(p, error);
      return;
    }
    if (generation !== this.#generation || !this.isConnected) return;
    try {
      this.#handle = render(p, glue, this.#options(), this);
      for (const options of this.#pending.splice(0)) this.#handle.set(options);
    } catch (error) {
      failed(p, error);
    }
  }

  #stop() {
    const handle = this.#handle;
    this.#handle = null;
    if (!handle) return;
    const p = parts.get(this);
    if (p && p.handle === handle) p.handle = null;
    try {
      handle.unmount();
      handle.free?.();
    } catch {
      // Already gone.
    }
  }
}

if (!customElements.get('who-backs-whom')) {
  customElements.define('who-backs-whom', WhoBacksWhomElement);
}
