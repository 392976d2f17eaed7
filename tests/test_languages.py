"""Languages: the same texts in every language, filled the way each writes them."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

import stretchkit as sk
from stretchkit._languages import fill, number_text, plural
from stretchkit._texts import TEXTS
from tests import strategies as sks


def _fields(template: object) -> object:
    """A template's shape: its placeholders, per plural form when it has them."""
    if isinstance(template, dict):
        return {form: _fields(text) for form, text in template.items()}
    return sorted({name for _, name, _, _ in string.Formatter().parse(str(template)) if name})


class TestTables:
    """Every language has the same keys, placeholders and plural shapes as English."""

    @pytest.mark.parametrize("language", sorted(set(TEXTS) - {"en"}))
    def test_same_keys_and_placeholders(self, language: str) -> None:
        """A key missing, extra, or with other placeholders in any language is an error."""
        english, other = TEXTS["en"], TEXTS[language]
        assert sorted(english) == sorted(other)
        for key in english:
            assert _fields(english[key]) == _fields(other[key]), key

    def test_languages(self) -> None:
        """languages() lists the four, English first."""
        assert ("en", "de", "es", "fr") == sk.languages()

    @pytest.mark.parametrize("language", sorted(TEXTS))
    def test_every_template_fills(self, language: str) -> None:
        """Each template formats with sample values, leaving no brace behind."""
        sample = {"name": "N", "pose": "P", "side": "S", "rep": 2, "reps": 3, "seconds": 5, "n": 3,
                  "breath": "B", "cue": "C", "label": "L", "time": "1:00", "index": 1, "count": 2,
                  "total": "2:00", "level": 0.5, "low": "1:00", "high": "2:00", "done": 1, "due": 2,
                  "file": "f.json"}  # fmt: skip
        for key in TEXTS[language]:
            text = fill(language, key, None, **sample)
            assert "{" not in text, key
            assert "}" not in text, key

    @pytest.mark.parametrize(
        ("language", "n", "expected"),
        [
            ("en", 1, "Hold 1 second"),
            ("en", 2, "Hold 2 seconds"),
            ("en", 1.5, "Hold 1.5 seconds"),
            ("de", 1, "Halte 1 Sekunde"),
            ("de", 2.5, "Halte 2,5 Sekunden"),
            ("es", 1, "Mantén 1 segundo"),
            ("es", 0.5, "Mantén 0,5 segundos"),
            ("fr", 1.5, "Maintenez 1,5 seconde"),
            ("fr", 2, "Maintenez 2 secondes"),
        ],
    )
    def test_plurals_and_decimal_commas(self, language: str, n: float, expected: str) -> None:
        """The number chooses the form, and is written as the language writes it."""
        assert expected == fill(language, "cue.start", seconds=n)

    @given(st.integers(0, 86_400_000), st.sampled_from(sorted(TEXTS)))
    def test_plural_rules(self, ms: int, language: str) -> None:
        """One for exactly 1 (French: 0 <= n < 2), else other; a decimal comma but in English."""
        n = ms / 1000
        one = 0 <= n < 2 if language == "fr" else n == 1
        assert ("one" if one else "other") == plural(language, n)
        text = number_text(n, language)
        assert ("," in text) == (language != "en" and ms % 1000 != 0)
        assert n == float(text.replace(",", "."))


class TestLabels:
    """Step labels in every language, with each stretch's own name there."""

    @given(sks.timelines(), st.sampled_from(sorted(TEXTS)))
    def test_one_per_step(self, tl: sk.Timeline, language: str) -> None:
        """labels() gives one text per step; English equals each Step.label."""
        labels = tl.labels(language)
        assert len(tl) == len(labels)
        assert all(labels)
        if language == "en":
            assert [s.label for s in tl] == list(labels)

    def test_built_in_names(self) -> None:
        """The built-in catalog names every stretch and pose in each language."""
        for stretch in sk.catalog().stretches.values():
            assert set(sk.languages()) == set(stretch.names)
            for pose in stretch.poses:
                assert set(sk.languages()) == set(pose.names)
                assert set(sk.languages()) - {"en"} == set(pose.cues)
        tl = sk.compose(sk.catalog().routine("low-mid-back"))
        assert "Drehsitz — links, 1 von 3" in tl.labels("de")
        assert "Torsion assise — gauche, 1 sur 3" in tl.labels("fr")
        assert "Gato-vaca (Vaca) — 1 de 8" in tl.labels("es")


class TestNames:
    """Stretch.names and Pose.names: a name per language, checked like any name."""

    def test_valid(self) -> None:
        """names is a read-only mapping, compared but not hashed."""
        a = sk.Stretch(name="Twist", hold=1, names={"de": "Drehsitz"})
        b = sk.Stretch(name="Twist", hold=1, names={"de": "Drehung"})
        assert {"de": "Drehsitz"} == a.names
        assert a != b
        assert hash(a) == hash(b)
        with pytest.raises(TypeError):
            a.names["fr"] = "Torsion"  # type: ignore[index]

    @pytest.mark.parametrize(
        ("names", "message"),
        [
            ({"it": "Torsione"}, "names: keys: expected one of 'en', 'de', 'es', 'fr', got 'it'"),
            ({"de": ""}, "names.de: must not be blank"),
            ({"de": 5}, "names.de: expected a string"),
            (["de"], "names: expected a mapping"),
        ],
    )
    def test_invalid(self, names: object, message: str) -> None:
        """Unknown languages and bad names are named."""
        with pytest.raises(sk.ValidationError, match=message):
            sk.Stretch(name="S", hold=1, names=names)  # type: ignore[arg-type]

    def test_documents(self) -> None:
        """names and cues round-trip through documents and are refused there when wrong."""
        cow = sk.Pose(name="Cow", names={"fr": "Vache"}, cue="Lift", cues={"fr": "Levez"})
        stretch = sk.Stretch(name="Cat-Cow", hold=2, poses=[cow], names={"fr": "Chat-vache"})
        assert stretch == sk.from_json(sk.Stretch, sk.to_json(stretch))
        doc = {"stretchkit": 1, "type": "stretch", "name": "S", "hold": 1, "names": {"xx": "Y"}}
        with pytest.raises(sk.ValidationError, match=r"\$\.names: keys: expected one of"):
            sk.from_dict(sk.Stretch, doc)
