"""Linux inotify through ctypes, used only as a cheap "something under these folders changed" signal.

Scanning a big seeds folder costs milliseconds every time; with a notifier the watcher scans only after the
kernel reports activity (and now and then as a safety net), so an idle `digest serve` costs nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from pathlib import Path

_IN_NONBLOCK = os.O_NONBLOCK
_IN_CLOEXEC = os.O_CLOEXEC
# modify, attrib, close_write, moved_from, moved_to, create, delete, delete_self, move_self
_MASK = 0x002 | 0x004 | 0x008 | 0x040 | 0x080 | 0x100 | 0x200 | 0x400 | 0x800


class Notifier:
    """An inotify descriptor watching some folders (each one level deep: the caller adds every subfolder)."""

    def __init__(self, libc: ctypes.CDLL, fd: int) -> None:
        self.libc = libc
        self.fd = fd

    def watch(self, folder: Path) -> bool:
        """Report changes in `folder` from now on; return False when the kernel refuses (e.g. watch limit).

        Watching a folder again is harmless (the kernel keeps one watch per folder), and needed after the
        folder was removed and made anew.
        """
        return bool(self.libc.inotify_add_watch(self.fd, os.fsencode(folder), _MASK) >= 0)

    def drain(self) -> bool:
        """Read every pending event; return True when there was any."""
        seen = False
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                return seen
            except OSError:
                return True  # unreadable: say "changed" so the caller scans rather than misses a save
            if not data:
                return seen
            seen = True

    def close(self) -> None:
        """Release the descriptor."""
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def open_notifier() -> Notifier | None:
    """Return a notifier, or None where inotify is unavailable (not Linux, no libc, out of instances)."""
    if not sys.platform.startswith("linux"):
        return None
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        fd = int(libc.inotify_init1(_IN_NONBLOCK | _IN_CLOEXEC))
    except (OSError, AttributeError):
        return None
    return Notifier(libc, fd) if fd >= 0 else None
