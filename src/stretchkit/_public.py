"""Public classes show ``stretchkit`` as their module, and a readable signature.

Reprs, the docs and pickles then name ``stretchkit.Stretch``, never a
private module. Annotations are resolved first, in the module that defines
the class: ``typing.get_type_hints`` (which cattrs and other tools call)
looks names up in the module a class says it is from.
"""

from __future__ import annotations

import functools
import inspect
import linecache
import re
import typing
from collections.abc import Callable
from typing import Final, NoReturn, TypeVar

import attrs

C = TypeVar("C", bound=type)

_UNEXPECTED: Final = r"got an unexpected keyword argument '(\w+)'"
_POSITIONAL: Final = r"takes \d+ positional arguments? but \d+ (were|was) given"


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

    ``Stretch(nmae="Hug", hold=30)`` raises ``TypeError: Stretch() got an
    unexpected keyword argument 'nmae'; did you mean 'name'?``, and
    ``Stretch("Hug")`` says that it takes keywords only. For the classes
    people build by hand.

    It costs nothing when the keywords are right: attrs' generated
    ``__init__`` (whose source attrs keeps, for tracebacks) is compiled again
    with catch-alls for stray arguments and a marker default for the required
    ones, all checked by one ``if`` before attrs' own lines; no call is added.
    Where that source is not to be had, a wrapper does it at the cost of a call.
    """
    init = cls.__init__  # type: ignore[misc]
    fields = [f for f in attrs.fields(cls) if f.init]
    names = tuple(f.alias for f in fields)
    required = [f.alias for f in fields if f.default is attrs.NOTHING]
    example = f"{cls.__name__}({', '.join(f'{n}=...' for n in required or names[:1])})"

    def refuse(args: tuple[object, ...], kwargs: dict[str, object], given: tuple[object, ...]) -> NoReturn:
        """The first thing wrong with a call: a stray keyword, positions, or missing keywords."""
        if kwargs:
            raise TypeError(_unexpected(cls.__name__, next(iter(kwargs)), names))
        if args:
            msg = f"{cls.__name__}() takes keyword arguments only, e.g. {example}"
            raise TypeError(msg)
        missing = [f"{n!r}" for n, value in zip(required, given, strict=True) if value is _MISSING]
        listed = " and ".join([", ".join(missing[:-1]), missing[-1]] if len(missing) > 1 else missing)
        plural = "s" if len(missing) > 1 else ""
        msg = f"{cls.__name__}() missing {len(missing)} required keyword argument{plural}: {listed}"
        raise TypeError(msg)

    cls.__init__ = _recompiled(init, refuse, required) or _wrapped(init, refuse)  # type: ignore[misc]
    return cls


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<required>"


_MISSING: Final = _Missing()


def _recompiled(
    init: Callable[..., None], refuse: Callable[..., NoReturn], required: list[str]
) -> Callable[..., None] | None:
    """attrs' ``__init__``, compiled again to refuse with a hint what its own signature would.

    attrs registers the source of the methods it writes with ``linecache``
    (for tracebacks); without it, or in a shape not expected, None.
    """
    code = getattr(init, "__code__", None)
    lines = linecache.getlines(code.co_filename) if code is not None else []
    first = code.co_firstlineno - 1 if code is not None else len(lines)
    if first >= len(lines):
        return None
    head, block = lines[first].rstrip("\n"), []
    for line in lines[first + 1 :]:  # the function's lines (attrs' script holds its other methods too)
        if line.strip() and not line[0].isspace():
            break
        block.append(line)
    body = "".join(block)
    start, end = "def __init__(self, *, ", "):"
    if init.__closure__ or not head.startswith(start) or not head.endswith(end):
        return None
    params = head.removeprefix(start).removesuffix(end).split(", ")
    if [p for p in params if "=" not in p] != required:  # not the shape expected: keep to the wrapper
        return None
    marked = ", ".join(p if "=" in p else f"{p}=_stretchkit_missing" for p in params)
    given = "".join(f"{n}, " for n in required)
    check = " or ".join(
        ["_stretchkit_args", "_stretchkit_kwargs", *(f"{n} is _stretchkit_missing" for n in required)]
    )
    source = (
        f"def __init__(self, *_stretchkit_args, {marked}, **_stretchkit_kwargs):\n"
        f"    if {check}:\n"
        f"        _stretchkit_refuse(_stretchkit_args, _stretchkit_kwargs, ({given}))\n{body}"
    )
    globs = init.__globals__  # attrs' own namespace for this class's methods
    globs.update(_stretchkit_refuse=refuse, _stretchkit_missing=_MISSING)
    filename = f"<stretchkit keyword hints for {init.__qualname__}>"
    namespace: dict[str, object] = {}
    exec(compile(source, filename, "exec"), globs, namespace)  # noqa: S102 - attrs' own code, with the check
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    new: Callable[..., None] = namespace["__init__"]  # type: ignore[assignment]
    functools.update_wrapper(new, init)
    new.__signature__ = inspect.signature(init)  # type: ignore[attr-defined]  # attrs', as documented
    return new


def _wrapped(init: Callable[..., None], refuse: Callable[..., NoReturn]) -> Callable[..., None]:
    @functools.wraps(init)
    def __init__(self: object, *args: object, **kwargs: object) -> None:  # noqa: N807
        try:
            init(self, *args, **kwargs)
        except TypeError as e:
            # Only errors of the call itself, not raised from inside __init__.
            if e.__traceback__ is None or e.__traceback__.tb_next is not None:
                raise
            found = re.search(_UNEXPECTED, str(e))
            if found is not None:
                refuse((), {found[1]: None}, ())
            if re.search(_POSITIONAL, str(e)):
                refuse(args, {}, ())
            raise

    return __init__


def _unexpected(cls_name: str, word: str, names: tuple[str, ...]) -> str:
    """The message for an unknown keyword: the nearest one, else all of them."""
    import difflib  # noqa: PLC0415 - only on an error: `import stretchkit` stays light

    message = f"{cls_name}() got an unexpected keyword argument {word!r}"
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    if close:
        return f"{message}; did you mean {close[0]!r}?"
    return f"{message}; it takes {', '.join(names)}"
