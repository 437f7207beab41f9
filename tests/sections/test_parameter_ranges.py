"""Every parameter value a member might ask about builds or is refused with a message (issue 26).

A build's outcome for a parameter value is one of two: it builds (exit 0), or the value is
refused with a message naming the section and the parameter (exit 2: a ``ValueError`` from the
section's model, which ``--param`` and the review config turn into exit 2, or an officer's
:class:`ConfigError` / :class:`InputError` from the section's analysis). Anything else would be
"an unexpected error ... a fault in the tool" (exit 1).

Building a pack per example would take minutes, so these properties drive each section's
parameter model across its declared ranges (read from the model: ``gt``, ``ge``, ``lt``,
``le``) and just outside them, and then run the section's analysis functions that take the
parameters (as its notebook calls them) on small data made here, in Python. The expected outcome
is worked out by the test from the declared ranges; a few real builds with ``--param`` are in
``tests/cli/test_param_builds.py`` (slow).
"""

from __future__ import annotations

import datetime as dt
import math
from types import SimpleNamespace

import annotated_types as at
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from pipelines.core.errors import ConfigError, InputError
from pipelines.core.exports import write_csv
from pipelines.core.registry import SECTIONS, check_parameters, check_review_parameters, discover
from pipelines.sections import consistency
from pipelines.sections.leavers import analysis as lv
from pipelines.sections.national import analysis as nat
from pipelines.sections.surveys import analysis as sv
from pipelines.sections.surveys import compare as svc
from pipelines.sections.workforce import analysis as wf
from pipelines.sections.workforce import caseloads as wcl
from pipelines.sections.workforce import charts as wc
from pipelines.sections.workforce import costs as wco
from pipelines.sections.workforce import supplements as wsu
from tests.conftest import examples

discover()

