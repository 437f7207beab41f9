"""Staff and locum surveys: results by question and service, differences, themes, published checks.

Pure functions over the tidy tables of :mod:`pipelines.datasets.surveys.clean`:

* ``staff_survey`` (one row per respondent) and ``staff_survey_answers`` (one row per respondent
  and scored question answered; ``score`` 1-5 with **1 = the most positive answer**, so a lower
  average is better and 3 is the midpoint);
* ``locum_survey`` (one row per locum);
* ``survey_published`` (one row per figure the paper printed).

Tables come back with member-facing column labels for :func:`pipelines.core.presentation.show`.
Every percentage is shown with the number it is a percentage of (in the column label or beside it).
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from pipelines.core.figures import Kind, Sentence, phrase_share, phrase_value, sentences
from pipelines.datasets.surveys.clean import (
    JOINT,
    choice_family,
    scale_labels,
    scored_families,
    survey_questions,
)
from pipelines.sections.surveys.themes import codebook, theme_counts, top_theme

MIDPOINT = 3.0
"""The middle of the 1-5 scale: an average above it is on the dissatisfied side."""
BOOTSTRAP_RESAMPLES = 10_000
BOOTSTRAP_SEED = 20160921
SCORES = (1, 2, 3, 4, 5)
SCORE_LABELS = {1: "1 most positive", 2: "2", 3: "3 middle", 4: "4", 5: "5 most negative"}

AVERAGE = "Average"
ANSWERED = "Answered"
LOW = "Likely range: low"
HIGH = "Likely range: high"
ABOVE = "Dissatisfied side (above 3)"


# --- Helpers --------------------------------------------------------------------------------


def round_half_up(x: float, dp: int = 2) -> float:
    """``x`` rounded to ``dp`` decimals, halves away from zero (as survey tools print)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return float("nan")
    factor = 10**dp
    return math.floor(x * factor + 0.5 + 1e-9) / factor


def printed_tolerance(text: str) -> float:
    """Half a unit of the last printed decimal place: "2.63" -> 0.005, "80" -> 0.5."""
    s = str(text).strip()
    decimals = len(s.split(".")[1]) if "." in s else 0
    return 0.5 * 10 ** (-decimals)


def agrees_as_printed(computed: float, printed: str) -> bool:
    """True when ``computed``, rounded as the paper printed ``printed``, gives the same figure."""
    return abs(float(printed) - computed) <= printed_tolerance(printed) + 1e-9


def questions_frame(survey: str = "staff_survey", *, scored_only: bool = True) -> pd.DataFrame:
    """The survey's questions from ``survey_questions.yml``, in survey order.

    Columns: key, number, question (as printed), short (chart label), family, scale (the family's
    name for scored questions).
    """
    families = scored_families()
    rows = []
    for key, spec in survey_questions(survey).items():
        scored = spec["family"] in families
        if scored_only and not scored:
            continue
        rows.append(
            {
                "key": key,
                "number": int(spec["number"]),
                "question": spec["question"],
                "short": spec["short"],
                "family": spec["family"],
                "scale": families[spec["family"]]["name"] if scored else None,
            }
        )
    return pd.DataFrame(rows).sort_values("number").reset_index(drop=True)


def _service(df: pd.DataFrame, service: str | None) -> pd.DataFrame:
    if service in (None, JOINT):
        return df
    return df[df["service"] == service]


# --- Results by question ----------------------------------------------------------------------


