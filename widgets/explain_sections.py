"""The explain panel's sections on theory, optimizers, Align and rounding, as HTML in the
language in use (the panel puts them together)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from trainers import SufficientStats, theory
from trainers.align_report import AlignReport, Change
from trainers.differences import Effective, FormulaNote, formula_notes
from trainers.lr_schedules import SCHEDULE_KEYS
from trainers.optimizers import HYPER_PARAMETERS
from trainers.outcome import PARTING, Outcome, RunFacts, precision
from trainers.prediction import NoPrediction, Prediction

Who = Callable[[str], str]
"""A backend's name, in its colour, as HTML."""


def value_text(value: Any) -> str:
    """A setting's value as the command line writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def note_text(note: FormulaNote) -> str:
    return QCoreApplication.translate("Differences", note.text).format(**note.params)


class ExplainSections(QObject):
    """Words the per-run facts; every method returns HTML (or plain text where said)."""

    def _list(self, items: list[str]) -> str:
        # Separators are translated too (Chinese uses ；).
        return self.tr("; ", "separates the items of a list").join(items)

    def _bullet(self, title: str, items: list[str]) -> str:
        text = self.tr("{list}.").format(list=self._list(items))
        return f"<li><b>{title}</b> {text}</li>"

    def _entry(self, who: Who, name: str, text: str) -> str:
        return self.tr("{backend}: {what}").format(backend=who(name), what=text)

    # -- theory ---------------------------------------------------------------------------
    def theory(
        self, settings: list[Effective], facts: RunFacts, stats: SufficientStats, who: Who
    ) -> str:
        """The bowl's condition number, and per backend its prediction and how the run went."""
        bowl = theory.bowl(stats)
        lo, hi = (float(v) for v in bowl.eigenvalues)
        head = self.tr("What the theory predicts")
        bowl_text = self.tr(
            "The loss is a bowl with curvatures {lo} and {hi}: condition number κ = {kappa}. "
            "The larger κ, the more elongated the bowl and the slower plain descent along "
            "its shallow axis."
        ).format(lo=f"{lo:.4g}", hi=f"{hi:.4g}", kappa=f"{bowl.condition_number:.4g}")
        items = []
        for s in settings:
            prediction = facts.predictions.get(s.name)
            text = self._prediction(s, prediction)
            result = facts.outcomes.get(s.name)
            if result is not None:
                text += " " + self._outcome(result)
            items.append(f"<li>{self._entry(who, s.name, text)}</li>")
        link = self.tr(
            'The <a href="theory">Theory</a> tab has the full numbers and the stability map.'
        )
        return f"<h3>{head}</h3><p>{bowl_text}</p><ul>{''.join(items)}</ul><p>{link}</p>"

    def _prediction(self, s: Effective, prediction: Prediction | NoPrediction | None) -> str:
        if prediction is None:
            return self.tr("its learning rate is known once its framework has loaded.")
        if isinstance(prediction, NoPrediction):
            return self.tr("{reason}.").format(
                reason=prediction.translated(QCoreApplication.translate)
            )
        rate = prediction.rate
        if rate >= 1.0:
            return self.tr(
                "at lr {lr} one update stretches the distance to the optimum up to {rate}×: "
                "predicted to diverge (the critical learning rate is {critical})."
            ).format(
                lr=f"{prediction.lr:g}",
                rate=f"{rate:.4g}",
                critical=f"{prediction.critical_lr:.4g}",
            )
        return self.tr(
            "at lr {lr} each update shrinks the distance to the optimum to {rate} of itself: "
            "≈ {n} updates to shrink it 100×."
        ).format(lr=f"{prediction.lr:g}", rate=f"{rate:.4g}", n=f"{prediction.updates_to_100x:,}")

    def _outcome(self, result: Outcome) -> str:
        if result.diverged_at is not None:
            return self.tr("It diverged at update {n}.").format(n=f"{result.diverged_at:,}")
        if result.predicted is None:
            return self.tr("It had not diverged yet when it stopped after {n} updates.").format(
                n=f"{result.updates:,}"
            )
        return self.tr(
            "Predicted (w, b) after {n} updates: ({pw}, {pb}); it ended at ({w}, {b}), "
            "{apart} apart ({precision})."
        ).format(
            n=f"{result.updates:,}",
            pw=f"{result.predicted[0]:.4f}",
            pb=f"{result.predicted[1]:.4f}",
            w=f"{result.actual[0]:.4f}",
            b=f"{result.actual[1]:.4f}",
            apart=f"{result.apart:.1g}",
            precision=result.precision,
        )

    # -- optimizers and schedules ---------------------------------------------------------
    def optimizer_topics(
        self, settings: list[Effective], topics: list[str], facts: RunFacts, who: Who
    ) -> str:
        """Bullets for the "schedule", "optimizer", "hyper" and "formula" topics."""
        parts = []
        if "optimizer" in topics:
            items = [
                self._entry(who, s.name, self._optimizer_text(s, list(s.hyper))) for s in settings
            ]
            parts.append(self._bullet(self.tr("Different optimizers."), items))
        elif "hyper" in topics:
            keys = HYPER_PARAMETERS[settings[0].optimizer]
            differ = [k for k in keys if len({repr(s.hyper.get(k)) for s in settings}) > 1]
            items = []
            for s in settings:
                values = []
                for key in differ:
                    text = f"{key} {value_text(s.hyper.get(key, '?'))}"
                    if key in facts.defaults.get(s.name, frozenset()):
                        text = self.tr("{value} (its framework's default)").format(value=text)
                    values.append(text)
                items.append(self._entry(who, s.name, ", ".join(values)))
            title = self.tr("Different settings of {optimizer}.").format(
                optimizer=settings[0].optimizer
            )
            parts.append(self._bullet(title, items))
        if "schedule" in topics:
            items = [self._entry(who, s.name, self._schedule_text(s.schedule)) for s in settings]
            parts.append(self._bullet(self.tr("Different learning-rate schedules."), items))
        if "formula" in topics:
            title = self.tr("Defined differently in TensorFlow 1 and Keras.")
            for note in formula_notes(settings):
                parts.append(f"<li><b>{title}</b> {note_text(note)}</li>")
        return "".join(parts)

    def _optimizer_text(self, s: Effective, keys: list[str]) -> str:
        values = ", ".join(
            f"{k} {value_text(s.hyper[k])}" for k in keys if s.hyper.get(k) is not None
        )
        return f"{s.optimizer} ({values})" if values else s.optimizer

    def _schedule_text(self, schedule: tuple[Any, ...]) -> str:
        name, *values = schedule
        keys = SCHEDULE_KEYS.get(name, ())
        given = [
            f"{k} {value_text(v)}" for k, v in zip(keys, values, strict=False) if v is not None
        ]
        return f"{name} ({', '.join(given)})" if given else name

    # -- Align ----------------------------------------------------------------------------
    def _change_text(self, change: Change) -> str:
        names = {
            "start": self.tr("start (w, b)"),
            "lr": self.tr("learning rate"),
            "optimizer": self.tr("optimizer"),
            "schedule": self.tr("schedule"),
            "updates": self.tr("updates"),
            "batch_size": self.tr("batch size"),
            "shuffle": self.tr("shuffling"),
        }

        def show(value: Any) -> str:
            if value is None:
                return self.tr("its framework's default") if change.key not in names else "?"
            if change.key == "start":
                return f"({value[0]:.6g}, {value[1]:.6g})"
            if change.key == "schedule":
                return self._schedule_text(value)
            return value_text(value)

        text = f"{names.get(change.key, change.key)} {show(change.old)} → {show(change.new)}"
        if change.tf1_has_none:
            text += " " + self.tr("(TensorFlow 1's formula has no {key}: it uses {value})").format(
                key=change.key, value=value_text(change.new)
            )
        return text

    def _per_backend(self, report: AlignReport, who: Who) -> list[str]:
        names = list(dict.fromkeys(c.backend for c in report.changes))
        return [
            self._entry(
                who,
                name,
                ", ".join(self._change_text(c) for c in report.changes if c.backend == name),
            )
            for name in names
        ]

    def align(self, report: AlignReport, who: Who) -> str:
        """What Align settings set on each backend, and what it could not align."""
        head = self.tr("What Align settings set")
        items = [f"<li>{item}.</li>" for item in self._per_backend(report, who)]
        if not items:
            items.append("<li>" + self.tr("Nothing: the settings already agreed.") + "</li>")
        title = self.tr("Could not align.")
        items += [f"<li><b>{title}</b> {note_text(n)}</li>" for n in report.not_aligned]
        return f"<h3>{head}</h3><ul>{''.join(items)}</ul>"

    def align_message(self, report: AlignReport, titles: Mapping[str, str]) -> str:
        """The status bar's plain-text summary of :meth:`align`."""
        if not report.changes:
            text = self.tr("Align settings: nothing to change, the settings already agreed.")
        else:
            text = self.tr("Align settings set {changes}.").format(
                changes=self._list(self._per_backend(report, lambda name: titles[name]))
            )
        if report.not_aligned:
            text += " " + self.tr("Some differences cannot be aligned: see “Why they differ”.")
        return text

    # -- rounding -------------------------------------------------------------------------
    def rounding(self, settings: list[Effective], facts: RunFacts, who: Who) -> str:
        """Why runs of an optimizer that never settles part, and from which update."""
        optimizer = {s.name: s.optimizer for s in settings}
        parts = []
        title = self.tr("Rounding decides the path.")
        for first, second, step in facts.partings:
            name = optimizer[first]
            text = self.tr(
                "{optimizer} never settles: near the optimum its steps keep a size set by the "
                "learning rate, so the path circles the optimum, and the last bits of each "
                "number decide on which side a step lands. {a} ({pa}) and {b} ({pb}) part "
                "from update {step} on (by more than {tolerance} relative). This is a real "
                "property of the optimizer, not noise."
            ).format(
                optimizer=name,
                a=who(first),
                pa=precision(first),
                b=who(second),
                pb=precision(second),
                step=f"{step:,}",
                tolerance=f"{PARTING:g}",
            )
            parts.append(f"<li><b>{title}</b> {text}</li>")
        return "".join(parts)
