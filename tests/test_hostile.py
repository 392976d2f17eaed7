"""Hostile numbers and objects: refused or normalised the same way everywhere,
never a crash inside (issue: reliability)."""

from __future__ import annotations

import datetime
import json
import math
import os
import tracemalloc
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import cast

import numpy as np
import pytest

import stretchkit as sk
from stretchkit._numbers import describe, real


class LyingInt(int):
    """An int that lies about itself in every way it can."""

    def __int__(self) -> int:
        return 7

    def __index__(self) -> int:
        return 7

    def __eq__(self, other: object) -> bool:
        return True

    def __lt__(self, other: object) -> bool:
        return False

    def __gt__(self, other: object) -> bool:
        return False

    def __le__(self, other: object) -> bool:
        return True

    def __ge__(self, other: object) -> bool:
        return True

    __hash__ = int.__hash__


class RaisingInt(int):
    """An int whose comparisons raise."""

    def __lt__(self, other: object) -> bool:
        raise RuntimeError("no")

    __gt__ = __le__ = __ge__ = __lt__
    __hash__ = int.__hash__


def _routine(**dose: object) -> sk.Routine:
    return sk.Routine(name="R", stretches=[sk.Stretch(name="S", hold=5, **dose)])  # type: ignore[arg-type]


class TestNumbers:
    """Every real number type, and none but them."""

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (LyingInt(-5), -5),
            (np.int64(3), 3),
            (np.float64(2.5), 2.5),
            (Fraction(3, 2), 1.5),
            (Fraction(4, 2), 2),
            (Decimal("2"), 2),
            (Decimal("0.25"), 0.25),
            (True, None),
            (np.bool_(True), None),
            ("3", None),
            (None, None),
        ],
    )
    def test_real(self, value: object, expected: object) -> None:
        """real() gives the exact built-in number, or None."""
        got = real(value)
        assert (expected, type(expected)) == (got, type(got))

    def test_describe_is_bounded(self) -> None:
        """Huge integers, deep nesting and hostile reprs are described briefly."""
        deep: list[object] = []
        node = deep
        for _ in range(10_000):
            node.append([])
            node = node[0]  # type: ignore[assignment]

        class Hostile:
            def __repr__(self) -> str:
                raise RuntimeError("no")

        assert "about 10001 digits" in describe(10**10_000)
        assert len(describe(deep)) < 80
        assert describe(Hostile()).endswith("(Hostile)")  # a repr that raises is not repeated

    @pytest.mark.parametrize("value", [LyingInt(-5), RaisingInt(-5)])
    def test_range_trusts_no_subclass(self, value: int) -> None:
        """Range(LyingInt(-5)) is -5, refused; a raising comparison never escapes."""
        with pytest.raises(sk.ValidationError, match="must not be negative, got -5"):
            sk.Range(value)

    @pytest.mark.parametrize(
        "value", [10**400, -(10**400), 2**53 + 1], ids=["10**400", "-10**400", "2**53+1"]
    )
    def test_huge_integers(self, value: int) -> None:
        """Integers of any size are refused with a message, never an OverflowError."""
        with pytest.raises(sk.ValidationError):
            sk.Range(abs(value))
        with pytest.raises(sk.ValidationError, match="level"):
            sk.compose(_routine(), value)
        tl = sk.compose(_routine())
        with pytest.raises(sk.ValidationError, match="t: must be in"):
            tl.at(value)
        with pytest.raises(sk.ValidationError, match="must be at most"):
            sk.Stretch(name="S", hold=abs(value))

    @pytest.mark.parametrize("value", [10**400, -(10**400)], ids=["10**400", "-10**400"])
    def test_huge_integers_in_number_fields(self, value: int) -> None:
        """Levels and seconds kept as floats (programs, records) refuse an integer no float
        holds with a message naming the field, in objects and documents (found by tools/fuzz.py)."""
        routine = _routine()
        with pytest.raises(sk.ValidationError, match=r"^end_level: must be from 0 to 1, got "):
            sk.Program(name="P", routines=[routine], end_level=value)
        with pytest.raises(sk.ValidationError, match=r"level: must be from 0 to 1, got "):
            sk.SessionRecord(
                date=datetime.date(2026, 1, 1), routine="r", level=value, planned=60, held=60, completed=True
            )
        doc = cast(dict[str, object], sk.to_dict(sk.Program(name="P", routines=[routine])))
        with pytest.raises(sk.ValidationError, match=r"\$\.end_level: must be from 0 to 1, got "):
            sk.from_dict(sk.Program, {**doc, "end_level": value})
        with pytest.raises(sk.ValidationError, match=r"\$\.end_level: must be from 0 to 1, got "):
            sk.from_json(sk.Program, json.dumps({**doc, "end_level": value}))

    def test_a_final_newline_is_no_slug(self) -> None:
        """Ids, targets, equipment and codes' systems refuse a slug with a newline after it
        (Python's "$" matches before one; the schema's does not), and a document key with a
        newline is quoted in TOML, which then reads it back."""
        with pytest.raises(sk.ValidationError, match=r"^id: must be a slug"):
            sk.Stretch(name="A", id="seated-twist\n", hold=1)
        with pytest.raises(sk.ValidationError, match=r"^targets: must be a slug"):
            sk.Stretch(name="A", hold=1, targets={"neck\n"})
        with pytest.raises(sk.ValidationError, match=r"^codes: keys: must be a slug"):
            sk.Stretch(name="A", hold=1, codes={"fit\n": "x"})
        doc = cast(dict[str, object], sk.to_dict(_routine()))
        with pytest.raises(sk.ValidationError, match=r"\$\.stretches\[0\]\.id: must be a slug"):
            sk.from_dict(sk.Routine, {**doc, "stretches": [{"id": "a\n", "name": "A", "hold": 1}]})
        stretch = sk.Stretch(name="A", hold=1, meta={"key\n": 1})
        assert stretch == sk.from_toml(sk.Stretch, sk.to_toml(stretch))

    def test_an_id_that_is_no_string(self) -> None:
        """An id whose == answers with an array (numpy) is refused as not a string, not a ValueError."""
        with pytest.raises(sk.ValidationError, match=r"^id: expected a string, got array"):
            sk.Stretch(name="A", id=np.array(["a", "b"]), hold=1)  # type: ignore[arg-type]
        with pytest.raises(sk.ValidationError, match=r"^id: expected a string, got array"):
            sk.Routine(name="A", id=np.array(["a"]), stretches=[sk.Stretch(name="B", hold=1)])  # type: ignore[arg-type]

    def test_fit_any_number(self) -> None:
        """fit takes any real number of seconds and names the minimum clearly."""
        assert sk.fit(_routine(), Fraction(11, 2)).duration() == 5  # type: ignore[arg-type]
        with pytest.raises(sk.FitError, match=r"more than the 0\.5 s asked for"):
            sk.fit(_routine(), Fraction(1, 2))  # type: ignore[arg-type]
        with pytest.raises(sk.ValidationError, match="seconds: must not be negative"):
            sk.fit(_routine(), RaisingInt(-1))

    @pytest.mark.parametrize("level", [Fraction(1, 2), Decimal("0.5"), np.float64(0.5), 0.5])
    def test_levels_of_any_type(self, level: object) -> None:
        """compose takes any real level, and gives the same timeline."""
        assert sk.compose(_routine(reps=(1, 3)), 0.5) == sk.compose(_routine(reps=(1, 3)), level)  # type: ignore[arg-type]

    def test_huge_countdown_is_quick(self) -> None:
        """A countdown far longer than any hold says only what fits, at once."""
        tl = sk.compose(_routine())
        assert ["4", "3", "2", "1"] == [
            c.text for c in tl.cues(countdown=10**400) if c.kind is sk.CueKind.COUNTDOWN
        ]
        assert math.isfinite(tl.duration)


