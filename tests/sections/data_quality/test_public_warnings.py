"""Data-quality warnings in the public pack agree with the leavers tables (issue 12): a
return-rate warning quotes forms and leavers only where the return-rate table shows them."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd

from pipelines.core.disclosure import EXEMPT, Policy, protect_text
from pipelines.core.figures import Sentence
from pipelines.core.validation_summary import warning_text
from pipelines.datasets.leavers.validate import leavers_and_exit_form_checks
from pipelines.sections.data_quality import analysis as dq

PUBLIC = Policy("public", threshold=5)


def _frames(adult_forms: int):
    leavers = pd.DataFrame(
        {
            "employee_ref": [f"E{i}" for i in range(35)],
            "service": ["Adult Social Care"] * 9 + ["Children's Social Care"] * 26,
            "leaving_date": pd.Timestamp("2016-01-01"),
        }
    )
    refs = [f"E{i}" for i in range(adult_forms)] + [f"E{9 + i}" for i in range(10)]
    forms = pd.DataFrame(
        {
            "employee_ref": refs,
            "service": ["Adult Social Care"] * adult_forms + ["Children's Social Care"] * 10,
        }
    )
    return {"leavers": leavers, "exit_interviews": forms}


def _cfg(published: dict[str, float]):
    return SimpleNamespace(
        period=SimpleNamespace(start=dt.date(2015, 9, 1), end=dt.date(2016, 8, 31)),
        published_values=published,
    )


def _texts(frames):
    failed = [r for r in leavers_and_exit_form_checks(frames, {}) if not r.success]
    return [r.check for r in failed], [warning_text(r.to_dict()) for r in failed]


def test_a_hidden_count_of_forms_is_not_quoted_in_the_public_warnings():
    frames = _frames(adult_forms=3)
    checks, warnings = _texts(frames)
    adult_check = next(c for c in checks if "Adult" in c)
    assert "3 forms for 9 leavers" in adult_check  # what the check says for every audience
    shown = dq.forms_shown(_cfg({}), frames, PUBLIC)  # nothing published: adults' 3 is [c]
    # Children's 10 is hidden too there (the total 13 less 10 would give adults' 3 away).
    assert shown == {"Adult Social Care": False, "Children's Social Care": False}
    public = [protect_text(dq.public_text(t, shown, PUBLIC), PUBLIC) for t in checks + warnings]
    assert len(public) == 4 and all(dq.NOT_SHOWN in t for t in public)
    assert not any(w in t for t in public for w in ("3 forms", "10 forms", "33%", "38%", "fewer"))


def test_a_count_the_council_published_is_quoted_as_the_table_shows_it():
    frames = _frames(adult_forms=3)
    checks, warnings = _texts(frames)
    # The council published both services' forms and leavers: adults' 3 and 9 follow from them.
    published = {
        "exit_forms_returned": 13,
        "childrens_exit_forms": 10,
        "all_leavers": 35,
        "childrens_leavers": 26,
    }
    shown = dq.forms_shown(_cfg(published), frames, PUBLIC)
    assert shown["Adult Social Care"]
    texts = [dq.public_text(t, shown, PUBLIC) for t in checks + warnings]
    assert all(isinstance(t, Sentence) for t in texts if "Adult" in t)
    public = [protect_text(t, PUBLIC) for t in texts]
    assert any("3 forms for 9 leavers" in t for t in public)
    assert not any("fewer than" in t for t in public)  # no "fewer than 5 forms" beside a 3


def test_exempt_texts_are_unchanged():
    checks, warnings = _texts(_frames(adult_forms=3))
    assert [dq.public_text(t, {}, EXEMPT) for t in checks + warnings] == checks + warnings
