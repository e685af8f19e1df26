"""Assembly: articles from every seed become one site model with people and cross-links."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from digest.config import SiteConfig
from digest.model import Article, Page, Problem, Site
from digest.pages import load_pages
from digest.people import PersonProfile, gather_people, load_profiles
from digest.reading import dedupe_seeds

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


def order_articles(articles: Sequence[Article]) -> tuple[Article, ...]:
    """Sort articles newest first; undated ones last; ties by slug for repeatable output."""
    dated = sorted((a for a in articles if a.seed.published), key=lambda a: a.slug)
    dated.sort(key=lambda a: a.seed.published.timestamp() if a.seed.published else 0.0, reverse=True)
    undated = sorted((a for a in articles if not a.seed.published), key=lambda a: a.slug)
    return (*dated, *undated)


def story_words(article: Article) -> frozenset[str]:
    """Return the distinctive words of a story's headline and summary, lower-cased."""
    text = " ".join((article.seed.title, *article.summary))
    return frozenset(w.casefold() for w in _WORD.findall(text) if w.casefold() not in _STOPWORDS)


def _rank(scores: Mapping[str, float], exclude: set[str], limit: int) -> list[str]:
    """Return up to `limit` keys of `scores`, best first (ties by slug), leaving out `exclude`."""
    ranked = sorted((item for item in scores.items() if item[0] not in exclude), key=lambda item: (-item[1], item[0]))
    return [slug for slug, _ in ranked[:limit]]


def _shared_scores(
    article: str, features: Mapping[str, set[str] | frozenset[str]], holders: Mapping[str, list[str]],
    weights: Mapping[str, float],
) -> tuple[dict[str, float], dict[str, int]]:
    """Return, for every other story, the summed weight and the number of features it shares with `article`."""
    scores: dict[str, float] = {}
    counts: dict[str, int] = {}
    # Adding the weights lightest first (not in set order, which changes from run to run with the string hash
    # seed) makes the float sums, and so the ties broken by slug, the same in every run.
    for weight, feature in sorted((weights[f], f) for f in features[article] if f in weights):
        for other in holders[feature]:
            if other != article:
                scores[other] = scores.get(other, 0.0) + weight
                counts[other] = counts.get(other, 0) + 1
    return scores, counts


def relate_articles(
    articles: Sequence[Article], person_links: Mapping[tuple[str, str], str]
) -> dict[str, tuple[str, ...]]:
    """Return for each article 3–5 related ones: sharing people (rarer people weigh more), then rare words."""
    total = max(len(articles), 1)
    people_of: dict[str, set[str]] = {
        a.slug: {person_links[(a.slug, p.name)] for p in a.people if (a.slug, p.name) in person_links}
        for a in articles
    }
    words_of = {a.slug: story_words(a) for a in articles}
    stories_with_person: dict[str, list[str]] = {}
    stories_with_word: dict[str, list[str]] = {}
    for article in articles:
        for person in sorted(people_of[article.slug]):
            stories_with_person.setdefault(person, []).append(article.slug)
        for word in sorted(words_of[article.slug]):
            stories_with_word.setdefault(word, []).append(article.slug)
    person_weight = {p: math.log(1 + total / len(s)) for p, s in stories_with_person.items()}
    word_weight = {w: math.log(1 + total / len(s)) for w, s in stories_with_word.items()
                   if 1 < len(s) <= max(2, _WORD_SHARE_MAX * total)}
    related: dict[str, tuple[str, ...]] = {}
    for article in articles:
        by_people, _ = _shared_scores(article.slug, people_of, stories_with_person, person_weight)
        chosen = _rank(by_people, set(), RELATED_MAX)
        if len(chosen) < RELATED_MIN:
            by_words, shared = _shared_scores(article.slug, words_of, stories_with_word, word_weight)
            enough = {slug: score for slug, score in by_words.items() if shared[slug] >= _WORDS_MIN}
            chosen += _rank(enough, set(chosen), RELATED_MIN - len(chosen))
        related[article.slug] = tuple(chosen)
    return related


def assemble_site(
    articles: Sequence[Article],
    profiles: Sequence[PersonProfile],
    pages: Sequence[Page],
    built: datetime,
) -> Site:
    """Join articles, people and pages into the site model the renderer needs."""
    ordered = order_articles(articles)
    people, person_links, problems = gather_people(ordered, profiles)
    return Site(
        articles=ordered,
        people=people,
        pages=tuple(sorted(pages, key=lambda p: p.slug)),
        person_links=person_links,
        related=relate_articles(ordered, person_links),
        built=built,
        problems=tuple(problems),
    )


def problems_of(site: Site) -> tuple[Problem, ...]:
    """Return every warning of the site: from reading, extraction and assembly."""
    return tuple(p for a in site.articles for p in a.problems) + site.problems


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
