"""Build one meeting's evidence pack: clean, validate, run the sections, assemble, swap in.

The run is described by one :class:`~pipelines.core.context.RunContext` (review, meeting,
audience and its disclosure policy, processed-data folder, output folder), made here and passed
on explicitly: the read -> clean -> validate steps are the Python functions of
:mod:`pipelines.steps` (the same ones ``evidence-pack validate`` and ``clean`` run), and each
section notebook receives the run's four common parameters (``review``, ``meeting``,
``audience``, ``processed_dir``) and makes the same context in its first cell. No environment
variable carries the run.

Everything is built in a staging folder beside the final one and moved into place only when
every step succeeded, so a failed or interrupted build leaves the previous pack (and the
previous processed data) exactly as they were. One lock per review (in the outputs folder and in
the processed-data folder) keeps two builds of the same review from running at once, whichever
meetings they build: the second waits for the first (up to :data:`LOCK_TIMEOUT_SECONDS`).
Staging folders are named per build (process id and a random token), and a build removes
only its own and those left by builds of its review that died (it holds the review's lock, so
none of them is running). The swap moves the previous pack aside, puts the new
one in and only then removes the previous one; if the second rename fails the previous pack is
put back, and if the process dies between the two renames the next build of the review puts it
back (:func:`recover_interrupted_swaps`). The manifest records what went in (file hashes,
parameters, versions) and, per section, a key of its inputs so that unchanged sections can later
be skipped; it and the executed notebooks are byte-identical across rebuilds under
``SOURCE_DATE_EPOCH`` (step durations go to ``timings.json``, the one file that differs).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import hashlib
import json
import os
import platform
import re
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines import cache as stepcache
from pipelines import steps
from pipelines.core.config import Review, load_review, notebooks_dir, project_root, review_path
from pipelines.core.context import run_context
from pipelines.core.errors import ConfigError, InputError, OfficerError, Problem, storage_error
from pipelines.core.exports import write_csv
from pipelines.sections.findings import context_findings

if TYPE_CHECKING:  # nbformat takes seconds to import: only a build that runs notebooks does
    import nbformat

#: The data-preparation steps of a build, as named in progress messages and timings.
PREP_STEPS = ("clean", "validate")
#: The data-quality appendix, added at the end of every pack.
DATA_QUALITY = "90_data_quality"


def pack_sections(meeting, overrides: dict[str, dict] | None = None) -> list:
    """The meeting's sections, with the data-quality appendix last if the config leaves it out.

    ``overrides`` (notebook -> parameters, from ``build --param``) replace the config's values
    of those sections' parameters; a section the meeting's pack does not contain is refused.
    """
    from pipelines.core.config import SectionRef

    refs = [r for r in meeting.sections if r.notebook != DATA_QUALITY]
    listed = [r for r in meeting.sections if r.notebook == DATA_QUALITY]
    refs = [*refs, *(listed or [SectionRef(notebook=DATA_QUALITY)])]
    missing = sorted(set(overrides or {}) - {r.notebook for r in refs})
    if missing:
        raise ConfigError(
            f"--param names {', '.join(missing)}, which the pack of {meeting.date} does not "
            f"contain (its sections: {', '.join(r.notebook for r in refs)})."
        )
    for r in refs:  # the date the data describe comes from the data (datasets.*.as_at)
        asked = (overrides or {}).get(r.notebook, {}).get("as_at", r.parameters.get("as_at"))
        if str(asked) != str(r.parameters.get("as_at")):
            raise ConfigError(
                f"--param {r.notebook}.as_at={asked}: the data are those of "
                f"{r.parameters.get('as_at')}, and a table's date comes from its data (as_at of "
                "the dataset in the review configuration), not from a parameter."
            )
    return [
        r.model_copy(update={"parameters": {**r.parameters, **overrides[r.notebook]}})
        if r.notebook in (overrides or {})
        else r
        for r in refs
    ]


@dataclass
class BuildResult:
    """Where a build wrote its documents and how long each step took (seconds).

    ``folder`` is the technical annex's folder (``internal/``: annex, tables, notebooks,
    manifest); ``html`` and ``pdf`` are the public committee report; ``meeting_folder`` holds
    ``public/``, ``exempt/`` and ``internal/``.
    """

    folder: Path
    html: Path
    pdf: Path
    timings: dict[str, float]
    meeting_folder: Path | None = None

    def path(self, folder: str, name: str = "") -> Path:
        """A file of the meeting's ``public``, ``exempt`` or ``internal`` folder."""
        return (self.meeting_folder or self.folder.parent) / folder / name


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def git_commit() -> str:
    """The repository's commit (with ``-dirty`` when there are uncommitted changes), or unknown."""
    try:
        root = project_root()
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
        ).stdout.strip()
        return commit + ("-dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


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


#: Settings of the kernels and libraries a build runs (not of the run itself).
KERNEL_ENVIRONMENT = {
    "MPLBACKEND": "Agg",
    "GX_ANALYTICS_ENABLED": "False",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}


@contextlib.contextmanager
def environment(**values: str) -> Iterator[None]:
    """Set environment variables for the duration of the block, restoring them afterwards.

    Used only for technical settings of the notebook kernels and libraries
    (:data:`KERNEL_ENVIRONMENT`), never for the run's review, audience or folders.
    """
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def run_notebook(name: str, out: Path, parameters: dict) -> nbformat.NotebookNode:
    """Execute ``notebooks/<name>.ipynb`` with papermill; officer-facing errors re-raised plainly.

    An :class:`InputError` or :class:`ConfigError` raised inside the notebook is re-raised here
    with its message (no traceback); anything else is re-raised as a RuntimeError naming the
    notebook and the executed copy to open.
    """
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    from pipelines.core.kernel import ensure_kernel

    try:
        return pm.execute_notebook(
            str(notebooks_dir() / f"{name}.ipynb"),
            str(out),
            parameters=parameters,
            kernel_name=ensure_kernel(),
            cwd=str(notebooks_dir()),
            progress_bar=False,
            log_output=False,
            report_mode=False,
        )
    except PapermillExecutionError as exc:
        if exc.ename == "InputError":
            raise NotebookInputError(exc.evalue) from None
        if exc.ename == "ConfigError":
            raise ConfigError(exc.evalue) from None
        if exc.ename in {"OSError", "PermissionError", "FileExistsError", "NotADirectoryError"}:
            code = re.match(r"\[Errno (\d+)\] ([^:]*)(?::\s*'(.*)')?", exc.evalue or "")
            if code:
                officer = storage_error(
                    OSError(int(code.group(1)), code.group(2), code.group(3) or str(out))
                )
                if officer is not None:
                    raise officer from None
        raise RuntimeError(
            f"Section {name} failed: {exc.ename}: {exc.evalue}\n"
            f"Open the executed notebook to see where: {out}"
        ) from None


class NotebookInputError(InputError):
    """An InputError raised inside a notebook, carried as its rendered text."""

    def __init__(self, text: str):
        self.text = text
        Exception.__init__(self, text)

    def render(self) -> str:
        """The officer's message as the notebook rendered it."""
        return self.text

    def __str__(self) -> str:
        return self.text


def front_matter(review: Review, meeting, variant: str, built: str):
    """The pack's front page: title, committee, meeting, agenda items, contact and marking."""
    from pipelines import __version__
    from pipelines.core.pack import FrontMatter

    items = {s.agenda_item for s in meeting.sections if s.agenda_item}
    agenda = [a for a in meeting.agenda_items if a.item in items]
    authors = [a.author for a in agenda if a.author]
    report_of = [a.report_of for a in agenda if a.report_of]
    exempt = variant == "exempt"
    return FrontMatter(
        title=meeting.pack_title or f"Evidence pack: {review.committee}",
        council=review.council,
        committee=review.committee,
        committee_ref=review.committee_ref,
        meeting_date=meeting.date,
        meeting_time=meeting.time,
        place=meeting.place,
        agenda_items=[f"Item {a.item}: {a.subject}" for a in agenda],
        report_of="; ".join(report_of) or None,
        author="; ".join(authors) or None,
        contact=(
            f"{review.contact_officer.name}, {review.contact_officer.title}"
            + (f", {review.contact_officer.telephone}" if review.contact_officer.telephone else "")
        ),
        marking=exempt_marking(review.exempt_paragraphs) if exempt else "OFFICIAL",
        marking_note=" ".join(
            [
                " ".join(review.exempt_paragraphs)
                if exempt
                else f"Public version: numbers of people below {review.disclosure_threshold} "
                "are suppressed ([c]), with further figures hidden where a total would "
                "reveal them, and free-text answers are left out, to protect the people "
                "they describe.",
                *later_data_notes(review, meeting),
            ]
        ),
        built=built,
        provenance=f"Built by evidence-pack {__version__} from commit {git_commit()[:12]}",
    )


def later_data_notes(review: Review, meeting) -> list[str]:
    """The cover's sentence when the pack shows DfE figures published after the meeting.

    Empty when the meeting has no national comparison or every figure it shows was published
    by the meeting date (:func:`pipelines.sections.national.analysis.later_data_notice`).
    """
    if not meeting.date:
        return []
    from pipelines.sections.national.analysis import later_data_notice

    try:
        notice = later_data_notice(review, meeting.date)
    except (OSError, InputError, ConfigError):  # no DfE files: the section says so itself
        return []
    return [notice] if notice else []


VARIANTS = ("exempt", "public")


def exempt_marking(paragraphs: list[str]) -> str:
    """The marking on every page of an exempt pack, citing the Schedule 12A paragraph numbers.

    ``["Paragraph 1 of Part 1 of Schedule 12A ...", "Paragraph 2 ..."]`` gives
    "NOT FOR PUBLICATION: Schedule 12A, paragraphs 1 and 2".
    """
    import re

    numbers = [
        m.group(1) for p in paragraphs if (m := re.match(r"\s*paragraph\s+(\d+)", p, re.IGNORECASE))
    ]
    if not numbers:
        return "NOT FOR PUBLICATION"
    listed = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1]
    return f"NOT FOR PUBLICATION: Schedule 12A, paragraph{'s' if len(numbers) > 1 else ''} {listed}"


