"""SWOT: each rule fires or not on crafted figures; officers' entries need evidence; every entry
in the built final pack cites a figure that its section shows."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.core.config import load_review, project_root
from pipelines.core.errors import ConfigError, InputError
from pipelines.core.exports import DEFAULT_DECIMALS, printed_decimals
from pipelines.core.outputs import slug
from pipelines.sections import indicators as ix
from pipelines.sections.swot import analysis as swot
from pipelines.sections.swot import display
from tests.conftest import DEMO_REVIEW, axe_violations, demo_frames, examples
from tests.sections.figure_checks import formats_in

FINAL_MEETING = "2017-02-28"
CFG = load_review(DEMO_REVIEW)
RULES = swot.load_rules(swot.swot_files(CFG)[0])
INDICATOR_DIRECTION = {
    "exit_return_rate": "higher",
    "lowest_rated_aspect": "higher",
    "locum_felt_valued": "higher",
}


def crafted(rule: swot.Rule, gap_worse: float | None, comparator: float = 20.0) -> pd.Series:
    """An indicator row for ``rule`` whose value is ``gap_worse`` worse than the comparator."""
    direction = INDICATOR_DIRECTION.get(rule.indicator, "lower")
    row = dict.fromkeys(ix.COLUMNS)
    row.update(
        key=rule.indicator,
        label="A figure",
        unit="%",
        direction=direction,
        source="A source",
        period="A period",
        section="10_leavers",
        table="t",
    )
    if gap_worse is not None:
        row[rule.comparator] = comparator
    sign = 1 if direction == "lower" else -1
    row["value"] = comparator + sign * (gap_worse or 0.0)
    return pd.Series(row)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_each_rule_fires_beyond_its_threshold_and_not_otherwise(rule):
    beyond = rule.threshold + 0.5
    worse, better = crafted(rule, beyond), crafted(rule, -beyond)
    at_threshold = crafted(rule, rule.threshold if rule.when == "worse" else -rule.threshold)
    fires, quiet = (worse, better) if rule.when == "worse" else (better, worse)
    assert swot.rule_fires(rule, fires) is True
    assert swot.rule_fires(rule, quiet) is False
    assert swot.rule_fires(rule, at_threshold) is False
    assert swot.rule_fires(rule, crafted(rule, None)) is None


def test_direction_decides_what_worse_means():
    rule = swot.Rule(
        id="r",
        indicator="exit_return_rate",
        comparator="target",
        when="worse",
        quadrant="Weaknesses",
        template="{value} against {comparator}",
    )
    low = pd.Series({"value": 37.0, "target": 50.0, "direction": "higher"})
    high = pd.Series({"value": 37.0, "target": 50.0, "direction": "lower"})
    assert swot.rule_fires(rule, low) is True
    assert swot.rule_fires(rule, high) is False


def test_fired_rule_fills_its_template_and_unfired_rule_is_listed():
    table = pd.DataFrame(
        [
            crafted(RULES[0], 5.0),
        ]
    )
    table.loc[0, "key"] = RULES[0].indicator
    entries, checks = swot.evaluate_rules(RULES[:1], table)
    fired = swot.rule_fires(RULES[0], table.iloc[0])
    assert len(entries) == (1 if fired else 0)
    assert checks["Result"].iloc[0] == ("In the SWOT" if fired else "Does not apply")
    if entries:
        assert "{" not in entries[0]["text"]
    none, checks = swot.evaluate_rules(RULES[:1], table.iloc[0:0])
    assert not none and checks["Result"].iloc[0].startswith("Not evaluated")


def write(tmp_path, data, name="swot_curated.yml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_curated_entry_without_evidence_is_rejected_naming_file_and_entry(tmp_path):
    path = write(
        tmp_path,
        {
            "entries": [
                {
                    "id": "fine",
                    "quadrant": "Threats",
                    "text": "Cited",
                    "evidence": {"figure": "2", "source": "A report", "period": "2016"},
                },
                {"id": "no-proof", "quadrant": "Strengths", "text": "Staff love working here"},
            ]
        },
    )
    with pytest.raises(InputError) as err:
        swot.load_curated(path)
    text = str(err.value)
    assert 'entry 2 ("no-proof") has no evidence' in text
    assert str(path) in text or "swot_curated.yml" in text
    assert "fine" not in text


def test_curated_entry_with_incomplete_evidence_is_rejected_naming_entry(tmp_path):
    path = write(
        tmp_path,
        {
            "entries": [
                {
                    "id": "half",
                    "quadrant": "Opportunities",
                    "text": "A programme",
                    "evidence": {"figure": "30 places"},
                }
            ]
        },
    )
    with pytest.raises(InputError) as err:
        swot.load_curated(path)
    assert '"half"' in str(err.value) and "source" in str(err.value)


def test_rule_with_unknown_indicator_names_file_and_rule(tmp_path):
    path = write(
        tmp_path,
        {
            "rules": [
                {
                    "id": "typo",
                    "indicator": "turnover_childs",
                    "comparator": "england",
                    "when": "worse",
                    "quadrant": "Weaknesses",
                    "template": "{value}",
                }
            ]
        },
        "rules.yml",
    )
    with pytest.raises(ConfigError) as err:
        swot.load_rules(path)
    assert '"typo"' in str(err.value) and "rules.yml" in str(err.value)


def test_rule_template_with_unknown_placeholder_is_rejected(tmp_path):
    path = write(
        tmp_path,
        {
            "rules": [
                {
                    "id": "p",
                    "indicator": "dfe_turnover",
                    "comparator": "england",
                    "when": "worse",
                    "quadrant": "Weaknesses",
                    "template": "{valeu}",
                }
            ]
        },
        "rules.yml",
    )
    with pytest.raises(ConfigError, match="valeu"):
        swot.load_rules(path)


def test_indicators_skip_sources_that_are_absent():
    table = ix.collect_indicators(CFG, {}, include_national=False)
    assert table.empty and list(table.columns) == ix.COLUMNS


def test_curated_entry_citing_an_absent_indicator_is_left_out_with_a_note():
    entry = swot.CuratedEntry(
        id="x", quadrant="Strengths", text="t", evidence=swot.Evidence(indicator="dfe_turnover")
    )
    out, notes = swot.curated([entry], pd.DataFrame(columns=ix.COLUMNS))
    assert out == [] and "x" in notes[0]


# --- The built final pack -----------------------------------------------------------------


@pytest.fixture(scope="module")
def final_pack(luton):
    """The final meeting's technical annex folder, from the shared Luton build (tests/conftest)."""
    return luton / FINAL_MEETING / "internal"


