"""Cleaning one raw table: :class:`TableCleaner`, which the datasets' cleaners are built with.

It drops blank, totals, subtotal (found by their sums: :func:`subtotal_rows`) and duplicate rows,
counting each in the :class:`~pipelines.core.cleaning.CleaningLog` by reason; tidies text, maps
labels through the mapping tables, reads dates and numbers; collects every problem of the table
with its file, row and column; and notes what it found about the meaning of the export for the
validation step (:meth:`TableCleaner.note`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from pipelines.core.cells import is_blank, row_ranges
from pipelines.core.cleaning import (
    BLANK_ROWS,
    EXACT_DUPLICATES,
    SUBTOTALS_BY_SUM,
    TOTALS_ROWS,
    CleaningLog,
)
from pipelines.core.cleaning_values import (
    EXCEL_EPOCH,
    EXCEL_EPOCH_1904,
    date_is_ambiguous,
    day_month_orders,
    is_total_label,
    label_key,
    label_lookup,
    neutralise_formula,
    number_readings,
    parse_date,
    spreadsheet_error,
    strong_style,
    tidy_text,
)
from pipelines.core.errors import Problem, excerpt
from pipelines.core.mappings import own_mappings
from pipelines.core.sources import RawTable

__all__ = ["TableCleaner", "subtotal_rows"]


def subtotal_rows(values: list[tuple[float, ...]], *, scale: int = 1000) -> dict[int, tuple]:
    """Rows whose numbers all equal the sum of other rows: subtotals and totals by arithmetic.

    Parameters
    ----------
    values : list of tuple of float
        The numbers of each row (the same columns in each), in the order of the export; a row
        with a missing number is ``None`` and is never a subtotal nor counted in one.
    scale : int
        Numbers are compared after multiplying by ``scale`` and rounding (1000: to 0.001).

    Returns
    -------
    dict of int to tuple
        Index of each subtotal row -> ``(kind, first, last)``: ``kind`` is ``"above"`` (the sum
        of the rows ``first..last`` just above it, since the previous subtotal), ``"below"``
        (the sum of the rows just below it, up to the next subtotal: a heading total), or
        ``"all"`` (the sum of every row above that is not a subtotal, or of the subtotals above:
        a grand total). A row qualifies only when it is not all zeros and the rows it adds up
        hold at least two rows that are not all zeros.

    """

    def key(v: tuple[float, ...]) -> tuple[int, ...]:
        return tuple(round(x * scale) for x in v)

    found: dict[int, tuple] = {}

    def scan(order: list[int], kind: str) -> None:
        detail: list[int] = []  # detail rows (not subtotals), in scan order
        nonzero = [0]  # nonzero[k]: detail rows before position k that are not all zeros
        totals: tuple[int, ...] | None = None  # sum of every detail row so far
        prefix: dict[tuple[int, ...], list[int]] = {}  # running sum -> positions in detail
        block = 0  # position in detail where the rows since the last subtotal start
        subs: list[tuple[int, ...]] = []  # the subtotals found so far (their numbers)
        for i in order:
            if values[i] is None or i in found:
                continue
            k = key(values[i])
            if totals is None:
                totals = (0,) * len(k)
                prefix = {totals: [0]}
            if any(k):
                need = tuple(t - x for t, x in zip(totals, k, strict=True))
                starts = [
                    j
                    for j in prefix.get(need, [])
                    if (j >= block or j == 0) and nonzero[-1] - nonzero[j] >= 2
                ]
                if starts:
                    j = max(starts)
                    found[i] = ("all" if j < block else kind, detail[j], detail[-1])
                    subs.append(k)
                    block = len(detail)
                    continue
                if len(subs) >= 2 and tuple(map(sum, zip(*subs, strict=True))) == k:
                    found[i] = ("all", detail[0], detail[-1])
                    block = len(detail)
                    continue
            detail.append(i)
            totals = tuple(t + x for t, x in zip(totals, k, strict=True))
            nonzero.append(nonzero[-1] + (1 if any(k) else 0))
            prefix.setdefault(totals, []).append(len(detail))

    for _ in range(3):  # a heading total found below lets a grand total be found above
        before = len(found)
        scan(list(range(len(values))), "above")
        scan(list(range(len(values) - 1, -1, -1)), "below")
        if len(found) == before:
            break
    return {i: (kind, min(a, b), max(a, b)) for i, (kind, a, b) in found.items()}


class TableCleaner:
    """Collects problems and fixes for one raw table."""

    def __init__(self, raw: RawTable, dataset: str, log: CleaningLog):
        self.raw, self.dataset, self.log = raw, dataset, log
        self.problems: list[Problem] = []
        #: Checks on meaning found while cleaning (see :meth:`note`), kept in the frame's attrs.
        self.notes: list[dict[str, Any]] = []
        self.df = raw.data.copy()
        #: Columns the council does not collect (blank, never checked or mapped).
        self.absent: set[str] = set(getattr(raw, "absent", None) or [])
        self.note_hidden_rows()

    def note_hidden_rows(self) -> None:
        """Note the data rows hidden in Excel (read and counted) for the check ``hidden_rows``.

        The reader has already warned (:func:`pipelines.core.workbook_facts.workbook_findings`);
        the note lets the review make them stop the build (``plausibility: checks: hidden_rows:
        critical``): a hidden row is often an old record or one filtered out, counted unseen.
        """
        hidden = sorted(int(r) for r in (getattr(self.raw, "hidden_rows", None) or []))
        self.note(
            "hidden_rows",
            "No data rows hidden in Excel (hidden rows are read and counted like the others)",
            None,
            [(r, "a row hidden in Excel, read and counted") for r in hidden],
            what="Rows of the export are hidden in Excel; the pack read them and counted them "
            "like the others.",
            expected="every row of the export visible, or the rows that should not count deleted",
            hint="If these rows should not count (old records, rows filtered out), delete them "
            "from the export and run again; if they should, unhide them.",
        )

    def header(self, column: str) -> str:
        return self.raw.raw_columns.get(column, column)

    def problem(
        self, what: str, row: int, column: str, found: object, expected: str, hint: str
    ) -> None:
        self.problems.append(
            Problem(
                what,
                self.raw.file,
                row=int(row),
                column=self.header(column),
                found=excerpt(repr(found)) if not isinstance(found, str) else f'"{excerpt(found)}"',
                expected=expected,
                hint=own_mappings(hint),
                sheet=self.raw.sheet,
            )
        )

    def unknown_label(
        self, what: str, rows: list[int], column: str, value: str, expected: str, hint: str
    ) -> None:
        """One problem for a label found on several rows: the first row, and every row listed.

        An officer adds one line to a mapping for a label, however many rows hold it, so the
        label is reported once (``found`` names it and its rows), never once per row.
        """
        found = f'"{excerpt(value)}"'
        if len(rows) > 1:
            found += f" on {len(rows)} rows: {row_ranges(rows)}"
        self.problems.append(
            Problem(
                what,
                self.raw.file,
                row=int(min(rows)),
                column=self.header(column),
                found=found,
                expected=expected,
                hint=own_mappings(hint),
                sheet=self.raw.sheet,
            )
        )

    def note_title_rows(self) -> None:
        self.log.add(
            self.dataset, "Title or notes rows above the header skipped", self.raw.header_row - 1
        )

    def drop_blank_rows(self) -> None:
        cols = [c for c in self.df.columns if c != "source_row"]
        blank = self.df[cols].map(is_blank).all(axis=1)
        self.log.add(self.dataset, "Blank rows removed", blank.sum())
        self.log.exclude(self.raw.file, self.raw.sheet, BLANK_ROWS, blank.sum())
        self.df = self.df[~blank]

    def drop_totals_rows(
        self, first: str, *others: str, others_only_when_first_blank: bool = False
    ) -> None:
        """Leave out subtotal and total rows named by their labels (logged, rows counted).

        A row is left out when its label in ``first`` or in any of ``others`` says it is a total
        (:func:`is_total_label`: "Total", "Subtotal", "Grand total", Excel's own
        "Children's Social Care Total", in any of the columns, anywhere in the sheet). With
        ``others_only_when_first_blank`` (exports of one row per person, ``first`` their ID),
        ``others`` are looked at only when ``first`` is blank, so a person whose team is called
        "... Total" is kept.
        """
        totals = self.df[first].map(is_total_label)
        first_blank = self.df[first].map(is_blank)
        label_at = pd.Series(first, index=self.df.index).where(totals)
        for column in others:
            hit = self.df[column].map(is_total_label)
            hit = hit & first_blank if others_only_when_first_blank else hit
            label_at = label_at.where(label_at.notna() | ~hit, column)
            totals |= hit
        self.log.add(self.dataset, "Totals row removed", totals.sum())
        self.log.exclude(self.raw.file, self.raw.sheet, TOTALS_ROWS, totals.sum())
        self.note(
            "total_rows",
            "No rows labelled as totals among the lines (Total, Subtotal, Grand total)",
            first,
            [
                (
                    self.df.at[i, "source_row"],
                    f'"{excerpt(str(self.df.at[i, label_at[i]]))}" in '
                    f"{self.header(label_at[i])}: left out",
                )
                for i in self.df.index[totals]
            ],
            what="A row is labelled as a subtotal or total; it was left out, so that it is not "
            "counted twice.",
            expected="one row per line of the export; no subtotal or total rows",
            hint="Delete the subtotal and total rows from the export (the pack adds the rows up "
            "itself).",
        )
        self.df = self.df[~totals]

    def note(
        self,
        key: str,
        check: str,
        column: str | None,
        failures: Iterable[tuple[int | None, str]],
        *,
        what: str,
        expected: str,
        hint: str,
        affects: str = "",
    ) -> None:
        """Record a check on the meaning of the export that failed, for the validation step.

        Cleaning cannot decide whether such a finding stops the build: the review decides
        (``plausibility: checks: <key>`` in the review config, warning or critical). The note
        is kept in the tidy frame's ``attrs["meaning_checks"]`` and turned into a check result
        by :func:`pipelines.core.validation_checks.meaning_checks`, which names the file, row and
        column (``column`` canonical; its header as the export writes it).
        """
        rows = [(None if r is None else int(r), str(f)) for r, f in failures]
        if not rows:
            return
        self.notes.append(
            {
                "key": key,
                "check": check,
                "column": column,
                "header": self.header(column) if column else None,
                "what": what,
                "expected": expected,
                "hint": own_mappings(hint),
                "affects": affects,
                "failures": [{"row": r, "found": f} for r, f in rows],
            }
        )

    def drop_subtotals_by_sum(self, numbers: list[str], labels: list[str]) -> None:
        """Leave out unlabelled subtotal rows: numbers that are the sum of the rows around them.

        Run after the numbers are read and the labels mapped. A row is a subtotal when every
        number in ``numbers`` equals the sum of two or more rows just above it (since the
        previous subtotal), just below it (a heading total) or of every row above (a grand
        total), see :func:`subtotal_rows`, and its labels do not describe one line of its own:
        each label in ``labels`` is blank (or unknown to the mappings), or the same as in every
        row it adds up. A post line whose numbers happen to equal two others' sum has labels of
        its own, so it is kept. The rows left out are logged, counted under
        :data:`SUBTOTALS_BY_SUM`, their label problems ("A job title is blank") withdrawn, and
        noted for the check ``subtotal_rows`` (critical by default: the officer confirms).
        """
        if self.df.empty:
            return
        table = self.df  # positions below; the index is kept for callers aligned with it
        values: list[tuple[float, ...] | None] = []
        for row in table[numbers].itertuples(index=False):
            try:
                nums = tuple(float(x) for x in row)
            except (TypeError, ValueError):
                nums = None
            values.append(None if nums is None or any(x != x for x in nums) else nums)
        found = subtotal_rows(values)
        drop, failures = [], []
        for i, (kind, first, last) in sorted(found.items()):
            parts = [j for j in range(first, last + 1) if values[j] is not None and j not in found]
            added = table.iloc[parts]
            own_labels = False
            for column in labels:
                label = table[column].iloc[i]
                if is_blank(label):
                    continue
                if added[column].nunique(dropna=False) != 1 or str(added[column].iloc[0]) != str(
                    label
                ):
                    own_labels = True
            if own_labels:
                continue
            drop.append(i)
            rows = [int(r) for r in added["source_row"]]
            where = {"above": "above it", "below": "below it", "all": "above it"}[kind]
            what = "a grand total" if kind == "all" else "a subtotal"
            shown = ", ".join(f"{self.header(c)} {table[c].iloc[i]:g}" for c in numbers)
            failures.append(
                (
                    int(table["source_row"].iloc[i]),
                    f"{shown}: the sum of rows {min(rows)} to {max(rows)} {where} ({what})",
                )
            )
        if not drop:
            return
        dropped_rows = {int(table["source_row"].iloc[i]) for i in drop}
        self.problems = [p for p in self.problems if p.row not in dropped_rows]
        self.df = table.drop(index=table.index[drop])
        self.log.add(self.dataset, "Subtotal rows found by their sums removed", len(drop))
        self.log.exclude(self.raw.file, self.raw.sheet, SUBTOTALS_BY_SUM, len(drop))
        self.note(
            "subtotal_rows",
            "No subtotal or total rows among the lines (numbers that add up other rows)",
            numbers[0],
            failures,
            what="A row's numbers are the sum of the rows around it: it looks like a subtotal "
            "or total, which would be counted twice. It was left out.",
            expected="one row per line of the export; no subtotal or total rows",
            hint="Delete the subtotal and total rows from the export (the pack adds the rows up "
            "itself), or write Total in the row's first column so the pack leaves it out "
            "without stopping. If the row really is a line of its own, give it its labels "
            "(every label column filled in).",
        )

    def drop_exact_duplicates(self) -> None:
        cols = [c for c in self.df.columns if c != "source_row"]
        key = self.df[cols].astype(str)
        dup = key.duplicated(keep="first")
        self.log.add(self.dataset, "Exact duplicate rows removed (kept the first)", dup.sum())
        self.log.exclude(self.raw.file, self.raw.sheet, EXACT_DUPLICATES, dup.sum())
        self.df = self.df[~dup]

    def tidy(self, columns: list[str]) -> None:
        """Trim spaces in text columns and make formula-like text inert (both logged)."""
        changed = formulas = 0
        for c in columns:
            before = self.df[c]
            after = before.map(tidy_text)
            changed += int(((before.astype(str) != after.astype(str)) & after.notna()).sum())
            inert = after.map(neutralise_formula)
            formulas += int((inert.astype(str) != after.astype(str)).sum())
            self.df[c] = inert
        self.log.add(self.dataset, "Spaces trimmed from text cells", changed)
        self.log.add(
            self.dataset,
            "Text starting like a spreadsheet formula (=, +, -, @) kept as text: "
            "an apostrophe was put in front",
            formulas,
        )

    def map_labels(
        self,
        column: str,
        mapping: dict[str, list[str]],
        what: str,
        mapping_file: str,
        *,
        out: str | None = None,
        required: bool = True,
    ) -> None:
        if column in self.absent:
            self.df[out or column] = None
            return
        lookup = label_lookup(mapping)
        known = ", ".join(f'"{k}"' for k in mapping)
        result, changed = [], 0
        unknown: dict[str, tuple[str, list[int]]] = {}
        for row, value in zip(self.df["source_row"], self.df[column], strict=True):
            if value is None:
                if required:
                    self.problem(
                        f"A {what} is blank.",
                        row,
                        column,
                        "(blank)",
                        f"one of: {known}",
                        f"Fill in the {what}.",
                    )
                result.append(None)
                continue
            canon = lookup.get(label_key(value))
            if canon is None and is_total_label(value):
                self.problem(
                    f"A subtotal or total row is among the {what} lines.",
                    row,
                    column,
                    value,
                    f"one of: {known}",
                    "Delete the subtotal or total row from the export: the pack adds the rows "
                    f"up itself. Do not add the label to config/mappings/{mapping_file}: the "
                    "row would be counted as well as the rows it adds up.",
                )
            elif canon is None:
                unknown.setdefault(label_key(value), (str(value), []))[1].append(int(row))
            elif canon != value:
                changed += 1
            result.append(canon)
        for value, rows in unknown.values():
            self.unknown_label(
                f"Unknown {what}.",
                rows,
                column,
                value,
                f"one of: {known}",
                f"Correct the label in the export, or add it to "
                f"config/mappings/{mapping_file} under the label it means.",
            )
        self.df[out or column] = result
        self.log.add(self.dataset, f"{what.capitalize()} labels standardised (cells)", changed)

    def dates(self, column: str, *, required: bool = True) -> None:
        """Read a date column; the day/month order is decided for the whole column.

        Numeric dates are read day first (UK order, ``dd/mm/yyyy``) unless the table's
        ``date_format`` says ``mm/dd/yyyy``. Without a stated format, a column where some dates
        can only be read month first (``01/13/2016``) is refused: alongside dates that can only
        be read day first (``13/01/2016``) the column contradicts itself; on their own they mean
        the export is in US order and the format must be stated. A column whose dates could all
        be read either way is read day first, and that is logged.
        """
        if column in self.absent:
            self.df[column] = pd.Series(pd.NaT, index=self.df.index, dtype="datetime64[ns]")
            return
        values = list(self.df[column])
        rows = list(self.df["source_row"])
        stated = (self.raw.date_format or "").strip().lower()
        month_first = stated.startswith("mm")
        epoch = EXCEL_EPOCH_1904 if getattr(self.raw, "date1904", False) else EXCEL_EPOCH
        if not stated:
            day_only = [
                r for r, v in zip(rows, values, strict=True) if day_month_orders(v) == {"day first"}
            ]
            month_only = [
                (r, v)
                for r, v in zip(rows, values, strict=True)
                if day_month_orders(v) == {"month first"}
            ]
            if month_only:
                for row, value in month_only:
                    if day_only:
                        self.problem(
                            "The dates in this column are written in two orders: this one "
                            "month first, others day first.",
                            row,
                            column,
                            str(value),
                            f"one order for the whole column (row {day_only[0]} is day first, "
                            f'"{self.df[column].iloc[rows.index(day_only[0])]}")',
                            "Correct the dates in the export so every one is dd/mm/yyyy (or "
                            "export them as yyyy-mm-dd). The pack never guesses the order of "
                            "a single date.",
                        )
                    else:
                        self.problem(
                            "The dates in this column are written month first (mm/dd/yyyy, "
                            "US order).",
                            row,
                            column,
                            str(value),
                            "dates written dd/mm/yyyy (UK order) or yyyy-mm-dd",
                            "Export the dates as dd/mm/yyyy or yyyy-mm-dd, or state "
                            "date_format: mm/dd/yyyy for this dataset in the review "
                            "configuration.",
                        )
                self.df[column] = pd.Series(pd.NaT, index=self.df.index, dtype="datetime64[ns]")
                return
            if not day_only:
                self.log.add(
                    self.dataset,
                    f"{self.header(column)}: dates that read either way (e.g. 03/02/2016) "
                    "read day first (UK order)",
                    sum(date_is_ambiguous(v) for v in values),
                )
        parsed, formats = [], {}
        for row, value in zip(rows, values, strict=True):
            if is_blank(value) and not required:
                parsed.append(pd.NaT)
                continue
            try:
                ts, fmt = parse_date(value, month_first=month_first, epoch=epoch)
                formats[fmt] = formats.get(fmt, 0) + 1
                parsed.append(ts)
            except ValueError:
                self.problem(
                    "A date cannot be read.",
                    row,
                    column,
                    "(blank)" if is_blank(value) else str(value),
                    "a date written mm/dd/yyyy (as the review configuration states), "
                    "yyyy-mm-dd or an Excel date"
                    if month_first
                    else "a date written dd/mm/yyyy (e.g. 31/03/2025), yyyy-mm-dd or an Excel date",
                    "Correct the date in the export.",
                )
                parsed.append(pd.NaT)
        self.df[column] = pd.to_datetime(pd.Series(parsed, index=self.df.index))
        if len(formats) > 1:
            for fmt, n in sorted(formats.items()):
                self.log.add(self.dataset, f"{self.header(column)}: dates written {fmt} read", n)

    def numbers(self, column: str, *, integer: bool = False, expected: str | None = None) -> None:
        """Read a required number column; every cell must hold a number.

        Blank cells and spreadsheet error cells (``#REF!``, ``#N/A``…) are problems naming the
        cell, never 0 or missing. Whether ``,`` is a thousands separator or a decimal comma is
        decided for the whole column, never per cell. A value readable both ways with
        different results (``1,500``: 1500 or 1.5) is read with ``,`` as the thousands
        separator (the UK way) unless the column shows decimal commas: when a value that can
        only be read with a decimal comma groups thousands (``2.000,00``) the column is read
        that way; when such values are plain decimals (``1,5``) the ambiguous value is refused.
        A column that groups thousands both ways (``2,000.00`` and ``2.000,00``) is refused.
        """
        if column in self.absent:
            self.df[column] = pd.Series(float("nan"), index=self.df.index)
            return
        values = list(self.df[column])
        rows = list(self.df["source_row"])
        expected = expected or ("a whole number" if integer else "a number such as 1 or 0.8")
        readings: list[dict[str, float] | None] = []
        strong: dict[str, int] = {}
        comma_only: int | None = None
        for row, value in zip(rows, values, strict=True):
            if isinstance(value, bool):
                readings.append({})
                continue
            if is_blank(value) or spreadsheet_error(value):
                readings.append(None)
                continue
            if isinstance(value, int | float):
                number = float(value)
                readings.append({"point": number, "comma": number} if pd.notna(number) else {})
                continue
            text = str(value).strip()
            r = number_readings(text)
            if integer:
                r = {k: v for k, v in r.items() if v.is_integer()} or r
            readings.append(r)
            style = strong_style(text, r)
            if style and style not in strong:
                strong[style] = int(row)
            if set(r) == {"comma"} and comma_only is None:
                comma_only = int(row)
        if len(strong) > 1:
            style = None
        elif "comma" in strong:
            style = "comma"
        elif comma_only is None:
            style = "point"
        else:
            style = None
        out = []
        for row, value, r in zip(rows, values, readings, strict=True):
            if r is None:
                error = spreadsheet_error(value)
                if error:
                    self.problem(
                        f"A spreadsheet error ({error}) is in a number cell.",
                        row,
                        column,
                        error,
                        expected,
                        "Fix the formula in the workbook (or type the value), then export "
                        "again. The pack does not treat an error as 0.",
                    )
                else:
                    self.problem(
                        "A required number is blank.",
                        row,
                        column,
                        "(blank)",
                        expected,
                        "Fill in the number in the export (0 if it really is none). The pack "
                        "does not treat a blank as 0.",
                    )
                out.append(float("nan"))
                continue
            distinct = set(r.values())
            if len(strong) > 1 and (len(distinct) > 1 or int(row) in strong.values()):
                self.problem(
                    "A number column mixes decimal commas and decimal points, so this value "
                    "can be read two ways.",
                    row,
                    column,
                    str(value),
                    "one style in the whole column: 1,234.50 or 1.234,50",
                    f"Rows {min(strong.values())} and {max(strong.values())} use different "
                    "styles; write "
                    "every number in the column the same way and export again.",
                )
                out.append(float("nan"))
            elif len(distinct) > 1 and style is None:
                a, b = r["point"], r["comma"]
                self.problem(
                    "A number can be read two ways (thousands separator or decimal comma).",
                    row,
                    column,
                    str(value),
                    f"either {a:g} or {b:g}, written without a thousands separator",
                    f"Row {comma_only} writes a decimal comma, so a comma here may be one too. "
                    "Write the number without a thousands separator (e.g. 1500 or 1.5) in "
                    "the export.",
                )
                out.append(float("nan"))
            else:
                # One reading (or the column's style decides between two); none, or a fraction
                # where a whole number is required, cannot be read.
                number = (r[style] if len(distinct) > 1 else distinct.pop()) if distinct else None
                if number is None or (integer and not float(number).is_integer()):
                    self.problem(
                        "A number cannot be read.",
                        row,
                        column,
                        str(value),
                        expected,
                        "Correct the number in the export.",
                    )
                    out.append(float("nan"))
                else:
                    out.append(float(number))
        s = pd.Series(out, index=self.df.index, dtype=float)
        self.df[column] = s.astype("Int64") if integer and s.notna().all() else s

    def finish(self, columns: list[str]) -> pd.DataFrame:
        df = self.df.reset_index(drop=True)
        df["source_file"] = self.raw.file
        df = df[[*columns, "source_file", "source_row"]]
        df.attrs = {
            "raw_columns": dict(self.raw.raw_columns),
            "source_file": self.raw.file,
            "sheet": self.raw.sheet,
        }
        if self.notes:
            df.attrs["meaning_checks"] = [dict(n) for n in self.notes]
        if self.absent:
            df.attrs["absent_columns"] = sorted(self.absent)
        return df
