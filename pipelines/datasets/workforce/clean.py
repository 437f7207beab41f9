"""Tidy the workforce and cost exports: snapshot, pay rates, caseload extract, supplement register.

Four datasets feed the workforce and cost section (agenda item 6):

* ``workforce_snapshot`` - establishment, permanent, agency and vacant FTE by service, team, job
  title and grade at one date;
* ``pay_rates`` - annual pay per post and grade used for costing (salary, employer's National
  Insurance, market supplement, car allowance; pounds);
* ``caseloads`` - one row per case-holding social worker with cases by type;
* ``market_supplements`` - the market supplement register with its change on last year.

Labels are mapped through ``config/mappings/services.yml`` and ``config/mappings/workforce.yml``
(job titles, worker types, kinds of supplement change), so an officer can add a spelling without
code. Every problem names the file, the Excel row and the column; every fix is logged. Checks on
values (negative FTE, agency FTE above establishment, grades missing from the pay table) are in
:mod:`pipelines.datasets.workforce.validate`.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from pipelines.core.cells import is_blank
from pipelines.core.cleaning import (
    NO_CASES,
    CleaningLog,
    dataset_setting,
    register_table_cleaner,
)
from pipelines.core.cleaning_values import label_key, label_lookup
from pipelines.core.dataset_access import declare_grain
from pipelines.core.errors import Problem
from pipelines.core.mappings import load_mapping, mapping_file
from pipelines.core.sources import OPTIONAL_COLUMNS, RawTable
from pipelines.core.table_cleaner import TableCleaner

MAPPING_FILE = "workforce.yml"

FTE_COLUMNS = ("establishment_fte", "permanent_fte", "agency_fte", "vacant_fte")
SNAPSHOT_COLUMNS = [
    "service",
    "team",
    "job_title",
    "grade",
    "establishment_fte",
    "permanent_fte",
    "agency_fte",
    "vacant_fte",
]
PAY_COLUMNS = [
    "service",
    "job_title",
    "grade",
    "salary",
    "employer_ni",
    "market_supplement",
    "car_allowance",
]
CASE_TYPES = ["looked_after", "child_protection", "children_in_need", "care_leavers"]
CASELOAD_COLUMNS = [
    "worker_id",
    "service",
    "team",
    "job_title",
    "grade",
    "worker_type",
    "fte",
    "date_qualified",
    *CASE_TYPES,
    "total_cases",
]
SUPPLEMENT_COLUMNS = [
    "register_title",
    "service",
    "job_titles",
    "grades",
    "market_supplement",
    "compared_to_last_year",
    "change",
    "change_amount",
    "previous_supplement",
    "unit",
    "teams",
    "posts_paid",
    "post_refs",
]
#: Columns of the supplement register a council may leave out (blank when not in the export):
#: the service, the team(s) or org unit(s) a supplement is limited to, and the posts it is paid
#: to (a number of full-time posts, or the posts' references separated by ";").
SUPPLEMENT_OPTIONAL = ("service", "team", "posts")
OPTIONAL_COLUMNS["market_supplements"] = SUPPLEMENT_OPTIONAL


def workforce_mapping() -> dict:
    """The workforce label tables (``config/mappings/workforce.yml``)."""
    return load_mapping("workforce")


def job_title_table() -> dict[str, dict]:
    """Canonical job title -> its profession, case_holding flag and the spellings exports use."""
    return workforce_mapping()["job_titles"]


def _job_title_variants() -> dict[str, list[str]]:
    return {title: list(spec.get("variants") or []) for title, spec in job_title_table().items()}


def normalise_grade(value: object) -> str | None:
    """A pay grade as the pack writes it: upper case, no spaces (``" m1"`` -> ``"M1"``)."""
    if is_blank(value):
        return None
    return re.sub(r"\s+", "", str(value)).upper()


def parse_money(value: object) -> float:
    """Pounds from a cell such as ``2000``, ``"£2,000"`` or ``"2,000.50"``.

    Raises
    ------
    ValueError
        The cell is blank or not an amount of money.

    """
    if is_blank(value):
        raise ValueError("blank")
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace("\u00a3", "").replace(",", "").replace(" ", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise ValueError(str(value))
    return float(text)


def _money(c: TableCleaner, column: str) -> None:
    """Parse a money column in place, logging cells written as text with a pound sign.

    Read as :meth:`~pipelines.core.table_cleaner.TableCleaner.numbers`: a blank or error cell is a
    problem (never 0), and thousands separators and decimal commas are decided for the whole
    column (``£2.000,00`` is 2000 when the column writes amounts that way; ``£2,000`` next to
    ``£1.500,50`` is refused).
    """
    texted = sum(
        isinstance(v, str) and ("\u00a3" in v or "," in v) and not is_blank(v) for v in c.df[column]
    )
    before = len(c.problems)
    c.numbers(column, expected="an amount in pounds such as 2000 or £2,000")
    for i in range(before, len(c.problems)):
        p = c.problems[i]
        if p.what == "A number cannot be read.":
            c.problems[i] = replace(p, what="An amount of money cannot be read.")
    c.df[column] = c.df[column].astype(float)
    c.log.add(
        c.dataset, f"{c.header(column)}: amounts written as text with £ or commas read", texted
    )


def _grades(c: TableCleaner) -> None:
    if "grade" in c.absent:  # declared absent: blank, the tables by grade left out
        c.df["grade"] = None
        return
    before = c.df["grade"]
    after = before.map(normalise_grade)
    changed = int(((before.astype(str) != after.astype(str)) & after.notna()).sum())
    c.df["grade"] = after
    c.log.add(c.dataset, "Grades written in capitals without spaces", changed)
    for row, value in zip(c.df["source_row"], after, strict=True):
        if value is None:
            c.problem(
                "A grade is blank.",
                row,
                "grade",
                "(blank)",
                "a pay grade such as M1",
                "Fill in the grade in the export.",
            )


def _job_titles(c: TableCleaner) -> None:
    c.map_labels("job_title", _job_title_variants(), "job title", f"{MAPPING_FILE} (job_titles)")
    table = job_title_table()
    c.df["profession"] = c.df["job_title"].map(lambda t: table.get(t, {}).get("profession"))


def clean_workforce_snapshot(raw: RawTable, log: CleaningLog) -> tuple[pd.DataFrame, list[Problem]]:
    """Tidy the workforce snapshot: one row per service, team, job title and grade.

    Returns columns service, org_unit (the service cell as exported, before mapping: the org
    unit where the council's system writes one), team, job_title (pack title), profession,
    grade and the four FTE columns (establishment_fte, permanent_fte, agency_fte, vacant_fte;
    full-time equivalents, as exported), plus source_file and source_row; subtotal and total
    rows are dropped.
    """
    c = TableCleaner(raw, "Workforce snapshot", log)
    c.drop_blank_rows()
    c.drop_totals_rows("service", "team", "job_title", "grade")
    c.tidy(["service", "team", "job_title", "grade"])
    # The org unit as exported, before it is mapped to its service: a market supplement limited
    # to an org unit is costed on that unit's rows only.
    c.df["org_unit"] = c.df["service"]
    c.map_labels("service", load_mapping("services"), "service", "services.yml")
    _job_titles(c)
    _grades(c)
    for column in FTE_COLUMNS:
        c.numbers(column)
    c.drop_subtotals_by_sum(list(FTE_COLUMNS), ["service", "team", "job_title", "grade"])
    return c.finish(
        [
            "service",
            "org_unit",
            "team",
            "job_title",
            "profession",
            "grade",
            "establishment_fte",
            "permanent_fte",
            "agency_fte",
            "vacant_fte",
        ]
    ), c.problems


def clean_pay_rates(raw: RawTable, log: CleaningLog) -> tuple[pd.DataFrame, list[Problem]]:
    """Tidy the pay rates: one row per service, job title and grade, amounts in pounds a year.

    Returns columns service, job_title, grade, salary, employer_ni, market_supplement,
    car_allowance (pounds a year) and annual_cost (their sum: what one permanent post costs the
    council for a year on the published table's basis), plus source_file and source_row.
    """
    c = TableCleaner(raw, "Pay rates", log)
    c.drop_blank_rows()
    c.drop_totals_rows("service", "job_title", "grade")
    c.tidy(["service", "job_title", "grade"])
    c.map_labels("service", load_mapping("services"), "service", "services.yml")
    _job_titles(c)
    _grades(c)
    for column in PAY_PARTS:
        _money(c, column)
    given = [col for col in PAY_PARTS if col not in c.absent]
    c.df["annual_cost"] = c.df[given].sum(axis=1, min_count=len(given))
    left_out = [col for col in PAY_PARTS if col in c.absent]
    if left_out:
        c.log.add(c.dataset, pay_basis_line(left_out), 1)
    rule = dataset_setting("pay_rows")
    chosen: list[str] = []
    if rule and not c.problems:
        c.df, chosen = resolve_pay_rows(c.df, rule)
        for line in chosen:
            c.log.add(c.dataset, line, 1)
    table = c.finish([*PAY_COLUMNS, "annual_cost"])
    if left_out:
        table.attrs["pay_basis"] = pay_basis_line(left_out)
    if chosen:
        table.attrs["pay_rows"] = {"rule": rule, "choices": chosen}
    return table, c.problems


#: The amounts of a pay row whose sum is the annual cost of a post (pounds a year).
PAY_PARTS = ("salary", "employer_ni", "market_supplement", "car_allowance")
PAY_PART_WORDS = {
    "salary": "salary",
    "employer_ni": "employer's on-costs (National Insurance, pension)",
    "market_supplement": "market supplement",
    "car_allowance": "car allowance",
}


def pay_basis_line(left_out: list[str]) -> str:
    """The one line saying which amounts a post's annual cost leaves out (declared absent)."""
    words = ", ".join(PAY_PART_WORDS[c] for c in left_out)
    given = ", ".join(PAY_PART_WORDS[c] for c in PAY_PARTS if c not in left_out)
    return (
        f"The pay table has no {words} (declared absent in the review): a post's annual cost "
        f"is its {given} only, so the cost of a permanent post is understated by what it leaves "
        "out"
    )


PAY_AMOUNTS = ("salary", "employer_ni", "market_supplement", "car_allowance", "annual_cost")


def resolve_pay_rows(df: pd.DataFrame, rule: str) -> tuple[pd.DataFrame, list[str]]:
    """One pay row per service, job title and grade, chosen by the review's ``pay_rows`` rule.

    ``highest`` / ``lowest``: the row with the highest / lowest annual cost (salary, employer's
    NI, market supplement and car allowance, pounds a year); ``mean``: each amount the mean of
    the rows'; ``first``: the first row as listed. Returns the table and one line per post
    and grade resolved, naming the rows and the rate chosen (for the log and the table note).
    """
    keys = ["service", "job_title", "grade"]
    out, lines = [], []
    for key, group in df.groupby(keys, sort=False, dropna=False):
        if len(group) == 1:
            out.append(group)
            continue
        rows = ", ".join(str(int(r)) for r in group["source_row"])
        costs = ", ".join(f"£{v:,.0f}" for v in group["annual_cost"])
        if rule == "mean":
            row = group.iloc[[0]].copy()
            for column in PAY_AMOUNTS:
                row[column] = group[column].mean()
        else:
            at = {
                "highest": group["annual_cost"].idxmax(),
                "lowest": group["annual_cost"].idxmin(),
                "first": group.index[0],
            }[rule]
            row = group.loc[[at]]
        chosen = float(row["annual_cost"].iloc[0])
        lines.append(
            f"{key[1]} at {key[2]} in {key[0]}: {len(group)} pay rows (rows {rows}; annual cost "
            f"{costs}), costed at the {rule} (pay_rows: {rule}): £{chosen:,.0f}"
        )
        out.append(row)
    return (pd.concat(out) if out else df), lines


def _workers_without_cases(c: TableCleaner) -> None:
    """Leave out workers holding no cases; they are counted apart and noted for validation.

    The caseload extract is of case-holding workers: the DfE's average caseload is cases over
    the workers who hold at least one case, so a worker with no cases (on leave, newly
    started, a manager listed by the system) would pull the average down. The rows are left
    out of the tidy data, counted under :data:`~pipelines.core.cleaning.NO_CASES` in the rows
    table and listed by the check ``zero_caseloads`` (a warning by default).
    """
    if c.df.empty or c.df["total_cases"].isna().any():
        return
    none = c.df["total_cases"].astype(float) == 0
    if not none.any():
        return
    rows = [int(r) for r in c.df.loc[none, "source_row"]]
    ids = [str(x) for x in c.df.loc[none, "worker_id"]]
    c.df = c.df[~none]
    c.log.add(c.dataset, "Workers holding no cases left out of the caseloads", len(rows))
    c.log.exclude(c.raw.file, c.raw.sheet, NO_CASES, len(rows))
    c.note(
        "zero_caseloads",
        "Every worker in the caseload extract holds at least one case",
        "total_cases",
        [(r, f"worker {i}: 0 cases") for r, i in zip(rows, ids, strict=True)],
        what="Workers with no cases are in the caseload extract. They were counted apart and "
        "left out of the caseload figures, which are averages over case-holding workers (as "
        "the DfE counts them).",
        expected="one row per worker holding at least one case",
        hint="Nothing to do if these workers hold no cases (leave, newly started, managers); "
        "if they do hold cases, correct the counts in the extract.",
        affects="Workforce and costs: average caseloads and the workers counted against the "
        "caseload targets",
    )


#: The caseload extract's lines when its FTE or case types are declared absent.
NO_FTE_LINE = (
    "Caseloads: FTE declared absent in the review: each case-holding worker counted as 1.0 FTE "
    "(so cases per FTE are cases per worker)"
)
NO_CASE_TYPES_LINE = (
    "Caseloads: cases by type (looked after, child protection, in need, care leavers) declared "
    "absent in the review: the total cases only; the tables by case type are left out"
)


def clean_caseloads(raw: RawTable, log: CleaningLog) -> tuple[pd.DataFrame, list[Problem]]:
    """Tidy the caseload extract: one row per case-holding social worker.

    Returns columns worker_id, service, team, job_title, profession, grade, worker_type
    (Permanent or Agency), fte, date_qualified, the four case counts (looked_after,
    child_protection, children_in_need, care_leavers) and total_cases, plus source_file and
    source_row. A row whose Total Cases differs from the sum of its case types is a problem.
    Subtotal rows (labelled, or found by their sums) are left out, and so are workers holding
    no cases (counted apart: the check ``zero_caseloads``), so averages are over case-holders.
    """
    c = TableCleaner(raw, "Caseloads", log)
    c.drop_blank_rows()
    c.drop_totals_rows(
        "worker_id", "service", "team", "job_title", others_only_when_first_blank=True
    )
    c.tidy(["worker_id", "service", "team", "job_title", "grade", "worker_type"])
    c.map_labels("service", load_mapping("services"), "service", "services.yml")
    _job_titles(c)
    _grades(c)
    c.map_labels(
        "worker_type",
        workforce_mapping()["worker_types"],
        "worker type",
        f"{MAPPING_FILE} (worker_types)",
    )
    if "fte" in c.absent:
        # A case-holding worker counts as one full-time worker (the README's default).
        c.df["fte"] = 1.0
        c.log.add(c.dataset, NO_FTE_LINE, len(c.df))
    else:
        c.numbers("fte")
    c.dates("date_qualified")
    for column in [*CASE_TYPES, "total_cases"]:
        c.numbers(column, integer=True)
    types = [t for t in CASE_TYPES if t not in c.absent]
    if len(types) < len(CASE_TYPES):
        c.log.add(c.dataset, NO_CASE_TYPES_LINE, 1)
    if not c.problems and len(types) == len(CASE_TYPES):
        parts = c.df[CASE_TYPES].astype(int).sum(axis=1)
        for row, total, part in zip(c.df["source_row"], c.df["total_cases"], parts, strict=True):
            if int(total) != int(part):
                c.problem(
                    "The total cases do not add up.",
                    row,
                    "total_cases",
                    str(total),
                    f"the sum of the case types ({int(part)})",
                    "Correct the total or the counts by case type in the export.",
                )
    c.drop_subtotals_by_sum(
        [*types, "total_cases"],
        ["worker_id", "service", "team", "job_title", "grade", "worker_type"],
    )
    _workers_without_cases(c)
    return c.finish(
        [
            "worker_id",
            "service",
            "team",
            "job_title",
            "profession",
            "grade",
            "worker_type",
            "fte",
            "date_qualified",
            *CASE_TYPES,
            "total_cases",
        ]
    ), c.problems


SERVICE_IN_BRACKETS = re.compile(r"^(?P<title>.*?)\s*\((?P<service>[^()]*)\)\s*$")
CHANGE_BY = re.compile(
    r"^(?P<dir>increased|decreased|reduced)\s+by\s+(?P<amount>.+)$", re.IGNORECASE
)


def parse_register_title(text: str, services: dict[str, list[str]]) -> tuple[str | None, list[str]]:
    """Service and pack job titles named by a register entry.

    ``"Social Worker (Adult social care)"`` gives ``("Adult Social Care", ["Social Worker"])``;
    ``"Occupational Therapist / Senior Occupational Therapist Practitioner (Children's social
    care)"`` gives two titles; an entry without a service in brackets applies to every service
    (service None). Titles not in ``workforce.yml`` are left out (e.g. "Youth Justice
    Officers", which the workforce snapshot does not cover). The words in brackets, which may
    name a team or org unit rather than a service, are :func:`parse_register_entry`'s third
    value.
    """
    service, titles, _ = parse_register_entry(text, services)
    return service, titles


def parse_register_entry(
    text: str, services: dict[str, list[str]]
) -> tuple[str | None, list[str], str | None]:
    """Service, pack job titles and the words in brackets of a register entry's title.

    The words in brackets are kept as printed (``unit``) whether or not they map to a service:
    a review's own ``services.yml`` maps its org units to their service, so
    ``"Social Worker (CSC - Safeguarding North)"`` gives the service Children's Social Care and
    the unit "CSC - Safeguarding North", and the section costs the entry on that unit's posts
    only (never on the whole service) when the workforce snapshot has such a unit or team.
    Words in brackets that name no service leave the service None and are still the unit
    (``"Social Worker (Family Safeguarding)"``: job title Social Worker, unit "Family
    Safeguarding").
    """
    service = None
    title = text
    unit = None
    lookup = label_lookup(_job_title_variants())
    m = SERVICE_IN_BRACKETS.match(text)
    if m and label_key(text) not in lookup:  # "Specialist Practitioner (OT)" is one title
        service = label_lookup(services).get(label_key(m.group("service")))
        if service is not None or any(
            label_key(t) in lookup for t in re.split(r"\s+/\s+", m.group("title"))
        ):
            title = m.group("title")
            unit = unit_named(m.group("service"))
    titles = [lookup[label_key(t)] for t in re.split(r"\s+/\s+", title) if label_key(t) in lookup]
    return service, titles, unit


def shipped_service_labels() -> set[str]:
    """Matching keys of every service spelling in the shipped ``config/mappings/services.yml``.

    Not the review's own ``services.yml``, which also maps its org units and teams to their
    service: a register entry naming one of those is limited to it.
    """
    import yaml

    from pipelines.core.mappings import mappings_dir

    shipped = yaml.safe_load((mappings_dir() / "services.yml").read_text(encoding="utf-8")) or {}
    return {label_key(v) for canon, variants in shipped.items() for v in [canon, *(variants or [])]}


def unit_named(text: object) -> str | None:
    """The team or org unit a register entry names, or None when ``text`` is a service's name.

    ``"Children's social care"`` (a spelling of a service in the shipped mapping) names no
    unit; ``"CSC - Safeguarding North"`` (an org unit the review maps to its service) or
    ``"Family Safeguarding"`` does.
    """
    if is_blank(text):
        return None
    words = str(text).strip()
    return None if label_key(words) in shipped_service_labels() else words


def parse_posts(value: object) -> tuple[float | None, str | None]:
    """The posts a register entry is paid to: a number of full-time posts, or references.

    ``43`` or ``"43"`` gives ``(43.0, None)``; ``"P1041; P1042, P1187"`` gives ``(3.0,
    "P1041; P1042; P1187")`` (each reference one full-time post); blank gives ``(None, None)``.
    """
    if is_blank(value):
        return None, None
    if isinstance(value, int | float):
        return float(value), None
    text = str(value).strip()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text), None
    refs = [r.strip() for r in re.split(r"[;,\n]", text) if r.strip()]
    return float(len(refs)), "; ".join(refs)


def parse_change(
    text: str | None, changes: dict[str, list[str]]
) -> tuple[str | None, float | None]:
    """Kind of change on last year and its amount in pounds (increase positive).

    ``"same"`` gives ``("Same", 0)``, ``"New"`` ``("New", None)`` (no supplement last year),
    ``"Increased by £1,500"`` ``("Increased", 1500)``, ``"Decreased by £500"``
    ``("Decreased", -500)``. Unknown wording gives ``(None, None)``.
    """
    if text is None:
        return None, None
    m = CHANGE_BY.match(text.strip())
    if m:
        amount = parse_money(m.group("amount"))
        if m.group("dir").lower() == "increased":
            return "Increased", amount
        return "Decreased", -amount
    kind = label_lookup(changes).get(label_key(text))
    if kind == "Same":
        return "Same", 0.0
    return kind, None


def clean_market_supplements(raw: RawTable, log: CleaningLog) -> tuple[pd.DataFrame, list[Problem]]:
    """Tidy the market supplement register: one row per register entry, in register order.

    Returns register_title (as printed), service (None when the entry applies to every
    service), job_titles and grades (the pack titles and grades the entry covers, joined with
    "; " and "/"), market_supplement (pounds a year per full-time post), compared_to_last_year
    (as printed), change (Same, Increased, Decreased, New or Withdrawn), change_amount (pounds;
    blank for New and Withdrawn) and previous_supplement (last year's supplement in pounds: the
    current one less the change; 0 for a new supplement), plus source_file and source_row.

    The population an entry is paid to, as the register names it (the section costs it on that
    population and no other): ``unit`` (the words in brackets after the job title, or the
    register's Service column where that names an org unit rather than a service: a team or
    org unit the section looks for in the workforce snapshot), ``teams`` (the register's Team
    column, several separated by ";"), ``posts_paid`` and ``post_refs`` (the register's Posts
    column: a number of full-time posts, or the posts' references, one full-time post each;
    :func:`parse_posts`). Blank where the register does not say.
    """
    c = TableCleaner(raw, "Market supplements", log)
    for column in SUPPLEMENT_OPTIONAL:
        if column not in c.df.columns:
            c.df[column] = None
    c.drop_blank_rows()
    c.drop_totals_rows("job_title")
    c.tidy(["job_title", "grade", "compared_to_last_year", "service", "team"])
    _money(c, "market_supplement")
    services = load_mapping("services")
    changes = workforce_mapping()["supplement_changes"]
    known = ", ".join(f'"{k}"' for k in changes) + ', "Increased by £…" or "Decreased by £…"'
    svc, titles, grades, kinds, amounts, previous = [], [], [], [], [], []
    units, teams, posts, refs = [], [], [], []
    service_lookup = label_lookup(services)
    for row, title, grade, supplement, compared, named_service, team, paid in zip(
        c.df["source_row"],
        c.df["job_title"],
        c.df["grade"],
        c.df["market_supplement"],
        c.df["compared_to_last_year"],
        c.df["service"],
        c.df["team"],
        c.df["posts"],
        strict=True,
    ):
        if title is None:
            c.problem(
                "A register entry has no job title.",
                row,
                "job_title",
                "(blank)",
                "the job title the supplement is paid to",
                "Fill in the job title.",
            )
        service, found, unit = parse_register_entry(title or "", services)
        if named_service is not None:
            service = service_lookup.get(label_key(named_service))
            if service is None:
                c.problem(
                    "The service of a register entry is not known.",
                    row,
                    "service",
                    named_service,
                    "one of: " + ", ".join(f'"{k}"' for k in services),
                    "Correct the service, or add it (an org unit of the service) to "
                    f"{mapping_file('services')} under the service it belongs to.",
                )
            unit = unit_named(named_service) or unit  # an org unit: costed on that unit only
        units.append(unit)
        teams.append(
            "; ".join(t.strip() for t in str(team).split(";") if t.strip()) if team else None
        )
        n_posts, post_refs = parse_posts(paid)
        posts.append(n_posts)
        refs.append(post_refs)
        svc.append(service)
        titles.append("; ".join(found) if found else None)
        grades.append(
            "/".join(g for g in (normalise_grade(x) for x in str(grade or "").split("/")) if g)
            or None
        )
        try:
            kind, amount = parse_change(compared, changes)
        except ValueError:
            kind, amount = None, None
        if kind is None:
            c.problem(
                "The change on last year cannot be read.",
                row,
                "compared_to_last_year",
                "(blank)" if compared is None else compared,
                f"one of: {known}",
                f"Correct the entry, or add its wording to {MAPPING_FILE} under "
                "supplement_changes.",
            )
        kinds.append(kind)
        amounts.append(amount)
        if kind == "New":
            previous.append(0.0)
        elif kind == "Withdrawn" or amount is None or pd.isna(supplement):
            previous.append(None)
        else:
            previous.append(float(supplement) - amount)
    c.df["register_title"] = c.df["job_title"]
    c.df["service"] = svc
    c.df["job_titles"] = titles
    c.df["grades"] = grades
    c.df["change"] = kinds
    c.df["change_amount"] = pd.Series(amounts, index=c.df.index, dtype=float)
    c.df["previous_supplement"] = pd.Series(previous, index=c.df.index, dtype=float)
    c.df["unit"] = units
    c.df["teams"] = teams
    c.df["posts_paid"] = pd.Series(posts, index=c.df.index, dtype=float)
    c.df["post_refs"] = refs
    return c.finish(SUPPLEMENT_COLUMNS), c.problems


register_table_cleaner("workforce_snapshot", clean_workforce_snapshot)
# A row counts the posts of one team, job title, grade and contract: most hold one or two
# people (one agency Senior Occupational Therapist in a team), so the export is about
# individuals and is described in the background papers, never offered for inspection.
declare_grain("workforce_snapshot", "posts of a team, job title and grade", person=True)


register_table_cleaner("pay_rates", clean_pay_rates)
declare_grain("pay_rates", "pay rate of a job title and grade", person=False)


register_table_cleaner("caseloads", clean_caseloads)
declare_grain("caseloads", "case-holding worker", person=True)


register_table_cleaner("market_supplements", clean_market_supplements)
declare_grain("market_supplements", "supplement of a job title and grade", person=False)
