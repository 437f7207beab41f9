"""Building blocks of the generated documents: notebook cells, markdown lists, findings outputs.

The committee report, exempt appendix and final report (:mod:`.report`, :mod:`.exempt`,
:mod:`.final`) are notebooks written here cell by cell, so the same renderers make their HTML,
PDF and Word.
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Iterable, Mapping, Sequence

import nbformat
import nbformat.v4 as v4

from pipelines.core.outputs import META_KEY


def findings_output(items: Sequence[str], name: str) -> nbformat.NotebookNode:
    """A display output listing findings (``kind`` "findings"), as ``Page.show_findings`` does."""
    body = "".join(f"<li>{html.escape(t)}</li>" for t in items)
    return v4.new_output(
        "display_data",
        data={
            "text/html": f'<ul class="ep-findings">{body}</ul>',
            "text/plain": "\n".join(f"- {t}" for t in items),
        },
        metadata={META_KEY: {"kind": "findings", "name": name, "items": list(items)}},
    )


def cell(outputs: Iterable) -> nbformat.NotebookNode:
    """A code cell holding copies of ``outputs`` (and no code)."""
    cell = v4.new_code_cell("")
    cell.outputs = [copy.deepcopy(o) for o in outputs]
    return cell


def notebook(*cells) -> nbformat.NotebookNode:
    """A notebook of the given cells, ``None`` left out."""
    return v4.new_notebook(cells=[c for c in cells if c is not None])


def md(text: str) -> nbformat.NotebookNode:
    """A markdown cell."""
    return v4.new_markdown_cell(text)


def lead_in(text: str) -> nbformat.NotebookNode:
    """A markdown cell of one sentence leading into the table or chart just after it.

    A paragraph of class ``ep-lead-in``, which ``pack.css`` keeps on the page of what follows
    ("Key finding 3 (section 3) is drawn from the table below." was left at a page's foot,
    its table on the next: reader12).
    """
    return md(f'<p class="ep-lead-in">{html.escape(text, quote=False)}</p>')


def bullets(items: Iterable[str]) -> str:
    """A markdown bulleted list of ``items`` (escaped)."""
    return "\n".join(f"- {escape_md(t)}" for t in items)


def numbered(items: Iterable[str], start: int = 1) -> str:
    """A markdown numbered list of ``items`` (escaped), from ``start``."""
    return "\n".join(f"{n}. {escape_md(t)}" for n, t in enumerate(items, start))


def and_list(items: Iterable[str]) -> str:
    """Items joined as a sentence lists them: "a", "a and b", "a, b and c"; "" for none."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def escape_md(text: str) -> str:
    """Text safe inside markdown: characters markdown would read as markup are escaped."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", str(text))


def is_shown(output: Mapping) -> bool:
    """Whether a notebook output is shown (a display or a result, not a stream)."""
    return output.get("output_type") in ("display_data", "execute_result")


def meta(output: Mapping) -> Mapping:
    """An output's evidence-pack metadata (kind, name, caption, data), or {}."""
    return (output.get("metadata") or {}).get(META_KEY) or {}
