"""The reading stage on whole seeds: the sample article and one fixture file per shape."""

from __future__ import annotations

from pathlib import Path

from digest.reading import ReadOptions, parse_seed, read_seed

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "seeds"
SAMPLE = REPO / "seeds" / "000_9eb9dd2366d7895b.txt"


def test_sample_reads_every_field() -> None:
    seed = read_seed(SAMPLE, ReadOptions(), root=REPO)
    assert seed.path == "seeds/000_9eb9dd2366d7895b.txt"
    assert seed.title == "Russian opposition leaders meet in Brussels, fail to unite against Putin. Here's why"
    assert seed.byline == ("Harshit Sabarwal",)
    assert seed.dateline == "New Delhi"
    assert seed.published is not None and seed.published.isoformat() == "2023-06-11T20:46:00+05:30"
    assert seed.caption is not None and seed.caption.credit == "Reuters"
    assert seed.caption.text.startswith("File photo of Russian President Vladimir Putin")
    assert len(seed.highlights) == 1 and seed.highlights[0].startswith("Russian opposition leaders gathered")
    assert [b.text for b in seed.body if b.kind == "subheading"] == [
        "Navalny's group blamed for perpetuating conflict situations"
    ]
    assert len(seed.paragraphs) == 13
    assert seed.source == "WION"
    assert seed.problems == ()
    text = "\n".join(seed.paragraphs)
    for furniture in ("WATCH WION LIVE", "write for wionews.com", "Read in App", "Photograph:"):
        assert furniture not in text


def test_title_and_paragraphs_shape() -> None:
    path = FIXTURES / "bbc_title_paragraphs.txt"
    seed = parse_seed(path.read_bytes(), "bbc_title_paragraphs.txt", ReadOptions())
    assert seed.title == "Rail fares to rise by 4% in March"
    assert seed.slug == "rail-fares-to-rise-by-4-in-march"
    assert len(seed.paragraphs) == 4
    assert all(b.kind == "paragraph" for b in seed.body)
    assert seed.paragraphs[2].startswith('"We know that nobody likes paying more,"')
    assert seed.published is None and seed.byline == () and seed.problems == ()
