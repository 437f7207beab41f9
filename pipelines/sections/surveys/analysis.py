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

from pipelines.core import personal_data
from pipelines.core.cleaning import label_key
from pipelines.core.figures import Kind, Sentence, phrase_share, phrase_value, sentences
from pipelines.core.sources import load_mapping
from pipelines.datasets.surveys.clean import (
    JOINT,
    choice_family,
    scale_labels,
    scored_families,
    survey_questions,
)

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
    use a fixed seed so the pack is reproducible.

    """
    x = np.asarray(list(scores), dtype=float)
    if x.size == 0:
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    means = x[rng.integers(0, x.size, size=(resamples, x.size))].mean(axis=1)
    alpha = (1 - level) / 2
    low, high = np.quantile(means, [alpha, 1 - alpha])
    return float(low), float(high)


def _seed_for(*parts: str) -> list[int]:
    """A fixed seed per question and service, so an interval does not depend on table order."""
    return [BOOTSTRAP_SEED, *(zlib.crc32(p.encode("utf-8")) for p in parts)]


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
    a = _service(answers, service)
    rows = []
    for q in qs.itertuples():
        scores = a.loc[a["question"] == q.key, "score"].dropna().astype(float)
        rows.append(
            {
                "question": q.key,
                "short": q.short,
                "answered": len(scores),
                "average": float(scores.mean()) if len(scores) else float("nan"),
            }
        )
    return pd.DataFrame(rows, columns=["question", "short", "answered", "average"])


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
    """Per scored question: how many answered, the average and its likely range.

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
        One row per scored question in survey order: ``Question`` (short label), ``Answered``
        (answered this question), "Answered (% of N)" (Answered / N × 100, N = respondents of
        the service, who took the survey), ``Average`` (mean score, 1 = most positive, 5 = most
        negative), ``Likely range: low`` / ``high`` (95% percentile-bootstrap interval of the
        average, see :func:`bootstrap_mean_ci`) and ``Dissatisfied side (above 3)`` ("Yes" when
        the average, to 2 decimals, is above the midpoint 3, "At midpoint" when it is 3.00,
        else "").

    """
    qs = questions_frame(survey)
    a = _service(answers, service)
    n_resp = len(_service(respondents, service))
    rows = []
    for q in qs.itertuples():
        scores = a.loc[a["question"] == q.key, "score"].dropna().astype(float)
        n = len(scores)
        mean = float(scores.mean()) if n else float("nan")
        low, high = bootstrap_mean_ci(scores, level, resamples, _seed_for(q.key, service or JOINT))
        flag = (
            "Yes"
            if n and round_half_up(mean) > MIDPOINT
            else "At midpoint"
            if n and round_half_up(mean) == MIDPOINT
            else ""
        )
        rows.append(
            {
                "Question": q.short,
                ANSWERED: n,
                f"Answered (% of {n_resp})": 100.0 * n / n_resp if n_resp else float("nan"),
                AVERAGE: mean,
                LOW: low,
                HIGH: high,
                ABOVE: flag,
            }
        )
    return pd.DataFrame(rows)


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
    qs = questions_frame(survey)
    a = _service(answers, service)
    rows = []
    for q in qs.itertuples():
        s = a.loc[a["question"] == q.key, "score"].dropna().astype(int)
        row = {"Question": q.short, ANSWERED: len(s)}
        counts = s.value_counts()
        for k in SCORES:
            row[SCORE_LABELS[k]] = int(counts.get(k, 0))
        row[AVERAGE] = float(s.mean()) if len(s) else float("nan")
        row["_n"] = q.number
        rows.append(row)
    table = pd.DataFrame(rows).sort_values([AVERAGE, "_n"], ascending=[False, True], kind="stable")
    return table.drop(columns="_n").reset_index(drop=True)


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
    """The finding of the two-service averages chart: which service was less positive, how often.

    Counts the questions where the second service's average is higher (less positive) than the
    first's, among questions both answered (a count of questions: a
    :class:`~pipelines.core.figures.Sentence`).
    """
    (first, a), (second, b) = list(results.items())[:2]
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


def respondents_table(respondents: pd.DataFrame, services: Sequence[str]) -> pd.DataFrame:
    """Respondents per service, and how many said which service they work for (question 1).

    ``Respondents`` counts responses by the service of the survey link used; ``Gave their
    service`` those who answered question 1; ``Gave a different service`` those whose answer
    differs from the link's service. A total row follows.
    """
    rows = []
    for s in services:
        r = respondents[respondents["service"] == s]
        answered = r["service_answer"].notna()
        rows.append(
            {
                "Service": s,
                "Respondents": len(r),
                "Gave their service": int(answered.sum()),
                "Gave a different service": int((answered & (r["service_answer"] != s)).sum()),
            }
        )
    table = pd.DataFrame(rows)
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


# --- Children's and adults' staff compared --------------------------------------------------


def holm(pvalues: Sequence[float]) -> list[float]:
    """Holm-Bonferroni adjusted p-values (same order as given; NaN stays NaN)."""
    p = np.asarray(pvalues, dtype=float)
    ok = ~np.isnan(p)
    out = np.full(p.shape, np.nan)
    idx = np.where(ok)[0]
    order = idx[np.argsort(p[idx], kind="stable")]
    m = len(order)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p[i]))
        out[i] = running
    return out.tolist()


def compare_services(
    answers: pd.DataFrame,
    first: str,
    second: str,
    *,
    survey: str = "staff_survey",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Compare two services' answers per scored question with the Mann-Whitney U test.

    The Mann-Whitney U test (two-sided, normal approximation with a correction for the many tied
    answers a 5-point scale gives) asks whether one group's answers tend to be higher than the
    other's; it uses only the order of the answers, which suits ordinal scales where the gap
    between "agree" and "strongly agree" need not equal the gap between "agree" and "neither".
    Testing every question at once makes some "significant" results likely by chance, so the
    p-values are also adjusted for the number of questions (Holm's method), and a difference is
    called clear only when the adjusted p-value is below ``alpha``.

    Returns
    -------
    pandas.DataFrame
        ``Question`` (short label), "<first> average", "<second> average", ``Difference``
        (second minus first; positive = the second service less positive), ``p-value``,
        ``Adjusted p-value`` (Holm), ``Clear difference`` ("Yes"/"No"); questions either
        service did not answer are left out. The numbers answering are in
        :func:`results_table`.

    """
    from scipy.stats import mannwhitneyu

    qs = questions_frame(survey)
    rows = []
    for q in qs.itertuples():
        a = answers.loc[(answers["service"] == first) & (answers["question"] == q.key), "score"]
        b = answers.loc[(answers["service"] == second) & (answers["question"] == q.key), "score"]
        a, b = a.dropna().astype(float), b.dropna().astype(float)
        if a.empty or b.empty:
            continue
        p = (
            float(mannwhitneyu(a, b, alternative="two-sided", method="asymptotic").pvalue)
            if a.nunique() + b.nunique() > 2 or a.iloc[0] != b.iloc[0]
            else 1.0
        )
        rows.append(
            {
                "Question": q.short,
                f"{first} average": a.mean(),
                f"{second} average": b.mean(),
                "Difference": b.mean() - a.mean(),
                "p-value": p,
            }
        )
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    table.insert(5, "Adjusted p-value", holm(table["p-value"]))
    table.insert(
        6, "Clear difference", ["Yes" if p < alpha else "No" for p in table["Adjusted p-value"]]
    )
    return table


