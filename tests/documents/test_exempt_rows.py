"""The exempt appendix holds only what must be exempt, readably (issue 22 point 4, reader12).

- Luton 21 September: the exempt "Locum survey, report text" table held every row, with "25 of
  31 is 80.6%", which the public report prints. A table's rows that its public version shows
  as they are can be published: the appendix holds only the others, rebuilt from them, its CSV
  file too, with a line saying the rest is public.
- Four to six pages of survival-curve steps: a table marked ``csv_only`` is named with its CSV
  file, which holds every row, and not printed.

The outputs are made here as the notebooks make them (``core.outputs.table_html``).
"""

from __future__ import annotations

import io

import nbformat.v4 as v4
import pandas as pd

from pipelines.core.outputs import output_metadata, table_html
from pipelines.documents import blocks, exempt
from pipelines.documents.pack import Section, collect_tables

#: A survey's published figures checked: the public version suppresses the two rows that state
#: a small count (1 of 31, and 29 of 31: 2 did not) and shows the first as it is.
CHECKS = pd.DataFrame(
    {
        "Figure": ["Felt valued", "Years qualified", "Less than 1 year"],
        "Published": ["80%", "93%", "2%"],
        "From the data": ["80.6% (25 of 31)", "93.5% (29 of 31)", "3.2% (1 of 31)"],
    }
)
CHECKS_PUBLIC = CHECKS.assign(**{"From the data": ["80.6% (25 of 31)", "[c]", "[c]"]})
#: Time to hire by route: the public version merges the routes of fewer than 5 starters.
HIRE = pd.DataFrame(
    {"Route": ["All routes", "Job board", "Event", "Advert"], "Starters": [9, 6, 2, 1]}
)
HIRE_PUBLIC = pd.DataFrame({"Route": ["All routes", "Job board", "Other"], "Starters": [9, 6, 3]})


def _table(name: str, df: pd.DataFrame, **extra):
    return v4.new_output(
        "display_data",
        data={"text/html": f'<div class="ep-table">{table_html(df, name)}</div>'},
        metadata=output_metadata("table", name, name, "HR", None, df, **extra),
    )


def _section(*outputs) -> Section:
    cell = v4.new_code_cell("")
    cell.outputs = list(outputs)
    return Section("20_surveys", blocks.notebook(blocks.md("# Surveys\nIntro."), cell))


def _items(parts) -> list:
    return [
        o for s in parts[1:] for c in s.notebook.cells if c.cell_type == "code" for o in c.outputs
    ]


def _rows(output) -> list[str]:
    frame = pd.read_json(io.StringIO(blocks.meta(output)["data"]), orient="split", dtype=False)
    return frame.iloc[:, 0].tolist()


def test_the_rows_the_public_version_shows_are_left_out_of_the_exempt_table():
    private = _section(_table("checks", CHECKS), _table("hire", HIRE))
    public = _section(_table("checks", CHECKS_PUBLIC), _table("hire", HIRE_PUBLIC))
    # by hand: "Felt valued" is shown as it is; the two rows with [c] are withheld. "All
    # routes" and "Job board" are shown as they are; Event and Advert are merged into "Other".
    # (the checks' columns are words, so every column stays)
    assert exempt.withheld(_table("checks", CHECKS), _table("checks", CHECKS_PUBLIC)) == (
        [1, 2],
        list(CHECKS.columns),
    )
    assert exempt.withheld(_table("hire", HIRE), _table("hire", HIRE_PUBLIC)) == (
        [2, 3],
        list(HIRE.columns),
    )
    # only the checks table is printed in the report; the time to hire is in the public run only
    printed = _section(_table("checks", CHECKS_PUBLIC))
    parts = exempt.exempt_sections([private], [public], [], printed=[printed])
    checks, hire = _items(parts)
    assert _rows(checks) == ["Years qualified", "Less than 1 year"]
    text = str(checks["data"]["text/html"])
    assert "25 of 31" not in text and "29 of 31" in text and text.count("<tr") == 3
    assert "Only what the public report withholds is shown; it prints the other row." in text
    # reader14 (L21x p3): a table the public report does not print said "the other 5 rows can
    # be published", rows no paper prints: it is shown whole, with no such line
    assert _rows(hire) == HIRE["Route"].tolist()
    assert "Only what" not in str(hire["data"]["text/html"])
    assert "can be published" not in str(hire["data"]["text/html"])
    # the appendix's CSV file holds the rows it prints
    tables = collect_tables(parts)
    assert tables["20_surveys__checks.csv"]["Figure"].tolist() == [
        "Years qualified",
        "Less than 1 year",
    ]


