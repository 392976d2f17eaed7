"""FIT workout files, read back by two decoders that share no code with the writer.

Garmin's own SDK (``garmin-fit-sdk``; its licence allows it in tests, not in
what we ship) and ``fitdecode``. The decoded repeat steps are played back
here by a small player of our own, not by the library's ``expand``.
"""

from __future__ import annotations

import datetime
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple, cast

import fitdecode
import pytest
from garmin_fit_sdk import Decoder, Stream
from garmin_fit_sdk.profile import Profile
from hypothesis import given

import stretchkit as sk
from stretchkit import _cli, export
from stretchkit.export import _fit
from tests import strategies as sks
from tests.golden import check_golden

GOLDEN = Path(__file__).parent / "golden"
TYPES = Profile["types"]
FOREVER = 4096  # the most steps a FIT file can number: no limit in practice


class TimeStep(NamedTuple):
    intensity: str
    ms: int
    name: str
    exercise: str | None  # "category/exercise_name", as the FIT profile spells it


class RepeatStep(NamedTuple):
    first: int
    runs: int


class Decoded(NamedTuple):
    file_id: dict[str, Any]
    workout: dict[str, Any]
    entries: list[TimeStep | RepeatStep]


def exercise_name(category: object, number: object) -> str | None:
    """``"warm_up/stretch_cat_cow"`` from a decoded category and number, by Garmin's profile."""
    if category is None:
        assert number is None
        return None
    assert isinstance(number, int)
    return f"{category}/{TYPES[f'{category}_exercise_name'][number]}"


def decode_garmin(data: bytes) -> Decoded:
    """Read a workout with Garmin's SDK, checking the file as it goes."""
    stream = Stream.from_byte_array(bytearray(data))
    decoder = Decoder(stream)
    assert decoder.is_fit()
    assert decoder.check_integrity()
    # check_integrity() leaves the stream at its end, and read() would then
    # find no messages, and report no error either.
    stream.reset()
    # The SDK's type hints spell enum values in camelCase; the values it
    # returns are the profile's snake_case names, so read them as Any.
    messages, errors = cast(tuple[Any, list[Exception]], decoder.read())
    assert [] == errors  # read() reports problems here; it does not raise
    (file_id,) = messages["file_id_mesgs"]
    (workout,) = messages["workout_mesgs"]
    steps = messages["workout_step_mesgs"]
    assert list(range(len(steps))) == [m["message_index"] for m in steps]
    entries: list[TimeStep | RepeatStep] = []
    for m in steps:
        assert "open" == m["target_type"]
        if m["duration_type"] == "repeat_until_steps_cmplt":
            # The raw fields and their sub-fields, both decoded.
            assert m["duration_step"] == m["duration_value"]
            assert m["repeat_steps"] == m["target_value"]
            entries.append(RepeatStep(m["duration_step"], m["repeat_steps"]))
        else:
            assert "time" == m["duration_type"]
            assert m["duration_value"] / 1000 == m["duration_time"]  # ms in the file, seconds decoded
            exercise = exercise_name(m.get("exercise_category"), m.get("exercise_name"))
            entries.append(TimeStep(m["intensity"], m["duration_value"], m["wkt_step_name"], exercise))
    return Decoded(file_id, workout, entries)


