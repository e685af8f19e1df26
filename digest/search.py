"""Search: index the rendered pages with Pagefind and add its static bundle (index and UI) to the site.

Pagefind runs as a separate binary (shipped in the `pagefind_bin` wheel). The pages are handed to it in a
scratch folder and the bundle is read back as output files, so the writer puts the index in place with the rest
of the site in one swap, and an incremental writer keeps the bytes and mtime of index files that did not change.
A rebuild whose indexed pages are the same bytes reuses the last bundle without running Pagefind. When the binary
is missing, cannot run on this platform, fails or takes too long, the build goes on without search and says why
in a warning.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from digest.model import Problem
from digest.render import OutputFile

BUNDLE_DIR = "pagefind"
"""Folder of the site that holds the search bundle; templates load `pagefind/pagefind-ui.js` from it."""
BODY_MARKER = b"data-pagefind-body"
"""Pages carrying this attribute are the ones indexed; with none anywhere, every page is."""
UNUSED_BUNDLE_FILES = frozenset({
    "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-highlight.js",
})
"""Alternative UIs Pagefind writes that the search page does not load; left out to keep the site small."""
DEFAULT_TIMEOUT = 600.0
"""Seconds the indexer may run before the build gives up on search."""
PROBLEM_FILE = "search"
"""What warnings about the search index name as their origin."""
KEY_FILE = "digest-pages.sha256"
"""File of the bundle naming the pages (and binary) it was built from, so an unchanged site reuses its index."""
MEMORY_FOLDER = Path("/dev/shm")
"""A folder in memory where there is one: handing thousands of pages over through the disk costs more than
indexing them."""


def find_pagefind() -> Path | None:
    """Return the Pagefind binary: $PAGEFIND_BINARY_PATH, the pagefind_bin wheel, or one on PATH; else None."""
    configured = os.environ.get("PAGEFIND_BINARY_PATH")
    if configured:
        return Path(configured)
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        pass
    else:
        try:
            found: Path = get_executable()
            return found
        except FileNotFoundError:
            pass
    on_path = shutil.which("pagefind_extended") or shutil.which("pagefind")
    return Path(on_path) if on_path else None


def pages_to_index(files: Sequence[OutputFile]) -> tuple[OutputFile, ...]:
    """Return the HTML pages Pagefind should see: those marked with data-pagefind-body, or all when none is."""
    pages = tuple(f for f in files if f.path.endswith(".html"))
    marked = tuple(f for f in pages if BODY_MARKER in f.data)
    return marked or pages


def scratch_parent(size: int, memory: Path = MEMORY_FOLDER) -> Path | None:
    """Return where to put the scratch folder for `size` bytes of pages: in memory when it has room, else None."""
    try:
        if memory.is_dir() and os.access(memory, os.W_OK) and shutil.disk_usage(memory).free > 4 * size:
            return memory
    except OSError:
        pass
    return None


def pages_key(pages: Sequence[OutputFile], binary: Path) -> str:
    """Return a digest of the pages to index (paths and bytes) and of the indexer, which decide the index."""
    try:
        indexer = f"{binary.resolve()}:{binary.stat().st_size}"
    except OSError:
        indexer = str(binary)
    total = hashlib.sha256(indexer.encode())
    for page in sorted(pages, key=lambda page: page.path):
        total.update(page.path.encode() + b"\0" + hashlib.sha256(page.data).digest())
    return total.hexdigest()


def reuse_bundle(last_output: Path, key: str) -> tuple[OutputFile, ...] | None:
    """Return the bundle of the last build when it was made from the same pages, else None."""
    folder = last_output / BUNDLE_DIR
    try:
        if (folder / KEY_FILE).read_text(encoding="ascii").strip() != key or not (folder / "pagefind.js").is_file():
            return None
        return read_bundle(folder)
    except (OSError, UnicodeDecodeError):
        return None


def _tail(text: str, lines: int = 5) -> str:
    """Return the last non-empty lines of a tool's output, joined on one line."""
    kept = [line.strip() for line in text.splitlines() if line.strip()]
    return " / ".join(kept[-lines:])


def _warning(message: str, expected: str | None = None) -> Problem:
    return Problem(PROBLEM_FILE, message, None, expected)