def build_time() -> dt.datetime:
    """The build's timestamp (UTC, whole seconds).

    ``SOURCE_DATE_EPOCH`` (seconds since 1970) fixes it, as in the reproducible-builds convention.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


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


def provenance_section(cfg: Review, inputs: dict, front, commit: str):
    """The pack's last section: sources, period, input files with SHA-256, version, build time.

    The manifest holds the same details.
    """
    import nbformat.v4 as v4
    import pandas as pd

    from pipelines.core import pack
    from pipelines.core.presentation import table_html

    files = pd.DataFrame(
        [
            {
                "Dataset": k.replace("_", " ").capitalize(),
                "Source": v["source"],
                "File": Path(v["file"]).name,
                "SHA-256": v["sha256"],
            }
            for k, v in inputs.items()
        ]
    )
    about = pd.DataFrame(
        {
            "Item": ["Period covered", "Code version", "Git commit", "Built"],
            "Value": [cfg.period.label, front.provenance.split()[3], commit, front.built],
        }
    )
    outputs = []
    for table, caption in (
        (files, "Input files and their SHA-256 fingerprints"),
        (about, "How these documents were made"),
    ):
        body = table_html(table, caption)
        outputs.append(
            v4.new_output(
                "display_data",
                data={
                    "text/html": f'<div class="ep-table ep-provenance">{body}</div>',
                    "text/plain": caption,
                },
            )
        )
    cell = v4.new_code_cell("")
    cell.outputs = outputs
    nb = v4.new_notebook(
        cells=[
            v4.new_markdown_cell(
                "# Sources and provenance\nThe data behind this meeting's report, "
                "exempt appendix and annex, the period they cover, and how they were "
                "made. The same details are in the build's manifest.json, so the "
                "documents can be rebuilt and checked."
            ),
            cell,
        ]
    )
    return pack.Section(name="99_provenance", notebook=nb)


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


#: A meeting date as the --meeting option takes it.
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def meeting_date(cfg: Review, meeting: str | dt.date) -> dt.date:
    """The date of ``--meeting`` text, or the officer's message when it is not a real ISO date.

    Parameters
    ----------
    cfg : Review
        The review (its meetings are listed in the message).
    meeting : str or date
        ``YYYY-MM-DD`` text (or a date, returned as it is).

    Raises
    ------
    OfficerError
        The text is not written year-month-day (``2016/09/21``, ``21-09-2016``) or is not a real
        day (``2016-02-30``).

    """
    if isinstance(meeting, dt.date):
        return meeting
    text = str(meeting).strip()
    what = "The meeting date cannot be read."
    if ISO_DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            what = "The meeting date is not a real day."
    dates = [str(m.date) for m in cfg.meetings if m.date and m.sections]
    example = dates[-1] if dates else "2016-09-21"
    raise OfficerError(
        what,
        ("option", "--meeting"),
        expected="a date written year-month-day (YYYY-MM-DD)"
        + (f", one of this review's meetings: {', '.join(dates)}" if dates else ""),
        found=text,
        hint=f"Give the date as, for example, --meeting {example}. "
        f"`evidence-pack meetings {cfg.id}` lists the review's meetings.",
    )


def stable_notebook(nb: nbformat.NotebookNode, paths: dict[str, str]) -> str:
    """The executed notebook as JSON text with nothing that changes from one build to the next.

    Removes papermill's and the kernel client's timestamps and durations (notebook
    ``metadata.papermill`` ``start_time``/``end_time``/``duration``, each cell's
    ``metadata.papermill`` times and ``metadata.execution``) and replaces this build's staging
    paths by the final ones (``paths``: staging -> final), so that two builds of the same
    inputs under ``SOURCE_DATE_EPOCH`` write byte-identical notebooks. The durations are in
    ``timings.json``.
    """
    import copy

    import nbformat

    nb = copy.deepcopy(nb)
    times = ("start_time", "end_time", "duration")
    for key in times:
        nb.metadata.get("papermill", {}).pop(key, None)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"  # papermill gives it a random id
        cell.metadata.pop("execution", None)
        for key in times:
            cell.metadata.get("papermill", {}).pop(key, None)
    text = nbformat.writes(nb)
    for staged, final in paths.items():
        for old, new in ((staged, final), (json.dumps(staged)[1:-1], json.dumps(final)[1:-1])):
            text = text.replace(old, new)
    return text + "\n"


def keep_failed_notebook(executed: Path, folder: Path, token: str) -> Path | None:
    """Copy a section's executed notebook out of the staging folder before it is removed.

    Returns the copy (``<folder>/<notebook>-<token>.ipynb``), or None when the notebook was not
    written or cannot be copied.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return Path(shutil.copy2(executed, folder / f"{executed.stem}-{token}.ipynb"))
    except OSError:
        return None


