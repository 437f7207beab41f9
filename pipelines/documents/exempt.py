"""The exempt appendix of a committee report.

Only the tables and charts of the exempt run that the public report does not show as they are,
each with the Schedule 12A paragraph that applies to it.
"""

from __future__ import annotations

import copy
import html
import io
import numbers
import re
from collections.abc import Iterable, Mapping, Sequence

import nbformat
import pandas as pd

from pipelines.core.disclosure import SUPPRESSED
from pipelines.core.outputs import META_KEY, caption_note_html, caption_parts, slug, table_html
from pipelines.documents import blocks
from pipelines.documents.pack import Section, _file_part, _section_title


def _keyed_outputs(section: Section) -> list[tuple[tuple[str, int], Mapping]]:
    """Each table and chart of a section with a key (name, occurrence) shared across runs."""
    seen: dict[str, int] = {}
    keyed = []
    for cell in section.notebook.get("cells", []):
        for o in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            meta = (o.get("metadata") or {}).get(META_KEY) or {}
            if meta.get("kind") not in ("table", "chart"):
                continue
            name = str(meta.get("name") or slug(str(meta.get("caption", ""))))
            seen[name] = seen.get(name, 0) + 1
            keyed.append(((name, seen[name]), o))
    return keyed


def exempt_outputs(exempt: Section, public: Section | None) -> list[Mapping]:
    """The tables and charts of the exempt run that the public run does not show as they are.

    An output is exempt-only when the public run has no output of the same name (and
    occurrence), or has it with different data (cells suppressed, a chart withheld, a per-person
    table replaced by a note).
    """
    public_data = {
        k: ((o.get("metadata") or {}).get(META_KEY) or {}).get("data")
        for k, o in (_keyed_outputs(public) if public is not None else [])
    }
    out = []
    for k, o in _keyed_outputs(exempt):
        data = ((o.get("metadata") or {}).get(META_KEY) or {}).get("data")
        if k not in public_data or public_data[k] != data:
            out.append(o)
    return out


#: Schedule 12A, Part 1 (Local Government Act 1972): the paragraphs an exempt item can cite.
SCHEDULE_12A = {
    1: "information relating to any individual",
    2: "information which is likely to reveal the identity of an individual",
    3: "information relating to the financial or business affairs of any particular person "
    "(including the authority holding that information)",
}


def _frame(output: Mapping | None) -> pd.DataFrame | None:
    """The data of a table or chart as shown (its ``evidence_pack`` metadata), or None."""
    data = blocks.meta(output).get("data") if output is not None else None
    if not data:
        return None
    try:
        return pd.read_json(io.StringIO(str(data)), orient="split", dtype=False)
    except (ValueError, AttributeError, TypeError):  # not a table's data: no figures
        return None


def _people_columns(meta: Mapping, frame: pd.DataFrame) -> list[str]:
    """The columns of a table that count people.

    Those its ``kinds`` say count people (never full-time equivalents: FTE count posts, how
    they are filled, and are public at any size) or, with no kinds, its columns after the
    first that are not marked ``not_counts`` (only whole numbers in them are read as counts).
    """
    kinds = meta.get("kinds") or {}
    if kinds:
        return [
            c for c in frame.columns if str(kinds.get(str(c), "")).startswith("count of people")
        ]
    not_counts = set(meta.get("not_counts") or [])
    return [c for c in frame.columns[1:] if str(c) not in not_counts]


def small_groups(output: Mapping, threshold: int = 5) -> bool:
    """Whether a table or chart holds a group so small that people could be identified.

    That is a count of people from 1 to ``threshold`` - 1 (:func:`_people_columns`). A few FTE
    are a few posts: a table whose only small figures are FTE identifies no one.
    """
    meta = blocks.meta(output)
    frame = _frame(output)
    if frame is None:
        return False
    for c in _people_columns(meta, frame):
        for v in frame[c]:
            if isinstance(v, bool) or not isinstance(v, numbers.Number) or pd.isna(v):
                continue
            if float(v).is_integer() and 1 <= v < threshold:
                return True
    return False


