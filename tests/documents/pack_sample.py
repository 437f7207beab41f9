"""A realistic sample evidence pack built with nbformat (figures are made up).

The section notebooks look like papermill output: markdown cells starting ``# Title`` and code
cells whose outputs are what :mod:`pipelines.core.presentation` displays (captured by replacing
``presentation.display``), plus the noise a real run leaves behind (stdout, an error, a plain-text
result, a raw cell) that the pack must not show.

Run ``python tests/documents/pack_sample.py /tmp/packdemo`` to write ``pack.html`` and
``pack.pdf`` for looking at.
"""

from __future__ import annotations

import contextlib
import datetime
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import pandas as pd  # noqa: E402

from pipelines.core import presentation  # noqa: E402
from pipelines.core.disclosure import EXEMPT  # noqa: E402
from pipelines.documents.pack import FrontMatter, Section  # noqa: E402

CODE_MARKER = "CODE_THAT_MUST_NOT_APPEAR = 42"
STREAM_MARKER = "stdout text that must not appear"
ERROR_MARKER = "TracebackThatMustNotAppear"
PLAIN_MARKER = "plain repr that must not appear"
RAW_MARKER = "raw cell text that must not appear"

DARK_BLUE = "#12436D"
PERIOD = "1 September 2015 to 31 August 2016"

#: The sample's sections are shown as an exempt run would show them.
report = presentation.Page(SimpleNamespace(policy=EXEMPT))


@contextlib.contextmanager
def captured_outputs() -> Iterator[list]:
    """Collect what pipelines.core.presentation would display, as nbformat display_data outputs."""
    outputs: list = []
    original = presentation.display

    def capture(html_text: str, plain: str, metadata: dict) -> None:
        outputs.append(
            nbformat.v4.new_output(
                "display_data",
                data={"text/html": html_text, "text/plain": plain},
                metadata=metadata,
            )
        )

    presentation.display = capture
    try:
        yield outputs
    finally:
        presentation.display = original


class NotebookBuilder:
    """Builds one executed-looking section notebook cell by cell."""

    def __init__(self) -> None:
        self.nb = nbformat.v4.new_notebook()
        self.nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        self.count = 0

    def md(self, text: str) -> NotebookBuilder:
        self.nb.cells.append(nbformat.v4.new_markdown_cell(text.strip()))
        return self

    def code(
        self, source: str, show: Callable[[], None] | None = None, extra: list | None = None
    ) -> NotebookBuilder:
        self.count += 1
        outputs: list = []
        if show is not None:
            with captured_outputs() as captured:
                show()
            outputs.extend(captured)
        outputs.extend(extra or [])
        self.nb.cells.append(
            nbformat.v4.new_code_cell(source, execution_count=self.count, outputs=outputs)
        )
        return self

    def raw(self, text: str) -> NotebookBuilder:
        self.nb.cells.append(nbformat.v4.new_raw_cell(text))
        return self


def _bar_chart(labels: list[str], values: list[float], xlabel: str) -> plt.Figure:
    fig, ax = plt.subplots(figsize=(7.5, 0.42 * len(labels) + 0.9))
    positions = range(len(labels))[::-1]
    ax.barh(list(positions), values, color=DARK_BLUE, height=0.65)
    ax.set_yticks(list(positions), labels)
    ax.set_xlabel(xlabel)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    for y, v in zip(positions, values, strict=True):
        ax.text(v + max(values) * 0.01, y, f"{v:g}", va="center", fontsize=9)
    fig.tight_layout()
    return fig


