"""Staff and locum surveys: results by question and service, differences, themes, published checks.

Pure functions over the tidy tables of :mod:`pipelines.datasets.surveys.clean`:

* ``staff_survey`` (one row per respondent) and ``staff_survey_answers`` (one row per respondent
  and scored question answered; ``score`` 1-5 with **1 = the most positive answer**, so a lower
  average is better and 3 is the midpoint);
* ``locum_survey`` (one row per locum);
* ``survey_published`` (one row per figure the paper printed).

Tables come back with member-facing column labels for :func:`pipelines.core.presentation.show`.
Every percentage is shown with the number it is a percentage of (in the column label or beside it).
The likely ranges of averages are worked out in :mod:`pipelines.sections.surveys.bootstrap`, the
locum survey's answer tables in :mod:`pipelines.sections.surveys.locum`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from pipelines.core.figures import Kind, Sentence, phrase_share, phrase_value, sentences
from pipelines.datasets.surveys.answer_coding import choice_family, scale_labels, scored_families
from pipelines.datasets.surveys.clean import JOINT
from pipelines.datasets.surveys.questions import survey_questions
from pipelines.sections.surveys.bootstrap import BOOTSTRAP_RESAMPLES, bootstrap_ranges, seed_for
from pipelines.sections.surveys.themes import top_theme

MIDPOINT = 3.0
"""The middle of the 1-5 scale: an average above it is on the dissatisfied side."""
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
    seeds = [seed_for(key, g or JOINT) for g in groups for key in qs["key"]]
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
    question: str | None = None,
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
        :func:`theme_counts` of the answers to the survey's coded free-text question, by
        service.
    locum : pandas.DataFrame, optional
        Tidy ``locum_survey``.
    question : str, optional
        The coded free-text question as the review's survey mapping words it
        (:func:`pipelines.sections.surveys.result.question_wording`); the theme finding names
        it ("the commonest theme in answers to \u201cWhat would make you stay?\u201d"). None:
        "in staff comments".

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
        asked = f"answers to \u201c{question}\u201d" if question else "staff comments"
        out.append(
            f"{service}: the commonest theme in {asked} was "
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
