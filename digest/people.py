"""One person across the digest: merge the people of every story, then apply the editors' profiles."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

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


def load_profiles(people_dir: Path) -> tuple[tuple[PersonProfile, ...], tuple[Problem, ...]]:
    """Read every content/people/*.md profile; raise ContentError naming every bad one, return warnings."""
    return load_markdown_folder(people_dir, lambda text, path: parse_profile(text, slug=path.stem, source=str(path)))


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
_NamedPeople = list[tuple[ArticlePerson, str, tuple[str, ...]]]
"""The people of one article with the key and the words of their names."""
_Named = list[_NamedPeople]
"""For each article, its people with the key and the words of their names."""


class PeopleMemo:
    """What gather_people worked out on its last call, kept so that the next call with mostly the same stories
    does not work it out again; it only ever saves time, a call with or without it returns the same."""

    __slots__ = ("articles", "joins", "named", "names", "persons")

    def __init__(self) -> None:
        self.names: dict[str, NameParts] = {}
        """Name -> its key and words (a pure function of the name)."""
        self.named: dict[int, tuple[Article, _NamedPeople]] = {}
        """id of an article -> the article and the key and words of each of its people's names."""
        self.joins: tuple[dict[str, tuple[str, ...]], dict[str, str], list[tuple[str, str]]] | None = None
        """The full names of the last call, with the middle-name joins and the familiar-name pairs found in them."""
        self.persons: dict[tuple[object, ...], Person] = {}
        """The Person built last time from exactly these inputs (article and article-person identities)."""
        self.articles: tuple[Article, ...] = ()
        """The articles of the last call: held so that the identities in `persons` keys cannot be reused."""


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
    """Merge the people of all articles into site-level people, applying profiles; sorted by slug."""
    memo = memo if memo is not None else PeopleMemo()
    names = memo.names
    if len(names) > 50_000 + 4 * sum(len(a.people) for a in articles):
        names.clear()  # names of stories long gone
    named_of: dict[int, tuple[Article, _NamedPeople]] = {}
    for article in articles:
        entry = memo.named.get(id(article))
        if entry is None or entry[0] is not article:
            entry = (article, [(person, *_name_parts(person.name, names)) for person in article.people])
        named_of[id(article)] = entry
    memo.named = named_of
    named: _Named = [named_of[id(article)][1] for article in articles]
    by_profile = {p.slug: p for p in profiles}
    assigned, full_words = _assign_full_names(named, profiles, names)
    if memo.joins is not None and memo.joins[0] == full_words:
        canonical, pairs = memo.joins[1], memo.joins[2]
    else:
        canonical = _join_middle_names(full_words)
        pairs = _familiar_pairs({s: w for s, w in full_words.items() if canonical.get(s, s) == s})
        memo.joins = (full_words, canonical, pairs)
    if canonical:
        assigned = {key: canonical.get(slug, slug) for key, slug in assigned.items()}
    full_words = {slug: words for slug, words in full_words.items() if canonical.get(slug, slug) == slug}
    familiar = _join_familiar(pairs, Counter(assigned.values()))
    if familiar:
        assigned = {key: familiar.get(slug, slug) for key, slug in assigned.items()}
        full_words = {slug: words for slug, words in full_words.items() if slug not in familiar}
    stories: Counter[str] = Counter()
    for index, article in enumerate(articles):
        stories.update({assigned[(index, p.name)] for p in article.people if (index, p.name) in assigned})
    _join_initials(named, assigned, full_words, stories)
    _join_surnames(named, assigned, full_words, stories)
    final, problems = _apply_merges(profiles, set(assigned.values()))
    dropped = {p.slug for p in profiles if p.not_a_person}

    present = set(assigned.values())
    final_of = {slug: final(slug) for slug in present}
    if dropped:
        final_of = {slug: last for slug, last in final_of.items() if slug not in dropped and last not in dropped}
    members_of: dict[str, list[tuple[int, ArticlePerson]]] = {}
    links: dict[tuple[str, str], str] = {}
    for index, article in enumerate(articles):
        for person in article.people:
            slug = final_of.get(assigned[(index, person.name)])
            if slug is None:
                continue
            members_of.setdefault(slug, []).append((index, person))
            links[(article.slug, person.name)] = slug

    problems.extend(
        Problem(p.source, f"profile {p.slug!r} matches no person in any story",
                expected="a slug of a person page, or aliases naming one")
        for p in profiles
        if p.slug not in present
    )
    order = _newest_first(articles)
    linked = [
        frozenset([links[(a.slug, p.name)] for p in a.people if (a.slug, p.name) in links]) for a in articles
    ]
    built: dict[tuple[object, ...], Person] = {}
    people = []
    for slug in sorted(members_of):
        profile = by_profile.get(slug)
        members = sorted(members_of[slug], key=lambda m: order[m[0]])
        # everything a Person is made of: the same inputs make the same Person
        key = (slug, profile, *[(id(articles[i]), id(p), linked[i]) for i, p in members])
        found = memo.persons.get(key)
        if found is None:
            found = _person(slug, members, articles, linked, profile, names)
        built[key] = found
        people.append(found)
    memo.persons, memo.articles = built, tuple(articles)
    return tuple(people), links, tuple(problems)


def _assign_full_names(
    named: _Named, profiles: Sequence[PersonProfile], names: dict[str, NameParts]
) -> tuple[dict[tuple[int, str], str], dict[str, tuple[str, ...]]]:
    """Give every full name (two words or more) its slug, and every name a profile claims the profile's slug."""
    alias_target = _alias_targets(profiles)
    by_profile = {p.slug: p for p in profiles}
    assigned: dict[tuple[int, str], str] = {}
    full_words: dict[str, tuple[str, ...]] = {}
    for index, people in enumerate(named):
        for person, key, words in people:
            # a profile claims a name by its key; the story's own aliases never claim it ("Clinton" in one
            # story is not a profile's "Clinton")
            target = alias_target.get(key)
            if target is None and len(words) < 2:
                continue
            slug = target or key
            assigned[(index, person.name)] = slug
            if target is not None:
                words = _name_parts(by_profile[target].name or target.replace("-", " "), names)[1]
            full_words.setdefault(slug, words)
    return assigned, full_words


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


def _join_initials(
    named: _Named,
    assigned: dict[tuple[int, str], str],
    full_words: Mapping[str, Sequence[str]],
    stories: Mapping[str, int],
) -> None:
    """Point "P O'Connell" (a team list) at "Paul O'Connell" when he is the one such person."""
    by_surname: dict[str, list[str]] = {}
    for slug, words in full_words.items():
        if len(words) > 1 and len(words[0]) > 1:
            by_surname.setdefault(words[-1], []).append(slug)
    for index, people in enumerate(named):
        story_full = {assigned[(index, p.name)] for p, _, _ in people if (index, p.name) in assigned}
        for person, _, words in people:
            if len(words) < 2 or len(words[0]) != 1 or (index, person.name) not in assigned:
                continue
            owners = {s for s in by_surname.get(words[-1], []) if full_words[s][0].startswith(words[0])}
            choice = _choose(owners & story_full, stories) or _choose(owners, stories)
            if choice is not None:
                assigned[(index, person.name)] = choice


def _join_surnames(
    named: _Named,
    assigned: dict[tuple[int, str], str],
    full_words: Mapping[str, Sequence[str]],
    stories: Mapping[str, int],
) -> None:
    """Give one-word people the full name with that surname in their story, else the site's, else their own."""
    owners_of: dict[str, set[str]] = {}
    for slug, words in full_words.items():
        if len(words[0]) > 1:
            owners_of.setdefault(words[-1], set()).add(slug)
    for index, people in enumerate(named):
        story_full = {assigned[(index, p.name)] for p, _, _ in people if (index, p.name) in assigned}
        for person, key, words in people:
            if (index, person.name) in assigned or not words:
                continue
            owners = owners_of.get(words[-1], set())
            choice = _choose(owners & story_full, stories) or _choose(owners, stories)
            assigned[(index, person.name)] = choice or key


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


def _newest_first(articles: Sequence[Article]) -> dict[int, int]:
    """Map article index to its rank, newest first, undated last, ties in input order."""

    def rank(i: int) -> tuple[bool, float, int]:
        published = articles[i].seed.published
        return (published is None, -published.timestamp() if published else 0.0, i)

    ranked = sorted(range(len(articles)), key=rank)
    return {index: rank for rank, index in enumerate(ranked)}


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
