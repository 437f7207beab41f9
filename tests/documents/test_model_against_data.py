"""A scenario's assumption is stated with the observed figure of its unit (issue 22, point 3).

Coventry's staffing model assumes 14, 20 and 25 cases per worker; the same report printed an
average caseload of 17.9 and never set one against the other. Meetings and figures are generated
here; the expected sentences are written by hand.
"""

from __future__ import annotations

import datetime as dt

from pipelines.core.config import Meeting, SectionRef, load_review
from pipelines.core.figures import Figure, Kind
from pipelines.documents import final, texts
from pipelines.documents import meeting as meeting_docs

DAY = dt.date(2018, 4, 16)


def caseload(value: float) -> Figure:
    return Figure(
        key="average_caseload_childrens",
        label="Children's social workers: average caseload (cases per worker)",
        value=value,
        kind=Kind.CASES_PER_WORKER,
        denominator=40,
        source="generated extract",
        period="At 28 February 2018",
        section="40_workforce_costs",
    )


def meeting(**parameters) -> Meeting:
    return Meeting(
        date=DAY,
        label="Cabinet Member",
        body="cabinet_member",
        sections=[SectionRef(notebook="40_workforce_costs", parameters=parameters)],
    )


MODEL = {"Looked after children": 14, "Child protection": 14, "Children in need": 20}
SOURCE = "Westmere staffing model (report, paragraph 6.2)"
SAID = (
    "The caseload model (Westmere staffing model) assumes 14 cases per worker for looked after "
    "children and child protection and 20 for children in need; the average now is 17.5 cases "
    "per worker (at 28 February 2018)."
)


def test_the_model_and_the_average_are_stated_together():
    mtg = meeting(cases_per_worker=MODEL, caseload_model_source=SOURCE)
    [(said, question)] = texts.model_comparisons(mtg, [caseload(17.5)])
    assert said == SAID
    assert question == SAID[:-1] + (
        ": how far is each team from the caseloads the model assumes, and what will close the gap?"
    )
    one = {"Children in need": 20}
    [(said, _q)] = texts.model_comparisons(
        mtg.model_copy(
            update={
                "sections": [
                    SectionRef(notebook="40_workforce_costs", parameters={"cases_per_worker": one})
                ]
            }
        ),
        [caseload(21.4)],
    )
    assert said.startswith("The caseload model assumes 20 cases per worker for children in need;")
    assert said.endswith("the average now is 21.4 cases per worker (at 28 February 2018).")


def test_without_a_model_or_a_figure_nothing_is_compared():
    assert texts.model_comparisons(meeting(), [caseload(17.5)]) == []
    with_model = meeting(cases_per_worker=MODEL)
    assert texts.model_comparisons(with_model, []) == []


def test_the_report_asks_and_the_final_report_states_it():
    cfg = load_review("coventry-sw-2018")
    mtg = meeting(cases_per_worker=MODEL, caseload_model_source=SOURCE)
    text = texts.report_text(cfg, mtg, [], figures=[caseload(17.5)])
    assert text.questions[-1].startswith(SAID[:-1] + ": how far is each team")
    fr = cfg.final_report.model_copy(update={"meeting": DAY})
    cfg = cfg.model_copy(update={"meetings": [mtg], "final_report": fr})
    held = meeting_docs.meetings_heard(cfg, DAY)
    sections = final.final_report_sections(cfg, [], held, [], compared=[SAID])
    body = "".join(c.get("source", "") for s in sections for c in s.notebook.cells)
    # what members heard (Finance and HR) states the 14 and 20 in full: the data join that item
    # (papers19, point 9), not stated a second time, and no heading is left over a
    # cross-reference alone (reader11, Coventry final report p5)
    assert (
        "removal of the market supplement. Against these figures, the average now is 17.5 cases "
        "per worker (at 28 February 2018).\n" in body
    )
    assert "The models and the data" not in body and "in section 5." not in body
    # heard nowhere else: stated in full
    unheard = cfg.model_copy(update={"final_report": fr.model_copy(update={"evidence_heard": []})})
    sections = final.final_report_sections(unheard, [], held, [], compared=[SAID])
    body = "".join(c.get("source", "") for s in sections for c in s.notebook.cells)
    assert f"- {SAID}" in body and "## The models and the data" in body


def test_the_same_measure_from_another_source_is_named_with_its_date():
    """Reader11 (Coventry 16 April 2018): the question's "17.9" (the caseload extract at 28
    February 2018) stood against the national table's 16.8 (the DfE at 30 September 2017) with
    nothing to say they are two sources at two dates. Generated figures, words by hand."""
    here = caseload(17.9).model_copy(
        update={"measure": "average caseload", "as_at": dt.date(2018, 2, 28)}
    )
    national = Figure(
        key="dfe_caseload",
        label="Average caseload",
        value=16.8,
        kind=Kind.CASES_PER_WORKER,
        source="Department for Education, children's social work workforce statistics",
        period="At 30 September 2017",
        as_at=dt.date(2017, 9, 30),
        measure="average caseload",
        population="Westmere Council: children's social workers employed by the authority",
        section="30_local_vs_national",
    )
    mtg = meeting(cases_per_worker=MODEL, caseload_model_source=SOURCE)
    [(said, _q)] = texts.model_comparisons(mtg, [here, national])
    # reader14 (Coventry 16 April 2018, question 4): whose figure, the council's or England's
    assert said.endswith(
        "the average now is 17.9 cases per worker (at 28 February 2018; the Department for "
        "Education's figure for Westmere Council at 30 September 2017 is 16.8)."
    )
    # another measure, or the same value, adds nothing
    other = national.model_copy(update={"measure": "vacancy rate"})
    [(said, _q)] = texts.model_comparisons(mtg, [here, other])
    assert said.endswith("(at 28 February 2018).")
    same = national.model_copy(update={"value": 17.9})
    [(said, _q)] = texts.model_comparisons(mtg, [here, same])
    assert said.endswith("(at 28 February 2018).")
