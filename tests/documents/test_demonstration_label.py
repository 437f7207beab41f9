"""A demonstration is said once, on the cover; the demo reviews name a fictional officer.

Issue 22, point 8: Coventry's papers printed "(synthetic" 25 times (from the datasets' sources)
and the final report "not reproduced in this demo" and "from the demo exports". A review says it
is a demonstration with ``demonstration: true``; the cover of each document says "Demonstration:
synthetic data." once; a dataset source naming the demonstration is refused; the final report's
config texts lose their demonstration remarks. Point 9: the demo reviews' scrutiny officer is
fictional, with a telephone number from Ofcom's drama range (01632 960000 to 960999). The built
packs are counted in tests/e2e/test_demonstration_label.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from pipelines.core.config import load_review
from pipelines.core.errors import ConfigError
from pipelines.documents import final
from pipelines.documents import meeting as meeting_docs
from pipelines.documents.front import DEMONSTRATION, front_matter

ROOT = Path(__file__).resolve().parents[2]
DEMOS = ["luton-sw-2016", "coventry-sw-2018"]
LABEL = re.compile(r"\b(demo|demonstration|synthetic)\b", re.IGNORECASE)


def review_file(tmp_path: Path, review: str, change) -> Path:
    data = yaml.safe_load((ROOT / f"config/reviews/{review}.yml").read_text("utf-8"))
    change(data)
    data["id"] = "demo-label-test"
    path = tmp_path / "demo-label-test.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("review", DEMOS)
def test_the_cover_says_demonstration_once_and_only_for_a_demonstration(review):
    cfg = load_review(review)
    mtg = next(m for m in cfg.meetings if m.sections)
    for variant in ("public", "exempt"):
        note = front_matter(cfg, mtg, variant, "now").marking_note
        assert note.count(DEMONSTRATION) == 1
        assert len(LABEL.findall(note)) == 2  # "Demonstration: synthetic data." and no other
    real = cfg.model_copy(update={"demonstration": False})
    assert not LABEL.search(front_matter(real, mtg, "public", "now").marking_note)


@pytest.mark.parametrize("review", DEMOS)
def test_sources_are_the_councils_names(review):
    for key, dataset in load_review(review).datasets.items():
        assert not LABEL.search(dataset.source), key


@pytest.mark.parametrize("said", ["(synthetic)", "(demo)", "; a demonstration export"])
def test_a_source_labelled_as_a_demonstration_is_refused(tmp_path, said):
    def change(data):
        data["datasets"]["leavers"]["source"] = f"HR leavers extract {said}"

    with pytest.raises(ConfigError) as err:
        load_review(review_file(tmp_path, "luton-sw-2016", change))
    message = str(err.value)
    assert "datasets.leavers.source" in message
    assert "set demonstration: true" in message and "once, on its cover" in message


@pytest.mark.parametrize("review", DEMOS)
def test_the_final_report_carries_no_demonstration_remark(review):
    cfg = load_review(review)
    last = cfg.final_report.meeting
    held = meeting_docs.meetings_heard(cfg, last)
    sections = final.final_report_sections(cfg, [], held, meeting_docs.appendix_titles(cfg, last))
    words = " ".join(c.get("source", "") for s in sections for c in s.notebook.cells)
    assert not LABEL.search(words), LABEL.search(words)
    if review == "coventry-sw-2018":  # the config's remarks, made plain
        assert "Scoping Document (not reproduced)" in words
        assert "cost the posts from the exports" in words


@given(
    head=st.sampled_from(["Scoping Document", "Appendix 3", "twice a year"]),
    remark=st.sampled_from(
        [
            " (demo)",
            " (Demonstration)",
            " in this demo",
            " in the demonstration",
        ]
    ),
)
def test_undemo_leaves_no_label(head, remark):
    assert final.undemo(f"{head}{remark}") == head
    assert final.undemo(f"posts costed from the demo exports{remark}") == (
        "posts costed from the exports"
    )


OFCOM_DRAMA = re.compile(r"^01632 960\d{3}$")
SEED_OFFICERS = ("Matt Hussey", "Gennie Holmes", "01582 54 6032", "024 7683 1172")


@pytest.mark.parametrize("review", DEMOS)
def test_demo_reviews_name_a_fictional_officer_with_a_drama_number(review):
    cfg = load_review(review)
    officer = cfg.contact_officer
    assert OFCOM_DRAMA.match(officer.telephone or ""), officer.telephone
    text = (ROOT / f"config/reviews/{review}.yml").read_text("utf-8")
    for real in SEED_OFFICERS:
        assert real not in officer.signed() and real not in text
    front = front_matter(cfg, next(m for m in cfg.meetings if m.sections), "public", "now")
    assert front.author == officer.signed()
    assert front.contact == f"{officer.signed()}, {officer.telephone}"
