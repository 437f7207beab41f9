"""A section's step-cache key holds what it reads: an officer's edit of the SWOT entries or the
register, or the same exports read from another folder, runs again only the sections that read
the raw folder (issue 24: a change costs what it changes)."""

from __future__ import annotations

from types import SimpleNamespace

from pipelines import cache as stepcache
from pipelines.core.run_records import RAW_RECORD
from pipelines.orchestrator import section_cache_keys
from tests.conftest import DEMO_MEETING
from tests.core.test_no_hand_kept_lists import FAKE, OFFICERS, SUMMARY, fake_sections  # noqa: F401
from tests.sections.figure_checks import CFG

NOTEBOOKS = (FAKE, SUMMARY, OFFICERS)
DATA = {"leavers.parquet": "a1", RAW_RECORD: "r1"}


def test_which_sections_read_the_raw_folder_is_declared_in_the_registry(fake_sections):  # noqa: F811
    assert not stepcache.reads_raw_folder(FAKE)
    assert stepcache.reads_raw_folder(OFFICERS)  # officer_files
    assert stepcache.reads_raw_folder(SUMMARY)  # summary
    assert stepcache.reads_raw_folder("90_data_quality")  # every_pack: reports on the exports
    assert stepcache.reads_raw_folder("50_swot") and stepcache.reads_raw_folder(
        "60_recommendations"
    )
    assert not stepcache.reads_raw_folder("10_leavers")
    assert stepcache.reads_raw_folder("99_unknown")  # not registered: assume it does


def test_an_officers_edit_or_another_raw_folder_reruns_only_the_sections_that_read_it(
    fake_sections,  # noqa: F811
    monkeypatch,
    tmp_path,
):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for nb in NOTEBOOKS:
        (notebooks / f"{nb}.ipynb").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(stepcache, "notebooks_dir", lambda: notebooks)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "recommendations.yml").write_text("items: []\n", encoding="utf-8")
    refs = [SimpleNamespace(notebook=nb, parameters={}) for nb in NOTEBOOKS]

    def keys(cfg=CFG, data=DATA) -> dict[str, str]:
        return section_cache_keys(cfg, refs, {"meeting": DEMO_MEETING}, data, raw=raw, code="")

    first = keys()
    assert keys() == first  # the same inputs, the same keys

    # The officers edit the register: the sections that read the raw folder run again.
    (raw / "recommendations.yml").write_text("items: [1]\n", encoding="utf-8")
    edited = keys()
    assert edited[FAKE] == first[FAKE]
    assert edited[OFFICERS] != first[OFFICERS] and edited[SUMMARY] != first[SUMMARY]

    # The same exports read from another folder (--raw-dir): the review's raw_dir and the
    # processed data's record of the folder differ; the tidy data do not.
    moved = keys(
        cfg=CFG.model_copy(update={"raw_dir": "elsewhere"}), data={**DATA, RAW_RECORD: "r2"}
    )
    assert moved[FAKE] == edited[FAKE]
    assert moved[OFFICERS] != edited[OFFICERS]

    # The tidy data changed: every section runs again.
    changed = keys(data={**DATA, "leavers.parquet": "a2"})
    assert all(changed[nb] != edited[nb] for nb in NOTEBOOKS)
