"""The retention section's result: curves, the seed measure beside them, and the projection.

:func:`build` is the section's ``SectionSpec.build``: from the tidy staff in post, leavers
(and their qualification dates), the workforce snapshot and the pay rates it makes typed tables
(:class:`~pipelines.core.results.TidyTable`), the figures read from them and the findings it
proposes. Groups too small to show (fewer people or leavers than the review's disclosure
threshold) are merged (start years) or withheld (services, experience) in every audience, so one
figure has one value; the step curves, which date each leaving, are an exempt-only table
(``individuals=True``). Costs come from the workforce section's public functions
(:mod:`pipelines.sections.workforce.costs`, ``.supplements``, ``.analysis``) with its parameters
in the meeting.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace

import pandas as pd

from pipelines.core.disclosure_audit import Population, under_years_label
from pipelines.core.figures import EXEMPT_ONLY, SERVICE_KEYS, Figure, Kind
from pipelines.core.results import Column, ProposedFinding, SectionResult, TidyTable
from pipelines.sections.retention import analysis as ra
from pipelines.sections.retention import projection as pj
from pipelines.sections.retention.curves import curves_tables, observed_period, pct_column
from pipelines.sections.retention.parameters import RetentionParameters
from pipelines.sections.retention.text import (  # noqa: F401 - the notebook reads them here
    SUPPLEMENT_NOT_MODELLED,
    supplement_scenario_left_out,
)
from pipelines.sections.workforce import agency_rate as war
from pipelines.sections.workforce import analysis as wa
from pipelines.sections.workforce import costs as wco
from pipelines.sections.workforce import posts as wpo
from pipelines.sections.workforce import supplements as wsu
from pipelines.sections.workforce.parameters import WorkforceParameters

SECTION = "45_retention"
WORKFORCE = "40_workforce_costs"
#: Columns of the projection's 95% intervals (current rates only).
INTERVALS = ("permanent_low", "permanent_high", "agency_low", "agency_high")
#: Job titles of the snapshot outside the leavers extract's scope.
OUT_OF_SCOPE = ("Service Manager", "Independent Reviewing Officer")


def workforce_parameters(cfg, meeting) -> WorkforceParameters:
    """The workforce section's parameters in the meeting (its defaults where none are given)."""
    given: dict[str, object] = {}
    if meeting is not None:
        try:
            for s in cfg.meeting(str(meeting)).sections:
                if s.notebook == WORKFORCE:
                    given = dict(s.parameters)
        except Exception:  # noqa: BLE001 - no such meeting: defaults
            given = {}
    return WorkforceParameters(**given)


#: The recruitment section, whose starters from outside a year the projection reads.
RECRUITMENT = "15_recruitment"
#: Where the projection's starters from outside come from (the rates table's last column).
FROM_RECRUITMENT = "recruitment system export"
FROM_RECORDS = "workforce records (staff in post)"


def recruitment_starters(ctx) -> dict[str, dict[str, float]]:
    """Starters from outside by service, from the recruitment section's result; or {}.

    When the meeting includes 15_recruitment and the review has the recruitment export, the
    recruitment section's result (built once per meeting through the registry, with the
    meeting's parameters for it) gives each service's figure ``starters_per_year_<service>``:
    ``per_year`` (people who started in the review period by any route but agency conversion,
    x 365.25 / days in the period) and ``starters`` (those people). Otherwise {}: the projection
    keeps its own rate from the workforce records (:func:`projection.measure_rates`). The
    starters depend on the export and the period only, not on the recruitment section's
    parameters, so those need not be in this section's cache key (``parameters_of``); the
    meeting's list of sections is (:func:`pipelines.cache.without_section_parameters`).
    """
    cfg, meeting = ctx.review, getattr(ctx, "meeting", None)
    if meeting is None or "recruitment" not in cfg.datasets:
        return {}
    try:
        refs = cfg.meeting(str(meeting)).sections
    except Exception:  # noqa: BLE001 - no such meeting: the workforce records' rate
        return {}
    ref = next((s for s in refs if s.notebook == RECRUITMENT), None)
    if ref is None:
        return {}
    from pipelines.core.section_build import build_section

    result = build_section(ctx, RECRUITMENT, dict(ref.parameters))
    out = {}
    for service, key in SERVICE_KEYS.items():
        if f"starters_per_year_{key}" in result.figure_keys():
            fig = result.figure(f"starters_per_year_{key}")
            out[service] = {"per_year": float(fig.value or 0), "starters": float(fig.numerator)}
    return out


