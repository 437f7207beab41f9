"""Disclosure control for the public variant: small-number suppression and redaction.

One module used by every section: :mod:`pipelines.core.presentation` passes every table, chart's
data and sentence through :func:`protect_table` / :func:`protect_text` with the run's
:class:`Policy`. The policy comes only from the run context
(:func:`pipelines.core.context.run_context`: its audience and the review's threshold) and is
passed explicitly to every function here, so an analyst who sets a notebook's ``audience`` to
``"public"`` sees exactly the figures the public pack prints.

Rules (public variant, threshold *t*, default 5):

- Primary suppression: a count of people from 1 to *t* − 1 is replaced by ``[c]``. Zero is shown.
- Secondary suppression: where a suppressed cell could be worked out from a total (a "Total" row,
  or a column that is the sum of the other counts in its row), the next smallest non-zero cell in
  the same column or row is suppressed too, repeated until no total reveals a suppressed cell.
- Percentages (columns whose label contains "%") are suppressed in every row where a count is
  suppressed, or where the row's counts are all below *t* (a percentage of a small base).
- Free text (columns passed as ``free_text``) is removed; every other text cell is redacted of
  personal data (:mod:`pipelines.core.personal_data`: e-mail addresses, telephone numbers,
  National Insurance numbers, postcodes, references and names).
- Sentences: whole numbers from 1 to *t* − 1 that count something are replaced by "fewer than *t*".
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from pipelines.core import disclosure_audit, personal_data
from pipelines.core.disclosure_audit import Population, PublishedTable
from pipelines.core.disclosure_layout import (
    derived_columns,
    kind_of,
    numerator_by_prefix,
    publication_order,
    table_layout,
)
from pipelines.core.figures import Kind, Sentence, share_words
from pipelines.core.number_words import (
    NUMBER_TEXT,
    PEOPLE_NOUNS,
    WORD_NUMBER,
    number_value,
    word_value,
)

LOGGER = logging.getLogger(__name__)

SUPPRESSED = "[c]"
VARIANTS = ("exempt", "public")
#: The audiences a pack is built for (the same words as the variants).
AUDIENCES = VARIANTS


#: A statistic of people's own values (the median and quartiles of their days to hire) is
#: published only for a group of at least this many times the disclosure threshold (10 people
#: at the default 5): in a smaller group each quartile is one or two people's own value.
STATISTIC_GROUP_FACTOR = 2


def smallest_statistic_group(threshold: int) -> int:
    """The fewest people a published statistic of their own values may rest on.

    :data:`STATISTIC_GROUP_FACTOR` x the disclosure ``threshold`` (10 at the default 5).
    """
    return STATISTIC_GROUP_FACTOR * int(threshold)


def statistic_too_small(base: float | None, threshold: int) -> bool:
    """Whether a statistic of people's own values resting on ``base`` people is withheld.

    The one rule for every public table, figure and sentence: a median, quartile or mean of
    days or years (:attr:`~pipelines.core.figures.Kind.is_duration`) of fewer than
    :func:`smallest_statistic_group` people is theirs, one or two people's own value.
    """
    if base is None or pd.isna(base):
        return False
    return 0 < float(base) < smallest_statistic_group(threshold)


def statistic_note(threshold: int) -> str:
    """The legend of a ``[c]`` in a median, quartile or mean (:func:`statistic_too_small`)."""
    return (
        f"[c] in a median, quartile or average: it rests on fewer than "
        f"{smallest_statistic_group(threshold)} people, so it would be their own figures. Not "
        "shown to protect individuals."
    )


@dataclass(frozen=True)
class Policy:
    """Which variant is being built and its threshold."""

    variant: str = "exempt"
    threshold: int = 5

    @property
    def smallest_statistic_group(self) -> int:
        """The fewest people a published statistic of their values may rest on."""
        return smallest_statistic_group(self.threshold)

    @property
    def audience(self) -> str:
        """``"exempt"`` or ``"public"`` (the variant being built)."""
        return self.variant

    @property
    def public(self) -> bool:
        """True when small numbers must be suppressed."""
        return self.variant == "public"


EXEMPT = Policy("exempt")


def redact(text: str) -> str:
    """Text with personal data removed (contact details, NI numbers, postcodes, refs, names).

    See :mod:`pipelines.core.personal_data` (the one detector used in every audience).
    """
    return personal_data.redact(text)


DURATION = r"(?:years?|months?|weeks?|days?|hours?)\b"
#: A day of the month written before its month ("1 September 2015") is a date, not a count.
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b"
)
SMALL_NUMBER = re.compile(
    r"(?<![\w.,£/%=-])(\d+)"
    r"(?![\w.,%/]|\s*=|\s+"
    + MONTH
    + r"|\s*"
    + DURATION
    + r"|\s*(?:and|to|-|–)\s*\d+\s*"
    + DURATION
    + r"|\s*(?:st|nd|rd|th)\b)"
)
#: Words before a number that make it a label, not a count ("Appendix 1", "step two").
NOT_A_COUNT_BEFORE = re.compile(
    r"(?:\btop|\bitem|\bitems|\bparagraphs?|\bparas?|\bpages?|\bband|\bappendix|\bannex|"
    r"\bsection|\btable|\bfigure|\bchart|\bgrade|\blevel|\btier|\bstage|\bphase|\bstep|"
    r"\boption|\bquestion|\bq|\brecommendation|\bproposal|\bcohort|\broom|\bno\.?|\bnumber|"
    r"\bversion|\bpart|\bschedule|\bpriority|\bobjective|\btask|\baction|\bworkstream|\bref)"
    r"\s*$",
    re.IGNORECASE,
)


def _fewer(pol_threshold: int, original: str) -> str:
    """The words "fewer than t", capitalised when the words they replace were."""
    text = f"fewer than {pol_threshold}"
    first = next((c for c in original if c.isalpha()), "")
    return text[0].upper() + text[1:] if first.isupper() else text


def _share_words(part: int, whole: int, t: int) -> str:
    """A part of a whole in words: "more than 56 of the 61", "fewer than 5 of the 13"."""
    return share_words(part, whole, t)


def protect_text(text: str, pol: Policy) -> str:
    """A sentence for the public variant: small counts replaced by "fewer than t", redacted.

    Whole numbers from 1 to threshold − 1, in digits or in words ("four", "a couple of",
    "half a dozen" is 6 and stays), are treated as counts unless they are part of a decimal,
    percentage, money amount, date (a day before its month: "1 September 2015"), ordinal, a
    duration ("2 years", "between two and five years"), a scale label ("1 = very satisfied")
    or a label such as "Top 3", "item 7" or "Appendix 1", or count something that is not
    people ("2 of the 12 councils", "two services"). A number in words is taken as a count only
    before a word for people ("four newly qualified social workers", "one or two people"), so
    prose ("shown on two bases", "in both") is left as written. A part of a whole whose rest
    is small ("60 of 61 answered": 1 did not) reads "more than 56 of the 61"; a percentage of a
    whole stated with it ("30.8% of the 13 forms") is a count and is written the same way.
    Detection runs on the normalised text (:func:`pipelines.core.personal_data.normalise`), so
    look-alike letters or invisible characters do not hide a number. Under an exempt policy
    the text is returned unchanged. The number one as the unit of a cost ("the extra cost of one
    agency worker", "what one agency worker costs") is not a count.
    """
    if not pol.public:
        return text
    if isinstance(text, Sentence):  # counts of people already written under the policy
        return Sentence(redact(text))
    return protect_counts(redact(text), pol.threshold)


#: "x% of (the) n" in lower-case normalised text.
_PERCENT_OF = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:%|per\s*cent|percent)\s+of\s+(?:the\s+|all\s+|all\s+the\s+)?"
    r"(" + NUMBER_TEXT + r")(?![\w.])"
)
#: "k of (the) n" with either in digits or words.
_PART_OF = re.compile(
    r"(?<![\w.,£/-])(" + NUMBER_TEXT + r")\s+(?:out\s+)?of\s+(?:the\s+|all\s+|all\s+the\s+)?"
    r"(" + NUMBER_TEXT + r")(?![\w.,%/])"
)
#: "one or two", "2 to 3": a range of two numbers.
_SMALL_RANGE = re.compile(
    r"(?<![\w.,£/-])(" + NUMBER_TEXT + r")\s+(?:or|to|-|–)\s+(" + NUMBER_TEXT + r")(?![\w.,%/-])"
)
#: "k (x%)": a count with its percentage.
_COUNT_PERCENT = re.compile(r"(?<![\w.,£/-])(" + NUMBER_TEXT + r")\s*\((\d+(?:\.\d+)?)\s*%\)")


def protect_counts(text: str, threshold: int) -> str:
    """``text`` with each count of people that is, or reveals, a small number rewritten.

    See :func:`protect_text`, which redacts personal data first.
    Works on the normalised text and edits the original: parts of a whole ("11 of 13",
    "eleven out of thirteen"), percentages of a stated whole ("30.8% of the 13"), a count
    with its percentage ("4 (30.8%)"), then single numbers in digits or words.
    """
    t = threshold
    norm, edits = _count_edits(text, t)
    if not edits:
        return text
    out, pos = [], 0
    for s, e, repl, _how in sorted(edits):
        a, b = norm.span(s, e)
        out.append(text[pos:a])
        out.append(_fewer(t, text[a:b]) if repl == "fewer than {t}" else repl)
        pos = b
    out.append(text[pos:])
    return "".join(out)


def people_counts(text: str, threshold: int) -> list[str]:
    """The phrases of ``text`` that :func:`protect_counts` would rewrite as a count of people.

    Only the rewrites that name people: a number from 1 to threshold − 1 (in digits or words,
    or a range of two: "one or two") followed, within three words, by a word for people
    ("four social workers", "2 newly qualified staff", "three who left"); each phrase is
    returned with its words up to the word for people. Parts of a whole and percentages are
    found by :func:`pipelines.core.artefact_audit.stated_small_counts`. Numbers before other
    words (questions, posts, teams, years, "Table 3") are not rewritten, so they are not here.
    """
    norm, edits = _count_edits(text, threshold)
    low = norm.lower
    out = []
    for s, e, _repl, how in sorted(edits):
        if how not in ("range", "number"):
            continue
        noun = PEOPLE_NOUNS.match(low, e)
        if noun is None:
            continue
        a, b = norm.span(s, noun.end())
        out.append(text[a:b])
    return out


#: Words before the number one that make it the unit of a cost, not a count ("the extra cost of
#: one agency worker over a permanent post", "pay for one social worker"); a larger number
#: there still counts people ("the cost of two agency workers").
UNIT_OF_COST_BEFORE = re.compile(
    r"\b(?:costs?|pay|pays|paid|price|rate|salary|per|each)\b(?:\s+[a-z'-]+){0,3}\s*$"
)
#: Words after a number and its people that make it the unit of a cost ("what one agency
#: worker costs").
UNIT_OF_COST_AFTER = re.compile(r"\s+(?:costs?|would\s+cost|is\s+paid|earns?)\b")


def _count_edits(text: str, threshold: int):
    """The normalised ``text`` and the rewrites of :func:`protect_counts`, on its spans.

    Each rewrite is (start, end, replacement, how): ``how`` is "part" (k of n), "percent" (x%
    of n), "count_percent" (k (x%)), "range" (one or two people) or "number" (one number);
    the replacement "fewer than {t}" is filled in by the caller.
    """
    from pipelines.core.personal_data import normalise

    t = threshold
    norm = normalise(text)
    low = norm.lower
    edits: list[tuple[int, int, str, str]] = []  # spans of the normalised text

    def free(s: int, e: int) -> bool:
        return not any(s < b and a < e for a, b, _, _ in edits)

    def not_people_after(pos: int) -> bool:
        return bool(NOT_PEOPLE_AFTER.match(low, pos))

    for m in _PART_OF.finditer(low):
        k, n = number_value(m.group(1)), number_value(m.group(2))
        if k is None or n is None or not_people_after(m.end()) or k > n:
            continue
        if 0 < n - k < t and k >= t:
            edits.append((m.start(), m.end(), _share_words(k, n, t), "part"))
    for m in _PERCENT_OF.finditer(low):
        n = number_value(m.group(2))
        if n is None or not_people_after(m.end()) or not free(*m.span()):
            continue
        k = round(float(m.group(1)) * n / 100)
        if 0 < k < t or 0 < n - k < t:
            edits.append((m.start(), m.end(), _share_words(k, n, t), "percent"))
    for m in _COUNT_PERCENT.finditer(low):
        k = number_value(m.group(1))
        if k is not None and 0 < k < t and free(*m.span()):
            edits.append((m.start(), m.end(), f"fewer than {t}", "count_percent"))

    def label_before(pos: int) -> bool:
        return bool(NOT_A_COUNT_BEFORE.search(low[max(0, pos - 16) : pos]))

    def unit_of_cost(start: int, end: int, n: int) -> bool:
        """Whether the number is one, the unit of a cost ("the cost of one agency worker")."""
        if n != 1:
            return False  # "two agency workers cost £80,000" counts them
        if UNIT_OF_COST_BEFORE.search(low[max(0, start - 32) : start]):
            return True
        noun = PEOPLE_NOUNS.match(low, end)
        return bool(noun and UNIT_OF_COST_AFTER.match(low, noun.end()))

    def not_a_count_after(rest: str) -> bool:
        """Whether the words after a number say it is not a count of people."""
        if re.match(r"\s*(?:=|%|per\s*cent|percent|" + DURATION + ")", rest):
            return True
        return bool(re.match(r"\s*(?:st|nd|rd|th)\b", rest))

    # "one or two people", "2 to 3 leavers": a range of small counts is one small count.
    for m in _SMALL_RANGE.finditer(low):
        a, b = number_value(m.group(1)), number_value(m.group(2))
        if a is None or b is None or not (0 < a < t and 0 < b < t):
            continue
        if label_before(m.start()) or not_a_count_after(low[m.end() :]):
            continue
        if not_people_after(m.end()) or not PEOPLE_NOUNS.match(low, m.end()):
            continue
        edits.append((m.start(), m.end(), "fewer than {t}", "range"))

    for m in SMALL_NUMBER.finditer(norm.text):
        n = int(m.group(1))
        if not 0 < n < t or not free(*m.span()) or label_before(m.start()):
            continue
        whole = OF_WHOLE.match(norm.text, m.end())
        if whole and NOT_PEOPLE_AFTER.match(norm.text, whole.end()):
            continue  # "2 of the 12 councils": a part of something that is not people
        if not_people_after(m.end()) or unit_of_cost(m.start(), m.end(), n):
            continue
        edits.append((m.start(), m.end(), "fewer than {t}", "number"))
    for m in WORD_NUMBER.finditer(low):
        n = word_value(m.group(0))
        if n is None or not 0 < n < t or not free(*m.span()) or label_before(m.start()):
            continue
        after = low[m.end() :]
        if re.match(r"\s*(?:=|%|per\s*cent|percent|" + DURATION + ")", after):
            continue
        if re.match(r"\s*(?:and|to|-|–|or)\s*" + NUMBER_TEXT + r"\s*" + DURATION, after):
            continue
        if re.match(r"\s*(?:st|nd|rd|th)\b", after) or not_people_after(m.end()):
            continue
        whole = re.match(r"\s+of\s+(?:the\s+|these\s+|those\s+|our\s+)?", after)
        if whole and NOT_PEOPLE_AFTER.match(low, m.end() + whole.end() - 1):
            continue
        if not PEOPLE_NOUNS.match(low, m.end()) or unit_of_cost(m.start(), m.end(), n):
            continue  # in words, a count only before a word for people ("two bases", "both")
        edits.append((m.start(), m.end(), "fewer than {t}", "number"))
    return norm, edits


def protect_config_text(text: str, threshold: int, allowed: Sequence[str] = ()) -> str:
    """A text typed into the review config, as a public document may print it.

    The purpose, recommendations and questions of a committee report, and the free-text
    section parameters (where a figure comes from, ``*_source``, ``*_basis``), are written by
    officers like the SWOT entries: personal data is redacted
    (:mod:`pipelines.core.personal_data`), except the names and contacts in ``allowed`` (the
    people in public office the config prints on purpose:
    :func:`pipelines.core.artefact_audit.public_office_texts`), and small counts of people are
    rewritten (:func:`protect_counts`: "four social workers left" reads "fewer than 5 social
    workers left").
    """
    from pipelines.core.personal_data import KINDS, find, normalise

    if not isinstance(text, str) or not text.strip():
        return text
    kept = [" ".join(normalise(a).lower.split()) for a in allowed if a and a.strip()]
    out, pos = [], 0
    for f in find(text):
        seen = " ".join(normalise(f.text).lower.split())
        if any(seen and (seen in a or a in seen) for a in kept):
            continue
        out.append(text[pos : f.start])
        out.append(KINDS[f.kind][2])
        pos = f.end
    out.append(text[pos:])
    return protect_counts("".join(out), threshold)


def figure_is_disclosive(
    kind: Kind | str,
    value: float | None,
    numerator: float | None,
    denominator: float | None,
    threshold: int,
) -> bool:
    """Whether publishing a figure would give away a count of people from 1 to threshold − 1.

    A figure is read with its base, because the base is published (a percentage of the 13 exit
    forms printed beside the 13 is a count): a count of people is disclosive when it, or the
    rest of its whole (``denominator - value``: "11 of 13 would return" tells that 2 would
    not), is small; a percentage of people when its numerator, its rest or its base is small;
    people per 100 posts (turnover) when its numerator (leavers) is small (posts are not
    people); a mean of people's answers when it rests on fewer than ``threshold`` answers.
    Posts, FTE, cases, money and rates of those are never disclosive. A number of days whose
    base counts people (the median days to hire of its starters) is disclosive when it rests
    on fewer than :func:`smallest_statistic_group` people.
    """
    kind = Kind(kind) if not isinstance(kind, Kind) else kind

    def small(x: float | None) -> bool:
        return x is not None and not pd.isna(x) and 0 < round(float(x), 6) < threshold

    def rest(whole: float | None, part: float | None) -> float | None:
        if whole is None or part is None or pd.isna(whole) or pd.isna(part):
            return None
        return float(whole) - float(part)

    if kind.counts_people:
        return small(value) or small(rest(denominator, value))
    if kind is Kind.PERCENT_OF_PEOPLE:
        return small(numerator) or small(rest(denominator, numerator)) or small(denominator)
    if kind is Kind.PEOPLE_PER_100_POSTS:
        return small(numerator)
    if kind is Kind.MEAN_SCORE:
        return small(denominator)
    if kind.is_duration and denominator is not None and not pd.isna(denominator):
        return statistic_too_small(denominator, threshold)
    return False


def figure_withheld(fig, pol: Policy | None) -> bool:
    """Whether the run's audience may not see ``fig`` (a :class:`~pipelines.core.figures.Figure`).

    Under a public policy, :func:`figure_is_disclosive` of the figure with its numerator and
    base: a sentence that would print it says why it does not instead (the time to hire of
    fewer than :func:`smallest_statistic_group` starters). Never under an exempt policy.
    """
    if pol is None or not getattr(pol, "public", False) or fig.value is None:
        return False
    return figure_is_disclosive(fig.kind, fig.value, fig.numerator, fig.denominator, pol.threshold)


#: "25 of 31" in a text cell: a part and its whole.
PART_OF_WHOLE = re.compile(r"(?<![\w.,£/-])(\d+) of (?:the |all )?(\d+)(?![\w.,%/])")
#: Words after "k of n" that say it counts something other than people.
NOT_PEOPLE_AFTER = re.compile(
    r"\s+(?:[\w'-]+\s+){0,2}?(?:councils?|authorities|authority|neighbours?|questions?|"
    r"years?|months?|weeks?|days?|hours?|measures?|recommendations?|actions?|aspects?|posts?|"
    r"FTE|cases?|figures?|rows?|cells?|tables?|themes?|services?|teams?|programmes?|places?|"
    r"sessions?|cohorts?|meetings?|times?|quarters?|reasons?|pages?|paragraphs?|options?|"
    r"proposals?|items?|workstreams?|points?|pounds?|grades?|bands?|levels?|steps?|stages?|"
    r"phases?|sites?|offices?|areas?|priorities|priority|things?|ways?|percent|per\s+cent|"
    r"vacancies|vacancy|roles?|jobs?|tasks?|objectives?|sections?|appendices|appendix|"
    r"surveys?|reports?|papers?|memorandums?|memoranda|agreements?|groups?)\b",
    re.IGNORECASE,
)
#: " of the 12" after a number: the whole it is a part of.
OF_WHOLE = re.compile(r"\s+of\s+(?:the\s+|all\s+)?\d+")
#: "Less than 1 year 1 (3.2%)": a count with its percentage.
COUNT_WITH_PERCENT = re.compile(r"(?<![\w.,£/-])(\d+) \((\d+(?:\.\d+)?)%\)")


def reveals_small_count(text: str, threshold: int) -> bool:
    """Whether a text cell states a count, or the rest of a whole, from 1 to threshold − 1.

    Looks for "k of n" (k, or n − k, from 1 to threshold − 1: "29 of 31" tells that 2 did not),
    unless the words after it name something other than people ("2 of 12 councils", "3 of 16
    questions"), and "k (x%)". Columns named in ``not_counts`` (or given a kind that is not a
    count of people) are not checked. Table cells that explain a figure ("1 of 31 is 3.2%")
    are checked with this, since :func:`protect_table` otherwise only suppresses numbers.
    """
    for m in PART_OF_WHOLE.finditer(text):
        k, n = int(m.group(1)), int(m.group(2))
        if NOT_PEOPLE_AFTER.match(text, m.end()):
            continue
        if k <= n and (0 < k < threshold or 0 < n - k < threshold):
            return True
    return any(0 < int(m.group(1)) < threshold for m in COUNT_WITH_PERCENT.finditer(text))


@dataclass
class Protected:
    """A table as the public variant shows it, with notes and what the audit needs."""

    shown: pd.DataFrame
    notes: list[str]
    table: PublishedTable | None
    #: Cells (row position in ``shown``, column) shown because the council published them.
    released: list[tuple[int, str]] = field(default_factory=list)
    #: Columns protected with the table but not shown (``protect(unpublished=...)``): column ->
    #: its values by row of ``shown``, which the pack's audit takes as known.
    held_back: dict[str, list[float]] = field(default_factory=dict)


def suppression_note(t: int, secondary: int, *, bounded: bool = True) -> str:
    """What a table's ``[c]`` marks mean, from how many were hidden for which reason.

    Only counts below ``t`` hidden (``secondary`` 0): "[c] = fewer than 5 people, not shown to
    protect individuals." With figures hidden only so that a small count cannot be worked out
    from a total (``secondary`` of them, each possibly 5 or more), the note says so in its first
    clause (without saying how many), the part a report prints under the table
    (:func:`pipelines.documents.notes.stub`).
    ``bounded`` False: only small counts are hidden, but "fewer than t" would itself let a reader
    narrow them (a hidden total of two hidden counts, each at least 1, is at most t - 1), so the
    note does not promise that bound.
    """
    if not secondary and not bounded:
        return (
            f"[c] = hidden: a number of people from 1 to {t - 1}, or a figure from which one "
            "could be worked out. Not shown to protect individuals."
        )
    if not secondary:
        return f"[c] = fewer than {t} people, not shown to protect individuals."
    # How many figures were hidden for the second reason is not said: with it, a reader who
    # works out the sum of two hidden figures knows which are small and narrows them.
    return (
        f"[c] = hidden: fewer than {t} people, or hidden so that a small number cannot be "
        f"worked out; a figure hidden for that reason may be {t} or more. Not shown to protect "
        "individuals."
    )


def protect(
    df: pd.DataFrame,
    *,
    free_text: Sequence[str] = (),
    not_counts: Sequence[str] = (),
    kinds: Mapping[str, Kind] | None = None,
    populations: Mapping[str, Population] | None = None,
    numerators: Mapping[str, str] | None = None,
    denominators: Mapping[str, Sequence[str]] | None = None,
    prior: Sequence[PublishedTable] = (),
    name: str = "table",
    ranked_by: str | None = None,
    released: Collection[tuple[int, str]] = (),
    unpublished: Sequence[str] = (),
    pol: Policy,
) -> Protected:
    """The table as the public variant may show it (see :func:`protect_table`), with its layout.

    Parameters
    ----------
    prior : sequence of PublishedTable
        Tables already published in the same document; those that share a population with this
        one are held fixed while this table is protected, so that the two together reveal no
        suppressed count.
    name : str
        The table's name (its ``tables/*.csv`` stem), used in the audit.
    ranked_by : str, optional
        The count column the rows are ordered by (most first), e.g. reasons for leaving. Rows
        whose count there is suppressed are moved after the others, in the order of their
        labels (first column): their order by count, with ties, would give their counts away
        (four tied reasons before a fifth, out of 9 leavers, can only be 2, 2, 2, 2 and 1).
    released : collection of (int, str)
        Cells (row position, column) already published by the council (figures listed in the
        review's ``published_figures``, and cells those figures determine): never suppressed,
        and held as published while the others are protected.
    unpublished : sequence of str
        Columns of ``df`` that are neither printed nor published but that a reader could come
        close to knowing, such as each row's total of answers (how many of the forms returned
        rated an aspect): the table is protected as if they were published, so no hidden
        count can be narrowed from them either, and then shown without them, in every
        audience. Their values go with the result (:attr:`Protected.held_back`) so the pack's
        audit takes them as known too.

    Other parameters are those of :func:`protect_table`.

    """
    held = [c for c in unpublished if c in df.columns]
    if not pol.public:
        return Protected(df.drop(columns=held), [], None)
    t = pol.threshold
    notes: list[str] = []
    out = df.drop(columns=[c for c in free_text if c in df.columns])
    if len(out.columns) < len(df.columns):
        notes.append("Free-text answers are not published; they are in the exempt version.")
    layout = table_layout(out, not_counts=not_counts, kinds=kinds, populations=populations)
    counts = list(layout.counts)
    values = out[counts].astype(float) if counts else pd.DataFrame(index=out.index)
    hidden = (values > 0) & (values < t)
    free = pd.DataFrame(True, index=hidden.index, columns=hidden.columns)
    for i, c in released:
        if c in free.columns and 0 <= i < len(free):
            free.iat[i, counts.index(c)] = False
    hidden &= free
    first = hidden.copy()
    primary = int(hidden.to_numpy().sum())
    names = {p.name for p in layout.populations.values()}
    linked = [p for p in prior if names & {x.name for x in p.layout.populations.values()}]

    def published() -> PublishedTable:
        data = out.astype(object).copy()
        for c in counts:
            data.loc[hidden[c], c] = SUPPRESSED
        return PublishedTable(name, data.reset_index(drop=True), layout)

    bounded = True  # the legend may say "fewer than t" when only small counts are hidden
    while counts and (hidden.to_numpy().any() or layout.populations):
        tables = [*linked, published()]
        small = int(hidden.to_numpy().sum()) == primary  # legend "fewer than t": [c] <= t - 1
        result = disclosure_audit.audit(tables, t, bounded={name} if small else ())
        if result.inconsistent:
            LOGGER.warning("%s: published figures disagree: %s", name, result.inconsistent)
            break
        recoverable = [r.cell for r in result.recoverable if not r.implicit]
        recoverable = recoverable or [r.cell for r in result.recoverable]
        if not recoverable:
            break
        picks: set[tuple[int, str]] = set()
        visible = [
            (i, c)
            for i in range(len(out))
            for c in counts
            if not hidden.iat[i, counts.index(c)]
            and values.iat[i, counts.index(c)] > 0
            and free.iat[i, counts.index(c)]
        ]

        def order(ic: tuple[int, str]) -> tuple:
            # Body cells before totals, then the smallest value.
            margin = ic[0] in layout.total_rows or ic[1] in layout.total_columns
            return (margin, values.iat[ic[0], counts.index(ic[1])], ic)

        for cell in recoverable:
            near = disclosure_audit.neighbours(tables, name, [cell])
            if any((name, i, c) in near for i, c in picks):
                continue
            options = [(i, c) for i, c in visible if (name, i, c) in near]
            if options:
                picks.add(min(options, key=order))
        if not picks and visible:
            picks.add(min(visible, key=order))
        if not picks and small:
            unbounded = disclosure_audit.audit(tables, t)
            if not unbounded.recoverable and not unbounded.inconsistent:
                bounded = False  # every count that could be hidden is; only the bound narrows
                break
        if not picks:
            LOGGER.warning("%s: %d suppressed cell(s) cannot be protected", name, len(recoverable))
            break
        for i, c in picks:
            hidden.iat[i, counts.index(c)] = True
    if int(hidden.to_numpy().sum()) > primary:  # a secondary the rest fixes hides nothing: shown
        before = hidden.copy()
        result = disclosure_audit.audit([*linked, published()], t)
        for i, c in [] if result.inconsistent else disclosure_audit.fixed_cells(result, name):
            if c in counts and not first.iat[i, counts.index(c)]:
                hidden.iat[i, counts.index(c)] = False
        if int(hidden.to_numpy().sum()) == primary:  # the legend would say "fewer than t"
            again = disclosure_audit.audit([*linked, published()], t, bounded={name})
            if again.recoverable or again.inconsistent:
                # The secondaries found hide nothing (the rest fixes each), yet without them a
                # reader of "fewer than t" narrows the small ones: no cell to add hides them,
                # so every count of the table is hidden (nothing left to work anything out).
                hidden = before | (values > 0)
    secondary = int(hidden.to_numpy().sum()) - primary
    if primary and not secondary and bounded:  # the legend: "fewer than t", each [c] <= t - 1
        layout = dataclasses.replace(layout, hidden_below=t)
    if ranked_by is not None and ranked_by in counts and len(out.columns):
        order = publication_order(out, hidden[ranked_by], layout.total_rows)
        released = [(order.index(i), c) for i, c in released if 0 <= i < len(order)]
        out = out.iloc[order].reset_index(drop=True)
        values = values.iloc[order].reset_index(drop=True)
        hidden = hidden.iloc[order].reset_index(drop=True)
    table = published()
    shown = out.astype(object).copy()
    for c in counts:
        shown.loc[hidden[c], c] = SUPPRESSED
    row_hidden = hidden.any(axis=1) if counts else pd.Series(False, index=out.index)
    small_base = ((values < t) | values.isna()).all(axis=1) if counts else row_hidden
    all_zero = (values == 0).all(axis=1) if counts else pd.Series(False, index=out.index)
    for c in derived_columns(out, layout, kinds, numerators):
        numerator = (numerators or {}).get(str(c)) or numerator_by_prefix(str(c), counts)
        if numerator in counts:
            mask = hidden[numerator].copy()
            for d in (denominators or {}).get(str(c), ()):
                if d in counts:
                    mask |= hidden[d]
        else:
            percent = "%" in str(c) or kind_of(kinds, c) is not None
            mask = (row_hidden | small_base) & ~all_zero if percent else row_hidden
        shown.loc[mask & out[c].notna(), c] = SUPPRESSED
    few = False  # statistics of people's own values resting on too few of them
    for c in out.columns:
        kind, base = kind_of(kinds, c), (numerators or {}).get(str(c))
        if kind is None or not kind.is_duration or base not in counts:
            continue
        mask = values[base].map(lambda b: statistic_too_small(b, t)) & out[c].notna()
        mask &= shown[c] != SUPPRESSED
        shown.loc[mask, c] = SUPPRESSED
        few |= bool(mask.any())
    if few:
        notes.append(statistic_note(t))
    texts_hidden = 0
    for c in shown.columns:
        if c in counts or c in not_counts or not shown[c].map(lambda v: isinstance(v, str)).any():
            continue
        if (kind := kind_of(kinds, c)) is not None and not kind.counts_people:
            continue
        cells = shown[c].map(lambda v: redact(v) if isinstance(v, str) and v != SUPPRESSED else v)
        small = cells.map(lambda v: isinstance(v, str) and reveals_small_count(v, t))
        texts_hidden += int(small.sum())
        shown[c] = cells.where(~small, SUPPRESSED)
    if texts_hidden:
        notes.append(
            f"[c] in a text column: the text states a number of fewer than {t} people "
            "(or one that can be worked out from it), so it is not shown."
        )
    small_released = [
        (i, c) for i, c in released if c in counts and 0 < float(values[c].iat[i]) < t
    ]
    if small_released:
        notes.append(
            f"Counts below {t} in this table are shown because the council has already "
            "published them in the group's papers, or they follow from figures it published "
            "there."
        )
    if primary or secondary:
        notes.append(suppression_note(t, secondary, bounded=bounded))
    held_back = {str(c): [float(v) for v in out[c]] for c in held}
    released = sorted((int(i), str(c)) for i, c in released if c not in held)
    return Protected(shown.drop(columns=held), notes, table, released, held_back)


def protect_table(
    df: pd.DataFrame,
    *,
    free_text: Sequence[str] = (),
    not_counts: Sequence[str] = (),
    kinds: Mapping[str, Kind] | None = None,
    populations: Mapping[str, Population] | None = None,
    numerators: Mapping[str, str] | None = None,
    denominators: Mapping[str, Sequence[str]] | None = None,
    pol: Policy,
) -> tuple[pd.DataFrame, list[str]]:
    """The table as the public variant may show it, and notes on what was hidden.

    Only counts of people are suppressed: counts from 1 to *t* − 1, then more cells (the
    smallest non-zero count tied to a recoverable cell by a total, a total column, a published
    mean or a shared population) until :func:`pipelines.core.disclosure_audit.audit` finds no
    suppressed value that can be recovered. Percentages, rates and means computed from counts of
    people are hidden in rows where their count is hidden.

    Parameters
    ----------
    df : pandas.DataFrame
        Member-facing table.
    free_text : sequence of str
        Columns of free text (reasons, comments, quotes): removed in the public variant.
    not_counts : sequence of str
        Whole-number columns not named in ``kinds`` that are not counts of people.
    kinds : mapping of str to Kind, optional
        Column -> what it measures (:class:`pipelines.core.figures.Kind`). Only
        :attr:`Kind.counts_people` columns are suppressed, and only
        :attr:`Kind.from_counts_of_people` columns follow them; posts, FTE, money, questions,
        ranks and dates never are. Columns not named keep the older inference: whole-number,
        non-negative numbers are counts of people unless named in ``not_counts``; columns with
        "%" in their label are percentages of them.
    populations : mapping of str to Population, optional
        Count column -> the population it counts (ties this table to others in the audit).
    numerators : mapping of str to str, optional
        Derived column -> the count column that is its numerator: it is hidden only where that
        count is (otherwise wherever any count in its row is).
    denominators : mapping of str to sequence of str, optional
        Derived column -> the count columns its denominator is made of: it is hidden where any
        of them is too (a share shown beside its numerator gives a hidden denominator away:
        6 accepted at 86% is 7 offered).
    pol : Policy
        The run's disclosure policy (``ctx.policy``); exempt returns the table unchanged.

    """
    p = protect(
        df,
        free_text=free_text,
        not_counts=not_counts,
        kinds=kinds,
        populations=populations,
        numerators=numerators,
        denominators=denominators,
        pol=pol,
    )
    return p.shown, p.notes
