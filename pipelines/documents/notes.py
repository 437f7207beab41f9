"""The numbered "Sources and notes" a committee report ends with, and the short notes under tables.

A table or chart in a section notebook carries its full sources and period, its disclosure
notes and, in its caption, the assumptions it rests on ("2016/17 pay rates, cash; agency at
£32 an hour, ..."). Printed in full under every table, the same forty words come back again
and again. In the committee report each table and chart instead carries one short line under
it ("Source: i-Trent HR leavers extract (note 5)."), its long notes become stubs with a note
number ("[c] = hidden: fewer than 5 people, or hidden so that a small number cannot be worked
out (note 17)."), and the long detail of a caption moves to a
note ("Extra cost a year of the agency practitioners in post (note 19)"). The full texts are
printed once, in the numbered list at the end of the report (:func:`sources_section`).

:class:`SourceNotes` numbers them in the order first cited, each text once: a source once
whatever the periods it is used for (the note lists them), a long note once whatever the
table.
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Mapping

from pipelines.documents import blocks
from pipelines.documents.pack import Section

#: A note printed under a table or chart of more than this many words goes to the numbered
#: notes, leaving a stub: longer sentences are the ones a reader notices printed twice.
SHORT_WORDS = 12
#: A bracketed part of a caption of more than this many words (or holding a ";", a list of
#: assumptions) is detail for the numbered notes, not a title. A shorter qualification ("while
#: at least 5 people of a group are still followed") stays: alone in a note it says nothing.
CAPTION_DETAIL_WORDS = 15

#: Words a period may open with that take a small letter inside the line ("January" keeps its).
_SMALL_FIRST = {"At", "As", "From", "Up", "Until", "Between", "In", "On", "For", "To", "Over"}

_TAG = re.compile(r"<[^>]+>")
#: The count of hidden figures a disclosure note gives for its own table ("(3 figures in this
#: table)"): left out of the shared note, which is about every table.
_IN_THIS_TABLE = re.compile(r"\s*\(\d+ figures? in this table\)")


def as_printed(note: str) -> str:
    """A disclosure note as the report prints it: without "(2 figures in this table)"."""
    return _IN_THIS_TABLE.sub("", str(note))


def _words(text: str) -> int:
    return len(str(text).split())


def _clean(text: str) -> str:
    return " ".join(str(text).split()).strip()


def _capital(text: str) -> str:
    """A note's first letter a capital, unless its first word has one ("i-Trent", "iPad")."""
    first = text.split()[0] if text.split() else ""
    return text if first.lower() != first else text[:1].upper() + text[1:]


def stub(text: str) -> str:
    """The first clause of a long note, to stand under a table with the note's number.

    "[c] = hidden: fewer than 5 people, or hidden so that a small number cannot be worked out
    (2 figures in this table); ..." -> "[c] = hidden: fewer than 5 people, or hidden so that a
    small number cannot be worked out" (a "[c] =" note is cut only at its first "; " or full
    stop, so the line under the table says what the marks mean); "Chart drawn from the
    published figures: values marked ..." -> "Chart drawn from the published figures";
    "Counts below 5 in this table are shown because ..." ->
    "Counts below 5 in this table are shown". Cut at the first comma, semicolon or colon
    followed by a space, or at "because"; at most :data:`SHORT_WORDS` words.
    """
    text = _clean(text)
    if text.startswith("[c] = "):  # what the marks mean, whole: never cut to "fewer than 5"
        first = re.split(r";\s|\.\s", _IN_THIS_TABLE.sub("", text), maxsplit=1)[0]
        return first.rstrip(".")
    first = re.split(r"[,;:]\s|\s+because\s|\.\s", text, maxsplit=1)[0]
    return " ".join(first.rstrip(".").split()[:SHORT_WORDS])


def split_sources(source: str) -> list[str]:
    """A source text's separate sources: "A (x; y); B" -> ["A (x; y)", "B"].

    Split at semicolons outside brackets; each part without its closing full stop.
    """
    parts, depth, current = [], 0, ""
    for ch in str(source or ""):
        depth += ch == "("
        depth -= ch == ")"
        if ch == ";" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return [p for p in (_clean(x).rstrip(".") for x in parts) if p]


def short_name(source: str) -> str:
    """A source's name as a table's note gives it: up to its first bracket, comma or colon.

    "i-Trent HR leavers extract (qualified social workers ...)" -> "i-Trent HR leavers
    extract"; "Recruitment system export, applications ..." -> "Recruitment system export";
    a part labelled in small letters is named by what follows the label ("targets: Item 6
    report, paras 38 ..." -> "Item 6 report").
    """
    text = _clean(source)
    labelled = re.match(r"^[a-z][a-z ]{0,30}:\s+(\S.*)$", text)  # "targets: Item 6 report, ..."
    text = labelled.group(1) if labelled else text
    return re.split(r"\s*[(;:,]|\.\s", text, maxsplit=1)[0].strip().rstrip(".")


