"""One fixture file per shape, date form and boilerplate rule: `NAME` beside `NAME.json` (expected fields)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from digest.errors import SeedError
from digest.model import Seed
from digest.reading import ReadOptions, parse_seed
from digest.reading.boilerplate import BUILTIN_RULES

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "seeds"
CASES = sorted(p for p in FIXTURES.iterdir() if p.suffix != ".json" and p.with_name(p.name + ".json").exists())


def expected_of(path: Path) -> dict[str, Any]:
    """Load the expected fields of one fixture."""
    data: dict[str, Any] = json.loads(path.with_name(path.name + ".json").read_text(encoding="utf-8"))
    return data


def options_of(expected: dict[str, Any]) -> ReadOptions:
    """Build the ReadOptions a fixture asks for (lists become tuples)."""
    raw = expected.get("options", {})
    return ReadOptions(
        timezone=raw.get("timezone", "UTC"),
        date_order=raw.get("date_order", "DMY"),
        zones=tuple(tuple(pair) for pair in raw.get("zones", ())),
        boilerplate=tuple(raw.get("boilerplate", ())),
        sources=tuple(tuple(pair) for pair in raw.get("sources", ())),
    )


def actual_field(seed: Seed, key: str) -> Any:
    """Return a Seed field in the JSON form the fixtures use."""
    if key in ("published", "updated"):
        value = getattr(seed, key)
        return value.isoformat() if value is not None else None
    if key == "caption":
        return None if seed.caption is None else {"text": seed.caption.text, "credit": seed.caption.credit}
    if key == "paragraphs":
        return list(seed.paragraphs)
    if key == "subheadings":
        return [block.text for block in seed.body if block.kind == "subheading"]
    value = getattr(seed, key)
    return list(value) if isinstance(value, tuple) else value


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_fixture(path: Path) -> None:
    if path.suffix == ".html":
        pytest.importorskip("trafilatura", reason="saved web pages need the optional extra digest[html]")
    expected = expected_of(path)
    options = options_of(expected)
    if "error" in expected:
        with pytest.raises(SeedError) as caught:
            parse_seed(path.read_bytes(), path.name, options)
        problem = caught.value.problems[0]
        assert expected["error"] in problem.message
        assert problem.file == path.name
        if "error_line" in expected:
            assert problem.line == expected["error_line"]
        return
    seed = parse_seed(path.read_bytes(), path.name, options)
    for key, want in expected.items():
        if key in ("options", "rule"):
            continue
        if key == "problems":
            messages = [p.message for p in seed.problems]
            assert len(messages) == len(want), messages
            for fragment, message in zip(want, messages, strict=True):
                assert fragment in message
            continue
        assert actual_field(seed, key) == want, key


def test_every_builtin_rule_has_a_fixture() -> None:
    covered = {expected_of(p).get("rule") for p in CASES}
    assert {rule.name for rule in BUILTIN_RULES} <= covered
