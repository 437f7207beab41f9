"""Standalone national-picture pack for any English local authority: ``evidence-pack benchmark``.

Needs no review configuration and no local data: it runs the local-against-national section
(``notebooks/30_local_vs_national.ipynb``) for one authority and year on the DfE's published
statistics and assembles a pack (HTML and PDF) like a meeting's — the pack a scoping meeting
needs. As in :mod:`pipelines.orchestrator`, everything is built in a staging folder beside the final
one and swapped into place only when every step has succeeded, under a lock, so a failed build
leaves the previous pack untouched. The manifest records the national files used with their
SHA-256, the parameters, the package version and the git commit.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipelines.core.config import project_root
from pipelines.core.errors import ConfigError
from pipelines.core.exports import write_csv
from pipelines.core.outputs import slug
from pipelines.datasets.national.dfe import Authority, NationalData, load_national
from pipelines.datasets.national.resolve import choose_year, resolve_authority
from pipelines.documents.front import build_time, git_commit
from pipelines.orchestrator import BuildResult, sha256
from pipelines.runner import KERNEL_ENVIRONMENT, environment, run_notebook
from pipelines.staging import build_lock, recover_interrupted_swaps, swap_into_place

SECTION = "30_local_vs_national"
#: File written in every folder the benchmark command writes; a folder is only ever replaced
#: when it holds this marker (or is a benchmark pack written before the marker existed).
MARKER = ".evidence-pack-output"


def is_pack_folder(folder: Path) -> bool:
    """True when ``folder`` is a pack this tool wrote (it holds the marker file).

    A folder written by an earlier version (no marker, but a ``manifest.json`` whose ``kind`` is
    ``"benchmark"``) counts as one too.
    """
    if (folder / MARKER).is_file():
        return True
    manifest = folder / "manifest.json"
    try:
        return json.loads(manifest.read_text(encoding="utf-8")).get("kind") == "benchmark"
    except (OSError, ValueError, AttributeError):
        return False


def check_output_folder(folder: Path) -> None:
    """Refuse an output folder the build must not replace.

    The build replaces ``folder`` as a whole, so it may only be: absent, an empty folder, or a
    pack this tool wrote (:func:`is_pack_folder`).

    Raises
    ------
    ConfigError
        ``folder`` is an existing file (or other non-folder), or a folder that is not empty and
        holds no marker: nothing is changed.

    """
    folder = Path(folder)
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise ConfigError(
            f"--out {folder} is an existing file or link, not a folder. The benchmark pack was not "
            "built and the file was left as it is. Give --out a new folder (or one an earlier "
            "benchmark wrote)."
        )
    if not folder.exists():
        return
    try:
        empty = not any(folder.iterdir())
    except OSError as exc:
        raise ConfigError(f"--out {folder} cannot be read ({exc.strerror}).") from None
    if not empty and not is_pack_folder(folder):
        raise ConfigError(
            f"--out {folder} is a folder that already holds files and is not a pack this tool "
            f"wrote (it has no {MARKER} file). Building would replace everything in it, so "
            "nothing was done. Give --out a new or empty folder."
        )


def default_folder(la: Authority, year: int) -> Path:
    """``outputs/benchmark/<authority slug>/<year>/``."""
    return project_root() / "outputs" / "benchmark" / slug(la.asked) / str(year)


def _today() -> dt.date:
    """The pack's date: today, or the date of ``SOURCE_DATE_EPOCH`` (reproducible builds)."""
    return build_time().date()


def _inputs(data: NationalData) -> dict[str, dict]:
    """The national files used: path, SHA-256, bytes, and where they were downloaded from."""
    origin: dict = {}
    source_json = next(iter(data.files.values())).parent / "SOURCE.json"
    if source_json.exists():
        origin = json.loads(source_json.read_text(encoding="utf-8")).get("files", {})
    out = {}
    for kind, path in data.files.items():
        out[kind] = {
            "file": str(path),
            "sha256": sha256(path),
            "bytes": path.stat().st_size,
            "downloaded_from": origin.get(path.name, {}).get("url"),
        }
    return out


