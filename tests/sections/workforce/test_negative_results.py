"""A saving that becomes a cost is shown as a cost, in tables and sentences (issue 26, item 6).

Figures are worked out by hand from the small pay table made here: a Senior Practitioner costs
£42,500 a year, an Advanced Practitioner £36,000; an agency worker at £20 an hour, 37 hours a
week, 46 weeks a year costs £34,040, at £32 an hour £54,464.
"""

from __future__ import annotations

import pandas as pd

from pipelines.sections.workforce import analysis as wf
from pipelines.sections.workforce import caseloads as wcl
from pipelines.sections.workforce import charts as wc
from pipelines.sections.workforce import costs as wco
from pipelines.sections.workforce import supplements as wsu
from pipelines.sections.workforce.caseloads import TARGET_LABEL

CHILDREN, ADULTS = "Children's Social Care", "Adult Social Care"
PAY = pd.DataFrame(
    {
        "service": [CHILDREN, ADULTS],
        "job_title": ["Senior Practitioner", "Advanced Practitioner"],
        "grade": ["M2", "M2"],
        "salary": [33000.0, 30000.0],
        "employer_ni": [3500.0, 3000.0],
        "market_supplement": [5500.0, 2500.0],
        "car_allowance": [500.0, 500.0],
        "annual_cost": [42500.0, 36000.0],
    }
)
SP = {"service": CHILDREN, "job_title": "Senior Practitioner", "grade": "M2"}
AP = {"service": ADULTS, "job_title": "Advanced Practitioner", "grade": "M2"}


def test_signed_money_says_what_the_sign_means():
    assert wf.signed_money(-835, "an extra cost", "a saving") == "a saving of £835"
    assert wf.signed_money(1234.4, "a saving", "a cost") == "a saving of £1,234"
    assert wf.signed_money(-0.3, "a saving", "a cost") == "£0"


def test_the_cost_comparison_shows_an_increase_in_spend_not_a_negative_reduction():
    cheap = wco.cost_comparison(PAY, CHILDREN, "Senior Practitioner", "M2", 20, 37, 46)
    assert cheap["Post"].tolist()[-1] == "Potential increase in spend per post"
    assert cheap["Cost for one year (£)"].tolist() == [42500, 34040, 8460]
    dear = wco.cost_comparison(PAY, CHILDREN, "Senior Practitioner", "M2", 32, 37, 46)
    assert dear["Post"].tolist()[-1] == "Potential reduction in spend per post"
    assert dear["Cost for one year (£)"].tolist()[-1] == 54464 - 42500


def test_conversion_savings_become_extra_costs_when_every_post_costs_more():
    table = wco.conversion_savings(PAY, [SP, AP], 6, 20, 37, 46)
    assert list(table.columns[-2:]) == ["Extra cost per post (£)", "Extra cost a year (£)"]
    assert table["Extra cost per post (£)"].tolist() == [8460, 36000 - 34040]
    assert table["Extra cost a year (£)"].tolist() == [6 * 8460, 6 * 1960]
    caption = wco.conversion_caption(table, 6, "basis")
    assert caption == "Extra cost a year if 6 agency posts were made permanent (basis)"


def test_conversion_savings_of_mixed_sign_say_what_a_negative_figure_is():
    # £25 an hour: £42,550 a year, more than both posts: savings of £50 and £6,550 a post.
    both = wco.conversion_savings(PAY, [SP, AP], 2, 25, 37, 46)
    assert list(both.columns[-2:]) == ["Reduction per post (£)", "Saving a year (£)"]
    assert both["Saving a year (£)"].tolist() == [100, 2 * 6550]
    assert wco.conversion_caption(both, 2, "b").startswith("Saving a year if 2")
    # £22 an hour: £37,444 a year, less than the Senior Practitioner, more than the AP.
    mixed = wco.conversion_savings(PAY, [SP, AP], 2, 22, 37, 46)
    assert mixed["Saving a year (£; negative: an extra cost)"].tolist() == [
        2 * (37444 - 42500),
        2 * (37444 - 36000),
    ]
    assert wco.conversion_caption(mixed, 2, "b").startswith("Saving or extra cost a year if 2")


