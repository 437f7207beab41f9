"""`evidence-pack init` and `evidence-pack datasets`: starting a review for another council."""

from __future__ import annotations

import csv
import shutil
import uuid

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.core.authority import check_la_code
from pipelines.core.config import load_review, project_root, review_path
from pipelines.core.errors import ConfigError, InputError
from pipelines.core.sources import read_export
from pipelines.scaffold import all_datasets, dataset_columns, dataset_status
from tests.conftest import DEMO_REVIEW

runner = CliRunner()
MAPPINGS = project_root() / "config" / "mappings"
COLUMNS = yaml.safe_load((MAPPINGS / "columns.yml").read_text(encoding="utf-8"))
ASPECTS = yaml.safe_load((MAPPINGS / "values.yml").read_text(encoding="utf-8"))["exit_aspects"]


def _remove(review_id: str) -> None:
    review_path(review_id).unlink(missing_ok=True)
    for folder in ("data/raw", "outputs", "data/processed"):
        shutil.rmtree(project_root() / folder / review_id, ignore_errors=True)


@pytest.fixture(scope="module")
def started():
    """A review started with init for a council that is neither demo (Sandwell, by DfE code)."""
    review_id = f"zz-init-test-{uuid.uuid4().hex[:8]}"
    result = runner.invoke(
        app,
        ["init", review_id, "--council", "Sandwell Metropolitan Borough Council", "--la", "333"],
    )
    try:
        yield review_id, result
    finally:
        _remove(review_id)


def test_init_writes_a_config_that_loads(started):
    review_id, result = started
    assert result.exit_code == 0, result.output
    cfg = load_review(review_id)
    assert cfg.id == review_id and cfg.council == "Sandwell Metropolitan Borough Council"
    assert cfg.raw_dir == f"data/raw/{review_id}"
    assert cfg.authority.name == "Sandwell" and cfg.authority.ons_code == "E08000028"
    assert set(cfg.datasets) <= set(COLUMNS) and "leavers" in cfg.datasets
    assert any(m.sections for m in cfg.meetings)


def test_the_config_has_only_commented_keys_a_new_review_needs(started):
    review_id, _ = started
    text = review_path(review_id).read_text(encoding="utf-8")
    top = [line for line in text.splitlines() if line and line[0].isalpha()]
    keys = [line.split(":", 1)[0] for line in top]
    assert keys == [
        "id",
        "council",
        "la_code",
        "committee",
        "members",
        "contact_officer",
        "services",
        "raw_dir",
        "period",
        "datasets",
        "meetings",
    ]
    assert [line for line in top if "  # " not in line] == []
    assert list(yaml.safe_load(text)) == keys  # no published figures, SWOT or tracker
    assert "LBC" not in text and "Luton" not in text.replace("luton-sw-2016.yml", "")


def test_the_workforce_section_comes_with_the_parameters_its_costings_need(started):
    """The shipped defaults name no council's rate or posts: the new review's first meeting
    says, under the workforce section, which parameters to set (the section's ``init_hint``)."""
    from pipelines.core import registry

    review_id, _ = started
    lines = review_path(review_id).read_text(encoding="utf-8").splitlines()
    spec = registry.get_section("40_workforce_costs")
    at = lines.index("      - notebook: 40_workforce_costs")
    assert [line.strip() for line in lines[at + 1 : at + 1 + len(spec.init_hint)]] == list(
        spec.init_hint
    )
    assert any("agency_hourly_rate" in line for line in spec.init_hint)


def test_init_prints_the_next_three_commands(started):
    review_id, result = started
    lines = result.output.splitlines()
    after = lines[lines.index("Next:") + 1 :]
    assert [line.strip() for line in after] == [
        f"evidence-pack validate {review_id}",
        f"evidence-pack build {review_id}",
        "make lab",
    ]
    assert "Sandwell (DfE code 333, ONS code E08000028)" in result.output


def _example_row(dataset: str) -> list[str]:
    return [c.example or "x" for c in dataset_columns(dataset)]


