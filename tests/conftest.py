"""Shared fixtures: paths and the seed figures (read from ../shared, never copied)."""

from __future__ import annotations

import fcntl
import hashlib
import inspect
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

import pipelines.datasets  # noqa: F401  (registers every dataset's cleaners and checks)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_FIGURES = SHARED / "reference" / "seed_figures.yml"
DEMO_REVIEW = "luton-sw-2016"
DEMO_MEETING = "2016-09-21"
#: Build time of the shared demo pack (21 September 2016, 18:00 BST), so rebuilds can be compared.
SOURCE_DATE_EPOCH = "1474477200"

#: ``make test-quick`` sets this: only tests that build nothing run (no notebook, no PDF), and a
#: test that tries to run a notebook or write a PDF in the test process fails, naming itself, so
#: the quick loop cannot quietly grow slow again.
QUICK = os.environ.get("EVIDENCE_PACK_QUICK") == "1"


def examples(n: int) -> int:
    """How many examples a property test (hypothesis) tries: ``n`` in ``make test``; in the quick
    loop a quarter of it, at least 10, so the edit-test loop stays short while every property is
    still tried. The full count runs in ``make test`` (and CI)."""
    return max(10, n // 4) if QUICK else n


#: Words in a fixture's source that mean it builds a pack (runs section notebooks).
_BUILDS = re.compile(
    r"\bbuild_pack\(|\bbuild_review\(|\bbuild_meeting\(|\bshared_build\w*\(|\bcli_build\("
    r"|\[\s*\"(?:build|benchmark)\""
)
_fixture_builds: dict[object, bool] = {}


def _fixture_builds_pack(fixturedef) -> bool:
    """Whether a fixture's own code builds a pack (read once from its source)."""
    func = fixturedef.func
    if func not in _fixture_builds:
        try:
            _fixture_builds[func] = bool(_BUILDS.search(inspect.getsource(func)))
        except (OSError, TypeError):
            _fixture_builds[func] = False
    return _fixture_builds[func]


#: Seconds that tests (a file, or one test ``file::name``) took in a full run on the 2-core machine
#: (``make test --durations``, December 2026; set-up of module fixtures included). Used only to
#: send the longest work to the xdist workers first (see :func:`_order_for_workers`); a test not
#: listed is estimated from its marks (:func:`_estimated_seconds`), so a stale entry costs balance,
#: never correctness.
MEASURED_SECONDS = {
    "tests/e2e/test_cache_build.py": 95,
    "tests/e2e/test_publication.py": 110,
    "tests/e2e/test_publication.py::test_public_pack_of_the_final_meeting": 30,
    "tests/e2e/test_papers.py": 15,  # reads the shared Luton and Coventry packs (built first)
    "tests/cli/test_raw_dir.py::test_a_build_with_raw_dir": 65,
    "tests/robustness/test_warnings_in_pack.py::test_a_warn_level_export": 62,
    "tests/e2e/test_build_reproducible.py::test_same_inputs": 60,
    "tests/e2e/test_officer_text_canaries.py": 50,
    "tests/e2e/test_adding_a_section.py::test_following_the_doc": 45,
    "tests/e2e/test_build_safety.py::test_two_meetings_of_one_review": 45,
    "tests/e2e/test_build_safety.py::test_a_full_disk_stops_the_build": 15,
    "tests/e2e/test_build_safety.py::test_a_crash_between_the_renames": 15,
    "tests/e2e/test_build_safety.py::test_a_failing_section_keeps": 15,
    "tests/e2e/test_notebooks_run.py": 45,
    "tests/e2e/test_bad_inputs.py::test_leaving_date_before_start_date": 30,
    "tests/e2e/test_bad_inputs.py::test_all_problems": 12,
    "tests/e2e/test_bad_inputs.py::test_debug": 9,
    "tests/e2e/test_build_safety.py::test_a_full_disk_in_python_code": 12,
    "tests/sections/surveys/test_survey_notebook.py::test_": 6,
    "tests/cli/test_param_builds.py::test_values_at_the_edges": 37,
    "tests/cli/test_param_builds.py::test_a_cheaper_agency_rate": 29,
    "tests/e2e/test_build_interrupted.py::test_second_build": 30,
    "tests/e2e/test_build_interrupted.py::test_killed_build": 10,
    (
        "tests/sections/workforce/test_council_posts.py"
        "::test_a_post_the_pay_rates_do_not_cost_stops_the_build"
    ): 28,
    "tests/backtest/test_coventry.py": 35,
    "tests/e2e/test_disclosure_audit.py": 30,
    "tests/sections/workforce/test_what_if_and_bad_inputs.py": 40,
    "tests/e2e/test_any_council.py": 22,
    "tests/sections/national/test_e2e_luton.py": 30,
    "tests/e2e/test_audience_in_notebook.py": 20,
    "tests/e2e/test_documents.py::test_axe_core": 25,
    "tests/sections/swot/test_swot.py": 30,
    "tests/core/test_registry.py": 15,
    # tests that build nothing (``make test-quick``) but take longest
    "tests/documents/test_pdf_jobs.py": 25,
    "tests/sections/test_ranked_findings.py": 25,
    "tests/robustness/test_rows_accounts.py": 20,
    "tests/sections/retention/test_demo_meeting.py": 15,
    "tests/sections/recruitment/test_starter_rate.py": 12,
    "tests/sections/national/test_tables.py": 12,
    "tests/core/test_disclosure_audit.py::test_no_suppressed_cell_can_be_recovered": 12,
    "tests/sections/test_parameter_ranges.py::test_workforce_parameters": 12,
    "tests/cli/test_cli.py::test_validate_": 8,
    "tests/sections/recruitment/test_appointments.py::test_every_count": 8,
    "tests/sections/swot/test_swot.py::test_the_demo_swot": 8,
    "tests/config/test_no_council_words.py::test_no_demo": 7,
    "tests/clean/test_export_meaning.py::test_validate_stops": 6,
    "tests/sections/tracker/test_tracker.py::test_the_demo_register": 6,
    "tests/robustness/test_malformed_exit_codes.py::test_validate_stops": 4,
    # CPU seconds x 1.5 of a quick run, one test at a time (8 December 2026)
    "tests/cli/test_init.py": 16,
    "tests/documents/test_unchanged_chapters.py::test_the_national_comparison": 6,
    "tests/sections/recruitment/test_target_sources.py::test_a_target_without": 5,
    "tests/sections/recruitment/test_tied_tables.py": 6,
    "tests/core/test_import_graph.py::test_the_package_skips": 4,
    "tests/documents/test_pack.py": 6,
    "council-northshire": 30,
    "council-eastmoor": 30,
    "council-southvale": 20,
    "council-westbury": 25,
}


def _estimated_seconds(item) -> float:
    """A test's expected duration in seconds: its :data:`MEASURED_SECONDS` entry (the longest
    ``file::name`` prefix of its node id), else 2 s for a test marked ``slow`` (most read a
    shared pack) and 0.1 s for one that builds nothing."""
    nodeid = item.nodeid.split("@")[0]
    best = ""
    for prefix in MEASURED_SECONDS:
        if "::" in prefix and nodeid.startswith(prefix) and len(prefix) > len(best):
            best = prefix
    if best:
        return MEASURED_SECONDS[best]
    return 2.0 if item.get_closest_marker("slow") else 0.1


def _work_unit(item) -> str:
    """The unit of work an xdist worker takes whole (``--dist loadgroup``): the test's own
    ``xdist_group`` mark; else its file when it uses a module- or class-scoped fixture (built
    once per worker, so the file's tests must run on one worker); else the test alone (its
    fixtures are per test, or per run: the shared packs below are built once for all workers)."""
    mark = item.get_closest_marker("xdist_group")
    if mark is not None:
        return str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
    info = getattr(item, "_fixtureinfo", None)
    scopes = {d.scope for ds in (info.name2fixturedefs.values() if info else ()) for d in ds}
    path = item.nodeid.split("::")[0]
    if "package" in scopes:
        return path.rsplit("/", 1)[0]
    if scopes - {"function", "session"}:
        return path
    return item.nodeid


def _order_for_workers(items) -> None:
    """Group the tests into units (:func:`_work_unit`, marked ``xdist_group``) and put the units
    in order of their expected seconds, longest first, keeping a unit's tests in file order.

    With ``--dist loadgroup --no-loadscope-reorder`` (``make test``) a free worker takes the
    next unit in this order, so the long builds start first and the many short tests fill the
    end of the run on both workers, instead of one worker finishing a long file alone."""
    units: dict[str, list] = {}
    for item in items:
        units.setdefault(_work_unit(item), []).append(item)
    cost = {}
    for name, members in units.items():
        file_level = MEASURED_SECONDS.get(name.split("::")[0]) if "::" not in name else None
        cost[name] = MEASURED_SECONDS.get(name, file_level) or sum(map(_estimated_seconds, members))
    order = sorted(units, key=lambda name: -cost[name])  # stable: ties keep collection order
    items[:] = [item for name in order for item in units[name]]
    for name in order:
        if len(units[name]) > 1 or name != units[name][0].nodeid:
            for item in units[name]:
                if item.get_closest_marker("xdist_group") is None:
                    item.add_marker(pytest.mark.xdist_group(name))


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    """One day for the whole run: every build, in every worker and subprocess, checks and
    caches under the date the run started (``EVIDENCE_PACK_TODAY``), so a run that crosses
    midnight does not build two packs that differ only in the day their checks took as today."""
    import datetime as dt

    from pipelines.steps import TODAY_ENV

    os.environ.setdefault(TODAY_ENV, dt.date.today().isoformat())


def pytest_collection_modifyitems(config, items):
    """Mark as ``slow`` every test that builds: end-to-end tests and tests using a fixture whose
    code builds a pack (read from the fixture's source, so a new building fixture is found too).

    ``make test-quick`` deselects ``slow`` tests (``-m "not slow"``); ``make test`` runs them all.
    A test that builds by itself and is not marked fails in the quick loop, naming itself.

    Then the tests are put in units for the xdist workers, longest first
    (:func:`_order_for_workers`).
    """
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        defs = [d for ds in (info.name2fixturedefs.values() if info else ()) for d in ds]
        if "e2e" in item.path.parts or any(_fixture_builds_pack(d) for d in defs):
            item.add_marker(pytest.mark.slow)
    _order_for_workers(items)


@pytest.fixture(scope="session", autouse=True)
def _quick_runs_no_notebook():
    """In the quick loop, running a notebook or writing a PDF is a test fault: the test must be
    marked ``slow``.

    Session-scoped, so it is in force before any module- or session-scoped fixture builds.
    """
    if not QUICK:
        yield
        return

    def refuse(*args, **kwargs):
        pytest.fail(
            "This test (or its fixture) runs a notebook, so it builds: mark it "
            "@pytest.mark.slow so that `make test-quick` leaves it to `make test`.",
            pytrace=False,
        )

    def refuse_pdf(*args, **kwargs):
        pytest.fail(
            "This test (or its fixture) writes a PDF with WeasyPrint (seconds each): mark it "
            "@pytest.mark.slow so that `make test-quick` leaves it to `make test`.",
            pytrace=False,
        )

    import papermill

    from pipelines.documents import pack

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(papermill, "execute_notebook", refuse)
        patch.setattr(pack, "write_pdf", refuse_pdf)
        yield


@pytest.fixture(scope="session", autouse=True)
def _kernels_kept_between_builds():
    """A build's warm kernels and PDF writers serve the next build of this test process when
    started alike (:func:`pipelines.core.warm.keep_between_builds`): a worker builds dozens of
    packs, and each new pair of kernels costs about 4 s of CPU, each pair of PDF writers about
    2 s. Each notebook still runs in a kernel reset to a new kernel's state
    (tests/core/test_kernel_pool.py); they all stop with the run."""
    from pipelines.core.warm import keep_between_builds

    keep_between_builds(True)
    yield
    keep_between_builds(False)


@pytest.fixture(scope="session", autouse=True)
def _one_step_cache_for_the_run(tmp_path_factory):
    """Every build of this test run (every xdist worker, every subprocess) shares one step cache
    (``EVIDENCE_PACK_CACHE``), so a section that two tests build with the same inputs runs once.

    The cache is content-addressed (a step's key is the hash of everything it reads), so a shared
    entry gives the files a fresh run would. A test about the cache itself, or one that needs
    every step to run (a cold build, a build whose code a test patches), passes ``cache_root``
    or ``use_cache=False`` (``--no-cache``).
    """
    from pipelines.cache import CACHE_ENV

    if CACHE_ENV in os.environ:  # a developer's own choice wins
        yield
        return
    folder = _shared_folder(tmp_path_factory) / "step-cache"
    os.environ[CACHE_ENV] = str(folder)
    try:
        yield
    finally:
        os.environ.pop(CACHE_ENV, None)


def _demo_vocabulary() -> Path:
    """The folder of the demo review's own mapping tables."""
    from pipelines.core.config import review_path

    return review_path(DEMO_REVIEW).parent / DEMO_REVIEW / "mappings"


@pytest.fixture(scope="session", autouse=True)
def _demo_vocabulary_for_the_run():
    """The demo review's own mapping tables are in use from the start of the run, so module- and
    session-scoped fixtures (set up before any test's own fixtures) read the demo exports as a
    build of the demo does."""
    from pipelines.core.config import use_review_mappings

    use_review_mappings(_demo_vocabulary())
    yield


@pytest.fixture(autouse=True)
def _review_vocabulary_is_the_demo_reviews():
    """Each test starts with the demo review's own mapping tables in use, as a build of it has,
    and after it the demo's are put back, whatever review the test loaded.

    Loading a review makes its vocabulary the one in use for the process
    (:func:`pipelines.core.config.use_review_mappings`); without this, a test reading the demo
    exports passed or failed according to which review an earlier test had loaded.
    """
    from pipelines.core.config import use_review_mappings

    use_review_mappings(_demo_vocabulary())
    try:
        yield
    finally:
        use_review_mappings(_demo_vocabulary())


@pytest.fixture(scope="session")
def seed() -> dict:
    """The seed figures file, as published in ../shared/reference."""
    if not SEED_FIGURES.exists():
        pytest.fail(
            f"Seed figures not found at {SEED_FIGURES}: the tests need ../shared beside "
            "the repository."
        )
    return yaml.safe_load(SEED_FIGURES.read_text(encoding="utf-8"))


def key(label: str) -> str:
    """Comparable form of a label: letters and digits only, lower case, no plural 's'."""
    k = re.sub(r"[^a-z0-9]", "", str(label).lower())
    return k[:-1] if k.endswith("s") else k


_DEMO_FRAMES: dict[str, dict[str, pd.DataFrame]] = {}


def demo_frames(review: str = DEMO_REVIEW) -> dict[str, pd.DataFrame]:
    """A demo review's tidy data (:func:`pipelines.core.cleaning.clean_review` of its raw
    folder), cleaned once per test process: each call gets its own copy of every frame, so a
    test may change what it is given. Cleaning the demo exports costs seconds, and a dozen
    modules read them."""
    from pipelines.core.cleaning import clean_review
    from pipelines.core.config import load_review

    if review not in _DEMO_FRAMES:
        cfg = load_review(review)
        _DEMO_FRAMES[review] = clean_review(cfg.raw_path(), cfg.datasets).frames
    return {name: frame.copy() for name, frame in _DEMO_FRAMES[review].items()}


class Built:
    """A built demo pack (outputs and processed data under one folder) and helpers to read it."""

    def __init__(self, root: Path, meeting: str = DEMO_MEETING, variant: str = "internal"):
        self.root = root
        self.outputs = root / "outputs"
        self.processed = root / "processed"
        #: The meeting's folder, holding public/, exempt/ and internal/.
        self.meeting_folder = self.outputs / DEMO_REVIEW / meeting
        #: The technical annex's folder (full detail: every table, notebooks, manifest).
        self.folder = self.meeting_folder / variant
        self.public = self.meeting_folder / "public"
        self.exempt = self.meeting_folder / "exempt"

    def table(self, name: str, section: str = "10_leavers") -> pd.DataFrame:
        """A table the pack wrote to tables/<section>__<name>.csv."""
        from pipelines.core.outputs import slug

        return pd.read_csv(self.folder / "tables" / f"{section}__{slug(name)}.csv")

    def copy(self, to: Path) -> Built:
        """A private copy, for tests that run further builds against it."""
        for part in ("outputs", "processed"):
            shutil.copytree(self.root / part, to / part)
        return Built(to)


def _shared_folder(tmp_path_factory) -> Path:
    """The folder every xdist worker of this run shares (the base temp folder's parent)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def shared_build(
    tmp_path_factory,
    name: str,
    review: str,
    meetings: tuple[str, ...],
    *,
    variant: str | None = None,
    annex_pdf: bool = False,
    start_from: Path | None = None,
) -> Path:
    """Build ``meetings`` of ``review`` once per test run into a folder every module and xdist
    worker shares (a file lock makes the first one build it); returns the folder holding
    ``outputs/`` and ``processed/``. Read it; never build into it.

    ``start_from`` is another shared build's folder copied in first (its outputs, processed
    data and step cache), so a pack of several meetings does not build the first one again.
    ``EVIDENCE_PACK_TEST_CACHE`` names a step cache to reuse (a folder of earlier builds'
    steps, e.g. ``outputs/.cache``), so a developer's built sections are not run again.
    """
    from pipelines.orchestrator import build_pack

    shared = _shared_folder(tmp_path_factory)
    target = shared / name
    with open(shared / f"{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            if not (target / ".done").exists():
                shutil.rmtree(target, ignore_errors=True)
                target.mkdir(parents=True)
                if start_from is not None:
                    for part in ("outputs", "processed"):
                        shutil.copytree(start_from / part, target / part, symlinks=True)
                old = os.environ.get("SOURCE_DATE_EPOCH")
                os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
                try:
                    cache = os.environ.get("EVIDENCE_PACK_TEST_CACHE")
                    for meeting in meetings:
                        build_pack(
                            review,
                            meeting,
                            variant=variant,
                            annex_pdf=annex_pdf,
                            outputs_root=target / "outputs",
                            processed_root=target / "processed",
                            cache_root=Path(cache) if cache else None,
                        )
                finally:
                    if old is None:
                        os.environ.pop("SOURCE_DATE_EPOCH", None)
                    else:
                        os.environ["SOURCE_DATE_EPOCH"] = old
                (target / ".done").touch()
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    return target


def shared_build_demo(tmp_path_factory) -> Built:
    """The 21 September 2016 demo pack (with the annex PDF), built once per test run
    (:func:`shared_build`)."""
    return Built(
        shared_build(
            tmp_path_factory, "shared-demo-pack", DEMO_REVIEW, (DEMO_MEETING,), annex_pdf=True
        )
    )


#: The Luton review's final meeting (with the final report).
LUTON_FINAL = "2017-02-28"


def shared_build_luton(tmp_path_factory) -> Path:
    """The Luton review's 21 September 2016 (the shared demo pack, copied) and 28 February 2017
    meetings, built once per test run: the review's outputs folder."""
    demo = shared_build_demo(tmp_path_factory)
    folder = shared_build(
        tmp_path_factory,
        "shared-luton",
        DEMO_REVIEW,
        (LUTON_FINAL,),
        annex_pdf=True,  # tests/e2e/test_papers.py checks every meeting's annex pages
        start_from=demo.root,
    )
    return folder / "outputs" / DEMO_REVIEW


