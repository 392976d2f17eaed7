"""The cattrs converter: strict, and knowing every stretchkit type.

Built by :func:`make_converter`, configured by :func:`configure_converter`
(as ``cattrs.preconf`` does); never cattrs' global converter. Its hooks
(un)structure document bodies, without the header.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import cattrs

from stretchkit._documents import DOCUMENTS, read_body, write_body
from stretchkit._model import Pose
from stretchkit._numbers import describe
from stretchkit._range import Range
from stretchkit.exceptions import ValidationError


def _strict(kind: type) -> Callable[[object, type], object]:
    def hook(value: object, _: type) -> object:
        if isinstance(value, bool) and kind is not bool:
            raise ValidationError([("$", f"expected {kind.__name__}, got bool")])
        ok = (
            isinstance(value, int | float) and not isinstance(value, bool)
            if kind is float
            else isinstance(value, kind)
        )
        if not ok:
            raise ValidationError([("$", f"expected {kind.__name__}, got {describe(value)}")])
        return float(value) if kind is float else value  # type: ignore[arg-type]

    return hook


def configure_converter(conv: cattrs.Converter) -> None:
    """Register stretchkit's strict hooks on a cattrs converter.

    Primitives are strict (no ``int("30")``, no ``True`` for 1), and every
    stretchkit type is (un)structured as its document body.
    """
    for kind in (int, float, str, bool):
        conv.register_structure_hook(kind, _strict(kind))
    for cls in (*DOCUMENTS, Pose, Range):
        conv.register_unstructure_hook(cls, write_body)
        conv.register_structure_hook(cls, read_body)


def make_converter() -> cattrs.Converter:
    """A new cattrs converter configured for stretchkit."""
    conv = cattrs.Converter(forbid_extra_keys=True)
    configure_converter(conv)
    return conv


#: The configured converter, for apps that extend it (never cattrs' global one).
converter: Final = make_converter()
