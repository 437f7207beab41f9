"""Markers, joint returns and reorganised authorities, checked one by one."""

from __future__ import annotations

import pytest

from pipelines.core.errors import ConfigError
from pipelines.sections.national import analysis as nat
from pipelines.sections.national import tables as nt
from pipelines.sections.national import words as nw

AGENCY = nat.measure("agency_rate_fte")
TURNOVER = nat.measure("turnover_rate_fte")


def test_low_is_shown_as_less_than_and_never_ranked_as_zero(national):
    req = nat.make_request(national, "Sunderland", 2025)
    comp = nt.comparison_table(national, req).set_index("Measure")
    assert comp.loc[AGENCY.header, "Sunderland"] == "less than 0.05"
    ranks = nt.ranking_table(national, req).set_index("Measure")
    assert ranks.loc[AGENCY.header, "Rank among all authorities"] == "not ranked (less than 0.05)"
    table = nat.rank_all(national, AGENCY, 2025)
    assert table.loc[table["name"] == "Sunderland", "rank"].isna().all()
    ranked = table.dropna(subset=["rank"])
    assert len(ranked) == table["n"].iloc[0] and ranked["value"].notna().all()
    finding = next(f for f in nw.findings(national, req) if f.startswith("Agency worker rate"))
    assert "less than 0.05%" in finding and "not as zero" in finding


def test_a_neighbour_with_a_marker_is_left_out_of_the_median_with_a_note(national):
    sunderland = national.member_unit[
        next(c for c, n in national.member_names.items() if n == "Sunderland")
    ]
    whose = national.neighbours[national.neighbours["neighbour"] == sunderland]["code"]
    req = nat.make_request(national, whose.iloc[0], 2025)
    nv = nat.neighbour_values(national, req, AGENCY)
    row = nv[nv["unit"] == sunderland].iloc[0]
    assert not row["counted"] and row["shown"] == "less than 0.05"
    assert "rounds to zero but is not zero" in row["reason"]
    counted = nv.loc[nv["counted"], "value"]
    med, k, total = nat.neighbour_median(national, req, AGENCY)
    assert k == len(counted) == total - 1 and med == nat.median_1dp(counted)
    assert any(
        n.startswith("Sunderland: left out for agency worker rate")
        for n in nt.neighbour_notes(national, req)
    )


def test_an_authority_with_nothing_published_is_not_ranked_anywhere(national):
    req = nat.make_request(national, "Westminster", 2025)
    ranks = nt.ranking_table(national, req)
    assert set(ranks["Rank among all authorities"]) == {"not ranked (not available)"}
    assert set(ranks["2025 figure"]) == {"not available"}
    assert nw.findings(national, req)[0].startswith("No figures are published for Westminster")
    for m in nat.MEASURES:
        assert "Westminster" not in set(
            nat.rank_all(national, m, 2025).dropna(subset=["rank"])["name"]
        )


def test_not_applicable_and_confidential_keep_their_words(national):
    scilly = nat.make_request(national, "Isles of Scilly", 2025)
    comp = nt.comparison_table(national, scilly).set_index("Measure")
    assert comp.loc[TURNOVER.header, "Isles of Scilly"] == "not applicable"
    old = nat.make_request(national, "North Somerset", 2017)
    absence = nat.measure("absence_rate_fte")
    assert (
        nt.comparison_table(national, old)
        .set_index("Measure")
        .loc[absence.header, "North Somerset"]
        == "confidential"
    )


def test_kingston_counts_richmond_once_as_its_own_return(national):
    req = nat.make_request(national, "Kingston upon Thames", 2025)
    assert any(title == "Joint return" for title, _ in req.caveats)
    nv = nat.neighbour_values(national, req, TURNOVER)
    richmond = nv[nv["name"] == "Richmond upon Thames"].iloc[0]
    assert not richmond["counted"] and richmond["shown"] == "same return as this authority"
    med, k, total = nat.neighbour_median(national, req, TURNOVER)
    assert (k, total) == (9, 10)
    assert nat.rank_all(national, TURNOVER, 2025)["key"].tolist().count("314 / 318") == 1


