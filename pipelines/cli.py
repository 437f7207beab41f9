"""Command line: ``evidence-pack`` (also ``python -m pipelines``).

One command per meeting for the scrutiny officer::

    evidence-pack build config/reviews/luton-sw-2016.yml --meeting 2016-09-21

Exit status:

- 0: done.
- 2: something the officer can put right: a problem with the inputs (file, row, column, what
  was expected, what was found), the review configuration, an option (``--meeting 2016/09/21``),
  another build of the review running, or the file system (a full disk, a read-only or
  protected folder, a file where a folder should be). The message says what was wrong, what
  was expected and what to do; the previous pack is left as it was.
- 1: an unexpected error (a fault in the tool or its environment). One paragraph says so and
  gives the path of a log file holding the Python traceback, to send to whoever maintains the
  tool: ``outputs/<review>/.logs/<time>-<pid>.log`` for a build (``outputs/.logs/`` for other
  commands), or the system's temporary folder when outputs cannot be written.

No Python traceback is printed unless ``--debug`` is given.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Annotated

import click
import typer

from pipelines.core.errors import ConfigError, InputError, excerpt, storage_error
from pipelines.core.exports import write_csv

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Build evidence packs for scrutiny reviews of social worker recruitment and retention.",
)

ReviewArg = Annotated[
    str,
    typer.Argument(
        help="The review: its id (e.g. luton-sw-2016) or the path of its YAML "
        "under config/reviews/."
    ),
]
Debug = Annotated[bool, typer.Option("--debug", help="Show the Python traceback on errors.")]


UNCHANGED = "Nothing in outputs/ or data/processed/ was changed."


def _fail(exc: Exception, debug: bool, what: str = "The build stopped") -> None:
    if debug:
        raise exc
    typer.echo(f"{what}. {UNCHANGED}\n", err=True)
    typer.echo(str(exc), err=True)
    raise typer.Exit(code=2)


def write_error_log(exc: BaseException, folders: list[Path]) -> Path:
    """Write ``exc``'s traceback to a new log file in the first folder that can be written.

    Parameters
    ----------
    exc : BaseException
        The unexpected error.
    folders : list of Path
        Candidate folders, best first (e.g. ``outputs/<review>/.logs``); the system's temporary
        folder is tried last.

    Returns
    -------
    Path
        The log file, named ``<UTC time>-<pid>.log``.

    """
    from pipelines import __version__

    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    text = (
        f"evidence-pack {__version__}, Python {sys.version.split()[0]}\n"
        f"command: {' '.join(sys.argv)}\n\n"
        + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    )
    for folder in [*folders, Path(tempfile.gettempdir()) / "evidence-pack-logs"]:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{stamp}-{os.getpid()}.log"
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    fd, name = tempfile.mkstemp(prefix="evidence-pack-", suffix=".log")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    return Path(name)


def _log_folders(review: str | None, outputs: Path | None) -> list[Path]:
    """Where an unexpected error's log goes: ``outputs/<review>/.logs``, else ``outputs/.logs``."""
    from pipelines.core.config import project_root

    root = Path(outputs) if outputs else project_root() / "outputs"
    folders = [root / ".logs"]
    if review:
        try:
            from pipelines.core.config import load_review

            folders.insert(0, root / load_review(review).id / ".logs")
        except Exception:  # noqa: BLE001 (the review cannot be read: use outputs/.logs)
            pass
    return folders


