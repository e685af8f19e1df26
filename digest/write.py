"""Writing: put the rendered files in place atomically, so a failed build never loses the old site.

The output folder has a twin beside it, the spare (`.NAME.spare`), holding the site as it was before the last
write. A rebuild brings the spare up to the new site, touching only what changed: a file whose bytes are the same
as in the output becomes (or stays) a hard link to the output's file (same inode, bytes and mtime), a new or changed
file is written under a temporary name and renamed over its place, and whatever the new site no longer has is
removed. Then the two folders are swapped in one step, and the old output is the next spare. Nothing in the spare is
trusted: a file is kept only when it is the very file (same inode, size and mtime) whose bytes were found right in
the output, and no file is ever written in place, since the output and the spare share their files. One build at a
time uses the spare (a lock on the parent folder); without a spare, or when anything about it is odd, the new site
is made in a fresh temporary folder instead, and the old site becomes the spare. The first build of a big site
has no old site: a detached process links its spare, so the next build need not. When nothing changed at all,
nothing is written and nothing is swapped.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import functools
import os
import posixpath
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digest.errors import OutputError
from digest.model import Problem

if TYPE_CHECKING:  # the renderer (and Jinja) is not imported by a rebuild that renders nothing
    from digest.render import OutputFile

_RENAME_EXCHANGE = 2
BACKGROUND_REMOVAL = 2_000
"""Old sites with at least this many files are removed by a detached process, so the build need not wait; after
the first build of a site this big, a detached process makes its spare."""
LOCK_WAIT = 5.0
"""Seconds a build waits for another build (or the making of a spare) to finish with the output's spare."""
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)
_NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)

Stamp = tuple[int, int, int]
"""(size, mtime_ns, inode) of a file, as lstat tells them."""


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What writing the site did."""

    files: int
    """Files of the site now in the output folder."""
    written: int
    """Files with new bytes."""
    unchanged: int
    """Files kept from the previous build (same bytes, same mtime)."""
    removed: int
    """Files of the previous build that are no longer part of the site."""
    stamps: Mapping[str, Stamp] = field(default_factory=dict)
    """(size, mtime_ns, inode) of every file of the site now in the output, by normal site path."""


@functools.cache
def _renameat2() -> Any:
    """Return the C library's renameat2, or None where there is none."""
    try:  # the symbols already loaded, libc among them
        return ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):
        pass
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name, use_errno=True).renameat2 if name else None
    except (OSError, AttributeError):
        return None


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2); return False where unsupported."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def temp_prefix(out: Path) -> str:
    """Return the name prefix of the temporary folders a build of `out` leaves beside it."""
    return f".{out.name}.tmp-"


def spare_path(out: Path) -> Path:
    """Return the folder beside `out` that holds the previous site, brought up to date by the next write."""
    return out.with_name(f".{out.name}.spare")


def recover_output(out: Path) -> None:
    """Restore the old site if a build died between two renames, and remove leftover temporary folders."""
    parent = out.parent
    if not parent.is_dir():
        return
    leftovers = sorted(p for p in parent.iterdir() if p.name.startswith(temp_prefix(out)))
    old = [p for p in leftovers if p.name.endswith(".old")]
    if not out.exists() and old:
        old[-1].rename(out)
    for path in leftovers:
        if path.exists():
            shutil.rmtree(path, ignore_errors=True)


