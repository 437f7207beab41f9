"""Reconciliation: figures already published to the group, checked against the data.

A review's config lists the figures its papers printed (``published_figures``: key, value, the
words printed and where). Each key names a *metric*: a function registered here by an analysis
module that computes the same figure from the tidy data. :func:`reconcile` sets the two side by
side; the data-quality appendix shows the table and a note for every disagreement.

A figure agrees when the data, rounded as the paper printed it, give the published value
(within half a unit of the last printed decimal place).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from pipelines.core.errors import ConfigError


@dataclass(frozen=True)
class Metric:
    """A figure computed from the tidy data: label for members, and how to compute it."""

    key: str
    label: str
    compute: Callable[[Mapping[str, pd.DataFrame], object], float | None]


METRICS: dict[str, Metric] = {}


@dataclass(frozen=True)
class CheckedFigure:
    """A figure a meeting's paper printed, checked by a section's own check (not a metric).

    Texts as the public report prints them: ``figure`` (what was measured, for whom),
    ``where`` (paper and paragraph), ``paper`` (as printed), ``data`` (from the data, at the
    paper's precision, "[c]" when a count of people is below the disclosure threshold),
    ``difference`` (data minus paper, or ""), ``reason`` (why they differ, or ""),
    ``agrees``, and ``group`` (the source many figures come from, such as a survey: the
    report prints one row per group, :func:`grouped_checks`; "" for none).
    """

    figure: str
    where: str
    paper: str
    data: str
    difference: str
    reason: str
    agrees: bool
    group: str = ""


#: A section's check of printed figures: ``(frames, cfg, meeting, threshold)`` -> the figures
#: the meeting's papers printed that it checks (:class:`CheckedFigure`), or [] when none.
FigureCheck = Callable[[Mapping[str, pd.DataFrame], object, object, int], list[CheckedFigure]]
CHECKS: dict[str, FigureCheck] = {}


def figure_check(name: str):
    """Register ``func(frames, cfg, meeting, threshold)`` as the printed-figure check ``name``.

    Sections whose papers' figures are not single metrics (the survey figures of a published
    report, checked by their own rules) register one, so that :func:`officers_figures` puts
    every figure the build checks in the report's "Figures in the officers' reports, checked".
    """

    def decorate(func: FigureCheck) -> FigureCheck:
        CHECKS[name] = func
        return func

    return decorate


#: A pay grade's code in brackets after a name ("Advanced Practitioner (M2)", "(PO1)", "(SO2)"):
#: an internal code a councillor cannot read (reader14). A quarter ("(Q1)") is not one.
GRADE_CODE_IN_BRACKETS = re.compile(r"\((?!Q[1-4]\))[A-Z]{1,3} ?\d{1,2}[a-z]?\)")


def grade_code_in_brackets(text: str) -> str | None:
    """The first grade code in brackets in ``text`` ("(M2)"), or None."""
    found = GRADE_CODE_IN_BRACKETS.search(str(text))
    return found.group(0) if found else None


def metric(key: str, label: str):
    """Register ``func(frames, review_config) -> float | None`` as the metric ``key``.

    ``label`` is the row the report's "Figures in the officers' reports, checked" prints: plain
    words, the post by its service and job title (the job-title mapping's), never a grade code
    in brackets (:func:`grade_code_in_brackets`; a ValueError).
    """
    code = grade_code_in_brackets(label)
    if code:
        raise ValueError(
            f"metric {key}: its label {label!r} gives the grade code {code}; name the post in "
            "plain words (service and job title)"
        )

    def decorate(func):
        METRICS[key] = Metric(key, label, func)
        return func

    return decorate


def printed_tolerance(value: float) -> float:
    """Half a unit of the last printed decimal place: 14 -> 0.5, 23.5 -> 0.05."""
    text = f"{value:g}"
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10 ** (-decimals)


def _load_metrics() -> None:
    """Import every section's analysis module so that its metrics register (plug-in import)."""
    from pipelines.core import plugins

    plugins.load("metrics")


def reconcile(
    published, frames: Mapping[str, pd.DataFrame], cfg, only: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """Published figures against the data, one row each.

    Parameters
    ----------
    published : sequence of PublishedFigure
        From the review config (key, value, printed, where).
    frames : mapping of str to DataFrame
        The review's tidy datasets.
    cfg : Review
        The review config (period, services). Its configured parameters are used
        (:meth:`~pipelines.core.config.Review.as_configured`): the papers printed their figures
        on that basis, so a ``--param`` what-if does not change the check.
    only : tuple of str, optional
        Keep only these metric keys (a section showing its own figures).

    Returns
    -------
    pandas.DataFrame
        Columns "Figure", "Where published", "Published", "From the data", "Agrees" ("Yes",
        "No", or "Not checked: no data" when the dataset the metric needs is absent).

    Raises
    ------
    ConfigError
        A key has no metric (the message lists the known keys).

    """
    _load_metrics()
    if hasattr(cfg, "as_configured"):
        cfg = cfg.as_configured()
    rows = []
    for fig in published:
        if only is not None and fig.key not in only:
            continue
        if fig.key not in METRICS:
            raise ConfigError(
                f"published_figures: no rule computes '{fig.key}' from the data. "
                f"Known keys: {', '.join(sorted(METRICS))}."
            )
        m = METRICS[fig.key]
        try:
            value = m.compute(frames, cfg)
        except KeyError:
            value = None
        if value is None:
            agrees = "Not checked: no data"
        else:
            agrees = (
                "Yes" if abs(fig.value - value) <= printed_tolerance(fig.value) + 1e-9 else "No"
            )
        rows.append(
            {
                "Figure": m.label,
                "Where published": fig.where or "",
                "Published": float(fig.value),
                "From the data": None if value is None else round(float(value), 2),
                "Agrees": agrees,
            }
        )
    return pd.DataFrame(
        rows, columns=["Figure", "Where published", "Published", "From the data", "Agrees"]
    )


def mismatch_notes(table: pd.DataFrame, published) -> list[str]:
    """A sentence for each published figure the data do not reproduce, quoting the paper."""
    printed = {(f.where or "", float(f.value)): f.printed for f in published}
    notes = []
    for _, row in table.iterrows():
        if row["Agrees"] != "No":
            continue
        quote = printed.get((row["Where published"], row["Published"]))
        words = f" (\u201c{quote}\u201d)" if quote else ""
        notes.append(
            f"{row['Where published']}: {row['Figure']} was published as "
            f"{row['Published']:g}{words}; the data give {row['From the data']:g}."
        )
    return notes


#: Columns of the report's "Figures in the officers' reports, checked" table.
CHECKED_COLUMNS = [
    "Figure",
    "Where",
    "The paper's figure",
    "The data's figure",
    "Difference",
    "Likely reason",
]


def _decimals(value: float) -> int:
    """Decimal places as the paper printed the figure (23.5 -> 1, 14 -> 0)."""
    text = f"{value:g}"
    return len(text.split(".")[1]) if "." in text else 0


def format_checked(value: float, label: str, decimals: int) -> str:
    """A figure as the checked-figures table prints it, at the paper's precision.

    Percentages (label with "%") get a % sign; costs and pay (label with "cost", "pay", "£" or
    "total") a £ sign and thousands separators, a negative sum in words (``"minus £5,704"``,
    as a what-if with a cheaper agency rate gives: a minus sign before a pound sign is easily
    missed and read out badly); counts the number alone.
    """
    number = f"{abs(value):,.{decimals}f}"
    sign = "-" if value < 0 else ""
    if "%" in label:
        return f"{sign}{number}%"
    if _is_money(label):
        return f"{'minus ' if value < 0 else ''}£{number}"
    return f"{sign}{number}"


def _is_money(label: str) -> bool:
    """Whether a checked figure's label names a sum of money (see :func:`format_checked`)."""
    return "%" not in label and any(w in label.lower() for w in ("£", "cost", "pay", "total"))


def checked_difference(difference: float, label: str, decimals: int) -> str:
    """The data's figure minus the paper's, as the checked-figures table prints it.

    One rule for every unit: the size, never signed, then a word saying which way. Money (see
    :func:`format_checked`) ``"£2,738 more"``, ``"£11,956 less"``; percentages in points
    (``"0.3 points lower"``, ``"1 point higher"``); whole counts ``"1 fewer"``, ``"6 more"``;
    averages and other figures with decimals ``"0.02 lower"``, at the paper's ``decimals``. A
    cell never starts with a sign, so no spreadsheet reads it as a formula.
    """
    size, lower = f"{abs(difference):,.{decimals}f}", difference < 0
    if _is_money(label):
        return f"{format_checked(abs(difference), label, decimals)} {'less' if lower else 'more'}"
    if "%" in label:
        unit = "point" if float(size.replace(",", "")) == 1 else "points"
        return f"{size} {unit} {'lower' if lower else 'higher'}"
    if decimals == 0:
        return f"{size} {'fewer' if lower else 'more'}"
    return f"{size} {'lower' if lower else 'higher'}"


#: The likely reason printed when neither the review nor the check knows it.
UNKNOWN = "Not known from the data: ask the report's author."


def officers_figures(
    published, frames: Mapping[str, pd.DataFrame], cfg, meeting, *, threshold: int = 0
) -> tuple[pd.DataFrame, int]:
    """The figures a meeting's papers printed that the data can test, for the public report.

    Takes the ``published_figures`` whose ``meeting`` is ``meeting`` (a date), computes each
    from the data (:func:`reconcile`) and keeps those the data do not reproduce (outside half a
    unit of the paper's last decimal place); then every figure of the meeting's papers that a
    section's own check tests (:func:`figure_check`: the survey figures of a published report),
    so the table holds every figure the build checks for this meeting.

    Returns
    -------
    (pandas.DataFrame, int)
        The table (columns :data:`CHECKED_COLUMNS`: figure, where printed, the paper's figure,
        the data's at the paper's precision, the difference data minus paper in the same
        unit, and the likely reason: the review's ``reason``, else that it is not known) and
        how many of the meeting's figures agree (both kinds). A count from the data below
        ``threshold`` (and above 0) is printed "[c]" with no difference, as in every public
        table.

    """
    rows, agree = [], 0
    agreed: list[tuple[str, str, str]] = []  # (figure, as printed, where) of those that agree
    groups: dict[str, dict[str, object]] = {}
    _load_metrics()  # the sections' own checks register with their metrics
    for check in CHECKS.values():
        for c in check(frames, cfg, meeting, threshold):
            if c.group:
                g = groups.setdefault(c.group, {"printed": 0, "agree": 0, "figures": []})
                g["printed"] += 1
                g["agree"] += int(c.agrees)
                if not c.agrees:
                    g["figures"].append(c.figure)
            if c.agrees:
                agree += 1
                agreed.append((c.figure, c.paper, c.where))
                continue
            rows.append(
                dict(
                    zip(
                        CHECKED_COLUMNS,
                        (c.figure, c.where, c.paper, c.data, c.difference, c.reason or UNKNOWN),
                        strict=True,
                    )
                )
            )
    mine = [f for f in published if getattr(f, "meeting", None) == meeting]
    if not mine:
        return _with_groups(pd.DataFrame(rows, columns=CHECKED_COLUMNS), groups, agreed), agree
    table = reconcile(mine, frames, cfg)
    metric_rows = []
    for fig, (_, row) in zip(mine, table.iterrows(), strict=True):
        if row["Agrees"] == "Yes":
            agree += 1
            label = str(row["Figure"])
            shown = format_checked(fig.value, label, _decimals(fig.value))
            agreed.append((label, shown, fig.where or ""))
            continue
        if row["Agrees"] != "No":
            continue
        label = str(row["Figure"])
        places = _decimals(fig.value)
        data = float(row["From the data"])
        data_shown = round(data, places)
        small = "%" not in label and threshold and 0 < data < threshold
        metric_rows.append(
            {
                "Figure": label,
                "Where": fig.where or "",
                "The paper's figure": format_checked(fig.value, label, places),
                "The data's figure": "[c]" if small else format_checked(data_shown, label, places),
                "Difference": ""
                if small
                else checked_difference(data_shown - fig.value, label, places),
                "Likely reason": " ".join(fig.reason.split()) if fig.reason else UNKNOWN,
            }
        )
    table = pd.DataFrame([*metric_rows, *rows], columns=CHECKED_COLUMNS)
    return _with_groups(table, groups, agreed), agree


#: Where the full list of a group's figures is (the data-quality appendix of the annex).
FULL_LIST = (
    "The technical annex lists every figure (\u201cPublished survey figures that differ from "
    "the data\u201d)."
)


def _with_groups(
    table: pd.DataFrame, groups: Mapping[str, Mapping[str, object]], agreed=()
) -> pd.DataFrame:
    """``table`` with its groups recorded, for :func:`grouped_checks`.

    ``attrs["groups"]``: group -> printed (figures), agree (how many), figures (the labels of
    those that differ, rows of ``table``). ``attrs["agreed"]``: (figure, as printed, where)
    of each figure that agrees, so the report can name them.
    """
    table.attrs["groups"] = {k: dict(v) for k, v in groups.items()}
    table.attrs["agreed"] = [tuple(a) for a in agreed]
    return table


def difference_size(text: object) -> float:
    """The size of a printed difference, in its own unit, without its sign.

    "+6" -> 6, "0.3 points lower" -> 0.3, "£2,738 more" -> 2738; 0 for none ("" or no number).
    """
    import re

    m = re.search(r"\d[\d,]*(?:\.\d+)?", str(text or ""))
    return float(m.group(0).replace(",", "")) if m else 0.0


def places_text(places: Sequence[str]) -> str:
    """Where a group's figures were printed, each report named once, every paragraph named.

    "Item 6 report, paragraph 23" and "Item 6 report, paragraph 24" read "Item 6 report,
    paragraphs 23 and 24" (never "23, 24 and 2 more": a reader must be able to find each);
    places that are not a report's paragraph ("Appendix 1 (joint)") are listed as they are.
    """
    import re

    by: dict[str, list[str]] = {}
    for place in places:
        hit = re.match(r"^(?P<doc>.+?),\s*paragraphs?\s+(?P<n>.+)$", place)
        doc, n = (hit["doc"], hit["n"]) if hit else (place, "")
        by.setdefault(doc, [])
        if n and n not in by[doc]:
            by[doc].append(n)
    out = []
    for doc, ns in by.items():
        if not ns:
            out.append(doc)
            continue
        listed = ", ".join(ns[:-1]) + " and " + ns[-1] if len(ns) > 1 else ns[0]
        out.append(f"{doc}, paragraph{'s' if len(ns) > 1 else ''} {listed}")
    return "; ".join(out)


def grouped_checks(table: pd.DataFrame) -> pd.DataFrame:
    """The checked-figures table with one row per group of figures (a survey), for the report.

    Rows of figures from a group (:attr:`CheckedFigure.group`, recorded by
    :func:`officers_figures` in ``table.attrs["groups"]``) are replaced by one row: the
    group, where its differing figures were printed, how many it printed ("19 figures"), how
    many the data reproduce ("14 of 19 figures reproduced"), its largest difference (by size,
    with the figure it is of) and that figure's likely reason, with where the full list is
    (:data:`FULL_LIST`). A group whose figures all agree has no row (the chapter's
    introduction counts it). Other rows are kept as they are, first. Columns
    :data:`CHECKED_COLUMNS`.
    """
    groups = table.attrs.get("groups") or {}
    if not groups:
        return table
    member = {f: g for g, v in groups.items() for f in v["figures"]}
    single = table[~table["Figure"].isin(list(member))]
    out = [r for r in single.to_dict("records")]
    for name, v in groups.items():
        mine = table[table["Figure"].map(member.get) == name]
        if mine.empty:  # every figure of the group agrees: counted in the intro only
            continue
        where = places_text(list(dict.fromkeys(w for w in mine["Where"].astype(str) if w)))
        sizes = mine["Difference"].map(difference_size)
        top = mine.loc[sizes.idxmax()]
        short = str(top["Figure"]).removeprefix(f"{name}: ")
        # what the paper printed and what the data give, not only the difference: "the paper
        # gives 55 and the data 61 (+6)" (a data figure ending in a bracket takes "; +6")
        paper, data, diff = (
            str(top[c]) for c in ("The paper's figure", "The data's figure", "Difference")
        )
        largest = f"{short}: the paper gives {paper} and the data {data}" + (
            ("; " + diff if data.endswith(")") else f" ({diff})") if top["Difference"] else ""
        )
        reason = f"{top['Likely reason']} {FULL_LIST}".strip()
        printed = int(v["printed"])
        out.append(
            {
                "Figure": f"{name}: every figure printed",
                "Where": where,
                "The paper's figure": f"{printed} figure{'' if printed == 1 else 's'}",
                "The data's figure": f"{int(v['agree'])} of {printed} figures reproduced",
                "Difference": f"Largest: {largest}",
                "Likely reason": reason,
            }
        )
    return pd.DataFrame(out, columns=CHECKED_COLUMNS)
