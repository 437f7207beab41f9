"""No chart text prints below 9 pt: the figure's fonts are fitted to how the PDF scales it."""

from __future__ import annotations

import io
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from PIL import Image  # noqa: E402

from pipelines.core import charts, presentation  # noqa: E402
from pipelines.core.disclosure import Policy  # noqa: E402
from pipelines.core.outputs import META_KEY  # noqa: E402
from tests.conftest import examples


def test_printed_scale_by_hand():
    # 17 cm of text width = 6.693 in; 15 cm = 5.906 in; natural size 150/96 = 1.5625
    assert charts.printed_scale(7.0, 3.0) == pytest.approx(6.6929 / 7.0, abs=1e-4)  # width binds
    assert charts.printed_scale(4.0, 12.0) == pytest.approx(5.9055 / 12.0, abs=1e-4)  # height
    assert charts.printed_scale(2.0, 2.0) == 1.5625  # small: shown at 96 px an inch, enlarged


def test_the_saved_png_is_the_size_the_scale_assumes():
    fig, ax = plt.subplots(figsize=(7.6, 5.0))
    ax.barh(["a long question label about the manager", "b"], [3, 4])
    width, height = charts._saved_size(fig)
    png = Image.open(io.BytesIO(presentation.figure_png(fig)))
    assert png.size[0] / charts.SAVE_DPI == pytest.approx(width, abs=0.06)
    assert png.size[1] / charts.SAVE_DPI == pytest.approx(height, abs=0.06)


def tall_chart(rows: int, size: float):
    """A survey-like chart: ``rows`` long labels, every text ``size`` points."""
    fig, ax = plt.subplots(figsize=(7.6, 0.36 * rows + 2.1))
    labels = [f"Question {i}: support from my manager and team" for i in range(rows)]
    ax.plot(range(rows), range(rows), "o")
    ax.set_yticks(range(rows), labels, fontsize=size)
    ax.tick_params(axis="x", labelsize=size)
    ax.set_xlabel("Average answer", fontsize=size)
    ax.text(0, 0, "note", fontsize=size)
    return fig


def test_a_tall_chart_with_small_labels_is_fitted_to_9_points():
    fig = tall_chart(18, 7.5)
    assert charts.smallest_printed_font(fig) < 7  # as the survey chart printed before
    assert charts.fit_fonts(fig) >= charts.MIN_PRINTED_PT
    assert charts.smallest_printed_font(fig) >= charts.MIN_PRINTED_PT
    plt.close(fig)


@settings(max_examples=examples(15), deadline=None)
@given(rows=st.integers(1, 22), size=st.floats(5.0, 14.0))
def test_any_chart_prints_at_9_points_or_more_after_fitting(rows, size):
    fig = tall_chart(rows, size)
    try:
        assert charts.fit_fonts(fig) >= charts.MIN_PRINTED_PT - 1e-6
    finally:
        plt.close(fig)


def test_a_shown_chart_records_its_smallest_printed_font(monkeypatch):
    shown = []
    monkeypatch.setattr(presentation, "display", lambda html, plain, meta: shown.append(meta))
    frame = pd.DataFrame({"Stage": ["Applied", "Offered"], "Applications": [89, 28]})
    fig = charts.bar_chart(frame, "Stage", "Applications", xlabel="Applications (number)")
    for text in fig.findobj(matplotlib.text.Text):
        text.set_fontsize(6)
    page = presentation.Page(SimpleNamespace(policy=Policy("exempt")))
    page.show_chart(fig, "89 applied", "Bar chart", frame, "Recruitment system", "2015/16")
    assert shown[0][META_KEY]["printed_font_pt"] >= 9.0
