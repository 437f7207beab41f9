"""The initiatives register is part of the scorecard's result (issue 20): computed once for every
audience, its public variant writing small counts as "fewer than"; the agency and vacancy rates of
whole services are the workforce section's figures, those of job titles worked out from the
snapshot. Data made here; every figure worked out by hand below."""

from __future__ import annotations

import pandas as pd
import pytest

from pipelines.core.disclosure import Policy
from pipelines.core.results import FramesContext
from pipelines.sections import initiatives as it
from pipelines.sections.scorecard import result as scr
from pipelines.sections.workforce import result as wr
from tests.conftest import DEMO_MEETING
from tests.sections.figure_checks import CFG

CHILDREN, ADULTS = "Children's Social Care", "Adult Social Care"
WORKFORCE = "40_workforce_costs"
AS_AT = "2016-07-30"


def snapshot() -> pd.DataFrame:
    """Children's: 15 FTE established, 10 permanent, 4 agency, 5 vacant; adults': 8, 4, 4, 4.

    Agency rate: children's 4 / 14 = 28.6%, adults' 4 / 8 = 50.0%, both 8 / 22 = 36.4%.
    Vacancy rate: children's 5 / 15 = 33.3%, adults' 4 / 8 = 50.0%, both 9 / 23 = 39.1%.
    Social workers of both services: agency 7 / 17 = 41.2%, vacant 8 / 18 = 44.4%.
    """
    rows = [
        (CHILDREN, "Social Worker", "G7", 10, 6, 3, 4),
        (CHILDREN, "Senior Practitioner", "G8", 5, 4, 1, 1),
        (ADULTS, "Social Worker", "G7", 8, 4, 4, 4),
    ]
    cols = ["service", "job_title", "grade", "establishment_fte", "permanent_fte"]
    cols += ["agency_fte", "vacant_fte"]
    return pd.DataFrame(rows, columns=cols).astype({c: float for c in cols[3:]})


def leavers() -> pd.DataFrame:
    """Three children's leavers in the review period (two with under two years' service), one
    adults' leaver, and one children's leaver after the period."""
    return pd.DataFrame(
        {
            "service": [CHILDREN, CHILDREN, CHILDREN, ADULTS, CHILDREN],
            "role": ["Social Worker"] * 5,
            "leaving_date": pd.to_datetime(
                ["2015-10-01", "2016-01-15", "2016-06-30", "2016-03-01", "2016-12-01"]
            ),
            "years_of_service": [1.0, 1.5, 6.0, 0.5, 0.5],
        }
    )


def frames() -> dict[str, pd.DataFrame]:
    return {"workforce_snapshot": snapshot(), "leavers": leavers()}


@pytest.fixture(scope="module")
def workforce():
    return wr.build(FramesContext(CFG, None, {"workforce_snapshot": snapshot()}), {"as_at": AS_AT})


def test_whole_service_rates_are_the_workforce_results_figures(workforce):
    rates = it.rate_tables([workforce])
    assert set(rates) == {"agency_rate", "vacancy_rate"}
    table, column = rates["agency_rate"]
    assert (table.name, column) == ("agency_rates", "agency_rate_percent")

    def text(measure, services, data=None):
        scope = {"services": services}
        return it.measure_text(measure, scope, data or {}, CFG, as_at=AS_AT, rates=rates)

    # One service: the section's figure, as it prints it (no snapshot needed).
    children = workforce.figure("agency_rate_childrens").value
    assert children == pytest.approx(100 * 4 / 14)
    assert text("agency_rate", [CHILDREN]).startswith(f"{children:.1f}% of FTE in post")
    assert text("agency_rate", [CHILDREN]).startswith("28.6% of FTE in post were agency workers")
    assert text("vacancy_rate", [ADULTS]).startswith("50.0% of establishment FTE vacant at 30")
    # Both services: the table's total row over them, 8 / 22 and 9 / 23.
    total = table.labelled().iloc[-1]
    assert total["Agency worker rate (%)"] == pytest.approx(100 * 8 / 22)
    assert text("agency_rate", [ADULTS, CHILDREN]).startswith("36.4% of FTE in post")
    assert text("vacancy_rate", []).startswith("39.1% of establishment FTE vacant")
    assert it.service_rate(table, column, [CHILDREN, ADULTS]) == pytest.approx(100 * 8 / 22)
    # The result is read, not the snapshot: a snapshot with other numbers changes nothing.
    other = snapshot().assign(agency_fte=0.0)
    assert text("agency_rate", [CHILDREN], {"workforce_snapshot": other}).startswith("28.6%")
    # A service no row of the table has.
    assert text("agency_rate", ["Housing"]).startswith("No posts of this scope")