def sources_section(data: NationalData, inputs: dict[str, dict]):
    """The pack's last section: the national files, their licence and SHA-256 fingerprints."""
    import nbformat.v4 as v4
    import pandas as pd

    from pipelines.core.outputs import table_html
    from pipelines.documents import pack

    what = {"indicators": data.config.source, "neighbours": data.config.neighbour_source}
    files = pd.DataFrame(
        [
            {
                "Data": what[k],
                "File": Path(v["file"]).name,
                "SHA-256 (first 16 characters)": v["sha256"][:16],
            }
            for k, v in inputs.items()
        ]
    )
    cell = v4.new_code_cell("")
    cell.outputs = [
        v4.new_output(
            "display_data",
            data={
                "text/html": '<div class="ep-table">'
                + table_html(files, "National data files used, with their fingerprints")
                + "</div>",
                "text/plain": "National data files used",
            },
        )
    ]
    nb = v4.new_notebook(
        cells=[
            v4.new_markdown_cell(
                "# Sources\nThe pack uses only published statistics, under the Open Government "
                "Licence v3.0: no local or personal data. The full SHA-256 fingerprints, the "
                "parameters and the code version are in the build's manifest.json."
            ),
            cell,
        ]
    )
    return pack.Section(name="99_sources", notebook=nb)


def benchmark_front(authority: Authority, built: dt.datetime, commit: str):
    """The front page of an authority's national-picture pack."""
    from pipelines import __version__
    from pipelines.documents import pack

    return pack.FrontMatter(
        title=f"National picture: children's social work workforce, {authority.asked}",
        council=authority.asked,
        committee="Benchmark of DfE children's social work workforce statistics",
        committee_ref=None,
        meeting_date=_today(),
        meeting_time=None,
        place=None,
        agenda_items=[],
        report_of=None,
        author=None,
        contact=None,
        marking="OFFICIAL",
        marking_note=(
            "Published statistics only (Department for Education, Open "
            "Government Licence v3.0); no local or personal data."
        ),
        built=built.strftime("%-d %B %Y %H:%M UTC"),
        provenance=f"Built by evidence-pack {__version__} from commit {commit[:12]}",
    )


