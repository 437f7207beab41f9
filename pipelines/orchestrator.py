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

The lock, staging folders and swap are in :mod:`pipelines.staging`, the section notebooks' runs
in :mod:`pipelines.runner`, and the documents written from them in :mod:`pipelines.documents`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import platform
import re
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipelines import cache as stepcache
from pipelines import steps
from pipelines.core.config import (
    Review,
    load_review,
    notebooks_dir,
    project_root,
    review_path,
)
from pipelines.core.config_text import check_review_text
from pipelines.core.context import data_after_meeting, run_context
from pipelines.core.errors import ConfigError, OfficerError, storage_error
from pipelines.core.registry import check_review_parameters, public_section_parameters
from pipelines.core.run_records import PARAMETERS_RECORD, RAW_RECORD, record_parameters
from pipelines.core.section_build import RESULTS_DIR, carry_results, prune_results
from pipelines.core.time_true import at_meeting
from pipelines.documents.front import build_time, git_commit
from pipelines.documents.meeting import write_documents
from pipelines.documents.pdf_jobs import PdfJobs
from pipelines.kernel_pool import BuildKernels
from pipelines.runner import KERNEL_ENVIRONMENT, AudienceRun, environment, run_audiences
from pipelines.staging import (
    build_token,
    recover_interrupted_swaps,
    remove_stale_staging,
    review_lock,
    swap_folders,
    swap_into_place,
)

#: The data-preparation steps of a build, as named in progress messages and timings.
PREP_STEPS = ("clean", "validate")


def pack_sections(meeting, overrides: dict[str, dict] | None = None) -> list:
    """The meeting's sections, with those in every pack (data quality) last, added if left out.

    ``overrides`` (notebook -> parameters, from ``build --param``) replace the config's values
    of those sections' parameters; a section the meeting's pack does not contain is refused.
    """
    from pipelines.core import registry
    from pipelines.core.config import SectionRef

    always = registry.every_pack_sections()  # the data-quality appendix (SectionSpec.every_pack)
    refs = [r for r in meeting.sections if r.notebook not in always]
    for notebook in always:
        listed = [r for r in meeting.sections if r.notebook == notebook]
        refs += listed or [SectionRef(notebook=notebook)]
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
    example = dates[-1] if dates else "2025-03-31"
    raise OfficerError(
        what,
        ("option", "--meeting"),
        expected="a date written year-month-day (YYYY-MM-DD)"
        + (f", one of this review's meetings: {', '.join(dates)}" if dates else ""),
        found=text,
        hint=f"Give the date as, for example, --meeting {example}. "
        f"`evidence-pack meetings {cfg.id}` lists the review's meetings.",
    )


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
    annex_pdf: bool = False,
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
    annex_pdf : bool, optional
        Also write the technical annex as PDF (``build --annex-pdf``); its HTML is always
        written. The annex is for analysts; its PDF is the longest document to write.

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
            annex_pdf=annex_pdf,
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


def check_consistency(
    staging_root: Path, tables: dict[str, dict] | None = None, results: list | tuple = ()
) -> list[str]:
    """One figure, one value: check each written document and record what was found.

    Runs :func:`pipelines.sections.consistency.check_pack` on the public report, the exempt
    appendix and the annex (each with its own tables), writes ``internal/consistency.json``
    (documents checked, and every contradiction: rule, measure, where, values, message) and
    returns one warning sentence per contradiction for the console (an empty list when the
    documents are consistent). The build goes on: a contradiction is flagged, not hidden.
    ``tables``: each folder's tables as :func:`write_documents` wrote them (else read back);
    ``results``: the meeting's section results (what every document printed).
    """
    from pipelines.sections.consistency import check_pack

    checked, found, notes = [], [], []
    for folder, html_name in CONSISTENCY_DOCUMENTS.items():
        if not (staging_root / folder / html_name).is_file():
            continue
        checked.append(f"{folder}/{html_name}")
        given = (tables or {}).get(folder)
        for c in check_pack(
            staging_root / folder, html_name=html_name, tables=given, results=results
        ):
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


