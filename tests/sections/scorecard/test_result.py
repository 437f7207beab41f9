"""The scorecard's result: every value is its section's figure, with the earlier value the figure
holds; built from the registry's sections, not from a list (issue 20)."""

from __future__ import annotations

import pytest

from pipelines.core import registry
from pipelines.core.figures import EarlierValue, Figure, Kind
from pipelines.core.registry import SectionParameters, SectionSpec
from pipelines.core.results import FramesContext, SectionResult
from pipelines.core.section_build import build_section
from pipelines.sections.scorecard import analysis as sc
from pipelines.sections.scorecard import result as scr
from tests.conftest import DEMO_MEETING
from tests.sections.figure_checks import CFG

FAKE = "85_fake_evidence"


class NoParameters(SectionParameters):
    """No parameters of its own."""


def _build(ctx, params) -> SectionResult:
    """13 leavers of 56 posts this year (23.2 a hundred posts); 15 of 50 the year before (30.0)."""
    turnover = Figure(
        key="turnover_childrens",
        label="Children's Social Care: turnover (% of qualified posts)",
        value=100.0 * 13 / 56,
        kind=Kind.PEOPLE_PER_100_POSTS,
        numerator=13,
        denominator=56,
        direction="lower",
        source="Fake HR extract",
        period="2015/16",
        section=FAKE,
        comparators={"target": 15.0},
        earlier=(
            EarlierValue(period="2014/15", value=100.0 * 15 / 50, numerator=15, denominator=50),
        ),
    )
    agency = Figure(
        key="agency_rate_childrens",
        label="Children's Social Care: agency worker rate (%)",
        value=100.0 * 8 / 32,
        kind=Kind.PERCENT_OF_FTE,
        numerator=8,
        denominator=32,
        direction="lower",
        source="Fake snapshot",
        period="At 31 March 2016",
        section=FAKE,
    )
    return SectionResult(section=FAKE, figures=(turnover, agency))


@pytest.fixture
def cfg(monkeypatch):
    """The demo review with one meeting whose only section is a fake one registered here."""
    monkeypatch.setattr(registry, "SECTIONS", dict(registry.SECTIONS))
    registry.register_section(
        SectionSpec(
            name="fake_evidence",
            notebook=FAKE,
            title="Fake",
            parameters=NoParameters,
            # The keys the scorecard's measures name (the real sections are not in the meeting).
            figures=("turnover_childrens", "agency_rate_childrens"),
            build=_build,
            purpose="test",
        )
    )
    meeting = CFG.meeting(DEMO_MEETING)
    ref = meeting.sections[0].model_copy(update={"notebook": FAKE, "parameters": {}})
    return CFG.model_copy(update={"meetings": [meeting.model_copy(update={"sections": [ref]})]})


def test_the_scorecard_prints_each_figure_and_the_earlier_value_it_holds(cfg):
    ctx = FramesContext(cfg, cfg.meeting(DEMO_MEETING).date, {})
    result = build_section(ctx, "70_scorecard")
    measures = scr.measures(result).set_index("Figure for")

    turnover = measures.loc["Children's Social Care: turnover (% of qualified posts)"]
    assert turnover["Figure"] == pytest.approx(23.214285714)  # 13 / 56, the figure's own value
    assert turnover["Previous period"] == pytest.approx(30.0)  # 15 / 50, the year before
    assert turnover["Direction of travel"] == "improving"
    assert turnover["Target met"] == "Not met"  # 23.2 against 15.0, lower is better

    agency = measures.loc["Children's Social Care: agency worker rate (%)"]
    assert agency["Figure"] == pytest.approx(25.0)
    assert agency["Direction of travel"] == "no earlier figure"  # the figure holds none

    # Measures no section of the meeting has say so; the data behind each row are kept as data.
    assert measures.loc[sc.NOT_AVAILABLE, "Measure"].tolist() == [
        "Vacancy rate",
        "Caseload",
        "Newly qualified ratio",
        "Exit interview return rate",
        "Appointments against target",
    ]
    assert agency["kind"] == Kind.PERCENT_OF_FTE.value and agency["denominator"] == 32


def test_every_scorecard_value_is_the_value_of_a_figure_with_that_label(cfg):
    ctx = FramesContext(cfg, cfg.meeting(DEMO_MEETING).date, {})
    figures = {f.label: f for f in _build(ctx, None).figures}
    frame = build_section(ctx, "70_scorecard").tables["scorecard"].frame
    shown = frame[frame["figure_for"] != sc.NOT_AVAILABLE]
    assert len(shown) == len(figures)
    for row in shown.to_dict("records"):
        assert row["value"] == figures[row["figure_for"]].value
