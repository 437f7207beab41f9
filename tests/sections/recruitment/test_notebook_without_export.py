"""The recruitment notebook run for a review without the export: it builds and says so once.

A tiny review: the Luton configuration without its recruitment dataset, an empty processed-data
folder and Sandwell's campaign figures typed in (read from the seed figures), as a council
without the export would. The notebook says in exactly one line that recruitment data were not
provided (as a note where the funnel would be, not also among the key findings), and still
shows the typed-in campaigns and their chart.
"""

from __future__ import annotations

import json

import papermill as pm
import pytest
import yaml

from pipelines.core.config import review_path
from pipelines.core.kernel import ensure_kernel
from pipelines.sections.recruitment import result as rr
from tests.conftest import ROOT
from tests.sections.recruitment import sandwell as sw

NOTEBOOK = ROOT / "notebooks" / "15_recruitment.ipynb"


@pytest.mark.slow
def test_without_the_export_the_notebook_says_so_in_one_line(seed, tmp_path, monkeypatch):
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    config = yaml.safe_load(review_path("luton-sw-2016").read_text(encoding="utf-8"))
    config["datasets"].pop("recruitment")
    path = tmp_path / "luton-sw-2016.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    processed = tmp_path / "processed"
    processed.mkdir()
    nb = pm.execute_notebook(
        str(NOTEBOOK),
        str(tmp_path / "out.ipynb"),
        parameters={
            "review": str(path),
            "meeting": "2016-09-21",
            "processed_dir": str(processed),
            "campaigns": sw.sandwell_campaigns(seed),
        },
        kernel_name=ensure_kernel(),
        cwd=str(NOTEBOOK.parent),
        progress_bar=False,
    )
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    shown = [o for o in outputs if o.get("output_type") == "display_data"]
    texts = [str(o.get("data", {}).get("text/plain", "")) for o in shown]
    said = [t for t in texts for line in t.splitlines() if "were not provided" in line]
    assert said == [f"Note: {rr.NOT_PROVIDED}"]
    meta = [o.get("metadata", {}).get("evidence_pack", {}) for o in shown]
    names = [m.get("name") for m in meta]
    assert "campaigns" in names and "campaigns-chart" in names
    assert "funnel" not in names and "campaign-targets" not in names
    findings = next(m for m in meta if m.get("kind") == "findings")
    assert not any("not provided" in f for f in findings["items"])
    table = next(m for m in meta if m.get("name") == "campaigns")
    assert sw.AGENCY in json.dumps(table)
