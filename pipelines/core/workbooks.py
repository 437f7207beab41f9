"""Excel workbooks written reproducibly: the same workbook gives the same bytes on every run.

Used by the demo generators (every dataset family's ``demo.py`` and ``pipelines.demo.scale``),
whose committed exports must not change when they are written again.
"""

from __future__ import annotations

import datetime as dt
import io
import pathlib
import zipfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl import Workbook


def save_workbook_reproducibly(wb: Workbook, path: pathlib.Path, timestamp: dt.datetime) -> None:
    """Save ``wb`` with a fixed modified time and fixed zip timestamps.

    ``openpyxl`` stamps the current time into ``docProps/core.xml`` and into every zip entry;
    both are replaced by ``timestamp`` (a naive date and time, e.g. the demo's meeting morning)
    so that reruns give the same bytes.
    """
    from openpyxl.xml.functions import tostring

    buffer = io.BytesIO()
    wb.save(buffer)
    # ``created`` is stamped when the Workbook object is made: fixed too, or two runs that
    # straddle a second give different bytes.
    wb.properties.created = timestamp
    wb.properties.modified = timestamp
    core = tostring(wb.properties.to_tree())
    with (
        zipfile.ZipFile(buffer) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            data = core if info.filename == "docProps/core.xml" else src.read(info.filename)
            entry = zipfile.ZipInfo(info.filename, date_time=timestamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, data)