def _suppressed(output: Mapping | None) -> bool:
    """Whether a table or chart shows a figure suppressed ("[c]")."""
    return output is not None and SUPPRESSED in str(blocks.meta(output).get("data") or "")


def _public_copy(output: Mapping, public: Section | None) -> Mapping | None:
    """The public run's output of the same name and kind (table or chart), if it has one.

    A chart the public run does not draw is not shown there, even where the public chapter
    prints a table of the same name in its place (the exit ratings with no share shown).
    """
    name, kind = _name(output), blocks.meta(output).get("kind")
    found = [
        o
        for k, o in (_keyed_outputs(public) if public is not None else [])
        if k[0] == name and blocks.meta(o).get("kind") == kind
    ]
    return found[0] if found else None


def _name(output: Mapping) -> str:
    meta = blocks.meta(output)
    return str(meta.get("name") or slug(str(meta.get("caption", ""))))


def how_shown(output: Mapping, public_copy: Mapping | None, shown_in: str) -> str:
    """What the public version of an exempt item does, in words, read from the two versions.

    Its staff's words left out (columns), its small numbers suppressed ("[c]"), or rows left
    out or merged; "does not show it" when the public report does not print it.
    """
    if public_copy is None:
        return "the public report does not show it"
    mine, theirs = _frame(output), _frame(public_copy)
    words = [str(c) for c in blocks.meta(output).get("free_text") or []]
    if mine is not None and theirs is not None:
        if any(w in mine.columns and w not in theirs.columns for w in words):
            return f"{shown_in} shows it without their words"
    if _suppressed(public_copy):
        return f"{shown_in} shows it with them suppressed"
    if mine is not None and theirs is not None and len(theirs) < len(mine):
        return f"{shown_in} shows it with the rows that hold them merged or left out"
    return f"{shown_in} shows it without them"


def exempt_paragraph(
    output: Mapping,
    public: Section | None,
    financial: Mapping[str, str] | None = None,
    printed: Section | None = None,
    shown_in: str = "the public report",
    threshold: int = 5,
) -> tuple[int, str] | None:
    """The Schedule 12A paragraph that applies to an exempt table or chart, and why.

    None when no paragraph holds: the item is not exempt, and the technical annex alone shows it.

    Decided from what the item holds:

    - 3, with the review's reason, when the review records (``exempt_financial``: output name
      -> reason) that the output is exempt as financial or business affairs;
    - 1 when it holds one row per person or staff's own words (its metadata: ``individuals``,
      ``free_text``): information relating to individuals;
    - 2 when it holds a count of people from 1 to ``threshold`` - 1 (:func:`small_groups`),
      the section marks it as resting on such counts (metadata ``small_groups``: a projection
      whose values give back 3 starters a year), or the public run shows it with figures
      suppressed: groups so small that people could be identified;
    - None otherwise: aggregate figures (FTE, rates, costs) identify no one, whatever the public
      report leaves out.

    The reason ends with what the public report does with the item (:func:`how_shown`): it says
    the public report shows it only when ``printed`` (the same section as the public report
    prints it) holds it (``shown_in``: which report, when an earlier one tabled the chapter).
    """
    meta = blocks.meta(output)
    name = _name(output)
    if financial and name in financial:
        return 3, " ".join(str(financial[name]).split())
    copy_ = _public_copy(output, public)
    in_report = _public_copy(output, printed) if copy_ is not None else None
    shown = how_shown(output, in_report, shown_in)
    if meta.get("individuals") or meta.get("free_text"):
        return 1, f"records or words of individual staff; {shown}"
    if _suppressed(copy_) or meta.get("small_groups") or small_groups(output, threshold):
        return 2, f"groups so small that people could be identified; {shown}"
    return None


def _row_key(row: Sequence) -> tuple:
    """A row's cells, compared as printed data: numbers by value, blanks alike, text as text."""
    out = []
    for v in row:
        if isinstance(v, numbers.Number) and not isinstance(v, bool):
            out.append("" if pd.isna(v) else round(float(v), 9))
        else:
            out.append("" if v is None else str(v))
    return tuple(out)


