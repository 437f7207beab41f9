"""National data: the DfE children's social work workforce statistics and statistical neighbours.

Reads the two public DfE files named in ``config/national.yml`` — the local authority indicators
(``csww_indicators_*.csv``: England, regions and local authorities, one row per area and year,
figures at 30 September) and the statistical neighbour model (``sn_model_*_wide.csv``: ten
neighbours per authority) — into tidy frames, keeping every published marker's meaning:

=======  =====================================================================
marker   meaning (shown to members as words, never as 0)
=======  =====================================================================
``c``    confidential: withheld to protect individuals
``x``    not available
``z``    not applicable
``u``    low reliability: withheld because the figure is not reliable
``low``  rounds to zero but is not zero (also written ``k``)
=======  =====================================================================

It also knows who is who across the years: joint returns (Kingston upon Thames / Richmond upon
Thames ``314 / 318``; North / West Northamptonshire ``940 / 941``) against the separate rows of
the neighbour file, reorganised authorities (listed in ``config/national.yml``), ONS code changes
under the same DfE code (found in the data), and spelling differences such as "St Helens" /
"St. Helens". :func:`pipelines.datasets.national.resolve.resolve_authority` turns a name or
code typed by an officer into the authority's reporting unit, or stops with the closest matches;
:mod:`pipelines.datasets.national.fetch` downloads the files.

The files are read from ``data/raw/national/`` when ``evidence-pack fetch-national`` has put
them there, else from the development copy in ``../shared/data/dfe/``; they are never committed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pipelines.core.config import project_root
from pipelines.core.errors import ConfigError, InputError, Problem

#: Published markers and what they mean, in members' words.
SPECIAL_VALUES = {
    "c": "confidential",
    "x": "not available",
    "z": "not applicable",
    "u": "low reliability",
    "low": "less than 0.05",
    "k": "less than 0.05",
}
#: Longer explanations of the markers, for the notes under the tables.
SPECIAL_EXPLAINED = {
    "c": "confidential: the DfE withheld the figure to protect individuals",
    "x": "not available: the authority did not provide the figure",
    "z": "not applicable",
    "u": "low reliability: the DfE withheld the figure because it is not reliable",
    "low": "less than 0.05: the figure rounds to zero but is not zero",
    "k": "less than 0.05: the figure rounds to zero but is not zero",
}

ID_COLUMNS = (
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "new_la_code",
    "la_name",
)
#: Measure columns the product uses (the file has more; all are read).
REQUIRED_MEASURES = (
    "inpost_fte",
    "leavers_fte",
    "turnover_rate_fte",
    "agency_fte",
    "agency_rate_fte",
    "vacancy_fte",
    "vacancy_rate_fte",
    "case_holders_fte",
    "cases",
    "caseload_fte",
    "working_days_lost_fte",
    "absence_rate_fte",
)
LEVELS = ("National", "Regional", "Local authority")
NEIGHBOURS = 10
JOINT_SEPARATOR = " / "
#: London's two sub-regions in the indicators file, and London itself.
LONDON = "E12000007"
LONDON_PARTS = ("E13000001", "E13000002")
ENGLAND = "E92000001"


# --------------------------------------------------------------------------- configuration


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NationalFiles(_Strict):
    """File names of the release (the same names locally and at the download URL)."""

    indicators: str
    neighbours: str


class Reorganisation(_Strict):
    """Authorities replaced by others from April of ``year`` (DfE codes, ``old_la_code``)."""

    year: int
    former: list[str]
    successors: list[str]
    text: str


class Release(_Strict):
    """One release of the DfE "Children's social work workforce" statistics.

    ``year`` is the reporting year (figures at 30 September of it); ``published`` the day the
    DfE published them; ``source`` where the date was read; ``checked`` whether the date was
    checked against that page (False: the usual late-February date, to confirm).
    """

    year: int
    published: dt.date
    source: str
    checked: bool = False


class NeighbourModel(_Strict):
    """The release of the DfE statistical neighbour model the neighbours come from.

    ``release`` names it as the DfE does ("May 2025"); ``published`` is the day it was
    published (the month's last day when only the month is known, so a meeting in that month
    is never said to have had it); ``source`` where that was read.
    """

    release: str
    published: dt.date
    source: str


class NationalConfig(_Strict):
    """Where the national data come from and are kept: ``config/national.yml``."""

    url: str = Field(description="Folder URL of the current release; files are <url>/<file>")
    folder: str = Field(description="Local copy written by fetch-national, relative to the root")
    fallback: str = Field(description="Development copy read when the local copy is missing")
    files: NationalFiles
    max_download_mb: float = 50
    timeout_seconds: float = 60
    source: str = Field(
        description="How tables cite the DfE statistics, without years: each table's period "
        "names the years it shows"
    )
    neighbour_source: str = Field(
        description="How tables cite the neighbour model, without years: its release "
        "(neighbour_model) is added, and whether it was published after the meeting"
    )
    neighbour_model: NeighbourModel | None = None
    reorganisations: list[Reorganisation] = Field(default_factory=list)
    releases: list[Release] = Field(
        default_factory=list,
        description="Publication date of each reporting year's release (time-true evidence)",
    )

    @field_validator("source", "neighbour_source")
    @classmethod
    def _source_names_no_years(cls, value: str) -> str:
        # Time-true: a paper's source note names only the years the paper uses, and those come
        # from each table's period; a year here ("indicators, 2017 to 2025") would put the
        # release's later years into a paper of 2018.
        years = re.findall(r"\b(?:19|20)\d{2}\b", value)
        if years:
            raise ValueError(
                f"names the year(s) {', '.join(years)}: every table citing it would name them, "
                "also in a paper of an earlier meeting. Write the source without years (each "
                "table's period says which years it shows), e.g. \"Department for Education, "
                "Children's social work workforce statistics (local authority indicators), "
                'Open Government Licence v3.0"'
            )
        return value

    def published(self, year: int) -> dt.date | None:
        """The day the figures of reporting ``year`` were published (None when not listed)."""
        return next((r.published for r in self.releases if r.year == int(year)), None)

    def path(self, which: str) -> Path:
        """Absolute path of ``folder`` or ``fallback`` (``which``)."""
        p = Path(getattr(self, which))
        return p if p.is_absolute() else (project_root() / p).resolve()


def national_config_path() -> Path:
    """``config/national.yml``."""
    return project_root() / "config" / "national.yml"


def load_national_config(path: Path | None = None) -> NationalConfig:
    """Load and check ``config/national.yml``; ConfigError naming the key if wrong."""
    path = Path(path or national_config_path())
    if not path.exists():
        raise ConfigError(f"No national data configuration at {path}.")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return NationalConfig.model_validate(data)
    except yaml.YAMLError as exc:
        raise ConfigError(
            f"The national data configuration {path} is not valid YAML: {exc}"
        ) from None
    except ValidationError as exc:
        lines = [f"The national data configuration {path} has {exc.error_count()} problem(s):"]
        for err in exc.errors():
            key = ".".join(str(p) for p in err["loc"]) or "(top level)"
            msg = (
                "unknown key (check its spelling)"
                if err["type"] == "extra_forbidden"
                else err["msg"]
            )
            lines.append(f"  key:   {key}\n  error: {msg}")
        raise ConfigError("\n".join(lines)) from None


def data_folder(cfg: NationalConfig, folder: Path | None = None) -> Path:
    """The folder the national files are read from.

    In order: ``folder`` if given; the environment variable ``EVIDENCE_PACK_NATIONAL``; the
    configured local copy (``data/raw/national/``) when it holds both files; the fallback
    (``../shared/data/dfe/``). ConfigError if none holds both files.
    """
    names = (cfg.files.indicators, cfg.files.neighbours)
    candidates: list[Path] = []
    if folder is not None:
        candidates = [Path(folder)]
    elif os.environ.get("EVIDENCE_PACK_NATIONAL"):
        candidates = [Path(os.environ["EVIDENCE_PACK_NATIONAL"])]
    else:
        candidates = [cfg.path("folder"), cfg.path("fallback")]
    for c in candidates:
        if all((c / n).is_file() for n in names):
            return c
    looked = "; ".join(str(c) for c in candidates)
    raise ConfigError(
        f"The DfE national files ({', '.join(names)}) were not found. Looked in: {looked}. "
        "Run: evidence-pack fetch-national (downloads them into data/raw/national/)."
    )


# --------------------------------------------------------------------------- reading


def _display_path(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(project_root()))
    except ValueError:
        return str(path)


def _read_text_table(path: Path) -> pd.DataFrame:
    """CSV as text cells (byte-order mark dropped, nothing converted, blanks kept as "")."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def parse_cell(text: str) -> tuple[float, str]:
    """A published cell as (number, marker): ``"12.5"`` -> (12.5, ""), ``"x"`` -> (nan, "x").

    Raises ValueError when the cell is neither a number nor a known marker.
    """
    t = str(text).strip()
    if t.casefold() in SPECIAL_VALUES:
        return float("nan"), t.casefold()
    return float(t.replace(",", "")), ""


