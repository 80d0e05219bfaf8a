// Material for MkDocs' search box, answered by Pagefind.
//
// Material talks to its search worker in four messages (SETUP, READY, QUERY, RESULT) and
// lets a site bring its own worker (config.search). This is that worker: Material keeps
// its search box, keyboard shortcuts (/, s, f, arrows, Enter), result list and ?h=
// highlighting; Pagefind does the finding. language.js points Material here, with the
// page's language bundle in ?bundle= (site/pagefind/ for Chinese, site/en/pagefind/ for
// English), so a page only ever loads its own language's index.
//
// Nothing is fetched until Material sends SETUP, which search-on-demand.js holds back
// until the reader reaches for search. Then pagefind.js, its wasm and the language's
// metadata load (about 80 KB); each query fetches only the index chunks its words live
// in, and the fragments of the pages it lists.
//
// Why not Pagefind's query as typed: Pagefind finds pages that contain *every* word.
// A reader pastes an error from their own traceback, whose sizes and op names differ
// from the page's ("[torch.FloatTensor [64, 10]], which is output 0 of AddmmBackward0"),
// so a long query whose words are not all on one page is also run word by word, and
// pages are ranked by how much of the query they hold (rarer words count more).
"use strict";

const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;

// Pages listed. Each costs its fragment (a few KB); Material shows 10 before the reader
// scrolls, and past 10 a search this site's size has stopped being useful.
const MAX_RESULTS = 10;
// A query longer than this (in words) that no page holds whole is ranked word by word.
const SHORT_QUERY = 3;

const bundle = new URL(self.location.href).searchParams.get("bundle") || "../pagefind/";
let pagefind;
let ready;
let pageCount = 20;
let bundleUrl;
let bestBets = { terms: {}, errors: {} };
let chineseWords; // word -> rank (0 = most frequent), from the bundle's zh-words.json

async function setup() {
  bundleUrl = new URL(bundle, self.location.href);
  pagefind = await import(new URL("pagefind.js", bundleUrl).href);
  await pagefind.options({ basePath: bundleUrl.href, baseUrl: "/", excerptLength: 24 });
  await pagefind.init();
  pageCount = Math.max(1, (await pagefind.search(null)).results.length);
  try {
    const response = await fetch(new URL("best-bets.json", bundleUrl));
    if (response.ok) bestBets = await response.json();
  } catch {
    // no best bets: Pagefind's order alone
  }
}

const normal = (text) => text.toLowerCase().replace(/[^\p{L}\p{N}_]+/gu, " ").trim();

// The page the project names for this query (hooks/search.py, _best_bets): the chapter the
// glossary gives for a term, or the chapter that explains a pasted error message (whole,
// a part of it at least four words long, or inside a longer paste from a traceback).
function bestBet(query) {
  const typed = normal(query);
  if (!typed) return null;
  for (const [term, page] of Object.entries(bestBets.terms || {})) {
    if (normal(term) === typed) return page;
  }
  for (const [message, page] of Object.entries(bestBets.errors || {})) {
    const known = normal(message);
    if (typed.includes(known) || (typed.split(" ").length >= 4 && known.includes(typed))) return page;
  }
  return null;
}

// Chinese was indexed with spaces between jieba's words: show it without them.
const CJK = "[\\p{sc=Han}\\u3000-\\u303f\\uff00-\\uffef]";
const JOINED = new RegExp(`(${CJK}(?:</?mark>)?)\\s+(?=(?:</?mark>)?${CJK})`, "gu");
const unspace = (text) => (text || "").replace(JOINED, "$1");

