"""Every public document of both demo packs says "demonstration" once, on its cover (issue 22).

Point 8: Coventry's report printed "(synthetic" 25 times and the final reports "(demo)", "not
reproduced in this demo" and "from the demo exports". Counted here over every public HTML and
Word document of the shared demo packs (tests/conftest.py: Luton 21 September 2016 and 28
February 2017 with the final report, Coventry 27 March and 16 April 2018 with the final report).
Point 9: every public document names the review's (fictional) scrutiny officer, never the seed
councils' officers.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from pipelines.core.config import load_review
from pipelines.documents.docx import docx_text
from pipelines.documents.front import DEMONSTRATION

LABEL = re.compile(r"\b(?:demo|demonstration|synthetic)\b", re.IGNORECASE)
SEED_OFFICERS = ("Matt Hussey", "Gennie Holmes", "01582 54 6032", "024 7683 1172")


def words(path: Path) -> str:
    """The text of a public HTML or Word document (tags, styles and images left out)."""
    if path.suffix == ".docx":
        return " ".join(docx_text(path))
    t = path.read_text(encoding="utf-8")
    t = re.sub(r"<style.*?</style>|<script.*?</script>|<img[^>]*>|<meta[^>]*>", " ", t, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", t)))


#: Every public HTML and Word document of the two shared demo packs: (review, meeting, file).
DOCUMENTS = [
    (review, meeting, f"{stem}.{ext}")
    for review, meeting, stems in (
        ("luton-sw-2016", "2016-09-21", ("report",)),
        ("luton-sw-2016", "2017-02-28", ("report", "final-report")),
        ("coventry-sw-2018", "2018-03-27", ("report",)),
        ("coventry-sw-2018", "2018-04-16", ("report", "final-report")),
    )
    for stem in stems
    for ext in ("html", "docx")
]


def _params():
    for review, meeting, name in DOCUMENTS:
        yield pytest.param(review, meeting, name, id=f"{review}-{meeting}-{name}")


@pytest.fixture(scope="session")
def packs(luton, coventry) -> dict[str, Path]:
    return {"luton-sw-2016": luton, "coventry-sw-2018": coventry}


@pytest.mark.parametrize(("review", "meeting", "name"), list(_params()))
def test_every_public_document_says_demonstration_once_on_its_cover(packs, review, meeting, name):
    path = packs[review] / meeting / "public" / name
    text = words(path)
    assert text.count(DEMONSTRATION) == 1, path
    assert text.index(DEMONSTRATION) < len(text) // 4, path  # on the cover, at the front
    # "Demonstration: synthetic data." and nothing else: no "(synthetic)" source, no "(demo)"
    # date, no "in this demo", no "made up for the demonstration"
    assert LABEL.findall(text.replace(DEMONSTRATION, "")) == [], path


@pytest.mark.parametrize(("review", "meeting", "name"), DOCUMENTS)
def test_every_public_document_names_the_reviews_officer_only(packs, review, meeting, name):
    officer = load_review(review).contact_officer
    text = words(packs[review] / meeting / "public" / name)
    assert officer.name in text and officer.telephone in text
    for real in SEED_OFFICERS:
        assert real not in text, real
