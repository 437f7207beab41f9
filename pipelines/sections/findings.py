"""Findings: the ranked findings a report opens with, and each section's parameters.

:func:`ranked_findings` (and :func:`context_findings` for a run): every section proposes
findings from its typed figures (:class:`~pipelines.core.figures.Figure`), each with a
materiality score (how far the figure is from its comparator or target, in people or pounds a
year, in the adverse direction only), ranked best first by the rule in ``config/findings.yml``
(:class:`RankingRules`). The report takes the first ``top`` (five). Response counts are
context, never findings; the demo tracker's illustrative statuses never feed findings. A
chapter's own findings list is the one its notebook shows (``page.show_findings``).

Each section's parameters are its notebook's defaults with the meeting's values over them
(:func:`section_parameters`).
"""

from __future__ import annotations

import ast
import datetime as dt
import fnmatch
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field

from pipelines.core import disclosure
from pipelines.core.figures import (
    SERVICE_KEYS,
    Figure,
    Kind,
    Sentence,
    exempt_only,
    format_value,
)
from pipelines.core.finding_words import (
    COMPARATOR_WORDS,
    Materiality,
    comparator_words,
    people,
    reason_counts,
    service,
)


def notebook_defaults(notebook: str) -> dict[str, object]:
    """A section's default parameters.

    From the section's registered parameter model (:mod:`pipelines.core.registry`) when it has
    one, else from the notebook's parameters cell (read, not executed, with papermill).
    """
    from pipelines.core.registry import discover

    spec = discover().get(notebook)
    if spec is not None:
        return {
            name: field.default
            for name, field in spec.parameters.model_fields.items()
            if not field.is_required()
        }
    import papermill as pm

    from pipelines.core.config import project_root

    path = project_root() / "notebooks" / f"{notebook}.ipynb"
    out = {}
    for name, info in pm.inspect_notebook(str(path)).items():
        try:
            out[name] = ast.literal_eval(info["default"])
        except (ValueError, SyntaxError):
            continue
    return out


def section_parameters(notebook: str, given: Mapping[str, object] | None) -> dict[str, object]:
    """A section's parameters in a meeting: its defaults with the meeting's values over them."""
    return {**notebook_defaults(notebook), **dict(given or {})}


def context_frames(ctx) -> dict[str, pd.DataFrame]:
    """The tidy datasets of a run: every ``*.parquet`` in ``ctx.processed_dir`` that is a dataset.

    (The cleaning log and the validation summary are left out, as in
    :func:`pipelines.core.validation_summary.load_frames`.)
    """
    from pipelines.core.validation_summary import NOT_DATASETS

    return {
        p.stem: pd.read_parquet(p)
        for p in sorted(ctx.processed_dir.glob("*.parquet"))
        if p.stem not in NOT_DATASETS
    }


# --------------------------------------------------------------------------------------------
# Ranked findings


