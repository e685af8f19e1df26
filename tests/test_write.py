"""Writing the site: atomic swap, refusal to write outside the output, and recovery after a kill."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from digest.errors import OutputError
from digest.render import OutputFile
from digest.write import recover_output, temp_prefix, write_site


def site_files(tag: str) -> list[OutputFile]:
    return [OutputFile("index.html", tag.encode()), OutputFile("a/b/index.html", tag.encode())]


def test_write_then_replace_whole(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    write_site([*site_files("old"), OutputFile("gone.html", b"x")], out)
    write_site(site_files("new"), out)
    assert (out / "index.html").read_bytes() == b"new"
    assert not (out / "gone.html").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["_site"]


@pytest.mark.parametrize("bad", ["../escape.html", "/etc/passwd-copy", "a/../../x"])
def test_paths_outside_the_output_are_refused_and_old_site_kept(tmp_path: Path, bad: str) -> None:
    out = tmp_path / "_site"
    write_site(site_files("old"), out)
    with pytest.raises(OutputError, match="outside"):
        write_site([OutputFile(bad, b"x")], out)
    assert (out / "index.html").read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["_site"]


def test_two_files_at_one_path_are_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="same path"):
        write_site([OutputFile("x.html", b"1"), OutputFile("x.html", b"2")], tmp_path / "_site")


def test_an_output_path_that_is_a_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "_site").write_text("not a folder")
    with pytest.raises(OutputError, match="is a file"):
        write_site(site_files("x"), tmp_path / "_site")


def test_leftovers_of_a_killed_build_are_cleaned_and_old_site_restored(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    write_site(site_files("old"), out)
    # a build killed after moving the old site aside and before moving the new one in
    old = tmp_path / (temp_prefix(out) + "abc.old")
    out.rename(old)
    (tmp_path / (temp_prefix(out) + "def")).mkdir()
    recover_output(out)
    assert (out / "index.html").read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["_site"]


def test_a_full_disk_keeps_the_old_site(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    write_site(site_files("old"), out)

    def full_disk() -> Iterator[OutputFile]:
        yield OutputFile("index.html", b"new")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OutputError, match="No space left"):
        write_site(full_disk(), out)
    assert (out / "index.html").read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["_site"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_a_read_only_parent_keeps_the_old_site(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    write_site(site_files("old"), out)
    tmp_path.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(OutputError):
            write_site(site_files("new"), out)
    finally:
        tmp_path.chmod(stat.S_IRWXU)
    assert (out / "index.html").read_bytes() == b"old"


def test_a_failure_while_writing_leaves_no_temporary_folder(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    write_site(site_files("old"), out)

    def broken() -> Iterator[OutputFile]:
        yield OutputFile("index.html", b"new")
        raise RuntimeError("renderer crashed")

    with pytest.raises(RuntimeError):
        write_site(broken(), out)
    assert (out / "index.html").read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["_site"]
