"""Extraction over several processes gives exactly the site one process gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from digest.build import PARALLEL_MIN, build


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def fill(project: Path, seeds: list[Path]) -> None:
    for n, seed in enumerate(seeds):
        shutil.copy(seed, project / "seeds" / f"{n:03}-{seed.parent.name}-{seed.name}")


def build_twice(project: Path) -> tuple[dict[str, bytes], dict[str, bytes], int]:
    """Build with --jobs 1 and --jobs 2, each from an empty cache; return both trees and the seeds extracted."""
    one = build(project / "site.yml", out=project / "one", jobs=1)
    shutil.rmtree(project / ".digest-cache")
    two = build(project / "site.yml", out=project / "two", jobs=2)
    assert one.extracted == two.extracted
    return tree(one.output), tree(two.output), two.extracted


def test_two_processes_give_byte_identical_output(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    sample = next((project / "seeds").glob("*.txt"))
    text = sample.read_text(encoding="utf-8")
    for n in range(PARALLEL_MIN + 10):  # enough seeds for the process pool
        (project / "seeds" / f"copy{n:03}.txt").write_text(
            text.replace("Russian opposition", f"Opposition group {n}", 1) + f"\n\nLocal detail number {n}.\n",
            encoding="utf-8")
    one, two, extracted = build_twice(project)
    assert extracted > PARALLEL_MIN
    assert one == two
    assert sum(1 for p in one if p.startswith("articles/")) > PARALLEL_MIN


def test_two_processes_on_real_articles(project: Path, shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    articles = shared / "corpus" / "bbc" / "articles"
    fill(project, [p for folder in sorted(articles.iterdir()) for p in sorted(folder.glob("*.txt"))[:16]])
    one, two, extracted = build_twice(project)
    assert extracted > PARALLEL_MIN
    assert one == two
