"""The posts the workforce section costs, as the review names them, checked against its own data.

The shipped parameters name no council's posts, grades or rates (issue 21): a review sets its
agency hourly rate, the job titles that rate applies to, the permanent posts to compare with an
agency worker and the supplement whose withdrawal is modelled. What is well defined is worked
out from the council's own data: a compared post given without a grade takes the grade at which
the job title has the most permanent FTE in the workforce snapshot (:func:`commonest_grade`).
What is not set is not worked out, and one plain line says so, naming the parameter to set
(:func:`not_done`). A post the pay rates do not cost stops the build with a message naming the
parameter, the file, what was expected, what was found and what to do (:func:`resolve_post`).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pipelines.core.errors import OfficerError

SECTION = "40_workforce_costs"

#: What each parameter holds, in words, for the lines saying a costing is not done.
MEANING = {
    "agency_hourly_rate": "the pounds an hour the council pays for an agency practitioner",
    "capped_rate_roles": "the job titles that hourly rate applies to",
    "cost_comparators": "the permanent posts to compare with an agency worker",
    "supplement_change": "the supplement whose withdrawal is modelled",
}

#: Each costing of the section that needs parameters the shipped defaults leave unset:
#: (what it is, in words; the parameters it needs).
PARTS = {
    "agency_premium": (
        "The extra cost of the agency workers in post over permanent staff",
        ("agency_hourly_rate", "capped_rate_roles"),
    ),
    "cost_comparison": (
        "The cost of a permanent post against an agency worker, and the saving if agency posts "
        "were made permanent,",
        ("agency_hourly_rate", "cost_comparators"),
    ),
    "supplement_model": (
        "The model of withdrawing a market supplement",
        ("agency_hourly_rate", "supplement_change"),
    ),
}


def missing(p, part: str) -> list[str]:
    """The parameters ``part`` of :data:`PARTS` needs that ``p`` leaves unset (0, [] or {})."""
    return [k for k in PARTS[part][1] if not getattr(p, k)]


def not_done(p, part: str) -> str | None:
    """One line saying costing ``part`` is not done and which parameters to set; None if done.

    ``p`` is the section's parameters (:class:`~pipelines.sections.workforce.parameters.
    WorkforceParameters`); an unset parameter is 0 (the hourly rate), an empty list or an empty
    mapping.
    """
    keys = missing(p, part)
    if not keys:
        return None
    what = PARTS[part][0]
    unset = " and no ".join(f"{k} ({MEANING[k]})" for k in keys)
    return (
        f"{what} is not done: the review configuration sets no {unset}. To have it, set "
        f"{' and '.join(keys)} under parameters of the {SECTION} section of this meeting in "
        "the review configuration."
    )


def commonest_grade(snapshot: pd.DataFrame, service: str, job_title: str) -> str | None:
    """The grade at which ``job_title`` has the most permanent FTE in ``service``, or None.

    Permanent FTE summed by grade over the workforce snapshot's rows of the job title in the
    service; a tie goes to the grade that sorts first. None when the snapshot holds no
    permanent FTE of the job title there.
    """
    rows = snapshot[(snapshot["service"] == service) & (snapshot["job_title"] == job_title)]
    fte = rows.groupby("grade")["permanent_fte"].sum()
    fte = fte[fte > 0]
    if fte.empty:
        return None
    top = fte.max()
    return sorted(str(g) for g, v in fte.items() if v == top)[0]


def _held(pay: pd.DataFrame, service: str, job_title: str) -> str:
    """What the pay rates hold for a job title in a service, in words (for ``found:``)."""
    mine = pay[(pay["service"] == service) & (pay["job_title"] == job_title)]
    if len(mine):
        return f"{job_title} in {service} at {', '.join(sorted(map(str, mine['grade'])))}"
    titles = sorted(set(map(str, pay.loc[pay["service"] == service, "job_title"])))
    if titles:
        return f"no {job_title} in {service}; its job titles: {', '.join(titles)}"
    services = sorted(set(map(str, pay["service"])))
    return f"no rates for {service}; the services costed: {', '.join(services) or 'none'}"


def resolve_post(
    post: Mapping[str, str],
    snapshot: pd.DataFrame | None,
    pay: pd.DataFrame,
    *,
    parameter: str,
    pay_file: str,
    review_file: str,
) -> dict[str, str]:
    """``post`` with its grade, checked to be a post the pay rates cost.

    A blank or missing grade is the job title's :func:`commonest_grade` in the snapshot.

    Raises
    ------
    OfficerError
        The pay rates have no row for the post (or the snapshot no permanent FTE of a job title
        given without a grade): names ``parameter``, ``pay_file``, what was expected and
        found, and what to do in ``review_file`` (exit 2).

    """
    service, title = str(post["service"]), str(post["job_title"])
    grade = str(post.get("grade") or "").strip()
    if not grade:
        found = commonest_grade(snapshot, service, title) if snapshot is not None else None
        if found is None:
            raise OfficerError(
                f"{parameter} names {title} in {service} without a grade, and the workforce "
                "snapshot has no permanent FTE of that job title there to take its commonest "
                "grade from.",
                ("file", review_file),
                expected=f"a grade for {title} in {service}, or permanent FTE of it in the "
                "workforce snapshot",
                found=_held(pay, service, title),
                hint=f"What to do: give the grade (grade: ...) in {parameter} under parameters "
                f"of the {SECTION} section in {review_file}.",
            )
        grade = found
    hit = pay[(pay["service"] == service) & (pay["job_title"] == title) & (pay["grade"] == grade)]
    if hit.empty:
        raise OfficerError(
            f"The pay rates have no rate for {title} at {grade} in {service}, the post "
            f"{parameter} names (parameter of the {SECTION} section).",
            ("file", pay_file),
            expected=f"a row for {title} at grade {grade} in {service}",
            found=_held(pay, service, title),
            hint=f"What to do: name a job title and grade the pay rates hold in {parameter} "
            f"under parameters of the {SECTION} section in {review_file} (leave the grade out "
            "to take the job title's commonest permanent grade in the workforce snapshot), or "
            "add the post's rate to the pay rates export.",
        )
    return {"service": service, "job_title": title, "grade": grade}


def files(cfg, review_ref: str = "") -> tuple[str, str]:
    """(the pay rates file, the review configuration file) as an officer should see them."""
    from pipelines.core.config import review_path
    from pipelines.core.export_files import display_path

    ds = cfg.datasets.get("pay_rates")
    pay_file = "the pay rates export"
    if ds is not None:
        pay_file = display_path(cfg.raw_path() / ds.file) + (
            f' (sheet "{ds.sheet}")' if ds.sheet else ""
        )
    path = review_path(review_ref or cfg.id)
    return pay_file, display_path(path) if path.is_file() else "the review configuration"


def compared_posts(cfg, frames, p, review_ref: str = "") -> list[dict[str, str]]:
    """The ``cost_comparators`` posts, each with its grade and checked against the pay rates.

    Empty when the review names none (the comparison is then not done, :func:`not_done`).
    """
    pay_file, review_file = files(cfg, review_ref)
    snapshot = frames.get("workforce_snapshot")
    return [
        resolve_post(
            post,
            snapshot,
            frames["pay_rates"],
            parameter=f"cost_comparators (entry {i})",
            pay_file=pay_file,
            review_file=review_file,
        )
        for i, post in enumerate(p.cost_comparators, start=1)
    ]


def supplement_post(cfg, frames, p, review_ref: str = "") -> dict[str, str] | None:
    """The ``supplement_change`` post with its grade, checked against the pay rates; None: unset."""
    if not p.supplement_change:
        return None
    pay_file, review_file = files(cfg, review_ref)
    snapshot = frames.get("workforce_snapshot")
    return resolve_post(
        p.supplement_change,
        snapshot,
        frames["pay_rates"],
        parameter="supplement_change",
        pay_file=pay_file,
        review_file=review_file,
    )


def check_review_posts(cfg, frames, meeting=None, review_ref: str = "") -> None:
    """Check the posts every workforce section of the review names against its pay rates.

    For each meeting (only ``meeting``, a date, when given) whose workforce section names
    compared posts or a supplement change: :func:`compared_posts` and :func:`supplement_post`,
    so ``evidence-pack validate`` and the build's validation stop on a post the pay rates do
    not cost before any section runs. Nothing is checked without pay rates.

    Raises
    ------
    OfficerError
        As :func:`resolve_post`.

    """
    from pipelines.sections.workforce.parameters import WorkforceParameters

    if frames.get("pay_rates") is None:
        return
    for mtg in cfg.meetings:
        if meeting is not None and str(mtg.date) != str(meeting):
            continue
        for ref in mtg.sections:
            if ref.notebook != SECTION:
                continue
            p = WorkforceParameters.model_validate(dict(ref.parameters or {}))
            compared_posts(cfg, frames, p, review_ref)
            supplement_post(cfg, frames, p, review_ref)
