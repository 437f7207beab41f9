"""The glossary a committee report, exempt appendix and final report end with.

- :func:`load_glossary` reads the abbreviations: the project's defaults (``config/glossary.yml``)
  and the review's own (``config/reviews/<review>/glossary.yml``), which add to or replace them.
- :func:`glossary_section` lists those a document uses (whole words, capitals as written), so a
  councillor meets no unexplained "FTE" or "ASYE" and the glossary lists nothing the document
  does not say.

The numbered sources and notes of the committee report are :mod:`pipelines.documents.notes`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from pipelines.core.config import project_root, read_yaml_file
from pipelines.core.errors import ConfigError
from pipelines.documents import blocks
from pipelines.documents.pack import Section

#: The project's default abbreviations.
DEFAULT_GLOSSARY = Path("config") / "glossary.yml"


def _read_terms(path: Path) -> dict[str, str]:
    """The ``abbreviation: meaning`` pairs of a glossary file ({} when there is none).

    Raises ConfigError naming the file and the entry when an entry is not a line of text.
    """
    if not path.exists():
        return {}
    data = read_yaml_file(path) or {}
    shown = path.relative_to(project_root()) if path.is_relative_to(project_root()) else path
    if not isinstance(data, dict):
        raise ConfigError(
            f"{shown}: a glossary is a list of 'ABBREVIATION: what it stands for' lines; found "
            f"{type(data).__name__}. Write one abbreviation per line, then a colon and its meaning."
        )
    terms = {}
    for term, meaning in data.items():
        if not isinstance(meaning, str) or not meaning.strip():
            raise ConfigError(
                f"{shown}: the entry '{term}' has no meaning as text (found {meaning!r}). Write "
                f"'{term}: what it stands for', or remove the line."
            )
        terms[str(term)] = " ".join(meaning.split())
    return terms


def load_glossary(review_id: str | None = None) -> dict[str, str]:
    """The abbreviations the documents may explain: defaults, then the review's own.

    ``config/glossary.yml`` holds the defaults; ``config/reviews/<review_id>/glossary.yml``
    (optional) adds the review's (its council's initials...), replacing a default of the same
    abbreviation.
    """
    root = project_root()
    terms = _read_terms(root / DEFAULT_GLOSSARY)
    if review_id:
        terms.update(_read_terms(root / "config" / "reviews" / str(review_id) / "glossary.yml"))
    return terms


_TAG = re.compile(r"<[^>]+>")


def document_text(sections: Iterable[Section]) -> str:
    """The words a document's sections print, as one string.

    Their markdown, and their outputs' text (HTML without tags, else plain text).
    """
    parts = []
    for section in sections:
        for cell in section.notebook.get("cells", []):
            if cell.get("cell_type") == "markdown":
                parts.append(str(cell.get("source", "")))
                continue
            for output in cell.get("outputs", []):
                data = output.get("data") or {}
                if "text/html" in data:
                    parts.append(html.unescape(_TAG.sub(" ", str(data["text/html"]))))
                elif "text/plain" in data:
                    parts.append(str(data["text/plain"]))
    return "\n".join(parts)


def used_terms(text: str, terms: Mapping[str, str]) -> list[tuple[str, str]]:
    """The glossary's abbreviations that ``text`` uses, as whole words, in alphabetical order.

    A term matches with its capitals as written ("HR", not "hr"), bounded by characters that
    are not letters or digits, so "OT" does not match in "NOT" nor "HR" in "HRS".
    """
    found = [
        (term, meaning)
        for term, meaning in terms.items()
        if re.search(rf"(?<![A-Za-z0-9]){re.escape(term)}(?![A-Za-z0-9])", text)
    ]
    return sorted(found, key=lambda pair: pair[0].lower())


#: An abbreviation or coined name as a document prints it: two capitals or more ("FTE",
#: "SWOT"), a capital inside a word ("AdWords", "DfE") or a capital and digits ("M2", "G7").
ABBREVIATION = re.compile(
    r"(?<![A-Za-z0-9\-&/])(?:[A-Z]{2,}[A-Za-z]*|[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Z]\d+[A-Z]?)"
    r"(?![A-Za-z0-9&/])"
)


def unexplained(text: str, terms: Mapping[str, str], known: Iterable[str] = ()) -> list[str]:
    """The abbreviations ``text`` prints (:data:`ABBREVIATION`) that no glossary term explains.

    A term explains an abbreviation it contains as a whole word ("M1, M2" both; "Schedule 12A"
    its "12A" is no abbreviation). ``known``: words to pass (markings such as "OFFICIAL").
    """
    covered = {w for term in terms for w in re.split(r"[^A-Za-z0-9]+", term) if w}
    skip = covered | set(known)
    return sorted({m.group(0) for m in ABBREVIATION.finditer(text)} - skip)


def same_meaning_together(used: Sequence[tuple[str, str]]) -> list[tuple[list[str], str]]:
    """The glossary's lines: terms with the same meaning on one line, in the order of ``used``.

    ``[("L7", "a pay grade"), ("M1", "a pay grade"), ("NQSW", "newly qualified ...")]`` gives
    ``[(["L7", "M1"], "a pay grade"), (["NQSW"], "newly qualified ...")]``: a reader sees "L7,
    M1: a pay grade" once rather than the same words on every line. Meanings are compared as
    written, after trimming spaces.
    """
    lines: dict[str, list[str]] = {}
    for term, meaning in used:
        lines.setdefault(meaning.strip(), []).append(term)
    return [(names, meaning) for meaning, names in lines.items()]


def glossary_section(
    sections: Sequence[Section], terms: Mapping[str, str], heading: str, name: str = "r92_glossary"
) -> Section | None:
    """A "Glossary" chapter of the abbreviations ``sections`` use, or None when they use none.

    ``heading`` is the chapter's heading as printed ("13. Glossary").
    """
    used = used_terms(document_text(sections), terms)
    if not used:
        return None
    lines = "\n".join(
        f"- **{blocks.escape_md(', '.join(names))}**: {blocks.escape_md(meaning)}"
        for names, meaning in same_meaning_together(used)
    )
    return Section(
        name,
        blocks.notebook(
            blocks.md(f"# {heading}\nThe abbreviations and terms this document uses.\n\n{lines}")
        ),
    )
