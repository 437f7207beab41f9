"""An illustrative input never reaches a public document (issue 22, point 1; reader11).

Luton's 21 September 2016 report printed "6 agency FTE made permanent at the snapshot date, a
number chosen to illustrate the option: no council paper sets it" in its public scenarios
table. The option rests on the workforce section's ``posts_made_permanent``; without
``posts_made_permanent_source`` it is an illustration, shown in the exempt appendix and the
annex only. Data made here (tests/sections/retention/test_small_flows_not_public.py: flows of
at least the threshold in service A, whose projection is public).
"""

from __future__ import annotations

import pandas as pd

from pipelines.core import presentation
from pipelines.core.disclosure import Policy
from pipelines.core.results import FramesContext
from pipelines.sections.retention import result as rr
from tests.sections.retention.test_result import MEETING, WORKFORCE, A, review
from tests.sections.retention.test_small_flows_not_public import frames

PUBLIC, EXEMPT = Policy("public", 5), Policy("exempt", 5)


def _build(**workforce):
    cfg = review({**WORKFORCE, "posts_made_permanent": 3, **workforce})
    return rr.build(FramesContext(cfg, MEETING, frames()), {"scenario_service": A})


def test_an_option_on_a_number_no_paper_sets_is_left_out_of_the_public_tables():
    out = _build()
    option = "3 agency posts made permanent: cost over time"
    for name in ("scenarios", "projection", "flows"):
        table = out.tables[name]
        assert option in set(table.for_policy(EXEMPT).frame["scenario"]), name
        public = table.for_policy(PUBLIC).frame
        assert option not in set(public["scenario"]), name
        # everything else is still there: current rates and the caseload option
        assert "Current rates continue" in set(public["scenario"]), name
        # (service A's rows: the other's projection rests on small flows, exempt only)
        mine = table.frame[table.frame["service"] == A]
        assert len(public) == len(mine) - (mine["scenario"] == option).sum()


def test_an_option_whose_number_a_paper_sets_is_public_with_its_source():
    out = _build(posts_made_permanent_source="Workforce plan, 1 March 2018")
    scen = out.tables["scenarios"].for_policy(PUBLIC).frame.set_index("scenario")
    made = scen.loc["3 agency posts made permanent: cost over time"]
    assert "the number set in Workforce plan, 1 March 2018" in made["what"]


def test_the_page_shows_a_tables_public_variant(monkeypatch):
    shown = []
    monkeypatch.setattr(presentation, "display", lambda html, plain, meta: shown.append(meta))

    class Ctx:
        policy = PUBLIC
        review = None
        processed_dir = None

    page = presentation.Page(Ctx())
    monkeypatch.setattr(page, "flag_warnings", lambda name: None)
    page.show(_build().tables["scenarios"])
    data = pd.read_json(
        __import__("io").StringIO(shown[0][presentation.META_KEY]["data"]), orient="split"
    )
    assert not data["Scenario"].str.contains("made permanent").any()
    assert not data["What changes"].str.contains("illustrate").any()
