# ruff: noqa: E501  (the applications read best one per line)
"""The retention projection reads the recruitment section's starters from outside a year.

When the meeting includes 15_recruitment and the review has the recruitment export, the
retention result (45_retention) takes each service's starter rate from the recruitment
section's result (through the registry) and says so; otherwise it keeps its own rate from the
workforce records. The workforce data are those of the retention tests (made there); the
recruitment export is made here.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd
import pytest

from pipelines.core.results import FramesContext
from pipelines.sections.retention import result as ret
from tests.datasets.recruitment.helpers import application, clean, write_export
from tests.sections.retention.test_result import WINDOW, A, B, frames, review

OFFER = {"offered": "01/11/2015", "accepted": "03/11/2015"}


@pytest.fixture(scope="module")
def recruitment(tmp_path_factory):
    """Children's (A): 4 starters from outside (job board, microsite) and 1 agency worker
    appointed; 1 accepted, not started; adults' (B): none. All in the review period."""
    rows = [
        *[application(f"J{i}", applied="01/10/2015", **OFFER, started="04/01/2016") for i in range(3)],
        application("M1", route="jobsgopublic", applied="01/10/2015", **OFFER, started="01/02/2016"),
        application("G1", route="Agency to permanent", applied="01/10/2015", **OFFER,
                    started="01/12/2015"),
        application("P1", applied="01/10/2015", **OFFER),
    ]  # fmt: skip
    df, problems, _ = clean(write_export(tmp_path_factory.mktemp("r") / "r.csv", rows))
    assert problems == []
    return df


def meeting_review(sections: list[str]):
    """The retention tests' review with the recruitment export and a meeting of ``sections``."""
    cfg = review()
    cfg.datasets["recruitment"] = SimpleNamespace(source="Recruitment system export (test)")
    cfg.services = [A, B]
    refs = [SimpleNamespace(notebook=n, parameters={}) for n in sections]
    cfg.meeting = lambda date: SimpleNamespace(sections=refs)
    return cfg


def rates_of(cfg, data):
    result = ret.build(FramesContext(cfg, "2016-09-21", data), {"scenario_service": A})
    return result.tables["rates"], result


def test_with_the_recruitment_section_the_projection_reads_its_starter_rate(recruitment):
    cfg = meeting_review(["15_recruitment", "45_retention"])
    table, _ = rates_of(cfg, {**frames(), "recruitment": recruitment})
    rates = table.frame.set_index("service")
    # 1 September 2015 to 31 August 2016: 366 days. Children's: 4 from outside (the agency
    # worker appointed and the one not yet started are not starters from outside).
    per_year = 4 * 365.25 / 366
    assert rates.loc[A, "starters"] == 4
    assert rates.loc[A, "starting_rate"] == pytest.approx(per_year * 1.0)  # every FTE is 1.0
    assert rates.loc[B, "starters"] == 0 and rates.loc[B, "starting_rate"] == 0
    assert set(rates["starters_from"]) == {ret.FROM_RECRUITMENT}
    assert table.source.endswith("; starters: Recruitment system export (test)")
    assert table.labelled().columns[-1] == "Starters counted from"
    # Starters from the recruitment system, agency workers appointed from the HR records: the
    # table says so, since a conversion campaign's "in post" there can differ (Coventry 16 April
    # 2018: 2 appointed beside a campaign's 3 in post).
    assert "Agency workers appointed are counted from the HR records" in table.caption
    assert "agency conversion campaign" in table.caption


def test_without_the_section_or_the_export_the_workforce_records_rate_stays(recruitment):
    data = frames()
    spells_starters = data["staff_in_post"]
    # By hand from the staff made by the retention tests: starters in the window (1 September
    # 2015 to the staff list's date), not from the council's agency workers, a year.
    as_at = pd.Timestamp(review().datasets["staff_in_post"].as_at)
    window = pd.Timestamp(WINDOW)
    years = (as_at - window).days / 365.25
    mine = spells_starters[(spells_starters["service"] == A)
                           & (spells_starters["start_date"] >= window)
                           & ~spells_starters["from_agency"].astype(bool)]  # fmt: skip
    expected = float(mine["fte"].sum()) / years
    for cfg, given in (
        (meeting_review(["45_retention"]), {**data, "recruitment": recruitment}),  # no section
        (meeting_review(["15_recruitment", "45_retention"]), data),  # no export
    ):
        table, _ = rates_of(cfg, given)
        rates = table.frame.set_index("service")
        assert rates.loc[A, "starters"] == len(mine)
        assert rates.loc[A, "starting_rate"] == pytest.approx(expected)
        assert set(rates["starters_from"]) == {ret.FROM_RECORDS}
        assert "Recruitment" not in table.source
        assert table.caption.startswith(
            "Flows measured from the data, the rates the projection uses. Leavers are counted to "
        )


def test_the_recruitment_rate_is_read_through_the_registry_not_the_package():
    import ast
    from pathlib import Path

    source = Path(ret.__file__).read_text(encoding="utf-8")
    imported = {
        n.module for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ImportFrom) and n.module
    }
    assert not {m for m in imported if m.startswith("pipelines.sections.recruitment")}
    assert "pipelines.core.results" in imported
    assert dt.date(2016, 8, 31) == review().period.end  # the recruitment period the test assumes
