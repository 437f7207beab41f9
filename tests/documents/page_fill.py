"""How full each page of a PDF is, read from the rendered page (poppler's ``pdftoppm``).

A page's fill is the share of its text area (inside the margins of ``pack.css``: 2.3 cm top,
2 cm bottom, so the running header and footer are left out) down to the lowest non-white
pixel row: a page whose content stops a third of the way down is a third full.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from PIL import Image

#: The A4 page and its margins in pack.css (cm).
PAGE_CM, TOP_CM, BOTTOM_CM = 29.7, 2.3, 2.0
DPI = 20


def page_fill(pdf: Path) -> list[float]:
    """The fill (0 to 1) of each page of ``pdf``, in page order."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["pdftoppm", "-r", str(DPI), "-gray", "-png", str(pdf), f"{folder}/p"], check=True
        )
        fills = []
        for path in sorted(Path(folder).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[1])):
            image = Image.open(path).convert("L")
            width, height = image.size
            top = round(height * TOP_CM / PAGE_CM)
            bottom = height - round(height * BOTTOM_CM / PAGE_CM)
            pixels = image.load()
            lowest = top
            for y in range(top, bottom):
                if any(pixels[x, y] < 200 for x in range(width)):
                    lowest = y
            fills.append((lowest - top) / (bottom - top))
    return fills
