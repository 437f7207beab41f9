"""Synthetic survey exports for the Luton demo: permanent staff survey and Guidant locum survey.

Luton's agenda item 6 report of 21 September 2016 summarises two surveys: a permanent staff
survey of early 2016 (Appendix 1 prints the survey tool's summary for adults' respondents, for
children's respondents and for both together: "N out of M people answered", "Average: x.xx") and
a locum survey run by Guidant in November 2015 (paragraphs 16-22: a few percentages and the
answers to three open questions). This module invents respondent-level exports, as an online
survey tool gives them, whose summaries reproduce the printed figures exactly:

* ``staff_survey_2016.csv`` - one row per respondent (61: 43 Adult Social Care, 18 Children's
  Social Care), question texts as headers, answers as the tool's labels or numbers, blanks where
  a question was skipped, the service (the survey link the respondent used) and the free-text
  improvement question;
* ``locum_survey_guidant_2015-11.csv`` - one row per locum (31);
* ``survey_figures_published_2016-09.csv`` - the survey figures the paper printed, typed in one
  row per figure (this is a transcription of the published paper, not synthetic), which the pack
  checks against the respondent data;
* ``README-surveys.md`` - what the files are, how they were made and every choice made where the
  paper is silent.

For each service and question the printed average and count fix the number answering and the
sum of their scores (an average of N whole scores printed to 2 decimals fixes the sum); the
spread of scores around that average, who skipped which question and which respondent gave which
score are drawn from ``numpy.random.default_rng(SEED)``, so every run writes the same files.
"""

from __future__ import annotations

import csv
import io
import math
import pathlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pipelines.core.config import project_root
from pipelines.core.mappings import load_mapping

SEED = 20160301
"""Seed of the numpy ``Generator`` for the survey exports (1 March 2016, early in the survey)."""

REPO_ROOT = pathlib.Path(__file__).resolve().parents[3]
DEFAULT_OUT_DIR = REPO_ROOT / "data" / "raw" / "demo" / "luton-sw-2016"

STAFF_FILE = "staff_survey_2016.csv"
LOCUM_FILE = "locum_survey_guidant_2015-11.csv"
PUBLISHED_FILE = "survey_figures_published_2016-09.csv"
README_FILE = "README-surveys.md"

ASC = "Adult Social Care"
CSC = "Children's Social Care"
JOINT = "All respondents"
SERVICE_EXPORT = {ASC: "Adult Social Care", CSC: "Children's Services"}
"""Service as the survey tool records it (the name of the link each service was sent)."""
SERVICE_ANSWER_EXPORT = {ASC: "Adult Social Care", CSC: "Children Social Services"}
"""The answer options of question 1 as the tool prints them (Appendix 1, block 2)."""

RESPONDENTS = {ASC: 43, CSC: 18}
PRINTED_JOINT_RESPONDENTS = 61

# --- The published Appendix 1, as printed --------------------------------------------------
# key -> (answered as printed or None, average as printed or None), per block.
APPENDIX_ASC = {
    "service_answer": (42, None),
    "job_role": (40, "2.60"),
    "satisfaction_vs_1_year_ago": (41, "2.44"),
    "responds_to_staff_issues": (43, "3.00"),
    "changes_communicated_timely": (43, "3.02"),
    "positive_about_changes": (43, "2.60"),
    "opportunity_to_grow": (41, "2.68"),
    "empowered_to_take_decisions": (43, "2.53"),
    "supported_in_difficult_decisions": (43, "2.42"),
    "manager_recognises_strengths": (43, "2.23"),
    "positive_recognition_from_manager": (43, "2.19"),
    "manager_support_in_improvement": (43, "2.33"),
    "peer_mentoring_and_support": (42, "2.26"),
    "sense_of_accomplishment": (41, "2.22"),
    "training_for_current_role": (41, "2.46"),
    "learning_and_growth_opportunities": (43, "2.60"),
    "training_focus": (42, None),
    "recommend_as_place_to_work": (42, "2.40"),
}
APPENDIX_CSC = {
    "service_answer": (18, None),
    "job_role": (18, "2.78"),
    "satisfaction_vs_1_year_ago": (17, "2.53"),
    "responds_to_staff_issues": (None, "3.22"),
    "changes_communicated_timely": (None, "3.24"),
    "positive_about_changes": (None, "3.17"),
    "opportunity_to_grow": (None, "3.11"),
    "manager_support_in_improvement": (18, "2.78"),
    "peer_mentoring_and_support": (18, "2.00"),
    "sense_of_accomplishment": (18, "2.28"),
    "training_for_current_role": (18, "3.28"),
    "learning_and_growth_opportunities": (18, "3.28"),
    "training_focus": (18, None),
    "recommend_as_place_to_work": (18, "2.33"),
}
APPENDIX_JOINT = {
    "service_answer": (58, None),
    "job_role": (59, "2.63"),
    "satisfaction_vs_1_year_ago": (58, "2.48"),
    "responds_to_staff_issues": (61, "3.05"),
    "changes_communicated_timely": (60, "3.10"),
    "positive_about_changes": (61, "2.77"),
    "opportunity_to_grow": (60, "2.78"),
    "empowered_to_take_decisions": (61, "2.57"),
    "supported_in_difficult_decisions": (60, "2.48"),
    "manager_recognises_strengths": (61, "2.38"),
    "positive_recognition_from_manager": (61, "2.38"),
    "manager_support_in_improvement": (61, "2.46"),
    "peer_mentoring_and_support": (60, "2.18"),
    "sense_of_accomplishment": (59, "2.24"),
    "training_for_current_role": (59, "2.71"),
    "learning_and_growth_opportunities": (61, "2.80"),
    "training_focus": (60, None),
    "recommend_as_place_to_work": (60, "2.38"),
}
APPENDIX_CSC_SERVICE_BREAKDOWN = (
    (CSC, 18, "Children Social Services 18 / 100%"),
    (ASC, 0, "Adult Social Care 0 / 0%"),
)

