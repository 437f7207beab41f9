"""Errors a scrutiny officer can act on.

Every problem with an input names the file, the sheet (for XLSX), the row as the officer
sees it in Excel (header row = 1 unless a title block sits above it), the column, what was
found and what was expected, and says what to do. The CLI prints these without a traceback
and exits non-zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Characters of a found value shown to the officer (longer values are cut with an ellipsis).
EXCERPT_CHARS = 60
#: Characters of a whole ``found:`` line (lists of columns or values).
FOUND_LINE_CHARS = 160


def excerpt(value: object, limit: int = EXCERPT_CHARS) -> str:
    """A short, one-line excerpt of a value for a message.

    Line breaks, tabs and other control characters become spaces, runs of spaces one space, and
    text longer than ``limit`` characters is cut with an ellipsis, so that a message never dumps
    a long cell (or a whole file read as one cell) at the officer.

    Parameters
    ----------
    value : object
        The value found (converted with ``str``).
    limit : int, optional
        Most characters kept, ellipsis included; default :data:`EXCERPT_CHARS` (60).

    """
    text = re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", str(value))
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > limit:
        return text[: limit - 1].rstrip() + "\u2026"
    return text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input.

    Attributes
    ----------
    what : str
        One line: what is wrong, in plain words.
    file : str
        Path of the file, relative to the project where possible.
    row : int or None
        Row number as seen in Excel (1 = first line of the file); None for whole-file problems.
    column : str or None
        Column header as it appears in the file.
    found : str or None
        The value (or list of columns) found.
    expected : str or None
        What was expected instead.
    hint : str or None
        What the officer should do.
    sheet : str or None
        Sheet name for XLSX files.

    """

    what: str
    file: str
    row: int | None = None
    column: str | None = None
    found: str | None = None
    expected: str | None = None
    hint: str | None = None
    sheet: str | None = None

    def render(self) -> str:
        """Format the problem as the indented block shown to the officer."""
        lines = [self.what]
        where = self.file + (f' (sheet "{self.sheet}")' if self.sheet else "")
        lines.append(f"  file:     {where}")
        if self.row is not None:
            lines.append(f"  row:      {self.row}")
        if self.column is not None:
            lines.append(f"  column:   {self.column}")
        if self.expected is not None:
            lines.append(f"  expected: {self.expected}")
        if self.found is not None:
            lines.append(f"  found:    {excerpt(self.found, FOUND_LINE_CHARS)}")
        if self.hint:
            lines.append(self.hint)
        return "\n".join(lines)


@dataclass
class InputError(Exception):
    """One or more problems with the officer's inputs; the build stops, nothing is replaced."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.render())

    def render(self) -> str:
        """All problems, blank-line separated, ready to print."""
        return "\n\n".join(p.render() for p in self.problems)

    def __str__(self) -> str:
        return self.render()


class ConfigError(Exception):
    """The review configuration is wrong; the message names the key and the file."""
