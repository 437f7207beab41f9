"""Workforce and costs: agency staff, pay, market supplements and caseloads."""

from __future__ import annotations

from pipelines.core.registry import SectionSpec, register_section
from pipelines.sections.workforce.parameters import WorkforceParameters


def build(ctx, params) -> object:
    """The section's result for a run (:func:`pipelines.sections.workforce.result.build`).

    Imported lazily so that loading a review config (which reads the registry) stays light.
    """
    from pipelines.sections.workforce import result

    return result.build(ctx, params)


def compute_figures(ctx, params) -> list:
    """The section's registered figures for a run: those of its result the registry lists.

    The figures of :func:`build` whose keys are in ``SPEC.figures``; the extra cost over each
    compared post, keyed by the post the parameters name, is in the result only.
    """
    return [f for f in build(ctx, params).figures if f.key in SPEC.figures]


def finding_text(fig, m, pol=None, **words) -> str | None:
    """The sentence of a key finding on one of the section's figures (:mod:`.text`), or None.

    Imported lazily so that loading a review config (which reads the registry) stays light.
    """
    from pipelines.sections.workforce import text

    return text.finding_text(fig, m, pol, **words)


def scenario_counts(tables) -> tuple[list, dict]:
    """The section's "what if" counts and the posts they can act on (:mod:`.scenarios`).

    Imported lazily so that loading a review config (which reads the registry) stays light.
    """
    from pipelines.sections.workforce import scenarios as ws

    return ws.pack_scenarios(tables)


SPEC = register_section(
    SectionSpec(
        name="workforce",
        notebook="40_workforce_costs",
        title="Workforce and costs: agency staff, pay, market supplements and caseloads",
        parameters=WorkforceParameters,
        datasets=("workforce_snapshot", "pay_rates", "caseloads"),
        # No register: the council pays no supplements (the supplement tables are left out).
        # No agency spend export: the agency rate is the parameter's (an assumption unless
        # agency_rate_source names its document).
        optional_datasets=("market_supplements", "agency_spend"),
        figures=(
            "agency_rate_childrens",
            "agency_rate_adults",
            "vacancy_rate_childrens",
            "vacancy_rate_adults",
            "average_caseload_childrens",
            "agency_extra_cost_per_fte_childrens",
            "agency_extra_cost_per_fte_adults",
            "agency_premium",  # figures.finding_figures: for the ranked findings
        ),
        compute_figures=compute_figures,
        build=build,
        finding_text=finding_text,
        scenarios=scenario_counts,
        # the shipped defaults name no council's rate or posts: without these the agency
        # costings are not done (each said in one line)
        init_hint=(
            "# parameters:           # the agency costs need these; without them they are not done",
            "#   agency_hourly_rate: 35             # pounds an hour the council pays an agency",
            "#                                      # practitioner",
            "#   capped_rate_roles: [Social Worker, Senior Practitioner]   # job titles that rate",
            "#                                      # applies to",
            "#   cost_comparators: [{service: Children's Social Care, job_title: Social Worker}]",
            "#                                      # posts compared with an agency worker (grade",
            "#                                      # left out: the commonest permanent grade)",
            "#   supplement_change: {service: ..., job_title: ..., grade: ...}   # the supplement",
            "#                                      # whose withdrawal is modelled",
        ),
        targets={"agency_rate_*": "agency_rate_percent", "average_caseload*": "average_caseload"},
        purpose=(
            "workforce and costs: agency worker rates by service and role, permanent vs agency "
            'cost per post, agency premium and "what if N posts were permanent", market '
            "supplement register (cost, change on last year, withdrawal break-even), caseloads "
            "against targets and standards, caseload model FTE; assumptions are section "
            "parameters"
        ),
    )
)
