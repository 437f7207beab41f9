"""Word (DOCX) version of a report, converted by pandoc from the report's own HTML.

Committee systems and officers work in Word, so every committee report and the final report
are also written as ``.docx``. The Word file is made from the HTML the build writes for the
same report (:func:`pipelines.documents.pack.assemble`), so it has the same sections, tables,
charts, suppression markers and wording as the HTML and PDF: nothing is rebuilt from the
notebooks' raw data. The conversion is pandoc's (through ``pypandoc-binary``, which ships the
pandoc program): HTML headings become Word heading styles (``Heading 1``...), so the navigation
pane and a contents field work; lists are Word lists; table header rows are marked to repeat
on each page; charts are pictures with their alternative text.

Before conversion the HTML is prepared as it is for print (:func:`word_html`): each chart's data
table is printed under it, as the PDF prints it, without the screen's "Show the figures"
summary, and the cover's title keeps its place on the cover (after the council, committee,
reference and agenda items, as the PDF prints it) in Word's Title style.
``SOURCE_DATE_EPOCH`` fixes the file's timestamps, so the same HTML gives the same bytes.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup

from pipelines.documents.front import PUBLIC_MARKING
from pipelines.documents.pack import FrontMatter

__all__ = [
    "docx_text",
    "docx_time",
    "footer_marking",
    "header_footer_text",
    "reference_docx",
    "running_header",
    "set_author",
    "visible_text",
    "word_html",
    "write_docx",
]

#: The typeface of the PDF and HTML (pack.css), used for every Word style.
FONT = "Arial"
_THEME_FONT = re.compile(r'<a:latin typeface="[^"]*"( panose="[^"]*")?\s*/>')
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def word_html(document: str) -> str:
    """The report HTML as it prints: the parts the PDF does not show removed.

    Parameters
    ----------
    document : str
        A full HTML document from :func:`pipelines.documents.pack.assemble`.

    Returns
    -------
    str
        The same document without the ``<style>`` block and without the screen-only summaries
        of folded chart data: each chart's data table ("Data for the chart above") is printed
        under it, in every kind of document, as the PDF prints it (Word has nothing to
        unfold). Number cells are right-aligned and the cover's marking is bold, as the PDF
        prints them. The cover's ``<h1>`` becomes a paragraph in Word's Title style where it
        is, and the ``<title>`` is removed: pandoc would print it first, above the council's
        name (the file's Title property is set by :func:`set_author`).

    """
    soup = BeautifulSoup(document, "html.parser")
    for tag in soup.find_all(["style", "script"]):
        tag.decompose()
    for meta in soup.find_all("meta", attrs={"name": "author"}):
        meta.decompose()  # the cover lists the author; pandoc would print it a second time
    for details in soup.select("details.ep-chart-details"):
        # Every chart keeps its data table under it: a Word reader (and a screen reader in
        # Word) has no "Show the figures" to open, so the figures are printed (issue 22).
        summary = details.find("summary")
        if summary:
            summary.decompose()
        details.unwrap()
    for figure in soup.find_all("figure"):
        # A figure becomes its parts in order (title, picture, notes, source), as the PDF
        # prints them; pandoc would otherwise lay a figure out in a one-cell table.
        for caption in figure.find_all("figcaption"):
            caption.name = "p"
            wrapper = soup.new_tag("div", attrs={"data-custom-style": "Image Caption"})
            caption.wrap(wrapper)
        for image in figure.find_all("img"):
            if image.parent is figure:
                image.wrap(soup.new_tag("p"))
        figure.name = "div"
    for cell in soup.select("th.num, td.num"):
        # A number column is right-aligned, as the PDF sets it (pack.css ``.num``): pandoc
        # reads a cell's alignment from its style, not from a class.
        cell["style"] = "text-align: right"
    for label in soup.select(".marking-label"):
        # The cover's marking ("OFFICIAL") in bold, as the PDF's boxed label.
        strong = soup.new_tag("strong")
        strong.extend(list(label.contents))
        label.append(strong)
    cover_title = soup.select_one("section.cover h1")
    if cover_title is not None:
        cover_title.name = "p"
        cover_title.wrap(soup.new_tag("div", attrs={"data-custom-style": "Title"}))
        if soup.title is not None:
            soup.title.decompose()
    return str(soup)


def visible_text(document: str) -> list[str]:
    """The text a reader sees in an HTML document, one string per block, in order.

    A block is a heading, paragraph, list item, table cell or caption; whitespace is folded
    to single spaces and empty blocks are dropped. Used to compare the Word file with its HTML.
    """
    soup = BeautifulSoup(document, "html.parser")
    for tag in soup.find_all(["style", "script", "title", "head"]):
        tag.decompose()
    blocks = soup.find_all(
        [
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "p",
            "li",
            "th",
            "td",
            "caption",
            "dt",
            "dd",
            "figcaption",
        ]
    )
    out = []
    for block in blocks:
        if block.find(["p", "li", "table", "ul", "ol"]):
            continue  # the inner blocks are counted themselves
        text = " ".join(block.get_text(" ").split())
        if text:
            out.append(text)
    return out


def running_header(front: FrontMatter) -> str:
    """The Word header line: council, committee and the meeting's date.

    "Northshire County Council · Recruitment and Retention of Social Workers Task and Finish Group ·
    Wednesday 21 September 2016": the PDF's running header (committee, date) with the council.
    """
    from pipelines.documents.pack import format_meeting_date

    parts = [getattr(front, "council", None), getattr(front, "committee", None)]
    if getattr(front, "meeting_date", None):
        parts.append(format_meeting_date(front.meeting_date))
    return " · ".join(p for p in parts if p)


def footer_marking(front: FrontMatter) -> str:
    """The Word footer's marking: "NOT FOR PUBLICATION" (exempt), else the PDF's marking.

    The document's own marking, as its PDF prints it ("OFFICIAL",
    :data:`~pipelines.documents.front.PUBLIC_MARKING`), so the two never differ.
    """
    marking = str(getattr(front, "marking", "") or "")
    if "NOT FOR PUBLICATION" in marking.upper():
        return "NOT FOR PUBLICATION"
    return marking or PUBLIC_MARKING


def _pandoc_reference() -> bytes:
    """Pandoc's own reference document, with the report's typeface in its theme.

    Pandoc's default styles (``Heading 1``, ``Table``, ``Image Caption``...) are kept; only
    the theme's heading and body fonts (``a:latin`` in ``word/theme/theme1.xml``) are set to
    :data:`FONT`, so Word shows the report in the typeface of the PDF.
    """
    import io

    import pypandoc

    default = subprocess.run(
        [pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.docx"],
        check=True,
        capture_output=True,
    ).stdout
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(default)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/theme/theme1.xml":
                data = _THEME_FONT.sub(f'<a:latin typeface="{FONT}"/>', data.decode()).encode()
            dst.writestr(zipfile.ZipInfo(item.filename, _FIXED_TIME), data)
    return out.getvalue()


def _field(paragraph, instruction: str) -> None:
    """Append a Word field (``PAGE``, ``NUMPAGES``) to a python-docx paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"  # shown until Word updates the field (it does on opening and printing)
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