def withheld(output: Mapping, public_copy: Mapping | None) -> tuple[list[int], list] | None:
    """The rows and columns of a table that its public version withholds, or None for all.

    A row is public when the public version has a row with the same cells (each public row
    matched once); the others are withheld: a cell suppressed ("[c]"), or the row left out or
    merged. When the public version has the same rows (by their first cell), a column of
    figures that it shows as they are in every withheld row is public too; the first column
    and columns of words (labels, dates, explanations) are kept. None (the whole table is
    exempt) when there is no public version, it has other columns (staff's words left out),
    the table is one row per person or staff's words, or nothing of it is public.
    """
    meta = blocks.meta(output)
    if public_copy is None or meta.get("kind") != "table":
        return None
    if meta.get("individuals") or meta.get("free_text") or meta.get("csv_only"):
        return None
    mine, theirs = _frame(output), _frame(public_copy)
    if mine is None or theirs is None or list(mine.columns) != list(theirs.columns):
        return None
    public_rows: dict[tuple, int] = {}
    for row in theirs.itertuples(index=False, name=None):
        public_rows[_row_key(row)] = public_rows.get(_row_key(row), 0) + 1
    keep = []
    for i, row in enumerate(mine.itertuples(index=False, name=None)):
        if public_rows.get(_row_key(row), 0) > 0:
            public_rows[_row_key(row)] -= 1
        else:
            keep.append(i)
    if not keep:
        return None
    cols = list(mine.columns)
    first = [str(v) for v in mine.iloc[:, 0]]
    if len(theirs) == len(mine) and first == [str(v) for v in theirs.iloc[:, 0]]:
        cols = [cols[0]] + [
            c
            for c in cols[1:]
            if not pd.api.types.is_numeric_dtype(mine[c])
            or any(_row_key([mine[c].iloc[i]]) != _row_key([theirs[c].iloc[i]]) for i in keep)
        ]
    if len(keep) == len(mine) and len(cols) == len(mine.columns):
        return None
    return keep, cols


_TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL)
_CAPTION_TEXT = re.compile(r"<caption>(.*?)</caption>", re.DOTALL)
_NUMERIC_HEAD = re.compile(r'<th scope="col" class="num">(.*?)</th>', re.DOTALL)


def _others(n: int, what: str) -> str:
    return f"the other {what}" if n == 1 else f"the other {n} {what}s"


def trimmed(output: Mapping, rows: Sequence[int], cols: Sequence) -> nbformat.NotebookNode | None:
    """A copy of a table holding only ``rows`` and ``cols``, with a line saying the rest is public.

    The table is rebuilt from the trimmed rows as the notebook printed it (caption, number
    columns, formats) and its data (the CSV file) are trimmed too; None when its HTML is not
    one table (then it is shown whole). Only for a table the public report prints: the line
    counts the rows and columns it prints as they are.
    """
    out = copy.deepcopy(output)
    meta, frame = blocks.meta(out), _frame(out)
    data = out.get("data") or {}
    fragment = data.get("text/html")
    fragment = "".join(fragment) if isinstance(fragment, list) else str(fragment or "")
    found = list(_TABLE.finditer(fragment))
    if frame is None or len(found) != 1:
        return None
    old = found[0].group(0)
    caption = _CAPTION_TEXT.search(old)
    numeric = {html.unescape(h) for h in _NUMERIC_HEAD.findall(old)}
    part = frame.iloc[list(rows)][list(cols)].reset_index(drop=True)
    table = table_html(
        part,
        html.unescape(caption.group(1)) if caption else "",
        formats=meta.get("formats") or {},
        row_headers='<th scope="row"' in old,
        numeric=[c for c in part.columns if str(c) in numeric],
    )
    other = []
    if len(rows) < len(frame):
        other.append(_others(len(frame) - len(rows), "row"))
    if len(cols) < len(frame.columns):
        other.append(_others(len(frame.columns) - len(cols), "column"))
    note = f"Only what the public report withholds is shown; it prints {' and '.join(other)}."
    fragment = (
        fragment[: found[0].start()] + table + caption_note_html(note) + fragment[found[0].end() :]
    )
    data["text/html"] = fragment
    meta["data"] = part.to_json(orient="split", index=False, date_format="iso")
    return out


