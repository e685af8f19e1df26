"""site.yml validation: types, unknown keys, YAML errors, paths — every problem at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.config import load_config, parse_config
from digest.errors import ConfigError


def test_defaults_when_site_yml_is_missing(tmp_path: Path) -> None:
    config, problems = load_config(tmp_path / "site.yml")
    assert config.output_dir == Path("_site") and config.per_page == 20 and problems == ()
    assert config.path("seeds_dir") == tmp_path.resolve() / "seeds"


def test_values_are_read_and_paths_resolved(tmp_path: Path) -> None:
    text = "title: T\nbase_url: https://u.github.io/repo\nper_page: 5\nsummary:\n  sentences: 2\n  max_words: 40\n"
    config, problems = parse_config(text, "site.yml", tmp_path)
    assert (config.title, config.per_page, config.summary_sentences, config.summary_max_words) == ("T", 5, 2, 40)
    assert config.base_url == "https://u.github.io/repo/" and config.base_path == "/repo/"
    assert problems == ()


def test_unknown_key_warns_with_a_suggestion(tmp_path: Path) -> None:
    _, problems = parse_config("title: x\ntimezon: UTC\n", "site.yml", tmp_path)
    assert [str(p) for p in problems] == ["site.yml:2: unknown key 'timezon' (did you mean 'timezone'?)"]


def test_every_wrong_type_is_reported_at_once_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config("title: x\nper_page: ten\ntimezone: Mars/Olympus\nsearch: maybe\n", "site.yml", tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        "site.yml:2: 'per_page' has an invalid value 'ten' (a positive whole number)",
        "site.yml:3: 'timezone' has an invalid value 'Mars/Olympus' (an IANA time zone such as Europe/London)",
        "site.yml:4: 'search' has an invalid value 'maybe' (true or false)",
    ]


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config("title: x\nper_page: [1, 2\n", "site.yml", tmp_path)
    (problem,) = caught.value.problems
    assert problem.file == "site.yml" and problem.line is not None and problem.line >= 2
    assert "YAML syntax error" in problem.message


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]\n'
    with pytest.raises(ConfigError, match="aliases"):
        parse_config(bomb, "site.yml", tmp_path)


@pytest.mark.parametrize("out", [".", "seeds", "content/x", ".."])
def test_output_dir_may_not_swallow_the_project(tmp_path: Path, out: str) -> None:
    (tmp_path / "proj").mkdir()
    with pytest.raises(ConfigError, match="output_dir"):
        parse_config(f"output_dir: {out}\n", "site.yml", tmp_path / "proj")


def test_a_folder_named_site_yml_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "site.yml").mkdir()
    with pytest.raises(ConfigError, match="is not a file"):
        load_config(tmp_path / "site.yml")


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="mapping"):
        parse_config("- a\n- b\n", "site.yml", tmp_path)


def test_a_key_given_twice_is_an_error_with_both_lines(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config("title: First\nper_page: 5\ntitle: Second\nsummary:\n  sentences: 2\n  sentences: 3\n",
                     "site.yml", tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        "site.yml:3: 'title' is given twice (once, here or on line 1)",
        "site.yml:6: 'summary.sentences' is given twice (once, here or on line 5)",
    ]
