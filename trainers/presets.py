"""The original post's runs, ready to replay (Qt-free; titles are translated by the window)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from trainers import Init
from trainers.experiment import BackendSpec, Experiment

OPENING = "contradiction"
OPENING_SPEED = 160.0
"""Updates per second of a first launch (a notch of the speed slider): the post's 1,001
updates take a watchable 6 s."""


def _only(experiment: Experiment, *specs: BackendSpec) -> Experiment:
    """Enable exactly ``specs`` (keeping every card's colour), disable the rest."""
    chosen = {spec.name: spec for spec in specs}
    backends = {
        name: replace(chosen.get(name, BackendSpec(name)), color=old.color, enabled=name in chosen)
        for name, old in experiment.backends.items()
    }
    return replace(experiment, backends=backends)


def contradiction(e: Experiment, n_points: int) -> Experiment:
    """The post's puzzle: TensorFlow (w = b = 0, lr 0.1) next to Keras with its own defaults."""
    return _only(e, BackendSpec("tf"), BackendSpec("keras"))


Preset = Callable[[Experiment, int], Experiment]


def tf_lr(lr: float) -> Preset:
    """The post's TensorFlow 1 program (w = b = 0) with GradientDescentOptimizer(lr)."""

    def preset(e: Experiment, n_points: int) -> Experiment:
        return _only(e, BackendSpec("tf1", lr=lr))

    return preset


def keras_lr(lr: float | None) -> Preset:
    """The post's Keras train_on_batch loop, with ``SGD(lr)`` or the plain ``'sgd'`` default."""

    def preset(e: Experiment, n_points: int) -> Experiment:
        return _only(e, BackendSpec("keras", lr=lr))

    return preset


def keras_fit(e: Experiment, n_points: int) -> Experiment:
    """``model.fit(x, y, epochs=20, batch_size=1)`` with Keras's defaults."""
    return _only(e, BackendSpec("keras-fit", epochs=20, batch_size=1, shuffle=True))


def aligned(e: Experiment, n_points: int) -> Experiment:
    """All five from w = b = 0 at lr 0.1 with 1001 full-batch updates: the same numbers."""
    specs = [BackendSpec(n, init=Init("zeros"), lr=0.1) for n in ("numpy", "tf", "tf1", "keras")]
    fit = BackendSpec(
        "keras-fit", init=Init("zeros"), lr=0.1, epochs=1001, batch_size=n_points, shuffle=False
    )
    return _only(e, *specs, fit)


def momentum(e: Experiment, n_points: int) -> Experiment:
    """Keras's SGD from w = b = 0 at lr 0.01: plain (tf) next to momentum 0.9 (keras)."""
    start = {"init": Init("zeros"), "lr": 0.01, "optimizer": "sgd"}
    return _only(e, BackendSpec("tf", **start), BackendSpec("keras", momentum=0.9, **start))


def tf1_vs_keras(optimizer: str) -> Preset:
    """One optimizer with each framework's own defaults: TensorFlow 1's ``tf.compat.v1.train``
    class next to Keras's, from w = b = 0 at lr 0.001 ("Why they differ" names the differences,
    Align settings makes them agree where the frameworks allow it)."""

    def preset(e: Experiment, n_points: int) -> Experiment:
        start = {"init": Init("zeros"), "lr": 0.001, "optimizer": optimizer}
        return _only(e, BackendSpec("tf1", **start), BackendSpec("keras", **start))

    return preset


def keras_fit_plateau(e: Experiment, n_points: int) -> Experiment:
    """The post's ``fit(epochs=20, batch_size=1)``, using the ReduceLROnPlateau it imports:
    the loss each epoch decides, halving the rate after an epoch without improvement."""
    plateau = {"schedule": "plateau", "factor": 0.5, "patience": 1.0, "min_delta": 0.001}
    fit = BackendSpec("keras-fit", epochs=20, batch_size=1, shuffle=True, **plateau)
    return _only(e, fit)


def rmsprop_precision(e: Experiment, n_points: int) -> Experiment:
    """RMSprop with Keras's defaults from w = b = 0 at lr 0.01, in float64 (numpy) and float32
    (keras): it never settles, circles the optimum, and rounding decides where the two part."""
    start = {"init": Init("zeros"), "lr": 0.01, "optimizer": "rmsprop", "steps": 400}
    return _only(e, BackendSpec("numpy", **start), BackendSpec("keras", **start))


PRESETS: dict[str, Preset] = {
    OPENING: contradiction,
    "tf-lr-0.1": tf_lr(0.1),
    "tf-lr-0.01": tf_lr(0.01),
    "keras-defaults": keras_lr(None),
    "keras-lr-0.1": keras_lr(0.1),
    "keras-lr-0.01": keras_lr(0.01),
    "keras-fit": keras_fit,
    "aligned": aligned,
    "momentum": momentum,
    "adam-tf1-keras": tf1_vs_keras("adam"),
    "rmsprop-tf1-keras": tf1_vs_keras("rmsprop"),
    "keras-fit-plateau": keras_fit_plateau,
    "rmsprop-float32-float64": rmsprop_precision,
}


def apply_preset(name: str, experiment: Experiment, n_points: int) -> Experiment:
    """The experiment with its backend cards set as preset ``name`` says; data unchanged."""
    return PRESETS[name](experiment, n_points)
