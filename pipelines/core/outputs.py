"""The pieces every display helper and document shares: output metadata and HTML parts.

A notebook output the documents read carries its data and description under :data:`META_KEY`
in its metadata (:func:`output_metadata`); tables are accessible HTML (:func:`table_html`) with
the source line and disclosure notes underneath. Used by :mod:`pipelines.core.presentation`,
:mod:`pipelines.core.presentation_blocks` and :mod:`pipelines.documents`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence

import pandas as pd

META_KEY = "evidence_pack"


def slug(text: str) -> str:
    """Lower-case, hyphen-separated identifier made from ``text`` (for ids and file names)."""
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:60] or "item"


#: A caption (or chart title) is the table's finding or title: one sentence of at most this
#: many words. What explains it goes in a note under the table (:func:`caption_parts`).
CAPTION_WORDS = 25
#: Where a caption's first sentence ends: a full stop, "?" or "!" before a capital or a digit
#: (never inside "e.g." or "i.e.").
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)[.!?]\s+(?=[A-Z0-9\u201c\"'(])")


def caption_parts(caption: str) -> tuple[str, str]:
    """A caption's first sentence (its title, no closing full stop) and the rest (its note).

    "Extra cost a year of the agency workers. It is summed grade by grade" gives ("Extra
    cost a year of the agency workers", "It is summed grade by grade."); a caption of one
    sentence gives it and "".
    """
    text = " ".join(str(caption).split())
    end = _SENTENCE_END.search(text)
    if end is None:
        return text.removesuffix("."), ""
    rest = text[end.end() :].strip()
    return text[: end.start() + 1].removesuffix("."), rest if rest.endswith(".") else rest + "."


def caption_note_html(note: str) -> str:
    """The note under a table or chart that explains its caption ("" without one)."""
    return f'<p class="ep-table-note">{html.escape(note)}</p>' if note else ""


def format_value(value: object, fmt: str | None = None) -> str:
    """Format one cell for members: thousands separators, one decimal place, dash for missing.

    Parameters
    ----------
    value : object
        The cell value.
    fmt : str, optional
        A ``str.format`` pattern such as ``"{:.1f}%"``; used for numbers only.

    """
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return "–"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%-d %B %Y")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if fmt:
            return fmt.format(value)
        if float(value).is_integer():
            return f"{int(value):,}"
        return f"{value:,.1f}"
    return str(value)


def table_html(
    df: pd.DataFrame,
    caption: str,
    *,
    formats: Mapping[str, str] | None = None,
    row_headers: bool = True,
    table_class: str = "ep-data",
    numeric: Sequence[str] | None = None,
) -> str:
    """Accessible HTML table: caption, ``th scope="col"`` headers, first column as row headers.

    Numbers are right-aligned (class ``num``; ``numeric`` names the number columns when
    suppression has turned some cells into text); the DataFrame index is never shown.
    """
    formats = dict(formats or {})
    cols = list(df.columns)
    numeric = {
        c: (c in numeric) if numeric is not None else pd.api.types.is_numeric_dtype(df[c])
        for c in cols
    }
    num_cls = ' class="num"'
    head = "".join(
        f'<th scope="col"{num_cls if numeric[c] else ""}>{html.escape(str(c))}</th>' for c in cols
    )
    body_rows = []
    for values in df.itertuples(index=False, name=None):
        cells = []
        for i, (c, v) in enumerate(zip(cols, values, strict=True)):
            text = html.escape(format_value(v, formats.get(c)))
            cls = ' class="num"' if numeric[c] else ""
            if i == 0 and row_headers:
                cells.append(f'<th scope="row"{cls}>{text}</th>')
            else:
                cells.append(f"<td{cls}>{text}</td>")
        total = str(values[0]).strip().casefold() == "total" if values else False
        body_rows.append(('<tr class="ep-total">' if total else "<tr>") + "".join(cells) + "</tr>")
    return (
        f'<table class="{table_class}"><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body_rows)}</tbody></table>"
    )


def notes_html(notes: Sequence[str]) -> str:
    """Disclosure notes (what was hidden and why) as paragraphs of class ``ep-disclosure``."""
    return "".join(f'<p class="ep-disclosure">{html.escape(n)}</p>' for n in notes)


def source_line(source: str, period: str | None) -> str:
    """The "Source: ... Period: ..." line under a table or chart, as HTML.

    A source that already states the period ("... applications 1 September 2015 to 31 August
    2016") is not followed by it again.
    """
    text = f"Source: {source.rstrip('.')}."
    if period and period.rstrip(".").casefold() not in source.casefold():
        text += f" Period: {period.rstrip('.')}."
    return f'<p class="ep-source">{html.escape(text)}</p>'


def output_metadata(
    kind: str,
    name: str,
    caption: str,
    source: str,
    period: str | None,
    df: pd.DataFrame | None = None,
    **extra: object,
) -> dict:
    """The ``evidence_pack`` output metadata the pack builder reads (kind, name, data...).

    ``df`` (the data as shown) is stored as JSON (``orient="split"``); ``extra`` adds keys.
    """
    meta: dict[str, object] = {
        "kind": kind,
        "name": name,
        "caption": caption,
        "source": source,
        "period": period,
    }
    if df is not None:
        meta["data"] = df.to_json(orient="split", index=False, date_format="iso")
    meta.update(extra)
    return {META_KEY: meta}


def display(html_text: str, plain: str, metadata: dict) -> None:
    """Display one output in the notebook: HTML, plain text and the evidence-pack metadata."""
    from IPython.display import display

    display({"text/html": html_text, "text/plain": plain}, raw=True, metadata=metadata)
