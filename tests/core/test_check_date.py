"""The date the checks take as today: the real day, or the one ``EVIDENCE_PACK_TODAY`` names."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.core.errors import ConfigError
from pipelines.steps import TODAY_ENV, check_date


def test_the_named_day_is_taken(monkeypatch):
    monkeypatch.setenv(TODAY_ENV, "2016-09-21")
    assert check_date() == dt.date(2016, 9, 21)


def test_without_it_today_is_taken(monkeypatch):
    monkeypatch.delenv(TODAY_ENV, raising=False)
    before = dt.date.today()
    got = check_date()
    assert before <= got <= dt.date.today()


def test_a_day_not_written_as_a_date_is_refused_with_what_to_do(monkeypatch):
    monkeypatch.setenv(TODAY_ENV, "21/09/2016")
    with pytest.raises(ConfigError) as err:
        check_date()
    message = str(err.value)
    assert "EVIDENCE_PACK_TODAY" in message
    assert "'21/09/2016'" in message
    assert "YYYY-MM-DD" in message


def test_the_test_run_has_one_day_for_every_build():
    """Set once when the run starts (tests/conftest.py), so builds either side of midnight
    agree."""
    import os

    assert dt.date.fromisoformat(os.environ[TODAY_ENV]) <= dt.date.today()