def test_a_table_with_words_left_out_or_every_row_withheld_is_shown_whole():
    words = CHECKS.assign(Comment=["a", "b", "c"])
    assert (
        exempt.withheld(_table("checks", words, free_text=["Comment"]), _table("checks", CHECKS))
        is None
    )
    every = CHECKS.assign(Published="[c]")
    assert exempt.withheld(_table("checks", CHECKS), _table("checks", every)) is None
    assert exempt.withheld(_table("checks", CHECKS), None) is None


def test_a_table_too_long_to_print_is_named_with_its_csv_file_which_holds_every_row():
    steps = pd.DataFrame({"Service": ["A"] * 40, "Years since starting": range(40)})
    private = _section(_table("steps-service", steps, individuals=True, csv_only=True))
    parts = exempt.exempt_sections([private], [_section()], [], printed=[])
    (item,) = _items(parts)
    text = str(item["data"]["text/html"])
    assert "<table" not in text
    assert "40 rows, not printed here, in the file 20_surveys__steps-service.csv." in text
    # reader14 (L21x p20-21): where the files are is said once, in the section's introduction,
    # not "tables/... that goes with this appendix" at each of three files
    assert "goes with" not in text and "tables/" not in text
    twice = _section(
        _table("steps-service", steps, individuals=True, csv_only=True),
        _table("steps-year", steps, individuals=True, csv_only=True),
    )
    parts = exempt.exempt_sections([twice], [_section()], [], printed=[])
    intro = " ".join(str(c.source) for c in parts[1].notebook.cells if c.cell_type == "markdown")
    texts = " ".join(str(o["data"]["text/html"]) for o in _items(parts))
    assert intro.count(exempt.CSV_FILES) == 1 and "tables folder" not in texts
    assert texts.count("in the file 20_surveys__") == 2
    assert exempt.exempt_lines(parts)[0].startswith("Exempt under Schedule 12A, paragraph 1")
    assert len(collect_tables(parts)["20_surveys__steps-service.csv"]) == 40


def test_a_section_unchanged_since_an_earlier_appendix_is_one_line_naming_it():
    """Luton 28 February 2017: a 34-page exempt appendix repeating the tables of 21 September
    2016, whose chapters the report already names as unchanged."""
    import datetime as dt
    from types import SimpleNamespace

    from pipelines.documents.meeting import exempt_unchanged
    from pipelines.documents.unchanged import EarlierReport, Since

    where = "the report to the meeting of Wednesday 21 September 2016"
    private = _section(_table("checks", CHECKS))
    # with an item of its own elsewhere (a section unchanged alone: no appendix, reader15)
    leavers = Section("10_leavers", blocks.notebook(blocks.md("# Leavers\nIntro.")))
    leavers.notebook.cells.append(blocks.cell([_table("nq", NEWLY)]))
    parts = exempt.exempt_sections(
        [private, leavers],
        [_section(), Section("10_leavers", blocks.notebook())],
        [],
        printed=[],
        unchanged={"20_surveys": where},
    )
    assert [s.name for s in parts] == ["e00_about", "10_leavers"]
    intro = " ".join(c.source for c in parts[0].notebook.cells)
    assert f"Surveys: the exempt appendix to {where}." in intro.replace("\\", "")
    assert "so they are not repeated here" in " ".join(intro.split())
    # the same settings at both meetings: referred to; other settings: printed in full
    meetings = {
        dt.date(2016, 9, 21): [("20_surveys", {"a": 1}), ("45_retention", {"b": 1})],
        dt.date(2017, 2, 28): [("20_surveys", {"a": 1}), ("45_retention", {"b": 2})],
    }

    def meeting(day):
        day = dt.date.fromisoformat(str(day))
        return SimpleNamespace(
            sections=[SimpleNamespace(notebook=n, parameters=p) for n, p in meetings[day]]
        )

    cfg = SimpleNamespace(meeting=meeting)
    report = EarlierReport("Evidence", "Wednesday 21 September 2016", 5, dt.date(2016, 9, 21))
    since = Since(chapters={"20_surveys": report, "45_retention": report})
    assert exempt_unchanged(cfg, SimpleNamespace(date=dt.date(2017, 2, 28)), since) == {
        "20_surveys": where
    }


#: Coventry 16 April: newly qualified appointees, one row of aggregates; the public version
#: suppresses the 2 in pre-employment checks and, with it, the 9 in post (11 - 2).
NEWLY = pd.DataFrame(
    {"Plan": ["Newly qualified"], "In post": [9], "In checks": [2], "Appointed": [11]}
).assign(**{"Due by": ["30 September 2017"]})
#: The retention flows: the public version suppresses the 2 agency workers appointed and the
#: rate a year worked out from them; the leavers and starters are shown as they are.
FLOWS = pd.DataFrame(
    {
        "Service": ["Children's Social Care"],
        "Leavers": [62],
        "Starters": [19],
        "Agency workers appointed": [2],
        "Agency workers appointed (FTE a year)": [1.4],
        "Counted from": ["recruitment system export"],
    }
)


