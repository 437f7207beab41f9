"""The build's last checks: one figure, one value over the written documents; later DfE data on
the cover."""

from __future__ import annotations

import json

from pipelines import orchestrator
from pipelines.core.config import load_review
from pipelines.documents import front as documents_front
from pipelines.sections import consistency
from tests.conftest import DEMO_REVIEW


def test_check_consistency_records_and_reports_each_contradiction(tmp_path, monkeypatch):
    for folder, name in orchestrator.CONSISTENCY_DOCUMENTS.items():
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_text("<p>x</p>", encoding="utf-8")
    found = consistency.Contradiction(
        rule="one value",
        measure="establishment",
        where=("turnover", "agency-rates"),
        values=("64", "69"),
        message="establishment is 64 in turnover and 69 in agency-rates",
    )

    def fake(folder, *, html_name=None, reconciliations=None, tables=None, results=()):
        return [found] if folder.name == "public" else []

    monkeypatch.setattr(consistency, "check_pack", fake)
    notes = orchestrator.check_consistency(tmp_path)
    assert notes == [
        "Warning: public/report.html says one figure two ways: "
        "establishment is 64 in turnover and 69 in agency-rates"
    ]
    recorded = json.loads((tmp_path / "internal" / "consistency.json").read_text("utf-8"))
    assert recorded["documents"] == [
        "public/report.html",
        "exempt/exempt-appendix.html",
        "internal/annex.html",
    ]
    assert recorded["contradictions"][0]["document"] == "public/report.html"
    assert recorded["contradictions"][0]["values"] == ["64", "69"]


def test_consistent_documents_give_no_warning(tmp_path, monkeypatch):
    (tmp_path / "internal").mkdir()
    (tmp_path / "internal" / "annex.html").write_text("<p>x</p>", encoding="utf-8")
    monkeypatch.setattr(consistency, "check_pack", lambda folder, **kw: [])
    assert orchestrator.check_consistency(tmp_path) == []
    recorded = json.loads((tmp_path / "internal" / "consistency.json").read_text("utf-8"))
    assert recorded == {"documents": ["internal/annex.html"], "contradictions": []}


def test_cover_says_when_dfe_figures_were_published_after_the_meeting():
    cfg = load_review(DEMO_REVIEW)
    assert cfg.national_later_data, "the demo opts into later DfE data"
    national = next(
        m
        for m in cfg.meetings
        if m.date and any(s.notebook == "30_local_vs_national" for s in m.sections)
    )
    notes = documents_front.later_data_notes(cfg, national)
    assert len(notes) == 1 and "after the meeting" in notes[0]
    # Only the technical annex shows DfE figures published after the meeting (issue 22: the
    # report and exempt appendix hold only what the group could have known).
    annex = documents_front.front_matter(cfg, national, "public", "built", annex=True)
    assert notes[0] in annex.marking_note
    report = documents_front.front_matter(cfg, national, "public", "built")
    assert notes[0] not in report.marking_note
    without = next(
        m
        for m in cfg.meetings
        if m.date
        and m.sections
        and not any(s.notebook == "30_local_vs_national" for s in m.sections)
    )
    assert documents_front.later_data_notes(cfg, without) == []


def test_check_consistency_passes_each_folder_the_tables_the_build_wrote(tmp_path, monkeypatch):
    """No step reads back the CSV it wrote for people: each folder's tables come in memory."""
    for folder, name in orchestrator.CONSISTENCY_DOCUMENTS.items():
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_text("<p>x</p>", encoding="utf-8")
    seen = {}

    def fake(folder, *, html_name=None, reconciliations=None, tables=None, results=()):
        seen[folder.name] = tables
        given[folder.name] = results
        return []

    given = {}
    monkeypatch.setattr(consistency, "check_pack", fake)
    written = {name: {f"{name}.csv": object()} for name in orchestrator.CONSISTENCY_DOCUMENTS}
    results = [object()]  # the meeting's section results: every folder is checked against them
    assert orchestrator.check_consistency(tmp_path, written, results) == []
    assert seen == written
    assert all(r is results for r in given.values()) and len(given) == 3
