"""The disclosure audit reads every public file back: Word, HTML, CSV, alt text (issue 26).

The files are written here, with the figures of the leak the issue names on the demo: a SWOT
weakness given as "30.8%" (4 of 13 exit forms) and a strength as "11 people" would return (13
- 11 = 2), in the Word report and the SWOT's CSV, while the HTML withheld them.
"""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest

from pipelines.core import artefact_audit as da
from pipelines.core.figures import Kind

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
WP = 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'

FIGURES = [
    {
        "key": "lowest_rated_aspect",
        "label": "Lowest-rated aspect (% good or excellent)",
        "kind": Kind.PERCENT_OF_PEOPLE.value,
        "value": 100 * 4 / 13,
        "numerator": 4.0,
        "denominator": 13.0,
    },
    {
        "key": "would_return",
        "label": "Leavers who would consider returning",
        "kind": Kind.PEOPLE.value,
        "value": 11.0,
        "numerator": 11.0,
        "denominator": 13.0,
    },
    {
        "key": "turnover_childrens",
        "label": "Children's Social Care: turnover (% of qualified posts)",
        "kind": Kind.PEOPLE_PER_100_POSTS.value,
        "value": 100 * 26 / 112,
        "numerator": 26.0,
        "denominator": 112.0,
    },
]


def docx(path, paragraphs=(), table=None, alt=None):
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    if table:
        rows = "".join(
            "<w:tr>"
            + "".join(f"<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>" for c in r)
            + "</w:tr>"
            for r in table
        )
        body += f"<w:tbl>{rows}</w:tbl>"
    if alt:
        pr = f'<wp:docPr id="1" name="Chart 1" descr="{alt}"/>'
        body += f"<w:p><w:r><w:drawing><wp:inline>{pr}</wp:inline></w:drawing></w:r></w:p>"
    xml = f'<?xml version="1.0"?><w:document {W} {WP}><w:body>{body}</w:body></w:document>'
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", xml)


GRID = [
    ["Ref", "Entry", "Figure", "Value", "Indicator"],
    ["S1", "Most leavers would come back.", "11 people", "11.0", "would_return"],
    ["W1", "Job security was rated lowest.", "30.8%", "30.77", "lowest_rated_aspect"],
    ["W2", "Turnover was high.", "23.2%", "23.21", "turnover_childrens"],
]


def public(tmp_path, grid=GRID, paragraphs=(), alt=None, html="<p>SWOT</p>"):
    folder = tmp_path / "public"
    (folder / "tables").mkdir(parents=True)
    pd.DataFrame(grid[1:], columns=grid[0]).to_csv(
        folder / "tables" / "50_swot__swot-grid.csv", index=False
    )
    docx(folder / "report.docx", paragraphs, grid, alt)
    (folder / "report.html").write_text(f"<html><body>{html}</body></html>", encoding="utf-8")
    return folder


def test_the_demo_leak_is_caught_in_the_csv_and_the_word_report(tmp_path):
    result = da.audit_artefacts(public(tmp_path), 5, figures=FIGURES)
    leaks = {(f.file, f.where.split(",")[0], f.found) for f in result.findings}
    assert leaks == {
        ("tables/50_swot__swot-grid.csv", "row 2 (S1)", "11 people"),
        ("tables/50_swot__swot-grid.csv", "row 2 (S1)", "11.0"),
        ("tables/50_swot__swot-grid.csv", "row 3 (W1)", "30.8%"),
        ("tables/50_swot__swot-grid.csv", "row 3 (W1)", "30.77"),
        ("report.docx (table 1)", "row 2 (S1)", "11 people"),
        ("report.docx (table 1)", "row 2 (S1)", "11.0"),
        ("report.docx (table 1)", "row 3 (W1)", "30.8%"),
        ("report.docx (table 1)", "row 3 (W1)", "30.77"),
    }
    assert not result.safe
    assert "problem(s) found" in result.summary()
    # Turnover (26 leavers of 112 posts) gives nothing away and is not reported.
    assert not [f for f in result.findings if "23.2" in f.found]


