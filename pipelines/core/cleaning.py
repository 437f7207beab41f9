"""Tidy the raw exports: canonical columns, labels, dates and codes, with every fix logged.

Each ``clean_*`` function takes a :class:`~pipelines.core.sources.RawTable` and returns a tidy
DataFrame (one row per leaver, form, rating or establishment line) carrying ``source_file`` and
``source_row`` so that later checks can point the officer at the row in Excel. Every fix is
counted in a :class:`CleaningLog` that the pack's data-quality appendix shows. Labels are mapped
through the tables in ``config/mappings/``; an unmapped label is an error listing the known ones.
All problems in a file are reported together.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from pipelines.core.errors import ConfigError, InputError, Problem, excerpt
from pipelines.core.sources import (
    SPREADSHEET_ERRORS,
    RawTable,
    is_blank,
    own_mappings,
    row_ranges,
)

EXCEL_EPOCH = dt.date(1899, 12, 30)
#: Day 0 of a workbook saved in Excel's 1904 date system (Excel for Mac's old default): its
#: serial numbers are 1,462 days smaller than the same dates' in the usual 1900 system.
EXCEL_EPOCH_1904 = dt.date(1904, 1, 1)

Cleaner = Callable[["RawTable", "CleaningLog"], tuple[dict[str, pd.DataFrame], list[Problem]]]
CLEANERS: dict[str, Cleaner] = {}


def register_cleaner(dataset: str) -> Callable[[Cleaner], Cleaner]:
    """Register the cleaner of a raw dataset (a key of ``config/mappings/columns.yml``).

    The cleaner takes the :class:`~pipelines.core.sources.RawTable` and the log and returns the tidy
    tables it makes (keyed by the name they are saved under) and the problems found. Modules in
    this package register their cleaners when the package is imported.
    """

    def decorate(func: Cleaner) -> Cleaner:
        CLEANERS[dataset] = func
        return func

    return decorate


def register_table_cleaner(
    dataset: str, clean: Callable[[RawTable, CleaningLog], tuple[pd.DataFrame, list[Problem]]]
) -> None:
    """Register a cleaner that makes one tidy table, saved under the dataset's own name."""

    def cleaner(raw: RawTable, log: CleaningLog) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
        df, problems = clean(raw, log)
        return {dataset: df}, problems

    register_cleaner(dataset)(cleaner)


#: Why cleaning leaves a row of an export out of the tidy data (reasons shown in the appendix).
BLANK_ROWS = "Blank rows"
TOTALS_ROWS = "Totals rows"
SUBTOTALS_BY_SUM = "Subtotal rows (numbers equal to the sum of other rows)"
NO_CASES = "Workers holding no cases"

#: The review configuration of the dataset being cleaned (``pipelines.core.config.Dataset``),
#: set by :func:`clean_review` while its cleaner runs; None when a cleaner is called directly.
CURRENT_DATASET: ContextVar[Any] = ContextVar("CURRENT_DATASET", default=None)
#: The services of the review being cleaned (None outside a review's build).
REVIEW_SERVICES: ContextVar[list[str] | None] = ContextVar("REVIEW_SERVICES", default=None)


def dataset_setting(name: str, default: Any = None) -> Any:
    """A setting of the dataset being cleaned (e.g. ``scale_codes``), or ``default``.

    Read from the review configuration's entry for the dataset (:data:`CURRENT_DATASET`), so a
    cleaner can follow what the review states about its export.
    """
    ds = CURRENT_DATASET.get()
    value = getattr(ds, name, None) if ds is not None else None
    return default if value is None else value


#: A label saying its row is a subtotal or total: "Total", "Totals", "Subtotal", "Sub-total",
#: "Grand total", "Total Children's Social Care", Excel's own "Children's Social Care Total".
TOTAL_LABEL = re.compile(
    r"^(grand |sub[- ]?)?totals?\b|\b(sub[- ]?)?totals?$|\bgrand totals?\b|\bsub[- ]?totals?\b"
)


