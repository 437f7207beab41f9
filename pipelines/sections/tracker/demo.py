"""Demo recommendations and action tracker for the Luton review, and its README.

The register holds (a) the recommendations and proposals of the agenda item 7 report of
21 September 2016 and (b) the directorate's action plan (agenda item 6, Appendix 3: the project
plan's workstreams, tasks and owners). Their text is read from the reference file
``shared/reference/seed_figures.yml`` (never retyped here). The seed's plan has no RAG ratings and
no due dates, so the statuses at each meeting and the due dates are **illustrative**: made up,
deterministically, for the demo, and the README says so.

:func:`write_tracker_demo` writes ``recommendations.yml`` and ``README-tracker.md``.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml

from pipelines.core.config import project_root

REGISTER_FILE = "recommendations.yml"
README_FILE = "README-tracker.md"
SEED_FIGURES = project_root().parent / "shared" / "reference" / "seed_figures.yml"
#: Meetings at which the register's status is recorded (the group's dated meetings from the
#: second, when items 6 and 7 were reported, to the final one).
MEETINGS = ("2016-09-21", "2016-11-22", "2016-12-21", "2017-01-16", "2017-02-28")
RANDOM_SEED = 20160921
REC_WORKSTREAM = "Exit interviews (item 7)"
#: Words in a task that make it business as usual (Violet) once started.
BAU_WORDS = ("monitor", "review and monitor")


def _seed(path: Path = SEED_FIGURES) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["luton"]


def _month_end(year: int, month: int) -> str:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).isoformat()


def _statuses(rng: random.Random, bau: bool) -> tuple[dict[str, str], str | None]:
    """Illustrative status per meeting and a due date.

    Grey until started, then Green, Amber or Red, Blue once completed (never going back);
    Violet from the start for business as usual.
    """
    start = rng.randrange(0, 3)  # meeting index at which work starts
    due_month = rng.choice([(2016, 11), (2016, 12), (2017, 1), (2017, 2), (2017, 3), (2017, 6)])
    due = _month_end(*due_month)
    done_at = rng.choice([start + 1, start + 2, start + 3, None, None])
    out: dict[str, str] = {}
    for i, meeting in enumerate(MEETINGS):
        if i < start:
            out[meeting] = "Grey"
        elif bau:
            out[meeting] = "Violet"
        elif done_at is not None and i >= done_at:
            out[meeting] = "Blue"
        else:
            late = meeting > due
            out[meeting] = rng.choice(["Red", "Amber"] if late else ["Green", "Green", "Amber"])
    return out, None if bau else due


def register(seed_path: Path = SEED_FIGURES) -> dict:
    """The register as written to ``recommendations.yml`` (texts from the seed file)."""
    luton = _seed(seed_path)
    rng = random.Random(RANDOM_SEED)
    plan = luton["project_plan"]
    ex = luton["exit_interviews"]
    items = []
    for kind, key, paras in (
        ("Recommendation", "recommendations", "paragraphs 2 to 5"),
        ("Proposal", "proposals", "paragraphs 28 to 32"),
    ):
        for i, text in enumerate(ex[key]["value"], start=1):
            status, due = _statuses(rng, bau=False)
            items.append(
                {
                    "id": f"{kind[0]}{i}",
                    "kind": kind,
                    "workstream": REC_WORKSTREAM,
                    "text": text,
                    "owner": "Head of HR",
                    "due": due,
                    "source": f"Agenda item 7 report, 21 September 2016, {paras}",
                    "status": status,
                }
            )
    for section in plan["sections"]:
        for task in section["tasks"]:
            bau = any(w in task["task"].lower() for w in BAU_WORDS)
            status, due = _statuses(rng, bau=bau)
            items.append(
                {
                    "id": task["id"],
                    "kind": "Action",
                    "workstream": f"{section['id']}. {section['title']}",
                    "text": task["task"],
                    "owner": task["owner"],
                    "due": due,
                    "source": "Agenda item 6, Appendix 3 (project plan)",
                    "status": status,
                }
            )
    items += members_items()
    legend = [
        {"status": e["status"], "meaning": e["definition"]} for e in plan["rag_legend"]["value"]
    ]
    return {"illustrative": True, "legend": legend, "items": items}


def members_items(review: str = "luton-sw-2016") -> list[dict]:
    """The group's own recommendations, agreed at its final meeting, as register items.

    Copied from the review config's ``final_report.recommendations`` (the text and to whom),
    so the register and the final report give the same recommendations; not started (Grey) at
    the final meeting, with no due date (the papers give none).
    """
    from pipelines.core.config import load_review

    cfg = load_review(review)
    fr = cfg.final_report
    return [
        {
            "id": f"M{n}",
            "kind": "Recommendation",
            "made_by": "members",
            "workstream": "Recommendations of the task and finish group",
            "text": r.text,
            "owner": r.to,
            "due": None,
            "source": f"The group's final report, {fr.meeting:%-d %B %Y}",
            "status": {fr.meeting.isoformat(): "Grey"},
        }
        for n, r in enumerate(fr.recommendations, start=1)
    ]


HEADER = """\
# Recommendations and action tracker of the Luton review (synthetic demo; see README-tracker.md).
# Texts, owners and workstreams come from the agenda pack of 21 September 2016 (item 7
# recommendations and proposals; item 6 Appendix 3 project plan). The STATUSES AND DUE DATES ARE
# ILLUSTRATIVE: the papers print no RAG ratings and no dates. Status words: Red, Amber, Green,
# Blue (completed), Grey (not started), Violet (business as usual), one per meeting date.
"""

README = """\
# Recommendations and action tracker demo input (`recommendations.yml`)

**Synthetic, and the statuses are illustrative.** `recommendations.yml` stands in for the
register an officer keeps of the review's recommendations and the directorate's action plan.
It is written by `pipelines/demo/tracker.py` (`python -m pipelines.demo`).

- **What is real.** The text of the four recommendations (agenda item 7 report, paragraphs 2 to
  5) and five proposals (paragraphs 28 to 32), and the project plan's workstreams, task numbers,
  tasks and owners (agenda item 6, Appendix 3), are read from `shared/reference/seed_figures.yml`
  and copied as printed (the plan's numbering gaps and truncated task 2.1.1 included). The status
  legend (Red, Amber, Green, Blue = completed, Grey = not started, Violet = business as usual)
  is the project plan's own.
- **What is made up.** Every status at every meeting, and every due date. The seed's project
  plan has empty RAG and week columns and the item 7 report gives no dates or owners. They were
  drawn with a fixed random seed (`RANDOM_SEED` in the generator) following simple rules: an item
  is Grey until work starts at one of the first three meetings, then Green, Amber or Red (Red or
  Amber only after its due date), and Blue once completed, never going back; tasks about
  monitoring are Violet (business as usual) from the start and have no due date. The owner of
  the item 7 recommendations and proposals is given as "Head of HR" (the report's author's
  role), an assumption.
- **Meetings.** Statuses are recorded for the meetings of 21 September 2016, 22 November 2016,
  21 December 2016, 16 January 2017 and 28 February 2017.

An item with a status word outside the legend stops the build with a message naming the file
and the item.
"""


def write_tracker_demo(out_dir: Path | str) -> list[Path]:
    """Write ``recommendations.yml`` and ``README-tracker.md`` into ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    body = yaml.safe_dump(register(), sort_keys=False, allow_unicode=True, width=100)
    written = []
    for name, text in ((REGISTER_FILE, HEADER + body), (README_FILE, README)):
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
