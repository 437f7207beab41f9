"""Who is who: names and codes, joint returns, reorganisations, code changes, the year shown."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.core.errors import ConfigError
from pipelines.datasets.national.resolve import choose_year, resolve_authority


@pytest.mark.parametrize(
    "asked,key",
    [
        ("Sandwell", "333"),
        ("sandwell", "333"),
        ("E08000028", "333"),
        ("333", "333"),
        ("E10000017", "888"),
        ("Lancashire County Council", "888"),
        ("St Helens", "342"),
        ("St. Helens", "342"),
        ("Bristol", "801"),
        ("City of Bristol", "801"),
        ("Bristol, City of", "801"),
        ("Luton", "821"),
        ("E06000032", "821"),
    ],
)
def test_names_and_codes_find_the_authority(national, asked, key):
    assert resolve_authority(national, asked).key == key


@pytest.mark.parametrize(
    "asked",
    [
        "Kingston upon Thames",
        "Richmond upon Thames",
        "314",
        "318",
        "E09000021",
        "E09000027",
        "314 / 318",
    ],
)
def test_kingston_and_richmond_resolve_to_their_joint_return(national, asked):
    la = resolve_authority(national, asked)
    assert la.key == "314 / 318" and la.joint
    assert la.name == "Kingston upon Thames / Richmond upon Thames"


def test_a_council_in_a_joint_return_keeps_its_own_neighbours(national, raw_neighbours):
    richmond = resolve_authority(national, "Richmond upon Thames")
    kingston = resolve_authority(national, "E09000021")
    assert richmond.member == "318" and kingston.member == "314"
    assert richmond.partners == ("Kingston upon Thames",)
    assert national.neighbour_list("318")["neighbour"].tolist() == raw_neighbours["318"]


@pytest.mark.parametrize(
    "asked",
    ["North Northamptonshire", "West Northamptonshire", "940", "941", "E06000061", "E06000062"],
)
def test_north_and_west_northamptonshire_resolve_to_their_joint_return(national, asked):
    la = resolve_authority(national, asked)
    assert la.key == "940 / 941" and la.years[0] == 2021


@pytest.mark.parametrize(
    "old,new,key",
    [
        ("E10000002", "E06000060", "825"),
        ("E10000023", "E06000065", "815"),
        ("E10000027", "E06000066", "933"),
        ("E08000016", "E08000038", "370"),
        ("E08000019", "E08000039", "373"),
    ],
)
def test_old_and_new_ons_codes_find_one_continuous_series(national, old, new, key):
    a, b = resolve_authority(national, old), resolve_authority(national, new)
    assert a.key == b.key == key
    assert a.years == tuple(national.years)
    assert [c for c, _, _ in a.ons_codes] == [old, new]


def test_dorset_means_the_council_created_in_2019_and_names_the_former_one(national):
    la = resolve_authority(national, "Dorset")
    assert la.key == "838" and la.years[0] == 2019
    assert la.same_name and "835" in la.same_name[0]
    assert resolve_authority(national, "835").years == (2017, 2018)


def test_cumbria_is_a_former_authority_with_figures_to_2022(national):
    la = resolve_authority(national, "Cumbria")
    assert la.years[-1] == 2022
    assert resolve_authority(national, "Westmorland & Furness").years[0] == 2023


def test_a_bad_name_lists_close_matches(national):
    with pytest.raises(ConfigError) as err:
        resolve_authority(national, "Sandwel")
    text = str(err.value)
    assert 'No local authority "Sandwel"' in text
    assert "Closest matches: Sandwell (E08000028, DfE 333)" in text
    assert "ONS code" in text and "DfE code" in text


def test_a_partial_name_lists_every_authority_containing_it(national):
    with pytest.raises(ConfigError) as err:
        resolve_authority(national, "Northampton")
    text = str(err.value)
    for name in ("Northamptonshire", "North Northamptonshire", "West Northamptonshire"):
        assert name in text


def test_an_unknown_code_says_so(national):
    with pytest.raises(ConfigError, match='No local authority "E99999999"'):
        resolve_authority(national, "E99999999")


def test_year_defaults_to_the_latest_published_by_the_meeting(national):
    """Time-true: a year counts from the day the DfE published it, not from 30 September."""
    la = resolve_authority(national, "Luton")
    day = national.published(2023)
    assert day is not None and day > dt.date(2023, 9, 30)
    assert choose_year(national, la, meeting=day - dt.timedelta(days=1)) == (2022, [])
    assert choose_year(national, la, meeting=day) == (2023, [])
    # 30 September 2023 itself: the 2023 figures describe that day but were not yet published
    assert choose_year(national, la, meeting=dt.date(2023, 9, 30)) == (2022, [])
    assert choose_year(national, la) == (2025, [])


def test_every_year_in_the_release_has_a_publication_date_after_its_figures(national):
    for year in national.years:
        day = national.published(year)
        assert day is not None, f"config/national.yml releases has no date for {year}"
        assert dt.date(year, 9, 30) < day < dt.date(year + 1, 9, 30), year


def test_a_meeting_before_any_publication_has_no_dfe_figures_without_the_opt_in(national):
    from pipelines.datasets.national.resolve import NotPublishedByMeeting

    with pytest.raises(NotPublishedByMeeting, match="national_later_data"):
        choose_year(national, resolve_authority(national, "Luton"), meeting="2016-11-22")


def test_a_meeting_before_the_first_figures_uses_the_earliest_with_a_caveat_when_opted_in(
    national,
):
    year, caveats = choose_year(
        national, resolve_authority(national, "Luton"), meeting="2016-11-22", later_data=True
    )
    assert year == 2017
    first = national.published(2017)
    assert "22 November 2016" in caveats[0] and "30 September 2017" in caveats[0]
    assert f"{first.day} {first:%B %Y}" in caveats[0] and "after the meeting" in caveats[0]


def test_an_explicit_year_published_after_the_meeting_needs_the_opt_in(national):
    from pipelines.datasets.national.resolve import NotPublishedByMeeting

    la = resolve_authority(national, "Luton")
    with pytest.raises(NotPublishedByMeeting):
        choose_year(national, la, 2019, meeting="2019-01-01")
    year, caveats = choose_year(national, la, 2019, meeting="2019-01-01", later_data=True)
    assert year == 2019 and "published after" in caveats[0].lower()


def test_a_year_without_figures_lists_the_years_that_have_them(national):
    with pytest.raises(ConfigError, match="Years with figures: 2021, 2022, 2023, 2024, 2025"):
        choose_year(national, resolve_authority(national, "North Northamptonshire"), 2019)


def test_a_former_authority_defaults_to_its_last_year_and_says_so(national):
    year, caveats = choose_year(national, resolve_authority(national, "Cumbria"))
    assert year == 2022 and "no figures after 2022" in caveats[0]
