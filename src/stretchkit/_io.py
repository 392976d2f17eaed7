"""Document text: JSON, TOML and YAML, and files chosen by their suffix.

Everything here turns text into plain values (strictly) and hands them to
:func:`stretchkit._documents.from_dict`, or the other way round. :data:`FORMATS`
is the one table of file suffixes.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Final, cast, overload

from stretchkit._catalog import Catalog
from stretchkit._documents import DOCUMENTS, Doc, document_type, from_dict, to_dict
from stretchkit._fields import JSON
from stretchkit._journal import Journal, SessionRecord
from stretchkit._languages import DEFAULT, check_language
from stretchkit._model import Pose, Routine, Stretch
from stretchkit._numbers import describe
from stretchkit._program import Program
from stretchkit._range import Range
from stretchkit._timeline import Timeline
from stretchkit._timeline_document import timeline_json
from stretchkit.exceptions import FileError, MissingFileError, ValidationError

#: The largest document accepted, in characters of text, and a file's size in bytes.
MAX_DOCUMENT_CHARS: Final = 512 * 1024 * 1024
MAX_DOCUMENT_BYTES: Final = 512 * 1024 * 1024

#: How long :func:`append_record` waits for another process's lock, in seconds.
LOCK_TIMEOUT: Final = 10.0

#: Lock with ``fcntl.flock`` (freed by the system when a process dies) where
#: there is one; elsewhere with a lock file created with ``O_CREAT | O_EXCL``.
USE_FLOCK = sys.platform != "win32"

Document = Stretch | Routine | Timeline | Catalog | Program | Journal | SessionRecord


def _reject_constant(name: str) -> float:
    msg = f"{name} is not a number stretchkit accepts"
    raise ValueError(msg)


def _pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        dup = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        msg = f"duplicate key {dup!r}"
        raise ValueError(msg)
    return out


def _as_text(text: object, what: str) -> str:
    """Text from ``str`` or UTF-8 ``bytes``, within the size limit."""
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as e:
            raise ValidationError([("$", f"not UTF-8 text: {e.reason} at byte {e.start}")]) from None
    if not isinstance(text, str):
        raise ValidationError([("$", f"expected {what} text, got {describe(text)}")])
    if len(text) > MAX_DOCUMENT_CHARS:
        raise ValidationError(
            [("$", f"document too large ({len(text)} characters, at most {MAX_DOCUMENT_CHARS})")]
        )
    return text


def parse_json(text: str | bytes) -> object:
    """Strict JSON: no NaN or Infinity, no duplicate keys."""
    text = _as_text(text, "JSON")
    try:
        # 1e400 loads as inf; the document checks refuse it like any non-finite number.
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_pairs)
    except json.JSONDecodeError as e:
        raise ValidationError([("$", f"invalid JSON: {e.msg} at line {e.lineno} column {e.colno}")]) from None
    except ValueError as e:
        raise ValidationError([("$", f"invalid JSON: {e}")]) from None
    except RecursionError:
        raise ValidationError([("$", "invalid JSON: nested too deeply")]) from None


def parse_toml(text: str | bytes) -> object:
    """TOML text as plain values."""
    text = _as_text(text, "TOML")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        # "Invalid value (at line 3, column 8)" -> "Invalid value at line 3 column 8", as for JSON.
        message = re.sub(r" \(at line (\d+), column (\d+)\)$", r" at line \1 column \2", str(e))
        raise ValidationError([("$", f"invalid TOML: {message}")]) from None
    except RecursionError:
        raise ValidationError([("$", "invalid TOML: nested too deeply")]) from None
    except ValueError as e:  # an integer too long to convert, say
        raise ValidationError([("$", f"invalid TOML: {e}")]) from None


def _yaml() -> ModuleType:
    try:
        from stretchkit import _yaml  # noqa: PLC0415
    except ImportError:
        msg = "YAML needs the optional extra: pip install 'stretchkit[yaml]'"
        raise ValidationError([("$", msg)]) from None
    return _yaml


def parse_yaml(text: str | bytes) -> object:
    """YAML text as plain values, loaded safely (needs the ``yaml`` extra)."""
    loads: Callable[[str], object] = _yaml().loads
    return loads(_as_text(text, "YAML"))


def to_json(obj: Document | Pose | Range, indent: int | None = None, *, language: str = DEFAULT) -> str:
    """An object as JSON text (compact unless ``indent`` is given); see :func:`to_dict`.

    ``language`` is that of a timeline document's labels and cues.

    >>> import stretchkit as sk
    >>> sk.to_json(sk.Range(20, 30))
    '[20,30]'
    """
    if indent is None and type(obj) is Timeline:  # the common case, written faster (same text)
        dt = DOCUMENTS[Timeline]
        return timeline_json(obj, check_language(language), {"stretchkit": dt.version, "type": dt.name})
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(
        to_dict(obj, language=language),
        ensure_ascii=False,
        allow_nan=False,
        indent=indent,
        separators=separators,
    )


@overload
def from_json(
    cls: type[Doc], text: str | bytes, catalog: Catalog | None = None, *, max_steps: int = 1_000_000
) -> Doc: ...
@overload
def from_json(
    cls: type[object], text: str | bytes, catalog: Catalog | None = None, *, max_steps: int = 1_000_000
) -> object: ...
def from_json(
    cls: type[object], text: str | bytes, catalog: Catalog | None = None, *, max_steps: int = 1_000_000
) -> object:
    """Load an object from JSON text; see :func:`from_dict`.

    Raises:
        ValidationError: The text is not strict JSON, or the document is invalid.
        UnknownStretchError: When the only problems are unknown refs.
    """
    return from_dict(cls, parse_json(text), catalog, max_steps=max_steps)


def _document(obj: object, what: str, language: str) -> JSON:
    if type(obj) not in DOCUMENTS:
        names = ", ".join(dt.name for dt in DOCUMENTS.values())
        raise ValidationError([("$", f"{what} holds only documents ({names}), got {describe(obj)}")])
    return cast(JSON, to_dict(obj, language=language))  # type: ignore[arg-type]


def to_toml(obj: Document, *, language: str = DEFAULT) -> str:
    """A document as TOML text; see :func:`to_dict`.

    ``language`` is that of a timeline document's labels and cues.

    Raises:
        ValidationError: ``meta`` holds a value TOML cannot (null), ``obj``
            is not a document type, or ``language`` is not one of ``languages()``.
    """
    from stretchkit._toml import dumps  # noqa: PLC0415

    return dumps(_document(obj, "TOML", language))


@overload
def from_toml(
    cls: type[Doc], text: str | bytes, catalog: Catalog | None = None, *, max_steps: int = 1_000_000
) -> Doc: ...
@overload
def from_toml(
    cls: type[object], text: str | bytes, catalog: Catalog | None = None, *, max_steps: int = 1_000_000
) -> object: ...
def from_toml(
    cls: type[object], text: str | bytes, catalog: Catalog | None = None, *, max_steps: int = 1_000_000
) -> object:
    """Load a document from TOML text; see :func:`from_dict`."""
    return from_dict(cls, parse_toml(text), catalog, max_steps=max_steps)


def _to_yaml(obj: Document, language: str) -> str:
    dumps: Callable[[JSON], str] = _yaml().dumps
    return dumps(_document(obj, "YAML", language))


def _to_json_file(obj: Document, language: str) -> str:
    return to_json(obj, indent=2, language=language) + "\n"


def _to_toml_file(obj: Document, language: str) -> str:
    return to_toml(obj, language=language)


Writer = Callable[[Document, str], str]

#: File formats by suffix: how to parse the text, and how to write it (in a language).
FORMATS: Final[dict[str, tuple[Callable[[str | bytes], object], Writer]]] = {
    ".json": (parse_json, _to_json_file),
    ".toml": (parse_toml, _to_toml_file),
    ".yaml": (parse_yaml, _to_yaml),
    ".yml": (parse_yaml, _to_yaml),
}


def _format(path: Path) -> tuple[Callable[[str | bytes], object], Writer]:
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        shown = path.suffix.lower() or "(no suffix)"
        raise ValidationError([(str(path), f"unknown format {shown!r}; use .json, .toml or .yaml")])
    return found


def load(path: str | Path, catalog: Catalog | None = None, *, max_steps: int = 1_000_000) -> Document:
    """Load a document file; its suffix (``.json``, ``.toml``, ``.yaml``) picks the format.

    YAML needs the optional ``yaml`` extra and is loaded safely (plain values
    only, no duplicate keys, no aliases). The document's ``"type"`` decides
    what comes back.

    Raises:
        MissingFileError: There is no such file (also a ``FileNotFoundError``).
        ValidationError: Unknown suffix, unreadable file or invalid document.
        UnknownStretchError: When the only problems are unknown refs.
    """
    path = Path(path)
    parse, _ = _format(path)
    data = parse(read_limited(path, MAX_DOCUMENT_BYTES))
    return cast(Document, from_dict(document_type(data).cls, data, catalog, max_steps=max_steps))


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    The file's type and size are checked before anything is read, on the
    file actually opened (a FIFO named ``x.json`` does not block, a link to
    ``/dev/zero`` is refused at once), and at most ``limit + 1`` bytes are
    ever read.

    Raises:
        MissingFileError: There is no such file.
        ValidationError: It cannot be read, is not a regular file, or is too large.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise MissingFileError(str(path)) from None
    except OSError as e:
        raise ValidationError([(str(path), f"cannot read: {e.strerror or e}")]) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a FIFO or a device?)"
            raise ValidationError([(str(path), f"cannot read: {kind}")])
        if info.st_size > limit:
            raise ValidationError([(str(path), f"too large: {info.st_size} bytes, at most {limit}")])
        chunks, size = [], 0
        while size <= limit:  # read() may return less than asked: read to the end, or one byte past the limit
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        data = b"".join(chunks)
    except OSError as e:
        raise ValidationError([(str(path), f"cannot read: {e.strerror or e}")]) from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while being read
        raise ValidationError([(str(path), f"too large: more than {limit} bytes")])
    return data


def dump(obj: Document, path: str | Path, *, language: str = DEFAULT) -> None:
    """Write a document file; its suffix (``.json``, ``.toml``, ``.yaml``) picks the format.

    ``language`` is that of a timeline document's labels and cues.

    The file is written atomically: the text goes to a temporary file in the
    same folder, which is flushed and synced to disk, then renamed over
    ``path``. A crash or an error while writing leaves the old file whole
    (and no temporary file behind): what matters most for a journal.

    Raises:
        ValidationError: Unknown suffix, or a value the format cannot hold.
        StretchkitError: The file cannot be written (it is also an ``OSError``).
    """
    path = Path(path)
    _, write = _format(path)
    data = write(obj, language).encode("utf-8")  # every problem of the document before touching the disk
    write_atomically(path, data)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once, or not at all.

    Raises:
        StretchkitError: The file cannot be written (it is also an ``OSError``).
    """
    folder = path.parent
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, removed on failure
            dir=folder, prefix=f".{path.name}.", suffix=".tmp", delete=False
        )
    except OSError as e:
        raise FileError(f"cannot write {path}: {e.strerror or e}", e) from None
    temporary = Path(handle.name)
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException as e:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(e, OSError):
            raise FileError(f"cannot write {path}: {e.strerror or e}", e) from None
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable, where the system allows it (not on Windows)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# -- journals: read, and append a record under a lock -------------------------


