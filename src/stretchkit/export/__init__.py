"""Exports of timelines, routines and programs: CSV, WebVTT, SVG and HTML; a
page that plays a timeline in a browser, the player engine as a JavaScript
module, and the documents' types for TypeScript; FIT workouts for watches
(optional extra ``fit``); and calendars (iCalendar, optional extra ``calendar``).

Every export is deterministic: the same input gives the same bytes.

>>> import stretchkit as sk
>>> from stretchkit.export import to_csv
>>> tl = sk.compose(sk.Routine(name="R", stretches=[sk.Stretch(name="Hug", hold=30)]))
>>> print(to_csv(tl).splitlines()[1])
0,0.0,30.0,30.0,hold,hug,Hug,none,1,1,,1,0,Hug
"""

from __future__ import annotations

from stretchkit.export._fit import to_fit
from stretchkit.export._html import to_html
from stretchkit.export._ics import to_ics
from stretchkit.export._player import to_player_html, to_player_module
from stretchkit.export._svg import to_svg
from stretchkit.export._text import to_csv, to_webvtt
from stretchkit.export._typescript import to_typescript

__all__ = [
    "to_csv",
    "to_fit",
    "to_html",
    "to_ics",
    "to_player_html",
    "to_player_module",
    "to_svg",
    "to_typescript",
    "to_webvtt",
]
