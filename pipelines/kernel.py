"""The project's Jupyter kernel: ``evidence-pack``, running this environment's Python.

Papermill and JupyterLab both use it, so notebooks always run with the packages installed
here, whatever ``python`` means on the PATH. ``python -m pipelines.kernel`` installs it into the
virtual environment; the build calls :func:`ensure_kernel` too.
"""

from __future__ import annotations

import sys

KERNEL_NAME = "evidence-pack"
DISPLAY_NAME = "Python 3 (evidence pack)"


def ensure_kernel() -> str:
    """Install the kernel spec into ``sys.prefix`` if it is missing; return its name."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
        if spec.argv and spec.argv[0] == sys.executable:
            return KERNEL_NAME
    except NoSuchKernel:
        pass
    from ipykernel.kernelspec import install

    install(kernel_name=KERNEL_NAME, display_name=DISPLAY_NAME, prefix=sys.prefix)
    return KERNEL_NAME


if __name__ == "__main__":
    print(f"Jupyter kernel '{ensure_kernel()}' ready ({sys.executable})")
