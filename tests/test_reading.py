"""The reading stage: the sample article, corpora, seed listing, duplicates, HTML and hostile input."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.errors import ConfigError, SeedError
from digest.model import Block, Problem, Seed
from digest.reading import ReadOptions, dedupe_seeds, list_seeds, parse_seed, read_seed
from digest.reading.boilerplate import compile_rules
from digest.reading.dates import parse_date
from digest.reading.slugs import sanitise_slug, slugify

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "seeds" / "000_9eb9dd2366d7895b.txt"
SHARED = REPO / ".." / "shared"


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
    assert seed.paragraphs[0].startswith("Opposition leaders in Russia are failing")
    assert seed.paragraphs[-1].startswith("\u201cIf you have a common goal")
    assert seed.source == "WION"
    assert seed.problems == ()
    text = "\n".join(seed.paragraphs)
    for furniture in ("WATCH WION LIVE", "write for wionews.com", "Read in App", "Photograph:", "Story highlights"):
        assert furniture not in text


def test_parsing_is_deterministic() -> None:
    data = SAMPLE.read_bytes()
    assert parse_seed(data, "a.txt", ReadOptions()) == parse_seed(data, "a.txt", ReadOptions())


# --- dates -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Jun 11, 2023, 08:46 PM(IST)", "2023-06-11T20:46:00+05:30"),
        ("11 June 2023 20:46 BST", "2023-06-11T20:46:00+01:00"),
        ("Sun 11 Jun 2023 15.16 EDT", "2023-06-11T15:16:00-04:00"),
        ("June 11, 2023 3:16 PM ET", "2023-06-11T15:16:00-04:00"),
        ("2023-06-11T15:16:00Z", "2023-06-11T15:16:00+00:00"),
        ("2023-06-11T15:16:00+0530", "2023-06-11T15:16:00+05:30"),
        ("11/06/2023", "2023-06-11T00:00:00+00:00"),
        ("Published On 11 Jun 2023", "2023-06-11T00:00:00+00:00"),
        ("14:46 GMT, Friday, 10 June 2005", "2005-06-10T14:46:00+00:00"),
        ("December 3, 2023 at 5 pm EST", "2023-12-03T17:00:00-05:00"),
        ("11th of June 2023", "2023-06-11T00:00:00+00:00"),
    ],
)
def test_date_forms(text: str, iso: str) -> None:
    found = parse_date(text, ReadOptions())
    assert found is not None and found.isoformat() == iso


def test_date_order_and_zone_settings() -> None:
    assert parse_date("11/06/2023", ReadOptions(date_order="MDY")) == parse_date("6 November 2023", ReadOptions())
    london = parse_date("11 June 2023 10:00", ReadOptions(timezone="Europe/London"))
    assert london is not None and london.utcoffset() == timedelta(hours=1)
    overridden = parse_date("11 June 2023 10:00 IST", ReadOptions(zones=(("IST", "Europe/Dublin"),)))
    assert overridden is not None and overridden.utcoffset() == timedelta(hours=1)
    unknown_zone = parse_date("11 June 2023 10:00 XYZ", ReadOptions(timezone="Asia/Tokyo"))
    assert unknown_zone is not None and unknown_zone.utcoffset() == timedelta(hours=9)


@pytest.mark.parametrize("text", ["", "no date here", "31/02/2023", "June 40, 2023", "12.5 percent", "Room 101"])
def test_not_dates(text: str) -> None:
    assert parse_date(text, ReadOptions()) is None


# --- slugs -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Russian leaders meet in Brussels. Here's why", "russian-leaders-meet-in-brussels-heres-why"),
        ("Путин встретился с министрами", "putin-vstretilsya-s-ministrami"),
        ("नरेंद्र मोदी ने कहा", "narendra-modi-ne-kaha"),
        ("Café crème à Zürich — Ærø", "cafe-creme-a-zurich-aero"),
        ("Ελληνικά νέα", "ellinika-nea"),
        ("日本語", "article"),
    ],
)
def test_slugs_are_readable_ascii(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_slugs_are_bounded_and_sanitised() -> None:
    long_slug = slugify("word " * 100)
    assert len(long_slug) <= 80 and not long_slug.endswith("-")
    assert sanitise_slug("../../x", fallback="f") == "x"
    assert sanitise_slug("a/b\x00c\\d", fallback="f") == "a-b-c-d"
    assert sanitise_slug("..", fallback="fallback") == "fallback"


# --- listing ---------------------------------------------------------------------------------------------------


def test_list_seeds_sorts_and_skips(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    (seeds / "sub").mkdir(parents=True)
    (seeds / ".git").mkdir()
    for name in ("b.txt", "a.md", "sub/c.html", "d.markdown", "e.htm", ".hidden.txt", ".git/x.txt", "notes.json"):
        (seeds / name).write_text("Title\n\nBody.\n", encoding="utf-8")
    (seeds / "big.txt").write_text("x" * 200, encoding="utf-8")
    outside = tmp_path / "outside.txt"
    outside.write_text("Secret\n\nBody.\n", encoding="utf-8")
    os.symlink(outside, seeds / "link_out.txt")
    os.symlink(seeds / "b.txt", seeds / "link_in.txt")
    found, problems = list_seeds(seeds, ReadOptions(max_seed_bytes=100))
    assert [p.relative_to(seeds).as_posix() for p in found] == [
        "a.md",
        "b.txt",
        "d.markdown",
        "e.htm",
        "link_in.txt",
        "sub/c.html",
    ]
    messages = sorted((p.file, p.message) for p in problems)
    assert [name for name, _ in messages] == ["seeds/.hidden.txt", "seeds/big.txt", "seeds/link_out.txt"]
    assert "hidden" in messages[0][1]
    assert "max_seed_bytes" in messages[1][1] and "outside the seeds folder" in messages[2][1]
    assert list_seeds(tmp_path / "nowhere", ReadOptions())[1][0].message == "seeds folder not found"


def test_read_seed_paths_and_errors(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    path = tmp_path / "seeds" / "story.txt"
    path.write_text("Title\n\nBody text.\n", encoding="utf-8")
    assert read_seed(path, ReadOptions(), root=tmp_path).path == "seeds/story.txt"
    with pytest.raises(SeedError) as caught:
        read_seed(tmp_path / "seeds" / "missing.txt", ReadOptions(), root=tmp_path)
    assert caught.value.problems[0].file == "seeds/missing.txt"
    with pytest.raises(SeedError, match="max_seed_bytes"):
        read_seed(path, ReadOptions(max_seed_bytes=5))


# --- duplicates and slugs across seeds -------------------------------------------------------------------------


def seed(path: str, slug: str, body: str, published: datetime | None = None) -> Seed:
    """Make a minimal seed for cross-seed tests."""
    return Seed(path=path, slug=slug, title=slug, body=(Block("paragraph", body),), published=published)


def test_dedupe_keeps_first_by_path_and_names_both() -> None:
    when = datetime.fromisoformat("2023-06-11T10:00:00+00:00")
    kept, problems = dedupe_seeds(
        [
            seed("b.txt", "story", "Same  TEXT, here!", when),
            seed("a.txt", "story", "same text here", when),
        ]
    )
    assert [s.path for s in kept] == ["a.txt"]
    assert len(problems) == 1 and problems[0].file == "b.txt" and "a.txt" in problems[0].message


def test_dedupe_makes_slugs_unique_whatever_the_order() -> None:
    when = datetime.fromisoformat("2023-06-11T10:00:00+00:00")
    seeds = [
        seed("c.txt", "story", "three", when),
        seed("a.txt", "story", "one", when),
        seed("b.txt", "story-2", "two", when),
        seed("d.txt", "story", "four", when),
    ]
    first, _ = dedupe_seeds(seeds)
    second, _ = dedupe_seeds(list(reversed(seeds)))
    assert first == second
    assert [(s.path, s.slug) for s in first] == [
        ("a.txt", "story"),
        ("b.txt", "story-2"),
        ("c.txt", "story-3"),
        ("d.txt", "story-4"),
    ]


def test_undated_seeds_warn_once() -> None:
    _, problems = dedupe_seeds([seed("a.txt", "a", "one"), seed("b.txt", "b", "two")])
    assert len(problems) == 1 and "2 seed(s) have no date" in problems[0].message
    assert "a.txt" in problems[0].message and "b.txt" in problems[0].message


# --- boilerplate settings --------------------------------------------------------------------------------------


def test_bad_site_pattern_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="not a valid regular expression"):
        compile_rules(["(unclosed"])


def test_site_pattern_never_drops_a_quote() -> None:
    data = "Title\n\nSponsored by Acme\n\nSponsored by \u201cpeople like you,\u201d the ad said.\n".encode()
    read = parse_seed(data, "x.txt", ReadOptions(boilerplate=("Sponsored by .*",)))
    assert read.paragraphs == ("Sponsored by \u201cpeople like you,\u201d the ad said.",)


def test_site_pattern_with_groups_is_named() -> None:
    matcher = compile_rules(["(Sponsored|Promoted) by .*"])
    assert matcher.rule_of("Promoted by Acme") == "site:(Sponsored|Promoted) by .*"
    assert matcher.rule_of("Advertisement") == "advertisement"
    assert matcher.rule_of("The minister said so.") is None


# --- HTML ------------------------------------------------------------------------------------------------------

PAGE = b"""<html><head><title>Big storm hits coast</title>
<meta name="author" content="Jane Doe"><meta property="og:site_name" content="Coast News">
<meta property="article:published_time" content="2023-06-11T15:16:00+01:00"></head>
<body><nav>Home | World | Sport</nav><article><h1>Big storm hits coast</h1>
<p>A big storm hit the coast on Sunday, bringing down trees and power lines across the region.</p>
<h2>Homes without power</h2>
<p>"We have never seen anything like it," said John Smith, a resident of the town, on Sunday.</p>
<script>alert(1)</script></article><footer>Copyright 2023</footer></body></html>"""


def test_html_seed() -> None:
    pytest.importorskip("trafilatura")
    page = parse_seed(PAGE, "storm.html", ReadOptions())
    assert page.title == "Big storm hits coast"
    assert page.byline == ("Jane Doe",)
    assert page.source == "Coast News"
    assert page.published is not None and page.published.isoformat() == "2023-06-11T15:16:00+01:00"
    assert page.paragraphs[0].startswith("A big storm hit the coast")
    assert [b.text for b in page.body if b.kind == "subheading"] == ["Homes without power"]
    assert not any("alert" in p or "Home | World" in p for p in page.paragraphs)


def test_html_seed_without_the_extra_names_it(tmp_path: Path) -> None:
    script = (
        "import sys; sys.modules['trafilatura'] = None\n"
        "from digest.errors import SeedError\n"
        "from digest.reading import ReadOptions, parse_seed\n"
        "try:\n"
        "    parse_seed(b'<html><title>x</title><p>y</p></html>', 'page.html', ReadOptions())\n"
        "except SeedError as err:\n"
        "    print(err)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True)
    assert "page.html" in result.stdout and "digest[html]" in result.stdout


# --- hostile input ---------------------------------------------------------------------------------------------

HOSTILE = {
    "empty": b"",
    "whitespace": b" \n\t \r\n",
    "title only": b"Only a title",
    "no blank line after title": b"Title\nBody right after it.\n",
    "binary": bytes(range(256)) * 50,
    "invalid utf-8": b"Title\n\n\xff\xfe\xfd broken \xc3\x28 bytes.\n",
    "nul bytes": b"Title\x00\n\nBody\x00 text.\x00\n",
    "1 MB line": b"word " * 200_000,
    "quote marks": b"Title\n\n" + b'"' * 50_000 + "\u201c\u201d".encode() * 20_000 + b"\n",
    "repeated keywords": b"Title\n\n" + b"By Updated: Photo: (Reuters) - " * 20_000,
    "dates everywhere": b"Title\n\n" + b"11 June 2023 10:00 IST, " * 20_000,
    "deep markdown": b"Title\n\n" + b">" * 50_000 + b" x\n",
    "unclosed front matter": b"---\ntitle: x\n",
    "alias bomb": b"---\na: &a [x, x]\nb: [*a, *a]\n---\nBody\n",
    "front matter list": b"---\n- a\n- b\n---\nBody\n",
}


@pytest.mark.parametrize("suffix", [".txt", ".md"])
@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_input_gives_a_seed_or_a_seed_error(name: str, suffix: str) -> None:
    try:
        result = parse_seed(HOSTILE[name], "hostile" + suffix, ReadOptions())
    except SeedError as err:
        assert err.problems and err.problems[0].file == "hostile" + suffix
    else:
        assert result.title and result.body


# --- corpora ---------------------------------------------------------------------------------------------------


def corpus(*parts: str) -> Path:
    """Return a folder of the shared corpus, or skip the test when it is absent."""
    folder = SHARED.joinpath(*parts)
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    return folder


def test_bbc_corpus_reads_with_only_the_latin1_warning() -> None:
    folder = corpus("corpus", "bbc", "articles")
    warnings: list[Problem] = []
    files = sorted(folder.rglob("*.txt"))
    for path in files:
        read = read_seed(path, ReadOptions(), root=folder)
        assert read.title and read.paragraphs, path
        warnings.extend(read.problems)
    assert len(files) == 2225
    assert [(w.file, "Windows-1252" in w.message) for w in warnings] == [("sport/199.txt", True)]


def test_polnear_corpus_reads_without_problems() -> None:
    folder = corpus("corpus", "polnear", "dev", "text")
    files = sorted(folder.glob("*.txt"))
    assert len(files) == 84
    for path in files:
        read = read_seed(path, ReadOptions(), root=folder)
        assert read.title and read.paragraphs and read.problems == (), path


def test_reporting_credit_is_not_a_sentence_starting_the_same_way() -> None:
    data = (
        b"Title\n\nFirst paragraph.\n\nReporting by the Guardian revealed the scandal.\n\n"
        b"(Reporting by Jo Bo; Editing by Al Cu)\n"
    )
    read = parse_seed(data, "x.txt", ReadOptions())
    assert read.paragraphs == ("First paragraph.", "Reporting by the Guardian revealed the scandal.")
    assert read.byline == ("Jo Bo",)


PIECES = st.sampled_from(
    [
        "By ",
        "Edited By: ",
        "Updated: ",
        "Published On ",
        "(Reuters) - ",
        "LONDON ",
        "Image caption, ",
        "Photo: ",
        "Story highlights",
        "\u201c",
        "\u201d",
        '"',
        "''",
        "|",
        " and ",
        ", ",
        "11 June 2023 ",
        "08:46 PM(IST)",
        "\n",
        "\n\n",
        "---\n",
        "title: x\n",
        "# ",
        "- ",
        "\u2022 ",
        "\u00e2\u20ac\u2122",
        "\x00",
        "\r",
        "Advertisement",
        "WATCH WION LIVE HERE",
        "Harshit Sabarwal",
        "New Delhi",
        "said",
        ".",
        "(With inputs from agencies)",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40), st.sampled_from([".txt", ".md"]))
def test_any_mix_of_seed_pieces_gives_a_seed_or_a_seed_error(pieces: list[str], suffix: str) -> None:
    try:
        read = parse_seed("".join(pieces).encode("utf-8"), "mix" + suffix, ReadOptions())
    except SeedError:
        return
    assert read.title and read.body and read.slug
    assert all(block.text.strip() for block in read.body)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_seed_or_a_seed_error(data: bytes) -> None:
    try:
        read = parse_seed(data, "bytes.txt", ReadOptions())
    except SeedError as err:
        assert err.problems[0].file == "bytes.txt"
    else:
        assert read.title and read.body


@pytest.mark.parametrize("page", [b"<html></html>", b"<html><body><nav>Home</nav></body></html>", b"<<<>>>"])
def test_html_without_an_article_is_a_seed_error(page: bytes) -> None:
    pytest.importorskip("trafilatura")
    with pytest.raises(SeedError) as caught:
        parse_seed(page, "empty.html", ReadOptions())
    assert caught.value.problems[0].file == "empty.html"
