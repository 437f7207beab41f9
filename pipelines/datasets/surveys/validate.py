"""Great Expectations suites for the survey tables made by :mod:`pipelines.datasets.surveys.clean`.

What the survey section relies on: one row per respondent with a known service; every score a
whole number from 1 to 5 (1 = most positive) on a known question, at most once per respondent
and question; yes/no and choice answers of the locum survey among their options; published
figures with a known measure and survey. A failing critical check stops the build naming the
file, the Excel row and the column as headed in the export (for a score, the question's header).
"""

from __future__ import annotations

import datetime as dt

from pipelines.core.mappings import load_mapping
from pipelines.core.validation_checks import (
    Check,
    in_set,
    not_null,
    one_of,
    register_suite,
    required_columns_check,
    service_in_pack,
    unique,
)
from pipelines.core.validation_labels import Labels
from pipelines.core.validation_report import COLUMN_NAMES, CRITICAL, REQUIRED_COLUMNS, WARNING
from pipelines.datasets.surveys.answer_coding import choice_family
from pipelines.datasets.surveys.clean import MEASURES
from pipelines.datasets.surveys.questions import survey_questions

#: Columns every staff survey export has once cleaned. The demo survey's own questions
#: (service_answer, training_focus, improvement) are questions of its mapping like any other: a
#: survey without them is checked without them (the check on question 1 is left out).
RESPONDENT_COLUMNS = ["respondent_id", "service"]
ANSWER_COLUMNS = [
    "respondent_id",
    "service",
    "question",
    "number",
    "family",
    "answer",
    "score",
    "source_column",
]

for _name in ("staff_survey", "staff_survey_previous"):
    REQUIRED_COLUMNS[_name] = RESPONDENT_COLUMNS
    REQUIRED_COLUMNS[f"{_name}_answers"] = ANSWER_COLUMNS
REQUIRED_COLUMNS["locum_survey"] = ["respondent_id", *survey_questions("locum_survey")]
REQUIRED_COLUMNS["survey_published"] = [
    "survey",
    "published_in",
    "service",
    "question",
    "answer",
    "measure",
    "printed",
    "value",
]
COLUMN_NAMES.update(
    {
        "respondent_id": "respondent number",
        "service_answer": "answer to question 1 (service)",
        "training_focus": "training focus answer",
        "improvement": "improvement comment",
        "question": "question",
        "number": "question number",
        "family": "answer scale",
        "answer": "answer",
        "score": "score",
        "source_column": "question header",
        "survey": "survey",
        "published_in": "where published",
        "measure": "measure",
        "printed": "printed words",
        "value": "value",
        **{k: v["short"].lower() for k, v in survey_questions("locum_survey").items()},
    }
)

_SERVICE_HINT = (
    "Correct the service in the export, or add the export's label to "
    "config/mappings/services.yml under the service it means."
)


def _respondent_checks(dataset: str, labels: Labels, headers: dict[str, str]) -> list[Check]:
    return [
        required_columns_check(dataset, headers),
        not_null(
            "respondent_id",
            "Every response has a respondent number",
            "A response has no respondent number.",
            "Fill in the respondent number (the survey tool's response ID).",
        ),
        unique(
            "respondent_id",
            "Each respondent appears once",
            "The same respondent number appears on more than one row.",
            "each respondent listed once",
            "Remove the duplicate response, or correct the respondent number.",
        ),
        not_null(
            "service",
            "Every response has a service",
            "The service is blank.",
            "Fill in the service (the survey link the respondent used).",
        ),
        service_in_pack(labels.services, _SERVICE_HINT),
        Check(
            check="The respondent's own answer to question 1 matches the survey link's service",
            column="service_answer",
            columns=("service_answer", "service"),
            severity=WARNING,
            make=lambda ge: ge.ExpectColumnPairValuesToBeEqual(
                column_A="service_answer",
                column_B="service",
                ignore_row_if="either_value_is_missing",
                severity=WARNING,
            ),
            what="The respondent's answer to question 1 differs from the survey link's service.",
            expected="the same service in both columns",
            hint="No action needed; the pack uses the survey link's service.",
            pair=("service_answer", "service"),
            pair_labels=True,
        ),
    ]


