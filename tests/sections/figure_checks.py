"""Helpers for the sections' figure tests: the demo pack's tidy data and the cell a figure cites."""

from __future__ import annotations

import math

import pandas as pd

from pipelines.core.config import load_review
from pipelines.core.outputs import slug
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


def assert_shown(built, figures, **where: str) -> None:
    """Every figure equals the cell of the section's table it cites (see :func:`shown`)."""
    assert figures
    for fig in figures:
        value = shown(built, fig, **where)
        assert math.isclose(fig.value, value, rel_tol=1e-9), (fig.key, fig.value, value)
