"""A Total row that repeats a table's only row is not printed (issue 22, papers19 point 5).

The Coventry report's "Agency workers and vacancies by service" printed "Children's Social
Care 355 303 44 52" and under it "Total 355 303 44 52". Generated tables, shown through
:func:`pipelines.core.presentation.show` as a section notebook shows them.
"""

from __future__ import annotations

from io import StringIO

import pandas as pd
import pytest

from pipelines.core import disclosure, outputs, presentation
from pipelines.core.figures import Kind


@pytest.fixture
def shown(monkeypatch) -> list[tuple[str, str, dict]]:
    out: list[tuple[str, str, dict]] = []
    monkeypatch.setattr(presentation, "display", lambda h, p, m: out.append((h, p, m)))
    return out


def printed(shown) -> pd.DataFrame:
    _html, _plain, meta = shown[-1]
    return pd.read_json(StringIO(meta[outputs.META_KEY]["data"]), orient="split")


def by_service(services: list[tuple[str, float, float]]) -> pd.DataFrame:
    df = pd.DataFrame(services, columns=["Service", "Establishment FTE", "Agency FTE"])
    df["Agency rate (%)"] = 100 * df["Agency FTE"] / df["Establishment FTE"]
    est, agency = df["Establishment FTE"].sum(), df["Agency FTE"].sum()
    total = {"Service": "Total", "Establishment FTE": est, "Agency FTE": agency,
             "Agency rate (%)": 100 * agency / est}  # fmt: skip
    return pd.concat([df, pd.DataFrame([total])], ignore_index=True)


KINDS = {"Establishment FTE": Kind.FTE, "Agency FTE": Kind.FTE, "Agency rate (%)": Kind.PERCENT}


@pytest.mark.parametrize("variant", ["public", "exempt"])
def test_one_service_is_printed_without_a_total_row(shown, variant):
    df = by_service([("Children's Social Care", 355.0, 44.0)])
    assert df["Service"].tolist() == ["Children's Social Care", "Total"]
    presentation.show(df, "By service", "HR", kinds=KINDS, pol=disclosure.Policy(variant, 5))
    table = printed(shown)
    assert table["Service"].tolist() == ["Children's Social Care"]
    assert ">Total<" not in shown[-1][0]


def test_two_services_keep_their_total_row(shown):
    df = by_service([("Adults", 64.0, 6.0), ("Children", 112.0, 14.0)])
    presentation.show(df, "By service", "HR", kinds=KINDS, pol=disclosure.Policy("public", 5))
    table = printed(shown)
    assert table["Service"].tolist() == ["Adults", "Children", "Total"]
    assert table["Agency FTE"].tolist()[-1] == 20.0  # 6 + 14, by hand


def test_a_total_that_differs_from_its_one_row_is_kept():
    # a total over more than the rows shown (a published total): not a repeat
    df = pd.DataFrame({"Service": ["Children", "Total"], "Leavers": [26, 35]})
    assert presentation.without_lone_total(df)["Service"].tolist() == ["Children", "Total"]
    blank = pd.DataFrame(
        {"Item": ["Posts", "Total"], "Cost (£)": [250.0, 250.0], "Per post": [5, None]}
    )
    assert presentation.without_lone_total(blank)["Item"].tolist() == ["Posts"]


def test_a_count_the_council_published_as_the_total_of_one_row_stays_shown(shown):
    """The council published 3 forms in all; the table has one service: its one row is that
    total, so the 3 is shown (released), not suppressed, once the Total row is dropped."""
    from types import SimpleNamespace

    ctx = SimpleNamespace(
        policy=disclosure.Policy("public", 5),
        review=SimpleNamespace(published_values={"forms_in_all": 3}),
        processed_dir=None,
    )
    df = pd.DataFrame({"Service": ["Children", "Total"], "Forms returned": [3, 3]})
    page = presentation.Page(ctx)
    page.show(df, "Forms", "HR", council_published={("Total", "Forms returned"): "forms_in_all"})
    table = printed(shown)
    assert table["Service"].tolist() == ["Children"]
    assert table["Forms returned"].tolist() == [3]
