"""One person across the digest: merge the people of every story, then apply the editors' profiles."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from operator import itemgetter
from pathlib import Path
from typing import Any

from digest.errors import ContentError
from digest.frontmatter import load_markdown_folder, read_front_matter
from digest.model import Article, ArticlePerson, Person, PersonQuote, Problem, Role
from digest.pages import markdown_renderer

PROFILE_KEYS = ("name", "aliases", "description", "merge_into", "not_a_person", "links")
"""Front-matter keys a person profile may use."""

_SAFE_URL = re.compile(r"^(?:https?://|mailto:|/)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PersonProfile:
    """An editor's note about one person, from content/people/<slug>.md."""

    slug: str
    """The file name without .md: the slug of the person it is about."""
    source: str
    """Path of the profile file, for warnings."""
    name: str | None = None
    """Display name that replaces the one found in the stories."""
    aliases: tuple[str, ...] = ()
    """Other names that mean this person."""
    description: str | None = None
    """One-line description shown on the person page."""
    merge_into: str | None = None
    """Slug of another person this one is merged into."""
    not_a_person: bool = False
    """True when the entity is no person: it gets no page and no links."""
    links: tuple[tuple[str, str], ...] = ()
    """(label, url) pairs."""
    bio_html: str = ""
    """The Markdown body rendered with raw HTML off."""


