"""Writing: put the rendered files in place atomically, so a failed build never loses the old site."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from digest.errors import OutputError
from digest.model import Problem
from digest.render import OutputFile

_RENAME_EXCHANGE = 2


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


def write_files(files: Iterable[OutputFile], folder: Path) -> int:
    """Write files under `folder`, refusing paths outside it and two files at one path; return the count."""
    root = folder.resolve()
    seen: set[str] = set()
    count = 0
    for item in files:
        target = (root / item.path).resolve()
        if not target.is_relative_to(root) or target == root:
            raise OutputError(Problem(item.path, "output path lies outside the output folder", None,
                                      "a path inside the site"))
        if item.path in seen:
            raise OutputError(Problem(item.path, "two pages would be written to the same path", None,
                                      "unique page paths"))
        seen.add(item.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item.data)
        count += 1
    return count


def write_site(files: Iterable[OutputFile], out: Path) -> int:
    """Write the whole site into a temporary folder beside `out`, then swap it in; return files written."""
    out = out.absolute()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.exists() and not out.is_dir():
            raise OutputError(Problem(str(out), "is a file", None, "a folder (or nothing) at the output path"))
        recover_output(out)
        temp = Path(tempfile.mkdtemp(prefix=temp_prefix(out), dir=out.parent))
    except OSError as exc:
        raise OutputError(Problem(str(out), f"cannot prepare the output folder: {exc.strerror}", None,
                                  "a writable folder")) from exc
    try:
        count = write_files(files, temp)
        os.chmod(temp, 0o755)
        if out.exists() and _exchange(temp, out):
            shutil.rmtree(temp)
        elif out.exists():
            old = temp.with_name(temp.name + ".old")
            out.rename(old)
            temp.rename(out)
            shutil.rmtree(old)
        else:
            temp.rename(out)
    except OSError as exc:
        shutil.rmtree(temp, ignore_errors=True)
        raise OutputError(Problem(str(out), f"cannot write the site: {exc.strerror or exc}", None,
                                  "a writable folder with free space")) from exc
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return count
