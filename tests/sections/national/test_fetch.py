"""``evidence-pack fetch-national`` against a local HTTP server serving the shared DfE files.

The server listens on 127.0.0.1 on a free port, in a daemon thread, and is shut down after the
module's tests (and by a timer after 120 seconds whatever happens), so it always stops.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import threading

import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.core.errors import ConfigError, InputError
from pipelines.datasets.national.dfe import load_national
from pipelines.datasets.national.fetch import fetch_national
from tests.sections.national.conftest import DFE, INDICATORS, NEIGHBOURS, copy_files


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output clean
        pass


def _serve(folder):
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    timer = threading.Timer(120, server.shutdown)
    timer.daemon = True
    timer.start()
    return server, thread, timer


@pytest.fixture(scope="module")
def server():
    srv, thread, timer = _serve(DFE)
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}"
    finally:
        timer.cancel()
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=10)


@pytest.fixture
def bad_server(tmp_path):
    folder = copy_files(tmp_path / "served")
    srv, thread, timer = _serve(folder)
    try:
        yield folder, f"http://127.0.0.1:{srv.server_address[1]}"
    finally:
        timer.cancel()
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=10)


def test_fetch_downloads_both_files_with_their_fingerprints(server, tmp_path):
    dest = tmp_path / "national"
    result = fetch_national(server, dest)
    for src in (INDICATORS, NEIGHBOURS):
        assert (dest / src.name).read_bytes() == src.read_bytes()
        info = result.files[src.name]
        assert info["sha256"] == hashlib.sha256(src.read_bytes()).hexdigest()
        assert info["url"] == f"{server}/{src.name}"
    source = json.loads((dest / "SOURCE.json").read_text(encoding="utf-8"))
    assert set(source["files"]) == {INDICATORS.name, NEIGHBOURS.name}
    assert "Open Government Licence" in source["licence"]
    assert load_national(dest).years[-1] == 2025
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".national.download-")]


def test_cli_fetch_national_reports_files(server, tmp_path):
    result = CliRunner().invoke(
        app, ["fetch-national", "--url", server + "/", "--dest", str(tmp_path / "n")]
    )
    assert result.exit_code == 0, result.output
    assert "csww_indicators_2017_to_2025.csv" in result.output and "bytes from" in result.output


def test_a_missing_file_names_the_url_and_status_and_keeps_the_old_copy(server, tmp_path):
    dest = copy_files(tmp_path / "national")
    before = (dest / INDICATORS.name).read_bytes()
    with pytest.raises(ConfigError, match=r"answered 404") as err:
        fetch_national(server + "/no-such-release", dest)
    assert f"{server}/no-such-release/{INDICATORS.name}" in str(err.value)
    assert (dest / INDICATORS.name).read_bytes() == before
    result = CliRunner().invoke(
        app, ["fetch-national", "--url", server + "/nothing", "--dest", str(dest)]
    )
    assert result.exit_code == 2 and "404" in result.output and "Traceback" not in result.output


def test_a_broken_download_is_refused_before_replacing_anything(bad_server, tmp_path):
    folder, url = bad_server
    (folder / INDICATORS.name).write_text("<html>Service unavailable</html>\n", encoding="utf-8")
    dest = copy_files(tmp_path / "national")
    with pytest.raises(InputError) as err:
        fetch_national(url, dest)
    assert f"{url}/{INDICATORS.name}" in str(err.value) and "missing columns" in str(err.value)
    assert (dest / INDICATORS.name).read_bytes() == INDICATORS.read_bytes()


def test_nothing_listening_gives_a_plain_message(tmp_path):
    with pytest.raises(ConfigError, match="Could not download http://127.0.0.1:9/"):
        fetch_national("http://127.0.0.1:9", tmp_path / "n")
