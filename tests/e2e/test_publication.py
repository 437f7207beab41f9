"""Publication: the public variant leaks no personal data or small counts; packs are accessible.

A killed build, builds waiting their turn and byte-identical rebuilds are in
test_build_interrupted.py and test_build_reproducible.py (separate files, so the two test
workers share the builds evenly)."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from pypdf import PdfReader

from pipelines.core.config import load_review
from pipelines.core.exports import FORMULA_STARTS
from pipelines.orchestrator import build_pack
from pipelines.sections.leavers.exit_interviews import EMPLOYER_CATEGORIES, OTHER_EMPLOYER
from tests.conftest import (
    DEMO_MEETING,
    DEMO_REVIEW,
    axe_violations,
)

CANARIES = {
    "name": "Zebedee Quasimodo",
    "email": "zebedee.quasimodo@canary.example",
    "phone": "07700 900461",
    "ref": "E987654",
}
#: Planted in every free-text and label column of the exit forms and survey comments, as
#: (what, text, a part that must not appear either). Every contact detail is findable by
#: pipelines.core.personal_data, so the exempt pack must not show any of them.
CONTACTS = [
    ("e-mail", "sarah.thistlewood@canary.example", "thistlewood@canary"),
    ("mobile", "07700 900461", "900461"),
    ("bracketed phone", "(01632) 960961", "960961"),
    ("international phone", "+44 (0)20 7946 0018", "7946 0018"),
    ("dashed phone", "020-7946-0017", "7946-0017"),
    ("NI number", "QQ123456C", "QQ123456C"),
    ("postcode", "ZE9 9ZZ", "ZE9"),
]
NAMES = [
    ("first name and surname", "Sarah Thistlewood", "Thistlewood"),
    ("title and surname", "Mrs Quasimodo", "Mrs Quasimodo"),
]
REFERENCE = ("employee reference", "E987654", "E987654")
FORMULA = '=HYPERLINK("http://x","y")'
PLANT = (
    f"Ask {NAMES[0][1]} or {NAMES[1][1]} ({CONTACTS[0][1]}) on {CONTACTS[1][1]}, "
    f"{CONTACTS[2][1]}, {CONTACTS[3][1]} or {CONTACTS[4][1]}; NI {CONTACTS[5][1]}, "
    f"{CONTACTS[6][1]}, ref {REFERENCE[1]}."
)
THRESHOLD = load_review(DEMO_REVIEW).disclosure_threshold


def plant_canaries(raw: Path) -> None:
    """Put names, contact details, NI numbers, postcodes, references and formula payloads into
    the demo exports: the leavers extract's team label, every exit form's reasons and new
    employer, and every written survey comment (staff and locum)."""
    leavers = raw / "leavers_itrent_2015-16.csv"
    lines = leavers.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    old_ref = cells[header.index("Employee Ref")]
    cells[header.index("Employee Ref")] = CANARIES["ref"]
    cells[header.index("Team")] = f"{CANARIES['name']}'s team"
    lines[1] = ",".join(cells)
    leavers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    book = raw / "exit_interviews_2015-16.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb["Exit interviews"]
    heads = [c.value for c in ws[1]]
    employers = 0
    for row in ws.iter_rows(min_row=2):
        if row[heads.index("Employee Ref")].value == old_ref:
            row[heads.index("Employee Ref")].value = CANARIES["ref"]
        cell = row[heads.index("Reasons for leaving")]
        cell.value = (
            f"{cell.value or ''} Ask {CANARIES['name']} on {CANARIES['phone']} or "
            f"{CANARIES['email']} (my ref {CANARIES['ref']}). {PLANT}"
        )
        employer = row[heads.index("New employer")]
        if employer.value:
            employers += 1
            employer.value = (
                FORMULA if employers % 2 else f"{employer.value}, {NAMES[0][1]}, {PLANT}"
            )
            # A real export holds a comment typed as "=cmd" as TEXT (a saved string cell);
            # openpyxl would store it as a formula without a saved value, which the reader
            # refuses (issue 26), so store it as the text it is.
            employer.data_type = "s"
    assert employers >= 2
    wb.save(book)
    for name, columns in {
        "staff_survey_2016.csv": ["What could be done to improve your level of satisfaction?"],
        "locum_survey_guidant_2015-11.csv": [
            "What is your reason for being a locum?",
            "What do you feel are the disadvantages of being a locum?",
            "What could persuade you to accept a permanent role?",
        ],
    }.items():
        path = raw / name
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        for column in columns:
            written = df.index[df[column].str.strip() != ""]
            assert len(written) >= 2, (name, column)
            df.loc[written, column] = df.loc[written, column] + " " + PLANT
            df.loc[written[0], column] = FORMULA + " " + df.loc[written[0], column]
        df.to_csv(path, index=False)


def raw_with_canaries(root: Path) -> Path:
    """A copy of the demo review's raw folder with the canaries planted (:func:`plant_canaries`)."""
    raw = root / "raw"
    shutil.copytree(load_review(DEMO_REVIEW).raw_path(), raw)
    plant_canaries(raw)
    return raw


