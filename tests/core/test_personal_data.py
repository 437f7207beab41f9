"""Personal data detection and redaction (pipelines.core.personal_data) and safe CSV exports."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest
from pydantic import ValidationError

from pipelines.core import exports, personal_data
from pipelines.core.config import Review, load_review
from pipelines.core.disclosure import Policy, protect_table, protect_text, redact
from tests.conftest import examples


def kinds(text: str, names=()) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in personal_data.find(text, names=names)]


@pytest.mark.parametrize(
    "phone",
    [
        "07700 900123",
        "07700900123",
        "(01632) 960961",
        "(01632)960961",
        "+44 (0)20 7946 0018",
        "+44 20 7946 0018",
        "+447700900123",
        "020-7946-0018",
        "020 7946 0018",
        "01582 54 6032",
        "0116 496 0123",
    ],
)
def test_uk_phone_numbers_in_common_forms_are_found(phone):
    assert kinds(f"Ring me on {phone} after 5.") == [("phone", phone)]
    assert redact(f"Ring me on {phone} after 5.") == "Ring me on [phone number removed] after 5."


@pytest.mark.parametrize(
    "text",
    [
        "The cost was £1,200,000 in 2016",
        "£07700 was paid",
        "Left on 01/09/2015 and 2015-09-01 and 01-09-2015",
        "Period 2015 2016 and 0.5 FTE",
        "Scores 0 1 2 3 4 5 6 7 8 9",
        "Budget 01234567 (8 digits)",
        "Total 100000000000 cases",
        "Grade M2 to M3, -12 and -1.5",
        "Between 12 and 15 per cent, 0 of 31",
    ],
)
def test_money_dates_and_other_numbers_are_not_phone_numbers(text):
    assert personal_data.redact(text) == text


@pytest.mark.parametrize("ni", ["QQ123456C", "QQ 12 34 56 C", "AB123456D", "ab 123456 a"])
def test_national_insurance_numbers_are_found(ni):
    assert kinds(f"My NI number is {ni}.") == [("ni_number", ni)]


@pytest.mark.parametrize("text", ["grade M2", "LU1 2BQ", "QQ123456E", "QQ12345C", "M2 band B"])
def test_grades_postcodes_and_near_misses_are_not_ni_numbers(text):
    assert "ni_number" not in [k for k, _ in kinds(text)]


@pytest.mark.parametrize("postcode", ["LU1 2BQ", "SW1A 1AA", "LU12BQ", "M2 3AB", "EC1A 1BB"])
def test_postcodes_are_found(postcode):
    assert kinds(f"I live at {postcode} now") == [("postcode", postcode)]


@pytest.mark.parametrize("text", ["grade M2", "M2 2nd", "m3 4th", "Q1 2016", "B2 band"])
def test_grades_and_ordinals_are_not_postcodes(text):
    assert "postcode" not in [k for k, _ in kinds(text)]


@pytest.mark.parametrize("ref", ["E149269", "E987654", "AB1234567", "EX-2015-001", "EX-2016-12"])
def test_employee_and_form_references_are_found(ref):
    assert kinds(f"see {ref}, thanks") == [("reference", ref)]


@pytest.mark.parametrize("text", ["E1", "M2", "LU1", "R&RSWT&F/09/16", "2015-16", "COVID-19"])
def test_short_codes_are_not_references(text):
    assert "reference" not in [k for k, _ in kinds(text)]


def test_email_is_found():
    assert kinds("mail t.placeholder@example.org now") == [("email", "t.placeholder@example.org")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("I raised this with my manager, Jordan Testwell, last year.", "Jordan Testwell"),
        ("Priya Samplewood in the duty team feels the same", "Priya Samplewood"),
        ("Talk to Mrs Okonkwo about it", "Mrs Okonkwo"),
        ("Dr. Zebedee Quasimodo said so", "Dr. Zebedee Quasimodo"),
        ("Ms J. Smith agreed", "Ms J. Smith"),
        ("Mr O'Brien-Smith's view", "Mr O'Brien-Smith"),
        ("Dr McDonald agreed", "Dr McDonald"),
    ],
)
def test_personal_names_are_found(text, name):
    assert kinds(text) == [("name", name)]


def test_known_names_are_found_in_any_case():
    assert kinds("zebedee quasimodo was my manager", names=["Zebedee Quasimodo"]) == [
        ("name", "zebedee quasimodo")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Adult Social Care and Children's Social Care",
        "Looked After Children, Locality South",
        "Milton Keynes and Herts CC",
        "More chances to work from home.",
        "Grace period and Hope Street",
        "Councillor Green, Chair",
        "Occupational therapy",
        "Mr",
    ],
)
def test_service_team_and_place_labels_are_not_names(text):
    assert personal_data.redact(text) == text


def test_redact_counted_counts_each_kind_and_phrase_reads_well():
    text = (
        "Ring 07700 900123 or (01632) 960961, e-mail a.b@example.org; "
        "Jordan Testwell and Mrs Okonkwo agree. NI QQ123456C, LU1 2BQ."
    )
    out, counts = personal_data.redact_counted(text)
    assert counts == Counter(phone=2, email=1, name=2, ni_number=1, postcode=1)
    assert "07700" not in out and "Testwell" not in out and "QQ123456C" not in out
    assert personal_data.counts_phrase(counts) == (
        "1 e-mail address, 1 National Insurance number, 1 postcode, 2 phone numbers, "
        "2 names redacted"
    )
    assert personal_data.counts_phrase(Counter()) == "Nothing redacted"


def test_redact_values_leaves_non_text_and_totals_counts():
    values = pd.Series(["ring 07700 900123", None, 3, "nothing here"])
    out, counts = personal_data.redact_values(values)
    assert out.tolist()[0] == "ring [phone number removed]"
    assert out.tolist()[1] is None and out.tolist()[2] == 3 and out.tolist()[3] == "nothing here"
    assert counts == Counter(phone=1)


def test_review_names_are_the_contact_officer_not_the_councillors():
    cfg = load_review("luton-sw-2016")
    names = personal_data.review_names(cfg)
    assert names == (cfg.contact_officer.name,)
    assert personal_data.redact(f"ask {cfg.contact_officer.name.upper()}", names=names) == (
        "ask [name removed]"
    )


def test_public_tables_and_sentences_use_the_new_detector():
    pol = Policy("public", 5)
    df = pd.DataFrame({"Team": ["Mrs Okonkwo's team, LU1 2BQ"], "Leavers": [7]})
    shown, _ = protect_table(df, pol=pol)
    assert shown["Team"].iloc[0] == "[name removed]'s team, [postcode removed]"
    assert protect_text("Call (01632) 960961: 2 said so", pol) == (
        "Call [phone number removed]: fewer than 5 said so"
    )


# --- threshold -------------------------------------------------------------------------------


@pytest.mark.parametrize("threshold", [0, 1, 2, -1])
def test_threshold_below_three_is_refused_naming_the_key(threshold):
    data = load_review("luton-sw-2016").model_dump()
    data["disclosure_threshold"] = threshold
    with pytest.raises(ValidationError) as err:
        Review.model_validate(data)
    assert "disclosure_threshold" in str(err.value)
    assert "at least 3" in str(err.value)


@pytest.mark.parametrize("threshold", [3, 5, 10])
def test_threshold_of_three_or_more_is_accepted(threshold):
    data = load_review("luton-sw-2016").model_dump()
    data["disclosure_threshold"] = threshold
    assert Review.model_validate(data).disclosure_threshold == threshold


# --- safe exports ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\tx", "\rx"],
)
def test_formula_payloads_get_a_leading_quote(value):
    assert exports.safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["-12", "-1.5", "+3", "12", "Herts CC", "a=b", "", 5, -3.5, None])
def test_numbers_and_plain_text_are_unchanged(value):
    assert exports.safe_cell(value) == value


def test_write_csv_neutralises_cells_and_labels_but_keeps_numbers(tmp_path):
    df = pd.DataFrame({"=label": ['=HYPERLINK("http://x","y")', "-12"], "Change": [-12, -1.5]})
    path = tmp_path / "t.csv"
    exports.write_csv(df, path)
    back = pd.read_csv(path)
    assert list(back.columns) == ["'=label", "Change"]
    assert back["'=label"].tolist() == ['\'=HYPERLINK("http://x","y")', "-12"]
    assert back["Change"].tolist() == [-12, -1.5]


# --- where personal data is used: sections and presentation ---------------------------------


def exit_forms() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "form_id": ["EX-1", "EX-2", "EX-3", "EX-4", "EX-5", "EX-6", "EX-7"],
            "new_employer": [
                "Herts CC",
                "Herts CC",
                "South Essex college",
                "Sanctuary Personnel",
                "Working for Sarah Thistlewood",
                None,
                "Milton Keynes",
            ],
            "reasons_given": ["Pay", "Ring 07700 900123", "Closer to home", "", "", "", "Pay"],
        }
    )


def test_employer_categories():
    from pipelines.sections.leavers.exit_interviews import employer_category

    assert employer_category("Herts CC") == "Another council"
    assert employer_category("Central Beds") == "Another council"
    assert employer_category("London Borough of Barnet") == "Another council"
    assert employer_category("South Essex college") == "Education"
    assert employer_category("Hays Social Care") == "Agency"
    assert employer_category("East London NHS Foundation Trust") == "NHS or health"
    assert employer_category("Acme Care Ltd") == "Private sector"
    assert employer_category("Milton Keynes") == "Other"
    assert employer_category("Herts CC with Dr Quasimodo") == "Other"
    assert employer_category('=HYPERLINK("http://x","y")') == "Other"
    assert employer_category(None) is None and employer_category("  ") is None


def test_destinations_coded_shows_only_categories_and_counts():
    from pipelines.sections.leavers.exit_interviews import destinations

    coded = destinations(exit_forms(), coded=True)
    assert list(coded.columns) == ["Destination", "Leavers"]
    assert dict(zip(coded["Destination"], coded["Leavers"], strict=True)) == {
        "Another council": 2,
        "Other": 2,
        "Education": 1,
        "Agency": 1,
    }


def test_destinations_exempt_redacts_names_and_contacts_in_employer_and_reasons():
    from pipelines.sections.leavers.exit_interviews import destinations

    table = destinations(exit_forms())
    assert list(table.columns) == ["New employer", "Destination", "Leavers", "Reasons given"]
    text = table.to_string()
    assert "Thistlewood" not in text and "07700" not in text
    assert "Working for [name removed]" in set(table["New employer"])
    herts = table[table["New employer"] == "Herts CC"].iloc[0]
    assert herts["Leavers"] == 2 and "[phone number removed]" in herts["Reasons given"]


def test_survey_comments_are_redacted_and_redactions_counted():
    from pipelines.sections.surveys import themes as svt

    staff = pd.DataFrame(
        {
            "service": ["Adult Social Care", "Adult Social Care", "Children's Social Care"],
            "improvement": [
                "Better pay; ring me on (01632) 960961",
                None,
                "Talk to Sarah Thistlewood or Matt Hussey about communication",
            ],
        }
    )
    book = svt.codebook("staff_survey", "improvement")
    table = svt.comments_table(staff, "improvement", book, names=["Matt Hussey"])
    text = " ".join(table["Comment"])
    assert "960961" not in text and "Thistlewood" not in text and "Hussey" not in text
    assert table["Comment"].tolist()[0] == "Better pay; ring me on [phone number removed]"
    counts = svt.redactions({"staff_survey": staff}, names=["Matt Hussey"])
    row = counts.iloc[0]
    assert row["Answers written"] == 2
    assert row["Redacted"] == "1 phone number, 2 names redacted"


def test_per_person_table_is_not_shown_in_public(monkeypatch):
    from pipelines.core import presentation

    shown = []
    monkeypatch.setattr(presentation, "display", lambda h, p, m: shown.append((h, p, m)))
    df = pd.DataFrame({"Form": ["EX-2015-001"], "Aspects rated poor": ["Pay"]})
    presentation.show(
        df, "Leavers who rated poor", "Exit forms", individuals=True, pol=Policy("public")
    )
    assert len(shown) == 1 and shown[0][2]["evidence_pack"]["kind"] == "note"
    assert "EX-2015-001" not in shown[0][0] and "one row per person" in shown[0][0]
    shown.clear()
    presentation.show(df, "Leavers who rated poor", "Exit forms", individuals=True, pol=Policy())
    assert shown[0][2]["evidence_pack"]["kind"] == "table" and "EX-2015-001" in shown[0][0]


# --- issue 26: detection on normalised text ---------------------------------------------------

ZWSP, ZWJ, SHY, NBSP = "\u200b", "\u200d", "\u00ad", "\u00a0"


@pytest.mark.parametrize(
    ("text", "kind", "gone"),
    [
        ("write to jane dot grimshaw at luton dot gov dot uk today", "email", "grimshaw"),
        ("write to jane.grimshaw [at] luton.gov.uk today", "email", "grimshaw"),
        ("write to jane (dot) grimshaw (at) luton (dot) gov (dot) uk", "email", "grimshaw"),
        ("write to j.grimshaw{at}example{dot}org now", "email", "grimshaw"),
        ("write to JANE.GRIMSHAW@LUTON.GOV.UK now", "email", "GRIMSHAW"),
        ("ring 0 7 7 0 0 9 0 0 1 2 3 any time", "phone", "9 0 0 1"),
        ("ring 07700.900.123 any time", "phone", "900.123"),
        ("ring 0.7.7.0.0.9.0.0.1.2.3 any time", "phone", "9.0.0"),
        ("ring +44 7700 900 123 any time", "phone", "900 123"),
        ("NI qq-12-34-56-c on file", "ni_number", "34-56"),
        ("NI QQ.12.34.56.C on file", "ni_number", "34.56"),
        ("lives at lu1 2bq now", "postcode", "2bq"),
        ("lives at Lu1 2Bq now", "postcode", "2Bq"),
        ("ask Renée O\u2019Sullivan about it", "name", "Sullivan"),
        ("ask Siân D'Arcy about it", "name", "Arcy"),
        ("ask Zoë Ashcroft-Grimshaw about it", "name", "Grimshaw"),
        ("ask Ms Nuñez about it", "name", "Nu"),
        ("ask J\u0430ne Grimshaw about it", "name", "Grimshaw"),  # Cyrillic а
        ("ask Jane Gr\u0456mshaw about it", "name", "mshaw"),  # Cyrillic і
        (f"ask Jane Gr{ZWSP}imshaw about it", "name", "imshaw"),
        (f"ask Ja{ZWJ}ne Grim{SHY}shaw about it", "name", "shaw"),
        (f"ask Mrs{NBSP}{NBSP}Grimshaw about it", "name", "Grimshaw"),
        ("ask \uff2a\uff41\uff4e\uff45 Grimshaw about it", "name", "Grimshaw"),  # full width
    ],
)
def test_disguised_personal_data_is_found_and_removed_whole(text, kind, gone):
    found = personal_data.find(text)
    assert [f.kind for f in found] == [kind]
    out = personal_data.redact(text)
    assert gone not in out
    assert out.startswith(text[: found[0].start]) and out.endswith(text[found[0].end :])
    assert KIND_MARK[kind] in out


KIND_MARK = {k: v[2] for k, v in personal_data.KINDS.items()}


def test_a_name_split_by_a_zero_width_space_is_not_half_redacted():
    text = f"Ask Jane Gr{ZWSP}imshaw or Mrs Gr{ZWSP}imshaw."
    out = personal_data.redact(text)
    assert out == "Ask [name removed] or [name removed]."
    assert "imshaw" not in out


def test_known_names_match_through_accents_homoglyphs_and_invisible_characters():
    names = ["Zofia Grimshaw"]
    for text in (
        "zofia grimshaw",
        "ZOFIA  GRIMSHAW",
        f"Zof{ZWSP}ia Gr\u0456mshaw",
        "Zofia-Grimshaw",
    ):
        assert personal_data.redact(f"by {text}.", names=names) == "by [name removed].", text


@pytest.mark.parametrize(
    "text",
    [
        "Scores 0 1 2 3 4 5 6 7 8 9",
        "FTE 0.5 0.7 0.25 0.3 0.1 0.8",
        "Fibonacci 0 1 2 3 5 8 13 21 34",
        "We met at the town hall, not at home.",
        "Staff at Luton said so.",
        "Pay rose 2.5% from 1.4.2016 to 31.3.2017",
        "Held at 10.30 on 21.09.2016",
        "The 2nd and 3rd of May; M2 2nd floor",
        "Come Back to Social Work; Step Up to Social Work",
    ],
)
def test_ordinary_text_with_numbers_and_at_is_left_alone(text):
    assert personal_data.redact(text) == text


def test_normalise_maps_every_character_back_to_the_original():
    text = f"J\u0430ne{ZWSP} \t Gr\u00efmshaw\u2019s ﬁle"
    n = personal_data.normalise(text)
    assert n.text == "Jane Grimshaw's file"
    assert n.lower == "jane grimshaw's file"
    assert len(n.origin) == len(n.text)
    start, end = n.span(0, len("Jane Grimshaw"))
    assert text[start:end] == f"J\u0430ne{ZWSP} \t Gr\u00efmshaw"


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

INVISIBLE = st.sampled_from(["", ZWSP, ZWJ, SHY, "\u2060", "\ufeff"])


@settings(max_examples=examples(150), deadline=None)
@given(
    first=st.sampled_from(sorted(personal_data.FIRST_NAMES)),
    surname=st.sampled_from(["Grimshaw", "O'Sullivan", "Ashcroft-Lee", "McNeil", "D'Arcy"]),
    cuts=st.lists(st.tuples(st.integers(0, 30), INVISIBLE), max_size=4),
    before=st.text(alphabet="abc .,;", max_size=8),
)
def test_property_a_planted_name_never_survives_in_part(first, surname, cuts, before):
    """A first name and surname, with invisible characters anywhere, is removed whole."""
    name = f"{first} {surname}"
    chars = list(name)
    for pos, mark in cuts:
        chars.insert(min(pos, len(chars)), mark)
    planted = "".join(chars)
    out = personal_data.redact(f"{before} {planted} said so")
    letters = "".join(c for c in out if c.isalpha())
    assert surname.replace("'", "").replace("-", "")[1:] not in letters.replace("'", "")
    assert "[name removed]" in out


@settings(max_examples=examples(150), deadline=None)
@given(
    digits=st.text(alphabet="0123456789", min_size=9, max_size=10),
    sep=st.sampled_from([" ", ".", "-", ""]),
    every=st.booleans(),
)
def test_property_a_uk_mobile_number_is_found_however_it_is_spaced(digits, sep, every):
    number = "07" + digits[:9]
    written = sep.join(number) if every else f"{number[:5]}{sep}{number[5:]}"
    out = personal_data.redact(f"call {written} today")
    assert out == "call [phone number removed] today"


PHONES = ["07700 900123", "(01632) 960961", "+44 (0)20 7946 0018", "024 7683 1172", "0116 496 0123"]


@given(
    phone=st.sampled_from(PHONES),
    before=st.sampled_from(["", "call ", "Gennie Holmes, Scrutiny Co-ordinator "]),
    after=st.sampled_from(["", ".", " today", ", or e-mail"]),
    inner=st.sampled_from(["", " "]),
)
def test_a_bracketed_phone_number_leaves_the_brackets_balanced(phone, before, after, inner):
    """Fault 7 of issue 22: "(024 7683 1172)" became "[phone number removed])". The text's own
    brackets around a number are kept in pairs, whatever the number's form."""
    text = f"{before}({inner}{phone}{inner}){after}"
    shown = redact(text)
    assert "[phone number removed]" in shown
    assert shown.count("(") == shown.count(")"), shown
    assert shown == f"{before}({inner}[phone number removed]{inner}){after}", shown
