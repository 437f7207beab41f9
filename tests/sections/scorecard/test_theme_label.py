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

from pipelines.core.disclosure import Policy
from pipelines.sections.scorecard import analysis as sc
from tests.councils import generators as gen
from tests.sections.stay_survey import THEME_OF, stay_survey


def test_the_scorecard_labels_staff_themes_with_the_surveys_own_question(tmp_path):
    with stay_survey(tmp_path) as (council, frames, cfg):
        asked = sc.staff_theme_question(frames)
        exempt = sc.qualitative_table(frames, cfg)
        public = sc.qualitative_table(frames, cfg, pol=Policy("public", threshold=5))
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
