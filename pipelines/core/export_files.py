"""The export files before they are read: where they are, what they are, how they are shown.

Files that are not tables (web pages, binary files), links and paths outside the review's raw
folder are refused without being quoted (:func:`describe_content`, :func:`export_path`);
anything that is not a regular file (a named pipe, a device, a folder) is refused without being
opened (:func:`check_raw_folder`). A CSV's text is decoded the way Excel and HR systems write it
(:func:`decode_text`), and a path is shown to the officer relative to the project
(:func:`display_path`).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from pipelines.core.config import project_root
from pipelines.core.errors import InputError, Problem, excerpt

__all__ = [
    "check_raw_folder",
    "decode_text",
    "describe_content",
    "display_path",
    "export_path",
    "special_file_kind",
    "special_file_problem",
]


def display_path(path: Path) -> str:
    """Path as the officer should see it: relative to the project when inside it."""
    try:
        return str(Path(path).resolve().relative_to(project_root()))
    except ValueError:
        return str(path)


#: Leading bytes of files that are not text, and what to call them.
_MAGIC = (
    (b"\x7fELF", "a program (an executable file)"),
    (b"MZ", "a Windows program (an executable file)"),
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "an old-style Excel or Word file (.xls or .doc)"),
    (b"PK\x03\x04", "a zip archive or an Office file (.xlsx, .docx or .ods)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "a Word document (RTF)"),
)

_HTML = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<table|<!--|<meta|<div)", re.I)
_XML = re.compile(rb"^\s*<\?xml", re.I)


def decode_text(raw: bytes) -> str:
    """Text of a CSV export.

    UTF-16 with a byte-order mark (Excel's "Unicode text", tab separated), UTF-8 with or
    without a BOM, else Windows-1252, else Latin-1.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    bomless = _utf16_without_bom(raw[:4096])
    if bomless:
        return raw.decode(bomless, errors="replace")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _utf16_without_bom(head: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when every other byte is NUL (UTF-16 text without BOM)."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


_CONTROL = bytes([*range(0, 9), *range(14, 32), 127])


def _binary(head: bytes) -> bool:
    """True for bytes that are not text: mostly NULs, or control bytes in invalid UTF-8."""
    if not head:
        return False
    if head.count(0) > 0.9 * len(head):
        return True
    try:
        head.decode("utf-8")
        return False
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return False
    control = sum(head.count(b) for b in _CONTROL)
    return control > 0.05 * len(head) or b"\x00" in head


def describe_content(raw: bytes, suffix: str) -> str | None:
    """What a file that is not a table of text is, in a few words; None when it looks tabular.

    Parameters
    ----------
    raw : bytes
        The file's bytes (the first few kilobytes are enough).
    suffix : str
        The file's extension, lower case (``".csv"``, ``".xlsx"``).

    Returns
    -------
    str or None
        E.g. ``"this looks like a web page (HTML), not a CSV export"`` or ``"this is not a text
        file (it holds binary data)"``; None for text (CSV) or a workbook (XLSX).

    """
    head = raw[:4096]
    if suffix in {".xlsx", ".xlsm"}:
        if head.startswith(b"PK\x03\x04"):
            return None
    for magic, name in _MAGIC:
        if head.startswith(magic):
            kind = "an XLSX" if suffix in {".xlsx", ".xlsm"} else "a CSV"
            return f"this is {name}, not {kind} export"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(head):
        text_head = head.decode("utf-16", errors="ignore").encode("utf-8", errors="ignore")
    else:
        text_head = head.removeprefix(b"\xef\xbb\xbf")
        if _binary(text_head):
            return "this is not a text file (it holds binary data)"
    if _HTML.match(text_head):
        return "this looks like a web page (HTML), not a spreadsheet export"
    if _XML.match(text_head):
        return "this looks like an XML file, not a CSV or XLSX export"
    if suffix in {".xlsx", ".xlsm"}:
        return "this is not an Excel workbook (.xlsx) although its name says so"
    return None


def special_file_kind(path: Path) -> str | None:
    """What ``path`` is when it is not a regular file, in a few words; None for a regular file.

    ``"a named pipe (FIFO)"``, ``"a socket"``, ``"a device"``, ``"a folder"``; None also when
    nothing is at ``path``. The file is only looked at (``os.stat``), never opened, so a named
    pipe cannot make the pack wait for ever.
    """
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def special_file_problem(path: Path, what: str) -> Problem | None:
    """The officer's problem for an input that is not a regular file (None when it is one).

    Parameters
    ----------
    path : Path
        The input's path.
    what : str
        What the file should be, for the message (``"leavers export"``, ``"SWOT entries file"``);
        empty for an entry of the raw folder the review does not name.

    """
    kind = special_file_kind(path)
    if kind is None:
        return None
    subject = f"The {what}" if what else "An entry of the raw data folder"
    return Problem(
        f"{subject} is not a file the pack can read: it is {kind}.",
        excerpt(display_path(path), 120),
        expected="a regular file (a CSV or XLSX export, or the YAML file the review names)",
        found=kind,
        hint="Put the file itself in the review's raw data folder under this name (a folder, "
        "named pipe, socket or device cannot be read as an export), then run again.",
    )


def check_raw_folder(raw_dir: Path, files: Iterable[tuple[str, str]] = ()) -> None:
    """Refuse at once a raw folder holding anything that is not a regular file or a folder.

    Every entry under ``raw_dir`` (hidden names left out, links not followed) is looked at
    without being opened: a named pipe, socket or device stops the run here, before anything
    is read, so that no step waits for ever on it. ``files`` names the inputs the review reads
    (``(what, path relative to raw_dir)``, e.g. ``("SWOT entries file", "swot_curated.yml")``):
    one of them that is a folder is refused too.

    Raises
    ------
    InputError
        One problem per such entry, naming it and what it is.

    """
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        return
    problems: list[Problem] = []
    named: set[Path] = set()
    for what, name in files:
        path = raw_dir / name
        if path.is_symlink():
            continue  # refused by the reader of that file, which names the link
        problem = special_file_problem(path, what)
        if problem is not None and path not in named:
            named.add(path)
            problems.append(problem)
    for root, dirs, names in os.walk(raw_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = Path(root) / name
            try:
                mode = os.lstat(path).st_mode
            except OSError:
                continue
            if stat.S_ISREG(mode) or stat.S_ISLNK(mode) or path in named:
                continue
            problem = special_file_problem(path, "")
            if problem is not None:
                problems.append(problem)
    if problems:
        raise InputError(problems)


def export_path(raw_dir: Path, file: str | Path, dataset: str = "") -> Path:
    """The path of a dataset's export, refused unless it is a real file inside ``raw_dir``.

    Parameters
    ----------
    raw_dir : Path
        The review's raw data folder.
    file : str or Path
        The dataset's ``file:`` from the review configuration (relative to ``raw_dir``), or the
        full path of the export.
    dataset : str, optional
        Dataset key, for the message.

    Returns
    -------
    Path
        ``raw_dir / file``.

    Raises
    ------
    InputError
        The path is a symbolic link, or it (or a folder on the way) resolves outside
        ``raw_dir`` (e.g. ``../../etc/passwd``). The target is never read.

    """
    raw_dir = Path(raw_dir)
    path = Path(file) if Path(file).is_relative_to(raw_dir) else raw_dir / file
    what = dataset.replace("_", " ") or "dataset"
    shown = excerpt(str(Path(display_path(path.parent)) / path.name), 120)
    try:
        inside = path.resolve().is_relative_to(raw_dir.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        inside = False
    if path.is_symlink():
        raise InputError(
            [
                Problem(
                    f"The {what} export is a link to another file, which the pack does not follow.",
                    shown,
                    expected="the export itself, saved in the review's raw data folder",
                    hint="Copy the export into the raw data folder (not a shortcut or link).",
                )
            ]
        )
    if not inside:
        raise InputError(
            [
                Problem(
                    f"The {what} export's path leads outside the review's raw data folder.",
                    shown,
                    expected=f"a file inside {display_path(raw_dir)}",
                    hint="Put the export in the review's raw data folder and give its name "
                    "(without ../ or an absolute path) under datasets in the review "
                    "configuration.",
                )
            ]
        )
    return path
