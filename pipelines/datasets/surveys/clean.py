"""Tidy the survey exports: the staff survey, the locum survey and the published survey figures.

The survey tool exports one row per respondent and one column per question, headed with the
question text; answers are labels ("Very satisfied") or numbers (1-5), blank where skipped.
Cleaning turns every scored answer into a score with 1 = the most positive answer and 5 = the
most negative (per answer family, from ``config/mappings/survey_scales.yml``; the question ->
family table is ``config/mappings/survey_questions.yml``). A number outside 1-5 (e.g. 7) or a
label not in the scale stops the build with the file, Excel row and column, what was found and
what was expected. Every label spelled differently from the scale's own label is counted in the
cleaning log.

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

import re

import pandas as pd

from pipelines.core.cleaning import (
    CURRENT_DATASET,
    REVIEW_SERVICES,
    CleaningLog,
    dataset_setting,
    register_cleaner,
    register_table_cleaner,
)
from pipelines.core.cleaning_values import label_key, label_lookup
from pipelines.core.config import read_yaml_file
from pipelines.core.errors import ConfigError, InputError, Problem, excerpt
from pipelines.core.mappings import load_mapping, mapping_file, mappings_dir, review_mapping
from pipelines.core.sources import RawTable
from pipelines.core.table_cleaner import TableCleaner

SCALE_FILE = "survey_scales.yml"
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


def _shipped_questions(survey: str) -> dict[str, dict]:
    """The questions ``config/mappings/survey_questions.yml`` ships for a survey."""
    table = read_yaml_file(mappings_dir() / "survey_questions.yml") or {}
    return (table.get(survey) or {}).get("questions") or {}


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


def scored_families() -> dict[str, dict]:
    """Scored answer families: family -> {name, scores: {1: [labels], ..., 5: [labels]}}."""
    return load_mapping("survey_scales")["scored"]


def choice_family(family: str) -> dict[str, list[str]]:
    """Options of a choice family: option shown in the pack -> spellings the tool exports."""
    choices = load_mapping("survey_scales")["choices"]
    if family not in choices:
        scored = ", ".join(load_mapping("survey_scales")["scored"])
        raise ConfigError(
            f"A survey question's family '{family}' is neither a scale ({scored}) nor a choice "
            f"family of {mapping_file('survey_scales')}: correct the family in "
            f"{mapping_file('survey_questions')}, or add the family to "
            f"{mapping_file('survey_scales')} (under scored: or choices:)."
        )
    return choices[family]


def score_lookup(family: str) -> dict[str, int]:
    """Label key -> score for one scored family.

    Keys are made by :func:`pipelines.core.cleaning_values.label_key`.
    """
    scores = scored_families()[family]["scores"]
    return {label_key(label): int(score) for score, labels in scores.items() for label in labels}


def scale_labels(family: str) -> list[str]:
    """The label the pack shows for each score 1..5 of a scored family."""
    scores = scored_families()[family]["scores"]
    return [str(scores[k][0]) for k in range(1, 6)]


def _number(text: str) -> float | None:
    if re.fullmatch(r"[+-]?\d+(\.\d+)?", text.strip()):
        return float(text)
    return None


def non_answer_keys() -> set[str]:
    """Label keys of the answers that are not answers: never scored, counted apart.

    ``non_answers`` in ``survey_scales.yml``: "Don't know", "N/A", "Prefer not to say"...
    """
    return {label_key(x) for x in load_mapping("survey_scales").get("non_answers") or []}


#: A cell giving a code and its label together: "5 - Very satisfied", "5 = Very satisfied",
#: "5: Very satisfied", "5. Very satisfied", "(5) Very satisfied", "Very satisfied (5)".
CODE_AND_LABEL = (
    re.compile(r"^\(?(?P<code>\d)\)?\s*[-=:.)\u2013]\s*(?P<label>\D.*)$"),
    re.compile(r"^\((?P<code>\d)\)\s*(?P<label>\D.*)$"),
    re.compile(r"^(?P<label>\D.*?)\s*[(\[]\s*(?P<code>\d)\s*[)\]]$"),
)


def code_and_label(text: str) -> tuple[int, str] | None:
    """The code and the label of a cell that gives both (``"5 - Very satisfied"``), else None."""
    for pattern in CODE_AND_LABEL:
        m = pattern.match(text.strip())
        if m:
            return int(m.group("code")), m.group("label").strip()
    return None


#: Directions a review may state for an export's codes (``scale_codes`` of the dataset).
ONE_POSITIVE = "1 = most positive"
FIVE_POSITIVE = "5 = most positive"


def _direction(pairs: list[tuple[int, int]]) -> str | None:
    """The direction the code-and-label cells show; None when they show neither.

    :data:`ONE_POSITIVE` when every code equals its label's score, :data:`FIVE_POSITIVE` when
    every code is 6 less the label's score.
    """
    if pairs and all(code == score for code, score in pairs):
        return ONE_POSITIVE
    if pairs and all(code == 6 - score for code, score in pairs):
        return FIVE_POSITIVE
    return None


def _score_column(
    c: TableCleaner,
    column: str,
    family: str,
    answers: list[dict],
    key: str,
    number: int,
    *,
    non_answers: list[dict] | None = None,
    codes: dict | None = None,
    reverse: bool = False,
) -> int:
    """Score one question's column; append answered rows to ``answers``; return labels changed.

    A label is scored by the scale (1 = most positive). A code (a number 1 to 5) is scored by
    the direction of the export's codes, ``codes["direction"]`` (the review's ``scale_codes``,
    or what the cells giving code and label show; when neither, 1 = most positive and the
    rows are listed in ``codes["undeclared"]``). A cell giving code and label is scored by its
    label and its pair (code, label's score, row) kept in ``codes["pairs"]``. Non-answers
    ("Don't know", "N/A") are not scored: they go to ``non_answers``. A question worded the
    other way round (``reverse: true`` in the mapping: agreeing with "I intend to leave" is
    the negative answer) has its score turned over, 6 - score, so 1 stays the most positive.
    """
    lookup = score_lookup(family)
    labels = scale_labels(family)
    canon = {label_key(x): x for x in labels}
    skip = non_answer_keys()
    codes = codes if codes is not None else {}
    direction = codes.get("direction") or ONE_POSITIVE
    expected = "a whole number from 1 to 5, or one of: " + ", ".join(f'"{x}"' for x in labels)
    hint = (
        f"Correct the answer in the export, or add the label to config/mappings/{SCALE_FILE}"
        f" under the score it means ({family} scale, 1 = most positive)."
    )
    changed = 0
    unknown: dict[str, tuple[str, list[int]]] = {}
    for row, rid, service, value in zip(
        c.df["source_row"], c.df["respondent_id"], c.df["service"], c.df[column], strict=True
    ):
        if value is None:
            continue
        text = str(value)
        num = _number(text)
        pair = code_and_label(text) if num is None else None
        if num is None and label_key(text) in skip:
            if non_answers is not None:
                non_answers.append(
                    {
                        "respondent_id": rid,
                        "service": service,
                        "question": key,
                        "answer": text,
                        "source_column": c.header(column),
                        "source_row": int(row),
                    }
                )
            continue
        if num is not None:
            if not num.is_integer() or not 1 <= num <= 5:
                c.problem(
                    "An answer is outside the 1 to 5 scale.", row, column, text, expected, hint
                )
                continue
            score = int(num) if direction == ONE_POSITIVE else 6 - int(num)
            if not codes.get("declared") and codes.get("in_review"):
                codes.setdefault("undeclared", []).append((int(row), column, text))
        elif pair is not None and label_key(pair[1]) in lookup:
            score = lookup[label_key(pair[1])]
            codes.setdefault("pairs", []).append((pair[0], score, int(row), column, text))
        else:
            score = lookup.get(label_key(text))
            if score is None:
                unknown.setdefault(label_key(text), (text, []))[1].append(int(row))
                continue
            changed += text != canon.get(label_key(text))
        if reverse:
            score = 6 - score
        answers.append(
            {
                "respondent_id": rid,
                "service": service,
                "question": key,
                "number": number,
                "family": family,
                "answer": text,
                "score": score,
                "source_column": c.header(column),
                "source_row": int(row),
            }
        )
    for text, rows in unknown.values():
        c.unknown_label("Unknown answer.", rows, column, text, expected, hint)
    return changed


def _choices(c: TableCleaner, column: str, family: str, *, multiple: bool = False) -> None:
    """Map a choice question's answers to the options of its family (several if ``multiple``)."""
    options = choice_family(family)
    lookup = label_lookup(options)
    known = ", ".join(f'"{k}"' for k in options)
    hint = (
        f"Correct the answer in the export, or add the spelling to config/mappings/"
        f"{SCALE_FILE} under choices: {family}."
    )
    out, changed = [], 0
    unknown: dict[str, tuple[str, list[int]]] = {}
    for row, value in zip(c.df["source_row"], c.df[column], strict=True):
        if value is None:
            out.append(None)
            continue
        parts = [p.strip() for p in str(value).split(";")] if multiple else [str(value)]
        mapped = []
        for part in (p for p in parts if p):
            canon = lookup.get(label_key(part))
            if canon is None:
                unknown.setdefault(label_key(part), (part, []))[1].append(int(row))
                continue
            changed += canon != part
            mapped.append(canon)
        out.append("; ".join(mapped) if mapped else None)
    for part, rows in unknown.values():
        c.unknown_label("Unknown answer.", rows, column, part, f"one of: {known}", hint)
    c.df[column] = out
    c.log.add(c.dataset, f"{c.header(column)[:60]}: answer labels standardised (cells)", changed)


def _check_questions(raw: RawTable, survey: str, log: CleaningLog, name: str) -> dict[str, dict]:
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


def _respondent_and_service(raw: RawTable, log: CleaningLog, name: str) -> RawTable:
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


def _code_direction(c: TableCleaner, questions: dict, families: dict) -> dict:
    """The direction of the export's codes: stated by the review, else shown by its cells.

    Returns a dict: ``direction`` (:data:`ONE_POSITIVE` or :data:`FIVE_POSITIVE`), ``declared``
    (True when the review states it, ``scale_codes`` of the dataset, or the cells show it),
    ``stated``, ``shown`` (the direction the cells giving code and label together show, or
    None) and ``in_review`` (the cleaner runs for a review's dataset, so codes without a
    direction are noted; a cleaner called on its own, outside a review, reads them 1 = most
    positive as the shipped scale does).
    """
    declared = dataset_setting("scale_codes")
    pairs = []
    for key, spec in questions.items():
        if spec["family"] not in families:
            continue
        lookup = score_lookup(spec["family"])
        for value in c.df[key]:
            pair = code_and_label(str(value)) if value is not None else None
            if pair is not None and label_key(pair[1]) in lookup:
                pairs.append((pair[0], lookup[label_key(pair[1])]))
    shown = _direction(pairs)
    return {
        "in_review": CURRENT_DATASET.get() is not None,
        "direction": declared or shown or ONE_POSITIVE,
        "declared": bool(declared or shown),
        "stated": declared,
        "shown": shown,
    }


def _note_codes(c: TableCleaner, codes: dict) -> None:
    """Note codes whose direction nobody stated, and code-and-label cells that contradict it.

    Both are the check ``survey_scale_direction`` (critical by default): a scale read the wrong
    way round mirrors every average, so the best item would be reported as the worst.
    """
    direction = codes["direction"]
    wrong = [
        (row, f'"{text}": code {code} is "{_label_of(code, score)}" read {direction}')
        for code, score, row, _column, text in codes.get("pairs", [])
        if (code != score if direction == ONE_POSITIVE else code != 6 - score)
    ]
    if wrong:
        c.note(
            "survey_scale_direction",
            "The survey's codes run the way the review states (scale_codes)",
            None,
            wrong[:50],
            what="Cells that give a code and its label show the codes running the other way "
            f"from {direction}: every average would be mirrored (the best item read as the "
            "worst). The answers with a label were scored by their label.",
            expected=f"codes that agree with their labels, {direction}",
            hint="Look up the survey tool's codebook and state the direction of the codes "
            'under the dataset in the review config (scale_codes: "1 = most positive" or '
            '"5 = most positive"), or export the answers as labels.',
            affects="Surveys: every average, the questions above the midpoint and the best "
            "and worst items",
        )
    undeclared = codes.get("undeclared") or []
    if undeclared:
        columns = list(dict.fromkeys(col for _row, col, _text in undeclared))
        failures = [
            (
                None,
                f"{c.header(col)}: {sum(1 for u in undeclared if u[1] == col)} answers as numbers",
            )
            for col in columns
        ]
        c.note(
            "survey_scale_direction",
            "Answers exported as numbers (codes) have a stated direction",
            columns[0],
            failures,
            what="The survey export holds answers as numbers (codes) and neither the review "
            "nor the export says which end of the scale is the most positive; they were read "
            "1 = most positive. If the survey tool numbers its scale the other way (5 = "
            '"Very satisfied"), every average is mirrored.',
            expected='a stated direction: scale_codes: "1 = most positive" or "5 = most '
            'positive" under the dataset in the review config',
            hint="Look up the survey tool's codebook (or one respondent's answers as labels) "
            'and add scale_codes: "1 = most positive" (or "5 = most positive") under the '
            "dataset in the review config, or export the answers as labels.",
            affects="Surveys: every average, the questions above the midpoint and the best "
            "and worst items",
        )


def _label_of(code: int, score: int) -> str:
    return {1: "most positive", 5: "most negative"}.get(score, f"score {score}")


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
    questions = _check_questions(raw, "staff_survey", log, name)
    raw = _respondent_and_service(raw, log, name)
    c = TableCleaner(raw, name, log)
    c.drop_blank_rows()
    c.drop_totals_rows("respondent_id", "service", others_only_when_first_blank=True)
    c.tidy(["respondent_id", "service", *questions])
    c.map_labels("service", load_mapping("services"), "service", "services.yml")
    answers: list[dict] = []
    non_answers: list[dict] = []
    codes = _code_direction(c, questions, families)
    changed = 0
    for key, spec in questions.items():
        family = spec["family"]
        if family in families:
            changed += _score_column(
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
            _choices(c, key, family, multiple=bool(spec.get("multiple")))
    c.log.add(name, "Answer labels standardised (cells)", changed)
    c.log.add(
        name,
        'Non-answers ("Don\'t know", "N/A", "Prefer not to say") not scored, counted apart',
        len(non_answers),
    )
    _note_codes(c, codes)
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
    questions = _check_questions(raw, "locum_survey", log, "Locum survey")
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
        _choices(c, key, family, multiple=bool(spec.get("multiple")))
        if family == "yes_no":
            c.df[key] = c.df[key].map({"Yes": True, "No": False}).astype("boolean")
    return c.finish(["respondent_id", *questions]), c.problems


def _survey_names() -> dict[str, str]:
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
    names = _survey_names()
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
            r["value"] is None or _number(r["value"]) is None
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


register_table_cleaner("survey_published", clean_published)