def bootstrap_ranges(
    counts: np.ndarray,
    values: Sequence[float],
    level: float = 0.95,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seeds: Sequence[int | Sequence[int]] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap intervals of many averages at once, from counts of each answer.

    Parameters
    ----------
    counts : array of shape (m, k)
        Row i: how many people gave each of the ``k`` answers ``values`` (e.g. scores 1-5) in
        group i (a question of a service).
    values : sequence of k numbers
        The value of each answer (the scores).
    level : float
        Confidence level, 0-1 (0.95 gives a 95% interval).
    resamples : int
        Number of bootstrap resamples per row (samples of the row's size drawn with
        replacement).
    seeds : sequence of m seeds, optional
        The seed of each row's random generator (an int or a sequence of ints), so each
        interval is the same on every build whatever the other rows are; ``BOOTSTRAP_SEED`` for
        every row when None.

    Returns
    -------
    (array, array)
        Lower and upper limits per row, on the scale of ``values``; NaN for a row nobody
        answered.

    Notes
    -----
    A resample of n answers drawn with replacement from a group is, for its average, the same
    as a draw of the counts of each answer from a multinomial distribution (n trials, the
    group's shares of each answer), drawn here as a chain of binomials (the count of the first
    answer, then of the second among the rest, and so on): the average of the resample is the
    counts times the values, over n. Drawing the counts costs ``resamples x k`` numbers per
    group, whatever the number of people, where drawing the answers one by one costs
    ``resamples x n`` (with 100 times the respondents, 100 times as much). The averages of all
    rows and their quantiles are then worked out in one array operation. The distribution of
    the resampled averages is that of the percentile bootstrap of :func:`bootstrap_mean_ci`;
    only the random draws differ.

    """
    c = np.asarray(counts, dtype=np.int64)
    c = c.reshape(-1, c.shape[-1]) if c.size else np.zeros((0, len(values)), dtype=np.int64)
    v = np.asarray(values, dtype=float)
    n = c.sum(axis=1)
    m = len(c)
    seeds = list(seeds) if seeds is not None else [BOOTSTRAP_SEED] * m
    draws = np.zeros((m, resamples, c.shape[1]), dtype=np.int64)
    for i in np.flatnonzero(n):
        # The multinomial counts drawn as a chain of binomials, each over all resamples at once.
        rng = np.random.default_rng(seeds[i])
        remaining = np.full(resamples, n[i], dtype=np.int64)
        left = float(n[i])
        for j in range(c.shape[1] - 1):
            share = min(1.0, c[i, j] / left) if left > 0 else 0.0
            draws[i, :, j] = rng.binomial(remaining, share) if share > 0 else 0
            remaining -= draws[i, :, j]
            left -= c[i, j]
        draws[i, :, -1] = remaining
    with np.errstate(invalid="ignore", divide="ignore"):
        means = (draws @ v) / n[:, None]
    alpha = (1 - level) / 2
    low = np.full(m, np.nan)
    high = np.full(m, np.nan)
    ok = n > 0
    if ok.any():
        q = np.quantile(means[ok], [alpha, 1 - alpha], axis=1)
        low[ok], high[ok] = q[0], q[1]
    return low, high


def bootstrap_mean_ci(
    scores: Sequence[float],
    level: float = 0.95,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int | Sequence[int] = (BOOTSTRAP_SEED,),
) -> tuple[float, float]:
    """Percentile bootstrap interval for the average of 1-5 scores.

    Parameters
    ----------
    scores : sequence of numbers
        The answers (whole numbers 1-5) of the people who answered.
    level : float
        Confidence level, 0-1 (0.95 gives a 95% interval).
    resamples : int
        Number of bootstrap resamples (samples of the same size drawn with replacement).
    seed : int or sequence of int
        Seed of the random generator, so the interval is the same on every build.

    Returns
    -------
    (float, float)
        Lower and upper limits, on the 1-5 scale. NaN for no answers; both equal the average
        when everyone gave the same answer (the bootstrap cannot show uncertainty then).

    Notes
    -----
    Why this interval: answers on a 5-point scale are few distinct values, often skewed, and the
    groups are small (18 children's respondents). The percentile bootstrap makes no assumption
    that the average is normally distributed, and its limits always stay inside 1-5 and move
    with the skew of the answers; a t-interval can run past the ends of the scale and is
    symmetric by construction. Its known weakness is that with small groups (fewer than about 20
    answers) it is slightly too narrow (covers the true average a little less often than 95%),
    so the pack flags small groups and treats intervals for them as indicative. The resamples
    use a fixed seed so the pack is reproducible; they are drawn as counts of each distinct
    answer (:func:`bootstrap_ranges`), so the cost does not grow with the number of answers.

    """
    x = np.asarray(list(scores), dtype=float)
    if x.size == 0:
        return float("nan"), float("nan")
    values, counts = np.unique(x, return_counts=True)
    low, high = bootstrap_ranges(counts[None, :], values, level, resamples, [seed])
    return float(low[0]), float(high[0])


def _seed_for(*parts: str) -> list[int]:
    """A fixed seed per question and service, so an interval does not depend on table order."""
    return [BOOTSTRAP_SEED, *(zlib.crc32(p.encode("utf-8")) for p in parts)]


def score_counts(
    answers: pd.DataFrame, groups: Sequence[str | None], *, survey: str = "staff_survey"
) -> np.ndarray:
    """How many people gave each score to each scored question, per group, in one array.

    Parameters
    ----------
    answers : pandas.DataFrame
        Tidy answers (``staff_survey_answers``: service, question, score).
    groups : sequence of str or None
        Services; None or "All respondents" for everyone (respondents who gave no service
        included).

    Returns
    -------
    numpy.ndarray of int, shape (groups, questions, 5)
        ``[g, q, k]``: people of group g giving score k + 1 to question q, questions in survey
        order (:func:`questions_frame`). Answers with no score, or a score outside 1-5, are not
        counted.

    """
    keys = questions_frame(survey)["key"].tolist()
    k = len(SCORES)
    out = np.zeros((len(groups), len(keys), k), dtype=np.int64)
    if not len(answers) or not keys:
        return out
    q = pd.Categorical(answers["question"], categories=keys).codes
    score = pd.to_numeric(answers["score"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    ok = (q >= 0) & np.isin(score, SCORES)
    cell = q * k + np.where(ok, score, 1).astype(np.int64) - 1
    service = answers["service"].to_numpy(dtype=object)
    for i, g in enumerate(groups):
        m = ok if g in (None, JOINT) else ok & (service == g)
        out[i] = np.bincount(cell[m], minlength=len(keys) * k).reshape(len(keys), k)
    return out


def _means(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """People answering and mean score (NaN where nobody answered) from :func:`score_counts`."""
    answered = counts.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        average = (counts @ np.asarray(SCORES, dtype=float)) / answered
    return answered, np.where(answered > 0, average, np.nan)


def question_averages(
    answers: pd.DataFrame, service: str | None = None, *, survey: str = "staff_survey"
) -> pd.DataFrame:
    """Per scored question: how many answered and the mean score, tidy (no interval, no labels).

    Returns
    -------
    pandas.DataFrame
        One row per scored question in survey order: ``question`` (key), ``short`` (short
        label, as the results table prints it), ``answered`` (people who answered it) and
        ``average`` (mean score, 1 = most positive, 5 = most negative; NaN when nobody
        answered). The same means as :func:`results_table`.

    """
    qs = questions_frame(survey)
    answered, average = _means(score_counts(answers, [service], survey=survey)[0])
    return pd.DataFrame(
        {
            "question": qs["key"].to_numpy(),
            "short": qs["short"].to_numpy(),
            "answered": answered.astype(int),
            "average": average.astype(float),
        },
        columns=["question", "short", "answered", "average"],
    )


#: Tidy columns of :func:`results_frames` and their member-facing labels (the share's label
#: names the number of respondents, see :func:`results_labels`).
RESULTS_COLUMNS = {
    "question": "Question",
    "answered": ANSWERED,
    "answered_percent": "Answered (% of {n})",
    "average": AVERAGE,
    "low": LOW,
    "high": HIGH,
    "above_midpoint": ABOVE,
}


def results_labels(respondents: int) -> dict[str, str]:
    """Tidy column -> label of a results table whose group had ``respondents`` respondents."""
    return {k: v.format(n=respondents) for k, v in RESULTS_COLUMNS.items()}


def results_frames(
    answers: pd.DataFrame,
    respondents: pd.DataFrame,
    groups: Sequence[str | None],
    *,
    survey: str = "staff_survey",
    level: float = 0.95,
    resamples: int = BOOTSTRAP_RESAMPLES,
) -> dict[str | None, tuple[pd.DataFrame, int]]:
    """Per group and scored question: how many answered, the average and its likely range.

    Every group and question is worked out in one pass over the answers
    (:func:`score_counts`) and one bootstrap over all of them (:func:`bootstrap_ranges`).

    Returns
    -------
    dict of group -> (pandas.DataFrame, int)
        For each group: a tidy frame with one row per scored question in survey order
        (:data:`RESULTS_COLUMNS`: ``question`` short label, ``answered`` people who answered
        it, ``answered_percent`` answered / N x 100 with N the group's respondents (who took
        the survey), ``average`` mean score (1 = most positive), ``low``/``high`` the 95%
        percentile-bootstrap interval of the average, ``above_midpoint`` "Yes" when the
        average, to 2 decimals, is above the midpoint 3, "At midpoint" when it is 3.00, else
        ""), and N. "All respondents" (or None) counts everyone, respondents who gave no
        service included.

    """
    qs = questions_frame(survey)
    counts = score_counts(answers, groups, survey=survey)
    answered, average = _means(counts)
    seeds = [_seed_for(key, g or JOINT) for g in groups for key in qs["key"]]
    low, high = bootstrap_ranges(counts.reshape(-1, len(SCORES)), SCORES, level, resamples, seeds)
    shape = answered.shape
    low, high = low.reshape(shape), high.reshape(shape)
    out: dict[str | None, tuple[pd.DataFrame, int]] = {}
    for i, g in enumerate(groups):
        n_resp = len(_service(respondents, g))
        rounded = np.array([round_half_up(x) for x in average[i]])
        flag = np.where(
            (answered[i] > 0) & (rounded > MIDPOINT),
            "Yes",
            np.where((answered[i] > 0) & (rounded == MIDPOINT), "At midpoint", ""),
        )
        frame = pd.DataFrame(
            {
                "question": qs["short"].to_numpy(),
                "answered": answered[i].astype(int),
                "answered_percent": 100.0 * answered[i] / n_resp if n_resp else np.nan,
                "average": average[i],
                "low": low[i],
                "high": high[i],
                "above_midpoint": flag.astype(object),
            }
        )
        out[g] = (frame, n_resp)
    return out


def yes_count(values: pd.Series) -> int:
    """How many answered Yes (True) to a yes-no question (blanks are not Yes)."""
    return int((values == True).fillna(False).sum())  # noqa: E712


def results_table(
    answers: pd.DataFrame,
    respondents: pd.DataFrame,
    service: str | None = None,
    *,
    survey: str = "staff_survey",
    level: float = 0.95,
    resamples: int = BOOTSTRAP_RESAMPLES,
) -> pd.DataFrame:
    """Per scored question: how many answered, the average and its likely range, labelled.

    Parameters
    ----------
    answers : pandas.DataFrame
        Tidy answers (``staff_survey_answers``).
    respondents : pandas.DataFrame
        Tidy respondents (``staff_survey``), for the number who took the survey.
    service : str, optional
        One service, or None / "All respondents" for everyone.

    Returns
    -------
    pandas.DataFrame
        :func:`results_frames` for the one group with member-facing labels: ``Question``,
        ``Answered``, "Answered (% of N)", ``Average``, ``Likely range: low`` / ``high``
        (see :func:`bootstrap_mean_ci`) and ``Dissatisfied side (above 3)``.

    """
    frame, n_resp = results_frames(
        answers, respondents, [service], survey=survey, level=level, resamples=resamples
    )[service]
    return frame.rename(columns=results_labels(n_resp))


def distribution_frame(counts: np.ndarray, survey: str = "staff_survey") -> pd.DataFrame:
    """Tidy counts of each score per scored question, the worst-rated question first.

    ``counts`` is one group of :func:`score_counts` (questions x 5). Columns: ``question``
    (short label), ``answered``, ``score_1`` ... ``score_5`` (people giving each score) and
    ``average``; rows ordered by average, highest (worst) first, ties in survey order.
    """
    qs = questions_frame(survey)
    answered, average = _means(counts)
    table = pd.DataFrame({"question": qs["short"].to_numpy(), "answered": answered.astype(int)})
    for j, k in enumerate(SCORES):
        table[f"score_{k}"] = counts[:, j].astype(int)
    table["average"] = average
    table["_n"] = qs["number"].to_numpy()
    table = table.sort_values(["average", "_n"], ascending=[False, True], kind="stable")
    return table.drop(columns="_n").reset_index(drop=True)


#: Labels of :func:`distribution_frame`'s columns.
DISTRIBUTION_LABELS = {
    "question": "Question",
    "answered": ANSWERED,
    **{f"score_{k}": SCORE_LABELS[k] for k in SCORES},
    "average": AVERAGE,
}


def distribution_table(
    answers: pd.DataFrame, service: str | None = None, *, survey: str = "staff_survey"
) -> pd.DataFrame:
    """How many gave each score, per scored question, the worst-rated question first.

    Returns
    -------
    pandas.DataFrame
        ``Question`` (short label), ``Answered``, one column per score ("1 most positive", "2",
        "3 middle", "4", "5 most negative": number of people) and ``Average``; rows ordered by
        average, highest (worst) first, ties in survey order.

    """
    counts = score_counts(answers, [service], survey=survey)[0]
    return distribution_frame(counts, survey).rename(columns=DISTRIBUTION_LABELS)


def likert_title(dist: pd.DataFrame, service: str) -> Sentence:
    """The finding a Likert chart shows: how many questions average above 3, and the worst.

    It counts questions and cites the midpoint of the scale, never a number of people, so it is a
    :class:`~pipelines.core.figures.Sentence` (disclosure control rewrites none of its numbers).
    """
    above = dist[dist[AVERAGE].map(round_half_up) > MIDPOINT]
    worst = dist.iloc[0]
    if len(above):
        return Sentence(
            f"{service}: {len(above)} of {len(dist)} questions averaged above 3 (the "
            f"dissatisfied side); least positive: {worst['Question'].lower()}"
        )
    return Sentence(
        f"{service}: no question averaged above 3; least positive: "
        f"{worst['Question'].lower()} ({_fmt2(worst[AVERAGE])})"
    )


def averages_title(results: Mapping[str, pd.DataFrame]) -> Sentence:
    """The finding of the averages chart: which service was less positive, and how often.

    With two services or more, counts the questions where the second service's average is
    higher (less positive) than the first's, among questions both answered; with one, counts
    the questions whose average is above the midpoint 3 (rounded to 2 decimals). A count of
    questions: a :class:`~pipelines.core.figures.Sentence`.
    """
    items = list(results.items())
    if len(items) == 1:
        ((first, a),) = items
        scored = a[AVERAGE].dropna()
        above = int((scored.map(round_half_up) > MIDPOINT).sum())
        return Sentence(
            f"{first} staff: {above} of {len(scored)} questions averaged above 3 (the "
            "dissatisfied side)"
        )
    (first, a), (second, b) = items[:2]
    both = a[AVERAGE].notna() & b[AVERAGE].notna()
    worse = int((b.loc[both, AVERAGE] > a.loc[both, AVERAGE]).sum())
    total = int(both.sum())
    if worse * 2 > total:
        return Sentence(
            f"{second} staff were less positive than {first} staff on {worse} of {total} questions"
        )
    return Sentence(
        f"{first} staff were less positive than {second} staff on {total - worse} of "
        f"{total} questions"
    )


def flagged(results: pd.DataFrame) -> list[str]:
    """Questions of a :func:`results_table` whose average is on the dissatisfied side (above 3)."""
    return results.loc[results[ABOVE] == "Yes", "Question"].tolist()


#: Row of the respondents table for those who did not say which service they work in.
NO_SERVICE = "Service not given"


def respondents_frame(respondents: pd.DataFrame, services: Sequence[str]) -> pd.DataFrame:
    """Respondents per service, tidy: ``service``, ``respondents``, ``gave_service``, ``differ``.

    ``respondents`` counts responses by the service of the survey link used (or of the
    export's service column); ``gave_service`` those who answered question 1 (which service
    they work for; 0 where the survey did not ask it); ``differ`` those whose answer differs
    from the link's service. Respondents with no service are a row of their own,
    :data:`NO_SERVICE`, so that the rows add up to everyone who answered.
    """
    answer = (
        respondents["service_answer"]
        if "service_answer" in respondents
        else pd.Series(None, index=respondents.index, dtype=object)
    )
    given = respondents["service"].notna()
    groups = [(s, respondents["service"] == s) for s in services]
    if (~given).any():
        groups.append((NO_SERVICE, ~given))
    rows = []
    for s, mask in groups:
        answered = answer[mask].notna()
        rows.append(
            {
                "service": s,
                "respondents": int(mask.sum()),
                "gave_service": int(answered.sum()),
                "differ": int((answered & (answer[mask] != s)).sum()) if s != NO_SERVICE else 0,
            }
        )
    return pd.DataFrame(rows, columns=["service", "respondents", "gave_service", "differ"])


#: Labels of :func:`respondents_frame`'s columns.
RESPONDENTS_LABELS = {
    "service": "Service",
    "respondents": "Respondents",
    "gave_service": "Gave their service",
    "differ": "Gave a different service",
}


def respondents_table(respondents: pd.DataFrame, services: Sequence[str]) -> pd.DataFrame:
    """:func:`respondents_frame` with its labels and a total row (everyone who answered)."""
    table = respondents_frame(respondents, services).rename(columns=RESPONDENTS_LABELS)
    total = {"Service": "Total", **{c: int(table[c].sum()) for c in table.columns[1:]}}
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True)


def choice_table(
    respondents: pd.DataFrame, column: str, services: Sequence[str], *, survey: str = "staff_survey"
) -> pd.DataFrame:
    """Options ticked for a multiple-choice question, per service, most ticked first overall.

    Columns: ``Option``, then per service "<service>: respondents" (number ticking it) and
    "<service>: % of N answering" (N = respondents of that service who answered the question).
    """
    family = survey_questions(survey)[column]["family"]
    options = list(choice_family(family))
    table = pd.DataFrame({"Option": options})
    totals = pd.Series(0, index=options)
    for s in services:
        answers = respondents.loc[respondents["service"] == s, column].dropna()
        ticked = answers.str.split("; ").explode().value_counts()
        n = len(answers)
        counts = [int(ticked.get(o, 0)) for o in options]
        totals += counts
        table[f"{s}: respondents"] = counts
        table[f"{s}: % of {n} answering"] = [100.0 * c / n if n else float("nan") for c in counts]
    order = np.argsort(-totals.to_numpy(), kind="stable")
    return table.iloc[order].reset_index(drop=True)


def scales_table(survey: str = "staff_survey") -> pd.DataFrame:
    """The answer scales the survey uses: scale name, its questions' numbers, labels for 1-5."""
    qs = questions_frame(survey)
    rows = []
    for family, group in qs.groupby("family", sort=False):
        labels = scale_labels(family)
        rows.append(
            {
                "Answer scale": scored_families()[family]["name"],
                "Questions": ", ".join(str(n) for n in group["number"]),
                **{
                    f"{k}{' (best)' if k == 1 else ' (worst)' if k == 5 else ''}": labels[k - 1]
                    for k in SCORES
                },
            }
        )
    return pd.DataFrame(rows)


# --- Locum survey -------------------------------------------------------------------------


def locum_summary(locum: pd.DataFrame) -> pd.DataFrame:
    """Locum survey answers: number and percentage of all respondents giving each answer.

    Covers every yes/no and choice question of ``locum_survey`` (with "Not answered" where any
    skipped) and, after the two "valued" questions, those valued by neither. Columns:
    ``Question``, ``Answer``, ``Locums`` (number), "% of N respondents" (N = all locums).
    """
    n = len(locum)
    pct = f"% of {n} respondents"
    rows = []
    questions = survey_questions("locum_survey")
    for key, spec in questions.items():
        family = spec["family"]
        if family == "free_text":
            continue
        values = locum[key]
        options = ["Yes", "No"] if family == "yes_no" else list(choice_family(family))
        for option in options:
            want = {"Yes": True, "No": False}[option] if family == "yes_no" else option
            k = int((values == want).fillna(False).sum())
            rows.append({"Question": spec["short"], "Answer": option, "Locums": k})
        blank = int(values.isna().sum())
        if blank:
            rows.append({"Question": spec["short"], "Answer": "Not answered", "Locums": blank})
        if key == "valued_by_team_manager" and "valued_by_la" in questions:
            k = int(
                ((locum["valued_by_la"] == False) & (values == False))  # noqa: E712
                .fillna(False)
                .sum()
            )
            rows.append(
                {
                    "Question": "Felt valued by neither",
                    "Answer": "Neither the authority nor their team manager",
                    "Locums": k,
                }
            )
    table = pd.DataFrame(rows)
    table[pct] = 100.0 * table["Locums"] / n if n else float("nan")
    return table


def locum_answer_tables(summary: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """:func:`locum_summary` split by question, each with a "Total" row where its answers add up.

    Every question's answers (with "Not answered") add up to all respondents, so each table
    ends with a Total row of all respondents: disclosure control then knows that the answers
    add up, and hides a second answer where one small answer could be worked out from the
    others (31 respondents, 28 "Yes": "No" would be 3). A question that is not a split of the
    respondents ("Felt valued by neither") has no Total row. Columns: ``Answer``, ``Locums``
    and the percentage column of :func:`locum_summary`.
    """
    pct = next(c for c in summary.columns if c.startswith("% of"))
    found = re.search(r"\d+", pct)
    n = int(found.group(0)) if found else None
    out = {}
    for question, block in summary.groupby("Question", sort=False):
        table = block.drop(columns="Question").reset_index(drop=True)
        if n is not None and int(table["Locums"].sum()) == n and len(table) > 1:
            total = pd.DataFrame([{"Answer": "Total", "Locums": n, pct: 100.0}])
            table = pd.concat([table, total], ignore_index=True)
        out[str(question)] = table
    return out


def locum_theme_counts(locum: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Theme counts for each free-text question of the locum survey, keyed by its short label."""
    out = {}
    for key, spec in survey_questions("locum_survey").items():
        if spec["family"] == "free_text":
            out[spec["short"]] = theme_counts(locum, key, codebook("locum_survey", key))
    return out


# --- Findings -----------------------------------------------------------------------------


def findings(
    respondents: pd.DataFrame,
    results: Mapping[str, pd.DataFrame],
    compared: pd.DataFrame | None,
    checks: pd.DataFrame | None,
    themes: pd.DataFrame,
    locum: pd.DataFrame | None,
    services: Sequence[str],
    pol=None,
) -> list[str]:
    """Key findings written from the tables (no figure typed by hand).

    Counts of people (respondents, comments, locums) are written by
    :func:`pipelines.core.figures.phrase_value` / ``phrase_share`` under the disclosure policy
    ``pol`` (None: every number as it is); counts of questions, scores and percentages are never
    rewritten. Under a policy the sentences come back as :class:`~pipelines.core.figures.Sentence`.

    Parameters
    ----------
    respondents : pandas.DataFrame
        Tidy ``staff_survey``.
    results : mapping of str to pandas.DataFrame
        :func:`results_table` per service, and under "All respondents" for everyone.
    compared : pandas.DataFrame
        :func:`compare_services`.
    checks : pandas.DataFrame, optional
        :func:`reconcile` (None when no published figures are loaded).
    themes : pandas.DataFrame
        :func:`theme_counts` of the improvement comments by service.
    locum : pandas.DataFrame, optional
        Tidy ``locum_survey``.

    """

    def people(n: float) -> str:
        return phrase_value(int(n), Kind.PEOPLE, pol)

    out = []
    counts = respondents["service"].value_counts()
    parts = [f"{people(counts.get(s, 0))} {s}" for s in services]
    unknown = int(respondents["service"].isna().sum())
    if unknown:
        parts.append(f"{people(unknown)} who did not give their service")
    if len(services) > 1 or unknown:
        out.append(
            f"{people(len(respondents))} permanent staff answered the staff survey "
            f"({', '.join(parts)})."
        )
    else:
        out.append(f"{people(len(respondents))} permanent staff answered the staff survey.")
    for s in services:
        r = results[s]
        above = flagged(r)
        mid = r[r[ABOVE] == "At midpoint"]
        n_scored = int((r[ANSWERED] > 0).sum())
        text = (
            f"{s}: {len(above)} of {n_scored} questions averaged on the dissatisfied side "
            "of the midpoint (above 3)"
        )
        if len(mid):
            text += f" and {len(mid)} exactly on it"
        worst = r.loc[r[AVERAGE].idxmax()]
        text += (
            f"; the least positive was \u201c{worst['Question']}\u201d ({_fmt2(worst[AVERAGE])})."
        )
        out.append(text)
    joint = results.get(JOINT)
    if joint is not None and len(joint):
        best = joint.loc[joint[AVERAGE].idxmin()]
        out.append(
            f"All respondents: the most positive answer was to \u201c{best['Question']}"
            f"\u201d (average {_fmt2(best[AVERAGE])}, where 1 is best)."
        )
    if compared is not None and len(compared) and len(services) > 1:
        first, second = services[0], services[1]
        clear = compared[compared["Clear difference"] == "Yes"]
        if len(clear):
            items = [
                f"{r['Question'].lower()} ({_fmt2(r[f'{second} average'])} against "
                f"{_fmt2(r[f'{first} average'])})"
                for _, r in clear.iterrows()
            ]
            out.append(
                f"{second} staff were clearly less positive than {first} staff about "
                f"{_joined(items)}; other differences could be chance."
            )
        else:
            out.append(
                f"No difference between {second} and {first} staff is clear enough to "
                "rule out chance, given the small numbers."
            )
    differ = checks[checks["Agrees"] == "No"] if checks is not None else []
    left = checks[checks["Agrees"] == "Not published"] if checks is not None else []
    if checks is not None:
        out.append(
            f"{len(differ)} published survey figures differ from the respondent data or "
            f"from the paper's own figures, and the published blocks leave out "
            f"{len(left)}; they are listed under \u201cChecking the published "
            "figures\u201d."
        )
    n_cols = [
        c for c in themes.columns if c.endswith(")") and "comments (of" in c.lower() and ":" in c
    ]
    for col in n_cols:
        service = col.split(":")[0]
        theme, k = top_theme(themes, col)
        n = int(re.search(r"of (\d+)", col).group(1))
        out.append(
            f"{service}: the commonest theme in suggestions for improvement was "
            f"{theme.lower()} ({phrase_share(k, n, 'comments', pol)})."
        )
    if locum is not None and len(locum):
        n = len(locum)
        la = int((locum["valued_by_la"] == True).fillna(False).sum())  # noqa: E712
        tm = int((locum["valued_by_team_manager"] == True).fillna(False).sum())  # noqa: E712
        no_ind = int((locum["induction"] == False).fillna(False).sum())  # noqa: E712
        if (
            pol is not None
            and pol.public
            and any(0 < x < pol.threshold for x in (la, n - la, tm, n - tm, no_ind, n - no_ind))
        ):
            # a count, its percentage or the rest would reveal a small group of locums
            out.append(
                f"Locum survey: {people(n)} locums answered; the answers are in the locum "
                "survey tables, with small numbers suppressed."
            )
        else:
            out.append(
                f"Locum survey: {la} of {n} locums ({100 * la / n:.1f}%) felt valued by the "
                f"authority and {tm} ({100 * tm / n:.1f}%) by their team manager; {no_ind} "
                f"({100 * no_ind / n:.1f}%) had no induction."
            )
    return sentences(out, pol)


def iter_services(services: Iterable[str]) -> list[str]:
    """The services in the order given, then "All respondents" (for tables per group)."""
    return [*services, JOINT]


def _fmt2(x: float) -> str:
    return f"{round_half_up(x):.2f}"


def _joined(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def formats(table: pd.DataFrame, percent_decimals: int = 0) -> dict[str, str]:
    """Display formats for a survey table, by column label.

    Percentages as whole numbers (or ``percent_decimals`` decimals), averages and likely ranges
    to 2 decimals (as the survey tool prints averages), p-values to 3 decimals, differences and
    changes with their sign.
    """
    out = {}
    for c in table.columns:
        label = str(c)
        if "%" in label:
            out[label] = f"{{:.{percent_decimals}f}}"
        elif (
            "likely range" in label.lower()
            or label.endswith("average")
            or label in (AVERAGE, "Earlier average", "This survey average")
        ):
            out[label] = "{:.2f}"
        elif "p-value" in label:
            out[label] = "{:.3f}"
        elif label in ("Difference", "Change"):
            out[label] = "{:+.2f}"
    return out