def small_groups(answers: pd.DataFrame, services: Sequence[str], small_n: int) -> dict[str, int]:
    """Services whose largest number answering any question is below ``small_n``: service -> n."""
    out = {}
    for s in services:
        counts = answers[answers["service"] == s].groupby("question").size()
        n = int(counts.max()) if len(counts) else 0
        if n < small_n:
            out[s] = n
    return out


def small_n_caution(small: Mapping[str, int], small_n: int) -> str | None:
    """A caution for members when a group is small, or None."""
    if not small:
        return None
    groups = "; ".join(f"{s} has at most {n} answers per question" for s, n in small.items())
    return (
        f"{groups} (the pack treats fewer than {small_n} as small). With so few answers a "
        "real difference may not show up as clear, one or two people can move an average "
        "by a tenth of a point or more, and the likely ranges are indicative. Treat "
        "differences as pointers for discussion, not proof."
    )


# --- Published figures checked against the data --------------------------------------------

RECONCILE_COLUMNS = [
    "Survey",
    "Published in",
    "Service",
    "Question",
    "Measure",
    "Published",
    "From the data",
    "Agrees",
    "Explanation",
]
MEASURE_LABELS = {
    "respondents": "Respondents",
    "answered": "Number answering",
    "average": "Average score",
    "count": "Number giving the answer",
    "percent": "Percentage giving the answer",
    "questions_above_3": "Questions averaging above 3",
    "lowest_average": "Lowest (best) average",
    "highest_average": "Highest (worst) average",
    "respondents_ratio_over": "Ratio of respondents (more than)",
    "scale_label": "Label of a scale point",
}


def survey_name(survey: str) -> str:
    """The survey's name for members, from ``survey_questions.yml``."""
    return str(load_mapping("survey_questions").get(survey, {}).get("name", survey))


def _fmt2(x: float) -> str:
    return f"{round_half_up(x):.2f}"


def _mean(answers: pd.DataFrame, key: str, service: str | None) -> tuple[float, int]:
    s = _service(answers, service)
    s = s.loc[s["question"] == key, "score"].dropna().astype(float)
    return (float(s.mean()) if len(s) else float("nan")), len(s)


def _means(answers: pd.DataFrame, service: str | None, survey: str) -> pd.DataFrame:
    qs = questions_frame(survey)
    rows = []
    for q in qs.itertuples():
        mean, n = _mean(answers, q.key, service)
        if n:
            rows.append({"key": q.key, "short": q.short, "mean": mean, "n": n})
    return pd.DataFrame(rows, columns=["key", "short", "mean", "n"])


