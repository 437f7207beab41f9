"""Public documents carry no build internals (issue 22, reader11 on the Coventry 16 April 2018
report: its HTML's ``<meta name="generator">`` and so its PDF's Creator carried the git commit).

The version and commit stay in the technical annex and a standalone pack (whose cover prints
the build stamp) and in the build record (``manifest.json``).
"""

from __future__ import annotations

import dataclasses

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from pipelines.documents.pack import assemble, write_pdf
from tests.documents.pack_sample import sample_front, sample_sections

COMMIT = "abc1234"  # the sample front matter's provenance: "... from commit abc1234"


def _generator(kind: str) -> str:
    front = dataclasses.replace(sample_front(), kind=kind)
    soup = BeautifulSoup(assemble(sample_sections(), front), "html.parser")
    return soup.find("meta", attrs={"name": "generator"})["content"]


@pytest.mark.parametrize("kind", ["report", "exempt"])
def test_a_members_or_public_document_names_no_commit_or_version(kind):
    assert COMMIT in sample_front().provenance  # the sample does carry one to leak
    assert _generator(kind) == "evidence-pack"


@pytest.mark.parametrize("kind", ["annex", "pack"])
def test_the_annex_and_a_standalone_pack_keep_the_build_stamp(kind):
    assert _generator(kind) == sample_front().provenance


def test_the_public_pdfs_creator_has_no_commit(tmp_path):
    front = dataclasses.replace(sample_front(), kind="report")
    path = tmp_path / "report.pdf"
    write_pdf(assemble(sample_sections(), front), path, title=front.title)
    creator = str(PdfReader(path).metadata.get("/Creator", ""))
    assert COMMIT not in creator and "0.1.0" not in creator
