"""The timeline documents the JavaScript tests read (tests/js/samples/), made by the library.

``STRETCHKIT_UPDATE_GOLDEN=1 pytest tests/test_frontend.py`` rewrites them
(tests/test_frontend.py checks that they are current).
"""

from __future__ import annotations

from pathlib import Path

import stretchkit as sk

SAMPLES_DIR = Path(__file__).resolve().parent / "js" / "samples"


def samples() -> dict[str, str]:
    """Each sample's file name and JSON text."""
    builtin = sk.catalog().routine("low-mid-back")
    twist = sk.catalog().stretch("seated-twist")
    hug = sk.Stretch(name="Hug", hold=2.5, reps=3, rest=1.25)
    rounds = sk.Routine(
        id="twist-rounds", name="Twist rounds", stretches=[twist, hug], transition=4, lead_in=3, rounds=3
    )
    tiny = sk.Routine(id="tiny", name="Tiny", stretches=[sk.Stretch(name="Hug", hold=0.001)])
    made = {
        "low-mid-back": (sk.compose(builtin), "en"),
        "low-mid-back-level0": (sk.compose(builtin, 0), "en"),
        "twist-rounds": (sk.compose(rounds, 0.7), "de"),  # fractional steps, rounds, German
        "tiny": (sk.compose(tiny), "en"),  # one step of one millisecond
    }
    return {f"{name}.json": sk.to_json(tl, language=language) + "\n" for name, (tl, language) in made.items()}
