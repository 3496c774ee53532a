"""What ``python -m app theory`` prints: the bowl's facts and, for a rate, its prediction.

One dictionary (:func:`theory_report`) that the JSON output writes as is and the text output
(:func:`format_text`) spells out, so the two never disagree.
"""

from __future__ import annotations

from typing import Any

from trainers import theory
from trainers.data import Dataset
from trainers.prediction import NoPrediction, Prediction, predict_optimizer


def theory_report(
    data: Dataset,
    lr: float | None = None,
    optimizer: str = "sgd",
    momentum: float | None = None,
    nesterov: bool = False,
) -> dict[str, Any]:
    """The closed-form facts of full-batch descent on ``data``; with ``lr``, the contraction
    per update and the updates to shrink the distance to the optimum 100×."""
    stats = data.stats
    shape = theory.bowl(stats)
    beta = float(momentum or 0.0)
    nesterov = bool(nesterov) and beta > 0
    exact = predict_optimizer(stats, optimizer, 1.0 if lr is None else lr, beta, nesterov)
    lr_best, beta_best = theory.optimal_momentum(stats)
    report: dict[str, Any] = {
        "data": {"n": data.n, "source": data.source},
        "optimizer": optimizer,
        "momentum": beta,
        "nesterov": nesterov,
        "optimum": [float(v) for v in shape.optimum],
        "hessian": shape.hessian.tolist(),
        "eigenvalues": shape.eigenvalues.tolist(),
        "eigenvectors": shape.eigenvectors.T.tolist(),  # one row per eigenvalue
        "condition_number": shape.condition_number,
        "critical_lr": exact.critical_lr if isinstance(exact, Prediction) else None,
        "optimal_lr": theory.optimal_lr(stats),
        "optimal_lr_rate": theory.rate(stats, theory.optimal_lr(stats)),
        "optimal_momentum": {
            "lr": lr_best,
            "momentum": beta_best,
            "rate": theory.rate(stats, lr_best, beta_best),
        },
        "exact": isinstance(exact, Prediction),
    }
    if isinstance(exact, NoPrediction):
        report["no_prediction"] = exact.reason
    if lr is not None:
        report["lr"] = float(lr)
        if isinstance(exact, Prediction):
            report["rate"] = exact.rate
            report["updates_to_100x"] = exact.updates_to_100x
        else:
            report["rate"] = report["updates_to_100x"] = None
    return report


def _num(value: float) -> str:
    return f"{value:.6g}"


def _vector(values: list[float]) -> str:
    return "[" + ", ".join(_num(v) for v in values) + "]"


def format_text(report: dict[str, Any]) -> str:
    """The report as lines a person reads."""
    lo, hi = report["eigenvalues"]
    v_lo, v_hi = report["eigenvectors"]
    w_star, b_star = report["optimum"]
    best = report["optimal_momentum"]
    kind = report["optimizer"]
    if report["momentum"]:
        kind += f", {'Nesterov ' if report['nesterov'] else ''}momentum {_num(report['momentum'])}"
    lines = [
        f"data              {report['data']['n']} points, {report['data']['source']}",
        f"optimum           w* = {_num(w_star)}, b* = {_num(b_star)}",
        "hessian           " + _vector(report["hessian"][0]) + ", " + _vector(report["hessian"][1]),
        f"eigenvalues       {_num(lo)} (shallow axis {_vector(v_lo)}), "
        f"{_num(hi)} (steep axis {_vector(v_hi)})",
        f"condition number  {_num(report['condition_number'])}",
    ]
    if report["critical_lr"] is None:
        lines.append(f"critical lr       none exact for {kind}")
    else:
        lines.append(
            f"critical lr       {_num(report['critical_lr'])} "
            f"({kind}: at or above it, no convergence)"
        )
    lines += [
        f"optimal lr        {_num(report['optimal_lr'])} (gradient descent, 2/(λmin+λmax): "
        f"rate {_num(report['optimal_lr_rate'])} per update)",
        f"best momentum     lr {_num(best['lr'])}, momentum {_num(best['momentum'])} "
        f"(rate {_num(best['rate'])} per update)",
    ]
    if "lr" in report:
        if report["rate"] is None:
            lines.append(f"lr {_num(report['lr'])}: {report['no_prediction']}")
        else:
            shrink = report["updates_to_100x"]
            tail = (
                f"{shrink} updates to shrink the distance to the optimum 100x"
                if shrink is not None
                else "the distance to the optimum never shrinks 100x"
            )
            lines.append(
                f"lr                {_num(report['lr'])}: contraction {_num(report['rate'])} "
                f"per update; {tail}"
            )
    elif "no_prediction" in report:
        lines.append(report["no_prediction"])
    return "\n".join(lines)
