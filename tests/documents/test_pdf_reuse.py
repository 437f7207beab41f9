"""A PDF written before from the same HTML is copied, not written again (a changed parameter
that changes only the report leaves the exempt appendix's PDF as it was).

The PDF writer is replaced by one that records its calls and writes the HTML's bytes, so these
tests count what is written without WeasyPrint; that a PDF is a function of its HTML is
tests/e2e/test_cache_build.py's (a rebuild after a parameter change equals a fresh build).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.documents import pdf_jobs
from pipelines.documents.pdf_jobs import PdfJobs


@pytest.fixture
def written(monkeypatch):
    """The (HTML, title) of every PDF the fake writer wrote."""
    calls: list[tuple[str, str]] = []

    def write_one_pdf(html_text: str, pdf_path: str, title: str) -> float:
        calls.append((html_text, title))
        Path(pdf_path).parent.mkdir(parents=True, exist_ok=True)
        Path(pdf_path).write_bytes(f"%PDF-fake {title}\n{html_text}".encode())
        return 0.5

    monkeypatch.setattr(pdf_jobs, "write_one_pdf", write_one_pdf)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return calls


def build(store: Path, out: Path, documents: dict[str, str], salt: str = "v1") -> dict:
    """One build's PDFs, each ``<out>/<key>.pdf``; returns its timings."""
    timings: dict[str, float] = {}
    with PdfJobs(workers=0) as jobs:
        jobs.reuse_from(store, salt)
        for key, html in documents.items():
            jobs.add(html, out / f"{key}.pdf", title=f"Title {key}", key=key)
        jobs.finish(timings)
        jobs.keep()
    return timings


def test_the_same_html_is_copied_and_changed_html_written(written, tmp_path, monkeypatch):
    store = tmp_path / "store"
    first = {"report": "<p>rate 32</p>", "exempt": "<p>names</p>"}
    build(store, tmp_path / "one", first)
    assert len(written) == 2

    # The report changed, the exempt appendix did not: one PDF written, the other copied.
    second = {"report": "<p>rate 33</p>", "exempt": "<p>names</p>"}
    timings = build(store, tmp_path / "two", second)
    assert written[2:] == [("<p>rate 33</p>", "Title report")]
    assert timings["exempt pdf"] == 0.0 and timings["report pdf"] == 0.5
    one, two = tmp_path / "one", tmp_path / "two"
    assert (two / "exempt.pdf").read_bytes() == (one / "exempt.pdf").read_bytes()
    assert (two / "report.pdf").read_bytes() == b"%PDF-fake Title report\n<p>rate 33</p>"

    # Back to the first report: copied too; nothing written.
    build(store, tmp_path / "three", first)
    assert len(written) == 3
    assert (tmp_path / "three" / "report.pdf").read_bytes() == (one / "report.pdf").read_bytes()

    # Another code version, or another build time, writes them again.
    build(store, tmp_path / "four", first, salt="v2")
    assert len(written) == 5
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1474400000")
    build(store, tmp_path / "five", first, salt="v2")
    assert len(written) == 7


def test_without_a_store_or_before_keep_nothing_is_reused(written, tmp_path):
    documents = {"report": "<p>a</p>"}
    for n in range(2):
        with PdfJobs(workers=0) as jobs:  # no reuse_from: every PDF written
            jobs.add(documents["report"], tmp_path / f"{n}.pdf", title="t", key="report")
            jobs.finish({})
    assert len(written) == 2
    store = tmp_path / "store"
    with PdfJobs(workers=0) as jobs:  # written, not kept (the build failed after it)
        jobs.reuse_from(store, "v1")
        jobs.add(documents["report"], tmp_path / "a.pdf", title="t", key="report")
        jobs.finish({})
    build(store, tmp_path / "b", documents)
    assert len(written) == 4
