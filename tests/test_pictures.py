"""The SVG strips of each expansion shape shown in docs/expansion.md stay current.

``STRETCHKIT_WRITE_GOLDEN=1`` rewrites them after a deliberate change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import stretchkit as sk
from stretchkit.export import to_svg

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
    text = to_svg(sk.compose(SHAPES[name]), width=640)
    path = SHAPES_DIR / f"{name}.svg"
    if os.environ.get("STRETCHKIT_WRITE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text
    assert f"shapes/{name}.svg" in (SHAPES_DIR.parent / "expansion.md").read_text(encoding="utf-8")
