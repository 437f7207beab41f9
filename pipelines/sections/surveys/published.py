"""The survey figures a paper published, checked against the survey data.

:func:`reconcile` recomputes each published figure (respondents, numbers answering, averages,
percentages giving an answer, questions averaging above the midpoint, scale labels) from the tidy
``staff_survey``, ``staff_survey_answers`` and ``locum_survey`` tables and says whether it agrees
as printed; :func:`disagreement_tables`, :func:`omitted_table` and :func:`reconcile_summary` are
the tables the surveys section and the data-quality appendix show.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

import pandas as pd

from pipelines.core.cleaning_values import label_key
from pipelines.core.mappings import load_mapping
from pipelines.core.reconcile import UNKNOWN
from pipelines.datasets.surveys.answer_coding import scale_labels, scored_families
from pipelines.datasets.surveys.clean import JOINT
from pipelines.datasets.surveys.questions import survey_questions
from pipelines.sections.surveys.analysis import (
    MIDPOINT,
    _fmt2,
    _joined,
    _service,
    agrees_as_printed,
    questions_frame,
    round_half_up,
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


def _question_stats(answers: pd.DataFrame, service: str | None) -> dict[str, tuple[float, int]]:
    """Question key -> (mean score, people who answered) for one service, in one pass."""
    s = _service(answers, service)
    scores = s.loc[s["score"].notna(), ["question", "score"]]
    grouped = scores.assign(score=scores["score"].astype(float)).groupby("question")["score"]
    means, sizes = grouped.mean(), grouped.size()
    return {str(k): (float(means[k]), int(sizes[k])) for k in sizes.index}


def _means(
    answers: pd.DataFrame,
    service: str | None,
    survey: str,
    stats: dict[str, tuple[float, int]] | None = None,
) -> pd.DataFrame:
    """Mean score and number answering per scored question answered (key, short, mean, n)."""
    stats = _question_stats(answers, service) if stats is None else stats
    rows = []
    for q in questions_frame(survey).itertuples():
        mean, n = stats.get(q.key, (float("nan"), 0))
        if n:
            rows.append({"key": q.key, "short": q.short, "mean": mean, "n": n})
    return pd.DataFrame(rows, columns=["key", "short", "mean", "n"])


class _Data:
    """The respondent data of one survey, as the reconciliation needs them."""

    def __init__(self, survey: str, respondents: pd.DataFrame, answers: pd.DataFrame | None):
        self.survey, self.respondents, self.answers = survey, respondents, answers
        self.questions = survey_questions(survey)
        self.services = [
            s for s in dict.fromkeys(respondents.get("service", pd.Series(dtype=object)).dropna())
        ]

    def stats(self, service: str | None) -> dict[str, tuple[float, int]]:
        """Question key -> (mean score, people answering) for one service, worked out once."""
        cache = self.__dict__.setdefault("_stats", {})
        if service not in cache:
            cache[service] = _question_stats(self.answers, service)
        return cache[service]

    def mean(self, key: str, service: str | None) -> tuple[float, int]:
        """The mean score of one question for one service and the people who answered it."""
        return self.stats(service).get(key, (float("nan"), 0))

    def means(self, service: str | None) -> pd.DataFrame:
        """:func:`_means` for one service, from :meth:`stats`."""
        return _means(self.answers, service, self.survey, self.stats(service))

    def respondents_in(self, service: str | None) -> pd.DataFrame:
        if "service" not in self.respondents.columns:
            return self.respondents
        return _service(self.respondents, service)

    def answered(self, key: str, service: str | None) -> int:
        if self.answers is not None and self.questions[key]["family"] in scored_families():
            return self.mean(key, service)[1]
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
        mean, n = d.mean(keys[0], service)
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
        means = d.means(service)
        above = means[means["mean"].map(round_half_up) > MIDPOINT]
        out["From the data"] = str(len(above))
        ok = len(above) == int(float(p.value))
        out["Explanation"] = _above_note(p, d, published, means, above, ok)
    elif measure == "lowest_average":
        means = d.means(service)
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
            [d.means(s).assign(service=s) for s in _services_of(p)],
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
                    + f"), not {p.value}, so the paper does not agree with itself."
                )
    return f"{note} {_respondents_reason(p, d, int(float(p.value)))}"


def _respondents_reason(p, d: _Data, printed: int) -> str:
    """Why a paper's count of respondents may differ from the data, only as the data show it.

    The paper's count may be of the respondents who answered the service question, at least
    one scored question or every one: when exactly ``printed`` respondents of the paper's
    service did, the reason says so ("55 respondents answered every scored question:
    the paper probably counts only those."). Otherwise the data do not explain it
    (:data:`pipelines.core.reconcile.UNKNOWN`).
    """
    service = _services_of(p)[0]
    people = d.respondents_in(service)
    counts: list[tuple[str, int]] = []
    # Counts a paper may print as its respondents: those who said which service they work in,
    # those who answered at least one scored question and those who answered every one (any
    # single question's count would match by chance).
    for key, q in d.questions.items():
        if key in people.columns and q.get("family") == "service_choice":
            counts.append((f"answered \u201c{q['short']}\u201d", int(people[key].notna().sum())))
    if d.answers is not None and len(d.answers) and "respondent_id" in people.columns:
        answers = d.answers[d.answers["respondent_id"].isin(people["respondent_id"])]
        per_person = answers.groupby("respondent_id")["question"].nunique()
        counts.append(("answered at least one scored question", len(per_person)))
        every = int((per_person == answers["question"].nunique()).sum())
        counts.append(("answered every scored question", every))
    matching = [what for what, k in counts if k == printed and k != len(people)]
    if not matching:
        return UNKNOWN
    who = "respondent" if printed == 1 else "respondents"
    return f"{printed} {who} {matching[-1]}: the paper probably counts only those."


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
        m, k = d.mean(key, s)
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
                    value = _fmt2(d.mean(key, service)[0])
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


#: The section whose agenda item names the report a survey figure was printed in.
SECTION = "20_surveys"

#: "Report para 23", "report paragraph 24": a paragraph of "the report", not saying which.
_BARE_REPORT = re.compile(r"^\s*(?:the\s+)?report,?\s+(?:para(?:graph)?s?\.?)\s*", re.IGNORECASE)


def where_printed(where: str, cfg, meeting) -> str:
    """Where a survey figure was printed, naming the report: "Item 6 report, paragraph 23".

    The published-figures file may say only "Report para 23"; the report is the one to the
    meeting that printed them on the agenda item the survey section is heard under (its
    ``agenda_item`` in the meeting), else the dataset's own ``source`` ("Agenda item 6 report
    and Appendix 1, 21 September 2016"). Any other place ("Appendix 1 (joint)") is kept.
    """
    text = " ".join(str(where or "").split())
    hit = _BARE_REPORT.match(text)
    if not hit:
        return text
    item = None
    try:
        mtg = cfg.meeting(meeting)
        item = next(
            (s.agenda_item for s in mtg.sections if s.notebook == SECTION and s.agenda_item), None
        )
    except Exception:  # noqa: BLE001 - an unknown meeting names no item
        item = None
    ds = (getattr(cfg, "datasets", {}) or {}).get("survey_published")
    source = str(getattr(ds, "source", "") or "").split(" and ")[0].split(",")[0].strip()
    report = f"Item {item} report" if item else source
    if not report:  # nothing names the report: the file's words, as they are
        return text
    return f"{report}, paragraph {text[hit.end() :]}".rstrip()


def disagreement_tables(checks: pd.DataFrame, cfg=None, meeting=None) -> dict[str, pd.DataFrame]:
    """:func:`disagreement_table` split by survey and where the figures were published.

    Keys read "<survey>, report text" (rows published in a report paragraph) or
    "<survey>, <appendix block>", so that each table is short enough to read on one page.
    With the review ``cfg`` and ``meeting``, a bare "Report para 16" is written as the
    checked-figures table writes it, naming the report: "Item 6 report, paragraph 16"
    (:func:`where_printed`).
    """
    rows = checks[checks["Agrees"] == "No"]
    if cfg is not None:
        rows = rows.assign(
            **{"Published in": [where_printed(str(w), cfg, meeting) for w in rows["Published in"]]}
        )
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
