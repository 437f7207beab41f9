"""One figure, one value: a consistency check over a built pack or report.

Three rules, each a pure function over what the pack shows, and :func:`check_pack` that runs
them over a built folder (its tables, as the build wrote them, and its HTML):

- :func:`one_value`: the same measure for the same population and date has one value everywhere
  (over the sections' results: :func:`result_observations`); where two bases are shown on
  purpose (establishment posts and FTE; the extra cost of an agency worker with and without the
  market supplement) the report must print the sentence that reconciles them
  (``reconciliations`` in ``config/findings.yml``; :func:`unprinted_reconciliations`).
- :func:`scenarios_within_posts`: a "what if" count (agency posts made permanent) never exceeds
  the posts that exist (the agency FTE in that role).
- :func:`percentages_one_way`: the report's own sentences (findings, chart titles, captions)
  write percentages with one number of decimals (``percent_decimals``, one, as
  :func:`pipelines.core.figures.format_value` does); a value printed 62% in one place and 62.5%
  in another is reported too. Quoted words of published papers and the technical appendices
  (data quality, disclosure, provenance) are left out: they quote papers as printed.

The build calls :func:`check_pack` on its staging folder after the HTML is written, with the
meeting's section results (:func:`meeting_results`), and warns on any :class:`Contradiction`.
The measures and their populations come from the results themselves (each section declares
them on its figures and table columns), so no table or section is named here.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

from pipelines.core.exports import FORMULA_STARTS

#: The documents' own appendices (not sections: the disclosure audit and the provenance page),
#: whose texts list checks and quote papers (left out of the rounding rule).
DOCUMENT_APPENDICES = ("98_disclosure", "99_provenance")
#: Decimal places of every percentage in the report's own sentences.
PERCENT_DECIMALS = 1


def appendix_sections() -> set[str]:
    """Blocks whose texts quote published papers or list checks (left out of the rounding rule).

    The sections the registry declares annex-only (``SectionSpec.annex_only``: the data-quality
    appendix, which prints each published figure as the papers printed it) and the documents'
    own appendices (:data:`DOCUMENT_APPENDICES`).
    """
    from pipelines.core import registry

    return {*registry.annex_only_sections(), *DOCUMENT_APPENDICES}


@dataclass(frozen=True)
class Observation:
    """One value of a measure as the pack shows it.

    ``measure`` names what is measured, ``population`` who (a service, a role), ``as_at`` when,
    ``basis`` how it is counted (posts, FTE, with or without the supplement), ``where`` the table
    or text that shows it.
    """

    measure: str
    population: str
    as_at: str
    value: float
    basis: str
    where: str


@dataclass(frozen=True)
class Contradiction:
    """Something the pack says two ways, or a scenario the data cannot support."""

    rule: str
    measure: str
    where: tuple[str, ...]
    values: tuple[str, ...]
    message: str


@dataclass(frozen=True)
class Reconciliation:
    """A measure shown on more than one basis on purpose, and the sentence that reconciles them.

    ``sections``: the sections that show the two bases; ``show_with``: the table (its ``name``
    in the section) under which the sentence is printed.
    """

    measure: str
    bases: tuple[str, ...]
    text: str
    sections: tuple[str, ...] = ()
    show_with: str = ""


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=0.05)


def one_value(
    observations: Iterable[Observation],
    reconciliations: Sequence[Reconciliation] = (),
    printed: str = "",
) -> list[Contradiction]:
    """Measures with more than one value for the same population and date.

    Two values on the same basis always contradict. Values on different bases contradict unless
    a reconciliation names the measure and both bases, and its sentence is in ``printed`` (the
    report's text; pass the reconciliation texts themselves to check only the configuration).
    """
    groups: dict[tuple[str, str, str], list[Observation]] = {}
    for o in observations:
        groups.setdefault((o.measure, o.population, o.as_at), []).append(o)
    out = []
    norm = _words(printed)
    for (measure, population, as_at), obs in groups.items():
        for i, a in enumerate(obs):
            for b in obs[i + 1 :]:
                if _same(a.value, b.value):
                    continue
                if a.basis != b.basis:
                    rec = next(
                        (
                            r
                            for r in reconciliations
                            if r.measure == measure and {a.basis, b.basis} <= set(r.bases)
                        ),
                        None,
                    )
                    if rec is not None and _words(rec.text) in norm:
                        continue
                    why = (
                        "the reconciling sentence is not printed"
                        if rec is not None
                        else "no reconciliation explains the two bases"
                    )
                else:
                    why = "same basis"
                out.append(
                    Contradiction(
                        rule="one value",
                        measure=f"{measure}, {population}, {as_at}",
                        where=(a.where, b.where),
                        values=(f"{a.value:g} ({a.basis})", f"{b.value:g} ({b.basis})"),
                        message=f"{measure} for {population} ({as_at}) is {a.value:g} in "
                        f"{a.where} ({a.basis}) and {b.value:g} in {b.where} ({b.basis}): {why}.",
                    )
                )
    return out


def scenarios_within_posts(
    scenarios: Iterable[tuple[str, float, str]], posts: Mapping[str, float]
) -> list[Contradiction]:
    """Scenario counts larger than the posts that exist.

    ``scenarios``: (role, count, where), e.g. ("Children's Social Care: Senior Practitioner", 10,
    "conversion-savings"); ``posts``: role -> the posts (FTE) the scenario can act on. A role the
    pack does not count is reported too (the scenario cannot be checked).
    """
    out = []
    for role, count, where in scenarios:
        have = posts.get(role)
        if have is None or count > have + 1e-9:
            out.append(
                Contradiction(
                    rule="scenario within posts",
                    measure=role,
                    where=(where,),
                    values=(f"{count:g}", "no count" if have is None else f"{have:g}"),
                    message=f"{where}: {count:g} posts of {role} in the scenario, but "
                    + (
                        "the pack does not count that role"
                        if have is None
                        else f"only {have:g} exist"
                    )
                    + ".",
                )
            )
    return out


PERCENT = re.compile(r"(?<![\d.,£])(\d{1,3}(?:\.(\d+))?)\s?%")
QUOTED = re.compile(r"\u201c[^\u201d]*\u201d|\"[^\"]*\"")


def percentages_one_way(
    texts: Iterable[tuple[str, str]], decimals: int = PERCENT_DECIMALS
) -> list[Contradiction]:
    """Percentages in the report's own sentences written with another number of decimals.

    ``texts``: (where, text). Words in quotation marks (quoted from papers) and confidence levels
    ("a 95% interval") are skipped: they are not measures.
    """
    out = []
    for where, text in texts:
        clean = QUOTED.sub(" ", text)
        for m in PERCENT.finditer(clean):
            if LEVEL.match(clean, m.end()):
                continue
            places = len(m.group(2) or "")
            if places != decimals:
                out.append(
                    Contradiction(
                        rule="percentages one way",
                        measure=m.group(0),
                        where=(where,),
                        values=(m.group(0),),
                        message=f"{where}: {m.group(0)} has {places} decimal places; the "
                        f"report writes every percentage with {decimals} "
                        f"(\u201c{_around(clean, m)}\u201d).",
                    )
                )
    return out


#: Words after a percentage that make it a confidence level, not a measure.
LEVEL = re.compile(r"\s*(interval|confidence|likely range|bootstrap)", re.IGNORECASE)


def _around(text: str, m: re.Match, width: int = 40) -> str:
    return text[max(0, m.start() - width) : m.end() + 10].strip()


# --------------------------------------------------------------------------------------------
# A built pack


class _Texts(HTMLParser):
    """The report's own sentences: findings items, chart titles, table captions, by section."""

    KEEP = {"li", "figcaption", "caption", "h1", "h2", "h3", "p"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.appendices = appendix_sections()
        self.section = ""
        self.stack: list[str] = []
        self.buffer: list[str] = []
        self.texts: list[tuple[str, str]] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and a.get("data-section"):
            self.section = a["data-section"]
        if tag in ("table", "script", "style"):
            self.skip += 1
        if tag in self.KEEP and (not self.skip or tag == "caption"):
            self.stack.append(tag)
            self.buffer = []

    def handle_endtag(self, tag):
        if tag in ("table", "script", "style"):
            self.skip = max(0, self.skip - 1)
        if self.stack and tag == self.stack[-1] and (not self.skip or tag == "caption"):
            text = " ".join("".join(self.buffer).split())
            if text and self.section not in self.appendices:
                self.texts.append((f"{self.section or 'cover'}: {tag}", text))
            self.stack.pop()
            self.buffer = []

    def handle_data(self, data):
        if self.stack and (not self.skip or self.stack[-1] == "caption"):
            self.buffer.append(data)


def report_texts(html: str) -> list[tuple[str, str]]:
    """(where, text) of the report's own sentences in a built HTML pack (appendices left out)."""
    parser = _Texts()
    parser.feed(html)
    return parser.texts


def _words(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", str(text)).split()).casefold()


def _table(tables: Mapping[str, pd.DataFrame], name: str) -> pd.DataFrame | None:
    t = tables.get(name)
    return t if t is not None and len(t) else None


def result_observations(results: Iterable[object]) -> list[Observation]:
    """Every value the sections' results give a (measure, population, period), by construction.

    Read from the :class:`~pipelines.core.results.SectionResult` of each section (no table or
    section is named here): each figure's identity and value, and each cell of a tidy table
    whose column names a measure and a population (:meth:`~pipelines.core.results.TidyTable.
    identity`; its public variant's cells too). The basis is the population's name (posts,
    FTE, people...), which is part of the identity, so two bases never meet in one group:
    :func:`one_value` over these finds only a measure printed with two values for the same
    population and period.
    """
    out: list[Observation] = []
    for result in results:
        section = getattr(result, "section", "")
        for f in getattr(result, "figures", ()):
            if f.value is None or (isinstance(f.value, float) and math.isnan(f.value)):
                continue
            measure, population, period = f.identity
            out.append(
                Observation(measure, population, period, float(f.value), "", f"{section}: {f.key}")
            )
        for table in getattr(result, "tables", {}).values():
            for t in (table, table.public_variant):
                if t is None:
                    continue
                for column in t.columns:
                    for i, value in enumerate(t.frame[column]):
                        ident = t.identity(column, i)
                        if ident is None or not _number(value):
                            continue
                        measure, population, period = ident
                        out.append(
                            Observation(
                                measure,
                                population,
                                period,
                                float(value),
                                "",
                                f"{section}__{t.name}: {column}",
                            )
                        )
    return out


def _number(value: object) -> bool:
    """True for a finite number (not a bool, not text)."""
    return (
        isinstance(value, numbers.Real)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )


def pounds(text: object) -> float | None:
    """The amount of a money cell as the pack shows it, in pounds; None if it is not one.

    ``"£1,020"`` is 1020, ``"-£835"`` and ``"a saving of £835"`` are -835 (a negative extra
    cost), ``"an extra cost of £835"`` is 835; a number is taken as it is.
    """
    if isinstance(text, int | float) and not isinstance(text, bool):
        return float(text) if math.isfinite(text) else None
    words = " ".join(str(text).split()).casefold()
    m = re.fullmatch(r"(?:(an? [a-z ]+?) of )?(-?)£?(-?)([\d,]+(?:\.\d+)?)", words)
    if m is None:
        return None
    value = float(m.group(4).replace(",", ""))
    negative = bool(m.group(2) or m.group(3)) or (m.group(1) or "").endswith("saving")
    return -value if negative else value


def pack_scenarios(
    tables: Mapping[str, pd.DataFrame],
) -> tuple[list[tuple[str, float, str]], dict[str, float]]:
    """The pack's "what if" counts and the posts each can act on, as the sections declare them.

    Every section that declares ``scenarios`` in the registry (``SectionSpec.scenarios``, e.g.
    agency posts made permanent against the agency FTE in post) reads them from its own tables
    (``tables`` by file stem, ``<notebook>__<name>``; empty tables left out), so no section or
    table is named here. Returns every scenario ``(role, count, where)`` and role -> posts.
    """
    from pipelines.core import registry

    scenarios: list[tuple[str, float, str]] = []
    posts: dict[str, float] = {}
    for notebook, spec in registry.scenario_sections().items():
        prefix = f"{notebook}__"
        own = {
            name.removeprefix(prefix): t
            for name, t in tables.items()
            if name.startswith(prefix) and _table(tables, name) is not None
        }
        if not own:
            continue
        found, have = spec.scenarios(own)
        scenarios += found
        posts.update(have)
    return scenarios, posts


def meeting_results(ctx, refs) -> list:
    """The results of a meeting's sections (``refs``: notebook and parameters), as the build ran.

    Every section with a ``build`` in the registry, read back from the run's stored results
    (:func:`pipelines.core.section_build.build_section`); what the documents printed.
    """
    from pipelines.core import registry
    from pipelines.core.section_build import build_section

    sections = registry.discover()
    return [
        build_section(ctx, ref.notebook, ref.parameters)
        for ref in refs
        if ref.notebook in sections and sections[ref.notebook].build is not None
    ]


def unprinted_reconciliations(
    reconciliations: Sequence[Reconciliation], html: str
) -> list[Contradiction]:
    """Measures shown on two bases whose reconciling sentence the document does not print.

    A reconciliation applies when every section it names is in the document (its
    ``data-section`` blocks) and so is the table it is printed under (``show_with``: the table's
    ``--tbl-<name>`` id, where both bases are shown); its sentence must then be printed.
    """
    from pipelines.core.outputs import slug

    shown = set(re.findall(r'data-section="([^"]+)"', html))
    tables = set(re.findall(r'--tbl-([a-z0-9-]+)"', html))
    norm = _words(html)
    return [
        Contradiction(
            rule="one value",
            measure=r.measure,
            where=tuple(r.sections),
            values=tuple(r.bases),
            message=f"{r.measure} is shown on two bases ({' and '.join(r.bases)}) in "
            f"{', '.join(r.sections)}, but the reconciling sentence is not printed.",
        )
        for r in reconciliations
        if r.sections
        and set(r.sections) <= shown
        and (not r.show_with or slug(r.show_with) in tables)
        and _words(r.text) not in norm
    ]


def load_reconciliations(path: Path | None = None) -> list[Reconciliation]:
    """The ``reconciliations`` of ``config/findings.yml``."""
    from pipelines.sections.findings import load_rules

    return [
        Reconciliation(
            measure=str(r["measure"]),
            bases=tuple(r.get("bases", ())),
            text=" ".join(str(r["text"]).split()),
            sections=tuple(r.get("sections", ())),
            show_with=str(r.get("show_with", "")),
        )
        for r in load_rules(path).reconciliations
    ]


def notes_for(cfg, meeting: str, table: str) -> list[str]:
    """The reconciling sentences to print under ``table`` in a meeting's pack.

    Those of ``config/findings.yml`` whose ``show_with`` is ``table`` and whose ``sections`` are
    all in the meeting's pack (so both bases are shown).
    """
    names = {s.notebook for s in cfg.meeting(meeting).sections}
    return [
        r.text for r in load_reconciliations() if r.show_with == table and set(r.sections) <= names
    ]


def read_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """A built folder's ``tables/*.csv`` by file stem, for checking a pack after it is built.

    The build itself never reads these files back: it passes the tables it wrote
    (``check_pack(..., tables=...)``). A cell the CSV writer neutralised as a formula (a
    leading ``'``) is read without its quote.
    """
    out = {}
    for p in sorted((Path(folder) / "tables").glob("*.csv")):
        t = pd.read_csv(p)
        for c in t.columns:
            if t[c].dtype == object:
                t[c] = t[c].map(lambda v: v[1:] if isinstance(v, str) and v[:2] in _QUOTED else v)
        out[p.stem] = t
    return out


#: How a neutralised formula cell starts in a written CSV (see :mod:`pipelines.core.exports`).
_QUOTED = {"'" + c for c in FORMULA_STARTS}


def check_pack(
    folder: Path,
    *,
    html_name: str | None = None,
    reconciliations: Sequence[Reconciliation] | None = None,
    tables: Mapping[str, pd.DataFrame] | None = None,
    results: Sequence[object] = (),
) -> list[Contradiction]:
    """Every contradiction in a built pack or report folder (empty when it is consistent).

    Reads the HTML (``html_name``, else ``report.html`` or ``pack.html``). One value: every
    (measure, population, period) of the sections' ``results`` (:func:`result_observations`:
    what the documents print) has one value, and every reconciliation of two bases whose
    sections the document shows has its sentence printed. Scenarios: checked with ``tables``,
    the folder's tables as the build wrote them (by file name, with or without ``.csv``;
    read from ``tables/*.csv`` when not given). Percentages: the HTML's own sentences.
    """
    folder = Path(folder)
    if tables is None:
        tables = read_tables(folder)
    else:
        tables = {str(k).removesuffix(".csv"): v for k, v in tables.items()}
    name = html_name or next(
        (n for n in ("report.html", "pack.html") if (folder / n).exists()), None
    )
    html = (folder / name).read_text(encoding="utf-8") if name else ""
    recs = load_reconciliations() if reconciliations is None else reconciliations
    found = one_value(result_observations(results))
    found += unprinted_reconciliations(recs, html)
    found += scenarios_within_posts(*pack_scenarios(tables))
    found += percentages_one_way(report_texts(html))
    return found
