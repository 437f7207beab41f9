"""Command line: ``evidence-pack`` (also ``python -m pipelines``).

One command per meeting for the scrutiny officer::

    evidence-pack build config/reviews/luton-sw-2016.yml --meeting 2016-09-21

Problems with the inputs are printed as the officer's message (file, row, column, what was
expected, what was found) with no traceback, and the command exits with status 2; the previous
pack is left as it was. ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from pipelines.errors import ConfigError, InputError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Build evidence packs for scrutiny reviews of social worker recruitment "
                       "and retention.")

ReviewArg = Annotated[str, typer.Argument(
    help="The review: its id (e.g. luton-sw-2016) or the path of its YAML under config/reviews/.")]
Debug = Annotated[bool, typer.Option("--debug", help="Show the Python traceback on errors.")]


def _fail(exc: Exception, debug: bool, what: str = "The build stopped") -> None:
    if debug:
        raise exc
    typer.echo(f"{what}. Nothing in outputs/ or data/processed/ was changed.\n", err=True)
    typer.echo(str(exc), err=True)
    raise typer.Exit(code=2)


class _Progress:
    """Progress callback for a build: counts the step just finished and names the next."""

    def __init__(self, bar):
        self.bar, self.started = bar, False

    def __call__(self, message: str) -> None:
        if self.started:
            self.bar.update(1)
        self.started = True
        self.bar.set_description_str(message)


@app.command()
def build(
    review: ReviewArg,
    meeting: Annotated[list[str] | None, typer.Option(
        "--meeting", "-m", help="Meeting date (YYYY-MM-DD); repeat for several. "
                                "Default: every meeting that has sections.")] = None,
    variant: Annotated[str | None, typer.Option(
        help="Pack variant: 'exempt' (full detail, NOT FOR PUBLICATION), 'public' (small "
             "numbers suppressed, free text removed, OFFICIAL) or 'both'. "
             "Default: the review's default_variant.")] = None,
    outputs: Annotated[Path | None, typer.Option(
        help="Folder for built packs (default: outputs/).")] = None,
    processed: Annotated[Path | None, typer.Option(
        help="Folder for tidy data (default: data/processed/).")] = None,
    raw_dir: Annotated[Path | None, typer.Option(
        help="Folder of the raw exports (default: the review's raw_dir).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")] = False,
    debug: Debug = False,
) -> None:
    """Clean, validate and build the evidence pack (HTML and PDF) for one or more meetings."""
    from tqdm import tqdm

    from pipelines.build import build_pack, buildable_meetings, step_count

    try:
        dates = meeting or buildable_meetings(review)
        variants = ["exempt", "public"] if variant == "both" else [variant]
        for date, one_variant in ((d, v) for d in dates for v in variants):
            with tqdm(total=step_count(review, date), disable=quiet, file=sys.stderr,
                      bar_format=f"Pack {date} ({one_variant or 'default variant'}) "
                                 "{n_fmt}/{total_fmt} {desc} [{elapsed}]",
                      desc="starting") as bar:
                result = build_pack(review, date, variant=one_variant, outputs_root=outputs,
                                    processed_root=processed, raw_dir=raw_dir,
                                    progress=(progress := _Progress(bar)))
                progress(f"done in {result.timings['total']:.0f} s")
            typer.echo(f"{result.html}\n{result.pdf}")
    except (InputError, ConfigError) as exc:
        _fail(exc, debug)


@app.command()
def clean(review: ReviewArg,
          raw_dir: Annotated[Path | None, typer.Option(
              help="Folder of the raw exports (default: the review's raw_dir).")] = None,
          debug: Debug = False) -> None:
    """Read and clean a review's exports into data/processed/<review>/ without building a pack."""
    from pipelines import processed_dir
    from pipelines.clean import clean_review, write_processed
    from pipelines.config import load_review

    try:
        cfg = load_review(review)
        result = clean_review(raw_dir or cfg.raw_path(), cfg.datasets)
        for path in write_processed(result, processed_dir(cfg.id)):
            typer.echo(path)
    except (InputError, ConfigError) as exc:
        _fail(exc, debug, "Cleaning stopped")


@app.command()
def meetings(review: ReviewArg, debug: Debug = False) -> None:
    """List the review's meetings and the sections each meeting's pack contains."""
    from pipelines.config import load_review

    try:
        cfg = load_review(review)
    except ConfigError as exc:
        _fail(exc, debug, "The review configuration cannot be read")
    for m in cfg.meetings:
        sections = ", ".join(s.notebook for s in m.sections) or "no pack"
        typer.echo(f"{str(m.date or 'TBA'):<12} {m.label:<40} {sections}")


@app.command()
def demo(out: Annotated[Path | None, typer.Option(
        help="Folder to write to (default: data/raw/demo/luton-sw-2016).")] = None) -> None:
    """Regenerate the synthetic demo exports of the Luton review (deterministic)."""
    from pipelines.demo import write_luton_demo
    from pipelines.demo.luton import DEFAULT_OUT

    for path in write_luton_demo(out or DEFAULT_OUT):
        typer.echo(path)


def main() -> None:
    """Entry point for ``python -m pipelines``."""
    app()
