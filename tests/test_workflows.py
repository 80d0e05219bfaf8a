"""GitHub workflows: tests gate publishing, actions are pinned, permissions are least."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

WORKFLOWS = Path(__file__).resolve().parents[1] / ".github" / "workflows"


def load(name: str) -> dict:
    # PyYAML reads the key `on:` as True.
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def test_pull_requests_run_make_test():
    test = load("test.yml")
    assert "pull_request" in test[True]
    steps = test["jobs"]["test"]["steps"]
    assert any(step.get("run") == "make test" for step in steps)
    # Debian's Chromium, not the snap that fails on Ubuntu runners.
    assert test["jobs"]["test"]["container"].startswith("debian:")


def test_the_site_is_published_only_after_the_tests_pass():
    pages = load("pages.yml")
    jobs = pages["jobs"]
    assert jobs["test"]["uses"] == "./.github/workflows/test.yml"
    assert "workflow_call" in load("test.yml")[True]
    assert jobs["build"]["needs"] == "test"
    assert jobs["deploy"]["needs"] == "build"


def test_actions_are_pinned_to_commit_shas():
    for path in WORKFLOWS.glob("*.yml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.search(r"uses:\s*(\S+)", line)
            if match and not match.group(1).startswith("./"):
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", match.group(1)), (
                    f"{path.name}: {match.group(1)} is not pinned to a commit SHA"
                )


def test_every_job_has_least_permissions():
    for path in WORKFLOWS.glob("*.yml"):
        workflow = load(path.name)
        top = workflow.get("permissions")
        assert top in ({}, {"contents": "read"}), f"{path.name}: top-level permissions {top}"
        for name, job in workflow["jobs"].items():
            granted = job.get("permissions", top)
            writes = {k for k, v in granted.items() if v == "write"}
            allowed = {"pages", "id-token"} if name == "deploy" else set()
            assert writes <= allowed, f"{path.name}: job {name} may write {writes - allowed}"
