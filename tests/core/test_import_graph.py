"""Core has no import loop: no module of pipelines.core imports, at any depth, one that imports
it back (imports inside functions and under TYPE_CHECKING count); it loads nothing through
importlib; and the import-linter contracts have at most three exceptions."""

from __future__ import annotations

import ast
import tomllib

import pytest

from tests.conftest import ROOT

CORE = ROOT / "pipelines" / "core"


def imports_of(source: str, package: str = "pipelines.core") -> set[str]:
    """The modules of ``package`` a module's source imports, wherever the import statement is."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == package:  # from pipelines.core import registry
                found |= {f"{package}.{alias.name}" for alias in node.names}
            elif node.module.startswith(package + "."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith(package + ".")}
    return found


def loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import loop of ``graph`` (module -> modules it imports), each from its least module.

    A loop is a path ``a -> b -> ... -> a``; each is given once, starting at its least module.
    """
    found = []

    def walk(start: str, node: str, path: list[str]) -> None:
        for nxt in sorted(graph.get(node, ())):
            if nxt == start:
                found.append([*path, start])
            elif nxt > start and nxt not in path:
                walk(start, nxt, [*path, nxt])

    for module in sorted(graph):
        walk(module, module, [module])
    return found


def core_graph() -> dict[str, set[str]]:
    """pipelines.core's modules and the core modules each imports."""
    graph = {}
    for path in sorted(CORE.glob("*.py")):
        name = "pipelines.core" if path.stem == "__init__" else f"pipelines.core.{path.stem}"
        graph[name] = imports_of(path.read_text(encoding="utf-8")) - {name}
    return graph


def test_loops_finds_a_loop_through_a_function_level_import():
    results = "from pipelines.core.figures import Figure\n"
    registry = "def f():\n    from pipelines.core import results\n"
    figures = "import pipelines.core.registry\n"
    graph = {
        "pipelines.core.results": imports_of(results),
        "pipelines.core.registry": imports_of(registry),
        "pipelines.core.figures": imports_of(figures),
    }
    assert loops(graph) == [
        [
            "pipelines.core.figures",
            "pipelines.core.registry",
            "pipelines.core.results",
            "pipelines.core.figures",
        ]
    ]
    assert loops({"a": {"b"}, "b": set()}) == []


def test_core_has_no_import_loop():
    graph = core_graph()
    assert "pipelines.core.registry" in graph["pipelines.core.section_build"]
    assert "pipelines.core.registry" not in graph["pipelines.core.results"]
    assert loops(graph) == []


def test_core_imports_nothing_through_importlib():
    users = sorted(
        path.name
        for path in CORE.glob("*.py")
        if any(m == "importlib" or m.startswith("importlib.") for m in _all_imports(path))
    )
    assert users == []


def _all_imports(path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
    return names


def test_import_linter_contracts_have_at_most_three_exceptions():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    assert len(contracts) >= 4
    exceptions = [e for c in contracts for e in c.get("ignore_imports", [])]
    assert len(exceptions) <= 3, exceptions


def test_the_package_skips_jsonschemas_iri_grammars_and_jsonschema_still_validates():
    """``import pipelines`` first: nbformat (and so jsonschema) loads without ``rfc3987_syntax``
    (39 lark grammars compiled at import), and a notebook still validates; without the package
    first, the grammars load (so the check can fail)."""
    import subprocess
    import sys

    probe = (
        "import sys{first}\n"
        "import nbformat\n"
        "nbformat.validate(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('1')]))\n"
        "print(sys.modules.get('rfc3987_syntax') is not None)\n"
    )
    loaded = {}
    for first in ("; import pipelines", ""):
        out = subprocess.run(
            [sys.executable, "-c", probe.format(first=first)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        loaded[bool(first)] = out.stdout.strip()
    if loaded[False] != "True":
        pytest.skip("rfc3987_syntax is not installed here, so there is nothing to skip")
    assert loaded[True] == "False", "import pipelines did not keep rfc3987_syntax out"
