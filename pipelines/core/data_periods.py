"""A dataset's period, said once: in the review config, never again in a section's parameters.

When the data of an export were collected ("May to June 2025" for a staff survey) is
stated once, by the dataset in the review config: its ``period``, else the period its ``source``
names ("Permanent staff survey, May to June 2025"). A section that prints it declares
which of its parameters carry which dataset's period
(``SectionParameters.dataset_periods``, e.g. ``{"staff_period": "staff_survey"}``); the config
gives those parameters the dataset's period at every meeting (:func:`fill_periods`), so the
review writes it once. A parameter is then only an override: one naming another period is
refused (:func:`period_problems`), in the config and in ``--param``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pipelines.core import registry

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: A period as a source names it: "November 2024", "May to June 2025", "1 September 2015 to
#: 31 August 2016" (days kept), "early 2025" (refused elsewhere as vague, but a period all
#: the same).
NAMED_PERIOD = re.compile(
    rf"\b(?:(?:\d{{1,2}}\s+)?(?:{_MONTHS})(?:\s+\d{{4}})?\s*(?:to|-|–)\s*)?"
    rf"(?:\d{{1,2}}\s+)?(?:{_MONTHS})\s+\d{{4}}\b"
    r"|\b(?:early|late|mid|spring|summer|autumn|winter)[\s-]+\d{4}\b",
    re.IGNORECASE,
)


def _plain(text: object) -> str:
    return " ".join(str(text or "").split())


def named_period(text: object) -> str:
    """The first period ``text`` names ("May to June 2025"), or ""."""
    found = NAMED_PERIOD.search(_plain(text))
    return found.group(0) if found else ""


def stated_period(dataset: object) -> str:
    """The period the review config states for a dataset: its ``period``, else its source's.

    "" when the dataset (or ``None``) states none.
    """
    return _plain(getattr(dataset, "period", None)) or named_period(getattr(dataset, "source", ""))


def same_period(a: object, b: object) -> bool:
    """Whether two period texts say the same (spacing and capitals aside)."""
    return _plain(a).casefold() == _plain(b).casefold()


def period_problems(
    parameters: Mapping[str, object], periods: Mapping[str, str], datasets: Mapping
) -> list[str]:
    """One line per parameter of ``periods`` whose value names another period than its dataset.

    ``periods`` maps a parameter to its dataset (``{"staff_period": "staff_survey"}``); a blank
    parameter, or a dataset stating no period, is never a problem.
    """
    out = []
    for key, name in periods.items():
        given, stated = _plain(parameters.get(key)), stated_period(datasets.get(name))
        if given and stated and not same_period(given, stated):
            out.append(
                f"parameter '{key}' is {given!r} but the {name} dataset's period is "
                f"{stated!r} (datasets.{name} in the review config): the period is said once, "
                "by the dataset; remove the parameter or correct the dataset"
            )
    return out


def fill_periods(review: object) -> None:
    """Give every section parameter that carries a dataset's period that dataset's period.

    For each meeting's sections whose parameter model declares ``dataset_periods``: a
    parameter naming another period raises ValueError (:func:`period_problems`); otherwise it
    is set to the dataset's period when the dataset states one.
    """
    datasets = getattr(review, "datasets", {})
    for mtg in getattr(review, "meetings", ()):
        for ref in mtg.sections:
            spec = registry.discover().get(ref.notebook)
            periods = getattr(spec.parameters, "dataset_periods", {}) if spec else {}
            problems = period_problems(ref.parameters, periods, datasets)
            if problems:
                raise ValueError(
                    f"section {ref.notebook} of the meeting '{mtg.label}': " + "; ".join(problems)
                )
            for key, name in periods.items():
                if stated := stated_period(datasets.get(name)):
                    ref.parameters[key] = stated