def decode_fitdecode(data: bytes) -> Decoded:
    """Read a workout with fitdecode, checking the header and the file's checksum."""
    messages: dict[str, list[dict[str, Any]]] = {}
    with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE) as reader:
        frames = list(reader)
    header, crc = frames[0], frames[-1]
    assert isinstance(header, fitdecode.FitHeader)
    assert (14, (1, 0), True) == (header.header_size, header.proto_ver, header.crc_matched)
    assert isinstance(crc, fitdecode.FitCRC)
    assert crc.matched
    for frame in frames:
        if isinstance(frame, fitdecode.FitDataMessage):
            messages.setdefault(frame.name, []).append({f.name: f for f in frame.fields})
    (file_id,) = messages["file_id"]
    (workout,) = messages["workout"]
    steps = messages["workout_step"]
    assert list(range(len(steps))) == [m["message_index"].value for m in steps]
    entries: list[TimeStep | RepeatStep] = []
    for m in steps:
        # fitdecode names each field after the sub-field it resolved to.
        if m["duration_type"].value == "repeat_until_steps_cmplt":
            entries.append(RepeatStep(m["duration_step"].value, m["repeat_steps"].value))
        else:
            assert "time" == m["duration_type"].value
            ms = m["duration_time"].raw_value
            assert ms / 1000 == m["duration_time"].value
            category = m["exercise_category"].value if "exercise_category" in m else None
            number = m["exercise_name"].value if "exercise_name" in m else None
            name = m["wkt_step_name"].value
            entries.append(TimeStep(m["intensity"].value, ms, name, exercise_name(category, number)))
    values = {name: f.value for name, f in file_id.items()}, {name: f.value for name, f in workout.items()}
    return Decoded(*values, entries)


def play(entries: list[TimeStep | RepeatStep]) -> list[TimeStep]:
    """The steps a watch plays: at a repeat, its block again until it has run ``runs`` times."""
    steps: list[TimeStep] = []
    starts: list[int] = []  # where each entry's steps begin
    for index, entry in enumerate(entries):
        starts.append(len(steps))
        if isinstance(entry, RepeatStep):
            assert 0 <= entry.first < index
            assert entry.runs >= 2
            assert not [e for e in entries[entry.first : index] if isinstance(e, RepeatStep)], "nested"
            steps += steps[starts[entry.first] :] * (entry.runs - 1)
        else:
            steps.append(entry)
    return steps


def cut(text: str) -> str:
    """The longest start of ``text`` that is at most 50 bytes of UTF-8, without trailing spaces."""
    while len(text.encode()) > 50:
        text = text[:-1]
    return text.rstrip()


def without_rep(step: sk.Step, label: str) -> str:
    """An English label without its rep count (``", 2 of 3"`` or ``" — 2 of 3"``)."""
    if step.kind is not sk.StepKind.HOLD or step.reps == 1:
        return label
    for joint in (", ", " — "):
        if label.endswith(f"{joint}{step.rep} of {step.reps}"):
            return label.removesuffix(f"{joint}{step.rep} of {step.reps}")
    raise AssertionError(f"no rep count in {label!r}")


INTENSITY = {"hold": "active", "rest": "rest", "switch": "rest", "transition": "recovery"}


def expected(timeline: sk.Timeline) -> list[TimeStep]:
    """What a watch should play for ``timeline``, worked out from its public steps."""
    return [
        TimeStep(
            INTENSITY[step.kind.value],
            round(step.duration * 1000),
            cut(without_rep(step, label)),
            step.stretch.codes.get("fit") if step.kind is sk.StepKind.HOLD else None,
        )
        for step, label in zip(timeline, timeline.labels(), strict=True)
    ]


def listing(entries: list[TimeStep | RepeatStep]) -> str:
    """The workout steps as text, one a line."""
    lines = []
    for i, e in enumerate(entries):
        if isinstance(e, RepeatStep):
            lines.append(f"{i:2}  repeat from {e.first} until {e.runs} runs")
        else:
            code = f"  [{e.exercise}]" if e.exercise else ""
            lines.append(f"{i:2}  {e.intensity:<8}  {e.ms / 1000:5g} s  {e.name}{code}")
    return "\n".join(lines) + "\n"


def routine_of(*stretches: sk.Stretch, **options: Any) -> sk.Routine:
    return sk.Routine(name="Test", stretches=stretches, **options)