class SourceNotes:
    """A document's numbered notes: each source once, and each long note once.

    Each text is numbered once, in the order first cited (:meth:`cite`, :meth:`note`). A
    table's several sources ("HR workforce snapshot ...; HR pay rates ...") are a note each,
    so a source shared by several tables is printed once.
    """

    def __init__(self) -> None:
        self.notes: list[str] = []

    def _number(self, text: str) -> int:
        if text not in self.notes:
            self.notes.append(text)
        return self.notes.index(text) + 1

    def cite_all(self, source: str | None) -> list[int]:
        """The numbers of the notes of each of ``source``'s sources (added when new)."""
        return [self._number(f"{_capital(part)}.") for part in split_sources(source or "")]

    def cite(self, source: str | None, period: str | None = None) -> int | None:
        """The number of the note of ``source``'s first source, or None without a source.

        ``period`` is not part of the note: the finding or table that cites it says its own
        period. See :meth:`cite_all` for every source of a table.
        """
        numbers = self.cite_all(source)
        return numbers[0] if numbers else None

    def note(self, text: str) -> int:
        """The number of a long note (a disclosure note, a caption's detail), added when new."""
        text = _clean(text)
        return self._number(text if text.endswith(".") else text + ".")

    # --- one table or chart -------------------------------------------------------------

    def source_line(self, source: str, period: str | None) -> str:
        """The one short line under a table: its sources' names, its period, the notes.

        "Source: i-Trent HR leavers extract, 1 September 2015 to 31 August 2016 (note 2)."
        A table of several sources names each ("Source: HR workforce snapshot at 30 July 2016
        and HR pay rates for costing, at 30 July 2016 (notes 1 and 2)."), never "and 1 other
        source". The period is always given, unless a source's name already gives it. The
        sources are named in the order of their notes' numbers, which read up.
        """
        parts = split_sources(source)
        # Named in the order of their notes, so the numbers read up (a source an earlier table
        # cited, note 4, before those first cited here, notes 7 to 10), never "notes 7, 8, 4".
        cited = sorted(zip(self.cite_all(source), parts, strict=True), key=lambda np: np[0])
        numbers = list(dict.fromkeys(n for n, _ in cited))
        names = blocks.and_list(dict.fromkeys(short_name(p) for _, p in cited))
        when = _clean(period or "").rstrip(".")
        # left out only when the name printed gives it: "Recruitment system export,
        # applications 1 October 2016 to ..." prints as "Recruitment system export"
        if when and when.lower().removeprefix("at ") in names.lower():
            when = ""
        first = when.split()[0] if when.split() else ""
        if first in _SMALL_FIRST:  # "At the meeting of 28 Feb 2017", inside the line
            when = first.lower() + when[len(first) :]
        listed = blocks.and_list(str(n) for n in numbers)
        note = f"note{'s' if len(numbers) > 1 else ''} {listed}"
        return f"Source: {names}" + (f", {when}" if when else "") + f" ({note})."

    def _short_caption(self, caption: str) -> str:
        """A caption (HTML-escaped) without its long bracketed detail, which becomes a note."""
        plain = html.unescape(caption)
        found = None
        for m in re.finditer(r"\s*\(([^()]*)\)", plain):
            if _words(m.group(1)) > CAPTION_DETAIL_WORDS or ";" in m.group(1):
                found = m
                break
        if found is None:
            return caption
        detail = found.group(1).strip()
        n = self.note(detail[:1].upper() + detail[1:])
        # the note's number stands where the detail stood, after the words it qualifies
        said = f"{plain[: found.start()].rstrip()} (note {n}){plain[found.end() :]}".strip()
        return html.escape(said, quote=False)

    def short_source_line(self, output: Mapping) -> Mapping:
        """A table or chart output as the report prints it: short notes, detail numbered.

        - its source line "Source: i-Trent HR leavers extract (qualified social workers ...
          up to Team Manager); Establishment, ... Period: 1 September 2015 to 31 August
          2016." becomes "Source: i-Trent HR leavers extract and 1 other source, 1 September
          2015 to 31 August 2016 (notes 3 and 4)." (:meth:`source_line`); notes 3 and 4 are
          the full sources;
        - each disclosure note of more than :data:`SHORT_WORDS` words becomes its first
          clause with its note's number (:func:`stub`), the full text a note;
        - a caption's bracketed detail of more than :data:`CAPTION_DETAIL_WORDS` words
          becomes a note, referred to from the caption.

        An output without these is returned as it is; the output given is never changed.
        """
        meta = blocks.meta(output)
        text = str((output.get("data") or {}).get("text/html", ""))
        if not text:
            return output
        new = text
        # The caption of the table, or the title of the chart (not the caption of the chart's
        # data table, which follows it).
        new = re.sub(
            r'(<caption>|<figcaption class="ep-chart-title">)(.*?)(</caption>|</figcaption>)',
            lambda m: m.group(1) + self._short_caption(m.group(2)) + m.group(3),
            new,
            count=1,
            flags=re.S,
        )

        def disclosure(m: re.Match) -> str:
            plain = _clean(html.unescape(_TAG.sub(" ", m.group(2))))
            if _words(plain) <= SHORT_WORDS:
                return m.group()
            n = self.note(as_printed(plain))
            return f"{m.group(1)}{html.escape(f'{stub(plain)} (note {n}).')}</p>"

        new = re.sub(r'(<p class="ep-disclosure">)(.*?)</p>', disclosure, new, flags=re.S)
        source = str(meta.get("source") or "").strip()
        if source and 'class="ep-source"' in new:
            said = self.source_line(source, meta.get("period"))
            line = f'<p class="ep-source">{html.escape(said)}</p>'
            new = re.sub(r'<p class="ep-source">.*?</p>', lambda _m: line, new, flags=re.S)
        if new == text:
            return output
        out = copy.deepcopy(output)
        out["data"]["text/html"] = new
        return out


def sources_section(notes: SourceNotes, heading: str) -> Section | None:
    """The numbered list of the sources and notes the document cites, or None without any."""
    if not notes.notes:
        return None
    return Section(
        "r93_sources",
        blocks.notebook(
            blocks.md(
                f"# {heading}\nThe full sources of the key findings and of the tables and "
                "charts, and the longer notes on them, by the number each gives.\n\n"
                + blocks.numbered(notes.notes)
            )
        ),
    )
