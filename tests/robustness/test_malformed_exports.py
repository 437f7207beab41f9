"""Every malformed export stops with a message naming what is wrong, where, and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.robustness.harness import officer_messages

FOLDER = Path(__file__).resolve().parent / "malformed"
CASES = yaml.safe_load((FOLDER / "cases.yml").read_text(encoding="utf-8"))


def test_the_folder_holds_at_least_25_malformed_exports_each_with_a_case():
    files = {p.name for p in FOLDER.iterdir() if p.name != "cases.yml"}
    assert len(files) >= 25 and files == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_malformed_export_gives_the_officer_an_actionable_message(name):
    case = CASES[name]
    message = officer_messages(FOLDER / name, case["dataset"])
    assert message, f"{name} was accepted"
    assert f"file:     tests/robustness/malformed/{name}" in message
    for text in case["says"]:
        assert text in message, f"{name}: {text!r} not in\n{message}"
    for text in case.get("never", []):
        assert text not in message, f"{name}: {text!r} must not be shown\n{message}"
    assert "Traceback" not in message
    for line in message.splitlines():
        if line.startswith("  found:"):
            assert len(line) <= 12 + 160, f"{name}: found value not cut short: {line[:80]}"
