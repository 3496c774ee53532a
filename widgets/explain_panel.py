"""Why the enabled backends disagree, in plain words, and a button that makes them agree."""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from trainers import SufficientStats
from trainers.align_report import AlignReport
from trainers.differences import Deviation, Effective, differences
from trainers.outcome import RunFacts
from trainers.values import batches_per_epoch
from widgets.explain_sections import ExplainSections


def _num(value: float | None) -> str:
    return "?" if value is None else f"{value:.6g}"


class ExplainPanel(QWidget):
    """Lists the settings that differ (start, learning rate, update scheme, shuffling) with
    their actual values, what the theory predicts and what happened, what Align set;
    ``align_requested`` when the user asks to make them equal, ``theory_requested`` when they
    follow the link to the Theory tab."""

    align_requested = Signal()
    theory_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._on_link)
        self.sections = ExplainSections(self)
        self.align_button = QPushButton()
        self.align_button.clicked.connect(self.align_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.align_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self._args: tuple = ()
        self.topics: list[str] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.align_button.setText(self.tr("Align settings"))
        self.align_button.setToolTip(
            self.tr(
                "Give every enabled backend the first one's start and learning rate, and "
                "full-batch updates without shuffling: then they all print the same numbers."
            )
        )
        if self._args:
            self.show_settings(*self._args)

    def show_settings(
        self,
        settings: list[Effective],
        titles: Mapping[str, str],
        colors: Mapping[str, str],
        stats: SufficientStats,
        n_points: int,
        deviation: Deviation | None = None,
        facts: RunFacts | None = None,
        aligned: AlignReport | None = None,
    ) -> None:
        """Explain ``settings`` (one per enabled backend, in order), the theory's prediction of
        each run and its outcome (``facts``), and what Align set (``aligned``)."""
        self._args = (settings, titles, colors, stats, n_points, deviation, facts, aligned)
        facts = facts if facts is not None else RunFacts({}, {})
        self.topics = differences(settings)
        self.align_button.setEnabled(bool(self.topics) and len(settings) > 1)

        def who(s: Effective) -> str:
            return f'<b style="color:{colors[s.name]}">{html.escape(titles[s.name])}</b>'

        def entry(s: Effective, text: str) -> str:
            return self.tr("{backend}: {what}").format(backend=who(s), what=text)

        def bullet(title: str, items: list[str]) -> str:
            # Separators and the full stop are translated too (Chinese uses ； and 。).
            joined = self.tr("; ", "separates the backends in a list").join(items)
            return f"<li><b>{title}</b> " + self.tr("{list}.").format(list=joined) + "</li>"

        def by_name(name: str) -> str:
            return who(next(s for s in settings if s.name == name))

        parts: list[str] = []
        if len(settings) < 2:
            enable = self.tr("Enable two or more backends to compare them.")
            parts.append(f"<p>{enable}</p>")
        elif not self.topics:
            same = self.tr("Same settings everywhere")
            agree = self.tr(
                "Every enabled backend starts at the same point, uses the same learning "
                "rate and makes the same full-batch updates. The frameworks then agree: "
                "they print the same numbers to float32 precision."
            )
            if facts.partings:
                agree = self.tr(
                    "Every enabled backend starts at the same point, uses the same learning "
                    "rate and makes the same full-batch updates, and yet their paths part:"
                )
            parts.append(f"<h3>{same}</h3><p>{agree}</p>")
        else:
            heading = self.tr("Why the numbers differ")
            parts.append(f"<h3>{heading}</h3><ul>")
            if "start" in self.topics:
                items = []
                for s in settings:
                    if s.w0 is None:
                        where = self.tr("a random kernel, drawn once Keras has loaded")
                    else:
                        where = self.tr("w = {w}, b = {b}").format(w=_num(s.w0), b=_num(s.b0))
                    if s.init.kind == "default" and s.name in ("keras", "keras-fit"):
                        why = self.tr(
                            "Keras draws the kernel at random from glorot_uniform, seed {seed}, "
                            "and sets the bias to 0"
                        ).format(seed=s.init_seed)
                    elif s.init.kind == "default":
                        why = self.tr("as the post's TensorFlow script")
                    elif s.init.kind == "zeros":
                        why = self.tr("set to zeros")
                    else:
                        why = self.tr("set by hand")
                    items.append(entry(s, self.tr("{where} ({why})").format(where=where, why=why)))
                parts.append(bullet(self.tr("Different starting points."), items))
            if "lr" in self.topics:
                items = []
                for s in settings:
                    if s.lr is None:
                        items.append(entry(s, self.tr("Keras default (loading…)")))
                        continue
                    keras = s.name in ("keras", "keras-fit")
                    if s.lr_is_default and keras and s.optimizer == "sgd":
                        rate = self.tr("{lr} (Keras's 'sgd' default)")
                    elif s.lr_is_default and keras:
                        rate = self.tr("{lr} (Keras's {optimizer} default)").format(
                            lr="{lr}", optimizer=s.optimizer
                        )
                    elif s.lr_is_default:
                        rate = self.tr("{lr} (the post's script)")
                    else:
                        rate = "{lr}"
                    text = rate.format(lr=f"{s.lr:g}")
                    items.append(entry(s, text))
                parts.append(bullet(self.tr("Different learning rates."), items))
            if "updates" in self.topics:
                items = []
                for s in settings:
                    if s.full_batch:
                        text = self.tr(
                            "{n} full-batch updates (each uses all {points} points)"
                        ).format(n=f"{s.updates:,}", points=f"{n_points:,}")
                    else:
                        batches = batches_per_epoch(n_points, s.batch_size)
                        text = self.tr(
                            "{epochs} epochs × {batches} batches of {size} = {n} noisy "
                            "mini-batch updates"
                        ).format(
                            epochs=s.epochs, batches=batches, size=s.batch_size, n=f"{s.updates:,}"
                        )
                    items.append(entry(s, text))
                parts.append(bullet(self.tr("Different update schemes."), items))
            if "shuffle" in self.topics:
                title = self.tr("Shuffling.")
                text = self.tr(
                    "Keras fit visits the points in a new random order every epoch, so "
                    "its path is noisy and depends on the seed."
                )
                parts.append(f"<li><b>{title}</b> {text}</li>")
            parts.append(self.sections.optimizer_topics(settings, self.topics, facts, by_name))
            parts.append("</ul>")
            align = self.tr(
                "<b>Align settings</b> gives every backend the settings of {first}."
            ).format(first=who(settings[0]))
            parts.append(f"<p>{align}</p>")
        rounding = self.sections.rounding(settings, facts, by_name)
        if rounding:
            parts.append(f"<ul>{rounding}</ul>")
        if aligned is not None:
            parts.append(self.sections.align(aligned, by_name))
        if deviation is not None:
            parts.append(
                "<p>"
                + self.tr(
                    "Largest difference between backends over {n} updates: "
                    "|Δw| = {dw}, |Δb| = {db}."
                ).format(
                    n=f"{deviation.updates_compared:,}",
                    dw=f"{deviation.max_dw:.2g}",
                    db=f"{deviation.max_db:.2g}",
                )
                + "</p>"
            )
        if settings:
            parts.append(self.sections.theory(settings, facts, stats, by_name))
        self.text.setHtml("".join(parts))

    def _on_link(self, url: QUrl) -> None:
        if url.toString() == "theory":
            self.theory_requested.emit()

    def plain_text(self) -> str:
        return self.text.toPlainText()
