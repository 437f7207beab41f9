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
    assert exempt.withheld_rows(_table("checks", CHECKS), _table("checks", CHECKS_PUBLIC)) == [1, 2]
    assert exempt.withheld_rows(_table("hire", HIRE), _table("hire", HIRE_PUBLIC)) == [2, 3]
    # only the checks table is printed in the report; the time to hire is in the public run only
    printed = _section(_table("checks", CHECKS_PUBLIC))
    parts = exempt.exempt_sections([private], [public], [], printed=[printed])
    checks, hire = _items(parts)
    assert _rows(checks) == ["Years qualified", "Less than 1 year"]
    text = str(checks["data"]["text/html"])
    assert "25 of 31" not in text and "29 of 31" in text and text.count("<tr") == 3
    assert "Only the rows the public report withholds are shown; it prints the other row." in text
    assert _rows(hire) == ["Event", "Advert"]
    assert "the other 2 show no small number and can be public." in str(hire["data"]["text/html"])
    # the appendix's CSV file holds the rows it prints
    tables = collect_tables(parts)
    assert tables["20_surveys__checks.csv"]["Figure"].tolist() == [
        "Years qualified",
        "Less than 1 year",
    ]


def test_a_table_with_words_left_out_or_every_row_withheld_is_shown_whole():
    words = CHECKS.assign(Comment=["a", "b", "c"])
    assert (
        exempt.withheld_rows(
            _table("checks", words, free_text=["Comment"]), _table("checks", CHECKS)
        )
        is None
    )
    every = CHECKS.assign(Published="[c]")
    assert exempt.withheld_rows(_table("checks", CHECKS), _table("checks", every)) is None
    assert exempt.withheld_rows(_table("checks", CHECKS), None) is None


def test_a_table_too_long_to_print_is_named_with_its_csv_file_which_holds_every_row():
    steps = pd.DataFrame({"Service": ["A"] * 40, "Years since starting": range(40)})
    private = _section(_table("steps-service", steps, individuals=True, csv_only=True))
    parts = exempt.exempt_sections([private], [_section()], [], printed=[])
    (item,) = _items(parts)
    text = str(item["data"]["text/html"])
    assert "<table" not in text
    assert (
        "40 rows, not printed here; they are in the file tables/20_surveys__steps-service.csv"
        in text
    )
    assert exempt.exempt_lines(parts)[0].startswith("Exempt under Schedule 12A, paragraph 1")
    assert len(collect_tables(parts)["20_surveys__steps-service.csv"]) == 40
