"""Plausibility checks of the workforce datasets against the snapshot date.

A qualification date after the workforce snapshot (the caseload extract's ``date_qualified``
later than the date the snapshot and extract were taken) would count a worker as newly
qualified, or give a negative time since qualifying. Registered with
:func:`pipelines.core.validation_checks.register_cross_check`; it reads ``snapshot_date`` from the
settings (see :func:`pipelines.datasets.leavers.plausibility.plausibility_settings`) and is
skipped without it.

The agency worker rate (agency FTE / (agency + permanent FTE)) and vacancy rate (vacant FTE /
establishment FTE) of each service, worked out from the workforce snapshot as the workforce
section does, must be from 0% to 100% (critical) and at most the review's ceilings
(``plausibility: agency_rate`` and ``vacancy_rate`` in the review config; a warning unless the
config makes them critical).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from pipelines.core.validation_checks import (
    Rate,
    as_date,
    cell_text,
    check_severity,
    long_date,
    rate_checks,
    register_cross_check,
    severity_hint,
)
from pipelines.core.validation_report import CRITICAL, CheckResult, FailingRow

#: What a wrong agency worker or vacancy rate would make wrong in the pack.
WORKFORCE_AFFECTS = (
    "Workforce and costs: the agency worker and vacancy rates by service (table, key findings, "
    "SWOT, scorecard)"
)


def qualified_after_snapshot(caseloads: pd.DataFrame, snapshot: Any) -> CheckResult:
    """Critical: a worker's qualification date is after the snapshot date.

    Parameters
    ----------
    caseloads : pandas.DataFrame
        Tidy caseload extract (``date_qualified``, ``source_row``).
    snapshot : datetime.date
        The date the snapshot and caseload extract were taken.

    """
    day = as_date(snapshot)
    qualified = pd.to_datetime(caseloads["date_qualified"])
    late = qualified.notna() & (qualified > pd.Timestamp(day))
    rows = (
        caseloads["source_row"]
        if "source_row" in caseloads.columns
        else pd.Series(caseloads.index + 2, index=caseloads.index)
    )
    failures = [
        FailingRow(int(rows[i]), cell_text(caseloads.at[i, "date_qualified"]))
        for i in caseloads.index[late]
    ]
    return CheckResult.of_failures(
        failures,
        dataset="caseloads",
        check=f"Qualification dates are on or before the snapshot date ({long_date(day)})",
        column="date_qualified",
        severity=CRITICAL,
        expected=f"a date on or before {long_date(day)}",
        what="A social worker qualified after the date of the workforce snapshot.",
        hint="Correct the date qualified in the caseload extract (a later date would count "
        "the worker as newly qualified).",
    )


def fte_rates(snapshot: pd.DataFrame) -> tuple[list[Rate], list[Rate]]:
    """Agency worker and vacancy rates per service, as the workforce section works them out.

    Agency worker rate = agency FTE / (agency + permanent FTE) x 100; vacancy rate = vacant FTE
    / establishment FTE x 100 (both percentages); a service without a denominator is left out.
    """
    cols = ["establishment_fte", "permanent_fte", "agency_fte", "vacant_fte"]
    sums = snapshot.groupby("service")[cols].sum(min_count=1)
    agency, vacancy = [], []
    for service, r in sums.iterrows():
        a, p, v, e = (float(r[c]) for c in ("agency_fte", "permanent_fte", "vacant_fte",
                                             "establishment_fte"))  # fmt: skip
        if a + p > 0:
            agency.append(
                Rate(str(service), 100.0 * a / (a + p), f"{a:g} agency FTE / {a + p:g} FTE")
            )
        if e > 0:
            vacancy.append(
                Rate(str(service), 100.0 * v / e, f"{v:g} vacant FTE / {e:g} establishment FTE")
            )
    return agency, vacancy


def snapshot_rate_checks(snapshot: pd.DataFrame, settings: Mapping[str, Any]) -> list[CheckResult]:
    """Agency worker and vacancy rates: from 0% to 100% and at most the review's ceilings."""
    ceilings = settings.get("ceilings") or {}
    agency, vacancy = fte_rates(snapshot)
    hint = "Check the FTE columns of the workforce snapshot for the service."
    return [
        *rate_checks(
            "workforce_snapshot",
            "agency worker rate",
            agency,
            column="agency_fte",
            ceiling=ceilings.get("agency_rate"),
            setting="plausibility: agency_rate",
            affects=WORKFORCE_AFFECTS,
            tables=("agency_rates",),
            hint=hint,
        ),
        *rate_checks(
            "workforce_snapshot",
            "vacancy rate",
            vacancy,
            column="vacant_fte",
            ceiling=ceilings.get("vacancy_rate"),
            setting="plausibility: vacancy_rate",
            affects=WORKFORCE_AFFECTS,
            tables=("agency_rates",),
            hint=hint,
        ),
    ]


