"""Local against national in words: the findings and chart titles of the national comparison.

Each sentence compares the authority's latest figure with the comparators the request names
(:class:`pipelines.sections.national.analysis.Request`) and says where it ranks.
"""

from __future__ import annotations

from pipelines.core.figures import Sentence
from pipelines.datasets.national.dfe import LONDON, LONDON_PARTS, SPECIAL_VALUES, NationalData
from pipelines.sections.national.analysis import (
    MEASURES,
    NO_RETURN,
    QUARTILE_WORDS,
    Measure,
    Request,
    is_usable,
    la_rank,
    neighbour_median,
    neighbour_rank,
    ordinal,
    trend_years,
)
from pipelines.sections.national.tables import _change, _join, comparator_areas

# --------------------------------------------------------------------------- words


def _versus(value: float, other: float, m: Measure) -> str:
    if round(value, 1) == round(other, 1):
        return "the same as"
    return "higher than" if value > other else "lower than"


def measure_finding(data: NationalData, req: Request, m: Measure) -> str:
    """One sentence on one measure in ``req.year``, written from the numbers."""
    la, year = req.la, req.year
    cell = data.cell(m.column, year, la.key)
    if cell is not None and cell[1] in ("low", "k"):
        return (
            f"{m.label}: less than 0.05{'%' if m.unit == '%' else ' ' + m.unit} in "
            f"{la.name} at 30 September {year} (the DfE publishes it only as rounding to "
            "zero, not as zero), so it is not ranked or compared."
        )
    if not is_usable(cell):
        why = NO_RETURN if cell is None else SPECIAL_VALUES[cell[1]]
        return (
            f"{m.label}: no figure is published for {la.name} in {year} ({why}), so it is "
            "not compared or ranked."
        )
    value = cell[0]
    comps: dict[str, list[str]] = {}
    for label, key in comparator_areas(req):
        c = data.cell(m.column, year, key)
        if is_usable(c):
            where = (
                label
                if label == "England"
                else f"the {label} region"
                if (key not in LONDON_PARTS and key != LONDON)
                else label
            )
            comps.setdefault(_versus(value, c[0], m), []).append(f"{where} ({m.text(c[0])})")
    if req.neighbours:
        med, k, total = neighbour_median(data, req, m)
        if med is not None:
            comps.setdefault(_versus(value, med, m), []).append(
                f"the median of its statistical neighbours ({m.text(med)}; {k} of {total} "
                "with a figure)"
            )
    text = f"{m.label}: {m.text(value)} in {la.name} at 30 September {year}"
    if comps:
        text += ", " + ", and ".join(f"{how} {_join(what)}" for how, what in comps.items())
    text += "."
    rank, n, q = la_rank(data, la, m, year)
    if rank is not None:
        text += (
            f" It ranks {ordinal(rank)} of {n} authorities ({m.best_word} first), in the "
            f"{QUARTILE_WORDS[q]}"
        )
        if req.neighbours:
            nr, nn = neighbour_rank(data, req, m)
            if nr is not None:
                text += f", and {ordinal(nr)} of {nn} among itself and its neighbours"
        text += "."
    change = _change(data, la.key, m, year)
    if not isinstance(change, str) and change != 0:
        better = (change < 0) == m.lower_is_better
        text += (
            f" It {'rose' if change > 0 else 'fell'} by {abs(change):.1f} "
            f"{m.change_unit} on {year - 1} ({'more' if better else 'less'} favourable)."
        )
    elif not isinstance(change, str):
        text += f" It was unchanged on {year - 1}."
    return text


def findings(data: NationalData, req: Request) -> list[Sentence]:
    """Key findings: which measures sit in the best and worst quarters, then one per measure.

    The DfE's published rates, caseloads, ranks and years, never a count of people the council
    holds: every one is a :class:`~pipelines.core.figures.Sentence`, whose numbers disclosure
    control does not rewrite ("ranked 3rd", "3 of 10 years" stay as written).
    """
    worst, best, unranked = [], [], []
    for m in MEASURES:
        rank, _, q = la_rank(data, req.la, m, req.year)
        if rank is None:
            unranked.append(m.label.lower())
        elif q == 4:
            worst.append(m.label.lower())
        elif q == 1:
            best.append(m.label.lower())
    summary = []
    if worst:
        summary.append(f"in the least favourable quarter of authorities for {_join(worst)}")
    if best:
        where = "in the most favourable quarter" + ("" if worst else " of authorities")
        summary.append(f"{where} for {_join(best)}")
    out = []
    if len(unranked) == len(MEASURES):
        out.append(
            f"No figures are published for {req.la.name} in {req.year}, so it is not "
            "compared or ranked on any measure."
        )
    elif summary:
        out.append(f"In {req.year}, {req.la.name} was " + ", and ".join(summary) + ".")
    else:
        out.append(
            f"In {req.year}, {req.la.name} was in neither the most nor the least "
            "favourable quarter of authorities on any measure with a figure."
        )
    if unranked and len(unranked) < len(MEASURES):
        them = "it" if len(unranked) == 1 else "them"
        out.append(
            f"No figure is published for {req.la.name} in {req.year} for "
            f"{_join(unranked)}; it is not ranked on {them}."
        )
    out += [measure_finding(data, req, m) for m in MEASURES]
    return [Sentence(t) for t in out]


def trend_title(data: NationalData, req: Request, m: Measure) -> Sentence:
    """A chart title stating the finding of a series: how the authority compares over time.

    DfE rates and years only (a :class:`~pipelines.core.figures.Sentence`).
    """
    return Sentence(_trend_title(data, req, m))


def _trend_title(data: NationalData, req: Request, m: Measure) -> str:
    key, label = next(((k, lab) for lab, k in comparator_areas(req)), (None, None))
    la_vals = {y: data.cell(m.column, y, req.la.key) for y in trend_years(data, req)}
    years = [y for y, c in la_vals.items() if is_usable(c)]
    if not years:
        return f"{req.la.name}: no published {m.label.lower()} figures"
    first, last = years[0], years[-1]
    change = la_vals[last][0] - la_vals[first][0]
    move = (
        "the only year with a figure"  # one point: no change to state
        if first == last
        else f"unchanged since {first}"
        if round(change, 1) == 0
        else f"{'up' if change > 0 else 'down'} from {m.text(la_vals[first][0])} in {first}"
    )
    head = f"{req.la.name}'s {m.label.lower()}: {m.text(la_vals[last][0])} in {last}, {move}"
    if key is None or len(years) < 2:
        return head
    other = {y: data.cell(m.column, y, key) for y in years}
    pairs = [(la_vals[y][0], other[y][0]) for y in years if is_usable(other[y])]
    above = sum(1 for a, b in pairs if a > b)
    word = "England's" if label == "England" else f"{label}'s"
    if above == len(pairs):
        tail = f"; above {word} in every year"
    elif above == 0:
        tail = f"; below {word} in every year"
    else:
        tail = f"; above {word} in {above} of {len(pairs)} years"
        la_last, other_last = la_vals[last][0], other[last]
        if is_usable(other_last) and la_last < other_last[0]:
            tail += f", below in {last}"
        elif is_usable(other_last) and la_last > other_last[0]:
            tail += f", including {last}"
    return head + tail
