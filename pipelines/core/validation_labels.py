"""The labels the pack allows (services, leaving reasons, ratings, professions, roles).

Read from the mapping tables in ``config/mappings`` (with the review's own tables laid over them)
for the validation suites, which check every label of a tidy dataset against them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pipelines.core.errors import ConfigError

__all__ = ["Labels", "default_mappings_dir", "load_labels"]


@dataclass(frozen=True)
class Labels:
    """The labels the pack allows, read from ``config/mappings``."""

    services: tuple[str, ...]
    leaving_reasons: tuple[str, ...]
    ratings: tuple[str, ...]
    professions: tuple[str, ...]
    roles: tuple[str, ...]
    #: Dataset -> canonical column -> headers the readers accept (first = the one to quote).
    headers: dict[str, dict[str, list[str]]] = field(default_factory=dict, repr=False)


def default_mappings_dir() -> Path:
    """``config/mappings`` of the project the ``pipelines`` package belongs to."""
    from pipelines.core.config import project_root

    return project_root() / "config" / "mappings"


def _read_yaml(path: Path, *, required: bool = True) -> Any:
    if not path.exists():
        if required:
            raise ConfigError(f"Mapping file not found: {path}")
        return {}
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path} is not valid YAML: {exc}") from exc


def load_labels(mappings_dir: Path | None = None) -> Labels:
    """Read the allowed labels from the mapping files.

    Parameters
    ----------
    mappings_dir : Path, optional
        Folder holding ``services.yml``, ``leaving_reasons.yml``, ``values.yml``,
        ``job_titles.yml`` and (optionally) ``columns.yml``; defaults to the project's
        ``config/mappings``.

    Returns
    -------
    Labels
        Services and leaving reasons are the top-level keys of their files; ratings and
        professions the keys under ``ratings`` and ``professions`` in ``values.yml`` (professions
        also take the ``profession`` values of ``job_titles.yml``); roles the ``role`` values of
        ``job_titles.yml``.

    Raises
    ------
    ConfigError
        If a mapping file is missing, not YAML, or lacks a required key.

    """
    folder = Path(mappings_dir) if mappings_dir is not None else default_mappings_dir()

    def table(name: str, required: bool = True) -> Any:
        # The project's tables carry the review's own vocabulary over them (load_mapping).
        if mappings_dir is None and (folder / f"{name}.yml").exists():
            from pipelines.core.mappings import load_mapping

            return load_mapping(name) or {}
        return _read_yaml(folder / f"{name}.yml", required=required)

    services = table("services")
    reasons = table("leaving_reasons")
    values = table("values")
    titles = table("job_titles")
    headers = table("columns", required=False)
    for key in ("ratings", "professions"):
        if not isinstance(values.get(key), dict):
            raise ConfigError(f"{folder / 'values.yml'}: key '{key}' is missing or not a mapping")
    roles: list[str] = []
    title_professions: list[str] = []
    for title, spec in titles.items():
        if not isinstance(spec, dict) or "role" not in spec or "profession" not in spec:
            raise ConfigError(
                f"{folder / 'job_titles.yml'}: '{title}' needs a role and a profession"
            )
        roles.append(str(spec["role"]))
        title_professions.append(str(spec["profession"]))
    return Labels(
        services=tuple(str(k) for k in services),
        leaving_reasons=tuple(str(k) for k in reasons),
        ratings=tuple(str(k) for k in values["ratings"]),
        professions=tuple(dict.fromkeys([*map(str, values["professions"]), *title_professions])),
        roles=tuple(dict.fromkeys(roles)),
        headers={str(k): dict(v) for k, v in headers.items() if isinstance(v, dict)},
    )
