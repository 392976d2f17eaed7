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
from stretchkit._documents import BY_NAME
from stretchkit._numbers import clock_text as clock

DOCUMENT_TYPES = ", ".join(map(repr, BY_NAME))


def run(*args: str, width: int = 80) -> tuple[int, str]:
    out = io.StringIO()
    status = _cli.main(list(args), out=out, width=width)
    return status, out.getvalue()


def cli(*args: str, columns: int = 80, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": str(columns)}
    return subprocess.run(
        [sys.executable, "-m", "stretchkit", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env=env,
        cwd=cwd,
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
        assert len(tl) + 4 == len(lines)
        assert f"total {clock(tl.duration)} at level 0.5: {len(tl)} steps" in lines[-2]
        assert "from 8:18 at level 0 to 15:48 at level 1" == lines[-1]

    def test_table_is_aligned(self) -> None:
        """Every row puts its columns at the same places."""
        _, out = run("show", "low-mid-back")
        rows = out.splitlines()[1:-2]
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
        assert 1 == run("validate", str(bad), width=200)[0]
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
            (["show", "nope"], "unknown routine or stretch 'nope' (see 'stretchkit list')"),
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


class TestWidth:
    """Human output fits the terminal: 80 columns by default, shortened with "…", never wrapped."""

    @pytest.mark.parametrize("columns", [80, 60])
    @pytest.mark.parametrize(
        "args",
        [[], ["--level", "1"], ["list"], ["show", "cat-cow"], ["duration", "seated-forward-bend"]],
        ids=" ".join,
    )
    def test_fits(self, columns: int, args: list[str]) -> None:
        """Every line of every command fits COLUMNS; the text column gives way with "…"."""
        done = cli(*args, columns=columns)
        assert 0 == done.returncode, done.stderr
        lines = done.stdout.splitlines()
        assert lines
        assert max(_cli.cells(line) for line in lines) <= columns
        if columns == 60 and args in ([], ["list"]):
            assert any(line.endswith("…") for line in lines)

    def test_default_is_80_columns(self, tmp_path: Path) -> None:
        """Without a terminal (pipes all round) and without COLUMNS, lines are cut at 80 cells."""
        path = tmp_path / "long.json"
        sk.dump(
            sk.Routine(name="Long " * 30, id="long", stretches=[sk.Stretch(name="Hug " * 40, hold=30)]), path
        )
        env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
        done = subprocess.run(
            [sys.executable, "-m", "stretchkit", "show", str(path)],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            env={**env, "PYTHONIOENCODING": "utf-8"},
            check=False,
        )
        assert 0 == done.returncode, done.stderr
        lines = done.stdout.splitlines()
        assert 80 == max(map(_cli.cells, lines))
        assert lines[0].startswith("Long Long")
        assert lines[0].endswith("… (long)")
        assert lines[2].endswith("Hug Hug Hug…")

    def test_piped_output_uses_the_terminal_of_stderr(self) -> None:
        """`stretchkit | less` in a 60-column terminal: the width comes from standard error's terminal."""
        import pty

        leader, follower = pty.openpty()
        try:
            import fcntl
            import struct
            import termios

            fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 60, 0, 0))
            env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
            done = subprocess.run(
                [sys.executable, "-m", "stretchkit"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=follower,
                text=True,
                encoding="utf-8",
                timeout=60,
                env={**env, "PYTHONIOENCODING": "utf-8"},
                check=False,
            )
        finally:
            os.close(follower)
            os.close(leader)
        assert 0 == done.returncode
        assert 60 == max(map(_cli.cells, done.stdout.splitlines()))

    def test_usage_errors_fit(self) -> None:
        """argparse's own errors are wrapped to the width as well."""
        done = cli("nope", columns=60)
        assert 2 == done.returncode
        assert max(map(_cli.cells, done.stderr.splitlines())) <= 60
        assert "invalid choice: 'nope'" in done.stderr

    def test_messages_fit(self, tmp_path: Path) -> None:
        """Error messages are wrapped (not cut) to the width: every word is still there."""
        path = tmp_path / ("a-rather-long-folder-name" * 2) / "routine.yaml"
        path.parent.mkdir()
        path.write_text("stretchkit: 1\ntype: routine\nname: [a\n  b: c\n", encoding="utf-8")
        done = cli("validate", str(path), columns=60)
        assert 1 == done.returncode
        assert max(map(_cli.cells, done.stderr.splitlines())) <= 60
        assert "expected ',' or ']'" in " ".join(done.stderr.split())

    def test_clip_counts_cells(self) -> None:
        """Wide characters take two cells; a cut text ends in "…" and fits."""
        assert "ab…" == _cli.clip("abcdef", 3)
        assert "abc" == _cli.clip("abc", 3)
        assert "平…" == _cli.clip("平静平静", 4)
        assert 4 == _cli.cells("平静")


class TestArguments:
    """What ROUTINE|STRETCH|FILE and --level accept."""

    @pytest.mark.parametrize("command", ["show", "duration", "export"])
    def test_a_stretch_id_works_where_a_routine_does(self, command: str) -> None:
        """A stretch from `stretchkit list` is a routine of that one stretch."""
        status, out = run(command, "cat-cow", "--level", "0")
        assert 0 == status
        assert "Cat-Cow" in out

    def test_unknown_id_names_both(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An id that is neither says where to look."""
        assert 1 == run("show", "cat-dog")[0]
        assert "unknown routine or stretch 'cat-dog' (see 'stretchkit list')" in capsys.readouterr().err

    @pytest.mark.parametrize("command", ["show", "duration", "export"])
    def test_level_on_a_timeline_file_is_refused(
        self, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A timeline is already at its level: --level is an error, not silently ignored."""
        path = tmp_path / "t.json"
        sk.dump(sk.compose(sk.catalog().routine("low-mid-back"), 0.25), path)
        assert 0 == run(command, str(path))[0]
        assert 1 == run(command, str(path), "--level", "1", width=200)[0]
        err = capsys.readouterr().err
        assert f"--level does not apply to a timeline file: {path} is already at level 0.25" in err

    def test_top_level_options(self) -> None:
        """The bare command takes --level (it is `show` of the built-in routine)."""
        status, out = run("--level", "0")
        assert 0 == status
        assert "total 8:18 at level 0:" in out
        assert "total 15:48 at level 1:" in run("--level", "1", "show", "low-mid-back")[1]
        assert "total 8:18 at level 0:" in run("--level", "1", "show", "low-mid-back", "--level", "0")[1]

    def test_usage_shows_the_command_is_optional(self) -> None:
        """The usage line puts COMMAND in brackets: `stretchkit` alone is a command."""
        done = cli("--help")
        assert done.stdout.startswith("usage: stretchkit [-h] [--version] [--level L] [COMMAND ...]\n")
        assert "stretchkit: error" in cli("--level", "2").stderr


class TestExportRoutine:
    """`export ROUTINE --format routine`: an editable routine document."""

    def test_json_to_stdout(self) -> None:
        """Without -o, the routine document as JSON, equal to the catalog's routine."""
        status, out = run("export", "low-mid-back", "--format", "routine")
        assert 0 == status
        assert sk.catalog().routine("low-mid-back") == sk.from_json(sk.Routine, out)

    @pytest.mark.parametrize("suffix", [".json", ".toml", ".yaml"])
    def test_format_by_suffix(self, suffix: str, tmp_path: Path) -> None:
        """-o FILE writes JSON or TOML (or YAML) by its suffix; a stretch id gives a one-stretch routine."""
        target = tmp_path / f"mine{suffix}"
        assert 0 == run("export", "seated-twist", "--format", "routine", "-o", str(target))[0]
        routine = sk.load(target)
        assert isinstance(routine, sk.Routine)
        assert (sk.catalog().stretch("seated-twist"),) == routine.stretches
        if suffix == ".toml":
            assert 'type = "routine"' in target.read_text(encoding="utf-8")

    def test_edited_and_shown(self, tmp_path: Path) -> None:
        """The written file is for editing: change it, and show uses the change."""
        target = tmp_path / "mine.toml"
        run("export", "cat-cow", "--format", "routine", "-o", str(target))
        text = target.read_text(encoding="utf-8").replace('name = "Cat-Cow"', 'name = "My Cat-Cow"', 1)
        target.write_text(text, encoding="utf-8")
        assert run("show", str(target))[1].startswith("My Cat-Cow (cat-cow)\n")

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["--level", "0"], "--level does not apply to --format routine"),
            (["-o", "mine.txt"], "cannot tell the format of mine.txt: name it .json or .toml"),
        ],
    )
    def test_refused(self, args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
        """A level, or an output whose suffix names no document format, is an error."""
        assert 1 == run("export", "low-mid-back", "--format", "routine", *args)[0]
        assert message in capsys.readouterr().err


class TestValidateMessages:
    """`validate`: every problem as `FILE: $.path: message`, whatever the format."""

    @pytest.mark.parametrize(
        ("name", "text", "expected"),
        [
            ("bad.json", '{"stretchkit": 1,', "$: invalid JSON: Expecting property name"),
            ("bad.toml", "stretchkit = 1\nname = \n", "$: invalid TOML: Invalid value at line 2 column 8"),
            (
                "bad.yaml",
                "stretchkit: 1\nname: [a\n  b: c\n",
                "$: invalid YAML: expected ',' or ']' at line 3 column 4 "
                "(while parsing a flow sequence at line 2 column 7)",
            ),
            (
                "dup.yaml",
                "stretchkit: 1\nname: a\nname: b\n",
                "$: invalid YAML: duplicate key 'name' at line 3",
            ),
            ("nohead.json", '{"name": "x"}', "$.stretchkit: required (the format version, e.g. 1)"),
            (
                "v7.json",
                '{"stretchkit": 7, "type": "routine"}',
                "$.stretchkit: unsupported format version 7; "
                "this stretchkit reads routine documents of version 1\n",
            ),
        ],
    )
    def test_one_line_per_problem(self, name: str, text: str, expected: str, tmp_path: Path) -> None:
        """Syntax errors of each format read alike, on one line each, after the file's name."""
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        done = cli("validate", name, columns=200, cwd=tmp_path)
        assert 1 == done.returncode
        assert f"{name}: {expected}" in done.stderr
        assert done.stderr.endswith(f"{name}: invalid (1 problem)\n") or "nohead" in name
        assert "<unicode string>" not in done.stderr
        assert "^" not in done.stderr

    def test_no_header_says_so(self, tmp_path: Path) -> None:
        """A file without the header names both missing keys, the version first."""
        (tmp_path / "x.json").write_text('{"name": "x"}', encoding="utf-8")
        done = cli("validate", "x.json", cwd=tmp_path, columns=200)
        assert done.stderr.splitlines()[:2] == [
            "x.json: $.stretchkit: required (the format version, e.g. 1)",
            f"x.json: $.type: required (one of {DOCUMENT_TYPES})",
        ]

    def test_show_names_the_file(self, tmp_path: Path) -> None:
        """Other commands report a bad file the same way, after "stretchkit: error:"."""
        (tmp_path / "bad.json").write_text("{", encoding="utf-8")
        done = cli("show", "bad.json", cwd=tmp_path)
        assert done.stderr.startswith("stretchkit: error: bad.json: $: invalid JSON:")


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


def test_help_and_version_are_light() -> None:
    """`stretchkit --help` loads nothing beyond `import stretchkit` but argparse and a few
    small modules: no documents, files, player, catalog, cattrs or package metadata (only
    `--version` reads that). The command starts at once; each command pays for what it needs."""
    heavy = (
        "stretchkit._documents", "stretchkit._io", "stretchkit._terminal", "stretchkit._catalog",
        "stretchkit._cues", "cattrs", "importlib.metadata",
    )  # fmt: skip
    for args in (["--help"], ["--version"], ["plan", "--help"], ["play", "--help"]):
        code = (
            "import sys, contextlib, io\n"
            "from stretchkit._cli import main\n"
            "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main({args!r})\n"
            f"print(sorted(m for m in {heavy!r} if m in sys.modules))"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
        )
        loaded = eval(done.stdout)  # noqa: S307 - our own subprocess's list of names
        expected = ["importlib.metadata"] if args == ["--version"] else []
        assert (args, expected) == (args, loaded)


class TestFaults:
    """What the system throws at the command line ends as one message, never a traceback."""

    def test_a_name_too_long_for_the_system(self) -> None:
        """A 300-character ROUTINE (no suffix) is refused with a message."""
        done = cli("show", "x" * 300)
        assert 1 == done.returncode
        assert "Traceback" not in done.stderr
        assert "unknown format '(no suffix)'" in " ".join(done.stderr.split())

    def test_a_fifo(self, tmp_path: Path) -> None:
        """A FIFO named like a document is refused at once, not waited on."""
        os.mkfifo(tmp_path / "x.json")
        done = cli("validate", str(tmp_path / "x.json"))
        assert 1 == done.returncode
        assert "not a regular file" in " ".join(done.stderr.split())

    @pytest.mark.parametrize("command", [["show", "low-mid-back"], ["show", "low-mid-back", "--lang", "fr"]])
    def test_an_output_that_cannot_show_every_character(self, command: list[str]) -> None:
        """PYTHONIOENCODING=ascii: dashes become "-", the rest "?", and the command succeeds."""
        env = {**os.environ, "PYTHONIOENCODING": "ascii", "COLUMNS": "100"}
        done = subprocess.run(
            [sys.executable, "-m", "stretchkit", *command],
            capture_output=True,
            env=env,
            timeout=60,
            check=False,
        )
        assert (0, b"") == (done.returncode, done.stderr)
        text = done.stdout.decode("ascii")
        assert " - left" in text or " - gauche" in text
