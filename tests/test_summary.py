"""Extractive summaries: whole body sentences, in order, within budget, valued by centrality."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.extract.sentences import split_sentences
from digest.extract.summary import LONGEST_WORD, MAX_CHARACTERS, MAX_SENTENCES, summarize

ACME = (
    "Acme profits rose 20% to $1.2bn in the last quarter, the carmaker said on Tuesday.",
    "Sales of Acme cars in China drove the profits, with Acme sales there up 40%.",
    "The weather in Paris was mild for the time of year.",
    "Acme said profits would keep rising this year as China sales grow.",
    "A local museum reopened after repairs to its roof.",
)


def body_sentences(paragraphs: tuple[str, ...]) -> list[str]:
    """Return every sentence of the paragraphs in order."""
    return [sentence for paragraph in paragraphs for sentence in split_sentences(paragraph)]


def test_no_paragraphs_no_summary() -> None:
    assert summarize(()) == ()
    assert summarize(("",)) == ()


def test_takes_central_sentences_and_leaves_out_asides() -> None:
    summary = summarize(ACME, title="Acme profits rise on China sales")
    assert summary[0] == ACME[0]
    assert ACME[2] not in summary
    assert ACME[4] not in summary


def test_the_lead_wins_over_an_equally_central_later_sentence() -> None:
    paragraphs = (
        "Acme will shut its Leeds plant.",
        "Leeds workers fear for the Acme plant.",
        "The Acme plant in Leeds opened in 1950.",
    )
    assert summarize(paragraphs, sentences=1) == (paragraphs[0],)


def test_sentences_keep_their_original_order() -> None:
    summary = summarize(ACME, sentences=3, max_words=200)
    order = body_sentences(ACME)
    positions = [order.index(sentence) for sentence in summary]
    assert positions == sorted(positions)
    assert len(summary) == 3


def test_word_budget_is_never_exceeded_and_sentences_are_never_cut() -> None:
    summary = summarize(ACME, max_words=30)
    assert sum(len(sentence.split()) for sentence in summary) <= 30
    assert all(sentence in ACME for sentence in summary)
    assert summary  # the 15-word first sentence fits


def test_a_first_sentence_longer_than_the_budget_is_skipped_not_cut() -> None:
    long_first = "Acme " + "profits rose again " * 30 + "this year."
    summary = summarize((long_first, *ACME[1:]), max_words=40)
    assert long_first not in summary
    assert summary and all(sentence in ACME for sentence in summary)


def test_sentence_count_follows_the_setting() -> None:
    assert len(summarize(ACME, sentences=1, max_words=500)) == 1
    assert len(summarize(ACME, sentences=2, max_words=500)) == 2


def test_title_words_make_a_sentence_more_valuable() -> None:
    paragraphs = (
        "Officials met in the capital on Monday to discuss the budget.",
        "Teachers will receive a pay rise under the plan.",
        "Nurses will receive extra holidays under the plan.",
    )
    assert summarize(paragraphs, title="Teachers get pay rise", sentences=1) == (paragraphs[1],)
    assert summarize(paragraphs, title="Nurses get extra holidays", sentences=1) == (paragraphs[2],)


def test_avoids_opening_on_a_sentence_that_needs_an_earlier_one() -> None:
    paragraphs = (
        "The opening sentence is far too long for the tiny budget of words we allow in this test case.",
        "He said the Acme plant in Leeds would close with the loss of 300 jobs.",
        "The Acme plant in Leeds will close with 300 job losses.",
    )
    summary = summarize(paragraphs, sentences=1, max_words=16)
    assert summary == ("The Acme plant in Leeds will close with 300 job losses.",)


def test_a_pronoun_opener_is_still_taken_when_nothing_else_fits() -> None:
    paragraphs = (
        "Acme, the carmaker, confirmed on Monday that its Leeds plant, which has made cars since 1950, would "
        "close next year with the loss of 300 jobs.",
        "He said the Acme plant in Leeds would close.",
        "Shares were flat.",
    )
    assert summarize(paragraphs, sentences=1, max_words=15) == (paragraphs[1],)


def test_a_pronoun_sentence_cut_off_from_its_predecessor_yields_to_an_equal_one() -> None:
    paragraphs = (
        "Acme will close its Leeds plant, the firm said on Monday.",
        "Unions in Leeds called the plant closure a disgrace.",
        "He said staff at the Leeds plant would lose their jobs in May.",
        "Staff at the Leeds plant will lose jobs, with 300 going.",
    )
    assert summarize(paragraphs, sentences=2) == (paragraphs[0], paragraphs[3])


@pytest.mark.parametrize(
    ("opening", "closing"), [('"', '"'), ("\u201c", "\u201d"), ("\u2018", "\u2019"), ("''", "''"), ("``", "''")]
)
def test_a_quote_of_several_sentences_is_taken_whole_or_not_at_all(opening: str, closing: str) -> None:
    paragraphs = (
        "Acme will close its Leeds plant, putting 300 jobs at risk.",
        f"{opening}The Leeds plant has lost money for years. Closing the Acme plant in Leeds wasn\u2019t easy,"
        f"{closing} said Acme chief Jane Smith.",
        "Unions said the Leeds closure was a blow to the city.",
    )
    quote = split_sentences(paragraphs[1])
    assert len(quote) == 2
    for sentences, max_words in ((3, 75), (2, 75), (3, 30), (1, 75)):
        summary = summarize(paragraphs, sentences=sentences, max_words=max_words)
        taken = [sentence in summary for sentence in quote]
        assert all(taken) or not any(taken), (sentences, max_words, summary)
    assert set(quote) <= set(summarize(paragraphs, sentences=3, max_words=75))


def test_a_quote_running_over_a_paragraph_break_is_taken_whole_or_not_at_all() -> None:
    paragraphs = (
        "Acme will close its Leeds plant, putting 300 jobs at risk.",
        '"The Leeds plant has lost money for years and Acme jobs at Leeds cannot be saved.',
        '"We are sorry for Leeds," said Acme.',
    )
    for max_words in (20, 40, 75):
        summary = summarize(paragraphs, sentences=3, max_words=max_words)
        assert (paragraphs[1] in summary) == (paragraphs[2] in summary), summary


def test_a_quote_whose_speaker_is_named_before_it_comes_only_with_that_sentence() -> None:
    paragraphs = (
        "Acme will close its Leeds plant, putting 300 jobs at risk at the Leeds plant.",
        "Union leader Bob Jones spoke outside the gates.",
        '"Acme has betrayed Leeds and the workers at the Leeds plant."',
        "Acme boss Jane Smith said the Leeds plant had lost money.",
    )
    quote = paragraphs[2]
    for sentences, max_words in ((2, 75), (3, 75), (3, 200)):
        summary = summarize(paragraphs, sentences=sentences, max_words=max_words)
        if quote in summary:
            assert summary[summary.index(quote) - 1] == paragraphs[1], summary
    assert quote not in summarize(paragraphs, sentences=2)
    assert summarize(paragraphs[2:], sentences=1) == (paragraphs[3],)


def test_a_quote_given_to_he_or_she_comes_only_with_the_sentence_before() -> None:
    paragraphs = (
        "Acme boss Jane Smith said the Leeds plant would close, putting 300 jobs at risk.",
        "Union leader Bob Jones spoke outside the gates of the plant.",
        '"Acme has betrayed the 300 workers at the Leeds plant," he said.',
        "Acme said the Leeds plant had lost money for years.",
    )
    assert paragraphs[2] not in summarize(paragraphs, sentences=2)
    summary = summarize(paragraphs, sentences=3, max_words=200)
    assert paragraphs[2] not in summary or paragraphs[1] in summary


@pytest.mark.parametrize(
    "incomplete",
    [
        '"The Leeds plant has lost money for years and Acme jobs at Leeds cannot be saved.',
        "Acme boss Jane Smith said of the Leeds plant:",
    ],
    ids=["quote-never-closed", "sentence-announcing-a-quote"],
)
def test_a_quote_never_closed_or_only_announced_is_never_taken(incomplete: str) -> None:
    paragraphs = (
        "Acme will close its Leeds plant, putting 300 jobs at risk.",
        incomplete,
        "Unions said the Acme plant in Leeds was profitable.",
    )
    assert incomplete not in summarize(paragraphs, sentences=3, max_words=75)


def test_a_fragment_or_list_item_counts_for_less_than_a_sentence() -> None:
    paragraphs = (
        "Acme boss Jane Smith spoke to staff on Monday morning at the Leeds plant.",
        "Leeds plant closure hits Acme staff",
        "- Acme staff at the Leeds plant lose jobs",
        "Acme staff at the Leeds plant face closure.",
    )
    assert summarize(paragraphs[1:], sentences=1) == (paragraphs[3],)
    assert summarize(paragraphs, sentences=2) == (paragraphs[0], paragraphs[3])


def test_near_duplicate_sentences_are_not_both_taken() -> None:
    paragraphs = (
        "Acme will close its Leeds plant next year, putting 300 jobs at risk.",
        "Acme will close its Leeds plant next year, putting 300 jobs at risk, the firm said.",
        "Unions in Leeds said the Acme plant closure was a blow.",
    )
    summary = summarize(paragraphs, sentences=3, max_words=75)
    assert not (paragraphs[0] in summary and paragraphs[1] in summary)


def test_only_the_first_sentences_of_a_very_long_body_are_summarised() -> None:
    filler = tuple(f"It was {number}." for number in range(MAX_SENTENCES))
    late = "Acme will close its Leeds plant, putting 300 Acme jobs in Leeds at risk."
    title = "Acme to close Leeds plant with 300 jobs at risk"
    assert summarize((*filler[:10], late), title=title, sentences=1) == (late,)
    summary = summarize((*filler, late), title=title, sentences=1)
    assert summary and late not in summary


def test_only_the_first_characters_of_a_very_long_body_are_summarised() -> None:
    initials = "A. " * (MAX_CHARACTERS // 3)  # one endless "sentence" of initials
    summary = summarize((initials[:3000], *ACME))
    assert summary and all(sentence in ACME for sentence in summary)
    assert summarize((initials, *ACME)) == ()


def test_a_run_of_marks_without_spaces_is_too_long_to_take() -> None:
    endless = "A" + "h" * (76 * LONGEST_WORD) + "."
    assert summarize((endless,)) == ()
    assert summarize((endless, ACME[0])) == (ACME[0],)
    assert summarize(('"' * 20_000,)) == ()


def test_a_sentence_with_a_long_web_address_is_still_taken() -> None:
    sentence = "Read the Acme report at https://example.com/" + "reports/2024/" * 6 + "acme-profits.html today."
    assert summarize((sentence,)) == (sentence,)


@pytest.mark.parametrize(
    "paragraph", ['"' * 50_000, "\u201c\u201d" * 25_000, "said " * 20_000, "Alpha Beta Gamma Delta " * 5_000]
)
def test_a_hostile_paragraph_gives_no_summary(paragraph: str) -> None:
    assert summarize((paragraph,)) == ()


SENTENCE = st.sampled_from(
    [
        "Acme profits rose 20% to $1.2bn.",
        "Mr. Smith said the U.S. deal was off.",
        '"We are happy," he said.',
        '"It was hard. We won," said Jones.',
        "Shares fell 3.5% on Monday.",
        "The weather was mild.",
        "He added that talks would go on for several more weeks in London and Paris.",
    ]
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join), max_size=6),
    st.integers(min_value=1, max_value=5),
    st.integers(min_value=5, max_value=120),
)
def test_summary_is_whole_sentences_in_order_within_budget(
    paragraphs: list[str], sentences: int, max_words: int
) -> None:
    summary = summarize(paragraphs, sentences=sentences, max_words=max_words)
    order = body_sentences(tuple(paragraphs))
    assert len(summary) <= sentences
    assert sum(len(sentence.split()) for sentence in summary) <= max_words
    cursor = -1
    for sentence in summary:
        cursor = order.index(sentence, cursor + 1)


def test_bbc_summaries_stay_within_budget(shared: Path) -> None:
    articles = sorted((shared / "corpus" / "bbc" / "articles" / "business").glob("*.txt"))[:40]
    if not articles:
        pytest.skip("no BBC articles in ../shared")
    total_words = 0
    for path in articles:
        title, _, body = path.read_text(encoding="utf-8", errors="replace").partition("\n")
        paragraphs = tuple(" ".join(block.split()) for block in body.split("\n\n") if block.strip())
        summary = summarize(paragraphs, title=title)
        words = sum(len(sentence.split()) for sentence in summary)
        assert summary and words <= 75
        assert all(any(sentence in paragraph for paragraph in paragraphs) for sentence in summary)
        total_words += words
    assert total_words / len(articles) <= 75
