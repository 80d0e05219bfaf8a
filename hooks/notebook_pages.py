"""Notebook pages (``docs/*.ipynb``): headings the contents can link to, code boxes a
keyboard can reach, and code colours with enough contrast
(see :mod:`autograd_illustrated.notebook_pages`)."""

from __future__ import annotations

from autograd_illustrated.notebook_pages import anchor_unnamed_headings, focusable_code_boxes

# nbconvert's code colours are too faint for WCAG AA contrast on its grey background.
# Notebook pages use Material's own code colours (which follow light and dark mode).
NOTEBOOK_CODE_STYLE = """<style>
.jupyter-wrapper .jp-InputArea-editor, .jupyter-wrapper .highlight-ipynb {
  background: var(--md-code-bg-color); color: var(--md-code-fg-color); }
.jupyter-wrapper .highlight-ipynb :is(.c, .c1, .ch, .cm, .cs, .cp) {
  color: var(--md-code-hl-comment-color); }
.jupyter-wrapper .highlight-ipynb :is(.m, .mb, .mf, .mh, .mi, .mo, .il) {
  color: var(--md-code-hl-number-color); }
.jupyter-wrapper .highlight-ipynb :is(.s, .s1, .s2, .sa, .sb, .sc, .sd, .se, .sh, .si, .sx) {
  color: var(--md-code-hl-string-color); }
.jupyter-wrapper .highlight-ipynb :is(.k, .kc, .kd, .kn, .kp, .kr, .kt, .ow) {
  color: var(--md-code-hl-keyword-color); }
.jupyter-wrapper .highlight-ipynb :is(.nb, .bp, .vm) { color: var(--md-code-hl-constant-color); }
.jupyter-wrapper .highlight-ipynb :is(.nf, .fm) { color: var(--md-code-hl-function-color); }
.jupyter-wrapper .highlight-ipynb :is(.nn, .nc) { color: var(--md-code-hl-name-color); }
.jupyter-wrapper .highlight-ipynb .o { color: var(--md-code-hl-operator-color); }
.jupyter-wrapper .highlight-ipynb .p { color: var(--md-code-hl-punctuation-color); }
</style>
"""


def on_post_page(output, page, config):
    if not page.file.src_uri.endswith(".ipynb"):
        return output
    output = focusable_code_boxes(anchor_unnamed_headings(output, page.toc))
    return output.replace("</head>", NOTEBOOK_CODE_STYLE + "</head>", 1)
