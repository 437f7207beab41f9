"""Public leavers findings and the top-reasons line: no ranking or tie of counts the tables
suppress (four tied reasons ahead of a fifth, out of 9 leavers, can only be 2, 2, 2, 2 and 1)."""

from __future__ import annotations

import pandas as pd

from pipelines.core.disclosure import Policy
from pipelines.sections.leavers import analysis as lv
from pipelines.sections.leavers import figures as lf
from tests.sections.figure_checks import CFG, frames

PUBLIC = Policy("public", CFG.disclosure_threshold)


def reasons(counts: dict[str, int]) -> pd.DataFrame:
    table = pd.DataFrame({"Reason for leaving": list(counts), "Leavers": list(counts.values())})
    return lv.with_total(table)


def test_top_reasons_name_no_reason_whose_count_is_suppressed():
    table = reasons({"Pay": 2, "Dissatisfied": 2, "Retired": 2, "Self-employed": 2, "Career": 1})
    exempt = lv.top_reasons_finding(table, 3, "Adult Social Care")
    assert "1. Pay, Dissatisfied, Retired and Self-employed; 2. Career" in exempt
    public = lv.top_reasons_finding(table, 3, "Adult Social Care", pol=PUBLIC)
    assert not any(r in public for r in ("Pay", "Dissatisfied", "Career")), public
    big = reasons({"Career": 6, "Pay": 3, "Moving": 2})
    public = lv.top_reasons_finding(big, 3, "Children's Social Care", pol=PUBLIC)
    assert "1. Career (6 leavers)" in public and "Pay" not in public and "Moving" not in public


def test_public_findings_do_not_rank_reasons_recorded_for_fewer_than_the_threshold(built):
    import nbformat

    from pipelines.documents.pack import Section, _section_findings

    def shown(folder):  # the findings list the leavers notebook shows in that run
        path = folder / "10_leavers.ipynb"
        return _section_findings(Section(path.stem, nbformat.read(path, as_version=4)))

    data = frames(built)
    exempt = " ".join(shown(built.folder / "sections"))
    public = shown(built.folder / "sections" / "public")
    assert "stood out" in exempt or "most common" in exempt
    leavers = lf.period_leavers(CFG, data)
    years = lf.DEFAULTS["short_service_years"]
    checked = 0
    for sentence in public:
        service = next((s for s in CFG.services if sentence.startswith(f"{s}:")), None)
        if service is None or "reason" not in sentence:
            continue
        short = "years' service" in sentence
        table = lv.reasons_table(leavers, service=service, under_years=years if short else None)
        body = table[table["Reason for leaving"] != "Total"]
        small = body[(body["Leavers"] > 0) & (body["Leavers"] < PUBLIC.threshold)]
        for reason in small["Reason for leaving"]:
            checked += 1
            assert f"\u201c{reason}\u201d" not in sentence, (reason, sentence)
    assert checked
