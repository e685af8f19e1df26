"""People over the whole BBC corpus: no organisation, place or team becomes a person, and no person twice.

Skips when ../shared (the corpus) is absent.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from digest.extract.people import find_people
from digest.model import Article, Person
from digest.people import gather_people, slugify_name
from digest.reading import ReadOptions, parse_seed

BBC = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "bbc" / "articles"

NOT_PEOPLE = """Downing Street|Labour|Premier League|Google|Chelsea|Microsoft|Wall Street|Manchester United|Arsenal|
Liverpool|BBC|Reuters|Apple|Sony|Nintendo|Conservatives|Tories|Lib Dems|Lib Dem|Liberal Democrats|European Union|
White House|New York|Los Angeles|Real Madrid|Wimbledon|Australian Open|Sky|ITV|Channel 4|Yahoo|eBay|Amazon|
Warner Bros|Hollywood|Oscars|Golden Globes|Bafta|Grammy|Number 10|House of Commons|Bank of England|World Bank|IMF|
Nasdaq|Dow Jones|Wall Street Journal|Financial Times|Six Nations|Champions League|Uefa|Fifa|Scotland|England|Wales|
Ireland|France|London|Brussels|Tottenham|Newcastle|Everton|Blackburn|Aston Villa|Celtic|Rangers|Barcelona|Juventus|
Inter Milan|AC Milan|Bayern Munich|Vodafone|BT|Ofcom|Gartner|IBM|Intel|AOL|Time Warner|Disney|Pixar|EMI|Tesco|
Royal Mail|Ryanair|British Airways|Boeing|Airbus|General Motors|Toyota|MG Rover|Parliament|Senate|Congress|Kremlin|
Pentagon|Whitehall|Westminster|Scotland Yard|Home Office|Foreign Office|Treasury|NHS|Ukip|SNP|Plaid Cymru|Sinn Fein|
IRA|Nato|EU|Federal Reserve|Yukos|Gazprom|WorldCom|Crystal Palace|Munster|Leinster|Wasps|Saracens|Harlequins|
Davis Cup|Ryder Cup|World Cup|Olympics|Grand Slam|Story Highlights|Goodison Park|Warner Brothers|X Factor|Man Utd|
Star Wars|Golden Globe|Bayer Leverkusen|Ivory Coast|Beverly Hills|Wells Fargo|Snow Patrol|Joy Division|France Presse|
Stade Francais|Morgan Stanley|Merrill Lynch|Lockheed Martin|Hewlett Packard|
Franz Ferdinand|Adam Smith Lecture|Clarence House|Irish Banks|Delta Airlines|Bankash-A Trojan|Princess Consort|
Samuel Goldwyn Films|Tory Liam Fox|Tory David Heathcoat-Amory|Tory Dominic Grieve|Tory Edward Turnour|
Tory Neil Hamilton|Adam Opel|Aer Lingus|Belgrave Harriers|Birchfield Harriers|Princes William|Peter Pan|
Sweet Charity|Battlestar Galactica|Carnegie Hall|Windsor Castle|
Guantanamo Bay|Milton Keynes Dons|Serena Hotel|Sprinters Kostas Kenteris|
Tory Parliamentary""".replace("\n", "").split("|")

PEOPLE = """Tony Blair|Gordon Brown|Michael Howard|Charles Kennedy|Vladimir Putin|Mikhail Khodorkovsky|Steve Jobs|
Chris Rock|Dwain Chambers|Raj Reddy|Prince Charles|Lord Falconer|Jose Mourinho|Arsene Wenger|Kelly Holmes|
Brian O'Driscoll|Will Young|Stephen King|Bill Gates|Martin Scorsese|Ray Charles|Camilla Parker Bowles|
Luiz Inacio Lula da Silva|Robin van Persie|Ruud van Nistelrooy|Liam Fox|David Heathcoat-Amory|Dominic Grieve|
Bill Clinton|Barbara Castle|Lee Hall|Simon Hall""".replace("\n", "").split("|")

# One person under a familiar and a formal given name: never two pages.
SAME_PERSON = [("Vince Cable", "Vincent Cable"), ("Steve Gerrard", "Steven Gerrard"), ("Ted Heath", "Edward Heath")]


@pytest.fixture(scope="module")
def bbc_people() -> tuple[Person, ...]:
    if not BBC.is_dir():
        pytest.skip(f"the BBC corpus is not at {BBC}")
    articles = []
    for path in sorted(BBC.rglob("*.txt")):
        seed = parse_seed(path.read_bytes(), path.relative_to(BBC).as_posix(), ReadOptions())
        found = find_people(seed.paragraphs, title=seed.title, exclude=seed.byline)
        articles.append(Article(seed=seed, summary=(), quotes=(), people=found))
    return gather_people(articles, ())[0]


def test_no_organisation_place_or_team_is_a_person(bbc_people: tuple[Person, ...]) -> None:
    names = {p.name.casefold() for p in bbc_people}
    assert sorted(n for n in NOT_PEOPLE if n.casefold() in names) == []


def test_well_known_people_are_found(bbc_people: tuple[Person, ...]) -> None:
    names = {p.name for p in bbc_people}
    assert [n for n in PEOPLE if n not in names] == []


def test_familiar_and_formal_given_names_are_one_person(bbc_people: tuple[Person, ...]) -> None:
    names = {p.name for p in bbc_people}
    assert [pair for pair in SAME_PERSON if set(pair) <= names] == []
    assert [pair for pair in SAME_PERSON if not set(pair) & names] == []


def test_no_person_twice(bbc_people: tuple[Person, ...]) -> None:
    full_by_surname: dict[str, list[list[str]]] = defaultdict(list)
    for person in bbc_people:
        words = slugify_name(person.name).split("-")
        if len(words) > 1 and len(words[0]) > 1:
            full_by_surname[words[-1]].append(words)
    twice = []
    for person in bbc_people:
        words = slugify_name(person.name).split("-")
        owners = full_by_surname.get(words[-1], [])
        if len(words) == 1 and len(owners) == 1:
            twice.append(person.name)  # "Navalny" beside "Alexei Navalny"
        if len(words) > 1 and len(words[0]) == 1 and len([o for o in owners if o[0][0] == words[0]]) == 1:
            twice.append(person.name)  # "P O'Connell" beside "Paul O'Connell"
    assert twice == []
    assert len({p.slug for p in bbc_people}) == len(bbc_people)
