"""An analyst who sets a notebook's ``audience`` gets that audience's figures, with no env vars.

The demo data are the tidy data the build's own steps (:func:`pipelines.steps.prepare`) wrote for
the shared demo pack, copied to a temporary folder without the build's stored section results;
the leavers section is then run with papermill, passing only its parameters.
"""

from __future__ import annotations

import io
import os
import shutil

import pandas as pd
import papermill as pm
import pytest

from pipelines.core.disclosure import SUPPRESSED
from pipelines.core.kernel import ensure_kernel
from tests.conftest import DEMO_REVIEW, ROOT

NOTEBOOK = ROOT / "notebooks" / "10_leavers.ipynb"
TABLE = "roles-adult-social-care"


@pytest.fixture(scope="module")
def processed(built, tmp_path_factory):
    """The shared demo pack's tidy data (prepared once per run), without its stored section
    results, so the notebook computes the section itself."""
    folder = tmp_path_factory.mktemp("audience") / DEMO_REVIEW
    shutil.copytree(
        built.processed / DEMO_REVIEW, folder, ignore=shutil.ignore_patterns(".results")
    )
    return folder


def run_leavers(processed, out, audience: str) -> tuple[pd.DataFrame, str, str]:
    """The roles table of Adult Social Care as the section showed it, its HTML and variant."""
    assert not {
        "EVIDENCE_PACK_VARIANT",
        "EVIDENCE_PACK_THRESHOLD",
        "EVIDENCE_PACK_PROCESSED",
    } & set(os.environ)
    nb = pm.execute_notebook(
        str(NOTEBOOK),
        str(out / f"10_leavers_{audience}.ipynb"),
        parameters={"audience": audience, "processed_dir": str(processed)},
        kernel_name=ensure_kernel(),
        cwd=str(NOTEBOOK.parent),
        progress_bar=False,
    )
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get("evidence_pack", {})
            if meta.get("name") == TABLE:
                table = pd.read_json(io.StringIO(meta["data"]), orient="split")
                return table, output["data"]["text/html"], meta["variant"]
    raise AssertionError(f"{TABLE} not shown")


def test_public_audience_suppresses_small_counts_and_exempt_shows_them(processed, tmp_path):
    public, public_html, public_variant = run_leavers(processed, tmp_path, "public")
    exempt, exempt_html, exempt_variant = run_leavers(processed, tmp_path, "exempt")
    assert (public_variant, exempt_variant) == ("public", "exempt")
    role = "Advanced Practitioner"
    exempt_count = int(exempt.set_index("Role").loc[role, "Leavers"])
    assert 0 < exempt_count < 5
    assert public.set_index("Role").loc[role, "Leavers"] == SUPPRESSED
    assert SUPPRESSED in public_html and SUPPRESSED not in exempt_html
