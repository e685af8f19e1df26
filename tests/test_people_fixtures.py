"""find_people on fixture stories: tests/fixtures/people/NAME.txt with the expected people in NAME.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from digest.extract.people import find_people

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "people"
CASES = sorted(p.stem for p in FIXTURES.glob("*.txt"))


@pytest.mark.parametrize("case", CASES)
def test_fixture(case: str) -> None:
    paragraphs = [p.strip() for p in (FIXTURES / f"{case}.txt").read_text(encoding="utf-8").split("\n\n") if p.strip()]
    expected = json.loads((FIXTURES / f"{case}.json").read_text(encoding="utf-8"))
    people = find_people(paragraphs, exclude=expected.get("exclude", ()))
    by_name = {p.name: p for p in people}
    assert [p.name for p in people] == expected["people"]
    for name, aliases in expected.get("aliases", {}).items():
        assert set(aliases) <= set(by_name[name].aliases), name
    for name, aliases in expected.get("not_aliases", {}).items():
        assert not set(aliases) & set(by_name[name].aliases), name
    for name, roles in expected.get("roles", {}).items():
        assert set(roles) <= set(by_name[name].roles), name
    for name, count in expected.get("mentions", {}).items():
        assert len(by_name[name].mentions) == count, name
    for person in people:
        for mention in person.mentions:
            surface = paragraphs[mention.paragraph][mention.start : mention.end]
            assert surface.casefold() == person.name.casefold() or surface in person.aliases, (person.name, surface)
