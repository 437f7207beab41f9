"""The numbered "Sources and notes" a committee report ends with, and the short notes under tables.

A table or chart in a section notebook carries its full source and period, its disclosure
notes and, in its caption, the assumptions it rests on ("2016/17 pay rates, cash; agency at
£32 an hour, ..."). Printed in full under every table, the same forty words come back again
and again. In the committee report each table and chart instead carries one short line under
it ("Source: i-Trent HR leavers extract (note 5)."), its long notes become stubs with a note
number ("[c] = fewer than 5 people (note 17)."), and the long detail of a caption moves to a
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
#: A bracketed part of a caption of more than this many words (or holding a ";") is detail
#: (assumptions, definitions) for the numbered notes, not a title.
CAPTION_DETAIL_WORDS = 10

_TAG = re.compile(r"<[^>]+>")
#: The count of hidden figures a disclosure note gives for its own table ("(3 figures in this
#: table)"): left out of the shared note, which is about every table.
_IN_THIS_TABLE = re.compile(r"\s*\(\d+ figures? in this table\)")


def _words(text: str) -> int:
    return len(str(text).split())


def _clean(text: str) -> str:
    return " ".join(str(text).split()).strip()


def stub(text: str) -> str:
    """The first clause of a long note, to stand under a table with the note's number.

    "[c] = fewer than 5 people, or a larger figure hidden ..." -> "[c] = fewer than 5
    people"; "Chart drawn from the published figures: values marked ..." -> "Chart drawn
    from the published figures"; "Counts below 5 in this table are shown because ..." ->
    "Counts below 5 in this table are shown". Cut at the first comma, semicolon or colon
    followed by a space, or at "because"; at most :data:`SHORT_WORDS` words.
    """
    first = re.split(r"[,;:]\s|\s+because\s|\.\s", _clean(text), maxsplit=1)[0]
    return " ".join(first.rstrip(".").split()[:SHORT_WORDS])


class SourceNotes:
    """A document's numbered notes: sources (with the periods each is used for) and long notes.

    Each text is numbered once, in the order first cited (:meth:`cite`, :meth:`note`).
    """

    def __init__(self) -> None:
        self._texts: list[str] = []
        self._periods: dict[int, list[str]] = {}

    @property
    def notes(self) -> list[str]:
        """The notes as printed: a source is followed by the periods it is cited for.

        "HR extract. Period: 2015/16."; a source cited for several periods, "HR staff in
        post at 30 July 2016. Periods: 2015/16; 30 July 2016 to 30 June 2018."
        """
        out = []
        for i, text in enumerate(self._texts):
            periods = self._periods.get(i, [])
            if periods:
                label = "Period" if len(periods) == 1 else "Periods"
                text = f"{text} {label}: {'; '.join(periods)}."
            out.append(text)
        return out

    def _number(self, text: str) -> int:
        if text not in self._texts:
            self._texts.append(text)
        return self._texts.index(text) + 1

    def cite(self, source: str | None, period: str | None) -> int | None:
        """The number of the note for ``source`` (added when new), or None.

        A source is one note whatever the period (the note lists each period cited with
        it); a period without a source is a note of its own. None when neither is given.
        """
        source = _clean(source or "").rstrip(".")
        period = _clean(period or "").rstrip(".")
        if not source and not period:
            return None
        if not source:
            return self._number(f"Period: {period}.")
        n = self._number(f"{source}.")
        if period and period not in self._periods.setdefault(n - 1, []):
            self._periods[n - 1].append(period)
        return n

    def note(self, text: str) -> int:
        """The number of a long note (a disclosure note, a caption's detail), added when new."""
        text = _clean(text)
        return self._number(text if text.endswith(".") else text + ".")

    # --- one table or chart -------------------------------------------------------------

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
        rest = (plain[: found.start()] + plain[found.end() :]).strip()
        return html.escape(f"{rest} (note {n})", quote=False)

    def short_source_line(self, output: Mapping) -> Mapping:
        """A table or chart output as the report prints it: short notes, detail numbered.

        - its source line "Source: i-Trent HR leavers extract (qualified social workers ...
          up to Team Manager); Establishment, ... Period: 1 September 2015 to 31 August
          2016." becomes "Source: i-Trent HR leavers extract (note 3)." (the source up to its
          first bracket, semicolon, colon, comma or full stop); note 3 is the full source with
          its periods;
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
        # The caption of the table, or the title of the chart (not the chart data's caption,
        # which is folded away).
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
            n = self.note(_IN_THIS_TABLE.sub("", plain))
            return f"{m.group(1)}{html.escape(f'{stub(plain)} (note {n}).')}</p>"

        new = re.sub(r'(<p class="ep-disclosure">)(.*?)</p>', disclosure, new, flags=re.S)
        source = str(meta.get("source") or "").strip()
        if source and 'class="ep-source"' in new:
            number = self.cite(source, meta.get("period"))
            short = re.split(r"\s*[(;:,]|\.\s", source, maxsplit=1)[0].strip().rstrip(".")
            line = f'<p class="ep-source">{html.escape(f"Source: {short} (note {number}).")}</p>'
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