class RankingRules(BaseModel):
    """The ranking rule of ``config/findings.yml`` (each field is documented there)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    top: int = 5
    pounds_per_person: float = Field(40000, gt=0)
    min_score: float = Field(2.0, ge=0)
    comparator_order: list[str] = Field(
        default_factory=lambda: ["target", "england", "neighbour_median", "region", "previous"]
    )
    weights: dict[str, float] = Field(default_factory=dict)
    categories: dict[str, str] = Field(default_factory=dict)
    people_counted: dict[str, str] = Field(default_factory=dict)
    influenceable_reasons: list[str] = Field(default_factory=list)
    survey_midpoint: float = 3.0
    survey_half_scale: float = 2.0
    context_keys: list[str] = Field(default_factory=list)
    external_base: str | None = None
    illustrative_sections: list[str] = Field(default_factory=list)
    subjects: dict[str, str] = Field(default_factory=dict)
    reconciliations: list[dict[str, object]] = Field(default_factory=list)

    def category(self, key: str) -> str:
        """The category of a figure key ("people" when no pattern names it)."""
        return match_key(key, self.categories) or "people"

    def weight(self, key: str) -> float:
        """The weight of one person (or one person's worth of pounds) for a figure key."""
        return float(self.weights.get(self.category(key), 1.0))

    def is_context(self, key: str) -> bool:
        """True when the figure describes who answered or what was collected (never a finding)."""
        return any(fnmatch.fnmatchcase(key, p) for p in self.context_keys)


def match_key(key: str, patterns: Mapping[str, str]) -> str | None:
    """The value of the first pattern (``*`` wildcards) matching ``key``; exact keys first."""
    if key in patterns:
        return patterns[key]
    for pattern, value in patterns.items():
        if fnmatch.fnmatchcase(key, pattern):
            return value
    return None


def findings_config_path() -> Path:
    """``config/findings.yml``."""
    from pipelines.core.config import project_root

    return project_root() / "config" / "findings.yml"


def load_rules(path: Path | None = None) -> RankingRules:
    """The ranking rule from ``config/findings.yml`` (its defaults when the file is absent)."""
    path = Path(path or findings_config_path())
    if not path.exists():
        return RankingRules()
    return RankingRules.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")) or {})


def review_rules(cfg, rules: RankingRules) -> RankingRules:
    """The ranking rule for a review: the review's own leaving reasons it can act on, if set.

    The review config's ``influenceable_reasons`` (the council's labels, as mapped: "Workload",
    "Dissatisfied with the council"...) replace those of ``config/findings.yml``, which name
    no council; a review that does not set them keeps the shipped list.
    """
    own = getattr(cfg, "influenceable_reasons", None)
    if own is None:
        return rules
    return rules.model_copy(update={"influenceable_reasons": [str(r) for r in own]})


@dataclass(frozen=True)
class Finding:
    """One finding, ready for the report: its sentence, the figure and how material it is.

    Attributes
    ----------
    key : str
        The figure's key (one finding per figure).
    section : str
        The section (notebook) that shows the figure.
    text : str
        The sentence, written under the run's disclosure policy (a
        :class:`~pipelines.core.figures.Sentence` when a policy was given).
    figure : Figure
        The typed figure the finding is written from.
    comparator : str or None
        What the figure is measured against, in words ("target", "England", "permanent staff
        in the same posts", "Adult Social Care").
    comparator_value : float or None
        The comparator's value, in the figure's unit (None when the comparator is not a number).
    source, period : str
        The figure's source and period, as cited under its table.
    amount : float
        The distance from the comparator in ``unit`` (pounds a year, people, people a year...).
    unit : str
        The unit of ``amount``.
    category : str
        The category of ``config/findings.yml`` (cost, people, retention, workload...).
    score : float
        ``amount`` in people (pounds divided by ``pounds_per_person``) times the category's
        weight: the materiality the ranking sorts on, largest first.
    pending : str or None
        Why the figure cannot yet be measured against its target ("the target falls due on
        30 April 2017"), from :func:`pending_reason`; None for a finding that can be. A
        pending finding ranks after every measurable one and is never a key finding.
    subject : bool
        The figure is on what the meeting decides (:mod:`pipelines.sections.subjects`): kept
        whatever its score and ranked before the others.

    """

    key: str
    section: str
    text: str
    figure: Figure
    comparator: str | None
    comparator_value: float | None
    source: str
    period: str
    amount: float
    unit: str
    category: str
    score: float
    extra: dict[str, object] = field(default_factory=dict)
    pending: str | None = None
    subject: bool = False

    @property
    def states(self) -> dict[str, float]:
        """The other figures the sentence states besides its own: figure key -> value.

        From the figure's ``states`` note (``key=value`` pairs separated by ``|``), which a
        section sets when its sentence quotes another section's figure ("the 46.2% of the
        year's leavers who had served under two years is another measure"): :func:`rank`
        then drops a lower-ranked finding on that figure, so no figure is stated twice.
        """
        out: dict[str, float] = {}
        for part in str(self.figure.notes.get("states", "") or "").split("|"):
            key, _, value = part.partition("=")
            try:
                out[key.strip()] = float(value)
            except ValueError:
                continue
        return out

    @property
    def measurable(self) -> bool:
        """Whether the finding's figure can be measured against its comparator now."""
        return self.pending is None

    def as_dict(self) -> dict[str, object]:
        """The finding as plain data (for tables, JSON and the report)."""
        return {
            "key": self.key,
            "section": self.section,
            "text": str(self.text),
            "figure": format_value(self.figure.value, self.figure.kind),
            "comparator": self.comparator,
            "comparator_value": self.comparator_value,
            "source": self.source,
            "period": self.period,
            "published": self.figure.published,
            "amount": self.amount,
            "unit": self.unit,
            "category": self.category,
            "score": self.score,
            "pending": self.pending,
        }


class RankedFindings(list):
    """Findings ranked best first (a list of :class:`Finding`)."""

    def top(self, n: int | None = None, rules: RankingRules | None = None) -> RankedFindings:
        """The first ``n`` findings that can be measured now (default: ``top`` of the rule).

        A finding not yet measurable (``pending``: its target not yet due) is never among
        them, whatever its score.
        """
        n = n if n is not None else (rules or load_rules()).top
        return RankedFindings([f for f in self if f.pending is None][:n])

    def table(self) -> pd.DataFrame:
        """One row per finding (:meth:`Finding.as_dict`), rank first."""
        rows = [{"rank": i + 1, **f.as_dict()} for i, f in enumerate(self)]
        return pd.DataFrame(rows)


#: Kinds whose distance from a comparator, times the figure's denominator / 100, is a number of
#: people or FTE.
SHARE_KINDS = (
    Kind.PEOPLE_PER_100_POSTS,
    Kind.PERCENT_OF_FTE,
    Kind.PERCENT_OF_POSTS,
    Kind.PERCENT_OF_PEOPLE,
)


def adverse_gap(fig: Figure, comparator: float) -> float:
    """How much worse than ``comparator`` the figure is (0 when it is as good or better)."""
    if fig.value is None:
        return 0.0
    gap = fig.value - comparator if fig.direction != "higher" else comparator - fig.value
    return max(gap, 0.0)


def first_comparator(fig: Figure, rules: RankingRules) -> tuple[str, float] | None:
    """The first comparator of ``rules.comparator_order`` the figure has a value for."""
    for name in rules.comparator_order:
        v = fig.comparators.get(name)
        if v is not None and not pd.isna(v):
            return name, float(v)
    return None


def materiality(
    fig: Figure, rules: RankingRules, *, bases: Mapping[str, float] | None = None
) -> Materiality | None:
    """A figure's materiality: its adverse distance from its comparator, in people or pounds.

    Rules (units in brackets):

    - money a year (the agency premium): the value itself, the extra over the comparator
      ``permanent_cost`` [£ a year]; people = pounds / ``pounds_per_person``;
    - figures in ``people_counted``: ``numerator`` counts the figure's numerator (leavers within
      their first years) [people]; ``influenceable`` counts the leavers whose recorded reason is in
      ``influenceable_reasons`` [people];
    - rates and percentages (turnover, agency, vacancy, shares of people): the adverse distance
      from the first comparator in ``comparator_order``, in percentage points, times the
      figure's denominator / 100 [people a year for turnover, FTE for agency and vacancy rates];
      a DfE rate has no denominator of its own and uses ``bases["external"]`` (the council's
      children's FTE) when given;
    - cases per worker: the distance from the target times the workers, divided by the target
      [workers' worth of cases];
    - survey averages (1 = most positive): the distance above the scale midpoint, over half the
      scale, times those who answered [respondents];
    - everything else, and figures in ``context_keys``: None (not a finding).

    """
    bases = bases or {}
    if fig.value is None or pd.isna(fig.value) or rules.is_context(fig.key):
        return None
    counted = match_key(fig.key, rules.people_counted)
    if counted == "numerator" and fig.numerator is not None:
        n = float(fig.numerator)
        return Materiality(n, "people", n, None, None) if n > 0 else None
    if counted == "influenceable":
        counts = reason_counts(fig)
        n = float(sum(v for r, v in counts.items() if r in rules.influenceable_reasons))
        return (
            Materiality(n, "people", n, "all leavers in the period", fig.denominator) if n else None
        )
    if fig.kind is Kind.MONEY_PER_YEAR:
        if fig.direction == "lower" and fig.value > 0:
            comp = fig.comparators.get("permanent_cost")
            return Materiality(
                float(fig.value),
                "£ a year",
                float(fig.value) / rules.pounds_per_person,
                "permanent staff in the same posts" if comp is not None else None,
                comp,
            )
        return None
    if fig.kind is Kind.MEAN_SCORE:
        comp = first_comparator(fig, rules)
        name, value = comp if comp else ("the scale midpoint", rules.survey_midpoint)
        gap = adverse_gap(fig, value)
        if not gap or not fig.denominator:
            return None
        n = gap / rules.survey_half_scale * float(fig.denominator)
        return Materiality(n, "respondents", n, name, value)
    comp = first_comparator(fig, rules)
    if comp is None:
        return None
    name, value = comp
    gap = adverse_gap(fig, value)
    if not gap:
        return None
    if fig.kind in SHARE_KINDS:
        base = fig.denominator
        if base is None and _external(fig):
            base = bases.get("external")
        if not base:
            return None
        n = gap / 100.0 * float(base)
        unit = (
            "people a year"
            if fig.kind is Kind.PEOPLE_PER_100_POSTS
            else "FTE"
            if fig.kind in (Kind.PERCENT_OF_FTE, Kind.PERCENT_OF_POSTS)
            else "people"
        )
        return Materiality(n, unit, n, name, value)
    if fig.kind is Kind.CASES_PER_WORKER and fig.denominator and value > 0:
        n = gap * float(fig.denominator) / value
        return Materiality(n, "workers' worth of cases", n, name, value)
    if fig.kind.counts_people:
        return Materiality(gap, "people", gap, name, value)
    return None


def _external(fig: Figure) -> bool:
    """True for a figure of a section that reads data from outside the council (its inputs)."""
    from pipelines.core import registry

    spec = registry.discover().get(fig.section)
    return spec is not None and bool(spec.inputs)


def other_service(fig: Figure, figures: Sequence[Figure]) -> Figure | None:
    """The same measure's figure for another service (``<stem>_<service key>``), if any.

    Keys end with the service's key (:data:`~pipelines.core.figures.SERVICE_KEYS`:
    ``_childrens``, ``_adults``); None for a figure not per service.
    """
    suffixes = tuple(f"_{k}" for k in SERVICE_KEYS.values())
    if not fig.key.endswith(suffixes):
        return None
    stem = fig.key.rsplit("_", 1)[0] + "_"
    return next(
        (
            o
            for o in figures
            if o.key != fig.key and o.key.startswith(stem) and o.key.endswith(suffixes)
        ),
        None,
    )


def finding_text(
    fig: Figure,
    m: Materiality,
    pol=None,
    *,
    others: Sequence[Figure] = (),
    influenceable: Sequence[str] = (),
    target_source: str | None = None,
) -> str:
    """The sentence of a finding, written from the figure and its materiality under ``pol``.

    The section that owns the figure writes it when it has words for it
    (``SectionSpec.finding_text``, read from the registry); else a survey average, or the
    general sentence (the figure against its comparator, and how far over it).

    A target is named with its source (``target_source``: "Item 6 report ..., 21 September
    2016"), the review config's ``target_sources``; figures carry a target only when the
    review sets one with a source (:class:`pipelines.core.review_targets.TargetSource`).

    Counts of people go through :func:`~pipelines.core.figures.phrase_value` or
    :func:`~pipelines.core.figures.phrase_share`; pounds, rates, cases and scores as
    :func:`~pipelines.core.figures.format_value` writes them.
    """
    from pipelines.core import registry

    spec = registry.discover().get(fig.section)  # the section that owns the figure
    if spec is not None and spec.finding_text is not None:
        text = spec.finding_text(
            fig,
            m,
            pol,
            others=others,
            influenceable=influenceable,
            target_source=target_source,
        )
        if text is not None:
            return text
    comp_words, comp_value, tsrc = comparator_words(fig, m, target_source)
    if fig.kind is Kind.MEAN_SCORE:
        return (
            f"{fig.label}: {format_value(fig.value, fig.kind)}, on the unfavourable side of "
            f"{comp_words} ({m.comparator_value:g}); {people(fig.denominator or 0, pol)} "
            f"answered ({fig.period})."
        )
    later = f" ({fig.notes['later_data']})" if fig.notes.get("later_data") else ""
    return (
        f"{fig.label}: {format_value(fig.value, fig.kind)} against {comp_words} of "
        f"{comp_value}{tsrc} ({fig.period}){later}: about {m.amount:.1f} {m.unit} more than at "
        f"{comp_words}."
    )


def _day(day: dt.date) -> str:
    """A date in words: "30 April 2017"."""
    return f"{day.day} {day:%B %Y}"


def pending_reason(fig: Figure, comparator: str | None) -> str | None:
    """Why a figure measured against a target cannot be measured against it yet, or None.

    A figure compared with its ``target`` (the comparator of its materiality) is not yet
    measurable when the target falls due after the end of the period counted (the figure's
    ``due`` note later than its ``as_at``: appointments still to come count towards it), or
    when the target was set at or after that end (``target_set`` note,
    :func:`~pipelines.core.review_targets.target_measurable`: it was not in force during the
    period). A figure without a value is not measurable either. Returns the reason in words,
    "the target falls due on 30 April 2017"; None when the figure can be measured now.
    """
    from pipelines.core.review_targets import as_date, target_measurable

    if fig.value is None or pd.isna(fig.value):
        return "there is no figure yet"
    if comparator != "target":
        return None
    due, end = as_date(fig.notes.get("due")), as_date(fig.as_at)
    if due is not None and end is not None and due > end:
        return f"the target falls due on {_day(due)}"
    if not target_measurable(fig.notes.get("target_set"), fig.as_at):
        return "the target was set after the period counted" + (
            f", which ended on {_day(end)}" if end else ""
        )
    return None


def propose(
    figures: Sequence[Figure],
    rules: RankingRules | None = None,
    pol=None,
    *,
    bases: Mapping[str, float] | None = None,
    target_sources: Mapping[str, str] | None = None,
    subjects: Iterable[str] = (),
) -> list[Finding]:
    """The findings the figures support: one per figure with a materiality, unranked.

    ``target_sources``: figure key pattern (``*`` wildcards, :func:`target_fields`) -> the
    source of that figure's target, cited in the sentence.

    Figures without a comparator (or better than it), context figures (response counts) and
    figures of an illustrative section give no finding.
    """
    rules = rules or load_rules()
    out: list[Finding] = []
    seen: set[str] = set()
    for fig in figures:
        if fig.key in seen or fig.section in rules.illustrative_sections:
            continue
        if exempt_only(fig, pol):  # a public run states it in the exempt appendix only
            continue
        m = materiality(fig, rules, bases=bases)
        subject = fig.key in set(subjects)
        if subject and m is None and fig.value and fig.kind is Kind.MONEY_PER_YEAR:
            # what the decision is about: its cost a year, with no comparator
            m = Materiality(
                float(fig.value), "£ a year", float(fig.value) / rules.pounds_per_person, None, None
            )
        if m is None or m.people <= 0:
            continue
        seen.add(fig.key)
        pending = pending_reason(fig, m.comparator)
        if m.comparator is None:
            # A figure counted in people has no comparator of its own: the other service's
            # figure of the same measure is shown beside it.
            other = other_service(fig, figures)
            if other is not None and other.value is not None:
                m = Materiality(m.amount, m.unit, m.people, service(other), float(other.value))
        text = finding_text(
            fig,
            m,
            pol,
            others=figures,
            influenceable=rules.influenceable_reasons,
            target_source=match_key(fig.key, target_sources or {}),
        )
        out.append(
            Finding(
                key=fig.key,
                section=fig.section,
                text=Sentence(text) if pol is not None else text,
                figure=fig,
                comparator=COMPARATOR_WORDS.get(m.comparator or "", m.comparator),
                comparator_value=m.comparator_value,
                source=fig.source,
                period=fig.period,
                amount=m.amount,
                unit=m.unit,
                category=rules.category(fig.key),
                score=m.people * rules.weight(fig.key),
                pending=pending,
                subject=subject,
            )
        )
    return out


def target_fields() -> dict[str, str]:
    """Figure key pattern -> the review's target it is measured against (config ``targets``).

    Each section declares its own (``SectionSpec.targets``, read from the registry).
    """
    from pipelines.core import registry

    return {p: t for spec in registry.discover().values() for p, t in spec.targets.items()}


def measured_targets(figures) -> set[str]:
    """The review's targets (config ``targets`` names) whose measure has a figure with a value.

    A measure with no data in the meeting (no exit interview forms, say) is in none of its
    papers, so nothing is said of its target either, set or not.
    """
    from fnmatch import fnmatchcase

    keys = [
        f.key
        for f in figures
        if f.value is not None and not (f.value != f.value)  # NaN
    ]
    return {t for p, t in target_fields().items() if any(fnmatchcase(k, p) for k in keys)}


def target_sources(cfg) -> dict[str, str]:
    """Figure key pattern -> the source of its target, for the targets the review sets."""
    out = {}
    for pattern, name in target_fields().items():
        source = getattr(cfg, "target_sources", {}).get(name)
        if getattr(cfg.targets, name, None) is not None and source is not None:
            out[pattern] = source.short() if hasattr(source, "short") else str(source)
    return out


def rank(findings: Sequence[Finding], rules: RankingRules | None = None) -> RankedFindings:
    """Findings sorted by score, largest first (ties keep the order they were proposed in).

    Findings that cannot yet be measured (``pending``, :func:`pending_reason`) come after
    every measurable one, whatever their score: a target not yet due is not a finding yet.
    With ``rules``, a finding scoring below ``rules.min_score`` (the materiality threshold of
    ``config/findings.yml``, in people or people's worth of pounds, weighted) is too small to
    rank and is left out: 13.9% against 13.4%, about 1 FTE, is no finding.
    """
    floor = rules.min_score if rules is not None else 0.0
    kept = [f for f in findings if f.score >= floor or getattr(f, "subject", False)]
    order = sorted(
        range(len(kept)),
        key=lambda i: (
            getattr(kept[i], "pending", None) is not None,
            not getattr(kept[i], "subject", False),  # the meeting's subject first
            -kept[i].score,
            i,
        ),
    )
    return RankedFindings(unstated(kept[i] for i in order))


def unstated(ranked: Iterable[Finding]) -> list[Finding]:
    """The ranked findings less those whose figure a higher-ranked finding already states.

    A finding whose sentence quotes another figure (:attr:`Finding.states`: the starters'
    chance of leaving quotes the share of leavers who had served under two years) states it;
    a lower-ranked finding on the same figure, with the same value as printed, would state it
    a second time, so it is dropped (its chapter and the key findings say it once).
    """
    out: list[Finding] = []
    said: dict[str, float] = {}
    for f in ranked:
        value = getattr(getattr(f, "figure", None), "value", None)
        quoted = said.get(getattr(f, "key", None))
        if (
            quoted is not None
            and value is not None
            and format_value(quoted, f.figure.kind) == format_value(value, f.figure.kind)
        ):
            continue
        out.append(f)
        said.update(getattr(f, "states", None) or {})
    return out


def meeting_figures(
    cfg,
    frames: Mapping[str, pd.DataFrame],
    meeting: str | dt.date,
    *,
    national=None,
    ctx=None,
) -> list[Figure]:
    """Every typed figure the meeting's sections show, from each section's figures module.

    The headline figures (:func:`pipelines.sections.indicators.collect_figures`, which holds the
    leavers and workforce sections' further figures, the agency premium among them), with each
    section's parameters in the meeting (the notebook's defaults with the meeting's values over
    them).
    """
    from pipelines.core import registry
    from pipelines.sections import indicators as ix

    names, given = ix.meeting_sections(cfg, meeting)
    with_figures = registry.figure_sections()
    params = {n: section_parameters(n, given.get(n)) for n in names if n in with_figures}
    figures = ix.collect_figures(
        cfg,
        frames,
        meeting=str(cfg.meeting(meeting).date),
        sections=names,
        parameters=params,
        national=national,
        ctx=ctx,
    )
    return figures


def ranked_findings(
    cfg,
    frames: Mapping[str, pd.DataFrame],
    meeting: str | dt.date,
    *,
    pol: disclosure.Policy | None = None,
    national=None,
    rules: RankingRules | None = None,
    ctx=None,
) -> RankedFindings:
    """Every finding of a meeting's report, ranked by materiality, best first.

    Parameters
    ----------
    cfg : Review
    frames : mapping of str to DataFrame
        The review's tidy datasets.
    meeting : str or date
        The meeting (its sections and their parameters come from the review config).
    pol : Policy, optional
        The run's disclosure policy; the texts are :class:`~pipelines.core.figures.Sentence`
        objects written under it (exempt when None).
    national : NationalData, optional
        DfE data already read.
    rules : RankingRules, optional
        The ranking rule (``config/findings.yml`` by default).
    ctx : RunContext, optional
        The run: sections with a ``build`` give the figures of the result stored for it.

    Returns
    -------
    RankedFindings
        Each with text, figure, comparator, source, period and score; ``.top()`` gives the
        report's key findings.

    """
    rules = review_rules(cfg, rules or load_rules())
    figures = meeting_figures(cfg, frames, meeting, national=national, ctx=ctx)
    bases = {}
    base = next((f for f in figures if f.key == rules.external_base), None)
    if base is not None and base.denominator:
        bases["external"] = float(base.denominator)
    from pipelines.sections.subjects import subject_keys, subject_text

    subjects = subject_keys((f.key for f in figures), rules.subjects, subject_text(cfg, meeting))
    return rank(
        propose(
            figures,
            rules,
            pol or disclosure.Policy(),
            bases=bases,
            target_sources=target_sources(cfg),
            subjects=subjects,
        ),
        rules,
    )


def context_findings(ctx, *, national=None) -> RankedFindings:
    """:func:`ranked_findings` for a run context: its review, tidy data, meeting and policy.

    What the pack build passes to the report's key findings: the first
    ``config/findings.yml`` ``top`` of them (``.top()``) open the report.
    """
    return ranked_findings(
        ctx.review, context_frames(ctx), ctx.meeting, pol=ctx.policy, national=national, ctx=ctx
    )
