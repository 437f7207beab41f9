"""Run a build's section notebooks with papermill, in parallel, through the step cache.

Each section notebook receives the run's common parameters (``review``, ``meeting``,
``audience``, ``processed_dir``) and its own; :func:`run_sections` runs a meeting's sections
(or takes them from the cache, under keys of their inputs) and returns them as
:class:`~pipelines.documents.pack.Section` objects in the meeting's order. Executed notebooks are
written with the build's staging paths replaced by the final ones (:func:`stable_notebook`), so
they are byte-identical across rebuilds.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines import cache as stepcache
from pipelines.core.config import notebooks_dir
from pipelines.core.errors import ConfigError, InputError, storage_error

if TYPE_CHECKING:  # nbformat takes seconds to import: only a build that runs notebooks does
    import nbformat


#: Settings of the kernels and libraries a build runs (not of the run itself).
KERNEL_ENVIRONMENT = {
    "MPLBACKEND": "Agg",
    "GX_ANALYTICS_ENABLED": "False",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}


@contextlib.contextmanager
def environment(**values: str) -> Iterator[None]:
    """Set environment variables for the duration of the block, restoring them afterwards.

    Used only for technical settings of the notebook kernels and libraries
    (:data:`KERNEL_ENVIRONMENT`), never for the run's review, audience or folders.
    """
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def run_notebook(name: str, out: Path, parameters: dict, km=None) -> nbformat.NotebookNode:
    """Execute ``notebooks/<name>.ipynb`` with papermill; officer-facing errors re-raised plainly.

    ``km``: the kernel manager of a warm kernel (:mod:`pipelines.kernel_pool`) to run it in;
    default a new kernel, shut down afterwards.

    An :class:`InputError` or :class:`ConfigError` (an :class:`OfficerError` among them) raised
    inside the notebook is re-raised here with its message (no traceback); anything else is
    re-raised as a RuntimeError naming the notebook and the executed copy to open.
    """
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    from pipelines.core.kernel import ensure_kernel

    warm = {}
    if km is not None:
        from pipelines.kernel_pool import register_engine

        warm = {"engine_name": register_engine(), "km": km}
    try:
        return pm.execute_notebook(
            str(notebooks_dir() / f"{name}.ipynb"),
            str(out),
            parameters=parameters,
            kernel_name=ensure_kernel(),
            cwd=str(notebooks_dir()),
            progress_bar=False,
            log_output=False,
            report_mode=False,
            # Written once when it has run (or failed), not after every cell: papermill's
            # default rewrites the growing notebook, images and all, twice per cell.
            request_save_on_cell_execute=False,
            **warm,
        )
    except PapermillExecutionError as exc:
        if exc.ename == "InputError":
            raise NotebookInputError(exc.evalue) from None
        if exc.ename in {"ConfigError", "OfficerError"}:  # OfficerError: a ConfigError's kind
            raise ConfigError(exc.evalue) from None
        if exc.ename in {"OSError", "PermissionError", "FileExistsError", "NotADirectoryError"}:
            code = re.match(r"\[Errno (\d+)\] ([^:]*)(?::\s*'(.*)')?", exc.evalue or "")
            if code:
                officer = storage_error(
                    OSError(int(code.group(1)), code.group(2), code.group(3) or str(out))
                )
                if officer is not None:
                    raise officer from None
        raise RuntimeError(
            f"Section {name} failed: {exc.ename}: {exc.evalue}\n"
            f"Open the executed notebook to see where: {out}"
        ) from None


class NotebookInputError(InputError):
    """An InputError raised inside a notebook, carried as its rendered text."""

    def __init__(self, text: str):
        self.text = text
        Exception.__init__(self, text)

    def render(self) -> str:
        """The officer's message as the notebook rendered it."""
        return self.text

    def __str__(self) -> str:
        return self.text


def stable_notebook(nb: nbformat.NotebookNode, paths: dict[str, str]) -> str:
    """The executed notebook as JSON text with nothing that changes from one build to the next.

    Removes papermill's and the kernel client's timestamps and durations (notebook
    ``metadata.papermill`` ``start_time``/``end_time``/``duration``, each cell's
    ``metadata.papermill`` times and ``metadata.execution``) and replaces this build's staging
    paths by the final ones (``paths``: staging -> final), so that two builds of the same
    inputs under ``SOURCE_DATE_EPOCH`` write byte-identical notebooks. The durations are in
    ``timings.json``.
    """
    import copy

    import nbformat

    nb = copy.deepcopy(nb)
    times = ("start_time", "end_time", "duration")
    for key in times:
        nb.metadata.get("papermill", {}).pop(key, None)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"  # papermill gives it a random id
        cell.metadata.pop("execution", None)
        for key in times:
            cell.metadata.get("papermill", {}).pop(key, None)
    text = nbformat.writes(nb)
    for staged, final in paths.items():
        for old, new in ((staged, final), (json.dumps(staged)[1:-1], json.dumps(final)[1:-1])):
            text = text.replace(old, new)
    return text + "\n"


