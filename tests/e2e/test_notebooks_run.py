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
    """Run the notebooks in order with their defaults but for the processed-data folder.

    Only ``processed_dir`` is set (to a temporary folder, so the project's data/processed is left
    alone): 01_clean writes there, 02_validate checks it and every section reads it.
    """
    out = tmp_path_factory.mktemp("notebooks")
    processed = out / "processed" / "luton-sw-2016"
    mp = pytest.MonkeyPatch()
    mp.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    results = {}
    try:
        for name in ORDER:
            results[name] = pm.execute_notebook(
                str(ROOT / "notebooks" / f"{name}.ipynb"),
                str(out / f"{name}.ipynb"),
                parameters={"processed_dir": str(processed)},
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
