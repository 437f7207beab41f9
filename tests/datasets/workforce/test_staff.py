"""Staff in post and leavers' qualifications: the demo files, cleaning and officers' messages."""

from __future__ import annotations

import pandas as pd

from pipelines.core.cleaning import CleaningLog
from pipelines.core.config import load_review
from pipelines.core.sources import RawTable, read_export
from pipelines.datasets.leavers import demo as leavers_demo
from pipelines.datasets.workforce import demo as wdemo
from pipelines.datasets.workforce import staff
from pipelines.demo import staff as staff_demo
from tests.conftest import DEMO_REVIEW

CFG = load_review(DEMO_REVIEW)
DATA = CFG.raw_path()


def raw(dataset: str) -> RawTable:
    ds = CFG.datasets[dataset]
    return read_export(DATA / ds.file, dataset, sheet=ds.sheet)


def test_regenerating_gives_the_committed_files_and_the_same_bytes(tmp_path):
    first = staff_demo.write_staff_demo(tmp_path / "a")
    second = staff_demo.write_staff_demo(tmp_path / "b")
    assert [p.name for p in first] == [
        staff_demo.STAFF_FILE,
        staff_demo.QUALIFICATIONS_FILE,
        staff_demo.README_FILE,
    ]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes() == (DATA / a.name).read_bytes(), a.name


def test_staff_in_post_add_up_to_the_snapshots_permanent_fte_in_scope():
    df, problems = staff.clean_staff_in_post(raw("staff_in_post"), CleaningLog())
    assert problems == []
    want = {}
    for post in wdemo.SNAPSHOT:
        if post.job_title not in staff_demo.OUT_OF_SCOPE:
            want[post.service] = want.get(post.service, 0) + post.permanent
    got = df.groupby("service")["fte"].sum().to_dict()
    assert {k: round(v, 6) for k, v in got.items()} == {k: round(v, 6) for k, v in want.items()}
    assert df["employee_ref"].is_unique
    assert (df["start_date"] <= pd.Timestamp(wdemo.AS_AT)).all()
    assert df["from_agency"].dtype == bool


def test_every_leaver_has_a_qualification_date_and_no_ref_is_shared():
    quals, problems = staff.clean_leaver_qualifications(raw("leaver_qualifications"), CleaningLog())
    assert problems == []
    leavers = leavers_demo.generate_leavers(
        __import__("numpy").random.default_rng(leavers_demo.SEED)
    )
    assert sorted(quals["employee_ref"]) == sorted(lv.ref for lv in leavers)
    people, _ = staff.clean_staff_in_post(raw("staff_in_post"), CleaningLog())
    assert not set(people["employee_ref"]) & set(quals["employee_ref"])


def raw_table(rows: list[dict]) -> RawTable:
    data = pd.DataFrame(rows)
    data.insert(0, "source_row", range(2, len(data) + 2))
    headers = {
        "employee_ref": "Employee Ref",
        "service": "Service",
        "job_title": "Job Title",
        "grade": "Grade",
        "fte": "FTE",
        "start_date": "Start Date",
        "from_agency": "Appointed From Agency",
    }
    return RawTable(data=data, file="staff.csv", raw_columns=headers)


def test_a_bad_answer_and_a_bad_date_name_file_row_and_column():
    row = {
        "employee_ref": "E1",
        "service": "CSC",
        "job_title": "Social Worker",
        "grade": "M1",
        "fte": "1",
        "start_date": "03/04/2012",
        "from_agency": "Maybe",
    }
    bad_date = dict(row, employee_ref="E2", start_date="not a date", from_agency="No")
    df, problems = staff.clean_staff_in_post(raw_table([row, bad_date]), CleaningLog())
    answer = next(p for p in problems if p.column == "Appointed From Agency")
    assert answer.file == "staff.csv" and answer.row == 2
    assert "not yes or no" in answer.what and "Yes or No" in answer.hint
    date = next(p for p in problems if p.column == "Start Date")
    assert date.row == 3 and date.file == "staff.csv"
