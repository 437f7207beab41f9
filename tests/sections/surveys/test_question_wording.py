"""The survey section words the theme finding from the coded question itself (issue 21).

The finding on the free-text themes once said "suggestions for improvement" whichever question
was coded. Here a generated survey (Southvale's, Google Forms layout) whose coded question is
"What one thing would make you more likely to stay?" is cleaned with the review's own mapping
and codebook, and the finding must quote that question; the theme and its count are worked out
by hand from the generated answers.
"""

from __future__ import annotations

from collections import Counter

import yaml

from pipelines.core.cleaning import clean_review
from pipelines.core.config import Dataset, use_review_mappings
from pipelines.core.results import FramesContext
from pipelines.sections.surveys import analysis as sv
from pipelines.sections.surveys import result as sr
from tests.councils import generators as gen
from tests.councils.reviews import STAY_THEMES
from tests.sections.figure_checks import CFG

#: The sentence each generated respondent wrote -> the theme of the codebook it matches.
THEME_OF = {"Smaller caseloads": "Caseloads", "More pay": "Pay", "Less paperwork": "Paperwork"}


def test_the_theme_finding_quotes_the_coded_question(tmp_path):
    folder = tmp_path / "mappings"
    folder.mkdir()
    (folder / "survey_questions.yml").write_text(yaml.safe_dump(gen.SURVEY_MAPPING), "utf-8")
    (folder / "survey_themes.yml").write_text(
        yaml.safe_dump({"staff_survey": STAY_THEMES}), "utf-8"
    )
    (folder / "services.yml").write_text(
        yaml.safe_dump({gen.CHILDREN: [gen.CHILDREN]}, allow_unicode=True), "utf-8"
    )
    council = gen.southvale()
    use_review_mappings(folder)
    try:
        path = gen.write_survey("google_forms", council.survey, tmp_path / "raw")
        ds = Dataset(file=path.name, description="staff survey", source="Southvale staff survey")
        frames = clean_review(path.parent, {"staff_survey": ds}, services=[gen.CHILDREN]).frames
        staff = frames["staff_survey"]
        cfg = CFG.model_copy(update={"services": [gen.CHILDREN], "datasets": {"staff_survey": ds}})
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
    finally:
        use_review_mappings(None)
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
