"""Assembly: related stories, and the memo that lets a long-lived builder skip work without changing a result."""

from __future__ import annotations

import os
import pickle
import random
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from digest.assemble import AssemblyMemo, assemble_articles, assemble_site, relate_articles
from digest.config import SiteConfig, load_config
from digest.errors import ContentError
from digest.model import Article, ArticlePerson, Block, Mention, Page, Quote, Seed
from digest.people import PeopleMemo, PersonProfile, gather_people

from .conftest import REPO

BUILT = datetime(2024, 3, 1, tzinfo=UTC)


def _story(slug: str, people: tuple[str, ...], title: str = "Story", *, day: int | None = 1, path: str = "",
           text: str = "") -> Article:
    published = datetime(2024, 1, day, tzinfo=UTC) if day else None
    body = (Block("paragraph", text or f"Text of {slug}."),)
    seed = Seed(path or f"seeds/{slug}.txt", slug, title, body, published=published)
    quotes = tuple(Quote(f"words of {name}", name, None, "direct", 0, 0, 1) for name in people[:1])
    persons = tuple(ArticlePerson(name, (), (f"role in {slug}",), (Mention(0, 0, 1),)) for name in people)
    return Article(seed, (f"Summary of {title}.",), quotes, persons)


# ---------------------------------------------------------------------------------------------- related stories

_TIE_SCRIPT = """
from digest.assemble import relate_articles
from digest.model import Article, ArticlePerson, Block, Seed

def story(slug, people):
    return Article(Seed(slug + ".txt", slug, "Story", (Block("paragraph", "Text."),)), (), (),
                   tuple(ArticlePerson(name, (), (), ()) for name in people))

# y shares with x three people held by 2, 3 and 5 of 12 stories, z three others held as often: their sums
# are equal, but only when the three weights are added in one order for both
articles = [story("x", ("P1", "P2", "P3", "Q1", "Q2", "Q3")), story("y", ("P1", "P2", "P3")),
            story("z", ("Q1", "Q2", "Q3")), story("f1", ("P2", "P3", "Q2", "Q3")), story("f2", ("P3", "Q3")),
            story("f3", ("P3", "Q3")), *(story(f"e{n}", ()) for n in range(6))]
links = {(a.slug, p.name): p.name.lower() for a in articles for p in a.people}
print(" ".join(relate_articles(articles, links)["x"]))
"""


def test_equal_scores_are_ties_broken_by_slug_whatever_the_hash_seed() -> None:
    outputs = set()
    for seed in range(8):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        result = subprocess.run([sys.executable, "-c", _TIE_SCRIPT], cwd=REPO, env=env, capture_output=True,
                                text=True, check=True)
        outputs.add(result.stdout.strip())
    assert outputs == {"f1 y z f2 f3"}


def test_a_story_is_never_its_own_related_story() -> None:
    articles = [_story("a", ("Ann Lee", "Bo Tan")), _story("b", ("Ann Lee",)), _story("c", ("Bo Tan",))]
    links = {(a.slug, p.name): p.name for a in articles for p in a.people}
    related = relate_articles(articles, links)
    assert set(related["a"]) == {"b", "c"}
    assert "b" not in related["b"]


# ---------------------------------------------------------------------------------------------- the memo

_NAMES = ("Ann Lee", "Bo Tan", "Cy Young", "Dee Park", "Ed Moss", "Fay Holt", "Gus Reed", "Lee", "Tan",
          "Vince Cale", "Vincent Cale", "Al Ray", "A Ray", "Jon K. Marsh", "Jon Marsh")
_WORDS = tuple(f"topic{n}" for n in range(400))
"""Headline words: rare, so that stories sharing their headline (and no people) are related by words."""


def _random_story(rng: random.Random, number: int, others: list[Article]) -> Article:
    people = tuple(rng.sample(_NAMES, rng.choice((0, 0, 1, 2, 3, 4))))
    title = rng.choice(others).seed.title if others and rng.random() < 0.4 else " ".join(rng.sample(_WORDS, 4))
    day = rng.choice((None, 1, 2, 3, 4, 5))
    # a few stories share a slug or the whole text: assembly renames or drops them
    slug = f"s{number % 17}" if rng.random() < 0.2 else f"story-{number}"
    text = "Same words." if rng.random() < 0.05 else f"Text {number}."
    return _story(slug, people, title, day=day, path=f"seeds/{number:03}.txt", text=text)


def _random_site(tmp_path: Path, rng: random.Random, count: int) -> tuple[SiteConfig, list[Article]]:
    """Return the config of a bare project in `tmp_path` and `count` random stories."""
    (tmp_path / "site.yml").write_text("title: T\nbase_url: https://example.org/\n", encoding="utf-8")
    config, _ = load_config(tmp_path / "site.yml")
    articles: list[Article] = []
    for number in range(count):
        articles.append(_random_story(rng, number, articles))
    return config, articles


