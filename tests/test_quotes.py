"""Quote extraction: fixture files of text with the expected quotes and speakers beside them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.extract.quotes import extract_quotes
from digest.model import ArticlePerson, Mention

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "quotes"
CASES = sorted(FIXTURES.glob("*.txt"))


def read_paragraphs(path: Path) -> list[str]:
    """Return the blank-line separated paragraphs of a fixture text."""
    text = path.read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def make_people(paragraphs: list[str], spec: list[dict[str, Any]]) -> list[ArticlePerson]:
    """Build ArticlePerson values as the people finder would, with mentions found by substring search."""
    people = []
    for entry in spec:
        forms = [entry["name"], *entry.get("aliases", [])]
        mentions = []
        for number, paragraph in enumerate(paragraphs):
            for form in forms:
                at = paragraph.find(form)
                while at >= 0:
                    mentions.append(Mention(number, at, at + len(form)))
                    at = paragraph.find(form, at + 1)
        people.append(
            ArticlePerson(
                name=entry["name"],
                aliases=tuple(entry.get("aliases", [])),
                roles=tuple(entry.get("roles", [])),
                mentions=tuple(sorted(set(mentions), key=lambda m: (m.paragraph, m.start))),
            )
        )
    return people


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_fixture(case: Path) -> None:
    paragraphs = read_paragraphs(case)
    expected = json.loads(case.with_suffix(".json").read_text(encoding="utf-8"))
    quotes = extract_quotes(paragraphs, make_people(paragraphs, expected.get("people", [])))
    assert [(q.text, q.speaker) for q in quotes] == [(e["text"], e["speaker"]) for e in expected["quotes"]]
    for quote, want in zip(quotes, expected["quotes"], strict=True):
        assert paragraphs[quote.paragraph][quote.start : quote.end] == quote.text
        if "kind" in want:
            assert quote.kind == want["kind"], quote.text
        if "role" in want:
            assert quote.speaker_role == want["role"], quote.text
        assert quote.speaker_is_organisation == want.get("organisation", False), quote.text


def test_every_fixture_has_expectations() -> None:
    assert len(CASES) >= 1
    for case in CASES:
        assert case.with_suffix(".json").exists(), case.name


def test_no_quotes_in_plain_text() -> None:
    assert extract_quotes(["Nobody said anything here.", "Nor here."], []) == ()


PEOPLE = [
    ArticlePerson("John Smith", ("Smith", "Mr Smith"), ("finance minister",), (Mention(0, 0, 5),)),
    ArticlePerson("Mary Jones", ("Jones",), ("opposition leader",), ()),
]
PIECES = st.sampled_from(
    [
        '"',
        "\u201c",
        "\u201d",
        "'",
        "\u2018",
        "\u2019",
        " ",
        ", ",
        ". ",
        ": ",
        "said",
        "Smith",
        "Jones",
        "he",
        "she",
        "the minister",
        "We",
        "will",
        "win",
        "\u2015",
        "(",
        ")",
        "Mr",
        "told",
        "according to",
        "\n",
        "WALLACE:",
    ]
)


@given(st.lists(st.lists(PIECES, max_size=40).map("".join), min_size=1, max_size=4))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_quotes_that_point_into_their_paragraph(paragraphs: list[str]) -> None:
    for quote in extract_quotes(paragraphs, PEOPLE):
        assert 0 <= quote.paragraph < len(paragraphs)
        assert 0 <= quote.start < quote.end <= len(paragraphs[quote.paragraph])
        assert paragraphs[quote.paragraph][quote.start : quote.end] == quote.text
        # A speaker is someone known, an organisation, a full name, or one word the story itself gives
        # beside a quote ("…," Nervo wrote; a transcript's "WALLACE:"): never a name made up.
        text = paragraphs[quote.paragraph]
        narration = " ".join([*paragraphs[: quote.paragraph], text[: quote.start], text[quote.end :]])
        assert (
            quote.speaker is None
            or quote.speaker_is_organisation
            or quote.speaker in {"John Smith", "Mary Jones"}
            or (len(quote.speaker.split()) >= 2)
            or quote.speaker.lower() in narration.lower()
        )


def test_extraction_is_pure_and_repeatable() -> None:
    paragraphs = ['"We will win," Smith said.', '"And we will win it by a mile."']
    people = tuple(PEOPLE)
    first = extract_quotes(paragraphs, people)
    assert first == extract_quotes(paragraphs, people)
    assert paragraphs == ['"We will win," Smith said.', '"And we will win it by a mile."']
    assert people == tuple(PEOPLE)


def test_the_sample_article_end_to_end() -> None:
    """The issue's sample, read and searched for people by the real stages: seven quotes, seven speakers."""
    from digest.extract.people import find_people
    from digest.reading import ReadOptions
    from digest.reading.parse import read_seed

    seed = read_seed(Path(__file__).resolve().parents[1] / "seeds" / "000_9eb9dd2366d7895b.txt", ReadOptions())
    people = find_people(seed.paragraphs, title=seed.title, exclude=seed.byline)
    quotes = extract_quotes(seed.paragraphs, people)
    assert [(q.speaker, q.kind) for q in quotes] == [
        ("Andrius Kubilius", "direct"),
        ("Leonid Volkov", "partial"),
        ("Michael Siebert", "direct"),
        ("Mikhail Khodorkovsky", "direct"),
        ("Mikhail Khodorkovsky", "direct"),
        ("Vladimir Milov", "partial"),
        ("Oleksiy Arestovich", "direct"),
    ]
    assert quotes[0].text.startswith("They have these infights")
    assert quotes[4].text.startswith("I have nothing against impotency")
