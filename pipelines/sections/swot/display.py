"""How the SWOT is shown: the grid, the evidence list and their public forms.

Split from :mod:`pipelines.sections.swot.analysis` (which makes the entries): these functions
take the entries of the section's result and write them under the run's disclosure policy at
display time (a figure that would give a small count away reads "[c]"; counts of people are
written as the policy lets them be).
"""

from __future__ import annotations

import re

import pandas as pd

from pipelines.core import disclosure
from pipelines.core.figures import Kind, Sentence
from pipelines.sections.indicators import value_text
from pipelines.sections.swot.analysis import (
    EXTERNAL,
    SINGULAR,
)


def section_titles() -> dict[str, str]:
    """Section (notebook) name -> its title, from the section registry (the notebook's heading)."""
    from pipelines.core import registry

    return {nb: spec.title for nb, spec in registry.discover().items()}


def evidence_table(entries: pd.DataFrame, pol=None) -> pd.DataFrame:
    """The list view for members: each entry with its figure, comparator, source, period, section.

    Columns "Ref", "Entry", "Figure", "Compared with", "Source and period", "Where in the pack"
    (the section's title, or "External evidence"). The reference letter gives the quadrant.
    Counts of people are written under ``pol`` (:func:`public_entries`).
    """
    titles = section_titles()
    entries = public_entries(entries, pol)
    return pd.DataFrame(
        {
            "Ref": entries["ref"],
            "Entry": entries["text"],
            "Figure": entries["figure"],
            "Compared with": entries["compared_with"].replace("", "–"),
            "Source and period": [
                f"{s.rstrip('.')}. Period: {p.rstrip('.')}."
                for s, p in zip(entries["source"], entries["period"], strict=True)
            ],
            "Where in the pack": [
                ("External evidence" if s == EXTERNAL else f"Section: {titles.get(s, s)}")
                for s in entries["section"]
            ],
        }
    )


def grid_data(entries: pd.DataFrame, pol=None) -> pd.DataFrame:
    """The data behind the grid, written to ``tables/<section>__swot_grid.csv`` by the build.

    Counts of people are written under ``pol`` (:func:`public_entries`: a small one has no
    Value and its Figure reads "fewer than 5 people").

    Columns "Ref", "Quadrant", "Entry", "Figure", "Value", "Indicator", "Section", "Table"
    (where the section shows the figure), "Source", "Period", "Origin".
    """
    entries = public_entries(entries, pol)
    return pd.DataFrame(
        {
            "Ref": entries["ref"],
            "Quadrant": entries["quadrant"],
            "Entry": entries["text"],
            "Figure": entries["figure"],
            "Value": entries["value"],
            "Indicator": entries["indicator"],
            "Section": entries["section"],
            "Table": entries["table"],
            "Source": entries["source"],
            "Period": entries["period"],
            "Origin": entries["origin"],
        }
    )


#: The columns of the grid's data a public document's CSV holds: what the grid prints, with
#: the chapter that shows each figure by its title (no figure keys, rule ids, table names or
#: unrounded values).
PUBLIC_GRID_COLUMNS = [
    "Ref",
    "Quadrant",
    "Entry",
    "Figure",
    "Where in the pack",
    "Source",
    "Period",
]


def grid_csv(entries: pd.DataFrame, pol=None) -> pd.DataFrame:
    """The grid's data as the run's CSV holds it (``tables/<section>__swot_grid.csv``).

    Under a public policy, the columns :data:`PUBLIC_GRID_COLUMNS` of :func:`grid_data`: the
    figure as printed ("23.2%", "[c]", "fewer than 5 people"), and "Where in the pack" the
    section's title ("External evidence" for officers' evidence); the figure's key, the
    section's and table's internal names, the rule or officers' entry id and the unrounded
    value are left to the analysts' (exempt and annex) CSV, which is :func:`grid_data`.
    """
    data = grid_data(entries, pol)
    if not getattr(pol, "public", False):
        return data
    titles = section_titles()
    where = [
        "External evidence" if s == EXTERNAL else titles.get(str(s), str(s))
        for s in data["Section"]
    ]
    return data.assign(**{"Where in the pack": where})[PUBLIC_GRID_COLUMNS]


