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
    assert "the papers' 46.2% is a share of the year's leavers" in text


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
    assert "agency staff go from 43.0 FTE at 30 July 2016 to 51.0 FTE by 30 July 2018" in text
    assert "(95% interval 45.2 FTE to 57.9 FTE)" in text and "£120,000 a year" in text
    assert "cannot rule out" not in text


def test_shares_in_words():
    from pipelines.sections.retention.text import in_words

    assert in_words(60.0) == "60.0% of"
    assert in_words(52.4) == "52.4% of"
    assert in_words(34.0) == "34.0% of"
    assert in_words(8.0) == "8.0% of"
