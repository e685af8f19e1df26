"""Bytes to clean text: encoding detection, line ends, mojibake, control characters."""

from __future__ import annotations

import codecs
import re
import unicodedata

from digest.errors import SeedError
from digest.model import Problem

_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x7fELF", "a program"),
)
_BINARY_SAMPLE = 8192
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\r\f\x1b")
"""Bytes that plain text (almost) never holds; deleted to count them quickly."""
# A mojibake pair: a UTF-8 lead byte read as cp1252/Latin-1 followed by a continuation byte.
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3\u00c5\u00e2][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2122\u20ac]"
)
# Everything below U+0020 except tab and newline, DEL, C1 controls, zero-width marks and BOMs.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u2060\ufeff\ufffe]")
_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_ODD_CHARACTER = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u2060\ufeff\ufffe"
    "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u2028\u2029]"
)
"""Anything clean_text would change apart from mojibake; most seeds have none, and skip the work."""
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85\x0b\x0c]")

EXPECTED_TEXT = "a text file in UTF-8, UTF-16 with a byte-order mark, or Windows-1252"


def binary_kind(data: bytes) -> str | None:
    """Return what a binary file looks like ("a PNG image"), or None when it looks like text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    sample = data[:_BINARY_SAMPLE]
    if not sample:
        return None
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    # Text with a stray NUL is repaired; mostly-control bytes is not text at all.
    return "binary data" if controls > max(8, len(sample) // 10) else None


def decode_bytes(data: bytes, path: str) -> tuple[str, tuple[Problem, ...]]:
    """Decode seed bytes to text, trying UTF-8 (BOM or not), UTF-16 with BOM, then Windows-1252."""
    bomless = _bomless_utf16(data)
    if bomless is not None:
        return bomless, ()
    kind = binary_kind(data)
    if kind is not None:
        raise SeedError(Problem(file=path, message=f"is not a text file: it looks like {kind}", expected=EXPECTED_TEXT))
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), ()
        except UnicodeDecodeError as err:
            raise SeedError(
                Problem(
                    file=path,
                    message=f"has a UTF-16 byte-order mark but invalid UTF-16 at byte {err.start}",
                    expected=EXPECTED_TEXT,
                )
            ) from None
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        warning = Problem(
            file=path,
            message="is not valid UTF-8; read as Windows-1252 (Latin-1)",
            line=line,
            expected="UTF-8; re-save the file as UTF-8 to silence this",
        )
        return data.decode("cp1252", errors="ignore") if _cp1252_clean(data) else data.decode("latin-1"), (warning,)


def _bomless_utf16(data: bytes) -> str | None:
    """Decode UTF-16 saved without a byte-order mark (a NUL beside nearly every ASCII byte), else None."""
    sample = data[:_BINARY_SAMPLE]
    if len(sample) < 8 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and (even if zeros is odd else odd).count(0) == 0:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _cp1252_clean(data: bytes) -> bool:
    """Tell whether every byte is defined in Windows-1252 (five bytes are not)."""
    return not any(byte in data for byte in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"))


def clean_text(text: str) -> str:
    """Normalise line ends, repair mojibake, drop control characters and odd spaces."""
    if _ODD_CHARACTER.search(text) is None and _MOJIBAKE.search(text) is None:
        return text if text.isascii() else unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    if _MOJIBAKE.search(text):
        text = _repair_mojibake(text)
    text = _CONTROLS.sub("", text)
    text = _SPACES.sub(" ", text)
    return unicodedata.normalize("NFC", text)


def _repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Windows-1252 (e.g. "â€™" -> "’") with ftfy, when it is installed."""
    try:
        import ftfy
    except ImportError:  # pragma: no cover - ftfy is a declared dependency
        return text
    return "\n".join(ftfy.fix_encoding(line) if _MOJIBAKE.search(line) else line for line in text.split("\n"))
