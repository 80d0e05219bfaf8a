// Material for MkDocs 9.8 asks for its search index (search/search_index.json) as soon as
// a page loads, and hands it to the search worker, which then sets up search. Here the
// worker is ours (docs/assets/search-worker.js, hooks/search.py): on that hand-over it loads
// Pagefind's script, its wasm and the page's language index, tens of KB a phone does not
// need to read a page. Lighthouse counted the old, whole-site index against the largest
// paint and blocking time of every page (see benchmarks/ and "How this site is built").
// Material has no option to defer it, so the request is held back here until the reader
// shows an interest in searching:
//   - the pointer reaches the search box or the search button (desktop hover, a tap);
//   - anything in the search box gets focus (a click, or Material's "/", "s", "f" keys);
//   - the page was opened from a search result (?h=, highlighting needs the index) or
//     from a shared search link (?q=).
// Loaded before Material's bundle, which makes the request with XMLHttpRequest.
(() => {
  const indexPath = /\/search\/search_index\.json$/;
  const indexRequests = new WeakSet();
  const held = [];
  let wanted = /[?&][qh]=/.test(location.search);

  function release() {
    if (wanted) return;
    wanted = true;
    for (const send of held.splice(0)) send();
  }

  const { open, send } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (indexPath.test(new URL(url, location.href).pathname)) indexRequests.add(this);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    if (!wanted && indexRequests.has(this)) {
      held.push(() => send.apply(this, args));
      return;
    }
    return send.apply(this, args);
  };

  const onSearch = (event) =>
    event.target instanceof Element && event.target.closest(".md-search, label[for='__search']");
  for (const type of ["pointerover", "pointerdown", "focusin"]) {
    addEventListener(type, (event) => onSearch(event) && release(), { capture: true, passive: true });
  }
})();
