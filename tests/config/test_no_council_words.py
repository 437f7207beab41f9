"""The shipped defaults hold no council's words, dates or figures (issue 21, item 5).

A new council's pack must never say "Luton", "LBC", "30 July 2016" or "Lancashire County
Council recommended caseloads" because a default said so. This test reads every file that
ships defaults (``config/`` outside the demo reviews' own files, every notebook, every module
of ``pipelines/`` outside the demo-data generators) and fails naming each file and line that
holds a demo council's name or a date of a demo review.

What is scanned for:

- the names Luton, LBC, Coventry, Lancashire and Sandwell, anywhere in a line (comments and
  docstrings too), as whole words (``lbc_responds`` counts);
- the demo reviews' dates (every meeting date, every export's ``as_at``, the review period's
  start and end, the survey periods the demo gives its surveys section), written ISO
  (2016-09-21), as papers write them (21 September 2016) or day first (21/09/2016). In Python
  modules dates are looked for in string literals other than docstrings (a docstring's example
  never reaches a document); in notebooks and YAML on every line (not in the DfE's release
  list, ``config/national.yml``, whose dates are the DfE's).

What is allowed (demo pointers, not words): the demo reviews' ids (``luton-sw-2016``,
``coventry-sw-2018``), which name the shipped examples (``evidence-pack demo --review``,
``make pack``); a notebook's ``review`` and ``meeting`` parameter defaults, which open the demo
in JupyterLab (every notebook must run with its defaults); the ``pipelines.demo.coventry``
generator module named by the ``demo`` command; the speed tools' default meeting
(``pipelines/devtools``: ``make bench`` times the demo build).
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import re
from pathlib import Path

import nbformat
import yaml

from tests.conftest import ROOT

DEMO_REVIEWS = ("luton-sw-2016", "coventry-sw-2018")

#: libyaml's loader where PyYAML has it (the review files are long).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: A demo council's name as a whole word (letters either side make another word).
NAMES = re.compile(r"(?<![a-z])(luton|lbc|coventry|lancashire|sandwell)(?![a-z])", re.I)

#: The demo reviews' files, which keep their own words.
DEMO_FILES = {
    *(Path("config/reviews") / f"{r}.yml" for r in DEMO_REVIEWS),
    *(Path("config/swot") / f"{r}.yml" for r in DEMO_REVIEWS),
}
DEMO_FOLDERS = tuple(Path("config/reviews") / r for r in DEMO_REVIEWS)

#: Lines that point at the demo and are allowed (file, regular expression the line matches).
DEMO_POINTERS = [
    (re.compile(r"notebooks/.*\.ipynb"), re.compile(r'^\s*(review|meeting): str = "[^"]*"')),
    (re.compile(r"pipelines/cli\.py"), re.compile(r"\bcoventry\b(\.[A-Za-z_]|,)")),
    (re.compile(r"pipelines/devtools/.*\.py"), re.compile(r'default="\d{4}-\d{2}-\d{2}"')),
]


#: Files whose dates are not a council's: the DfE's release list (its years end on 30 September,
#: the date a demo review's period may end on too). Names are still looked for in them.
OTHER_DATES = {"config/national.yml"}


@functools.cache
def _demo_config(review: str) -> dict:
    return yaml.load(
        (ROOT / "config" / "reviews" / f"{review}.yml").read_text("utf-8"), Loader=_LOADER
    )


def demo_dates() -> list[dt.date]:
    """Every date a demo review's configuration gives: meetings, exports' as_at, its period."""
    days: set[dt.date] = set()
    for review in DEMO_REVIEWS:
        cfg = _demo_config(review)
        days.update(m["date"] for m in cfg["meetings"] if m.get("date"))
        days.update(d["as_at"] for d in cfg["datasets"].values() if d.get("as_at"))
        days.update((cfg["period"]["start"], cfg["period"]["end"]))
    return sorted(days)


def demo_periods() -> list[str]:
    """The periods the demo reviews' datasets state ("January to February 2016")."""
    from pipelines.core.data_periods import named_period

    found: set[str] = set()
    for review in DEMO_REVIEWS:
        for ds in _demo_config(review)["datasets"].values():
            found.add(str(ds.get("period") or named_period(ds.get("source"))))
    return sorted(found - {""})


def date_pattern(days: list[dt.date], periods: list[str]) -> re.Pattern:
    """One pattern matching any of the days (ISO, in words, day first) or periods."""
    forms = []
    for d in days:
        forms += [d.isoformat(), f"{d.day} {d:%B %Y}", f"{d:%d/%m/%Y}"]
    forms += periods
    return re.compile(r"(?<![\d-])(" + "|".join(re.escape(f) for f in forms) + r")(?![\d-])")


@functools.cache
def dates() -> re.Pattern:
    """The demo reviews' dates and periods (:func:`date_pattern`), read when a test first asks
    (not at import: every test run collects this module)."""
    return date_pattern(demo_dates(), demo_periods())


