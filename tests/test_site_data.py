"""digest.json's encoder writes exactly what json.dumps(..., ensure_ascii=False, indent=1) writes."""

from __future__ import annotations

import json
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
