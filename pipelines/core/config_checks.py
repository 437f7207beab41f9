"""Checks of a review configuration that look across its parts (members, meetings, datasets).

Called by :class:`pipelines.core.config.Review`'s validators when the config is read; each
raises ``ValueError`` with the words an officer needs (pydantic turns it into the config error
naming the file). Kept apart from the models so that ``config.py`` holds the shape of a review
and these its rules.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipelines.core import registry


def members_named_in_one_form(names: Sequence[str]) -> None:
    """Refuse members named in two forms ("Councillor Ann Smith" beside "Councillor Jones").

    A forename is a word of two or more letters between the title and the surname; initials
    ("J Taylor") are no forename. The papers print the names as given, so the config holds one
    form for all.
    """

    def forename(name: str) -> bool:
        rest = name.split()[1:-1]  # between the title and the surname
        return any(len(w.strip(".")) > 1 for w in rest)

    full = [n for n in names if forename(n)]
    if full and len(full) < len(names):
        raise ValueError(
            f"members are named in two forms: {', '.join(full)} with a forename, the "
            "others title and surname; give every member in one form"
        )


def dates_from_the_data(review) -> None:
    """Set each section's ``as_at`` parameter to the date of its data; refuse one set apart.

    A section parameter ``as_at`` states the date its tables describe: it is taken from the
    section's datasets (``as_at`` of the first that has one), never set apart from them, so a
    label cannot say 2017 while the data are those of 2016. ``review`` is a
    :class:`pipelines.core.config.Review` (its meetings' section parameters are filled in).
    """
    for mtg in review.meetings:
        for ref in mtg.sections:
            spec = registry.discover().get(ref.notebook)
            if spec is None or "as_at" not in spec.parameters.model_fields:
                continue
            dated = [
                (n, review.datasets[n].as_at)
                for n in spec.datasets
                if n in review.datasets and review.datasets[n].as_at
            ]
            given = ref.parameters.get("as_at")
            if not dated:
                raise ValueError(
                    f"section {ref.notebook} of the meeting '{mtg.label}' states the date "
                    f"of its data, but none of its datasets ({', '.join(spec.datasets)}) "
                    "gives one: add `as_at: YYYY-MM-DD` (the date of the snapshot) under "
                    f"datasets.{spec.datasets[0]}"
                )
            name, day = dated[0]
            if given is not None and str(given) != day.isoformat():
                raise ValueError(
                    f"section {ref.notebook} of the meeting '{mtg.label}': as_at {given} "
                    f"is not the date of the data, which are those of {day.isoformat()} "
                    f"(datasets.{name}.as_at). The date a table is at comes from the data: "
                    "remove the parameter, or put that date's exports in the raw folder "
                    f"and change datasets.{name}.as_at"
                )
            ref.parameters["as_at"] = day.isoformat()
