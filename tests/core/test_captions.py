"""A caption is the table's finding or title, one sentence; what explains it is a note under
the table (issue 22: the campaigns and agency-cost captions of the 21 September 2016 report
carried a second, explanatory sentence in bold)."""

from __future__ import annotations

import re
from html import unescape

import pandas as pd
import pytest

from pipelines.core import presentation
from pipelines.core.disclosure import Policy
from pipelines.core.outputs import caption_parts

PUBLIC = Policy("public", 5)


@pytest.mark.parametrize(
    ("caption", "title", "note"),
    [
        ("Leavers and turnover by service", "Leavers and turnover by service", ""),
        ("Leavers by service.", "Leavers by service", ""),
        (
            "Most ratings were good or excellent; job security had the lowest share",
            "Most ratings were good or excellent; job security had the lowest share",
            "",
        ),
        ("Turnover was 15.4% in 2017. It rose", "Turnover was 15.4% in 2017", "It rose."),
        (
            "Extra cost a year (note 14). It is summed grade by grade. It may differ",
            "Extra cost a year (note 14)",
            "It is summed grade by grade. It may differ.",
        ),
        ("Posts (e.g. Team Manager) by grade", "Posts (e.g. Team Manager) by grade", ""),
    ],
)
def test_a_caption_is_its_first_sentence_and_the_rest_its_note(caption, title, note):
    assert caption_parts(caption) == (title, note)


def shown(monkeypatch, show, *args, **kwargs) -> str:
    out: list[str] = []
    monkeypatch.setattr(presentation, "display", lambda h, p, m: out.append(h))
    show(*args, **kwargs)
    [html_text] = out
    return html_text


def test_a_tables_second_sentence_is_printed_under_it_not_in_its_caption(monkeypatch):
    table = pd.DataFrame({"Campaign": ["A", "B"], "Appointed": [6, 7]})
    html_text = shown(
        monkeypatch,
        presentation.show,
        table,
        "Appointments against each campaign's target. All applications up to the export count.",
        "Recruitment export",
        name="campaigns",
        pol=PUBLIC,
    )
    [caption] = re.findall(r"<caption>(.*?)</caption>", html_text, flags=re.S)
    assert unescape(caption) == "Appointments against each campaign's target"
    [note] = re.findall(r'<p class="ep-table-note">(.*?)</p>', html_text)
    assert note == "All applications up to the export count."
    # the note sits under the table, before its source line
    assert html_text.index("ep-table-note") < html_text.index("ep-source")


def test_a_charts_second_sentence_is_printed_under_it_not_in_its_title(monkeypatch):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [6, 7])
    data = pd.DataFrame({"Band": ["a", "b"], "Posts": [6, 7]})
    html_text = shown(
        monkeypatch, presentation.show_chart, fig, "Most posts are in b. Agency posts count.",
        "alt", data, "HR snapshot", name="bands", not_counts=["Posts"], pol=PUBLIC,
    )  # fmt: skip
    [title] = re.findall(r'<figcaption class="ep-chart-title">(.*?)</figcaption>', html_text)
    assert title == "Most posts are in b"
    assert '<p class="ep-table-note">Agency posts count.</p>' in html_text
