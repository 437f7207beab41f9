"""Helpers for the survey tests: read the demo exports, match seed questions to the pack's."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from pipelines.core.cleaning import CLEANERS, CleaningLog
from pipelines.core.config import load_review
from pipelines.core.mappings import load_mapping
from pipelines.core.sources import read_export
from tests.conftest import DEMO_REVIEW

ASC = "Adult Social Care"
CSC = "Children's Social Care"
BLOCK_SERVICE = {"block_1": ASC, "block_2": CSC}


def raw_dir() -> Path:
    return load_review(DEMO_REVIEW).raw_path()


def dataset_file(dataset: str) -> Path:
    return raw_dir() / load_review(DEMO_REVIEW).datasets[dataset].file


def clean(dataset: str, path: Path | None = None) -> dict[str, pd.DataFrame]:
    """Read and clean one demo survey export; fail on any problem."""
    made, problems = CLEANERS[dataset](
        read_export(path or dataset_file(dataset), dataset), CleaningLog()
    )
    assert not problems, "\n\n".join(p.render() for p in problems)
    return made


def norm(text: str) -> str:
    """Question text for matching: quotes, case and spacing ignored."""
    return re.sub(r"\s+", " ", str(text).replace('"', "").replace("\u2019", "'")).strip().lower()


def pack_question(seed_question: str, survey: str = "staff_survey") -> dict:
    """The pack's question (key, short label, ...) whose printed text is the seed's question."""
    for key, spec in load_mapping("survey_questions")[survey]["questions"].items():
        if norm(spec["question"]) == norm(seed_question):
            return {"key": key, **spec}
    raise AssertionError(f"no question in survey_questions.yml prints as {seed_question!r}")


def read_csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def write_csv_rows(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
