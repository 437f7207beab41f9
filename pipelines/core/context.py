"""The run context: everything a step needs to know about the run it is part of.

One object, passed as an argument from the orchestrator (or made by the first cell of a notebook
in JupyterLab), says which review and meeting are being built, for which audience (and so which
disclosure policy applies), where the tidy data are and where the outputs go. Nothing is carried
in environment variables.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipelines.core.config import Review, load_review, project_root
from pipelines.core.disclosure import AUDIENCES, Policy
from pipelines.core.errors import ConfigError
from pipelines.core.run_records import recorded_parameters, recorded_raw_dir
from pipelines.core.time_true import at_meeting


@dataclass(frozen=True)
class RunContext:
    """Which review, meeting and audience a run is for, and its folders.

    Attributes
    ----------
    review : Review or None
        The review configuration (None for a run without a review, such as the standalone
        national benchmark).
    meeting : datetime.date or None
        The meeting the pack is for (None outside a meeting, e.g. ``evidence-pack validate``).
    policy : Policy
        The audience (``exempt`` or ``public``) and its disclosure threshold.
    processed_dir : Path
        Folder of this review's tidy data (``data/processed/<review>/`` or a build's staging
        copy of it).
    output_dir : Path or None
        Folder the pack is written to, when one is being built.
    review_ref : str
        The review as the caller named it (its id, or the path of its YAML).

    """

    review: Review | None
    meeting: dt.date | None
    policy: Policy
    processed_dir: Path
    output_dir: Path | None = None
    review_ref: str = ""

    @property
    def audience(self) -> str:
        """``"exempt"`` or ``"public"``."""
        return self.policy.audience

    def load(self, dataset: str) -> pd.DataFrame:
        """A tidy dataset of this run (``<processed_dir>/<dataset>.parquet``)."""
        path = self.processed_dir / f"{dataset}.parquet"
        if not path.exists():
            review = self.review.id if self.review else ""
            raise FileNotFoundError(
                f"No processed {dataset} data for review '{review}' at {path}. "
                f"Run: evidence-pack clean {self.review_ref or review}"
            )
        return pd.read_parquet(path)

    def frames(self) -> dict[str, pd.DataFrame]:
        """Every tidy dataset of this run, keyed by dataset (cleaning log and summary left out)."""
        from pipelines.core.validation_summary import load_frames

        return load_frames(self.processed_dir)


def default_processed_root() -> Path:
    """``data/processed`` of the project."""
    return project_root() / "data" / "processed"


def run_context(
    review: str | Path | Review,
    meeting: str | dt.date | None = None,
    *,
    audience: str | None = None,
    processed_dir: str | Path | None = None,
    output_dir: str | Path | None = None,
) -> RunContext:
    """The context for a notebook or a step: what a notebook's first code cell calls.

    Parameters
    ----------
    review : str, Path or Review
        Review id, path of its YAML, or the loaded config; empty for a run without a review
        (the standalone national benchmark), whose audience defaults to exempt and whose
        threshold is the default of :class:`~pipelines.core.disclosure.Policy`.
    meeting : str or date, optional
        Meeting date (ISO).
    audience : str, optional
        ``"exempt"`` or ``"public"``; defaults to the review's ``default_variant``. Setting
        ``"public"`` in a notebook gives the public figures (small numbers suppressed).
    processed_dir : str or Path, optional
        Folder of the review's tidy data; empty or None means ``data/processed/<review>/``.
        When given (as a build gives it to every section notebook) and its data were read from
        another raw folder than the review's (``--raw-dir``), the context's review reads its
        officers' files (SWOT entries, register) from that folder too
        (:func:`pipelines.core.run_records.recorded_raw_dir`); and the meeting's ``--param`` values
        the build recorded there replace the configured ones in the context's review
        (:func:`pipelines.core.run_records.recorded_parameters`), so a section reading another's
        parameters sees the values that section was built with.
    output_dir : str or Path, optional
        Folder of the pack being built.

    """
    if audience and audience not in AUDIENCES:
        raise ConfigError(f"Unknown audience '{audience}': choose one of {', '.join(AUDIENCES)}.")
    if not review:
        return RunContext(
            review=None,
            meeting=dt.date.fromisoformat(str(meeting)) if meeting else None,
            policy=Policy(audience or "exempt"),
            processed_dir=Path(processed_dir) if processed_dir else default_processed_root(),
            output_dir=Path(output_dir) if output_dir else None,
        )
    cfg = review if isinstance(review, Review) else load_review(review)
    audience = audience or cfg.default_variant
    when = None
    if meeting:
        when = meeting if isinstance(meeting, dt.date) else cfg.meeting(str(meeting)).date
    folder = Path(processed_dir) if processed_dir else default_processed_root() / cfg.id
    if processed_dir:
        cfg = cfg.with_raw_dir(recorded_raw_dir(folder))
        cfg = cfg.with_section_parameters(when, recorded_parameters(folder, when))
    cfg = at_meeting(cfg, when)  # sources as the meeting's papers may cite them (time-true)
    return RunContext(
        review=cfg,
        meeting=when,
        policy=Policy(audience, cfg.disclosure_threshold),
        processed_dir=folder,
        output_dir=Path(output_dir) if output_dir else None,
        review_ref=str(review) if not isinstance(review, Review) else cfg.id,
    )


def data_after_meeting(review: Review, meeting_date: dt.date | None) -> list[tuple[str, str]]:
    """What the data describe after a meeting's date: (dataset, sentence) pairs.

    The review period ending after the meeting (``("leavers", "The data run to 30 September
    2025, after this meeting (12 September 2025).")``), and each export whose ``as_at`` is
    after it. Empty when the meeting has no date or every date is on or before it.
    """
    if meeting_date is None:
        return []
    when = f"{meeting_date.day} {meeting_date:%B %Y}"
    out = []
    end = review.period.end
    if end > meeting_date:
        out.append(
            ("leavers", f"The data run to {end.day} {end:%B %Y}, after this meeting ({when}).")
        )
    for key, ds in review.datasets.items():
        if ds.as_at is not None and ds.as_at > meeting_date and ds.as_at != end:
            out.append(
                (
                    key,
                    f"The {key.replace('_', ' ')} export is at {ds.as_at.day} "
                    f"{ds.as_at:%B %Y}, after this meeting ({when}).",
                )
            )
    return out
