"""Errors a scrutiny officer can act on.

Every problem with an input names the file, the sheet (for XLSX), the row as the officer
sees it in Excel (header row = 1 unless a title block sits above it), the column, what was
found and what was expected, and says what to do. The CLI prints these without a traceback
and exits non-zero.
"""

from __future__ import annotations

import errno
import os
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


class OfficerError(ConfigError):
    """A problem with a command-line option or the file system, in the officer's message format.

    Rendered like a :class:`Problem`: one line saying what is wrong, then the option or path
    concerned, what was expected, what was found, and what to do. A subclass of
    :class:`ConfigError`, so every command that already reports configuration problems (exit
    status 2, no traceback) reports these too.

    Parameters
    ----------
    what : str
        One line: what is wrong.
    where : tuple of (str, str), optional
        Label and value of the place concerned, e.g. ``("option", "--meeting")`` or
        ``("folder", "outputs/luton-sw-2016")``.
    expected, found : str, optional
        What was expected and what was found (the found value is cut to a short excerpt).
    hint : str, optional
        What the officer should do.

    """

    def __init__(
        self,
        what: str,
        where: tuple[str, str] | None = None,
        *,
        expected: str | None = None,
        found: str | None = None,
        hint: str | None = None,
    ):
        self.what, self.where, self.expected, self.found, self.hint = (
            what,
            where,
            expected,
            found,
            hint,
        )
        super().__init__(self.render())

    def render(self) -> str:
        """The indented block shown to the officer."""
        lines = [self.what]
        if self.where:
            label, value = self.where
            lines.append(f"  {label + ':':<9} {value}")
        if self.expected is not None:
            lines.append(f"  expected: {self.expected}")
        if self.found is not None:
            lines.append(f"  found:    {excerpt(self.found, FOUND_LINE_CHARS)}")
        if self.hint:
            lines.append(self.hint)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.render()


#: File-system conditions an officer can act on (a full disk, a read-only or protected folder,
#: a file where a folder should be), with what to do about each.
STORAGE_HINTS = {
    errno.ENOSPC: (
        "the disk is full",
        "Free some space on that disk (or choose another folder), then run the command again.",
    ),
    errno.EDQUOT: (
        "your disk quota is used up",
        "Free some space in your quota (or choose another folder), then run the command again.",
    ),
    errno.EROFS: (
        "the folder is on a read-only disk",
        "Choose a folder you can write to (--outputs, --processed or --out), then run the "
        "command again.",
    ),
    errno.EACCES: (
        "you do not have permission to write there",
        "Ask for write access to that folder or choose another one, then run the command again.",
    ),
    errno.EPERM: (
        "the operation is not permitted there",
        "Ask for write access to that folder or choose another one, then run the command again.",
    ),
    errno.ENOTDIR: (
        "a file stands where a folder is expected",
        "Move or rename that file, or choose another folder, then run the command again.",
    ),
    errno.EEXIST: (
        "a file stands where a folder is expected",
        "Move or rename that file, or choose another folder, then run the command again.",
    ),
    errno.EISDIR: (
        "a folder stands where a file is expected",
        "Move or rename that folder, or choose another one, then run the command again.",
    ),
    errno.ENAMETOOLONG: (
        "the path is too long",
        "Choose a folder with a shorter path, then run the command again.",
    ),
}


def storage_error(exc: OSError) -> OfficerError | None:
    """The officer's message for a file-system error they can act on, or None for other errors.

    Parameters
    ----------
    exc : OSError
        The error raised by a read or write (its ``errno`` and ``filename`` are used).

    Returns
    -------
    OfficerError or None
        "A file or folder could not be written." naming the path, the condition found (e.g.
        "the disk is full") and what to do; None when ``exc.errno`` is not one of
        :data:`STORAGE_HINTS`.

    """
    code = exc.errno
    if code is None:  # some libraries (pyarrow) put the error number in the text only
        match = re.search(r"\[Errno (\d+)\]|(No space left on device)", str(exc))
        if match:
            code = int(match.group(1)) if match.group(1) else errno.ENOSPC
    if code not in STORAGE_HINTS:
        return None
    found, hint = STORAGE_HINTS[code]
    path = exc.filename if exc.filename is not None else "(not named by the system)"
    return OfficerError(
        "A file or folder could not be written.",
        ("path", str(path)),
        expected="a folder on a disk with free space that you can write to",
        found=f"{found} ({exc.strerror or os.strerror(code)})",
        hint=hint,
    )
