"""Stock-flow projection: permanent, agency and vacant FTE by quarter at current rates.

The state of a service at a quarter's end is its establishment E (FTE posts), permanent FTE P,
agency FTE A and unfilled FTE U (posts neither filled permanently nor covered by agency), with
P + A + U = E always (FTE is conserved). Vacant FTE, as the DfE and the workforce snapshot count
it, is E - P = A + U. Each quarter, at annual rates measured from the data:

- leavers = P x l / 4 (l: permanent leavers per permanent FTE-year);
- new permanent starters = V x s / 4 (s: starters from outside per vacant FTE-year, V = E - P);
- agency workers appointed to permanent posts = A x c / 4 (c: per agency FTE-year);
- P' = P - leavers + starters + conversions (never below 0 nor above E);
- agency workers cover the same share k of vacant posts as at the start: A' = k x (E - P'),
  U' = (1 - k) x (E - P').

Intervals come from the sampling variation of the three rates: each rate is a Poisson count
over its exposure, redrawn from its Gamma(count + 1/2, exposure) distribution (Jeffreys), and the
projection rerun for each draw; the interval is the 2.5th to 97.5th percentile of the runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Rates:
    """Annual flow rates of one service (per FTE-year of the stock they flow from).

    Attributes
    ----------
    leaving : float
        Permanent leavers (FTE) per permanent FTE-year.
    starting : float
        Permanent starters from outside (FTE) per vacant FTE-year.
    converting : float
        Agency workers appointed to permanent posts (FTE) per agency FTE-year.
    leavers, starters, conversions : float
        The counts (people) the rates are measured from.
    permanent_years, vacant_years, agency_years : float
        Their exposures (FTE-years).

    """

    leaving: float
    starting: float
    converting: float
    leavers: float = 0.0
    starters: float = 0.0
    conversions: float = 0.0
    permanent_years: float = 1.0
    vacant_years: float = 1.0
    agency_years: float = 1.0


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


def step(state: State, rates: Rates, cover: float) -> tuple[State, dict[str, float]]:
    """One quarter of the stock-flow model (see the module's description).

    Returns the state at the quarter's end and its flows (FTE): ``leavers``, ``starters``,
    ``conversions``.
    """
    p, a, e = state.permanent, state.agency, state.establishment
    leavers = p * rates.leaving / 4
    starters = max(e - p, 0.0) * rates.starting / 4
    conversions = a * rates.converting / 4
    new_p = min(max(p - leavers + starters + conversions, 0.0), e)
    new_a = cover * (e - new_p)
    flows = {"leavers": leavers, "starters": starters, "conversions": conversions}
    return State(e, new_p, new_a), flows


def project(start: State, rates: Rates, quarters: int = 8) -> pd.DataFrame:
    """The state at the start and at the end of each of ``quarters`` quarters.

    Returns
    -------
    DataFrame
        Columns quarter (0 = start), establishment, permanent, agency, vacant, unfilled (FTE)
        and the quarter's flows leavers, starters, conversions (0 at the start).

    """
    cover = cover_share(start)
    state = start
    rows = [_row(0, state, {"leavers": 0.0, "starters": 0.0, "conversions": 0.0})]
    for q in range(1, quarters + 1):
        state, flows = step(state, rates, cover)
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
    start: State, rates: Rates, quarters: int = 8, draws: int = 2000, seed: int = 20160921
) -> pd.DataFrame:
    """95% intervals of permanent and agency FTE from the rates' sampling variation.

    Each rate is redrawn as Gamma(count + 1/2, 1) / exposure (the Jeffreys interval of a Poisson
    rate), the projection rerun, and the 2.5th and 97.5th percentiles taken by quarter.

    Returns
    -------
    DataFrame
        Columns quarter, permanent_low, permanent_high, agency_low, agency_high (FTE).

    """
    rng = np.random.default_rng(seed)
    runs_p = np.empty((draws, quarters + 1))
    runs_a = np.empty((draws, quarters + 1))
    for i in range(draws):
        r = replace(
            rates,
            leaving=rng.gamma(rates.leavers + 0.5) / rates.permanent_years
            if rates.permanent_years
            else 0.0,
            starting=rng.gamma(rates.starters + 0.5) / rates.vacant_years
            if rates.vacant_years
            else 0.0,
            converting=rng.gamma(rates.conversions + 0.5) / rates.agency_years
            if rates.agency_years
            else 0.0,
        )
        run = project(start, r, quarters)
        runs_p[i] = run["permanent"].to_numpy()
        runs_a[i] = run["agency"].to_numpy()
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
    spells: pd.DataFrame,
    service: str,
    start: State,
    window_start: pd.Timestamp,
    as_at: pd.Timestamp,
) -> Rates:
    """The service's flow rates from the people observed in the window (FTE-weighted).

    - leaving = FTE of leavers in the window / permanent FTE-years in the window (each person's
      FTE x the years they were in post within it);
    - starting = FTE of starters in the window who did not come from the council's agency /
      (vacant FTE at the snapshot x the window's length in years);
    - converting = FTE of starters in the window appointed from agency / (agency FTE at the
      snapshot x the window's length).

    The vacant and agency FTE-years assume the snapshot's vacant and agency FTE held through the
    window (the data hold them at one date). Counts (people) are kept for the intervals.
    """
    window_start, as_at = pd.Timestamp(window_start), pd.Timestamp(as_at)
    years = (as_at - window_start).days / 365.25
    mine = spells[spells["service"] == service]
    exposure = float(((mine["duration"] - mine["entry"]) * mine["fte"]).sum())
    left = mine[mine["event"] == 1]
    started = mine[mine["start_date"] >= window_start]
    outside = started[~started["from_agency"]]
    converted = started[started["from_agency"]]
    vacant_years = max(start.vacant, 0.0) * years
    agency_years = max(start.agency, 0.0) * years
    return Rates(
        leaving=float(left["fte"].sum()) / exposure if exposure else 0.0,
        starting=float(outside["fte"].sum()) / vacant_years if vacant_years else 0.0,
        converting=float(converted["fte"].sum()) / agency_years if agency_years else 0.0,
        leavers=float(len(left)),
        starters=float(len(outside)),
        conversions=float(len(converted)),
        permanent_years=exposure / max(float(left["fte"].mean()), 1e-9) if len(left) else exposure,
        vacant_years=vacant_years / max(float(outside["fte"].mean()), 1e-9)
        if len(outside)
        else vacant_years,
        agency_years=agency_years / max(float(converted["fte"].mean()), 1e-9)
        if len(converted)
        else agency_years,
    )


def quarter_ends(as_at: pd.Timestamp, quarters: int = 8) -> list[pd.Timestamp]:
    """The snapshot date and the end of each following quarter (3 calendar months on)."""
    as_at = pd.Timestamp(as_at)
    return [as_at + pd.DateOffset(months=3 * q) for q in range(quarters + 1)]


def scenario_start(
    start: State,
    convert: float = 0.0,
    extra_posts: float = 0.0,
) -> State:
    """The starting state of a scenario.

    ``convert`` agency FTE made permanent at once (at most the agency FTE); ``extra_posts``
    FTE added to the establishment (vacant at the start; agency then covers them at the
    service's cover share, once the projection starts).
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
        "Each quarter, leavers = permanent FTE x the annual leaving rate / 4; starters = vacant "
        "FTE x the annual starting rate / 4; agency workers appointed = agency FTE x the annual "
        "conversion rate / 4.",
        "Agency workers cover the same share of vacant posts as at the snapshot date.",
        "The establishment does not change, except where a scenario changes it.",
        "Vacant and agency FTE over the window are taken as at the snapshot date (the data hold "
        "them at one date).",
        "Intervals show the sampling variation of the three rates only, not the chance that the "
        "rates themselves change.",
    ]
