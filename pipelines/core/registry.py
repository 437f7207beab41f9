"""The registry of pack sections: one entry per section, declared in its own package.

Each ``pipelines/sections/<name>/__init__.py`` registers a :class:`SectionSpec`: its notebook,
title, a pydantic model of its parameters (a misspelt or mistyped parameter in a review config is
refused, naming it), the datasets it needs and the keys of the figures it publishes. The
orchestrator, the config checks, the test list of notebooks and the README's section table all
read this registry.

Two notebooks are not pack sections: ``01_clean`` and ``02_validate`` prepare the data (the build
runs them before the sections, analysts run them in JupyterLab). They are listed in
:data:`PREPARATION_NOTEBOOKS`, so that every numbered notebook is known here exactly once, either
as a preparation notebook or as a section.

Every notebook's ``parameters`` cell starts with the :data:`COMMON_PARAMETERS`, which the
orchestrator passes to every section; a section's own parameters follow them and are described by
its model (a subclass of :class:`SectionParameters`).
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, ValidationError

from pipelines.core import plugins
from pipelines.core.figures import Figure

if typing.TYPE_CHECKING:
    from pipelines.core.results import SectionResult

#: Parameters every notebook declares first and the orchestrator passes to every section; they are
#: not in a section's parameter model.
COMMON_PARAMETERS = ("review", "meeting", "audience", "processed_dir")

#: Notebooks that prepare the data rather than make a section of the pack: notebook -> purpose
#: (the line of the README's notebook table). The build runs them, in this order, before the
#: sections.
PREPARATION_NOTEBOOKS: dict[str, str] = {
    "01_clean": (
        "for analysts: reads the raw exports, maps labels and dates, logs every fix, writes "
        "`data/processed/<review>/*.parquet` (the same `pipelines.steps` the build and "
        "`evidence-pack validate` run)"
    ),
    "02_validate": (
        "for analysts: Great Expectations suites and the registered cross-dataset checks; stops "
        "on critical failures, writes `validation.json` (the same `pipelines.steps`)"
    ),
}


class SectionParameters(BaseModel):
    """Base of every section's parameter model.

    Unknown keys are refused (``extra="forbid"``) and values are not converted between types
    (``strict=True``: ``"3"`` is not an int; an int is accepted where a float is expected), so the
    values a review config gives reach the notebook exactly as written. Numbers must be finite
    (``allow_inf_nan=False``: YAML's ``.nan`` and ``.inf`` are refused). A subclass states each
    parameter's range (``Field(gt=0)``...) and ordering (validators using
    :func:`increasing`), so a value the section cannot use is refused before the build starts.
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)

    def review_problems(self, review: object) -> list[str]:
        """What in these values does not fit the review they are built for (one line each).

        ``review`` is the review configuration (:class:`pipelines.core.config.Review`). The
        base checks nothing; a section overrides this for values that must name something of
        the review (a service, a dataset), which its model alone cannot know.
        """
        return []


#: Endings of the names of free-text parameters (typed by officers, printed as they wrote them
#: in the public pack): where a figure comes from (``caseload_standards_source``,
#: ``campaigns_source``) and how it was worked out (``agency_rate_basis``).
FREE_TEXT_ENDINGS = ("_source", "_basis")
#: Keys of free text inside list or mapping parameters (a campaign's ``source``, ``cost_basis``).
FREE_TEXT_KEYS = ("source", "cost_basis", "basis")


def is_free_text(name: str) -> bool:
    """Whether a parameter (or a key inside one) is free text officers write for the pack."""
    return name in FREE_TEXT_KEYS or name.endswith(FREE_TEXT_ENDINGS)


