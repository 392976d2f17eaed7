"""Frontends: the player module in JavaScript agrees with Python; the TypeScript types hold.

Node.js runs the module's own tests (``node --test``), then the module on
timeline documents that Python wrote, whose answers Python compares with its
own (``stateAt`` with ``Timeline.state`` at every step boundary and hundreds
of instants, the player's positions, statuses, held time and cues with
:class:`stretchkit.Player`'s), and ajv validates the documents the library
writes against the published schemas. ``tsc --strict`` checks the example
frontend and real documents against ``stretchkit.d.ts``. Each tool is
launched once for many cases, so the suite stays fast.

The test tools (ajv, typescript) are pinned in tests/js/package-lock.json:
``npm ci`` in tests/js installs them (``.ci/run`` does). Without them, or
without Node 18+, these tests fail in CI (``CI`` set) and are skipped
elsewhere, saying what to install.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any, NoReturn

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stretchkit as sk
import stretchkit.export
from stretchkit._documents import DOCUMENTS
from stretchkit._timeline import DOCUMENT_COLUMNS
from stretchkit.export import to_player_module, to_typescript
from tests import strategies as sks
from tests.golden import check_golden
from tests.js_samples import SAMPLES_DIR, samples

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "tests" / "js"
NODE_MODULES = JS / "node_modules"
SCHEMA_DIR = ROOT / "docs" / "schema"
EXAMPLE = ROOT / "examples" / "frontend"

#: How each document type is drawn, for ajv (a type added to DOCUMENTS needs one here).
STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    sk.Stretch: sks.stretches(),
    sk.Routine: sks.routines(max_stretches=3, max_rounds=2),
    sk.Catalog: sks.catalogs(max_stretches=3),
    sk.Program: sks.programs(),
    sk.Journal: sks.journals(),
    sk.SessionRecord: sks.session_records(),
}


def _missing(what: str, how: str) -> NoReturn:
    message = f"{what} is missing: {how}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def node() -> str:
    """Node.js, version 18 or later."""
    path = shutil.which("node")
    if path is None:
        _missing("Node.js 18+", "install Node.js 18 or later (nodejs and npm)")
    version = subprocess.run([path, "--version"], capture_output=True, text=True, check=True).stdout
    if int(version.strip().lstrip("v").split(".")[0]) < 18:
        pytest.fail(f"Node.js 18 or later is needed, found {version.strip()}")
    return path


@pytest.fixture(scope="module")
def tools(node: str) -> str:
    """Node, with the pinned test tools installed in tests/js/node_modules."""
    for package in ("ajv", "typescript"):
        if not (NODE_MODULES / package / "package.json").is_file():
            _missing(f"the test tool {package!r}", f"run `npm ci` in {JS}")
    return node


def run(args: list[str], *, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False)


# -- the module ---------------------------------------------------------------------


class TestModule:
    """What to_player_module() gives: the package's player.js, readable and inlinable."""

    def test_is_the_package_data(self) -> None:
        """The text of src/stretchkit/data/player.js, an ES module with the two entry points."""
        text = to_player_module()
        assert (ROOT / "src" / "stretchkit" / "data" / "player.js").read_text(encoding="utf-8") == text
        assert ["createPlayer", "loadTimeline"] == sorted(re.findall(r"^export function (\w+)", text, re.M))
        assert "import " not in text.replace("import {", "")  # no dependencies (the example aside)

    def test_every_export_has_jsdoc(self) -> None:
        """Each exported function is preceded by a JSDoc block with @param and @returns."""
        text = to_player_module()
        for name in ("loadTimeline", "createPlayer"):
            before = text[: text.index(f"export function {name}(")].rstrip()
            assert before.endswith("*/"), name
            block = before[before.rindex("/**") :]
            assert "@param" in block, name
            assert "@returns" in block, name

    def test_can_be_inlined_in_a_page(self) -> None:
        """Nothing in it can end a <script> element or open a comment there."""
        lowered = to_player_module().lower()
        assert "</script" not in lowered
        assert "<!--" not in lowered

    def test_columns_are_the_documents(self) -> None:
        """The columns the module requires are the document columns of COLUMNS."""
        found = re.search(r"^const COLUMNS = (\[.*\]);$", to_player_module(), re.M)
        assert found is not None
        assert sorted(DOCUMENT_COLUMNS) == sorted(json.loads(found[1]))


