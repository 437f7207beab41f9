"""The section registry: every numbered notebook is registered, and its model is its cell."""

from __future__ import annotations

import ast
import json
import re
import typing

import pytest
import yaml

from pipelines.core import registry
from pipelines.core.config import load_review, review_path
from pipelines.core.errors import ConfigError
from pipelines.sections.indicators import known_keys
from tests.conftest import DEMO_REVIEW, ROOT

SECTIONS = registry.discover()
NUMBERED = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
#: Parameters of a notebook's cell that are not the section's own.
NOT_SECTION_PARAMETERS = set(registry.COMMON_PARAMETERS)
#: Annotation a notebook may write for a model field's type (the model may be more precise).
BASE_TYPES = {"str": str, "int": int, "float": float, "bool": bool, "list": list, "dict": dict}


def _cells(notebook: str) -> list[dict]:
    return json.loads((ROOT / "notebooks" / f"{notebook}.ipynb").read_text(encoding="utf-8"))[
        "cells"
    ]


def _parameters_cell(notebook: str) -> dict[str, tuple[str, object, str]]:
    """Name -> (annotation, default, comment) of the notebook's ``parameters`` cell."""
    cell = next(c for c in _cells(notebook) if "parameters" in c["metadata"].get("tags", []))
    source = "".join(cell["source"])
    lines = source.splitlines()
    found = {}
    for stmt in ast.parse(source).body:
        assert isinstance(stmt, ast.AnnAssign), f"{notebook}: untyped parameter"
        comment = lines[stmt.lineno - 1].split("  # ", 1)[1].strip()
        found[stmt.target.id] = (
            ast.unparse(stmt.annotation),
            ast.literal_eval(stmt.value),
            comment,
        )
    return found


def _review_copy(tmp_path, change) -> str:
    data = yaml.safe_load(review_path(DEMO_REVIEW).read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / f"{data['id']}.yml"  # the id must match the file name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def _section_of(data: dict, date: str, notebook: str) -> dict:
    meeting = next(m for m in data["meetings"] if str(m["date"]) == date)
    return next(s for s in meeting["sections"] if s["notebook"] == notebook)


def test_every_numbered_notebook_is_a_section_or_a_preparation_notebook_and_vice_versa():
    assert sorted([*SECTIONS, *registry.PREPARATION_NOTEBOOKS]) == NUMBERED
    assert not set(SECTIONS) & set(registry.PREPARATION_NOTEBOOKS)


@pytest.mark.parametrize("notebook", list(SECTIONS))
def test_spec_names_its_package_notebook_and_title(notebook):
    spec = SECTIONS[notebook]
    assert spec.notebook == notebook
    assert spec.parameters.__module__ == f"pipelines.sections.{spec.name}.parameters"
    title = "".join(_cells(notebook)[0]["source"]).splitlines()[0]
    assert title == f"# {spec.title}"
    assert spec.purpose and "\n" not in spec.purpose


@pytest.mark.parametrize("notebook", list(SECTIONS))
def test_parameter_model_is_the_notebooks_parameter_cell(notebook):
    model = SECTIONS[notebook].parameters
    cell = {k: v for k, v in _parameters_cell(notebook).items() if k not in NOT_SECTION_PARAMETERS}
    assert list(model.model_fields) == list(cell)
    assert model.model_config.get("extra") == "forbid"
    for name, (annotation, default, comment) in cell.items():
        field = model.model_fields[name]
        assert field.default == default, name
        assert type(field.default) is type(default), name
        assert field.description == comment, name
        declared = typing.get_origin(field.annotation) or field.annotation
        assert declared is BASE_TYPES[annotation], name


@pytest.mark.parametrize("notebook", list(SECTIONS))
def test_defaults_are_valid_parameters(notebook):
    model = SECTIONS[notebook].parameters
    defaults = {name: f.default for name, f in model.model_fields.items()}
    assert model.model_validate(defaults).model_dump() == defaults


@pytest.mark.parametrize("notebook", list(SECTIONS))
def test_datasets_are_the_tidy_tables_the_notebook_loads(notebook):
    spec = SECTIONS[notebook]
    source = "\n".join("".join(c["source"]) for c in _cells(notebook) if c["cell_type"] == "code")
    loaded = set()
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "load"
            and node.args
            and isinstance(node.args[-1], ast.Constant)
        ):
            loaded.add(node.args[-1].value)
    declared = {*spec.datasets, *spec.optional_datasets}
    if spec.build is None:
        assert loaded == declared
    else:  # the result's build reads the data; the notebook may load some of them to show
        assert loaded <= declared
    assert not set(spec.datasets) & set(spec.optional_datasets)


