"""The extraction cache: one JSON file per seed, named by a key that covers everything extraction depends on.

JSON rather than pickle: a cache folder can come from outside (a CI cache restored from another branch), and
loading a pickle runs code, while loading JSON only builds data. Entries are decoded through the dataclass
field types of digest.model, so a corrupt, truncated or stale entry fails to decode and is rebuilt, never
trusted. The key covers the seed bytes and path, the read and extract options, EXTRACTOR_VERSION and the
source of the reading and extraction code, so a change to any of them misses the cache.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import tempfile
import types
import typing
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import digest
from digest.model import Article

CACHE_FORMAT = 1
"""Bump when the layout of cache files changes."""

_CODE_PARTS = ("reading", "extract", "data", "model.py")
"""Parts of the digest package whose source decides what a seed extracts to."""


def code_fingerprint(package: Path | None = None, parts: Iterable[str] = _CODE_PARTS) -> str:
    """Return a digest of the reading and extraction source, so editing that code invalidates the cache."""
    root = package or Path(digest.__file__).parent
    digest_ = hashlib.sha256()
    for part in parts:
        base = root / part
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file()
                                                     and "__pycache__" not in p.parts and p.suffix != ".pyc")
        for path in files:
            digest_.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest_.update(path.read_bytes() + b"\0")
    return digest_.hexdigest()


@functools.cache
def running_code_fingerprint() -> str:
    """Return the code fingerprint once per process: a long `digest serve` runs the code it imported at start."""
    return code_fingerprint()


def options_fingerprint(extractor_version: str, *options: object) -> str:
    """Return a digest of what extraction depends on besides the seed: version, code, options (frozen reprs)."""
    text = "\0".join([f"format={CACHE_FORMAT}", f"extractor={extractor_version}", running_code_fingerprint(),
                      *(repr(p) for p in options)])
    return hashlib.sha256(text.encode()).hexdigest()


def seed_key(options: str, shown_path: str, content: str) -> str:
    """Return the cache key of one seed: the options fingerprint, its path as shown and the digest of its bytes."""
    return hashlib.sha256(f"{options}\0{shown_path}\0{content}".encode()).hexdigest()


# --- encoding: dataclasses as positional JSON arrays, checked against the field types on the way back ---

def _encode(value: Any) -> Any:
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if isinstance(value, datetime):
        return _encode_datetime(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [_encode(getattr(value, f.name)) for f in dataclasses.fields(value)]
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _encode_datetime(moment: datetime) -> list[Any]:
    zone = moment.tzinfo
    if zone is None:
        return [moment.isoformat(), None]
    if isinstance(zone, ZoneInfo) and zone.key:
        again = datetime.fromisoformat(moment.isoformat()).astimezone(zone)
        if again.replace(tzinfo=None) != moment.replace(tzinfo=None) or again.fold != moment.fold:
            raise TypeError(f"cannot cache the nonexistent local time {moment.isoformat()}")
        return [moment.isoformat(), "zone", zone.key]
    if isinstance(zone, timezone):
        offset = zone.utcoffset(None)
        name = zone.tzname(None)
        return [moment.isoformat(), "fixed", offset.total_seconds(),
                None if name == timezone(offset).tzname(None) else name]
    raise TypeError(f"cannot cache a time in zone {zone!r}")


def _decode_datetime(value: Any) -> datetime:
    moment = datetime.fromisoformat(value[0])
    if value[1] is None:
        if moment.tzinfo is not None:
            raise ValueError("naive time expected")
        return moment
    if value[1] == "zone":
        return moment.astimezone(ZoneInfo(value[2]))
    if value[1] == "fixed":
        offset = timedelta(seconds=float(value[2]))
        zone = timezone(offset) if value[3] is None else timezone(offset, str(value[3]))
        return moment.replace(tzinfo=zone)
    raise ValueError(f"unknown time zone kind {value[1]!r}")


def _checked(kind: type) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if type(value) is not kind and not (kind is float and type(value) is int):
            raise ValueError(f"{kind.__name__} expected, found {type(value).__name__}")
        return value
    return check


def _decoder(hint: Any) -> Callable[[Any], Any]:
    """Return a function that rebuilds a value of type `hint` from its JSON form, raising on any mismatch."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint in (str, int, bool, float):
        return _checked(hint)
    if hint is datetime:
        return _decode_datetime
    if origin is typing.Literal:
        allowed = frozenset(args)

        def literal(value: Any) -> Any:
            if value not in allowed:
                raise ValueError(f"one of {sorted(allowed)} expected")
            return value
        return literal
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if len(inner) != 1 or len(args) != 2:
            raise TypeError(f"cannot decode {hint}")
        decode_inner = _decoder(inner[0])
        return lambda value: None if value is None else decode_inner(value)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis and args[0] in (str, int):
            return _many_of(args[0])
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])

            def many(value: Any) -> tuple[Any, ...]:
                if type(value) is not list:
                    raise ValueError("list expected")
                return tuple(item(v) for v in value)
            return many
        items = [_decoder(a) for a in args]

        def fixed(value: Any) -> tuple[Any, ...]:
            if type(value) is not list or len(value) != len(items):
                raise ValueError(f"list of {len(items)} expected")
            return tuple(d(v) for d, v in zip(items, value, strict=True))
        return fixed
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass_decoder(hint)
    raise TypeError(f"cannot decode {hint}")


