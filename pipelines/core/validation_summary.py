"""What a validation run tells people: its results on disk, the rows table, warnings in words.

The steps write ``validation.json`` and the member-facing summary into the processed-data
folder (:func:`write_report`); notebooks 02 and 90 and the presentation layer read them back
(:func:`read_summary`, :func:`rows_summary`, :func:`failed_warnings`); a failing warning is put
in words for the console, the data-quality appendix and the note beside an affected table
(:func:`warning_text`, :func:`warning_messages`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from pipelines.core.validation_checks import discover_datasets
from pipelines.core.validation_report import (
    CROSS_DATASET,
    DATASET_NAMES,
    WARNING,
    ValidationReport,
    column_header,
    row_list,
)

__all__ = [
    "failed_warnings",
    "load_frames",
    "read_summary",
    "rows_summary",
    "rows_table",
    "warning_findings",
    "warning_messages",
    "warning_text",
    "write_report",
]

NOT_DATASETS = ("cleaning_log", "validation_summary")


def load_frames(folder: Path) -> dict[str, pd.DataFrame]:
    """The tidy datasets in a processed-data folder (``ctx.processed_dir``), keyed by dataset.

    Every ``<dataset>.parquet`` except the cleaning log and the validation summary.
    """
    return {
        p.stem: pd.read_parquet(p)
        for p in sorted(Path(folder).glob("*.parquet"))
        if p.stem not in NOT_DATASETS
    }


def write_report(report: ValidationReport, folder: Path) -> Path:
    """Write ``validation.json`` and the member-facing summary into a processed-data folder.

    Returns the path of ``validation.json``; the summary goes to
    ``validation_summary.parquet`` beside it (read by :func:`read_summary`).
    """
    import json

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "validation.json"
    path.write_text(json.dumps(report.to_dict(), indent=2, default=str), encoding="utf-8")
    report.summary_table().to_parquet(folder / "validation_summary.parquet", index=False)
    return path


def read_summary(folder: Path) -> pd.DataFrame:
    """The summary table of the last validation run written to ``folder`` (Dataset, Check...)."""
    return pd.read_parquet(Path(folder) / "validation_summary.parquet")


#: Column of the rows table giving the rows each export contributes to the pack.
ROWS_USED = "Rows used in the pack"


def rows_summary(folder: Path) -> pd.DataFrame:
    """Rows read from each export, rows left out by reason, and rows used: a table that adds up.

    Read from ``rows.json`` in the processed-data folder ``folder`` (written by the cleaning
    step, :func:`pipelines.core.cleaning.row_accounts`); counts are numbers of data rows.

    Returns
    -------
    pandas.DataFrame
        One row per export: ``Dataset``, ``Rows read``, one column per reason rows were left
        out (blank rows, totals rows, exact duplicates, leavers outside the review period...;
        reasons with no rows in any export are not shown) and ``Rows used in the pack``; in each
        row, rows read = the reasons' columns + rows used.

    """
    import json

    from pipelines.core.cleaning import OTHER_CLEANING

    counts = json.loads((Path(folder) / "rows.json").read_text(encoding="utf-8"))
    accounts = counts.get("accounts")
    if accounts is None:  # written before rows were accounted for by reason
        accounts = {}
        for key, read in counts["read"].items():
            kept = counts["kept"].get(key, read)
            other = {OTHER_CLEANING: read - kept} if read != kept else {}
            accounts[key] = {"read": read, "excluded": other, "used": kept}
    return rows_table(accounts)


def rows_table(accounts: dict[str, dict]) -> pd.DataFrame:
    """The rows table of :func:`rows_summary` from row accounts.

    ``accounts`` maps each export's key to ``{"read": rows read, "excluded": {reason: rows},
    "used": rows used}`` (:func:`pipelines.core.cleaning.row_accounts`); counts are data rows.
    """
    reasons = list(dict.fromkeys(r for a in accounts.values() for r in a["excluded"]))
    rows = []
    for key, account in accounts.items():
        row = {
            "Dataset": DATASET_NAMES.get(key, key.replace("_", " ").capitalize()),
            "Rows read": int(account["read"]),
        }
        row.update({r: int(account["excluded"].get(r, 0)) for r in reasons})
        row[ROWS_USED] = int(account["used"])
        rows.append(row)
    return pd.DataFrame(rows, columns=["Dataset", "Rows read", *reasons, ROWS_USED])


def failed_warnings(folder: Path) -> list[dict[str, Any]]:
    """The failing warnings of the last validation run written to ``folder`` (validation.json).

    Each is a result as in :meth:`CheckResult.to_dict` (``dataset``, ``check``, ``what``,
    ``found``, ``rows``, ``affects``, ``tables``...).
    """
    import json

    path = Path(folder) / "validation.json"
    if not path.exists():
        return []
    results = json.loads(path.read_text(encoding="utf-8")).get("results", [])
    return [r for r in results if not r["success"] and r["severity"] == WARNING]


def warning_text(result: Mapping[str, Any]) -> str:
    """One failing warning in words: what is wrong, what was found, the figures it affects.

    For the console, the data-quality appendix and the note beside an affected table.
    """
    if result["dataset"] not in DATASET_NAMES:
        discover_datasets()  # the datasets' suites register their names
    name = DATASET_NAMES.get(result["dataset"], result["dataset"])
    text = f"{name}: {(result.get('what') or result['check']).rstrip('.')}."
    found = [f for f in result.get("found", []) if f and f not in text][:3]
    if found:
        text += f" Found: {'; '.join(found)}."
    if result.get("rows"):
        text += f" Rows: {row_list(result['rows'])}."
    if result.get("affects"):
        text += f" Figures affected: {result['affects']}."
    return text


def warning_messages(
    report: ValidationReport, frames: Mapping[str, pd.DataFrame] | None = None
) -> list[str]:
    """The failing warnings of a run as printed in the console while the build goes on.

    Each: ``Warning: `` and :func:`warning_text`, then the file (and sheet) to check.
    """
    out = []
    for result in report.failed(WARNING):
        dataset = "exit_interviews" if result.dataset == CROSS_DATASET else result.dataset
        source = report._source(dataset, frames)
        where = source.file + (f' (sheet "{source.sheet}")' if source.sheet else "")
        message = f"Warning: {warning_text(result.to_dict())}\n  file:     {where}"
        if result.column and result.rows:
            header = column_header(dataset, result.column, source.raw_columns, report.headers)
            message += f"\n  column:   {header}"
        if result.hint and result.rows:
            message += f"\n  {result.hint}"
        out.append(message)
    return out


def warning_findings(folder: Path) -> list[str]:
    """Sentences for the failing warnings of the last validation run (:func:`warning_text`)."""
    return [warning_text(r) for r in failed_warnings(folder)]
