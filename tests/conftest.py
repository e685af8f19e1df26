"""Shared fixtures: a small project copied into a temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE = REPO / "seeds" / "000_9eb9dd2366d7895b.txt"
DIGEST = (sys.executable, "-m", "digest")
"""The command line of this checkout, for tests that run it as a separate process."""


def digest_env(**extra: str) -> dict[str, str]:
    """Return the environment in which DIGEST imports this checkout (plus `extra` variables)."""
    return {**os.environ, "PYTHONPATH": str(REPO), **extra}


def run_digest(*args: str, cwd: Path = REPO, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run `python -m digest ARGS` in `cwd` and return its exit code and what it printed."""
    return subprocess.run([*DIGEST, *args], cwd=cwd, env=digest_env(), capture_output=True, text=True,
                          timeout=timeout)


def make_project(root: Path, *, base_url: str = "https://example.github.io/digest/") -> Path:
    """Lay out a project (templates, static, content, the sample seed, site.yml) under `root`."""
    for name in ("templates", "static", "content"):
        shutil.copytree(REPO / name, root / name)
    (root / "seeds").mkdir()
    shutil.copy(SAMPLE, root / "seeds" / SAMPLE.name)
    (root / "site.yml").write_text(
        f"title: Test Digest\nbase_url: {base_url}\ntimezone: Europe/London\nsearch: false\n", encoding="utf-8"
    )
    return root


@pytest.fixture(autouse=True, scope="session")
def user_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep the user cache folder (the snapshot key) of every build the tests run apart from the real one."""
    folder = tmp_path_factory.mktemp("user-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        yield folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small project with the sample seed, hosted at a sub-path."""
    return make_project(tmp_path / "project")


@pytest.fixture
def shared() -> Path:
    """The shared corpora folder; skips the test when it is absent."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is absent")
    return SHARED
