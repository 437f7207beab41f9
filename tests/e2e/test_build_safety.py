"""Build safety: no traceback reaches an officer, and no file is lost.

Bad ``--meeting`` dates, read-only and full disks give the officer's message (exit 2, nothing
changed); an unexpected error gives one paragraph and a log file (exit 1); the swap keeps the
previous pack until the new one is in, and puts it back after a crash between its two renames;
one build of a review runs at a time and removes only dead builds' staging folders.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.staging import (
    build_lock,
    recover_interrupted_swaps,
    remove_stale_staging,
    review_lock_paths,
    swap_into_place,
)
from tests.conftest import DEMO_MEETING, DEMO_REVIEW, ROOT, snapshot
from tests.e2e.test_bad_inputs import build_cli, edit_leavers, set_cell

runner = CliRunner()
OTHER_MEETING = "2016-11-22"


@pytest.fixture
def built(built, tmp_path):
    """A private copy of the shared demo pack: these tests run (failing) builds against it."""
    return built.copy(tmp_path / "pack")


def cli_build(built, *args: str):
    return runner.invoke(
        app,
        [
            "build",
            DEMO_REVIEW,
            "-q",
            "--outputs",
            str(built.outputs),
            "--processed",
            str(built.processed),
            *args,
        ],
    )


@pytest.mark.parametrize(
    ("date", "what"),
    [
        ("2016-02-30", "The meeting date is not a real day."),
        ("2016/09/21", "The meeting date cannot be read."),
        ("21-09-2016", "The meeting date cannot be read."),
        ("next week", "The meeting date cannot be read."),
    ],
)
def test_a_bad_meeting_date_gets_the_officers_message(built, date, what):
    before = snapshot(built.outputs), snapshot(built.processed)
    result = cli_build(built, "--meeting", date)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "The build stopped. Nothing in outputs/ or data/processed/ was changed." in result.output
    for text in (what, "option:   --meeting", f"found:    {date}", "YYYY-MM-DD", DEMO_MEETING):
        assert text in result.output
    assert "evidence-pack meetings luton-sw-2016" in result.output
    assert (snapshot(built.outputs), snapshot(built.processed)) == before


@contextlib.contextmanager
def mounted_tmpfs(folder: Path, size: str = "64m"):
    """Mount a tmpfs on ``folder`` (root only); skip the test where mounting is not allowed."""
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def remount_read_only(folder: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


@pytest.mark.parametrize("part", ["outputs", "processed"])
def test_a_read_only_folder_gets_the_officers_message_and_nothing_changes(built, tmp_path, part):
    with mounted_tmpfs(tmp_path / "ro") as ro:
        shutil.copytree(built.root / part, ro / part)
        remount_read_only(ro)
        folders = {"outputs": built.outputs, "processed": built.processed, part: ro / part}
        before = snapshot(folders["outputs"]), snapshot(folders["processed"])
        result = runner.invoke(
            app,
            [
                "build",
                DEMO_REVIEW,
                "-m",
                DEMO_MEETING,
                "-q",
                "--outputs",
                str(folders["outputs"]),
                "--processed",
                str(folders["processed"]),
            ],
        )
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        assert "A file or folder could not be written." in result.output
        assert "read-only" in result.output and str(ro / part) in result.output
        assert "Choose a folder you can write to" in result.output
        assert (snapshot(folders["outputs"]), snapshot(folders["processed"])) == before


def test_a_full_disk_stops_the_build_with_the_officers_message_and_keeps_the_pack(built, tmp_path):
    """Outputs on a small tmpfs holding the previous pack: the new one cannot fit beside it."""
    files = [p for p in built.outputs.rglob("*") if p.is_file() and ".cache" not in p.parts]
    size = sum(p.stat().st_size for p in files)  # the pack, without the step cache
    with mounted_tmpfs(tmp_path / "full", size=f"{size * 3 // 2 // 1024}k") as full:
        shutil.copytree(
            built.outputs, full, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".cache")
        )
        before = snapshot(full)
        env = {**os.environ, "PYTHONWARNINGS": "ignore"}
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pipelines",
                "build",
                DEMO_REVIEW,
                "-m",
                DEMO_MEETING,
                "-q",
                "--outputs",
                str(full),
                "--processed",
                str(built.processed),
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert "A file or folder could not be written." in result.stderr
        assert "the disk is full" in result.stderr and "Free some space" in result.stderr
        assert snapshot(full) == before
        assert not list((full / DEMO_REVIEW).glob(".*staging*"))


def test_a_full_disk_in_python_code_is_reported_like_the_others(built, monkeypatch):
    """A write raising ENOSPC (monkeypatched) anywhere in the build: exit 2, nothing changed."""
    import errno

    from pipelines import steps

    def no_space(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(built.processed / "x.parquet"))

    monkeypatch.setattr(steps, "write_processed", no_space)
    before = snapshot(built.outputs), snapshot(built.processed)
    result = cli_build(built, "-m", DEMO_MEETING, "--no-cache")  # every step runs
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "the disk is full" in result.output and "x.parquet" in result.output
    assert (snapshot(built.outputs), snapshot(built.processed)) == before


def test_outputs_given_an_existing_file_gets_the_officers_message(tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("mine", encoding="utf-8")
    result = runner.invoke(
        app, ["build", DEMO_REVIEW, "-m", DEMO_MEETING, "-q", "--outputs", str(afile / "x")]
    )
    assert result.exit_code == 2, result.output
    assert "a file stands where a folder is expected" in result.output
    assert afile.read_text(encoding="utf-8") == "mine"


def test_benchmark_out_given_an_existing_file_is_refused_and_the_file_kept(tmp_path):
    afile = tmp_path / "notes.txt"
    afile.write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["benchmark", "--la", "Sandwell", "-q", "--out", str(afile)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "The benchmark pack was not built. Nothing in outputs/ was changed." in result.output
    assert "existing file" in result.output
    assert afile.read_text(encoding="utf-8") == "mine"


def test_an_unexpected_error_prints_one_paragraph_and_logs_the_traceback(built, monkeypatch):
    import pipelines.orchestrator as orchestrator

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("something deep inside went wrong")

    monkeypatch.setattr(orchestrator, "build_pack", broken)
    result = cli_build(built, "-m", DEMO_MEETING)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    text = result.output.strip()
    assert "\n\n" not in text
    assert "unexpected error (ZeroDivisionError: something deep inside went wrong)" in text
    logs = list((built.outputs / DEMO_REVIEW / ".logs").glob("*.log"))
    assert len(logs) == 1 and str(logs[0]) in " ".join(text.split())
    log = logs[0].read_text(encoding="utf-8")
    assert "Traceback" in log and "ZeroDivisionError" in log and "def broken" not in text


def test_an_unexpected_error_is_logged_to_a_temporary_file_when_outputs_cannot_be_written(
    tmp_path, monkeypatch
):
    import tempfile

    import pipelines.orchestrator as orchestrator

    tempfile_dir = tmp_path / "tmp"
    tempfile_dir.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tempfile_dir))

    def broken(*_args, **_kwargs):
        raise KeyError("no such thing")

    monkeypatch.setattr(orchestrator, "build_pack", broken)
    blocker = tmp_path / "afile"
    blocker.write_text("", encoding="utf-8")
    result = runner.invoke(
        app, ["build", DEMO_REVIEW, "-m", DEMO_MEETING, "-q", "--outputs", str(blocker / "out")]
    )
    assert result.exit_code == 1 and "Traceback" not in result.output
    logs = list(tempfile_dir.rglob("*.log"))
    assert len(logs) == 1 and "KeyError" in logs[0].read_text(encoding="utf-8")
    assert str(logs[0]) in " ".join(result.output.split())


def test_debug_still_shows_the_traceback_of_an_unexpected_error(built, monkeypatch):
    import pipelines.orchestrator as orchestrator

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("deep")

    monkeypatch.setattr(orchestrator, "build_pack", broken)
    result = cli_build(built, "-m", DEMO_MEETING, "--debug")
    assert isinstance(result.exception, ZeroDivisionError)


# --- the swap ------------------------------------------------------------------------------


def folder_with(path: Path, text: str) -> Path:
    path.mkdir(parents=True)
    (path / "pack.html").write_text(text, encoding="utf-8")
    return path


def test_a_failing_second_rename_puts_the_previous_pack_back(tmp_path, monkeypatch):
    final = folder_with(tmp_path / "exempt", "previous")
    staged = folder_with(tmp_path / ".staging", "new")
    real_rename = Path.rename
    calls = []

    def rename(self, target):
        calls.append(self)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(self))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError):
        swap_into_place(staged, final)
    assert (final / "pack.html").read_text(encoding="utf-8") == "previous"
    assert not list(tmp_path.glob(".exempt.old-*"))


def test_a_swap_keeps_no_old_copy_once_the_new_pack_is_in(tmp_path):
    final = folder_with(tmp_path / "exempt", "previous")
    swap_into_place(folder_with(tmp_path / ".staging", "new"), final)
    assert (final / "pack.html").read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["exempt"]


CRASH = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from pipelines.staging import swap_into_place

    calls = []
    real = Path.rename

    def rename(self, target):
        calls.append(self)
        if len(calls) == 2:
            os._exit(9)  # the process dies between the two renames
        return real(self, target)

    Path.rename = rename
    staged, final = Path(sys.argv[1]), Path(sys.argv[2])
    staged.mkdir()
    (staged / "pack.html").write_text("half-built", encoding="utf-8")
    swap_into_place(staged, final)
    """
)


