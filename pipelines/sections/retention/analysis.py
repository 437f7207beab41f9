"""Retention curves: how long starters stay, from staff in post and leavers (Kaplan-Meier).

The data are everyone employed at some time in an *observation window* (from the start of the
review period to the workforce snapshot date): the leavers of the window (an event at their
leaving date) and the staff in post at the snapshot date (censored there). People who started
and left before the window are in neither file, so each person is observed only from the later
of their start date and the window's start: *delayed entry* (left truncation). The Kaplan-Meier
estimator with delayed entry counts a person in the risk set at length of service t only when
``entry < t <= duration``; without it the estimate would be biased upwards (long-serving staff
who survived to the window would count as if they had been followed from their start).

Times are lengths of service in years of 365.25 days. Estimates, confidence intervals (95%,
exponential Greenwood, "log(-log)") and medians come from ``lifelines``; the log-rank test with
delayed entry is computed here (:func:`logrank`), since ``lifelines``' test has no entry times.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

DAYS_PER_YEAR = 365.25
#: Labels of the newly-qualified comparison.
NEWLY_QUALIFIED = "Newly qualified on joining"
EXPERIENCED = "Experienced on joining"
NOT_KNOWN = "Not known"


def years_between(start: pd.Series, end: pd.Series | pd.Timestamp) -> pd.Series:
    """Length of time from ``start`` to ``end`` in years (days / 365.25)."""
    return (pd.to_datetime(end) - pd.to_datetime(start)).dt.days / DAYS_PER_YEAR


def spells(
    staff: pd.DataFrame,
    leavers: pd.DataFrame,
    window_start: pd.Timestamp,
    as_at: pd.Timestamp,
    qualifications: pd.DataFrame | None = None,
    newly_qualified_months: float = 12.0,
) -> pd.DataFrame:
    """One row per person observed in the window, ready for survival analysis.

    Parameters
    ----------
    staff : DataFrame
        Tidy ``staff_in_post`` (employee_ref, service, job_title, fte, start_date,
        date_qualified, from_agency).
    leavers : DataFrame
        Tidy ``leavers`` (employee_ref, service, job_title, fte, service_start_date,
        leaving_date).
    window_start, as_at : Timestamp
        The observation window: leavers who left in it are events; staff in post at ``as_at``
        are censored there. Leavers who left after ``as_at`` were in post at it: censored at
        ``as_at`` (once: dropped when the staff in post list them too). Leavers before the
        window are outside it.
    qualifications : DataFrame, optional
        Tidy ``leaver_qualifications`` (employee_ref, date_qualified) for the leavers.
    newly_qualified_months : float
        Joined newly qualified = started within this many months of qualifying.

    Returns
    -------
    DataFrame
        Columns employee_ref, service, job_title, fte, start_date, end_date, duration (years
        from start to leaving or to ``as_at``), entry (years from start to the window's start,
        0 when they started in it), event (1 left, 0 still in post), from_agency (bool),
        start_year, experience (:data:`NEWLY_QUALIFIED`, :data:`EXPERIENCED` or
        :data:`NOT_KNOWN`). Rows with duration <= entry (no time observed) are dropped.

    """
    window_start, as_at = pd.Timestamp(window_start), pd.Timestamp(as_at)
    s = pd.DataFrame(
        {
            "employee_ref": staff["employee_ref"].astype(str),
            "service": staff["service"],
            "job_title": staff["job_title"],
            "fte": staff["fte"].astype(float),
            "start_date": pd.to_datetime(staff["start_date"]),
            "end_date": as_at,
            "event": 0,
            "from_agency": staff.get("from_agency", pd.Series(False, index=staff.index))
            .fillna(False)
            .astype(bool),
            "date_qualified": pd.to_datetime(
                staff.get("date_qualified", pd.Series(pd.NaT, index=staff.index))
            ),
        }
    )
    lv = leavers[pd.to_datetime(leavers["leaving_date"]) >= window_start].copy()
    lv["employee_ref"] = lv["employee_ref"].astype(str)
    after = pd.to_datetime(lv["leaving_date"]) > as_at
    lv = lv[~(after & lv["employee_ref"].isin(set(s["employee_ref"])))]
    after = pd.to_datetime(lv["leaving_date"]) > as_at
    quals = (
        qualifications.assign(employee_ref=qualifications["employee_ref"].astype(str))
        .drop_duplicates("employee_ref")
        .set_index("employee_ref")["date_qualified"]
        if qualifications is not None and len(qualifications)
        else pd.Series(dtype="datetime64[ns]")
    )
    left = pd.DataFrame(
        {
            "employee_ref": lv["employee_ref"],
            "service": lv["service"],
            "job_title": lv["job_title"],
            "fte": lv["fte"].astype(float),
            "start_date": pd.to_datetime(lv["service_start_date"]),
            "end_date": pd.to_datetime(lv["leaving_date"]).where(~after, as_at),
            "event": (~after).astype(int),
            "from_agency": False,
            "date_qualified": pd.to_datetime(lv["employee_ref"].map(quals)),
        }
    )
    out = pd.concat([s, left], ignore_index=True)
    out = out[out["start_date"] <= as_at]
    out["duration"] = years_between(out["start_date"], out["end_date"])
    # Observed from the start of the window's first day: a leaver on that day left in the
    # window (the leavers section counts them), so has time observed in it.
    opened = window_start - pd.Timedelta(days=1)
    out["entry"] = years_between(out["start_date"], opened).clip(lower=0)
    out = out[out["duration"] > out["entry"]].copy()
    out["start_year"] = out["start_date"].dt.year
    gap = (out["start_date"] - out["date_qualified"]).dt.days / DAYS_PER_YEAR * 12
    out["experience"] = np.where(
        out["date_qualified"].isna(),
        NOT_KNOWN,
        np.where(gap <= newly_qualified_months, NEWLY_QUALIFIED, EXPERIENCED),
    )
    return out.drop(columns="date_qualified").reset_index(drop=True)


Z95 = 1.959963984540054  # standard normal 97.5th percentile


class ProductLimit:
    """The Kaplan-Meier estimator with delayed entry, written out (same attributes as lifelines).

    At each leaving time t: n people at risk (``entry < t <= duration``), d leaving;
    S(t) = product of (1 - d / n); Greenwood's variance of log S: sum of d / (n (n - d));
    95% interval S ** exp(+-1.96 x sqrt(var) / |log S|) (exponential Greenwood, "log(-log)",
    as lifelines computes it); median = first t with S(t) <= 1/2. Used when lifelines refuses a
    group because, at some length of service, no one was in its risk set (people censored before
    the next person entered): the estimator is still defined at every leaving time, since the
    person who leaves is at risk then. Tests check it equals lifelines wherever lifelines fits.

    Attributes
    ----------
    survival_function_, confidence_interval_survival_function_ : DataFrame
        Indexed by time (0 and each leaving time): S, and its lower and upper limits.
    event_table : DataFrame
        Indexed by leaving time: ``observed`` (d), ``at_risk`` (n).
    median_survival_time_ : float
        inf when S never falls to one half.

    """

    def __init__(self, group: pd.DataFrame, label: str = "all") -> None:
        dur = group["duration"].to_numpy(dtype=float)
        ent = group["entry"].to_numpy(dtype=float)
        ev = group["event"].to_numpy(dtype=int)
        times = np.unique(dur[ev == 1])
        s, var = 1.0, 0.0
        rows = [(0.0, 1.0, 1.0, 1.0, 0, 0)]
        for t in times:
            n = int(((ent < t) & (dur >= t)).sum())
            d = int(((dur == t) & (ev == 1)).sum())
            s *= 1 - d / n
            var = var + d / (n * (n - d)) if n > d else math.inf
            if 0 < s < 1 and math.isfinite(var):
                w = Z95 * math.sqrt(var) / abs(math.log(s))
                low, high = s ** math.exp(w), s ** math.exp(-w)
            else:
                low = high = s
            rows.append((float(t), s, low, high, d, n))
        table = pd.DataFrame(rows, columns=["t", "s", "low", "high", "observed", "at_risk"])
        table = table.set_index("t")
        self.survival_function_ = table[["s"]].rename(columns={"s": label})
        self.confidence_interval_survival_function_ = table[["low", "high"]]
        self.event_table = table.loc[table.index > 0, ["observed", "at_risk"]]
        below = table.index[table["s"] <= 0.5]
        self.median_survival_time_ = float(below[0]) if len(below) else math.inf


def fit(group: pd.DataFrame, label: str = "all"):
    """A Kaplan-Meier fit with delayed entry (95% log(-log) intervals).

    lifelines' ``KaplanMeierFitter``; where lifelines refuses the group (its risk set empties at
    some length of service), the same estimator written out (:class:`ProductLimit`).
    """
    from lifelines import KaplanMeierFitter
    from lifelines.exceptions import StatError

    kmf = KaplanMeierFitter(alpha=0.05)
    try:
        return kmf.fit(group["duration"], group["event"], entry=group["entry"], label=label)
    except StatError:
        return ProductLimit(group, label)


def _at(frame: pd.DataFrame, t: float) -> float:
    """The value of a step function (index = times) at time ``t`` (right-continuous)."""
    before = frame.loc[frame.index <= t]
    return float(before.iloc[-1, 0]) if len(before) else 1.0


def at_risk(group: pd.DataFrame, t: float) -> int:
    """People observed at length of service ``t`` years: ``entry < t <= duration``."""
    return int(((group["entry"] < t) & (group["duration"] >= t)).sum())


def estimate_at(
    kmf, t: float, group: pd.DataFrame | None = None, min_at_risk: int = 1
) -> tuple[float, float, float]:
    """Share still in post at ``t`` years, and its 95% interval (each 0 to 1).

    With ``group`` (the data fitted), NaN when fewer than ``min_at_risk`` people of it (at
    least one) were observed at ``t`` (everyone started before the window and had served
    longer than ``t`` when it opened, or left or was still in post before ``t``; or too few
    starters are still followed at ``t``, the rule the curves' yearly points follow): the data
    say nothing, or too little, about that length of service; and the interval NaN when no one
    in it had left by ``t``.
    """
    nan = float("nan")
    if group is not None and t > 0 and at_risk(group, t) < max(min_at_risk, 1):
        return nan, nan, nan
    ci = kmf.confidence_interval_survival_function_
    est = _at(kmf.survival_function_, t)
    if group is not None and not ((group["event"] == 1) & (group["duration"] <= t)).any():
        # no one left by t: the estimate is 100% and Greenwood's interval has no width; it is
        # not an interval of anything, so it is left out
        return est, nan, nan
    return est, _at(ci.iloc[:, [0]], t), _at(ci.iloc[:, [1]], t)


def median_years(kmf) -> float:
    """Median time in post (years): first time the share falls to one half; NaN if not reached."""
    m = float(kmf.median_survival_time_)
    return m if math.isfinite(m) else float("nan")


def groups_of(data: pd.DataFrame, by: str, min_people: int, min_leavers: int) -> pd.Series:
    """The group of each person for a comparison, small groups merged or withheld.

    A group with fewer than ``min_people`` people or fewer than ``min_leavers`` leavers is too
    small to show (its curve could reveal a few people's leaving dates). Start-year groups are
    merged with the next earlier year until large enough ("2012 or earlier"); other groups
    (services, experience) are withheld (None). ``Not known`` experience is always withheld.
    """
    values = data[by]
    if by == "start_year":
        years = sorted(values.unique(), reverse=True)
        labels: dict[int, str | None] = {}
        pending: list[int] = []
        for y in years:
            pending.append(y)
            mask = values.isin(pending)
            if mask.sum() >= min_people and data.loc[mask, "event"].sum() >= min_leavers:
                lo, hi = min(pending), max(pending)
                label = str(hi) if lo == hi else f"{lo} to {hi}"
                labels.update(dict.fromkeys(pending, label))
                pending = []
        if pending:
            # the earliest years are too few on their own: join the last group made
            done = [y for y in years if y not in pending]
            if done:
                last = min(done)
                group = [y for y in done if labels[y] == labels[last]] + pending
                label = f"{max(group)} or earlier"
                labels.update(dict.fromkeys(group, label))
            else:
                labels.update(dict.fromkeys(pending, None))
        return values.map(labels)
    sizes = data.groupby(by)["event"].agg(["size", "sum"])
    ok = sizes[(sizes["size"] >= min_people) & (sizes["sum"] >= min_leavers)].index
    ok = [g for g in ok if g != NOT_KNOWN]
    return values.where(values.isin(ok), None)


def summary(
    data: pd.DataFrame,
    groups: pd.Series,
    points: Sequence[float] = (1.0, 2.0),
    min_at_risk: int = 1,
) -> pd.DataFrame:
    """Share still in post at ``points`` years, with 95% intervals, for each group.

    A point at which fewer than ``min_at_risk`` people of a group are still followed is NaN
    (:func:`estimate_at`): too few followed to say, never a share of 100% ("0.0% leave").

    Returns
    -------
    DataFrame
        Columns group, people (observed in the window), leavers (events), then for each point
        p: ``in_post_<p>y``, ``low_<p>y``, ``high_<p>y`` (percentages, 0 to 100), and
        ``median_years`` (NaN when not reached). Groups in the order first seen when sorted.

    """
    rows = []
    for g in sorted(groups.dropna().unique(), key=str):
        part = data[groups == g]
        kmf = fit(part, str(g))
        row: dict[str, object] = {
            "group": str(g),
            "people": int(len(part)),
            "leavers": int(part["event"].sum()),
        }
        for p in points:
            est, low, high = estimate_at(kmf, p, part, min_at_risk)
            row[f"in_post_{p:g}y"] = 100 * est
            row[f"low_{p:g}y"] = 100 * low
            row[f"high_{p:g}y"] = 100 * high
        row["median_years"] = median_years(kmf)
        rows.append(row)
    return pd.DataFrame(rows)


def yearly_points(
    data: pd.DataFrame, groups: pd.Series, years: int = 5, min_at_risk: int = 0
) -> pd.DataFrame:
    """The curves at whole years only (0 to ``years``): what the public version shows.

    Columns group, years, in_post, low, high (percentages, 0 to 100). A point beyond the longest
    time observed in the group is left out, and so is every point from the first whole year at
    which fewer than ``min_at_risk`` people of the group were still being followed (each step
    there would be one or two people leaving: the disclosure threshold).
    """
    rows = []
    for g in sorted(groups.dropna().unique(), key=str):
        part = data[groups == g]
        kmf = fit(part, str(g))
        longest = float(part["duration"].max())
        for y in range(years + 1):
            if y > longest or (y > 0 and at_risk(part, float(y)) < min_at_risk):
                break
            est, low, high = estimate_at(kmf, float(y), part)
            if math.isnan(est):
                continue
            rows.append(
                {
                    "group": str(g),
                    "years": y,
                    "in_post": 100 * est,
                    "low": 100 * low,
                    "high": 100 * high,
                }
            )
    return pd.DataFrame(rows, columns=["group", "years", "in_post", "low", "high"])


def steps(data: pd.DataFrame, groups: pd.Series) -> pd.DataFrame:
    """The full step curves (every leaving time): exempt only, as the steps date each leaving.

    Columns group, years, in_post (percentage after the step), at_risk, left.

    A group's curve ends at the step where its share still in post reaches 0%: the last one
    of the people followed there has left. People who came into view later (served longer
    before the window opened) and left afterwards cannot move a curve at 0%, so their leaving
    times are not listed as further steps at 0.0%.

    ``at_risk`` is the number the step divides by: the people in post and counted at that
    length of service, ``entry < t <= duration`` (:func:`at_risk`). lifelines' event table also
    counts a person who comes into view at exactly ``t``, whom the estimate does not divide by.
    It can rise from one step to the next: people who started before the window are counted
    from the length of service they had when it opened.
    """
    rows = []
    for g in sorted(groups.dropna().unique(), key=str):
        part = data[groups == g]
        kmf = fit(part, str(g))
        table = kmf.event_table
        surv = kmf.survival_function_.iloc[:, 0]
        for t, r in table.iterrows():
            if r["observed"] <= 0:
                continue
            rows.append(
                {
                    "group": str(g),
                    "years": float(t),
                    "in_post": 100 * float(surv.loc[t]),
                    "at_risk": at_risk(part, float(t)),
                    "left": int(r["observed"]),
                }
            )
            if float(surv.loc[t]) <= 0:
                break
    return pd.DataFrame(rows, columns=["group", "years", "in_post", "at_risk", "left"])


#: The lengths of service (months) at which the exempt appendix prints the curves: the full
#: steps are in its CSV file.
FIXED_MONTHS = (6, 12, 18, 24, 36)


def fixed_points(
    data: pd.DataFrame, groups: pd.Series, months: Sequence[int] = FIXED_MONTHS
) -> pd.DataFrame:
    """The curves at fixed lengths of service: a short table in place of every step.

    Columns group, months, in_post (percentage still in post then), at_risk (people in post
    and counted then, ``entry < t <= duration``: :func:`at_risk`) and left (leavers of the
    group who had left by then). A point beyond the group's longest time observed, or after
    its curve has reached 0%, is left out, and so is a point at which no one of the group is
    counted (all had served longer when the period began, or had gone): the data say nothing
    there.
    """
    rows = []
    for g in sorted(groups.dropna().unique(), key=str):
        part = data[groups == g]
        kmf = fit(part, str(g))
        longest = float(part["duration"].max())
        for m in months:
            t = m / 12
            if t > longest:
                break
            counted = at_risk(part, t)
            if not counted:  # no one followed at that length of service: the data say nothing
                continue
            est, _low, _high = estimate_at(kmf, t, part)
            rows.append(
                {
                    "group": str(g),
                    "months": int(m),
                    "in_post": 100 * est,
                    "at_risk": counted,
                    "left": int(((part["event"] == 1) & (part["duration"] <= t)).sum()),
                }
            )
            if est <= 0:
                break
    return pd.DataFrame(rows, columns=["group", "months", "in_post", "at_risk", "left"])


def logrank(data: pd.DataFrame, groups: pd.Series) -> dict[str, float]:
    """Log-rank test of equal leaving hazards across groups, with delayed entry.

    At each distinct leaving time t, the risk set of each group j is the people with
    ``entry < t <= duration``: n_j at risk, d_j leaving, n and d in all. Observed minus expected
    O_j - E_j = sum(d_j - d n_j / n); covariance V_jk = sum(d (n - d) / (n - 1) x n_j / n x
    (delta_jk - n_k / n)). The statistic is (O - E)' V^- (O - E) over the first k - 1 groups,
    chi-squared with k - 1 degrees of freedom. With no delayed entry it equals the usual log-rank
    test (``lifelines.statistics.multivariate_logrank_test``).

    Returns
    -------
    dict
        ``statistic``, ``df`` (degrees of freedom), ``p_value``; NaN with fewer than 2 groups.

    """
    keep = groups.notna()
    d = data[keep]
    g = groups[keep].astype(str).to_numpy()
    labels = sorted(set(g))
    k = len(labels)
    if k < 2:
        return {"statistic": float("nan"), "df": float(max(k - 1, 0)), "p_value": float("nan")}
    idx = np.array([labels.index(x) for x in g])
    dur, ent, ev = d["duration"].to_numpy(), d["entry"].to_numpy(), d["event"].to_numpy()
    o_e = np.zeros(k)
    v = np.zeros((k, k))
    for t in np.unique(dur[ev == 1]):
        at_risk = (ent < t) & (dur >= t)
        dying = at_risk & (dur == t) & (ev == 1)
        n_j = np.bincount(idx[at_risk], minlength=k).astype(float)
        d_j = np.bincount(idx[dying], minlength=k).astype(float)
        n, dd = n_j.sum(), d_j.sum()
        if n < 1:
            continue
        o_e += d_j - dd * n_j / n
        if n > 1:
            w = dd * (n - dd) / (n - 1)
            v += w * (np.diag(n_j / n) - np.outer(n_j, n_j) / n**2)
    stat = float(o_e[:-1] @ np.linalg.pinv(v[:-1, :-1]) @ o_e[:-1])
    df = k - 1
    return {"statistic": stat, "df": float(df), "p_value": float(stats.chi2.sf(stat, df))}


#: Years of service of the seed papers' measure ("left within 2 years"): the retention section
#: publishes each service's leavers with less service than this (:func:`seed_measure`).
SEED_YEARS = 2.0


def seed_measure(
    leavers: pd.DataFrame, summary_by_service: pd.DataFrame, years: float = SEED_YEARS
) -> pd.DataFrame:
    """The seed papers' measure beside the starters' measure, by service.

    Share of leavers who left within ``years`` = leavers in the period with less than ``years``
    of service / all leavers in the period x 100 (a share of *leavers*); share of starters who
    leave within ``years`` = 100 - the Kaplan-Meier share still in post at ``years`` (a chance
    for a *starter*).

    Returns
    -------
    DataFrame
        Columns service, leavers, leavers_short, share_of_leavers, starters_leave (percent),
        starters_low, starters_high (the interval of starters_leave).

    """
    rows = []
    for _, r in summary_by_service.iterrows():
        mine = leavers[leavers["service"] == r["group"]]
        short = int((mine["years_of_service"] < years).sum())
        total = int(len(mine))
        rows.append(
            {
                "service": r["group"],
                "leavers": total,
                "leavers_short": short,
                "share_of_leavers": 100 * short / total if total else float("nan"),
                "starters_leave": 100 - float(r[f"in_post_{years:g}y"]),
                "starters_low": 100 - float(r[f"high_{years:g}y"]),
                "starters_high": 100 - float(r[f"low_{years:g}y"]),
            }
        )
    return pd.DataFrame(rows)
