"""A demonstration review is said to be one once, on each document's cover (issue 22, point 8).

The review config's ``demonstration: true`` puts "Demonstration: synthetic data." on the cover
(:func:`pipelines.documents.front.demonstration_note`); everything else is printed as a real
review's would be. :data:`CouncilSource` is the type of a dataset's ``source``: a source is
printed under every table that uses the export, so one saying "synthetic" or "demo" is refused.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

#: Words that label a text as a demonstration's.
LABEL = re.compile(r"\b(synthetic|demo|demonstration)\b", re.IGNORECASE)


def councils_source(value: str) -> str:
    """``value`` (a dataset's source) when it names no demonstration, else ValueError.

    The message says what to write instead (the council's name for the source) and where the
    demonstration is said (``demonstration: true``: once, on each cover).
    """
    said = LABEL.search(value)
    if said:
        raise ValueError(
            f'the source says "{said.group(0)}": it is printed under every table that uses '
            "the export, so a demonstration would be labelled many times. Name the source as "
            'the council would ("HR leavers extract, 2016/17") and set demonstration: true at '
            'the top of the review config: each document then says "Demonstration: synthetic '
            'data" once, on its cover'
        )
    return value


#: A dataset's source as the council names it (no demonstration label).
CouncilSource = Annotated[str, AfterValidator(councils_source)]