def build_with_canaries(root: Path, variant: str, raw: Path, meeting: str = DEMO_MEETING) -> Path:
    """Build ``variant`` of the demo meeting from ``raw`` (planted) into ``root``; its folder."""
    result = build_pack(
        DEMO_REVIEW,
        meeting,
        variant=variant,
        raw_dir=raw,
        annex_pdf=True,  # the canaries are looked for in every file, the annex PDF among them
        outputs_root=root / "outputs",
        processed_root=root / "processed",
    )
    return result.folder


@pytest.fixture(scope="module")
def canary_raw(tmp_path_factory) -> Path:
    """One planted raw folder for both builds: the same bytes, so the run's shared step cache
    gives the exempt build the public build's prepared data and public sections (content-keyed,
    the files a fresh run would write) and only the exempt audience runs again."""
    return raw_with_canaries(tmp_path_factory.mktemp("canary-raw"))


@pytest.fixture(scope="module")
def public(tmp_path_factory, canary_raw):
    return build_with_canaries(tmp_path_factory.mktemp("public"), "public", canary_raw)


@pytest.fixture(scope="module")
def exempt_canaries(tmp_path_factory, canary_raw):
    return build_with_canaries(tmp_path_factory.mktemp("exempt"), "exempt", canary_raw)


def all_text(folder: Path) -> dict[str, str]:
    texts = {}
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        if path.suffix == ".pdf":
            texts[str(path)] = "\n".join(p.extract_text() for p in PdfReader(path).pages)
        else:
            texts[str(path)] = path.read_bytes().decode("utf-8", errors="ignore")
    return texts


#: Runs of base64 (embedded chart images): short canary parts can occur in them by chance.
BASE64_RUN = re.compile(r"[A-Za-z0-9+/=]{100,}")


def readable_text(folder: Path) -> dict[str, str]:
    """:func:`all_text` without embedded images' base64 data."""
    return {path: BASE64_RUN.sub(" ", text) for path, text in all_text(folder).items()}


def test_public_pack_contains_none_of_the_planted_personal_data(public):
    texts = readable_text(public)
    assert len(texts) > 10
    for what, canary in CANARIES.items():
        for path, text in texts.items():
            assert canary not in text, f"{what} found in {path}"
            assert canary.split()[-1] not in text, f"{what} (part) found in {path}"
        for what, canary, part in [*CONTACTS, *NAMES, REFERENCE]:
            assert canary not in text and part not in text, f"{what} found in {path}"
        assert "HYPERLINK" not in text, f"formula payload found in {path}"
        assert "EX-2015-0" not in text, f"an exit form number found in {path}"


def test_public_pack_files_cover_every_kind_of_output(public):
    names = {Path(p).name for p in all_text(public)}
    assert {"annex.html", "annex.pdf", "manifest.json"} <= names
    assert any(n.endswith(".ipynb") for n in names) and any(n.endswith(".csv") for n in names)


def test_public_pack_withholds_per_person_tables_and_codes_new_employers(public):
    assert not (public / "tables" / "10_leavers__poor_ratings.csv").exists()
    assert not list((public / "tables").glob("*poor*"))
    destinations = pd.read_csv(public / "tables" / "10_leavers__destinations.csv")
    assert list(destinations.columns) == ["Destination", "Leavers"]
    assert set(destinations["Destination"]) <= {*EMPLOYER_CATEGORIES, OTHER_EMPLOYER}
    html = (public / "annex.html").read_text(encoding="utf-8")
    assert "one row per person" in html


def test_exempt_pack_shows_no_contact_details_and_no_names_from_comments(exempt_canaries):
    texts = readable_text(exempt_canaries)
    assert len(texts) > 10
    for path, text in texts.items():
        for what, canary, part in [*CONTACTS, *NAMES]:
            assert canary not in text and part not in text, f"{what} found in {path}"
    html = (exempt_canaries / "annex.html").read_text(encoding="utf-8")
    assert "[phone number removed]" in html and "[name removed]" in html
    redactions = pd.read_csv(exempt_canaries / "tables" / "90_data_quality__redactions.csv")
    staff = redactions[redactions["Survey"] == "Staff survey"]["Redacted"].iloc[0]
    assert "phone numbers" in staff and "names" in staff and "National Insurance" in staff


