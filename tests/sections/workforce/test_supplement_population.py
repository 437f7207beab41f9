"""A market supplement is costed on the population the register names, never a whole service
(issue 21, item 4).

The exports are written here by the invented-council generators (``tests/councils``): a
children's-only council whose workforce snapshot is by org unit and team, and a supplement
register limited to one team. Every cost checked is worked out by hand from the rows the
generator wrote, before any cleaning.
"""

from __future__ import annotations

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.core.cleaning import clean_review
from pipelines.core.config import Dataset, use_review_mappings
from pipelines.core.results import FramesContext
from pipelines.sections.workforce import result as wr
from pipelines.sections.workforce import supplements as wsu
from tests.conftest import examples
from tests.councils.generators import CHILDREN, northshire, supplement_register, write
from tests.sections.figure_checks import CFG

TEAM = "CSC - Safeguarding North Team 2"
UNIT = "CSC - Children in Care"


def dataset(file: str) -> Dataset:
    return Dataset(file=file, description="an export", source="the council")


@pytest.fixture
def council(tmp_path):
    """Northshire's snapshot and pay table and a register of five entries, cleaned.

    The review's own services.yml maps the three org units to children's social care (as a
    children's-only council's would), so an org unit in brackets maps to the service too: the
    case that once costed a team's supplement on the whole service.
    """
    folder = tmp_path / "mappings"
    folder.mkdir()
    made = northshire()
    (folder / "services.yml").write_text(
        yaml.safe_dump({CHILDREN: [CHILDREN, *made.org_units]}, allow_unicode=True), "utf-8"
    )
    use_review_mappings(folder)
    made.rows = {
        "workforce_snapshot": made.rows["workforce_snapshot"],
        "pay_rates": made.rows["pay_rates"],
        "market_supplements": supplement_register(
            [
                {"job_title": "Social Worker", "grade": "G7", "amount": 5000, "team": TEAM},
                {"job_title": f"Social Worker ({UNIT})", "grade": "G7", "amount": 3000},
                {
                    "job_title": "Senior Practitioner (Children's social care)",
                    "grade": "G8",
                    "amount": 1000,
                },
                {"job_title": "Social Worker (Edge of Care)", "grade": "G7", "amount": 2000},
                {
                    "job_title": "Advanced Practitioner",
                    "grade": "G9",
                    "amount": 1500,
                    "posts": "P101; P102; P117",
                },
            ]
        ),
    }
    made.files = {
        "workforce_snapshot": "posts_by_org_unit.xlsx",
        "pay_rates": "pay.csv",
        "market_supplements": "supplements.csv",
    }
    write(made, tmp_path / "raw")
    cleaned = clean_review(
        tmp_path / "raw", {k: dataset(f) for k, f in made.files.items()}, services=[CHILDREN]
    )
    yield made, cleaned.frames
    use_review_mappings(None)


def by_hand(rows: pd.DataFrame, title: str, grade: str, column: str, **where) -> float:
    """Sum of ``column`` over the generator's rows of a post, as written (before cleaning)."""
    pick = (rows["Post Title"] == title) & (rows["Pay Grade"] == grade)
    for header, value in where.items():
        pick &= rows[header.replace("_", " ")] == value
    return float(rows.loc[pick, column].sum())


def test_a_supplement_limited_to_one_team_is_costed_on_that_team_only(council):
    made, frames = council
    rows = made.rows["workforce_snapshot"]
    entries = wsu.supplement_cost_entries(
        frames["market_supplements"], frames["workforce_snapshot"]
    )
    team_fte = by_hand(rows, "Social Worker", "G7", "Permanent FTE in post", Team_Name=TEAM)
    service_fte = by_hand(rows, "Social Worker", "G7", "Permanent FTE in post")
    assert 0 < team_fte < service_fte
    first = entries.iloc[0]
    assert first["permanent_fte"] == team_fte
    assert first["cost"] == 5000 * team_fte
    assert first["cost"] != 5000 * service_fte  # the whole service: the old, silent error
    assert first["cost_if_filled"] == 5000 * by_hand(
        rows, "Social Worker", "G7", "Funded FTE", Team_Name=TEAM
    )
    assert first["costed_on"] == f"workforce snapshot, permanent FTE in {TEAM}"  # no title again
    assert first["basis"] == "team, job title and grade"
    assert first["service"] == CHILDREN


def test_an_org_unit_in_brackets_is_that_unit_not_its_whole_service(council):
    made, frames = council
    rows = made.rows["workforce_snapshot"]
    entry = wsu.supplement_cost_entries(
        frames["market_supplements"], frames["workforce_snapshot"]
    ).iloc[1]
    unit_fte = by_hand(rows, "Social Worker", "G7", "Permanent FTE in post", Directorate=UNIT)
    assert entry["permanent_fte"] == unit_fte
    assert entry["cost"] == 3000 * unit_fte
    assert entry["costed_on"].endswith(f"in {UNIT}")