# Children's figures the appendix does not print, and the demo's choice for them.
CSC_ANSWERED_CHOSEN = {
    # Printed average without its count: the only count of 18 or fewer that gives the average.
    "responds_to_staff_issues": 18,
    "changes_communicated_timely": 17,
    "positive_about_changes": 18,
    "opportunity_to_grow": 18,
}
CSC_CHOSEN = {
    # Questions missing from block 2: the count and score sum that make the joint block's
    # printed figure the exact union of blocks 1 and 2 (answered, score sum).
    "empowered_to_take_decisions": (18, 48),
    "supported_in_difficult_decisions": (17, 45),
    "manager_recognises_strengths": (18, 49),
    "positive_recognition_from_manager": (18, 51),
}

# Questions the tool exports as numbers (the appendix prints no labels for them, or, for the
# recommend question, the numbers 1-5 with labels at 1, 3 and 5); the others as labels.
NUMERIC_EXPORT = (
    "job_role",
    "satisfaction_vs_1_year_ago",
    "learning_and_growth_opportunities",
    "recommend_as_place_to_work",
)

TRAINING_OPTIONS = (
    "Post-qualifying and specialist training",
    "Management and leadership development",
    "Practice educator training",
    "Court skills and legal literacy",
    "Reflective supervision",
    "Routes to qualify for unqualified staff",
)
TRAINING_PROBS = {  # chance each option is ticked, by service (invented)
    ASC: (0.45, 0.30, 0.35, 0.10, 0.30, 0.40),
    CSC: (0.55, 0.25, 0.20, 0.45, 0.40, 0.15),
}

SURVEY_DATES = ("11/01/2016", "12/02/2016")  # first and last day responses were submitted

# --- Free text: improvement question -------------------------------------------------------
# Sentences per theme (written for the demo; the three "Some individual responses" of para 31
# and the children's themes of para 29 are quoted as published). Each comment is a designed
# combination of themes; sentences are taken from each theme's list in turn.
SENTENCES = {
    "communication": (
        "The need for better communication about changes.",
        "Communicate changes to us before they happen, not after.",
        "We often hear about changes from other services first; better communication would help.",
        "Give more notice about changes to teams and processes.",
        "Keep us informed about the restructure in good time.",
        "Better communication from senior managers about what is changing and why.",
        "Regular briefings from the service director would help staff understand the changes.",
        "Changes to duty arrangements were communicated by e-mail the day before.",
        "Tell us about changes to procedures before they start, not afterwards; the communication"
        " is poor.",
        "More notice about changes to rotas and office moves.",
    ),
    "consistency": (
        "Managers to be consistent in how they operate.",
        "It depends on which manager you have - the same rules should apply to everyone.",
        "Team managers should apply policies consistently across the service.",
        "Consistency between team managers on caseload allocation and leave.",
        "Decisions on flexible working are not consistent from one manager to the next.",
    ),
    "valued": (
        "Staff need to feel valued for the work we do.",
        "A simple thank you from senior managers would go a long way.",
        "Recognise the staff who stay and keep the service going.",
        "We feel undervalued compared with agency staff.",
        "Show that experienced staff are appreciated.",
        "Value the permanent staff.",
    ),
    "listened": (
        "Listen to staff when they have concerns or worries.",
        "Managers should listen when we raise concerns.",
        "Ask staff what would help before making decisions.",
        "We raise worries in team meetings but they are not heard.",
        "Seek solutions from staff rather than consultants",
    ),
    "induction": (
        "The induction for new starters needs to be improved.",
        "My induction was two days of computer training; a proper induction programme is needed.",
        "New starters should have a mentor for the first few weeks.",
        "Inductions vary from team to team.",
        "A written induction pack for each team.",
    ),
    "progression": (
        "Offer clear pathways for progression including unqualified staff to become qualified "
        "but now always the Open University route",
        "There is no clear career progression for senior practitioners.",
        "More development opportunities for experienced social workers.",
    ),
    "workload": (
        "Caseloads are too high to do the job properly.",
        "Less paperwork and more time with families.",
        "Workload is unmanageable at times.",
        "Protected time to write up cases.",
    ),
    "across_teams": ("More positive integration and understanding of other team's roles",),
    "pay": (
        "Pay is behind neighbouring authorities.",
        "A market supplement for adults' social workers as well.",
    ),
    "environment": (
        "Parking near the office is a daily struggle.",
        "Laptops that work when we are out on visits.",
    ),
    "none": (
        "Nothing in particular, I am happy where I am.",
        "More chances to work from home.",
    ),
    # Synthetic personal details, so that redaction for the public variant can be tested.
    "pii_name_1": ("I raised this with my manager, Jordan Testwell, last year.",),
    "pii_email": ("If you want examples, e-mail me at t.placeholder@example.org.",),
    "pii_phone_1": ("Happy to talk about it - ring me on 07700 900461.",),
    "pii_name_phone": (
        "Priya Samplewood in the duty team feels the same; her number is 01632 960118.",
    ),
}

COMMENTS = {
    # 15 of the 18 children's respondents wrote something.
    CSC: (
        ("communication", "consistency"),
        ("valued", "listened"),
        ("communication", "valued"),
        ("consistency", "listened"),
        ("communication",),
        ("communication", "listened", "workload"),
        ("valued",),
        ("consistency", "communication"),
        ("listened", "valued"),
        ("communication", "workload"),
        ("consistency", "pii_name_1"),
        ("valued", "communication"),
        ("listened",),
        ("communication", "consistency", "valued"),
        ("workload", "listened"),
    ),
    # 26 of the 43 adults' respondents wrote something: more varied (para 30).
    ASC: (
        ("communication",),
        ("induction",),
        ("valued", "communication"),
        ("workload",),
        ("communication", "induction"),
        ("progression",),
        ("valued",),
        ("across_teams",),
        ("listened",),
        ("communication", "valued"),
        ("induction", "pii_email"),
        ("pay",),
        ("environment",),
        ("communication",),
        ("progression", "valued"),
        ("none",),
        ("induction",),
        ("workload", "pay"),
        ("communication", "pii_phone_1"),
        ("valued",),
        ("environment", "workload"),
        ("progression",),
        ("induction", "communication"),
        ("none",),
        ("listened", "valued"),
        ("communication", "pii_name_phone"),
    ),
}

