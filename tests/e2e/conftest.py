"""Fixtures of the end-to-end tests that read the demo reviews' built papers."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def docs(luton, coventry) -> dict[str, dict[str, Path]]:
    """The documents of the five reports, by a short name: public report (and final report),
    exempt appendix and annex. Paths only, so session-scoped: the file's tests need not run on
    one xdist worker (the packs are built once per run, see tests/conftest.py)."""
    out = {}
    for name, folder in (
        ("luton-0921", luton / "2016-09-21"),
        ("luton-0228", luton / "2017-02-28"),
        ("coventry-0327", coventry / "2018-03-27"),
        ("coventry-0416", coventry / "2018-04-16"),
    ):
        out[name] = {
            "report": folder / "public" / "report.html",
            "exempt": folder / "exempt" / "exempt-appendix.html",
            "annex": folder / "internal" / "annex.html",
            "folder": folder,
        }
    for name, folder in (
        ("luton-final", luton / "2017-02-28"),
        ("coventry-final", coventry / "2018-04-16"),
    ):
        out[name] = {"report": folder / "public" / "final-report.html", "folder": folder}
    return out
