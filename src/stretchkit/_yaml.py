"""YAML documents, with the optional ``yaml`` extra (PyYAML).

Loaded safely: PyYAML's safe loader (libyaml's ``CSafeLoader`` when PyYAML
has it) builds only plain values, and this loader also refuses duplicate
keys, keys that are not plain values, and anchors/aliases (which could make
a small file expand into a huge one). YAML timestamps and other non-JSON
values reach the strict document loader, which refuses them.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from stretchkit.exceptions import ValidationError

# libyaml's parser when PyYAML was built with it (much faster), else the pure-Python one.
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc]
    """A safe loader refusing duplicate keys, keys that are not plain values, and aliases."""

    def get_single_data(self) -> object:
        node = self.get_single_node()
        if node is None:
            return None
        _refuse_aliases(node)
        return self.construct_document(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            mark = key_node.start_mark
            if not isinstance(key, str | int | float | bool) and key is not None:
                msg = f"a key must be a plain value, got a {type(key).__name__} at line {mark.line + 1}"
                raise yaml.constructor.ConstructorError(None, None, msg, mark)
            if key in seen:
                msg = f"duplicate key {key!r}"
                raise yaml.constructor.ConstructorError(None, None, msg, key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


def _refuse_aliases(root: yaml.Node) -> None:
    """An alias makes one node appear twice in the tree: refuse it before
    anything is built, so a small file cannot expand into a huge one."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if id(node) in seen:
            msg = "anchors and aliases are not allowed in stretchkit documents"
            raise yaml.composer.ComposerError(None, None, msg, node.start_mark)
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            todo.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                todo.extend((key, value))


def _where(mark: yaml.Mark | None) -> str:
    return "" if mark is None else f" at line {mark.line + 1} column {mark.column + 1}"


def _message(e: yaml.YAMLError) -> str:
    """One readable line: the problem and where, then its context and where
    (PyYAML's own text spans lines and quotes the source with a caret)."""
    if isinstance(e, yaml.MarkedYAMLError) and e.problem:
        # libyaml and the pure-Python parser word the same problem apart: say it one way.
        problem = re.sub(r"^did not find expected ", "expected ", e.problem)
        problem = re.sub(r", but (got|found) .*$", "", problem)
        text = f"{problem}{_where(e.problem_mark)}"
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
    except ValueError as e:  # an integer too long to convert, say
        raise ValidationError([("$", f"invalid YAML: {e}")]) from None
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
