"""Read the role a story gives a person: an appositive after the name or a pre-modifier before it."""

from __future__ import annotations

import re

from digest.extract.names import ROLE_NOUNS, word_set

_APPOSITIVE_END = re.compile(
    r",|;|:|\.(?:\s|$)|[\"\u201c\u201d]|\s(?:who|whom|whose|which|said|says|told)\b|\s[-\u2013\u2014]\s"
)
_SPLIT_ROLES = re.compile(r",?\s+and\s+(?:a|an|the)\s+")
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
# Words that end a pre-modifier when walking back from the name.
_STOPS = word_set(
    """a an the this that these those of for to from in on at by with about against as than into onto
    over under after before since during between among through without within and or but nor so if
    when while where whether because although though said says told say tell asked added quoted
    according is are was were be been being has have had do does did will would could should may
    might must can shall not no also his her its their our my your he she it they we i you him them
    us me who whom whose which what there here then now including like named called"""
)
_VERB_ENDINGS = ("ed", "es")
_VERB_LIKE_ADJECTIVES = word_set(
    """retired disgraced jailed exiled elected appointed acting leading ruling outgoing reigning defending
    founding managing visiting governing talented celebrated renowned respected veteran seasoned
    long-serving newly-elected self-styled so-called unnamed detained imprisoned"""
)
# Verbs that end a pre-modifier walk: "Anton Riedl met bourse chief executive Ida Carrow".
_VERBS_BEFORE_ROLE = word_set(
    """met beat joined replaced succeeded hired sacked fired signed praised criticised criticized attacked
    accused urged thanked backed defeated interviewed visited reportedly suggesting including saying telling
    featuring starring following meeting replacing joining praising criticising accusing backing beating
    urging asking starred stars features follows called calls named names told tells asked asks warned
    believes believed thinks thought feels felt hopes hoped knows knew wants wanted supports supported backs
    endorsed endorses endorsing opposes opposed faces faced facing versus vs defeat defeats defeating trails
    leads led meets said says"""
)
# A word before a full stop that does not end the appositive: "for Mrs. Clinton", "John F. Kennedy".
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Rev|Prof|Jr|Sr|No|Inc|Co|Corp|Ltd)|\b[A-Z])$"
)
_PLAIN_WORD = re.compile(r"[\w'\u2019\-]+")
_WHO_ROLE = re.compile(
    r",\s+who\s+((?:(?:also|now|informally|formally|currently|still|once|previously|later|then)\s+)?"
    r"(?:advises|heads|leads|runs|chairs|represents|owns|manages|coaches|directs|edits|founded|co-founded|"
    r"chaired|headed|led|ran|founded|owned|managed|coached|advised|represented|directed|edited|presents|"
    r"presented|hosts|hosted|fronts|fronted|captains|captained|commands|commanded|governs|governed)"
    r"\s+[^,.;:\"\u201c\u201d()]+?)(?=\s+(?:but|and|while|after|before|when|since)\b|[,.;:\"\u201c\u201d()]|$)"
)
# Words that make an appositive a clause: ", several speeches were made by ..." gives no role.
_FINITE_VERBS = word_set("is are was were has have had will would can could may might must shall should do does did")


def _is_role_noun(word: str) -> bool:
    """Tell whether a word (any case, possibly plural or possessive-free) heads a role."""
    w = word.lower().strip("(),")
    return w in ROLE_NOUNS or (w.endswith("s") and w[:-1] in ROLE_NOUNS)


def appositive_roles(after: str) -> tuple[str, ...]:
    """Read roles from the text right after a name: ", a Lithuanian politician and a Member of ..."."""
    if not after.startswith(", "):
        return ()
    body = after[2:]
    match = _APPOSITIVE_END.search(body)
    while match and match.group().startswith(".") and _ABBREVIATION.search(body, 0, match.start()):
        match = _APPOSITIVE_END.search(body, match.end())  # "former campaign worker for Mrs. Clinton"
    segment = body[: match.start()] if match else body
    ending = match.group().strip() if match else "."
    closed = ending in (",", ";", ":", "", "who", "whom", "whose", "which", "said", "says", "told")
    segment = _balance(body, segment)
    words = segment.split()
    if not words or len(words) > 16:
        return ()
    first = words[0]
    verb_like = first.lower().endswith(("ed", "ing")) and first.lower() not in _VERB_LIKE_ADJECTIVES
    if verb_like or first.lower() in _STOPS - {"a", "an", "the"}:
        return ()  # ", partnered Lupoli up front" is a clause, not a role
    if not closed:
        words = _cut_at_verb(words)
        if not words:
            return ()
    if not any(_is_role_noun(w) for w in words) or any(w.lower() in _FINITE_VERBS for w in words):
        return ()
    roles = []
    for part in _SPLIT_ROLES.split(" ".join(words)):
        role = _ARTICLE.sub("", part.strip())
        if role:
            roles.append(role)
    return tuple(roles)


def _balance(body: str, segment: str) -> str:
    """Extend a segment that stops inside parentheses to the closing one: "(MEP)"."""
    if segment.count("(") > segment.count(")"):
        close = body.find(")", len(segment))
        if close != -1:
            return body[: close + 1]
    return segment.rstrip()


def _cut_at_verb(words: list[str]) -> list[str]:
    """Keep the words up to a role noun, dropping a verb phrase that follows without a comma."""
    last_role = -1
    for i, word in enumerate(words):
        if _is_role_noun(word):
            last_role = i
        elif last_role >= 0 and word[0].islower() and word.endswith(_VERB_ENDINGS) and word not in ("the",):
            return words[: last_role + 1]
    return words if last_role >= 0 else []


def premodifier_roles(before: str) -> tuple[str, ...]:
    """Read roles written before a name: "Exiled Russian businessman and opposition activist" gives two."""
    if before[-1:] != " ":
        return ()
    tail = before[-160:]
    last = tail.rsplit(None, 1)  # most names have no role noun before them: look at that word alone first
    if not last or not last[-1][0].islower() or not _is_role_noun(last[-1]):
        return ()
    words = tail.split()
    taken: list[str] = []
    for i in range(len(words) - 1, max(-1, len(words) - 9), -1):
        word = words[i]
        if not _PLAIN_WORD.fullmatch(word):
            break
        lower = word.lower()
        if lower == "and" and taken and i > 0 and _is_role_noun(words[i - 1]):
            taken.append(word)
            continue
        if lower in _STOPS or lower in _VERBS_BEFORE_ROLE:
            break
        taken.append(word)
    taken.reverse()
    roles: list[list[str]] = [[]]
    for word in taken:
        if word == "and":
            roles.append([])
        else:
            roles[-1].append(word)
    return tuple(" ".join(r) for r in roles if r)


def who_role(after: str) -> str | None:
    """Read a role from a "who" clause: ", who informally advises Navalny but ..." -> "informally advises Navalny"."""
    match = _WHO_ROLE.match(after)
    if not match:
        return None
    role = match.group(1).strip()
    return role if len(role.split()) <= 8 else None
