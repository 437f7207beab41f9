"""Which exports the committee report may offer as background papers.

An export about individuals (one row per person) is described, never offered, unless the review
says it is open to inspection (Local Government Act 1972, section 100D).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipelines.core.config import Dataset

__all__ = ["PER_PERSON", "about_individuals", "open_to_inspection"]


#: A dataset description naming one row per person: its export is about individuals.
PER_PERSON = re.compile(
    r"one row per (?:[\w'-]+ )*(?:leaver|form|respondent|locum|worker|person|employee|"
    r"application|applicant|member of staff|social worker)",
    re.IGNORECASE,
)


def about_individuals(dataset: Dataset) -> bool:
    """Whether an export holds records about individuals (one row per person).

    Read from its description; such an export is exempt and not open to inspection unless the
    review says so.
    """
    return bool(PER_PERSON.search(dataset.description))


def open_to_inspection(dataset: Dataset) -> bool:
    """Whether the report may offer the export as a background paper.

    ``open_to_inspection`` when the review gives it, else not when it is about individuals.
    """
    if dataset.open_to_inspection is not None:
        return dataset.open_to_inspection
    return not about_individuals(dataset)
