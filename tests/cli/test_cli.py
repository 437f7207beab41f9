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
    assert "TBA" in result.output


def test_unknown_review_exits_2_without_traceback():
    result = runner.invoke(app, ["build", "no-such-review"])
    assert result.exit_code == 2
    assert "Known reviews: luton-sw-2016" in result.output
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