def numbers_in(csv: pd.DataFrame) -> list[float]:
    values = []
    for col in csv.columns:
        for v in pd.to_numeric(csv[col], errors="coerce").dropna():
            values.append(float(v))
    return values


def test_every_swot_entry_in_the_final_pack_cites_a_figure_its_section_shows(final_pack):
    grid = pd.read_csv(final_pack / "tables" / "50_swot__swot-grid.csv")
    grid_formats = formats_in(final_pack / "sections", "50_swot", "swot-grid")
    assert len(grid) >= 4 and set(grid["Quadrant"]) == set(swot.QUADRANTS)
    for _, entry in grid.iterrows():
        assert str(entry["Figure"]).strip() and str(entry["Source"]).strip()
        assert str(entry["Period"]).strip() and entry["Period"] != "nan"
        if entry["Section"] == swot.EXTERNAL:
            continue
        path = final_pack / "tables" / f"{entry['Section']}__{slug(entry['Table'])}.csv"
        assert path.exists(), f"{entry['Ref']}: {path.name} is not in the pack"
        # Every CSV holds its cells as its table prints them (issue 22): the grid's Value at the
        # grid's precision, the section's cell at its table's. Both are the one figure rounded,
        # so they differ by at most half a unit of each precision.
        formats = formats_in(final_pack / "sections", entry["Section"], entry["Table"])
        csv = pd.read_csv(path)
        assert any(
            abs(entry["Value"] - v) <= half_unit(grid_formats, "Value") + half_unit(formats, col)
            for col in csv.columns
            for v in numbers_in(csv[[col]])
        ), f"{entry['Ref']} cites {entry['Value']} but {path.name} does not show it"


