"""Evidence-linked SWOT of the local position: rules over the indicators, plus officers' entries.

Two kinds of entry, each carrying the figure, source and period behind it:

- **Rule entries.** A rule (``config/swot/<review>.yml``, named in the review's ``swot.rules``)
  compares one indicator of :mod:`pipelines.sections.indicators` with a comparator (England,
  region, neighbour median, target or the previous period). When the indicator is *worse* (or
  *better*, as the rule says, using the indicator's own direction) than the comparator by more
  than the rule's threshold, the rule puts its sentence in its quadrant. A rule whose indicator
  or comparator has no figure does not fire, and the section says so.
- **Officers' entries** (``swot_curated.yml`` in the review's raw folder, named in
  ``swot.curated``): text and quadrant written by officers, with evidence that is either an
  indicator (the figure then comes from the data and its section) or an external figure with its
  source and period (national programmes, neighbours' pay). An entry without evidence stops the
  build with a message naming the file and the entry.

Honest SWOT (issue 14):

- **Each indicator once.** The rules file lists ``measures``: for each measure (turnover,
  caseload, agency rate, vacancy rate) the indicators that measure it, most recent local figure
  first. Only the first indicator of a measure that the pack has is used; rules on the others
  say "Not used" (the SWOT never calls turnover a strength from the DfE figure and a weakness from
  the local one). An entry citing an indicator another entry already cites is left out.
- **Opportunities and threats are external.** A rule may put an entry in Opportunities or
  Threats only from an external indicator (the national statistics, :func:`is_external`);
  an officers' entry there must cite external evidence (a figure with its source), never a local
  indicator. The rules file and the officers' file are refused otherwise.
- **Curated strengths** from the evidence (peer support in the staff survey; leavers who would
  return) are officers' entries (``swot_curated.yml``).

Why a separate rules file: the rules are generic (the same comparisons suit any review of
social work recruitment and retention), officers tune thresholds and wording without touching
the review's meetings and datasets, and the review YAML stays short.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Literal

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pipelines.core import config_text
from pipelines.core.errors import ConfigError, InputError, Problem
from pipelines.sections.indicators import known_keys, value_text

QUADRANTS = ("Strengths", "Weaknesses", "Opportunities", "Threats")
COMPARATORS = ("england", "region", "neighbour_median", "target", "previous")
PLACEHOLDERS = {"value", "comparator", "comparator_name", "gap", "label", "period", "area"}
#: Grid layout for :meth:`pipelines.core.presentation.Page.show_grid`: (row header, quadrants
#: left to right); the columns are :data:`GRID_COLUMNS`.
GRID_ROWS = (
    ("Internal (the council now)", ("Strengths", "Weaknesses")),
    ("External (what may come)", ("Opportunities", "Threats")),
)
GRID_COLUMNS = ("Helpful to the aim", "Harmful to the aim")
#: Quadrant -> the word for one of its entries.
SINGULAR = {
    "Strengths": "Strength",
    "Weaknesses": "Weakness",
    "Opportunities": "Opportunity",
    "Threats": "Threat",
}
REF_LETTER = {"Strengths": "S", "Weaknesses": "W", "Opportunities": "O", "Threats": "T"}
EXTERNAL = "External"
#: Quadrants about what is outside the council.
EXTERNAL_QUADRANTS = ("Opportunities", "Threats")


def is_external(indicator: str) -> bool:
    """True for an indicator from outside the council (opportunities and threats use only these).

    A figure of a section that reads data from outside the council (``SectionSpec.inputs``:
    the DfE national statistics), read from the section registry.
    """
    from pipelines.core import registry

    spec = registry.section_of_figure(indicator)
    return spec is not None and bool(spec.inputs)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Rule(_Strict):
    """One SWOT rule: indicator against a comparator -> quadrant and sentence."""

    id: str
    indicator: str
    comparator: Literal["england", "region", "neighbour_median", "target", "previous"]
    when: Literal["worse", "better"] = Field(
        description="Fire when the indicator is worse (or better) than the comparator, using "
        "the indicator's direction (lower or higher is better)"
    )
    threshold: float = Field(
        default=0.0,
        ge=0,
        description="By more than this, in the indicator's unit (percentage points for rates)",
    )
    quadrant: Literal["Strengths", "Weaknesses", "Opportunities", "Threats"]
    template: str

    @model_validator(mode="after")
    def _external_quadrants(self) -> Rule:
        if self.quadrant in EXTERNAL_QUADRANTS and not is_external(self.indicator):
            raise ValueError(
                f"{self.quadrant} are about what is outside the council, but {self.indicator} "
                "is a local figure: put the rule in Strengths or Weaknesses"
            )
        return self

    @field_validator("indicator")
    @classmethod
    def _known_indicator(cls, v: str) -> str:
        known = known_keys()
        if v not in known:
            raise ValueError(f"unknown indicator {v!r} (known: {', '.join(known)})")
        return v

    @field_validator("template")
    @classmethod
    def _known_placeholders(cls, v: str) -> str:
        names = {f for _, f, _, _ in string.Formatter().parse(v) if f}
        unknown = sorted(names - PLACEHOLDERS)
        if unknown:
            raise ValueError(
                f"unknown placeholder(s) {', '.join(unknown)} in the template "
                f"(use: {', '.join(sorted(PLACEHOLDERS))})"
            )
        return v


class RuleSet(_Strict):
    """The rules file: the measures (each indicator once) and the rules."""

    measures: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Measure -> the indicators that measure it, the preferred (most recent "
        "local) first; only the first one in the pack is used",
    )
    rules: list[Rule]

    @field_validator("measures")
    @classmethod
    def _known_measure_indicators(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        for measure, keys in v.items():
            unknown = [k for k in keys if k not in known_keys()]
            if unknown:
                raise ValueError(f"measure {measure!r}: unknown indicator(s) {', '.join(unknown)}")
        return v


class Evidence(_Strict):
    """What an officer's entry rests on: an indicator, or a figure with its source and period."""

    indicator: str | None = Field(
        default=None,
        description="An indicator key: the figure, source and period then come from the data",
    )
    figure: str | float | None = None
    source: str | None = None
    period: str | None = None

    @model_validator(mode="after")
    def _complete(self) -> Evidence:
        if self.indicator is not None:
            known = known_keys()
            if self.indicator not in known:
                raise ValueError(
                    f"unknown indicator {self.indicator!r} (known: {', '.join(known)})"
                )
            return self
        missing = [
            k
            for k in ("figure", "source", "period")
            if getattr(self, k) is None or not str(getattr(self, k)).strip()
        ]
        if missing:
            raise ValueError(
                f"evidence needs an indicator, or a figure with its source and "
                f"period; missing: {', '.join(missing)}"
            )
        return self


