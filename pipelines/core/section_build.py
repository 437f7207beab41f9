"""A section's result, built once per meeting: stored in the run's folder and read back.

:func:`build_section` finds a section in the registry (:mod:`pipelines.core.registry`), checks
its parameters, and runs its ``build`` (a :class:`~pipelines.core.results.SectionResult`) once
per meeting: the result is stored as a pickle in the run's processed-data folder
(``<processed_dir>/.results/``, :data:`RESULTS_DIR`) under a key made of everything it reads
(:func:`result_key`), and read back by the next call with the same key: the public run of the
notebook, the key findings and the SWOT read the result the exempt run built.

Sections whose ``build`` reads files outside the processed-data folder (the DfE statistics, the
tracker's register) name them in :data:`EXTERNAL_INPUTS`, so their results are rebuilt when
those files change.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import secrets
import shutil
import time
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel

from pipelines.core import registry
from pipelines.core.results import SectionResult

#: Folder of the stored results inside a run's processed-data folder (hidden: not a dataset).
RESULTS_DIR = ".results"


@functools.cache
def code_digest() -> str:
    """SHA-256 of the ``pipelines`` package's Python files and the project's ``config/`` files.

    Part of every result's key, so a result stored by older code or settings is never read.
    """
    package = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    roots = [package, package.parent / "config"]
    for root in roots:
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root)
            if not path.is_file() or "__pycache__" in rel.parts:
                continue
            if path.suffix not in (".py", ".yml", ".yaml", ".csv") or rel.parts[0] == "reviews":
                continue
            h.update(f"{root.name}/{rel.as_posix()}\0".encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _file_sha256(path: Path) -> str:
    """SHA-256 of a file's content (hex), read in 1 MiB chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


#: Section notebook -> ``(ctx) -> mapping`` naming the files outside the processed-data folder
#: its ``build`` reads (e.g. the DfE statistics) by their content, e.g. ``{path: sha256}``:
#: part of its :func:`result_key`, so a result built on older files is never read back.
#: A section registers it beside its ``SectionSpec``.
EXTERNAL_INPUTS: dict[str, object] = {}


def file_digests(paths) -> dict[str, str]:
    """``{path: SHA-256 of its content}`` for each of ``paths`` (for :data:`EXTERNAL_INPUTS`)."""
    return {str(p): _file_sha256(Path(p)) for p in paths}


