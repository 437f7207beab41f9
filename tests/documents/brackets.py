"""Brackets in a findings sentence: at most one level (issue 22, point 3).

"0 appointed against the target of 7 (set by Item 6 report, para 54, 21 September 2016)
(1 September 2015 to 31 August 2016; due by 30 April 2017 (Step Up to Social Work cohort
4))" put a bracket inside a bracket inside a bracket.
"""

from __future__ import annotations


def depth(sentence: str) -> int:
    """The deepest nesting of round brackets in ``sentence`` (0 without any)."""
    level = deepest = 0
    for ch in sentence:
        if ch == "(":
            level += 1
            deepest = max(deepest, level)
        elif ch == ")":
            level = max(level - 1, 0)
    return deepest


def nested(sentences) -> list[str]:
    """The sentences with a bracket inside a bracket."""
    return [s for s in sentences if depth(s) > 1]


#: Two bracket groups side by side ("cash) (section 8"), or a bracket after a bracket's full
#: stop ("leavers). (section 5; source 3)").
_SIDE_BY_SIDE = __import__("re").compile(r"\)\.?\s*\(")


def side_by_side(sentences) -> list[str]:
    """The sentences where a bracket group follows another (after at most a full stop)."""
    return [s for s in sentences if _SIDE_BY_SIDE.search(s)]