@pytest.mark.parametrize("dataset", list(COLUMNS))
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_templates_are_read_back_as_the_datasets_columns(started, tmp_path, dataset, suffix):
    review_id, _ = started
    load_review(review_id)  # the new review's vocabulary (the shipped tables), not the demo's
    template = project_root() / "data" / "raw" / review_id / "templates" / f"{dataset}.{suffix}"
    # The blank template: the header is found (no column missing), there are no rows yet.
    with pytest.raises(InputError) as err:
        read_export(template, dataset)
    assert "header but no data rows" in str(err.value)
    # With a row added the reader names every canonical column.
    filled = tmp_path / template.name
    if suffix == "csv":
        with open(template, encoding="utf-8-sig", newline="") as f:
            header = next(csv.reader(f))
        with open(filled, "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([header, _example_row(dataset)])
    else:
        book = load_workbook(template)
        book.active.append(_example_row(dataset))
        book.save(filled)
    raw = read_export(filled, dataset)
    assert set(raw.raw_columns) == set(COLUMNS[dataset])
    extra = [c for c in raw.data.columns if c != "source_row" and c not in COLUMNS[dataset]]
    assert extra == (ASPECTS if dataset == "exit_interviews" else [])


def test_the_data_dictionary_lists_every_column(started):
    review_id, _ = started
    raw = project_root() / "data" / "raw" / review_id
    with open(raw / "data-dictionary.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    listed = {(r["dataset"], r["column"]) for r in rows}
    expected = {(d, names[0]) for d, cols in COLUMNS.items() for names in cols.values()}
    expected |= {("exit_interviews", a) for a in ASPECTS}
    assert listed == expected
    assert all(r["meaning"] and r["type"] for r in rows)
    services = next(r for r in rows if r["dataset"] == "leavers" and r["column"] == "Service Area")
    assert services["allowed values"] == "Adult Social Care; Children's Social Care"
    markdown = (raw / "DATA-DICTIONARY.md").read_text(encoding="utf-8")
    for dataset in COLUMNS:
        assert f"## {dataset}\n" in markdown
    for _, header in expected:
        assert f"| {header.replace('|', chr(92) + '|')} |" in markdown


def test_every_column_has_a_description():
    for dataset in all_datasets():
        assert [c.name for c in dataset_columns(dataset)][: len(COLUMNS[dataset])] == list(
            COLUMNS[dataset]
        )


def test_init_refuses_an_existing_id_and_changes_nothing(started):
    review_id, _ = started
    before = review_path(review_id).read_text(encoding="utf-8")
    again = runner.invoke(app, ["init", review_id, "--council", "Other", "--la", "821"])
    assert again.exit_code == 2
    assert "already exists" in again.output and "Traceback" not in again.output
    assert review_path(review_id).read_text(encoding="utf-8") == before
    demo = review_path(DEMO_REVIEW).read_text(encoding="utf-8")
    refused = runner.invoke(app, ["init", DEMO_REVIEW, "--council", "Other", "--la", "821"])
    assert refused.exit_code == 2 and "already exists" in refused.output
    assert review_path(DEMO_REVIEW).read_text(encoding="utf-8") == demo


def test_init_refuses_an_unknown_authority_without_writing():
    review_id = f"zz-init-test-{uuid.uuid4().hex[:8]}"
    try:
        result = runner.invoke(app, ["init", review_id, "--council", "X", "--la", "Coventree"])
        assert result.exit_code == 2
        assert "Coventry (E08000026, DfE 331)" in result.output
        assert not review_path(review_id).exists()
        assert not (project_root() / "data" / "raw" / review_id).exists()
    finally:
        _remove(review_id)


def test_validate_names_the_missing_exports(started):
    review_id, _ = started
    result = runner.invoke(app, ["validate", review_id])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    for dataset in load_review(review_id).datasets:
        what = dataset.replace("_", " ")
        assert f"The {what} export is missing." in result.output
        assert f"data/raw/{review_id}/{dataset}.csv" in result.output


def test_datasets_lists_files_presence_and_sections(started):
    review_id, _ = started
    status = {s.dataset: s for s in dataset_status(review_id)}
    assert not status["leavers"].present and status["leavers"].file == "leavers.csv"
    from pipelines.core.registry import discover

    needing = tuple(nb for nb, spec in discover().items() if "leavers" in spec.datasets)
    assert "10_leavers" in needing and status["leavers"].sections == needing
    # issue 21: the leavers section builds without exit forms (their tables left out, saying why)
    assert status["exit_interviews"].sections == ()
    assert status["exit_interviews"].optional_for == ("10_leavers",)  # with exit_ratings
    assert status["caseloads"].sections == ("40_workforce_costs",)
    assert status["locum_survey"].optional_for == ("20_surveys",)
    raw = project_root() / "data" / "raw" / review_id
    shutil.copy(
        load_review(DEMO_REVIEW).raw_path() / "leavers_itrent_2015-16.csv", raw / "leavers.csv"
    )
    try:
        assert {s.dataset: s for s in dataset_status(review_id)}["leavers"].present
        result = runner.invoke(app, ["datasets", review_id])
    finally:
        (raw / "leavers.csv").unlink()
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if " leavers " in x)
    assert "leavers.csv" in line and "yes" in line and "10_leavers" in line
    line = next(x for x in result.output.splitlines() if " caseloads " in x)
    assert " no " in line and "40_workforce_costs" in line


def test_datasets_of_the_demo_are_all_present():
    status = dataset_status(DEMO_REVIEW)
    listed = [s for s in status if s.file]
    assert listed and all(s.present for s in listed)


@pytest.mark.parametrize("la", ["331", "E08000026", "Coventry", " coventry "])
def test_dfe_code_ons_code_and_name_resolve_to_the_same_authority(tmp_path, la):
    check = check_la_code(la)
    assert (check.checked, check.name, check.dfe_code, check.ons_code) == (
        True,
        "Coventry",
        "331",
        "E08000026",
    )
    data = yaml.safe_load(review_path(DEMO_REVIEW).read_text(encoding="utf-8"))
    data["la_code"] = la
    path = tmp_path / f"{DEMO_REVIEW}.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert load_review(path).authority.dfe_code == "331"


def test_without_the_dfe_files_a_code_is_accepted_unchecked_and_a_name_refused(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("EVIDENCE_PACK_NATIONAL", str(tmp_path))  # no DfE files there
    check = check_la_code("331")
    assert not check.checked and check.dfe_code == "331"
    assert "not checked" in check.describe()
    assert not check_la_code("E08000026").checked
    with pytest.raises(ValueError, match="cannot be checked"):
        check_la_code("Coventry")
    with pytest.raises(ValueError, match="not a DfE code"):
        check_la_code("33")


def test_a_config_whose_id_differs_from_its_file_name_is_refused(tmp_path):
    data = yaml.safe_load(review_path(DEMO_REVIEW).read_text(encoding="utf-8"))
    path = tmp_path / "coventry-copy.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_review(path)
    text = str(err.value)
    assert f"has id '{DEMO_REVIEW}'" in text and "coventry-copy.yml" in text
    assert "set `id: coventry-copy`" in text and f"outputs/{DEMO_REVIEW}/" in text
    result = runner.invoke(app, ["build", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"has id '{DEMO_REVIEW}'" in result.output
