"""Findings lists as the documents read them: each section's notebook list, and the ranked
findings of a run."""

import re

import nbformat

from pipelines.core.outputs import META_KEY
from pipelines.documents.pack import Section, _section_findings, _section_title


def section(name: str, title: str, items: list[str], list_name: str = "findings") -> Section:
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"text/html": "<ul></ul>"},
            metadata={META_KEY: {"kind": "findings", "name": list_name, "items": items}},
        )
    ]
    return Section(
        name,
        nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# {title}\nWhy."), cell]),
    )


def test_a_sections_findings_list_and_title_are_read_from_its_notebook():
    s = section("10_leavers", "Leavers and exit interviews", ["a1", "a2"])
    assert _section_findings(s) == ["a1", "a2"]
    assert _section_title(s) == "Leavers and exit interviews"
    assert _section_findings(section("20_b", "B", ["x"], list_name="other")) == []


# --- Findings of the built demo pack -----------------------------------------------------------


def built_sections(built, audience: str = "") -> dict[str, Section]:
    """The executed section notebooks of a build: the first (exempt) run, or ``public``."""
    folder = built.folder / "sections" / audience
    return {
        p.stem: Section(p.stem, nbformat.read(p, as_version=4))
        for p in sorted(folder.glob("*.ipynb"))
        if not p.stem.startswith("0")
    }


def test_public_findings_write_small_counts_of_people_as_fewer_than_the_threshold(built):
    from pipelines.core.disclosure import Policy
    from tests.sections.figure_checks import CFG

    pol = Policy("public", CFG.disclosure_threshold)
    exempt = {n: _section_findings(s) for n, s in built_sections(built).items()}
    public = {n: _section_findings(s) for n, s in built_sections(built, "public").items()}
    assert public.keys() == exempt.keys()
    assert sum(1 for items in public.values() if items) >= 3
    small_people = re.compile(
        rf"(?<![\d.,£])\b[1-{pol.threshold - 1}] (?:leavers|staff|people|locums|comments|forms)\b"
    )
    for name, items in public.items():
        # a projection resting on flows of fewer than 5 people is the exempt appendix's alone
        # (adversary15 D2): the demo's Adult Social Care projection of agency staff
        withheld = (
            [t for t in exempt[name] if t.startswith("Adult Social Care") and "agency staff" in t]
            if name == "45_retention"
            else []
        )
        assert not any(t.startswith("Adult Social Care") and "agency staff" in t for t in items)
        assert len(items) == len(exempt[name]) - len(withheld)
        for text in items:
            assert not small_people.search(text), text
            # numbers that are not counts of people are never rewritten
            assert "(above fewer than" not in text and "fewer than 5 is best" not in text, text
    assert any(
        f"fewer than {pol.threshold}" in t or f"{pol.threshold} or more" in t
        for t in public["10_leavers"]
    )


def test_a_run_context_gives_the_same_findings_from_its_processed_folder(built):
    from pipelines.core.context import run_context
    from pipelines.sections.findings import context_findings, ranked_findings
    from tests.conftest import DEMO_MEETING, DEMO_REVIEW
    from tests.sections.figure_checks import CFG, frames

    ctx = run_context(
        DEMO_REVIEW, DEMO_MEETING, audience="public", processed_dir=built.processed / DEMO_REVIEW
    )
    got = context_findings(ctx)
    want = ranked_findings(CFG, frames(built), DEMO_MEETING, pol=ctx.policy)
    assert [(f.key, str(f.text), f.score) for f in got] == [
        (f.key, str(f.text), f.score) for f in want
    ]
