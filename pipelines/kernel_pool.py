"""Warm notebook kernels for a build: each started once, its imports done once, reused.

A section notebook run by papermill in a new kernel spends about two seconds before its first
line of analysis: the kernel starts (0.6 s) and its first cell imports pandas, seaborn,
matplotlib and the project (1.4 s). A meeting runs six or more sections for two audiences, so a
cold build spent half its section time starting kernels. A :class:`KernelPool` starts ``size``
kernels (one per worker thread, in the background, while the build cleans and validates the
data), imports the section modules in each once, and runs every section notebook of the build in
one of them.

A reused kernel must give the same notebook as a new one. Before each notebook the worker
resets the kernel (:data:`RESET_CODE`): the user namespace is emptied and the execution count
starts again at 1 (IPython's ``reset(new_session=True)``), open figures are closed, matplotlib's
settings are put back to those of a new kernel and Python's warning registries are cleared (so a
warning is shown in every notebook that raises it, not only in the first). Modules stay imported:
that is the saving. The build's tests compare a pooled build's executed notebooks byte for byte
with those of new kernels (``EVIDENCE_PACK_FRESH_KERNELS=1``, :data:`FRESH_ENV`).

Every kernel operation of a worker happens in that worker's thread (nbclient's event loop is per
thread); a kernel that has died is replaced before the next notebook; the kernels are shut down
when the pool is closed (leaving its ``with`` block), whatever happened.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any

#: Environment variable: ``1`` runs each section notebook in a new kernel, as before the pool.
FRESH_ENV = "EVIDENCE_PACK_FRESH_KERNELS"

#: Modules every section notebook imports: loaded once per kernel while the data are prepared.
PRELOAD = (
    "pandas",
    "numpy",
    "matplotlib",
    "matplotlib.pyplot",
    "seaborn",
    "pipelines.core.charts",
    "pipelines.core.context",
    "pipelines.core.presentation",
    "pipelines.core.disclosure",
    "pipelines.core.section_build",
)

#: Run once in a new kernel after the imports: every section package and analysis module
#: imported (as the first reconcile or registry look-up of a notebook would), not the dataset
#: families (their validation would bring Great Expectations into the kernel).
PLUGINS_CODE = """\
from pipelines.core import plugins as _plugins
_plugins.load("sections")
_plugins.load("metrics")
del _plugins
"""

#: Run once in a new kernel after the imports: what :data:`RESET_CODE` puts back.
SNAPSHOT_CODE = """\
import matplotlib as _mpl, warnings as _w
_ip = get_ipython()
_ip._evidence_pack_rc = _mpl.rcParams.copy()
_ip._evidence_pack_filters = list(_w.filters)
del _mpl, _w, _ip
"""

#: Run before each notebook in a reused kernel: the state a new kernel starts with.
RESET_CODE = """\
import warnings as _w, matplotlib as _mpl, matplotlib.pyplot as _plt
_plt.close("all")
_mpl.rcParams.update(get_ipython()._evidence_pack_rc)
_w.filters[:] = get_ipython()._evidence_pack_filters
_w.onceregistry.clear()
_w.filterwarnings("default", message="\\x00 evidence-pack: registries cleared")  # bumps them
_w.filters[:] = get_ipython()._evidence_pack_filters
get_ipython().reset(new_session=True)
get_ipython().execution_count = 1  # the next cell is In [1], as in a new kernel
"""


def fresh_kernels() -> bool:
    """True when ``EVIDENCE_PACK_FRESH_KERNELS=1``: every notebook gets a new kernel."""
    return os.environ.get(FRESH_ENV, "").strip() == "1"


#: Warm kernels a finished build left for the next one in this process
#: (:func:`pipelines.core.warm.keep_between_builds`), by what they were started with: kernel,
#: folder, number and the whole environment.
_KEPT: dict[tuple, KernelPool] = {}


def _kept_key(kernel_name: str, cwd: Path, size: int) -> tuple:
    """What a kept pool must match to be reused: kernel, folder, size and environment."""
    from pipelines.core.warm import environment_key

    return (kernel_name, str(Path(cwd).resolve()), size, environment_key())


def close_kept() -> None:
    """Shut down the kernels kept between builds (at exit, or before keeping others)."""
    while _KEPT:
        _KEPT.popitem()[1].close()


def keep_kernels() -> bool:
    """Whether a successful build leaves its kernels for the next build of this process."""
    from pipelines.core.warm import keep_warm

    return keep_warm()


def _code_notebook(code: str):
    """A one-cell notebook holding ``code`` (for the pool's own start and reset cells)."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(code))
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": ""}
    return nb


def run_code(km, code: str, *, kernel_name: str, cwd: Path | None = None) -> None:
    """Run ``code`` in the kernel of ``km`` (starting it, in ``cwd``, if it has none).

    Raises RuntimeError with the kernel's error when the code fails (the pool then gives up on
    warm kernels and the build runs each notebook in a new one).
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    client = NotebookClient(
        _code_notebook(code), km=km, kernel_name=kernel_name, timeout=600, startup_timeout=60
    )
    try:
        client.execute(**({"cwd": str(cwd)} if cwd else {}))
    except CellExecutionError as exc:
        raise RuntimeError(f"A warm kernel's own code failed: {exc}") from None
    finally:
        if client.kc is not None:
            client.kc.stop_channels()


def _alive(km) -> bool:
    from jupyter_core.utils import run_sync

    try:
        return bool(km.has_kernel and run_sync(km.is_alive)())
    except Exception:  # noqa: BLE001 (a kernel that cannot say is not used)
        return False


def _shutdown(km) -> None:
    from jupyter_core.utils import run_sync

    try:
        if km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)
    except Exception:  # noqa: BLE001 (shutting down: nothing more to do)
        pass


class KernelPool:
    """``size`` worker threads, each owning one warm kernel, running submitted notebook jobs.

    Use as a context manager: the kernels start when the pool is entered (in the background) and
    are shut down when it is left. :meth:`submit` takes ``fn(km)`` and returns a Future; ``km``
    is the worker's kernel manager, already reset to a new kernel's state, for
    ``papermill.execute_notebook(..., km=km)``.
    """

    def __init__(
        self,
        size: int,
        *,
        kernel_name: str,
        cwd: Path,
        preload: Sequence[str] = PRELOAD,
    ) -> None:
        self.size = max(1, size)
        self.kernel_name, self.cwd, self.preload = kernel_name, cwd, tuple(preload)
        self._jobs: queue.Queue = queue.Queue()
        self._threads: list[threading.Thread] = []
        self.started = False

    def __enter__(self) -> KernelPool:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        """Start the worker threads; each starts its kernel and runs the imports at once."""
        if self.started:
            return
        self.started = True
        for n in range(self.size):
            thread = threading.Thread(target=self._worker, name=f"kernel-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def submit(self, fn: Callable[[Any], Any]) -> Future:
        """Run ``fn(km)`` in the next free warm kernel; its result or exception in the Future."""
        self.start()
        future: Future = Future()
        self._jobs.put((fn, future))
        return future

    def close(self) -> None:
        """Stop the workers once the jobs queued are done, and shut their kernels down."""
        for _ in self._threads:
            self._jobs.put(None)
        for thread in self._threads:
            thread.join()
        self._threads.clear()

    def _new_kernel(self):
        from jupyter_client.manager import AsyncKernelManager

        km = AsyncKernelManager(kernel_name=self.kernel_name)
        imports = "\n".join(f"import {name}" for name in self.preload)
        code = f"{imports}\n{PLUGINS_CODE}\n{SNAPSHOT_CODE}"
        run_code(km, code, kernel_name=self.kernel_name, cwd=self.cwd)
        return km

    def _worker(self) -> None:
        km = None
        try:
            try:  # the kernel starts while the build prepares the data
                km = self._new_kernel()
            except Exception:  # noqa: BLE001 (tried again for the first job, which reports it)
                km = None
            while True:
                job = self._jobs.get()
                if job is None:
                    return
                fn, future = job
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    if km is None or not _alive(km):
                        if km is not None:
                            _shutdown(km)
                        km = None
                        km = self._new_kernel()
                    run_code(km, RESET_CODE, kernel_name=self.kernel_name)
                    future.set_result(fn(km))
                except BaseException as exc:  # noqa: BLE001 (handed to the Future's owner)
                    future.set_exception(exc)
        finally:
            if km is not None:
                _shutdown(km)


def notebook_imports(paths: Sequence[Path]) -> list[str]:
    """The modules the code cells of the notebooks at ``paths`` import, in first-seen order.

    Read with :mod:`ast` from each code cell (a cell that is not plain Python, such as one
    with a ``%magic``, is skipped); relative imports are left out. These are preloaded in each
    warm kernel, so a section notebook's first cell finds them imported.
    """
    import ast
    import json

    seen: dict[str, None] = {}
    for path in paths:
        try:
            cells = json.loads(Path(path).read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError):
            continue
        for cell in cells:
            if cell.get("cell_type") != "code":
                continue
            source = cell.get("source", "")
            try:
                tree = ast.parse("".join(source) if isinstance(source, list) else source)
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    for alias in node.names:
                        seen.setdefault(alias.name, None)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    seen.setdefault(node.module, None)
    return list(seen)


#: The name :func:`register_engine` gives :class:`WarmKernelEngine` in papermill.
ENGINE = "evidence-pack-warm"


def register_engine() -> str:
    """Register :class:`WarmKernelEngine` with papermill (once); returns its name."""
    from papermill.engines import papermill_engines
    from papermill.exceptions import PapermillException

    try:
        papermill_engines.get_engine(ENGINE)
    except PapermillException:
        papermill_engines.register(ENGINE, _warm_engine())
    return ENGINE


def _warm_engine():
    """:class:`papermill.engines.NBClientEngine`, closing its client's channels at the end.

    With ``km`` given, nbclient neither shuts the pool's kernel down (as wanted) nor closes the
    client's channels (whose heartbeat thread would run on): this engine runs the notebook as
    papermill's own engine does (same arguments, same client) and then closes them.
    """
    import logging

    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine
    from papermill.utils import merge_kwargs, remove_args

    class WarmKernelEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(
            cls,
            nb_man,
            kernel_name,
            log_output=False,
            stdout_file=None,
            stderr_file=None,
            start_timeout=60,
            execution_timeout=None,
            **kwargs,
        ):
            kwargs = remove_args(["input_path"], **kwargs)
            safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
            final_kwargs = merge_kwargs(
                safe_kwargs,
                timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log=logging.getLogger("papermill"),
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
            )
            client = PapermillNotebookClient(nb_man, **final_kwargs)
            try:
                return client.execute()
            finally:
                if client.kc is not None:
                    client.kc.stop_channels()

    return WarmKernelEngine


class BuildKernels:
    """A build's warm kernels, started only when a section will run (a context manager).

    :meth:`start` starts a :class:`KernelPool` of ``min(jobs, sections)`` kernels (at most one
    per core, :func:`pipelines.parallel.default_jobs`), preloading what the ``notebooks``
    import; a build calls it before it cleans the data when the data have changed (so the
    kernels start meanwhile), or once it knows which sections must run. Nothing starts when no
    section runs (a rebuild with nothing changed) or with ``EVIDENCE_PACK_FRESH_KERNELS=1``.
    """

    def __init__(self, jobs: int | None, notebooks: Sequence[Path], *, cwd: Path) -> None:
        from pipelines.parallel import default_jobs

        self.jobs = max(1, jobs or default_jobs())
        self.notebooks, self.cwd = list(notebooks), cwd
        self.pool: KernelPool | None = None
        self._key: tuple = ()

    def __enter__(self) -> BuildKernels:
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if self.pool is not None:
            if keep_kernels() and exc_type is None:  # kept for the next build of the process
                from pipelines.core.warm import keep, on_stop

                keep(_KEPT, self._key, self.pool, lambda pool: pool.close())
                on_stop(close_kept)
            else:
                self.pool.close()
            self.pool = None

    def start(self, sections: int) -> KernelPool | None:
        """Start ``min(jobs, sections)`` warm kernels (none when ``sections`` is 0); the pool.

        With :func:`pipelines.core.warm.keep_between_builds` on, the kernels an earlier build
        of this process kept are taken instead when they were started the same way (kernel,
        folder, number, environment); each is reset before every notebook, as between the
        notebooks of one build.
        """
        if self.pool is None and sections > 0 and not fresh_kernels():
            from pipelines.core.kernel import ensure_kernel

            kernel = ensure_kernel()
            size = min(self.jobs, sections)
            self._key = _kept_key(kernel, self.cwd, size)
            kept = _KEPT.pop(self._key, None)
            if kept is not None:
                self.pool = kept
                return self.pool
            preload = [*PRELOAD, *notebook_imports(self.notebooks)]
            self.pool = KernelPool(
                size,
                kernel_name=kernel,
                cwd=self.cwd,
                preload=list(dict.fromkeys(preload)),
            )
            self.pool.start()
        return self.pool
