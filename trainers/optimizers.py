"""Optimizers as Keras names them, and how each backend expresses them (Qt- and framework-free
at import: the frameworks are imported only when a default is read or an optimizer built).

Defaults are never written here: a hyper-parameter left out (None) takes its framework's own
default, read from the framework's signature at run time (:func:`framework_defaults`).

- ``tf``, ``keras``, ``keras-fit``: Keras's optimizer classes.
- ``tf1``: ``tf.compat.v1.train`` optimizers, Keras's names mapped onto their arguments
  (:data:`TF1`); an optimizer or value TensorFlow 1 cannot express is refused.
- ``numpy``: float64 update rules written from Keras's definitions (:class:`NumpyOptimizer`),
  with Keras's defaults.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from trainers.messages import QT_TRANSLATE_NOOP, ConfigError

OPTIMIZERS: tuple[str, ...] = (
    "sgd",
    "rmsprop",
    "adagrad",
    "adam",
    "adamax",
    "nadam",
    "adamw",
    "adadelta",
    "ftrl",
    "lion",
)
"""Keras's names of the optimizers Descent Lab offers."""

KERAS_CLASSES = {
    "sgd": "SGD",
    "rmsprop": "RMSprop",
    "adagrad": "Adagrad",
    "adam": "Adam",
    "adamax": "Adamax",
    "nadam": "Nadam",
    "adamw": "AdamW",
    "adadelta": "Adadelta",
    "ftrl": "Ftrl",
    "lion": "Lion",
}

HYPER_PARAMETERS: dict[str, tuple[str, ...]] = {
    "sgd": ("momentum", "nesterov"),
    "rmsprop": ("rho", "momentum", "epsilon"),
    "adagrad": ("initial_accumulator_value", "epsilon"),
    "adam": ("beta_1", "beta_2", "epsilon"),
    "adamax": ("beta_1", "beta_2", "epsilon"),
    "nadam": ("beta_1", "beta_2", "epsilon"),
    "adamw": ("weight_decay", "beta_1", "beta_2", "epsilon"),
    "adadelta": ("rho", "epsilon"),
    "ftrl": (
        "learning_rate_power",
        "initial_accumulator_value",
        "l1_regularization_strength",
        "l2_regularization_strength",
        "l2_shrinkage_regularization_strength",
        "beta",
    ),
    "lion": ("beta_1", "beta_2"),
}
"""Each optimizer's hyper-parameters, by Keras's names (the learning rate is a setting of its
own)."""

ALL_KEYS: tuple[str, ...] = tuple(
    dict.fromkeys(k for keys in HYPER_PARAMETERS.values() for k in keys)
)

TF1: dict[str, tuple[str, dict[str, str]]] = {
    "sgd": ("MomentumOptimizer", {"momentum": "momentum", "nesterov": "use_nesterov"}),
    "rmsprop": ("RMSPropOptimizer", {"rho": "decay", "momentum": "momentum", "epsilon": "epsilon"}),
    "adagrad": ("AdagradOptimizer", {"initial_accumulator_value": "initial_accumulator_value"}),
    "adam": ("AdamOptimizer", {"beta_1": "beta1", "beta_2": "beta2", "epsilon": "epsilon"}),
    "adadelta": ("AdadeltaOptimizer", {"rho": "rho", "epsilon": "epsilon"}),
    "ftrl": ("FtrlOptimizer", {key: key for key in HYPER_PARAMETERS["ftrl"]}),
}
"""The ``tf.compat.v1.train`` class of each optimizer TensorFlow 1 has, and Keras's names of
its arguments. Plain ``sgd`` (no momentum, no Nesterov) is ``GradientDescentOptimizer``."""

TF1_WITHOUT = {("adagrad", "epsilon"): 0.0}
"""Hyper-parameters a TensorFlow 1 optimizer does not have, and the value its formula uses:
``AdagradOptimizer`` (``ApplyAdagrad``) divides by sqrt(accumulator) with no epsilon."""

TF1_NONE_MEANS = {("ftrl", "beta"): 0.0}
"""Defaults TensorFlow 1 writes as None, and the value its formula then uses:
``FtrlOptimizer(beta=None)`` keeps ``0.0 if beta is None else beta``."""

KERAS_FAMILY = frozenset({"tf", "keras", "keras-fit", "numpy"})
"""Backends whose optimizers are Keras's (numpy: written from Keras's definitions)."""


def is_plain(optimizer: str, values: Mapping[str, Any]) -> bool:
    """Plain gradient descent: ``sgd`` without momentum or Nesterov (the post's optimizer)."""
    return optimizer == "sgd" and not values.get("momentum") and not values.get("nesterov")