def run_pagefind(pages: Sequence[OutputFile], binary: Path, timeout: float) -> tuple[tuple[OutputFile, ...],
                                                                                      tuple[Problem, ...]]:
    """Index `pages` with the Pagefind binary in a scratch folder; return the bundle files or warnings."""
    size = sum(len(page.data) for page in pages)
    try:
        with tempfile.TemporaryDirectory(prefix="digest-search-", dir=scratch_parent(size)) as scratch:
            site = Path(scratch) / "site"
            site.mkdir()
            # Pagefind numbers pages in the order it finds them, which follows creation order on some file
            # systems: written in path order, the same pages always give the same index bytes.
            for page in sorted(pages, key=lambda page: page.path):
                if Path(page.path).is_absolute() or ".." in Path(page.path).parts:
                    continue  # the writer refuses such paths; they are not part of the site
                target = site / page.path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(page.data)
            return index_folder(site, Path(scratch) / "bundle", binary, timeout)
    except OSError as exc:
        return (), (_warning(f"the pages could not be handed to Pagefind ({exc.strerror or exc}); "
                             "the site is built without search", "room in the temporary folder"),)


def index_folder(site: Path, bundle: Path, binary: Path, timeout: float) -> tuple[tuple[OutputFile, ...],
                                                                                 tuple[Problem, ...]]:
    """Run the Pagefind binary on a folder of pages, writing its bundle to `bundle`; return the bundle or warnings."""
    command = [str(binary), "--site", str(site), "--output-path", str(bundle), "--quiet"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, errors="replace", timeout=timeout,
                              stdin=subprocess.DEVNULL, check=False)
    except subprocess.TimeoutExpired:
        return (), (_warning(f"Pagefind took longer than {timeout:g}s; the site is built without search",
                             "a faster indexing run, or search: false in site.yml"),)
    except OSError as exc:
        return (), (_warning(f"the Pagefind binary {binary} cannot run here ({exc.strerror or exc}); "
                             "the site is built without search",
                             "pagefind[bin] installed for this platform, or search: false in site.yml"),)
    if done.returncode != 0:
        detail = _tail(done.stderr) or _tail(done.stdout) or f"exit status {done.returncode}"
        return (), (_warning(f"Pagefind failed ({detail}); the site is built without search",
                             "pages Pagefind can index, or search: false in site.yml"),)
    if not (bundle / "pagefind.js").is_file():
        return (), (_warning("Pagefind wrote no search bundle; the site is built without search",
                             "pagefind.js in its output"),)
    return read_bundle(bundle), ()


def read_bundle(bundle: Path) -> tuple[OutputFile, ...]:
    """Return the files of a Pagefind bundle as site files under pagefind/, in a stable order."""
    return tuple(
        OutputFile(f"{BUNDLE_DIR}/{path.relative_to(bundle).as_posix()}", path.read_bytes())
        for path in sorted(bundle.rglob("*"))
        if path.is_file() and path.name not in UNUSED_BUNDLE_FILES
    )


def index_site(
    files: Sequence[OutputFile],
    enabled: bool,
    *,
    binary: Path | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    last_output: Path | None = None,
) -> tuple[tuple[OutputFile, ...], tuple[Problem, ...]]:
    """Return the site's files plus the Pagefind search bundle, and warnings when search could not be built.

    With `last_output` (the folder of the previous build), a bundle made from the very same pages is reused
    instead of running Pagefind again.
    """
    if not enabled:
        return tuple(files), ()
    pagefind = binary if binary is not None else find_pagefind()
    if pagefind is None:
        return tuple(files), (_warning("the Pagefind binary is not installed; the site is built without search",
                                       "pip install 'pagefind[bin]', or search: false in site.yml"),)
    pages = pages_to_index(files)
    key = pages_key(pages, pagefind)
    reused = reuse_bundle(last_output, key) if last_output is not None else None
    problems: tuple[Problem, ...] = ()
    if reused is not None:
        bundle = reused
    else:
        bundle, problems = run_pagefind(pages, pagefind, timeout)
        if bundle:
            bundle = (*bundle, OutputFile(f"{BUNDLE_DIR}/{KEY_FILE}", (key + "\n").encode("ascii")))
    taken = {f.path for f in files}
    clashes = sorted(f.path for f in bundle if f.path in taken)
    if clashes:
        return tuple(files), (_warning(f"the search bundle would overwrite {clashes[0]}; the site is built "
                                       "without search", f"no page of its own under {BUNDLE_DIR}/"),)
    return (*files, *bundle), problems
