"""Where a build keeps its step cache: beside its outputs, or in one folder named for all."""

from __future__ import annotations

from pathlib import Path

from pipelines.cache import CACHE_DIRNAME, CACHE_ENV, default_cache_root


def test_the_cache_lives_in_the_outputs_folder_by_default(monkeypatch):
    monkeypatch.delenv(CACHE_ENV, raising=False)
    assert default_cache_root(Path("/x/outputs")) == Path("/x/outputs") / CACHE_DIRNAME


def test_the_environment_names_one_cache_for_every_outputs_folder(monkeypatch, tmp_path):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "shared"))
    assert default_cache_root(Path("/x/outputs")) == tmp_path / "shared"
    assert default_cache_root(Path("/y/other")) == tmp_path / "shared"


def test_a_blank_setting_is_no_setting(monkeypatch):
    monkeypatch.setenv(CACHE_ENV, "  ")
    assert default_cache_root(Path("/x/outputs")) == Path("/x/outputs") / CACHE_DIRNAME
