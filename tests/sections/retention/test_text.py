"""The retention findings' sentences: shares, FTE and pounds, no count of people."""

from hypothesis import given
from hypothesis import strategies as st

from pipelines.core.figures import Figure, Kind
from pipelines.sections.retention.text import about_pounds, finding_text


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
        {
            "low": "20.04",
            "high": "49.96",
            "share_of_leavers": "46.154",
            "leavers_period": "1 October 2016 to 30 September 2017",
        },
    )
    text = finding_text(fig)
    assert text.startswith("Children's Social Care: 33.3% of qualified staff who start leave")
    assert (
        "leave within two years (95% interval 20.0% to 50.0%). This is a starter's chance of "
        "leaving, measured over the year."
    ) in text
    assert text.count("33.3%") == 1  # the share is said once
    assert (
        "The 46.2% of leavers in the year 1 October 2016 "
        "to 30 September 2017 who had served under two years is another measure, a share of "
        "leavers"
    ) in text


def test_without_leavers_there_is_no_interval():
    fig = figure(
        "retention_leave_within_two_years_childrens",
        0.0,
        Kind.PERCENT,
        {"low": "nan", "high": "nan", "share_of_leavers": "0"},
    )
    text = finding_text(fig)
    assert (
        "leave within two years. This is a starter's chance of leaving, measured over the year."
    ) in text
    assert "of starters" not in text


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
        "agency staff in all the service's posts (managers included) go from 43 FTE at 30 July "
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
        {
            "low": "41.2",
            "high": "78.8",
            "share_of_leavers": str(100 * 12 / 26),
            "leavers_period": "1 September 2015 to 31 August 2016",
        },
    )
    leavers = Figure(
        key="short_service_childrens",
        label="Children's Social Care: leavers with under 2 years' service",
        value=100 * 12 / 26,
        kind=Kind.PERCENT_OF_PEOPLE,
        numerator=12,
        denominator=26,
        source="s",
        period="1 September 2015 to 31 August 2016",
        section="10_leavers",
        row="Less than 2 years",
    )
    a = finding_text(starters)
    b = leavers_text(leavers, Materiality(12, "people", 12, "Adult Social Care", 30.0))
    assert "60.0% of qualified staff who start leave within two years" in a
    assert "a starter's chance of leaving" in a
    assert (
        "of the year's leavers, 46.2% (12 of 26 leavers) had served under two years "
        "(1 September 2015 to 31 August 2016)"
    ) in b
    assert "This is a share of leavers, not the share of starters who leave" in b
    # The starters' sentence names the leavers' value as another measure, and why it differs.
    assert (
        "The 46.2% of leavers in the year 1 September 2015 to 31 August 2016 who had served "
        "under two years is another measure"
    ) in a
    assert "a share of leavers that rises and falls with recruitment" in a
    # Every percentage in either sentence (but an interval's ends) is said to be of starters
    # or of leavers.
    for sentence in (a, b):
        for hit in re.finditer(r"\d+\.\d%", sentence):
            if re.search(r"(interval|to) $", sentence[: hit.start()]):
                continue
            around = sentence[hit.start() : hit.end() + 60]
            assert "start" in around or "leavers" in around, (hit.group(0), sentence)


def _rise(service: str, key: str, cost: float, start: str, end: str) -> Figure:
    return Figure(
        key=f"retention_agency_rise_{key}",
        label=f"{service}: extra agency cost a year if current rates continue",
        value=cost,
        kind=Kind.MONEY_PER_YEAR,
        source="s",
        period="the year",
        section="45_retention",
        notes={
            "agency_start": start,
            "agency_end": end,
            "agency_low": "20",
            "agency_high": "70",
            "start": "30 July 2016",
            "end": "30 July 2018",
        },
    )


CONDITION = "if staff keep joining, leaving and moving from agency to permanent posts at the rates"


@given(
    costs=st.lists(
        st.integers(min_value=1, max_value=500_000), min_size=2, max_size=3, unique=True
    ),
    reverse=st.booleans(),
)
def test_the_projection_condition_is_said_once_across_the_services(costs, reverse):
    """Fault 3 of issue 22: the retention chapter repeated the projection's condition once per
    service. The service with the largest cost (ranked first) states it; the others say "on the
    same projection", whatever the order the figures come in."""
    services = [
        ("Children's Social Care", "childrens"),
        ("Adult Social Care", "adults"),
        ("Early Help", "early"),
    ]
    figs = [
        _rise(name, key, float(c), "40", "45")
        for (name, key), c in zip(services, costs, strict=False)
    ]
    others = list(reversed(figs)) if reverse else figs
    texts = {f.key: finding_text(f, None, None, others=others) for f in figs}
    joined = " ".join(texts.values())
    assert joined.count(CONDITION) == 1, joined
    lead = max(figs, key=lambda f: f.value)
    assert CONDITION in texts[lead.key]
    assert texts[lead.key].startswith(lead.label.split(":")[0] + ": if staff keep joining")
    for f in figs:
        if f is not lead:
            assert texts[f.key].startswith(
                f.label.split(":")[0] + ": on the same projection, agency staff in all its posts "
                "go from 40 FTE at 30 July 2016 to 45 FTE by 30 July 2018"
            ), texts[f.key]
            assert f"about {about_pounds(f.value)} a year more than now" in texts[f.key]
    # a single service (or a figure given alone) still states the condition
    assert CONDITION in finding_text(figs[0], None, None, others=[figs[0]])
    assert CONDITION in finding_text(figs[1])


