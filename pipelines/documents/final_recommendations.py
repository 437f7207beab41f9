"""The final report's recommendations: whose they are, who acts and when each reports back.

Split from :mod:`pipelines.documents.final`, which prints them: the line over them, worded
for the body the report goes to (:func:`recommendations_intro`), each recommendation's items
on the review's register (:func:`register_items`) and each as printed, with who acts and its
report-back (:func:`addressed_text`).
"""

from __future__ import annotations

import re

from pipelines.documents import blocks


def _sentence(text: str) -> str:
    """``text`` ending as a sentence does (a full stop added when it has none)."""
    text = str(text).rstrip()
    return text if text.endswith((".", "?", "!", ":")) else text + "."


def recommendations_intro(cfg) -> str:
    """The line over the final report's recommendations, worded for the body it goes to.

    To the group itself (the final report's meeting has ``body: group``): "The group
    recommends:". To another body (:data:`pipelines.documents.texts.BODY_WORDS`: a Board, a
    Cabinet Member), the recommendations are the group's, as agreed by the last Board before
    the meeting when there is one: "The Cabinet Member is asked to consider the
    recommendations the <Board> agreed at its meeting of <date>, in which the Board is
    recommended to:", as the council's own report to the Cabinet Member puts them. The Board
    is who acts on each, so its words ("Write to the Cabinet Member ...") read as the Board's
    in a report addressed to that Cabinet Member (reader12: "each for the Board itself unless
    it names another" read "Write to the Cabinet Member" as put to the Cabinet Member, whom
    it names); only one for another to act on says who (:func:`addressed_text`).
    """
    from pipelines.documents.pack import format_meeting_date
    from pipelines.documents.texts import BODY_WORDS

    fr = cfg.final_report
    final = next((m for m in cfg.meetings if m.date == fr.meeting), None)
    body = getattr(final, "body", "group")
    if body == "group" or body not in BODY_WORDS:
        return "The group recommends:"
    asked = BODY_WORDS[body].asked
    boards = [m for m in cfg.meetings if m.date and m.date < fr.meeting and m.body == "board"]
    if not boards:
        return f"{asked} to consider the task and finish group's recommendations:"
    board = boards[-1]
    name = board.label if board.label.lower().startswith("the ") else f"the {board.label}"
    return (
        f"{asked} to consider the recommendations {name} agreed at its meeting of "
        f"{format_meeting_date(board.date)}, in which the Board is recommended to:"
    )


def agreeing_body(cfg) -> str | None:
    """The Board whose agreed recommendations the final report puts (:func:`recommendations_intro`).

    None when the final report goes to the group itself or no Board met before it.
    """
    fr = cfg.final_report
    final = next((m for m in cfg.meetings if m.date == fr.meeting), None)
    if getattr(final, "body", "group") == "group":
        return None
    boards = [m for m in cfg.meetings if m.date and m.date < fr.meeting and m.body == "board"]
    return boards[-1].label if boards else None


def _is_body(to: str, body: str | None) -> bool:
    """Whether a recommendation is addressed to ``body`` (its "To:" names it first).

    The intro says whose the recommendations are, so "To: the Board" under each of the
    Board's own recommendations says it again; one to a director keeps its "To:".
    """
    if not body or not to:
        return False
    name = re.sub(r"^the\s+", "", body.strip(), flags=re.IGNORECASE).casefold()
    return re.sub(r"^the\s+", "", to.strip(), flags=re.IGNORECASE).casefold().startswith(name)


def register_items(cfg) -> list[list]:
    """For each recommendation of the final report, its items on the review's register.

    The register (``tracker``: items ``made_by: members``, a recommendation in parts as its
    parts) lists the same recommendations in the same order
    (:func:`pipelines.documents.register_check.check_one_register`); [] for each without a
    register. A register marked ``illustrative`` (made-up statuses and due dates, as a
    demonstration's) gives its items without their due dates, so a made-up date reaches no
    document (reader12: "Report back to the Board by March 2019" from the demonstration's
    register, where the review records "every year"); only a due date whose month the
    recommendation's own ``report_back`` names, as the council's papers give it (not marked
    as a demonstration's example), is kept.
    """
    from pipelines.sections.tracker.analysis import (
        load_register,
        members_recommendations,
        register_path,
    )

    recs = cfg.final_report.recommendations
    if not cfg.tracker or not register_path(cfg).exists():
        return [[] for _ in recs]
    register = load_register(register_path(cfg))
    members = [i for i in register.items if i.made_by == "members"]
    keys = members_recommendations(register)
    parts = [[i for i in members if i.recommendation == k] for k in keys]
    if register.illustrative:
        parts = [
            [
                i if _recorded(i.due, rec.report_back) else i.model_copy(update={"due": None})
                for i in items
            ]  # fmt: skip
            for items, rec in zip(parts, recs, strict=False)
        ]
    return [*parts, *[[] for _ in recs]][: len(recs)]


