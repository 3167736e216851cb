/* who-backs-whom embed loader, for host pages that embed the card in an iframe:
 *
 *   <iframe src="https://card.example/who-backs-whom/embed.html" title="Who backs whom?"
 *     data-who-backs-whom loading="lazy" width="100%" height="760"></iframe>
 *   <script src="https://card.example/who-backs-whom/embed-loader.js" defer></script>
 *
 * Sizes every iframe[data-who-backs-whom] to the height its card reports, so
 * the card never scrolls inside the page. It trusts a message only if it comes
 * from that iframe's window and from the origin of that iframe's src, and has
 * exactly the shape { type: 'who-backs-whom:height', height } (or the AMP form
 * { sentinel: 'amp', type: 'embed-size', height }) with a finite height in
 * 100..20000. Iframes added later are found when they report. Without this
 * script the iframe keeps its fixed height.
 *
 * It is also the only way the card scrolls the host page: after a reader's
 * tap the card may ask, with exactly { type: 'who-backs-whom:scroll', top }
 * (top: px from the top of the card's document, a finite number in
 * 0..20000, checked like the height), to bring that point into view; the
 * loader scrolls the page only if the point lies above the viewport or in
 * its lower half, smoothly unless the reader prefers reduced motion.
 * Without this script the host page is never scrolled. Safe to include more than once;
 * its one global is the guard property below. No inline style, no eval: it
 * works under a strict Content-Security-Policy (CSSOM height only). */
(function () {
  'use strict';
  var GUARD = '__whoBacksWhomEmbedLoader';
  if (window[GUARD]) return;
  try {
    Object.defineProperty(window, GUARD, { value: true });
  } catch (e) {
    return;
  }

  var SELECTOR = 'iframe[data-who-backs-whom]';
  var MIN = 100;
  var MAX = 20000;

  /** The height a message reports, or null if it is not exactly a height message. */
  function reportedHeight(data) {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
    if (Object.getPrototypeOf(data) !== Object.prototype) return null;
    var keys = Object.keys(data).sort().join(',');
    var ours = keys === 'height,type' && data.type === 'who-backs-whom:height';
    var amp = keys === 'height,sentinel,type' && data.sentinel === 'amp' && data.type === 'embed-size';
    if (!ours && !amp) return null;
    var height = data.height;
    if (typeof height !== 'number' || !isFinite(height) || height < MIN || height > MAX) return null;
    return Math.ceil(height);
  }

  /** The origin of an iframe's src, or null for frames without a real one (srcdoc, about:, data:). */
  function srcOrigin(frame) {
    if (frame.hasAttribute('srcdoc')) return null;
    var src = frame.getAttribute('src');
    if (!src) return null;
    try {
      var url = new URL(src, document.baseURI);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
      return url.origin;
    } catch (e) {
      return null;
    }
  }

  function resize(frame, height) {
    var style = window.getComputedStyle(frame);
    var extra = 0;
    if (style.boxSizing === 'border-box') {
      extra = ['paddingTop', 'paddingBottom', 'borderTopWidth', 'borderBottomWidth'].reduce(function (sum, key) {
        return sum + (parseFloat(style[key]) || 0);
      }, 0);
    }
    var value = Math.ceil(height + extra) + 'px';
    if (frame.style.getPropertyValue('height') !== value) {
      frame.style.setProperty('height', value, 'important');
    }
  }

  /** The point a message asks to bring into view, or null if it is not exactly a scroll message. */
  function requestedTop(data) {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
    if (Object.getPrototypeOf(data) !== Object.prototype) return null;
    if (Object.keys(data).sort().join(',') !== 'top,type' || data.type !== 'who-backs-whom:scroll') return null;
    var top = data.top;
    if (typeof top !== 'number' || !isFinite(top) || top < 0 || top > MAX) return null;
    return top;
  }

  /** Brings the point `top` of the frame's document into view (the frame is sized to its content). */
  function reveal(frame, top) {
    var rect = frame.getBoundingClientRect();
    var y = rect.top + frame.clientTop + top;
    if (y >= 0 && y <= window.innerHeight / 2) return;
    var reduce = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    window.scrollTo({ top: Math.max(0, window.scrollY + y), behavior: reduce ? 'auto' : 'smooth' });
  }

  window.addEventListener('message', function (event) {
    var height = reportedHeight(event.data);
    var top = height === null ? requestedTop(event.data) : null;
    if ((height === null && top === null) || !event.source || event.origin === 'null') return;
    var frames = document.querySelectorAll(SELECTOR);
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow === event.source && srcOrigin(frame) === event.origin) {
        if (height !== null) resize(frame, height);
        else reveal(frame, top);
      }
    }
  });

  /** Whether the frame shows its document already (a frame still on its initial
   * about:blank is same-origin with the host; the card's document is not, or is complete). */
  function loaded(frame) {
    try {
      var href = frame.contentWindow.location.href;
      return href !== 'about:blank' && frame.contentDocument.readyState === 'complete';
    } catch (e) {
      return true;
    }
  }

  /** Frames that loaded before this script ran have reported already: ask them again. */
  function ask() {
    var frames = document.querySelectorAll(SELECTOR);
    for (var i = 0; i < frames.length; i++) {
      var origin = srcOrigin(frames[i]);
      if (origin && frames[i].contentWindow && loaded(frames[i])) {
        try {
          frames[i].contentWindow.postMessage({ type: 'who-backs-whom:request-height' }, origin);
        } catch (e) {
          // The frame is gone or not loaded yet; it reports when it loads.
        }
      }
    }
  }
  ask();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ask, { once: true });
})();