def summary_section() -> Section:
    b = NotebookBuilder()
    b.md("""
# Summary

This pack sets out what the council's own records say about why social workers and
occupational therapists left Children's and Adults' services in 2015/16, and what they said in
exit interviews. It supports the group's review of recruitment and retention.
""")
    b.md("## Key findings")
    b.code(
        "report.show_findings(findings)",
        lambda: report.show_findings(
            [
                (
                    "64 social workers left in 2015/16, a turnover rate of 21.3%, "
                    "up from 17.8% in 2014/15."
                ),
                (
                    "Career progression (14 leavers) and workload (11) were the most common "
                    "reasons given."
                ),
                "Only 29 of the 64 leavers (45%) completed an exit interview.",
                "Leavers with under two years' service made up 43.8% of all leavers.",
            ]
        ),
    )
    b.md("""
## Questions the group may wish to ask

- What is being done to offer progression to experienced social workers?
- How are caseloads monitored, and what happens when they exceed the agreed level?
- Why do fewer than half of leavers complete an exit interview?
""")
    b.code(
        "report.show_note(...)",
        lambda: report.show_note(
            "Figures for 2015/16 are provisional until the annual workforce return is published "
            "in February 2017.",
            title="Provisional figures",
        ),
    )
    return Section("00_summary", b.nb)


def leavers_section() -> Section:
    b = NotebookBuilder()
    b.md("""
# Social workers leaving the council

This section uses the HR leavers extract to show how many qualified social workers left, why,
and how long they had worked for the council. Agency staff are not included.
""")
    b.code(
        f"import pandas as pd\n{CODE_MARKER}",
        extra=[nbformat.v4.new_output("stream", name="stdout", text=STREAM_MARKER + "\n")],
    )
    b.md("## How many left")
    turnover = pd.DataFrame(
        {
            "Year": ["2013/14", "2014/15", "2015/16"],
            "Average headcount": [288, 292, 301],
            "Leavers": [47, 52, 64],
            "Turnover (%)": [16.3, 17.8, 21.3],
        }
    )
    b.code(
        "report.show(turnover, ...)",
        lambda: report.show(
            turnover,
            "Turnover rose in each of the last three years",
            "HR leavers extract (i-Trent)",
            "1 September 2013 to 31 August 2016",
            name="turnover",
            formats={"Turnover (%)": "{:.1f}"},
        ),
    )
    b.md("""
Turnover is leavers divided by the average headcount over the year. The national rate for
children's social workers in 2015/16 was 15.1% (Department for Education).
""")
    b.md("## Reasons for leaving")
    reasons = pd.DataFrame(
        {
            "Reason": [
                "Career progression",
                "Workload",
                "Relocation",
                "Agency work",
                "Management and support",
                "Pay",
                "Other",
                "Retirement",
            ],
            "Leavers": [14, 11, 9, 8, 7, 6, 5, 4],
        }
    )
    b.code(
        "report.show_chart(fig, ...)",
        lambda: report.show_chart(
            _bar_chart(reasons["Reason"].tolist(), reasons["Leavers"].tolist(), "Leavers"),
            "Career progression and workload were the most common reasons for leaving",
            "Bar chart of leavers by main reason for leaving: career progression 14, workload 11, "
            "relocation 9, agency work 8, management and support 7, pay 6, other 5, retirement 4.",
            reasons,
            "HR leavers extract (i-Trent)",
            PERIOD,
            name="reasons",
        ),
    )
    b.md("""
The reasons table above is also available as a CSV file
([see the data for the reasons chart](#fig-reasons)).
""")
    b.md("### Leavers by team")
    teams = pd.DataFrame(
        {
            "Team": [
                "Referral and assessment",
                "Child protection",
                "Children in care",
                "Leaving care",
                "Disabled children",
                "Fostering",
                "Adoption",
                "Adults: hospital discharge",
                "Adults: community",
                "Mental health",
            ],
            "Headcount": [38, 44, 41, 22, 18, 20, 12, 35, 48, 23],
            "Leavers": [12, 11, 8, 4, 3, 3, 1, 7, 10, 5],
        }
    )
    teams["Turnover (%)"] = (teams["Leavers"] / teams["Headcount"] * 100).round(1)
    b.code(
        "report.show(teams, ...)",
        lambda: report.show(
            teams,
            "Front-door and child protection teams lost the most staff",
            "HR leavers extract (i-Trent)",
            PERIOD,
            name="teams",
            formats={"Turnover (%)": "{:.1f}"},
        ),
    )
    b.md("### Length of service")
    service = pd.DataFrame(
        {
            "Length of service": [
                "Under 1 year",
                "1 to 2 years",
                "2 to 5 years",
                "5 to 10 years",
                "10 years or more",
            ],
            "Leavers": [13, 15, 19, 10, 7],
            "Share of leavers (%)": [20.3, 23.4, 29.7, 15.6, 10.9],
        }
    )
    b.code(
        "report.show(service, ...)",
        lambda: report.show(
            service,
            "Almost half of leavers had less than two years' service",
            "HR leavers extract (i-Trent)",
            PERIOD,
            name="service",
            formats={"Share of leavers (%)": "{:.1f}"},
        ),
        extra=[
            nbformat.v4.new_output(
                "execute_result", data={"text/plain": PLAIN_MARKER}, execution_count=b.count + 1
            )
        ],
    )
    b.code(
        "report.show_findings(...)",
        lambda: report.show_findings(
            [
                "Turnover has risen from 16.3% to 21.3% over three years.",
                "Teams at the front door lose a quarter or more of their staff each year.",
            ],
            name="leavers-findings",
        ),
    )
    return Section("10_leavers", b.nb)


