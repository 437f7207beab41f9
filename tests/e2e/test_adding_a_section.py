"""docs/adding-a-section.md is true: following it adds a section that the pack then contains.

In a temporary copy of the project, the test writes every file of the doc's worked example, as
the doc gives it (registry entry, parameter model, analysis, result, notebook, tests), and
nothing else; checks that the files it had to write are exactly the files the doc's list names,
and that every one of them is the section's own package, notebook or tests (issue 20: 7 files,
none outside them, where a section with figures needed up to 15, 7 outside); runs the section's
tests and the registry's, notebooks' and README's checks in the copy; checks that the section's
figure reaches the known keys and the headline figures and the section a new review's first
meeting, with no other module edited; then builds a meeting's pack with the CLI (the section put
in the meeting by a copy of the review configuration, as the doc says), finds its heading and
table, and checks that no file of the project but the section's own changed on the way.
"""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
import yaml

from tests.conftest import DEMO_MEETING, DEMO_REVIEW, ROOT

pytestmark = pytest.mark.slow

DOC = ROOT / "docs" / "adding-a-section.md"
#: What the doc's placeholders stand for in the worked example.
PLACEHOLDERS = {"<name>": "example", "NN": "80", "<review>": DEMO_REVIEW}
FENCE = re.compile(r"```(\w*)\n(.*?)```", re.DOTALL)


def _part(text: str, heading: str) -> str:
    """The text under a Markdown heading, up to the next heading of the same or a higher level.

    Lines inside fenced blocks (a notebook's ``# Title``, say) are not headings.
    """
    level = len(heading.split(" ", 1)[0])
    lines = text.splitlines(keepends=True)
    start = lines.index(heading + "\n") + 1
    fenced = False
    for end in range(start, len(lines)):
        line = lines[end]
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(rf"#{{1,{level}}} ", line):
            return "".join(lines[start:end])
    return "".join(lines[start:])


def listed_files(doc: str) -> list[str]:
    """The files the doc's list says a new section needs, placeholders filled in."""
    part = _part(doc, "### Files of a new section")
    found = re.findall(r"^\d+\. `([^`]+)`", part, flags=re.MULTILINE)
    filled = []
    for path in found:
        for placeholder, value in PLACEHOLDERS.items():
            path = path.replace(placeholder, value)
        filled.append(path)
    return filled


def example_files(doc: str) -> dict[str, list[tuple[str, str]]]:
    """Path -> the fenced blocks (language, text) the worked example gives for that file."""
    part = _part(doc, "### Worked example")
    files = {}
    pieces = re.split(r"^#### `([^`]+)`\n", part, flags=re.MULTILINE)
    for path, body in zip(pieces[1::2], pieces[2::2], strict=True):
        files[path.replace("<review>", DEMO_REVIEW)] = FENCE.findall(body)
    return files


def copy_project(to: Path) -> None:
    """Copy the files git tracks (and untracked files it does not ignore) into ``to``."""
    try:
        listing = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout.decode()
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"needs a git checkout of the project to copy it: {exc}")
    for name in filter(None, listing.split("\0")):
        src = ROOT / name
        if src.is_file():
            (to / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, to / name)


