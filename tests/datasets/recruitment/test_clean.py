"""Cleaning the recruitment export: labels mapped, dates read, outcomes, problems named."""

from __future__ import annotations

from pipelines.datasets.recruitment.clean import (
    ACCEPTED,
    DECLINED,
    OPEN,
    STARTED,
    WITHDRAWN,
)
from tests.datasets.recruitment.helpers import application, clean, write_export


def test_labels_dates_and_outcomes(tmp_path):
    rows = [
        application("A1", route=" jobsgopublic ", applied="01/10/2015", offered="20/10/2015",
                    accepted="22/10/2015", started="04/01/2016"),
        application("A2", route="Google Ad Words", experience="NQSW", applied="02/10/2015",
                    offered="20/10/2015", declined="25/10/2015", reason="Salary too low"),
        application("A3", route="Step Up", applied="03/10/2015", withdrawn="05/10/2015",
                    reason="Personal reasons"),
        application("A4", route="Locum conversion", applied="2015-10-04", offered="20/10/2015",
                    accepted="21/10/2015"),
        application("A5", route="Sanctuary", applied="05/10/2015"),
    ]  # fmt: skip
    df, problems, log = clean(write_export(tmp_path / "r.csv", rows))
    assert problems == []
    assert list(df["route"]) == [
        "Recruitment microsite",
        "Online advertising",
        "Step Up to Social Work",
        "Agency conversion",
        "Recruitment partner",
    ]
    assert list(df["experience"]) == ["Experienced", "Newly qualified", *["Experienced"] * 3]
    assert list(df["reason"].fillna("")) == ["", "Pay", "Personal circumstances", "", ""]
    assert list(df["outcome"]) == [STARTED, DECLINED, WITHDRAWN, ACCEPTED, OPEN]
    assert str(df.loc[0, "started_date"].date()) == "2016-01-04"
    assert str(df.loc[3, "applied_date"].date()) == "2015-10-04"
    assert list(df["source_row"]) == [2, 3, 4, 5, 6]
    fixes = {e["fix"]: e["rows"] for e in log.entries}
    assert fixes["Spaces trimmed from text cells"] == 1


def test_an_unknown_route_names_file_row_column_and_the_mapping_to_extend(tmp_path):
    rows = [
        application("A1", applied="01/10/2015"),
        application("A2", route="Carrier pigeon", applied="01/10/2015"),
    ]
    path = write_export(tmp_path / "r.csv", rows)
    _, problems, _ = clean(path)
    assert len(problems) == 1
    p = problems[0]
    assert p.what == "Unknown route (source)."
    assert (p.row, p.column, p.found) == (3, "Source", '"Carrier pigeon"')
    assert p.file.endswith("r.csv")
    assert '"Recruitment microsite"' in p.expected
    assert "mappings/recruitment.yml (routes)" in p.hint  # the review's own, when one is loaded


def test_a_blank_application_date_is_a_problem_but_later_stages_may_be_blank(tmp_path):
    rows = [application("A1", applied="01/10/2015"), application("A2", applied="")]
    _, problems, _ = clean(write_export(tmp_path / "r.csv", rows))
    assert [(p.what, p.row, p.column, p.found) for p in problems] == [
        ("A date cannot be read.", 3, "Date Applied", '"(blank)"')
    ]
