"""The table behind the key finding on why staff leave (reader14 L21 KF2: "21 of 35 leavers
... (6) ... (6)" in no public table, "See source 3")."""

import pandas as pd

from pipelines.core.disclosure import SUPPRESSED, Policy, protect
from pipelines.sections.leavers import analysis as lv

ACTED_ON = ["Career", "Pay", "Too far", "Management"]


def leavers() -> pd.DataFrame:
    given = {"Career": 6, "Pay": 2, "Too far": 7, "Retirement": 5, "Family": 1}
    rows = [
        {"leaving_reason": r, "service": "Adults" if i % 2 else "Children", "years_of_service": 3}
        for r, n in given.items()
        for i in range(n)
    ]
    return pd.DataFrame(rows)


def test_the_reasons_the_council_can_act_on_with_their_total():
    table = lv.reasons_acted_on(leavers(), ACTED_ON)
    # by hand: Too far 7, Career 6, Pay 2 (Management given by none); 7 + 6 + 2 = 15 of 21
    assert table.to_dict("list") == {
        "Reason for leaving": ["Too far", "Career", "Pay", "Total"],
        "Leavers": [7, 6, 2, 15],
    }


def test_published_with_its_small_counts_protected():
    table = lv.reasons_acted_on(leavers(), ACTED_ON)
    shown = protect(table, name="reasons", ranked_by="Leavers", pol=Policy("public", 5)).shown
    leavers_shown = dict(zip(shown["Reason for leaving"], shown["Leavers"], strict=True))
    assert leavers_shown["Pay"] == SUPPRESSED  # 2, and one more so 15 - 13 does not give it
    assert list(shown["Leavers"]).count(SUPPRESSED) == 2
    assert leavers_shown["Total"] == 15


def test_the_public_finding_names_no_hidden_count_by_its_rank():
    """Beside the table (Career 6, Management 6, three hidden, Total 21), "the most common
    were ... and “Pay” (fewer than 5)" says Pay is the largest of three hidden counts summing
    to 21 - 12 = 9, each at most 4: so Pay is 3 or 4. The public sentence names only the
    reasons the table shows; the exempt one all three."""
    from pipelines.core.figures import Figure, Kind
    from pipelines.core.finding_words import Materiality
    from pipelines.sections.leavers.text import finding_text

    counts = {"Career": 6, "Management": 6, "Pay": 4, "Too far": 3, "Self-employed": 2}
    counts_all = {**counts, "Retirement": 14}
    fig = Figure(
        key="leaving_reasons",
        label="Most common recorded reason for leaving",
        value=6.0,
        kind=Kind.PEOPLE,
        denominator=float(sum(counts_all.values())),
        source="HR leavers extract",
        period="1 April 2025 to 31 March 2026",
        section="10_leavers",
        table="reasons",
        row="Career",
        column="Leavers",
        notes={"reasons": "|".join(f"{r}={n}" for r, n in counts_all.items())},
    )
    acted = sum(counts.values())
    assert acted == 21 and 21 - 6 - 6 == 9
    m = Materiality(float(acted), "people", float(acted), "all leavers in the period", 35.0)
    public = finding_text(fig, m, Policy("public", 5), influenceable=list(counts))
    assert "\u201cCareer\u201d (6) and \u201cManagement\u201d (6)." in public
    assert "Pay" not in public and "fewer than" not in public
    exempt = finding_text(fig, m, Policy("exempt", 5), influenceable=list(counts))
    assert "\u201cPay\u201d (4)" in exempt