def result_key(ctx, spec, params: BaseModel) -> str:
    """The key of a section's result: SHA-256 of everything its ``build`` reads.

    The section's notebook, the review configuration (with no other section's parameters but
    those it declares it reads, :func:`parameters_kept`), the meeting, the section's parameters,
    the SHA-256 of each tidy dataset it reads (``datasets`` and ``optional_datasets`` present in
    the processed-data folder), the files outside it the section names in
    :data:`EXTERNAL_INPUTS` and :func:`code_digest`. The audience is not in it: the result is
    the same for every audience. A summary (``spec.summary``: the scorecard, the SWOT) reads
    every section's result, so its key holds every tidy dataset in the folder, every
    section's external inputs and every section's parameters; the section in every pack
    (``spec.every_pack``: data quality) reads every dataset and the run's records
    (``*.json``: validation results, rows read).
    """
    folder = Path(ctx.processed_dir)
    every = getattr(spec, "every_pack", False)
    names = (
        sorted(p.stem for p in folder.glob("*.parquet"))
        if getattr(spec, "summary", False) or every
        else (*spec.datasets, *spec.optional_datasets)
    )
    data = {
        name: _file_sha256(folder / f"{name}.parquet")
        for name in names
        if (folder / f"{name}.parquet").is_file()
    }
    if every:  # the appendix in every pack reads the run's records too (validation, rows)
        data |= {p.name: _file_sha256(p) for p in sorted(folder.glob("*.json"))}
    if getattr(spec, "summary", False):
        external = {nb: inputs(ctx) for nb, inputs in sorted(EXTERNAL_INPUTS.items())}
    elif spec.notebook in EXTERNAL_INPUTS:
        external = EXTERNAL_INPUTS[spec.notebook](ctx)
    else:
        external = None
    review = ctx.review.model_dump(mode="json") if ctx.review is not None else None
    if review is not None and not getattr(spec, "summary", False):
        review = parameters_kept(review, {spec.notebook, *getattr(spec, "parameters_of", ())})
    payload = {
        "section": spec.notebook,
        "review": review,
        "meeting": str(ctx.meeting),
        "parameters": params.model_dump(mode="json"),
        "data": data,
        "code": code_digest(),
        "external": external,
    }
    text = json.dumps(payload, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parameters_kept(review: Mapping, sections) -> dict:
    """The review configuration with only ``sections``' own parameters left in its meetings.

    A section's build reads its own parameters and those of the sections it declares
    (``SectionSpec.parameters_of``), never another section's, so a changed parameter of one
    section changes the result key of that section and of its declared readers only, as the
    step cache's keys do (:func:`pipelines.cache.without_section_parameters`).
    """
    out = dict(review)
    out["meetings"] = [
        {
            **m,
            "sections": [
                s
                if s.get("notebook") in sections
                else {k: v for k, v in s.items() if k != "parameters"}
                for s in m.get("sections") or []
            ],
        }
        for m in review.get("meetings") or []
    ]
    return out


def result_path(ctx, spec, key: str) -> Path:
    """Where a result is stored: ``<processed_dir>/.results/<notebook>__<key>.pkl``."""
    return Path(ctx.processed_dir) / RESULTS_DIR / f"{spec.notebook}__{key[:32]}.pkl"


def build_section(ctx, section: str, params: Mapping[str, object] | BaseModel | None = None):
    """A section's result for a run: built once per meeting, then read back.

    Parameters
    ----------
    ctx : RunContext or FramesContext
        The run (its review, meeting and tidy data). With a processed-data folder the result
        is stored there (:func:`result_path`) and read back by every later call with the same
        :func:`result_key`, whatever the audience.
    section : str
        The section's notebook (``"10_leavers"``) or short name (``"leavers"``).
    params : mapping or SectionParameters, optional
        The section's own parameters (a notebook passes its parameter values; keys that are
        not the section's, such as the common ones, are left out); missing ones take the
        section's defaults.

    Returns
    -------
    SectionResult

    Raises
    ------
    KeyError
        No such section, or the section has no ``build``.
    ValueError
        A parameter of the wrong type (as :func:`pipelines.core.registry.check_parameters`).

    """
    sections = registry.discover()
    by_name = {s.name: s for s in sections.values()}
    spec = sections.get(section) or by_name.get(section)
    if spec is None:
        raise KeyError(f"No section {section}; known: {', '.join(sorted(sections))}")
    if spec.build is None:
        raise KeyError(f"Section {spec.notebook} has no build function")
    if isinstance(params, BaseModel):
        model = params
    else:
        own = {k: v for k, v in dict(params or {}).items() if k in spec.parameters.model_fields}
        model = registry.check_parameters(spec.notebook, own)
    model = registry.public_texts(model, *_disclosure_words(ctx))
    folder = getattr(ctx, "processed_dir", None)
    path = None
    if folder is not None and Path(folder).is_dir():
        path = result_path(ctx, spec, result_key(ctx, spec, model))
        if path.is_file():
            with open(path, "rb") as f:
                stored = pickle.load(f)  # noqa: S301 (written by this function, keyed by content)
            if isinstance(stored, SectionResult) and stored.section == spec.notebook:
                _mark_used(path)
                return stored
    result = spec.build(ctx, model)
    if not isinstance(result, SectionResult):
        raise TypeError(f"{spec.notebook}: build returned {type(result).__name__}")
    if path is not None:
        _store(result, path)
    return result


def _disclosure_words(ctx) -> tuple[int, tuple[str, ...]]:
    """The run's disclosure threshold and the names its review prints on purpose.

    For :func:`pipelines.core.registry.public_texts` (officers' free-text parameters).
    """
    from pipelines.core.artefact_audit import public_office_texts

    review = getattr(ctx, "review", None)
    threshold = int(getattr(review, "disclosure_threshold", 5) or 5)
    return threshold, public_office_texts(review) if review is not None else ()


def _store(result: SectionResult, path: Path) -> None:
    """Write a result atomically (a temporary file renamed into place); errors are ignored."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}")
    try:
        with open(tmp, "wb") as f:
            pickle.dump(result, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)


def _mark_used(path: Path) -> None:
    """Set a stored result's modification time to now: the build used it (:func:`prune_results`)."""
    try:
        os.utime(path)
    except OSError:
        pass


def carry_results(previous: Path, staged: Path) -> float:
    """Copy the results the previous build stored (``previous/.results``) into ``staged``.

    A build prepares its tidy data in a new folder; the results a previous build of the review
    stored there are still valid wherever their key (:func:`result_key`) is the same, so a
    changed parameter builds again only the results it changes: the key findings, the audit
    and the notebooks read the others back. Each copy is dated 1970 until this build reads
    it; returns the time after which a result counts as used (:func:`prune_results`).
    """
    source, dest = Path(previous) / RESULTS_DIR, Path(staged) / RESULTS_DIR
    if source.is_dir():
        dest.mkdir(parents=True, exist_ok=True)
        for path in sorted(source.glob("*.pkl")):
            try:
                shutil.copyfile(path, dest / path.name)
                os.utime(dest / path.name, (0, 0))  # not used yet (however recent the last build)
            except OSError:  # a result not carried over is built again
                pass
    return time.time()


#: Seconds of margin under :func:`prune_results`' time (file times may be a tick behind).
PRUNE_MARGIN = 1.0


def prune_results(staged: Path, since: float) -> None:
    """Remove the carried-over results this build neither read nor wrote.

    ``since`` is :func:`carry_results`' time: a result read or written since has a later
    modification time (:func:`_mark_used`), so the folder holds the results of the latest
    build, not every result ever stored.
    """
    folder = Path(staged) / RESULTS_DIR
    for path in folder.glob("*.pkl") if folder.is_dir() else ():
        try:
            if path.stat().st_mtime < since - PRUNE_MARGIN:
                path.unlink()
        except OSError:
            pass
