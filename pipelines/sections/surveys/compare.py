"""Survey answers compared: children's against adults' staff, and this wave against the last.

:func:`compare_services` tests each scored question for a difference between the two services
(Mann-Whitney, with Holm's correction for the number of questions); :func:`compare_waves` sets
each question's average beside the previous survey's. Small groups are flagged
(:func:`small_groups`, :func:`small_n_caution`), as differences between them are pointers for
discussion, not proof.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from pipelines.sections.surveys.analysis import _service, questions_frame

# --- Children's and adults' staff compared --------------------------------------------------


def holm(pvalues: Sequence[float]) -> list[float]:
    """Holm-Bonferroni adjusted p-values (same order as given; NaN stays NaN)."""
    p = np.asarray(pvalues, dtype=float)
    ok = ~np.isnan(p)
    out = np.full(p.shape, np.nan)
    idx = np.where(ok)[0]
    order = idx[np.argsort(p[idx], kind="stable")]
    m = len(order)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p[i]))
        out[i] = running
    return out.tolist()


def compare_services(
    answers: pd.DataFrame,
    first: str,
    second: str,
    *,
    survey: str = "staff_survey",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Compare two services' answers per scored question with the Mann-Whitney U test.

    The Mann-Whitney U test (two-sided, normal approximation with a correction for the many tied
    answers a 5-point scale gives) asks whether one group's answers tend to be higher than the
    other's; it uses only the order of the answers, which suits ordinal scales where the gap
    between "agree" and "strongly agree" need not equal the gap between "agree" and "neither".
    Testing every question at once makes some "significant" results likely by chance, so the
    p-values are also adjusted for the number of questions (Holm's method), and a difference is
    called clear only when the adjusted p-value is below ``alpha``.

    Returns
    -------
    pandas.DataFrame
        ``Question`` (short label), "<first> average", "<second> average", ``Difference``
        (second minus first; positive = the second service less positive), ``p-value``,
        ``Adjusted p-value`` (Holm), ``Clear difference`` ("Yes"/"No"); questions either
        service did not answer are left out. The numbers answering are in
        :func:`results_table`.

    """
    from scipy.stats import mannwhitneyu

    qs = questions_frame(survey)
    rows = []
    for q in qs.itertuples():
        a = answers.loc[(answers["service"] == first) & (answers["question"] == q.key), "score"]
        b = answers.loc[(answers["service"] == second) & (answers["question"] == q.key), "score"]
        a, b = a.dropna().astype(float), b.dropna().astype(float)
        if a.empty or b.empty:
            continue
        p = (
            float(mannwhitneyu(a, b, alternative="two-sided", method="asymptotic").pvalue)
            if a.nunique() + b.nunique() > 2 or a.iloc[0] != b.iloc[0]
            else 1.0
        )
        rows.append(
            {
                "Question": q.short,
                f"{first} average": a.mean(),
                f"{second} average": b.mean(),
                "Difference": b.mean() - a.mean(),
                "p-value": p,
            }
        )
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    table.insert(5, "Adjusted p-value", holm(table["p-value"]))
    table.insert(
        6, "Clear difference", ["Yes" if p < alpha else "No" for p in table["Adjusted p-value"]]
    )
    return table


def small_groups(answers: pd.DataFrame, services: Sequence[str], small_n: int) -> dict[str, int]:
    """Services whose largest number answering any question is below ``small_n``: service -> n."""
    out = {}
    for s in services:
        counts = answers[answers["service"] == s].groupby("question").size()
        n = int(counts.max()) if len(counts) else 0
        if n < small_n:
            out[s] = n
    return out


def small_n_caution(small: Mapping[str, int], small_n: int) -> str | None:
    """A caution for members when a group is small, or None."""
    if not small:
        return None
    groups = "; ".join(f"{s} has at most {n} answers per question" for s, n in small.items())
    return (
        f"{groups} (the pack treats fewer than {small_n} as small). With so few answers a "
        "real difference may not show up as clear, one or two people can move an average "
        "by a tenth of a point or more, and the likely ranges are indicative. Treat "
        "differences as pointers for discussion, not proof."
    )


# --- Waves --------------------------------------------------------------------------------


def compare_waves(
    current: pd.DataFrame,
    previous: pd.DataFrame,
    service: str | None = None,
    *,
    survey: str = "staff_survey",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Compare this survey's answers with an earlier wave of the same survey, per question.

    Uses the Mann-Whitney U test (see :func:`compare_services`) between the two waves' answers,
    with Holm-adjusted p-values. Questions asked in only one wave are listed with the other
    wave's figures blank.

    Returns
    -------
    pandas.DataFrame
        ``Question`` (short label), ``Earlier average``, ``Earlier answered``, ``This survey
        average``, ``This survey answered``, ``Change`` (this minus earlier; negative = more
        positive now), ``p-value``, ``Adjusted p-value``, ``Clear change`` ("Yes", "No" or ""
        when not comparable).

    """
    from scipy.stats import mannwhitneyu

    qs = questions_frame(survey)
    cur, prev = _service(current, service), _service(previous, service)
    rows = []
    for q in qs.itertuples():
        b = cur.loc[cur["question"] == q.key, "score"].dropna().astype(float)
        a = prev.loc[prev["question"] == q.key, "score"].dropna().astype(float)
        if a.empty and b.empty:
            continue
        p = float("nan")
        if len(a) and len(b):
            p = (
                float(mannwhitneyu(a, b, alternative="two-sided", method="asymptotic").pvalue)
                if a.nunique() + b.nunique() > 2 or a.iloc[0] != b.iloc[0]
                else 1.0
            )
        rows.append(
            {
                "Question": q.short,
                "Earlier average": a.mean() if len(a) else float("nan"),
                "Earlier answered": len(a),
                "This survey average": b.mean() if len(b) else float("nan"),
                "This survey answered": len(b),
                "Change": (b.mean() - a.mean()) if len(a) and len(b) else float("nan"),
                "p-value": p,
            }
        )
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    table["Adjusted p-value"] = holm(table["p-value"])
    table["Clear change"] = [
        "" if np.isnan(p) else "Yes" if p < alpha else "No" for p in table["Adjusted p-value"]
    ]
    return table
