"""Assemble executed section notebooks into one evidence pack: accessible HTML and a paged PDF.

The section notebooks (executed by papermill) are merged into one notebook, each cell tagged
with its section in ``cell.metadata["evidence_pack"]``, and rendered with the custom nbconvert
template in ``pipelines/templates/pack``: a cover page, a contents page and the sections, with
no code, prompts, streams or errors.  Every heading in a section is moved down one level (the
pack has a single ``h1``, its title on the cover) and every id is prefixed with the section
name so ids stay unique across the pack.  :func:`write_pdf` turns that HTML into a tagged A4
PDF with WeasyPrint; :func:`collect_tables` gathers the data behind every table and chart for
``tables/*.csv``.
"""

from __future__ import annotations

import copy
import datetime
import functools
import html
import io
import json
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd

from pipelines.core.exports import printed_precision
from pipelines.core.outputs import META_KEY, slug

__all__ = [
    "FrontMatter",
    "Section",
    "assemble",
    "collect_tables",
    "table_outputs",
    "contents_entries",
    "format_meeting_date",
    "merge_sections",
    "write_pdf",
]

LOGGER = logging.getLogger(__name__)

#: Folder holding the nbconvert template folder ``pack``.
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "pack"
#: Key in cell metadata carrying the section a merged cell came from.
CELL_KEY = "evidence_pack"
#: PDF variant asked of WeasyPrint; tagged output is the fallback if it fails.
PDF_VARIANT = "pdf/ua-1"
#: Tables with more rows than this may break across pages; shorter ones are kept together.
LONG_TABLE_ROWS = 25
#: Tables with more text than this (characters) may also run across pages.
LONG_TABLE_CHARACTERS = 1500

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass
class FrontMatter:
    """What the cover page of a pack says.

    Attributes
    ----------
    title : str
        Pack title, the only ``h1`` (e.g. "Evidence pack: reasons for leaving and exit
        interviews"); also the HTML ``<title>`` and the PDF title.
    council : str
        Council name, e.g. "Barnsley Metropolitan Borough Council".
    committee : str
        Committee or group the pack is for; repeated in the running header of the PDF.
    committee_ref : str or None
        The committee's paper reference, e.g. "R&RSWT&F/09/16".
    meeting_date : datetime.date
        Date of the meeting, written out as "Wednesday 21 September 2016".
    meeting_time : str or None
        Time of the meeting, e.g. "18:00".
    place : str or None
        Where the meeting is held.
    agenda_items : list of str
        The agenda item(s) the pack supports.
    report_of : str or None
        Whose report it is (e.g. a director's title).
    author : str or None
        Report author.
    contact : str or None
        Contact details for questions.
    marking : str
        Protective marking, e.g. "NOT FOR PUBLICATION" or "OFFICIAL"; shown in a box on the
        cover and in the footer of every page.
    marking_note : str or None
        Text under the marking, e.g. the exempt-information paragraph.
    built : str
        When the pack was built (the only text allowed to differ between two builds).
    provenance : str
        What built the pack, e.g. "Built by evidence-pack 0.1.0 from commit abc1234".
    kind : str
        Which document: ``"report"`` (the committee report: contents on the cover, chapters
        flowing on, chart data collapsed and left out of print), ``"exempt"`` (the exempt
        appendix), ``"annex"`` (the technical annex) or ``"pack"`` (a standalone pack such as
        the national benchmark). Only ``"pack"`` prints the build stamp on its cover; the others
        have it on the annex's provenance page.
    heading : str or None
        A line above the title on the cover (e.g. "Report to", "Exempt appendix to item 6").

    """

    title: str
    council: str
    committee: str
    committee_ref: str | None
    meeting_date: datetime.date
    meeting_time: str | None
    place: str | None
    agenda_items: list[str]
    report_of: str | None
    author: str | None
    contact: str | None
    marking: str
    marking_note: str | None
    built: str
    provenance: str
    kind: str = "pack"
    heading: str | None = None


