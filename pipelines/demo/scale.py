"""Scaled copies of the demo exports: N times the staff, leavers, respondents and forms.

``python -m pipelines.demo --scale N --out DIR`` writes the demo exports as usual and then makes
every person-level export N times longer: each leaver, exit form, caseload worker, staff survey
respondent and locum respondent appears N times, copy ``k`` (from 1) with ``k`` written after its
identifiers (``E149269`` -> ``E1492690001``; an exit form keeps pointing at its leaver's copy),
the establishment's posts are multiplied by N, and each line of the workforce snapshot appears N
times, copy ``k`` as a team of its own (``MASH`` -> ``MASH0001``: a larger council has more lines,
not lines N times fuller, which the FTE-per-post check would stop), so rates (turnover, vacancy,
agency share) stay as they were. Everything else (pay rates, market
supplements, the published figures, SWOT and tracker registers) is copied unchanged, so checks
of the published figures report the differences: the scaled data are for timing builds, not
for reading. ``--scale 1`` (the default) writes exactly the committed demo files.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pipelines.core.workbooks import save_workbook_reproducibly
from pipelines.datasets.leavers import demo as leavers_demo
from pipelines.datasets.surveys import demo as surveys_demo
from pipelines.datasets.workforce import demo as workforce_demo

#: CSV exports with one row per person, and the columns holding identifiers.
PERSON_CSV = {
    leavers_demo.LEAVERS_FILE: ("Employee Ref",),
    workforce_demo.CASELOADS_FILE: ("Worker ID",),
    surveys_demo.STAFF_FILE: ("Respondent ID",),
    surveys_demo.LOCUM_FILE: ("Response ID",),
}
#: Workbook sheets with one row per person, and their identifier columns.
PERSON_SHEETS = {
    (leavers_demo.EXIT_INTERVIEWS_FILE, leavers_demo.EXIT_INTERVIEWS_SHEET): (
        "Form No",
        "Employee Ref",
    ),
}
#: CSV exports of counts of posts, and the columns multiplied.
COUNT_CSV = {leavers_demo.ESTABLISHMENT_FILE: ("Posts",)}
#: Workbook sheets of lines of staff in post (FTE), and the column that makes each copy's line its
#: own (the team).
LINE_SHEETS = {(workforce_demo.WORKFORCE_FILE, workforce_demo.SNAPSHOT_SHEET): ("Team",)}


def copy_id(value: str, k: int) -> str:
    """The identifier of copy ``k`` of a person (copy 0 is the person as generated)."""
    return value if k == 0 or not value else f"{value}{k:04d}"


def _read_csv(path: Path) -> tuple[list[list[str]], str, str]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    newline = "\r\n" if "\r\n" in text else "\n"
    return list(csv.reader(io.StringIO(text, newline=""))), encoding, newline


def _write_csv(path: Path, rows: list[list[str]], encoding: str, newline: str) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8" if encoding == "utf-8-sig" else encoding))


def _number(value, n: int):
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value * n
    try:
        number = float(str(value).replace(",", ""))
    except ValueError:
        return value
    return str(int(number * n)) if number.is_integer() else f"{number * n:g}"


def scale_csv(path: Path, n: int, ids: tuple[str, ...] = (), counts: tuple[str, ...] = ()) -> None:
    """Repeat a CSV's data rows ``n`` times (identifiers made unique), or multiply its counts."""
    rows, encoding, newline = _read_csv(path)
    header, body = rows[0], [r for r in rows[1:] if r]
    # A total row at the foot of the export (``Total,,,95,...``) stays last, its sums times n.
    totals = [r for r in body if r[0].strip().lower().startswith("total")]
    body = [r for r in body if r not in totals]
    id_cols = [header.index(c) for c in ids]
    count_cols = [header.index(c) for c in counts]
    out = [header]
    if count_cols:
        out += [[_number(v, n) if i in count_cols else v for i, v in enumerate(r)] for r in body]
    else:
        for k in range(n):
            out += [[copy_id(v, k) if i in id_cols else v for i, v in enumerate(r)] for r in body]
    out += [[r[0], *(_number(v, n) if v else v for v in r[1:])] for r in totals]
    _write_csv(path, out, encoding, newline)


def scale_sheet(
    path: Path, sheet: str, n: int, ids: tuple[str, ...] = (), counts: tuple[str, ...] = ()
) -> None:
    """Repeat a worksheet's data rows ``n`` times (identifiers made unique), or multiply counts.

    The header is the first row; the workbook is saved with the demo's fixed timestamps.
    """
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    header, body = rows[0], [r for r in rows[1:] if any(v is not None for v in r)]
    id_cols = [header.index(c) for c in ids]
    count_cols = [header.index(c) for c in counts]
    if count_cols:
        new = [[_number(v, n) if i in count_cols else v for i, v in enumerate(r)] for r in body]
    else:
        # Lines are repeated block by block: a total row ("Total <service>", "Grand total")
        # follows the copies of the lines above it once, its sums times n.
        new, block = [], []
        for r in body:
            if str(r[0] or "").strip().lower().startswith(("total", "grand total")):
                new += _copies(block, n, id_cols)
                new.append([r[0], *(_number(v, n) if v is not None else v for v in r[1:])])
                block = []
            else:
                block.append(r)
        new += _copies(block, n, id_cols)
    for r, values in enumerate(new, start=2):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=value)
    save_workbook_reproducibly(wb, path, leavers_demo.FIXED_TIMESTAMP)


def _copies(rows: list[list], n: int, id_cols: list[int]) -> list[list]:
    """``n`` copies of ``rows``, copy ``k``'s identifiers made unique (:func:`copy_id`)."""
    return [
        [copy_id(v, k) if i in id_cols and isinstance(v, str) else v for i, v in enumerate(r)]
        for k in range(n)
        for r in rows
    ]


def scale_demo(folder: Path, n: int) -> list[Path]:
    """Scale the demo exports in ``folder`` by ``n`` in place; the files changed."""
    if n < 1:
        raise ValueError("The scale must be a whole number of at least 1.")
    if n == 1:
        return []
    folder = Path(folder)
    changed = []
    for name, ids in PERSON_CSV.items():
        scale_csv(folder / name, n, ids=ids)
        changed.append(folder / name)
    for name, counts in COUNT_CSV.items():
        scale_csv(folder / name, n, counts=counts)
        changed.append(folder / name)
    for (name, sheet), ids in PERSON_SHEETS.items():
        scale_sheet(folder / name, sheet, n, ids=ids)
        changed.append(folder / name)
    for (name, sheet), ids in LINE_SHEETS.items():
        scale_sheet(folder / name, sheet, n, ids=ids)
        changed.append(folder / name)
    return sorted(set(changed))
