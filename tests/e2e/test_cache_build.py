"""Builds reuse unchanged steps, re-run changed ones and what depends on them, byte for byte.

One small meeting (the national section and the data-quality appendix) is built again and again
into one outputs folder under SOURCE_DATE_EPOCH; ``internal/timings.json`` says which steps ran.
Each build runs every section under both audiences (exempt, then public) and writes the meeting's
folders (``public/``, ``internal/``; no ``exempt/``, as the meeting withholds nothing), all
compared byte for byte.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipelines import cache as stepcache
from pipelines import orchestrator, runner
from pipelines.core.config import load_review, notebooks_dir
from pipelines.documents import pdf_jobs
from tests.conftest import DEMO_REVIEW, SOURCE_DATE_EPOCH, snapshot

pytestmark = pytest.mark.slow

MEETING = "2016-08-15"
SECTIONS = ("30_local_vs_national", "90_data_quality")
#: The audiences of the ``exempt`` variant these builds use, in the order they run.
AUDIENCES = orchestrator.build_audiences("exempt")


def section_steps(*notebooks: str) -> set[str]:
    """The step names of these sections under every audience (``"section <nb> (public)"``...)."""
    return {
        f"section {nb}{orchestrator.audience_label(AUDIENCES, a)}"
        for nb in notebooks
        for a in AUDIENCES
    }


def steps(result) -> dict[str, str]:
    return json.loads((result.folder / "timings.json").read_text(encoding="utf-8"))["steps"]


def ran(result) -> set[str]:
    return {name for name, how in steps(result).items() if how == "ran"}


def files(result) -> dict[str, str]:
    """Every file of the meeting's three folders but the timings, by path in the meeting folder."""
    return {
        k: v for k, v in snapshot(result.meeting_folder).items() if Path(k).name != "timings.json"
    }


@pytest.fixture(scope="module")
def where(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cache")
    raw = tmp / "raw"
    shutil.copytree(load_review(DEMO_REVIEW).raw_path(), raw)
    return tmp, raw


def build(where, **kwargs):
    tmp, raw = where
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        return orchestrator.build_pack(
            DEMO_REVIEW,
            MEETING,
            variant="exempt",
            # the annex PDF where the test compares every file; a build checked only for the
            # steps it ran leaves it out (the longest document to write)
            annex_pdf=kwargs.pop("annex_pdf", True),
            outputs_root=tmp / "out",
            processed_root=tmp / "processed",
            raw_dir=kwargs.pop("raw_dir", raw),
            # its own cache, not the run's shared one: these tests count what reruns
            cache_root=kwargs.pop("cache_root", tmp / "out" / ".cache"),
            **kwargs,
        )


def test_cache_reuses_only_what_did_not_change(where, tmp_path, monkeypatch):
    every = {"prepare", "documents", *section_steps(*SECTIONS)}
    assert len(AUDIENCES) == 2, AUDIENCES
    cold = build(where)
    assert ran(cold) == every
    first = files(cold)
    for doc in (
        "public/report.html",
        "public/report.pdf",
        "internal/annex.html",
        "internal/annex.pdf",
    ):
        assert doc in first, f"{doc} missing from the build's folders: {sorted(first)}"
    # the national comparison withholds nothing: no exempt appendix is tabled (reader15)
    assert not [k for k in first if k.startswith("exempt/")], sorted(first)

    again = build(where)
    assert ran(again) == set(), f"a rebuild with nothing changed re-ran {ran(again)}"
    assert files(again) == first, "a pack reused from the cache differs from the fresh one"

    # The PDFs written one after another in the build's process (no worker processes):
    # the same bytes as those written in parallel workers.
    monkeypatch.setenv(pdf_jobs.WORKERS_ENV, "0")
    fresh = build(where, use_cache=False, jobs=1)
    monkeypatch.delenv(pdf_jobs.WORKERS_ENV)
    assert ran(fresh) == every, "--no-cache reused a step"
    assert files(fresh) == first, "a fresh build (PDFs written in-process) differs"

    # Sections reused, documents rendered again: the same bytes as a fresh run.
    shutil.rmtree(Path(where[0]) / "out" / ".cache" / "documents")
    rendered = build(where)
    assert ran(rendered) == {"documents"}
    assert files(rendered) == first, "documents rendered from cached sections differ"

    # One section's parameter changed (build --param): only that section and the documents.
    param = {SECTIONS[0]: {"comparators": ["England"]}}
    changed = build(where, parameters=param)
    assert ran(changed) == {*section_steps(SECTIONS[0]), "documents"}
    assert files(changed)["internal/annex.html"] != first["internal/annex.html"]
    # The other sections' stored results were read back, and PDFs of unchanged HTML copied:
    # the files of a build from nothing with that parameter, byte for byte.
    cold_changed = build(where, parameters=param, use_cache=False)
    assert ran(cold_changed) == every
    assert files(cold_changed) == files(changed), "a rebuild after --param differs from fresh"

    # The notebook file changed: that section and the documents.
    nbs = tmp_path / "notebooks"
    shutil.copytree(notebooks_dir(), nbs)
    nb = nbs / f"{SECTIONS[1]}.ipynb"
    nb.write_text(nb.read_text(encoding="utf-8").replace("# ", "# Appendix: ", 1), "utf-8")
    with monkeypatch.context() as mp:
        mp.setattr(orchestrator, "notebooks_dir", lambda: nbs)
        mp.setattr(runner, "notebooks_dir", lambda: nbs)
        mp.setattr(stepcache, "notebooks_dir", lambda: nbs)
        edited = build(where, annex_pdf=False)
    assert ran(edited) == {*section_steps(SECTIONS[1]), "documents"}

    # The code version changed: everything.
    with monkeypatch.context() as mp:
        mp.setattr(stepcache, "code_version", lambda root=None: "another version")
        assert ran(build(where, annex_pdf=False)) == every

    # An export changed: data prepared again, and every section reads the tidy data.
    raw = where[1]
    exports = load_review(DEMO_REVIEW).datasets
    establishment = raw / exports["establishment"].file
    establishment.write_bytes(establishment.read_bytes() + b"\n")
    assert ran(build(where, annex_pdf=False)) == every

    # Back to the first inputs: everything from the cache, the first pack's bytes.
    establishment.write_bytes(establishment.read_bytes()[:-1])
    back = build(where)
    assert ran(back) == set()
    assert files(back) == first
