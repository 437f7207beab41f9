"""A section's evidence, computed once per meeting: figures, tidy tables, findings and charts.

A section's ``build(ctx, params)`` (:attr:`pipelines.core.registry.SectionSpec.build`) returns a
:class:`SectionResult`. Everything the section shows or hands on is in it:

- typed :class:`~pipelines.core.figures.Figure` records (measure, population, period, source,
  kind, value, earlier values where the data hold them);
- tidy tables (:class:`TidyTable`): a DataFrame with tidy column names and no formatting, and for
  each column a :class:`Column` saying what it holds (its kind, the population it counts or
  describes, the column it is computed from, its label and format) as data, so that nothing
  downstream reads meaning from a label;
- the findings the section proposes (:class:`ProposedFinding`: a figure and its materiality);
- chart specifications (:class:`ChartSpec`: which table, which columns, the title).

The result is pure data: no disclosure policy is applied in it, and it is the same for every
audience. Labels, formatting and disclosure control are applied when it is shown
(:meth:`pipelines.core.presentation.Page.show` accepts a :class:`TidyTable`).

A section's result is built once per meeting and stored for the run by
:func:`pipelines.core.section_build.build_section`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from pipelines.core.disclosure_audit import Population
from pipelines.core.figures import Figure, Kind, exempt_only

#: Kinds whose values add up over rows (a total row sums them).
ADDITIVE_KINDS = frozenset(
    {Kind.PEOPLE, Kind.POSTS, Kind.CASES, Kind.FORMS, Kind.FTE, Kind.MONEY, Kind.MONEY_PER_YEAR}
)
#: Label of a total row added at display time (:meth:`TidyTable.labelled`).
TOTAL = "Total"


@dataclass(frozen=True)
class Column:
    """What one column of a :class:`TidyTable` holds.

    Attributes
    ----------
    label : str
        The member-facing header ("Leavers").
    kind : Kind, optional
        What the values measure; None for a column of labels (the categories of the rows).
    population : Population, optional
        The people (or posts) the column counts or describes: its ``name`` in words, ``by``
        mapping a dimension to the *tidy* column whose value gives each row's group, ``fixed``
        the dimensions every row shares. Counts of people sharing a population are protected
        together across tables; for a rate it names the base (two bases are two populations).
    numerator, denominator : str, optional
        The tidy columns a rate or share is computed from (numerator / denominator x 100 for
        percentages): the rate is hidden where its numerator is, and a total row recomputes it.
    format : str, optional
        A ``str.format`` pattern for the values (``"{:.1f}"``).
    measure : str, optional
        What the values measure in words ("turnover"); with the row's population and the
        table's period it is the identity of each cell (:meth:`TidyTable.identity`).
    free_text : bool
        Text written by people (comments): never published.
    officer_text : bool
        Words officers wrote on purpose for the papers (a register's recommendations): published
        once they pass the check officers' own text passes (personal data redacted, and under a
        public policy counts of people written as the public pack writes them:
        :func:`pipelines.core.disclosure.protect_text`).
    denominator_parts : tuple of str
        The tidy columns whose sum is the denominator, when it is not one column (the agency
        worker rate: agency FTE / (agency FTE + permanent FTE)); a total row recomputes the rate
        from their totals.
    in_total : bool
        False leaves the column's cell of a total row empty although its kind adds up (a value
        per unit, such as a cost per FTE).

    """

    label: str
    kind: Kind | None = None
    population: Population | None = None
    numerator: str | None = None
    denominator: str | None = None
    format: str | None = None
    measure: str | None = None
    free_text: bool = False
    officer_text: bool = False
    denominator_parts: tuple[str, ...] = ()
    in_total: bool = True


def population_text(population: Population, row: Mapping[str, object] | None = None) -> str:
    """A population in words for one row: its groups, then its fixed dimensions, then its name.

    ``row`` maps tidy columns to the row's values; ``population.by`` names the tidy columns.
    E.g. ``Population("qualified posts", by={"Service": "service"})`` for the Children's
    row reads "Children's Social Care: qualified posts"; with ``fixed={"Profession": "Social
    work"}`` "Children's Social Care, Social work: ...".
    """
    parts = [str((row or {}).get(col, "")) for col in population.by.values()]
    parts += [str(v) for v in population.fixed.values()]
    parts = [p for p in parts if p]
    return f"{', '.join(parts)}: {population.name}" if parts else population.name


#: Rates defined in words where a table prints them (:meth:`TidyTable.definitions`): their
#: label names the rate, not what it divides ("Agency worker rate (%)").
DEFINED_KINDS = (Kind.PERCENT_OF_FTE, Kind.PERCENT_OF_POSTS, Kind.PEOPLE_PER_100_POSTS)


def _in_sentence(label: str) -> str:
    """A column label inside a sentence: "Agency FTE" -> "agency FTE" (an acronym kept)."""
    first = label.split(" ", 1)[0]
    return label if first.isupper() and len(first) > 1 else label[:1].lower() + label[1:]


@dataclass(frozen=True)
class TidyTable:
    """A tidy table of a section and what each of its columns holds.

    Attributes
    ----------
    name : str
        The table's name: ``tables/<section>__<name>.csv`` in the pack, ``result.tables[name]``.
    frame : pandas.DataFrame
        Tidy data: tidy column names, one row per category, no total row, unformatted values.
        Analysts read it as it is (``result.tables["turnover"].frame``).
    columns : mapping of str to Column
        Every column of ``frame`` (and only those), in the order they are shown.
    caption, source : str
        What the table shows, and where its figures come from.
    period : str, optional
        The period its figures cover.
    total : bool
        Show a total row (additive kinds summed, rates recomputed from their numerator and
        denominator columns, other cells blank).
    ranked_by : str, optional
        The tidy column the rows are ranked by (most first).
    individuals : bool
        One row per person: never published.
    public_variant : TidyTable, optional
        The same figures in coarser groups (no small groups of posts or people), shown in
        this table's place under a public policy (:meth:`for_policy`).

    """

    name: str
    frame: pd.DataFrame
    columns: Mapping[str, Column]
    caption: str
    source: str
    period: str | None = None
    total: bool = False
    ranked_by: str | None = None
    individuals: bool = False
    public_variant: TidyTable | None = None

    def __post_init__(self) -> None:
        """Check that every column is described and every reference names a column."""
        described, present = list(self.columns), [str(c) for c in self.frame.columns]
        if sorted(described) != sorted(present):
            raise ValueError(
                f"Table {self.name}: the columns described ({', '.join(described)}) are not the "
                f"columns of the frame ({', '.join(present)})"
            )
        for tidy, col in self.columns.items():
            refs = [col.numerator, col.denominator, *col.denominator_parts]
            refs += list(col.population.by.values()) if col.population else []
            for ref in refs:
                if ref is not None and ref not in self.columns:
                    raise ValueError(
                        f"Table {self.name}: column {tidy} refers to {ref}, not a column of it"
                    )
        if self.ranked_by is not None and self.ranked_by not in self.columns:
            raise ValueError(f"Table {self.name}: ranked_by {self.ranked_by} is not a column")
        object.__setattr__(self, "columns", dict(self.columns))
        object.__setattr__(self, "frame", self.frame[described].reset_index(drop=True).copy())

    def for_policy(self, policy) -> TidyTable:
        """The table a run shows: :attr:`public_variant` under a public policy, else this one."""
        if getattr(policy, "public", False) and self.public_variant is not None:
            return self.public_variant
        return self

    @property
    def labels(self) -> dict[str, str]:
        """Tidy column -> member-facing label."""
        return {tidy: col.label for tidy, col in self.columns.items()}

    def labelled(self) -> pd.DataFrame:
        """The table as members read it: labels as headers, a total row when :attr:`total`.

        The total row's first column reads :data:`TOTAL`; additive kinds are summed, a column
        with a numerator and a denominator (or ``denominator_parts``) is recomputed from their
        totals (x 100 when it is a percentage), every other cell (and every column whose
        ``in_total`` is False) is empty (blank text in a text column).
        """
        df = self.frame.copy()
        if self.total and len(df.columns):
            row: dict[str, object] = {}
            for tidy, col in self.columns.items():
                if col.kind in ADDITIVE_KINDS and col.in_total:
                    row[tidy] = df[tidy].sum()
            for tidy, col in self.columns.items():
                parts = col.denominator_parts or (col.denominator,)
                computed = col.numerator in row and all(p in row for p in parts)
                if computed and col.kind is not None and col.in_total:
                    den = sum(float(row[p]) for p in parts)
                    scale = 100.0 if col.kind.is_percentage else 1.0
                    row[tidy] = scale * float(row[col.numerator]) / den if den else float("nan")
            first = df.columns[0]
            row[first] = TOTAL
            # Text columns (labels of the rows) are blank in the total row, numbers empty.
            blank = {c: "" if not pd.api.types.is_numeric_dtype(df[c]) else None for c in df}
            total = pd.DataFrame([{c: row.get(c, blank[c]) for c in df.columns}])
            df = pd.concat([df, total.astype(df.dtypes.to_dict(), errors="ignore")])
            df = df.reset_index(drop=True)
        return df.rename(columns=self.labels)

    def definitions(self) -> str:
        """Each rate of the table defined in words, from its numerator and denominator columns.

        A rate of FTE or posts (:data:`DEFINED_KINDS`) is defined where it is printed: "Agency
        worker rate: agency FTE as a percentage of agency FTE plus permanent FTE." (numerator
        ``agency_fte``, ``denominator_parts`` agency and permanent FTE); turnover, people per
        100 posts: "Turnover: leavers per 100 qualified posts.". "" when it has none.
        """
        out = []
        for col in self.columns.values():
            parts = col.denominator_parts or ((col.denominator,) if col.denominator else ())
            if col.kind not in DEFINED_KINDS or not col.numerator or not parts:
                continue
            name = col.label.removesuffix(" (%)")
            num = _in_sentence(self.columns[col.numerator].label)
            den = " plus ".join(_in_sentence(self.columns[p].label) for p in parts)
            per = " per 100 " if col.kind is Kind.PEOPLE_PER_100_POSTS else " as a percentage of "
            out.append(f"{name}: {num}{per}{den}.")
        return " ".join(out)

    def kinds(self) -> dict[str, Kind]:
        """Label -> kind, for the columns that have one."""
        return {c.label: c.kind for c in self.columns.values() if c.kind is not None}

    def populations(self) -> dict[str, Population]:
        """Label -> population, with ``by`` naming labelled columns (as disclosure reads it)."""
        labels = self.labels
        return {
            c.label: replace(
                c.population, by={dim: labels[tidy] for dim, tidy in c.population.by.items()}
            )
            for c in self.columns.values()
            if c.population is not None
        }

    def numerators(self) -> dict[str, str]:
        """Label of a rate -> label of the count it is computed from."""
        labels = self.labels
        return {c.label: labels[c.numerator] for c in self.columns.values() if c.numerator}

    def denominators(self) -> dict[str, list[str]]:
        """Label of a rate -> labels of the counts its denominator is made of.

        The rate is hidden where any of them is: with its numerator shown, it gives a hidden
        denominator away.
        """
        labels = self.labels
        out = {}
        for c in self.columns.values():
            parts = [c.denominator] if c.denominator else list(c.denominator_parts)
            if parts and all(p in labels for p in parts):
                out[c.label] = [labels[p] for p in parts]
        return out

    def formats(self) -> dict[str, str]:
        """Label -> ``str.format`` pattern, for the columns that have one."""
        return {c.label: c.format for c in self.columns.values() if c.format}

    def free_text(self) -> list[str]:
        """Labels of the free-text columns."""
        return [c.label for c in self.columns.values() if c.free_text]

    def officer_text(self) -> list[str]:
        """Labels of the columns of officers' own words (:attr:`Column.officer_text`)."""
        return [c.label for c in self.columns.values() if c.officer_text]

    def identity(self, column: str, row: int) -> tuple[str, str, str] | None:
        """``(measure, population, period)`` of one cell (tidy column, row position).

        None for a column without a measure or population (labels, counts shown as context).
        """
        col = self.columns[column]
        if col.measure is None or col.population is None:
            return None
        values = self.frame.iloc[row].to_dict()
        return (col.measure, population_text(col.population, values), self.period or "")

    def cell(self, column: str, **where: object) -> object:
        """The value of ``column`` in the one row whose tidy columns equal ``where``."""
        mask = pd.Series(True, index=self.frame.index)
        for c, v in where.items():
            mask &= self.frame[c] == v
        rows = self.frame.loc[mask, column]
        if len(rows) != 1:
            raise KeyError(f"Table {self.name}: {len(rows)} rows match {where}")
        return rows.iloc[0]