def permanent_cost(snapshot: pd.DataFrame, pay: pd.DataFrame, service: str, roles) -> float:
    """Permanent cost a year of one practitioner post in a service, pounds.

    The pay table's annual cost (salary, employer's NI, supplement, car allowance) of each
    snapshot row of a job title in ``roles``, weighted by the row's establishment FTE.
    """
    rows = snapshot[(snapshot["service"] == service) & snapshot["job_title"].isin(roles)]
    costs = rows.merge(
        pay[["service", "job_title", "grade", "annual_cost"]],
        on=["service", "job_title", "grade"],
        how="inner",
    )
    weight = float(costs["establishment_fte"].sum())
    return (
        float((costs["annual_cost"] * costs["establishment_fte"]).sum() / weight) if weight else 0.0
    )


def projection_tables(
    cfg,
    frames,
    data,
    p: RetentionParameters,
    wp: WorkforceParameters,
    as_at,
    window_start,
    recruited: Mapping[str, Mapping[str, float]] | None = None,
):
    """Rates, projection and scenario tables, and what the figures need.

    ``recruited`` (:func:`recruitment_starters`) gives a service's starters from outside a year
    from the recruitment system: its starting rate is then that rate x the mean FTE of a starter
    in the workforce records, and its count for the interval that rate over the window.
    """
    snapshot, pay = frames["workforce_snapshot"], frames["pay_rates"]
    agency_cost = wco.agency_annual_cost(
        wp.agency_hourly_rate, wp.agency_hours_per_week, wp.agency_weeks_per_year
    )
    ends = pj.quarter_ends(as_at, p.quarters)
    lengths = pj.quarter_lengths(ends)
    labels = quarter_labels(ends)
    rate_rows, proj_rows, ci_rows, flow_rows, scen_rows, info = [], [], [], [], [], {}
    for service in wa.services_in_order(list(snapshot["service"].unique())):
        rows = snapshot[snapshot["service"] == service]
        start = pj.State(
            float(rows["establishment_fte"].sum()),
            float(rows["permanent_fte"].sum()),
            float(rows["agency_fte"].sum()),
        )
        rates = pj.measure_rates(data, service, window_start, as_at)
        got = (recruited or {}).get(service)
        if got is not None:
            rates = pj.replace(
                rates,
                starting=got["per_year"] * rates.starter_fte,
                starters=got["per_year"] * rates.years,
            )
        rate_rows.append(
            {
                "service": service,
                "leavers": rates.leavers,
                "leaving_rate": 100 * rates.leaving,
                "starters": got["starters"] if got is not None else rates.starters,
                "starting_rate": rates.starting,
                "conversions": rates.conversions,
                "converting_rate": rates.converting,
                "starters_from": FROM_RECRUITMENT if got is not None else FROM_RECORDS,
            }
        )
        base = pj.project(start, rates, p.quarters, lengths=lengths)
        ci = pj.intervals(start, rates, p.quarters, lengths=lengths)
        base = base.merge(ci, on="quarter")
        perm_cost = permanent_cost(snapshot, pay, service, wp.capped_rate_roles)
        info[service] = {
            "start": start,
            "base": base,
            "rates": rates,
            "perm_cost": perm_cost,
            "agency_cost": agency_cost,
        }
        scenarios = [("Current rates continue", base, 0.0, "Nothing changes")]
        if service == p.scenario_service:
            scenarios += _scenarios(
                cfg, frames, p, wp, start, rates, base, perm_cost, agency_cost, lengths
            )
        for name, table, cost, what in scenarios:
            for _, r in table.iterrows():
                flow_rows.append(
                    {
                        "scenario": name,
                        "service": service,
                        "quarter_end": labels[int(r["quarter"])],
                        "establishment": float(r["establishment"]),
                        "unfilled": float(r["unfilled"]),
                        **{f: float(r[f]) for f in pj.FLOWS},
                    }
                )
                proj_rows.append(
                    {
                        "scenario": name,
                        "service": service,
                        "quarter_end": labels[int(r["quarter"])],
                        "permanent": r["permanent"],
                        "agency": r["agency"],
                        "vacant": r["vacant"],
                    }
                )
                if table is base:
                    ci_rows.append(
                        {
                            "service": service,
                            "quarter_end": labels[int(r["quarter"])],
                            **{c: float(r[c]) for c in INTERVALS},
                        }
                    )
            last = table.iloc[-1]
            scen_rows.append(
                {
                    "scenario": name,
                    "service": service,
                    "what": what,
                    "permanent_end": float(last["permanent"]),
                    "agency_end": float(last["agency"]),
                    "vacant_end": float(last["vacant"]),
                    # a cost and a saving, each a sum of money: never a minus sign, nor -0
                    "cost": max(float(cost), 0.0) or 0.0,
                    "saving": max(-float(cost), 0.0) or 0.0,
                }
            )
    return (
        pd.DataFrame(rate_rows),
        pd.DataFrame(proj_rows),
        pd.DataFrame(ci_rows),
        pd.DataFrame(flow_rows),
        pd.DataFrame(scen_rows),
        info,
        ends,
    )