class LyingStr(str):
    """A string that lies about its length and blankness."""

    def __len__(self) -> int:
        return 3

    def strip(self, chars: str | None = None) -> str:
        return "x"

    def isspace(self) -> bool:
        return False

    __hash__ = str.__hash__


class TestTexts:
    """Names and free text: exact strings, visible names, no hidden tricks in names."""

    @pytest.mark.parametrize(
        ("name", "message"),
        [
            ("\u200b\u200b", "name: must not be blank"),
            ("\ufeff ", "name: must not be blank"),
            ("\u2060", "name: must not be blank"),
            ("abc\u202edef", "name: must not contain bidirectional overrides or line separators"),
            ("a\u2028b", "name: must not contain bidirectional overrides or line separators"),
            ("a\u2066b\u2069", "name: must not contain bidirectional overrides or line separators"),
            (LyingStr("   "), "name: must not be blank"),
            (LyingStr("x" * 300), "name: must be at most 200 characters"),
        ],
    )
    def test_names(self, name: str, message: str) -> None:
        """Refused in names, in the model and in documents alike."""
        with pytest.raises(sk.ValidationError, match=message):
            sk.Stretch(name=name, hold=1, id="s")
        doc = {"stretchkit": 1, "type": "stretch", "name": name, "hold": 1, "id": "s"}
        with pytest.raises(sk.ValidationError, match=f"\\$\\.{message}"):
            sk.from_dict(sk.Stretch, doc)

    def test_free_text_keeps_them(self) -> None:
        """Summaries and instructions may hold separators and bidi marks (any text may)."""
        s = sk.Stretch(
            name="S", hold=1, summary="a\u2028b \u202eright-to-left\u202c", instructions=["\u200b"]
        )
        assert s == sk.from_json(sk.Stretch, sk.to_json(s))

    def test_subclasses_are_stored_as_plain_strings(self) -> None:
        """A str subclass is kept as the plain string it holds, and writes and reads back."""
        s = sk.Stretch(name=LyingStr("Knee Hug"), hold=1, summary=LyingStr("ok"), targets=[LyingStr("neck")])
        assert (str, str) == (type(s.name), type(s.summary))
        assert {"neck"} == s.targets
        assert s == sk.from_json(sk.Stretch, sk.to_json(s))

    def test_integer_subclasses_are_judged_by_their_value(self) -> None:
        """Routine(rounds=LyingInt(5000)) is refused; numpy's ints are whole numbers."""
        hug = sk.Stretch(name="S", hold=1)
        with pytest.raises(sk.ValidationError, match="rounds: must be from 1 to 1000, got 5000"):
            sk.Routine(name="R", stretches=[hug], rounds=LyingInt(5000))
        routine = sk.Routine(name="R", stretches=[hug], rounds=np.int64(3))  # type: ignore[arg-type]
        assert (int, 3) == (type(routine.rounds), routine.rounds)
        assert 3 == len(sk.compose(routine, max_steps=np.int64(10)))  # type: ignore[arg-type]


