"""Cells and headers as found in an export: blanks, Excel column letters, header keys.

Shared by the readers (:mod:`pipelines.core.sources`, :mod:`pipelines.core.workbook_facts`)
and the cleaning framework, so that a cell is blank, a header matches and a row range is
written the same way wherever a problem names them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import pandas as pd

__all__ = [
    "SPREADSHEET_ERRORS",
    "column_letter",
    "is_blank",
    "normalise_header",
    "row_ranges",
]

#: Text Excel writes in a cell whose formula failed.
SPREADSHEET_ERRORS = (
    "#REF!",
    "#N/A",
    "#DIV/0!",
    "#VALUE!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
)


def is_blank(value: object) -> bool:
    """True for empty cells: None, NaN, or only spaces."""
    if value is None:
        return True
    if isinstance(value, float) and pd.isna(value):
        return True
    if isinstance(value, dt.datetime | dt.date):
        return False
    return str(value).strip() == ""


def normalise_header(text: object) -> str:
    """Header key for matching: lower case, single spaces, no spaces at the ends."""
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


def column_letter(index: int) -> str:
    """Excel's letter for a 0-based column position (0 -> ``"A"``, 26 -> ``"AA"``)."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def row_ranges(rows: Iterable[int]) -> str:
    """Row numbers as ranges for a message: ``[5, 6, 7, 10]`` -> ``"5-7, 10"``."""
    spans: list[list[int]] = []
    for r in sorted(set(rows)):
        if spans and r == spans[-1][1] + 1:
            spans[-1][1] = r
        else:
            spans.append([r, r])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)
