"""A demo pack built once per test module, into a temporary folder (outputs/ is not touched)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import DEMO_MEETING, DEMO_REVIEW


class Built:
    """The built demo pack and helpers to read it."""

    def __init__(self, root: Path):
        self.root = root
        self.outputs = root / "outputs"
        self.processed = root / "processed"
        self.folder = self.outputs / DEMO_REVIEW / DEMO_MEETING / "exempt"

    def table(self, name: str, section: str = "10_leavers") -> pd.DataFrame:
        from pipelines.report import slug

        return pd.read_csv(self.folder / "tables" / f"{section}__{slug(name)}.csv")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    from pipelines.build import build_pack

    b = Built(tmp_path_factory.mktemp("pack"))
    build_pack(DEMO_REVIEW, DEMO_MEETING, outputs_root=b.outputs, processed_root=b.processed)
    return b