def csv_only(output: Mapping, file_name: str) -> nbformat.NotebookNode:
    """A copy of a table too long to print: a line naming its CSV file in its place.

    Its data (the CSV file the appendix comes with) are kept whole.
    """
    out = copy.deepcopy(output)
    meta, frame = blocks.meta(out), _frame(out)
    title = caption_parts(str(meta.get("caption", "")))[0]
    rows = len(frame) if frame is not None else 0
    out.setdefault("data", {})["text/html"] = (
        f'<p class="ep-table-note ep-csv-only">{html.escape(title)}: {rows} rows, not printed '
        f"here, in the file {html.escape(file_name)}.</p>"
    )
    return out


#: Said once in a section of the appendix naming files (:func:`csv_only`), not at each file.
CSV_FILES = "The files named below go with this appendix, in its tables folder."
#: What the build says when a meeting's evidence withholds nothing: no appendix is written.
NO_APPENDIX = "no exempt appendix for this meeting: nothing is withheld"


def exempt_line(paragraph: int, why: str) -> str:
    """The line over an exempt item: its Schedule 12A paragraph and the reason."""
    return f"Exempt under Schedule 12A, paragraph {paragraph}: {why}."


_CAPTION = re.compile(r"<(caption|figcaption)\b[^>]*>", re.IGNORECASE)


def with_exempt_line(output: Mapping, paragraph: int, why: str) -> nbformat.NotebookNode:
    """A copy of an exempt table or chart whose own block opens with its Schedule 12A line.

    The line is the first line of the table's caption (or the chart's title), so it travels
    with the table's first rows or the chart to whichever page they start on; a separate
    paragraph above was left at the foot of a page when the table started the next. An output
    with no caption gets one wrapper holding the line and the output, the line kept with what
    follows it (pack.css).
    """
    out = copy.deepcopy(output)
    data = out.setdefault("data", {})
    fragment = data.get("text/html")
    line = f'<span class="ep-exempt-note">{html.escape(exempt_line(paragraph, why))}</span>'
    if fragment is None:
        fragment = "<p>" + html.escape(str(data.get("text/plain", ""))) + "</p>"
    fragment = "".join(fragment) if isinstance(fragment, list) else str(fragment)
    found = _CAPTION.search(fragment)
    if found:
        fragment = fragment[: found.end()] + line + fragment[found.end() :]
    else:
        fragment = f'<div class="ep-exempt-item"><p>{line}</p>{fragment}</div>'
    data["text/html"] = fragment
    return out