@pytest.mark.parametrize("which", ["public", "exempt"])
def test_no_csv_cell_can_run_as_a_spreadsheet_formula(which, public, exempt_canaries):
    folder = public if which == "public" else exempt_canaries
    cells = 0
    for path in (folder / "tables").glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    cells += 1
                    assert not cell.startswith(FORMULA_STARTS) or re.fullmatch(
                        r"[+-]?\d+(?:\.\d+)?(?:e[+-]?\d+)?", cell
                    ), f"{path.name}: {cell!r}"
    assert cells > 100
    if which == "exempt":
        text = "".join(p.read_text(encoding="utf-8") for p in (folder / "tables").glob("*.csv"))
        assert "'=HYPERLINK" in text, "the planted formula should reach the exempt CSV, neutralised"


@pytest.mark.slow
def test_public_pack_of_the_final_meeting_builds(luton_final_public):
    """28 February 2017: the scorecard's tables once crashed the public build (IndexError)."""
    folder = luton_final_public / "internal"
    assert (luton_final_public / "public" / "report.pdf").stat().st_size > 0
    assert (folder / "annex.html").stat().st_size > 0
    assert not (folder / "annex.pdf").exists(), "the annex PDF is written on request only"
    themes = pd.read_csv(folder / "tables" / "70_scorecard__themes.csv", dtype=str)
    # Only counts a section publishes, at least the threshold: no [c] ranked among them.
    assert len(themes) and (pd.to_numeric(themes["Mentions"]) >= THRESHOLD).all()
    # New employers only as coded categories (here every destination is below the threshold).
    moved = themes[themes["Measure"].str.startswith("Exit interviews")]
    assert set(moved["Theme"]) <= {*EMPLOYER_CATEGORIES, OTHER_EMPLOYER}
    sources = pd.read_csv(folder / "tables" / "70_scorecard__scorecard-sources.csv")
    assert list(sources.columns) == ["Source", "Period", "Figures"] and len(sources)
    html = (folder / "annex.html").read_text(encoding="utf-8")
    assert "Scorecard" in html


def test_public_tables_show_no_count_below_the_threshold(public):
    checked = 0
    for nb_path in (public / "sections").glob("*.ipynb"):
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            for out in cell.get("outputs", []):
                meta = out.get("metadata", {}).get("evidence_pack", {})
                if meta.get("kind") not in {"table", "chart"}:
                    continue
                data = json.loads(meta["data"])
                released = {(i, c) for i, c in meta.get("released", [])}
                for j, column in enumerate(data["columns"]):
                    if "%" in column or column in meta.get("not_counts", []):
                        continue
                    for i, row in enumerate(data["data"]):
                        if (i, column) in released:  # published by the council already
                            continue
                        value = row[j]
                        if isinstance(value, int | float) and not isinstance(value, bool):
                            checked += 1
                            assert not (0 < value < THRESHOLD and float(value).is_integer()), (
                                f"{nb_path.name}: {meta['name']} column {column!r} shows {value}"
                            )
    assert checked > 20


def test_public_pack_is_marked_official_and_explains_suppression(public):
    html = (public / "annex.html").read_text(encoding="utf-8")
    assert "OFFICIAL" in html and "NOT FOR PUBLICATION" not in html
    assert "[c]" in html and f"fewer than {THRESHOLD}" in html


def test_public_pdf_is_tagged_with_title_and_language_and_shows_key_figures(public):
    reader = PdfReader(public / "annex.pdf")
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and str(root["/Lang"]).startswith("en")
    assert reader.metadata.title
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "23.2" in text and "14.1" in text and "Sources and provenance" in text


def test_last_page_states_input_files_with_their_hashes(public):
    """The annex closes with its provenance section: the input files with their SHA-256
    fingerprints (a table that, with the recruitment and other inputs, can run over more
    than one page), then the build stamp (commit, build time) on the last page."""
    manifest = json.loads((public / "manifest.json").read_text(encoding="utf-8"))
    pages = [p.extract_text().replace("\n", "") for p in PdfReader(public / "annex.pdf").pages]
    start = max(i for i, p in enumerate(pages) if "Input files and their SHA-256" in p)
    closing = "".join(pages[start:])
    assert len(pages) - start <= 3, "the provenance section should close the annex"
    assert "How these documents were made" in pages[-1] and "Git commit" in pages[-1]
    html = (public / "annex.html").read_text(encoding="utf-8")
    assert manifest["inputs"]
    for entry in manifest["inputs"].values():
        assert entry["sha256"] in html
        assert entry["sha256"][:16] in closing or Path(entry["file"]).name in closing


