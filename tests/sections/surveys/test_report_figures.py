"""The 21 September 2016 pack prints each survey figure with one value, its own.

Each service's least positive answer is a cell of the survey section's results table; the
public report's key finding, the averages chart's data (public report and annex), the annex's
results table, the distribution (Likert) chart's data and the section's own key findings all
print it. For every figure, every place the public report or the technical annex prints it
gives the figure's value as the pack formats it.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from pipelines.core.context import run_context
from pipelines.core.figures import format_value
from pipelines.core.outputs import slug
from pipelines.core.section_build import RESULTS_DIR, build_section
from tests.conftest import DEMO_MEETING, DEMO_REVIEW
from tests.sections.figure_checks import meeting_parameters

pytestmark = pytest.mark.slow

SECTION = "20_surveys"


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


@pytest.fixture(scope="module")
def result(built, monkeypatch_module):
    """The surveys result the build stored, read back (building it again is refused)."""
    from pipelines.core import registry

    spec = registry.get_section(SECTION)

    def refuse(ctx, params):
        raise AssertionError("the build's stored result was not found: it was built again")

    monkeypatch_module.setitem(
        registry.SECTIONS, SECTION, registry.SectionSpec(**{**spec.__dict__, "build": refuse})
    )
    ctx = run_context(DEMO_REVIEW, DEMO_MEETING, processed_dir=built.processed / DEMO_REVIEW)
    return build_section(ctx, SECTION, meeting_parameters(SECTION))


@pytest.fixture(scope="module")
def documents(built) -> dict[str, BeautifulSoup]:
    return {
        name: BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for name, path in {
            "report": built.public / "report.html",
            "annex": built.folder / "annex.html",
        }.items()
    }


def table_rows(doc: BeautifulSoup, name: str) -> dict[str, dict[str, str]]:
    """A section table or chart's data as printed: first cell -> {header: text}."""
    box = doc.find(id=re.compile(rf"(^|--)(tbl|fig)-{re.escape(slug(name))}$"))
    if box is None:
        return {}
    table = box.find("table")
    headers = [th.get_text(strip=True) for th in table.find("thead").find_all("th")]
    rows = {}
    for tr in table.find("tbody").find_all("tr"):
        cells = [c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
        rows[cells[0]] = dict(zip(headers, cells, strict=True))
    return rows


def printed(doc: BeautifulSoup, result, fig) -> list[tuple[str, str]]:
    """Every (place, text) where ``doc`` prints the least positive answer ``fig``."""
    service = fig.table.removeprefix("results_")
    out = []
    for name, column in (
        (fig.table, fig.column),  # the results table
        (f"likert_{service}", "Average"),  # the distribution chart's data
        ("averages_by_service", f"{service} average"),  # the averages chart's data
    ):
        cell = table_rows(doc, name).get(fig.row, {}).get(column)
        if cell is not None:
            out.append((name, cell))
    for node in doc.find_all(["li", "p"]):
        text = node.get_text(" ", strip=True)
        if fig.label in text:  # the key finding written from the figure
            hit = re.search(re.escape(fig.label) + r":\s*(\d+\.\d+)", text)
            out.append(("key finding", hit.group(1) if hit else text))
        elif text.startswith(f"{service}:") and f"\u201c{fig.row}\u201d (" in text:
            hit = re.search(re.escape(f"\u201c{fig.row}\u201d (") + r"(\d+\.\d+)\)", text)
            out.append(("section finding", hit.group(1) if hit else text))
    return out


def test_the_build_stored_the_surveys_result_once_per_meeting(built, result):
    stored = list((built.processed / DEMO_REVIEW / RESULTS_DIR).glob(f"{SECTION}__*.pkl"))
    assert len(stored) == 1
    assert {"respondents", "themes"} <= set(result.tables)


def test_each_survey_figure_is_printed_with_one_value_its_own(documents, result):
    figures = [f for f in result.figures if f.key.startswith("survey_least_positive_")]
    assert len(figures) == 2
    for fig in figures:
        want = format_value(fig.value, fig.kind)
        places = {doc: printed(soup, result, fig) for doc, soup in documents.items()}
        # the public report: the averages chart's data, and the finding, stated in full once:
        # among the key findings when it ranks there (a materiality threshold leaves a score
        # barely past the midpoint out), else in its chapter
        in_report = {p for p, _ in places["report"]}
        assert "averages_by_service" in in_report, places
        assert len(in_report & {"key finding", "section finding"}) == 1, places
        # the annex: the results table, both charts' data and the section's findings
        assert {p for p, _ in places["annex"]} >= {
            fig.table,
            f"likert_{fig.table.removeprefix('results_')}",
            "averages_by_service",
            "section finding",
        }, places
        for doc, found in places.items():
            for place, text in found:
                assert text == want, f"{fig.key} in the {doc}, {place}: {text}, not {want}"


def test_the_results_tables_identities_have_one_value_each(documents, result):
    values: dict[tuple, set[str]] = {}
    for tidy in result.tables.values():
        rows = table_rows(documents["annex"], tidy.name)
        first = next(iter(tidy.columns))
        for column, col in tidy.columns.items():
            for i, label in enumerate(tidy.frame[first].astype(str)):
                identity = tidy.identity(column, i)
                text = rows.get(label, {}).get(col.label)
                if identity is None or text is None or text == "[c]":
                    continue
                values.setdefault(identity, set()).add(text)
    assert values, "no results table found in the annex"
    for identity, texts in values.items():
        assert len(texts) == 1, f"{identity} is printed as {sorted(texts)}"