def guarded(stopped: str, unchanged: str = UNCHANGED):
    """Wrap a command so that no traceback reaches the officer.

    The officer's problems (:class:`InputError`, :class:`ConfigError` and its subclasses, and
    file-system errors they can act on, see :func:`pipelines.core.errors.storage_error`) print
    ``"<stopped>. <unchanged>"`` and the message, exit 2. Any other exception prints one
    paragraph with the path of a log file holding the traceback (:func:`write_error_log`),
    exit 1. With ``--debug`` the exception is raised as it is.

    Parameters
    ----------
    stopped : str
        First words of the message, e.g. "The build stopped".
    unchanged : str, optional
        What was left as it was.

    """

    def wrap(command):
        @functools.wraps(command)
        def run(*args, **kwargs):
            debug = kwargs.get("debug", False)
            try:
                return command(*args, **kwargs)
            except (typer.Exit, typer.Abort, click.exceptions.Exit, click.ClickException):
                raise
            except (InputError, ConfigError) as exc:
                if debug:
                    raise
                message = str(exc)
            except OSError as exc:
                officer = storage_error(exc)
                if debug or officer is None:
                    if debug:
                        raise
                    _unexpected(exc, stopped, unchanged, kwargs)
                message = str(officer)
            except Exception as exc:  # noqa: BLE001 (the one place every other error is caught)
                if debug:
                    raise
                _unexpected(exc, stopped, unchanged, kwargs)
            typer.echo(f"{stopped}. {unchanged}\n", err=True)
            typer.echo(message, err=True)
            raise typer.Exit(code=2)

        return run

    return wrap


def _unexpected(exc: Exception, stopped: str, unchanged: str, kwargs: dict) -> None:
    """Print the one-paragraph message for an unexpected error, with its log's path; exit 1."""
    review = kwargs.get("review")
    outputs = kwargs.get("outputs")
    log = write_error_log(exc, _log_folders(review, outputs))
    typer.echo(
        f"{stopped} because of an unexpected error ({type(exc).__name__}: "
        f"{excerpt(exc, 160)}). {unchanged} This is a fault in the tool or its environment, "
        f"not in your exports: the details are in {log}"
        + (
            f" and the failed section's executed notebook is kept at {kept}"
            if (kept := getattr(exc, "kept_notebook", None))
            else ""
        )
        + ". Send that to whoever maintains evidence-pack; run the command again with --debug "
        "to see the details on screen.",
        err=True,
    )
    raise typer.Exit(code=1)


class _Progress:
    """Progress callback for a build: counts the step just finished and names the next.

    On a terminal it redraws one bar; otherwise (CI logs, a file) it prints one plain line per
    step (``Meeting 2016-09-21 (all) 3/12 sections [14 s]``), never carriage-return redraws.
    """

    def __init__(self, bar, lines: bool = False, label: str = "", total: int = 0):
        self.bar, self.started = bar, False
        self.lines, self.label, self.total, self.done = lines, label, total, 0
        self.start = time.monotonic()

    def __call__(self, message: str) -> None:
        if self.started:
            self.bar.update(1)
            self.done += 1
        self.started = True
        self.bar.set_description_str(message)
        if self.lines:
            elapsed = time.monotonic() - self.start
            print(
                f"{self.label} {self.done}/{self.total} {message} [{elapsed:.0f} s]",
                file=sys.stderr,
                flush=True,
            )


