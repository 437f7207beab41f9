"""The synthetic workforce demo files: reproducible, documented, true to the published figures."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pandas as pd

from pipelines.core.config import load_review
from pipelines.datasets.workforce import demo
from pipelines.demo import write_workforce_demo
from tests.conftest import DEMO_REVIEW

DATA = load_review(DEMO_REVIEW).raw_path()


def xlsx_values(path: Path) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


def test_regenerating_gives_the_committed_files(tmp_path):
    written = write_workforce_demo(tmp_path)
    assert [p.name for p in written] == [
        demo.WORKFORCE_FILE,
        demo.CASELOADS_FILE,
        demo.SUPPLEMENTS_FILE,
        demo.README_FILE,
    ]
    for path in written:
        committed = DATA / path.name
        if path.suffix == ".xlsx":
            assert xlsx_values(path) == xlsx_values(committed)
        else:
            assert path.read_bytes() == committed.read_bytes(), path.name


def test_regenerating_twice_gives_the_same_bytes(tmp_path):
    first = [p.read_bytes() for p in write_workforce_demo(tmp_path / "a")]
    second = [p.read_bytes() for p in write_workforce_demo(tmp_path / "b")]
    assert first == second


def test_readme_rows_of_deliberate_messiness_hold_the_messy_values():
    readme = (DATA / demo.README_FILE).read_text(encoding="utf-8")
    sheet = xlsx_values(DATA / demo.WORKFORCE_FILE)[demo.SNAPSHOT_SHEET]
    for spelling, column in (
        (demo.SNAPSHOT_SERVICE_SPELLING, 0),
        (demo.SNAPSHOT_TITLE_SPELLING, 2),
        (demo.SNAPSHOT_GRADE_SPELLING, 3),
    ):
        for key, text in spelling.items():
            row = demo.snapshot_row(key)
            assert f'"{text}" (row {row})' in readme
            assert sheet[row - 1][column] == text
    lines = (DATA / demo.CASELOADS_FILE).read_text(encoding="utf-8").splitlines()
    blank = int(re.search(r"a blank line \(row (\d+)\)", readme).group(1))
    assert lines[blank - 1].strip(",") == ""
    for text, row in re.findall(
        r'job title "([^"]+)" \(row (\d+)\)', readme.split(demo.CASELOADS_FILE)[-1]
    ):
        assert lines[int(row) - 1].split(",")[3] == text


def test_adult_service_managers_match_the_published_count(seed):
    published = seed["luton"]["workforce_stats"]["adult_service_managers_agency"]
    sheet = pd.read_excel(DATA / demo.WORKFORCE_FILE, sheet_name=demo.SNAPSHOT_SHEET)
    managers = sheet[
        (sheet["Job Title"] == "Service Manager") & sheet["Service"].str.startswith("Adult")
    ]
    assert managers["Agency FTE"].sum() == published["value"]
    assert (managers["Agency FTE"] + managers["Permanent FTE"]).sum() == published["out_of"]


def test_establishment_matches_the_qualified_posts_file(seed):
    est = seed["luton"]["establishment"]
    sheet = pd.read_excel(DATA / demo.WORKFORCE_FILE, sheet_name=demo.SNAPSHOT_SHEET)
    sheet = sheet[~sheet["Service"].str.contains("Total|total")]
    posts = {
        s: sum(
            p.establishment
            for p in demo.SNAPSHOT
            if p.service == s
            and p.job_title not in ("Service Manager", "Independent Reviewing Officer")
        )
        for s in (demo.ASC, demo.CSC)
    }
    assert posts[demo.ASC] == est["adult_social_care"]["total_posts_derived"]["value"]
    assert posts[demo.CSC] == est["childrens_services"]["total_posts_derived"]["value"]
    assert sheet["Establishment FTE"].sum() == sum(p.establishment for p in demo.SNAPSHOT)


def test_published_posts_cost_exactly_the_published_amounts(seed):
    cost = seed["luton"]["permanent_vs_agency_cost"]
    rates = {(r.service, r.job_title, r.grade): r.total for r in demo.pay_rates()}
    assert (
        rates[(demo.CSC, "Senior Practitioner", "M2")]
        == cost["childrens_table"]["rows"][0]["salary"]
    )
    assert (
        rates[(demo.ASC, "Advanced Practitioner", "M2")]
        == cost["adults_table"]["rows"][0]["salary"]
    )


def test_register_file_is_appendix_4_as_printed(seed):
    published = seed["luton"]["market_supplements_appendix_4"]
    reg = pd.read_csv(DATA / demo.SUPPLEMENTS_FILE)
    assert list(reg.columns) == published["columns"]
    assert reg.to_dict("split")["data"] == [
        [r["job_title"], r["grade"], r["market_supplement_printed"], r["compared_to_15_16"]]
        for r in published["rows"]
    ]
