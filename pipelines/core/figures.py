"""Typed figures: every number a section publishes, with what kind of number it is.

A :class:`Figure` is the unit that key findings, the SWOT, the scorecard and every sentence are
written from. It carries the value, its :class:`Kind` (a count of people, a count of posts, FTE,
money a year, a percentage of people, a mean score, a rate, a rank...), the numerator and
denominator where there are any, the unit, the source, the period and the date the data describe,
and the section that owns it.

Whether a number counts people is a property of its kind (:attr:`Kind.counts_people`), so
disclosure control (:mod:`pipelines.core.disclosure`) acts on kinds, never on the words around a
number.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Kind(StrEnum):
    """What a figure measures. The kind decides its unit, its format and its disclosure rule."""

    PEOPLE = "count of people"
    POSTS = "count of posts"
    CASES = "count of cases"
    FORMS = "count of forms"
    FTE = "full-time equivalent"
    MONEY_PER_YEAR = "money per year"
    MONEY = "money"
    PERCENT_OF_PEOPLE = "percentage of people"
    PERCENT_OF_POSTS = "percentage of posts"
    PERCENT_OF_FTE = "percentage of FTE"
    PEOPLE_PER_100_POSTS = "people per 100 posts"
    PERCENT = "percentage"
    MEAN_SCORE = "mean score"
    RATE = "rate"
    RANK = "rank"
    YEARS = "years"
    DAYS = "days"
    CASES_PER_WORKER = "cases per worker"
    RATIO = "ratio"

    @property
    def counts_people(self) -> bool:
        """True when the figure is a number of people (suppressed below the threshold).

        Exit forms are one per leaver, so a count of forms is a count of people too.
        """
        return self in (Kind.PEOPLE, Kind.FORMS)

    @property
    def is_share_of_people(self) -> bool:
        """True for a percentage whose denominator is a number of people (small bases hidden)."""
        return self is Kind.PERCENT_OF_PEOPLE

    @property
    def from_counts_of_people(self) -> bool:
        """True when the value is computed from counts of people (its numerator counts people).

        A percentage of people, a mean of people's answers and a number of people per 100 posts
        (turnover: leavers over posts) can give away a small count of people through their
        numerator; FTE, posts, cases and money never count people.
        """
        return self in (Kind.PERCENT_OF_PEOPLE, Kind.PEOPLE_PER_100_POSTS, Kind.MEAN_SCORE)

    @property
    def is_duration(self) -> bool:
        """True for days and years: with a base that counts people, each person's own value.

        A median, quartile or mean of starters' days to hire or of time in post rests on
        the people its base counts: published only for a group of at least
        :func:`pipelines.core.disclosure.smallest_statistic_group` of them.
        """
        return self in (Kind.DAYS, Kind.YEARS)

    @property
    def is_percentage(self) -> bool:
        """True for the kinds printed as a percentage (0 to 100)."""
        return self.unit == "%"

    @property
    def unit(self) -> str:
        """The unit printed with a value of this kind."""
        return UNITS[self]


UNITS: dict[Kind, str] = {
    Kind.PEOPLE: "people",
    Kind.POSTS: "posts",
    Kind.CASES: "cases",
    Kind.FORMS: "forms",
    Kind.FTE: "FTE",
    Kind.MONEY_PER_YEAR: "£ a year",
    Kind.MONEY: "£",
    Kind.PERCENT_OF_PEOPLE: "%",
    Kind.PERCENT_OF_POSTS: "%",
    Kind.PERCENT_OF_FTE: "%",
    Kind.PEOPLE_PER_100_POSTS: "%",
    Kind.PERCENT: "%",
    Kind.MEAN_SCORE: "average (1 to 5)",
    Kind.RATE: "rate",
    Kind.RANK: "rank",
    Kind.YEARS: "years",
    Kind.DAYS: "days",
    Kind.CASES_PER_WORKER: "cases",
    Kind.RATIO: "ratio",
}


#: Service name -> the suffix of its figure keys (``turnover_childrens``, ``agency_rate_adults``).
SERVICE_KEYS = {"Children's Social Care": "childrens", "Adult Social Care": "adults"}


class EarlierValue(BaseModel):
    """The value a figure had in an earlier period, from the same data and definition.

    Attributes
    ----------
    period : str
        The earlier period, in words.
    value : float or None
        The value then, in the figure's unit (None when it cannot be computed).
    numerator, denominator : float, optional
        The counts behind it, where there are any.

    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    period: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None


#: A figure's note: stated in the exempt appendix only (see :class:`Figure`'s ``notes``).
EXEMPT_ONLY = "exempt_only"


