"""YAML documents, with the optional ``yaml`` extra (PyYAML).

Loaded safely: PyYAML's ``SafeLoader`` builds only plain values, and this
loader also refuses duplicate keys and anchors/aliases (which could make a
small file expand into a huge one). YAML timestamps and other non-JSON
values reach the strict document loader, which refuses them.
"""

from __future__ import annotations

from typing import Any

import yaml

from stretchkit.exceptions import ValidationError


class _Loader(yaml.SafeLoader):
    """SafeLoader, refusing duplicate keys and aliases."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                msg = f"duplicate key {key!r}"
                raise yaml.constructor.ConstructorError(None, None, msg, key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            msg = "anchors and aliases are not allowed in stretchkit documents"
            raise yaml.composer.ComposerError(None, None, msg, event.start_mark)
        return super().compose_node(parent, index)


def _where(mark: yaml.Mark | None) -> str:
    return "" if mark is None else f" at line {mark.line + 1} column {mark.column + 1}"


def _message(e: yaml.YAMLError) -> str:
    """One readable line: the problem and where, then its context and where
    (PyYAML's own text spans lines and quotes the source with a caret)."""
    if isinstance(e, yaml.MarkedYAMLError) and e.problem:
        text = f"{e.problem}{_where(e.problem_mark)}"
        if e.context:
            text += f" ({e.context}{_where(e.context_mark)})"
        return text
    return "; ".join(line.strip() for line in str(e).splitlines() if line.strip())


def loads(text: str) -> object:
    """Parse YAML text safely into plain values."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as e:
        raise ValidationError([("$", f"invalid YAML: {_message(e)}")]) from None
    except RecursionError:
        raise ValidationError([("$", "invalid YAML: nested too deeply")]) from None


def dumps(document: dict[str, object]) -> str:
    """A document as YAML text (block style, keys in document order).

    Non-ASCII text is written as is when PyYAML reads it back unchanged; some
    characters (NEL, for one) it would not, and then everything non-ASCII is
    escaped instead.
    """
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, default_flow_style=None)
    if loads(text) != document:
        text = yaml.safe_dump(document, sort_keys=False, allow_unicode=False, default_flow_style=None)
    return text
