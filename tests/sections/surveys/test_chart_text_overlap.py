"""No text of a survey chart overprints another, for any answers (issue 22: nothing overprinted).

A 21 September 2016 exempt appendix chart printed its heading over its legend and two small
bars' labels as one ("15%29%"): the heading and legend sat at fixed offsets and the labels were
sized before :func:`pipelines.core.charts.fit_fonts` enlarged every text to print at 9 pt.
Generated answers: many and few questions, long and short labels, lopsided and even shares.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from pipelines.core.charts import InsideLabel, fit_fonts, overlapping_texts
from pipelines.sections.surveys import charts
from pipelines.sections.surveys.analysis import (
    ANSWERED,
    AVERAGE,
    HIGH,
    LOW,
    SCORE_LABELS,
    SCORES,
)

WORDS = "Changes are communicated in good time to staff by managers and the service".split()


def label(rng, i: int) -> str:
    return " ".join(WORDS[: int(rng.integers(2, 8))]) + f" {i}"


def distribution(seed: int, rows: int) -> pd.DataFrame:
    """Counts per score for ``rows`` questions, worst average first, as distribution_table."""
    rng = np.random.default_rng(seed)
    records = []
    for i in range(rows):
        answered = int(rng.integers(5, 80))
        counts = rng.multinomial(answered, rng.dirichlet(np.ones(5) * rng.uniform(0.3, 3)))
        record = {"Question": label(rng, i), ANSWERED: answered}
        record |= {SCORE_LABELS[k]: int(c) for k, c in zip(SCORES, counts, strict=True)}
        record[AVERAGE] = float(np.dot(SCORES, counts) / answered)
        records.append(record)
    return pd.DataFrame(records).sort_values(AVERAGE, ascending=False, kind="stable")


def results(seed: int, rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    average = rng.uniform(1.5, 4.5, rows)
    spread = rng.uniform(0.05, 0.6, rows)
    return pd.DataFrame({AVERAGE: average, LOW: average - spread, HIGH: average + spread})


def check(fig) -> None:
    printed = fit_fonts(fig)
    assert printed >= 9.0
    assert overlapping_texts(fig) == []
    renderer = fig.canvas.get_renderer()
    for text in fig.findobj(InsideLabel):
        if text.get_visible():  # a label shown lies inside its bar
            box, bar = text.get_window_extent(renderer), text.bar.get_window_extent(renderer)
            assert bar.x0 <= box.x0 and box.x1 <= bar.x1, text.get_text()
    plt.close(fig)


@pytest.mark.parametrize("seed", range(6))
def test_no_likert_chart_text_overprints_another(seed):
    rows = (3, 8, 12, 16, 20, 24)[seed]
    dist = distribution(seed, rows)
    fig = charts.likert_chart(dist)
    check(fig)


@pytest.mark.parametrize("services", [1, 2])
def test_no_averages_chart_text_overprints_another(services):
    rows = 14
    rng = np.random.default_rng(services)
    labels = [label(rng, i) for i in range(rows)]
    frames = {f"Service {s}": results(s, rows) for s in range(services)}
    check(charts.averages_chart(frames, labels))
