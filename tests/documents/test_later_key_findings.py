"""A later meeting's key findings are about that meeting (issue 22; reader11 on the Luton 28
February 2017 report: its five key findings were the 21 September report's word for word, each
pointing to a chapter that had become one line, and its implications likewise; reader12 on the
28 February and Coventry 16 April reports: the unchanged ones then printed only a title and a
pointer, so a member had to find the earlier report to read them).

The rule (docs/architecture.md, "A later report's key findings"): findings whose figures are
new or changed since the last report come first, stated in full and pointing to their chapter
here; a finding whose figure is unchanged follows, stated in full in its own words too and
marked "Unchanged since the report to the meeting of <date>." with the report that first stated
it; a cross-reference points only to a chapter printed in full; the earlier report named is a
background paper.

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
from pipelines.documents.report import report_sections
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


def test_the_changed_findings_lead_and_the_unchanged_are_stated_and_marked(two_meetings):
    """reader12 on the Luton 28 February and Coventry 16 April reports: an unchanged key
    finding printed only its title and "section 5 of that report", so a member had to find
    the earlier report to read it. Each is stated in its own words, marked as unchanged."""
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
    assert old
    text = ReportText("T", None, "To inform.", ["Note it."], ["Why?"], ["Minutes"])
    chapters = [
        _chapter("10_leavers", "Leavers and exit interviews"),
        _chapter("40_workforce_costs", "Workforce and costs"),
    ]
    out = report_sections(chapters, found, text, since=since)
    key = _text(out, "r03_key_findings")
    when = f"{first:%A} {first.day} {first:%B %Y}"
    # each stated in full, in that order: the changed ones pointing to the workforce chapter
    # printed in full here (section 6), then the unchanged ones, each marked with the report
    # that first stated it and pointing to its section there (the leavers chapter is one line
    # here)
    at = [key.index(str(f.text).rstrip(".")) for f in [*fresh, *old]]
    assert at == sorted(at)
    premium = next(f for f in fresh if f.key == "agency_premium")
    assert f"{str(premium.text).rstrip('.')}. See section 6" in key
    for f in old:
        assert (
            f"{str(f.text).rstrip('.')}. Unchanged since the report to the meeting of {when}. "
            "See section 5 of that report" in key
        )
    assert "Unchanged since the report of" not in key  # no list of titles any more
    # each finding is stated once in the report, in section 3: the chapters and the
    # implications cite, never quote, them
    report = "\n".join(str(s.notebook) for s in out)
    elsewhere = "\n".join(str(s.notebook) for s in out if s.name != "r03_key_findings")
    for f in [*fresh, *old]:
        assert str(f.text).rstrip(".") not in elsewhere, f.key
    # no cross-reference to the one-line leavers chapter (section 5 here), anywhere; the
    # implications cite each finding by its number, never "section 3 (...) and key finding 1"
    # (reader12, Coventry 16 April)
    assert "see section 5." not in report.lower()
    assert "section 3" not in _text(out, "r90_implications")
    words = {1: "one whose figure is", 2: "two whose figures are", 3: "three whose figures are"}
    total = {2: "two", 3: "three", 4: "four", 5: "five"}[len(fresh) + len(old)]
    assert (
        f"The {total} findings that matter most for the group's question: first the "
        f"{words[len(fresh)]} new or changed since the last report, then the "
        f"{words[len(old)]} unchanged since an earlier report" in key
    )
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
    # a figure the second report showed unchanged since the first is unchanged since the
    # first, the report that first stated it: by hand, the first meeting's sentences
    pol = Policy("public", 5)
    said_first = {str(f.text) for f in ranked_findings(cfg, frames, first, pol=pol)}
    found = ranked_findings(cfg, frames, third, pol=pol)
    named = [f for f in found if f.pending is None][:5]
    assert any(f.section == "10_leavers" for f in named)
    for f in named:
        at = first if str(f.text) in said_first else later
        assert since.figures[f.key].date == at, f.key
    # the report: no figure changed; each finding stated, marked with the report that first
    # stated it
    text = ReportText("T", None, "To inform.", ["Note it."], ["Why?"], ["Minutes"])
    chapters = [
        _chapter("10_leavers", "Leavers and exit interviews"),
        _chapter("40_workforce_costs", "Workforce and costs"),
    ]
    out = report_sections(chapters, found, text, since=since)
    key = _text(out, "r03_key_findings")
    assert (
        f"The {['', 'one', 'two', 'three', 'four', 'five'][len(named)]} findings that matter "
        "most for the group's question, most important first. Their figures are unchanged "
        "since an earlier report, which each names." in key
    )
    for f in named:
        at = first if str(f.text) in said_first else later
        assert (
            f"{str(f.text).rstrip('.')}. Unchanged since the report to the meeting of {when[at]}."
            in key
        ), f.key
    papers = _text(out, "r91_background")
    assert f"Report \u201c{title}\u201d to the meeting of {when[first]}" in papers


def test_the_final_reports_key_findings_point_to_the_report_that_states_them(three_meetings):
    """reader12 on both final reports: "See Appendix E, key finding 1-5" where Appendix E
    named the findings as unchanged and stated none. The final meeting's report now states
    each of its key findings, so they point to it; a finding it does not state points back to
    the report that does."""
    cfg, frames, first, later, third = three_meetings
    pol = Policy("public", 5)
    found = {d: ranked_findings(cfg, frames, d, pol=pol) for d in (first, later, third)}
    measurable = {d: [f for f in fs if f.pending is None] for d, fs in found.items()}
    stated = stated_in(cfg, cfg.meeting(third.isoformat()), frames, found[third], pol)
    # by hand: no figure changed at the third meeting, so its key findings are its first five
    # measurable findings, in order, each stated there in full
    top = measurable[third][:5]
    for n, f in enumerate(top, start=1):
        assert stated[f.key] == (third, f"key finding {n}"), f.key
    # a finding the third report does not state among its key findings, on a figure unchanged
    # since the first meeting (its leavers chapter is one line at the second and third),
    # points back to the first report: its key finding there, else its chapter, section 5
    first_numbers = {f.key: n for n, f in enumerate(measurable[first][:5], start=1)}
    said_before = {str(f.text) for f in found[first]}
    for f in measurable[third][5:]:
        if f.section == "10_leavers" and str(f.text) in said_before:
            place = f"key finding {first_numbers[f.key]}" if f.key in first_numbers else "section 5"
            assert stated[f.key] == (first, place), f.key
    # the final report prints them so: the appendices are the packs in date order
    places = finding_places(top, cfg.meetings, third, stated)
    assert places == [f"Appendix C, key finding {n}" for n in range(1, len(top) + 1)]
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


def test_an_unchanged_key_finding_points_into_the_report_that_first_stated_it(three_meetings):
    """reader14 on the Luton 28 February 2017 report, key finding 1: "Unchanged since the
    report to the meeting of 21 September 2016. See section 7 of the report to the meeting of
    21 December 2016" named two reports: the figure was first stated on 21 September, and the
    chapter was last printed in full on 21 December (another of its figures had changed).
    Here the workforce chapter is one line naming the second report while the agency cost was
    first stated by the first report (as there): the key finding names only the first report,
    and its chapter there (section 6, by hand: leavers 5, workforce 6)."""
    from pipelines.documents.unchanged import EarlierReport, Since

    cfg, frames, first, later, third = three_meetings
    pol = Policy("public", 5)
    found = ranked_findings(cfg, frames, third, pol=pol)
    premium = next(f for f in found if f.key == "agency_premium")
    title = f"Evidence for {cfg.committee}"
    when = {d: f"{d:%A} {d.day} {d:%B %Y}" for d in (first, later)}
    since = Since(
        chapters={"40_workforce_costs": EarlierReport(title, when[later], 6, later)},
        figures={"agency_premium": EarlierReport(title, when[first], 6, first)},
    )
    text = ReportText("T", None, "To inform.", ["Note it."], ["Why?"], ["Minutes"])
    chapters = [
        _chapter("10_leavers", "Leavers and exit interviews"),
        _chapter("40_workforce_costs", "Workforce and costs"),
    ]
    key = _text(report_sections(chapters, found, text, since=since), "r03_key_findings")
    start = key.index(str(premium.text).rstrip("."))
    item = key[start : key.index(".", key.index(" See ", start) + 5) + 1]
    assert (
        f"Unchanged since the report to the meeting of {when[first]}. See section 6 of that "
        "report and source" in item
    ), item
    assert when[later] not in item, item
