"""The key findings of a committee report as printed (:mod:`pipelines.documents.report`).

Each key finding's sentence with where its evidence is printed and its sources' numbers
(:func:`_key_item`), the mark of one whose figure an earlier report first stated
(:func:`unchanged_mark`), the line above a chapter's table naming the key findings drawn from
it (:func:`_key_referral`, :func:`key_pointers`) and the sentence over the key findings
(:func:`key_findings_intro`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from pipelines.core.outputs import slug
from pipelines.documents import blocks
from pipelines.documents.notes import SourceNotes


def unchanged_mark(finding, unchanged: Mapping) -> str:
    """The sentence marking a key finding whose figure an earlier report first stated.

    "Unchanged since the report to the meeting of Wednesday 21 September 2016." (``unchanged``:
    figure key -> that report, :attr:`pipelines.documents.unchanged.Since.figures`); '' for a
    finding whose figure is new or changed.
    """
    earlier = unchanged.get(getattr(finding, "key", None))
    return f"Unchanged since {earlier.report}." if earlier is not None else ""


def _key_item(
    finding,
    numbers: Mapping[str, int],
    notes: SourceNotes,
    elsewhere: Mapping[str, str] | None = None,
    mark: str = "",
    shown: Mapping[str, Iterable[str]] | None = None,
    first=None,
) -> str:
    """A key finding as printed: the sentence, then its chapter and its source notes' numbers.

    "See section 5 and source 1.", "See section 8 and sources 1 and 9.": a sentence of its
    own after the finding's full stop, never a bracket group after it (a finding that ends in
    a bracket would otherwise read "...cash). (section 8; ...)"). The sources are in the
    report's numbered sources and notes; the sentence gives its own period. A finding whose
    chapter an earlier report tabled points to where its evidence is printed (``elsewhere``:
    section -> "section 7 of the report to the meeting of ..."), not to the one-line chapter;
    after ``mark`` (:func:`unchanged_mark`) naming that report, "section 7 of that report".
    A finding whose figure names a table its chapter does not print, in a chapter that
    prints tables or charts (``shown``: section -> the names of those it prints), cites its
    sources only: the chapter does not show its figures.

    A finding whose figure an earlier report first stated (``first``: that
    :class:`~pipelines.documents.unchanged.EarlierReport`, whose ``number`` is the finding's
    chapter there) names that one report: "Unchanged since the report to the meeting of
    Wednesday 21 September 2016. See section 8 of that report and source 1." It points to
    that report's chapter only where the chapter prints the finding's table (judged by the
    same section's tables here, whose figures are the same: ``shown``), else cites the
    sources alone; never a second report that printed the chapter again (reader14, 28
    February 2017: "Unchanged since ... 21 September 2016. See section 7 of the report to
    ... 21 December 2016").
    """
    cited = sorted(set(notes.cite_all(finding.source)))  # "sources 1, 3 and 4", in order
    listed = blocks.and_list([str(n) for n in cited]) if cited else ""
    table = getattr(getattr(finding, "figure", None), "table", None)
    printed = {slug(str(t)) for t in (shown or {}).get(finding.section) or ()} - {""}
    hidden = bool(table) and bool(printed) and slug(str(table)) not in printed
    chapter = (elsewhere or {}).get(finding.section) or (
        f"section {numbers[finding.section]}" if finding.section in numbers and not hidden else ""
    )
    if first is not None:  # one report: the one that first stated the figure
        mark = f"Unchanged since {first.report}."
        chapter = "" if hidden else f"section {first.number} of that report"
    about = [
        part
        for part in (
            chapter,
            f"source{'s' if len(cited) > 1 else ''} {listed}" if cited else "",
        )
        if part
    ]
    text = str(finding.text).rstrip()
    text = text if text.endswith((".", "?", "!")) else text + "."
    named = re.match(r"Unchanged since (the report to the meeting of .*)\.$", mark)
    if named and chapter.endswith(f" of {named.group(1)}"):
        about[0] = chapter.replace(named.group(1), "that report")
    text += f" {mark}" if mark else ""
    return text + (f" See {blocks.and_list(about)}." if about else "")


def _key_referral(numbers: Sequence[int], kind: str = "table") -> str:
    """The line just above a table or chart naming the key findings drawn from it.

    "Key finding 1 (section 3) is drawn from the table below." (the finding is stated in full
    in section 3).
    """
    listed = blocks.and_list([str(n) for n in numbers])
    what = "chart" if kind == "chart" else "table"
    if len(numbers) == 1:
        return f"Key finding {listed} (section 3) is drawn from the {what} below."
    return f"Key findings {listed} (section 3) are drawn from the {what} below."


def key_pointers(key: Sequence, numbers: Sequence[int], evidence: Sequence) -> dict[int, list[int]]:
    """Which printed output each of a chapter's key findings points to: output index -> numbers.

    ``numbers`` are the key findings (1-based places in ``key``) that come from the chapter.
    A key finding points to the first table or chart of ``evidence`` that shows its figure
    (the figure's ``table`` is the output's ``name``, compared as slugs); a finding whose figure
    no printed output shows gets no pointer, so a pointer never stands above another figure.
    """
    out: dict[int, list[int]] = {}
    names = [
        slug(str(blocks.meta(o).get("name") or ""))
        if blocks.meta(o).get("kind") in ("table", "chart")
        else ""
        for o in evidence
    ]
    for n in numbers:
        table = getattr(getattr(key[n - 1], "figure", None), "table", None)
        if not table or slug(str(table)) not in names:
            continue
        out.setdefault(names.index(slug(str(table))), []).append(n)
    return out


_COUNT_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}


def key_findings_intro(n: int, whose: str = "the group's", *, unchanged: int = 0) -> str:
    """The sentence over the key findings, saying as many as there are.

    ``whose`` question they answer: "the group's", or in a report to another body "the task
    and finish group's" (:attr:`pipelines.documents.texts.BodyWords.whose`). ``unchanged``:
    how many of them, after the ``n`` whose figures are new or changed, have figures an
    earlier report first stated, each marked with that report (a later meeting's report).
    """
    total = n + unchanged
    if total == 0:
        return "The evidence gives no finding set against a comparator or a target."
    if total == 1:
        said = f"The finding that matters most for {whose} question"
    else:
        said = (
            f"The {_COUNT_WORDS.get(total, str(total))} findings that matter most for {whose} "
            "question"
        )
    if not unchanged:
        return said + ("." if total == 1 else ", most important first.")
    if not n:
        return said + (
            ". Its figure is unchanged since an earlier report, which it names."
            if total == 1
            else ", most important first. Their figures are unchanged since an earlier "
            "report, which each names."
        )
    new = (
        "the one whose figure is"
        if n == 1
        else f"the {_COUNT_WORDS.get(n, str(n))} whose figures are"
    )
    old = (
        "the one whose figure is"
        if unchanged == 1
        else f"the {_COUNT_WORDS.get(unchanged, str(unchanged))} whose figures are"
    )
    return (
        f"{said}: first {new} new or changed since the last report, then {old} unchanged "
        "since an earlier report, which each names."
    )