@app.command()
@guarded("The build stopped")
def build(
    review: ReviewArg,
    meeting: Annotated[
        list[str] | None,
        typer.Option(
            "--meeting",
            "-m",
            help="Meeting date (YYYY-MM-DD); repeat for several. "
            "Default: every meeting that has sections.",
        ),
    ] = None,
    variant: Annotated[
        str | None,
        typer.Option(
            help="What to build. 'all' (default; 'both' and 'exempt' mean the same): the "
            "public committee report (public/), its exempt appendix (exempt/, NOT FOR "
            "PUBLICATION) and the technical annex (internal/). 'public': public/ and "
            "internal/ only, from the public run (faster; an earlier exempt/ is removed)."
        ),
    ] = None,
    outputs: Annotated[
        Path | None, typer.Option(help="Folder for built packs (default: outputs/).")
    ] = None,
    processed: Annotated[
        Path | None, typer.Option(help="Folder for tidy data (default: data/processed/).")
    ] = None,
    raw_dir: Annotated[
        Path | None, typer.Option(help="Folder of the raw exports (default: the review's raw_dir).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")] = False,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help="A section parameter for this build, SECTION.KEY=VALUE (e.g. "
            "workforce.posts_made_permanent=20 or 40_workforce_costs.agency_hourly_rate=35); "
            "repeat for several. Checked with the section's parameters; recorded in the "
            "manifest.",
        ),
    ] = None,
    debug: Debug = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Sections run at once (default: every core)."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Run every step again (ignore the step cache).")
    ] = False,
    annex_pdf: Annotated[
        bool,
        typer.Option(
            "--annex-pdf",
            help="Also write the technical annex as PDF (internal/annex.pdf); its HTML is "
            "always written. The longest document to write, so made on request.",
        ),
    ] = False,
) -> None:
    """Clean, validate and build each meeting's committee report, exempt appendix and annex."""
    from tqdm import tqdm

    from pipelines.core.registry import parse_parameter_overrides
    from pipelines.orchestrator import build_pack, buildable_meetings, step_count

    try:
        overrides = parse_parameter_overrides(param or [])
    except ValueError as exc:
        _fail(ConfigError(f"A --param is not right:\n{exc}"), debug)
    # Folders given relative to where the command runs: the section notebooks run elsewhere.
    outputs, processed, raw_dir = (p.absolute() if p else p for p in (outputs, processed, raw_dir))

    def tell(message: str) -> None:
        tqdm.write(message, file=sys.stderr)

    try:
        dates = meeting or buildable_meetings(review)
        variants = [variant]
        for date, one_variant in ((d, v) for d in dates for v in variants):
            total = step_count(review, date, one_variant)
            lines = not quiet and not sys.stderr.isatty()
            with tqdm(
                total=total,
                disable=quiet or lines,
                file=sys.stderr,
                bar_format=f"Meeting {date} ({one_variant or 'all'}) "
                "{n_fmt}/{total_fmt} {desc} [{elapsed}]",
                desc="starting",
            ) as bar:
                result = build_pack(
                    review,
                    date,
                    variant=one_variant,
                    outputs_root=outputs,
                    processed_root=processed,
                    raw_dir=raw_dir,
                    progress=(
                        progress := _Progress(
                            bar, lines, f"Meeting {date} ({one_variant or 'all'})", total
                        )
                    ),
                    notify=tell,
                    parameters=overrides,
                    jobs=jobs,
                    use_cache=not no_cache,
                    annex_pdf=annex_pdf,
                )
                progress(f"done in {result.timings['total']:.0f} s")
            typer.echo(f"{result.html}\n{result.pdf}\n{result.meeting_folder}")
    except (InputError, ConfigError) as exc:
        _fail(exc, debug)


@app.command()
@guarded("Cleaning stopped")
def clean(
    review: ReviewArg,
    raw_dir: Annotated[
        Path | None, typer.Option(help="Folder of the raw exports (default: the review's raw_dir).")
    ] = None,
    debug: Debug = False,
) -> None:
    """Read and clean a review's exports into data/processed/<review>/ without building a pack."""
    from pipelines import steps
    from pipelines.core.context import run_context

    try:
        ctx = run_context(review)
        cleaned = steps.read_and_clean(ctx, raw_dir)
        for path in steps.write_processed(cleaned, ctx.processed_dir):
            typer.echo(path)
    except (InputError, ConfigError) as exc:
        _fail(exc, debug, "Cleaning stopped")


def _print_table(title: str, table) -> None:
    """Print a DataFrame as a plain table with a title (rich, no index)."""
    from rich.console import Console
    from rich.table import Table

    out = Table(title=title, title_justify="left", show_lines=False)
    for column in table.columns:
        out.add_column(
            str(column),
            justify="right" if table[column].dtype.kind in "if" else "left",
            overflow="fold",
        )
    for row in table.itertuples(index=False):
        out.add_row(*["" if v is None else str(v) for v in row])
    Console(width=150).print(out)


