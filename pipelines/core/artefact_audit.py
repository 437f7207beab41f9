"""The disclosure audit of every public artefact: what the built public files give away.

The tables' audit (:mod:`pipelines.core.disclosure_audit`) works on the tables as the notebooks
published them. What reaches the public is more: the Word report, every CSV, the HTML and PDF
text, chart alternative text, and figures the SWOT and scorecard quote. :func:`audit_artefacts`
reads the built files from disk and checks them the way a reader could use them:

- personal data (:mod:`pipelines.core.personal_data`, on normalised text) in any text, except
  the names and contacts of people in public office that the review config prints on purpose
  (members, the contact officer, report authors: :func:`public_office_texts`);
- a text that states a small count of people or one a published whole gives away ("4 of 13",
  "11 of 13 would return", "30.8% of the 13 forms", "4 (30.8%)"), or a small number before a
  word for people that the public count protection would rewrite ("four social workers
  left", "2 newly qualified staff": :func:`pipelines.core.disclosure.people_counts`), in any
  cell or sentence;
- a table printed in two forms (CSV, Word, HTML) that hides a cell in one and shows it in the
  other;
- a figure the pack computed (``figures``: key, label, kind, value, numerator, denominator)
  that would give away a small count with its published base
  (:func:`pipelines.core.disclosure.figure_is_disclosive`) and is printed in a table that
  cites it (a column "Indicator" naming its key, as the SWOT's, or "Figure for" naming its
  label, as the scorecard's).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from pipelines.core.disclosure_audit import SUPPRESSED, published_number
from pipelines.core.number_words import number_value


@dataclass(frozen=True)
class ArtefactFinding:
    """One thing in a public file that the audit says must not be published."""

    file: str
    where: str
    problem: str
    found: str

    def to_json(self) -> dict:
        """A JSON-ready form (invisible characters shown escaped)."""
        return {
            "file": self.file,
            "where": self.where,
            "problem": self.problem,
            "found": visible(self.found),
        }


@dataclass
class ArtefactAudit:
    """The audit of the built public files of a meeting."""

    threshold: int
    files: list[str]
    findings: list[ArtefactFinding]
    skipped: list[str] = field(default_factory=list)

    @property
    def safe(self) -> bool:
        """True when no file publishes personal data or a small count."""
        return not self.findings

    def summary(self) -> str:
        """One sentence for the technical annex."""
        what = (
            f"{len(self.files)} public file(s) (Word, HTML, PDF text, chart alternative text, "
            "every CSV) read back and checked for personal data, stated small counts, "
            "figures that give away a small count with their published base, and tables that "
            "hide a cell in one form and show it in another"
        )
        skipped = f" Not checked: {'; '.join(self.skipped)}." if self.skipped else ""
        if self.safe:
            return f"{what}: nothing found.{skipped}"
        return f"{what}: {len(self.findings)} problem(s) found.{skipped}"

    def to_json(self) -> dict:
        """The ``artefacts`` part of ``disclosure_audit.json``."""
        return {
            "files_checked": self.files,
            "not_checked": self.skipped,
            "problems": [f.to_json() for f in self.findings],
            "conclusion": self.summary(),
        }


def visible(text: str) -> str:
    r"""``text`` with invisible and control characters shown escaped (``\\u200b``)."""
    import unicodedata

    return "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cf", "Cc") and c not in "\n\t" else c
        for c in str(text)
    )


def public_office_texts(cfg) -> tuple[str, ...]:
    """Names and contacts the review prints on purpose: members, contact officer, authors.

    Councillors on the group, the contact officer (name, telephone, e-mail), the authors and
    "report of" lines of agenda items are public in their office, and a meeting's place (a
    town hall's postcode) is not a person's; the audit does not report them as personal data.
    """
    out: list[str] = []
    for m in getattr(cfg, "members", None) or []:
        out.append(m.name)
    officer = getattr(cfg, "contact_officer", None)
    if officer is not None:
        out += [getattr(officer, k, None) or "" for k in ("name", "telephone", "email")]
    for meeting in getattr(cfg, "meetings", None) or []:
        out.append(getattr(meeting, "place", None) or "")
        for item in getattr(meeting, "agenda_items", None) or []:
            out += [item.author or "", item.report_of or ""]
    return tuple(x for x in out if x)


def _html_units(text: str) -> tuple[list[tuple[str, str]], list[list[list[str]]]]:
    """Text units (where, text) and tables (rows of cell texts) of an HTML document."""
    from html.parser import HTMLParser

    units: list[tuple[str, str]] = []
    tables: list[list[list[str]]] = []

    class Parser(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.buf: list[str] = []
            self.skip = 0
            self.stack: list[list[list[str]]] = []
            self.cell: list[str] | None = None

        def flush(self) -> None:
            text = " ".join("".join(self.buf).split())
            if text:
                units.append((f"text block {len(units) + 1}", text))
            self.buf = []

        def handle_starttag(self, tag, attrs):
            if tag in ("style", "script"):
                self.skip += 1
            a = dict(attrs)
            if tag == "img" and a.get("alt"):
                units.append(("chart alternative text", a["alt"]))
            if tag == "table":
                self.stack.append([])
            elif tag == "tr" and self.stack:
                self.stack[-1].append([])
            elif tag in ("td", "th") and self.stack:
                self.cell = []
            if tag in ("p", "li", "td", "th", "caption", "figcaption", "dt", "dd", "div", "br",
                       "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section"):  # fmt: skip
                self.flush()

        def handle_endtag(self, tag):
            if tag in ("style", "script"):
                self.skip = max(0, self.skip - 1)
            if tag in ("td", "th") and self.stack and self.cell is not None:
                if self.stack[-1]:
                    self.stack[-1][-1].append(" ".join("".join(self.cell).split()))
                self.cell = None
            if tag == "table" and self.stack:
                tables.append(self.stack.pop())
            self.flush()

        def handle_data(self, data):
            if self.skip:
                return
            self.buf.append(data)
            if self.cell is not None:
                self.cell.append(data)

    parser = Parser()
    parser.feed(text)
    parser.close()
    parser.flush()
    return units, tables


def _docx_units(path) -> tuple[list[tuple[str, str]], list[list[list[str]]]]:
    """Paragraphs, alternative texts and tables (rows of cell texts) of a Word file."""
    import zipfile
    from xml.etree import ElementTree as ET

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    wp = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    units: list[tuple[str, str]] = []
    tables: list[list[list[str]]] = []

    def text_of(el) -> str:
        return "".join(t.text or "" for t in el.iter(f"{w}t"))

    for n, p in enumerate(root.iter(f"{w}p"), start=1):
        text = text_of(p)
        if text.strip():
            units.append((f"paragraph {n}", text))
    for doc_pr in root.iter(f"{wp}docPr"):
        if doc_pr.get("descr"):
            units.append(
                (f"alternative text of {doc_pr.get('name', 'a picture')}", doc_pr.get("descr"))
            )
    for tbl in root.iter(f"{w}tbl"):
        rows = []
        for tr in tbl.findall(f"{w}tr"):
            rows.append([" ".join(text_of(tc).split()) for tc in tr.findall(f"{w}tc")])
        tables.append(rows)
    return units, tables


def _pdf_units(path) -> list[tuple[str, str]] | None:
    """The text of each page of a PDF (None when no PDF reader is installed)."""
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - a dependency; an install without it skips the PDF
        return None
    reader = PdfReader(str(path))
    return [
        (f"page {i}", " ".join((page.extract_text() or "").split()))
        for i, page in enumerate(reader.pages, start=1)
    ]


def stated_small_counts(text: str, threshold: int) -> list[str]:
    """The phrases of ``text`` that state a small count of people or one a stated whole gives.

    "k of (the) n" (in digits or words) where k, or n − k, is from 1 to threshold − 1 and the
    words after it do not name something other than people; "x% of (the) n" whose count
    x × n / 100, or its rest, is small; and "k (x%)" with a small k. Read on normalised text.
    """
    from pipelines.core import disclosure
    from pipelines.core.personal_data import normalise

    low = normalise(text).lower
    out = []
    t = threshold
    for m in disclosure._PART_OF.finditer(low):
        k = number_value(m.group(1))
        n = number_value(m.group(2))
        if k is None or n is None or k > n or disclosure.NOT_PEOPLE_AFTER.match(low, m.end()):
            continue
        if disclosure.NOT_A_COUNT_BEFORE.search(low[max(0, m.start() - 16) : m.start()]):
            continue  # "page 3 of 9", "item 2 of 5"
        if 0 < k < t or 0 < n - k < t:
            out.append(m.group(0))
    for m in disclosure._PERCENT_OF.finditer(low):
        n = number_value(m.group(2))
        if n is None or disclosure.NOT_PEOPLE_AFTER.match(low, m.end()):
            continue
        k = round(float(m.group(1)) * n / 100)
        if 0 < k < t or 0 < n - k < t:
            out.append(m.group(0))
    for m in disclosure._COUNT_PERCENT.finditer(low):
        k = number_value(m.group(1))
        if k is not None and 0 < k < t:
            out.append(m.group(0))
    return out


def _suppressed_mismatch(a: list[list[str]], b: list[list[str]]) -> list[tuple[int, int]]:
    """Cells (row, column) hidden as [c] in one of two same-shaped tables and shown in the other."""
    out = []
    for i, (ra, rb) in enumerate(zip(a, b, strict=True)):
        for j, (x, y) in enumerate(zip(ra, rb, strict=True)):
            if (x.strip() == SUPPRESSED) != (y.strip() == SUPPRESSED):
                out.append((i, j))
    return out


def _csv_rows(df: pd.DataFrame) -> list[list[str]]:
    head = [str(c) for c in df.columns]
    body = [["" if pd.isna(v) else str(v) for v in row] for row in df.itertuples(index=False)]
    return [head, *body]


#: Headers of published table columns whose cells count things that are not people (their
#: tidy tables give them a kind other than a count of people): "9 of 10" in them is 9 of the
#: authority's 10 statistical neighbours with a DfE figure (Kind.RATIO in
#: :mod:`pipelines.sections.national.result`), never a count of people.
NOT_PEOPLE_COLUMNS: frozenset[str] = frozenset({"Neighbours with a figure"})


def audit_artefacts(
    folder,
    threshold: int,
    *,
    figures: Sequence[Mapping] = (),
    allowed: Sequence[str] = (),
    not_people_columns: Iterable[str] = NOT_PEOPLE_COLUMNS,
) -> ArtefactAudit:
    """Read every public file of a built meeting and check it (see the comment above).

    Parameters
    ----------
    folder : path
        The meeting's ``public/`` folder (``report.*``, ``final-report.*``, ``tables/*.csv``
        and the tables' notes, ``tables/README.txt``).
    threshold : int
        The review's disclosure threshold.
    figures : sequence of mapping
        The figures the pack computed for the meeting, each with ``key``, ``label``, ``kind``
        (a :class:`pipelines.core.figures.Kind` value), ``value``, ``numerator`` and
        ``denominator`` (the indicators table's rows).
    allowed : sequence of str
        Names and contacts printed on purpose (:func:`public_office_texts`).
    not_people_columns : iterable of str
        Headers of table columns that count things other than people
        (:data:`NOT_PEOPLE_COLUMNS`). Their cells (in a CSV, a Word or an HTML table) are
        still checked for personal data but not read as stated counts of people; the same
        cell text is not read as one in the PDF either, whose text has no table structure
        (its HTML twin, with the structure, is checked in full).

    Returns
    -------
    ArtefactAudit
        The files read and what must not be published, each with file, place and text.

    """
    from pathlib import Path

    from pipelines.core import disclosure
    from pipelines.core.personal_data import find, normalise

    folder = Path(folder)
    t = threshold
    findings: list[ArtefactFinding] = []
    files: list[str] = []
    skipped: list[str] = []
    allowed_norm = [normalise(a).lower for a in allowed if a]

    surnames = {a.split()[-1] for a in allowed_norm if a.split()}

    def is_allowed(found: str) -> bool:
        f = " ".join(normalise(found).lower.split())
        if any(f and (f in a or a in f) for a in allowed_norm):
            return True
        # A surname printed on purpose, run into the next line's first word by the PDF text
        # ("Sheila Martin" / "Contact" read as "Martin Contact").
        return bool(f.split()) and f.split()[0] in surnames

    not_people = {" ".join(str(c).split()) for c in not_people_columns}

    def check_text(
        file: str, where: str, text: str, counts_people=True, exempt=(), words=True
    ) -> None:
        if not text or not str(text).strip():
            return
        text = str(text)
        for f in find(text):
            if not is_allowed(f.text):
                findings.append(ArtefactFinding(file, where, f"personal data ({f.kind})", f.text))
        if not counts_people:
            return
        said = disclosure.people_counts(text, t) if words else []
        for phrase in [*stated_small_counts(text, t), *said]:
            if phrase not in exempt:
                findings.append(ArtefactFinding(file, where, "a small count of people", phrase))

    def other_cells(rows: list[list[str]]) -> set[str]:
        """The cell texts of a table's columns that count things other than people."""
        if not rows:
            return set()
        cols = [j for j, h in enumerate(rows[0]) if " ".join(h.split()) in not_people]
        return {r[j].strip() for r in rows[1:] for j in cols if j < len(r) and r[j].strip()}

    csvs: dict[str, pd.DataFrame] = {}
    for path in sorted((folder / "tables").glob("*.csv")) if (folder / "tables").is_dir() else []:
        name = f"tables/{path.name}"
        files.append(name)
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        csvs[name] = df
        for c in df.columns:
            check_text(name, f"column header {c!r}", str(c))
        for i, row in enumerate(df.itertuples(index=False), start=2):
            for c, v in zip(df.columns, row, strict=True):
                people = " ".join(str(c).split()) not in not_people
                check_text(name, f"row {i}, column {c!r}", v, counts_people=people)
    notes = folder / "tables" / "README.txt"  # the tables' printed notes, for their readers
    if notes.is_file():
        files.append("tables/README.txt")
        for i, line in enumerate(notes.read_text(encoding="utf-8").splitlines(), start=1):
            check_text("tables/README.txt", f"line {i}", line)
    tables: dict[str, list[list[list[str]]]] = {}
    # The texts of cells in columns that are not people, in any table of any form: a Word or
    # HTML unit that is exactly one of them is that cell; the PDF's text does not say.
    not_people_cells: set[str] = set()
    for df in csvs.values():
        not_people_cells |= other_cells(_csv_rows(df))
    doc_units: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(folder.glob("*.docx")):
        files.append(path.name)
        doc_units[path.name], tables[path.name] = _docx_units(path)
    for path in sorted(folder.glob("*.html")):
        files.append(path.name)
        doc_units[path.name], tables[path.name] = _html_units(path.read_text(encoding="utf-8"))
    for doc_tables in tables.values():
        for rows in doc_tables:
            not_people_cells |= other_cells(rows)
    for name, units in doc_units.items():
        for where, text in units:
            check_text(name, where, text, counts_people=text.strip() not in not_people_cells)
    for path in sorted(folder.glob("*.pdf")):
        units = _pdf_units(path)
        if units is None:
            skipped.append(f"{path.name} (no PDF reader installed; its HTML twin is checked)")
            continue
        files.append(path.name)
        for where, text in units:
            # A page's text runs a table's cells together ("2 Social Worker" is a number of one
            # cell and the label of the next), so counts before words for people are read in
            # its HTML twin, whose cells are apart.
            check_text(path.name, where, text, exempt=not_people_cells, words=False)
    # The same table in two forms: hidden in one, shown in the other.
    csv_rows = {name: _csv_rows(df) for name, df in csvs.items()}
    for doc, doc_tables in tables.items():
        for n, rows in enumerate(doc_tables, start=1):
            if not rows:
                continue
            for name, crow in csv_rows.items():
                if len(crow) != len(rows) or crow[0] != rows[0]:
                    continue
                if any(len(a) != len(b) for a, b in zip(crow, rows, strict=True)):
                    continue
                for i, j in _suppressed_mismatch(crow, rows):
                    shown = rows[i][j] if crow[i][j].strip() == SUPPRESSED else crow[i][j]
                    where_shown = doc if crow[i][j].strip() == SUPPRESSED else name
                    findings.append(
                        ArtefactFinding(
                            where_shown,
                            f"table {n} of {doc} / {name}: row {i + 1}, column {rows[0][j]!r}",
                            "a cell hidden as [c] in one form of the table is shown in another",
                            shown,
                        )
                    )
    # Figures that give away a small count with their published base, in every form of a table.
    by_key = {str(f.get("key")): f for f in figures}
    by_label = {str(f.get("label")): f for f in figures}
    every = dict(csvs)
    for doc, doc_tables in tables.items():
        for n, rows in enumerate(doc_tables, start=1):
            if (
                len(rows) > 1
                and len(set(map(len, rows))) == 1
                and len(set(rows[0])) == len(rows[0])
            ):
                every[f"{doc} (table {n})"] = pd.DataFrame(rows[1:], columns=rows[0])
    for name, df in every.items():
        for i, row in enumerate(df.to_dict("records"), start=2):
            fig = None
            if "Indicator" in df.columns and row.get("Indicator"):
                fig = by_key.get(str(row["Indicator"]))
            elif "Figure for" in df.columns:
                fig = by_label.get(str(row.get("Figure for")))
            if fig is None or not fig.get("kind") or fig.get("value") is None:
                continue
            value = float(fig["value"])
            if pd.isna(value) or not disclosure.figure_is_disclosive(
                fig["kind"], value, fig.get("numerator"), fig.get("denominator"), t
            ):
                continue
            for column in ("Value", "Figure"):
                cell = str(row.get(column, "")).strip()
                shown = published_number(cell)
                numbers = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", cell.replace(",", ""))]
                if (shown is not None and abs(shown - value) < 0.05 + 1e-9) or any(
                    abs(x - round(value, 1)) < 1e-9 or abs(x - value) < 1e-6 for x in numbers
                ):
                    findings.append(
                        ArtefactFinding(
                            name,
                            f"row {row_label(i, row)}, column {column!r}",
                            f"the figure {fig.get('key')} gives away a small count of people "
                            "with its published base (numerator, or the rest of the whole, "
                            f"below {t})",
                            cell,
                        )
                    )
    return ArtefactAudit(t, files, findings, skipped)


def row_label(i: int, row: Mapping) -> str:
    """A row's line number in its CSV file and its reference, for messages."""
    ref = row.get("Ref") or row.get("Figure for") or ""
    return f"{i}" + (f" ({ref})" if ref else "")
