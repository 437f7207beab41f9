"""Write a meeting's PDFs in separate processes, in parallel with each other and the rest.

WeasyPrint holds Python's GIL for most of its layout work and changes the process environment
while it writes (:func:`pipelines.documents.pack._fixed_font_timestamps`), so PDFs are not
written from threads: each is written by :func:`pipelines.documents.pack.write_pdf` in a
worker process of its own (``spawn``, so no lock or thread of the build is copied into it).
The HTML is always written first, by the caller; a PDF written in a worker is byte-identical
to one written in the build's own process (same function, same HTML, same environment).

:class:`PdfJobs` holds the PDFs of a build: :meth:`PdfJobs.add` starts one in a worker (up
to ``workers`` at a time, the others queued in the order added), :meth:`PdfJobs.wait` waits
for those of one folder and :meth:`PdfJobs.finish` for all, recording each one's seconds.
``EVIDENCE_PACK_PDF_WORKERS=0`` (or a machine with one core) writes each PDF at once in the
build's own process, as before.

A PDF is a function of its HTML alone (CSS inline, images as data URIs), its title,
``SOURCE_DATE_EPOCH`` and the code and package versions: with :meth:`PdfJobs.reuse_from` a
PDF written before from the same HTML is copied instead of written again (the exempt appendix
when a changed parameter changed only the report), and :meth:`PdfJobs.keep` stores those
written, once the build has succeeded.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import secrets
import shutil
import time
from concurrent.futures import Future, ProcessPoolExecutor
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


def preload() -> None:
    """Import WeasyPrint and the pack's PDF writer: a worker's start, done before it is needed."""
    import weasyprint  # noqa: F401

    from pipelines.documents import pack  # noqa: F401


def _ready() -> bool:
    return True


def write_one_pdf(html_text: str, pdf_path: str, title: str) -> float:
    """Write one PDF with :func:`pipelines.documents.pack.write_pdf`; returns its seconds."""
    from pipelines.documents import pack

    t0 = time.perf_counter()
    pack.write_pdf(html_text, Path(pdf_path), title=title)
    return time.perf_counter() - t0


#: PDF workers a finished build left for the next build of this process, by their number and
#: the environment they started with (:func:`pipelines.core.warm.keep_between_builds`).
_KEPT: dict[tuple, ProcessPoolExecutor] = {}


def _shut_down(pool: ProcessPoolExecutor) -> None:
    pool.shutdown(wait=True, cancel_futures=True)


def stop_kept() -> None:
    """Stop the PDF workers kept between builds."""
    while _KEPT:
        _shut_down(_KEPT.popitem()[1])


def pdf_key(html_text: str, title: str, salt: str) -> str:
    """Key of the PDF of ``html_text``: the SHA-256 of it and of what else the PDF depends on.

    Its title, ``SOURCE_DATE_EPOCH`` and ``salt`` (the code and package versions).
    """
    head = {"title": title, "sde": os.environ.get("SOURCE_DATE_EPOCH"), "salt": salt}
    h = hashlib.sha256(json.dumps(head, sort_keys=True).encode("utf-8"))
    h.update(html_text.encode("utf-8"))
    return h.hexdigest()


@dataclass
class _Job:
    path: Path
    key: str
    future: Future | None = None
    stored: Path | None = None  # where a PDF written from the same HTML is kept
    reused: bool = False


class PdfJobs:
    """The PDFs of one build, each started as soon as its HTML is written (:meth:`add`).

    Use as a context manager (the worker processes are stopped on leaving it) and call
    :meth:`finish`; :meth:`wait` waits for the PDFs of one folder (``public/``, which is read
    back and audited before the annex is assembled).
    """

    def __init__(self, workers: int | None = None, expected: int = 3) -> None:
        """``workers`` processes (default :func:`default_workers` of ``expected`` PDFs)."""
        self.workers = default_workers(expected) if workers is None else workers
        self.jobs: list[_Job] = []
        self.pool: ProcessPoolExecutor | None = None
        self.t0: float | None = None
        self.timings_of_inline: dict[str, float] = {}
        self._key: tuple = ()
        self.store: Path | None = None
        self.salt = ""

    def __enter__(self) -> PdfJobs:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Stop the worker processes: PDFs not started are cancelled, running ones waited for.

        With :func:`pipelines.core.warm.keep_between_builds` on and every PDF written, the
        workers are kept for the next build of this process instead (:func:`stop_kept`).
        """
        if self.pool is not None:
            from pipelines.core.warm import keep_warm, on_stop

            written = all(
                job.future is None or (job.future.done() and job.future.exception() is None)
                for job in self.jobs
            )
            if keep_warm() and written:
                from pipelines.core.warm import keep

                keep(_KEPT, self._key, self.pool, _shut_down)
                on_stop(stop_kept)
            else:
                self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def _pool(self) -> ProcessPoolExecutor:
        if self.pool is None:
            from pipelines.core.warm import environment_key

            self._key = (self.workers, environment_key())
            self.pool = _KEPT.pop(self._key, None)
            if self.pool is None:
                context = multiprocessing.get_context("spawn")
                self.pool = ProcessPoolExecutor(
                    max_workers=self.workers, mp_context=context, initializer=preload
                )
        return self.pool

    def warm(self) -> None:
        """Start the worker processes now, each importing WeasyPrint (about a second each).

        A build calls it while its sections run, so the PDFs start at once when the HTML is
        written. Nothing happens when PDFs are written in this process (``workers`` 0).
        """
        if self.workers > 0 and self.pool is None:
            for _ in range(self.workers):
                self._pool().submit(_ready)

    def reuse_from(self, folder: Path | None, salt: str) -> None:
        """Copy a PDF written before from the same HTML out of ``folder`` (None: never).

        ``salt``: the code and package versions (:func:`pdf_key`). The PDFs written are stored
        there by :meth:`keep`.
        """
        self.store, self.salt = (Path(folder) if folder is not None else None), salt

    def add(self, html_text: str, pdf_path: Path, *, title: str, key: str) -> None:
        """Start writing ``html_text`` as ``pdf_path`` (its seconds go to ``<key> pdf``).

        In a worker process; with ``workers`` 0 it is written now, in this process. A PDF of
        the same HTML kept before (:meth:`reuse_from`) is copied instead (0 seconds).
        """
        if self.t0 is None:
            self.t0 = time.perf_counter()
        job = _Job(Path(pdf_path), key)
        if self.store is not None:
            found = pdf_key(html_text, title, self.salt)
            job.stored = self.store / found[:2] / f"{found}.pdf"
            try:
                if job.stored.is_file():
                    job.path.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(job.stored, job.path)
                    job.reused = True
            except OSError:  # not readable: written again
                job.reused = False
        if job.reused:
            self.timings_of_inline[key] = 0.0
        elif self.workers <= 0:
            self.timings_of_inline[key] = write_one_pdf(html_text, str(pdf_path), title)
        else:
            job.future = self._pool().submit(write_one_pdf, html_text, str(pdf_path), title)
        self.jobs.append(job)

    def wait(self, timings: dict[str, float], folder: Path | None = None) -> None:
        """Wait for the PDFs started so far (those in ``folder`` only, if given).

        Records ``timings["<key> pdf"]`` (seconds for that PDF alone); the first failure is
        raised once the PDFs waited for have stopped.
        """
        error: BaseException | None = None
        for job in self.jobs:
            if folder is not None and not job.path.is_relative_to(folder):
                continue
            if job.future is None:
                timings[f"{job.key} pdf"] = self.timings_of_inline[job.key]
                continue
            try:
                timings[f"{job.key} pdf"] = job.future.result()
            except BaseException as exc:  # noqa: BLE001 (raised below, after the others)
                error = error or exc
        if error is not None:
            raise error

    def keep(self) -> None:
        """Store each PDF written (not copied) for a later build (:meth:`reuse_from`).

        Called once the build has succeeded; written to a temporary file renamed into place,
        and an error only means the next build writes that PDF again.
        """
        for job in self.jobs:
            if job.stored is None or job.reused or job.stored.exists() or not job.path.is_file():
                continue
            if job.future is not None and (not job.future.done() or job.future.exception()):
                continue
            tmp = job.stored.with_name(f".{job.stored.name}.{os.getpid()}-{secrets.token_hex(4)}")
            try:
                job.stored.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(job.path, tmp)
                os.replace(tmp, job.stored)
            except OSError:
                tmp.unlink(missing_ok=True)

    def finish(self, timings: dict[str, float]) -> None:
        """Wait for every PDF and stop the workers.

        ``timings["pdfs"]`` is the wall time from the first PDF started to the last finished
        (less than their sum when in parallel).
        """
        try:
            self.wait(timings)
        finally:
            self.close()
            if self.t0 is not None:
                timings["pdfs"] = time.perf_counter() - self.t0
