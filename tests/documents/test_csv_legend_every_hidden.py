"""Every public CSV that shows "[c]" says what it is: tables/README.txt lists it with its legend.

adversary15: the Luton 28 February 2017 pack's public tables folder held
70_scorecard__scorecard.csv with a "[c]" (a newly qualified share withheld by its section) and no
README.txt, since the table's legend was its caption's note, not a note of the protection.
"""

from __future__ import annotations

import pandas as pd

from pipelines.core import presentation
from pipelines.core.disclosure import SUPPRESSED, Policy


def _meta(monkeypatch, df: pd.DataFrame, caption: str) -> dict:
    shown = []
    monkeypatch.setattr(presentation, "display", lambda h, p, m: shown.append(m))
    presentation.show(df, caption, "HR staff in post list", "At 30 July 2016", pol=Policy("public"))
    return shown[0]["evidence_pack"]


def test_a_cell_hidden_before_the_table_takes_its_captions_note_as_its_legend(monkeypatch):
    legend = f"A figure shown as {SUPPRESSED} is hidden: it rests on a group too small to publish."
    df = pd.DataFrame(
        {"Measure": ["Newly qualified ratio", "Vacancy rate"], "Figure": [SUPPRESSED, 34.9]}
    )
    meta = _meta(monkeypatch, df, f"Scorecard: the review's measures. {legend}")
    assert meta["disclosure_notes"] == [legend]


def test_a_caption_note_about_something_else_is_not_a_legend(monkeypatch):
    df = pd.DataFrame({"Measure": ["Vacancy rate"], "Figure": [34.9]})
    meta = _meta(monkeypatch, df, "Scorecard: the review's measures. Figures at the list's date.")
    assert "disclosure_notes" not in meta


def test_the_readme_lists_such_a_table(monkeypatch, tmp_path):
    from pipelines.documents import pack_disclosure

    legend = f"A figure shown as {SUPPRESSED} is hidden: it rests on a group too small to publish."
    df = pd.DataFrame({"Measure": ["Newly qualified ratio"], "Figure": [SUPPRESSED]})
    meta = _meta(monkeypatch, df, f"Scorecard. {legend}")
    monkeypatch.setattr(
        pack_disclosure, "table_outputs", lambda _sections: [("70_scorecard__scorecard.csv", meta)]
    )
    pack_disclosure.write_table_notes([], tmp_path)
    text = (tmp_path / "README.txt").read_text(encoding="utf-8")
    assert "70_scorecard__scorecard.csv\n  " + legend in text


def _every_hidden_csv_is_explained(review_outputs) -> list[str]:
    faults = []
    for tables in sorted(review_outputs.glob("*/public/tables")):
        readme = tables / "README.txt"
        listed = readme.read_text(encoding="utf-8") if readme.exists() else ""
        for csv in sorted(tables.glob("*.csv")):
            if SUPPRESSED in csv.read_text(encoding="utf-8") and f"\n{csv.name}\n  " not in listed:
                faults.append(str(csv.relative_to(review_outputs)))
    return faults


def test_every_public_csv_with_a_hidden_figure_has_its_legend_luton(luton):
    assert _every_hidden_csv_is_explained(luton) == []


def test_every_public_csv_with_a_hidden_figure_has_its_legend_coventry(coventry):
    assert _every_hidden_csv_is_explained(coventry) == []