def slugify_name(name: str) -> str:
    """Return a stable ASCII slug for a person's name ("José Pérez" -> "jose-perez")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower().replace("'", "").replace("\u2019", "")).strip("-")
    if slug:
        return slug
    return "person-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


# ---------------------------------------------------------------------------------------------- profiles


ParsedProfile = tuple[PersonProfile, tuple[Problem, ...]]
"""A profile and the warnings about it."""


def load_profiles(
    people_dir: Path, parse: Callable[[str, Path], ParsedProfile] | None = None,
) -> tuple[tuple[PersonProfile, ...], tuple[Problem, ...]]:
    """Read every content/people/*.md profile; raise ContentError naming every bad one, return warnings;
    `parse` is parse_profile_file or one returning the same (remembering the profiles it parsed, say)."""
    return load_markdown_folder(people_dir, parse or parse_profile_file)


def parse_profile_file(text: str, path: Path) -> ParsedProfile:
    """Parse the text of the profile file at `path` (its name is the slug of the person)."""
    return parse_profile(text, slug=path.stem, source=str(path))


def parse_profile(text: str, *, slug: str, source: str) -> tuple[PersonProfile, tuple[Problem, ...]]:
    """Parse one profile: YAML front matter (no anchors or aliases) and a Markdown bio."""
    meta, body, key_lines = read_front_matter(text, source, ContentError)
    errors: list[Problem] = []
    warnings = [
        Problem(source, f"unknown key {key!r} in person profile", line=key_lines.get(key),
                expected="one of " + ", ".join(PROFILE_KEYS))
        for key in meta
        if key not in PROFILE_KEYS
    ]

    def text_field(key: str) -> str | None:
        value = meta.get(key)
        if value is None or isinstance(value, str):
            return value.strip() if isinstance(value, str) and value.strip() else None
        errors.append(Problem(source, f"{key!r} must be text", line=key_lines.get(key)))
        return None

    aliases_value = meta.get("aliases", [])
    if isinstance(aliases_value, str):
        aliases_value = [aliases_value]
    if not isinstance(aliases_value, list) or not all(isinstance(a, str) for a in aliases_value):
        errors.append(Problem(source, "'aliases' must be a list of names", line=key_lines.get("aliases")))
        aliases_value = []
    not_a_person = meta.get("not_a_person", False)
    if not isinstance(not_a_person, bool):
        line = key_lines.get("not_a_person")
        errors.append(Problem(source, "'not_a_person' must be true or false", line=line))
        not_a_person = False
    links = _links(meta.get("links"), source, key_lines.get("links"), errors)
    profile = PersonProfile(
        slug=slug,
        source=source,
        name=text_field("name"),
        aliases=tuple(a.strip() for a in aliases_value if a.strip()),
        description=text_field("description"),
        merge_into=text_field("merge_into"),
        not_a_person=not_a_person,
        links=links,
        bio_html=markdown_renderer().render(body) if body.strip() else "",
    )
    if errors:
        raise ContentError(errors)
    return profile, tuple(warnings)


def _links(value: object, source: str, line: int | None, errors: list[Problem]) -> tuple[tuple[str, str], ...]:
    """Read links given as {label: url}, [{label:, url:}] or [url]; only http(s), mailto and site paths."""
    pairs: list[tuple[str, str]] = []
    if value is None:
        return ()
    if isinstance(value, dict):
        items: list[object] = [{"label": k, "url": v} for k, v in value.items()]
    elif isinstance(value, list):
        items = list(value)
    else:
        errors.append(Problem(source, "'links' must be a list or a mapping of label to URL", line=line))
        return ()
    for item in items:
        if isinstance(item, str):
            label, url = item, item
        elif isinstance(item, dict) and isinstance(item.get("url"), str):
            label, url = str(item.get("label") or item["url"]), item["url"]
        else:
            errors.append(Problem(source, f"bad link {item!r}", line=line, expected="label and url"))
            continue
        if not _SAFE_URL.match(url.strip()):
            errors.append(Problem(source, f"link URL {url!r} is not allowed", line=line,
                                  expected="http://, https://, mailto: or a site path"))
            continue
        pairs.append((label.strip(), url.strip()))
    return tuple(pairs)


# ---------------------------------------------------------------------------------------------- gathering

NameParts = tuple[str, tuple[str, ...]]
"""A name's comparison key ("jose-perez") and its words (("jose", "perez"))."""


@dataclass(frozen=True, slots=True)
class _StoryNames:
    """The names of one story's people, and the slug each full name (or name a profile claims) stands for."""

    article: Article
    named: tuple[tuple[ArticlePerson, str, tuple[str, ...]], ...]
    """Each person with the key and the words of their name."""
    full: tuple[tuple[str, str, tuple[str, ...]], ...]
    """(name, slug, words of the person the slug names) for every full name and every name a profile claims."""
    full_slugs: tuple[str, ...]
    """The slug of each distinct name in `full`."""


@dataclass(frozen=True, slots=True)
class _StoryPeople:
    """Who the people of one story are, given the full names of the whole site."""

    assigned: dict[str, str]
    """Name -> slug, before profiles merge or drop anyone."""
    slugs: frozenset[str]
    """The slugs in `assigned`."""
    lookups: frozenset[str]
    """Surnames of the story's short names and initials: their slug depends on how many stories name each full
    name with that surname."""


@dataclass(frozen=True, slots=True)
class _StoryLinks:
    """The site-level person of each of one story's people (dropped ones left out)."""

    members: tuple[tuple[ArticlePerson, str], ...]
    links: tuple[tuple[tuple[str, str], str], ...]
    """((article slug, name), person slug) pairs."""
    linked: frozenset[str]
    """The person slugs of the story."""


@dataclass(frozen=True, slots=True)
class _Joins:
    """The site-wide tables that decide who a name is: full names joined by middle and familiar names."""

    full_words: dict[str, tuple[str, ...]]
    """Every full name's slug (before joining) with its words."""
    canonical: dict[str, str]
    """Slug -> the slug it joins for a middle name."""
    pairs: tuple[tuple[str, str], ...]
    """Pairs of slugs of one person by a familiar given name."""
    familiar: dict[str, str]
    """Slug -> the slug it joins for a familiar given name."""
    owners: dict[str, tuple[str, ...]]
    """The full names left after joining: slug -> words."""
    by_surname: dict[str, list[str]]
    """Surname -> slugs of the full names with that surname whose given name is more than an initial."""
    surname_owners: dict[str, set[str]]
    """Last word -> slugs of the full names (or one-word profile names) ending in it, given name not an initial."""
    stories: Counter[str]
    """Full-name slug -> the number of stories naming it."""


class PeopleMemo:
    """What gather_people worked out on its last call, kept so that the next call with mostly the same stories
    works out only what changed; it only ever saves time: a call returns the same with or without it."""

    __slots__ = ("articles", "final_of", "joins", "names", "persons", "profiles", "stories")

    def __init__(self) -> None:
        self.names: dict[str, NameParts] = {}
        """Name -> its key and words (a pure function of the name)."""
        self.profiles: tuple[PersonProfile, ...] | None = None
        """The profiles of the last call: what follows holds only for them."""
        self.stories: dict[int, tuple[_StoryNames, _StoryPeople, _StoryLinks]] = {}
        """id of an article of the last call -> what was worked out for it (holding the article)."""
        self.joins: _Joins | None = None
        """The site-wide name tables of the last call."""
        self.final_of: dict[str, str] = {}
        """Slug -> person slug after profiles merged (dropped ones left out), in the last call."""
        self.persons: dict[str, Person] = {}
        """The people of the last call by slug."""
        self.articles: tuple[Article, ...] = ()
        """The articles of the last call, in their order."""

    def __getstate__(self) -> dict[str, object]:
        """Return the memo's tables for pickling (see digest.snapshot)."""
        return {name: getattr(self, name) for name in self.__slots__}

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Restore pickled tables, keyed again by the ids of the articles as loaded."""
        for name, value in state.items():
            setattr(self, name, value)
        self.stories = {id(entry[0].article): entry for entry in self.stories.values()}


def _key(name: str) -> str:
    """Return the form of a name used to compare names: accents, case and punctuation ignored."""
    return slugify_name(name)


def _name_parts(name: str, names: dict[str, NameParts]) -> NameParts:
    """Return the key and the words (lower-cased, without accents) of a name, remembered in `names`."""
    found = names.get(name)
    if found is None:
        key = _key(name)
        found = names[name] = (key, tuple(w for w in key.split("-") if w))
    return found


def gather_people(
    articles: Sequence[Article], profiles: Sequence[PersonProfile], memo: PeopleMemo | None = None,
) -> tuple[tuple[Person, ...], Mapping[tuple[str, str], str], tuple[Problem, ...]]:
    """Merge the people of all articles into site-level people, applying profiles; sorted by slug.

    Full names (two words or more) and names a profile claims come first; middle and familiar names join full
    names; then initials ("P O'Connell") and lone surnames take the full name of their story or of the site.
    With a memo of the last call, only the stories that changed, and those whose short names could now mean
    someone else, are worked out again, and only the people of those stories are built again."""
    memo = memo if memo is not None else PeopleMemo()
    profiles = tuple(profiles)
    names = memo.names
    if len(names) > 50_000 + 4 * sum(len(a.people) for a in articles):
        names.clear()  # names of stories long gone
    last = memo.stories if memo.profiles == profiles else {}
    by_profile = {p.slug: p for p in profiles}
    alias_target = _alias_targets(profiles)

    story_names: list[_StoryNames] = []
    for article in articles:
        known = last.get(id(article))
        if known is not None and known[0].article is article:
            story_names.append(known[0])
        else:
            story_names.append(_story_names(article, alias_target, by_profile, names))
    before = memo.joins if last else None
    joins = _joins(story_names, before)
    remapped, surnames = _changes(before, joins) if before is not None else (set(), set())
    story_people: list[_StoryPeople] = []
    for names_of in story_names:
        known = last.get(id(names_of.article))
        if before is not None and known is not None and known[0] is names_of \
                and remapped.isdisjoint(names_of.full_slugs) and surnames.isdisjoint(known[1].lookups):
            story_people.append(known[1])
        else:
            story_people.append(_story_people(names_of, joins))

    present: set[str] = set().union(*(people.slugs for people in story_people))
    final, problems = _apply_merges(profiles, present)
    dropped = {p.slug for p in profiles if p.not_a_person}
    final_of = {slug: merged for slug in present if slug not in dropped and (merged := final(slug)) not in dropped}
    moved = {slug for slug in final_of.keys() | memo.final_of.keys() if final_of.get(slug) != memo.final_of.get(slug)}
    story_links: list[_StoryLinks] = []
    for names_of, people in zip(story_names, story_people, strict=True):
        known = last.get(id(names_of.article))
        if known is not None and known[1] is people and people.slugs.isdisjoint(moved):
            story_links.append(known[2])
        else:
            story_links.append(_story_links(names_of.article, people, final_of))
    links: dict[tuple[str, str], str] = {}
    for found in story_links:
        links.update(found.links)
    linked = [found.linked for found in story_links]
    if len({a.slug for a in articles}) < len(articles):  # two stories of one slug share their links
        linked = [
            frozenset([links[(a.slug, p.name)] for p in a.people if (a.slug, p.name) in links]) for a in articles
        ]
    problems.extend(
        Problem(p.source, f"profile {p.slug!r} matches no person in any story",
                expected="a slug of a person page, or aliases naming one")
        for p in profiles
        if p.slug not in present
    )
    rebuild = _people_to_rebuild(articles, story_links, linked, last, memo)
    members_of: dict[str, list[tuple[int, ArticlePerson]]] = {}
    for index, found in enumerate(story_links):
        for person, slug in found.members:
            if rebuild is None or slug in rebuild:
                members_of.setdefault(slug, []).append((index, person))

    def newest_first(member: tuple[int, ArticlePerson]) -> tuple[bool, float, int]:
        published = articles[member[0]].seed.published
        return (published is None, -published.timestamp() if published else 0.0, member[0])

    persons: dict[str, Person] = {}
    for slug in sorted(set(links.values())):
        if slug in members_of:
            members = sorted(members_of[slug], key=newest_first)
            persons[slug] = _person(slug, members, articles, linked, by_profile.get(slug), names)
        else:
            persons[slug] = memo.persons[slug]
    memo.profiles, memo.joins, memo.final_of, memo.persons, memo.articles = (
        profiles, joins, final_of, persons, tuple(articles))
    memo.stories = {
        id(names_of.article): (names_of, people, found)
        for names_of, people, found in zip(story_names, story_people, story_links, strict=True)
    }
    return tuple(persons.values()), links, tuple(problems)


def _story_names(
    article: Article, alias_target: Mapping[str, str], by_profile: Mapping[str, PersonProfile],
    names: dict[str, NameParts],
) -> _StoryNames:
    """Give every full name of a story (two words or more) its slug, and every name a profile claims the
    profile's slug (a story's own aliases never claim one: "Clinton" in one story is not a profile's "Clinton")."""
    named = tuple((person, *_name_parts(person.name, names)) for person in article.people)
    full: list[tuple[str, str, tuple[str, ...]]] = []
    slug_of: dict[str, str] = {}
    for person, key, words in named:
        target = alias_target.get(key)
        if target is None and len(words) < 2:
            continue
        slug = target or key
        if target is not None:
            words = _name_parts(by_profile[target].name or target.replace("-", " "), names)[1]
        full.append((person.name, slug, words))
        slug_of[person.name] = slug
    return _StoryNames(article, named, tuple(full), tuple(slug_of.values()))


def _joins(story_names: Sequence[_StoryNames], last: _Joins | None) -> _Joins:
    """Work out the site-wide name tables; return `last` itself when they came out the same."""
    full_words: dict[str, tuple[str, ...]] = {}
    for names_of in story_names:
        for _, slug, words in names_of.full:
            full_words.setdefault(slug, words)
    if last is not None and last.full_words == full_words:
        canonical, pairs = last.canonical, last.pairs
    else:
        canonical = _join_middle_names(full_words)
        pairs = tuple(_familiar_pairs({s: w for s, w in full_words.items() if canonical.get(s, s) == s}))
    counts: Counter[str] = Counter()  # distinct names of a story per slug, after the middle-name joins
    for names_of in story_names:
        counts.update([canonical.get(s, s) for s in names_of.full_slugs] if canonical else names_of.full_slugs)
    familiar = _join_familiar(pairs, counts)
    stories: Counter[str] = Counter()
    for names_of in story_names:
        stories.update({familiar.get(c, c) for s in names_of.full_slugs for c in (canonical.get(s, s),)})
    if last is not None and last.canonical is canonical and last.familiar == familiar:
        if last.stories == stories:
            return last
        return replace(last, stories=stories)
    owners = {s: w for s, w in full_words.items() if canonical.get(s, s) == s and s not in familiar}
    by_surname: dict[str, list[str]] = {}
    surname_owners: dict[str, set[str]] = {}
    for slug, words in owners.items():
        if len(words) > 1 and len(words[0]) > 1:
            by_surname.setdefault(words[-1], []).append(slug)
        if len(words[0]) > 1:
            surname_owners.setdefault(words[-1], set()).add(slug)
    return _Joins(full_words, canonical, pairs, familiar, owners, by_surname, surname_owners, stories)


def _changes(before: _Joins, joins: _Joins) -> tuple[set[str], set[str]]:
    """Return the slugs joined to another slug than before, and the surnames whose full names changed or are
    now in more or fewer stories: the stories naming neither come out as before."""
    if joins is before:
        return set(), set()
    joined = before.canonical.keys() | joins.canonical.keys() | before.familiar.keys() | joins.familiar.keys()
    remapped = {slug for slug in joined if _joined(before, slug) != _joined(joins, slug)}
    changed: set[str] = set()
    if joins.owners is not before.owners:
        changed.update(s for s in before.owners.keys() | joins.owners.keys()
                       if before.owners.get(s) != joins.owners.get(s))
    if joins.stories is not before.stories:
        changed.update(s for s in before.stories.keys() | joins.stories.keys()
                       if before.stories.get(s) != joins.stories.get(s))
    surnames = {words[-1] for slug in changed for words in (before.owners.get(slug), joins.owners.get(slug)) if words}
    return remapped, surnames


def _joined(joins: _Joins, slug: str) -> str:
    """Return the slug a full name's slug joins (itself when none)."""
    middle = joins.canonical.get(slug, slug)
    return joins.familiar.get(middle, middle)


def _story_people(names_of: _StoryNames, joins: _Joins) -> _StoryPeople:
    """Work out who each person of one story is: full names through the joins; "P O'Connell" (a team list) is
    "Paul O'Connell" when he is the one such person; a lone surname is the full name with that surname in the
    story, else in the site, else a person of its own."""
    owners, stories = joins.owners, joins.stories
    assigned = {name: _joined(joins, slug) for name, slug, _ in names_of.full}
    story_full = set(assigned.values())
    lookups: set[str] = set()
    for person, _, words in names_of.named:
        if len(words) < 2 or len(words[0]) != 1 or person.name not in assigned:
            continue
        lookups.add(words[-1])
        candidates = {s for s in joins.by_surname.get(words[-1], []) if owners[s][0].startswith(words[0])}
        choice = _choose(candidates & story_full, stories) or _choose(candidates, stories)
        if choice is not None:
            assigned[person.name] = choice
    story_full = set(assigned.values())
    for person, key, words in names_of.named:
        if person.name in assigned or not words:
            continue
        lookups.add(words[-1])
        candidates = joins.surname_owners.get(words[-1], set())
        choice = _choose(candidates & story_full, stories) or _choose(candidates, stories)
        assigned[person.name] = choice or key
    return _StoryPeople(assigned, frozenset(assigned.values()), frozenset(lookups))


def _story_links(article: Article, people: _StoryPeople, final_of: Mapping[str, str]) -> _StoryLinks:
    """Link each person of one story to their site-level person, after profiles merged or dropped them."""
    members: list[tuple[ArticlePerson, str]] = []
    for person in article.people:
        slug = final_of.get(people.assigned[person.name])
        if slug is not None:
            members.append((person, slug))
    links = tuple(((article.slug, person.name), slug) for person, slug in members)
    return _StoryLinks(tuple(members), links, frozenset(slug for _, slug in members))


def _people_to_rebuild(
    articles: Sequence[Article],
    story_links: Sequence[_StoryLinks],
    linked: Sequence[frozenset[str]],
    last: Mapping[int, tuple[_StoryNames, _StoryPeople, _StoryLinks]],
    memo: PeopleMemo,
) -> set[str] | None:
    """Return the slugs of the people some story of whom is new, gone or links other people than last time
    (None: all of them); the others are the same as in the last call."""
    if not last or any(found.linked is not shared for found, shared in zip(story_links, linked, strict=True)):
        return None
    position = {id(article): index for index, article in enumerate(memo.articles)}
    if len(position) < len(memo.articles):
        return None  # one story given twice
    rebuild: set[str] = set()
    seen: set[int] = set()
    previous = -1
    for article, found in zip(articles, story_links, strict=True):
        known = last.get(id(article))
        if known is None or known[0].article is not article:
            rebuild.update(slug for _, slug in found.members)
            continue
        where = position.get(id(article), -1)
        if where <= previous or id(article) in seen:
            return None  # unchanged stories in another order (stories of one date come in input order), or twice
        previous = where
        seen.add(id(article))
        if known[2] is not found and (known[2].members != found.members or known[2].linked != found.linked):
            rebuild.update(slug for _, slug in found.members)
            rebuild.update(slug for _, slug in known[2].members)
    for key, (_, _, found) in last.items():
        if key not in seen:
            rebuild.update(slug for _, slug in found.members)
    return rebuild


def _join_middle_names(full_words: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Map slugs onto one slug per person: "George W. Bush" and "George Walker Bush" are one, and "George
    Bush" joins them when no other middle name (George H. W. Bush) makes it ambiguous."""
    first_last: dict[tuple[str, str], set[str]] = {}
    for slug, words in full_words.items():
        if len(words) >= 2:
            first_last.setdefault((words[0], words[-1]), set()).add(slug)
    canonical: dict[str, str] = {}
    for slugs in first_last.values():
        plain = [s for s in slugs if len(full_words[s]) == 2]
        kinds: list[list[str]] = []
        for slug in sorted((s for s in slugs if len(full_words[s]) > 2), key=lambda s: (len(full_words[s]), s)):
            kind = next((k for k in kinds if _middles_agree(full_words[k[0]], full_words[slug])), None)
            if kind is None:
                kinds.append([slug])
            else:
                kind.append(slug)
        if len(kinds) <= 1:
            kinds = [plain + (kinds[0] if kinds else [])]
        for kind in kinds:
            keep = min(kind, key=lambda s: (len(full_words[s]), s))
            for slug in kind:
                canonical[slug] = keep
    return canonical


# Familiar forms of given names and the formal names they shorten.
_FAMILIAR_TABLE = """vince=vincent bill=william billy=william will=william willie=william bob=robert bobby=robert
        rob=robert robbie=robert tony=anthony/antony jim=james jimmy=james mike=michael mick=michael
        dave=david andy=andrew chris=christopher/christian/christine/christina alex=alexander/alexandra
        nick=nicholas/nicolas tom=thomas tommy=thomas dick=richard rick=richard ricky=richard ted=edward
        ed=edward/edmund eddie=edward ken=kenneth kenny=kenneth steve=stephen/steven joe=joseph
        sam=samuel/samantha ben=benjamin dan=daniel danny=daniel pat=patrick/patricia pete=peter
        matt=matthew charlie=charles chuck=charles fred=frederick freddie=frederick greg=gregory
        jeff=jeffrey/geoffrey geoff=geoffrey jon=jonathan tim=timothy phil=philip/phillip ron=ronald
        ronnie=ronald don=donald gerry=gerald/gerard larry=lawrence/laurence liz=elizabeth beth=elizabeth
        kate=katherine/catherine/kathryn katie=katherine/catherine cathy=catherine sue=susan jenny=jennifer
        maggie=margaret becky=rebecca vicky=victoria alf=alfred bert=albert/herbert ollie=oliver
        zach=zachary nat=nathan/nathaniel rod=rodney/roderick len=leonard lenny=leonard ray=raymond
        reg=reginald stan=stanley terry=terence/terrence frank=francis/franklin jerry=jerome/gerald
        sandy=alexander/sandra wally=walter"""
# More people of one surname than this in the news, and a familiar name may well be someone else.
_COMMON_SURNAME = 5
_FAMILIAR_FORMS: dict[str, tuple[str, ...]] = {
    familiar: tuple(formals.split("/")) for familiar, formals in (pair.split("=") for pair in _FAMILIAR_TABLE.split())
}


def _familiar_pairs(full_words: Mapping[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    """Return the pairs of slugs ("vince-cable", "vincent-cable") that are one person: the rest of the name
    matches, one given name is a familiar form of the other, no third name of that surname could be either and
    the surname is not a common one; different given names otherwise never merge (Hillary and Bill Clinton)."""
    by_rest: dict[tuple[str, ...], list[str]] = {}
    for slug, words in full_words.items():
        if len(words) >= 2:
            by_rest.setdefault(tuple(words[1:]), []).append(slug)
    found: list[tuple[str, str]] = []
    for slugs in by_rest.values():
        if len(slugs) > _COMMON_SURNAME:
            continue  # Steve Jones of the Dragons is not Stephen Jones of the Scarlets
        pairs = [
            (a, b)
            for a in slugs
            for b in slugs
            if full_words[b][0] in _FAMILIAR_FORMS.get(full_words[a][0], ())
        ]
        found.extend(
            (a, b) for a, b in pairs
            if sum(a in pair for pair in pairs) == 1 and sum(b in pair for pair in pairs) == 1
        )
    return found


def _join_familiar(pairs: Sequence[tuple[str, str]], counts: Mapping[str, int]) -> dict[str, str]:
    """Map the slug of each familiar-name pair named less often onto the other one ("Vince Cable")."""
    joined: dict[str, str] = {}
    for a, b in pairs:
        keep, other = (a, b) if (counts.get(a, 0), b) > (counts.get(b, 0), a) else (b, a)
        joined[other] = keep
    return joined


def _apply_merges(
    profiles: Sequence[PersonProfile], present: set[str]
) -> tuple[Callable[[str], str], list[Problem]]:
    """Return the function following merge_into chains (cycles stop), and warnings for targets naming nobody."""
    by_profile = {p.slug: p for p in profiles}
    merge = {p.slug: p.merge_into for p in profiles if p.merge_into}
    known = present | set(by_profile)
    problems = [
        Problem(by_profile[source].source, f"merge_into {target!r} names nobody", expected="the slug of a person")
        for source, target in merge.items()
        if target not in known
    ]

    def final(slug: str) -> str:
        seen = {slug}
        while slug in merge and merge[slug] not in seen and merge[slug] in known:
            slug = merge[slug]
            seen.add(slug)
        return slug

    return final, problems


def _choose(owners: set[str], stories: Mapping[str, int]) -> str | None:
    """Return the one owner of a short name, or the one far more often in the news than any other."""
    if not owners:
        return None
    ranked = sorted(owners, key=lambda slug: (-stories.get(slug, 0), slug))
    if len(ranked) == 1:
        return ranked[0]
    top, second = stories.get(ranked[0], 0), stories.get(ranked[1], 0)
    return ranked[0] if top >= 3 and top >= 3 * second else None


def _middles_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Tell whether two names' middle words match word for word, an initial matching a word."""
    ma, mb = a[1:-1], b[1:-1]
    return len(ma) == len(mb) and all(x == y or x == y[:1] or y == x[:1] for x, y in zip(ma, mb, strict=True))


def _alias_targets(profiles: Sequence[PersonProfile]) -> dict[str, str]:
    """Map the key of every name a profile claims (its display name and aliases) to the profile's slug."""
    targets: dict[str, str] = {}
    for profile in profiles:
        for name in (profile.name, *profile.aliases):
            if name:
                targets[_key(name)] = profile.slug
    return targets


def _person(
    slug: str,
    members: Sequence[tuple[int, ArticlePerson]],
    articles: Sequence[Article],
    linked: Sequence[frozenset[str]],
    profile: PersonProfile | None,
    names: dict[str, NameParts],
) -> Person:
    """Build the site-level Person of a cluster from its members, newest story first."""
    counts: Counter[str] = Counter(person.name for _, person in members)

    def preference(item: tuple[str, int]) -> tuple[bool, int, int, str]:
        words = _name_parts(item[0], names)[1]
        return (len(words) > 1 and len(words[0]) > 1, item[1], len(item[0]), item[0])

    name = max(counts.items(), key=preference)[0]
    if profile is not None and profile.name:
        name = profile.name
    roles: list[Role] = []
    seen_roles: set[str] = set()
    quotes: list[PersonQuote] = []
    stories: dict[str, int] = {}
    mentions = 0
    aliases = set(counts)
    for index, person in members:
        article = articles[index]
        stories.setdefault(article.slug, len(stories))
        mentions += max(1, len(person.mentions))
        aliases.update(person.aliases)
        for role in person.roles:
            if role.casefold() not in seen_roles:
                seen_roles.add(role.casefold())
                roles.append(Role(role, article.slug, article.seed.published))
        quotes.extend(
            PersonQuote(q, article.slug, article.seed.published)
            for q in article.quotes
            if q.speaker == person.name and not q.speaker_is_organisation
        )
    quotes.sort(key=lambda q: (stories[q.article_slug], q.quote.paragraph, q.quote.start))
    together: Counter[str] = Counter()
    for index in {i for i, _ in members}:
        together.update(linked[index] - {slug})
    if profile is not None:
        aliases |= set(profile.aliases)
    dates = [d for d in (articles[i].seed.published for i, _ in members) if d is not None]
    return Person(
        slug=slug,
        name=name,
        aliases=tuple(sorted(sorted(a for a in aliases if a != name), key=len)),
        roles=tuple(roles),
        quotes=tuple(quotes),
        article_slugs=tuple(stories),
        appears_with=tuple(sorted(sorted(together.items()), key=itemgetter(1), reverse=True)),  # stable: by slug
        mentions=mentions,
        first_seen=min(dates, default=None),
        last_seen=max(dates, default=None),
        description=profile.description if profile else None,
        bio_html=profile.bio_html if profile else "",
        links=profile.links if profile else (),
    )
