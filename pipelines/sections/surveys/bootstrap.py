"""The likely range of a survey average: percentile bootstrap intervals from counts of answers.

A question's average for a service is shown with its likely range (95% by default), worked out
by the percentile bootstrap (:func:`bootstrap_mean_ci`; why this interval: its notes). Many
averages are worked out at once from the counts of each answer (:func:`bootstrap_ranges`), each
with a fixed seed per question and service (:func:`seed_for`) so the pack is reproducible and an
interval does not depend on the order of the tables.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np

__all__ = ["bootstrap_mean_ci", "bootstrap_ranges", "seed_for"]

BOOTSTRAP_RESAMPLES = 10_000
BOOTSTRAP_SEED = 20160921


def bootstrap_ranges(
    counts: np.ndarray,
    values: Sequence[float],
    level: float = 0.95,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seeds: Sequence[int | Sequence[int]] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap intervals of many averages at once, from counts of each answer.

    Parameters
    ----------
    counts : array of shape (m, k)
        Row i: how many people gave each of the ``k`` answers ``values`` (e.g. scores 1-5) in
        group i (a question of a service).
    values : sequence of k numbers
        The value of each answer (the scores).
    level : float
        Confidence level, 0-1 (0.95 gives a 95% interval).
    resamples : int
        Number of bootstrap resamples per row (samples of the row's size drawn with
        replacement).
    seeds : sequence of m seeds, optional
        The seed of each row's random generator (an int or a sequence of ints), so each
        interval is the same on every build whatever the other rows are; ``BOOTSTRAP_SEED`` for
        every row when None.

    Returns
    -------
    (array, array)
        Lower and upper limits per row, on the scale of ``values``; NaN for a row nobody
        answered.

    Notes
    -----
    A resample of n answers drawn with replacement from a group is, for its average, the same
    as a draw of the counts of each answer from a multinomial distribution (n trials, the
    group's shares of each answer), drawn here as a chain of binomials (the count of the first
    answer, then of the second among the rest, and so on): the average of the resample is the
    counts times the values, over n. Drawing the counts costs ``resamples x k`` numbers per
    group, whatever the number of people, where drawing the answers one by one costs
    ``resamples x n`` (with 100 times the respondents, 100 times as much). The averages of all
    rows and their quantiles are then worked out in one array operation. The distribution of
    the resampled averages is that of the percentile bootstrap of :func:`bootstrap_mean_ci`;
    only the random draws differ.

    """
    c = np.asarray(counts, dtype=np.int64)
    c = c.reshape(-1, c.shape[-1]) if c.size else np.zeros((0, len(values)), dtype=np.int64)
    v = np.asarray(values, dtype=float)
    n = c.sum(axis=1)
    m = len(c)
    seeds = list(seeds) if seeds is not None else [BOOTSTRAP_SEED] * m
    draws = np.zeros((m, resamples, c.shape[1]), dtype=np.int64)
    for i in np.flatnonzero(n):
        # The multinomial counts drawn as a chain of binomials, each over all resamples at once.
        rng = np.random.default_rng(seeds[i])
        remaining = np.full(resamples, n[i], dtype=np.int64)
        left = float(n[i])
        for j in range(c.shape[1] - 1):
            share = min(1.0, c[i, j] / left) if left > 0 else 0.0
            draws[i, :, j] = rng.binomial(remaining, share) if share > 0 else 0
            remaining -= draws[i, :, j]
            left -= c[i, j]
        draws[i, :, -1] = remaining
    with np.errstate(invalid="ignore", divide="ignore"):
        means = (draws @ v) / n[:, None]
    alpha = (1 - level) / 2
    low = np.full(m, np.nan)
    high = np.full(m, np.nan)
    ok = n > 0
    if ok.any():
        q = np.quantile(means[ok], [alpha, 1 - alpha], axis=1)
        low[ok], high[ok] = q[0], q[1]
    return low, high


def bootstrap_mean_ci(
    scores: Sequence[float],
    level: float = 0.95,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int | Sequence[int] = (BOOTSTRAP_SEED,),
) -> tuple[float, float]:
    """Percentile bootstrap interval for the average of 1-5 scores.

    Parameters
    ----------
    scores : sequence of numbers
        The answers (whole numbers 1-5) of the people who answered.
    level : float
        Confidence level, 0-1 (0.95 gives a 95% interval).
    resamples : int
        Number of bootstrap resamples (samples of the same size drawn with replacement).
    seed : int or sequence of int
        Seed of the random generator, so the interval is the same on every build.

    Returns
    -------
    (float, float)
        Lower and upper limits, on the 1-5 scale. NaN for no answers; both equal the average
        when everyone gave the same answer (the bootstrap cannot show uncertainty then).

    Notes
    -----
    Why this interval: answers on a 5-point scale are few distinct values, often skewed, and the
    groups are small (18 children's respondents). The percentile bootstrap makes no assumption
    that the average is normally distributed, and its limits always stay inside 1-5 and move
    with the skew of the answers; a t-interval can run past the ends of the scale and is
    symmetric by construction. Its known weakness is that with small groups (fewer than about 20
    answers) it is slightly too narrow (covers the true average a little less often than 95%),
    so the pack flags small groups and treats intervals for them as indicative. The resamples
    use a fixed seed so the pack is reproducible; they are drawn as counts of each distinct
    answer (:func:`bootstrap_ranges`), so the cost does not grow with the number of answers.

    """
    x = np.asarray(list(scores), dtype=float)
    if x.size == 0:
        return float("nan"), float("nan")
    values, counts = np.unique(x, return_counts=True)
    low, high = bootstrap_ranges(counts[None, :], values, level, resamples, [seed])
    return float(low[0]), float(high[0])


def seed_for(*parts: str) -> list[int]:
    """A fixed seed per question and service, so an interval does not depend on table order."""
    return [BOOTSTRAP_SEED, *(zlib.crc32(p.encode("utf-8")) for p in parts)]