def read_indicators(path: Path, display: str | None = None) -> pd.DataFrame:
    """The indicators file as a long table: one row per area, year and measure.

    Parameters
    ----------
    path : Path
        ``csww_indicators_*.csv``.
    display : str, optional
        How problems name the file (e.g. the URL it was downloaded from).

    Returns
    -------
    pandas.DataFrame
        Columns ``year`` (int, figures at 30 September of that year), ``level`` ("National",
        "Regional", "Local authority"), ``key`` (DfE code for authorities — ``"314 / 318"`` for
        a joint return — else the ONS area code), ``ons_code``, ``name``, ``region_code``,
        ``region_name``, ``measure`` (the file's column name), ``value`` (float; NaN where a
        marker stands), ``marker`` ("" or one of :data:`SPECIAL_VALUES`) and ``source_row``
        (the row as a spreadsheet shows it, header = 1).

    Raises
    ------
    InputError
        Missing columns, unknown levels, a cell that is neither a number nor a marker, or an
        area listed twice in a year; every problem names the file, row and column.

    """
    shown = display or _display_path(path)
    raw = _read_text_table(path)
    raw.columns = [c.strip() for c in raw.columns]
    missing = [c for c in (*ID_COLUMNS, *REQUIRED_MEASURES) if c not in raw.columns]
    if missing:
        raise InputError(
            [
                Problem(
                    "The DfE workforce indicators file is missing columns.",
                    shown,
                    expected=", ".join(missing),
                    found=", ".join(raw.columns),
                    hint="Download the current release again: evidence-pack fetch-national.",
                )
            ]
        )
    raw = raw.apply(lambda s: s.str.strip())
    raw["source_row"] = range(2, len(raw) + 2)
    measures = [c for c in raw.columns if c not in ID_COLUMNS and c != "source_row"]
    problems: list[Problem] = []
    for _, row in raw.iterrows():
        if row["geographic_level"] not in LEVELS:
            problems.append(
                Problem(
                    "Unknown geographic level.",
                    shown,
                    row["source_row"],
                    "geographic_level",
                    row["geographic_level"],
                    ", ".join(LEVELS),
                )
            )
        if not row["time_period"].isdigit():
            problems.append(
                Problem(
                    "The year is not a year.",
                    shown,
                    row["source_row"],
                    "time_period",
                    row["time_period"],
                    "a year such as 2025",
                )
            )
        if row["geographic_level"] == "Local authority" and not (
            row["old_la_code"] and row["la_name"]
        ):
            problems.append(
                Problem(
                    "A local authority row has no code or name.",
                    shown,
                    row["source_row"],
                    "old_la_code",
                    row["old_la_code"],
                    "the DfE code and name of the authority",
                )
            )
    long = raw.melt(
        id_vars=[*ID_COLUMNS, "source_row"],
        value_vars=measures,
        var_name="measure",
        value_name="text",
    )
    parsed = long["text"].map(_try_parse)
    bad = long[parsed.isna()]
    for _, row in bad.head(50).iterrows():
        problems.append(
            Problem(
                "A figure is neither a number nor a DfE marker.",
                shown,
                int(row["source_row"]),
                row["measure"],
                repr(row["text"]),
                "a number, or one of the markers " + ", ".join(SPECIAL_VALUES),
                "Check the download; the DfE marks missing figures with a letter, never a blank.",
            )
        )
    if len(bad) > 50:
        problems.append(Problem(f"... and {len(bad) - 50} more cells like these.", shown))
    if problems:
        raise InputError(problems)
    long["value"] = [p[0] for p in parsed]
    long["marker"] = [p[1] for p in parsed]
    level = long["geographic_level"]
    long["key"] = long["old_la_code"].where(
        level == "Local authority",
        long["region_code"].where(level == "Regional", long["country_code"]),
    )
    long["ons_code"] = long["new_la_code"].where(level == "Local authority", long["key"])
    long["name"] = long["la_name"].where(
        level == "Local authority",
        long["region_name"].where(level == "Regional", long["country_name"]),
    )
    out = pd.DataFrame(
        {
            "year": long["time_period"].astype(int),
            "level": level,
            "key": long["key"],
            "ons_code": long["ons_code"],
            "name": long["name"],
            "region_code": long["region_code"],
            "region_name": long["region_name"],
            "measure": long["measure"],
            "value": long["value"].astype(float),
            "marker": long["marker"],
            "source_row": long["source_row"].astype(int),
        }
    )
    dup = out[out.duplicated(["year", "level", "key", "measure"], keep=False)]
    if len(dup):
        first = dup.drop_duplicates(["year", "key"]).head(10)
        raise InputError(
            [
                Problem(
                    "An area appears twice in the same year.",
                    shown,
                    int(r.source_row),
                    "old_la_code",
                    f"{r.key} ({r.name})",
                    "one row per area and year",
                )
                for r in first.itertuples()
            ]
        )
    out.attrs["source_file"] = shown
    return out


