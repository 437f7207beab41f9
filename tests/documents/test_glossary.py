"""The glossary lists only the abbreviations a document uses; source notes number once."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat.v4 as v4
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.core.config import project_root
from pipelines.core.errors import ConfigError
from pipelines.documents import blocks, glossary
from pipelines.documents.pack import Section

TERMS = {"FTE": "full-time equivalent", "HR": "human resources", "OT": "occupational therapist"}


def doc(*texts: str) -> list[Section]:
    """A document of one section whose markdown cells hold ``texts``."""
    return [Section("s", v4.new_notebook(cells=[v4.new_markdown_cell(t) for t in texts]))]


def test_only_the_abbreviations_a_document_uses_are_listed():
    used = glossary.used_terms("64.0 FTE left HR; NOT FOR PUBLICATION; hr; HRS", TERMS)
    assert used == [("FTE", "full-time equivalent"), ("HR", "human resources")]
    assert glossary.glossary_section(doc("No abbreviations here."), TERMS, "9. Glossary") is None
    section = glossary.glossary_section(doc("# 1. Costs\n64.0 FTE"), TERMS, "9. Glossary")
    assert section.notebook.cells[0].source == (
        "# 9. Glossary\nThe abbreviations and terms this document uses.\n\n"
        "- **FTE**: full-time equivalent"
    )


def test_a_term_in_a_table_counts_as_used():
    cell = v4.new_code_cell("")
    cell.outputs = [
        v4.new_output("display_data", data={"text/html": "<td>OT&nbsp;leavers</td>"}),
    ]
    section = Section("s", v4.new_notebook(cells=[cell]))
    assert glossary.used_terms(glossary.document_text([section]), TERMS) == [
        ("OT", "occupational therapist")
    ]


@given(
    words=st.lists(st.sampled_from(["FTE", "HR", "OT", "the", "NOTE", "xFTE", "HRs"]), max_size=12)
)
def test_a_term_is_listed_exactly_when_it_is_a_whole_word_of_the_text(words):
    text = " ".join(words)
    listed = {t for t, _ in glossary.used_terms(text, TERMS)}
    assert listed == {w for w in words if w in TERMS}


def test_defaults_and_the_reviews_own_terms():
    luton = glossary.load_glossary("luton-sw-2016")
    assert luton["LBC"] == "Luton Borough Council"
    assert luton["FTE"].startswith("full-time equivalent")
    assert "LBC" not in glossary.load_glossary("coventry-sw-2018")
    assert "ASYE" in glossary.load_glossary(None)


def test_a_glossary_entry_without_a_meaning_is_refused_with_the_file_and_entry(tmp_path):
    path = tmp_path / "glossary.yml"
    path.write_text("FTE: full-time equivalent\nASYE:\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        glossary._read_terms(path)
    assert "the entry 'ASYE' has no meaning" in str(err.value)
    assert str(path) in str(err.value) and "remove the line" in str(err.value)
    path.write_text("- FTE\n- HR\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="one abbreviation per line"):
        glossary._read_terms(path)


#: Terms a councillor met unexplained in the demo papers (issue 22 b), each in a sentence as the
#: documents print it, with the review whose glossary explains it.
UNEXPLAINED = {
    "SWOT": ("luton-sw-2016", "The SWOT of the local position, with the evidence behind it."),
    "M1": ("luton-sw-2016", "Social Worker M1 and Senior Practitioner M2 posts."),
    "M2": ("luton-sw-2016", "the post of Senior Practitioner (M1/M2)"),
    "95% interval": ("luton-sw-2016", "60.0% of starters, 95% interval 41.2% to 78.8%"),
    "[c]": ("luton-sw-2016", "<td>[c]</td><td>12</td>"),
    "G7": ("coventry-sw-2018", "Child Protection Social Worker (G7) in Children's Social Care"),
    "Ofsted": ("coventry-sw-2018", "arising from an item on the Ofsted report."),
    "EIA": ("coventry-sw-2018", "There are no direct equality or EIA impacts."),
    "pa": ("coventry-sw-2018", "an agency social worker is an additional £30,000 pa."),
    "Schedule 12A": ("luton-sw-2016", "Exempt under Schedule 12A, paragraph 2: ..."),
}


@pytest.mark.parametrize("term", sorted(UNEXPLAINED))
def test_every_term_a_councillor_met_unexplained_is_listed_where_used(term):
    review, sentence = UNEXPLAINED[term]
    cell = v4.new_code_cell("")
    cell.outputs = [v4.new_output("display_data", data={"text/html": f"<p>{sentence}</p>"})]
    document = [
        *doc("# 1. Evidence\nWhat the group heard."),
        Section("t", v4.new_notebook(cells=[cell])),
    ]
    section = glossary.glossary_section(document, glossary.load_glossary(review), "9. Glossary")
    assert section is not None, term
    listed = section.notebook.cells[0].source
    names = [
        n for line in re.findall(r"^- \*\*(.+?)\*\*: ", listed, re.M) for n in line.split(", ")
    ]
    assert blocks.escape_md(term) in names, (term, listed)
    # and a document that does not use it does not list it
    other = glossary.glossary_section(
        doc("Nothing to explain."), glossary.load_glossary(review), "9"
    )
    assert other is None or f"**{blocks.escape_md(term)}**" not in other.notebook.cells[0].source


def test_the_default_glossary_file_reads():
    assert (project_root() / glossary.DEFAULT_GLOSSARY).exists()
    terms = glossary._read_terms(project_root() / Path("config/glossary.yml"))
    assert len(terms) >= 10 and all(m and m[0] != " " for m in terms.values())


def test_terms_with_the_same_meaning_share_one_line():
    from pipelines.documents.pack import Section

    grade = "a grade of the council's pay scale"
    terms = {"M2": grade, "L7": grade, "NQSW": "newly qualified social worker", "M1": grade}
    text = "Staff on L7, M1 and M2; an NQSW. Not M9."
    section = glossary.glossary_section(
        [Section("s", blocks.notebook(blocks.md(text)))], terms, "9. Glossary"
    )
    lines = section.notebook.cells[0].source.splitlines()[3:]
    assert lines == [
        f"- **L7, M1, M2**: {blocks.escape_md(grade)}",
        "- **NQSW**: newly qualified social worker",
    ]
