"""The builder's snapshot: a new process takes up the last one's work, and never a snapshot it cannot trust."""

from __future__ import annotations

import filecmp
import os
import stat
from pathlib import Path

import pytest

from digest.assemble import AssemblyMemo
from digest.build import Builder, package_fingerprint
from digest.incremental import RenderMemo
from digest.model import Article, Block, Seed
from digest.snapshot import Snapshot, key_file, load_snapshot, save_snapshot

STORY = """{title}

By Lena Hart

{name}, the harbour master, said the ferry would run again. "We have waited long enough," {surname} said.

The council agreed on {day} March after a long debate about the cost of the repairs.
"""
PEOPLE = (("Ferry service returns", "Arun Patel"), ("Bridge opens at last", "Mira Costa"),
          ("Market hall reopens", "Tomas Berg"), ("Harbour gets new cranes", "Ines Vidal"))


def _project(project: Path) -> Path:
    """Add four invented stories to the sample project."""
    for number, (title, name) in enumerate(PEOPLE, start=1):
        text = STORY.format(title=title, name=name, surname=name.split()[-1], day=number + 3)
        (project / "seeds" / f"story-{number}.txt").write_text(text, encoding="utf-8")
    return project


def _snapshot_file(project: Path) -> Path:
    found = sorted((project / ".digest-cache").glob("snapshot-*.pickle"))
    assert len(found) == 1
    return found[0]


def _same_tree(one: Path, two: Path) -> None:
    compared = filecmp.dircmp(one, two)
    assert not compared.left_only and not compared.right_only
    for path in one.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (two / path.relative_to(one)).read_bytes(), path


def _edit(project: Path) -> None:
    seed = project / "seeds" / "story-2.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nThe mayor added a line.\n", encoding="utf-8")


def _drop_extractions(project: Path) -> None:
    for entry in (project / ".digest-cache" / "extract").iterdir():
        entry.unlink()


def test_a_new_process_takes_up_the_snapshot_and_builds_what_a_cold_build_does(
    project: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    _project(project)
    Builder(project / "site.yml").build()
    _snapshot_file(project)
    _edit(project)
    _drop_extractions(project)  # only the snapshot can spare extracting the unchanged seeds now
    result = Builder(project / "site.yml").build()
    assert "restore" in dict(result.phases)
    assert (result.extracted, result.cached) == (1, 4)
    cold = Builder(project / "site.yml", out=project / "cold")
    cold_result = cold.build()
    assert cold_result.output != result.output
    _same_tree(result.output, cold_result.output)


@pytest.mark.parametrize("damage", ["flipped byte", "truncated", "other key", "other program"])
def test_a_snapshot_that_cannot_be_trusted_is_ignored(
    project: Path, damage: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    _project(project)
    Builder(project / "site.yml").build()
    path = _snapshot_file(project)
    data = path.read_bytes()
    code = package_fingerprint()
    if damage == "flipped byte":
        path.write_bytes(data[:-10] + bytes([data[-10] ^ 1]) + data[-9:])
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "other key":
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "someone-else"))
        save_snapshot(path, Snapshot({}, AssemblyMemo(), RenderMemo()), code)
        monkeypatch.undo()
    else:
        code = "another version of digest"
    assert load_snapshot(path, code) is None
    if damage != "other program":
        _edit(project)
        _drop_extractions(project)
        result = Builder(project / "site.yml").build()
        assert (result.extracted, result.cached) == (5, 0)  # nothing taken from the snapshot


def test_without_a_user_key_there_is_no_snapshot_and_the_build_works(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    result = Builder(_project(project) / "site.yml").build()
    assert result.articles == 5
    assert not list((project / ".digest-cache").glob("snapshot-*"))


def test_the_user_key_is_private_and_kept_outside_the_project(project: Path) -> None:
    Builder(project / "site.yml").build()
    key = key_file()
    assert key.is_file() and project not in key.parents
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert os.environ["XDG_CACHE_HOME"] in str(key)  # the tests' own user cache (conftest)


def test_a_snapshot_round_trip_keeps_articles_and_memo_identities(tmp_path: Path) -> None:
    seed = Seed("seeds/a.txt", "a", "A", (Block("paragraph", "Text."),))
    article = Article(seed, ("Text.",), (), ())
    memo = AssemblyMemo()
    memo.words = {id(article): (article, frozenset({"text"}))}
    path = tmp_path / "snapshot.pickle"
    assert save_snapshot(path, Snapshot({"key": article}, memo, RenderMemo()), "code")
    loaded = load_snapshot(path, "code")
    assert loaded is not None
    restored = loaded.articles["key"]
    assert restored == article and restored is not article
    assert loaded.assembly.words[id(restored)][0] is restored  # keyed by the id of the loaded object


def test_a_malformed_key_is_replaced_whole_and_a_missing_one_is_not_made_to_load(tmp_path: Path) -> None:
    key = key_file()
    key.parent.mkdir(parents=True, exist_ok=True)
    key.write_bytes(b"short")
    path = tmp_path / "snapshot.pickle"
    assert load_snapshot(path, "code") is None
    assert save_snapshot(path, Snapshot({}, AssemblyMemo(), RenderMemo()), "code")
    assert len(key.read_bytes()) == 32 and stat.S_IMODE(key.stat().st_mode) == 0o600
    assert load_snapshot(path, "code") is not None
    assert [p.name for p in key.parent.iterdir()] == ["snapshot-key"]  # no temporary key left
    key.unlink()
    assert load_snapshot(path, "code") is None and not key.exists()  # loading never makes a key
