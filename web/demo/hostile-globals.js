/* Demo: a host page's own globals with the common names a bundler, a
   WebAssembly loader or an analytics snippet might use. The card must neither
   use nor overwrite them. */
(function () {
  'use strict';
  function hostOnly(name) {
    var fn = function () {
      throw new Error('host global ' + name + ' was called by someone else');
    };
    fn.hostGlobal = name;
    return fn;
  }
  window.init = hostOnly('init');
  window.mount = hostOnly('mount');
  window.wasm = { hostGlobal: 'wasm', instance: null, memory: 'not yours' };
  window.Card = hostOnly('Card');
  window.module = { hostGlobal: 'module', exports: {} };
  window.exports = { hostGlobal: 'exports' };
  window.wasm_bindgen = hostOnly('wasm_bindgen');
  window.__wbg_init = hostOnly('__wbg_init');
  window.define = hostOnly('define');
  window.require = hostOnly('require');
  window.process = { hostGlobal: 'process', env: { NODE_ENV: 'production' } };
})();