@register_cross_check("workforce_plausibility")
def workforce_plausibility_checks(
    frames: Mapping[str, pd.DataFrame], settings: Mapping[str, Any]
) -> list[CheckResult]:
    """Qualification dates after the snapshot date; agency worker and vacancy rates."""
    results: list[CheckResult] = []
    caseloads = frames.get("caseloads")
    snapshot = as_date(settings.get("snapshot_date"))
    if caseloads is not None and snapshot is not None and "date_qualified" in caseloads.columns:
        results.append(qualified_after_snapshot(caseloads, snapshot))
    workforce = frames.get("workforce_snapshot")
    needed = {"service", "establishment_fte", "permanent_fte", "agency_fte", "vacant_fte"}
    if workforce is not None and needed <= set(workforce.columns) and len(workforce):
        results.extend(snapshot_rate_checks(workforce, settings))
    return results


# --- Checks on the meaning of the workforce exports (issue 26) -------------------------------

#: FTE is compared to this tolerance (exports round FTE to two decimals).
FTE_TOLERANCE = 0.011
#: Smallest FTE on one line read as hours rather than posts (a day's hours).
#: How many times the largest other line of a job title an FTE must be to look like hours.
HOURS_SPREAD = 2.5
HOURS_FLOOR = 14.0
VACANCY_AFFECTS = (
    "Workforce and costs: the vacancy rate by service (table, key findings, SWOT, scorecard)"
)
FTE_AFFECTS = (
    "Workforce and costs: the agency worker and vacancy rates, the cost per post and the "
    "agency premium"
)
PAY_AFFECTS = (
    "Workforce and costs: the cost of a permanent post, the agency premium and the savings "
    "of making posts permanent"
)
CONTRADICTION_AFFECTS = "Workforce and costs: caseloads and the workers counted against them"


def _source_rows(df: pd.DataFrame) -> pd.Series:
    if "source_row" in df.columns:
        return df["source_row"]
    return pd.Series(df.index + 2, index=df.index)


def _fte(x: float) -> str:
    return f"{float(x):g}"


def vacancy_identity(snapshot: pd.DataFrame, settings: Mapping[str, Any]) -> CheckResult:
    """Per row of the workforce snapshot: vacant FTE = establishment FTE - permanent FTE.

    The DfE counts as vacant every post without a permanent holder, whether or not an agency
    worker covers it; the pack's vacancy rate is vacant FTE / establishment FTE. A row whose
    vacant FTE differs from establishment less permanent (by more than 0.01 FTE) fails; when
    it equals establishment less permanent less agency, the message says the export counts
    only the vacancies no agency worker covers. Severity: ``plausibility: checks:
    vacancy_identity`` (critical by default).
    """
    severity = check_severity(settings, "vacancy_identity")
    rows = _source_rows(snapshot)
    failures = []
    for i in snapshot.index:
        e, p, a, v = (
            float(snapshot.at[i, c])
            for c in ("establishment_fte", "permanent_fte", "agency_fte", "vacant_fte")
        )
        if any(x != x for x in (e, p, a, v)):
            continue
        if abs(v - (e - p)) <= FTE_TOLERANCE:
            continue
        found = (
            f"vacant {_fte(v)}, but establishment {_fte(e)} - permanent {_fte(p)} = "
            f"{_fte(round(e - p, 6))}"
        )
        if abs(v - (e - p - a)) <= FTE_TOLERANCE and a > 0:
            found += (
                f" (the export leaves out the {_fte(a)} agency FTE covering vacant posts: it "
                "counts only vacancies no agency worker covers)"
            )
        failures.append(
            FailingRow(int(rows[i]), found, expected=f"vacant FTE {_fte(round(e - p, 6))}")
        )
    return CheckResult.of_failures(
        failures,
        dataset="workforce_snapshot",
        check="Vacant FTE is the establishment FTE less the permanent FTE on every row",
        column="vacant_fte",
        severity=severity,
        expected="vacant FTE = establishment FTE - permanent FTE",
        what="The vacant FTE is not the establishment FTE less the permanent FTE, so the "
        "vacancy rate would be wrong.",
        hint=severity_hint(
            severity,
            "vacancy_identity",
            "Correct the vacant, establishment or permanent FTE of the row in the export. "
            "Vacant FTE counts every post without a permanent holder, whether or not an agency "
            "worker covers it (as the DfE counts vacancies); if the export counts only the "
            "vacancies no agency worker covers, add the agency FTE to it.",
        ),
        affects=VACANCY_AFFECTS,
        tables=("agency_rates",),
    )


