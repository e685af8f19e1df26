"""Watching the project for saves: poll file stamps, and report a burst of changes once it has settled."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

FileStamp = tuple[int, int, int]
"""What tells one version of a file from the next: (mtime in ns, size, inode)."""

# Files editors and tools write beside the real one while saving; a change to them is no edit of the site.
_SCRATCH_SUFFIXES = (".swp", ".swx", ".swo", ".tmp", ".part", ".crdownload", "~")
_SCRATCH_NAMES = frozenset({"4913"})  # vim's probe file


def is_scratch(name: str) -> bool:
    """Return True for hidden files and editors' temporary files, which never count as a change."""
    return name.startswith((".", "#")) or name.endswith(_SCRATCH_SUFFIXES) or name in _SCRATCH_NAMES


def _stamp(status: os.stat_result) -> FileStamp:
    return (status.st_mtime_ns, status.st_size, status.st_ino)


def _scan_folder(folder: Path, stamps: dict[Path, FileStamp]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:  # removed or unreadable while scanning: its files count as gone
        return
    for entry in entries:
        if is_scratch(entry.name):
            continue
        try:
            if entry.is_dir():
                _scan_folder(Path(entry.path), stamps)
            elif entry.is_file():
                stamps[Path(entry.path)] = _stamp(entry.stat())
        except OSError:
            continue


def scan_files(roots: Iterable[Path]) -> dict[Path, FileStamp]:
    """Return the stamp of every file under `roots` (a root may be a single file; missing roots are skipped)."""
    stamps: dict[Path, FileStamp] = {}
    for root in roots:
        try:
            status = root.stat()
        except OSError:
            continue
        if root.is_dir():
            _scan_folder(root, stamps)
        elif not is_scratch(root.name):
            stamps[root] = _stamp(status)
    return stamps


def changed_paths(before: Mapping[Path, FileStamp], after: Mapping[Path, FileStamp]) -> frozenset[Path]:
    """Return the files added, modified or removed between two scans."""
    gone = before.keys() - after.keys()
    return frozenset(gone | {path for path, stamp in after.items() if before.get(path) != stamp})


class ChangeWatcher:
    """Polls some folders and files, and hands over a burst of saves as one batch once it has settled."""

    def __init__(
        self,
        roots: Iterable[Path],
        *,
        settle: float = 0.1,
        longest: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.roots: tuple[Path, ...] = tuple(roots)
        self.settle = settle
        """Quiet time (s) after the last change before a batch is handed over."""
        self.longest = longest
        """Longest time (s) a batch is held back while changes keep coming."""
        self.clock = clock
        self.stamps = scan_files(self.roots)
        self.pending: set[Path] = set()
        self.first_change = 0.0
        self.last_change = 0.0

    def watch(self, roots: Iterable[Path]) -> None:
        """Watch another set of folders from now on (after site.yml moved them); keeps pending changes."""
        roots = tuple(roots)
        if roots != self.roots:
            self.roots = roots
            self.stamps = scan_files(roots)

    def poll(self) -> tuple[Path, ...]:
        """Scan once; return the settled batch of changed files (sorted), or () while quiet or still changing."""
        now = self.clock()
        stamps = scan_files(self.roots)
        fresh = changed_paths(self.stamps, stamps)
        self.stamps = stamps
        if fresh:
            if not self.pending:
                self.first_change = now
            self.pending |= fresh
            self.last_change = now
        if not self.pending:
            return ()
        if now - self.last_change < self.settle and now - self.first_change < self.longest:
            return ()
        batch = tuple(sorted(self.pending))
        self.pending = set()
        return batch
