// Fixes for Material for MkDocs 9.8 with mkdocs-static-i18n, loaded just before
// Material's bundle. Languages come from the template: data-languages="zh en".
(() => {
  const languages = (document.currentScript?.dataset.languages || "").split(/\s+/).filter(Boolean);
  if (languages.length < 2) return;

  // 1. Material expects each <link rel="alternate" hreflang> to point at a language's
  //    root and fetches "sitemap.xml" next to it. static-i18n points them at the same page
  //    in the other language, so every page asked for /<page>/sitemap.xml and got a 404
  //    (mkdocs-material#6582). The language switcher in the header already links page to
  //    page, so Material's sitemap lookup adds nothing: hide these links from it. They stay
  //    in the HTML that crawlers read.
  document.querySelectorAll('link[rel="alternate"][hreflang]').forEach((link) => link.remove());

  // 2. The language switcher keeps the reader's section. Every heading has the same id in
  //    both languages (python -m autograd_illustrated.headings), so the section named in
  //    this page's address exists on the other language's page too; static-i18n's links
  //    name the page only. The links follow the address (so a middle click or a copied link
  //    carries the section too), and are set once more on click, in the capture phase,
  //    before the browser follows them.
  const SWITCHER_LINK = "a.md-select__link[hreflang]";
  const switcherLinks = () => document.querySelectorAll(SWITCHER_LINK);
  const carrySection = (link) => {
    const url = new URL(link.href, location.href);
    url.hash = location.hash;
    link.href = url.href;
  };
  const carryEverywhere = () => switcherLinks().forEach(carrySection);
  carryEverywhere();
  addEventListener("hashchange", carryEverywhere);
  document.addEventListener(
    "click",
    (event) => {
      const link = event.target instanceof Element && event.target.closest(SWITCHER_LINK);
      if (link) carrySection(link);
    },
    true,
  );

  // 3. Search only the current page's language. Material builds one search index for the
  //    whole site, so a Chinese query on a Chinese page also listed English pages, and the
  //    other way round. Material hands the index to its search worker in one message
  //    ({type: 0, data: {docs}}); we drop the other languages' documents from it, so the
  //    worker indexes, ranks and counts only this language's pages. A language other than
  //    the default lives under "<lang>/"; a document with no such prefix is the default's.
  if (typeof Worker === "undefined") return;
  const prefixOf = (path) => languages.find((lang) => path.startsWith(`${lang}/`)) || "";

  // The page's path below the site root, e.g. "en/backward/" or "backward/".
  function pagePath() {
    const config = JSON.parse(document.getElementById("__config").textContent);
    const root = new URL(config.base, location.href).pathname.replace(/\/?$/, "/");
    return decodeURI(location.pathname).slice(decodeURI(root).length);
  }

  const postMessage = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    const docs = message && message.type === 0 && message.data && message.data.docs;
    if (Array.isArray(docs)) {
      const language = prefixOf(pagePath());
      const own = docs.filter((doc) => prefixOf(doc.location) === language);
      message = { ...message, data: { ...message.data, docs: own } };
    }
    return postMessage.call(this, message, ...rest);
  };
})();