def is_total_label(value: object) -> bool:
    """True when a label cell says its row is a subtotal or total (see :data:`TOTAL_LABEL`).

    ``"Total"``, ``"Grand Total"``, ``"Sub-total"``, ``"Children's Social Care Total"`` and
    ``"Total Adult Social Care"`` are; ``"Totally Kids"`` and ``"Child Protection"`` are not.
    """
    if is_blank(value):
        return False
    text = re.sub(r"\s+", " ", str(value)).strip().strip(":").strip().casefold()
    return bool(TOTAL_LABEL.search(text))


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


EXACT_DUPLICATES = "Exact duplicates of an earlier row"
OTHER_CLEANING = "Left out by cleaning (other)"


@dataclass
class CleaningLog:
    """What cleaning changed: one entry per kind of fix per dataset, with the rows affected.

    ``excluded`` counts the data rows of each export (keyed by file and sheet) that cleaning
    left out of the tidy data, by reason (:data:`BLANK_ROWS`, :data:`TOTALS_ROWS`,
    :data:`EXACT_DUPLICATES`).
    """

    entries: list[dict] = field(default_factory=list)
    excluded: dict[tuple[str, str | None], dict[str, int]] = field(default_factory=dict)

    def exclude(self, file: str, sheet: str | None, reason: str, rows: int) -> None:
        """Count ``rows`` data rows of one export (file and sheet) left out for ``reason``."""
        if rows:
            reasons = self.excluded.setdefault((file, sheet), {})
            reasons[reason] = reasons.get(reason, 0) + int(rows)

    def add(self, dataset: str, fix: str, rows: int) -> None:
        """Record a fix applied to ``rows`` rows; the same fix again adds to its count."""
        if not rows:
            return
        for entry in self.entries:
            if entry["dataset"] == dataset and entry["fix"] == fix:
                entry["rows"] += int(rows)
                return
        self.entries.append({"dataset": dataset, "fix": fix, "rows": int(rows)})

    def to_frame(self) -> pd.DataFrame:
        """The log as a table with member-facing labels."""
        df = pd.DataFrame(self.entries, columns=["dataset", "fix", "rows"])
        return df.rename(
            columns={"dataset": "Dataset", "fix": "What was fixed", "rows": "Rows affected"}
        )


def label_key(text: object) -> str:
    """Matching key for labels: case, spacing, apostrophes and dash styles ignored."""
    s = str(text).replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = s.replace("'", "")
    s = re.sub(r"\s*([/\-&(),])\s*", r"\1", s)
    return re.sub(r"\s+", " ", s).strip().casefold()


def label_lookup(mapping: dict[str, list[str]]) -> dict[str, str]:
    """Key -> canonical label, from a mapping of canonical label -> variants."""
    lookup = {}
    for canon, variants in mapping.items():
        for v in [canon, *(variants or [])]:
            lookup[label_key(v)] = canon
    return lookup


def tidy_text(value: object) -> str | None:
    """Text with spaces trimmed and runs of spaces collapsed; None for blank cells."""
    if is_blank(value):
        return None
    return re.sub(r"\s+", " ", str(value)).strip()


#: A text cell a spreadsheet would run as a formula: ``=``, ``+``, ``-`` or ``@`` then a letter.
FORMULA = re.compile(r"^(=\s*|[+\-@])[A-Za-z]")


def neutralise_formula(text: str | None) -> str | None:
    """Text that cannot run as a formula when a table is opened in a spreadsheet.

    A value such as ``=HYPERLINK("http://…")`` gets a leading apostrophe (``'=HYPERLINK(…``),
    the spreadsheet convention for "this is text"; any other value is returned unchanged.
    """
    if text is not None and FORMULA.match(text):
        return "'" + text
    return text


def spreadsheet_error(value: object) -> str | None:
    """The error text (``"#REF!"``) when a cell holds a spreadsheet error, else None."""
    if isinstance(value, str) and value.strip().upper() in SPREADSHEET_ERRORS:
        return value.strip().upper()
    return None


_US_NUMBER = re.compile(r"[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?")
_EU_NUMBER = re.compile(r"[-+]?(\d{1,3}(\.\d{3})+|\d+)?(,\d+)?")