def test_a_service_in_brackets_is_the_whole_service(council):
    made, frames = council
    rows = made.rows["workforce_snapshot"]
    entry = wsu.supplement_cost_entries(
        frames["market_supplements"], frames["workforce_snapshot"]
    ).iloc[2]
    fte = by_hand(rows, "Senior Practitioner", "G8", "Permanent FTE in post")
    assert entry["cost"] == 1000 * fte
    assert entry["basis"] == "job title and grade"
    assert entry["costed_on"].endswith(f"in {CHILDREN}")


def test_a_team_the_snapshot_does_not_have_is_not_costed_and_says_why(council):
    _, frames = council
    entry = wsu.supplement_cost_entries(
        frames["market_supplements"], frames["workforce_snapshot"]
    ).iloc[3]
    assert pd.isna(entry["cost"]) and pd.isna(entry["permanent_fte"])
    assert entry["costed_on"] == (
        "not costed: the workforce snapshot has no team or org unit 'Edge of Care'"
    )


def test_named_posts_are_costed_on_the_posts_the_register_names(council):
    _, frames = council
    entry = wsu.supplement_cost_entries(
        frames["market_supplements"], frames["workforce_snapshot"]
    ).iloc[4]
    assert entry["permanent_fte"] == 3 and entry["cost"] == 3 * 1500
    assert entry["costed_on"] == "3 posts named in the register (P101; P102; P117)"


def test_each_snapshot_post_is_costed_once_the_team_entry_first(council):
    made, frames = council
    rows = made.rows["workforce_snapshot"]
    register = frames["market_supplements"]
    # A service-wide entry for the same post listed before the team's: the team's rows go to
    # the team's supplement, the rest of the service's to the service-wide one.
    wide = register.iloc[[2]].assign(
        register_title="Social Worker (Children's social care)",
        job_titles="Social Worker",
        grades="G7",
        market_supplement=400.0,
        previous_supplement=400.0,
    )
    both = pd.concat([wide, register.iloc[[0]]], ignore_index=True)
    entries = wsu.supplement_cost_entries(both, frames["workforce_snapshot"])
    team = by_hand(rows, "Social Worker", "G7", "Permanent FTE in post", Team_Name=TEAM)
    everyone = by_hand(rows, "Social Worker", "G7", "Permanent FTE in post")
    assert list(entries["permanent_fte"]) == [everyone - team, team]
    assert list(entries["cost"]) == [400 * (everyone - team), 5000 * team]


def test_the_withdrawal_model_counts_the_team_not_the_service(council):
    made, frames = council
    rows = made.rows["workforce_snapshot"]
    inputs = wsu.supplement_model_inputs(
        frames["market_supplements"].iloc[[0]],
        frames["workforce_snapshot"],
        frames["pay_rates"],
        CHILDREN,
        "Social Worker",
        "G7",
        30,
        37,
        46,
    )
    assert inputs["recipients"] == by_hand(
        rows, "Social Worker", "G7", "Permanent FTE in post", Team_Name=TEAM
    )
    assert inputs["supplement"] == 5000


def test_the_table_says_which_population_and_is_public_at_any_size(council):
    """reader15 (L21): the public report summed the entries by service where one was costed on
    fewer FTE than the threshold, and the exempt appendix withheld them by job title, while the
    register they come from is open to inspection. Each entry is the register's rate times the
    posts' FTE, which the workforce tables publish: public at any size."""
    made, frames = council
    rows = made.rows["workforce_snapshot"]
    frames = {k: v for k, v in frames.items() if k != "pay_rates"}  # no agency cost here
    result = wr.build(FramesContext(CFG, None, frames), {"as_at": "2025-03-31"})
    table = result.tables["supplement_costs"]
    shown = table.labelled()
    assert "Costed on" in shown.columns
    assert shown.loc[0, "Costed on"].endswith(f"in {TEAM}")
    team_fte = by_hand(rows, "Social Worker", "G7", "Permanent FTE in post", Team_Name=TEAM)
    # The team's entry is costed on fewer FTE than the threshold, and is public as it is.
    assert team_fte < CFG.disclosure_threshold
    assert shown.loc[0, "Permanent FTE"] == pytest.approx(team_fte)
    assert table.public_variant is None


# --- The rule for every snapshot: a team's supplement costs its team's FTE only -----------------


