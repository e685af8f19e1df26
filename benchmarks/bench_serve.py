"""How fast `digest serve` shows a save: the real server on the 2,225 BBC articles, timed from save to reload.

Starts `python -m digest serve` on a free loopback port against a temporary project whose seeds are a copy of
the BBC corpus, listens on the livereload WebSocket like a browser, then saves one seed at a time (and a
template, site.yml, a burst of 50 seeds) and prints, for each, the rebuild time the server reports and the time
from the save to the `reload` message. The bar: a one-seed change rebuilds in under 1 s.

It first times the same Builder calls in-process, phase by phase (where a one-seed rebuild spends its time).

Run: .venv/bin/python benchmarks/bench_serve.py [--shared ../shared] [--saves N] [--search] [--limit N]
Skips with a message when the shared corpus is absent.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tornado.websocket import WebSocketClientConnection, websocket_connect

REPO = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
ONE_SEED_BAR = 1.0
SAVE_TIMEOUT = 900.0
REBUILD = re.compile(r"^\S+ (?:built|rebuilt|build failed) \((?P<what>[^)]*)\): (?P<did>.*) in (?P<seconds>[\d.]+)s$",
                     re.M)


def make_project(root: Path, corpus: Path, limit: int) -> Path:
    """Lay out a project with the repo's templates and a copy of the BBC articles as seeds; return it."""
    for name in ("templates", "static", "content"):
        shutil.copytree(REPO / name, root / name)
    articles = sorted(corpus.rglob("*.txt"))
    for article in articles[:limit] if limit > 0 else articles:
        target = root / "seeds" / article.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(article, target)
    (root / "site.yml").write_text(
        "title: Bench Digest\nbase_url: https://example.github.io/digest/\ntimezone: Europe/London\n",
        encoding="utf-8")
    return root


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def wait_for(check: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll `check` until true, or stop the benchmark after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(0.05)


async def receive(connection: WebSocketClientConnection) -> str | bytes | None:
    return await connection.read_message()


async def next_reload(connection: WebSocketClientConnection, timeout: float) -> None:
    """Wait for the next `reload` command."""
    deadline = time.monotonic() + timeout
    while True:
        message = await asyncio.wait_for(receive(connection), max(0.01, deadline - time.monotonic()))
        if message is None:
            raise SystemExit("the server closed the WebSocket")
        if json.loads(message).get("command") == "reload":
            return


class Run:
    """The server under test and its console log."""

    def __init__(self, project: Path, log: Path, search: bool) -> None:
        self.project = project
        self.log_path = log
        self.port = free_port()
        env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1", "TMPDIR": str(log.parent)}
        with log.open("wb") as sink:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "digest", "serve", "--host", HOST, "--port", str(self.port),
                 *(["--search"] if search else [])],
                cwd=project, env=env, stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def rebuilds(self) -> list[re.Match[str]]:
        return list(REBUILD.finditer(self.log()))

    def started(self) -> bool:
        if self.process.poll() is not None:
            raise SystemExit(f"the server exited:\n{self.log()}")
        return "\nserving http://" in self.log()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)


async def timed_save(run: Run, connection: WebSocketClientConnection, save: Callable[[], None]) -> tuple[float, str]:
    """Save, wait for the reload; return seconds from save to reload and the server's line for the rebuild."""
    before = len(run.rebuilds())
    started = time.perf_counter()
    save()
    try:
        await next_reload(connection, SAVE_TIMEOUT)
    except TimeoutError:
        raise SystemExit(f"no reload within {SAVE_TIMEOUT:.0f}s of a save:\n{run.log()}") from None
    latency = time.perf_counter() - started
    wait_for(lambda: len(run.rebuilds()) > before, 10, "the console line")
    return latency, run.rebuilds()[-1].group(0)


def append_to(path: Path, text: str) -> Callable[[], None]:
    def save() -> None:
        path.write_bytes(path.read_bytes().rstrip() + f"\n\n{text}\n".encode())
    return save


