"""Command line: ``python -m pipelines.demo [--out DIR] [--scale N]`` writes the demo raw files.

``--scale N`` (N > 1) writes N times the staff, leavers, respondents and forms
(:mod:`pipelines.demo.scale`) into a folder of its own (default
``data/raw/scaled-<N>x/luton-sw-2016``), never into the committed demo folder.
"""

from __future__ import annotations

import argparse
import pathlib
import sys
from collections.abc import Sequence

from pipelines.demo import DEFAULT_OUT_DIR, SEED, write_all_demo
from pipelines.demo.scale import scale_demo


def scaled_out_dir(n: int) -> pathlib.Path:
    """Default folder of the demo at scale ``n``: ``data/raw/scaled-<n>x/<review>``."""
    return DEFAULT_OUT_DIR.parents[1] / f"scaled-{n}x" / DEFAULT_OUT_DIR.name


def main(argv: Sequence[str] | None = None) -> int:
    """Write the synthetic Luton demo files and list them.

    Parameters
    ----------
    argv : sequence of str, optional
        Command-line arguments without the program name; ``sys.argv[1:]`` when omitted.

    Returns
    -------
    int
        Exit status (0 on success).

    """
    parser = argparse.ArgumentParser(
        prog="python -m pipelines.demo",
        description=(
            "Write synthetic (no real person) raw files for the Luton social worker leavers "
            f"demo. Deterministic: numpy seed {SEED}."
        ),
    )
    parser.add_argument(
        "--out",
        type=pathlib.Path,
        default=None,
        help=f"folder to write into (default: {DEFAULT_OUT_DIR}; with --scale N, "
        f"{scaled_out_dir(0).parent.parent}/scaled-<N>x/{DEFAULT_OUT_DIR.name})",
    )
    parser.add_argument(
        "--scale",
        type=int,
        default=1,
        metavar="N",
        help="N times the staff, leavers, survey respondents and exit forms (default 1)",
    )
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be a whole number of at least 1")
    out = args.out or (DEFAULT_OUT_DIR if args.scale == 1 else scaled_out_dir(args.scale))
    if args.scale > 1 and out.resolve() == DEFAULT_OUT_DIR.resolve():
        parser.error("--scale writes to a folder of its own: the committed demo data never change")
    for path in write_all_demo(out):
        print(path)
    scale_demo(out, args.scale)
    return 0


if __name__ == "__main__":
    sys.exit(main())
