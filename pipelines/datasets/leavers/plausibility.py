"""Plausibility checks of the leavers, exit-interview and establishment datasets.

Checks that each value can pass on its own but the figures built from them would be wrong:
one leaver's exit form counted twice, leavers outside the review period dropped without a word,
a form received long after the period counted in its return rate, a turnover rate over zero
posts or over an establishment far smaller than the leavers. Registered with
:func:`pipelines.core.validation_checks.register_cross_check`, so ``evidence-pack validate`` and the
build both run them; a *critical* result stops the build with the officer's message, a
*warning* is shown in the console and the data-quality appendix.

The checks that need the review read it from ``settings`` (see :func:`plausibility_settings`):
``period_start`` and ``period_end`` (the review period, dates), ``late_form_days`` (days after
the period end after which a form is late; default 183), ``max_leavers_per_post`` (leavers
in the period per establishment post above which the establishment is implausible; default 2)
and ``ceilings`` (measure -> (ceiling percent, severity), from ``plausibility:`` in the review
config). Without a period the period checks are skipped. Turnover and exit-interview return
rates outside 0-100% stop the build; a turnover above the review's ceiling warns (or stops).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd

from pipelines.core.cleaning import register_not_counted
from pipelines.core.validation_checks import (
    Rate,
    as_date,
    cell_text,
    long_date,
    rate_checks,
    register_cross_check,
)
from pipelines.core.validation_report import CRITICAL, WARNING, CheckResult, FailingRow

#: Days after the period end after which an exit-interview form is counted as late.
LATE_FORM_DAYS = 183
#: Leavers in the period per establishment post above which the establishment is implausible.
MAX_LEAVERS_PER_POST = 2.0
#: What a wrong turnover or return rate would make wrong in the pack.
TURNOVER_AFFECTS = (
    "Leavers and exit interviews: the turnover table and the turnover figures (key findings, "
    "SWOT, scorecard)"
)
RETURN_AFFECTS = (
    "Leavers and exit interviews: the exit-interview return rate (table, key findings, scorecard)"
)


def plausibility_settings(review: Any) -> dict[str, Any]:
    """The settings these checks read, from a review configuration.

    Parameters
    ----------
    review : pipelines.core.config.Review
        The review; its ``period`` gives ``period_start`` and ``period_end``, and the first
        section parameter ``as_at`` (the workforce section's snapshot date) ``snapshot_date``.

    Returns
    -------
    dict
        ``period_start``, ``period_end`` (datetime.date), with the review's ``plausibility:``
        block ``ceilings`` (``turnover``, ``agency_rate``, ``vacancy_rate`` -> (percent,
        severity)), ``late_form_days``, ``max_leavers_per_post``, ``checks`` (the severity of
        each check on the meaning of the exports: ``plausibility: checks:``),
        ``max_fte_per_post`` (FTE), ``annual_pay`` (lowest, highest pounds a year) and
        ``pay_scale`` (grade -> (lowest, highest)), ``as_at`` (dataset -> the date its export
        describes, when the review gives one), and, when a section states it,
        ``snapshot_date`` (datetime.date); to be merged into the settings passed to the
        cross-dataset checks.

    """
    out: dict[str, Any] = {"period_start": review.period.start, "period_end": review.period.end}
    limits = getattr(review, "plausibility", None)
    if limits is not None:
        out["ceilings"] = {
            measure: (getattr(limits, measure).percent, getattr(limits, measure).severity)
            for measure in ("turnover", "agency_rate", "vacancy_rate")
        }
        out["late_form_days"] = limits.late_form_days
        out["max_leavers_per_post"] = limits.max_leavers_per_post
        checks = getattr(limits, "checks", None)
        if checks is not None:
            out["checks"] = checks.model_dump()
        out["max_fte_per_post"] = getattr(limits, "max_fte_per_post", 1.5)
        out["annual_pay"] = tuple(getattr(limits, "annual_pay", (15000.0, 150000.0)))
        out["pay_scale"] = dict(getattr(limits, "pay_scale", {}) or {})
        meeting_check = getattr(limits, "meeting_before_data", None)
        if meeting_check is not None:
            out["meeting_before_data"] = meeting_check.severity
    dates = {
        key: ds.as_at
        for key, ds in (getattr(review, "datasets", {}) or {}).items()
        if getattr(ds, "as_at", None)
    }
    if dates:
        out["as_at"] = dates
    for meeting in getattr(review, "meetings", []) or []:
        for section in getattr(meeting, "sections", []) or []:
            as_at = (getattr(section, "parameters", {}) or {}).get("as_at")
            if as_at and "snapshot_date" not in out:
                out["snapshot_date"] = as_date(as_at)
    return out


def pack_services() -> tuple[str, ...]:
    """The pack's services (``config/mappings/services.yml``); empty if they cannot be read."""
    from pipelines.core.errors import ConfigError
    from pipelines.core.validation_labels import load_labels

    try:
        return load_labels().services
    except ConfigError:
        return ()


def _rows(df: pd.DataFrame) -> pd.Series:
    if "source_row" in df.columns:
        return df["source_row"]
    return pd.Series(df.index + 2, index=df.index)


def _result(
    dataset: str,
    check: str,
    column: str | None,
    severity: str,
    failures: list[FailingRow],
    *,
    expected: str,
    what: str,
    hint: str,
    affects: str = "",
    tables: tuple[str, ...] = (),
) -> CheckResult:
    return CheckResult.of_failures(
        failures,
        dataset=dataset,
        check=check,
        column=column,
        severity=severity,
        expected=expected,
        hint=hint,
        what=what,
        affects=affects,
        tables=tables,
    )


def duplicate_exit_forms(forms: pd.DataFrame) -> CheckResult:
    """Critical: two exit-interview forms for one leaver (same employee reference).

    Both would count in the return rate (forms received / leavers), which would then overstate
    how many leavers returned a form. Every row of each duplicated reference fails.
    """
    refs = forms["employee_ref"].map(lambda v: None if pd.isna(v) else str(v).strip().casefold())
    dup = refs.notna() & refs.duplicated(keep=False)
    rows = _rows(forms)
    failures = []
    for idx in forms.index[dup]:
        others = [int(rows[j]) for j in forms.index[dup & (refs == refs[idx])] if j != idx]
        failures.append(
            FailingRow(
                int(rows[idx]),
                cell_text(forms.at[idx, "employee_ref"]),
                expected="one form per leaver (the same reference is on row "
                + ", ".join(str(r) for r in others)
                + ")",
            )
        )
    return _result(
        "exit_interviews",
        "Each leaver has at most one exit-interview form (employee reference not repeated)",
        "employee_ref",
        CRITICAL,
        failures,
        expected="one form per leaver",
        what="Two exit-interview forms have the same employee reference.",
        hint="Keep one form per leaver (delete the duplicate or correct its employee "
        "reference); a form counted twice overstates the return rate.",
    )


def period_counts(leavers: pd.DataFrame, start: dt.date, end: dt.date) -> dict[str, int]:
    """Rows of the leavers table by where their leaving date falls against the period.

    Uses the same rule as the leavers section
    (:func:`pipelines.sections.leavers.analysis.in_period`: ``start`` to ``end`` inclusive).

    Returns
    -------
    dict
        ``read`` (rows), ``in_period`` (counted), ``before`` (left before ``start``),
        ``after`` (left after ``end``), ``no_date`` (no leaving date); the last four add up
        to ``read``.

    """
    d = pd.to_datetime(leavers["leaving_date"])
    before = d < pd.Timestamp(start)
    after = d > pd.Timestamp(end)
    missing = d.isna()
    return {
        "read": len(leavers),
        "in_period": int((~before & ~after & ~missing).sum()),
        "before": int(before.sum()),
        "after": int(after.sum()),
        "no_date": int(missing.sum()),
    }


@register_not_counted("leavers")
def leavers_not_counted(leavers: pd.DataFrame, settings: Mapping[str, Any]) -> dict[str, int]:
    """Rows of the tidy leavers table the pack does not count, by reason (the period's rule).

    ``Left before the review period``, ``Left after the review period`` and ``No leaving
    date`` (:func:`period_counts`); nothing without a period in ``settings``.
    """
    start, end = as_date(settings.get("period_start")), as_date(settings.get("period_end"))
    if not (start and end) or "leaving_date" not in leavers.columns:
        return {}
    n = period_counts(leavers, start, end)
    return {
        "Left before the review period": n["before"],
        "Left after the review period": n["after"],
        "No leaving date": n["no_date"],
    }


def leavers_outside_period(leavers: pd.DataFrame, start: dt.date, end: dt.date) -> CheckResult:
    """Warning: leavers whose leaving date is outside the review period (not counted).

    The check's wording carries the counts (rows read = counted + left before + left after),
    so the data-quality appendix accounts for every row; each excluded row is listed.
    """
    n = period_counts(leavers, start, end)
    d = pd.to_datetime(leavers["leaving_date"])
    outside = d.notna() & ((d < pd.Timestamp(start)) | (d > pd.Timestamp(end)))
    rows = _rows(leavers)
    failures = [
        FailingRow(
            int(rows[i]),
            cell_text(leavers.at[i, "leaving_date"]),
            expected="a leaving date in the review period "
            f"({long_date(start)} to {long_date(end)}), so this leaver is not counted",
        )
        for i in leavers.index[outside]
    ]
    counts = f"{n['read']} rows read: {n['in_period']} counted in the period"
    if n["before"] or n["after"]:
        counts += f", {n['before']} left before it and {n['after']} after it (not counted)"
    if n["no_date"]:
        counts += f", {n['no_date']} without a leaving date"
    return _result(
        "leavers",
        f"Leavers in the review period ({long_date(start)} to {long_date(end)}): {counts}",
        "leaving_date",
        WARNING,
        failures,
        expected=f"a leaving date from {long_date(start)} to {long_date(end)}",
        what="A leaver left outside the review period and is not counted.",
        hint="Nothing to do if the export covers more than the period; otherwise check the "
        "leaving date or the review's period.",
        affects=TURNOVER_AFFECTS,
        tables=("turnover",),
    )


def late_exit_forms(forms: pd.DataFrame, end: dt.date, days: int = LATE_FORM_DAYS) -> CheckResult:
    """Warning: exit-interview forms received more than ``days`` days after the period end.

    Such a form is still counted in the period's return rate; the warning says so.
    """
    limit = pd.Timestamp(end) + pd.Timedelta(days=days)
    received = pd.to_datetime(forms["date_received"])
    late = received.notna() & (received > limit)
    rows = _rows(forms)
    failures = [
        FailingRow(int(rows[i]), cell_text(forms.at[i, "date_received"])) for i in forms.index[late]
    ]
    return _result(
        "exit_interviews",
        f"Exit-interview forms were received within {days} days of the period end "
        f"(by {long_date(limit.date())})",
        "date_received",
        WARNING,
        failures,
        expected=f"a date received by {long_date(limit.date())}",
        what="An exit-interview form was received long after the review period; it is still "
        "counted in the period's return rate.",
        hint="Check the date received; if the form belongs to a later period, remove it "
        "from this export.",
        affects=RETURN_AFFECTS,
        tables=("exit_return_rate",),
    )


def denominators(
    leavers: pd.DataFrame, establishment: pd.DataFrame, max_per_post: float = MAX_LEAVERS_PER_POST
) -> list[CheckResult]:
    """Critical: turnover denominators that are zero or far smaller than the leavers.

    For each of the pack's services with leavers (the leavers given: pass those in the period;
    a service that is not one of the pack's is left to the label check), the
    establishment's posts (all professions, the "all qualified posts" denominator of the
    turnover table) must be above zero and at least the leavers divided by ``max_per_post``.
    """
    counts = leavers["service"].dropna().value_counts()
    known = pack_services()
    if known:  # an unknown service is the label check's problem, not a missing denominator
        counts = counts[counts.index.isin(known)]
    posts = pd.to_numeric(establishment["posts"], errors="coerce")
    rows = _rows(establishment)
    zero, far = [], []
    for service, n in counts.items():
        mine = establishment["service"] == service
        total = float(posts[mine].sum())
        where = [int(r) for r in rows[mine]] or [None]
        if total <= 0:
            zero.extend(
                FailingRow(
                    r,
                    f"{total:g} posts for {service}",
                    expected=f"the service's posts (it has {n} leavers)",
                )
                for r in where
            )
        elif n > max_per_post * total:
            far.extend(
                FailingRow(
                    r,
                    f"{total:g} posts for {service}, {n} leavers",
                    expected=f"at least {n / max_per_post:g} posts for {n} leavers",
                )
                for r in where
            )
    return [
        _result(
            "establishment",
            "Every service with leavers has establishment posts (turnover is not divided by 0)",
            "posts",
            CRITICAL,
            zero,
            expected="posts above 0 for every service that has leavers",
            what="A service has leavers but no establishment posts, so its turnover cannot be "
            "worked out.",
            hint="Add the service's posts to the establishment export (or correct the service "
            "of its leavers).",
        ),
        _result(
            "establishment",
            f"Leavers in the period are at most {max_per_post:g} times a service's "
            "establishment posts",
            "posts",
            CRITICAL,
            far,
            expected=f"leavers no more than {max_per_post:g} times the posts",
            what="A service has far more leavers than establishment posts: the posts or the "
            "leavers export is probably wrong.",
            hint="Check the service's posts in the establishment export and the number of rows "
            "in the leavers export.",
        ),
    ]


def turnover_rates(leavers: pd.DataFrame, establishment: pd.DataFrame) -> list[Rate]:
    """Turnover per service as the leavers section works it out (leavers / posts x 100).

    ``leavers`` are those counted (in the period); services without posts are left out (the
    zero-denominator check reports them). Both bases of the turnover table: all qualified
    posts, and social work leavers over social worker posts.
    """
    posts = pd.to_numeric(establishment["posts"], errors="coerce")
    out = []
    for service in establishment["service"].drop_duplicates():
        mine = establishment["service"] == service
        lv = leavers[leavers["service"] == service]
        bases = [("", len(lv), float(posts[mine].sum()), "posts")]
        if "profession" in establishment.columns and "profession" in leavers.columns:
            sw = mine & (establishment["profession"] == "Social work")
            bases.append(
                (
                    ", social workers",
                    int((lv["profession"] == "Social work").sum()),
                    float(posts[sw].sum()),
                    "social worker posts",
                )
            )
        for basis, n, total, noun in bases:
            if total > 0:
                out.append(
                    Rate(f"{service}{basis}", 100.0 * n / total, f"{n} leavers / {total:g} {noun}")
                )
    return out


def return_rates(leavers: pd.DataFrame, forms: pd.DataFrame) -> list[Rate]:
    """Exit-interview return rate per service as the leavers section works it out.

    Forms of the service (all forms in the export) / leavers of the service counted in the
    period x 100; services without leavers are left out.
    """
    out = []
    for service in dict.fromkeys([*leavers["service"].dropna(), *forms["service"].dropna()]):
        n_l = int((leavers["service"] == service).sum())
        n_f = int((forms["service"] == service).sum())
        if n_l:
            out.append(Rate(str(service), 100.0 * n_f / n_l, f"{n_f} forms / {n_l} leavers"))
    return out


def rate_plausibility(
    counted: pd.DataFrame,
    establishment: pd.DataFrame | None,
    forms: pd.DataFrame | None,
    settings: Mapping[str, Any],
) -> list[CheckResult]:
    """Turnover (0-100% and the review's ceiling) and return rates (0-100%) per service.

    ``counted`` are the leavers counted in the period. A service with more leavers than
    ``max_leavers_per_post`` (setting) times its posts is left out of the turnover checks: the
    denominator check (:func:`denominators`) already stops the build for it.
    """
    ceilings = settings.get("ceilings") or {}
    ratio = float(settings.get("max_leavers_per_post") or MAX_LEAVERS_PER_POST)
    results: list[CheckResult] = []
    if establishment is not None and {"service", "posts"} <= set(establishment.columns):
        posts = pd.to_numeric(establishment["posts"], errors="coerce")
        far = {
            s
            for s in establishment["service"].drop_duplicates()
            if (counted["service"] == s).sum() > ratio * posts[establishment["service"] == s].sum()
        }
        rates = [
            r for r in turnover_rates(counted, establishment) if r.label.split(",")[0] not in far
        ]
        results.extend(
            rate_checks(
                "leavers",
                "turnover",
                rates,
                column="service",
                ceiling=ceilings.get("turnover"),
                setting="plausibility: turnover",
                affects=TURNOVER_AFFECTS,
                tables=("turnover",),
                hint="Check the number of rows of the leavers export and the service's posts in "
                "the establishment export.",
            )
        )
    known = pack_services()
    labelled = not known or counted["service"].dropna().isin(known).all()
    # A leaver of an unknown service is the label check's problem; its forms would seem extra.
    if forms is not None and "service" in forms.columns and len(forms) and labelled:
        results.extend(
            rate_checks(
                "exit_interviews",
                "exit-interview return rate",
                return_rates(counted, forms),
                column="service",
                ceiling=None,
                setting="",
                affects=RETURN_AFFECTS,
                tables=("exit_return_rate",),
                hint="A service has more exit-interview forms than leavers in the period: check "
                "for forms of leavers outside the period or of another service.",
            )
        )
    return results


def exit_forms_contradicting_leavers(
    leavers: pd.DataFrame, forms: pd.DataFrame, settings: Mapping[str, Any]
) -> CheckResult:
    """Exit forms whose service contradicts the leaver's in the HR leavers extract.

    The same employee reference in both exports with two different services: the form is
    counted in its own service's return rate and its answers in that service's tables, the
    leaver in the other's turnover. Each form's row is listed with the leaver's row. Severity:
    ``plausibility: checks: contradicting_exports`` (a warning by default: HR's record is
    usually right, and the form's service is what the leaver wrote).
    """
    from pipelines.core.validation_checks import check_severity, severity_hint

    severity = check_severity(settings, "contradicting_exports")
    refs = {}
    for i in leavers.index:
        refs.setdefault(str(leavers.at[i, "employee_ref"]).strip().casefold(), i)
    leaver_rows, form_rows = _rows(leavers), _rows(forms)
    failures = []
    for i in forms.index:
        ref = forms.at[i, "employee_ref"]
        if ref is None or ref != ref:
            continue
        j = refs.get(str(ref).strip().casefold())
        if j is None:
            continue
        theirs, ours = leavers.at[j, "service"], forms.at[i, "service"]
        if theirs is None or ours is None or theirs != theirs or ours != ours or theirs == ours:
            continue
        failures.append(
            FailingRow(
                int(form_rows[i]),
                f"{ref}: {ours} on the form, {theirs} in the leavers extract (row "
                f"{int(leaver_rows[j])})",
            )
        )
    return _result(
        "exit_interviews",
        "Each exit form's service is the leaver's service in the leavers extract",
        "service",
        severity,
        failures,
        expected="the service the leavers extract gives the same employee reference",
        what="An exit form and the leavers extract give one person two different services: "
        "the two exports contradict each other.",
        hint=severity_hint(
            severity,
            "contradicting_exports",
            "Check which service the leaver worked in and correct the form or the leavers extract.",
        ),
        affects=RETURN_AFFECTS,
        tables=("exit_return_rate",),
    )


@register_cross_check("leavers_plausibility")
def leavers_plausibility_checks(
    frames: Mapping[str, pd.DataFrame], settings: Mapping[str, Any]
) -> list[CheckResult]:
    """Duplicate forms, leavers outside the period, late forms, denominators and rates."""
    leavers, forms = frames.get("leavers"), frames.get("exit_interviews")
    establishment = frames.get("establishment")
    start, end = as_date(settings.get("period_start")), as_date(settings.get("period_end"))
    results: list[CheckResult] = []
    if forms is not None and "employee_ref" in forms.columns and len(forms):
        results.append(duplicate_exit_forms(forms))
        if (
            leavers is not None
            and {"employee_ref", "service"} <= set(leavers.columns)
            and "service" in forms.columns
        ):
            results.append(exit_forms_contradicting_leavers(leavers, forms, settings))
    if start and end and leavers is not None and "leaving_date" in leavers.columns:
        results.append(leavers_outside_period(leavers, start, end))
    if end and forms is not None and "date_received" in forms.columns and len(forms):
        days = int(settings.get("late_form_days") or LATE_FORM_DAYS)
        results.append(late_exit_forms(forms, end, days))
    if (
        leavers is not None
        and establishment is not None
        and {"service", "leaving_date"} <= set(leavers.columns)
        and {"service", "posts"} <= set(establishment.columns)
    ):
        counted = leavers
        if start and end:
            d = pd.to_datetime(leavers["leaving_date"])
            counted = leavers[(d >= pd.Timestamp(start)) & (d <= pd.Timestamp(end))]
        ratio = float(settings.get("max_leavers_per_post") or MAX_LEAVERS_PER_POST)
        results.extend(denominators(counted, establishment, ratio))
    if leavers is not None and {"service", "leaving_date"} <= set(leavers.columns):
        counted = leavers
        if start and end:
            d = pd.to_datetime(leavers["leaving_date"])
            counted = leavers[(d >= pd.Timestamp(start)) & (d <= pd.Timestamp(end))]
        results.extend(rate_plausibility(counted, establishment, forms, settings))
    return results


@register_cross_check("meeting_before_data")
def meeting_before_data(
    frames: Mapping[str, pd.DataFrame], settings: Mapping[str, Any]
) -> list[CheckResult]:
    """A meeting dated before the end of the data it is given (a warning, or critical).

    ``settings["data_after_meeting"]``: (dataset, sentence) pairs from
    :func:`pipelines.core.context.data_after_meeting` for the meeting being
    built (none outside a build); severity ``settings["meeting_before_data"]`` (``plausibility:
    meeting_before_data: severity:``, a warning by default).
    """
    severity = settings.get("meeting_before_data", WARNING)
    return [
        _result(
            dataset,
            "The data end on or before the meeting",
            None,
            CRITICAL if severity == "critical" else WARNING,
            [FailingRow(None, sentence)],
            expected="a meeting dated on or after the end of the data period and every "
            "export's as_at",
            what=sentence,
            hint="Check the meeting's date and the period (period: end:) and as_at dates in "
            "the review configuration; if the pack is meant to show data that run past the "
            "meeting, say so to the committee.",
            affects="Every figure of the period: it includes days after the meeting",
        )
        for dataset, sentence in settings.get("data_after_meeting") or []
    ]
