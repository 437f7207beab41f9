"""Review configuration: one YAML file per review under ``config/reviews/``.

Loaded through pydantic models so that a wrong key or value stops with a message naming the key
and the file. Papermill receives plain parameters built from these models.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from pipelines.core import config_checks, registry
from pipelines.core.authority import DFE_CODE, ONS_CODE, AuthorityCheck, check_la_code
from pipelines.core.data_periods import fill_periods, named_period, same_period
from pipelines.core.demonstration import CouncilSource
from pipelines.core.errors import ConfigError
from pipelines.core.final_report_config import FinalReport
from pipelines.core.plausibility_settings import Plausibility
from pipelines.core.review_targets import PublishedFigure, Targets, TargetSource

SERVICES = ("Adult Social Care", "Children's Social Care")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Member(_Strict):
    """A councillor on the group."""

    name: str
    role: str | None = None


class Officer(_Strict):
    """An officer named in the pack (contact, author)."""

    name: str
    title: str | None = None
    telephone: str | None = None

    def signed(self) -> str:
        """Name and title as a paper signs them: "A Officer, Scrutiny Officer".

        The name alone when the review gives no title (never "A Officer, None").
        """
        return ", ".join(p.strip() for p in (self.name, self.title or "") if p and p.strip())


class Dataset(_Strict):
    """One raw export of the review: its file (relative to the review's raw folder)."""

    #: The key the review gives the dataset (e.g. ``leavers``), set by :class:`Review`.
    _name: str | None = PrivateAttr(default=None)

    file: str
    sheet: str | None = None
    description: str
    source: CouncilSource = Field(description="How the source is cited under tables")
    date_format: Literal["dd/mm/yyyy", "mm/dd/yyyy"] | None = Field(
        default=None,
        description="Order of day and month in the export's dates when the file cannot show it "
        "(UK day-first unless stated)",
    )
    as_at: dt.date | None = Field(
        default=None,
        description="The date the data describe (a snapshot's date), e.g. 2025-03-31; sections "
        "that state the date of their tables take it from here",
    )
    period: str | None = Field(
        default=None,
        description="When the data were collected (e.g. 'May to June 2025'), when "
        "the source does not name it: every table of the export states it",
    )
    absent: list[str] = Field(
        default_factory=list,
        description="Columns the council does not collect (e.g. [profession]): not asked of "
        "the export; the tables that need them are left out, each saying why",
    )
    pay_rows: Literal["highest", "lowest", "mean", "first"] | None = Field(
        default=None,
        description="Pay table: which rate the council costs a post at when the table has "
        "several rows for one service, job title and grade (by annual cost; mean of each "
        "amount; first as listed). None: several rows stop the build",
    )
    scale_codes: Literal["1 = most positive", "5 = most positive"] | None = Field(
        default=None,
        description="A survey export whose answers are numbers (codes): which end of the 1-5 "
        "scale is the most positive answer, from the survey tool's codebook",
    )
    open_to_inspection: bool | None = Field(
        default=None,
        description="Whether the export may be listed as a background paper open to inspection "
        "(s100D); default: not when it holds one row per person (leaver, form, respondent, "
        "worker), since those are exempt information about individuals; yes otherwise",
    )
    held_by: str | None = Field(
        default=None,
        description="Who holds the export, for the background papers (e.g. 'HR Services')",
    )
    meeting: dt.date | None = Field(
        default=None,
        description="For a file of figures printed in the group's papers (survey_published): "
        "the meeting whose papers printed them; its report checks them in the open (none: "
        "checked in the annex only)",
    )

    @model_validator(mode="after")
    def _period_said_once(self) -> Dataset:
        named = named_period(self.source)
        if self.period and named and not same_period(self.period, named):
            raise ValueError(f"period {self.period!r} but the source names {named!r}")
        return self


class AgendaItem(_Strict):
    """An item on a meeting's agenda."""

    item: str
    subject: str
    report_of: str | None = None
    author: str | None = None


class SectionRef(_Strict):
    """A pack section (notebook) in a meeting's pack, with per-section parameters.

    The notebook must be a registered section (:mod:`pipelines.core.registry`) and the parameters
    must fit that section's parameter model: an unknown key or a value of the wrong type is
    refused, naming the section, the key and what is expected.
    """

    notebook: str
    agenda_item: str | None = Field(default=None, description="Agenda item the section serves")
    parameters: dict[str, object] = Field(default_factory=dict)

    @field_validator("notebook")
    @classmethod
    def _notebook_is_a_section(cls, v: str) -> str:
        sections = registry.discover()
        if v not in sections:
            known = ", ".join(sections)
            raise ValueError(f"no section notebooks/{v}.ipynb (known sections: {known})")
        if not (notebooks_dir() / f"{v}.ipynb").exists():
            raise ValueError(f"section {v} is registered but notebooks/{v}.ipynb is missing")
        return v

    @field_validator("parameters")
    @classmethod
    def _parameters_fit_the_section(cls, v: dict[str, object], info: ValidationInfo) -> dict:
        if "notebook" in info.data:  # else the notebook's own error is reported
            registry.check_parameters(info.data["notebook"], v)
        return v


class MeetingReport(_Strict):
    """What the committee report of a meeting says besides the evidence (all optional).

    Every key left out gets a default written from the meeting's agenda and the evidence
    (:mod:`pipelines.documents.report`).
    """

    title: str | None = Field(default=None, description="Title of the report (default: pack_title)")
    reference: str | None = Field(
        default=None,
        description="The report's paper reference (default: committee_ref with this meeting's "
        "month and year)",
    )
    purpose: str | None = Field(default=None, description="Purpose of the report, one paragraph")
    recommendations: list[str] = Field(
        default_factory=list, description='Recommendations to the group ("Members are asked to")'
    )
    questions: list[str] = Field(
        default_factory=list, description="Questions members may wish to ask"
    )
    background_papers: list[str] = Field(
        default_factory=list, description="Background papers of this meeting"
    )


class Meeting(_Strict):
    """One meeting of the group; a pack is built for each meeting that has sections."""

    date: dt.date | None = Field(description="None while the date is to be announced")
    label: str
    time: str | None = Field(
        default=None, description='When the meeting starts, as the agenda gives it ("18:00")'
    )
    place: str | None = Field(
        default=None,
        description="Where it is held, as the agenda gives it; left off the cover when not given",
    )
    purpose: str | None = None
    heard: str | None = None  # what members heard there (final report); default: purpose, pack
    body: Literal["group", "board", "cabinet_member", "other"] = Field(
        default="group",
        description="Who meets: the task and finish group, a scrutiny board or committee, a "
        "Cabinet Member's decision session, or other (focus groups, visits: listed, never "
        "counted as a meeting); a report is worded for it (pipelines.documents.texts.BODY_WORDS)",
    )
    times: int = Field(default=1, ge=1, description="How many meetings this entry stands for")
    agenda_items: list[AgendaItem] = Field(
        default_factory=list,
        description="The meeting's agenda items; the cover names those a section serves "
        "(sections[].agenda_item)",
    )
    sections: list[SectionRef] = Field(default_factory=list)
    pack_title: str | None = None
    report: MeetingReport = Field(default_factory=MeetingReport)

    @model_validator(mode="after")
    def _dated_if_pack(self) -> Meeting:
        if self.sections and self.date is None:
            raise ValueError(f"meeting '{self.label}' has sections but no date")
        return self


class Period(_Strict):
    """The reporting period the review's HR data cover."""

    start: dt.date
    end: dt.date
    label: str

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError("period end is before its start")
        return self


class SwotFiles(_Strict):
    """Where a review's SWOT rules and the officers' curated SWOT entries are kept."""

    rules: str = Field(description="YAML of SWOT rules, relative to the project root")
    curated: str | None = Field(
        default=None,
        description="Officers' curated SWOT entries: a YAML file in the review's raw folder",
    )


#: The smallest disclosure threshold a review may set: counts of people from 1 to threshold - 1
#: are suppressed in the public pack, so 3 hides at least groups of one and two people.
MIN_DISCLOSURE_THRESHOLD = 3


class CaseloadStandard(_Strict):
    """Recommended caseloads by experience that the review compares its workers with.

    ``bands`` are the edges in years since qualifying (``[1, 3]``: under 1, 1 to 3, 3 and
    over); ``caseloads`` one recommended caseload (cases per worker) per band, one more than
    the edges; ``source`` whose standard it is, printed under the table.
    """

    bands: list[float] = Field(description="Band edges, years since qualifying, increasing")
    caseloads: list[float] = Field(description="Recommended cases per worker, one per band")
    source: str = Field(min_length=1, description="Whose standard it is, and its date")

    @model_validator(mode="after")
    def _one_per_band(self) -> CaseloadStandard:
        if len(self.caseloads) != len(self.bands) + 1:
            raise ValueError(
                f"caseload_standard gives {len(self.caseloads)} caseload(s) for the bands "
                f"{list(self.bands)}, which make {len(self.bands) + 1}: give one per band "
                "(one more than the band edges)"
            )
        return self


#: Section parameters a review-level item fills when the meeting does not set them:
#: review field -> {parameter: attribute of the field's value}.
REVIEW_LEVEL_PARAMETERS = {
    "caseload_standard": {
        "experience_bands": "bands",
        "caseload_standards": "caseloads",
        "caseload_standards_source": "source",
    },
}


class Review(_Strict):
    """A scrutiny review (task-and-finish group) and its meetings."""

    #: The review as configured, before one run's ``--param`` values (:meth:`as_configured`).
    _configured: Review | None = PrivateAttr(default=None)

    id: str
    council: str
    la_code: str = Field(
        description="The local authority: its DfE code (e.g. 331), ONS code (e.g. E08000026) or "
        "name as the DfE publishes it (e.g. Barnsley); see :func:`check_la_code`"
    )
    committee: str
    committee_ref: str | None = None
    members: list[Member]
    quorum: int | None = None
    contact_officer: Officer
    services: list[Literal["Adult Social Care", "Children's Social Care"]]
    raw_dir: str = Field(description="Folder of the raw exports, relative to the project root")
    period: Period
    datasets: dict[str, Dataset]
    targets: Targets = Targets()
    plausibility: Plausibility = Plausibility()
    disclosure_threshold: int = 5
    default_variant: Literal["exempt", "public"] = "exempt"
    exempt_paragraphs: list[str] = Field(default_factory=list)
    exempt_financial: dict[str, str] = Field(
        default_factory=dict,
        description="Tables or charts (by name) exempt under Schedule 12A paragraph 3 "
        "(financial or business affairs), each with the reason the review records; aggregate "
        "costs are otherwise public",
    )
    published_figures: list[PublishedFigure] = Field(default_factory=list)
    swot: SwotFiles | None = None
    tracker: str | None = Field(
        default=None,
        description="Recommendations and action tracker: a YAML file in the review's raw folder",
    )
    owner_roles: dict[str, str] = Field(
        default_factory=dict,
        description="Initials or abbreviations of the tracker's owners -> their role ('IH': "
        "'Head of Service'): the public tracker shows roles, never initials",
    )
    mappings: str | None = Field(
        default=None,
        description="Folder of the review's own mapping tables laid over config/mappings/ "
        "(relative to the project root); default config/reviews/<id>/mappings/ when it exists",
    )
    meetings: list[Meeting]
    final_report: FinalReport | None = None
    demonstration: bool = False  # synthetic data: said once, on each cover (core.demonstration)
    national_later_data: bool = Field(
        default=False,
        description="Show DfE figures published after a meeting (the pack says so); default: "
        "only what was published by the meeting date",
    )
    target_sources: dict[str, TargetSource] = Field(
        default_factory=dict,
        description="Where each target in `targets` comes from: kind (meeting, plan or "
        "standard), name and date; every target needs one",
    )
    illustrative_targets: Targets = Field(
        default_factory=Targets,
        description="Targets set only to show what the pack does (no meeting, plan or standard "
        "set them): listed in the technical annex, never used in a public document, a finding, "
        "the SWOT or the scorecard",
    )
    initiatives: list[dict[str, Any]] = Field(
        default_factory=list,
        description="Recruitment and retention initiatives: cost, start, measures, sources "
        "(pipelines.sections.initiatives)",
    )
    question: str | None = Field(
        default=None,
        description="The group's question in its own words (e.g. what drives social workers "
        "to leave?); the committee report's purpose quotes it",
    )
    objectives: list[str] = Field(
        default_factory=list,
        description="The group's objectives as its scope sets them; the committee report's "
        "purpose lists them",
    )
    influenceable_reasons: list[str] | None = Field(
        default=None,
        description="Leaving reasons (as mapped) the council's pay, career, management or "
        "working conditions can act on; default: influenceable_reasons of config/findings.yml",
    )
    caseload_standard: CaseloadStandard | None = Field(
        default=None,
        description="Recommended caseloads by experience and whose they are (bands, caseloads, "
        "source); the workforce section's experience_bands, caseload_standards and "
        "caseload_standards_source where a meeting does not set them; default: none",
    )

    @model_validator(mode="after")
    def _members_named_in_one_form(self) -> Review:
        config_checks.members_named_in_one_form([m.name for m in self.members])
        return self

    @model_validator(mode="after")
    def _datasets_know_their_keys(self) -> Review:
        for key, dataset in self.datasets.items():
            dataset._name = key  # what its grain is declared under (core.dataset_access)
        return self

    @model_validator(mode="after")
    def _review_level_parameters(self) -> Review:
        # An item the review states once (its caseload standard) is the parameter of every
        # section that takes it, unless a meeting sets the parameter itself.
        for field, params in REVIEW_LEVEL_PARAMETERS.items():
            value = getattr(self, field)
            if value is None:
                continue
            for mtg in self.meetings:
                for ref in mtg.sections:
                    spec = registry.discover().get(ref.notebook)
                    if spec is None:
                        continue
                    for name, attr in params.items():
                        if name in spec.parameters.model_fields and name not in ref.parameters:
                            ref.parameters[name] = getattr(value, attr)
        return self

    @model_validator(mode="after")
    def _targets_have_sources(self) -> Review:
        # A target is printed only with its source: one without is refused when the config is
        # read, so no document can show a target nobody set.
        for name in Targets.model_fields:
            if getattr(self.targets, name) is None:
                continue
            if name not in self.target_sources:
                raise ValueError(
                    f"targets.{name} ({getattr(self.targets, name):g}) has no source: add "
                    f"target_sources.{name} with kind (meeting, plan or standard), name and "
                    "date of the paper that set it, or move it to illustrative_targets (never "
                    "shown in a public document, finding, SWOT or scorecard)"
                )
        for name in self.target_sources:
            if name not in Targets.model_fields:
                raise ValueError(
                    f"target_sources.{name}: no such target (expected one of "
                    f"{', '.join(Targets.model_fields)})"
                )
        return self

    def target_note(self, name: str) -> str:
        """A target with its source, or "no target set".

        "20, set by Item 6 report, para 47, 21 September 2016"; illustrative targets never count.
        """
        value = getattr(self.targets, name)
        if value is None:
            return "no target set"
        return f"{value:g}, set by {self.target_sources[name].short()}"

    @model_validator(mode="after")
    def _dates_of_the_data_come_from_the_data(self) -> Review:
        config_checks.dates_from_the_data(self)
        fill_periods(self)  # and a dataset's period (pipelines.core.data_periods)
        return self

    def mappings_path(self) -> Path | None:
        """The folder of the review's own mapping tables, or None when it has none."""
        folder = (
            project_root() / self.mappings
            if self.mappings
            else project_root() / "config" / "reviews" / self.id / "mappings"
        )
        if self.mappings and not folder.is_dir():
            raise ConfigError(
                f"Review '{self.id}': mappings names the folder {self.mappings}, which does "
                "not exist. Create it (one YAML per mapping table, as in config/mappings/) or "
                "remove the key."
            )
        return folder if folder.is_dir() else None

    @field_validator("la_code")
    @classmethod
    def _known_authority(cls, v: str) -> str:
        # A well-formed code is accepted here without reading the DfE files (every notebook
        # kernel loads the config, and reading them takes about a second); it is resolved where
        # it is used (the national section, `evidence-pack init`, `datasets`). A name must be
        # resolved now, since nothing else can tell what it means.
        v = v.strip()
        if not (DFE_CODE.match(v) or ONS_CODE.match(v)):
            check_la_code(v)  # ValueError naming what was expected
        return v

    @property
    def authority(self) -> AuthorityCheck:
        """The local authority ``la_code`` names, resolved when the DfE files are present."""
        return check_la_code(self.la_code)

    @field_validator("disclosure_threshold")
    @classmethod
    def _threshold_at_least_3(cls, v: int) -> int:
        if v < MIN_DISCLOSURE_THRESHOLD:
            raise ValueError(
                f"disclosure_threshold is {v}; it must be at least {MIN_DISCLOSURE_THRESHOLD} "
                "(counts of people below it are suppressed in the public pack; a lower value "
                "would publish groups of one or two people). Set disclosure_threshold: "
                f"{MIN_DISCLOSURE_THRESHOLD} or more in the review config."
            )
        return v

    @field_validator("datasets")
    @classmethod
    def _known_datasets(cls, v: dict[str, Dataset]) -> dict[str, Dataset]:
        import yaml as _yaml

        known = _yaml.safe_load(
            (project_root() / "config" / "mappings" / "columns.yml").read_text(encoding="utf-8")
        )
        unknown = [k for k in v if k not in known]
        if unknown:
            raise ValueError(
                f"unknown dataset(s) {', '.join(unknown)} (known: "
                f"{', '.join(known)}; datasets are defined in "
                "config/mappings/columns.yml)"
            )
        return v

    def meeting(self, date: str | dt.date) -> Meeting:
        """The meeting held on ``date`` (ISO text or date); ConfigError naming the dates if none."""
        want = dt.date.fromisoformat(date) if isinstance(date, str) else date
        for m in self.meetings:
            if m.date == want:
                return m
        dates = ", ".join(str(m.date) for m in self.meetings if m.date)
        raise ConfigError(f"Review '{self.id}' has no meeting on {want}. Meetings: {dates}.")

    @property
    def published_values(self) -> dict[str, float]:
        """Published figures as key -> value."""
        return {f.key: f.value for f in self.published_figures}

    def raw_path(self) -> Path:
        """Absolute path of the raw exports folder."""
        p = Path(self.raw_dir)
        return p if p.is_absolute() else project_root() / p

    def with_raw_dir(self, raw_dir: str | Path | None) -> Review:
        """The review with its raw folder replaced for one run (``--raw-dir``); itself if None.

        Everything the review reads from its raw folder then comes from ``raw_dir``: the
        exports, the officers' SWOT entries (``swot.curated``) and the recommendations register
        (``tracker``), since each is found with :meth:`raw_path`.
        """
        if not raw_dir:
            return self
        folder = Path(raw_dir)
        if not folder.is_absolute():
            folder = Path.cwd() / folder
        try:
            shown = str(folder.resolve().relative_to(project_root().resolve()))
        except ValueError:
            shown = str(folder.resolve())
        return self if shown == self.raw_dir else self.model_copy(update={"raw_dir": shown})

    def with_section_parameters(
        self, date: str | dt.date | None, overrides: Mapping[str, Mapping] | None
    ) -> Review:
        """The review with one meeting's section parameters replaced for one run (``--param``).

        ``overrides`` maps a notebook to the parameters that replace the configured ones of that
        section in the meeting held on ``date``; every reader of the meeting's parameters (a
        section reading another's, the SWOT, the scorecard, the key findings) then sees them.
        Itself when there are none.
        """
        if not overrides or date is None:
            return self
        want = self.meeting(date).date
        meetings = [
            m
            if m.date != want
            else m.model_copy(
                update={
                    "sections": [
                        s.model_copy(
                            update={"parameters": {**s.parameters, **overrides[s.notebook]}}
                        )
                        if s.notebook in overrides
                        else s
                        for s in m.sections
                    ]
                }
            )
            for m in self.meetings
        ]
        changed = self.model_copy(update={"meetings": meetings})
        changed._configured = self.as_configured()
        return changed

    def as_configured(self) -> Review:
        """The review without a run's ``--param`` values (:meth:`with_section_parameters`).

        The basis on which the papers' published figures are checked: a what-if (a cheaper
        agency rate) changes the pack's own figures, never the check of what officers printed.
        """
        return self._configured if self._configured is not None else self

    def officer_files(self) -> list[tuple[str, str]]:
        """The files of the raw folder written by officers, not exported: (what, file name).

        The curated SWOT entries (``swot.curated``) and the recommendations and action
        register (``tracker``, by default ``recommendations.yml``).
        """
        files = []
        if self.swot is not None and self.swot.curated:
            files.append(("SWOT entries file", self.swot.curated))
        files.append(("recommendations register", self.tracker or "recommendations.yml"))
        return files


def project_root() -> Path:
    """The repository root (the folder holding ``pipelines/``)."""
    return Path(__file__).resolve().parents[2]


def notebooks_dir() -> Path:
    """The folder of section notebooks."""
    return project_root() / "notebooks"


def review_path(review: str | Path) -> Path:
    """Path of a review's YAML: an existing path, or an id under ``config/reviews/``."""
    p = Path(review)
    if p.suffix in {".yml", ".yaml"}:
        return p if p.is_absolute() else Path.cwd() / p
    return project_root() / "config" / "reviews" / f"{review}.yml"


#: The folder of the mapping tables of the review loaded last (None: the shipped ones only).
_REVIEW_MAPPINGS: list[Path | None] = [None]


def use_review_mappings(folder: Path | None) -> None:
    """Use ``folder``'s mapping tables over the shipped ones from now on (None: shipped only).

    :func:`load_review` calls it, so a build, a notebook or a command that loads a review reads
    that review's vocabulary (:func:`pipelines.core.mappings.load_mapping`).
    """
    _REVIEW_MAPPINGS[0] = Path(folder) if folder is not None else None


def active_review_mappings() -> Path | None:
    """The folder of the review's own mapping tables in use, or None."""
    return _REVIEW_MAPPINGS[0]


#: PyYAML's safe loader, in C (libyaml) when PyYAML was built with it: about ten times faster.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml_file(path: Path) -> object:
    """A YAML file's content; a syntax error is a ConfigError naming the file, line and column.

    Used for the review's own files (its configuration and mapping folder) and the shipped
    mapping tables, so a typo is reported where it is, never as a fault in the tool.
    """
    path = Path(path)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)  # noqa: S506
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        try:
            shown = path.resolve().relative_to(project_root()).as_posix()
        except ValueError:
            shown = str(path)
        raise ConfigError(
            f"{shown}{where}: the file is not valid YAML ({what}). Correct it there (look for "
            "a missing colon, quote or bracket, or a tab used for indenting) and run again."
        ) from None


