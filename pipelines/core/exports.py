"""Safe exports: CSV files a spreadsheet can open without running anything in them.

OWASP's CSV-injection rule: a cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is read by Excel, LibreOffice and Google Sheets as a formula (``=HYPERLINK(...)``
opens a link, ``=cmd|...`` runs a program). Such a cell is written with a leading ``'`` so the
spreadsheet shows it as text. A plain number written as text (``-12``, ``-1.5``, ``+3``) is not
a formula and is left as it is, so negative figures stay numbers.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

__all__ = ["FORMULA_STARTS", "safe_cell", "safe_frame", "write_csv"]

#: First characters that make a spreadsheet treat a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


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
            out[c] = out[c].map(safe_cell)
    out.columns = [safe_cell(c) for c in out.columns]
    return out


def write_csv(df: pd.DataFrame, path: str | Path, **options) -> None:
    """Write ``df`` to ``path`` as CSV (``index=False`` unless given), formulas neutralised."""
    options.setdefault("index", False)
    safe_frame(df).to_csv(path, **options)