def run_review(cfg: Review, raw_dir: Path | None) -> Review:
    """The review as this build's section notebooks see it, read from ``raw_dir`` or its own.

    ``raw_dir`` is ``--raw-dir`` (None: the review's own raw folder). The raw folder is spelt
    as the notebooks' :func:`pipelines.core.context.run_context` spells it (relative to the
    project when inside it, read back from the build's record), so a section result a kernel
    stored is found under the same key by this process (the key findings, the audit): a review
    whose YAML named its raw folder by absolute path had every section's result built twice.
    """
    return cfg.with_raw_dir(raw_dir or cfg.raw_path())


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
    annex_pdf: bool = False,
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
    cfg = run_review(cfg, raw_dir)  # --raw-dir: the officers' files come from it too
    pack_sections(mtg, parameters)  # --param names only the pack's sections, never as_at
    # --param: every reader of the meeting's parameters in this process (the key findings) sees
    # them; the notebooks read them from the record written beside the tidy data.
    cfg = cfg.with_section_parameters(mtg.date, parameters)
    cfg = at_meeting(cfg, mtg.date)  # sources as the meeting's papers may cite them (time-true)
    mtg = cfg.meeting(mtg.date)
    raw = cfg.raw_path()
    steps.check_raw_inputs(cfg, raw)  # a named pipe is refused before anything waits on it
    check_review_text(cfg)  # dates without a year, references to an unnamed report
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
        pdfs = PdfJobs(expected=3 if annex_pdf else 2)  # the PDF writers (worker processes)
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
            notebooks = [
                notebooks_dir() / f"{r.notebook}.ipynb" for r in pack_sections(mtg, parameters)
            ]
            with (
                environment(**KERNEL_ENVIRONMENT),
                BuildKernels(jobs, notebooks, cwd=notebooks_dir()) as kernels,
            ):
                code = stepcache.code_version()
                if cache.enabled and cache.root is not None:  # a PDF of the same HTML: copied
                    pdfs.reuse_from(Path(cache.root) / "pdf", code)
                prepare_with_cache(
                    ctx,
                    raw,
                    cache=cache,
                    code=code,
                    timings=timings,
                    say=say,
                    # new data: every section will run, so the kernels start while it is prepared
                    before_running=lambda: kernels.start(len(notebooks)),
                )
                record_parameters(ctx.processed_dir, mtg.date, parameters)
                # results the previous build stored and this one does not change are read back
                carried = (
                    carry_results(processed_root / cfg.id, ctx.processed_dir) if use_cache else 0
                )
                data_hashes = {
                    p.name: sha256(p) for p in sorted(ctx.processed_dir.glob("*")) if p.is_file()
                }
                refs = pack_sections(mtg, parameters)
                check_review_parameters(cfg, refs)
                refs = public_section_parameters(cfg, refs)  # officers' text, checked

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
                    variant=(variant or "all") + (" with annex PDF" if annex_pdf else ""),
                    config_sha256=sha256(review_path(review)),
                    commit=git_commit(),
                    code=code,
                    paths=[str(meeting_folder), str(processed_root / cfg.id), str(raw)],
                )
                names = [
                    f"{r.notebook}{audience_label(audiences, a)}" for a in audiences for r in refs
                ]
                if reuse_documents(cache, docs_key, staging_root, names, say):
                    timings["total"] = time.perf_counter() - t_start
                    write_timings(staging, timings, cache)
                    swap_into_place(staged_processed / cfg.id, processed_root / cfg.id)
                    swap_folders(staging_root, meeting_folder)
                    tell_no_appendix(audiences, meeting_folder, tell)
                    return BuildResult(
                        folder=final,
                        html=meeting_folder / "public" / "report.html",
                        pdf=meeting_folder / "public" / "report.pdf",
                        timings=timings,
                        meeting_folder=meeting_folder,
                    )
                plans = [
                    AudienceRun(
                        run_params={**base_of(a), "processed_dir": str(ctx.processed_dir)},
                        keys=keys[a],
                        out_dir=staging / "sections" / ("" if n == 0 else a),
                        label=audience_label(audiences, a),
                    )
                    for n, a in enumerate(audiences)
                ]
                to_run = [  # each section's run per audience not cached
                    r.notebook
                    for p in plans
                    for r in refs
                    if not cache.has("section", p.keys[r.notebook])
                ]
                kernels.start(len(to_run))  # a kernel per core, or per run if fewer
                pdfs.warm()  # the PDF writers start while the sections run
                sections = run_audiences(
                    refs,
                    plans,
                    cache=cache,
                    paths={
                        str(staged_processed / cfg.id): str(processed_root / cfg.id),
                        str(staging_root): str(meeting_folder),
                    },
                    logs=review_out / ".logs",
                    token=token,
                    jobs=jobs,
                    timings=timings,
                    say=say,
                    pool=kernels.pool,
                )
                runs = dict(zip(audiences, sections, strict=True))
                section_keys = manifest_section_keys(refs, base_of(audiences[0]), data_hashes)
            written = write_documents(
                cfg,
                mtg,
                contexts,
                runs,
                staging_root,
                inputs=input_files(cfg, raw),
                timings=timings,
                say=say,
                annex_pdf=annex_pdf,
                pdfs=pdfs,
            )
            from pipelines.sections.consistency import meeting_results

            results = meeting_results(ctx, refs)
            for note in check_consistency(staging_root, written, results):
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
            prune_results(ctx.processed_dir, carried)  # those this build did not use
            pdfs.keep()  # the PDFs written, for a later build of the same HTML
            store_documents(cache, docs_key, staging_root)  # and records the steps in timings
            swap_into_place(staged_processed / cfg.id, processed_root / cfg.id)
            swap_folders(staging_root, meeting_folder)
            tell_no_appendix(audiences, meeting_folder, tell)
        finally:
            pdfs.close()
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