def _try_parse(text: str) -> tuple[float, str] | None:
    try:
        return parse_cell(text)
    except ValueError:
        return None


def read_neighbours(path: Path, display: str | None = None) -> pd.DataFrame:
    """The statistical neighbour model as a long table: one row per authority and neighbour.

    Parameters
    ----------
    path : Path
        ``sn_model_*_wide.csv`` (byte-order mark and trailing spaces, as published, are fine).
    display : str, optional
        How problems name the file (e.g. the URL it was downloaded from).

    Returns
    -------
    pandas.DataFrame
        Columns ``code`` (the authority's DfE code; joint returns appear as separate
        authorities here), ``name``, ``region_name``, ``rank`` (1 = closest), ``neighbour``
        (DfE code) and ``closeness`` (the model's label, e.g. "Very close"), ``source_row``.

    Raises
    ------
    InputError
        Missing columns or a neighbour that is not a DfE code, naming the file, row and column.

    """
    shown = display or _display_path(path)
    raw = _read_text_table(path)
    raw.columns = [c.strip() for c in raw.columns]
    want = ["old_la_code", "la_name", "region_name"] + [
        f"SN_{i}{p}" for i in range(1, NEIGHBOURS + 1) for p in ("", "P")
    ]
    missing = [c for c in want if c not in raw.columns]
    if missing:
        raise InputError(
            [
                Problem(
                    "The statistical neighbour file is missing columns.",
                    shown,
                    expected=", ".join(missing),
                    found=", ".join(raw.columns),
                    hint="Download the current release again: evidence-pack fetch-national.",
                )
            ]
        )
    raw = raw.apply(lambda s: s.str.strip())
    rows, problems = [], []
    for i, r in raw.iterrows():
        excel = i + 2
        if not re.fullmatch(r"\d{3}", r["old_la_code"]):
            problems.append(
                Problem(
                    "The authority's DfE code is not a three-digit code.",
                    shown,
                    excel,
                    "old_la_code",
                    repr(r["old_la_code"]),
                    "a DfE code such as 821",
                )
            )
        for k in range(1, NEIGHBOURS + 1):
            code = r[f"SN_{k}"]
            if not re.fullmatch(r"\d{3}", code):
                problems.append(
                    Problem(
                        "A statistical neighbour is not a DfE code.",
                        shown,
                        excel,
                        f"SN_{k}",
                        repr(code),
                        "a DfE code such as 821",
                    )
                )
                continue
            rows.append(
                {
                    "code": r["old_la_code"],
                    "name": r["la_name"],
                    "region_name": r["region_name"],
                    "rank": k,
                    "neighbour": code,
                    "closeness": r[f"SN_{k}P"],
                    "source_row": excel,
                }
            )
    if problems:
        raise InputError(problems)
    out = pd.DataFrame(rows)
    out.attrs["source_file"] = shown
    return out


