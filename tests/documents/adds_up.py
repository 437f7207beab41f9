"""Whether a sentence's parts add up: "X of Y" has X <= Y, and a breakdown sums to its total.

Used by the tests over every findings sentence of the built documents
(``tests/e2e/test_documents.py``) and tested itself in ``test_adds_up.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A count as printed: "21", "1,998", "fewer than 5" (1 to 4), "[c]" (suppressed: 0 upwards).
_COUNT = r"(?:fewer than \d+|\[c\]|\d[\d,]*(?:\.\d+)?)"
#: "X of Y" where both are counts (not "23.2% of", "paragraph 1 of Part 1", "30 of 2016" dates).
_X_OF_Y = re.compile(
    rf"(?<![\w£.,%])(?P<x>{_COUNT}) of (?:the |all |their |its )?(?P<y>{_COUNT})(?![\d%])"
    r"(?!\s*(?:January|February|March|April|May|June|July|August|September|October|November|December))"
)
#: Words opening a parenthesis that lists only some of the parts, not a breakdown.
_SOME = re.compile(
    r"^\s*(?:the )?(?:largest|most|top|including|includ|e\.g\.|such as|among|for example|"
    r"chiefly|mainly)",
    re.IGNORECASE,
)


def count_range(text: str) -> tuple[float, float]:
    """The values a printed count can stand for: "6" -> (6, 6), "fewer than 5" -> (1, 4),
    "[c]" -> (0, inf)."""
    text = text.strip()
    if text == "[c]":
        return 0.0, float("inf")
    m = re.fullmatch(r"fewer than (\d+)", text)
    if m:
        return 1.0, float(m.group(1)) - 1
    value = float(text.replace(",", ""))
    return value, value


@dataclass
class Problem:
    sentence: str
    why: str


def _parts(parenthesis: str) -> list[tuple[float, float]] | None:
    """The counts a parenthesis lists as parts ("A" 6; "B" 6; "C" fewer than 5), or None when
    it is not such a list (fewer than two items, or an item not ending in a count)."""
    items = [i.strip() for i in parenthesis.split(";")]
    counts = []
    for item in items:
        m = re.fullmatch(
            rf"(?:[\u201c\"][^\u201d\"]+[\u201d\"]|[A-Za-z][\w '\u2019\-\u2013]*?)\s+"
            rf"({_COUNT})(?:\s+(?:people|leavers|staff|forms|answers))?",
            item,
        )
        if not m:
            break
        counts.append(count_range(m.group(1)))
    return counts if len(counts) >= 2 else None


def problems(sentence: str) -> list[Problem]:
    """What does not add up in ``sentence``.

    - every "X of Y" (counts) has X <= Y (at their least and greatest values);
    - a parenthesis right after the "X of Y" clause that lists two or more parts with counts,
      separated by semicolons, is a breakdown of X: the parts' least total <= X <= their
      greatest total. A parenthesis opening with "the largest", "most", "including"... lists
      only some parts: their least total <= X.
    """
    found = []
    for m in _X_OF_Y.finditer(sentence):
        x, y = count_range(m.group("x")), count_range(m.group("y"))
        if x[0] > y[1]:
            found.append(Problem(sentence, f"{m.group(0)!r}: more than the whole"))
        rest = sentence[m.end() :]
        opening = rest.find("(")
        # the parenthesis belongs to this clause when no sentence break or other count
        # ("X of Y") comes between
        if opening < 0 or re.search(r"[.;]\s|\d of ", rest[:opening]):
            continue
        depth, end = 0, None
        for i, ch in enumerate(rest[opening:], start=opening):
            depth += (ch == "(") - (ch == ")")
            if depth == 0:
                end = i
                break
        inside = rest[opening + 1 : end]
        parts = _parts(inside)
        if parts is None:
            continue
        low, high = sum(p[0] for p in parts), sum(p[1] for p in parts)
        if low > x[1]:
            found.append(Problem(sentence, f"the parts of {m.group('x')} add to at least {low:g}"))
        elif not _SOME.match(inside) and high < x[0]:
            found.append(
                Problem(
                    sentence,
                    f"the parts listed for {m.group('x')} add to at most {high:g}: say they are "
                    'only some of them ("the most given: ...") or list them all',
                )
            )
    return found
