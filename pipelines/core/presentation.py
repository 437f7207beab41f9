"""Display helpers for section notebooks: tables, charts, findings and notes.

Each helper shows its content in the notebook (for analysts in JupyterLab) as accessible HTML
(real header cells with scope, a caption, source and period underneath) and attaches the data to
the output's metadata under ``evidence_pack`` so that the pack builder can write every table and
chart's data to ``tables/*.csv`` without the notebook writing files itself.

Blocks other than tables and charts (a grid of titled lists such as the SWOT, a list of
referenced items with their evidence) are in :mod:`pipelines.core.presentation_blocks`, shown
through :meth:`Page.show_grid` and :meth:`Page.show_reference_list`; the HTML parts and output
metadata both use are in :mod:`pipelines.core.outputs`.
"""

from __future__ import annotations

import base64
import html
import io
import numbers
from collections.abc import Mapping, Sequence

import pandas as pd

from pipelines.core import disclosure
from pipelines.core.disclosure_audit import Population, PublishedTable
from pipelines.core.figures import Kind, Sentence
from pipelines.core.outputs import (
    META_KEY,
    caption_note_html,
    caption_parts,
    display,
    notes_html,
    output_metadata,
    slug,
    source_line,
    table_html,
)
from pipelines.core.results import TOTAL, TidyTable


def _protect_and_record(df: pd.DataFrame, published: list | None, **options):
    """The table protected under the policy (``disclosure.protect``), recorded in ``published``.

    ``options`` are :func:`pipelines.core.disclosure.protect`'s; tables already in ``published``
    (the document's, kept by :class:`Page`) are protected together with this one.
    """
    protected = disclosure.protect(df, prior=published or (), **options)
    if published is not None and protected.table is not None:
        published.append(protected.table)
    return protected


def without_lone_total(df: pd.DataFrame) -> pd.DataFrame:
    """A table of one row and a Total row that repeats it, without the Total row.

    One service's row and a "Total" row with the same figures say the same thing twice; every
    Total cell left empty or "–" (a figure not summed) is no difference. Any other table is
    returned as it is.
    """
    if len(df) != 2 or not len(df.columns) or str(df.iat[1, 0]) != TOTAL:
        return df
    for c in df.columns[1:]:
        one, total = df[c].iat[0], df[c].iat[1]
        if total is None or (isinstance(total, str) and total.strip() in ("", "\u2013", "-")):
            continue
        try:
            same = bool(pd.isna(total)) or abs(float(one) - float(total)) < 1e-9
        except (TypeError, ValueError):
            same = one == total
        if not same:
            return df
    return df.iloc[:1]


