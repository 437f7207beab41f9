"""Front matter and provenance of a meeting's documents.

The cover (:func:`front_matter`: title, committee, meeting, agenda items, contact, marking;
the meeting's time, place and agenda items only where the review's config gives them), the
exempt marking citing Schedule 12A, the agenda heading above a report's title, the build stamp
(:func:`build_time`, :func:`git_commit`) and the annex's provenance page
(:func:`provenance_section`).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from pipelines.core.config import Review, project_root
from pipelines.core.context import data_after_meeting
from pipelines.core.errors import ConfigError, InputError


def git_commit() -> str:
    """The repository's commit (with ``-dirty`` when there are uncommitted changes), or unknown."""
    try:
        root = project_root()
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
        ).stdout.strip()
        return commit + ("-dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


#: The protective marking of a public document: the PDF's cover and page footers and the Word
#: footer all print this one.
PUBLIC_MARKING = "OFFICIAL"


def front_matter(review: Review, meeting, variant: str, built: str, *, annex: bool = False):
    """The pack's front page: title, committee, meeting, agenda items, contact and marking.

    The committee is the body the meeting is of (:func:`meeting_body`). The author and contact
    are the review's contact officer (the scrutiny officer who writes
    the papers), never the authors of the officers' reports to the meeting; the HTML author
    meta and the PDF Author field come from the same. The exempt appendix names the author
    but prints no contact line (no telephone or email in exempt material). Only the technical
    annex (``annex``) says on its cover that it shows DfE figures published after the meeting:
    the report and its exempt appendix never show them.
    """
    from pipelines import __version__
    from pipelines.documents.pack import FrontMatter

    items = {s.agenda_item for s in meeting.sections if s.agenda_item}
    agenda = [a for a in meeting.agenda_items if a.item in items]
    officer = review.contact_officer
    exempt = variant == "exempt"
    return FrontMatter(
        title=meeting.pack_title or f"Evidence pack: {review.committee}",
        council=review.council,
        committee=meeting_body(review, meeting),
        committee_ref=review.committee_ref,
        meeting_date=meeting.date,
        meeting_time=meeting.time,
        place=meeting.place,
        agenda_items=[f"Item {a.item}: {a.subject}" for a in agenda],
        report_of=None,
        author=officer.signed(),
        # Exempt material carries no contact details: the report it goes with gives them.
        contact=None
        if exempt
        else (officer.signed() + (f", {officer.telephone}" if officer.telephone else "")),
        marking=(
            (exempt_marking(review.exempt_paragraphs) if review.exempt_paragraphs else NO_EXEMPT)
            if exempt
            else PUBLIC_MARKING
        ),
        marking_note=" ".join(
            [
                (" ".join(review.exempt_paragraphs) or NOTHING_EXEMPT)
                if exempt
                else f"Public version: numbers of people below {review.disclosure_threshold} "
                "are suppressed ([c]), with further figures hidden where a total would "
                "reveal them, and free-text answers are left out, to protect the people "
                "they describe.",
                *(later_data_notes(review, meeting) if annex else []),
                *(text for _key, text in data_after_meeting(review, meeting.date)),
                *demonstration_note(review),
            ]
        ),
        built=built,
        provenance=f"Built by evidence-pack {__version__} from commit {git_commit()[:12]}",
    )


def meeting_body(review: Review, meeting) -> str:
    """Who a meeting's papers go to, as their cover and every page's header name it.

    The review's committee (the task and finish group) for the group's own meetings; the
    meeting's label for another body's (``body: board`` or ``cabinet_member``: "Cabinet Member
    for Children and Young People"), so a Cabinet Member's decision paper is headed as one.
    """
    if getattr(meeting, "body", "group") in ("board", "cabinet_member") and meeting.label:
        return meeting.label
    return review.committee


def is_demonstration(review: Review) -> bool:
    """Whether the review is a demonstration: its config's ``demonstration: true``."""
    return bool(getattr(review, "demonstration", False))


#: The one label a demonstration review's document carries, on its cover.
DEMONSTRATION = "Demonstration: synthetic data."


def demonstration_note(review: Review) -> list[str]:
    """The cover's one label for a demonstration review (nothing for a real one).

    "Demonstration: synthetic data."; every other place (dates, sources, report-back dates) is
    printed as a real review's would be. The cover claims nothing about what a document does
    not print: a register whose statuses are illustrative has none published (the tracker
    says they are not recorded), so the cover says nothing of them; the final report adds
    what it writes that the papers do not give (:func:`final_demonstration_note`).
    """
    if not is_demonstration(review):
        return []
    return [DEMONSTRATION]


def final_demonstration_note(
    review: Review, *, owners: bool = True, dates: bool = True
) -> list[str]:
    """What a demonstration's final report prints that the council's papers do not give.

    Its recommendations' decision-makers and report-back dates, which the review config
    writes for the demonstration, each named only when a recommendation prints one
    (``owners``, ``dates``: :func:`.final_recommendations.printed_recommendations`; reader14,
    a final report: the cover spoke of report-back dates none printed); nothing for a
    real review.
    """
    what = [w for w, said in (("Decision-makers", owners), ("report-back dates", dates)) if said]
    if not is_demonstration(review) or not what:
        return []
    named = " and ".join(what)
    return [f"{named[:1].upper()}{named[1:]} not in the council's papers are examples."]


def later_data_notes(review: Review, meeting) -> list[str]:
    """The cover's sentence when the pack shows DfE figures published after the meeting.

    Empty when the meeting has no national comparison or every figure it shows was published
    by the meeting date (:func:`pipelines.sections.national.analysis.later_data_notice`).
    """
    if not meeting.date:
        return []
    from pipelines.sections.national.analysis import later_data_notice

    try:
        notice = later_data_notice(review, meeting.date)
    except (OSError, InputError, ConfigError):  # no DfE files: the section says so itself
        return []
    return [notice] if notice else []


#: The marking of an exempt appendix that holds nothing exempt of its own: it cites no paragraph.
NO_EXEMPT = "NOTHING EXEMPT"
#: Its cover's note, said plainly.
NOTHING_EXEMPT = (
    "Nothing in this appendix is exempt: it holds no table or chart of this meeting's own, so "
    "it cites no paragraph of Schedule 12A to the Local Government Act 1972."
)


def exempt_marking(paragraphs: list[str]) -> str:
    """The marking on every page of an exempt pack, citing the Schedule 12A paragraph numbers.

    ``["Paragraph 1 of Part 1 of Schedule 12A ...", "Paragraph 2 ..."]`` gives
    "NOT FOR PUBLICATION: Schedule 12A, paragraphs 1 and 2".
    """
    import re

    numbers = [
        m.group(1) for p in paragraphs if (m := re.match(r"\s*paragraph\s+(\d+)", p, re.IGNORECASE))
    ]
    if not numbers:
        return "NOT FOR PUBLICATION"
    listed = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1]
    return f"NOT FOR PUBLICATION: Schedule 12A, paragraph{'s' if len(numbers) > 1 else ''} {listed}"


