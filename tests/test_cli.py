"""The command line, in process and through a real subprocess."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import stretchkit as sk
from stretchkit import _cli
from stretchkit._numbers import clock_text as clock


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    status = _cli.main(list(args), out=out)
    return status, out.getvalue()


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "stretchkit", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


class TestInProcess:
    """Each command's output and exit status."""

    def test_default_shows_the_built_in_routine(self) -> None:
        """No command: the low-mid-back timeline as a table, and its totals."""
        status, out = run()
        tl = sk.compose(sk.catalog().routine("low-mid-back"))
        assert 0 == status
        lines = out.splitlines()
        assert "Low and Mid Back (low-mid-back)" == lines[0]
        assert lines[1].split()[:6] == ["time", "step", "kind", "side", "rep", "secs"]
        assert len(tl) + 3 == len(lines)
        assert f"total {clock(tl.duration)} at level 0.5" in lines[-1]
        assert "from 8:18 at level 0 to 15:48 at level 1" in lines[-1]

    def test_table_is_aligned(self) -> None:
        """Every row puts its columns at the same places."""
        _, out = run("show", "low-mid-back")
        rows = out.splitlines()[1:-1]
        assert 1 == len({row.index("  ") for row in rows if row.startswith(" ")} | {rows[0].index("  ")})

    def test_show_level_changes_the_timeline(self) -> None:
        """--level picks the resolution."""
        _, low = run("show", "low-mid-back", "--level", "0")
        _, high = run("show", "low-mid-back", "--level", "1")
        assert "total 8:18 at level 0" in low
        assert "total 15:48 at level 1" in high

    def test_list(self) -> None:
        """list shows routines and stretches."""
        status, out = run("list")
        assert 0 == status
        for id_ in ["low-mid-back", *sk.catalog().stretches]:
            assert id_ in out

    def test_duration(self) -> None:
        """duration gives the total and the range."""
        status, out = run("duration", "low-mid-back", "--level", "0")
        assert (0, "Low and Mid Back: 8:18 at level 0 (from 8:18 to 15:48)\n") == (status, out)

    def test_files(self, tmp_path: Path) -> None:
        """A routine, stretch or timeline file works wherever a routine id does."""
        routine = sk.Routine(name="Mine", stretches=[sk.Stretch(name="Hug", hold=30, reps=2, rest=5)])
        sk.dump(routine, tmp_path / "r.toml")
        sk.dump(routine.stretches[0], tmp_path / "s.json")
        sk.dump(sk.compose(routine, 1), tmp_path / "t.json")
        assert "total 1:05 at level 0.5" in run("show", str(tmp_path / "r.toml"))[1]
        assert "total 1:05" in run("show", str(tmp_path / "s.json"))[1]
        assert "Mine: 1:05 at level 1\n" == run("duration", str(tmp_path / "t.json"))[1]

    def test_export(self, tmp_path: Path) -> None:
        """export writes a timeline document that loads back."""
        status, out = run("export", "low-mid-back", "--level", "0.25")
        assert 0 == status
        tl = sk.from_json(sk.Timeline, out)
        assert 0.25 == tl.level
        target = tmp_path / "t.toml"
        assert 0 == run("export", "low-mid-back", "--format", "toml", "-o", str(target))[0]
        assert tl.routine == sk.from_toml(sk.Timeline, target.read_text(encoding="utf-8")).routine

    @pytest.mark.parametrize(
        ("fmt", "start"),
        [("csv", "index,start"), ("vtt", "WEBVTT"), ("svg", "<svg"), ("html", "<!DOCTYPE html>")],
    )
    def test_export_formats(self, fmt: str, start: str) -> None:
        """export writes every export format."""
        status, out = run("export", "low-mid-back", "--format", fmt)
        assert 0 == status
        assert out.startswith(start)

    def test_validate(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """validate exits 0 for a valid file, 1 with every problem path otherwise."""
        good = tmp_path / "good.json"
        sk.dump(sk.catalog(), good)
        assert (0, f"{good}: valid catalog document\n") == run("validate", str(good))
        bad = tmp_path / "bad.json"
        bad.write_text(
            json.dumps({"stretchkit": 1, "type": "routine", "name": "", "stretches": [{"ref": "x"}]})
        )
        assert 1 == run("validate", str(bad))[0]
        err = capsys.readouterr().err
        assert "$.name: must not be blank" in err
        assert "$.stretches[0].ref: unknown stretch 'x'" in err

    def test_schema(self) -> None:
        """schema prints the JSON Schema."""
        status, out = run("schema", "timeline")
        assert 0 == status
        assert sk.json_schema(sk.Timeline) == json.loads(out)

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["show", "nope"], "unknown routine 'nope'"),
            (["show", "missing.json"], "no such file: missing.json"),
            (["validate", "missing.json"], "no such file: missing.json"),
        ],
    )
    def test_errors_are_one_line(
        self, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Errors print one clear line on stderr and exit 1."""
        assert 1 == run(*args)[0]
        err = capsys.readouterr().err
        assert err.startswith(f"stretchkit: error: {message}")
        assert 1 == err.count("\n")

    def test_clock(self) -> None:
        """Times read as m:ss, h:mm:ss, with milliseconds only when present."""
        assert ["0:00", "1:05", "1:00:00", "0:02.500"] == [clock(t) for t in (0, 65, 3600, 2.5)]


class TestSubprocess:
    """The real command: exit codes, output, never a traceback."""

    def test_main_job(self) -> None:
        """`python -m stretchkit` prints the article's routine and its total."""
        done = cli()
        assert 0 == done.returncode, done.stderr
        assert "Passive Back Bend" in done.stdout
        assert "total 11:48" in done.stdout

    @pytest.mark.parametrize(
        ("args", "status"),
        [
            (["show", "nope"], 1),
            (["show", "missing.json"], 1),
            (["export", "low-mid-back", "--format", "yaml"], 2),
            (["show", "low-mid-back", "--level", "2"], 2),
            (["frobnicate"], 2),
        ],
    )
    def test_bad_input_no_traceback(self, args: list[str], status: int) -> None:
        """Each kind of bad input: a message on stderr, a non-zero status, no traceback."""
        done = cli(*args)
        assert status == done.returncode
        assert "Traceback" not in done.stderr
        assert done.stderr.strip()

    def test_invalid_document(self, tmp_path: Path) -> None:
        """An invalid document file is reported, not raised."""
        path = tmp_path / "r.json"
        path.write_text(
            '{"stretchkit": 1, "type": "routine", "name": "R", "stretches": [{"name": "S", "hold": "x"}]}'
        )
        done = cli("show", str(path))
        assert 1 == done.returncode
        assert "$.stretches[0].hold" in done.stderr
        assert "Traceback" not in done.stderr
        path.write_text("{not json")
        done = cli("validate", str(path))
        assert (1, "") == (done.returncode, done.stdout)
        assert "invalid JSON" in done.stderr


def test_import_is_light() -> None:
    """`import stretchkit` loads neither argparse, the documents, the catalog nor the schemas."""
    code = (
        "import sys, stretchkit; "
        "print(sorted(m for m in ('argparse', 'stretchkit._documents', 'stretchkit._catalog', "
        "'stretchkit._schema', 'stretchkit._cli', 'json', 'tomllib') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert "[]" == done.stdout.strip()
