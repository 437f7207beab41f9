import datetime as dt

import pytest
import yaml

from pipelines.core.config import load_review, review_path
from pipelines.core.errors import ConfigError
from tests.conftest import DEMO_REVIEW


def _write_variant(tmp_path, change):
    data = yaml.safe_load(review_path(DEMO_REVIEW).read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / f"{data['id']}.yml"  # the id must match the file name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_demo_review_loads_with_the_meetings_recorded_in_the_seeds():
    cfg = load_review(DEMO_REVIEW)
    assert cfg.la_code == "E06000032"
    dates = [m.date for m in cfg.meetings]
    assert dt.date(2016, 9, 21) in dates and None in dates  # October 2016 is TBA
    assert len(cfg.meetings) == 7
    assert cfg.meeting("2016-09-21").sections[0].notebook == "10_leavers"


def test_unknown_key_is_named_in_the_error(tmp_path):
    path = _write_variant(tmp_path, lambda d: d.update({"councill": "Luton"}))
    with pytest.raises(ConfigError) as err:
        load_review(path)
    assert "councill" in str(err.value) and "unknown key" in str(err.value)


def test_wrong_la_code_names_the_key_and_value(tmp_path):
    path = _write_variant(tmp_path, lambda d: d.update({"la_code": "E0600032"}))
    with pytest.raises(ConfigError) as err:
        load_review(path)
    assert "la_code" in str(err.value) and "E0600032" in str(err.value)


def test_unknown_service_in_config_is_named(tmp_path):
    path = _write_variant(
        tmp_path, lambda d: d.update({"services": ["Adult Social Care", "Childrens"]})
    )
    with pytest.raises(ConfigError) as err:
        load_review(path)
    assert "services.1" in str(err.value)


def test_section_without_a_notebook_lists_the_known_sections(tmp_path):
    def change(d):
        d["meetings"][1]["sections"][0]["notebook"] = "10_leaver"

    with pytest.raises(ConfigError) as err:
        load_review(_write_variant(tmp_path, change))
    assert "10_leaver" in str(err.value) and "10_leavers" in str(err.value)


def test_meeting_not_in_review_lists_its_meeting_dates():
    with pytest.raises(ConfigError) as err:
        load_review(DEMO_REVIEW).meeting("2016-09-22")
    assert "2016-09-21" in str(err.value)


def test_a_preparation_notebook_is_not_a_section_of_a_meeting(tmp_path):
    def change(d):
        d["meetings"][1]["sections"].append({"notebook": "01_clean"})

    with pytest.raises(ConfigError) as err:
        load_review(_write_variant(tmp_path, change))
    text = str(err.value)
    assert "01_clean" in text and "known sections" in text and "90_data_quality" in text


@pytest.mark.parametrize("la", ["821", "E06000032", "Luton"])
def test_la_code_may_be_the_dfe_code_the_ons_code_or_the_name(tmp_path, la):
    cfg = load_review(_write_variant(tmp_path, lambda d: d.update({"la_code": la})))
    assert cfg.la_code == la
    assert (cfg.authority.dfe_code, cfg.authority.ons_code) == ("821", "E06000032")


def test_unknown_authority_names_the_closest_published_ones(tmp_path):
    path = _write_variant(tmp_path, lambda d: d.update({"la_code": "Lutton"}))
    with pytest.raises(ConfigError) as err:
        load_review(path)
    assert "la_code" in str(err.value) and "Luton (E06000032, DfE 821)" in str(err.value)


def test_a_copy_that_keeps_another_reviews_id_is_refused(tmp_path):
    path = _write_variant(tmp_path, lambda d: None)
    copy = path.rename(tmp_path / "my-review.yml")
    with pytest.raises(ConfigError) as err:
        load_review(copy)
    assert f"has id '{DEMO_REVIEW}'" in str(err.value) and "my-review.yml" in str(err.value)
