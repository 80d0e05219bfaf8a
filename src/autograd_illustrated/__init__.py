"""Autograd, Illustrated: the code behind the site.

- :mod:`autograd_illustrated.runner` runs the snippets under ``snippets/`` and stores their output.
- :mod:`autograd_illustrated.graphs` turns autograd graphs into deterministic SVG.
- :mod:`autograd_illustrated.artifacts` tells code where a running snippet may write files.
- :mod:`autograd_illustrated.doccheck` teaches sybil how our Markdown pages state results.
"""

__version__ = "0.1.0"
