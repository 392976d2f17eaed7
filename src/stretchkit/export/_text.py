"""CSV (one row per step) and WebVTT (one cue per step, for video overlays)."""

from __future__ import annotations

import csv
import io

from stretchkit._timeline import RECORD_COLUMNS, Timeline


def to_csv(timeline: Timeline) -> str:
    """The steps as CSV, with a header row; the columns of ``Timeline.to_records``."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=RECORD_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(timeline.to_records())
    return out.getvalue()


def vtt_time(ms: int) -> str:
    """``HH:MM:SS.mmm`` from whole milliseconds."""
    seconds, millis = divmod(ms, 1000)
    minutes, secs = divmod(seconds, 60)
    hours, mins = divmod(minutes, 60)
    return f"{hours:02d}:{mins:02d}:{secs:02d}.{millis:03d}"


def _cue_text(text: str) -> str:
    """Cue text that a WebVTT parser reads back as ``text``: one line, with
    ``&``, ``<`` and ``>`` escaped (so ``<b>`` is not a tag, and no ``-->``)."""
    one_line = " ".join(text.splitlines())
    return one_line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_webvtt(timeline: Timeline) -> str:
    """A WebVTT file: one cue per step, its label as the text.

    The text is escaped as the WebVTT spec asks (``&amp;``, ``&lt;``,
    ``&gt;``), so a player shows a name like ``Tom & Jerry <3>`` as it is.

    >>> import stretchkit as sk
    >>> tl = sk.compose(sk.Routine(name="R", stretches=[sk.Stretch(name="Hug", hold=2.5)]))
    >>> print(to_webvtt(tl))
    WEBVTT
    <BLANKLINE>
    1
    00:00:00.000 --> 00:00:02.500
    Hug
    <BLANKLINE>
    """
    lines = ["WEBVTT", ""]
    for step in timeline:
        start = round(step.start * 1000)
        end = round(step.end * 1000)
        lines += [str(step.index + 1), f"{vtt_time(start)} --> {vtt_time(end)}", _cue_text(step.label), ""]
    return "\n".join(lines)
