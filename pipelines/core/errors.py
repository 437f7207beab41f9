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
import unicodedata
from dataclasses import dataclass, field

#: Characters of a found value shown to the officer (longer values are cut with an ellipsis).
EXCERPT_CHARS = 60
#: Characters of a whole ``found:`` line (lists of columns or values).
FOUND_LINE_CHARS = 160


#: Categories of characters that print as nothing or as an ordinary space: format characters
#: (zero-width space and joiners, byte-order mark, soft hyphen, direction marks), control
#: characters, and separators (non-breaking and other special spaces, line and paragraph
#: separators).
INVISIBLE_CATEGORIES = ("Cf", "Cc", "Zs", "Zl", "Zp")


def is_invisible(char: str) -> bool:
    """True for a character an officer cannot see in a message, other than the plain space.

    Zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF), the soft hyphen,
    non-breaking and other special spaces (U+00A0, U+2007, U+202F...), line and paragraph
    separators and control characters (tab, line breaks and the rest).
    """
    return char != " " and unicodedata.category(char) in INVISIBLE_CATEGORIES


def escape_code(char: str) -> str:
    r"""The escape written for one character: ``\u200b`` (``\U0001f600`` above U+FFFF)."""
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def show_invisible(text: str, *, keep: str = "\t\n\r") -> str:
    r"""``text`` with every invisible character written as its escape, so a message shows it.

    ``'Adult\u200b Social Care'`` for a label holding a zero-width space, ``'Team\u00a0A'``
    for a non-breaking space; visible text, including accented and non-Latin letters, is left
    as it is. Characters in ``keep`` (by default tab and line breaks, which lay out a message)
    are left alone.
    """
    text = str(text)
    if text.isascii() and text.isprintable():
        return text
    return "".join(escape_code(c) if c not in keep and is_invisible(c) else c for c in text)


def excerpt(value: object, limit: int = EXCERPT_CHARS) -> str:
    r"""A short, one-line excerpt of a value for a message.

    Line breaks, tabs and other whitespace control characters become spaces and runs of spaces
    one space; other invisible characters (zero-width, non-breaking spaces, control characters)
    are written as escapes (``"Adult\u200b Social Care"``, :func:`show_invisible`); text
    longer than ``limit`` characters is cut with an ellipsis, so that a message never dumps a
    long cell (or a whole file read as one cell) at the officer.

    Parameters
    ----------
    value : object
        The value found (converted with ``str``).
    limit : int, optional
        Most characters kept, ellipsis included; default :data:`EXCERPT_CHARS` (60).

    """
    text = re.sub(r"[\t\n\r\x0b\x0c]+", " ", str(value))
    text = re.sub(r" +", " ", show_invisible(text, keep="")).strip()
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
        """Format the problem as the indented block shown to the officer.

        Invisible characters in any part (a zero-width space in a label, a non-breaking space in
        a header) are written as escapes (:func:`show_invisible`), so the officer can see why two
        texts that look alike differ.
        """
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
        return "\n".join(show_invisible(line, keep="\n") for line in lines)


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
        return "\n".join(show_invisible(line, keep="\n") for line in lines)

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
