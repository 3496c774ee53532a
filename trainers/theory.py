"""Closed-form facts about gradient descent on the line-fit MSE.

The MSE is a quadratic with constant Hessian H, so full-batch gradient descent is a linear
map: θ_{k+1} − θ* = (I − lr·H)(θ_k − θ*). Everything below follows from that.

Momentum in Keras's form (``keras.optimizers.SGD``, velocity v starting at 0) is linear too,
in the state (e, v) with e = θ − θ* and g = H·e:

- heavy ball:  v' = β·v − lr·H·e;  e' = e + v'
  = [[I − lr·H, β·I], [−lr·H, β·I]] · (e, v);
- Nesterov (Keras adds β·v' − lr·g, with g taken at θ, not at a look-ahead point):
  v' = β·v − lr·H·e;  e' = e + β·v' − lr·H·e
  = [[I − lr(1+β)·H, β²·I], [−lr·H, β·I]] · (e, v).

Along an eigenvector of H with curvature λ each map is a 2×2 block with characteristic
polynomial z² − a·z + c: heavy ball a = 1 + β − lr·λ, c = β; Nesterov a = (1 + β)(1 − lr·λ),
c = β(1 − lr·λ). The Jury conditions (|c| < 1, 1 − a + c > 0, 1 + a + c > 0) give the
critical rates 2(1+β)/λ (heavy ball) and 2(1+β)/((1+2β)·λ) (Nesterov) for 0 ≤ β < 1.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from trainers.sufficient_stats import SufficientStats


@dataclass(frozen=True)
class Bowl:
    """The shape of the loss surface: its Hessian and the optimum it is centred on."""

    optimum: tuple[float, float]
    hessian: np.ndarray  # 2×2, constant
    eigenvalues: np.ndarray  # ascending: shallow curvature, then steep
    eigenvectors: np.ndarray  # columns, matching eigenvalues (unit length)

    @property
    def condition_number(self) -> float:
        """Steep over shallow curvature: how elongated the bowl is (1: round)."""
        return float(self.eigenvalues[1] / self.eigenvalues[0])


def bowl(stats: SufficientStats) -> Bowl:
    """The Hessian, its eigen-decomposition and the optimum, from the data's moments."""
    hessian = stats.hessian()
    values, vectors = np.linalg.eigh(hessian)
    # A sign convention so the axes do not flip when the data change slightly: first entry ≥ 0.
    vectors = vectors * np.where(vectors[0] < 0, -1.0, 1.0)[None, :]
    return Bowl(stats.optimum, hessian, values, vectors)


def curvatures(stats: SufficientStats) -> np.ndarray:
    """Eigenvalues of the Hessian, smallest first: how steep the bowl is along its two axes."""
    return np.linalg.eigvalsh(stats.hessian())


def critical_lr(stats: SufficientStats, momentum: float = 0.0, nesterov: bool = False) -> float:
    """The learning rate at and above which descent diverges: 2/λmax for gradient descent,
    2(1+β)/λmax for heavy-ball momentum β, 2(1+β)/((1+2β)·λmax) for Keras's Nesterov."""
    lam_max = float(curvatures(stats)[-1])
    beta = float(momentum)
    if beta == 0.0:
        return 2.0 / lam_max
    if nesterov:
        return 2.0 * (1.0 + beta) / ((1.0 + 2.0 * beta) * lam_max)
    return 2.0 * (1.0 + beta) / lam_max


def stable_lr_limit(stats: SufficientStats) -> float:
    """Learning rates at or above this make full-batch descent diverge (2 / largest curvature)."""
    return critical_lr(stats)


def optimal_lr(stats: SufficientStats) -> float:
    """The rate that makes plain gradient descent contract fastest: 2/(λmin + λmax)."""
    lam = curvatures(stats)
    return 2.0 / float(lam[0] + lam[-1])


def optimal_momentum(stats: SufficientStats) -> tuple[float, float]:
    """Polyak's best heavy-ball (lr, β): 4/(√λmax + √λmin)² and ((√κ − 1)/(√κ + 1))²."""
    lo, hi = (math.sqrt(float(v)) for v in curvatures(stats))
    return 4.0 / (hi + lo) ** 2, ((hi - lo) / (hi + lo)) ** 2


