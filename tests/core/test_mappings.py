"""Mapping tables layered: the shipped defaults, then the review's own folder of overrides."""

from __future__ import annotations

import re

import yaml

from pipelines.core.config import active_review_mappings, load_review, project_root
from pipelines.core.mappings import load_mapping, merge_mappings
from pipelines.core.validation_labels import load_labels

SHIPPED = project_root() / "config" / "mappings"
LUTON_WORDS = re.compile(r"\b(Luton|LBC)\b")


def test_the_shipped_tables_carry_no_luton_word():
    for path in sorted(SHIPPED.glob("*.yml")):
        table = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = yaml.safe_dump(table)  # comments excluded: only the labels and headers
        assert not LUTON_WORDS.search(text), f"{path.name} names Luton"


def test_a_review_folder_replaces_adds_and_removes_keys(tmp_path):
    (tmp_path / "leaving_reasons.yml").write_text(
        "Dissatisfied with the council: ~\nUnhappy with Borchester: [Resignation - Borchester]\n",
        encoding="utf-8",
    )
    (tmp_path / "values.yml").write_text('yes_no: {"Yes": ["Yes", "Aye"]}\n', encoding="utf-8")
    reasons = load_mapping("leaving_reasons", overrides=tmp_path)
    assert "Dissatisfied with the council" not in reasons
    assert reasons["Unhappy with Borchester"] == ["Resignation - Borchester"]
    assert "Retired" in reasons  # defaults kept
    values = load_mapping("values", overrides=tmp_path)
    assert values["yes_no"]["Yes"] == ["Yes", "Aye"]
    assert (
        values["yes_no"]["No"] == load_mapping("values", overrides=SHIPPED / "none")["yes_no"]["No"]
    )  # merged key by key
    assert "ratings" in values


def test_merge_replaces_lists_whole():
    assert merge_mappings({"a": [1, 2], "b": {"c": 1}}, {"a": [3], "b": {"d": 2}}) == {
        "a": [3],
        "b": {"c": 1, "d": 2},
    }


def test_loading_a_review_puts_its_own_vocabulary_in_use():
    load_review("luton-sw-2016")
    assert active_review_mappings() == project_root() / "config/reviews/luton-sw-2016/mappings"
    assert "Dissatisfied with LBC" in load_mapping("leaving_reasons")
    assert "Dissatisfied with LBC" in load_labels().leaving_reasons
    assert "LBC management" in load_mapping("values")["exit_aspects"]
    load_review("coventry-sw-2018")
    assert "Dissatisfied with LBC" not in load_mapping("leaving_reasons")
    assert "Dissatisfied with the council" in load_labels().leaving_reasons
