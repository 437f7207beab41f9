"""The add-up rule the findings sentences are tested against, tested on sentences by hand."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.documents.adds_up import count_range, problems

REASONS = (
    "Why staff leave: 21 of 35 leavers gave a reason the council's pay, career, management or "
    "working conditions can act on (\u201cCareer \u2013 better opportunity\u201d 6; "
    "\u201cDissatisfied with LBC\u201d 6; \u201cBetter pay and conditions\u201d fewer than 5; "
    "HR system's recorded reason, 1 September 2015 to 31 August 2016)."
)


def test_counts_as_printed():
    assert count_range("1,998") == (1998, 1998)
    assert count_range("fewer than 5") == (1, 4)
    assert count_range("[c]")[0] == 0


def test_the_leavers_reasons_sentence_of_issue_22_does_not_add_up():
    # 6 + 6 + (1 to 4) is 13 to 16, not 21: the sentence must say these are only the largest
    found = problems(REASONS)
    assert len(found) == 1 and "add to at most 16" in found[0].why
    fixed = REASONS.replace("act on (", "act on (the most given: ")
    assert problems(fixed) == []


def test_more_than_the_whole_is_caught_and_dates_and_percentages_are_not_counts():
    assert problems("Adults: 12 of 9 leavers left within two years.")[0].why.endswith("whole")
    assert problems("Children's Social Care: 46.2% (12 of 26 leavers) left early.") == []
    assert problems("60.0% of 112 posts; Schedule 12A, paragraph 1 of Part 1.") == []
    assert problems("At 30 of September 2016 there were 9 of 9 in post.") == []
    assert problems("fewer than 5 of 12 forms were returned") == []
    assert problems("14 of 15 questions (Pay 8; Support 6)") == []  # 8 + 6 = 14
    assert "at least 15" in problems("14 of 15 questions (Pay 9; Support 6)")[0].why
    assert "at most 13" in problems("14 of 15 questions (Pay 8; Support 5)")[0].why
    assert problems("14 of 15 questions (the largest: Pay 8; Support 5)") == []


@given(
    parts=st.lists(st.integers(0, 40), min_size=2, max_size=5),
    extra=st.integers(-5, 5),
)
def test_a_breakdown_passes_exactly_when_it_sums_to_its_total(parts, extra):
    total = sum(parts) + extra
    if total < 0:
        return
    listed = "; ".join(f"Reason {chr(65 + i)} {n}" for i, n in enumerate(parts))
    sentence = f"{total} of {total + 10} leavers gave a reason ({listed})."
    assert (problems(sentence) == []) == (extra == 0)