def half_unit(formats: dict[str, str], column: str) -> float:
    """Half the last printed place of ``column`` in a table with ``formats`` (0.05 for one
    decimal place, the default; 0.5 for a whole number), plus float noise."""
    pattern = formats.get(column)
    places = (printed_decimals(pattern) or 0) if pattern else DEFAULT_DECIMALS
    return 0.5 * 10**-places + 1e-9


def test_final_pack_grid_is_an_accessible_table_with_every_entry_listed(final_pack):
    page = (final_pack / "annex.html").read_text(encoding="utf-8")
    start = page.index('<table class="ep-data ep-swot')  # ep-long too when the entries are long
    grid = page[start : page.index("</table>", start)]
    assert grid.count('scope="row"') == 2 and grid.count('scope="col"') == 2
    evidence = pd.read_csv(final_pack / "tables" / "50_swot__swot-evidence.csv")
    for ref in evidence["Ref"]:
        assert f"<strong>{ref}</strong>" in grid


def test_demo_curated_entries_all_carry_evidence():
    _, curated_path = swot.swot_files(CFG)
    entries = swot.load_curated(curated_path)
    assert entries and all(e.evidence for e in entries)
    assert (project_root() / "config" / "swot" / f"{DEMO_REVIEW}.yml").exists()


def test_final_pack_passes_axe_core(final_pack):
    violations = axe_violations(final_pack / "annex.html")
    assert violations == []


# --- Each indicator once, external opportunities and threats, curated strengths -----------------


def indicator_rows(*specs: tuple[str, float, str, dict]) -> pd.DataFrame:
    rows = []
    for key, value, section, comps in specs:
        row = dict.fromkeys(ix.COLUMNS)
        row.update(
            key=key,
            label=f"label of {key}",
            value=value,
            unit="%",
            direction="lower",
            source="s",
            period="p",
            section=section,
            table="t",
        )
        row.update(comps)
        rows.append(row)
    return pd.DataFrame(rows, columns=ix.COLUMNS)


def test_a_measure_is_stated_once_from_the_local_figure():
    ruleset = swot.load_ruleset(swot.swot_files(CFG)[0])
    assert ruleset.measures["turnover"][0] == "turnover_childrens"
    table = indicator_rows(
        ("turnover_childrens", 23.2, "10_leavers", {"target": 15.0}),
        ("dfe_turnover", 15.4, "30_local_vs_national", {"neighbour_median": 20.0, "england": 13}),
    )
    entries, checks = swot.evaluate_rules(ruleset.rules, table, measures=ruleset.measures)
    cited = {e["indicator"] for e in entries}
    assert "dfe_turnover" not in cited and "turnover_childrens" in cited
    dfe = checks[checks["Rule"].str.startswith("dfe-turnover")]
    assert len(dfe) and dfe["Result"].str.startswith("Not used").all()


def test_opportunities_and_threats_must_be_external():
    with pytest.raises(ValueError, match="outside the council"):
        swot.Rule(
            id="internal-aim",
            indicator="agency_rate_childrens",
            comparator="target",
            when="worse",
            quadrant="Opportunities",
            template="{value}",
        )
    with pytest.raises(ValueError, match="outside the council"):
        swot.CuratedEntry(
            id="x",
            quadrant="Threats",
            text="t",
            evidence=swot.Evidence(indicator="turnover_childrens"),
        )
    for rule in RULES:
        if rule.quadrant in swot.EXTERNAL_QUADRANTS:
            assert swot.is_external(rule.indicator), rule.id