def build_pack(
    review: str | Path,
    meeting: str,
    *,
    variant: str | None = None,
    outputs_root: Path | None = None,
    processed_root: Path | None = None,
    raw_dir: Path | None = None,
    progress: Callable[[str], None] | None = None,
    notify: Callable[[str], None] | None = None,
    parameters: dict[str, dict] | None = None,
    jobs: int | None = None,
    use_cache: bool = True,
    cache_root: Path | None = None,
) -> BuildResult:
    """Build one meeting's documents: committee report, exempt appendix and technical annex.

    Parameters
    ----------
    review : str or Path
        Review id or path of its YAML.
    meeting : str
        Meeting date, ISO (``"2016-09-21"``).
    variant : str, optional
        What runs (:data:`BUILD_VARIANTS`): ``"all"`` (default; ``"both"`` and ``"exempt"`` are
        the same) runs the sections for the public and the exempt audience and writes
        ``outputs/<review>/<meeting>/public/`` (the committee report), ``exempt/`` (its exempt
        appendix) and ``internal/`` (technical annex, notebooks, manifest); ``"public"`` runs the
        public audience only and writes ``public/`` and ``internal/``.
    outputs_root, processed_root, raw_dir : Path, optional
        Override ``outputs/``, ``data/processed/`` and the review's raw folder.
    progress : callable, optional
        Called with a short description before each step.
    notify : callable, optional
        Called with a sentence the officer should read even in quiet mode (a previous pack put
        back after an interrupted build); default: printed to standard error.
    parameters : dict, optional
        Section parameters that replace the config's for this build (``build --param``):
        notebook -> parameters, checked with :func:`registry.parse_parameter_overrides`.
    jobs : int, optional
        How many section notebooks run at once (default: every core, :mod:`pipelines.parallel`).
    use_cache : bool, optional
        False (``--no-cache``) runs every step again and stores nothing (:mod:`pipelines.cache`).
    cache_root : Path, optional
        The step cache (default ``<outputs>/.cache``).

    Raises
    ------
    InputError, ConfigError
        With a message for the officer (bad inputs, bad options, another build of the review
        running, a full disk or a folder that cannot be written); nothing in ``outputs/`` or
        ``data/processed/`` changes, except that a pack an interrupted build had moved aside is
        put back.

    """
    try:
        return _build_pack(
            review,
            meeting,
            variant=variant,
            outputs_root=outputs_root,
            processed_root=processed_root,
            raw_dir=raw_dir,
            progress=progress,
            notify=notify,
            parameters=parameters,
            jobs=jobs,
            use_cache=use_cache,
            cache_root=cache_root,
        )
    except OSError as exc:
        if exc.filename is None:  # say at least which folders the build was writing to
            out = Path(outputs_root or project_root() / "outputs")
            proc = Path(processed_root or project_root() / "data" / "processed")
            exc.filename = f"{out} or {proc}"
        officer = storage_error(exc)
        if officer is None:
            raise
        raise officer from None