class CuratedEntry(_Strict):
    """An entry written by officers."""

    id: str
    quadrant: Literal["Strengths", "Weaknesses", "Opportunities", "Threats"]
    text: str
    evidence: Evidence | None = None

    @model_validator(mode="after")
    def _external_evidence(self) -> CuratedEntry:
        ind = self.evidence.indicator if self.evidence is not None else None
        if self.quadrant in EXTERNAL_QUADRANTS and ind and not is_external(ind):
            raise ValueError(
                f"{self.quadrant} are about what is outside the council; this entry cites the "
                f"local figure {ind}: cite external evidence (figure, source, period) or move it "
                "to Strengths or Weaknesses"
            )
        return self


class CuratedFile(_Strict):
    """The officers' file: a list of entries."""

    entries: list[CuratedEntry] = Field(default_factory=list)


def _read_yaml(path: Path) -> object:
    if not path.exists():
        raise ConfigError(f"No SWOT file at {path}. Check the review's swot settings.")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"The SWOT file {path} is not valid YAML: {exc}") from None


def _display(path: Path) -> str:
    from pipelines.core.config import project_root

    try:
        return str(path.resolve().relative_to(project_root()))
    except ValueError:
        return str(path)


def load_rules(path: Path) -> list[Rule]:
    """Read and check a rules file.

    Raises
    ------
    ConfigError
        Not YAML, or a rule with an unknown key, indicator, comparator, quadrant or placeholder;
        the message names the file and the rule (its id, else its number).

    """
    return load_ruleset(path).rules


def load_ruleset(path: Path) -> RuleSet:
    """Read and check a rules file: its measures and rules (errors as :func:`load_rules`)."""
    data = _read_yaml(path) or {}
    try:
        return RuleSet.model_validate(data)
    except ValidationError as exc:
        lines = [f"The SWOT rules file {_display(path)} has {exc.error_count()} problem(s):"]
        rules = data.get("rules", []) if isinstance(data, dict) else []
        for err in exc.errors():
            loc = err["loc"]
            name = ".".join(str(p) for p in loc)
            if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
                rule = rules[loc[1]] if loc[1] < len(rules) else {}
                rid = rule.get("id") if isinstance(rule, dict) else None
                name = (
                    f"rule {loc[1] + 1}"
                    + (f' ("{rid}")' if rid else "")
                    + (f", key {'.'.join(str(p) for p in loc[2:])}" if loc[2:] else "")
                )
            msg = (
                "unknown key (check its spelling)"
                if err["type"] == "extra_forbidden"
                else err["msg"].removeprefix("Value error, ")
            )
            lines.append(f"  {name}: {msg}")
        raise ConfigError("\n".join(lines)) from None