def number_readings(text: str) -> dict[str, float]:
    """The numbers a text cell can mean: ``{"point": x}`` (1,234.5), ``{"comma": y}`` (1.234,5).

    ``"2,000.00"`` has only the decimal-point reading (2000), ``"2.000,00"`` only the
    decimal-comma one (2000), ``"0,8"`` only the decimal-comma one (0.8), ``"1,500"`` both
    (1500 or 1.5), ``"12"`` both (12). Spaces, and a leading pound sign, are ignored. An empty
    dict: not a number.
    """
    t = re.sub(r"\s+", "", text).replace("\u00a3", "")
    out: dict[str, float] = {}
    if not re.search(r"\d", t):
        return out
    if _US_NUMBER.fullmatch(t):
        out["point"] = float(t.replace(",", ""))
    if _EU_NUMBER.fullmatch(t):
        out["comma"] = float(t.replace(".", "").replace(",", "."))
    return out


def _strong_style(text: str, readings: dict[str, float]) -> str | None:
    """The separator style a value proves: one reading only, and it groups thousands."""
    if len(readings) != 1:
        return None
    style = next(iter(readings))
    grouping = "," if style == "point" else "."
    return style if grouping in text else None


_DAY_MONTH = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})")


_TIME_OF_DAY = re.compile(
    r"(.*\d)(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)"
)


def without_time_of_day(text: str) -> str:
    """A date cell's text without a time of day, as HR and survey tools export date-times.

    ``"26/09/2024 11:19"`` gives ``"26/09/2024"``; ``"2024-09-26T11:19:05+01:00"`` gives
    ``"2024-09-26"``; ``"26/09/2024 11:19 AM"`` gives ``"26/09/2024"``; text without a time is
    returned stripped of spaces at either end. The date is then read as any other date cell.
    """
    text = text.strip()
    timed = _TIME_OF_DAY.fullmatch(text)
    return timed.group(1).strip() if timed else text


def day_month_orders(value: object) -> set[str]:
    """The orders a numeric date can be read in: ``{"day first", "month first"}`` or a subset.

    ``"13/01/2016"`` gives ``{"day first"}``, ``"01/13/2016"`` ``{"month first"}``,
    ``"03/02/2016"`` both (ambiguous), ``"03/03/2016"`` both (the same date either way: also
    returned as both, see :func:`date_is_ambiguous`). Anything else (spreadsheet dates,
    ``yyyy-mm-dd``, text) gives an empty set.
    """
    if not isinstance(value, str):
        return set()
    m = _DAY_MONTH.fullmatch(without_time_of_day(value))
    if not m:
        return set()
    a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    out = set()
    if 1 <= b <= 12 and 1 <= a <= 31:
        out.add("day first")
    if 1 <= a <= 12 and 1 <= b <= 31:
        out.add("month first")
    for order, (day, month) in (("day first", (a, b)), ("month first", (b, a))):
        if order in out:
            try:
                dt.date(y if y > 99 else 2000 + y, month, day)
            except ValueError:
                out.discard(order)
    return out


def date_is_ambiguous(value: object) -> bool:
    """True when a numeric date means two different days read day first or month first."""
    m = _DAY_MONTH.fullmatch(value.strip()) if isinstance(value, str) else None
    return bool(m) and len(day_month_orders(value)) == 2 and m.group(1) != m.group(2)


