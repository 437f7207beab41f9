"""Backtest: the built pack's survey tables against ../shared/reference/seed_figures.yml.

Every printed average and "N out of M answered" of Appendix 1's adults' and children's blocks is
checked against the section's tables, and every survey disagreement the reference file lists
under ``inconsistencies`` must appear in the pack. Numbers are read from the YAML, never copied.
"""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from tests.sections.surveys.helpers import ASC, BLOCK_SERVICE, CSC, pack_question

SECTION = "20_surveys"
JOINT = "All respondents"


def table(built, name: str) -> pd.DataFrame:
    return built.table(name, section=SECTION)


@pytest.fixture(scope="module")
def pack_html(built) -> str:
    return html.unescape((built.folder / "annex.html").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def differ(built) -> pd.DataFrame:
    files = sorted((built.folder / "tables").glob(f"{SECTION}__disagreements-*.csv"))
    assert files, "no disagreement tables in the pack"
    return pd.concat([pd.read_csv(f, dtype=str) for f in files], ignore_index=True)


@pytest.fixture(scope="module")
def omitted(built) -> pd.DataFrame:
    return table(built, "omissions").astype(str)


def survey(seed) -> dict:
    return seed["luton"]["permanent_staff_survey"]


@pytest.mark.parametrize("block", ["block_1", "block_2"])
def test_every_printed_average_and_answered_count_is_in_the_section_tables(built, seed, block):
    service = BLOCK_SERVICE[block]
    results = table(built, f"results_{service}").set_index("Question")
    respondents = table(built, "respondents").set_index("Service")
    training = table(built, "training_focus")
    checked = 0
    for q in survey(seed)["appendix_blocks"][block]["questions"]:
        if not q["present_in_seed"]:
            continue
        mine = pack_question(q["question"])
        if q["average_printed"] is not None:
            assert (
                abs(results.loc[mine["short"], "Average"] - float(q["average_printed"]))
                <= 0.005 + 1e-9
            ), (block, q["key"])
            checked += 1
        if q["answered"] is None:
            continue
        if mine["key"] == "service_answer":
            assert respondents.loc[service, "Gave their service"] == q["answered"]
        elif mine["key"] == "training_focus":
            assert f"{service}: % of {q['answered']} answering" in training.columns
        else:
            assert results.loc[mine["short"], "Answered"] == q["answered"], (block, q["key"])
            assert f"Answered (% of {q['of']})" in results.columns
        checked += 1
    assert checked == sum(
        (q.get("average_printed") is not None) + (q.get("answered") is not None)
        for q in survey(seed)["appendix_blocks"][block]["questions"]
    )


def test_block_sizes_are_the_respondents_by_service(built, seed):
    respondents = table(built, "respondents").set_index("Service")
    for block, service in BLOCK_SERVICE.items():
        assert (
            respondents.loc[service, "Respondents"]
            == survey(seed)["appendix_blocks"][block]["respondents"]
        )


# --- Every survey inconsistency in the reference file appears in the pack --------------------


def rows_about(differ: pd.DataFrame, figure: str) -> pd.DataFrame:
    return differ[differ["Figure"].str.contains(figure, regex=False)]


def the_row(differ: pd.DataFrame, figure: str, published: str) -> pd.Series:
    rows = rows_about(differ, figure)
    rows = rows[rows["Published"].str.rstrip("%") == str(published).rstrip("%")]
    assert len(rows) >= 1, (figure, published, differ[["Figure", "Published"]])
    return rows.iloc[0]


def quoted_question(item: dict) -> str:
    """The question an inconsistency is about, from its source ('question "..."')."""
    for src in item["source"]:
        m = re.search(r'(?:question|statement) "([^"]+)"', src)
        if m:
            return m.group(1)
    raise AssertionError(item["id"])


def parse(figure: str) -> tuple[int | None, float]:
    """'40 answered, 2.60' -> (40, 2.60); 'N not printed, 3.22' -> (None, 3.22)."""
    m = re.match(r"(?:(\d+) answered|N not printed[^,]*), ([\d.]+)", figure)
    return (int(m.group(1)) if m.group(1) else None), float(m.group(2))


def check_joint_question(item, differ, pack_html):
    short = pack_question(quoted_question(item))["short"]
    f = item["figures"]
    (n_a, avg_a), (n_c, avg_c), (n_j, avg_j) = (
        parse(f[k]) for k in ("adults", "childrens", "joint")
    )
    avg = the_row(differ, f"Average score, {JOINT}: {short}", f"{avg_j:.2f}")
    weighted = (n_a * avg_a + (n_c or (n_j - n_a)) * avg_c) / (n_a + (n_c or (n_j - n_a)))
    assert abs(float(avg["From the data"]) - weighted) <= 0.01
    assert avg["Why they differ"] in pack_html
    if n_c is not None and n_a + n_c != n_j:
        answered = the_row(differ, f"Number answering, {JOINT}: {short}", n_j)
        assert int(answered["From the data"]) == n_a + n_c
        assert answered["Why they differ"] in pack_html


def check_respondents(item, differ, pack_html):
    f = item["figures"]
    for who, report, appendix in (
        (JOINT, "report_total", "appendix_joint_block_3"),
        (ASC, "report_adults", "appendix_block_1"),
        (CSC, "report_childrens", "appendix_block_2"),
    ):
        row = the_row(differ, f"Respondents, {who}", f[report])
        assert int(row["From the data"]) == f[appendix]
        assert row["Why they differ"] in pack_html
    total = the_row(differ, f"Respondents, {JOINT}", f["report_total"])
    assert f"add to {f['report_adults'] + f['report_childrens']}" in total["Why they differ"]


def check_service_answered(item, differ, pack_html):
    f = item["figures"]
    row = the_row(differ, f"Number answering, {JOINT}: Service", f["joint_answered"])
    assert int(row["From the data"]) == f["block_1_answered"] + f["block_2_answered"]


def check_changes(item, differ, pack_html):
    check_joint_question(item, differ, pack_html)
    para = the_row(
        differ,
        f"Average score, {JOINT}: " + pack_question(quoted_question(item))["short"],
        item["figures"]["joint"].split(", ")[1],
    )
    assert len(rows_about(differ, para["Figure"])) == 2  # appendix and paragraph 25


def check_block_2_omissions(item, omitted, seed):
    questions = {
        q["key"]: q["question"] for q in survey(seed)["appendix_blocks"]["block_2"]["questions"]
    }
    by_q = omitted[omitted["Service"] == CSC].set_index("Question")["Left out"]
    for key in item["figures"]["questions_missing"]:
        assert by_q[pack_question(questions[key])["short"]] == "The whole question", key
    for key in item["figures"]["answered_counts_missing"]:
        assert by_q[pack_question(questions[key])["short"]] == "Number answering", key


def check_joint_above_3(item, differ, pack_html):
    row = the_row(differ, f"Questions averaging above 3, {JOINT}", 1)
    printed = item["figures"]["joint_averages_above_3"]
    assert int(row["From the data"]) == len(printed)
    for value in printed.values():
        assert f"({value})" in row["Why they differ"]


def check_adults_over_3(item, differ, pack_html):
    row = the_row(differ, f"Questions averaging above 3, {ASC}", 2)
    values = item["figures"]["block_1_averages_at_or_above_3"].values()
    assert int(row["From the data"]) == sum(float(v) > 3 for v in values)
    assert "exactly 3.00" in row["Why they differ"]


def check_scale_wording(item, differ, pack_html):
    printed = re.search(r"5 being (\w+)", item["figures"]["report"]).group(1)
    row = the_row(differ, "Label of a scale point", printed)
    assert "very unsatisfied" in row["From the data"].lower()
    assert row["Why they differ"] in pack_html


def check_locum(item, differ, pack_html):
    f = item["figures"]
    rows = differ[differ["Figure"].str.startswith("Percentage")]
    published = set(rows["Published"])
    for key in ("valued_by_la", "qualified_more_than_3_years", "qualified_1_to_3_years"):
        assert f[key] in published, key
    assert f["valued_by_team_manager"] not in published  # 28 of 31 is 90.3%: it agrees
    total = sum(
        int(f[k].rstrip("%")) for k in ("qualified_more_than_3_years", "qualified_1_to_3_years")
    )
    shares = rows_about(differ, "Published shares added up")["Published"]
    assert shares.str.endswith(f"= {total}%").any()
    two = rows[rows["Published"] == f["qualified_1_to_3_years"]].iloc[0]
    assert f"No whole number of the {f['respondents']} respondents" in two["Why they differ"]


CHECKS = {
    "luton_survey_respondents_text_vs_appendix": check_respondents,
    "luton_survey_service_question_answered_counts": check_service_answered,
    "luton_survey_job_role_joint": check_joint_question,
    "luton_survey_one_year_ago_joint": check_joint_question,
    "luton_survey_lbc_responds_joint": check_joint_question,
    "luton_survey_changes_communicated_joint": check_changes,
    "luton_survey_opportunity_to_grow_joint": check_joint_question,
    "luton_survey_block_2_omissions": None,  # checked against the omissions table below
    "luton_survey_only_one_joint_question_above_3": check_joint_above_3,
    "luton_survey_adults_two_questions_over_3": check_adults_over_3,
    "luton_survey_scale_wording": check_scale_wording,
    "luton_locum_survey_percentages_vs_31": check_locum,
}


def survey_inconsistencies(seed) -> list[dict]:
    return [
        i for i in seed["inconsistencies"] if i["id"].startswith(("luton_survey_", "luton_locum_"))
    ]


def test_every_survey_inconsistency_in_the_reference_has_a_check(seed):
    assert {i["id"] for i in survey_inconsistencies(seed)} == set(CHECKS)


def test_every_survey_inconsistency_appears_in_the_pack(built, seed, differ, omitted, pack_html):
    for item in survey_inconsistencies(seed):
        if item["id"] == "luton_survey_block_2_omissions":
            check_block_2_omissions(item, omitted, seed)
        else:
            CHECKS[item["id"]](item, differ, pack_html)


def test_opportunity_to_grow_joint_count_is_called_impossible(seed, differ):
    item = next(
        i
        for i in survey_inconsistencies(seed)
        if i["id"] == "luton_survey_opportunity_to_grow_joint"
    )
    n_j = parse(item["figures"]["joint"])[0]
    short = pack_question(quoted_question(item))["short"]
    row = the_row(differ, f"Number answering, {JOINT}: {short}", n_j)
    assert "cannot be right" in row["Why they differ"]


def test_report_findings_that_hold_are_not_listed_as_disagreements(seed, differ):
    findings = survey(seed)["report_findings"]
    for key in ("best_joint_average", "recommend_lbc_joint_average", "max_average"):
        assert f"{findings[key]['value']:.2f}" not in set(differ["Published"]), key
    childrens = f"Questions averaging above 3, {CSC}"
    assert not differ["Figure"].str.startswith(childrens).any()


# --- Charts ------------------------------------------------------------------------------


def test_likert_charts_state_the_scale_direction_and_are_ordered_worst_first(built, pack_html):
    for service in (ASC, CSC):
        data = table(built, f"likert_{service}")
        assert data["Average"].is_monotonic_decreasing
        assert set(data.columns) >= {"Answered", "1 most positive", "5 most negative"}
    alts = re.findall(r'<img[^>]+alt="([^"]+)"', pack_html)
    likert = [a for a in alts if a.startswith("Diverging stacked bar chart")]
    assert len(likert) == 2
    assert all("1 = most positive; lower is better" in a for a in likert)
    assert any("Dot chart of average answers" in a for a in alts)


def test_exempt_pack_quotes_comments_verbatim(built, pack_html):
    comments = table(built, "comments")
    assert len(comments) > 20 and "Comment" in comments.columns
    assert comments["Comment"].iloc[0] in pack_html
