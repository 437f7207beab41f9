"""Shared fixtures: paths and the seed figures (read from ../shared, never copied)."""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

import pipelines.datasets  # noqa: F401  (registers every dataset's cleaners and checks)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_FIGURES = SHARED / "reference" / "seed_figures.yml"
DEMO_REVIEW = "luton-sw-2016"
DEMO_MEETING = "2016-09-21"
#: Build time of the shared demo pack (21 September 2016, 18:00 BST), so rebuilds can be compared.
SOURCE_DATE_EPOCH = "1474477200"


@pytest.fixture(scope="session")
def seed() -> dict:
    """The seed figures file, as published in ../shared/reference."""
    if not SEED_FIGURES.exists():
        pytest.fail(
            f"Seed figures not found at {SEED_FIGURES}: the tests need ../shared beside "
            "the repository."
        )
    return yaml.safe_load(SEED_FIGURES.read_text(encoding="utf-8"))


def key(label: str) -> str:
    """Comparable form of a label: letters and digits only, lower case, no plural 's'."""
    k = re.sub(r"[^a-z0-9]", "", str(label).lower())
    return k[:-1] if k.endswith("s") else k


class Built:
    """A built demo pack (outputs and processed data under one folder) and helpers to read it."""

    def __init__(self, root: Path, meeting: str = DEMO_MEETING, variant: str = "internal"):
        self.root = root
        self.outputs = root / "outputs"
        self.processed = root / "processed"
        #: The meeting's folder, holding public/, exempt/ and internal/.
        self.meeting_folder = self.outputs / DEMO_REVIEW / meeting
        #: The technical annex's folder (full detail: every table, notebooks, manifest).
        self.folder = self.meeting_folder / variant
        self.public = self.meeting_folder / "public"
        self.exempt = self.meeting_folder / "exempt"

    def table(self, name: str, section: str = "10_leavers") -> pd.DataFrame:
        """A table the pack wrote to tables/<section>__<name>.csv."""
        from pipelines.core.outputs import slug

        return pd.read_csv(self.folder / "tables" / f"{section}__{slug(name)}.csv")

    def copy(self, to: Path) -> Built:
        """A private copy, for tests that run further builds against it."""
        for part in ("outputs", "processed"):
            shutil.copytree(self.root / part, to / part)
        return Built(to)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Built:
    """The 21 September 2016 demo pack, built once per test run and shared by every module and
    xdist worker (a file lock makes the first one build it). Read it; never build into it: use
    ``built.copy(tmp_path)`` for tests that run builds."""
    from pipelines.orchestrator import build_pack

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    target = shared / "shared-demo-pack"
    with open(shared / "shared-demo-pack.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            if not (target / ".done").exists():
                shutil.rmtree(target, ignore_errors=True)
                b = Built(target)
                old = os.environ.get("SOURCE_DATE_EPOCH")
                os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
                try:
                    build_pack(
                        DEMO_REVIEW,
                        DEMO_MEETING,
                        outputs_root=b.outputs,
                        processed_root=b.processed,
                    )
                finally:
                    if old is None:
                        os.environ.pop("SOURCE_DATE_EPOCH", None)
                    else:
                        os.environ["SOURCE_DATE_EPOCH"] = old
                (target / ".done").touch()
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    return Built(target)


def axe_violations(html: Path) -> list[tuple]:
    """axe-core's WCAG 2.2 A/AA and best-practice violations for a page, in Debian's Chromium.

    Returns (rule id, help text, first three targets) per violation; [] when the page passes.
    """
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    chromium = Path("/usr/bin/chromium")
    assert chromium.exists(), "Debian chromium is needed: make test installs it with apt-get"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(chromium),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            page = browser.new_page()
            page.goto(html.as_uri())
            result = Axe().run(
                page,
                options={
                    "runOnly": {
                        "type": "tag",
                        "values": [
                            "wcag2a",
                            "wcag2aa",
                            "wcag21a",
                            "wcag21aa",
                            "wcag22aa",
                            "best-practice",
                        ],
                    }
                },
            )
        finally:
            browser.close()
    return [
        (v["id"], v["help"], [n["target"] for n in v["nodes"][:3]])
        for v in result.response["violations"]
    ]


def snapshot(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder``, by relative path (to show nothing changed)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def raw(tmp_path) -> Path:
    """A private copy of the demo review's raw exports, for tests to spoil."""
    from pipelines.core.config import load_review

    folder = tmp_path / "raw"
    shutil.copytree(load_review(DEMO_REVIEW).raw_path(), folder)
    return folder