def _printed(entry: CuratedEntry, i: int, label: str):
    """(label, YAML path, text) of each text of an officers' entry the papers print."""
    yield label, ("entries", i - 1, "text"), entry.text
    ev = entry.evidence
    if ev is not None and not ev.indicator:
        for key in ("figure", "source", "period"):
            yield label, ("entries", i - 1, "evidence", key), getattr(ev, key)


def load_curated(path: Path) -> list[CuratedEntry]:
    """Read and check the officers' SWOT entries.

    Raises
    ------
    InputError
        An entry without evidence (or with incomplete evidence), or another wrong key or value:
        one problem per entry, naming the file, the entry (its id and number), the key, what
        was found and what is expected. A text the papers print that a reader cannot place
        (a period such as "early 2016", a date without its year, a reference to an unnamed
        report: :func:`pipelines.core.config_text.file_problems`) is one too, with its line.

    """
    shown = _display(path)
    if not path.exists():
        raise InputError(
            [
                Problem(
                    "The officers' SWOT entries file is missing.",
                    shown,
                    hint="Create it, or remove swot.curated from the review.",
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
                    "The officers' SWOT entries file is not valid YAML.",
                    shown,
                    found=str(exc).splitlines()[0],
                )
            ]
        ) from None
    raw = data.get("entries", []) if isinstance(data, dict) else []
    problems = []
    entries = []
    for i, item in enumerate(raw, start=1):
        label = (
            f'entry {i} ("{item.get("id")}")'
            if isinstance(item, dict) and item.get("id")
            else f"entry {i}"
        )
        if isinstance(item, dict) and not item.get("evidence"):
            problems.append(
                Problem(
                    f"SWOT {label} has no evidence.",
                    shown,
                    column="evidence",
                    found="no evidence",
                    expected="evidence: an indicator key, or a figure with its source and period",
                    hint=f"Add the evidence under {label}, or remove the entry: every SWOT entry "
                    "must cite the figure behind it.",
                )
            )
            continue
        try:
            entries.append(CuratedEntry.model_validate(item))
            printed = _printed(entries[-1], i, f"SWOT {label}")
            problems += config_text.file_problems(shown, raw_text, printed)
        except ValidationError as exc:
            for err in exc.errors():
                key = ".".join(str(p) for p in err["loc"]) or "(entry)"
                problems.append(
                    Problem(
                        f"SWOT {label} is not valid.",
                        shown,
                        column=key,
                        found=None
                        if isinstance(err.get("input"), dict)
                        else repr(err.get("input")),
                        expected=err["msg"].removeprefix("Value error, "),
                        hint="Correct the entry in the officers' SWOT file.",
                    )
                )
    if isinstance(data, dict) and set(data) - {"entries"}:
        problems.append(
            Problem(
                "The officers' SWOT entries file has an unknown key.",
                shown,
                column=", ".join(sorted(set(data) - {"entries"})),
                expected="entries: a list of entries",
            )
        )
    if problems:
        raise InputError(problems)
    return entries


# --- Evaluating rules ------------------------------------------------------------------------

COMPARATOR_NAMES = {
    "england": "England",
    "region": "the region",
    "neighbour_median": "the statistical neighbours' median",
    "target": "the target",
    "previous": "the year before",
}


def comparator_name(comparator: str, indicator: pd.Series) -> str:
    """Member-facing name of a comparator, e.g. "East of England" for the region."""
    if comparator == "region" and isinstance(indicator.get("region_name"), str):
        return str(indicator["region_name"])
    return COMPARATOR_NAMES[comparator]


def _number(x: object) -> float | None:
    return None if x is None or pd.isna(x) else float(x)


def gap_worse(value: float, comparator: float, direction: str) -> float:
    """How much worse the value is than the comparator (negative when better), in its unit."""
    return value - comparator if direction == "lower" else comparator - value