// The indexer records each page's URL below the site root ("/en/backward/"), and
// Material resolves a result's location against the site's base: drop the "/".
const relative = (url) => url.replace(/^\//, "");

// The Chinese index holds jieba's words (hooks/search.py); cut a query's Chinese runs into
// those words: the fewest pieces, then the most frequent. A run no word covers stays as
// single characters.
async function loadChineseWords() {
  if (chineseWords !== undefined) return chineseWords;
  try {
    const response = await fetch(new URL("zh-words.json", bundleUrl));
    const list = response.ok ? await response.json() : [];
    chineseWords = new Map(list.map((word, rank) => [word, rank]));
  } catch {
    chineseWords = new Map();
  }
  return chineseWords;
}

function cutChinese(run, dictionary, whole = true) {
  const best = [{ pieces: 0, rank: 0, words: [] }];
  for (let end = 1; end <= run.length; end++) {
    let choice = null;
    for (let start = Math.max(0, end - 12); start < end; start++) {
      const word = run.slice(start, end);
      const known = dictionary.has(word) && (whole || word.length < run.length);
      if (!known && word.length > 1) continue;
      const before = best[start];
      const pieces = before.pieces + (known ? 1 : 1.5);
      const rank = before.rank + (known ? dictionary.get(word) : dictionary.size);
      if (!choice || pieces < choice.pieces || (pieces === choice.pieces && rank < choice.rank)) {
        choice = { pieces, rank, words: [...before.words, word] };
      }
    }
    best[end] = choice;
  }
  return best[run.length].words;
}

// finer: each word cut once more into the words it is made of (共享内存 -> 共享 内存), for
// a page that says the same thing in other words (共用内存, 版本计数器共享).
async function segment(query, finer = false) {
  if (!/\p{sc=Han}/u.test(query)) return query;
  const dictionary = await loadChineseWords();
  if (!dictionary.size) return query;
  return query.replace(/\p{sc=Han}+/gu, (run) => {
    let words = cutChinese(run, dictionary);
    if (finer) words = words.flatMap((word) => (word.length > 1 ? cutChinese(word, dictionary, false) : [word]));
    return ` ${words.join(" ")} `;
  });
}

// The query's words, for the word-by-word ranking and for Material's ?h= highlighting:
// runs of letters, digits and underscores (identifiers stay whole); Chinese arrives here
// already cut into words by segment().
function words(query) {
  return [...query.toLowerCase().matchAll(/[\p{L}\p{N}_]+/gu)].map((m) => m[0]);
}

async function rank(typed) {
  const answer = await rankCut(typed);
  if (answer.results.length >= 3 || !/\p{sc=Han}/u.test(typed)) return answer;
  // Few pages use the query's words as written: add those that use their parts.
  const finer = await rankCut(typed, true);
  const seen = new Set(answer.results.map((r) => r.id));
  return { results: [...answer.results, ...finer.results.filter((r) => !seen.has(r.id))], terms: answer.terms };
}

async function rankCut(typed, finer = false) {
  const query = (await segment(typed, finer)).trim();
  const exact = /^\s*".+"\s*$/.test(query);
  const whole = await pagefind.search(query);
  const found = whole ? whole.results : [];
  const terms = words(query);
  if (exact || terms.length <= SHORT_QUERY || found.length > 0) {
    if (found.length > 0 || exact) return { results: found, terms };
    if (terms.length <= 1) return { results: [], terms };
  }
  // Word by word: a page's score is the idf-weighted share of the query's words it
  // holds, Pagefind's own score breaking ties.
  const unique = [...new Set(terms)];
  const perWord = await Promise.all(unique.map((w) => pagefind.search(w)));
  const pages = new Map();
  let total = 0;
  perWord.forEach((answer) => {
    const hits = answer?.results || [];
    if (!hits.length) return; // a word no page has (a size, a reader's own op name)
    const idf = Math.log(1 + pageCount / hits.length);
    total += idf;
    for (const hit of hits) {
      const page = pages.get(hit.id) || { id: hit.id, data: hit.data, held: 0, score: 0 };
      page.held += idf;
      page.score += hit.score;
      pages.set(hit.id, page);
    }
  });
  const results = [...pages.values()]
    .map((page) => ({ ...page, score: page.held / (total || 1) + page.score / 1e6 }))
    .sort((a, b) => b.score - a.score);
  return { results, terms };
}

async function search(query) {
  if (!query.trim()) return { items: [] };
  const { results, terms } = await rank(query);
  const shown = await Promise.all(
    results.slice(0, MAX_RESULTS).map(async (result) => ({ result, data: await result.data() }))
  );
  const bet = bestBet(query);
  const first = shown.findIndex(({ data }) => data.url === bet);
  if (first > 0) shown.unshift(...shown.splice(first, 1));
  if (bet && first < 0) {
    // The named chapter ranked below the pages listed, or does not use the query's words
    // at all: look for it further down, or list it by its title alone.
    let found = null;
    for (const result of results.slice(MAX_RESULTS)) {
      const data = await result.data();
      if (data.url === bet) {
        found = { result, data };
        break;
      }
    }
    const title = bestBets.titles?.[bet];
    if (found || title) {
      shown.unshift(found || { result: null, data: { url: bet, meta: { title }, excerpt: "" } });
      shown.length = Math.min(shown.length, MAX_RESULTS);
    }
  }
  const items = [];
  for (const [position, { data }] of shown.entries()) {
    // Material's Enter opens the result with the highest score: the first one shown.
    const score = shown.length - position;
    const matched = Object.fromEntries(terms.map((t) => [t, true]));
    const article = {
      location: relative(data.url),
      title: data.meta?.title || data.url,
      text: unspace(data.excerpt),
      score,
      terms: matched,
    };
    const sections = (data.sub_results || [])
      .filter((sub) => sub.url !== data.url && sub.url.includes("#"))
      .map((sub) => ({ sub, weight: (sub.weighted_locations || sub.locations || []).length }))
      .filter(({ weight }) => weight > 0)
      .sort((a, b) => b.weight - a.weight);
    const best = sections.length ? sections[0].weight : 1;
    items.push([
      article,
      ...sections.map(({ sub, weight }) => ({
        location: relative(sub.url),
        title: unspace(sub.title),
        text: unspace(sub.excerpt),
        // The best-matching section shows under the page; the rest fold into "N more".
        score: weight >= best ? score : (score * weight) / (best + 1),
        terms: matched,
      })),
    ]);
  }
  return { items, total: results.length };
}

// Material sends a query on every keystroke; an answer that arrives after a newer query
// was sent is dropped, so a slow early answer never replaces the one for what was typed.
let latest = 0;

addEventListener("message", async (event) => {
  const message = event.data;
  if (message.type === SETUP) {
    ready = ready || setup();
    await ready;
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    const asked = ++latest;
    await ready;
    let data;
    try {
      data = await search(message.data);
    } catch (error) {
      console.warn(`search failed for ${JSON.stringify(message.data)}:`, error);
      data = { items: [] };
    }
    if (asked === latest) postMessage({ type: RESULT, data });
  }
});
