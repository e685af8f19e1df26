"""`digest serve`: the change watcher, the error page, and the real server in a subprocess on a loopback port."""

from __future__ import annotations

import asyncio
import json
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.websocket import WebSocketClientConnection, websocket_connect

from digest.errors import ConfigError, DigestError
from digest.inotify import open_notifier
from digest.model import Problem
from digest.reload import RELOAD_SCRIPT, PreviewState, ReloadHub, error_page, make_application, notice_script
from digest.serve import PreviewBuilder, describe_changes, failure_page, listen, problems_about
from digest.watch import ChangeWatcher, changed_paths, is_scratch, scan_tree

from .conftest import DIGEST, SAMPLE, digest_env, make_project, run_digest

T = TypeVar("T")
HOST = "127.0.0.1"
RELOAD_WITHIN = 3.0  # the bar: a save shows in the browser within 3 s
STARTUP = 120.0  # the first build of the small site, generous for a slow CI machine
REBUILD_LINE = re.compile(r"^\S+ (rebuilt|build failed) \((?P<what>[^)]*)\)(?P<did>.*)$", re.M)
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


# --- the change watcher -------------------------------------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def touch(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_scratch_files_are_not_changes() -> None:
    for name in (".seed.txt.swp", "seed.txt~", "4913", ".#seed.txt", "#seed.txt#", "seed.txt.tmp"):
        assert is_scratch(name), name
    for name in ("seed.txt", "article.html", "site.yml", "style.css"):
        assert not is_scratch(name), name


def test_scan_tree_sees_files_under_folders_and_single_files(tmp_path: Path) -> None:
    touch(tmp_path / "seeds" / "a.txt", "a")
    touch(tmp_path / "seeds" / "sub" / "b.txt", "b")
    touch(tmp_path / "seeds" / ".a.txt.swp", "scratch")
    touch(tmp_path / "seeds" / ".git" / "HEAD", "hidden folder")
    touch(tmp_path / "site.yml", "title: x\n")
    stamps, _ = scan_tree([tmp_path / "seeds", tmp_path / "site.yml", tmp_path / "missing"])
    assert set(stamps) == {tmp_path / "seeds" / "a.txt", tmp_path / "seeds" / "sub" / "b.txt", tmp_path / "site.yml"}


def test_changed_paths_lists_added_modified_removed(tmp_path: Path) -> None:
    for name in ("kept", "edited", "removed"):
        touch(tmp_path / name, name)
    before, _ = scan_tree([tmp_path])
    touch(tmp_path / "edited", "edited, and longer")
    (tmp_path / "removed").unlink()
    touch(tmp_path / "added", "added")
    assert changed_paths(before, scan_tree([tmp_path])[0]) == {tmp_path / n for n in ("edited", "removed", "added")}
    assert changed_paths(before, before) == frozenset()


def test_a_burst_of_saves_is_one_batch_once_settled(tmp_path: Path) -> None:
    clock = FakeClock()
    watcher = ChangeWatcher([tmp_path], settle=0.1, longest=2.0, clock=clock)
    assert watcher.poll() == ()
    touch(tmp_path / "a.txt", "a")
    assert watcher.poll() == ()  # just seen: the burst may go on
    clock.now += 0.05
    touch(tmp_path / "b.txt", "b")
    assert watcher.poll() == ()  # still saving
    clock.now += 0.15
    assert watcher.poll() == (tmp_path / "a.txt", tmp_path / "b.txt")  # quiet: one batch of both
    clock.now += 0.15
    assert watcher.poll() == ()  # nothing twice


def test_endless_saves_still_rebuild_after_the_longest_wait(tmp_path: Path) -> None:
    clock = FakeClock()
    watcher = ChangeWatcher([tmp_path], settle=0.1, longest=1.0, clock=clock)
    batches = []
    for step in range(30):
        touch(tmp_path / f"{step}.txt", "x")
        batches.append(watcher.poll())
        clock.now += 0.05
    nonempty = [b for b in batches if b]
    assert nonempty and len(nonempty) < 30
    assert all(len(b) > 1 for b in nonempty)


