"""The SWOT and the recommendations tracker as officers wrote them, tabled without editing
(issue 22, reader11 on the 28 February 2017 and 16 April 2018 reports).

1. A period such as "early 2016" in the officers' SWOT file or the register is refused like
   the review config's (file, line, key, what was found, what to write; exit 2).
2. A withheld figure is said in words with its published base, never "[c]" (W2).
3. A period the source states is not printed twice (W3).
4. The grid's source line gives no one period for entries of different periods.
5. A count whose rest is small reads "most of the 13 people; fewer than 5 did not", not
   "more than 8 of the 13 people" (S3).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from pipelines import steps
from pipelines.cli import app
from pipelines.core.config import load_review
from pipelines.core.disclosure import SUPPRESSED, Policy
from pipelines.core.errors import InputError
from pipelines.core.figures import Kind
from pipelines.sections.indicators import value_text
from pipelines.sections.swot import display
from pipelines.sections.swot.analysis import load_curated
from pipelines.sections.tracker.analysis import findings as tr_findings
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
    assert "March to May 2019" in problem.expected  # the months and the year
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


def _entry(**values) -> pd.Series:
    row = {
        "section": "External",
        "kind": "",
        "unit": "",
        "value": None,
        "numerator": None,
        "denominator": None,
    }
    return pd.Series({**row, **values})


def test_a_period_the_source_states_is_printed_once():
    """L28 W3: "period: January to February 2016; source: Permanent staff survey, January to
    February 2016 (online survey tool export)"."""
    said = "Permanent staff survey, January to February 2016 (online survey tool export)"
    entry = _entry(figure="3.28", source=said, period="January to February 2016")
    assert display.citation(entry, {}) == (
        "Evidence: 3.28; period: January to February 2016; source: Permanent staff survey "
        "(online survey tool export)."
    )
    # a date inside the source that is not the period is kept: "at 21 September 2016" and the
    # report's own date are two things
    entry = _entry(
        figure="7 trainees",
        source="Agenda item 6 report, 21 September 2016, paragraph 54",
        period="At 21 September 2016",
    )
    assert display.citation(entry, {}).endswith(
        "period: at 21 September 2016; source: Agenda item 6 report, 21 September 2016, "
        "paragraph 54."
    )


def test_the_grid_gives_the_period_its_entries_share_or_none():
    """L28: the grid's source line gave the review's period, 1 September 2015 to 31 August
    2016, for S1 (November 2015), S2, O1 and T1 (at 21 September 2016)."""
    one = pd.DataFrame({"period": ["2016", " 2016 "]})
    assert display.grid_period(one) == "2016"
    many = pd.DataFrame({"period": ["November 2015", "At 21 September 2016", "2016"]})
    assert display.grid_period(many) == "each entry's period as given with it"


PUBLIC = Policy("public", 5)


def _figure(kind: Kind, value: float, part=None, whole=None) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "quadrant": "Weaknesses",
                "text": "An entry.",
                "figure": value_text(value, kind.unit),  # "30.8%", "11 people"
                "source": "Forms",
                "period": "2016",
                "compared_with": "",
                "value": value,
                "unit": kind.unit,
                "kind": kind.value,
                "numerator": part,
                "denominator": whole,
                "indicator": "k",
                "section": "10_leavers",
                "origin": "Rule: r",
            }
        ]
    )


@pytest.mark.parametrize(
    "kind, value, part, whole, words",
    [
        # 4 of 13 forms: 30.8%; the base, 13, is published in the chapter's table: the count
        # it stands for, in words (reader14 W2: "a share of the 13 people, not published")
        (Kind.PERCENT_OF_PEOPLE, 100 * 4 / 13, 4, 13, "fewer than 5 of the 13 people"),
        # 11 of 13: 84.6%, 2 did not
        (Kind.PERCENT_OF_PEOPLE, 100 * 11 / 13, 11, 13, "most of the 13 people; fewer than 5"),
        # 11 of 13: 13 - 11 = 2 did not, fewer than 5; 11 > 13 / 2
        (Kind.PEOPLE, 11, 11, 13, "most of the 13 people; fewer than 5 did not"),
        # 3 of 13: a small part
        (Kind.PEOPLE, 3, 3, 13, "fewer than 5 of the 13 people"),
        # 3 of a whole under 5 is not published: no base to give
        (Kind.PEOPLE, 3, 3, 4, "fewer than 5 people"),
    ],
)
def test_a_withheld_swot_figure_is_said_in_words(kind, value, part, whole, words):
    shown = display.public_entries(_figure(kind, value, part, whole), PUBLIC)
    assert shown.loc[0, "figure"].startswith(words)
    assert SUPPRESSED not in shown.loc[0, "figure"] and "more than 8" not in shown.loc[0, "figure"]
    assert shown.loc[0, "value"] == SUPPRESSED


# --- 6. The tracker says what the register holds, not a one-row table ---


def _register(tmp_path, items, illustrative=True) -> Path:
    path = tmp_path / "recommendations.yml"
    path.write_text(
        yaml.safe_dump({"illustrative": illustrative, "items": items}, sort_keys=False), "utf-8"
    )
    return path


def _item(id_, workstream, kind="Recommendation"):
    return {
        "id": id_,
        "kind": kind,
        "made_by": "members",
        "workstream": workstream,
        "text": f"Recommendation {id_}",
        "status": {"2018-03-27": "Grey", "2018-04-16": "Grey"},
    }


def _tracker(tmp_path, items, illustrative=True):
    from types import SimpleNamespace

    from pipelines.sections.tracker import result as tracker_result

    _register(tmp_path, items, illustrative)
    cfg = load_review("coventry-sw-2018").model_copy(
        update={"raw_dir": str(tmp_path), "tracker": "recommendations.yml"}
    )
    return tracker_result.build(SimpleNamespace(review=cfg, meeting="2018-04-16"), None)


def test_a_register_with_no_statuses_in_one_workstream_is_said_in_a_sentence(tmp_path):
    """C16: "Recommendations and actions by workstream and status" was one row, "Not
    recorded 5, Items 5"."""
    items = [_item(x, "Recommendations of the group") for x in "abcde"]
    res = _tracker(tmp_path, items)
    [(title, said)] = res.notes["holdings"]
    assert title == "What the register holds"
    # only what the findings above it do not say (reader12: the box repeated their count
    # and "no status or due date")
    assert said == (
        "All the register's recommendations are in one workstream, "
        "\u201cRecommendations of the group\u201d."
    )
    found = " ".join(
        tr_findings(res.tables["register"].frame, "2018-04-16", None, illustrative=True)
    )
    assert "5 on the register at 16 April 2018" in found and "not recorded" in found
    # two workstreams: the table says more than a sentence would, without a "Not recorded"
    # column that would repeat its items
    items[0] = _item("a", "Pay")
    res = _tracker(tmp_path, items)
    assert "holdings" not in res.notes
    by = res.tables["status_by_workstream"].labelled()
    assert by.values.tolist() == [["Pay", 1], ["Recommendations of the group", 4], ["Total", 5]]
    # statuses recorded: the table by status stays, even with one workstream
    res = _tracker(tmp_path, [_item(x, "Pay") for x in "ab"], illustrative=False)
    assert "holdings" not in res.notes
    assert "Grey (not started)" in res.tables["status_by_workstream"].labelled().columns