def read_journal(path: str | Path) -> Journal:
    """The journal in the file ``path``; an empty journal when there is no such file.

    Raises:
        ValidationError: Unknown suffix, unreadable file, invalid document,
            or a document that is not a journal.
    """
    path = Path(path)
    _format(path)
    if not os.path.lexists(path):
        return Journal()
    found = load(path)
    if not isinstance(found, Journal):
        kind = DOCUMENTS[type(found)].name
        raise ValidationError([(str(path), f"holds a {kind} document, not a journal")])
    return found


def append_record(path: str | Path, record: SessionRecord, *, timeout: float = LOCK_TIMEOUT) -> Journal:
    """Add ``record`` to the journal file ``path`` (created when missing).

    The file is read, the record added and the file written (atomically, as
    :func:`dump` does) under an exclusive lock, so that processes appending
    at the same time each add their record and none is lost. A file that
    does not load as a journal is never overwritten: the error says why.

    Args:
        path: The journal file (``.json``, ``.toml`` or ``.yaml``).
        record: What to add.
        timeout: Seconds to wait for another process holding the lock.

    Returns:
        The journal as written.

    Raises:
        ValidationError: ``record`` is not a ``SessionRecord``, or the file
            is not a valid journal document.
        StretchkitError: The lock was not had within ``timeout`` seconds, or
            the file cannot be written (both are also ``OSError``).
    """
    path = Path(path)
    _format(path)
    if not isinstance(record, SessionRecord):
        raise ValidationError([("record", f"expected a SessionRecord, got {describe(record)}")])
    with locked(path, timeout=timeout):
        journal = read_journal(path).add(record)
        dump(journal, path)
    return journal


