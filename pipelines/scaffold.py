"""Start a review for another council: ``evidence-pack init`` and ``evidence-pack datasets``.

:func:`init_review` writes ``config/reviews/<id>.yml`` with only the keys a new review needs,
each commented, and the raw folder ``data/raw/<id>/`` with a header-only template of every
dataset (CSV and XLSX, under ``templates/``) and a data dictionary. The templates' headers and
the dictionary come from the column definitions the readers use: ``config/mappings/columns.yml``
(the headers each column is found by), the mapping files (allowed values),
``survey_questions.yml`` and ``survey_scales.yml`` (survey questions and their answers),
``values.yml`` (the exit interview's rated aspects) and ``column_dictionary.yml`` (what each
other column means, its type and an example).

:func:`dataset_status` lists a review's datasets: file, whether it is in the raw folder, and
which sections need it (from the section registry).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pipelines.core import registry
from pipelines.core.authority import AuthorityCheck, check_la_code
from pipelines.core.cleaning import TIDY_TABLES
from pipelines.core.config import load_review, project_root, review_path
from pipelines.core.errors import ConfigError

#: Review ids: lower case letters, digits and hyphens (they name folders and files).
REVIEW_ID = r"^[a-z0-9][a-z0-9-]{1,60}$"


#: Datasets a new review's configuration lists commented out: no section needs them.
OPTIONAL_DATASETS = ("staff_survey_previous", "locum_survey", "survey_published", "recruitment")

#: What each dataset is, for the generated configuration (its ``description`` and ``source``).
DATASET_DESCRIPTIONS = {
    "leavers": "HR system leavers extract, one row per leaver",
    "exit_interviews": "exit interview forms returned to HR, one row per form",
    "establishment": "qualified posts in the establishment by service and profession",
    "staff_survey": "permanent staff survey export, one row per respondent",
    "staff_survey_previous": "an earlier wave of the staff survey, for comparison",
    "locum_survey": "locum (agency worker) survey export, one row per respondent",
    "survey_published": "survey figures already printed in a paper, one row per figure",
    "workforce_snapshot": "posts by service, team, job title and grade (establishment, "
    "permanent, agency and vacant FTE) at the snapshot date",
    "pay_rates": "annual pay per post and grade used for costing",
    "caseloads": "case management extract, one row per case-holding social worker",
    "market_supplements": "market supplement register with the change on last year",
    "recruitment": "recruitment system export, one row per application (campaign, route, the "
    "date of each stage, decline or withdrawal reason)",
}


def first_sections() -> list[str]:
    """The sections a new review's first meeting builds, from the section registry.

    Those whose datasets are all among the tidy tables of the datasets the new configuration
    lists (:func:`pipelines.core.registry.first_sections`: not the SWOT and scorecard, which
    summarise the others, nor the tracker, which needs the officers' register); a section that
    needs no dataset of its own is in when it reads an input of its own (the DfE files) or a
    listed dataset it can use. The sections in every pack (data quality) come last.
    """
    from pipelines.core import registry

    listed = [d for d in all_datasets() if d not in OPTIONAL_DATASETS]
    tables = {t for d in listed for t in TIDY_TABLES.get(d, (d,))}
    sections = registry.discover()
    return [
        nb
        for nb in registry.first_sections(sorted(tables))
        if sections[nb].datasets
        or sections[nb].inputs
        or set(sections[nb].optional_datasets) & tables
    ]


@dataclass(frozen=True)
class Column:
    """One column of a raw export, as the readers find it and the dictionary describes it.

    Attributes
    ----------
    dataset : str
        Dataset key (``columns.yml``).
    name : str
        Canonical column name the readers give it.
    header : str
        The header the template uses (the first ``columns.yml`` accepts).
    other_headers : tuple of str
        Other headers the readers accept for it.
    meaning, type, example : str
        From ``column_dictionary.yml`` (or the survey question's definition).
    allowed : tuple of str
        The values the cleaning step accepts (as the pack shows them); empty when any value is
        accepted. Other spellings each value accepts are in ``allowed_from``.
    allowed_from : str
        The mapping file (and key) listing the allowed values and their spellings.

    """

    dataset: str
    name: str
    header: str
    other_headers: tuple[str, ...]
    meaning: str
    type: str
    example: str
    allowed: tuple[str, ...] = ()
    allowed_from: str = ""


def _mapping(name: str) -> dict:
    path = project_root() / "config" / "mappings" / f"{name}.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def allowed_values(ref: str) -> tuple[str, ...]:
    """The values a mapping reference (``"services.yml"``, ``"values.yml:professions"``) lists.

    The keys of the file (or of its key), which are the labels the pack shows; the spellings
    each accepts are listed under it in the file.
    """
    if not ref or ".yml" not in ref:
        return ()
    file, _, key = ref.partition(":")
    table = _mapping(file.removesuffix(".yml"))
    if file == "survey_questions.yml" and key == "name":
        return tuple(str(spec.get("name", k)) for k, spec in table.items())
    if key:
        table = table.get(key) or {}
    return tuple(str(k) for k in table)


def _survey_questions(dataset: str) -> dict[str, dict]:
    questions = _mapping("survey_questions")
    spec = questions.get(dataset) or questions.get(dataset.removesuffix("_previous")) or {}
    return spec.get("questions") or {}


def _answers(family: str) -> tuple[str, tuple[str, ...], str]:
    """Type, allowed answers and where they are listed for a survey answer family."""
    scales = _mapping("survey_scales")
    if family in scales.get("scored", {}):
        scores = scales["scored"][family]["scores"]
        labels = tuple(str(scores[k][0]) for k in sorted(scores))
        return "answer (1 to 5, or its label)", labels, f"survey_scales.yml:scored.{family}"
    if family in scales.get("choices", {}):
        return "label", tuple(scales["choices"][family]), f"survey_scales.yml:choices.{family}"
    return "text", (), ""


def dataset_columns(dataset: str) -> list[Column]:
    """The columns of a raw export, in template order, with their descriptions.

    Raises
    ------
    ConfigError
        The dataset is not in ``columns.yml``, or a column has no description.

    """
    headers = _mapping("columns")
    if dataset not in headers:
        raise ConfigError(
            f"No dataset '{dataset}' in config/mappings/columns.yml (known: {', '.join(headers)})."
        )
    described = _mapping("column_dictionary").get(dataset) or {}
    questions = _survey_questions(dataset)
    out: list[Column] = []
    for name, accepted in headers[dataset].items():
        first, *others = [str(h) for h in accepted]
        if name in described:
            d = described[name]
            ref = str(d.get("allowed", ""))
            out.append(
                Column(
                    dataset,
                    name,
                    first,
                    tuple(others),
                    str(d["meaning"]),
                    str(d["type"]),
                    str(d.get("example", "")),
                    allowed_values(ref),
                    ref,
                )
            )
        elif name in questions:
            q = questions[name]
            kind, allowed, ref = _answers(str(q.get("family", "")))
            if q.get("multiple"):
                kind += '; several separated by ";"'
            out.append(
                Column(
                    dataset,
                    name,
                    first,
                    tuple(others),
                    f"Question {q.get('number', '')}: {q.get('question', first)}".strip(),
                    kind,
                    allowed[0] if allowed else "",
                    allowed,
                    ref,
                )
            )
        else:
            raise ConfigError(
                f"The column {dataset}.{name} has no description: add it to "
                "config/mappings/column_dictionary.yml (meaning, type, example)."
            )
    if dataset == "exit_interviews":
        ratings = allowed_values("values.yml:ratings")
        for aspect in _mapping("values").get("exit_aspects") or []:
            out.append(
                Column(
                    dataset,
                    str(aspect),
                    str(aspect),
                    (),
                    f"The leaver's rating of {str(aspect).lower()} (a rated aspect of the form)",
                    "label",
                    ratings[0] if ratings else "",
                    ratings,
                    "values.yml:ratings",
                )
            )
    return out


def all_datasets() -> list[str]:
    """Every dataset the readers know (keys of ``config/mappings/columns.yml``), in file order."""
    return list(_mapping("columns"))


def write_templates(folder: Path, datasets: list[str] | None = None) -> list[Path]:
    """Write a header-only CSV and XLSX template of each dataset into ``folder``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for dataset in datasets or all_datasets():
        header = [c.header for c in dataset_columns(dataset)]
        path = folder / f"{dataset}.csv"
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerow(header)
        book = Workbook()
        sheet = book.active
        sheet.title = dataset[:31]
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        xlsx = folder / f"{dataset}.xlsx"
        book.save(xlsx)
        written += [path, xlsx]
    return written


def _sentence(text: str) -> str:
    """``text`` with a capital first letter and a full stop (other letters unchanged)."""
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def write_dictionary(folder: Path, datasets: list[str] | None = None) -> list[Path]:
    """Write ``DATA-DICTIONARY.md`` and ``data-dictionary.csv`` describing every column."""
    folder.mkdir(parents=True, exist_ok=True)
    names = datasets or all_datasets()
    rows = [c for d in names for c in dataset_columns(d)]
    lines = [
        "# Data dictionary",
        "",
        "One table per export. **Column** is the header the templates use; the readers also "
        "accept the other headers listed (matching ignores case and spacing). Allowed values are "
        "the labels the pack shows; the spellings each accepts are in the mapping file named, "
        "under config/mappings/. Dates are day first (dd/mm/yyyy) unless the review "
        "configuration sets `date_format` for the dataset. Generated by `evidence-pack init` "
        "from config/mappings/ (columns.yml, column_dictionary.yml and the mapping files).",
    ]
    for dataset in names:
        lines += [
            "",
            f"## {dataset}",
            "",
            _sentence(DATASET_DESCRIPTIONS.get(dataset, dataset)),
            "",
            "| Column | Meaning | Type | Allowed values | Example | Other headers accepted |",
            "|---|---|---|---|---|---|",
        ]
        for c in (c for c in rows if c.dataset == dataset):
            allowed = ", ".join(c.allowed) + (f" ({c.allowed_from})" if c.allowed_from else "")
            lines.append(
                "| "
                + " | ".join(
                    _cell(x)
                    for x in (
                        c.header,
                        c.meaning,
                        c.type,
                        allowed or "any",
                        c.example,
                        "; ".join(c.other_headers),
                    )
                )
                + " |"
            )
    md = folder / "DATA-DICTIONARY.md"
    md.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = folder / "data-dictionary.csv"
    with open(table, "w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(
            ["dataset", "column", "meaning", "type", "allowed values", "example", "other headers"]
        )
        for c in rows:
            out.writerow(
                [
                    c.dataset,
                    c.header,
                    c.meaning,
                    c.type,
                    "; ".join(c.allowed),
                    c.example,
                    "; ".join(c.other_headers),
                ]
            )
    return [md, table]


@dataclass
class InitResult:
    """What :func:`init_review` wrote.

    Attributes
    ----------
    config : Path
        The review configuration.
    raw_dir : Path
        The review's raw folder (exports go here).
    templates : list of Path
        Header-only templates (CSV and XLSX) under ``raw_dir / "templates"``.
    dictionary : list of Path
        The data dictionary (Markdown and CSV).
    authority : AuthorityCheck
        The local authority ``--la`` named.
    next_commands : list of str
        The commands to run next (validate, build, lab).

    """

    config: Path
    raw_dir: Path
    templates: list[Path]
    dictionary: list[Path]
    authority: AuthorityCheck
    next_commands: list[str] = field(default_factory=list)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(str(text), ensure_ascii=False)


def _last_financial_year(today: dt.date) -> tuple[dt.date, dt.date]:
    end_year = today.year if today >= dt.date(today.year, 4, 1) else today.year - 1
    return dt.date(end_year - 1, 4, 1), dt.date(end_year, 3, 31)


#: Datasets that describe one date (a snapshot): their ``as_at`` dates the tables made from them.
SNAPSHOT_DATASETS = ("workforce_snapshot", "caseloads")


def review_yaml(
    review_id: str,
    council: str,
    authority: AuthorityCheck,
    *,
    committee: str,
    officer: str,
    meeting: dt.date,
    raw_dir: str,
    period: tuple[dt.date, dt.date],
) -> str:
    """The text of a new review's configuration: the keys it needs, each commented."""
    la = authority.dfe_code or authority.asked
    start, end = period
    label = f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"
    lines = [
        f"# Review configuration for {council}, written by `evidence-pack init {review_id}`.",
        "# Only the keys a new review needs; config/reviews/luton-sw-2016.yml is a full example",
        "# (targets, published figures, SWOT, tracker, agenda items) and coventry-sw-2018.yml one",
        "# with its own grades, posts and workforce assumptions. Check each value, then run",
        f"# `evidence-pack validate {review_id}`.",
        f"id: {review_id}                # must match this file's name; names outputs/{review_id}/",
        f"council: {_q(council)}   # as the pack's cover and text name it",
        f"la_code: {_q(la)}              # {authority.describe()}; DfE code, ONS code or name",
        f"committee: {_q(committee)}     # the group as the pack's cover names it",
        "members: []                     # councillors: - {name: Councillor X, role: Chair}",
        f"contact_officer: {{name: {_q(officer)}}}   # named on the cover; add title, telephone",
        "services: [Adult Social Care, Children's Social Care]   # the services the review covers",
        f"raw_dir: data/raw/{review_id}   # folder of the exports (templates/ has blank ones)",
        "period:                         # the period the leavers and exit interviews cover",
        f"  start: {start.isoformat()}",
        f"  end: {end.isoformat()}",
        f"  label: {_q(label)}",
        "# The group's own words (each optional; without them the pack writes a neutral sentence",
        "# from what the review has, never another council's words):",
        "# question: what makes our social workers stay, and what makes them leave?",
        "# objectives: [to reduce the use of agency social workers]",
        "# influenceable_reasons: [Workload, Better pay and conditions]   # leaving reasons (as",
        "#   mapped) the council can act on; default: the list in config/findings.yml",
        "# caseload_standard: {bands: [1, 3], caseloads: [N, N, N], source: whose, and its date}",
        "# The exports, by dataset: file (in raw_dir; .csv or .xlsx, with `sheet:` for a",
        "# workbook), what it is and how tables cite it. Columns: DATA-DICTIONARY.md in raw_dir.",
        "datasets:                       # `evidence-pack datasets` lists the sections each needs",
    ]
    for dataset in all_datasets():
        prefix = "  # " if dataset in OPTIONAL_DATASETS else "  "
        lines += [
            f"{prefix}{dataset}:"
            + ("   # optional: uncomment when you have it" if prefix != "  " else ""),
            f"{prefix}  file: {dataset}.csv",
            f"{prefix}  description: {_q(DATASET_DESCRIPTIONS.get(dataset, dataset))}",
            f"{prefix}  source: {_q(council + ', ' + DATASET_DESCRIPTIONS.get(dataset, dataset))}",
        ]
        if dataset in SNAPSHOT_DATASETS:
            lines.append(
                f"{prefix}  as_at: {end.isoformat()}   # the date the snapshot describes: its "
                "tables are dated from it"
            )
    lines += [
        "# Your council's own labels (leaving reasons, job titles, survey wording, headers) go in",
        f"# config/reviews/{review_id}/mappings/<table>.yml, laid over config/mappings/<table>.yml",
        "# (a key given replaces the shipped one, `~` removes it).",
    ]
    lines += [
        "meetings:                       # a pack is built for each meeting with sections (dated)",
        f"  - date: {meeting.isoformat()}",
        "    label: First meeting",
        "    sections:                   # notebooks/<name>.ipynb; `evidence-pack datasets` lists",
        "                                # the exports each needs",
    ]
    from pipelines.core import registry

    for notebook in first_sections():
        lines.append(f"      - notebook: {notebook}")
        # the parameters the section needs set before it can cost anything (SectionSpec.init_hint)
        lines += [f"        {line}" for line in registry.get_section(notebook).init_hint]

    for notebook in registry.every_pack_sections():
        title = registry.get_section(notebook).title.lower()
        lines.append(f"      - notebook: {notebook}   # {title}: in every pack")
    return "\n".join(lines) + "\n"


def init_review(
    review_id: str,
    council: str,
    la: str,
    *,
    committee: str | None = None,
    officer: str | None = None,
    meeting: dt.date | None = None,
    today: dt.date | None = None,
) -> InitResult:
    """Write a new review's configuration, raw folder, templates and data dictionary.

    Parameters
    ----------
    review_id : str
        The new review's id (lower case letters, digits and hyphens, e.g. ``barnsley-sw-2026``).
    council : str
        The council's name as the pack's cover gives it.
    la : str
        The local authority: DfE code, ONS code or name (see
        :func:`pipelines.core.authority.check_la_code`).
    committee, officer : str, optional
        The group's name and the contact officer (defaults name the council).
    meeting : datetime.date, optional
        Date of the first meeting (default: ``today``).
    today : datetime.date, optional
        The date the reporting period defaults from (the last full financial year).

    Raises
    ------
    ConfigError
        The id is malformed, a configuration or raw folder with that id already exists (nothing
        is overwritten), or the local authority is not found.

    """
    import re

    today = today or dt.date.today()
    if not re.match(REVIEW_ID, review_id):
        raise ConfigError(
            f'"{review_id}" cannot be a review id: use lower case letters, digits and hyphens '
            "(e.g. barnsley-sw-2026); it names the configuration file and the output folders."
        )
    config = review_path(review_id)
    raw = project_root() / "data" / "raw" / review_id
    for existing in (config, raw):
        if existing.exists():
            raise ConfigError(
                f"A review '{review_id}' already exists: {existing} is there. Nothing was "
                "changed. Choose another id, or edit that review's configuration."
            )
    try:
        authority = check_la_code(la)
    except ValueError as exc:
        raise ConfigError(f"--la {la}: {exc}") from None
    text = review_yaml(
        review_id,
        council,
        authority,
        committee=committee
        or f"{council} scrutiny task and finish group: recruitment and retention of social workers",
        officer=officer or "Democracy and Scrutiny Officer",
        meeting=meeting or today,
        raw_dir=f"data/raw/{review_id}",
        period=_last_financial_year(today),
    )
    config.parent.mkdir(parents=True, exist_ok=True)
    with open(config, "x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(text)
    try:
        load_review(config)
        raw.mkdir(parents=True)
        templates = write_templates(raw / "templates")
        dictionary = write_dictionary(raw)
    except Exception:
        config.unlink(missing_ok=True)
        raise
    return InitResult(
        config=config,
        raw_dir=raw,
        templates=templates,
        dictionary=dictionary,
        authority=authority,
        next_commands=[
            f"evidence-pack validate {review_id}",
            f"evidence-pack build {review_id}",
            "make lab",
        ],
    )


@dataclass(frozen=True)
class DatasetStatus:
    """One dataset of a review: its file, whether it is there, and the sections that need it."""

    dataset: str
    file: str
    sheet: str | None
    present: bool
    sections: tuple[str, ...]
    optional_for: tuple[str, ...]


def sections_needing(dataset: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Sections that need a raw dataset, and those that use it when present (notebook stems)."""
    tables = set(TIDY_TABLES.get(dataset, (dataset,)))
    needs, uses = [], []
    for notebook, spec in registry.discover().items():
        if tables & set(spec.datasets):
            needs.append(notebook)
        elif tables & set(spec.optional_datasets):
            uses.append(notebook)
    return tuple(needs), tuple(uses)


def dataset_status(review: str | Path) -> list[DatasetStatus]:
    """Each dataset a review lists, its file, whether it is present, and the sections needing it.

    Datasets the readers know but the review does not list are included with file ``""`` so the
    officer sees what else a section could use.
    """
    cfg = load_review(review)
    raw = cfg.raw_path()
    out = []
    for dataset in all_datasets():
        ds = cfg.datasets.get(dataset)
        needs, uses = sections_needing(dataset)
        out.append(
            DatasetStatus(
                dataset=dataset,
                file=ds.file if ds else "",
                sheet=ds.sheet if ds else None,
                present=bool(ds) and (raw / ds.file).is_file(),
                sections=needs,
                optional_for=uses,
            )
        )
    return out