def exempt_only(fig: Figure, policy) -> bool:
    """True when ``fig`` is stated in the exempt appendix only and ``policy`` is public."""
    return bool(getattr(policy, "public", False) and fig.notes.get(EXEMPT_ONLY))


class Figure(BaseModel):
    """One published number and everything a reader or a rule needs to use it.

    Attributes
    ----------
    key : str
        Stable identifier, e.g. ``"turnover_childrens"``; SWOT rules and scorecard measures
        name figures by key.
    label : str
        What the figure is, in plain words ("Children's Social Care: turnover").
    value : float or None
        The number, in the kind's unit (percentages as 0-100). None when it cannot be computed.
    kind : Kind
        What is measured; decides format and disclosure.
    numerator, denominator : float, optional
        The counts behind a percentage or rate, where there are any.
    direction : str, optional
        ``"lower"`` or ``"higher"`` is better, where either is.
    source : str
        The dataset(s) the figure comes from, as cited under tables.
    period : str
        The period the figure covers, in words.
    as_at : datetime.date, optional
        The date the data describe (a snapshot date, the end of a period).
    published : datetime.date, optional
        The date the figure was published (DfE statistics: the release date); None for the
        council's own data, known to it on ``as_at``.
    section : str
        The section that owns and shows the figure (its notebook name).
    table, row, column : str, optional
        Where the section shows it (``tables/<section>__<table>.csv``).
    comparators : dict of str to float or None
        Other values to compare with: ``england``, ``region``, ``neighbour_median``,
        ``target``, ``previous``.
    notes : dict of str to str
        Words that go with the comparators (``region_name``, ``comparator_period``). The note
        :data:`EXEMPT_ONLY` marks a figure the exempt appendix alone may state (its value: the
        sentence the public documents say instead); it is never a public finding.
    measure : str, optional
        What is measured, in words a reader would use ("turnover"); with ``population`` and
        ``period`` it identifies the figure: a document may print one value for one
        (measure, population, period) (see :attr:`identity`).
    population : str, optional
        Whom or what the measure describes ("Children's Social Care: qualified posts up to
        Team Manager"); two bases of one measure are two populations.
    earlier : tuple of EarlierValue
        The same measure for the same population in earlier periods, where the data hold them
        (oldest first); empty when they do not.

    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    label: str
    value: float | None
    kind: Kind
    numerator: float | None = None
    denominator: float | None = None
    direction: str | None = Field(default=None, pattern="^(lower|higher)$")
    source: str
    period: str
    as_at: dt.date | None = None
    published: dt.date | None = None
    section: str
    table: str | None = None
    row: str | None = None
    column: str | None = None
    comparators: dict[str, float | None] = Field(default_factory=dict)
    notes: dict[str, str] = Field(default_factory=dict)
    measure: str | None = None
    population: str | None = None
    earlier: tuple[EarlierValue, ...] = ()

    @property
    def identity(self) -> tuple[str, str, str]:
        """``(measure, population, period)``: what a document may print with one value only.

        Figures without a measure or population fall back on the key and label, so every
        figure has an identity.
        """
        return (self.measure or self.key, self.population or self.label, self.period)

    @property
    def unit(self) -> str:
        """The unit of the value (from the kind)."""
        return self.kind.unit

    @property
    def counts_people(self) -> bool:
        """True when the value is a number of people."""
        return self.kind.counts_people


def format_value(value: float | None, kind: Kind) -> str:
    """A value as members read it: ``23.2%``, ``£1,020,000 a year``, ``17.5 FTE``, ``12``.

    Percentages and rates keep one decimal place, money none, FTE one (none for a whole
    number, as a table's cell prints it), mean scores two, counts none. A missing value is
    "not available".
    """
    if value is None:
        return "not available"
    if kind.is_percentage:
        return f"{value:.1f}%"
    if kind is Kind.MONEY_PER_YEAR:
        return f"£{value:,.0f} a year"
    if kind is Kind.MONEY:
        return f"£{value:,.0f}"
    if kind is Kind.FTE:  # as a table cell prints it: "43 FTE" beside a table's 43
        return f"{value:,.0f} FTE" if float(value).is_integer() else f"{value:,.1f} FTE"
    if kind is Kind.MEAN_SCORE:
        return f"{value:.2f}"
    if kind in (Kind.CASES_PER_WORKER, Kind.YEARS, Kind.RATE, Kind.RATIO):
        return f"{value:,.1f}"
    return f"{value:,.0f}"


def phrase(fig: Figure, pol=None, *, value: float | None = None) -> str:
    """A figure's value for a sentence, under a disclosure policy.

    Under a public policy a count of people (``fig.kind.counts_people``) from 1 to the threshold
    minus 1 reads "fewer than <threshold>"; every other kind, and every figure under the exempt
    policy, reads as :func:`format_value` writes it. The decision rests on the figure's kind,
    never on the words around the number.

    Parameters
    ----------
    fig : Figure
        The figure to write.
    pol : pipelines.core.disclosure.Policy, optional
        The disclosure policy of the run (``public`` and ``threshold``); None is exempt.
    value : float, optional
        Write this value of the same kind instead of ``fig.value`` (e.g. the figure's numerator
        or denominator, when the figure's kind is the kind of those counts).

    Returns
    -------
    str
        E.g. ``"fewer than 5"``, ``"12"``, ``"23.2%"``.

    """
    v = fig.value if value is None else value
    return phrase_value(v, fig.kind, pol)


def phrase_value(value: float | None, kind: Kind, pol=None) -> str:
    """A value of a kind for a sentence under a policy (see :func:`phrase`)."""
    if (
        pol is not None
        and getattr(pol, "public", False)
        and kind.counts_people
        and value is not None
        and 0 < value < pol.threshold
    ):
        return f"fewer than {pol.threshold}"
    return format_value(value, kind)


class Sentence(str):
    """A sentence whose counts of people were written under the run's disclosure policy.

    Made by a section's findings writer when it is given a policy: every count of people in it
    went through :func:`phrase_value` or :func:`phrase_share`, so disclosure control
    (:func:`pipelines.core.disclosure.protect_text`) does not rewrite its other numbers
    (questions, scores, posts, percentages), and only redacts personal data.
    """


def sentences(texts, pol) -> list[str]:
    """``texts`` as :class:`Sentence` objects when written under a policy, else unchanged."""
    return [Sentence(t) for t in texts] if pol is not None else list(texts)


def phrase_share(part: float, whole: float, noun: str, pol=None) -> str:
    """Write "11 of 13 leavers who answered" so that no count of people can be worked out.

    ``part`` and ``whole`` are counts of people. Exempt (or ``pol`` None): the two numbers. Public,
    when the part or the rest (``whole - part``) is between 1 and the threshold minus 1 (so
    printing both would reveal a small group by subtraction): the words of :func:`share_words`,
    "more than 56 of the 61 ...", "fewer than 5 of the 13 ..."; when the whole itself is small:
    "fewer than 5 ...".
    """
    public = pol is not None and getattr(pol, "public", False)
    t = getattr(pol, "threshold", 0)
    rest = whole - part
    if not public or not (0 < part < t or 0 < rest < t):
        return f"{format_value(part, Kind.PEOPLE)} of {format_value(whole, Kind.PEOPLE)} {noun}"
    return f"{share_words(round(part), round(whole), t)} {noun}"


def share_words(part: int, whole: int, t: int) -> str:
    """A part of a whole of people in words that give away no count from 1 to ``t`` − 1.

    For a part or a rest (``whole - part``) that is small: "fewer than 5 of the 61" (a small
    part), "more than 56 of the 61" (a small rest: more than the whole minus ``t``, so the rest
    is fewer than ``t``); a whole under twice ``t`` is too small for either without the words
    stating a small number ("more than 3 of the 8" states 3), so "more than half of the 8",
    "fewer than half of the 8" or, for exactly half, "fewer than 5" ("some of the 2" would
    say 1); a whole under ``t``: "fewer than 5". A part and rest both from ``t`` up read "most"
    or "some" of the whole.
    """
    rest = whole - part
    if whole < t:
        return f"fewer than {t}"
    small = 0 < part < t or 0 < rest < t
    if small and whole >= 2 * t:
        return (
            f"fewer than {t} of the {whole:,}"
            if part < t
            else f"more than {whole - t:,} of the {whole:,}"
        )
    if small and part * 2 != whole:
        return f"{'more' if part * 2 > whole else 'fewer'} than half of the {whole:,}"
    if small:  # exactly half, both small: "some of the 2" would say 1
        return f"fewer than {t}"
    return f"{'most' if part * 2 > whole else 'some'} of the {whole:,}"


def has(frames, *names: str) -> bool:
    """True when every named dataset is in ``frames`` (a mapping of tidy DataFrames) with rows."""
    return all(n in frames and frames[n] is not None and len(frames[n]) for n in names)


def target(value: float | None) -> dict[str, float | None]:
    """The ``target`` comparator of a figure (None when the review sets no target)."""
    return {"target": None if value is None else float(value)}