@cache
def reference_docx(header: str = "", marking: str = PUBLIC_MARKING) -> Path:
    """The reference document pandoc takes its styles, page and header/footer from.

    Pandoc's reference document (styles kept, :data:`FONT` in the theme), opened with
    python-docx, which sets an A4 page with the PDF's margins, the header line ``header``
    (council, committee, meeting date: :func:`running_header`) and a footer with the marking
    (``marking``: "Public" or "NOT FOR PUBLICATION") on the left and "Page N of M" (Word's
    ``PAGE`` and ``NUMPAGES`` fields) on the right. Pandoc keeps a reference document's
    header and footer, so every page of the Word report carries them. Written once per
    process and header, with fixed timestamps.
    """
    import io

    from docx import Document
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt

    doc = Document(io.BytesIO(_pandoc_reference()))
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.3), Cm(2.0)
    section.left_margin = section.right_margin = Cm(2.0)
    width = section.page_width - section.left_margin - section.right_margin
    head = section.header.paragraphs[0]
    head.text = header
    foot = section.footer.paragraphs[0]
    foot.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    label = foot.add_run(marking)
    label.bold = True
    foot.add_run("\tPage ")
    _field(foot, "PAGE")
    foot.add_run(" of ")
    _field(foot, "NUMPAGES")
    for paragraph in (head, foot):
        for run in paragraph.runs:
            run.font.size = Pt(9)
    buffer = io.BytesIO()
    doc.save(buffer)
    folder = Path(tempfile.mkdtemp(prefix="evidence-pack-docx-"))
    out = folder / "reference.docx"
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            dst.writestr(zipfile.ZipInfo(item.filename, _FIXED_TIME), src.read(item.filename))
    return out


