"""The project's Jupyter kernel: ``evidence-pack``, running this environment's Python.

Papermill and JupyterLab both use it, so notebooks always run with the packages installed
here, whatever ``python`` means on the PATH. ``python -m pipelines.core.kernel`` installs it into
the virtual environment; the build calls :func:`ensure_kernel` too.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

KERNEL_NAME = "evidence-pack"
DISPLAY_NAME = "Python 3 (evidence pack)"


def ensure_kernel() -> str:
    """Install the kernel spec into ``sys.prefix`` if it is missing; return its name."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
        if spec.argv == kernel_argv():
            return KERNEL_NAME
    except NoSuchKernel:
        pass
    folder = Path(sys.prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME
    folder.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": kernel_argv(),
        "display_name": DISPLAY_NAME,
        "language": "python",
        "metadata": {"debugger": True},
    }
    # Written aside and renamed into place: a build starting at the same moment reads the old
    # spec or the new one, never half a file.
    part = folder / f"kernel.json.{os.getpid()}.part"
    part.write_text(json.dumps(spec, indent=1), encoding="utf-8")
    os.replace(part, folder / "kernel.json")
    return KERNEL_NAME


def kernel_argv() -> list[str]:
    """Command line of the kernel: this Python, quiet about routine start-up warnings."""
    return [
        sys.executable,
        "-m",
        "ipykernel_launcher",
        "-f",
        "{connection_file}",
        "--IPKernelApp.log_level=CRITICAL",
    ]


if __name__ == "__main__":
    print(f"Jupyter kernel '{ensure_kernel()}' ready ({sys.executable})")
