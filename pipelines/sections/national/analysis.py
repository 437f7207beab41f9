"""Local against national: an authority's children's social work workforce in the DfE statistics.

Pure functions over :class:`pipelines.datasets.national.dfe.NationalData` (the DfE indicators and
statistical neighbour model, read by :mod:`pipelines.datasets.national.dfe`). For five measures —
turnover, agency worker rate, vacancy rate, average caseload and sickness absence — they compare one
authority with England, its region (and London for a London borough) and the median of its
statistical neighbours, show each neighbour, the counts behind each rate, the series over every year
of the release, and the authority's rank among all authorities and among its neighbours.

Conventions
-----------
- Ranks are direction-aware: 1 is the most favourable (for all five measures, the lowest
  value). Ties share the better rank. Each reporting unit counts once, so a joint return
  (Kingston upon Thames / Richmond upon Thames) is one authority in the ranking.
- Quartile bands split the ranked authorities into four: band 1 holds ranks 1 to n/4.
- A published marker (``c``, ``x``, ``z``, ``u``, ``low``/``k``) is shown as its meaning and
  left out of ranks, medians and counts of authorities ranked, with a note; never treated as 0.
- Neighbours come from one release of the DfE model for every year (``neighbour_model`` in
  ``config/national.yml``; a meeting before its publication says so wherever they are used);
  a neighbour with no return in a year (e.g. before it was created) is left out of that year's
  median, and said so.

Tables come back with member-facing column labels, ready for
:func:`pipelines.core.presentation.show`; cells hold numbers, or words where the DfE published a
marker or there is no figure.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from pipelines.core.errors import ConfigError
from pipelines.datasets.national.dfe import (
    JOINT_SEPARATOR,
    LONDON_PARTS,
    SPECIAL_EXPLAINED,
    SPECIAL_VALUES,
    Authority,
    NationalData,
)
from pipelines.datasets.national.resolve import choose_year, published_by, resolve_authority

ENGLAND = "E92000001"
NO_RETURN = "no return"


@dataclass(frozen=True)
class Measure:
    """One workforce measure of the DfE statistics.

    Attributes
    ----------
    column : str
        Column in the DfE file (FTE basis).
    label : str
        Member-facing name, e.g. "Turnover rate".
    unit : str
        "%" for percentages, otherwise the unit in words ("cases").
    definition : str
        How the DfE computes it.
    counts : tuple of (str, str)
        The published counts behind it: (column, label).
    lower_is_better : bool
        Direction for ranks: True when a lower value is more favourable.

    """

    column: str
    label: str
    unit: str
    definition: str
    counts: tuple[tuple[str, str], ...]
    lower_is_better: bool = True

    @property
    def header(self) -> str:
        """Column label with the unit, e.g. "Turnover rate (%)"."""
        return f"{self.label} ({self.unit})"

    @property
    def change_unit(self) -> str:
        """Unit of a difference: percentage points for rates."""
        return "percentage points" if self.unit == "%" else self.unit

    def text(self, value: float) -> str:
        """A value in words for sentences: "18.2%", "16.4 cases"."""
        return f"{value:.1f}%" if self.unit == "%" else f"{value:.1f} {self.unit}"

    @property
    def best_word(self) -> str:
        """What rank 1 means, e.g. "lowest"."""
        return "lowest" if self.lower_is_better else "highest"


COUNT_LABELS = {
    "inpost_fte": "Social workers in post (FTE)",
    "leavers_fte": "Leavers in the year (FTE)",
    "agency_fte": "Agency social workers (FTE)",
    "vacancy_fte": "Vacancies (FTE)",
    "cases": "Cases held",
    "case_holders_fte": "Case-holding social workers (FTE)",
    "working_days_lost_fte": "Working days lost to sickness",
}

MEASURES: tuple[Measure, ...] = (
    Measure(
        "turnover_rate_fte",
        "Turnover rate",
        "%",
        "Leavers in the year to 30 September as a percentage of social workers in post "
        "(FTE) at 30 September",
        (("leavers_fte", COUNT_LABELS["leavers_fte"]), ("inpost_fte", COUNT_LABELS["inpost_fte"])),
    ),
    Measure(
        "agency_rate_fte",
        "Agency worker rate",
        "%",
        "Agency social workers as a percentage of all social workers (agency plus in post, "
        "FTE) at 30 September",
        (("agency_fte", COUNT_LABELS["agency_fte"]), ("inpost_fte", COUNT_LABELS["inpost_fte"])),
    ),
    Measure(
        "vacancy_rate_fte",
        "Vacancy rate",
        "%",
        "Vacant posts as a percentage of vacancies plus social workers in post (FTE) at "
        "30 September",
        (("vacancy_fte", COUNT_LABELS["vacancy_fte"]), ("inpost_fte", COUNT_LABELS["inpost_fte"])),
    ),
    Measure(
        "caseload_fte",
        "Average caseload",
        "cases",
        "Cases held at 30 September divided by the case-holding social workers (FTE): "
        "cases per social worker",
        (("cases", COUNT_LABELS["cases"]), ("case_holders_fte", COUNT_LABELS["case_holders_fte"])),
    ),
    Measure(
        "absence_rate_fte",
        "Sickness absence rate",
        "%",
        "Working days lost to sickness absence in the year as a percentage of the working "
        "days available (FTE in post)",
        (
            ("working_days_lost_fte", COUNT_LABELS["working_days_lost_fte"]),
            ("inpost_fte", COUNT_LABELS["inpost_fte"]),
        ),
    ),
)
MEASURE_BY_KEY = {m.column: m for m in MEASURES}
COMPARATORS = ("England", "region", "statistical neighbours")
QUARTILE_LABELS = {1: "1 (most favourable)", 2: "2", 3: "3", 4: "4 (least favourable)"}
QUARTILE_WORDS = {
    1: "most favourable quarter",
    2: "second quarter",
    3: "third quarter",
    4: "least favourable quarter",
}
QUARTILE_COLUMN = "Quartile band (1 = most favourable)"


def measure(key: str) -> Measure:
    """The :class:`Measure` for a DfE column name or a label ("Turnover rate")."""
    for m in MEASURES:
        if key in (m.column, m.label, m.header):
            return m
    raise KeyError(f"unknown measure {key!r}; known: {', '.join(m.label for m in MEASURES)}")


# --------------------------------------------------------------------------- the request


@dataclass(frozen=True)
class Request:
    """What the section shows: which authority, which year, against which comparators.

    Attributes
    ----------
    la : Authority
    year : int
        Reporting year (figures at 30 September of it).
    comparators : tuple of str
        Subset of :data:`COMPARATORS`.
    caveats : tuple of (str, str)
        (title, text) notes to print at the top of the section.
    last_year : int, optional
        For a meeting: the last year the series show (the year of the meeting's figures), so a
        pack shows no figures the group could not have had; None shows every year.

    """

    la: Authority
    year: int
    comparators: tuple[str, ...]
    caveats: tuple[tuple[str, str], ...] = ()
    last_year: int | None = None
    published: dt.date | None = None
    after_meeting: bool = False
    years: tuple[int, ...] = ()
    meeting: dt.date | None = None
    neighbour_note: str = ""

    @property
    def neighbours(self) -> bool:
        """True when statistical neighbours are among the comparators."""
        return "statistical neighbours" in self.comparators

    @property
    def period(self) -> str:
        """Period text for the chosen year's tables, with the date the DfE published it.

        When the review opted into figures published after the meeting, every table and chart
        of the section says so through this text.
        """
        text = f"At 30 September {self.year} (turnover and absence: the year to that date)"
        if self.published is not None:
            text += f"; published by the DfE on {self.published.day} {self.published:%B %Y}"
        if self.after_meeting:
            text += ", after this meeting (the review chose to show later data)"
        return text

    @property
    def neighbours_period(self) -> str:
        """:attr:`period` with which neighbours are compared, for tables that show them."""
        return f"{self.period}; {self.neighbour_note}" if self.neighbour_note else self.period


def _comparators(values: Sequence[str] | None) -> tuple[str, ...]:
    if values is None:
        return COMPARATORS
    if isinstance(values, str):
        values = [values]
    out = []
    for v in values:
        k = str(v).strip().casefold()
        hit = next(
            (
                c
                for c in COMPARATORS
                if c.casefold() == k
                or (
                    k in {"neighbours", "sn", "statistical neighbour"}
                    and c == "statistical neighbours"
                )
            ),
            None,
        )
        if hit is None:
            raise ConfigError(
                f"Unknown comparator {v!r}: choose from "
                + ", ".join(f'"{c}"' for c in COMPARATORS)
                + "."
            )
        if hit not in out:
            out.append(hit)
    return tuple(c for c in COMPARATORS if c in out)


def make_request(
    data: NationalData,
    la: str = "",
    year: int | None = None,
    *,
    review: str = "",
    meeting: str | dt.date | None = None,
    comparators: Sequence[str] | None = None,
    later_data: bool | None = None,
) -> Request:
    """Resolve the section's parameters into a :class:`Request`.

    Parameters
    ----------
    data : NationalData
    la : str
        Authority name, ONS code or DfE code; blank means the review's ``la_code``.
    year : int, optional
        Reporting year; 0 or None means the latest year not after the meeting (or, with no
        meeting, the authority's latest year). See
        :func:`pipelines.datasets.national.resolve.choose_year`.
    review : str
        Review id or YAML path, read only when ``la`` is blank.
    meeting : str or date, optional
        Meeting date (ISO).
    comparators : sequence of str, optional
        Any of "England", "region", "statistical neighbours" (default: all three).
    later_data : bool, optional
        Opt into DfE figures published after the meeting; None: the review's
        ``national_later_data`` when ``review`` is given, else False (time-true by default).

    Raises
    ------
    ConfigError
        Unknown authority (with the closest names), a year without figures, an unknown
        comparator, or neither ``la`` nor ``review`` given.

    """
    if not str(la or "").strip():
        if not review:
            raise ConfigError(
                "Say which local authority: give la (a name, ONS code or DfE "
                "code) or a review whose configuration has la_code."
            )
        from pipelines.core.config import load_review

        la = load_review(review).la_code
    if later_data is None:
        later_data = review_later_data(review)
    authority = resolve_authority(data, str(la))
    chosen, year_notes = choose_year(
        data, authority, int(year) if year else None, meeting or None, later_data=later_data
    )
    caveats = [("Year shown", t) for t in year_notes]
    caveats += authority_notes(data, authority)
    comps = _comparators(comparators)
    model = data.config.neighbour_model
    release = f"{model.release} release" if model else "the release in use"
    if "statistical neighbours" in comps and not neighbours_of(data, authority):
        caveats.append(
            (
                "No statistical neighbours",
                (
                    f"The DfE statistical neighbour model used here ({release}) has no entry for "
                    f"{authority.name}, so there is no neighbour comparison."
                ),
            )
        )
        comps = tuple(c for c in comps if c != "statistical neighbours")
    published = data.published(chosen)
    when = dt.date.fromisoformat(str(meeting)) if meeting else None
    # Time-true: a neighbour list published after the meeting is said to be (issue 22).
    neighbour_note = ""
    if "statistical neighbours" in comps and model and when and model.published > when:
        neighbour_note = (
            f"statistical neighbours as the DfE's {model.release} model names them, published "
            "after this meeting"
        )
        caveats.append(
            (
                "Statistical neighbours",
                f"The neighbours are those of the DfE's statistical neighbour model of "
                f"{model.release}, published after this meeting: the model the DfE published "
                "before the meeting may have named others.",
            )
        )
    after = bool(when and (published is None or published > when))
    # Trends show the years published by the meeting, or every year when the review opted in.
    years = (
        tuple(published_by(data, data.years, when))
        if when and not later_data
        else tuple(data.years)
    )
    return Request(
        la=authority,
        year=chosen,
        comparators=comps,
        caveats=tuple(caveats),
        last_year=chosen if meeting and not year else None,
        published=published,
        after_meeting=after,
        years=years,
        meeting=when,
        neighbour_note=neighbour_note,
    )


def trend_years(data: NationalData, req: Request) -> list[int]:
    """The years a trend shows: those published by the meeting, unless the review opted in.

    Never after the year of the meeting's own figures (:attr:`Request.last_year`).
    """
    years = list(req.years) if req.years else list(data.years)
    return [y for y in years if req.last_year is None or y <= req.last_year]


def series_period(data: NationalData, req: Request) -> str:
    """The period of the trend charts, saying when their figures were published.

    When any year shown was published after the meeting (the review opted into later data),
    the text says so, with the publication dates. A single year (or publication date) is
    printed once, not as a period from it to itself.
    """
    years = trend_years(data, req)
    text = f"30 September {years[0]}"  # one year: one date, not "2017 to 2017"
    if years[-1] != years[0]:
        text += f" to 30 September {years[-1]}"
    if req.meeting is None:
        return text
    late = [y for y in years if (data.published(y) or dt.date.max) > req.meeting]
    if late:
        first, last = data.published(late[0]), data.published(late[-1])
        when = "later"
        if first and last:
            when = f"{first:%-d %B %Y}" + (f" to {last:%-d %B %Y}" if last != first else "")
        text += (
            f"; the figures for {late[0]}"
            + (f" to {late[-1]}" if late[-1] != late[0] else "")
            + f" were published {when}, after this meeting (the review chose to show later data)"
        )
    return text


def review_later_data(review: str = "") -> bool:
    """The review's opt-in to DfE figures published after a meeting (False without a review)."""
    if not review:
        return False
    from pipelines.core.config import load_review

    return bool(load_review(review).national_later_data)


def later_data_notice(cfg, meeting: str | dt.date, data: NationalData | None = None) -> str | None:
    """The sentence for a pack's cover when it shows DfE figures published after the meeting.

    None when the meeting's pack has no national comparison, or every DfE figure it shows was
    published by the meeting date. For the pack's cover note (:mod:`pipelines.documents.pack`).
    """
    m = cfg.meeting(meeting)
    if not any(s.notebook == "30_local_vs_national" for s in m.sections):
        return None
    if data is None:
        from pipelines.datasets.national.dfe import load_national

        data = load_national()
    try:
        req = make_request(
            data, cfg.la_code, None, meeting=str(m.date), later_data=cfg.national_later_data
        )
    except ConfigError:
        return None
    if not req.after_meeting:
        return None
    when = f", published {req.published:%-d %B %Y}," if req.published else ""
    return (
        f"This pack shows DfE figures at 30 September {req.year}{when} after the meeting of "
        f"{m.date:%-d %B %Y}: the review chose to show later national data, which the group did "
        "not have at the time."
    )


def authority_notes(data: NationalData, la: Authority) -> list[tuple[str, str]]:
    """Notes on who the figures cover: joint returns, reorganisations, code changes, names."""
    notes: list[tuple[str, str]] = []
    if la.joint:
        names = la.name.split(JOINT_SEPARATOR)
        notes.append(
            (
                "Joint return",
                (
                    f"{' and '.join(n.strip() for n in names)} make one joint return to the DfE "
                    f"(DfE codes {la.key}); every figure here is for both councils together, and "
                    "they count as one authority in ranks and medians."
                    + (
                        f" Statistical neighbours are those of {la.asked} in the DfE model."
                        if la.asked != la.name
                        else f" Statistical neighbours are those of {names[0].strip()} in the DfE "
                        "model (which lists the two councils separately)."
                    )
                ),
            )
        )
    reorg = data.reorganisation_of(la.key)
    if reorg:
        role, r = reorg
        if role == "former":
            successors = ", ".join(
                data.unit_name(data.member_unit.get(c, c)) for c in dict.fromkeys(r.successors)
            )
            notes.append(
                (
                    "Former authority",
                    (
                        f"{r.text}. {la.name} has figures for {la.years[0]} to {la.years[-1]} "
                        f"only; for later years see {successors}."
                    ),
                )
            )
        else:
            formers = ", ".join(data.unit_name(c) for c in r.former)
            notes.append(
                (
                    "New authority",
                    (
                        f"{r.text}. Figures start in {la.years[0]}; the former councils' figures "
                        f"({formers}) cover different areas and are not joined to this series."
                    ),
                )
            )
    for old, new, year in data.code_changes(la.key):
        notes.append(
            (
                "Code change",
                (
                    f"{la.name}'s ONS code changed from {old} to {new} in {year}; the DfE code "
                    f"({la.key}) and the series continue, and both codes find it."
                ),
            )
        )
    if la.same_name:
        notes.append(
            (
                "Same name",
                (
                    f"Another authority was published under the name {la.name}: "
                    f"{'; '.join(la.same_name)}. It covered a different area and is not shown; ask "
                    "for it by its DfE code to see it."
                ),
            )
        )
    if la.region_code in LONDON_PARTS:
        notes.append(
            (
                "London",
                (
                    f"The DfE file places London boroughs in Inner or Outer London; {la.name} is "
                    f"compared with {la.region_name} and with London as a whole."
                ),
            )
        )
    return notes


# --------------------------------------------------------------------------- cells and ranks


def shown(cell: tuple[float, str] | None) -> float | str:
    """A published cell for a member table: the number, the marker's meaning, or "no return"."""
    if cell is None:
        return NO_RETURN
    value, marker = cell
    return SPECIAL_VALUES[marker] if marker else value


def is_usable(cell: tuple[float, str] | None) -> bool:
    """True when a DfE cell holds a published number (not missing, not a marker, not NaN)."""
    return cell is not None and not cell[1] and not math.isnan(cell[0])


def ordinal(n: int) -> str:
    """1 -> "1st", 22 -> "22nd", 113 -> "113th"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def quartile(rank: int, n: int) -> int:
    """Quartile band of a rank among ``n`` (1 = the quarter with the most favourable values)."""
    return min(4, 1 + (4 * (rank - 1)) // n)


def rank_all(data: NationalData, m: Measure, year: int) -> pd.DataFrame:
    """Every authority's rank on one measure in one year (1 = most favourable).

    Returns
    -------
    pandas.DataFrame
        Columns ``key``, ``name``, ``value``, ``marker``, ``rank`` (nullable int; missing for
        marked figures), ``n`` (authorities ranked), ``quartile``. One row per reporting unit
        with a row in the file that year.

    """
    cache_key = ("rank_all", m.column, year)
    if cache_key in data._cache:
        return data._cache[cache_key]
    try:
        rows = data.la_values.loc[(m.column, year)].reset_index()
    except KeyError:
        rows = pd.DataFrame(columns=["key", "name", "value", "marker"])
    ok = (rows["marker"] == "") & rows["value"].notna()
    ranks = rows.loc[ok, "value"].rank(method="min", ascending=m.lower_is_better)
    n = int(ok.sum())
    out = rows[["key", "name", "value", "marker"]].copy()
    out["rank"] = pd.array([pd.NA] * len(out), dtype="Int64")
    out.loc[ok, "rank"] = ranks.astype(int).to_numpy()
    out["n"] = n
    out["quartile"] = pd.array(
        [quartile(int(r), n) if pd.notna(r) else pd.NA for r in out["rank"]], dtype="Int64"
    )
    data._cache[cache_key] = out
    return out


def _rank_text(rank: int | None, n: int, cell: tuple[float, str] | None) -> str:
    if rank is None:
        reason = NO_RETURN if cell is None else SPECIAL_VALUES.get(cell[1], "no figure")
        return f"not ranked ({reason})"
    return f"{ordinal(rank)} of {n}"


def la_rank(
    data: NationalData, la: Authority, m: Measure, year: int
) -> tuple[int | None, int, int | None]:
    """(rank, authorities ranked, quartile) of the authority; rank None when not ranked."""
    cache_key = ("rank_lookup", m.column, year)
    if cache_key not in data._cache:
        table = rank_all(data, m, year)
        data._cache[cache_key] = (
            {r.key: (int(r.rank), int(r.quartile)) for r in table.itertuples() if pd.notna(r.rank)},
            int(table["n"].iloc[0]) if len(table) else 0,
        )
    lookup, n = data._cache[cache_key]
    if la.key not in lookup:
        return None, n, None
    rank, q = lookup[la.key]
    return rank, n, q


# --------------------------------------------------------------------------- neighbours


@dataclass(frozen=True)
class Neighbour:
    """One statistical neighbour in the DfE model.

    ``unit`` is the reporting unit holding its figures (a joint return for Kingston upon Thames,
    Richmond upon Thames, North and West Northamptonshire), or None if it has none.
    """

    rank: int
    code: str
    name: str
    closeness: str
    unit: str | None


def neighbours_of(data: NationalData, la: Authority) -> list[Neighbour]:
    """The authority's statistical neighbours, closest first (empty if not in the model)."""
    cache_key = ("neighbours_of", la.member)
    if cache_key in data._cache:
        return data._cache[cache_key]
    out = []
    for r in data.neighbour_list(la.member).itertuples():
        name = data.member_names.get(r.neighbour)
        if name is None:
            rows = data.neighbours[data.neighbours["code"] == r.neighbour]
            name = str(rows["name"].iloc[0]) if len(rows) else f"DfE {r.neighbour}"
        out.append(
            Neighbour(
                int(r.rank), r.neighbour, name, r.closeness, data.member_unit.get(r.neighbour)
            )
        )
    data._cache[cache_key] = out
    return out


def _missing_reason(data: NationalData, n: Neighbour, year: int) -> str:
    """Why a neighbour has no row in ``year``: created later, abolished, or simply absent."""
    reorg = data.reorganisation_of(n.unit or n.code)
    if reorg:
        role, r = reorg
        if role == "successor" and year < r.year:
            return f"no return for {year}: the council was created in April {r.year}"
        if role == "former" and year >= r.year:
            return f"no return for {year}: the council was abolished in April {r.year}"
    if n.unit is None:
        return "not in the DfE workforce statistics"
    return f"no return for {year}"


def neighbour_values(
    data: NationalData, req: Request, m: Measure, year: int | None = None
) -> pd.DataFrame:
    """Each neighbour's figure on one measure in one year, and whether it counts in the median.

    Returns
    -------
    pandas.DataFrame
        Columns ``rank``, ``code``, ``name``, ``closeness``, ``unit``, ``value`` (float or NaN),
        ``marker``, ``shown`` (number or words), ``counted`` (bool: in the median and the
        neighbour ranking), ``reason`` (why not counted; "" when counted). A neighbour that
        shares the authority's own joint return, or a joint return already counted for another
        neighbour, is not counted again.

    """
    year = year or req.year
    cache_key = ("neighbour_values", req.la, m.column, year)
    if cache_key in data._cache:
        return data._cache[cache_key]
    rows, seen = [], {}
    for n in neighbours_of(data, req.la):
        cell = data.cell(m.column, year, n.unit) if n.unit else None
        reason = ""
        if n.unit == req.la.key:
            reason = f"reports jointly with {req.la.asked}: the same figures"
        elif n.unit in seen:
            reason = f"joint return with {seen[n.unit]}, counted once"
        elif cell is None:
            reason = _missing_reason(data, n, year)
        elif cell[1]:
            reason = SPECIAL_EXPLAINED[cell[1]]
        if n.unit and cell is not None and n.unit not in seen and n.unit != req.la.key:
            seen[n.unit] = n.name
        if n.unit == req.la.key:
            display: float | str = "same return as this authority"
        elif reason and n.unit in seen and seen[n.unit] != n.name:
            display = "counted once"
        else:
            display = shown(cell) if cell is not None else NO_RETURN
        rows.append(
            {
                "rank": n.rank,
                "code": n.code,
                "name": n.name,
                "closeness": n.closeness,
                "unit": n.unit,
                "value": cell[0] if cell else float("nan"),
                "marker": cell[1] if cell else "",
                "shown": display,
                "counted": not reason,
                "reason": reason,
            }
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "rank",
            "code",
            "name",
            "closeness",
            "unit",
            "value",
            "marker",
            "shown",
            "counted",
            "reason",
        ],
    )
    data._cache[cache_key] = out
    return out


def neighbour_median(
    data: NationalData, req: Request, m: Measure, year: int | None = None
) -> tuple[float | None, int, int]:
    """(median of the counted neighbours, how many counted, how many neighbours in the model)."""
    nv = neighbour_values(data, req, m, year)
    vals = nv.loc[nv["counted"], "value"]
    return (median_1dp(vals) if len(vals) else None), int(len(vals)), int(len(nv))


def median_1dp(values: Sequence[float] | pd.Series) -> float:
    """Median rounded to one decimal place, halves away from zero (15.65 -> 15.7).

    The published figures have one decimal place; rounding the median the same way (and not
    with binary floating point, which gives 15.6) keeps tables and sentences in agreement.
    """
    from decimal import ROUND_HALF_UP, Decimal

    med = float(pd.Series(list(values), dtype=float).median())
    return float(Decimal(f"{med:.6f}").quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def neighbour_rank(
    data: NationalData, req: Request, m: Measure, year: int | None = None
) -> tuple[int | None, int]:
    """(rank of the authority among itself and its counted neighbours, how many ranked)."""
    year = year or req.year
    own = data.cell(m.column, year, req.la.key)
    nv = neighbour_values(data, req, m, year)
    vals = nv.loc[nv["counted"], "value"].tolist()
    if not is_usable(own):
        return None, len(vals)
    better = [v for v in vals if (v < own[0] if m.lower_is_better else v > own[0])]
    return 1 + len(better), len(vals) + 1
