"""Data flows one way: every import in src/ goes down the layers, but the seams.

docs/architecture.md explains the layers; this is the list they are checked
against. Each module may import only modules listed before it. A *seam* is
a convenience a lower type offers that needs a higher layer: a
function-level import, marked ``# ... seam``, allowed only as listed here.
Imports under ``if TYPE_CHECKING:`` are for annotations only and are not
edges.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"

#: Bottom to top. A module may import only the ones before it.
LAYERS = [
    # errors and problem paths
    "stretchkit.exceptions",
    "stretchkit._problems",
    "stretchkit._public",
    # numbers, Range and the enums
    "stretchkit._numbers",
    # languages: their texts, and filling them
    "stretchkit._texts",
    "stretchkit._languages",
    "stretchkit._frozen",
    "stretchkit._range",
    "stretchkit._enums",
    # field kinds, then the model
    "stretchkit._fields",
    "stretchkit._model",
    # closed-form durations, the timeline, the composer, cues
    "stretchkit._durations",
    "stretchkit._pattern",
    "stretchkit._timeline",
    "stretchkit._compose",
    "stretchkit._cues",
    # the practice: the journal, programs
    "stretchkit._journal",
    "stretchkit._program",
    "stretchkit._player",
    # catalogs of stretches, routines and programs
    "stretchkit._catalog",
    # documents: structuring, schema, text formats, files
    "stretchkit._structure",
    "stretchkit._timeline_document",
    "stretchkit._documents",
    "stretchkit._schema",
    "stretchkit._converter",
    "stretchkit._toml",
    "stretchkit._yaml",
    "stretchkit._io",
    # the built-in catalog loader
    "stretchkit._builtin",
    # the faces: the public namespace, exports, the terminal player, the command line
    "stretchkit",
    "stretchkit.export._svg",
    "stretchkit.export._html",
    "stretchkit.export._text",
    "stretchkit.export._fold",
    "stretchkit.export._fit",
    "stretchkit.export._ics",
    "stretchkit.export._player",
    "stretchkit.export._typescript",
    "stretchkit.export",
    "stretchkit._cli_plan",
    "stretchkit._terminal",
    "stretchkit._cli",
    "stretchkit.__main__",
]

#: (importer, imported): the named seams, each a function-level import.
SEAMS = {
    ("stretchkit._model", "stretchkit._durations"),  # Stretch/Routine.duration, step_count
    ("stretchkit._model", "stretchkit._compose"),  # Routine.compose
    ("stretchkit._model", "stretchkit.export._html"),  # Routine._repr_html_ (Jupyter)
    ("stretchkit._timeline", "stretchkit._cues"),  # Timeline.cues
    ("stretchkit._timeline", "stretchkit.export._html"),  # Timeline._repr_html_ (Jupyter)
    ("stretchkit._structure", "stretchkit._builtin"),  # refs default to the built-in catalog
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(path: Path) -> list[tuple[str, int, bool]]:
    """``(module, line, in_a_function)`` for every stretchkit import of a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found: list[tuple[str, int, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for branch in node.orelse:
                visit(branch, in_function)
            return
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno, in_function) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    [*package.split(".")[: len(package.split(".")) - node.level + 1], base]
                ).strip(".")
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                # `from stretchkit import _fields` names a module; `from x import name` the module x
                target = candidate if candidate in LAYERS else base
                found.append((target, node.lineno, in_function))
        for child in ast.iter_child_nodes(node):
            visit(child, in_function or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef))

    visit(tree, False)
    return [(m, line, fn) for m, line, fn in found if m.split(".")[0] == "stretchkit"]


FILES = sorted(SRC.rglob("*.py"))


def test_every_module_is_in_a_layer() -> None:
    """A new module must be given its place in LAYERS (and in docs/architecture.md)."""
    assert sorted(map(module_name, FILES)) == sorted(LAYERS)


@pytest.mark.parametrize("path", FILES, ids=module_name)
def test_imports_go_down(path: Path) -> None:
    """Each import names a lower layer, or is a listed seam inside a function."""
    me = module_name(path)
    rank = LAYERS.index(me)
    wrong = []
    for target, line, in_function in imports(path):
        if target not in LAYERS:
            wrong.append(f"{path.name}:{line}: imports {target}, which is in no layer")
        elif LAYERS.index(target) >= rank and not (in_function and (me, target) in SEAMS):
            wrong.append(f"{path.name}:{line}: {me} imports {target}, a layer above it")
    assert [] == wrong


def test_seams_are_marked_and_used() -> None:
    """Every listed seam exists and says so in a comment, so none is left stale."""
    found = set()
    for path in FILES:
        lines = path.read_text(encoding="utf-8").splitlines()
        me = module_name(path)
        for target, line, in_function in imports(path):
            if (me, target) in SEAMS and in_function:
                assert "seam" in lines[line - 1], f"{path.name}:{line}: mark the seam with a comment"
                found.add((me, target))
    assert SEAMS == found


def test_the_checker_sees_function_level_imports(tmp_path: Path) -> None:
    """The import reader finds imports inside functions and skips TYPE_CHECKING blocks."""
    sample = tmp_path / "src" / "stretchkit" / "_sample.py"
    sample.parent.mkdir(parents=True)
    sample.write_text(
        "from typing import TYPE_CHECKING\n"
        "from stretchkit import _fields as f\n"
        "if TYPE_CHECKING:\n"
        "    from stretchkit._io import load\n"
        "def g():\n"
        "    from stretchkit.export import to_svg\n",
        encoding="utf-8",
    )
    global SRC  # noqa: PLW0603 - point the reader at the sample tree
    old, SRC = SRC, tmp_path / "src"
    try:
        assert [("stretchkit._fields", 2, False), ("stretchkit.export", 6, True)] == imports(sample)
    finally:
        SRC = old
