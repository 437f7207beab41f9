"""Helpers for the sections' figure tests: the demo pack's tidy data and the cell a figure cites."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

from pipelines.core.config import load_review
from pipelines.core.exports import printed_precision
from pipelines.core.outputs import META_KEY, slug
from tests.conftest import DEMO_MEETING, DEMO_REVIEW

CFG = load_review(DEMO_REVIEW)


def frames(built) -> dict[str, pd.DataFrame]:
    """The tidy datasets the shared demo build cleaned (its processed folder)."""
    folder = built.processed / DEMO_REVIEW
    return {p.stem: pd.read_parquet(p) for p in sorted(folder.glob("*.parquet"))}


def meeting_parameters(section: str, meeting: str = DEMO_MEETING) -> dict:
    """A section's parameters in a meeting of the demo review (as the review config sets them)."""
    ref = next(s for s in CFG.meeting(meeting).sections if s.notebook == section)
    return dict(ref.parameters)


def shown(built, fig, **where: str) -> float:
    """The number the pack's table shows where the figure says it is (table, row, column).

    ``where`` narrows rows further by other columns (e.g. ``Answer="Yes"``).
    """
    table = pd.read_csv(built.folder / "tables" / f"{fig.section}__{slug(fig.table)}.csv")
    first = table.columns[0]
    for column, value in where.items():
        table = table[table[column].astype(str) == value]
    hit = table.loc[table[first].astype(str) == fig.row, fig.column]
    assert len(hit) == 1, f"{fig.key}: row {fig.row!r} not found once in {fig.table}"
    return float(hit.iloc[0])


def formats_in(sections: Path, section: str, table: str) -> dict[str, str]:
    """The print patterns (``formats``) of a section's table (its name or caption, as
    ``tables/<section>__<slug>.csv`` names it), read from the table's metadata in the executed
    notebook ``sections/<section>.ipynb``."""
    notebook = json.loads((sections / f"{section}.ipynb").read_text(encoding="utf-8"))
    wanted = slug(table)
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            meta = (output.get("metadata") or {}).get(META_KEY) or {}
            if meta.get("kind") not in ("table", "chart"):
                continue
            if (meta.get("name") or slug(str(meta.get("caption", "")))) == wanted:
                return dict(meta.get("formats") or {})
    raise AssertionError(f"table {table!r} not found in {sections / section}.ipynb")


def printed(value: float, column: str, formats: dict[str, str]) -> float:
    """``value`` at the precision a table with ``formats`` prints ``column`` (its pattern, else
    the default), as the pack writes it to the table's CSV (issue 22)."""
    frame = pd.DataFrame({column: [float(value)]})
    return float(printed_precision(frame, formats)[column].iloc[0])


def table_formats(built, fig) -> dict[str, str]:
    """The print patterns of the table a figure cites, from the executed section notebook of
    the built variant (``internal/sections``, or ``internal/sections/public`` for public)."""
    folder = built.meeting_folder / "internal" / "sections"
    if built.folder.name == "public":
        folder = folder / "public"
    return formats_in(folder, fig.section, fig.table)


def as_printed(built, fig) -> float:
    """The figure's value at the precision its table prints it (see :func:`printed`)."""
    return printed(fig.value, fig.column, table_formats(built, fig))


def assert_shown(built, figures, **where: str) -> None:
    """Every figure, at the precision its table prints, equals the cell of the section's table
    it cites (see :func:`shown`): the CSV holds the printed value, not the unrounded one."""
    assert figures
    for fig in figures:
        value = shown(built, fig, **where)
        printed = as_printed(built, fig)
        assert math.isclose(printed, value, rel_tol=1e-9), (fig.key, fig.value, printed, value)