def build_benchmark(
    la: str,
    year: int | None = None,
    *,
    out: Path | None = None,
    national: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build the national-picture pack of one authority.

    Parameters
    ----------
    la : str
        Authority name, ONS code (any year's) or DfE code, e.g. "Barnsley" or "E10000017".
    year : int, optional
        Reporting year (figures at 30 September); default: the authority's latest.
    out : Path, optional
        Folder for the pack; default ``outputs/benchmark/<authority>/<year>/``.
    national : Path, optional
        Folder holding the DfE files; default as
        :func:`pipelines.datasets.national.dfe.data_folder`.
    progress : callable, optional
        Called with a short description before each step.

    Returns
    -------
    BuildResult
        The folder, ``pack.html``, ``pack.pdf`` and step timings (seconds).

    Raises
    ------
    ConfigError
        Unknown authority (with the closest published names), a year without figures, or an
        ``out`` that is a file or a non-empty folder this tool did not write (see
        :func:`check_output_folder`; nothing is changed).

    """
    from pipelines import __version__
    from pipelines.documents import pack

    t_start = time.perf_counter()
    say = progress or (lambda _msg: None)
    if out is not None:
        check_output_folder(Path(out))
    data = load_national(national)
    authority = resolve_authority(data, la)
    chosen, _ = choose_year(data, authority, year)
    final = Path(out) if out else default_folder(authority, chosen)
    check_output_folder(final)
    timings: dict[str, float] = {}
    with build_lock(final.parent / f".{final.name}.lock"):
        # A benchmark killed between the two renames of its swap left the previous pack aside.
        recover_interrupted_swaps(final.parent, final.name)
        check_output_folder(final)
        staging = final.parent / f".{final.name}.staging-{os.getpid()}"
        if staging.exists():
            shutil.rmtree(staging)
        (staging / "sections").mkdir(parents=True)
        (staging / "tables").mkdir()
        (staging / MARKER).write_text(
            "Written by evidence-pack benchmark; the next build may replace this folder.\n",
            encoding="utf-8",
        )
        try:
            # Published statistics: the DfE has already applied its own disclosure control, so
            # the section shows them in full (audience "exempt": no further suppression).
            params = {
                "review": "",
                "meeting": "",
                "audience": "exempt",
                "processed_dir": "",
                "la": la,
                "year": chosen,
                "comparators": ["England", "region", "statistical neighbours"],
            }
            say(f"section {SECTION}")
            t0 = time.perf_counter()
            env = {
                "EVIDENCE_PACK_NATIONAL": str(data.files["indicators"].parent),
                **KERNEL_ENVIRONMENT,
            }
            with environment(**env):
                nb = run_notebook(SECTION, staging / "sections" / f"{SECTION}.ipynb", params)
            timings[SECTION] = time.perf_counter() - t0
            say("assembling HTML and PDF")
            t0 = time.perf_counter()
            inputs = _inputs(data)
            sections = [pack.Section(name=SECTION, notebook=nb), sources_section(data, inputs)]
            built = dt.datetime.now(dt.UTC).replace(microsecond=0)
            commit = git_commit()
            front = benchmark_front(authority, built, commit)
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
                "kind": "benchmark",
                "authority": {
                    "asked": la,
                    "name": authority.name,
                    "dfe_code": authority.key,
                    "ons_codes": [c for c, _, _ in authority.ons_codes],
                },
                "year": chosen,
                "parameters": params,
                "built_at": built.isoformat(),
                "package_version": __version__,
                "git_commit": commit,
                "inputs": inputs,
                "timings_seconds": {k: round(v, 2) for k, v in timings.items()},
            }
            (staging / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
            swap_into_place(staging, final)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(
        folder=final, html=final / "pack.html", pdf=final / "pack.pdf", timings=timings
    )


# ---- every authority in one batch: ``evidence-pack benchmark --all --out DIR``

#: Parameters of the section in a batch, besides the authority (as :func:`build_benchmark`).
BATCH_PARAMETERS = {
    "review": "",
    "meeting": "",
    "audience": "exempt",
    "processed_dir": "",
    "year": 0,
    "comparators": ["England", "region", "statistical neighbours"],
}


@dataclass
class BatchPack:
    """One authority's pack in a batch: where it is, how long it took, or why it failed."""

    asked: str
    name: str
    region: str
    folder: str
    seconds: float
    error: str | None = None


@dataclass
class BatchResult:
    """A batch of national-picture packs: the index page and each authority's pack."""

    folder: Path
    index: Path
    packs: list[BatchPack]
    seconds: float
    setup_seconds: float

    @property
    def per_authority(self) -> float:
        """Seconds per authority, amortised (the whole batch's wall time / authorities)."""
        return self.seconds / max(1, len(self.packs))


def batch_authorities(data: NationalData, year: int | None = None) -> list[str]:
    """DfE codes of every English local authority publishing figures in ``year`` (latest).

    A joint return (``"314 / 318"``) gives one code per member council, so each council gets
    its own pack.
    """
    year = year or max(data.years)
    units = data.authorities[data.authorities["year"] == year]
    codes = []
    for key in units["key"]:
        codes.extend(part.strip() for part in key.split("/"))
    return sorted(dict.fromkeys(codes), key=lambda c: (len(c), c))


class _Kernel:
    """Runs the section notebook's cells in this process, collecting what each cell displays.

    The same notebook the meeting packs run with papermill, executed here with ``exec`` in a
    fresh namespace per authority, so the national files are read once for the whole batch and
    nothing is imported again.
    """

    def __init__(self, data: NationalData):
        import matplotlib
        import nbformat
        from IPython.core.interactiveshell import InteractiveShell

        from pipelines.core.config import notebooks_dir

        matplotlib.use("Agg")
        self.outputs: list = []
        shell = InteractiveShell.instance()
        shell.display_pub.publish = self._publish
        # ``load_national`` keeps what it read (per files), so every authority's run and every
        # forked worker uses the data read once here.
        self.data = data
        self.notebook = nbformat.read(notebooks_dir() / f"{SECTION}.ipynb", as_version=4)
        self.code = {
            i: compile(cell.source, f"<{SECTION} cell {i}>", "exec")
            for i, cell in enumerate(self.notebook.cells)
            if cell.cell_type == "code" and "parameters" not in cell.metadata.get("tags", [])
        }

    def _publish(self, data, metadata=None, **_kwargs) -> None:
        from nbformat import v4

        self.outputs.append(v4.new_output("display_data", data=data, metadata=metadata or {}))

    def run(self, parameters: dict):
        """The notebook executed with ``parameters``: cells with their display outputs."""
        import copy

        import matplotlib.pyplot as plt
        from nbformat import v4

        nb = copy.deepcopy(self.notebook)
        namespace = dict(parameters)
        for i, cell in enumerate(nb.cells):
            if i in self.code:
                self.outputs = []
                exec(self.code[i], namespace)  # noqa: S102 - the project's own notebook
                cell.outputs = self.outputs
                plt.close("all")
        nb.cells.insert(
            1, v4.new_code_cell("\n".join(f"{k} = {v!r}" for k, v in parameters.items()))
        )
        nb.cells[1].metadata["tags"] = ["injected-parameters"]
        return nb


_BATCH: dict = {}


def _batch_start(data: NationalData, staging: Path, built: dt.datetime, commit: str) -> None:
    """Set up a batch in this process (inherited by the forked workers)."""
    _BATCH.update(
        kernel=_Kernel(data),
        data=data,
        staging=staging,
        built=built,
        commit=commit,
        inputs=_inputs(data),
    )


def _batch_one(la: str) -> BatchPack:
    """Build one authority's pack into the batch's staging folder (run in a worker)."""
    from pipelines.documents import pack

    t0 = time.perf_counter()
    data = _BATCH["data"]
    try:
        authority = resolve_authority(data, la)
        folder = f"{slug(authority.asked)}-{la}"
        target = _BATCH["staging"] / folder
        (target / "tables").mkdir(parents=True)
        # Each result is used once: no processed-data folder, so none is stored.
        nowhere = str(_BATCH["staging"] / ".no-processed-data")
        nb = _BATCH["kernel"].run({**BATCH_PARAMETERS, "la": la, "processed_dir": nowhere})
        sections = [
            pack.Section(name=SECTION, notebook=nb),
            sources_section(data, _BATCH["inputs"]),
        ]
        front = benchmark_front(authority, _BATCH["built"], _BATCH["commit"])
        (target / "pack.html").write_text(pack.assemble(sections, front), encoding="utf-8")
        for fname, table in pack.collect_tables(sections).items():
            write_csv(table, target / "tables" / fname)
        return BatchPack(
            la, authority.asked, authority.region_name, folder, time.perf_counter() - t0
        )
    except (ConfigError, ValueError, KeyError) as exc:
        return BatchPack(la, la, "", "", time.perf_counter() - t0, error=str(exc).split("\n")[0])


def index_page(packs: list[BatchPack], year_note: str, seconds: float) -> str:
    """The batch's index page: one row per authority, linking its pack and its tables."""
    import html

    rows = []
    for p in sorted(packs, key=lambda p: (p.region, p.name)):
        if p.error:
            rows.append(
                f"<tr><td>{html.escape(p.name)}</td><td>{html.escape(p.region)}</td>"
                f"<td colspan=2>not built: {html.escape(p.error)}</td><td>{p.seconds:.2f}</td></tr>"
            )
            continue
        rows.append(
            f"<tr><td>{html.escape(p.name)}</td><td>{html.escape(p.region)}</td>"
            f'<td><a href="{p.folder}/pack.html">pack</a></td>'
            f'<td><a href="{p.folder}/tables/">tables (CSV)</a></td><td>{p.seconds:.2f}</td></tr>'
        )
    built = sum(1 for p in packs if not p.error)
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        "<title>National picture: every English local authority</title>"
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .5em}</style>"
        "</head><body><main><h1>National picture: children's social work workforce, every "
        f"English local authority</h1><p>{built} packs from the DfE's published statistics "
        f"({html.escape(year_note)}), built in {seconds:.0f} seconds "
        f"({seconds / max(1, len(packs)):.2f} s per authority).</p>"
        "<table><caption>Packs by region</caption><thead><tr><th scope=col>Authority</th>"
        "<th scope=col>Region</th><th scope=col>Pack (HTML)</th><th scope=col>Tables</th>"
        "<th scope=col>Seconds</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></main></body></html>\n"
    )


