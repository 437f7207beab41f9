"""Sections of the pack: one package per section, holding its analysis, charts and figures."""

from __future__ import annotations

import importlib
import pkgutil


def discover() -> None:
    """Import every section's ``analysis`` module (they register their reconcile metrics)."""
    for info in pkgutil.iter_modules(__path__):
        if info.ispkg:
            importlib.import_module(f"{__name__}.{info.name}.analysis")
