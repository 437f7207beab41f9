"""The data-quality appendix's warnings as the public pack may print them.

The validation checks word their results once, for every audience: the exit-interview return
rate check says "it is 33%: 3 forms for 9 leavers". The public pack shows the number of forms of
a service only where the leavers section's return-rate table shows it (at least the threshold, or
a figure the council has already published); elsewhere that table shows ``[c]``. So the public
appendix words a return-rate warning from what that table shows: with its figures where the table
shows them (as a :class:`~pipelines.core.figures.Sentence`, so that no count is rewritten into a
"fewer than 5" that contradicts the table), without the rate and the counts where it does not.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from pipelines.core import disclosure
from pipelines.core.figures import Sentence

#: The return-rate check's name (validation table) with its rate and counts.
RETURN_CHECK = re.compile(
    r"(?P<head>Exit-interview return rate for (?P<service>.+?) is at least \d+%) "
    r"\(it is \d+%: \d+ forms? for \d+ leavers?\)"
)
#: The return-rate warning (warnings list) with its rate.
RETURN_WARNING = re.compile(
    r"(?P<head>Few leavers from (?P<service>.+?) returned an exit-interview form) \(\d+%\)"
)
NOT_SHOWN = "the number of forms is not shown in the public version, to protect individuals"


def forms_shown(cfg, frames: Mapping[str, pd.DataFrame], pol) -> dict[str, bool]:
    """Service -> whether the public pack shows its forms returned, leavers and return rate.

    Read from the leavers section's return-rate table (``leavers.exit_return_rate`` of the
    leavers in the review period), protected as that section protects it: the council's
    published counts (``leavers.PUBLISHED_FORMS_AND_LEAVERS``) released, the rate hidden with
    its forms. Empty when the review has no leavers or no exit forms.
    """
    from pipelines.core.disclosure_audit import Population
    from pipelines.core.presentation import released_cells
    from pipelines.sections.leavers import analysis as lv
    from pipelines.sections.leavers import exit_interviews as lx

    leavers, forms = frames.get("leavers"), frames.get("exit_interviews")
    if leavers is None or forms is None or not len(leavers):
        return {}
    table = lx.exit_return_rate(lv.in_period(leavers, cfg.period.start, cfg.period.end), forms)
    released = released_cells(table, lx.PUBLISHED_FORMS_AND_LEAVERS, cfg.published_values)
    shown = disclosure.protect(
        table,
        numerators={"Return rate (%)": "Forms returned"},
        populations={
            "Leavers": Population("leavers", by={"Service": "Service"}),
            "Forms returned": Population("exit_forms", by={"Service": "Service"}),
        },
        released=released,
        pol=pol,
    ).shown
    columns = ["Leavers", "Forms returned", "Return rate (%)"]
    return {
        str(r["Service"]): all(r[c] != disclosure.SUPPRESSED for c in columns)
        for _, r in shown.iterrows()
        if str(r["Service"]).strip().casefold() != "total"
    }


def public_text(text: str, shown: Mapping[str, bool], pol) -> str:
    """A warning or check name as the run's pack prints it (unchanged when not public).

    Public: a return-rate warning or check of a service whose forms the return-rate table shows
    keeps its figures (as a Sentence: they are the table's); one whose forms the table hides
    loses its rate and counts. Other texts are returned unchanged (disclosure control then
    treats them as usual).
    """
    if not getattr(pol, "public", False):
        return text
    m = RETURN_CHECK.search(text) or RETURN_WARNING.search(text)
    if m is None:
        return text
    if shown.get(m["service"], False):
        return Sentence(text)
    return Sentence(f"{text[: m.start()]}{m['head']} ({NOT_SHOWN}){text[m.end() :]}")
