"""A review's own words live in its configuration; without them the pack writes neutral
sentences from what the review does have, never a blank or "None" (issue 21, item 5).

The reviews here are invented in the test: the configuration ``evidence-pack init`` writes for
a council (``pipelines.scaffold.review_yaml``), with and without the group's question,
objectives, leaving reasons it can act on and caseload standard. Figures are worked out by hand.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.core.authority import AuthorityCheck
from pipelines.core.cleaning import CLEANERS, CleaningLog
from pipelines.core.config import (
    Review,
    active_review_mappings,
    load_review,
    use_review_mappings,
)
from pipelines.core.figures import Figure, Kind
from pipelines.core.results import FramesContext
from pipelines.core.sources import read_export
from pipelines.documents.texts import BODY_WORDS, aims_sentences, report_text
from pipelines.scaffold import review_yaml
from pipelines.sections import findings as fd
from pipelines.sections.surveys import result as sr
from pipelines.sections.workforce import caseloads as wcl
from pipelines.sections.workforce.parameters import NO_STANDARD
from tests.config.test_no_council_words import NAMES
from tests.conftest import examples
from tests.sections.surveys.test_result import write_export

CHILDREN = "Children's Social Care"
REVIEW_ID = "zz-westmere-sw-2026"
COUNCIL = "Westmere Borough Council"
SURVEY_SOURCE = "Westmere staff survey, spring 2026 (online form)"


@pytest.fixture(autouse=True)
def _mappings_as_they_were():
    """Loading a review makes its mapping folder the active one: put back the one before."""
    before = active_review_mappings()
    yield
    use_review_mappings(before)


def invented_config(**extra) -> dict:
    """An invented council's review, as ``evidence-pack init`` writes it, with ``extra`` keys."""
    text = review_yaml(
        REVIEW_ID,
        COUNCIL,
        AuthorityCheck(asked="909", checked=False),
        committee="Westmere children's workforce task and finish group",
        officer="A Officer",
        meeting=dt.date(2026, 6, 10),
        raw_dir=f"data/raw/{REVIEW_ID}",
        period=(dt.date(2025, 4, 1), dt.date(2026, 3, 31)),
    )
    data = yaml.safe_load(text)
    data["services"] = [CHILDREN]
    data["datasets"]["staff_survey"]["source"] = SURVEY_SOURCE
    data.update(extra)
    return data


def invented_review(tmp_path, **extra) -> Review:
    """The invented review, written to a YAML file and read as every command reads it."""
    path = tmp_path / f"{REVIEW_ID}.yml"
    path.write_text(yaml.safe_dump(invented_config(**extra), sort_keys=False), encoding="utf-8")
    return load_review(path)


def workforce_parameters(cfg: Review) -> dict:
    """The workforce section's parameters in the review's first meeting, defaults filled in."""
    ref = next(s for s in cfg.meetings[0].sections if s.notebook == "40_workforce_costs")
    return fd.section_parameters("40_workforce_costs", ref.parameters)


def reasons_figure(counts: dict[str, int]) -> Figure:
    """The leavers section's leaving-reasons figure for these recorded reasons."""
    top = max(counts, key=counts.get)
    return Figure(
        key="leaving_reasons",
        label="Most common recorded reason for leaving",
        value=float(counts[top]),
        kind=Kind.PEOPLE,
        denominator=float(sum(counts.values())),
        source="HR leavers extract",
        period="1 April 2025 to 31 March 2026",
        section="10_leavers",
        table="reasons",
        row=top,
        column="Leavers",
        notes={"reasons": "|".join(f"{r}={n}" for r, n in counts.items())},
    )


#: The report's words for the task and finish group.
GROUP = BODY_WORDS["group"]


def assert_neutral(text: str) -> None:
    """A sentence that is written (not blank), says no "None" and names no demo council."""
    assert text.strip()
    assert "None" not in text and "\u201c\u201d" not in text
    assert not NAMES.search(text), text