def exit_interviews_section() -> Section:
    b = NotebookBuilder()
    b.md("""
# Exit interviews

Leavers are offered an exit interview with someone outside their line management, or an
online questionnaire. This section summarises the 29 that were completed.
""")
    b.md("## Key findings")
    b.code(
        "report.show_findings(...)",
        lambda: report.show_findings(
            [
                "Response fell from 58% in the first quarter to 33% in the last.",
                "Fewer than a third of respondents agreed their caseload was manageable.",
                "Most respondents rated peer support as good or excellent.",
            ]
        ),
    )
    b.md("## Who completed an exit interview")
    response = pd.DataFrame(
        {
            "Quarter": [
                "September to November 2015",
                "December 2015 to February 2016",
                "March to May 2016",
                "June to August 2016",
            ],
            "Leavers": [12, 14, 17, 21],
            "Interviews": [7, 7, 8, 7],
            "Response (%)": [58.3, 50.0, 47.1, 33.3],
        }
    )
    b.code(
        "report.show(response, ...)",
        lambda: report.show(
            response,
            "Fewer leavers completed an exit interview as the year went on",
            "Exit interview records (HR)",
            PERIOD,
            name="response",
            formats={"Response (%)": "{:.1f}"},
        ),
        extra=[
            nbformat.v4.new_output(
                "error", ename="ValueError", evalue=ERROR_MARKER, traceback=[ERROR_MARKER]
            )
        ],
    )
    b.md("## What leavers said")
    ratings = pd.DataFrame(
        {
            "Statement": [
                "Peer support was good",
                "Supervision was regular",
                "Training met my needs",
                "My manager supported me",
                "My caseload was manageable",
                "I had a clear career path",
            ],
            "Agreed (%)": [79.3, 62.1, 55.2, 44.8, 31.0, 24.1],
        }
    )
    b.code(
        "report.show_chart(fig, ...)",
        lambda: report.show_chart(
            _bar_chart(
                ratings["Statement"].tolist(),
                ratings["Agreed (%)"].tolist(),
                "Respondents who agreed (%)",
            ),
            "Leavers valued their colleagues but not their caseloads or career prospects",
            "Bar chart of the share of 29 exit interview respondents agreeing with each statement, "
            "from 79% for peer support to 24% for a clear career path.",
            ratings,
            "Exit interview records (HR)",
            PERIOD,
            name="ratings",
            formats={"Agreed (%)": "{:.1f}"},
        ),
    )
    b.md("""
### Themes from comments

Comments were coded by two officers working separately. The most common themes were:

1. **Caseloads**: "I never had time to do the direct work I trained for."
2. **Progression**: "The only way up was into management, or to leave."
3. **Flexible working**: several leavers joined agencies for more control over their hours.

### Notes

Percentages are of the 29 respondents; one respondent is 3.4 percentage points.

### Notes

Comments quoted have been edited to remove anything that could identify a person.
""")
    b.code(
        "report.show_note(...)",
        lambda: report.show_note(
            (
                "Figures based on fewer than five respondents are not shown to protect "
                "confidentiality."
            ),
            title="Small numbers",
        ),
    )
    b.raw(RAW_MARKER)
    return Section("20_exit_interviews", b.nb)