@dataclass(frozen=True)
class ChartSpec:
    """A chart a section shows: drawn at display time from one of its tables.

    Attributes
    ----------
    name : str
        The chart's name (``tables/<section>__<name>.csv`` holds its data).
    table : str
        The :class:`TidyTable` of the result it is drawn from.
    chart : str
        The chart type (``"bar"``: one bar per row; ``"ratings"``: stacked ratings).
    label, values : str, tuple of str
        The tidy column of the bar labels and the tidy columns of their values.
    title : str
        The finding the chart shows, in words.
    highlight : tuple of str
        Labels of the bars drawn in the highlight colour.

    """

    name: str
    table: str
    chart: str
    label: str
    values: tuple[str, ...]
    title: str
    highlight: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProposedFinding:
    """A finding a section proposes: a figure and how much it matters.

    Attributes
    ----------
    figure : str
        Key of the :class:`~pipelines.core.figures.Figure` the finding is written from.
    materiality : float
        The figure's adverse distance from its comparator, in ``unit`` (e.g. 8.2 people a year
        more leavers than the target allows).
    unit : str
        The unit of ``materiality`` ("people a year", "people", "£ a year").
    comparator : str, optional
        The comparator it is measured against (``"target"``), None for a count of its own.
    comparator_value : float, optional
        The comparator's value, in the figure's unit.

    """

    figure: str
    materiality: float
    unit: str
    comparator: str | None = None
    comparator_value: float | None = None


