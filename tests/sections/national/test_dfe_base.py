"""A DfE rate's distance from England is counted on the DfE's own FTE, and says so (issue 22, 8).

Coventry's report: "13.9% ... against England's 13.4%: about 2 FTE more than at England's rate"
counted the 0.5 points on the council's own 355 FTE (all children's posts in its snapshot),
where the DfE's rate is a share of the 270.4 FTE in post it published. Figures made here.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from pipelines.core.figures import Figure, Kind
from pipelines.sections import findings
from pipelines.sections.national import result as nr
from pipelines.sections.national import text as nt

CELLS = {
    ("inpost_fte", 2017, "E1"): (270.4, ""),
    ("agency_fte", 2017, "E1"): (40.0, ""),
    ("vacancy_fte", 2017, "E1"): (float("nan"), "x"),
}
DATA = SimpleNamespace(cell=lambda m, y, k: CELLS.get((m, y, k)))


def dfe_turnover(denominator):
    return Figure(
        key="dfe_turnover",
        label="Coventry: turnover rate (DfE, children's social workers, 2017)",
        value=13.9,
        kind=Kind.PERCENT_OF_FTE,
        denominator=denominator,
        direction="lower",
        source="DfE",
        period="At 30 September 2017",
        as_at=dt.date(2017, 9, 30),
        section="30_local_vs_national",
        comparators={"england": 13.4},
    )


def test_the_base_is_the_dfes_fte_as_the_dfe_defines_each_rate():
    assert nr.rate_base(DATA, "turnover_rate_fte", 2017, "E1") == pytest.approx(270.4)
    assert nr.rate_base(DATA, "agency_rate_fte", 2017, "E1") == pytest.approx(310.4)
    assert nr.rate_base(DATA, "vacancy_rate_fte", 2017, "E1") is None  # a marker: not published
    assert nr.rate_base(DATA, "caseload_fte", 2017, "E1") is None  # not a rate
    assert nr.rate_base(DATA, "turnover_rate_fte", 2016, "E1") is None


def test_the_distance_is_counted_on_the_dfe_base_and_named():
    rules = findings.load_rules()
    fig = dfe_turnover(270.4)
    m = findings.materiality(fig, rules, bases={"external": 355.0})
    # 0.5 points of 270.4 FTE = 1.352 FTE (on the council's 355 it would be 1.775: "about 2")
    assert m.amount == pytest.approx(0.5 / 100 * 270.4)
    text = nt.finding_text(fig, m)
    assert "about 1 FTE (of the DfE's 270.4 FTE) more than at England's rate." in text
    # without a published base the council's count is used, unnamed as before
    old = findings.materiality(dfe_turnover(None), rules, bases={"external": 355.0})
    assert old.amount == pytest.approx(0.5 / 100 * 355)
    assert "of the DfE's" not in nt.finding_text(dfe_turnover(None), old)
