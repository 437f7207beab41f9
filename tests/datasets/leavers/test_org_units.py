"""Funded posts by org unit (issue 21): several units of one service are added up, not refused."""

from __future__ import annotations

import pytest
import yaml

from pipelines.core.cleaning import CleaningLog
from pipelines.core.config import use_review_mappings
from pipelines.core.sources import read_export
from pipelines.datasets.leavers.clean import UNITS_ADDED_UP, clean_establishment

UNITS = {
    "CSC - Safeguarding North": 40,
    "CSC - Safeguarding South": 35,
    "CSC - Children in Care": 30,
}


@pytest.fixture
def own_mappings(tmp_path):
    folder = tmp_path / "mappings"
    folder.mkdir()
    (folder / "services.yml").write_text(
        yaml.safe_dump({"Children's Social Care": list(UNITS)}), encoding="utf-8"
    )
    use_review_mappings(folder)
    yield folder
    use_review_mappings(None)


def establishment(tmp_path, rows: list[tuple[str, str, int]]):
    path = tmp_path / "funded_posts.csv"
    body = "".join(f"{unit},{prof},{n},Qualified posts\n" for unit, prof, n in rows)
    path.write_text("Service Area,Post type,Number of posts,Notes\n" + body, encoding="utf-8")
    return read_export(path, "establishment")


def test_units_of_one_service_are_added_up_and_logged(tmp_path, own_mappings):
    rows = [(unit, "Social Worker", n) for unit, n in UNITS.items()]
    rows.append(("Adults", "Occupational Therapist", 7))
    log = CleaningLog()
    tidy, problems = clean_establishment(establishment(tmp_path, rows), log)
    assert problems == []
    posts = dict(zip(tidy["service"] + "/" + tidy["profession"], tidy["posts"], strict=True))
    assert posts == {
        "Children's Social Care/Social work": 40 + 35 + 30,
        "Adult Social Care/Occupational therapy": 7,
    }
    assert list(tidy["source_row"]) == [2, 5]
    fixes = log.to_frame()
    assert "org units" in " ".join(fixes.iloc[:, 1]) and 2 in list(fixes.iloc[:, 2])
    assert log.excluded[(tidy.attrs["source_file"], None)][UNITS_ADDED_UP] == 2


def test_the_same_unit_twice_is_left_for_the_duplicate_check(tmp_path, own_mappings):
    rows = [("CSC - Safeguarding North", "Social Worker", 40)] * 2
    tidy, _ = clean_establishment(establishment(tmp_path, rows), CleaningLog())
    assert list(tidy["posts"]) == [40, 40]