# --------------------------------------------------------------------------- who is who


def normalise_name(text: str) -> str:
    """Name key for matching: lower case, "&" -> "and", punctuation and council words dropped.

    "St. Helens", "St Helens" and "St Helens Council" all give ``"st helens"``.
    """
    t = str(text).casefold().replace("&", " and ")
    t = re.sub(r"[.,'’()\-]", " ", t)
    t = re.sub(r"\s+", " ", t).strip()
    t = re.sub(r"^(the )?(london borough of |royal borough of |borough of )", "", t)
    t = re.sub(r" (metropolitan borough|borough|city|county|district)? ?council$", "", t)
    return t.strip()


def name_aliases(name: str) -> set[str]:
    """Normalised spellings an officer may use for a published name.

    "Bristol, City of" -> {"bristol city of", "bristol", "city of bristol"}.
    """
    out = {normalise_name(name)}
    m = re.fullmatch(r"(.+), (City|County) of", name.strip())
    if m:
        out |= {normalise_name(m.group(1)), normalise_name(f"{m.group(2)} of {m.group(1)}")}
    return out


@dataclass(frozen=True)
class Authority:
    """A local authority as the statistics report it, resolved from what an officer typed.

    Attributes
    ----------
    key : str
        DfE code of the reporting unit in the indicators file (``"314 / 318"`` for a joint
        return).
    name : str
        Name of the reporting unit as published (latest year), e.g. "St. Helens".
    asked : str
        The council the officer asked for (a member of a joint return, e.g. "Richmond upon
        Thames"); equals ``name`` otherwise.
    member : str
        DfE code whose statistical neighbours are used (a single code).
    years : tuple of int
        Years with figures for the reporting unit.
    ons_codes : tuple of (str, int, int)
        ONS codes used by the unit with their first and last year.
    region_code, region_name : str
        Region (or Inner / Outer London) in the latest year with figures.
    partners : tuple of str
        Names of the other councils in a joint return.
    same_name : tuple of str
        Other reporting units published under the same name (e.g. the former Dorset County
        Council), as "name (DfE code, years)".

    """

    key: str
    name: str
    asked: str
    member: str
    years: tuple[int, ...]
    ons_codes: tuple[tuple[str, int, int], ...]
    region_code: str
    region_name: str
    partners: tuple[str, ...] = ()
    same_name: tuple[str, ...] = ()

    @property
    def joint(self) -> bool:
        """True when the figures are a joint return of two councils."""
        return JOINT_SEPARATOR in self.key

    @property
    def label(self) -> str:
        """Name for headings: the council asked for, noting a joint return."""
        return self.name

    @property
    def ons_code(self) -> str:
        """The ONS code in the latest year."""
        return self.ons_codes[-1][0] if self.ons_codes else ""


