"""Display blocks other than plain tables and charts: a grid of titled lists, a reference list.

Generic, section-agnostic renderers used through :class:`pipelines.core.presentation.Page`
(``page.show_grid(...)``, ``page.show_reference_list(...)``). A section's analysis returns tidy
data (one row per item); these functions turn it into accessible HTML for screen and A4, pass
every piece of text through the run's disclosure policy first, and attach the data behind the
block to the output's metadata, as :func:`pipelines.core.presentation.show` does for tables, so
the pack builder writes it to ``tables/<section>__<name>.csv``.

The HTML renderers (:func:`grid_html`, :func:`reference_list_html`) do no disclosure control
themselves: they take text that has already been through the policy.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd

from pipelines.core import disclosure, outputs

#: Text of a grid cell with no items.
EMPTY_CELL = "None identified."

_CELL_STYLE = "vertical-align:top;padding:0.45em 0.6em;border:1px solid #0b0c0c;background:#ffffff;"
_HEAD_STYLE = "border:1px solid #0b0c0c;background:#E8EDF3;color:#0b0c0c;padding:0.35em 0.6em;"


def _require(items: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in items.columns]
    if missing:
        raise ValueError(
            f"{what} needs columns {', '.join(columns)}; missing {', '.join(missing)} "
            f"(found {', '.join(map(str, items.columns))})."
        )


def grid_html(
    items: pd.DataFrame,
    caption: str,
    *,
    rows: Sequence[tuple[str, Sequence[str]]],
    columns: Sequence[str],
    empty: str = EMPTY_CELL,
) -> str:
    """A grid of titled lists (such as a 2×2 SWOT) as an accessible table, for screen and A4.

    Parameters
    ----------
    items : pandas.DataFrame
        One row per list item, in display order: ``ref`` (short reference shown in bold, e.g.
        "S1"), ``cell`` (the title of the cell the item belongs in) and ``text`` (already through
        the disclosure policy).
    caption : str
        The table's caption.
    rows : sequence of (str, sequence of str)
        Each row of the grid: its row header and the titles of its cells, left to right.
    columns : sequence of str
        Column headers (one per cell of a row); the corner cell above the row headers is empty.
    empty : str
        Text of the single item of a cell that has none.

    Returns
    -------
    str
        A ``<table class="ep-data ep-swot">`` with ``th`` header cells carrying ``scope``.

    """
    _require(items, ("ref", "cell", "text"), "grid_html")
    rows_html = []
    for row_head, cells in rows:
        tds = []
        for title in cells:
            mine = items[items["cell"] == title]
            lis = (
                "".join(
                    f'<li style="margin:0 0 0.35em;"><strong>{html.escape(str(ref))}</strong> '
                    f"{html.escape(str(text))}</li>"
                    for ref, text in zip(mine["ref"], mine["text"], strict=True)
                )
                or f'<li style="margin:0;">{html.escape(empty)}</li>'
            )
            tds.append(
                f'<td style="{_CELL_STYLE}"><p style="margin:0 0 0.3em;font-weight:bold;'
                f'font-size:11pt;color:#12436D;">{html.escape(title)}</p>'
                f'<ul style="margin:0;padding-left:1.1em;">{lis}</ul></td>'
            )
        rows_html.append(
            f'<tr style="background:#ffffff;"><th scope="row" style="{_HEAD_STYLE}'
            f'vertical-align:top;">{html.escape(row_head)}</th>' + "".join(tds) + "</tr>"
        )
    width = f"{86 // max(len(columns), 1)}%"
    head = "".join(
        f'<th scope="col" style="{_HEAD_STYLE}width:{width};">{html.escape(h)}</th>'
        for h in columns
    )
    return (
        f'<table class="ep-data ep-swot" style="table-layout:fixed;font-size:9.5pt;'
        f'line-height:1.3;"><caption>{html.escape(caption)}</caption>'
        f'<thead><tr><td style="border:none;background:#ffffff;width:14%;"></td>{head}'
        f"</tr></thead>"
        f"<tbody>{''.join(rows_html)}</tbody></table>"
    )


def reference_list_html(items: pd.DataFrame, caption: str) -> str:
    """A list of referenced items with their detail (a definition list), compact enough for A4.

    Parameters
    ----------
    items : pandas.DataFrame
        One row per item, in display order: ``label`` (e.g. "S1 (strength)"), ``text`` (the
        item) and ``detail`` (a line beneath it: figure, source, period...), all already through
        the disclosure policy.
    caption : str
        Title shown above the list.

    Returns
    -------
    str
        A title paragraph and a ``<dl class="ep-swot-evidence">``.

    """
    _require(items, ("label", "text", "detail"), "reference_list_html")
    entries = "".join(
        f'<dt style="margin-top:0.5em;">{html.escape(str(label))}: '
        f'<span style="font-weight:normal;">{html.escape(str(text))}</span></dt>'
        f'<dd style="margin:0.1em 0 0 1.6em;font-size:9.5pt;color:#3D3D3D;">'
        f"{html.escape(str(detail))}</dd>"
        for label, text, detail in zip(items["label"], items["text"], items["detail"], strict=True)
    )
    return (
        f'<p class="ep-chart-title">{html.escape(caption)}</p>'
        f'<dl class="ep-swot-evidence">{entries}</dl>'
    )


def _protect_column(items: pd.DataFrame, column: str, pol: disclosure.Policy) -> pd.DataFrame:
    out = items.copy()
    out[column] = [
        disclosure.protect_text(t if isinstance(t, str) else str(t), pol) for t in out[column]
    ]
    return out


def show_grid(
    items: pd.DataFrame,
    caption: str,
    source: str,
    period: str | None = None,
    *,
    rows: Sequence[tuple[str, Sequence[str]]],
    columns: Sequence[str],
    data: pd.DataFrame,
    name: str = "grid",
    not_counts: Sequence[str] = (),
    empty: str = EMPTY_CELL,
    pol: disclosure.Policy,
) -> None:
    """Show a grid of titled lists (see :func:`grid_html`) with its data attached as a table.

    Parameters
    ----------
    items : pandas.DataFrame
        Columns ``ref``, ``cell``, ``text`` (see :func:`grid_html`); each text passes through
        :func:`pipelines.core.disclosure.protect_text` under ``pol``.
    caption, source, period
        As for :func:`pipelines.core.presentation.show`.
    rows, columns, empty
        The grid's layout (see :func:`grid_html`).
    data : pandas.DataFrame
        The data behind the grid with member-facing labels, protected by
        :func:`pipelines.core.disclosure.protect_table` (``not_counts`` as there) and written to
        ``tables/<section>__<name>.csv`` by the build.
    name : str
        File-name stem and element id (slugged).
    pol : Policy
        The run's disclosure policy (``ctx.policy``; :class:`~pipelines.core.presentation.Page`
        passes it).

    """
    name = outputs.slug(name)
    shown, notes = disclosure.protect_table(data, free_text=(), not_counts=not_counts, pol=pol)
    items = _protect_column(items, "text", pol)
    body = grid_html(items, caption, rows=rows, columns=columns, empty=empty)
    html_text = (
        f'<div class="ep-table" id="tbl-{name}">{body}'
        f"{outputs.notes_html(notes)}{outputs.source_line(source, period)}</div>"
    )
    plain = "\n".join(
        f"{ref} ({cell}): {text}"
        for ref, cell, text in zip(items["ref"], items["cell"], items["text"], strict=True)
    )
    outputs.display(
        html_text,
        f"{caption}\n{plain}",
        outputs.output_metadata(
            "table",
            name,
            caption,
            source,
            period,
            shown,
            not_counts=list(not_counts),
            variant=pol.variant,
        ),
    )


def show_reference_list(
    items: pd.DataFrame,
    caption: str,
    source: str,
    period: str | None = None,
    *,
    data: pd.DataFrame,
    name: str = "references",
    not_counts: Sequence[str] = (),
    pol: disclosure.Policy,
) -> None:
    """Show a list of referenced items (see :func:`reference_list_html`) with its data attached.

    Parameters
    ----------
    items : pandas.DataFrame
        Columns ``label``, ``text``, ``detail``; text and detail pass through
        :func:`pipelines.core.disclosure.protect_text` under ``pol``.
    caption, source, period
        As for :func:`pipelines.core.presentation.show`.
    data : pandas.DataFrame
        The list as a table with member-facing labels, protected by
        :func:`pipelines.core.disclosure.protect_table` and written to
        ``tables/<section>__<name>.csv`` by the build (and shown as plain text).
    name : str
        File-name stem and element id (slugged).
    pol : Policy
        The run's disclosure policy.

    """
    name = outputs.slug(name)
    shown, notes = disclosure.protect_table(data, not_counts=not_counts, pol=pol)
    items = _protect_column(_protect_column(items, "text", pol), "detail", pol)
    html_text = (
        f'<div class="ep-table" id="tbl-{name}">'
        f"{reference_list_html(items, caption)}{outputs.notes_html(notes)}"
        f"{outputs.source_line(source, period)}</div>"
    )
    outputs.display(
        html_text,
        f"{caption}\n{shown.to_string(index=False)}",
        outputs.output_metadata("table", name, caption, source, period, shown, variant=pol.variant),
    )
