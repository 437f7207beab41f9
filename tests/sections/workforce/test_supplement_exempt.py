"""The workforce section's cost tables are exempt only for a reason that holds (issue 22, item 4).

Aggregate costs of a scheme (the supplement's cost a year, the extra cost of agency workers) are
public, by job title at any size (reader15: the register they come from is open to inspection);
the per-entry table goes to the exempt appendix under paragraph 3 only where the review records
why (``exempt_financial``); never under paragraph 1 or 2 (they are about posts, not
individuals). The data are made here: a
Coventry-like register (one entry, 43 FTE on £5,000: £215,000 a year) and a small one.

The outputs are written as the notebook writes them: the exempt run shows the table, the public
run shows ``for_policy(public)``, or the note of :func:`~pipelines.sections.workforce.result.
withheld` in its place; the exempt appendix is then assembled by
:func:`pipelines.documents.exempt.exempt_sections`, as the build does.
"""

from __future__ import annotations

import nbformat.v4 as v4
import pandas as pd
import pytest

from pipelines.core.disclosure import Policy
from pipelines.core.outputs import output_metadata
from pipelines.core.results import FramesContext
from pipelines.documents import exempt as exempt_doc
from pipelines.documents.pack import Section
from pipelines.sections.workforce import result as wr
from tests.sections.figure_checks import CFG

CHILDREN = "Children's Social Care"
PUBLIC, EXEMPT = Policy("public", 5), Policy("exempt", 5)
WHY = "the supplement is under negotiation with the trade unions"


def snapshot(fte: float) -> pd.DataFrame:
    """Child protection social workers at G7 in two teams: ``fte`` permanent FTE in all."""
    return pd.DataFrame(
        {
            "service": [CHILDREN, CHILDREN],
            "org_unit": [CHILDREN, CHILDREN],
            "team": ["CP North", "CP South"],
            "job_title": ["Social Worker", "Social Worker"],
            "grade": ["G7", "G7"],
            "establishment_fte": [fte / 2 + 3, fte / 2 + 2],
            "permanent_fte": [fte / 2, fte / 2],
            "agency_fte": [1.0, 1.0],
            "vacant_fte": [2.0, 1.0],
        }
    )


def register(**extra) -> pd.DataFrame:
    """One entry: social workers at G7 in children's social care, £5,000 (unchanged)."""
    row = {
        "register_title": "Social Worker (Children's social care)",
        "service": CHILDREN,
        "job_titles": "Social Worker",
        "grades": "G7",
        "market_supplement": 5000.0,
        "compared_to_last_year": "Same",
        "change": "Same",
        "change_amount": 0.0,
        "previous_supplement": 5000.0,
        "unit": None,
        "teams": None,
        "posts_paid": float("nan"),
        "post_refs": None,
    }
    row.update(extra)
    return pd.DataFrame([row])


def costs(fte: float, cfg=CFG, **extra):
    frames = {"workforce_snapshot": snapshot(fte), "market_supplements": register(**extra)}
    return wr.build(FramesContext(cfg, None, frames), {"as_at": "2018-02-28"}).tables[
        "supplement_costs"
    ]


def output(name: str, df: pd.DataFrame):
    """A table output as the notebook's ``page.show`` writes it (its name and data)."""
    return v4.new_output(
        "display_data",
        data={"text/html": f"<table><caption>{name}</caption></table>", "text/plain": name},
        metadata=output_metadata("table", name, name, "the register", None, df),
    )


def note():
    return v4.new_output("display_data", data={"text/plain": "note"}, metadata={})


def section(*outputs) -> Section:
    cell = v4.new_code_cell("")
    cell.outputs = list(outputs)
    return Section(wr.SECTION, v4.new_notebook(cells=[v4.new_markdown_cell("# Costs"), cell]))


def appendix(table, cfg=CFG):
    """The exempt appendix's items for the table, as the build assembles it: (paragraph, why)."""
    exempt = section(output(table.name, table.labelled()))
    shown = (
        note()
        if wr.withheld(cfg, table.name, PUBLIC)
        else output(table.name, table.for_policy(PUBLIC).labelled())
    )
    parts = exempt_doc.exempt_sections(
        [exempt], [section(shown)], [], financial=cfg.exempt_financial
    )
    return exempt_doc.exempt_lines(parts[1:])


