"""Unit tests for find_people: string in, people out."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.extract.people import find_people
from digest.model import ArticlePerson

REPO = Path(__file__).resolve().parents[1]


def _by_name(people: tuple[ArticlePerson, ...]) -> dict[str, ArticlePerson]:
    return {p.name: p for p in people}


def _sample_body() -> tuple[str, list[str]]:
    text = (REPO / "seeds" / "000_9eb9dd2366d7895b.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    start = paragraphs.index("Story highlights") + 2
    skip = ("WATCH WION LIVE HERE", "Read in App", "Navalny's group blamed for perpetuating conflict situations")
    body = [p for p in paragraphs[start:] if p not in skip and not p.startswith("You can now write")]
    return paragraphs[0], body


def test_sample_article_yields_exactly_its_eight_people() -> None:
    title, body = _sample_body()
    people = find_people(body, title=title, exclude=("Harshit Sabarwal",))
    assert [p.name for p in people] == [
        "Vladimir Putin",
        "Andrius Kubilius",
        "Alexei Navalny",
        "Leonid Volkov",
        "Michael Siebert",
        "Mikhail Khodorkovsky",
        "Vladimir Milov",
        "Oleksiy Arestovich",
    ]


def test_sample_article_roles() -> None:
    title, body = _sample_body()
    people = _by_name(find_people(body, title=title, exclude=("Harshit Sabarwal",)))
    assert people["Andrius Kubilius"].roles[:2] == ("Lithuanian politician", "Member of the European Parliament (MEP)")
    assert people["Leonid Volkov"].roles == ("Navalny\u2019s longtime chief of staff",)
    assert "former senior Ukrainian official" in people["Oleksiy Arestovich"].roles
    assert "opposition activist" in people["Mikhail Khodorkovsky"].roles
    assert people["Vladimir Milov"].roles
    assert any("director" in r for r in people["Michael Siebert"].roles)


def test_mentions_point_at_the_name_including_surname_and_possessive() -> None:
    paragraphs = ["President Vladimir Putin spoke.", "Putin's aides said Mr Putin was tired."]
    (putin,) = find_people(paragraphs)
    assert putin.name == "Vladimir Putin"
    spans = [paragraphs[m.paragraph][m.start : m.end] for m in putin.mentions]
    assert spans == ["Vladimir Putin", "Putin", "Putin"]
    assert {"Putin", "Mr Putin", "President Vladimir Putin"} <= set(putin.aliases)
    assert putin.name not in putin.aliases


def test_byline_names_are_excluded() -> None:
    people = find_people(["Harshit Sabarwal said the talks failed."], exclude=("Harshit Sabarwal",))
    assert people == ()


def test_organisations_and_places_are_not_people() -> None:
    paragraphs = [
        "According to the Financial Times, the European Union met in Brussels.",
        "Downing Street said the Premier League and Wall Street were fine, Reuters reported.",
    ]
    assert find_people(paragraphs) == ()


def test_megabyte_of_capitalised_words_stays_linear() -> None:
    paragraph = " ".join(["Alpha Beta Gamma Delta"] * 50_000)
    assert isinstance(find_people([paragraph, "Navalny, Putin; Milov. " * 20_000]), tuple)


def test_first_mentions_come_first_and_roles_from_appositives() -> None:
    paragraphs = ["Leonid Volkov, Navalny's chief of staff, spoke.", "Alexei Navalny, who heads the group, is in jail."]
    volkov, navalny = find_people(paragraphs)
    assert volkov.name == "Leonid Volkov" and volkov.roles == ("Navalny's chief of staff",)
    assert navalny.name == "Alexei Navalny" and navalny.roles == ("heads the group",)
    assert [m.paragraph for m in navalny.mentions] == [0, 1]


def test_all_caps_speaker_labels_name_people_but_not_roles_or_organisations() -> None:
    paragraphs = ["MACRON: We will not give in.", "INTERVIEWER: And the reform?", "NATO: No comment.", "MACRON: Yes."]
    (macron,) = find_people(paragraphs)
    assert macron.name == "Macron" and macron.aliases == ("MACRON",)
    assert [m.paragraph for m in macron.mentions] == [0, 3]


def test_shared_surname_is_never_an_alias_of_the_wrong_person() -> None:
    paragraphs = [
        "Donald Trump spoke on Monday.",
        "His former wife Ivana Trump was not there.",
        "Trump said the case was closed.",
    ]
    donald, ivana = find_people(paragraphs)
    assert (donald.name, ivana.name) == ("Donald Trump", "Ivana Trump")
    assert "Trump" not in donald.aliases and "Trump" not in ivana.aliases
    assert (2, 0, 5) in {(m.paragraph, m.start, m.end) for m in ivana.mentions}  # the one named last


def test_shared_surname_is_an_alias_of_the_person_the_story_is_about() -> None:
    paragraphs = [
        "Ted Cruz endorsed Donald Trump. Ted Cruz said so. Ted Cruz then left.",
        "His wife Heidi Cruz was there. Cruz said he had prayed. Cruz added: \"Yes.\"",
    ]
    ted = find_people(paragraphs)[0]
    assert ted.name == "Ted Cruz" and "Cruz" in ted.aliases
    assert "Cruz" not in next(p for p in find_people(paragraphs) if p.name == "Heidi Cruz").aliases


def test_canonical_names_use_straight_apostrophes() -> None:
    (oneill,) = find_people(["Police Commissioner James O\u2019Neill said the cause was unknown."])
    assert oneill.name == "James O'Neill"
    assert "James O\u2019Neill" in oneill.aliases


def test_title_completes_a_surname_only_person_but_makes_nobody() -> None:
    (blair,) = find_people(["Mr Blair said the war was legal."], title="Tony Blair defends Iraq war")
    assert blair.name == "Tony Blair" and "Mr Blair" in blair.aliases
    assert find_people(["The war was legal, ministers said."], title="Tony Blair defends Iraq war") == ()


def test_a_surname_that_speaks_is_a_person_when_the_title_names_it_in_full() -> None:
    body = ["Hatherley also spoke about the case.", '"I was in Port Ellery the other week," said Hatherley.']
    (hatherley,) = find_people(body, title="Margaret Hatherley: 'I am tired of being told to wait my turn'")
    assert hatherley.name == "Margaret Hatherley" and len(hatherley.mentions) == 2
    assert find_people(body, title="Hatherley: 'I am tired of being told to wait my turn'") == ()
    assert find_people(["The deal went ahead, said Reuters."], title="Anna Reuters reports") == ()


def test_different_middle_names_are_different_people() -> None:
    paragraphs = ["Henry J. P. Marsh and Henry P. Marsh met Henry Paul Marsh's aides."]
    assert [p.name for p in find_people(paragraphs)] == ["Henry J. P. Marsh", "Henry Paul Marsh"]


_WORDS = ["Mr", "Putin", "Vladimir", "said", ",", "the", "O'Brien", "al-Assad", "van", "de", "J.K.", "U.S.", "PUTIN",
          ":", "\u2019s", "'", "\u201c", "Jr.", "who", "a", "leader", "-", "(", ")", "\u00c9lise", "bin", "Le", "Pen"]


@given(st.lists(st.lists(st.sampled_from(_WORDS), max_size=30).map(" ".join), max_size=5))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_well_formed_people(paragraphs: list[str]) -> None:
    for person in find_people(paragraphs, title=" ".join(paragraphs[:1])):
        assert person.name.strip() and person.name not in person.aliases
        assert all(a.strip() for a in person.aliases) and all(r.strip() for r in person.roles)
        for m in person.mentions:
            assert 0 <= m.start < m.end <= len(paragraphs[m.paragraph])


def test_one_name_royals_and_peers_keep_their_title() -> None:
    (charles,) = find_people(["They asked about Prince Charles' spending.", "Charles said nothing."])
    assert charles.name == "Prince Charles" and "Charles" in charles.aliases
    (falconer,) = find_people(["Lord Falconer said the law was clear."])
    assert falconer.name == "Lord Falconer"


def test_surnames_that_are_words_still_make_people_after_a_given_name() -> None:
    text = "Chief executive Steve Jobs showed the machine. Nike, whose shoes he wears, said Tiger Woods."
    people = find_people([text])
    assert [p.name for p in people] == ["Steve Jobs", "Tiger Woods"]


def test_title_case_text_is_cut_at_its_verbs() -> None:
    people = find_people(["Manchester United Boss Sir Alex Ferguson Says Wayne Rooney Will Stay"])
    assert [p.name for p in people] == ["Alex Ferguson", "Wayne Rooney"]


def test_byline_names_are_matched_word_for_word_in_any_form() -> None:
    paragraphs = ["Harshit Sabarwal said. Sabarwal added.", "JOHN SMITH: Yes.", "Vladimir Putin spoke."]
    people = find_people(paragraphs, exclude=("Edited By: Harshit Sabarwal", "John Smith"))
    assert [p.name for p in people] == ["Vladimir Putin"]


def test_a_name_the_text_calls_an_organisation_is_none() -> None:
    paragraphs = ["The bid was reported by the daily Zycie Warszawy.", "Zycie Warszawy said its publisher agreed."]
    assert find_people(paragraphs) == ()


def test_dotted_titles_and_acronyms_stay_with_the_name() -> None:
    (warren,) = find_people(["Sen. Elizabeth Warren said banks must be broken up. Warren added more."])
    assert warren.name == "Elizabeth Warren" and "Sen. Elizabeth Warren" in warren.aliases
    (biden,) = find_people(["US President Joe Biden met them."])
    assert biden.roles == ("US President",)


def test_names_across_a_long_stretch_without_capitals_keep_their_evidence() -> None:
    filler = "and then the talks went on " * 80  # over 2,000 characters with no capital: its middle is skipped
    paragraph = f"John Smith said {filler}until Mary Jones, a lawyer, said of the old town of Bree: no."
    people = _by_name(find_people([paragraph]))
    assert set(people) == {"John Smith", "Mary Jones"}
    assert people["Mary Jones"].roles == ("lawyer",)
    assert people["Mary Jones"].mentions[0].start == paragraph.index("Mary Jones")


def test_names_are_read_in_the_first_hundred_thousand_characters_of_a_paragraph() -> None:
    paragraph = "Ann Lee, a nurse, spoke. " + "word " * 30_000 + "Bob Ray, a nurse, spoke."
    assert [p.name for p in find_people([paragraph])] == ["Ann Lee"]


def test_a_party_label_before_a_name_is_stripped_and_kept_as_an_alias() -> None:
    (person,) = find_people(["But fellow Tory Rupert Ashcombe-Vane said the plan was doomed."])
    assert person.name == "Rupert Ashcombe-Vane"
    assert "Tory Rupert Ashcombe-Vane" in person.aliases
