"""The register and the final report list the same recommendations (issue 22, point 8).

The tracker reads the review's register (``tracker``: its items ``made_by: members``); the final
report prints ``final_report.recommendations``. :func:`register_mismatches` says how the two
lists differ; :func:`check_one_register` refuses a final report whose list is not the
register's, before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re

from pipelines.core.config import Review

__all__ = ["check_one_register", "register_mismatches"]


def _words(text: str) -> str:
    import re

    return re.sub(r"[^a-z]", "", re.sub(r"^request that:?", "", text.strip().lower()))


def register_mismatches(cfg: Review) -> list[str]:
    """How the register's members' recommendations differ from the final report's list.

    The register (the review's ``tracker`` file, items ``made_by: members``, an item with
    ``part_of`` counted as its recommendation: :func:`tracker.analysis.members_recommendations`)
    and ``final_report.recommendations`` must be the same list: as many, in the same order,
    each register recommendation's words (every part's) within the final report's one at its
    place, its label the same where the final report letters them, and a report-back that
    names a month ("September 2018") the month of its due date on the register (the earliest
    of its parts'), so the tracker never shows "None set" for a date the final report gives.
    Returns one sentence
    per difference; [] when they agree, or without a register or members' items.
    """
    from pipelines.sections.tracker.analysis import (
        load_register,
        members_recommendations,
        register_path,
    )

    fr = cfg.final_report
    if fr is None or not cfg.tracker or not register_path(cfg).exists():
        return []
    register = load_register(register_path(cfg))
    keys = members_recommendations(register)
    if not keys and not fr.recommendations:
        return []
    out = []
    if len(keys) != len(fr.recommendations):
        out.append(
            f"the register has {len(keys)} members' recommendations ({', '.join(keys) or 'none'})"
            f" and the final report {len(fr.recommendations)}"
        )
    for n, (key, rec) in enumerate(zip(keys, fr.recommendations, strict=False), start=1):
        parts = [i for i in register.items if i.made_by == "members" and i.recommendation == key]
        if rec.label and rec.label != key:
            out.append(f"recommendation {n} is {rec.label} in the final report and {key} on it")
        elif any(_words(i.text) not in _words(rec.text) for i in parts):
            out.append(f"recommendation {n} ({key}) has other words on the register")
        elif said := _report_back_month(rec.report_back):
            dues = [i.due for i in parts if i.due is not None]
            due = min(dues) if dues else None
            if due is None or (due.year, due.month) != said:
                out.append(
                    f"recommendation {n} ({key}) reports back in {dt.date(*said, 1):%B %Y} in "
                    "the final report and is due "
                    + (f"{due.day} {due:%B %Y}" if due else "on no date")
                    + " on the register"
                )
    return out


def _report_back_month(text: str | None) -> tuple[int, int] | None:
    """The (year, month) a report-back text names ("September 2018"), or None."""
    months = "January|February|March|April|May|June|July|August|September|October|November"
    found = re.search(rf"\b({months}|December)\s+(\d{{4}})\b", text or "")
    if found is None:
        return None
    return int(found.group(2)), dt.datetime.strptime(found.group(1), "%B").month


def check_one_register(cfg: Review) -> None:
    """Refuse a final report whose recommendations are not the register's members' ones.

    :func:`register_mismatches`: the tracker at the final meeting counts and lists the same
    recommendations as the final report, so the two cannot disagree.

    Raises
    ------
    ConfigError
        Naming each difference and what to do.

    """
    from pipelines.core.errors import ConfigError
    from pipelines.sections.tracker.analysis import register_path

    wrong = register_mismatches(cfg)
    if wrong:
        raise ConfigError(
            f"Review '{cfg.id}': the final report's recommendations and the register "
            f"({register_path(cfg).name}, items made_by: members) are not the same list: "
            + "; ".join(wrong)
            + ". Add each recommendation the group agreed to the register as made_by: members, "
            "in the final report's order (a recommendation in parts as items with part_of: its "
            "label), or correct final_report.recommendations, so the tracker and the final "
            "report say the same."
        )
