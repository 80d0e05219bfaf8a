// Runs the site's real search worker (docs/assets/search-worker.js, which loads the
// built Pagefind bundle: its pagefind.js and wasm) in Node, and answers queries as the
// search box would.
//
//   node tests/search/run_queries.mjs SITE_DIR [zensical] < queries.json > answers.json
//
// With "zensical", SITE_DIR is a Zensical build: the worker is the one that build publishes
// (each language's assets/search-worker.js, the site's worker wrapped for Zensical's search
// box), and it is spoken to as Zensical's search box does, with its search.json.
// queries.json: [{"language": "en", "query": "..."}]; answers.json: for each, the pages
// Material would list, in order ("en/backward/"), and the milliseconds the answer took.
// Requests the worker makes to the site are read from SITE_DIR, as a server would serve it.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const site = process.argv[2];
const zensical = process.argv[3] === "zensical";
const ROOT = join(fileURLToPath(import.meta.url), "..", "..", "..");
const ORIGIN = "http://site.test";
const fetched = [];

// The site as served: http://site.test/<path> is SITE_DIR/<path>.
globalThis.fetch = async (input) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.origin !== ORIGIN) throw new Error(`request to another host: ${url}`);
  const path = join(site, decodeURIComponent(url.pathname));
  try {
    const body = await readFile(path);
    fetched.push({ path: url.pathname, bytes: body.length });
    return new Response(body, { status: 200 });
  } catch {
    return new Response("not found", { status: 404 });
  }
};

// One worker per language, each with the globals a dedicated worker has.
async function startWorker(language) {
  const prefix = language === "zh" ? "" : `${language}/`;
  const listeners = [];
  const replies = [];
  let waiting = null;
  const served = zensical ? `${ORIGIN}/${prefix}assets/search-worker.js` : `${ORIGIN}/assets/search-worker.js`;
  const scope = {
    location: { href: `${served}?bundle=${encodeURIComponent(`${ORIGIN}/${prefix}pagefind/`)}` },
    addEventListener: (type, fn) => type === "message" && listeners.push(fn),
    postMessage: (message) => {
      replies.push(message);
      if (waiting) waiting();
    },
  };
  const source = zensical ? join(site, prefix, "assets", "search-worker.js") : join(ROOT, "docs", "assets", "search-worker.js");
  const code = await readFile(source, "utf8");
  // The worker's own source, with `self`, `addEventListener` and `postMessage` bound to
  // this scope. Its import() of pagefind.js goes through the loader below.
  const run = new Function("self", "addEventListener", "postMessage", "__import", code.replace(/\bimport\(/g, "__import("));
  run(scope, scope.addEventListener, scope.postMessage, loadModule);
  const send = async (message, type) => {
    const before = replies.length;
    const reply = new Promise((done) => { waiting = () => replies.length > before && done(); });
    for (const fn of listeners) fn({ data: message });
    await reply;
    const answer = replies[replies.length - 1];
    if (answer.type !== type) throw new Error(`expected message ${type}, got ${answer.type}`);
    return answer;
  };
  if (!zensical) {
    await send({ type: 0, data: { config: {}, docs: [] } }, 1);
    return send;
  }
  const index = JSON.parse(await readFile(join(site, prefix, "search.json"), "utf8"));
  // As Zensical's box does before handing them over, locations become absolute URLs.
  for (const item of index.items) item.location = new URL(`./${item.location}`, `${ORIGIN}/${prefix}`).href;
  await send({ type: 0, data: index }, 1);
  // Zensical's box sends what was typed, with &, < and > escaped, and shows index.items[id].
  const escape = (text) => text.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]);
  return async (message, type) => {
    const reply = await send({ type: 2, data: { input: escape(message.data), filter: {} } }, type);
    const items = reply.data.items.map(({ id }) => [{ location: new URL(index.items[id].location).pathname.slice(1) }]);
    return { data: { items, total: reply.data.pagination.total } };
  };
}

// pagefind.js is an ES module that finds its bundle from import.meta.url: load the file
// from the site folder and give it the http URL it would have on the server.
async function loadModule(href) {
  const url = new URL(href);
  const path = join(site, decodeURIComponent(url.pathname));
  const source = await readFile(path, "utf8");
  const patched = source.replaceAll("import.meta.url", JSON.stringify(href));
  return import(`data:text/javascript;base64,${Buffer.from(patched).toString("base64")}`);
}

const input = JSON.parse(await readFile("/dev/stdin", "utf8"));
const workers = {};
const answers = [];
for (const { language, query } of input) {
  workers[language] ||= await startWorker(language);
  const started = performance.now();
  const reply = await workers[language](({ type: 2, data: query }), 3);
  const ms = performance.now() - started;
  const listed = reply.data.items.map((group) => {
    const article = group.find((item) => !item.location.includes("#")) || group[0];
    return article.location.split("#")[0];
  });
  const pages = listed.filter((page, position) => listed.indexOf(page) === position);
  answers.push({ language, query, pages, ms, total: reply.data.total ?? pages.length });
}
process.stdout.write(JSON.stringify({ answers, fetched }));