def _recorded(due, report_back: str | None) -> bool:
    """Whether an illustrative register's ``due`` date is one the review records.

    True when the recommendation's ``report_back`` in the review config names the same month
    and year ("September 2018") and is not a demonstration's example ("(demo)").
    """
    from pipelines.documents.final import _DEMO_REMARKS
    from pipelines.documents.register_check import _report_back_month

    if due is None or not report_back or any(p.search(report_back) for p, _ in _DEMO_REMARKS):
        return False
    return _report_back_month(report_back) == (due.year, due.month)


#: A recommendation's first word that is not a verb: it cannot follow "<who> to".
_NOT_A_VERB = re.compile(
    r"(?i)(?:the|a|an|that|this|these|those|all|each|every|members?|officers?|it|we)\b"
)


def _owner_names(owner: str) -> list[str]:
    """An owner's names: "Head of HR and People Corporate Director" is two, each of 2+ words.

    "Service Director, Children and Families Social Work" is one (a name with a comma in it).
    """
    if "," in owner:  # "Service Director, Children and Families Social Work": one name
        return [owner]
    pieces = [p.strip() for p in re.split(r"\s+and\s+", owner.strip())]
    return pieces if len(pieces) > 1 and all(len(p.split()) >= 2 for p in pieces) else [owner]


def _bare(name: str) -> str:
    return re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).casefold()


def addressed_text(rec, items, body: str | None, back_to: str | None, roles=None) -> str:
    """A recommendation as the final report prints it: who acts, and when it reports back.

    Who acts comes from the register only (its items' owners, published as roles), once, in
    plain words: "The Head of HR to put a process in place ..." (after a first word that is not
    a verb: "... For the Head of HR."). Left out for the agreeing Board's own recommendations
    (``body``: the intro says whose they are) and for a name the recommendation's own words
    already give ("(i) The Director of Children's Services ensure ..."). The report-back is the
    register's due date (the earliest of the parts'), said to ``back_to``: "Report back to the
    Board by September 2018."; without the date when the recommendation's words give it ("...
    in September 2018"), so it is said once; left out without a due date or a body to report to.
    """
    from pipelines.sections.tracker.analysis import public_owner

    text = _sentence(rec.text)
    who: list[str] = []
    if not _is_body(rec.to, body):
        for item in items:
            owner, cut = public_owner(item.owner, roles)
            if cut or not item.owner:
                continue  # a name or initials taken out: whom is not for the public report
            for name in _owner_names(owner):
                named = f"the {name}" if not re.match(r"(?i)the\s", name) else name
                if _is_body(name, body) or _bare(name) in text.casefold() or named in who:
                    continue
                who.append(named)
    if who:
        names = blocks.and_list(who)
        first = text.split()[0]
        if _NOT_A_VERB.fullmatch(first) or not first[:1].isupper():
            text += f" For {names}."
        else:
            verb = first[:1].lower() + first[1:] if first[1:].islower() else first
            comma = "," if "," in names else ""
            text = f"{names[:1].upper()}{names[1:]}{comma} to {verb}{text[len(first) :]}"
    dues = [i.due for i in items if i.due is not None]
    if dues and back_to:
        when = f"{min(dues):%B %Y}"
        # the date once: a recommendation that names it already ("in September 2018") keeps it
        said = re.search(rf"\b{when}\b", text)
        text += f" Report back to {back_to}" + ("." if said else f" by {when}.")
    return text


def printed_recommendations(cfg, fr=None) -> list[tuple[object, str, bool, bool]]:
    """Each recommendation of the final report as it prints: (rec, text, owner, dated).

    ``text``: :func:`addressed_text` with the register's items (the agreeing Board's own
    recommendations name no owner; the report-back goes to the Board, else to the final
    report's decision-maker); ``owner``: whether the text names who acts from the register;
    ``dated``: whether it prints a report-back date. A recommendation to write to the
    decision-maker the report is addressed to says the report does so. ``fr``: the final
    report block as printed
    (:func:`pipelines.documents.final.undemo_final`), else the review's.
    """
    fr = fr if fr is not None else cfg.final_report
    body = agreeing_body(cfg)
    back_to = "the Board" if body else fr.decision_maker
    # the decision-maker this report goes to, by office: "Cabinet Member for Children and ..."
    office = re.sub(r"(?i)^the\s+", "", str(fr.decision_maker or "").split(",")[0].strip())
    out = []
    for rec, items in zip(fr.recommendations, register_items(cfg), strict=True):
        text = addressed_text(rec, items, body, back_to, cfg.owner_roles)
        ownerless = [i.model_copy(update={"owner": None}) for i in items]
        owner = text != addressed_text(rec, ownerless, body, back_to, cfg.owner_roles)
        # the office in full: "the Cabinet" is not "the Cabinet Member ..."
        to_office = rf"(?i:write to (?:the )?){re.escape(office)}\b(?!\s+[A-Z])"
        if office and re.match(to_office, rec.text.strip()):
            # reader14: "Write to the Cabinet Member ..." in a report to that Cabinet Member
            text += f" This report, addressed to the {office}, does so."
        dated = bool(back_to) and any(i.due is not None for i in items)
        dated = dated and not re.search(
            rf"\b{min(i.due for i in items if i.due):%B %Y}\b", rec.text
        )
        out.append((rec, text, owner, dated))
    return out