def exempt_sections(
    exempt: Sequence[Section],
    public: Sequence[Section],
    paragraphs: Sequence[str],
    *,
    annex_only: Iterable[str] = (),
    financial: Mapping[str, str] | None = None,
    printed: Sequence[Section] = (),
    earlier: Mapping[str, str] | None = None,
    unchanged: Mapping[str, str] | None = None,
    threshold: int = 5,
) -> list[Section]:
    """The exempt appendix: an introduction, then each section's exempt-only tables and charts.

    Each table and chart carries the Schedule 12A paragraph that applies to its content
    (:func:`exempt_paragraph`); the introduction lists the paragraphs the appendix cites.
    Sections with nothing exempt, and ``annex_only`` sections (the data-quality appendix, which
    is for analysts), are left out. When no section has an exempt item of its own (nothing, or
    only sections unchanged since an earlier appendix), there is no appendix: ``[]``, and the
    meeting tables none (:data:`NO_APPENDIX`). ``paragraphs`` (the review's
    ``exempt_paragraphs``) are never cited in place of the items' own.
    ``printed``: the public report's sections, so an item's line says the public report shows
    it only when it does. ``earlier``: the chapters an earlier report tabled (section -> "the
    report to the meeting of ..."), printed here as one line: an item that report shows with
    its small numbers suppressed (the public run's outputs tagged for the report) says so.
    ``unchanged``: the sections whose exempt items are those of an earlier report's exempt
    appendix (section -> "the report to the meeting of ..."): each is one line naming it.
    An item for which no paragraph holds is left out (``threshold``: the review's disclosure
    threshold); the introduction says how many items the public report shows in part
    (:func:`in_part`), never that everything else is in it.
    """
    from pipelines.documents.report import report_outputs

    by_name = {s.name: s for s in public}
    in_report = {s.name: s for s in printed}
    shown_in = {}
    for name, where in (earlier or {}).items():
        if name in by_name:  # what that report printed: this run's outputs tagged for it
            cell = blocks.cell(list(report_outputs(by_name[name])))
            in_report[name], shown_in[name] = Section(name, blocks.notebook(cell)), where
    skip = set(annex_only)
    parts = []
    used: set[int] = set()
    referred: list[tuple[Section, str, str]] = []
    for section in [s for s in exempt if s.name not in skip]:
        outputs = exempt_outputs(section, by_name.get(section.name))
        title = _section_title(section)
        if outputs and title and section.name in (unchanged or {}):
            referred.append((section, title, (unchanged or {})[section.name]))
            continue
        if outputs and title:
            items = []
            for o in outputs:
                found = exempt_paragraph(
                    o,
                    by_name.get(section.name),
                    financial,
                    in_report.get(section.name),
                    shown_in.get(section.name, "the public report"),
                    threshold,
                )
                if found is None:  # no paragraph holds: not exempt (the annex shows it)
                    continue
                used.add(found[0])
                items.append((*found, _as_printed(o, section, in_report, by_name)))
            if items:
                parts.append((section, title, items))
    cited = [f"Paragraph {p} of Part 1 of Schedule 12A: {SCHEDULE_12A[p]}." for p in sorted(used)]
    intro = (
        "# About this appendix\nThis appendix holds only the tables and charts that cannot be "
        "published; each says which paragraph of Schedule 12A to the Local Government Act 1972 "
        f"applies to it and why. {in_part([why for _s, _t, i in parts for _p, why, _o in i])} "
        "The paragraphs cited:\n\n" + blocks.bullets(cited)
    )
    if not parts:  # nothing withheld of its own: no appendix to table (docs/architecture.md)
        return []
    cells = [blocks.md(intro)]
    if referred:
        lines = [f"{title}: the exempt appendix to {where}." for _s, title, where in referred]
        cells.append(
            blocks.md(
                "The exempt tables and charts of these sections are unchanged since an earlier "
                "exempt appendix (the same figures and settings), so they are not repeated here; "
                "each is in the appendix named:\n\n" + blocks.bullets(lines)
            )
        )
    out = [Section("e00_about", blocks.notebook(*cells))]
    for n, (section, title, items) in enumerate(parts, start=1):
        files = any(blocks.meta(o).get("csv_only") for _p, _w, o in items)
        cells = [
            blocks.md(
                f"# {chr(64 + n)}. {title}\nThe tables and charts of this section that the "
                "public report shows only in part, or not at all."
                + (f" {CSV_FILES}" if files else "")
            )
        ]
        cells += [blocks.cell([with_exempt_line(o, para, why) for para, why, o in items])]
        out.append(Section(section.name, blocks.notebook(*cells)))
    return out


def _as_printed(
    output: Mapping, section: Section, in_report: Mapping[str, Section], public: Mapping
) -> Mapping:
    """An exempt item as the appendix prints it: only its withheld rows, or its CSV file named.

    A table too long to print (``csv_only``) is named with its CSV file; a table that the public
    report prints with some of its rows holds only the others (:func:`withheld`). A table the
    public report does not print is shown whole: no paper a reader has prints the other rows.
    """
    if blocks.meta(output).get("csv_only"):
        return csv_only(output, f"{_file_part(section.name)}__{_file_part(_name(output))}.csv")
    kept = withheld(output, _public_copy(output, public.get(section.name)))
    if kept is None:
        return output
    if _public_copy(output, in_report.get(section.name)) is None:
        return output  # no public paper prints the rest: the table is shown whole
    return trimmed(output, *kept) or output


