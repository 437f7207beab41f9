"""The survey section words the theme finding from the coded question itself (issue 21).

The finding on the free-text themes once said "suggestions for improvement" whichever question
was coded. Here a generated survey (Southvale's, Google Forms layout) whose coded question is
"What one thing would make you more likely to stay?" is cleaned with the review's own mapping
and codebook, and the finding must quote that question; the theme and its count are worked out
by hand from the generated answers.
"""

from __future__ import annotations

from collections import Counter

from pipelines.core.results import FramesContext
from pipelines.sections.surveys import analysis as sv
from pipelines.sections.surveys import result as sr
from tests.councils import generators as gen
from tests.councils.reviews import STAY_THEMES
from tests.sections.stay_survey import THEME_OF, stay_survey


def test_the_theme_finding_quotes_the_coded_question(tmp_path):
    with stay_survey(tmp_path) as (council, frames, cfg):
        staff = frames["staff_survey"]
        result = sr.build(FramesContext(cfg, data=frames), {"staff_period": "May 2025"})
        question = sr.text_question(staff)
        asked = sr.question_wording(question)
        results = {
            name.removeprefix("results_"): table.labelled()
            for name, table in result.tables.items()
            if name.startswith("results_")
        }
        themes = result.tables["themes"].labelled()
        findings = sv.findings(
            staff, results, None, None, themes, None, [gen.CHILDREN], question=asked
        )
        unnamed = sv.findings(staff, results, None, None, themes, None, [gen.CHILDREN])
    assert question == "stay"
    assert (
        asked
        == gen.SURVEY_QUESTIONS["stay"]
        == "What one thing would make you more likely to stay?"
    )
    # by hand: each respondent wrote one of three sentences, one theme each; the first theme of
    # the codebook with the most answers (the table keeps the codebook's order among ties)
    counts = Counter(THEME_OF[r["stay"]] for r in council.survey)
    theme = max(STAY_THEMES["stay"], key=lambda t: counts[t])
    n = len(council.survey)
    expected = (
        f"{gen.CHILDREN}: the commonest theme in answers to \u201c{asked}\u201d was "
        f"{theme.lower()} ({counts[theme]} of {n} comments)."
    )
    text = [str(s) for s in findings]
    assert expected in text, text
    assert not [s for s in text if "suggestions for improvement" in s]
    # a caller that gives no wording names no question, never another survey's words
    assert expected.replace(f"answers to \u201c{asked}\u201d", "staff comments") in [
        str(s) for s in unnamed
    ]
