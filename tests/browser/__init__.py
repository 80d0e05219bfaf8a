"""Browser tests: a real Chromium against the built site (see conftest.py)."""