def test_watching_new_folders_reports_no_change(tmp_path: Path) -> None:
    touch(tmp_path / "old" / "a.txt", "a")
    touch(tmp_path / "new" / "b.txt", "b")
    clock = FakeClock()
    watcher = ChangeWatcher([tmp_path / "old"], settle=0.0, clock=clock)
    watcher.watch([tmp_path / "new"])
    assert watcher.poll() == ()
    touch(tmp_path / "new" / "b.txt", "b, edited")
    clock.now += 1
    assert watcher.poll() == (tmp_path / "new" / "b.txt",)


linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")


@linux_only
def test_the_notifier_reports_activity_once(tmp_path: Path) -> None:
    notifier = open_notifier()
    assert notifier is not None
    try:
        assert notifier.watch(tmp_path)
        assert not notifier.drain()
        touch(tmp_path / "a.txt", "a")
        assert notifier.drain()
        assert not notifier.drain()
        assert not notifier.watch(tmp_path / "missing")
    finally:
        notifier.close()


@linux_only
def test_with_a_notifier_saves_in_new_folders_are_seen(tmp_path: Path) -> None:
    clock = FakeClock()
    watcher = ChangeWatcher([tmp_path / "seeds", tmp_path / "site.yml"], settle=0.1, rescan=1000.0,
                            notifier=open_notifier(), clock=clock)
    try:
        touch(tmp_path / "site.yml", "title: x\n")  # the file root is watched through its folder
        touch(tmp_path / "seeds" / "a.txt", "a")  # the folder did not exist: its parent is watched
        assert watcher.poll() == ()
        clock.now += 0.2
        assert watcher.poll() == (tmp_path / "seeds" / "a.txt", tmp_path / "site.yml")
        clock.now += 0.2
        touch(tmp_path / "seeds" / "new" / "b.txt", "b")
        assert watcher.poll() == ()
        clock.now += 0.2
        assert watcher.poll() == (tmp_path / "seeds" / "new" / "b.txt",)
        clock.now += 0.2
        touch(tmp_path / "seeds" / "new" / "b.txt", "b, edited")  # the new folder is watched by now
        assert watcher.poll() == ()
        clock.now += 0.2
        assert watcher.poll() == (tmp_path / "seeds" / "new" / "b.txt",)
    finally:
        watcher.close()


@linux_only
def test_the_rescan_catches_what_the_notifier_missed(tmp_path: Path) -> None:
    touch(tmp_path / "a.txt", "a")
    clock = FakeClock()
    notifier = open_notifier()
    watcher = ChangeWatcher([tmp_path], settle=0.0, rescan=2.0, notifier=notifier, clock=clock)
    try:
        touch(tmp_path / "a.txt", "a, edited")
        assert notifier is not None and notifier.drain()  # the events are lost before the watcher reads them
        clock.now += 1.0
        assert watcher.poll() == ()  # no activity reported, no scan yet
        clock.now += 1.5
        assert watcher.poll() == (tmp_path / "a.txt",)  # the periodic rescan finds it
    finally:
        watcher.close()


def test_without_a_notifier_every_poll_scans(tmp_path: Path) -> None:
    touch(tmp_path / "a.txt", "a")
    watcher = ChangeWatcher([tmp_path], settle=0.0, rescan=1000.0, notifier=None, clock=FakeClock())
    touch(tmp_path / "a.txt", "a, edited")
    assert watcher.poll() == (tmp_path / "a.txt",)
    assert scan_tree([tmp_path])[1] == {tmp_path}


# --- messages and pages -------------------------------------------------------------------------------------------


def test_error_page_escapes_everything() -> None:
    page = error_page("<b>title</b>", ["site.yml:3: bad <script>alert(1)</script> & more"], "<i>detail</i>").decode()
    assert "<script>alert" not in page and "<b>title" not in page and "<i>detail" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    assert "</head>" in page  # so the reload script goes in, and the next good save brings the site back


