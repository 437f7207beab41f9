"""Safe exports: CSV files a spreadsheet can open without running anything in them.

OWASP's CSV-injection rule: a cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is read by Excel, LibreOffice and Google Sheets as a formula (``=HYPERLINK(...)``
opens a link, ``=cmd|...`` runs a program). Such a cell is written with a leading ``'`` so the
spreadsheet shows it as text. A number is never a formula: numeric cells are written as numbers
(``-835``), and text that is only a number as members read it (``-12``, ``-1.5``, ``+3``,
``-1,234``, ``-£835``, ``-4.5%``, ``1e-3``) is left as it is, so negative figures stay numbers
and nothing that reads the file finds a quote in front of them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

__all__ = [
    "FORMULA_STARTS",
    "printed_decimals",
    "printed_precision",
    "printed_text",
    "safe_cell",
    "safe_frame",
    "write_csv",
]

#: First characters that make a spreadsheet treat a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Text that is only a number: a sign, an optional currency sign, digits (with thousands
#: separators), decimals, an exponent or a percent sign. Nothing else may follow, so
#: ``-1+cmd|...`` or ``-2*A1`` is still neutralised.
#: The number of decimals in a ``str.format`` pattern such as ``"{:,.1f}%"`` (``.1f`` -> 1).
_FORMAT_DECIMALS = re.compile(r"\{[^}]*:[^}]*\.(\d+)[f%]")
#: Decimals a number is printed with when its table gives no pattern
#: (:func:`pipelines.core.outputs.format_value`: whole numbers as whole, others to 1 place).
DEFAULT_DECIMALS = 1
_PLAIN_NUMBER = re.compile(
    r"[+-]?[£$€]?(?:\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?"
)


def safe_cell(value: object) -> object:
    """``value`` with a leading ``'`` if it is text a spreadsheet would run as a formula.

    Non-text values (numbers, dates, missing) and text that is a plain number are unchanged.
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with every text cell and column label passed through :func:`safe_cell`."""
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
            # kept as objects: a column of whole numbers and blanks stays whole (8, not 8.0)
            out[c] = pd.Series([safe_cell(v) for v in out[c]], index=out.index, dtype=object)
    out.columns = [safe_cell(c) for c in out.columns]
    return out


def write_csv(df: pd.DataFrame, path: str | Path, **options) -> None:
    """Write ``df`` to ``path`` as CSV (``index=False`` unless given), formulas neutralised.

    A frame whose ``attrs["formats"]`` gives its columns' patterns (a table's, as
    :func:`pipelines.documents.pack.collect_tables` reads them) has each decimal written as the
    documents print it (:func:`printed_text`: "2.60", not "2.6").
    """
    options.setdefault("index", False)
    safe_frame(printed_text(df, df.attrs.get("formats"))).to_csv(path, **options)


def printed_text(df: pd.DataFrame, formats: dict[str, str] | None = None) -> pd.DataFrame:
    """``df`` with each number of a column printed with decimals written as the documents do.

    A column whose pattern prints ``d`` > 0 decimals (``"{:.2f}"``) holds its numbers as that
    text ("2.60", "3.00", "-1.50"): a CSV holds exactly the value printed (issue 22 point 5),
    never "2.6" beside a printed "2.60". Thousands separators, currency and percent signs are
    left out, so the cell stays a number to a spreadsheet. Other columns are unchanged.
    """
    if not formats:
        return df
    out = df.copy()
    for c in out.columns:
        pattern = formats.get(str(c))
        decimals = printed_decimals(pattern) if pattern else None
        if not decimals:
            continue
        out[c] = pd.Series(
            [
                f"{float(v):.{decimals}f}"
                if isinstance(v, int | float) and not isinstance(v, bool) and v == v
                else v
                for v in out[c]
            ],
            index=out.index,
            dtype=object,
        )
    return out


def printed_decimals(fmt: str | None) -> int | None:
    """Decimal places a ``str.format`` pattern prints a number with, or None if it says none.

    ``"{:.1f}%"`` -> 1, ``"£{:,.0f}"`` -> 0, ``"{:,}"`` -> None (printed as given), None -> None.
    """
    if not fmt:
        return None
    found = _FORMAT_DECIMALS.search(fmt)
    return int(found.group(1)) if found else None


def printed_precision(df: pd.DataFrame, formats: dict[str, str] | None = None) -> pd.DataFrame:
    """A copy of ``df`` whose decimal numbers are rounded as the documents print them.

    A column with a pattern in ``formats`` (e.g. ``{"Rate": "{:.1f}%"}``) is rounded to the
    pattern's decimal places; any other column of decimals to :data:`DEFAULT_DECIMALS` place,
    as :func:`pipelines.core.outputs.format_value` prints it (a whole number as an integer:
    counts are written ``8``, never ``8.0``; so is any number printed with no decimals). Text
    cells (suppression markers such as ``[c]``) and integers are unchanged, so the CSV holds
    the printed value, not float noise such as ``14.647887323900001``.
    """
    formats = dict(formats or {})
    out = df.copy()
    for c in out.columns:
        pattern = formats.get(str(c))
        decimals = printed_decimals(pattern) if pattern else DEFAULT_DECIMALS
        if decimals is None or not (pd.api.types.is_float_dtype(out[c]) or out[c].dtype == object):
            continue  # integers, booleans and dates are printed as they are
        whole = pattern is None  # format_value prints a whole float without decimals
        out[c] = _column([_round(v, decimals, whole) for v in out[c]], out.index)
    return out


def _column(values: list, index) -> pd.Series:
    """``values`` as a column: all integers (or all floats) get their numeric type.

    A mix, or numbers with blanks or markers, stay objects, so 8 is never widened to 8.0.
    """
    for kind in (int, float):
        if values and all(type(v) is kind for v in values):
            return pd.Series(values, index=index, dtype=kind)
    return pd.Series(values, index=index, dtype=object)


def _round(value: object, decimals: int, whole: bool = True) -> object:
    """``value`` as printed to ``decimals`` places (Python's formatting), if it is a float.

    A float printed without decimals (``decimals`` 0, or a whole number printed by
    :func:`pipelines.core.outputs.format_value`, ``whole``) is the integer the documents
    print: a count of 8 is written ``8`` in the CSV, never ``8.0``.
    """
    if isinstance(value, bool) or not isinstance(value, float) or value != value:
        return value
    if decimals == 0 or (whole and value.is_integer()):
        return int(round(value))
    if value.is_integer():
        return value
    return float(f"{value:.{decimals}f}")
