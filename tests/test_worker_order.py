"""How tests/conftest.py splits the run into units for the two xdist workers and orders them.

The items here are stand-ins with what the hook reads (node id, fixture scopes, marks), so the
rules are checked without running pytest inside pytest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import conftest


@dataclass
class FakeItem:
    """What :func:`tests.conftest._order_for_workers` reads of a collected test."""

    nodeid: str
    scopes: tuple[str, ...] = ("function",)
    marks: list = field(default_factory=list)

    def __post_init__(self):
        defs = {f"f{i}": [SimpleNamespace(scope=s)] for i, s in enumerate(self.scopes)}
        self._fixtureinfo = SimpleNamespace(name2fixturedefs=defs)

    def get_closest_marker(self, name):
        return next((m for m in reversed(self.marks) if m.name == name), None)

    def add_marker(self, mark):
        self.marks.append(mark.mark if hasattr(mark, "mark") else mark)


def group(item) -> str | None:
    mark = item.get_closest_marker("xdist_group")
    return mark.args[0] if mark else None


def test_a_file_with_a_module_fixture_is_one_unit_and_a_test_on_its_own_is_alone():
    a1 = FakeItem("tests/x/test_a.py::test_1", ("function", "module"))
    a2 = FakeItem("tests/x/test_a.py::test_2", ("function",))
    a3 = FakeItem("tests/x/test_a.py::test_3", ("module", "session"))
    b1 = FakeItem("tests/x/test_b.py::test_1", ("function", "session"))
    items = [a1, b1, a2, a3]
    conftest._order_for_workers(items)
    # test_a.py's tests that share its module fixture go together, in file order; test_2 (only
    # function fixtures) and test_b's test (a session fixture: the shared packs) are alone.
    assert [group(i) for i in (a1, a3)] == ["tests/x/test_a.py"] * 2
    assert group(a2) is None and group(b1) is None
    assert items.index(a3) == items.index(a1) + 1


def test_units_go_longest_first_a_measured_one_before_slow_before_quick(monkeypatch):
    monkeypatch.setattr(
        conftest, "MEASURED_SECONDS", {"tests/x/test_m.py::test_long": 40, "tests/x/test_f.py": 9}
    )
    quick = FakeItem("tests/x/test_q.py::test_1")
    slow = FakeItem("tests/x/test_s.py::test_1", marks=[pytest.mark.slow.mark])
    long = FakeItem("tests/x/test_m.py::test_long_build")
    f1 = FakeItem("tests/x/test_f.py::test_1", ("module",))
    f2 = FakeItem("tests/x/test_f.py::test_2", ("module",))
    items = [quick, slow, f1, long, f2]
    conftest._order_for_workers(items)
    # 40 s (measured test), 9 s (measured file: one unit), 2 s (slow), 0.1 s (quick)
    assert items == [long, f1, f2, slow, quick]


def test_a_group_mark_the_test_gives_itself_is_kept():
    mine = FakeItem("tests/e2e/test_c.py::test_n", ("module",))
    mine.add_marker(pytest.mark.xdist_group("council-northshire"))
    other = FakeItem("tests/e2e/test_c.py::test_m", ("module",))
    conftest._order_for_workers([mine, other])
    assert group(mine) == "council-northshire" and group(other) == "tests/e2e/test_c.py"


SCOPES = st.lists(st.sampled_from(["function", "module", "class", "session"]), max_size=3)


@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.booleans(), SCOPES),
        max_size=25,
    )
)
def test_property_every_test_is_kept_once_and_a_units_tests_stay_together_in_file_order(specs):
    items = [
        FakeItem(
            f"tests/x/test_{f}.py::test_{n}",
            tuple(scopes),
            [pytest.mark.slow.mark] if slow else [],
        )
        for n, (f, slow, scopes) in enumerate(specs)
    ]
    ordered = list(items)
    conftest._order_for_workers(ordered)
    assert sorted(map(id, ordered)) == sorted(map(id, items))
    units: dict[str, list[int]] = {}
    for place, item in enumerate(ordered):
        units.setdefault(group(item) or item.nodeid, []).append(place)
    for name, places in units.items():
        assert places == list(range(places[0], places[0] + len(places))), name
        members = [ordered[p] for p in places]
        assert members == [i for i in items if i in members], name
