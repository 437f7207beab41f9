"""The locum survey's answers: each question's answers counted, its free-text themes.

Pure functions over the tidy ``locum_survey`` table (one row per locum) of
:mod:`pipelines.datasets.surveys.clean`; tables come back with member-facing column labels.
"""

from __future__ import annotations

import re

import pandas as pd

from pipelines.datasets.surveys.answer_coding import choice_family
from pipelines.datasets.surveys.questions import survey_questions
from pipelines.sections.surveys.themes import codebook, theme_counts

__all__ = ["locum_answer_tables", "locum_summary", "locum_theme_counts"]


def locum_summary(locum: pd.DataFrame) -> pd.DataFrame:
    """Locum survey answers: number and percentage of all respondents giving each answer.

    Covers every yes/no and choice question of ``locum_survey`` (with "Not answered" where any
    skipped) and, after the two "valued" questions, those valued by neither. Columns:
    ``Question``, ``Answer``, ``Locums`` (number), "% of N respondents" (N = all locums).
    """
    n = len(locum)
    pct = f"% of {n} respondents"
    rows = []
    questions = survey_questions("locum_survey")
    for key, spec in questions.items():
        family = spec["family"]
        if family == "free_text":
            continue
        values = locum[key]
        options = ["Yes", "No"] if family == "yes_no" else list(choice_family(family))
        for option in options:
            want = {"Yes": True, "No": False}[option] if family == "yes_no" else option
            k = int((values == want).fillna(False).sum())
            rows.append({"Question": spec["short"], "Answer": option, "Locums": k})
        blank = int(values.isna().sum())
        if blank:
            rows.append({"Question": spec["short"], "Answer": "Not answered", "Locums": blank})
        if key == "valued_by_team_manager" and "valued_by_la" in questions:
            k = int(
                ((locum["valued_by_la"] == False) & (values == False))  # noqa: E712
                .fillna(False)
                .sum()
            )
            rows.append(
                {
                    "Question": "Felt valued by neither",
                    "Answer": "Neither the authority nor their team manager",
                    "Locums": k,
                }
            )
    table = pd.DataFrame(rows)
    table[pct] = 100.0 * table["Locums"] / n if n else float("nan")
    return table


def locum_answer_tables(summary: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """:func:`locum_summary` split by question, each with a "Total" row where its answers add up.

    Every question's answers (with "Not answered") add up to all respondents, so each table
    ends with a Total row of all respondents: disclosure control then knows that the answers
    add up, and hides a second answer where one small answer could be worked out from the
    others (31 respondents, 28 "Yes": "No" would be 3). A question that is not a split of the
    respondents ("Felt valued by neither") has no Total row. Columns: ``Answer``, ``Locums``
    and the percentage column of :func:`locum_summary`.
    """
    pct = next(c for c in summary.columns if c.startswith("% of"))
    found = re.search(r"\d+", pct)
    n = int(found.group(0)) if found else None
    out = {}
    for question, block in summary.groupby("Question", sort=False):
        table = block.drop(columns="Question").reset_index(drop=True)
        if n is not None and int(table["Locums"].sum()) == n and len(table) > 1:
            total = pd.DataFrame([{"Answer": "Total", "Locums": n, pct: 100.0}])
            table = pd.concat([table, total], ignore_index=True)
        out[str(question)] = table
    return out


def locum_theme_counts(locum: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Theme counts for each free-text question of the locum survey, keyed by its short label."""
    out = {}
    for key, spec in survey_questions("locum_survey").items():
        if spec["family"] == "free_text":
            out[spec["short"]] = theme_counts(locum, key, codebook("locum_survey", key))
    return out
