"""The build: load config -> read seeds -> extract -> assemble -> render -> write.

`Builder` keeps what it extracted between builds (in memory for `digest serve`, on disk in the extraction cache
for the next process), so a rebuild re-reads and re-extracts only the seeds whose bytes changed.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from digest.assemble import assemble_site, problems_of
from digest.cache import ExtractionCache, options_fingerprint, seed_key
from digest.config import SiteConfig, load_config, parse_config
from digest.errors import SeedError
from digest.extract import ExtractOptions, extract_article
from digest.model import Article, Problem, Seed, Site
from digest.pages import load_pages
from digest.people import load_profiles
from digest.progress import Progress
from digest.reading import ReadOptions, dedupe_seeds, list_seeds, parse_seed, read_seed
from digest.render import render_site
from digest.search import index_site
from digest.urls import Urls
from digest.write import write_site

PARALLEL_MIN = 50
"""Fewest seeds to extract before a process pool pays for its start-up."""


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build did, for the summary and for --strict."""

    site: Site
    files: int
    """Files in the output folder."""
    problems: tuple[Problem, ...]
    output: Path
    written: int = 0
    """Files whose bytes are new."""
    unchanged: int = 0
    """Files kept as they were (same bytes, same mtime)."""
    removed: int = 0
    """Files of the previous build that are gone."""
    extracted: int = 0
    """Seeds read and extracted in this build."""
    cached: int = 0
    """Seeds whose extraction came from memory or the cache."""
    phases: tuple[tuple[str, float], ...] = ()
    """(phase, seconds), in build order."""


@dataclass(frozen=True, slots=True)
class SeedInput:
    """One seed file to extract: its bytes, its path as shown, and its cache key."""

    shown: str
    data: bytes
    key: str


def build_time() -> datetime:
    """Return the build time: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC).replace(microsecond=0)


def with_base_url(config: SiteConfig, base_url: str) -> SiteConfig:
    """Return the config with another base_url (from the command line), validated like site.yml's."""
    checked, _ = parse_config(f"base_url: {json.dumps(base_url)}\n", "--base-url", config.root)
    return replace(config, base_url=checked.base_url)


def extract_options(config: SiteConfig) -> ExtractOptions:
    """Return the extraction settings of a site."""
    return ExtractOptions(config.summary_sentences, config.summary_max_words, config.prefer_highlights)


def read_seeds(paths: Sequence[Path], options: ReadOptions, root: Path) -> tuple[tuple[Seed, ...], list[Problem]]:
    """Read every seed; one that cannot be read becomes a warning, never the end of the build."""
    seeds: list[Seed] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            seeds.append(read_seed(path, options, root=root))
        except SeedError as exc:
            problems.extend(exc.problems)
    return tuple(seeds), problems


def extract_articles(seeds: Sequence[Seed], options: ExtractOptions) -> tuple[Article, ...]:
    """Extract every seed (the costly stage)."""
    return tuple(extract_article(seed, options) for seed in seeds)


def shown_path(path: Path, root: Path) -> str:
    """Return a seed's path as warnings and Seed.path show it: relative to the project when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def extract_seed(read_options: ReadOptions, options: ExtractOptions, item: SeedInput) -> Article | tuple[Problem, ...]:
    """Parse and extract one seed's bytes; return its problems instead when it cannot be read."""
    try:
        seed = parse_seed(item.data, item.shown, read_options)
    except SeedError as exc:
        return exc.problems
    return extract_article(seed, options)


