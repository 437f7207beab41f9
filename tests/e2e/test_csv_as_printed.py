"""Public CSVs hold the values the report prints, at the printed precision (issue 22 point 5).

reader15: ``20_surveys__averages-by-service.csv`` held "2.6" and "3.0" where the report prints
"2.60" and "3.00". Read from every built meeting: each table and chart data table of the
report's HTML (its id names its CSV file: ``20-surveys--fig-averages-by-service`` is
``20_surveys__averages-by-service.csv``) is compared cell by cell with the CSV, a printed number
(thousands separators, "£" and "%" left out) being exactly the CSV's text.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

REPORTS = ["luton-0921", "luton-0228", "coventry-0327", "coventry-0416"]
#: A number as printed: "2.60", "-1,500", "£4,000", "34.4%".
NUMBER = re.compile(r"[-\u2212]?£?\d[\d,]*(?:\.\d+)?%?")


def plain(printed: str) -> str:
    """A printed number as its CSV cell: "£4,000" -> "4000", "−1.50" -> "-1.50"."""
    return re.sub(r"[£,%]", "", printed.replace("\u2212", "-"))


def csv_file(folder: Path, element_id: str) -> Path:
    section, name = re.split(r"--(?:tbl|fig)-", element_id, maxsplit=1)
    return folder / "tables" / f"{section.replace('-', '_')}__{name}.csv"


def differences(report: Path) -> tuple[int, list[tuple]]:
    """How many printed numbers were compared, and those whose CSV cell differs."""
    soup = BeautifulSoup(report.read_text(encoding="utf-8"), "html.parser")
    compared, found = 0, []
    for element in soup.find_all(id=re.compile(r"--(?:tbl|fig)-")):
        table = element if element.name == "table" else element.find("table")
        path = csv_file(report.parent, element["id"])
        if table is None or not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        head = [" ".join(th.get_text(" ").split()) for th in table.select("thead th")]
        body = [tr.find_all(["th", "td"]) for tr in table.select("tbody tr")]
        if len(body) != len(rows):
            continue  # a table printed otherwise than its data (checked elsewhere)
        for cells, row in zip(body, rows, strict=True):
            for column, cell in zip(head, cells, strict=False):
                printed = " ".join(cell.get_text(" ").split())
                if column not in row or not NUMBER.fullmatch(printed):
                    continue
                compared += 1
                if row[column] != plain(printed):
                    found.append((path.name, column, printed, row[column]))
    return compared, found


@pytest.mark.parametrize("name", REPORTS)
def test_every_public_csv_holds_the_numbers_as_the_report_prints_them(docs, name):
    compared, found = differences(docs[name]["report"])
    # the reports whose chapters print tables (16 April 2018's are all one line)
    assert compared > 0 or name in ("luton-0228", "coventry-0416"), name
    assert found == [], found[:10]


def test_the_survey_averages_are_written_to_two_places(docs):
    path = (
        docs["luton-0921"]["folder"] / "public" / "tables" / "20_surveys__averages-by-service.csv"
    )
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    cells = [v for row in rows for k, v in row.items() if k != "Question"]
    assert cells and all(re.fullmatch(r"\d\.\d\d", v) for v in cells), cells