def test_the_demo_swot_holds_the_curated_strengths_from_the_evidence(seed):

    frames = demo_frames()
    sections, params = ix.meeting_sections(CFG, FINAL_MEETING)
    table = ix.collect_indicators(
        CFG, frames, meeting=FINAL_MEETING, sections=sections, parameters=params
    )
    entries, _, _ = swot.build_swot(CFG, table)
    strengths = entries[entries["quadrant"] == "Strengths"]
    ret = strengths[strengths["indicator"] == "would_return"]
    published = seed["luton"]["exit_interviews"]["would_consider_returning"]
    assert len(ret) == 1 and ret["value"].iloc[0] == published["value"]
    best = seed["luton"]["permanent_staff_survey"]["report_findings"]["best_joint_average"]["value"]
    peer = strengths[strengths["origin"] == "Officers: peer-support"]
    assert len(peer) == 1 and f"{best:.2f}" in peer["figure"].iloc[0]
    # each indicator at most once, and no DfE figure where a local one measures the same thing
    cited = [i for i in entries["indicator"] if i]
    assert len(cited) == len(set(cited))
    assert not ({"turnover_childrens", "dfe_turnover"} <= set(cited))
    assert not ({"average_caseload_childrens", "dfe_caseload"} <= set(cited))
    external = entries[entries["quadrant"].isin(swot.EXTERNAL_QUADRANTS)]
    assert all(not i or swot.is_external(i) for i in external["indicator"])


# --- Public wording (issue 12) -------------------------------------------------------------


def _entries():
    """One officers' entry citing a published paper and one rule entry on a count of people."""
    external = swot._entry(
        "Strengths",
        "Staff valued peer support most.",
        None,
        origin="Officers: peer-support",
        figure="average 2.18 (1 = very satisfied); 60 of 61 answered",
        source="Agenda item 6 report, paragraph 26; Appendix 1",
        period="January to February 2016",
    )
    row = dict.fromkeys(ix.COLUMNS)
    row.update(
        key="would_return",
        label="Would return",
        value=3.0,
        unit="people",
        source="Exit forms",
        period="A period",
        section="10_leavers",
        table="would-return",
    )
    people = swot._entry(
        "Strengths", "3 people would come back.", pd.Series(row), origin="Rule: would-return"
    )
    return swot.swot_entries([people], [external])


def test_public_swot_writes_counts_of_people_and_leaves_other_numbers_alone():
    from pipelines.core.disclosure import EXEMPT, Policy, protect_text
    from pipelines.core.figures import Sentence

    pol = Policy("public", threshold=5)
    entries = _entries()
    items = display.evidence_items(entries, pol)
    shown = [protect_text(t, pol) for t in [*items["text"], *items["detail"]]]
    assert all(isinstance(t, Sentence) for t in [*items["text"], *items["detail"]])
    text = " ".join(shown)
    # The count of people is written under the policy ...
    assert "fewer than 5 people would come back" in text and "3 people" not in text
    # ... and no other number is rewritten: no "fewer than 5 = very satisfied", "Appendix fewer".
    assert "(1 = very satisfied)" in text and "Appendix 1" in text
    assert "fewer than 5 =" not in text and "Appendix fewer" not in text
    grid = display.grid_items(entries, pol)
    assert any(
        t.startswith("fewer than 5 people would come back. Evidence: ") for t in grid["text"]
    )
    assert not any("3 people" in t for t in grid["text"])
    data = display.grid_data(entries, pol)
    people = data[data["Indicator"] == "would_return"].iloc[0]
    assert people["Figure"] == "fewer than 5 people" and people["Value"] == "[c]"
    # Exempt: as written.
    exempt = display.grid_data(entries, EXEMPT)
    assert exempt[exempt["Indicator"] == "would_return"].iloc[0]["Value"] == 3.0


