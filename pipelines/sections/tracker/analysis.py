"""Recommendations and action tracker: the review's recommendations and the directorate's plan.

The register (a YAML file in the review's raw folder, named by the review's ``tracker`` key) lists
items: the review's recommendations and proposals and the action plan's tasks, each with its
workstream, owner, due date and a status at each meeting on the project plan's own legend:
Red, Amber, Green, Blue (completed), Grey (not started), Violet (business as usual).

The section shows the status now (at the meeting), what changed since the previous meeting of
the review, and what is overdue (due before the meeting and not Blue). The status word is
always written: the tables never rely on colour.

Definitions
-----------
Status at a date
    The status recorded at the latest meeting on or before that date; "Not yet on the register"
    when the item has no status recorded by then.
Overdue at a meeting
    Due date before the meeting date, and the status at the meeting is not Blue (completed).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Literal

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pipelines.core import config_text
from pipelines.core.errors import InputError, Problem

STATUSES = ("Red", "Amber", "Green", "Blue", "Grey", "Violet")
#: The plain words shown beside each status (the legend's own words, shortened for tables).
STATUS_WORDS = {
    "Red": "Red",
    "Amber": "Amber",
    "Green": "Green",
    "Blue": "Blue (completed)",
    "Grey": "Grey (not started)",
    "Violet": "Violet (business as usual)",
}
NOT_ON_REGISTER = "Not yet on the register"
#: An item's status and due date when the register records none the council gave: a register
#: marked ``illustrative`` (made-up statuses and dates, as the demonstration's) publishes none.
NOT_RECORDED = "Not recorded"
Status = Literal["Red", "Amber", "Green", "Blue", "Grey", "Violet"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LegendEntry(_Strict):
    """One status of the legend and what it means."""

    status: Status
    meaning: str


#: Who an item comes from: the group's members (their recommendations) or officers (the
#: recommendations and proposals of officers' reports, and the directorate's actions).
MADE_BY = {
    "members": "Members' recommendations",
    "officers": "Officers' recommendations and actions",
}


class Item(_Strict):
    """One recommendation, proposal or action, with its status at each meeting."""

    id: str
    kind: Literal["Recommendation", "Proposal", "Action"]
    made_by: Literal["members", "officers"] = Field(
        default="officers",
        description="members: a recommendation of the task and finish group itself; officers: "
        "a recommendation or proposal of an officers' report, or an action of the directorate",
    )
    workstream: str
    text: str
    owner: str | None = None
    due: dt.date | None = Field(default=None, description="None for business as usual")
    source: str | None = None
    made: dt.date | None = Field(
        default=None,
        description="When the recommendation is made (put to its decision-maker); a members' "
        "recommendation without it is made at the review's final report meeting",
    )
    status: dict[dt.date, Status] = Field(
        default_factory=dict, description="Meeting date -> status"
    )
    part_of: str | None = Field(
        default=None,
        description="The recommendation this item is a part of (its label, as the final report "
        "letters it: d for d.i, d.ii and d.iii); the tracker counts the recommendation once",
    )

    @property
    def recommendation(self) -> str:
        """The recommendation the item counts as: its ``part_of``, else its own id."""
        return self.part_of or self.id


class Register(_Strict):
    """The register file."""

    illustrative: bool = Field(
        default=False,
        description="True when the statuses are made up (demo data); the section then says so",
    )
    legend: list[LegendEntry] = Field(default_factory=list)
    items: list[Item]


def _display(path: Path) -> str:
    from pipelines.core.config import project_root

    try:
        return str(path.resolve().relative_to(project_root()))
    except ValueError:
        return str(path)


def register_path(cfg) -> Path:
    """The register file of a review: ``cfg.tracker`` in the review's raw folder."""
    name = getattr(cfg, "tracker", None) or "recommendations.yml"
    return cfg.raw_path() / name


def _printed(data: dict):
    """(label, YAML path, text) of each printed text of a register.

    The items' workstreams and texts and the legend's meanings.
    """
    for i, item in enumerate(data.get("items") or [], start=1):
        if isinstance(item, dict):
            label = f'Tracker item {i} ("{item["id"]}")' if item.get("id") else f"Tracker item {i}"
            for key in ("workstream", "text"):
                if isinstance(item.get(key), str):
                    yield label, ("items", i - 1, key), item[key]
    legend = data.get("legend")
    for i, entry in enumerate(legend if isinstance(legend, list) else [], start=1):
        if isinstance(entry, dict) and isinstance(entry.get("meaning"), str):
            yield f"Tracker legend entry {i}", ("legend", i - 1, "meaning"), entry["meaning"]


