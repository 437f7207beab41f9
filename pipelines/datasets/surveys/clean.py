"""Tidy the survey exports: the staff survey, the locum survey and the published survey figures.

The survey tool exports one row per respondent and one column per question, headed with the
question text; answers are labels ("Very satisfied") or numbers (1-5), blank where skipped.
Cleaning turns every scored answer into a score with 1 = the most positive answer and 5 = the
most negative (per answer family, from ``config/mappings/survey_scales.yml``; the question ->
family table is ``config/mappings/survey_questions.yml``). A number outside 1-5 (e.g. 7) or a
label not in the scale stops the build with the file, Excel row and column, what was found and
what was expected. Every label spelled differently from the scale's own label is counted in the
cleaning log. Which column asks which question is :mod:`pipelines.datasets.surveys.questions`;
how each answer is scored or mapped, :mod:`pipelines.datasets.surveys.answer_coding`.

Tables made (keyed as saved in ``data/processed/<review>/``):

* ``<dataset>`` (``staff_survey``, or ``staff_survey_previous`` for an earlier wave): one row per
  respondent - respondent_id, service (from the service column), service_answer (question 1,
  the respondent's own answer), training_focus (options ticked, "; "-separated), improvement
  (free text);
* ``<dataset>_answers``: one row per respondent and scored question answered - respondent_id,
  service, question (canonical key), number, family, answer (as exported), score (1-5),
  source_column (the header in the export);
* ``locum_survey``: one row per locum - yes/no answers as booleans, years qualified, free text;
* ``survey_published``: one row per published figure (see :data:`MEASURES`).
"""

from __future__ import annotations

import pandas as pd

from pipelines.core.cleaning import (
    CleaningLog,
    register_cleaner,
    register_table_cleaner,
)
from pipelines.core.cleaning_values import label_key, label_lookup
from pipelines.core.dataset_access import declare_grain
from pipelines.core.errors import Problem
from pipelines.core.mappings import load_mapping
from pipelines.core.sources import RawTable
from pipelines.core.table_cleaner import TableCleaner
from pipelines.datasets.surveys.answer_coding import (
    SCALE_FILE,
    choice_family,
    code_direction,
    map_choices,
    note_codes,
    plain_number,
    score_column,
    scored_families,
)
from pipelines.datasets.surveys.questions import (
    check_questions,
    question_lookup,
    respondent_and_service,
    survey_names,
    survey_questions,
)

#: How a published figure names every respondent together (services joined).
JOINT = "All respondents"
JOINT_NAMES = ("All respondents", "All", "Joint", "Both services", "Total")

#: Measures a published survey figure may state, and what each means.
MEASURES = {
    "respondents": "number of respondents (for the service, or all)",
    "answered": "number who answered the question",
    "average": "average score of the question (1 = most positive)",
    "count": "number who gave the answer (to every question listed)",
    "percent": "percentage of respondents who gave the answer",
    "questions_above_3": "number of questions whose average is above 3",
    "lowest_average": "the lowest (best) average of any question, and which question",
    "highest_average": "the highest (worst) average of any question in the services listed",
    "respondents_ratio_over": "the first service has more than this many times the "
    "respondents of the second",
    "scale_label": "the label of a point of the answer scale",
}
TEXT_MEASURES = ("scale_label",)