def public_values(
    values: Mapping[str, object], threshold: int, allowed: Sequence[str] = ()
) -> dict[str, object]:
    """``values`` (parameter name -> value) with every free-text value as the public pack prints it.

    The free texts (:func:`is_free_text`: a top-level string parameter, or a string under such
    a key in a list of mappings or a mapping) pass
    :func:`pipelines.core.disclosure.protect_config_text` with the review's disclosure
    ``threshold``: personal data redacted (except ``allowed``, the people in public office the
    config names) and small counts of people rewritten, like the officers' SWOT text. Other
    values (labels matched against the data, numbers) are unchanged.
    """
    from pipelines.core.disclosure import protect_config_text

    def shown(key: str, value: object) -> object:
        if isinstance(value, str):
            return protect_config_text(value, threshold, allowed) if is_free_text(key) else value
        if isinstance(value, list):
            return [shown(key, v) if not isinstance(v, str) else v for v in value]
        if isinstance(value, dict):
            return {k: shown(str(k), v) for k, v in value.items()}
        return value

    return {k: shown(str(k), v) for k, v in values.items()}


def public_texts(params: BaseModel, threshold: int, allowed: Sequence[str] = ()) -> BaseModel:
    """``params`` (a section's model) with its free texts as :func:`public_values` gives them.

    A section's result is the same for every audience, so the exempt pack prints these texts
    the same way.
    """
    values = {name: getattr(params, name) for name in type(params).model_fields}
    shown = public_values(values, threshold, allowed)
    update = {k: v for k, v in shown.items() if v != values[k]}
    return params.model_copy(update=update) if update else params


def public_section_parameters(review: object, refs: Sequence[object]) -> list:
    """The meeting's sections (``refs``), their free-text parameters as the public pack prints them.

    Every notebook receives these values (a notebook that prints a parameter itself, as the
    workforce section's source lines do, prints the checked text): :func:`public_values` with
    the review's disclosure threshold and the names it prints on purpose.
    """
    from pipelines.core.artefact_audit import public_office_texts

    threshold = int(getattr(review, "disclosure_threshold", 5) or 5)
    allowed = public_office_texts(review)
    out = []
    for ref in refs:
        shown = public_values(ref.parameters, threshold, allowed)
        out.append(ref.model_copy(update={"parameters": shown}) if shown != ref.parameters else ref)
    return out


def increasing(
    values: Sequence[float],
    what: str,
    *,
    above: float | None = None,
    at_most: float | None = None,
    decimals: int | None = None,
) -> list:
    """``values`` if each is larger than the one before (and than ``above``, if given).

    For band edges and the like: ``[1, 3]`` passes, ``[3, 1]``, ``[1, 1]`` and ``[]`` do not.
    ``at_most`` caps the last value; ``decimals`` limits the places after the point (so that
    two edges never print the same in a band's label, e.g. ``[1, 1.0000001]``).

    Raises
    ------
    ValueError
        Naming ``what``, what is expected and the first value that is not.

    """
    values = list(values)
    if not values:
        raise ValueError(f"{what} must hold at least one number, e.g. [1, 3]")
    if above is not None and values[0] <= above:
        raise ValueError(f"{what} must all be above {above:g}; the first is {values[0]:g}")
    if at_most is not None and values[-1] > at_most:
        raise ValueError(f"{what} must all be {at_most:g} or less; the last is {values[-1]:g}")
    if decimals is not None:
        for v in values:
            if round(v, decimals) != v:
                raise ValueError(
                    f"{what} must have at most {decimals} decimal places (e.g. 0.5, 2.25); "
                    f"{v!r} has more"
                )
    for a, b in zip(values, values[1:], strict=False):
        if b <= a:
            raise ValueError(
                f"{what} must increase from left to right, each larger than the one before "
                f"(e.g. [1, 3]); {b:g} comes after {a:g}"
            )
    return values


