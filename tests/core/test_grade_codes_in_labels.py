"""No public label carries an internal grade code in brackets (reader14 L21 p15: "Adults
Advanced Practitioner (M2)" in the report's figures checked)."""

import pytest

from pipelines.core import plugins, reconcile


def test_a_grade_code_in_brackets_is_found():
    assert reconcile.grade_code_in_brackets("Adults Advanced Practitioner (M2): cost") == "(M2)"
    assert reconcile.grade_code_in_brackets("Social Worker (PO1)") == "(PO1)"
    assert reconcile.grade_code_in_brackets("Starters in 2016 (Q1)") is None  # a quarter
    assert reconcile.grade_code_in_brackets("Turnover (%)") is None
    assert reconcile.grade_code_in_brackets("Agency rate (£32 an hour)") is None


def test_a_metric_whose_label_gives_a_grade_code_is_refused():
    with pytest.raises(ValueError, match=r"grade code \(M1\)"):
        reconcile.metric("invented_cost", "Social Worker (M1): cost for one year (£)")


def test_no_registered_metric_label_gives_a_grade_code():
    plugins.load("metrics")
    assert reconcile.METRICS
    coded = {
        k: m.label
        for k, m in reconcile.METRICS.items()
        if reconcile.GRADE_CODE_IN_BRACKETS.search(m.label)
    }
    assert coded == {}
    labels = {m.label for m in reconcile.METRICS.values()}
    assert "Adult Social Care Advanced Practitioner post: total cost for one year (£)" in labels
