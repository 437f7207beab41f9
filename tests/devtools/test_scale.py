"""``python -m pipelines.demo --scale N``: larger exports whose rates stay those of the demo.

A larger council has more lines in its workforce snapshot, not lines N times fuller: a scaled
snapshot must pass the FTE-per-post check that a real export passes (``make bench`` once
stopped on a line of 300 FTE).
"""

from __future__ import annotations

import shutil

import openpyxl
import pytest

from pipelines.core.config import load_review
from pipelines.datasets.workforce import demo as workforce_demo
from pipelines.demo.scale import scale_demo
from tests.conftest import DEMO_REVIEW

N = 3


def snapshot_rows(folder) -> list[tuple]:
    wb = openpyxl.load_workbook(folder / workforce_demo.WORKFORCE_FILE, read_only=True)
    rows = list(wb[workforce_demo.SNAPSHOT_SHEET].iter_rows(values_only=True))
    return [r for r in rows[1:] if any(v is not None for v in r)]


def is_total(row) -> bool:
    return str(row[0] or "").strip().lower().startswith(("total", "grand total"))


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    demo = load_review(DEMO_REVIEW).raw_path()
    scaled = tmp_path_factory.mktemp("scaled")
    shutil.copy(demo / workforce_demo.WORKFORCE_FILE, scaled)
    from pipelines.demo import scale

    sheet = (workforce_demo.WORKFORCE_FILE, workforce_demo.SNAPSHOT_SHEET)
    scale.scale_sheet(scaled / sheet[0], sheet[1], N, ids=scale.LINE_SHEETS[sheet])
    return demo, scaled


def test_each_snapshot_line_appears_n_times_as_a_team_of_its_own(folders):
    demo, scaled = folders
    before = [r for r in snapshot_rows(demo) if not is_total(r)]
    after = [r for r in snapshot_rows(scaled) if not is_total(r)]
    assert len(after) == N * len(before)
    # the FTE of every line is as it was: no line is fuller than in the demo
    assert max(r[4] for r in after) == max(r[4] for r in before)
    keys = [(r[0], r[1], r[2], r[3]) for r in after]
    assert len(set(keys)) == len(set((r[0], r[1], r[2], r[3]) for r in before)) * N


def test_total_rows_stay_once_after_their_lines_with_their_sums_times_n(folders):
    demo, scaled = folders
    before = [r for r in snapshot_rows(demo) if is_total(r)]
    rows = snapshot_rows(scaled)
    after = [r for r in rows if is_total(r)]
    assert [r[0] for r in after] == [r[0] for r in before]
    for old, new in zip(before, after, strict=True):
        assert [v * N for v in old[4:]] == list(new[4:])
    # each service's total is the sum of the lines above it since the previous total
    start = 0
    for i, row in enumerate(rows):
        if is_total(row) and not str(row[0]).lower().startswith("grand"):
            assert sum(r[4] for r in rows[start:i]) == row[4]
            start = i + 1


def test_scale_one_changes_nothing(tmp_path):
    assert scale_demo(tmp_path, 1) == []
