"""The market supplements' cost a year as a figure: what a decision on the supplement is about.

Read from the chapter's table of what the supplements cost (``supplement_costs``, its total
row), so the key finding prints what the chapter prints. It has no comparator and no adverse
direction: the ranking never scores it, and it opens a report only where the meeting's papers
name the supplement (``subjects`` in ``config/findings.yml``, :mod:`pipelines.sections.subjects`).
"""

from __future__ import annotations

import math

from pipelines.core.figures import EXEMPT_ONLY, Figure, Kind
from pipelines.core.results import TidyTable

#: The figure's key (``config/findings.yml`` names it under ``subjects``).
KEY = "supplement_spend"


def supplement_cost_figure(
    table: TidyTable, day, section: str, exempt: str | None = None
) -> Figure | None:
    """The supplements' cost a year (the table's total), with the FTE paid and each entry.

    ``exempt``: the review's reason the table is exempt (``exempt_financial``), if it records
    one: the figure is then the exempt appendix's only (:data:`EXEMPT_ONLY`), never a public
    finding, as the table is not public.

    ``numerator``: the permanent FTE the costed entries are paid to. Notes: ``entries`` (how
    many register entries are costed) and, with one, ``post`` (its job title and grade) and
    ``each`` (the supplement a full-time post, pounds a year: cost / FTE). None without a
    costed entry or cost.
    """
    frame = table.frame
    costed = frame[frame["permanent_fte"].notna() & frame["cost"].notna()]
    fte, cost = float(costed["permanent_fte"].sum()), float(costed["cost"].sum())
    if costed.empty or not cost or math.isnan(cost):
        return None
    notes = {"entries": str(len(costed))}
    if exempt:
        notes[EXEMPT_ONLY] = "The market supplements' cost is in the exempt appendix."
    if len(costed) == 1 and fte:
        row = costed.iloc[0]
        # a label of the table's first column (the job title), as the chapter prints it
        first = next(iter(table.columns))
        notes["post"] = f"{row[first]} at {row['grade']}" if "grade" in costed else str(row[first])
        notes["each"] = str(cost / fte)
    column = table.columns["cost"]
    return Figure(
        key=KEY,
        label="Market supplements: cost a year",
        value=cost,
        kind=Kind.MONEY_PER_YEAR,
        numerator=fte,
        source=table.source,
        period=table.period or "",
        as_at=day,
        section=section,
        table=table.name,
        row="Total",
        column=column.label,
        notes=notes,
        measure=column.measure,
        population="permanent staff paid a market supplement (FTE)",
    )
