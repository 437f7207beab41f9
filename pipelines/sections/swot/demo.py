"""Demo SWOT input: the officers' SWOT entries for the Luton review, and their README.

The entries are written for the demo (the Luton papers contain no SWOT); their external
evidence quotes figures printed in the agenda pack of 21 September 2016, cited by paragraph.
:func:`write_swot_demo` writes them so that ``python -m pipelines.demo`` regenerates every demo
file.
"""

from __future__ import annotations

from pathlib import Path

CURATED_FILE = "swot_curated.yml"
README_FILE = "README-swot.md"

CURATED = """\
# Officers' SWOT entries for the Luton review (synthetic demo: written for the demo from the
# agenda pack of 21 September 2016; see README-swot.md). Every entry needs evidence: either
#   evidence: {indicator: <key>}            the figure, source and period come from the data, or
#   evidence: {figure: ..., source: ..., period: ...}   an external figure, cited.
# An entry without evidence stops the build with a message naming the entry.
entries:
  - id: locums-feel-valued
    quadrant: Strengths
    text: >-
      Most locums said they felt valued by the council: a base for converting locums to
      permanent posts.
    evidence: {indicator: locum_felt_valued}
  - id: leavers-job-security
    quadrant: Weaknesses
    text: "Leavers rated job security lowest of the sixteen aspects of their employment."
    evidence: {indicator: lowest_rated_aspect}
  - id: childrens-staff-least-positive
    quadrant: Weaknesses
    text: "Children's staff were least positive about the training for their current role."
    evidence: {indicator: survey_least_positive_childrens}
  - id: peer-support
    quadrant: Strengths
    text: >-
      Staff valued the mentoring and support of their peers more than anything else the staff
      survey asked about: a collaborative environment to foster.
    evidence:
      figure: "average 2.18 (1 = very satisfied), the best of 16 questions"
      source: "Agenda item 6 report, 21 September 2016, paragraph 26; Appendix 1 (all respondents)"
      period: "January to February 2016"
  - id: leavers-would-return
    quadrant: Strengths
    text: >-
      Most leavers who answered would consider coming back to work for the council: a pool
      for re-recruitment.
    evidence: {indicator: would_return}
  - id: step-up-cohort-4
    quadrant: Opportunities
    text: >-
      Step Up to Social Work: Luton's fourth cohort of trainees completes its diploma by
      March 2017 and can be recruited to permanent posts.
    evidence:
      figure: 7 trainees
      source: "Agenda item 6 report, 21 September 2016, paragraph 54"
      period: "At 21 September 2016"
  - id: come-back-to-social-work
    quadrant: Opportunities
    text: >-
      The national Come Back to Social Work programme offers free places to social workers
      who left the profession two to five years ago.
    evidence:
      figure: 30 places, 13-week refresher programme
      source: "Agenda item 6 report, 21 September 2016, paragraph 41"
      period: "2016"
  - id: agency-rate-cap-under-pressure
    quadrant: Threats
    text: >-
      The regional cap on agency pay rates is under strain: two of the councils that
      signed the memorandum in September 2014 (Peterborough and Beds Borough, as the
      report names them) said they must move away from the capped rates for a time.
    evidence:
      figure: 2 of the 12 councils that signed
      source: "Agenda item 6 report, 21 September 2016, paragraph 45"
      period: "At 21 September 2016"
"""

README = """\
# SWOT demo input: officers' entries (`swot_curated.yml`)

**Synthetic.** `swot_curated.yml` stands in for the entries an officer would write for the
group's SWOT of the local position. The Luton papers contain no SWOT; these entries were written
for the demo, and their external evidence is taken from the agenda pack of 21 September 2016
(item 6 report), cited by paragraph. No figure is made up: an entry either names an indicator
(the figure, source and period then come from the data and the section that shows it; see
`pipelines/analysis/indicators.py`) or quotes a figure printed in the papers with its source and
period.

- `locums-feel-valued` (Strengths): indicator `locum_felt_valued` (locum survey, section
  20_surveys)
- `leavers-job-security` (Weaknesses): indicator `lowest_rated_aspect` (exit interview ratings,
  section 10_leavers)
- `childrens-staff-least-positive` (Weaknesses): indicator `survey_least_positive_childrens`
  (staff survey, section 20_surveys)
- `peer-support` (Strengths): item 6 report, paragraph 26 and Appendix 1: average 2.18 for the
  mentoring and support of peers, the best answer of all respondents; period January to February
  2016, the months of the staff survey export (the report says only "early 2016", which a paper
  cannot print as a period: the build refuses it)
- `leavers-would-return` (Strengths): indicator `would_return` (exit interview forms, section
  10_leavers)
- `step-up-cohort-4` (Opportunities): item 6 report, paragraph 54: 7 trainees completing by
  March 2017, as at the report's date (21 September 2016), the period of the figure
- `come-back-to-social-work` (Opportunities): item 6 report, paragraph 41: 30 places, 13-week
  programme
- `agency-rate-cap-under-pressure` (Threats): item 6 report, paragraph 45: 2 of the 12 councils
  that signed the memorandum in September 2014, as at the report's date (21 September 2016)

The rules that add entries from the pack's figures are in `config/swot/luton-sw-2016.yml` (kept
apart from the review file because they are generic and officers tune them on their own). An
entry without evidence stops the build with a message naming the file and the entry.
"""


def write_swot_demo(out_dir: Path | str) -> list[Path]:
    """Write ``swot_curated.yml`` and ``README-swot.md`` into ``out_dir``; return their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in ((CURATED_FILE, CURATED), (README_FILE, README)):
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