def _within_line(column: str, est, i, v: float, hours_lines: set) -> bool:
    """Whether a filled or vacant FTE is no more than its own line's establishment.

    Such an FTE is a real share of the line's posts (7 vacant of 8), unless the establishment
    itself was flagged as hours (``hours_lines``).
    """
    return (
        column != "establishment_fte"
        and est is not None
        and pd.notna(est.get(i))
        and v <= float(est[i])
        and i not in hours_lines
    )


def fte_per_post(
    frames: Mapping[str, pd.DataFrame], settings: Mapping[str, Any]
) -> list[CheckResult]:
    """FTE above the per-post ceiling: hours typed where FTE was meant, on any dataset.

    One person or post holds at most ``max_fte_per_post`` FTE (default 1.5): a leaver's or a
    caseload worker's FTE above it looks like weekly hours (37 for 1.0). A line of the
    workforce snapshot holds several posts, so there an FTE is flagged when it is at least
    14 (two days' hours) and more than ``HOURS_SPREAD`` (2.5, or the ceiling if higher) times the
    largest FTE the same job title has on any other line (at least 1): a team manager line of
    37 where the others hold 1, or a social worker line of 37 where the others hold at most 10.
    A job title on one line only (a "post line" of its own) is compared, by the same rule, with
    the largest line of any other job title in the same service: a single "Principal Social
    Worker" line of 37 where the service's lines hold at most 10 is flagged, a single line of
    50 child protection social workers where the service's teams hold 22 is not (an export
    by service and job title holds large lines of every title). A permanent, agency or vacant FTE
    no larger than its own line's establishment is never flagged (8 posts with 7 vacant is a
    real team), unless that establishment was itself flagged. The snapshot has no column for
    the number of posts on a line, so FTE per post cannot be worked out there. Severity:
    ``plausibility: checks: fte_per_post`` (critical by default).
    """
    ceiling = float(settings.get("max_fte_per_post") or 1.5)
    severity = check_severity(settings, "fte_per_post")
    by_dataset: dict[str, list[FailingRow]] = {}
    for dataset in ("leavers", "caseloads"):
        df = frames.get(dataset)
        if df is None or "fte" not in df.columns or df.empty:
            continue
        header = (df.attrs.get("raw_columns") or {}).get("fte", "FTE")
        rows = _source_rows(df)
        failures = by_dataset.setdefault(dataset, [])
        for i in df.index[pd.to_numeric(df["fte"], errors="coerce") > ceiling]:
            v = float(df.at[i, "fte"])
            failures.append(
                FailingRow(
                    int(rows[i]),
                    f"{_fte(v)} ({dataset.replace('_', ' ')}: one person's FTE; {_fte(v)} "
                    f"hours a week is {v / 37:.2f} FTE at 37 hours)",
                    column=header,
                    expected=f"an FTE of at most {ceiling:g} for one person",
                )
            )
    snap = frames.get("workforce_snapshot")
    if snap is not None and not snap.empty and "job_title" in snap.columns:
        failures = by_dataset.setdefault("workforce_snapshot", [])
        rows = _source_rows(snap)
        raw = snap.attrs.get("raw_columns") or {}
        hours_lines: set = set()  # lines whose establishment FTE looks like hours
        est = pd.to_numeric(snap.get("establishment_fte"), errors="coerce")
        for column in ("establishment_fte", "permanent_fte", "agency_fte", "vacant_fte"):
            if column not in snap.columns:
                continue
            values = pd.to_numeric(snap[column], errors="coerce")
            for _title, group in values.groupby(snap["job_title"]):
                # Only a line of at least HOURS_FLOOR FTE can be flagged; the largest other
                # line of its job title is the largest of the title's two largest lines that is
                # not this one (one pass per title, not one per line).
                candidates = group[group >= HOURS_FLOOR]
                if candidates.empty:
                    continue
                filled = group.dropna()
                top = filled.nlargest(2)
                for i, v in candidates.items():
                    alone = len(filled) == 1  # the job title's only line
                    if alone and "service" in snap.columns:  # the service's other titles' lines
                        same = snap["service"] == snap.at[i, "service"]
                        others = values[same & (snap["job_title"] != snap.at[i, "job_title"])]
                        if others.dropna().empty:
                            continue
                        largest = float(others.max())
                    elif alone:
                        continue
                    else:
                        largest = float(next(x for j, x in top.items() if j != i))
                    typical = max(1.0, largest)
                    within_line = _within_line(column, est, i, v, hours_lines)
                    spread = max(ceiling, HOURS_SPREAD)
                    if v >= HOURS_FLOOR and v > spread * typical and not within_line:
                        if column == "establishment_fte":
                            hours_lines.add(i)
                        failures.append(
                            FailingRow(
                                int(rows[i]),
                                f"{_fte(v)} ({snap.at[i, 'job_title']}; "
                                + (
                                    "the only line of this job title; the other lines of "
                                    f"{snap.at[i, 'service']} hold at most "
                                    if alone
                                    else "the other lines of this job title hold at most "
                                )
                                + f"{_fte(largest)})",
                                column=raw.get(column, column),
                                expected=f"FTE, at most {ceiling:g} per post",
                            )
                        )
    return [
        CheckResult.of_failures(
            failures,
            dataset=dataset,
            check=f"No FTE is above {ceiling:g} per post (hours typed as FTE)",
            column="establishment_fte" if dataset == "workforce_snapshot" else "fte",
            severity=severity,
            expected=f"FTE: at most {ceiling:g} per post or person (1.0 = full time)",
            what="An FTE is far above what the posts on its line can hold: it looks like hours "
            "a week, not full-time equivalents.",
            hint=severity_hint(
                severity,
                "fte_per_post",
                "Correct the FTE in the export: FTE is hours worked / full-time hours (37 "
                "hours = 1.0). If the line really holds that many posts, raise plausibility: "
                "max_fte_per_post in the review config.",
            ),
            affects=FTE_AFFECTS,
            tables=("agency_rates",),
        )
        for dataset, failures in by_dataset.items()
    ]