async def measure(run: Run, saves: int) -> int:
    """Time the saves; print the figures; return 1 when the one-seed bar is missed."""
    connection = await asyncio.wait_for(websocket_connect(f"ws://{HOST}:{run.port}/livereload"), 30)
    await connection.write_message(json.dumps({"command": "hello", "protocols": [
        "http://livereload.com/protocols/official-7"]}))
    await asyncio.wait_for(receive(connection), 30)
    seeds = sorted((run.project / "seeds").rglob("*.txt"))
    picks = [seeds[(n * 997) % len(seeds)] for n in range(saves)]
    rebuild_times: list[float] = []
    latencies: list[float] = []
    for number, seed in enumerate(picks):
        latency, line = await timed_save(run, connection, append_to(seed, f"Benchmark paragraph {number}."))
        match = REBUILD.search(line)
        assert match is not None
        rebuild_times.append(float(match.group("seconds")))
        latencies.append(latency)
        print(f"  one seed  : save->reload {latency:.2f}s | {line}")
        await asyncio.sleep(0.3)
    template = run.project / "templates" / "article.html"
    latency, line = await timed_save(run, connection, append_to(template, "{# benchmark edit #}"))
    print(f"  template  : save->reload {latency:.2f}s | {line}")
    config = run.project / "site.yml"
    latency, line = await timed_save(run, connection, append_to(config, "description: Benchmark edit"))
    print(f"  site.yml  : save->reload {latency:.2f}s | {line}")

    def burst() -> None:
        for number, seed in enumerate(seeds[:50]):
            append_to(seed, f"Burst paragraph {number}.")()

    latency, line = await timed_save(run, connection, burst)
    print(f"  {min(50, len(seeds))} seeds  : save->reload {latency:.2f}s | {line}")
    connection.close()
    median, worst = statistics.median(rebuild_times), max(rebuild_times)
    print(f"one-seed rebuild ({len(rebuild_times)} saves): median {median:.2f}s, worst {worst:.2f}s "
          f"(bar < {ONE_SEED_BAR:.1f}s: {'met' if worst < ONE_SEED_BAR else 'MISSED'}); "
          f"save->reload median {statistics.median(latencies):.2f}s, worst {max(latencies):.2f}s")
    return 0 if worst < ONE_SEED_BAR else 1


def builder_phases(project: Path, search: bool) -> None:
    """Time the Builder in-process as `digest serve` uses it: a first build, then one seed saved; print the phases."""
    sys.path.insert(0, str(REPO))
    from digest.serve import PreviewBuilder

    out = project.parent / "phases-out"
    builder = PreviewBuilder(project / "site.yml", out=out, drafts=False, search=search)
    for label, changed in (("first build", None), ("one seed", [sorted((project / "seeds").rglob("*.txt"))[7]])):
        if changed:
            append_to(changed[0], "Phase benchmark paragraph.")()
        started = time.perf_counter()
        result = builder.build(changed=changed)
        took = time.perf_counter() - started
        phases = ", ".join(f"{name} {seconds:.2f}" for name, seconds in result.phases)
        print(f"  in-process {label}: {took:.2f}s ({result.extracted} extracted, {result.written} written) | {phases}")
    shutil.rmtree(out, ignore_errors=True)


def main() -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=REPO / ".." / "shared")
    parser.add_argument("--saves", type=int, default=8, help="one-seed saves to time")
    parser.add_argument("--search", action="store_true", help="serve with --search (the Pagefind index too)")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles (quick checks)")
    parser.add_argument("--phases", action=argparse.BooleanOptionalAction, default=True,
                        help="time the Builder phases in-process first (default: yes)")
    args = parser.parse_args()
    corpus = args.shared / "corpus" / "bbc" / "articles"
    if not corpus.is_dir():
        print(f"skipped: the BBC corpus is not at {corpus.resolve()}")
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-serve-", ignore_cleanup_errors=True) as scratch:
        project = make_project(Path(scratch) / "project", corpus, args.limit)
        if args.phases:
            builder_phases(project, args.search)
        run = Run(project, Path(scratch) / "serve.log", args.search)
        try:
            started = time.perf_counter()
            wait_for(run.started, 1200, "the first build")
            first = run.rebuilds()
            print(f"articles: {sum(1 for _ in (project / 'seeds').rglob('*.txt'))}, search: {args.search}")
            print(f"  first build: {time.perf_counter() - started:.1f}s to serving | "
                  f"{first[0].group(0) if first else run.log().splitlines()[0]}")
            code = asyncio.run(measure(run, max(1, args.saves)))
        finally:
            run.stop()
        leftovers = [p for p in Path(scratch).iterdir() if p.name.startswith("digest-serve-")]
        print(f"stopped with exit code {run.process.returncode}; preview folders left: {len(leftovers)}")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