@app.command()
@guarded("Validation stopped")
def validate(
    review: ReviewArg,
    raw_dir: Annotated[
        Path | None, typer.Option(help="Folder of the raw exports (default: the review's raw_dir).")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(help="Folder for the results (default: outputs/<review>/validation/)."),
    ] = None,
    debug: Debug = False,
) -> None:
    """Read, clean and validate every raw dataset of a review without building a pack.

    Prints what was read and fixed and every check's result, writes the Great Expectations
    results (validation.json) and the summary (validation.csv), and exits 0 only when no critical
    check failed. Warnings are listed but do not fail.
    """
    import json

    from pipelines import steps
    from pipelines.core.cleaning import row_accounts
    from pipelines.core.config import project_root
    from pipelines.core.context import run_context
    from pipelines.core.validation_summary import rows_table

    try:
        ctx = run_context(review)
        result = steps.read_and_clean(ctx, raw_dir)
    except (InputError, ConfigError) as exc:
        _fail(exc, debug, "Validation stopped while reading the exports")
    report = steps.validate(ctx, result.frames)
    folder = out or project_root() / "outputs" / ctx.review.id / "validation"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "validation.json").write_text(
        json.dumps(report.to_dict(), indent=2, default=str), encoding="utf-8"
    )
    summary = report.summary_table()
    write_csv(summary, folder / "validation.csv")
    rows = rows_table(row_accounts(result, steps.check_settings(ctx.review)))
    for title, table in (
        ("Rows read, left out by reason and used", rows),
        ("What cleaning fixed", result.log.to_frame()),
        ("Validation checks", summary),
    ):
        _print_table(title, table)
    failed = report.failed()
    critical = [r for r in failed if r.severity == "critical"]
    typer.echo(
        f"\n{len(summary)} checks: {len(summary) - len(failed)} passed, "
        f"{len(critical)} critical failed, {len(failed) - len(critical)} warnings. "
        f"Results in {folder}"
    )
    if critical:
        typer.echo("", err=True)
        typer.echo(
            "\n\n".join(p.render() for p in report.critical_problems(result.frames)), err=True
        )
        raise typer.Exit(code=2)


@app.command()
@guarded("The parameters cannot be listed", "Nothing was changed.")
def parameters(
    review: ReviewArg,
    section: Annotated[
        str, typer.Argument(help="The section's notebook, e.g. 40_workforce_costs.")
    ],
    meeting: Annotated[str, typer.Option("--meeting", "-m", help="Meeting date (YYYY-MM-DD).")],
    audience: Annotated[str, typer.Option(help="'exempt' or 'public'.")] = "exempt",
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="SECTION.KEY=VALUE, as for build.")
    ] = None,
    debug: Debug = False,
) -> None:
    """Print, as YAML, the parameters a build gives one section of a meeting (for papermill -f)."""
    import yaml

    from pipelines.core.config import load_review
    from pipelines.core.registry import parse_parameter_overrides
    from pipelines.orchestrator import meeting_date, pack_sections

    try:
        cfg = load_review(review)
        mtg = cfg.meeting(meeting_date(cfg, meeting))
        refs = pack_sections(mtg, parse_parameter_overrides(param or []))
    except ValueError as exc:
        _fail(ConfigError(str(exc)), debug, "The parameters cannot be listed")
    except ConfigError as exc:
        _fail(exc, debug, "The parameters cannot be listed")
    ref = next((r for r in refs if r.notebook == section), None)
    if ref is None:
        _fail(
            ConfigError(
                f"The pack of {mtg.date} has no section {section} (its sections: "
                f"{', '.join(r.notebook for r in refs)})."
            ),
            debug,
            "The parameters cannot be listed",
        )
    common = {"review": cfg.id, "meeting": str(mtg.date), "audience": audience}
    typer.echo(yaml.safe_dump({**common, **ref.parameters}, sort_keys=False, allow_unicode=True))
    defaults = section_defaults(section, ref.parameters)
    if defaults:
        typer.echo("# Defaults: not set by the review, the section uses these")
        typer.echo(yaml.safe_dump(defaults, sort_keys=False, allow_unicode=True))


def section_defaults(notebook: str, given: dict) -> dict:
    """The parameters of a section the review does not set, with the default each takes.

    Read from the section's parameter model in the registry; the run's own (review, meeting,
    audience, processed_dir) and required ones without a default are left out.
    """
    from pydantic_core import PydanticUndefined

    from pipelines.core.registry import get_section

    model = get_section(notebook).parameters
    out = {}
    for name, field in (model.model_fields if model else {}).items():
        if name in given or name in ("review", "meeting", "audience", "processed_dir"):
            continue
        if field.default is PydanticUndefined and field.default_factory is None:
            continue
        value = field.get_default(call_default_factory=True)
        out[name] = value.model_dump(mode="json") if hasattr(value, "model_dump") else value
    return out