def default_jobs() -> int:
    """Return how many processes extraction may use: the CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def extract_inputs(
    items: Sequence[SeedInput], read_options: ReadOptions, options: ExtractOptions, jobs: int, progress: Progress,
) -> list[Article | tuple[Problem, ...]]:
    """Extract seeds in order, over `jobs` processes when there is enough work; the result never depends on jobs."""
    work = partial(extract_seed, read_options, options)
    if jobs <= 1 or len(items) < PARALLEL_MIN:
        results = []
        for item in items:
            results.append(work(item))
            progress.advance()
        return results
    # fork is cheap and inherits the imported modules, but is unsafe once other threads run (digest serve)
    method = "fork" if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods() \
        else "spawn"
    chunk = max(1, min(64, len(items) // (jobs * 8)))
    done: list[Article | tuple[Problem, ...]] = []
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method)) as pool:
        for result in pool.map(work, items, chunksize=chunk):
            done.append(result)
            progress.advance()
    return done


class Builder:
    """Builds one site again and again, re-reading and re-extracting only the seeds whose bytes changed."""

    def __init__(
        self,
        config_path: Path,
        *,
        out: Path | None = None,
        drafts: bool = False,
        base_url: str | None = None,
        base_path: str | None = None,
        jobs: int | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.config_path = config_path
        self.out = out
        self.drafts = drafts
        self.base_url = base_url
        self.base_path = base_path
        self.jobs = jobs if jobs is not None and jobs > 0 else default_jobs()
        self.progress = progress
        self._articles: dict[str, Article] = {}
        """Extraction results of the last build, by cache key."""
        self._stamps: dict[str, tuple[int, int, int, str]] = {}
        """Seed path -> (size, mtime_ns, inode, cache key) of the last build, trusted only for unchanged paths."""
        self._options = ""

    def load_config(self) -> tuple[SiteConfig, tuple[Problem, ...]]:
        """Load site.yml afresh (every build: a config change invalidates what depends on it)."""
        config, problems = load_config(self.config_path)
        if self.base_url:
            config = with_base_url(config, self.base_url)
        return config, problems

    def gather(
        self, config: SiteConfig, progress: Progress, changed: Iterable[Path] | None = None,
        built: datetime | None = None,
    ) -> tuple[Site, list[Problem], dict[str, str], tuple[int, int]]:
        """Read, extract and assemble; return the site, warnings, seed path -> cache key, (extracted, cached)."""
        read_options, options = config.read_options(), extract_options(config)
        fingerprint = options_fingerprint(read_options, options)
        if fingerprint != self._options:
            self._stamps.clear()
            self._options = fingerprint
        cache = ExtractionCache(config.path("cache_dir") / "extract")
        with progress.phase("list"):
            paths, listing = list_seeds(config.path("seeds_dir"), read_options)
        with progress.phase("read", len(paths)):
            inputs, problems = self._read_inputs(paths, config.root, fingerprint, changed, progress)
        found: dict[str, Article] = {}
        missing: list[SeedInput] = []
        with progress.phase("cache", len(inputs)):
            for item in inputs:
                article = self._articles.get(item.key) or cache.load(item.key)
                if article is None:
                    missing.append(item)
                else:
                    found[item.key] = article
                progress.advance()
        with progress.phase("extract", len(missing)):
            results = extract_inputs(missing, read_options, options, self.jobs, progress)
        for item, result in zip(missing, results, strict=True):
            if isinstance(result, Article):
                found[item.key] = result
                cache.store(item.key, result)
            else:
                problems.extend(result)
                self._stamps.pop(item.shown, None)
        keys = {item.shown: item.key for item in inputs if item.key in found}
        articles = [found[item.key] for item in inputs if item.key in found]
        self._articles = found
        cache.prune(found)
        with progress.phase("assemble"):
            site, more = assemble_articles(articles, config, self.drafts, built or build_time())
        return site, [*listing, *problems, *more], keys, (len(missing), len(inputs) - len(missing))

    def _read_inputs(
        self, paths: Sequence[Path], root: Path, fingerprint: str, changed: Iterable[Path] | None,
        progress: Progress,
    ) -> tuple[list[SeedInput], list[Problem]]:
        """Read the bytes of each seed and key them; with a list of changed paths, trust the others' stamps."""
        unchanged_since: set[str] | None = None
        if changed is not None:
            changed_names = {shown_path(Path(p), root) for p in changed}
            unchanged_since = {name for name in self._stamps if name not in changed_names}
        inputs: list[SeedInput] = []
        problems: list[Problem] = []
        stamps: dict[str, tuple[int, int, int, str]] = {}
        for path in paths:
            shown = shown_path(path, root)
            progress.advance()
            try:
                status = path.stat()
                stamp = self._stamps.get(shown)
                if (unchanged_since is not None and shown in unchanged_since and stamp is not None
                        and stamp[:3] == (status.st_size, status.st_mtime_ns, status.st_ino)
                        and stamp[3] in self._articles):
                    inputs.append(SeedInput(shown, b"", stamp[3]))
                    stamps[shown] = stamp
                    continue
                data = path.read_bytes()
            except OSError as err:
                problems.append(Problem(file=shown, message=f"cannot be read: {err.strerror or err}"))
                continue
            key = seed_key(fingerprint, shown, data)
            inputs.append(SeedInput(shown, data, key))
            stamps[shown] = (status.st_size, status.st_mtime_ns, status.st_ino, key)
        self._stamps = stamps
        return inputs, problems

    def build(self, changed: Iterable[Path] | None = None) -> BuildResult:
        """Build the site and swap it into the output folder; `changed` (paths saved since) is only a hint."""
        progress = self.progress or Progress(bar=False)
        progress.phases.clear()
        with progress.phase("config"):
            config, config_problems = self.load_config()
        site, problems, _keys, (extracted, cached) = self.gather(config, progress, changed)
        urls = Urls(config.base_url, self.base_path or config.base_path)
        with progress.phase("render"):
            files = render_site(site, config, urls)
        with progress.phase("search"):
            files, search_problems = index_site(files, config.search)
        output = self.out if self.out is not None else config.path("output_dir")
        with progress.phase("write", len(files)):
            count = write_site(files, output)
        return BuildResult(site, count, (*config_problems, *problems, *search_problems), output, written=count,
                           extracted=extracted, cached=cached, phases=tuple(progress.phases))


def assemble_articles(
    articles: Sequence[Article], config: SiteConfig, drafts: bool, built: datetime,
) -> tuple[Site, list[Problem]]:
    """Drop drafts and repeated stories, then join articles, profiles and pages into the site model."""
    by_path = {a.seed.path: a for a in articles}
    seeds, duplicates = dedupe_seeds([a.seed for a in articles if drafts or not a.seed.draft])
    kept = [by_path[s.path] if by_path[s.path].seed is s else replace(by_path[s.path], seed=s) for s in seeds]
    profiles, profile_problems = load_profiles(config.path("content_dir") / "people")
    pages, page_problems = load_pages(config.path("content_dir") / "pages")
    site = assemble_site(kept, profiles, pages, built)
    return site, [*duplicates, *profile_problems, *page_problems, *problems_of(site)]


def gather_site(
    config: SiteConfig, *, drafts: bool = False, built: datetime | None = None,
) -> tuple[Site, list[Problem]]:
    """Read and extract every input and assemble the site model; writes nothing."""
    site, problems, _, _ = Builder(config.root / "site.yml", drafts=drafts).gather(config, Progress(bar=False),
                                                                                    built=built)
    return site, problems


def build(
    config_path: Path,
    *,
    out: Path | None = None,
    drafts: bool = False,
    base_url: str | None = None,
    base_path: str | None = None,
    jobs: int | None = None,
) -> BuildResult:
    """Build the site described by `config_path` and swap it into the output folder."""
    return Builder(config_path, out=out, drafts=drafts, base_url=base_url, base_path=base_path, jobs=jobs).build()