class TestMeta:
    """meta: read-only JSON that every format can write."""

    def test_read_only(self) -> None:
        """The built-in catalog cannot be changed through a meta."""
        stretch = sk.Stretch(name="S", hold=1, meta={"a": [1, {"b": 2}]})
        with pytest.raises(TypeError):
            stretch.meta["x"] = 1  # type: ignore[index]
        with pytest.raises((TypeError, AttributeError)):
            stretch.meta["a"].append(3)  # type: ignore[attr-defined]
        assert {"a": [1, {"b": 2}]} == stretch.meta

    @pytest.mark.parametrize("value", [10**5000, 2**63, -(2**63) - 1], ids=["10**5000", "2**63", "-2**63-1"])
    def test_integers_fit_in_64_bits(self, value: int) -> None:
        """An integer no format can write is refused when the object is built."""
        with pytest.raises(sk.ValidationError, match="meta: integers must fit in 64 bits"):
            sk.Stretch(name="S", hold=1, meta={"n": value})
        assert sk.Stretch(name="S", hold=1, meta={"n": 2**63 - 1}).meta["n"] == 2**63 - 1


class TestTextFormats:
    """Parsers' own exceptions never escape."""

    @pytest.mark.parametrize(
        "text",
        [
            "stretchkit = 1\ntype = 'stretch'\nname = 'S'\nhold = " + "1" * 5000 + "\n",
        ],
    )
    def test_toml_long_integers(self, text: str) -> None:
        """An integer too long to read is a ValidationError, not Python's ValueError."""
        with pytest.raises(sk.ValidationError, match="invalid TOML"):
            sk.from_toml(sk.Stretch, text)

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("? [a]\n: 1\n", "a key must be a plain value"),
            ("? {a: 1}\n: 1\n", "a key must be a plain value"),
            ("? !!set {a}\n: 1\n", "a key must be a plain value"),
            ("hold: " + "1" * 5000 + "\n", "invalid YAML"),
            ("a: &x [1]\nb: *x\n", "aliases are not allowed"),
        ],
    )
    def test_yaml(self, tmp_path: object, text: str, message: str) -> None:
        """Complex keys, long integers and aliases are refused cleanly (libyaml's loader or not)."""
        from stretchkit._io import parse_yaml

        with pytest.raises(sk.ValidationError, match=message):
            parse_yaml(text)


