"""One figure, one value: planted contradictions are caught, reconciled bases pass, and the demo
pack of 21 September 2016 has none."""

from __future__ import annotations

import pandas as pd

from pipelines.core.disclosure import Population
from pipelines.core.figures import Kind
from pipelines.core.results import Column, SectionResult, TidyTable
from pipelines.sections import consistency as cs
from tests.conftest import DEMO_MEETING, demo_frames
from tests.sections.figure_checks import CFG

REC = cs.Reconciliation(
    measure="establishment", bases=("qualified posts", "FTE"), text="Two bases: posts and FTE."
)


def obs(value: float, basis: str, where: str, measure: str = "establishment") -> cs.Observation:
    return cs.Observation(measure, "Children's Social Care", "2016-07-30", value, basis, where)


def test_the_same_measure_with_two_values_on_one_basis_is_caught():
    found = cs.one_value(
        [obs(112, "qualified posts", "turnover"), obs(110, "qualified posts", "x")]
    )
    assert len(found) == 1 and found[0].rule == "one value"
    assert "112" in found[0].message and "110" in found[0].message


def test_two_bases_pass_only_when_the_reconciling_sentence_is_printed():
    two = [obs(112, "qualified posts", "turnover"), obs(126, "FTE", "agency-rates")]
    assert cs.one_value(two, [REC], printed="<p>Nothing here.</p>")
    assert cs.one_value(two, [REC], printed="<p>Two   bases: posts and FTE.</p>") == []
    assert "no reconciliation" in cs.one_value(two, [], printed=REC.text)[0].message


def test_equal_values_never_contradict():
    assert cs.one_value([obs(34.4, "FTE", "a"), obs(34.4, "FTE", "b")]) == []


def test_a_scenario_larger_than_the_posts_is_caught():
    posts = {"Children's Social Care: Senior Practitioner": 6.0}
    bad = [("Children's Social Care: Senior Practitioner", 10, "conversion-savings")]
    found = cs.scenarios_within_posts(bad, posts)
    assert len(found) == 1 and "only 6 exist" in found[0].message
    ok = [("Children's Social Care: Senior Practitioner", 6, "conversion-savings")]
    assert cs.scenarios_within_posts(ok, posts) == []
    unknown = [("Adult Social Care: Wizard", 1, "conversion-savings")]
    assert "does not count" in cs.scenarios_within_posts(unknown, posts)[0].message


def test_a_percentage_rounded_another_way_is_caught_quotes_and_levels_are_not():
    texts = [
        ("40: figcaption", "Agency worker rates are highest for IROs (62%)"),
        ("40: li", "34.4% of the workforce were agency workers"),
        ("10: li", "the report printed \u201c46% of leavers\u201d"),
        ("20: p", "the range the average is likely to lie in (a 95% interval)"),
    ]
    found = cs.percentages_one_way(texts)
    assert [f.measure for f in found] == ["62%"]


def test_report_texts_leave_out_tables_and_appendices():
    html = (
        '<section data-section="40_workforce_costs"><figcaption>Rate (62%)</figcaption>'
        "<table><caption>Rates</caption><tr><td>62%</td></tr></table></section>"
        '<section data-section="90_data_quality"><li>Printed 37%</li></section>'
    )
    texts = cs.report_texts(html)
    assert ("40_workforce_costs: figcaption", "Rate (62%)") in texts
    assert ("40_workforce_costs: caption", "Rates") in texts
    assert not any("37%" in t or "<td>" in t for _, t in texts)


def test_the_pack_scenarios_and_observations_are_read_from_its_tables():
    tables = {
        "40_workforce_costs__agency-rates-by-role": pd.DataFrame(
            {
                "Service": ["Children's Social Care", "Children's Social Care"],
                "Job title": ["Senior Practitioner", "Total"],
                "Agency FTE": [6.0, 43.0],
                "Agency worker rate (%)": [35.3, 34.4],
            }
        ),
        "40_workforce_costs__conversion-savings": pd.DataFrame(
            {"Post": ["Children's Senior Practitioner"], "Agency posts made permanent": [10]}
        ),
    }
    scenarios, posts = cs.pack_scenarios(tables)
    assert cs.scenarios_within_posts(scenarios, posts)[0].measure == (
        "Children's Social Care: Senior Practitioner"
    )


def test_the_demo_review_asks_for_no_more_posts_than_exist_at_any_meeting():
    from pipelines.sections.findings import section_parameters

    snap = demo_frames()["workforce_snapshot"]
    meetings = [m for m in CFG.meetings if m.date is not None]
    refs = [s for m in meetings for s in m.sections if s.notebook == "40_workforce_costs"]
    assert len(refs) >= 2
    for ref in refs:
        params = section_parameters("40_workforce_costs", ref.parameters)
        for post in params["cost_comparators"]:
            rows = snap[
                (snap["service"] == post["service"]) & (snap["job_title"] == post["job_title"])
            ]
            assert params["posts_made_permanent"] <= rows["agency_fte"].sum(), post


