"""Exports as a council's own systems give them (issue 21, items 3 and 6).

A column the council does not collect, two pay rows for one grade, an unmapped label on several
rows, a YAML typo in the review's own files, a meeting dated before the end of the data. The
exports come from the generators in ``tests/councils/generators.py``; the figures checked are
worked out here by hand.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pipelines.core.cleaning import clean_review
from pipelines.core.config import Dataset, load_review, use_review_mappings
from pipelines.core.context import data_after_meeting
from pipelines.core.errors import ConfigError, InputError
from pipelines.core.plausibility_settings import DateCheck
from pipelines.core.validation import validate_datasets
from tests.conftest import DEMO_REVIEW, ROOT, examples
from tests.councils.generators import CHILDREN, northshire


def dataset(file: str, **settings) -> Dataset:
    return Dataset(file=file, description="an export", source="the council", **settings)


@pytest.fixture
def mappings(tmp_path):
    """The review's own mappings folder (its org units under its one service), for the test."""
    folder = tmp_path / "mappings"
    folder.mkdir()
    units = [CHILDREN, *northshire().org_units]
    (folder / "services.yml").write_text(
        yaml.safe_dump({CHILDREN: units}, allow_unicode=True), "utf-8"
    )
    use_review_mappings(folder)
    yield folder
    use_review_mappings(None)


def write(frame: pd.DataFrame, path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False)


# --- A column the council does not collect ---------------------------------------------------


@pytest.mark.parametrize("how", ["config", "mapping"])
def test_absent_profession_is_not_asked_for_and_said_once(how, tmp_path, mappings):
    council = northshire()
    posts = council.rows["establishment"].drop(columns=["Post type"])
    write(posts, tmp_path / "raw" / "posts.csv")
    if how == "config":
        ds = dataset("posts.csv", absent=["profession"])
    else:
        (mappings / "columns.yml").write_text("establishment:\n  profession: ~\n", "utf-8")
        ds = dataset("posts.csv")
    result = clean_review(tmp_path / "raw", {"establishment": ds}, services=[CHILDREN])
    table = result.frames["establishment"]
    # three org units of one service, 40 + 35 + 30 posts, added up into one row
    assert list(table["posts"]) == [105]
    assert table.attrs["absent_columns"] == ["profession"]
    lines = [e["fix"] for e in result.log.entries if "declared absent" in e["fix"]]
    assert len(lines) == 1 and lines[0].startswith("Column profession declared absent")
    assert ("datasets: absent" if how == "config" else "mappings/columns.yml") in lines[0]
    report = validate_datasets(result.frames, today=dt.date(2025, 6, 1))
    assert not [r for r in report.failed("critical") if "profession" in (r.check or "").lower()]


def test_without_the_declaration_a_missing_column_still_stops(tmp_path, mappings):
    posts = northshire().rows["establishment"].drop(columns=["Post type"])
    write(posts, tmp_path / "raw" / "posts.csv")
    with pytest.raises(InputError) as err:
        clean_review(tmp_path / "raw", {"establishment": dataset("posts.csv")})
    text = str(err.value)
    assert "missing a column" in text and "mappings/columns.yml" in text


def test_scope_column_is_optional(tmp_path, mappings):
    posts = northshire().rows["establishment"]
    assert "Scope" not in posts.columns
    write(posts, tmp_path / "raw" / "posts.csv")
    result = clean_review(tmp_path / "raw", {"establishment": dataset("posts.csv")})
    assert result.frames["establishment"]["posts"].sum() == 105


# --- Two pay rows for one grade ----------------------------------------------------------------


def pay_with_two_rows(tmp_path):
    pay = northshire().rows["pay_rates"]
    extra = pay.iloc[[0]].copy()  # Social Worker at G7: 34,000, and 36,000 on a second row
    extra["Annual salary"] = 36_000
    extra["Employer on-costs"] = round(36_000 * 0.28)
    write(pd.concat([pay, extra]), tmp_path / "raw" / "pay.csv")


@pytest.mark.parametrize(
    "rule, salary, on_costs",
    [
        ("highest", 36_000, 10_080),
        ("lowest", 34_000, 9_520),
        ("mean", 35_000, (9_520 + 10_080) / 2),
        ("first", 34_000, 9_520),
    ],
)
def test_two_pay_rows_for_a_grade_follow_the_review_rule(
    rule, salary, on_costs, tmp_path, mappings
):
    pay_with_two_rows(tmp_path)
    result = clean_review(
        tmp_path / "raw", {"pay_rates": dataset("pay.csv", pay_rows=rule)}, services=[CHILDREN]
    )
    table = result.frames["pay_rates"]
    sw = table[(table["job_title"] == "Social Worker") & (table["grade"] == "G7")]
    assert len(sw) == 1
    assert float(sw["salary"].iloc[0]) == salary
    assert float(sw["employer_ni"].iloc[0]) == pytest.approx(on_costs)
    assert len(table) == 2  # Senior Practitioner at G8 untouched
    [line] = [e["fix"] for e in result.log.entries if "pay rows" in e["fix"]]
    assert "rows 2, 4" in line and f"costed at the {rule}" in line
    assert table.attrs["pay_rows"]["rule"] == rule


def test_two_pay_rows_without_a_rule_stop_and_say_how_to_choose(tmp_path, mappings):
    pay_with_two_rows(tmp_path)
    result = clean_review(tmp_path / "raw", {"pay_rates": dataset("pay.csv")})
    report = validate_datasets(result.frames, today=dt.date(2025, 6, 1))
    [failed] = [r for r in report.failed("critical") if "one pay rate" in r.check]
    assert "pay_rows: highest, lowest, mean or first" in failed.hint


# --- A label outside the mapping on several rows -------------------------------------------------


