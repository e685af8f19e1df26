"""The build: load config -> read seeds -> extract -> assemble -> render -> write."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from digest.assemble import assemble_site, problems_of
from digest.config import SiteConfig, load_config, parse_config
from digest.errors import SeedError
from digest.extract import ExtractOptions, extract_article
from digest.model import Article, Problem, Seed, Site
from digest.pages import load_pages
from digest.people import load_profiles
from digest.reading import ReadOptions, dedupe_seeds, list_seeds, read_seed
from digest.render import render_site
from digest.search import index_site
from digest.urls import Urls
from digest.write import write_site


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build did, for the summary line and for --strict."""

    site: Site
    files: int
    problems: tuple[Problem, ...]
    output: Path


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


def gather_site(config: SiteConfig, *, drafts: bool = False, built: datetime | None = None) -> tuple[Site, list[Problem]]:
    """Read and extract every input and assemble the site model; writes nothing."""
    read_options = config.read_options()
    paths, listing = list_seeds(config.path("seeds_dir"), read_options)
    seeds, problems = read_seeds(paths, read_options, config.root)
    seeds, duplicates = dedupe_seeds([s for s in seeds if drafts or not s.draft])
    articles = extract_articles(seeds, extract_options(config))
    profiles, profile_problems = load_profiles(config.path("content_dir") / "people")
    pages, page_problems = load_pages(config.path("content_dir") / "pages")
    site = assemble_site(articles, profiles, pages, built or build_time())
    return site, [*listing, *problems, *duplicates, *profile_problems, *page_problems, *problems_of(site)]


def build(
    config_path: Path,
    *,
    out: Path | None = None,
    drafts: bool = False,
    base_url: str | None = None,
    base_path: str | None = None,
) -> BuildResult:
    """Build the site described by `config_path` and swap it into the output folder."""
    config, config_problems = load_config(config_path)
    if base_url:
        config = with_base_url(config, base_url)
    site, problems = gather_site(config, drafts=drafts)
    urls = Urls(config.base_url, base_path or config.base_path)
    files, search_problems = index_site(render_site(site, config, urls), config.search)
    output = out if out is not None else config.path("output_dir")
    count = write_site(files, output)
    return BuildResult(site, count, (*config_problems, *problems, *search_problems), output)