def show(
    df: pd.DataFrame,
    caption: str,
    source: str,
    period: str | None = None,
    *,
    name: str | None = None,
    formats: Mapping[str, str] | None = None,
    row_headers: bool = True,
    free_text: Sequence[str] = (),
    officer_text: Sequence[str] = (),
    not_counts: Sequence[str] = (),
    kinds: Mapping[str, Kind] | None = None,
    populations: Mapping[str, Population] | None = None,
    numerators: Mapping[str, str] | None = None,
    denominators: Mapping[str, Sequence[str]] | None = None,
    individuals: bool = False,
    small_groups: bool = False,
    csv_only: bool = False,
    ranked_by: str | None = None,
    released: Sequence[tuple[int, str]] = (),
    unpublished: Sequence[str] = (),
    published: list[PublishedTable] | None = None,
    pol: disclosure.Policy,
) -> None:
    """Show a table for members: plain labels, no index, caption, source and period beneath.

    Parameters
    ----------
    df : pandas.DataFrame
        The table, with member-facing column labels (never column codes).
    caption : str
        What the table shows, ideally stating the finding.
    source : str
        Where the figures come from (e.g. "HR leavers extract (i-Trent)").
    period : str, optional
        The period the figures cover (e.g. "1 September 2015 to 31 August 2016").
    name : str, optional
        File-name stem for ``tables/<section>__<name>.csv``; defaults to a slug of the caption.
    formats : mapping, optional
        Column label -> ``str.format`` pattern, e.g. ``{"Turnover (%)": "{:.1f}"}``.
    row_headers : bool
        Mark the first column as row headers (true for category tables).
    free_text, not_counts, kinds, populations, numerators, denominators
        What the columns are, for disclosure control (see
        :func:`pipelines.core.disclosure.protect_table`): ``kinds`` maps a column to its
        :class:`~pipelines.core.figures.Kind` (only counts of people, and figures computed from
        them, are ever suppressed).
    officer_text : sequence of str
        Columns of words officers wrote for the papers (a register's recommendations): shown
        once they pass the officers'-text check, :func:`pipelines.core.disclosure.protect_text`
        (personal data redacted; under a public policy counts of people written as the public
        pack writes them, "fewer than 5 social workers").
    published : list of PublishedTable, optional
        The tables this document has already published (:class:`Page` keeps it); the table is
        protected together with those sharing a population, and appended to it.
    ranked_by : str, optional
        The count column the rows are ranked by (most first): under a public policy, rows whose
        count is suppressed are listed after the others by label, so their order cannot give
        their counts away (see :func:`pipelines.core.disclosure.protect`).
    released : sequence of (int, str)
        Cells (row position, column) the council has already published: never suppressed
        (:meth:`Page.show` works them out from ``council_published``).
    unpublished : sequence of str
        Columns the table is protected with but that are not shown or written to CSV (each
        row's total of answers: :func:`pipelines.core.disclosure.protect`).
    individuals : bool
        One row per person (a form, a leaver): never published, so under a public policy a
        note saying so is shown instead of the table (and nothing is written to CSV).
    csv_only : bool
        Too long to print: the exempt appendix gives it as a CSV file with a line saying so,
        beside a short table of it (:mod:`pipelines.documents.exempt`); the annex prints it.
    pol : Policy
        The run's disclosure policy (``ctx.policy``; :class:`Page` passes it).

    """
    name = slug(name or caption)
    df = without_lone_total(df)
    # The caption is its first sentence; what explains it is a note under the table.
    caption, caption_note = caption_parts(caption)
    if individuals and pol.public:
        show_note(
            f"{caption}: this table has one row per person, so it is shown only in the exempt "
            "version of this pack.",
            title="Not published",
            pol=pol,
        )
        return
    if officer_text and pol.public:
        df = df.copy()
        for c in [c for c in officer_text if c in df.columns]:
            df[c] = df[c].map(
                lambda v: disclosure.protect_text(v, pol) if isinstance(v, str) else v
            )
    protected = _protect_and_record(
        df, published, name=name, free_text=free_text, not_counts=not_counts, kinds=kinds,
        populations=populations, numerators=numerators, denominators=denominators,
        ranked_by=ranked_by, released=released, unpublished=unpublished, pol=pol,
    )  # fmt: skip
    shown, notes = protected.shown, protected.notes
    numeric = [c for c in shown.columns if pd.api.types.is_numeric_dtype(df[c])]
    body = table_html(shown, caption, formats=formats, row_headers=row_headers, numeric=numeric)
    html_text = (
        f'<div class="ep-table" id="tbl-{html.escape(name)}">{body}'
        f"{caption_note_html(caption_note)}{notes_html(notes)}{source_line(source, period)}</div>"
    )
    display(
        html_text,
        f"{caption}\n{shown.to_string(index=False)}",
        output_metadata(
            "table",
            name,
            caption,
            source,
            period,
            shown,
            **_disclosure_metadata(protected, not_counts, kinds, caption_note=caption_note),
            released=[[i, c] for i, c in protected.released],
            variant=pol.variant,
            # what the note under it says; its CSV's readers get it too (tables/README)
            **({"caption_note": caption_note} if caption_note else {}),
            formats={str(c): f for c, f in (formats or {}).items()},
            # What the exempt appendix cites Schedule 12A paragraph 1 for: one row per person,
            # or staff's own words (documents.exempt.exempt_paragraph).
            **({"individuals": True} if individuals else {}),
            # what it rests on counts groups too small to publish (paragraph 2): set by a
            # section whose figures give back such counts though they print none
            **({"small_groups": True} if small_groups else {}),
            **({"csv_only": True} if csv_only else {}),
            **({"free_text": [str(c) for c in free_text]} if free_text else {}),
        ),
    )


