"""Counts of people in text, in digits or words, and the parts of a published whole (issue 26)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.core.disclosure import EXEMPT, Policy, protect_counts, protect_text
from pipelines.core.number_words import word_value
from tests.conftest import examples

PUBLIC = Policy("public", 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Four newly qualified social workers in Leaving Care left within a year",
            "Fewer than 5 newly qualified social workers in Leaving Care left within a year",
        ),
        ("only four leavers returned a form", "only fewer than 5 leavers returned a form"),
        ("a couple of leavers said so", "fewer than 5 leavers said so"),
        ("One social worker left", "Fewer than 5 social worker left"),
        ("a dozen leavers said so", "a dozen leavers said so"),
        ("half a dozen leavers said so", "half a dozen leavers said so"),
        ("F\u043eur leavers said so", "Fewer than 5 leavers said so"),  # Cyrillic о
        ("3 leavers said so", "fewer than 5 leavers said so"),
    ],
)
def test_counts_of_people_in_words_or_digits_are_suppressed(text, expected):
    assert protect_text(text, PUBLIC) == expected
    assert protect_text(text, EXEMPT) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11 of 13 would return", "more than 8 of the 13 would return"),
        (
            "eleven of the thirteen leavers would return",
            "more than 8 of the 13 leavers would return",
        ),
        ("11 out of 13 would return", "more than 8 of the 13 would return"),
        ("60 of 61 answered", "more than 56 of the 61 answered"),
        ("30.8% of the 13 forms rated pay poor", "fewer than 5 of the 13 forms rated pay poor"),
        ("84.6% of the 13 leavers would return", "more than 8 of the 13 leavers would return"),
        ("4 (30.8%) rated pay poor", "fewer than 5 rated pay poor"),
        ("8 of 13 would return", "8 of 13 would return"),
        ("37.1% of the 35 leavers", "37.1% of the 35 leavers"),
    ],
)
def test_a_percentage_or_a_complement_of_a_stated_whole_is_a_count(text, expected):
    assert protect_text(text, PUBLIC) == expected


@pytest.mark.parametrize(
    "text",
    [
        "two of the councils that signed the memorandum",
        "2 of the 12 councils that signed",
        "The two services differ",
        "left the profession two to five years ago",
        "a 13-week programme; within one year",
        "Luton's fourth cohort of trainees",
        "average 2.18 (1 = very satisfied), the best of all questions",
        "Agenda item 6 report, paragraph 54; Appendix 1",
        "one of the best places to work",
        "no one said so; a one-off payment",
        "sixteen aspects of their employment",
        "14.1% of the 64 posts",
        "Three of the sixteen aspects were rated poor",
    ],
)
def test_numbers_that_are_not_counts_of_people_stay(text):
    assert protect_text(text, PUBLIC) == text


def test_word_values():
    assert word_value("four") == 4
    assert word_value("Twenty-one") == 21
    assert word_value("half a dozen") == 6
    assert word_value("a couple of") == 2
    assert word_value("lots") is None


WORDS = ["one", "two", "three", "four"]
PEOPLE = ["social workers", "leavers", "staff", "people", "agency workers", "respondents"]


@settings(max_examples=examples(200), deadline=None)
@given(
    n=st.integers(1, 4),
    as_word=st.booleans(),
    noun=st.sampled_from(PEOPLE),
    before=st.sampled_from(["", "Only ", "We heard that ", "In Leaving Care, "]),
    after=st.sampled_from(["left.", "said so", "would return", ""]),
)
def test_property_no_small_count_of_people_survives(n, as_word, noun, before, after):
    """Below the threshold, a count of people written before a word for people never survives."""
    written = WORDS[n - 1] if as_word else str(n)
    if before == "" and as_word:
        written = written.capitalize()
    text = f"{before}{written} {noun} {after}".strip()
    out = protect_counts(text, 5)
    assert f"{written} {noun}" not in out and "ewer than 5 " + noun in out


@settings(max_examples=examples(200), deadline=None)
@given(whole=st.integers(5, 400), rest=st.integers(1, 4))
def test_property_a_small_rest_of_a_whole_is_never_given_away(whole, rest):
    part = whole - rest
    if part < 5:
        return
    out = protect_counts(f"{part} of {whole} leavers would return", 5)
    assert str(part) not in out.split() and f"of the {whole}" in out


# --- figures read with their published base ----------------------------------------------------

from pipelines.core.disclosure import figure_is_disclosive  # noqa: E402
from pipelines.core.figures import Kind  # noqa: E402


@pytest.mark.parametrize(
    ("kind", "value", "numerator", "denominator", "disclosive"),
    [
        # "11 of 13 would return": the rest, 2, is small.
        (Kind.PEOPLE, 11, 11, 13, True),
        (Kind.PEOPLE, 8, 8, 13, False),  # 13 - 8 = 5
        (Kind.PEOPLE, 3, 3, None, True),
        (Kind.FORMS, 13, 13, 35, False),
        # "30.8%" of 13 forms: 4 / 13 = 30.769...%.
        (Kind.PERCENT_OF_PEOPLE, 100 * 4 / 13, 4, 13, True),
        (Kind.PERCENT_OF_PEOPLE, 100 * 11 / 13, 11, 13, True),
        (Kind.PERCENT_OF_PEOPLE, 100 * 13 / 35, 13, 35, False),
        (Kind.PERCENT_OF_PEOPLE, 100.0, 4, 4, True),  # a base of 4
        # Turnover: leavers per 100 posts; posts are not people.
        (Kind.PEOPLE_PER_100_POSTS, 100 * 26 / 112, 26, 112, False),
        (Kind.PEOPLE_PER_100_POSTS, 100 * 3 / 112, 3, 112, True),
        (Kind.PEOPLE_PER_100_POSTS, 100 * 60 / 62, 60, 62, False),
        (Kind.MEAN_SCORE, 3.28, None, 4, True),
        (Kind.MEAN_SCORE, 3.28, None, 18, False),
        (Kind.PERCENT_OF_FTE, 100 * 3 / 4, 3, 4, False),
        (Kind.MONEY_PER_YEAR, 2, None, None, False),
    ],
)
def test_a_figure_is_read_with_its_published_base(kind, value, numerator, denominator, disclosive):
    assert figure_is_disclosive(kind, value, numerator, denominator, 5) is disclosive
    assert figure_is_disclosive(kind.value, value, numerator, denominator, 5) is disclosive


@settings(max_examples=examples(200), deadline=None)
@given(whole=st.integers(1, 500), part=st.integers(0, 500))
def test_property_a_percentage_of_people_is_withheld_exactly_when_a_count_is_small(whole, part):
    if part > whole:
        return
    small = 0 < part < 5 or 0 < whole - part < 5 or whole < 5
    pct = 100 * part / whole
    assert figure_is_disclosive(Kind.PERCENT_OF_PEOPLE, pct, part, whole, 5) is small


@settings(max_examples=examples(150), deadline=2000)
@given(text=st.text(max_size=300))
def test_property_any_text_is_read_without_error_and_keeps_what_it_does_not_rewrite(text):
    """Redaction and count protection accept any text (invisible and combining characters,
    surrogates excepted by hypothesis) and change nothing in a text without digits or letters."""
    from pipelines.core.personal_data import normalise, redact

    out = protect_text(text, PUBLIC)
    assert isinstance(out, str)
    norm = normalise(text)
    assert len(norm.text) == len(norm.lower) == len(norm.origin)
    if not any(c.isalnum() for c in text):
        assert out == text and redact(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a real difference may not show, one or two people can move an average",
            "a real difference may not show, fewer than 5 people can move an average",
        ),
        ("2 to 3 leavers said so", "fewer than 5 leavers said so"),
        ("two to three years later", "two to three years later"),
        ("two or three services", "two or three services"),
    ],
)
def test_a_range_of_small_counts_is_one_small_count(text, expected):
    assert protect_text(text, PUBLIC) == expected


def test_numbers_in_words_in_prose_that_count_no_people_stay():
    text = "The extra cost is shown on two bases; the agency cost is the same rate in both."
    assert protect_text(text, PUBLIC) == text