#: Recorded reasons of 12 leavers (the council's own labels and the shipped ones).
REASONS = {"Workload": 5, "Better pay and conditions": 3, "Retired": 2, "Work-life balance": 2}


def test_a_review_without_its_own_words_gets_neutral_sentences(tmp_path):
    cfg = invented_review(tmp_path)
    assert cfg.question is None and cfg.objectives == [] and cfg.influenceable_reasons is None
    # The group's aims: written from its services.
    aims = aims_sentences(cfg, GROUP)
    assert aims == [
        "It serves the group's review of social worker recruitment and retention in Children's "
        "Social Care."
    ]
    purpose = report_text(cfg, cfg.meetings[0], ["Item 4: Workforce"]).purpose
    assert aims[0] in purpose
    assert_neutral(purpose)
    # The caseload standard: none, said so under the table; the table has no recommended figure.
    params = workforce_parameters(cfg)
    assert params["caseload_standards"] == []
    assert params["caseload_standards_source"] == NO_STANDARD
    assert params["as_at"] == "2026-03-31"  # the snapshot's date in the review, not a default
    assert_neutral(f"recommended caseloads: {params['caseload_standards_source']}")
    caseloads = pd.DataFrame(
        {
            "date_qualified": pd.to_datetime(["2025-10-01", "2024-06-01", "2019-01-01"]),
            "total_cases": [10, 16, 22],
        }
    )
    bands = wcl.caseloads_by_experience(
        caseloads,
        pd.Timestamp("2026-03-31"),
        params["experience_bands"],
        params["caseload_standards"],
    )
    # Qualified 0.5, 1.8 and 7.2 years before the snapshot: one worker in each band.
    assert bands["Average caseload"].tolist() == [10.0, 16.0, 22.0]
    assert bands["Recommended caseload"].isna().all()
    # Leaving reasons the council can act on: the shipped list, which names no council.
    rules = fd.review_rules(cfg, fd.load_rules())
    assert rules.influenceable_reasons == fd.load_rules().influenceable_reasons
    assert not any(NAMES.search(r) for r in rules.influenceable_reasons)
    m = fd.materiality(reasons_figure(REASONS), rules)
    assert m.amount == 3  # only "Better pay and conditions" is in the shipped list


def test_a_review_without_a_survey_period_cites_its_survey(tmp_path):
    """The survey section's period, not set: the tables cite the survey as the review config
    does (their source) and state the period the source names (said once, in the config,
    issue 22); the source is never repeated as the period ("Period: Westbury Council, CYPS
    staff survey, ...", issue 21)."""
    cfg = invented_review(tmp_path)
    path = tmp_path / "staff_survey.csv"
    write_export(path)
    made, problems = CLEANERS["staff_survey"](read_export(path, "staff_survey"), CleaningLog())
    assert not problems
    result = sr.build(FramesContext(cfg, None, made), {"resamples": 200})
    fig = result.figure("survey_least_positive_childrens")
    named = SURVEY_SOURCE.split(", ")[1].removesuffix(" (online form)")  # "spring 2026"
    assert fig.period == named
    assert result.tables["respondents"].source == SURVEY_SOURCE
    assert result.tables["respondents"].period == named


def test_a_review_with_its_own_words_uses_them(tmp_path):
    cfg = invented_review(
        tmp_path,
        question="why do our children's social workers leave in their first two years?",
        objectives=["To reduce the use of agency social workers.", "to cut caseloads"],
        influenceable_reasons=["Workload", "Work-life balance", "Better pay and conditions"],
        caseload_standard={
            "bands": [1, 3],
            "caseloads": [12, 16, 18],
            "source": "Westmere caseload policy, 2025",
        },
    )
    aims = aims_sentences(cfg, GROUP)
    assert aims == [
        "The group's question is \u201cwhy do our children's social workers leave in their first "
        "two years?\u201d",
        "Its objectives are to reduce the use of agency social workers and to cut caseloads.",
    ]
    # the question, in a purpose of at most 60 words (the objectives too would make 71)
    purpose = report_text(cfg, cfg.meetings[0], []).purpose
    assert aims[0] in purpose and aims[1] not in purpose, purpose
    params = workforce_parameters(cfg)
    assert params["experience_bands"] == [1, 3]
    assert params["caseload_standards"] == [12, 16, 18]
    assert params["caseload_standards_source"] == "Westmere caseload policy, 2025"
    # 5 + 2 + 3 = 10 of the 12 leavers gave a reason the review says it can act on.
    rules = fd.review_rules(cfg, fd.load_rules())
    fig = reasons_figure(REASONS)
    m = fd.materiality(fig, rules)
    assert m.amount == 10 and m.comparator_value == 12
    (finding,) = fd.propose([fig], rules)
    assert "\u201cWorkload\u201d (5)" in finding.text and "Retired" not in finding.text


