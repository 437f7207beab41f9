"""No list of sections, figure keys or datasets is kept outside the section registry (issue 20).

A section registered only here (in the test, nowhere in ``pipelines``) shows up in the SWOT's
known keys, the headline figures, the ranked key findings, the cache keys, a new review's first
meeting and the SWOT's external figures, without editing those modules; a section declared
annex-only is left out of the report and the exempt appendix, and the "what if" counts a section
declares are checked by the consistency check, without naming it; and the modules that collect
from every section name none of them (read from their source).
"""

from __future__ import annotations

import ast
import re
from types import SimpleNamespace

import pytest

from pipelines import cache as stepcache
from pipelines import scaffold
from pipelines.core import registry
from pipelines.core.figures import Figure, Kind
from pipelines.core.registry import SectionParameters, SectionSpec
from pipelines.core.results import SectionResult
from pipelines.sections import findings as fx
from pipelines.sections import indicators as ix
from pipelines.sections.swot import analysis as swot
from tests.conftest import DEMO_MEETING, ROOT
from tests.sections.figure_checks import CFG

FAKE = "85_fake"
SUMMARY = "86_fake_summary"
OFFICERS = "87_fake_register"
NATIONAL = "88_fake_national"

#: 9 of 36 posts vacant: 25.0% against a target of 10.0%, 15 points over on 36 posts = 5.4 posts.
LEFT, POSTS, TARGET = 9.0, 36.0, 10.0


class NoParameters(SectionParameters):
    """A section with no parameters of its own."""


def _figure(key: str, section: str, value: float, **extra) -> Figure:
    return Figure(
        key=key,
        label=f"Fake: {key}",
        value=value,
        kind=Kind.PERCENT_OF_POSTS,
        numerator=LEFT,
        denominator=POSTS,
        direction="lower",
        source="Fake export",
        period="2015/16",
        section=section,
        **extra,
    )


def _fake_build(ctx, params) -> SectionResult:
    """9 of the 36 fake posts are vacant, against a target of 10%."""
    fig = _figure("fake_vacancy", FAKE, 100.0 * LEFT / POSTS, comparators={"target": TARGET})
    return SectionResult(section=FAKE, figures=(fig,))


def _national_figures(ctx, params, *, national=None) -> list[Figure]:
    """A figure from outside the council; ``national`` is the data the caller holds."""
    value = 12.5 if national is None else float(national)
    return [_figure("fake_dfe_rate", NATIONAL, value)]


@pytest.fixture
def fake_sections(monkeypatch):
    """Four sections registered for the test only (the registry is restored afterwards)."""
    sections = dict(registry.SECTIONS)
    monkeypatch.setattr(registry, "SECTIONS", sections)
    common = {"parameters": NoParameters, "purpose": "a test section"}
    registry.register_section(
        SectionSpec(
            name="fake",
            notebook=FAKE,
            title="Fake",
            datasets=("leavers",),
            figures=("fake_vacancy",),
            build=_fake_build,
            **common,
        )
    )
    registry.register_section(
        SectionSpec(name="fake_summary", notebook=SUMMARY, title="S", summary=True, **common)
    )
    registry.register_section(
        SectionSpec(
            name="fake_register",
            notebook=OFFICERS,
            title="R",
            datasets=("leavers",),
            officer_files=("register.yml",),
            **common,
        )
    )
    registry.register_section(
        SectionSpec(
            name="fake_national",
            notebook=NATIONAL,
            title="N",
            figures=("fake_dfe_rate",),
            compute_figures=_national_figures,
            inputs=("national",),
            **common,
        )
    )
    return sections


def _with_meeting(sections: list[str]):
    """The demo review with its 21 September 2016 meeting listing only ``sections``."""
    meeting = CFG.meeting(DEMO_MEETING)
    ref = meeting.sections[0]
    refs = [ref.model_copy(update={"notebook": nb, "parameters": {}}) for nb in sections]
    mtg = meeting.model_copy(update={"sections": refs})
    return CFG.model_copy(update={"meetings": [mtg]})


