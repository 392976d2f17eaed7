"""Every code block in README.md and docs/, every docstring example, and every
example script runs here, so none of them can rot."""

from __future__ import annotations

import ast
import doctest
import importlib
import inspect
import io
import json
import os
import pkgutil
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import stretchkit

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"^```(?P<lang>[a-z{}-]*)[^\n]*\n(?P<body>.*?)^```", re.DOTALL | re.MULTILINE)
# Blocks that are run (python, pycon, console) or loaded (json); the others
# are shell set-up lines, Sphinx directives, or output shown as text.
CHECKED = {"python", "pycon", "console", "json"}
NOT_RUN = {"sh", "text", "{toctree}", "{eval-rst}", "{literalinclude}"}  # included files are tested
MARKDOWN = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))
MODULES = sorted(
    {"stretchkit"}
    | {m.name for m in pkgutil.walk_packages(stretchkit.__path__, "stretchkit.") if "__main__" not in m.name}
)


def blocks(path: Path) -> list[tuple[str, str, int]]:
    """``(language, code, line)`` for each fenced block of a Markdown file."""
    text = path.read_text(encoding="utf-8")
    return [(m["lang"], m["body"], text.count("\n", 0, m.start()) + 1) for m in BLOCK.finditer(text)]


def check_console(code: str) -> None:
    """``$ stretchkit ...`` sessions: the shown lines appear, in order (``...`` skips)."""
    from stretchkit import _cli

    sessions = [chunk for chunk in code.split("$ ") if chunk.strip()]
    for session in sessions:
        command, *expected = session.rstrip("\n").split("\n")
        out = io.StringIO()
        assert 0 == _cli.main(shlex.split(command)[1:], out=out, width=80)
        lines = out.getvalue().splitlines()
        position = 0
        for line in expected:
            if line.strip() == "...":
                continue
            assert line in lines[position:], f"{line!r} not in the output of {command!r}"
            position = lines.index(line, position) + 1


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: str(p.relative_to(ROOT)))
def test_markdown_code_blocks_run(path: Path) -> None:
    """Python blocks execute and pycon blocks pass as doctests, in one namespace per file."""
    namespace: dict[str, object] = {"__name__": f"docs_{path.stem}"}
    ran = 0
    parser = doctest.DocTestParser()
    for lang, code, line in blocks(path):
        if lang == "json" and '"stretchkit"' in code:
            import stretchkit as sk

            sk.load  # noqa: B018 - the documents module is loaded lazily
            from stretchkit._documents import BY_NAME

            doc = json.loads(code)
            cls = BY_NAME[doc["type"]].cls
            obj = sk.from_dict(cls, doc)
            assert obj == sk.from_json(cls, sk.to_json(obj))
        elif lang == "console":
            check_console(code)
        elif lang == "python":
            exec(compile(code, f"{path}:{line}", "exec"), namespace)
        elif lang == "pycon":
            test = parser.get_doctest(code, namespace, f"{path.name}:{line}", str(path), line)
            out: list[str] = []
            runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
            runner.run(test, out=out.append, clear_globs=False)
            if runner.summarize(verbose=False).failed:
                pytest.fail("".join(out))
            namespace.update(test.globs)  # DocTest works on a copy
        else:
            assert lang in NOT_RUN, f"{path}:{line}: a ```{lang} block is neither run nor known"
            continue
        ran += 1
    assert ran == sum(lang in CHECKED for lang, _, _ in blocks(path))


class _Finder(doctest.DocTestFinder):
    """Finds the examples of everything stretchkit defines, wherever its
    ``__module__`` says it lives (public classes say ``stretchkit``)."""

    def _from_module(self, module: object, obj: object) -> bool:
        if inspect.isfunction(obj):
            name = obj.__globals__.get("__name__", "")
        elif isinstance(obj, property | staticmethod | classmethod):
            return True
        else:
            name = getattr(obj, "__module__", "") or ""
        return str(name).split(".")[0] == "stretchkit"


def _docstring_tests() -> list[doctest.DocTest]:
    """Each docstring once (it is found again wherever it is imported), under its shortest name."""
    seen: dict[tuple[str, str], doctest.DocTest] = {}
    for module in MODULES:
        for test in _Finder().find(importlib.import_module(module)):
            key = (test.name.rsplit(".", 1)[-1], test.docstring or "")
            if test.examples and (key not in seen or len(test.name) < len(seen[key].name)):
                seen[key] = test
    return sorted(seen.values(), key=lambda t: t.name)


DOCSTRING_TESTS = _docstring_tests()


@pytest.mark.parametrize("test", DOCSTRING_TESTS, ids=lambda t: t.name)
def test_docstring_examples(test: doctest.DocTest) -> None:
    """Every docstring example of every module passes."""
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    out: list[str] = []
    runner.run(test, out=out.append)
    assert 0 == runner.summarize(verbose=False).failed, "".join(out)


def test_docstring_examples_are_all_found() -> None:
    """The finder sees the examples of public classes' methods too (at least as many as before)."""
    assert sum(len(t.examples) for t in DOCSTRING_TESTS) >= 76
    names = {t.name for t in DOCSTRING_TESTS}
    assert {"stretchkit.Range.at", "stretchkit.Timeline.cues", "stretchkit.compose"} <= names


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_examples_run(script: Path, tmp_path: Path) -> None:
    """Each example script runs to completion and prints something.

    A ``# test-args: ...`` line in the script gives its arguments here
    (``{tmp}`` is a fresh folder), e.g. to play the player at high speed.
    """
    found = re.search(r"^# test-args: (.*)$", script.read_text(encoding="utf-8"), re.MULTILINE)
    args = shlex.split(found[1].replace("{tmp}", str(tmp_path))) if found else []
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, str(script), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert 0 == done.returncode, done.stderr
    assert done.stdout.strip()