def pay_period(pay: pd.DataFrame, settings: Mapping[str, Any]) -> CheckResult:
    """Salaries that look monthly or weekly against the grade's expected annual range.

    The range is the grade's in ``plausibility: pay_scale`` (e.g. a national or local pay
    scale) or else ``plausibility: annual_pay`` (default £15,000 to £150,000 a year). A salary
    below the range whose 12 times (monthly) or 52 times (weekly) falls in it is reported as
    such with the annual figure; any other salary outside the range is reported as outside it.
    Severity: ``plausibility: checks: pay_period`` (critical by default).
    """
    severity = check_severity(settings, "pay_period")
    low_all, high_all = settings.get("annual_pay") or (15000.0, 150000.0)
    scale = {
        str(g).replace(" ", "").upper(): r for g, r in (settings.get("pay_scale") or {}).items()
    }
    rows = _source_rows(pay)
    failures = []
    for i in pay.index:
        salary = pd.to_numeric(pay.at[i, "salary"], errors="coerce")
        if salary != salary or salary <= 0:
            continue
        grade = str(pay.at[i, "grade"] or "")
        low, high = scale.get(grade, (low_all, high_all))
        where = f"grade {grade}" if grade in scale else "a salary"
        expected = f"£{low:,.0f} to £{high:,.0f} a year ({where})"
        if low <= salary <= high:
            continue
        found = f"£{salary:,.0f}"
        if salary < low and low <= salary * 12 <= high:
            found += f" (monthly? 12 x £{salary:,.0f} = £{salary * 12:,.0f} a year)"
        elif salary < low and low <= salary * 52 <= high:
            found += f" (weekly? 52 x £{salary:,.0f} = £{salary * 52:,.0f} a year)"
        else:
            found += " (outside the expected range)"
        failures.append(FailingRow(int(rows[i]), found, expected=expected))
    return CheckResult.of_failures(
        failures,
        dataset="pay_rates",
        check="Every salary is an annual salary in the grade's expected range",
        column="salary",
        severity=severity,
        expected=f"an annual salary, £{low_all:,.0f} to £{high_all:,.0f} (or the grade's range "
        "in plausibility: pay_scale)",
        what="A salary is not in the range of an annual salary for its grade: it looks "
        "monthly or weekly, so every cost built on it would be wrong.",
        hint=severity_hint(
            severity,
            "pay_period",
            "Export the pay table with annual amounts (salary, employer's NI, supplement and "
            "car allowance in pounds a year). If the salary is right, give the grade's range "
            "in plausibility: pay_scale in the review config.",
        ),
        affects=PAY_AFFECTS,
        tables=(),
    )