def _public(df: pd.DataFrame, hidden) -> pd.DataFrame:
    return df.astype(object).assign(**dict.fromkeys(hidden, "[c]"))


def test_the_newly_qualified_table_holds_only_the_figures_the_public_version_withholds():
    public = _public(NEWLY, ["In post", "In checks"])
    kept = exempt.withheld(_table("nq", NEWLY), _table("nq", public))
    # by hand: the appointed 11 is public; the plan and the due date are its words
    assert kept == ([0], ["Plan", "In post", "In checks", "Due by"])
    parts = exempt.exempt_sections(
        [_section(_table("nq", NEWLY))],
        [_section(_table("nq", public))],
        [],
        printed=[_section(_table("nq", public))],
    )
    (item,) = _items(parts)
    assert exempt.exempt_lines(parts) == [
        "Exempt under Schedule 12A, paragraph 2: groups so small that people could be "
        "identified; the public report shows it with them suppressed."
    ]
    assert list(collect_tables(parts)["20_surveys__nq.csv"].columns) == kept[1]
    text = str(item["data"]["text/html"])
    assert "Appointed" not in text and "it prints the other column." in text


def test_the_retention_flows_hold_only_the_agency_workers_appointed():
    public = _public(FLOWS, ["Agency workers appointed", "Agency workers appointed (FTE a year)"])
    kept = exempt.withheld(_table("rates", FLOWS), _table("rates", public))
    assert kept == (
        [0],
        [
            "Service",
            "Agency workers appointed",
            "Agency workers appointed (FTE a year)",
            "Counted from",
        ],
    )
    # with nothing suppressed the public version passes as it is: not exempt at all
    assert exempt.withheld(_table("rates", FLOWS), _table("rates", FLOWS)) is None
    flows = _table("rates", FLOWS.assign(**{"Agency workers appointed": [7]}))
    assert exempt.exempt_paragraph(flows, _section(flows)) is None


def test_a_meeting_whose_every_exempt_section_is_unchanged_tables_no_appendix():
    """Coventry 16 April: every exempt section is that of the 27 March appendix; the appendix
    said it "holds only the tables and charts that cannot be published" and held none (reader14),
    then was written marked "NOTHING EXEMPT" (reader15). It withholds nothing of its own: no
    appendix, and no line for one in the report (tests/documents/test_exempt_nothing_own.py)."""
    where = "the report to the meeting of Tuesday 27 March 2018"
    private, public = [_section(_table("checks", CHECKS))], [_section()]
    assert exempt.exempt_sections(private, public, [], unchanged={"20_surveys": where}) == []
    assert exempt.exempt_note(private, public, unchanged={"20_surveys"}) is None
    # with an item of its own, the unchanged section is one line naming the earlier appendix
    leavers = Section("10_leavers", blocks.notebook(blocks.md("# Leavers\nIntro.")))
    leavers.notebook.cells.append(blocks.cell([_table("nq", NEWLY)]))
    parts = exempt.exempt_sections(
        [*private, leavers],
        [*public, Section("10_leavers", blocks.notebook())],
        [],
        unchanged={"20_surveys": where},
    )
    intro = " ".join(" ".join(c.source for c in parts[0].notebook.cells).split())
    assert f"Surveys: the exempt appendix to {where}." in intro.replace("\\", "")


def test_the_background_papers_line_names_only_what_the_appendix_holds():
    """Luton 28 February 2017: the report's background papers said its exempt appendix held
    records of individual staff and staff's comments, which it now names as those of the 21
    September 2016 appendix."""
    words = _table("comments", CHECKS, free_text=["Figure"])
    leavers = Section("10_leavers", blocks.notebook(blocks.md("# Leavers\nIntro.")))
    leavers.notebook.cells.append(blocks.cell([_table("nq", NEWLY)]))
    private = [_section(words), leavers]
    public = [_section(), Section("10_leavers", blocks.notebook())]
    assert exempt.exempt_note(private, public) == (
        "Exempt appendix to this report (not for publication): figures about groups so small "
        "that people could be identified and staff's comments in their own words."
    )
    assert exempt.exempt_note(private, public, unchanged={"20_surveys"}) == (
        "Exempt appendix to this report (not for publication): figures about groups so small "
        "that people could be identified; it names the earlier exempt appendices that hold the "
        "rest, unchanged."
    )
    # every section unchanged: nothing withheld of its own, so no appendix to name
    assert exempt.exempt_note(private, public, unchanged={"20_surveys", "10_leavers"}) is None
