"""``benchmark --out`` never deletes or replaces anything that is not a pack the tool wrote."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from pipelines.benchmark import MARKER, check_output_folder, is_pack_folder
from pipelines.cli import app
from pipelines.core.errors import ConfigError

runner = CliRunner()


def test_a_folder_holding_a_users_file_survives_and_the_command_refuses(tmp_path):
    out = tmp_path / "Documents"
    out.mkdir()
    (out / "minutes.docx").write_bytes(b"the officer's own work")
    result = runner.invoke(app, ["benchmark", "--la", "Sandwell", "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "not a pack this tool wrote" in result.output and MARKER in result.output
    assert "Traceback" not in result.output
    assert (out / "minutes.docx").read_bytes() == b"the officer's own work"
    assert sorted(p.name for p in out.iterdir()) == ["minutes.docx"]


def test_an_existing_file_as_out_is_refused_and_left_alone(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"%PDF-1.4 someone else's")
    result = runner.invoke(app, ["benchmark", "--la", "Sandwell", "--out", str(target)])
    assert result.exit_code == 2, result.output
    assert "is an existing file" in result.output and "Traceback" not in result.output
    assert target.read_bytes() == b"%PDF-1.4 someone else's"


def test_absent_empty_and_marked_folders_are_accepted(tmp_path):
    check_output_folder(tmp_path / "new")
    (tmp_path / "empty").mkdir()
    check_output_folder(tmp_path / "empty")
    marked = tmp_path / "marked"
    marked.mkdir()
    (marked / "pack.html").write_text("old pack", encoding="utf-8")
    (marked / MARKER).write_text("", encoding="utf-8")
    check_output_folder(marked)
    assert is_pack_folder(marked)


def test_a_pack_from_before_the_marker_is_recognised_by_its_manifest(tmp_path):
    old = tmp_path / "old"
    old.mkdir()
    (old / "manifest.json").write_text(json.dumps({"kind": "benchmark"}), encoding="utf-8")
    assert is_pack_folder(old)
    (old / "manifest.json").write_text(json.dumps({"kind": "something else"}), encoding="utf-8")
    with pytest.raises(ConfigError, match="not a pack this tool wrote"):
        check_output_folder(old)


def test_a_symlink_as_out_is_refused(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    with pytest.raises(ConfigError, match="existing file"):
        check_output_folder(tmp_path / "link")
