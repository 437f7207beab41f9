"""documents.blocks.and_list: one way to list items in a sentence, used by every document."""

from hypothesis import given
from hypothesis import strategies as st

from pipelines.documents import blocks


def test_lists_read_as_a_sentence():
    assert blocks.and_list([]) == ""
    assert blocks.and_list(["Item 6"]) == "Item 6"
    assert blocks.and_list(["Item 6", "Item 7"]) == "Item 6 and Item 7"
    assert blocks.and_list(iter(["a", "b", "c"])) == "a, b and c"


@given(st.lists(st.text(alphabet="xyz", min_size=1, max_size=3), min_size=2, max_size=6))
def test_every_item_once_and_one_and_before_the_last(items):
    said = blocks.and_list(items)
    assert said.endswith(" and " + items[-1])
    assert said.count(", ") == len(items) - 2
