/* A stand-in for the responsive-iframe listener that Datawrapper publishes with
 * its embed codes (https://developer.datawrapper.de/docs/responsive-iframe),
 * written for this demo, not copied from it. It reproduces what that listener
 * does, and nothing more:
 *   on every `message`, if event.data['datawrapper-height'] is there, for each
 *   key of it, every <iframe> of the page whose contentWindow is the message's
 *   source gets style.height = <value> + 'px'.
 * Like the published one it ignores the key's value for finding the frame,
 * checks no origin and no shape, and is all the page has: no who-backs-whom
 * loader. Many article templates already carry it for Datawrapper charts. */
(function () {
  'use strict';
  window.addEventListener('message', function (event) {
    var sizes = event.data && event.data['datawrapper-height'];
    if (typeof sizes === 'undefined') return;
    var frames = document.querySelectorAll('iframe');
    Object.keys(sizes).forEach(function (key) {
      for (var i = 0; i < frames.length; i++) {
        if (frames[i].contentWindow === event.source) frames[i].style.height = sizes[key] + 'px';
      }
    });
  });
})();
