"""Records and exports (CSV, WebVTT, SVG, HTML) and the pictures in the docs."""

from __future__ import annotations

import csv
import html
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import webvtt
from hypothesis import given

import stretchkit as sk
from stretchkit import export
from stretchkit._numbers import clock_text
from stretchkit.export import _html, _svg
from tests import strategies as sks
from tests.golden import check_golden


class TestRecordsAndText:
    """to_records, CSV and WebVTT read back to the same steps."""

    @given(sks.routines(max_stretches=3), sks.levels)
    def test_csv_reads_back(self, routine: sk.Routine, level: float) -> None:
        """The CSV has a header and one row per step, with the records' values."""
        tl = sk.compose(routine, level)
        rows = list(csv.DictReader(io.StringIO(export.to_csv(tl))))
        records = tl.to_records()
        assert len(tl) == len(rows) == len(records)
        for row, rec in zip(rows, records, strict=True):
            assert rec["start"] == float(row["start"])
            assert rec["end"] == float(row["end"])
            assert rec["label"] == row["label"]
            assert rec["kind"] == row["kind"]

    @given(sks.routines(max_stretches=3), sks.levels)
    def test_webvtt_reads_back(self, routine: sk.Routine, level: float) -> None:
        """A WebVTT parser (webvtt-py) reads one cue per step, with its exact times and its label."""
        tl = sk.compose(routine, level)
        text = export.to_webvtt(tl)
        assert text.startswith("WEBVTT\n\n")
        captions = webvtt.from_buffer(io.StringIO(text))
        assert len(tl) == len(captions)
        for caption, step in zip(captions.captions, tl, strict=True):
            assert str(step.index + 1) == caption.identifier
            assert round(step.start * 1000) == caption.start_time.in_milliseconds()
            assert round(step.end * 1000) == caption.end_time.in_milliseconds()
            assert " ".join(step.label.splitlines()) == _cue_text(caption)

    def test_webvtt_escapes_markup(self) -> None:
        """&, < and > are escaped as the WebVTT spec asks: the name reads back literally, no tag."""
        name = "Tom & Jerry <b>3</b> --> <c.x>y</c>"
        tl = sk.compose(sk.Routine(name="R", stretches=[sk.Stretch(name=name, hold=2)]))
        text = export.to_webvtt(tl)
        assert "Tom &amp; Jerry &lt;b&gt;3&lt;/b&gt; --&gt; &lt;c.x&gt;y&lt;/c&gt;\n" in text
        (caption,) = webvtt.from_buffer(io.StringIO(text)).captions
        assert name == _cue_text(caption)
        assert caption.raw_text == caption.text  # nothing was taken for a tag

    def test_records_for_pandas(self) -> None:
        """Records are plain values: strings, numbers and None."""
        tl = sk.compose(sk.catalog().routine("low-mid-back"))
        for rec in tl.to_records():
            assert all(v is None or type(v) in (int, float, str) for v in rec.values())