def write_docx(document: str, front: FrontMatter, path: Path) -> Path:
    """Write the report HTML ``document`` as a Word file at ``path``, through pandoc.

    Parameters
    ----------
    document : str
        The full HTML of the report, as written beside the PDF (``report.html``).
    front : FrontMatter
        The report's cover details: the title (Word's title), the council, committee and
        meeting date (the header of every page) and the marking (the footer, beside the page
        number: :func:`reference_docx`).
    path : Path
        The ``.docx`` to write (its folder is created).

    Returns
    -------
    Path
        ``path``.

    """
    import pypandoc

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    extra = [
        "--standalone",
        f"--reference-doc={reference_docx(running_header(front), footer_marking(front))}",
        # The report's h1 is its title (Word's Title style, in its place on the cover:
        # word_html); its chapters are h2 in the HTML and Heading 1 in Word.
        "--shift-heading-level-by=-1",
        "--metadata=lang:en-GB",
    ]
    old = os.environ.get("SOURCE_DATE_EPOCH")
    # Word's created and modified dates are the build's time (SOURCE_DATE_EPOCH when the
    # build sets it), as the cover's and the PDF's; pandoc reads them from the variable.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(docx_time(front).timestamp())))
    try:
        pypandoc.convert_text(
            word_html(document),
            "docx",
            format="html",
            outputfile=str(path),
            extra_args=extra,
        )
    except RuntimeError as exc:
        # pandoc reports a failed write as its own error text: a full disk or a folder that
        # cannot be written is a storage problem the officer can act on, not a fault.
        text = str(exc).lower()
        for marker, code in (
            ("resource exhausted", errno.ENOSPC),
            ("no space left", errno.ENOSPC),
            ("permission denied", errno.EACCES),
        ):
            if marker in text:
                raise OSError(code, os.strerror(code), str(path)) from None
        if shutil.disk_usage(path.parent).free < 1 << 20:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path)) from None
        raise
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
    set_author(path, getattr(front, "author", None), getattr(front, "title", None))
    set_picture_descriptions(path)
    return path


def docx_time(front: FrontMatter):
    """The time a Word file is dated: the build's (UTC).

    ``SOURCE_DATE_EPOCH`` when set (:func:`pipelines.documents.front.build_time`), else the
    build time the cover states (``front.built``, "21 September 2016 17:00 UTC"), else (no
    build time known) 1 January 1980, the zip epoch, so the same HTML gives the same bytes.
    """
    import datetime as dt

    from pipelines.documents.front import build_time

    if os.environ.get("SOURCE_DATE_EPOCH"):
        return build_time()
    try:
        built = str(getattr(front, "built", "") or "")
        return dt.datetime.strptime(built, "%d %B %Y %H:%M UTC").replace(tzinfo=dt.UTC)
    except ValueError:  # no build time known (a document made outside a build): the zip epoch
        return dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


