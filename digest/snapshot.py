"""The builder's snapshot: what one `digest build` process worked out, kept on disk for the next one.

Without it, a new process rebuilding after a one-line edit decodes every cached extraction and assembles the
whole site from nothing. The snapshot holds the builder's extraction results (by cache key), its assembly memo
and its render memo (fingerprints, compiled templates; not the pages nor digest.json's items), pickled in one piece
so that the identities the memos go by hold among the loaded objects (tables keyed by `id()` are re-keyed as
they load). A snapshot only ever saves time: every memo in it checks what it is asked against what it holds.

Loading a pickle runs code, and a project's cache folder may come from elsewhere (a CI cache restored from
another branch), so a snapshot is signed (HMAC-SHA256) with a key kept in the user's own cache folder, outside
the project, and is loaded only when its signature, format and the running program's code all match. Anything
else (no key, another program, a truncated or foreign file) is ignored, and the build works without it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import hmac
import os
import pickle
import secrets
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digest.model import Article

if TYPE_CHECKING:
    from digest.assemble import AssemblyMemo
    from digest.incremental import RenderMemo

SNAPSHOT_FORMAT = 1
"""Bump when what a snapshot holds changes shape."""
_MAGIC = b"digest-snapshot\n"
_KEY_SIZE = 32


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A builder's memory after a build: extraction results by cache key, assembly and render memos."""

    articles: dict[str, Article]
    assembly: AssemblyMemo
    rendering: RenderMemo


def key_file() -> Path:
    """Return where the user's snapshot key is kept: their cache folder, never a project's."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "digest" / "snapshot-key"


def snapshot_key(create: bool) -> bytes | None:
    """Return the user's snapshot key, made (readable by the user only) when missing or malformed and `create`."""
    path = key_file()
    try:
        key = path.read_bytes()
        if len(key) == _KEY_SIZE:
            return key
        malformed = True
    except FileNotFoundError:
        malformed = False
    except OSError:
        return None
    if not create:
        return None
    temp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor, temp = tempfile.mkstemp(prefix="snapshot-key.", dir=path.parent)  # readable by the user only
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secrets.token_bytes(_KEY_SIZE))
        if malformed:
            os.replace(temp, path)
            temp = None
        else:
            os.link(temp, path)  # the key appears whole, or another process's key stays
    except FileExistsError:
        pass
    except OSError:
        return None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    return snapshot_key(create=False)


class _Reducers(dict[type, Any]):
    """Pickler dispatch table that pickles a dataclass as its class and field values (far faster than the
    default for slotted, frozen classes); other types are left to pickle."""

    def __missing__(self, kind: type) -> Any:
        if not dataclasses.is_dataclass(kind) or not all(f.init for f in dataclasses.fields(kind)):
            raise KeyError(kind)
        names = tuple(f.name for f in dataclasses.fields(kind))

        def reduce(value: Any) -> tuple[type, tuple[Any, ...]]:
            return kind, tuple([getattr(value, name) for name in names])

        self[kind] = reduce
        return reduce


def _header(code: str) -> bytes:
    """Return what a snapshot is signed for besides its bytes: its format, the program and the Python running it."""
    return _MAGIC + f"{SNAPSHOT_FORMAT}\0{code}\0{sys.version}\0{pickle.HIGHEST_PROTOCOL}\n".encode()


def save_snapshot(path: Path, snapshot: Snapshot, code: str) -> bool:
    """Write the snapshot signed for the program whose source digest is `code`; on failure, remove the file."""
    key = snapshot_key(create=True)
    if key is None:
        path.unlink(missing_ok=True)
        return False
    temp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        temp = Path(name)  # a name of its own: two builds saving at once do not write into one file
        with os.fdopen(descriptor, "wb") as handle:
            signer = _SigningWriter(handle, hmac.new(key, _header(code), hashlib.sha256))
            handle.write(bytes(signer.signature.digest_size))  # the signature's place, filled in below
            pickler = pickle.Pickler(signer, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.dispatch_table = _Reducers()
            pickler.dump(snapshot)
            handle.seek(0)
            handle.write(signer.signature.digest())
        os.replace(temp, path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        if temp is not None:
            temp.unlink(missing_ok=True)
        path.unlink(missing_ok=True)
        return False
    return True


class _SigningWriter:
    """A file-like sink that signs what it writes on its way to the file."""

    def __init__(self, handle: Any, signature: hmac.HMAC) -> None:
        self.handle, self.signature = handle, signature

    def write(self, data: bytes) -> int:
        """Sign and write one chunk."""
        self.signature.update(data)
        return int(self.handle.write(data))


def load_snapshot(path: Path, code: str) -> Snapshot | None:
    """Return the snapshot at `path` when this user's key signed it for this program; else None."""
    key = snapshot_key(create=False)
    if key is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    signature = hmac.new(key, _header(code), hashlib.sha256)
    size = signature.digest_size
    view = memoryview(data)
    signature.update(view[size:])
    if len(data) <= size or not hmac.compare_digest(signature.digest(), data[:size]):
        return None
    enabled = gc.isenabled()
    gc.disable()  # a million objects, none of them garbage: no collection needs to walk them as they load
    try:
        loaded = pickle.loads(view[size:])
    except Exception:  # a signed snapshot of another shape (a class renamed since) is only a miss
        return None
    finally:
        if enabled:
            gc.enable()
    return loaded if isinstance(loaded, Snapshot) else None
