"""A later meeting's key findings are about that meeting (issue 22; reader11 on the Luton 28
February 2017 report: its five key findings were the 21 September report's word for word, each
pointing to a chapter that had become one line, and its implications likewise).

The rule (docs/architecture.md, "A later report's key findings"): findings whose figures are
new or changed since the last report come first, stated in full and pointing to their chapter
here; a finding whose figure is unchanged is named once, under "Unchanged since the report of
<date>", with its section there, and never restated; a cross-reference points only to a
chapter printed in full; the earlier report named is a background paper.

On a generated council's review of two meetings, built here from its exports without running a
notebook: the second meeting changes one parameter, the agency hourly rate, so the workforce
chapter's agency cost changes and the leavers chapter does not.
"""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from pipelines.core import cleaning
from pipelines.core.config import load_review
from pipelines.core.disclosure import Policy
from pipelines.documents import blocks
from pipelines.documents.pack import Section
from pipelines.documents.report import finding_title, report_sections
from pipelines.documents.texts import ReportText
from pipelines.documents.unchanged import since_earlier, unchanged_line
from pipelines.sections.findings import ranked_findings

FIRST_RATE, LATER_RATE = 36, 45


@pytest.fixture(scope="module")
def two_meetings(tmp_path_factory):
    """Northshire's review with two meetings: leavers and workforce at each, the second with
    another agency hourly rate (36, then 45 pounds an hour)."""
    from tests.councils import generators as gen
    from tests.councils.reviews import meeting_date, workforce_parameters, write_review

    council = gen.northshire()
    council.survey = []
    params = workforce_parameters(council)
    assert params["agency_hourly_rate"] == FIRST_RATE
    # a sourced rate (an assumed one never reaches a finding)
    params["agency_rate_source"] = "Regional agency rate agreement, 2024"
    first = meeting_date(council)
    path = write_review(
        council,
        tmp_path_factory.mktemp("later"),
        survey_tool="plain",
        meeting=first,
        sections=[
            {"notebook": "10_leavers"},
            {"notebook": "40_workforce_costs", "parameters": params},
        ],
    )
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    later = first + dt.timedelta(days=63)
    again = {**params, "agency_hourly_rate": LATER_RATE}
    data["meetings"].append(
        {
            "date": later.isoformat(),
            "label": "Second panel meeting",
            "sections": [
                {"notebook": "10_leavers"},
                {"notebook": "40_workforce_costs", "parameters": again},
            ],
        }
    )
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    cfg = load_review(path)
    frames = cleaning.clean_review(cfg.raw_path(), cfg.datasets).frames
    return cfg, frames, first, later


def _chapter(name: str, title: str) -> Section:
    table = blocks.cell([blocks.findings_output([f"{title}: the chapter's own line."], "f")])
    return Section(name, blocks.notebook(blocks.md(f"# {title}\nWhat it shows."), table))


def _text(out, name: str) -> str:
    return str(next(s for s in out if s.name == name).notebook)


def test_only_the_chapter_whose_figure_changed_is_printed_again(two_meetings):
    cfg, frames, first, later = two_meetings
    since = since_earlier(cfg, cfg.meeting(later.isoformat()), frames)
    # the first meeting's report showed leavers as section 5 and workforce as section 6
    when = f"{first:%A} {first.day} {first:%B %Y}"
    title = f"Evidence for {cfg.committee}"
    assert set(since.chapters) == {"10_leavers"}
    assert since.line("10_leavers") == unchanged_line(title, when, 5)
    # the agency cost a year moved with the rate; the leavers' figures did not
    assert "agency_premium" not in since.figures
    assert {k for k, r in since.figures.items() if r.number == 5}
    assert all(r.date == first for r in since.figures.values())
    # the first meeting has no earlier report
    assert since_earlier(cfg, cfg.meeting(first.isoformat()), frames).chapters == {}


def test_the_changed_findings_lead_and_the_unchanged_are_named_once(two_meetings):
    cfg, frames, first, later = two_meetings
    mtg = cfg.meeting(later.isoformat())
    since = since_earlier(cfg, mtg, frames)
    found = ranked_findings(cfg, frames, later, pol=Policy("public", 5))
    measurable = [f for f in found if f.pending is None]
    changed = [f for f in measurable if f.key not in since.figures]
    same = [f for f in measurable if f.key in since.figures]
    assert any(f.key == "agency_premium" for f in changed), [f.key for f in measurable]
    assert any(f.section == "10_leavers" for f in same), [f.key for f in measurable]
    # the five places: the changed findings first, best first, then the unchanged ones
    fresh, old = changed[:5], same[: 5 - len(changed[:5])]
    text = ReportText("T", None, "To inform.", ["Note it."], ["Why?"], ["Minutes"])
    chapters = [
        _chapter("10_leavers", "Leavers and exit interviews"),
        _chapter("40_workforce_costs", "Workforce and costs"),
    ]
    out = report_sections(chapters, found, text, since=since)
    key = _text(out, "r03_key_findings")
    when = f"{first:%A} {first.day} {first:%B %Y}"
    # stated in full, pointing to the workforce chapter printed in full here (section 6)
    for f in fresh:
        assert str(f.text).rstrip(".") in key
    premium = next(f for f in fresh if f.key == "agency_premium")
    assert key.index(str(premium.text).rstrip(".")) < key.index("Unchanged since")
    assert "See section 6" in key
    # named once under the earlier report's date, with its section there; never restated
    assert key.count(f"Unchanged since the report of {when}:") == 1
    for f in old:
        assert str(f.text).rstrip(".") not in key
        title = finding_title(f)
        assert f"{title[:1].upper()}{title[1:]}, section 5 of that report" in key
    # no cross-reference to the one-line leavers chapter (section 5 here), anywhere
    report = "\n".join(str(s.notebook) for s in out)
    assert "see section 5" not in report.lower()
    for f in old:
        assert str(f.text).rstrip(".") not in report  # the implications do not quote them
    n = len(fresh)
    words = {1: "finding whose figure is", 2: "two findings whose figures are"}
    if n in words:
        assert f"The {words[n]} new or changed since the last report" in key
    # the earlier report the report names is one of its background papers
    papers = _text(out, "r91_background")
    assert f"Report \u201cEvidence for {cfg.committee}\u201d to the meeting of {when}" in papers
