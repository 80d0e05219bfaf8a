"""pytest collects every page under docs/ through sybil: see autograd_illustrated.doccheck."""

from pathlib import Path

from autograd_illustrated.doccheck import page_sybil

ROOT = Path(__file__).parent

pytest_collect_file = page_sybil(ROOT).pytest()