def test_a_memo_warmed_by_other_stories_changes_nothing(tmp_path: Path) -> None:
    people_dir = tmp_path / "content" / "people"
    people_dir.mkdir(parents=True)
    rng = random.Random(7)
    config, articles = _random_site(tmp_path, rng, 40)
    memo = AssemblyMemo()
    for step in range(40):
        kind = rng.choice(("edit", "edit", "drop", "add", "same", "shuffle", "profile"))
        if kind == "edit":
            index = rng.randrange(len(articles))
            edited = _random_story(rng, 100 + step, articles)
            articles[index] = replace(edited, seed=replace(edited.seed, path=articles[index].seed.path))
        elif kind == "drop" and len(articles) > 5:
            articles.pop(rng.randrange(len(articles)))
        elif kind == "add":
            articles.append(_random_story(rng, 200 + step, articles))
        elif kind == "shuffle":
            rng.shuffle(articles)
        elif kind == "profile":
            slug = rng.choice(("ann-lee", "bo-tan", "jon-marsh"))
            target = rng.choice(("cy-young", "dee-park"))
            (people_dir / f"{slug}.md").write_text(f"---\nmerge_into: {target}\n---\n", encoding="utf-8")
        drafts = rng.random() < 0.5
        warm = assemble_articles(articles, config, drafts, BUILT, memo=memo)
        assert warm == assemble_articles(articles, config, drafts, BUILT), (step, kind)


def test_a_memo_pickled_with_its_articles_works_as_before_it_was_pickled(tmp_path: Path) -> None:
    rng = random.Random(11)
    config, articles = _random_site(tmp_path, rng, 30)
    memo = AssemblyMemo()
    assemble_articles(articles, config, False, BUILT, memo=memo)
    for step in range(12):
        # what a new process finds in the snapshot: the articles and the memo, loaded together
        articles, memo = pickle.loads(pickle.dumps((articles, memo)))
        before = {p.slug: p for p in memo.people.persons.values()}
        index = rng.randrange(len(articles))
        edited = _random_story(rng, 300 + step, articles)
        articles[index] = replace(edited, seed=replace(edited.seed, path=articles[index].seed.path))
        warm, _ = assemble_articles(articles, config, False, BUILT, memo=memo)
        assert warm == assemble_articles(articles, config, False, BUILT)[0], step
        kept = [p for p in warm.people if before.get(p.slug) is p]
        assert kept, step  # people of the unchanged stories are the loaded objects, not rebuilt


def test_an_unchanged_story_keeps_its_people_and_related_objects() -> None:
    articles = [_story(f"s{n}", ("Ann Lee", f"Person{n} Smith"), f"harbour ferry {n}") for n in range(6)]
    memo = AssemblyMemo()
    first = assemble_site(articles, (), (), BUILT, memo)
    changed = [*articles[:5], _story("s5", ("Ann Lee", "Bo Tan"), "harbour ferry 5")]
    second = assemble_site(changed, (), (), BUILT, memo)
    assert second == assemble_site(changed, (), (), BUILT)
    before = {p.slug: p for p in first.people}
    after = {p.slug: p for p in second.people}
    assert after["person1-smith"] is before["person1-smith"]  # reused, not rebuilt
    assert after["ann-lee"] is not before["ann-lee"] and after["ann-lee"] != before["ann-lee"]


def test_assembling_with_pages_and_profiles_through_the_memo_matches_cold() -> None:
    articles = [_story("a", ("Ann Lee", "Lee")), _story("b", ("Ann Lee", "Bo Tan"), day=2)]
    profiles = (PersonProfile("bo-tan", "content/people/bo-tan.md", description="Mayor"),)
    pages = (Page("about", "About", "<p>x</p>", "content/pages/about.md"),)
    memo = AssemblyMemo()
    assemble_site(articles[:1], (), (), BUILT, memo)
    assert assemble_site(articles, profiles, pages, BUILT, memo) == assemble_site(articles, profiles, pages, BUILT)


def test_gather_people_memo_from_other_stories_and_profiles_changes_nothing() -> None:
    first = [_story("a", ("Vince Cale", "Ann Lee")), _story("b", ("Vincent Cale", "Lee"))]
    second = [first[1], _story("c", ("Vince Cale", "Bo Tan", "Tan"), day=3), _story("d", ("Jon K. Marsh",))]
    profile = PersonProfile("bo-tan", "content/people/bo-tan.md", merge_into="ann-lee")
    memo = PeopleMemo()
    gather_people(first, (), memo)
    assert gather_people(second, (profile,), memo) == gather_people(second, (profile,))
    assert gather_people(first, (), memo) == gather_people(first, ())


