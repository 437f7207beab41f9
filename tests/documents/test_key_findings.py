import re

import nbformat

from pipelines.core.presentation import META_KEY
from pipelines.documents.pack import Section, key_findings, key_findings_section


def section(name: str, title: str, items: list[str]) -> Section:
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"text/html": "<ul></ul>"},
            metadata={META_KEY: {"kind": "findings", "name": "findings", "items": items}},
        )
    ]
    return Section(
        name,
        nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# {title}\nWhy."), cell]),
    )


def test_key_findings_take_each_sections_first_finding_in_turn_up_to_the_limit():
    chosen = key_findings(
        [
            section("10_a", "A", ["a1", "a2", "a3"]),
            section("20_b", "B", ["b1"]),
            section("30_c", "C", ["c1", "c2"]),
        ],
        limit=5,
    )
    assert [c["text"] for c in chosen] == ["a1", "b1", "c1", "a2", "c2"]


def test_key_findings_link_to_the_section_title_heading():
    chosen = key_findings([section("10_leavers", "Leavers and exit interviews", ["x"])])
    assert chosen[0]["anchor"] == "10-leavers--leavers-and-exit-interviews"


def test_sections_without_findings_give_no_opening_section():
    assert key_findings_section([section("90_dq", "Data quality", [])]) is None


def test_findings_given_by_section_replace_the_notebooks_lists_with_the_same_rule():
    sections = [
        section("10_a", "A", ["old a1"]),
        section("20_b", "B", ["old b1"]),
        section("30_c", "C", []),
    ]
    given = {"10_a": ["a1", "a2", "a3"], "30_c": ["c1", "c2"]}
    chosen = key_findings(sections, limit=4, findings=given)
    assert [c["text"] for c in chosen] == ["a1", "c1", "a2", "c2"]
    assert chosen[1]["anchor"] == "30-c--c"
    assert key_findings_section(sections, findings={}) is None
    opening = key_findings_section(sections, limit=2, findings=given)
    meta = opening.notebook.cells[1].outputs[0]["metadata"][META_KEY]
    assert meta["items"] == ["a1", "c1"]


# --- Findings computed from the data read as the notebooks show them ---------------------------


def built_sections(built) -> list[Section]:
    return [
        Section(p.stem, nbformat.read(p, as_version=4))
        for p in sorted((built.folder / "sections").glob("*.ipynb"))
        if not p.stem.startswith("0")
    ]


def test_sections_findings_computed_in_python_equal_the_notebooks(built):
    from pipelines.documents.pack import _section_findings
    from pipelines.sections.findings import section_findings
    from tests.conftest import DEMO_MEETING
    from tests.sections.figure_checks import CFG, frames

    computed = section_findings(CFG, frames(built), DEMO_MEETING)
    sections = built_sections(built)
    with_findings = [s for s in sections if _section_findings(s)]
    assert len(with_findings) >= 3
    for s in sections:
        assert computed.get(s.name, []) == _section_findings(s), s.name
    assert key_findings(sections, findings=computed) == key_findings(sections)


def test_public_findings_write_small_counts_of_people_as_fewer_than_the_threshold(built):
    from pipelines.core.disclosure import Policy, protect_text
    from pipelines.sections.findings import section_findings
    from tests.conftest import DEMO_MEETING
    from tests.sections.figure_checks import CFG, frames

    pol = Policy("public", CFG.disclosure_threshold)
    exempt = section_findings(CFG, frames(built), DEMO_MEETING)
    public = section_findings(CFG, frames(built), DEMO_MEETING, pol=pol)
    assert public.keys() == exempt.keys()
    small_people = re.compile(
        rf"(?<![\d.,£])\b[1-{pol.threshold - 1}] (?:leavers|staff|people|locums|comments|forms)\b"
    )
    for name, items in public.items():
        assert len(items) == len(exempt[name])
        for text in items:
            assert not small_people.search(text), text
            # numbers that are not counts of people are never rewritten
            assert "(above fewer than" not in text and "fewer than 5 is best" not in text, text
            assert text == protect_text(text, pol)
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
