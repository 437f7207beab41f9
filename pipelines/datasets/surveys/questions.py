"""Survey questions: which question each column of a survey export asks.

The questions of each survey (``config/mappings/survey_questions.yml``, with a review's own laid
over it): the header of each question, its short label and its answer family. An export's
columns are checked against them (:func:`check_questions`), a respondent ID and a service are
given to an export that lacks them (:func:`respondent_and_service`), and the question or survey
a published figure names is found by its printed text (:func:`question_lookup`,
:func:`survey_names`). The answers in those columns are coded by
:mod:`pipelines.datasets.surveys.answer_coding`.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path

from pipelines.core.cleaning import REVIEW_SERVICES, CleaningLog
from pipelines.core.cleaning_values import label_key
from pipelines.core.config import read_yaml_file
from pipelines.core.errors import ConfigError, InputError, Problem, excerpt
from pipelines.core.mappings import load_mapping, mapping_file, mappings_dir, review_mapping
from pipelines.core.sources import RawTable


def _shipped_questions(survey: str) -> dict[str, dict]:
    """The questions ``config/mappings/survey_questions.yml`` ships for a survey (a copy)."""
    path = mappings_dir() / "survey_questions.yml"
    stat = path.stat()
    table = _shipped_table(str(path), stat.st_mtime_ns, stat.st_size)
    return copy.deepcopy((table.get(survey) or {}).get("questions") or {})


@functools.lru_cache(maxsize=4)
def _shipped_table(path: str, _mtime_ns: int, _size: int) -> dict:
    """The shipped questions file, read once per version of it (its time and size in the key)."""
    return read_yaml_file(Path(path)) or {}


def survey_questions(survey: str) -> dict[str, dict]:
    """The questions of a survey (``staff_survey`` or ``locum_survey``) from the config.

    A review whose own ``survey_questions.yml`` lists a question the shipped survey does not
    have asks its own survey: its questions only, in its order (a question it shares with the
    shipped survey keeps the shipped keys it does not set), never the demo survey's others. A
    review that only changes shipped questions (a header, a label) gets the shipped survey with
    its changes.
    """
    spec = load_mapping("survey_questions").get(survey)
    if not spec or "questions" not in spec:
        raise ConfigError(
            f"{mapping_file('survey_questions')} has no questions for the survey '{survey}': "
            f"list them under {survey}: questions:, each with its header, short label and scale."
        )
    questions = spec["questions"]
    own = ((review_mapping("survey_questions").get(survey) or {}).get("questions")) or {}
    shipped = _shipped_questions(survey)
    if any(key not in shipped for key in own):
        return {key: questions[key] for key in own if key in questions}
    return questions


def check_questions(raw: RawTable, survey: str, log: CleaningLog, name: str) -> dict[str, dict]:
    """The questions of ``survey`` that the export holds, in the mapping's order.

    No question is required of an export but those the review maps itself (its own
    ``survey_questions.yml`` or ``columns.yml``): one of those missing stops with the export's
    headers. The shipped questions the export does not hold are left out, listed once in the
    cleaning log. An export holding no question at all stops.
    """
    questions = survey_questions(survey)
    own = set((review_mapping("survey_questions").get(survey) or {}).get("questions") or {})
    own |= set(review_mapping("columns").get(survey) or {})
    present = {k: q for k, q in questions.items() if k in raw.data.columns}
    missing_own = [k for k in questions if k in own and k not in present]
    headers = [raw.raw_columns.get(h, h) for h in raw.data.columns if h != "source_row"]
    found = ", ".join(f'"{excerpt(h, 40)}"' for h in headers[:12]) + (
        f" and {len(headers) - 12} more" if len(headers) > 12 else ""
    )
    problems = [
        Problem(
            f"The {survey.replace('_', ' ')} export has no column for a question the review maps.",
            raw.file,
            sheet=raw.sheet,
            row=raw.header_row,
            column=key,
            expected=f'a column headed "{questions[key].get("question", key)}"',
            found=found,
            hint=f"Add the export's header of this question to {mapping_file('survey_questions')}"
            f" (headers: under {survey}: questions: {key}), or take the question out of it.",
        )
        for key in missing_own
    ]
    if not present and not problems:
        problems.append(
            Problem(
                f"The {survey.replace('_', ' ')} export has no column the pack knows as a "
                "question.",
                raw.file,
                sheet=raw.sheet,
                row=raw.header_row,
                expected="the survey's questions as headers",
                found=found,
                hint=f"Map each question in {mapping_file('survey_questions')}: under {survey}: "
                "questions:, a key per question with its header (question or headers), a short "
                "label and its scale (family).",
            )
        )
    if problems:
        raise InputError(problems)
    left_out = [k for k in questions if k not in present]
    if left_out:
        log.add(
            name,
            "Questions of the mapping not in this export, left out: " + ", ".join(left_out),
            len(left_out),
        )
    return present


def respondent_and_service(raw: RawTable, log: CleaningLog, name: str) -> RawTable:
    """Give an export without a respondent ID or a service column what it lacks.

    A respondent without an ID (Google Forms exports none) is numbered by the Excel row of
    the answers ("R12"). Where the review has one service, an export without a service column
    is that service's; where it has several (or the review is not known) the service column is
    needed, and its absence stops with the headers found.
    """
    data = raw.data
    if "respondent_id" not in data.columns:
        data = data.copy()
        data.insert(1, "respondent_id", [f"R{r}" for r in data["source_row"]])
        log.add(name, "No respondent ID column: respondents numbered by their row (R<row>)", 1)
    if "service" not in data.columns:
        services = REVIEW_SERVICES.get()
        if not services or len(services) != 1:
            names = [
                excerpt(raw.raw_columns.get(h, h), 40)
                for h in raw.data.columns
                if h != "source_row"
            ]
            stated = f"{len(services)} services" if services else "no services stated"
            raise InputError(
                [
                    Problem(
                        f"The {name.lower()} export is missing a column: the review has "
                        f"{stated}, so each answer needs its service.",
                        raw.file,
                        sheet=raw.sheet,
                        row=raw.header_row,
                        expected="a column for service (one of: "
                        + ", ".join(
                            f'"{x}"' for x in load_mapping("columns")["staff_survey"]["service"]
                        )
                        + ")",
                        found=", ".join(names[:12])
                        + (f" and {len(names) - 12} more" if len(names) > 12 else ""),
                        hint="Export the survey with the respondent's service, or map the "
                        f"header of the question asking it in {mapping_file('columns')} "
                        "(under the dataset: service:).",
                    )
                ]
            )
        data = data.copy()
        data.insert(2, "service", services[0])
        log.add(name, f"No service column: every respondent is in {services[0]}", 1)
    if data is raw.data:
        return raw
    return RawTable(**{**raw.__dict__, "data": data})


def survey_names() -> dict[str, str]:
    """Label key of a survey's name, other names or key -> the survey's key (``staff_survey``)."""
    names = {}
    for key, spec in load_mapping("survey_questions").items():
        for n in [spec.get("name", key), *(spec.get("other_names") or []), key]:
            names[label_key(n)] = key
    return names


def question_lookup(survey: str) -> dict[str, str]:
    """Label key of a question's printed text or export header -> canonical question key."""
    lookup = {}
    headers = load_mapping("columns").get(survey, {})
    for key, spec in survey_questions(survey).items():
        texts = [spec["question"], *headers.get(key, [])]
        for t in texts:
            lookup[label_key(str(t).strip('"'))] = key
    return lookup
