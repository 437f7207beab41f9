"""The 21 September 2016 documents print each workforce figure with one value.

The report's tables (agency workers and vacancies, the agency premium, the caseloads) are the
workforce result's tables, and its sentences on agency and vacancy rates, the caseload and the
agency premium are written from the same figures: for every identity (measure, population,
period) every place the public report, the exempt appendix and the annex print it (a table cell,
a sentence) gives one value, the figure's, at the precision it is printed ("about £1,020,000"
is the table's 1,019,866 to the nearest thousand).
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from bs4 import BeautifulSoup

from pipelines.core.context import run_context
from pipelines.core.disclosure import Policy
from pipelines.core.presentation import slug
from pipelines.core.section_build import RESULTS_DIR, build_section
from tests.conftest import DEMO_MEETING, DEMO_REVIEW
from tests.sections.figure_checks import meeting_parameters

pytestmark = pytest.mark.slow

SECTION = "40_workforce_costs"
NUMBER = r"(\d[\d,]*(?:\.\d+)?)"
#: Sentences that print a workforce figure: pattern -> (figure key, or a service-keyed template).
SENTENCES = [
    (
        rf"(Children's Social Care|Adult Social Care): {NUMBER}% of the qualified workforce in "
        rf"post were agency workers[^;]*; {NUMBER}% of posts had no permanent holder",
        ("agency_rate_{}", "vacancy_rate_{}"),
    ),
    (
        rf"Children's social workers held {NUMBER} cases each on average",
        ("average_caseload_childrens",),
    ),
    (rf"gency workers in practitioner posts[^£]* cost about £{NUMBER} a year", ("agency_premium",)),
]
SERVICES = {"Children's Social Care": "childrens", "Adult Social Care": "adults"}


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


@pytest.fixture(scope="module")
def result(built, monkeypatch_module):
    """The workforce result the build stored, read back (building it again is refused)."""
    from pipelines.core import registry

    spec = registry.get_section(SECTION)

    def refuse(ctx, params):
        raise AssertionError("the build's stored result was not found: it was built again")

    monkeypatch_module.setitem(
        registry.SECTIONS, SECTION, registry.SectionSpec(**{**spec.__dict__, "build": refuse})
    )
    ctx = run_context(DEMO_REVIEW, DEMO_MEETING, processed_dir=built.processed / DEMO_REVIEW)
    return build_section(ctx, SECTION, meeting_parameters(SECTION))


def documents(built) -> dict[str, tuple[BeautifulSoup, bool]]:
    """The built documents, parsed, with whether each is from the public run."""
    out = {}
    for path, public in (
        (built.public / "report.html", True),
        (built.exempt / "exempt-appendix.html", False),
        (built.folder / "annex.html", False),
    ):
        out[path.name] = (BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"), public)
    return out


def precision(text: str) -> float:
    """The rounding a printed number shows: 0.1 for "34.4", 1000 for "1,020,000" after "about"."""
    if "." in text:
        return 10.0 ** -len(text.split(".")[1])
    return 1.0


def table_prints(doc: BeautifulSoup, tidy) -> list[tuple[tuple, str]]:
    """(identity, text) of every cell with an identity that the document prints, not "[c]"."""
    box = doc.find(id=re.compile(rf"(^|--)tbl-{re.escape(slug(tidy.name))}$"))
    if box is None:
        return []
    headers = [th.get_text(strip=True) for th in box.find("thead").find_all("th")]
    rows = [
        [c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
        for tr in box.find("tbody").find_all("tr")
    ]
    out = []
    labels = tidy.labelled()
    for i in range(len(tidy.frame)):
        keys = [str(v) for v in labels.iloc[i, :2]]
        match = [r for r in rows if r[: len(keys)] == keys] or [r for r in rows if r[0] == keys[0]]
        if len(match) != 1:
            continue
        cells = dict(zip(headers, match[0], strict=True))
        for column, col in tidy.columns.items():
            identity = tidy.identity(column, i)
            text = cells.get(col.label)
            if identity is not None and text not in (None, "[c]", "–"):
                out.append((identity, text))
    return out


def total_prints(doc: BeautifulSoup, result, public: bool) -> list[tuple[tuple, str]]:
    """(identity, text) of the figures a table's total row prints (the agency premium)."""
    out = []
    for fig in result.figures:
        tidy = result.tables.get(fig.table or "")
        if fig.row != "Total" or tidy is None:
            continue
        tidy = tidy.for_policy(Policy("public" if public else "exempt"))
        box = doc.find(id=re.compile(rf"(^|--)tbl-{re.escape(slug(tidy.name))}$"))
        if box is None:
            continue
        headers = [th.get_text(strip=True) for th in box.find("thead").find_all("th")]
        for tr in box.find("tbody").find_all("tr"):
            cells = [c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
            if cells[0] == "Total":
                out.append((fig.identity, dict(zip(headers, cells, strict=True))[fig.column]))
    return out


def sentence_prints(doc: BeautifulSoup, result) -> list[tuple[tuple, str]]:
    """(identity, text) of every workforce figure a sentence of the document prints."""
    out = []
    for node in doc.find_all(["li", "p"]):
        text = node.get_text(" ", strip=True)
        for pattern, keys in SENTENCES:
            for hit in re.finditer(pattern, text):
                groups = hit.groups()
                if "{}" in keys[0]:
                    service, numbers = SERVICES[groups[0]], groups[1:]
                    names = [k.format(service) for k in keys]
                else:
                    numbers = groups
                    names = [
                        "average_caseload_childrens" if k == "average_caseload" else k for k in keys
                    ]
                for key, number in zip(names, numbers, strict=True):
                    printed = number
                    if key == "agency_premium":  # "about £1,020,000": to the nearest thousand
                        printed = f"~{number}"
                    out.append((result.figure(key).identity, printed))
    return out


def value_of(text: str) -> tuple[float, float]:
    """A printed number and its rounding ("~" marks "about", to the nearest thousand)."""
    if text.startswith("~"):
        return float(text[1:].replace(",", "")), 1000.0
    return float(text.replace(",", "").replace("£", "").rstrip("%")), precision(text)


def test_the_build_stored_the_workforce_result_once_per_meeting(built, result):
    stored = list((built.processed / DEMO_REVIEW / RESULTS_DIR).glob(f"{SECTION}__*.pkl"))
    assert len(stored) == 1
    assert {"agency_rates", "agency_premium", "caseload_summary"} <= set(result.tables)


def test_each_workforce_figure_is_printed_with_one_value_its_own(built, result):
    printed: dict[tuple, set[str]] = defaultdict(set)
    for doc, public in documents(built).values():
        for tidy in result.tables.values():
            shown = tidy.public_variant if public and tidy.public_variant else tidy
            for identity, text in table_prints(doc, shown):
                printed[identity].add(text)
        for identity, text in [*total_prints(doc, result, public), *sentence_prints(doc, result)]:
            printed[identity].add(text)
    figures = {f.identity: f for f in result.figures}
    for identity, texts in printed.items():
        values = [value_of(t) for t in texts]
        coarsest = max(p for _, p in values)
        rounded = {round(v / coarsest) for v, _ in values}
        assert len(rounded) == 1, f"{identity} is printed as {sorted(texts)}"
        if identity in figures:
            assert rounded == {round(figures[identity].value / coarsest)}, (identity, texts)
    # The report's tables and sentences print the headline figures.
    for key in ("agency_rate_childrens", "vacancy_rate_adults", "average_caseload_childrens"):
        assert printed[result.figure(key).identity], f"{key} is not printed"
    # The agency premium: the table's total cell and the sentences' "about" figure.
    premium = printed[result.figure("agency_premium").identity]
    assert any(t.startswith("~") for t in premium)
    assert any("," in t and "~" not in t for t in premium)


def test_the_public_report_shows_the_premium_by_post_and_the_appendix_does_not(built, result):
    """Agency FTE count posts, not people: the table by job title is public, a title with fewer
    agency FTE than the threshold included, so the exempt appendix holds none of it."""
    docs = documents(built)
    table = result.tables["agency_premium"]
    assert table.public_variant is None
    public = table_prints(docs["report.html"][0], table)
    assert public and not table_prints(docs["exempt-appendix.html"][0], table)
    # Every row of the table is printed, each job title's extra cost a year as the data give it.
    printed = dict(public)
    for i, row in enumerate(table.frame.to_dict("records")):
        assert printed[table.identity("extra_cost", i)] == f"{row['extra_cost']:,.0f}"
    # The service's average per FTE is another population's figure: the table does not print it.
    fig = result.figure("agency_extra_cost_per_fte_childrens")
    assert fig.identity not in printed
