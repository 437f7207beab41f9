"""Background papers: an export is offered for inspection by its declared grain, not its words.

Issue 22, point 9: "HR professional registration records (leavers' qualification dates)" was
listed as open to inspection because its description does not say "one row per ..."; the file
holds one row per employee. Whether an export is about individuals is the grain its dataset
family declares (``core.dataset_access.declare_grain``).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.core import cleaning, plugins
from pipelines.core.config import Dataset, load_review
from pipelines.core.dataset_access import GRAINS, about_individuals, grain_of, open_to_inspection
from pipelines.documents import texts
from tests.conftest import examples

#: Raw datasets that hold one row per person (or per record about one person).
PERSON = {
    "leavers",
    "exit_interviews",
    "staff_survey",
    "staff_survey_previous",
    "locum_survey",
    "caseloads",
    "staff_in_post",
    "leaver_qualifications",
    "recruitment",
    "agency_spend",  # one agency worker's assignment, week or invoice per row
    # posts of a team, job title, grade and contract: most rows are one or two people (an
    # adversary read one agency Senior OT in a team from the export the papers offered)
    "workforce_snapshot",
}


def test_every_dataset_with_a_cleaner_declares_its_grain():
    plugins.load("datasets")
    assert set(cleaning.CLEANERS) - set(GRAINS) == set()
    assert {name for name, g in GRAINS.items() if g.person} == PERSON
    assert all(g.row.strip() for g in GRAINS.values())


@settings(max_examples=examples(40), deadline=None)
@given(
    description=st.text(min_size=1, max_size=80).filter(str.strip),
    name=st.sampled_from(sorted(PERSON)),
)
def test_a_per_person_export_is_never_offered_whatever_its_description(description, name):
    dataset = Dataset(file="x.csv", description=description, source="Some records")
    assert about_individuals(dataset, name)
    assert not open_to_inspection(dataset, name)


def test_the_words_one_row_per_person_do_not_close_an_aggregate_export():
    posts = Dataset(
        file="e.csv", description="posts, one row per person in the structure", source="Posts"
    )
    assert not about_individuals(posts, "establishment")
    assert open_to_inspection(posts, "establishment")


def test_an_export_of_unknown_grain_is_described_not_offered():
    dataset = Dataset(file="x.csv", description="a list", source="A list")
    assert grain_of("no_such_dataset") is None
    assert about_individuals(dataset, "no_such_dataset")
    assert not open_to_inspection(dataset)  # no key: unknown grain
    given = Dataset(file="x.csv", description="a list", source="A", open_to_inspection=True)
    assert open_to_inspection(given, "leavers")  # the review's word stands


def test_a_review_config_dataset_knows_its_key():
    cfg = load_review("luton-sw-2016")
    assert cfg.datasets["leaver_qualifications"]._name == "leaver_qualifications"
    assert not open_to_inspection(cfg.datasets["leaver_qualifications"])


def test_leavers_qualification_records_are_not_background_papers_of_either_review():
    for review in ("luton-sw-2016", "coventry-sw-2018"):
        cfg = load_review(review)
        for mtg in (m for m in cfg.meetings if m.date and m.sections):
            text = texts.report_text(cfg, mtg, [])
            offered = " ".join(text.background_papers).lower()
            assert "professional registration" not in offered
            assert "qualification dates" not in offered
            for name, dataset in cfg.datasets.items():
                if name in PERSON and dataset.open_to_inspection is None:
                    assert dataset.source.lower() not in offered, (review, mtg.date, name)