def keep_failed_notebook(executed: Path, folder: Path, token: str) -> Path | None:
    """Copy a section's executed notebook out of the staging folder before it is removed.

    Returns the copy (``<folder>/<notebook>-<token>.ipynb``), or None when the notebook was not
    written or cannot be copied.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return Path(shutil.copy2(executed, folder / f"{executed.stem}-{token}.ipynb"))
    except OSError:
        return None


#: Stand-ins for this build's staging folders in a cached notebook (the paths differ per build).
STAGED_PATH_MARKS = ("@@STAGED-PROCESSED@@", "@@STAGED-PACK@@")


def _swap_paths(text: str, paths: dict[str, str]) -> str:
    for old, new in paths.items():
        for a, b in ((old, new), (json.dumps(old)[1:-1], json.dumps(new)[1:-1])):
            text = text.replace(a, b)
    return text


@dataclass
class AudienceRun:
    """One audience's run of a meeting's sections.

    ``run_params``: the parameters every section receives (review, meeting, audience,
    processed_dir); ``keys``: each section's cache key (:func:`pipelines.cache.section_key`);
    ``out_dir``: the folder receiving the executed notebooks; ``label``: added to progress
    messages, timing names and step names (`` (public)``) of a build's second audience.
    """

    run_params: dict
    keys: dict[str, str]
    out_dir: Path
    label: str = ""


def run_sections(
    refs: list,
    *,
    run_params: dict,
    keys: dict[str, str],
    cache: stepcache.StepCache,
    paths: dict[str, str],
    staging: Path,
    out_dir: Path | None = None,
    logs: Path,
    token: str,
    jobs: int | None,
    timings: dict[str, float],
    say: Callable[[str], None],
    label: str = "",
) -> list:
    """Run one audience's section notebooks, each in a new kernel: :func:`run_audiences`."""
    run = AudienceRun(run_params, keys, out_dir or staging / "sections", label)
    return run_audiences(
        refs,
        [run],
        cache=cache,
        paths=paths,
        logs=logs,
        token=token,
        jobs=jobs,
        timings=timings,
        say=say,
    )[0]