def _joined(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


class _Data:
    """The respondent data of one survey, as the reconciliation needs them."""

    def __init__(self, survey: str, respondents: pd.DataFrame, answers: pd.DataFrame | None):
        self.survey, self.respondents, self.answers = survey, respondents, answers
        self.questions = survey_questions(survey)
        self.services = [
            s for s in dict.fromkeys(respondents.get("service", pd.Series(dtype=object)).dropna())
        ]

    def respondents_in(self, service: str | None) -> pd.DataFrame:
        if "service" not in self.respondents.columns:
            return self.respondents
        return _service(self.respondents, service)

    def answered(self, key: str, service: str | None) -> int:
        if self.answers is not None and self.questions[key]["family"] in scored_families():
            return _mean(self.answers, key, service)[1]
        respondents = self.respondents_in(service)
        return int(respondents[key].notna().sum()) if key in respondents.columns else 0

    def gave(self, keys: Sequence[str], answer: str, service: str | None) -> tuple[int, int]:
        """Respondents giving ``answer`` to every question in ``keys``, and respondents."""
        r = self.respondents_in(service)
        mask = pd.Series(True, index=r.index)
        for key in keys:
            values = r[key]
            if self.questions[key]["family"] == "yes_no":
                want = {"yes": True, "no": False}.get(answer.casefold())
                mask &= values == want
            elif self.questions[key].get("multiple"):
                mask &= values.fillna("").str.split("; ").map(lambda v: answer in v)
            else:
                mask &= values == answer
        return int(mask.fillna(False).sum()), len(r)


def _label_of(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def reconcile(
    published: pd.DataFrame,
    staff: pd.DataFrame,
    answers: pd.DataFrame,
    locum: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Check every published survey figure against the respondent data, and list omissions.

    Parameters
    ----------
    published : pandas.DataFrame
        Tidy ``survey_published`` (one row per printed figure).
    staff, answers : pandas.DataFrame
        Tidy ``staff_survey`` and ``staff_survey_answers``.
    locum : pandas.DataFrame, optional
        Tidy ``locum_survey``.

    Returns
    -------
    pandas.DataFrame
        One row per published figure, in the order of the published file, then one row per
        figure a published block of results leaves out. Columns: ``Survey`` (its name),
        ``Published in``, ``Service``,
        ``Question`` (short label), ``Measure`` (in words), ``Published`` (the value as
        printed), ``From the data``, ``Agrees`` ("Yes", "No" or "Not published") and
        ``Explanation`` (what the data give and why the figures differ). Averages agree when the
        data's average rounds to the printed figure (half a unit of the last printed decimal);
        percentages likewise, of all respondents; counts must be equal.

    """
    published = published.reset_index(drop=True)
    data = {"staff_survey": _Data("staff_survey", staff, answers)}
    if locum is not None:
        data["locum_survey"] = _Data("locum_survey", locum, None)
    rows: list[dict] = []
    for order, p in enumerate(published.itertuples(index=False)):
        d = data.get(p.survey)
        if d is None:
            continue
        row = _check_one(p, d, published)
        row["_order"] = float(order)
        row["Survey"] = survey_name(p.survey)
        rows.append(row)
    rows += _omissions(published, data)
    rows += _share_totals(published, data)
    table = pd.DataFrame(rows).sort_values("_order", kind="stable").drop(columns="_order")
    return table[RECONCILE_COLUMNS].reset_index(drop=True)


def _short(d: _Data, keys: str | None) -> str:
    if not keys:
        return ""
    return "; ".join(d.questions[k]["short"] for k in keys.split("; "))


def _services_of(p) -> list[str]:
    return [s for s in (p.service or JOINT).split("; ")]


def _check_one(p, d: _Data, published: pd.DataFrame) -> dict:
    service = _services_of(p)[0]
    keys = p.question.split("; ") if p.question else []
    out = {
        "Published in": p.published_in,
        "Service": p.service or JOINT,
        "Question": _short(d, p.question),
        "Measure": MEASURE_LABELS[p.measure],
        "Published": p.value + ("%" if p.measure == "percent" else ""),
        "From the data": "",
        "Agrees": "",
        "Explanation": "",
    }
    measure = p.measure
    if measure == "respondents":
        n = len(d.respondents_in(service))
        out["From the data"] = str(n)
        ok = n == int(float(p.value))
        out["Explanation"] = _respondents_note(p, d, published, n, ok)
    elif measure == "answered":
        n = d.answered(keys[0], service)
        out["From the data"] = str(n)
        ok = n == int(float(p.value))
        if not ok:
            out["Explanation"] = _answered_note(p, d, published, keys[0], n)
    elif measure == "average":
        mean, n = _mean(d.answers, keys[0], service)
        out["From the data"] = _fmt2(mean)
        ok = n > 0 and agrees_as_printed(mean, p.value)
        if not ok:
            out["Explanation"] = _average_note(p, d, keys[0], mean, n)
    elif measure in ("count", "percent"):
        k, n = d.gave(keys, p.answer, service)
        if measure == "count":
            out["From the data"] = str(k)
            ok = k == int(float(p.value))
        else:
            pct = 100.0 * k / n if n else float("nan")
            out["From the data"] = f"{pct:.1f}% ({k} of {n})"
            ok = agrees_as_printed(pct, p.value)
            if not ok:
                out["Explanation"] = percent_note(float(p.value), k, n)
    elif measure == "questions_above_3":
        means = _means(d.answers, service, d.survey)
        above = means[means["mean"].map(round_half_up) > MIDPOINT]
        out["From the data"] = str(len(above))
        ok = len(above) == int(float(p.value))
        out["Explanation"] = _above_note(p, d, published, means, above, ok)
    elif measure == "lowest_average":
        means = _means(d.answers, service, d.survey)
        best = means.loc[means["mean"].idxmin()]
        out["From the data"] = f"{_fmt2(best['mean'])} ({best['short']})"
        ok = agrees_as_printed(best["mean"], p.value) and (not keys or best["key"] == keys[0])
        if not ok:
            out["Explanation"] = (
                f"The lowest average in the data is {_fmt2(best['mean'])}, "
                f"for \u201c{best['short']}\u201d."
            )
    elif measure == "highest_average":
        means = pd.concat(
            [_means(d.answers, s, d.survey).assign(service=s) for s in _services_of(p)],
            ignore_index=True,
        )
        worst = means.loc[means["mean"].idxmax()]
        out["From the data"] = f"{_fmt2(worst['mean'])} ({worst['service']})"
        ok = agrees_as_printed(worst["mean"], p.value)
        if not ok:
            out["Explanation"] = (
                f"The highest average in the data is {_fmt2(worst['mean'])}: "
                f"{worst['service']}, \u201c{worst['short']}\u201d."
            )
    elif measure == "respondents_ratio_over":
        first, second = _services_of(p)[:2]
        a, b = len(d.respondents_in(first)), len(d.respondents_in(second))
        ratio = a / b if b else float("inf")
        out["From the data"] = f"{ratio:.2f} ({a} to {b})"
        ok = ratio > float(p.value)
    else:  # scale_label
        text, ok = _scale_note(p, d)
        out["From the data"], out["Explanation"] = text
    out["Agrees"] = "Yes" if ok else "No"
    return out


def _respondents_note(p, d: _Data, published: pd.DataFrame, n: int, ok: bool) -> str:
    if ok:
        return ""
    services = d.services
    parts = ", ".join(f"{len(d.respondents_in(s))} {s}" for s in services)
    note = (
        f"The respondent data hold {len(d.respondents)} respondents ({parts})."
        if services
        else f"The respondent data hold {len(d.respondents)} respondents."
    )
    appendix = published[
        (published["survey"] == p.survey)
        & (published["measure"] == "respondents")
        & (published["service"] == (p.service or JOINT))
        & published["published_in"].str.contains("Appendix", case=False)
    ]
    for r in appendix.itertuples():
        note += f" {r.published_in} prints {r.value}."
    if (p.service or JOINT) == JOINT:
        same = published[
            (published["published_in"] == p.published_in)
            & (published["survey"] == p.survey)
            & (published["measure"] == "respondents")
            & (published["service"].isin(services))
        ]
        if len(same) > 1:
            total = int(same["value"].astype(float).sum())
            if total != int(float(p.value)):
                note += (
                    f" The paper's own service figures add to {total} ("
                    + " + ".join(same["value"])
                    + f"), not {p.value}."
                )
    return note


def _answered_note(p, d: _Data, published: pd.DataFrame, key: str, n: int) -> str:
    if (p.service or JOINT) != JOINT:
        return f"The data have {n} answers from {p.service}."
    parts = [(s, d.answered(key, s)) for s in d.services]
    note = " + ".join(f"{s} {k}" for s, k in parts) + f" = {n} in the data."
    limit, pieces = 0, []
    for s in d.services:
        pub = published[
            (published["survey"] == p.survey)
            & (published["measure"] == "answered")
            & (published["service"] == s)
            & (published["question"] == key)
        ]
        if len(pub):
            k = int(float(pub["value"].iloc[0]))
            pieces.append(f"{s}'s {k} published answers")
        else:
            k = len(d.respondents_in(s))
            pieces.append(f"all {k} {s} respondents")
        limit += k
    if int(float(p.value)) > limit:
        note += f" {p.value} is more than {' plus '.join(pieces)} ({limit}), so it cannot be right."
    return note


def _average_note(p, d: _Data, key: str, mean: float, n: int) -> str:
    if (p.service or JOINT) != JOINT:
        return f"The data's average for {p.service} is {_fmt2(mean)} ({n} answers)."
    parts = []
    for s in d.services:
        m, k = _mean(d.answers, key, s)
        parts.append(f"{s} {k} at {_fmt2(m)}")
    return (
        f"The data give {_fmt2(mean)} from {n} answers ({'; '.join(parts)}); the published "
        f"{p.value} is not the services combined."
    )


def percent_note(value: float, k: int, n: int) -> str:
    """Why a published percentage ``value`` differs from ``k`` of ``n`` respondents (in words).

    States ``k / n`` as a percentage to one decimal place and what it rounds to, and when no
    whole number of the ``n`` respondents gives ``value`` (a percentage, 0-100), says so.
    """
    pct = 100.0 * k / n
    decimals = 0 if float(value).is_integer() else 1
    reachable = [j for j in range(n + 1) if round_half_up(100.0 * j / n, decimals) == value]
    note = f"{k} of {n} is {pct:.1f}%, which rounds to {round_half_up(pct, decimals):g}%."
    if not reachable:
        below = max((j for j in range(n + 1) if 100.0 * j / n < value), default=0)
        note += (
            f" No whole number of the {n} respondents gives {value:g}% ({below} is "
            f"{100.0 * below / n:.1f}%, {below + 1} is {100.0 * (below + 1) / n:.1f}%)"
        )
        note += ", so the paper appears to have rounded down." if math.floor(pct) == value else "."
    return note


def _above_note(
    p, d: _Data, published: pd.DataFrame, means: pd.DataFrame, above: pd.DataFrame, ok: bool
) -> str:
    service = p.service or JOINT
    listed = [f"\u201c{r.short}\u201d ({_fmt2(r.mean)})" for r in above.itertuples()]
    note = (
        f"In the respondent data {len(above)} question{'s' if len(above) != 1 else ''} "
        f"average{'s' if len(above) == 1 else ''} above 3"
        + (f": {_joined(listed)}." if listed else ".")
    )
    at_mid = means[means["mean"].map(round_half_up) == MIDPOINT]
    if len(at_mid):
        mids = [f"\u201c{r.short}\u201d" for r in at_mid.itertuples()]
        note += (
            f" {_joined(mids)} average{'s' if len(at_mid) == 1 else ''} exactly 3.00, the "
            f"midpoint; the paper's {p.value} holds only if \u201cover 3\u201d includes 3"
            if len(above) + len(at_mid) == int(float(p.value))
            else f" {_joined(mids)} average{'s' if len(at_mid) == 1 else ''} exactly 3.00"
        ) + "."
    pub = published[
        (published["survey"] == p.survey)
        & (published["measure"] == "average")
        & (published["service"] == service)
        & published["published_in"].str.contains("Appendix", case=False)
        & published["question"].notna()
    ]
    pub = pub.drop_duplicates("question")
    over = pub[pub["value"].astype(float) > MIDPOINT]
    if len(pub) and not ok:
        shown = [
            f"\u201c{d.questions[r.question]['short']}\u201d ({r.value})" for r in over.itertuples()
        ]
        note += (
            f" The published block ({pub['published_in'].iloc[0]}) itself shows "
            f"{len(over)} above 3" + (f": {_joined(shown)}." if shown else ".")
        )
    return note if not ok or len(at_mid) else ""


def _scale_note(p, d: _Data) -> tuple[tuple[str, str], bool]:
    score = int(float(p.answer))
    families = [
        f
        for f in dict.fromkeys(q["family"] for q in d.questions.values())
        if f in scored_families()
    ]
    if p.question:
        families = [d.questions[p.question.split("; ")[0]]["family"]]
    labels = {f: scale_labels(f)[score - 1] for f in families}
    ok = any(label_key(v) == label_key(p.value) for v in labels.values())
    first = next(iter(labels))
    shown = f"{labels[first]} ({scored_families()[first]['name'].lower()} scale)"
    if ok:
        return (shown, ""), True
    note = (
        f"The survey labels {score} \u201c{labels[first]}\u201d on its "
        f"{scored_families()[first]['name'].lower()} questions"
    )
    others = [f"\u201c{v}\u201d" for f, v in labels.items() if f != first]
    if others:
        note += f" ({_joined(others)} on its other {len(others)} scales)"
    note += "."
    for f in families:
        for k, lab in enumerate(scale_labels(f), start=1):
            if label_key(lab) == label_key(p.value) and k != score:
                note += (
                    f" In the answer scale this pack uses, \u201c{lab}\u201d is {k}, not {score}."
                )
    if len(families) > 1:
        note += (
            f" The survey uses {len(families)} different answer scales, each with 1 as the "
            "most positive answer."
        )
    return (shown, note), False


def _omissions(published: pd.DataFrame, data: Mapping[str, _Data]) -> list[dict]:
    """Rows for figures a published block of results leaves out (answered counts, averages)."""
    rows = []
    blocks = published[
        published["measure"].isin(["answered", "average"])
        & published["published_in"].str.contains("Appendix", case=False)
    ]
    for (survey, where, service), block in blocks.groupby(
        ["survey", "published_in", "service"], sort=False
    ):
        d = data.get(survey)
        if d is None or d.answers is None:
            continue
        last = float(block.index.max()) + 0.5
        have = {(q, m) for q, m in zip(block["question"], block["measure"], strict=True)}
        scored = set(questions_frame(survey)["key"])
        for key, spec in d.questions.items():
            if spec["family"] == "free_text":
                continue
            wanted = ["answered", "average"] if key in scored else ["answered"]
            for measure in wanted:
                if (key, measure) in have:
                    continue
                if measure == "answered":
                    value = str(d.answered(key, service))
                else:
                    value = _fmt2(_mean(d.answers, key, service)[0])
                missing_both = (key, "answered") not in have and (key, "average") not in have
                rows.append(
                    {
                        "Survey": survey_name(survey),
                        "Published in": where,
                        "Service": service,
                        "Question": spec["short"],
                        "Measure": MEASURE_LABELS[measure],
                        "Published": "–",
                        "From the data": value,
                        "Agrees": "Not published",
                        "Explanation": (
                            "The published block leaves out this question."
                            if missing_both
                            else "The published block prints the average but not how many answered."
                        ),
                        "_order": last,
                    }
                )
    return rows


def _share_totals(published: pd.DataFrame, data: Mapping[str, _Data]) -> list[dict]:
    """A row per question whose published percentages do not add up to (about) 100%."""
    rows = []
    pct = published[published["measure"] == "percent"]
    for (survey, where, question), group in pct.groupby(
        ["survey", "published_in", "question"], sort=False
    ):
        d = data.get(survey)
        if d is None or len(group) < 2:
            continue
        total = float(group["value"].astype(float).sum())
        if abs(total - 100) <= 0.5 * len(group):
            continue
        key = question.split("; ")[0]
        values = d.respondents_in(None)[key]
        counts = values.value_counts()
        n = len(values)
        others = [
            f"{a} {int(c)} ({100.0 * c / n:.1f}%)"
            for a, c in counts.items()
            if a not in set(group["answer"])
        ]
        blank = int(values.isna().sum())
        if blank:
            others.append(f"not answered {blank}")
        rows.append(
            {
                "Survey": survey_name(survey),
                "Published in": where,
                "Service": JOINT,
                "Question": d.questions[key]["short"],
                "Measure": "Published shares added up",
                "Published": " + ".join(f"{float(v):g}%" for v in group["value"])
                + f" = {total:g}%",
                "From the data": "; ".join(others) or "–",
                "Agrees": "No",
                "Explanation": f"The published shares add up to {total:g}%, leaving "
                f"{100 - total:g}% (about {n * (100 - total) / 100:.1f} of {n} "
                "people) unaccounted for; the data's other answers are shown.",
                "_order": float(group.index.max()) + 0.25,
            }
        )
    return rows


def disagreement_tables(checks: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """:func:`disagreement_table` split by survey and where the figures were published.

    Keys read "<survey>, report text" (rows published in a report paragraph) or
    "<survey>, <appendix block>", so that each table is short enough to read on one page.
    """
    rows = checks[checks["Agrees"] == "No"]
    where = [
        f"{s}, "
        + (
            "report text"
            if str(w).lower().startswith(("report", "item")) and "appendix" not in str(w).lower()
            else str(w)
        )
        for s, w in zip(rows["Survey"], rows["Published in"], strict=True)
    ]
    return {w: disagreement_table(g) for w, g in rows.groupby(where, sort=False)}


def disagreement_table(checks: pd.DataFrame) -> pd.DataFrame:
    """Published figures that differ from the data, as members read them.

    Columns: ``Published in``, ``Figure`` (what was measured, for whom, on which question),
    ``Published``, ``From the data`` and ``Why they differ``.
    """
    rows = checks[checks["Agrees"] == "No"]
    figure = [
        f"{m}, {s}" + (f": {q}" if q else "")
        for m, s, q in zip(rows["Measure"], rows["Service"], rows["Question"], strict=True)
    ]
    return pd.DataFrame(
        {
            "Published in": rows["Published in"].to_numpy(),
            "Figure": figure,
            "Published": rows["Published"].to_numpy(),
            "From the data": rows["From the data"].to_numpy(),
            "Why they differ": rows["Explanation"].to_numpy(),
        }
    )


def omitted_table(checks: pd.DataFrame) -> pd.DataFrame:
    """Figures a published block of results leaves out, with the figures from the data.

    One row per question: ``Published in``, ``Service``, ``Question``, ``Left out`` ("The
    whole question" or "Number answering"), ``From the data: answered``, ``From the data:
    average``.
    """
    rows = checks[checks["Agrees"] == "Not published"]
    out = []
    for (where, service, question), g in rows.groupby(
        ["Published in", "Service", "Question"], sort=False
    ):
        measures = dict(zip(g["Measure"], g["From the data"], strict=True))
        whole = len(g) > 1 or g["Explanation"].iloc[0].endswith("leaves out this question.")
        out.append(
            {
                "Published in": where,
                "Service": service,
                "Question": question,
                "Left out": "The whole question" if whole else "Number answering",
                "From the data: answered": measures.get(MEASURE_LABELS["answered"], ""),
                "From the data: average": measures.get(MEASURE_LABELS["average"], ""),
            }
        )
    return pd.DataFrame(
        out,
        columns=[
            "Published in",
            "Service",
            "Question",
            "Left out",
            "From the data: answered",
            "From the data: average",
        ],
    )


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


#: The count columns of :func:`reconcile_summary`: numbers of published figures, not of people.
RECONCILE_COUNTS = (
    "Agree with the data",
    "Differ from the data",
    "Left out of the published block",
)


def reconcile_summary(checks: pd.DataFrame) -> pd.DataFrame:
    """Published figures checked, by survey and where published: agree / differ / left out.

    The counts are numbers of published figures (:data:`RECONCILE_COUNTS`), never suppressed.
    """
    g = checks.groupby(["Survey", "Published in"], sort=False)["Agrees"]
    table = pd.DataFrame(
        {
            "Agree with the data": g.apply(lambda s: int((s == "Yes").sum())),
            "Differ from the data": g.apply(lambda s: int((s == "No").sum())),
            "Left out of the published block": g.apply(lambda s: int((s == "Not published").sum())),
        }
    ).reset_index()
    total = {
        "Survey": "Total",
        "Published in": "",
        **{c: int(table[c].sum()) for c in table.columns[2:]},
    }
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True)


# --- Free text: themes --------------------------------------------------------------------

NO_THEME = "No theme matched"


def codebook(survey: str, question: str) -> dict[str, dict]:
    """The themes for one free-text question: theme -> {description, phrases}."""
    book = load_mapping("survey_themes").get(survey, {}).get(question)
    if not book:
        from pipelines.core.errors import ConfigError

        raise ConfigError(
            f"config/mappings/survey_themes.yml has no themes for {survey}: {question}."
        )
    return book


def _normalise(text: str) -> str:
    t = str(text).replace("\u2019", "'").replace("'", "").casefold()
    return re.sub(r"\s+", " ", t)


def code_themes(texts: pd.Series, book: Mapping[str, Mapping]) -> pd.DataFrame:
    """Which themes each comment mentions: one boolean column per theme, plus "No theme matched".

    A comment mentions a theme when it contains one of the theme's phrases starting at the
    beginning of a word (case, apostrophes and repeated spaces ignored). Blank comments are
    False everywhere (and not counted as unmatched).
    """
    patterns = {
        theme: re.compile("|".join(r"\b" + re.escape(_normalise(ph)) for ph in spec["phrases"]))
        for theme, spec in book.items()
    }
    norm = texts.map(
        lambda t: None if t is None or (isinstance(t, float) and math.isnan(t)) else _normalise(t)
    )
    out = pd.DataFrame(
        {
            theme: norm.map(lambda t, p=pat: bool(t) and bool(p.search(t)))
            for theme, pat in patterns.items()
        },
        index=texts.index,
    )
    out[NO_THEME] = norm.notna() & ~out.any(axis=1)
    return out


def theme_counts(
    df: pd.DataFrame,
    column: str,
    book: Mapping[str, Mapping],
    services: Sequence[str] | None = None,
) -> pd.DataFrame:
    """How many comments mention each theme, per service (or overall), most mentioned first.

    Columns: ``Theme``, then per service "<service>: comments (of N)" (number mentioning the
    theme; N = comments written) and "<service>: % of N comments", or once for everyone, when
    ``services`` is None, "Comments (of N)" and "% of N comments". One comment can mention
    several themes, so the columns do not add up to N. "No theme matched" comes last.
    """
    groups = {None: df} if not services else {s: df[df["service"] == s] for s in services}
    table = pd.DataFrame({"Theme": [*book, NO_THEME]})
    total = pd.Series(0, index=table.index)
    for s, g in groups.items():
        coded = code_themes(g[column], book)
        n = int(g[column].notna().sum())
        counts = coded.sum().reindex(table["Theme"]).fillna(0).astype(int).to_numpy()
        prefix = f"{s}: comments" if s else "Comments"
        table[f"{prefix} (of {n})"] = counts
        table[f"{s + ': ' if s else ''}% of {n} comments"] = [
            100.0 * c / n if n else float("nan") for c in counts
        ]
        total += counts
    body = (
        table.iloc[:-1].assign(_t=total.iloc[:-1]).sort_values("_t", ascending=False, kind="stable")
    )
    return pd.concat([body.drop(columns="_t"), table.iloc[-1:]], ignore_index=True)


def codebook_table(book: Mapping[str, Mapping]) -> pd.DataFrame:
    """The codebook as members read it: theme, what it covers, phrases looked for."""
    return pd.DataFrame(
        [
            {
                "Theme": t,
                "What it covers": s.get("description", ""),
                "Words and phrases looked for": ", ".join(f"\u201c{p}\u201d" for p in s["phrases"]),
            }
            for t, s in book.items()
        ]
    )


def comments_table(
    df: pd.DataFrame,
    column: str,
    book: Mapping[str, Mapping],
    services: Sequence[str] | None = None,
    *,
    names: Sequence[str] = (),
) -> pd.DataFrame:
    """Every comment written, with its service and the themes it was coded to.

    For the exempt pack only: comments can identify people. Contact details, references and
    names are redacted (:mod:`pipelines.core.personal_data`; ``names`` are people's names known
    to the review, e.g. :func:`pipelines.core.personal_data.review_names`); themes are coded from
    the comment as written. Ordered by service, then as exported.
    """
    written = df[df[column].notna()]
    coded = code_themes(written[column], book)
    themes = coded.apply(lambda r: ", ".join(t for t, v in r.items() if v), axis=1)
    redacted, _ = personal_data.redact_values(written[column], names=names)
    out = pd.DataFrame(
        {
            "Service": written["service"] if "service" in written else "",
            "Comment": redacted,
            "Themes": themes,
        }
    )
    if services:
        out["_o"] = out["Service"].map({s: i for i, s in enumerate(services)})
        out = out.sort_values("_o", kind="stable").drop(columns="_o")
    return out.reset_index(drop=True)


def redactions(frames: Mapping[str, pd.DataFrame], *, names: Sequence[str] = ()) -> pd.DataFrame:
    """What personal data was redacted from the surveys' free-text answers, per question.

    Columns: Survey, Question (short label), Answers written (count of non-blank answers) and
    Redacted (e.g. "2 phone numbers, 2 names redacted"; "Nothing redacted"; the kinds are
    :data:`pipelines.core.personal_data.KINDS`). Every free-text question of the staff and locum
    surveys present in ``frames`` is listed.
    """
    rows = []
    labels = {"staff_survey": "Staff survey", "locum_survey": "Locum survey"}
    for survey, label in labels.items():
        df = frames.get(survey)
        if df is None or not len(df):
            continue
        for key, spec in survey_questions(survey).items():
            if spec["family"] != "free_text" or key not in df:
                continue
            _, counts = personal_data.redact_values(df[key], names=names)
            rows.append(
                {
                    "Survey": label,
                    "Question": spec["short"],
                    "Answers written": int(df[key].notna().sum()),
                    "Redacted": personal_data.counts_phrase(counts),
                }
            )
    return pd.DataFrame(rows, columns=["Survey", "Question", "Answers written", "Redacted"])


def locum_codebook_table() -> pd.DataFrame:
    """The codebooks of the locum survey's free-text questions as one table (with the question)."""
    frames = []
    for key, spec in survey_questions("locum_survey").items():
        if spec["family"] == "free_text":
            t = codebook_table(codebook("locum_survey", key))
            t.insert(0, "Question", spec["short"])
            frames.append(t)
    return pd.concat(frames, ignore_index=True)


def top_theme(counts: pd.DataFrame, column: str) -> tuple[str, int]:
    """The most mentioned theme in one count column of :func:`theme_counts` (not unmatched)."""
    body = counts[counts["Theme"] != NO_THEME]
    i = body[column].astype(int).idxmax()
    return str(body.loc[i, "Theme"]), int(body.loc[i, column])


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


# --- Waves --------------------------------------------------------------------------------


def compare_waves(
    current: pd.DataFrame,
    previous: pd.DataFrame,
    service: str | None = None,
    *,
    survey: str = "staff_survey",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Compare this survey's answers with an earlier wave of the same survey, per question.

    Uses the Mann-Whitney U test (see :func:`compare_services`) between the two waves' answers,
    with Holm-adjusted p-values. Questions asked in only one wave are listed with the other
    wave's figures blank.

    Returns
    -------
    pandas.DataFrame
        ``Question`` (short label), ``Earlier average``, ``Earlier answered``, ``This survey
        average``, ``This survey answered``, ``Change`` (this minus earlier; negative = more
        positive now), ``p-value``, ``Adjusted p-value``, ``Clear change`` ("Yes", "No" or ""
        when not comparable).

    """
    from scipy.stats import mannwhitneyu

    qs = questions_frame(survey)
    cur, prev = _service(current, service), _service(previous, service)
    rows = []
    for q in qs.itertuples():
        b = cur.loc[cur["question"] == q.key, "score"].dropna().astype(float)
        a = prev.loc[prev["question"] == q.key, "score"].dropna().astype(float)
        if a.empty and b.empty:
            continue
        p = float("nan")
        if len(a) and len(b):
            p = (
                float(mannwhitneyu(a, b, alternative="two-sided", method="asymptotic").pvalue)
                if a.nunique() + b.nunique() > 2 or a.iloc[0] != b.iloc[0]
                else 1.0
            )
        rows.append(
            {
                "Question": q.short,
                "Earlier average": a.mean() if len(a) else float("nan"),
                "Earlier answered": len(a),
                "This survey average": b.mean() if len(b) else float("nan"),
                "This survey answered": len(b),
                "Change": (b.mean() - a.mean()) if len(a) and len(b) else float("nan"),
                "p-value": p,
            }
        )
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    table["Adjusted p-value"] = holm(table["p-value"])
    table["Clear change"] = [
        "" if np.isnan(p) else "Yes" if p < alpha else "No" for p in table["Adjusted p-value"]
    ]
    return table


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
    parts = ", ".join(f"{people(counts.get(s, 0))} {s}" for s in services)
    out.append(f"{people(len(respondents))} permanent staff answered the staff survey ({parts}).")
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
    if compared is not None and len(compared):
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


def reconcile_frames(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame | None:
    """:func:`reconcile` from a review's tidy datasets, or None when a survey dataset is absent.

    Used by the data-quality appendix, which lists every published figure the data do not
    reproduce, whichever sections the pack contains.
    """
    needed = ("survey_published", "staff_survey", "staff_survey_answers")
    if any(frames.get(k) is None for k in needed):
        return None
    return reconcile(
        frames["survey_published"],
        frames["staff_survey"],
        frames["staff_survey_answers"],
        frames.get("locum_survey"),
    )
