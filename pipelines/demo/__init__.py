"""Synthetic demo data for trying the evidence pack without real personnel records.

The only generator so far is :func:`write_luton_demo`, which writes a raw i-Trent leavers
extract, an exit-interview workbook and an establishment table whose aggregates reproduce the
published tables of Luton Borough Council's agenda item 7 report of 21 September 2016. Run it
with ``python -m pipelines.demo``.
"""

from pipelines.demo.luton import DEFAULT_OUT_DIR, SEED, write_luton_demo

__all__ = ["DEFAULT_OUT_DIR", "SEED", "write_luton_demo"]
