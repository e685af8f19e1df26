"""Line-level readers of the reading stage: string in, value out."""

from __future__ import annotations

import pytest

from digest.reading import ReadOptions
from digest.reading.boilerplate import publisher_clue, split_title_outlet
from digest.reading.captions import CaptionLine, read_caption_line
from digest.reading.header import parse_byline, parse_date_line, parse_segmented, parse_trailer_credit
from digest.reading.wire import WireLead, place_name, split_wire_lead

OPTIONS = ReadOptions()


@pytest.mark.parametrize(
    ("line", "people"),
    [
        ("Edited By: Harshit Sabarwal", ("Harshit Sabarwal",)),
        ("By Jane Doe and John Roe", ("Jane Doe", "John Roe")),
        ("Written by Ana Lima, Rui Costa & Joana Dias", ("Ana Lima", "Rui Costa", "Joana Dias")),
        ("Reported by: Lee Chan", ("Lee Chan",)),
        ("By Tom Baker, Political correspondent, BBC News", ("Tom Baker",)),
        ("By Reuters", ()),
        ("By The Associated Press", ()),
    ],
)
def test_bylines(line: str, people: tuple[str, ...]) -> None:
    facts = parse_byline(line, OPTIONS)
    assert facts is not None and facts.people == people


@pytest.mark.parametrize(
    "line", ["By 2025, 40% of homes will be online.", "By early 2005 the net had grown.", "By contrast prices fell."]
)
def test_sentences_starting_with_by_are_not_bylines(line: str) -> None:
    assert parse_byline(line, OPTIONS) is None


def test_byline_with_a_date() -> None:
    facts = parse_byline("By John Smith | Updated: 11 June 2023 10:00 GMT", OPTIONS)
    assert facts is not None and facts.people == ("John Smith",)
    assert [(kind, value.isoformat()) for kind, value in facts.dates] == [("updated", "2023-06-11T10:00:00+00:00")]


@pytest.mark.parametrize(
    ("line", "place", "kinds"),
    [
        ("New Delhi Updated: Jun 11, 2023, 08:46 PM(IST)", "New Delhi", ["updated"]),
        ("NEW DELHI, Published: 11 June 2023", "New Delhi", ["published"]),
        ("Published: 10 June 2023 Updated: 11 June 2023", None, ["published", "updated"]),
        ("LONDON 1996-08-30", "London", ["published"]),
        ("Sun 11 Jun 2023 15.16 EDT", None, ["published"]),
    ],
)
def test_date_lines(line: str, place: str | None, kinds: list[str]) -> None:
    facts = parse_date_line(line, OPTIONS)
    assert facts is not None and facts.place == place and [kind for kind, _ in facts.dates] == kinds


@pytest.mark.parametrize(
    "line", ["The report was updated on Monday to add figures.", "11 June 2023 was the hottest day.", "Updated: soon"]
)
def test_sentences_with_dates_are_not_date_lines(line: str) -> None:
    assert parse_date_line(line, OPTIONS) is None


def test_segmented_header() -> None:
    facts = parse_segmented("Hindustan Times, New Delhi | By Priya Singh", OPTIONS)
    assert facts is not None and facts.people == ("Priya Singh",) and facts.place == "New Delhi"
    assert "Hindustan Times, New Delhi" in facts.clues
    assert parse_segmented("Politics | Economy | World", OPTIONS) is None


def test_trailer_credit() -> None:
    assert parse_trailer_credit("(Reporting by A Bee and Cee Dee; Editing by Eff Gee)") == ("A Bee", "Cee Dee")
    assert parse_trailer_credit("Reporting by the Guardian revealed the scandal.") is None


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        (
            "File photo of Russian President Vladimir Putin. Photograph:( Reuters )",
            CaptionLine("File photo of Russian President Vladimir Putin.", "Reuters"),
        ),
        ("Image source, Getty Images", CaptionLine(None, "Getty Images")),
        (
            "Image caption, Sarah Jones had been an MP since 2015",
            CaptionLine("Sarah Jones had been an MP since 2015", None),
        ),
        ("(Photo: AP)", CaptionLine(None, "AP")),
        ("Image: Protesters gather outside parliament (AP)", CaptionLine("Protesters gather outside parliament", "AP")),
        ("Rescuers at work in Faenza. Image: Reuters", CaptionLine("Rescuers at work in Faenza.", "Reuters")),
    ],
)
def test_caption_lines(line: str, caption: CaptionLine) -> None:
    assert read_caption_line(line) == caption


@pytest.mark.parametrize(
    "line", ["The image of the city has changed.", "\u201cPhoto: me,\u201d she said.", "He took a photo of the crowd."]
)
def test_body_lines_are_not_captions(line: str) -> None:
    assert read_caption_line(line) is None


@pytest.mark.parametrize(
    ("lead", "wire"),
    [
        ("LONDON (Reuters) - Britain said", WireLead("London", "Reuters", "Britain said")),
        ("(CNN)The president said", WireLead(None, "CNN", "The president said")),
        ("WASHINGTON \u2014 The Senate voted", WireLead("Washington", None, "The Senate voted")),
        ("NEW DELHI: The government said", WireLead("New Delhi", None, "The government said")),
        ("Paris, June 10 (AFP) - France said", WireLead("Paris", "AFP", "France said")),
        ("SAN FRANCISCO, Calif. (AP) \u2014 Apple said", WireLead("San Francisco", "AP", "Apple said")),
    ],
)
def test_wire_datelines(lead: str, wire: WireLead) -> None:
    assert split_wire_lead(lead) == wire


@pytest.mark.parametrize(
    "lead",
    [
        "The Metal Trades Federation (MTF) is calling for help.",
        "General Motors (GM) has cut jobs.",
        "AOL: profits up.",
        "UK economy grows",
        "Mr Smith (Labour) - said",
    ],
)
def test_sentences_are_not_wire_datelines(lead: str) -> None:
    assert split_wire_lead(lead) is None


def test_place_names() -> None:
    assert place_name("MILWAUKEE, Wisconsin") == "Milwaukee, Wisconsin"
    assert place_name("U.S.") == "U.S."


def test_publisher_clues_and_title_outlets() -> None:
    assert publisher_clue(["You can now write for wionews.com"]) == "WION"
    assert publisher_clue(["Nothing to see"]) is None
    assert split_title_outlet("Minister quits - BBC News") == ("Minister quits", "BBC News")
    assert split_title_outlet("Spider-Man - the review") == ("Spider-Man - the review", None)


def test_byline_in_capitals() -> None:
    facts = parse_byline("By AMY SMITH and JOHN O'BRIEN, Associated Press", OPTIONS)
    assert facts is not None and facts.people == ("Amy Smith", "John O'Brien")
