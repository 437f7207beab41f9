"""Fixtures for the workforce and cost section's tests.

The full 21 September 2016 demo pack is the shared ``built`` fixture of ``tests/conftest.py``.
:func:`write_review_copy` writes a temporary copy of the review's YAML (raw folder made absolute)
whose 21 September meeting holds only the workforce section, with parameters changed as a test
asks: a quicker build for "what if" and bad-input tests.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.conftest import DEMO_MEETING, DEMO_REVIEW, ROOT, Built

SECTION = "40_workforce_costs"


def write_review_copy(folder: Path, raw_dir: Path | None = None, **parameters) -> Path:
    """A copy of the demo review's YAML whose 21 September pack is the workforce section only.

    Parameters
    ----------
    folder : Path
        Where to write ``luton-sw-2016.yml``.
    raw_dir : Path, optional
        Raw folder (default: the demo's, made absolute).
    **parameters
        Section parameters to set or replace.

    """
    from pipelines.core.config import load_review

    data = yaml.safe_load(
        (ROOT / "config" / "reviews" / f"{DEMO_REVIEW}.yml").read_text(encoding="utf-8")
    )
    data["raw_dir"] = str(raw_dir or load_review(DEMO_REVIEW).raw_path())
    for meeting in data["meetings"]:
        if str(meeting.get("date")) == DEMO_MEETING:
            ours = next(s for s in meeting["sections"] if s["notebook"] == SECTION)
            ours.setdefault("parameters", {}).update(parameters)
            meeting["sections"] = [ours]
        else:
            meeting.pop("sections", None)
    path = folder / f"{DEMO_REVIEW}.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


class Quick(Built):
    """A pack built from a review copy that holds only the workforce section."""

    def __init__(self, root: Path, config: Path):
        super().__init__(root)
        self.config = config

    def table(self, name: str, section: str = SECTION):
        """A table of the workforce section (tables/40_workforce_costs__<name>.csv)."""
        return super().table(name, section)