@settings(max_examples=examples(60), deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Team A", "Team B", "Team C"]),
            st.sampled_from(["Social Worker", "Senior Practitioner"]),
            st.integers(0, 12),
            st.integers(0, 12),
        ),
        min_size=1,
        max_size=12,
        unique_by=lambda r: (r[0], r[1]),
    ),
    st.sampled_from(["Team A", "Team B", "Team C", "Team D"]),
    st.integers(1, 9000),
)
def test_a_team_supplement_costs_the_team_fte_for_any_snapshot(rows, team, amount):
    snapshot = pd.DataFrame(
        [
            {
                "service": CHILDREN,
                "org_unit": CHILDREN,
                "team": t,
                "job_title": title,
                "grade": "G7",
                "establishment_fte": float(perm + extra),
                "permanent_fte": float(perm),
            }
            for t, title, perm, extra in rows
        ]
    )
    register = pd.DataFrame(
        {
            "register_title": ["Social Worker"],
            "service": [None],
            "job_titles": ["Social Worker"],
            "grades": ["G7"],
            "market_supplement": [float(amount)],
            "previous_supplement": [float(amount)],
            "unit": [None],
            "teams": [team],
            "posts_paid": [float("nan")],
            "post_refs": [None],
        }
    )
    entry = wsu.supplement_cost_entries(register, snapshot).iloc[0]
    mine = [perm for t, title, perm, _ in rows if t == team and title == "Social Worker"]
    if mine:
        assert entry["cost"] == amount * sum(mine)
        assert entry["permanent_fte"] == sum(mine)
    else:
        assert pd.isna(entry["cost"]) and entry["costed_on"].startswith("not costed")


# --- The register's own columns --------------------------------------------------------------


def test_a_service_column_naming_an_org_unit_limits_the_entry_to_it(council, tmp_path):
    made, frames = council
    rows = made.rows["workforce_snapshot"]
    register = pd.DataFrame(
        {
            "Job Title": ["Social Worker", "Social Worker"],
            "Grade": ["G7", "G8"],
            "Market Supplement": ["£2,500", "£1,000"],
            "Change on last year": ["New", "Same"],
            "Service": ["CSC - Safeguarding South", "children's social care"],
        }
    )
    register.to_csv(tmp_path / "raw" / "by_unit.csv", index=False)
    tidy = clean_review(
        tmp_path / "raw", {"market_supplements": dataset("by_unit.csv")}, services=[CHILDREN]
    ).frames["market_supplements"]
    assert list(tidy["service"]) == [CHILDREN, CHILDREN]
    assert tidy.loc[0, "unit"] == "CSC - Safeguarding South"
    assert tidy.loc[1, "unit"] is None  # a spelling of the service, not a unit
    entry = wsu.supplement_cost_entries(tidy, frames["workforce_snapshot"]).iloc[0]
    south = by_hand(
        rows, "Social Worker", "G7", "Permanent FTE in post", Directorate="CSC - Safeguarding South"
    )
    assert entry["cost"] == 2500 * south


def test_an_unknown_service_in_the_register_is_refused_naming_the_row(council, tmp_path):
    from pipelines.core.errors import InputError

    pd.DataFrame(
        {
            "Job Title": ["Social Worker"],
            "Grade": ["G7"],
            "Market Supplement": [2500],
            "Change on last year": ["Same"],
            "Service": ["Highways"],
        }
    ).to_csv(tmp_path / "raw" / "unknown.csv", index=False)
    with pytest.raises(InputError) as err:
        clean_review(
            tmp_path / "raw", {"market_supplements": dataset("unknown.csv")}, services=[CHILDREN]
        )
    text = str(err.value)
    assert "The service of a register entry is not known." in text
    assert "Highways" in text and "row:      2" in text and "services.yml" in text


def test_a_service_whose_entries_share_one_basis_says_the_basis_once():
    """reader12: "Entries costed 7 | job title and grade (7 entries)" said the count twice.

    Three entries of one service costed on the same kind of population: the "Costed on" cell
    is that kind alone (the entries column counts them); a service of two kinds still says how
    many entries each, which add up to its entries costed.
    """
    entries = pd.DataFrame(
        {
            "service": [CHILDREN] * 3 + ["Adult Social Care"] * 3,
            "basis": ["job title and grade"] * 3
            + ["job title and grade", "job title and grade", "named posts"],
            "permanent_fte": [10.0, 4.5, 2.0, 3.0, 6.0, 1.0],
            "cost": [1000.0, 450.0, 200.0, 300.0, 600.0, 100.0],
            "cost_previous": [900.0, 400.0, 200.0, 300.0, 500.0, 100.0],
            "change": [100.0, 50.0, 0.0, 0.0, 100.0, 0.0],
            "cost_if_filled": [1200.0, 500.0, 300.0, 400.0, 700.0, 100.0],
        }
    )
    by_service = wsu.supplement_cost_services(entries).set_index("service")
    assert by_service.loc[CHILDREN, "entries_costed"] == 3
    assert by_service.loc[CHILDREN, "costed_on"] == "job title and grade"
    assert by_service.loc[CHILDREN, "permanent_fte"] == 10.0 + 4.5 + 2.0
    assert by_service.loc["Adult Social Care", "costed_on"] == (
        "job title and grade (2 entries); named posts (1 entry)"
    )