def test_unknown_leaving_reason_is_listed_once_with_all_its_rows(tmp_path, mappings):
    leavers = northshire().rows["leavers"].copy()
    for i in (2, 5, 9):  # Excel rows 4, 7 and 11
        leavers.loc[i, "Reason For Leaving"] = "Left to travel"
    write(leavers, tmp_path / "raw" / "leavers.csv")
    with pytest.raises(InputError) as err:
        clean_review(tmp_path / "raw", {"leavers": dataset("leavers.csv")}, services=[CHILDREN])
    unknown = [p for p in err.value.problems if p.what == "Unknown leaving reason."]
    assert len(unknown) == 1
    text = unknown[0].render()
    assert "row:      4" in text
    assert '"Left to travel" on 3 rows: 4, 7, 11' in text
    assert "mappings/leaving_reasons.yml" in text
    assert str(mappings.name) in text  # the review's own mapping folder, not the shipped one


# --- YAML typos in the review's own files --------------------------------------------------------


def review_copy(tmp_path, **changes) -> tuple:
    data = yaml.safe_load((ROOT / "config" / "reviews" / f"{DEMO_REVIEW}.yml").read_text("utf-8"))
    data["raw_dir"] = str(ROOT / data["raw_dir"])
    data.update(changes)
    path = tmp_path / f"{DEMO_REVIEW}.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path, data


def test_yaml_typo_in_the_review_mapping_names_file_line_and_column_exit_2(tmp_path):
    from pipelines.cli import app

    folder = tmp_path / "own"
    folder.mkdir()
    (folder / "leaving_reasons.yml").write_text(
        "Better pay:\n  - Resignation - Better Pay\n Career: [Promotion\n", "utf-8"
    )
    path, _ = review_copy(tmp_path, mappings=str(folder))
    with pytest.raises(ConfigError) as err:
        load_review(path)
    assert "leaving_reasons.yml, line 3, column" in str(err.value)
    result = CliRunner().invoke(app, ["validate", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "leaving_reasons.yml, line 3, column" in result.output
    assert "fault in the tool" not in result.output and "Traceback" not in result.output
    use_review_mappings(None)


def test_yaml_typo_in_the_review_config_names_file_line_and_column_exit_2(tmp_path):
    from pipelines.cli import app

    path, _ = review_copy(tmp_path)
    lines = path.read_text("utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("council:"))
    lines[at] = 'council: "Luton Borough Council'
    path.write_text("\n".join(lines) + "\n", "utf-8")
    result = CliRunner().invoke(app, ["validate", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert f"{DEMO_REVIEW}.yml, line" in result.output and ", column " in result.output
    assert "fault in the tool" not in result.output


# --- A meeting before the end of the data --------------------------------------------------------


def test_meeting_before_the_data_end_warns_on_cover_and_in_checks():
    from pipelines.datasets.leavers.plausibility import meeting_before_data, plausibility_settings
    from pipelines.documents.front import front_matter

    review = load_review(DEMO_REVIEW)  # period 1 September 2015 to 31 August 2016
    meeting = review.meetings[0].model_copy(update={"date": dt.date(2016, 8, 15)})
    pairs = data_after_meeting(review, meeting.date)
    assert pairs[0] == (
        "leavers",
        "The data run to 31 August 2016, after this meeting (15 August 2016).",
    )
    front = front_matter(review, meeting, "exempt", "built")
    assert "The data run to 31 August 2016, after this meeting" in front.marking_note

    settings = {**plausibility_settings(review), "data_after_meeting": pairs}
    [result] = [r for r in meeting_before_data({}, settings) if r.dataset == "leavers"]
    assert result.severity == "warning" and not result.success
    assert result.what.startswith("The data run to 31 August 2016")

    strict = review.model_copy(
        update={
            "plausibility": review.plausibility.model_copy(
                update={"meeting_before_data": DateCheck(severity="critical")}
            )
        }
    )
    settings = {**plausibility_settings(strict), "data_after_meeting": pairs}
    assert {r.severity for r in meeting_before_data({}, settings)} == {"critical"}


def test_meeting_after_the_data_end_says_nothing():
    review = load_review(DEMO_REVIEW)
    assert data_after_meeting(review, dt.date(2016, 9, 21)) == []
    assert data_after_meeting(review, None) == []


@settings(max_examples=examples(60), deadline=None)
@given(
    costs=st.lists(
        st.lists(st.integers(20_000, 60_000), min_size=1, max_size=4), min_size=1, max_size=4
    ),
    rule=st.sampled_from(["highest", "lowest", "mean", "first"]),
)
def test_pay_rows_rule_keeps_one_row_per_grade_within_its_rates(costs, rule):
    """For any pay table, each grade keeps one row whose cost is the rule's pick of its rows."""
    from pipelines.datasets.workforce.clean import resolve_pay_rows

    rows = [
        {
            "service": CHILDREN,
            "job_title": "Social Worker",
            "grade": f"G{g}",
            "salary": c,
            "employer_ni": 0.0,
            "market_supplement": 0.0,
            "car_allowance": 0.0,
            "annual_cost": float(c),
            "source_row": 2 + i,
        }
        for i, (g, c) in enumerate((g, c) for g, grade in enumerate(costs) for c in grade)
    ]
    table, lines = resolve_pay_rows(pd.DataFrame(rows), rule)
    assert len(table) == len(costs)
    assert len(lines) == sum(len(grade) > 1 for grade in costs)
    for g, grade in enumerate(costs):
        got = float(table.loc[table["grade"] == f"G{g}", "annual_cost"].iloc[0])
        want = {
            "highest": max(grade),
            "lowest": min(grade),
            "mean": sum(grade) / len(grade),
            "first": grade[0],
        }[rule]
        assert got == pytest.approx(want)
