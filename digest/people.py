"""One person across the digest: merge the people of every story, then apply the editors' profiles."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
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


@dataclass(slots=True)
class _Cluster:
    """Everything gathered for one site-level person while merging (local to gather_people)."""

    slug: str
    names: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    members: list[tuple[int, ArticlePerson]] = field(default_factory=list)


def _key(name: str) -> str:
    """Return the form of a name used to compare names: accents, case and punctuation ignored."""
    return slugify_name(name)


def _words(name: str) -> list[str]:
    """Return the words of a name, lower-cased and without accents."""
    return [w for w in _key(name).split("-") if w]


def gather_people(
    articles: Sequence[Article], profiles: Sequence[PersonProfile]
) -> tuple[tuple[Person, ...], Mapping[tuple[str, str], str], tuple[Problem, ...]]:
    """Merge the people of all articles into site-level people, applying profiles; sorted by slug."""
    by_profile = {p.slug: p for p in profiles}
    assigned, full_words = _assign_full_names(articles, profiles)
    canonical = _join_middle_names(full_words)
    assigned = {key: canonical.get(slug, slug) for key, slug in assigned.items()}
    full_words = {slug: words for slug, words in full_words.items() if canonical.get(slug, slug) == slug}
    familiar = _join_familiar_names(full_words, Counter(assigned.values()))
    assigned = {key: familiar.get(slug, slug) for key, slug in assigned.items()}
    full_words = {slug: words for slug, words in full_words.items() if slug not in familiar}
    stories: Counter[str] = Counter()
    for index, article in enumerate(articles):
        stories.update({assigned[(index, p.name)] for p in article.people if (index, p.name) in assigned})
    _join_initials(articles, assigned, full_words, stories)
    _join_surnames(articles, assigned, full_words, stories)
    final, problems = _apply_merges(profiles, set(assigned.values()))
    dropped = {p.slug for p in profiles if p.not_a_person}

    clusters: dict[str, _Cluster] = {}
    links: dict[tuple[str, str], str] = {}
    for index, article in enumerate(articles):
        for person in article.people:
            slug = final(assigned[(index, person.name)])
            if slug in dropped or assigned[(index, person.name)] in dropped:
                continue
            cluster = clusters.setdefault(slug, _Cluster(slug))
            cluster.names[person.name] += 1
            cluster.aliases.update(person.aliases)
            cluster.members.append((index, person))
            links[(article.slug, person.name)] = slug

    present = set(assigned.values())
    problems.extend(
        Problem(p.source, f"profile {p.slug!r} matches no person in any story",
                expected="a slug of a person page, or aliases naming one")
        for p in profiles
        if p.slug not in present
    )
    order = _newest_first(articles)
    people = tuple(
        _person(cluster, articles, order, links, by_profile.get(cluster.slug))
        for cluster in sorted(clusters.values(), key=lambda c: c.slug)
    )
    return people, links, tuple(problems)


def _assign_full_names(
    articles: Sequence[Article], profiles: Sequence[PersonProfile]
) -> tuple[dict[tuple[int, str], str], dict[str, list[str]]]:
    """Give every full name (two words or more) its slug, and every name a profile claims the profile's slug."""
    alias_target = _alias_targets(profiles)
    by_profile = {p.slug: p for p in profiles}
    assigned: dict[tuple[int, str], str] = {}
    full_words: dict[str, list[str]] = {}
    for index, article in enumerate(articles):
        for person in article.people:
            words = _words(person.name)
            target = _profile_target(person, alias_target)
            if target is None and len(words) < 2:
                continue
            slug = target or _key(person.name)
            assigned[(index, person.name)] = slug
            if target is not None:
                words = _words(by_profile[target].name or target.replace("-", " "))
            full_words.setdefault(slug, words)
    return assigned, full_words


def _join_middle_names(full_words: Mapping[str, list[str]]) -> dict[str, str]:
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


def _join_familiar_names(full_words: Mapping[str, list[str]], counts: Mapping[str, int]) -> dict[str, str]:
    """Map "Vince Cable" and "Vincent Cable" onto one slug (the one named more often) when the rest of the name
    matches, one given name is a familiar form of the other, no third name of that surname could be either and
    the surname is not a common one; different given names otherwise never merge (Hillary and Bill Clinton)."""
    by_rest: dict[tuple[str, ...], list[str]] = {}
    for slug, words in full_words.items():
        if len(words) >= 2:
            by_rest.setdefault(tuple(words[1:]), []).append(slug)
    joined: dict[str, str] = {}
    for slugs in by_rest.values():
        if len(slugs) > _COMMON_SURNAME:
            continue  # Steve Jones of the Dragons is not Stephen Jones of the Scarlets
        pairs = [
            (a, b)
            for a in slugs
            for b in slugs
            if full_words[b][0] in _FAMILIAR_FORMS.get(full_words[a][0], ())
        ]
        for a, b in pairs:
            if sum(a in pair for pair in pairs) == 1 and sum(b in pair for pair in pairs) == 1:
                keep, other = (a, b) if (counts.get(a, 0), b) > (counts.get(b, 0), a) else (b, a)
                joined[other] = keep
    return joined


