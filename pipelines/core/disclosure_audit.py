"""Disclosure audit: whether any suppressed count of people can be worked out from the rest.

The public variant replaces counts of people from 1 to *t* − 1 (the review's threshold) with
``[c]``, and hides more cells so that totals cannot give them away
(:func:`pipelines.core.disclosure.protect_table`). This module checks that claim the way an
attacker would: it takes the tables as published and everything that ties their cells together,
and for every ``[c]`` cell computes the smallest and largest value consistent with all of it, by
linear programming (:func:`scipy.optimize.linprog`, HiGHS) or in closed form where the shape
allows (:mod:`pipelines.core.disclosure_solve`).

The model
---------
Unknowns
    Every suppressed cell of a count-of-people column, and every *implicit* count: the people in
    a population that one table counts and another splits only in part (e.g. leavers who are not
    social workers, when a table shows all leavers and social-work leavers).
Bounds
    A suppressed cell is at least 1: the tool always shows zeros, and only non-zero cells are
    suppressed. It has no upper bound other than what the equations imply (a suppressed cell may
    be a secondary suppression of any size), but in a table whose printed legend says "fewer
    than t" (:attr:`Layout.hidden_below`, or ``audit(bounded=...)``) each is at most t - 1, as
    its reader knows; so in the pack's audit too, where tables are checked together. An
    implicit count is at least 0.
Constraints (published cells are constants)
    - **Total rows**: a row labelled "Total" is the sum of the other rows, column by column.
    - **Total columns**: a column that is the sum of other count columns (e.g. "Answered" =
      the answers 1 to 5) equals their sum in every row.
    - **Means**: where a row publishes the mean of scored answers (columns whose labels start with
      the score, "1 most positive" ... "5 most negative") with their counts, the sum of
      (score − mean) × count is within the rounding of the published mean (half a unit of its last
      published digit, at least 10⁻⁶) times the row's number of answers N: so an average printed
      to many decimal places is treated as exact, as an attacker would treat it. Where N is
      hidden too it is the sum of the counts, and the rounding gives (mean − half) × N <=
      sum(score × count) <= (mean + half) × N: two constraints, each linear in the counts.
    - **The same population in two tables**: count columns that declare a :class:`Population`
      (a name shared across tables, the dimensions their rows split it by, and dimensions fixed for
      the whole column) are tied together. A cell keyed by some dimensions equals the sum of the
      body cells of another column of the same population that split the same people further, when
      that column covers the whole population; when the other column covers only part of it
      (it fixes a dimension the cell does not), the cell equals their sum plus an implicit count.
      A "Total" row is keyed by its column's fixed dimensions only.
    - **Who is in each row**: columns of a population that declare its parts (the finest groups
      of people, :attr:`Population.parts`) are tied by them instead: a row equals the rows of
      another column made of the same parts (a route and a campaign of the same applications),
      or their sum plus an implicit count when it holds more (a merged "Other campaigns" row
      holding a campaign another table prints). A population declared within a wider one
      (:attr:`Population.within`: those accepted were all offered) is at most the wider rows
      holding its parts.
Relaxation
    Counts are integers; the model relaxes them to real numbers, so the ranges it finds are at
    least as wide as the true integer ranges: the audit never misses a disclosure that the
    constraints imply through a narrower real range.

What counts as a disclosure
    A cell is *recoverable* when its feasible range holds fewer than *t* − 1 whole numbers (fewer
    than the values 1 to *t* − 1 that "[c]" itself stands for) and the range does not lie wholly
    at or above *t* (knowing that a group has at least *t* people discloses no small number) and
    is not exactly zero. So an attacker learns no more about any suppressed cell than ``[c]``
    says.

Percentages, rates and means computed from counts are not unknowns: the disclosure layer hides them
in every row where one of their counts is hidden, so they add no constraint on hidden cells.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pipelines.core.disclosure_solve import (
    INFEASIBLE,
    component_ranges_by_lp,
    component_ranges_closed_form,
    count_whole_numbers,
    is_recoverable,
)

SUPPRESSED = "[c]"
#: Half a unit of the last digit of a published mean is at least this (floating-point slack).
MIN_MEAN_TOLERANCE = 1e-6
SCORE_LABEL = re.compile(r"^\s*(\d+)\b")


@dataclass(frozen=True)
class Population:
    """A population of people that a count column counts, split by some dimensions.

    Attributes
    ----------
    name : str
        Shared by every column (in any table) that counts the same people, e.g. ``"leavers"``
        or ``"exit_forms"``.
    by : mapping of str to str
        Dimension -> the column of the table whose value gives the row's group
        (``{"Service": "Service"}``).
    fixed : mapping of str to str
        Dimension -> the value it has for every row of the column (``{"Service": "Adult Social
        Care"}`` for a table of one service; ``{"Profession": "Social work"}`` for a column of
        social-work leavers only).
    bands : mapping of str to mapping of str to tuple of str
        Dimension -> {a wider group's value: the values of this column's rows it is made of}.
        A table of leavers by length of service ("Less than 1 year", "Between 1 and 2 years",
        ...) declares ``{"Length of service": {"under 2 years": ("Less than 1 year", "Between 1
        and 2 years")}}``, so a cell another table publishes for leavers "under 2 years"
        (:func:`under_years_label`) is tied to the sum of those two rows: with it published,
        one of them shown gives the other away.
    parts : mapping of str to mapping of str to tuple of str
        Dimension -> {a row's value: the parts of the population its people are in}. The parts
        are the finest groups a section splits the people into (applications by route, campaign
        and so on), named the same in every table (opaque names: ``"g1"``, ``"g2"``...), so that
        tables which split the same people by different dimensions are tied by who is in each
        row: a route and a campaign made of the same applications are the same people, and a
        merged "Other campaigns" row holds a campaign another table shows. Two columns of the
        population that both declare parts are tied by them, not by their keys (see
        :func:`_parts_constraints`).
    within : str
        The name of a wider population every person of this one is also in (the applicants who
        accepted an offer were all offered one): with parts declared on both, each row is at
        most the sum of the wider population's rows that hold any of its parts
        (:func:`_within_constraints`). The difference is not a count the audit protects: it
        is no cell of any table (the people who left between two stages, shown as the
        percentage of the stage before).

    """

    name: str
    by: Mapping[str, str] = field(default_factory=dict)
    fixed: Mapping[str, str] = field(default_factory=dict)
    bands: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    parts: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    within: str = ""

    def to_json(self) -> dict:
        """A JSON-ready form (see :meth:`from_json`)."""
        out = {"name": self.name, "by": dict(self.by), "fixed": dict(self.fixed)}
        if self.bands:
            out["bands"] = {d: {k: list(v) for k, v in b.items()} for d, b in self.bands.items()}
        if self.parts:
            out["parts"] = {d: {k: list(v) for k, v in b.items()} for d, b in self.parts.items()}
        if self.within:
            out["within"] = self.within
        return out

    @classmethod
    def from_json(cls, data: Mapping) -> Population:
        """The population written by :meth:`to_json`."""

        def read(key: str) -> dict[str, dict[str, tuple[str, ...]]]:
            return {
                d: {k: tuple(v) for k, v in b.items()} for d, b in (data.get(key) or {}).items()
            }

        return cls(
            data["name"],
            dict(data.get("by", {})),
            dict(data.get("fixed", {})),
            read("bands"),
            read("parts"),
            str(data.get("within") or ""),
        )

    def holds(self, dimension: str, value: str, key: str) -> bool:
        """Whether a row whose ``dimension`` is ``value`` belongs to the group ``key``.

        The same value, or one of the values the band ``key`` is made of (:attr:`bands`).
        """
        return value == key or value in self.bands.get(dimension, {}).get(key, ())


def under_years_label(years: float) -> str:
    """The name of the group of people with less than ``years`` years' service.

    "under 2 years": the value sections give a length-of-service dimension for such a group
    (:attr:`Population.bands`).
    """
    return f"under {years:g} year" if years == 1 else f"under {years:g} years"


@dataclass(frozen=True)
class Layout:
    """What ties the cells of one published table together (see the module docstring).

    Attributes
    ----------
    counts : tuple of str
        Columns of counts of people (the only cells that may be suppressed as counts).
    total_rows : tuple of int
        Positions of rows that are the sum of the other rows (the first is used).
    total_columns : mapping of str to tuple of str
        Count column -> the count columns it is the sum of, in every row.
    means : mapping of str to mapping of str to float
        Mean column -> {count column: score}; the mean is sum(score × count) / sum(count).
    populations : mapping of str to Population
        Count column -> the population it counts.
    hidden_below : int, optional
        Set when the table's printed legend says every ``[c]`` is "fewer than" this number
        (:func:`pipelines.core.disclosure.suppression_note` with no secondary suppression):
        a reader of the legend knows each is at most ``hidden_below`` - 1, and the audit
        models it so. None: a ``[c]`` may be any count of 1 or more.

    """

    counts: tuple[str, ...] = ()
    total_rows: tuple[int, ...] = ()
    total_columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    means: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    populations: Mapping[str, Population] = field(default_factory=dict)
    hidden_below: int | None = None

    def to_json(self) -> dict:
        """A JSON-ready form, stored with each table's output (see :meth:`from_json`)."""
        out = {
            "counts": list(self.counts),
            "total_rows": list(self.total_rows),
            "total_columns": {k: list(v) for k, v in self.total_columns.items()},
            "means": {k: dict(v) for k, v in self.means.items()},
            "populations": {k: p.to_json() for k, p in self.populations.items()},
        }
        if self.hidden_below is not None:
            out["hidden_below"] = self.hidden_below
        return out

    @classmethod
    def from_json(cls, data: Mapping) -> Layout:
        """The layout written by :meth:`to_json`."""
        return cls(
            counts=tuple(data.get("counts", ())),
            total_rows=tuple(int(i) for i in data.get("total_rows", ())),
            total_columns={k: tuple(v) for k, v in data.get("total_columns", {}).items()},
            means={k: dict(v) for k, v in data.get("means", {}).items()},
            populations={
                k: Population.from_json(v) for k, v in data.get("populations", {}).items()
            },
            hidden_below=data.get("hidden_below"),
        )


@dataclass(frozen=True)
class PublishedTable:
    """One table as published: its cells (``"[c]"`` where suppressed) and its layout."""

    name: str
    data: pd.DataFrame
    layout: Layout

    def cell(self, row: int, column: str) -> object:
        """The cell at row position ``row`` in ``column``: ``data.iloc[row][column]``.

        The same value (a row's cells take the row's common type, as ``iloc`` gives them),
        read from one array of the table made on first use instead of a new row each time.
        """
        grid = self.__dict__.get("_grid")
        if grid is None:
            grid = (self.data.to_numpy(), {c: j for j, c in enumerate(self.data.columns)})
            object.__setattr__(self, "_grid", grid)
        values, where = grid
        return values[row, where[column]]


#: A cell: (table name, row position, column label); implicit counts use a column label
#: starting "<implicit".
Cell = tuple[str, int, str]


@dataclass(frozen=True)
class CellRange:
    """The feasible range of one suppressed (or implicit) cell."""

    cell: Cell
    low: float
    high: float
    recoverable: bool
    implicit: bool = False

    def to_json(self) -> dict:
        """A JSON-ready form for ``disclosure_audit.json``."""
        table, row, column = self.cell
        return {
            "table": table,
            "row": row,
            "column": column,
            "low": round(self.low, 6),
            "high": None if math.isinf(self.high) else round(self.high, 6),
            "recoverable": self.recoverable,
            "implicit": self.implicit,
        }


@dataclass
class AuditResult:
    """The audit of a set of published tables under a threshold."""

    threshold: int
    tables: list[str]
    ranges: list[CellRange]
    inconsistent: list[list[str]] = field(default_factory=list)

    @property
    def recoverable(self) -> list[CellRange]:
        """The cells whose range is narrower than the protection interval."""
        return [r for r in self.ranges if r.recoverable]

    @property
    def safe(self) -> bool:
        """True when no suppressed value can be recovered and the tables are consistent."""
        return not self.recoverable and not self.inconsistent

    def summary(self) -> str:
        """One sentence for the technical appendix."""
        checked = sum(1 for r in self.ranges if not r.implicit)
        if self.safe:
            return (
                f"{checked} suppressed cell(s) in {len(self.tables)} table(s) checked against "
                "every total and shared count published: no suppressed value can be recovered "
                f"(each could be any of at least {self.threshold - 1} values)."
            )
        return (
            f"{checked} suppressed cell(s) checked: {len(self.recoverable)} could be recovered"
            + (
                f"; {len(self.inconsistent)} group(s) of tables disagree"
                if self.inconsistent
                else ""
            )
            + "."
        )

    def to_json(self) -> dict:
        """The content of ``disclosure_audit.json``."""
        return {
            "threshold": self.threshold,
            "tables_checked": self.tables,
            "suppressed_cells_checked": sum(1 for r in self.ranges if not r.implicit),
            "implicit_counts_checked": sum(1 for r in self.ranges if r.implicit),
            "recoverable": len(self.recoverable),
            "inconsistent_groups": self.inconsistent,
            "conclusion": self.summary(),
            "model": "see pipelines/core/disclosure_audit.py (module docstring)",
            "cells": [r.to_json() for r in self.ranges],
        }


def published_number(value: object) -> float | None:
    """A published cell as a number; None when suppressed, missing or not a number."""
    if value is None or (isinstance(value, str) and value.strip() == SUPPRESSED):
        return None
    try:
        number = float(str(value).replace(",", "")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def is_suppressed(value: object) -> bool:
    """True for a ``[c]`` cell."""
    return isinstance(value, str) and value.strip() == SUPPRESSED


def mean_tolerance(value: object) -> float:
    """Half a unit of the last published digit of a mean (at least :data:`MIN_MEAN_TOLERANCE`)."""
    text = str(value)
    if "e" in text.lower():
        return MIN_MEAN_TOLERANCE
    decimals = len(text.split(".")[1]) if "." in text else 0
    return max(0.5 * 10.0**-decimals, MIN_MEAN_TOLERANCE)


def score_columns(columns: Iterable[str]) -> dict[str, float]:
    """Answer columns whose label starts with their score ("1 most positive", "2"...)."""
    scores = {}
    for c in columns:
        m = SCORE_LABEL.match(str(c))
        if m:
            scores[str(c)] = float(m.group(1))
    return scores


class _Model:
    """Unknowns and linear constraints of a set of published tables."""

    def __init__(self) -> None:
        self.index: dict[Cell, int] = {}
        self.lower: list[float] = []
        self.implicit: list[bool] = []
        # Each constraint: ({unknown: coefficient}, low, high) for low <= sum <= high.
        self.rows: list[tuple[dict[int, float], float, float]] = []
        self.origin: list[str] = []

    def unknown(self, cell: Cell, lower: float, implicit: bool = False) -> int:
        if cell not in self.index:
            self.index[cell] = len(self.lower)
            self.lower.append(lower)
            self.implicit.append(implicit)
        return self.index[cell]

    def add(self, terms: Sequence[tuple[float, object]], low: float, high: float, origin: str):
        """Add low <= sum(coef * term) <= high; a term is a number or a cell key (unknown)."""
        coefs: dict[int, float] = {}
        constant = 0.0
        for coef, term in terms:
            if isinstance(term, int):
                coefs[term] = coefs.get(term, 0.0) + coef
            else:
                constant += coef * float(term)
        coefs = {k: v for k, v in coefs.items() if abs(v) > 1e-12}
        if not coefs:
            if not (low - 1e-6 <= constant <= high + 1e-6):
                self.rows.append(({}, low - constant, high - constant))
                self.origin.append(origin)
            return
        self.rows.append((coefs, low - constant, high - constant))
        self.origin.append(origin)


def _cell_term(model: _Model, table: PublishedTable, row: int, column: str):
    """The term for one count cell: its number, the unknown's index, or None if not usable."""
    value = table.cell(row, column)
    if is_suppressed(value):
        return model.unknown((table.name, row, column), 1.0)
    return published_number(value)


def _build(tables: Sequence[PublishedTable]) -> _Model:
    model = _Model()
    for t in tables:
        _table_constraints(model, t)
    _population_constraints(model, tables)
    return model


def _table_constraints(model: _Model, t: PublishedTable) -> None:
    lay, df = t.layout, t.data
    counts = [c for c in lay.counts if c in df.columns]
    n = len(df)
    for r in range(n):
        for c in counts:
            _cell_term(model, t, r, c)
    totals = [i for i in lay.total_rows if 0 <= i < n]
    if totals:
        total = totals[0]
        body = [i for i in range(n) if i not in totals]
        for c in counts:
            terms = [_cell_term(model, t, i, c) for i in [*body, total]]
            if any(x is None for x in terms):
                continue
            model.add(
                [(1.0, x) for x in terms[:-1]] + [(-1.0, terms[-1])], 0, 0, f"{t.name}: {c} total"
            )
    for tc, parts in lay.total_columns.items():
        if tc not in df.columns or any(p not in df.columns for p in parts):
            continue
        for r in range(n):
            terms = [_cell_term(model, t, r, c) for c in [*parts, tc]]
            if any(x is None for x in terms):
                continue
            model.add(
                [(1.0, x) for x in terms[:-1]] + [(-1.0, terms[-1])],
                0,
                0,
                f"{t.name}: {tc} row {r}",
            )
    for mc, scores in lay.means.items():
        if mc not in df.columns or any(c not in df.columns for c in scores):
            continue
        for r in range(n):
            mean_cell = t.cell(r, mc)
            mean = published_number(mean_cell)
            if mean is None:
                continue
            terms = [(s, _cell_term(model, t, r, c)) for c, s in scores.items()]
            if any(x is None for _, x in terms):
                continue
            if not any(isinstance(x, int) for _, x in terms):
                continue
            half = mean_tolerance(mean_cell)
            answers = _published_answers(lay, t, r, scores)
            origin = f"{t.name}: {mc} row {r}"
            if answers is not None:  # N published: one row, |sum((s - mean) n_s)| <= half N
                tol = half * answers
                model.add([(s - mean, x) for s, x in terms], -tol, tol, origin)
                continue
            # N hidden: N = sum(n_s), so (mean - half) N <= sum(s n_s) <= (mean + half) N
            # is two rows, each linear in the counts.
            model.add([(s - mean - half, x) for s, x in terms], -math.inf, 0.0, origin)
            model.add([(s - mean + half, x) for s, x in terms], 0.0, math.inf, origin)


def _published_answers(lay: Layout, t: PublishedTable, r: int, scores) -> float | None:
    """The number of answers behind row ``r``'s mean, or None when the row does not publish it.

    The row's cell in a total column of exactly the scored answers.
    """
    for tc, parts in lay.total_columns.items():
        if set(parts) == set(scores) and tc in t.data.columns:
            value = published_number(t.cell(r, tc))
            if value is not None:
                return value
    return None


def _population_constraints(model: _Model, tables: Sequence[PublishedTable]) -> None:
    # Columns of each population: (table, column, population, body rows, total rows).
    columns: dict[str, list[tuple[PublishedTable, str, Population]]] = {}
    for t in tables:
        for c, pop in t.layout.populations.items():
            if c in t.data.columns and c in t.layout.counts:
                columns.setdefault(pop.name, []).append((t, c, pop))
    for name, cols in columns.items():
        # The groups of each column: cells with the same key summed (a column's rows may split
        # its groups further by dimensions the population does not declare, such as role).
        groups = []
        for t, c, pop in cols:
            totals = set(i for i in t.layout.total_rows if 0 <= i < len(t.data))
            keyed: dict[tuple, list[int]] = {}
            for r in range(len(t.data)):
                key = dict(pop.fixed)
                if r not in totals:
                    key.update({d: str(t.cell(r, col)) for d, col in pop.by.items()})
                keyed.setdefault(tuple(sorted(key.items())), []).append(r)
            for key, rows in keyed.items():
                groups.append((t, c, dict(key), rows))
        for tp, cp, kp, rows_p in groups:
            p_terms = [_cell_term(model, tp, r, cp) for r in rows_p]
            if any(x is None for x in p_terms):
                continue
            for tq, cq, pq in cols:
                if tq is tp and cq == cp:
                    continue
                if pq.parts and tp.layout.populations[cp].parts:
                    continue  # tied by who is in each row (_parts_constraints)
                # Q splits P's people (further) if it can be filtered to P's key.
                if any(d in kp and kp[d] != v for d, v in pq.fixed.items()):
                    continue
                if not set(kp) <= set(pq.by) | set(pq.fixed):
                    continue
                subset = any(d not in kp for d in pq.fixed)
                totals = set(i for i in tq.layout.total_rows if 0 <= i < len(tq.data))
                rows = [
                    r
                    for r in range(len(tq.data))
                    if r not in totals
                    and all(
                        pq.holds(d, str(tq.cell(r, pq.by[d])), v)
                        for d, v in kp.items()
                        if d in pq.by
                    )
                ]
                terms = [_cell_term(model, tq, r, cq) for r in rows]
                if any(x is None for x in terms):
                    continue
                eq = [(1.0, x) for x in p_terms] + [(-1.0, x) for x in terms]
                if subset:
                    rest = model.unknown(
                        (tp.name, rows_p[0], f"<implicit: {cp} not in {tq.name} {cq}>"), 0.0, True
                    )
                    eq.append((-1.0, rest))
                model.add(eq, 0, 0, f"{name}: {tp.name} {cp} {kp} = {tq.name} {cq}")
        _parts_constraints(model, name, [(t, c, p) for t, c, p in cols if p.parts])
    for cols in columns.values():
        for t, c, pop in cols:
            wider = [(tq, cq, pq) for tq, cq, pq in columns.get(pop.within, []) if pq.parts]
            if pop.parts and wider:
                _within_constraints(model, (t, c, pop), wider)


def _row_parts(t: PublishedTable, pop: Population) -> dict[int, frozenset[str]]:
    """Row position -> the parts of the population its people are in (:attr:`Population.parts`).

    A total row holds the parts of every other row; a row whose value the population does not
    list is left out (nothing is known of who is in it).
    """
    totals = set(i for i in t.layout.total_rows if 0 <= i < len(t.data))
    out: dict[int, frozenset[str]] = {}
    for r in range(len(t.data)):
        if r in totals:
            continue
        found: set[str] = set()
        for d, listed in pop.parts.items():
            if d in pop.by and str(t.cell(r, pop.by[d])) in listed:
                found |= set(listed[str(t.cell(r, pop.by[d]))])
        if found:
            out[r] = frozenset(found)
    if out:
        every = frozenset().union(*out.values())
        out.update({r: every for r in totals})
    return out


def _within_constraints(
    model: _Model,
    narrow: tuple[PublishedTable, str, Population],
    wider: Sequence[tuple[PublishedTable, str, Population]],
) -> None:
    """Each row of ``narrow`` is at most the rows of each ``wider`` column holding its parts.

    Its people are all in the wider population (:attr:`Population.within`) and in the parts it
    declares; the rows of one wider column are disjoint, so those holding any of the parts hold
    all of its people: 6 accepted on a route is at most its offered, and a campaign's appointed
    at most the accepted of the routes its applications came by.
    """
    tp, cp, pp = narrow
    for rp, held in _row_parts(tp, pp).items():
        p_term = _cell_term(model, tp, rp, cp)
        if p_term is None:
            continue
        for tq, cq, pq in wider:
            totals = set(tq.layout.total_rows)
            parts = {r: s for r, s in _row_parts(tq, pq).items() if r not in totals}
            rows = [r for r, s in parts.items() if s & held]
            if not rows or not held <= frozenset().union(*(parts[r] for r in rows)):
                continue  # some of its people are in no row of the wider column
            terms = [_cell_term(model, tq, r, cq) for r in rows]
            if any(x is None for x in terms):
                continue
            eq = [(1.0, x) for x in terms] + [(-1.0, p_term)]
            model.add(eq, 0, math.inf, f"{tp.name} {cp} row {rp} within {tq.name} {cq}")


def _parts_constraints(
    model: _Model, name: str, cols: Sequence[tuple[PublishedTable, str, Population]]
) -> None:
    """Tie the columns of population ``name`` that declare its parts, by who is in each row.

    A row P of one column equals the sum of the rows of another column whose parts are all
    among P's, when together they hold every part of P (the same people: a route made of one
    campaign's applications, a total); when P holds more, it is that sum plus an implicit count
    of at least 0 (a merged "Other campaigns" row holding a campaign another table shows: the
    rest is the row less that campaign). The rows of one column are disjoint groups.
    """
    parts = [(t, c, _row_parts(t, p)) for t, c, p in cols]
    for tp, cp, rows_p in parts:
        for rp, held in rows_p.items():
            p_term = _cell_term(model, tp, rp, cp)
            if p_term is None:
                continue
            for tq, cq, rows_q in parts:
                if tq is tp and cq == cp:
                    continue
                totals = set(tq.layout.total_rows)
                inside = [r for r, s in rows_q.items() if r not in totals and s <= held]
                if not inside:
                    continue
                terms = [_cell_term(model, tq, r, cq) for r in inside]
                if any(x is None for x in terms):
                    continue
                eq = [(1.0, p_term)] + [(-1.0, x) for x in terms]
                if frozenset().union(*(rows_q[r] for r in inside)) != held:
                    rest = model.unknown(
                        (tp.name, rp, f"<implicit: {cp} not in {tq.name} {cq}>"), 0.0, True
                    )
                    eq.append((-1.0, rest))
                model.add(eq, 0, 0, f"{name}: {tp.name} {cp} row {rp} = {tq.name} {cq}")


def _components(model: _Model) -> list[list[int]]:
    parent = list(range(len(model.lower)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for coefs, _, _ in model.rows:
        keys = list(coefs)
        for k in keys[1:]:
            parent[find(k)] = find(keys[0])
    groups: dict[int, list[int]] = {}
    for i in range(len(model.lower)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def _solve(
    model: _Model, threshold: int, tops: Mapping[str, float]
) -> tuple[list[CellRange], list[list[str]]]:
    """The ranges of the model's unknowns; ``tops``: table -> the most each of its [c] may be."""
    names = {i: cell for cell, i in model.index.items()}
    top = [
        math.inf if model.implicit[v] else tops.get(names[v][0], math.inf)
        for v in range(len(model.lower))
    ]
    ranges: list[CellRange] = []
    inconsistent: list[list[str]] = []
    for coefs, low, high in model.rows:
        if not coefs and not (low <= 1e-6 and high >= -1e-6):
            inconsistent.append(["published constants disagree"])
    by_var: dict[int, list[int]] = {}
    for k, (coefs, _, _) in enumerate(model.rows):
        for v in coefs:
            by_var.setdefault(v, []).append(k)
    for comp in _components(model):
        pos = {v: j for j, v in enumerate(comp)}
        rows = sorted({k for v in comp for k in by_var.get(v, [])})
        lines = []
        for k in rows:
            coefs, low, high = model.rows[k]
            line = np.zeros(len(comp))
            for v, a in coefs.items():
                line[pos[v]] = a
            lines.append((line, low, high))
        floors, tops = [model.lower[v] for v in comp], [top[v] for v in comp]
        found = component_ranges_closed_form(lines, floors, tops)
        if found is None:
            found = component_ranges_by_lp(lines, floors, tops)
        if found == INFEASIBLE:
            inconsistent.append(sorted({model.origin[k] for k in rows}))
            continue
        for v, (low, high) in zip(comp, found, strict=True):
            ranges.append(
                CellRange(
                    names[v],
                    low,
                    high,
                    is_recoverable(low, high, threshold),
                    model.implicit[v],
                )
            )
    ranges.sort(key=lambda r: (r.cell[0], r.cell[1], r.cell[2]))
    return ranges, inconsistent


def audit(
    tables: Sequence[PublishedTable], threshold: int, bounded: Collection[str] = ()
) -> AuditResult:
    """The feasible range of every suppressed cell of ``tables``, given everything published.

    ``tables``: as published (``"[c]"`` where suppressed) with their layouts; tables that share
    a population (:class:`Population`) are audited together. ``threshold``: the review's *t*
    (counts from 1 to *t* − 1 are suppressed). ``bounded``: tables whose every ``[c]`` is below
    *t* (no secondary suppression; their legend says "fewer than *t*"), so each is at most
    *t* − 1, as a reader of that legend knows; so is each of a table whose layout says its
    legend does (:attr:`Layout.hidden_below`). Returns the cells checked, their ranges, which
    are recoverable, and groups of tables whose figures contradict each other (no solution).
    """
    model = _build(tables)
    tops = {t.name: t.layout.hidden_below - 1.0 for t in tables if t.layout.hidden_below}
    tops.update({name: min(tops.get(name, math.inf), threshold - 1.0) for name in bounded})
    ranges, inconsistent = _solve(model, threshold, tops)
    return AuditResult(threshold, [t.name for t in tables], ranges, inconsistent)


def fixed_cells(result: AuditResult, table: str) -> list[tuple[int, str]]:
    """The suppressed cells of ``table`` (row position, column) whose value the rest fixes.

    A cell whose feasible range holds one whole number can be worked out from what is
    published (a total less the other cells: "36 - 29 = 7"); hiding it protects nothing, and
    showing it changes no other cell's range (the value is already implied). Implicit counts
    are not cells of a table.
    """
    return [
        (row, column)
        for r in result.ranges
        if not r.implicit and r.cell[0] == table and count_whole_numbers(r.low, r.high) == 1
        for _, row, column in [r.cell]
    ]


def model_equations(tables: Sequence[PublishedTable]) -> list[tuple[set[Cell], str]]:
    """The cells of each constraint of the model (for choosing extra suppressions)."""
    model = _build(tables)
    names = {i: cell for cell, i in model.index.items()}
    return [
        ({names[v] for v in coefs}, origin)
        for (coefs, _, _), origin in zip(model.rows, model.origin, strict=True)
    ]


def neighbours(tables: Sequence[PublishedTable], current: str, cells: Iterable[Cell]) -> set[Cell]:
    """Count cells of table ``current`` that share a constraint with any of ``cells``.

    Every count cell of ``current`` is treated as unknown while the constraints are built, so
    published cells that would tie to a recoverable cell are found too. Used by
    :func:`pipelines.core.disclosure.protect_table` to choose the next cell to suppress.
    """
    targets = set(cells)
    probe = []
    for t in tables:
        if t.name == current:
            hidden = t.data.copy().astype(object)
            for c in t.layout.counts:
                if c in hidden.columns:
                    hidden[c] = SUPPRESSED
            t = PublishedTable(t.name, hidden, t.layout)
        probe.append(t)
    out: set[Cell] = set()
    for members, _ in model_equations(probe):
        if members & targets:
            out |= {m for m in members if m[0] == current and not m[2].startswith("<")}
    return out
