"""Writing the site: atomic swap, refusal to write outside the output, and recovery after a kill."""

from __future__ import annotations

import errno
import os
import posixpath
import shutil
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from digest import write
from digest.errors import OutputError
from digest.render import OutputFile
from digest.write import file_stamps, make_spare, recover_output, spare_path, temp_prefix, write_site


def site_files(tag: str) -> list[OutputFile]:
    return [OutputFile("index.html", tag.encode()), OutputFile("a/b/index.html", tag.encode())]


def test_write_then_replace_whole(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    write_site([*site_files("old"), OutputFile("gone.html", b"x")], out)
    write_site(site_files("new"), out)
    assert (out / "index.html").read_bytes() == b"new"
    assert not (out / "gone.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["._site.spare", "_site"]


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
    write_site(site_files("older"), out)
    # a build killed after moving the old site aside and before moving the new one in
    old = tmp_path / (temp_prefix(out) + "abc.old")
    out.rename(old)
    (tmp_path / (temp_prefix(out) + "def")).mkdir()
    recover_output(out)
    assert (out / "index.html").read_bytes() == b"older"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["._site.spare", "_site"]  # the spare is kept


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


# --- the spare: the folder beside the output that holds the previous site and becomes the next one ---

def snapshot(folder: Path) -> dict[str, bytes]:
    """Return the bytes of every file under folder, failing on anything that is neither file nor folder."""
    found: dict[str, bytes] = {}
    for path in folder.rglob("*"):
        assert not path.is_symlink(), path
        if path.is_file():
            found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


def as_files(site: dict[str, bytes]) -> list[OutputFile]:
    return [OutputFile(path, data) for path, data in site.items()]


V1 = {"index.html": b"home", "a/index.html": b"a1", "b/c/index.html": b"c1", "gone.html": b"gone", "x/y.html": b"y"}
V2 = {"index.html": b"home", "a/index.html": b"a2", "b/c/index.html": b"c1", "new/index.html": b"n2", "x/y.html": b"y"}
V3 = {"index.html": b"home", "a/index.html": b"a3", "b/c/index.html": b"c1", "x": b"x is a file now"}


def inode(path: Path) -> int:
    return os.lstat(path).st_ino


def test_writes_after_the_first_change_go_through_the_spare(tmp_path: Path) -> None:
    out, spare = tmp_path / "_site", spare_path(tmp_path / "_site")
    write_site(as_files(V1), out)
    home = os.lstat(out / "index.html")
    second = write_site(as_files(V2), out)  # no spare yet: a fresh folder, and the old site is kept as the spare
    assert snapshot(out) == V2 and snapshot(spare) == V1
    assert (second.written, second.unchanged, second.removed) == (2, 3, 1)
    for site in (V3, V2, V1, V3):
        folders = inode(out), inode(spare)
        previous = snapshot(out)
        result = write_site(as_files(site), out)
        assert (inode(out), inode(spare)) == folders[::-1], "the spare was swapped in, the output is the new spare"
        assert snapshot(out) == site and snapshot(spare) == previous
        assert result.stamps == file_stamps(out)
        now = os.lstat(out / "index.html")
        assert (now.st_ino, now.st_mtime_ns) == (home.st_ino, home.st_mtime_ns)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["._site.spare", "_site"]


def test_the_result_gives_the_stamp_of_every_file(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    for site in (V1, V1, V2, V3):
        result = write_site(as_files(site), out)
        assert result.stamps == file_stamps(out)
        assert set(result.stamps) == set(site)


def test_nothing_planted_in_the_spare_reaches_the_output_or_is_followed(tmp_path: Path) -> None:
    out, spare = tmp_path / "_site", spare_path(tmp_path / "_site")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_bytes(b"outside")
    (outside / "c").mkdir()
    (outside / "c" / "index.html").write_bytes(b"outside c")
    kept = outside / "kept.html"
    kept.write_bytes(b"home")
    write_site(as_files(V1), out)
    write_site(as_files(V2), out)
    before_outside = snapshot(outside)
    shutil.rmtree(spare / "a")
    (spare / "a").symlink_to(outside)  # a folder of the new site is a symlink leaving the spare
    shutil.rmtree(spare / "b")
    (spare / "b").symlink_to(outside)
    (spare / "index.html").unlink()
    (spare / "index.html").symlink_to(kept)  # an unchanged file is a symlink to a file with the same bytes
    (spare / "x" / "y.html").unlink()
    (spare / "x" / "y.html").write_bytes(b"y")  # the right bytes, but not the output's file
    (spare / "new").mkdir()
    (spare / "new" / "index.html").write_bytes(b"stale")  # a file of the new site with stale bytes
    (spare / "stray.html").write_bytes(b"stray")
    (spare / "strays").mkdir()
    (spare / "strays" / "deep.html").write_bytes(b"stray")
    (spare / "strays" / "link").symlink_to(outside)
    fifo = spare / "fifo"
    os.mkfifo(fifo)
    site = {**V2, "a/new.html": b"a new page"}
    home = inode(out / "index.html")
    y = inode(out / "x" / "y.html")
    folders = inode(out), inode(spare)
    result = write_site(as_files(site), out)
    assert (inode(out), inode(spare)) == folders[::-1], "the planted spare was brought up to the site, not dropped"
    assert snapshot(out) == site
    assert snapshot(outside) == before_outside
    assert inode(out / "index.html") == home and inode(out / "x" / "y.html") == y
    assert result.stamps == file_stamps(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["._site.spare", "_site", "outside"]


def test_a_spare_that_is_a_symlink_is_not_followed(tmp_path: Path) -> None:
    out, spare = tmp_path / "_site", spare_path(tmp_path / "_site")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_bytes(b"outside")
    write_site(as_files(V1), out)
    spare.symlink_to(outside)
    write_site(as_files(V2), out)
    assert snapshot(out) == V2
    assert snapshot(outside) == {"index.html": b"outside"}
    assert not spare.is_symlink() and snapshot(spare) == V1  # the old site took the symlink's place


def test_a_folder_becomes_a_file_and_back(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    folder = {"p/index.html": b"p", "q": b"q"}
    file = {"p": b"p is a file", "q/r/index.html": b"q"}
    for site in (folder, file, folder, file, folder):
        result = write_site(as_files(site), out)
        assert snapshot(out) == site
        assert result.stamps == file_stamps(out)


class Killed(BaseException):
    """Stands for the signal that kills a build."""


@pytest.mark.parametrize("survive", [0, 1, 2, 3])
def test_a_write_killed_while_bringing_the_spare_up_leaves_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, survive: int
) -> None:
    out = tmp_path / "_site"
    write_site(as_files(V1), out)
    write_site(as_files(V2), out)
    site = {**V3, "new/one.html": b"1", "new/two.html": b"2", "index.html": b"home, edited"}
    replace = os.replace
    calls = 0

    def dying_replace(source: str, target: str) -> None:
        nonlocal calls
        calls += 1
        if calls > survive:
            raise Killed
        replace(source, target)

    monkeypatch.setattr(os, "replace", dying_replace)
    with pytest.raises(Killed):
        write_site(as_files(site), out)
    monkeypatch.setattr(os, "replace", replace)
    assert snapshot(out) == V2
    result = write_site(as_files(site), out)
    assert snapshot(out) == site
    assert result.stamps == file_stamps(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["._site.spare", "_site"]


def test_a_spare_held_by_another_build_is_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fcntl

    monkeypatch.setattr(write, "LOCK_WAIT", 0.3)  # the other build does not finish: waiting longer changes nothing

    out, spare = tmp_path / "_site", spare_path(tmp_path / "_site")
    many = {f"p/{n}.html": b"x" for n in range(write.BACKGROUND_REMOVAL)}
    write_site(as_files(V1), out)
    write_site(as_files({**V2, **many}), out)
    held = os.open(tmp_path, os.O_RDONLY)
    try:
        fcntl.flock(held, fcntl.LOCK_EX)
        spare_folder = inode(spare)
        write_site(as_files(V3), out)
        assert snapshot(out) == V3
        assert inode(spare) == spare_folder and snapshot(spare) == V1
    finally:
        os.close(held)
    for _ in range(600):  # the old site is removed (in the background), not kept, by a build without the lock
        if sorted(p.name for p in tmp_path.iterdir()) == ["._site.spare", "_site"]:
            break
        time.sleep(0.1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["._site.spare", "_site"]


def test_a_build_waits_for_the_lock_a_moment_and_then_uses_the_spare(tmp_path: Path) -> None:
    import fcntl
    import threading

    out, spare = tmp_path / "_site", spare_path(tmp_path / "_site")
    write_site(as_files(V1), out)
    write_site(as_files(V2), out)
    held = os.open(tmp_path, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)  # another build (or the making of a spare) finishing
    releaser = threading.Timer(0.3, os.close, (held,))
    releaser.start()
    started = time.monotonic()
    write_site(as_files(V3), out)
    releaser.join()
    assert time.monotonic() - started >= 0.25
    assert snapshot(out) == V3 and snapshot(spare) == V2  # swapped through the spare: the old site is the spare


def test_without_an_atomic_exchange_the_site_is_renamed_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, spare = tmp_path / "_site", spare_path(tmp_path / "_site")
    write_site(as_files(V1), out)
    write_site(as_files(V2), out)
    assert spare.is_dir()
    monkeypatch.setattr(write, "_exchange", lambda a, b: False)
    result = write_site(as_files(V3), out)  # the spare is brought up and renamed in; the old site is removed
    assert snapshot(out) == V3 and result.stamps == file_stamps(out)
    result = write_site(as_files(V1), out)  # no spare now: a fresh folder
    assert snapshot(out) == V1 and result.stamps == file_stamps(out)
    assert [p.name for p in tmp_path.iterdir()] == ["_site"]


def test_files_read_from_the_output_are_taken_from_the_spare_by_their_stamp(tmp_path: Path) -> None:
    out, spare = tmp_path / "_site", spare_path(tmp_path / "_site")
    write_site(as_files(V1), out)
    write_site(as_files(V2), out)
    stamps = file_stamps(out)
    reused = {"b/c/index.html", "x/y.html", "index.html"}  # read back by the renderer: same bytes as the output's
    known = {path: stamps[path] for path in reused}
    (out / "b" / "c" / "index.html").unlink()  # gone from the output since: the spare still has that very file
    with (out / "x" / "y.html").open("r+b") as handle:  # changed in place since: so is the spare's (the same file)
        handle.write(b"z")
    site = {**V2, "a/index.html": b"a3", "new/index.html": b"n3"}
    folders = inode(out), inode(spare)
    result = write_site(as_files(site), out, known=known, previous=list(stamps))
    assert (inode(out), inode(spare)) == folders[::-1]
    assert snapshot(out) == site
    assert result.stamps == file_stamps(out)
    assert inode(out / "b" / "c" / "index.html") == stamps["b/c/index.html"][2]
    assert inode(out / "x" / "y.html") != stamps["x/y.html"][2]
    assert (result.written, result.unchanged, result.removed) == (3, 2, 0)
    fewer = {path: data for path, data in site.items() if path != "new/index.html"}
    result = write_site(as_files(fewer), out, known=file_stamps(out), previous=list(site))
    assert snapshot(out) == fewer and result.removed == 1 and result.stamps == file_stamps(out)


def test_a_site_that_only_lost_files_goes_through_the_spare(tmp_path: Path) -> None:
    out, spare = tmp_path / "_site", spare_path(tmp_path / "_site")
    write_site(as_files(V1), out)
    write_site(as_files(V2), out)
    (out / "junk.html").write_bytes(b"not part of the site")
    folders = inode(out), inode(spare)
    fewer = {path: data for path, data in V2.items() if not path.startswith("new/")}
    result = write_site(as_files(fewer), out, known=file_stamps(out))
    assert (inode(out), inode(spare)) == folders[::-1]
    assert snapshot(out) == fewer and result.stamps == file_stamps(out)
    assert (result.written, result.unchanged, result.removed) == (0, len(fewer), 2)
    same = write_site(as_files(fewer), out, known=result.stamps)  # nothing changed: nothing swapped
    assert (inode(out), inode(spare)) == folders[::-1] and same.stamps == result.stamps


def test_the_bytes_of_files_known_unchanged_are_never_asked_for(tmp_path: Path) -> None:
    from digest.render import ReusedFile

    asked: list[str] = []

    def loader(path: str, data: bytes) -> Callable[[], bytes]:
        def load() -> bytes:
            asked.append(path)
            return data
        return load

    out = tmp_path / "_site"
    write_site(as_files(V1), out)
    for site in (V2, V3, V1):  # a fresh folder first, then through the spare
        stamps = file_stamps(out)
        known = {path: stamps[path] for path in site if path in stamps and (out / path).read_bytes() == site[path]}
        files = [ReusedFile(path, loader(path, data)) if path in known else OutputFile(path, data)
                 for path, data in site.items()]
        result = write_site(files, out, known=known)
        assert snapshot(out) == site and result.stamps == file_stamps(out)
        assert not asked
        assert all(result.stamps[path] == stamp for path, stamp in known.items())


@pytest.mark.parametrize("path", ["a/b.html", "a//b", "./a", "a/./b", "a/../b", "a/", "a/b/..", ".well-known/x",
                                  "a/.hidden", "x..y/z", "a/..b", "a/b/", "a/./"])
def test_site_paths_are_normalised_as_posix_does(path: str) -> None:
    assert write.checked_path(path) == posixpath.normpath(path)


def test_a_fifo_planted_in_the_output_is_replaced_without_blocking(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    write_site(as_files(V1), out)
    write_site(as_files(V2), out)
    (out / "index.html").unlink()
    os.mkfifo(out / "index.html")
    result = write_site(as_files(V2), out)
    assert snapshot(out) == V2 and result.stamps == file_stamps(out)


def test_make_spare_links_every_file_of_the_site_and_keeps_a_spare_already_there(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    (out / "people" / "ann").mkdir(parents=True)
    (out / "index.html").write_bytes(b"home")
    (out / "people" / "ann" / "index.html").write_bytes(b"ann")
    make_spare(out, spare_path(out))
    spare = spare_path(out)
    for path in ("index.html", "people/ann/index.html"):
        assert os.stat(spare / path).st_ino == os.stat(out / path).st_ino
    assert sorted(p.name for p in tmp_path.iterdir()) == ["._site.spare", "_site"]  # no temporary folder left
    (out / "new.html").write_bytes(b"new")
    make_spare(out, spare)
    assert not (spare / "new.html").exists()  # the spare there is kept (the next write updates it)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["._site.spare", "_site"]


def test_the_first_build_of_a_big_site_gets_its_spare_made_in_the_background(tmp_path: Path) -> None:
    from digest.write import BACKGROUND_REMOVAL

    out = tmp_path / "_site"
    write_site([OutputFile(f"p/{n}/index.html", str(n).encode()) for n in range(BACKGROUND_REMOVAL)], out)
    spare = spare_path(out)
    for _ in range(600):
        if spare.is_dir() and not [p for p in tmp_path.iterdir() if p.name.startswith(temp_prefix(out))]:
            break
        time.sleep(0.05)
    for n in (0, BACKGROUND_REMOVAL - 1):
        assert os.stat(spare / f"p/{n}/index.html").st_ino == os.stat(out / f"p/{n}/index.html").st_ino
    result = write_site([OutputFile(f"p/{n}/index.html", str(n).encode()) for n in range(BACKGROUND_REMOVAL - 1)]
                        + [OutputFile("new.html", b"new")], out)
    assert (result.written, result.removed) == (1, 1)
    assert (out / "new.html").read_bytes() == b"new" and not (out / f"p/{BACKGROUND_REMOVAL - 1}").exists()


def test_a_small_first_build_makes_no_spare(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    write_site(site_files("one"), out)
    time.sleep(0.2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_site"]
