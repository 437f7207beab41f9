"""The tracker publishes owners as roles, never names, and redacts officers' text (issue 26)."""

from __future__ import annotations

import json

import pytest
import yaml

from pipelines.core.disclosure import Policy
from pipelines.core.presentation import show
from pipelines.sections.tracker import analysis as tr

ZWSP = "\u200b"


@pytest.mark.parametrize(
    ("owner", "published"),
    [
        ("Zofia Grimshaw (team manager)", "Team manager"),
        ("Ren\u00e9e O\u2019Sullivan (principal social worker)", "Principal social worker"),
        (f"Mrs Gr{ZWSP}imshaw, Service Director", "Service Director"),
        ("Team Manager Jane Grimshaw", "Team Manager"),
        ("HR/Lesley McNeil", "HR"),
        ("jane.grimshaw@luton.gov.uk (HR)", "HR"),
        ("Zofia Grimshaw", "[name removed]"),
    ],
)
def test_a_name_in_an_owner_field_is_taken_out_and_the_role_kept(owner, published):
    assert tr.public_owner(owner) == (published, True)


@pytest.mark.parametrize(
    "owner",
    [
        "Head of HR",
        "Director of Children's Services",
        "Education and Children's Services Scrutiny Board (2)",
        "Guidant",
        "Service Directors, Adult Social Care and Children and Families Social Work",
    ],
)
def test_roles_and_teams_are_published_as_written(owner):
    # initials are not: tests/sections/tracker/test_roles_and_one_register.py
    assert tr.public_owner(owner) == (owner, False)


def register(tmp_path):
    items = [
        {
            "id": "A1",
            "kind": "Action",
            "workstream": "1. Recruitment (ask Jane Gr\u0456mshaw)",
            "text": "Ring 0 7 7 0 0 9 0 0 1 2 3 or write to jane dot g at luton dot gov dot uk",
            "owner": "Zofia Grimshaw (team manager)",
            "due": "2016-10-31",
            "status": {"2016-09-21": "Green", "2016-12-21": "Red"},
        },
        {
            "id": "A2",
            "kind": "Action",
            "workstream": "1. Recruitment",
            "text": "Advertise",
            "owner": "Head of HR",
            "due": "2016-10-31",
            "status": {"2016-09-21": "Green", "2016-12-21": "Amber"},
        },
    ]
    path = tmp_path / "recommendations.yml"
    path.write_text(yaml.safe_dump({"items": items}, allow_unicode=True), encoding="utf-8")
    return tr.load_register(path)


def test_the_public_overdue_table_shows_the_role_not_the_name(tmp_path, monkeypatch):
    from pipelines.core import presentation

    reg = register(tmp_path)
    frame = tr.register_frame(reg)
    late = tr.overdue(frame, "2016-12-21")
    assert list(late["Owner"]) == ["Team manager", "Head of HR"]
    shown = []
    monkeypatch.setattr(presentation, "display", lambda h, p, m: shown.append((h, p, m)))
    show(
        late,
        "Overdue",
        "Tracker",
        name="overdue",
        free_text=["Recommendation or action"],
        not_counts=["Days overdue"],
        pol=Policy("public", 5),
    )
    html, plain, meta = shown[0]
    for text in (html, plain, meta["evidence_pack"]["data"]):
        assert "Grimshaw" not in text and "imshaw" not in text and "Zofia" not in text
        assert "Team manager" in text


def test_register_text_is_redacted_for_every_audience_and_the_officer_is_told(tmp_path):
    reg = register(tmp_path)
    frame = tr.register_frame(reg)
    text = " ".join(frame["text"]) + " " + " ".join(frame["workstream"])
    assert "9 0 0 1" not in text and "luton dot gov" not in text and "imshaw" not in text
    assert "[phone number removed]" in text and "[e-mail removed]" in text
    note = tr.owner_note(reg, "recommendations.yml")
    assert note.startswith("The owner of A1 in recommendations.yml holds a person's name")
    assert "Grimshaw" not in note


def test_the_registers_words_are_public_once_they_pass_the_officers_text_check(
    tmp_path, monkeypatch
):
    """Issue 22 (point 1): the register's words are not withheld from the public papers.

    They pass the check officers' own text passes: a planted name, phone number or e-mail is
    redacted, a count of people is written as the public pack writes it ("fewer than 5"); clean
    words are shown as written, in the register and in the legend.
    """
    from pipelines.core import presentation
    from pipelines.core.presentation import tidy_options
    from pipelines.sections.tracker.result import table

    items = [
        {
            "id": "A1",
            "kind": "Action",
            "workstream": "1. Recruitment",
            "text": "Advertise in the trade press; ring 07700 900123 or write to jo@example.org",
            "owner": "Head of HR",
            "due": "2016-10-31",
            "status": {"2016-09-21": "Green"},
        },
        {
            "id": "A2",
            "kind": "Action",
            "workstream": "2. Two leavers' interviews",
            "text": "Interview the three social workers who left the Assessment team",
            "owner": "Head of HR",
            "due": "2016-10-31",
            "status": {"2016-09-21": "Green"},
        },
        {
            "id": "A3",
            "kind": "Action",
            "workstream": "1. Recruitment",
            "text": "Review the market supplement",
            "owner": "Head of HR",
            "due": "2016-10-31",
            "status": {"2016-09-21": "Green"},
        },
    ]
    legend = [{"status": "Red", "meaning": "Late; ask Zofia Grimshaw"}]
    path = tmp_path / "recommendations.yml"
    path.write_text(
        yaml.safe_dump({"items": items, "legend": legend}, allow_unicode=True), encoding="utf-8"
    )
    reg = tr.load_register(path)
    frame = tr.register_frame(reg)
    shown = []
    monkeypatch.setattr(presentation, "display", lambda h, p, m: shown.append(m))
    for name, data in (
        ("register_officers", tr.register_table(frame, "2016-09-21", "officers")),
        ("legend", tr.legend_table(reg)),
    ):
        t = table(name, data, name, "Tracker", None)
        assert t.free_text() == [], "no column of the register is left out as free text"
        show(t.labelled(), **tidy_options(t), pol=Policy("public", 5))
    register_data, legend_data = (m["evidence_pack"]["data"] for m in shown)
    texts = {row[0]: row[3] for row in json.loads(register_data)["data"]}
    assert texts["A3"] == "Review the market supplement"
    assert texts["A1"].startswith("Advertise in the trade press; ring [phone number removed]")
    assert "[e-mail removed]" in texts["A1"] and "900123" not in texts["A1"]
    assert texts["A2"] == "Interview the fewer than 5 social workers who left the Assessment team"
    streams = {row[0]: row[2] for row in json.loads(register_data)["data"]}
    assert streams == {"A1": "1. Recruitment", "A2": "2. Fewer than 5 leavers' interviews",
                       "A3": "1. Recruitment"}  # fmt: skip
    assert "Late; ask [name removed]" in legend_data and "Grimshaw" not in legend_data