def clean_staff_survey(
    raw: RawTable, log: CleaningLog, dataset: str = "staff_survey"
) -> tuple[pd.DataFrame, pd.DataFrame, list[Problem]]:
    """Tidy a staff survey export: one row per respondent, and one row per scored answer.

    Parameters
    ----------
    raw : RawTable
        The export as read (canonical columns from ``columns.yml``).
    log : CleaningLog
        Fixes are counted here.
    dataset : str
        The dataset key (``staff_survey`` or ``staff_survey_previous``); names the log entries.

    Returns
    -------
    respondents : pandas.DataFrame
        respondent_id, service, service_answer, training_focus, improvement, source_file,
        source_row.
    answers : pandas.DataFrame
        respondent_id, service, question, number, family, answer, score (whole number 1-5,
        1 = most positive), source_column, source_file, source_row; skipped questions have no
        row.
    problems : list of Problem
        Unknown labels, scores outside 1-5, blank or unknown services.

    """
    families = scored_families()
    name = "Staff survey" if dataset == "staff_survey" else "Staff survey (earlier wave)"
    questions = check_questions(raw, "staff_survey", log, name)
    raw = respondent_and_service(raw, log, name)
    c = TableCleaner(raw, name, log)
    c.drop_blank_rows()
    c.drop_totals_rows("respondent_id", "service", others_only_when_first_blank=True)
    c.tidy(["respondent_id", "service", *questions])
    c.map_labels("service", load_mapping("services"), "service", "services.yml")
    answers: list[dict] = []
    non_answers: list[dict] = []
    codes = code_direction(c, questions, families)
    changed = 0
    for key, spec in questions.items():
        family = spec["family"]
        if family in families:
            changed += score_column(
                c,
                key,
                family,
                answers,
                key,
                int(spec["number"]),
                non_answers=non_answers,
                codes=codes,
                reverse=bool(spec.get("reverse")),
            )
        elif family != "free_text":
            map_choices(c, key, family, multiple=bool(spec.get("multiple")))
    c.log.add(name, "Answer labels standardised (cells)", changed)
    c.log.add(
        name,
        'Non-answers ("Don\'t know", "N/A", "Prefer not to say") not scored, counted apart',
        len(non_answers),
    )
    note_codes(c, codes)
    choice_cols = [
        k
        for k, s in questions.items()
        if s["family"] not in families and s["family"] != "free_text"
    ]
    text_cols = [k for k, s in questions.items() if s["family"] == "free_text"]
    respondents = c.finish(["respondent_id", "service", *choice_cols, *text_cols])
    long = pd.DataFrame(
        answers,
        columns=[
            "respondent_id",
            "service",
            "question",
            "number",
            "family",
            "answer",
            "score",
            "source_column",
            "source_row",
        ],
    )
    long["score"] = long["score"].astype("Int64")
    long["number"] = long["number"].astype("Int64")
    long.insert(len(long.columns) - 1, "source_file", raw.file)
    long.attrs = dict(respondents.attrs)
    long.attrs["non_answers"] = [{**n, "source_file": raw.file} for n in non_answers]
    return respondents, long, c.problems


def clean_locum_survey(raw: RawTable, log: CleaningLog) -> tuple[pd.DataFrame, list[Problem]]:
    """Tidy the locum survey export: one row per locum.

    Yes/no questions become booleans (blank = not answered), choice questions their option as
    the pack shows it, free text is trimmed. Columns: respondent_id, then each question of
    ``locum_survey`` in ``survey_questions.yml``, source_file, source_row.
    """
    questions = check_questions(raw, "locum_survey", log, "Locum survey")
    if "respondent_id" not in raw.data.columns:
        data = raw.data.copy()
        data.insert(1, "respondent_id", [f"R{r}" for r in data["source_row"]])
        log.add("Locum survey", "No respondent ID column: respondents numbered by row", 1)
        raw = RawTable(**{**raw.__dict__, "data": data})
    c = TableCleaner(raw, "Locum survey", log)
    c.drop_blank_rows()
    c.drop_totals_rows("respondent_id")
    c.tidy(["respondent_id", *questions])
    for key, spec in questions.items():
        family = spec["family"]
        if family == "free_text":
            continue
        map_choices(c, key, family, multiple=bool(spec.get("multiple")))
        if family == "yes_no":
            c.df[key] = c.df[key].map({"Yes": True, "No": False}).astype("boolean")
    return c.finish(["respondent_id", *questions]), c.problems


