"""The survey figures a meeting's papers printed, in the report's "officers' figures, checked".

The surveys' published figures are checked by their own rules (:func:`.published.reconcile`),
not by single reconcile metrics; :func:`survey_figures` registers that check with
:func:`pipelines.core.reconcile.figure_check`, so the committee report's chapter "Figures in the
officers' reports, checked" holds every survey figure the build checks, beside the others.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from pipelines.core import reconcile
from pipelines.core.disclosure import Policy, protect_text
from pipelines.sections.surveys import published
from pipelines.sections.surveys.published import where_printed

#: The surveys section (its agenda item names the report that printed the figures).

#: Measures that count people (respondents, people answering, people giving an answer).
COUNTS = {"respondents", "answered", "count"}
_MEASURE_KEYS = {label: key for key, label in published.MEASURE_LABELS.items()}
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_PERCENT = re.compile(r"^(?P<pct>-?\d+(?:\.\d+)?)% \((?P<k>\d+) of (?P<n>\d+)\)$")


def _places(printed: str) -> int:
    """Decimal places of a printed number ("3.2" -> 1, "55" -> 0)."""
    text = printed.rstrip("%")
    return len(text.split(".")[1]) if "." in text else 0


#: Measures whose explanations count things that are not people (questions, scale points).
NOT_PEOPLE = {"questions_above_3", "scale_label"}
#: The likely reason printed for a figure about a group too small to show.
SMALL = "A group of fewer than {t} people: not shown, to protect individuals."


def _small(k: int, n: int | None, threshold: int) -> bool:
    """Whether ``k`` people (of ``n``) is a group too small to show.

    True when 0 < k < threshold, or when the rest ``n - k`` is (it can be worked out).
    """
    if not threshold:
        return False
    return 0 < k < threshold or (n is not None and 0 < n - k < threshold)


def _shown(measure: str, paper: str, data: str, threshold: int) -> tuple[str, str, bool]:
    """The data's figure at the paper's precision, the difference (data minus paper), small.

    Counts of people below ``threshold`` (and above 0), and percentages of, or leaving, fewer
    than ``threshold`` people, are "[c]" with no difference (small: True); so is any other
    figure whose text names a small count of people (:func:`~pipelines.core.disclosure.
    protect_text` would change it). Figures that are not one number (a scale label, a ratio
    with its counts) are printed as the check gives them, with no difference.
    """
    printed = paper.rstrip("%")
    if measure in COUNTS and _NUMBER.match(data) and _NUMBER.match(printed):
        n = float(data)
        if _small(int(n), None, threshold):
            return "[c]", "", True
        return f"{n:,.0f}", reconcile.checked_difference(n - float(printed), "number", 0), False
    if measure == "percent" and (m := _PERCENT.match(data)) and _NUMBER.match(printed):
        if _small(int(m["k"]), int(m["n"]), threshold):
            return "[c]", "", True
        places = _places(paper)
        pct = round(float(m["pct"]), places)
        return (
            f"{pct:.{places}f}% ({m['k']} of {m['n']})",
            reconcile.checked_difference(pct - float(printed), "%", places),
            False,
        )
    if measure == "average" and _NUMBER.match(data) and _NUMBER.match(printed):
        places = _places(paper)
        mean = round(float(data), places)
        return (
            f"{mean:.{places}f}",
            reconcile.checked_difference(mean - float(printed), "average", places),
            False,
        )
    if (
        threshold
        and measure not in NOT_PEOPLE
        and protect_text(data, Policy("public", threshold)) != data
    ):
        return "[c]", "", True
    return data, "", False


@reconcile.figure_check("survey_published")
def survey_figures(
    frames: Mapping[str, pd.DataFrame], cfg, meeting, threshold: int
) -> list[reconcile.CheckedFigure]:
    """Every survey figure the papers of ``meeting`` printed, checked against the survey data.

    The review's ``survey_published`` dataset names the meeting whose papers printed its
    figures (``meeting``); for any other meeting, or without the survey data, none. Each
    printed figure (:func:`.published.reconcile`, rows "Yes" or "No"; figures a published block
    left out are not printed figures and are not listed) becomes a
    :class:`~pipelines.core.reconcile.CheckedFigure`: "Permanent staff survey: Respondents,
    All respondents", where printed, the paper's figure, the data's at the paper's precision,
    the difference and why they differ (the check's explanation, with small counts of people
    written "fewer than t" when ``threshold`` is set; a figure about a group of fewer than
    ``threshold`` people is "[c]", its reason :data:`SMALL`).
    """
    datasets = getattr(cfg, "datasets", {}) or {}
    ds = datasets.get("survey_published")
    if ds is None or getattr(ds, "meeting", None) is None or ds.meeting != meeting:
        return []
    checks = published.reconcile_frames(frames)
    if checks is None:
        return []
    pol = Policy("public", threshold) if threshold else None
    small_reason = SMALL.format(t=threshold)
    out = []
    for row in checks[checks["Agrees"].isin(["Yes", "No"])].to_dict("records"):
        measure = _MEASURE_KEYS.get(row["Measure"], "")
        paper = str(row["Published"])
        data, difference, small = _shown(measure, paper, str(row["From the data"]), threshold)
        why = " ".join(str(row["Explanation"] or "").split())
        if small:
            why = small_reason
        elif pol and why and measure not in NOT_PEOPLE:
            why = protect_text(why, pol)
        figure = f"{row['Survey']}: {row['Measure']}, {row['Service']}" + (
            f": {row['Question']}" if row["Question"] else ""
        )
        out.append(
            reconcile.CheckedFigure(
                figure=figure,
                where=where_printed(str(row["Published in"]), cfg, meeting),
                paper=paper,
                data=data,
                difference=difference,
                reason=why,
                agrees=row["Agrees"] == "Yes",
                group=str(row["Survey"]),
            )
        )
    return out
