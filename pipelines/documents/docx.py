"""Word (DOCX) version of a report, written with the standard library (Office Open XML).

Committee systems and officers work in Word, so every committee report and the final report
are also written as ``.docx``. The document is made from the same sections as the HTML and PDF
(:class:`~pipelines.documents.pack.Section` notebooks): markdown headings become Word headings
(``Heading 1``... styles, so the navigation pane and a contents field work), bullet lists are
real lists, tables have a header row marked to repeat on each page (``w:tblHeader``) and charts
are pictures with their alternative text (``descr``). No third-party package is needed; the
file opens in Word, LibreOffice and python-docx. Entries carry a fixed timestamp, so the same
report gives the same bytes.
"""

from __future__ import annotations

import base64
import html
import io
import re
import struct
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd

from pipelines.core.outputs import META_KEY, format_value
from pipelines.documents.pack import FrontMatter, Section, format_meeting_date

__all__ = ["docx_blocks", "write_docx"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
#: Text width of an A4 page with 2 cm margins, in EMU (1 cm = 360000 EMU).
_TEXT_WIDTH_EMU = 17 * 360000
#: Tallest picture, in EMU (12 cm), so a chart leaves room for its title and source.
_MAX_HEIGHT_EMU = 12 * 360000
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_IMG = re.compile(r'<img[^>]*src="data:image/png;base64,([^"]+)"[^>]*alt="([^"]*)"', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


# --- Blocks: a small intermediate form (kind, payload) ---------------------------------------


def _inline_text(text: str) -> str:
    """Markdown inline markup removed: links to their text, escapes undone (bold kept as **)."""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    return re.sub(r"\\([\\`*_\[\]<>#|])", r"\1", text)


def _markdown_blocks(source: str) -> list[tuple]:
    blocks: list[tuple] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(("p", _inline_text(" ".join(paragraph))))
            paragraph.clear()

    for line in source.splitlines():
        stripped = line.strip()
        heading = re.match(r"(#{1,6})\s+(.*)", stripped)
        if heading:
            flush()
            blocks.append(("h", len(heading.group(1)), _inline_text(heading.group(2))))
        elif stripped.startswith("- "):
            flush()
            blocks.append(("li", _inline_text(stripped[2:])))
        elif re.match(r"\d+\.\s", stripped):
            flush()
            blocks.append(("p", _inline_text(stripped)))
        elif not stripped:
            flush()
        else:
            paragraph.append(stripped)
    flush()
    return blocks


def _output_blocks(output) -> list[tuple]:
    meta = ((output.get("metadata") or {}).get(META_KEY)) or {}
    kind = meta.get("kind")
    markup = str(output.get("data", {}).get("text/html", ""))
    if kind == "findings":
        return [("li", str(t)) for t in meta.get("items", [])]
    if kind == "note":
        title = re.search(r"<strong>(.*?):?</strong>", markup)
        label = html.unescape(title.group(1)).rstrip(":") if title else "Note"
        return [("p", f"**{label}:** {meta.get('text', '')}")]
    source = " ".join(
        html.unescape(_TAG.sub("", m))
        for m in re.findall(r'<p class="ep-source">(.*?)</p>', markup)
    )
    blocks: list[tuple] = []
    if kind == "chart":
        image = _IMG.search(markup)
        if image:
            blocks.append(("caption", str(meta.get("caption", ""))))
            blocks.append(("img", base64.b64decode(image.group(1)), html.unescape(image.group(2))))
            if source:
                blocks.append(("source", source))
            return blocks
    if kind in ("table", "chart") and meta.get("data"):
        frame = pd.read_json(
            io.StringIO(meta["data"]), orient="split", dtype=False, convert_dates=False
        )
        blocks.append(("caption", str(meta.get("caption", ""))))
        blocks.append(("table", frame))
        if source:
            blocks.append(("source", source))
        return blocks
    text = " ".join(html.unescape(_TAG.sub(" ", markup)).split())
    return [("p", text)] if text else []


def docx_blocks(sections: Sequence[Section]) -> list[tuple]:
    """The sections as a list of blocks, each a tuple whose first item is its kind.

    ``("h", level, text)``, ``("p", text)``, ``("li", text)``,
    ``("caption", text)``, ``("table", DataFrame)``, ``("img", png, alt)``, ``("source", text)``.
    """
    blocks: list[tuple] = []
    for section in sections:
        for cell in section.notebook.get("cells", []):
            if cell.get("cell_type") == "markdown":
                blocks.extend(_markdown_blocks("".join(cell.get("source", ""))))
            elif cell.get("cell_type") == "code":
                for output in cell.get("outputs", []):
                    if output.get("output_type") in ("display_data", "execute_result"):
                        blocks.extend(_output_blocks(output))
    return blocks


# --- XML ----------------------------------------------------------------------------------------


def _runs(text: str, bold: bool = False) -> str:
    """Runs of text, ``**bold**`` parts in bold."""
    out = []
    for i, part in enumerate(re.split(r"\*\*(.+?)\*\*", text)):
        if not part:
            continue
        b = "<w:rPr><w:b/></w:rPr>" if bold or i % 2 else ""
        part = part.replace("*", "")
        out.append(f'<w:r>{b}<w:t xml:space="preserve">{escape(part)}</w:t></w:r>')
    return "".join(out)


def _paragraph(text: str, style: str | None = None, *, keep_next: bool = False) -> str:
    props = ""
    if style or keep_next:
        props = "<w:pPr>"
        props += f'<w:pStyle w:val="{style}"/>' if style else ""
        props += "<w:keepNext/>" if keep_next else ""
        props += "</w:pPr>"
    return f"<w:p>{props}{_runs(text)}</w:p>"


def _table(frame: pd.DataFrame) -> str:
    columns = [str(c) for c in frame.columns]
    width = 5000 // max(len(columns), 1)
    grid = "".join(f'<w:gridCol w:w="{int(9638 / max(len(columns), 1))}"/>' for _ in columns)

    def cell(text: str, header: bool, numeric: bool) -> str:
        jc = '<w:jc w:val="right"/>' if numeric and not header else ""
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="pct"/></w:tcPr>'
            f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/>{jc}</w:pPr>'
            f"{_runs(text, bold=header)}</w:p></w:tc>"
        )

    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]
    head = (
        "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        + "".join(cell(c, True, n) for c, n in zip(columns, numeric, strict=True))
        + "</w:tr>"
    )
    rows = "".join(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        + "".join(cell(format_value(v), False, n) for v, n in zip(values, numeric, strict=True))
        + "</w:tr>"
        for values in frame.itertuples(index=False, name=None)
    )
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{head}{rows}</w:tbl>"
    )


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels from a PNG's IHDR chunk."""
    return struct.unpack(">II", png[16:24])


