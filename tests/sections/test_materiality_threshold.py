"""A finding too small to matter is not ranked (issue 22, point 7: Coventry's fifth key finding).

Coventry's report of 16 April 2018 opened with "turnover rate: 13.9% against England's 13.4%:
about 1 FTE more than at England's rate" as a key finding. The ranking rule of
config/findings.yml now has a materiality threshold (``min_score``): figures generated here,
scores worked by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from pipelines.core.figures import Figure, Kind
from pipelines.sections import findings as fd

RULES = fd.load_rules()


def rate(key: str, value: float, england: float, base: float) -> Figure:
    """A rate of ``base`` FTE against England's (lower is better)."""
    return Figure(
        key=key,
        label=f"Rate {key}",
        value=value,
        kind=Kind.PERCENT_OF_FTE,
        denominator=base,
        direction="lower",
        comparators={"england": england},
        source="generated",
        period="generated",
        section="40_workforce_costs",
    )


def test_the_threshold_is_read_from_config():
    data = yaml.safe_load(Path(fd.findings_config_path()).read_text(encoding="utf-8"))
    assert RULES.min_score == data["min_score"] > 0


def test_a_rate_one_fte_from_englands_is_not_ranked_and_a_larger_one_is():
    small = rate("turnover_childrens", 13.9, 13.4, 270.4)  # 0.5 points of 270.4 FTE = 1.35 FTE
    large = rate("vacancy_rate_childrens", 19.6, 17.0, 336.4)  # 2.6 points = 8.75 FTE
    proposed = fd.propose([small, large], RULES)
    assert [round(f.score, 2) for f in proposed] == [1.35, 8.75]
    assert [f.key for f in fd.rank(proposed, RULES)] == ["vacancy_rate_childrens"]
    # without the rule every proposed finding is ranked, as before
    assert [f.key for f in fd.rank(proposed)] == ["vacancy_rate_childrens", "turnover_childrens"]


@given(points=st.floats(min_value=0.01, max_value=30), base=st.floats(min_value=1, max_value=900))
def test_every_ranked_finding_reaches_the_threshold(points, base):
    fig = rate("agency_rate_childrens", 10 + points, 10, base)
    ranked = fd.rank(fd.propose([fig], RULES), RULES)
    score = points / 100 * base  # people (FTE) above England's rate, weight 1
    assert all(f.score >= RULES.min_score for f in ranked)
    if score > RULES.min_score * (1 + 1e-9):
        assert len(ranked) == 1
    elif score < RULES.min_score * (1 - 1e-9):
        assert not ranked


@pytest.mark.parametrize("weight", [0.5, 1.0])
def test_the_threshold_applies_to_the_weighted_score(weight):
    rules = RULES.model_copy(update={"weights": {**RULES.weights, "people": weight}})
    fig = rate("vacancy_rate_childrens", 12.0, 10.0, 150.0)  # 2 points of 150 FTE = 3 FTE
    ranked = fd.rank(fd.propose([fig], rules), rules)
    assert bool(ranked) == (3 * weight >= rules.min_score)