def _many_of(kind: type) -> Callable[[Any], Any]:
    """Return a decoder of a tuple of plain values of one type (the commonest field: checked in one pass)."""
    def many(value: Any) -> tuple[Any, ...]:
        if type(value) is not list or not all(type(v) is kind for v in value):
            raise ValueError(f"list of {kind.__name__} expected")
        return tuple(value)
    return many


_DECODERS: dict[type, Callable[[Any], Any]] = {}


def _call(decode: Callable[[Any], Any], value: Any) -> Any:
    return decode(value)


def _dataclass_decoder(kind: type) -> Callable[[Any], Any]:
    if kind in _DECODERS:
        return _DECODERS[kind]
    fields: list[Callable[[Any], Any]] = []

    def build(value: Any) -> Any:
        if type(value) is not list or len(value) != len(fields):
            raise ValueError(f"{kind.__name__}: list of {len(fields)} fields expected")
        return kind(*map(_call, fields, value))
    _DECODERS[kind] = build  # registered before the fields, for self-referring types
    hints = typing.get_type_hints(kind)
    fields.extend(_decoder(hints[f.name]) for f in dataclasses.fields(kind))
    return build


def encode_article(article: Article) -> str:
    """Return the JSON text of one article (raises TypeError for values JSON cannot hold exactly)."""
    return json.dumps(_encode(article), ensure_ascii=False, separators=(",", ":"))


def decode_article(text: str | bytes) -> Article:
    """Rebuild an article from its JSON text; raises ValueError (or TypeError) when it does not fit the model."""
    article: Article = _dataclass_decoder(Article)(json.loads(text))
    return article


@dataclasses.dataclass(frozen=True, slots=True)
class ExtractionCache:
    """A folder of cached extractions, one file per key; every read is checked, every write atomic."""

    folder: Path

    def entry(self, key: str) -> Path:
        """Return the file of one key."""
        return self.folder / f"{key}.json"

    def load(self, key: str) -> Article | None:
        """Return the cached article of `key`, or None when absent, corrupt, truncated or of another format."""
        try:
            text = self.entry(key).read_bytes()
            header, _, body = text.partition(b"\n")
            if header != self._header(key):
                return None
            return decode_article(body)
        except (OSError, ValueError, TypeError, KeyError, IndexError, RecursionError, UnicodeDecodeError):
            return None

    def store(self, key: str, article: Article) -> bool:
        """Write one entry atomically; return False (and write nothing) when it cannot be cached."""
        try:
            body = encode_article(article).encode("utf-8")
        except (TypeError, ValueError):
            return False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".tmp-", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(self._header(key) + b"\n" + body)
                os.replace(temp, self.entry(key))
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError:
            return False
        return True

    def prune(self, keep: Iterable[str]) -> int:
        """Remove entries not in `keep` (seeds deleted or edited since); return how many were removed."""
        wanted = {f"{k}.json" for k in keep}
        removed = 0
        try:
            names = os.listdir(self.folder)
        except OSError:
            return 0
        for name in names:
            if name not in wanted and (name.endswith(".json") or name.startswith(".tmp-")):
                try:
                    os.unlink(self.folder / name)
                    removed += 1
                except OSError:
                    pass
        return removed

    @staticmethod
    def _header(key: str) -> bytes:
        return f"digest-extract {CACHE_FORMAT} {key}".encode()