# --- Locum survey ------------------------------------------------------------------------
LOCUM_RESPONDENTS = 31
LOCUM_NOT_VALUED_BY_LA = 6  # 25 of 31 valued (80.6%; printed "80%")
LOCUM_NOT_VALUED_BY_TM = 3  # 28 of 31 valued (90.3%; printed "90%")
LOCUM_NOT_VALUED_BY_EITHER = 1
LOCUM_YEARS = {"More than 3 years": 29, "1-3 years": 1, "Less than 1 year": 1}
LOCUM_NO_INDUCTION = 11

LOCUM_REASONS = {
    "money": (
        "More money.",
        "Financial.",
        "The money is better.",
        "Financial reasons mainly.",
        "Better pay than a permanent post.",
    ),
    "independence": (
        "Independent and choice.",
        "Freedom of work placements to work where you want to work and move between jobs.",
        "I can choose where I work.",
        "Independence.",
    ),
    "variety": (
        "Broaden my experience in various local authorities.",
        "Variety.",
        "Variety of work in different authorities.",
    ),
    "long": (
        "Changes after more than 10 years in long term employment.",
        "A change after more than 12 years in long term employment.",
        "Changes after more than 20 years in long term employment.",
    ),
    "overworked": ("Overworked as an employee and expected to do more and more",),
    "commit": ("Didn't want to commit to a permanent role",),
    "qualified": (
        "Because Local Authorities prefer to employ people with a year to three years' "
        "experience, leaving people like me, who had just qualified out in the cold.",
    ),
    "efficient": ("More efficient in getting a job (permanent recruitment takes months)",),
    "practice": (
        "Focus on practice and doing the job, rather than the politics of the organisation.",
    ),
}
LOCUM_DISADVANTAGES = {
    "holiday": ("No holiday pay.", "No paid leave."),
    "sick": ("No sickness pay.", "No sick pay if I am ill."),
    "pension": ("No pension.", "No employer pension."),
    "insecurity": (
        "Unpredictability.",
        "There is no stability, job security or employment rights.",
        "No job security.",
    ),
    "travel": ("Being away from home.", "Travelling."),
    "training": (
        "Don't get same training opportunities that permanent staff get.",
        "Less access to training.",
    ),
    "notice": ("1 week notice period.", "Only one week's notice."),
    "belonging": (
        "Getting to know a new staff group and managers.",
        "Not feeling a 'belonging' to the team.",
        "Not fitting in and have to leave.",
    ),
    "weekly": ("Weekly salary.", "Being paid weekly."),
    "childrens": ("As a children's social worker here I was never made to feel part of the team.",),
}
LOCUM_PERMANENT = {
    "salary": (
        "Salary.",
        "Good payment package.",
        "Salary match which is close to agency rates.",
        "Better pay incentive.",
        "Golden Hello.",
    ),
    "pension": (
        "Being able to re-activate a dormant/frozen pension.",
        "Re-activating my frozen pension.",
    ),
    "relocation": ("Re-location package.", "A relocation package."),
    "parking": ("Better and less expensive parking",),
    "clarity": (
        "Clarity of role, not becoming a generic worker, realistically being able to "
        "achieve workload to expected standard within paid hours,",
    ),
    "closer": ("Being closer to home",),
    "flexible": ("Flexible working hours",),
    "remote": ("Remote working",),
    "stimulating": ("A position which is stimulating and interests me.",),
    "part_time": ("A part time position (25-30 hrs a week)",),
    "promotion": ("Promotion",),
    "learning": (
        "A learning and innovative authority that strives for best practice and "
        "development, diverse communities reflective in senior management and strategy, "
        "a supportive team with varied expertise, focus on practice and achieving "
        "outcomes for clients rather than focus on targets or processing information.",
    ),
}
# Designed answers to the three open questions, one tuple of themes per locum (None = skipped).
LOCUM_REASON_DESIGN = (
    ("money",),
    ("independence",),
    ("money", "variety"),
    ("long",),
    ("money",),
    ("qualified",),
    ("independence", "money"),
    ("variety",),
    ("money",),
    None,
    ("overworked",),
    ("money", "independence"),
    ("variety",),
    ("long",),
    ("money",),
    ("commit",),
    ("independence",),
    ("money", "variety"),
    ("efficient",),
    ("money",),
    ("independence", "variety"),
    ("practice",),
    ("money",),
    ("long",),
    None,
    ("variety", "money"),
    ("independence",),
    ("money",),
    ("independence",),
    ("variety",),
    ("money",),
)
LOCUM_DISADVANTAGE_DESIGN = (
    ("holiday", "sick"),
    ("pension",),
    ("childrens", "belonging"),
    ("insecurity", "holiday"),
    ("travel",),
    ("training", "notice"),
    ("weekly",),
    ("holiday", "pension"),
    ("insecurity",),
    None,
    ("sick", "notice"),
    ("belonging",),
    ("travel", "insecurity"),
    ("training",),
    ("holiday",),
    ("pension", "sick"),
    ("weekly", "notice"),
    None,
    ("belonging", "training"),
    ("insecurity", "travel"),
    ("holiday", "weekly"),
    ("notice",),
    ("sick",),
    None,
    ("pension", "insecurity"),
    ("belonging",),
    ("training", "travel"),
    ("holiday",),
    ("weekly", "pension"),
    ("insecurity", "sick"),
    ("travel", "belonging"),
)
LOCUM_PERMANENT_DESIGN = (
    ("salary",),
    ("salary", "pension"),
    ("relocation",),
    ("parking",),
    ("salary",),
    ("clarity",),
    ("salary", "relocation"),
    None,
    ("pension",),
    ("closer",),
    ("salary",),
    ("flexible",),
    ("salary", "pension"),
    ("remote",),
    None,
    ("stimulating",),
    ("salary", "relocation"),
    ("part_time",),
    ("salary",),
    ("promotion",),
    None,
    ("salary", "pension"),
    ("learning",),
    ("salary",),
    ("relocation", "salary"),
    None,
    ("salary",),
    ("pension", "salary"),
    ("salary",),
    ("salary",),
    ("relocation",),
)
LOCUM_NEITHER_INDEX = 2
"""The locum valued by neither (a children's social care professional, para 16): design row 3."""
LOCUM_JUST_QUALIFIED_INDEX = 5
"""The locum who had just qualified (the individual reason about 1-3 years' experience)."""