#: The grid's period when its entries cover more than one: each entry gives its own.
OWN_PERIODS = "each entry's period as given with it"


def grid_period(entries: pd.DataFrame) -> str:
    """The period the grid's and the evidence list's source line gives.

    The period every entry shares, else :data:`OWN_PERIODS`: the entries cite figures of
    different periods (a locum survey of November 2015, a report's figure at 21 September
    2016), so no one period, such as the review's, is the period of every figure.
    """
    periods = {" ".join(str(p or "").split()) for p in entries.get("period", [])} - {""}
    return periods.pop() if len(periods) == 1 else OWN_PERIODS


def grid_sources(entries: pd.DataFrame) -> str:
    """The grid's and the evidence list's source: the documents its entries name, each once.

    "Guidant locum survey, November 2015; Agenda item 6 report, 21 September 2016; ...":
    each entry's source without what it adds to name its place in the document (a paragraph,
    an appendix after a semicolon), which the entry gives with it. So the note a report numbers
    for the grid names the sources, never "the source named in each entry" (reader14).
    """
    named = []
    for source in entries.get("source", []):
        first = re.split(r";(?![^()]*\))", " ".join(str(source or "").split()))[0].rstrip(". ")
        named.append(re.sub(r",\s*(?:paragraphs?|paras?)\s+\d[\w ,-]*$", "", first).strip())
    return (
        "; ".join(dict.fromkeys(n for n in named if n)) or "The SWOT entries (none names a source)"
    )


def _people_unit(unit: object) -> bool:
    return str(unit) in (Kind.PEOPLE.unit, Kind.FORMS.unit)


def _entry_kind(row: pd.Series) -> Kind | None:
    """The kind of an entry's figure (from the indicator; people units for older frames)."""
    kind = row.get("kind")
    if isinstance(kind, str) and kind:
        return Kind(kind)
    return Kind.PEOPLE if _people_unit(row.get("unit")) else None


#: Said of a figure the public grid withholds: why, in plain words (never "[c]" alone).
WITHHELD = "not published, as it would show a small number"


def _withheld_figure(row: pd.Series, kind: Kind, t: int) -> str:
    """The words that stand for a figure that would give away a small count of people.

    The public grid states its evidence in words a reader can take as they are, never a
    suppression mark that sends them to the exempt appendix:

    - a count of people with a published whole (``t`` or more): a small part reads "fewer
      than 5 of the 13 people"; a small rest "most of the 13 people; fewer than 5 did not"
      (the count is 9 or more: said as what is hidden, never "more than 8", which reads as a
      figure); a whole under twice ``t`` as :func:`pipelines.core.figures.share_words`;
    - a count without a published whole: "fewer than 5 people";
    - a percentage of people with a published base: the count it stands for, said as above
      (30.8% of 13 is 4: "fewer than 5 of the 13 people"; reader14: "a share of the 13 people,
      not published" gave no figure); any other figure: "not published, as it would show a
      small number".
    """
    v, d = row["value"], row.get("denominator")
    whole = int(round(d)) if d is not None and not pd.isna(d) and d >= t else None
    share = kind is Kind.PERCENT_OF_PEOPLE and whole is not None
    if kind.counts_people or share:
        # a share of people is the count it stands for (30.8% of 13 is 4): said as a count
        unit = "people" if share else str(row.get("unit") or "people")
        if whole is None:
            return f"fewer than {t} {unit}"
        part = int(round(v * whole / 100)) if share else int(round(v))
        if whole >= 2 * t and 0 < whole - part < t:
            return f"most of the {whole:,} {unit}; fewer than {t} did not"
        return f"{disclosure._share_words(part, whole, t)} {unit}"
    return WITHHELD


