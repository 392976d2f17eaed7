"""The built-in catalog: the article's stretches and doses, and the Catalog type."""

from __future__ import annotations

import hashlib
import pickle
import re
from pathlib import Path

import pytest

import stretchkit as sk

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def cat() -> sk.Catalog:
    return sk.catalog()


class TestBuiltInCatalog:
    """The seven stretches and the routine from the article."""

    def test_ids_in_article_order(self, cat: sk.Catalog) -> None:
        """The catalog holds the seven stretches, in the article's order."""
        assert [
            "knee-to-chest",
            "double-knee-to-chest",
            "seated-twist",
            "trunk-rotation",
            "cat-cow",
            "seated-forward-bend",
            "passive-back-bend",
        ] == list(cat.stretches)
        assert ["low-mid-back"] == list(cat.routines)

    def test_knee_to_chest(self, cat: sk.Catalog) -> None:
        """Each leg, 20-30 s, lying on the back."""
        s = cat.stretch("knee-to-chest")
        assert (sk.Range(20, 30), sk.Range(1), sk.Sides.EACH, "supine") == (
            s.hold,
            s.reps,
            s.sides,
            s.position,
        )

    def test_double_knee_to_chest(self, cat: sk.Catalog) -> None:
        """Both legs together, 30 s."""
        s = cat.stretch("double-knee-to-chest")
        assert (sk.Range(30), sk.Sides.NONE, "supine") == (s.hold, s.sides, s.position)

    def test_seated_twist(self, cat: sk.Catalog) -> None:
        """Each side, 20-30 s, 2-4 times per side, alternating, a return to centre between sides."""
        s = cat.stretch("seated-twist")
        assert (sk.Range(20, 30), sk.Range(2, 4), sk.Sides.EACH, sk.SideOrder.ALTERNATE, "seated") == (
            s.hold,
            s.reps,
            s.sides,
            s.side_order,
            s.position,
        )
        assert s.switch.low > 0

    def test_trunk_rotation(self, cat: sk.Catalog) -> None:
        """Each side, 15-20 s, 3 times per side, alternating, starting to the right."""
        s = cat.stretch("trunk-rotation")
        assert (
            sk.Range(15, 20),
            sk.Range(3),
            sk.Sides.EACH,
            sk.SideOrder.ALTERNATE,
            sk.Side.RIGHT,
            "supine",
        ) == (
            s.hold,
            s.reps,
            s.sides,
            s.side_order,
            s.first_side,
            s.position,
        )
        assert {"shoulders", "neck"} <= s.targets

    def test_cat_cow(self, cat: sk.Catalog) -> None:
        """Cow on an inhale, cat on an exhale, a few seconds each, 5-10 times, on hands and knees."""
        s = cat.stretch("cat-cow")
        assert ["Cow", "Cat"] == [p.name for p in s.poses]
        assert [sk.Breath.INHALE, sk.Breath.EXHALE] == [p.breath for p in s.poses]
        assert (sk.Range(5, 10), "quadruped") == (s.reps, s.position)
        assert 1 <= s.hold.low <= s.hold.high <= 5

    def test_seated_forward_bend(self, cat: sk.Catalog) -> None:
        """20-30 s, rest upright 10-15 s, 3-5 times, with a towel, for hamstrings and glutes."""
        s = cat.stretch("seated-forward-bend")
        assert (sk.Range(20, 30), sk.Range(10, 15), sk.Range(3, 5), "seated") == (
            s.hold,
            s.rest,
            s.reps,
            s.position,
        )
        assert "towel" in s.equipment
        assert {"hamstrings", "glutes"} <= s.targets

    def test_passive_back_bend(self, cat: sk.Catalog) -> None:
        """Lying over a rolled towel or mat; a chosen hold, explained in the data."""
        s = cat.stretch("passive-back-bend")
        assert "supine" == s.position
        assert s.hold.low >= 30
        data = (Path(sk.__file__).parent / "data" / "catalog.toml").read_text(encoding="utf-8")
        assert "The article gives no time" in data

    def test_every_stretch_targets_the_back(self, cat: sk.Catalog) -> None:
        """Every stretch works the lower or mid back and has instructions."""
        for s in cat.stretches.values():
            assert s.targets & {"lower-back", "mid-back"}
            assert len(s.instructions) >= 3
            assert s.summary

    def test_routine(self, cat: sk.Catalog) -> None:
        """low-mid-back strings the seven stretches in order, with transitions."""
        r = cat.routine("low-mid-back")
        assert list(cat.stretches.values()) == list(r.stretches)
        assert r.transition.low > 0
        assert sk.compose(r).duration == r.duration()

    def test_instructions_are_our_own_words(self, cat: sk.Catalog) -> None:
        """No instruction or summary repeats a run of six words from the article."""
        lines = (FIXTURES / "article_runs.txt").read_text(encoding="utf-8").splitlines()
        runs = {line for line in lines if not line.startswith("#")}
        assert len(runs) > 500
        for s in cat.stretches.values():
            for text in (*s.instructions, s.summary):
                words = re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))
                for i in range(len(words) - 5):
                    digest = hashlib.sha1(" ".join(words[i : i + 6]).encode()).hexdigest()[:12]  # noqa: S324 - a fingerprint
                    assert digest not in runs, f"{s.id}: {' '.join(words[i : i + 6])!r} is the article's"

    def test_everything_composes_and_round_trips(self, cat: sk.Catalog) -> None:
        """Every stretch and routine composes and survives JSON and TOML."""
        for s in cat.stretches.values():
            assert s == sk.from_json(sk.Stretch, sk.to_json(s))
            assert s == sk.from_toml(sk.Stretch, sk.to_toml(s))
        for r in cat.routines.values():
            for level in (0, 0.5, 1):
                tl = sk.compose(r, level)
                assert tl == sk.from_json(sk.Timeline, sk.to_json(tl))
        assert cat == sk.from_json(sk.Catalog, sk.to_json(cat))
        assert cat == sk.from_toml(sk.Catalog, sk.to_toml(cat))

    def test_refs_resolve_against_the_built_in_catalog_by_default(self) -> None:
        """A routine document may name built-in stretches by ref."""
        doc = {
            "stretchkit": 1,
            "type": "routine",
            "name": "Mine",
            "stretches": [{"ref": "cat-cow", "reps": 3}],
        }
        routine = sk.from_dict(sk.Routine, doc)
        assert sk.Range(3) == routine.stretches[0].reps
        assert "cat-cow" == routine.stretches[0].id

    def test_cached(self) -> None:
        """catalog() loads once."""
        assert sk.catalog() is sk.catalog()