class TestFiles:
    """load() checks a file's type and size before reading, and reads at most the limit."""

    def test_fifo_is_refused_without_blocking(self, tmp_path: Path) -> None:
        """A FIFO named x.json is refused at once (opening it does not wait for a writer)."""
        fifo = tmp_path / "x.json"
        os.mkfifo(fifo)
        with pytest.raises(sk.ValidationError, match="not a regular file"):
            sk.load(fifo)

    def test_link_to_a_device_is_refused(self, tmp_path: Path) -> None:
        """A link to /dev/zero is refused before a single byte is read."""
        link = tmp_path / "zero.json"
        link.symlink_to("/dev/zero")
        with pytest.raises(sk.ValidationError, match="not a regular file"):
            sk.load(link)

    def test_folder_and_long_names(self, tmp_path: Path) -> None:
        """A folder, and a file name longer than the system allows, are clear errors."""
        (tmp_path / "d.json").mkdir()
        with pytest.raises(sk.ValidationError, match="cannot read: a folder"):
            sk.load(tmp_path / "d.json")
        with pytest.raises(sk.ValidationError, match="cannot read"):
            sk.load(tmp_path / ("x" * 300 + ".json"))

    def test_unreadable(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file the system will not open is a ValidationError naming it (simulated: root reads anything)."""
        path = tmp_path / "r.json"
        path.write_text("{}", encoding="utf-8")

        def refuse(*args: object, **kwargs: object) -> int:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(os, "open", refuse)
        with pytest.raises(sk.ValidationError, match=r"r\.json: cannot read: Permission denied"):
            sk.load(path)

    def test_size_is_checked_first(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file over the limit is refused by its size, never read whole."""
        from stretchkit import _io

        path = tmp_path / "big.json"
        path.write_bytes(b" " * 5000)
        monkeypatch.setattr(_io, "MAX_DOCUMENT_BYTES", 1000)
        reads: list[int] = []
        real_read = os.read

        def counting(fd: int, n: int) -> bytes:
            reads.append(n)
            return real_read(fd, n)

        monkeypatch.setattr(os, "read", counting)
        with pytest.raises(sk.ValidationError, match="too large: 5000 bytes, at most 1000"):
            sk.load(path)
        assert [] == reads


class TestForgedTimelines:
    """Timeline documents that disagree with their routine are refused before any large allocation."""

    def _doc(self, **routine: object) -> dict[str, object]:
        tl = sk.compose(sk.Routine(name="R", stretches=[sk.Stretch(name="S", hold=1, reps=2, rest=1)]))
        doc = sk.to_dict(tl)
        assert isinstance(doc, dict)
        doc["routine"].update(routine)
        return doc

    def test_a_tiny_document_claiming_an_enormous_expansion(self) -> None:
        """500 rounds x 1,000 reps with empty columns: refused by the closed form, nothing composed."""
        doc = self._doc(rounds=500)
        doc["routine"]["stretches"][0]["reps"] = 1000  # type: ignore[index]
        for column in doc["steps"].values():  # type: ignore[attr-defined]
            column.clear()
        doc["cues"] = []
        tracemalloc.start()
        with pytest.raises(sk.ValidationError) as info:
            sk.from_dict(sk.Timeline, doc)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert "$.steps.start: expected 999500 entries (the routine at its level), got 0" in info.value.errors
        assert peak < 5_000_000  # bytes: the 999,500 steps were never built

    def test_over_the_limit(self) -> None:
        """More steps than the loader's max_steps is refused before composing; the limit is an option."""
        routine = sk.Routine(name="R", stretches=[sk.Stretch(name="S", hold=1, reps=600)], rounds=2)
        tl = sk.compose(routine, max_steps=1200)
        text = sk.to_json(tl)
        with pytest.raises(sk.ValidationError, match="would have 1200 steps, over the limit of 1000"):
            sk.from_json(sk.Timeline, text, max_steps=1000)
        assert tl == sk.from_json(sk.Timeline, text, max_steps=1200)

    @pytest.mark.parametrize(
        ("column", "change", "message"),
        [
            ("start", lambda c: c.__setitem__(2, c[2] - 0.5), "$.steps.start[2]: expected 2"),  # an overlap
            ("start", lambda c: c.__setitem__(1, c[1] + 0.25), "$.steps.start[1]: expected 1"),  # a gap
            (
                "kind",
                lambda c: c.__setitem__(-1, "rest"),
                "$.steps.kind[2]: expected 'hold'",
            ),  # last not a hold
            ("duration", lambda c: c.append(1), "$.steps.duration: expected 3 entries"),  # a wrong count
        ],
    )
    def test_disagreeing_steps_are_named(self, column: str, change: object, message: str) -> None:
        """The first step that disagrees is named by its path."""
        doc = self._doc()
        change(doc["steps"][column])  # type: ignore[index, operator]
        with pytest.raises(sk.ValidationError) as info:
            sk.from_dict(sk.Timeline, doc)
        assert any(e.startswith(message) for e in info.value.errors), info.value.errors