def test_the_same_files_with_the_figures_withheld_pass(tmp_path):
    grid = [GRID[0], [*GRID[1][:2], "most of the 13 people", "[c]", "would_return"],
            [*GRID[2][:2], "[c]", "[c]", "lowest_rated_aspect"], GRID[3]]  # fmt: skip
    result = da.audit_artefacts(public(tmp_path, grid), 5, figures=FIGURES)
    assert result.safe, result.findings
    assert result.to_json()["problems"] == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Ask Zo\u00eb Gr\u200bimshaw about it", "personal data (name)"),
        ("jane dot g at luton dot gov dot uk", "personal data (email)"),
        ("11 of 13 would return", "a small count of people"),
        ("30.8% of the 13 forms", "a small count of people"),
        ("4 (30.8%) said so", "a small count of people"),
    ],
)
def test_text_in_any_file_is_checked(tmp_path, text, problem):
    for kwargs in ({"paragraphs": [text]}, {"alt": text}, {"html": f"<p>{text}</p>"},
                   {"html": f'<img alt="{text}" src="x.png">'}):  # fmt: skip
        folder = public(
            tmp_path / str(len(list(tmp_path.iterdir()))), GRID[:1] + GRID[3:], **kwargs
        )
        result = da.audit_artefacts(folder, 5, figures=FIGURES)
        assert [f.problem for f in result.findings] == [problem], kwargs


def test_names_printed_on_purpose_and_labels_are_not_reported(tmp_path):
    folder = public(
        tmp_path,
        GRID[:1] + GRID[3:],
        paragraphs=["Contact: Matt Hussey, 01582 54 6032", "Page 3 of 9", "2 of the 12 councils"],
    )
    result = da.audit_artefacts(folder, 5, allowed=["Matt Hussey", "01582 54 6032"])
    assert result.safe, result.findings
    assert da.audit_artefacts(folder, 5).findings[0].problem == "personal data (name)"


def test_a_cell_hidden_in_one_form_of_a_table_and_shown_in_another_is_reported(tmp_path):
    folder = public(tmp_path, GRID[:1] + GRID[3:])
    table = [["Service", "Leavers"], ["Adults", "[c]"], ["Children", "26"]]
    pd.DataFrame(table[1:], columns=table[0]).to_csv(
        folder / "tables" / "10_leavers__t.csv", index=False
    )
    shown = [["Service", "Leavers"], ["Adults", "3"], ["Children", "26"]]
    docx(folder / "report.docx", table=shown)
    result = da.audit_artefacts(folder, 5)
    [finding] = result.findings
    assert finding.file == "report.docx" and finding.found == "3"
    assert "hidden as [c] in one form" in finding.problem


def test_invisible_characters_are_shown_escaped():
    finding = da.ArtefactFinding(
        "report.docx", "paragraph 1", "personal data (name)", "Gr\u200bimshaw"
    )
    assert finding.to_json()["found"] == "Gr\\u200bimshaw"


def test_a_small_count_of_authorities_is_not_a_count_of_people(tmp_path):
    """The comparison table's "Neighbours with a figure" counts authorities (9 of the 10
    statistical neighbours have a DfE figure: 10 - 9 = 1 < 5), so it is not reported in the
    CSV, the Word table or the HTML table; the same "9 of 10" in a column that counts people,
    or in a sentence about leavers, still is."""
    folder = public(tmp_path, GRID[:1] + GRID[3:])
    table = [
        ["Measure", "Bristol", "Neighbours with a figure"],
        ["Turnover rate", "15.2", "9 of 10"],
        ["Vacancy rate", "20.1", "3 of 10"],
    ]
    pd.DataFrame(table[1:], columns=table[0]).to_csv(
        folder / "tables" / "30_local_vs_national__comparison.csv", index=False
    )
    docx(folder / "report.docx", table=table)
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in table)
    (folder / "report.html").write_text(
        f"<html><body><table>{cells}</table></body></html>", encoding="utf-8"
    )
    result = da.audit_artefacts(folder, 5)
    assert result.safe, result.findings
    # The same table whose last column counts people: every "9 of 10" and "3 of 10" cell of the
    # CSV, the Word table and the HTML table is reported (2 cells x 3 forms).
    people = [[*table[0][:2], "Leavers who would return"], *table[1:]]
    pd.DataFrame(people[1:], columns=people[0]).to_csv(
        folder / "tables" / "30_local_vs_national__comparison.csv", index=False
    )
    docx(folder / "report.docx", table=people, paragraphs=["9 of 10 would return."])
    (folder / "report.html").write_text(
        "<html><body><table>"
        + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in people)
        + "</table></body></html>",
        encoding="utf-8",
    )
    found = sorted((f.file, f.found) for f in da.audit_artefacts(folder, 5).findings)
    assert found == sorted(
        [(f, x) for f in ("tables/30_local_vs_national__comparison.csv", "report.html")
         for x in ("9 of 10", "3 of 10")]
        + [("report.docx", "9 of 10"), ("report.docx", "9 of 10"), ("report.docx", "3 of 10")]
    )  # fmt: skip
    # A column named as not people by the caller is not read as people either.
    result = da.audit_artefacts(folder, 5, not_people_columns=["Leavers who would return"])
    assert [f.found for f in result.findings] == ["9 of 10"]  # the sentence, still reported


