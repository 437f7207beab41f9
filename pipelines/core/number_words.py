"""Numbers written in words, and the nouns that make a number a count of people.

Read by the disclosure control of text (:mod:`pipelines.core.disclosure`) and the audit of
published files (:mod:`pipelines.core.artefact_audit`): "four social workers" is a count as
"4 social workers" is. The patterns match lower-case normalised text.
"""

from __future__ import annotations

import re

#: Numbers written in words (on lower-case normalised text), with their values.
UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = (
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
)  # fmt: skip
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
WORD_VALUES: dict[str, int] = {
    **{w: i + 1 for i, w in enumerate(UNITS)},
    **{w: i + 10 for i, w in enumerate(TEENS)},
    **{w: 10 * (i + 2) for i, w in enumerate(TENS)},
    "a dozen": 12,
    "dozen": 12,
    "half a dozen": 6,
    "a couple of": 2,
    "a couple": 2,
    "a pair of": 2,
    "a single": 1,
    "both": 2,
}
WORD_NUMBER_TEXT = (
    r"(?:half\s+a\s+dozen|a\s+dozen|a\s+couple(?:\s+of)?|a\s+pair\s+of|a\s+single|both|"
    r"(?:" + "|".join(TENS) + r")(?:[\s-](?:" + "|".join(UNITS) + r"))?|"
    r"(?:" + "|".join(TEENS) + r")|(?:" + "|".join(UNITS) + r"))"
)
WORD_NUMBER = re.compile(r"(?<![a-z0-9'-])" + WORD_NUMBER_TEXT + r"(?![a-z0-9'-])")
#: A number in digits or words (lower-case normalised text).
NUMBER_TEXT = r"(?:\d+|" + WORD_NUMBER_TEXT + r")"
#: Nouns that name people: "one" is a count only when one of these follows it.
PEOPLE_NOUNS = re.compile(
    r"(?:\s+[a-z'-]+){0,3}?\s+(?:people|persons?|staff|workers?|social\s+workers?|leavers?|"
    r"starters?|employees?|practitioners?|managers?|officers?|locums?|agency\s+workers?|"
    r"trainees?|students?|respondents?|colleagues?|members?|men|women|children|young\s+people|"
    r"families|carers?|applicants?|candidates?|recruits?|nqsws?|asyes?|therapists?|ots|"
    r"individuals?|interviewees?|forms?|who)\b"
)


def word_value(written: str) -> int | None:
    """The value of a number written in words ("four" 4, "twenty-one" 21, "a dozen" 12)."""
    key = " ".join(written.lower().replace("-", " ").split())
    if key in WORD_VALUES:
        return WORD_VALUES[key]
    parts = key.split()
    if len(parts) == 2 and parts[0] in WORD_VALUES and parts[1] in UNITS:
        return WORD_VALUES[parts[0]] + WORD_VALUES[parts[1]]
    return None


def number_value(written: str) -> int | None:
    """The value of a number written in digits or words ("4" or "four": 4)."""
    return int(written) if written.isdigit() else word_value(written)
