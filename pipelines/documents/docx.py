"""Word (DOCX) version of a report, converted by pandoc from the report's own HTML.

Committee systems and officers work in Word, so every committee report and the final report
are also written as ``.docx``. The Word file is made from the HTML the build writes for the
same report (:func:`pipelines.documents.pack.assemble`), so it has the same sections, tables,
charts, suppression markers and wording as the HTML and PDF: nothing is rebuilt from the
notebooks' raw data. The conversion is pandoc's (through ``pypandoc-binary``, which ships the
pandoc program): HTML headings become Word heading styles (``Heading 1``...), so the navigation
pane and a contents field work; lists are Word lists; table header rows are marked to repeat
on each page; charts are pictures with their alternative text.

Before conversion the HTML is prepared as it is for print (:func:`word_html`): what the PDF
leaves out (a committee report's folded chart-data tables, "Show the figures" summaries) is
left out, and the cover's title becomes the document title. ``SOURCE_DATE_EPOCH`` fixes the
file's timestamps, so the same HTML gives the same bytes.
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

from pipelines.documents.pack import FrontMatter

__all__ = ["docx_text", "visible_text", "word_html", "write_docx"]

#: Timestamp written into the DOCX when the build sets none (1 January 1980, the zip epoch).
_DEFAULT_EPOCH = "315532800"
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
        The same document without the ``<style>`` block, without the screen-only summaries of
        folded chart data and, in a committee report or exempt appendix (``body.kind-report``,
        ``body.kind-exempt``), without the folded chart-data tables themselves (the PDF leaves
        them out: their figures are in the CSV files and the annex). The cover's ``<h1>`` is
        removed: pandoc writes the ``<title>`` as the Word document's title paragraph.

    """
    soup = BeautifulSoup(document, "html.parser")
    for tag in soup.find_all(["style", "script"]):
        tag.decompose()
    for meta in soup.find_all("meta", attrs={"name": "author"}):
        meta.decompose()  # the cover lists the author; pandoc would print it a second time
    body = soup.body
    classes = set(body.get("class", [])) if body else set()
    print_drops = {"kind-report", "kind-exempt"} & classes
    for details in soup.select("details.ep-chart-details"):
        if print_drops:
            details.decompose()
        else:
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
    cover_title = soup.select_one("section.cover h1")
    if cover_title is not None and soup.title is not None:
        cover_title.decompose()
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


@cache
def reference_docx() -> Path:
    """Pandoc's own reference document with the report's typeface, for the Word styles.

    Pandoc's default styles (``Heading 1``, ``Table``, ``Image Caption``...) are kept; only
    the theme's heading and body fonts (``a:latin`` in ``word/theme/theme1.xml``) are set
    to :data:`FONT`, so Word shows the report in the typeface of the PDF. Written once per
    process to a temporary folder, with fixed timestamps.
    """
    import pypandoc

    folder = Path(tempfile.mkdtemp(prefix="evidence-pack-docx-"))
    default = folder / "pandoc-reference.docx"
    # Pandoc's default reference document is one of its data files; print it to a file.
    subprocess.run(
        [pypandoc.get_pandoc_path(), "-o", str(default), "--print-default-data-file",
         "reference.docx"],
        check=True,
    )  # fmt: skip
    out = folder / "reference.docx"
    with zipfile.ZipFile(default) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/theme/theme1.xml":
                data = _THEME_FONT.sub(f'<a:latin typeface="{FONT}"/>', data.decode()).encode()
            dst.writestr(zipfile.ZipInfo(item.filename, _FIXED_TIME), data)
    return out


def write_docx(document: str, front: FrontMatter, path: Path) -> Path:
    """Write the report HTML ``document`` as a Word file at ``path``, through pandoc.

    Parameters
    ----------
    document : str
        The full HTML of the report, as written beside the PDF (``report.html``).
    front : FrontMatter
        The report's cover details: the title and the council (the document's author in the
        file properties); the protective marking is on the cover in the HTML already.
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
        f"--reference-doc={reference_docx()}",
        # The report's h1 is its title (written from the metadata as Word's Title); its
        # chapters are h2 in the HTML and Heading 1 in Word.
        "--shift-heading-level-by=-1",
        f"--metadata=title:{front.title}",
        "--metadata=lang:en-GB",
    ]
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ.setdefault("SOURCE_DATE_EPOCH", _DEFAULT_EPOCH)
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
    return path


def docx_text(path: Path) -> list[str]:
    """The visible text of a Word file, one string per paragraph or table cell, in order.

    Read back through pandoc (DOCX to HTML), then as :func:`visible_text`.
    """
    import pypandoc

    return visible_text(pypandoc.convert_file(str(path), "html", format="docx"))