class TestSvgAndHtml:
    """The SVG strip and the HTML views."""

    @given(sks.routines(max_stretches=3), sks.levels)
    def test_svg_is_valid_xml_with_a_rect_per_step(self, routine: sk.Routine, level: float) -> None:
        """The SVG parses as XML, has one titled rectangle per step, scaled in order."""
        tl = sk.compose(routine, level)
        root = ET.fromstring(export.to_svg(tl))  # noqa: S314 - our own output
        ns = "{http://www.w3.org/2000/svg}"
        steps = [r for r in root.iter(f"{ns}rect") if r.find(f"{ns}title") is not None]
        assert len(tl) == len(steps)
        xs = [float(r.attrib["x"]) for r in steps]
        assert sorted(xs) == xs

    @pytest.mark.parametrize("total", [1, 30, 59, 60, 600, 3600, 7200.5])
    def test_svg_axis_labels_stay_inside(self, total: float) -> None:
        """No axis label runs past either edge (the last one, at a multiple of the tick, included)."""
        tl = sk.compose(sk.Routine(name="R", stretches=[sk.Stretch(name="S", hold=total)]))
        for width in (960, 640, 300):
            labels = _axis_labels(export.to_svg(tl, width=width))
            assert labels[-1][2] == clock_text(labels[-1][3])
            for x, anchor, text, _ in labels:
                half = len(text) * _svg.CHAR_W / 2
                left = {"start": x, "middle": x - half, "end": x - 2 * half}[anchor]
                assert 0 <= left
                assert left + 2 * half <= width, (total, width, text, anchor)

    @given(sks.timelines(max_stretches=2, max_rounds=2))
    def test_svg_axis_labels_stay_inside_any(self, tl: sk.Timeline) -> None:
        """Whatever the total, the axis labels stay within the picture."""
        for x, anchor, text, _ in _axis_labels(export.to_svg(tl)):
            half = len(text) * _svg.CHAR_W / 2
            right = {"start": x + 2 * half, "middle": x + half, "end": x}[anchor]
            assert right <= _svg.WIDTH

    def test_html_page(self) -> None:
        """A page stands alone: style in <head>, a viewport for phones, the name as a heading."""
        routine = sk.Routine(name="Fixed <1>", stretches=[sk.Stretch(name="A", hold=600.5)])
        for obj in (routine, sk.compose(routine)):
            page = export.to_html(obj)
            head, body = page.split("</head>")
            assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in head
            assert "<style>" in head
            assert "<style>" not in body
            assert "<h1>Fixed &lt;1&gt;</h1>" in body
        assert "<p>The routine <code>fixed-1</code>: 10:00.500, 1 round.</p>" in export.to_html(routine)
        assert "10:00.500 to" not in routine._repr_html_()
        assert "(fixed-1): 10:00.500, 1 round" in routine._repr_html_()

    def test_html_text_columns_left_in_notebooks(self) -> None:
        """Every cell says its own alignment, and the stylesheet outranks a notebook's rule.

        JupyterLab aligns every output cell right (``.jp-RenderedHTMLCommon td``, one class
        and one element; the classic notebook ``.rendered_html td``), and an untrusted
        notebook or a viewer drops a fragment's ``<style>``: an attribute on each cell holds
        either way, and our selectors carry two classes, so they win wherever the sheet comes.
        """
        routine = sk.catalog().routine("low-mid-back")
        for fragment in (routine._repr_html_(), sk.compose(routine)._repr_html_()):
            cells = re.findall(r"<(td|th)((?:\s[^>]*)?)>([^<]*)<", fragment)
            assert cells
            for _, attrs, _ in cells:
                assert re.search(r'style="text-align:(left|right)"', attrs), attrs
            texts = [text for _, attrs, text in cells if "text-align:left" in attrs]
            assert {"stretch", "Knee to Chest"} <= set(texts) or {"step", "Knee to Chest — left"} <= set(
                texts
            )
        rules = dict(re.findall(r"([^{}]+)\{([^}]*)\}", _html.CSS))
        aligned = [sel for sel, body in rules.items() if "text-align" in body]
        assert aligned
        for selectors in aligned:
            for selector in selectors.split(","):
                assert selector.count(".") >= 2, selector  # (0, 2, x) beats (0, 1, 1)

    def test_html(self) -> None:
        """Pages and Jupyter fragments for routines and timelines; names escaped."""
        routine = sk.Routine(
            name="<Back & Neck>", stretches=[sk.Stretch(name="A <b>", hold=(20, 30), reps=2)]
        )
        tl = sk.compose(routine)
        page = export.to_html(tl)
        assert page.startswith("<!DOCTYPE html>")
        assert "&lt;Back &amp; Neck&gt;" in page
        assert "<b>" not in page.replace("<body>", "")
        assert "<svg" in tl._repr_html_()
        assert "20–30 s" in routine._repr_html_()
        assert "<table" in export.to_html(routine)

    def test_deterministic(self) -> None:
        """The same timeline gives the same bytes."""
        a = sk.compose(sk.catalog().routine("low-mid-back"))
        b = sk.from_json(sk.Timeline, sk.to_json(a))
        for fn in (export.to_csv, export.to_webvtt, export.to_svg, export.to_html):
            assert fn(a) == fn(b)