@dataclass
class Section:
    """One executed section notebook.

    Attributes
    ----------
    name : str
        Section name, e.g. "10_leavers"; prefixes ids in the pack and CSV file names.
    notebook : nbformat.NotebookNode
        The notebook as executed by papermill (its first markdown cell starts ``# Title``).

    """

    name: str
    notebook: nbformat.NotebookNode


def format_meeting_date(date: datetime.date) -> str:
    """Write a date as council papers do, e.g. "Wednesday 21 September 2016".

    Parameters
    ----------
    date : datetime.date
        The date (locale-independent: English day and month names).

    Returns
    -------
    str
        Day name, day of month without a leading zero, month name and year.

    """
    return f"{_DAYS[date.weekday()]} {date.day} {_MONTHS[date.month - 1]} {date.year}"


def _section_id(name: str) -> str:
    """Id-safe form of a section name ("10_leavers" -> "10-leavers")."""
    return slug(name)


def merge_sections(sections: list[Section]) -> nbformat.NotebookNode:
    """Merge section notebooks into one notebook, tagging each cell with its section.

    Each cell gets ``metadata["evidence_pack"]`` with ``section`` (the name), ``section_id``
    and ``section_start`` / ``section_end`` flags on the first and last cell of each section;
    cell ids are renumbered so they stay unique.  Sections without cells are left out.

    Parameters
    ----------
    sections : list of Section
        The sections in pack order; names must be unique.

    Returns
    -------
    nbformat.NotebookNode
        A new nbformat 4 notebook; the inputs are not modified.

    Raises
    ------
    ValueError
        If two sections share a name (or the same id-safe form of a name).

    """
    seen: dict[str, str] = {}
    for section in sections:
        key = _section_id(section.name)
        if key in seen:
            raise ValueError(f"Section names must be unique: {seen[key]!r} and {section.name!r}")
        seen[key] = section.name

    merged = nbformat.v4.new_notebook()
    if sections:
        merged.metadata = copy.deepcopy(sections[0].notebook.get("metadata", {}))
        merged.metadata.pop("papermill", None)
    number = 0
    for section in sections:
        cells = section.notebook.get("cells", [])
        if not cells:
            LOGGER.warning("Section %s has no cells; left out of the pack", section.name)
            continue
        for i, cell in enumerate(cells):
            new = copy.deepcopy(cell)
            number += 1
            new["id"] = f"cell-{number}"
            meta = dict(new.get("metadata", {}).get(CELL_KEY, {}))
            meta.update(
                section=section.name,
                section_id=_section_id(section.name),
                section_start=i == 0,
                section_end=i == len(cells) - 1,
            )
            new.setdefault("metadata", nbformat.NotebookNode())[CELL_KEY] = meta
            merged.cells.append(new)
    return merged


_HEADING_OR_ID = re.compile(
    r"(?P<heading><h(?P<level>[1-6])(?P<attrs>\s[^>]*)?>(?P<inner>.*?)</h(?P=level)\s*>)"
    r"|(?P<id>\sid=\"(?P<id_value>[^\"]*)\")"
    r"|(?P<href>\shref=\"#(?P<href_value>[^\"]*)\")",
    re.IGNORECASE | re.DOTALL,
)
_ID_ATTR = re.compile(r"\sid=\"([^\"]*)\"", re.IGNORECASE)
_ANCHOR_LINK = re.compile(r"<a\s[^>]*class=\"anchor-link\"[^>]*>.*?</a>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_TABLE = re.compile(
    r"<table(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?</table\s*>)", re.IGNORECASE | re.DOTALL
)
_CLASS_ATTR = re.compile(r"\sclass=\"([^\"]*)\"", re.IGNORECASE)
_CONTENTS_HEADING = re.compile(
    r"<h(?P<level>[23])\b[^>]*\sid=\"(?P<id>[^\"]+)\"[^>]*>(?P<inner>.*?)</h(?P=level)\s*>",
    re.IGNORECASE | re.DOTALL,
)


def _text(fragment: str) -> str:
    """Plain text of an HTML fragment (tags stripped, entities decoded, spaces collapsed)."""
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