def rule_fires(rule: Rule, indicator: pd.Series) -> bool | None:
    """Whether ``rule`` fires for one indicator row; None when a figure is missing.

    Fires when the indicator is worse (``when: worse``) or better (``when: better``) than the
    comparator by more than ``rule.threshold``, worse meaning higher for a lower-is-better
    indicator and lower for a higher-is-better one.
    """
    value, comp = _number(indicator.get("value")), _number(indicator.get(rule.comparator))
    if value is None or comp is None:
        return None
    gap = gap_worse(value, comp, str(indicator["direction"]))
    return gap > rule.threshold if rule.when == "worse" else -gap > rule.threshold


def _gap_text(gap: float, unit: str) -> str:
    if unit == "%":
        return f"{abs(gap):.1f} percentage points"
    if unit == "average (1 to 5)":
        return f"{abs(gap):.2f}"
    return f"{abs(gap):.1f} {unit}"


def _entry(
    quadrant: str,
    text: str,
    ind: pd.Series | None,
    *,
    origin: str,
    comparator: str = "",
    figure: str = "",
    source: str = "",
    period: str = "",
) -> dict:
    if ind is not None:
        figure = value_text(ind["value"], ind["unit"])
        source, period = str(ind["source"]), str(ind["period"])
    return {
        "quadrant": quadrant,
        "text": text,
        "figure": figure,
        "compared_with": comparator,
        "source": source,
        "period": period,
        "value": None if ind is None else float(ind["value"]),
        "unit": "" if ind is None else str(ind["unit"]),
        "kind": "" if ind is None else str(ind.get("kind") or ""),
        "numerator": None if ind is None else _number(ind.get("numerator")),
        "denominator": None if ind is None else _number(ind.get("denominator")),
        "indicator": "" if ind is None else str(ind["key"]),
        "section": EXTERNAL if ind is None else str(ind["section"]),
        "table": "" if ind is None else str(ind["table"]),
        "origin": origin,
    }


def preferred_indicators(
    measures: dict[str, list[str]], indicators: pd.DataFrame
) -> dict[str, tuple[str, str]]:
    """Indicators set aside because their measure has a preferred one in the pack.

    Returns indicator key -> (measure, the preferred indicator used instead).
    """
    have = set(indicators["key"]) if len(indicators) else set()
    out: dict[str, tuple[str, str]] = {}
    for measure, keys in measures.items():
        present = [k for k in keys if k in have]
        for k in present[1:]:
            out[k] = (measure, present[0])
    return out


def evaluate_rules(
    rules: list[Rule],
    indicators: pd.DataFrame,
    *,
    area: str = "The council",
    measures: dict[str, list[str]] | None = None,
) -> tuple[list[dict], pd.DataFrame]:
    """Apply the rules to the indicators, each measure from one indicator only.

    ``measures`` (the rules file's): a rule on an indicator whose measure has a preferred
    indicator in the pack is not used (its result says which figure is used instead).

    Returns
    -------
    (list of dict, pandas.DataFrame)
        The entries of the rules that fired (see :func:`swot_entries` for the keys), and one row
        per rule for members: "Rule", "Indicator", "Compared with", "Fires when", "Result"
        ("In the SWOT", "Does not apply", or why it was not evaluated).

    """
    by_key = {r["key"]: r for _, r in indicators.iterrows()}
    set_aside = preferred_indicators(measures or {}, indicators)
    entries, checks = [], []
    for rule in rules:
        ind = by_key.get(rule.indicator)
        when = f"{rule.when} than {COMPARATOR_NAMES[rule.comparator]}" + (
            f" by more than {rule.threshold:g}" if rule.threshold else ""
        )
        row = {
            "Rule": rule.id,
            "Indicator": rule.indicator if ind is None else ind["label"],
            "Quadrant": rule.quadrant,
            "Fires when": when,
        }
        if ind is None:
            row["Result"] = "Not evaluated: the figure is not in this pack"
            checks.append(row)
            continue
        if rule.indicator in set_aside:
            measure, used = set_aside[rule.indicator]
            row["Result"] = (
                f"Not used: the SWOT states {measure} once, from {by_key[used]['label']} "
                "(the most recent local figure)"
            )
            checks.append(row)
            continue
        fired = rule_fires(rule, ind)
        if fired is None:
            row["Result"] = f"Not evaluated: no figure for {comparator_name(rule.comparator, ind)}"
        elif not fired:
            row["Result"] = "Does not apply"
        else:
            row["Result"] = "In the SWOT"
            comp = float(ind[rule.comparator])
            name = comparator_name(rule.comparator, ind)
            gap = gap_worse(float(ind["value"]), comp, str(ind["direction"]))
            text = rule.template.format(
                value=value_text(ind["value"], ind["unit"]),
                comparator=value_text(comp, ind["unit"]),
                comparator_name=name,
                gap=_gap_text(gap, ind["unit"]),
                label=ind["label"],
                period=ind["period"],
                area=area,
            )
            entries.append(
                _entry(
                    rule.quadrant,
                    text,
                    ind,
                    origin=f"Rule: {rule.id}",
                    comparator=f"{name}: {value_text(comp, ind['unit'])}",
                )
            )
        checks.append(row)
    return entries, pd.DataFrame(
        checks, columns=["Rule", "Indicator", "Quadrant", "Fires when", "Result"]
    )


