"""Workforce snapshot, pay, caseload and market supplement exports: cleaning, checks, demo."""

# Staff in post and leavers' qualifications (retention section): cleaners and suites register on
# import, beside the family's clean and validate modules.
# The agency spend export (issue 22): the cost of an agency worker from the council's records.
from pipelines.datasets.workforce import agency as agency  # noqa: E402,F401
from pipelines.datasets.workforce import staff as staff  # noqa: E402,F401