def _join_initials(
    articles: Sequence[Article],
    assigned: dict[tuple[int, str], str],
    full_words: Mapping[str, list[str]],
    stories: Mapping[str, int],
) -> None:
    """Point "P O'Connell" (a team list) at "Paul O'Connell" when he is the one such person."""
    by_surname: dict[str, list[str]] = {}
    for slug, words in full_words.items():
        if len(words) > 1 and len(words[0]) > 1:
            by_surname.setdefault(words[-1], []).append(slug)
    for index, article in enumerate(articles):
        story_full = {assigned[(index, p.name)] for p in article.people if (index, p.name) in assigned}
        for person in article.people:
            words = _words(person.name)
            if (index, person.name) not in assigned or len(words) < 2 or len(words[0]) != 1:
                continue
            owners = {s for s in by_surname.get(words[-1], []) if full_words[s][0].startswith(words[0])}
            choice = _choose(owners & story_full, stories) or _choose(owners, stories)
            if choice is not None:
                assigned[(index, person.name)] = choice


def _join_surnames(
    articles: Sequence[Article],
    assigned: dict[tuple[int, str], str],
    full_words: Mapping[str, list[str]],
    stories: Mapping[str, int],
) -> None:
    """Give one-word people the full name with that surname in their story, else the site's, else their own."""
    owners_of: dict[str, set[str]] = {}
    for slug, words in full_words.items():
        if len(words[0]) > 1:
            owners_of.setdefault(words[-1], set()).add(slug)
    for index, article in enumerate(articles):
        story_full = {assigned[(index, p.name)] for p in article.people if (index, p.name) in assigned}
        for person in article.people:
            words = _words(person.name)
            if (index, person.name) in assigned or not words:
                continue
            owners = owners_of.get(words[-1], set())
            choice = _choose(owners & story_full, stories) or _choose(owners, stories)
            assigned[(index, person.name)] = choice or _key(person.name)


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


def _is_full(name: str) -> bool:
    """Tell whether a name has a given name that is more than an initial ("Jonathan Thomas", not "J Thomas")."""
    words = _words(name)
    return len(words) > 1 and len(words[0]) > 1


def _choose(owners: set[str], stories: Mapping[str, int]) -> str | None:
    """Return the one owner of a short name, or the one far more often in the news than any other."""
    if not owners:
        return None
    ranked = sorted(owners, key=lambda slug: (-stories.get(slug, 0), slug))
    if len(ranked) == 1:
        return ranked[0]
    top, second = stories.get(ranked[0], 0), stories.get(ranked[1], 0)
    return ranked[0] if top >= 3 and top >= 3 * second else None


def _middles_agree(a: list[str], b: list[str]) -> bool:
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


def _profile_target(person: ArticlePerson, alias_target: Mapping[str, str]) -> str | None:
    """Return the profile slug an article person's name is claimed by (its story aliases never claim it:
    "Clinton" in one story is not a profile's "Clinton")."""
    return alias_target.get(_key(person.name))


def _newest_first(articles: Sequence[Article]) -> dict[int, int]:
    """Map article index to its rank, newest first, undated last, ties in input order."""

    def rank(i: int) -> tuple[bool, float, int]:
        published = articles[i].seed.published
        return (published is None, -published.timestamp() if published else 0.0, i)

    ranked = sorted(range(len(articles)), key=rank)
    return {index: rank for rank, index in enumerate(ranked)}


def _person(
    cluster: _Cluster,
    articles: Sequence[Article],
    order: Mapping[int, int],
    links: Mapping[tuple[str, str], str],
    profile: PersonProfile | None,
) -> Person:
    """Build the site-level Person of a cluster."""
    members = sorted(cluster.members, key=lambda m: order[m[0]])
    name = max(cluster.names.items(), key=lambda item: (_is_full(item[0]), item[1], len(item[0]), item[0]))[0]
    if profile is not None and profile.name:
        name = profile.name
    roles: list[Role] = []
    seen_roles: set[str] = set()
    quotes: list[PersonQuote] = []
    stories: list[str] = []
    mentions = 0
    for index, person in members:
        article = articles[index]
        if article.slug not in stories:
            stories.append(article.slug)
        mentions += max(1, len(person.mentions))
        for role in person.roles:
            if role.casefold() not in seen_roles:
                seen_roles.add(role.casefold())
                roles.append(Role(role, article.slug, article.seed.published))
        quotes.extend(
            PersonQuote(q, article.slug, article.seed.published)
            for q in article.quotes
            if q.speaker == person.name and not q.speaker_is_organisation
        )
    rank = {slug: number for number, slug in enumerate(stories)}
    quotes.sort(key=lambda q: (rank[q.article_slug], q.quote.paragraph, q.quote.start))
    together: Counter[str] = Counter()
    for index in {i for i, _ in members}:
        article = articles[index]
        others = {links[(article.slug, p.name)] for p in article.people if (article.slug, p.name) in links}
        together.update(others - {cluster.slug})
    aliases = set(cluster.aliases) | set(cluster.names)
    if profile is not None:
        aliases |= set(profile.aliases)
    dates = [d for d in (articles[i].seed.published for i, _ in members) if d is not None]
    return Person(
        slug=cluster.slug,
        name=name,
        aliases=tuple(sorted((a for a in aliases if a != name), key=lambda a: (len(a), a))),
        roles=tuple(roles),
        quotes=tuple(quotes),
        article_slugs=tuple(stories),
        appears_with=tuple(sorted(together.items(), key=lambda item: (-item[1], item[0]))),
        mentions=mentions,
        first_seen=min(dates, default=None),
        last_seen=max(dates, default=None),
        description=profile.description if profile else None,
        bio_html=profile.bio_html if profile else "",
        links=profile.links if profile else (),
    )