def write_notebook(path: Path, blocks: list[tuple[str, str]]) -> None:
    """The notebook the doc describes: markdown and code cells, the first code cell tagged."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = nbformat.read(ROOT / "notebooks" / "10_leavers.ipynb", as_version=4).metadata
    tagged = False
    for i, (language, text) in enumerate(blocks):
        source = text.rstrip("\n")
        if language == "markdown":
            cell = nbformat.v4.new_markdown_cell(source)
        else:
            cell = nbformat.v4.new_code_cell(source)
            if not tagged:
                cell.metadata["tags"] = ["parameters"]
                tagged = True
        cell.id = f"cell-{i + 1:02d}"
        nb.cells.append(cell)
    nbformat.validate(nb)
    nbformat.write(nb, path)


def write_example(project: Path, files: dict[str, list[tuple[str, str]]]) -> None:
    """Write (or edit) each file of the worked example in the copy, as the doc gives it."""
    for name, blocks in files.items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".ipynb"):
            write_notebook(path, blocks)
        elif name == f"config/reviews/{DEMO_REVIEW}.yml":
            (block,) = blocks
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            meeting = next(m for m in data["meetings"] if str(m["date"]) == DEMO_MEETING)
            meeting["sections"] += yaml.safe_load(block[1])
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        else:
            (block,) = blocks
            path.write_text(block[1], encoding="utf-8")


#: Folders the tools write in a run (git ignores them), not part of the project's files.
CACHES = {
    "__pycache__",
    ".ruff_cache",
    ".pytest_cache",
    ".hypothesis",
    ".ipynb_checkpoints",
    ".import_linter_cache",
    ".grimp_cache",
}


def changed_files(original: Path, copy: Path) -> set[str]:
    """Files of ``copy`` that are new or differ from ``original`` (outputs and caches aside)."""
    changed = set()
    for path in copy.rglob("*"):
        rel = path.relative_to(copy)
        if path.is_dir() or rel.parts[0] in {"outputs", "data"} or CACHES & set(rel.parts):
            continue
        if path.suffix == ".log":  # a build's log (git ignores them)
            continue
        if not (original / rel).is_file() or not filecmp.cmp(path, original / rel, shallow=False):
            changed.add(rel.as_posix())
    return changed


def run(project: Path, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    """Run the shared venv's Python in the copy, importing the copy's ``pipelines``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVIDENCE_PACK_")}
    env |= {"PYTHONPATH": str(project), "MPLBACKEND": "Agg", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    return subprocess.run(
        [sys.executable, *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


#: Where a section's own files live (the doc's placeholders filled in).
OWN = ("pipelines/sections/example/", "notebooks/80_example.ipynb", "tests/sections/example/")


def test_following_the_doc_adds_a_section_that_the_pack_contains(tmp_path):
    doc = DOC.read_text(encoding="utf-8")
    listed = listed_files(doc)
    files = example_files(doc)
    assert sorted(listed) == sorted(files), "the list and the worked example name other files"

    pristine = tmp_path / "pristine"
    project = tmp_path / "project"
    copy_project(pristine)
    shutil.copytree(pristine, project)
    write_example(project, files)
    written = changed_files(pristine, project)
    assert written == set(listed)
    assert len(listed) == len(written)
    assert len(written) == 7, sorted(written)
    outside = sorted(name for name in written if not name.startswith(OWN))
    assert outside == [], outside  # no README row, no list kept elsewhere

    # The doc's code keeps the house style (the project's ruff settings).
    code = sorted(name for name in written if name.endswith(".py"))
    for lint in (["check"], ["format", "--check"]):
        result = run(project, "-m", "ruff", *lint, *code)
        assert result.returncode == 0, result.stdout + result.stderr

    # The section's unit tests, and the registry's and notebooks' checks, with the section added.
    checks = run(
        project,
        "-m",
        "pytest",
        "-v",
        "-p",
        "no:cacheprovider",
        "tests/sections/example",
        "tests/core/test_registry.py",
        "tests/test_notebooks.py",
        "tests/test_docs.py",
    )
    assert checks.returncode == 0, checks.stdout[-4000:] + checks.stderr[-2000:]
    for check in (
        "test_parameter_model_is_the_notebooks_parameter_cell[80_example] PASSED",
        "test_datasets_are_the_tidy_tables_the_notebook_loads[80_example] PASSED",
        "test_readme_notebook_table_is_the_registry PASSED",
        "test_every_module_is_in_the_readme_table PASSED",
        "test_notebook_is_committed_without_outputs[80_example.ipynb] PASSED",
        "test_counts_one_services_leavers_by_team_most_first PASSED",
        "test_the_result_is_the_table_and_its_total_is_the_figure PASSED",
    ):
        assert check in checks.stdout, check

    # "Try it": the tidy data, the notebook with its defaults, then the meeting's pack.
    cleaned = run(project, "-m", "pipelines", "clean", DEMO_REVIEW)
    assert cleaned.returncode == 0, cleaned.stdout[-2000:] + cleaned.stderr[-2000:]

    # Downstream, through the registry only: the figure is a known key (SWOT rules may name
    # it) and a headline figure (key findings, scorecard), and a new review's first meeting
    # lists the section; its cache key is its own (it summarises no other section).
    downstream = run(
        project,
        "-c",
        "from pipelines import cache, scaffold\n"
        "from pipelines.core.config import load_review\n"
        "from pipelines.core.context import run_context\n"
        "from pipelines.sections.indicators import collect_figures, known_keys\n"
        f"cfg = load_review({DEMO_REVIEW!r})\n"
        "frames = run_context(cfg).frames()\n"
        "figures = collect_figures(cfg, frames, sections=['80_example'])\n"
        "print('known', 'example_leavers' in known_keys())\n"
        "print('figures', [(f.key, f.value) for f in figures])\n"
        "print('first', '80_example' in scaffold.first_sections())\n"
        "print('summary', cache.reads_every_section('80_example'))\n",
    )
    assert downstream.returncode == 0, downstream.stderr[-4000:]
    leavers = pd.read_parquet(project / "data" / "processed" / DEMO_REVIEW / "leavers.parquet")
    childrens = leavers[leavers["service"] == "Children's Social Care"]
    assert downstream.stdout.split("\n")[:4] == [
        "known True",
        f"figures [('example_leavers', {float(len(childrens))})]",
        "first True",
        "summary False",
    ]
    analyst = run(
        project,
        "-m",
        "papermill",
        "notebooks/80_example.ipynb",
        str(tmp_path / "80_example.ipynb"),
        "-k",
        "evidence-pack",
        "--no-progress-bar",
    )
    assert analyst.returncode == 0, analyst.stderr[-4000:]

    # The meeting's pack with only the new section (and the data-quality appendix the build
    # adds), from a copy of the review config, to keep the build short.
    data = yaml.safe_load(
        (project / "config" / "reviews" / f"{DEMO_REVIEW}.yml").read_text(encoding="utf-8")
    )
    meeting = next(m for m in data["meetings"] if str(m["date"]) == DEMO_MEETING)
    ((_, entry),) = FENCE.findall(_part(doc, "### Putting it in a meeting's pack"))
    meeting["sections"] = yaml.safe_load(entry)
    assert meeting["sections"] == [
        {
            "notebook": "80_example",
            "agenda_item": "7",
            "parameters": {"service": "Children's Social Care"},
        }
    ]
    config = tmp_path / f"{DEMO_REVIEW}.yml"  # a copy keeps its id, so its file name
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    built = run(project, "-m", "pipelines", "build", str(config), "--meeting", DEMO_MEETING)
    assert built.returncode == 0, built.stdout[-4000:] + built.stderr[-4000:]

    folder = project / "outputs" / DEMO_REVIEW / DEMO_MEETING / "internal"
    html = (folder / "annex.html").read_text(encoding="utf-8")
    assert re.search(r"<h\d[^>]*>\s*Leavers by team", html), "no section heading in the pack"
    assert 'id="80-example--tbl-teams"' in html and "Social Care: leavers by team" in html

    # The table in the pack is the analysis of the review's tidy leavers.
    table = pd.read_csv(folder / "tables" / "80_example__teams.csv")
    assert list(table.columns) == ["Team", "Leavers"]
    body = table[table["Team"] != "Total"]
    assert body["Leavers"].sum() == len(childrens) > 0
    assert table.loc[table["Team"] == "Total", "Leavers"].tolist() == [len(childrens)]
    assert set(body["Team"]) == set(childrens["team"])

    # Linting, the tests, cleaning and the build changed no file of the project's own.
    assert changed_files(pristine, project) == written