def public_entries(entries: pd.DataFrame, pol=None) -> pd.DataFrame:
    """The entries as a run under ``pol`` may show them (unchanged without a policy).

    Under any policy, every text officers wrote (entry text, and the figure, source and period
    of external evidence) and every rule sentence is redacted of personal data
    (:func:`pipelines.core.disclosure.redact`, on normalised text).

    Under a public policy, in addition:

    - a figure from the pack that would give away a count of people from 1 to threshold − 1
      (:func:`pipelines.core.disclosure.figure_is_disclosive`: a small count, a count whose
      rest of a published whole is small, "11 of 13 would return"; a percentage of people whose
      numerator, rest or base is small, "30.8%" of 13 forms) is withheld in its figure, in its
      value and wherever the entry's text repeats it: a count reads "most of the 13 people",
      anything else "[c]";
    - counts of people in officers' own words (their entries, their evidence and the rules'
      sentences from ``config/swot/``), in digits or words ("Four newly qualified social
      workers ...", "60 of 61 answered") are written as the public pack writes them
      (:func:`pipelines.core.disclosure.protect_counts`).

    Percentages, cases, scores and the officers' figures that give away no small count stay as
    written.
    """
    out = entries.copy()
    if pol is None:
        return out
    for column in ("text", "figure", "source", "period", "compared_with"):
        if column in out.columns:
            out[column] = [disclosure.redact(str(v)) for v in out[column]]
    if not getattr(pol, "public", False):
        return out
    t = pol.threshold
    if "value" in out.columns:
        out["value"] = out["value"].astype(object)
    for i, r in out.iterrows():
        # Officers wrote every entry's words: their own entries and the rules' templates.
        out.at[i, "text"] = disclosure.protect_counts(str(out.at[i, "text"]), t)
        if str(r.get("origin", "")).startswith("Officers"):
            if not r.get("indicator"):
                for column in ("figure", "source", "period"):
                    out.at[i, column] = disclosure.protect_counts(str(out.at[i, column]), t)
        v = r.get("value")
        kind = _entry_kind(r)
        if kind is None or v is None or pd.isna(v):
            continue
        if not disclosure.figure_is_disclosive(
            kind, float(v), r.get("numerator"), r.get("denominator"), t
        ):
            continue
        written = value_text(v, str(r["unit"]))
        withheld = _withheld_figure(r, kind, t)
        out.at[i, "text"] = str(out.at[i, "text"]).replace(written, withheld)
        out.at[i, "figure"] = str(out.at[i, "figure"]).replace(written, withheld)
        out.at[i, "value"] = disclosure.SUPPRESSED
    return out


def _sentences(texts, pol) -> list:
    return [Sentence(t) for t in texts] if pol is not None else list(texts)


def grid_items(entries: pd.DataFrame, pol=None) -> pd.DataFrame:
    """The grid's items for :meth:`pipelines.core.presentation.Page.show_grid`.

    Each entry's text ends with the evidence it rests on (:func:`citation`), so the grid
    members read cites the figure, period and source behind every entry. Under a policy the
    texts are
    :class:`~pipelines.core.figures.Sentence` objects written by :func:`public_entries`:
    disclosure control then rewrites none of their numbers (a "1 = very satisfied" or
    "Appendix 1" is not a count of people).

    Returns
    -------
    pandas.DataFrame
        Columns ref (S1...), cell (the quadrant, one of :data:`GRID_ROWS`' cells) and text, in
        the entries' order.

    """
    entries = public_entries(entries, pol)
    titles = section_titles()
    texts = [f"{_sentence(r['text'])} {citation(r, titles)}" for _, r in entries.iterrows()]
    return pd.DataFrame(
        {
            "ref": list(entries["ref"]),
            "cell": list(entries["quadrant"]),
            "text": _sentences(texts, pol),
        }
    )


def _sentence(text: object) -> str:
    """An entry's text as a sentence: ending with a full stop (or its own ! or ?)."""
    text = " ".join(str(text or "").split())
    return text if text.endswith((".", "!", "?")) else f"{text}."


#: Words a period may start with that read in lower case after "period:".
_PREPOSITIONS = {"At", "In", "From", "Between", "During", "Since", "By", "Up", "To", "As"}


#: Words that say when: a part of a period holding none of them (nor a digit) is a name.
_WHEN = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:spring|summer|"
    r"autumn|winter|year|years|quarter|month|months|week|weeks|today|now|annual|ongoing)\b",
    re.IGNORECASE,
)


