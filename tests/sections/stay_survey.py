"""A generated staff survey that asks "what would make you stay" (not the demo's question).

Southvale's survey in the Google Forms layout, cleaned with the review's own mapping and
codebook (:data:`tests.councils.reviews.STAY_THEMES`): shared by the tests that check its
question's wording reaches the survey findings and the scorecard.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from pipelines.core.cleaning import clean_review
from pipelines.core.config import Dataset, use_review_mappings
from tests.councils import generators as gen
from tests.councils.reviews import STAY_THEMES
from tests.sections.figure_checks import CFG

#: The sentence each generated respondent wrote -> the theme of the codebook it matches.
THEME_OF = {"Smaller caseloads": "Caseloads", "More pay": "Pay", "Less paperwork": "Paperwork"}


@contextmanager
def stay_survey(tmp_path: Path) -> Iterator[tuple]:
    """``(council, frames, cfg)`` with the survey's mappings in use for the block.

    ``council`` is the generated council (its ``survey`` rows), ``frames`` the cleaned tidy
    data and ``cfg`` the test review with the survey as its only dataset.
    """
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
        yield council, frames, cfg
    finally:
        use_review_mappings(None)
