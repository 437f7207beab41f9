"""Sections of the pack: one package per section, holding its analysis, charts and figures."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil


def discover() -> None:
    """Import every section's ``analysis`` module (they register their reconcile metrics).

    A section without one (the data-quality appendix, whose helpers live in
    :mod:`pipelines.core`) is skipped.
    """
    for info in pkgutil.iter_modules(__path__):
        if info.ispkg and importlib.util.find_spec(f"{__name__}.{info.name}.analysis"):
            importlib.import_module(f"{__name__}.{info.name}.analysis")