def test_samples_are_current() -> None:
    """tests/js/samples are the documents the library writes now."""
    made = samples()
    assert sorted(made) == sorted(p.name for p in SAMPLES_DIR.glob("*.json"))
    for name, text in made.items():
        check_golden(SAMPLES_DIR / name, text)


def test_node_unit_tests(node: str) -> None:
    """The module's own tests (node --test tests/js/player.test.mjs) pass."""
    done = run([node, "--test", "player.test.mjs"], cwd=JS)
    assert 0 == done.returncode, done.stdout[-6000:] + done.stderr[-2000:]
    assert re.search(r"^# fail 0$", done.stdout, re.M), done.stdout[-2000:]


# -- Python and JavaScript agree ----------------------------------------------------------


def _times(tl: sk.Timeline, rnd: random.Random) -> list[float]:
    """Every step's start, the instant before it, its last millisecond and middle;
    300 instants at random; the end and beyond; and one before the start."""
    d = tl.duration
    times: list[float] = []
    for step in tl:
        times += [step.start, (step.start + step.end) / 2, (round(step.end * 1000) - 1) / 1000]
        if step.index:
            times.append(step.start - 1e-9)
    times += [rnd.uniform(0, d) for _ in range(200)]
    times += [rnd.randrange(round(d * 1000)) / 1000 for _ in range(100)]
    return [*times, d, d + rnd.uniform(0, 10), -rnd.uniform(0.001, 1)]


def _random_ops(tl: sk.Timeline, rnd: random.Random, count: int = 150) -> list[list[Any]]:
    """Any operation, in any order, with a clock that jumps, stands still and goes back.

    Clock readings are often whole milliseconds (as from a real clock), whose
    differences carry float noise (0.3 - 0.1); seeks often land on a step's
    start, or 3 s and 3.001 s into it (where back() changes its mind).
    """
    d = tl.duration
    ops: list[list[Any]] = []
    now = rnd.uniform(-10, 1000)
    for _ in range(count):
        r = rnd.random()
        if r < 0.35:
            jump = rnd.choice([0.0, -rnd.uniform(0, 3), rnd.uniform(0, d / 10), rnd.uniform(0, 1), 5 * d])
            now += jump
            if rnd.random() < 0.5:
                now = round(now, rnd.choice([1, 3]))
            ops.append(["clock", now])
        elif r < 0.45:
            ops.append(["play"])
        elif r < 0.5:
            ops.append(["pause"])
        elif r < 0.6:
            start = rnd.choice(list(tl)).start
            where = rnd.choice([start, start + 3, start + 3.001, rnd.uniform(0, d), d, -rnd.uniform(0, 5)])
            ops.append(["seek", where if where <= d or rnd.random() < 0.2 else start])
        elif r < 0.68:
            ops.append(["skip"])
        elif r < 0.75:
            ops.append(["back"])
        elif r < 0.8:
            ops.append(["speed", rnd.choice([rnd.uniform(0.1, 8), 0.5, 1, 1.5, 3, 0, -1])])
        else:
            ops.append(["poll"])
    return ops


def _run_ops(tl: sk.Timeline, rnd: random.Random) -> list[list[Any]]:
    """One run from start to end without seeking: clock steps and polls, some
    pauses and speed changes."""
    now = rnd.uniform(0, 1e6)
    ops: list[list[Any]] = [["clock", now], ["play"], ["poll"]]
    position, speed = 0.0, 1.0
    while position <= tl.duration:
        r = rnd.random()
        if r < 0.05:
            speed = rnd.uniform(0.25, 4)
            ops.append(["speed", speed])
        elif r < 0.08:
            now += rnd.uniform(0, 100)
            ops += [["pause"], ["clock", now], ["play"]]
        step = rnd.uniform(0, tl.duration / 20)
        now = round(now + step, 3) if rnd.random() < 0.5 else now + step
        position += step * speed
        ops += [["clock", now], ["poll"]]
    return [*ops, ["clock", now + 1], ["poll"]]


