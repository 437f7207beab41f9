"""The disclosure side of a pack: its public tables' audit and the notes a CSV reader needs.

:func:`write_disclosure_audit` audits a public pack's tables together
(:mod:`pipelines.core.disclosure_audit`) and writes ``disclosure_audit.json``;
:func:`disclosure_audit_section` is the annex's appendix on it. Table names are those
:func:`pipelines.documents.pack.collect_tables` gives.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import nbformat
import pandas as pd

from pipelines.core import disclosure_audit as disclosure_audit_module
from pipelines.documents.notes import as_printed
from pipelines.documents.pack import Section, collect_tables, table_outputs


def collect_layouts(sections: list[Section]) -> dict[str, dict]:
    """The disclosure layout of every published table, by its ``tables/*.csv`` file name.

    Names are those :func:`collect_tables` gives; public variant only (exempt outputs carry no
    layout).
    """
    return {
        key: meta["disclosure_layout"]
        for key, meta in table_outputs(sections)
        if meta.get("disclosure_layout")
    }


def collect_held_back(sections: list[Section]) -> dict[str, dict[str, list[float]]]:
    """Columns each published table was protected with but does not print, by file name.

    Each row's total of answers, say (:func:`pipelines.core.disclosure.protect` with
    ``unpublished``): column -> its values by row, as the table was protected with them.
    Names are those :func:`collect_tables` gives.
    """
    return {
        key: {str(c): list(v) for c, v in meta["held_back"].items()}
        for key, meta in table_outputs(sections)
        if meta.get("held_back")
    }


def with_held_back(
    tables: Mapping[str, pd.DataFrame], held_back: Mapping[str, Mapping[str, list[float]]]
) -> dict[str, pd.DataFrame]:
    """The published tables with the columns they were protected with but do not print.

    The audit takes such a column as known (a reader may come close to knowing it: the forms
    returned bound each aspect's answers), as the protection did, so a hidden count that its
    row total would narrow is found however the table is printed.
    """
    out = dict(tables)
    for name, columns in held_back.items():
        if name in out:
            frame = out[name].copy()
            for column, values in columns.items():
                if column not in frame.columns and len(values) == len(frame):
                    frame[column] = values
            out[name] = frame
    return out


def collect_notes(sections: list[Section]) -> dict[str, list[str]]:
    """The notes on disclosure printed under each table, by its ``tables/*.csv`` file name.

    Names are those :func:`collect_tables` gives; the notes are those
    :func:`pipelines.core.disclosure.protect` wrote (``disclosure_notes`` in the output's
    metadata), such as the legend "[c] = fewer than 5 people, not shown to protect
    individuals.", which tells a reader of the CSV what a ``[c]`` in it may be; after the note
    the report prints under the table's caption, where it has one (``caption_note``: why no
    chart of the exit ratings is drawn, reader14).
    """
    out = {}
    for key, meta in table_outputs(sections):
        said = [str(n) for n in meta.get("disclosure_notes") or []]
        note = meta.get("caption_note")
        if said and note and str(note) not in said:  # what the table shows, as printed under it
            said.insert(0, str(note))
        if said:
            out[key] = said
    return out


#: The notes file beside a folder's CSV files (:func:`write_table_notes`).
NOTES_FILE = "README.txt"


def write_table_notes(sections: list[Section], tables: Path) -> dict[str, list[str]]:
    """Write ``README.txt`` beside the CSV files in ``tables``: each table's printed notes.

    Each note as the report prints it (:func:`~pipelines.documents.notes.as_printed`), and
    what a blank cell stands for (the report prints "–").

    A CSV file holds only its table, so a reader who opens one without the report would not
    know what its ``[c]`` stands for; the notes the report prints under each table (the legend
    first of all) are listed here, table by table. Nothing is written when no table has a note
    (the exempt and internal folders). Returns the notes by file name.
    """
    notes = {name: [as_printed(n) for n in said] for name, said in collect_notes(sections).items()}
    if not notes:
        return notes
    lines = [
        "Notes to the tables in this folder",
        "",
        "Each table's notes on its hidden figures, as the report prints them in its sources "
        "and notes. They say what [c] in the table stands for.",
        "",
        "A blank cell has no figure: the report's tables print it as –.",
    ]
    for name, said in notes.items():
        lines += ["", name, *(f"  {n}" for n in said)]
    (tables / NOTES_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return notes


def disclosure_audit(
    tables: Mapping[str, pd.DataFrame],
    layouts: Mapping[str, Mapping],
    threshold: int,
    held_back: Mapping[str, Mapping[str, list[float]]] | None = None,
) -> disclosure_audit_module.AuditResult:
    """Audit the published tables of a pack (see :mod:`pipelines.core.disclosure_audit`).

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame
        ``tables/*.csv`` file name -> the table as published (``"[c]"`` where suppressed).
    layouts : mapping of str to mapping
        File name -> the table's disclosure layout (:func:`collect_layouts`).
    threshold : int
        The review's disclosure threshold.
    held_back : mapping, optional
        File name -> the columns it was protected with but does not print
        (:func:`collect_held_back`), taken as known (:func:`with_held_back`).

    """
    tables = with_held_back(tables, held_back or {})
    published = [
        disclosure_audit_module.PublishedTable(
            name, tables[name].reset_index(drop=True), disclosure_audit_module.Layout.from_json(lay)
        )
        for name, lay in layouts.items()
        if name in tables
    ]
    return disclosure_audit_module.audit(published, threshold)


def write_disclosure_audit(
    sections: list[Section], folder: Path, threshold: int
) -> disclosure_audit_module.AuditResult:
    """Audit a public pack's tables and write ``disclosure_audit.json`` to ``folder``.

    The file holds the cells checked, their feasible ranges, the conclusion, the layouts used
    and the columns a table was protected with but does not print (:func:`collect_held_back`;
    the file is internal), so the audit can be rerun from ``tables/*.csv``. Returns the
    result.
    """
    layouts, held_back = collect_layouts(sections), collect_held_back(sections)
    result = disclosure_audit(collect_tables(sections), layouts, threshold, held_back)
    report = {**result.to_json(), "layouts": layouts, "held_back": held_back}
    # Keys sorted: layouts read from a cached notebook (saved with sorted keys) and from a fresh
    # run (keys in the order written) must give the same bytes.
    (folder / "disclosure_audit.json").write_text(
        json.dumps(report, indent=2, default=str, sort_keys=True), encoding="utf-8"
    )
    return result


def disclosure_audit_section(result: disclosure_audit_module.AuditResult) -> Section:
    """A short appendix saying how small numbers were protected and what the audit found."""
    t = result.threshold
    text = (
        "# Disclosure control\n"
        f"Counts of people from 1 to {t - 1} are shown as [c], with the percentages and averages "
        "computed from them; counts of posts, FTE and money are never suppressed. Further counts "
        "are hidden where a total, an average or the same people counted in another table "
        "would let a hidden count be worked out; a text cell that states such a count is shown "
        "as [c], and a chart with a hidden value is drawn from its published table, the value "
        "marked [c]. Counts the council has already published in its own papers (and those "
        "they determine) are shown, since suppressing them protects no one.\n\n"
        "The published tables were then checked as an attacker would check them: for every "
        "[c] cell, the smallest and largest value consistent with every published total, "
        "average and shared count was found by linear programming. Each table was read with "
        f"its printed note: where it says [c] is fewer than {t}, each [c] was taken to be at "
        f"most {t - 1}, as a reader of the note would take it. The notes are listed for the "
        "readers of the public CSV files in public/tables/README.txt. "
        f"{result.summary()} The cells checked and their ranges are in disclosure_audit.json "
        "beside this pack."
    )
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text)])
    return Section(name="98_disclosure", notebook=nb)
