/* who-backs-whom, inside embed.html: tells the host page how tall the card is,
 * so that embed-loader.js on the host can size the iframe. It posts
 *   { type: 'who-backs-whom:height', height }  and the AMP form
 *   { sentinel: 'amp', type: 'embed-size', height }
 * to window.parent with target origin '*' (the message carries only a height),
 * on load and whenever the height changes: at most once per animation frame,
 * and only when the height differs from the last one posted. On
 * { type: 'who-backs-whom:request-height' } from the parent (the loader asks
 * once, for frames that loaded before it) it posts the height again. */
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
  window.addEventListener('load', schedule);
  window.addEventListener('resize', schedule);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', observe, { once: true });
  else observe();
})();
