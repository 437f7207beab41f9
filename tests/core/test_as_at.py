"""Dates that describe the data (a snapshot's date) come from the dataset config, never a label."""

from __future__ import annotations

import re

import pytest
import yaml

from pipelines.core.config import load_review, project_root
from pipelines.core.errors import ConfigError

LUTON = project_root() / "config" / "reviews" / "luton-sw-2016.yml"


def write(tmp_path, data):
    path = tmp_path / "luton-sw-2016.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def workforce_refs(cfg):
    return [r for m in cfg.meetings for r in m.sections if r.notebook == "40_workforce_costs"]


def test_the_section_date_is_the_snapshots():
    cfg = load_review("luton-sw-2016")
    day = cfg.datasets["workforce_snapshot"].as_at.isoformat()
    assert {r.parameters["as_at"] for r in workforce_refs(cfg)} == {day}


def test_a_parameter_that_relabels_the_data_is_refused(tmp_path):
    data = yaml.safe_load(LUTON.read_text(encoding="utf-8"))
    for m in data["meetings"]:
        for s in m.get("sections") or []:
            if s["notebook"] == "40_workforce_costs":
                s.setdefault("parameters", {})["as_at"] = "2017-03-31"
    with pytest.raises(ConfigError) as err:
        load_review(write(tmp_path, data))
    assert "as_at 2017-03-31 is not the date of the data" in str(err.value)
    assert "datasets.workforce_snapshot.as_at" in str(err.value)


def test_without_a_dated_dataset_the_officer_is_told_where_to_put_the_date(tmp_path):
    data = yaml.safe_load(LUTON.read_text(encoding="utf-8"))
    for ds in data["datasets"].values():
        ds.pop("as_at", None)
    with pytest.raises(ConfigError) as err:
        load_review(write(tmp_path, data))
    assert re.search(r"add `as_at: YYYY-MM-DD`.*under datasets\.workforce_snapshot", str(err.value))