def curated(entries: list[CuratedEntry], indicators: pd.DataFrame) -> tuple[list[dict], list[str]]:
    """The officers' entries with their evidence; notes on entries left out.

    An entry citing an indicator takes the figure, source and period from the data; when that
    indicator is not in this pack, the entry is left out and a note says so.
    """
    by_key = {r["key"]: r for _, r in indicators.iterrows()}
    out, notes = [], []
    for e in entries:
        ev = e.evidence
        if ev.indicator:
            ind = by_key.get(ev.indicator)
            if ind is None:
                notes.append(
                    f"The officers' entry \u201c{e.id}\u201d is left out: its evidence "
                    f"({ev.indicator}) comes from a section that is not in this pack."
                )
                continue
            out.append(_entry(e.quadrant, e.text, ind, origin=f"Officers: {e.id}"))
        else:
            figure = ev.figure if isinstance(ev.figure, str) else f"{ev.figure:g}"
            out.append(
                _entry(
                    e.quadrant,
                    e.text,
                    None,
                    origin=f"Officers: {e.id}",
                    figure=figure,
                    source=str(ev.source),
                    period=str(ev.period),
                )
            )
    return out, notes


def swot_entries(rule_entries: list[dict], curated_entries: list[dict]) -> pd.DataFrame:
    """All entries in quadrant order with references S1, W1, O1, T1...

    Returns
    -------
    pandas.DataFrame
        Columns ref, quadrant, text, figure (as shown), compared_with, source, period, value
        (the number, when it comes from a section), indicator, section (notebook name, or
        "External"), table (where the section shows the figure), origin (rule or officers).

    """
    rows = pd.DataFrame(
        rule_entries + curated_entries,
        columns=[
            "quadrant",
            "text",
            "figure",
            "compared_with",
            "source",
            "period",
            "value",
            "unit",
            "kind",
            "numerator",
            "denominator",
            "indicator",
            "section",
            "table",
            "origin",
        ],
    )
    rows["_q"] = rows["quadrant"].map(QUADRANTS.index)
    rows = rows.sort_values("_q", kind="stable").drop(columns="_q").reset_index(drop=True)
    rows.insert(
        0,
        "ref",
        [
            f"{REF_LETTER[q]}{i + 1}"
            for q, i in zip(rows["quadrant"], rows.groupby("quadrant").cumcount(), strict=True)
        ],
    )
    return rows


def swot_files(cfg) -> tuple[Path | None, Path | None]:
    """The review's rules file and officers' entries file (None when not configured)."""
    from pipelines.core.config import project_root

    if cfg.swot is None:
        return None, None
    rules = Path(cfg.swot.rules)
    rules = rules if rules.is_absolute() else project_root() / rules
    cur = cfg.raw_path() / cfg.swot.curated if cfg.swot.curated else None
    return rules, cur


