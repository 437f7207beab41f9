import pytest

from pipelines.core.config import load_review
from pipelines.core.errors import ConfigError
from pipelines.core.reconcile import mismatch_notes, printed_tolerance, reconcile
from pipelines.core.review_targets import PublishedFigure
from tests.conftest import DEMO_REVIEW, demo_frames


@pytest.fixture(scope="module")
def demo():
    cfg = load_review(DEMO_REVIEW)
    return cfg, demo_frames()


@pytest.mark.parametrize("published, tol", [(14, 0.5), (23.5, 0.05), (37.25, 0.005)])
def test_printed_tolerance_is_half_the_last_printed_place(published, tol):
    assert printed_tolerance(published) == pytest.approx(tol)


def test_demo_data_disagree_with_exactly_the_figures_the_seed_flags(demo, seed):
    cfg, frames = demo
    table = reconcile(cfg.published_figures, frames, cfg)
    inconsistencies = {i["id"]: i["figures"] for i in seed["inconsistencies"]}
    money = inconsistencies["luton_adults_ap_total_vs_salary"]["total"]
    flagged = {
        float(
            inconsistencies["luton_childrens_turnover_23_5_percent"]["printed_percent"].rstrip("%")
        ),
        float(inconsistencies["luton_childrens_leavers_26_vs_27"]["para_21"]),
        float(money.lstrip("£").replace(",", "")),
    }
    disagree = set(table.loc[table["Agrees"] == "No", "Published"])
    assert flagged <= disagree
    assert (table["Agrees"] == "Yes").sum() == len(table) - len(disagree)


def test_mismatch_notes_quote_the_paper(demo):
    cfg, frames = demo
    notes = mismatch_notes(reconcile(cfg.published_figures, frames, cfg), cfg.published_figures)
    assert any("27 leavers" in n and "paragraph 21" in n for n in notes)


def test_unknown_figure_key_names_the_known_keys(demo):
    cfg, frames = demo
    with pytest.raises(ConfigError) as err:
        reconcile([PublishedFigure(key="childrens_leaverz", value=26)], frames, cfg)
    assert "childrens_leaverz" in str(err.value) and "childrens_leavers" in str(err.value)


def test_missing_dataset_is_not_checked_rather_than_failed(demo):
    cfg, frames = demo
    table = reconcile(
        [PublishedFigure(key="exit_forms_percent", value=37)],
        {k: v for k, v in frames.items() if k != "exit_interviews"},
        cfg,
    )
    assert table["Agrees"].tolist() == ["Not checked: no data"]
