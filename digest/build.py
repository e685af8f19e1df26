"""The build: load config -> read seeds -> extract -> assemble -> render -> write.

`Builder` keeps what it extracted between builds (in memory for `digest serve`, on disk in the extraction cache
for the next process), so a rebuild re-extracts only the seeds whose bytes changed. A rebuild whose inputs are
exactly those of the last build, into an output nobody touched since, stops after reading the inputs.

The stages past reading (extraction, assembly, rendering, search) are imported when first needed: a no-op
rebuild never loads them, and their import is a good part of its time.
"""

from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digest.cache import ExtractionCache, code_fingerprint, options_fingerprint, seed_key
from digest.config import SiteConfig, load_config, parse_config
from digest.errors import SeedError
from digest.model import Article, Problem, Seed, Site
from digest.progress import Progress
from digest.reading import ReadOptions, list_seeds, parse_seed, read_seed
from digest.write import WriteResult, existing_files, file_stamps, write_site

if TYPE_CHECKING:
    from digest.assemble import AssemblyMemo
    from digest.extract import ExtractOptions
    from digest.incremental import PageRecord, RenderMemo
    from digest.render import OutputFile

PARALLEL_MIN = 50
"""Fewest seeds to extract before a process pool pays for its start-up."""
STAMP_FORMAT = 1
"""Bump when the layout of the last-build stamp changes."""
SNAPSHOT_DRIFT_MIN = 20
"""Stories the snapshot on disk may lack (2 % of a big site's) before a build saves a new one: its memos still
spare a new process most of the work, and saving one costs about as much as a one-seed rebuild renders."""


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build did, for the summary and for --strict."""

    site_of: Callable[[], Site] = field(repr=False)
    """Returns the site model (a no-op rebuild assembles it only when asked)."""
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
    articles: int = 0
    people: int = 0
    quotes: int = 0
    phases: tuple[tuple[str, float], ...] = ()
    """(phase, seconds), in build order."""
    skipped: bool = False
    """True when the inputs were those of the last build and nothing was done."""
    reused: int = 0
    """Pages taken from the last build's output without rendering (their inputs were unchanged)."""

    @property
    def site(self) -> Site:
        """Return the site model that was built."""
        return self.site_of()


@dataclass(frozen=True, slots=True)
class SeedInput:
    """One seed file: its path as shown, its bytes (empty when known unchanged) and their digest."""

    shown: str
    data: bytes
    digest: str


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
    from digest.extract import ExtractOptions

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
    from digest.extract import extract_article

    return tuple(extract_article(seed, options) for seed in seeds)


