"""``evidence-pack fetch-national``: download the DfE files named in ``config/national.yml``.

The files go to ``data/raw/national/`` (never committed), each checked for size and recorded
with its URL and SHA-256.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.core.errors import ConfigError
from pipelines.datasets.national.dfe import load_national_config, read_indicators, read_neighbours

# --------------------------------------------------------------------------- downloading


@dataclass
class Fetched:
    """What ``fetch-national`` downloaded: file -> (url, bytes, sha256)."""

    folder: Path
    files: dict[str, dict] = field(default_factory=dict)


def _download(url: str, dest: Path, limit_bytes: int, timeout: float) -> int:
    request = urllib.request.Request(url, headers={"User-Agent": "scrutiny-evidence-pack"})
    size = 0
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response, open(dest, "wb") as f:
            while chunk := response.read(1 << 16):
                size += len(chunk)
                if size > limit_bytes:
                    raise ConfigError(
                        f"The download from {url} is larger than "
                        f"{limit_bytes / 1e6:.0f} MB (max_download_mb in "
                        "config/national.yml); stopped."
                    )
                f.write(chunk)
    except urllib.error.HTTPError as exc:
        raise ConfigError(
            f"Could not download {url}: the server answered {exc.code} "
            f"{exc.reason}. Check the url in config/national.yml or --url."
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        if isinstance(exc, ConfigError):
            raise
        reason = getattr(exc, "reason", exc)
        raise ConfigError(
            f"Could not download {url}: {reason}. Check the connection and the "
            "url in config/national.yml or --url."
        ) from None
    return size


def fetch_national(
    url: str | None = None, dest: Path | None = None, config: Path | None = None
) -> Fetched:
    """Download the current release into ``data/raw/national/`` (or ``dest``).

    Each file in ``config/national.yml`` is fetched from ``<url>/<file>`` into a temporary
    folder beside the destination, read with :func:`read_indicators` / :func:`read_neighbours`
    to prove it is usable, and only then moved into place with a ``SOURCE.json`` recording the
    URL, size, SHA-256 and time of download. A failed or bad download leaves the previous copy
    untouched.

    Parameters
    ----------
    url : str, optional
        Folder URL of the release; default: ``url`` in the configuration.
    dest : Path, optional
        Destination folder; default: ``folder`` in the configuration.

    Raises
    ------
    ConfigError
        The server could not be reached or refused a file (URL and status in the message).
    InputError
        A downloaded file is not the expected table (file, row and column named).

    """
    import hashlib

    cfg = load_national_config(config)
    base = (url or cfg.url).rstrip("/")
    dest = Path(dest) if dest else cfg.path("folder")
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.download-", dir=dest.parent))
    result = Fetched(folder=dest)
    try:
        limit = int(cfg.max_download_mb * 1e6)
        for kind, name in (
            ("indicators", cfg.files.indicators),
            ("neighbours", cfg.files.neighbours),
        ):
            file_url = f"{base}/{name}"
            size = _download(file_url, staging / name, limit, cfg.timeout_seconds)
            reader = read_indicators if kind == "indicators" else read_neighbours
            reader(staging / name, display=file_url)
            result.files[name] = {
                "url": file_url,
                "bytes": size,
                "sha256": hashlib.sha256((staging / name).read_bytes()).hexdigest(),
                "downloaded_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            }
        (staging / "SOURCE.json").write_text(
            json.dumps(
                {
                    "licence": "Open Government Licence v3.0",
                    "source": cfg.source,
                    "files": result.files,
                },
                indent=2,
            ),
            encoding="utf-8",
        )
        dest.mkdir(parents=True, exist_ok=True)
        for item in staging.iterdir():
            os.replace(item, dest / item.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result