@dataclass
class NationalData:
    """The national data, read and indexed once.

    Attributes
    ----------
    indicators : pandas.DataFrame
        Long table from :func:`read_indicators`.
    neighbours : pandas.DataFrame
        Long table from :func:`read_neighbours`.
    config : NationalConfig
        The configuration it was read with.
    files : dict of str to Path
        ``"indicators"`` and ``"neighbours"`` -> the files read.

    """

    indicators: pd.DataFrame
    neighbours: pd.DataFrame
    config: NationalConfig
    files: dict[str, Path]
    _cache: dict = field(default_factory=dict, repr=False)

    # ---- areas
    @cached_property
    def authorities(self) -> pd.DataFrame:
        """One row per local authority reporting unit and year: key, name, ons_code, region."""
        la = self.indicators[self.indicators["level"] == "Local authority"]
        return (
            la.drop_duplicates(["year", "key"])[
                ["year", "key", "name", "ons_code", "region_code", "region_name"]
            ]
            .sort_values(["key", "year"])
            .reset_index(drop=True)
        )

    @cached_property
    def years(self) -> list[int]:
        """Years in the release, ascending."""
        return sorted(self.indicators["year"].unique().tolist())

    @cached_property
    def member_unit(self) -> dict[str, str]:
        """Single DfE code -> reporting unit key (``"318"`` -> ``"314 / 318"``)."""
        out: dict[str, str] = {}
        for key in self.authorities["key"].unique():
            for part in key.split(JOINT_SEPARATOR):
                out[part.strip()] = key
        return out

    @cached_property
    def member_names(self) -> dict[str, str]:
        """Single DfE code -> the council's own name (from the unit or the neighbour file)."""
        out: dict[str, str] = {}
        latest = self.authorities.drop_duplicates("key", keep="last")
        for r in latest.itertuples():
            codes = r.key.split(JOINT_SEPARATOR)
            names = r.name.split(JOINT_SEPARATOR)
            if len(codes) == len(names):
                out.update({c.strip(): n.strip() for c, n in zip(codes, names, strict=True)})
            else:
                out.update({c.strip(): r.name for c in codes})
        return out

    def unit_name(self, key: str) -> str:
        """Published name of a reporting unit (latest year)."""
        rows = self.authorities[self.authorities["key"] == key]
        return str(rows["name"].iloc[-1]) if len(rows) else key

    def unit_years(self, key: str) -> list[int]:
        """Years with a row for a reporting unit."""
        return sorted(self.authorities.loc[self.authorities["key"] == key, "year"].tolist())

    def reorganisation_of(self, code: str) -> tuple[str, Reorganisation] | None:
        """("former" | "successor", the reorganisation) for a DfE code, if it took part."""
        for r in self.config.reorganisations:
            parts = set(code.split(JOINT_SEPARATOR))
            if parts & set(r.former):
                return "former", r
            if parts & set(r.successors):
                return "successor", r
        return None

    def code_changes(self, key: str) -> list[tuple[str, str, int]]:
        """ONS code changes under one DfE code: (old ONS code, new ONS code, first year of new)."""
        rows = self.authorities[self.authorities["key"] == key].sort_values("year")
        out, prev = [], None
        for r in rows.itertuples():
            if prev is not None and r.ons_code != prev:
                out.append((prev, r.ons_code, r.year))
            prev = r.ons_code
        return out

    # ---- values
    @cached_property
    def la_values(self) -> pd.DataFrame:
        """Authority rows of the long table indexed by (measure, year, key)."""
        la = self.indicators[self.indicators["level"] == "Local authority"]
        return la.set_index(["measure", "year", "key"]).sort_index()

    @cached_property
    def cells(self) -> dict[tuple[str, int, str], tuple[float, str]]:
        """(measure, year, area key) -> (value, marker), for fast look-ups."""
        t = self.indicators
        return {
            (m, int(y), k): (float(v), str(mk))
            for m, y, k, v, mk in zip(
                t["measure"], t["year"], t["key"], t["value"], t["marker"], strict=True
            )
        }

    def cell(self, measure: str, year: int, key: str) -> tuple[float, str] | None:
        """(value, marker) of one area, measure and year; None when the area has no row."""
        return self.cells.get((measure, int(year), key))

    def published(self, year: int) -> dt.date | None:
        """The day the DfE published the figures of reporting ``year`` (``config/national.yml``).

        When the table does not list the year: None (treated as not yet published).
        """
        return self.config.published(year)

    # ---- neighbours
    def neighbour_list(self, member: str) -> pd.DataFrame:
        """The model's neighbours of one council (rank, neighbour code, closeness)."""
        return self.neighbours[self.neighbours["code"] == member].sort_values("rank")

    @property
    def source(self) -> str:
        """Citation for tables: the indicators and the neighbour model."""
        return self.config.source

    @property
    def source_with_neighbours(self) -> str:
        """Citation for tables that use statistical neighbours, naming the model's release.

        "...; Department for Education, children's services statistical neighbour model, May
        2025 release": a meeting's tables that use them say in their period when the release
        came after the meeting (:attr:`pipelines.sections.national.analysis.Request.
        neighbours_period`).
        """
        model, text = self.config.neighbour_model, self.config.neighbour_source
        if model is not None:
            text += f", {model.release} release"
        return f"{self.config.source}; {text}"


_LOADED: dict[tuple, NationalData] = {}


def load_national(folder: Path | None = None, config: Path | None = None) -> NationalData:
    """Read the national data (cached per folder and file modification times).

    Parameters
    ----------
    folder : Path, optional
        Folder holding both files; default: see :func:`data_folder`.
    config : Path, optional
        A national configuration other than ``config/national.yml``.

    """
    cfg = load_national_config(config)
    base = data_folder(cfg, folder)
    files = {"indicators": base / cfg.files.indicators, "neighbours": base / cfg.files.neighbours}
    stamp = (
        str(config),
        *((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files.values()),
    )
    if stamp not in _LOADED:
        _LOADED[stamp] = NationalData(
            read_indicators(files["indicators"]), read_neighbours(files["neighbours"]), cfg, files
        )
    return _LOADED[stamp]