def split_period(period: str) -> tuple[str, str]:
    """An officer's period as (when, name): a part that names a thing, not a time, moves out.

    "Permanent staff survey, early 2016" -> ("early 2016", "Permanent staff survey"): the
    survey's name belongs with the source, not in the period slot. A period with no such part,
    or with nothing but names, or with a bracket, is returned as it is, with no name.
    """
    if re.search(r"[()]", str(period or "")):  # a bracket is never split from its pair
        return str(period or ""), ""
    parts = [p.strip() for p in str(period or "").split(",") if p.strip()]
    names = [p for p in parts if not _WHEN.search(p)]
    times = [p for p in parts if _WHEN.search(p)]
    if not names or not times:
        return str(period or ""), ""
    return ", ".join(times), ", ".join(names)


def _clause(text: object) -> str:
    """``text`` as a clause of a citation: one line, no full stop at the end."""
    return " ".join(str(text or "").split()).strip().rstrip(".;, ")


def citation(entry: pd.Series, titles: dict[str, str]) -> str:
    """The evidence an entry rests on, in plain words after it in the grid (no brackets).

    An entry from the pack's figures cites its figure, the period the figure covers, the
    section that shows it and the figure's source: "Evidence: 23.2%; period: 1 September 2015
    to 31 August 2016; section “Leavers and exit interviews”; source: HR leavers extract."
    The committee report rewrites the section as the chapter that prints the figure ("section
    5, “Leavers”", the source then left to the chapter's note) or, when no chapter prints it,
    leaves the figure with its period and source
    (:func:`pipelines.documents.report.cite_printed_chapters`). Officers' external evidence
    cites their figure, period and source: "Evidence: 2 of the 12 councils; period: 2016;
    source: LGA survey." A period the source states after a comma (at its end, or before a
    bracket or a semicolon: "Permanent staff survey, January to February 2016 (online survey
    tool export)") is not repeated there.

    The citation holds no bracket of its own, so an entry or a figure with brackets ("average
    2.18 (1 = very satisfied)") never nests one in another. ``entry`` is a row of
    :func:`public_entries` (its figure already written under the run's policy).
    """
    figure = _clause(entry.get("figure")) or "none given"
    source, period = _clause(entry.get("source")), _clause(entry.get("period"))
    period, named = split_period(period)  # "Permanent staff survey, early 2016": a name first
    if named and named.casefold() not in source.casefold():
        source = f"{named}; {source}" if source else named
    first = period.split(" ", 1)[0]
    if first in _PREPOSITIONS:  # "period: at 30 July 2016", not "period: At 30 July 2016"
        period = first.lower() + period[len(first) :]
    if period:  # "Guidant locum survey, November 2015", "..., January to February 2016 (export)"
        source = re.sub(
            rf",\s*{re.escape(period)}(?=\s*(?:\(|;|$))", "", source, flags=re.IGNORECASE
        )
    parts = [f"Evidence: {figure}"]
    if period:
        parts.append(f"period: {period}")
    if entry["section"] != EXTERNAL:
        parts.append(f"section \u201c{titles.get(entry['section'], entry['section'])}\u201d")
    if source:
        parts.append(f"source: {source}")
    return "; ".join(parts) + "."


def evidence_items(entries: pd.DataFrame, pol=None) -> pd.DataFrame:
    """The evidence list's items for :meth:`pipelines.core.presentation.Page.show_reference_list`.

    Under a policy text and detail are :class:`~pipelines.core.figures.Sentence` objects
    written by :func:`public_entries` (see :func:`grid_items`).

    Returns
    -------
    pandas.DataFrame
        Columns label ("S1 (strength)"), text (the entry) and detail (figure, comparator,
        source, period and where in the pack the figure is shown), one row per entry.

    """
    titles = section_titles()
    entries = public_entries(entries, pol)
    labels, details = [], []
    for _, r in entries.iterrows():
        where = (
            "external evidence"
            if r["section"] == EXTERNAL
            else f"section \u201c{titles.get(r['section'], r['section'])}\u201d"
        )
        comp = f" against {r['compared_with']}" if r["compared_with"] else ""
        labels.append(f"{r['ref']} ({SINGULAR[r['quadrant']].lower()})")
        details.append(
            f"Figure: {r['figure']}{comp}. Source: {str(r['source']).rstrip('.')}. "
            f"Period: {str(r['period']).rstrip('.')}. In this pack: {where}."
        )
    return pd.DataFrame(
        {
            "label": labels,
            "text": _sentences(entries["text"], pol),
            "detail": _sentences(details, pol),
        },
        columns=["label", "text", "detail"],
    )
