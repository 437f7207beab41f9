"""``make bench`` reads the build's three-folder layout and names steps as the build does.

No timing is asserted here (issue 16: speed goals live in ``make bench``); these check that the
bench finds what a build writes and that its by-hand baseline makes the same runs as the build.
"""

from __future__ import annotations

import json
import shutil

from pipelines.core.config import load_review, review_path
from pipelines.core.registry import PREPARATION_NOTEBOOKS
from pipelines.devtools import bench, by_hand
from pipelines.orchestrator import build_audiences, meeting_date, pack_sections
from tests.conftest import DEMO_MEETING, DEMO_REVIEW


def demo_sections() -> list:
    cfg = load_review(DEMO_REVIEW)
    return pack_sections(cfg.meeting(meeting_date(cfg, DEMO_MEETING)))


def test_steps_run_reads_timings_in_the_internal_folder(tmp_path):
    (tmp_path / "internal").mkdir()
    (tmp_path / "public").mkdir()
    steps = {"prepare": "reused", "section 10_leavers (public)": "ran", "documents": "ran"}
    (tmp_path / "internal" / "timings.json").write_text(
        json.dumps({"seconds": {}, "steps": steps}), encoding="utf-8"
    )
    assert bench.steps_run(tmp_path) == ["section 10_leavers (public)", "documents"]


def test_parameter_change_expects_the_section_under_every_audience():
    audiences = build_audiences(None)
    assert len(audiences) == 2, audiences
    expected = bench.expected_after_parameter_change("40_workforce_costs", audiences)
    assert expected == {
        "section 40_workforce_costs",
        f"section 40_workforce_costs ({audiences[1]})",
        "documents",
    }
    public_only = bench.expected_after_parameter_change("40_workforce_costs", ("public",))
    assert public_only == {"section 40_workforce_costs", "documents"}
    # retention reads the workforce section's parameters (SectionSpec.parameters_of): it re-runs
    # too when it is in the meeting; a section that reads none does not
    with_readers = bench.expected_after_parameter_change(
        "40_workforce_costs", ("public",), ["10_leavers", "40_workforce_costs", "45_retention"]
    )
    assert with_readers == {"section 40_workforce_costs", "section 45_retention", "documents"}


def test_change_one_parameter_edits_a_whole_number_of_a_section(tmp_path):
    copy = tmp_path / "review.yml"
    shutil.copy(review_path(DEMO_REVIEW), copy)
    before = copy.read_text(encoding="utf-8").splitlines()
    section = bench.change_one_parameter(copy)
    after = copy.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1, changed
    old, new = changed[0]
    number = lambda line: int(line.split(":", 1)[1].split("#")[0])  # noqa: E731
    assert number(new) == number(old) + 1, (old, new)
    assert section in {ref.notebook for ref in demo_sections()}, section


def test_by_hand_runs_every_section_once_per_audience_the_build_runs():
    runs = by_hand.meeting_notebooks(DEMO_REVIEW, DEMO_MEETING)
    refs = demo_sections()
    assert by_hand.AUDIENCES == build_audiences(None)
    prep = [r for r in runs if r[0] in PREPARATION_NOTEBOOKS]
    assert [r[0] for r in prep] == list(PREPARATION_NOTEBOOKS)
    sections = [(nb, audience) for nb, audience, _ in runs if nb not in PREPARATION_NOTEBOOKS]
    assert sections == [(r.notebook, a) for a in by_hand.AUDIENCES for r in refs]
    params = {nb: p for nb, _, p in runs}
    for ref in refs:
        assert params[ref.notebook] == dict(ref.parameters), ref.notebook


def test_first_cell_imports_keeps_an_import_written_over_several_lines():
    """The kernel probe runs a section's imports: a bracketed import must stay whole (the
    surveys notebook's ``from ... import (`` once broke ``make bench``)."""
    cell = "import pandas as pd\nfrom os.path import (\n    join,\n    split,\n)\nx = 1\n"
    code = bench.first_cell_imports(cell)
    compile(code, "<probe>", "exec")
    assert code.splitlines() == ["import pandas as pd", "from os.path import join, split"]