def test_each_reconciliation_in_config_names_its_sections_and_table():
    recs = cs.load_reconciliations()
    assert {r.measure for r in recs} >= {"establishment", "extra cost a year of one agency worker"}
    for r in recs:
        assert len(r.bases) == 2 and r.sections and r.show_with and r.text
    assert cs.notes_for(CFG, "2016-09-21", "agency_rates")
    assert cs.notes_for(CFG, "2016-11-22", "agency_rates") == []


def test_the_21_september_2016_pack_has_no_contradiction(built):
    # The public report and the annex (every section in full), each with its own tables, and
    # the meeting's section results (what both printed).
    from pipelines.core.context import run_context
    from pipelines.orchestrator import pack_sections

    ctx = run_context(CFG, DEMO_MEETING, processed_dir=built.processed / CFG.id)
    results = cs.meeting_results(ctx, pack_sections(CFG.meeting(DEMO_MEETING)))
    assert results
    meeting = built.folder.parent
    found = cs.check_pack(meeting / "public", results=results)
    found += cs.check_pack(built.folder, html_name="annex.html", results=results)
    assert found == [], "\n".join(c.message for c in found)


def test_a_planted_contradiction_in_the_built_pack_is_caught(built, tmp_path):
    copy = built.copy(tmp_path / "pack")
    html = (copy.folder / "annex.html").read_text(encoding="utf-8")
    planted = html.replace("</figcaption>", " (62%)</figcaption>", 1)
    (copy.folder / "annex.html").write_text(planted, encoding="utf-8")
    assert any(c.measure == "62%" for c in cs.check_pack(copy.folder, html_name="annex.html"))


def test_pounds_reads_money_as_the_pack_shows_it():
    assert cs.pounds("£1,020") == 1020
    assert cs.pounds("-£835") == -835
    assert cs.pounds("'-£835") is None  # a neutralised cell is not read as money
    assert cs.pounds("a saving of £835") == -835
    assert cs.pounds("an extra cost of £835") == 835
    assert cs.pounds(-835.0) == -835
    assert cs.pounds("none: never used up") is None


def _turnover_result(section: str, leavers: int, posts: int) -> SectionResult:
    """A section's result with one table: Children's turnover of ``leavers`` over ``posts``."""
    by = {"Service": "service"}
    table = TidyTable(
        name="turnover",
        frame=pd.DataFrame(
            {
                "service": ["Children's Social Care"],
                "leavers": [leavers],
                "posts": [posts],
                "turnover": [100.0 * leavers / posts],
            }
        ),
        columns={
            "service": Column("Service"),
            "leavers": Column("Leavers", Kind.PEOPLE, Population("leavers", by)),
            "posts": Column("Qualified posts", Kind.POSTS),
            "turnover": Column(
                "Turnover (%)",
                Kind.PEOPLE_PER_100_POSTS,
                Population("qualified posts", by),
                numerator="leavers",
                denominator="posts",
                measure="turnover",
            ),
        },
        caption="Turnover",
        source="HR",
        period="2015/16",
    )
    return SectionResult(section=section, tables={"turnover": table})


def test_one_value_is_read_from_the_sections_results_naming_no_table(tmp_path):
    """The measures come from the results' columns (measure, population, period), any section."""
    (tmp_path / "report.html").write_text("<p>Nothing to reconcile.</p>", encoding="utf-8")
    # 26 of 112 posts is 23.2; 26 of 110 is 23.6: one measure, one population, two values.
    two = [_turnover_result("11_one", 26, 112), _turnover_result("12_other", 26, 110)]
    found = cs.check_pack(tmp_path, tables={}, reconciliations=[], results=two)
    assert [c.rule for c in found] == ["one value"]
    assert "23.2143" in found[0].message and "23.6364" in found[0].message
    assert "Children's Social Care: qualified posts" in found[0].message
    same = [_turnover_result("11_one", 26, 112), _turnover_result("12_other", 26, 112)]
    assert cs.check_pack(tmp_path, tables={}, reconciliations=[], results=same) == []
    assert not (tmp_path / "tables").exists()  # the tables given are used, no CSV is read


def test_a_reconciliation_applies_when_the_document_shows_both_sections():
    rec = cs.Reconciliation(
        "establishment", ("posts", "FTE"), "Two bases.", ("10_a", "40_b"), "agency_rates"
    )
    table = '<table id="40-b--tbl-agency-rates"></table>'
    both = f'<section data-section="10_a"></section><section data-section="40_b">{table}</section>'
    assert [c.measure for c in cs.unprinted_reconciliations([rec], both)] == ["establishment"]
    assert cs.unprinted_reconciliations([rec], both + "<p>Two   bases.</p>") == []
    one = f'<section data-section="10_a"></section>{table}'
    assert cs.unprinted_reconciliations([rec], one) == []  # one section: one basis
    no_table = '<section data-section="10_a"></section><section data-section="40_b"></section>'
    assert cs.unprinted_reconciliations([rec], no_table) == []  # the table is not shown