def given(config: Any) -> dict[str, Any]:
    """The hyper-parameters a run sets for its optimizer (None, and ``nesterov`` false: the
    framework's own)."""
    return {
        key: getattr(config, key)
        for key in HYPER_PARAMETERS[config.optimizer]
        if getattr(config, key) is not None and getattr(config, key) is not False
    }


def tf1_arguments(config: Any) -> dict[str, Any]:
    """The given hyper-parameters as ``tf.compat.v1.train`` arguments (``rho`` → ``decay``,
    ``beta_1`` → ``beta1``, ...); ``MomentumOptimizer``'s required momentum is 0 if not given."""
    values = given(config)
    if config.optimizer == "sgd" and not is_plain("sgd", values):
        values.setdefault("momentum", 0.0)
    names = TF1[config.optimizer][1]
    return {names[k]: v for k, v in values.items() if k in names}


def _signature_defaults(cls: Any) -> dict[str, Any]:
    return {
        name: p.default
        for name, p in inspect.signature(cls).parameters.items()
        if p.default is not inspect.Parameter.empty
    }


def keras_class(name: str) -> Any:
    from trainers.tensorflow_import import import_keras

    return getattr(import_keras().optimizers, KERAS_CLASSES[name])


def tf1_class(name: str, values: Mapping[str, Any]) -> Any:
    from trainers.tensorflow_import import import_tensorflow

    train = import_tensorflow().compat.v1.train
    if is_plain(name, values):
        return train.GradientDescentOptimizer
    return getattr(train, TF1[name][0])


def framework_defaults(backend: str, name: str) -> dict[str, Any]:
    """The framework's own defaults of ``name``'s hyper-parameters (and ``learning_rate`` if
    the framework has one), by Keras's names, read from the framework's signature."""
    if backend == "tf1":
        cls = tf1_class(name, {})
        own = _signature_defaults(cls.__init__)
        renamed = {keras: own[tf1] for keras, tf1 in TF1[name][1].items() if tf1 in own}
        if name == "sgd":  # GradientDescentOptimizer: no momentum, no Nesterov
            momentum = tf1_class(name, {"momentum": 1})
            renamed["nesterov"] = _signature_defaults(momentum.__init__)["use_nesterov"]
        for (opt, key), value in TF1_WITHOUT.items():
            if opt == name:
                renamed[key] = value
        for (opt, key), value in TF1_NONE_MEANS.items():
            if opt == name and renamed.get(key) is None:
                renamed[key] = value
        if "learning_rate" in own:
            renamed["learning_rate"] = own["learning_rate"]
        return renamed
    own = _signature_defaults(keras_class(name))
    return {k: own[k] for k in ("learning_rate", *HYPER_PARAMETERS[name]) if k in own}


def resolved(backend: str, config: Any) -> dict[str, Any]:
    """Every hyper-parameter the run's optimizer uses: the given ones, the framework's own
    defaults for the rest (``momentum`` 0 for TensorFlow 1's plain gradient descent)."""
    name = config.optimizer
    defaults = framework_defaults(backend, name)
    values = {k: defaults.get(k) for k in HYPER_PARAMETERS[name]}
    if backend == "tf1" and name == "sgd" and values["momentum"] is None:
        values["momentum"] = 0.0  # GradientDescentOptimizer
    values.update(given(config))
    return values


_NOT_IN_TF1 = QT_TRANSLATE_NOOP(
    "trainers",
    "backend {backend} cannot run optimizer '{optimizer}': tf.compat.v1.train has no such "
    "optimizer",
)
_NO_SUCH_VALUE = QT_TRANSLATE_NOOP(
    "trainers",
    "backend {backend} cannot run optimizer '{optimizer}': {tf1_class} has no {key} (its "
    "formula uses {value}); leave {key} out or set it to {value}",
)
_POSITIVE_ACCUMULATOR = QT_TRANSLATE_NOOP(
    "trainers",
    "backend {backend} cannot run optimizer '{optimizer}': AdagradOptimizer needs an "
    "initial_accumulator_value above 0",
)


_LION_BETA_1 = QT_TRANSLATE_NOOP(
    "trainers",
    "optimizer 'lion' needs a beta_1 above 0 (Keras refuses 0: Lion would become sign descent)",
)


def refusal(backend: str, name: str) -> ConfigError | None:
    """Why ``backend``'s framework cannot express optimizer ``name`` at all (None: it can)."""
    if backend == "tf1" and name not in TF1:
        return ConfigError(_NOT_IN_TF1, backend=backend, optimizer=name)
    return None