def data_notes_section() -> Section:
    b = NotebookBuilder()
    b.md("""
# Data sources and definitions

## Sources
""")
    sources = pd.DataFrame(
        {
            "Source": [
                "HR leavers extract (i-Trent)",
                "Exit interview records (HR)",
                "Children's social work workforce (Department for Education)",
            ],
            "What it covers": [
                "Every member of staff who left, with reason and start date",
                "Exit interviews and online questionnaires completed",
                "National and regional turnover rates for comparison",
            ],
            "Date extracted": [
                pd.Timestamp("2016-09-05"),
                pd.Timestamp("2016-09-05"),
                pd.Timestamp("2016-02-23"),
            ],
        }
    )
    b.code(
        "report.show(sources, ...)",
        lambda: report.show(
            sources,
            "Data sources used in this pack",
            "Workforce and Organisational Development",
            name="sources",
        ),
    )
    b.md("""
## Definitions

Social worker
: a post requiring registration with the Health and Care Professions Council.

Turnover
: leavers in the year divided by the average headcount, as a percentage.

## Leavers by month

The table below is included for reference; it runs across a page break in print.
""")
    months = pd.date_range("2013-09-01", periods=36, freq="MS")
    monthly = pd.DataFrame(
        {
            "Month": [m.strftime("%B %Y") for m in months],
            "Leavers": [3 + (i * 7) % 5 for i in range(36)],
            "Of whom newly qualified": [(i * 5) % 3 for i in range(36)],
        }
    )
    b.code(
        "report.show(monthly, ...)",
        lambda: report.show(
            monthly,
            "Leavers by month",
            "HR leavers extract (i-Trent)",
            "1 September 2013 to 31 August 2016",
            name="monthly",
        ),
    )
    return Section("90_data_notes", b.nb)


def sample_sections() -> list[Section]:
    """Four section notebooks in pack order."""
    return [summary_section(), leavers_section(), exit_interviews_section(), data_notes_section()]


def sample_front(built: str = "21 September 2016 09:00") -> FrontMatter:
    """Front matter for the sample pack."""
    return FrontMatter(
        title="Evidence pack: reasons for leaving and exit interviews",
        council="Luton Borough Council",
        committee="Scrutiny Recruitment & Retention of Social Workers Task & Finish Group",
        committee_ref="R&RSWT&F/09/16",
        meeting_date=datetime.date(2016, 9, 21),
        meeting_time="18:00",
        place="Committee Room 3, Town Hall, Luton, LU1 2BQ",
        agenda_items=[
            "Item 7: Social workers and occupational therapists: reasons for leaving "
            "and exit interviews"
        ],
        report_of="Corporate Director, People",
        author="Workforce Intelligence Analyst",
        contact="scrutiny@luton.gov.uk",
        marking="NOT FOR PUBLICATION",
        marking_note=(
            "Exempt information under paragraph 1 of Part 1 of Schedule 12A to the "
            "Local Government Act 1972: information relating to any individual."
        ),
        built=built,
        provenance="Built by evidence-pack 0.1.0 from commit abc1234",
    )


def main(out_dir: str = "/tmp/packdemo") -> None:
    """Write pack.html and pack.pdf for the sample into ``out_dir`` and print timings."""
    from pipelines.documents.pack import assemble, write_pdf

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sections, front = sample_sections(), sample_front()
    start = time.perf_counter()
    html_text = assemble(sections, front)
    middle = time.perf_counter()
    (out / "pack.html").write_text(html_text, encoding="utf-8")
    write_pdf(html_text, out / "pack.pdf", title=front.title)
    end = time.perf_counter()
    print(f"HTML {middle - start:.2f}s, PDF {end - middle:.2f}s -> {out}")


if __name__ == "__main__":
    main(*sys.argv[1:])