def _picture(rid: str, number: int, png: bytes, alt: str) -> str:
    w, h = _png_size(png)
    cx = _TEXT_WIDTH_EMU
    cy = int(cx * h / max(w, 1))
    if cy > _MAX_HEIGHT_EMU:
        cx, cy = int(cx * _MAX_HEIGHT_EMU / cy), _MAX_HEIGHT_EMU
    alt = escape(alt, {'"': "&quot;"})
    return (
        '<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" '
        f'distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
        f'<wp:docPr id="{number}" name="Chart {number}" descr="{alt}"/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        f'<a:graphic><a:graphicData uri="{_PIC}"><pic:pic>'
        f'<pic:nvPicPr><pic:cNvPr id="{number}" name="chart{number}.png" descr="{alt}"/>'
        "<pic:cNvPicPr/></pic:nvPicPr>"
        f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch>'
        "</pic:blipFill>"
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )


_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{_W}">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/>
<w:sz w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr>
</w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>
<w:next w:val="Normal"/><w:pPr><w:spacing w:after="240"/></w:pPr>
<w:rPr><w:b/><w:color w:val="12436D"/><w:sz w:val="48"/></w:rPr></w:style>
{
    "".join(
        f'<w:style w:type="paragraph" w:styleId="Heading{n}"><w:name w:val="heading {n}"/>'
        f'<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>'
        f'<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="{360 - 60 * n}" w:after="120"/>'
        f'<w:outlineLvl w:val="{n - 1}"/></w:pPr>'
        f'<w:rPr><w:b/><w:color w:val="12436D"/><w:sz w:val="{36 - 4 * n}"/></w:rPr></w:style>'
        for n in range(1, 5)
    )
}
<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/>
<w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Source"><w:name w:val="Source"/><w:basedOn w:val="Normal"/>
<w:rPr><w:color w:val="3D3D3D"/><w:sz w:val="18"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/>
<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>
<w:spacing w:after="60"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Marking"><w:name w:val="Marking"/><w:basedOn w:val="Normal"/>
<w:pPr><w:pBdr><w:top w:val="single" w:sz="18" w:space="4" w:color="0B0C0C"/>
<w:left w:val="single" w:sz="18" w:space="4" w:color="0B0C0C"/>
<w:bottom w:val="single" w:sz="18" w:space="4" w:color="0B0C0C"/>
<w:right w:val="single" w:sz="18" w:space="4" w:color="0B0C0C"/></w:pBdr></w:pPr>
<w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr>
<w:tblBorders><w:top w:val="single" w:sz="4" w:color="B1B4B6"/>
<w:bottom w:val="single" w:sz="4" w:color="B1B4B6"/>
<w:insideH w:val="single" w:sz="4" w:color="B1B4B6"/></w:tblBorders>
<w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>
</w:tblPr><w:rPr><w:sz w:val="18"/></w:rPr></w:style>
</w:styles>"""

_NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{_W}"><w:abstractNum w:abstractNumId="0"><w:multiLevelType
 w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>
<w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/>
</w:pPr></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""


def _cover(front: FrontMatter) -> list[str]:
    parts = [
        _paragraph(front.council, keep_next=True),
        _paragraph(front.committee, keep_next=True),
        _paragraph(front.title, "Title"),
    ]
    details = [
        ("Date", format_meeting_date(front.meeting_date)),
        ("Time", front.meeting_time),
        ("Place", front.place),
        ("Reference", front.committee_ref),
        *(("Agenda item", item) for item in front.agenda_items),
        ("Report of", front.report_of),
        ("Author", front.author),
        ("Contact", front.contact),
    ]
    parts += [_paragraph(f"**{label}:** {value}") for label, value in details if value]
    parts.append(_paragraph(front.marking, "Marking"))
    if front.marking_note:
        parts.append(_paragraph(front.marking_note))
    return parts


def write_docx(sections: Sequence[Section], front: FrontMatter, path: Path) -> Path:
    """Write the sections as a Word document (cover details, then the sections).

    Parameters
    ----------
    sections : sequence of Section
        The document's sections (markdown headings ``#`` -> Heading 1, ``##`` -> Heading 2...).
    front : FrontMatter
        Title, committee, meeting and marking, written at the top; the marking is also the
        page footer.
    path : Path
        The ``.docx`` to write (its folder is created).

    Returns
    -------
    Path
        ``path``.

    """
    body: list[str] = _cover(front)
    media: list[bytes] = []
    for block in docx_blocks(sections):
        kind = block[0]
        if kind == "h":
            body.append(_paragraph(block[2], f"Heading{min(block[1], 4)}"))
        elif kind == "p":
            body.append(_paragraph(block[1]))
        elif kind == "li":
            body.append(_paragraph(block[1], "ListBullet"))
        elif kind == "caption":
            body.append(_paragraph(block[1], "Caption", keep_next=True))
        elif kind == "source":
            body.append(_paragraph(block[1], "Source"))
        elif kind == "table":
            body.append(_table(block[1]))
        elif kind == "img":
            media.append(block[1])
            body.append(_picture(f"rIdImg{len(media)}", len(media), block[1], block[2]))
    footer = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="{_W}">'
        f"{_paragraph('**' + front.marking + '**')}</w:ftr>"
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W}" xmlns:r="{_R}" xmlns:wp="{_WP}" xmlns:a="{_A}" '
        f'xmlns:pic="{_PIC}"><w:body>{"".join(body)}'
        '<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/>'
        '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1304" w:right="1134" '
        'w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/>'
        "</w:sectPr></w:body></w:document>"
    )
    rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rIdStyles" Type="{_R}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rIdNumbering" Type="{_R}/numbering" Target="numbering.xml"/>'
        f'<Relationship Id="rIdFooter" Type="{_R}/footer" Target="footer1.xml"/>'
        + "".join(
            f'<Relationship Id="rIdImg{n}" Type="{_R}/image" Target="media/chart{n}.png"/>'
            for n in range(1, len(media) + 1)
        )
        + "</Relationships>"
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="png" ContentType="image/png"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.styles+xml"/>'
        '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.numbering+xml"/>'
        '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.footer+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
        'package.core-properties+xml"/></Types>'
    )
    package_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_R}/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
        'relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'
    )
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{escape(front.title)}</dc:title><dc:creator>{escape(front.council)}"
        f"</dc:creator><dc:language>en-GB</dc:language></cp:coreProperties>"
    )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    parts = {
        "[Content_Types].xml": content_types,
        "_rels/.rels": package_rels,
        "docProps/core.xml": core,
        "word/document.xml": document,
        "word/styles.xml": _STYLES,
        "word/numbering.xml": _NUMBERING,
        "word/footer1.xml": footer,
        "word/_rels/document.xml.rels": rels,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, _FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
        for n, png in enumerate(media, start=1):
            info = zipfile.ZipInfo(f"word/media/chart{n}.png", _FIXED_TIME)
            archive.writestr(info, png)
    return path
