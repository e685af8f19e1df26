"""`digest serve`: build into a private folder, serve it at `/`, rebuild on every save and reload the browser."""

from __future__ import annotations

import asyncio
import errno
import shutil
import signal
import socket
import sys
import tempfile
import time
import traceback
import webbrowser
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from tornado.httpserver import HTTPServer
from tornado.ioloop import PeriodicCallback
from tornado.netutil import bind_sockets

from digest.build import Builder, BuildResult
from digest.config import INPUT_DIRS, SiteConfig, load_config
from digest.errors import DigestError
from digest.inotify import open_notifier
from digest.model import Problem
from digest.reload import PreviewState, ReloadHub, error_page, make_application, notice_script
from digest.watch import ChangeWatcher

POLL_SECONDS = 0.1
"""How often the watcher looks for saves (it scans only when inotify reported activity, or every 2 s)."""

BuildStep = Callable[[Sequence[Path] | None], BuildResult]
"""Build the site again, given the files that changed (None: everything)."""


def watched_paths(config: SiteConfig, config_path: Path) -> tuple[Path, ...]:
    """Return where a save should rebuild the site: site.yml and the seeds, content, templates, static folders."""
    folders = (config.path(name) for name in INPUT_DIRS)
    return (config_path.absolute(), *(folder.absolute() for folder in folders))


def describe_changes(changed: Sequence[Path] | None, root: Path) -> str:
    """Return what changed as the console says it, e.g. "seeds/a.txt and 49 more files changed"."""
    if changed is None:
        return "first build"
    if not changed:
        return "nothing changed"
    first = changed[0]
    name = str(first.relative_to(root)) if first.is_relative_to(root) else str(first)
    more = len(changed) - 1
    return f"{name} changed" if not more else f"{name} and {more} more file{'s' if more > 1 else ''} changed"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def summarise(result: BuildResult) -> str:
    """Return what a build did, e.g. "1 seed extracted, 2224 reused; 3 files written, 20025 unchanged; 2 warnings"."""
    if result.skipped:
        return f"inputs as before, nothing to do; {_count(len(result.problems), 'warning')}"
    return (f"{_count(result.extracted, 'seed')} extracted, {result.cached} reused; "
            f"{_count(result.written, 'file')} written, {result.unchanged} unchanged, {result.removed} removed; "
            f"{_count(len(result.problems), 'warning')}")


def problems_about(problems: Sequence[Problem], changed: Sequence[Path], root: Path) -> tuple[Problem, ...]:
    """Return the problems about the files in `changed` (problem paths are relative to the project root)."""
    saved = {path.resolve() for path in changed}
    return tuple(p for p in problems if (root / p.file).resolve() in saved)


def failure_page(exc: Exception) -> tuple[bytes, tuple[str, ...]]:
    """Return the error page of a failed build and its lines for the console."""
    if isinstance(exc, DigestError):
        lines = tuple(str(p) for p in exc.problems)
        return error_page("The site cannot be built", lines), lines
    detail = "".join(traceback.format_exception(exc))
    line = f"internal error: {type(exc).__name__}: {exc}"
    return error_page("digest failed while building the site", (line,), detail), (line, detail.rstrip())


class PreviewBuilder(Builder):
    """The Builder of `digest serve`: rooted at `/`, and with the search index only when asked for.

    Pagefind indexes every page again on each build (tens of seconds for a few thousand stories), which
    would make every save slow; the preview's search page says search is not available instead.
    """

    def __init__(self, config_path: Path, *, out: Path, drafts: bool, search: bool) -> None:
        super().__init__(config_path, out=out, drafts=drafts, base_path="/")
        self.search = search
        self.save_stamps = False  # the preview's output folder is its own: what it holds is known in memory

    def load_config(self) -> tuple[SiteConfig, tuple[Problem, ...]]:
        """Load site.yml afresh, with search off unless `digest serve --search`."""
        config, problems = super().load_config()
        return (config if self.search else replace(config, search=False)), problems


