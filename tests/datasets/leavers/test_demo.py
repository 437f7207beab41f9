"""Checks on the synthetic Luton demo files in data/raw/demo/luton-sw-2016.

The expected figures come from shared/reference/seed_figures.yml (never copied here). The raw
files are read directly with pandas and cleaned only as far as needed: drop the totals row and
the duplicate, normalise labels with a lookup built from config/mappings/*.yml, parse both date
formats.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import yaml

from pipelines.core.mappings import load_mapping
from pipelines.demo import write_all_demo

ROOT = Path(__file__).resolve().parents[3]
SEED_FIGURES = (
    Path(__file__).resolve().parents[3].parent / "shared" / "reference" / "seed_figures.yml"
)
DATA_DIR = ROOT / "data" / "raw" / "demo" / "luton-sw-2016"
MAPPINGS = ROOT / "config" / "mappings"
LEAVERS = DATA_DIR / "leavers_itrent_2015-16.csv"
EXITS = DATA_DIR / "exit_interviews_2015-16.xlsx"
ESTABLISHMENT = DATA_DIR / "establishment_2016-08.csv"
SHEET = "Exit interviews"

LEAVERS_HEADER = [
    "Employee Ref",
    "Service Area",
    "Team",
    "Job Title",
    "Grade",
    "FTE",
    "Continuous Service Date",
    "Leaving Date",
    "Leaving Reason",
]
#: Luton's own vocabulary over the shipped tables (pipelines.core.mappings.load_mapping).
LUTON_MAPPINGS = ROOT / "config" / "reviews" / "luton-sw-2016" / "mappings"


def luton_mapping(name: str) -> dict:
    return load_mapping(name, overrides=LUTON_MAPPINGS)


ASPECTS = luton_mapping("values")["exit_aspects"]
EXIT_HEADER = [
    "Form No",
    "Employee Ref",
    "Date Received",
    "Service",
    "Profession",
    *ASPECTS,
    "Secured employment elsewhere?",
    "New employer",
    "Reasons for leaving",
    "Would you consider returning to LBC?",
]
PERIOD_START = dt.date(2015, 9, 1)
PERIOD_END = dt.date(2016, 8, 31)
EDGE_MARGIN_DAYS = 45


# --- helpers -----------------------------------------------------------------------------------


def norm(text: object) -> str:
    """Case-, spacing- and apostrophe-insensitive key, as the mapping tables describe."""
    return re.sub(r"\s+", " ", str(text).replace("'", "").replace("’", "")).strip().lower()


def squash(text: str) -> str:
    """Key ignoring all spaces (the paper prints "Jobsecurity")."""
    return re.sub(r"\s+", "", norm(text))


class Lookup:
    """Raw label -> canonical label, built from one mapping table."""

    def __init__(self, name: str, table: dict[str, list[str]]):
        self.name = name
        self.table: dict[str, str] = {}
        for canonical, variants in table.items():
            for label in [canonical, *variants]:
                self.table[norm(label)] = canonical

    def __call__(self, raw: object) -> str:
        key = norm(raw)
        assert key in self.table, f"{raw!r} is not listed in config/mappings ({self.name})"
        return self.table[key]


def load_yaml(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def seed() -> dict:
    return load_yaml(SEED_FIGURES)["luton"]


@pytest.fixture(scope="module")
def maps() -> dict[str, Lookup]:
    values = luton_mapping("values")
    titles = luton_mapping("job_titles")
    return {
        "service": Lookup("services.yml", luton_mapping("services")),
        "reason": Lookup("leaving_reasons.yml", luton_mapping("leaving_reasons")),
        "role": Lookup("job_titles.yml", {k: [] for k in titles}),
        "rating": Lookup("values.yml ratings", values["ratings"]),
        "yes_no": Lookup("values.yml yes_no", values["yes_no"]),
        "profession": Lookup("values.yml professions", values["professions"]),
        "_titles": titles,
    }


def role_of(maps: dict, raw_title: str) -> dict[str, str]:
    return maps["_titles"][maps["role"](raw_title)]


def parse_date(text: str) -> dt.date:
    text = text.strip()
    fmt = "%Y-%m-%d" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else "%d/%m/%Y"
    return dt.datetime.strptime(text, fmt).date()


def read_raw_leavers() -> pd.DataFrame:
    return pd.read_csv(LEAVERS, dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.fixture(scope="module")
def leavers(maps: dict) -> pd.DataFrame:
    raw = read_raw_leavers()
    data = raw[raw["Employee Ref"].str.strip() != "Total"].drop_duplicates()
    start = data["Continuous Service Date"].map(parse_date)
    leaving = data["Leaving Date"].map(parse_date)
    return pd.DataFrame(
        {
            "ref": data["Employee Ref"].str.strip(),
            "service": data["Service Area"].map(maps["service"]),
            "role": data["Job Title"].map(lambda t: role_of(maps, t)["role"]),
            "profession": data["Job Title"].map(lambda t: role_of(maps, t)["profession"]),
            "reason": data["Leaving Reason"].map(maps["reason"]),
            "leaving": leaving,
            "days": [(b - a).days for a, b in zip(start, leaving, strict=True)],
        }
    ).assign(years=lambda d: d["days"] / 365.25)


@pytest.fixture(scope="module")
def forms() -> pd.DataFrame:
    return pd.read_excel(EXITS, sheet_name=SHEET)


def service_of(maps: dict, seed_key: str) -> str:
    """Canonical service for a seed_figures key such as ``childrens_services``."""
    return maps["service"](seed_key.replace("_", " "))


def seed_services(seed: dict) -> list[str]:
    return [k for k in seed["leavers"] if k != "both_services"]


def band_range(label: str) -> tuple[float, float]:
    """[low, high) in years for a printed band label."""
    if m := re.fullmatch(r"Between (\d+) and (\d+) years?", label):
        return float(m[1]), float(m[2])
    if m := re.fullmatch(r"Less than (\d+) years?", label):
        return 0.0, float(m[1])
    if m := re.fullmatch(r"More than (\d+) years?", label):
        return float(m[1]), math.inf
    raise AssertionError(f"unknown band label {label!r}")


def all_band_edges(seed: dict) -> set[float]:
    edges = set()
    for key in seed_services(seed):
        for row in seed["leavers"][key]["length_of_service_table"]["rows"]:
            edges.update(e for e in band_range(row["band"]) if math.isfinite(e))
    return edges


# --- reproducibility ---------------------------------------------------------------------------


def xlsx_values(path: Path) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


def test_regenerating_gives_identical_files(tmp_path: Path) -> None:
    written = write_all_demo(tmp_path)
    assert sorted(p.name for p in written) == sorted(
        p.name for p in DATA_DIR.iterdir() if p.is_file()
    )
    for path in written:
        committed = DATA_DIR / path.name
        if path.suffix == ".xlsx":
            assert xlsx_values(path) == xlsx_values(committed)
        else:
            assert path.read_bytes() == committed.read_bytes(), path.name


def test_workbook_properties_are_fixed() -> None:
    props = openpyxl.load_workbook(EXITS).properties
    assert props.created == props.modified
    assert props.created.year == 2016


# --- leavers extract ---------------------------------------------------------------------------


def test_leavers_header_and_labels_are_mapped(maps: dict) -> None:
    raw = read_raw_leavers()
    assert list(raw.columns) == LEAVERS_HEADER
    columns = luton_mapping("columns")["leavers"]
    accepted = {norm(h) for headers in columns.values() for h in headers}
    assert all(norm(h) in accepted for h in raw.columns)
    data = raw[raw["Employee Ref"] != "Total"]
    for column, lookup in (("Service Area", "service"), ("Leaving Reason", "reason")):
        data[column].map(maps[lookup])  # raises on an unlisted label
    data["Job Title"].map(maps["role"])


def test_leavers_per_service(leavers: pd.DataFrame, seed: dict, maps: dict) -> None:
    assert leavers["ref"].is_unique
    assert leavers["ref"].str.fullmatch(r"E\d{6}").all()
    counts = leavers["service"].value_counts().to_dict()
    for key in seed_services(seed):
        block = seed["leavers"][key]
        assert counts[service_of(maps, key)] == block["leavers_total"]["value"]
    assert len(leavers) == seed["leavers"]["both_services"]["leavers_total"]["value"]


def test_roles_and_professions(leavers: pd.DataFrame, seed: dict, maps: dict) -> None:
    for key in seed_services(seed):
        block = seed["leavers"][key]
        mine = leavers[leavers["service"] == service_of(maps, key)]
        expected = Counter({role.rstrip("s"): n for role, n in block["by_role"]["value"].items()})
        assert Counter(mine["role"]) == expected
    adults = leavers[leavers["service"] == service_of(maps, "adult_social_care")]
    total = seed["leavers"]["adult_social_care"]["leavers_total"]
    professions = Counter(adults["profession"])
    assert professions["Social work"] == total["social_workers"]
    assert professions["Occupational therapy"] == total["occupational_therapists"]


def test_leaving_dates_in_period(leavers: pd.DataFrame) -> None:
    assert leavers["leaving"].min() >= PERIOD_START
    assert leavers["leaving"].max() <= PERIOD_END


def test_length_of_service_bands(leavers: pd.DataFrame, seed: dict, maps: dict) -> None:
    for key in seed_services(seed):
        table = seed["leavers"][key]["length_of_service_table"]
        years = leavers.loc[leavers["service"] == service_of(maps, key), "years"]
        hits = 0
        for row in table["rows"]:
            low, high = band_range(row["band"])
            n = int(((years >= low) & (years < high)).sum())
            assert n == row["leavers"], (key, row["band"])
            hits += n
        assert hits == len(years) == table["total"]


def test_service_lengths_stay_clear_of_band_edges(leavers: pd.DataFrame, seed: dict) -> None:
    for edge in all_band_edges(seed):
        assert ((leavers["days"] - edge * 365.25).abs() >= EDGE_MARGIN_DAYS).all(), edge


def test_adults_all_over_three_years(leavers: pd.DataFrame, seed: dict, maps: dict) -> None:
    block = seed["leavers"]["adult_social_care"]
    assert block["all_more_than_three_years_service"]["value"] is True
    first_low = min(band_range(r["band"])[0] for r in block["length_of_service_table"]["rows"])
    adults = leavers[leavers["service"] == service_of(maps, "adult_social_care")]
    assert (adults["years"] > first_low).all()


def test_reasons_per_service(leavers: pd.DataFrame, seed: dict, maps: dict) -> None:
    for key in seed_services(seed):
        table = seed["leavers"][key]["reasons_for_leaving_table"]
        mine = leavers[leavers["service"] == service_of(maps, key)]
        expected = Counter({maps["reason"](r["reason"]): r["leavers"] for r in table["rows"]})
        assert Counter(mine["reason"]) == expected
        assert len(mine) == table["total"]


def test_retirements_are_long_service(leavers: pd.DataFrame) -> None:
    retired = leavers[leavers["reason"] == "Retired"]
    assert len(retired) > 0
    assert (retired["years"] >= 10).all()


def test_childrens_under_two_years(leavers: pd.DataFrame, seed: dict, maps: dict) -> None:
    block = seed["leavers"]["childrens_services"]
    table = block["reasons_for_leaving_less_than_2_years_table"]
    threshold = float(re.search(r"less than (\d+) years", table["title"])[1])
    children = leavers[leavers["service"] == service_of(maps, "childrens_services")]
    under = children[children["years"] < threshold]
    expected = Counter({maps["reason"](r["reason"]): r["leavers"] for r in table["rows"]})
    assert Counter(under["reason"]) == expected
    assert len(under) == table["total"]
    assert (under["role"] == "Social Worker").sum() == block["social_workers_among_leavers"][
        "value"
    ]
    percent = 100 * len(under) / len(children)
    assert round(percent) == block["left_within_first_two_years_percent"]["value"]


def test_establishment(seed: dict, maps: dict) -> None:
    raw = pd.read_csv(ESTABLISHMENT, dtype=str, keep_default_na=False)
    assert list(raw.columns) == ["Service", "Profession", "Posts", "Scope"]
    field = {
        "Social work": "social_worker_posts",
        "Occupational therapy": "occupational_therapist_posts",
    }
    got = {
        (maps["service"](r.Service), field[maps["profession"](r.Profession)]): int(r.Posts)
        for r in raw.itertuples()
    }
    expected = {
        (service_of(maps, key), name): fact["value"]
        for key, block in seed["establishment"].items()
        for name, fact in block.items()
        if name in field.values()
    }
    assert got == expected
    assert raw["Scope"].str.contains("Team Manager").all()


def test_adult_percent_of_establishment(leavers: pd.DataFrame, seed: dict, maps: dict) -> None:
    key = "adult_social_care"
    posts = seed["establishment"][key]["total_posts_derived"]["value"]
    n = (leavers["service"] == service_of(maps, key)).sum()
    assert round(100 * n / posts) == seed["leavers"][key]["percent_of_establishment"]["value"]


# --- exit interviews ---------------------------------------------------------------------------


def test_exit_header_and_labels(forms: pd.DataFrame, seed: dict, maps: dict) -> None:
    assert openpyxl.load_workbook(EXITS).sheetnames == [SHEET]
    assert list(forms.columns) == EXIT_HEADER
    assert len(ASPECTS) == seed["exit_interviews"]["aspects_rated"]["value"]
    assert len(forms) == seed["exit_interviews"]["forms_received_total"]["value"]
    assert forms["Form No"].str.fullmatch(r"EX-\d{4}-\d{3}").all()
    assert forms["Form No"].is_unique and forms["Employee Ref"].is_unique
    for column in ASPECTS:
        forms[column].dropna().map(maps["rating"])
    for column in ("Secured employment elsewhere?", "Would you consider returning to LBC?"):
        forms[column].map(maps["yes_no"])


def test_forms_belong_to_leavers(forms: pd.DataFrame, leavers: pd.DataFrame, maps: dict) -> None:
    by_ref = leavers.set_index("ref")
    assert forms["Employee Ref"].isin(by_ref.index).all()
    for form in forms.itertuples(index=False):
        leaver = by_ref.loc[form[1]]
        assert maps["service"](form.Service) == leaver["service"]
        assert maps["profession"](form.Profession) == leaver["profession"]
        received = form[2]
        assert isinstance(received, pd.Timestamp)
        assert abs((received.date() - leaver["leaving"]).days) <= 30
        assert received.date() <= PERIOD_END


def test_forms_by_service_and_profession(forms: pd.DataFrame, seed: dict, maps: dict) -> None:
    services = forms["Service"].map(maps["service"])
    got = Counter(zip(services, forms["Profession"].map(maps["profession"]), strict=True))
    expected = Counter(
        {
            (maps["service"](r["service"]), maps["profession"](r["role"])): r["forms"]
            for r in seed["exit_interviews"]["forms_by_service_and_role"]["value"]
        }
    )
    assert got == expected
    per_service = Counter(forms["Service"].map(maps["service"]))
    for key in seed_services(seed):
        received = seed["leavers"][key]["exit_interview_forms_received"]["value"]
        assert per_service[service_of(maps, key)] == received


def test_new_employers(forms: pd.DataFrame, leavers: pd.DataFrame, seed: dict, maps: dict) -> None:
    block = seed["exit_interviews"]
    secured = forms["Secured employment elsewhere?"].map(maps["yes_no"]) == "Yes"
    assert secured.sum() == block["secured_employment_elsewhere"]["value"]
    assert forms.loc[secured, "New employer"].notna().all()
    assert forms.loc[~secured, "New employer"].isna().all()
    assert forms["Reasons for leaving"].notna().all()
    yes = forms[secured]
    table = block["new_employer_table"]["rows"]
    assert Counter(yes["New employer"]) == Counter({r["new_employer"]: r["leavers"] for r in table})
    for row in table:
        texts = yes.loc[yes["New employer"] == row["new_employer"], "Reasons for leaving"]
        joined = norm(" ".join(texts))
        reversed_ = norm(" ".join(reversed(list(texts))))
        assert norm(row["reasons_given"]) in (joined, reversed_), row["new_employer"]
    reasons = leavers.set_index("ref").loc[yes["Employee Ref"], "reason"]
    allowed = {maps["reason"](r) for r in ("Career – better opportunity", "Moving location")}
    allowed.add(maps["reason"]("Better pay and conditions"))
    assert set(reasons) <= allowed


def poor_aspects(forms: pd.DataFrame, maps: dict) -> list[frozenset[str]]:
    found = []
    for _, form in forms.iterrows():
        poor = {
            squash(a) for a in ASPECTS if pd.notna(form[a]) and maps["rating"](form[a]) == "Poor"
        }
        if poor:
            found.append(frozenset(poor))
    return found


def test_poor_raters(forms: pd.DataFrame, seed: dict, maps: dict) -> None:
    block = seed["exit_interviews"]["leavers_rating_something_poor"]
    expected = sorted(
        (frozenset(squash(a) for a in item.split(",")) for item in block["items"]), key=sorted
    )
    assert sorted(poor_aspects(forms, maps), key=sorted) == expected
    assert len(expected) == block["value"]


def test_ratings_mostly_excellent_or_good(forms: pd.DataFrame, maps: dict) -> None:
    given = [maps["rating"](v) for a in ASPECTS for v in forms[a].dropna()]
    good = sum(r in ("Excellent", "Good") for r in given)
    assert good > len(given) / 2
    assert forms[ASPECTS].isna().to_numpy().sum() > 0  # some aspects not answered


def test_would_consider_returning(forms: pd.DataFrame, seed: dict, maps: dict) -> None:
    answers = forms["Would you consider returning to LBC?"].map(maps["yes_no"])
    assert (answers == "Yes").sum() == seed["exit_interviews"]["would_consider_returning"]["value"]
    raters_poor = (
        forms[ASPECTS]
        .apply(lambda col: col.map(lambda v: pd.notna(v) and maps["rating"](v) == "Poor"))
        .any(axis=1)
    )
    assert raters_poor[answers == "No"].all()


# --- deliberate messiness ----------------------------------------------------------------------


def test_messiness_present() -> None:
    raw = read_raw_leavers()
    totals = raw[raw["Employee Ref"] == "Total"]
    assert list(totals.index) == [len(raw) - 1]  # one totals row, at the bottom
    data = raw.iloc[:-1]
    assert data.duplicated().sum() == 1
    fte = pd.to_numeric(data["FTE"]).sum()
    assert float(totals["FTE"].iloc[0]) == pytest.approx(fte)
    others = totals.drop(columns=["Employee Ref", "FTE"]).iloc[0]
    assert (others == "").all()
    dates = pd.concat([data["Continuous Service Date"], data["Leaving Date"]])
    assert dates.str.fullmatch(r"\d{2}/\d{2}/\d{4}").any()
    assert dates.str.fullmatch(r"\d{4}-\d{2}-\d{2}").any()
    assert dates.str.fullmatch(r"\d{2}/\d{2}/\d{4}|\d{4}-\d{2}-\d{2}").all()
    assert (data["Service Area"] != data["Service Area"].str.strip()).any()
    assert data["Service Area"].str.strip().nunique() >= 6
    assert (data["Job Title"] != data["Job Title"].str.strip()).any()
    for column in ("Job Title", "Leaving Reason"):  # same label in another case or spacing
        spellings = data.groupby(data[column].map(norm))[column].nunique()
        assert spellings.max() > 1, column
