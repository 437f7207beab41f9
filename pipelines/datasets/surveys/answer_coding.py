"""Survey answers coded: labels and codes scored 1-5, choices mapped to their options.

The answer families come from ``config/mappings/survey_scales.yml``: each scored family gives
the labels of each score, 1 = the most positive answer and 5 = the most negative; each choice
family the spellings of each option. A scored question's column is scored by
:func:`score_column`: a label by its family's scale, a code (1-5) by the direction the export's
codes run (stated by the review, ``scale_codes``, or shown by cells giving code and label
together, :func:`code_direction`), a question worded the other way round turned over; a
non-answer ("Don't know") is set apart, an unknown label or a number outside 1-5 is a problem
naming the row and column. :func:`note_codes` notes codes nobody gave a direction for. Choice
questions are mapped to their options by :func:`map_choices`. Which column asks which question
is :mod:`pipelines.datasets.surveys.questions`.
"""

from __future__ import annotations

import re

from pipelines.core.cleaning import CURRENT_DATASET, dataset_setting
from pipelines.core.cleaning_values import label_key, label_lookup
from pipelines.core.errors import ConfigError
from pipelines.core.mappings import load_mapping, mapping_file
from pipelines.core.table_cleaner import TableCleaner

#: The mapping file of the answer families (in ``config/mappings/``), named in messages.
SCALE_FILE = "survey_scales.yml"


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


def plain_number(text: str) -> float | None:
    """The number a cell holds when it is only a number ("3", "-2.5"), else None."""
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


def score_column(
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
        num = plain_number(text)
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


def map_choices(c: TableCleaner, column: str, family: str, *, multiple: bool = False) -> None:
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


def code_direction(c: TableCleaner, questions: dict, families: dict) -> dict:
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


def note_codes(c: TableCleaner, codes: dict) -> None:
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
