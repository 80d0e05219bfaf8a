# Two commands for a fresh machine: `make serve` and `make test`. Everything else is optional.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.setup-stamp
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

# npm writes this file on every install: a missing or older one means node_modules/ is
# missing or stale, whatever .venv says.
NODE_STAMP := node_modules/.package-lock.json

.PHONY: setup snippets build serve test test-fast test-browser chromium lint clean bench mutation \
	translations translations-sync zensical

## setup: create .venv, install the pinned Python and npm packages (re-runs when a pin changes,
##        or when .venv or node_modules/ is missing)
setup: $(STAMP) $(NODE_STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

## snippets: run every stale snippet once (the build does this too)
snippets: setup
	$(BIN)/autograd-snippets

## build: the site, into site/, failing on any warning
build: setup
	$(BIN)/mkdocs build --strict

## zensical: the same sources built with Zensical, which runs no MkDocs hooks, into
##           build/zensical/site (both languages, each with its Pagefind search;
##           tests/test_zensical.py compares it)
zensical: setup
	$(BIN)/python -m autograd_illustrated.prebuild --publish build/zensical/docs
	$(BIN)/python -m autograd_illustrated.zensical_config build/zensical
	$(BIN)/python -m zensical_i18n build -f build/zensical/mkdocs.yml
	$(BIN)/python -m autograd_illustrated.zensical_postbuild build/zensical/site

## serve: build and serve both languages at http://127.0.0.1:8000; an edit rebuilds only the
##        pages it changed (SERVE_FLAGS= rebuilds every page, as `make build` does)
SERVE_FLAGS ?= --dirty
serve: setup
	$(BIN)/mkdocs serve --strict $(SERVE_FLAGS) -a 127.0.0.1:8000

lint: setup
	$(BIN)/ruff check .

## chromium: Debian's Chromium for the browser tests (apt-get, only when it is missing)
chromium:
	bash scripts/ensure-chromium.sh

## test: every check: lint, strict build, snippet/graph/doc tests, page doctests, browser
test: setup lint build chromium
	$(BIN)/pytest

## test-browser: just the browser tests (every page, both languages), on a fresh build
test-browser: setup build chromium
	$(BIN)/pytest -m browser tests

## bench: build timings, budgets, page weight, Lighthouse, scaling (in a temp copy; ~30 min)
##        writes benchmarks/results/ and the tables on "How this site is built"; BENCH_ARGS=--help
bench: setup chromium
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

## mutation: change every checked number in prose and every doctest output, one at a time;
##           fails if any change survives (`make test` runs a sample)
mutation: setup
	$(BIN)/python -m autograd_illustrated.mutation

## translations: list pages whose other-language sibling changed since they were synced
translations: setup
	$(BIN)/python -m autograd_illustrated.translations check

## translations-sync: mark EVERY page as in step with its sibling (after a merge, once each
##                    pair is checked); one page: python -m autograd_illustrated.translations sync PAGE
translations-sync: setup
	$(BIN)/python -m autograd_illustrated.translations sync --all

clean:
	rm -rf site generated