def in_part(reasons: Sequence[str]) -> str:
    """The introduction's sentence on what the public report shows of the appendix's items.

    How many of them it shows in part (read from their reasons, :func:`how_shown`) and that it
    does not show the others; never that everything else is in it.
    """
    n = len(reasons)
    shown = [r for r in reasons if " shows it " in r]
    if not n:
        return ""
    if not shown:
        return "The public report shows none of them."
    rest = f" and does not show the other {n - len(shown)}" if n > len(shown) else ""
    if all("the public report shows it " in r for r in shown):  # this meeting's report
        if not rest:
            return "The public report shows each of them only in part."
        return f"The public report shows {len(shown)} of these {n} only in part{rest}."
    # some shown by an earlier report: each item's line names the report
    if not rest:
        return "Each of them is shown only in part, in the report its line names."
    return (
        f"Of these {n}, {len(shown)} are shown only in part, in the report each names; the "
        f"public report does not show the other {n - len(shown)}."
    )


def exempt_paragraph_numbers(sections: Sequence[Section]) -> list[int]:
    """The Schedule 12A paragraphs an exempt appendix cites (read from its items' lines)."""
    found = set()
    for text in exempt_lines(sections):
        found.update(int(m) for m in re.findall(r"Exempt under Schedule 12A, paragraph (\d)", text))
    return sorted(found)


def exempt_lines(sections: Sequence[Section]) -> list[str]:
    """The Schedule 12A lines of an exempt appendix's items, in order, as printed."""
    lines = []
    for section in sections:
        for cell in section.notebook.get("cells", []):
            for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
                fragment = str((output.get("data") or {}).get("text/html", ""))
                lines += [
                    html.unescape(m)
                    for m in re.findall(r'<span class="ep-exempt-note">(.*?)</span>', fragment)
                ]
    return lines


def exempt_note(
    exempt: Sequence[Section],
    public: Sequence[Section],
    *,
    annex_only: Iterable[str] = (),
    financial: Mapping[str, str] | None = None,
    threshold: int = 5,
    unchanged: Iterable[str] = (),
) -> str | None:
    """The report's background-papers line on its exempt appendix, from what it holds.

    Each kind of item the appendix holds (:func:`exempt_outputs`, :func:`exempt_paragraph`)
    is named once: staff's comments in their own words (free text), records of individual
    staff (one row per person), figures about groups so small that people could be
    identified, figures exempt as financial or business affairs. Never a kind it does not
    hold: the ``unchanged`` sections, which it names as those of an earlier appendix
    (:func:`exempt_sections`), are said as such. None when it would hold no exempt item of its
    own: then no appendix is written and the report neither lists nor mentions one.
    """
    by_name = {s.name: s for s in public}
    skip = set(annex_only)
    kinds: set[str] = set()
    referred = False
    for section in [s for s in exempt if s.name not in skip and _section_title(s)]:
        if section.name in set(unchanged):
            referred = referred or any(
                exempt_paragraph(o, by_name.get(section.name), financial, threshold=threshold)
                for o in exempt_outputs(section, by_name.get(section.name))
            )
            continue
        for o in exempt_outputs(section, by_name.get(section.name)):
            meta = blocks.meta(o)
            found = exempt_paragraph(o, by_name.get(section.name), financial, threshold=threshold)
            if found is None:  # not exempt: the appendix leaves it out
                continue
            para = found[0]
            if meta.get("free_text"):
                kinds.add("comments")
            elif para == 1:
                kinds.add("records")
            elif para == 3:
                kinds.add("financial")
            else:
                kinds.add("small")
    words = {
        "small": "figures about groups so small that people could be identified",
        "records": "records of individual staff",
        "comments": "staff's comments in their own words",
        "financial": "figures exempt as the financial or business affairs of a person",
    }
    held = [words[k] for k in words if k in kinds]
    if not held:  # nothing withheld of its own: no appendix (:func:`exempt_sections`)
        return None
    listed = held[0] if len(held) == 1 else ", ".join(held[:-1]) + " and " + held[-1]
    if referred:
        listed += "; it names the earlier exempt appendices that hold the rest, unchanged"
    return f"Exempt appendix to this report (not for publication): {listed}."
