"""The surveys section's result: what it computes for a meeting, once, for every audience.

:func:`build` is the section's ``SectionSpec.build``. From the run's tidy staff survey it makes
the respondents table, one results table per service (and for all respondents when there is
more than one service, or respondents who gave none), the distribution of scores per service
(the data of the Likert charts), the service comparison (two services or more) and the themes
of the comments, each a :class:`~pipelines.core.results.TidyTable` whose columns say what they
hold; the figures are read from those tables (each service's least positive answer is a cell
of its results table), with the locum survey's figure; and the findings it proposes with
their materiality. The notebook renders it (``page.show(result.tables["respondents"])``); the
key findings, SWOT and scorecard read ``result.figures``.

Every group and question is counted in one pass and bootstrapped in one array operation
(:func:`pipelines.sections.surveys.analysis.results_frames`), so the time it takes hardly grows
with the number of respondents.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pipelines.core.data_periods import stated_period
from pipelines.core.disclosure_audit import Population
from pipelines.core.figures import SERVICE_KEYS, Figure, Kind, has
from pipelines.core.mappings import load_mapping
from pipelines.core.results import ChartSpec, Column, ProposedFinding, SectionResult, TidyTable
from pipelines.datasets.surveys.answer_coding import scored_families
from pipelines.datasets.surveys.clean import JOINT
from pipelines.datasets.surveys.questions import survey_questions
from pipelines.sections.surveys import analysis as sv
from pipelines.sections.surveys import compare as svc
from pipelines.sections.surveys import themes as svt
from pipelines.sections.surveys.parameters import SurveysParameters

SECTION = "20_surveys"
#: What the average of a results table measures (with its population and period, a figure's
#: identity).
AVERAGE_MEASURE = "average answer (1 = most positive)"


def groups(respondents: pd.DataFrame, services: list[str]) -> list[str]:
    """The groups the section shows results for: each service, then "All respondents".

    "All respondents" is left out when there is one service and every respondent gave it
    (its results would repeat the service's); it is there whenever a respondent gave no
    service, so that they are counted.
    """
    unknown = bool(respondents["service"].isna().any()) if len(respondents) else False
    return [*services, JOINT] if len(services) > 1 or unknown else list(services)


def respondents_table(cfg, respondents: pd.DataFrame, period: str) -> TidyTable:
    """Respondents by service (:func:`~pipelines.sections.surveys.analysis.respondents_frame`).

    Counts of people; a total row adds them up, respondents who gave no service included (a
    row of their own, "Service not given").
    """
    labels = sv.RESPONDENTS_LABELS
    return TidyTable(
        name="respondents",
        frame=sv.respondents_frame(respondents, list(cfg.services)),
        columns={
            "service": Column(labels["service"]),
            "respondents": Column(labels["respondents"], Kind.PEOPLE),
            "gave_service": Column(labels["gave_service"], Kind.PEOPLE),
            "differ": Column(labels["differ"], Kind.PEOPLE),
        },
        caption="Staff survey respondents by service",
        source=cfg.datasets["staff_survey"].source,
        period=period,
        total=True,
    )


def results_tables(
    cfg, respondents: pd.DataFrame, answers: pd.DataFrame, params: SurveysParameters
) -> dict[str, TidyTable]:
    """One results table per group (:func:`groups`), named ``results_<group>``.

    Per scored question: people who answered (:attr:`Kind.PEOPLE`), as a percentage of the
    group's respondents, the average score (:attr:`Kind.MEAN_SCORE`, 1 = most positive) and its
    likely range (percentile bootstrap, ``params.confidence``, ``params.resamples``), and
    whether it is on the dissatisfied side of the midpoint
    (:func:`~pipelines.sections.surveys.analysis.results_frames`).
    """
    names = groups(respondents, list(cfg.services))
    frames = sv.results_frames(
        answers, respondents, names, level=params.confidence, resamples=params.resamples
    )
    out = {}
    for group in names:
        frame, n = frames[group]
        labels = sv.results_labels(n)
        answering = Population(
            "staff survey respondents answering", {"Question": "question"}, {"Service": group}
        )
        out[f"results_{group}"] = TidyTable(
            name=f"results_{group}",
            frame=frame,
            columns={
                "question": Column(labels["question"]),
                "answered": Column(labels["answered"], Kind.PEOPLE),
                "answered_percent": Column(
                    labels["answered_percent"],
                    Kind.PERCENT_OF_PEOPLE,
                    numerator="answered",
                    format="{:.0f}",
                ),
                "average": Column(
                    labels["average"],
                    Kind.MEAN_SCORE,
                    answering,
                    format="{:.2f}",
                    measure=AVERAGE_MEASURE,
                ),
                "low": Column(labels["low"], Kind.MEAN_SCORE, format="{:.2f}"),
                "high": Column(labels["high"], Kind.MEAN_SCORE, format="{:.2f}"),
                "above_midpoint": Column(labels["above_midpoint"]),
            },
            caption=f"{group}: answers by question (1 = most positive; lower is better)",
            source=cfg.datasets["staff_survey"].source,
            period=params.staff_period,
        )
    return out


def distribution_tables(cfg, answers: pd.DataFrame, period: str) -> dict[str, TidyTable]:
    """How many gave each score per question, per service, worst first (``distribution_<s>``).

    The data of each service's Likert chart
    (:func:`~pipelines.sections.surveys.analysis.distribution_frame`): ``answered`` is the sum
    of the score columns, ``average`` their mean.
    """
    services = list(cfg.services)
    counts = sv.score_counts(answers, services)
    labels = sv.DISTRIBUTION_LABELS
    out = {}
    for i, service in enumerate(services):
        columns = {
            "question": Column(labels["question"]),
            "answered": Column(labels["answered"], Kind.PEOPLE),
            **{f"score_{k}": Column(labels[f"score_{k}"], Kind.PEOPLE) for k in sv.SCORES},
            "average": Column(labels["average"], Kind.MEAN_SCORE, format="{:.2f}"),
        }
        out[f"distribution_{service}"] = TidyTable(
            name=f"distribution_{service}",
            frame=sv.distribution_frame(counts[i]),
            columns=columns,
            caption=f"{service}: answers to each question, least positive first",
            source=cfg.datasets["staff_survey"].source,
            period=period,
        )
    return out


def averages_table(cfg, tables: Mapping[str, TidyTable], period: str) -> TidyTable | None:
    """The data of the averages chart: per question, each service's average and likely range.

    The first two services' results tables side by side (one service: its own), columns
    ``average_<i>``, ``low_<i>`` and ``high_<i>`` (:attr:`Kind.MEAN_SCORE`) for the i-th
    service; None when no service has a results table.
    """
    services = [s for s in list(cfg.services)[:2] if f"results_{s}" in tables]
    if not services:
        return None
    first = tables[f"results_{services[0]}"].frame
    frame = pd.DataFrame({"question": first["question"]})
    columns: dict[str, Column] = {"question": Column("Question")}
    for i, service in enumerate(services):
        results = tables[f"results_{service}"].frame
        for part, words in (
            ("average", "average"),
            ("low", "likely range: low"),
            ("high", "likely range: high"),
        ):
            frame[f"{part}_{i}"] = results[part].to_numpy()
            columns[f"{part}_{i}"] = Column(f"{service} {words}", Kind.MEAN_SCORE, format="{:.2f}")
    return TidyTable(
        name="averages_by_service",
        frame=frame,
        columns=columns,
        caption="Average answer and its likely range, by question and service",
        source=cfg.datasets["staff_survey"].source,
        period=period,
    )


def differences_table(cfg, answers: pd.DataFrame, period: str) -> TidyTable | None:
    """The first two services compared per question (Mann-Whitney U, Holm-adjusted).

    None with fewer than two services, or when no question was answered in both
    (:func:`~pipelines.sections.surveys.compare.compare_services`).
    """
    services = list(cfg.services)
    if len(services) < 2:
        return None
    first, second = services[:2]
    compared = svc.compare_services(answers, first, second)
    if compared.empty:
        return None
    tidy = {
        "Question": "question",
        f"{first} average": "first_average",
        f"{second} average": "second_average",
        "Difference": "difference",
        "p-value": "p_value",
        "Adjusted p-value": "adjusted_p_value",
        "Clear difference": "clear",
    }
    labels = {v: k for k, v in tidy.items()}
    return TidyTable(
        name="service_differences",
        frame=compared.rename(columns=tidy),
        columns={
            "question": Column(labels["question"]),
            "first_average": Column(labels["first_average"], Kind.MEAN_SCORE, format="{:.2f}"),
            "second_average": Column(labels["second_average"], Kind.MEAN_SCORE, format="{:.2f}"),
            "difference": Column(labels["difference"], Kind.MEAN_SCORE, format="{:+.2f}"),
            "p_value": Column(labels["p_value"], Kind.RATIO, format="{:.3f}"),
            "adjusted_p_value": Column(labels["adjusted_p_value"], Kind.RATIO, format="{:.3f}"),
            "clear": Column(labels["clear"]),
        },
        caption=f"Differences between {second} and {first} staff, by question "
        f"(a positive difference: {second} staff less positive)",
        source=cfg.datasets["staff_survey"].source,
        period=period,
    )


def text_question(respondents: pd.DataFrame) -> str | None:
    """The free-text question whose comments are coded to themes, or None.

    The first question of the review's staff survey mapping (``survey_questions.yml``) with
    ``family: free_text`` that the export holds and ``survey_themes.yml`` has a codebook for
    (the demo survey: ``improvement``). None: the survey has no such question, and the themes
    are left out (:data:`NO_THEMES` says why).
    """
    books = load_mapping("survey_themes").get("staff_survey") or {}
    for key, spec in survey_questions("staff_survey").items():
        if spec.get("family") == "free_text" and key in respondents.columns and books.get(key):
            return key
    return None


def question_wording(key: str) -> str:
    """How the review's staff survey words question ``key``, for text that names the question.

    Its ``question`` text in the review's survey mapping (``survey_questions.yml``), else its
    ``short`` label, else the key.
    """
    spec = survey_questions("staff_survey").get(key) or {}
    return str(spec.get("question") or spec.get("short") or key).strip()


#: The line shown where the themes of staff comments are left out.
NO_THEMES = (
    "Themes of staff comments are left out: the survey has no free-text question with a "
    "codebook of themes (survey_themes.yml, under staff_survey: the question's key)."
)


def choice_questions(respondents: pd.DataFrame) -> dict[str, str]:
    """The tick-all-that-apply questions of the staff survey the export holds: key -> short label.

    Those of the review's mapping with ``multiple: true`` whose family is a choice family (not a
    scale), in mapping order (the demo survey: ``training_focus``).
    """
    scored = scored_families()
    return {
        key: str(spec.get("short", key))
        for key, spec in survey_questions("staff_survey").items()
        if spec.get("multiple")
        and spec.get("family") not in scored
        and spec.get("family") != "free_text"
        and key in respondents.columns
    }


def themes_table(
    cfg, respondents: pd.DataFrame, period: str, question: str = "improvement"
) -> TidyTable:
    """Themes of the comments on improving satisfaction, per service, most mentioned first.

    Per service: comments mentioning each theme (people: one comment per respondent) and that
    number as a percentage of the service's comments
    (:func:`~pipelines.sections.surveys.themes.theme_counts`; "No theme matched" last).
    """
    services = list(cfg.services)
    book = svt.codebook("staff_survey", question)
    counts = svt.theme_counts(respondents, question, book, services)
    columns: dict[str, Column] = {"theme": Column("Theme")}
    tidy = {"Theme": "theme"}
    labels = list(counts.columns[1:])
    for i in range(len(services)):
        count, share = labels[2 * i], labels[2 * i + 1]
        tidy[count], tidy[share] = f"comments_{i}", f"comments_percent_{i}"
        columns[f"comments_{i}"] = Column(count, Kind.PEOPLE)
        columns[f"comments_percent_{i}"] = Column(
            share, Kind.PERCENT_OF_PEOPLE, numerator=f"comments_{i}", format="{:.0f}"
        )
    return TidyTable(
        name="themes",
        frame=counts.rename(columns=tidy),
        columns=columns,
        caption="Themes in staff comments on improving satisfaction, by service"
        if question == "improvement"
        else "Themes in staff comments, \u201c"
        + str(survey_questions("staff_survey")[question].get("short", question))
        + "\u201d, by service",
        source=cfg.datasets["staff_survey"].source,
        period=period,
    )


def least_positive_figures(cfg, tables: Mapping[str, TidyTable]) -> list[Figure]:
    """Each service's least positive answer, read from its results table.

    ``survey_least_positive_<service>``: the highest average of any question (1 = most
    positive, :attr:`Kind.MEAN_SCORE`), its denominator the people who answered that question;
    value, row and column are the table's cell, measure and population its column's.
    """
    out = []
    for service in cfg.services:
        key = SERVICE_KEYS.get(service)
        table = tables.get(f"results_{service}")
        if not key or table is None:
            continue
        scored = table.frame.dropna(subset=["average"])
        if scored.empty:
            continue
        i = int(scored["average"].idxmax())
        row = table.frame.iloc[i]
        measure, population, period = table.identity("average", i)
        out.append(
            Figure(
                key=f"survey_least_positive_{key}",
                label=f"{service} staff survey: least positive answer, "
                f"\u201c{row['question']}\u201d (average, 1 = most positive)",
                value=float(row["average"]),
                kind=Kind.MEAN_SCORE,
                denominator=float(row["answered"]),
                direction="lower",
                source=table.source,
                period=period,
                section=SECTION,
                table=table.name,
                row=row["question"],
                column=table.columns["average"].label,
                measure=measure,
                population=population,
            )
        )
    return out


def locum_figure(cfg, locum: pd.DataFrame, period: str) -> Figure:
    """``locum_felt_valued``: locums answering Yes to feeling valued by the authority.

    Percentage of all locums who responded (:attr:`Kind.PERCENT_OF_PEOPLE`); the locum summary
    table prints it in its "% of N respondents" column.
    """
    n = len(locum)
    yes = sv.yes_count(locum["valued_by_la"])
    return Figure(
        key="locum_felt_valued",
        label="Locums who felt valued by the authority (%)",
        value=100.0 * yes / n,
        kind=Kind.PERCENT_OF_PEOPLE,
        numerator=float(yes),
        denominator=float(n),
        direction="higher",
        source=cfg.datasets["locum_survey"].source,
        period=period,
        section=SECTION,
        # the question's own table of answers (the notebook shows one per question)
        table=f"locum_summary_{sv.survey_questions('locum_survey')['valued_by_la']['short']}",
        row="Yes",
        column=f"% of {n} respondents",
    )


def midpoint_materiality(fig: Figure) -> ProposedFinding | None:
    """A least positive answer on the dissatisfied side of the midpoint, as a finding.

    Materiality = (average - 3) x the people who answered: the points on the 1-5 scale by which
    their answers, added up, sit above what the midpoint would give ("answer points"). None at
    or below the midpoint (to 2 decimals, as printed).
    """
    if fig.value is None or sv.round_half_up(fig.value) <= sv.MIDPOINT or not fig.denominator:
        return None
    gap = fig.value - sv.MIDPOINT
    return ProposedFinding(
        fig.key, gap * float(fig.denominator), "answer points", "midpoint", sv.MIDPOINT
    )


def build(ctx, params: SurveysParameters | Mapping[str, object] | None = None) -> SectionResult:
    """The surveys section's result for a run (its ``SectionSpec.build``).

    Parameters
    ----------
    ctx : RunContext or FramesContext
        The run: ``ctx.review`` and ``ctx.frames()`` (the tidy datasets).
    params : SurveysParameters or mapping, optional
        The section's parameters in the meeting (defaults when None).

    Returns
    -------
    SectionResult
        Tables ``respondents``, ``results_<group>`` (:func:`groups`), ``distribution_<service>``
        (with a ``likert_<service>`` chart each), ``averages`` (the ``averages_by_service``
        chart), ``service_differences`` (two services or more) and ``themes`` (when the
        survey has a free-text question with a codebook, :func:`text_question`); the figures
        ``survey_least_positive_<service>`` read from the results tables and
        ``locum_felt_valued`` (when the review has a locum survey); the findings on
        least positive answers above the midpoint (:func:`midpoint_materiality`), most material
        first. Without the staff survey there are no staff tables or figures.

    """
    p = params if isinstance(params, SurveysParameters) else SurveysParameters(**dict(params or {}))
    cfg, frames = ctx.review, ctx.frames()
    # A survey's period is its dataset's in the review config (pipelines.core.data_periods),
    # the parameter only an override; without either the tables state no period.
    p = p.model_copy(
        update={
            k: getattr(p, k) or stated_period(cfg.datasets.get(name))
            for k, name in p.dataset_periods.items()
        }
    )
    tables: dict[str, TidyTable] = {}
    charts: dict[str, ChartSpec] = {}
    figures: list[Figure] = []
    if has(frames, "staff_survey", "staff_survey_answers") and "staff_survey" in cfg.datasets:
        staff, answers = frames["staff_survey"], frames["staff_survey_answers"]
        tables["respondents"] = respondents_table(cfg, staff, p.staff_period)
        tables.update(results_tables(cfg, staff, answers, p))
        for name, table in distribution_tables(cfg, answers, p.staff_period).items():
            service = name.removeprefix("distribution_")
            tables[name] = table
            charts[f"likert_{service}"] = ChartSpec(
                name=f"likert_{service}",
                table=name,
                chart="ratings",
                label="question",
                values=tuple(f"score_{k}" for k in sv.SCORES),
                title=sv.likert_title(table.labelled(), service),
            )
        averages = averages_table(cfg, tables, p.staff_period)
        if averages is not None:
            pair = {
                s: tables[f"results_{s}"].labelled()
                for s in list(cfg.services)[:2]
                if f"results_{s}" in tables
            }
            tables["averages"] = averages
            charts["averages_by_service"] = ChartSpec(
                name="averages_by_service",
                table="averages",
                chart="averages",
                label="question",
                values=tuple(c for c in averages.columns if c != "question"),
                title=sv.averages_title(pair),
            )
        differences = differences_table(cfg, answers, p.staff_period)
        if differences is not None:
            tables["service_differences"] = differences
        question = text_question(staff)
        if question is not None:
            tables["themes"] = themes_table(cfg, staff, p.staff_period, question)
        figures += least_positive_figures(cfg, tables)
    if has(frames, "locum_survey") and "locum_survey" in cfg.datasets:
        figures.append(locum_figure(cfg, frames["locum_survey"], p.locum_period))
    proposed = [m for f in figures if f.kind is Kind.MEAN_SCORE and (m := midpoint_materiality(f))]
    proposed.sort(key=lambda m: -m.materiality)
    periods = tuple((name, getattr(p, k)) for k, name in p.dataset_periods.items())
    return SectionResult(
        SECTION, tuple(figures), tables, tuple(proposed), charts, notes={"periods": periods}
    )


def build_section(ctx, params: Mapping[str, object] | None = None) -> SectionResult:
    """The section's result for this run, built once per meeting and then read back.

    What the notebook calls (``result = build_section(ctx, params)``):
    :func:`pipelines.core.section_build.build_section` for this section.
    """
    from pipelines.core.section_build import build_section as build_any

    return build_any(ctx, SECTION, params)
