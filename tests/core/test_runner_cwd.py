"""Running section notebooks in threads leaves the build in the working folder it started in.

papermill changes the working folder while a notebook runs and puts back the one it found; two
notebooks in threads overlapping (the first starts, the second starts, the first ends, then the
second) leave the process in the notebooks' folder. The fake ``run_notebook`` here does what
papermill does, with the overlap forced by events, so the race happens on every run.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import nbformat

from pipelines import cache as stepcache
from pipelines import runner


def test_run_sections_puts_back_the_working_folder(tmp_path, monkeypatch):
    start = tmp_path / "build"
    elsewhere = tmp_path / "notebooks"
    start.mkdir()
    elsewhere.mkdir()
    monkeypatch.chdir(start)
    first_in = threading.Event()
    second_in = threading.Event()

    def fake_run(name: str, out: Path, parameters: dict) -> nbformat.NotebookNode:
        found = os.getcwd()  # as papermill's chdir context
        os.chdir(elsewhere)
        try:
            if name == "a":  # "a" starts, waits for "b" to start, ends first
                first_in.set()
                assert second_in.wait(10)
            else:
                assert first_in.wait(10)
                second_in.set()
                time.sleep(0.2)
        finally:
            os.chdir(found)
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# {name}")])
        out.write_text(nbformat.writes(nb), encoding="utf-8")
        return nb

    monkeypatch.setattr(runner, "run_notebook", fake_run)
    monkeypatch.setattr("pipelines.core.kernel.ensure_kernel", lambda: "python3")
    refs = [SimpleNamespace(notebook=n, parameters={}) for n in ("a", "b")]
    staging = tmp_path / "staging"
    sections = runner.run_sections(
        refs,
        run_params={},
        keys={"a": "ka", "b": "kb"},
        cache=stepcache.StepCache(None, False),
        paths={str(tmp_path / "p"): "/final/p", str(tmp_path / "s"): "/final/s"},
        staging=staging,
        logs=tmp_path / "logs",
        token="t",
        jobs=2,
        timings={},
        say=lambda _m: None,
    )
    assert [s.name for s in sections] == ["a", "b"]
    assert Path(os.getcwd()) == start, "the build was left in another working folder"
