"""What the council has already published is shown in the public variant, not suppressed, and
the disclosure audit still finds nothing recoverable."""

from __future__ import annotations

import pandas as pd

from pipelines.core import disclosure_audit
from pipelines.core.config import load_review
from pipelines.core.disclosure import SUPPRESSED, Policy, protect
from pipelines.core.presentation import released_cells
from pipelines.sections.leavers import exit_interviews as lx
from tests.conftest import DEMO_REVIEW

PUBLIC = Policy("public", 5)


def return_rate_table(children_forms: int, total_forms: int) -> pd.DataFrame:
    adults = total_forms - children_forms
    return pd.DataFrame(
        {
            "Service": ["Adult Social Care", "Children's Social Care", "Total"],
            "Leavers": [9, 26, 35],
            "Forms returned": [adults, children_forms, total_forms],
        }
    )


def test_published_counts_and_what_they_determine_are_shown():
    published = load_review(DEMO_REVIEW).published_values
    table = return_rate_table(
        int(published["childrens_exit_forms"]), int(published["exit_forms_returned"])
    )
    released = released_cells(table, lx.PUBLISHED_FORMS_AND_LEAVERS, published)
    # the adults' forms are the published total less the published children's forms
    assert (0, "Forms returned") in released
    p = protect(table, pol=PUBLIC, released=released, name="returns")
    assert SUPPRESSED not in set(p.shown["Forms returned"]), p.shown
    assert p.shown["Forms returned"].tolist() == table["Forms returned"].tolist()
    assert disclosure_audit.audit([p.table], PUBLIC.threshold).safe


def test_a_published_figure_that_the_data_do_not_give_releases_nothing():
    published = load_review(DEMO_REVIEW).published_values
    table = return_rate_table(3, int(published["exit_forms_returned"]) - 1)
    released = released_cells(table, lx.PUBLISHED_FORMS_AND_LEAVERS, published)
    assert (2, "Forms returned") not in released and (0, "Forms returned") not in released
    shown = protect(table, pol=PUBLIC, released=released).shown
    assert SUPPRESSED in set(shown["Forms returned"])


def test_forms_by_profession_join_a_service_with_a_small_profession():
    forms = pd.DataFrame(
        {
            "service": ["Adult Social Care"] * 3 + ["Children's Social Care"] * 6,
            "profession": ["Occupational therapy", "Social work", "Social work"]
            + ["Social work"] * 6,
        }
    )
    table = lx.forms_by_service_and_profession(forms, threshold=5)
    adults = table[table["Service"] == "Adult Social Care"]
    assert adults["Profession"].tolist() == [lx.ALL_PROFESSIONS] and adults["Forms"].iat[0] == 3
    assert len(lx.forms_by_service_and_profession(forms)) == 4, "exempt keeps the split"
