"""The survey section run on its own against the built demo data: the public variant quotes no
comments, and a previous wave (a fixture made from the demo data) is compared when named."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import papermill as pm
import pytest
import yaml

from pipelines.core.config import review_path
from pipelines.core.kernel import ensure_kernel
from tests.conftest import DEMO_REVIEW, ROOT

NOTEBOOK = ROOT / "notebooks" / "20_surveys.ipynb"


def run(tmp_path: Path, processed: Path, monkeypatch, **parameters) -> list[dict]:
    """Execute the section on ``processed`` (a processed-data root); return its outputs' metadata.

    The run is carried by the notebook's parameters only (no environment variables). It runs on
    a copy: the section stores its result beside the data, and the shared pack is read by others.
    """
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    if not str(processed).startswith(str(tmp_path)):
        shutil.copytree(processed, tmp_path / "processed-copy")
        processed = tmp_path / "processed-copy"
    nb = pm.execute_notebook(
        str(NOTEBOOK),
        str(tmp_path / "out.ipynb"),
        parameters={"processed_dir": str(processed / DEMO_REVIEW), **parameters},
        kernel_name=ensure_kernel(),
        cwd=str(NOTEBOOK.parent),
        progress_bar=False,
    )
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    return [
        o.get("metadata", {}).get("evidence_pack", {})
        | {"_html": o.get("data", {}).get("text/html", "")}
        for o in outputs
        if o.get("output_type") == "display_data"
    ]


def test_public_variant_shows_no_comments_or_contact_details(built, tmp_path, monkeypatch):
    shown = run(tmp_path, built.processed, monkeypatch, audience="public")
    tables = {m.get("name") for m in shown if m.get("kind") == "table"}
    assert "themes" in tables and "comments" not in tables
    text = json.dumps(shown)
    assert "@example.org" not in text and "07700 900" not in text
    assert any("exempt version" in m.get("text", "") for m in shown if m.get("kind") == "note")


def earlier_wave(answers: pd.DataFrame) -> pd.DataFrame:
    """A fixture earlier wave: the same respondents one point less positive on two questions."""
    earlier = answers.copy()
    worse = earlier["question"].isin(["job_role", "recommend_as_place_to_work"])
    earlier.loc[worse, "score"] = np.minimum(earlier.loc[worse, "score"] + 1, 5)
    return earlier


def test_previous_wave_is_compared_when_named(built, tmp_path, monkeypatch):
    processed = tmp_path / "processed"
    shutil.copytree(built.processed, processed)
    folder = processed / DEMO_REVIEW
    answers = pd.read_parquet(folder / "staff_survey_answers.parquet")
    earlier_wave(answers).to_parquet(folder / "staff_survey_previous_answers.parquet")
    config = yaml.safe_load(review_path(DEMO_REVIEW).read_text(encoding="utf-8"))
    config["datasets"]["staff_survey_previous"] = {
        "file": "staff_survey_2015.csv",
        "description": "earlier wave (test fixture)",
        "source": "Permanent staff survey, 2015 (fixture)",
    }
    path = tmp_path / f"{DEMO_REVIEW}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    shown = run(
        tmp_path, processed, monkeypatch, review=str(path), previous_wave="staff_survey_previous"
    )
    waves = {
        m["name"]: pd.read_json(io.StringIO(m["data"]), orient="split")
        for m in shown
        if str(m.get("name", "")).startswith("waves")
    }
    assert len(waves) == 3
    table = next(t for n, t in waves.items() if n.endswith("all-respondents")).set_index("Question")
    assert table.loc["Satisfaction with job role", "Change"] < 0
    assert table.loc["Satisfaction with job role", "Clear change"] == "Yes"
    assert table.loc["Mentoring and support of peers", "Change"] == 0


@pytest.mark.parametrize("wave", [""])
def test_without_a_previous_wave_the_section_says_so(built, tmp_path, monkeypatch, wave):
    shown = run(tmp_path, built.processed, monkeypatch, previous_wave=wave)
    assert any(m.get("name") == "earlier-survey" for m in shown)
    assert not any(str(m.get("name", "")).startswith("waves") for m in shown)


@pytest.mark.slow
def test_a_review_with_one_service_runs_the_section(tmp_path, monkeypatch):
    """Issue 21: a children's-services-only review's survey section runs (it stopped with
    "not enough values to unpack"), from a generated one-service export."""
    from pipelines.core.cleaning import CLEANERS, CleaningLog
    from pipelines.core.sources import read_export
    from tests.sections.surveys.test_result import CHILDREN, write_export

    export = tmp_path / "staff_survey.csv"
    write_export(export)
    made, problems = CLEANERS["staff_survey"](read_export(export, "staff_survey"), CleaningLog())
    assert not problems
    processed = tmp_path / "processed"
    folder = processed / DEMO_REVIEW
    folder.mkdir(parents=True)
    for name, frame in made.items():
        frame.to_parquet(folder / f"{name}.parquet")
    config = yaml.safe_load(review_path(DEMO_REVIEW).read_text(encoding="utf-8"))
    config["services"] = [CHILDREN]
    config["datasets"] = {"staff_survey": config["datasets"]["staff_survey"]}
    config["meetings"] = [
        {**m, "sections": [s for s in m.get("sections", []) if s["notebook"] == "20_surveys"]}
        for m in config["meetings"]
        if any(s["notebook"] == "20_surveys" for s in m.get("sections", []))
    ]
    path = tmp_path / f"{DEMO_REVIEW}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    shown = run(tmp_path, processed, monkeypatch, review=str(path), resamples=500)
    names = {str(m.get("name")) for m in shown}
    assert {"respondents", "results-children-s-social-care", "likert-children-s-social-care"} <= (
        names
    ), sorted(names)
    assert not {n for n in names if "all-respondents" in n or "differences" in n}, sorted(names)
    findings = next(m for m in shown if m.get("name") == "findings")
    assert "6 permanent staff answered the staff survey." in json.dumps(findings)
