"""The leavers chapter's tables in the built 21 September 2016 pack (issue 22, reader14).

The shared demo build (tests/conftest.py ``built``). Figures are worked out here from the
pack's tidy data.
"""

from __future__ import annotations

import html
import json
import re

import pandas as pd

from pipelines.documents import pack_disclosure

REVIEW = "luton-sw-2016"
RATINGS = "10_leavers__aspect-ratings.csv"


def _text(path) -> str:
    page = path.read_text(encoding="utf-8")
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_the_ratings_are_published_without_each_aspects_forms_and_audited_with_them(built):
    """reader14 L21 CSVs: the "Answered" column (12 beside 13) told which aspects one leaver
    left unrated. The CSV holds no such column; the audit still knows each aspect's forms,
    worked out here from the tidy ratings, and finds no hidden count of the table narrowed."""
    published = pd.read_csv(built.public / "tables" / RATINGS, dtype=str, keep_default_na=False)
    assert "Answered" not in published.columns
    ratings = pd.read_parquet(built.processed / REVIEW / "exit_ratings.parquet")
    forms = ratings.groupby("aspect")["form_id"].nunique()
    assert set(forms) == {12, 13}  # the demo's one leaver who skipped some aspects
    audit = json.loads((built.folder / "disclosure_audit.json").read_text(encoding="utf-8"))
    held = audit["held_back"][RATINGS]["Answered"]
    assert held == [float(forms[a]) for a in published["Aspect of employment"]]
    assert RATINGS in audit["tables_checked"]
    assert not [c for c in audit["cells"] if c["table"] == RATINGS and c["recoverable"]]
    assert any(c["table"] == RATINGS for c in audit["cells"])  # it has hidden counts, checked
    # rerun from the published CSV files and the held-back totals: nothing recoverable
    tables = {p.name: pd.read_csv(p, dtype=object) for p in (built.public / "tables").glob("*.csv")}
    result = pack_disclosure.disclosure_audit(
        tables, audit["layouts"], audit["threshold"], audit["held_back"]
    )
    assert result.safe, result.recoverable


def test_the_forms_the_ratings_are_from_are_said_once(built):
    returned = pd.read_parquet(built.processed / REVIEW / "exit_interviews.parquet")
    report = _text(built.public / "report.html")
    note = f"The ratings are from the {len(returned)} exit interview forms returned"
    assert report.count(note) == 1


def test_no_ratings_chart_is_drawn_when_no_share_can_be_shown(built):
    """reader14 L21 p5: a chart titled "no share can be shown, as the groups are small". Where
    the public run hides every aspect's share, the chapter draws no chart and says why once;
    the ratings are a table of the counts that can be shown, its CSV without the shares."""
    from pipelines.sections.leavers.exit_interviews import NO_SHARE_SHOWN, NOT_CHARTED

    ratings = pd.read_parquet(built.processed / REVIEW / "exit_ratings.parquet")
    counts = ratings.groupby(["aspect", "rating"]).size()
    # by hand: a share is hidden in every row with a hidden count, and every aspect has a
    # rating given by 1 to 4 leavers
    every_share_hidden = all(
        any(0 < n < 5 for n in counts[aspect]) for aspect in ratings["aspect"].unique()
    )
    assert every_share_hidden  # the demo's case, as reader14 read it
    page = built.public / "report.html"
    raw = page.read_text(encoding="utf-8")
    assert 'id="fig-aspect_ratings"' not in raw and 'id="fig-aspect-ratings"' not in raw
    report = _text(page)
    assert NO_SHARE_SHOWN not in report
    assert report.count(NOT_CHARTED) == 1
    published = pd.read_csv(built.public / "tables" / RATINGS, dtype=str)
    assert "Good or excellent (%)" not in published.columns
    readme = (built.public / "tables" / "README.txt").read_text(encoding="utf-8")
    assert f"{RATINGS}\n  {NOT_CHARTED}" in readme  # the CSV's readers read why, too
    names = list(published["Aspect of employment"])
    assert names == sorted(names, key=str.casefold)  # not in the order of the hidden shares


def test_the_key_finding_on_why_staff_leave_has_its_table(built):
    """reader14 L21 KF2: "21 of 35 leavers ... (6) ... (6)" were in no public table ("See
    source 3"). The chapter prints the table behind it: the leavers whose reason the council
    can act on, by reason, with their total; the finding points to the chapter."""
    from pipelines.core.config import load_review

    cfg = load_review(REVIEW)
    leavers = pd.read_parquet(built.processed / REVIEW / "leavers.parquet")
    when = pd.to_datetime(leavers["leaving_date"])
    leavers = leavers[
        (when >= pd.Timestamp(cfg.period.start)) & (when <= pd.Timestamp(cfg.period.end))
    ]
    acted = leavers[leavers["leaving_reason"].isin(cfg.influenceable_reasons)]
    counts = acted["leaving_reason"].value_counts()
    published = pd.read_csv(built.public / "tables" / "10_leavers__reasons.csv", dtype=str)
    shown = dict(zip(published["Reason for leaving"], published["Leavers"], strict=True))
    assert shown.pop("Total") == str(len(acted))
    assert set(shown) == set(counts.index)
    for reason, n in counts.items():  # a count of 5 or more printed; a smaller one hidden
        assert shown[reason] == (str(n) if n >= 5 else "[c]") or shown[reason] == "[c]", reason
    report = _text(built.public / "report.html")
    finding = re.search(
        r"Why staff leave, [^.]*?: (\d+) of (\d+) leavers gave a reason[^.]*\.", report
    )
    assert finding and int(finding.group(1)) == len(acted) and int(finding.group(2)) == len(leavers)
    for reason, n in counts.items():
        if n >= 5:  # named with its count in the finding and printed in the table
            assert f"\u201c{reason}\u201d ({n})" in finding.group(0)
            assert shown[reason] == str(n)
    after = report[finding.end() : finding.end() + 40]
    chapter = re.search(r"(\d+)\. Leavers and exit interviews", report)
    assert after.startswith(f" See section {chapter.group(1)} and source"), after
    assert "Leavers whose reason for leaving the council can act on" in report