@pytest.mark.parametrize(
    ("suffix", "fn"), [("csv", export.to_csv), ("vtt", export.to_webvtt), ("svg", export.to_svg)]
)
def test_golden_files(suffix: str, fn: object) -> None:
    """The built-in routine's exports match the reviewed files."""
    text = fn(sk.compose(sk.catalog().routine("low-mid-back")))  # type: ignore[operator]
    check_golden(GOLDEN / f"low-mid-back.{suffix}", text)


def _cue_text(caption: webvtt.Caption) -> str:
    """A caption's text as a viewer shows it: tags dropped (by the parser), character references decoded."""
    return html.unescape(caption.text)


def _axis_labels(svg: str) -> list[tuple[float, str, str, float]]:
    """``(x, anchor, text, seconds)`` of each time-axis label of a strip."""
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    ns = "{http://www.w3.org/2000/svg}"
    out = []
    for t in root.iter(f"{ns}text"):
        if re.fullmatch(r"(\d+:)?\d+:\d\d(\.\d+)?", t.text or ""):
            parts = [float(p) for p in (t.text or "").split(":")]
            secs = sum(p * 60**i for i, p in enumerate(reversed(parts)))
            out.append((float(t.attrib["x"]), t.attrib.get("text-anchor", "start"), t.text or "", secs))
    return out


GOLDEN = Path(__file__).parent / "golden"
SHAPES_DIR = Path(__file__).resolve().parent.parent / "docs" / "shapes"


def _one(name: str, **dose: object) -> sk.Routine:
    return sk.Routine(name=name, stretches=[sk.Stretch(name=name, **dose)])  # type: ignore[arg-type]


SHAPES = {
    "none": _one("Knee Hug", hold=20, reps=3, rest=8),
    "each-blocked": _one(
        "Twist", hold=20, reps=2, rest=8, switch=5, sides=sk.Sides.EACH, side_order=sk.SideOrder.BLOCKED
    ),
    "each-alternate-rest": _one("Twist", hold=20, reps=2, rest=8, switch=5, sides=sk.Sides.EACH),
    "each-alternate-switch": _one("Twist", hold=20, reps=2, switch=5, sides=sk.Sides.EACH),
    "poses": _one("Cat-Cow", hold=4, reps=3, rest=3, poses=[sk.Pose(name="Cow"), sk.Pose(name="Cat")]),
    "routine": sk.Routine(
        name="Two rounds",
        stretches=[
            sk.Stretch(name="Hug", hold=20),
            sk.Stretch(name="Twist", hold=15, sides=sk.Sides.EACH, switch=4),
        ],
        lead_in=6,
        transition=8,
        rounds=2,
    ),
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_shape_picture_is_current(name: str) -> None:
    """docs/shapes/NAME.svg is the strip of that shape's timeline."""
    check_golden(SHAPES_DIR / f"{name}.svg", export.to_svg(sk.compose(SHAPES[name]), width=640))
    assert f"shapes/{name}.svg" in (SHAPES_DIR.parent / "expansion.md").read_text(encoding="utf-8")


def test_front_page_picture_is_current() -> None:
    """docs/shapes/low-mid-back.svg, on the docs' front page, is the built-in routine at level 0.5."""
    check_golden(
        SHAPES_DIR / "low-mid-back.svg",
        export.to_svg(sk.compose(sk.catalog().routine("low-mid-back")), width=640),
    )
    assert "shapes/low-mid-back.svg" in (SHAPES_DIR.parent / "index.md").read_text(encoding="utf-8")
