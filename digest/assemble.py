"""Assembly: articles from every seed become one site model with people and cross-links."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime

from digest.model import Article, Page, Problem, Site
from digest.people import PersonProfile, gather_people

RELATED_MAX = 5


def order_articles(articles: Sequence[Article]) -> tuple[Article, ...]:
    """Sort articles newest first; undated ones last; ties by slug for repeatable output."""
    dated = sorted((a for a in articles if a.seed.published), key=lambda a: a.slug)
    dated.sort(key=lambda a: a.seed.published.timestamp() if a.seed.published else 0.0, reverse=True)
    undated = sorted((a for a in articles if not a.seed.published), key=lambda a: a.slug)
    return (*dated, *undated)


def relate_articles(
    articles: Sequence[Article], person_links: Mapping[tuple[str, str], str]
) -> dict[str, tuple[str, ...]]:
    """Return for each article the articles sharing people with it, rarer people weighing more."""
    people_of: dict[str, set[str]] = {}
    for article in articles:
        people_of[article.slug] = {
            person_links[(article.slug, p.name)]
            for p in article.people
            if (article.slug, p.name) in person_links
        }
    frequency = Counter(slug for people in people_of.values() for slug in people)
    stories_of: dict[str, list[str]] = {}
    for article in articles:
        for person in sorted(people_of[article.slug]):
            stories_of.setdefault(person, []).append(article.slug)
    total = max(len(articles), 1)
    related: dict[str, tuple[str, ...]] = {}
    for article in articles:
        scores: dict[str, float] = {}
        for person in people_of[article.slug]:
            if frequency[person] > 200:  # someone in every story relates nothing
                continue
            weight = math.log(1 + total / frequency[person])
            for other in stories_of[person]:
                if other != article.slug:
                    scores[other] = scores.get(other, 0.0) + weight
        best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:RELATED_MAX]
        related[article.slug] = tuple(slug for slug, _ in best)
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
