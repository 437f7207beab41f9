"""End-to-end tests use the shared ``built`` demo pack from tests/conftest.py, and the packs
below: each built once per test run and shared by every module and xdist worker (a file lock
makes the first one build it). Read them; never build into them."""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import SOURCE_DATE_EPOCH


def _shared_packs(tmp_path_factory, name: str, review: str, meetings: tuple[str, ...]) -> Path:
    """Build ``meetings`` of ``review`` once into a shared folder; returns its outputs folder.

    ``EVIDENCE_PACK_TEST_CACHE`` names a step cache to reuse (a folder of earlier builds'
    steps, e.g. ``outputs/.cache``), so a developer's built sections are not run again.
    """
    from pipelines.orchestrator import build_pack

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    target = shared / name
    with open(shared / f"{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            if not (target / ".done").exists():
                shutil.rmtree(target, ignore_errors=True)
                old = os.environ.get("SOURCE_DATE_EPOCH")
                os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
                try:
                    cache = os.environ.get("EVIDENCE_PACK_TEST_CACHE")
                    for meeting in meetings:
                        build_pack(
                            review,
                            meeting,
                            outputs_root=target / "outputs",
                            processed_root=target / "processed",
                            cache_root=Path(cache) if cache else None,
                        )
                finally:
                    if old is None:
                        os.environ.pop("SOURCE_DATE_EPOCH", None)
                    else:
                        os.environ["SOURCE_DATE_EPOCH"] = old
                (target / ".done").touch()
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    return target / "outputs" / review


@pytest.fixture(scope="session")
def luton(tmp_path_factory) -> Path:
    """The Luton review's second meeting (21 September 2016) and final meeting (28 February
    2017, with the final report): the review's outputs folder (``<meeting>/public|exempt|
    internal``)."""
    return _shared_packs(
        tmp_path_factory, "shared-luton", "luton-sw-2016", ("2016-09-21", "2017-02-28")
    )


@pytest.fixture(scope="session")
def coventry(tmp_path_factory) -> Path:
    """The Coventry review's two meetings (27 March 2018; 16 April 2018 with the final report):
    the review's outputs folder."""
    return _shared_packs(
        tmp_path_factory, "shared-coventry", "coventry-sw-2018", ("2018-03-27", "2018-04-16")
    )
