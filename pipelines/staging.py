"""A build's lock, staging folders and swap into place.

One lock per review (in the outputs folder and in the processed-data folder) keeps two builds of
the same review from running at once: the second waits for the first (up to
:data:`LOCK_TIMEOUT_SECONDS`). Everything is built in a staging folder named per build (process
id and a random token); a build removes only its own and those left by builds of its review that
died. The swap moves the previous folder aside, puts the new one in and only then removes the
previous one; if the process dies between the two renames, the next build of the review puts it
back (:func:`recover_interrupted_swaps`).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import secrets
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from pipelines.core.errors import OfficerError

#: Seconds a build waits for another build of the same review to finish before giving up.
LOCK_TIMEOUT_SECONDS = 30 * 60


#: Seconds between two attempts to take a lock another build holds.
LOCK_POLL_SECONDS = 0.2


def lock_holder(path: Path) -> str:
    """Who holds the lock ``path``, in words: its process and, when it says, the meeting.

    Read from ``/proc/locks`` and the holder's command line (Linux); empty when unknown.
    """
    try:
        st = path.stat()
        lines = Path("/proc/locks").read_text(encoding="ascii").splitlines()
    except OSError:
        return ""
    for line in lines:
        m = re.match(r"^\d+:\s+FLOCK\s+\S+\s+WRITE\s+(\d+)\s+([0-9a-f]+):([0-9a-f]+):(\d+)\s", line)
        if not m or int(m.group(4)) != st.st_ino:
            continue
        if (int(m.group(2), 16), int(m.group(3), 16)) != (os.major(st.st_dev), os.minor(st.st_dev)):
            continue
        pid = int(m.group(1))
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
        except OSError:
            argv = []
        meetings = [
            a.split("=", 1)[1] if "=" in a else nxt
            for a, nxt in zip(argv, [*argv[1:], ""], strict=True)
            if a in ("--meeting", "-m") or a.startswith("--meeting=")
        ]
        meetings = [d for d in meetings if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d or "")]
        meeting = f"meeting {', '.join(meetings)}, " if meetings else ""
        return f"{meeting}process {pid}"
    return ""


def _duration(seconds: float) -> str:
    """Seconds in words: ``45 seconds``, ``30 minutes``."""
    if seconds < 120:
        return f"{round(seconds)} second{'s' if round(seconds) != 1 else ''}"
    return f"{round(seconds / 60)} minutes"


def _say_waiting(message: str) -> None:
    from tqdm import tqdm

    tqdm.write(message, file=sys.stderr)


@contextlib.contextmanager
def build_lock(
    path: Path,
    *,
    what: str = "",
    timeout: float | None = None,
    notify: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` for the build, waiting while another build holds it.

    Parameters
    ----------
    path : Path
        The lock file (created empty if missing, with its folder; never written to, so a
        refused build changes nothing).
    what : str, optional
        What the lock guards, for the messages (e.g. the review's id); default: the lock's folder.
    timeout : float, optional
        Seconds to wait for the other build; default :data:`LOCK_TIMEOUT_SECONDS` (30 minutes).
    notify : callable, optional
        Called once with "Waiting for the build of ... to finish ..." when the lock is held;
        default: written to standard error (above a progress bar, if any).

    Raises
    ------
    OfficerError
        The other build still held the lock after ``timeout`` seconds; nothing was changed.

    """
    path.parent.mkdir(parents=True, exist_ok=True)
    limit = LOCK_TIMEOUT_SECONDS if timeout is None else float(timeout)
    name = what or str(path.parent)
    with open(path, "a", encoding="utf-8") as handle:
        started, told = time.monotonic(), False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                waited = time.monotonic() - started
                holder = lock_holder(path)
                running = f"{name} ({holder})" if holder else name
                if not told:
                    (notify or _say_waiting)(
                        f"Waiting for the build of {running} to finish: one build of a review "
                        f"runs at a time, and this one starts when it is done (waiting at most "
                        f"{_duration(limit)})."
                    )
                    told = True
                if waited >= limit:
                    raise OfficerError(
                        f"Another build of {running} was still running after "
                        f"{_duration(limit)} of waiting, so this build stopped (one build of a "
                        "review, of the same or another meeting, runs at a time).",
                        ("lock", str(path)),
                        hint="Wait for the other build to finish, then build again.",
                    ) from None
                time.sleep(max(0.0, min(LOCK_POLL_SECONDS, limit - waited)))
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def review_lock_paths(outputs_root: Path, processed_root: Path, review_id: str) -> list[Path]:
    """The lock files of a review: ``outputs/<review>/.lock`` and ``processed/.<review>.lock``.

    Every build of the review holds both for its whole run, so two builds of one review (of the
    same or of different meetings) never run at once, even when they share only one of the two
    folders: the second waits for the first (:func:`build_lock`).
    """
    return [outputs_root / review_id / ".lock", processed_root / f".{review_id}.lock"]


