"""The cards whose exported scripts tests/test_script_export.py runs against the trainers."""

from __future__ import annotations

from trainers import Init
from trainers.experiment import BackendSpec

# Non-trivial cards: explicit starts or Keras's default kernel with a nonzero seed, custom
# learning rates, 150-300 updates and one learning-rate change mid-run (mid-epoch for fit).
CASES: dict[str, tuple[BackendSpec, list[tuple[int, float]]]] = {
    "numpy": (BackendSpec("numpy", init=Init.values(-0.7, 0.3), lr=0.2, steps=240), [(120, 0.05)]),
    "tf": (BackendSpec("tf", init=Init.values(1.5, -0.4), lr=0.15, steps=200), [(101, 0.3)]),
    "tf1": (BackendSpec("tf1", init=Init.values(-0.7, 0.3), lr=0.25, steps=220), [(110, 0.05)]),
    "keras": (BackendSpec("keras", init_seed=7, lr=0.3, steps=180), [(90, 0.05)]),
    "keras-fit": (
        BackendSpec(
            "keras-fit",
            init=Init.values(0.5, -1.0),
            lr=0.05,
            epochs=3,
            batch_size=7,
            shuffle=True,
            init_seed=11,
        ),
        [(87, 0.02)],
    ),
    "keras-fit-in-order": (
        BackendSpec("keras-fit", init_seed=5, epochs=3, batch_size=7, shuffle=False),
        [(60, 0.2)],
    ),
    # Optimizers: the framework's own call with the card's values (the rest its defaults).
    "numpy-adam": (
        BackendSpec(
            "numpy", init=Init.values(-0.7, 0.3), lr=0.05, steps=200, optimizer="adam", beta_1=0.8
        ),
        [(100, 0.01)],
    ),
    "numpy-nesterov": (
        BackendSpec("numpy", steps=150, optimizer="sgd", momentum=0.9, nesterov=True),
        [(70, 0.05)],
    ),
    "tf-rmsprop": (
        BackendSpec(
            "tf", init=Init.values(1.5, -0.4), steps=150, optimizer="rmsprop", momentum=0.5
        ),
        [(75, 0.002)],
    ),
    "tf1-adagrad": (
        BackendSpec("tf1", lr=0.3, steps=150, optimizer="adagrad", initial_accumulator_value=0.2),
        [(80, 0.1)],
    ),
    "tf1-momentum": (
        BackendSpec("tf1", lr=0.05, steps=150, optimizer="sgd", momentum=0.9),
        [(80, 0.01)],
    ),
    "keras-adam": (BackendSpec("keras", init_seed=7, steps=150, optimizer="adam"), [(90, 0.01)]),
    "numpy-nadam": (BackendSpec("numpy", lr=0.05, steps=150, optimizer="nadam"), [(70, 0.01)]),
    "numpy-adamw": (
        BackendSpec("numpy", lr=0.05, steps=150, optimizer="adamw", weight_decay=0.2),
        [(70, 0.01)],
    ),
    "numpy-adadelta": (BackendSpec("numpy", lr=1.0, steps=150, optimizer="adadelta"), []),
    "numpy-ftrl": (
        BackendSpec(
            "numpy",
            lr=0.3,
            steps=150,
            optimizer="ftrl",
            learning_rate_power=-0.3,
            l1_regularization_strength=0.01,
            l2_shrinkage_regularization_strength=0.05,
            beta=0.5,
        ),
        [(70, 0.1)],
    ),
    "numpy-lion": (BackendSpec("numpy", lr=0.02, steps=150, optimizer="lion"), [(70, 0.005)]),
    "tf-lion": (
        BackendSpec("tf", init=Init.values(1.5, -0.4), lr=0.02, steps=150, optimizer="lion"),
        [(70, 0.005)],
    ),
    "tf1-adadelta": (
        BackendSpec("tf1", lr=1.0, steps=150, optimizer="adadelta", rho=0.9),
        [(80, 0.5)],
    ),
    "tf1-ftrl": (
        BackendSpec("tf1", lr=0.3, steps=150, optimizer="ftrl", l2_regularization_strength=0.1),
        [(80, 0.1)],
    ),
    # Learning-rate schedules: the framework's own schedule; a change sets its initial rate.
    "numpy-exponential": (
        BackendSpec(
            "numpy",
            lr=0.3,
            steps=150,
            schedule="exponential",
            decay_steps=40.0,
            decay_rate=0.5,
            staircase=True,
        ),
        [(80, 0.2)],
    ),
    "numpy-cosine-adam": (
        BackendSpec(
            "numpy", lr=0.05, steps=150, schedule="cosine", decay_steps=100.0, optimizer="adam"
        ),
        [],
    ),
    "tf-cosine-adam": (
        BackendSpec(
            "tf",
            lr=0.05,
            steps=150,
            schedule="cosine",
            decay_steps=100.0,
            alpha=0.1,
            optimizer="adam",
        ),
        [(60, 0.02)],
    ),
    "tf-exponential": (
        BackendSpec("tf", steps=150, schedule="exponential", decay_steps=50.0, decay_rate=0.5),
        [(60, 0.2)],
    ),
    "tf1-inverse-time": (
        BackendSpec(
            "tf1",
            lr=0.3,
            steps=150,
            schedule="inverse_time",
            decay_steps=20.0,
            decay_rate=0.5,
            optimizer="sgd",
            momentum=0.5,
        ),
        [(70, 0.1)],
    ),
    "tf1-exponential": (
        BackendSpec("tf1", steps=120, schedule="exponential", decay_steps=30.0, decay_rate=0.5),
        [(50, 0.3)],
    ),
    "keras-exponential": (
        BackendSpec(
            "keras",
            init_seed=3,
            lr=0.3,
            steps=150,
            schedule="exponential",
            decay_steps=30.0,
            decay_rate=0.6,
        ),
        [(90, 0.1)],
    ),
    "keras-fit-cosine": (
        BackendSpec(
            "keras-fit",
            init=Init.values(0.5, -1.0),
            lr=0.1,
            epochs=3,
            batch_size=7,
            schedule="cosine",
            decay_steps=15.0,
        ),
        [(12, 0.05)],
    ),
    "keras-fit-plateau": (
        BackendSpec(
            "keras-fit",
            init=Init.values(0.5, -1.0),
            lr=0.1,
            epochs=12,
            batch_size=10,
            schedule="plateau",
            factor=0.5,
            patience=1.0,
            min_delta=0.001,
        ),
        [(30, 0.2)],
    ),
    "keras-fit-adamax": (
        BackendSpec(
            "keras-fit",
            init=Init.values(0.5, -1.0),
            lr=0.01,
            epochs=2,
            batch_size=7,
            optimizer="adamax",
        ),
        [(20, 0.02)],
    ),
    # piecewise_constant: the values are the rates; a change scales every value by new/old.
    **{
        f"{name}-piecewise": (
            BackendSpec(
                name,
                init=Init.values(-0.7, 0.3),
                steps=120,
                epochs=2,
                batch_size=7,
                schedule="piecewise_constant",
                boundaries=(30, 60),
                values=(0.2, 0.1, 0.02),
                **({"optimizer": "sgd", "momentum": 0.5} if name == "tf" else {}),
            ),
            [(40, 0.3)],
        )
        for name in ("numpy", "tf", "tf1", "keras", "keras-fit")
    },
    # plateau in the full-batch backends: ReduceLROnPlateau after every update, on the loss
    # the update started from (Keras's callback by hand in keras, its rule written out else).
    **{
        f"{name}-plateau{'-' + optimizer if optimizer else ''}": (
            BackendSpec(
                name,
                init=Init.values(-0.7, 0.3),
                steps=120,
                schedule="plateau",
                factor=0.5,
                patience=1.0,
                min_delta=0.001,
                cooldown=2.0,
                **({"optimizer": optimizer, "lr": 0.05} if optimizer else {"lr": 0.1}),
            ),
            [(40, 0.3)],
        )
        for name, optimizer in (
            ("numpy", ""),
            ("tf", ""),
            ("tf1", ""),
            ("keras", ""),
            ("numpy", "adam"),
            ("tf", "rmsprop"),
            ("tf1", "adam"),
        )
    },
}