def lacking(key: str, backend: str, optimizer: str) -> ConfigError | None:
    """Why ``backend``'s ``optimizer`` has no hyper-parameter ``key`` that Keras's has (None:
    it has it, or does not use it): TensorFlow 1's classes lack some (:data:`TF1_WITHOUT`)."""
    if backend != "tf1" or optimizer not in TF1 or key not in HYPER_PARAMETERS[optimizer]:
        return None
    if key in TF1[optimizer][1]:
        return None
    return ConfigError(
        _NO_SUCH_VALUE,
        backend=backend,
        optimizer=optimizer,
        tf1_class=TF1[optimizer][0],
        key=key,
        value=f"{TF1_WITHOUT[(optimizer, key)]:g}",
    )


def check_expressible(backend: str, config: Any) -> None:
    """Refuse (ConfigError) an optimizer or value the backend's framework cannot express."""
    name = config.optimizer
    values = given(config)
    refused = refusal(backend, name)
    if refused is not None:
        raise refused
    if name == "lion" and values.get("beta_1", 1.0) <= 0:
        raise ConfigError(_LION_BETA_1)
    for key, value in values.items():
        lacks = lacking(key, backend, name)
        if lacks is not None and value != TF1_WITHOUT[(name, key)]:
            raise lacks
    if backend == "tf1" and name == "adagrad" and values.get("initial_accumulator_value", 1) <= 0:
        raise ConfigError(_POSITIVE_ACCUMULATOR, backend=backend, optimizer=name)


def check_name(name: Any) -> str:
    """The optimizer's name, or ConfigError if Descent Lab does not offer it."""
    if name not in OPTIMIZERS:
        raise ConfigError(
            QT_TRANSLATE_NOOP("trainers", "unknown optimizer '{name}' (choose from: {choices})"),
            name=name,
            choices=", ".join(OPTIMIZERS),
        )
    return name


def parse_assignments(texts: list[str], optimizer: str) -> dict[str, str]:
    """``KEY=VALUE`` texts of ``--opt``, checked against ``optimizer``'s keys; values as text."""
    keys = HYPER_PARAMETERS[check_name(optimizer)]
    out: dict[str, str] = {}
    for text in texts:
        key, sep, value = text.partition("=")
        key = key.strip()
        if not sep or not key:
            raise ConfigError(
                QT_TRANSLATE_NOOP(
                    "trainers", "optimizer option '{text}' should be KEY=VALUE, e.g. momentum=0.9"
                ),
                text=text,
            )
        if key not in keys:
            raise ConfigError(
                QT_TRANSLATE_NOOP(
                    "trainers", "optimizer {optimizer} has no option '{key}' (its options: {keys})"
                ),
                optimizer=optimizer,
                key=key,
                keys=", ".join(keys),
            )
        out[key] = value.strip()
    return out


def pool_key(name: str, config: Any, *more: Any) -> tuple[Any, ...]:
    """A pooled model's key: the backend, the data, the optimizer and its given values (and
    the learning-rate schedule and its values, if any)."""
    values = tuple(sorted(given(config).items()))
    schedule = getattr(config, "schedule", "constant")
    if schedule != "constant":
        from trainers.lr_schedules import given as schedule_given

        more = (*more, schedule, tuple(sorted(schedule_given(config).items())))
    if config.optimizer == "sgd" and not values and not more:
        return (name, config.data)  # the key plain runs have always had
    if config.optimizer == "sgd" and not values and schedule == "constant":
        return (name, config.data, *more)
    return (name, config.data, *more, config.optimizer, values)


# -- NumPy: Keras's update rules in float64 --------------------------------------------------