def test_a_new_sections_figures_are_known_collected_and_ranked(fake_sections):
    assert "fake_vacancy" in ix.known_keys() and "fake_dfe_rate" in ix.known_keys()
    swot.Rule(
        id="fake",
        indicator="fake_vacancy",
        comparator="target",
        when="worse",
        quadrant="Weaknesses",
        template="{label}",
    )  # a SWOT rule may name it

    figures = ix.collect_figures(CFG, {}, sections=[FAKE, NATIONAL])
    assert [f.key for f in figures] == ["fake_vacancy", "fake_dfe_rate"]
    assert figures[0].value == pytest.approx(25.0)
    # The caller's own national data reach the section that declares it reads them...
    held = ix.collect_figures(CFG, {}, sections=[NATIONAL], national=7.0)
    assert [f.value for f in held] == [7.0]
    # ...and asking for none leaves that section out.
    assert ix.collect_figures(CFG, {}, sections=[NATIONAL], include_national=False) == []

    ranked = fx.ranked_findings(_with_meeting([FAKE]), {}, DEMO_MEETING)
    (finding,) = [f for f in ranked if f.key == "fake_vacancy"]
    assert finding.section == FAKE
    assert finding.amount == pytest.approx((25.0 - TARGET) / 100 * POSTS)  # 5.4 posts


def test_a_new_section_is_in_the_cache_keys_and_a_new_reviews_first_meeting(
    fake_sections, monkeypatch, tmp_path
):
    assert stepcache.reads_every_section(SUMMARY)
    assert not stepcache.reads_every_section(FAKE)
    for nb in (FAKE, SUMMARY):
        (tmp_path / f"{nb}.ipynb").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(stepcache, "notebooks_dir", lambda: tmp_path)
    monkeypatch.setattr(stepcache, "shared_inputs", lambda raw, cfg: {})
    from pipelines.orchestrator import section_cache_keys

    def keys(fake_params: dict) -> dict[str, str]:
        refs = [
            SimpleNamespace(notebook=FAKE, parameters=fake_params),
            SimpleNamespace(notebook=SUMMARY, parameters={}),
        ]
        return section_cache_keys(CFG, refs, {"meeting": DEMO_MEETING}, {}, raw=tmp_path, code="")

    one, other = keys({"x": 1}), keys({"x": 2})
    assert one[FAKE] != other[FAKE]
    assert one[SUMMARY] != other[SUMMARY]  # the summary holds every section's parameters

    first = scaffold.first_sections()
    assert FAKE in first  # needs only a dataset every new review lists
    assert NATIONAL in first  # reads the DfE files, needs no dataset
    assert SUMMARY not in first and OFFICERS not in first
    assert swot.is_external("fake_dfe_rate") and not swot.is_external("fake_vacancy")


#: Modules that gather from every section: they must name none (no notebook, no section
#: package, no figure key), so that a section is added in its own package only.
COLLECTORS = (
    "pipelines/sections/indicators.py",
    "pipelines/sections/findings.py",
    "pipelines/cache.py",
    "pipelines/scaffold.py",
    "pipelines/sections/consistency.py",
)


@pytest.mark.parametrize("path", COLLECTORS)
def test_the_collectors_name_no_section_and_no_figure_key(path):
    source = (ROOT / path).read_text(encoding="utf-8")
    tree = ast.parse(source)
    sections = registry.discover()
    packages = {f"pipelines.sections.{s.name}" for s in sections.values()}
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
        elif isinstance(node, ast.Import):
            imported.update(a.name for a in node.names)
    named = {m for m in imported for p in packages if m == p or m.startswith(p + ".")}
    assert not named, f"{path} imports section packages {sorted(named)}"
    strings = [
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]
    notebooks = set(sections)
    keys = set(registry.figure_keys())
    for text in strings:
        for word in re.findall(r"[0-9a-z_]+", text):
            assert word not in notebooks, f"{path} names the section {word}: {text[:80]!r}"
            assert word not in keys, f"{path} names the figure {word}: {text[:80]!r}"


# --- Sections declared annex-only, and the "what if" counts a section declares -----------------

ANNEXED = "89_fake_appendix"
WHAT_IF = "84_fake_what_if"