class _Outline:
    """Rewrites headings and ids of section content during one render (used as a filter).

    Headings move down one level and never skip a level (a section's first heading becomes
    ``h2``); every id is prefixed with the section id and made unique across the pack; links
    to ``#id`` within a section follow their target's new id.
    """

    def __init__(self) -> None:
        self.used: set[str] = {"contents-heading"}
        self.level: dict[str, int] = {}

    def _unique(self, base: str) -> str:
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate

    def fragment(self, fragment: str, section: str) -> str:
        """Rewrite one rendered cell or output of ``section`` (a Jinja filter)."""
        prefix = _section_id(section)
        fragment = _ANCHOR_LINK.sub("", fragment or "")

        def replace(match: re.Match[str]) -> str:
            if match.group("heading"):
                inner = match.group("inner").strip()
                attrs = match.group("attrs") or ""
                old = _ID_ATTR.search(attrs)
                attrs = _ID_ATTR.sub("", attrs)
                previous = self.level.get(section, 1)
                level = max(2, min(int(match.group("level")) + 1, previous + 1, 6))
                self.level[section] = level
                base = old.group(1) if old else slug(_text(inner))
                new_id = self._unique(f"{prefix}--{base}")
                return f'<h{level} id="{new_id}"{attrs}>{inner}</h{level}>'
            if match.group("id"):
                new_id = self._unique(prefix + "--" + match.group("id_value"))
                return f' id="{new_id}"'
            target = match.group("href_value")
            if target and "--" not in target:
                target = f"{prefix}--{target}"
            return f' href="#{target}"'

        return collapse_chart_data(_mark_long_tables(_HEADING_OR_ID.sub(replace, fragment)))


_CHART_DATA = re.compile(
    r"<table class=\"ep-data ep-chart-data[^\"]*\">.*?</table\s*>", re.IGNORECASE | re.DOTALL
)


def collapse_chart_data(fragment: str) -> str:
    """Put a chart's data table under the chart in a collapsed ``<details>`` element.

    On screen the reader opens it when wanted ("Show the figures in this chart"); in print
    every document (committee report, final report, exempt appendix, annex) shows it under the
    chart, as the Word version does (:func:`pipelines.documents.docx.word_html`). A withheld
    chart's table is left as it is, since it is the only content.
    """
    if "ep-chart-withheld" in fragment or "<img" not in fragment:
        return fragment
    return _CHART_DATA.sub(
        lambda m: (
            '<details class="ep-chart-details"><summary>Show the figures in this chart'
            f"</summary>{m.group(0)}</details>"
        ),
        fragment,
    )


def _mark_long_tables(fragment: str) -> str:
    """Add class ``ep-long`` to tables too long to keep on one page.

    More than :data:`LONG_TABLE_ROWS` rows or :data:`LONG_TABLE_CHARACTERS` characters of
    text (a few rows of long text can be taller than a page: kept whole, the table would
    leave its caption alone on a page).

    Short tables are kept on one page (``break-inside: avoid``); long ones may run across
    pages, their header row repeated on each page, with the caption kept on the first.
    """

    def mark(match: re.Match[str]) -> str:
        rows = match.group(0).lower().count("<tr")
        if rows <= LONG_TABLE_ROWS and len(_text(match.group(0))) <= LONG_TABLE_CHARACTERS:
            return match.group(0)
        attrs = match.group("attrs")
        if _CLASS_ATTR.search(attrs):
            attrs = _CLASS_ATTR.sub(lambda m: f' class="{m.group(1)} ep-long"', attrs, count=1)
        else:
            attrs += ' class="ep-long"'
        return f"<table{attrs}>{match.group('body')}"

    return _TABLE.sub(mark, fragment)


