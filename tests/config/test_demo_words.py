"""The demo reviews keep their own words in what they build (issue 21, item 5): Luton's question
and objectives in its report's purpose, its survey period under the survey tables and
Lancashire's caseload standard under its caseload table, all from its review configuration now
that no shipped default holds them."""

from __future__ import annotations

import html
import re

from tests.conftest import Built


def _text(path) -> str:
    raw = re.sub(r"<script.*?</script>|<style.*?</style>", "", path.read_text("utf-8"), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))


def test_the_luton_pack_says_lutons_own_words(built: Built):
    report = _text(built.public / "report.html")
    purpose = report[report.index("1. Purpose of the report To") :][:700]
    assert "\u201cwhat drives social workers and occupational therapists to leave?\u201d" in purpose
    # Luton's four objectives would take the purpose past what a councillor reads in one
    # breath (reader15: 104 words), so the default purpose names the question and the items
    # only (documents.texts.default_purpose); a purpose with them is the officer's to write.
    section = purpose[: purpose.index("2. ")] if "2. " in purpose else purpose
    assert len(section.split()) <= 60 + 5  # the heading's words besides
    annex = _text(built.folder / "annex.html")
    assert "recommended caseloads: Lancashire County Council recommended caseloads, 2015" in annex
    assert "January to February 2016" in annex  # the staff survey's period, from the review
    assert "2016/17 pay rates, cash" in annex
    for document in (report, annex):
        assert ", None" not in document and "None set" not in document
