"""Presentation blocks: the grid of titled lists and the reference list render accessible HTML
from tidy data, apply the run's disclosure policy to every text and attach their data."""

from __future__ import annotations

import json
from io import StringIO

import pandas as pd
import pytest

from pipelines.core import disclosure, outputs, presentation, presentation_blocks
from pipelines.core.presentation import Page

ROWS = (("Top row", ("A", "B")), ("Bottom row", ("C", "D")))
COLUMNS = ("Left", "Right")
PUBLIC = disclosure.Policy("public")


def grid_items() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "ref": ["A1", "A2", "C1"],
            "cell": ["A", "A", "C"],
            "text": ["First <b>item</b>", "Only 3 people left", "Third & last"],
        }
    )


def ref_items() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "label": ["A1 (a)", "C1 (c)"],
            "text": ["2 leavers said so", "Plain entry"],
            "detail": ["Figure: 2 people. Source: HR.", "Figure: 40%. Source: survey <x>."],
        }
    )


@pytest.fixture
def shown(monkeypatch) -> list[tuple[str, str, dict]]:
    """Outputs displayed (html, plain, metadata) instead of sending them to IPython."""
    out: list[tuple[str, str, dict]] = []
    for module in (presentation, outputs):  # tables and findings; grids and lists
        monkeypatch.setattr(module, "display", lambda h, p, m: out.append((h, p, m)))
    return out


def test_grid_cells_in_layout_order_with_headers_and_empty_cells():
    body = presentation_blocks.grid_html(grid_items(), "Cap", rows=ROWS, columns=COLUMNS)
    assert body.startswith('<table class="ep-data ep-swot"')
    assert "<caption>Cap</caption>" in body
    assert body.count('<th scope="col"') == 2 and body.count('<th scope="row"') == 2
    assert "width:43%" in body
    # cells left to right, top to bottom; items in their order; HTML escaped
    order = [body.index(f">{t}</p>") for t in ("A", "B", "C", "D")]
    assert order == sorted(order)
    assert body.index("<strong>A1</strong>") < body.index("<strong>A2</strong>")
    assert "First &lt;b&gt;item&lt;/b&gt;" in body and "Third &amp; last" in body
    # B and D have no items
    assert body.count(presentation_blocks.EMPTY_CELL) == 2


def test_grid_refuses_items_without_the_columns_it_needs():
    with pytest.raises(ValueError, match="missing cell"):
        presentation_blocks.grid_html(
            grid_items().drop(columns="cell"), "Cap", rows=ROWS, columns=COLUMNS
        )


def test_reference_list_html():
    body = presentation_blocks.reference_list_html(ref_items(), "Evidence")
    assert body.startswith('<p class="ep-chart-title">Evidence</p><dl class="ep-swot-evidence">')
    assert body.count("<dt ") == 2 and body.count("<dd ") == 2
    assert "A1 (a): <span" in body and "survey &lt;x&gt;" in body


@pytest.mark.parametrize("variant", ["exempt", "public"])
def test_show_grid_applies_the_policy_to_texts_and_data(shown, variant):
    pol = disclosure.Policy(variant)
    data = pd.DataFrame({"Ref": ["A1", "C1"], "Value": [3, 40]})
    presentation_blocks.show_grid(
        grid_items(),
        "Cap",
        "Src",
        "2016",
        rows=ROWS,
        columns=COLUMNS,
        data=data,
        name="My grid",
        pol=pol,
    )
    [(body, plain, meta)] = shown
    assert body.startswith('<div class="ep-table" id="tbl-my-grid">')
    assert "Source: Src. Period: 2016." in body
    meta = meta[outputs.META_KEY]
    assert meta["kind"] == "table" and meta["name"] == "my-grid" and meta["variant"] == variant
    table = pd.read_json(StringIO(meta["data"]), orient="split")
    if variant == "public":
        assert "Only fewer than 5 people left" in body and "Only 3 people" not in body
        assert "Only 3 people" not in plain
        assert table.loc[0, "Value"] == disclosure.SUPPRESSED
    else:
        assert "Only 3 people left" in body
        assert table["Value"].tolist() == [3, 40]


def test_show_reference_list_protects_text_and_detail(shown):
    data = pd.DataFrame({"Ref": ["A1", "C1"], "Entry": ["2 leavers said so", "Plain entry"]})
    presentation_blocks.show_reference_list(
        ref_items(), "Evidence", "Src", None, data=data, name="refs", pol=PUBLIC
    )
    [(body, _plain, meta)] = shown
    assert "fewer than 5 leavers said so" in body and "Figure: fewer than 5 people." in body
    assert ">2 leavers" not in body
    assert json.loads(meta[outputs.META_KEY]["data"])["columns"] == ["Ref", "Entry"]


def test_page_methods_pass_the_run_policy(shown):
    class Ctx:
        policy = PUBLIC

    page = Page(Ctx())
    page.show_grid(
        grid_items(), "Cap", "Src", rows=ROWS, columns=COLUMNS, data=pd.DataFrame({"Ref": ["A1"]})
    )
    page.show_reference_list(ref_items(), "Evidence", "Src", data=pd.DataFrame({"Ref": ["A1"]}))
    assert len(shown) == 2
    assert all(m[outputs.META_KEY]["variant"] == "public" for _, _, m in shown)
    assert "Only fewer than 5 people left" in shown[0][0]
    assert "fewer than 5 leavers said so" in shown[1][0]
