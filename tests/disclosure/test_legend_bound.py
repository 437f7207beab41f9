"""Each table's hidden counts are audited under the bound its printed legend states, in the
pack's audit (across tables) as in protection; the legend reaches the CSV's readers (issue 22).

Two tables count the same leavers: one by service, whose legend says "[c] = fewer than 5
people", and one that gives all leavers. The by-service table's two hidden counts (4 and 4)
sum to the 14 leavers less the 6 shown: 8. Each is at most 4 under the legend, so both are 4.
"""

import nbformat
import pandas as pd
import pytest

from pipelines.core.disclosure import SUPPRESSED, Policy, protect
from pipelines.core.disclosure_audit import Population
from pipelines.core.figures import Kind
from pipelines.core.outputs import output_metadata
from pipelines.core.presentation import _disclosure_metadata
from pipelines.documents import pack_disclosure
from pipelines.documents.pack import Section, collect_tables

PUBLIC = Policy("public", 5)
KINDS = {"Leavers": Kind.PEOPLE}
BY_SERVICE = pd.DataFrame({"Service": ["Adults", "Children", "Other"], "Leavers": [4, 4, 6]})
ALL = pd.DataFrame({"Group": ["All leavers"], "Leavers": [14]})


def by_service(prior=()):
    """The by-service table protected (after ``prior`` tables of the same document)."""
    pops = {"Leavers": Population("leavers", {"Service": "Service"})}
    return protect(
        BY_SERVICE, kinds=KINDS, populations=pops, prior=prior, name="by-service", pol=PUBLIC
    )


def all_leavers(prior=()):
    pops = {"Leavers": Population("leavers")}
    return protect(ALL, kinds=KINDS, populations=pops, prior=prior, name="all", pol=PUBLIC)


def section(*protected) -> Section:
    """A section notebook whose outputs are the tables as presentation.show records them."""
    outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"text/plain": ""},
            metadata=output_metadata(
                "table",
                p.table.name,
                p.table.name,
                "source",
                None,
                p.shown,
                **_disclosure_metadata(p, (), KINDS),
            ),
        )
        for p in protected
    ]
    cell = nbformat.v4.new_code_cell("", outputs=outputs)
    return Section("10_leavers", nbformat.v4.new_notebook(cells=[cell]))


def pack_audit(sec: Section):
    """The pack's audit of the section's tables, read from their outputs as a build does."""
    tables = collect_tables([sec])
    return pack_disclosure.disclosure_audit(tables, pack_disclosure.collect_layouts([sec]), 5)


def test_the_pack_audit_reads_each_tables_legend():
    """Protected on its own, the by-service table shows "[c], [c], 6" under "fewer than 5"
    (nothing to add up to). Beside all 14 leavers in another section's table, the pack's audit
    finds both hidden counts 4 (14 - 6 = 8, each at most 4); it used to take each [c] as any
    count of 1 or more (1 to 7) and pass the pack."""
    alone = by_service()
    assert list(alone.shown["Leavers"]) == [SUPPRESSED, SUPPRESSED, 6]
    assert alone.notes == ["[c] = fewer than 5 people, not shown to protect individuals."]
    sec = section(alone, all_leavers())  # protected apart: they are in two notebooks
    result = pack_audit(sec)
    assert {(r.cell[0], r.cell[1]) for r in result.recoverable} == {
        ("10_leavers__by-service.csv", 0),
        ("10_leavers__by-service.csv", 1),
    }
    assert {(r.low, r.high) for r in result.recoverable} == {(4, 4)}
    assert alone.table.layout.hidden_below == 5


def test_protection_bounds_an_earlier_tables_hidden_counts_by_its_legend():
    """The same two tables in one document, the by-service table first: protecting the table
    of all leavers, the audit reads the by-service table's legend, sees that 14 would give away
    4 and 4, and hides the 14 too. The pack's audit then finds nothing; the old protection
    took the earlier table's [c] as 1 or more and printed 14."""
    first = by_service()
    second = all_leavers(prior=[first.table])
    assert list(second.shown["Leavers"]) == [SUPPRESSED]
    assert "may be 5 or more" in second.notes[-1]
    assert second.table.layout.hidden_below is None  # its [c] is not under 5
    assert pack_audit(section(first, second)).safe


def test_the_tables_notes_reach_the_readers_of_the_csv_files(tmp_path):
    """tables/README.txt lists each table's notes as the report prints them: the by-service
    table's legend under its CSV file's name."""
    sec = section(by_service(), all_leavers())
    notes = pack_disclosure.write_table_notes([sec], tmp_path)
    assert notes == {
        "10_leavers__by-service.csv": [
            "[c] = fewer than 5 people, not shown to protect individuals."
        ]
    }
    text = (tmp_path / "README.txt").read_text(encoding="utf-8").splitlines()
    at = text.index("10_leavers__by-service.csv")
    assert text[at + 1] == "  [c] = fewer than 5 people, not shown to protect individuals."
    assert not pack_disclosure.write_table_notes([section(all_leavers())], tmp_path / "x")


@pytest.mark.parametrize("legend", [5, None])
def test_the_layout_keeps_its_legends_bound_through_json(legend):
    """The pack's audit reads each table's layout back from its output's JSON."""
    from dataclasses import replace

    from pipelines.core.disclosure_audit import Layout

    lay = replace(by_service().table.layout, hidden_below=legend)
    assert Layout.from_json(lay.to_json()) == lay