def shared_build_coventry(tmp_path_factory) -> Path:
    """The Coventry review's two meetings, built once per test run: its outputs folder."""
    folder = shared_build(
        tmp_path_factory,
        "shared-coventry",
        "coventry-sw-2018",
        ("2018-03-27", "2018-04-16"),
        annex_pdf=True,  # tests/e2e/test_papers.py checks every meeting's annex pages
    )
    return folder / "outputs" / "coventry-sw-2018"


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Built:
    """The 21 September 2016 demo pack, built once per test run and shared by every module and
    xdist worker (a file lock makes the first one build it). Read it; never build into it: use
    ``built.copy(tmp_path)`` for tests that run builds."""
    return shared_build_demo(tmp_path_factory)


@pytest.fixture(scope="session")
def luton(tmp_path_factory, built) -> Path:
    """The Luton review's second meeting (21 September 2016: the shared ``built`` pack, copied)
    and final meeting (28 February 2017, with the final report): the review's outputs folder
    (``<meeting>/public|exempt|internal``)."""
    return shared_build_luton(tmp_path_factory)


@pytest.fixture(scope="session")
def luton_final_public(tmp_path_factory) -> Path:
    """The Luton final meeting (28 February 2017) built for the public only (``--variant
    public``: no exempt run, the annex shows the public run): the meeting's folder."""
    folder = shared_build(
        tmp_path_factory, "shared-luton-final-public", DEMO_REVIEW, (LUTON_FINAL,), variant="public"
    )
    return folder / "outputs" / DEMO_REVIEW / LUTON_FINAL


