"""Assembly: articles from every seed become one site model with people and cross-links."""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from digest.config import SiteConfig
from digest.frontmatter import load_markdown_folder
from digest.model import Article, Page, Problem, Seed, Site
from digest.pages import parse_page
from digest.people import ParsedProfile, PeopleMemo, PersonProfile, gather_people, load_profiles, parse_profile_file
from digest.reading import dedupe_seeds
from digest.reading.dedupe import normalised_text

RELATED_MIN = 3
"""Fewest related stories wanted; stories sharing words fill in when too few share people."""
RELATED_MAX = 5
_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")
_STOPWORDS = frozenset((
    "about", "above", "after", "again", "against", "also", "among", "another", "because", "been", "before", "being",
    "below", "between", "both", "could", "does", "doing", "down", "during", "each", "from", "further", "have",
    "having", "here", "into", "just", "more", "most", "much", "must", "only", "other", "over", "said",
    "says", "same", "should", "since", "some", "such", "than", "that", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "under", "until", "very", "were", "what", "when", "where",
    "which", "while", "whom", "will", "with", "would", "year", "years", "your", "last", "first", "week",
    "told",
))
_WORD_SHARE_MAX = 0.05
"""Words in more than this share of stories say nothing about relatedness."""
_WORDS_MIN = 2
"""Shared rare words needed before two stories count as related by their words alone."""
WEIGHT_SCALE = 1000.0
"""A feature held by `n` stories weighs log(1 + WEIGHT_SCALE / n): the rarer, the heavier. Not tied to the number
of stories, so a story added or removed changes the weights of its own features only, and the related lists of the
stories holding them; `relate_articles` works out only those again."""


def order_articles(articles: Sequence[Article]) -> tuple[Article, ...]:
    """Sort articles newest first; undated ones last; ties by slug for repeatable output."""
    dated = sorted((a for a in articles if a.seed.published), key=lambda a: a.slug)
    dated.sort(key=lambda a: a.seed.published.timestamp() if a.seed.published else 0.0, reverse=True)
    undated = sorted((a for a in articles if not a.seed.published), key=lambda a: a.slug)
    return (*dated, *undated)


def story_words(article: Article) -> frozenset[str]:
    """Return the distinctive words of a story's headline and summary, lower-cased."""
    text = " ".join((article.seed.title, *article.summary))
    return frozenset(word for word in map(str.casefold, _WORD.findall(text)) if word not in _STOPWORDS)


class _Relations:
    """What relate_articles worked out last time: the features of every story, who holds each and the result."""

    __slots__ = ("people_of", "related", "total", "with_person", "with_word", "words_of")

    def __init__(
        self, total: int, people_of: dict[str, frozenset[str]], words_of: dict[str, frozenset[str]],
        with_person: dict[str, set[str]], with_word: dict[str, set[str]], related: dict[str, tuple[str, ...]],
    ) -> None:
        self.total = total
        self.people_of = people_of
        self.words_of = words_of
        self.with_person = with_person
        self.with_word = with_word
        self.related = related