def test_the_supplement_model_shows_a_saving_and_no_infinite_break_even():
    inputs = {"recipients": 5.0, "supplement": 5500.0, "extra_cost_per_leaver": -2960.0}
    model = wsu.supplement_withdrawal(5, 5500, -2960)
    table = wsu.supplement_model_table(inputs, model).set_index("Input or result")["Value"]
    assert table["Saving a year (£)"] == 27_500  # a number: the unit is in the label
    assert (
        table["Extra cost a year of each leaver replaced by an agency worker (£)"]
        == "a saving of £2,960"
    )
    assert table["Break-even (leavers)"] == (
        "none: replacing leavers by agency workers does not use the saving up"
    )
    breakeven = wsu.supplement_withdrawal_table(5, 5500, -2960, 2)
    assert breakeven["Extra agency cost (£)"].tolist() == [0, -2960, -5920]
    assert str(breakeven["Extra agency cost (£)"].iloc[0]) == "0.0"  # not "-0.0"
    alt = wc.breakeven_alt(breakeven, model["break_even"])
    assert "rising by £2,960 per leaver to £33,420 with 2" in alt
    assert "never used up" in alt and "inf" not in alt


def test_a_net_saving_that_turns_into_a_cost_is_called_a_net_cost():
    table = wsu.supplement_withdrawal_table(1, 1000, 600, 2)  # 1,000 - 2 x 600 = -200
    alt = wc.breakeven_alt(table, 1000 / 600)
    assert "to a net cost of £200 with 2" in alt and "-£" not in alt


def test_findings_say_less_when_agency_work_is_cheaper():
    rates = pd.DataFrame(
        {
            "Service": ["Total"],
            "Agency worker rate (%)": [0.0],
            "Agency FTE": [0.0],
            "Permanent FTE": [1.0],
            "Vacancy rate (%)": [0.0],
        }
    )
    premium = pd.DataFrame({"Service": ["Total"], "Extra cost a year (£)": [-287_270.0]})
    supplements = pd.DataFrame(
        {
            "Job title": ["Total"],
            "Cost a year (£)": [181_500.0],
            "Change in cost a year (£)": [-11_000.0],
        }
    )
    summary = pd.DataFrame({TARGET_LABEL: [float("nan")]})
    text = [str(s) for s in wf.findings(rates, premium, supplements, summary, "basis")]
    assert "cost about £287,000 a year less than permanent staff" in text[0]
    assert "£11,000 less than at 2015/16 rates" in text[1]
    assert not any("-£" in t for t in text)


def test_the_premium_caption_says_a_negative_extra_cost_is_a_saving():
    premium = pd.DataFrame(
        {"Service": ["A", "Total"], "Extra cost per FTE (£)": [-5704.0, None]}
    ).assign(**{"Extra cost a year (£)": [-188_244.0, -188_244.0]})
    assert wco.premium_caption(premium, "b").endswith(
        ". A negative extra cost is a saving: the agency worker costs less than the permanent post"
    )
    premium["Extra cost a year (£)"] = [1.0, 1.0]
    premium["Extra cost per FTE (£)"] = [1.0, None]
    assert wco.premium_caption(premium, "b") == (
        "Extra cost a year of the agency practitioners in post (b)"
    )


def test_a_band_nobody_falls_in_has_no_average_and_is_said_so():
    caseloads = pd.DataFrame(
        {
            "date_qualified": pd.to_datetime(["2010-01-01", "2005-01-01"]),
            "total_cases": pd.array([20, 24], dtype="Int64"),
        }
    )
    bands = wcl.caseloads_by_experience(caseloads, pd.Timestamp("2016-07-30"), [1, 3], [15, 20, 23])
    assert bands["Workers"].tolist() == [0, 0, 2]
    assert bands["Average caseload"].isna().tolist() == [True, True, False]
    assert bands["Average caseload"].iloc[2] == 22
    alt = wc.caseload_alt(bands, 20)
    assert "Newly qualified (under 1 year): no workers" in alt and "nan" not in alt