SCORECARD = [
    ["Measure", "Figure for", "Figure", "Target", "Target met"],
    ["Exit interviews", "Lowest-rated aspect (% good or excellent)", "30.8", "", "No target"],
    ["Leavers", "Leavers who would consider returning", "11", "", "No target"],
    ["Turnover", "Children's Social Care: turnover (% of qualified posts)", "23.2", "15", "No"],
]


def test_a_scorecard_figure_giving_a_small_count_away_with_its_base_is_caught(tmp_path):
    """The scorecard cites figures by their label ("Figure for"), not by key.

    Its exit-interview figure is 30.8% of the 13 forms, 4 forms (4 / 13 = 30.77%), and 13 is
    published; its leavers who would return are 11 of 13, 2 would not: each is caught in the
    CSV and in the Word table. Turnover (26 leavers of 112 posts) gives nothing away.
    """
    folder = public(tmp_path, GRID[:1] + GRID[3:])
    frame = pd.DataFrame(SCORECARD[1:], columns=SCORECARD[0])
    frame.to_csv(folder / "tables" / "70_scorecard__scorecard.csv", index=False)
    docx(folder / "report.docx", table=SCORECARD)
    result = da.audit_artefacts(folder, 5, figures=FIGURES)
    found = sorted((f.file, f.where, f.found) for f in result.findings)
    low = "row 2 (Lowest-rated aspect (% good or excellent)), column 'Figure'"
    back = "row 3 (Leavers who would consider returning), column 'Figure'"
    assert found == sorted(
        [
            ("tables/70_scorecard__scorecard.csv", low, "30.8"),
            ("tables/70_scorecard__scorecard.csv", back, "11"),
            ("report.docx (table 1)", low, "30.8"),
            ("report.docx (table 1)", back, "11"),
        ]
    ), found
    assert all("with its published base" in f.problem for f in result.findings)
    # Withheld as the public scorecard writes them, nothing is found.
    withheld = [SCORECARD[0], [*SCORECARD[1][:2], "[c]", *SCORECARD[1][3:]],
                [*SCORECARD[2][:2], "[c]", *SCORECARD[2][3:]], SCORECARD[3]]  # fmt: skip
    pd.DataFrame(withheld[1:], columns=withheld[0]).to_csv(
        folder / "tables" / "70_scorecard__scorecard.csv", index=False
    )
    docx(folder / "report.docx", table=withheld)
    assert da.audit_artefacts(folder, 5, figures=FIGURES).safe
    # With a base of 40 forms (12 of them, 30%), the same cell gives nothing away.
    larger = [dict(f) for f in FIGURES]
    larger[0].update(value=30.0, numerator=12.0, denominator=40.0)
    larger[1].update(value=11.0, numerator=11.0, denominator=40.0)
    frame.to_csv(folder / "tables" / "70_scorecard__scorecard.csv", index=False)
    docx(folder / "report.docx", table=SCORECARD)
    assert da.audit_artefacts(folder, 5, figures=larger).safe
