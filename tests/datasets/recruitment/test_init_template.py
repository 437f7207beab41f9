"""`evidence-pack init` describes the recruitment export and writes a template the reader reads."""

from __future__ import annotations

import csv

from pipelines.core.cleaning import CleaningLog
from pipelines.core.sources import read_export
from pipelines.datasets.recruitment.clean import clean_recruitment
from pipelines.scaffold import OPTIONAL_DATASETS, dataset_columns, write_dictionary, write_templates


def test_every_column_is_described_with_its_allowed_values():
    columns = {c.name: c for c in dataset_columns("recruitment")}
    assert columns["application_ref"].header == "Application ID"
    assert all(c.meaning and c.type for c in columns.values())
    assert "Recruitment microsite" in columns["route"].allowed
    assert "Step Up to Social Work" in columns["route"].allowed
    assert set(columns["experience"].allowed) == {"Newly qualified", "Experienced"}
    assert "recruitment" in OPTIONAL_DATASETS


def test_the_template_with_the_dictionary_examples_cleans_without_a_problem(tmp_path):
    columns = dataset_columns("recruitment")
    paths = write_templates(tmp_path, ["recruitment"])
    csv_path = next(p for p in paths if p.suffix == ".csv")
    with open(csv_path, "a", newline="", encoding="utf-8") as f:
        csv.writer(f).writerow([c.example for c in columns])
    raw = read_export(csv_path, "recruitment")
    assert [c for c in raw.data.columns if c != "source_row"] == [c.name for c in columns]
    df, problems = clean_recruitment(raw, CleaningLog())
    assert problems == []
    assert (df.loc[0, "route"], df.loc[0, "experience"]) == (
        "Recruitment microsite",
        "Newly qualified",
    )
    written = write_dictionary(tmp_path, ["recruitment"])
    text = next(p for p in written if p.suffix == ".md").read_text(encoding="utf-8")
    assert "Decline or Withdrawal Reason" in text and "recruitment.yml" in text
