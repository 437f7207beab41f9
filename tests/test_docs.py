"""The README's module table, docs/architecture.md and the code agree."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

PIPELINES = ROOT / "pipelines"


def modules() -> set[str]:
    """Every module of the package, dotted (packages by their ``__init__``)."""
    out = set()
    for path in PIPELINES.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out.add(".".join(parts))
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


def pattern(name: str) -> re.Pattern:
    """``pipelines.sections.<name>.figures`` matches any one package in the ``<...>`` place."""
    parts = [r"[a-z_]+" if re.fullmatch(r"<[a-z]+>", p) else re.escape(p) for p in name.split(".")]
    return re.compile(r"\.".join(parts))


def test_every_module_is_in_the_readme_table():
    patterns = [pattern(n) for n in readme_table_names()]
    every = modules()
    # a package is covered by the entries of its modules; a package without modules must be named
    leaves = {m for m in every if not any(o.startswith(m + ".") for o in every)}
    missing = sorted(m for m in leaves if not any(p.fullmatch(m) for p in patterns))
    assert not missing, f"modules missing from the README's module table: {missing}"


@pytest.mark.parametrize("name", readme_table_names())
def test_every_readme_module_exists(name):
    assert any(pattern(name).fullmatch(m) for m in modules()), f"README names {name}, not in code"


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
