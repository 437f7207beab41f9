"""Which exports the committee report may offer as background papers.

An export about individuals (one row per person) is described, never offered, unless the review
says it is open to inspection (Local Government Act 1972, section 100D). Whether an export holds
one row per person is its *grain*, declared by the dataset family that cleans it
(:func:`declare_grain`, beside its cleaner), never read from the words of the review's
description: "the date each leaver qualified, from HR's professional registration records"
names no "row per person" and is still one row per employee.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipelines.core.config import Dataset

__all__ = [
    "GRAINS",
    "Grain",
    "about_individuals",
    "declare_grain",
    "grain_of",
    "open_to_inspection",
]


@dataclass(frozen=True)
class Grain:
    """What one row of a raw export is.

    ``row``: the thing one row records, in words ("leaver", "post line"); ``person``: whether
    that thing is a person or a record about one person (a leaver, an exit form, a survey
    respondent, an application), which makes the export information about individuals.
    """

    row: str
    person: bool


#: Grain of each raw dataset (a key of ``config/mappings/columns.yml``), declared by its family.
GRAINS: dict[str, Grain] = {}


def declare_grain(dataset: str, row: str, *, person: bool) -> None:
    """Declare what one row of the raw ``dataset`` is (see :class:`Grain`).

    Called by the dataset family beside the cleaner's registration; a dataset with a cleaner
    and no declared grain is treated as about individuals (never offered for inspection).
    """
    GRAINS[dataset] = Grain(row=row, person=person)


def grain_of(name: str | None) -> Grain | None:
    """The declared grain of the raw dataset ``name``, or None when none is declared."""
    from pipelines.core import plugins

    plugins.load("datasets")  # the families declare their grains when imported
    return GRAINS.get(name) if name else None


def _name(dataset: Dataset, name: str | None) -> str | None:
    return name or getattr(dataset, "_name", None)


def about_individuals(dataset: Dataset, name: str | None = None) -> bool:
    """Whether an export holds records about individuals (one row per person).

    Decided by the grain its family declares for the dataset ``name`` (by default the key the
    review config gives the dataset). An export whose grain is not known (no key, or a family
    that declares none) counts as about individuals: it is described, not offered, until its
    family declares what a row is or the review sets ``open_to_inspection``.
    """
    grain = grain_of(_name(dataset, name))
    return True if grain is None else grain.person


def open_to_inspection(dataset: Dataset, name: str | None = None) -> bool:
    """Whether the report may offer the export as a background paper.

    ``open_to_inspection`` when the review gives it, else not when it is about individuals
    (:func:`about_individuals`).
    """
    if dataset.open_to_inspection is not None:
        return dataset.open_to_inspection
    return not about_individuals(dataset, name)
