"""Time-true source notes (issue 22, point 2): a paper names only the years it uses.

The DfE statistics' source was cited as "(local authority indicators, 2017 to 2025)" under every
national table, also in a paper of April 2018. The national configuration's ``source`` may name
no year (each table's period names the years it shows); a configuration that does is refused
with what to write instead. The built reports are checked in tests/e2e/test_papers.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from pipelines.core.errors import ConfigError
from pipelines.datasets.national.dfe import load_national_config, national_config_path


def national_file(tmp_path: Path, source: str) -> Path:
    data = yaml.safe_load(national_config_path().read_text(encoding="utf-8"))
    data["source"] = source
    path = tmp_path / "national.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_the_shipped_source_names_no_year():
    source = load_national_config().source
    assert not re.search(r"\b(19|20)\d\d\b", source)
    assert "Children's social work workforce statistics" in source


def test_a_source_naming_the_releases_years_is_refused_with_what_to_write(tmp_path):
    path = national_file(tmp_path, "DfE statistics (local authority indicators, 2017 to 2025)")
    with pytest.raises(ConfigError) as err:
        load_national_config(path)
    message = str(err.value)
    assert str(path) in message and "key:   source" in message
    assert "names the year(s) 2017, 2025" in message
    assert "Write the source without years" in message


@given(year=st.integers(1990, 2099), words=st.sampled_from(["release {}", "({})", "{}/{}"]))
def test_any_year_in_the_source_is_refused(tmp_path_factory, year, words):
    text = "DfE statistics, " + words.format(year, year)
    path = national_file(tmp_path_factory.mktemp("n"), text)
    with pytest.raises(ConfigError, match=f"names the year\\(s\\) {year}"):
        load_national_config(path)
