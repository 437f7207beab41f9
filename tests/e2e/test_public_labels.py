"""No public label gives an internal grade code in brackets (issue 22, reader14 L21 p15:
"Adults Advanced Practitioner (M2)"). The shared demo build (tests/conftest.py ``built``)."""

from __future__ import annotations

import html
import re

import pandas as pd

REVIEW = "luton-sw-2016"


def _text(path) -> str:
    page = path.read_text(encoding="utf-8")
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_no_public_label_gives_a_grade_code_in_brackets(built):
    """reader14 L21 p15: "Adults Advanced Practitioner (M2)". The grades are the data's own."""
    grades = set(pd.read_parquet(built.processed / REVIEW / "pay_rates.parquet")["grade"].dropna())
    assert "M2" in grades
    texts = [_text(built.public / "report.html")]
    texts += [p.read_text(encoding="utf-8") for p in (built.public / "tables").glob("*.csv")]
    for grade in grades:
        assert not [t for t in texts if f"({grade})" in t], grade
