"""The workforce section's "what if" counts, declared for the pack's consistency check.

The section shows what would be saved if a number of agency posts were made permanent
(``conversion-savings``, one row per compared post) beside the agency FTE in each job title
(``agency-rates-by-role``). :func:`pack_scenarios` reads both from the tables the build wrote,
so that :func:`pipelines.sections.consistency.scenarios_within_posts` can check that no
scenario makes more posts permanent than there are agency workers in that role. It is
registered as the section's ``SectionSpec.scenarios``: the consistency check names no section
or table.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

#: The table of agency FTE by service and job title (the chart's data) and of the scenario.
POSTS_TABLE = "agency-rates-by-role"
SCENARIO_TABLE = "conversion-savings"
#: Posts as the section's cost tables name them ("Children's Senior Practitioner") -> service.
POST_NAMES = {"Children's": "Children's Social Care", "Adults": "Adult Social Care"}


def pack_scenarios(
    tables: Mapping[str, pd.DataFrame],
) -> tuple[list[tuple[str, float, str]], dict[str, float]]:
    """The "posts made permanent" scenarios and the agency FTE in each role.

    ``tables``: the section's tables as the build wrote them, by name without the section's
    prefix. Returns ``(scenarios, posts)``: each scenario as ``("<service>: <job title>",
    agency posts made permanent, "conversion-savings")``, and ``"<service>: <job title>"`` ->
    agency FTE in post (the total rows left out). Either is empty when its table is absent.
    """
    scenarios: list[tuple[str, float, str]] = []
    posts: dict[str, float] = {}
    roles = tables.get(POSTS_TABLE)
    if roles is not None and len(roles):
        for _, r in roles[roles["Job title"] != "Total"].iterrows():
            posts[f"{r['Service']}: {r['Job title']}"] = float(r["Agency FTE"])
    savings = tables.get(SCENARIO_TABLE)
    if savings is not None and len(savings):
        for _, r in savings.iterrows():
            owner, _, title = str(r["Post"]).partition(" ")
            service = POST_NAMES.get(owner, owner)
            scenarios.append(
                (f"{service}: {title}", float(r["Agency posts made permanent"]), SCENARIO_TABLE)
            )
    return scenarios, posts