WORKFORCE = "40_workforce_costs"
LEAVERS = "10_leavers"
SURVEYS = "20_surveys"
NATIONAL = "30_local_vs_national"
CHILDREN, ADULTS = "Children's Social Care", "Adult Social Care"
PROPERTY = settings(
    max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


# --------------------------------------------------------------------------------------------
# Declared ranges, read from the models


def bounds(notebook: str, name: str) -> tuple[float, bool, float, bool]:
    """(low, low included, high, high included) declared for a numeric parameter."""
    low, low_in, high, high_in = -math.inf, False, math.inf, False
    for m in SECTIONS[notebook].parameters.model_fields[name].metadata:
        if isinstance(m, at.Gt):
            low, low_in = m.gt, False
        elif isinstance(m, at.Ge):
            low, low_in = m.ge, True
        elif isinstance(m, at.Lt):
            high, high_in = m.lt, False
        elif isinstance(m, at.Le):
            high, high_in = m.le, True
    return low, low_in, high, high_in


def inside(value: float, b: tuple[float, bool, float, bool]) -> bool:
    """Whether ``value`` is within the declared range (and finite)."""
    low, low_in, high, high_in = b
    if not math.isfinite(value):
        return False
    return (value > low or (low_in and value == low)) and (
        value < high or (high_in and value == high)
    )


def around(notebook: str, name: str, *, integer: bool) -> st.SearchStrategy:
    """Values across a parameter's declared range, at its edges and just outside it."""
    low, low_in, high, high_in = bounds(notebook, name)
    lo = low if math.isfinite(low) else -1e6
    hi = high if math.isfinite(high) else 1e6
    if integer:
        edges = [int(lo) - 1, int(lo), int(lo) + 1, int(hi) - 1, int(hi), int(hi) + 1]
        return st.one_of(
            st.sampled_from(edges), st.integers(int(lo) - 50, min(int(hi) + 50, 200_000))
        )
    edges = [lo, hi, math.nextafter(lo, -math.inf), math.nextafter(hi, math.inf)]
    edges += [math.nextafter(lo, math.inf), math.nextafter(hi, -math.inf), 0.0, -0.0]
    return st.one_of(
        st.sampled_from(edges),
        st.floats(lo - 10, hi + 10, allow_nan=False),
        st.sampled_from([math.nan, math.inf, -math.inf]),
    )


def within(notebook: str, name: str, *, integer: bool) -> st.SearchStrategy:
    """Values inside a parameter's declared range, its edges included where they are valid."""
    low, low_in, high, high_in = bounds(notebook, name)
    lo = low if math.isfinite(low) else -1e6
    hi = high if math.isfinite(high) else 1e6
    if integer:
        return st.integers(
            math.ceil(lo) if low_in else math.floor(lo) + 1,
            math.floor(hi) if high_in else math.ceil(hi) - 1,
        )
    return st.floats(lo, hi, exclude_min=not low_in, exclude_max=not high_in, allow_nan=False)


def outcome(notebook: str, params: dict, run) -> tuple[int, str]:
    """What a build would end with: (0, "") built, (2, message) refused; anything else raises."""
    try:
        model = check_parameters(notebook, params)
    except ValueError as exc:
        return 2, str(exc)
    try:
        run(model.model_dump())
    except (ConfigError, InputError) as exc:
        return 2, str(exc)
    return 0, ""


def written_back(tables: dict[str, pd.DataFrame], folder) -> None:
    """Write tables as the build does; a number is never written as a neutralised formula."""
    for name, table in tables.items():
        path = folder / f"{name}.csv"
        write_csv(table, path)
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            for cell in line.split(","):
                if cell.startswith("'"):
                    body = cell[1:].replace("£", "").replace(",", "")
                    with pytest.raises(ValueError):
                        float(body)


# --------------------------------------------------------------------------------------------
# Workforce: data made here


def workforce_frames() -> dict[str, pd.DataFrame]:
    """A small council: five posts, their pay, one supplement entry and eight case-holders.

    Annual costs (salary + NI + supplement + car): children's Social Worker M1 £39,000,
    Senior Practitioner M2 £42,500, Team Manager M4 £45,500; adults' Advanced Practitioner M2
    £39,000, Occupational Therapist L7 £33,200.
    """
    posts = [
        (CHILDREN, "Social Worker", "M1", 10, 6, 4, 30000, 3000, 5500, 500),
        (CHILDREN, "Senior Practitioner", "M2", 8, 5, 3, 33000, 3500, 5500, 500),
        (CHILDREN, "Team Manager", "M4", 3, 3, 0, 40000, 4500, 0, 1000),
        (ADULTS, "Advanced Practitioner", "M2", 6, 4, 2, 33000, 3500, 2000, 500),
        (ADULTS, "Occupational Therapist", "L7", 4, 4, 0, 28000, 2800, 2000, 400),
    ]
    snapshot = pd.DataFrame(
        {
            "service": [p[0] for p in posts],
            "team": "Team A",
            "job_title": [p[1] for p in posts],
            "profession": "Social work",
            "grade": [p[2] for p in posts],
            "establishment_fte": [float(p[3]) for p in posts],
            "permanent_fte": [float(p[4]) for p in posts],
            "agency_fte": [float(p[5]) for p in posts],
            "vacant_fte": [float(p[3] - p[4]) for p in posts],
        }
    )
    pay = pd.DataFrame(
        {
            "service": [p[0] for p in posts],
            "job_title": [p[1] for p in posts],
            "grade": [p[2] for p in posts],
            "salary": [float(p[6]) for p in posts],
            "employer_ni": [float(p[7]) for p in posts],
            "market_supplement": [float(p[8]) for p in posts],
            "car_allowance": [float(p[9]) for p in posts],
            "annual_cost": [float(sum(p[6:10])) for p in posts],
        }
    )
    register = pd.DataFrame(
        {
            "register_title": ["Social Worker (Children's)"],
            "service": [CHILDREN],
            "job_titles": ["Social Worker; Senior Practitioner"],
            "grades": ["M1/M2"],
            "market_supplement": [5500.0],
            "compared_to_last_year": ["same"],
            "change": ["Same"],
            "change_amount": [0.0],
            "previous_supplement": [5500.0],
        }
    )
    qualified = pd.to_datetime(
        ["2016-01-10", "2015-06-01", "2014-03-01", "2012-09-01", "2010-01-01", "2005-05-05"]
        + ["2016-05-01", "2000-02-02"]
    )
    cases = [12, 18, 21, 24, 19, 22, 9, 25]
    caseloads = pd.DataFrame(
        {
            "worker_id": [f"W{i}" for i in range(8)],
            "service": CHILDREN,
            "team": "Team A",
            "job_title": "Social Worker",
            "profession": "Social work",
            "grade": "M1",
            "worker_type": ["Permanent"] * 6 + ["Agency"] * 2,
            "fte": [1.0, 1.0, 0.5, 1.0, 1.0, 1.0, 1.0, 0.8],
            "date_qualified": qualified,
            "looked_after": pd.array([c // 4 for c in cases], dtype="Int64"),
            "child_protection": pd.array([c // 4 for c in cases], dtype="Int64"),
            "children_in_need": pd.array([c - 3 * (c // 4) for c in cases], dtype="Int64"),
            "care_leavers": pd.array([c // 4 for c in cases], dtype="Int64"),
            "total_cases": pd.array(cases, dtype="Int64"),
        }
    )
    return {
        "workforce_snapshot": snapshot,
        "pay_rates": pay,
        "market_supplements": register,
        "caseloads": caseloads,
    }


FRAMES = workforce_frames()
#: The date the frames above describe: the section's as_at when a test gives none (a build takes
#: it from the review's snapshot, datasets.workforce_snapshot.as_at).
SNAPSHOT = "2016-07-30"


def workforce_what_ifs(p: dict, frames: dict = FRAMES) -> dict[str, object]:
    """Every call of ``notebooks/40_workforce_costs.ipynb`` that takes a section parameter.

    Returns the tables (by the name the notebook shows them under) and the sentences.
    """
    snapshot, pay = frames["workforce_snapshot"], frames["pay_rates"]
    register, caseloads = frames["market_supplements"], frames["caseloads"]
    rate, hours, weeks = (
        p["agency_hourly_rate"],
        p["agency_hours_per_week"],
        p["agency_weeks_per_year"],
    )
    agency = wco.agency_assumptions(rate, hours, weeks)
    basis = f"{p['price_base']}; {agency}"
    rates = wf.agency_rates_by_service(snapshot)
    premium = wco.agency_premium(snapshot, pay, rate, hours, weeks, p["capped_rate_roles"])
    supplement_cost = wsu.supplement_costs(register, snapshot)
    summary = wcl.caseload_summary(caseloads, 20.0)
    sentences = [str(s) for s in wf.findings(rates, premium, supplement_cost, summary, basis)]
    tables: dict[str, pd.DataFrame] = {"agency-rates": rates}
    tables["agency-premium"] = wco.premium_by_service(premium)  # the public table
    tables["agency-premium-exempt"] = premium
    sentences.append(wco.premium_caption(premium, basis))
    for post in p["cost_comparators"]:
        tables[f"cost-per-post-{post['job_title']}"] = wco.cost_comparison(
            pay, post["service"], post["job_title"], post["grade"], rate, hours, weeks
        )
    tables["cost-breakdown"] = wco.cost_breakdown(pay, p["cost_comparators"])
    savings = wco.conversion_savings(
        pay, p["cost_comparators"], p["posts_made_permanent"], rate, hours, weeks
    )
    tables["conversion-savings"] = savings
    sentences.append(wco.conversion_caption(savings, p["posts_made_permanent"], basis))
    change = p["supplement_change"]
    inputs = wsu.supplement_model_inputs(
        register,
        snapshot,
        pay,
        change["service"],
        change["job_title"],
        change["grade"],
        rate,
        hours,
        weeks,
        p["extra_cost_per_leaver"],
    )
    model = wsu.supplement_withdrawal(
        inputs["recipients"], inputs["supplement"], inputs["extra_cost_per_leaver"]
    )
    tables["supplement-model"] = wsu.supplement_model_table(inputs, model)
    breakeven = wsu.supplement_withdrawal_table(
        inputs["recipients"],
        inputs["supplement"],
        inputs["extra_cost_per_leaver"],
        p["max_leavers"],
    )
    tables["supplement-breakeven"] = breakeven
    sentences += [str(wf.breakeven_title(model)), wc.breakeven_alt(breakeven, model["break_even"])]
    bands = wcl.caseloads_by_experience(
        caseloads,
        pd.Timestamp(p["as_at"] or SNAPSHOT),
        p["experience_bands"],
        p["caseload_standards"],
    )
    tables["caseload-bands"] = bands
    sentences += [str(wf.caseload_title(bands)), wc.caseload_alt(bands, 20.0)]
    for fig in (
        wc.breakeven_chart(breakeven, model["break_even"]),
        wc.caseload_chart(bands, 20.0),
    ):
        plt.close(fig)
    if p["cases_per_worker"]:
        needed = wcl.fte_needed(wcl.cases_by_type(caseloads), p["cases_per_worker"])
        tables["caseload-model"] = needed
        tables["caseload-model-gap"] = wcl.fte_gap(
            float(needed["FTE needed"].iloc[-1]), snapshot, CHILDREN, ["Social Worker"]
        )
    return {"tables": tables, "sentences": sentences}


CASE_TYPES = list(wcl.CASE_TYPE_LABELS.values())
SENIOR = {"service": CHILDREN, "job_title": "Senior Practitioner", "grade": "M2"}
ADVANCED = {"service": ADULTS, "job_title": "Advanced Practitioner", "grade": "M2"}
SOCIAL_WORKER = {"service": CHILDREN, "job_title": "Social Worker", "grade": "M1"}
UNPAID = {"service": CHILDREN, "job_title": "Social Worker", "grade": "M9"}  # not in the pay
MANAGER = {"service": CHILDREN, "job_title": "Team Manager", "grade": "M4"}  # no supplement


def valid_bands(edges: list[float]) -> bool:
    """Band edges as the section's model declares them: above 0, increasing, at most 100."""
    return (
        bool(edges)
        and all(math.isfinite(e) and round(e, 2) == e for e in edges)
        and edges[0] > 0
        and edges[-1] <= 100
        and all(b > a for a, b in zip(edges, edges[1:], strict=False))
    )


good_band_edges = st.lists(
    st.integers(1, 10_000).map(lambda n: n / 100), min_size=1, max_size=5
).map(lambda xs: sorted(set(xs)))
band_edges = st.one_of(
    good_band_edges,
    st.lists(st.floats(-5, 120, allow_nan=False), max_size=5),
    st.sampled_from([[3, 1], [1, 1], [], [0, 2], [-1, 3], [1, 1.0000001], [1, math.nan]]),
)


def one_broken(draw, names: list[str]) -> str | None:
    """The one parameter drawn anywhere (in, at or beyond its range); None: all in range."""
    return draw(st.sampled_from([None, None, None, *names]))


@st.composite
def workforce_params(draw) -> tuple[dict, set[str]]:
    """Workforce parameters across their ranges; also returns the names drawn out of range."""
    params: dict[str, object] = {}
    bad: set[str] = set()
    floats = ("agency_hourly_rate", "agency_hours_per_week", "agency_weeks_per_year")
    ints = ("posts_made_permanent", "max_leavers")
    structured = [
        "extra_cost_per_leaver",
        "experience_bands",
        "caseload_standards",
        "cases_per_worker",
        "cost_comparators",
        "supplement_change",
    ]
    broken = one_broken(draw, [*floats, *ints, *structured])
    roles = ["ASYE Social Worker", "Social Worker", "Senior Practitioner", "Wizard"]
    params["capped_rate_roles"] = draw(st.lists(st.sampled_from(roles), unique=True))
    posts = [SENIOR, ADVANCED, SOCIAL_WORKER] + ([UNPAID] if broken == "cost_comparators" else [])
    params["cost_comparators"] = draw(st.lists(st.sampled_from(posts), min_size=1, max_size=3))
    changes = [SOCIAL_WORKER, SENIOR] + ([MANAGER] if broken == "supplement_change" else [])
    params["supplement_change"] = draw(st.sampled_from(changes))
    for name in floats + ints:
        pick = around if name == broken else within
        v = draw(pick(WORKFORCE, name, integer=name in ints))
        params[name] = v
        if not inside(v, bounds(WORKFORCE, name)):
            bad.add(name)
    extra = draw(
        st.sampled_from([math.nan, math.inf, -math.inf])
        if broken == "extra_cost_per_leaver"
        else st.one_of(st.floats(-1e5, 1e5, allow_nan=False), st.just(0.0))
    )
    params["extra_cost_per_leaver"] = extra
    if not math.isfinite(extra):
        bad.add("extra_cost_per_leaver")
    edges = draw(band_edges if broken == "experience_bands" else good_band_edges)
    params["experience_bands"] = edges
    if not valid_bands(edges):
        bad.add("experience_bands")
    n = len(edges) + 1
    if broken == "caseload_standards":
        n = draw(st.integers(0, 6))
        standards = draw(st.lists(st.floats(-2, 40, allow_nan=False), min_size=n, max_size=n))
    else:
        standards = draw(st.lists(st.integers(1, 40).map(float), min_size=n, max_size=n))
    params["caseload_standards"] = standards
    if any(s <= 0 for s in standards):
        bad.add("caseload_standards")
    elif "experience_bands" not in bad and n not in (0, len(edges) + 1):
        bad.add("caseload_standards")  # the model names both when the counts differ (none: none)
    if broken == "cases_per_worker":
        types = draw(st.sampled_from([CASE_TYPES, CASE_TYPES[:2]]))
        per = {t: draw(st.floats(-3, 40, allow_nan=False)) for t in types}
    else:
        types = draw(st.sampled_from([[], CASE_TYPES]))
        per = {t: draw(st.floats(0.5, 40, allow_nan=False)) for t in types}
    if per:
        params["cases_per_worker"] = per
        if any(v <= 0 for v in per.values()):
            bad.add("cases_per_worker")
    return params, bad


def _expected_sign_words(result: dict) -> None:
    """No money in a sentence or a text cell is printed as a negative amount."""
    for text in result["sentences"]:
        assert "-£" not in text and "£-" not in text, text
        assert "inf" not in text.split(), text
    model = result["tables"]["supplement-model"]
    for value in model["Value"]:
        assert not str(value).startswith("-"), value
        assert "inf" not in str(value), value
    savings = result["tables"]["conversion-savings"]
    for col in ("Saving a year (£)", "Extra cost a year (£)", "Extra cost per post (£)"):
        if col in savings:
            assert (savings[col] >= 0).all(), savings


@PROPERTY
@given(drawn=workforce_params())
def test_workforce_parameters_build_or_are_refused_naming_the_parameter(drawn, tmp_path_factory):
    params, bad = drawn
    results: list = []
    code, message = outcome(WORKFORCE, params, lambda p: results.append(workforce_what_ifs(p)))
    event(f"exit {code}")
    if bad:
        assert code == 2
        assert f"section {WORKFORCE}" in message
        assert any(name in message for name in bad), (bad, message)
        return
    if UNPAID in params["cost_comparators"]:
        assert code == 2
        assert message.startswith("The pay table has no rate for Social Worker at M9"), message
        return
    if params["supplement_change"] == MANAGER:
        assert code == 2
        assert message.startswith("The market supplement register has no entry for Team"), message
        return
    if "cases_per_worker" in params and len(params["cases_per_worker"]) < len(CASE_TYPES):
        assert code == 2 and "cases_per_worker has no figure for" in message
        return
    assert code == 0, message
    _expected_sign_words(results[0])
    folder = tmp_path_factory.mktemp("tables")
    written_back(results[0]["tables"], folder)
    shown = {f"{WORKFORCE}__{k}": v for k, v in results[0]["tables"].items()}
    consistency.pack_scenarios(shown)


def test_the_issues_four_workforce_values_are_refused_or_built_with_the_figure():
    """agency_hourly_rate=20 builds and shows a cost; the other three are refused by name."""
    code, message = outcome(WORKFORCE, {"agency_weeks_per_year": 0}, workforce_what_ifs)
    assert code == 2
    assert message == (
        f"section {WORKFORCE}: parameter 'agency_weeks_per_year' expects float above 0, found 0"
    )
    code, message = outcome(WORKFORCE, {"experience_bands": [3, 1]}, workforce_what_ifs)
    assert code == 2
    assert "parameter 'experience_bands'" in message
    assert "must increase from left to right" in message and "1 comes after 3" in message
    code, message = outcome(WORKFORCE, {"posts_made_permanent": -5}, workforce_what_ifs)
    assert code == 2
    assert "parameter 'posts_made_permanent' expects int of 0 or more, found -5" in message

    # £20 x 37 hours x 46 weeks = £34,040 a year for an agency worker.
    # The posts the demo review compares (the shipped defaults name no council's posts).
    p = check_parameters(
        WORKFORCE,
        {
            "agency_hourly_rate": 20,
            "cost_comparators": [SENIOR],
            "supplement_change": SOCIAL_WORKER,
        },
    ).model_dump()
    result = workforce_what_ifs(p)
    savings = result["tables"]["conversion-savings"]
    # Senior Practitioner M2 costs £42,500: each post made permanent costs £8,460 more; x 10.
    assert list(savings.columns[-2:]) == ["Extra cost per post (£)", "Extra cost a year (£)"]
    assert savings["Extra cost per post (£)"].iloc[0] == 42_500 - 34_040 == 8_460
    assert savings["Extra cost a year (£)"].iloc[0] == 84_600
    assert any(
        s.startswith("Extra cost a year if 10 agency posts were made permanent (")
        for s in result["sentences"]
    )
    # The supplement model (Social Worker M1): £39,000 less its £5,500 supplement = £33,500;
    # the agency worker at £34,040 costs £540 a year more (a positive extra cost, as written).
    model = result["tables"]["supplement-model"].set_index("Input or result")["Value"]
    leaver = "Extra cost a year of each leaver replaced by an agency worker (£)"
    assert model[leaver] == 540
    cost = wco.cost_comparison(
        FRAMES["pay_rates"], CHILDREN, "Senior Practitioner", "M2", 20, 37, 46
    )
    assert cost["Post"].iloc[-1] == "Potential increase in spend per post"
    assert cost["Cost for one year (£)"].iloc[-1] == 8_460


def test_a_leaver_replaced_by_cheaper_agency_work_is_a_saving_not_a_negative_cost():
    # The supplement change of a Senior Practitioner M2: £42,500 less £5,500 = £37,000 without
    # the supplement; at £20 an hour the agency worker costs £34,040: £2,960 a year less.
    p = check_parameters(
        WORKFORCE,
        {
            "agency_hourly_rate": 20,
            "cost_comparators": [SENIOR],
            "supplement_change": {
                "service": CHILDREN,
                "job_title": "Senior Practitioner",
                "grade": "M2",
            },
        },
    ).model_dump()
    result = workforce_what_ifs(p)
    model = result["tables"]["supplement-model"].set_index("Input or result")["Value"]
    assert model["Extra cost a year of each leaver replaced by an agency worker (£)"] == (
        "a saving of £2,960"
    )
    assert model["Break-even (leavers)"].startswith("none")
    # The model's recipients are the post's own permanent FTE: 5 x £5,500.
    assert model["Saving a year (£)"] == 27_500
    assert any("rising by £2,960 per leaver" in s for s in result["sentences"])
    assert any("never used up" in s for s in result["sentences"])
    # The consistency check reads that cell as the negative extra cost it is.
    leaver_cost = model["Extra cost a year of each leaver replaced by an agency worker (£)"]
    assert consistency.pounds(leaver_cost) == -2960.0


# --------------------------------------------------------------------------------------------
# Leavers


def leavers_frame() -> pd.DataFrame:
    """Twelve leavers of two services, with service lengths from 0.2 to 25 years."""
    years = [0.2, 0.9, 1.5, 2.0, 2.5, 4.0, 6.0, 9.5, 12.0, 18.0, 21.0, 25.0]
    reasons = ["Pay", "Career", "Pay", "Moving", "Career", "Pay"] * 2
    return pd.DataFrame(
        {
            "employee_ref": [f"E{i}" for i in range(12)],
            "service": [CHILDREN, ADULTS] * 6,
            "team": "Team A",
            "job_title": ["Social Worker", "Senior Practitioner", "Team Manager"] * 4,
            "role": ["Social Worker", "Senior Practitioner", "Team Manager"] * 4,
            "profession": "Social work",
            "grade": "M1",
            "fte": 1.0,
            "leaving_reason": reasons,
            "leaving_reason_hr": reasons,
            "years_of_service": years,
        }
    )


LEAVERS_FRAME = leavers_frame()


def leavers_what_ifs(p: dict) -> dict:
    """Every call of ``notebooks/10_leavers.ipynb`` that takes a section parameter."""
    leavers = LEAVERS_FRAME
    focus, years = p["short_service_focus"], p["short_service_years"]
    tables = {"reasons_short_service": lv.reasons_table(leavers, service=focus, under_years=years)}
    for service in (CHILDREN, ADULTS):
        tables[f"service_length_{service}"] = lv.length_of_service(
            leavers, service, p["service_bands"][service]
        )
        reasons = lv.reasons_table(leavers, service=service)
        str(lv.top_reasons_finding(reasons, p["top_n"], service))
    focus_table = lv.length_of_service(leavers, focus, p["service_bands"][focus])
    focus_table = focus_table[focus_table["Length of service"] != "Total"]
    lv.join_reasons(lv.most_common(focus_table, "Length of service", "Leavers"))
    tables["roles_short_service"] = lv.leavers_by_role(
        leavers[leavers["years_of_service"] < years], focus
    )
    return tables


@st.composite
def leavers_params(draw) -> tuple[dict, set[str]]:
    params: dict[str, object] = {}
    bad: set[str] = set()
    broken = one_broken(
        draw, ["service_bands", "short_service_years", "top_n", "short_service_focus"]
    )
    edges = band_edges if broken == "service_bands" else good_band_edges
    bands = {CHILDREN: draw(edges), ADULTS: draw(edges)}
    if broken == "service_bands" and draw(st.booleans()):
        bands.pop(ADULTS)  # a service of the review without bands
    params["service_bands"] = bands
    if not all(valid_bands(e) for e in bands.values()):
        bad.add("service_bands")
    pick = around if broken == "short_service_years" else within
    v = draw(pick(LEAVERS, "short_service_years", integer=False))
    params["short_service_years"] = v
    if not inside(v, bounds(LEAVERS, "short_service_years")):
        bad.add("short_service_years")
    others = ["Early Help"] if broken == "short_service_focus" else []
    focus = draw(st.sampled_from([CHILDREN, ADULTS, *others]))
    params["short_service_focus"] = focus
    if focus not in bands and "service_bands" not in bad:
        bad.add("short_service_focus")
    pick = around if broken == "top_n" else within
    v = draw(pick(LEAVERS, "top_n", integer=True))
    params["top_n"] = v
    if not inside(v, bounds(LEAVERS, "top_n")):
        bad.add("top_n")
    return params, bad


REVIEW = SimpleNamespace(services=[ADULTS, CHILDREN], datasets={"staff_survey": None})


@PROPERTY
@given(drawn=leavers_params())
def test_leavers_parameters_build_or_are_refused_naming_the_parameter(drawn, tmp_path_factory):
    params, bad = drawn
    tables: list = []

    def run(p: dict) -> None:
        check_review_parameters(REVIEW, [SimpleNamespace(notebook=LEAVERS, parameters=params)])
        tables.append(leavers_what_ifs(p))

    code, message = outcome(LEAVERS, params, run)
    event(f"exit {code}")
    if bad:
        assert code == 2
        assert any(name in message for name in bad), (bad, message)
        return
    if ADULTS not in params["service_bands"]:
        assert code == 2
        assert "gives no band edges for Adult Social Care, a service of this review" in message
        return
    assert code == 0, message
    written_back(tables[0], tmp_path_factory.mktemp("tables"))


# --------------------------------------------------------------------------------------------
# Surveys


def survey_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Respondents and 1-5 answers to the first two scored questions, two services."""
    questions = list(sv.questions_frame("staff_survey")["key"])[:2]
    rng = np.random.default_rng(26)
    rows = []
    for i in range(24):
        service = CHILDREN if i % 3 else ADULTS
        for q in questions:
            rows.append((f"R{i}", service, q, int(rng.integers(1, 6))))
    answers = pd.DataFrame(rows, columns=["respondent_id", "service", "question", "score"])
    answers["score"] = answers["score"].astype("Int64")
    staff = answers.drop_duplicates("respondent_id")[["respondent_id", "service"]]
    return answers, staff.reset_index(drop=True)


ANSWERS, STAFF = survey_frames()


@st.composite
def survey_params(draw) -> dict:
    """Survey parameters, at most one of them drawn beyond its range."""
    broken = one_broken(draw, ["small_n", "confidence", "resamples", "previous_wave"])
    resamples = st.sampled_from([99, 100, 101, 99_999, 100_000, 100_001, 0, -1])
    return {
        "small_n": draw(
            (around if broken == "small_n" else within)(SURVEYS, "small_n", integer=True)
        ),
        "confidence": draw(
            (around if broken == "confidence" else within)(SURVEYS, "confidence", integer=False)
        ),
        "resamples": draw(resamples if broken == "resamples" else st.integers(100, 3_000)),
        "previous_wave": draw(
            st.sampled_from(
                ["staff_survey_2014", ""] if broken == "previous_wave" else ["", "staff_survey"]
            )
        ),
    }


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=survey_params())
def test_survey_parameters_build_or_are_refused_naming_the_parameter(drawn):
    params = drawn
    previous_wave = params["previous_wave"]
    params = dict(params)
    bad = {
        name
        for name in ("small_n", "confidence", "resamples")
        if not inside(params[name], bounds(SURVEYS, name))
    }

    def run(p: dict) -> None:
        check_review_parameters(REVIEW, [SimpleNamespace(notebook=SURVEYS, parameters=params)])
        for s in sv.iter_services([CHILDREN, ADULTS]):
            table = sv.results_table(
                ANSWERS, STAFF, s, level=p["confidence"], resamples=p["resamples"]
            )
            answered = table[table[sv.ANSWERED] > 0]
            assert (answered[sv.LOW] <= answered[sv.HIGH]).all()
        svc.small_n_caution(
            svc.small_groups(ANSWERS, [CHILDREN, ADULTS], p["small_n"]), p["small_n"]
        )

    code, message = outcome(SURVEYS, params, run)
    event(f"exit {code}")
    if bad:
        assert code == 2 and any(f"'{name}'" in message for name in bad), message
    elif previous_wave == "staff_survey_2014":
        assert code == 2 and "'previous_wave' is 'staff_survey_2014'" in message
    else:
        assert code == 0, message


# --------------------------------------------------------------------------------------------
# Recruitment: the campaigns typed into the review config (issue 26)

RECRUITMENT = "15_recruitment"
#: Values an officer may type for a campaign's count or cost, and whether each is refused.
CAMPAIGN_VALUES = st.one_of(
    st.integers(-5, 40).map(lambda v: (v, v < 0)),
    st.floats(-3, 1e5, allow_nan=False).map(lambda v: (v, v < 0)),
    st.sampled_from(
        [(None, False), ("", False), ("lots", True), ("7", True), (True, True),
         (math.nan, True), (math.inf, True), (-math.inf, True), ([3], True)]
    ),
)  # fmt: skip
#: Deadlines, and whether each is refused (a date that is not one; not a date or words).
DEADLINES = st.sampled_from(
    [("2017-04-30", False), ("end of March 2017", False), (dt.date(2017, 4, 30), False),
     ("2017-02-30", True), ("30/04/2017", True), (5, True), (None, False)]
)  # fmt: skip


@st.composite
def recruitment_params(draw) -> tuple[dict, dict[str, set[str]]]:
    """Campaigns and plan dates; what is bad: campaign label -> fields, and plan fields."""
    bad: dict[str, set[str]] = {}
    campaigns = []
    for i in range(1, draw(st.integers(0, 3)) + 1):
        c: dict[str, object] = {}
        named = draw(st.booleans()) or draw(st.booleans())
        if named:
            c[draw(st.sampled_from(["name", "campaign", "route"]))] = f"Campaign {i}"
        label = f'campaign {i} ("Campaign {i}")' if named else f"campaign {i}"
        wrong = set() if named else {"no name"}
        for key in draw(st.sets(st.sampled_from(["target", "in_post", "in_checks", "cost"]))):
            value, refused = draw(CAMPAIGN_VALUES)
            c[key] = value
            if refused:
                wrong.add(key)
        deadline, refused = draw(DEADLINES)
        if deadline is not None:
            c["deadline"] = deadline
            if refused:
                wrong.add("deadline")
        if wrong:
            bad[label] = wrong
        campaigns.append(c)
    params: dict[str, object] = {"campaigns": campaigns}
    for key in ("newly_qualified_from", "newly_qualified_by"):
        value = draw(st.sampled_from(["", "2017-01-01", "2017-13-01", "September 2017"]))
        params[key] = value
        if value in ("2017-13-01", "September 2017"):
            bad[key] = {key}
    return params, bad


def recruitment_what_ifs(p: dict) -> pd.DataFrame:
    """Every call of the recruitment section that takes the campaigns and the plan's dates."""
    from pipelines.sections.recruitment import analysis as ra
    from pipelines.sections.recruitment import result as rr

    table = ra.campaign_rows(p["campaigns"], None)
    ra.cost_per_hire(p["campaigns"], table)
    rr._date(p["newly_qualified_from"], dt.date(2016, 9, 1))
    rr._date(p["newly_qualified_by"], dt.date(2017, 8, 31))
    return table


@PROPERTY
@given(drawn=recruitment_params())
def test_recruitment_campaigns_build_or_are_refused_naming_the_campaign_and_field(drawn):
    params, bad = drawn
    tables: list = []
    code, message = outcome(RECRUITMENT, params, lambda p: tables.append(recruitment_what_ifs(p)))
    event(f"exit {code}")
    if bad:
        assert code == 2, params
        assert f"section {RECRUITMENT}" in message
        for label, fields in bad.items():
            if label.startswith("newly_qualified"):
                assert f"'{label}'" in message, message
                continue
            assert label in message, (label, message)
            for field in fields:
                assert field in message, (field, message)
        return
    assert code == 0, message
    table = tables[0]
    for column in ("target", "in_post", "in_checks", "appointed", "still_to_appoint"):
        values = table[column].dropna()
        assert (values >= 0).all(), table


def test_the_audits_campaign_values_are_refused_with_the_campaign_and_field():
    """``target: -3`` was accepted and ``target: lots`` ended with exit 1 (issue 26)."""
    for value, found in ((-3, "-3"), ("lots", "'lots'")):
        code, message = outcome(
            RECRUITMENT,
            {"campaigns": [{"name": "Step Up cohort 4", "target": value}]},
            recruitment_what_ifs,
        )
        assert code == 2
        assert (
            f'campaign 1 ("Step Up cohort 4"): target must be a number, 0 or more; found {found}'
            in message
        ), message


# --------------------------------------------------------------------------------------------
# Retention: the projection's and scenarios' parameters

RETENTION = "45_retention"
RETENTION_NUMBERS = {
    "newly_qualified_months": False,
    "curve_years": True,
    "quarters": True,
    "supplement_leaving_increase": False,
}


@st.composite
def retention_params(draw) -> tuple[dict, set[str]]:
    """Retention parameters, at most one drawn beyond its declared range."""
    broken = one_broken(draw, list(RETENTION_NUMBERS))
    params: dict[str, object] = {"scenario_service": CHILDREN}
    bad: set[str] = set()
    for name, integer in RETENTION_NUMBERS.items():
        pick = around if broken == name else within
        v = draw(pick(RETENTION, name, integer=integer))
        params[name] = v
        if not inside(v, bounds(RETENTION, name)):
            bad.add(name)
    params["caseload_target_met"] = draw(st.booleans())
    return params, bad


def retention_what_ifs(p: dict) -> list[pd.DataFrame]:
    """The projection and scenarios of the retention section on one small service (FTE).

    20 posts, 12 permanent, 5 agency; leaving 0.2 a permanent FTE-year, 3 starters and 1
    conversion a year; 10 agency posts made permanent (all 5 agency FTE at most).
    """
    from pipelines.sections.retention import projection as pj

    start = pj.State(20.0, 12.0, 5.0)
    rates = pj.Rates(leaving=0.2, starting=3.0, converting=1.0)
    ends = pj.quarter_ends(pd.Timestamp("2017-03-31"), p["quarters"])
    assert len(ends) == p["quarters"] + 1
    base = pj.project(start, rates, p["quarters"])
    # The posts made permanent are the workforce section's (posts_made_permanent, default 10).
    converted = pj.project(pj.scenario_start(start, convert=10.0), rates, p["quarters"])
    higher = pj.Rates(
        leaving=rates.leaving * (1 + p["supplement_leaving_increase"] / 100),
        starting=rates.starting,
        converting=rates.converting,
    )
    supplement = pj.project(start, higher, p["quarters"])
    extra = pj.project(pj.scenario_start(start, extra_posts=2.0), rates, p["quarters"],
                       cover=pj.cover_share(start))  # fmt: skip
    return [base, converted, supplement, extra]


@PROPERTY
@given(drawn=retention_params())
def test_retention_parameters_build_or_are_refused_naming_the_parameter(drawn):
    params, bad = drawn
    tables: list = []
    code, message = outcome(RETENTION, params, lambda p: tables.extend(retention_what_ifs(p)))
    event(f"exit {code}")
    if bad:
        assert code == 2
        assert f"section {RETENTION}" in message
        assert any(f"'{name}'" in message for name in bad), (bad, message)
        return
    assert code == 0, message
    from pipelines.sections.retention import projection as pj

    for table in tables:
        assert pj.conserved(table, tol=1e-6), table
        assert (table[["permanent", "agency", "unfilled"]] >= -1e-9).all().all(), table


# --------------------------------------------------------------------------------------------
# National comparison (the DfE files are not here: the model and the comparator reader)


@PROPERTY
@given(
    year=st.one_of(st.sampled_from([0, 1999, 2000, 2100, 2101, -1]), st.integers(-10, 3000)),
    comparators=st.lists(
        st.sampled_from(
            ["England", "region", "statistical neighbours", "SN", "neighbours", "Wales", " "]
        ),
        max_size=4,
    ),
)
def test_national_parameters_the_model_accepts_the_section_accepts(year, comparators):
    params = {"year": year, "comparators": comparators}
    code, message = outcome(NATIONAL, params, lambda p: nat._comparators(p["comparators"]))
    year_ok = year == 0 or 2000 <= year <= 2100
    names_ok = bool(comparators) and not {"Wales", " "} & set(comparators)
    if year_ok and names_ok:
        assert code == 0, message
    else:
        assert code == 2
        assert ("'year'" in message) if not year_ok else ("'comparators'" in message)


# --------------------------------------------------------------------------------------------
# Sections without parameters of their own


@pytest.mark.parametrize(
    "notebook", [nb for nb, spec in SECTIONS.items() if not spec.parameters.model_fields]
)
@settings(max_examples=examples(10), deadline=None)
@given(key=st.from_regex(r"[a-z_]{1,20}", fullmatch=True), value=st.integers())
def test_a_section_without_parameters_refuses_any_by_name(notebook, key, value):
    code, message = outcome(notebook, {key: value}, lambda p: None)
    assert code == 2
    assert f"unknown parameter '{key}'" in message


def test_every_sections_numeric_parameters_declare_a_range():
    """Every int or float parameter states where it is valid (or says why it need not)."""
    free = {(WORKFORCE, "extra_cost_per_leaver"), (NATIONAL, "year")}  # see their models
    for notebook, spec in SECTIONS.items():
        for name, field in spec.parameters.model_fields.items():
            if field.annotation in (int, float) and (notebook, name) not in free:
                low, _, high, _ = bounds(notebook, name)
                assert math.isfinite(low) or math.isfinite(high), (notebook, name)


def test_nan_and_infinity_are_refused_everywhere():
    for notebook, name in [
        (WORKFORCE, "extra_cost_per_leaver"),
        (LEAVERS, "short_service_years"),
        (SURVEYS, "confidence"),
    ]:
        for v in (math.nan, math.inf):
            code, message = outcome(notebook, {name: v}, lambda p: None)
            assert code == 2 and "finite number" in message, message


def test_a_band_edge_that_would_print_like_its_neighbour_is_refused():
    code, message = outcome(WORKFORCE, {"experience_bands": [1, 1.0000001]}, lambda p: None)
    assert code == 2 and "at most 2 decimal places" in message