def test_the_schemes_aggregate_cost_is_public_and_not_exempt():
    table = costs(43)
    shown = table.for_policy(PUBLIC).labelled()
    assert table.public_variant is None and shown.equals(table.labelled())
    assert shown.iloc[0]["Permanent FTE"] == 43 and shown.iloc[0]["Cost a year (£)"] == 215_000
    assert wr.withheld(CFG, "supplement_costs", PUBLIC) is None
    assert appendix(table) == []


def test_an_entry_costed_on_few_fte_is_public_by_job_title_and_not_exempt():
    """reader15 (L21 p17-19): the register was open to inspection while the exempt appendix
    withheld its costs by job title. The register's rate times the posts' FTE is no one's pay
    that the register does not print: public at any size, never paragraph 2."""
    table = costs(3)  # 3 FTE at £5,000
    assert table.frame["permanent_fte"].min() < CFG.disclosure_threshold
    shown = table.for_policy(PUBLIC).labelled()
    assert table.public_variant is None and shown.equals(table.labelled())
    assert shown.iloc[0]["Job title"] == "Social Worker (Children's social care)"
    assert shown.iloc[0]["Cost a year (£)"] == 15_000  # 3 x £5,000, by hand
    assert appendix(table) == []


def test_paragraph_3_only_where_the_review_records_why():
    cfg = CFG.model_copy(update={"exempt_financial": {"supplement_costs": WHY}})
    table = costs(43, cfg)
    note_text = wr.withheld(cfg, "supplement_costs", PUBLIC)
    assert WHY in note_text and "paragraph 3" in note_text
    assert wr.withheld(cfg, "supplement_costs", EXEMPT) is None  # the appendix shows it
    (line,) = appendix(table, cfg)
    assert line == f"Exempt under Schedule 12A, paragraph 3: {WHY}."
    # A reason recorded for another table withholds nothing here.
    other = CFG.model_copy(update={"exempt_financial": {"agency_premium": WHY}})
    assert wr.withheld(other, "supplement_costs", PUBLIC) is None
    assert appendix(costs(43, other), other) == []


@pytest.mark.parametrize("fte", [3, 43])
def test_never_paragraph_1_the_costs_are_about_posts_not_individuals(fte):
    assert all("paragraph 1" not in line for line in appendix(costs(fte)))


# --- The extra cost of agency workers --------------------------------------------------------


def premium(agency_fte: float):
    """Agency social workers at G7: ``agency_fte`` FTE; the post costs £36,378 a year."""
    snap = snapshot(20).assign(agency_fte=[agency_fte / 2, agency_fte / 2])
    pay = pd.DataFrame(
        {
            "service": [CHILDREN],
            "job_title": ["Social Worker"],
            "grade": ["G7"],
            "salary": [30_000.0],
            "employer_ni": [3_378.0],
            "market_supplement": [0.0],
            "car_allowance": [3_000.0],
            "annual_cost": [36_378.0],
        }
    )
    params = {
        "as_at": "2018-02-28",
        "agency_hourly_rate": 39.0,
        "capped_rate_roles": ["Social Worker"],
        "cost_comparators": [{"service": CHILDREN, "job_title": "Social Worker", "grade": "G7"}],
    }
    frames = {"workforce_snapshot": snap, "pay_rates": pay}
    return wr.build(FramesContext(CFG, None, frames), params)


def test_the_extra_cost_per_agency_worker_is_public_by_job_title_at_any_size():
    """Agency FTE count posts, not people: the rates table publishes them by service, so the
    premium table by job title is public at any size and nothing of it is exempt."""
    extra = 39 * 37 * 46 - 36_378  # £30,000 a year, worked out by hand
    for fte in (28, 4):
        result = premium(fte)
        table = result.tables["agency_premium"]
        assert table.public_variant is None and table.for_policy(PUBLIC) is table
        row = table.labelled().iloc[0]
        assert (row["Job title"], row["Agency FTE"]) == ("Social Worker", fte)
        assert row["Extra cost per FTE (£)"] == pytest.approx(extra)
        assert row["Extra cost a year (£)"] == pytest.approx(fte * extra)  # 4 FTE: £120,000
        assert appendix(table) == []
        fig = result.figure("agency_extra_cost_per_fte_childrens")
        assert fig.table == "agency_premium_by_service" and fig.value == pytest.approx(extra)