def _disclosure_metadata(
    protected: disclosure.Protected,
    not_counts: Sequence[str],
    kinds: Mapping[str, Kind] | None,
    *,
    caption_note: str | None = None,
) -> dict:
    """Output metadata on disclosure: columns that are not counts of people, the layout, notes.

    The notes go to the readers of the CSV file too (``tables/README.txt``). A table that
    shows a figure hidden before it got here (the scorecard's cell of a share withheld by its
    section) has no note of the protection's own; the caption's note, printed under the table,
    says what its ``[c]`` is, so it is that table's note.
    """
    others = [str(c) for c, k in (kinds or {}).items() if not k.counts_people]
    meta: dict[str, object] = {"not_counts": list(dict.fromkeys([*not_counts, *others]))}
    if kinds:
        meta["kinds"] = {str(c): k.value for c, k in kinds.items()}
    if protected.table is not None:
        meta["disclosure_layout"] = protected.table.layout.to_json()
    notes = list(protected.notes)
    shows_hidden = protected.shown.isin([disclosure.SUPPRESSED]).any().any()
    if not notes and shows_hidden and caption_note and disclosure.SUPPRESSED in caption_note:
        notes = [caption_note]
    if notes:  # printed under the table; the CSV's readers get them too (tables/README)
        meta["disclosure_notes"] = notes
    if protected.held_back:  # not printed, but known to the pack's audit (pack_disclosure)
        meta["held_back"] = dict(protected.held_back)
    return meta


def figure_png(fig) -> bytes:
    """Render a matplotlib figure to PNG bytes without embedded timestamps (reproducible)."""
    buf = io.BytesIO()
    from pipelines.core.charts import SAVE_DPI

    fig.savefig(buf, format="png", dpi=SAVE_DPI, bbox_inches="tight", metadata={"Software": None})
    import matplotlib.pyplot as plt

    plt.close(fig)
    return buf.getvalue()


def show_chart(
    fig,
    title: str,
    alt: str,
    data: pd.DataFrame,
    source: str,
    period: str | None = None,
    *,
    name: str | None = None,
    formats: Mapping[str, str] | None = None,
    not_counts: Sequence[str] = (),
    kinds: Mapping[str, Kind] | None = None,
    populations: Mapping[str, Population] | None = None,
    numerators: Mapping[str, str] | None = None,
    denominators: Mapping[str, Sequence[str]] | None = None,
    unpublished: Sequence[str] = (),
    published: list[PublishedTable] | None = None,
    small_groups: bool = False,
    pol: disclosure.Policy,
) -> None:
    """Show a chart with its finding as title, alt text, source and period, and its data as a table.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The chart (made by :mod:`pipelines.core.charts`); closed after rendering. An object
        whose ``svg`` attribute holds SVG text is shown as that SVG image instead.
    title : str
        The finding the chart shows, in words ("Most ratings were good or excellent").
    alt : str
        Alternative text saying what the chart shows, for screen readers.
    data : pandas.DataFrame
        The numbers plotted, with plain labels; shown beneath the chart and written to CSV.
    unpublished : sequence of str
        Columns of ``data`` the chart's table is protected with but that are not shown or
        written to CSV (see :func:`show`).
    pol : Policy
        The run's disclosure policy (``ctx.policy``; :class:`Page` passes it).

    """
    name = slug(name or title)
    head, title_note = caption_parts(title)
    if title_note:  # a title is one sentence; what explains it is a note under the chart
        title = type(title)(head)
    protected = _protect_and_record(
        data, published, name=name, not_counts=not_counts, kinds=kinds,
        populations=populations, numerators=numerators, denominators=denominators,
        unpublished=unpublished, pol=pol,
    )  # fmt: skip
    shown, notes = protected.shown, protected.notes
    numeric = [c for c in shown.columns if pd.api.types.is_numeric_dtype(data[c])]
    redrawn = None
    if any(n.startswith("[c]") for n in notes):
        import matplotlib.pyplot as plt

        plt.close(fig)
        fig, alt, redrawn = _redraw_suppressed(shown, protected, title, pol)
    shown_title = title
    if redrawn is not None and not isinstance(title, Sentence):
        shown_title = disclosure.protect_text(title, pol)
    # A chart drawn as SVG text (an object with ``svg``, e.g. a batch's trend chart) is shown
    # as it is; a matplotlib figure as PNG.
    svg = getattr(fig, "svg", None)
    mime = "image/svg+xml" if isinstance(svg, str) else "image/png"
    printed, overprinted = None, None
    if not isinstance(svg, str):
        from pipelines.core.charts import fit_fonts, overlapping_texts

        printed = round(fit_fonts(fig), 2)  # no text prints below 9 pt
        overprinted = len(overlapping_texts(fig))  # none: the tests check every chart
    image = svg.encode("utf-8") if isinstance(svg, str) else figure_png(fig)
    png = base64.b64encode(image).decode("ascii")
    table = table_html(
        shown,
        "Data for the chart above",
        formats=formats,
        numeric=numeric,
        table_class="ep-data ep-chart-data",
    )
    html_text = (
        f'<figure class="ep-chart" id="fig-{html.escape(name)}">'
        f'<figcaption class="ep-chart-title">{html.escape(shown_title)}</figcaption>'
        f'<img src="data:{mime};base64,{png}" alt="{html.escape(alt, quote=True)}">'
        f"{caption_note_html(title_note)}{notes_html([redrawn] if redrawn else [])}"
        f"{source_line(source, period)}{table}{notes_html(notes)}</figure>"
    )
    display(
        html_text,
        f"{shown_title}\n{alt}",
        output_metadata(
            "chart",
            name,
            shown_title,
            source,
            period,
            shown,
            alt=alt,
            **_disclosure_metadata(protected, not_counts, kinds),
            variant=pol.variant,
            **({"caption_note": title_note} if title_note else {}),
            formats={str(c): f for c, f in (formats or {}).items()},
            printed_font_pt=printed,
            overprinted_texts=overprinted,
            **({"small_groups": True} if small_groups else {}),
        ),
    )


