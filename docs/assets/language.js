// Fixes for Material for MkDocs 9.8, loaded just before Material's bundle: three for
// mkdocs-static-i18n, one for start-up work on long pages. Languages come from the
// template: data-languages="zh en".
(() => {
  const languages = (document.currentScript?.dataset.languages || "").split(/\s+/).filter(Boolean);
  const holder = document.getElementById("__config");
  const settings = JSON.parse(holder.textContent);
  const root = new URL(settings.base.replace(/\/?$/, "/"), location.href);

  // A language other than the default lives under "<lang>/".
  const prefixOf = (path) => languages.find((lang) => path.startsWith(`${lang}/`)) || "";
  // The page's path below the site root, e.g. "en/backward/" or "backward/".
  const pagePath = () => decodeURI(location.pathname).slice(decodeURI(root.pathname).length);

  // 1. Material expects each <link rel="alternate" hreflang> to point at a language's
  //    root and fetches "sitemap.xml" next to it. static-i18n points them at the same page
  //    in the other language, so every page asked for /<page>/sitemap.xml and got a 404
  //    (mkdocs-material#6582). The language switcher in the header already links page to
  //    page, so Material's sitemap lookup adds nothing: hide these links from it. They stay
  //    in the HTML that crawlers read.
  if (languages.length > 1) {
    document.querySelectorAll('link[rel="alternate"][hreflang]').forEach((link) => link.remove());
  }

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

  // 3. Search only the current page's language, with Pagefind (hooks/search.py): each
  //    language has its own bundle (site/pagefind/ for the default language,
  //    site/<lang>/pagefind/ for the others), and Material's search box is answered by
  //    docs/assets/search-worker.js from the bundle of the page's language. Material reads
  //    the worker's address from #__config when its bundle starts, after this script.
  const prefix = prefixOf(pagePath());
  const bundle = new URL(prefix ? `${prefix}/pagefind/` : "pagefind/", root);
  const worker = new URL("assets/search-worker.js", root);
  worker.searchParams.set("bundle", bundle.pathname);
  settings.search = worker.pathname + worker.search;
  holder.textContent = JSON.stringify(settings);

  // 4. On start-up, Material's palette applies the reader's colours to <body>, marking it
  //    data-md-color-switching meanwhile, which turns transitions off on every element
  //    (`[data-md-color-switching] *`). Setting and removing that mark restyles the whole
  //    page twice (1,100–1,400 elements on a long chapter), in the start-up tasks
  //    Lighthouse counts as blocking. Almost always the colours are the ones <body> already
  //    has (the template's, or those Material's inline script restored while the page was
  //    parsed): nothing changes, so nothing can transition, and the mark is held back.
  //    When the palette does change a colour (a first visit on a dark-mode system), the
  //    mark is set before that change, as Material does. A reader's own switch later is
  //    marked as before.
  const SWITCHING = "data-md-color-switching";
  const body = document.body;
  let held = false;
  const restore = () => delete body.setAttribute;
  body.setAttribute = function (name, value) {
    const set = (key, text) => Element.prototype.setAttribute.call(this, key, text);
    if (name === SWITCHING) {
      held = true;
      return;
    }
    const colour = /^data-md-color-(scheme|primary|accent)$/.test(name);
    if (held && colour && this.getAttribute(name) !== String(value)) {
      held = false;
      set(SWITCHING, "");
    }
    return set(name, value);
  };
  document.addEventListener("DOMContentLoaded", restore, { once: true });
})();