@app.command()
@guarded("The meetings cannot be listed", "Nothing was changed.")
def meetings(review: ReviewArg, debug: Debug = False) -> None:
    """List the review's meetings and the sections each meeting's pack contains."""
    from pipelines.core.config import load_review

    try:
        cfg = load_review(review)
    except ConfigError as exc:
        _fail(exc, debug, "The review configuration cannot be read")
    for m in cfg.meetings:
        sections = ", ".join(s.notebook for s in m.sections) or "no pack"
        typer.echo(f"{str(m.date or 'no date'):<12} {m.label:<40} {sections}")


@app.command()
@guarded("The demo exports were not written", "Files already written were left as they are.")
def demo(
    out: Annotated[
        Path | None, typer.Option(help="Folder to write to (default: data/raw/demo/<review>).")
    ] = None,
    review: Annotated[
        str,
        typer.Option(help="Which demo review: luton-sw-2016 (2016) or coventry-sw-2018 (2018)."),
    ] = "luton-sw-2016",
    debug: Debug = False,
) -> None:
    """Regenerate the synthetic demo exports of a demo review (deterministic)."""
    from pipelines.demo import DEFAULT_OUT_DIR, coventry, write_all_demo

    writers = {
        "luton-sw-2016": lambda: write_all_demo(out or DEFAULT_OUT_DIR),
        coventry.REVIEW: lambda: coventry.write_coventry_demo(out or coventry.DEFAULT_OUT_DIR),
    }
    if review not in writers:
        _fail(
            ConfigError(f"No demo review '{review}': choose one of {', '.join(writers)}."),
            debug,
            "The demo exports were not written",
        )
    for path in writers[review]():
        typer.echo(path)


@app.command("fetch-national")
@guarded("The download stopped", "The national data already in place were not changed.")
def fetch_national(
    url: Annotated[
        str | None,
        typer.Option(
            help="Folder URL of the DfE release; each file is fetched from <url>/<file>. "
            "Default: url in config/national.yml."
        ),
    ] = None,
    dest: Annotated[
        Path | None, typer.Option(help="Folder to write to (default: data/raw/national/).")
    ] = None,
    debug: Debug = False,
) -> None:
    """Download the DfE children's social work workforce statistics into data/raw/national/."""
    from pipelines.datasets.national.fetch import fetch_national as fetch

    try:
        result = fetch(url, dest)
    except (InputError, ConfigError) as exc:
        if debug:
            raise
        typer.echo(
            "The download stopped. The national data already in place were not changed.\n", err=True
        )
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=2) from None
    for name, info in result.files.items():
        typer.echo(f"{result.folder / name}  ({info['bytes']:,} bytes from {info['url']})")


