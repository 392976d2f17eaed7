"""Records and exports (CSV, WebVTT, SVG, HTML) and the pictures in the docs."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given

import stretchkit as sk
from stretchkit import export
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
        """One cue per step with exact HH:MM:SS.mmm times."""
        tl = sk.compose(routine, level)
        text = export.to_webvtt(tl)
        assert text.startswith("WEBVTT\n\n")
        blocks = text.strip().split("\n\n")[1:]
        assert len(tl) == len(blocks)
        for block, step in zip(blocks, tl, strict=True):
            number, times, label = block.split("\n")
            assert str(step.index + 1) == number
            m = VTT_TIME.match(times)
            assert m is not None
            h, mi, s, ms, h2, mi2, s2, ms2 = map(int, m.groups())
            assert round(step.start * 1000) == ((h * 60 + mi) * 60 + s) * 1000 + ms
            assert round(step.end * 1000) == ((h2 * 60 + mi2) * 60 + s2) * 1000 + ms2
            assert "-->" not in label

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


GOLDEN = Path(__file__).parent / "golden"
VTT_TIME = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d\d\d) --> (\d\d):(\d\d):(\d\d)\.(\d\d\d)$")
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
