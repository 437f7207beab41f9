"""The retention findings' sentences: shares, FTE and pounds, no count of people."""

from pipelines.core.figures import Figure, Kind
from pipelines.sections.retention.text import finding_text


def figure(key, value, kind, notes):
    return Figure(
        key=key,
        label="Children's Social Care: x",
        value=value,
        kind=kind,
        source="s",
        period="the year",
        section="45_retention",
        notes=notes,
    )


def test_the_starters_sentence_puts_the_papers_share_of_leavers_beside_the_chance():
    fig = figure(
        "retention_leave_within_two_years_childrens",
        100 / 3,
        Kind.PERCENT,
        {"low": "20.04", "high": "49.96", "share_of_leavers": "46.154"},
    )
    text = finding_text(fig)
    assert text.startswith("Children's Social Care: 33.3% of qualified staff who start leave")
    assert "leave within two years (95% interval 20.0% to 50.0%; the year)" in text
    assert text.count("33.3%") == 1  # the share is said once
    assert (
        "This is a starter's chance of leaving; the 46.2% of the year's leavers who had served "
        "under two years is another measure, a share of leavers"
    ) in text


def test_without_leavers_there_is_no_interval():
    fig = figure(
        "retention_leave_within_two_years_childrens",
        0.0,
        Kind.PERCENT,
        {"low": "nan", "high": "nan", "share_of_leavers": "0"},
    )
    text = finding_text(fig)
    assert "leave within two years (the year)" in text and "of starters" not in text


def test_the_projection_sentence_gives_fte_then_and_now_and_the_cost():
    fig = figure(
        "retention_agency_rise_childrens",
        120000.0,
        Kind.MONEY_PER_YEAR,
        {
            "agency_start": "43",
            "agency_end": "51.04",
            "agency_low": "45.2",
            "agency_high": "57.9",
            "start": "30 July 2016",
            "end": "30 July 2018",
        },
    )
    text = finding_text(fig)
    assert (
        "agency staff in all the service's posts (managers included) go from 43.0 FTE at 30 July "
        "2016 to 51.0 FTE by 30 July 2018"
    ) in text
    assert "(95% interval 45.2 FTE to 57.9 FTE)" in text and "£120,000 a year" in text
    assert "cannot rule out" not in text


def test_shares_in_words():
    from pipelines.sections.retention.text import in_words

    assert in_words(60.0) == "60.0% of"
    assert in_words(52.4) == "52.4% of"
    assert in_words(34.0) == "34.0% of"
    assert in_words(8.0) == "8.0% of"


def test_the_two_measures_of_early_leaving_are_named_each_as_what_it_is():
    """Issue 22 a: 60.0% and 46.2% for "early leaving" in two key findings, with no word on which
    is which. The starters' chance and the leavers' share each say their population, and the
    starters' sentence says in one clause why the leavers' share differs."""
    import re

    from pipelines.core.finding_words import Materiality
    from pipelines.sections.leavers.text import finding_text as leavers_text

    starters = figure(
        "retention_leave_within_two_years_childrens",
        60.0,
        Kind.PERCENT,
        {"low": "41.2", "high": "78.8", "share_of_leavers": str(100 * 12 / 26)},
    )
    leavers = Figure(
        key="short_service_childrens",
        label="Children's Social Care: leavers with under 2 years' service",
        value=100 * 12 / 26,
        kind=Kind.PERCENT_OF_PEOPLE,
        numerator=12,
        denominator=26,
        source="s",
        period="the year",
        section="10_leavers",
        row="Less than 2 years",
    )
    a = finding_text(starters)
    b = leavers_text(leavers, Materiality(12, "people", 12, "Adult Social Care", 30.0))
    assert "60.0% of qualified staff who start leave within two years" in a
    assert "a starter's chance of leaving" in a
    assert "of the year's leavers, 46.2% (12 of 26 leavers) had served under two years" in b
    assert "This is a share of leavers, not the share of starters who leave" in b
    # The starters' sentence names the leavers' value as another measure, and why it differs.
    assert "the 46.2% of the year's leavers who had served under two years is another measure" in a
    assert "rises and falls with how many were recruited" in a
    # Every percentage in either sentence (but an interval's ends) is said to be of starters
    # or of leavers.
    for sentence in (a, b):
        for hit in re.finditer(r"\d+\.\d%", sentence):
            if re.search(r"(interval|to) $", sentence[: hit.start()]):
                continue
            around = sentence[hit.start() : hit.end() + 60]
            assert "start" in around or "leavers" in around, (hit.group(0), sentence)
