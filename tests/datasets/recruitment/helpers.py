"""Recruitment exports made in the tests: a CSV written from rows given as dicts."""

from __future__ import annotations

import csv
from pathlib import Path

from pipelines.core.cleaning import CleaningLog
from pipelines.core.sources import read_export
from pipelines.datasets.recruitment.clean import clean_recruitment
from pipelines.datasets.recruitment.demo import HEADER

#: Tidy name -> the header the demo (and these tests) write.
TIDY = dict(
    zip(
        (
            "application_ref", "campaign", "job_title", "service", "route", "experience",
            "applied", "shortlisted", "interviewed", "offered", "accepted", "declined",
            "started", "withdrawn", "reason",
        ),
        HEADER,
        strict=True,
    )
)  # fmt: skip


def application(ref: str, **cells: str) -> dict[str, str]:
    """One application: an experienced children's social worker from a job board, unless given."""
    row = {
        "application_ref": ref,
        "campaign": "C1",
        "job_title": "Social Worker",
        "service": "Children's Social Care",
        "route": "Community Care",
        "experience": "Experienced",
    }
    row.update(cells)
    return row


def write_export(path: Path, rows: list[dict[str, str]]) -> Path:
    """Write ``rows`` as a recruitment export CSV with the demo's headers."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for r in rows:
            w.writerow([r.get(k, "") for k in TIDY])
    return path


def clean(path: Path):
    """Read and clean an export: (tidy frame, problems, log)."""
    log = CleaningLog()
    df, problems = clean_recruitment(read_export(path, "recruitment"), log)
    return df, problems, log
