"""Disclosure control for the public variant: small-number suppression and redaction.

One module used by every section: :mod:`pipelines.core.presentation` passes every table, chart's
data and sentence through :func:`protect_table` / :func:`protect_text` with the run's
:class:`Policy`. The policy comes only from the run context
(:func:`pipelines.core.context.run_context`: its audience and the review's threshold) and is
passed explicitly to every function here, so an analyst who sets a notebook's ``audience`` to
``"public"`` sees exactly the figures the public pack prints.

Rules (public variant, threshold *t*, default 5):

- Primary suppression: a count of people from 1 to *t* − 1 is replaced by ``[c]``. Zero is shown.
- Secondary suppression: where a suppressed cell could be worked out from a total (a "Total" row,
  or a column that is the sum of the other counts in its row), the next smallest non-zero cell in
  the same column or row is suppressed too, repeated until no total reveals a suppressed cell.
- Percentages (columns whose label contains "%") are suppressed in every row where a count is
  suppressed, or where the row's counts are all below *t* (a percentage of a small base).
- Free text (columns passed as ``free_text``) is removed; every other text cell is redacted of
  personal data (:mod:`pipelines.core.personal_data`: e-mail addresses, telephone numbers,
  National Insurance numbers, postcodes, references and names).
- Sentences: whole numbers from 1 to *t* − 1 that count something are replaced by "fewer than *t*".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from pipelines.core import personal_data

SUPPRESSED = "[c]"
VARIANTS = ("exempt", "public")
#: The audiences a pack is built for (the same words as the variants).
AUDIENCES = VARIANTS


@dataclass(frozen=True)
class Policy:
    """Which variant is being built and its threshold."""

    variant: str = "exempt"
    threshold: int = 5

    @property
    def audience(self) -> str:
        """``"exempt"`` or ``"public"`` (the variant being built)."""
        return self.variant

    @property
    def public(self) -> bool:
        """True when small numbers must be suppressed."""
        return self.variant == "public"


EXEMPT = Policy("exempt")


def redact(text: str) -> str:
    """Text with personal data removed (contact details, NI numbers, postcodes, refs, names).

    See :mod:`pipelines.core.personal_data` (the one detector used in every audience).
    """
    return personal_data.redact(text)


DURATION = r"(?:years?|months?|weeks?|days?|hours?)\b"
SMALL_NUMBER = re.compile(
    r"(?<![\w.,£/%-])(\d+)"
    r"(?![\w.,%/]|\s*"
    + DURATION
    + r"|\s*(?:and|to|-|–)\s*\d+\s*"
    + DURATION
    + r"|\s*(?:st|nd|rd|th)\b)"
)
NOT_A_COUNT_BEFORE = re.compile(
    r"(?:\btop|\bitem|\bparagraph|\bpara|\bpage|\bband)\s*$", re.IGNORECASE
)


def protect_text(text: str, pol: Policy) -> str:
    """A sentence for the public variant: small counts replaced by "fewer than t", redacted.

    Whole numbers from 1 to threshold − 1 are treated as counts unless they are part of a
    decimal, percentage, money amount, date, ordinal, a duration ("2 years", "between 2 and 5
    years") or a label such as "Top 3" or "item 7". Under an exempt policy the text is returned
    unchanged.
    """
    if not pol.public:
        return text

    def repl(m: re.Match) -> str:
        n = int(m.group(1))
        if NOT_A_COUNT_BEFORE.search(m.string[max(0, m.start() - 12) : m.start()]):
            return m.group(0)
        return f"fewer than {pol.threshold}" if 0 < n < pol.threshold else m.group(0)

    return SMALL_NUMBER.sub(repl, redact(text))


def _is_count_column(s: pd.Series, label: str) -> bool:
    if "%" in label or not pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s):
        return False
    values = s.dropna()
    return (
        bool(len(values)) and bool((values == values.round()).all()) and bool((values >= 0).all())
    )


def _total_rows(df: pd.DataFrame) -> list[int]:
    if df.columns.empty:
        return []
    first = df.columns[0]
    return [i for i, v in enumerate(df[first]) if str(v).strip().casefold() == "total"]


def protect_table(
    df: pd.DataFrame,
    *,
    free_text: Sequence[str] = (),
    not_counts: Sequence[str] = (),
    pol: Policy,
) -> tuple[pd.DataFrame, list[str]]:
    """The table as the public variant may show it, and notes on what was hidden.

    Parameters
    ----------
    df : pandas.DataFrame
        Member-facing table. Whole-number, non-negative numeric columns are treated as counts of
        people unless named in ``not_counts`` (e.g. establishment posts, case numbers).
    free_text : sequence of str
        Columns of free text (reasons, comments, quotes): removed in the public variant.
    not_counts : sequence of str
        Whole-number columns that are not counts of people (posts, money, scores).
    pol : Policy
        The run's disclosure policy (``ctx.policy``); exempt returns the table unchanged.

    """
    if not pol.public:
        return df, []
    t = pol.threshold
    notes: list[str] = []
    out = df.drop(columns=[c for c in free_text if c in df.columns])
    if len(out.columns) < len(df.columns):
        notes.append("Free-text answers are not published; they are in the exempt version.")
    counts = [c for c in out.columns if c not in not_counts and _is_count_column(out[c], str(c))]
    values = out[counts].astype(float) if counts else pd.DataFrame(index=out.index)
    hidden = (values > 0) & (values < t)
    primary = int(hidden.to_numpy().sum())
    totals = _total_rows(out)
    body = [i for i in range(len(out)) if i not in totals]
    row_total_cols = [
        c
        for c in counts
        if len(counts) > 2
        and all(
            abs(values.iloc[i][c] - values.iloc[i][[x for x in counts if x != c]].sum()) < 1e-9
            for i in range(len(out))
            if not values.iloc[i].isna().any()
        )
    ]

    def hide_partner(cells: list[tuple[int, str]]) -> bool:
        """If exactly one of these cells is hidden, hide the smallest other non-zero one."""
        hid = [cell for cell in cells if hidden.at[out.index[cell[0]], cell[1]]]
        if len(hid) != 1:
            return False
        rest = [
            cell
            for cell in cells
            if not hidden.at[out.index[cell[0]], cell[1]]
            and values.at[out.index[cell[0]], cell[1]] > 0
        ]
        if not rest:
            return False
        i, c = min(rest, key=lambda cell: values.at[out.index[cell[0]], cell[1]])
        hidden.at[out.index[i], c] = True
        return True

    changed = True
    while changed:
        changed = False
        if totals:
            for c in counts:
                changed |= hide_partner([(i, c) for i in body])
        for tc in row_total_cols:
            others = [c for c in counts if c != tc]
            for i in range(len(out)):
                changed |= hide_partner([(i, c) for c in others])
    secondary = int(hidden.to_numpy().sum()) - primary
    shown = out.astype(object).copy()
    for c in counts:
        shown.loc[hidden[c], c] = SUPPRESSED
    row_hidden = hidden.any(axis=1) if counts else pd.Series(False, index=out.index)
    small_base = ((values < t) | values.isna()).all(axis=1) if counts else row_hidden
    for c in out.columns:
        if "%" in str(c):
            mask = row_hidden | small_base
            shown.loc[mask & out[c].notna(), c] = SUPPRESSED
    for c in shown.columns:
        if shown[c].map(lambda v: isinstance(v, str)).any():
            shown[c] = shown[c].map(
                lambda v: redact(v) if isinstance(v, str) and v != SUPPRESSED else v
            )
    if primary:
        notes.append(
            f"[c] = fewer than {t} people, not shown to protect individuals"
            + (
                f"; {secondary} more figure(s) hidden so that totals cannot reveal them."
                if secondary
                else "."
            )
        )
    return shown, notes


def chart_allowed(data: pd.DataFrame, pol: Policy, *, not_counts: Sequence[str] = ()) -> bool:
    """Whether a chart of ``data`` may be shown under ``pol`` (no small counts in it)."""
    if not pol.public:
        return True
    _, notes = protect_table(data, not_counts=not_counts, pol=pol)
    return not any(n.startswith("[c]") for n in notes)