def _as_js(state: sk.PlaybackState) -> dict[str, Any]:
    """A PlaybackState as the module's stateAt returns it."""
    return {
        "index": state.index,
        "elapsed": state.elapsed,
        "remaining": state.remaining,
        "stepElapsed": state.step_elapsed,
        "stepRemaining": state.step_remaining,
        "progress": state.progress,
    }


def _state(tl: sk.Timeline, t: float) -> dict[str, Any] | None:
    """Timeline.state(t) as stateAt(t) answers: null at or past the end, RangeError before 0."""
    try:
        return _as_js(tl.state(t))
    except sk.ValidationError:
        return None if t >= tl.duration else {"error": "RangeError"}


def _index(tl: sk.Timeline, t: float) -> int | str:
    try:
        return tl.index_at(t)
    except sk.ValidationError:
        return "RangeError"


def _trace(tl: sk.Timeline, language: str, ops: list[list[Any]]) -> list[dict[str, Any]]:
    """What tests/js/trace.mjs records, by the Python Player: the same reads in the same order."""
    now = [0.0]
    player = sk.Player(tl, clock=lambda: now[0], countdown=3, language=language)
    results = []
    for op, *args in ops:
        result: dict[str, Any] = {}
        try:
            if op == "clock":
                now[0] = args[0]
            elif op == "speed":
                player.speed = args[0]
            elif op == "poll":
                result["cues"] = [
                    {"time": c.time, "text": c.text, "kind": c.kind.value} for c in player.poll()
                ]
            else:
                getattr(player, op)(*args)
        except sk.ValidationError:
            result["error"] = "ValidationError"
        result["status"] = player.status.value
        result["position"] = player.position
        result["held"] = player.held
        result["completed"] = player.completed
        state = player.state
        result["state"] = None if state is None else _as_js(state)
        results.append(result)
    return results


def _same_trace(js: list[dict[str, Any]], py: list[dict[str, Any]], ops: list[list[Any]]) -> str | None:
    """None when the traces agree (an error in both counts as the same), else the first difference."""
    for i, (a, b) in enumerate(zip(js, py, strict=True)):
        if ("error" in a) != ("error" in b) or a.get("error", "RangeError") not in (
            "RangeError",
            "TypeError",
        ):
            return f"op {i} {ops[i]}: JavaScript {a}, Python {b}"
        if {k: v for k, v in a.items() if k != "error"} != {k: v for k, v in b.items() if k != "error"}:
            return f"op {i} {ops[i]}: JavaScript {a}, Python {b}"
    return None