@dataclass(frozen=True)
class SectionSpec:
    """One section of the pack.

    Attributes
    ----------
    name : str
        Short name, the package name under ``pipelines/sections/`` (``"leavers"``).
    notebook : str
        Notebook stem under ``notebooks/`` (``"10_leavers"``).
    title : str
        The section's heading (the notebook's ``# Title``).
    parameters : type of SectionParameters
        Model of the section's own parameters (besides the :data:`COMMON_PARAMETERS`); its
        fields and defaults are those of the notebook's ``parameters`` cell.
    datasets : tuple of str
        Tidy datasets the section reads (all must be present to build it).
    figures : tuple of str
        Keys of the :class:`~pipelines.core.figures.Figure` records it publishes.
    compute_figures : callable, optional
        ``(ctx, params) -> list[Figure]``: the section's figures, computed in Python from the
        tidy data (used by key findings, the SWOT and the scorecard).
    purpose : str
        One line for the notebook table (:func:`notebook_table`; the README's for the sections
        the project's own reviews use).
    optional_datasets : tuple of str
        Tidy datasets the section uses when the review has them (it builds without them).
    build : callable, optional
        ``(ctx, params) -> SectionResult``: everything the section computes for a meeting
        (figures, tidy tables, proposed findings, charts; :mod:`pipelines.core.results`), the
        same for every audience. Run once per meeting by
        :func:`pipelines.core.section_build.build_section`; the notebook renders it and the key
        findings, SWOT and scorecard read its figures.
    inputs : tuple of str
        What the section reads besides the tidy data and the review configuration, by name
        (``"national"``: the DfE files). A caller that already holds one passes it to
        ``compute_figures`` as a keyword argument of that name
        (:func:`pipelines.sections.indicators.collect_figures`); a section with inputs is left
        out of the figures when the caller asks for none of them.
    summary : bool
        The section summarises the figures of every other section of its meeting (the SWOT,
        the scorecard): its step cache key holds every section's parameters, and it is not in
        a new review's first meeting (:func:`first_sections`).
    officer_files : tuple of str
        Files officers write in the raw folder before the section can say anything (the
        tracker's register): a new review's first meeting leaves the section out.
    every_pack : bool
        The section is in every pack, after the sections a meeting lists (the data-quality
        appendix); a new review's configuration lists it last.
    finding_text : callable, optional
        ``(figure, materiality, pol, *, others, influenceable, target_source) -> str | None``:
        the sentence of a key finding written from one of the section's figures
        (:func:`pipelines.sections.findings.finding_text` asks the section that owns the
        figure first; None leaves it to the general sentence).
    targets : mapping of str to str
        Figure key pattern (``*`` wildcards) -> the review's target (``targets`` field of the
        review config) the figure is measured against; a finding names that target's source.
    annex_only : bool
        The section is shown in the technical annex only, never in the committee report or the
        exempt appendix (the data-quality appendix); :mod:`pipelines.documents.meeting` reads
        it through :func:`annex_only_sections`.
    scenarios : callable, optional
        ``(tables) -> (scenarios, posts)``: the section's "what if" counts and the posts each
        can act on, read from its own tables as the build wrote them (``tables`` maps the
        table's name, without the ``<notebook>__`` prefix, to its frame). ``scenarios`` is a
        list of ``(role, count, where)``, ``posts`` maps a role to the posts (FTE) that exist;
        :func:`pipelines.sections.consistency.pack_scenarios` checks every count against them.
    parameters_of : tuple of str
        Other sections (notebooks) whose parameters in the meeting this section reads (the
        retention section costs the workforce section's posts made permanent): they are in its
        step cache key (:func:`pipelines.cache.parameters_read`).
    init_hint : tuple of str
        Comment lines ``evidence-pack init`` writes under the section in a new review's first
        meeting (the parameters a council must set before a costing can be done), without
        their indentation.

    """

    name: str
    notebook: str
    title: str
    parameters: type[BaseModel]
    datasets: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()
    compute_figures: Callable[..., list[Figure]] | None = field(default=None, compare=False)
    purpose: str = ""
    optional_datasets: tuple[str, ...] = ()
    build: Callable[..., SectionResult] | None = field(default=None, compare=False)
    inputs: tuple[str, ...] = ()
    summary: bool = False
    officer_files: tuple[str, ...] = ()
    every_pack: bool = False
    finding_text: Callable[..., str | None] | None = field(default=None, compare=False)
    targets: Mapping[str, str] = field(default_factory=dict, compare=False)
    annex_only: bool = False
    scenarios: Callable[..., tuple[list, dict]] | None = field(default=None, compare=False)
    parameters_of: tuple[str, ...] = ()
    init_hint: tuple[str, ...] = ()


