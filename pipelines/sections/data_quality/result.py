"""The data-quality appendix's result: every table it shows, computed once per meeting.

:func:`build` reads the run's processed-data folder (rows read and used, the cleaning log, the
validation results) and the tidy data (published figures recomputed, survey figures checked,
personal data redacted from comments). The tables and the warnings' words are the same for
every audience; the public wording of a warning that quotes a count of exit forms is chosen at
display time (:func:`analysis.public_text`). Everything in the processed-data folder is part of
the stored result's key (the section is in every pack, ``every_pack``:
:func:`pipelines.core.section_build.result_key`).
"""

from __future__ import annotations

import pandas as pd

from pipelines.core.results import Column, SectionResult, TidyTable

SECTION = "90_data_quality"


def _table(name: str, frame: pd.DataFrame, caption: str, source: str, period) -> TidyTable:
    """A tidy table of a labelled frame (tidy names ``c0``, ``c1``...; labels the headers)."""
    tidy = {c: f"c{i}" for i, c in enumerate(frame.columns)}
    return TidyTable(
        name=name,
        frame=frame.rename(columns=tidy),
        columns={tidy[c]: Column(str(c)) for c in frame.columns},
        caption=caption,
        source=source,
        period=period,
    )


def build(ctx, params) -> SectionResult:
    """The appendix's tables and texts for the run (see the module).

    Tables: ``rows``, ``cleaning_log``, ``reconciliation`` (empty when the review lists no
    published figures), ``survey_reconciliation`` and ``survey_disagreements`` (absent without
    survey exports), ``redactions`` and ``validation``. Notes: ``warnings`` (the failing
    warnings, as the checks word them), ``mismatches`` (published figures that do not agree).
    """
    from pipelines.core import personal_data
    from pipelines.core.reconcile import mismatch_notes, reconcile
    from pipelines.core.validation_summary import read_summary, rows_summary, warning_findings
    from pipelines.sections.surveys import published as svp
    from pipelines.sections.surveys import themes as svt

    cfg, frames, folder = ctx.review, ctx.frames(), ctx.processed_dir
    period = cfg.period.label
    log = pd.read_parquet(folder / "cleaning_log.parquet").rename(
        columns={"dataset": "Dataset", "fix": "What was fixed", "rows": "Rows affected"}
    )
    tables = [
        _table(
            "rows",
            rows_summary(folder),
            "Rows read from each export, rows left out by reason, and rows used in the pack",
            "Raw exports and tidy data",
            period,
        ),
        _table(
            "cleaning_log", log, "Fixes made while cleaning the exports", "Cleaning log", period
        ),
    ]
    published = reconcile(cfg.published_figures, frames, cfg)
    tables.append(
        _table(
            "reconciliation",
            published,
            "Published figures checked against the data",
            "Papers to the group; tidy data",
            period,
        )
    )
    notes: dict[str, tuple[tuple[str, str], ...]] = {
        "warnings": tuple(("", str(t)) for t in warning_findings(folder)),
        "mismatches": tuple(
            ("Does not agree", t)
            for t in (mismatch_notes(published, cfg.published_figures) if len(published) else [])
        ),
    }
    checks = svp.reconcile_frames(frames)
    if checks is not None:
        source = "Report and appendix to the group; survey exports"
        tables.append(
            _table(
                "survey_reconciliation",
                svp.reconcile_summary(checks),
                "Published survey figures checked against the respondent data",
                source,
                period,
            )
        )
        tables.append(
            _table(
                "survey_disagreements",
                svp.disagreement_table(checks),
                "Published survey figures that differ from the data",
                source,
                period,
            )
        )
    tables.append(
        _table(
            "redactions",
            svt.redactions(frames, names=personal_data.review_names(cfg)),
            "Personal data redacted from survey comments",
            "Survey exports (free-text answers)",
            period,
        )
    )
    tables.append(
        _table(
            "validation",
            read_summary(folder),
            "Validation checks and their results",
            "Great Expectations suites and cross-checks run on the tidy data",
            period,
        )
    )
    return SectionResult(section=SECTION, tables={t.name: t for t in tables}, notes=notes)