# --- Generation ----------------------------------------------------------------------------


def score_sum(answered: int, average_printed: str) -> int:
    """The whole-number score sum that ``answered`` scores need to print as ``average_printed``.

    Raises
    ------
    ValueError
        No whole-number sum gives the printed average (rounded half up to 2 decimals).

    """
    total = round(float(average_printed) * answered)
    for s in (total, total - 1, total + 1):
        if _round_half_up(s / answered) == average_printed:
            return s
    raise ValueError(f"no sum of {answered} scores averages {average_printed}")


def _round_half_up(x: float) -> str:
    return f"{math.floor(x * 100 + 0.5 + 1e-9) / 100:.2f}"


def score_counts(answered: int, total: int, spread: float) -> list[int]:
    """Counts of the scores 1..5 for ``answered`` answers summing to ``total``.

    The shape is a discretised bell around the average (standard deviation ``spread`` points),
    then single answers are moved one point up or down until the sum is exact, each time
    choosing the move that keeps the counts closest to the bell.
    """
    mean = total / answered
    weights = np.exp(-((np.arange(1, 6) - mean) ** 2) / (2 * spread**2))
    target = answered * weights / weights.sum()
    counts = np.floor(target).astype(int)
    for k in np.argsort(-(target - counts), kind="stable")[: answered - counts.sum()]:
        counts[k] += 1
    while (diff := total - int((counts * np.arange(1, 6)).sum())) != 0:
        step = 1 if diff > 0 else -1
        best = None
        for k in range(5):
            j = k + step
            if counts[k] and 0 <= j < 5:
                trial = counts.copy()
                trial[k] -= 1
                trial[j] += 1
                err = float(((trial - target) ** 2).sum())
                if best is None or err < best[0]:
                    best = (err, trial)
        counts = best[1]
    return [int(c) for c in counts]


@dataclass
class Respondent:
    """One synthetic respondent of the staff survey."""

    service: str
    mood: float  # latent: lower = more positive answers
    answers: dict
    comment: str | None = None
    respondent_id: str = ""
    submitted: str = ""


def block_targets() -> dict[str, dict[str, tuple[int, int | None]]]:
    """Per service and question: (number answering, score sum or None for unscored questions).

    Printed figures first; where the children's block prints an average without its count, the
    only feasible count; where it omits the question, :data:`CSC_CHOSEN`.
    """
    out: dict[str, dict[str, tuple[int, int | None]]] = {ASC: {}, CSC: {}}
    for service, block in ((ASC, APPENDIX_ASC), (CSC, APPENDIX_CSC)):
        for key, (answered, average) in block.items():
            n = answered if answered is not None else CSC_ANSWERED_CHOSEN[key]
            out[service][key] = (n, score_sum(n, average) if average else None)
    for key, target in CSC_CHOSEN.items():
        out[CSC][key] = target
    return out


#: Luton's own vocabulary (its survey's wording), laid over the shipped mapping tables.
LUTON_MAPPINGS = project_root() / "config" / "reviews" / "luton-sw-2016" / "mappings"


def _questions() -> dict[str, dict]:
    return load_mapping("survey_questions", overrides=LUTON_MAPPINGS)["staff_survey"]["questions"]


def _headers(dataset: str) -> dict[str, str]:
    columns = load_mapping("columns", overrides=LUTON_MAPPINGS)[dataset]
    return {k: v[0] for k, v in columns.items()}


def _label(family: str, score: int) -> str:
    return str(load_mapping("survey_scales")["scored"][family]["scores"][score][0])


def generate_staff(rng: np.random.Generator) -> tuple[list[Respondent], list[tuple]]:
    """The 61 staff survey respondents and the messy cells written into the export.

    Returns the respondents in submission order and a list of (respondent index, column key,
    clean label, label as written) for the label variants introduced.
    """
    questions = _questions()
    targets = block_targets()
    people: list[Respondent] = []
    for service in (ASC, CSC):
        people += [
            Respondent(service, float(rng.normal()), {}) for _ in range(RESPONDENTS[service])
        ]
    order = rng.permutation(len(people))
    people = [people[i] for i in order]
    for service in (ASC, CSC):
        group = [p for p in people if p.service == service]
        for key, (answered, total) in targets[service].items():
            skip = set(rng.choice(len(group), size=len(group) - answered, replace=False).tolist())
            answering = [p for i, p in enumerate(group) if i not in skip]
            family = questions[key]["family"]
            if key == "service_answer":
                for p in answering:
                    p.answers[key] = SERVICE_ANSWER_EXPORT[service]
            elif key == "training_focus":
                for p in answering:
                    ticked = [
                        o
                        for o, pr in zip(TRAINING_OPTIONS, TRAINING_PROBS[service], strict=True)
                        if rng.random() < pr
                    ]
                    ticked = ticked or [TRAINING_OPTIONS[int(rng.integers(len(TRAINING_OPTIONS)))]]
                    p.answers[key] = "; ".join(ticked)
            else:
                counts = score_counts(answered, total, float(rng.uniform(0.85, 1.25)))
                scores = np.repeat(np.arange(1, 6), counts)
                noise = rng.normal(scale=1.0, size=len(answering))
                ranked = sorted(range(len(answering)), key=lambda i: answering[i].mood + noise[i])
                for score, i in zip(scores, ranked, strict=True):
                    p = answering[i]
                    p.answers[key] = (
                        str(int(score)) if key in NUMERIC_EXPORT else _label(family, int(score))
                    )
    _add_comments(rng, people)
    days = _survey_days()
    picks = np.sort(rng.integers(0, len(days), size=len(people)))
    next_id = 4_471_052_000
    for p, d in zip(people, picks, strict=True):
        next_id += int(rng.integers(3, 60))
        p.respondent_id = str(next_id)
        p.submitted = days[int(d)]
    return people, _mess_up_labels(rng, people)


