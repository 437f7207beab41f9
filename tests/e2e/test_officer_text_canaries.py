"""Planted canaries in every free-text field officers write never reach a public file (issue 26).

The red team planted personal data and counts of people in the officers' SWOT entries
(``swot_curated.yml``: text, and the figure, source and period of their evidence), the SWOT
rules (``config/swot/<review>.yml``: the sentences) and the recommendations register
(``recommendations.yml``: text, workstream, owner, source, the legend's meanings), disguised
the way people write them: accents and apostrophes, a Cyrillic letter, a zero-width space
inside a name, contacts spelled out, phone numbers spaced digit by digit or with dots, an NI
number with hyphens, a lower-case postcode, a name with a role in an owner field, and a count
of people in words. This builds a public report from a copy of the demo review with all of them
planted and reads back the PDF text, the HTML, the Word report and every CSV.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from html import unescape

import pandas as pd
import pytest
import yaml

from pipelines.core.config import project_root
from pipelines.core.personal_data import normalise
from tests.conftest import DEMO_REVIEW

MEETING = "2017-02-28"
ZWSP = "\u200b"

#: Canary -> what must never appear (checked on the text and on its normalised form).
CANARIES = {
    "Ren\u00e9e O'Sullivan": ["sullivan"],
    "Si\u00e2n D\u2019Arcy": ["arcy"],
    "J\u0430ne Grimshaw": ["grimshaw"],  # Cyrillic а
    f"Zofia Gr{ZWSP}imshaw": ["grimshaw", "imshaw"],
    "jane dot grimshaw at luton dot gov dot uk": ["grimshaw", "luton dot gov"],
    "j.grimshaw [at] luton.gov.uk": ["grimshaw", "[at]"],
    "0 7 7 0 0 9 0 0 1 2 3": ["9 0 0 1 2 3"],
    "07700.900.123": ["900.123"],
    "QQ-12-34-56-C": ["34-56"],
    "lu1 2bq": ["lu1 2bq"],
    "Mrs Okonkwo-Ashby": ["okonkwo"],
    "Dr Nu\u00f1ez": ["nunez"],
    "Zofia Grimshaw (team manager)": ["grimshaw", "zofia"],
    "Four newly qualified social workers in Leaving Care left within a year.": [
        "four newly qualified"
    ],
    # Typed into the review config: the report's purpose and questions (issue 26).
    "Bethan Pryce-Morgan": ["pryce"],
    "01632 960961": ["960961"],
    "Why did three social workers leave the Assessment team in March?": ["three social workers"],
}


def plant(tmp_path):
    """A copy of the demo review and its raw folder with every canary planted; its YAML path."""
    root = project_root()
    raw = tmp_path / "raw"
    shutil.copytree(root / "data" / "raw" / "demo" / DEMO_REVIEW, raw)
    cfg = yaml.safe_load((root / "config" / "reviews" / f"{DEMO_REVIEW}.yml").read_text("utf-8"))
    rules = yaml.safe_load((root / "config" / "swot" / f"{DEMO_REVIEW}.yml").read_text("utf-8"))
    curated = yaml.safe_load((raw / "swot_curated.yml").read_text("utf-8"))
    register = yaml.safe_load((raw / "recommendations.yml").read_text("utf-8"))
    c = list(CANARIES)

    # Officers' SWOT entries: every text, and every field of their external evidence.
    by_id = {e["id"]: e for e in curated["entries"]}
    peer, step, back = (
        by_id["peer-support"],
        by_id["step-up-cohort-4"],
        by_id["come-back-to-social-work"],
    )
    peer["text"] += f" Ask {c[0]}."
    peer["evidence"]["figure"] += f"; call {c[6]}"
    peer["evidence"]["source"] += f"; {c[4]}"
    peer["evidence"]["period"] += f", {c[9]}"
    step["text"] = c[13]
    step["evidence"]["figure"] += f"; {c[8]}"
    step["evidence"]["source"] += f"; write to {c[5]}"
    step["evidence"]["period"] += f"; {c[1]}"
    back["text"] += f" {c[10]} said so."
    back["evidence"]["figure"] += f"; {c[7]}"
    for e in curated["entries"]:
        if "indicator" in (e.get("evidence") or {}):
            e["text"] += f" {c[2]} agreed."
    (raw / "swot_curated.yml").write_text(yaml.safe_dump(curated, allow_unicode=True), "utf-8")

    # SWOT rules: every sentence.
    for rule in rules["rules"]:
        rule["template"] += f" Per {c[11]}."
    (tmp_path / "swot-rules.yml").write_text(yaml.safe_dump(rules, allow_unicode=True), "utf-8")

    # The register: text, workstream, owner, source of every item, and the legend.
    for item in register["items"]:
        item["text"] += f" Ring {c[6]} or write to {c[4]}. {c[13]}"
        item["workstream"] += f" ({c[3]})"
        item["owner"] = c[12]
        item["source"] = f"{item.get('source') or ''} {c[0]}"
    for entry in register["legend"]:
        entry["meaning"] += f" Ask {c[1]}."
    # statuses as officers would record them: an illustrative register prints "Not recorded"
    # and no overdue table, and the planted texts must reach the public overdue table
    register["illustrative"] = False
    (raw / "recommendations.yml").write_text(yaml.safe_dump(register, allow_unicode=True), "utf-8")

    cfg["raw_dir"] = str(raw)
    cfg["swot"]["rules"] = str(tmp_path / "swot-rules.yml")
    cfg.pop("final_report", None)
    for m in cfg["meetings"]:
        if str(m.get("date")) == MEETING:
            m["sections"] = [
                {"notebook": "10_leavers"},
                {"notebook": "50_swot"},
                {"notebook": "60_recommendations"},
            ]
            # The review config's own text: the report's purpose, a recommendation, questions
            # (one with a count of people in words). A `*_source` parameter is checked in
            # tests/disclosure/test_config_text.py (this build has no section printing one).
            m["report"] = {
                "purpose": f"To hear from {c[14]} on {c[15]} about the group's findings.",
                "recommendations": [f"Members are asked to write to {c[5]}."],
                "questions": [c[16], f"What did {c[3]} find?"],
            }
    path = tmp_path / f"{DEMO_REVIEW}.yml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), "utf-8")
    return path


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    from pipelines.orchestrator import build_pack

    tmp = tmp_path_factory.mktemp("canaries")
    result = build_pack(
        plant(tmp),
        MEETING,
        variant="public",
        outputs_root=tmp / "outputs",
        processed_root=tmp / "processed",
        use_cache=False,
    )
    return result.folder.parent / "public", result.folder.parent / "internal"


def pdf_text(path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def docx_text(path) -> str:
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return unescape(BASE64_RUN.sub(" ", re.sub(r"<[^>]+>", " ", xml.replace("descr=", "> "))))


#: Runs of base64 (embedded images): a short canary part ("nunez") can occur in them by chance.
BASE64_RUN = re.compile(r"[A-Za-z0-9+/=]{100,}")


def html_text(path) -> str:
    """The HTML's text and attributes (alt text included), without embedded images' data."""
    return unescape(BASE64_RUN.sub(" ", path.read_text(encoding="utf-8")))


def artefacts(folder):
    yield "report.pdf", pdf_text(folder / "report.pdf")
    yield "report.html", html_text(folder / "report.html")
    yield "report.docx", docx_text(folder / "report.docx")
    for csv in sorted((folder / "tables").glob("*.csv")):
        yield f"tables/{csv.name}", csv.read_text(encoding="utf-8")


def test_the_planted_fields_reach_the_public_report(public):
    """The canaries' fields are shown (so their absence below is redaction, not omission)."""
    folder, _ = public
    html = html_text(folder / "report.html")
    grid = (folder / "tables" / "50_swot__swot-grid.csv").read_text(encoding="utf-8")
    assert "Staff valued the mentoring" in html and "Ask [name removed]." in grid
    assert "[phone number removed]" in grid and "[e-mail removed]" in grid
    assert "[NI number removed]" in grid and "[postcode removed]" in grid
    overdue = (folder / "tables" / "60_recommendations__overdue.csv").read_text(encoding="utf-8")
    assert "Team manager" in overdue and "[name removed]" in overdue
    # The register's words are public once checked (issue 22): the clean words as written,
    # the planted contacts redacted, the count of people written as the public pack writes it.
    register = yaml.safe_load(
        (project_root() / "data" / "raw" / "demo" / DEMO_REVIEW / "recommendations.yml").read_text(
            "utf-8"
        )
    )
    late = pd.read_csv(folder / "tables" / "60_recommendations__overdue.csv")
    assert len(late), "the demo register has overdue items at this meeting"
    texts = {str(i["id"]): i["text"] for i in register["items"]}
    from pipelines.sections.tracker.analysis import tidy_text

    for ref, text in zip(late["Ref"].astype(str), late["Recommendation or action"], strict=True):
        assert text == tidy_text(  # a space after each comma; a text cut off says so
            f"{texts[ref]} Ring [phone number removed] or write to [e-mail removed]. "
            "Fewer than 5 newly qualified social workers in Leaving Care left within a year."
        )
    assert "Fewer than 5 newly qualified social workers in Leaving Care" in grid
    # The review config's text: shown, redacted and protected.
    assert "To hear from [name removed] on [phone number removed] about the group" in html
    assert "Members are asked to write to [e-mail removed]." in html
    assert "Why did fewer than 5 social workers leave the Assessment team in March?" in html
    assert "What did [name removed] find?" in html