class AssemblyMemo:
    """What the last assembly worked out, kept by one long-lived builder (`digest serve`) so that the next
    assembly, usually with one story changed, does not work it out again. It only ever saves time: an assembly
    returns the same site with or without it, whatever it was used for before. Unchanged stories are recognised
    by identity (the builder keeps the very same Article objects); the memo holds them, so no identity it
    remembers can be reused by a new object."""

    __slots__ = ("kept", "normalised", "pages", "people", "profiles", "relations", "words")

    def __init__(self) -> None:
        self.normalised: dict[int, tuple[Seed, str]] = {}
        """id of a seed -> the seed and a digest of its normalised text (for spotting repeated stories)."""
        self.kept: dict[tuple[int, str], tuple[Article, Article]] = {}
        """(id of an article, the unique slug it was given) -> the article and the article with that slug."""
        self.words: dict[int, tuple[Article, frozenset[str]]] = {}
        """id of an article -> the article and its story words."""
        self.profiles: dict[tuple[str, str], ParsedProfile] = {}
        """(path, text) of a profile file -> the profile parsed from it."""
        self.pages: dict[tuple[str, str], tuple[Page, tuple[Problem, ...]]] = {}
        """(path, text) of a content page -> the page parsed from it."""
        self.people = PeopleMemo()
        """What gather_people worked out."""
        self.relations: _Relations | None = None
        """What relate_articles worked out."""

    def __getstate__(self) -> dict[str, object]:
        """Return the memo's tables for pickling (see digest.snapshot)."""
        return {name: getattr(self, name) for name in self.__slots__}

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Restore pickled tables, keyed again by the ids of the objects as loaded."""
        for name, value in state.items():
            setattr(self, name, value)
        self.normalised = {id(entry[0]): entry for entry in self.normalised.values()}
        self.kept = {(id(entry[0]), entry[1].seed.slug): entry for entry in self.kept.values()}
        self.words = {id(entry[0]): entry for entry in self.words.values()}


def _rank(scores: Mapping[str, float], exclude: Collection[str], limit: int) -> list[str]:
    """Return up to `limit` keys of `scores`, best first (ties by slug), leaving out `exclude`."""
    ranked = heapq.nsmallest(
        limit, (item for item in scores.items() if item[0] not in exclude), key=lambda item: (-item[1], item[0])
    )
    return [slug for slug, _ in ranked]


def _shared_scores(
    article: str, features: frozenset[str], holders: Mapping[str, Collection[str]],
    weight_of: Callable[[str], float | None],
) -> tuple[dict[str, float], dict[str, int]]:
    """Return, for every other story, the summed weight and the number of features it shares with `article`."""
    scores: dict[str, float] = {}
    counts: dict[str, int] = {}
    # Adding the weights lightest first (not in set order, which changes from run to run with the string hash
    # seed) makes the float sums, and so the ties broken by slug, the same in every run.
    weighed = [(weight, f) for f in features if (weight := weight_of(f)) is not None]
    for weight, feature in sorted(weighed):
        for other in holders[feature]:
            scores[other] = scores.get(other, 0.0) + weight
            counts[other] = counts.get(other, 0) + 1
    scores.pop(article, None)
    counts.pop(article, None)
    return scores, counts


def _weights(holders: Mapping[str, Collection[str]], most: int | None) -> Callable[[str], float | None]:
    """Return the weight of a feature (rarer weighs more), None when it is held by too many stories (more than
    `most`) or too few (one, when there is a `most`); each worked out once, when first asked for."""
    known: dict[str, float | None] = {}

    def weight(feature: str) -> float | None:
        if feature in known:
            return known[feature]
        held = len(holders.get(feature, ()))
        found = None if not held or (most is not None and not 1 < held <= most) else math.log(1 + WEIGHT_SCALE / held)
        known[feature] = found
        return found

    return weight


def _most_holders(total: int) -> int:
    """Return how many of `total` stories may share a word before it says nothing about relatedness."""
    return max(2, math.floor(_WORD_SHARE_MAX * total))


def _holders(features_of: Mapping[str, frozenset[str]]) -> dict[str, set[str]]:
    """Map every feature to the stories that have it."""
    holders: dict[str, set[str]] = {}
    for slug, features in features_of.items():
        for feature in features:
            found = holders.get(feature)
            if found is None:
                holders[feature] = {slug}
            else:
                found.add(slug)
    return holders


def _update_holders(
    holders: dict[str, set[str]], slug: str, old: frozenset[str], new: frozenset[str], dirty: dict[str, int],
) -> None:
    """Move one story from its old features to its new ones; `dirty` gets every feature that changed, with the
    number of stories that held it before this build's first change to it."""
    for feature in old ^ new:
        if feature not in dirty:
            dirty[feature] = len(holders.get(feature, ()))
    for feature in old - new:
        found = holders[feature]
        found.discard(slug)
        if not found:
            del holders[feature]
    for feature in new - old:
        holders.setdefault(feature, set()).add(slug)


def relate_articles(
    articles: Sequence[Article], person_links: Mapping[tuple[str, str], str], memo: AssemblyMemo | None = None,
) -> dict[str, tuple[str, ...]]:
    """Return for each article 3–5 related ones: sharing people (rarer people weigh more), then rare words."""
    memo = memo if memo is not None else AssemblyMemo()
    total = max(len(articles), 1)
    people_of: dict[str, frozenset[str]] = {
        a.slug: frozenset([person_links[(a.slug, p.name)] for p in a.people if (a.slug, p.name) in person_links])
        for a in articles
    }
    words: dict[int, tuple[Article, frozenset[str]]] = {}
    for article in articles:
        known = memo.words.get(id(article))
        words[id(article)] = known if known is not None and known[0] is article else (article, story_words(article))
    memo.words = words
    words_of = {a.slug: words[id(a)][1] for a in articles}
    last, memo.relations = memo.relations, None  # holders are updated in place: nothing half-updated is kept
    if last is None or _most_holders(last.total) != _most_holders(total):
        with_person, with_word = _holders(people_of), _holders(words_of)
        stale: set[str] = set(people_of)
        known_related: dict[str, tuple[str, ...]] = {}
    else:
        # A story's related ones change only when it changed or one of its people or words is held by another
        # set of stories than before.
        with_person, with_word, known_related = last.with_person, last.with_word, last.related
        stale = set()
        dirty_people: dict[str, int] = {}
        dirty_words: dict[str, int] = {}
        empty: frozenset[str] = frozenset()
        for slug in people_of.keys() | last.people_of.keys():
            old_people, new_people = last.people_of.get(slug, empty), people_of.get(slug, empty)
            old_words, new_words = last.words_of.get(slug, empty), words_of.get(slug, empty)
            if old_people != new_people:
                _update_holders(with_person, slug, old_people, new_people, dirty_people)
                stale.add(slug)
            if old_words != new_words:
                _update_holders(with_word, slug, old_words, new_words, dirty_words)
                stale.add(slug)
            if slug not in known_related:
                stale.add(slug)
        for person in dirty_people:
            stale.update(with_person.get(person, ()))
        most = _most_holders(total)
        for word, held in dirty_words.items():
            holders = with_word.get(word, ())
            # a word too common (or too rare) to weigh anything, before and after, changes no story's scores
            if 1 < held <= most or 1 < len(holders) <= most:
                stale.update(holders)
    person_weight = _weights(with_person, None)
    word_weight = _weights(with_word, _most_holders(total))
    related: dict[str, tuple[str, ...]] = {}
    for article in articles:
        slug = article.slug
        if slug not in stale:
            related[slug] = known_related[slug]
            continue
        by_people, _ = _shared_scores(slug, people_of[slug], with_person, person_weight)
        chosen = _rank(by_people, (), RELATED_MAX)
        if len(chosen) < RELATED_MIN:
            by_words, shared = _shared_scores(slug, words_of[slug], with_word, word_weight)
            enough = {other: score for other, score in by_words.items() if shared[other] >= _WORDS_MIN}
            chosen += _rank(enough, chosen, RELATED_MIN - len(chosen))
        related[slug] = tuple(chosen)
    memo.relations = _Relations(total, people_of, words_of, with_person, with_word, related)
    return related