def _answer_checks(dataset: str, questions: list[str], headers: dict[str, str]) -> list[Check]:
    return [
        required_columns_check(dataset, headers),
        not_null(
            "respondent_id",
            "Every answer belongs to a respondent",
            "An answer has no respondent number.",
            "Fill in the respondent number (the survey tool's response ID).",
        ),
        in_set(
            "question",
            questions,
            "Every answer is to a known question",
            "The answer is to a question the pack does not know.",
            one_of(questions),
            "Add the question to config/mappings/survey_questions.yml.",
        ),
        Check(
            check="Every score is a whole number from 1 to 5 (1 = most positive)",
            column="score",
            columns=("score",),
            severity=CRITICAL,
            make=lambda ge: ge.ExpectColumnValuesToBeBetween(
                column="score", min_value=1, max_value=5, severity=CRITICAL
            ),
            what="An answer is outside the 1 to 5 scale.",
            expected="a whole number from 1 to 5 (1 = most positive)",
            hint="Correct the answer in the export.",
            row_column="source_column",
            found_column="answer",
        ),
        Check(
            check="Each respondent answers each question at most once",
            column="question",
            columns=("respondent_id", "question"),
            severity=CRITICAL,
            make=lambda ge: ge.ExpectCompoundColumnsToBeUnique(
                column_list=["respondent_id", "question"], severity=CRITICAL
            ),
            what="The same respondent answers the same question twice.",
            expected="one answer per respondent and question",
            hint="Remove the duplicate response.",
            pair=("respondent_id", "question"),
        ),
    ]


@register_suite("staff_survey", "Staff survey")
def staff_survey_suite(labels: Labels, today: dt.date, headers: dict[str, str]) -> list[Check]:
    """Staff survey respondents: checks on number, service and the answer to question 1.

    Respondent number present and unique and service known (critical); the respondent's own
    answer to question 1 matching the survey link's service (warning).
    """
    return _respondent_checks("staff_survey", labels, headers)


@register_suite("staff_survey_answers", "Staff survey answers")
def staff_survey_answers_suite(
    labels: Labels, today: dt.date, headers: dict[str, str]
) -> list[Check]:
    """Staff survey answers: known question, score 1-5, one answer per respondent and question."""
    return _answer_checks("staff_survey_answers", list(survey_questions("staff_survey")), headers)


@register_suite("staff_survey_previous", "Staff survey (earlier wave)")
def staff_survey_previous_suite(
    labels: Labels, today: dt.date, headers: dict[str, str]
) -> list[Check]:
    """Earlier wave of the staff survey: the same checks as :func:`staff_survey_suite`."""
    return _respondent_checks("staff_survey_previous", labels, headers)


@register_suite("staff_survey_previous_answers", "Staff survey answers (earlier wave)")
def staff_survey_previous_answers_suite(
    labels: Labels, today: dt.date, headers: dict[str, str]
) -> list[Check]:
    """Earlier wave's answers: the same checks as :func:`staff_survey_answers_suite`."""
    return _answer_checks(
        "staff_survey_previous_answers", list(survey_questions("staff_survey")), headers
    )


@register_suite("locum_survey", "Locum survey")
def locum_survey_suite(labels: Labels, today: dt.date, headers: dict[str, str]) -> list[Check]:
    """Locum survey: respondent numbers and answers among their options.

    Respondent number present and unique; yes/no answers Yes, No or blank; choice answers among
    their options (all critical).
    """
    checks = [
        required_columns_check("locum_survey", headers),
        not_null(
            "respondent_id",
            "Every response has a respondent number",
            "A response has no respondent number.",
            "Fill in the response ID.",
        ),
        unique(
            "respondent_id",
            "Each respondent appears once",
            "The same respondent number appears on more than one row.",
            "each respondent listed once",
            "Remove the duplicate response.",
        ),
    ]
    for key, spec in survey_questions("locum_survey").items():
        family = spec["family"]
        if family == "free_text":
            continue
        options = [True, False] if family == "yes_no" else list(choice_family(family))
        shown = '"Yes", "No" or blank' if family == "yes_no" else one_of(options)
        checks.append(
            in_set(
                key,
                options,
                f"{spec['short']}: answer is one of the options",
                f'The answer to "{spec["question"]}" is not one of the options.',
                shown,
                "Correct the answer in the export, or add the spelling to "
                f"config/mappings/survey_scales.yml under choices: {family}.",
            )
        )
    return checks


@register_suite("survey_published", "Published survey figures")
def survey_published_suite(labels: Labels, today: dt.date, headers: dict[str, str]) -> list[Check]:
    """Published survey figures: known survey and measure, a value on every row (critical)."""
    surveys = list(load_mapping("survey_questions"))
    return [
        required_columns_check("survey_published", headers),
        in_set(
            "survey",
            surveys,
            "Every figure names a known survey",
            "The survey is not one the pack knows.",
            one_of(surveys),
            "Correct the survey name, or add it to config/mappings/survey_questions.yml.",
        ),
        in_set(
            "measure",
            list(MEASURES),
            "Every figure has a known measure",
            "The measure is not one the pack knows.",
            one_of(MEASURES),
            "Correct the measure.",
        ),
        not_null(
            "value",
            "Every figure has a value",
            "A published figure has no value.",
            "Fill in the value as printed.",
        ),
    ]
