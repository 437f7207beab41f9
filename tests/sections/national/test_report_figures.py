"""Each DfE figure is printed with one value, its own, wherever the national chapter prints it.

The 21 September 2016 demo pack (the shared ``built`` fixture) has no national chapter: its
report and annex print no DfE figure. The national chapter of the 22 November 2016 meeting is
rendered here from the same processed data (one notebook, public audience, not a new pack); for
every figure of the stored result, each place the chapter prints it — the comparison table, the
ranks table, the neighbours table, the trend table's row for the year, the rank history and the
key-finding sentence — gives the same text, the figure's value to one decimal place.
"""

from __future__ import annotations

import re
import shutil
from collections import defaultdict

import pytest
from bs4 import BeautifulSoup

from pipelines.core.context import run_context
from pipelines.core.outputs import slug
from pipelines.core.section_build import RESULTS_DIR, build_section
from pipelines.sections.national import analysis as nat
from pipelines.sections.national.result import SECTION
from tests.conftest import DEMO_REVIEW

pytestmark = pytest.mark.slow

MEETING = "2016-11-22"


@pytest.fixture(scope="module")
def chapter(built, tmp_path_factory):
    """The national chapter for the 22 November 2016 meeting (public), as HTML, and its result."""
    from pipelines.runner import run_notebook

    folder = tmp_path_factory.mktemp("national")
    processed = folder / DEMO_REVIEW  # a copy: the shared build is read, never written
    shutil.copytree(built.processed / DEMO_REVIEW, processed)
    out = folder / "30_local_vs_national.ipynb"
    params = {"review": DEMO_REVIEW, "meeting": MEETING, "audience": "public"}
    nb = run_notebook(SECTION, out, {**params, "processed_dir": str(processed)})
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html")
            if html:
                parts.append(html if isinstance(html, str) else "".join(html))
    ctx = run_context(DEMO_REVIEW, MEETING, processed_dir=processed)
    result = build_section(ctx, SECTION, {})
    return BeautifulSoup("\n".join(parts), "html.parser"), result, processed


def rows(page: BeautifulSoup, name: str, prefix: str = "tbl") -> dict[str, dict[str, str]]:
    """A printed table (``fig``: a chart's data): first cell of a row -> {header: text}."""
    box = page.find(id=f"{prefix}-{slug(name)}")
    assert box is not None, f"table {name} is not printed"
    headers = [th.get_text(strip=True) for th in box.find("thead").find_all("th")]
    out = {}
    for tr in box.find("tbody").find_all("tr"):
        cells = [c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
        out[cells[0]] = dict(zip(headers, cells, strict=True))
    return out


def test_the_chapter_read_the_result_stored_for_the_meeting(chapter):
    _, result, processed = chapter
    stored = list((processed / RESULTS_DIR).glob(f"{SECTION}__*.pkl"))
    assert stored and result.figures


def test_each_dfe_figure_is_printed_with_one_value_its_own(chapter):
    page, result, _ = chapter
    printed: dict[str, set[str]] = defaultdict(set)
    sentences = [li.get_text(" ", strip=True) for li in page.find_all("li")]
    for fig in result.figures:
        m = nat.measure(fig.row)
        year = str(fig.as_at.year)
        la = fig.column
        printed[fig.key].add(rows(page, "comparison")[m.header][la])
        printed[fig.key].add(rows(page, "ranks")[m.header][f"{year} figure"])
        printed[fig.key].add(rows(page, "neighbours")[f"{la} (this authority)"][m.header])
        printed[fig.key].add(rows(page, f"trend_{m.column}", "fig")[year][la])
        printed[fig.key].add(rows(page, f"rank_history_{m.column}")[year][m.header])
        said = [s for s in sentences if s.startswith(f"{m.label}:") and f"in {la} at" in s]
        assert len(said) == 1, (fig.key, said)
        number = re.match(rf"{re.escape(m.label)}: (\d[\d,]*\.\d)", said[0])
        assert number, said[0]
        printed[fig.key].add(number.group(1))
        assert printed[fig.key] == {f"{fig.value:,.1f}"}, (fig.key, printed[fig.key])
    # the previous year's figure printed in the ranks table is the figure's earlier value
    for fig in result.figures:
        m = nat.measure(fig.row)
        before = rows(page, "ranks")[m.header].get(f"{fig.as_at.year - 1} figure")
        if fig.comparators["previous"] is not None:
            assert before == f"{fig.comparators['previous']:,.1f}"


def test_the_21_september_2016_pack_prints_no_dfe_figure(built, chapter):
    _, result, _ = chapter
    pages = [built.public / "report.html", *sorted(built.folder.glob("*.html"))]
    assert pages[0].is_file()
    for path in pages:
        text = path.read_text(encoding="utf-8")
        for fig in result.figures:
            assert fig.label not in text, (path.name, fig.key)
        assert 'id="tbl-comparison"' not in text
    assert not list((built.folder / "tables").glob(f"{SECTION}__*.csv"))
