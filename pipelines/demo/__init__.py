"""Synthetic demo data for trying the evidence pack without real personnel records.

:func:`write_luton_demo` writes a raw i-Trent leavers extract, an exit-interview workbook and
an establishment table whose aggregates reproduce the published tables of Luton Borough
Council's agenda item 7 report of 21 September 2016; :func:`write_workforce_demo` and
:func:`write_survey_demo` write the item 6 workforce and survey exports.
:func:`write_all_demo` (``python -m pipelines.demo``) writes them all.
"""

from pipelines.datasets.leavers.demo import DEFAULT_OUT_DIR, SEED, write_luton_demo
from pipelines.datasets.recruitment.demo import write_recruitment_demo
from pipelines.datasets.surveys.demo import write_survey_demo
from pipelines.datasets.workforce.demo import write_workforce_demo
from pipelines.demo.staff import write_staff_demo
from pipelines.sections.swot.demo import write_swot_demo
from pipelines.sections.tracker.demo import write_tracker_demo

__all__ = [
    "DEFAULT_OUT_DIR",
    "SEED",
    "write_all_demo",
    "write_luton_demo",
    "write_staff_demo",
    "write_survey_demo",
    "write_workforce_demo",
]


def write_all_demo(out_dir=DEFAULT_OUT_DIR) -> list:
    """Write every synthetic demo export of the Luton review (leavers, workforce, surveys...)."""
    return [
        *write_luton_demo(out_dir),
        *write_workforce_demo(out_dir),
        *write_staff_demo(out_dir),
        *write_survey_demo(out_dir),
        *write_swot_demo(out_dir),
        *write_tracker_demo(out_dir),
        *write_recruitment_demo(out_dir, "luton-sw-2016"),
    ]