def tell_no_appendix(audiences, meeting_folder: Path, tell: Callable[[str], None]) -> None:
    """Say so when a build with an exempt run wrote no exempt appendix: nothing is withheld."""
    from pipelines.documents.exempt import NO_APPENDIX

    if "exempt" in audiences and not (meeting_folder / "exempt").is_dir():
        tell(f"{NO_APPENDIX[:1].upper()}{NO_APPENDIX[1:]}.")


def package_version() -> str:
    """The installed package's version."""
    from pipelines import __version__

    return __version__


def input_files(cfg: Review, raw: Path) -> dict[str, dict]:
    """Every input read from the raw folder: :func:`pipelines.steps.input_files`."""
    return steps.input_files(cfg, raw)


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
    before_running: Callable[[], object] | None = None,
) -> None:
    """Write the run's tidy data: from the cache when the same inputs were prepared before.

    Runs :func:`pipelines.steps.prepare` (read, clean, validate, write) into
    ``ctx.processed_dir`` unless the cache holds the result for the same raw files, mappings,
    review configuration, day and code (:func:`pipelines.cache.prepare_key`); a build command
    building several meetings so cleans and validates once. Records ``clean``/``validate``
    durations in ``timings`` and the step as ran or reused. ``before_running`` is called just
    before the data are prepared (not when they are reused).
    """
    used = {
        # as configured: a source's words at one meeting (time-true) are not prepared data
        "review": stepcache.without_meetings(ctx.review.as_configured().model_dump(mode="json")),
        "checks": steps.check_settings(ctx.review),
        # the one check that depends on the meeting: data that run past its date (issue 21)
        "data_after_meeting": data_after_meeting(ctx.review, ctx.meeting),
    }
    today = steps.check_date()  # once: the key and the checks take the same day
    key = stepcache.prepare_key(used, raw, code=code, today=today)
    t0 = time.perf_counter()
    if cache.fetch("prepare", key, ctx.processed_dir):
        say("cleaning the data (unchanged: reused)")
        say("validating the data (unchanged: reused)")
        timings["clean"], timings["validate"] = time.perf_counter() - t0, 0.0
        cache.note("prepare", reused=True)
        return
    if before_running is not None:
        before_running()
    prepared = steps.prepare(ctx, raw, today=today, progress=say)
    timings.update(prepared.timings)
    cache.store_later(
        "prepare", key, ctx.processed_dir, skip=(RESULTS_DIR, PARAMETERS_RECORD)
    )  # sections' results and the run's --param values are not prepared data
    cache.note("prepare", reused=False)


def section_cache_keys(
    cfg: Review, refs: list, base: dict, data_hashes: dict[str, str], *, raw: Path, code: str
) -> dict[str, str]:
    """Each section's cache key (:func:`pipelines.cache.section_key`), by notebook.

    A section's key has its own parameters (with the run's ``base`` ones: review, meeting,
    audience); the SWOT and scorecard, which read every section's parameters, have them all.
    """
    review = cfg.model_dump(mode="json")
    shared = stepcache.shared_inputs(raw, review)
    # A section that reads only the tidy data: no raw folder, nor the record naming it.
    tidy_shared = stepcache.shared_inputs(None, review)
    # The --param record: each section's key holds the parameters it reads (below), not the file.
    data_hashes = {k: v for k, v in data_hashes.items() if k != PARAMETERS_RECORD}
    tidy_hashes = {k: v for k, v in data_hashes.items() if k != RAW_RECORD}
    every = {r.notebook: r.parameters for r in refs}
    keys = {}
    for r in refs:
        params = {**base, **r.parameters}
        if stepcache.reads_every_section(r.notebook):
            params["(every section)"] = every
        elif read := stepcache.parameters_read(r.notebook):
            params["(sections' parameters read)"] = {n: every.get(n) for n in read}
        reads_raw = stepcache.reads_raw_folder(r.notebook)
        keys[r.notebook] = stepcache.section_key(
            r.notebook,
            params,
            data_hashes if reads_raw else tidy_hashes,
            code=code,
            shared=shared if reads_raw else tidy_shared,
        )
    return keys


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
