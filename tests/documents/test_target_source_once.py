"""A target's source is printed once: by the finding that states it, else the targets line."""

from __future__ import annotations

from types import SimpleNamespace

from pipelines.documents.report import source_stated_once

SOURCE = "set by Item 6 report to the group, paragraph 47, 21 September 2016"
TARGETS = f"Targets: average caseload below 20 ({SOURCE}). No target set for turnover."


def finding(section: str, text: str) -> SimpleNamespace:
    return SimpleNamespace(section=section, text=text)


def test_a_chapter_finding_that_gives_the_source_leaves_the_line_a_pointer():
    caseload = finding("40_workforce_costs", f"20.6 cases each, above under 20 ({SOURCE}).")
    other = finding("10_leavers", "Turnover was 23.2%.")
    out = source_stated_once(TARGETS, [other, caseload], [other], {"40_workforce_costs": 8})
    assert (
        out
        == "Targets: average caseload below 20 (source in section 8). No target set for turnover."
    )


def test_a_key_finding_or_a_chapter_not_printed_leaves_the_line_alone():
    caseload = finding("40_workforce_costs", f"20.6 cases each ({SOURCE}).")
    # a key finding: texts.targets_text already points to it
    assert source_stated_once(TARGETS, [caseload], [caseload], {"40_workforce_costs": 8}) == TARGETS
    # its chapter is one line (an earlier report tabled it): not in the numbers
    assert source_stated_once(TARGETS, [caseload], [], {}) == TARGETS
    assert source_stated_once(None, [caseload], [], {"40_workforce_costs": 8}) is None
