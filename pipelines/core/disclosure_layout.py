"""What ties a table's cells together, read from the table: for suppression and its audit.

:func:`table_layout` finds a table's counts of people, its "Total" rows, its total columns,
its means of scored answers and the populations its caller declares
(:class:`pipelines.core.disclosure_audit.Layout`); :mod:`pipelines.core.disclosure` protects
the table with it, and :mod:`pipelines.core.disclosure_audit` checks the result. The helpers
here also say which columns are computed from counts (hidden with them) and in which order
rows ranked by a hidden count are published.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pandas as pd

from pipelines.core.disclosure_audit import Layout, Population, score_columns
from pipelines.core.figures import Kind


def _is_count_column(s: pd.Series, label: str) -> bool:
    if "%" in label or not pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s):
        return False
    values = s.dropna()
    return (
        bool(len(values)) and bool((values == values.round()).all()) and bool((values >= 0).all())
    )


def _total_rows(df: pd.DataFrame) -> list[int]:
    if not len(df.columns):
        return []
    first = df.columns[0]
    return [i for i, v in enumerate(df[first]) if str(v).strip().casefold() == "total"]


MEAN_LABEL = re.compile(r"\b(?:average|mean)\b", re.IGNORECASE)


def kind_of(kinds: Mapping[str, Kind] | None, column: object) -> Kind | None:
    """What ``column`` measures, if ``kinds`` names it."""
    return None if kinds is None else kinds.get(str(column))


def count_columns(
    df: pd.DataFrame, *, not_counts: Sequence[str] = (), kinds: Mapping[str, Kind] | None = None
) -> list[str]:
    """The columns of ``df`` that count people (the candidates for suppression).

    A column named in ``kinds`` counts people when its kind does (:attr:`Kind.counts_people`);
    posts, FTE, money, questions, ranks and dates never do. A column not named in ``kinds`` keeps
    the older inference: whole-number, non-negative numbers, unless named in ``not_counts``.
    """
    out = []
    for c in df.columns:
        kind = kind_of(kinds, c)
        if kind is not None:
            if kind.counts_people and pd.api.types.is_numeric_dtype(df[c]):
                out.append(c)
        elif c not in not_counts and _is_count_column(df[c], str(c)):
            out.append(c)
    return out


def table_layout(
    df: pd.DataFrame,
    *,
    not_counts: Sequence[str] = (),
    kinds: Mapping[str, Kind] | None = None,
    populations: Mapping[str, Population] | None = None,
) -> Layout:
    """What ties the cells of ``df`` together, for suppression and the audit.

    Counts of people (:func:`count_columns`); "Total" rows (first column's label); count columns
    that are the sum of the other counts in every row (with more than two count columns); means
    of scored answers (a column of kind :attr:`Kind.MEAN_SCORE`, or a column labelled "Average" or
    "Mean" not named in ``kinds``, over count columns whose labels start with the score); and the
    populations the caller declares (see :class:`pipelines.core.disclosure_audit.Population`).
    """
    counts = count_columns(df, not_counts=not_counts, kinds=kinds)
    values = df[counts].astype(float) if counts else pd.DataFrame(index=df.index)
    total_columns: dict[str, tuple[str, ...]] = {}
    if len(counts) > 2:
        for c in counts:
            others = [x for x in counts if x != c]
            full = values.dropna()
            if len(full) and bool(((full[c] - full[others].sum(axis=1)).abs() < 1e-9).all()):
                total_columns[c] = tuple(others)
    means: dict[str, dict[str, float]] = {}
    scored = score_columns(c for c in counts if c not in total_columns)
    for c in df.columns:
        kind = kind_of(kinds, c)
        is_mean = kind is Kind.MEAN_SCORE or (kind is None and MEAN_LABEL.search(str(c)))
        if is_mean and c not in counts and len(scored) >= 2:
            if pd.api.types.is_numeric_dtype(df[c]):
                means[str(c)] = scored
    return Layout(
        counts=tuple(counts),
        total_rows=tuple(_total_rows(df)),
        total_columns=total_columns,
        means=means,
        populations={k: v for k, v in (populations or {}).items() if k in counts},
    )


def derived_columns(
    df: pd.DataFrame,
    layout: Layout,
    kinds: Mapping[str, Kind] | None,
    numerators: Mapping[str, str] | None = None,
) -> list[str]:
    """Columns computed from counts of people (hidden where their counts are hidden).

    Besides percentages, means and turnover, any column whose declared numerator in
    ``numerators`` is a count of people is derived: a cost per hire (with the cost published,
    it gives the number of hires away) or a flow a year (starters a year over a published
    window give the starters away).
    """
    out = []
    for c in df.columns:
        if c in layout.counts or c in layout.means:
            continue
        kind = kind_of(kinds, c)
        if kind is not None:
            per_person = (numerators or {}).get(str(c)) in layout.counts
            if kind.from_counts_of_people or per_person:
                out.append(c)
        elif "%" in str(c) or MEAN_LABEL.search(str(c)):
            out.append(c)
    return out


def publication_order(df: pd.DataFrame, hidden: pd.Series, totals: Sequence[int]) -> list[int]:
    """Row positions with the rows whose ranking count is hidden after the others, by label.

    Total rows keep their positions; the other rows are reordered among the remaining positions.
    """
    label = df.columns[0]
    body = [i for i in range(len(df)) if i not in set(totals)]
    shown = [i for i in body if not bool(hidden.iat[i])]
    suppressed = sorted(
        (i for i in body if bool(hidden.iat[i])), key=lambda i: str(df[label].iat[i]).casefold()
    )
    ranked = iter([*shown, *suppressed])
    return [i if i in set(totals) else next(ranked) for i in range(len(df))]


def numerator_by_prefix(column: str, counts: Sequence[str]) -> str | None:
    """The count column a derived column is computed from, when their labels share a group.

    "Adult Social Care: % of 42 answering" goes with "Adult Social Care: respondents": the one
    count column whose label has the same text before ":" (None when there is not exactly one).
    """
    if ":" not in column:
        return None
    group = column.split(":", 1)[0]
    same = [c for c in counts if ":" in str(c) and str(c).split(":", 1)[0] == group]
    return same[0] if len(same) == 1 else None
