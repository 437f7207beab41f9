"""A band of length of service hidden in one table cannot be worked out from a wider band that
another table publishes (the councillor's and IG officer's reading of 21 September 2016).

The public report showed Children's Social Care's leavers by length of service as "Less than 1
year 8", "Between 1 and 2 years [c]", ..., and the retention chapter printed the same service's
12 leavers with under 2 years' service: 12 - 8 = 4, the hidden count. The tables here are made
in the test, with the numbers of that case and others: the audit must tie the wider band to the
bands it is made of, and protection must hide a second band so the two tables together give
away nothing.
"""

from __future__ import annotations

import pandas as pd
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipelines.core import disclosure, disclosure_audit
from pipelines.core.disclosure_audit import Population, under_years_label
from pipelines.sections.leavers import analysis as lv
from tests.conftest import examples

T = 5
PUBLIC = disclosure.Policy("public", T)
EDGES = [1, 2, 5, 10]
SERVICE = "Children's Social Care"
C = disclosure.SUPPRESSED


def leavers_with(years: list[float], service: str = SERVICE) -> pd.DataFrame:
    """Record-level leavers of one service with these years of service."""
    return pd.DataFrame({"service": service, "years_of_service": years})


def band_table(counts: list[int]) -> pd.DataFrame:
    labels = lv.band_labels(EDGES)
    df = pd.DataFrame({"Length of service": labels, "Leavers": counts})
    total = pd.DataFrame([{"Length of service": "Total", "Leavers": sum(counts)}])
    return pd.concat([df, total], ignore_index=True)


def published_bands(shown: list) -> disclosure_audit.PublishedTable:
    pop = lv.service_length_population(SERVICE, EDGES)
    layout = disclosure_audit.Layout(
        counts=("Leavers",), total_rows=(len(shown) - 1,), populations={"Leavers": pop}
    )
    data = pd.DataFrame({"Length of service": [*lv.band_labels(EDGES), "Total"], "Leavers": shown})
    return disclosure_audit.PublishedTable("bands", data.astype(object), layout)


def test_the_population_names_each_under_n_years_group_by_its_bands():
    pop = lv.service_length_population(SERVICE, EDGES)
    assert pop.bands["Length of service"][under_years_label(2)] == (
        "Less than 1 year",
        "Between 1 and 2 years",
    )
    assert pop.holds("Length of service", "Between 1 and 2 years", "under 2 years")
    assert not pop.holds("Length of service", "Between 2 and 5 years", "under 2 years")
    assert Population.from_json(pop.to_json()) == pop


def test_the_audit_finds_the_band_the_wider_band_gives_away():
    # 8, 4, 8, 3, 3 leavers (26); 12 with under 2 years' service published elsewhere.
    years = [0.5] * 8 + [1.5] * 4 + [3] * 8 + [7] * 3 + [12] * 3
    other = lv.short_service_published(leavers_with(years), [SERVICE], 2, T)
    assert other.data.iloc[0].tolist() == [SERVICE, 12]
    as_printed = published_bands([8, C, 8, C, C, 26])
    found = disclosure_audit.audit([as_printed, other], T)
    ranges = {(r.cell[1], r.cell[2]): (r.low, r.high) for r in found.recoverable}
    assert ranges.get((1, "Leavers")) == (4, 4)  # 12 - 8
    # Alone, the printed table gives nothing away: the three hidden bands share 10.
    assert not disclosure_audit.audit([as_printed], T).recoverable


def test_protection_with_the_wider_band_hides_a_second_band_under_it():
    years = [0.5] * 8 + [1.5] * 4 + [3] * 8 + [7] * 3 + [12] * 3
    other = lv.short_service_published(leavers_with(years), [SERVICE], 2, T)
    pop = lv.service_length_population(SERVICE, EDGES)
    p = disclosure.protect(
        band_table([8, 4, 8, 3, 3]),
        populations={"Leavers": pop},
        prior=[other],
        pol=PUBLIC,
        name="bands",
    )
    shown = p.shown["Leavers"].tolist()
    assert shown[1] == C and shown[0] == C  # 4 hidden, and the 8 that 12 - 8 would give it by
    assert shown[2] == 8 and shown[5] == 26
    assert not disclosure_audit.audit([p.table, other], T).recoverable


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(st.integers(0, 12), min_size=5, max_size=5), st.sampled_from([1, 2, 5, 10]))
def test_no_hidden_band_can_be_worked_out_with_any_wider_band_published(counts, years):
    """Any counts, any "under N years" published: the two tables together reveal nothing.

    Left out: a wider band that holds every leaver (it publishes the table's total), and one
    made only of small bands (its count, published in the other table, is then a sum of small
    counts that no suppression here can hide: the other table's own protection must)."""
    ages = {0: 0.5, 1: 1.5, 2: 3, 3: 7, 4: 12}
    leavers = leavers_with([ages[i] for i, n in enumerate(counts) for _ in range(n)])
    inside = counts[: EDGES.index(years) + 1]
    assume(sum(inside) < sum(counts))
    assume(sum(inside) == 0 or any(n >= T for n in inside))
    other = lv.short_service_published(leavers, [SERVICE], years, T)
    pop = lv.service_length_population(SERVICE, EDGES)
    p = disclosure.protect(
        band_table(counts), populations={"Leavers": pop}, prior=[other], pol=PUBLIC, name="bands"
    )
    assert not disclosure_audit.audit([p.table, other], T).recoverable


def test_the_public_chart_title_names_no_band_only_where_most_leavers_are():
    """ "... the largest groups had served less than 1 year and between 2 and 5 years, as many in
    each" gave the hidden 8 away (the 2 to 5 years band shows 8); the public title says only
    where most of the 26 are: 8 + 4 + 8 = 20 of them had served less than 5 years."""
    years = [0.5] * 8 + [1.5] * 4 + [3] * 8 + [7] * 3 + [12] * 3
    lengths = lv.service_lengths(leavers_with(years), SERVICE, EDGES)
    exempt = lv.service_length_title(lengths, SERVICE)
    public = lv.service_length_title(lengths, SERVICE, public=True)
    assert "as many in each" in exempt
    assert public == f"{SERVICE}: most leavers had served less than 5 years"
    # one band holding most: still named by the span from the shortest service, not the band
    lengths = lv.service_lengths(leavers_with([3] * 20 + [0.5] * 3), SERVICE, EDGES)
    assert lv.service_length_title(lengths, SERVICE, public=True) == (
        f"{SERVICE}: most leavers had served less than 5 years"
    )