def _redraw_suppressed(
    shown: pd.DataFrame, protected: disclosure.Protected, title: str, pol: disclosure.Policy
):
    """The chart of a table with suppressed counts, redrawn from the table as published.

    The section's chart was drawn from the unsuppressed figures, so under a public policy with
    any ``[c]`` it is replaced by :func:`pipelines.core.charts.suppressed_chart` of ``shown``:
    the counts of people (without total rows and columns that are sums of others), suppressed
    values marked ``[c]``. Returns the figure, its alt text (from the published values only)
    and the note that goes under it.
    """
    from pipelines.core import charts

    layout = protected.table.layout if protected.table is not None else None
    counts = list(layout.counts) if layout else []
    values = [
        c
        for c in counts
        if c in shown.columns and (layout is None or c not in layout.total_columns)
    ]
    label = next((c for c in shown.columns if c not in counts), shown.columns[0])
    body = shown.drop(index=shown.index[list(layout.total_rows)] if layout else [])
    xlabel = str(values[0]) if len(values) == 1 else "Number of people"
    fig = charts.suppressed_chart(body, label, values, xlabel=xlabel)
    alt = charts.suppressed_alt(body, label, values, what=str(title))
    note = (
        f"Chart drawn from the published figures: values marked {disclosure.SUPPRESSED} are not "
        f"shown, because they are fewer than {pol.threshold} people or would let a total reveal "
        "such a number; the length of a [c] mark says nothing about its value."
    )
    return fig, alt, note


def show_findings(
    findings: Sequence[str], *, name: str = "findings", pol: disclosure.Policy
) -> None:
    """Show findings as a bulleted list (sentences written from the numbers)."""
    findings = [disclosure.protect_text(f, pol) for f in findings]
    items = "".join(f"<li>{html.escape(f)}</li>" for f in findings)
    display(
        f'<ul class="ep-findings">{items}</ul>',
        "\n".join(f"- {f}" for f in findings),
        {META_KEY: {"kind": "findings", "name": name, "items": list(findings)}},
    )


def show_note(text: str, *, title: str = "Note", pol: disclosure.Policy) -> None:
    """Show a boxed note, e.g. where the data disagree with a published figure."""
    text = disclosure.protect_text(text, pol)
    display(
        f'<div class="ep-note" role="note"><p><strong>{html.escape(title)}:</strong> '
        f"{html.escape(text)}</p></div>",
        f"{title}: {text}",
        {META_KEY: {"kind": "note", "name": slug(title), "text": text}},
    )


