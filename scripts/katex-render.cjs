// Renders TeX to HTML with the KaTeX the site vendors, for autograd_illustrated.markdown.math.
// Protocol: one JSON request per line on stdin ({"tex": "...", "display": true}), one JSON
// reply per line on stdout ({"html": "..."} or {"error": "..."}), so one Node process
// serves a whole build.
const katex = require("katex");
const readline = require("readline");

const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const { tex, display } = JSON.parse(line);
  let reply;
  try {
    reply = { html: katex.renderToString(tex, { displayMode: display, throwOnError: true }) };
  } catch (error) {
    reply = { error: String(error.message || error) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
});
