"""Words officers type into a review config that a paper cannot print as they are.

A paper is read on its own, often years later, so config text a document prints must:

- date every day or month with its year: "3rd May" or "taken to Cabinet in February" does not
  say which year (a day and month followed by a year, or a range whose last date has one,
  "between 18 March and 1 June 2016", is dated);
- name the report a reference points into: "(report Appendix 3)" or "report paragraphs 3.1 to
  3.5" printed in a committee report reads as that report's own appendix or paragraphs; "Item 7
  report, paragraph 23" or "the report to the Cabinet, 3 May 2019, Appendix 3" says which.

:func:`problems` finds both in one text; :func:`check_review_text` checks the config texts the
papers print (the final report's words, the datasets' sources, where each published figure was
printed) and refuses the config naming each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipelines.core.errors import ConfigError

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
        for m in UNNAMED_REPORT.finditer(text)
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
