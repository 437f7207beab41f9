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
previous processed data) exactly as they were. A lock file stops two builds of the same pack
running at once. The manifest records what went in (file hashes, parameters, versions) and, per
section, a key of its inputs so that unchanged sections can later be skipped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import platform
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat

from pipelines import steps
from pipelines.core.config import Review, load_review, notebooks_dir, project_root, review_path
from pipelines.core.context import run_context
from pipelines.core.errors import ConfigError, InputError
from pipelines.core.exports import write_csv
from pipelines.sections.findings import context_findings

#: The data-preparation steps of a build, as named in progress messages and timings.
PREP_STEPS = ("clean", "validate")
#: The data-quality appendix, added at the end of every pack.
DATA_QUALITY = "90_data_quality"


def pack_sections(meeting) -> list:
    """The meeting's sections, with the data-quality appendix last if the config leaves it out."""
    from pipelines.core.config import SectionRef

    refs = [r for r in meeting.sections if r.notebook != DATA_QUALITY]
    listed = [r for r in meeting.sections if r.notebook == DATA_QUALITY]
    return [*refs, *(listed or [SectionRef(notebook=DATA_QUALITY)])]


@dataclass
class BuildResult:
    """Where a pack was written and how long each step took (seconds)."""

    folder: Path
    html: Path
    pdf: Path
    timings: dict[str, float]


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