def quarter_labels(ends) -> list[str]:
    """Row labels of the projection: the snapshot date, then each projected quarter end."""
    return [f"{d:%-d %B %Y} ({'snapshot' if i == 0 else 'projected'})" for i, d in enumerate(ends)]


def converted_posts(wp: WorkforceParameters) -> float:
    """Agency posts (FTE) the "made permanent" option converts at the snapshot date.

    The workforce section's ``posts_made_permanent`` in the meeting: one number of posts for
    the option across the pack.
    """
    return float(wp.posts_made_permanent)


def made_permanent(wp: WorkforceParameters) -> str:
    """The name of the "agency posts made permanent" option (its number of posts)."""
    return f"{converted_posts(wp):g} agency posts made permanent: cost over time"


def illustrative(wp: WorkforceParameters) -> set[str]:
    """Options resting on a number no council paper sets: never in a public document.

    The posts made permanent without ``posts_made_permanent_source`` are an illustration
    (issue 22, point 1: an illustrative input reaches the exempt appendix and the annex only).
    """
    return set() if wp.posts_made_permanent_source.strip() else {made_permanent(wp)}


def public_rows(
    table: TidyTable, left_out: set[str], withheld: set[str] = frozenset()
) -> TidyTable:
    """``table`` with a public variant without some rows.

    No row of an option in ``left_out``, and no row of a service in ``withheld``
    (:func:`withheld_services`).
    """
    frame = table.frame
    keep = ~frame["service"].isin(withheld)
    if "scenario" in frame.columns:
        keep &= ~frame["scenario"].isin(left_out)
    if keep.all():
        return table
    shown = replace(table, frame=table.frame[keep], public_variant=None)
    return replace(table, public_variant=shown)


def withheld_services(rates: pd.DataFrame, threshold: int) -> list[str]:
    """Services whose projection rests on a flow of 1 to ``threshold`` - 1 people.

    Their projection (point and interval), its scenarios, chart and finding are in the exempt
    appendix only (:func:`.projection.small_flows`; adversary15: 3 starters a year and 0
    appointed from agency read back from a public "34 to 41.5 agency FTE").
    """
    return [str(r["service"]) for _, r in rates.iterrows() if pj.small_flows(dict(r), threshold)]


def withheld_of(table: TidyTable) -> list[str]:
    """The services of ``table`` its public variant leaves out (:func:`withheld_services`)."""
    public = table.public_variant
    shown = set(public.frame["service"]) if public is not None else None
    return [
        s for s in dict.fromkeys(table.frame["service"]) if shown is not None and s not in shown
    ]


