"""The "Theory" tab: the bowl's closed-form numbers, each backend's predicted pace, a few
sentences that explain them, and (once the plots are built) the stability map."""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from trainers import SufficientStats, theory
from trainers.config import POST_SCRIPT_LR
from trainers.prediction import NoPrediction, Prediction

WIDE = 1.6
"""Wider than this many times its height, the map sits beside the numbers, not under them."""


@dataclass(frozen=True)
class BackendTheory:
    """One enabled backend as the tab explains it: its learning rate (None: not known until
    its framework has loaded) and its exact prediction, or why there is none."""

    name: str
    title: str
    color: str
    lr: float | None
    outcome: Prediction | NoPrediction | None


def _g(value: float) -> str:
    return f"{value:.4g}"


class TheoryPanel(QWidget):
    """Shows :meth:`show_theory`'s numbers and explanation above (or beside) a map slot."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.map_view: QWidget | None = None
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.text)
        self.splitter.addWidget(self.placeholder)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)
        self._args: tuple = ()
        self.retranslate()

    def set_map_view(self, view: QWidget) -> None:
        """The stability map in place of its placeholder (it needs pyqtgraph, built later)."""
        self.splitter.replaceWidget(1, view)
        self.placeholder.deleteLater()
        self.map_view = view

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = event.size().width() > WIDE * event.size().height()
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)

    def retranslate(self) -> None:
        if self.map_view is None:  # the placeholder is gone once the map is there
            self.placeholder.setText(self.tr("Loading the stability map…"))
        if self._args:
            self.show_theory(*self._args)

    def plain_text(self) -> str:
        return self.text.toPlainText()

    # -- the text -----------------------------------------------------------------------
    def show_theory(
        self,
        stats: SufficientStats,
        backends: list[BackendTheory],
        translate: Callable[[str, str], str] = QCoreApplication.translate,
    ) -> None:
        """The numbers of ``stats``'s bowl and of each enabled backend, and what they mean."""
        self._args = (stats, backends, translate)
        bowl = theory.bowl(stats)
        lam_lo, lam_hi = (float(v) for v in bowl.eigenvalues)
        (w_star, b_star), h = bowl.optimum, bowl.hessian
        critical, best = theory.critical_lr(stats), theory.optimal_lr(stats)
        polyak_lr, polyak_beta = theory.optimal_momentum(stats)
        polyak_rate = theory.rate(stats, polyak_lr, polyak_beta)

        def axis(v) -> str:
            return f"({_g(v[0])}, {_g(v[1])})"

        rows = [
            (self.tr("Optimum"), f"w* = {_g(w_star)}, b* = {_g(b_star)}"),
            (
                self.tr("Hessian"),
                # No break inside a row of the matrix (U+00A0), only between its rows.
                f"[[{_g(h[0, 0])},\u00a0{_g(h[0, 1])}], [{_g(h[1, 0])},\u00a0{_g(h[1, 1])}]]",
            ),
            (
                self.tr("Curvatures"),
                self.tr("steep λmax = {hi} along {v_hi}; shallow λmin = {lo} along {v_lo}").format(
                    hi=_g(lam_hi),
                    lo=_g(lam_lo),
                    v_hi=axis(bowl.eigenvectors[:, 1]),
                    v_lo=axis(bowl.eigenvectors[:, 0]),
                ),
            ),
            (self.tr("Condition number"), f"κ = λmax/λmin = {_g(bowl.condition_number)}"),
            (self.tr("Critical lr"), f"2/λmax = {_g(critical)}"),
            (
                self.tr("Optimal lr"),
                self.tr("2/(λmin+λmax) = {lr}: rate {rate} per update").format(
                    lr=_g(best), rate=_g(theory.rate(stats, best))
                ),
            ),
            (
                self.tr("With momentum β"),
                self.tr(
                    "critical lr 2(1+β)/λmax; Polyak's best lr = {lr}, β = {beta}: rate {rate}"
                ).format(lr=_g(polyak_lr), beta=_g(polyak_beta), rate=_g(polyak_rate)),
            ),
        ]
        table = "".join(
            f"<tr><td><b>{html.escape(k)}</b>&nbsp;</td><td>{html.escape(v)}</td></tr>"
            for k, v in rows
        )
        heading = self.tr("The bowl of this data")
        parts = [f"<h3>{heading}</h3><table>{table}</table>"]
        if backends:
            items = "".join(f"<li>{self._backend_line(b, translate)}</li>" for b in backends)
            heading = self.tr("Each backend")
            parts.append(f"<h3>{heading}</h3><ul>{items}</ul>")
        heading = self.tr("What this means")
        parts.append(f"<h3>{heading}</h3>")
        parts += [f"<p>{p}</p>" for p in self._explanation(stats, backends)]
        bar = self.text.verticalScrollBar()
        scrolled = bar.value()  # a slider dragged re-renders the text: keep the reader's place
        self.text.setHtml("".join(parts))
        bar.setValue(scrolled)

    def _backend_line(self, b: BackendTheory, translate: Callable[[str, str], str]) -> str:
        who = f'<b style="color:{b.color}">{html.escape(b.title)}</b>'
        outcome = b.outcome
        if b.lr is None:
            what = self.tr("its learning rate is known once Keras has loaded")
        elif isinstance(outcome, NoPrediction):
            what = html.escape(outcome.translated(translate))
        elif isinstance(outcome, Prediction):
            setting = self.tr("lr {lr}").format(lr=_g(b.lr))
            if outcome.momentum:
                kind = self.tr("Nesterov β") if outcome.nesterov else "β"
                setting += f", {kind} {_g(outcome.momentum)}"
            n = outcome.updates_to_100x
            if n is None:
                pace = self.tr(
                    "rate {rate} per update; at or past the critical lr {critical}, it diverges"
                ).format(rate=_g(outcome.rate), critical=_g(outcome.critical_lr))
            else:
                pace = self.tr(
                    "rate {rate} per update; ≈ {n} updates to shrink the distance to the "
                    "optimum 100× (critical lr {critical})"
                ).format(rate=_g(outcome.rate), n=f"{n:,}", critical=_g(outcome.critical_lr))
            what = f"{setting}: {pace}"
        else:
            what = ""
        return self.tr("{backend}: {what}").format(backend=who, what=what)

    def _explanation(self, stats: SufficientStats, backends: list[BackendTheory]) -> list[str]:
        lam_lo, lam_hi = (float(v) for v in theory.curvatures(stats))
        polyak_lr, polyak_beta = theory.optimal_momentum(stats)
        return [
            self.tr(
                "The loss is a bowl with two axes. Along the steep one it curves by λmax = {hi}, "
                "along the shallow one by λmin = {lo}: {kappa} times less. One update of "
                "gradient descent multiplies the distance to the optimum along each axis by "
                "1 − lr·λ."
            ).format(hi=_g(lam_hi), lo=_g(lam_lo), kappa=_g(lam_hi / lam_lo)),
            *self._current_rates(stats, backends),
            self.tr(
                "Past the optimal rate, the steep axis's factor 1 − lr·λmax is below −(1 − "
                "lr·λmin): each update overshoots the valley floor, so the path zigzags across "
                "the steep axis, and that zigzag is now the slowest part. Past the critical "
                "rate 2/λmax = {critical} the factor is below −1: every overshoot is larger "
                "than the last and the run explodes."
            ).format(critical=_g(theory.critical_lr(stats))),
            self.tr(
                "Momentum β keeps a part of the previous step. Along the shallow axis the steps "
                "add up, so it moves faster; along the steep axis the overshoots partly cancel, "
                "so larger rates stay stable, up to 2(1+β)/λmax. Polyak's best choice, lr "
                "{lr} with β {beta}, contracts by √β = {rate} per update: about {n} updates to "
                "100×. The stability map draws the rate for every (lr, β)."
            ).format(
                lr=_g(polyak_lr),
                beta=_g(polyak_beta),
                rate=_g(polyak_beta**0.5),
                n=_count(theory.updates_for(polyak_beta**0.5)),
            ),
        ]

    def _current_rates(self, stats: SufficientStats, backends: list[BackendTheory]) -> list[str]:
        """One paragraph per setting the predicted backends use (the post's rate if none):
        what that rate does, in its regime: crawling, zigzagging or diverging."""
        settings: dict[tuple[float, float, bool], list[BackendTheory]] = {}
        for b in backends:
            if isinstance(b.outcome, Prediction) and b.lr is not None:
                key = (b.lr, float(b.outcome.momentum), bool(b.outcome.nesterov))
                settings.setdefault(key, []).append(b)
        if not settings:
            what = self._regime(stats, POST_SCRIPT_LR, 0.0, False)
            return [self.tr("The post's script: {what}").format(what=what)]
        paragraphs = []
        for (lr, beta, nesterov), group in settings.items():
            who = ", ".join(f'<b style="color:{b.color}">{html.escape(b.title)}</b>' for b in group)
            what = self._regime(stats, lr, beta, nesterov)
            paragraphs.append(self.tr("{backend}: {what}").format(backend=who, what=what))
        return paragraphs

    def _regime(self, stats: SufficientStats, lr: float, beta: float, nesterov: bool) -> str:
        """What rate ``lr`` (momentum ``beta``) does on this bowl, with its numbers."""
        lam_lo, lam_hi = (float(v) for v in theory.curvatures(stats))
        best = theory.optimal_lr(stats)
        critical = theory.critical_lr(stats, beta, nesterov)
        if beta:
            rate = theory.rate(stats, lr, beta, nesterov)
            kind = self.tr("Nesterov momentum") if nesterov else self.tr("momentum")
            if rate >= 1.0:
                return self.tr(
                    "at lr {lr} with {kind} β {beta} the update's rate is {rate}, at least 1: "
                    "at or past the critical rate {critical}, every update moves further from "
                    "the optimum and the run diverges."
                ).format(lr=_g(lr), kind=kind, beta=_g(beta), rate=_g(rate), critical=_g(critical))
            return self.tr(
                "at lr {lr} with {kind} β {beta} the distance to the optimum shrinks by the "
                "momentum rate {rate} per update: about {n} updates to shrink it 100× (critical "
                "lr {critical})."
            ).format(
                lr=_g(lr),
                kind=kind,
                beta=_g(beta),
                rate=_g(rate),
                n=_count(theory.updates_for(rate)),
                critical=_g(critical),
            )
        shallow, steep = 1.0 - lr * lam_lo, 1.0 - lr * lam_hi
        if abs(steep) >= 1.0:
            return self.tr(
                "at lr {lr}, at or past the critical rate {critical}, the steep axis's factor "
                "1 − lr·λmax = {steep} has magnitude {size}, at least 1: every overshoot of "
                "the valley floor is as large as the last or larger, and the run diverges."
            ).format(lr=_g(lr), critical=_g(critical), steep=_g(steep), size=_g(abs(steep)))
        if lr >= best:
            return self.tr(
                "at lr {lr}, past the optimal {best}, the steep axis's factor 1 − lr·λmax = "
                "{steep} is the slow one: each update overshoots the valley floor, so the path "
                "zigzags across the steep axis, keeping {size} of that distance every update: "
                "about {n} updates to shrink it 100×. A smaller rate, down to {best}, is faster."
            ).format(
                lr=_g(lr),
                best=_g(best),
                steep=_g(steep),
                size=_g(abs(steep)),
                n=_count(theory.updates_for(abs(steep))),
            )
        return self.tr(
            "at lr {lr} the shallow axis keeps 1 − lr·λmin = {keep} of its distance every "
            "update, so descent crawls: about {n} updates to shrink it 100×. A larger rate "
            "helps only up to the optimal {best}."
        ).format(
            lr=_g(lr), keep=_g(shallow), n=_count(theory.updates_for(abs(shallow))), best=_g(best)
        )


def _count(updates: float) -> str:
    """A number of updates; ∞ where the distance never shrinks (a flat direction, or one so
    much flatter than the other that float64 cannot tell it from flat)."""
    return f"{int(updates):,}" if math.isfinite(updates) else "∞"
