"""Public classes show ``stretchkit`` as their module, and a readable signature.

Reprs, the docs and pickles then name ``stretchkit.Stretch``, never a
private module. Annotations are resolved first, in the module that defines
the class: ``typing.get_type_hints`` (which cattrs and other tools call)
looks names up in the module a class says it is from.
"""

from __future__ import annotations

import difflib
import functools
import inspect
import re
import typing
from typing import Final, TypeVar

import attrs

C = TypeVar("C", bound=type)

_UNEXPECTED: Final = re.compile(r"got an unexpected keyword argument '(\w+)'")
_POSITIONAL: Final = re.compile(r"takes \d+ positional arguments? but \d+ (were|was) given")


def public(cls: C) -> C:
    """Mark ``cls`` as part of the public ``stretchkit`` namespace.

    An attrs class also gets a ``__signature__`` that shows each factory
    default as the value it makes (``meta={}``), where attrs' generated
    ``__init__`` says ``meta=NOTHING`` (in ``help()`` and the docs).
    """
    if inspect.get_annotations(cls):
        cls.__annotations__ = typing.get_type_hints(cls)
    cls.__module__ = "stretchkit"
    if attrs.has(cls) and "__init__" in vars(cls):
        cls.__signature__ = _signature(cls)  # type: ignore[attr-defined]
    return cls


def _signature(cls: type) -> inspect.Signature:
    """The constructor's signature without ``self``, factory defaults shown by value."""
    sig = inspect.signature(cls.__init__)  # type: ignore[misc]
    factories = {
        f.alias: f.default.factory
        for f in attrs.fields(cls)
        if isinstance(f.default, attrs.Factory) and not f.default.takes_self  # type: ignore[arg-type]
    }
    params = [
        p.replace(default=factories[p.name]()) if p.name in factories else p
        for p in list(sig.parameters.values())[1:]
    ]
    return sig.replace(parameters=params)


def suggest_keywords(cls: C) -> C:
    """Make a misspelt keyword say which one was meant.

    ``Stretch(nmae="Hug")`` raises ``TypeError: Stretch() got an unexpected
    keyword argument 'nmae'; did you mean 'name'?``. For the classes people
    build by hand; the classes the library builds many of (steps, states,
    cues) keep attrs' ``__init__`` as it is. The happy path costs one plain
    call: the keywords are looked at only when Python has refused them.
    """
    init = cls.__init__  # type: ignore[misc]
    names = tuple(f.alias for f in attrs.fields(cls) if f.init)
    required = [f.alias for f in attrs.fields(cls) if f.init and f.default is attrs.NOTHING]
    example = f"{cls.__name__}({', '.join(f'{n}=...' for n in required or names[:1])})"

    @functools.wraps(init)
    def __init__(self: object, *args: object, **kwargs: object) -> None:  # noqa: N807
        try:
            init(self, *args, **kwargs)
        except TypeError as e:
            # Only errors of the call itself, not raised from inside __init__.
            if e.__traceback__ is None or e.__traceback__.tb_next is not None:
                raise
            found = _UNEXPECTED.search(str(e))
            if found is not None:
                raise TypeError(_unexpected(cls.__name__, found[1], names)) from None
            if _POSITIONAL.search(str(e)):
                msg = f"{cls.__name__}() takes keyword arguments only, e.g. {example}"
                raise TypeError(msg) from None
            raise

    cls.__init__ = __init__  # type: ignore[misc]
    return cls


def _unexpected(cls_name: str, word: str, names: tuple[str, ...]) -> str:
    """The message for an unknown keyword: the nearest one, else all of them."""
    message = f"{cls_name}() got an unexpected keyword argument {word!r}"
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    if close:
        return f"{message}; did you mean {close[0]!r}?"
    return f"{message}; it takes {', '.join(names)}"
