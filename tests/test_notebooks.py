"""Notebooks are thin and committed clean: outputs stripped, no definitions, typed parameters."""

import ast
import json

import pytest

from pipelines.core import registry
from tests.conftest import ROOT

#: The notebooks the registry knows: preparation notebooks, then the sections.
NOTEBOOKS = [
    ROOT / "notebooks" / f"{name}.ipynb"
    for name in [*registry.PREPARATION_NOTEBOOKS, *registry.discover()]
]


def test_the_notebooks_folder_holds_exactly_the_registered_notebooks():
    assert sorted((ROOT / "notebooks").glob("*.ipynb")) == sorted(NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [] and cell.get("execution_count") is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_defines_no_functions_or_classes(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            tree = ast.parse("".join(cell["source"]))
            assert not [
                n
                for n in ast.walk(tree)
                if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda)
            ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_opens_with_title_then_typed_commented_parameters(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    title, params = nb["cells"][0], nb["cells"][1]
    assert title["cell_type"] == "markdown" and "".join(title["source"]).startswith("# ")
    assert "parameters" in params["metadata"].get("tags", [])
    tree = ast.parse("".join(params["source"]))
    assert tree.body and all(isinstance(s, ast.AnnAssign) for s in tree.body)
    for stmt in tree.body:
        line = "".join(params["source"]).splitlines()[stmt.lineno - 1]
        assert "#" in line, f"parameter on line {stmt.lineno} has no comment"


def test_no_notebook_reads_raw_data_directly():
    for path in NOTEBOOKS:
        assert "data/raw" not in path.read_text(encoding="utf-8"), path.name
