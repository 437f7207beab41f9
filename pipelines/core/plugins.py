"""Plug-ins: the packages above core that fill its registries, loaded when core needs them.

Core knows no dataset or section by name. The dataset families register their cleaners, GX
suites and cross-dataset checks, and the sections their specs and reconcile metrics, when their
modules are imported. ``pipelines/__init__.py``, which runs before any module of the package,
gives core one loader per kind (:data:`LOADERS`); core calls :func:`load` where it needs a
registry filled (or, for ``"national"``, the DfE resolver of an authority's name).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: Kind -> loader: ``"datasets"`` (every dataset family's clean, validate and plausibility
#: modules), ``"sections"`` (every section package), ``"metrics"`` (every section's analysis
#: module) and ``"national"`` (returns the DfE authority resolver,
#: :mod:`pipelines.datasets.national.resolve`). Set by ``pipelines/__init__.py``.
LOADERS: dict[str, Callable[[], Any]] = {}


def load(kind: str) -> Any:
    """Run the loader of ``kind`` (see :data:`LOADERS`) and return what it gives.

    Loaders import modules, so a second call costs nothing.
    """
    if kind not in LOADERS:
        raise RuntimeError(
            f"No plug-in loader for '{kind}' (known: {', '.join(sorted(LOADERS)) or 'none'}): "
            "pipelines/__init__.py sets them when the package is imported."
        )
    return LOADERS[kind]()
