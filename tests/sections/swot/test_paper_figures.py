"""An officers' SWOT citation of a paper carries the paper's own figure (issue 22, 28 Feb 2017
report: S2 gave "61 staff answered" citing paragraph 26 and Appendix 1 of the item 6 report,
whose paragraph 23 says 55 responded). On a published-figures table the test writes."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

from pipelines.core.config import load_review
from pipelines.sections.swot import analysis as swot
from tests.conftest import demo_frames

PAPER = "Agenda item 6 report, 21 September 2016"


def row(where, measure, value, question=""):
    return {
        "survey": "Permanent staff survey",
        "published_in": where,
        "service": "All respondents",
        "question": question,
        "answer": "",
        "measure": measure,
        "printed": str(value),
        "value": str(value),
    }


PRINTED = [
    row("Report para 23", "respondents", 55),
    row("Report para 26", "lowest_average", 2.18, "Mentoring"),
    row("Appendix 1 (joint)", "respondents", 61),
    row("Appendix 1 (joint)", "answered", 60, "Mentoring"),
]


def problems(tmp_path, figure, source, printed=PRINTED):
    entry = {
        "id": "peer-support",
        "quadrant": "Strengths",
        "text": "Staff valued their peers.",
        "evidence": {"figure": figure, "source": source, "period": "January to February 2016"},
    }
    (tmp_path / "swot_curated.yml").write_text(
        yaml.safe_dump({"entries": [entry]}), encoding="utf-8"
    )
    cfg = load_review("luton-sw-2016")
    cfg = cfg.model_copy(
        update={
            "raw_dir": str(tmp_path),
            "swot": cfg.swot.model_copy(update={"curated": "swot_curated.yml"}),
        }
    )
    return [
        p.what for p in swot.paper_figure_problems(cfg, {"survey_published": pd.DataFrame(printed)})
    ]


def test_a_count_the_paper_gives_twice_with_two_values_is_refused(tmp_path):
    said = problems(
        tmp_path, "average 2.18; 61 staff answered", f"{PAPER}, paragraph 26; Appendix 1"
    )
    assert said == [
        "The officers' SWOT entry \u201cpeer-support\u201d gives \u201c61 staff\u201d, citing "
        f"{PAPER}, paragraph 26; Appendix 1: the same paper also gives 55 (Report para 23)."
    ]


def test_a_count_the_cited_places_do_not_print_is_refused(tmp_path):
    said = problems(tmp_path, "70 staff answered", f"{PAPER}, paragraph 26")
    assert said == [
        "The officers' SWOT entry \u201cpeer-support\u201d gives \u201c70 staff\u201d, citing "
        f"{PAPER}, paragraph 26: the paper does not print it there."
    ]


@pytest.mark.parametrize(
    ("figure", "source", "printed"),
    [
        # the paper's own figure, printed once for that measure
        ("55 staff responded", f"{PAPER}, paragraph 23", PRINTED[:2]),
        # another question's count is another measure: 60 answered the mentoring question
        ("60 staff answered", f"{PAPER}, Appendix 1", PRINTED),
        # a figure that is not a count of people, and a paper of another date
        ("average 2.18, the best of 16 questions", f"{PAPER}, paragraph 26", PRINTED),
        ("61 staff answered", "Agenda item 6 report, 1 March 2017, paragraph 26", PRINTED),
    ],
)
def test_the_papers_own_figure_passes(tmp_path, figure, source, printed):
    assert problems(tmp_path, figure, source, printed) == []


def test_the_demo_entries_carry_the_papers_own_figures():

    cfg = load_review("luton-sw-2016")
    frames = demo_frames()
    assert swot.paper_figure_problems(cfg, frames) == []
