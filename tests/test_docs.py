"""The README's module table, docs/architecture.md and the code agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

PIPELINES = ROOT / "pipelines"


def modules(root: Path = PIPELINES) -> dict[str, bool]:
    """Every module of the package, dotted (packages by their ``__init__``) -> is it a package."""
    out = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root.parent).with_suffix("").parts
        if parts[-1] == "__main__":
            continue
        package = parts[-1] == "__init__"
        if package:
            parts = parts[:-1]
        out[".".join(parts)] = package
    return out


def readme_table_names() -> list[str]:
    """Module names in the README's `| module | stage |` table (``.x`` shorthand expanded)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("| module | stage |")
    table = text[start:].split("\n\n", 1)[0]
    names: list[str] = []
    for line in table.splitlines()[2:]:
        first_cell = line.split("|")[1]
        previous = None
        for token in re.findall(r"`([^`]+)`", first_cell):
            if token.startswith(".") and previous:
                token = previous.rsplit(".", 1)[0] + token
            names.append(token)
            previous = token
    return names


def covers(name: str, module: str, packages: set[str]) -> bool:
    """Whether a README entry names ``module``.

    Literally, or through a placeholder: in ``pipelines.sections.<name>.result`` the ``<name>``
    stands for any one *package* (``pipelines.sections.leavers``), never a module
    (``pipelines.sections.indicators``), so the generic rows cover the standard modules of every
    section package and dataset family while a module of another shape must be named.
    """
    parts, found = name.split("."), module.split(".")
    if len(parts) != len(found):
        return False
    for i, (part, actual) in enumerate(zip(parts, found, strict=True)):
        if re.fullmatch(r"<[a-z]+>", part):
            if ".".join(found[: i + 1]) not in packages:
                return False
        elif part != actual:
            return False
    return True


def uncovered(found: dict[str, bool], names: list[str]) -> list[str]:
    """The modules of ``found`` (name -> is a package) that no entry of ``names`` covers.

    A package is covered by the entries of its modules; a package without modules must be
    named itself.
    """
    packages = {m for m, package in found.items() if package}
    leaves = {m for m in found if not any(o.startswith(m + ".") for o in found)}
    return sorted(m for m in leaves if not any(covers(n, m, packages) for n in names))


def test_every_module_is_in_the_readme_table():
    missing = uncovered(modules(), readme_table_names())
    assert not missing, f"modules missing from the README's module table: {missing}"


def test_a_new_sections_standard_modules_need_no_row_and_other_new_modules_do():
    """The generic rows cover a new section package's standard modules (issue 20: adding a
    section needs no README edit); a new core module, a module (not a package) beside the
    sections or an unusual module of a section package is still missing."""
    names = readme_table_names()
    section = {
        "pipelines.sections.example": True,
        "pipelines.sections.example.parameters": False,
        "pipelines.sections.example.analysis": False,
        "pipelines.sections.example.result": False,
        "pipelines.sections.example.figures": False,
        "pipelines.sections.example.charts": False,
        "pipelines.sections.example.text": False,
    }
    assert uncovered({**modules(), **section}, names) == []
    for extra in (
        "pipelines.core.foo",
        "pipelines.sections.foo",
        "pipelines.sections.example.foo",
        "pipelines.datasets.leavers.foo",
        "pipelines.documents.foo",
    ):
        found = {**modules(), **section, extra: False}
        assert uncovered(found, names) == [extra]


@pytest.mark.parametrize("name", readme_table_names())
def test_every_readme_module_exists(name):
    found = modules()
    packages = {m for m, package in found.items() if package}
    assert any(covers(name, m, packages) for m in found), f"README names {name}, not in code"


def test_architecture_names_only_modules_that_exist():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"\b((?:core|sections|datasets)\.[a-z_]+(?:\.[a-z_]+)?)\b", text))
    known = {m.removeprefix("pipelines.") for m in modules()}
    unknown = sorted(
        n
        for n in named
        if n not in known
        and n.rsplit(".", 1)[0] not in known  # a function or class of a module
        and not any(k.startswith(n + ".") for k in known)
    )
    assert not unknown, f"docs/architecture.md names modules that do not exist: {unknown}"
