"""The exempt appendix's recruitment tables (issue 22, reader11 on the Coventry 16 April 2018
exempt appendix).

- Campaign codes ("CCC-TM-1617") were printed unexplained: a campaign the review does not name
  is said from its applications (job titles, newly qualified or experienced).
- The route and campaign tables were said to be withheld whole from the public report: they
  hold no individual's data and no exempt business information (issue 22 point 4: exempt only
  for a reason that holds), so the public report prints them with small numbers suppressed
  (every table the notebook shows in a public form, ``rr.for_audience``, is tagged for the
  report), and where an earlier report tabled the chapter, the appendix's line names it.

Applications and sections are generated here; the labels and lines are written by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pandas as pd

from pipelines.core.outputs import META_KEY
from pipelines.documents import blocks
from pipelines.documents.exempt import exempt_lines, exempt_sections
from pipelines.documents.pack import Section
from pipelines.sections.recruitment.analysis import campaign_labels


def test_a_campaign_the_review_does_not_name_is_said_from_its_applications():
    apps = pd.DataFrame(
        {
            "campaign": ["TM-1", "TM-1", "EXP-2", "EXP-2", "EXP-2", "CONV"],
            "job_title": ["Team Manager"] * 2
            + ["Social Worker", "Senior Practitioner"] * 1
            + ["Social Worker", "Social Worker"],
            "experience": ["Experienced"] * 5 + ["Experienced"],
        }
    )
    labels = campaign_labels(apps, {"CONV": "Agency workers converting to permanent posts"})
    assert labels == {
        "TM-1": "TM-1: Team Manager posts, experienced applicants",
        "EXP-2": "EXP-2: Senior Practitioner and Social Worker posts, experienced applicants",
        "CONV": "Agency workers converting to permanent posts",
    }
    # two services in the export: each campaign says its own
    two = apps.assign(service=["Adult Social Care"] * 2 + ["Children's Social Care"] * 4)
    assert campaign_labels(two, {})["TM-1"] == (
        "TM-1: Team Manager posts in Adult Social Care, experienced applicants"
    )
    # without the experience column: the job titles alone
    assert campaign_labels(apps.drop(columns="experience"), {})["TM-1"] == (
        "TM-1: Team Manager posts"
    )


def test_every_table_the_recruitment_notebook_shows_in_a_public_form_goes_to_the_report():
    nb = json.loads(Path("notebooks/15_recruitment.ipynb").read_text(encoding="utf-8"))
    public_forms = [
        c
        for c in nb["cells"]
        if c["cell_type"] == "code" and "rr.for_audience(" in "".join(c["source"])
    ]
    assert len(public_forms) >= 4  # by route, by campaign, time to hire, declines
    for cell in public_forms:
        assert "report" in cell["metadata"].get("tags", []), "".join(cell["source"])


def _table(name: str, rows: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output(
        "display_data",
        data={"text/html": f"<table><caption>{name}</caption></table>"},
        metadata={META_KEY: {"kind": "table", "name": name, "caption": name, "data": rows}},
    )


def _section(*outputs, tags=("report",)) -> Section:
    cell = blocks.cell(list(outputs))
    cell.metadata["tags"] = list(tags)
    return Section("15_recruitment", blocks.notebook(blocks.md("# Recruitment\nText."), cell))


def test_the_appendix_names_the_earlier_report_that_shows_the_table_suppressed():
    public = _section(_table("funnel-campaign", "[[53, '[c]']]"))
    exempt = _section(_table("funnel-campaign", "[[53, 9]]"))
    one_line = Section("15_recruitment", blocks.notebook(blocks.md("# 5. Recruitment\nSee.")))
    earlier = {"15_recruitment": "the report to the meeting of Tuesday 27 March 2018"}
    out = exempt_sections([exempt], [public], [], printed=[one_line], earlier=earlier)
    assert exempt_lines(out) == [
        "Exempt under Schedule 12A, paragraph 2: groups so small that people could be "
        "identified; the report to the meeting of Tuesday 27 March 2018 shows it with them "
        "suppressed."
    ]
    # without the earlier report: this report prints one line, so it does not show it
    out = exempt_sections([exempt], [public], [], printed=[one_line])
    assert exempt_lines(out)[0].endswith("the public report does not show it.")
    # a table not tagged for the report was not in the earlier report either
    route = blocks.cell([_table("funnel-route", "[[31, 9]]")])
    route.metadata["tags"] = ["report"]
    campaign = blocks.cell([_table("funnel-campaign", "[[53, '[c]']]")])
    untagged = Section("15_recruitment", blocks.notebook(blocks.md("# R\nT."), route, campaign))
    out = exempt_sections([exempt], [untagged], [], printed=[one_line], earlier=earlier)
    assert exempt_lines(out)[0].endswith("the public report does not show it.")
