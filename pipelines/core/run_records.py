"""Records a build writes beside its tidy data, read by every notebook of the build.

The raw folder its data came from (``--raw-dir``: the officers' files are read from the same
folder) and the meeting's ``--param`` values, written into the build's processed-data folder and
read by :func:`pipelines.core.context.run_context`; an analyst re-running a notebook on that
folder sees what the pack shows.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pipelines.core.config import project_root

#: File in a processed-data folder naming the raw folder its data were read from (written by
#: :func:`pipelines.steps.write_processed`), so that the section notebooks of a build read the
#: officers' files (SWOT entries, register) from the same folder as the exports.
RAW_RECORD = "inputs.json"


#: File in a build's processed-data folder holding the meeting's ``--param`` values
#: (``{"meeting": ISO date, "parameters": {notebook: {name: value}}}``), so that every notebook of
#: the build, and an analyst re-running one on that folder, reads the meeting's parameters as the
#: pack was built with them (:func:`recorded_parameters`).
PARAMETERS_RECORD = "parameters.json"


def recorded_parameters(processed_dir: str | Path, meeting: str | dt.date | None) -> dict:
    """The ``--param`` values a build recorded for ``meeting`` in a processed-data folder.

    ``{notebook: {name: value}}``; empty when the folder has no record, or its record is of
    another meeting (the last build of the review was of another meeting) or unreadable.
    """
    path = Path(processed_dir) / PARAMETERS_RECORD
    if meeting is None or not path.is_file():
        return {}
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        return {}
    if not isinstance(record, dict) or str(record.get("meeting")) != str(meeting):
        return {}
    given = record.get("parameters")
    return (
        {str(k): dict(v) for k, v in given.items() if isinstance(v, dict)}
        if isinstance(given, dict)
        else {}
    )


def recorded_raw_dir(processed_dir: str | Path) -> str | None:
    """The raw folder (absolute) a processed-data folder's data were read from; None if none."""
    path = Path(processed_dir) / RAW_RECORD
    if not path.is_file():
        return None
    try:
        value = json.loads(path.read_text(encoding="utf-8")).get("raw_dir")
    except (ValueError, AttributeError, OSError):
        return None
    if not isinstance(value, str) or not value:
        return None
    folder = Path(value) if Path(value).is_absolute() else project_root() / value
    return str(folder) if folder.is_dir() else None  # moved since: the review's own folder


def record_parameters(processed_dir: Path, date: dt.date, parameters: dict | None) -> None:
    """Write the meeting's ``--param`` values into the build's processed-data folder.

    :data:`PARAMETERS_RECORD`: every notebook of the build (and an analyst
    re-running one on the folder) reads them through
    :func:`pipelines.core.context.run_context`, so a section that reads another section's
    parameters (retention's posts made permanent, the SWOT, the scorecard) sees the values
    that section was built with. No file when there are none.
    """
    path = Path(processed_dir) / PARAMETERS_RECORD
    path.unlink(missing_ok=True)
    if parameters:
        path.write_text(
            json.dumps(
                {"meeting": str(date), "parameters": parameters},
                indent=2,
                sort_keys=True,
                default=str,
            ),
            encoding="utf-8",
        )