@contextlib.contextmanager
def build_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` for the build; fail at once if another build has it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ConfigError(
                f"Another build of this pack is running (lock {path}). "
                "Wait for it to finish, then build again."
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


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
        marking_note=(
            " ".join(review.exempt_paragraphs)
            if exempt
            else f"Public version: numbers of people below {review.disclosure_threshold} "
            "are suppressed ([c]), with further figures hidden where a total would "
            "reveal them, and free-text answers are left out, to protect the people "
            "they describe."
        ),
        built=built,
        provenance=f"Built by evidence-pack {__version__} from commit {git_commit()[:12]}",
    )


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


def remove_stale_staging(outputs: Path, processed_root: Path) -> None:
    """Remove staging folders left by builds that were killed (we hold the lock, so none runs)."""
    for folder in [
        *outputs.glob(".*.staging-*"),
        *processed_root.glob(".*.staging-*"),
        *outputs.glob("*/.*.old-*"),
    ]:
        if folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)


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
        (about, "How this pack was made"),
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
                "# Sources and provenance\nThe data behind this pack, the period "
                "they cover, and how the pack was made. The same details are in "
                "the build's manifest.json, so the pack can be rebuilt and "
                "checked."
            ),
            cell,
        ]
    )
    return pack.Section(name="99_provenance", notebook=nb)


def swap_into_place(staged: Path, final: Path) -> None:
    """Replace ``final`` by ``staged`` with renames on one file system (old copy removed last)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    old = final.with_name(f".{final.name}.old-{os.getpid()}")
    if final.exists():
        final.rename(old)
    staged.rename(final)
    if old.exists():
        shutil.rmtree(old)


def build_pack(
    review: str | Path,
    meeting: str,
    *,
    variant: str | None = None,
    outputs_root: Path | None = None,
    processed_root: Path | None = None,
    raw_dir: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build the evidence pack of one meeting of one review.

    Parameters
    ----------
    review : str or Path
        Review id or path of its YAML.
    meeting : str
        Meeting date, ISO (``"2016-09-21"``).
    variant : str, optional
        ``"exempt"`` (full detail, NOT FOR PUBLICATION) or ``"public"`` (small numbers suppressed,
        free text removed, OFFICIAL). Defaults to the review's setting. The pack goes to
        ``outputs/<review>/<meeting>/<variant>/``.
    outputs_root, processed_root, raw_dir : Path, optional
        Override ``outputs/``, ``data/processed/`` and the review's raw folder.
    progress : callable, optional
        Called with a short description before each step.

    Raises
    ------
    InputError, ConfigError
        With a message for the officer; nothing in ``outputs/`` or ``data/processed/`` changes.

    """
    from pipelines.core import pack

    t_start = time.perf_counter()
    cfg = load_review(review)
    mtg = cfg.meeting(meeting)
    if not mtg.sections:
        raise ConfigError(
            f"The meeting of {mtg.date} has no sections to build: add sections to "
            f"it in {review_path(review)}."
        )
    variant = variant or cfg.default_variant
    if variant not in VARIANTS:
        raise ConfigError(f"Unknown variant '{variant}': choose one of {', '.join(VARIANTS)}.")
    outputs_root = Path(outputs_root or project_root() / "outputs")
    processed_root = Path(processed_root or project_root() / "data" / "processed")
    raw = Path(raw_dir) if raw_dir else cfg.raw_path()
    final = outputs_root / cfg.id / str(mtg.date) / variant
    say = progress or (lambda _msg: None)
    timings: dict[str, float] = {}

    with build_lock(outputs_root / cfg.id / f".{mtg.date}.lock"):
        remove_stale_staging(outputs_root / cfg.id, processed_root)
        staging = outputs_root / cfg.id / f".{mtg.date}.staging-{os.getpid()}"
        (staging / "sections").mkdir(parents=True)
        (staging / "tables").mkdir()
        staged_processed = processed_root / f".{cfg.id}.staging-{os.getpid()}"
        if staged_processed.exists():
            shutil.rmtree(staged_processed)
        staged_processed.mkdir(parents=True)
        try:
            review_param = (
                cfg.id if review_path(cfg.id) == review_path(review) else str(review_path(review))
            )
            ctx = run_context(
                cfg,
                mtg.date,
                audience=variant,
                processed_dir=staged_processed / cfg.id,
                output_dir=final,
            )
            # The parameters every section notebook receives; the processed-data folder is a
            # staging folder of this build, so it is left out of the recorded parameters.
            base = {"review": review_param, "meeting": str(mtg.date), "audience": variant}
            run_params = {**base, "processed_dir": str(ctx.processed_dir)}
            sections: list[pack.Section] = []
            section_keys: dict[str, dict] = {}
            with environment(**KERNEL_ENVIRONMENT):
                prepared = steps.prepare(ctx, raw, progress=say)
                timings.update(prepared.timings)
                data_hashes = {
                    p.name: sha256(p) for p in sorted(ctx.processed_dir.glob("*")) if p.is_file()
                }
                for ref in pack_sections(mtg):
                    say(f"section {ref.notebook}")
                    t0 = time.perf_counter()
                    params = {**base, **ref.parameters}
                    nb = run_notebook(
                        ref.notebook,
                        staging / "sections" / f"{ref.notebook}.ipynb",
                        {**run_params, **ref.parameters},
                    )
                    timings[ref.notebook] = time.perf_counter() - t0
                    sections.append(pack.Section(name=ref.notebook, notebook=nb))
                    section_keys[ref.notebook] = {
                        "notebook_sha256": sha256(notebooks_dir() / f"{ref.notebook}.ipynb"),
                        "parameters": params,
                        "processed_data_sha256": data_hashes,
                    }
                    section_keys[ref.notebook]["key"] = hashlib.sha256(
                        json.dumps(section_keys[ref.notebook], sort_keys=True, default=str).encode()
                    ).hexdigest()
            say("assembling HTML and PDF")
            t0 = time.perf_counter()
            built = build_time()
            front = front_matter(cfg, mtg, variant, built.strftime("%-d %B %Y %H:%M UTC"))
            inputs = {}
            for key, ds in cfg.datasets.items():
                p = raw / ds.file
                inputs[key] = {
                    "file": str(
                        p.relative_to(project_root()) if p.is_relative_to(project_root()) else p
                    ),
                    "sha256": sha256(p),
                    "bytes": p.stat().st_size,
                    "source": ds.source,
                }
            if ctx.policy.public:
                audit = pack.write_disclosure_audit(sections, staging, ctx.policy.threshold)
                sections.append(pack.disclosure_audit_section(audit))
            # Key findings are written in Python from each section's data (never read back
            # from the executed notebooks).
            opening = pack.key_findings_section(sections, findings=context_findings(ctx))
            if opening is not None:
                sections.insert(0, opening)
            sections.append(provenance_section(cfg, inputs, front, git_commit()))
            html = pack.assemble(sections, front)
            (staging / "pack.html").write_text(html, encoding="utf-8")
            timings["html"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            pack.write_pdf(html, staging / "pack.pdf", title=front.title)
            timings["pdf"] = time.perf_counter() - t0
            for fname, table in pack.collect_tables(sections).items():
                write_csv(table, staging / "tables" / fname)
            timings["total"] = time.perf_counter() - t_start
            manifest = {
                "review": cfg.id,
                "meeting": str(mtg.date),
                "variant": variant,
                "built_at": built.isoformat(),
                "package_version": front.provenance.split()[3],
                "git_commit": git_commit(),
                "python": platform.python_version(),
                "config": {"file": str(review_path(review)), "sha256": sha256(review_path(review))},
                "review_config": cfg.model_dump(mode="json"),
                "inputs": inputs,
                "sections": section_keys,
                "timings_seconds": {k: round(v, 2) for k, v in timings.items()},
            }
            (staging / "manifest.json").write_text(
                json.dumps(manifest, indent=2, default=str), encoding="utf-8"
            )
            swap_into_place(staged_processed / cfg.id, processed_root / cfg.id)
            swap_into_place(staging, final)
        finally:
            for leftover in (staging, staged_processed):
                if leftover.exists():
                    shutil.rmtree(leftover, ignore_errors=True)
    return BuildResult(
        folder=final, html=final / "pack.html", pdf=final / "pack.pdf", timings=timings
    )


def buildable_meetings(review: str | Path) -> list[str]:
    """ISO dates of the review's meetings that have sections (so a pack can be built)."""
    cfg = load_review(review)
    return [str(m.date) for m in cfg.meetings if m.sections and m.date]


def step_count(review: str | Path, meeting: str) -> int:
    """Number of progress steps of a build: clean, validate, each section, assemble."""
    return len(PREP_STEPS) + len(pack_sections(load_review(review).meeting(meeting))) + 1
