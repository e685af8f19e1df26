"""digest.json's encoder writes exactly what json.dumps(..., ensure_ascii=False, indent=1) writes."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from digest.site_data import indented_json

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=25,
)


def reference(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)


@given(_VALUES)
def test_any_json_value_is_encoded_as_the_standard_encoder_does(value: Any) -> None:
    assert indented_json(value) == reference(value)


def test_awkward_values_are_encoded_as_the_standard_encoder_does() -> None:
    value = {
        "quote": 'He said "no" \\ then\nleft\u2028 \x00 \ud800 é 中 😀',
        "empty": [], "none": {}, "nested": [[{}], [[]]],
        "numbers": [0, -1, 10**30, 1.5, 1e300, float("inf"), float("nan"), True, False, None],
        "keys": {1: "int key", 2.5: "float key", False: "bool key", None: "none key"},
    }
    assert indented_json(value) == reference(value)
    assert indented_json([]) == "[]" and indented_json("x") == '"x"'


def test_digest_json_joined_from_items_equals_the_whole_document_encoded(project: Path) -> None:
    """The renderer joins digest.json from encoded items: byte for byte what encoding the whole gives."""
    from digest.build import gather_site
    from digest.config import load_config
    from digest.render import Renderer, encode, make_environment
    from digest.site_data import site_data
    from digest.urls import Urls

    (project / "seeds" / "odd.txt").write_text(
        'A harbour \x07reopens\n\nPublished: 3 June 2023\n\n"We are back \u2028at last," said Marta Kellerby, '
        "the mayor.\n\nMarta Kellerby thanked the builders of Brindle.\n", encoding="utf-8")
    config, _ = load_config(project / "site.yml")
    site, _ = gather_site(config)
    urls = Urls(config.base_url, config.base_path)
    renderer = Renderer(site, config, urls, make_environment(config.path("templates_dir")))
    speakers = {article.slug: renderer.speaker_slugs(article) for article in site.articles}
    whole = encode(site_data(site, urls, config.title, speakers, renderer.updated))
    assert len(site.articles) == 2 and site.people
    assert renderer.site_data() == whole
    empty = replace(site, articles=(), people=(), person_links={}, related={})
    alone = Renderer(empty, config, urls, make_environment(config.path("templates_dir")))
    assert alone.site_data() == encode(site_data(empty, urls, config.title, {}, alone.updated))
    assert json.loads(alone.site_data())["articles"] == []
