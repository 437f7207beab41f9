"""Scrutiny evidence pack: evidence for council task-and-finish reviews of social workers.

For analysts, one obvious way in::

    from pipelines import load
    leavers = load("luton-sw-2016", "leavers")

reads the tidy, validated table written by the last ``evidence-pack build`` (or
``evidence-pack clean``) of that review from ``data/processed/<review>/``. Notebooks make a run
context instead (:func:`pipelines.core.context.run_context`), which says where the data are and
which audience (and so which disclosure policy) the run is for; nothing is read from
environment variables.
"""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd

from pipelines.core import plugins as _plugins

# jsonschema (imported by nbformat and Great Expectations) imports ``rfc3987_syntax`` when it is
# installed (JupyterLab's jupyter-events asks for it), and that compiles 39 lark grammars at
# import: about 1 to 2 s of CPU in every build process, PDF writer, command-line run and test
# worker. Nothing in a build checks a JSON "iri" format, so the import is skipped here (jsonschema
# then leaves that one format unchecked); the JupyterLab server, which does not import this
# package, keeps it. Measured in docs/architecture.md ("Speed").
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

try:
    __version__ = version("scrutiny-evidence-pack")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = ["load", "processed_dir"]


# The plug-in loaders core uses to fill its registries (pipelines.core.plugins): this module runs
# before any other of the package, so they are always set, and core names no upper layer.
def _load_datasets() -> None:
    import pipelines.datasets  # noqa: F401  (registers every dataset's cleaners and checks)


def _load_sections() -> None:
    from pipelines import sections

    sections.register_all()


def _load_metrics() -> None:
    from pipelines import sections
    from pipelines.sections import findings  # noqa: F401  (the agency premium per FTE metrics)

    sections.discover()


def _load_national():
    from pipelines.datasets.national import resolve

    return resolve


_plugins.LOADERS.update(
    datasets=_load_datasets,
    sections=_load_sections,
    metrics=_load_metrics,
    national=_load_national,
)


def processed_dir(review: str, root: str | Path | None = None) -> Path:
    """Folder of a review's processed data: ``<root>/<review>/``.

    Parameters
    ----------
    review : str
        Review id, e.g. ``"luton-sw-2016"``.
    root : str or Path, optional
        Folder holding every review's processed data; defaults to the project's
        ``data/processed``.

    """
    from pipelines.core.context import default_processed_root

    return (Path(root) if root else default_processed_root()) / review


def load(review: str, dataset: str, folder: str | Path | None = None) -> pd.DataFrame:
    """A review's tidy dataset, as cleaned and validated by the last build.

    Parameters
    ----------
    review : str
        Review id, e.g. ``"luton-sw-2016"``.
    dataset : str
        One of ``leavers``, ``exit_interviews``, ``exit_ratings``, ``establishment``,
        ``cleaning_log`` (or any other dataset of the review).
    folder : str or Path, optional
        The review's processed-data folder; defaults to ``data/processed/<review>/``.

    """
    path = (Path(folder) if folder else processed_dir(review)) / f"{dataset}.parquet"
    if not path.exists():
        raise FileNotFoundError(
            f"No processed {dataset} data for review '{review}' at {path}. "
            f"Run: evidence-pack clean {review}"
        )
    return pd.read_parquet(path)
