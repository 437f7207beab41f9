"""A CSV holds each decimal as the documents print it (issue 22 point 5, reader15).

``20_surveys__averages-by-service.csv`` held "2.6" and "3.0" where the report prints "2.60" and
"3.00" (the column's pattern ``{:.2f}``). Frames made here; the built packs are checked in
tests/e2e/test_csv_as_printed.py.
"""

from __future__ import annotations

import pandas as pd

from pipelines.core.exports import printed_precision, printed_text, write_csv


def test_a_column_printed_with_two_decimals_is_written_with_two(tmp_path):
    formats = {"Average": "{:.2f}", "Cost (£)": "£{:,.0f}", "Rate": "{:.1f}%"}
    frame = pd.DataFrame(
        {
            "Question": ["Satisfied", "Valued", "Total"],
            "Average": [2.6, 3.0, -1.5],
            "Cost (£)": [4000.0, 1500.0, 5500.0],
            "Rate": [34.4, 50.0, "[c]"],
        }
    )
    shown = printed_precision(frame, formats)
    shown.attrs["formats"] = formats
    write_csv(shown, tmp_path / "t.csv")
    lines = (tmp_path / "t.csv").read_text(encoding="utf-8").splitlines()
    # by hand: 2.60 and 3.00 as printed; money whole, no separator; a rate to one place
    assert lines == [
        "Question,Average,Cost (£),Rate",
        "Satisfied,2.60,4000,34.4",
        "Valued,3.00,1500,50.0",
        "Total,-1.50,5500,[c]",
    ]
    # the frame itself keeps its numbers (what the checks read)
    assert shown["Average"].tolist() == [2.6, 3.0, -1.5]
    assert printed_text(frame)["Average"].tolist() == [2.6, 3.0, -1.5]  # no patterns: as is