def remove_old_site(path: Path, files: int) -> None:
    """Remove the folder holding the previous site; a large one in the background (the new site is already in)."""
    if files >= BACKGROUND_REMOVAL:
        if path.name.endswith(".old"):  # never restored by recover_output while half removed
            trash = path.with_name(path.name[: -len(".old")] + ".trash")
            path.rename(trash)
            path = trash
        rm = shutil.which("rm")
        command = [rm, "-rf", "--", str(path)] if rm else [
            sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)", str(path)]
        try:
            subprocess.Popen(command, start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
            return
        except OSError:
            pass
    shutil.rmtree(path, ignore_errors=True)


def make_spare(out: Path, spare: Path) -> None:
    """Make `spare` a copy of the site in `out` whose files are hard links to the output's, unless a spare is there.

    It holds the lock of the builds of `out` meanwhile (a build waits for it, see `_lock_parent`). Nothing in a
    spare is trusted (see `update_spare`); failing, it leaves nothing behind.
    """
    lock, _ = _lock_parent(out, wait=None)
    try:
        if not os.path.lexists(spare) and out.is_dir():
            _link_spare(out, spare)
    finally:
        if lock is not None:
            os.close(lock)


def _link_spare(out: Path, spare: Path) -> None:
    """Link the files of `out` into a temporary folder and rename it to `spare`."""
    temp = tempfile.mkdtemp(prefix=temp_prefix(out), dir=out.parent)
    try:
        source = os.fspath(out)
        for root, folders, names in os.walk(source):
            target = os.path.join(temp, os.path.relpath(root, source))
            for name in folders:
                os.mkdir(os.path.join(target, name))
            for name in names:
                os.link(os.path.join(root, name), os.path.join(target, name), follow_symlinks=False)
        os.rename(temp, spare)  # fails when a spare came meanwhile: it is kept
    except OSError:
        shutil.rmtree(temp, ignore_errors=True)


def make_spare_later(out: Path, files: int) -> None:
    """After a first build of a big site, make its spare in a detached process, so the next build need not."""
    spare = spare_path(out)
    if files < BACKGROUND_REMOVAL or os.path.lexists(spare):
        return
    package_parent = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    script = "import sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path; " \
             "from digest.write import make_spare; make_spare(Path(sys.argv[2]), Path(sys.argv[3]))"
    with contextlib.suppress(OSError):  # no spare then: the next build makes the new site in a fresh folder
        subprocess.Popen([sys.executable, "-c", script, package_parent, str(out), str(spare)],
                         start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)


def checked_path(path: str) -> str:
    """Return a site path in normal form, or raise OutputError when it would land outside the output folder."""
    if path and "//" not in path and "/." not in path and "\\" not in path and "\0" not in path \
            and not path.startswith(("/", ".")) and not path.endswith("/"):
        return path  # no empty, "." or ".." part: normal already, and inside
    normal = posixpath.normpath(path) if path else ""
    if not normal or normal == "." or normal.startswith(("/", "../")) or normal == ".." or "\\" in normal \
            or "\0" in normal:
        raise OutputError(Problem(path, "output path lies outside the output folder", None, "a path inside the site"))
    return normal


def check_files(files: Sequence[OutputFile]) -> list[str]:
    """Return the normal paths of the files, refusing paths outside the output and two files at one path."""
    seen: set[str] = set()
    paths: list[str] = []
    for item in files:
        path = checked_path(item.path)
        if path in seen:
            raise OutputError(Problem(item.path, "two pages would be written to the same path", None,
                                      "unique page paths"))
        seen.add(path)
        paths.append(path)
    return paths


def existing_files(folder: Path) -> set[str]:
    """Return the paths (relative, POSIX) of every file under folder; empty when it does not exist."""
    return set(file_stamps(folder))


def walk(folder: Path, *, strict: bool = False) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Yield (relative POSIX path, entry) of everything under folder; symlinks are listed, never followed.

    A folder that cannot be listed is skipped, or raises OSError when `strict`.
    """
    pending = [(os.fspath(folder), "")]
    while pending:
        top, prefix = pending.pop()
        try:
            with os.scandir(top) as listing:
                entries = list(listing)
        except OSError:
            if strict:
                raise
            continue
        for entry in entries:
            path = prefix + entry.name
            yield path, entry
            if entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, path + "/"))


def file_stamps(folder: Path) -> dict[str, Stamp]:
    """Return (size, mtime_ns, inode) of every file under folder by relative POSIX path (symlinks not followed)."""
    found: dict[str, Stamp] = {}
    for path, entry in walk(folder):
        if entry.is_dir(follow_symlinks=False):
            continue
        try:
            status = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        found[path] = (status.st_size, status.st_mtime_ns, status.st_ino)
    return found


def folder_entries(folder: Path, expected: Mapping[str, Stamp]) -> tuple[set[str], set[str], set[str]]:
    """Return the paths under folder of the entries with their `expected` stamp, of the other entries, and of folders.

    Entries are what is not a folder, symlinks included (never followed). Only paths are kept, no stamp: a large
    listing then leaves no new objects for the garbage collector to trace through the whole heap of a build.
    Raises OSError when anything cannot be listed or looked up: a spare that cannot be read whole is not used.
    """
    matching: set[str] = set()
    others: set[str] = set()
    folders: set[str] = set()
    for path, entry in walk(folder, strict=True):
        if entry.is_dir(follow_symlinks=False):
            folders.add(path)
            continue
        stamp = expected.get(path)
        if stamp is not None:
            status = entry.stat(follow_symlinks=False)
            if status.st_ino == stamp[2] and status.st_mtime_ns == stamp[1] and status.st_size == stamp[0]:
                matching.add(path)
                continue
        others.add(path)
    return matching, others, folders


def file_names(folder: Path) -> set[str]:
    """Return the paths of every entry under folder that is not a folder, from the listings alone (no lookups)."""
    return {path for path, entry in walk(folder) if not entry.is_dir(follow_symlinks=False)}


def same_bytes(path: Path, data: bytes) -> bool:
    """Return True when `path` is a regular file holding exactly `data`."""
    return same_bytes_stamp(os.fspath(path), data) is not None


def same_bytes_stamp(path: str, data: bytes) -> Stamp | None:
    """Return the stamp of the regular file at `path` when it holds exactly `data`, else None (never via a symlink)."""
    try:
        with open(os.open(path, _READ_FLAGS), "rb") as handle:
            status = os.fstat(handle.fileno())
            if not (stat.S_ISREG(status.st_mode) and status.st_size == len(data)) or handle.read() != data:
                return None
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns, status.st_ino


def site_folders(paths: Iterable[str]) -> set[str]:
    """Return every folder the files at `paths` need, parents included."""
    folders: set[str] = set()
    for path in paths:
        parent = path.rpartition("/")[0]
        while parent and parent not in folders:
            folders.add(parent)
            parent = parent.rpartition("/")[0]
    return folders


def _write_new(target: str, data: bytes) -> Stamp:
    """Write `data` to a file that must not exist yet; return its stamp."""
    with os.fdopen(os.open(target, _NEW_FILE_FLAGS, 0o666), "wb") as handle:
        handle.write(data)
        handle.flush()
        status = os.fstat(handle.fileno())
    return status.st_size, status.st_mtime_ns, status.st_ino


def _link_or_copy(source: str, target: str, stamp: Stamp) -> Stamp:
    """Hard-link `source` as `target` and return its known stamp; copy it (keeping the mtime) where links fail."""
    try:
        os.link(source, target)
        return stamp
    except OSError:  # no hard links here (another file system, FAT)
        shutil.copy2(source, target)
        status = os.lstat(target)
        return status.st_size, status.st_mtime_ns, status.st_ino


def write_files(files: Sequence[OutputFile], paths: Sequence[str], folder: Path, old: Path,
                unchanged: Mapping[str, Stamp]) -> dict[str, Stamp]:
    """Write files under a new `folder`; those in `unchanged` become hard links to their twins under `old`.

    Returns the stamp of every file written or linked.
    """
    base, old_base = os.fspath(folder), os.fspath(old)
    for parent in sorted(site_folders(paths)):  # a folder sorts before the folders inside it
        os.mkdir(os.path.join(base, parent))
    stamps: dict[str, Stamp] = {}
    for item, path in zip(files, paths, strict=True):
        target = os.path.join(base, path)
        known = unchanged.get(path)
        if known is not None:
            stamps[path] = _link_or_copy(os.path.join(old_base, path), target, known)
        else:
            stamps[path] = _write_new(target, item.data)
    return stamps


def _free_name(taken: set[str], stem: str) -> str:
    """Return `stem`, or `stem` with a number, that is not in `taken`."""
    name, number = stem, 0
    while name in taken:
        number += 1
        name = f"{stem}-{number}"
    return name


def _link_checked(source: str, target: str, stamp: Stamp) -> Stamp | None:
    """Hard-link `source` as `target` when it is still the file with `stamp` (copy it where links fail); else None.

    Returns the stamp of `target`; nothing is left at `target` when `source` is no longer that file.
    """
    try:
        os.link(source, target)
        copied = False
    except FileExistsError:
        raise
    except OSError:  # no hard links here (another file system, FAT): a copy keeping the mtime
        try:
            status = os.lstat(source)
        except OSError:
            return None
        if (status.st_size, status.st_mtime_ns, status.st_ino) != stamp:
            return None
        shutil.copy2(source, target)
        copied = True
    status = os.lstat(target)
    found = status.st_size, status.st_mtime_ns, status.st_ino
    if found == stamp or (copied and found[:2] == stamp[:2]):
        return found
    os.unlink(target)
    return None


def update_spare(files: Sequence[OutputFile], paths: Sequence[str], spare: Path, out: Path,
                 expected: Mapping[str, Stamp]) -> tuple[dict[str, Stamp], int]:
    """Turn the folder `spare` into the new site, reusing only the files whose bytes are known to be right.

    `expected` gives the stamp of the output's file at each path whose bytes are the new ones. A file of the spare
    with that stamp is that very file (the two folders share their unchanged files) and stays; otherwise the
    output's file is hard-linked in its place if it still has that stamp, and the new bytes are written if not;
    each under a temporary name renamed over the place, never into a file. What the new site does not have is
    removed, and every folder the site needs is made a real folder first, so nothing is written through a symlink.
    Returns the stamp of every file and how many kept their bytes and mtime.
    """
    base, out_base = os.fspath(spare), os.fspath(out)
    matching, others, folders = folder_entries(spare, expected)
    wanted = set(paths)
    needed = site_folders(paths)
    gone: set[str] = set()
    for folder in sorted(folders - needed):  # a folder sorts before the folders inside it
        if folder.rpartition("/")[0] not in gone:
            shutil.rmtree(os.path.join(base, folder))
        gone.add(folder)
    for path in (matching | others) - wanted:
        if path.rpartition("/")[0] not in gone:
            os.unlink(os.path.join(base, path))
    for folder in sorted(needed - folders):
        os.mkdir(os.path.join(base, folder))
    temp = os.path.join(base, _free_name({path.split("/", 1)[0] for path in paths}, ".digest-incoming"))
    stamps: dict[str, Stamp] = {}
    kept = 0
    for item, path in zip(files, paths, strict=True):
        stamp = expected.get(path)
        if stamp is not None and path in matching:
            stamps[path] = stamp
            kept += 1
            continue
        linked = _link_checked(os.path.join(out_base, path), temp, stamp) if stamp is not None else None
        if linked is not None:
            stamps[path] = linked
            kept += 1
        else:
            stamps[path] = _write_new(temp, item.data)
        os.replace(temp, os.path.join(base, path))
    os.chmod(spare, 0o755)
    return stamps, kept


def usable_spare(spare: Path, out: Path) -> bool:
    """Return True when `spare` and `out` are real folders (no symlinks) on one file system."""
    try:
        spare_status, out_status = os.lstat(spare), os.lstat(out)
    except OSError:
        return False
    return stat.S_ISDIR(spare_status.st_mode) and stat.S_ISDIR(out_status.st_mode) \
        and spare_status.st_dev == out_status.st_dev


def _swap_in(new: Path, out: Path, files: int, *, keep: Path | None) -> None:
    """Swap the folder `new` in at `out`; the old site stays at `keep` (moved there if free), else is removed."""
    if _exchange(new, out):
        if keep is None or not (new == keep or _keep_as_spare(new, keep)):
            remove_old_site(new, files)
        return
    # no atomic exchange here: two renames, undone by recover_output if the build dies between them
    prefix = temp_prefix(out)
    old = new.with_name(new.name + ".old" if new.name.startswith(prefix) else prefix + "spare.old")
    out.rename(old)
    try:
        new.rename(out)
    except OSError:
        old.rename(out)
        raise
    remove_old_site(old, files)


def _keep_as_spare(folder: Path, spare: Path) -> bool:
    """Move the folder holding the old site to the spare's place, unless a folder is there; return True if moved."""
    try:
        if not stat.S_ISDIR(os.lstat(spare).st_mode):
            os.unlink(spare)  # a symlink or file in the spare's place is never followed
    except FileNotFoundError:
        pass
    except OSError:
        return False
    try:
        os.rename(folder, spare)
    except OSError:
        return False
    return True


def _lock_parent(out: Path, wait: float | None) -> tuple[int | None, bool]:
    """Take the lock that lets one build at a time use the spare of `out`, waiting up to `wait` seconds for it
    (None: as long as it takes); return (descriptor or None, busy)."""
    if sys.platform == "win32":
        return None, False
    import fcntl

    try:
        descriptor = os.open(out.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None, False
    deadline = None if wait is None else time.monotonic() + wait
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if deadline is None else fcntl.LOCK_NB))
            return descriptor, False
        except OSError as exc:
            busy = exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN)
            if not busy or deadline is None or time.monotonic() >= deadline:
                os.close(descriptor)
                return None, busy
        time.sleep(0.02)