#: What ``--variant`` builds: the audiences whose notebooks run. Every build writes the
#: meeting's folders ``public/`` (the committee report), ``exempt/`` (its exempt appendix) and
#: ``internal/`` (the technical annex, notebooks, manifest); ``public`` alone skips the exempt
#: run, writes ``public/`` and ``internal/`` and removes an earlier build's ``exempt/``.
BUILD_VARIANTS = {
    "all": ("exempt", "public"),
    "both": ("exempt", "public"),
    "exempt": ("exempt", "public"),
    "public": ("public",),
}
#: The three folders of a meeting.
FOLDERS = ("public", "exempt", "internal")


def build_audiences(variant: str | None) -> tuple[str, ...]:
    """The audiences a build runs its sections under, first the one the annex shows.

    ``None``, ``"all"``, ``"both"`` and ``"exempt"`` run both (the exempt appendix holds what
    the public run does not show, so it needs both); ``"public"`` runs the public one only.
    """
    key = variant or "all"
    if key not in BUILD_VARIANTS:
        raise ConfigError(
            f"Unknown variant '{variant}': choose one of {', '.join(BUILD_VARIANTS)}."
        )
    return BUILD_VARIANTS[key]


#: The document each folder's consistency check reads (the HTML the tables belong to).
CONSISTENCY_DOCUMENTS = {
    "public": "report.html",
    "exempt": "exempt-appendix.html",
    "internal": "annex.html",
}


def check_consistency(staging_root: Path) -> list[str]:
    """One figure, one value: check each written document and record what was found.

    Runs :func:`pipelines.sections.consistency.check_pack` on the public report, the exempt
    appendix and the annex (each with its own tables), writes ``internal/consistency.json``
    (documents checked, and every contradiction: rule, measure, where, values, message) and
    returns one warning sentence per contradiction for the console (an empty list when the
    documents are consistent). The build goes on: a contradiction is flagged, not hidden.
    """
    from pipelines.sections.consistency import check_pack

    checked, found, notes = [], [], []
    for folder, html_name in CONSISTENCY_DOCUMENTS.items():
        if not (staging_root / folder / html_name).is_file():
            continue
        checked.append(f"{folder}/{html_name}")
        for c in check_pack(staging_root / folder, html_name=html_name):
            found.append({"document": f"{folder}/{html_name}", **dataclasses.asdict(c)})
            notes.append(f"Warning: {folder}/{html_name} says one figure two ways: {c.message}")
    internal = staging_root / "internal"
    if internal.is_dir():
        (internal / "consistency.json").write_text(
            json.dumps({"documents": checked, "contradictions": found}, indent=2, default=str),
            encoding="utf-8",
        )
    return notes


def audience_label(audiences, audience: str) -> str:
    """Suffix of a section's progress messages and timings in a build's second audience run."""
    return "" if audience == audiences[0] else f" ({audience})"


def manifest_section_keys(refs: list, base: dict, data_hashes: dict) -> dict[str, dict]:
    """Per notebook, the key of its inputs recorded in the manifest.

    The notebook file's SHA-256, its parameters (with the run's ``base`` ones) and the hashes
    of the tidy data it read; ``key`` is the SHA-256 of those three.
    """
    out: dict[str, dict] = {}
    for ref in refs:
        out[ref.notebook] = {
            "notebook_sha256": sha256(notebooks_dir() / f"{ref.notebook}.ipynb"),
            "parameters": {**base, **ref.parameters},
            "processed_data_sha256": data_hashes,
        }
        out[ref.notebook]["key"] = hashlib.sha256(
            json.dumps(out[ref.notebook], sort_keys=True, default=str).encode()
        ).hexdigest()
    return out


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