def test_a_meeting_that_sets_the_standard_itself_keeps_it(tmp_path):
    data = invented_config(
        caseload_standard={"bands": [2], "caseloads": [15, 20], "source": "Policy A"}
    )
    ref = next(s for s in data["meetings"][0]["sections"] if s["notebook"] == "40_workforce_costs")
    ref["parameters"] = {"experience_bands": [1, 3], "caseload_standards": [14, 18, 20]}
    path = tmp_path / f"{REVIEW_ID}.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    params = workforce_parameters(load_review(path))
    assert params["experience_bands"] == [1, 3]
    assert params["caseload_standards"] == [14, 18, 20]
    assert params["caseload_standards_source"] == "Policy A"


def test_a_caseload_standard_needs_one_caseload_per_band(tmp_path):
    with pytest.raises(Exception, match=r"caseload_standard gives 2 caseload\(s\) .* make 3"):
        invented_review(
            tmp_path, caseload_standard={"bands": [1, 3], "caseloads": [12, 16], "source": "X"}
        )


#: Words a review might write (no "None" of their own, so a "None" found is the code's).
WORDS = st.text(alphabet="abcdefgh ?.,'\u2019", max_size=40).filter(lambda t: "None" not in t)


@settings(max_examples=examples(60), deadline=None)
@given(
    question=st.one_of(st.none(), WORDS),
    objectives=st.lists(WORDS, max_size=3),
    services=st.lists(
        st.sampled_from(["Adult Social Care", CHILDREN]), min_size=1, max_size=2, unique=True
    ),
)
def test_the_aims_are_never_blank_or_none(question, objectives, services):
    """Whatever the review sets (blank, spaces, nothing), the aims are written sentences."""
    cfg = Review.model_construct(question=question, objectives=objectives, services=services)
    aims = aims_sentences(cfg, GROUP)
    said = " ".join(aims)
    assert aims and "None" not in said
    assert not re.search(r"\u201c\s*\u201d|:\s*\.|: and |; and ", said), said
    worded = bool(question and re.search(r"\w", question))  # a question with a word in it
    if worded:
        assert f"\u201c{question.strip()}\u201d" in said
    # each objective as written, without the punctuation around it (".a" is "a")
    goals = [g.strip(" \t\n.;:,") for g in objectives if re.search(r"\w", g)]
    for goal in goals:
        assert re.sub(r"^To\b", "to", goal) in said
    if not worded and not goals:
        assert said.endswith(" and ".join(services) + ".")


def test_demo_reviews_keep_their_words():
    """Luton's question, objective, leaving reasons and Lancashire's standard are its own."""
    luton = load_review("luton-sw-2016")
    aims = " ".join(aims_sentences(luton, GROUP))
    assert "what drives social workers and occupational therapists to leave?" in aims
    assert "reduce the spend on contingent labour" in aims
    assert "Dissatisfied with LBC" in fd.review_rules(luton, fd.load_rules()).influenceable_reasons
    for meeting in luton.meetings:
        for ref in meeting.sections:
            if ref.notebook == "40_workforce_costs":
                assert ref.parameters["caseload_standards"] == [15, 20, 23]
                assert ref.parameters["caseload_standards_source"].startswith("Lancashire")
    coventry = load_review("coventry-sw-2018")
    assert coventry.caseload_standard is None  # its pack no longer borrows Lancashire's