def test_the_ranked_findings_say_the_projection_condition_once():
    """The same through the findings collector (the registry's ``finding_text`` passes the
    other figures), as the report's chapter prints them."""
    from pipelines.core.finding_words import Materiality
    from pipelines.sections.findings import finding_text as collected

    figs = [
        _rise("Adult Social Care", "adults", 71_067.0, "34", "38"),
        _rise("Children's Social Care", "childrens", 115_581.0, "43", "50.6"),
    ]
    texts = [
        collected(f, Materiality(f.value, "£ a year", f.value / 40_000, None, None), others=figs)
        for f in figs
    ]
    assert " ".join(texts).count(CONDITION) == 1
    assert CONDITION in texts[1] and texts[0].startswith("Adult Social Care: on the same")


def test_no_retention_text_says_the_papers_give_the_share_of_leavers():
    """Fault 7 of issue 22: Coventry's report quoted "the papers' 52.3%", a measure its papers
    never printed (only Luton's item 7 report gives a share of leavers, 46%). The section's
    sentence and its notebook's text name the share of leavers as a measure of the data, for
    every review: a review quotes only its own papers, in "Figures in the officers' reports,
    checked" (its ``published_figures``)."""
    import json
    from pathlib import Path

    fig = figure(
        "retention_leave_within_two_years_childrens",
        48.2,
        Kind.PERCENT,
        {
            "low": "36.3",
            "high": "61.8",
            "share_of_leavers": "52.3",
            "leavers_period": "1 October 2016 to 30 September 2017",
        },
    )
    text = finding_text(fig)
    assert "The 52.3% of leavers in the year 1 October 2016 to 30 September 2017 who" in text
    assert "paper" not in text.lower()
    nb = json.loads(Path("notebooks/45_retention.ipynb").read_text(encoding="utf-8"))
    words = " ".join(
        "".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"
    ).lower()
    assert "the papers say" not in words and "papers'" not in words


def test_the_projection_condition_names_the_rates_it_carries_forward():
    """Issue 22 (28 Feb 2017 report, key finding 4): "if this year's starting, leaving and
    agency-conversion rates continue" read as a broken phrase ("this year's starting"). The
    condition says in plain words which rates continue and when they were measured: the
    window in the figure's notes, as the projection's assumptions state it."""
    fig = _rise("Children's Social Care", "childrens", 233_000.0, "43", "58.3")
    window = "1 September 2015 to 30 July 2016"
    fig = fig.model_copy(update={"notes": {**fig.notes, "rates_window": window}})
    text = finding_text(fig, None, None, others=[fig])
    assert "this year's starting" not in text
    assert (
        "if staff keep joining, leaving and moving from agency to permanent posts at the rates "
        f"of {window}, agency staff in all the service's posts" in text
    ), text
    # without the window (an older result), the rates are still named, never "this year's"
    assert "at the rates measured over the last year" in finding_text(
        _rise("Adult Social Care", "adults", 1.0, "1", "2")
    )


def test_a_window_ending_at_the_staff_list_says_why_beside_the_leavers_year():
    """reader12 (Luton 21 September, key findings 3 and 4): "1 September 2015 to 30 July 2016"
    and "the year 1 September 2015 to 31 August 2016" in one finding, and 30 July again in the
    next, never explained. The leavers run to the end of the review's period; who is still in
    post is known only at the staff list's date, so the starters' chance and the projection's
    rates are measured to that date, and each finding says so."""
    window = "1 September 2015 to 30 July 2016"
    notes = {
        "low": "40.0",
        "high": "80.7",
        "share_of_leavers": str(100 * 12 / 26),  # 12 of 26 leavers: 46.2%
        "leavers_period": "1 September 2015 to 31 August 2016",
        "staff_list_date": "30 July 2016",
    }
    starters = figure("retention_leave_within_two_years_childrens", 60.0, Kind.PERCENT, notes)
    starters = starters.model_copy(update={"period": window})
    text = finding_text(starters)
    assert (
        f"This is a starter's chance of leaving, measured over {window}, the date of the staff "
        "in post list, the one day the data show who is still in post."
    ) in text
    assert "The 46.2% of leavers in the year 1 September 2015 to 31 August 2016 who" in text
    # each sentence of at most 35 words
    for sentence in text.split(". "):
        assert len(sentence.split()) <= 35, sentence
    # a window that ends with the period: no reason needed, none given
    same = starters.model_copy(
        update={"notes": {k: v for k, v in notes.items() if k != "staff_list_date"}}
    )
    assert f"measured over {window}." in finding_text(same)
    assert "staff in post list" not in finding_text(same)
    rise = _rise("Children's Social Care", "childrens", 231_000.0, "43", "58.2")
    rise = rise.model_copy(
        update={"notes": {**rise.notes, "rates_window": window, "staff_list_date": "30 July 2016"}}
    )
    assert (
        f"at the rates of {window}, the date of the staff in post list, agency staff"
        in finding_text(rise, None, None, others=[rise])
    )