class Preview:
    """The state of one `digest serve`: what to watch, how to rebuild, what the browsers see."""

    def __init__(
        self,
        config_path: Path,
        rebuild: BuildStep,
        state: PreviewState,
        hub: ReloadHub,
        echo: Callable[[str], None],
    ) -> None:
        self.config_path = config_path.absolute()
        self.root = self.config_path.parent
        self.rebuild = rebuild
        self.state = state
        self.hub = hub
        self.echo = echo
        self.building = False
        """True while a rebuild runs (so Ctrl-C can interrupt it)."""
        # The folders of site.yml, or the default ones while it cannot be loaded (its error page shows why).
        roots = self.configured_paths() or watched_paths(SiteConfig(root=self.root), self.config_path)
        self.watcher = ChangeWatcher(roots, notifier=open_notifier())

    def build(self, changed: Sequence[Path] | None) -> bool:
        """Build once, print one line, switch the browsers to the site or the error page; return success."""
        started = time.perf_counter()
        what = describe_changes(changed, self.root)
        verb = "built" if changed is None else "rebuilt"
        try:
            result = self.rebuild(changed)
        except Exception as exc:  # a preview server outlives every failed build, whatever the fault
            page, lines = failure_page(exc)
            self.state.error_page = page
            self.echo(f"{time.strftime('%H:%M:%S')} build failed ({what}) in {time.perf_counter() - started:.2f}s:")
            for line in lines:
                self.echo(f"  {line}")
            return False
        self.state.error_page = None
        self.follow_config()
        self.echo(f"{time.strftime('%H:%M:%S')} {verb} ({what}): {summarise(result)} "
                  f"in {time.perf_counter() - started:.2f}s")
        # A seed that cannot be read is a warning (the build goes on without it): show the editor who saved it.
        notes = tuple(str(p) for p in problems_about(result.problems, changed or (), self.root))
        for note in notes:
            self.echo(f"  warning: {note}")
        self.state.notice = notice_script(notes)
        return True

    def configured_paths(self) -> tuple[Path, ...] | None:
        """Return what site.yml says to watch now, or None while it cannot be loaded."""
        try:
            config, _ = load_config(self.config_path)
        except DigestError:
            return None
        return watched_paths(config, self.config_path)

    def follow_config(self) -> None:
        """Watch the folders site.yml names now (they may have moved); the last ones while it cannot be loaded."""
        roots = self.configured_paths()
        if roots is not None:
            self.watcher.watch(roots)

    def poll(self) -> None:
        """Scan for saves; after a settled burst, rebuild once and reload every browser."""
        changed = self.watcher.poll()
        if not changed:
            return
        self.building = True
        try:
            self.build(changed)
        except KeyboardInterrupt:
            return  # Ctrl-C during the rebuild: the server is stopping
        finally:
            self.building = False
        self.hub.reload()


def listen(host: str, port: int) -> list[socket.socket]:
    """Open the listening sockets, or raise DigestError saying how to pick another port."""
    where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    try:
        return bind_sockets(port, address=host)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise DigestError(Problem(where, "the port is already in use (another server?)", None,
                                      f"a free port: try --port {port + 1}")) from exc
        raise DigestError(Problem(where, f"cannot listen: {exc.strerror or exc}", None,
                                  "a local address for --host and a free port for --port")) from exc


async def run_server(sockets: list[socket.socket], preview: Preview) -> None:
    """Serve until Ctrl-C or SIGTERM."""
    server = HTTPServer(make_application(preview.state, preview.hub))
    server.add_sockets(sockets)
    poller = PeriodicCallback(preview.poll, POLL_SECONDS * 1000)
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()

    def interrupt(signum: int, frame: object) -> None:
        """Stop serving on Ctrl-C; stop a running rebuild at once."""
        loop.call_soon_threadsafe(stopped.set)
        if preview.building:  # stop at once, not after a long rebuild; Preview.poll catches this
            raise KeyboardInterrupt

    # Not asyncio's SIGINT handling: it waits for a rebuild to end, and an interrupt inside a tornado callback
    # escapes the clean-up of asyncio.run.
    signal.signal(signal.SIGINT, interrupt)
    loop.add_signal_handler(signal.SIGTERM, stopped.set)
    poller.start()
    try:
        await stopped.wait()
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        loop.remove_signal_handler(signal.SIGTERM)
        poller.stop()
        server.stop()
        for browser in list(preview.hub.sockets):
            browser.close()


def _echo(line: str) -> None:
    print(line, flush=True)


def serve(config_path: Path, *, host: str = "127.0.0.1", port: int = 8000, drafts: bool = False,
          open_browser: bool = False, search: bool = False) -> int:
    """Preview the site at http://host:port/ with live reload until Ctrl-C; return the exit code."""
    sockets = listen(host, port)
    folder = Path(tempfile.mkdtemp(prefix="digest-serve-"))
    site = folder / "site"

    # The builder keeps every seed's extraction in memory: a save re-reads only the seeds that changed.
    builder = PreviewBuilder(config_path, out=site, drafts=drafts, search=search)
    preview: Preview | None = None
    try:
        preview = Preview(config_path, builder.build, PreviewState(site), ReloadHub(), _echo)
        preview.build(None)
        shown = f"[{host}]" if ":" in host else host
        url = f"http://{shown}:{sockets[0].getsockname()[1]}/"
        _echo(f"serving {url} (preview in {folder}); Ctrl-C to stop")
        if open_browser:
            webbrowser.open(url)
        asyncio.run(run_server(sockets, preview))
    except KeyboardInterrupt:
        pass
    finally:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not stop the clean-up
        if preview is not None:
            preview.watcher.close()
        for listener in sockets:
            listener.close()
        shutil.rmtree(folder, ignore_errors=True)
        signal.signal(signal.SIGINT, previous)
    print("stopped", file=sys.stderr, flush=True)
    return 0
