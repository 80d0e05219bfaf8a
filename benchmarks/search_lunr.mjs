// The search this site had before Pagefind, for comparison (benchmarks/search_compare.py):
// Material for MkDocs' own lunr worker, run in Node on a build's search_index.json, with
// each query answered from its language's documents only (as the old language.js did).
//
//   node benchmarks/search_lunr.mjs SEARCH_INDEX_JSON WORKER_JS < queries.json
//
// Same input and output as tests/search/run_queries.mjs. LUNR_OWN_LANGUAGE=1 also gives each
// language's worker only its own lunr pipeline (lang: ["en"] or ["zh"]): the fix that
// Material's settings allow, short of changing its worker.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import vm from "node:vm";

const [indexPath, workerPath] = process.argv.slice(2);
const index = JSON.parse(readFileSync(indexPath, "utf8"));
const workerDir = dirname(workerPath);

function startWorker(language) {
  // A fresh global scope per language: the worker keeps one index in module state.
  const context = vm.createContext({ console, URL, TextDecoder, TextEncoder, setTimeout });
  context.self = context;
  let reply;
  context.addEventListener = (type, fn) => { context.onmessageHandler = fn; };
  context.postMessage = (message) => { reply = message; };
  context.importScripts = (...urls) => {
    for (const url of urls) vm.runInContext(readFileSync(resolve(workerDir, url), "utf8"), context);
  };
  vm.runInContext(readFileSync(workerPath, "utf8"), context);
  const send = async (message) => {
    reply = undefined;
    await context.onmessageHandler({ data: message });
    for (let i = 0; reply === undefined && i < 1000; i++) await new Promise((r) => setTimeout(r, 1));
    return reply;
  };
  const own = (doc) => (language === "zh" ? !doc.location.startsWith("en/") : doc.location.startsWith(`${language}/`));
  const docs = index.docs.filter(own);
  const config = process.env.LUNR_OWN_LANGUAGE ? { ...index.config, lang: [language] } : index.config;
  return send({ type: 0, data: { config, docs, options: { suggest: false } } }).then(() => send);
}

const input = JSON.parse(readFileSync("/dev/stdin", "utf8"));
const workers = {};
const answers = [];
for (const { language, query } of input) {
  workers[language] ||= await startWorker(language);
  const started = performance.now();
  const reply = await workers[language]({ type: 2, data: query });
  const ms = performance.now() - started;
  const pages = (reply?.data?.items || []).map((group) => {
    const article = group.find((item) => !item.location.includes("#")) || group[0];
    return article.location.split("#")[0];
  });
  answers.push({ language, query, pages, ms, total: pages.length });
}
process.stdout.write(JSON.stringify({ answers, fetched: [] }));
