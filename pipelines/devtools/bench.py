"""``make bench``: the issue 16 speed targets, measured in one run on this machine.

``python -m pipelines.devtools.bench [review] [--meeting DATE] [--scale N] [--skip ...]`` works in
a temporary folder (``outputs/``, ``data/processed/`` and the committed demo are not touched) and
times whole processes, as an officer would run them:

1. the by-hand baseline (:mod:`pipelines.devtools.by_hand`: papermill each notebook per audience,
   exempt then public as the build does, nbconvert to HTML without code, WeasyPrint to PDF; it
   makes no DOCX and no assembled documents, so it errs in its own favour);
2. a cold build of the meeting (no cache, no previous pack; its default variant, which runs every
   section twice, exempt then public, and writes ``public/``, ``exempt/`` and ``internal/``,
   the technical annex as HTML: its PDF is made on request, ``--annex-pdf``, timed too for
   reference);
3. the same build again with nothing changed;
4. the build after one section's parameter changed (which steps ran, from
   ``internal/timings.json``: the section under both audiences and the documents);
5. section kernels: a kernel's start-up and each section notebook's first-cell imports
   (Great Expectations and WeasyPrint must not be among them);
6. the demo at ``--scale N`` (default 100) built cold, against the 1x cold build, and the peak
   memory of one process (``ru_maxrss`` of the build and its kernels);
7. ``evidence-pack benchmark --all``: seconds per authority.

It prints a table of every target: target, measured, met or missed. Times are wall-clock
seconds on a shared machine; they are reported here and never asserted in tests.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

GIB = 1 << 30


@dataclass
class Run:
    """One measured process: wall seconds, CPU seconds (it and its children), peak memory.

    The CPU seconds do not grow when other work shares the machine; the wall seconds do.
    """

    seconds: float
    peak: int
    stdout: str
    cpu: float = 0.0


def measure(cmd: list[str], **kwargs) -> Run:
    """Run ``cmd``; its wall time and the peak RSS of it and every process it waited for.

    ``os.wait4`` gives the child's own resource usage (its ``ru_maxrss`` covers its waited-for
    descendants, such as notebook kernels: the largest single process, in bytes here).
    """
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, **kwargs)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stderr[-3000:]}")
    return Run(seconds, usage.ru_maxrss * 1024, stdout, usage.ru_utime + usage.ru_stime)


def python(*args: str) -> list[str]:
    """A command running this Python with the project on its path."""
    return [sys.executable, *args]


def steps_run(folder: Path) -> list[str]:
    """The steps a build ran (not reused), from its ``timings.json``.

    ``folder`` is the meeting's folder (``<outputs>/<review>/<meeting>``); the file is in its
    ``internal/`` folder.
    """
    path = folder / "internal" / "timings.json"
    steps = json.loads(path.read_text(encoding="utf-8")).get("steps", {})
    return [k for k, v in steps.items() if v == "ran"]


def expected_after_parameter_change(
    section: str, audiences: tuple[str, ...], sections: list[str] | tuple[str, ...] = ()
) -> set[str]:
    """The steps that must re-run when one parameter of ``section`` changed, and only those.

    The section, and each of the meeting's ``sections`` that reads its parameters (declared in
    the registry: ``SectionSpec.parameters_of``, or a summary of every section), under each
    audience the build runs (the second and later ones named ``"<notebook> (<audience>)"``, as
    the orchestrator names them), and the documents.
    """
    from pipelines.cache import parameters_read, reads_every_section
    from pipelines.orchestrator import audience_label

    readers = [
        s
        for s in sections
        if s != section and (section in parameters_read(s) or reads_every_section(s))
    ]
    return {
        f"section {name}{audience_label(audiences, a)}"
        for name in (section, *readers)
        for a in audiences
    } | {"documents"}


def change_one_parameter(review_yaml: Path) -> str | None:
    """Add 1 to the first whole-number parameter of a section in a review YAML; its section.

    The file is edited as text (the first ``name: <int>`` line under a ``parameters:`` block), as
    an officer would.
    """
    lines = review_yaml.read_text(encoding="utf-8").splitlines(keepends=True)
    section = None
    in_params = False
    for i, line in enumerate(lines):
        if m := re.match(r"\s*- notebook:\s*(\S+)", line):
            section, in_params = m.group(1), False
        elif re.match(r"\s*parameters:\s*$", line):
            in_params = True
        elif in_params and (m := re.match(r"(\s*\w+:\s*)(\d+)(\s*(#.*)?\n?)$", line)):
            lines[i] = f"{m.group(1)}{int(m.group(2)) + 1}{m.group(3)}"
            review_yaml.write_text("".join(lines), encoding="utf-8")
            return section
    return None


def first_cell_imports(source: str) -> str:
    """The top-level ``import`` and ``from ... import`` statements of a cell, as code.

    Parsed, so an import written over several lines (in brackets) is kept whole.
    """
    tree = ast.parse(source)
    return "\n".join(
        ast.unparse(node) for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)
    )


def kernel_startup(sections: list[str]) -> dict[str, float]:
    """Seconds to start the project kernel, and each section's first-cell imports (a process).

    Also checks which heavy packages the imports load (``gx``/``weasyprint`` flags).
    """
    from jupyter_client.manager import start_new_kernel

    from pipelines.core.config import notebooks_dir
    from pipelines.core.kernel import ensure_kernel

    out: dict[str, float] = {}
    t0 = time.perf_counter()
    km, kc = start_new_kernel(kernel_name=ensure_kernel())
    out["kernel start"] = time.perf_counter() - t0
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    for name in sections:
        nb = json.loads((notebooks_dir() / f"{name}.ipynb").read_text(encoding="utf-8"))
        code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
        imports = first_cell_imports(code[1])
        probe = (
            imports + "\nimport sys\nprint(int('great_expectations' in sys.modules), "
            "int('weasyprint' in sys.modules))"
        )
        run = measure(python("-c", probe), cwd=str(notebooks_dir()))
        gx, wp = run.stdout.split()
        out[f"imports {name}"] = run.seconds
        out[f"heavy {name}"] = int(gx) + int(wp)
    return out


def row(what: str, target: str, measured: str, met: bool | None) -> tuple:
    """A line of the results table."""
    return (what, target, measured, "-" if met is None else ("met" if met else "MISSED"))


def main(argv: list[str] | None = None) -> list[tuple]:
    """Run the bench and print the table; return its rows."""
    parser = argparse.ArgumentParser(prog="python -m pipelines.devtools.bench")
    parser.add_argument("review", nargs="?", default="luton-sw-2016")
    parser.add_argument("--meeting", default="2016-09-21")
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument(
        "--skip",
        default="",
        help="comma-separated parts to leave out: hand, kernels, scale, all",
    )
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))

    from pipelines.core.config import load_review, review_path
    from pipelines.devtools.by_hand import AUDIENCES
    from pipelines.orchestrator import build_audiences, meeting_date, pack_sections

    cfg = load_review(args.review)
    sections = [r.notebook for r in pack_sections(cfg.meeting(meeting_date(cfg, args.meeting)))]
    rows: list[tuple] = []
    notes: list[str] = []
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    env.pop("EVIDENCE_PACK_CACHE", None)  # a cold build is cold: no cache shared from elsewhere
    with tempfile.TemporaryDirectory(prefix="evidence-pack-bench-") as tmp_name:
        tmp = Path(tmp_name)
        # The review as a file of its own, so that a parameter can be changed in it.
        review_yaml = tmp / f"{cfg.id}.yml"
        text = review_path(args.review).read_text(encoding="utf-8")
        review_yaml.write_text(
            re.sub(r"(?m)^raw_dir:.*$", f"raw_dir: {cfg.raw_path()}", text), encoding="utf-8"
        )

        def build(name: str, *extra: str) -> Run:
            out = tmp / name
            run = measure(
                python(
                    "-m", "pipelines", "build", str(review_yaml), "--meeting", args.meeting,
                    "--outputs", str(out / "outputs"), "--processed", str(out / "processed"),
                    "-q", *extra,
                ),
                env=env,
            )  # fmt: skip
            ran = ", ".join(steps_run(out / "outputs" / cfg.id / args.meeting)) or "nothing"
            print(f"  {name}: {run.seconds:.1f} s ({run.cpu:.1f} s CPU), ran {ran}")
            return run

        print(
            f"Bench of {cfg.id} {args.meeting} ({os.cpu_count()} cores, load average "
            f"{os.getloadavg()[0]:.1f} at the start)"
        )
        hand = None
        if "hand" not in skip:
            print("  by hand ...")
            hand = measure(
                python(
                    "-m", "pipelines.devtools.by_hand", str(review_yaml), args.meeting,
                    "--work", str(tmp / "by-hand"),
                ),
                env=env,
            )  # fmt: skip
            print(
                f"  by hand: {hand.seconds:.1f} s (papermill each notebook, sections once per "
                f"audience {'/'.join(AUDIENCES)}; nbconvert --no-input; WeasyPrint; no DOCX)"
            )
        cold = build("main")
        if hand:
            ratio = hand.seconds / cold.seconds
            rows.append(
                row(
                    "cold build vs by hand",
                    ">= 5x faster",
                    f"{ratio:.1f}x ({cold.seconds:.1f} s vs {hand.seconds:.1f} s); "
                    f"CPU {hand.cpu / cold.cpu:.1f}x ({cold.cpu:.1f} s vs {hand.cpu:.1f} s)",
                    ratio >= 5,
                )
            )
        re_run = build("main")
        rows.append(
            row(
                "rebuild, nothing changed",
                "<= 2 s or <= cold/15",
                f"{re_run.seconds:.1f} s (cold/{cold.seconds / re_run.seconds:.0f}); "
                f"CPU {re_run.cpu:.1f} s (cold/{cold.cpu / max(re_run.cpu, 0.01):.0f})",
                re_run.seconds <= 2 or re_run.seconds <= cold.seconds / 15,
            )
        )
        changed = change_one_parameter(review_yaml)
        if changed:
            param = build("main")
            ran = steps_run(tmp / "main" / "outputs" / cfg.id / args.meeting)
            rows.append(
                row(
                    f"one parameter of {changed} changed",
                    "only it, its readers and the documents re-run, <= cold/4",
                    f"{param.seconds:.1f} s (cold/{cold.seconds / param.seconds:.1f}); ran "
                    + ", ".join(ran),
                    set(ran)
                    == expected_after_parameter_change(changed, build_audiences(None), sections)
                    and param.seconds <= cold.seconds / 4,
                )
            )
        with_annex = build("annex", "--annex-pdf")
        rows.append(
            row(
                "cold build with the annex PDF (on request, for reference)",
                "-",
                f"{with_annex.seconds:.1f} s ({with_annex.cpu:.1f} s CPU; without it "
                f"{cold.seconds:.1f} s)",
                None,
            )
        )
        no_cache = build("main", "--no-cache", "--jobs", "1")
        rows.append(
            row(
                "sequential, no cache (for reference)",
                "-",
                f"{no_cache.seconds:.1f} s (parallel cold build {cold.seconds:.1f} s)",
                None,
            )
        )
        if "kernels" not in skip:
            k = kernel_startup(sections)
            heavy = [s for s in sections if k[f"heavy {s}"]]
            imports = {s: k[f"imports {s}"] for s in sections}
            rows.append(
                row(
                    "section kernels: start + first-cell imports",
                    "no Great Expectations or WeasyPrint",
                    f"start {k['kernel start']:.1f} s; imports "
                    + ", ".join(f"{s[:2]} {v:.1f} s" for s, v in imports.items())
                    + (f"; heavy in {heavy}" if heavy else ""),
                    not heavy,
                )
            )
        if "scale" not in skip and args.scale > 1:
            raw = tmp / f"raw-{args.scale}x"
            measure(
                python("-m", "pipelines.demo", "--scale", str(args.scale), "--out", str(raw)),
                env=env,
            )
            big = build(f"x{args.scale}", "--raw-dir", str(raw))
            ratio = big.seconds / cold.seconds
            rows.append(
                row(
                    f"{args.scale}x data vs 1x (cold builds)",
                    "<= 1.5x",
                    f"{ratio:.2f}x ({big.seconds:.1f} s vs {cold.seconds:.1f} s); "
                    f"CPU {big.cpu / cold.cpu:.2f}x",
                    ratio <= 1.5,
                )
            )
            rows.append(
                row(
                    f"peak memory, {args.scale}x build (largest process)",
                    "< 2 GiB",
                    f"{big.peak / GIB:.2f} GiB (1x: {cold.peak / GIB:.2f} GiB)",
                    big.peak < 2 * GIB,
                )
            )
        if "all" not in skip:
            batch = measure(
                python("-m", "pipelines", "benchmark", "--all", "--out", str(tmp / "all"), "-q"),
                env=env,
            )
            timings = json.loads((tmp / "all" / "timings.json").read_text(encoding="utf-8"))
            n = timings["authorities"]
            rows.append(
                row(
                    "benchmark --all, per authority (HTML, CSV)",
                    "<= 1 s",
                    f"{batch.seconds / n:.2f} s ({n} authorities in {batch.seconds:.0f} s, "
                    f"{timings['jobs']} processes; peak {batch.peak / GIB:.2f} GiB)",
                    batch.seconds / n <= 1,
                )
            )
        shutil.rmtree(tmp / "by-hand", ignore_errors=True)
    width = [max(len(str(r[i])) for r in rows) for i in range(4)]
    print()
    for r in [("measure", "target", "measured", "result"), *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, width, strict=True)).rstrip())
    for note in notes:
        print(note)
    return rows


if __name__ == "__main__":
    main()
