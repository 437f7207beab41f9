"""The SWOT and the recommendations tracker as officers wrote them, tabled without editing
(issue 22, reader11 on the 28 February 2017 and 16 April 2018 reports).

1. A period such as "early 2016" in the officers' SWOT file or the register is refused like
   the review config's (file, line, key, what was found, what to write; exit 2).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from pipelines import steps
from pipelines.cli import app
from pipelines.core.config import load_review
from pipelines.core.errors import InputError
from pipelines.sections.swot.analysis import load_curated
from pipelines.sections.tracker.analysis import load_register
from tests.conftest import DEMO_REVIEW

ENTRY = {
    "id": "peer-support",
    "quadrant": "Strengths",
    "text": "Staff valued the support of their peers.",
    "evidence": {
        "figure": "average 2.18",
        "source": "Agenda item 6 report, 21 September 2016, paragraph 26",
        "period": "Early 2016",
    },
}


def line_of(text: str, needle: str) -> int:
    """The line (1 = first) of the file text holding ``needle``, counted by hand."""
    [n] = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    return n


def test_a_vague_swot_period_is_refused_naming_the_file_line_key_and_what_to_write(tmp_path):
    first = {**ENTRY, "id": "fine", "evidence": {**ENTRY["evidence"], "period": "2016"}}
    path = tmp_path / "swot_curated.yml"
    path.write_text(yaml.safe_dump({"entries": [first, ENTRY]}, sort_keys=False), "utf-8")
    with pytest.raises(InputError) as caught:
        load_curated(path)
    [problem] = caught.value.problems
    assert problem.row == line_of(path.read_text("utf-8"), "period: Early 2016")
    assert problem.column == "evidence.period"
    assert problem.found == "Early 2016"
    assert "January to February 2016" in problem.expected  # the months and the year
    assert 'SWOT entry 2 ("peer-support")' in problem.what
    assert "does not say which months" in problem.what
    assert problem.hint.startswith("Rewrite evidence.period")


def test_the_same_entry_with_its_months_passes(tmp_path):
    entry = {**ENTRY, "evidence": {**ENTRY["evidence"], "period": "January to February 2016"}}
    path = tmp_path / "swot_curated.yml"
    path.write_text(yaml.safe_dump({"entries": [entry]}), "utf-8")
    [read] = load_curated(path)
    assert read.evidence.period == "January to February 2016"


def test_a_vague_period_in_the_register_is_refused_with_its_line(tmp_path):
    register = {
        "legend": [{"status": "Grey", "meaning": "Not started by mid-2017"}],
        "items": [
            {
                "id": "a",
                "kind": "Action",
                "workstream": "Recruitment",
                "text": "Review the market supplements in autumn 2017.",
                "status": {"2017-02-28": "Grey"},
            }
        ],
    }
    path = tmp_path / "recommendations.yml"
    path.write_text(yaml.safe_dump(register, sort_keys=False), "utf-8")
    with pytest.raises(InputError) as caught:
        load_register(path)
    raw = path.read_text("utf-8")
    got = {(p.column, p.row, p.found) for p in caught.value.problems}
    assert got == {
        ("text", line_of(raw, "autumn 2017"), "Review the market supplements in autumn 2017."),
        ("meaning", line_of(raw, "mid-2017"), "Not started by mid-2017"),
    }


def test_the_build_refuses_both_files_at_once_before_any_section_runs(raw):
    swot = raw / "swot_curated.yml"
    swot.write_text(
        swot.read_text("utf-8").replace('period: "January to February 2016"', "period: Early 2016"),
        "utf-8",
    )
    register = raw / "recommendations.yml"
    text = register.read_text("utf-8")
    first = text.index("  workstream:")
    end = text.index("\n", first)
    register.write_text(text[:first] + "  workstream: Plan for spring 2017" + text[end:], "utf-8")
    with pytest.raises(InputError) as caught:
        steps.check_raw_inputs(load_review(DEMO_REVIEW), raw)
    found = sorted((Path(p.file).name, p.column, p.found) for p in caught.value.problems)
    assert found == [
        ("recommendations.yml", "workstream", "Plan for spring 2017"),
        ("swot_curated.yml", "evidence.period", "Early 2016"),
    ]
    result = CliRunner().invoke(app, ["validate", DEMO_REVIEW, "--raw-dir", str(raw)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "“Early 2016” does not say which months" in result.output
    assert "“spring 2017” does not say which months" in result.output


def test_the_demo_swot_file_gives_each_figure_its_own_period():
    """S2's period was "Early 2016"; O1's "Completing by March 2017" and T1's "Memorandum
    signed September 2014; reported September 2016" were not the period of the figure each
    cites: the report of 21 September 2016 gives both figures as at its date."""
    cfg = load_review(DEMO_REVIEW)
    entries = {e.id: e.evidence for e in load_curated(cfg.raw_path() / cfg.swot.curated)}
    source = cfg.datasets["staff_survey"].source  # the survey export the figure 2.18 is from
    assert entries["peer-support"].period in source
    for key in ("step-up-cohort-4", "agency-rate-cap-under-pressure"):
        date = entries[key].source.split(", ")[1]  # "Agenda item 6 report, 21 September 2016"
        assert entries[key].period == f"At {date}"