def shown_path(path: Path, root: Path) -> str:
    """Return a seed's path as warnings and Seed.path show it: relative to the project when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def extract_seed(read_options: ReadOptions, options: ExtractOptions, item: SeedInput) -> Article | tuple[Problem, ...]:
    """Parse and extract one seed's bytes; return its problems instead when it cannot be read."""
    from digest.extract import extract_article

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
    # Workers are forked: cheap, and they inherit the imported modules. Forking while other threads run (digest
    # serve) is unsafe, and spawned workers would run the program's __main__ again: then extract in this process.
    if jobs <= 1 or len(items) < PARALLEL_MIN or threading.active_count() > 1 \
            or "fork" not in multiprocessing.get_all_start_methods():
        results = []
        for item in items:
            results.append(work(item))
            progress.advance()
        return results
    chunk = max(1, min(32, len(items) // (jobs * 8)))
    done: list[Article | tuple[Problem, ...]] = []
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        for result in pool.map(work, items, chunksize=chunk):
            done.append(result)
            progress.advance()
    return done


def folder_fingerprint(folder: Path) -> str:
    """Return a digest of the names and bytes of every file under a folder (templates, static, content)."""
    digest = hashlib.sha256()
    for path in sorted(existing_files(folder)):
        digest.update(path.encode() + b"\0")
        try:
            digest.update(hashlib.sha256((folder / path).read_bytes()).digest())
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()


class ShownPaths:
    """Turns seed paths into paths as shown (relative to the project), resolving each folder only once."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.folders: dict[str, Path] = {}

    def __call__(self, path: Path) -> str:
        """Return the path as shown: like `path.resolve().relative_to(root)`, else as given."""
        if os.path.islink(path):
            real = path.resolve()
        else:
            parent = os.path.dirname(path)
            folder = self.folders.get(parent)
            if folder is None:
                folder = self.folders[parent] = Path(parent).resolve()
            real = folder / path.name
        try:
            return real.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


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
        """Seed path -> (size, mtime_ns, inode, digest of bytes) at the last build."""
        self._last_stamp: tuple[Path, tuple[int, int, int] | None, dict[str, Any]] | None = None
        """The stamp this builder last saved, with the (size, mtime_ns, inode) of its file: not read back."""
        self._last_records: dict[str, PageRecord] = {}
        """The page records of that stamp, as objects."""
        self.save_stamps = True
        """False when nobody else builds into this output (digest serve): the stamp stays in memory only."""
        self._assembly: AssemblyMemo | None = None
        """Per-story assembly work of the last build (digest serve assembles again after each save)."""
        self._rendering: RenderMemo | None = None
        """Pages, digest.json items and templates of the last build (digest serve renders again after each save)."""
        self._snapshot_keys: frozenset[str] = frozenset()
        """Cache keys of the articles in the snapshot on disk (see `restore`)."""

    def load_config(self) -> tuple[SiteConfig, tuple[Problem, ...]]:
        """Load site.yml afresh (every build: a config change invalidates what depends on it)."""
        config, problems = load_config(self.config_path)
        if self.base_url:
            config = with_base_url(config, self.base_url)
        return config, problems

    def read_inputs(
        self, config: SiteConfig, progress: Progress, changed: Iterable[Path] | None = None,
    ) -> tuple[list[SeedInput], list[Problem]]:
        """List and read the seeds; with a list of changed paths, trust the others' last size and mtime."""
        read_options = config.read_options()
        with progress.phase("list"):
            paths, listing = list_seeds(config.path("seeds_dir"), read_options)
        trusted: set[str] = set()
        shown_of = ShownPaths(config.root)
        if changed is not None:
            changed_names = {shown_of(Path(p)) for p in changed}
            trusted = {name for name in self._stamps if name not in changed_names}
        inputs: list[SeedInput] = []
        problems: list[Problem] = list(listing)
        stamps: dict[str, tuple[int, int, int, str]] = {}
        with progress.phase("read", len(paths)):
            for path in paths:
                shown = shown_of(path)
                progress.advance()
                try:
                    status = path.stat()
                    stamp = self._stamps.get(shown)
                    if shown in trusted and stamp is not None \
                            and stamp[:3] == (status.st_size, status.st_mtime_ns, status.st_ino):
                        inputs.append(SeedInput(shown, b"", stamp[3]))
                        stamps[shown] = stamp
                        continue
                    data = path.read_bytes()
                except OSError as err:
                    problems.append(Problem(file=shown, message=f"cannot be read: {err.strerror or err}"))
                    continue
                digest = hashlib.sha256(data).hexdigest()
                inputs.append(SeedInput(shown, data, digest))
                stamps[shown] = (status.st_size, status.st_mtime_ns, status.st_ino, digest)
        self._stamps = stamps
        return inputs, problems

    def extract(
        self, config: SiteConfig, inputs: Sequence[SeedInput], progress: Progress,
    ) -> tuple[list[Article], dict[str, str], list[Problem], int]:
        """Return the article of each input (memory, cache or extraction), seed path -> key, warnings, extracted."""
        from digest.extract import EXTRACTOR_VERSION

        read_options, options = config.read_options(), extract_options(config)
        fingerprint = options_fingerprint(EXTRACTOR_VERSION, read_options, options)
        cache = ExtractionCache(config.path("cache_dir") / "extract")
        keys = {item.shown: seed_key(fingerprint, item.shown, item.digest) for item in inputs}
        found: dict[str, Article] = {}
        missing: list[SeedInput] = []
        unreadable: list[Problem] = []
        with progress.phase("cache", len(inputs)):
            for item in inputs:
                key = keys[item.shown]
                article = self._articles.get(key) or cache.load(key)
                if article is not None:
                    found[key] = article
                elif item.data or item.digest == _EMPTY:
                    missing.append(item)
                else:  # trusted as unchanged, but its extraction is gone (new options): read it after all
                    again = self._reread(config, item)
                    if again is None:
                        unreadable.append(Problem(file=item.shown, message="cannot be read"))
                    else:
                        missing.append(again)
                progress.advance()
        problems: list[Problem] = unreadable
        with progress.phase("extract", len(missing)):
            results = extract_inputs(missing, read_options, options, self.jobs, progress)
        for item, result in zip(missing, results, strict=True):
            if isinstance(result, Article):
                found[keys[item.shown]] = result
                cache.store(keys[item.shown], result)
            else:
                problems.extend(result)
                self._stamps.pop(item.shown, None)
        self._articles = found
        cache.prune(found)
        articles = [found[keys[item.shown]] for item in inputs if keys[item.shown] in found]
        return articles, {s: k for s, k in keys.items() if k in found}, problems, len(missing)

    def _reread(self, config: SiteConfig, item: SeedInput) -> SeedInput | None:
        try:
            data = (config.root / item.shown).read_bytes()
        except OSError:
            return None
        return SeedInput(item.shown, data, hashlib.sha256(data).hexdigest())

    def gather(
        self, config: SiteConfig, progress: Progress, changed: Iterable[Path] | None = None,
        built: datetime | None = None,
    ) -> tuple[Site, list[Problem], int, int]:
        """Read, extract and assemble; return the site, warnings, seeds extracted and seeds reused."""
        inputs, problems = self.read_inputs(config, progress, changed)
        articles, _keys, more, extracted = self.extract(config, inputs, progress)
        from digest.assemble import assemble_articles

        with progress.phase("assemble"):
            site, assembly = assemble_articles(articles, config, self.drafts, built or build_time(),
                                               memo=self.assembly_memo())
        return site, [*problems, *more, *assembly], extracted, len(inputs) - extracted

    def input_fingerprint(self, config: SiteConfig, output: Path, inputs: Sequence[SeedInput]) -> str:
        """Return a digest of everything a build reads: code, config, arguments, seeds, templates, content."""
        digest = hashlib.sha256()
        parts = [STAMP_FORMAT, package_fingerprint(), repr(config), str(output), self.drafts, self.base_path,
                 os.environ.get("SOURCE_DATE_EPOCH"), folder_fingerprint(config.path("templates_dir")),
                 folder_fingerprint(config.path("static_dir")), folder_fingerprint(config.path("content_dir"))]
        digest.update(repr(parts).encode())
        for item in inputs:
            digest.update(f"{item.shown}\0{item.digest}\0".encode())
        return digest.hexdigest()

    def build(self, changed: Iterable[Path] | None = None) -> BuildResult:
        """Build the site and swap it into the output folder; `changed` (paths saved since) is only a hint."""
        progress = self.progress or Progress(bar=False)
        progress.phases.clear()
        with progress.phase("config"):
            config, config_problems = self.load_config()
        output = (self.out if self.out is not None else config.path("output_dir")).absolute()
        inputs, read_problems = self.read_inputs(config, progress, changed)
        # one stamp per output folder: `digest serve` and `digest build` of one site do not undo each other
        output_id = hashlib.sha256(str(output).encode()).hexdigest()[:16]
        stamp_file = config.path("cache_dir") / f"last-build-{output_id}.json"
        memo_file = config.path("cache_dir") / f"render-memo-{output_id}.json"
        snapshot_file = config.path("cache_dir") / f"snapshot-{output_id}.pickle"
        with progress.phase("check"):
            fingerprint = self.input_fingerprint(config, output, inputs)
            last = self.last_stamp(stamp_file, output)
            skipped = unchanged_build(last, fingerprint, output)
        if skipped is not None:
            return replace(skipped, site_of=cache(lambda: self.gather(config, Progress(bar=False))[0]),
                           phases=tuple(progress.phases))
        from digest.assemble import assemble_articles

        with frozen_garbage():  # the articles and memos live on: collections need not walk them
            if self.save_stamps and self._assembly is None and not self._articles:
                with progress.phase("restore"):
                    self.restore(snapshot_file, memo_file, output)
            articles, keys, extract_problems, extracted = self.extract(config, inputs, progress)
            with progress.phase("assemble"):
                site, assembly = assemble_articles(articles, config, self.drafts, build_time(),
                                                   memo=self.assembly_memo())
            if self._rendering is None:
                from digest.incremental import RenderMemo

                self._rendering = RenderMemo.load(memo_file, output) if self.save_stamps else RenderMemo()
            known_records = self._last_records if self._last_stamp is not None and last is self._last_stamp[2] \
                else None
            files, records, reused, search_problems = render_files(site, config, self.base_path, keys, output, last,
                                                                   progress, memo=self._rendering,
                                                                   records=known_records)
            with progress.phase("write", len(files)):
                written = write_site(files, output, known=reused,
                                     previous=last.get("files") if last is not None else None)
            problems = (*config_problems, *read_problems, *extract_problems, *assembly, *search_problems)
            result = BuildResult(
                lambda: site, written.files, problems, output, written.written, written.unchanged, written.removed,
                extracted, len(inputs) - extracted, len(site.articles), len(site.people),
                sum(len(a.quotes) for a in site.articles), tuple(progress.phases), reused=len(reused))
            with progress.phase("save"):
                saved = save_stamp(stamp_file, fingerprint, output, files, records, result, written,
                                   to_disk=self.save_stamps)
                if saved is not None and self.save_stamps:  # what the next process may use
                    self._rendering.save(memo_file)
                    self.keep_snapshot(snapshot_file, self._rendering)
            result = replace(result, phases=tuple(progress.phases))
        self._last_stamp, self._last_records = None, {}
        if saved is not None:
            status = file_status(stamp_file) if self.save_stamps else None
            if status is not None or not self.save_stamps:
                self._last_stamp, self._last_records = (stamp_file, status, saved), records
        return result

    def restore(self, snapshot_file: Path, memo_file: Path, output: Path) -> None:
        """Take up what the last process building into this output worked out, if it left a snapshot for us."""
        from digest.snapshot import load_snapshot

        snapshot = load_snapshot(snapshot_file, package_fingerprint())
        if snapshot is None:
            return
        if gc.get_freeze_count():  # inside frozen_garbage: the loaded memos live on too
            gc.freeze()
        snapshot.rendering.take_saved(memo_file, output)
        self._articles, self._assembly, self._rendering = snapshot.articles, snapshot.assembly, snapshot.rendering
        self._snapshot_keys = frozenset(snapshot.articles)

    def keep_snapshot(self, snapshot_file: Path, rendering: RenderMemo) -> None:
        """Save a snapshot for the next process when there is none on disk or the one there lacks many stories."""
        missing = len(self._articles.keys() - self._snapshot_keys)
        if self._snapshot_keys and missing <= max(SNAPSHOT_DRIFT_MIN, len(self._articles) // 50):
            return
        from digest.snapshot import Snapshot, save_snapshot

        saved = save_snapshot(snapshot_file, Snapshot(self._articles, self.assembly_memo(), rendering),
                              package_fingerprint())
        self._snapshot_keys = frozenset(self._articles) if saved else frozenset()

    def assembly_memo(self) -> AssemblyMemo:
        """Return the assembly work this builder keeps from one build to the next."""
        if self._assembly is None:
            from digest.assemble import AssemblyMemo

            self._assembly = AssemblyMemo()
        return self._assembly

    def last_stamp(self, stamp_file: Path, output: Path) -> dict[str, Any] | None:
        """Return the last build's stamp: the one this builder saved while its file is untouched, else read it."""
        if self._last_stamp is not None:
            path, status, stamp = self._last_stamp
            if path == stamp_file and stamp.get("output") == str(output) \
                    and (not self.save_stamps or file_status(stamp_file) == status):
                return stamp
        if not self.save_stamps:
            return None
        return load_stamp(stamp_file, output)


_EMPTY = hashlib.sha256(b"").hexdigest()


@cache
def package_fingerprint() -> str:
    """Return a digest of digest's own source: a new version of the program rebuilds everything."""
    import digest

    return code_fingerprint(Path(digest.__file__).parent, parts=("",))


def render_files(
    site: Site, config: SiteConfig, base_path: str | None, seed_keys: dict[str, str], output: Path,
    last: dict[str, Any] | None, progress: Progress, memo: RenderMemo | None = None,
    records: dict[str, PageRecord] | None = None,
) -> tuple[tuple[OutputFile, ...], dict[str, PageRecord], dict[str, tuple[int, int, int]], tuple[Problem, ...]]:
    """Render the pages whose inputs changed (taking the others from the last build) and add the search index."""
    from digest.incremental import render_changed
    from digest.search import index_site
    from digest.urls import Urls

    previous: dict[str, PageRecord] = {}
    stamps: dict[str, tuple[int, int, int]] = {}
    if last is not None:
        try:
            stamps = {path: (int(s[0]), int(s[1]), int(s[2])) for path, s in last["files"].items()}
            previous = records if records is not None else page_records(last.get("pages", {}))
        except (TypeError, ValueError, KeyError, IndexError, AttributeError):
            previous, stamps = {}, {}
    urls = Urls(config.base_url, base_path or config.base_path)
    templates = folder_fingerprint(config.path("templates_dir"))
    with progress.phase("render"):
        files, records, reused = render_changed(site, config, urls, seed_keys=seed_keys, code=package_fingerprint(),
                                                 templates=templates, output=output, previous=previous, stamps=stamps,
                                                 memo=memo)
    with progress.phase("search"):
        indexed, problems = index_site(files, config.search, last_output=output)
    return indexed, records, reused, problems


def page_records(saved: Mapping[str, Any]) -> dict[str, PageRecord]:
    """Return the page records a stamp saved (raises ValueError, TypeError... when they are not of that shape)."""
    from digest.incremental import PageRecord

    records: dict[str, PageRecord] = {}
    for path, (context, lookups_key, lookups) in saved.items():
        pairs = tuple(map(tuple, lookups))
        if not all(len(pair) == 2 for pair in pairs):
            raise ValueError(f"a lookup of {path} is not a (name, key) pair")
        records[path] = PageRecord(str(context), pairs, str(lookups_key))
    return records


@contextmanager
def frozen_garbage() -> Iterator[None]:
    """Keep the objects alive now out of garbage collections until the block ends (they are not garbage)."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def file_status(path: Path) -> tuple[int, int, int] | None:
    """Return (size, mtime_ns, inode) of a file, or None when it cannot be seen."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns, status.st_ino


def load_stamp(stamp_file: Path, output: Path) -> dict[str, Any] | None:
    """Return what the last build into `output` recorded, or None."""
    try:
        stamp = json.loads(stamp_file.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(stamp, dict) or stamp.get("format") != STAMP_FORMAT or stamp.get("output") != str(output):
        return None
    return stamp


def unchanged_build(stamp: dict[str, Any] | None, fingerprint: str, output: Path) -> BuildResult | None:
    """Return the result of the last build when its inputs were these and its output is untouched, else None."""
    if stamp is None or stamp.get("input") != fingerprint:
        return None
    try:
        files: dict[str, list[int]] = stamp["files"]
        if file_stamps(output) != {path: tuple(status) for path, status in files.items()}:
            return None
        problems = tuple(Problem(str(p[0]), str(p[1]), p[2], p[3]) for p in stamp["problems"])
        counts = stamp["counts"]
        return BuildResult(_no_site, len(files), problems, output, 0, len(files), 0, 0, int(counts["seeds"]),
                           int(counts["articles"]), int(counts["people"]), int(counts["quotes"]), skipped=True)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        return None


def _no_site() -> Site:
    raise RuntimeError("the site of a skipped build is assembled by Builder.build")


def save_stamp(
    stamp_file: Path, fingerprint: str, output: Path, files: Sequence[OutputFile], records: dict[str, PageRecord],
    result: BuildResult, written: WriteResult, *, to_disk: bool = True,
) -> dict[str, Any] | None:
    """Record what this build read and wrote, so the next one can tell it has nothing to do; return the record."""
    files_stamp = {path: list(stamp) for path, stamp in written.stamps.items()}
    if written.files != len(files_stamp) or len(files) != len(files_stamp):
        stamp_file.unlink(missing_ok=True)
        return None
    stamp: dict[str, Any] = {
        "format": STAMP_FORMAT, "input": fingerprint, "output": str(output), "files": files_stamp,
        "problems": [[p.file, p.message, p.line, p.expected] for p in result.problems],
        "counts": {"seeds": result.extracted + result.cached, "articles": result.articles,
                   "people": result.people, "quotes": result.quotes},
        "pages": {path: [r.context, r.lookups_key, r.lookups] for path, r in records.items() if path in files_stamp},
    }
    if not to_disk:
        return stamp
    try:
        stamp_file.parent.mkdir(parents=True, exist_ok=True)
        temp = stamp_file.with_name(stamp_file.name + ".tmp")
        temp.write_text(json.dumps(stamp), encoding="utf-8")
        os.replace(temp, stamp_file)
    except OSError:
        stamp_file.unlink(missing_ok=True)
        return None
    prune_stamps(stamp_file.parent)
    return stamp


_STAMP_OUTPUT = re.compile(rb'"output": ("(?:[^"\\]|\\.)*")')


def prune_stamps(folder: Path) -> None:
    """Remove the stamps of output folders that no longer exist (each `digest serve` builds into a new one)."""
    for other in folder.glob("last-build-*.json"):
        try:
            with other.open("rb") as handle:
                match = _STAMP_OUTPUT.search(handle.read(8192))
            if match is None or not Path(json.loads(match.group(1))).exists():
                other.unlink()
        except (OSError, ValueError):
            continue
    for prefix, pattern in (("render-memo-", "render-memo-*.json"), ("snapshot-", "snapshot-*.pickle")):
        for memo in folder.glob(pattern):
            stamp = memo.name.replace(prefix, "last-build-", 1).replace(".pickle", ".json")
            if not memo.with_name(stamp).exists():
                memo.unlink(missing_ok=True)
    for left in folder.glob("snapshot-*.pickle.*.tmp"):  # of a build killed while saving one
        left.unlink(missing_ok=True)


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
