"""Caseloads: the average caseload against the target, by experience, and a caseload model.

Split from :mod:`pipelines.sections.workforce.analysis` (blocks moved unchanged).

Definitions
-----------
Average caseload
    Cases held / case-holding social workers (headcount), the DfE measure.
FTE needed by a caseload model
    Cases of each type / the cases one full-time worker holds in the model, summed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from pipelines.core.errors import ConfigError
from pipelines.sections.workforce.analysis import with_total

#: Case types of the caseload extract, as members read them.
CASE_TYPE_LABELS = {
    "looked_after": "Looked after children",
    "child_protection": "Child protection",
    "children_in_need": "Children in need",
    "care_leavers": "Care leavers",
}


def average_caseload(caseloads: pd.DataFrame) -> float:
    """Cases held per case-holding worker (headcount), the DfE average caseload."""
    return (
        float(caseloads["total_cases"].sum()) / len(caseloads) if len(caseloads) else float("nan")
    )


#: The caseload table's target columns: the target is for the average caseload per worker.
TARGET_LABEL = "Target for the average caseload (below)"
MEETS_LABEL = "Average caseload below the target"

#: The first row of :func:`caseload_summary`: every case-holding worker.
ALL_CASE_HOLDING = "All case-holding workers"


def caseload_groups(caseloads: pd.DataFrame, target: float | None) -> pd.DataFrame:
    """Average caseload overall and by worker type against the target, tidy.

    Returns
    -------
    pandas.DataFrame
        Columns ``workers`` (the group: :data:`ALL_CASE_HOLDING`, then "Permanent workers" and
        "Agency workers" where there are any), ``case_holding_workers`` (headcount), ``cases``
        (cases held), ``average_caseload`` (cases per worker, :func:`average_caseload`),
        ``target`` (cases per worker to stay below; None when no target), ``meets_target``
        (average below the target; None when no target) and ``cases_per_fte`` (cases / FTE).

    """
    rows = []
    groups = [(ALL_CASE_HOLDING, caseloads)] + [
        (f"{t} workers", caseloads[caseloads["worker_type"] == t])
        for t in ("Permanent", "Agency")
        if (caseloads["worker_type"] == t).any()
    ]
    for label, g in groups:
        avg = average_caseload(g)
        rows.append(
            {
                "workers": label,
                "case_holding_workers": len(g),
                "cases": int(g["total_cases"].sum()),
                "average_caseload": avg,
                "target": target,
                "meets_target": None if target is None else bool(avg < target),
                "cases_per_fte": float(g["total_cases"].sum()) / float(g["fte"].sum()),
            }
        )
    return pd.DataFrame(rows, columns=list(CASELOAD_LABELS))


#: Tidy caseload-summary columns -> the labels of the member-facing table. The target is set
#: for the average caseload per worker (by head), so its columns follow that figure and name
#: it; cases per FTE come after, said to have no target, never read against it.
CASELOAD_LABELS = {
    "workers": "Workers",
    "case_holding_workers": "Case-holding workers",
    "cases": "Cases",
    "average_caseload": "Average caseload (cases per worker)",
    "target": TARGET_LABEL,
    "meets_target": MEETS_LABEL,
    "cases_per_fte": "Cases per FTE (no target for it)",
}


def caseload_summary(caseloads: pd.DataFrame, target: float | None) -> pd.DataFrame:
    """Average caseload overall and by worker type against the target ("below target").

    The member-facing table of :func:`caseload_groups`.

    Returns
    -------
    pandas.DataFrame
        Columns Workers, Case-holding workers, Cases, Average caseload (cases per worker),
        the target for it and whether it is below ("Yes", "No", or "–" without a target), Cases
        per FTE (no target for it);
        rows All case-holding workers, then Permanent and Agency.

    """
    tidy = caseload_groups(caseloads, target)
    tidy["meets_target"] = [
        "–" if m is None else "Yes" if m else "No" for m in tidy["meets_target"]
    ]
    return tidy.rename(columns=CASELOAD_LABELS)


#: The line shown under the caseload table when no worker has a worker type.
NO_WORKER_TYPE = (
    "The caseloads are not split into permanent and agency workers: the caseload extract has "
    "no worker type (declared absent in the review)."
)
#: The line shown in place of the caseloads by experience when no worker has a date qualified.
NO_QUALIFIED_DATES = (
    "The caseload extract has no date qualified (declared absent in the review), so the "
    "caseloads by years since qualifying are left out."
)


def band_labels(edges: Sequence[float]) -> list[str]:
    """Experience band labels for edges in years since qualifying, e.g. [1, 3] gives three bands.

    ``[1, 3]`` gives "Newly qualified (under 1 year)", "1 to 3 years", "3 years or more"; each
    band includes its lower edge.
    """
    edges = [float(e) for e in edges]
    labels = [f"Newly qualified (under {edges[0]:g} year{'s' if edges[0] != 1 else ''})"]
    labels += [f"{a:g} to {b:g} years" for a, b in zip(edges, edges[1:], strict=False)]
    labels.append(f"{edges[-1]:g} years or more")
    return labels


def years_qualified(date_qualified: pd.Series, as_at: pd.Timestamp) -> pd.Series:
    """Years from the date qualified to ``as_at`` (whole days / 365.25)."""
    return (pd.Timestamp(as_at) - pd.to_datetime(date_qualified)).dt.days / 365.25


def caseloads_by_experience(
    caseloads: pd.DataFrame,
    as_at: pd.Timestamp,
    edges: Sequence[float],
    standards: Sequence[float] | None = None,
) -> pd.DataFrame:
    """Average caseload by years since qualifying, against a recommended caseload per band.

    Returns
    -------
    pandas.DataFrame
        Columns Experience, Workers, Average caseload, Recommended caseload, Above recommended
        by (cases); one row per band (see :func:`band_labels`).

    """
    labels = band_labels(edges)
    standards = list(standards) if standards else None  # none given: no recommended caseload
    if standards is not None and len(standards) != len(labels):
        raise ConfigError(
            f"caseload_standards has {len(standards)} figure(s) but the "
            f"experience bands {list(edges)} make {len(labels)} bands "
            f"({', '.join(labels)}): give one recommended caseload per band."
        )
    years = years_qualified(caseloads["date_qualified"], as_at)
    band = pd.cut(years, [-np.inf, *[float(e) for e in edges], np.inf], right=False, labels=labels)
    current = caseloads.groupby(band, observed=False)["total_cases"].agg(["size", "mean"])
    recommended = list(standards) if standards is not None else [np.nan] * len(labels)
    return caseload_standards_comparison(
        labels, current["mean"].to_list(), recommended, workers=current["size"].to_list()
    )


def caseload_standards_comparison(
    bands: Sequence[str],
    current: Sequence[float],
    recommended: Sequence[float],
    workers: Sequence[int] | None = None,
    current_second: Sequence[float] | None = None,
) -> pd.DataFrame:
    """Current caseloads against recommended caseloads by experience band.

    Parameters
    ----------
    bands : sequence of str
        Experience bands (e.g. newly qualified, 1-3 years, 3 years plus).
    current : sequence of float
        Current average caseload per band (cases per worker).
    recommended : sequence of float
        Recommended caseload per band.
    workers : sequence of int, optional
        Workers per band, when known.
    current_second : sequence of float, optional
        A second current figure per band where a paper prints two (e.g. "24 / 26").

    Returns
    -------
    pandas.DataFrame
        Columns Experience, (Workers), Average caseload, (Second figure), Recommended caseload,
        Above recommended by (cases) (and by the second figure).

    """
    table = pd.DataFrame({"Experience": list(bands)})
    if workers is not None:
        table["Workers"] = list(workers)
    # A band nobody falls in has no average (NaN, shown as a dash), not an error.
    table["Average caseload"] = [np.nan if pd.isna(x) else float(x) for x in current]
    if current_second is not None:
        table["Second figure"] = [np.nan if pd.isna(x) else float(x) for x in current_second]
    table["Recommended caseload"] = [float(x) for x in recommended]
    table["Above recommended by (cases)"] = (
        table["Average caseload"] - table["Recommended caseload"]
    )
    if current_second is not None:
        table["Second figure above recommended by (cases)"] = (
            table["Second figure"] - table["Recommended caseload"]
        )
    return table


def cases_by_type(caseloads: pd.DataFrame) -> dict[str, int]:
    """Cases held by type (member-facing label -> count) from the caseload extract."""
    return {label: int(caseloads[col].sum()) for col, label in CASE_TYPE_LABELS.items()}


def fte_needed(cases: Mapping[str, float], cases_per_worker: Mapping[str, float]) -> pd.DataFrame:
    """Workers a caseload model needs: cases of each type / the caseload allowed per worker.

    Parameters
    ----------
    cases : mapping
        Case type -> cases held.
    cases_per_worker : mapping
        Case type -> cases one full-time worker holds in the model (e.g. 14 looked-after
        children and child protection, 20 children in need, 25 care leavers per personal
        adviser).

    Returns
    -------
    pandas.DataFrame
        Columns Case type, Cases, Cases per worker, FTE needed; a Total row.

    Raises
    ------
    ConfigError
        A case type has no caseload per worker.

    """
    missing = [t for t in cases if t not in cases_per_worker]
    if missing:
        raise ConfigError(
            "cases_per_worker has no figure for: "
            + ", ".join(missing)
            + " (set it in the section's parameters in the review configuration)"
        )
    table = pd.DataFrame(
        {
            "Case type": list(cases),
            "Cases": [float(cases[t]) for t in cases],
            "Cases per worker": [float(cases_per_worker[t]) for t in cases],
        }
    )
    table["FTE needed"] = table["Cases"] / table["Cases per worker"]
    return with_total(table, skip=["Cases per worker"])


def fte_gap(
    needed_fte: float, snapshot: pd.DataFrame, service: str, job_titles: Sequence[str]
) -> pd.DataFrame:
    """FTE a caseload model needs against the establishment and the FTE in post.

    Returns
    -------
    pandas.DataFrame
        Columns Measure, FTE, Short of the model by (FTE); rows FTE needed by the caseload
        model, Establishment FTE, FTE in post (permanent and agency).

    """
    rows = snapshot[(snapshot["service"] == service) & snapshot["job_title"].isin(job_titles)]
    est = float(rows["establishment_fte"].sum())
    in_post = float((rows["permanent_fte"] + rows["agency_fte"]).sum())
    return pd.DataFrame(
        {
            "Measure": [
                "FTE needed by the caseload model",
                "Establishment FTE",
                "FTE in post (permanent and agency)",
            ],
            "FTE": [needed_fte, est, in_post],
            "Short of the model by (FTE)": [np.nan, needed_fte - est, needed_fte - in_post],
        }
    )
