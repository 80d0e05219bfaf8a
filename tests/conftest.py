"""Fixtures for the tests that look at the built site (helpers: ``tests/sitepages.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitepages import SiteServer, discover_pages, site_dir

MISSING_SITE = "<site not built>"


def pytest_generate_tests(metafunc):
    """Parametrize every test that takes ``page`` over every page of the built site."""
    if "page" not in metafunc.fixturenames:
        return
    site = site_dir()
    pages = discover_pages(site) if site.is_dir() else []
    # No site, or an empty one, must fail loudly rather than quietly test nothing.
    metafunc.parametrize(
        "page", pages or [MISSING_SITE], ids=lambda p: p or "(home)", indirect=True
    )


@pytest.fixture(scope="session")
def site() -> Path:
    path = site_dir()
    if not (path / "index.html").is_file() or not discover_pages(path):
        pytest.fail(f"no built site in {path}: run `make build`, or set SITE_DIR to a build")
    return path


@pytest.fixture
def page(request, site) -> str:
    if request.param == MISSING_SITE:
        pytest.fail(f"no pages found in {site}")
    return request.param


@pytest.fixture(scope="session")
def server(site):
    running = SiteServer(site)
    yield running
    running.close()