def load_register(path: Path) -> Register:
    """Read and check a register file.

    Raises
    ------
    InputError
        The file is missing or not YAML, or an item has an unknown status or another wrong key
        or value: one problem per item, naming the file, the item (its id and number), the key,
        what was found and what is expected. A printed text a reader cannot place (a workstream,
        an item's text or a legend meaning with a period such as "early 2016", a date without
        its year: :func:`pipelines.core.config_text.file_problems`) is one too, with its line.

    """
    shown = _display(path)
    if not path.exists():
        raise InputError(
            [
                Problem(
                    "The recommendations and action tracker file is missing.",
                    shown,
                    hint="Create it, or remove tracker from the review.",
                )
            ]
        )
    raw_text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(raw_text) or {}
    except yaml.YAMLError as exc:
        raise InputError(
            [
                Problem(
                    "The recommendations and action tracker file is not valid YAML.",
                    shown,
                    found=str(exc).splitlines()[0],
                )
            ]
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise InputError(
            [
                Problem(
                    "The tracker file has no list of items.",
                    shown,
                    column="items",
                    expected="items: a list of recommendations and actions",
                )
            ]
        )
    problems = []
    for i, item in enumerate(data["items"], start=1):
        label = (
            f'item {i} ("{item.get("id")}")'
            if isinstance(item, dict) and item.get("id")
            else f"item {i}"
        )
        try:
            Item.model_validate(item)
        except ValidationError as exc:
            for err in exc.errors():
                key = ".".join(str(p) for p in err["loc"]) or "(item)"
                unknown = err["loc"][:1] == ("status",) and err["type"] == "literal_error"
                problems.append(
                    Problem(
                        f"Tracker {label} has an unknown status."
                        if unknown
                        else f"Tracker {label} is not valid.",
                        shown,
                        column=key,
                        found=repr(err.get("input")) if err["type"] != "missing" else "nothing",
                        expected=(f"one of {', '.join(STATUSES)}" if unknown else err["msg"]),
                        hint=f"Correct {key} under {label} in the tracker file.",
                    )
                )
    problems += config_text.file_problems(shown, raw_text, _printed(data))
    if problems:
        raise InputError(problems)
    try:
        return Register.model_validate(data)
    except ValidationError as exc:
        raise InputError(
            [
                Problem(
                    "The tracker file is not valid.",
                    shown,
                    column=".".join(str(p) for p in e["loc"]),
                    found=repr(e.get("input")),
                    expected=e["msg"],
                )
                for e in exc.errors()
            ]
        ) from None


#: Words that make a part of an owner field a role, a team or an organisation, not a person.
ROLE_WORDS = re.compile(
    r"\b(?:manager|managers|director|directors|directorate|head|heads|officer|officers|lead|"
    r"leads|team|teams|service|services|hr|practitioner|worker|workers|co-?ordinator|chair|"
    r"cabinet|member|members|board|executive|department|commissioner|advis[eo]r|principal|"
    r"administrator|assistant|analyst|consultant|supervisor|council|group|unit|panel|"
    r"partnership|agency|school|academy|scrutiny|committee|people|resourcing|recruitment|"
    r"learning|development|workforce|finance|payroll|communications|business|intelligence|"
    r"project|programme|safeguarding|care|social|children|adults?|education|health|nhs|"
    r"university|college|trust|portfolio|mayor|leader|deputy|corporate|strategic|operations|"
    r"quality|assurance|performance|policy|legal|governance|democratic|democracy|office)\b",
    re.IGNORECASE,
)
#: Two or three capitalised words and nothing else: the shape of a person's name.
NAME_SHAPE = re.compile(r"^(?:[A-Z]')?[A-Z][a-z]+(?:[\s-](?:[A-Z]')?(?:Mc|Mac)?[A-Z][a-z]+){1,2}$")
_OWNER_SPLIT = re.compile(r"(\s*[/,;&]\s*|\s*\(\s*|\s*\)\s*|\s+-\s+|\s+–\s+)")
_MARKERS = re.compile(r"\[(?:name|e-mail|phone number|NI number|postcode|reference) removed\]")


#: A part of an owner field in capitals only ("IH", "KS", "BIT"): initials or an abbreviation.
INITIALS = re.compile(r"^[A-Z][A-Z.']{0,5}$")
#: What an owner reads when its parts are initials the review gives no role for.
NO_ROLE = "[role not recorded]"


def public_owner(owner: str | None, roles: dict[str, str] | None = None) -> tuple[str, bool]:
    """An owner as the pack publishes it: roles, never names or initials.

    ``roles`` is the review config's ``owner_roles`` (initials or abbreviation -> role: "IH" ->
    "Head of Service"). The whole field, when ``roles`` names it ("A/W"), reads as its role;
    else the field is split into parts at "/", ",", ";", "&", " - " and brackets ("<name>
    (team manager)" is a name and a role) and each part ``roles`` names reads as its role
    ("IH/MG" -> "Head of Service / HR Business Partner"). Of the other parts, one is left out
    when it holds a person's name (:mod:`pipelines.core.personal_data`, on normalised text,
    with the e-mail addresses and phone numbers it finds), has the shape of one (two or three
    capitalised words without a word for a role, team or organisation: :data:`ROLE_WORDS`) or
    is in capitals only (:data:`INITIALS`: a person's initials, unless it is itself a word for
    a team, "HR"). What is left is published with a capital first letter ("Team manager");
    when nothing is left the owner reads "[name removed]" (a name was taken out) or
    :data:`NO_ROLE` (only initials were).

    Returns
    -------
    (str, bool)
        The owner to publish, and whether anything was taken out (so the section can ask the
        officer to write the role, or the review to give the initials' roles).

    """
    from pipelines.core import personal_data

    roles = {str(k).strip(): str(v).strip() for k, v in (roles or {}).items()}
    if owner is None or not str(owner).strip():
        return "Not named", False
    whole = " ".join(str(owner).split())
    if whole in roles:
        return roles[whole], False
    raw = " ".join(personal_data.normalise(str(owner)).text.split())
    parts = [x.strip() for i, x in enumerate(_OWNER_SPLIT.split(raw)) if i % 2 == 0]
    parts = [x for x in parts if x]
    kept: list[str] = []
    named = dropped = False
    for part in parts:
        if part in roles:
            kept.append(roles[part])
            continue
        redacted = personal_data.redact(part)
        if redacted != part:
            named = dropped = True
            rest = " ".join(_MARKERS.sub(" ", redacted).split()).strip(" ,;:-")
            if rest and ROLE_WORDS.search(rest):
                kept.append(rest)
            continue
        if NAME_SHAPE.match(part) and not ROLE_WORDS.search(part):
            named = dropped = True
            continue
        if INITIALS.match(part) and not ROLE_WORDS.fullmatch(part):
            dropped = True
            continue
        kept.append(part)
    if kept == parts:
        return whole, False
    kept = list(dict.fromkeys(kept))
    if not kept:
        return ("[name removed]" if named else NO_ROLE), True
    text = " / ".join(kept)
    return text[0].upper() + text[1:], dropped


def made_on(item: Item, cfg) -> dt.date | None:
    """The date a recommendation is made (goes to its decision-maker), or None.

    Its own ``made``, else for a members' recommendation the meeting of the review's final
    report; None for officers' items (their statuses are the plan's own).
    """
    if item.made is not None:
        return item.made
    final = getattr(cfg, "final_report", None)
    return final.meeting if item.made_by == "members" and final is not None else None


def check_statuses_after_made(register: Register, cfg, path: Path) -> None:
    """Refuse a status that says a recommendation moved on or before the day it is made.

    A recommendation made at a meeting cannot be completed, on track or late at that meeting
    or before it: only Grey (not yet started) may be recorded on or before :func:`made_on`.

    Raises
    ------
    InputError
        One problem per such status: the file, the item, the date, the status found and what
        to do.

    """
    problems = []
    for i, item in enumerate(register.items, start=1):
        made = made_on(item, cfg)
        if made is None:
            continue
        for when, status in sorted(item.status.items()):
            if when <= made and status != "Grey":
                problems.append(
                    Problem(
                        f'Tracker item {i} ("{item.id}") is recorded {_word(status)} at '
                        f"{date_text(when)}, but the recommendation is made on "
                        f"{date_text(made)}: it cannot have moved before it is made.",
                        _display(path),
                        column=f"items[{i}].status.{when}",
                        found=status,
                        expected=f"Grey (not yet started) on or before {date_text(made)}",
                        hint="Record its status at a later meeting, or correct the date the "
                        "recommendation is made (made:).",
                    )
                )
    if problems:
        raise InputError(problems)


def owners_with_names(register: Register, roles: dict[str, str] | None = None) -> list[str]:
    """Ids of the items whose owner field holds more than a role (a name, initials, contacts).

    ``roles``: the review's ``owner_roles`` (initials -> role), as :func:`public_owner` reads
    them; initials with a role there are not counted.
    """
    return [it.id for it in register.items if it.owner and public_owner(it.owner, roles)[1]]


def owner_note(
    register: Register, file_name: str, roles: dict[str, str] | None = None
) -> str | None:
    """A note for officers when an owner field holds a name or initials: roles only are shown."""
    ids = owners_with_names(register, roles)
    if not ids:
        return None
    return (
        f"The owner of {', '.join(ids)} in {file_name} holds a person's name, initials or "
        "contact details; the pack publishes owners as roles only, so it shows the role (or "
        f"\u201c[name removed]\u201d, \u201c{NO_ROLE}\u201d). Write the owner's role (for "
        "example \u201cTeam manager\u201d) in the register, or give each set of initials its "
        "role under owner_roles in the review configuration."
    )


#: A recommendation in parts takes the status of its least advanced part, in this order.
PART_ORDER = ("Red", "Amber", "Green", "Grey", "Violet", "Blue")


def members_recommendations(register: Register) -> list[str]:
    """The members' recommendations on the register, each once, in register order.

    An item that is part of a recommendation (``part_of``: d.i, d.ii and d.iii of d) counts as
    that recommendation; so the list and its length are the final report's recommendations.
    """
    return list(
        dict.fromkeys(it.recommendation for it in register.items if it.made_by == "members")
    )


def register_frame(register: Register, roles: dict[str, str] | None = None) -> pd.DataFrame:
    """The register as one row per item and meeting with a recorded status.

    Columns: id, kind, made_by ("members" or "officers"), workstream, text, owner (as published:
    a role, never a name or initials, :func:`public_owner` with the review's ``owner_roles``
    ``roles``), due (date or None), meeting (date), status. A members' recommendation in parts
    (items with ``part_of``) is one row per meeting under the recommendation's label: its
    parts' texts and owners joined, its earliest due date, and the status of its least
    advanced part (:data:`PART_ORDER`), so every count of the tracker is of the
    recommendations the final report lists (:func:`members_recommendations`).
    Officers wrote the workstream and text: personal data in them is redacted for every
    audience (:func:`pipelines.core.personal_data.redact`), as in officers' SWOT entries; the
    public tables then show the text, a cell stating a small count of people withheld.
    Items with no status at all appear once with meeting and status missing.
    """
    from pipelines.core.personal_data import redact

    columns = ["id", "kind", "made_by", "workstream", "text", "owner", "due", "meeting", "status"]
    groups: dict[str, list[Item]] = {}
    for it in register.items:
        key = it.recommendation if it.made_by == "members" else f"\0{it.id}"
        groups.setdefault(key, []).append(it)
    rows = []
    for key, parts in groups.items():
        first = parts[0]
        dues = [p.due for p in parts if p.due is not None]
        base = {
            "id": key if first.made_by == "members" else first.id,
            "kind": first.kind,
            "made_by": first.made_by,
            "workstream": tidy_text(redact(first.workstream)),
            "text": tidy_text(redact(" ".join(dict.fromkeys(p.text for p in parts)))),
            "owner": " / ".join(dict.fromkeys(public_owner(p.owner, roles)[0] for p in parts)),
            "due": min(dues) if dues else None,
        }
        meetings = sorted({m for p in parts for m in p.status})
        if not meetings:
            rows.append({**base, "meeting": None, "status": None})
        for meeting in meetings:
            said = [p.status[meeting] for p in parts if meeting in p.status]
            status = min(said, key=PART_ORDER.index)
            rows.append({**base, "meeting": meeting, "status": status})
    return pd.DataFrame(rows, columns=columns)


#: A comma with no space after it ("deposit,handcuffs"); one between digits (1,998) is kept.
_TIGHT_COMMA = re.compile(r"(?<=(.)),(?=(\S))")


def _comma(m: re.Match) -> str:
    return "," if m.group(1).isdigit() and m.group(2).isdigit() else ", "


#: What an unfinished text ends with: a dash or a list marker with nothing after it ("75-",
#: "3/"), trailing spaces.
_DANGLING = re.compile(r"\s*(?:\S*[-/])\s*$")
#: Said where a register's text stops short in the register itself.
CUT_OFF = "the rest of this text is cut off in the register"


def tidy_text(text: str) -> str:
    """An officer's text as the papers print it: a space after each comma; an unfinished end said.

    "rent deposit,handcuffs etc" reads "rent deposit, handcuffs etc" (a comma in a number,
    "1,998", is kept). A text that stops short in the register itself (the plan's cell was
    cut: "... (post programme retention rates were 75-", "... moved to 3/") is printed up to
    its last whole part, with :data:`CUT_OFF` in brackets, so the reader sees the register
    stops there and no bracket is left open or nested: "... reintroducing the TIER programme
    (the rest of this text is cut off in the register)".
    """
    out = _TIGHT_COMMA.sub(_comma, str(text)).strip()
    opened = out.count("(") > out.count(")")
    if not (opened or _DANGLING.search(out)):
        return out
    if opened:
        out = out[: out.rfind("(")]
    out = _DANGLING.sub("", out).rstrip(" ,;:-/")
    return f"{out} ({CUT_OFF})"


def unrecorded(frame: pd.DataFrame) -> pd.DataFrame:
    """The register frame with no status and no due date: each item once, "Not recorded".

    For a register marked ``illustrative`` (statuses and dates made up, as a demonstration's):
    illustrative values never reach a document (issue 22, point 1), so every table and
    sentence of the tracker is made from this frame, and says :data:`NOT_RECORDED`.
    """
    out = frame.drop_duplicates("id").copy()
    out["due"] = None
    out["meeting"] = None
    out["status"] = NOT_RECORDED
    return out.reset_index(drop=True)


def made_by(frame: pd.DataFrame, who: str) -> pd.DataFrame:
    """The rows of the register frame made by ``who`` ("members" or "officers")."""
    return frame[frame["made_by"] == who]


def _date(value: str | dt.date) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def status_at(frame: pd.DataFrame, date: str | dt.date) -> pd.DataFrame:
    """Each item's status at ``date``: the one recorded at the latest meeting on or before it.

    Returns one row per item (register order) with id, kind, workstream, text, owner, due and
    status; status is :data:`NOT_ON_REGISTER` when nothing was recorded by ``date``.
    """
    date = _date(date)
    items = frame.drop_duplicates("id")[["id", "kind", "workstream", "text", "owner", "due"]]
    known = frame[frame["meeting"].notna()]
    known = known[known["meeting"].map(lambda m: m <= date).astype(bool)]
    latest = known.sort_values("meeting").groupby("id", sort=False)["status"].last()
    out = items.copy()
    kept = frame.drop_duplicates("id").set_index("id")["status"]
    kept = kept[kept == NOT_RECORDED]  # a register that records no status (:func:`unrecorded`)
    out["status"] = out["id"].map(latest).fillna(out["id"].map(kept)).fillna(NOT_ON_REGISTER)
    return out.reset_index(drop=True)


def previous_meeting(cfg, meeting: str | dt.date) -> dt.date | None:
    """The dated meeting before ``meeting`` in the order of the review's meetings (or None)."""
    want = _date(meeting)
    dated = [m.date for m in cfg.meetings if m.date is not None]
    if want not in dated:
        cfg.meeting(want)  # raises ConfigError naming the meetings
    i = dated.index(want)
    return dated[i - 1] if i else None


def _word(status: str) -> str:
    return STATUS_WORDS.get(status, status)


def date_text(d: str | dt.date | None) -> str:
    """A date as members read it, month in full ("28 February 2017"); "None set" without one.

    Every document writes a date with its month in full (reader12: "28 Feb 2017" beside "28
    February 2017" in one report).
    """
    if isinstance(d, str):
        d = dt.date.fromisoformat(d)
    return f"{d:%-d %B %Y}" if d is not None and not pd.isna(d) else "None set"


def by_workstream(frame: pd.DataFrame, date: str | dt.date) -> pd.DataFrame:
    """Items per workstream and status at ``date`` (counts of items), legend order, with total.

    Columns: Workstream, one column per status word (e.g. "Blue (completed)"), Items.
    Statuses no item has are left out; "Not yet on the register" appears only if used.
    """
    now = status_at(frame, date)
    order = [s for s in (*STATUSES, NOT_ON_REGISTER, NOT_RECORDED) if (now["status"] == s).any()]
    table = (
        pd.crosstab(now["workstream"], now["status"])
        .reindex(columns=order, fill_value=0)
        .reindex(list(dict.fromkeys(now["workstream"])))
    )
    table["Items"] = table.sum(axis=1)
    table = table.rename(columns=_word).reset_index().rename(columns={"workstream": "Workstream"})
    total = table.drop(columns="Workstream").sum().to_dict()
    table = pd.concat([table, pd.DataFrame([{"Workstream": "Total", **total}])], ignore_index=True)
    table.columns.name = None
    return table


def holdings(frame: pd.DataFrame, date: str | dt.date) -> str | None:
    """What the register holds, in a sentence, where a table by workstream would say no more.

    For a register that records no status (:func:`unrecorded`) a table by workstream and
    status is one column, "Not recorded", equal to its count of items; with its items in one
    workstream it is a single row. Then this says what the register holds instead, only what
    the section's findings (:func:`findings`: how many, and that no status or due date is
    recorded) do not: "All the register's recommendations are in one workstream,
    “Recommendations of the task and finish group”." (reader12: the box repeated the count and
    "no status or due date" of the two bullets above it). With none: "The register holds no
    recommendation or action at 16 Apr 2018." None when the table says more (statuses
    recorded, or items in two or more workstreams).
    """
    when = date_text(_date(date))
    now = status_at(frame, date) if len(frame) else frame
    if now.empty:
        return f"The register holds no recommendation or action at {when}."
    streams = list(dict.fromkeys(now["workstream"]))
    if len(streams) > 1 or not (now["status"] == NOT_RECORDED).all():
        return None
    n, kinds = len(now), set(now["kind"])
    items = f"{next(iter(kinds)).lower()}s" if len(kinds) == 1 else "recommendations and actions"
    if n == 1:
        return f"The register's one {items[:-1]} is in the workstream \u201c{streams[0]}\u201d."
    return f"All the register's {items} are in one workstream, \u201c{streams[0]}\u201d."


def changes_since(
    frame: pd.DataFrame, previous: str | dt.date | None, date: str | dt.date
) -> pd.DataFrame:
    """Items whose status at ``date`` differs from their status at ``previous``.

    Columns: Ref, Workstream, Recommendation or action, Owner, "Status at <previous>",
    "Status at <date>" (status words). Empty (with those columns) when nothing changed or there
    is no previous meeting.
    """
    before_col = f"Status at {date_text(_date(previous))}" if previous else "Status before"
    now_col = f"Status at {date_text(_date(date))}"
    cols = ["Ref", "Workstream", "Recommendation or action", "Owner", before_col, now_col]
    if previous is None:
        return pd.DataFrame(columns=cols)
    now = status_at(frame, date)
    before = status_at(frame, previous).set_index("id")["status"]
    now["before"] = now["id"].map(before)
    moved = now[now["before"] != now["status"]]
    return pd.DataFrame(
        {
            "Ref": moved["id"],
            "Workstream": moved["workstream"],
            "Recommendation or action": moved["text"],
            "Owner": moved["owner"],
            before_col: moved["before"].map(_word),
            now_col: moved["status"].map(_word),
        },
        columns=cols,
    ).reset_index(drop=True)


def overdue(frame: pd.DataFrame, date: str | dt.date) -> pd.DataFrame:
    """Items due before ``date`` whose status at ``date`` is not Blue (completed).

    Columns: Ref, Workstream, Recommendation or action, Owner, Due, Days overdue (whole days
    from the due date to ``date``), Status (word). Most overdue first. Items without a due date
    (business as usual) are never overdue.
    """
    date = _date(date)
    now = status_at(frame, date)
    due = now["due"].map(lambda d: d if d is not None and not pd.isna(d) else None)
    late = now[due.map(lambda d: d is not None and d < date) & (now["status"] != "Blue")].copy()
    late["days"] = late["due"].map(lambda d: (date - d).days)
    late = late.sort_values(["days", "id"], ascending=[False, True], kind="stable")
    return pd.DataFrame(
        {
            "Ref": late["id"],
            "Workstream": late["workstream"],
            "Recommendation or action": late["text"],
            "Owner": late["owner"],
            "Due": late["due"].map(date_text),
            "Days overdue": late["days"],
            "Status": late["status"].map(_word),
        },
        columns=[
            "Ref",
            "Workstream",
            "Recommendation or action",
            "Owner",
            "Due",
            "Days overdue",
            "Status",
        ],
    ).reset_index(drop=True)


def register_table(
    frame: pd.DataFrame, date: str | dt.date, who: str | None = None
) -> pd.DataFrame:
    """Every item with its owner, due date and status word at ``date`` (register order).

    ``who`` ("members" or "officers") keeps only the items made by them.
    """
    columns = ["Ref", "Type", "Workstream", "Recommendation or action", "Owner", "Due", "Status"]
    part = frame if who is None else made_by(frame, who)
    if part.empty:
        return pd.DataFrame(columns=columns)
    now = status_at(part, date)
    return pd.DataFrame(
        {
            "Ref": now["id"],
            "Type": now["kind"],
            "Workstream": now["workstream"],
            "Recommendation or action": now["text"],
            "Owner": now["owner"],
            "Due": [
                NOT_RECORDED if st == NOT_RECORDED else date_text(d)
                for d, st in zip(now["due"], now["status"], strict=True)
            ],
            "Status": now["status"].map(_word),
        }
    )


def legend_table(register: Register) -> pd.DataFrame:
    """The status legend: status word and what it means (the plan's own words).

    Officers wrote the meanings: personal data in them is redacted for every audience, as in
    the register's text (:func:`register_frame`).
    """
    from pipelines.core.personal_data import redact

    entries = register.legend or [LegendEntry(status=s, meaning=_word(s)) for s in STATUSES]
    return pd.DataFrame(
        {
            "Status": [e.status for e in entries],
            "What it means": [redact(e.meaning) for e in entries],
        }
    )


#: The tracker's sentence for a part of the register that records no status (:func:`unrecorded`).
UNRECORDED = (
    "{label}: {n} on the register at {when}; their statuses and due dates are not recorded, so "
    "none is reported as completed or overdue."
)


def _are(n: int) -> str:
    return "is" if n == 1 else "are"


def findings(
    frame: pd.DataFrame,
    date: str | dt.date,
    previous: str | dt.date | None,
    *,
    illustrative: bool = False,
    pol=None,
) -> list[str]:
    """Sentences for members: how many items are completed, red, overdue and changed.

    Members' recommendations and officers' recommendations and actions are counted apart. When
    the register's statuses are ``illustrative`` (made up) none is published: each part says
    how many items it holds and that their statuses are not recorded (:data:`UNRECORDED`),
    and no change is counted (the ranked findings never use them either:
    :mod:`pipelines.sections.findings`). Under a policy the sentences are
    :class:`~pipelines.core.figures.Sentence` objects (they count items, never people).
    """
    from pipelines.core.figures import sentences

    when = date_text(_date(date))
    out = []
    if illustrative:
        frame = unrecorded(frame)
    for who, label in MADE_BY.items():
        part = made_by(frame, who)
        if part.empty:
            out.append(f"{label}: none on the register at {when}.")
            continue
        now = status_at(part, date)
        if (now["status"] == NOT_RECORDED).all():
            out.append(UNRECORDED.format(label=label, n=len(now), when=when))
            continue
        n = len(now)
        counts = now["status"].value_counts()
        late = overdue(part, date)
        red, blue = int(counts.get("Red", 0)), int(counts.get("Blue", 0))
        violet, grey = int(counts.get("Violet", 0)), int(counts.get("Grey", 0))
        out.append(
            f"{label}: at {when}, {len(late)} of {n} {_are(len(late))} overdue (due earlier and "
            f"not completed) and {red} {_are(red)} rated Red; {blue} {_are(blue)} completed "
            f"(Blue), {violet} {_are(violet)} business as usual (Violet) and {grey} "
            f"{'has' if grey == 1 else 'have'} not started (Grey)."
        )
    if previous is not None and not illustrative:
        moved = changes_since(frame, previous, date)
        out.append(
            f"{len(moved)} item{'' if len(moved) == 1 else 's'} changed status since the meeting "
            f"of {date_text(_date(previous))}."
        )
    return sentences(out, pol)