def _example(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "80"}
    return subprocess.run(
        [sys.executable, str(ROOT / "examples" / script), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=env,
        check=False,
    )


@pytest.mark.parametrize(
    ("script", "args", "message"),
    [
        ("quickstart.py", ["2"], "argument level: must be from 0 to 1, got 2"),
        ("quickstart.py", ["half"], "argument level: not a number: 'half'"),
        ("player.py", ["--level", "5"], "argument --level: must be from 0 to 1, got 5"),
        ("player.py", ["--speed", "0"], "argument --speed: must be above 0"),
        ("player.py", ["nope"], "invalid choice: 'nope'"),
        ("frontend_timeline.py", ["--level", "2"], "argument --level: must be from 0 to 1, got 2"),
        ("custom_routine.py", ["1"], "'Desk Break' takes at least 100 s, more than the 60 s asked for"),
        ("custom_routine.py", ["-3"], "argument minutes: must be above 0"),
    ],
)
def test_examples_refuse_bad_arguments(script: str, args: list[str], message: str) -> None:
    """Bad arguments get a short message and a non-zero status, never a traceback."""
    done = _example(script, *args)
    assert done.returncode in (1, 2)
    assert "Traceback" not in done.stderr
    assert message in done.stderr
    assert len(done.stderr.splitlines()) <= 2


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_example_help_is_complete(script: Path) -> None:
    """--help shows the script's whole docstring, not its first line cut mid-sentence."""
    done = _example(script.name, "--help")
    assert 0 == done.returncode, done.stderr
    docstring = ast.get_docstring(ast.parse(script.read_text(encoding="utf-8")))
    assert docstring
    assert " ".join(docstring.split()) in " ".join(done.stdout.split())


def test_custom_routine_shows_fixed_values_once() -> None:
    """A fixed range reads as one number ("reps 1"), not "1-1"."""
    out = _example("custom_routine.py").stdout
    assert "reps 1\n" in out
    assert "reps 1-2\n" in out
    assert not re.search(r"\b(\d+)-\1\b", out)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The docs site, built as CI builds it: warnings (nitpicky ones too) are errors."""
    pytest.importorskip("sphinx", reason="the docs extra is not installed")
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            str(ROOT / "docs"),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert 0 == done.returncode, done.stderr
    return out


def _text(page: Path) -> str:
    """A built page's visible text, roughly: tags dropped, entities decoded."""
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))


class TestSite:
    """The docs site as a reader finds it."""

    def test_strict(self) -> None:
        """Every cross-reference must resolve: nitpicky, and no warning is hidden."""
        conf = (ROOT / "docs" / "conf.py").read_text(encoding="utf-8")
        assert "nitpicky = True" in conf
        assert "suppress_warnings" not in conf

    def test_conf_says_what_to_install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Building the docs without stretchkit installed says how to install it, not PackageNotFoundError."""
        import importlib.metadata
        import runpy

        def not_installed(name: str) -> str:
            raise importlib.metadata.PackageNotFoundError(name)

        monkeypatch.setattr(importlib.metadata, "version", not_installed)
        with pytest.raises(RuntimeError, match=r"pip install -e '\.\[docs\]'"):
            runpy.run_path(str(ROOT / "docs" / "conf.py"))

    def test_reference_shows_public_names_only(self, site: Path) -> None:
        """No private module, no attrs NOTHING, no private field, no prose taken for a type."""
        text = _text(site / "reference.html")
        assert not re.findall(r"stretchkit\._\w+", text)
        for junk in ("NOTHING", "_reps", "_start", "_packed", "Total seconds"):
            assert junk not in text
        assert "meta={}" in text
        for name in ("Player", "Program", "Journal", "MissingFileError", "languages"):
            assert f"stretchkit.{name}" in text

    def test_front_page(self, site: Path) -> None:
        """The front page says how to install and what the library is for, with the strip."""
        page = (site / "index.html").read_text(encoding="utf-8")
        text = _text(site / "index.html")
        assert "Install" in text
        assert "pip install -e '.[docs]'" in text
        assert "What can I do with it?" in text
        assert re.search(r'<img [^>]*src="_images/low-mid-back.svg"', page)
        assert "pip install ." in _text(site / "tutorial.html")

    def test_schemas_are_published(self, site: Path) -> None:
        """Each schema under docs/schema/ is linked from the documents page and is on the site."""
        page = (site / "documents.html").read_text(encoding="utf-8")
        published = sorted(p.name for p in (ROOT / "docs" / "schema").glob("*.schema.json"))
        assert published
        for name in published:
            link = re.search(rf'href="([^"]*/{re.escape(name)})"', page)
            assert link, name
            assert json.loads((site / link[1]).read_text(encoding="utf-8"))["$schema"]

    def test_strips_are_shown_full_size(self, site: Path) -> None:
        """The strips of the explanation page are not squeezed into table cells."""
        page = (site / "expansion.html").read_text(encoding="utf-8")
        images = re.findall(r'<img [^>]*src="_images/[^"]+\.svg"', page)
        assert 6 == len(images)
        for table in re.findall(r"<table.*?</table>", page, re.DOTALL):
            assert "<img" not in table


def test_notebook_executes() -> None:
    """examples/notebook.ipynb runs top to bottom in a fresh kernel, showing the strip."""
    import nbclient
    import nbformat

    nb = nbformat.read(ROOT / "examples" / "notebook.ipynb", as_version=4)  # type: ignore[no-untyped-call]
    nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"].get("text/html", "") for o in outputs if "data" in o]
    assert any("<svg" in h for h in html)