def _scenarios(cfg, frames, p, wp, start, rates, base, perm_cost, agency_cost, lengths=None):
    """The group's options for the scenario service: (name, projection, cost a year, words).

    ``lengths``: each projected quarter's length in years (:func:`.projection.quarter_lengths`).
    """
    out = []
    n = converted_posts(wp)
    if n > 0:
        s = pj.scenario_start(start, convert=n)
        table = pj.project(s, rates, p.quarters, lengths=lengths)
        cost = pj.annual_cost_difference(table, base, agency_cost, perm_cost)
        out.append(
            (
                made_permanent(wp),
                table,
                cost,
                f"{n:g} agency FTE made permanent at the snapshot date, "
                f"{wp.converted_words()}; costed over the second year, when some have left",
            )
        )
    register = frames.get("market_supplements")
    change = wp.supplement_change
    basis = p.supplement_leaving_increase_basis.strip()
    if register is not None and change.get("service") == p.scenario_service and basis:
        try:
            m = wsu.supplement_model_inputs(
                register,
                frames["workforce_snapshot"],
                frames["pay_rates"],
                change["service"],
                change["job_title"],
                change["grade"],
                wp.agency_hourly_rate,
                wp.agency_hours_per_week,
                wp.agency_weeks_per_year,
            )
        except Exception:  # noqa: BLE001 - no such supplement: no scenario
            m = None
        if m is not None and start.permanent > 0:
            share = m["recipients"] / start.permanent
            r = pj.replace(
                rates, leaving=rates.leaving * (1 + p.supplement_leaving_increase / 100 * share)
            )
            table = pj.project(start, r, p.quarters, lengths=lengths)
            saving = m["recipients"] * m["supplement"]
            cost = pj.annual_cost_difference(table, base, agency_cost, perm_cost, direct=-saving)
            out.append(
                (
                    f"{change['job_title']} {change['grade']} supplement withdrawn",
                    table,
                    cost,
                    f"the £{m['supplement']:,.0f} supplement of {m['recipients']:g} FTE withdrawn; "
                    f"their leaving rate {p.supplement_leaving_increase:g}% higher ({basis})",
                )
            )
    caseloads = frames.get("caseloads")
    target = getattr(cfg.targets, "average_caseload", None)
    if p.caseload_target_met and caseloads is not None and target:
        mine = caseloads[caseloads["service"] == p.scenario_service]
        workers = len(mine)
        cases = float(mine["total_cases"].sum())
        extra = max(math.ceil(cases / target) - workers, 0) if workers else 0
        if extra > 0:
            s = pj.scenario_start(start, extra_posts=float(extra))
            table = pj.project(s, rates, p.quarters, cover=pj.cover_share(start), lengths=lengths)
            cost = pj.annual_cost_difference(table, base, agency_cost, perm_cost)
            out.append(
                (
                    "Caseload target met",
                    table,
                    cost,
                    f"{extra} posts added so that {cases:,.0f} cases average under {target:g} "
                    "a worker, filled like the other vacancies",
                )
            )
    return out


def pounds_per_person(path=None) -> float:
    """Pounds a year that count as one person in the ranking rule (``config/findings.yml``).

    The rule :mod:`pipelines.sections.findings` ranks every section's findings by (which this
    evidence section may not import: it sits above the sections). Orders the section's own
    proposed findings, people and pounds a year together, as the ranking does.
    """
    import yaml

    from pipelines.core.config import project_root

    path = path or project_root() / "config" / "findings.yml"
    rule = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return float(rule.get("pounds_per_person", 40000))