def demo_survey_questions() -> list[str]:
    """The demo surveys' question texts: the shipped survey mapping's (the demo review's survey,
    neutrally worded) and each demo review's own (``config/reviews/<review>/mappings/
    survey_questions.yml``), of at least four words (a question short enough to be anyone's,
    such as "Job satisfaction", is not the demo's own)."""
    files = [ROOT / "config" / "mappings" / "survey_questions.yml"]
    files += [
        ROOT / "config" / "reviews" / r / "mappings" / "survey_questions.yml" for r in DEMO_REVIEWS
    ]
    found: set[str] = set()
    for path in files:
        if not path.is_file():
            continue
        for survey in (yaml.safe_load(path.read_text("utf-8")) or {}).values():
            for spec in ((survey or {}).get("questions") or {}).values():
                text = " ".join(str((spec or {}).get("question") or "").split())
                if len(text.split()) >= 4:
                    found.add(text)
    return sorted(found)


#: A demo survey's question quoted in a notebook or a module's text: the narrative of every
#: council's pack would quote the demo survey (issue 21). The mapping files that define the
#: questions are where they belong, so config/ is not searched for them.
@functools.cache
def questions() -> re.Pattern:
    """Any demo survey question (:func:`demo_survey_questions`), read when first asked."""
    return re.compile("|".join(re.escape(q) for q in demo_survey_questions()), re.I)


def scanned_files(root: Path) -> list[Path]:
    """The files that ship defaults: config/ (less the demo reviews'), notebooks, modules."""
    out = []
    for p in sorted((root / "config").rglob("*")):
        rel = p.relative_to(root)
        if rel.is_relative_to(Path("config/reviews")) and rel not in DEMO_FILES:
            # A council's own review (one `evidence-pack init` wrote, e.g. while another test
            # runs) holds its own words: only the demo reviews ship in this folder.
            continue
        if p.is_file() and rel not in DEMO_FILES:
            if not any(rel.is_relative_to(f) for f in DEMO_FOLDERS):
                out.append(p)
    out += sorted((root / "notebooks").glob("*.ipynb"))
    for p in sorted((root / "pipelines").rglob("*.py")):
        rel = p.relative_to(root).as_posix()
        if rel.startswith("pipelines/demo/") or p.name == "demo.py":
            continue  # the synthetic demo exports' generators
        out.append(p)
    return out


def _docstring_lines(source: str) -> set[int]:
    """Line numbers of a module's docstrings (module, class and function)."""
    lines: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                if isinstance(body[0].value.value, str):
                    lines.update(range(body[0].lineno, body[0].end_lineno + 1))
    return lines


def _string_lines(source: str) -> set[int]:
    """Line numbers holding a string literal (f-string parts included)."""
    lines: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            lines.update(range(node.lineno, node.end_lineno + 1))
    return lines


def _lines(path: Path, root: Path) -> list[tuple[str, str, bool]]:
    """(where, text, dates_count) for each line of a scanned file.

    ``where`` is ``file:line`` (``file cell N line M`` in a notebook); ``dates_count`` says
    whether a demo date on the line is an offence (not in a docstring, in a string literal of
    a module).
    """
    rel = path.relative_to(root).as_posix()
    if path.suffix == ".ipynb":
        nb = nbformat.read(path, as_version=4)
        return [
            (f"{rel} cell {i} line {n}", line, True)
            for i, cell in enumerate(nb.cells)
            for n, line in enumerate(cell.source.splitlines(), start=1)
        ]
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".py":
        docs, strings = _docstring_lines(text), _string_lines(text)
        return [
            (f"{rel}:{n}", line, n in strings and n not in docs)
            for n, line in enumerate(text.splitlines(), start=1)
        ]
    return [(f"{rel}:{n}", line, True) for n, line in enumerate(text.splitlines(), start=1)]


def offences(root: Path = ROOT, files: list[Path] | None = None) -> list[str]:
    """Every line of the scanned files that holds a demo council's name or date, named."""
    found = []
    for path in files if files is not None else scanned_files(root):
        rel = path.relative_to(root).as_posix()
        allowed = [line for where, line in DEMO_POINTERS if where.fullmatch(rel)]
        for where, line, dates_count in _lines(path, root):
            if any(p.search(line) for p in allowed):
                continue
            bare = line
            for review in DEMO_REVIEWS:
                bare = bare.replace(review, "")
            hits = [m.group(0) for m in NAMES.finditer(bare)]
            if dates_count and rel not in OTHER_DATES:
                hits += [m.group(0) for m in dates().finditer(bare)]

            if hits:
                found.append(f"{where}: {', '.join(hits)}: {line.strip()[:160]}")
    return found


def _texts(path: Path) -> list[tuple[str, str]]:
    """(where, text) of each notebook cell, or each string literal of a module other than a
    docstring, with runs of white space made one space (a sentence broken over lines joined)."""
    if path.suffix == ".ipynb":
        nb = nbformat.read(path, as_version=4)
        return [(f"cell {i}", " ".join(c.source.split())) for i, c in enumerate(nb.cells)]
    if path.suffix != ".py":
        return []
    source = path.read_text(encoding="utf-8", errors="replace")
    docs = _docstring_lines(source)
    return [
        (f"line {node.lineno}", " ".join(node.value.split()))
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.lineno not in docs
    ]


