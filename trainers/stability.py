"""The stability map: contraction per update over the plane of learning rate × momentum.

As "Why Momentum Really Works" (Distill, 2017) draws it for a toy problem, here exactly for the
data at hand: the rate at (lr, β) is the largest spectral radius of the 2×2 blocks of
:func:`trainers.theory.block_rates`, one per curvature of the bowl.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from trainers import theory
from trainers.sufficient_stats import SufficientStats


@dataclass(frozen=True)
class StabilityMap:
    """Rates on a grid: ``rates[i, j]`` at momentum ``momenta[i]`` and rate ``lrs[j]``."""

    lrs: np.ndarray
    momenta: np.ndarray
    rates: np.ndarray
    boundary: np.ndarray  # the critical learning rate at each momentum: rate 1 beyond it
    optimum: tuple[float, float, float]  # (lr, momentum, rate) where the rate is least
    nesterov: bool = False


def stability_map(
    stats: SufficientStats,
    lrs: np.ndarray | None = None,
    momenta: np.ndarray | None = None,
    nesterov: bool = False,
) -> StabilityMap:
    """The map over ``lrs`` × ``momenta`` (by default: 0 < β < 1 and rates up to a little
    past the largest critical rate), its critical boundary and its optimum."""
    if momenta is None:
        momenta = np.linspace(0.0, 0.99, 100)
    momenta = np.asarray(momenta, dtype=np.float64)
    boundary = np.array([theory.critical_lr(stats, float(m), nesterov) for m in momenta])
    if lrs is None:
        lrs = np.linspace(0.0, 1.1 * float(boundary.max()), 201)[1:]
    lrs = np.asarray(lrs, dtype=np.float64)
    lam = theory.curvatures(stats)
    grid_lr, grid_m = lrs[None, :], momenta[:, None]
    rates = np.maximum(
        theory.block_rates(lam[0], grid_lr, grid_m, nesterov),
        theory.block_rates(lam[1], grid_lr, grid_m, nesterov),
    )
    if nesterov:  # no tidy closed form; the least rate on the grid
        i, j = np.unravel_index(int(np.argmin(rates)), rates.shape)
        best = (float(lrs[j]), float(momenta[i]), float(rates[i, j]))
    else:  # Polyak's optimum: the rate there is √β*
        lr_best, m_best = theory.optimal_momentum(stats)
        best = (lr_best, m_best, theory.rate(stats, lr_best, m_best))
    return StabilityMap(lrs, momenta, rates, boundary, best, nesterov)
