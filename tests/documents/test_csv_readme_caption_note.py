"""The public CSVs' README gives a table's note under its caption beside its legend (reader14
L21 p5: where no chart of the exit ratings is drawn, the chapter says why in the note under the
table, and the CSV's readers read the same)."""

import nbformat
import pandas as pd

from pipelines.core import presentation
from pipelines.core.disclosure import Policy
from pipelines.documents import pack_disclosure
from pipelines.documents.pack import Section

WHY = "No chart of the ratings is drawn: each aspect was rated by too few leavers."
RATINGS = pd.DataFrame({"Aspect": ["Pay", "Workload"], "Good": [2, 6], "Poor": [0, 7]})


def section(monkeypatch, caption: str) -> Section:
    """A section notebook whose one output is the ratings as the public run shows them."""
    shown = []
    monkeypatch.setattr(presentation, "display", lambda h, p, meta: shown.append(meta))
    presentation.show(RATINGS, caption, "Exit forms", name="ratings", pol=Policy("public", 5))
    outputs = [
        nbformat.v4.new_output("display_data", data={"text/plain": ""}, metadata=m) for m in shown
    ]
    cell = nbformat.v4.new_code_cell("", outputs=outputs)
    return Section("10_leavers", nbformat.v4.new_notebook(cells=[cell]))


def test_the_readme_gives_the_note_under_the_caption_with_the_legend(monkeypatch, tmp_path):
    sec = section(monkeypatch, f"How leavers rated each aspect. {WHY}")
    notes = pack_disclosure.write_table_notes([sec], tmp_path)
    [said] = notes.values()
    assert said[0] == WHY  # the note under the caption first
    assert said[1].startswith("[c] = ")  # then the legend (Pay's 2 is hidden)
    assert WHY in (tmp_path / "README.txt").read_text(encoding="utf-8")


def test_a_table_with_nothing_hidden_adds_no_note(monkeypatch, tmp_path):
    monkeypatch.setattr(
        "tests.documents.test_csv_readme_caption_note.RATINGS",
        pd.DataFrame({"Aspect": ["Pay"], "Good": [6], "Poor": [7]}),
    )
    sec = section(monkeypatch, f"How leavers rated each aspect. {WHY}")
    assert pack_disclosure.write_table_notes([sec], tmp_path) == {}
