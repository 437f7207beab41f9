"""Workforce snapshot, pay, caseload and market supplement exports: cleaning, checks, demo."""

# Staff in post and leavers' qualifications (retention section): cleaners and suites register on
# import, beside the family's clean and validate modules.
from pipelines.datasets.workforce import staff as staff  # noqa: E402,F401
