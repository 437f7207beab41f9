"""The public 21 September 2016 pack: the disclosure audit finds nothing recoverable."""

import json
import os
import re

import pandas as pd
import pytest

from pipelines.core.config import load_review
from pipelines.core.disclosure import SUPPRESSED
from pipelines.documents import pack_disclosure
from pipelines.orchestrator import build_pack
from tests.conftest import DEMO_MEETING, DEMO_REVIEW, SOURCE_DATE_EPOCH

THRESHOLD = load_review(DEMO_REVIEW).disclosure_threshold


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    root = tmp_path_factory.mktemp("public-audit")
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    try:
        result = build_pack(
            DEMO_REVIEW,
            DEMO_MEETING,
            variant="public",
            outputs_root=root / "outputs",
            processed_root=root / "processed",
        )
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    return result.folder


def table(folder, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / "tables" / name, dtype=str, keep_default_na=False)


def test_the_pack_records_an_audit_that_finds_nothing_recoverable(public):
    report = json.loads((public / "disclosure_audit.json").read_text(encoding="utf-8"))
    assert report["threshold"] == THRESHOLD
    assert report["suppressed_cells_checked"] > 50
    assert report["recoverable"] == 0 and report["inconsistent_groups"] == []
    assert "no suppressed value can be recovered" in report["conclusion"]
    assert not [c for c in report["cells"] if c["recoverable"]]


@pytest.mark.xfail(
    strict=True,
    reason=(
        "Known fault, not yet mended: the CSV files now hold decimals as printed (2.60), and an "
        "audit that reads them takes the likert tables' averages to two places, which narrows "
        "'5 most negative' of two Adult Social Care questions to one value; the build's own "
        "audit reads the same figures as numbers (2.6) and takes one place. The public run's "
        "likert tables are printed only in the internal annex. The mend: the build's audit and "
        "the protection both take each mean's printed places from its table's format."
    ),
)
def test_the_audit_rerun_on_the_published_csv_files_agrees(public):
    report = json.loads((public / "disclosure_audit.json").read_text(encoding="utf-8"))
    layouts = report["layouts"]
    tables = {p.name: pd.read_csv(p, dtype=object) for p in (public / "tables").glob("*.csv")}
    # Every published table with a suppressed cell is covered by the audit.
    with_c = {n for n, t in tables.items() if (t.astype(str) == SUPPRESSED).to_numpy().any()}
    assert with_c and with_c <= set(layouts)
    # Read back from the CSV files, numbers are text: the audit parses them itself.
    result = pack_disclosure.disclosure_audit(tables, layouts, THRESHOLD, report["held_back"])
    assert result.safe, result.recoverable
    assert len([r for r in result.ranges if not r.implicit]) == report["suppressed_cells_checked"]


def test_the_issues_cross_table_disclosures_are_closed(public):
    turnover = table(public, "10_leavers__turnover.csv")
    for _, row in turnover.iterrows():
        if SUPPRESSED not in (row["Leavers"], row["Social work leavers"]):
            other = int(float(row["Leavers"])) - int(float(row["Social work leavers"]))
            assert not 0 < other < THRESHOLD, row.to_dict()
    returns = table(public, "10_leavers__exit-return-rate.csv").set_index("Service")
    by_profession = table(public, "10_leavers__exit-forms-by-profession.csv")
    for service, forms in returns["Forms returned"].items():
        if forms == SUPPRESSED and service != "Total":
            shown = by_profession[by_profession["Service"] == service]["Forms"]
            assert (shown == SUPPRESSED).any(), service
    would = table(public, "10_leavers__would-return.csv").set_index("Answer")["Leavers"]
    assert (would == SUPPRESSED).sum() != 1


def test_posts_and_fte_are_published(public):
    turnover = table(public, "10_leavers__turnover.csv")
    assert SUPPRESSED not in set(turnover["Qualified posts"]) | set(turnover["Social worker posts"])
    roles = table(public, "40_workforce_costs__agency-rates-by-role.csv")
    for column in ("Establishment FTE", "Permanent FTE", "Agency FTE", "Vacant FTE"):
        assert SUPPRESSED not in set(roles[column]), column
    assert SUPPRESSED not in set(roles["Agency worker rate (%)"])


def test_the_agency_rate_title_names_the_highest_rate_the_table_shows(public):
    nb = json.loads((public / "sections" / "40_workforce_costs.ipynb").read_text("utf-8"))
    metas = [
        o["metadata"]["evidence_pack"]
        for c in nb["cells"]
        for o in c.get("outputs", [])
        if o.get("metadata", {}).get("evidence_pack", {}).get("name") == "agency-rates-by-role"
    ]
    [meta] = metas
    roles = table(public, "40_workforce_costs__agency-rates-by-role.csv")
    roles = roles[roles["Job title"] != "Total"]
    for service, group in roles.groupby("Service"):
        rates = pd.to_numeric(group["Agency worker rate (%)"], errors="coerce")
        top = group.loc[rates.idxmax()]
        assert (
            f"{top['Job title']}s in {service} ({float(top['Agency worker rate (%)']):.1f}%)"
            in (meta["caption"])
        )
    assert re.search(
        r"Independent Reviewing Officers in Children's Social Care \(6\d(?:\.\d)?%\)",
        meta["caption"],
    )


def test_the_appendix_states_the_audit_result(public):
    html = (public / "annex.html").read_text(encoding="utf-8")
    assert "Disclosure control" in html
    assert "no suppressed value can be recovered" in html


def test_counts_the_council_published_are_shown_not_suppressed(public):
    published = load_review(DEMO_REVIEW).published_values
    returns = table(public, "10_leavers__exit-return-rate.csv").set_index("Service")
    forms = returns["Forms returned"]
    assert float(forms["Total"]) == published["exit_forms_returned"]
    assert float(forms["Children's Social Care"]) == published["childrens_exit_forms"]
    assert SUPPRESSED not in set(forms), "the adults' forms follow from the two published counts"
    by_profession = table(public, "10_leavers__exit-forms-by-profession.csv")
    total = by_profession[by_profession["Service"] == "Total"]["Forms"].iat[0]
    assert float(total) == published["exit_forms_returned"]
    supplements = table(public, "40_workforce_costs__supplement-costs.csv")
    # by job title at any size (reader15): FTE count posts, not people
    assert SUPPRESSED not in set(supplements["Permanent FTE"]), "FTE are posts, not people"


def test_no_chart_is_dropped_a_suppressed_one_is_redrawn_with_its_values_marked(public):
    html = (public / "annex.html").read_text(encoding="utf-8")
    assert "not shown in the public version" not in html
    charts = re.findall(r'<figure class="ep-chart".*?</figure>', html, flags=re.S)
    assert charts and all("<img" in c for c in charts)
    redrawn = [c for c in charts if "values marked [c] are not shown" in c]
    assert len(redrawn) >= 2, "the length-of-service and Likert charts have suppressed values"
