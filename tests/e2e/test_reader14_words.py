"""What reader14 would still edit in the built papers (issue 22, points 6 to 8), checked on the
demo reviews' built packs: each point fixed in the shared code, for every council."""

from __future__ import annotations

import re

import pytest

from pipelines.documents.texts import PURPOSE_WORDS, SENTENCE_WORDS
from tests.e2e.test_papers import REPORTS, _soup, _words


@pytest.mark.parametrize("name", REPORTS)
def test_every_report_purpose_reads_in_one_breath(docs, name):
    """L21 p2: the purpose was 104 words in four sentences; a councillor reads it in one breath
    (at most 60 words, none of its sentences over 35), counted here as runs of letters."""
    soup = _soup(docs[name]["report"])
    section = soup.select_one("section[data-section=r01_purpose]")
    heading = section.find(re.compile("^h[1-6]$"))
    purpose = _words(section).removeprefix(_words(heading)).strip()
    assert purpose, name
    assert len(re.findall(r"[\w\u2019']+", purpose)) <= PURPOSE_WORDS, purpose
    for sentence in re.split(r"(?<=[.?!\u201d])\s+(?=[A-Z\u201c])", purpose):
        assert len(re.findall(r"[\w\u2019']+", sentence)) <= SENTENCE_WORDS, sentence