def build_swot(
    cfg, indicators: pd.DataFrame, *, area: str | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Entries, rule results and notes for a review: rules and officers' entries together.

    Parameters
    ----------
    cfg : Review
        Review config with a ``swot`` block (rules file, officers' entries file).
    indicators : pandas.DataFrame
        From :func:`pipelines.sections.indicators.collect_indicators`.
    area : str, optional
        Name used in rule sentences; default the council's name.

    Raises
    ------
    ConfigError
        No ``swot`` block in the review, or a wrong rule.
    InputError
        An officers' entry without evidence or otherwise wrong.

    """
    rules_path, cur_path = swot_files(cfg)
    if rules_path is None:
        raise ConfigError(
            f"Review '{cfg.id}' has no swot settings: add swot: {{rules: "
            f"config/swot/{cfg.id}.yml, curated: swot_curated.yml}}."
        )
    ruleset = load_ruleset(rules_path)
    fired, checks = evaluate_rules(
        ruleset.rules, indicators, area=area or cfg.council, measures=ruleset.measures
    )
    chosen, notes = curated(load_curated(cur_path), indicators) if cur_path else ([], [])
    set_aside = preferred_indicators(ruleset.measures, indicators)
    kept, used = [], set()
    for e in fired + chosen:
        ind = e["indicator"]
        if ind and (ind in used or ind in set_aside):
            notes.append(
                f"\u201c{e['text']}\u201d ({e['origin']}) is left out: the SWOT states each "
                "figure once."
            )
            continue
        used.add(ind)
        kept.append(e)
    fired = [e for e in kept if e["origin"].startswith("Rule")]
    chosen = [e for e in kept if not e["origin"].startswith("Rule")]
    return swot_entries(fired, chosen), checks, notes


#: A count of people an officers' entry states ("61 staff answered").
_PEOPLE_COUNT = re.compile(
    r"\b(\d[\d,]*)\s+(?:staff|people|respondents|individuals|social workers|workers|leavers)\b",
    re.IGNORECASE,
)
_PARAGRAPHS = re.compile(r"\bparagraphs?\s+(\d+)", re.IGNORECASE)
_APPENDICES = re.compile(r"\bAppendix\s+(\d+)", re.IGNORECASE)


def paper_figure_problems(cfg, frames) -> list[Problem]:
    """Officers' entries that cite a paper for a count of people the paper does not print.

    Where the review holds the figures a paper printed (a dataset of the grain "figure printed
    in a published paper", with the meeting whose papers printed them), an officers' entry
    whose source names that paper (its meeting's date) and a paragraph or appendix of it must
    give, for each count of people it states ("61 staff answered"), a figure the paper prints
    there (its ``value`` column), and one the paper gives once: the same measure of the same
    group printed with another value elsewhere in the paper is a problem too. The SWOT's "S2
    ... 61 staff answered; source: ... paragraph 26; Appendix 1" cited a paper whose Appendix 1
    gives 61 respondents and whose paragraph 23 says 55 (issue 22): an entry carries the
    paper's own figure, or cites the pack's data instead (``evidence: {indicator: ...}``).
    """
    from pipelines.core.dataset_access import grain_of

    _rules, cur_path = swot_files(cfg)
    if cur_path is None or not cur_path.is_file():
        return []
    papers = []
    for name, ds in cfg.datasets.items():
        grain = grain_of(name)
        when = getattr(ds, "meeting", None)
        if grain and "published paper" in grain.row and when and name in frames:
            papers.append((f"{when.day} {when:%B %Y}", frames[name]))
    problems = []
    for e in load_curated(cur_path):
        ev = e.evidence
        if ev is None or ev.indicator or not ev.source:
            continue
        source, figure = str(ev.source), str(ev.figure)
        for date, table in papers:
            if date not in source:
                continue
            where = table["published_in"].astype(str)
            at = where.isin([f"Report para {n}" for n in _PARAGRAPHS.findall(source)])
            for n in _APPENDICES.findall(source):
                at |= where.str.startswith(f"Appendix {n}")
            if not at.any():
                continue
            values = pd.to_numeric(table["value"], errors="coerce")
            for m in _PEOPLE_COUNT.finditer(figure):
                said = float(m.group(1).replace(",", ""))
                hits = table[at & (values == said)]
                # the same measure of the same group anywhere in the paper: one value, or the
                # paper disagrees with itself and the entry cannot rest on it
                what = ["survey", "measure", "service", "question"]
                keys = set(hits[what].astype(str).itertuples(index=False, name=None))
                same = table[
                    [k in keys for k in table[what].astype(str).itertuples(index=False, name=None)]
                ]
                other = sorted(
                    {
                        f"{v:g} ({w})"
                        for v, w in zip(values[same.index], same["published_in"], strict=True)
                        if v != said
                    }
                )
                if len(hits) and not other:
                    continue
                problems.append(
                    Problem(
                        f"The officers' SWOT entry \u201c{e.id}\u201d gives "
                        f"\u201c{m.group(0)}\u201d, citing {source}: "
                        + (
                            "the paper does not print it there."
                            if not len(hits)
                            else "the same paper also gives " + ", ".join(other) + "."
                        ),
                        str(cur_path.name),
                        column="evidence",
                        found=figure,
                        hint="Give the paper's own figure where it is printed once, or cite "
                        "the pack's data for it (evidence: {indicator: <key>}).",
                    )
                )
    return problems
