// Zensical's search box, answered by the site's own search worker (docs/assets/search-worker.js).
//
// Zensical keeps Material's worker messages (0 set up, 1 ready, 2 query, 3 result) but not
// their contents: it sends its search.json with the set-up and a query object, and wants
// back {items: [{id, matches}], pagination}, where id is the position of a page or section
// in that search.json (its box shows that entry's title, path and text). The Zensical build
// (python -m autograd_illustrated.zensical_postbuild) publishes this file as
// assets/search-worker.js, with the site's worker in place of ENGINE_WORKER: that worker
// (Pagefind, one bundle per language) does all the finding, as it does in the MkDocs build;
// this wrapper only translates the messages.
"use strict";
(() => {
  const SETUP = 0;
  const QUERY = 2;
  const RESULT = 3;
  // Zensical's search.json names pages below the language's root ("backward/#leaves"; its
  // box makes them absolute before sending them here), the worker below the site's root
  // ("en/backward/#leaves"). Both become a path below the language's root: this file is
  // served from <language root>/assets/.
  const languageRoot = new URL("../", self.location.href);
  const local = (url) => {
    const path = url.pathname.startsWith(languageRoot.pathname)
      ? url.pathname.slice(languageRoot.pathname.length)
      : url.pathname;
    return path + url.hash;
  };
  let ids = new Map(); // page or section, below the language's root -> its position in search.json
  const listeners = [];

  const idOf = (location) => {
    const key = local(new URL(`/${location}`, languageRoot));
    return ids.get(key) ?? ids.get(key.split("#")[0]);
  };

  // The worker's answer, a list of pages each followed by its sections, best first:
  // each page, and its best section, as Zensical's entries.
  function entries(answer) {
    const found = [];
    for (const [article, ...sections] of answer.items || []) {
      const best = sections.filter((section) => section.score >= article.score).slice(0, 1);
      for (const item of [article, ...best]) {
        const id = idOf(item.location);
        if (id !== undefined && !found.includes(id)) found.push(id);
      }
    }
    return { items: found.map((id) => ({ id, matches: [] })), pagination: { total: found.length } };
  }

  const reply = (message) =>
    postMessage(message.type === RESULT ? { type: RESULT, data: entries(message.data) } : message);

  // The site's worker, talking to this wrapper instead of the page.
  const engine = (addEventListener, postMessage) => {
    /* ENGINE_WORKER */
  };
  engine((type, listener) => type === "message" && listeners.push(listener), reply);

  // Zensical escapes &, < and > in what the reader typed.
  const typed = (input) =>
    (typeof input === "string" ? input : "").replace(/&(amp|lt|gt);/g, (_, name) => ({ amp: "&", lt: "<", gt: ">" })[name]);

  addEventListener("message", (event) => {
    const message = event.data;
    let forward = message;
    if (message.type === SETUP) {
      ids = new Map();
      (message.data?.items || []).forEach((item, id) => {
        const key = local(new URL(item.location, languageRoot));
        if (!ids.has(key)) ids.set(key, id);
      });
      forward = { type: SETUP, data: { config: message.data?.config || {}, docs: [] } };
    } else if (message.type === QUERY) {
      forward = { type: QUERY, data: typed(message.data?.input) };
    }
    for (const listener of listeners) listener({ data: forward });
  });
})();
