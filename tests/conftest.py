"""Shared fixtures: paths and the seed figures (read from ../shared, never copied)."""

from __future__ import annotations

import fcntl
import hashlib
import inspect
import os
import re
import shutil
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

#: ``make test-quick`` sets this: only tests that build nothing run, and a test that tries to run a
#: notebook fails, naming itself, so the quick loop cannot quietly grow slow again.
QUICK = os.environ.get("EVIDENCE_PACK_QUICK") == "1"

#: Words in a fixture's source that mean it builds a pack (runs section notebooks).
_BUILDS = re.compile(
    r"\bbuild_pack\(|\bbuild_review\(|\bbuild_meeting\(|\bshared_build\(|\[\s*\"(?:build|benchmark)\""
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


def pytest_collection_modifyitems(config, items):
    """Mark as ``slow`` every test that builds: end-to-end tests and tests using a fixture whose
    code builds a pack (read from the fixture's source, so a new building fixture is found too).

    ``make test-quick`` deselects ``slow`` tests (``-m "not slow"``); ``make test`` runs them all.
    A test that builds by itself and is not marked fails in the quick loop, naming itself.
    """
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        defs = [d for ds in (info.name2fixturedefs.values() if info else ()) for d in ds]
        if "e2e" in item.path.parts or any(_fixture_builds_pack(d) for d in defs):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session", autouse=True)
def _quick_runs_no_notebook():
    """In the quick loop, running a notebook is a test fault: the test must be marked ``slow``.

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

    import papermill

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(papermill, "execute_notebook", refuse)
        yield


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


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Built:
    """The 21 September 2016 demo pack, built once per test run and shared by every module and
    xdist worker (a file lock makes the first one build it). Read it; never build into it: use
    ``built.copy(tmp_path)`` for tests that run builds."""
    return Built(
        shared_build(
            tmp_path_factory, "shared-demo-pack", DEMO_REVIEW, (DEMO_MEETING,), annex_pdf=True
        )
    )


#: The Luton review's final meeting (with the final report).
LUTON_FINAL = "2017-02-28"


@pytest.fixture(scope="session")
def luton(tmp_path_factory, built) -> Path:
    """The Luton review's second meeting (21 September 2016: the shared ``built`` pack, copied)
    and final meeting (28 February 2017, with the final report): the review's outputs folder
    (``<meeting>/public|exempt|internal``)."""
    folder = shared_build(
        tmp_path_factory, "shared-luton", DEMO_REVIEW, (LUTON_FINAL,), start_from=built.root
    )
    return folder / "outputs" / DEMO_REVIEW


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
    folder = shared_build(
        tmp_path_factory, "shared-coventry", "coventry-sw-2018", ("2018-03-27", "2018-04-16")
    )
    return folder / "outputs" / "coventry-sw-2018"


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
                    }
                },
            )
        finally:
            browser.close()
    return [
        (v["id"], v["help"], [n["target"] for n in v["nodes"][:3]])
        for v in result.response["violations"]
    ]


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
