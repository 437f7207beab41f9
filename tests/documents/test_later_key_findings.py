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
from pipelines.documents.final import finding_places, sourced_finding
from pipelines.documents.pack import Section
from pipelines.documents.report import finding_title, report_sections
from pipelines.documents.texts import ReportText
from pipelines.documents.unchanged import since_earlier, stated_in, unchanged_line
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


@pytest.fixture(scope="module")
def three_meetings(two_meetings, tmp_path_factory):
    """The same review with a third meeting like the second (agency at 45 pounds an hour):
    its leavers chapter was one line at the second meeting, naming the first."""
    cfg, frames, first, later = two_meetings
    third = later + dt.timedelta(days=35)
    last = cfg.meetings[-1].model_copy(update={"date": third, "label": "Third panel meeting"})
    cfg3 = cfg.model_copy(update={"meetings": [*cfg.meetings, last]})
    return cfg3, frames, first, later, third


def test_a_pointer_names_the_report_that_printed_the_chapter_in_full(three_meetings):
    """reader12 on the Luton 28 February 2017 report: an unchanged chapter and key finding
    named "section 5" of the 21 December report, itself one line naming 21 September."""
    cfg, frames, first, later, third = three_meetings
    since = since_earlier(cfg, cfg.meeting(third.isoformat()), frames)
    title = f"Evidence for {cfg.committee}"
    when = {d: f"{d:%A} {d.day} {d:%B %Y}" for d in (first, later)}
    # leavers: one line at the second meeting, so the first meeting's section 5 (printed in
    # full there); workforce: printed in full at the second meeting (another rate), section 6
    assert since.line("10_leavers") == unchanged_line(title, when[first], 5)
    assert since.line("40_workforce_costs") == unchanged_line(title, when[later], 6)
    assert {r.date for r in since.figures.values() if r.number == 5} == {first}
    assert since.figures["agency_premium"].date == later
    # the report: no figure changed; each finding named under the report that printed it
    found = ranked_findings(cfg, frames, third, pol=Policy("public", 5))
    text = ReportText("T", None, "To inform.", ["Note it."], ["Why?"], ["Minutes"])
    chapters = [
        _chapter("10_leavers", "Leavers and exit interviews"),
        _chapter("40_workforce_costs", "Workforce and costs"),
    ]
    out = report_sections(chapters, found, text, since=since)
    key = _text(out, "r03_key_findings")
    assert "No figure behind the findings" in key
    assert "has changed since the last report that showed it" in key
    groups = {
        chunk.split(":", 1)[0]: chunk for chunk in key.split("Unchanged since the report of ")[1:]
    }
    named = [f for f in found if f.pending is None][:5]
    for f in named:
        short = str(finding_title(f))
        at = first if f.section == "10_leavers" else later
        assert f"{short[:1].upper()}{short[1:]}, section" in groups[when[at]], f.key
    assert any(f.section == "10_leavers" for f in named)
    papers = _text(out, "r91_background")
    assert f"Report \u201c{title}\u201d to the meeting of {when[first]}" in papers


def test_the_final_reports_key_findings_point_to_the_report_that_states_them(three_meetings):
    """reader12 on both final reports: "See Appendix E, key finding 1-5" where Appendix E
    names the findings as unchanged and states none; the numbers were the final meeting's
    order, not those of the report that states them."""
    cfg, frames, first, later, third = three_meetings
    pol = Policy("public", 5)
    found = {d: ranked_findings(cfg, frames, d, pol=pol) for d in (first, later, third)}
    measurable = {d: [f for f in fs if f.pending is None] for d, fs in found.items()}
    stated = stated_in(cfg, cfg.meeting(third.isoformat()), frames, found[third], pol)
    # by hand: the first report states its first five measurable findings as key findings
    # 1 to 5; the second states first those whose sentence differs from the first meeting's
    # (the agency rate changed), best first
    first_numbers = {f.key: n for n, f in enumerate(measurable[first][:5], start=1)}
    said_before = {str(f.text) for f in found[first]}
    new_later = [f.key for f in measurable[later] if str(f.text) not in said_before]
    assert new_later and all(
        f.section == "40_workforce_costs" for f in measurable[later] if f.key in new_later
    )
    assert stated["agency_premium"] == (
        later,
        f"key finding {new_later.index('agency_premium') + 1}",
    )
    top = measurable[third][:5]
    leavers = [f.key for f in top if f.section == "10_leavers"]
    assert leavers
    for k in leavers:
        # stated at the first meeting: among its key findings, else in its chapter, section 5
        place = f"key finding {first_numbers[k]}" if k in first_numbers else "section 5"
        assert stated[k] == (first, place)
    # no finding points to the third report, which states none of them
    assert all(date != third for date, _place in stated.values())
    # the final report prints them so: the appendices are the packs in date order
    places = finding_places(top, cfg.meetings, third, stated)
    letter = {first: "A", later: "B"}
    for f, where in zip(top, places, strict=True):
        date, place = stated[f.key]
        assert where == f"Appendix {letter[date]}, {place}"
    assert sourced_finding(top[0], places[0]).endswith(f" See {places[0]}.")


def test_a_final_key_finding_with_the_previous_ones_source_says_as_above():
    """Reader (Luton final report): two projections in a row each printed "Source: HR workforce
    snapshot at 30 July 2016; HR staff in post at 30 July 2016; i-Trent HR leavers extract.",
    the same long sentence twice. The second says "Source: as above."."""
    from types import SimpleNamespace

    source = "HR workforce snapshot at 30 July 2016 (file a.csv); i-Trent HR leavers extract"
    first = SimpleNamespace(text="Agency staff go from 43.0 FTE to 58.2 FTE.", source=source)
    second = SimpleNamespace(text="Agency staff go from 34.0 FTE to 41.5 FTE.", source=source)
    other = SimpleNamespace(text="Turnover was 23.2%.", source="i-Trent HR leavers extract")
    said = sourced_finding(first, "Appendix E, key finding 4")
    assert said == (
        "Agency staff go from 43.0 FTE to 58.2 FTE. Source: HR workforce snapshot at 30 July "
        "2016; i-Trent HR leavers extract. See Appendix E, key finding 4."
    )
    assert sourced_finding(second, None, first) == (
        "Agency staff go from 34.0 FTE to 41.5 FTE. Source: as above."
    )
    assert sourced_finding(other, None, second).endswith("Source: i-Trent HR leavers extract.")