def _build_pack(
    review: str | Path,
    meeting: str,
    *,
    variant: str | None,
    outputs_root: Path | None,
    processed_root: Path | None,
    raw_dir: Path | None,
    progress: Callable[[str], None] | None,
    notify: Callable[[str], None] | None,
    parameters: dict[str, dict] | None = None,
    jobs: int | None = None,
    use_cache: bool = True,
    cache_root: Path | None = None,
) -> BuildResult:
    t_start = time.perf_counter()
    cfg = load_review(review)
    mtg = cfg.meeting(meeting_date(cfg, meeting))
    if not mtg.sections:
        raise ConfigError(
            f"The meeting of {mtg.date} has no sections to build: add sections to "
            f"it in {review_path(review)}."
        )
    audiences = build_audiences(variant)
    outputs_root = Path(outputs_root or project_root() / "outputs")
    processed_root = Path(processed_root or project_root() / "data" / "processed")
    raw = Path(raw_dir) if raw_dir else cfg.raw_path()
    meeting_folder = outputs_root / cfg.id / str(mtg.date)
    final = meeting_folder / "internal"
    say = progress or (lambda _msg: None)
    tell = notify or (lambda msg: print(msg, file=sys.stderr))
    timings: dict[str, float] = {}
    cache = stepcache.StepCache(cache_root or stepcache.default_cache_root(outputs_root), use_cache)

    with review_lock(outputs_root, processed_root, cfg.id):
        review_out = outputs_root / cfg.id
        for folder in [p for p in review_out.iterdir() if p.is_dir() and not p.is_symlink()]:
            for note in recover_interrupted_swaps(folder):
                tell(note)
        for note in recover_interrupted_swaps(processed_root, cfg.id):
            tell(note)
        remove_stale_staging(review_out, processed_root, cfg.id)
        token = build_token()
        staging_root = review_out / f".{mtg.date}.staging-{token}"
        staging = staging_root / "internal"
        staged_processed = processed_root / f".{cfg.id}.staging-{token}"
        try:
            (staging / "sections").mkdir(parents=True)
            (staging / "tables").mkdir()
            staged_processed.mkdir(parents=True)
            review_param = (
                cfg.id if review_path(cfg.id) == review_path(review) else str(review_path(review))
            )
            contexts = {
                audience: run_context(
                    cfg,
                    mtg.date,
                    audience=audience,
                    processed_dir=staged_processed / cfg.id,
                    output_dir=final,
                )
                for audience in audiences
            }
            ctx = contexts[audiences[0]]
            runs: dict[str, list] = {}
            section_keys: dict[str, dict] = {}
            with environment(**KERNEL_ENVIRONMENT):
                code = stepcache.code_version()
                prepare_with_cache(ctx, raw, cache=cache, code=code, timings=timings, say=say)
                data_hashes = {
                    p.name: sha256(p) for p in sorted(ctx.processed_dir.glob("*")) if p.is_file()
                }
                refs = pack_sections(mtg, parameters)

                def base_of(audience: str) -> dict:
                    # The parameters every section notebook receives; the processed-data folder
                    # is a staging folder of this build, so it is left out of the recorded ones.
                    return {"review": review_param, "meeting": str(mtg.date), "audience": audience}

                keys = {
                    audience: section_cache_keys(
                        cfg, refs, base_of(audience), data_hashes, raw=raw, code=code
                    )
                    for audience in audiences
                }
                docs_key = stepcache.documents_key(
                    [keys[a][r.notebook] for a in audiences for r in refs],
                    variant=variant or "all",
                    config_sha256=sha256(review_path(review)),
                    commit=git_commit(),
                    code=code,
                    paths=[str(meeting_folder), str(processed_root / cfg.id)],
                )
                names = [
                    f"{r.notebook}{audience_label(audiences, a)}" for a in audiences for r in refs
                ]
                if reuse_documents(cache, docs_key, staging_root, names, say):
                    timings["total"] = time.perf_counter() - t_start
                    write_timings(staging, timings, cache)
                    swap_into_place(staged_processed / cfg.id, processed_root / cfg.id)
                    swap_folders(staging_root, meeting_folder)
                    return BuildResult(
                        folder=final,
                        html=meeting_folder / "public" / "report.html",
                        pdf=meeting_folder / "public" / "report.pdf",
                        timings=timings,
                        meeting_folder=meeting_folder,
                    )
                for n, audience in enumerate(audiences):
                    base = base_of(audience)
                    runs[audience] = run_sections(
                        refs,
                        run_params={**base, "processed_dir": str(ctx.processed_dir)},
                        keys=keys[audience],
                        cache=cache,
                        paths={
                            str(staged_processed / cfg.id): str(processed_root / cfg.id),
                            str(staging_root): str(meeting_folder),
                        },
                        staging=staging,
                        out_dir=staging / "sections" / ("" if n == 0 else audience),
                        logs=review_out / ".logs",
                        token=token,
                        jobs=jobs,
                        timings=timings,
                        say=say,
                        label=audience_label(audiences, audience),
                    )
                    if n == 0:
                        section_keys = manifest_section_keys(refs, base, data_hashes)
            write_documents(
                cfg, mtg, contexts, runs, staging_root, raw=raw, timings=timings, say=say
            )
            for note in check_consistency(staging_root):
                tell(note)
            timings["total"] = time.perf_counter() - t_start
            manifest = {
                "review": cfg.id,
                "meeting": str(mtg.date),
                "variant": variant or "all",
                "audiences": list(audiences),
                "built_at": build_time().isoformat(),
                "package_version": package_version(),
                "git_commit": git_commit(),
                "python": platform.python_version(),
                "config": {"file": str(review_path(review)), "sha256": sha256(review_path(review))},
                "review_config": cfg.model_dump(mode="json"),
                "inputs": input_files(cfg, raw),
                "sections": section_keys,
                "command_line_parameters": parameters or {},
            }
            (staging / "manifest.json").write_text(
                json.dumps(manifest, indent=2, default=str), encoding="utf-8"
            )
            # Durations change from one build to the next, so they live apart from the
            # manifest (which is byte-identical across rebuilds under SOURCE_DATE_EPOCH).
            (staging / "timings.json").write_text(
                json.dumps({"seconds": {k: round(v, 2) for k, v in timings.items()}}, indent=2),
                encoding="utf-8",
            )
            store_documents(cache, docs_key, staging_root)  # and records the steps in timings
            swap_into_place(staged_processed / cfg.id, processed_root / cfg.id)
            swap_folders(staging_root, meeting_folder)
        finally:
            for leftover in (staging_root, staged_processed):
                if leftover.exists():
                    shutil.rmtree(leftover, ignore_errors=True)
    return BuildResult(
        folder=final,
        html=meeting_folder / "public" / "report.html",
        pdf=meeting_folder / "public" / "report.pdf",
        timings=timings,
        meeting_folder=meeting_folder,
    )


def package_version() -> str:
    """The installed package's version."""
    from pipelines import __version__

    return __version__


def input_files(cfg: Review, raw: Path) -> dict[str, dict]:
    """Each dataset's export: file (relative to the project if inside), SHA-256, size, source."""
    inputs = {}
    for key, ds in cfg.datasets.items():
        p = raw / ds.file
        inputs[key] = {
            "file": str(p.relative_to(project_root()) if p.is_relative_to(project_root()) else p),
            "sha256": sha256(p),
            "bytes": p.stat().st_size,
            "source": ds.source,
        }
    return inputs