SECTIONS: dict[str, SectionSpec] = {}


def register_section(spec: SectionSpec) -> SectionSpec:
    """Add a section to the registry (keyed by notebook); a second one of that name is an error."""
    if spec.notebook in SECTIONS and SECTIONS[spec.notebook] != spec:
        raise ValueError(f"Section {spec.notebook} is registered twice")
    if spec.notebook in PREPARATION_NOTEBOOKS:
        raise ValueError(f"{spec.notebook} is a preparation notebook, not a section")
    SECTIONS[spec.notebook] = spec
    return spec


def discover() -> dict[str, SectionSpec]:
    """Import every package under :mod:`pipelines.sections` (each registers itself).

    Through the plug-in loader (:func:`pipelines.core.plugins.load`): core names no section.

    Returns
    -------
    dict of str to SectionSpec
        The registry, keyed by notebook stem, in notebook order.

    """
    plugins.load("sections")
    return dict(sorted(SECTIONS.items()))


def figure_keys() -> tuple[str, ...]:
    """Every figure key a registered section publishes (``SectionSpec.figures``), in order.

    The keys SWOT rules and the scorecard may name; a key two sections claim is an error.
    """
    keys: dict[str, str] = {}
    for notebook, spec in discover().items():
        for key in spec.figures:
            if key in keys:
                raise ValueError(f"Figure {key} is published by {keys[key]} and {notebook}")
            keys[key] = notebook
    return tuple(keys)


def figure_sections() -> dict[str, SectionSpec]:
    """The sections whose figures feed the key findings, SWOT and scorecard, by notebook.

    Those that declare ``figures`` and compute them (a ``build`` or a ``compute_figures``),
    except the summaries (``summary``: the SWOT and scorecard read these figures; their own,
    such as the scorecard's newly qualified ratio, stay in their result).
    """
    return {
        nb: spec
        for nb, spec in discover().items()
        if spec.figures
        and (spec.build is not None or spec.compute_figures is not None)
        and not spec.summary
    }


def section_of_figure(key: str) -> SectionSpec | None:
    """The registered section that publishes the figure ``key`` (None when none does)."""
    return next((s for s in discover().values() if key in s.figures), None)


def first_sections(datasets: Sequence[str]) -> list[str]:
    """The sections a new review's first meeting can build from ``datasets``, in notebook order.

    ``datasets`` are the tidy tables the new review's exports make. A section is in when every
    dataset it needs is among them, it summarises no other section (``summary``), needs no
    file officers write (``officer_files``) and is not added to every pack anyway
    (``every_pack``).
    """
    have = set(datasets)
    return [
        nb
        for nb, spec in discover().items()
        if not (spec.summary or spec.officer_files or spec.every_pack)
        and set(spec.datasets) <= have
    ]


def every_pack_sections() -> list[str]:
    """The sections in every pack (``every_pack``), in notebook order."""
    return [nb for nb, spec in discover().items() if spec.every_pack]


def annex_only_sections() -> list[str]:
    """The sections shown in the technical annex only (``annex_only``), in notebook order."""
    return [nb for nb, spec in discover().items() if spec.annex_only]


def scenario_sections() -> dict[str, SectionSpec]:
    """The sections that declare "what if" counts to check (``scenarios``), by notebook."""
    return {nb: spec for nb, spec in discover().items() if spec.scenarios is not None}


