"""Write a meeting's PDFs in separate processes, in parallel with each other and the rest.

WeasyPrint holds Python's GIL for most of its layout work and changes the process environment
while it writes (:func:`pipelines.documents.pack._fixed_font_timestamps`), so PDFs are not
written from threads: each is written by :func:`pipelines.documents.pack.write_pdf` in a
worker process of its own (``spawn``, so no lock or thread of the build is copied into it).
The HTML is always written first, by the caller; a PDF written in a worker is byte-identical
to one written in the build's own process (same function, same HTML, same environment).

:class:`PdfJobs` collects the PDFs of a build: :meth:`PdfJobs.add` queues one, and
:meth:`PdfJobs.finish` writes them all (longest first, up to ``workers`` at a time) and
records each one's seconds. ``EVIDENCE_PACK_PDF_WORKERS=0`` (or a machine with one core)
writes them one after another in the build's own process, as before.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

#: Environment variable: how many worker processes write PDFs (0: none, in the build's process).
WORKERS_ENV = "EVIDENCE_PACK_PDF_WORKERS"


def default_workers(count: int) -> int:
    """The number of worker processes that write ``count`` PDFs (0: write them in-process).

    ``EVIDENCE_PACK_PDF_WORKERS`` if set, else the number of CPU cores this process may use;
    at most ``count``, and 0 when that is one (nothing to gain from a worker).
    """
    from pipelines.parallel import default_jobs

    setting = os.environ.get(WORKERS_ENV, "").strip()
    if setting:
        try:
            wanted = max(0, int(setting))
        except ValueError:
            wanted = default_jobs()
    else:
        wanted = default_jobs()
    if wanted <= 1 or count <= 1:
        return 0
    return min(wanted, count)


def write_one_pdf(html_text: str, pdf_path: str, title: str) -> float:
    """Write one PDF with :func:`pipelines.documents.pack.write_pdf`; returns its seconds."""
    from pipelines.documents import pack

    t0 = time.perf_counter()
    pack.write_pdf(html_text, Path(pdf_path), title=title)
    return time.perf_counter() - t0


@dataclass
class _Job:
    html: str
    path: Path
    title: str
    key: str


class PdfJobs:
    """The PDFs of one build, written together by :meth:`finish`."""

    def __init__(self) -> None:
        self.jobs: list[_Job] = []

    def add(self, html_text: str, pdf_path: Path, *, title: str, key: str) -> None:
        """Queue ``html_text`` to be written as ``pdf_path``; its seconds go to ``<key> pdf``."""
        self.jobs.append(_Job(html_text, Path(pdf_path), title, key))

    def finish(self, timings: dict[str, float], workers: int | None = None) -> None:
        """Write every queued PDF; record ``timings["<key> pdf"]`` (seconds for that PDF).

        ``timings["pdfs"]`` is the wall time of them all (less than the sum when in parallel).

        The first failure is raised once all have stopped.

        ``workers`` (default :func:`default_workers`) processes write them at once, the
        longest HTML first so that the longest PDF (the annex) starts at once; 0 writes them
        one after another in this process.
        """
        jobs = sorted(self.jobs, key=lambda j: len(j.html), reverse=True)
        self.jobs = []
        if not jobs:
            return
        t0 = time.perf_counter()
        try:
            self._write(jobs, timings, workers)
        finally:
            timings["pdfs"] = time.perf_counter() - t0  # wall time of them all

    @staticmethod
    def _write(jobs: list[_Job], timings: dict[str, float], workers: int | None) -> None:
        """Write ``jobs`` in this order: in-process (``workers`` 0) or in a pool of workers."""
        workers = default_workers(len(jobs)) if workers is None else workers
        if workers <= 0:
            for job in jobs:
                timings[f"{job.key} pdf"] = write_one_pdf(job.html, str(job.path), job.title)
            return
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [
                (job, pool.submit(write_one_pdf, job.html, str(job.path), job.title))
                for job in jobs
            ]
            error: BaseException | None = None
            for job, future in futures:
                try:
                    timings[f"{job.key} pdf"] = future.result()
                except BaseException as exc:  # noqa: BLE001 (raised below, after the others)
                    error = error or exc
        if error is not None:
            raise error
