"""Chart titles are written from the figures they show, never a fixed claim (issue 21, item 4).

Each title function is fed data made here, then the same data with its distribution reversed:
the title must change with it. The length-of-service case is the one a council met: 14 of 60
leavers had served more than 10 years and 26 left within 2 years, yet the title said "most
leavers had served more than 10 years".
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.sections.leavers import analysis as lv
from pipelines.sections.leavers import exit_interviews as lx
from pipelines.sections.workforce import analysis as wf
from tests.conftest import examples

SERVICE = "Children's Social Care"
EDGES = [1, 2, 5, 10]


def leavers_with(counts: list[int], seed: int = 4) -> pd.DataFrame:
    """Leavers of one service with ``counts[i]`` in band i of :data:`EDGES` (years of service
    drawn inside each band from a seeded generator)."""
    rng = np.random.default_rng(seed)
    bounds = list(zip([0, *EDGES], [*EDGES, 30], strict=True))
    years = [
        rng.uniform(lo, hi - 0.01)
        for (lo, hi), n in zip(bounds, counts, strict=True)
        for _ in range(n)
    ]
    return pd.DataFrame({"service": SERVICE, "years_of_service": years})


def title_for(counts: list[int]) -> str:
    return lv.service_length_title(
        lv.service_lengths(leavers_with(counts), SERVICE, EDGES), SERVICE
    )


def test_the_councils_case_does_not_say_most_served_more_than_10_years():
    # 13 + 13 left within 2 years (26 of 60); 14 had served more than 10 years.
    counts = [13, 13, 10, 10, 14]
    title = title_for(counts)
    assert "most leavers had served more than 10 years" not in title
    assert title == (
        f"{SERVICE}: the largest group of leavers had served more than 10 years; most had "
        "served less than 5 years"
    )


def test_the_title_follows_the_distribution_when_it_is_reversed():
    long_service = [3, 4, 5, 8, 40]  # 40 of 60 more than 10 years
    short_service = list(reversed(long_service))  # 40 of 60 less than 1 year
    assert title_for(long_service) == f"{SERVICE}: most leavers had served more than 10 years"
    assert title_for(short_service) == f"{SERVICE}: most leavers had served less than 1 year"


def test_tied_bands_are_named_together_and_no_leavers_is_said():
    title = title_for([10, 10, 2, 2, 2])
    assert (
        "largest groups of leavers had served less than 1 year and between 1 and 2 years" in title
    )
    assert title.endswith("most had served less than 2 years")
    assert title_for([0, 0, 0, 0, 0]) == f"{SERVICE}: no leavers in the period"


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.integers(0, 30), min_size=5, max_size=5).filter(lambda c: sum(c) > 0))
def test_every_claim_in_the_title_holds_for_the_counts(counts):
    title = title_for(counts)
    total = sum(counts)
    labels = lv.band_labels(EDGES)
    m = re.search(r"most leavers had served (.+)$", title)
    if m:
        band = labels[[label.lower() for label in labels].index(m.group(1))]
        assert counts[labels.index(band)] * 2 > total
        return
    assert all(n * 2 <= total for n in counts)
    largest = [label for label, n in zip(labels, counts, strict=True) if n == max(counts)]
    assert lv.join_reasons(largest).lower() in title
    less = re.search(r"most had served less than ([\d.]+) years?$", title)
    more = re.search(r"most had served ([\d.]+) years? or more$", title)
    bounds = [0, *EDGES, float("inf")]
    if less:
        edge = float(less.group(1))
        assert sum(n for n, hi in zip(counts, bounds[1:], strict=True) if hi <= edge) * 2 > total
    elif more:
        edge = float(more.group(1))
        assert sum(n for n, lo in zip(counts, bounds[:-1], strict=True) if lo >= edge) * 2 > total
    else:
        assert title.endswith("no shorter or longer span of service held more than half of them")
        assert all(sum(counts[: i + 1]) * 2 <= total for i in range(len(counts) - 1))
        assert all(sum(counts[i:]) * 2 <= total for i in range(1, len(counts)))


# --- Ratings of exit interview aspects ---------------------------------------------------------


def aspects(good: list[int], poor: list[int]) -> pd.DataFrame:
    """Two aspects with ``good[i]`` good ratings and ``poor[i]`` poor, lowest share first."""
    table = pd.DataFrame(
        {
            "Aspect of employment": ["Job security", "Teamwork"],
            "Excellent": [0, 0],
            "Good": good,
            "Average": [0, 0],
            "Poor": poor,
        }
    )
    table["Answered"] = table["Good"] + table["Poor"]
    table["Good or excellent (%)"] = 100 * table["Good"] / table["Answered"]
    return table.sort_values("Good or excellent (%)").reset_index(drop=True)


def test_ratings_title_says_most_only_when_most_ratings_were_good():
    mostly_good = lx.ratings_title(aspects([6, 12], [6, 1]))
    assert mostly_good.startswith("Most ratings were good or excellent; job security")
    reversed_ = lx.ratings_title(aspects([6, 1], [6, 12]))
    assert reversed_.startswith("Fewer than half the ratings were good or excellent; teamwork")
    assert lx.ratings_title(aspects([5, 5], [5, 5])).startswith("Half the ratings")


# --- Workforce cost chart ---------------------------------------------------------------------


def test_cost_title_follows_which_costs_more():
    chart = pd.DataFrame(
        {"Post": ["A (G7)", "B (G8)"], "Permanent (£)": [40_000, 45_000], "Agency (£)": 51_060}
    )
    assert wf.cost_title(chart, "x").startswith(
        "An agency worker costs more than each permanent post compared"
    )
    cheap = chart.assign(**{"Agency (£)": 30_000})
    assert wf.cost_title(cheap, "x").startswith(
        "An agency worker costs less than each permanent post compared"
    )
    mixed = chart.assign(**{"Agency (£)": 42_000})
    assert wf.cost_title(mixed, "x").startswith("An agency worker costs more than some")
    assert wf.cost_title(chart.iloc[[0]], "30 an hour").endswith(
        "more than the permanent post (30 an hour)"
    )


def test_breakeven_and_caseload_titles_follow_their_figures():
    assert "used up if more than 3 staff" in wf.breakeven_title(
        {"break_even": 3.5, "leavers_still_saving": 3.0}
    )
    assert "however many staff leave" in wf.breakeven_title(
        {"break_even": float("inf"), "leavers_still_saving": float("nan")}
    )
    bands = pd.DataFrame(
        {
            "Experience": ["Newly qualified (less than 1 year)", "1 to 3 years"],
            "Average caseload": [18.0, 19.0],
            "Recommended caseload": [15.0, 20.0],
            "Above recommended by (cases)": [3.0, -1.0],
        }
    )
    assert wf.caseload_title(bands).startswith("Newly qualified social workers hold more")
    within = bands.assign(**{"Above recommended by (cases)": [-1.0, -2.0]})
    assert wf.caseload_title(within) == (
        "Caseloads are within the recommended level in every experience band"
    )


# --- Leavers' findings: "only" and "too few" only where fewer than half returned a form ---------


def test_exit_form_finding_says_only_when_fewer_than_half_returned():
    def finding(forms: int, leavers: int) -> str:
        returns = pd.DataFrame(
            {
                "Service": ["Total"],
                "Leavers": [leavers],
                "Forms returned": [forms],
                "Return rate (%)": [100 * forms / leavers],
            }
        )
        would = pd.DataFrame({"Answer": ["Yes", "No"], "Leavers": [6, 6]})
        turnover = pd.DataFrame(
            columns=["Service", "Leavers", "Turnover, all qualified posts (%)", "Qualified posts"]
        )
        short = pd.DataFrame({"Reason for leaving": ["Total"], "Leavers": [0]})
        lines = lv.findings(turnover, {}, short, 2, SERVICE, returns, would, 60.0)
        return next(line for line in lines if "exit interview form" in line)

    few = finding(13, 35)
    assert few.startswith("Only 13 of 35 leavers (37.1%)") and "fewer than half" in few
    many = finding(30, 35)
    assert many == "30 of 35 leavers (85.7%) returned an exit interview form."