def get_section(notebook: str) -> SectionSpec:
    """The registered section of a notebook, or KeyError naming the known ones."""
    sections = discover()
    if notebook not in sections:
        raise KeyError(f"No section {notebook}; known: {', '.join(sorted(sections))}")
    return sections[notebook]


def notebook_purposes(sections: Collection[str] | None = None) -> dict[str, str]:
    """Numbered notebooks with their one-line purpose, in notebook order.

    Every preparation notebook, and every registered section (only the notebooks in
    ``sections`` when given).
    """
    purposes = {
        nb: spec.purpose for nb, spec in discover().items() if sections is None or nb in sections
    }
    return dict(sorted({**PREPARATION_NOTEBOOKS, **purposes}.items()))


def notebook_table(sections: Collection[str] | None = None) -> str:
    """A table of notebooks (Markdown), made from the registry.

    Parameters
    ----------
    sections : collection of str, optional
        The section notebooks to list (all registered sections when None). The README's table
        lists the sections the project's own reviews use (``tests/core/test_registry.py``), so
        a section a council adds for itself needs no README row.

    Returns
    -------
    str
        ``| notebook | what it does |`` with one row per preparation notebook and section, in
        notebook order, ending with a newline.

    """
    rows = ["| notebook | what it does |", "| --- | --- |"]
    rows += [f"| `{nb}.ipynb` | {p} |" for nb, p in notebook_purposes(sections).items()]
    return "\n".join(rows) + "\n"


def _type_name(annotation: object) -> str:
    """A type annotation as a reader would write it (``dict[str, list[float]]``)."""
    if isinstance(annotation, type) and not typing.get_args(annotation):
        return annotation.__name__
    return str(annotation).replace("typing.", "")


def check_parameters(notebook: str, parameters: Mapping[str, object]) -> BaseModel:
    """Validate a section's parameters (as a review config gives them) with its model.

    Parameters
    ----------
    notebook : str
        The section's notebook stem (``"10_leavers"``).
    parameters : mapping
        The section's own parameters, as given under ``parameters:`` in the review config.

    Returns
    -------
    pydantic.BaseModel
        The section's parameters with its defaults filled in.

    Raises
    ------
    KeyError
        The notebook is not a registered section (the message names the known ones).
    ValueError
        A key is not a parameter of the section, or a value is not of the type the section
        expects; one line per problem names the section, the key, what is expected and what was
        found.

    """
    spec = get_section(notebook)
    model = spec.parameters
    try:
        return model.model_validate(dict(parameters))
    except ValidationError as exc:
        fields = model.model_fields
        known = ", ".join(fields) or "none"
        lines = []
        for err in exc.errors():
            key = ".".join(str(p) for p in err["loc"])
            if err["type"] == "extra_forbidden":
                lines.append(
                    f"section {notebook}: unknown parameter '{key}' (check its spelling; the "
                    f"section's parameters are: {known})"
                )
                continue
            lines.append(_problem(notebook, model, err))
        raise ValueError("\n".join(lines)) from None


#: pydantic's range errors -> (the bound's name in the error's context, the range in words).
_RANGE_WORDS = {
    "greater_than": ("gt", "above {:g}"),
    "greater_than_equal": ("ge", "of {:g} or more"),
    "less_than": ("lt", "below {:g}"),
    "less_than_equal": ("le", "of {:g} or less"),
}


def _problem(notebook: str, model: type[BaseModel], err: Mapping) -> str:
    """One line for one pydantic error: the section, the parameter, what is expected, found."""
    fields = model.model_fields
    loc = [str(p) for p in err["loc"]]
    if err["type"] == "value_error" and not loc:  # a check across parameters (model validator)
        reason = str(err.get("ctx", {}).get("error", err["msg"]))
        return f"section {notebook}: {reason}"
    key = ".".join(loc)
    top = loc[0] if loc else ""
    field = fields.get(top)
    expected = _type_name(field.annotation) if field is not None else "?"
    if err["type"] == "value_error":  # a field validator's own sentence
        reason = str(err.get("ctx", {}).get("error", err["msg"]))
        return f"section {notebook}: parameter '{key}': {reason}; found {err['input']!r}"
    bound = _RANGE_WORDS.get(err["type"])
    if bound is not None:
        limit = err.get("ctx", {}).get(bound[0])
        return (
            f"section {notebook}: parameter '{key}' expects {expected} "
            f"{bound[1].format(limit)}, found {err['input']!r}"
        )
    msg = str(err["msg"])
    msg = msg[:1].lower() + msg[1:]
    return (
        f"section {notebook}: parameter '{key}' expects {expected} ({msg}), found {err['input']!r}"
    )


