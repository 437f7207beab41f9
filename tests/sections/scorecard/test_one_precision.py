"""One figure, one value, one precision (issue 22, 28 Feb 2017 report): the exit interview
return rate read "37.1" in the scorecard and "37" in the leavers chapter."""

from __future__ import annotations

import re

import nbformat

from pipelines.core.config import project_root
from pipelines.core.figures import Kind, format_value

#: A figure's place in a table, as the sections' figure modules write it.
_PLACE = re.compile(r'table="(?P<table>[^"]+)",\s*row=[^,]+,\s*column="(?P<column>[^"]+)"')
#: A shown table's name and its formats, as a notebook's ``page.show`` call gives them.
_SHOW = re.compile(
    r'name="(?P<name>[^"]+)",(?P<rest>[^)]*?)formats=\{(?P<formats>(?:[^{}]|\{[^{}]*\})*)\}', re.S
)


def test_a_percentage_figure_prints_at_one_precision_in_its_table_and_the_scorecard():
    root = project_root()
    places = {
        (m["table"], m["column"])
        for path in (root / "pipelines" / "sections").glob("*/figures.py")
        for m in _PLACE.finditer(path.read_text(encoding="utf-8"))
        if m["column"].endswith("(%)")
    }
    assert ("exit_return_rate", "Return rate (%)") in places
    decimals = len(format_value(37.14, Kind.PERCENT_OF_PEOPLE).rstrip("%").split(".")[1])
    checked = 0
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        code = "\n".join(
            c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"
        )
        for show in _SHOW.finditer(code):
            for column, fmt in re.findall(r'"([^"]+)":\s*"([^"]+)"', show["formats"]):
                if (show["name"], column) in places:
                    checked += 1
                    assert fmt == f"{{:.{decimals}f}}", (path.name, show["name"], column, fmt)
    assert checked  # the leavers chapter's exit return rate is one of them
