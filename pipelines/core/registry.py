"""The registry of pack sections: one entry per section, declared in its own package.

Each ``pipelines/sections/<name>/__init__.py`` registers a :class:`SectionSpec`: its notebook,
title, a pydantic model of its parameters (a misspelt or mistyped parameter in a review config is
refused, naming it), the datasets it needs and the keys of the figures it publishes. The
orchestrator, the config checks, the test list of notebooks and the README's section table all
read this registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import BaseModel

from pipelines.core.figures import Figure


@dataclass(frozen=True)
class SectionSpec:
    """One section of the pack.

    Attributes
    ----------
    name : str
        Short name, the package name under ``pipelines/sections/`` (``"leavers"``).
    notebook : str
        Notebook stem under ``notebooks/`` (``"10_leavers"``).
    title : str
        The section's heading.
    parameters : type of pydantic.BaseModel
        Model of the section's parameters (besides review, meeting and audience); its defaults
        are the notebook's defaults.
    datasets : tuple of str
        Tidy datasets the section reads (all must be present to build it).
    figures : tuple of str
        Keys of the :class:`~pipelines.core.figures.Figure` records it publishes.
    compute_figures : callable, optional
        ``(ctx, params) -> list[Figure]``: the section's figures, computed in Python from the
        tidy data (used by key findings, the SWOT and the scorecard).
    purpose : str
        One line for the README's section table.

    """

    name: str
    notebook: str
    title: str
    parameters: type[BaseModel]
    datasets: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()
    compute_figures: Callable[..., list[Figure]] | None = field(default=None, compare=False)
    purpose: str = ""


SECTIONS: dict[str, SectionSpec] = {}


def register_section(spec: SectionSpec) -> SectionSpec:
    """Add a section to the registry (keyed by notebook); a second one of that name is an error."""
    if spec.notebook in SECTIONS and SECTIONS[spec.notebook] != spec:
        raise ValueError(f"Section {spec.notebook} is registered twice")
    SECTIONS[spec.notebook] = spec
    return spec


def discover() -> dict[str, SectionSpec]:
    """Import :mod:`pipelines.sections` (its packages register themselves); the registry."""
    import importlib

    importlib.import_module("pipelines.sections")
    return SECTIONS


def get_section(notebook: str) -> SectionSpec:
    """The registered section of a notebook, or KeyError naming the known ones."""
    sections = discover()
    if notebook not in sections:
        raise KeyError(f"No section {notebook}; known: {', '.join(sorted(sections))}")
    return sections[notebook]
