"""The scorecard's staff survey themes are labelled by the survey's own question (issue 22).

Fault 5: the label "what would improve things" was written on the demo survey's
``improvement`` column, so another council's survey (which does not ask that) got the demo's
words or no themes at all. Here a generated survey (Southvale's, Google Forms layout) whose
coded free-text question is "What one thing would make you more likely to stay?" is cleaned
with the review's own mapping and codebook; the scorecard's qualitative measures must carry
that question's short label, with the theme counts worked out by hand from the answers.
"""

from __future__ import annotations

from collections import Counter

import yaml

from pipelines.core.cleaning import clean_review
from pipelines.core.config import Dataset, use_review_mappings
from pipelines.core.disclosure import Policy
from pipelines.sections.scorecard import analysis as sc
from tests.councils import generators as gen
from tests.councils.reviews import STAY_THEMES
from tests.sections.figure_checks import CFG

#: The sentence each generated respondent wrote -> the theme of the codebook it matches.
THEME_OF = {"Smaller caseloads": "Caseloads", "More pay": "Pay", "Less paperwork": "Paperwork"}


def test_the_scorecard_labels_staff_themes_with_the_surveys_own_question(tmp_path):
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
        cfg = CFG.model_copy(update={"services": [gen.CHILDREN], "datasets": {"staff_survey": ds}})
        asked = sc.staff_theme_question(frames)
        exempt = sc.qualitative_table(frames, cfg)
        public = sc.qualitative_table(frames, cfg, pol=Policy("public", threshold=5))
    finally:
        use_review_mappings(None)
    short = gen.SURVEY_MAPPING["staff_survey"]["questions"]["stay"]["short"]
    assert asked == ("stay", short) and short == "What would make you stay"
    # by hand: each respondent wrote one of three sentences, one theme each
    counts = Counter(THEME_OF[r["stay"]] for r in council.survey)
    n = len(council.survey)
    staff = exempt[exempt["Measure"].str.startswith("Staff survey")]
    assert set(staff["Measure"]) == {f"Staff survey: {short}"}
    assert dict(zip(staff["Theme"], staff["Mentions"].astype(int), strict=True)) == {
        t: c for t, c in counts.items() if c
    }
    assert set(staff["Out of"]) == {f"{n} comments"}
    shown = public[public["Measure"].str.startswith("Staff survey")]
    assert set(shown["Measure"]) <= {f"Staff survey, {gen.CHILDREN}: {short}"}
    assert dict(zip(shown["Theme"], shown["Mentions"].astype(int), strict=True)) == {
        t: c for t, c in counts.items() if c >= 5
    }
    for table in (exempt, public):
        assert not table["Measure"].str.contains("improve", case=False).any()
