"""No public document prints an internal name (issue 22, point 7).

"agency_rate_basis says where it comes from" (config/findings.yml) and "recommendations.yml" (the
tracker's source) were printed in the reports. Every public document of both demo reviews'
packs (report and final report HTML, which the PDF and Word files are made from, and the public
CSVs) is read for snake_case identifiers and file names.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from tests.documents.internal_names import internal_names


def test_the_rule_finds_identifiers_and_file_names_only():
    text = (
        "The agency rate (agency_rate_basis says where) from recommendations.yml, 10_leavers "
        "and leavers_itrent_2015-16.csv; not 23.2%, not “Staff surveys”, not Children's "
        "Social Care, not https://www.gov.uk/a_b/c.csv, not 2016-09-21, not e-mail a_b@c.uk."
    )
    assert internal_names(text) == [
        "10_leavers",
        "agency_rate_basis",
        "leavers_itrent_2015-16.csv",
        "recommendations.yml",
    ]


def _printed(path: Path) -> str:
    if path.suffix == ".html":
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup(["script", "style"]):
            tag.decompose()
        return soup.get_text(" ")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return " ".join([*frame.columns, *frame.to_numpy().ravel().tolist()])


def _public_documents(review: Path) -> list[Path]:
    files = sorted(review.glob("*/public/*.html")) + sorted(review.glob("*/public/tables/*.csv"))
    assert files, f"no public documents under {review}"
    return files


@pytest.mark.slow  # reads the shared packs (built: the fixture is looked up by name)
@pytest.mark.parametrize("review", ["luton", "coventry"])
def test_no_public_document_prints_an_internal_name(review, request):
    folder = request.getfixturevalue(review)
    found = {
        str(p.relative_to(folder)): names
        for p in _public_documents(folder)
        if (names := internal_names(_printed(p)))
    }
    assert found == {}
