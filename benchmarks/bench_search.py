"""What search costs: cold build time with and without the Pagefind index, and the index's share of the site.

Builds the 2,225 BBC articles twice from a cold cache (search off, then on), times the indexing step alone on
the built pages, and prints the figures against the bars (search adds under 20% to the cold build time; the
index is under 15% of the site's size).

Run: .venv/bin/python benchmarks/bench_search.py [--shared ../shared] [--limit N]
Skips with a message when the shared corpus is absent.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from digest.build import build  # noqa: E402
from digest.render import OutputFile  # noqa: E402
from digest.search import BUNDLE_DIR, find_pagefind, index_site  # noqa: E402

TIME_BAR = 0.20
SIZE_BAR = 0.15


def make_project(root: Path, seeds: Path, search: bool) -> Path:
    """Lay out a project using the repo's templates and the given seeds folder; return its site.yml."""
    for name in ("templates", "static", "content"):
        if not (root / name).exists() and (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name)
    config = root / "site.yml"
    config.write_text(
        f"title: Bench Digest\nbase_url: https://example.github.io/digest/\ntimezone: Europe/London\n"
        f"seeds_dir: {seeds}\ncache_dir: cache\noutput_dir: _site\nsearch: {'true' if search else 'false'}\n",
        encoding="utf-8")
    return config


def cpu_seconds() -> float:
    """Return the CPU time used so far by this process and its finished children (extraction pool, Pagefind)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def cold_build(config: Path) -> tuple[float, float, Path, int]:
    """Build from nothing (no cache, no previous output); return wall and CPU seconds, output folder, warnings."""
    for leftover in ("cache", "_site", ".digest-cache"):
        shutil.rmtree(config.parent / leftover, ignore_errors=True)
    started, cpu = time.perf_counter(), cpu_seconds()
    result = build(config)
    return time.perf_counter() - started, cpu_seconds() - cpu, result.output, len(result.problems)


def folder_bytes(folder: Path) -> int:
    """Return the total size of the files under a folder."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def site_files(site: Path) -> tuple[OutputFile, ...]:
    """Read a built site back as output files, leaving out its search bundle."""
    return tuple(
        OutputFile(p.relative_to(site).as_posix(), p.read_bytes())
        for p in sorted(site.rglob("*"))
        if p.is_file() and not p.relative_to(site).as_posix().startswith(BUNDLE_DIR + "/")
    )


def main() -> int:
    """Run both cold builds and the indexing step alone; print the figures and whether the bars are met."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=REPO / ".." / "shared", help="the shared corpora folder")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles (0: all)")
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs of each measure; the best is kept (the machine is shared and noisy)")
    args = parser.parse_args()
    bbc = args.shared / "corpus" / "bbc" / "articles"
    if not bbc.is_dir():
        print(f"skipped: the BBC corpus is not at {bbc.resolve()}")
        return 0
    if find_pagefind() is None:
        print("skipped: the Pagefind binary is not installed (pip install 'pagefind[bin]')")
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-search-", ignore_cleanup_errors=True) as scratch:
        root = Path(scratch)
        seeds = bbc.resolve()
        if args.limit:
            seeds = root / "seeds"
            for path in sorted(bbc.rglob("*.txt"))[: args.limit]:
                (seeds / path.parent.name).mkdir(parents=True, exist_ok=True)
                shutil.copy(path, seeds / path.parent.name / path.name)
        repeat = max(1, args.repeat)
        off_runs = [cold_build(make_project(root / "off", seeds, search=False)) for _ in range(repeat)]
        on_runs = [cold_build(make_project(root / "on", seeds, search=True)) for _ in range(repeat)]
        off_seconds, off_cpu = min(r[0] for r in off_runs), min(r[1] for r in off_runs)
        on_seconds, on_cpu = min(r[0] for r in on_runs), min(r[1] for r in on_runs)
        site, warnings = on_runs[-1][2], on_runs[-1][3]
        files = site_files(site)
        index_runs = []
        for _ in range(repeat + 1):
            started, cpu = time.perf_counter(), cpu_seconds()
            _, problems = index_site(files, True)
            index_runs.append((time.perf_counter() - started, cpu_seconds() - cpu))
        index_seconds, index_cpu = min(r[0] for r in index_runs), min(r[1] for r in index_runs)
        bundle = folder_bytes(site / BUNDLE_DIR) if (site / BUNDLE_DIR).is_dir() else 0
        total = folder_bytes(site)
        articles = sum(1 for p in (site / "articles").iterdir() if p.is_dir())
        pages = sum(1 for f in files if f.path.endswith(".html"))
    added = on_seconds - off_seconds
    print(f"articles: {articles}  html pages: {pages}  warnings: {warnings}  search problems: {len(problems)}  "
          f"(best of {repeat} builds, {repeat + 1} indexing runs)")
    print(f"cold build, search off: {off_seconds:.2f} s wall, {off_cpu:.2f} s CPU")
    print(f"cold build, search on:  {on_seconds:.2f} s wall, {on_cpu:.2f} s CPU  "
          f"(difference {added:+.2f} s wall = {added / off_seconds:+.1%}, "
          f"{on_cpu - off_cpu:+.2f} s CPU = {(on_cpu - off_cpu) / off_cpu:+.1%})")
    print(f"indexing step alone:    {index_seconds:.2f} s wall ({index_seconds / off_seconds:.1%} of the cold build), "
          f"{index_cpu:.2f} s CPU ({index_cpu / off_cpu:.1%}); bar < {TIME_BAR:.0%}: "
          f"{'met' if index_seconds / off_seconds < TIME_BAR else 'NOT met'} by wall time, "
          f"{'met' if index_cpu / off_cpu < TIME_BAR else 'NOT met'} by CPU time")
    share = bundle / total
    print(f"site: {total / 2**20:.1f} MiB  index ({BUNDLE_DIR}/): {bundle / 2**20:.2f} MiB  "
          f"({share:.1%} of the site; bar < {SIZE_BAR:.0%}: {'met' if share < SIZE_BAR else 'NOT met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