def build(ctx, params: RetentionParameters | Mapping[str, object] | None = None) -> SectionResult:
    """The retention section's result for a run (its ``SectionSpec.build``).

    Returns
    -------
    SectionResult
        Tables ``by_service``, ``by_cohort``, ``by_experience`` (share still in post at 1 and 2
        years with 95% intervals, median), ``curve_<by>`` (yearly points), ``steps_<by>``
        (exempt only), ``logrank_<by>``, ``seed_measure``, ``rates``, ``projection`` and
        ``scenarios``, with ``intervals`` (the 95% intervals of the projection at current
        rates) and ``flows`` (each quarter's establishment, unfilled FTE and flows); figures
        ``retention_leave_within_two_years_<service>`` and ``retention_agency_rise_<service>``;
        findings on them (people a year; pounds a year).
        Without staff in post or leavers: an empty result.

    """
    p = (
        params
        if isinstance(params, RetentionParameters)
        else RetentionParameters(**dict(params or {}))
    )
    cfg, frames = ctx.review, ctx.frames()
    if not all(
        k in frames for k in ("staff_in_post", "leavers", "workforce_snapshot", "pay_rates")
    ):
        return SectionResult(SECTION)
    snap_cfg = cfg.datasets.get("staff_in_post")
    as_at = pd.Timestamp(getattr(snap_cfg, "as_at", None) or cfg.period.end)
    window_start = pd.Timestamp(cfg.period.start)
    window = f"{window_start:%-d %B %Y} to {as_at:%-d %B %Y}"
    # the window ends before the review's period, at the staff list's date: the findings say why
    early = {"staff_list_date": f"{as_at:%-d %B %Y}"} if as_at.date() < cfg.period.end else {}
    source = f"{cfg.datasets['staff_in_post'].source}; {cfg.datasets['leavers'].source}"
    data = ra.spells(
        frames["staff_in_post"],
        frames["leavers"],
        window_start,
        as_at,
        frames.get("leaver_qualifications"),
        p.newly_qualified_months,
    )
    threshold = int(getattr(cfg, "disclosure_threshold", 5) or 5)
    # The curves' period says what they are computed from: the window's leavers and the staff
    # in post at its end, who started years before it (their source line).
    observed = observed_period(data, window_start, as_at)
    tables = curves_tables(cfg, data, threshold, p.curve_years, source, observed)
    figures: list[Figure] = []
    findings: list[ProposedFinding] = []
    years = (as_at - window_start).days / 365.25

    by_service = tables.get("by_service")
    if by_service is not None:
        period_leavers = frames["leavers"]
        period_leavers = period_leavers[
            (period_leavers["leaving_date"] >= window_start)
            & (period_leavers["leaving_date"] <= pd.Timestamp(cfg.period.end))
        ]
        seed = ra.seed_measure(period_leavers, by_service.frame)
        dims = {"Service": "service"}
        tables["seed_measure"] = TidyTable(
            name="seed_measure",
            frame=seed,
            columns={
                "service": Column("Service"),
                "leavers": Column("Leavers in the year", Kind.PEOPLE, Population("leavers", dims)),
                "leavers_short": Column(
                    "Of whom with under 2 years' service",
                    Kind.PEOPLE,
                    Population(
                        "leavers", dims, {"Length of service": under_years_label(ra.SEED_YEARS)}
                    ),
                ),
                "share_of_leavers": Column(
                    "Share of leavers who left within 2 years (%)",
                    Kind.PERCENT_OF_PEOPLE,
                    numerator="leavers_short",
                    denominator="leavers",
                    format="{:.1f}",
                ),
                "starters_leave": Column(
                    "Share of starters who leave within 2 years (%)",
                    Kind.PERCENT,
                    Population("starters", dims),
                    format="{:.1f}",
                    measure="share of starters who leave within two years",
                ),
                "starters_low": pct_column("Lower 95% limit (%)"),
                "starters_high": pct_column("Upper 95% limit (%)"),
            },
            caption="Two measures of early leaving: a share of leavers, and a starter's chance"
            + (
                f" (\u2013: fewer than {threshold} starters still followed at 2 years)"
                if seed["starters_leave"].isna().any()
                else ""
            ),
            source=source,
            # Two periods: the year's leavers, and the starters followed up to the staff in
            # post date (the starters' chance cannot run past the date staff were counted).
            period=f"leavers {cfg.period.label}; starters followed {window}",
        )
        for i, r in seed.iterrows():
            key = SERVICE_KEYS.get(r["service"])
            if key is None or pd.isna(r["starters_leave"]):
                continue
            starters = data[
                (data["service"] == r["service"]) & (data["start_date"] >= window_start)
            ]
            per_year = len(starters) / years if years else 0.0
            expected = per_year * float(r["starters_leave"]) / 100
            measure, population, _ = tables["seed_measure"].identity("starters_leave", i)
            period = window  # starters followed from the period's start to the staff in post date
            fig = Figure(
                key=f"retention_leave_within_two_years_{key}",
                label=f"{r['service']}: share of starters who leave within two years",
                value=float(r["starters_leave"]),
                kind=Kind.PERCENT,
                numerator=expected,
                denominator=per_year,
                direction="lower",
                source=source,
                period=period,
                as_at=as_at.date(),
                section=SECTION,
                table="seed_measure",
                row=r["service"],
                column="Share of starters who leave within 2 years (%)",
                notes={
                    "low": str(r["starters_low"]),
                    "high": str(r["starters_high"]),
                    "share_of_leavers": str(r["share_of_leavers"]),
                    "leavers_period": f"{window_start:%-d %B %Y} to {cfg.period.end:%-d %B %Y}",
                    **early,
                    # its sentence quotes the leavers' share: stated once (findings.unstated)
                    "states": f"short_service_{key}={float(r['share_of_leavers'])!r}",
                },
                measure=measure,
                population=population,
            )
            figures.append(fig)
            if expected > 0:
                findings.append(ProposedFinding(fig.key, expected, "people a year"))

    # The agency rate of the agency spend export where held (as workforce costs it), else wp's.
    wp = war.effective_parameters(
        cfg, frames, workforce_parameters(cfg, getattr(ctx, "meeting", None))
    )
    recruited = recruitment_starters(ctx)
    rates, proj, ci, flows, scen, info, ends = projection_tables(
        cfg, frames, data, p, wp, as_at, window_start, recruited
    )
    labels = [f"{d:%-d %B %Y}" for d in ends]
    by = {"Service": "service"}
    tables["rates"] = TidyTable(
        name="rates",
        frame=rates,
        columns={
            "service": Column("Service"),
            "leavers": Column(
                f"Leavers to {as_at:%-d %B %Y}", Kind.PEOPLE, Population("window leavers", by)
            ),
            "leaving_rate": Column(
                "Leaving rate (% of permanent FTE a year)",
                Kind.RATE,
                numerator="leavers",
                format="{:.1f}",
            ),
            "starters": Column("Starters from outside", Kind.PEOPLE, Population("starters", by)),
            "starting_rate": Column(
                "Starters from outside (FTE a year)",
                Kind.RATE,
                numerator="starters",
                format="{:.1f}",
            ),
            "conversions": Column(
                "Agency workers appointed", Kind.PEOPLE, Population("agency appointed", by)
            ),
            "converting_rate": Column(
                "Agency workers appointed (FTE a year)",
                Kind.RATE,
                numerator="conversions",
                format="{:.1f}",
            ),
            "starters_from": Column("Starters counted from"),
        },
        caption=pj.rates_caption(bool(recruited), as_at, pd.Timestamp(cfg.period.end)),
        source=source + (f"; starters: {cfg.datasets['recruitment'].source}" if recruited else ""),
        period=window,
    )
    fte = {
        c: Column(lbl, Kind.FTE, format="{:.1f}")
        for c, lbl in (
            ("permanent", "Permanent FTE"),
            ("agency", "Agency FTE"),
            ("vacant", "Vacant FTE"),
        )
    }
    snapshot_source = cfg.datasets["workforce_snapshot"].source
    tables["projection"] = TidyTable(
        name="projection",
        frame=proj,
        columns={
            "scenario": Column("Scenario"),
            "service": Column("Service"),
            "quarter_end": Column("Date"),
            **fte,
        },
        caption=(
            f"Permanent, agency and vacant FTE at the snapshot date ({labels[0]}) and projected "
            "to each quarter end after it, at current rates and under each option"
        ),
        source=f"{snapshot_source}; {source}",
        period=f"{labels[0]} to {labels[-1]}",
    )
    tables["intervals"] = TidyTable(
        name="intervals",
        frame=ci,
        columns={
            "service": Column("Service"),
            "quarter_end": Column("Date"),
            **{
                c: Column(lbl, Kind.FTE, format="{:.1f}")
                for c, lbl in (
                    ("permanent_low", "Permanent: lower 95% limit"),
                    ("permanent_high", "Permanent: upper 95% limit"),
                    ("agency_low", "Agency: lower 95% limit"),
                    ("agency_high", "Agency: upper 95% limit"),
                )
            },
        },
        caption="95% intervals of the projection at current rates (sampling variation of rates)",
        source=f"{snapshot_source}; {source}",
        period=f"{labels[0]} to {labels[-1]}",
    )
    tables["flows"] = TidyTable(
        name="flows",
        frame=flows,
        columns={
            "scenario": Column("Scenario"),
            "service": Column("Service"),
            "quarter_end": Column("Date"),
            "establishment": Column("Establishment FTE", Kind.FTE, format="{:.1f}"),
            "unfilled": Column("Unfilled FTE (no agency cover)", Kind.FTE, format="{:.2f}"),
            **{
                f: Column(lbl, Kind.FTE, format="{:.2f}")
                for f, lbl in (
                    ("leavers", "Permanent leavers (FTE)"),
                    ("starters", "Starters from outside (FTE)"),
                    ("conversions", "Agency workers appointed (FTE)"),
                    ("agency_engaged", "Agency engaged (FTE)"),
                    ("agency_released", "Agency released (FTE)"),
                )
            },
        },
        caption=(
            "The establishment, the posts neither filled nor covered by agency, and the flows "
            "of each projected quarter behind the projection's FTE"
        ),
        source=f"{snapshot_source}; {source}",
        period=f"{labels[0]} to {labels[-1]}",
    )
    # The costs need the workforce section's agency hourly rate and the job titles it applies
    # to; where the review sets none they are not done (never costed at £0 an hour).
    uncosted = wpo.not_done(wp, "agency_premium")
    scenario_columns = {
        "scenario": Column("Scenario"),
        "service": Column("Service"),
        "what": Column("What changes"),
        "permanent_end": Column(f"Permanent FTE, {labels[-1]}", Kind.FTE, format="{:.1f}"),
        "agency_end": Column(f"Agency FTE, {labels[-1]}", Kind.FTE, format="{:.1f}"),
        "vacant_end": Column(f"Vacant FTE, {labels[-1]}", Kind.FTE, format="{:.1f}"),
        "cost": Column("Extra cost a year (£)", Kind.MONEY_PER_YEAR, format="{:,.0f}"),
        "saving": Column("Saving a year (£)", Kind.MONEY_PER_YEAR, format="{:,.0f}"),
    }
    if uncosted:
        scen = scen.drop(columns=["cost", "saving"])
        del scenario_columns["cost"], scenario_columns["saving"]
    caption = (
        f"Where each option is projected to leave the workforce by {labels[-1]}, and its extra "
        "cost or saving a year against current rates"
        if not uncosted
        else f"Where each option is projected to leave the workforce by {labels[-1]}. "
        + uncosted.replace(
            "The extra cost of the agency workers in post over permanent staff", "Its cost a year"
        )
    )
    tables["scenarios"] = TidyTable(
        name="scenarios",
        frame=scen,
        columns=scenario_columns,
        caption=caption,
        source=f"{snapshot_source}; {cfg.datasets['pay_rates'].source}; {source}",
        period=f"{labels[0]} to {labels[-1]}",
    )
    # an illustration is never public, nor a projection resting on small flows
    withheld = set(withheld_services(rates, threshold))
    for name in ("projection", "intervals", "flows", "scenarios"):
        tables[name] = public_rows(tables[name], illustrative(wp), withheld)
    for service, it in info.items():
        key = SERVICE_KEYS.get(service)
        if key is None or uncosted:
            continue
        base = it["base"]
        a0, a1 = float(base["agency"].iloc[0]), float(base["agency"].iloc[-1])
        premium = it["agency_cost"] - it["perm_cost"]
        value, assumed = (a1 - a0) * premium, war.is_assumed(wp)
        fig = Figure(
            key=f"retention_agency_rise_{key}",
            label=f"{service}: extra agency cost a year if current rates continue",
            value=value,
            kind=Kind.MONEY_PER_YEAR,
            numerator=a1 - a0,
            denominator=premium,
            direction=None if assumed else "lower",  # an assumed agency rate: never ranked
            source=f"{snapshot_source}; {source}",
            period=f"{labels[0]} to {labels[-1]}",
            as_at=as_at.date(),
            section=SECTION,
            comparators={"permanent_cost": it["perm_cost"]},
            notes={
                "agency_start": str(a0),
                "agency_end": str(a1),
                "agency_low": str(float(base["agency_low"].iloc[-1])),
                "agency_high": str(float(base["agency_high"].iloc[-1])),
                "end": labels[-1],
                "start": labels[0],
                "rates_window": window,
                **early,
                # resting on small flows: a finding of the exempt appendix only
                **({EXEMPT_ONLY: pj.withheld_sentence([service])} if service in withheld else {}),
            },
            measure="extra agency cost a year at current rates",
            population=f"{service}: agency FTE",
        )
        figures.append(fig)
        if value > 0 and not assumed:
            findings.append(ProposedFinding(fig.key, value, "£ a year", "permanent_cost"))
    per_person = pounds_per_person()
    findings.sort(
        key=lambda f: -(f.materiality / per_person if f.unit == "£ a year" else f.materiality)
    )
    return SectionResult(SECTION, tuple(figures), tables, tuple(findings))


def build_section(ctx, params: Mapping[str, object] | None = None) -> SectionResult:
    """The section's result for this run, built once per meeting and then read back."""
    from pipelines.core.section_build import build_section as build_any

    return build_any(ctx, SECTION, params)