def share_materiality(fig: Figure, comparator: str = "target") -> ProposedFinding | None:
    """The materiality of a rate or share of people against one of its comparators.

    Materiality = adverse gap from the comparator in percentage points x the figure's
    denominator / 100: for turnover (leavers per 100 posts) the leavers a year above what the
    comparator allows ("people a year"); for a share of people, the people on the wrong side of
    it ("people"). None when the figure has no value, no denominator, no such comparator, no
    direction, or is on the right side of it.
    """
    target = fig.comparators.get(comparator)
    if fig.value is None or pd.isna(fig.value) or target is None or not fig.denominator:
        return None
    if fig.direction == "lower":
        gap = fig.value - target
    elif fig.direction == "higher":
        gap = target - fig.value
    else:
        return None
    if gap <= 0:
        return None
    unit = "people a year" if fig.kind is Kind.PEOPLE_PER_100_POSTS else "people"
    return ProposedFinding(fig.key, gap / 100.0 * float(fig.denominator), unit, comparator, target)


@dataclass(frozen=True)
class SectionResult:
    """Everything one section computed for one meeting (the same for every audience).

    Attributes
    ----------
    section : str
        The section's notebook (``"10_leavers"``).
    figures : tuple of Figure
        Every figure the section publishes, each key once.
    tables : mapping of str to TidyTable
        The section's tables, by name.
    findings : tuple of ProposedFinding
        The findings the section proposes, most material first.
    charts : mapping of str to ChartSpec
        The section's charts, by name.
    notes : mapping of str to tuple of (str, str)
        Words the section shows besides its tables, by place (e.g. ``"caveats"``,
        ``"findings"``): ``(title, text)`` pairs, the title empty where there is none. Texts
        keep their type (a :class:`~pipelines.core.figures.Sentence` stays one).

    Raises
    ------
    ValueError
        Two figures with one key, or with one identity (measure, population, period) and two
        values; a figure whose table cell (``table``, ``row``, ``column``) holds another value;
        a finding naming no figure; a chart naming no table.

    """

    section: str
    figures: tuple[Figure, ...] = ()
    tables: Mapping[str, TidyTable] = field(default_factory=dict)
    findings: tuple[ProposedFinding, ...] = ()
    charts: Mapping[str, ChartSpec] = field(default_factory=dict)
    notes: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Copy the sequences and mappings given and check that the result agrees with itself."""
        object.__setattr__(self, "notes", {k: tuple(v) for k, v in self.notes.items()})
        object.__setattr__(self, "figures", tuple(self.figures))
        object.__setattr__(self, "findings", tuple(self.findings))
        object.__setattr__(self, "tables", dict(self.tables))
        object.__setattr__(self, "charts", dict(self.charts))
        keys: set[str] = set()
        seen: dict[tuple[str, str, str], Figure] = {}
        for f in self.figures:
            if f.key in keys:
                raise ValueError(f"{self.section}: figure {f.key} is given twice")
            keys.add(f.key)
            other = seen.setdefault(f.identity, f)
            if other is not f and other.value != f.value:
                raise ValueError(
                    f"{self.section}: {f.identity} has two values: {other.value} ({other.key}) "
                    f"and {f.value} ({f.key})"
                )
            self._check_cell(f)
        for finding in self.findings:
            if finding.figure not in keys:
                raise ValueError(f"{self.section}: finding on {finding.figure}, not a figure")
        for chart in self.charts.values():
            if chart.table not in self.tables:
                raise ValueError(f"{self.section}: chart {chart.name} on no table {chart.table}")

    def _check_cell(self, f: Figure) -> None:
        """A figure located in one of the result's tables (or its public variant) equals that cell.

        A figure of a table's public variant (a row of the coarser groups) is checked there.
        """
        table = self.tables.get(f.table or "")
        if table is None or f.column is None or f.row is None:
            return
        variant = table.public_variant
        if variant is not None:
            rows = list(table.labelled().iloc[:, 0].astype(str))
            if rows.count(str(f.row)) != 1 and str(f.row) in set(
                variant.labelled().iloc[:, 0].astype(str)
            ):
                table = variant
        shown = table.labelled()
        column = table.labels.get(f.column, f.column)
        if column not in shown.columns:
            raise ValueError(f"{self.section}: {f.key} is in no column {f.column} of {f.table}")
        rows = shown.loc[shown[shown.columns[0]].astype(str) == str(f.row), column]
        if len(rows) != 1:
            raise ValueError(f"{self.section}: {f.key} is in no row {f.row} of {f.table}")
        value = rows.iloc[0]
        if f.value is None or pd.isna(f.value) or pd.isna(value):
            # no figure (a column the council does not collect) is the table's empty cell
            same = (f.value is None or pd.isna(f.value)) and pd.isna(value)
        else:
            same = abs(float(value) - float(f.value)) < 1e-9
        if not same:
            raise ValueError(
                f"{self.section}: {f.key} is {f.value} but {f.table} shows {value} "
                f"({f.row}, {f.column})"
            )

    def findings_for(self, policy) -> tuple[ProposedFinding, ...]:
        """The findings a run under ``policy`` states.

        Under a public policy, none on a figure the exempt appendix alone may state
        (:func:`~pipelines.core.figures.exempt_only`).
        """
        return tuple(f for f in self.findings if not exempt_only(self.figure(f.figure), policy))

    def figure(self, key: str) -> Figure:
        """The figure with ``key`` (KeyError naming the known keys)."""
        for f in self.figures:
            if f.key == key:
                return f
        raise KeyError(f"{self.section} has no figure {key}; it has: {self.figure_keys()}")

    def figure_keys(self) -> list[str]:
        """The keys of the figures, in order."""
        return [f.key for f in self.figures]


@dataclass(frozen=True)
class FramesContext:
    """A run context over tidy frames already in memory (no processed-data folder).

    For callers that hold a review and its frames rather than a run (tests, the SWOT and
    scorecard collectors): ``build`` functions read ``ctx.review``, ``ctx.meeting`` and
    ``ctx.frames()`` from it as from a :class:`~pipelines.core.context.RunContext`. Results
    built on it are not stored (there is no folder).
    """

    review: object
    meeting: object = None
    data: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    processed_dir: Path | None = None

    def frames(self) -> dict[str, pd.DataFrame]:
        """The tidy datasets, by name."""
        return dict(self.data)

    def load(self, dataset: str) -> pd.DataFrame:
        """One tidy dataset (KeyError naming the ones there are)."""
        if dataset not in self.data:
            raise KeyError(f"No {dataset} data; there are: {', '.join(sorted(self.data))}")
        return self.data[dataset]


def figures_of(results: Sequence[SectionResult]) -> list[Figure]:
    """Every figure of ``results``, in order."""
    return [f for r in results for f in r.figures]
