"""core.validation_checks.not_below: one pair check for date order and FTE within establishment."""

from types import SimpleNamespace

from pipelines.core.validation_checks import CRITICAL, not_below


def _made(check):
    """The keyword arguments the check gives Great Expectations' pair expectation."""
    seen = {}
    ge = SimpleNamespace(ExpectColumnPairValuesAToBeGreaterThanB=lambda **kw: seen.update(kw))
    check.make(ge)
    return seen


def _check(**extra):
    return not_below(
        "leaving_date",
        "service_start_date",
        check="Leaving date is on or after the start date",
        what="The leaving date is before the start date.",
        expected="a leaving date on or after the start date",
        hint="Correct the dates.",
        **extra,
    )


def test_names_the_first_column_and_compares_a_to_b_or_equal():
    check = _check()
    assert (check.column, check.pair, check.severity) == (
        "leaving_date",
        ("leaving_date", "service_start_date"),
        CRITICAL,
    )
    kw = _made(check)
    assert (kw["column_A"], kw["column_B"], kw["or_equal"]) == (
        "leaving_date",
        "service_start_date",
        True,
    )
    assert kw["ignore_row_if"] == "either_value_is_missing"
    assert "row_condition" not in kw


def test_flag_b_names_the_second_column_but_keeps_the_comparison():
    check = not_below(
        "establishment_fte",
        "fte_in_post",
        check="FTE in post is not above the establishment FTE",
        what="The FTE in post is above the establishment FTE.",
        expected="no more than the establishment FTE",
        hint="Correct the FTE.",
        flag_b=True,
    )
    assert check.column == "fte_in_post"
    assert check.pair == ("fte_in_post", "establishment_fte")
    kw = _made(check)
    assert (kw["column_A"], kw["column_B"]) == ("establishment_fte", "fte_in_post")


def test_only_where_blank_adds_a_row_condition_and_needs_that_column():
    check = _check(only_where_blank="interviewed_date")
    assert "interviewed_date" in check.columns
    kw = _made(check)
    assert kw["row_condition"] == "interviewed_date.isnull()"
    assert kw["condition_parser"] == "pandas"