@app.command()
@guarded("The benchmark pack was not built", "Nothing in outputs/ was changed.")
def benchmark(
    la: Annotated[
        str | None,
        typer.Option(
            "--la",
            help="The local authority: its name (e.g. Barnsley), ONS code (e.g. E10000017) "
            "or DfE code (e.g. 333).",
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            help="Reporting year (figures at 30 September). Default: the latest with figures."
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(help="Folder for the pack (default: outputs/benchmark/<authority>/<year>/)."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")] = False,
    debug: Debug = False,
    every: Annotated[
        bool, typer.Option("--all", help="Every English authority (needs --out); HTML and CSV.")
    ] = False,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Processes (default: every core).")
    ] = None,
) -> None:
    """Build a national-picture pack (HTML and PDF) for any English local authority.

    With --all (and --out DIR): every English authority in one batch (HTML and CSV tables, an
    index page), the DfE files read once.
    """
    from pipelines.benchmark import build_all, build_benchmark

    def say(message: str) -> None:
        if not quiet:
            typer.echo(f"Benchmark {la or 'all'}: {message}", err=True)

    try:
        if every or la is None:
            if not every or out is None or la is not None:
                raise ConfigError("Give either --la AUTHORITY, or --all with --out FOLDER.")
            batch = build_all(out, year=year, jobs=jobs, progress=say)
            failed = [p for p in batch.packs if p.error]
            typer.echo(
                f"{batch.index}\n{len(batch.packs) - len(failed)} packs in {batch.seconds:.0f} s "
                f"({batch.per_authority:.2f} s per authority)"
                + "".join(f"\nnot built: {p.asked}: {p.error}" for p in failed)
            )
            return
        result = build_benchmark(la, year, out=out, progress=say)
    except (InputError, ConfigError) as exc:
        if debug:
            raise
        typer.echo("The benchmark pack was not built. Nothing in outputs/ was changed.\n", err=True)
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=2) from None
    typer.echo(f"{result.html}\n{result.pdf}")


def main() -> None:
    """Entry point of ``evidence-pack`` and ``python -m pipelines``: run the command and leave.

    The command's exit code is kept; its output is flushed and logging shut down, then the
    process ends at once (``os._exit``): the interpreter's own teardown of what a build imports
    (Great Expectations' modules above all) took most of a second of every command and does
    nothing the command needs (every file is written and closed, every worker and kernel has
    stopped by then). An unexpected error still ends the usual way, with its traceback.
    """
    import logging

    try:
        app()
        code = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:  # a message given to sys.exit
            print(exc.code, file=sys.stderr)
            code = 1
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


@app.command()
def init(
    review_id: Annotated[
        str, typer.Argument(help="The new review's id, e.g. barnsley-sw-2026 (names its files).")
    ],
    council: Annotated[
        str, typer.Option(help="The council's name, e.g. 'Barnsley Metropolitan Borough Council'.")
    ],
    la: Annotated[
        str,
        typer.Option(
            "--la",
            help="The local authority: DfE code (e.g. 331), ONS code (e.g. E08000026) or name.",
        ),
    ],
    committee: Annotated[
        str | None, typer.Option(help="The group's name (default: names the council).")
    ] = None,
    officer: Annotated[
        str | None, typer.Option(help="The contact officer named on the cover.")
    ] = None,
    meeting: Annotated[
        str | None,
        typer.Option(help="Date of the first meeting, YYYY-MM-DD (default: today)."),
    ] = None,
    debug: Debug = False,
) -> None:
    """Start a review: its configuration, raw folder, blank export templates and data dictionary."""
    import datetime as dt

    from pipelines.core.export_files import display_path
    from pipelines.scaffold import init_review

    try:
        try:
            first = dt.date.fromisoformat(meeting) if meeting else None
        except ValueError:
            raise ConfigError(f'--meeting "{meeting}" is not a date as YYYY-MM-DD.') from None
        result = init_review(
            review_id, council, la, committee=committee, officer=officer, meeting=first
        )
    except ConfigError as exc:
        if debug:
            raise
        typer.echo("The review was not started. Nothing was written.\n", err=True)
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=2) from None
    typer.echo(f"Local authority: {result.authority.describe()}")
    typer.echo(f"Wrote {display_path(result.config)} (check each value; every key is commented)")
    typer.echo(
        f"Wrote {display_path(result.raw_dir)}/: put the exports here, named as in the "
        f"configuration; blank templates (CSV and XLSX) are in "
        f"{display_path(result.raw_dir / 'templates')}/ and every column is described in "
        f"{display_path(result.dictionary[0])}"
    )
    typer.echo("\nNext:")
    for command in result.next_commands:
        typer.echo(f"  {command}")


@app.command()
def datasets(review: ReviewArg, debug: Debug = False) -> None:
    """List a review's datasets: file, whether it is present, and which sections need it."""
    import pandas as pd

    from pipelines.core.config import load_review
    from pipelines.scaffold import dataset_status

    try:
        cfg = load_review(review)
        rows = dataset_status(review)
    except ConfigError as exc:
        _fail(exc, debug, "The review configuration cannot be read")
    table = pd.DataFrame(
        [
            {
                "Dataset": r.dataset,
                "File": (r.file + (f" [{r.sheet}]" if r.sheet else "")) or "(not in the review)",
                "Present": "yes" if r.present else ("no" if r.file else "-"),
                "Needed by": ", ".join(r.sections) or "-",
                "Used if present by": ", ".join(r.optional_for) or "-",
            }
            for r in rows
        ]
    )
    _print_table(f"Datasets of {cfg.id} (raw folder {cfg.raw_dir})", table)
    typer.echo(f"Local authority: {cfg.authority.describe()}")


if __name__ == "__main__":  # python -m pipelines.cli, as python -m pipelines
    main()