def test_python_and_javascript_agree(tools: str, tmp_path: Path) -> None:
    """For timelines hypothesis writes, the module agrees with Python exactly.

    stateAt and indexAt equal Timeline.state and index_at at every step
    boundary (and around it) and 300 other instants; a player driven by the
    same operations and clock readings has the same status, position, held
    time, completion, state and cues after every operation; and every
    document the library writes is valid against its published schema for
    ajv, an independent validator.
    """
    cases: list[dict[str, Any]] = []
    expected: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = []

    @settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example])
    @given(
        sks.timelines(max_stretches=3, max_rounds=3),
        st.sampled_from(sk.languages()),
        st.integers(0, 2**32 - 1),
        st.data(),
    )
    def collect(tl: sk.Timeline, language: str, seed: int, data: st.DataObject) -> None:
        rnd = random.Random(seed)  # noqa: S311 - instants and operations: many, so not drawn one by one
        doc = sk.to_dict(tl, language=language)
        assert isinstance(doc, dict)
        times = _times(tl, rnd)
        runs = [_random_ops(tl, rnd), _run_ops(tl, rnd)]  # each on a new player
        traces = [_trace(tl, language, ops) for ops in runs]
        polled = [cue for result in traces[1] for cue in result.get("cues", [])]
        assert doc["cues"] == polled  # a run without seeks says every cue, once, in order
        cases.append({"doc": doc, "times": times, "runs": runs})
        expected.append(
            {
                "routine": sk.to_json(tl.routine),
                "level": tl.level,
                "states": [_state(tl, t) for t in times],
                "indexes": [_index(tl, t) for t in times],
                "traces": traces,
            }
        )
        for cls, dt in DOCUMENTS.items():
            if cls is not sk.Timeline:
                if cls not in STRATEGIES:
                    pytest.fail(f"add a strategy for {cls.__name__} documents to STRATEGIES")
                documents.append({"type": dt.name, "doc": sk.to_dict(data.draw(STRATEGIES[cls]))})
        routine = sk.to_dict(tl.routine)
        documents.append({"type": "routine", "doc": routine})

    collect()
    schemas = {dt.name: str(SCHEMA_DIR / f"{dt.name}.schema.json") for dt in DOCUMENTS.values()}
    for name, path in schemas.items():
        assert Path(path).is_file(), f"no published schema for {name} documents"
    job = tmp_path / "job.json"
    job.write_text(json.dumps({"schemas": schemas, "cases": cases, "documents": documents}), encoding="utf-8")
    results_path = tmp_path / "results.json"
    done = run([tools, "agree.mjs", str(job), str(results_path)], cwd=JS)
    assert 0 == done.returncode, done.stderr[-4000:]
    results = json.loads(results_path.read_text(encoding="utf-8"))

    instants = 0
    for case, want, got in zip(cases, expected, results["cases"], strict=True):
        where = f"routine {want['routine']} at level {want['level']!r}"
        assert got["schema"] == {"valid": True, "errors": []}, where
        for t, a, b in zip(case["times"], got["states"], want["states"], strict=True):
            assert a == b, f"stateAt({t!r}): JavaScript {a}, Python {b}; {where}"
        assert got["indexes"] == want["indexes"], where
        for ops, js, py in zip(case["runs"], got["traces"], want["traces"], strict=True):
            difference = _same_trace(js, py, ops)
            assert difference is None, f"{difference}; {where}"
        instants += len(case["times"])
    for document, verdict in zip(documents, results["documents"], strict=True):
        assert verdict["valid"], f"{verdict['errors']}: {json.dumps(document)[:2000]}"
    assert instants >= 300 * len(cases) > 0
    print(f"agreement: {len(cases)} timelines, {instants} instants, {len(documents)} other documents")


# -- TypeScript -------------------------------------------------------------------------