@pytest.mark.parametrize("canary", list(CANARIES))
def test_no_canary_reaches_any_public_file(public, canary):
    folder, _ = public
    for name, text in artefacts(folder):
        folded = normalise(text).lower
        for needle in CANARIES[canary]:
            assert needle not in text.lower() and needle not in folded, (name, canary, needle)


def test_the_disclosure_audit_read_every_public_file_and_found_nothing(public):
    folder, internal = public
    audit = json.loads((internal / "disclosure_audit.json").read_text(encoding="utf-8"))
    checked = set(audit["artefacts"]["files_checked"])
    assert {"report.pdf", "report.html", "report.docx"} <= checked
    assert {f"tables/{p.name}" for p in (folder / "tables").glob("*.csv")} <= checked
    assert audit["artefacts"]["problems"] == []


def test_a_public_file_that_fails_the_audit_stops_the_build_naming_file_and_text(
    tmp_path, monkeypatch
):
    """Text of the review config that no section writes (the report's questions) is audited.

    The questions are checked before they are shown (see the canaries above); here that check
    is switched off, as if a text had reached the report unchecked, and the audit must stop the
    build.
    """
    from pipelines.core import disclosure
    from pipelines.core.errors import InputError
    from pipelines.orchestrator import build_pack

    monkeypatch.setattr(disclosure, "protect_config_text", lambda text, t, allowed=(): text)

    root = project_root()
    cfg = yaml.safe_load((root / "config" / "reviews" / f"{DEMO_REVIEW}.yml").read_text("utf-8"))
    cfg["raw_dir"] = str(root / "data" / "raw" / "demo" / DEMO_REVIEW)
    cfg["swot"]["rules"] = str(root / "config" / "swot" / f"{DEMO_REVIEW}.yml")
    cfg.pop("final_report", None)
    for m in cfg["meetings"]:
        if str(m.get("date")) == MEETING:
            m["sections"] = [{"notebook": "50_swot"}]
            m["report"] = {
                "questions": [f"Why did Zofia Gr{ZWSP}imshaw ring 0 7 7 0 0 9 0 0 1 2 3?"]
            }
    path = tmp_path / f"{DEMO_REVIEW}.yml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), "utf-8")
    outputs = tmp_path / "outputs"
    with pytest.raises(InputError) as err:
        build_pack(
            path, MEETING, variant="public", outputs_root=outputs, processed_root=tmp_path / "p"
        )
    text = str(err.value)
    assert "A public file would publish personal data (name)." in text
    assert "A public file would publish personal data (phone)." in text
    assert "file:     public/report.docx" in text and "file:     public/report.html" in text
    assert "found:    Zofia Gr\\u200bimshaw" in text, "invisible characters are shown escaped"
    assert not (outputs / DEMO_REVIEW / MEETING / "public").exists(), "nothing was published"
