"""Run one export through reading, cleaning and validation; return every message an officer sees."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipelines.core.cleaning import CLEANERS, CleaningLog
from pipelines.core.errors import InputError
from pipelines.core.sources import read_export
from pipelines.core.validation import validate_datasets

SHEETS = {
    "exit_interviews": "Exit interviews",
    "workforce_snapshot": "Establishment",
    "pay_rates": "Pay rates",
}


def officer_messages(path: Path, dataset: str, today: dt.date = dt.date(2016, 9, 21)) -> str:
    """All problems with one export, rendered as the CLI prints them ('' when there are none).

    The malformed exports are the Luton demo's, headed in its words: its own mapping tables are
    put in force first, whatever review an earlier test loaded.
    """
    from pipelines.core.config import load_review

    load_review("luton-sw-2016")
    try:
        raw = read_export(path, dataset, sheet=SHEETS.get(dataset), raw_dir=path.parent)
    except InputError as exc:
        return exc.render()
    frames, problems = CLEANERS[dataset](raw, CleaningLog())
    if problems:
        return InputError(problems).render()
    report = validate_datasets(frames, today=today)
    return InputError(report.critical_problems(frames)).render()
