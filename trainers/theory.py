"""Closed-form facts about gradient descent on the line-fit MSE.

The MSE is a quadratic with constant Hessian H, so full-batch gradient descent is a linear
map: θ_{k+1} − θ* = (I − lr·H)(θ_k − θ*). Everything below follows from that.
"""

from __future__ import annotations

import math

import numpy as np

from trainers.sufficient_stats import SufficientStats


def curvatures(stats: SufficientStats) -> np.ndarray:
    """Eigenvalues of the Hessian, smallest first: how steep the bowl is along its two axes."""
    return np.linalg.eigvalsh(stats.hessian())


def stable_lr_limit(stats: SufficientStats) -> float:
    """Learning rates at or above this make full-batch descent diverge (2 / largest curvature)."""
    return 2.0 / float(curvatures(stats)[-1])


def contraction(stats: SufficientStats, lr: float) -> float:
    """Worst factor by which one update shrinks the distance to the optimum (≥ 1: none)."""
    return float(np.max(np.abs(1.0 - lr * curvatures(stats))))


def updates_to_shrink(stats: SufficientStats, lr: float, factor: float) -> float:
    """Updates needed, in the slowest direction, to cut the distance to the optimum by factor."""
    rho = contraction(stats, lr)
    if rho >= 1.0:
        return math.inf
    if rho == 0.0:
        return 1.0
    return math.ceil(math.log(factor) / -math.log(rho))


def gd_path(
    stats: SufficientStats, w0: float, b0: float, lr: float, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """(w, b) after each of ``k`` full-batch updates from (w0, b0), without iterating.

    With A = I − lr·H = V·diag(λ)·Vᵀ (H is symmetric), θ_j = θ* + V·diag(λ^j)·Vᵀ·(θ_0 − θ*).
    """
    w_star, b_star = stats.optimum
    lam, vecs = np.linalg.eigh(np.eye(2) - lr * stats.hessian())
    coeffs = vecs.T @ np.array([w0 - w_star, b0 - b_star])
    with np.errstate(over="ignore", invalid="ignore"):
        powers = lam[:, None] ** np.arange(1, k + 1)[None, :]
        offsets = vecs @ (coeffs[:, None] * powers)
    return w_star + offsets[0], b_star + offsets[1]


def minibatch_sgd_path(
    x: np.ndarray,
    y: np.ndarray,
    w0: float,
    b0: float,
    lr: float | np.ndarray,
    batch_size: int,
    orders: list[np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """Plain float64 SGD on the MSE of each batch, one epoch per index order in ``orders``.

    Batches are consecutive slices of each order, the last one smaller if n does not divide
    (as Keras's ``fit`` does). ``lr`` is one rate, or one per update. Returns (w, b) after
    every update.
    """
    batches = [
        order[i : i + batch_size] for order in orders for i in range(0, len(order), batch_size)
    ]
    rates = np.broadcast_to(np.asarray(lr, dtype=np.float64), (len(batches),))
    w, b = float(w0), float(b0)
    ws = np.empty(len(batches))
    bs = np.empty(len(batches))
    for j, idx in enumerate(batches):
        err = w * x[idx] + b - y[idx]
        w, b = (
            w - rates[j] * 2.0 * float(np.mean(err * x[idx])),
            b - rates[j] * 2.0 * float(np.mean(err)),
        )
        ws[j], bs[j] = w, b
    return ws, bs
