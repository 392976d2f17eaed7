"""stretchkit: stretch routines as exact, flat timelines.

Model stretches and their dose, string them into routines, expand a routine
into an exact timeline, and compute durations without expanding.

>>> import stretchkit as sk
>>> twist = sk.Stretch(name="Seated Twist", hold=(20, 30), reps=(2, 4), sides=sk.Sides.EACH, switch=3)
>>> routine = sk.Routine(name="Back", stretches=[twist])
>>> routine.duration_range()
Range(89, 261)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Final

# "X as X": re-exported, for type checkers.
from stretchkit._compose import compose as compose
from stretchkit._compose import fit as fit
from stretchkit._compose import iter_steps as iter_steps
from stretchkit._enums import Breath as Breath
from stretchkit._enums import Side as Side
from stretchkit._enums import SideOrder as SideOrder
from stretchkit._enums import Sides as Sides
from stretchkit._enums import StepKind as StepKind
from stretchkit._model import Pose as Pose
from stretchkit._model import Routine as Routine
from stretchkit._model import Stretch as Stretch
from stretchkit._range import Range as Range
from stretchkit._timeline import PlaybackState as PlaybackState
from stretchkit._timeline import Step as Step
from stretchkit._timeline import Timeline as Timeline
from stretchkit.exceptions import FitError as FitError
from stretchkit.exceptions import MissingFileError as MissingFileError
from stretchkit.exceptions import StretchkitError as StretchkitError
from stretchkit.exceptions import TimelineTooLarge as TimelineTooLarge
from stretchkit.exceptions import UnknownProgramError as UnknownProgramError
from stretchkit.exceptions import UnknownRoutineError as UnknownRoutineError
from stretchkit.exceptions import UnknownStretchError as UnknownStretchError
from stretchkit.exceptions import ValidationError as ValidationError

if TYPE_CHECKING:  # what the lazy names below are, for type checkers
    from stretchkit._builtin import catalog as catalog
    from stretchkit._catalog import Catalog as Catalog
    from stretchkit._converter import converter as converter
    from stretchkit._cues import CUE_TEXTS as CUE_TEXTS
    from stretchkit._cues import Cue as Cue
    from stretchkit._cues import CueKind as CueKind
    from stretchkit._documents import from_dict as from_dict
    from stretchkit._documents import to_dict as to_dict
    from stretchkit._io import dump as dump
    from stretchkit._io import from_json as from_json
    from stretchkit._io import from_toml as from_toml
    from stretchkit._io import load as load
    from stretchkit._io import to_json as to_json
    from stretchkit._io import to_toml as to_toml
    from stretchkit._journal import Journal as Journal
    from stretchkit._journal import SessionRecord as SessionRecord
    from stretchkit._languages import languages as languages
    from stretchkit._player import Player as Player
    from stretchkit._player import PlayerStatus as PlayerStatus
    from stretchkit._program import Program as Program
    from stretchkit._program import Session as Session
    from stretchkit._schema import json_schema as json_schema

#: Every public name and the module that defines it. The ones imported above
#: are loaded with ``import stretchkit``; the others on first use, so that the
#: import stays light (documents, cattrs and the catalog cost time).
_PUBLIC: Final = {
    "Breath": "stretchkit._enums",
    "CUE_TEXTS": "stretchkit._cues",
    "Catalog": "stretchkit._catalog",
    "Cue": "stretchkit._cues",
    "CueKind": "stretchkit._cues",
    "FitError": "stretchkit.exceptions",
    "Journal": "stretchkit._journal",
    "MissingFileError": "stretchkit.exceptions",
    "PlaybackState": "stretchkit._timeline",
    "Player": "stretchkit._player",
    "PlayerStatus": "stretchkit._player",
    "Pose": "stretchkit._model",
    "Program": "stretchkit._program",
    "Range": "stretchkit._range",
    "Routine": "stretchkit._model",
    "Session": "stretchkit._program",
    "SessionRecord": "stretchkit._journal",
    "Side": "stretchkit._enums",
    "SideOrder": "stretchkit._enums",
    "Sides": "stretchkit._enums",
    "Step": "stretchkit._timeline",
    "StepKind": "stretchkit._enums",
    "Stretch": "stretchkit._model",
    "StretchkitError": "stretchkit.exceptions",
    "Timeline": "stretchkit._timeline",
    "TimelineTooLarge": "stretchkit.exceptions",
    "UnknownProgramError": "stretchkit.exceptions",
    "UnknownRoutineError": "stretchkit.exceptions",
    "UnknownStretchError": "stretchkit.exceptions",
    "ValidationError": "stretchkit.exceptions",
    "catalog": "stretchkit._builtin",
    "compose": "stretchkit._compose",
    "converter": "stretchkit._converter",
    "dump": "stretchkit._io",
    "fit": "stretchkit._compose",
    "from_dict": "stretchkit._documents",
    "from_json": "stretchkit._io",
    "from_toml": "stretchkit._io",
    "iter_steps": "stretchkit._compose",
    "json_schema": "stretchkit._schema",
    "languages": "stretchkit._languages",
    "load": "stretchkit._io",
    "to_dict": "stretchkit._documents",
    "to_json": "stretchkit._io",
    "to_toml": "stretchkit._io",
}

#: Not part of the API, but named by pickles (the types of ``meta`` and of a
#: catalog's mappings), so they resolve here too.
_UNLISTED: Final = {"FrozenList": "stretchkit._frozen", "FrozenMap": "stretchkit._frozen"}

__all__ = sorted([*_PUBLIC, "__version__"], key=lambda n: (not n.isupper(), not n[0].isupper(), n))  # noqa: PLE0605


def __getattr__(name: str) -> object:
    module = _PUBLIC.get(name) or _UNLISTED.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("stretchkit")
    msg = f"module 'stretchkit' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
