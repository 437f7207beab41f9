"""build_section: a section's result built once per meeting, stored in the run's folder and read
back by every later call with the same key."""

from __future__ import annotations

import pickle

import pandas as pd
import pytest

from pipelines.core import registry, section_build
from pipelines.core.config import load_review
from pipelines.core.figures import Figure, Kind
from pipelines.core.results import FramesContext, SectionResult


def figure() -> Figure:
    """A turnover figure made here (12 leavers of 40 posts: 30 per 100 posts)."""
    return Figure(
        key="turnover_b",
        label="B: turnover",
        value=30.0,
        kind=Kind.PEOPLE_PER_100_POSTS,
        numerator=12.0,
        denominator=40.0,
        source="HR",
        period="2015-16",
        section="10_leavers",
        measure="turnover",
        population="B: posts",
    )


def test_build_section_builds_once_and_reads_the_stored_result_back(tmp_path, monkeypatch):
    calls = []

    def build(ctx, params):
        calls.append(params)
        return SectionResult("10_leavers", (figure(),))

    spec = registry.get_section("10_leavers")
    monkeypatch.setitem(
        registry.SECTIONS, "10_leavers", registry.SectionSpec(**{**spec.__dict__, "build": build})
    )
    pd.DataFrame({"x": [1]}).to_parquet(tmp_path / "leavers.parquet")
    ctx = FramesContext(load_review("luton-sw-2016"), "2016-09-21", {}, tmp_path)
    first = section_build.build_section(
        ctx, "leavers", {"short_service_years": 3.0, "audience": "x"}
    )
    again = section_build.build_section(ctx, "10_leavers", {"short_service_years": 3.0})
    assert len(calls) == 1 and again == first
    assert calls[0].short_service_years == 3.0
    # Other parameters, or other data, are another result.
    section_build.build_section(ctx, "leavers", {"short_service_years": 2.0})
    pd.DataFrame({"x": [2]}).to_parquet(tmp_path / "leavers.parquet")
    section_build.build_section(ctx, "leavers", {"short_service_years": 3.0})
    assert len(calls) == 3
    stored = list((tmp_path / section_build.RESULTS_DIR).glob("10_leavers__*.pkl"))
    assert len(stored) == 3
    assert isinstance(pickle.loads(stored[0].read_bytes()), SectionResult)


def test_build_section_refuses_a_mistyped_parameter_naming_it():
    ctx = FramesContext(load_review("luton-sw-2016"), "2016-09-21", {})
    with pytest.raises(ValueError, match="short_service_years"):
        section_build.build_section(ctx, "leavers", {"short_service_years": "two"})


def test_build_section_names_the_known_sections_for_an_unknown_one():
    ctx = FramesContext(load_review("luton-sw-2016"), "2016-09-21", {})
    with pytest.raises(KeyError) as err:
        section_build.build_section(ctx, "15_nothing")
    assert "10_leavers" in str(err.value)


def test_the_key_changes_with_an_external_input_of_the_section(tmp_path, monkeypatch):
    spec = registry.get_section("10_leavers")
    params = registry.check_parameters("10_leavers", {})
    ctx = FramesContext(load_review("luton-sw-2016"), "2016-09-21", {}, tmp_path)
    outside = tmp_path / "outside.csv"
    outside.write_text("a\n1\n", encoding="utf-8")
    monkeypatch.setitem(
        section_build.EXTERNAL_INPUTS, "10_leavers", lambda c: section_build.file_digests([outside])
    )
    before = section_build.result_key(ctx, spec, params)
    assert section_build.result_key(ctx, spec, params) == before
    outside.write_text("a\n2\n", encoding="utf-8")
    after = section_build.result_key(ctx, spec, params)
    assert after != before
    path = section_build.result_path(ctx, spec, after)
    assert path.parent == tmp_path / section_build.RESULTS_DIR
    assert path.name == f"10_leavers__{after[:32]}.pkl"


def test_the_build_and_its_notebooks_key_a_review_with_an_absolute_raw_folder_alike(tmp_path):
    """A review YAML naming its raw folder by absolute path: the build's process and the
    notebooks' run context see the same review, so a result the kernels store is read back by
    the build (it used to build every section a second time: the keys differed by raw_dir)."""
    import re

    from pipelines.core.config import review_path
    from pipelines.core.context import run_context
    from pipelines.orchestrator import run_review
    from pipelines.steps import write_raw_record

    demo = load_review("luton-sw-2016")
    yaml = tmp_path / "luton-sw-2016.yml"
    yaml.write_text(
        re.sub(
            r"(?m)^raw_dir:.*$",
            f"raw_dir: {demo.raw_path()}",
            review_path("luton-sw-2016").read_text(encoding="utf-8"),
        ),
        encoding="utf-8",
    )
    cfg = load_review(yaml)
    assert cfg.raw_dir == str(demo.raw_path())  # absolute, as written
    folder = tmp_path / "processed"
    folder.mkdir()
    write_raw_record(cfg.raw_path(), folder)
    seen = run_context(yaml, "2016-09-21", audience="public", processed_dir=folder).review
    built = run_review(cfg, None)
    assert built.model_dump(mode="json") == seen.model_dump(mode="json")