def _write_html_pdf(sections: list, front, folder: Path, stem: str, timings, key: str) -> str:
    """Assemble ``sections`` as ``<folder>/<stem>.html`` and ``.pdf``; returns the HTML."""
    from pipelines.core import pack

    t0 = time.perf_counter()
    html = pack.assemble(sections, front)
    (folder / f"{stem}.html").write_text(html, encoding="utf-8")
    timings[f"{key} html"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    pack.write_pdf(html, folder / f"{stem}.pdf", title=front.title)
    timings[f"{key} pdf"] = time.perf_counter() - t0
    return html


def _write_tables(sections: list, folder: Path) -> None:
    from pipelines.core import pack

    (folder / "tables").mkdir(parents=True, exist_ok=True)
    for fname, table in pack.collect_tables(sections).items():
        write_csv(table, folder / "tables" / fname)


def write_documents(
    cfg: Review,
    mtg,
    contexts: dict,
    runs: dict[str, list],
    staging_root: Path,
    *,
    raw: Path,
    timings: dict[str, float],
    say: Callable[[str], None],
) -> None:
    """Write a meeting's three folders from its executed sections (one list per audience).

    ``public/``: the committee report (``report.html``, ``.pdf``, ``.docx``) from the public
    run, with the CSV of its tables, and at the group's last meeting the final report.
    ``exempt/``: the exempt appendix (``exempt-appendix.html``, ``.pdf``) with its tables: the
    exempt run's tables and charts that the public run does not show as they are.
    ``internal/``: the technical annex (``annex.html``, ``.pdf``): every section of the first
    audience's run in full, the disclosure audit of the public tables and the provenance page
    (with the build stamp), with every table as CSV (the notebooks, manifest and timings are
    written by the caller).
    """
    from pipelines.core import pack, report
    from pipelines.core.docx import write_docx
    from pipelines.sections.findings import context_frames

    say("writing the report, the exempt appendix and the annex")
    built = build_time().strftime("%-d %B %Y %H:%M UTC")
    audiences = list(runs)
    internal = staging_root / "internal"
    public_ctx = contexts["public"]
    public = runs["public"]
    inputs = input_files(cfg, raw)
    commit = git_commit()

    # The committee report (public).
    folder = staging_root / "public"
    folder.mkdir(parents=True, exist_ok=True)
    found = context_findings(public_ctx)
    front = front_matter(cfg, mtg, "public", built)
    labels = list(front.agenda_items)
    text = report.report_text(cfg, mtg, labels)
    exempt_note = (
        "Exempt appendix to this report (not for publication): the figures that would identify "
        "people, and staff's comments in their own words."
        if "exempt" in runs
        else None
    )
    sections = report.report_sections(
        public,
        found,
        text,
        annex_only={DATA_QUALITY},
        frames=context_frames(public_ctx),
        exempt_note=exempt_note,
    )
    front_r = dataclasses.replace(
        front,
        title=text.title,
        committee_ref=text.reference,
        kind="report",
        heading=agenda_heading(mtg),
    )
    _write_html_pdf(sections, front_r, folder, "report", timings, "report")
    write_docx(sections, front_r, folder / "report.docx")
    _write_tables(sections, folder)
    if cfg.final_report is not None and cfg.final_report.meeting == mtg.date:
        write_final_report(cfg, mtg, found, front_r, folder, timings)

    # The exempt appendix.
    if "exempt" in runs:
        folder = staging_root / "exempt"
        folder.mkdir(parents=True, exist_ok=True)
        appendix = report.exempt_sections(
            runs["exempt"], public, cfg.exempt_paragraphs, annex_only={DATA_QUALITY}
        )
        front_e = dataclasses.replace(
            front_matter(cfg, mtg, "exempt", built),
            title=f"Exempt appendix: {text.title}",
            committee_ref=text.reference,
            kind="exempt",
            heading=f"Exempt appendix to the report to the {cfg.committee}",
        )
        _write_html_pdf(appendix, front_e, folder, "exempt-appendix", timings, "exempt")
        _write_tables(appendix, folder)

    # The technical annex (internal).
    main = list(runs[audiences[0]])
    _write_tables(main, internal)
    audit = pack.write_disclosure_audit(public, internal, public_ctx.policy.threshold)
    artefacts = audit_public_files(cfg, mtg, public_ctx, staging_root / "public", internal)
    front_a = dataclasses.replace(
        front_matter(cfg, mtg, audiences[0], built),
        title=f"Technical annex: {text.title}",
        committee_ref=text.reference,
        kind="annex",
        heading="Technical annex for analysts (not for publication)",
    )
    audit_section = pack.disclosure_audit_section(audit)
    audit_section.notebook.cells.append(
        pack.nbformat.v4.new_markdown_cell("Every public file: " + artefacts.summary())
    )
    annex = [
        *main,
        audit_section,
        provenance_section(cfg, inputs, front_a, commit),
    ]
    _write_html_pdf(annex, front_a, internal, "annex", timings, "annex")


def audit_public_files(cfg: Review, mtg, ctx, folder: Path, internal: Path):
    """Read the meeting's public files back and audit them (issue 26); stop if any fails.

    :func:`pipelines.core.disclosure_audit.audit_artefacts` over ``public/`` (Word, HTML, PDF
    text, alternative text, every CSV) with the figures the meeting's sections computed; the
    result is added to ``internal/disclosure_audit.json`` under ``artefacts``. A problem stops
    the build (exit 2, nothing replaced): a public file must never carry personal data or a
    small count of people.
    """
    from pipelines.core import disclosure_audit
    from pipelines.sections import indicators as ix

    sections, params = ix.meeting_sections(cfg, mtg.date)
    figures = ix.collect_indicators(
        cfg, ctx.frames(), meeting=mtg.date, sections=sections, parameters=params
    ).to_dict("records")
    result = disclosure_audit.audit_artefacts(
        folder,
        ctx.policy.threshold,
        figures=figures,
        allowed=disclosure_audit.public_office_texts(cfg),
    )
    path = internal / "disclosure_audit.json"
    report = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    report["artefacts"] = result.to_json()
    path.write_text(json.dumps(report, indent=2, default=str, sort_keys=True), encoding="utf-8")
    if not result.safe:
        raise InputError(
            [
                Problem(
                    f"A public file would publish {f.problem}.",
                    f"public/{f.file}",
                    column=f.where,
                    found=disclosure_audit.visible(f.found),
                    hint="Remove it from the input it comes from (officers' SWOT entries, the "
                    "tracker, the review configuration), or report a fault in the tool if it "
                    "comes from the data.",
                )
                for f in result.findings
            ]
        )
    return result


def agenda_heading(mtg) -> str | None:
    """The agenda item line above a report's title, e.g. "Agenda items 6 and 7"."""
    items = sorted(
        {s.agenda_item for s in mtg.sections if s.agenda_item},
        key=lambda i: (0, int(i), "") if i.isdigit() else (1, 0, i),
    )
    if not items:
        return None
    if len(items) == 1:
        return f"Agenda item {items[0]}"
    return f"Agenda items {', '.join(items[:-1])} and {items[-1]}"


def write_final_report(cfg: Review, mtg, found, front, folder: Path, timings) -> None:
    """The group's final report (``final-report.html``, ``.pdf``, ``.docx``) in ``folder``.

    In the shape of a task-and-finish group's report to a decision-maker, from the review's
    ``final_report:`` block, its meetings and the findings; the evidence packs are appendices.
    """
    from pipelines.core import report
    from pipelines.core.docx import write_docx

    fr = cfg.final_report
    held = [(m.date, m.label) for m in cfg.meetings if m.date and m.date <= mtg.date]
    appendices = [
        f"Appendix {chr(65 + n)}: {m.pack_title or m.label}, report to the meeting of "
        f"{m.date:%-d %B %Y} ({m.date}/public/report.pdf)"
        for n, m in enumerate(
            x for x in cfg.meetings if x.sections and x.date and x.date <= mtg.date
        )
    ]
    sections = report.final_report_sections(cfg, found, held, appendices)
    front_f = dataclasses.replace(
        front,
        title=fr.title,
        heading=f"Report of the {cfg.committee}"
        + (f" to {fr.decision_maker}" if fr.decision_maker else ""),
        agenda_items=[],
        report_of=", ".join(f"{m.name} ({m.role})" for m in cfg.members if m.role) or None,
        author=f"{cfg.contact_officer.name}, {cfg.contact_officer.title}",
        kind="report",
    )
    _write_html_pdf(sections, front_f, folder, "final-report", timings, "final report")
    write_docx(sections, front_f, folder / "final-report.docx")


def buildable_meetings(review: str | Path) -> list[str]:
    """ISO dates of the review's meetings that have sections (so a pack can be built)."""
    cfg = load_review(review)
    return [str(m.date) for m in cfg.meetings if m.sections and m.date]


def step_count(review: str | Path, meeting: str, variant: str | None = None) -> int:
    """Progress steps of a build: clean, validate, each section per audience, the documents."""
    cfg = load_review(review)
    sections = len(pack_sections(cfg.meeting(meeting_date(cfg, meeting))))
    return len(PREP_STEPS) + sections * len(build_audiences(variant)) + 1


def prepare_with_cache(
    ctx,
    raw: Path,
    *,
    cache: stepcache.StepCache,
    code: str,
    timings: dict[str, float],
    say: Callable[[str], None],
) -> None:
    """Write the run's tidy data: from the cache when the same inputs were prepared before.

    Runs :func:`pipelines.steps.prepare` (read, clean, validate, write) into
    ``ctx.processed_dir`` unless the cache holds the result for the same raw files, mappings,
    review configuration, day and code (:func:`pipelines.cache.prepare_key`); a build command
    building several meetings so cleans and validates once. Records ``clean``/``validate``
    durations in ``timings`` and the step as ran or reused.
    """
    used = {
        "review": stepcache.without_meetings(ctx.review.model_dump(mode="json")),
        "checks": steps.check_settings(ctx.review),
    }
    key = stepcache.prepare_key(used, raw, code=code, today=dt.date.today())
    t0 = time.perf_counter()
    if cache.fetch("prepare", key, ctx.processed_dir):
        say("cleaning the data (unchanged: reused)")
        say("validating the data (unchanged: reused)")
        timings["clean"], timings["validate"] = time.perf_counter() - t0, 0.0
        cache.note("prepare", reused=True)
        return
    prepared = steps.prepare(ctx, raw, progress=say)
    timings.update(prepared.timings)
    cache.store_later("prepare", key, ctx.processed_dir)
    cache.note("prepare", reused=False)


def section_cache_keys(
    cfg: Review, refs: list, base: dict, data_hashes: dict[str, str], *, raw: Path, code: str
) -> dict[str, str]:
    """Each section's cache key (:func:`pipelines.cache.section_key`), by notebook.

    A section's key has its own parameters (with the run's ``base`` ones: review, meeting,
    audience); the SWOT and scorecard, which read every section's parameters, have them all.
    """
    shared = stepcache.shared_inputs(raw, cfg.model_dump(mode="json"))
    every = {r.notebook: r.parameters for r in refs}
    keys = {}
    for r in refs:
        params = {**base, **r.parameters}
        if stepcache.reads_every_section(r.notebook):
            params["(every section)"] = every
        keys[r.notebook] = stepcache.section_key(
            r.notebook, params, data_hashes, code=code, shared=shared
        )
    return keys


#: Stand-ins for this build's staging folders in a cached notebook (the paths differ per build).
STAGED_PATH_MARKS = ("@@STAGED-PROCESSED@@", "@@STAGED-PACK@@")


def _swap_paths(text: str, paths: dict[str, str]) -> str:
    for old, new in paths.items():
        for a, b in ((old, new), (json.dumps(old)[1:-1], json.dumps(new)[1:-1])):
            text = text.replace(a, b)
    return text


def run_sections(
    refs: list,
    *,
    run_params: dict,
    keys: dict[str, str],
    cache: stepcache.StepCache,
    paths: dict[str, str],
    staging: Path,
    out_dir: Path | None = None,
    logs: Path,
    token: str,
    jobs: int | None,
    timings: dict[str, float],
    say: Callable[[str], None],
    label: str = "",
) -> list:
    """Run the meeting's section notebooks (those not cached), several at once; in pack order.

    Parameters
    ----------
    refs : list of SectionRef
        The sections, in the pack's order.
    run_params : dict
        The parameters every section receives (review, meeting, audience, processed_dir).
    keys : dict of str to str
        Each section's cache key (:func:`pipelines.cache.section_key`).
    cache : StepCache
        A section whose key is cached is not run: its executed notebook is taken from the cache.
    paths : dict of str to str
        This build's staging folders (processed data, pack) -> their final paths.
    staging, logs : Path
        The staging annex folder and the folder a failed section's notebook is kept in.
    out_dir : Path, optional
        Receives the executed notebooks (default ``staging/sections``; a build's second
        audience writes to ``sections/<audience>/``).
    token : str
        The build's token (names a kept notebook).
    jobs : int or None
        How many run at once (:func:`pipelines.parallel.run_in_order`).
    timings : dict
        Receives each section's duration in seconds.
    say : callable
        Progress messages.
    label : str, optional
        Added to progress messages, timing names and step names (`` (public)``) when a build
        runs a second audience.

    Returns
    -------
    list of pipelines.core.pack.Section
        One per section, in the order of ``refs`` (whatever order they finished in), so the
        pack is the same as a sequential build's.

    """
    import tempfile

    import nbformat

    from pipelines import parallel
    from pipelines.core import pack
    from pipelines.core.kernel import ensure_kernel

    out_dir = out_dir or staging / "sections"
    out_dir.mkdir(parents=True, exist_ok=True)
    marks = dict(zip(paths, STAGED_PATH_MARKS, strict=True))
    unmarks = {mark: staged for staged, mark in marks.items()}

    def cached(ref) -> nbformat.NotebookNode | None:
        with tempfile.TemporaryDirectory() as tmp:
            if not cache.fetch("section", keys[ref.notebook], Path(tmp)):
                return None
            text = (Path(tmp) / "notebook.ipynb").read_text(encoding="utf-8")
        return nbformat.reads(_swap_paths(text, unmarks), as_version=4)

    def run(ref) -> nbformat.NotebookNode:
        t0 = time.perf_counter()
        executed = out_dir / f"{ref.notebook}.ipynb"
        try:
            nb = run_notebook(ref.notebook, executed, {**run_params, **ref.parameters})
        except RuntimeError as exc:
            # The staging folder is removed by the build: keep the failed notebook.
            kept = keep_failed_notebook(executed, logs, token)
            failed = RuntimeError(str(exc).replace(str(executed), str(kept)) if kept else str(exc))
            failed.kept_notebook = kept  # shown by the CLI's message
            raise failed from None
        timings[f"{ref.notebook}{label}"] = time.perf_counter() - t0
        text = _swap_paths(nbformat.writes(nb), marks)
        cache.store_later("section", keys[ref.notebook], {"notebook.ipynb": text})
        return nb

    notebooks: dict[str, nbformat.NotebookNode] = {}
    todo = []
    for ref in refs:
        t0 = time.perf_counter()
        nb = cached(ref)
        if nb is None:
            todo.append(ref)
            continue
        say(f"section {ref.notebook}{label} (unchanged: reused)")
        notebooks[ref.notebook] = nb
        timings[f"{ref.notebook}{label}"] = time.perf_counter() - t0
    if todo:
        ensure_kernel()
    ran = parallel.run_in_order(
        todo, run, jobs=jobs, name=lambda r: f"{r.notebook}{label}", progress=say if todo else None
    )
    notebooks.update({ref.notebook: nb for ref, nb in zip(todo, ran, strict=True)})
    sections = []
    for ref in refs:
        cache.note(f"section {ref.notebook}{label}", reused=ref not in todo)
        nb = notebooks[ref.notebook]
        (out_dir / f"{ref.notebook}.ipynb").write_text(stable_notebook(nb, paths), encoding="utf-8")
        sections.append(pack.Section(name=ref.notebook, notebook=nb))
    return sections


#: The files of a pack that the documents cache leaves out (they differ between builds).
NOT_CACHED = ("timings.json",)


def reuse_documents(
    cache: stepcache.StepCache, key: str, staging: Path, sections: list[str], say
) -> bool:
    """Copy the documents built from the same inputs (same documents key) into ``staging``.

    ``staging`` is the build's staging root (its public, exempt and internal folders).

    True when it was: every section and the documents are then recorded as reused.
    """
    if not cache.fetch("documents", key, staging):
        return False
    for name in sections:
        say(f"section {name} (unchanged: reused)")
        cache.note(f"section {name}", reused=True)
    say("assembling HTML and PDF (unchanged: reused)")
    cache.note("documents", reused=True)
    return True


def write_timings(staging: Path, timings: dict[str, float], cache: stepcache.StepCache) -> None:
    """Write ``timings.json``: each step's seconds and whether it ran or was reused."""
    (staging / "timings.json").write_text(
        json.dumps(
            {"seconds": {k: round(v, 2) for k, v in timings.items()}, "steps": cache.steps},
            indent=2,
        ),
        encoding="utf-8",
    )


def store_documents(cache: stepcache.StepCache, key: str, staging: Path) -> None:
    """Store the build's steps and its pack in the cache; add the steps to ``timings.json``.

    Called when every step has succeeded (before the swap): a build that fails stores nothing.
    """
    cache.note("documents", reused=False)
    cache.store_later("documents", key, staging, skip=NOT_CACHED)
    cache.commit()
    path = staging / "internal" / "timings.json"
    if not path.parent.is_dir():  # a folder holding timings.json itself
        path = staging / "timings.json"
    try:
        recorded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        recorded = {}
    recorded["steps"] = cache.steps
    path.write_text(json.dumps(recorded, indent=2), encoding="utf-8")
