"""Fuzzing the loaders: whatever they are given, they return a valid object or
raise a StretchkitError — never another exception, never a hang.

The inputs are arbitrary bytes and JSON-like values, and, above all, the
documents the library itself writes (for every document type), mutated: keys
deleted, values swapped for other types, huge and tiny numbers, NaN, deep
nesting, duplicate keys, odd Unicode. CI runs a fixed budget (the Hypothesis
profile); ``python tools/fuzz.py`` runs a large one (see docs/testing.md).
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stretchkit as sk
from stretchkit._documents import DOCUMENTS
from tests import strategies as sks

# Every budget here is in examples per test, scaled by the profile (tools/fuzz.py raises it).
TYPES = [dt.cls for dt in DOCUMENTS.values()]
# The profile sets the budget and the deadline (none in CI, where the machine may be busy;
# tools/fuzz.py gives every example one, so that a hang fails).
# CI runs at most 100 examples per loader test (the long runs are tools/fuzz.py's).
_BUDGET = settings().max_examples
if os.environ.get("HYPOTHESIS_PROFILE") != "fuzz":
    _BUDGET = min(_BUDGET, 100)
_DEADLINE = settings(
    max_examples=_BUDGET, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

_odd_values = sks.odd_values
mutated = sks.mutated


def _loads_or_refuses(load: object, *args: object) -> None:
    """The loader returns an object of a document type or raises a StretchkitError, nothing else."""
    try:
        result = load(*args)  # type: ignore[operator]
    except sk.StretchkitError:
        return
    assert isinstance(result, (*TYPES, sk.Pose, sk.Range))


def _duplicate_a_key(text: str) -> str:
    """JSON text with its first key written twice (the second time with another value)."""
    at = text.find('":')
    start = text.rfind('"', 0, at)
    return text if at < 0 else text[:start] + text[start : at + 2] + "0," + text[start:]


class TestLoaders:
    """Every loader, every document type."""

    @_DEADLINE
    @given(st.sampled_from([*TYPES, sk.Pose, sk.Range]), st.one_of(mutated(), _odd_values))
    def test_from_dict(self, cls: type, doc: object) -> None:
        """from_dict of any value, above all mutated documents."""
        _loads_or_refuses(sk.from_dict, cls, doc)

    @_DEADLINE
    @given(st.sampled_from(TYPES), mutated(), st.booleans())
    def test_from_json(self, cls: type, doc: object, duplicate: bool) -> None:
        """from_json of mutated documents' text (NaN and huge numbers included), with duplicate keys."""
        try:
            text = json.dumps(doc, ensure_ascii=False, allow_nan=True, default=str)
        except RecursionError:  # too deep for the writer of the test itself; from_dict gets those
            return
        if duplicate:
            text = _duplicate_a_key(text)
        _loads_or_refuses(sk.from_json, cls, text)
        _loads_or_refuses(sk.from_json, cls, text.encode("utf-8", "surrogatepass"))

    @_DEADLINE
    @given(st.sampled_from(TYPES), mutated())
    def test_from_toml(self, cls: type, doc: object) -> None:
        """from_toml of mutated documents written as TOML (where TOML can hold them)."""
        from stretchkit._toml import dumps

        try:
            text = dumps(doc)  # type: ignore[arg-type]
        except (sk.StretchkitError, RecursionError):
            return  # not a TOML document: the text tests cover arbitrary text
        _loads_or_refuses(sk.from_toml, cls, text)

    @_DEADLINE
    @given(st.sampled_from(TYPES), st.binary(max_size=300) | st.text(max_size=300))
    def test_arbitrary_text(self, cls: type, text: bytes | str) -> None:
        """Arbitrary bytes and text to every text loader."""
        from stretchkit._io import parse_yaml

        for load in (sk.from_json, sk.from_toml):
            _loads_or_refuses(load, cls, text)
        with contextlib.suppress(sk.StretchkitError):
            parse_yaml(text)

    @_DEADLINE
    @given(mutated(), st.sampled_from([".json", ".toml", ".yaml"]))
    def test_load(self, tmp_path_factory: pytest.TempPathFactory, doc: object, suffix: str) -> None:
        """load() of mutated documents in every format."""
        from stretchkit._toml import dumps

        path: Path = tmp_path_factory.mktemp("fuzz") / f"doc{suffix}"
        try:
            if suffix == ".json":
                text = json.dumps(doc, allow_nan=True, default=str)  # may be too deep to write
            elif suffix == ".toml":
                text = dumps(doc)  # type: ignore[arg-type]
            else:
                text = yaml.safe_dump(doc)
        except (sk.StretchkitError, RecursionError, ValueError, yaml.YAMLError):
            return  # a value this format cannot write
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        _loads_or_refuses(sk.load, path)


def test_the_fuzzer_mutates() -> None:
    """The mutator really changes documents (a fuzzer of unchanged documents would test nothing)."""
    changed = 0

    @settings(max_examples=50, deadline=None, database=None)
    @given(mutated())
    def count(doc: object) -> None:
        nonlocal changed
        try:
            sk.from_dict(DOCUMENTS_BY_TYPE[doc["type"]], doc)  # type: ignore[index]
        except (sk.StretchkitError, KeyError, TypeError):
            changed += 1

    count()
    assert changed > 10


def test_the_fuzzer_copies_its_samples() -> None:
    """No document holds one of the shared samples itself: a later mutation would change the
    sample, and the next examples would differ from what their choices say (Hypothesis then
    reports inconsistent data generation, hiding what the run found)."""
    shared = {id(x) for x in sks.ODD_SAMPLES if isinstance(x, list | dict)}
    found = []

    def walk(doc: object) -> None:  # without recursion: documents nest thousands deep
        stack = [doc]
        while stack:
            node = stack.pop()
            if id(node) in shared:
                found.append(node)
            stack.extend(node.values() if isinstance(node, dict) else node if isinstance(node, list) else ())

    @settings(max_examples=100, deadline=None, database=None)
    @given(mutated())
    def check(doc: object) -> None:
        walk(doc)

    check()
    assert [] == found


DOCUMENTS_BY_TYPE = {dt.name: dt.cls for dt in DOCUMENTS.values()}