def released_cells(
    df: pd.DataFrame, cells: Mapping[tuple[str, str], str], published: Mapping[str, float]
) -> list[tuple[int, str]]:
    """The cells of ``df`` the council has already published, as (row position, column).

    ``cells`` maps (label in the first column, column) to a key of the review's published
    figures (``published``: key -> value). A cell is released when the council published that
    key with the value the data give (to within rounding to a whole number). A count that
    published figures determine is released too: in a column where the "Total" row and every
    body row but one are released, the remaining body row is the total less the others, so it
    is as public as they are.
    """
    if not len(df.columns):
        return []
    labels = [str(v) for v in df[df.columns[0]]]
    out: set[tuple[int, str]] = set()
    for (label, column), key in cells.items():
        if column not in df.columns or key not in published or label not in labels:
            continue
        i = labels.index(label)
        value = df[column].iat[i]
        number = isinstance(value, numbers.Real) and not isinstance(value, bool)
        if number and abs(float(value) - float(published[key])) < 0.5:
            out.add((i, column))
    totals = [i for i, v in enumerate(labels) if v.strip().casefold() == "total"]
    for column in {c for _, c in out}:
        body = [i for i in range(len(df)) if i not in totals]
        left = [i for i in body if (i, column) not in out]
        if totals and (totals[0], column) in out and len(left) == 1:
            out.add((left[0], column))
    return sorted(out)


def tidy_options(table: TidyTable) -> dict[str, object]:
    """The options of :func:`show` for a section result's tidy table, from its columns.

    Caption (with its rates defined: :meth:`TidyTable.definitions`), source, period and name
    are the table's; ``kinds``, ``populations`` (with their
    groups named by label), ``numerators``, ``formats`` and ``free_text`` come from each
    column's :class:`~pipelines.core.results.Column`, keyed by label; ``ranked_by`` and
    ``individuals`` from the table. No meaning is read from a label.
    """
    caption, defined = table.caption.strip(), table.definitions()
    if defined:  # its rates defined where it prints them: a note under the table
        caption = f"{caption.removesuffix('.')}. {defined}"
    options: dict[str, object] = {
        "caption": caption,
        "source": table.source,
        "period": table.period,
        "name": table.name,
        "kinds": table.kinds(),
        "populations": table.populations(),
        "numerators": table.numerators(),
        "denominators": table.denominators(),
        "formats": table.formats(),
        "free_text": table.free_text(),
        "officer_text": table.officer_text(),
        "individuals": table.individuals,
    }
    if table.ranked_by is not None:
        options["ranked_by"] = table.labels[table.ranked_by]
    return options


