"""The report's chapter "Figures in the officers' reports, checked" (issue 22, point 3).

The figures the meeting's papers print that the council's data can test: how many agree, and a
short public table of those the data do not reproduce (paper, data, difference, likely reason),
a survey's figures in one row (:mod:`pipelines.core.reconcile`). The full list is in the
technical annex, which the chapter does not mention: the annex is not published.
"""

from __future__ import annotations

import re

import nbformat.v4 as v4

from pipelines.documents import blocks
from pipelines.documents.pack import Section

#: Up to this many figures that agree are named in the chapter (more are counted only).
NAMED_AGREEING = 3


def agreeing_named(agreed) -> list[tuple[str, str]]:
    """Each figure that agrees: (the paper's value, what it is and where it is printed).

    ``("£30,000", "the extra cost a year of one agency worker over one compared permanent post
    in Children's Social Care, printed in the report to the Cabinet Member, 16 April 2018,
    paragraph 5.11")``. A label's "population: measure" reads "measure in population", its unit
    bracket dropped (the value carries the unit). None is named when more than
    :data:`NAMED_AGREEING` agree.
    """
    agreed = list(agreed)
    if not agreed or len(agreed) > NAMED_AGREEING:
        return []
    named = []
    for label, shown, where in agreed:
        label = re.sub(r"\s*\([^()]*\)\s*$", "", str(label)).strip()
        who, _, what = label.rpartition(": ")
        what = f"{'the ' if what[:1].islower() else ''}{what}" + (f" in {who}" if who else "")
        if where:
            place = (
                f"{where[:1].lower()}{where[1:]}" if where.lower().startswith("report") else where
            )
            what += f", printed in {'the ' if where.lower().startswith('report') else ''}{place}"
        named.append((str(shown), what))
    return named


def agreeing_words(total: int, agree: int, named: list[tuple[str, str]]) -> str:
    """What the chapter says of the figures that agree, each stated once, in one sentence each.

    One figure that agrees: "print one figure the council's data can test. It is <what,
    where>. The paper's £30,000 agrees with the data." (the figure in a sentence of its own,
    so none runs past 35 words: reader12). Several: how many agree, then "Those that agree:
    the paper's 26 for <what, where>; ...".
    """
    if total == 1 and agree == 1 and named:
        shown, what = named[0]
        return f". It is {what}. The paper's {shown} agrees with the data."
    if not named:
        return ""
    listed = "; ".join(f"the paper's {shown} for {what}" for shown, what in named)
    return f" {'It is' if len(named) == 1 else 'Those that agree are'} {listed}."


def checked_section(n: int, table, agree: int) -> Section:
    """The chapter "Figures in the officers' reports, checked".

    A short public table of the meeting's papers' figures the data do not reproduce (paper,
    data, difference, likely reason), and how many agree; the figures of one survey are one
    row (:func:`pipelines.core.reconcile.grouped_checks`).
    """
    from pipelines.core.outputs import output_metadata, table_html
    from pipelines.core.reconcile import FULL_LIST, grouped_checks

    caption = "Figures in the officers' reports that the data do not reproduce"
    total = agree + len(table)
    shown = grouped_checks(table)
    summarised = len(shown) < len(table)
    figures = "one figure" if total == 1 else f"{total} figures"
    named = agreeing_named(getattr(table, "attrs", {}).get("agreed", ()))
    lead = f"The officers' reports to this meeting print {figures} the council's data can test"
    if total == 1 and agree == 1 and named:
        intro = lead + agreeing_words(total, agree, named)
    else:
        agreeing = (
            ("It agrees" if agree else "It does not agree")
            if total == 1
            else f"{'None' if not agree else agree} of them agree{'s' if agree == 1 else ''}"
        )
        rest = "It is" if len(table) == 1 and total == 1 else "The others are"
        # one sentence each, of at most 35 words (reader12: the introductions a councillor reads)
        intro = (
            f"{lead}. {agreeing} with the data."
            + (
                f" {rest} below, with the difference, data minus paper, and its likely reason."
                + (
                    " A survey's figures are one row, with how many the data reproduce and the "
                    "largest difference."
                    if summarised
                    else ""
                )
                if len(table)
                else ""
            )
            + agreeing_words(total, agree, named)
        )
    # Where the full list is, said once above the table rather than in each survey's row.
    table = shown.apply(
        lambda col: col.map(
            lambda v: " ".join(v.replace(FULL_LIST, "").split()) if isinstance(v, str) else v
        )
    )
    cells = [blocks.md(f"# {n}. Figures in the officers' reports, checked\n{intro}")]
    if len(table):
        body = table_html(table, caption, row_headers=True, numeric=[])
        cells.append(
            blocks.cell(
                [
                    v4.new_output(
                        "display_data",
                        data={
                            "text/html": f'<div class="ep-table">{body}</div>',
                            "text/plain": caption,
                        },
                        metadata=output_metadata(
                            "table",
                            "officers-figures-checked",
                            caption,
                            "the officers' reports to this meeting and the council's data",
                            None,
                            table,
                        ),
                    )
                ]
            )
        )
    return Section("r89_checked", blocks.notebook(*cells))
