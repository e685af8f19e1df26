"""Watching the project for saves: poll file stamps, and report a burst of changes once it has settled."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from digest.inotify import Notifier

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


def _scan_folder(folder: Path, stamps: dict[Path, FileStamp], folders: set[Path]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:  # removed or unreadable while scanning: its files count as gone
        return
    folders.add(folder)
    for entry in entries:
        if is_scratch(entry.name):
            continue
        try:
            if entry.is_dir():
                _scan_folder(Path(entry.path), stamps, folders)
            elif entry.is_file():
                stamps[Path(entry.path)] = _stamp(entry.stat())
        except OSError:
            continue


def scan_tree(roots: Iterable[Path]) -> tuple[dict[Path, FileStamp], set[Path]]:
    """Return the stamp of every file under `roots` and every folder holding them (a root may be a file)."""
    stamps: dict[Path, FileStamp] = {}
    folders: set[Path] = set()
    for root in roots:
        try:
            status = root.stat()
        except OSError:
            continue
        if root.is_dir():
            _scan_folder(root, stamps, folders)
        elif not is_scratch(root.name):
            stamps[root] = _stamp(status)
    return stamps, folders


def changed_paths(before: Mapping[Path, FileStamp], after: Mapping[Path, FileStamp]) -> frozenset[Path]:
    """Return the files added, modified or removed between two scans."""
    gone = before.keys() - after.keys()
    return frozenset(gone | {path for path, stamp in after.items() if before.get(path) != stamp})


class ChangeWatcher:
    """Polls some folders and files, and hands over a burst of saves as one batch once it has settled.

    With a notifier (inotify) a poll scans only after the kernel reported activity, or every `rescan`
    seconds in case it missed some (a folder shared from another machine); without one, every poll scans.
    """

    def __init__(
        self,
        roots: Iterable[Path],
        *,
        settle: float = 0.25,
        longest: float = 5.0,
        rescan: float = 2.0,
        notifier: Notifier | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settle = settle
        """Quiet time (s) after the last change before a batch is handed over."""
        self.longest = longest
        """Longest time (s) a batch is held back while changes keep coming."""
        self.rescan = rescan
        """Longest time (s) between two scans when a notifier reports nothing."""
        self.notifier = notifier
        self.clock = clock
        self.roots: tuple[Path, ...] = ()
        self.stamps: dict[Path, FileStamp] = {}
        self.scanned = 0.0
        self.pending: set[Path] = set()
        self.first_change = 0.0
        self.last_change = 0.0
        self.watch(roots)

    def watch(self, roots: Iterable[Path]) -> None:
        """Watch another set of folders from now on (after site.yml moved them); keeps pending changes."""
        roots = tuple(roots)
        if roots != self.roots or not self.scanned:
            self.roots = roots
            if self.notifier is not None:  # before the scan, so that no save falls between the two
                for root in roots:
                    self.notifier.watch(root if root.is_dir() else root.parent)
            self.stamps = self.scan()

    def scan(self) -> dict[Path, FileStamp]:
        """Scan the roots (and watch any new folder found)."""
        self.scanned = self.clock()
        stamps, folders = scan_tree(self.roots)
        if self.notifier is not None:
            for folder in folders:
                self.notifier.watch(folder)
        return stamps

    def poll(self) -> tuple[Path, ...]:
        """Return the settled batch of files changed (sorted), or () while quiet or still changing."""
        now = self.clock()
        if self.notifier is None or self.notifier.drain() or now - self.scanned >= self.rescan:
            stamps = self.scan()
            fresh = changed_paths(self.stamps, stamps)
            self.stamps = stamps
        else:
            fresh = frozenset()
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

    def close(self) -> None:
        """Stop watching."""
        if self.notifier is not None:
            self.notifier.close()
