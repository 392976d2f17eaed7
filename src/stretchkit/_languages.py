"""Languages: which there are, and filling their templates.

The texts themselves are in :mod:`stretchkit._texts`. Numbers are written as
the language writes them (``2,5`` in German, Spanish and French) and choose
the plural form of a template: English, German and Spanish use the singular
for exactly 1, French for 0 <= n < 2 (``1,5 seconde``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final, TypeAlias

from stretchkit._numbers import clock_text, describe
from stretchkit._texts import TEXTS, Template
from stretchkit.exceptions import ValidationError

#: The languages, in the order the docs list them; English is the default.
LANGUAGES: Final = tuple(TEXTS)
DEFAULT: Final = "en"

#: Templates replacing some of a language's, or a callable ``(key, fields) -> text``.
Texts: TypeAlias = Mapping[str, str] | Callable[[str, Mapping[str, object]], str]

_COUNTS: Final = ("seconds", "count", "n")  # the fields a plural form is chosen by


def languages() -> tuple[str, ...]:
    """The languages stretchkit speaks: ``("en", "de", "es", "fr")``.

    >>> import stretchkit as sk
    >>> sk.languages()
    ('en', 'de', 'es', 'fr')
    """
    return LANGUAGES


def language_problem(value: object) -> str | None:
    """Why ``value`` is not one of :func:`languages`, or None."""
    if isinstance(value, str) and value in TEXTS:
        return None
    known = ", ".join(repr(code) for code in LANGUAGES)
    return f"expected one of {known}, got {describe(value)}"


def check_language(value: object) -> str:
    """``value`` if it is a language, else raise ``ValidationError`` naming them."""
    problem = language_problem(value)
    if problem is not None:
        raise ValidationError([("language", problem)])
    return value  # type: ignore[return-value]


def number_text(value: object, language: str) -> str:
    """A number as ``language`` writes it: ``2.5`` or ``2,5``; whole numbers bare."""
    if isinstance(value, float):  # whole values bare; others as short as exact
        text = str(int(value)) if value.is_integer() else repr(value)
    else:
        text = str(value)
    return text if language == "en" else text.replace(".", ",")


def clock_in(seconds: float, language: str) -> str:
    """``h:mm:ss`` or ``m:ss``, with milliseconds only when there are any,
    as ``language`` writes them (``1:05.250``, ``1:05,250``)."""
    text = clock_text(seconds)
    return text if language == "en" else text.replace(".", ",")


def plural(language: str, n: float) -> str:
    """``"one"`` or ``"other"``: the form a count takes in ``language``."""
    if language == "fr":
        return "one" if 0 <= n < 2 else "other"
    return "one" if n == 1 else "other"


def template(language: str, key: str) -> Template:
    return TEXTS[language][key]


def fill(language: str, key: str, table: Mapping[str, Template] | None = None, **fields: object) -> str:
    """The text of ``key`` in ``language``, its fields filled in.

    Numbers among ``fields`` are written as the language writes them, and
    the first of ``seconds``, ``count`` or ``n`` chooses the plural form.
    ``table`` replaces the language's templates (an app's own wording).
    """
    found = (table or TEXTS[language])[key]
    if isinstance(found, dict):
        count = next((fields[f] for f in _COUNTS if isinstance(fields.get(f), int | float)), 0)
        found = found[plural(language, count)]  # type: ignore[arg-type]
    shown = {
        name: number_text(value, language) if type(value) in (int, float) else value
        for name, value in fields.items()
    }
    return found.format_map(shown)


def renderer(language: str, texts: Texts | None = None) -> Callable[..., str]:
    """A function ``(key, **fields) -> text`` for ``language``, with an app's
    ``texts`` (templates or a callable) taking precedence."""
    check_language(language)
    if callable(texts):
        custom = texts

        def render_custom(key: str, **fields: object) -> str:
            return custom(key, fields)

        return render_custom
    table: dict[str, Template] = {**TEXTS[language], **(texts or {})}

    def render(key: str, **fields: object) -> str:
        return fill(language, key, table, **fields)

    return render