def test_failure_page_shows_file_line_and_message() -> None:
    exc = ConfigError(Problem("site.yml", "YAML syntax error: found <x>", 4, "valid YAML"))
    page, lines = failure_page(exc)
    assert lines == ("site.yml:4: YAML syntax error: found <x> (valid YAML)",)
    assert "site.yml:4: YAML syntax error: found &lt;x&gt; (valid YAML)" in page.decode()


def test_failure_page_of_an_unexpected_error_names_it() -> None:
    page, lines = failure_page(KeyError("slug"))
    assert lines[0] == "internal error: KeyError: 'slug'"
    assert "KeyError" in page.decode()


def test_notice_script_cannot_be_closed_by_its_text() -> None:
    script = notice_script(["seeds/a.md:3: bad </script><script>alert(1)</script> & more"]).decode()
    assert script.count("</script>") == 1 and script.endswith("</script>")
    assert "\\u003c/script\\u003e" in script and "seeds/a.md:3: bad" in script
    assert notice_script([]) == b""


def test_problems_about_the_files_saved(tmp_path: Path) -> None:
    seed = Problem("seeds/a.md", "front matter is not valid YAML", 3, "valid YAML")
    other = Problem("seeds/b.txt", "duplicate story", None, None)
    found = problems_about([seed, other], [tmp_path / "seeds" / "a.md", tmp_path / "site.yml"], tmp_path)
    assert found == (seed,)
    assert problems_about([seed, other], [], tmp_path) == ()


def test_describe_changes(tmp_path: Path) -> None:
    assert describe_changes(None, tmp_path) == "first build"
    assert describe_changes([tmp_path / "seeds" / "a.txt"], tmp_path) == "seeds/a.txt changed"
    assert describe_changes([tmp_path / "site.yml", tmp_path / "x"], tmp_path) == "site.yml and 1 more file changed"
    many = [tmp_path / "seeds" / f"{n:02}.txt" for n in range(50)]
    assert describe_changes(many, tmp_path) == "seeds/00.txt and 49 more files changed"


def test_the_preview_builds_search_only_when_asked(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    config = project / "site.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("search: false", "search: true"), encoding="utf-8")
    for asked in (False, True):
        builder = PreviewBuilder(config, out=tmp_path / "out", drafts=False, search=asked)
        loaded, _ = builder.load_config()
        assert loaded.search is asked and loaded.title == "Test Digest"
        assert builder.base_path == "/"


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A port another socket is listening on, for as long as the test runs."""
    with socket.socket() as busy:
        busy.bind((HOST, 0))
        busy.listen()
        yield int(busy.getsockname()[1])


def test_a_port_in_use_says_to_pick_another(busy_port: int) -> None:
    port = busy_port
    with pytest.raises(DigestError) as caught:
        listen(HOST, port)
    assert "--port" in str(caught.value) and f"{HOST}:{port}" in str(caught.value)


# --- the real server ----------------------------------------------------------------------------------------------


def wait_for(check: Callable[[], T | None], timeout: float, what: str) -> T:
    """Poll `check` until it returns something, or fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.05)