def test_axe_core_finds_no_accessibility_violations(public):
    """The public build's annex (the full build's annex, report and exempt appendix are checked
    in tests/e2e/test_documents.py)."""
    violations = axe_violations(public / "annex.html")
    assert violations == []


#: Words that follow "fewer than <t>" when it stands for a number of people.
PEOPLE_WORDS = (
    "people", "leavers", "staff", "respondents", "locums", "forms", "comments", "workers",
    "social workers", "answers", "recorded", "who", "of the",
    # the recruitment section's people: applicants, hires, starters, appointments
    "applicants", "applications", "hires", "starters", "appointments",
)  # fmt: skip
MONTHS = "(January|February|March|April|May|June|July|August|September|October|November|December)"
#: Figures in a sentence worth matching against the tables: percentages and decimals.
CITED = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(%?)")


def public_sentences(folder: Path) -> list[tuple[str, str]]:
    """(section, sentence) for every finding, chart title and note of the public notebooks."""
    out = []
    for nb_path in sorted((folder / "sections").glob("*.ipynb")):
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            for output in cell.get("outputs", []):
                meta = output.get("metadata", {}).get("evidence_pack", {})
                if meta.get("kind") == "findings":
                    out += [(nb_path.stem, s) for s in meta["items"]]
                elif meta.get("kind") == "chart":
                    out.append((nb_path.stem, meta["caption"]))
                elif meta.get("kind") == "note":
                    out.append((nb_path.stem, meta["text"]))
    return out


def section_figures(folder: Path, section: str) -> list[float]:
    """The values of the section's typed figures, computed from the build's processed data."""
    from pipelines.core.context import run_context
    from pipelines.core.registry import SECTIONS

    processed = folder.parents[3] / "processed" / DEMO_REVIEW
    ctx = run_context(
        DEMO_REVIEW,
        DEMO_MEETING,
        audience="public",
        processed_dir=processed if processed.exists() else "",
    )
    spec = SECTIONS[section]
    if spec.compute_figures is None:
        return []
    return [f.value for f in spec.compute_figures(ctx, {}) if f.value is not None]


def table_numbers(folder: Path, section: str) -> list[float]:
    """Every number the public tables of a section show."""
    values = []
    for path in (folder / "tables").glob(f"{section}__*.csv"):
        frame = pd.read_csv(path, dtype=str)
        for column in frame.columns:
            numbers = pd.to_numeric(frame[column].str.replace(",", ""), errors="coerce")
            values += [float(v) for v in numbers.dropna()]
    return values


def test_no_public_sentence_rewrites_a_number_that_does_not_count_people(public):
    sentences = public_sentences(public)
    assert len(sentences) > 30
    fewer = re.compile(rf"fewer than {THRESHOLD}\b(?P<after>.{{0,40}})")
    checked = 0
    for section, text in sentences:
        assert not re.search(rf"(above|below|than|under) fewer than {THRESHOLD}", text), text
        assert not re.search(rf"fewer than {THRESHOLD} of \d+ questions", text), text
        assert not re.search(rf"fewer than {THRESHOLD} {MONTHS}", text), text
        for m in fewer.finditer(text):
            checked += 1
            after = m.group("after").lstrip(" )").casefold()
            assert text[m.start() - 1] == "(" or after.startswith(PEOPLE_WORDS), (
                f"{section}: 'fewer than {THRESHOLD}' does not count people in: {text}"
            )
    assert checked >= 1


@pytest.mark.parametrize("section", ["10_leavers", "20_surveys", "40_workforce_costs"])
def test_every_percentage_and_decimal_cited_in_a_public_finding_is_in_a_public_table(
    public, section
):
    """A finding's percentages, averages and rates are figures its tables publish, or its typed
    figures (so no sentence cites a figure the tables suppress or contradict)."""
    shown = table_numbers(public, section) + section_figures(public, section)
    assert shown, section
    checked = 0
    for where, text in public_sentences(public):
        if where != section:
            continue
        for m in CITED.finditer(text.replace(",", "")):
            number, percent = m.group(1), m.group(2)
            if not percent and "." not in number:
                continue  # whole numbers: counts, years and question numbers
            value = float(number)
            places = len(number.split(".")[1]) if "." in number else 0
            tolerance = 0.5 * 10**-places + 1e-9
            checked += 1
            assert any(abs(v - value) <= tolerance for v in shown), (
                f"{section}: {number}{percent} is in no public table or figure: {text}"
            )
    assert checked > 0
