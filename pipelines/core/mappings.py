"""The mapping tables an officer can extend without code (``config/mappings/<name>.yml``).

Each table is the shipped one with the review's own laid over it (:func:`load_mapping`); a
message naming a shipped table names the review's own instead when a review is loaded
(:func:`own_mappings`).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from pipelines.core.config import active_review_mappings, project_root, read_yaml_file
from pipelines.core.export_files import display_path

__all__ = [
    "load_mapping",
    "mapping_file",
    "mappings_dir",
    "merge_mappings",
    "own_mappings",
    "review_mapping",
]


def mappings_dir() -> Path:
    """Folder of the mapping tables an officer can extend without code."""
    return project_root() / "config" / "mappings"


def load_mapping(name: str, directory: Path | None = None, overrides: Path | None = None) -> dict:
    """A mapping table: the shipped ``config/mappings/<name>.yml`` with the review's overrides.

    The review's own vocabulary (its folder of mapping files, ``mappings:`` in its config or
    ``config/reviews/<review>/mappings/``; by default that of the review loaded last, see
    :func:`pipelines.core.config.use_review_mappings`) is laid over the shipped defaults: a
    key it gives replaces the default's (tables inside tables are merged key by key), a key it
    sets to nothing (``~``) removes the default's, new keys are added. Cached.
    """
    extra = overrides if overrides is not None else active_review_mappings()
    return _merged_mapping(name, Path(directory or mappings_dir()), extra)


def mapping_file(name: str) -> str:
    """The mapping file an officer should edit for table ``name``, as a path to show.

    The review's own (``config/reviews/<review>/mappings/<name>.yml``) when a review is loaded,
    else the shipped ``config/mappings/<name>.yml``.
    """
    own = active_review_mappings()
    if own is None:
        return f"config/mappings/{name}.yml"
    return display_path(Path(own) / f"{name}.yml")


SHIPPED_MAPPING = re.compile(r"config/mappings/(?P<name>[a-z_]+)\.yml")


def own_mappings(text: str | None) -> str | None:
    """``text`` with every shipped mapping file it names replaced by the review's own.

    A message asking the officer to add a label or header to ``config/mappings/values.yml``
    names ``config/reviews/<review>/mappings/values.yml`` instead when a review is loaded (the
    review's folder is where its own vocabulary goes; the shipped tables are everyone's).
    """
    if not text or active_review_mappings() is None:
        return text
    return SHIPPED_MAPPING.sub(lambda m: mapping_file(m.group("name")), text)


def review_mapping(name: str) -> dict:
    """The review's own mapping table ``name`` as written (empty when it has none)."""
    own = active_review_mappings()
    path = Path(own) / f"{name}.yml" if own is not None else None
    if path is None or not path.is_file():
        return {}
    return read_yaml_file(path) or {}


def merge_mappings(base: object, override: object) -> object:
    """``override`` laid over ``base``: dicts merged key by key, a None value removes the key."""
    if not (isinstance(base, dict) and isinstance(override, dict)):
        return override
    out = dict(base)
    for key, value in override.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge_mappings(out.get(key), value) if key in out else value
    return out


@cache
def _merged_mapping(name: str, directory: Path, overrides: Path | None) -> dict:
    table = read_yaml_file(directory / f"{name}.yml")
    own = overrides / f"{name}.yml" if overrides is not None else None
    if own is not None and own.is_file():
        table = merge_mappings(table, read_yaml_file(own) or {})
    return table
