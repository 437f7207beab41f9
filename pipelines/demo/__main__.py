"""Command line: ``python -m pipelines.demo [--out DIR]`` writes the Luton demo raw files."""

from __future__ import annotations

import argparse
import pathlib
import sys
from collections.abc import Sequence

from pipelines.demo import DEFAULT_OUT_DIR, SEED, write_all_demo


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
        default=DEFAULT_OUT_DIR,
        help=f"folder to write into (default: {DEFAULT_OUT_DIR})",
    )
    args = parser.parse_args(argv)
    for path in write_all_demo(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
