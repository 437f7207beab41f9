"""Free-text answers of the surveys coded into themes, and the comments shown to members.

The codebooks are ``config/mappings/survey_themes.yml`` (theme -> description and phrases);
:func:`code_themes` marks each answer with the themes whose phrases it contains, and
:func:`theme_counts` counts them by service. Comments are shown only after personal data is
redacted (:mod:`pipelines.core.personal_data`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

import pandas as pd

from pipelines.core import personal_data
from pipelines.core.mappings import load_mapping
from pipelines.datasets.surveys.questions import survey_questions

# --- Free text: themes --------------------------------------------------------------------

NO_THEME = "No theme matched"


def codebook(survey: str, question: str) -> dict[str, dict]:
    """The themes for one free-text question: theme -> {description, phrases}."""
    book = load_mapping("survey_themes").get(survey, {}).get(question)
    if not book:
        from pipelines.core.errors import ConfigError

        raise ConfigError(
            f"config/mappings/survey_themes.yml has no themes for {survey}: {question}."
        )
    return book


def _normalise(text: str) -> str:
    t = str(text).replace("\u2019", "'").replace("'", "").casefold()
    return re.sub(r"\s+", " ", t)


def code_themes(texts: pd.Series, book: Mapping[str, Mapping]) -> pd.DataFrame:
    """Which themes each comment mentions: one boolean column per theme, plus "No theme matched".

    A comment mentions a theme when it contains one of the theme's phrases starting at the
    beginning of a word (case, apostrophes and repeated spaces ignored). Blank comments are
    False everywhere (and not counted as unmatched).
    """
    patterns = {
        theme: re.compile("|".join(r"\b" + re.escape(_normalise(ph)) for ph in spec["phrases"]))
        for theme, spec in book.items()
    }
    norm = texts.map(
        lambda t: None if t is None or (isinstance(t, float) and math.isnan(t)) else _normalise(t)
    )
    out = pd.DataFrame(
        {
            theme: norm.map(lambda t, p=pat: bool(t) and bool(p.search(t)))
            for theme, pat in patterns.items()
        },
        index=texts.index,
    )
    out[NO_THEME] = norm.notna() & ~out.any(axis=1)
    return out


def theme_counts(
    df: pd.DataFrame,
    column: str,
    book: Mapping[str, Mapping],
    services: Sequence[str] | None = None,
) -> pd.DataFrame:
    """How many comments mention each theme, per service (or overall), most mentioned first.

    Columns: ``Theme``, then per service "<service>: comments (of N)" (number mentioning the
    theme; N = comments written) and "<service>: % of N comments", or once for everyone, when
    ``services`` is None, "Comments (of N)" and "% of N comments". One comment can mention
    several themes, so the columns do not add up to N. "No theme matched" comes last.
    """
    groups = {None: df} if not services else {s: df[df["service"] == s] for s in services}
    table = pd.DataFrame({"Theme": [*book, NO_THEME]})
    total = pd.Series(0, index=table.index)
    for s, g in groups.items():
        coded = code_themes(g[column], book)
        n = int(g[column].notna().sum())
        counts = coded.sum().reindex(table["Theme"]).fillna(0).astype(int).to_numpy()
        prefix = f"{s}: comments" if s else "Comments"
        table[f"{prefix} (of {n})"] = counts
        table[f"{s + ': ' if s else ''}% of {n} comments"] = [
            100.0 * c / n if n else float("nan") for c in counts
        ]
        total += counts
    body = (
        table.iloc[:-1].assign(_t=total.iloc[:-1]).sort_values("_t", ascending=False, kind="stable")
    )
    return pd.concat([body.drop(columns="_t"), table.iloc[-1:]], ignore_index=True)


def codebook_table(book: Mapping[str, Mapping]) -> pd.DataFrame:
    """The codebook as members read it: theme, what it covers, phrases looked for."""
    return pd.DataFrame(
        [
            {
                "Theme": t,
                "What it covers": s.get("description", ""),
                "Words and phrases looked for": ", ".join(f"\u201c{p}\u201d" for p in s["phrases"]),
            }
            for t, s in book.items()
        ]
    )


def comments_table(
    df: pd.DataFrame,
    column: str,
    book: Mapping[str, Mapping],
    services: Sequence[str] | None = None,
    *,
    names: Sequence[str] = (),
) -> pd.DataFrame:
    """Every comment written, with its service and the themes it was coded to.

    For the exempt pack only: comments can identify people. Contact details, references and
    names are redacted (:mod:`pipelines.core.personal_data`; ``names`` are people's names known
    to the review, e.g. :func:`pipelines.core.personal_data.review_names`); themes are coded from
    the comment as written. Ordered by service, then as exported.
    """
    written = df[df[column].notna()]
    coded = code_themes(written[column], book)
    themes = coded.apply(lambda r: ", ".join(t for t, v in r.items() if v), axis=1)
    redacted, _ = personal_data.redact_values(written[column], names=names)
    out = pd.DataFrame(
        {
            "Service": written["service"] if "service" in written else "",
            "Comment": redacted,
            "Themes": themes,
        }
    )
    if services:
        out["_o"] = out["Service"].map({s: i for i, s in enumerate(services)})
        out = out.sort_values("_o", kind="stable").drop(columns="_o")
    return out.reset_index(drop=True)


def comments_summary(comments: pd.DataFrame, limit: int) -> tuple[pd.DataFrame, str | None]:
    """At most ``limit`` rows of :func:`comments_table`, every theme quoted, and a note saying so.

    With ``limit`` comments or fewer, all of them and no note. With more, comments are taken in
    turns: the first comment of each theme (its first coded theme; "No theme matched" for
    none) in each service, then the second of each, and so on, until ``limit`` are taken; they
    are listed in the table's order (by service, then as exported). A long survey's comments
    are so summarised by examples of every theme instead of one table of every comment.

    Returns
    -------
    (pandas.DataFrame, str or None)
        The comments to quote, and the note to show with them (None when all are quoted).

    """
    total = len(comments)
    if total <= max(limit, 0):
        return comments, None
    first = comments["Themes"].fillna("").str.split(", ").str[0].replace("", NO_THEME)
    turn = first.groupby([comments["Service"].fillna(""), first]).cumcount()
    keep = turn.sort_values(kind="stable").index[: max(limit, 0)]
    shown = comments.loc[sorted(keep)].reset_index(drop=True)
    note = (
        f"{total} comments were written; {len(shown)} are quoted here: the first comment of "
        "each theme in each service, then the second, and so on, so that every theme is "
        f"quoted. The theme counts above cover all {total}; every comment is in the survey "
        "export."
    )
    return shown, note


def redactions(frames: Mapping[str, pd.DataFrame], *, names: Sequence[str] = ()) -> pd.DataFrame:
    """What personal data was redacted from the surveys' free-text answers, per question.

    Columns: Survey, Question (short label), Answers written (count of non-blank answers) and
    Redacted (e.g. "2 phone numbers, 2 names redacted"; "Nothing redacted"; the kinds are
    :data:`pipelines.core.personal_data.KINDS`). Every free-text question of the staff and locum
    surveys present in ``frames`` is listed.
    """
    rows = []
    labels = {"staff_survey": "Staff survey", "locum_survey": "Locum survey"}
    for survey, label in labels.items():
        df = frames.get(survey)
        if df is None or not len(df):
            continue
        for key, spec in survey_questions(survey).items():
            if spec["family"] != "free_text" or key not in df:
                continue
            _, counts = personal_data.redact_values(df[key], names=names)
            rows.append(
                {
                    "Survey": label,
                    "Question": spec["short"],
                    "Answers written": int(df[key].notna().sum()),
                    "Redacted": personal_data.counts_phrase(counts),
                }
            )
    return pd.DataFrame(rows, columns=["Survey", "Question", "Answers written", "Redacted"])


def locum_codebook_table() -> pd.DataFrame:
    """The codebooks of the locum survey's free-text questions as one table (with the question)."""
    frames = []
    for key, spec in survey_questions("locum_survey").items():
        if spec["family"] == "free_text":
            t = codebook_table(codebook("locum_survey", key))
            t.insert(0, "Question", spec["short"])
            frames.append(t)
    return pd.concat(frames, ignore_index=True)


def top_theme(counts: pd.DataFrame, column: str) -> tuple[str, int]:
    """The most mentioned theme in one count column of :func:`theme_counts` (not unmatched)."""
    body = counts[counts["Theme"] != NO_THEME]
    i = body[column].astype(int).idxmax()
    return str(body.loc[i, "Theme"]), int(body.loc[i, column])