def parse_date(
    value: object, *, month_first: bool = False, epoch: dt.date = EXCEL_EPOCH
) -> tuple[pd.Timestamp, str]:
    """Parse a date cell; return the date and the format it was written in.

    Accepts spreadsheet dates, Excel serial numbers (days since ``epoch``: 30 December 1899,
    or 1 January 1904 for a workbook in the 1904 date system, :data:`EXCEL_EPOCH_1904`),
    ``dd/mm/yyyy`` (UK order; also with dots, dashes or a two-digit year; ``mm/dd/yyyy`` when
    ``month_first``), ``yyyy-mm-dd`` and ``d Month yyyy``.

    Raises
    ------
    ValueError
        The cell is blank or not a date in one of those forms.

    """
    if isinstance(value, dt.datetime | pd.Timestamp):
        return pd.Timestamp(value).normalize(), "spreadsheet date"
    if isinstance(value, dt.date):
        return pd.Timestamp(value), "spreadsheet date"
    if is_blank(value):
        raise ValueError("blank")
    text = without_time_of_day(str(value))
    if re.fullmatch(r"\d{5}(\.0+)?", text) or isinstance(value, int | float):
        serial = float(text)
        if 20000 <= serial <= 80000:
            return pd.Timestamp(epoch + dt.timedelta(days=int(serial))), "Excel serial number"
        raise ValueError(text)
    numeric = (
        (r"\d{1,2}/\d{1,2}/\d{4}", "%d/%m/%Y", "dd/mm/yyyy"),
        (r"\d{1,2}\.\d{1,2}\.\d{4}", "%d.%m.%Y", "dd.mm.yyyy"),
        (r"\d{1,2}-\d{1,2}-\d{4}", "%d-%m-%Y", "dd-mm-yyyy"),
        (r"\d{1,2}/\d{1,2}/\d{2}", "%d/%m/%y", "dd/mm/yy"),
    )
    if month_first:
        numeric = tuple(
            (p, f[3:5] + f[2] + f[0:2] + f[5:], lab[3:5] + lab[2] + lab[0:2] + lab[5:])
            for p, f, lab in numeric
        )
    for pattern, fmt, label in (
        *numeric,
        (r"\d{4}-\d{2}-\d{2}", "%Y-%m-%d", "yyyy-mm-dd"),
        (r"\d{4}-\d{2}-\d{2} 00:00:00", "%Y-%m-%d %H:%M:%S", "yyyy-mm-dd"),
        (r"\d{1,2} [A-Za-z]+ \d{4}", "%d %B %Y", "d Month yyyy"),
        (r"\d{1,2} [A-Za-z]{3} \d{4}", "%d %b %Y", "d Mon yyyy"),
    ):
        if re.fullmatch(pattern, text):
            try:
                return pd.Timestamp(dt.datetime.strptime(text, fmt)), label
            except ValueError:
                break
    raise ValueError(text)


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
        for column in others:
            hit = self.df[column].map(is_total_label)
            totals |= hit & first_blank if others_only_when_first_blank else hit
        self.log.add(self.dataset, "Totals row removed", totals.sum())
        self.log.exclude(self.raw.file, self.raw.sheet, TOTALS_ROWS, totals.sum())
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
        by :func:`pipelines.core.validation.meaning_checks`, which names the file, row and
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
            style = _strong_style(text, r)
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