@pytest.fixture(scope="session")
def coventry(tmp_path_factory) -> Path:
    """The Coventry review's two meetings (27 March 2018; 16 April 2018 with the final report):
    the review's outputs folder."""
    return shared_build_coventry(tmp_path_factory)


#: The shared packs each xdist worker builds as soon as it starts, when a test of the run reads
#: them: the Luton review's on the first worker, Coventry's on the second. Both workers build
#: from the first second, and a test that reads a pack does not find the other worker holding
#: its lock half-way through a build (an idle wait of a minute or more).
BUILT_FIRST = {"gw0": ("built", "luton"), "gw1": ("coventry",)}
_BUILDERS = {
    "built": shared_build_demo,
    "luton": shared_build_luton,
    "coventry": shared_build_coventry,
}


#: The fixtures the run's tests use (after ``-m`` and ``-k``).
_USED = pytest.StashKey[set]()


def pytest_collection_finish(session):
    """Note the fixtures the run's tests use, for :data:`BUILT_FIRST`."""
    session.config.stash[_USED] = {name for item in session.items for name in item.fixturenames}


@pytest.fixture(scope="session", autouse=True)
def _shared_packs_built_first(
    request, tmp_path_factory, _one_step_cache_for_the_run, _demo_vocabulary_for_the_run
):
    """Build this xdist worker's :data:`BUILT_FIRST` packs that a test of the run reads, before
    its first test (the packs are built once per run whoever asks first; this only decides who
    and when). Nothing happens without xdist or when no test reads them (``make test-quick``)."""
    used = request.config.stash.get(_USED, set())
    for name in BUILT_FIRST.get(os.environ.get("PYTEST_XDIST_WORKER", ""), ()):
        if name in used:
            _BUILDERS[name](tmp_path_factory)


