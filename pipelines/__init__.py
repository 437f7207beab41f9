"""Scrutiny evidence pack: evidence for council task-and-finish reviews of social workers.

For analysts, one obvious way in::

    from pipelines import load
    leavers = load("luton-sw-2016", "leavers")

reads the tidy, validated table written by the last ``evidence-pack build`` (or
``evidence-pack clean``) of that review.
"""

from __future__ import annotations

import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd

from pipelines.core.presentation import show, show_chart, show_findings, show_note

try:
    __version__ = version("scrutiny-evidence-pack")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = ["load", "processed_dir", "show", "show_chart", "show_findings", "show_note"]

DATASETS = ("leavers", "exit_interviews", "exit_ratings", "establishment")


def processed_dir(review: str) -> Path:
    """Folder of a review's processed data: ``data/processed/<review>/``.

    The environment variable ``EVIDENCE_PACK_PROCESSED`` replaces ``data/processed`` (the build
    uses it to point sections at the data it has just cleaned and validated).
    """
    from pipelines.core.config import project_root

    root = os.environ.get("EVIDENCE_PACK_PROCESSED")
    return (Path(root) if root else project_root() / "data" / "processed") / review


def load(review: str, dataset: str) -> pd.DataFrame:
    """A review's tidy dataset, as cleaned and validated by the last build.

    Parameters
    ----------
    review : str
        Review id, e.g. ``"luton-sw-2016"``.
    dataset : str
        One of ``leavers``, ``exit_interviews``, ``exit_ratings``, ``establishment``,
        ``cleaning_log``.

    """
    path = processed_dir(review) / f"{dataset}.parquet"
    if not path.exists():
        raise FileNotFoundError(
            f"No processed {dataset} data for review '{review}' at {path}. "
            f"Run: evidence-pack clean {review}"
        )
    return pd.read_parquet(path)