def contents_entries(content: str) -> list[dict]:
    """List the ``h2`` headings of rendered content with their ``h3`` headings as children.

    Parameters
    ----------
    content : str
        Rendered section HTML (headings already carry ids).

    Returns
    -------
    list of dict
        ``{"level": 2, "id": ..., "text": ..., "children": [{"level": 3, ...}]}`` in order.

    """
    entries: list[dict] = []
    for match in _CONTENTS_HEADING.finditer(content):
        text = _text(match.group("inner"))
        if not text:  # an empty heading would make an empty link
            continue
        entry = {
            "level": int(match.group("level")),
            "id": match.group("id"),
            "text": text,
            "children": [],
        }
        if entry["level"] == 2 or not entries:
            entries.append(entry)
        else:
            entries[-1]["children"].append(entry)
    return entries


def _alt_text(output: dict) -> str:
    """Alternative text for a bare ``image/png`` output.

    Taken from the ``evidence_pack`` metadata (``alt``, else ``caption``), else the image's
    own metadata, else the plain-text representation unless it is a matplotlib repr.
    """
    metadata = output.get("metadata", {}) or {}
    meta = metadata.get(META_KEY, {}) or {}
    image_meta = metadata.get("image/png", {}) or {}
    plain = str(output.get("data", {}).get("text/plain", "")).strip()
    for candidate in (meta.get("alt"), meta.get("caption"), image_meta.get("alt")):
        if candidate:
            return str(candidate)
    if plain and not plain.startswith("<"):
        return plain
    LOGGER.warning("An image output has no alternative text; add it with report.show_chart")
    return "Chart (no description was provided)"


def _exporter(outline: _Outline):
    from nbconvert import HTMLExporter

    return HTMLExporter(
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        template_name=TEMPLATE_NAME,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
        anchor_link_text="",
        filters={
            "pack_fragment": outline.fragment,
            "pack_contents": contents_entries,
            "pack_alt": _alt_text,
        },
    )


def _front_resources(front: FrontMatter) -> dict:
    description = f"{front.committee}, {format_meeting_date(front.meeting_date)}"
    if front.agenda_items:
        description += ". " + "; ".join(front.agenda_items)
    return {
        "title": front.title,
        "council": front.council,
        "committee": front.committee,
        "committee_ref": front.committee_ref,
        "meeting_date_text": format_meeting_date(front.meeting_date),
        "meeting_time": front.meeting_time,
        "place": front.place,
        "agenda_items": list(front.agenda_items),
        "report_of": front.report_of,
        "author": front.author,
        "contact": front.contact,
        "marking": front.marking,
        "marking_note": front.marking_note,
        "built": front.built,
        "provenance": front.provenance.rstrip("."),
        "description": description,
        "kind": front.kind,
        "heading": front.heading,
    }


def assemble(sections: list[Section], front: FrontMatter) -> str:
    """Render the sections as one accessible HTML document: cover, contents, sections.

    Parameters
    ----------
    sections : list of Section
        Executed section notebooks in pack order (unique names).
    front : FrontMatter
        What the cover says.

    Returns
    -------
    str
        The full HTML document (``<html lang="en-GB">``, inline CSS, images as data URIs).
        Apart from ``front.built`` the output depends only on the inputs.

    Notes
    -----
    Only markdown cells and ``display_data`` / ``execute_result`` outputs are rendered
    (``text/html``, else ``image/png``, else ``text/markdown``); code, prompts, streams,
    errors and raw cells are dropped.  Headings move down one level and ids are prefixed with
    the section name (see :class:`_Outline`).

    """
    outline = _Outline()
    notebook = merge_sections(sections)
    body, _ = _exporter(outline).from_notebook_node(
        notebook, resources={"pack": _front_resources(front)}
    )
    _warn_broken_links(body)
    return body


def _warn_broken_links(document: str) -> None:
    ids = set(_ID_ATTR.findall(document))
    for target in sorted(set(re.findall(r"\shref=\"#([^\"]*)\"", document)) - ids):
        LOGGER.warning("Link to #%s has no target in the pack", target)