class TestCatalog:
    """The Catalog type."""

    hug = sk.Stretch(name="Hug", hold=30, targets={"lower-back"}, position="supine", equipment={"mat"})
    twist = sk.Stretch(name="Twist", hold=20, targets={"mid-back"}, position="seated")

    def test_lookups(self) -> None:
        """stretch() and routine() find by id; unknown ids are LookupErrors listing what exists."""
        cat = sk.Catalog(stretches=[self.hug], routines=[sk.Routine(name="R", stretches=[self.hug])])
        assert self.hug is cat.stretch("hug")
        assert "r" == cat.routine("r").id
        with pytest.raises(sk.UnknownStretchError, match="the catalog has: hug"):
            cat.stretch("nope")
        with pytest.raises(sk.UnknownRoutineError, match="the catalog has: r"):
            cat.routine("nope")
        with pytest.raises(LookupError):
            cat.stretch(["unhashable"])  # type: ignore[arg-type]

    def test_find(self) -> None:
        """find() filters by target, position and equipment together."""
        cat = sk.Catalog(stretches=[self.hug, self.twist])
        assert (self.hug,) == cat.find(target="lower-back")
        assert (self.twist,) == cat.find(position="seated")
        assert (self.hug,) == cat.find(equipment="mat")
        assert () == cat.find(target="lower-back", position="seated")
        assert (self.hug, self.twist) == cat.find()

    def test_invalid(self) -> None:
        """Duplicate ids and wrong types are refused, all at once."""
        with pytest.raises(sk.ValidationError) as info:
            sk.Catalog(stretches=[self.hug, self.hug, "x"])  # type: ignore[list-item]
        assert [
            "stretches[1]: duplicate id 'hug'",
            "stretches[2]: expected a Stretch, got 'x' (str)",
        ] == list(info.value.errors)
        with pytest.raises(sk.ValidationError, match="expected a list of Routine"):
            sk.Catalog(routines="abc")  # type: ignore[arg-type]

    def test_value_semantics(self) -> None:
        """Catalogs compare, hash and pickle as values; a mapping is accepted too."""
        a = sk.Catalog(stretches=[self.hug, self.twist])
        b = sk.Catalog(stretches={"x": self.hug, "y": self.twist})
        assert a == b
        assert hash(a) == hash(b)
        assert a == pickle.loads(pickle.dumps(a))
        swapped = sk.Catalog(stretches=[self.twist, self.hug])
        assert a == swapped  # equality by content...
        assert hash(a) == hash(swapped)  # ...so the hash may not depend on the order
        assert ["twist", "hug"] == list(swapped.stretches)  # while the order is kept
        assert "<Catalog: 2 stretches (hug, twist), 0 routines, 0 programs>" == repr(a)
        assert 2 == len(a.stretches)
