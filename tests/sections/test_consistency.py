"""One figure, one value: planted contradictions are caught, reconciled bases pass, and the demo
pack of 21 September 2016 has none."""

from __future__ import annotations

import pandas as pd

from pipelines.sections import consistency as cs
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
    from pipelines.core import cleaning
    from pipelines.sections.findings import section_parameters

    snap = cleaning.clean_review(CFG.raw_path(), CFG.datasets).frames["workforce_snapshot"]
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
    # The public report and the annex (every section in full), each with its own tables.
    meeting = built.folder.parent
    found = cs.check_pack(meeting / "public") + cs.check_pack(built.folder, html_name="annex.html")
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


def test_the_check_uses_the_tables_it_is_given_and_reads_no_csv(tmp_path):
    """The build passes the tables it wrote: no tables/ folder is read, columns go by name."""
    (tmp_path / "report.html").write_text("<p>No reconciling sentence.</p>", encoding="utf-8")
    turnover = pd.DataFrame(
        {  # "Qualified posts" is not the third column: it is found by its name
            "Service": ["Children's Social Care"],
            "Qualified posts": [112],
            "Leavers": [20],
        }
    )
    model = pd.DataFrame(
        {
            "Input or result": [
                "Extra cost a year of each leaver replaced by an agency worker (£)"
            ],
            "Value": ["a saving of £835"],
        }
    )
    premium = pd.DataFrame(
        {
            "Service": ["Children's Social Care", "Total"],
            "Job title": ["Social Worker", ""],
            "Extra cost per FTE (£)": [-835.0, None],
        }
    )
    agency = pd.DataFrame(
        {
            "Service": ["Children's Social Care", "Total"],
            "Establishment FTE": [110.0, 110.0],
            "Agency worker rate (%)": [30.0, 30.0],
        }
    )
    tables = {
        "10_leavers__turnover.csv": turnover,
        "40_workforce_costs__supplement-model.csv": model,
        "40_workforce_costs__agency-premium.csv": premium,
        "40_workforce_costs__agency-rates.csv": agency,
    }
    assert not (tmp_path / "tables").exists()
    found = cs.check_pack(tmp_path, tables=tables, reconciliations=[REC])
    # 112 qualified posts against 110 FTE: two bases without their sentence. The extra cost of
    # -£835 a year agrees in both tables only if "a saving of £835" is read as -835.
    assert [c.measure.split(",")[0] for c in found] == ["establishment"]
    assert "112" in found[0].message and "110" in found[0].message