def _stable_header_ids(document, pdf) -> None:
    """Renumber table header ids in the PDF structure tree so output is reproducible.

    WeasyPrint 66 names each ``TH`` structure element after ``id()`` of its layout box (a
    memory address), so two builds of the same pack differ; this WeasyPrint ``finisher``
    renames them ``th-1``, ``th-2``... in object order and updates the cells' ``Headers``.
    """
    import pydyf

    renamed: dict[object, str] = {}
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Dictionary) and obj.get("S") == "/TH" and "ID" in obj:
            renamed[obj["ID"].string] = f"th-{len(renamed) + 1}"
            obj["ID"] = pydyf.String(renamed[obj["ID"].string])
    for obj in pdf.objects:
        attributes = obj.get("A") if isinstance(obj, pydyf.Dictionary) else None
        if isinstance(attributes, pydyf.Dictionary) and "Headers" in attributes:
            attributes["Headers"] = pydyf.Array(
                pydyf.String(renamed.get(h.string, h.string)) for h in attributes["Headers"]
            )


@contextmanager
def _fixed_font_timestamps() -> Iterator[None]:
    """Make embedded font subsets reproducible while writing a PDF.

    Without HarfBuzz's subsetter WeasyPrint subsets fonts with fontTools, which stamps each
    subset's ``head.modified`` with the current time unless ``SOURCE_DATE_EPOCH`` is set.  An
    existing ``SOURCE_DATE_EPOCH`` is respected; otherwise it is 0 for the duration (the
    process environment is changed briefly, so do not write PDFs from several threads).
    """
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


