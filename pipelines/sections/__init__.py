"""Sections of the pack: one package per section, holding its analysis, charts and figures."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil


def register_all() -> None:
    """Import every section package (each registers its ``SectionSpec`` in the registry).

    Called through the plug-in loader (:func:`pipelines.core.plugins.load`, ``"sections"``) by
    :func:`pipelines.core.registry.discover`.
    """
    for info in pkgutil.iter_modules(__path__):
        if info.ispkg:
            importlib.import_module(f"{__name__}.{info.name}")


def discover() -> None:
    """Import every section's ``analysis`` and ``metrics`` modules (registering reconcile metrics).

    A section without them (the data-quality appendix, whose helpers live in
    :mod:`pipelines.core`) is skipped.
    """
    for info in pkgutil.iter_modules(__path__):
        for module in ("analysis", "metrics"):
            if info.ispkg and importlib.util.find_spec(f"{__name__}.{info.name}.{module}"):
                importlib.import_module(f"{__name__}.{info.name}.{module}")
