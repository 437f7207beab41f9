"""Any council: a review started with `init` for a council that is neither demo review builds a
pack with no word of Luton or Coventry in it.

The test starts a review for Bristol City Council with `evidence-pack init`, copies in the demo
exports that fit its sections (the Coventry demo's workforce, pay, caseload and supplement
exports and tracker, with the job titles they use as the review's own vocabulary), builds one
meeting's pack and reads its text.
"""

from __future__ import annotations

import re
import shutil
import uuid

import pytest
import yaml
from bs4 import BeautifulSoup
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.core.config import load_review, project_root, review_path
from pipelines.demo import coventry
from pipelines.orchestrator import build_pack

DEMO_WORDS = re.compile(r"\b(Luton|LBC|Coventry)\b", re.IGNORECASE)
COPIED = ("workforce_snapshot", "pay_rates", "caseloads", "market_supplements")


@pytest.fixture(scope="module")
def bristol():
    review_id = f"zz-bristol-{uuid.uuid4().hex[:8]}"
    raw = project_root() / "data" / "raw" / review_id
    own = project_root() / "config" / "reviews" / review_id
    try:
        result = CliRunner().invoke(
            app, ["init", review_id, "--council", "Bristol City Council", "--la", "Bristol"]
        )
        assert result.exit_code == 0, result.output
        yield review_id
    finally:
        review_path(review_id).unlink(missing_ok=True)
        shutil.rmtree(raw, ignore_errors=True)
        shutil.rmtree(own, ignore_errors=True)


def test_a_third_councils_pack_carries_no_demo_word(bristol, tmp_path):
    cfg_path = review_path(bristol)
    data = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    demo = load_review(coventry.REVIEW)
    raw = project_root() / data["raw_dir"]
    # The exports, under the names the new configuration gives them.
    for name in COPIED:
        shutil.copy(
            demo.raw_path() / demo.datasets[name].file, raw / data["datasets"][name]["file"]
        )
    shutil.copy(demo.raw_path() / demo.tracker, raw / "recommendations.yml")
    shutil.copytree(
        demo.mappings_path(), project_root() / "config" / "reviews" / bristol / "mappings"
    )
    data["datasets"] = {k: v for k, v in data["datasets"].items() if k in COPIED}
    data["datasets"]["workforce_snapshot"]["as_at"] = data["datasets"]["caseloads"]["as_at"] = (
        demo.datasets["workforce_snapshot"].as_at
    )
    data["services"] = ["Children's Social Care"]
    data["tracker"] = "recommendations.yml"
    workforce = next(
        s for m in demo.meetings for s in m.sections if s.notebook == "40_workforce_costs"
    ).parameters
    params = {k: v for k, v in workforce.items() if k != "as_at"}
    params["caseload_model_source"] = "the council's staffing model"
    meeting = data["meetings"][0]
    meeting["date"] = "2018-04-16"  # the demo tracker's statuses are of this date
    meeting["sections"] = [
        {"notebook": "30_local_vs_national"},
        {"notebook": "40_workforce_costs", "parameters": params},
        {"notebook": "60_recommendations"},
        {"notebook": "90_data_quality"},
    ]
    cfg_path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    result = build_pack(
        bristol,
        "2018-04-16",
        outputs_root=tmp_path / "outputs",
        processed_root=tmp_path / "processed",
    )
    html = result.html.read_text(encoding="utf-8")
    text = BeautifulSoup(html, "html.parser").get_text(" ")
    assert "Bristol City Council" in text
    # A review whose papers printed no figure yet says so in one line (data-quality appendix).
    annex = BeautifulSoup(
        (result.folder / "annex.html").read_text(encoding="utf-8"), "html.parser"
    ).get_text(" ")
    assert "No figures have been published to the group yet" in " ".join(annex.split())
    assert not (result.folder / "tables" / "90_data_quality__reconciliation.csv").exists()
    found = {m.group(0) for m in DEMO_WORDS.finditer(text)}
    where = [text[max(0, m.start() - 80) : m.end() + 40] for m in DEMO_WORDS.finditer(text)]
    assert not found, f"demo words in a third council's pack: {found}: {where[:5]}"
