"""Public charts: a chart with suppressed counts is redrawn from the published table, not dropped;
titles and sentences that count questions, FTE or dates are not rewritten as counts of people."""

from __future__ import annotations

import pandas as pd
import pytest

from pipelines.core import presentation
from pipelines.core.disclosure import SUPPRESSED, Policy, protect_text
from pipelines.core.figures import Sentence

PUBLIC = Policy("public", 5)


def shown_charts(monkeypatch, *args, **kwargs) -> list[tuple[str, str, dict]]:
    outputs = []
    monkeypatch.setattr(presentation, "display", lambda h, p, m: outputs.append((h, p, m)))
    presentation.show_chart(*args, **kwargs)
    return outputs


def small_chart():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.bar(["a"], [1])
    return fig


@pytest.mark.parametrize("columns", [["Leavers"], ["Excellent", "Good", "Poor"]])
def test_a_chart_with_suppressed_counts_is_redrawn_with_the_suppressed_values_marked(
    monkeypatch, columns
):
    data = pd.DataFrame({"Band": ["Under 1 year", "1 to 2 years", "Over 2 years"]})
    for j, c in enumerate(columns):
        data[c] = [8 + j, 2, 7]
    [(html, plain, meta)] = shown_charts(
        monkeypatch, small_chart(), "Most leavers had served less than 1 year", "alt with 2",
        data, "HR extract", pol=PUBLIC,
    )  # fmt: skip
    assert "<img" in html, "the chart is drawn, not dropped"
    assert "not shown in the public version" not in html
    alt = meta["evidence_pack"]["alt"]
    assert SUPPRESSED in alt and " 2" not in alt.replace(" 2 years", ""), alt
    assert "values marked [c] are not shown" in html


def test_an_unsuppressed_chart_keeps_its_own_figure_and_alt(monkeypatch):
    data = pd.DataFrame({"Band": ["a", "b"], "Leavers": [8, 9]})
    [(html, _, meta)] = shown_charts(
        monkeypatch, small_chart(), "Title", "the section's alt", data, "HR", pol=PUBLIC
    )
    assert meta["evidence_pack"]["alt"] == "the section's alt"
    assert "values marked [c]" not in html


def test_a_charts_data_table_is_captioned_once_without_repeating_the_chart_title(monkeypatch):
    import re

    data = pd.DataFrame({"Band": ["a", "b"], "Leavers": [8, 9]})
    title = "Most leavers had served less than 5 years"
    [(html, _, _)] = shown_charts(monkeypatch, small_chart(), title, "alt", data, "HR", pol=PUBLIC)
    assert re.findall(r"<caption>(.*?)</caption>", html) == ["Data for the chart above"]
    assert html.count(title) == 1  # the chart's title, and nowhere else


@pytest.mark.parametrize(
    "text",
    [
        "Adult Social Care: 1 of 16 questions averaged above 3 (the dissatisfied side)",
        "Agency worker rates are highest for Team Managers (4 agency workers in 7 posts)",
    ],
)
def test_sentences_written_from_figures_are_not_rewritten(text):
    assert protect_text(Sentence(text), PUBLIC) == text
    assert "fewer than" in protect_text(text, PUBLIC), "the regex backstop still applies to str"


def test_a_day_of_the_month_is_not_a_count():
    text = "Period: 1 September 2015 to 31 August 2016; 3 leavers."
    assert (
        protect_text(text, PUBLIC)
        == "Period: 1 September 2015 to 31 August 2016; fewer than 5 leavers."
    )


def test_a_percentage_follows_its_own_count_and_a_zero_count_keeps_its_zero_percentage():
    from pipelines.core.disclosure import protect

    table = pd.DataFrame(
        {
            "Theme": ["Feeling valued", "Being listened to", "No theme"],
            "Adults: comments (of 26)": [6, 2, 0],
            "Adults: % of 26 comments": [23.1, 7.7, 0.0],
            "Children: comments (of 15)": [6, 6, 0],
            "Children: % of 15 comments": [40.0, 40.0, 0.0],
        }
    )
    shown = protect(table, pol=PUBLIC).shown
    listened = shown.iloc[1]
    assert listened["Adults: comments (of 26)"] == SUPPRESSED
    assert listened["Adults: % of 26 comments"] == SUPPRESSED
    assert listened["Children: % of 15 comments"] == 40.0, "the children's share is not small"
    assert shown.iloc[2]["Adults: % of 26 comments"] == 0.0


def test_a_part_of_a_whole_that_is_not_people_is_not_rewritten():
    assert protect_text("2 of the 12 councils that signed", PUBLIC) == (
        "2 of the 12 councils that signed"
    )
    assert protect_text("2 of 12 staff", PUBLIC) == "fewer than 5 of 12 staff"
