"""Stock-flow projection: permanent, agency and vacant FTE by quarter at current rates.

The state of a service at a quarter's end is its establishment E (FTE posts), permanent FTE P,
agency FTE A and unfilled FTE U (posts neither filled permanently nor covered by agency), with
P + A + U = E always (FTE is conserved). Vacant FTE, as the DfE and the workforce snapshot count
it, is E - P = A + U. Each quarter (t years long: 1/4, except the first, from the snapshot
date to the first calendar quarter end, which is shorter), at the annual rates measured from
the data:

- leavers = P x l x t (l: permanent leavers per permanent FTE-year);
- new permanent starters from outside = S x t (S: starters a year, FTE), at most the posts
  left vacant after the leavers;
- agency workers appointed to permanent posts = C x t (C: a year, FTE), at most the agency FTE
  and the posts still vacant;
- P' = P - leavers + starters + appointments;
- agency workers cover a fixed share k of vacant posts (the share at the snapshot date unless a
  scenario sets it): the agency workers still there after the appointments (A - appointments)
  are topped up (agency engaged) or cut (agency released) to k x (E - P'), so
  A' = A - appointments + engaged - released and U' = E - P' - A'.

Intervals come from the sampling variation of the three rates: each is a Poisson count over its
exposure, redrawn from Gamma(count + 1/2, 1) / exposure (the Jeffreys interval of a Poisson
rate), and the projection rerun for each draw; the interval is the 2.5th to 97.5th percentile.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Rates:
    """Annual flows of one service.

    Attributes
    ----------
    leaving : float
        Permanent leavers (FTE) per permanent FTE-year.
    starting : float
        Permanent starters from outside the council's agency workers, FTE a year.
    converting : float
        Agency workers appointed to permanent posts, FTE a year.
    leavers, starters, conversions : float
        The counts (people) the rates are measured from.
    exposure : float
        Permanent person-years observed (the leaving rate's denominator, in people).
    years : float
        Length of the window the starters and appointments were counted over, years.
    starter_fte, conversion_fte : float
        Mean FTE of a starter and of an appointment (people -> FTE).

    """

    leaving: float
    starting: float
    converting: float
    leavers: float = 0.0
    starters: float = 0.0
    conversions: float = 0.0
    exposure: float = 1.0
    years: float = 1.0
    starter_fte: float = 1.0
    conversion_fte: float = 1.0


@dataclass(frozen=True)
class State:
    """FTE of one service at one date: establishment, permanent, agency; unfilled = the rest."""

    establishment: float
    permanent: float
    agency: float

    @property
    def vacant(self) -> float:
        """Posts without a permanent holder (E - P), covered by agency or not."""
        return self.establishment - self.permanent

    @property
    def unfilled(self) -> float:
        """Posts neither filled permanently nor covered by agency (E - P - A)."""
        return self.establishment - self.permanent - self.agency


def cover_share(state: State) -> float:
    """Share of vacant FTE covered by agency (A / (E - P)), at most 1; 0 with no vacancy."""
    if state.vacant <= 0:
        return 0.0
    return min(1.0, max(0.0, state.agency / state.vacant))


#: The flows of a quarter (FTE), in the order of the projection's columns.
FLOWS = ("leavers", "starters", "conversions", "agency_engaged", "agency_released")


def step(
    state: State, rates: Rates, cover: float, years: float = 0.25
) -> tuple[State, dict[str, float]]:
    """One quarter (``years`` long) of the stock-flow model (see the module's description).

    Returns the state at the quarter's end and its flows (FTE): ``leavers``, ``starters``,
    ``conversions`` (permanent: P' = P - leavers + starters + conversions) and
    ``agency_engaged``, ``agency_released`` (agency: A' = A - conversions + engaged - released).
    """
    p, a, e = state.permanent, state.agency, state.establishment
    leavers = p * rates.leaving * years
    after = p - leavers
    starters = min(rates.starting * years, max(e - after, 0.0))
    conversions = min(rates.converting * years, a, max(e - after - starters, 0.0))
    new_p = after + starters + conversions
    staying = a - conversions
    target = cover * max(e - new_p, 0.0)
    engaged, released = max(target - staying, 0.0), max(staying - target, 0.0)
    flows = {
        "leavers": leavers,
        "starters": starters,
        "conversions": conversions,
        "agency_engaged": engaged,
        "agency_released": released,
    }
    return State(e, new_p, staying + engaged - released), flows


def project(
    start: State,
    rates: Rates,
    quarters: int = 8,
    cover: float | None = None,
    lengths: Sequence[float] | None = None,
):
    """The state at the start and at the end of each of ``quarters`` quarters.

    ``cover`` is the share of vacant posts agency covers (default: the start's,
    :func:`cover_share`); ``lengths`` the length of each quarter in years (default 1/4 each;
    :func:`quarter_lengths` for calendar quarters after a snapshot date).

    Returns
    -------
    DataFrame
        Columns quarter (0 = start), establishment, permanent, agency, vacant, unfilled (FTE)
        and the quarter's flows (:data:`FLOWS`, FTE; 0 at the start).

    """
    k = cover_share(start) if cover is None else min(max(cover, 0.0), 1.0)
    lengths = [0.25] * quarters if lengths is None else list(lengths)
    if len(lengths) != quarters:
        raise ValueError(f"{quarters} quarters need {quarters} lengths, not {len(lengths)}")
    state = start
    rows = [_row(0, state, dict.fromkeys(FLOWS, 0.0))]
    for q in range(1, quarters + 1):
        state, flows = step(state, rates, k, lengths[q - 1])
        rows.append(_row(q, state, flows))
    return pd.DataFrame(rows)


def _row(q: int, s: State, flows: dict[str, float]) -> dict[str, float]:
    return {
        "quarter": q,
        "establishment": s.establishment,
        "permanent": s.permanent,
        "agency": s.agency,
        "vacant": s.vacant,
        "unfilled": s.unfilled,
        **flows,
    }


def intervals(
    start: State,
    rates: Rates,
    quarters: int = 8,
    draws: int = 2000,
    seed: int = 20160921,
    lengths: Sequence[float] | None = None,
) -> pd.DataFrame:
    """95% intervals of permanent and agency FTE from the rates' sampling variation.

    Leaving: Gamma(leavers + 1/2, 1) / exposure; starters and appointments a year:
    Gamma(count + 1/2, 1) / years x mean FTE (Jeffreys intervals of Poisson rates). The
    projection is rerun for each draw and the 2.5th and 97.5th percentiles taken by quarter.

    Returns
    -------
    DataFrame
        Columns quarter, permanent_low, permanent_high, agency_low, agency_high (FTE).

    """
    rng = np.random.default_rng(seed)
    runs_p = np.empty((draws, quarters + 1))
    runs_a = np.empty((draws, quarters + 1))
    cover = min(max(cover_share(start), 0.0), 1.0)  # as project() takes it
    lengths = [0.25] * quarters if lengths is None else list(lengths)
    if len(lengths) != quarters:
        raise ValueError(f"{quarters} quarters need {quarters} lengths, not {len(lengths)}")
    for i in range(draws):
        r = replace(
            rates,
            leaving=rng.gamma(rates.leavers + 0.5) / rates.exposure if rates.exposure else 0.0,
            starting=rng.gamma(rates.starters + 0.5) / rates.years * rates.starter_fte,
            converting=rng.gamma(rates.conversions + 0.5) / rates.years * rates.conversion_fte,
        )
        # project()'s quarters, without a table per draw: the same steps, the same numbers
        state = start
        runs_p[i, 0], runs_a[i, 0] = state.permanent, state.agency
        for q in range(1, quarters + 1):
            state, _ = step(state, r, cover, lengths[q - 1])
            runs_p[i, q], runs_a[i, q] = state.permanent, state.agency
    return pd.DataFrame(
        {
            "quarter": range(quarters + 1),
            "permanent_low": np.percentile(runs_p, 2.5, axis=0),
            "permanent_high": np.percentile(runs_p, 97.5, axis=0),
            "agency_low": np.percentile(runs_a, 2.5, axis=0),
            "agency_high": np.percentile(runs_a, 97.5, axis=0),
        }
    )


def measure_rates(
    spells: pd.DataFrame, service: str, window_start: pd.Timestamp, as_at: pd.Timestamp
) -> Rates:
    """The service's flow rates from the people observed in the window.

    - leaving = FTE of leavers in the window / permanent FTE-years in the window (each person's
      FTE x the years they were in post within it);
    - starting = FTE of the people who started in the window, not from the council's agency
      workers, / the window's length in years (FTE a year);
    - converting = FTE of those who started in the window from its agency workers / the
      window's length (FTE a year).
    """
    window_start, as_at = pd.Timestamp(window_start), pd.Timestamp(as_at)
    years = (as_at - window_start).days / 365.25
    mine = spells[spells["service"] == service]
    observed = mine["duration"] - mine["entry"]
    fte_years = float((observed * mine["fte"]).sum())
    left = mine[mine["event"] == 1]
    started = mine[mine["start_date"] >= window_start]
    outside = started[~started["from_agency"].astype(bool)]
    converted = started[started["from_agency"].astype(bool)]
    return Rates(
        leaving=float(left["fte"].sum()) / fte_years if fte_years else 0.0,
        starting=float(outside["fte"].sum()) / years if years else 0.0,
        converting=float(converted["fte"].sum()) / years if years else 0.0,
        leavers=float(len(left)),
        starters=float(len(outside)),
        conversions=float(len(converted)),
        exposure=fte_years / float(left["fte"].mean()) if len(left) else float(observed.sum()),
        years=years,
        starter_fte=float(outside["fte"].mean()) if len(outside) else 1.0,
        conversion_fte=float(converted["fte"].mean()) if len(converted) else 1.0,
    )


def quarter_ends(as_at: pd.Timestamp, quarters: int = 8) -> list[pd.Timestamp]:
    """The snapshot date and the next ``quarters`` calendar quarter ends after it.

    Quarter ends are 31 March, 30 June, 30 September and 31 December; a snapshot taken on a
    quarter end is followed by the next one.
    """
    as_at = pd.Timestamp(as_at).normalize()
    ends = [as_at]
    for _ in range(quarters):
        ends.append(ends[-1] + pd.offsets.QuarterEnd(startingMonth=3))
    return ends


def quarter_lengths(ends: Sequence[pd.Timestamp]) -> list[float]:
    """Length in years (days / 365.25) of each quarter between consecutive ``ends``."""
    return [(b - a).days / 365.25 for a, b in zip(ends, ends[1:], strict=False)]


def scenario_start(start: State, convert: float = 0.0, extra_posts: float = 0.0) -> State:
    """The starting state of a scenario.

    ``convert`` agency FTE made permanent at once (at most the agency FTE): P + n, A - n;
    ``extra_posts`` FTE added to the establishment, vacant at the start (project the scenario
    with the baseline's cover share, so agency covers them as it covers other vacancies).
    """
    n = min(max(convert, 0.0), start.agency)
    return State(start.establishment + extra_posts, start.permanent + n, start.agency - n)


def annual_cost_difference(
    scenario: pd.DataFrame,
    baseline: pd.DataFrame,
    agency_cost: float,
    permanent_cost: float,
    last: int = 4,
    direct: float = 0.0,
) -> float:
    """Cost a year of a scenario over the baseline, in pounds (positive = costs more).

    Over the last ``last`` quarters of the projection: (mean agency FTE difference) x agency
    cost a year per FTE + (mean permanent FTE difference) x permanent cost a year per FTE +
    ``direct`` (pounds a year the scenario adds or, negative, saves directly, such as a
    supplement no longer paid).
    """
    tail_s, tail_b = scenario.tail(last), baseline.tail(last)
    d_agency = float(tail_s["agency"].mean() - tail_b["agency"].mean())
    d_perm = float(tail_s["permanent"].mean() - tail_b["permanent"].mean())
    return d_agency * agency_cost + d_perm * permanent_cost + direct


def conserved(table: pd.DataFrame, tol: float = 1e-9) -> bool:
    """True when permanent + agency + unfilled = establishment in every row (FTE)."""
    total = table["permanent"] + table["agency"] + table["unfilled"]
    return bool(np.all(np.abs(total - table["establishment"]) <= tol))


def assumptions(years: Sequence[str]) -> list[str]:
    """The projection's assumptions in words (``years``: the window, as text)."""
    window = years[0] if years else "the review period"
    return [
        f"Leaving, starting and agency-conversion rates stay at the rates measured over {window}.",
        "Each quarter, leavers = permanent FTE x a quarter of the annual leaving rate; a quarter "
        "of the year's starters and of the year's appointments from agency join, as long as "
        "there are vacant posts (the first quarter, from the snapshot date to the first "
        "calendar quarter end, takes the part of a quarter it lasts).",
        "Agency workers cover the same share of vacant posts as at the snapshot date.",
        "The establishment does not change, except where a scenario changes it.",
        "The permanent, agency and vacant FTE at the snapshot date are the council's own, "
        "from the HR snapshot, the one date the data hold them; every figure at a later date "
        "is projected.",
        "Intervals show the sampling variation of the three rates only, not the chance that the "
        "rates themselves change.",
    ]


def rates_caption(
    starters_from_recruitment: bool,
    as_at: pd.Timestamp | None = None,
    end: pd.Timestamp | None = None,
) -> str:
    """The caption of the table of flows the projection uses.

    Its leavers are counted up to ``as_at``, the date staff in post were counted (the rates are
    measured against them); when the review period ``end``s later, it says so, since the
    leavers tables count the whole period and so can count more (25 here, 26 there).
    When its starters come from the recruitment system, it says where its agency workers
    appointed come from: the HR records (staff who came from agency work and started in the
    window), while the recruitment tables count an agency conversion campaign's applications
    in post, so the two numbers can differ (2 appointed beside a campaign's 3 in post).
    """
    caption = "Flows measured from the data, the rates the projection uses."
    if as_at is not None and end is not None and pd.Timestamp(as_at) < pd.Timestamp(end):
        caption += (
            f" Leavers are counted to {pd.Timestamp(as_at):%-d %B %Y}, the date staff in post "
            f"were counted; the leavers tables count to {pd.Timestamp(end):%-d %B %Y}, so they "
            "can count more."
        )
    if not starters_from_recruitment:
        return caption.removesuffix(".")
    return (
        f"{caption} Agency workers appointed are counted from the HR records: staff who came "
        "from agency work and started in the period. The recruitment tables count the "
        "applications to an agency conversion campaign, so their number in post can differ"
    )


#: The flows a projection rests on, by the rates table's count columns, in words.
FLOW_COUNTS = {
    "leavers": "leavers",
    "starters": "starters from outside",
    "conversions": "agency workers appointed",
}


def small_flows(counts: dict[str, float], threshold: int) -> list[str]:
    """The flows (:data:`FLOW_COUNTS` words) of one group counted from 1 to ``threshold`` - 1.

    A projection carries its flows forward: its point values and, with the published seed, its
    interval give back the counts of people they were measured from (3 starters from outside
    a year, 0 appointed from agency, read back from "34 to 41.5 agency FTE"). A count of 0 or
    of at least the threshold is one a public table may show; a count between is not, so a
    projection resting on one is not public either (:func:`withheld_sentence`).
    """
    return [
        words
        for column, words in FLOW_COUNTS.items()
        if 0 < float(counts.get(column, 0) or 0) < threshold
    ]


def withheld_sentence(groups: Sequence[str]) -> str:
    """The one public sentence for the groups whose projection rests on small numbers."""
    names = list(groups)
    said = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    what = "projection" if len(names) == 1 else "projections"
    rests = "rests" if len(names) == 1 else "rest"
    return (
        f"The {what} for {said} {rests} on small numbers of people joining or leaving, "
        "so it is in the exempt appendix only."
        if len(names) == 1
        else f"The {what} for {said} {rests} on small numbers of people joining or leaving, "
        "so they are in the exempt appendix only."
    )