def axe_violations(html: Path) -> list[tuple]:
    """axe-core's WCAG 2.2 A/AA and best-practice violations for a page, in Debian's Chromium.

    Returns (rule id, help text, first three targets) per violation; [] when the page passes.
    """
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    chromium = Path("/usr/bin/chromium")
    assert chromium.exists(), "Debian chromium is needed: make test installs it with apt-get"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(chromium),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            page = browser.new_page()
            page.goto(html.as_uri())
            result = Axe().run(
                page,
                options={
                    "runOnly": {
                        "type": "tag",
                        "values": [
                            "wcag2a",
                            "wcag2aa",
                            "wcag21a",
                            "wcag21aa",
                            "wcag22aa",
                            "best-practice",
                        ],
                    },
                    # Only violations are read: axe then keeps one node per passed or
                    # incomplete rule instead of every node (three times faster on an annex).
                    "resultTypes": ["violations"],
                },
            )
        finally:
            browser.close()
    return [
        (v["id"], v["help"], [n["target"] for n in v["nodes"][:3]])
        for v in result.response["violations"]
    ]


def cli_build(
    outputs: Path,
    processed: Path,
    *extra: str,
    review: str = DEMO_REVIEW,
    meeting: str = DEMO_MEETING,
    env: dict[str, str] | None = None,
    timeout: float = 900,
) -> subprocess.CompletedProcess:
    """``python -m pipelines build <review> --meeting <meeting> --outputs .. --processed ..
    <extra>`` from the repository root, in a process of its own as an officer runs the command
    (a hang fails on the timeout); stdout and stderr captured as text, warnings not printed.
    ``env`` adds to this process's environment (e.g. ``SOURCE_DATE_EPOCH``)."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pipelines",
            "build",
            review,
            "--meeting",
            meeting,
            "--outputs",
            str(outputs),
            "--processed",
            str(processed),
            *extra,
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONWARNINGS": "ignore", **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def snapshot(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder``, by relative path (to show nothing changed)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def raw(tmp_path) -> Path:
    """A private copy of the demo review's raw exports, for tests to spoil."""
    from pipelines.core.config import load_review

    folder = tmp_path / "raw"
    shutil.copytree(load_review(DEMO_REVIEW).raw_path(), folder)
    return folder
