"""torchviz graphs with stable node names.

torchviz names every node ``str(id(obj))``, so the same code gives different DOT on every
run. Renaming nodes in order of first appearance makes the DOT, and so the SVG, a pure
function of the graph's structure.
"""

from __future__ import annotations

import re

import torchviz

_NODE_DECL = re.compile(r"^\s*(\d+)\s*\[", re.MULTILINE)
_EDGE = re.compile(r"^(\s*)(\d+)\s*->\s*(\d+)(.*)$", re.MULTILINE)


def renumber_nodes(dot):
    """Rename the id-numbered nodes of a ``graphviz.Digraph`` in place to ``n0``, ``n1``, …"""
    names: dict[str, str] = {}

    def name_of(raw: str) -> str:
        return names.setdefault(raw, f"n{len(names)}")

    body = []
    for line in dot.body:
        line = _NODE_DECL.sub(
            lambda m: m.group(0).replace(m.group(1), name_of(m.group(1)), 1), line
        )
        line = _EDGE.sub(
            lambda m: f"{m.group(1)}{name_of(m.group(2))} -> {name_of(m.group(3))}{m.group(4)}",
            line,
        )
        body.append(line)
    dot.body[:] = body
    return dot


def make_dot(var, params=None, show_attrs=False, show_saved=False, max_attr_chars=50):
    """``torchviz.make_dot`` whose output is the same on every run. Same arguments."""
    dot = torchviz.make_dot(
        var,
        params=params,
        show_attrs=show_attrs,
        show_saved=show_saved,
        max_attr_chars=max_attr_chars,
    )
    return renumber_nodes(dot)
