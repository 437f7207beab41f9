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
