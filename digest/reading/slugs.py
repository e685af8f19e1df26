"""ASCII slugs from titles in any script, and sanitising of slugs typed by editors."""

from __future__ import annotations

import re
import unicodedata

MAX_SLUG_LENGTH = 80


def _table(letters: str, latin: str) -> dict[str, str]:
    """Pair each letter with its space-separated romanisation ("_" stands for nothing)."""
    return dict(zip(letters, latin.split(" "), strict=True))


_CYRILLIC = _table(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґўђјљњћџѓќѕ",
    "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya i yi ye g u dj j lj nj c dz g k dz",
)
_GREEK = _table(
    "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ",
    "a v g d e z i th i k l m n x o p r s s t y f ch ps o a e i i o y o i y i y",
)
_DEVANAGARI_CONSONANTS = _table(
    "कखगघङचछजझञटठडढणतथदधनपफबभमयरलवशषसहळ",
    "k kh g gh n ch chh j jh n t th d dh n t th d dh n p ph b bh m y r l v sh sh s h l",
)
_DEVANAGARI_VOWELS = _table("अआइईउऊऋएऐओऔ", "a aa i i u u ri e ai o au")
_DEVANAGARI_SIGNS = _table("ािीुूृेैोौ", "a i i u u ri e ai o au")
_DEVANAGARI_DIGITS = {chr(0x0966 + i): str(i) for i in range(10)}
_VIRAMA, _NUKTA = "\u094d", "\u093c"
_NASALS = {"\u0902": "n", "\u0901": "n", "\u0903": "h"}
_SPECIAL = {
    "ß": "ss",
    "æ": "ae",
    "Æ": "AE",
    "ø": "o",
    "Ø": "O",
    "đ": "d",
    "Đ": "D",
    "ł": "l",
    "Ł": "L",
    "þ": "th",
    "Þ": "Th",
    "ð": "d",
    "œ": "oe",
    "Œ": "OE",
    "ı": "i",
    "&": " and ",
    "@": " at ",
    "\u2019": "",
    "'": "",
    "\u2018": "",
}
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def transliterate(text: str) -> str:
    """Spell text in ASCII letters: accents dropped, Cyrillic, Greek and Devanagari romanised."""
    out: list[str] = []
    chars = text
    i, n = 0, len(chars)
    while i < n:
        ch = chars[i]
        if ch == "'":
            pass  # "Here's" -> "heres", not "here-s"
        elif ch < "\u0080":
            out.append(ch)
        elif ch in _SPECIAL:
            out.append(_SPECIAL[ch])
        elif ch.lower() in _CYRILLIC:
            latin = _CYRILLIC[ch.lower()].replace("_", "")
            out.append(latin.capitalize() if ch.isupper() else latin)
        elif ch.lower() in _GREEK:
            out.append(_GREEK[ch.lower()])
        elif ch in _DEVANAGARI_CONSONANTS:
            out.append(_DEVANAGARI_CONSONANTS[ch])
            j = i + 1
            if j < n and chars[j] == _NUKTA:
                j += 1
            nxt = chars[j] if j < n else ""
            if nxt in _DEVANAGARI_SIGNS:
                out.append(_DEVANAGARI_SIGNS[nxt])
                j += 1
            elif nxt == _VIRAMA:
                j += 1
            elif _ends_word(chars, j) and not (i > 0 and chars[i - 1] == _VIRAMA):
                pass  # the inherent vowel is silent at the end of a Hindi word
            else:
                out.append("a")
            i = j
            continue
        elif ch in _DEVANAGARI_VOWELS:
            out.append(_DEVANAGARI_VOWELS[ch])
        elif ch in _NASALS:
            out.append(_NASALS[ch])
        elif ch in _DEVANAGARI_DIGITS:
            out.append(_DEVANAGARI_DIGITS[ch])
        else:
            decomposed = unicodedata.normalize("NFKD", ch)
            ascii_part = "".join(c for c in decomposed if c < "\u0080")
            out.append(ascii_part if ascii_part else (" " if not unicodedata.category(ch).startswith("M") else ""))
        i += 1
    return "".join(out)


def _ends_word(chars: str, j: int) -> bool:
    """Tell whether position j is past the end of a Devanagari word."""
    return j >= len(chars) or not ("\u0900" <= chars[j] <= "\u097f")


def slugify(text: str, *, fallback: str = "article") -> str:
    """Return a lowercase ASCII slug of words joined by hyphens, at most MAX_SLUG_LENGTH long."""
    slug = _NON_SLUG.sub("-", transliterate(text[:1000]).lower()).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        cut = slug[: MAX_SLUG_LENGTH + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:MAX_SLUG_LENGTH]
        slug = slug.strip("-")
    return slug or fallback


def sanitise_slug(text: str, *, fallback: str) -> str:
    """Turn an editor's slug into a safe one: no "/", "..", control characters or non-ASCII."""
    return slugify(text.replace("/", " ").replace("\\", " "), fallback=fallback)
