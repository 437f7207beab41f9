"""The kernel spec is replaced whole: a build starting at that moment never reads half a file."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

from pipelines.core import kernel


def test_the_spec_is_written_aside_and_renamed_into_place(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "share" / "jupyter"))
    written: list[str] = []
    original = Path.write_text

    def record(self, *args, **kwargs):
        written.append(self.name)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", record)

    # as on a machine whose environment has no spec yet (this one's may already hold it)
    def no_spec(self, name):
        raise NoSuchKernel(name)

    monkeypatch.setattr(KernelSpecManager, "get_kernel_spec", no_spec)
    assert kernel.ensure_kernel() == kernel.KERNEL_NAME
    folder = tmp_path / "share" / "jupyter" / "kernels" / kernel.KERNEL_NAME
    assert written and "kernel.json" not in written  # never written in place
    assert [p.name for p in folder.iterdir()] == ["kernel.json"]  # nothing left aside
    spec = json.loads((folder / "kernel.json").read_text(encoding="utf-8"))
    assert spec["argv"] == kernel.kernel_argv()