def load_review(review: str | Path) -> Review:
    """Load and check a review's configuration.

    Parameters
    ----------
    review : str or Path
        A review id (``"luton-sw-2016"``) or the path of its YAML file.

    Raises
    ------
    ConfigError
        The file is missing, is not YAML, or a key or value is wrong; the message names the key.

    """
    path = review_path(review)
    if not path.exists():
        known = sorted(p.stem for p in (project_root() / "config" / "reviews").glob("*.yml"))
        raise ConfigError(f"No review configuration at {path}. Known reviews: {', '.join(known)}.")
    try:
        data = read_yaml_file(path)
    except ConfigError as exc:
        raise ConfigError(f"The review configuration is not valid YAML. {exc}") from None
    if isinstance(data, dict) and "id" in data and str(data["id"]) != path.stem:
        raise ConfigError(
            f"The review configuration {path} has id '{data['id']}' but its file is named "
            f"'{path.name}'.\n"
            f"  The id names the review's outputs (outputs/{data['id']}/ and "
            f"data/processed/{data['id']}/), so a copied configuration that keeps another "
            "review's id would overwrite that review's packs.\n"
            f"  What to do: set `id: {path.stem}` in the file (a new id for a new review), or "
            f"name the file {data['id']}.yml."
        )
    try:
        cfg = Review.model_validate(data)
        folder = cfg.mappings_path()
        for own in sorted(Path(folder).glob("*.y*ml")) if folder is not None else []:
            read_yaml_file(own)  # a typo in the review's own mapping stops here, file and line
        use_review_mappings(folder)
        return cfg
    except ValidationError as exc:
        lines = [f"The review configuration {path} has {exc.error_count()} problem(s):"]
        for err in exc.errors():
            key = ".".join(str(p) for p in err["loc"]) or "(top level)"
            msg = err["msg"]
            if err["type"] == "extra_forbidden":
                msg = "unknown key (check its spelling)"
            elif err["type"] == "missing":
                msg = "required key is missing"
            elif err["type"] == "value_error":
                msg = str(err["ctx"]["error"]) if "error" in err.get("ctx", {}) else msg
            where = _meeting_of(data, err["loc"])
            lines.append(
                f"  key:   {key}"
                + (f"\n  in:    {where}" if where else "")
                + "\n  error: "
                + msg.replace("\n", "\n         ")
                + (
                    f"\n  found: {err['input']!r}"
                    if err["type"] not in {"missing"} and not isinstance(err.get("input"), dict)
                    else ""
                )
            )
        raise ConfigError("\n".join(lines)) from None


def _meeting_of(data: object, loc: tuple) -> str:
    """The meeting (date and label) a config error is in, when its key is under ``meetings``."""
    if len(loc) < 2 or loc[0] != "meetings" or not isinstance(loc[1], int):
        return ""
    try:
        meeting = data["meetings"][loc[1]]
    except (KeyError, IndexError, TypeError):
        return ""
    if not isinstance(meeting, dict):
        return ""
    text = f"the meeting of {meeting.get('date') or 'a date to be announced'}"
    if meeting.get("label"):
        text += f" ({meeting['label']})"
    if len(loc) >= 4 and loc[2] == "sections" and isinstance(loc[3], int):
        try:
            text += f", section {meeting['sections'][loc[3]]['notebook']}"
        except (KeyError, IndexError, TypeError):
            pass
    return text
