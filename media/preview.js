// The post-meta preview's only script: swaps in new box HTML from the extension, keeps the scroll
// position, and asks the editor to reveal a key when one is clicked. Everything it receives is
// checked; the HTML comes from the extension's renderer, which escapes every value of the note.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('pm-root');
  let state = vscode.getState() || {};

  function save(patch) {
    state = Object.assign({}, state, patch);
    vscode.setState(state);
  }

  if (typeof state.scrollY === 'number') window.scrollTo(0, state.scrollY);

  let scrollTimer;
  window.addEventListener('scroll', function () {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(function () {
      save({ scrollY: window.scrollY });
    }, 100);
  });

  window.addEventListener('message', function (event) {
    const message = event.data;
    if (!message || typeof message !== 'object' || message.type !== 'update') return;
    if (typeof message.html !== 'string' || typeof message.uri !== 'string' || typeof message.locked !== 'boolean') return;
    const sameNote = state.uri === message.uri;
    const scrollY = window.scrollY;
    root.innerHTML = message.html;
    document.title = typeof message.title === 'string' ? message.title : document.title;
    // An update of the same note keeps the reader's place; another note starts at the top.
    window.scrollTo(0, sameNote ? scrollY : 0);
    save({ uri: message.uri, locked: message.locked, scrollY: sameNote ? scrollY : 0 });
  });

  document.addEventListener('click', function (event) {
    const target = event.target instanceof Element ? event.target.closest('[data-key]') : null;
    if (!target || event.target.closest('a')) return;
    vscode.postMessage({ type: 'reveal', key: target.getAttribute('data-key') });
  });

  vscode.postMessage({ type: 'ready' });
})();