def build_time() -> dt.datetime:
    """The build's timestamp (UTC, whole seconds).

    ``SOURCE_DATE_EPOCH`` (seconds since 1970) fixes it, as in the reproducible-builds convention.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def provenance_section(cfg: Review, inputs: dict, front, commit: str):
    """The pack's last section: sources, period, input files with SHA-256, version, build time.

    The manifest holds the same details.
    """
    import nbformat.v4 as v4
    import pandas as pd

    from pipelines.core.outputs import table_html
    from pipelines.documents import pack

    files = pd.DataFrame(
        [
            {
                "Dataset": k.replace("_", " ").capitalize(),
                "Source": v["source"],
                "File": Path(v["file"]).name,
                "SHA-256": v["sha256"],
            }
            for k, v in inputs.items()
        ]
    )
    about = pd.DataFrame(
        {
            "Item": ["Period covered", "Code version", "Git commit", "Built"],
            "Value": [cfg.period.label, front.provenance.split()[3], commit, front.built],
        }
    )
    outputs = []
    for table, caption in (
        (files, "Input files and their SHA-256 fingerprints"),
        (about, "How these documents were made"),
    ):
        body = table_html(table, caption)
        outputs.append(
            v4.new_output(
                "display_data",
                data={
                    "text/html": f'<div class="ep-table ep-provenance">{body}</div>',
                    "text/plain": caption,
                },
            )
        )
    cell = v4.new_code_cell("")
    cell.outputs = outputs
    nb = v4.new_notebook(
        cells=[
            v4.new_markdown_cell(
                "# Sources and provenance\nThe data behind this meeting's report, "
                "exempt appendix and annex, the period they cover, and how they were "
                "made. The same details are in the build's manifest.json, so the "
                "documents can be rebuilt and checked."
            ),
            cell,
        ]
    )
    return pack.Section(name="99_provenance", notebook=nb)


def agenda_heading(mtg) -> str | None:
    """The agenda item line above a report's title, e.g. "Agenda items 6 and 7"."""
    items = sorted(
        {s.agenda_item for s in mtg.sections if s.agenda_item},
        key=lambda i: (0, int(i), "") if i.isdigit() else (1, 0, i),
    )
    if not items:
        return None
    if len(items) == 1:
        return f"Agenda item {items[0]}"
    return f"Agenda items {', '.join(items[:-1])} and {items[-1]}"