def leavers_holding_cases(
    leavers: pd.DataFrame, caseloads: pd.DataFrame, settings: Mapping[str, Any]
) -> CheckResult:
    """People in both the leavers and the caseload extract whose records contradict each other.

    A worker ID of the caseload extract that is a leaver's employee reference, with a leaving
    date before the date of the caseload extract (its ``as_at`` in the review config, or the
    workforce snapshot date), is a leaver still holding cases. The rows of the caseload
    extract are listed with the leaver's row. Severity: ``plausibility: checks:
    contradicting_exports`` (a warning by default: the case system may lag behind HR).
    """
    severity = check_severity(settings, "contradicting_exports")
    day = as_date((settings.get("as_at") or {}).get("caseloads")) or as_date(
        settings.get("snapshot_date")
    )
    failures = []
    if day is not None:
        left = {}
        for i in leavers.index:
            ref = str(leavers.at[i, "employee_ref"]).strip().casefold()
            left[ref] = (leavers.at[i, "leaving_date"], int(_source_rows(leavers)[i]))
        rows = _source_rows(caseloads)
        for i in caseloads.index:
            ref = str(caseloads.at[i, "worker_id"]).strip().casefold()
            if ref not in left:
                continue
            leaving, leaver_row = left[ref]
            leaving = as_date(leaving) if leaving is not None and leaving == leaving else None
            if leaving is None or leaving >= day:
                continue
            cases = caseloads.at[i, "total_cases"] if "total_cases" in caseloads else "?"
            failures.append(
                FailingRow(
                    int(rows[i]),
                    f"{caseloads.at[i, 'worker_id']} holds {cases} cases on {long_date(day)} "
                    f"but left on {long_date(leaving)} (leavers export, row {leaver_row})",
                )
            )
    return CheckResult.of_failures(
        failures,
        dataset="caseloads",
        check="No leaver holds cases after their leaving date",
        column="worker_id",
        severity=severity,
        expected="workers in the caseload extract who had not left by its date",
        what="A leaver still holds cases in the caseload extract after their leaving date: "
        "the two exports contradict each other.",
        hint=severity_hint(
            severity,
            "contradicting_exports",
            "Check the leaving date in the leavers export and the worker in the case "
            "management system; reallocate or close the cases, or correct the leaving date, "
            "and export again.",
        ),
        affects=CONTRADICTION_AFFECTS,
    )


@register_cross_check("workforce_meaning")
def workforce_meaning_checks(
    frames: Mapping[str, pd.DataFrame], settings: Mapping[str, Any]
) -> list[CheckResult]:
    """Checks on the meaning of the workforce exports, each of the review's severity.

    Vacant FTE against establishment less permanent, FTE that looks like hours, salaries that
    look monthly or weekly, and leavers holding cases after leaving (see each function).
    """
    results: list[CheckResult] = []
    snap = frames.get("workforce_snapshot")
    needed = {"establishment_fte", "permanent_fte", "agency_fte", "vacant_fte"}
    if snap is not None and needed <= set(snap.columns) and len(snap):
        results.append(vacancy_identity(snap, settings))
    results.extend(fte_per_post(frames, settings))
    pay = frames.get("pay_rates")
    if pay is not None and {"salary", "grade"} <= set(pay.columns) and len(pay):
        results.append(pay_period(pay, settings))
    leavers, caseloads = frames.get("leavers"), frames.get("caseloads")
    if (
        leavers is not None
        and caseloads is not None
        and {"employee_ref", "leaving_date"} <= set(leavers.columns)
        and "worker_id" in caseloads.columns
    ):
        results.append(leavers_holding_cases(leavers, caseloads, settings))
    return results