class NumpyOptimizer:
    """One Keras optimizer's ``update_step`` for the variables (w, b), written in float64."""

    def __init__(self, name: str, values: Mapping[str, Any]) -> None:
        self.name = name
        self.values = dict(values)
        self.iterations = 0
        zeros = np.zeros(2)
        # momentums (sgd, rmsprop, adam, adamax, nadam, adamw, lion), adadelta's accumulated
        # deltas, ftrl's linears
        self.m = zeros.copy()
        # velocities (rmsprop, adam, nadam, adamw), adamax's u, adadelta's accumulated
        # gradients, adagrad's and ftrl's accumulators
        self.v = zeros.copy()
        if name in ("adagrad", "ftrl"):
            self.v = np.full(2, float(values["initial_accumulator_value"]))
        self.u_product = 1.0  # Nadam's product of momentum caches

    def step(self, theta: np.ndarray, grad: np.ndarray, lr: float) -> np.ndarray:
        """The variables after one update with gradient ``grad`` at learning rate ``lr``."""
        if self.name == "adamw":  # Keras's decoupled weight decay, w and b alike, first
            theta = theta - theta * float(self.values["weight_decay"]) * lr
        theta = getattr(self, "_" + _RULES.get(self.name, self.name))(theta, grad, lr)
        self.iterations += 1
        return theta

    def _sgd(self, theta: np.ndarray, grad: np.ndarray, lr: float) -> np.ndarray:
        p = self.values
        momentum = float(p["momentum"])
        if momentum == 0:
            return theta - grad * lr
        self.m = self.m * momentum - grad * lr
        step = self.m * momentum - grad * lr if p["nesterov"] else self.m
        return theta + step

    def _rmsprop(self, theta: np.ndarray, grad: np.ndarray, lr: float) -> np.ndarray:
        p = self.values
        rho, momentum = float(p["rho"]), float(p["momentum"])
        self.v = rho * self.v + (1 - rho) * np.square(grad)
        increment = lr * grad / np.sqrt(self.v + float(p["epsilon"]))
        if momentum > 0:
            self.m = momentum * self.m + increment
            return theta - self.m
        return theta - increment

    def _adagrad(self, theta: np.ndarray, grad: np.ndarray, lr: float) -> np.ndarray:
        self.v = self.v + np.square(grad)
        return theta - lr * grad / np.sqrt(self.v + float(self.values["epsilon"]))

    def _adam(self, theta: np.ndarray, grad: np.ndarray, lr: float) -> np.ndarray:
        p = self.values
        beta_1, beta_2 = float(p["beta_1"]), float(p["beta_2"])
        t = self.iterations + 1
        alpha = lr * math.sqrt(1 - beta_2**t) / (1 - beta_1**t)
        self.m = self.m + (grad - self.m) * (1 - beta_1)
        self.v = self.v + (np.square(grad) - self.v) * (1 - beta_2)
        return theta - self.m * alpha / (np.sqrt(self.v) + float(p["epsilon"]))

    def _adamax(self, theta: np.ndarray, grad: np.ndarray, lr: float) -> np.ndarray:
        p = self.values
        beta_1, beta_2 = float(p["beta_1"]), float(p["beta_2"])
        t = self.iterations + 1
        self.m = self.m + (grad - self.m) * (1 - beta_1)
        self.v = np.maximum(beta_2 * self.v, np.abs(grad))
        denominator = (1 - beta_1**t) * (self.v + float(p["epsilon"]))
        return theta - lr * self.m / denominator

    def _nadam(self, theta: np.ndarray, grad: np.ndarray, lr: float) -> np.ndarray:
        p = self.values
        beta_1, beta_2 = float(p["beta_1"]), float(p["beta_2"])
        t = self.iterations + 1
        # the momentum cache of this update and of the next, and their running product
        u_t = beta_1 * (1.0 - 0.5 * 0.96**t)
        u_t_1 = beta_1 * (1.0 - 0.5 * 0.96 ** (t + 1))
        self.u_product = self.u_product * u_t
        u_product_t_1 = self.u_product * u_t_1
        self.m = self.m + (grad - self.m) * (1 - beta_1)
        self.v = self.v + (np.square(grad) - self.v) * (1 - beta_2)
        m_hat = u_t_1 * self.m / (1 - u_product_t_1) + (1 - u_t) * grad / (1 - self.u_product)
        v_hat = self.v / (1 - beta_2**t)
        return theta - m_hat * lr / (np.sqrt(v_hat) + float(p["epsilon"]))

    def _adadelta(self, theta: np.ndarray, grad: np.ndarray, lr: float) -> np.ndarray:
        p = self.values
        rho, epsilon = float(p["rho"]), float(p["epsilon"])
        self.v = rho * self.v + (1 - rho) * np.square(grad)
        delta = -np.sqrt(self.m + epsilon) * grad / np.sqrt(self.v + epsilon)
        self.m = rho * self.m + (1 - rho) * np.square(delta)
        return theta + lr * delta

    def _ftrl(self, theta: np.ndarray, grad: np.ndarray, lr: float) -> np.ndarray:
        p = self.values
        power = -float(p["learning_rate_power"])
        l1 = float(p["l1_regularization_strength"])
        l2 = float(p["l2_regularization_strength"]) + float(p["beta"]) / (2.0 * lr)
        shrunk = grad + 2 * float(p["l2_shrinkage_regularization_strength"]) * theta
        accumulator = self.v + np.square(grad)
        self.m = self.m + shrunk - (accumulator**power - self.v**power) / lr * theta
        quadratic = accumulator**power / lr + 2 * l2
        self.v = accumulator
        return (np.clip(self.m, -l1, l1) - self.m) / quadratic

    def _lion(self, theta: np.ndarray, grad: np.ndarray, lr: float) -> np.ndarray:
        p = self.values
        beta_1, beta_2 = float(p["beta_1"]), float(p["beta_2"])
        theta = theta - lr * np.sign(self.m * beta_1 + grad * (1.0 - beta_1))
        self.m = self.m * beta_2 + grad * (1.0 - beta_2)
        return theta


_RULES = {"adamw": "adam"}
"""AdamW is Adam's rule after the decoupled weight decay (Keras's AdamW subclasses Adam)."""
