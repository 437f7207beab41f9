"""The line under a table or chart states its period once (the reader of 7 December 2026 found
"... applications 1 September 2015 to 31 August 2016. Period: 1 September 2015 to 31 August
2016." under every table of the exempt appendices)."""

from __future__ import annotations

from html import unescape

from pipelines.core.outputs import source_line

PERIOD = "1 September 2015 to 31 August 2016"


def text(html_line: str) -> str:
    return unescape(html_line.removeprefix('<p class="ep-source">').removesuffix("</p>"))


def test_a_source_that_states_its_period_is_not_followed_by_it_again():
    line = text(source_line(f"HR recruitment tracker, applications {PERIOD}", PERIOD + "."))
    assert line == f"Source: HR recruitment tracker, applications {PERIOD}."
    assert line.count(PERIOD) == 1


def test_a_source_without_its_period_is_followed_by_it():
    line = text(source_line("i-Trent HR leavers extract", PERIOD))
    assert line == f"Source: i-Trent HR leavers extract. Period: {PERIOD}."
    # another period in the source is not the period
    other = text(source_line("Staff survey, January to February 2016", PERIOD))
    assert other.endswith(f"Period: {PERIOD}.")