def set_author(path: Path, author: str | None, title: str | None = None) -> None:
    """Write the Word file's Author, Last modified by and Title (``docProps/core.xml``).

    ``title`` is the report's title (the cover prints it, in Word's Title style:
    :func:`word_html`). The author is the review's scrutiny officer
    (:func:`pipelines.documents.front.front_matter`),
    as the PDF's Author field and the HTML's author meta. pandoc would print an author given as
    metadata on the page, under the title (the cover already names the author), so the field is
    set here, in the file pandoc wrote: every other part, and each part's zip date, is kept, so
    the same build gives the same bytes.
    """
    from xml.sax.saxutils import escape

    if not author and not title:
        return
    name = escape(author or "")
    with zipfile.ZipFile(path) as src:
        items = [(info, src.read(info.filename)) for info in src.infolist()]
    out = []
    for info, data in items:
        if info.filename == "docProps/core.xml":
            xml = data.decode("utf-8")
            if title:
                xml = re.sub(r"<dc:title>.*?</dc:title>|<dc:title\s*/>", "", xml)
                xml = xml.replace(
                    "</cp:coreProperties>",
                    f"<dc:title>{escape(title)}</dc:title></cp:coreProperties>",
                )
            if author:
                xml = re.sub(r"<dc:creator>.*?</dc:creator>|<dc:creator\s*/>", "", xml)
                xml = re.sub(r"<cp:lastModifiedBy>.*?</cp:lastModifiedBy>", "", xml)
                xml = xml.replace(
                    "</cp:coreProperties>",
                    f"<dc:creator>{name}</dc:creator><cp:lastModifiedBy>{name}</cp:lastModifiedBy>"
                    "</cp:coreProperties>",
                )
            data = xml.encode("utf-8")
        out.append((info, data))
    with zipfile.ZipFile(path, "w") as dst:
        for info, data in out:
            dst.writestr(info, data)


def set_picture_descriptions(path: Path) -> None:
    """Give every picture of a Word file its alternative text as its description.

    pandoc writes a picture's alternative text on the drawing (``wp:docPr descr``) but its
    source on the picture itself (``pic:cNvPr descr``): for a chart that is the whole
    ``data:`` URI, which a screen reader may read out and Word shows as the picture's
    description. Each ``pic:cNvPr descr`` is set to the ``wp:docPr descr`` of its drawing; the
    rest of the file, and each part's zip date, is kept.
    """

    def describe(drawing: re.Match[str]) -> str:
        alt = re.search(r'<wp:docPr [^>]*?descr="([^"]*)"', drawing.group(0))
        text = alt.group(1) if alt else ""
        return re.sub(
            r'(<pic:cNvPr [^>]*?descr=")[^"]*(")',
            lambda m: m.group(1) + text + m.group(2),
            drawing.group(0),
        )

    with zipfile.ZipFile(path) as src:
        items = [(info, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w") as dst:
        for info, data in items:
            if info.filename == "word/document.xml":
                xml = re.sub(
                    r"<w:drawing>.*?</w:drawing>", describe, data.decode("utf-8"), flags=re.S
                )
                data = xml.encode("utf-8")
            dst.writestr(info, data)


def header_footer_text(path: Path) -> tuple[str, str]:
    """The header and footer text of a Word file's first section, read with python-docx.

    Fields are read as their instruction in braces ("Page {PAGE} of {NUMPAGES}"), since their
    values are worked out by Word when it lays the pages out.
    """
    from docx import Document
    from docx.oxml.ns import qn

    def text(part) -> str:
        out = []
        for paragraph in part.paragraphs:
            for node in paragraph._p.iter():
                if node.tag == qn("w:fldSimple"):
                    out.append("{" + node.get(qn("w:instr")).strip() + "}")
                elif node.tag == qn("w:t") and node.getparent().getparent().tag != qn(
                    "w:fldSimple"
                ):
                    out.append(node.text or "")
                elif node.tag == qn("w:tab") and node.getparent().tag == qn("w:r"):
                    out.append("\t")
        return "".join(out)

    section = Document(str(path)).sections[0]
    return text(section.header), text(section.footer)


def docx_text(path: Path) -> list[str]:
    """The visible text of a Word file, one string per paragraph or table cell, in order.

    Read back through pandoc (DOCX to HTML), then as :func:`visible_text`.
    """
    import pypandoc

    return visible_text(pypandoc.convert_file(str(path), "html", format="docx"))
