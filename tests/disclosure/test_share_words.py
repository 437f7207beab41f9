"""A part of a whole written for the public pack is clear and never lets a small count be worked
out (issue 22: "most of the 61" was vague to a councillor; it now reads "more than 56 of the
61", with the threshold 5)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from pipelines.core.artefact_audit import stated_small_counts
from pipelines.core.disclosure import Policy, protect_counts
from pipelines.core.figures import phrase_share


def share(part: int, whole: int, t: int) -> str:
    """The public words for ``part`` of ``whole`` people (threshold ``t``), without the noun."""
    return phrase_share(part, whole, "people", Policy("public", t)).removesuffix(" people")


def possible_parts(words: str, whole: int) -> set[int]:
    """Every part of ``whole`` the words allow, read as a councillor reads them."""
    n = r"(\d[\d,]*)"
    num = lambda s: int(s.replace(",", ""))  # noqa: E731
    if m := re.fullmatch(rf"fewer than {n}", words):
        return set(range(0, min(num(m[1]) - 1, whole) + 1))
    m = re.fullmatch(rf"(fewer|more) than {n} of the {n}", words)
    if m and num(m[3]) == whole:
        k = num(m[2])
        return set(range(0, k)) if m[1] == "fewer" else set(range(k + 1, whole + 1))
    m = re.fullmatch(rf"(fewer|more) than half of the {n}", words)
    if m and num(m[2]) == whole:
        return {
            k for k in range(whole + 1) if (2 * k < whole if m[1] == "fewer" else 2 * k > whole)
        }
    m = re.fullmatch(rf"(most|some) of the {n}", words)
    if m and num(m[2]) == whole:
        return {k for k in range(1, whole) if m[1] == "some" or 2 * k > whole}
    raise AssertionError(f"words not understood: {words!r}")


@given(
    st.integers(2, 10).flatmap(
        lambda t: st.tuples(st.just(t), st.integers(1, 3000)).flatmap(
            lambda tw: st.tuples(st.just(tw[0]), st.integers(0, tw[1]), st.just(tw[1]))
        )
    )
)
def test_a_share_with_a_small_part_or_rest_never_gives_it_away(args):
    t, part, whole = args
    rest = whole - part
    if not (0 < part < t or 0 < rest < t):
        return  # printed as "k of n": nothing small to protect
    words = share(part, whole, t)
    parts = possible_parts(words, whole)
    assert part in parts, (words, part)  # the words are true
    assert len(parts) > 1, words
    # the small number could be any from 0 up to it: the words do not pin it down (when both
    # are small, the whole is under twice the threshold: each could be another value)
    if 0 < part < t and not 0 < rest < t:
        assert set(range(0, part + 1)) <= parts, (words, part)
    if 0 < rest < t and not 0 < part < t:
        assert {whole - r for r in range(0, rest + 1)} <= parts, (words, rest)
    # and a second pass of disclosure control, or the audit of the pack, finds nothing in them
    sentence = f"{words} answered"
    assert protect_counts(sentence, t) == sentence
    assert stated_small_counts(sentence, t) == []


def test_the_words_for_a_small_rest_say_how_many_at_least():
    # 60 of 61 answered, threshold 5: more than 61 - 5 = 56 answered, so fewer than 5 did not
    assert share(60, 61, 5) == "more than 56 of the 61"
    assert protect_counts("60 of 61 answered", 5) == "more than 56 of the 61 answered"
    assert share(2, 13, 5) == "fewer than 5 of the 13"
    assert share(7, 8, 5) == "more than half of the 8"
    assert share(3, 4, 5) == "fewer than 5"
    assert share(4, 8, 5) == "fewer than 5"  # exactly half, both small
    assert share(1996, 1998, 5) == "more than 1,993 of the 1,998"