_GIVEN = ("Ann", "Bo", "Cy", "Vince", "Vincent", "Bill", "William", "A", "P", "Jon", "Tom", "Thomas")
_SURNAMES = ("Lee", "Tan", "Cale", "Ray", "Marsh", "Holt")


def _random_name(rng: random.Random) -> str:
    """Return a surname alone, a name with a middle initial, or a given name (or initial) and a surname."""
    draw = rng.random()
    if draw < 0.2:
        return rng.choice(_SURNAMES)
    if draw < 0.3:
        return f"{rng.choice(_GIVEN)} {rng.choice('KW')}. {rng.choice(_SURNAMES)}"
    return f"{rng.choice(_GIVEN)} {rng.choice(_SURNAMES)}"


def _random_profiles(rng: random.Random) -> tuple[PersonProfile, ...]:
    profiles = []
    for slug in rng.sample(("ann-lee", "bo-tan", "cy-ray", "vince-cale", "jon-marsh", "lee"), rng.randint(0, 3)):
        source = f"content/people/{slug}.md"
        kind = rng.choice(("merge", "alias", "drop", "name"))
        if kind == "merge":
            profiles.append(PersonProfile(slug, source, merge_into=rng.choice(("tom-holt", "bill-ray", "ghost"))))
        elif kind == "alias":
            profiles.append(PersonProfile(slug, source, aliases=(rng.choice(_SURNAMES), _random_name(rng))))
        elif kind == "drop":
            profiles.append(PersonProfile(slug, source, not_a_person=True))
        else:
            profiles.append(PersonProfile(slug, source, name=_random_name(rng)))
    return tuple(sorted(profiles, key=lambda p: p.slug))


def _random_named_story(rng: random.Random, number: int) -> Article:
    people = tuple(dict.fromkeys(_random_name(rng) for _ in range(rng.randint(0, 5))))
    return _story(f"s{number % 13}" if rng.random() < 0.2 else f"story-{number}", people,
                  f"topic{rng.randint(0, 50)} topic{rng.randint(0, 50)}", day=rng.choice((None, 1, 2, 2, 3)),
                  path=f"seeds/{number:04}.txt")


def test_people_through_a_memo_match_cold_whatever_changes() -> None:
    for run in range(12):
        rng = random.Random(run)
        articles = [_random_named_story(rng, n) for n in range(rng.randint(5, 40))]
        memo = AssemblyMemo()
        profiles: tuple[PersonProfile, ...] = ()
        for step in range(40):
            kind = rng.choice(("edit", "edit", "edit", "drop", "add", "same", "shuffle", "profiles", "twice"))
            if kind == "edit":
                articles[rng.randrange(len(articles))] = _random_named_story(rng, 1000 + step)
            elif kind == "drop" and len(articles) > 1:
                articles.pop(rng.randrange(len(articles)))
            elif kind == "add":
                articles.append(_random_named_story(rng, 2000 + step))
            elif kind == "shuffle":
                rng.shuffle(articles)
            elif kind == "profiles":
                profiles = _random_profiles(rng)
            elif kind == "twice":  # the very same story object twice
                articles.append(articles[rng.randrange(len(articles))])
            warm = assemble_site(articles, profiles, (), BUILT, memo)
            assert warm == assemble_site(articles, profiles, (), BUILT), (run, step, kind)


def test_edited_profiles_and_pages_are_read_again_through_the_memo(tmp_path: Path) -> None:
    (tmp_path / "site.yml").write_text("title: T\nbase_url: https://example.org/\n", encoding="utf-8")
    people_dir, pages_dir = tmp_path / "content" / "people", tmp_path / "content" / "pages"
    people_dir.mkdir(parents=True)
    pages_dir.mkdir(parents=True)
    config, _ = load_config(tmp_path / "site.yml")
    articles = [_story("a", ("Ann Lee",))]
    memo = AssemblyMemo()
    for description, title in (("Mayor", "About"), ("Mayor", "About us"), ("Former mayor", "About us")):
        (people_dir / "ann-lee.md").write_text(f"---\ndescription: {description}\n---\n", encoding="utf-8")
        (pages_dir / "about.md").write_text(f"---\ntitle: {title}\n---\nText.\n", encoding="utf-8")
        site, problems = assemble_articles(articles, config, False, BUILT, memo=memo)
        assert (site, problems) == assemble_articles(articles, config, False, BUILT)
        assert site.people[0].description == description
        assert site.pages[0].title == title
    (people_dir / "ann-lee.md").write_text("---\nlinks: [javascript:alert(1)]\n---\n", encoding="utf-8")
    for _ in range(2):  # a bad profile is refused every time, not remembered
        with pytest.raises(ContentError, match="not allowed"):
            assemble_articles(articles, config, False, BUILT, memo=memo)
