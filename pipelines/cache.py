"""Content-addressed cache of a build's steps: nothing re-runs that has not changed.

Each step of a build is keyed by the SHA-256 of everything it reads:

- **prepare** (read, clean and validate every export, write the tidy data): the bytes of every
  file in the review's raw folder, the label mappings (``config/mappings/*.yml``), the review
  configuration, today's date (dates must not be after it), the code version and package
  versions (:func:`prepare_key`);
- **a section** (one notebook run with papermill): the notebook file, its parameters (the
  audience included), the tidy data it reads (the hashes of the processed files), the raw
  folder and ``config/`` (SWOT rules, tracker, national settings), the DfE files, the code
  version and package versions (:func:`section_key`);
- **the documents** (HTML, PDF, tables, manifest): every section's key in the pack's order, the
  variant, the review configuration file, the git commit and ``SOURCE_DATE_EPOCH``
  (:func:`documents_key`).

A step whose key is in the cache is reused (its files copied back); one whose key is not re-runs
and is stored. Since a step's key includes the keys (or the output hashes) of the steps it reads,
a changed input re-runs that step and everything downstream of it, and nothing else. Entries are
written to a temporary folder and renamed into place, so a killed build never leaves a half
entry, and two builds sharing a cache never see one.

The cache lives in ``<outputs>/.cache/`` (git ignores ``outputs/``), or in the folder named by the
environment variable ``EVIDENCE_PACK_CACHE`` (:data:`CACHE_ENV`) when it is set, so builds into
several outputs folders (a team's, a test run's) share their steps; deleting it is always safe.
``--no-cache`` (``StepCache(enabled=False)``) runs every step and stores nothing.

The documents' key leaves out the build time when ``SOURCE_DATE_EPOCH`` is not set, so a pack
reused from the cache keeps the build time of the run that rendered it (the content is the
same). Under ``SOURCE_DATE_EPOCH`` a reused step's files are byte-identical to a fresh run's.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import secrets
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from pipelines.core.config import notebooks_dir, project_root

#: Folder of the cache inside the outputs root.
CACHE_DIRNAME = ".cache"

#: Distributions whose versions are part of every key (a new version of one may change output).
PACKAGES = (
    "pandas",
    "numpy",
    "pyarrow",
    "scipy",
    "matplotlib",
    "seaborn",
    "openpyxl",
    "pydantic",
    "great_expectations",
    "papermill",
    "nbclient",
    "nbconvert",
    "nbformat",
    "ipykernel",
    "jinja2",
    "weasyprint",
    "pydyf",
)

#: Parts of the ``pipelines`` package that never change a pack (entry points and tools).
NOT_BUILD_CODE = ("devtools", "demo", "cli.py", "scaffold.py", "__main__.py")

#: Files of the package that are code for the key (source, templates, packaged data).
CODE_SUFFIXES = (".py", ".j2", ".css", ".json", ".yml", ".yaml", ".tpl", ".html")


def digest(value: object) -> str:
    """Hex SHA-256 of a JSON-able value (keys sorted; anything else written with ``str``)."""
    text = json.dumps(value, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_digest(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def folder_digest(folder: Path, *, skip: Iterable[str] = ()) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` (recursively), keyed by its path relative to it.

    Hidden files and folders (names starting with ``.``) and top-level names in ``skip`` are left
    out; a missing folder gives ``{}``.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return {}
    skipped = set(skip)
    out: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
            continue
        if rel.parts[0] in skipped or not path.is_file():
            continue
        out[rel.as_posix()] = file_digest(path)
    return out


@functools.cache
def package_versions() -> dict[str, str]:
    """Installed version of each distribution in :data:`PACKAGES` (``"absent"`` when missing)."""
    out = {}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "absent"
    return out


def code_version(root: Path | None = None) -> str:
    """Hash of the build's code: the ``pipelines`` package's source files and package versions.

    Parameters
    ----------
    root : Path, optional
        The package folder (default: this ``pipelines`` package). Entry points and tools
        (:data:`NOT_BUILD_CODE`) are left out: changing them changes no pack.

    Returns
    -------
    str
        Hex SHA-256 of every code file's path and bytes and of :func:`package_versions`.

    """
    root = Path(root) if root else Path(__file__).resolve().parent
    files = {
        rel: sha
        for rel, sha in folder_digest(root, skip=NOT_BUILD_CODE).items()
        if rel.endswith(CODE_SUFFIXES)
    }
    return digest({"files": files, "packages": package_versions()})


def national_data_digest() -> dict[str, str]:
    """SHA-256 of the DfE files the national section reads (``{}`` when none is found)."""
    from pipelines.datasets.national.dfe import data_folder, load_national_config

    try:
        cfg = load_national_config()
        folder = data_folder(cfg)
    except Exception:  # no national data: the section will say so itself
        return {}
    return {name: file_digest(folder / name) for name in sorted(cfg.files.model_dump().values())}


def prepare_key(review_config: Mapping, raw: Path, *, code: str, today: dt.date) -> str:
    """Key of the prepare step (read, clean, validate, write tidy data) of a review.

    Parameters
    ----------
    review_config : mapping
        What reading, cleaning and checking use of the review: its configuration without the
        meetings (:func:`without_meetings`) and the settings of the checks
        (:func:`pipelines.steps.check_settings`).
    raw : Path
        The raw folder: every file's bytes are part of the key.
    code : str
        :func:`code_version`.
    today : datetime.date
        The day the checks take as today.

    """
    return digest(
        {
            "step": "prepare",
            "review": review_config,
            "raw": folder_digest(raw),
            "mappings": folder_digest(project_root() / "config" / "mappings"),
            "today": today.isoformat(),
            "code": code,
        }
    )


def section_key(
    notebook: str,
    parameters: Mapping,
    processed: Mapping[str, str],
    *,
    code: str,
    shared: Mapping,
) -> str:
    """Key of one section notebook run.

    Parameters
    ----------
    notebook : str
        The notebook's name (``notebooks/<name>.ipynb``; its bytes are part of the key).
    parameters : mapping
        Its parameters (review, meeting, audience and the section's own).
    processed : mapping of str to str
        SHA-256 of every processed-data file, by name (the prepare step's output).
    code : str
        :func:`code_version`.
    shared : mapping
        What every section may read besides the tidy data (:func:`shared_inputs`).

    """
    return digest(
        {
            "step": "section",
            "notebook": notebook,
            "notebook_sha256": file_digest(notebooks_dir() / f"{notebook}.ipynb"),
            "parameters": dict(parameters),
            "processed": dict(processed),
            "shared": dict(shared),
            "code": code,
        }
    )


def without_meetings(review_config: Mapping) -> dict:
    """The review configuration without its meetings (what reading and cleaning may use)."""
    return {k: v for k, v in review_config.items() if k != "meetings"}


def without_section_parameters(review_config: Mapping) -> dict:
    """The review configuration with every section's own parameters left out.

    A section's own parameters are in its key as parameters, so changing one section's
    parameter in the review's YAML re-runs that section only.
    """
    out = dict(review_config)
    out["meetings"] = [
        {
            **m,
            "sections": [
                {k: v for k, v in s.items() if k != "parameters"} for s in m.get("sections") or []
            ],
        }
        for m in review_config.get("meetings") or []
    ]
    return out


def reads_every_section(notebook: str) -> bool:
    """True when the section summarises every section of its meeting (the SWOT, the scorecard).

    Declared by the section (``SectionSpec.summary`` in the registry), never read from its
    notebook's text; such a section's key holds every section's parameters.
    """
    from pipelines.core import registry

    spec = registry.discover().get(notebook)
    return spec is not None and spec.summary


def reads_raw_folder(notebook: str) -> bool:
    """True when a section may read files of the raw folder besides the tidy data.

    The sections that read officers' files (``SectionSpec.officer_files``: the register), the
    summaries (``summary``: the SWOT reads its curated entries) and the sections in every pack
    (``every_pack``: the data-quality appendix reports on the exports themselves). Declared by
    the section in the registry. Any other section reads only the tidy data, so an officer's
    edit of the SWOT entries or the register, or the same exports in another folder
    (``--raw-dir``), does not run it again.
    """
    from pipelines.core import registry

    spec = registry.discover().get(notebook)
    return spec is None or bool(spec.officer_files or spec.summary or spec.every_pack)


def parameters_read(notebook: str) -> tuple[str, ...]:
    """The other sections whose parameters a section reads (``SectionSpec.parameters_of``).

    Declared by the section in the registry (retention costs the workforce section's posts
    made permanent); their parameters are in the section's key, so a ``--param`` of one of
    them runs it again.
    """
    from pipelines.core import registry

    spec = registry.discover().get(notebook)
    return tuple(spec.parameters_of) if spec is not None else ()


def shared_inputs(raw: Path | None, review_config: Mapping) -> dict:
    """What a section may read besides the tidy data and its parameters.

    The raw folder (SWOT and tracker registers; ``raw=None`` for a section that does not read
    it, :func:`reads_raw_folder`, whose key then also leaves out the review's ``raw_dir``),
    ``config/`` other than the review files, the review configuration without the sections'
    own parameters (:func:`without_section_parameters`) and the DfE files.
    """
    review = without_section_parameters(review_config)
    if raw is None:
        review.pop("raw_dir", None)
    return {
        "raw": folder_digest(raw) if raw is not None else None,
        "config": folder_digest(project_root() / "config", skip=("reviews",)),
        "review": review,
        "national": national_data_digest(),
    }


def documents_key(
    section_keys: Iterable[str],
    *,
    variant: str,
    config_sha256: str,
    commit: str,
    code: str,
    paths: Iterable[str] = (),
) -> str:
    """Key of the documents of a pack (HTML, PDF, tables, manifest).

    Every section's key in the pack's order, the variant, the review configuration file, the
    git commit (printed in the pack), ``SOURCE_DATE_EPOCH`` when set (the build time) and the
    pack's final folders (``paths``: the executed notebooks record them).
    """
    return digest(
        {
            "step": "documents",
            "sections": list(section_keys),
            "variant": variant,
            "config": config_sha256,
            "commit": commit,
            "paths": list(paths),
            "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH"),
            "code": code,
        }
    )


@dataclass
class StepCache:
    """A folder of cached step outputs, each a folder named by its key, and what a build did.

    Attributes
    ----------
    root : Path or None
        The cache folder (``<outputs>/.cache``); None or ``enabled=False`` caches nothing.
    enabled : bool
        False (``--no-cache``): :meth:`fetch` always misses and :meth:`store` stores nothing.
    steps : dict of str to str
        Each step of the build so far: ``"ran"`` or ``"reused"``.

    """

    root: Path | None
    enabled: bool = True
    steps: dict[str, str] = field(default_factory=dict)
    pending: list = field(default_factory=list)

    def entry(self, kind: str, key: str) -> Path | None:
        """Folder of the entry of ``kind`` (prepare, section, documents) with ``key``."""
        if self.root is None:
            return None
        return Path(self.root) / kind / key[:2] / key

    def has(self, kind: str, key: str) -> bool:
        """True when the step is cached (:meth:`fetch` would copy it)."""
        folder = self.entry(kind, key)
        return self.enabled and folder is not None and folder.is_dir()

    def fetch(self, kind: str, key: str, dest: Path) -> bool:
        """Copy the cached files of the step into ``dest``; True when the step was cached."""
        folder = self.entry(kind, key)
        if not self.enabled or folder is None or not folder.is_dir():
            return False
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copytree(folder, dest, dirs_exist_ok=True)
        return True

    def store(self, kind: str, key: str, src: Path, *, skip: Iterable[str] = ()) -> None:
        """Store a step's files (every file under ``src`` except top-level names in ``skip``).

        Written into a temporary folder and renamed into place; an entry already present (a
        build sharing the cache stored it first) is kept. Storage errors are ignored: a cache
        that cannot be written only makes the next build slower.
        """
        folder = self.entry(kind, key)
        if not self.enabled or folder is None or folder.exists():
            return
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = folder.with_name(f".{key}.tmp-{os.getpid()}-{secrets.token_hex(4)}")
        skipped = set(skip)
        try:
            shutil.copytree(src, tmp, ignore=lambda d, names: skipped if d == str(src) else ())
            tmp.rename(folder)
        except OSError:
            pass
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)

    def store_later(self, kind: str, key: str, src: Path | dict[str, str], **options) -> None:
        """Store a step's output when the build has succeeded (:meth:`commit`).

        ``src`` is a folder (it must still exist at :meth:`commit`) or file name -> text. A
        build that fails therefore leaves the cache as it was, like everything else in
        ``outputs/``.
        """
        if self.enabled and self.root is not None:
            self.pending.append((kind, key, src, options))

    def commit(self) -> None:
        """Store every step kept by :meth:`store_later`."""
        import tempfile

        for kind, key, src, options in self.pending:
            if isinstance(src, dict):
                with tempfile.TemporaryDirectory() as tmp:
                    for name, text in src.items():
                        (Path(tmp) / name).write_text(text, encoding="utf-8")
                    self.store(kind, key, Path(tmp), **options)
            else:
                self.store(kind, key, src, **options)
        self.pending.clear()

    def note(self, step: str, reused: bool) -> None:
        """Record that ``step`` was reused from the cache or ran."""
        self.steps[step] = "reused" if reused else "ran"


#: Environment variable naming one step-cache folder for every build (see the module's notes).
CACHE_ENV = "EVIDENCE_PACK_CACHE"


def default_cache_root(outputs_root: Path) -> Path:
    """The step-cache folder of a build into ``outputs_root``.

    The folder named by ``EVIDENCE_PACK_CACHE`` when that is set (shared by every outputs
    folder), else ``<outputs>/.cache``.
    """
    shared = os.environ.get(CACHE_ENV, "").strip()
    return Path(shared) if shared else Path(outputs_root) / CACHE_DIRNAME