def assemble_site(
    articles: Sequence[Article],
    profiles: Sequence[PersonProfile],
    pages: Sequence[Page],
    built: datetime,
    memo: AssemblyMemo | None = None,
) -> Site:
    """Join articles, people and pages into the site model the renderer needs."""
    memo = memo if memo is not None else AssemblyMemo()
    ordered = order_articles(articles)
    people, person_links, problems = gather_people(ordered, profiles, memo.people)
    return Site(
        articles=ordered,
        people=people,
        pages=tuple(sorted(pages, key=lambda p: p.slug)),
        person_links=person_links,
        related=relate_articles(ordered, person_links, memo),
        built=built,
        problems=tuple(problems),
    )


def problems_of(site: Site) -> tuple[Problem, ...]:
    """Return every warning of the site: from reading, extraction and assembly."""
    return tuple(p for a in site.articles for p in a.problems) + site.problems


Parsed = TypeVar("Parsed")


def _parse_once(
    parse: Callable[[str, Path], Parsed], known: Mapping[tuple[str, str], Parsed],
) -> tuple[Callable[[str, Path], Parsed], dict[tuple[str, str], Parsed]]:
    """Return `parse` answering from `known` a file it parsed before with the same text, and the dict that will
    hold the files it is given (to be known next time)."""
    parsed: dict[tuple[str, str], Parsed] = {}

    def parse_file(text: str, path: Path) -> Parsed:
        key = (str(path), text)
        found = known[key] if key in known else parse(text, path)
        parsed[key] = found
        return found

    return parse_file, parsed


def assemble_articles(
    articles: Sequence[Article], config: SiteConfig, drafts: bool, built: datetime, *,
    memo: AssemblyMemo | None = None,
) -> tuple[Site, list[Problem]]:
    """Drop drafts and repeated stories, then join articles, profiles and pages into the site model; `memo`
    (kept from the last call) only saves time."""
    memo = memo if memo is not None else AssemblyMemo()
    normalised: dict[int, tuple[Seed, str]] = {}

    def text_of(seed: Seed) -> str:
        known = memo.normalised.get(id(seed))
        entry = known if known is not None and known[0] is seed \
            else (seed, hashlib.sha256(normalised_text(seed).encode("utf-8", "surrogatepass")).hexdigest())
        normalised[id(seed)] = entry
        return entry[1]

    by_path = {a.seed.path: a for a in articles}
    seeds, duplicates = dedupe_seeds([a.seed for a in articles if drafts or not a.seed.draft], text_of)
    memo.normalised = normalised
    kept_of: dict[tuple[int, str], tuple[Article, Article]] = {}
    kept: list[Article] = []
    for seed in seeds:
        article = by_path[seed.path]
        if article.seed is not seed:  # given another slug: the same renamed article as last time, if any
            key = (id(article), seed.slug)
            known = memo.kept.get(key)
            entry = known if known is not None and known[0] is article else (article, replace(article, seed=seed))
            kept_of[key] = entry
            article = entry[1]
        kept.append(article)
    memo.kept = kept_of
    parse_profile, memo.profiles = _parse_once(parse_profile_file, memo.profiles)
    profiles, profile_problems = load_profiles(config.path("content_dir") / "people", parse_profile)
    parse_page_file, memo.pages = _parse_once(lambda text, path: parse_page(text, str(path), path.stem), memo.pages)
    pages, page_problems = load_markdown_folder(config.path("content_dir") / "pages", parse_page_file)
    site = assemble_site(kept, profiles, pages, built, memo)
    return site, [*duplicates, *profile_problems, *page_problems, *problems_of(site)]
