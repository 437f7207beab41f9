import re

from typer.testing import CliRunner

from pipelines.cli import app
from tests.conftest import DEMO_REVIEW

runner = CliRunner()


def test_help_lists_every_command():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("build", "clean", "meetings", "demo"):
        assert command in result.output


def test_build_help_explains_every_option():
    result = runner.invoke(app, ["build", "--help"])
    for option in (
        "--meeting",
        "--variant",
        "--outputs",
        "--processed",
        "--raw-dir",
        "--quiet",
        "--debug",
    ):
        assert option in result.output


def test_meetings_lists_dates_and_sections():
    result = runner.invoke(app, ["meetings", DEMO_REVIEW])
    assert result.exit_code == 0
    assert "2016-09-21" in result.output and "10_leavers" in result.output
    assert "no date " in result.output and "TBA" not in result.output


def test_unknown_review_exits_2_without_traceback():
    result = runner.invoke(app, ["build", "no-such-review"])
    assert result.exit_code == 2
    assert re.search(r"Known reviews: .*luton-sw-2016", result.output)
    assert "Traceback" not in result.output


def test_unknown_variant_is_refused_with_the_choices(tmp_path):
    result = runner.invoke(
        app, ["build", DEMO_REVIEW, "--variant", "secret", "-q", "--outputs", str(tmp_path)]
    )
    assert result.exit_code == 2 and "exempt, public" in result.output


def test_validate_passes_the_demo_review_and_writes_results(tmp_path):
    result = runner.invoke(app, ["validate", DEMO_REVIEW, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "validation.json").exists() and (tmp_path / "validation.csv").exists()
    assert "0 critical failed" in result.output


def test_validate_exits_2_and_names_the_row_when_a_critical_check_fails(tmp_path):
    import shutil

    from pipelines.core.config import load_review

    raw = tmp_path / "raw"
    shutil.copytree(load_review(DEMO_REVIEW).raw_path(), raw)
    path = raw / "leavers_itrent_2015-16.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[4].split(",")
    cells[7] = "31/12/2099"
    lines[4] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(
        app, ["validate", DEMO_REVIEW, "--raw-dir", str(raw), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 2
    assert "row:      5" in result.output and "Leaving Date" in result.output


def test_validate_exits_2_naming_file_row_and_column_when_the_pay_table_lacks_a_grade(
    raw, tmp_path
):
    """The workforce cross-checks run in validation, so ``validate`` stops where the build would."""
    import openpyxl

    workbook = "workforce_2016-07-30.xlsx"
    wb = openpyxl.load_workbook(raw / workbook)
    pay = wb["Pay rates"]
    grade_col = [c.value for c in pay[1]].index("Grade") + 1
    gone = [r for r in range(2, pay.max_row + 1) if pay.cell(r, grade_col).value == "M5"]
    assert gone
    for r in reversed(gone):
        pay.delete_rows(r)
    staff = wb["Establishment"]
    header = [c.value for c in staff[1]]
    rows = [
        r[0].row
        for r in staff.iter_rows(min_row=2)
        if str(r[header.index("Grade")].value or "").strip() == "M5"
    ]
    wb.save(raw / workbook)
    result = runner.invoke(
        app, ["validate", DEMO_REVIEW, "--raw-dir", str(raw), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 2, result.output
    for text in (
        "The grade is not in the pay table.",
        workbook,
        '(sheet "Establishment")',
        f"row:      {rows[0]}",
        "column:   Grade",
        "found:    M5",
    ):
        assert text in result.output, result.output