def _fake_scenarios(tables):
    """The fake section's "what if": posts made permanent (its ``what-if`` table) against the
    agency FTE of each role (its ``posts`` table)."""
    posts = {str(r["Role"]): float(r["Agency FTE"]) for _, r in tables["posts"].iterrows()}
    what_if = tables.get("what-if")
    found = [] if what_if is None else [
        (str(r["Role"]), float(r["Made permanent"]), "what-if") for _, r in what_if.iterrows()
    ]  # fmt: skip
    return found, posts


@pytest.fixture
def declaring_sections(monkeypatch):
    """An annex-only section and one declaring "what if" counts, registered for the test only."""
    sections = dict(registry.SECTIONS)
    monkeypatch.setattr(registry, "SECTIONS", sections)
    common = {"parameters": NoParameters, "purpose": "a test section"}
    registry.register_section(
        SectionSpec(name="fake_appendix", notebook=ANNEXED, title="A", annex_only=True, **common)
    )
    registry.register_section(
        SectionSpec(
            name="fake_what_if", notebook=WHAT_IF, title="W", scenarios=_fake_scenarios, **common
        )
    )
    return sections


def test_a_section_declared_annex_only_is_left_to_the_annex(declaring_sections):
    from pipelines.documents import meeting

    annexed = meeting.annex_only()
    assert ANNEXED in annexed and "90_data_quality" in annexed  # declared by their packages
    assert WHAT_IF not in annexed
    assert meeting.annex_only({"30_local_vs_national"}) >= {ANNEXED, "30_local_vs_national"}
    # The rounding rule leaves the annex-only section's texts out, like the documents' own
    # appendices, and reads the others.
    from pipelines.sections import consistency as cs

    html = (
        f'<section data-section="{ANNEXED}"><li>Printed 37%</li></section>'
        f'<section data-section="{WHAT_IF}"><li>Rate 37%</li></section>'
    )
    assert [w for w, _ in cs.report_texts(html)] == [f"{WHAT_IF}: li"]


def test_no_module_of_the_documents_names_an_annex_only_section(declaring_sections):
    annexed = set(registry.annex_only_sections())
    assert annexed >= {ANNEXED, "90_data_quality"}
    for path in sorted((ROOT / "pipelines" / "documents").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for n in ast.walk(tree):
            if isinstance(n, ast.Constant) and isinstance(n.value, str):
                named = annexed & set(re.findall(r"[0-9a-z_]+", n.value))
                assert not named, f"{path.name} names the annex-only section {named}"


def test_the_what_if_counts_a_section_declares_are_checked(declaring_sections, tmp_path):
    import pandas as pd

    from pipelines.sections import consistency as cs

    # 3 agency FTE of senior practitioners; the scenario makes 4 permanent: 1 too many.
    tables = {
        f"{WHAT_IF}__posts": pd.DataFrame({"Role": ["Senior"], "Agency FTE": [3.0]}),
        f"{WHAT_IF}__what-if.csv": pd.DataFrame({"Role": ["Senior"], "Made permanent": [4]}),
        # Another section's table of the same name is not the fake section's.
        "85_other__what-if": pd.DataFrame({"Role": ["Senior"], "Made permanent": [99]}),
    }
    scenarios, posts = cs.pack_scenarios({k.removesuffix(".csv"): v for k, v in tables.items()})
    assert (scenarios, posts) == ([("Senior", 4.0, "what-if")], {"Senior": 3.0})
    found = cs.check_pack(tmp_path, tables=tables, reconciliations=[], results=())
    assert [c.rule for c in found] == ["scenario within posts"]
    assert "4 posts of Senior in the scenario, but only 3 exist" in found[0].message
    within = {**tables, f"{WHAT_IF}__what-if.csv": tables[f"{WHAT_IF}__what-if.csv"].assign(
        **{"Made permanent": [3]}
    )}  # fmt: skip
    assert cs.check_pack(tmp_path, tables=within, reconciliations=[], results=()) == []
    # An empty table is left out, as if the section had not shown it.
    empty = {f"{WHAT_IF}__posts": tables[f"{WHAT_IF}__posts"].iloc[:0]}
    assert cs.pack_scenarios(empty) == ([], {})
