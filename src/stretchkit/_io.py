"""Document text: JSON, TOML and YAML, and files chosen by suffix.

Everything here turns text into plain values (strictly) and hands them to
:func:`stretchkit._documents.from_dict`, or the other way round.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any, Final, cast, overload

from stretchkit._catalog import Catalog
from stretchkit._documents import DOC_TYPES, Doc, from_dict, to_dict
from stretchkit._model import Pose, Routine, Stretch
from stretchkit._range import Range, describe
from stretchkit._structure import JSON
from stretchkit._timeline import Timeline
from stretchkit.exceptions import ValidationError

__all__ = ["dump", "from_json", "from_toml", "load", "parse_json", "to_json", "to_toml"]

#: The largest document text accepted, in characters.
MAX_TEXT: Final = 512 * 1024 * 1024


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
            raise ValidationError([f"$: not UTF-8 text: {e.reason} at byte {e.start}"]) from None
    if not isinstance(text, str):
        raise ValidationError([f"$: expected {what} text, got {describe(text)}"])
    if len(text) > MAX_TEXT:
        raise ValidationError([f"$: document too large ({len(text)} characters, at most {MAX_TEXT})"])
    return text


def parse_json(text: str | bytes) -> object:
    """Strict JSON: no NaN or Infinity, no out-of-range numbers, no duplicate keys."""
    text = _as_text(text, "JSON")
    try:
        # 1e400 loads as inf; the document checks refuse it like any non-finite number.
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_pairs)
    except json.JSONDecodeError as e:
        raise ValidationError([f"$: invalid JSON: {e.msg} at line {e.lineno} column {e.colno}"]) from None
    except ValueError as e:
        raise ValidationError([f"$: invalid JSON: {e}"]) from None
    except RecursionError:
        raise ValidationError(["$: invalid JSON: nested too deeply"]) from None


def to_json(obj: Stretch | Routine | Timeline | Catalog | Pose | Range, indent: int | None = None) -> str:
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


def to_toml(obj: Stretch | Routine | Timeline | Catalog) -> str:
    """A document as TOML text; see :func:`to_dict`.

    Raises:
        ValidationError: ``meta`` holds a value TOML cannot (null), or ``obj``
            is not a document type.
    """
    from stretchkit._toml import dumps  # noqa: PLC0415

    if type(obj) not in DOC_TYPES:
        raise ValidationError(
            [f"$: TOML holds only documents (stretch, routine, timeline, catalog), got {describe(obj)}"]
        )
    return dumps(cast(JSON, to_dict(obj)))


@overload
def from_toml(cls: type[Doc], text: str | bytes, catalog: Catalog | None = None) -> Doc: ...
@overload
def from_toml(cls: type[object], text: str | bytes, catalog: Catalog | None = None) -> object: ...
def from_toml(cls: type[object], text: str | bytes, catalog: Catalog | None = None) -> object:
    """Load a document from TOML text; see :func:`from_dict`."""
    text = _as_text(text, "TOML")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ValidationError([f"$: invalid TOML: {e}"]) from None
    except RecursionError:
        raise ValidationError(["$: invalid TOML: nested too deeply"]) from None
    return from_dict(cls, data, catalog)


_SUFFIXES: Final = (".json", ".toml", ".yaml", ".yml")


def _yaml() -> Any:
    try:
        from stretchkit import _yaml  # noqa: PLC0415
    except ImportError:
        msg = "YAML needs the optional extra: pip install 'stretchkit[yaml]'"
        raise ValidationError([f"$: {msg}"]) from None
    return _yaml


def _check_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in _SUFFIXES:
        shown = suffix or "(no suffix)"
        raise ValidationError([f"{path}: unknown format {shown!r}; use .json, .toml or .yaml"])
    return suffix


def _document_type(data: object) -> type:
    found = data.get("type") if isinstance(data, dict) else None
    for cls, name in DOC_TYPES.items():
        if name == found:
            return cls
    choices = ", ".join(repr(n) for n in DOC_TYPES.values())
    raise ValidationError([f"$.type: expected one of {choices}, got {describe(found)}"])


def load(path: str | Path, catalog: Catalog | None = None) -> Stretch | Routine | Timeline | Catalog:
    """Load a document file; its suffix (``.json``, ``.toml``, ``.yaml``) picks the format.

    YAML needs the optional ``yaml`` extra and is loaded safely (plain values
    only, no duplicate keys, no aliases).

    The document's ``"type"`` decides what comes back.

    Raises:
        ValidationError: Unknown suffix, unreadable file or invalid document.
        UnknownStretchError: When the only problems are unknown refs.
    """
    path = Path(path)
    suffix = _check_suffix(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ValidationError([f"{path}: cannot read: {e.strerror or e}"]) from None
    if suffix == ".json":
        data = parse_json(raw)
    elif suffix == ".toml":
        try:
            data = tomllib.loads(_as_text(raw, "TOML"))
        except tomllib.TOMLDecodeError as e:
            raise ValidationError([f"{path}: invalid TOML: {e}"]) from None
    else:
        data = _yaml().loads(_as_text(raw, "YAML"))
    return cast(Stretch | Routine | Timeline | Catalog, from_dict(_document_type(data), data, catalog))


def dump(obj: Stretch | Routine | Timeline | Catalog, path: str | Path) -> None:
    """Write a document file; its suffix (``.json``, ``.toml``, ``.yaml``) picks the format."""
    path = Path(path)
    suffix = _check_suffix(path)
    if suffix == ".json":
        text = to_json(obj, indent=2) + "\n"
    elif suffix == ".toml":
        text = to_toml(obj)
    else:
        text = _yaml().dumps(cast(JSON, to_dict(obj)))
    path.write_text(text, encoding="utf-8")