def write_site(
    files: Iterable[OutputFile], out: Path, *, known: Mapping[str, Stamp] | None = None,
    previous: Collection[str] | None = None,
) -> WriteResult:
    """Make `out` hold exactly `files`, swapping a new folder in at once; unchanged files keep bytes and mtime.

    `known` maps paths whose bytes were read from the output itself to the (size, mtime_ns, inode) they had then:
    while that still holds they are not compared again. `previous` lists the files the caller recorded in the
    output after the last write: given, the output need not be listed when the spare takes the new site, and
    `removed` counts those (the site written never depends on it).
    """
    out = out.absolute()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.exists() and not out.is_dir():
            raise OutputError(Problem(str(out), "is a file", None, "a folder (or nothing) at the output path"))
    except OSError as exc:
        raise OutputError(Problem(str(out), f"cannot prepare the output folder: {exc.strerror}", None,
                                  "a writable folder")) from exc
    lock, busy = _lock_parent(out, LOCK_WAIT)
    try:
        return _write_locked(files, out, known or {}, previous, locked=lock is not None, busy=busy)
    finally:
        if lock is not None:
            os.close(lock)


def _write_locked(files: Iterable[OutputFile], out: Path, known: Mapping[str, Stamp],
                  previous: Collection[str] | None, *, locked: bool, busy: bool) -> WriteResult:
    """Write the site: only a build holding the lock uses the spare, and none cleans up while another holds it."""
    try:
        if not busy:
            recover_output(out)
    except OSError as exc:
        raise OutputError(Problem(str(out), f"cannot prepare the output folder: {exc.strerror}", None,
                                  "a writable folder")) from exc
    try:
        items = list(files)
    except OSError as exc:
        raise OutputError(Problem(str(out), f"cannot write the site: {exc.strerror or exc}", None,
                                  "a writable folder with free space")) from exc
    paths = check_files(items)
    spare = spare_path(out)
    use_spare = locked and usable_spare(spare, out)
    if use_spare:
        # The files not read from the output are compared with it; when one differs, the site changed and the
        # spare takes it without the output being listed: the known files are checked against the spare itself.
        expected = dict(known)
        changed = False
        base = os.fspath(out)
        for item, path in zip(items, paths, strict=True):
            if path not in known:
                stamp = same_bytes_stamp(os.path.join(base, path), item.data)
                if stamp is None:
                    changed = True
                else:
                    expected[path] = stamp
        if changed:
            removed = len(_listed(previous, out) - set(paths))
            written = _write_through_spare(items, paths, spare, out, expected, removed)
            if written is not None:
                return written
            use_spare = False
    before = file_stamps(out) if out.is_dir() else {}
    unchanged = {path: before[path] for item, path in zip(items, paths, strict=True)
                 if path in before and (known.get(path) == before[path] or same_bytes(out / path, item.data))}
    removed = len(before.keys() - set(paths))
    if len(unchanged) == len(items) and not removed and out.is_dir():
        return WriteResult(len(items), 0, len(items), 0, unchanged)
    if use_spare:
        written = _write_through_spare(items, paths, spare, out, unchanged, removed)
        if written is not None:
            return written
    try:
        temp = Path(tempfile.mkdtemp(prefix=temp_prefix(out), dir=out.parent))
    except OSError as exc:
        raise OutputError(Problem(str(out), f"cannot prepare the output folder: {exc.strerror}", None,
                                  "a writable folder")) from exc
    try:
        stamps = write_files(items, paths, temp, out, unchanged)
        os.chmod(temp, 0o755)
        if out.exists():
            _swap_in(temp, out, len(before), keep=spare if locked else None)
        else:
            temp.rename(out)
            if locked:
                make_spare_later(out, len(items))
    except OSError as exc:
        shutil.rmtree(temp, ignore_errors=True)
        raise OutputError(Problem(str(out), f"cannot write the site: {exc.strerror or exc}", None,
                                  "a writable folder with free space")) from exc
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return WriteResult(len(items), len(items) - len(unchanged), len(unchanged), removed, stamps)


def _listed(previous: Collection[str] | None, out: Path) -> set[str]:
    """Return the files the caller says the output holds, or those it holds when the caller does not say."""
    if previous is not None:
        try:
            return {path for path in previous if isinstance(path, str)}
        except TypeError:
            pass
    return file_names(out)


def _write_through_spare(files: Sequence[OutputFile], paths: Sequence[str], spare: Path, out: Path,
                         expected: Mapping[str, Stamp], removed: int) -> WriteResult | None:
    """Bring the spare up to the new site and swap it in; None (the spare dropped) when that cannot be done."""
    try:
        stamps, kept = update_spare(files, paths, spare, out, expected)
        _swap_in(spare, out, len(paths), keep=spare)
    except OSError:
        shutil.rmtree(spare, ignore_errors=True)
        return None
    return WriteResult(len(files), len(files) - kept, kept, removed, stamps)