@contextlib.contextmanager
def review_lock(
    outputs_root: Path,
    processed_root: Path,
    review_id: str,
    *,
    timeout: float | None = None,
    notify: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold both locks of a review (:func:`review_lock_paths`) for the block.

    Waits while another build of the review holds them (saying so once through ``notify``),
    at most ``timeout`` seconds in all (default :data:`LOCK_TIMEOUT_SECONDS`), then stops with
    an :class:`~pipelines.core.errors.OfficerError`. Always taken in the same order, so two
    builds never wait for each other.
    """
    limit = LOCK_TIMEOUT_SECONDS if timeout is None else float(timeout)
    deadline = time.monotonic() + limit
    with contextlib.ExitStack() as stack:
        for path in review_lock_paths(outputs_root, processed_root, review_id):
            stack.enter_context(
                build_lock(
                    path,
                    what=review_id,
                    timeout=max(0.0, deadline - time.monotonic()),
                    notify=notify,
                )
            )
        yield


def remove_stale_staging(outputs: Path, processed_root: Path, review: str | None = None) -> None:
    """Remove staging folders left by builds of a review that died.

    Call it only while holding the review's lock (:func:`review_lock`): then no other build of
    the review runs, so every staging folder of the review is a dead build's. Staging folders of
    other reviews (``processed_root/.<other review>.staging-*``) are left alone, and so are folders
    a swap moved aside (``.<variant>.old-*``): :func:`recover_interrupted_swaps` deals with those,
    since one may be the only copy of the previous pack.

    Parameters
    ----------
    outputs : Path
        The review's output folder (``outputs/<review>``).
    processed_root : Path
        The processed-data root (``data/processed``).
    review : str, optional
        The review id; only ``processed_root/.<review>.staging-*`` are removed. Without it, every
        review's processed staging is (for callers holding every review's lock).

    """
    pattern = f".{review}.staging-*" if review else ".*.staging-*"
    for folder in [*outputs.glob(".*.staging-*"), *processed_root.glob(pattern)]:
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)


#: Name of a folder a swap moved aside: ``.<name>.old-<pid>[-<token>]``.
OLD_FOLDER = re.compile(r"\.(?P<name>.+)\.old-\d+(?:-[0-9a-f]+)?")


def recover_interrupted_swaps(parent: Path, name: str = "*") -> list[str]:
    """Put back a pack (or processed data) a build moved aside and died before replacing.

    :func:`swap_into_place` renames ``<parent>/<name>`` to ``<parent>/.<name>.old-<pid>-<token>``,
    renames the new folder in, and then removes the old one. A build killed between the two
    renames leaves only the ``.old-`` folder. For each such folder: when ``<name>`` is missing
    it is renamed back (the previous pack is restored); when ``<name>`` exists (the build died
    after the new one was in) the ``.old-`` folder is a superseded copy and is removed. Call it
    while holding the review's lock.

    Parameters
    ----------
    parent : Path
        The folder holding the swapped folder (``outputs/<review>/<meeting>`` or the
        processed-data root).
    name : str, optional
        Glob of the swapped folders' names (``"*"``: every variant; the review id for processed
        data).

    Returns
    -------
    list of str
        One sentence per folder restored, for the officer.

    """
    if not parent.is_dir():
        return []
    found: dict[Path, list[Path]] = {}
    for old in parent.glob(f".{name}.old-*"):
        match = OLD_FOLDER.fullmatch(old.name)
        if match and old.is_dir() and not old.is_symlink():
            found.setdefault(parent / match.group("name"), []).append(old)
    notes = []
    for final, olds in sorted(found.items()):
        olds.sort(key=lambda p: p.stat().st_ctime)
        if not final.exists():
            olds.pop().rename(final)
            notes.append(
                f"An earlier build stopped while swapping in its output; the previous "
                f"version of {final} was put back."
            )
        for superseded in olds:
            shutil.rmtree(superseded, ignore_errors=True)
    return notes


def build_token() -> str:
    """Suffix for a build's staging and moved-aside folders: process id and a random token."""
    return f"{os.getpid()}-{secrets.token_hex(4)}"


def swap_into_place(staged: Path, final: Path) -> None:
    """Replace ``final`` by ``staged`` with renames on one file system (old copy removed last).

    The previous ``final`` is renamed to ``.<name>.old-<pid>-<token>`` beside it, ``staged`` is
    renamed to ``final``, and only then is the old copy removed. If the second rename fails the
    old copy is renamed back before the error is raised; if the process dies between the renames
    the old copy stays where it is and the next build puts it back
    (:func:`recover_interrupted_swaps`). At no point is the previous version deleted before the
    new one is in place.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    old = final.with_name(f".{final.name}.old-{build_token()}")
    moved = False
    if final.exists() or final.is_symlink():
        final.rename(old)
        moved = True
    try:
        staged.rename(final)
    except BaseException:
        if moved and not final.exists():
            old.rename(final)
        raise
    if moved:
        shutil.rmtree(old, ignore_errors=True)


#: The three folders of a meeting.
FOLDERS = ("public", "exempt", "internal")


def swap_folders(staging_root: Path, meeting_folder: Path) -> None:
    """Put the build's folders (public, exempt, internal) in place.

    An earlier build's folder that this build did not write is removed, so the meeting's folders
    never mix two builds.
    """
    for name in FOLDERS:
        if (staging_root / name).is_dir():
            swap_into_place(staging_root / name, meeting_folder / name)
        elif (meeting_folder / name).is_dir():
            shutil.rmtree(meeting_folder / name, ignore_errors=True)