@dataclass
class CleanResult:
    """The tidy datasets of one review and the log of what cleaning fixed.

    Attributes
    ----------
    frames : dict of str to pandas.DataFrame
        The tidy tables, keyed by the name they are saved under.
    log : CleaningLog
        The fixes made and the rows left out.
    rows_read : dict of str to int
        Data rows read from each export (keyed by dataset).
    excluded : dict of str to dict of str to int
        Per dataset, rows cleaning left out of its tidy table, by reason.
    warnings : list of Problem
        What the readers found that the officer should know though nothing stopped (rows or
        sheets hidden in Excel, read and counted), with file, sheet and rows.
    raw_dir : Path or None
        The raw folder the exports were read from.

    """

    frames: dict[str, pd.DataFrame]
    log: CleaningLog
    rows_read: dict[str, int]
    excluded: dict[str, dict[str, int]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    raw_dir: Path | None = None


#: Per dataset, a function ``(tidy frame, settings) -> {reason: rows}`` giving the rows of the
#: tidy table the pack does not count (e.g. leavers outside the review period); registered by
#: the datasets' plausibility modules with :func:`register_not_counted`.
NOT_COUNTED: dict[str, Callable[[pd.DataFrame, Mapping[str, Any]], dict[str, int]]] = {}


def register_not_counted(dataset: str):
    """Register the function giving, by reason, the rows of a tidy dataset the pack leaves out.

    It takes the tidy frame and the review's check settings (``period_start``, ``period_end``,
    ``snapshot_date``...; see :func:`pipelines.steps.check_settings`) and returns ``{reason:
    rows}``; the rows it names are kept in the tidy data but not counted in the pack's figures.
    """

    def decorate(func):
        NOT_COUNTED[dataset] = func
        return func

    return decorate


def row_accounts(
    result: CleanResult, settings: Mapping[str, Any] | None = None
) -> dict[str, dict[str, Any]]:
    """Rows read from each export, rows left out by reason, and rows used: they add up.

    Parameters
    ----------
    result : CleanResult
        The cleaning step's result.
    settings : mapping, optional
        The review's check settings; with them, rows the pack does not count (registered with
        :func:`register_not_counted`, e.g. leavers outside the review period) are itemised too.

    Returns
    -------
    dict
        Dataset -> ``{"read": rows read, "excluded": {reason: rows}, "used": rows used}`` with
        ``read == used + sum(excluded.values())``. Reasons with no rows are left out; rows
        cleaning left out without recording why are counted under :data:`OTHER_CLEANING`.

    """
    accounts: dict[str, dict[str, Any]] = {}
    for key, read in result.rows_read.items():
        frame = result.frames.get(key)
        kept = 0 if frame is None else len(frame)
        excluded = {r: n for r, n in result.excluded.get(key, {}).items() if n}
        other = read - kept - sum(excluded.values())
        if other:
            excluded[OTHER_CLEANING] = other
        if frame is not None and settings is not None and key in NOT_COUNTED:
            for reason, n in NOT_COUNTED[key](frame, settings).items():
                if n:
                    excluded[reason] = excluded.get(reason, 0) + int(n)
        accounts[key] = {
            "read": int(read),
            "excluded": excluded,
            "used": int(read) - sum(excluded.values()),
        }
    return accounts


def clean_review(raw_dir: Path, datasets: dict, services: list[str] | None = None) -> CleanResult:
    """Read and clean every dataset of a review; raise one InputError listing all problems.

    Parameters
    ----------
    raw_dir : Path
        Folder of the raw exports.
    datasets : dict
        Dataset key -> :class:`pipelines.core.config.Dataset` (file and sheet).
    services : list of str, optional
        The review's services (:data:`REVIEW_SERVICES` while cleaning): an export may leave out
        its service column when there is only one.

    """
    from pipelines.core import plugins
    from pipelines.core.sources import read_export

    plugins.load("datasets")  # the datasets' cleaners register themselves

    log = CleaningLog()
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    rows_read: dict[str, int] = {}
    excluded: dict[str, dict[str, int]] = {}
    warnings: list[Problem] = []
    for key, ds in datasets.items():
        absent, optional, required = column_plan(key, ds)
        try:
            raw = read_export(
                raw_dir / ds.file,
                key,
                sheet=ds.sheet,
                raw_dir=raw_dir,
                date_format=getattr(ds, "date_format", None),
                required=required,
            )
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        for column in [*absent, *optional]:
            if column in raw.data.columns:
                continue
            raw.data[column] = None
            if column in absent:
                raw.absent.append(column)
            why = (
                f"declared absent in the review ({absent[column]}): the council does not "
                "collect it; the tables that need it are left out"
                if column in absent
                else "not in the export (optional): left blank"
            )
            log.add(key, f"Column {column.replace('_', ' ')} {why}", 1)
        rows_read[key] = len(raw.data)
        for w in raw.warnings:
            if w not in warnings:  # two datasets may read one sheet
                warnings.append(w)
                hidden = w.row is not None and w.row in raw.hidden_rows
                log.add(key, reader_note(w), len(raw.hidden_rows) if hidden else len(raw.data))
        if raw.dropped_columns:
            log.add(
                key,
                "Columns naming or locating respondents dropped as the export was read, never "
                "kept: " + ", ".join(raw.dropped_columns),
                len(raw.dropped_columns),
            )
        if raw.sub_header_rows:
            log.add(
                key,
                "Survey tool's extra header rows under the question headers skipped",
                raw.sub_header_rows,
            )
        if getattr(raw, "date1904", False):
            log.add(key, "Workbook in Excel's 1904 date system: date numbers read from 1904", 1)
        if key not in CLEANERS:
            raise ConfigError(f"No cleaner is registered for the dataset '{key}'.")
        token = CURRENT_DATASET.set(ds)
        services_token = REVIEW_SERVICES.set(list(services) if services is not None else None)
        try:
            made, found = CLEANERS[key](raw, log)
        except InputError as exc:  # a cleaner that cannot start (a needed column missing)
            problems.extend(exc.problems)
            continue
        finally:
            CURRENT_DATASET.reset(token)
            REVIEW_SERVICES.reset(services_token)
        excluded[key] = dict(log.excluded.get((raw.file, raw.sheet), {}))
        frames.update(made)
        problems.extend(found)
    if problems:
        raise InputError(problems)
    return CleanResult(
        frames=frames,
        log=log,
        rows_read=rows_read,
        excluded=excluded,
        warnings=warnings,
        raw_dir=Path(raw_dir),
    )


#: Columns an export may leave out without saying so (blank when not there).
OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {"establishment": ("scope",)}


def column_plan(
    key: str, ds: Any
) -> tuple[dict[str, str], tuple[str, ...], tuple[str, ...] | None]:
    """Which columns of dataset ``key`` are absent, optional and required of its export.

    Absent: the columns the council does not collect, declared in the review configuration
    (``datasets: <key>: absent: [profession]``) or by mapping the column to nothing in the
    review's own ``columns.yml`` (``<key>: {profession: ~}``); each -> where it was declared.
    Optional: :data:`OPTIONAL_COLUMNS`. Required: the columns of the shipped mapping that are
    neither (None: the reader's default, for datasets the mapping does not list).
    """
    from pipelines.core.sources import SURVEY_EXPORTS, load_mapping, mapping_file, review_mapping

    merged = load_mapping("columns").get(key)
    if merged is None or key in SURVEY_EXPORTS:
        return {}, (), None
    absent = {c: "config: datasets: absent" for c in getattr(ds, "absent", None) or []}
    own = review_mapping("columns").get(key) or {}
    for column, value in own.items():
        if value is None:
            absent.setdefault(column, f"{mapping_file('columns')}: {column}: ~")
    optional = tuple(c for c in OPTIONAL_COLUMNS.get(key, ()) if c not in absent)
    required = tuple(c for c in merged if c not in absent and c not in optional)
    return absent, optional, required


def reader_note(warning: Problem) -> str:
    """A reader's warning as one line of the cleaning log (what, sheet and what was found)."""
    where = f' (sheet "{warning.sheet}")' if warning.sheet else ""
    found = f": {excerpt(warning.found, 120)}" if warning.found else ""
    return f"{warning.what.rstrip('.')}{where}{found}"


def write_processed(
    result: CleanResult, folder: Path, settings: Mapping[str, Any] | None = None
) -> list[Path]:
    """Write the tidy tables (Parquet), the cleaning log and the rows accounts to ``folder``.

    ``rows.json`` holds ``read`` (rows read per export), ``kept`` (rows of each tidy table) and
    ``accounts`` (:func:`row_accounts`: rows read, left out by reason and used, per export;
    with ``settings``, rows the pack does not count are itemised).
    """
    import json

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in result.frames.items():
        path = folder / f"{name}.parquet"
        df.to_parquet(path, index=False)
        written.append(path)
    log = pd.DataFrame(result.log.entries, columns=["dataset", "fix", "rows"])
    log.to_parquet(folder / "cleaning_log.parquet", index=False)
    kept = {k: len(v) for k, v in result.frames.items()}
    (folder / "rows.json").write_text(
        json.dumps(
            {"read": result.rows_read, "kept": kept, "accounts": row_accounts(result, settings)},
            indent=2,
        ),
        encoding="utf-8",
    )
    return [*written, folder / "cleaning_log.parquet", folder / "rows.json"]
