"""A killed build leaves the earlier pack as it was; stale staging is removed; a second build of
the same pack waits its turn."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from pipelines.staging import build_lock, review_lock_paths
from tests.conftest import DEMO_MEETING, DEMO_REVIEW, ROOT, snapshot


def build_command(built) -> list[str]:
    """The command line of a build of the demo meeting into ``built``'s folders."""
    return [sys.executable, "-m", "pipelines", "build", DEMO_REVIEW, "-m", DEMO_MEETING, "-q",
            "--outputs", str(built.outputs), "--processed", str(built.processed)]  # fmt: skip


def test_killed_build_leaves_the_earlier_pack_byte_identical(built, tmp_path):
    built = built.copy(tmp_path / "pack")
    before = snapshot(built.meeting_folder), snapshot(built.processed / DEMO_REVIEW)
    proc = subprocess.Popen(
        build_command(built),
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    staging = built.outputs / DEMO_REVIEW
    deadline = time.time() + 120
    while time.time() < deadline and not list(
        staging.glob(f".{DEMO_MEETING}.staging-*/internal/sections/10_leavers.ipynb")
    ):
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert snapshot(built.meeting_folder) == before[0]
    assert snapshot(built.processed / DEMO_REVIEW) == before[1]


def test_staging_left_by_a_killed_build_is_removed_by_the_next(tmp_path):
    from pipelines.staging import remove_stale_staging

    stale = [tmp_path / "out" / f".{DEMO_MEETING}.staging-1", tmp_path / "proc" / ".x.staging-1"]
    for folder in stale:
        folder.mkdir(parents=True)
    remove_stale_staging(tmp_path / "out", tmp_path / "proc")
    assert not any(folder.exists() for folder in stale)


def test_second_build_of_the_same_pack_waits_its_turn(built, tmp_path):
    """While another build holds the review's lock, a build says it is waiting, then runs when
    the lock is let go, and succeeds."""
    built = built.copy(tmp_path / "pack")
    with build_lock(review_lock_paths(built.outputs, built.processed, DEMO_REVIEW)[0]):
        second = subprocess.Popen(
            build_command(built),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        said = ""
        while "Waiting" not in said and (line := second.stderr.readline()):
            said = line  # any warnings printed while starting, then the waiting message
        assert f"Waiting for the build of {DEMO_REVIEW}" in said and second.poll() is None
    _, err = second.communicate(timeout=600)
    assert second.returncode == 0, err
