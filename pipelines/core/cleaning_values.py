"""How cleaning reads one cell: labels, text, numbers and dates as the officer wrote them.

A label matches its canonical form whatever its case, spacing, apostrophes or dashes
(:func:`label_key`); text is trimmed and a cell a spreadsheet would run as a formula is
neutralised; a number is read with either decimal separator when the value itself says which
(:func:`number_readings`); a date is read day first unless the export's dates contradict it,
from text or an Excel serial number in either date system (:func:`parse_date`). A label saying
its row is a total is recognised (:func:`is_total_label`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re

import pandas as pd

from pipelines.core.cells import SPREADSHEET_ERRORS, is_blank

__all__ = [
    "date_is_ambiguous",
    "day_month_orders",
    "is_total_label",
    "label_key",
    "label_lookup",
    "neutralise_formula",
    "number_readings",
    "parse_date",
    "spreadsheet_error",
    "strong_style",
    "tidy_text",
    "without_time_of_day",
]

EXCEL_EPOCH = dt.date(1899, 12, 30)
#: Day 0 of a workbook saved in Excel's 1904 date system (Excel for Mac's old default): its
#: serial numbers are 1,462 days smaller than the same dates' in the usual 1900 system.
EXCEL_EPOCH_1904 = dt.date(1904, 1, 1)

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


def label_key(text: object) -> str:
    """Matching key for labels: case, spacing, apostrophes and dash styles ignored."""
    return _label_key(str(text))


@functools.lru_cache(maxsize=1 << 16)
def _label_key(text: str) -> str:
    """:func:`label_key` of a string, remembered: an export repeats its labels on every row."""
    s = text.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
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
    return _collapse_spaces(str(value))


@functools.lru_cache(maxsize=1 << 16)
def _collapse_spaces(text: str) -> str:
    """``text`` with runs of spaces made one and the ends trimmed, remembered (see label_key)."""
    return re.sub(r"\s+", " ", text).strip()


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


def strong_style(text: str, readings: dict[str, float]) -> str | None:
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