def _survey_days() -> list[str]:
    import datetime as dt

    first, last = (dt.datetime.strptime(d, "%d/%m/%Y").date() for d in SURVEY_DATES)
    return [
        (first + dt.timedelta(days=i)).strftime("%d/%m/%Y")
        for i in range((last - first).days + 1)
        if (first + dt.timedelta(days=i)).weekday() < 5
    ]


def _add_comments(rng: np.random.Generator, people: list[Respondent]) -> None:
    used = {theme: 0 for theme in SENTENCES}
    for service in (CSC, ASC):
        group = [p for p in people if p.service == service]
        writers = rng.choice(len(group), size=len(COMMENTS[service]), replace=False)
        # The least happy respondents write first: designed comments go to them in mood order.
        writers = sorted(writers.tolist(), key=lambda i: -group[i].mood)
        for i, themes in zip(writers, COMMENTS[service], strict=True):
            parts = []
            for theme in themes:
                pool = SENTENCES[theme]
                parts.append(pool[used[theme] % len(pool)])
                used[theme] += 1
            group[i].comment = " ".join(parts)


MESSY_LABELS = (
    ("lower case", str.lower),
    ("'nor' for 'or'", lambda s: s.replace(" or ", " nor ")),
    ("a space after the label", lambda s: s + " "),
)


def _mess_up_labels(rng: np.random.Generator, people: list[Respondent]) -> list[tuple]:
    """Write three label cells as exports sometimes do; return (person, key, clean, written)."""
    questions = _questions()
    cells = [
        (i, k)
        for i, p in enumerate(people)
        for k, v in p.answers.items()
        if k not in NUMERIC_EXPORT
        and questions[k]["family"] in load_mapping("survey_scales")["scored"]
    ]
    messy = []
    chosen: set[int] = set()
    for name, change in MESSY_LABELS:
        while True:
            i, k = cells[int(rng.integers(len(cells)))]
            clean = people[i].answers[k]
            if i not in chosen and (name != "'nor' for 'or'" or " or " in clean):
                break
        chosen.add(i)
        people[i].answers[k] = change(clean)
        messy.append((i, k, clean, people[i].answers[k], name))
    return messy


def staff_rows(people: Sequence[Respondent]) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the staff survey export (question headers as columns.yml lists)."""
    headers = _headers("staff_survey")
    keys = list(_questions())
    header = [
        headers["respondent_id"],
        "Date Submitted",
        headers["service"],
        *[headers[k] for k in keys],
    ]
    rows = []
    for p in people:
        rows.append(
            [
                p.respondent_id,
                p.submitted,
                SERVICE_EXPORT[p.service],
                *[(p.comment or "") if k == "improvement" else p.answers.get(k, "") for k in keys],
            ]
        )
    return header, rows


@dataclass
class Locum:
    """One synthetic locum survey respondent."""

    valued_by_la: str
    valued_by_team_manager: str
    years_qualified: str
    induction: str
    reason: str
    disadvantages: str
    permanent: str


def _texts(design: Sequence[tuple | None], pools: dict[str, tuple]) -> list[str]:
    used = {k: 0 for k in pools}
    out = []
    for themes in design:
        if themes is None:
            out.append("")
            continue
        parts = []
        for t in themes:
            parts.append(pools[t][used[t] % len(pools[t])])
            used[t] += 1
        out.append(" ".join(parts))
    return out


def generate_locums(rng: np.random.Generator) -> list[Locum]:
    """The 31 locum survey respondents, consistent with paragraph 16 of the report."""
    n = LOCUM_RESPONDENTS
    others = [i for i in range(n) if i != LOCUM_NEITHER_INDEX]
    picks = rng.permutation(others).tolist()
    no_la = {LOCUM_NEITHER_INDEX, *picks[: LOCUM_NOT_VALUED_BY_LA - 1]}
    no_tm = {
        LOCUM_NEITHER_INDEX,
        *picks[
            LOCUM_NOT_VALUED_BY_LA - 1 : LOCUM_NOT_VALUED_BY_LA - 1 + LOCUM_NOT_VALUED_BY_TM - 1
        ],
    }
    years = ["More than 3 years"] * n
    years[LOCUM_JUST_QUALIFIED_INDEX] = "Less than 1 year"
    one_to_three = [i for i in picks if i != LOCUM_JUST_QUALIFIED_INDEX][-1]
    years[one_to_three] = "1-3 years"
    no_induction = set(rng.choice(n, size=LOCUM_NO_INDUCTION, replace=False).tolist())
    reasons = _texts(LOCUM_REASON_DESIGN, LOCUM_REASONS)
    disadvantages = _texts(LOCUM_DISADVANTAGE_DESIGN, LOCUM_DISADVANTAGES)
    permanent = _texts(LOCUM_PERMANENT_DESIGN, LOCUM_PERMANENT)
    return [
        Locum(
            "No" if i in no_la else "Yes",
            "No" if i in no_tm else "Yes",
            years[i],
            "No" if i in no_induction else "Yes",
            reasons[i],
            disadvantages[i],
            permanent[i],
        )
        for i in range(n)
    ]


def locum_rows(locums: Sequence[Locum]) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the locum survey export."""
    h = _headers("locum_survey")
    header = [
        h["respondent_id"],
        h["valued_by_la"],
        h["valued_by_team_manager"],
        h["years_qualified"],
        h["induction"],
        h["reason_for_locum"],
        h["disadvantages"],
        h["what_would_make_permanent"],
    ]
    rows = [
        [
            f"GU-{1001 + i}",
            x.valued_by_la,
            x.valued_by_team_manager,
            x.years_qualified,
            x.induction,
            x.reason,
            x.disadvantages,
            x.permanent,
        ]
        for i, x in enumerate(locums)
    ]
    return header, rows


# --- Published figures (a transcription of the paper) --------------------------------------