class _WeasyPrintErrors(logging.Handler):
    """Collects WeasyPrint's error messages (e.g. images without alt text) while rendering."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _weasyprint_errors() -> Iterator[_WeasyPrintErrors]:
    handler = _WeasyPrintErrors()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def _tolerate_split_table_wrappers() -> None:
    """Let WeasyPrint tag a page holding a table's caption without the table itself.

    WeasyPrint 66 tags a table by looking for the table inside its wrapper box on each page;
    when a page break leaves only the caption (or only the table's top margin) on a page, it
    raises ``ValueError: Table wrapper without a table`` and the whole PDF loses its tags
    (upstream Kozea/WeasyPrint#2761). This gives such a wrapper an empty table box instead, so
    the caption is tagged inside an empty Table element on that page and the rest of the
    document keeps its structure. Applied once; harmless when the bug is fixed upstream.
    """
    from weasyprint.formatting_structure import boxes

    if getattr(boxes.ParentBox.get_wrapped_table, "_evidence_pack", False):
        return
    original = boxes.ParentBox.get_wrapped_table

    def get_wrapped_table(self):
        try:
            return original(self)
        except ValueError:
            return boxes.TableBox.anonymous_from(self, [])

    get_wrapped_table._evidence_pack = True
    boxes.ParentBox.get_wrapped_table = get_wrapped_table


def write_pdf(
    html_text: str, pdf_path: Path, *, title: str, base_url: str | Path | None = None
) -> None:
    """Write the pack HTML as a tagged, paged A4 PDF with WeasyPrint.

    Asks for PDF/UA-1 (tagged structure, ``/Lang`` from ``<html lang>``, title shown in the
    window bar, XMP metadata); if WeasyPrint fails to produce it, falls back to a tagged PDF
    and then to an untagged one, logging why (WeasyPrint 66's tagging raises on some page
    breaks, e.g. a table caption left at the foot of a page without its table).  Bookmarks
    come from the section headings (``h2``-``h6``); the cover title and "Contents" are
    excluded by the template's CSS.

    Parameters
    ----------
    html_text : str
        The document from :func:`assemble`.
    pdf_path : pathlib.Path
        Where to write the PDF (parent folders are created).
    title : str
        Document title for the PDF metadata (normally ``FrontMatter.title``).
    base_url : str or pathlib.Path, optional
        Base for relative URLs in the HTML; defaults to the PDF's folder.

    """
    _tolerate_split_table_wrappers()
    import weasyprint

    pdf_path = Path(pdf_path)
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    base = str(base_url if base_url is not None else pdf_path.parent)
    with _weasyprint_errors() as errors, _fixed_font_timestamps():
        document = weasyprint.HTML(string=html_text, base_url=base).render(pdf_variant=PDF_VARIANT)
        document.metadata.title = title
        attempts = ({"pdf_variant": PDF_VARIANT}, {"pdf_tags": True}, {})
        for number, options in enumerate(attempts, start=1):
            try:
                document.write_pdf(pdf_path, finisher=_stable_header_ids, **options)
                break
            except Exception as exc:  # WeasyPrint's tagging can fail on odd layouts
                if number == len(attempts):
                    raise
                LOGGER.warning(
                    "WeasyPrint could not write %s with %s (%s: %s); trying %s",
                    pdf_path.name,
                    options,
                    type(exc).__name__,
                    exc,
                    attempts[number] or "an untagged PDF",
                )
    for message in errors.messages:
        LOGGER.warning("WeasyPrint: %s", message)


def _file_part(text: str) -> str:
    """Name safe for a file name: letters, digits, ``_`` and ``-`` kept, others -> ``-``."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "item"


def table_outputs(sections: list[Section]):
    """Each table or chart output with data, as ``(tables/*.csv file name, its metadata)``.

    The name is ``"<section>__<name>.csv"``; repeated names get ``-2``, ``-3``... so names are
    unique. Outputs without data are skipped (logged).
    """
    names: set[str] = set()
    for section in sections:
        for cell in section.notebook.get("cells", []):
            for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
                meta = (output.get("metadata") or {}).get(META_KEY) or {}
                if meta.get("kind") not in ("table", "chart"):
                    continue
                name = meta.get("name") or slug(str(meta.get("caption", "")))
                if not meta.get("data"):
                    LOGGER.warning("%s %s in %s has no data", meta["kind"], name, section.name)
                    continue
                stem = f"{_file_part(section.name)}__{_file_part(name)}"
                key, n = f"{stem}.csv", 1
                while key in names:
                    n += 1
                    key = f"{stem}-{n}.csv"
                names.add(key)
                yield key, meta


def collect_tables(sections: list[Section]) -> dict[str, pd.DataFrame]:
    """Gather the data behind every table and chart shown by :mod:`pipelines.core.presentation`.

    Parameters
    ----------
    sections : list of Section
        Executed section notebooks.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``"<section>__<name>.csv"`` -> the data, in the order shown, for every output whose
        ``evidence_pack`` metadata has ``kind`` "table" or "chart", decimals rounded as the
        documents print them (:func:`pipelines.core.exports.printed_precision` with the
        table's ``formats``, kept in ``attrs["formats"]`` for its CSV file); names as
        :func:`table_outputs` gives them.

    """
    out = {}
    for key, meta in table_outputs(sections):
        frame = _printed_table(meta["data"], json.dumps(meta.get("formats"), sort_keys=True)).copy()
        # its CSV writes each decimal as printed ("2.60"): core.exports.write_csv
        frame.attrs["formats"] = dict(meta.get("formats") or {})
        out[key] = frame
    return out


@functools.lru_cache(maxsize=512)
def _printed_table(data: str, formats: str) -> pd.DataFrame:
    """A table's data (JSON, ``split``) as :func:`collect_tables` gives it; read once.

    A build reads the same tables for several documents and the disclosure audit, and
    reading the JSON is most of that time; callers get a copy.
    """
    return printed_precision(
        pd.read_json(io.StringIO(data), orient="split", dtype=False, convert_dates=False),
        json.loads(formats),
    )


# --- A section's title and findings list, as the report reads them ---------------------------


def _section_title(section: Section) -> str | None:
    """The text of a section's first markdown heading (its title), or None."""
    for cell in section.notebook.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        for line in "".join(cell.get("source", "")).splitlines():
            if line.startswith("#"):
                return line.lstrip("#").strip()
    return None


def _section_findings(section: Section) -> list[str]:
    """The items of the section's main findings list (``show_findings`` named "findings")."""
    for cell in section.notebook.get("cells", []):
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get(META_KEY, {})
            if meta.get("kind") == "findings" and meta.get("name") == "findings":
                return [str(item) for item in meta.get("items", [])]
    return []
