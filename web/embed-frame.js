/* who-backs-whom, inside embed.html: tells the host page how tall the card is,
 * so that embed-loader.js on the host can size the iframe. It posts
 *   { type: 'who-backs-whom:height', height }  and the AMP form
 *   { sentinel: 'amp', type: 'embed-size', height }
 * and, for hosts that already run one of these listeners, Datawrapper's
 *   { 'datawrapper-height': { <id>: height } }
 * and the embed.ly / Medium-style string
 *   JSON.stringify({ src, context: 'iframe.resize', height })
 * to window.parent with target origin '*' (the messages carry only a height),
 * on load and whenever the height changes: at most once per animation frame,
 * and only when the height differs from the last one posted. On
 * { type: 'who-backs-whom:request-height' } from the parent (the loader asks
 * once, for frames that loaded before it) it posts the height again.
 *
 * The card never scrolls the host page. When a reader's tap should bring a
 * part of the card into view (the claims of the actor they chose, or, on
 * Back, the actor again), the card dispatches 'who-backs-whom:scroll-request'
 * on this document with detail { top } (px from the top of the card's
 * document) and this script passes it on as
 *   { type: 'who-backs-whom:scroll', top }
 * which only embed-loader.js acts on (after checking window, origin and shape).
 *
 * Datawrapper's published listener (developer.datawrapper.de, "responsive
 * iframe") resizes the iframe whose contentWindow is event.source, whatever
 * the key; its older embed.js looks the key up as
 * document.getElementById('datawrapper-chart-' + id) or iframe[src*=id]. So
 * the key is, fixed at load: the iframe's name (name="…", letters, digits,
 * _ and - only) if the host gave one (give the iframe
 * id="datawrapper-chart-<name>" too for the older script); else the path and
 * fragment the frame was loaded with, which are part of its src; else a short
 * hash of them. `src` in the iframe.resize message is the address the frame
 * was loaded with, as those listeners match it against iframe[src]. */
(function () {
  'use strict';
  var GUARD = '__whoBacksWhomEmbedFrame';
  if (window.parent === window || window[GUARD]) return;
  try {
    Object.defineProperty(window, GUARD, { value: true });
  } catch (e) {
    return;
  }

  var last = -1;
  var scheduled = false;
  var LOADED_FROM = location.href;
  var CARD_ID = cardId();

  /** The card's stable key in Datawrapper's message (see above). */
  function cardId() {
    if (/^[A-Za-z0-9_-]{1,64}$/.test(window.name)) return window.name;
    var path = location.pathname + location.hash;
    if (/^[A-Za-z0-9\/._~=&,:%+#-]{1,200}$/.test(path)) return path;
    var hash = 5381;
    for (var i = 0; i < path.length; i++) hash = ((hash * 33) ^ path.charCodeAt(i)) >>> 0;
    return 'wbw-' + hash.toString(36);
  }

  /** The height of the page's content in CSS px: the height of the root element's
   * box, which, unlike its scrollHeight, shrinks below the iframe's height when
   * the card gets shorter; the scroll height when the content overflows. */
  function measure() {
    var root = document.documentElement;
    var height = root.getBoundingClientRect().height;
    if (root.scrollHeight > root.clientHeight) height = Math.max(height, root.scrollHeight);
    return Math.ceil(height);
  }

  function post(height) {
    window.parent.postMessage({ type: 'who-backs-whom:height', height: height }, '*');
    window.parent.postMessage({ sentinel: 'amp', type: 'embed-size', height: height }, '*');
    var sizes = {};
    sizes[CARD_ID] = height;
    window.parent.postMessage({ 'datawrapper-height': sizes }, '*');
    window.parent.postMessage(JSON.stringify({ src: LOADED_FROM, context: 'iframe.resize', height: height }), '*');
  }

  function update() {
    if (!scheduled) return;
    scheduled = false;
    var height = measure();
    if (height > 0 && height !== last) {
      last = height;
      post(height);
    }
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(update);
    // Browsers pause animation frames in hidden or off-screen frames.
    window.setTimeout(update, 200);
  }

  function observe() {
    if (typeof ResizeObserver === 'function') {
      var observer = new ResizeObserver(schedule);
      observer.observe(document.documentElement);
      if (document.body) observer.observe(document.body);
      var root = document.getElementById('wbw-root');
      if (root) observer.observe(root);
    }
    schedule();
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (event.source !== window.parent || !data || data.type !== 'who-backs-whom:request-height') return;
    last = -1;
    schedule();
  });
  document.addEventListener('who-backs-whom:scroll-request', function (event) {
    var top = event.detail && event.detail.top;
    if (typeof top !== 'number' || !isFinite(top) || top < 0 || top > 20000) return;
    window.parent.postMessage({ type: 'who-backs-whom:scroll', top: Math.round(top) }, '*');
  });
  window.addEventListener('load', schedule);
  window.addEventListener('resize', schedule);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', observe, { once: true });
  else observe();
})();
