"""The disclosure audit's solver: the feasible range of each unknown of one component.

:mod:`pipelines.core.disclosure_audit` turns published tables into unknowns (suppressed cells)
and linear constraints, split into connected components; this module finds, for each unknown of
a component, its smallest and largest value: in closed form where the component has a shape
published tables commonly give (:func:`component_ranges_closed_form`), else by linear
programming (:func:`component_ranges_by_lp`, :func:`scipy.optimize.linprog` with HiGHS). It
also says which ranges disclose a small count (:func:`is_recoverable`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np


def count_whole_numbers(low: float, high: float) -> float:
    """How many whole numbers lie in [low, high] (infinite when high is)."""
    if math.isinf(high):
        return math.inf
    return max(0, math.floor(high + 1e-6) - math.ceil(low - 1e-6) + 1)


def is_recoverable(low: float, high: float, threshold: int) -> bool:
    """Whether a feasible range discloses a small count (see the module docstring)."""
    if high < 0.5:
        return False
    if low >= threshold - 1e-6:
        return False
    return count_whole_numbers(low, high) < threshold - 1


#: A component's ranges have no solution: its published figures contradict each other.
INFEASIBLE = "infeasible"


def component_ranges_by_lp(
    rows: Sequence[tuple[np.ndarray, float, float]],
    lower: Sequence[float],
    upper: Sequence[float] | None = None,
) -> list[tuple[float, float]] | str:
    """The smallest and largest value of each unknown of one connected component, by LP.

    Two linear programs per unknown (:func:`scipy.optimize.linprog`, HiGHS). A program HiGHS
    calls infeasible is solved again without its presolve, which can report an unbounded
    program (the largest value of a count with no upper bound) as infeasible.

    ``rows`` are ``(coefficients, low, high)`` for ``low <= coefficients . x <= high`` (an
    equality when ``low == high``; an infinite end is no bound); ``lower`` the unknowns' lower
    bounds, ``upper`` their upper bounds (infinite, or none given: no upper bound).
    Returns one ``(low, high)`` per unknown (``high`` infinite when unbounded), or
    :data:`INFEASIBLE` when the constraints have no solution.
    """
    from scipy.optimize import linprog  # a second to import: only when a table is audited

    tops = upper or [math.inf] * len(lower)

    a_eq, b_eq, a_ub, b_ub = [], [], [], []
    for line, low, high in rows:
        if abs(high - low) < 1e-12:
            a_eq.append(line)
            b_eq.append(low)
        else:
            if math.isfinite(high):
                a_ub.append(line)
                b_ub.append(high)
            if math.isfinite(low):
                a_ub.append(-line)
                b_ub.append(-low)
    kwargs = {
        "A_eq": np.array(a_eq) if a_eq else None,
        "b_eq": np.array(b_eq) if b_eq else None,
        "A_ub": np.array(a_ub) if a_ub else None,
        "b_ub": np.array(b_ub) if b_ub else None,
        "bounds": [
            (lo, None if math.isinf(hi) else hi) for lo, hi in zip(lower, tops, strict=True)
        ],
        "method": "highs",
    }

    def solve(objective: np.ndarray):
        found = linprog(objective, **kwargs)
        if found.status == 2:  # HiGHS's presolve can call an unbounded program infeasible
            found = linprog(objective, **kwargs, options={"presolve": False})
        return found

    out: list[tuple[float, float]] = []
    for i, floor in enumerate(lower):
        c = np.zeros(len(lower))
        c[i] = 1.0
        lo = solve(c)
        hi = solve(-c)
        if lo.status == 2 or hi.status == 2:
            return INFEASIBLE
        out.append(
            (
                float(lo.fun) if lo.status == 0 else floor,
                -float(hi.fun) if hi.status == 0 else math.inf,
            )
        )
    return out


def component_ranges_closed_form(
    rows: Sequence[tuple[np.ndarray, float, float]],
    lower: Sequence[float],
    upper: Sequence[float] | None = None,
) -> list[tuple[float, float]] | str | None:
    """The same ranges as :func:`component_ranges_by_lp` without a solver, where the shape allows.

    The shapes most components of published tables take; None for any other shape. ``upper``:
    the unknowns' upper bounds as :func:`component_ranges_by_lp` takes them (none given: no
    upper bound).

    - **No constraint**: each unknown lies in [its lower bound, its upper bound].
    - **One equality with positive coefficients over two or more unknowns** (suppressed cells
      summing to a published remainder, a . x = b): see :func:`_one_sum`; without upper bounds,
      unknown *i* lies in [l_i, l_i + (b - a . l) / a_i], the others taking the rest.
    - **One equality with positive coefficients and one inequality**, no upper bound (a table's
      answers summing to a published total, and its published mean): see :func:`_sum_and_range`.
    - **As many independent equalities as unknowns** (with any inequalities): the one solution
      x of the equalities, found by least squares; no solution when it leaves a residual, falls
      outside a bound or breaks an inequality.
    """
    floors = np.asarray(lower, dtype=float)
    tops = np.full(len(floors), math.inf) if upper is None else np.asarray(upper, dtype=float)
    if not rows:
        return [(float(lo), float(hi)) for lo, hi in zip(floors, tops, strict=True)]
    equal = [(line, low) for line, low, high in rows if abs(high - low) < 1e-12]
    if not equal:
        return None
    a = np.array([line for line, _ in equal], dtype=float)
    b = np.array([low for _, low in equal], dtype=float)
    ends = [abs(v) for _, lo, hi in rows for v in (lo, hi) if math.isfinite(v)]
    tol = 1e-7 * max(1.0, *ends)
    if len(equal) == len(rows) == 1 and len(floors) >= 2 and bool((a[0] > 0).all()):
        return _one_sum(a[0], float(b[0]), floors, tops, tol)
    if len(equal) == 1 and len(rows) == 2 and bool((a[0] > 0).all()):
        if np.isfinite(tops).any():
            return None
        line, low, high = next(r for r in rows if abs(r[2] - r[1]) >= 1e-12)
        return _sum_and_range(a[0], float(b[0]), line, low, high, floors, tol)
    if np.linalg.matrix_rank(a) == len(floors):
        x, *_ = np.linalg.lstsq(a, b, rcond=None)
        if np.abs(a @ x - b).max() > tol or bool((x < floors - tol).any()):
            return INFEASIBLE
        if bool((x > tops + tol).any()):
            return INFEASIBLE
        for line, low, high in rows:
            if not low - tol <= float(line @ x) <= high + tol:
                return INFEASIBLE
        return [(float(v) + 0.0, float(v) + 0.0) for v in x]  # + 0.0: no "-0.0"
    return None


def _one_sum(
    a: np.ndarray, total: float, floors: np.ndarray, tops: np.ndarray, tol: float
) -> list[tuple[float, float]] | str:
    """Ranges of x under a . x = total (every a_i > 0) and floors <= x <= tops.

    Unknown *i* is largest when every other is at its lower bound, smallest when every other is
    at its upper bound: x_i lies in [max(l_i, (total - sum of a_j u_j, j != i) / a_i),
    min(u_i, (total - sum of a_j l_j, j != i) / a_i)]. No solution when the total is below
    a . l or above a . u (a bound of infinity: no upper end).
    """
    least = float(a @ floors)
    most = math.inf if not np.isfinite(tops).all() else float(a @ tops)
    if total < least - tol or total > most + tol:
        return INFEASIBLE
    out = []
    for i, (ai, lo, hi) in enumerate(zip(a, floors, tops, strict=True)):
        others_most = math.inf
        if np.isfinite(np.delete(tops, i)).all():
            others_most = float(np.delete(a, i) @ np.delete(tops, i))
        top = min(hi, lo + max(total - least, 0.0) / ai)  # (total - the others' a_j l_j) / a_i
        bottom = max(lo, (total - others_most) / ai) if math.isfinite(others_most) else lo
        out.append((float(bottom) + 0.0, float(max(top, bottom)) + 0.0))
    return out


def _sum_and_range(
    a: np.ndarray,
    total: float,
    w: np.ndarray,
    low: float,
    high: float,
    floors: np.ndarray,
    tol: float,
) -> list[tuple[float, float]] | str:
    """Ranges of x under a . x = total (every a_i > 0), low <= w . x <= high and x >= floors.

    With z_i = a_i (x_i - l_i) >= 0 the constraints are sum(z) = S and L <= sum(v_i z_i) <= H,
    where S = total - a . l, v_i = w_i / a_i, L = low - w . l and H = high - w . l. Giving z_k
    the value t leaves S - t to share among the others, whose weighted sum can then be anything
    from (S - t) min(v_j) to (S - t) max(v_j), j != k; t is feasible when that interval, moved by
    t v_k, meets [L, H]: two linear conditions on t in [0, S]. x_k = l_k + t / a_k.
    """
    big = total - float(a @ floors)
    v = w / a
    lo_w, hi_w = low - float(w @ floors), high - float(w @ floors)
    if big < -tol:
        return INFEASIBLE
    big = max(big, 0.0)
    out = []
    for k in range(len(a)):
        others = np.delete(v, k)
        t_lo, t_hi = 0.0, big
        if not len(others):  # one unknown: t is the whole sum
            if not lo_w - tol <= v[k] * big <= hi_w + tol:
                return INFEASIBLE
            t_lo = t_hi = big
        else:
            least, most = float(others.min()), float(others.max())
            # big * least + t (v_k - least) <= H and big * most + t (v_k - most) >= L
            for slope, start, bound, upper in (
                (v[k] - least, big * least, hi_w, True),
                (v[k] - most, big * most, lo_w, False),
            ):
                if abs(slope) < 1e-12:
                    if (start > bound + tol) if upper else (start < bound - tol):
                        return INFEASIBLE
                    continue
                edge = (bound - start) / slope
                if (slope > 0) == upper:
                    t_hi = min(t_hi, edge)
                else:
                    t_lo = max(t_lo, edge)
            if t_lo > t_hi + tol:
                return INFEASIBLE
            t_lo, t_hi = max(t_lo, 0.0), min(max(t_hi, t_lo), big)
        out.append((float(floors[k] + t_lo / a[k]) + 0.0, float(floors[k] + t_hi / a[k]) + 0.0))
    return out