def test_a_scope_of_job_titles_is_worked_out_from_the_snapshot(workforce):
    rates = it.rate_tables([workforce])
    scope = {"services": [ADULTS, CHILDREN], "job_titles": ["Social Worker"]}
    data = {"workforce_snapshot": snapshot()}
    agency = it.measure_text("agency_rate", scope, data, CFG, rates=rates)
    assert agency.startswith("41.2% of FTE in post were agency workers at the snapshot date")
    vacant = it.measure_text("vacancy_rate", scope, data, CFG, rates=rates)
    assert vacant.startswith("44.4% of establishment FTE vacant")
    assert it.measure_text("vacancy_rate", scope, {}, CFG, rates=rates) == it.NO_DATA
    assert it.snapshot_rate("agency_rate", snapshot().iloc[:0]) is None


def _review(initiatives: list[dict]):
    """The demo review with ``initiatives`` and one meeting holding the workforce section."""
    meeting = CFG.meeting(DEMO_MEETING)
    ref = meeting.sections[0].model_copy(
        update={"notebook": WORKFORCE, "parameters": {"as_at": AS_AT}}
    )
    mtg = meeting.model_copy(update={"sections": [ref]})
    return CFG.model_copy(update={"meetings": [mtg], "initiatives": initiatives})


MENTOR = {
    "name": "Mentor",
    "started": "2016",
    "cost": "£1,000",
    "measures": ["short_service_leavers", "agency_rate"],
    "scope": {"services": [CHILDREN]},
    "reported": "Nine mentors",
    "source": "Item 6 report, para 1",
}


def test_the_scorecard_result_holds_the_register_for_every_audience():
    cfg = _review([MENTOR])
    ctx = FramesContext(cfg, cfg.meetings[0].date, frames())
    table = scr.initiatives(ctx)
    assert list(table.labelled().columns) == it.COLUMNS
    assert table.name == "initiatives" and table.period == cfg.period.label
    shown = table.frame.set_index("measure")["data_show"]
    # Two children's leavers in the period with under two years' service: exact for the exempt
    # version, "fewer than 5" for the public one (the review's threshold).
    assert shown["Leavers with less than two years' service"].startswith(
        "2 leavers with less than two years' service in"
    )
    public = table.for_policy(Policy("public", cfg.disclosure_threshold))
    assert public is table.public_variant
    said = public.frame.set_index("measure")["data_show"]
    assert said["Leavers with less than two years' service"].startswith(
        f"fewer than {cfg.disclosure_threshold} leavers with less than two years' service"
    )
    assert table.for_policy(Policy("exempt", cfg.disclosure_threshold)) is table
    # The agency rate is the workforce figure, at the snapshot date the meeting gives it.
    assert shown["Agency worker rate"] == (
        "28.6% of FTE in post were agency workers at 30 July 2016 (Children's Social Care; "
        f"{it.ONE_POINT})"
    )
    assert said["Agency worker rate"] == shown["Agency worker rate"]  # no count of people
    # Everything but the count is the same in both versions.
    assert table.frame.drop(columns="data_show").equals(public.frame.drop(columns="data_show"))


def test_the_register_is_in_the_scorecards_result_and_empty_without_initiatives():
    cfg = _review([])
    ctx = FramesContext(cfg, cfg.meetings[0].date, frames())
    table = scr.initiatives(ctx)
    assert table.frame.empty and list(table.labelled().columns) == it.COLUMNS
    from pipelines.core.section_build import build_section

    result = build_section(FramesContext(_review([MENTOR]), cfg.meetings[0].date, {}), "scorecard")
    register = result.tables["initiatives"].frame
    # No data loaded: every measure says so, the config's words are kept.
    assert register["data_show"].tolist() == [it.NO_DATA, it.NO_DATA]
    assert register["papers_report"].tolist() == ["Nine mentors", "Nine mentors"]


def test_the_scorecard_notebook_shows_the_register_of_its_result_and_computes_nothing():
    import json

    from tests.conftest import ROOT

    cells = json.loads((ROOT / "notebooks" / "70_scorecard.ipynb").read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in cells["cells"] if c["cell_type"] == "code")
    assert 'result.tables["initiatives"].for_policy(ctx.policy)' in code
    assert "initiatives_table" not in code and "sections import initiatives" not in code
