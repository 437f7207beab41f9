"""The scorecard's qualitative measures: what staff and leavers said, as top themes.

The staff survey's free-text themes, the reasons leavers gave and where they went, each as its
most mentioned themes with counts and source (:func:`qualitative_table`); the public version
lists only counts the sections publish (:func:`public_qualitative_table`). Split from
:mod:`pipelines.sections.scorecard.analysis` (its size), which re-exports them.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd


def top_themes(counts: pd.DataFrame, label: str, column: str, n: int = 3) -> pd.DataFrame:
    """The ``n`` most mentioned themes of one count column (ties kept), without "no theme".

    Returns columns Measure, Theme, Mentions (number of comments or leavers), Of (the total
    they are out of, as text).
    """
    from pipelines.sections.surveys.themes import NO_THEME

    body = counts[counts.iloc[:, 0] != NO_THEME].copy()
    body = body[body[column].astype(int) > 0]
    if body.empty:
        return pd.DataFrame(columns=["Measure", "Theme", "Mentions"])
    cut = body[column].astype(int).nlargest(n).min()
    body = body[body[column].astype(int) >= cut].sort_values(column, ascending=False, kind="stable")
    return pd.DataFrame(
        {
            "Measure": label,
            "Theme": body.iloc[:, 0].astype(str),
            "Mentions": body[column].astype(int),
        }
    ).reset_index(drop=True)


def qualitative_table(
    frames: Mapping[str, pd.DataFrame], cfg, n: int = 3, pol=None
) -> pd.DataFrame:
    """The qualitative measures: top themes with counts, each source optional.

    - Staff survey: themes of the suggestions for improvement (``surveys.theme_counts``),
      all respondents, counted as comments mentioning the theme.
    - Leavers' reasons for leaving as recorded by HR (``leavers.reasons_table``) in the review
      period, counted as leavers.
    - Exit interviews: where leavers went, as coded categories of the new employers named on the
      forms (``leavers.destinations(coded=True)``: never the employer as written, which can name
      a person), counted as leavers.

    Under a public policy (``pol.public``) see :func:`public_qualitative_table`: only counts
    the sections themselves publish, never a count below the threshold, so neither a
    ``[c]`` nor the order of the rows gives a small count away.

    Returns columns Measure, Theme, Mentions, Out of (what the count is a number of), Source.
    """
    if pol is not None and getattr(pol, "public", False):
        return public_qualitative_table(frames, cfg, pol, n)
    from pipelines.sections.leavers import analysis as lv
    from pipelines.sections.leavers import exit_interviews as lx
    from pipelines.sections.surveys import themes as svt

    parts = []
    if (asked := staff_theme_question(frames)) is not None:
        staff, (question, label) = frames["staff_survey"], asked
        counts = svt.theme_counts(staff, question, svt.codebook("staff_survey", question))
        col = next(c for c in counts.columns if str(c).startswith("Comments (of"))
        t = top_themes(counts, f"Staff survey: {label}", col, n)
        t["Out of"] = col.replace("Comments (of ", "").rstrip(")") + " comments"
        t["Source"] = _source(cfg, "staff_survey", "Staff survey")
        parts.append(t)
    if "leavers" in frames and len(frames["leavers"]):
        leavers = lv.in_period(frames["leavers"], cfg.period.start, cfg.period.end)
        reasons = lv.reasons_table(leavers)
        body = reasons[reasons["Reason for leaving"] != "Total"]
        t = top_themes(body, "Reasons for leaving (HR record)", "Leavers", n)
        t["Out of"] = f"{len(leavers)} leavers"
        t["Source"] = cfg.datasets["leavers"].source
        parts.append(t)
    if "exit_interviews" in frames and len(frames["exit_interviews"]):
        forms = frames["exit_interviews"]
        dest = lx.destinations(forms, coded=True)
        t = top_themes(dest, "Exit interviews: where leavers went", "Leavers", n)
        t["Out of"] = f"{len(forms)} forms"
        t["Source"] = cfg.datasets["exit_interviews"].source
        parts.append(t)
    return _themes_frame(parts)


THEME_COLUMNS = ["Measure", "Theme", "Mentions", "Out of", "Source"]


def staff_theme_question(frames: Mapping[str, pd.DataFrame]) -> tuple[str, str] | None:
    """``(key, label)`` of the staff survey question whose comments are coded to themes.

    The question is the survey's own (:func:`pipelines.sections.surveys.result.text_question`:
    its first free-text question with a codebook of themes), and the label its ``short``
    label in the review's survey mapping, else its wording ("What would improve
    satisfaction" in the demo survey; another council's survey asks its own question). None
    without staff comments or such a question.
    """
    from pipelines.datasets.surveys.questions import survey_questions
    from pipelines.sections.surveys import result as sr

    staff = frames.get("staff_survey")
    if staff is None or not len(staff):
        return None
    key = sr.text_question(staff)
    if key is None:
        return None
    spec = survey_questions("staff_survey").get(key) or {}
    return key, " ".join(str(spec.get("short") or sr.question_wording(key)).split())


def _source(cfg, dataset: str, default: str) -> str:
    return cfg.datasets[dataset].source if dataset in cfg.datasets else default


def _themes_frame(parts: list[pd.DataFrame]) -> pd.DataFrame:
    if not parts:
        return pd.DataFrame(columns=THEME_COLUMNS)
    return pd.concat(parts, ignore_index=True)[THEME_COLUMNS]


def published_themes(
    shown: pd.DataFrame, column: str, label: str, threshold: int, n: int = 3
) -> pd.DataFrame:
    """The ``n`` most mentioned themes among those a section publishes with their count.

    ``shown`` is a section's table as the public pack shows it (``[c]`` where suppressed). Only
    rows whose count in ``column`` is published and at least ``threshold`` are candidates
    (never "Total" or "no theme"), so the list repeats published counts and says nothing about
    the hidden ones: not their value, not their order. Ties at the cut are kept. Columns as
    :func:`top_themes`.
    """
    from pipelines.sections.surveys.themes import NO_THEME

    first = shown.columns[0]
    values = pd.to_numeric(shown[column], errors="coerce")
    keep = (
        values.notna()
        & (values >= threshold)
        & ~shown[first].astype(str).str.strip().str.casefold().isin(["total", NO_THEME.casefold()])
    )
    body = shown[keep].assign(**{column: values[keep].astype(int)})
    return top_themes(body, label, column, n)


def public_qualitative_table(
    frames: Mapping[str, pd.DataFrame], cfg, pol, n: int = 3
) -> pd.DataFrame:
    """The qualitative measures as the public pack may show them.

    Every count is one a section of the pack publishes, split as that section splits it:
    staff survey themes per service (as the survey section's themes table), reasons for leaving
    per service (as the leavers section's tables, protected as there, ``ranked_by`` the count)
    and coded destinations (as the leavers section). Themes whose count is below the threshold
    or suppressed there are left out (:func:`published_themes`), so no ``[c]`` is ranked: the
    order of a list ranked by hidden counts would give them away, and a combined count
    (services together) would let a reader subtract a service's published count from it.
    """
    from pipelines.core import disclosure
    from pipelines.sections.leavers import analysis as lv
    from pipelines.sections.leavers import exit_interviews as lx
    from pipelines.sections.surveys import themes as svt

    t = pol.threshold
    parts = []
    if (asked := staff_theme_question(frames)) is not None:
        staff, (question, asked_label) = frames["staff_survey"], asked
        services = [s for s in cfg.services if (staff["service"] == s).any()]
        book = svt.codebook("staff_survey", question)
        counts = svt.theme_counts(staff, question, book, services or None)
        for s in services or [None]:
            prefix = f"{s}: comments (of " if s else "Comments (of "
            col = next(c for c in counts.columns if str(c).startswith(prefix))
            shown = counts[["Theme", col]]
            label = "Staff survey" + (f", {s}" if s else "") + f": {asked_label}"
            part = published_themes(shown, col, label, t, n)
            part["Out of"] = col[len(prefix) :].rstrip(")") + " comments"
            part["Source"] = _source(cfg, "staff_survey", "Staff survey")
            parts.append(part)
    if "leavers" in frames and len(frames["leavers"]):
        leavers = lv.in_period(frames["leavers"], cfg.period.start, cfg.period.end)
        for s in cfg.services:
            mine = leavers[leavers["service"] == s]
            if mine.empty:
                continue
            shown = disclosure.protect(
                lv.reasons_table(leavers, service=s), ranked_by="Leavers", pol=pol
            ).shown
            part = published_themes(shown, "Leavers", f"Reasons for leaving (HR record), {s}", t, n)
            part["Out of"] = f"{len(mine)} leavers"
            part["Source"] = cfg.datasets["leavers"].source
            parts.append(part)
    if "exit_interviews" in frames and len(frames["exit_interviews"]):
        forms = frames["exit_interviews"]
        shown = disclosure.protect(
            lx.destinations(forms, coded=True), ranked_by="Leavers", pol=pol
        ).shown
        part = published_themes(shown, "Leavers", "Exit interviews: where leavers went", t, n)
        part["Out of"] = f"{len(forms)} forms"
        part["Source"] = cfg.datasets["exit_interviews"].source
        parts.append(part)
    return _themes_frame([p for p in parts if len(p)])


def public_themes_note(table: pd.DataFrame, threshold: int) -> str:
    """The note under the public themes table: what is listed and what is left out."""
    return (
        f"Public version: only themes mentioned by at least {threshold} people, with the counts "
        "the survey and leavers sections publish (each service apart, as there), are listed; "
        "themes mentioned by fewer are left out, so the list and its order reveal no small "
        "number. The exempt version lists the top themes of all staff and leavers."
        + ("" if len(table) else " No theme reaches that number.")
    )
