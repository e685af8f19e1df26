"""Name candidates read from the words find_candidates keeps equal those read from every word of the paragraph."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.extract.name_candidates import _candidates_in, _read_end, _tokens, _windows, find_candidates

# Lowercase words (some of them particles, role nouns, reporting verbs and "of"), names, titles, initials,
# possessives, Arabic articles, ALL-CAPS words, digits and punctuation: what the rules read around a name.
_PIECES = (  # noqa: SIM905
    "the a of and was in at near who said told spokesman chairman de la da van der bin al y town drama role "
    "3pm ab3cd x-y co-op iPod don't players' "
    "Anna Berg Smith John Leonardo Vinci Mr Mr. Dr. J. U.S. President Prime Minister Blair's al-Qaeda "
    "PUTIN O'BRIEN Bolton Street Hall Times Inc Ltd Prensa Latina Eric \u00c9ric \u00e9t\u00e9"
).split()
_PLAIN = [word for word in _PIECES if word.islower() and word.isascii()]
_GAPS = (" ", " ", " ", " ", ", ", ". ", " (", ") ", " \u201c", "\u201d ", ": ", " & ", "-", "3 ", "\n")


@st.composite
def _paragraphs(draw: st.DrawFn) -> str:
    # Plain lowercase words three times as often: the stretches whose inside is skipped.
    words = draw(st.lists(st.sampled_from(_PIECES + _PLAIN * 3), min_size=1, max_size=60))
    gaps = draw(st.lists(st.sampled_from(_GAPS), min_size=len(words), max_size=len(words)))
    return "".join(word + gap for word, gap in zip(words, gaps, strict=True))


@settings(max_examples=400, deadline=None)
@given(_paragraphs())
def test_skipping_plain_words_changes_no_candidate(text: str) -> None:
    every_word = _tokens(text, [(0, len(text))])
    assert find_candidates(text, 3) == _candidates_in(text, 3, every_word)


def test_words_next_to_a_name_are_read_across_long_plain_stretches() -> None:
    filler = "they drove for many hours along the winding road and then "
    text = filler * 3 + "reached the town of Smithville, where actor Leonardo da Vinci, 45, said " + filler * 3
    kept = _tokens(text, _windows(text, _read_end(text)))
    every_word = _tokens(text, [(0, len(text))])
    assert len(kept) < len(every_word) // 2  # most of the filler is never split into words
    place, person = find_candidates(text, 0)
    assert place.tokens == ("Smithville",) and place.score < 0  # "town of", two words before it
    assert person.tokens == ("Leonardo", "da", "Vinci")  # the particle joins the name
    assert person.apposed and person.roles == ("actor",)  # the age after it, the role before it
    assert _candidates_in(text, 0, kept) == _candidates_in(text, 0, every_word)