def test_an_officer_without_a_title_signs_with_the_name_alone(tmp_path):
    """The cover's author and contact: "A Officer", never "A Officer, None" (issue 21)."""
    from pipelines.documents.front import front_matter

    cfg = invented_review(tmp_path)
    assert cfg.contact_officer.title is None
    front = front_matter(cfg, cfg.meetings[0], "public", "built")
    assert front.author == "A Officer" and front.contact == "A Officer"
    titled = cfg.contact_officer.model_copy(update={"title": "Scrutiny Officer"})
    assert titled.signed() == "A Officer, Scrutiny Officer"


#: Words of an invented review's own, as long as a real group's (objectives of 10 to 17 words).
LONG_QUESTION = (
    "what drives our children's and adults' social workers and occupational therapists to leave?"
)
LONG_OBJECTIVES = [
    "to recommend initiatives that would reduce the council's spend on agency and interim staff",
    "to understand the drivers of recruitment and retention in every team of both services",
    "to produce an analysis of the strengths and weaknesses of the local position for members",
]
LONG_ITEMS = [
    "Item 6: Recruitment and retention activity undertaken by the People Directorate this year",
    "Item 7: Social workers and occupational therapists - reasons for leaving and exit interviews",
    "Item 8: Caseloads, supervision and the support given to newly qualified staff",
]


def _sentences(text: str) -> list[str]:
    """A paragraph's sentences: split after a full stop, question mark or closing quote."""
    return [s for s in re.split(r"(?<=[.?!\u201d])\s+(?=[A-Z\u201c])", text) if s.strip()]


@pytest.mark.parametrize("body", ["group", "board", "cabinet_member"])
@pytest.mark.parametrize("items", [LONG_ITEMS[:1], LONG_ITEMS[:2], LONG_ITEMS])
def test_the_default_purpose_is_in_sentences_of_at_most_35_words(tmp_path, body, items):
    """reader12 (21 September 2016 report, p2): the purpose was one sentence of 80 words;
    reader14 (the same page): then 104 words in four sentences.

    However long the group's question, objectives and agenda, each sentence of the default
    purpose has at most 35 words (counted here as runs of letters and digits) and the whole at
    most 60, read in one breath; it still names every agenda item (by number, as the cover
    names them in full), the question and the check. The objectives are left out when they do
    not fit (these three of 13 to 15 words each never do beside the question and the check).
    """
    cfg = invented_review(tmp_path, question=LONG_QUESTION, objectives=LONG_OBJECTIVES)
    meeting = cfg.meetings[0].model_copy(update={"body": body})
    purpose = report_text(cfg, meeting, items).purpose
    for sentence in _sentences(purpose):
        assert len(re.findall(r"[\w\u2019']+", sentence)) <= 35, sentence
    assert len(re.findall(r"[\w\u2019']+", purpose)) <= 60, purpose
    for item in items:
        assert item.split(":")[0] in purpose
    assert f"\u201c{LONG_QUESTION}\u201d" in purpose
    assert not any(goal in purpose for goal in LONG_OBJECTIVES), purpose
    assert "checked against the figures in the officers' reports" in purpose


@pytest.mark.parametrize("body", ["group", "cabinet_member"])
def test_the_default_purpose_keeps_short_objectives_and_items_in_full(tmp_path, body):
    """A short agenda item and one short objective fit in 60 words: the purpose names the item
    in full and keeps the objective (only what does not fit is left out; to the Board, whose
    check sentence is longer, they make 62)."""
    goal = "to understand why staff leave"
    cfg = invented_review(tmp_path, question="why do they leave?", objectives=[goal])
    meeting = cfg.meetings[0].model_copy(update={"body": body})
    purpose = report_text(cfg, meeting, ["Item 4: Leavers"]).purpose
    assert "Item 4: Leavers" in purpose and goal in purpose, purpose
    assert len(re.findall(r"[\w\u2019']+", purpose)) <= 60, purpose
