"""Warm kernels give the same notebook as new ones (issue 24: a section's kernel started once).

The notebook here leaves behind everything a section notebook might: a global, a changed
matplotlib setting, an open figure, a warning, the execution count. Run three times in one
warm kernel, each run must be the run of a new kernel.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import papermill as pm
import pytest

from pipelines.core.kernel import ensure_kernel
from pipelines.kernel_pool import FRESH_ENV, BuildKernels, KernelPool, notebook_imports

LEFTOVERS = [
    # a global a later notebook must not see; the count a new kernel shows
    "print('left' in globals(), get_ipython().execution_count)\nleft = 1",
    # a setting and a figure a later notebook must not inherit
    "import matplotlib\nimport matplotlib.pyplot as plt\n"
    "print(matplotlib.rcParams['hatch.linewidth'], plt.get_fignums())\n"
    "matplotlib.rcParams['hatch.linewidth'] = 7.5\nfig = plt.figure()",
    # a warning shown once per process by default: shown in every notebook
    "import warnings\n\ndef warn():\n    warnings.warn('shown every time', UserWarning)\n\nwarn()",
]


def _notebook(path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(code) for code in LEFTOVERS]
    nb.metadata["kernelspec"] = {"name": ensure_kernel(), "language": "python"}
    nbformat.write(nb, path)
    return path


def _in_kernel(path: Path, out: Path, km):
    """Run the notebook at ``path`` in the pool's kernel ``km`` (papermill, warm engine)."""
    from pipelines.kernel_pool import register_engine

    return pm.execute_notebook(
        str(path),
        str(out),
        kernel_name=ensure_kernel(),
        progress_bar=False,
        engine_name=register_engine(),
        km=km,
    )


def _seen(nb) -> list:
    """Each cell's execution count and outputs, the kernel's temporary file names left out."""
    out = []
    for cell in nb.cells:
        texts = []
        for o in cell.outputs:
            text = o.get("text", "")
            texts.append(text.split(":", 1)[-1] if "UserWarning" in text else text)
        out.append((cell.execution_count, texts))
    return out


@pytest.mark.slow
def test_a_warm_kernel_runs_each_notebook_as_a_new_kernel(tmp_path, monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "Agg")
    source = _notebook(tmp_path / "leftovers.ipynb")
    kernel = ensure_kernel()
    fresh = pm.execute_notebook(
        str(source), str(tmp_path / "fresh.ipynb"), kernel_name=kernel, progress_bar=False
    )
    expected = _seen(fresh)
    assert expected[0][1] == ["False 2\n"]  # what a new kernel shows (the test's own check)
    assert "shown every time" in expected[2][1][0]
    with KernelPool(1, kernel_name=kernel, cwd=tmp_path, preload=["pandas"]) as pool:
        runs = [
            pool.submit(
                lambda km, n=n: _in_kernel(source, tmp_path / f"warm{n}.ipynb", km)
            ).result()
            for n in range(3)
        ]
    for n, nb in enumerate(runs):
        assert _seen(nb) == expected, f"run {n + 1} in the warm kernel differs from a new kernel"


@pytest.mark.slow
def test_a_kernel_that_died_is_replaced(tmp_path):
    dies = tmp_path / "dies.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import os\nos._exit(1)")]
    nb.metadata["kernelspec"] = {"name": ensure_kernel(), "language": "python"}
    nbformat.write(nb, dies)
    ok = _notebook(tmp_path / "ok.ipynb")

    def run(path: Path, km):
        return _in_kernel(path, tmp_path / f"out-{path.name}", km)

    with KernelPool(1, kernel_name=ensure_kernel(), cwd=tmp_path, preload=[]) as pool:
        with pytest.raises(Exception):  # noqa: B017,PT011 (papermill's dead-kernel error)
            pool.submit(lambda km: run(dies, km)).result()
        after = pool.submit(lambda km: run(ok, km)).result()
    assert _seen(after)[0][1] == ["False 2\n"]


def test_the_imports_preloaded_are_those_of_the_notebooks(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("import not_this"),
        nbformat.v4.new_code_cell("from pipelines.core import charts as c\nimport pandas as pd"),
        nbformat.v4.new_code_cell("%matplotlib inline\nimport skipped_cell"),
        nbformat.v4.new_code_cell("if True:\n    from os import path\nfrom . import relative"),
    ]
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    assert notebook_imports([path, tmp_path / "missing.ipynb"]) == [
        "pipelines.core",
        "pandas",
        "os",
    ]


def test_no_kernel_starts_when_no_section_runs_or_new_kernels_are_asked_for(tmp_path, monkeypatch):
    with BuildKernels(2, [], cwd=tmp_path) as kernels:
        assert kernels.start(0) is None
    monkeypatch.setenv(FRESH_ENV, "1")
    with BuildKernels(2, [], cwd=tmp_path) as kernels:
        assert kernels.start(6) is None


@pytest.mark.slow
def test_kept_kernels_serve_the_next_build_only_when_started_alike(tmp_path, monkeypatch):
    """With keep_between_builds on, a build's kernels wait for the next build of the process:
    the next build with the same folder, size and environment runs in the same kernel (same
    process id) and sees a new kernel's state; another environment, or a failed build, gets
    none."""
    from pipelines.core.warm import keep_between_builds, keep_warm
    from pipelines.kernel_pool import _KEPT

    was = keep_warm()
    keep_between_builds(True)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("import os\nprint(os.getpid())"),
        *[nbformat.v4.new_code_cell(code) for code in LEFTOVERS],
    ]
    nb.metadata["kernelspec"] = {"name": ensure_kernel(), "language": "python"}
    source = tmp_path / "pid.ipynb"
    nbformat.write(nb, source)

    def build(n: int):
        with BuildKernels(1, [source], cwd=tmp_path) as kernels:
            pool = kernels.start(1)
            out = pool.submit(
                lambda km: _in_kernel(source, tmp_path / f"out{n}.ipynb", km)
            ).result()
        seen = _seen(out)
        return seen[0][1][0].strip(), seen[1:]

    try:
        pid, first = build(1)
        again, second = build(2)
        assert again == pid, "the next build started a kernel of its own"
        assert second == first, "the kept kernel kept the first build's state"
        monkeypatch.setenv("EVIDENCE_PACK_SOMETHING_ELSE", "1")
        other, _ = build(3)
        assert other != pid, "a kernel started with another environment was reused"
        with pytest.raises(RuntimeError):
            with BuildKernels(1, [source], cwd=tmp_path) as kernels:
                failed = kernels.start(1)
                raise RuntimeError("the build failed")
        assert failed not in _KEPT.values(), "the kernels of a failed build were kept"
    finally:
        keep_between_builds(False)
        keep_between_builds(was)
