"""Datasets: one package per family of exports, each with its cleaning, checks and demo data.

Importing this package imports every dataset's ``clean`` and ``validate`` modules, which register
their cleaners (:func:`pipelines.core.cleaning.register_cleaner`), GX suites and cross-dataset
checks (:func:`pipelines.core.validation_checks.register_suite`, ``register_cross_check``).
"""

from __future__ import annotations

import importlib
import pkgutil

for _info in pkgutil.iter_modules(__path__):
    for _stage in ("clean", "validate", "plausibility"):
        try:
            importlib.import_module(f"{__name__}.{_info.name}.{_stage}")
        except ModuleNotFoundError as exc:  # a dataset without that stage (e.g. national)
            if exc.name != f"{__name__}.{_info.name}.{_stage}":
                raise
