"""gather_people: one person across the digest, and the editorial profiles on top."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from digest.errors import ContentError
from digest.model import Article, ArticlePerson, Block, Mention, Quote, Seed
from digest.people import PersonProfile, gather_people, load_profiles, parse_profile, slugify_name


def _person(name: str, aliases: tuple[str, ...] = (), roles: tuple[str, ...] = ()) -> ArticlePerson:
    return ArticlePerson(name=name, aliases=aliases, roles=roles, mentions=(Mention(0, 0, len(name)),))


def _article(slug: str, day: int | None, *people: ArticlePerson, quotes: tuple[Quote, ...] = ()) -> Article:
    published = datetime(2024, 1, day, tzinfo=UTC) if day else None
    seed = Seed(path=f"{slug}.txt", slug=slug, title=slug, body=(Block("paragraph", "x"),), published=published)
    return Article(seed=seed, summary=(), quotes=quotes, people=tuple(people))


def _quote(text: str, speaker: str, *, organisation: bool = False) -> Quote:
    return Quote(text, speaker, None, "direct", 0, 0, len(text), speaker_is_organisation=organisation)


def test_same_full_name_in_many_stories_is_one_person() -> None:
    articles = [
        _article("a", 1, _person("Vladimir Putin", ("Putin",), ("Russian President",))),
        _article("b", 3, _person("Vladimir Putin", ("President Putin",), ("President",))),
    ]
    people, links, problems = gather_people(articles, ())
    assert [p.slug for p in people] == ["vladimir-putin"]
    (putin,) = people
    assert putin.article_slugs == ("b", "a")
    assert [r.text for r in putin.roles] == ["President", "Russian President"]
    assert putin.roles[0].article_slug == "b"
    assert {"Putin", "President Putin"} <= set(putin.aliases)
    assert links[("a", "Vladimir Putin")] == links[("b", "Vladimir Putin")] == "vladimir-putin"
    assert putin.first_seen == datetime(2024, 1, 1, tzinfo=UTC)
    assert putin.last_seen == datetime(2024, 1, 3, tzinfo=UTC)
    assert putin.mentions == 2
    assert problems == ()


def test_surname_only_person_attaches_to_the_full_name_of_its_story() -> None:
    articles = [
        _article("a", 1, _person("Hillary Clinton"), _person("Bill Clinton")),
        _article("b", 2, _person("Bill Clinton"), _person("Clinton")),
    ]
    people, links, _ = gather_people(articles, ())
    assert [p.slug for p in people] == ["bill-clinton", "hillary-clinton"]
    assert links[("b", "Clinton")] == "bill-clinton"


def test_ambiguous_surname_alone_does_not_merge_different_first_names() -> None:
    articles = [
        _article("a", 1, _person("Hillary Clinton"), _person("Bill Clinton")),
        _article("b", 2, _person("Clinton")),
    ]
    people, links, _ = gather_people(articles, ())
    assert links[("b", "Clinton")] not in {"bill-clinton", "hillary-clinton"}
    assert len(people) == 3


def test_middle_initial_joins_the_plain_full_name() -> None:
    articles = [_article("a", 1, _person("George W. Bush")), _article("b", 2, _person("George Bush"))]
    people, _, _ = gather_people(articles, ())
    assert [p.slug for p in people] == ["george-bush"]


def test_quotes_newest_first_and_organisations_left_out() -> None:
    old, new = _quote("old words", "Ann Lee"), _quote("new words", "Ann Lee")
    articles = [
        _article("a", 1, _person("Ann Lee"), quotes=(old, _quote("org words", "Ann Lee", organisation=True))),
        _article("b", 5, _person("Ann Lee"), quotes=(new,)),
    ]
    (ann,), _, _ = gather_people(articles, ())
    assert [q.quote.text for q in ann.quotes] == ["new words", "old words"]
    assert [q.article_slug for q in ann.quotes] == ["b", "a"]


def test_appears_with_strongest_first() -> None:
    articles = [
        _article("a", 1, _person("Ann Lee"), _person("Bob Stone"), _person("Cy Young")),
        _article("b", 2, _person("Ann Lee"), _person("Bob Stone")),
    ]
    people, _, _ = gather_people(articles, ())
    ann = next(p for p in people if p.slug == "ann-lee")
    assert ann.appears_with == (("bob-stone", 2), ("cy-young", 1))


def test_slugs_are_ascii_and_stable() -> None:
    assert slugify_name("José Pérez") == "jose-perez"
    assert slugify_name("Alex O'Brien") == "alex-obrien"
    cyrillic = slugify_name("Владимир Путин")
    assert cyrillic.isascii() and cyrillic == slugify_name("Владимир Путин")


def _profile(slug: str, **fields: object) -> PersonProfile:
    return PersonProfile(slug=slug, source=f"content/people/{slug}.md", **fields)  # type: ignore[arg-type]


def test_profile_aliases_name_description_links_and_bio() -> None:
    articles = [_article("a", 1, _person("Vladimir Putin")), _article("b", 2, _person("V. V. Putin"))]
    profile = _profile(
        "vladimir-putin",
        name="Vladimir V. Putin",
        aliases=("V. V. Putin",),
        description="President of Russia",
        links=(("Kremlin", "https://kremlin.ru"),),
        bio_html="<p>Bio</p>\n",
    )
    people, links, problems = gather_people(articles, (profile,))
    (putin,) = people
    assert putin.name == "Vladimir V. Putin"
    assert links[("b", "V. V. Putin")] == "vladimir-putin"
    assert putin.description == "President of Russia"
    assert putin.links == (("Kremlin", "https://kremlin.ru"),)
    assert putin.bio_html == "<p>Bio</p>\n"
    assert problems == ()


def test_profile_merge_into() -> None:
    articles = [_article("a", 1, _person("Alexei Navalny")), _article("b", 2, _person("Aleksei Navalny"))]
    people, links, _ = gather_people(articles, (_profile("aleksei-navalny", merge_into="alexei-navalny"),))
    assert [p.slug for p in people] == ["alexei-navalny"]
    assert links[("b", "Aleksei Navalny")] == "alexei-navalny"


def test_profile_not_a_person_drops_the_entity_everywhere() -> None:
    articles = [_article("a", 1, _person("Story Highlights"), _person("Ann Lee"))]
    people, links, _ = gather_people(articles, (_profile("story-highlights", not_a_person=True),))
    assert [p.slug for p in people] == ["ann-lee"]
    assert ("a", "Story Highlights") not in links
    assert people[0].appears_with == ()


def test_profile_naming_nobody_warns() -> None:
    articles = [_article("a", 1, _person("Ann Lee"))]
    _, _, problems = gather_people(articles, (_profile("nobody-here"), _profile("ann-lee", merge_into="ghost")))
    messages = [p.message for p in problems]
    assert any("nobody-here" in m for m in messages)
    assert any("ghost" in m for m in messages)


def test_load_profiles_reads_front_matter_and_bio(tmp_path: Path) -> None:
    (tmp_path / "ann-lee.md").write_text(
        "---\nname: Ann Lee\naliases: [Annie Lee]\ndescription: Mayor\nlinks:\n  Site: https://example.org\n"
        "colour: red\n---\nAnn *runs* the town. <script>x</script>\n",
        encoding="utf-8",
    )
    profiles, problems = load_profiles(tmp_path)
    (ann,) = profiles
    assert ann.slug == "ann-lee" and ann.name == "Ann Lee" and ann.aliases == ("Annie Lee",)
    assert ann.links == (("Site", "https://example.org"),)
    assert "<em>runs</em>" in ann.bio_html and "<script>" not in ann.bio_html
    (unknown,) = problems
    assert "colour" in unknown.message and unknown.line == 7


def test_load_profiles_missing_directory_is_empty(tmp_path: Path) -> None:
    assert load_profiles(tmp_path / "none") == ((), ())


def test_bad_yaml_is_a_content_error_with_line() -> None:
    with pytest.raises(ContentError) as info:
        parse_profile("---\nname: Ann\naliases: [unclosed\n---\n", slug="x", source="x.md")
    assert info.value.problems[0].file == "x.md"
    assert info.value.problems[0].line is not None


def test_yaml_anchors_are_refused() -> None:
    with pytest.raises(ContentError, match="anchors"):
        parse_profile("---\nname: &a Ann\naliases: [*a]\n---\n", slug="x", source="x.md")


def test_javascript_links_are_refused() -> None:
    with pytest.raises(ContentError, match="not allowed"):
        parse_profile("---\nlinks:\n  - {label: x, url: 'javascript:alert(1)'}\n---\n", slug="x", source="x.md")


def test_initial_in_a_team_list_joins_the_full_name() -> None:
    articles = [
        _article("a", 1, _person("Paul O'Connell")),
        _article("b", 2, _person("P O'Connell"), _person("G Easterby"), _person("S Easterby")),
        _article("c", 3, _person("Guy Easterby"), _person("Simon Easterby")),
        _article("d", 4, _person("P O'Connell")),
    ]
    people, links, _ = gather_people(articles, ())
    assert links[("b", "P O'Connell")] == "paul-oconnell"
    assert links[("b", "G Easterby")] == "guy-easterby"
    assert links[("b", "S Easterby")] == "simon-easterby"
    assert {p.slug: p.name for p in people}["paul-oconnell"] == "Paul O'Connell"


def test_surname_alone_joins_the_person_far_more_often_in_the_news() -> None:
    blair_stories = [_article(f"t{i}", 1, _person("Tony Blair")) for i in range(6)]
    articles = [*blair_stories, _article("c", 2, _person("Cherie Blair")), _article("m", 3, _person("Blair"))]
    _, links, _ = gather_people(articles, ())
    assert links[("m", "Blair")] == "tony-blair"


def test_profile_alias_claims_names_not_story_aliases() -> None:
    articles = [
        _article("a", 1, _person("Hillary Clinton", ("Clinton",))),
        _article("b", 2, _person("Clinton")),
    ]
    profile = _profile("bill-clinton", name="Bill Clinton", aliases=("Clinton",))
    people, links, _ = gather_people(articles, (profile,))
    assert links[("a", "Hillary Clinton")] == "hillary-clinton"
    assert links[("b", "Clinton")] == "bill-clinton"
    assert {p.slug for p in people} == {"hillary-clinton", "bill-clinton"}


def test_each_front_matter_key_at_work(tmp_path: Path) -> None:
    files = {
        "vladimir-putin.md": "---\nname: Vladimir V. Putin\ndescription: President of Russia\n"
        "aliases:\n  - V. V. Putin\nlinks:\n  - label: Kremlin\n    url: https://en.kremlin.ru\n---\n"
        "Former **KGB** officer.\n",
        "aleksei-navalny.md": "---\nmerge_into: alexei-navalny\n---\n",
        "story-highlights.md": "---\nnot_a_person: true\n---\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    profiles, warnings = load_profiles(tmp_path)
    assert warnings == ()
    articles = [
        _article("a", 1, _person("Vladimir Putin"), _person("Alexei Navalny"), _person("Story Highlights")),
        _article("b", 2, _person("V. V. Putin"), _person("Aleksei Navalny")),
    ]
    people, links, problems = gather_people(articles, profiles)
    assert problems == ()
    by_slug = {p.slug: p for p in people}
    assert sorted(by_slug) == ["alexei-navalny", "vladimir-putin"]  # merge_into, not_a_person
    putin = by_slug["vladimir-putin"]
    assert putin.name == "Vladimir V. Putin"  # name
    assert links[("b", "V. V. Putin")] == "vladimir-putin"  # aliases
    assert putin.description == "President of Russia"  # description
    assert putin.links == (("Kremlin", "https://en.kremlin.ru"),)  # links
    assert putin.bio_html == "<p>Former <strong>KGB</strong> officer.</p>\n"  # the Markdown bio
    assert links[("b", "Aleksei Navalny")] == "alexei-navalny"
    assert ("a", "Story Highlights") not in links
    assert by_slug["alexei-navalny"].appears_with == (("vladimir-putin", 2),)


def test_father_and_son_with_different_middle_initials_stay_apart() -> None:
    articles = [
        _article("a", 1, _person("George H. W. Bush")),
        _article("b", 2, _person("George W. Bush")),
        _article("c", 3, _person("George Walker Bush")),
        _article("d", 4, _person("George Bush")),
    ]
    _, links, _ = gather_people(articles, ())
    assert links[("b", "George W. Bush")] == links[("c", "George Walker Bush")]
    assert links[("a", "George H. W. Bush")] != links[("b", "George W. Bush")]
    assert links[("d", "George Bush")] not in {links[("a", "George H. W. Bush")], links[("b", "George W. Bush")]}


def test_unclosed_front_matter_is_a_content_error() -> None:
    with pytest.raises(ContentError, match="not closed"):
        parse_profile("---\nname: Ann\n\nBio.\n", slug="x", source="x.md")


def test_familiar_given_name_joins_the_formal_one_of_the_same_surname() -> None:
    articles = [
        _article("a", 1, _person("Vince Cable")),
        _article("b", 2, _person("Vince Cable")),
        _article("c", 3, _person("Vincent Cable"), _person("Bill Clinton"), _person("Hillary Clinton")),
    ]
    people, links, _ = gather_people(articles, ())
    assert [p.slug for p in people] == ["bill-clinton", "hillary-clinton", "vince-cable"]
    assert links[("c", "Vincent Cable")] == "vince-cable"


def test_familiar_given_name_shared_by_two_formal_ones_joins_neither() -> None:
    articles = [
        _article("a", 1, _person("Chris Evans"), _person("Christopher Evans")),
        _article("b", 2, _person("Christine Evans"), _person("Tony Blair"), _person("Anthony Hopkins")),
    ]
    people, _, _ = gather_people(articles, ())
    assert [p.slug for p in people] == [
        "anthony-hopkins", "chris-evans", "christine-evans", "christopher-evans", "tony-blair",
    ]


def test_familiar_given_name_of_a_common_surname_stays_apart() -> None:
    jones = [_person(f"{given} Jones") for given in ("Steve", "Stephen", "Tom", "Ryan", "Dafydd", "Adam")]
    people, _, _ = gather_people([_article("a", 1, *jones)], ())
    assert {"steve-jones", "stephen-jones"} <= {p.slug for p in people}