PUBLISHED_HEADER = (
    "Survey",
    "Published in",
    "Service",
    "Question",
    "Answer",
    "Measure",
    "Printed",
    "Value",
)
STAFF = "Permanent staff survey"
LOCUM = "Locum survey"
REPORT = "Report para {}"
BLOCKS = (
    (ASC, "Appendix 1 (adults)", APPENDIX_ASC, RESPONDENTS[ASC]),
    (CSC, "Appendix 1 (children's)", APPENDIX_CSC, RESPONDENTS[CSC]),
    (JOINT, "Appendix 1 (joint)", APPENDIX_JOINT, PRINTED_JOINT_RESPONDENTS),
)


def published_rows() -> list[list[str]]:
    """The survey figures printed in the item 6 report and Appendix 1, one row per figure."""
    q = {k: v["question"] for k, v in _questions().items()}
    lq = {
        k: v["question"]
        for k, v in load_mapping("survey_questions")["locum_survey"]["questions"].items()
    }
    both = f"{ASC}; {CSC}"
    rows = [
        [STAFF, REPORT.format(23), JOINT, "", "", "respondents", "55 individuals responded", "55"],
        [STAFF, REPORT.format(23), ASC, "", "", "respondents", "41 from adult's social care", "41"],
        [
            STAFF,
            REPORT.format(23),
            CSC,
            "",
            "",
            "respondents",
            "17 from children's social care",
            "17",
        ],
        [
            STAFF,
            REPORT.format(24),
            JOINT,
            "",
            "1",
            "scale_label",
            "1 being very satisfied",
            "very satisfied",
        ],
        [
            STAFF,
            REPORT.format(24),
            JOINT,
            "",
            "5",
            "scale_label",
            "5 being unsatisfied",
            "unsatisfied",
        ],
        [
            STAFF,
            REPORT.format(25),
            JOINT,
            "",
            "",
            "questions_above_3",
            "only 1 question had an average response of above 3",
            "1",
        ],
        [
            STAFF,
            REPORT.format(25),
            JOINT,
            q["changes_communicated_timely"],
            "",
            "average",
            "The response was an average of 3.10",
            "3.10",
        ],
        [
            STAFF,
            REPORT.format(26),
            JOINT,
            q["peer_mentoring_and_support"],
            "",
            "lowest_average",
            "The best average score was 'How satisfied are you with the mentoring and support of "
            "your peers' - an average of 2.18",
            "2.18",
        ],
        [
            STAFF,
            REPORT.format(27),
            JOINT,
            q["recommend_as_place_to_work"],
            "",
            "average",
            "the average score was 2.38",
            "2.38",
        ],
        [
            STAFF,
            REPORT.format(28),
            CSC,
            "",
            "",
            "questions_above_3",
            "Children's social care professionals had more questions (6) with an average score of "
            "over 3",
            "6",
        ],
        [
            STAFF,
            REPORT.format(28),
            ASC,
            "",
            "",
            "questions_above_3",
            "compared to adults social care responses (two questions)",
            "2",
        ],
        [
            STAFF,
            REPORT.format(28),
            both,
            "",
            "",
            "highest_average",
            "none of the average scores were over 3.28",
            "3.28",
        ],
        [
            STAFF,
            REPORT.format(28),
            both,
            "",
            "",
            "respondents_ratio_over",
            "there were more than double the number of adult respondents",
            "2",
        ],
    ]
    for service, where, block, size in BLOCKS:
        rows.append(
            [
                STAFF,
                where,
                service,
                "",
                "",
                "respondents",
                f"N out of {size} people answered",
                str(size),
            ]
        )
        for key, (answered, average) in block.items():
            if answered is not None:
                rows.append(
                    [
                        STAFF,
                        where,
                        service,
                        q[key],
                        "",
                        "answered",
                        f"{answered} out of {size} people answered this question",
                        str(answered),
                    ]
                )
            if average is not None:
                rows.append(
                    [STAFF, where, service, q[key], "", "average", f"Average: {average}", average]
                )
            if service == CSC and key == "service_answer":
                for option, count, printed in APPENDIX_CSC_SERVICE_BREAKDOWN:
                    rows.append(
                        [STAFF, where, service, q[key], option, "count", printed, str(count)]
                    )
    p16 = REPORT.format(16)
    rows += [
        [LOCUM, p16, JOINT, "", "", "respondents", "received 31 respondents", "31"],
        [
            LOCUM,
            p16,
            JOINT,
            lq["valued_by_la"],
            "Yes",
            "percent",
            "80% felt valued by the LA",
            "80",
        ],
        [
            LOCUM,
            p16,
            JOINT,
            lq["valued_by_team_manager"],
            "Yes",
            "percent",
            "90% felt valued by their team manager",
            "90",
        ],
        [
            LOCUM,
            p16,
            JOINT,
            f"{lq['valued_by_la']}; {lq['valued_by_team_manager']}",
            "No",
            "count",
            "1 person felt that they were not valued by either their team manager or the LA",
            "1",
        ],
        [
            LOCUM,
            p16,
            JOINT,
            lq["years_qualified"],
            "More than 3 years",
            "percent",
            "93% of respondents had been qualified for more than 3 years",
            "93",
        ],
        [
            LOCUM,
            p16,
            JOINT,
            lq["years_qualified"],
            "1-3 years",
            "percent",
            "2% qualified for 1-3 years",
            "2",
        ],
        [
            LOCUM,
            p16,
            JOINT,
            lq["induction"],
            "No",
            "count",
            "11 didn't receive any form of an induction",
            "11",
        ],
    ]
    return rows


# --- Writing -------------------------------------------------------------------------------


