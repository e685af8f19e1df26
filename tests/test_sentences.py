"""Sentence splitting on tricky news cases from tests/fixtures/sentences/ and on properties of the split."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digest.extract.sentences import iter_sentence_spans, split_sentence_spans, split_sentences

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sentences"


@dataclass(frozen=True, slots=True)
class SplitCase:
    """One fixture case: the input text and the sentences it should split into."""

    name: str
    text: str
    expected: tuple[str, ...]


def load_cases(folder: Path) -> tuple[SplitCase, ...]:
    """Read every case of every fixture file in folder."""
    cases: list[SplitCase] = []
    for path in sorted(folder.glob("*.txt")):
        blocks = path.read_text(encoding="utf-8").split("\n===\n")
        for number, block in enumerate(blocks, start=1):
            lines = [line for line in block.strip("\n").split("\n") if not line.startswith("#")]
            divider = lines.index("---")
            text = "\n".join(lines[:divider])
            expected = tuple(line for line in lines[divider + 1 :] if line)
            cases.append(SplitCase(name=f"{path.stem}-{number}", text=text, expected=expected))
    return tuple(cases)


CASES = load_cases(FIXTURES)


def test_there_are_enough_tricky_cases() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_fixture_case(case: SplitCase) -> None:
    assert split_sentences(case.text) == case.expected


def test_empty_and_blank_text_has_no_sentences() -> None:
    assert split_sentences("") == ()
    assert split_sentences("  \n ") == ()


def test_paragraph_break_always_ends_a_sentence() -> None:
    assert split_sentences("Talks continue with Acme Inc.\n\nthe rest is later") == (
        "Talks continue with Acme Inc.",
        "the rest is later",
    )


def test_paragraph_break_with_windows_line_ends_ends_a_sentence() -> None:
    assert split_sentences("Talks continue with Acme Inc.\r\n\r\nthe rest is later") == (
        "Talks continue with Acme Inc.",
        "the rest is later",
    )


def test_spans_point_at_the_sentences() -> None:
    text = '  Mr. Smith won.  "Great," he said.  '
    spans = split_sentence_spans(text)
    assert [text[start:end] for start, end in spans] == ["Mr. Smith won.", '"Great," he said.']


@given(st.lists(st.sampled_from(["Mr.", "U.S.", "He", "won", "3.5%", "...", "said:", '"Yes."', "no.", "The", "\n"])))
def test_sentences_cover_all_words_in_order(words: list[str]) -> None:
    text = " ".join(words)
    sentences = split_sentences(text)
    assert " ".join(sentences).split() == text.split()
    assert all(sentence == sentence.strip() and sentence for sentence in sentences)


@given(
    st.lists(st.sampled_from(["Mr.", "U.S.", "He", "won", "3.5%", "...", '"Yes."', "no.", "A.", "\n", "  "])),
    st.integers(min_value=0, max_value=80),
)
def test_stop_yields_just_the_sentences_ended_by_it(words: list[str], stop: int) -> None:
    text = " ".join(words)
    assert tuple(iter_sentence_spans(text, stop)) == tuple(s for s in split_sentence_spans(text) if s[1] <= stop)


def test_a_sentence_running_past_stop_is_not_read_to_its_end() -> None:
    text = "Acme won. " + "A. " * 1000 + "End."
    assert tuple(iter_sentence_spans(text, 100)) == ((0, 9),)
