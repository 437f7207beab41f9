"""One measure, one value, in every demo document (issue 20): a property of construction.

For each built meeting of both demo reviews (the session's shared packs: no build of its own),
the meeting's section results (what every document printed from) give each (measure,
population, period) one value; every table the report, exempt appendix and annex wrote of a
result prints each such cell as the result holds it (rounded as printed, ``[c]`` aside); and
every figure the scorecard prints is the value of the figure it names.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from pipelines.core.config import load_review
from pipelines.core.context import run_context
from pipelines.core.outputs import slug
from pipelines.orchestrator import pack_sections
from pipelines.sections import consistency as cs
from pipelines.sections.scorecard import analysis as sc

pytestmark = pytest.mark.slow

MEETINGS = (
    ("luton", "luton-sw-2016", "2016-09-21"),
    ("luton", "luton-sw-2016", "2017-02-28"),
    ("coventry", "coventry-sw-2018", "2018-03-27"),
    ("coventry", "coventry-sw-2018", "2018-04-16"),
)
FOLDERS = ("public", "exempt", "internal")


def _results(outputs: Path, review: str, meeting: str) -> list:
    """The meeting's section results, as the build stored them beside its tidy data."""
    cfg = load_review(review)
    processed = outputs.parent.parent / "processed" / review
    ctx = run_context(cfg, meeting, processed_dir=processed)
    return cs.meeting_results(ctx, pack_sections(cfg.meeting(meeting)))


def _tolerance(fmt: str | None) -> float:
    """Half a unit of the last place a format prints (0.05 for ``{:.1f}``); else a whole unit."""
    m = re.search(r"\.(\d)f", fmt or "")
    return 0.5 * 10 ** -int(m.group(1)) + 1e-9 if m else 0.5 + 1e-9


def _key(values) -> tuple[str, ...]:
    """A row's labels, comparable between a CSV read as text and a tidy frame."""
    return tuple(" ".join(str(v).split()).lstrip("'") for v in values)


def _printed_cells(results, folder: Path) -> tuple[int, list[str]]:
    """(cells compared, differences) between a folder's tables and the results' identity cells.

    A printed row is matched to the result's row by all its label columns (those with no kind).
    """
    compared, wrong = 0, []
    for result in results:
        for table in result.tables.values():
            path = folder / "tables" / f"{result.section}__{slug(table.name)}.csv"
            if not path.is_file():
                continue
            printed = pd.read_csv(path, dtype=str, keep_default_na=False)
            for variant in (table, table.public_variant):
                if variant is None:
                    continue
                labels = variant.labels
                keys = [c for c, col in variant.columns.items() if col.kind is None]
                if not keys or any(labels[c] not in printed.columns for c in keys):
                    continue
                rows = {
                    _key(r[c] for c in keys): i
                    for i, r in enumerate(variant.frame.to_dict("records"))
                }
                for column, col in variant.columns.items():
                    if col.measure is None or labels[column] not in printed.columns:
                        continue
                    for _, row in printed.iterrows():
                        i = rows.get(_key(row[labels[c]] for c in keys))
                        if i is None:
                            continue
                        text = str(row[labels[column]]).replace(",", "").replace("£", "")
                        try:
                            shown = float(text.rstrip("%"))
                        except ValueError:
                            continue  # [c], blank or words
                        held = variant.frame[column].iloc[i]
                        if held is None or pd.isna(held):
                            continue
                        compared += 1
                        if abs(float(held) - shown) > _tolerance(col.format):
                            where = _key(row[labels[c]] for c in keys)
                            wrong.append(
                                f"{path.name}: {labels[column]} of {where} prints {shown}, "
                                f"the result holds {float(held)}"
                            )
    return compared, wrong


@pytest.mark.parametrize(("fixture", "review", "meeting"), MEETINGS)
def test_every_document_prints_one_value_per_measure_population_and_period(
    request, fixture, review, meeting
):
    outputs = request.getfixturevalue(fixture)
    results = _results(outputs, review, meeting)
    assert results, "no section result was stored"

    found = cs.one_value(cs.result_observations(results))
    assert found == [], "\n".join(c.message for c in found)

    compared = 0
    for name in FOLDERS:
        folder = outputs / meeting / name
        if not folder.is_dir():
            continue
        n, wrong = _printed_cells(results, folder)
        assert wrong == [], "\n".join(wrong)
        compared += n
    assert compared > 0, "no printed cell of a result's measure was found"

    scorecard = outputs / meeting / "internal" / "tables" / "70_scorecard__scorecard.csv"
    if scorecard.is_file():
        labels = {f.label: f for r in results for f in r.figures}
        table = pd.read_csv(scorecard)
        # a target not yet due prints "Not yet due" for its figure (no count so far)
        shown = table[
            (table["Figure for"] != sc.NOT_AVAILABLE) & (table["Figure"] != sc.NOT_YET_DUE)
        ]
        by_label = {
            row["figure_for"]: row["value"]
            for r in results
            if r.section == "70_scorecard"
            for row in r.tables["scorecard"].frame.to_dict("records")
        }
        for _, row in shown.iterrows():
            held = by_label[row["Figure for"]]
            assert abs(float(row["Figure"]) - float(held)) <= 0.05 + 1e-9, row["Figure for"]
            fig = labels.get(row["Figure for"])
            if fig is not None:
                assert float(held) == fig.value