def _csv_text(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def readme_text(
    people: Sequence[Respondent],
    messy: Sequence[tuple],
    locums: Sequence[Locum],
    staff_header: Sequence[str],
) -> str:
    """The README describing the survey files (written by :func:`write_survey_demo`)."""
    questions = _questions()
    scales = load_mapping("survey_scales")["scored"]
    targets = block_targets()
    n_comments = {s: sum(1 for p in people if p.service == s and p.comment) for s in (ASC, CSC)}
    row_of = {i: i + 2 for i in range(len(people))}
    lines = [
        "# Luton staff and locum surveys 2015-16 (synthetic demo data)",
        "",
        "**The respondent-level files are SYNTHETIC. No row describes a real person.** "
        "Respondent IDs, dates, who gave which answer and the free-text comments are invented.",
        "Only the *summaries* are real: they reproduce the survey figures printed in a public",
        "committee paper. `survey_figures_published_2016-09.csv` is not synthetic: it is the",
        "paper's survey figures typed in, one row per figure.",
        "",
        "## How they were made",
        "",
        "Written by `python -m pipelines.demo` (code: `pipelines/demo/surveys.py`,",
        f"`write_survey_demo`), deterministic: `numpy.random.default_rng({SEED})`. Rerunning",
        "writes identical files.",
        "",
        "Source: Luton Borough Council, Scrutiny Recruitment & Retention of Social Workers Task",
        "& Finish Group, 21 September 2016, agenda item 6, *Recruitment and retention activity",
        "undertaken by the People Directorate*, paragraphs 16-32 and Appendix 1. The figures are",
        "held in `shared/reference/seed_figures.yml` under `luton.permanent_staff_survey` and",
        "`luton.locum_survey`; `tests/surveys/` checks the pack's tables against them.",
        "",
        'For every service and scored question, the printed "N out of M people answered" and',
        '"Average" fix how many answered and the sum of their scores (an average of N whole',
        "scores printed to two decimals allows exactly one sum). The spread of scores around",
        "the average (a rounded bell curve with a standard deviation drawn between 0.85 and",
        "1.25 points, then adjusted one answer at a time to the exact sum), which respondents",
        "skipped a question, and who gave which score are random. Each respondent has a",
        "hidden 'mood' so that someone positive on one question tends to be positive on the",
        "others, as in real surveys.",
        "",
        "## Files",
        "",
        f"### `{STAFF_FILE}` - permanent staff survey, early 2016",
        "",
        f"UTF-8, comma separated, CRLF line ends, header on line 1, one row per respondent "
        f"({len(people)}: {RESPONDENTS[ASC]} {ASC}, {RESPONDENTS[CSC]} {CSC}), in order of "
        f"submission ({SURVEY_DATES[0]} to {SURVEY_DATES[1]}, working days).",
        "",
        "| Column | Meaning |",
        "|---|---|",
        f"| `{staff_header[0]}` | the survey tool's respondent number |",
        f"| `{staff_header[1]}` | date the response was submitted, dd/mm/yyyy (not used by "
        "the pack) |",
        f"| `{staff_header[2]}` | the service, from the survey link the respondent used (one "
        f"link per service): `{SERVICE_EXPORT[ASC]}` or `{SERVICE_EXPORT[CSC]}` |",
    ]
    for key, spec in questions.items():
        header = staff_header[3 + list(questions).index(key)].replace("|", "\\|")
        family = spec["family"]
        if family in scales:
            how = (
                "the number 1-5" if key in NUMERIC_EXPORT else "the label"
            ) + f" ({scales[family]['name'].lower()} scale)"
        elif family == "service_choice":
            how = (
                f"`{SERVICE_ANSWER_EXPORT[ASC]}` or `{SERVICE_ANSWER_EXPORT[CSC]}` (the "
                "respondent's own answer)"
            )
        elif family == "training_choice":
            how = "the options ticked, separated by `; `"
        else:
            how = "free text"
        lines.append(f"| {spec['number']}. `{header}` | {how}; blank if skipped |")
    lines += [
        "",
        "Question headers are the question texts exactly as Appendix 1 prints them (the",
        'statements with their prompt "Do you agree with the statement below?"). The free-text',
        "question is not printed in the paper; its wording is this demo's (para 29: \"When asked",
        'to write what could be done to improve levels of satisfaction").',
        "",
        "Answers: 1 is the most positive answer and 5 the most negative on every scored",
        "question (lower is better). Questions 2, 3, 16 and 18 are exported as numbers",
        "(the appendix prints no labels for 2, 3 and 16, and numbers 1-5 for 18); the others",
        "as the tool's labels. The appendix prints only the labels for 1, 3 and 5; the labels",
        "used for 2 and 4 (and all of the comparison scale, question 3) are this demo's choice,",
        "listed in `config/mappings/survey_scales.yml`:",
        "",
        "| Scale | 1 | 2 | 3 | 4 | 5 |",
        "|---|---|---|---|---|---|",
    ]
    for spec in scales.values():
        labels = [str(spec["scores"][k][0]) for k in range(1, 6)]
        lines.append(f"| {spec['name']} | " + " | ".join(labels) + " |")
    lines += [
        "",
        "Deliberate messiness (cleaning standardises these and logs it):",
        "",
    ]
    for i, key, clean, written, name in messy:
        col = staff_header[3 + list(questions).index(key)]
        lines.append(
            f"- row {row_of[i]}, `{col[:60]}{'...' if len(col) > 60 else ''}`: "
            f"`{written}` ({name}; means `{clean}`)."
        )
    lines += [
        "",
        "Counts answering and score sums (S) per service; *italics* mark the children's",
        "figures the appendix does not print (chosen here):",
        "",
        f"| Question | {ASC} answered | S | average | {CSC} answered | S | average |",
        "|---|---|---|---|---|---|---|",
    ]
    for key, spec in questions.items():
        if key not in targets[ASC]:
            continue
        a_n, a_s = targets[ASC][key]
        c_n, c_s = targets[CSC][key]
        c_printed = APPENDIX_CSC.get(key, (None, None))
        n_txt = str(c_n) if c_printed[0] is not None else f"*{c_n}*"
        s_txt = "" if c_s is None else (str(c_s) if c_printed[1] else f"*{c_s}*")
        avg_c = "" if c_s is None else _round_half_up(c_s / c_n)
        avg_c = avg_c if c_printed[1] or not avg_c else f"*{avg_c}*"
        lines.append(
            f"| {spec['number']}. {spec['short']} | {a_n} | {a_s or ''} | "
            f"{_round_half_up(a_s / a_n) if a_s else ''} | {n_txt} | {s_txt} | "
            f"{avg_c} |"
        )
    lines += [
        "",
        "Choices where the paper is silent:",
        "",
        "- Block 1 of Appendix 1 is not labelled; it is taken to be Adult Social Care (block 2",
        "  is 18/18 children's and block 3 is the joint 61 = 43 + 18). One adult respondent",
        "  skipped question 1 (42 of 43 answered), so the service comes from the survey link,",
        "  not from question 1.",
        "- Children's counts for questions 4-7 are not printed: the only count of 18 or fewer",
        "  that gives each printed average is used (18, 17, 18, 18).",
        "- Questions 8-11 are missing from the children's block: the demo uses the count and",
        "  score sum that make the joint block's printed figure exactly the union of the two",
        '  blocks (the pack shows these figures as "not published").',
        "- The joint block (block 3) is NOT reproduced where it disagrees with blocks 1 and 2",
        "  (for example question 2: 40 + 18 = 58 answered, printed 59). The respondent data",
        "  follow the two service blocks; the pack lists every disagreement.",
        "- Question 17 (training focus) prints no option counts: the options (listed in",
        "  `config/mappings/survey_scales.yml`) and how often each is ticked are invented.",
        f"- Free text: {n_comments[ASC]} of {RESPONDENTS[ASC]} adults' and {n_comments[CSC]} "
        f"of {RESPONDENTS[CSC]} children's respondents wrote a comment (invented shares).",
        "  Children's comments carry the themes of para 29 (communication about changes,",
        "  consistent managers, feeling valued, being listened to); adults' comments are more",
        "  varied (para 30: communication, notice of changes, valuing staff, induction). The",
        '  three individual responses of para 31 are quoted as printed (including "but now',
        '  always").',
        "- **Synthetic personal details in free text, for testing redaction:** two made-up",
        '  names ("Jordan Testwell", "Priya Samplewood"), one e-mail address at the reserved',
        "  domain example.org and two telephone numbers from Ofcom's ranges reserved for drama",
        "  (07700 900xxx, 01632 960xxx). They belong to nobody; the public version of a pack",
        "  must not show them.",
        "",
        f"### `{LOCUM_FILE}` - Guidant locum survey, November 2015",
        "",
        f"UTF-8, comma separated, one row per locum ({len(locums)}). Columns: "
        + ", ".join(f"`{h}`" for h in locum_rows(locums)[0])
        + ".",
        "The question wording is this demo's (the report paraphrases the questions). The",
        "report says the split between children's and adults' locums was not known, so there",
        "is no service column; one locum's answer identifies them as a children's social",
        "worker (the one who felt valued by neither the authority nor the team manager).",
        "",
        "Consistent with para 16 (percentages of 31):",
        "",
        f"- felt valued by the authority: {LOCUM_RESPONDENTS - LOCUM_NOT_VALUED_BY_LA} of 31 "
        '(80.6%; printed "80%");',
        f"- felt valued by their team manager: {LOCUM_RESPONDENTS - LOCUM_NOT_VALUED_BY_TM} of "
        '31 (90.3%; printed "90%");',
        f"- valued by neither: {LOCUM_NOT_VALUED_BY_EITHER};",
        "- years qualified: "
        + ", ".join(f"{k} {sum(x.years_qualified == k for x in locums)}" for k in LOCUM_YEARS)
        + ' (printed "93%" and "2%": 2% of 31 is not a whole person, so one locum is',
        '  placed at 1-3 years and the locum who "had just qualified" at less than 1 year);',
        f"- no induction: {LOCUM_NO_INDUCTION} of 31.",
        "",
        "Free text: the frequent responses of paras 18, 20 and 21 are given by several locums;",
        "each individual response of paras 19 and 22 by one, as printed. Skipped (invented):",
        f"{sum(not x.reason for x in locums)} the reason question, "
        f"{sum(not x.disadvantages for x in locums)} the disadvantages question and "
        f"{sum(not x.permanent for x in locums)} the question on becoming permanent.",
        "",
        f"### `{PUBLISHED_FILE}` - the survey figures as published",
        "",
        "One row per figure printed in the item 6 report (paras 16 and 23-28) and Appendix 1,",
        "typed in so that the pack can check them against the respondent data. Columns:",
        "`Survey`, `Published in` (the item 6 report's paragraph, or the block of Appendix 1:",
        "the first block is taken to be adults'), `Service` (`All respondents` for the joint",
        "block; two",
        "services separated by `; ` where a claim compares them), `Question` (as printed; two",
        'questions separated by `; ` for "not valued by either"), `Answer` (the option or',
        "scale point a figure is about), `Measure` (respondents, answered, average, count,",
        "percent, questions_above_3, lowest_average, highest_average, respondents_ratio_over,",
        "scale_label), `Printed` (the words as printed) and `Value`. Block 2's four missing",
        "questions and four missing counts are simply absent, as in the paper.",
        "",
    ]
    return "\n".join(lines)


def write_survey_demo(out_dir: pathlib.Path) -> list[pathlib.Path]:
    """Write the synthetic survey exports, the published figures and their README.

    Parameters
    ----------
    out_dir : pathlib.Path
        Folder to write into; created if missing. Files of the same names are overwritten.

    Returns
    -------
    list of pathlib.Path
        Staff survey CSV, locum survey CSV, published figures CSV, README-surveys.md.

    """
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    people, messy = generate_staff(rng)
    locums = generate_locums(rng)
    staff_header, staff = staff_rows(people)
    paths = [
        out_dir / STAFF_FILE,
        out_dir / LOCUM_FILE,
        out_dir / PUBLISHED_FILE,
        out_dir / README_FILE,
    ]
    for path, text in (
        (paths[0], _csv_text(staff_header, staff)),
        (paths[1], _csv_text(*locum_rows(locums))),
        (paths[2], _csv_text(PUBLISHED_HEADER, published_rows())),
    ):
        path.write_bytes(text.encode("utf-8"))
    paths[3].write_text(readme_text(people, messy, locums, staff_header), encoding="utf-8")
    return paths
