"""The extraction cache: exact round trips, keys that cover what extraction depends on, bad entries rebuilt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from digest.build import Builder, extract_options
from digest.cache import ExtractionCache, decode_article, encode_article, options_fingerprint, seed_key
from digest.config import load_config
from digest.extract import EXTRACTOR_VERSION, ExtractOptions, extract_article
from digest.model import Article, Caption, Seed
from digest.reading import ReadOptions, read_seed

from .conftest import SAMPLE


@pytest.fixture
def sample() -> Article:
    """The sample seed, extracted."""
    return extract_article(read_seed(SAMPLE, ReadOptions(timezone="Europe/London")), ExtractOptions())


def entries(project: Path) -> list[Path]:
    return sorted((project / ".digest-cache" / "extract").glob("*.json"))


def test_an_article_survives_the_round_trip_exactly(sample: Article) -> None:
    assert sample.quotes and sample.people and sample.seed.published is not None
    again = decode_article(encode_article(sample))
    assert again == sample
    assert again.seed.published is not None and sample.seed.published is not None
    assert again.seed.published.utcoffset() == sample.seed.published.utcoffset()


@pytest.mark.parametrize("zone", [ZoneInfo("Europe/London"), ZoneInfo("Asia/Kolkata"), UTC,
                                  timezone(timedelta(hours=5, minutes=30), "IST"), timezone(timedelta(hours=-4))])
def test_times_keep_their_zone(sample: Article, zone: timezone | ZoneInfo) -> None:
    moment = datetime(2023, 6, 11, 20, 46, tzinfo=zone)
    article = Article(seed=_with(sample, published=moment), summary=(), quotes=(), people=())
    again = decode_article(encode_article(article)).seed.published
    assert again is not None
    assert (again, again.utcoffset(), again.tzname()) == (moment, moment.utcoffset(), moment.tzname())


def test_a_caption_and_empty_fields_round_trip(sample: Article) -> None:
    article = Article(seed=_with(sample, caption=Caption("A photo", None), url=None), summary=(), quotes=(),
                      people=())
    assert decode_article(encode_article(article)) == article


@pytest.mark.parametrize("damage", [
    lambda data: b"garbage \x00\xff" * 10,
    lambda data: data[: len(data) // 2],
    lambda data: data.replace(b"digest-extract 1 ", b"digest-extract 0 ", 1),
    lambda data: data.replace(b'"', b"'", 3),
    lambda data: data.split(b"\n", 1)[0] + b"\n[1,2,3]",
    lambda data: b"",
])
def test_a_damaged_entry_is_ignored(tmp_path: Path, sample: Article, damage: Callable[[bytes], bytes]) -> None:
    cache = ExtractionCache(tmp_path)
    assert cache.store("k1", sample)
    entry = cache.entry("k1")
    entry.write_bytes(damage(entry.read_bytes()))
    assert cache.load("k1") is None


def test_an_entry_under_another_key_is_not_trusted(tmp_path: Path, sample: Article) -> None:
    cache = ExtractionCache(tmp_path)
    cache.store("k1", sample)
    cache.entry("k1").rename(cache.entry("k2"))
    assert cache.load("k2") is None
    assert cache.load("absent") is None


def test_the_key_covers_version_options_path_and_bytes() -> None:
    base = options_fingerprint("1", ReadOptions(), ExtractOptions())
    assert options_fingerprint("2", ReadOptions(), ExtractOptions()) != base
    assert options_fingerprint("1", ReadOptions(), ExtractOptions(summary_sentences=2)) != base
    assert options_fingerprint("1", ReadOptions(), ExtractOptions(prefer_highlights=True)) != base
    assert options_fingerprint("1", ReadOptions(timezone="Asia/Kolkata"), ExtractOptions()) != base
    assert options_fingerprint("1", ReadOptions(date_order="MDY"), ExtractOptions()) != base
    assert options_fingerprint("1", ReadOptions(), ExtractOptions()) == base
    key = seed_key(base, "seeds/a.txt", "abc")
    assert seed_key(base, "seeds/b.txt", "abc") != key
    assert seed_key(base, "seeds/a.txt", "abd") != key


@pytest.mark.parametrize("damage", [b"not json at all", b"digest-extract 1 ", b"\x00" * 100])
def test_a_build_rebuilds_damaged_entries_and_gives_the_same_site(project: Path, damage: bytes) -> None:
    first = Builder(project / "site.yml", out=project / "one").build()
    assert first.extracted == 1
    (entry,) = entries(project)
    entry.write_bytes(damage)
    second = Builder(project / "site.yml", out=project / "two").build()
    assert second.extracted == 1 and second.cached == 0
    assert [a.quotes for a in second.site.articles] == [a.quotes for a in first.site.articles]
    assert ExtractionCache(entry.parent).load(entry.stem) is not None, "the entry was written again"


def test_a_good_entry_is_used_and_a_summary_setting_misses(project: Path) -> None:
    Builder(project / "site.yml", out=project / "one").build()
    assert Builder(project / "site.yml", out=project / "two").build().extracted == 0
    with (project / "site.yml").open("a", encoding="utf-8") as handle:
        handle.write("summary:\n  sentences: 1\n")
    config, _ = load_config(project / "site.yml")
    assert extract_options(config).summary_sentences == 1
    third = Builder(project / "site.yml", out=project / "three").build()
    assert third.extracted == 1
    assert all(len(a.summary) <= 1 for a in third.site.articles)


def test_entries_of_removed_seeds_are_pruned(project: Path) -> None:
    extra = project / "seeds" / "second.txt"
    extra.write_text("A second story\n\nSomething else happened in the town on Monday.\n", encoding="utf-8")
    Builder(project / "site.yml").build()
    assert len(entries(project)) == 2
    extra.unlink()
    Builder(project / "site.yml").build()
    assert len(entries(project)) == 1


def test_the_running_version_is_in_the_key() -> None:
    assert options_fingerprint(EXTRACTOR_VERSION, ReadOptions(), ExtractOptions()) != options_fingerprint(
        EXTRACTOR_VERSION + ".next", ReadOptions(), ExtractOptions())


def _with(article: Article, **changes: Any) -> Seed:
    return replace(article.seed, **changes)