def test_every_grid_entry_cites_its_evidence():
    """Issue 22 c: the SWOT grid in the report cited nothing. A rule's entry cites its figure,
    period, source and the section showing it; an officers' entry its own figure, period and
    source; in plain words, without brackets of its own (issue 22 point 6: "(evidence: average
    2.18 (1 = very satisfied) ...)" nested them)."""
    from pipelines.core.disclosure import EXEMPT, Policy

    for pol in (None, EXEMPT, Policy("public", threshold=5)):
        grid = display.grid_items(_entries(), pol)
        texts = {str(t).split(" Evidence: ")[0]: str(t) for t in grid["text"]}
        assert len(texts) == 2 and all(" Evidence: " in t for t in texts.values()), texts
        peer = texts["Staff valued peer support most."]
        answered = "more than 56 of the 61" if pol is not None and pol.public else "60 of 61"
        assert peer == (
            "Staff valued peer support most. Evidence: average 2.18 (1 = very satisfied); "
            f"{answered} answered; period: January to February 2016; source: Agenda item 6 "
            "report, paragraph 26; Appendix 1."
        )
        back = next(t for k, t in texts.items() if k.endswith("would come back."))
        assert back.endswith(
            "; period: A period; section \u201cLeavers and exit interviews\u201d; source: Exit "
            "forms."
        )
        if pol is not None and pol.public:
            assert "3 people" not in back and "fewer than 5 people" in back
        else:
            assert back.startswith("3 people would come back. Evidence: 3 people; period")


def test_a_grid_citation_always_names_the_period_and_never_repeats_it():
    """W1 of 28 February 2017 cited "20.6 cases; section 8" without its period: the period
    was left out because the source named it, and the report then left the source out."""
    row = dict.fromkeys(ix.COLUMNS)
    row.update(
        key="locum_felt_valued",
        label="Felt valued",
        value=80.6,
        unit="%",
        source="Guidant locum survey, November 2015",
        period="November 2015",
        section="20_surveys",
        table="locum_summary",
    )
    entry = swot._entry("Strengths", "Locums felt valued", pd.Series(row), origin="Rule: x")
    grid = display.grid_items(swot.swot_entries([entry], []))
    title = display.section_titles()["20_surveys"]
    assert grid["text"].iloc[0] == (
        "Locums felt valued. Evidence: 80.6%; period: November 2015; section "
        f"\u201c{title}\u201d; source: Guidant locum survey."
    )
    row.update(period="At 30 July 2016", source="Case system, caseloads at 30 July 2016")
    entry = swot._entry("Weaknesses", "Caseloads high.", pd.Series(row), origin="Rule: y")
    text = display.grid_items(swot.swot_entries([entry], []))["text"].iloc[0]
    assert "; period: at 30 July 2016; section" in text and "30 July 2016." in text


_bracketed = st.text(alphabet="ab ,;", min_size=0, max_size=8).map(lambda t: f"({t})")
_words = st.lists(
    st.one_of(st.text(alphabet="abc 1.", min_size=1, max_size=8), _bracketed), max_size=4
).map("".join)


@settings(max_examples=examples(60), deadline=None)
@given(text=_words, figure=_words, source=_words, period=_words)
def test_no_grid_citation_nests_brackets(text, figure, source, period):
    """Whatever the officers write with one level of brackets (text, figure, source, period),
    an entry and its citation never put a bracket inside a bracket (issue 22 point 6)."""
    from tests.documents.brackets import depth

    entry = swot._entry(
        "Opportunities",
        text,
        None,
        origin="Officers: x",
        figure=figure or "1",
        source=source or "s",
        period=period or "p",
    )
    grid = display.grid_items(swot.swot_entries([entry], []))
    assert depth(str(grid["text"].iloc[0])) <= 1, grid["text"].iloc[0]
