"""Sentences of the retention section's findings (called by :mod:`pipelines.sections.findings`)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from pipelines.core.figures import Figure, Kind, exempt_only, format_value
from pipelines.core.finding_words import leavers_when


def _num(text: object) -> float:
    try:
        return float(text)
    except (TypeError, ValueError):
        return float("nan")


def _pct(value: float) -> str:
    return format_value(value, Kind.PERCENT)


#: Simple fractions a share is written as when it is within 2.5 points of one.
FRACTIONS = ((1, 2), (1, 3), (2, 3), (1, 4), (3, 4), (1, 5), (2, 5), (3, 5), (4, 5))


#: Small whole numbers in words: a ratio written "3 in 5" reads as a count of 3 people to the
#: public suppression of counts in text ("fewer than 5 in 5"), so it is written in words.
NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def in_words(share: float) -> str:
    """A share of starters as the sentence leads with it: ``"60.0% of"``.

    Not "about 3 in 5": the public suppression of counts in text reads the 3 (in digits or in
    words) as a count of people and would print "fewer than 5 in 5".
    """
    return f"{_pct(share)} of"


#: The figures of the projection's finding, one per service.
AGENCY_RISE = "retention_agency_rise_"


def projection_lead(figures: Sequence[Figure], pol=None) -> str | None:
    """The key of the projection figure whose sentence states the projection's condition.

    Of the services' ``retention_agency_rise_*`` figures with a rise (those that make a
    finding), the one with the largest cost a year, which the ranking puts first (ties: the
    first given); None without any. The other services' sentences refer to it ("on the same
    projection") instead of repeating the condition. Under a public ``pol`` a figure stated in
    the exempt appendix only is not among them (its sentence is not in the public report).
    """
    rising = [
        f
        for f in figures
        if f.key.startswith(AGENCY_RISE) and (f.value or 0) > 0 and not exempt_only(f, pol)
    ]
    if not rising:
        return None
    return max(rising, key=lambda f: (float(f.value or 0), -rising.index(f))).key


def about_pounds(value: float) -> str:
    """Pounds for an "about" figure, rounded as a projection can claim: "£233,000".

    To the nearest £1,000 from £10,000, the nearest £100 below (a projection's cost is not
    known to the pound; "about £233,104" would claim it is).
    """
    step = -3 if abs(value) >= 10_000 else -2
    return f"£{round(value, step):,.0f}"


#: Why a window of measurement ends at the staff list's date, before the review's period ends.
STAFF_LIST = "the date of the staff in post list"


def _window(window: object, notes) -> str:
    """A window of measurement, with why it ends where it does when that is before the period.

    "1 September 2015 to 30 July 2016, the date of the staff in post list" when the window ends
    on the staff list's date (the figure's ``staff_list_date`` note, set only when that is
    before the end of the review's period, to which the leavers run: reader12, "30 July" and
    "31 August" in one finding, never explained); the window alone otherwise.
    """
    end = (notes or {}).get("staff_list_date")
    said = str(window or "")
    return f"{said}, {STAFF_LIST}" if end and said.endswith(f"to {end}") else said


def _rates_of(window: object, notes=None) -> str:
    """The rates a projection carries forward, by when they were measured.

    "of 1 September 2015 to 30 July 2016, the date of the staff in post list" (the figure's
    ``rates_window`` note, :func:`_window`); "measured over the last year" for a figure
    without one.
    """
    return f"of {_window(window, notes)}" if window else "measured over the last year"


def finding_text(fig: Figure, m=None, pol=None, others: Sequence[Figure] = ()) -> str:
    """The key-finding sentence of a retention figure (``m``, ``pol``: as findings pass them).

    ``retention_leave_within_two_years_*``: the Kaplan-Meier share of starters who leave within
    two years, its 95% interval and the share of leavers who had served under two years beside
    it, the leavers named by their own period (the figure's ``leavers_period`` note:
    :func:`pipelines.core.finding_words.leavers_when`), each named as what it is (a share of
    starters, a share of leavers) so the two values are never read as one measure;
    ``retention_agency_rise_*``: agency FTE now and at the end of the projection, its interval,
    and the extra cost a year; the condition ("if staff keep joining, leaving and moving from
    agency to permanent posts at the rates of <window> ...", the window the rates were measured
    over, from the figure's notes) is said once, in the sentence of the service that
    ranks first among ``others`` (:func:`projection_lead`), and the other services' sentences
    say "on the same projection". Shares, FTE and pounds only: no count of people is printed.
    """
    service = fig.label.split(":", 1)[0]
    n = fig.notes
    if fig.key.startswith("retention_leave_within_two_years_"):
        share = float(fig.value or 0)
        about = in_words(share)
        low, high = _num(n.get("low")), _num(n.get("high"))
        interval = (
            f" (95% interval {_pct(low)} to {_pct(high)})"
            if not (math.isnan(low) or math.isnan(high))
            else ""
        )
        seed = _num(n.get("share_of_leavers"))
        # the leavers' own period (the review's), which is not the starters' window above
        leavers = leavers_when(n.get("leavers_period", ""))
        # the window ends at the staff list's date: said why, where it differs from the leavers'
        window = _window(fig.period, n)
        why = ", the one day the data show who is still in post" if window != fig.period else ""
        beside = (
            f" The {_pct(seed)} of leavers {leavers} who had served under two years is "
            "another measure, a share of leavers that rises and falls with recruitment."
            if not math.isnan(seed)
            else ""
        )
        return (
            f"{service}: {about} qualified staff who start leave within two years{interval}. "
            f"This is a starter's chance of leaving, measured over {window}{why}.{beside}"
        )
    fte = lambda key: format_value(_num(n.get(key)), Kind.FTE)  # noqa: E731
    unclear = _num(n.get("agency_low")) <= _num(n.get("agency_start"))
    lead = projection_lead(others, pol)
    condition = (
        "on the same projection, agency staff in all its posts go from "
        if lead is not None and lead != fig.key
        else "if staff keep joining, leaving and moving from agency to permanent posts at the "
        f"rates {_rates_of(n.get('rates_window'), n)}, agency staff in all the service's posts "
        "(managers included) go from "
    )
    return (
        f"{service}: {condition}"
        f"{fte('agency_start')} at {n.get('start')} to "
        f"{fte('agency_end')} by {n.get('end')} (95% interval {fte('agency_low')} to "
        f"{fte('agency_high')}"
        + ("; one year of data cannot rule out no rise" if unclear else "")
        + f"), costing about {about_pounds(_num(fig.value))} a year more than now."
    )


#: Said under the scenarios table when the supplement withdrawal is not modelled because the rise
#: in the leaving rate it assumes has no stated basis (issue 22: no unsourced assumption in a
#: public paper).
SUPPLEMENT_NOT_MODELLED = (
    "Withdrawing the market supplement. No one has given this review an estimate, with its "
    "reasons, of how many more staff would leave without it, so it is not projected."
)


def supplement_scenario_left_out(frames, p, wp) -> bool:
    """True when the supplement-withdrawal scenario would run but its assumption has no basis.

    The scenario raises the leaving rate of the supplement's recipients by
    ``supplement_leaving_increase`` percent; without ``supplement_leaving_increase_basis`` (who
    assumed it and why) it is left out of every document, and the notebook says
    :data:`SUPPLEMENT_NOT_MODELLED` once, in a note under the scenarios table.
    """
    return (
        frames.get("market_supplements") is not None
        and wp.supplement_change.get("service") == p.scenario_service
        and not p.supplement_leaving_increase_basis.strip()
    )