class TestTypeScript:
    """to_typescript(): one declaration per document type, from the schemas."""

    def test_published_file_is_current(self) -> None:
        """docs/schema/stretchkit.d.ts is what to_typescript() writes."""
        check_golden(SCHEMA_DIR / "stretchkit.d.ts", to_typescript())

    def test_every_document_type_is_declared(self) -> None:
        """One `<Type>Document` interface per entry of DOCUMENTS, with its version and type."""
        text = to_typescript()
        for dt in DOCUMENTS.values():
            name = "".join(p.capitalize() for p in dt.name.split("-")) + "Document"
            body = text[text.index(f"export interface {name} {{") :]
            assert f"  stretchkit: {dt.version};\n  type: {json.dumps(dt.name)};" in body[:200], name
        names = {"StretchDocument", "RoutineDocument", "TimelineDocument", "CatalogDocument"}
        assert names <= set(re.findall(r"export interface (\w+Document) ", text))

    def test_a_new_document_type_appears_by_itself(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A type added to DOCUMENTS is declared without touching the generator."""
        import attrs

        from stretchkit import _documents

        extra = attrs.evolve(_documents.DOCUMENTS[sk.Stretch], cls=sk.Pose, name="pose")
        monkeypatch.setitem(_documents.DOCUMENTS, sk.Pose, extra)
        assert "export interface PoseDocument {" in to_typescript()

    @pytest.mark.parametrize(
        "schema",
        [
            {"type": "string", "format": "date"},
            {"allOf": [{"type": "string"}]},
            {"type": "array", "prefixItems": [{"type": "number"}]},
            {"type": "object", "properties": {"a": {"type": "number"}}},
            {"$ref": "#/$defs/nothing"},
            {"type": "thing"},
        ],
    )
    def test_refuses_what_it_cannot_say_exactly(self, schema: dict[str, Any]) -> None:
        """A schema keyword the generator does not know is an error, not a loose type."""
        from stretchkit.export._typescript import _Writer

        with pytest.raises(ValueError, match=r"cannot write|must not allow|fixed-length|unknown"):
            _Writer().type(schema, "")

    def test_example_and_documents_type_check(self, tools: str, tmp_path: Path) -> None:
        """tsc --strict --noEmit accepts the example frontend and every document the library
        writes (as literals), and refuses a timeline document with a string where a list belongs."""
        shutil.copytree(EXAMPLE, tmp_path, dirs_exist_ok=True)
        (tmp_path / "player.js").write_text(to_player_module(), encoding="utf-8")
        (tmp_path / "stretchkit.d.ts").write_text(to_typescript(), encoding="utf-8")
        routine = sk.catalog().routine("low-mid-back")
        twist = sk.Stretch(name="Twist", hold=(20, 30), poses=[sk.Pose(name="A", breath="inhale")])
        literals = {
            "TimelineDocument": sk.to_dict(sk.compose(routine), language="fr"),
            "RoutineDocument": sk.to_dict(routine),
            "StretchDocument": sk.to_dict(twist),
            "CatalogDocument": sk.to_dict(sk.catalog()),
        }
        lines = ['import type * as sk from "./stretchkit.js";']
        for i, (name, doc) in enumerate(literals.items()):
            lines.append(f"export const doc{i}: sk.{name} = {json.dumps(doc, ensure_ascii=False)};")
            lines.append(f"export const any{i}: sk.StretchkitDocument = doc{i};")
        (tmp_path / "documents.ts").write_text("\n".join(lines) + "\n", encoding="utf-8")
        bad = json.loads(json.dumps(literals["TimelineDocument"]))
        bad["steps"]["start"] = "0, 5, 30"
        (tmp_path / "bad.ts").write_text(
            'import type { TimelineDocument } from "./stretchkit.js";\n'
            f"export const bad: TimelineDocument = {json.dumps(bad, ensure_ascii=False)};\n",
            encoding="utf-8",
        )
        tsc = str(NODE_MODULES / "typescript" / "bin" / "tsc")
        done = run([tools, tsc, "-p", ".", "--strict", "--noEmit", "--pretty", "false"], cwd=tmp_path)
        errors = [line for line in done.stdout.splitlines() if ": error TS" in line]
        assert errors, done.stdout
        assert all(line.startswith("bad.ts(") for line in errors), done.stdout
        assert "Type 'string' is not assignable to type 'number[]'" in done.stdout


# -- the command line -------------------------------------------------------------------


class TestExportCommand:
    """stretchkit export --format ts|js|player, and --lang."""

    @staticmethod
    def run(*args: str) -> tuple[int, str]:
        import io

        from stretchkit import _cli

        out = io.StringIO()
        return _cli.main(list(args), out=out), out.getvalue()

    def test_ts_and_js_need_no_routine(self) -> None:
        """The types and the module are the same for every routine: none is needed, one given is not read."""
        assert (0, to_typescript()) == self.run("export", "--format", "ts")
        assert (0, to_player_module()) == self.run("export", "--format", "js")
        assert (0, to_player_module()) == self.run("export", "no-such-routine", "--format", "js")

    def test_player_page_to_a_file(self, tmp_path: Path) -> None:
        """--format player -o FILE writes the page, in the language asked for."""
        target = tmp_path / "routine.html"
        assert (0, "") == self.run(
            "export", "low-mid-back", "--format", "player", "--lang", "fr", "-o", str(target)
        )
        assert target.read_text(encoding="utf-8") == sk.export.to_player_html(
            sk.compose(sk.catalog().routine("low-mid-back")), language="fr"
        )

    def test_json_in_a_language(self) -> None:
        """--lang sets a timeline document's language."""
        status, text = self.run("export", "low-mid-back", "--lang", "es")
        assert 0 == status
        assert "es" == json.loads(text)["language"]
        status, text = self.run("export", "low-mid-back", "--format", "toml", "--lang", "de")
        assert 0 == status
        assert 'language = "de"' in text

    def test_other_formats_need_a_routine(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without a routine, the formats that show one say so."""
        assert 1 == self.run("export", "--format", "player")[0]
        assert "export --format player needs a ROUTINE, STRETCH or FILE" in capsys.readouterr().err
