"""The one reader of YAML and front matter: the same refusals, lines and error types for every caller."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.config import parse_config
from digest.errors import ConfigError, ContentError, DigestError, SeedError
from digest.frontmatter import MAX_YAML_BYTES, load_yaml, read_front_matter, split_front_matter
from digest.pages import parse_page
from digest.people import parse_profile
from digest.reading import ReadOptions
from digest.reading.parse import parse_seed


def test_yaml_gives_the_line_of_every_key_path_counted_from_first_line() -> None:
    data, lines = load_yaml("title: x\nsummary:\n  sentences: 2\n", "f", ConfigError, first_line=5)
    assert data == {"title": "x", "summary": {"sentences": 2}}
    assert lines == {("title",): 5, ("summary",): 6, ("summary", "sentences"): 7}


@pytest.mark.parametrize("error", [ConfigError, ContentError, SeedError])
def test_an_anchor_alone_is_refused_as_the_callers_error(error: type[DigestError]) -> None:
    with pytest.raises(error) as caught:
        load_yaml("a: 1\nb: &x 2\n", "f", error)
    assert [p.line for p in caught.value.problems] == [2]
    assert "anchor or alias" in caught.value.problems[0].message


def test_yaml_larger_than_the_limit_is_refused() -> None:
    text = "a: " + "x" * MAX_YAML_BYTES + "\n"
    with pytest.raises(ConfigError, match="too large"):
        load_yaml(text, "site.yml", ConfigError)


@pytest.mark.parametrize(("text", "yaml_text", "body", "body_line"), [
    ("---\ntitle: x\n---\nBody\n", "title: x", "Body\n", 4),
    ("\ufeff---\r\ntitle: x\r\n---\r\nBody\r\n", "title: x", "Body\r\n", 4),  # a BOM and Windows line ends
    ("---\ntitle: x\n...\nBody\n", "title: x", "Body\n", 4),  # YAML's own end-of-document line
    ("---\n---\nBody\n", "", "Body\n", 3),  # empty front matter
    ("---\ntitle: x\n---", "title: x", "", 4),  # closing line at the end of the file
    ("Title\n\nBody\n", None, "Title\n\nBody\n", 1),
])
def test_split_front_matter(text: str, yaml_text: str | None, body: str, body_line: int) -> None:
    assert split_front_matter(text, "f", ContentError) == (yaml_text, body, body_line)


def test_unclosed_front_matter_is_an_error_unless_closing_is_optional() -> None:
    with pytest.raises(ContentError, match="not closed"):
        split_front_matter("---\ntitle: x\n\nBody\n", "f", ContentError)
    assert split_front_matter("---\nBody\n", "f", ContentError, required_closing=False) == (None, "---\nBody\n", 1)


def test_front_matter_syntax_error_is_on_its_last_line_not_the_closing_one() -> None:
    with pytest.raises(SeedError) as caught:
        read_front_matter("---\ntitle: ok\ntags: [unclosed\n---\nBody\n", "a.md", SeedError)
    assert [p.line for p in caught.value.problems] == [3]


def test_front_matter_keys_have_their_file_lines_even_when_quoted() -> None:
    meta, body, lines = read_front_matter('---\n\n"title": x\nslug: y\n---\nBody\n', "f", ContentError)
    assert meta == {"title": "x", "slug": "y"} and body == "Body\n" and lines == {"title": 3, "slug": 4}


def test_front_matter_must_be_a_mapping() -> None:
    with pytest.raises(ContentError, match="mapping") as caught:
        read_front_matter("---\n- a\n---\n", "f", ContentError)
    assert caught.value.problems[0].line == 2


# --- every caller refuses the same things, each with its own error type -------------------------------------------


def test_a_key_given_twice_is_an_error_in_site_yml_pages_profiles_and_seeds(tmp_path: Path) -> None:
    twice = "title: a\ntitle: b\n"
    with pytest.raises(ConfigError, match="given twice"):
        parse_config(twice, "site.yml", tmp_path)
    for call in (lambda: parse_page(f"---\n{twice}---\nBody\n", "p.md", "p"),
                 lambda: parse_profile(f"---\n{twice}---\n", slug="p", source="p.md")):
        with pytest.raises(ContentError) as caught:
            call()
        assert [p.line for p in caught.value.problems] == [3]
    with pytest.raises(SeedError, match="given twice"):
        parse_seed(f"---\n{twice}---\nBody text here.\n".encode(), "s.md", ReadOptions())


def test_an_unclosed_page_front_matter_is_an_error_like_a_profiles() -> None:
    with pytest.raises(ContentError, match="not closed"):
        parse_page("---\ntitle: About\n\nBody\n", "p.md", "p")
    with pytest.raises(ContentError, match="not closed"):
        parse_profile("---\nname: Ann\n\nBio.\n", slug="x", source="x.md")


def test_profile_with_a_bom_and_dots_closing_reads() -> None:
    profile, warnings = parse_profile("\ufeff---\nname: Ann Lee\n...\nBio.\n", slug="ann-lee", source="a.md")
    assert profile.name == "Ann Lee" and "Bio." in profile.bio_html and warnings == ()
