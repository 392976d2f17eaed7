"""The player for browsers: the ES module, and a page that plays a timeline.

Both are package data (``data/player.js``, ``data/player.html``). The page is
the template filled in one pass: the timeline document, the page's words and
the stretches' names (in one language), the strip, and the module, all
inline; a Content-Security-Policy allows nothing else (no network, no other
script or style than the page's own, by their hashes).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib.resources import files
from typing import Final

from stretchkit._documents import to_dict
from stretchkit._languages import DEFAULT, check_language
from stretchkit._model import name_in
from stretchkit._numbers import describe
from stretchkit._texts import TEXTS
from stretchkit._timeline import Timeline
from stretchkit.exceptions import ValidationError
from stretchkit.export._svg import strip_svg

_PLACEHOLDER: Final = re.compile(r"\{\{([A-Z]+)\}\}")
_STYLE: Final = re.compile(r"<style>(.*?)</style>", re.DOTALL)
_MODULE_SCRIPT: Final = re.compile(r'<script type="module">(.*?)</script>', re.DOTALL)


def _data(name: str) -> str:
    return (files("stretchkit") / "data" / name).read_text(encoding="utf-8")


def to_player_module() -> str:
    """The ES module that plays timeline documents, for browsers and Node 18+.

    It has no dependencies and exports ``loadTimeline(doc)`` (a parsed
    timeline document to a timeline with ``duration``, ``steps``, ``cues``,
    ``stateAt(t)`` and ``indexAt(t)``) and ``createPlayer(timeline, {clock,
    speed})``, which follows the rules of :class:`stretchkit.Player` exactly.
    It is the engine of :func:`to_player_html`; see the frontends how-to.

    >>> from stretchkit.export import to_player_module
    >>> "export function createPlayer(" in to_player_module()
    True
    """
    return _data("player.js")


def script_json(value: object) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<`` can end it early."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.replace("<", "\\u003c")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def to_player_html(timeline: Timeline, *, language: str = DEFAULT) -> str:
    """One self-contained HTML page that plays ``timeline`` in any browser.

    The page holds the timeline document, its script and its style: it
    fetches nothing, and works from ``file://``, on a phone or a desktop. It
    shows the current step with a large countdown, what comes next, a
    progress bar and the strip; play/pause, skip and back are buttons and
    keys (space, →, ←; M mutes); cues are spoken where the browser can
    speak. It follows the rules of :class:`stretchkit.Player`, keeping time
    from the browser's clock. Opened with ``#autoplay`` it plays at once;
    with ``#t=SECONDS`` it starts paused there. The element ``#sk-step``
    carries ``data-index`` and ``data-status`` (``ready``, ``playing``,
    ``paused``, ``finished``) for automation.

    Args:
        timeline: What to play.
        language: Of the labels, the cues and the page's words, one of
            :func:`stretchkit.languages`.

    Raises:
        ValidationError: ``timeline`` is not a Timeline, or ``language`` is
            not one of ``languages()``.

    >>> import stretchkit as sk
    >>> from stretchkit.export import to_player_html
    >>> page = to_player_html(sk.compose(sk.catalog().routine("low-mid-back")), language="de")
    >>> page.startswith("<!doctype html>"), '<html lang="de">' in page
    (True, True)
    """
    if not isinstance(timeline, Timeline):
        raise ValidationError([("timeline", f"expected a Timeline, got {describe(timeline)}")])
    language = check_language(language)
    template = _data("player.html")
    module = to_player_module()
    style = _STYLE.search(template)
    script = _MODULE_SCRIPT.search(template)
    assert style is not None  # noqa: S101 - the template is package data
    assert script is not None  # noqa: S101
    csp = (
        "default-src 'none'; "
        f"script-src '{_sha256(script[1].replace('{{MODULE}}', module))}'; "
        f"style-src '{_sha256(style[1])}'; img-src data:"
    )
    page = {
        "words": {key: text for key, text in TEXTS[language].items() if key.startswith("page.")},
        "names": [name_in(stretch, language) for stretch in timeline.routine.stretches],
    }
    values = {
        "CSP": csp,
        "LANG": language,
        "TITLE": html.escape(timeline.routine.name),
        "DOCUMENT": script_json(to_dict(timeline, language=language)),
        "PAGE": script_json(page),
        "STRIP": strip_svg(timeline, labels=timeline.labels(language)),
        "MODULE": module,
    }
    # One pass, so that no text filled in is ever taken for a placeholder.
    return _PLACEHOLDER.sub(lambda m: values[m[1]], template)
