"""``--raw-dir`` governs every input of a review, and a raw folder that would hang is refused
(issue 26, items 4 and 5); ``--param`` values that are not YAML are refused."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines import steps
from pipelines.cli import app
from pipelines.core.config import load_review
from pipelines.core.context import run_context
from pipelines.core.errors import InputError
from pipelines.core.run_records import RAW_RECORD
from pipelines.sections.swot.analysis import load_curated, swot_files
from pipelines.sections.tracker.analysis import load_register, register_path
from tests.conftest import DEMO_REVIEW, ROOT

CANARY_ACTION = "Canary action QZX: move every exit interview form online."
CANARY_ENTRY = "Canary entry QZX: the council pays its locums on time."


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def plant_canaries(raw: Path) -> None:
    """Change the register's first item and the first SWOT entry in the run's raw folder only."""
    register = raw / "recommendations.yml"
    text = register.read_text(encoding="utf-8")
    first = text.index("  text: Putting a process in place")
    end = text.index("  owner:", first)
    register.write_text(
        text[:first] + f"  text: {json.dumps(CANARY_ACTION)}\n" + text[end:], "utf-8"
    )
    swot = raw / "swot_curated.yml"
    text = swot.read_text(encoding="utf-8")
    old = "Leavers rated job security lowest of the sixteen aspects of their employment."
    assert old in text
    swot.write_text(text.replace(old, CANARY_ENTRY), encoding="utf-8")


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``python -m pipelines <args>`` (a separate process, so a hang fails on the timeout)."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-m", "pipelines", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# --- the officers' files come from the run's raw folder ---


def test_with_raw_dir_moves_the_swot_entries_and_the_register(raw):
    cfg = load_review(DEMO_REVIEW)
    moved = cfg.with_raw_dir(raw)
    assert moved.raw_path() == raw.resolve()
    assert register_path(moved) == raw.resolve() / "recommendations.yml"
    assert swot_files(moved)[1] == raw.resolve() / "swot_curated.yml"
    assert cfg.with_raw_dir(None) is cfg and cfg.with_raw_dir(cfg.raw_path()) == cfg


def test_the_manifest_inputs_list_every_file_of_the_raw_folder_with_its_sha256(raw):
    plant_canaries(raw)
    cfg = load_review(DEMO_REVIEW).with_raw_dir(raw)
    inputs = steps.input_files(cfg, raw)
    assert set(cfg.datasets) <= set(inputs)
    assert {"swot_curated", "tracker"} <= set(inputs)
    for key, name in (("swot_curated", "swot_curated.yml"), ("tracker", "recommendations.yml")):
        assert inputs[key]["file"] == str((raw / name).resolve())
        assert inputs[key]["sha256"] == sha(raw / name)
        assert inputs[key]["bytes"] == (raw / name).stat().st_size
    assert inputs["leavers"]["sha256"] == sha(raw / cfg.datasets["leavers"].file)
    configured = steps.input_files(load_review(DEMO_REVIEW), load_review(DEMO_REVIEW).raw_path())
    assert configured["tracker"]["sha256"] != inputs["tracker"]["sha256"]


def test_notebooks_of_a_run_read_the_officers_files_of_its_raw_folder(raw, tmp_path):
    """What a section notebook does in a build: run_context with the run's processed folder."""
    plant_canaries(raw)
    processed = tmp_path / "processed" / DEMO_REVIEW
    ctx = run_context(DEMO_REVIEW, processed_dir=processed)
    steps.write_processed(steps.read_and_clean(ctx, raw, notify=lambda _m: None), processed)
    assert json.loads((processed / RAW_RECORD).read_text())["raw_dir"] == str(raw.resolve())

    nb = run_context(DEMO_REVIEW, "2017-02-28", audience="public", processed_dir=str(processed))
    assert nb.review.raw_path() == raw.resolve()
    register = load_register(register_path(nb.review))
    assert register.items[0].text == CANARY_ACTION
    entries = load_curated(swot_files(nb.review)[1])
    assert CANARY_ENTRY in [e.text for e in entries]

    # Without a run's processed folder (a notebook opened on its own) the configured folder.
    plain = run_context(DEMO_REVIEW, "2017-02-28")
    assert plain.review.raw_path() == load_review(DEMO_REVIEW).raw_path()


# --- nothing in the raw folder can make a command wait for ever ---


def test_validate_refuses_a_named_pipe_in_the_raw_folder_at_once(raw, tmp_path):
    os.mkfifo(raw / "leavers_itrent_2015-16.csv.part")
    result = cli("validate", DEMO_REVIEW, "--raw-dir", str(raw), "--out", str(tmp_path / "v"))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "is a named pipe (FIFO)" in result.stderr
    assert "leavers_itrent_2015-16.csv.part" in result.stderr