def quoted_questions(root: Path = ROOT, files: list[Path] | None = None) -> list[str]:
    """Every notebook cell and module string that quotes a demo survey's question, named."""
    found = []
    for path in files if files is not None else scanned_files(root):
        rel = path.relative_to(root).as_posix()
        if not rel.startswith(("notebooks/", "pipelines/")):
            continue  # the mapping files define the questions
        for where, text in _texts(path):
            for m in questions().finditer(text):
                found.append(f"{rel} {where}: demo survey question \u201c{m.group(0)}\u201d")
    return found


def test_no_demo_council_words_in_shipped_defaults():
    """config/ (outside the demo reviews), notebooks and modules name no demo council or date."""
    found = offences() + quoted_questions()
    assert not found, "A demo council's words in the shipped defaults:\n" + "\n".join(found)


def test_the_scan_finds_what_it_looks_for(tmp_path):
    """The scan names the file and line of a planted name or date, in each kind of file, and
    leaves a demo pointer, a docstring's date and a demo review's own file alone."""
    (tmp_path / "config" / "reviews" / "luton-sw-2016").mkdir(parents=True)
    (tmp_path / "config" / "reviews" / "luton-sw-2016.yml").write_text("council: Luton\n")
    (tmp_path / "config" / "reviews" / "luton-sw-2016" / "m.yml").write_text("a: LBC\n")
    (tmp_path / "config" / "findings.yml").write_text("a: 1\ntext: snapshot at 30 July 2016\n")
    (tmp_path / "config" / "mappings").mkdir()
    (tmp_path / "config" / "mappings" / "r.yml").write_text("Dissatisfied with LBC: [x]\n")
    (tmp_path / "pipelines" / "demo").mkdir(parents=True)
    (tmp_path / "pipelines" / "demo" / "gen.py").write_text('COUNCIL = "Luton"\n')
    (tmp_path / "pipelines" / "mod.py").write_text(
        '"""Docs: e.g. 2016-07-30."""\n'
        'REVIEW = "luton-sw-2016"\n'
        "# Lancashire's standard\n"
        'WHEN = "2016-09-21"\n'
        'x = f"{1}/21/09/2016"\n'
    )
    (tmp_path / "notebooks").mkdir()
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# T\nFor the question of Luton's group."),
            nbformat.v4.new_code_cell(
                'review: str = "luton-sw-2016"  # demo\nmeeting: str = "2016-09-21"\n'
                'staff_period: str = "January to February 2016"'
            ),
        ]
    )
    nbformat.write(nb, tmp_path / "notebooks" / "10_x.ipynb")
    found = offences(tmp_path, scanned_files(tmp_path))
    text = "\n".join(found)
    assert "config/findings.yml:2: 30 July 2016" in text
    assert "config/mappings/r.yml:1: LBC" in text
    assert "pipelines/mod.py:3: Lancashire" in text
    assert "pipelines/mod.py:4: 2016-09-21" in text
    assert "pipelines/mod.py:5: 21/09/2016" in text
    assert "notebooks/10_x.ipynb cell 0 line 2: Luton" in text
    assert "notebooks/10_x.ipynb cell 1 line 3: January to February 2016" in text
    assert len(found) == 7, text  # the demo's own files, the generator, pointers and docstring


def test_the_scan_finds_a_quoted_demo_survey_question(tmp_path):
    """A notebook's narrative or a module's string quoting a demo survey's question is named,
    even broken over two lines (the survey section once quoted the demo's first question so);
    the mapping that defines the question and a module's docstring are left alone."""
    question = "Do you work for Adult Social Care or Children Services?"
    assert question in demo_survey_questions()
    (tmp_path / "config" / "mappings").mkdir(parents=True)
    (tmp_path / "config" / "mappings" / "survey_questions.yml").write_text(
        f"staff_survey: {{questions: {{service_answer: {{question: '{question}'}}}}}}\n"
    )
    (tmp_path / "pipelines").mkdir()
    (tmp_path / "pipelines" / "mod.py").write_text(
        f'"""Docs: the demo asks {question}"""\nASKED = "{question.lower()}"\n'
    )
    (tmp_path / "notebooks").mkdir()
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("## Who answered\nHow many staff answered, by service."),
            nbformat.v4.new_markdown_cell(
                '## Who answered\nEven when the respondent skipped the first question ("Do you '
                'work for Adult Social Care or\nChildren Services?").'
            ),
        ]
    )
    nbformat.write(nb, tmp_path / "notebooks" / "20_x.ipynb")
    found = quoted_questions(tmp_path, scanned_files(tmp_path))
    assert found == [
        f"notebooks/20_x.ipynb cell 1: demo survey question \u201c{question}\u201d",
        f"pipelines/mod.py line 2: demo survey question \u201c{question.lower()}\u201d",
    ], found
