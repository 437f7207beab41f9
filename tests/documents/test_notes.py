"""The report's numbered sources and notes: one short line under each table, the detail once
at the end (issue 22, point 7: "sources as short notes under tables and an endnote list, not 40
words inline")."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from pipelines.core import disclosure
from pipelines.core.outputs import output_metadata, source_line
from pipelines.documents import notes


def test_each_source_is_one_note_whatever_the_table_or_period():
    book = notes.SourceNotes()
    assert book.cite("HR extract", "2015/16") == 1
    assert book.cite("Snapshot at 30 July 2016.", None) == 2
    assert book.cite("HR extract", "30 July 2016 to 30 June 2018") == 1  # the same note
    # a table of several sources cites each one's note; a source in brackets is not split
    assert book.cite_all("Staff in post (start dates; grades); HR extract; pay rates") == [3, 1, 4]
    assert book.cite(None, None) is None and book.cite_all("") == []
    assert book.cite_all("targets: Item 6 report; i-Trent extract") == [5, 6]
    assert book.notes == [
        "HR extract.",
        "Snapshot at 30 July 2016.",
        "Staff in post (start dates; grades).",
        "Pay rates.",
        "Targets: Item 6 report.",  # a note starts with a capital...
        "i-Trent extract.",  # ...unless its first word has one of its own
    ]
    section = notes.sources_section(book, "14. Sources and notes")
    assert section.notebook.cells[0].source.endswith(
        "\n\n1. HR extract.\n2. Snapshot at 30 July 2016.\n"
        "3. Staff in post (start dates; grades).\n4. Pay rates.\n5. Targets: Item 6 report.\n"
        "6. i-Trent extract."
    )
    assert notes.sources_section(notes.SourceNotes(), "x") is None


def output(html_text: str, caption: str, source: str, period: str) -> dict:
    return {
        "output_type": "display_data",
        "data": {"text/html": html_text},
        "metadata": output_metadata("table", "t", caption, source, period),
    }


SOURCE = (
    "i-Trent HR leavers extract (qualified social workers and occupational therapists up "
    "to Team Manager); Establishment, qualified posts up to Team Manager level"
)
PERIOD = "1 September 2015 to 31 August 2016"
DETAIL = (
    "2016/17 pay rates, cash; agency at £32 an hour, capped rate, Item 6 report to the group, "
    "21 September 2016, paragraph 15; 37 hours a week, 46 weeks a year"
)
HIDDEN = disclosure.suppression_note(5, 3)


def test_a_table_keeps_one_short_line_and_its_long_notes_and_caption_detail_become_notes():
    html_text = (
        f'<div class="ep-table"><table class="ep-data"><caption>Extra cost a year ({DETAIL})'
        f'</caption></table><p class="ep-disclosure">{HIDDEN}</p>'
        f"{source_line(SOURCE, PERIOD)}</div>"
    )
    given = output(html_text, "Extra cost a year", SOURCE, PERIOD)
    book = notes.SourceNotes()
    book.cite("Snapshot", None)
    short = book.short_source_line(given)["data"]["text/html"]
    assert short == (
        '<div class="ep-table"><table class="ep-data"><caption>Extra cost a year (note 2)'
        '</caption></table><p class="ep-disclosure">[c] = hidden: fewer than 5 people, or hidden '
        "so that a small number cannot be worked out (note 3).</p>"
        '<p class="ep-source">Source: i-Trent HR leavers extract and Establishment, '
        "1 September 2015 to 31 August 2016 (notes 4 and 5).</p></div>"
    )
    assert book.notes[1] == DETAIL + "."
    # the note is about every table: its own count of hidden figures is left out
    assert book.notes[2] == (
        "[c] = hidden: fewer than 5 people, or hidden so that a small number cannot be worked "
        "out; a figure hidden for that reason may be 5 or more. Not shown to protect individuals."
    )
    assert book.notes[3:] == [
        "i-Trent HR leavers extract (qualified social workers and occupational therapists up "
        "to Team Manager).",
        "Establishment, qualified posts up to Team Manager level.",
    ]
    assert given["data"]["text/html"] == html_text  # the run's output is not changed
    # a second table with the same detail, note and source cites the same numbers
    again = book.short_source_line(output(html_text, "x", SOURCE, PERIOD))["data"]["text/html"]
    assert "(note 2)" in again and "(note 3)" in again and "(notes 4 and 5)" in again
    assert len(book.notes) == 5


def test_the_line_under_a_table_is_short_and_does_not_repeat_its_date():
    book = notes.SourceNotes()
    assert book.source_line("HR workforce snapshot at 30 July 2016", "At 30 July 2016") == (
        "Source: HR workforce snapshot at 30 July 2016 (note 1)."
    )
    assert book.source_line("Tracker", "At the meeting of 28 Feb 2017") == (
        "Source: Tracker, at the meeting of 28 Feb 2017 (note 2)."
    )
    assert book.source_line("Pack", "As the technical annex gives them") == (
        "Source: Pack, as the technical annex gives them (note 3)."
    )
    assert book.source_line("Survey", "January to February 2016").endswith(
        ", January to February 2016 (note 4)."
    )
    # the period is left out only when the name printed gives it (papers19 point 8): the
    # recruitment tables printed "Source: Recruitment system export (note 7)." with no period
    recruitment = "Recruitment system export, applications 1 October 2016 to 30 September 2017"
    assert book.source_line(recruitment, "1 October 2016 to 30 September 2017") == (
        "Source: Recruitment system export, 1 October 2016 to 30 September 2017 (note 5)."
    )
    # every source named and the period given, however long (issue 22, L21 pp3-7: "and 1
    # other source", lines without their period)
    long_period = " ".join(["a very long period"] * 10)
    line = book.source_line("HR extract; Pay rates; Register", long_period)
    assert line == f"Source: HR extract, Pay rates and Register, {long_period} (notes 6, 7 and 8)."


def test_a_short_note_and_a_short_caption_stay_as_they_are():
    html_text = (
        '<figure class="ep-chart"><figcaption class="ep-chart-title">Leavers by year (all '
        'services)</figcaption><p class="ep-disclosure">[c] = fewer than 5 people, not shown '
        "to protect individuals.</p></figure>"
    )
    book = notes.SourceNotes()
    given = output(html_text, "Leavers by year", "", "")
    assert book.short_source_line(given) is given
    assert book.notes == []


def test_a_stub_is_the_first_clause():
    # a "[c] =" note keeps its meaning whole (papers19 point 3): never "[c] = fewer than 5 people"
    # when some of the marks hide larger figures
    assert notes.stub(HIDDEN) == (
        "[c] = hidden: fewer than 5 people, or hidden so that a small number cannot be worked out"
    )
    assert notes.stub(
        "Chart drawn from the published figures: values marked [c] are not shown."
    ) == ("Chart drawn from the published figures")
    assert notes.stub(
        "Counts below 5 in this table are shown because the council has already published them."
    ) == ("Counts below 5 in this table are shown")


def test_the_source_line_keeps_its_period_when_the_notes_above_it_are_long():
    chart = (
        '<figure class="ep-chart"><p class="ep-disclosure">Chart drawn from the published '
        "figures: values marked [c] are not shown, because they are fewer than 5 people.</p>"
        f'{source_line("i-Trent HR leavers extract", PERIOD)}<p class="ep-disclosure">'
        "Counts below 5 in this table are shown because the council has already published them "
        'in the group\'s papers.</p><p class="ep-disclosure">'
        "[c] = fewer than 5 people, not shown to protect individuals.</p></figure>"
    )
    book = notes.SourceNotes()
    short = book.short_source_line(output(chart, "Leavers", "i-Trent HR leavers extract", PERIOD))
    under = re.findall(r'<p class="ep-(?:source|disclosure)">(.*?)</p>', short["data"]["text/html"])
    assert f"Source: i-Trent HR leavers extract, {PERIOD} (note 3)." in under
    # a chart whose legend says some marks hide larger counts keeps the legend whole and the
    # table's period in its source line (papers19 point 3)
    hidden = chart.replace(
        "[c] = fewer than 5 people, not shown to protect individuals.", html.escape(HIDDEN)
    ).replace("Counts below 5 in this table are shown because the council has already published "
              "them in the group's papers.</p><p class=\"ep-disclosure\">", "")  # fmt: skip
    short = notes.SourceNotes().short_source_line(
        output(hidden, "Leavers", "i-Trent HR leavers extract", PERIOD)
    )
    assert f"Source: i-Trent HR leavers extract, {PERIOD} (note 3)." in short["data"]["text/html"]


LONG_NOTES = [
    HIDDEN,
    "Chart drawn from the published figures: values marked [c] are not shown, because they are "
    "fewer than 5 people or would let a total reveal such a number.",
    "Counts below 5 in this table are shown because the council has already published them in "
    "the group's papers, or they follow from figures it published there.",
]
SHORT_NOTES = ["[c] = fewer than 5 people, not shown to protect individuals."]


@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(LONG_NOTES + SHORT_NOTES), max_size=3),
            st.sampled_from(["HR extract; Pay rates", "Recruitment export, 2015/16", ""]),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_every_long_note_is_printed_once_whatever_the_tables(tables):
    book = notes.SourceNotes()
    printed = []
    for disclosures, source in tables:
        body = "".join(f'<p class="ep-disclosure">{html.escape(d)}</p>' for d in disclosures)
        line = source_line(source, PERIOD) if source else ""
        out = book.short_source_line(
            output(f'<div class="ep-table">{body}{line}</div>', "T", source, PERIOD)
        )
        printed.append(out["data"]["text/html"])
    under = [
        (kind, html.unescape(p))
        for t in printed
        for kind, p in re.findall(r'<p class="ep-(source|disclosure)">(.*?)</p>', t)
    ]
    for kind, p in under:  # a stub and its note number; one source line with its period
        if kind == "disclosure":
            limit = notes.SHORT_WORDS + 2
            if p.startswith("[c] ="):  # what the marks mean is kept whole (papers19 point 3)
                limit = len(notes.stub(HIDDEN).split()) + 2
            assert len(p.split()) <= limit, p
        else:
            assert PERIOD in p and "other source" not in p, p
    under = [p for _, p in under]
    text = "\n".join(under + book.notes)
    for long in LONG_NOTES:
        full = re.sub(r"\s*\(\d+ figures? in this table\)", "", long)
        assert text.count(full) <= 1, full  # once, in the notes, if at all
    assert len(book.notes) == len(set(book.notes))


def test_a_source_line_names_its_sources_in_the_order_of_their_notes():
    """Luton 21 December, the SWOT's line: "Guidant locum survey, Agenda item 6 report, Exit
    interview forms ..., Children's social care case management system and Permanent staff
    survey ... (notes 7, 8, 9, 4 and 10)": the caseloads table had cited the case management
    system as note 4. The line names it first, so its numbers read up; each new source is
    still numbered in the order it first appears."""
    book = notes.SourceNotes()
    for earlier in ("HR snapshot", "Pay rates", "Supplement register", "Case management system"):
        book.cite(earlier)
    line = book.source_line(
        "Locum survey, November 2015; Item 6 report; Exit forms; Case management system; "
        "Staff survey",
        "each entry's period as given with it",
    )
    assert line == (
        "Source: Case management system, Locum survey, Item 6 report, Exit forms and Staff "
        "survey, each entry's period as given with it (notes 4, 5, 6, 7 and 8)."
    )
    assert book.notes[4:] == ["Locum survey, November 2015.", "Item 6 report.", "Exit forms.",
                              "Staff survey."]  # fmt: skip
    numbers = [int(n) for n in re.findall(r"\d+", line.split("(notes")[1])]
    assert numbers == sorted(numbers)