@pytest.mark.parametrize("code", ["866", "883"])
def test_both_northamptonshires_as_neighbours_count_once(national, code):
    req = nat.make_request(national, code, 2025)
    nv = nat.neighbour_values(national, req, TURNOVER)
    joint = nv[nv["unit"] == "940 / 941"]
    assert len(joint) == 2
    assert joint["counted"].tolist() == [True, False]
    assert joint["shown"].iloc[1] == "counted once"
    assert "counted once" in joint["reason"].iloc[1]
    table = nt.neighbours_table(national, req)
    labels = [a for a in table["Authority"] if "Northamptonshire" in a]
    assert all("joint return with" in a for a in labels)


def test_a_neighbour_created_later_is_left_out_of_earlier_years(national):
    whose = national.neighbours[national.neighbours["neighbour"] == "942"]["code"]
    code = next(c for c in whose if c not in ("942", "943"))
    req = nat.make_request(national, code, 2025)
    before = nat.neighbour_values(national, req, TURNOVER, 2020)
    cumberland = before[before["code"] == "942"].iloc[0]
    assert not cumberland["counted"] and cumberland["shown"] == "no return"
    assert cumberland["reason"] == "no return for 2020: the council was created in April 2023"
    after = nat.neighbour_values(national, req, TURNOVER, 2025)
    assert after[after["code"] == "942"]["counted"].item()
    series = nt.series_table(national, req, TURNOVER).set_index("Year")
    assert series.loc["2020", "Neighbours with a figure"].startswith(
        str(int(before["counted"].sum()))
    )


def test_dorset_series_starts_in_2019_and_notes_the_reorganisation(national):
    req = nat.make_request(national, "Dorset", 2025)
    titles = dict(req.caveats)
    assert "April 2019" in titles["New authority"] and "835" in titles["Same name"]
    series = nt.series_table(national, req, TURNOVER).set_index("Year")
    assert series.loc["2018", "Dorset"] == "no return"
    assert isinstance(series.loc["2019", "Dorset"], float)
    history = nt.rank_history(national, req, TURNOVER).set_index("Year")
    assert history.loc["2019", "Change on previous year"] == "no 2018 return"


def test_cumbria_has_no_neighbours_and_points_to_its_successors(national):
    req = nat.make_request(national, "Cumbria")
    assert req.year == 2022 and not req.neighbours
    notes = dict(req.caveats)
    assert "Cumberland" in notes["Former authority"]
    assert "Westmorland and Furness" in notes["Former authority"]
    assert "No statistical neighbours" in notes
    assert "Statistical neighbours (median)" not in nt.comparison_table(national, req).columns
    series = nt.series_table(national, req, TURNOVER).set_index("Year")
    assert series.loc["2023", "Cumbria"] == "no return"


def test_northamptonshire_before_and_after_2021(national):
    old = nat.make_request(national, "Northamptonshire")
    assert old.year == 2020
    new = nat.make_request(national, "West Northamptonshire", 2021)
    assert "April 2021" in dict(new.caveats)["New authority"]
    assert "Joint return" in dict(new.caveats)


def test_buckinghamshire_series_runs_across_its_code_change(national, raw_rows):
    req = nat.make_request(national, "E06000060", 2025)
    assert "E10000002" in dict(req.caveats)["Code change"]
    series = nt.series_table(national, req, TURNOVER).set_index("Year")
    old = next(
        r for r in raw_rows if r["new_la_code"] == "E10000002" and r["time_period"] == "2017"
    )
    assert series.loc["2017", "Buckinghamshire"] == float(old["turnover_rate_fte"])


def test_comparators_can_be_chosen_and_unknown_ones_are_refused(national):
    req = nat.make_request(national, "Luton", 2025, comparators=["England"])
    assert list(nt.comparison_table(national, req).columns) == ["Measure", "Luton", "England"]
    with pytest.raises(ConfigError, match='Unknown comparator .*"statistical neighbours"'):
        nat.make_request(national, "Luton", 2025, comparators=["Wales"])


def test_la_blank_reads_the_review_la_code(national):
    req = nat.make_request(national, "", 0, review="luton-sw-2016", meeting="2016-11-22")
    assert req.la.name == "Luton" and req.year == 2017
    assert req.caveats[0][0] == "Year shown"
    with pytest.raises(ConfigError, match="Say which local authority"):
        nat.make_request(national, "")
