import nbformat

from pipelines.core.pack import Section, key_findings, key_findings_section
from pipelines.core.presentation import META_KEY


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