@contextlib.contextmanager
def locked(path: Path, *, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (its lock file is ``path`` + ``.lock``).

    Raises:
        StretchkitError: Not had within ``timeout`` seconds, or the lock
            file cannot be made (also an ``OSError``).
    """
    lock = path.with_name(path.name + ".lock")
    deadline = time.monotonic() + timeout
    fd = _lock_flock(path, lock, deadline) if USE_FLOCK else _lock_exclusive(path, lock, deadline)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()  # while still holding it: see _lock_flock
        os.close(fd)  # frees a flock


def _wait(path: Path, lock: Path, deadline: float, pause: float) -> float:
    """Sleep a little before trying again; raise once the deadline has passed."""
    if time.monotonic() >= deadline:
        msg = (
            f"cannot write {path}: another process is writing it (its lock {lock.name} was not freed in time)"
        )
        if not USE_FLOCK:
            msg += f"; if none is, delete {lock}"
        raise FileError(msg)
    time.sleep(pause)
    return min(pause * 2, 0.05)


def _lock_flock(path: Path, lock: Path, deadline: float) -> int:
    import fcntl  # noqa: PLC0415 - POSIX only

    pause = 0.001
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as e:
            raise FileError(f"cannot lock {path}: {e.strerror or e}", e) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            pause = _wait(path, lock, deadline, pause)
            continue
        except OSError as e:
            os.close(fd)
            raise FileError(f"cannot lock {path}: {e.strerror or e}", e) from None
        # The holder before us removes the lock file before freeing it; if we
        # locked a removed file, another process may hold a new one: try again.
        try:
            if os.path.samestat(os.fstat(fd), os.stat(lock)):
                return fd
        except OSError:
            pass
        os.close(fd)


def _lock_exclusive(path: Path, lock: Path, deadline: float) -> int:
    pause = 0.001
    while True:
        try:
            return os.open(lock, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pause = _wait(path, lock, deadline, pause)
        except OSError as e:
            raise FileError(f"cannot lock {path}: {e.strerror or e}", e) from None
