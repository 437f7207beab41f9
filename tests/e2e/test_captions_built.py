"""Every caption of both demo reviews' built papers is one sentence, and short in the tabled
reports (issue 22: the campaigns and agency-cost captions of the 21 September 2016 report
carried a second, explanatory sentence in bold; explanations are notes under the table)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from pipelines.core.outputs import CAPTION_WORDS

#: A second sentence: a full stop, "?" or "!" and a space before a capital or a digit.
SECOND_SENTENCE = re.compile(r"(?<!\be\.g)(?<!\bi\.e)[.!?]\s+[A-Z0-9\u201c]")


@pytest.fixture(scope="session")
def papers(luton, coventry) -> dict[str, Path]:
    """Every HTML document of the built meetings, by "<meeting> <document>"."""
    out = {}
    for review, folder in (("luton", luton), ("coventry", coventry)):
        for path in sorted(folder.glob("*/*/*.html")):
            out[f"{review} {path.parent.parent.name} {path.stem}"] = path
    return out


def captions(path: Path) -> list[str]:
    """The captions of a document's tables and the titles of its charts, as printed.

    The data table under a chart repeats its title ("Data for the chart: ..."), and an exempt
    item's Schedule 12A line opens its caption on a line of its own: both are left out.
    """
    page = path.read_text(encoding="utf-8")
    page = re.sub(r'<span class="ep-exempt-note">.*?</span>', " ", page, flags=re.S)
    found = re.findall(
        r'<caption>(.*?)</caption>|<figcaption class="ep-chart-title">(.*?)</figcaption>',
        page,
        flags=re.S,
    )
    out = []
    for table, chart in found:
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", table or chart)).split())
        if text and not text.startswith("Data for the chart"):
            out.append(text)
    return out


def test_every_caption_is_one_sentence_and_the_reports_captions_short(papers):
    names = {name.split()[-1] for name in papers}
    assert {"report", "exempt-appendix", "annex", "final-report"} <= names
    assert {name.split()[0] for name in papers} == {"luton", "coventry"}
    counted = 0
    for name, path in papers.items():
        for caption in captions(path):
            counted += 1
            assert not SECOND_SENTENCE.search(caption), (name, caption)
            if name.endswith("report"):  # the committee and final reports, as tabled
                assert len(caption.split()) <= CAPTION_WORDS, (name, caption)
    assert counted > 100


def test_the_campaigns_explanation_is_a_note_under_the_table(papers):
    page = papers["luton 2016-09-21 report"].read_text(encoding="utf-8")
    found = re.findall(
        r"<caption>(Appointments against each campaign[^<]*)</caption>.*?</table>\s*"
        r'<p class="ep-table-note">(.*?)</p>',
        page,
        flags=re.S,
    )
    [(caption, note)] = found
    assert html.unescape(caption) == "Appointments against each campaign's target and deadline"
    assert html.unescape(note).startswith("Every application to the campaign in the export")