def check_review_parameters(review: object, refs: Sequence[object]) -> None:
    """Check each section's parameters against the review they are built for.

    ``refs`` are the meeting's sections (``notebook`` and ``parameters``, the config's values
    with any ``--param`` applied). Each section's model says what does not fit the review
    (:meth:`SectionParameters.review_problems`), e.g. band edges for a service the review does
    not have bands for.

    Raises
    ------
    ConfigError
        One line per problem, naming the section and the parameter.

    """
    from pipelines.core.errors import ConfigError

    problems = []
    for ref in refs:
        model = check_parameters(ref.notebook, ref.parameters)
        if isinstance(model, SectionParameters):
            problems += [f"section {ref.notebook}: {p}" for p in model.review_problems(review)]
    if problems:
        raise ConfigError(
            "A section parameter does not fit the review:\n"
            + "\n".join(problems)
            + "\nCorrect it in the review configuration or in --param."
        )


def parse_parameter_overrides(items: Sequence[str]) -> dict[str, dict[str, object]]:
    """Section parameters given on the command line (``SECTION.KEY=VALUE``), by notebook.

    ``SECTION`` is the section's notebook (``40_workforce_costs``) or its short name
    (``workforce``); ``VALUE`` is read as YAML, so ``32`` is a number, ``[1, 3]`` a list and
    ``capped rate`` a string; a value that is not valid YAML (``[1, 3``) is refused, never
    taken as text. Each value is checked with the section's parameter model.

    Raises
    ------
    ValueError
        One line per bad item: not of the form ``SECTION.KEY=VALUE``, an unknown section, a
        value that is not valid YAML, an unknown key or a value of the wrong type (naming what
        the section expects).

    """
    import yaml

    sections = discover()
    by_name = {spec.name: nb for nb, spec in sections.items()}
    out: dict[str, dict[str, object]] = {}
    problems = []
    for item in items:
        target, sep, raw = item.partition("=")
        section, dot, key = target.strip().partition(".")
        if not sep or not dot or not section or not key.strip():
            problems.append(
                f"--param {item!r}: write it as SECTION.KEY=VALUE, "
                "e.g. workforce.posts_made_permanent=20"
            )
            continue
        notebook = section if section in sections else by_name.get(section)
        if notebook is None:
            known = ", ".join(f"{s.name} ({nb})" for nb, s in sections.items())
            problems.append(f"--param {item!r}: no section '{section}' (sections: {known})")
            continue
        try:
            value = yaml.safe_load(raw) if raw.strip() else ""
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at character {mark.column + 1}" if mark is not None else ""
            problems.append(
                f"--param {item!r}: the value {raw.strip()!r} cannot be read{where} "
                f"({getattr(exc, 'problem', None) or 'not valid YAML'}); write a number "
                "(20), a word or words (framework rate), a list ([1, 3]) or quote the text "
                "('it''s 20')"
            )
            continue
        if isinstance(value, dt.date):  # dates stay as written, as in the notebooks
            value = raw.strip()
        out.setdefault(notebook, {})[key.strip()] = value
    for notebook, params in out.items():
        try:
            check_parameters(notebook, params)
        except ValueError as exc:
            problems.extend(f"--param: {line}" for line in str(exc).splitlines())
    if problems:
        raise ValueError("\n".join(problems))
    return out