def fetch(url: str) -> tuple[int, str]:
    """GET a URL without any proxy; return the status and the body."""
    try:
        with NO_PROXY.open(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


class Server:
    """`python -m digest serve` running in a subprocess against a project folder."""

    def __init__(self, project: Path, log: Path, temp: Path) -> None:
        self.project = project
        self.log_path = log
        self.port = free_port()
        temp.mkdir(exist_ok=True)  # the server's preview folder goes here, never in the machine's /tmp
        env = digest_env(PYTHONUNBUFFERED="1", TMPDIR=str(temp))
        with log.open("wb") as sink:
            self.process = subprocess.Popen(
                [*DIGEST, "serve", "--host", HOST, "--port", str(self.port)],
                cwd=project, env=env, stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            )

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def url(self, path: str = "/") -> str:
        return f"http://{HOST}:{self.port}{path}"

    def started(self) -> str | None:
        if self.process.poll() is not None:
            raise AssertionError(f"server exited with {self.process.returncode}:\n{self.log()}")
        match = re.search(r"^serving \S+ \(preview in (.+)\); Ctrl-C", self.log(), re.M)
        return match.group(1) if match else None

    def rebuilds(self) -> list[str]:
        """Return what changed, for each rebuild the console reported."""
        return [m.group("what") for m in REBUILD_LINE.finditer(self.log())]

    def rebuild_work(self) -> list[str]:
        """Return what each rebuild did, as the console said it."""
        return [m.group("did") for m in REBUILD_LINE.finditer(self.log())]

    def interrupt(self) -> int:
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=20)

    def stop(self) -> None:
        """Stop the server: Ctrl-C first, so it cleans up; killed when it does not stop in time."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=20)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """The server running against a fresh small project; stopped (killed if need be) afterwards."""
    running = Server(make_project(tmp_path / "project"), tmp_path / "serve.log", tmp_path / "tmp")
    try:
        wait_for(running.started, STARTUP, "the server to start")
        yield running
    finally:
        running.stop()


def article_path(server: Server) -> str:
    status, index = fetch(server.url("/"))
    assert status == 200, index
    links = re.findall(r'href="(/articles/[^"#?]+/)"', index)
    assert links, "the index links no article at the root"
    return str(links[0])


def append_paragraph(project: Path, text: str) -> None:
    seed = project / "seeds" / SAMPLE.name
    seed.write_text(seed.read_text(encoding="utf-8").rstrip() + f"\n\n{text}\n", encoding="utf-8")


def test_serves_the_site_at_the_root_with_the_reload_script(server: Server) -> None:
    status, index = fetch(server.url("/"))
    assert status == 200
    assert b"livereload.js" in RELOAD_SCRIPT and "livereload.js" in index
    hrefs = sorted(set(re.findall(r'(?:href|src)="(/[^"#?]*)', index)))
    assert hrefs and not any(h.startswith("/digest/") for h in hrefs)  # base_url's /digest/ is not used
    article = article_path(server)
    status, page = fetch(server.url(article))
    assert status == 200 and "livereload.js" in page and "</html>" in page
    for href in [h for h in hrefs if not h.startswith("//")][:25]:
        assert fetch(server.url(href))[0] == 200, href
    status, script = fetch(server.url("/livereload.js"))
    assert status == 200 and "LiveReload" in script
    status, missing = fetch(server.url("/no/such/page/"))
    assert status == 404 and "livereload.js" in missing


async def receive(connection: WebSocketClientConnection) -> str | bytes | None:
    return await connection.read_message()


async def hello(port: int) -> WebSocketClientConnection:
    """Open the livereload WebSocket and do the handshake."""
    connection = await asyncio.wait_for(websocket_connect(f"ws://{HOST}:{port}/livereload"), 10)
    await connection.write_message(json.dumps({"command": "hello", "protocols": [
        "http://livereload.com/protocols/official-7"]}))
    answer = await asyncio.wait_for(receive(connection), 10)
    assert answer is not None and json.loads(answer)["command"] == "hello"
    return connection


async def next_reload(connection: WebSocketClientConnection, timeout: float) -> dict[str, object]:
    """Wait for the next `reload` command."""
    deadline = time.monotonic() + timeout
    while True:
        message = await asyncio.wait_for(receive(connection), max(0.01, deadline - time.monotonic()))
        assert message is not None, "the server closed the WebSocket"
        data = json.loads(message)
        if data.get("command") == "reload":
            return dict(data)


def test_the_hub_sends_every_reload_however_close_together(tmp_path: Path) -> None:
    async def scenario() -> None:
        hub = ReloadHub()
        sockets = bind_sockets(0, address=HOST)
        server = HTTPServer(make_application(PreviewState(tmp_path), hub))
        server.add_sockets(sockets)
        try:
            connection = await hello(sockets[0].getsockname()[1])
            assert len(hub.sockets) == 1
            assert hub.reload() == 1 and hub.reload("static/style.css") == 1  # no 3-second gate
            first, second = await next_reload(connection, 5), await next_reload(connection, 5)
            assert (first["path"], second["path"]) == ("*", "static/style.css")
            assert first["liveCSS"] is False  # a full reload, whatever changed
            connection.close()
            await asyncio.wait_for(closed(hub), 5)
        finally:
            server.stop()

    async def closed(hub: ReloadHub) -> None:
        while hub.sockets:
            await asyncio.sleep(0.01)

    asyncio.run(scenario())


def test_every_save_reloads_even_one_second_after_the_last(server: Server) -> None:
    article = article_path(server)

    async def scenario() -> None:
        connection = await hello(server.port)
        try:
            for marker in ("Marker paragraph alpha quibble.", "Marker paragraph beta quibble."):
                saved = time.monotonic()
                append_paragraph(server.project, marker)
                await next_reload(connection, RELOAD_WITHIN)
                status, page = fetch(server.url(article))
                assert status == 200 and marker in page, f"{marker!r} not on the page after the reload"
                assert time.monotonic() - saved < RELOAD_WITHIN + 1
                # The second save comes 1 s after the first: livereload's own handler would drop its reload.
                await asyncio.sleep(max(0.0, 1.0 - (time.monotonic() - saved)))
        finally:
            connection.close()

    asyncio.run(scenario())
    assert server.rebuilds() == [f"seeds/{SAMPLE.name} changed"] * 2
    assert all(did.startswith(": 1 seed extracted, 0 reused") for did in server.rebuild_work()), server.log()


def test_a_broken_site_yml_shows_the_error_page_and_recovers(server: Server) -> None:
    config = server.project / "site.yml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good + "summary: [unclosed\nper_page: 3\n", encoding="utf-8")

    def error_shown() -> str | None:
        status, body = fetch(server.url("/"))
        return body if status == 500 else None

    page = wait_for(error_shown, 10, "the error page")
    assert re.search(r"site\.yml:\d+: YAML", page), page
    assert "livereload.js" in page
    assert server.process.poll() is None
    config.write_text(good.replace("title: Test Digest", "title: Renamed Digest"), encoding="utf-8")
    wait_for(lambda: fetch(server.url("/"))[0] == 200, 10, "the site back")
    assert "Renamed Digest" in fetch(server.url("/"))[1]  # the config was read again
    assert "build failed (site.yml changed)" in server.log()


def test_a_server_started_on_a_broken_site_yml_comes_up_and_recovers(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    config = project / "site.yml"
    good = config.read_text(encoding="utf-8")
    config.write_text("title: [broken\n", encoding="utf-8")
    running = Server(project, tmp_path / "serve.log", tmp_path / "tmp")
    try:
        wait_for(running.started, STARTUP, "the server to start")
        status, page = fetch(running.url("/"))
        assert status == 500 and re.search(r"site\.yml:\d+: YAML syntax error", page), page
        config.write_text(good, encoding="utf-8")
        wait_for(lambda: fetch(running.url("/"))[0] == 200, 10, "the site")
    finally:
        running.stop()


def test_a_broken_template_shows_file_and_line_then_recovers(server: Server) -> None:
    article = article_path(server)
    template = server.project / "templates" / "article.html"
    good = template.read_text(encoding="utf-8")
    template.write_text("{% extends 'base.html' %}\n{% block main %}\n{% if %}\n{% endblock %}\n", encoding="utf-8")

    def error_shown() -> str | None:
        status, body = fetch(server.url(article))
        return body if status == 500 else None

    page = wait_for(error_shown, 10, "the error page")
    assert re.search(r"article\.html:3: template error", page), page
    template.write_text(good, encoding="utf-8")
    wait_for(lambda: fetch(server.url(article))[0] == 200, 10, "the article back")
    base = server.project / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8") + "<!-- edited base template -->\n", encoding="utf-8")
    wait_for(lambda: "edited base template" in fetch(server.url(article))[1], 10, "the page rendered anew")


def test_an_unreadable_seed_is_shown_in_the_browser_until_fixed(server: Server) -> None:
    seed = server.project / "seeds" / "broken.md"
    seed.write_text("---\ntitle: A <b>bold</b> story\ntags: [unclosed\n---\n\nBody.\n", encoding="utf-8")

    def notice_shown() -> str | None:
        status, body = fetch(server.url("/"))
        return body if status == 200 and "digest-serve-notice" in body else None

    page = wait_for(notice_shown, 10, "the warning about the saved seed")
    assert re.search(r"seeds/broken\.md:\d+: ", page), page
    assert "<b>bold" not in page
    assert re.search(r"^  warning: seeds/broken\.md:\d+: ", server.log(), re.M), server.log()
    seed.write_text("---\ntitle: A fixed story\ndate: 2023-06-11\n---\n\nBody of the fixed story.\n", encoding="utf-8")
    wait_for(lambda: "digest-serve-notice" not in fetch(server.url("/"))[1], 10, "the warning gone")
    assert server.process.poll() is None


def test_fifty_seeds_saved_at_once_are_one_rebuild(server: Server) -> None:
    body = SAMPLE.read_text(encoding="utf-8").split("\n", 1)[1]
    before = len(server.rebuilds())
    for number in range(50):
        title = f"Burst story number {number} about the harbour council"
        (server.project / "seeds" / f"burst_{number:02}.txt").write_text(
            f"{title}\n{body}\n\nBurst marker {number}.\n", encoding="utf-8")
    wait_for(lambda: len(server.rebuilds()) > before, 60, "the rebuild")
    time.sleep(1.5)  # long enough for a second rebuild to show, were the burst split
    after = server.rebuilds()[before:]
    assert after == ["seeds/burst_00.txt and 49 more files changed"], server.log()
    assert server.rebuild_work()[-1].startswith(": 50 seeds extracted, 1 reused"), server.log()
    # A change to one seed re-reads only that seed and reuses the 50 others.
    (server.project / "seeds" / "burst_07.txt").write_text(f"Burst story seven, revised\n{body}\n", encoding="utf-8")
    wait_for(lambda: len(server.rebuilds()) > before + 1, 60, "the second rebuild")
    assert server.rebuilds()[-1] == "seeds/burst_07.txt changed"
    assert server.rebuild_work()[-1].startswith(": 1 seed extracted, 50 reused"), server.log()


def test_ctrl_c_stops_cleanly_and_removes_the_preview_folder(server: Server) -> None:
    folder = Path(wait_for(server.started, 10, "the preview folder"))
    assert folder.parent == server.project.parent / "tmp"
    assert folder.is_dir() and (folder / "site" / "index.html").is_file()
    assert server.interrupt() == 0
    assert not folder.exists()
    assert server.log().rstrip().endswith("stopped") and "Traceback" not in server.log()
    assert not (server.project / "_site").exists()  # the user's output folder is never touched


def test_ctrl_c_in_the_middle_of_a_long_rebuild_stops_at_once(server: Server) -> None:
    folder = Path(wait_for(server.started, 10, "the preview folder"))
    base = server.project / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8") + "{% for i in range(10**9) %}{% endfor %}\n", encoding="utf-8")
    time.sleep(1.0)  # the rebuild has started (saves are seen within a few tenths of a second)
    started = time.monotonic()
    assert server.interrupt() == 0
    assert time.monotonic() - started < 10  # rendering that template would take minutes
    assert not folder.exists()
    assert "rebuilt (templates/base.html" not in server.log()
    assert "Traceback" not in server.log() and "Task was destroyed" not in server.log()


def test_port_in_use_is_a_clear_error(tmp_path: Path, busy_port: int) -> None:
    project = make_project(tmp_path / "project")
    port = busy_port
    done = run_digest("serve", "--host", HOST, "--port", str(port), cwd=project, timeout=60)
    assert done.returncode == 1
    assert f"{HOST}:{port}" in done.stderr and "in use" in done.stderr and "--port" in done.stderr
