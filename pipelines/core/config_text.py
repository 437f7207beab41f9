"""Words officers type into a review config that a paper cannot print as they are.

A paper is read on its own, often years later, so config text a document prints must:

- date every day or month with its year: "3rd May" or "taken to Cabinet in February" does not
  say which year (a day and month followed by a year, or a range whose last date has one,
  "between 18 March and 1 June 2016", is dated);
- name the report a reference points into: "(report Appendix 3)", "report paragraphs 3.1 to
  3.5" or "set out in section 5" printed in a committee report reads as that report's own
  appendix, paragraphs or section; "Item 7 report, paragraph 23" or "the report to the Cabinet,
  3 May 2019, Appendix 3" says which.

:func:`problems` finds both in one text; :func:`check_review_text` checks the config texts the
papers print (the final report's words, the datasets' sources, where each published figure was
printed) and refuses the config naming each; :func:`file_problems` holds the officers' own files
the papers print (the SWOT entries, the recommendations register) to the same rule, naming the
file, line and key of each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import yaml

from pipelines.core.errors import ConfigError, Problem

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: A day and month, or "in February", not followed by a year (nor by "and"/"to" and a dated
#: day or month: "between 18 March and 1 June 2016", "from January to March 2016").
UNDATED = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})|(?:in|by|from|until|since|during|"
    rf"of|last|next)\s+(?:{MONTHS}))\b"
    rf"(?!,?\s+\d{{4}})"
    rf"(?!\s+(?:and|to|-|–)\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{MONTHS})\s+\d{{4}})"
)
#: "report Appendix 3", "(report paragraphs 3.1 to 3.5)", "Report para 23": a reference into a
#: report that does not say which (the word "report" opens the text, a bracket or a clause).
UNNAMED_REPORT = re.compile(
    r"(?:^|[(;:]\s*|\bthe\s+)report\s+(?:appendix|paragraphs?|paras?\.?)\s*\d+(?:\.\d+)*",
    re.IGNORECASE,
)
#: "set out in section 5 (Finance and HR)": a section of the paper the words were copied from,
#: which a generated document would print as its own section 5 (reader14, a final
#: report, whose section 5 is what members heard); "in section 5 of the report to ..." names it.
UNNAMED_SECTION = re.compile(
    r"\b(?:in|see)\s+sections?\s+\d+(?:\.\d+)*\b(?!\s+of\b)", re.IGNORECASE
)

#: "early 2016", "mid-2015", "autumn 2017": a period a reader cannot check against its source.
VAGUE_PERIOD = re.compile(
    r"\b(?:early|late|mid|spring|summer|autumn|winter)[\s-]+(?:19|20)\d{2}\b", re.IGNORECASE
)
#: "23.5% would be about 111 posts": a base worked out by hand from a percentage.
WOULD_BE = re.compile(r"(\d+(?:\.\d+)?)%\s+would\s+be\s+(?:about\s+|around\s+)?(\d[\d,]*)")


def _adds_up(text: str, m: re.Match) -> bool:
    """Whether some other whole number of ``text`` is the percentage ``m`` gives of its base."""
    pct, base = float(m.group(1)), float(m.group(2).replace(",", ""))
    half = 0.5 * 10 ** -(len(m.group(1).split(".")[1]) if "." in m.group(1) else 0)
    plain = re.sub(r"\d+(?:\.\d+)?%", " ", text)
    counts = {float(n.replace(",", "")) for n in re.findall(r"(?<![\d.])\d[\d,]*(?![\d.])", plain)}
    return bool(base) and any(abs(100 * n / base - pct) <= half + 1e-9 for n in counts - {base})


def problems(text: str) -> list[str]:
    """What a config text must say before a paper prints it: one phrase per problem."""
    text = str(text or "")
    out = [f"\u201c{m.group(0)}\u201d gives no year" for m in UNDATED.finditer(text)]
    out += [
        f"\u201c{m.group(0).strip('(;: ')}\u201d does not say which report"
        for m in [*UNNAMED_REPORT.finditer(text), *UNNAMED_SECTION.finditer(text)]
    ]
    out += [
        f"\u201c{m.group(0)}\u201d does not say which months" for m in VAGUE_PERIOD.finditer(text)
    ]
    out += [
        f"\u201c{m.group(0)}\u201d does not add up with the counts the text gives"
        for m in WOULD_BE.finditer(text)
        if not _adds_up(text, m)
    ]
    return out


def printed_texts(cfg) -> Iterable[tuple[str, str]]:
    """(key, text) of the config texts the papers print: final report, sources, places."""
    for name, ds in (getattr(cfg, "datasets", None) or {}).items():
        if getattr(ds, "source", None):
            yield f"datasets.{name}.source", ds.source
    for n, fig in enumerate(getattr(cfg, "published_figures", None) or []):
        if getattr(fig, "where", None):
            yield f"published_figures[{n}].where", fig.where
        if getattr(fig, "reason", None):
            yield f"published_figures[{n}].reason", fig.reason
    fr = getattr(cfg, "final_report", None)
    if fr is None:
        return
    yield "final_report.summary", fr.summary
    for key in ("financial", "legal", "equalities", "risk"):
        if getattr(fr, key):
            yield f"final_report.{key}", getattr(fr, key)
    for label, text in fr.other_implications.items():
        yield f"final_report.other_implications.{label}", text
    for key in ("scope", "evidence_heard", "background_papers"):
        for n, text in enumerate(getattr(fr, key)):
            yield f"final_report.{key}[{n}]", text
    for n, rec in enumerate(fr.recommendations):
        for key in ("text", "to", "report_back"):
            if getattr(rec, key, None):
                yield f"final_report.recommendations[{n}].{key}", getattr(rec, key)


def check_review_text(cfg) -> None:
    """Refuse config text a paper would print without a year or without naming its report.

    Raises
    ------
    ConfigError
        Naming each key, what it says and what to write instead.

    """
    found = [f"{key}: {said}" for key, text in printed_texts(cfg) for said in problems(text)]
    if found:
        raise ConfigError(
            f"Review '{cfg.id}': the papers would print config text a reader cannot place: "
            + "; ".join(found)
            + ". Give every date its year (\u201c3 May 2019\u201d, \u201cin February "
            "2019\u201d) and name the report a reference points into (\u201cthe report to the "
            "Cabinet, 3 May 2019, Appendix 3\u201d, \u201cItem 7 report, paragraph "
            "23\u201d); say which months a period covers (\u201cJanuary to February "
            "2016\u201d) and give only figures that follow from the counts the text gives."
        )


#: What a text must say instead, by the end of the phrase :func:`problems` gives.
_EXPECTED = {
    "gives no year": "every date with its year (\u201c3 May 2019\u201d, \u201cin February "
    "2019\u201d)",
    "does not say which report": "the report named (\u201cItem 7 report, paragraph 23\u201d)",
    "does not say which months": "the months and the year (\u201cMarch to May 2019\u201d)",
    "does not add up with the counts the text gives": "figures that follow from the counts "
    "the text gives",
}


def yaml_line(text: str, path: Sequence[str | int]) -> int | None:
    """The line (1 = the file's first) of the value at ``path`` in a YAML ``text``, or None.

    ``path`` is the keys and list positions (from 0) down to the value: ``("entries", 3,
    "evidence", "period")``. None when the text is not YAML or holds no such value.
    """
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return None
    for key in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            node = node.value[key] if key < len(node.value) else None
        else:
            node = None
        if node is None:
            return None
    return node.start_mark.line + 1


def file_problems(
    shown: str, raw: str, texts: Iterable[tuple[str, Sequence[str | int], object]]
) -> list[Problem]:
    """Officers' text in a YAML file a paper prints that a reader cannot place (:func:`problems`).

    The officers' SWOT entries and the recommendations register are printed as officers wrote
    them, so they are held to the rule the review config is: a period says which months
    (\u201cearly 2016\u201d does not), a date has its year, a reference names its report.
    ``shown`` is the file as the message names it, ``raw`` its text (for the line numbers) and
    ``texts`` the (label, YAML path, text) of each printed text: \u201cSWOT entry 4
    ("peer-support")\u201d, ``("entries", 3, "evidence", "period")``, the period.

    Returns
    -------
    list of Problem
        One per problem, naming the file, the line, the key, what was found and what to write.

    """
    out = []
    for label, path, text in texts:
        for said in problems(str(text or "")):
            want = next((w for end, w in _EXPECTED.items() if said.endswith(end)), None)
            key = ".".join(str(p) for p in path[2:]) or str(path[-1])
            out.append(
                Problem(
                    f"{label}, {key}: {said}, and the papers print it as written.",
                    shown,
                    row=yaml_line(raw, path),
                    column=key,
                    found=str(text),
                    expected=want,
                    hint=f"Rewrite {key} under {label} in the file, then build again.",
                )
            )
    return out