def clean_published(raw: RawTable, log: CleaningLog) -> tuple[pd.DataFrame, list[Problem]]:
    """Tidy the published survey figures: one row per figure printed in the paper.

    Columns: survey (dataset key), published_in, service (pack labels, "; "-separated, or
    "All respondents"), question (canonical keys, "; "-separated, or None), answer (option or
    scale point, as the pack labels it), measure (a key of :data:`MEASURES`), printed (the words
    as printed), value (text), source_file, source_row.
    """
    c = TableCleaner(raw, "Published survey figures", log)
    c.drop_blank_rows()
    c.tidy(
        ["survey", "published_in", "service", "question", "answer", "measure", "printed", "value"]
    )
    names = survey_names()
    services = label_lookup(load_mapping("services"))
    joint = {label_key(n) for n in JOINT_NAMES}
    out = {k: [] for k in ("survey", "service", "question", "answer")}
    for _, r in c.df.iterrows():
        row = int(r["source_row"])
        survey = names.get(label_key(r["survey"] or ""))
        if survey is None:
            c.problem(
                "Unknown survey.",
                row,
                "survey",
                r["survey"] or "(blank)",
                "one of: "
                + ", ".join(
                    f'"{load_mapping("survey_questions")[k]["name"]}"'
                    for k in load_mapping("survey_questions")
                ),
                "Correct the survey name, or add it to other_names in "
                "config/mappings/survey_questions.yml.",
            )
        if r["measure"] not in MEASURES:
            c.problem(
                "Unknown measure.",
                row,
                "measure",
                r["measure"] or "(blank)",
                "one of: " + ", ".join(MEASURES),
                "Correct the measure.",
            )
        elif r["measure"] not in TEXT_MEASURES and (
            r["value"] is None or plain_number(r["value"]) is None
        ):
            c.problem(
                "A number cannot be read.",
                row,
                "value",
                r["value"] or "(blank)",
                "a number such as 2.60 or 55",
                "Correct the value.",
            )
        service_parts = []
        for part in (p.strip() for p in (r["service"] or JOINT).split(";")):
            if label_key(part) in joint:
                service_parts.append(JOINT)
            elif label_key(part) in services:
                service_parts.append(services[label_key(part)])
            else:
                c.problem(
                    "Unknown service.",
                    row,
                    "service",
                    part,
                    'a service, or "All respondents"',
                    "Correct the service, or add it to config/mappings/services.yml.",
                )
        question_keys = []
        if r["question"] and survey:
            lookup = question_lookup(survey)
            for part in (p.strip() for p in r["question"].split(";")):
                key = lookup.get(label_key(part.strip('"')))
                if key is None:
                    c.problem(
                        "Unknown question.",
                        row,
                        "question",
                        part,
                        f"a question of the {survey.replace('_', ' ')} as printed in "
                        "config/mappings/survey_questions.yml",
                        "Correct the question text, or add the header to "
                        "config/mappings/columns.yml.",
                    )
                else:
                    question_keys.append(key)
        answer = r["answer"]
        if answer and question_keys and r["measure"] in ("count", "percent"):
            family = survey_questions(survey)[question_keys[0]]["family"]
            if family not in scored_families() and family != "free_text":
                canon = label_lookup(choice_family(family)).get(label_key(answer))
                if canon is None:
                    c.problem(
                        "Unknown answer.",
                        row,
                        "answer",
                        answer,
                        "one of: " + ", ".join(f'"{k}"' for k in choice_family(family)),
                        f"Correct the answer, or add it to config/mappings/{SCALE_FILE}.",
                    )
                answer = canon or answer
        out["survey"].append(survey)
        out["service"].append("; ".join(service_parts) or None)
        out["question"].append("; ".join(question_keys) or None)
        out["answer"].append(answer)
    for k, v in out.items():
        c.df[k] = v
    return c.finish(
        ["survey", "published_in", "service", "question", "answer", "measure", "printed", "value"]
    ), c.problems


def non_answers_of(answers: pd.DataFrame) -> pd.DataFrame:
    """The non-answers of a survey, taken out of its answers table's ``attrs``.

    One row per respondent and question answered "Don't know", "N/A", "Prefer not to say"...:
    respondent_id, service, question, answer (as exported), source_column, source_file,
    source_row. They are not in the answers table, so no average counts them.
    """
    columns = [
        "respondent_id",
        "service",
        "question",
        "answer",
        "source_column",
        "source_file",
        "source_row",
    ]
    apart = pd.DataFrame(answers.attrs.pop("non_answers", None) or [], columns=columns)
    apart.attrs = {
        k: v for k, v in answers.attrs.items() if k in ("raw_columns", "source_file", "sheet")
    }
    return apart


@register_cleaner("staff_survey")
def _staff_survey(raw: RawTable, log: CleaningLog) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    respondents, answers, problems = clean_staff_survey(raw, log, "staff_survey")
    return {
        "staff_survey": respondents,
        "staff_survey_answers": answers,
        "staff_survey_non_answers": non_answers_of(answers),
    }, problems


@register_cleaner("staff_survey_previous")
def _staff_survey_previous(
    raw: RawTable, log: CleaningLog
) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    respondents, answers, problems = clean_staff_survey(raw, log, "staff_survey_previous")
    return {
        "staff_survey_previous": respondents,
        "staff_survey_previous_answers": answers,
        "staff_survey_previous_non_answers": non_answers_of(answers),
    }, problems


register_table_cleaner("locum_survey", clean_locum_survey)
declare_grain("staff_survey", "respondent", person=True)
declare_grain("staff_survey_previous", "respondent", person=True)
declare_grain("locum_survey", "locum", person=True)


register_table_cleaner("survey_published", clean_published)
declare_grain("survey_published", "figure printed in a published paper", person=False)
