"""An SVG strip of a timeline: one rectangle per step, coloured by kind,
holds labelled by stretch, and a time axis; and the bare strip the player
page stretches to its width (rectangles only: text would be distorted)."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from stretchkit._enums import StepKind
from stretchkit._numbers import clock_text
from stretchkit._timeline import Timeline

#: Fill colours by kind; readable in colour and in greyscale print.
COLOURS = {
    StepKind.HOLD: "#2f7d5b",
    StepKind.REST: "#9fc7dd",
    StepKind.SWITCH: "#f0b35a",
    StepKind.TRANSITION: "#d9d9d9",
}
WIDTH = 960
LEFT = 10
STRIP_Y = 28
STRIP_H = 36
#: The widest a character of the 11 px labels is, in px (digits are about 6.1).
CHAR_W = 7


def _nice_tick(total: float) -> float:
    """A round tick interval giving at most about 12 ticks."""
    for tick in (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 18000, 36000, 86400):
        if total / tick <= 12:
            return tick
    return total / 10


def _num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def to_svg(timeline: Timeline, *, width: int = WIDTH) -> str:
    """The timeline as an SVG strip (valid XML, text escaped).

    Each step is a rectangle scaled to its duration and coloured by kind, with
    its label as a tooltip; each stretch is named above its holds where there
    is room, and a time axis runs below.
    """
    total = timeline.duration
    span = width - 2 * LEFT
    scale = span / total
    height = STRIP_Y + STRIP_H + 40
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11" role="img">',
        f"<title>{escape(timeline.routine.name)}: {clock_text(total)}</title>",
    ]
    occurrences: dict[tuple[int, int], list[float]] = {}
    for step in timeline:
        x = LEFT + step.start * scale
        w = step.duration * scale
        out.append(
            f'<rect x="{_num(x)}" y="{STRIP_Y}" width="{_num(max(w, 0.01))}" height="{STRIP_H}" '
            f'fill="{COLOURS[step.kind]}" stroke="#ffffff" stroke-width="{0.5 if w > 2 else 0}">'
            f"<title>{escape(clock_text(step.start))} {escape(step.label)} "
            f"({step.duration:g} s)</title></rect>"
        )
        if step.kind is StepKind.HOLD:
            bounds = occurrences.setdefault((step.round, step.item), [step.start, step.end])
            bounds[1] = step.end
    for (_, item), (a, b) in occurrences.items():
        w = (b - a) * scale
        name = timeline.routine.stretches[item].name
        room = int(w / 6.5)
        if room >= 4:
            text = name if len(name) <= room else name[: room - 1] + "…"
            out.append(
                f'<text x="{_num(LEFT + a * scale + w / 2)}" y="{STRIP_Y - 8}" text-anchor="middle" '
                f'fill="#222222">{escape(text)}</text>'
            )
    tick = _nice_tick(total)
    axis_y = STRIP_Y + STRIP_H
    out.append(f'<line x1="{LEFT}" y1="{axis_y + 4}" x2="{LEFT + span}" y2="{axis_y + 4}" stroke="#555555"/>')
    n = 0
    while n * tick <= total + 1e-9:
        x = LEFT + n * tick * scale
        out.append(
            f'<line x1="{_num(x)}" y1="{axis_y + 4}" x2="{_num(x)}" y2="{axis_y + 9}" stroke="#555555"/>'
        )
        text = clock_text(n * tick)
        # The first label starts at its tick; one that would run past the
        # right edge (the last, when the total is a multiple of the tick) ends at it.
        anchor = "start" if n == 0 else "end" if x + len(text) * CHAR_W / 2 > width else "middle"
        out.append(
            f'<text x="{_num(x)}" y="{axis_y + 21}" text-anchor={quoteattr(anchor)} fill="#333333">'
            f"{text}</text>"
        )
        n += 1
    legend_x = LEFT
    for kind, colour in COLOURS.items():
        out.append(
            f'<rect x="{legend_x}" y="{height - 12}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{legend_x + 14}" y="{height - 3}" fill="#333333">{kind.value}</text>'
        )
        legend_x += 90
    out.append("</svg>")
    return "\n".join(out) + "\n"


def strip_svg(
    timeline: Timeline, *, labels: Sequence[str] | None = None, width: int = WIDTH, height: int = 40
) -> str:
    """The bare strip: rectangles only, each with its step's label (from
    ``labels``, English by default) as a tooltip.

    The player page stretches it to any width (``preserveAspectRatio="none"``),
    which would distort text, so there is none. Steps narrower than one unit
    (of ``width``) are drawn together, in the colour of the kind that fills
    most of them, so a long timeline stays a small picture.
    """
    total_ms = round(timeline.duration * 1000)
    scale = width / total_ms
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img">',
        f"<title>{escape(timeline.routine.name)}: {clock_text(timeline.duration)}</title>",
    ]

    def rect(start_ms: int, end_ms: int, kind: StepKind, title: str = "") -> None:
        x, w = start_ms * scale, (end_ms - start_ms) * scale
        tip = f"<title>{escape(title)}</title>" if title else ""
        out.append(
            f'<rect x="{_num(x)}" y="0" width="{_num(max(w, 0.01))}" height="{height}" '
            f'fill="{COLOURS[kind]}">{tip}</rect>'
        )

    group_start = 0
    group: dict[StepKind, int] = {}  # ms by kind of the narrow steps not yet drawn
    count = 0
    for step in timeline:
        a, b = round(step.start * 1000), round(step.end * 1000)
        if not group:
            group_start = a
        group[step.kind] = group.get(step.kind, 0) + (b - a)
        count += 1
        if (b - group_start) * scale < 1 and step.index < len(timeline) - 1:
            continue
        if count == 1:
            label = step.label if labels is None else labels[step.index]
            rect(a, b, step.kind, f"{clock_text(step.start)} {label}")
        else:
            rect(group_start, b, max(group, key=lambda k: group[k]))
        group, count = {}, 0
    out.append("</svg>")
    return "".join(out)