def build_all(
    out: Path,
    *,
    year: int | None = None,
    national: Path | None = None,
    jobs: int | None = None,
    authorities: list[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> BatchResult:
    """Build the national-picture pack (HTML and CSV tables) of every English authority.

    The DfE files are read once; the section notebook runs in this process (and in ``jobs``
    processes forked from it, which share the data read), one authority after another, with no
    kernel start-up per authority; its trend charts are drawn as SVG text
    (:func:`pipelines.sections.national.charts.trend_svg`), not as PNGs, and its results are
    not stored (each is used once). Writes ``<out>/<authority>-<code>/pack.html`` and
    ``tables/*.csv``, ``<out>/index.html`` (every authority, its region, links, seconds),
    ``index.csv`` and ``timings.json``; built in a staging folder and swapped into place.

    Parameters
    ----------
    out : Path
        The batch's folder (absent, empty, or one an earlier batch wrote).
    year : int, optional
        Year whose publishing authorities are built (default: the latest); each pack shows its
        authority's latest year, as a single benchmark does.
    national : Path, optional
        Folder holding the DfE files.
    jobs : int, optional
        Processes (default: every core).
    authorities : list of str, optional
        Only these (DfE codes or names); default :func:`batch_authorities`.
    progress : callable, optional
        Called with each authority as its pack is written.

    """
    import multiprocessing

    import pandas as pd

    from pipelines.sections.national import charts

    t_start = time.perf_counter()
    say = progress or (lambda _msg: None)
    final = Path(out)
    check_output_folder(final)
    data = load_national(national)
    codes = authorities or batch_authorities(data, year)
    jobs = max(1, min(jobs or len(os.sched_getaffinity(0)), len(codes)))
    with build_lock(final.parent / f".{final.name}.lock"):
        recover_interrupted_swaps(final.parent, final.name)
        check_output_folder(final)
        staging = final.parent / f".{final.name}.staging-{os.getpid()}"
        if staging.exists():
            shutil.rmtree(staging)
        staging.mkdir(parents=True)
        (staging / MARKER).write_text(
            "Written by evidence-pack benchmark --all; the next batch may replace this folder.\n",
            encoding="utf-8",
        )
        # The trend charts are drawn as SVG text (charts.trend_svg: the same lines, markers
        # and labels), not as matplotlib PNGs, which were most of each authority's time.
        vector, charts.VECTOR = charts.VECTOR, True
        try:
            with environment(**KERNEL_ENVIRONMENT):
                args = (data, staging, build_time(), git_commit())
                setup = time.perf_counter() - t_start
                # The first authority is built here: every import and template is then loaded
                # before the worker processes are forked, so none of them loads it again.
                _batch_start(*args)
                packs: list[BatchPack] = [_batch_one(codes[0])]
                say(f"1/{len(codes)} {packs[0].name}")
                rest = codes[1:]
                pool = None
                if jobs == 1 or not rest:
                    results = map(_batch_one, rest)
                else:
                    pool = multiprocessing.get_context("fork").Pool(jobs)
                    results = pool.imap(_batch_one, rest)
                try:
                    for done in results:
                        packs.append(done)
                        say(
                            f"{len(packs)}/{len(codes)} {done.name}"
                            + (" (failed)" * bool(done.error))
                        )
                finally:
                    if pool is not None:
                        pool.close()
                        pool.join()
            seconds = time.perf_counter() - t_start
            note = f"authorities publishing figures in {year or max(data.years)}"
            (staging / "index.html").write_text(index_page(packs, note, seconds), "utf-8")
            write_csv(
                pd.DataFrame([p.__dict__ for p in packs]).rename(columns={"asked": "la"}),
                staging / "index.csv",
            )
            (staging / "timings.json").write_text(
                json.dumps(
                    {
                        "seconds": round(seconds, 2),
                        "setup_seconds": round(setup, 2),
                        "authorities": len(packs),
                        "seconds_per_authority": round(seconds / max(1, len(packs)), 3),
                        "jobs": jobs,
                        "per_authority": {p.asked: round(p.seconds, 3) for p in packs},
                    },
                    indent=2,
                ),
                encoding="utf-8",
            )
            swap_into_place(staging, final)
        finally:
            charts.VECTOR = vector
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
    return BatchResult(final, final / "index.html", packs, seconds, setup)