def update_matrix(
    stats: SufficientStats, lr: float, momentum: float = 0.0, nesterov: bool = False
) -> np.ndarray:
    """One update's linear map: 2×2 on e = θ − θ* (gradient descent), 4×4 on (e, v) with
    momentum (Keras's form; see the module docstring)."""
    h = stats.hessian()
    eye = np.eye(2)
    beta = float(momentum)
    if beta == 0.0:
        return eye - lr * h
    top_left = eye - lr * (1.0 + beta) * h if nesterov else eye - lr * h
    top_right = (beta * beta if nesterov else beta) * eye
    return np.block([[top_left, top_right], [-lr * h, beta * eye]])


def block_rates(
    curvature: np.ndarray | float,
    lr: np.ndarray | float,
    momentum: np.ndarray | float = 0.0,
    nesterov: bool = False,
) -> np.ndarray:
    """Spectral radius of one eigen-direction's block, elementwise (broadcast) over arrays:
    the larger root modulus of z² − a·z + c (see the module docstring)."""
    lam = np.asarray(curvature, dtype=np.float64)
    lr = np.asarray(lr, dtype=np.float64)
    beta = np.asarray(momentum, dtype=np.float64)
    if nesterov:
        a, c = (1.0 + beta) * (1.0 - lr * lam), beta * (1.0 - lr * lam)
    else:
        a, c = 1.0 + beta - lr * lam, beta + 0.0 * lr
    # Scaled by the larger of |a| and √|c|: huge curvatures (data near float64's limits) must
    # not overflow a² on the way to a finite answer.
    scale = np.maximum(np.abs(a), np.sqrt(np.abs(c)))
    scale = np.where(scale > 0.0, scale, 1.0)
    a, c = a / scale, c / scale / scale
    root = np.sqrt((a * a - 4.0 * c).astype(np.complex128))
    return scale * np.maximum(np.abs((a + root) / 2.0), np.abs((a - root) / 2.0))


def rate(stats: SufficientStats, lr: float, momentum: float = 0.0, nesterov: bool = False) -> float:
    """Contraction per update: the spectral radius of one update's linear map (≥ 1: none)."""
    lam = curvatures(stats)
    return float(np.max(block_rates(lam, lr, momentum, nesterov)))


def contraction(stats: SufficientStats, lr: float) -> float:
    """Worst factor by which one update shrinks the distance to the optimum (≥ 1: none)."""
    return float(np.max(np.abs(1.0 - lr * curvatures(stats))))


def updates_for(rho: float, factor: float = 100.0) -> float:
    """Updates for a contraction ``rho`` per update to shrink a distance by ``factor``
    (asymptotically, along the slowest direction); inf if it never does."""
    if not rho < 1.0:
        return math.inf
    if rho == 0.0:
        return 1.0
    return float(math.ceil(math.log(factor) / -math.log(rho)))


def updates_to_shrink(stats: SufficientStats, lr: float, factor: float) -> float:
    """Updates needed, in the slowest direction, to cut the distance to the optimum by factor."""
    return updates_for(contraction(stats, lr), factor)


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


def momentum_path(
    stats: SufficientStats,
    w0: float,
    b0: float,
    lr: float,
    k: int,
    momentum: float,
    nesterov: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """(w, b) after each of ``k`` updates of Keras's SGD with momentum (velocity from 0).

    The linear map of :func:`update_matrix`, applied ``k`` times: its powers have no tidy
    eigen-form (it is not symmetric and at critical damping not even diagonalisable).
    """
    if float(momentum) == 0.0:
        return gd_path(stats, w0, b0, lr, k)
    w_star, b_star = stats.optimum
    m = update_matrix(stats, lr, momentum, nesterov)
    state = np.array([w0 - w_star, b0 - b_star, 0.0, 0.0])
    out = np.empty((k, 2))
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(k):
            state = m @ state
            out[i] = state[:2]
    return w_star + out[:, 0], b_star + out[:, 1]


def updates_until_shrunk(
    stats: SufficientStats, w0: float, b0: float, w: np.ndarray, b: np.ndarray, factor: float
) -> int | None:
    """The first update (1-based) after which a path's distance to the optimum is at most the
    start's over ``factor``; None if it never is: what a run did, to compare with the prediction."""
    w_star, b_star = stats.optimum
    start = math.hypot(w0 - w_star, b0 - b_star)
    dist = np.hypot(np.asarray(w) - w_star, np.asarray(b) - b_star)
    hit = np.flatnonzero(dist <= start / factor)
    return int(hit[0]) + 1 if hit.size else None


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
