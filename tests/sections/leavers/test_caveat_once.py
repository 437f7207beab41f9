"""The share of leavers and a starter's chance are told apart once (issue 22, point 8).

Luton's key findings 3 and 4 both explained that the 46.2% is a share of leavers, not a
starter's chance. The leavers' sentence leaves it to the retention sentence when the meeting
has the starters' chance for the same service. Figures made here.
"""

from __future__ import annotations

from pipelines.core.figures import Figure, Kind
from pipelines.core.finding_words import Materiality
from pipelines.sections.leavers import text as lt


def short_service(service_key: str = "childrens") -> Figure:
    # 12 of 26 children's leavers had served under two years: 46.2%.
    return Figure(
        key=f"short_service_{service_key}",
        label="Children's Social Care: leavers with under two years' service",
        value=100 * 12 / 26,
        kind=Kind.PERCENT_OF_PEOPLE,
        numerator=12,
        denominator=26,
        direction="lower",
        source="HR",
        period="1 September 2015 to 31 August 2016",
        section="10_leavers",
        row="Less than 2 years",
    )


def starters(service_key: str, value: float | None = 60.0) -> Figure:
    return Figure(
        key=f"retention_leave_within_two_years_{service_key}",
        label="Children's Social Care: share of starters who leave within two years",
        value=value,
        kind=Kind.PERCENT,
        source="HR",
        period="2015/16",
        section="45_retention",
    )


M = Materiality(12, "people", 12, None, None)


def test_without_the_starters_chance_the_leavers_sentence_tells_them_apart():
    text = lt.finding_text(short_service(), M, others=[short_service()])
    assert "46.2%" in text and "not the share of starters who leave within two years" in text


def test_with_the_starters_chance_of_the_same_service_it_is_said_once_elsewhere():
    text = lt.finding_text(short_service(), M, others=[short_service(), starters("childrens")])
    assert "46.2%" in text and text.endswith("(1 September 2015 to 31 August 2016).")
    assert "not the share of starters" not in text
    # another service's chance, or one not given (too few followed), does not say it
    for other in (starters("adults"), starters("childrens", None)):
        text = lt.finding_text(short_service(), M, others=[short_service(), other])
        assert "not the share of starters" in text
