"""The tracker's result: the register and its tables at the meeting, computed once per meeting.

:func:`build` reads the register the review names (``tracker`` key; its content is part of the
stored result's key, :data:`pipelines.core.section_build.EXTERNAL_INPUTS`) and lays out what the
notebook shows: status by workstream, changes since the previous meeting, what is overdue,
members' and officers' registers and the legend. The tables are the same for every audience.
The register's words (the recommendations and the legend's meanings) are published once they
have passed the check officers' own text passes: personal data redacted for every audience
(:func:`analysis.register_frame`, :func:`analysis.legend_table`), and under the public policy
counts of people in them written as the public pack writes them ("fewer than 5 social
workers": :attr:`pipelines.core.results.Column.officer_text`). Owners are published as roles already
(:func:`analysis.public_owner`, with the review's ``owner_roles``).
"""

from __future__ import annotations

import re

import pandas as pd

from pipelines.core.results import Column, SectionResult, TidyTable
from pipelines.sections.tracker import analysis as tr

SECTION = "60_recommendations"
#: The columns of officers' and members' own words: the workstreams, the recommendations and
#: the legend's meanings, published once they pass the officers'-text check (see the module).
OFFICER_TEXT = ("Workstream", "Recommendation or action", "What it means")


def _tidy(label: str) -> str:
    """A tidy column name for a label ("Days overdue" -> "days_overdue")."""
    return re.sub(r"[^a-z0-9]+", "_", str(label).lower()).strip("_") or "column"


def table(name: str, frame: pd.DataFrame, caption: str, source: str, period) -> TidyTable:
    """A tidy table of a labelled frame: each label kept as the column's label.

    No column is free text left out of the public papers: the register's words have passed the
    officers'-text check (see the module).
    """
    tidy = {c: _tidy(c) for c in frame.columns}
    columns = {tidy[c]: Column(str(c), officer_text=str(c) in OFFICER_TEXT) for c in frame.columns}
    return TidyTable(
        name=name,
        frame=frame.rename(columns=tidy),
        columns=columns,
        caption=caption,
        source=source,
        period=period,
    )


def build(ctx, params) -> SectionResult:
    """The register at the run's meeting, as tables (see the module), and its notes.

    Tables: ``register`` (one row per item and meeting with a status: :func:`analysis.
    register_frame`), ``status_by_workstream``, ``changes_since_last_meeting``, ``overdue``,
    ``register_members``, ``register_officers`` and ``legend``. Notes: ``illustrative`` (the
    demo statuses are made up), ``holdings`` (what the register holds, in a sentence, where the
    table by workstream would be a single row that records no status: :func:`analysis.
    holdings`) and ``owners`` (owners published as roles), where they apply.
    """
    cfg, meeting = ctx.review, ctx.meeting
    path = tr.register_path(cfg)
    register = tr.load_register(path)
    tr.check_statuses_after_made(register, cfg, path)
    roles = dict(getattr(cfg, "owner_roles", None) or {})
    frame = tr.register_frame(register, roles)
    if register.illustrative:  # made-up statuses and dates reach no document: "Not recorded"
        frame = tr.unrecorded(frame)
    previous = tr.previous_meeting(cfg, meeting)
    when = f"At the meeting of {tr.date_text(meeting)}"
    source = "Recommendations and action tracker (the register kept by the review's officers)"
    status_now, caption = tr.by_workstream(frame, meeting), "by workstream and status"
    if register.illustrative:  # one column "Not recorded", the same as "Items": left out
        status_now, caption = status_now.drop(columns=[tr.NOT_RECORDED]), "by workstream"
    tables = [
        table("register", frame, "The register: every item and its status", source, None),
        table(
            "status_by_workstream",
            status_now,
            f"Recommendations and actions {caption}",
            source,
            when,
        ),
    ]
    changes = tr.changes_since(frame, previous, meeting)
    tables.append(
        table(
            "changes_since_last_meeting",
            changes,
            f"{len(changes)} recommendations and actions changed status since the previous meeting",
            source,
            f"{tr.date_text(previous)} to {tr.date_text(meeting)}" if previous else when,
        )
    )
    late = tr.overdue(frame, meeting)
    tables.append(
        table(
            "overdue",
            late,
            f"{len(late)} recommendations and actions are overdue",
            source,
            when,
        )
    )
    for who, label in tr.MADE_BY.items():
        rows = tr.register_table(frame, meeting, who)
        what = "owner, due date and status"
        if register.illustrative:  # columns "Not recorded" in every row: said once instead
            rows = rows.drop(columns=["Due", "Status"])
            what = "owner; statuses and due dates not recorded"
        tables.append(table(f"register_{who}", rows, f"{label}: {what}", source, when))
    legend = tr.legend_table(register)
    tables.append(
        table("legend", legend, "What each status means (the register's legend)", source, None)
    )
    notes: dict[str, tuple[tuple[str, str], ...]] = {}
    if register.illustrative:
        notes["illustrative"] = (
            (
                "Statuses not recorded",
                "The register records no status or due date of its own: the papers to the "
                "group print none, so no item is reported as completed, changed or overdue. "
                "The recommendations, tasks and workstreams are as printed; owners are shown "
                "by role, never by name or initials.",
            ),
        )
    held = tr.holdings(frame, meeting)
    if held:  # a table by workstream would be one row: said in a sentence instead
        notes["holdings"] = (("What the register holds", held),)
    owners = tr.owner_note(register, path.name, roles)
    if owners:
        notes["owners"] = (("Owners are published as roles", owners),)
    return SectionResult(section=SECTION, tables={t.name: t for t in tables}, notes=notes)


def register_inputs(ctx) -> dict[str, str]:
    """The register file the result reads, by content (part of its stored result's key)."""
    from pipelines.core.section_build import file_digests

    path = tr.register_path(ctx.review)
    return file_digests([path]) if path.is_file() else {}
