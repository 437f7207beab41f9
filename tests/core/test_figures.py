"""Typed figures: which kinds count people, how values are written, and how sentences write
counts of people under the exempt and public policies (by kind, never by the words around)."""

from __future__ import annotations

import pydantic
import pytest

from pipelines.core.disclosure import Policy
from pipelines.core.figures import Figure, Kind, format_value, phrase, phrase_value

PUBLIC = Policy("public", 5)
EXEMPT = Policy("exempt", 5)


def figure(kind: Kind, value: float | None, **extra) -> Figure:
    return Figure(
        key="k",
        label="A figure",
        value=value,
        kind=kind,
        source="S",
        period="P",
        section="10_x",
        **extra,
    )


def test_only_people_and_exit_forms_count_people():
    assert {k for k in Kind if k.counts_people} == {Kind.PEOPLE, Kind.FORMS}


@pytest.mark.parametrize(
    "kind",
    [Kind.POSTS, Kind.FTE, Kind.PERCENT_OF_FTE, Kind.MONEY_PER_YEAR, Kind.RANK, Kind.CASES],
)
def test_posts_fte_money_ranks_and_cases_are_not_counts_of_people(kind):
    assert not kind.counts_people and not kind.from_counts_of_people


def test_shares_means_and_turnover_are_computed_from_counts_of_people():
    assert Kind.PERCENT_OF_PEOPLE.from_counts_of_people
    assert Kind.PEOPLE_PER_100_POSTS.from_counts_of_people
    assert Kind.MEAN_SCORE.from_counts_of_people
    assert Kind.PERCENT_OF_PEOPLE.is_share_of_people
    assert not Kind.PEOPLE_PER_100_POSTS.is_share_of_people


def test_every_kind_has_a_unit_and_percentages_print_as_percent():
    for kind in Kind:
        assert kind.unit
    assert {k for k in Kind if k.is_percentage} == {
        Kind.PERCENT_OF_PEOPLE,
        Kind.PERCENT_OF_POSTS,
        Kind.PERCENT_OF_FTE,
        Kind.PEOPLE_PER_100_POSTS,
        Kind.PERCENT,
    }
    assert Kind.CASES_PER_WORKER.unit == "cases"
    assert Kind.MEAN_SCORE.unit == "average (1 to 5)"


@pytest.mark.parametrize(
    "value, kind, text",
    [
        (23.2142, Kind.PEOPLE_PER_100_POSTS, "23.2%"),
        (34.4, Kind.PERCENT_OF_FTE, "34.4%"),
        (1020000.4, Kind.MONEY_PER_YEAR, "£1,020,000 a year"),
        (17.49, Kind.FTE, "17.5 FTE"),
        (3.2778, Kind.MEAN_SCORE, "3.28"),
        (20.598, Kind.CASES_PER_WORKER, "20.6"),
        (1234, Kind.PEOPLE, "1,234"),
        (None, Kind.PEOPLE, "not available"),
    ],
)
def test_format_value_writes_each_kind_in_its_unit(value, kind, text):
    assert format_value(value, kind) == text


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_public_sentences_hide_small_counts_of_people(n):
    assert phrase(figure(Kind.PEOPLE, n), PUBLIC) == "fewer than 5"
    assert phrase(figure(Kind.FORMS, n), PUBLIC) == "fewer than 5"


@pytest.mark.parametrize("n", [0, 5, 12])
def test_public_sentences_keep_zero_and_counts_at_or_above_the_threshold(n):
    assert phrase(figure(Kind.PEOPLE, n), PUBLIC) == str(n)


@pytest.mark.parametrize(
    "kind, text",
    [
        (Kind.POSTS, "3"),
        (Kind.FTE, "3 FTE"),
        (Kind.RANK, "3"),
        (Kind.PERCENT_OF_PEOPLE, "3.0%"),
        (Kind.MEAN_SCORE, "3.00"),
        (Kind.CASES, "3"),
    ],
)
def test_public_sentences_never_rewrite_numbers_that_are_not_counts_of_people(kind, text):
    assert phrase(figure(kind, 3), PUBLIC) == text


def test_exempt_sentences_and_no_policy_write_every_number():
    assert phrase(figure(Kind.PEOPLE, 3), EXEMPT) == "3"
    assert phrase(figure(Kind.PEOPLE, 3)) == "3"


def test_phrase_can_write_a_figures_count_with_its_own_kind_and_threshold():
    turnover = figure(Kind.PEOPLE, 9, numerator=3.0)
    assert phrase(turnover, Policy("public", 10), value=turnover.numerator) == "fewer than 10"
    assert phrase_value(7, Kind.PEOPLE, Policy("public", 10)) == "fewer than 10"


def test_figures_are_frozen_and_refuse_unknown_fields_and_directions():
    f = figure(Kind.PEOPLE, 3)
    with pytest.raises(pydantic.ValidationError):
        f.value = 4
    with pytest.raises(pydantic.ValidationError):
        figure(Kind.PEOPLE, 3, colour="red")
    with pytest.raises(pydantic.ValidationError):
        figure(Kind.PEOPLE, 3, direction="up")
    assert f.unit == "people" and f.counts_people


def test_phrase_share_never_lets_a_small_rest_be_worked_out():
    from pipelines.core.disclosure import Policy
    from pipelines.core.figures import phrase_share

    public, exempt = Policy("public", 5), Policy("exempt", 5)
    assert phrase_share(11, 13, "leavers", exempt) == "11 of 13 leavers"
    assert phrase_share(11, 13, "leavers", public) == "more than 8 of the 13 leavers"
    assert phrase_share(2, 13, "leavers", public) == "fewer than 5 of the 13 leavers"
    assert phrase_share(3, 4, "leavers", public) == "fewer than 5 leavers"
    assert phrase_share(6, 13, "leavers", public) == "6 of 13 leavers"
    assert phrase_share(13, 13, "leavers", public) == "13 of 13 leavers"


def test_a_sentence_written_under_the_policy_keeps_its_other_numbers_in_public():
    from pipelines.core.disclosure import Policy, protect_text
    from pipelines.core.figures import Sentence

    public = Policy("public", 5)
    plain = "Adult Social Care: 3 of 16 leavers rated pay above 3; call 07700 900123."
    assert "fewer than 5 of 16" in protect_text(plain, public)
    written = protect_text(Sentence(plain), public)
    assert "3 of 16 leavers rated pay above 3" in written
    assert "07700" not in written
