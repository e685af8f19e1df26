"""Writing: put the rendered files in place atomically, so a failed build never loses the old site.

A rebuild changes only what changed: the new site is made in a temporary folder beside the output, where every
file whose bytes are the same as before is a hard link to the old file (same inode, bytes and mtime) and only new
or changed files are written; then the two folders are swapped in one step. When nothing changed at all, nothing
is written and nothing is swapped.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import posixpath
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from digest.errors import OutputError
from digest.model import Problem

if TYPE_CHECKING:  # the renderer (and Jinja) is not imported by a rebuild that renders nothing
    from digest.render import OutputFile

_RENAME_EXCHANGE = 2
BACKGROUND_REMOVAL = 2_000
"""Old sites with at least this many files are removed by a detached process, so the build need not wait."""


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


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2); return False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    try:
        libc = ctypes.CDLL(libc_name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def temp_prefix(out: Path) -> str:
    """Return the name prefix of the temporary folders a build of `out` leaves beside it."""
    return f".{out.name}.tmp-"


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


def checked_path(path: str) -> str:
    """Return a site path in normal form, or raise OutputError when it would land outside the output folder."""
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


def file_stamps(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Return (size, mtime_ns, inode) of every file under folder by relative POSIX path (symlinks not followed)."""
    found: dict[str, tuple[int, int, int]] = {}
    pending = [(os.fspath(folder), "")]
    while pending:
        top, prefix = pending.pop()
        try:
            entries = list(os.scandir(top))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, prefix + entry.name + "/"))
                continue
            try:
                status = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            found[prefix + entry.name] = (status.st_size, status.st_mtime_ns, status.st_ino)
    return found


def same_bytes(path: Path, data: bytes) -> bool:
    """Return True when `path` is a regular file holding exactly `data`."""
    try:
        status = os.lstat(path)
        if not (status.st_mode & 0o170000 == 0o100000 and status.st_size == len(data)):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def write_files(files: Sequence[OutputFile], paths: Sequence[str], folder: Path, old: Path,
                unchanged: set[str]) -> None:
    """Write files under `folder`; those in `unchanged` become hard links to their twins under `old`."""
    base, old_base = os.fspath(folder), os.fspath(old)
    folders: set[str] = set()
    for path in paths:
        parent = posixpath.dirname(path)
        while parent and parent not in folders:
            folders.add(parent)
            parent = posixpath.dirname(parent)
    for parent in sorted(folders):  # a folder sorts before the folders inside it
        os.mkdir(os.path.join(base, parent))
    for item, path in zip(files, paths, strict=True):
        target = os.path.join(base, path)
        if path in unchanged:
            source = os.path.join(old_base, path)
            try:
                os.link(source, target)
                continue
            except OSError:  # no hard links here (another file system, FAT): copy, keeping the mtime
                shutil.copy2(source, target)
                continue
        with open(target, "wb") as handle:
            handle.write(item.data)


def write_site(
    files: Iterable[OutputFile], out: Path, *, known: Mapping[str, tuple[int, int, int]] | None = None,
) -> WriteResult:
    """Make `out` hold exactly `files`, swapping a new folder in at once; unchanged files keep bytes and mtime.

    `known` maps paths whose bytes were read from the output itself to the (size, mtime_ns, inode) they had then:
    while that still holds they are not compared again.
    """
    out = out.absolute()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.exists() and not out.is_dir():
            raise OutputError(Problem(str(out), "is a file", None, "a folder (or nothing) at the output path"))
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
    before = file_stamps(out) if out.is_dir() else {}
    known = known or {}
    unchanged = {path for item, path in zip(items, paths, strict=True)
                 if path in before and (known.get(path) == before[path] or same_bytes(out / path, item.data))}
    removed = len(before.keys() - set(paths))
    if len(unchanged) == len(items) and not removed and out.is_dir():
        return WriteResult(len(items), 0, len(items), 0)
    try:
        temp = Path(tempfile.mkdtemp(prefix=temp_prefix(out), dir=out.parent))
    except OSError as exc:
        raise OutputError(Problem(str(out), f"cannot prepare the output folder: {exc.strerror}", None,
                                  "a writable folder")) from exc
    try:
        write_files(items, paths, temp, out, unchanged)
        os.chmod(temp, 0o755)
        if out.exists() and _exchange(temp, out):
            remove_old_site(temp, len(before))
        elif out.exists():
            old = temp.with_name(temp.name + ".old")
            out.rename(old)
            temp.rename(out)
            remove_old_site(old, len(before))
        else:
            temp.rename(out)
    except OSError as exc:
        shutil.rmtree(temp, ignore_errors=True)
        raise OutputError(Problem(str(out), f"cannot write the site: {exc.strerror or exc}", None,
                                  "a writable folder with free space")) from exc
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return WriteResult(len(items), len(items) - len(unchanged), len(unchanged), removed)
