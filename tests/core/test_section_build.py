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


def test_another_sections_parameter_changes_only_its_readers_result_keys(tmp_path):
    """A changed workforce parameter (``--param``, or the review file) changes the result keys
    of the workforce section, of retention (which declares it reads the workforce section's
    parameters) and of the summaries, never those of the other sections: their stored results
    are read back instead of built again."""
    cfg = load_review("luton-sw-2016")
    meeting = "2016-09-21"
    changed = cfg.with_section_parameters(
        meeting, {"40_workforce_costs": {"agency_hourly_rate": 99}}
    )
    assert changed.model_dump() != cfg.model_dump()

    def keys(review) -> dict[str, str]:
        ctx = FramesContext(review, meeting, {}, tmp_path)
        return {
            nb: section_build.result_key(ctx, spec, registry.check_parameters(nb, {}))
            for nb, spec in registry.discover().items()
            if spec.build is not None
        }

    before, after = keys(cfg), keys(changed)
    differ = {nb for nb in before if before[nb] != after[nb]}
    summaries = {nb for nb, spec in registry.discover().items() if spec.summary and spec.build}
    assert summaries and "45_retention" not in summaries
    assert differ == {"40_workforce_costs", "45_retention", *summaries}


def test_a_later_build_reads_the_results_the_previous_one_stored(tmp_path, monkeypatch):
    """The results a build stored are carried into the next build's new folder and read back
    there (not built again); those the next build neither reads nor writes are removed."""
    calls = []

    def build(ctx, params):
        calls.append(params.short_service_years)
        return SectionResult("10_leavers", (figure(),))

    spec = registry.get_section("10_leavers")
    monkeypatch.setitem(
        registry.SECTIONS, "10_leavers", registry.SectionSpec(**{**spec.__dict__, "build": build})
    )
    cfg = load_review("luton-sw-2016")
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        folder.mkdir()
        pd.DataFrame({"x": [1]}).to_parquet(folder / "leavers.parquet")
    old = FramesContext(cfg, "2016-09-21", {}, first)
    section_build.build_section(old, "leavers", {"short_service_years": 3.0})
    section_build.build_section(old, "leavers", {"short_service_years": 2.0})
    assert calls == [3.0, 2.0]
    stored = sorted((first / section_build.RESULTS_DIR).glob("*.pkl"))
    assert len(stored) == 2

    since = section_build.carry_results(first, second)
    new = FramesContext(cfg, "2016-09-21", {}, second)
    result = section_build.build_section(new, "leavers", {"short_service_years": 3.0})
    assert calls == [3.0, 2.0] and result.figure("turnover_b").value == 30.0  # read back
    section_build.build_section(new, "leavers", {"short_service_years": 4.0})
    assert calls == [3.0, 2.0, 4.0]
    section_build.prune_results(second, since)
    kept = sorted(p.name for p in (second / section_build.RESULTS_DIR).glob("*.pkl"))
    ctx_key = {
        y: section_build.result_path(
            new,
            spec,
            section_build.result_key(
                new,
                registry.get_section("10_leavers"),
                registry.check_parameters("10_leavers", {"short_service_years": y}),
            ),
        ).name
        for y in (2.0, 3.0, 4.0)
    }
    assert kept == sorted([ctx_key[3.0], ctx_key[4.0]])  # the 2-year result was not used
