// Writes one language's Pagefind bundle (called by hooks/search.py, which reads the pages).
//
//   node scripts/pagefind-index.mjs < job.json
//
// job.json: {"site": SITE_DIR, "prefix": "" or "en/", "language": "en",
//            "pages": [{"url": "/en/backward/", "content": "<html>..."}]}
// The bundle goes to SITE_DIR/PREFIX/pagefind/.
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import * as pagefind from "pagefind";

const job = JSON.parse(await readFile("/dev/stdin", "utf8"));
const output = join(job.site, job.prefix, "pagefind");
await rm(output, { recursive: true, force: true });

const { index, errors } = await pagefind.createIndex({
  // The article only: not the navigation, header, footer or table of contents, which
  // every page repeats.
  rootSelector: "article.md-content__inner",
  excludeSelectors: [".headerlink", ".md-source-file", ".md-content__button", ".anchor-link"],
  forceLanguage: job.language,
});
if (errors.length) throw new Error(errors.join("\n"));
for (const page of job.pages) {
  const added = await index.addHTMLFile({ url: page.url, content: page.content });
  if (added.errors.length) throw new Error(`${page.url}: ${added.errors.join("; ")}`);
}
const written = await index.writeFiles({ outputPath: output });
if (written.errors.length) throw new Error(written.errors.join("\n"));
await pagefind.close();
console.log(`pagefind: ${job.pages.length} pages (${job.language}) -> ${output}`);