def test_published_figure_keys_are_the_indicator_keys_each_owned_once():
    owned = [key for spec in SECTIONS.values() for key in spec.figures]
    assert sorted(owned) == sorted(known_keys())


def reviewed_sections(reviews=ROOT / "config" / "reviews") -> set[str]:
    """The sections the project's own reviews use: listed in one of their meetings, or in
    every pack (``every_pack``)."""
    used = {nb for nb, spec in SECTIONS.items() if spec.every_pack}
    for path in sorted(reviews.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for meeting in data.get("meetings") or []:
            used |= {s["notebook"] for s in meeting.get("sections") or []}
    return used


def test_readme_notebook_table_is_the_registry():
    """The README lists the preparation notebooks and every section the project's reviews use,
    each row as the registry writes it; a section no project review uses (a council's own, or
    one being written) needs no README row (issue 20: a new section touches its own files only).
    """
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    used = reviewed_sections()
    assert used <= set(SECTIONS), used - set(SECTIONS)
    table = registry.notebook_table(used)
    assert table in readme
    rows = re.findall(r"^\| `(\d\d_\w+)\.ipynb` \|", readme, flags=re.MULTILINE)
    assert rows == sorted([*registry.PREPARATION_NOTEBOOKS, *used])
    assert set(rows) <= set(NUMBERED)


def test_reviewed_sections_are_those_a_review_lists_and_those_in_every_pack(tmp_path):
    (tmp_path / "a.yml").write_text(
        "meetings:\n  - sections:\n      - notebook: 10_leavers\n  - sections: []\n",
        encoding="utf-8",
    )
    (tmp_path / "b.yml").write_text(
        "meetings:\n  - sections:\n      - notebook: 20_surveys\n        agenda_item: '4'\n",
        encoding="utf-8",
    )
    every = {nb for nb, spec in SECTIONS.items() if spec.every_pack}
    assert every  # the data-quality appendix
    assert reviewed_sections(tmp_path) == {"10_leavers", "20_surveys", *every}
    assert "10_leavers" not in registry.notebook_table(["20_surveys"])
    assert "| `20_surveys.ipynb` |" in registry.notebook_table(["20_surveys"])
    assert "| `01_clean.ipynb` |" in registry.notebook_table(["20_surveys"])


def test_a_second_registration_of_a_notebook_is_refused():
    spec = SECTIONS["10_leavers"]
    other = registry.SectionSpec(
        name="impostor", notebook=spec.notebook, title="x", parameters=spec.parameters
    )
    with pytest.raises(ValueError, match="registered twice"):
        registry.register_section(other)
    with pytest.raises(ValueError, match="preparation notebook"):
        registry.register_section(
            registry.SectionSpec(
                name="clean", notebook="01_clean", title="x", parameters=spec.parameters
            )
        )


def test_get_section_names_the_known_ones():
    with pytest.raises(KeyError) as err:
        registry.get_section("15_nothing")
    assert "10_leavers" in str(err.value)


def test_demo_review_config_loads_and_its_parameters_fit_their_sections():
    cfg = load_review(DEMO_REVIEW)
    refs = [s for m in cfg.meetings for s in m.sections if s.parameters]
    assert refs
    for ref in refs:
        assert registry.check_parameters(ref.notebook, ref.parameters)


def test_misspelt_section_parameter_is_refused_naming_meeting_section_and_key(tmp_path):
    def change(d):
        params = _section_of(d, "2016-09-21", "10_leavers")["parameters"]
        params["short_servce_years"] = 3

    with pytest.raises(ConfigError) as err:
        load_review(_review_copy(tmp_path, change))
    text = str(err.value)
    assert "short_servce_years" in text and "unknown parameter" in text
    assert "2016-09-21" in text and "10_leavers" in text
    assert "short_service_years" in text  # the known parameters are listed


def test_mistyped_section_parameter_is_refused_naming_the_expected_type(tmp_path):
    def change(d):
        _section_of(d, "2016-09-21", "40_workforce_costs")["parameters"]["agency_hourly_rate"] = (
            "32 pounds"
        )

    with pytest.raises(ConfigError) as err:
        load_review(_review_copy(tmp_path, change))
    text = str(err.value)
    assert "agency_hourly_rate" in text and "expects float" in text and "'32 pounds'" in text
    assert "2016-09-21" in text and "40_workforce_costs" in text


def test_number_written_as_text_is_refused_not_converted(tmp_path):
    def change(d):
        _section_of(d, "2016-09-21", "20_surveys")["parameters"] = {"small_n": "30"}

    with pytest.raises(ConfigError) as err:
        load_review(_review_copy(tmp_path, change))
    assert "small_n" in str(err.value) and "expects int" in str(err.value)


def test_parameter_for_a_section_without_parameters_is_refused(tmp_path):
    def change(d):
        meeting = next(m for m in d["meetings"] if str(m["date"]) == "2017-02-28")
        section = next(s for s in meeting["sections"] if s["notebook"] == "50_swot")
        section["parameters"] = {"threshold": 5}

    with pytest.raises(ConfigError) as err:
        load_review(_review_copy(tmp_path, change))
    assert "threshold" in str(err.value) and "50_swot" in str(err.value)


def test_cli_refuses_a_misspelt_section_parameter_with_exit_2_and_no_traceback(tmp_path):
    from typer.testing import CliRunner

    from pipelines.cli import app

    def change(d):
        _section_of(d, "2016-09-21", "10_leavers")["parameters"]["top"] = 3

    path = _review_copy(tmp_path, change)
    result = CliRunner().invoke(app, ["build", path, "--meeting", "2016-09-21"])
    assert result.exit_code == 2
    assert "top" in result.output and "10_leavers" in result.output
    assert "Traceback" not in result.output


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    """A run context of the demo review whose tidy data were prepared into a temporary folder."""
    from pipelines import steps
    from pipelines.core.context import run_context

    folder = tmp_path_factory.mktemp("processed") / DEMO_REVIEW
    ctx = run_context(DEMO_REVIEW, "2017-02-28", processed_dir=folder)
    steps.prepare(ctx)
    return ctx


@pytest.mark.parametrize(
    "notebook", [n for n, s in SECTIONS.items() if s.compute_figures is not None]
)
def test_registered_figures_are_the_ones_the_section_computes(notebook, demo_run):
    import importlib

    spec = SECTIONS[notebook]
    module = importlib.import_module(f"pipelines.sections.{spec.name}.figures")
    assert tuple(spec.figures) == tuple(module.FIGURE_KEYS) + tuple(
        getattr(module, "FINDING_KEYS", ())
    )
    if spec.name == "national":
        from pipelines.core.errors import ConfigError
        from pipelines.datasets.national import dfe

        try:
            dfe.data_folder(dfe.load_national_config())
        except (ConfigError, FileNotFoundError):
            pytest.skip("the DfE files are not beside this copy of the project")
    figures = spec.compute_figures(demo_run, {})
    assert figures, f"{notebook} computed no figures for the demo review"
    assert {f.key for f in figures} <= set(spec.figures)
    assert {f.section for f in figures} == {notebook}
