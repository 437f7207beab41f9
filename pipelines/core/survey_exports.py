"""Online-survey exports as the tools write them (SurveyMonkey, Qualtrics, Microsoft Forms).

The datasets read as survey exports (:data:`SURVEY_EXPORTS`) find a question by its wording as
well as by ``columns.yml`` (:func:`survey_synonyms`); :func:`survey_layout` finds the columns
naming respondents (Email, Name, IP address: dropped before anything else sees them), a second
or third header row to skip, and a tick-all question's option columns to join into one answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from pipelines.core.cells import is_blank, normalise_header
from pipelines.core.mappings import load_mapping

__all__ = ["SURVEY_EXPORTS", "SurveyLayout", "survey_layout", "survey_synonyms"]

#: Datasets read as online-survey exports -> their survey in ``survey_questions.yml``.
SURVEY_EXPORTS = {
    "staff_survey": "staff_survey",
    "staff_survey_previous": "staff_survey",
    "locum_survey": "locum_survey",
}

#: A Qualtrics third header row's cell: ``{"ImportId":"QID1"}``.
IMPORT_ID = re.compile(r'^\s*\{\s*"ImportId"\s*:', re.IGNORECASE)


def survey_synonyms(synonyms: dict[str, list], survey: str) -> dict[str, list]:
    """A survey's header synonyms: ``columns.yml``'s, plus each question's own wording.

    A question of ``survey_questions.yml`` is also found by its ``question`` text and by the
    ``headers`` it lists, so a review can map a question (header, short label, scale) in its
    one ``survey_questions.yml``.
    """
    out = {k: list(v or []) for k, v in synonyms.items()}
    spec = load_mapping("survey_questions").get(survey) or {}
    for key, q in (spec.get("questions") or {}).items():
        if not isinstance(q, dict):
            continue
        extra = [q.get("question"), *(q.get("headers") or [])]
        out.setdefault(key, [])
        out[key] += [str(x) for x in extra if x and str(x) not in out[key]]
    return out


@dataclass
class SurveyLayout:
    """What an online-survey tool added around the answers (see :func:`survey_layout`).

    ``identifying``: positions (0-based) of the columns naming or locating a respondent (to be
    dropped); ``sub_header_rows``: header rows under the header (SurveyMonkey 1, Qualtrics 1);
    ``groups``: position of a tick-all question's column -> positions of its other options'
    columns (SurveyMonkey), to be joined into one answer.
    """

    identifying: list[int] = field(default_factory=list)
    sub_header_rows: int = 0
    groups: dict[int, list[int]] = field(default_factory=dict)


def survey_layout(cells: pd.DataFrame, header_at: int, header: list[str]) -> SurveyLayout:
    """Find a survey export's identifying columns, extra header rows and tick-all groups.

    Identifying columns are those headed as in ``identifying`` of ``survey_exports.yml``
    (Email, Name, IP address...). The rows just under the header (at most two) are header
    rows when one of their cells is a marker of ``sub_header_cells`` ("Response",
    "Open-Ended Response") or a Qualtrics ImportId. Under a SurveyMonkey second header row,
    the columns with no header of their own that follow a question's column are its other
    options.
    """
    spec = load_mapping("survey_exports")
    identifying = {normalise_header(x) for x in spec.get("identifying") or []}
    markers = {normalise_header(x) for x in spec.get("sub_header_cells") or []}
    layout = SurveyLayout(
        identifying=[i for i, h in enumerate(header) if normalise_header(h) in identifying]
    )
    for offset in (1, 2):
        at = header_at + offset
        if at >= len(cells) or offset != layout.sub_header_rows + 1:
            break
        row = ["" if is_blank(v) else str(v) for v in cells.iloc[at].tolist()]
        if any(normalise_header(v) in markers or IMPORT_ID.match(v) for v in row):
            layout.sub_header_rows = offset
    if layout.sub_header_rows:
        options = ["" if is_blank(v) else str(v) for v in cells.iloc[header_at + 1].tolist()]
        owner = None
        for i, h in enumerate(header):
            if h.strip():
                owner = i
            elif owner is not None and options[i].strip() and i not in layout.identifying:
                layout.groups.setdefault(owner, []).append(i)
    return layout
