"""A small TOML writer for stretchkit documents (the stdlib only reads TOML).

Documents are plain JSON-like values, so this covers exactly those: tables,
arrays of tables, strings, numbers, booleans and arrays; ``None`` is refused
because TOML has no null.
"""

from __future__ import annotations

import math
import re
from typing import Final

from stretchkit._numbers import describe
from stretchkit.exceptions import ValidationError

_BARE: Final = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES: Final = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_NEEDS_ESCAPE: Final = re.compile(r'["\\\x00-\x1f\x7f]')


def _string(s: str) -> str:
    return '"' + _NEEDS_ESCAPE.sub(lambda m: _ESCAPES.get(m[0], f"\\u{ord(m[0]):04x}"), s) + '"'


def _key(k: str) -> str:
    return k if _BARE.fullmatch(k) else _string(k)


def _value(value: object, path: str) -> str:
    if value is None:
        raise ValidationError([(path, "TOML cannot hold null; remove it or use JSON")])
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError([(path, f"TOML documents hold finite numbers only, got {value!r}")])
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(x, f"{path}[{i}]") for i, x in enumerate(value)) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{_key(k)} = {_value(x, f'{path}.{k}')}" for k, x in value.items())
        return "{" + inner + "}" if inner else "{}"
    raise ValidationError([(path, f"TOML cannot hold {describe(value)}")])


def _is_table_array(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(x, dict) for x in value)


def _table(table: dict[str, object], header: list[str], path: str, lines: list[str]) -> None:
    nested = []
    for k, x in table.items():
        if isinstance(x, dict) or _is_table_array(x):
            nested.append((k, x))
        else:
            lines.append(f"{_key(k)} = {_value(x, f'{path}.{k}')}")
    for k, x in nested:
        name = ".".join(_key(h) for h in [*header, k])
        if isinstance(x, dict):
            lines.extend(("", f"[{name}]"))
            _table(x, [*header, k], f"{path}.{k}", lines)
        else:
            assert isinstance(x, list)  # noqa: S101 - _is_table_array said so
            for i, item in enumerate(x):
                lines.extend(("", f"[[{name}]]"))
                _table(item, [*header, k], f"{path}.{k}[{i}]", lines)


def dumps(document: dict[str, object]) -> str:
    """A document as TOML text.

    Raises:
        ValidationError: A value TOML cannot hold (null), with its path.
    """
    lines: list[str] = []
    _table(document, [], "$", lines)
    return "\n".join(lines) + "\n"