class TestToFit:
    """to_fit writes a workout that Garmin's SDK and fitdecode read back as the timeline."""

    def test_built_in_routine(self) -> None:
        """The built-in routine: at most 50 workout steps that play exactly its 57 steps."""
        tl = sk.compose(sk.catalog().routine("low-mid-back"))
        data = export.to_fit(tl)
        garmin, other = decode_garmin(data), decode_fitdecode(data)
        assert garmin.entries == other.entries
        assert 35 == len(garmin.entries) <= 50
        assert expected(tl) == play(garmin.entries)
        check_golden(GOLDEN / "low-mid-back.fit.txt", listing(garmin.entries))
        for decoded in (garmin, other):
            assert {
                "type": "workout",
                "manufacturer": "development",
                "product": 0,
                "serial_number": decoded.file_id["serial_number"],
                "time_created": datetime.datetime(2021, 9, 8, 1, 46, 40, tzinfo=datetime.UTC),
            } == decoded.file_id
            assert 0 < decoded.file_id["serial_number"] < 2**32 - 1
            assert {
                "wkt_name": "Low and Mid Back",
                "sport": "training",
                "sub_sport": "flexibility_training",
                "num_valid_steps": 35,
            } == decoded.workout

    @pytest.mark.parametrize("level", [0, 1])
    def test_built_in_routine_at_every_level(self, level: float) -> None:
        """From the gentlest to the fullest, the built-in routine fits in 50 workout steps."""
        tl = sk.compose(sk.catalog().routine("low-mid-back"), level)
        entries = decode_garmin(export.to_fit(tl)).entries
        assert len(entries) <= 50
        assert expected(tl) == play(entries)

    @given(sks.timelines(max_stretches=3))
    def test_plays_back_any_timeline(self, tl: sk.Timeline) -> None:
        """For generated routines, both decoders play back exactly the timeline's
        intensities, durations, names and exercises."""
        data = export.to_fit(tl, max_steps=FOREVER)
        want = expected(tl)
        garmin = decode_garmin(data)
        assert garmin.entries == decode_fitdecode(data).entries
        assert want == play(garmin.entries)
        assert len(garmin.entries) == garmin.workout["num_valid_steps"] <= len(tl)
        assert cut(tl.routine.name) == garmin.workout["wkt_name"]

    @pytest.mark.parametrize(
        ("stretch", "entries"),
        [
            (  # sides alternate: the first pair, then the pair with its switch again
                sk.Stretch(name="Twist", hold=20, reps=3, sides="each", switch=5),
                ["Twist — left", "Switch to the right side", "Twist — right",
                 "Switch to the left side", "Twist — left", "Switch to the right side", "Twist — right",
                 RepeatStep(3, 2)],
            ),
            (  # sides blocked, with rests
                sk.Stretch(name="Lunge", hold=20, reps=3, sides="each", side_order="blocked",
                           rest=10, switch=5),
                ["Lunge — left", "Rest", "Lunge — left", RepeatStep(1, 2),
                 "Switch to the right side", "Lunge — right", "Rest", "Lunge — right", RepeatStep(6, 2)],
            ),
            (  # poses back to back, with a rest between reps
                sk.Stretch(name="Flow", hold=3, reps=4, rest=5,
                           poses=[sk.Pose(name="Up"), sk.Pose(name="Down")]),
                ["Flow (Up)", "Flow (Down)", "Rest", "Flow (Up)", "Flow (Down)", RepeatStep(2, 3)],
            ),
        ],
    )  # fmt: skip
    def test_shapes(self, stretch: sk.Stretch, entries: list[str | RepeatStep]) -> None:
        """Reps fold into flat repeats that start as late as they can, lined up with the reps."""
        tl = sk.compose(routine_of(stretch))
        decoded = decode_garmin(export.to_fit(tl)).entries
        assert entries == [e if isinstance(e, RepeatStep) else e.name for e in decoded]
        assert expected(tl) == play(decoded)

    def test_rounds_and_lead_in(self) -> None:
        """Rounds after a lead-in fold too, and play back exactly."""
        cat = sk.catalog()
        routine = routine_of(
            cat.stretch("knee-to-chest"), cat.stretch("cat-cow"), lead_in=5, transition=10, rounds=3
        )
        tl = sk.compose(routine)
        entries = decode_fitdecode(export.to_fit(tl)).entries
        assert len(entries) < len(tl)
        assert expected(tl) == play(entries)

    def test_names_are_cut_on_a_character_boundary(self) -> None:
        """A long name of multi-byte characters is cut to at most 50 bytes of UTF-8, whole characters only."""
        name = "Étirement très très long du dos — 🧘 ünd nöch länger"  # é, —, 🧘: 2, 3 and 4 bytes
        title = "a" * 47 + " 🧘"  # 🧘 takes bytes 49 to 52
        tl = sk.compose(sk.Routine(name=title, stretches=[sk.Stretch(name=name, hold=10, sides="each")]))
        garmin = decode_garmin(export.to_fit(tl))
        names = [e.name for e in garmin.entries if isinstance(e, TimeStep)]
        assert [cut(f"{name} — left"), cut(f"{name} — right")] == names
        assert "Étirement très très long du dos — 🧘 ünd n" == names[0]  # byte 50 is half of the "ö"
        assert "a" * 47 == garmin.workout["wkt_name"]  # no half emoji, no trailing space
        for text in [*names, garmin.workout["wkt_name"]]:
            assert len(text.encode()) <= 50
            assert "\ufffd" not in text
        assert names == [
            e.name for e in decode_fitdecode(export.to_fit(tl)).entries if isinstance(e, TimeStep)
        ]

    def test_step_names_in_other_languages(self) -> None:
        """language= names the steps in that language, still without the rep count."""
        tl = sk.compose(sk.catalog().routine("low-mid-back"))
        names = [
            e.name for e in decode_garmin(export.to_fit(tl, language="de")).entries if isinstance(e, TimeStep)
        ]
        assert [
            "Vorbereitung: Knie zur Brust",
            "Knie zur Brust — links",
            "Wechsel zur rechten Seite",
        ] == names[:3]
        assert "Katze-Kuh (Kuh)" in names
        with pytest.raises(sk.ValidationError, match="language: expected one of 'en', 'de', 'es', 'fr'"):
            export.to_fit(tl, language="xx")

    def test_catalog_exercises(self) -> None:
        """The built-in stretches that FIT has an exercise for carry it; the others none."""
        codes = {s.id: s.codes.get("fit") for s in sk.catalog().stretches.values()}
        assert {
            "knee-to-chest": "warm_up/stretch_lying_knee_to_chest",
            "double-knee-to-chest": None,
            "seated-twist": "pose/seated_easy_twist",
            "trunk-rotation": "warm_up/stretch_lying_spinal_twist",
            "cat-cow": "warm_up/stretch_cat_cow",
            "seated-forward-bend": "pose/seated_long_leg_forward_bend",
            "passive-back-bend": None,
        } == codes
        for code in filter(None, codes.values()):
            category, name = code.split("/")
            assert name in TYPES[f"{category}_exercise_name"].values()

    def test_unknown_exercise_codes(self) -> None:
        """A FIT code that is not an exercise of the profile is refused, naming the stretch and the code."""
        good = sk.Stretch(name="Good", hold=5, codes={"fit": "warm_up/stretch_cat_cow", "other": "x"})
        routine = routine_of(
            good,
            sk.Stretch(name="Typo", hold=5, codes={"fit": "warm_up/stretch_cat_cows"}),
            sk.Stretch(name="Shouting", hold=5, codes={"fit": "WARM_UP/STRETCH_CAT_COW"}),
            sk.Stretch(name="Bare", hold=5, codes={"fit": "stretch_cat_cow"}),
        )
        with pytest.raises(sk.ValidationError) as info:
            export.to_fit(sk.compose(routine))
        assert [
            "routine.stretches[1].codes.fit",
            "routine.stretches[2].codes.fit",
            "routine.stretches[3].codes.fit",
        ] == [path for path, _ in info.value.problems]
        assert "stretch 'typo': 'warm_up/stretch_cat_cows' is not an exercise of the FIT profile" in str(
            info.value
        )

    def test_every_exercise_of_garmins_profile(self) -> None:
        """Every exercise of Garmin's profile that fit-tool's knows resolves to Garmin's numbers."""
        from fit_tool.profile import profile_type

        for category_number, category in TYPES["exercise_category"].items():
            camel = "".join(word.capitalize() for word in category.split("_"))
            known = {m.value for m in getattr(profile_type, f"{camel}ExerciseName", [])}
            for number, name in TYPES.get(f"{category}_exercise_name", {}).items():
                found = _fit.exercise_numbers(f"{category}/{name}")
                # fit-tool's profile may be older than Garmin's: only what it lacks is missing.
                assert ((category_number, number) if number in known else None) == found, name
        assert (31, 38) == _fit.exercise_numbers("warm_up/stretch_cat_cow")
        assert (31, 1) == _fit.exercise_numbers("warm_up/neck_tilts")
        assert (14, 0) == _fit.exercise_numbers("lateral_raise/45_degree_cable_external_rotation")
        for bad in ["lateral_raise/n45_degree_cable_external_rotation", "Warm_up/neck_tilts", "unknown/x"]:
            assert _fit.exercise_numbers(bad) is None
        for bad in ["warm_up/", "/", "", "warm_up/neck_tilts/x", " warm_up/neck_tilts"]:
            assert _fit.exercise_numbers(bad) is None

    def test_deterministic(self) -> None:
        """The same timeline gives the same bytes, in other processes and hash seeds too."""
        tl = sk.compose(sk.catalog().routine("low-mid-back"))
        data = export.to_fit(tl)
        assert data == export.to_fit(sk.compose(sk.catalog().routine("low-mid-back")))
        code = (
            "import sys, stretchkit as sk; from stretchkit.export import to_fit; "
            "sys.stdout.buffer.write(to_fit(sk.compose(sk.catalog().routine('low-mid-back'))))"
        )
        for seed in ("0", "12345"):
            done = subprocess.run(
                [sys.executable, "-c", code],
                capture_output=True,
                timeout=60,
                check=True,
                env={**os.environ, "PYTHONHASHSEED": seed},
            )
            assert data == done.stdout
        other = sk.compose(sk.catalog().routine("low-mid-back"), 0.4)
        assert (
            decode_garmin(data).file_id["serial_number"]
            != decode_garmin(export.to_fit(other)).file_id["serial_number"]
        )

    def test_max_steps(self) -> None:
        """More workout steps than max_steps (50 by default) is refused, saying how many it needs."""
        cat = sk.catalog()
        stretches = cat.routine("low-mid-back").stretches
        three = sk.Routine(name="Three", stretches=stretches, lead_in=5, transition=10, rounds=3)
        tl = sk.compose(three)
        with pytest.raises(
            sk.TimelineTooLarge, match="'Three' needs 93 FIT workout steps, over the limit of 50"
        ) as info:
            export.to_fit(tl)
        assert (93, 50) == (info.value.steps, info.value.limit)
        entries = decode_garmin(export.to_fit(tl, max_steps=93)).entries
        assert 93 == len(entries)
        assert expected(tl) == play(entries)

    def test_max_steps_before_folding(self) -> None:
        """A timeline with more different steps than max_steps is refused before folding."""
        many = routine_of(*(sk.Stretch(name=f"S{i}", hold=10) for i in range(12)))
        with pytest.raises(sk.TimelineTooLarge, match="'Test' needs at least 12 FIT workout steps") as info:
            export.to_fit(sk.compose(many), max_steps=11)
        assert (12, 11) == (info.value.steps, info.value.limit)

    @pytest.mark.parametrize("bad", [0, 4097, True, 50.0, "50", None])
    def test_bad_max_steps(self, bad: object) -> None:
        """max_steps is a whole number from 1 to 4,096."""
        tl = sk.compose(routine_of(sk.Stretch(name="Hug", hold=5)))
        with pytest.raises(sk.ValidationError, match="max_steps: expected a whole number from 1 to 4096"):
            export.to_fit(tl, max_steps=bad)  # type: ignore[arg-type]

    def test_not_a_timeline(self) -> None:
        """Anything but a timeline is refused with a clear message."""
        with pytest.raises(sk.ValidationError, match="timeline: expected a Timeline, got Routine"):
            export.to_fit(sk.catalog().routine("low-mid-back"))  # type: ignore[arg-type]

    def test_missing_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without fit-tool, a StretchkitError names the pip install to run."""
        monkeypatch.setitem(sys.modules, "fit_tool", None)  # makes `import fit_tool` fail
        tl = sk.compose(sk.catalog().routine("low-mid-back"))
        with pytest.raises(sk.StretchkitError, match=r"pip install 'stretchkit\[fit\]'"):
            export.to_fit(tl)

    def test_unknown_fit_tool_fields_are_caught(self) -> None:
        """A field name fit-tool does not know (it would silently write nothing) is an error."""
        from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage

        message = _fit._message(WorkoutStepMessage, 2, workout_step_name="Hug")
        assert "Hug" == message.workout_step_name
        with pytest.raises(sk.StretchkitError, match="fit-tool has no field 'repeat_steps'"):
            _fit._message(WorkoutStepMessage, 2, repeat_steps=3)

    def test_fit_tool_stays_unloaded(self) -> None:
        """Importing stretchkit.export does not import fit-tool; only to_fit does."""
        code = "import sys, stretchkit.export; print('fit_tool' in sys.modules)"
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
        )
        assert "False" == done.stdout.strip()

    def test_our_tests_package(self) -> None:
        """garmin-fit-sdk installs a package named `tests`; ours is the one imported here."""
        import tests

        assert Path(__file__).parent == Path(tests.__file__).parent


class TestCommand:
    """stretchkit export --format fit."""

    def test_to_a_file(self, tmp_path: Path) -> None:
        """-o writes the FIT file, the same bytes as to_fit."""
        target = tmp_path / "routine.fit"
        assert 0 == _cli.main(
            ["export", "low-mid-back", "--format", "fit", "-o", str(target)], out=io.StringIO()
        )
        tl = sk.compose(sk.catalog().routine("low-mid-back"))
        assert export.to_fit(tl) == target.read_bytes()
        assert expected(tl) == play(decode_fitdecode(target.read_bytes()).entries)

    def test_to_a_pipe(self) -> None:
        """Without -o, the bytes go to standard output when it is not a terminal."""
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        assert 0 == _cli.main(["export", "low-mid-back", "--format", "fit", "--level", "0"], out=out)
        data = out.buffer.getvalue()
        assert export.to_fit(sk.compose(sk.catalog().routine("low-mid-back"), 0)) == data

    def test_not_to_a_terminal(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Binary is not written to a terminal: a clear message asks for -o instead."""

        class Terminal(io.TextIOWrapper):
            def isatty(self) -> bool:
                return True

        for out in (io.StringIO(), Terminal(io.BytesIO())):
            assert 1 == _cli.main(["export", "low-mid-back", "--format", "fit"], out=out)
            assert "a FIT file is binary, not for the terminal: write it to a file with -o FILE" in (
                capsys.readouterr().err
            )

    def test_errors(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Too many steps, or a file that cannot be written: one line, exit status 1."""
        doc = tmp_path / "long.json"
        routine = sk.catalog().routine("low-mid-back")
        sk.dump(sk.Routine(name="Long", stretches=routine.stretches, lead_in=5, transition=10, rounds=3), doc)
        assert 1 == _cli.main(["export", str(doc), "--format", "fit", "-o", str(tmp_path / "x.fit")])
        assert (
            "stretchkit: error: 'Long' needs 93 FIT workout steps, over the limit of 50\n"
            == capsys.readouterr().err
        )
        assert not (tmp_path / "x.fit").exists()
        target = tmp_path / "missing" / "x.fit"
        assert 1 == _cli.main(["export", "low-mid-back", "--format", "fit", "-o", str(target)])
        assert f"stretchkit: error: cannot write {target}" in capsys.readouterr().err
