"""The agency costing assumptions stand inside a finding's or a caption's brackets, so they
carry none of their own (issue 22, point 3: "agency at £32 an hour (capped rate, ...)" nested
a bracket in the agency premium key finding of both demo reviews)."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from pipelines.sections.workforce import agency_rate as war
from pipelines.sections.workforce.parameters import WorkforceParameters
from tests.documents.brackets import depth

WORDS = st.text(alphabet="abcdefghij ,.0123456789()", min_size=1, max_size=30).filter(
    lambda t: t.strip() and t.count("(") == t.count(")") and "()" not in t
)


@given(basis=st.one_of(st.just(""), WORDS), source=st.one_of(st.just(""), WORDS))
@example(basis="", source="))((")  # found by a fresh clone's run: unpaired brackets
def test_the_rate_in_words_nests_no_bracket_in_a_finding(basis, source):
    params = WorkforceParameters(
        agency_hourly_rate=32, agency_rate_basis=basis, agency_rate_source=source
    )
    said = war.rate_words(params)
    assert said.startswith("agency at £32 an hour, ")
    assert depth(f"Agency workers cost more (at 30 July 2016; {said}).") == 1


def test_a_sources_own_brackets_become_a_clause():
    params = WorkforceParameters(
        agency_hourly_rate=38.5,
        agency_rate_basis="hours-weighted average charge rate",
        agency_rate_source="Agency timesheet report 2017/18 (synthetic), 3 April 2017",
    )
    assert war.rate_words(params) == (
        "agency at £38.50 an hour, hours-weighted average charge rate, Agency timesheet report "
        "2017/18, synthetic, 3 April 2017; 37 hours a week, 46 weeks a year"
    )


def test_a_rate_of_minus_zero_is_printed_as_zero():
    """-0.0 passes the rate's lower bound of 0; it prints "£0", never "£-0" (found by the
    parameter-range property test)."""
    said = war.rate_words(WorkforceParameters(agency_hourly_rate=-0.0))
    assert said.startswith("agency at £0 an hour") and "£-" not in said


def test_the_costing_assumptions_print_a_rate_of_minus_zero_as_zero():
    from pipelines.sections.workforce.costs import agency_assumptions

    assert agency_assumptions(-0.0, 1, 1) == "agency at £0 an hour, 1 hours a week, 1 weeks a year"