def test_build_refuses_a_named_pipe_export_at_once(raw, tmp_path):
    (raw / "recommendations.yml").unlink()
    os.mkfifo(raw / "recommendations.yml")
    result = cli(
        "build",
        DEMO_REVIEW,
        "--meeting",
        "2017-02-28",
        "--raw-dir",
        str(raw),
        "--outputs",
        str(tmp_path / "out"),
        "--processed",
        str(tmp_path / "processed"),
        "--quiet",
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "The recommendations register is not a file the pack can read" in result.stderr
    assert result.stderr.count("is not a file the pack can read") == 1
    assert "named pipe" in result.stderr
    assert not (tmp_path / "out" / DEMO_REVIEW / "2017-02-28").exists()


def test_an_officers_file_that_is_a_link_out_of_the_raw_folder_is_refused(raw, tmp_path):
    outside = tmp_path / "elsewhere.yml"
    outside.write_text("entries: []\n", encoding="utf-8")
    (raw / "swot_curated.yml").unlink()
    (raw / "swot_curated.yml").symlink_to(outside)
    with pytest.raises(InputError, match="is a link to another file"):
        steps.check_raw_inputs(load_review(DEMO_REVIEW), raw)


# --- --param values that are not YAML ---


@pytest.mark.parametrize("value", ["[1, 3", "{rate: 30", "'open quote", "a: b: c", "@home", "`x`"])
def test_a_param_value_that_is_not_yaml_is_refused_with_exit_2(value):
    result = CliRunner().invoke(
        app,
        [
            "build",
            DEMO_REVIEW,
            "-m",
            "2016-09-21",
            "--param",
            f"workforce.agency_rate_basis={value}",
        ],
    )
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "A --param is not right" in result.output
    assert f"the value {value!r} cannot be read" in result.output
    assert "quote the text" in result.output


def test_the_parameters_command_refuses_it_too():
    result = CliRunner().invoke(
        app,
        [
            "parameters",
            DEMO_REVIEW,
            "40_workforce_costs",
            "-m",
            "2016-09-21",
            "-p",
            "workforce.experience_bands=[1, 3",
        ],
    )
    assert result.exit_code == 2, result.output
    assert "cannot be read" in result.output and "Traceback" not in result.output


# --- a whole build with --raw-dir ---


@pytest.mark.slow  # a whole build, in a subprocess (the quick loop's notebook guard cannot see it)
def test_a_build_with_raw_dir_reads_the_register_and_swot_entries_from_it(raw, tmp_path):
    """The configured register has action 1.1.6 overdue at 28 February 2017 (due 30 November
    2016, Amber); the run's copy gives it a later due date, so its overdue table must not list
    it. The copy's SWOT entry replaces the configured one in the public SWOT grid."""
    plant_canaries(raw)
    register = raw / "recommendations.yml"
    text = register.read_text(encoding="utf-8")
    at = text.index("- id: 1.1.6")
    due = text.index("  due: '2016-11-30'", at)
    text = text[:due] + "  due: '2017-12-31'" + text[due + 19 :]
    # statuses as recorded (an illustrative register prints "Not recorded" and no overdue table)
    register.write_text(text.replace("illustrative: true", "illustrative: false", 1), "utf-8")
    out, processed = tmp_path / "out", tmp_path / "processed"

    result = cli(
        "build",
        DEMO_REVIEW,
        "--meeting",
        "2017-02-28",
        "--variant",
        "public",
        "--raw-dir",
        str(raw),
        "--outputs",
        str(out),
        "--processed",
        str(processed),
        "--quiet",
        timeout=900,
    )
    assert result.returncode == 0, result.stderr
    meeting = out / DEMO_REVIEW / "2017-02-28"
    overdue = (meeting / "internal" / "tables" / "60_recommendations__overdue.csv").read_text()
    assert overdue.startswith("Ref,")
    assert "1.1.6," not in overdue
    configured = load_register(register_path(load_review(DEMO_REVIEW)))
    assert str(next(i for i in configured.items if i.id == "1.1.6").due) == "2016-11-30"
    grid = (meeting / "public" / "tables" / "50_swot__swot-grid.csv").read_text()
    assert CANARY_ENTRY in grid and "job security lowest" not in grid
    manifest = json.loads((meeting / "internal" / "manifest.json").read_text())
    assert manifest["inputs"]["tracker"]["sha256"] == sha(register)
    assert manifest["inputs"]["swot_curated"]["sha256"] == sha(raw / "swot_curated.yml")
    assert manifest["inputs"]["leavers"]["file"].startswith(str(raw.resolve()))