class Page:
    """The presentation layer bound to one run: every table, chart and sentence of a section.

    Made in a notebook's first code cell as ``page = Page(ctx)``; each method passes the run's
    disclosure policy (from its audience) to :mod:`pipelines.core.disclosure`, so setting the
    notebook's ``audience`` parameter to ``"public"`` gives the public figures.
    """

    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self.policy = ctx.policy
        #: Tables published so far (public variant), for protection across tables.
        self.published: list[PublishedTable] = []
        self._warnings: list[dict] | None = None

    def flag_warnings(self, name: str | None) -> None:
        """Show a note beside table ``name`` for each data-quality warning affecting its figures.

        The warnings are the failing warning checks of the run's validation
        (``validation.json`` in the processed-data folder) whose ``tables`` name this table.
        """
        if not name:
            return
        if self._warnings is None:
            from pipelines.core.validation_summary import failed_warnings

            folder = getattr(self.ctx, "processed_dir", None)
            try:
                self._warnings = failed_warnings(folder) if folder else []
            except (OSError, ValueError, KeyError):
                self._warnings = []
        from pipelines.core.validation_summary import warning_text

        for warning in self._warnings:
            if slug(name) in {slug(t) for t in warning.get("tables", [])}:
                self.show_note(
                    warning_text(warning) + " See the warnings in the data-quality appendix.",
                    title="Data-quality warning",
                )

    def show(
        self,
        df: pd.DataFrame | TidyTable,
        caption: str | None = None,
        source: str | None = None,
        period: str | None = None,
        *,
        council_published: Mapping[tuple[str, str], str] | None = None,
        **options,
    ) -> None:
        """A table (see :func:`show`) under this run's disclosure policy.

        ``df`` is a DataFrame with member-facing labels, or a section result's
        :class:`~pipelines.core.results.TidyTable`: then its labels, formats, kinds,
        populations, numerators, free-text columns, caption, source, period and name come from
        its columns' descriptions (:func:`tidy_options`), and ``caption``, ``source``,
        ``period`` or ``options`` given here override them.

        ``council_published`` maps cells, as (label in the first column, column), to the keys
        of the review's ``published_figures``: a cell whose value is the figure the council
        published is shown, not suppressed (see :func:`released_cells`).
        """
        if isinstance(df, TidyTable):
            df = df.for_policy(self.policy)  # its public variant, where it has one
            given = {"caption": caption, "source": source, "period": period}
            derived = tidy_options(df)
            derived.update({k: v for k, v in given.items() if v is not None})
            derived.update(options)
            df = df.labelled()
            caption, source, period = (
                derived.pop("caption"),
                derived.pop("source"),
                derived.pop("period"),
            )
            options = derived
        if caption is None or source is None:
            raise TypeError("Page.show needs a caption and a source for a DataFrame")
        released = (
            released_cells(df, council_published, self.ctx.review.published_values)
            if council_published
            else []
        )
        if len(without_lone_total(df)) < len(df):  # the Total row's cells are its one row's
            df, released = df.iloc[:1], sorted({(0, c) for _i, c in released})
        show(
            df, caption, source, period, pol=self.policy, published=self.published,
            released=released, **options,
        )  # fmt: skip
        self.flag_warnings(options.get("name") or caption)

    def show_chart(
        self,
        fig,
        title: str,
        alt: str,
        data: pd.DataFrame,
        source: str,
        period: str | None = None,
        **options,
    ) -> None:
        """A chart with its data table (see :func:`show_chart`) under this run's policy."""
        show_chart(
            fig,
            title,
            alt,
            data,
            source,
            period,
            pol=self.policy,
            published=self.published,
            **options,
        )
        self.flag_warnings(options.get("name") or title)

    def protect(self, df: pd.DataFrame, **options) -> pd.DataFrame:
        """``df`` as this run publishes it (``[c]`` where suppressed), without showing it.

        For titles and sentences chosen by a figure: compute them from this, so they name only
        what the table shows (``options`` as for :meth:`show`: ``kinds``, ``not_counts``...).
        """
        options.setdefault("prior", self.published)  # as the page will show it, beside the rest
        return disclosure.protect(df, pol=self.policy, **options).shown

    def show_findings(self, findings: Sequence[str], *, name: str = "findings") -> None:
        """Findings as a list (see :func:`show_findings`) under this run's policy."""
        show_findings(findings, name=name, pol=self.policy)

    def show_note(self, text: str, *, title: str = "Note") -> None:
        """A boxed note (see :func:`show_note`) under this run's policy."""
        show_note(text, title=title, pol=self.policy)

    def show_grid(
        self,
        items: pd.DataFrame,
        caption: str,
        source: str,
        period: str | None = None,
        **options,
    ) -> None:
        """A grid of titled lists, e.g. a 2×2 SWOT, under this run's policy.

        See :func:`pipelines.core.presentation_blocks.show_grid` (``rows``, ``columns``,
        ``data`` and ``name`` are keyword options).
        """
        from pipelines.core import presentation_blocks

        presentation_blocks.show_grid(items, caption, source, period, pol=self.policy, **options)

    def show_reference_list(
        self,
        items: pd.DataFrame,
        caption: str,
        source: str,
        period: str | None = None,
        **options,
    ) -> None:
        """Referenced items with their detail (e.g. SWOT evidence) under this run's policy.

        See :func:`pipelines.core.presentation_blocks.show_reference_list` (``data`` and
        ``name`` are keyword options).
        """
        from pipelines.core import presentation_blocks

        presentation_blocks.show_reference_list(
            items, caption, source, period, pol=self.policy, **options
        )
