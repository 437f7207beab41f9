"""Every notebook runs top to bottom with its default parameters, as an analyst would run it."""

from __future__ import annotations

import papermill as pm
import pytest

from pipelines.core import registry
from pipelines.core.kernel import ensure_kernel
from tests.conftest import ROOT

#: Preparation notebooks, then every registered section, in notebook order.
ORDER = [*registry.PREPARATION_NOTEBOOKS, *registry.discover()]


def test_notebooks_cover_every_committed_notebook():
    assert sorted(ORDER) == sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Run the notebooks in order with no parameters; processed data go to a temporary folder."""
    out = tmp_path_factory.mktemp("notebooks")
    mp = pytest.MonkeyPatch()
    mp.setenv("EVIDENCE_PACK_PROCESSED", str(out / "processed"))
    mp.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    results = {}
    try:
        for name in ORDER:
            results[name] = pm.execute_notebook(
                str(ROOT / "notebooks" / f"{name}.ipynb"),
                str(out / f"{name}.ipynb"),
                kernel_name=ensure_kernel(),
                cwd=str(ROOT / "notebooks"),
                progress_bar=False,
            )
    finally:
        mp.undo()
    return results


@pytest.mark.parametrize("name", ORDER)
def test_notebook_runs_with_its_defaults(executed, name):
    nb = executed[name]
    errors = [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.get("output_type") == "error"
    ]
    assert not errors
    assert any(
        o.get("output_type") == "display_data"
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
    )