def run_audiences(
    refs: list,
    runs: list[AudienceRun],
    *,
    cache: stepcache.StepCache,
    paths: dict[str, str],
    logs: Path,
    token: str,
    jobs: int | None,
    timings: dict[str, float],
    say: Callable[[str], None],
    pool=None,
) -> list[list]:
    """Run the meeting's section notebooks for each audience (those not cached); in pack order.

    Each section runs for the audiences in the order of ``runs`` (the first, exempt, stores the
    section's result; the second reads it), one after the other; different sections run at
    once, up to ``jobs`` (:func:`pipelines.parallel.run_in_order`). With a ``pool``
    (:class:`pipelines.kernel_pool.KernelPool`) each notebook runs in one of its warm kernels,
    else in a new kernel.

    Parameters
    ----------
    refs : list of SectionRef
        The sections, in the pack's order.
    runs : list of AudienceRun
        The audiences, in the order they run.
    cache : StepCache
        A section whose key is cached is not run: its executed notebook is taken from the cache.
    paths : dict of str to str
        This build's staging folders (processed data, pack) -> their final paths.
    logs : Path
        The folder a failed section's notebook is kept in.
    token : str
        The build's token (names a kept notebook).
    jobs : int or None
        How many sections run at once.
    timings : dict
        Receives each section's duration in seconds, per audience (``<notebook><label>``).
    say : callable
        Progress messages: one per section and audience (a step of the build's progress).
    pool : KernelPool, optional
        Warm kernels to run the notebooks in.

    Returns
    -------
    list of list of pipelines.documents.pack.Section
        Per audience (in the order of ``runs``), one per section in the order of ``refs``
        (whatever order they finished in), so the pack is the same as a sequential build's.

    """
    import tempfile
    import threading

    import nbformat

    from pipelines import parallel
    from pipelines.core.kernel import ensure_kernel
    from pipelines.documents import pack

    for r in runs:
        r.out_dir.mkdir(parents=True, exist_ok=True)
    marks = dict(zip(paths, STAGED_PATH_MARKS, strict=True))
    unmarks = {mark: staged for staged, mark in marks.items()}

    def cached(ref, r: AudienceRun) -> nbformat.NotebookNode | None:
        with tempfile.TemporaryDirectory() as tmp:
            if not cache.fetch("section", r.keys[ref.notebook], Path(tmp)):
                return None
            text = (Path(tmp) / "notebook.ipynb").read_text(encoding="utf-8")
        return nbformat.reads(_swap_paths(text, unmarks), as_version=4)

    notebooks: dict[tuple[int, str], nbformat.NotebookNode] = {}
    todo: dict[str, list[int]] = {}  # notebook -> the runs (indexes) it has to run for
    for n, r in enumerate(runs):
        for ref in refs:
            t0 = time.perf_counter()
            nb = cached(ref, r)
            if nb is None:
                todo.setdefault(ref.notebook, []).append(n)
                continue
            say(f"section {ref.notebook}{r.label} (unchanged: reused)")
            notebooks[(n, ref.notebook)] = nb
            timings[f"{ref.notebook}{r.label}"] = time.perf_counter() - t0
    tasks = [ref for ref in refs if ref.notebook in todo]
    steps_left = sum(len(v) for v in todo.values())
    lock = threading.Lock()
    running: list[str] = []

    def run_one(ref, n: int) -> nbformat.NotebookNode:
        nonlocal steps_left
        r = runs[n]
        name = f"{ref.notebook}{r.label}"
        executed = r.out_dir / f"{ref.notebook}.ipynb"
        params = {**r.run_params, **ref.parameters}
        with lock:
            running.append(name)
        t0 = time.perf_counter()
        try:
            if pool is None:
                nb = run_notebook(ref.notebook, executed, params)
            else:
                nb = pool.submit(
                    lambda km: run_notebook(ref.notebook, executed, params, km=km)
                ).result()
        except RuntimeError as exc:
            # The staging folder is removed by the build: keep the failed notebook.
            kept = keep_failed_notebook(executed, logs, token)
            failed = RuntimeError(str(exc).replace(str(executed), str(kept)) if kept else str(exc))
            failed.kept_notebook = kept  # shown by the CLI's message
            raise failed from None
        finally:
            with lock:
                running.remove(name)
        timings[name] = time.perf_counter() - t0
        text = _swap_paths(nbformat.writes(nb), marks)
        cache.store_later("section", r.keys[ref.notebook], {"notebook.ipynb": text})
        with lock:
            steps_left -= 1
            if steps_left:
                say(f"{name} done; running {', '.join(running) or '-'}")
        return nb

    def run_unit(unit) -> list:
        ref, ns = unit
        return [run_one(ref, n) for n in ns]

    # A unit is a section's runs, one audience after the other (the second reads the result the
    # first stored). With fewer sections than kernels (a changed parameter), each audience's
    # run is a unit of its own: they run side by side and each builds the result if it is not
    # stored yet (the same result, written atomically).
    cores = max(1, jobs or parallel.default_jobs())
    units = [(ref, todo[ref.notebook]) for ref in tasks]
    if len(units) < cores:
        units = [(ref, [n]) for ref, ns in units for n in ns]
    if tasks:
        ensure_kernel()
        names = [f"{ref.notebook}{runs[n].label}" for ref, ns in units for n in ns]
        width = max(1, min(cores, len(units)))
        say(f"sections ({width} at once): " + ", ".join(names))
    # papermill changes the process's working folder while a notebook runs (its ``cwd``) and
    # puts back the one it found: with two notebooks running at once in threads, the second
    # finds the first's and the build was left in notebooks/ (a relative review path then
    # failed when the documents were written). Put back the working folder of the build.
    cwd = os.getcwd()
    try:
        ran = parallel.run_in_order(units, run_unit, jobs=jobs, name=lambda u: u[0].notebook)
    finally:
        os.chdir(cwd)
    for (ref, ns), nbs in zip(units, ran, strict=True):
        for n, nb in zip(ns, nbs, strict=True):
            notebooks[(n, ref.notebook)] = nb
    out = []
    for n, r in enumerate(runs):
        sections = []
        for ref in refs:
            cache.note(
                f"section {ref.notebook}{r.label}", reused=n not in todo.get(ref.notebook, [])
            )
            nb = notebooks[(n, ref.notebook)]
            (r.out_dir / f"{ref.notebook}.ipynb").write_text(
                stable_notebook(nb, paths), encoding="utf-8"
            )
            sections.append(pack.Section(name=ref.notebook, notebook=nb))
        out.append(sections)
    return out
