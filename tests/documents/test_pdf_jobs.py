"""PDFs written in worker processes are the PDFs written in the build's process, byte for byte.

The sample pack (tests/documents/pack_sample.py, charts and tables) is assembled into two
documents of different lengths, like the report and the annex; :class:`PdfJobs` writes them
once in this process and once in two worker processes, and the files must be identical.
"""

from __future__ import annotations

import pytest

from pipelines.documents import pack
from pipelines.documents.pdf_jobs import WORKERS_ENV, PdfJobs, default_workers
from tests.conftest import SOURCE_DATE_EPOCH
from tests.documents.pack_sample import sample_front, sample_sections

#: Every test here writes PDFs with WeasyPrint (seconds each): `make test` runs them, the quick
#: loop (tests that build nothing) leaves them out (tests/conftest.py).
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def documents():
    """Two documents (long: every sample section; short: the first one), as HTML."""
    front = sample_front()
    sections = sample_sections()
    return {"annex": pack.assemble(sections, front), "report": pack.assemble(sections[:1], front)}


#: A one-line document, for the tests of failures and kept workers (what is written does not
#: matter there, only that it is written, or not, and by which processes).
TINY = '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><p>t</p></body></html>'


def write_all(documents, folder, workers: int) -> dict[str, float]:
    timings: dict[str, float] = {}
    with PdfJobs(workers=workers) as jobs:
        for key, html in documents.items():
            jobs.add(html, folder / key / f"{key}.pdf", title=f"Title of {key}", key=key)
        jobs.wait(timings, folder / "report")  # the PDFs of one folder only
        assert set(timings) == {"report pdf"}
        assert (folder / "report" / "report.pdf").is_file()
        jobs.finish(timings)
    return timings


def test_pdfs_written_in_workers_equal_those_written_in_process(documents, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    inline, pooled = tmp_path / "inline", tmp_path / "pooled"
    t_inline = write_all(documents, inline, workers=0)
    t_pooled = write_all(documents, pooled, workers=2)
    for key in documents:
        a = (inline / key / f"{key}.pdf").read_bytes()
        b = (pooled / key / f"{key}.pdf").read_bytes()
        assert a.startswith(b"%PDF-"), f"{key}.pdf is not a PDF"
        assert a == b, f"{key}.pdf written in a worker differs from the one written in-process"
        assert 0 < t_inline[f"{key} pdf"] <= t_inline["pdfs"]
        assert 0 < t_pooled[f"{key} pdf"] <= t_pooled["pdfs"]
    # The long document has more pages than the short one (they are not the same file).
    sizes = {key: len((inline / key / f"{key}.pdf").read_bytes()) for key in documents}
    assert sizes["annex"] > sizes["report"]


def test_a_failing_pdf_is_raised_after_the_others_are_written(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the PDF's folder should be", encoding="utf-8")
    with PdfJobs(workers=2) as jobs:
        jobs.add(TINY, blocker / "annex.pdf", title="t", key="annex")
        jobs.add(TINY, tmp_path / "ok" / "report.pdf", title="t", key="report")
        with pytest.raises(OSError):
            jobs.finish({})
    assert (tmp_path / "ok" / "report.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("setting", "count", "expected"),
    [("0", 3, 0), ("1", 3, 0), ("2", 3, 2), ("8", 3, 3), ("4", 1, 0), ("x", 1, 0)],
)
def test_worker_count(setting, count, expected, monkeypatch):
    monkeypatch.setenv(WORKERS_ENV, setting)
    assert default_workers(count) == expected


def test_kept_workers_write_the_next_builds_pdfs_alike(tmp_path, monkeypatch):
    """With keep_between_builds on, the PDF workers of a build whose PDFs were all written serve
    the next build (same processes), which writes the same bytes; a build with a failed PDF
    keeps none, and neither does one started with another environment."""
    from pipelines.core.warm import keep_between_builds, keep_warm
    from pipelines.documents import pdf_jobs

    was = keep_warm()
    keep_between_builds(True)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    try:
        pools = []
        for n in (1, 2):
            with PdfJobs(workers=2) as jobs:
                jobs.add(TINY, tmp_path / f"{n}.pdf", title="t", key="report")
                pools.append(jobs.pool)
                jobs.finish({})
        assert pools[0] is pools[1], "the second build started PDF workers of its own"
        assert (tmp_path / "1.pdf").read_bytes() == (tmp_path / "2.pdf").read_bytes()
        monkeypatch.setenv("EVIDENCE_PACK_SOMETHING_ELSE", "1")
        with PdfJobs(workers=2) as jobs:
            jobs.add(TINY, tmp_path / "3.pdf", title="t", key="report")
            assert jobs.pool is not pools[0], "workers of another environment were reused"
            failed = jobs.pool
            blocker = tmp_path / "not-a-folder"
            blocker.write_text("a file", encoding="utf-8")
            jobs.add(TINY, blocker / "x.pdf", title="t", key="annex")
            with pytest.raises(OSError):
                jobs.finish({})
        assert failed not in pdf_jobs._KEPT.values(), "a build with a failed PDF kept its workers"
    finally:
        keep_between_builds(False)
        keep_between_builds(was)