def crash_between_renames(final: Path) -> None:
    """Run a swap onto ``final`` in a process that dies after moving the old folder aside."""
    staged = final.with_name(f".{final.name}.staging-crash")
    done = subprocess.run(
        [sys.executable, "-c", CRASH, str(staged), str(final)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 9, done.stderr
    assert not final.exists() and len(list(final.parent.glob(f".{final.name}.old-*"))) == 1


def test_a_crash_between_the_renames_then_a_failing_build_restores_the_previous_pack(raw, built):
    """The issue's data-loss path: crash mid-swap, then any failing build (here a bad export)."""
    before = snapshot(built.folder), snapshot(built.processed / DEMO_REVIEW)
    crash_between_renames(built.folder)
    crash_between_renames(built.processed / DEMO_REVIEW)
    edit_leavers(raw, lambda lines: set_cell(lines, 7, "Service Area", "Housing Services"))
    result = build_cli(raw, built)
    assert result.returncode == 2 and "Unknown service" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert "the previous version of" in result.stderr and "was put back" in result.stderr
    assert snapshot(built.folder) == before[0]
    assert snapshot(built.processed / DEMO_REVIEW) == before[1]
    assert not list(built.folder.parent.glob(".*.old-*"))
    assert not list(built.processed.glob(".*.old-*"))


def test_recovery_removes_a_superseded_copy_when_the_new_pack_is_in(tmp_path):
    folder_with(tmp_path / "exempt", "new")
    folder_with(tmp_path / ".exempt.old-123-abcd", "previous")
    assert recover_interrupted_swaps(tmp_path) == []
    assert [p.name for p in tmp_path.iterdir()] == ["exempt"]
    assert (tmp_path / "exempt" / "pack.html").read_text(encoding="utf-8") == "new"


def test_recovery_leaves_other_reviews_alone(tmp_path):
    folder_with(tmp_path / ".other-review.old-1-ab", "theirs")
    assert recover_interrupted_swaps(tmp_path, "luton-sw-2016") == []
    assert (tmp_path / ".other-review.old-1-ab").exists()


# --- locks and staging folders -----------------------------------------------------------


def test_a_build_of_another_meeting_waits_for_the_running_one_and_spares_its_staging(
    built, monkeypatch
):
    """Build A (meeting 21 September) holds the review's lock and has a staging folder; build B
    (22 November) says it is waiting, and when A outlasts the time limit B stops with the
    officer's message (exit 2) and A's staging folder survives."""
    import pipelines.staging as staging

    monkeypatch.setattr(staging, "LOCK_TIMEOUT_SECONDS", 1)
    out_lock, proc_lock = review_lock_paths(built.outputs, built.processed, DEMO_REVIEW)
    staging_a = built.outputs / DEMO_REVIEW / f".{DEMO_MEETING}.staging-4242-0a1b2c3d"
    processed_a = built.processed / f".{DEMO_REVIEW}.staging-4242-0a1b2c3d"
    for folder in (staging_a, processed_a):
        folder_with(folder, "build A at work")
    for lock in (out_lock, proc_lock):  # either lock alone keeps B out
        with build_lock(lock):
            result = cli_build(built, "-m", OTHER_MEETING)
        assert result.exit_code == 2, result.output
        assert f"Waiting for the build of {DEMO_REVIEW}" in result.output
        assert f"Another build of {DEMO_REVIEW}" in result.output
        assert "was still running after 1 second of waiting" in result.output
        assert "of the same or another meeting" in result.output
        assert "Wait for the other build to finish, then build again." in result.output
        assert "Traceback" not in result.output
        assert staging_a.exists() and processed_a.exists()
    assert not (built.outputs / DEMO_REVIEW / OTHER_MEETING).exists()


PROBE = (
    "import sys; from pathlib import Path; from pipelines.staging import build_lock\n"
    "from pipelines.core.errors import ConfigError\n"
    "try:\n"
    "    with build_lock(Path(sys.argv[1]), what='luton-sw-2016', timeout=float(sys.argv[2])):\n"
    "        print('got it')\n"
    "except ConfigError as exc: print('refused'); print(exc, file=sys.stderr)\n"
)


def other_process(lock: Path, timeout: float) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", PROBE, str(lock), str(timeout)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_building_one_review_at_once_cannot_both_hold_the_lock(built):
    """The lock is taken across processes (flock): a second process waits while one holds it,
    gives up with the officer's message after its time limit, and gets it once the first lets
    go."""
    out_lock, _ = review_lock_paths(built.outputs, built.processed, DEMO_REVIEW)
    with build_lock(out_lock):
        out, err = other_process(out_lock, 1).communicate(timeout=120)
    assert out.strip() == "refused"
    assert f"Waiting for the build of {DEMO_REVIEW} (process {os.getpid()}) to finish" in err
    assert f"Another build of {DEMO_REVIEW} (process {os.getpid()}) was still running" in err
    out, err = other_process(out_lock, 1).communicate(timeout=120)
    assert out.strip() == "got it" and "Waiting" not in err


def test_a_waiting_process_gets_the_lock_when_the_running_build_lets_go(built):
    out_lock, _ = review_lock_paths(built.outputs, built.processed, DEMO_REVIEW)
    with build_lock(out_lock):
        waiting = other_process(out_lock, 120)
        said = ""
        while "Waiting" not in said and (line := waiting.stderr.readline()):
            said = line  # it starts, finds the lock held and says it waits
        assert f"Waiting for the build of {DEMO_REVIEW} (process {os.getpid()})" in said
        time.sleep(0.5)
        assert waiting.poll() is None
    out, _ = waiting.communicate(timeout=120)
    assert out.strip() == "got it"


@pytest.mark.slow
def test_two_meetings_of_one_review_built_at_once_both_succeed_one_after_the_other(built):
    """Two processes build two meetings of the review at the same moment: the second waits for
    the first, then both packs are in place and the first's survives the second's clean-up."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONWARNINGS": "ignore"}
    common = ["--outputs", str(built.outputs), "--processed", str(built.processed), "-q"]
    shutil.rmtree(built.outputs / DEMO_REVIEW / DEMO_MEETING)
    builds = [
        subprocess.Popen(
            [sys.executable, "-m", "pipelines", "build", DEMO_REVIEW, "-m", meeting, *common],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for meeting in (DEMO_MEETING, OTHER_MEETING)
    ]
    results = [b.communicate(timeout=600) for b in builds]
    for build, (_out, err) in zip(builds, results, strict=True):
        assert build.returncode == 0, err
        assert "Traceback" not in err
    waited = [err for _, err in results if f"Waiting for the build of {DEMO_REVIEW}" in err]
    assert len(waited) == 1, [err for _, err in results]
    for meeting in (DEMO_MEETING, OTHER_MEETING):
        folder = built.outputs / DEMO_REVIEW / meeting / "public"
        assert (folder / "report.html").stat().st_size > 0 and (folder / "report.pdf").exists()
    leftovers = [p.name for p in (built.outputs / DEMO_REVIEW).iterdir() if ".staging-" in p.name]
    assert leftovers == []


def test_stale_staging_of_the_review_is_removed_and_other_reviews_kept(tmp_path):
    outputs, processed = tmp_path / "out" / DEMO_REVIEW, tmp_path / "proc"
    dead = [
        folder_with(outputs / f".{DEMO_MEETING}.staging-11-aa", "dead"),
        folder_with(processed / f".{DEMO_REVIEW}.staging-11-aa", "dead"),
    ]
    other = folder_with(processed / ".another-review.staging-12-bb", "running elsewhere")
    moved_aside = folder_with(outputs / DEMO_MEETING / ".exempt.old-13-cc", "previous pack")
    remove_stale_staging(outputs, processed, DEMO_REVIEW)
    assert not any(folder.exists() for folder in dead)
    assert other.exists() and moved_aside.exists()


def test_each_build_gets_its_own_staging_name():
    from pipelines.staging import build_token

    tokens = {build_token() for _ in range(20)}
    assert len(tokens) == 20
    assert all(t.startswith(f"{os.getpid()}-") for t in tokens)


def test_a_failing_section_keeps_its_executed_notebook_out_of_the_removed_staging(
    built, monkeypatch
):
    """The message of a section that fails with an unexpected error points at a copy that
    survives the build's clean-up (outputs/<review>/.logs/), not at the removed staging folder."""
    import pipelines.runner as runner

    def failing(name, out, parameters, km=None):
        out.write_text('{"cells": []}', encoding="utf-8")
        raise RuntimeError(
            f"Section {name} failed: ValueError: bad\nOpen the executed notebook "
            f"to see where: {out}"
        )

    monkeypatch.setattr(runner, "run_notebook", failing)
    result = cli_build(built, "-m", DEMO_MEETING, "--no-cache")  # every section runs
    assert result.exit_code == 1 and "Traceback" not in result.output
    kept = list((built.outputs / DEMO_REVIEW / ".logs").glob("10_leavers-*.ipynb"))
    assert len(kept) == 1 and str(kept[0]) in " ".join(result.output.split())
    assert ".staging-" not in result.output
