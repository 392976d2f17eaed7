"""Document text: JSON, TOML and YAML, and files chosen by their suffix.

Everything here turns text into plain values (strictly) and hands them to
:func:`stretchkit._documents.from_dict`, or the other way round. :data:`FORMATS`
is the one table of file suffixes.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Final, cast, overload

from stretchkit._catalog import Catalog
from stretchkit._documents import DOCUMENTS, Doc, document_type, from_dict, to_dict
from stretchkit._fields import JSON
from stretchkit._model import Pose, Routine, Stretch
from stretchkit._numbers import describe
from stretchkit._range import Range
from stretchkit._timeline import Timeline
from stretchkit.exceptions import MissingFileError, ValidationError

#: The largest document accepted, in characters of text.
MAX_DOCUMENT_CHARS: Final = 512 * 1024 * 1024

Document = Stretch | Routine | Timeline | Catalog


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


def to_json(obj: Document | Pose | Range, indent: int | None = None) -> str:
    """An object as JSON text (compact unless ``indent`` is given); see :func:`to_dict`.

    >>> import stretchkit as sk
    >>> sk.to_json(sk.Range(20, 30))
    '[20,30]'
    """
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(to_dict(obj), ensure_ascii=False, allow_nan=False, indent=indent, separators=separators)


@overload
def from_json(cls: type[Doc], text: str | bytes, catalog: Catalog | None = None) -> Doc: ...
@overload
def from_json(cls: type[object], text: str | bytes, catalog: Catalog | None = None) -> object: ...
def from_json(cls: type[object], text: str | bytes, catalog: Catalog | None = None) -> object:
    """Load an object from JSON text; see :func:`from_dict`.

    Raises:
        ValidationError: The text is not strict JSON, or the document is invalid.
        UnknownStretchError: When the only problems are unknown refs.
    """
    return from_dict(cls, parse_json(text), catalog)


def _document(obj: object, what: str) -> JSON:
    if type(obj) not in DOCUMENTS:
        names = ", ".join(dt.name for dt in DOCUMENTS.values())
        raise ValidationError([("$", f"{what} holds only documents ({names}), got {describe(obj)}")])
    return cast(JSON, to_dict(obj))  # type: ignore[arg-type]


def to_toml(obj: Document) -> str:
    """A document as TOML text; see :func:`to_dict`.

    Raises:
        ValidationError: ``meta`` holds a value TOML cannot (null), or ``obj``
            is not a document type.
    """
    from stretchkit._toml import dumps  # noqa: PLC0415

    return dumps(_document(obj, "TOML"))


@overload
def from_toml(cls: type[Doc], text: str | bytes, catalog: Catalog | None = None) -> Doc: ...
@overload
def from_toml(cls: type[object], text: str | bytes, catalog: Catalog | None = None) -> object: ...
def from_toml(cls: type[object], text: str | bytes, catalog: Catalog | None = None) -> object:
    """Load a document from TOML text; see :func:`from_dict`."""
    return from_dict(cls, parse_toml(text), catalog)


def _to_yaml(obj: Document) -> str:
    dumps: Callable[[JSON], str] = _yaml().dumps
    return dumps(_document(obj, "YAML"))


def _to_json_file(obj: Document) -> str:
    return to_json(obj, indent=2) + "\n"


#: File formats by suffix: how to parse the text, and how to write it.
FORMATS: Final[dict[str, tuple[Callable[[str | bytes], object], Callable[[Document], str]]]] = {
    ".json": (parse_json, _to_json_file),
    ".toml": (parse_toml, to_toml),
    ".yaml": (parse_yaml, _to_yaml),
    ".yml": (parse_yaml, _to_yaml),
}


def _format(path: Path) -> tuple[Callable[[str | bytes], object], Callable[[Document], str]]:
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        shown = path.suffix.lower() or "(no suffix)"
        raise ValidationError([(str(path), f"unknown format {shown!r}; use .json, .toml or .yaml")])
    return found


def load(path: str | Path, catalog: Catalog | None = None) -> Document:
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
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise MissingFileError(str(path)) from None
    except OSError as e:
        raise ValidationError([(str(path), f"cannot read: {e.strerror or e}")]) from None
    data = parse(raw)
    return cast(Document, from_dict(document_type(data).cls, data, catalog))


def dump(obj: Document, path: str | Path) -> None:
    """Write a document file; its suffix (``.json``, ``.toml``, ``.yaml``) picks the format."""
    path = Path(path)
    _, write = _format(path)
    path.write_text(write(obj), encoding="utf-8")
