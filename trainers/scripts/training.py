"""Each backend's training code in an exported script, in the style of the original post."""

from __future__ import annotations

from trainers.config import POST_SCRIPT_LR, RunConfig
from trainers.experiment import BackendSpec
from trainers.optimizers import is_plain
from trainers.scripts import piecewise_code, plateau_code
from trainers.scripts.optimizer_code import (
    default_lr,
    keras_call,
    numpy_rate_lines,
    numpy_state,
    numpy_update,
    plain,
    schedule_lines,
    scheduled,
    scheduled_lr,
    tf1_call,
    tf1_schedule_call,
)
from trainers.scripts.piecewise_code import piecewise


def start_lr(spec: BackendSpec, config: RunConfig) -> float | None:
    """The learning rate the script sets before the first update (None: Keras's own)."""
    if config.lr is not None:
        return config.lr
    if piecewise(config):  # its values are the rates: the first is the learning rate
        return config.values[0]
    if scheduled(config):  # the schedule's initial rate is a number in the script
        return scheduled_lr(spec.name, config)
    if plain(config):
        return None if spec.name.startswith("keras") else POST_SCRIPT_LR
    return default_lr(spec.name, config)[0]


def start_values(spec: BackendSpec, config: RunConfig) -> tuple[float, float] | None:
    """(w0, b0) the script sets; None for Keras's seeded default kernel and zero bias."""
    init = config.init
    if init.kind == "values":
        return init.w, init.b
    if init.kind == "zeros" or not spec.name.startswith("keras"):
        return 0.0, 0.0
    return None


_PRINT_COMMENT = (
    "    # As in the post: a row after the first update, every EVERY updates and after the last."
)
_FLOAT32_PRINT_NOTE = (
    "        # str() spells a float32 in the fewest digits that identify it, as in the post."
)


def _numpy_training(spec: BackendSpec, config: RunConfig, changes: dict[int, float]) -> list[str]:
    if not plain(config):
        return _numpy_optimizer_training(config, changes)
    lines = [
        "# Full-batch gradient descent on the mean squared error. With err = w*x + b - y, the",
        "# loss mean(err**2) has the gradient (2*mean(err*x), 2*mean(err)): every point counts",
        "# in every update.",
        "w, b = W0, B0",
        "lr = LEARNING_RATE",
        "for step in range(STEPS):",
    ]
    if changes:
        lines += ["    if step in LR_CHANGES:", "        lr = LR_CHANGES[step]"]
    before, after = plateau_code.around("numpy", config, "    ")
    lines += [
        *before,
        "    err = w * x_data + b - y_data",
        "    # Both gradients use the old w and b: they are computed before either changes.",
        "    w, b = w - lr * 2.0 * np.mean(err * x_data), b - lr * 2.0 * np.mean(err)",
        *after,
        _PRINT_COMMENT,
        "    if step % EVERY == 0 or step == STEPS - 1:",
        "        # repr() writes every digit a float64 has, so nothing is rounded away.",
        '        print(f"{step} [{float(w)!r}, {float(b)!r}]")',
    ]
    return ["\n".join(lines)]


def _numpy_optimizer_training(config: RunConfig, changes: dict[int, float]) -> list[str]:
    lines = [
        "# Full-batch descent on the mean squared error. With err = w*x + b - y, the loss",
        "# mean(err**2) has the gradient (2*mean(err*x), 2*mean(err)); the optimizer turns it",
        "# into a step as Keras's update_step does, here in float64 for theta = [w, b].",
        "theta = np.array([W0, B0])",
        *numpy_state(config),
    ]
    if scheduled(config):
        lines += [
            "base = LEARNING_RATE  # the schedule's initial rate",
            "for step in range(STEPS):",
        ]
        if changes:
            lines += ["    if step in LR_CHANGES:", "        base = LR_CHANGES[step]"]
        lines.append("    lr = rate(step, base)")
    else:
        lines += ["lr = LEARNING_RATE", "for step in range(STEPS):"]
        if changes:
            lines += ["    if step in LR_CHANGES:", "        lr = LR_CHANGES[step]"]
    before, after = plateau_code.around("numpy", config, "    ")
    lines += [
        *before,
        "    err = theta[0] * x_data + theta[1] - y_data",
        "    grad = np.array([2.0 * np.mean(err * x_data), 2.0 * np.mean(err)])",
        *(f"    {line}" for line in numpy_update(config)),
        *after,
        _PRINT_COMMENT,
        "    if step % EVERY == 0 or step == STEPS - 1:",
        "        # repr() writes every digit a float64 has, so nothing is rounded away.",
        '        print(f"{step} [{float(theta[0])!r}, {float(theta[1])!r}]")',
    ]
    if scheduled(config):
        return ["\n".join(numpy_rate_lines(config)), "\n".join(lines)]
    return ["\n".join(lines)]


def _tf2_training(spec: BackendSpec, config: RunConfig, changes: dict[int, float]) -> list[str]:
    setup = [
        "# The whole model is two numbers, trainable TensorFlow variables.",
        "w = tf.Variable(W0, dtype=tf.float32)",
        "b = tf.Variable(B0, dtype=tf.float32)",
    ]
    if plain(config):
        setup += [
            "# A variable, not a Python number, so that changing it never retraces train_step.",
            "lr = tf.Variable(LEARNING_RATE, dtype=tf.float32, trainable=False)",
        ]
        update = [
            "    grad_w, grad_b = tape.gradient(loss, [w, b])",
            "    w.assign_sub(lr * grad_w)",
            "    b.assign_sub(lr * grad_b)",
        ]
        set_lr = "lr.assign(LR_CHANGES[step])"
    else:
        lr = "LEARNING_RATE" if start_lr(spec, config) is not None else None
        set_lr = "optimizer.learning_rate.assign(LR_CHANGES[step])"
        if scheduled(config):
            setup += [
                *_base_variable(config, "tf.Variable({}, dtype=tf.float32, trainable=False)"),
                *schedule_lines(config, "base_rate"),
            ]
            lr, set_lr = "schedule", _set_base(config, "LR_CHANGES[step]")
        setup += [
            "# Keras's optimizer class updates them (values not given: Keras's defaults).",
            f"optimizer = {keras_call(config, lr)}",
        ]
        update = ["    optimizer.apply(tape.gradient(loss, [w, b]), [w, b])"]
    step = [
        "# tf.function turns the update into a graph: one fast call per update, as in the app.",
        "@tf.function",
        "def train_step():",
        "    # The tape records the forward computation so TensorFlow can differentiate it.",
        "    with tf.GradientTape() as tape:",
        "        loss = tf.reduce_mean(tf.square(y_data - (w * x_data + b)))",
        *update,
    ]
    has_lr = start_lr(spec, config) is not None
    loop = [*plateau_code.rate_start("tf", config, has_lr), "for step in range(STEPS):"]
    if changes:
        loop += ["    if step in LR_CHANGES:", f"        {set_lr}"]
        loop += plateau_code.rate_change("tf", config, "        ")
    before, after = plateau_code.around("tf", config, "    ")
    loop += [
        *before,
        "    train_step()",
        *after,
        _PRINT_COMMENT,
        "    if step % EVERY == 0 or step == STEPS - 1:",
        _FLOAT32_PRINT_NOTE,
        '        print(f"{step} [{w.numpy()!s}, {b.numpy()!s}]")',
    ]
    return ["\n".join(setup), "\n".join(step), "\n".join(loop)]


def _tf1_training(spec: BackendSpec, config: RunConfig, changes: dict[int, float]) -> list[str]:
    graph = [
        "v1 = tf.compat.v1  # TensorFlow 1's API, still shipped with TensorFlow 2",
        "",
        "# TensorFlow 1 style: first describe the computation as a graph (nothing runs yet) ...",
        "graph = tf.Graph()",
        "with graph.as_default():",
        '    w = v1.Variable(W0, dtype=tf.float32, name="w")',
        '    b = v1.Variable(B0, dtype=tf.float32, name="b")',
        "    # The learning rate is a graph variable too, so it can change between updates.",
        "    learning_rate = v1.Variable(LEARNING_RATE, dtype=tf.float32, trainable=False)",
    ]
    if piecewise(config):
        graph += piecewise_code.TF1_RATES
    if changes or plateau_code.full_batch_plateau("tf1", config):
        graph += [
            "    new_lr = v1.placeholder(tf.float32, shape=())",
            "    set_lr = v1.assign(learning_rate, new_lr)",
        ]
        if piecewise(config):
            graph += piecewise_code.TF1_SET_RATES
    graph += [
        "",
        "    y = w * x_data + b",
        "    loss = tf.reduce_mean(tf.square(y_data - y))",
        *_tf1_minimize(config),
        "    init = v1.global_variables_initializer()",
    ]
    run = [
        "# ... then run it in a session: each sess.run(train) is one full-batch update.",
        "with v1.Session(graph=graph) as sess:",
        "    sess.run(init)",
        *plateau_code.rate_start("tf1", config, True, "    "),
        "    for step in range(STEPS):",
    ]
    if changes:
        run += [
            "        if step in LR_CHANGES:",
            "            sess.run(set_lr, {new_lr: LR_CHANGES[step]})",
        ]
        if piecewise(config):
            run.append(f"            {piecewise_code.TF1_RUN_SET_RATES}")
        run += plateau_code.rate_change("tf1", config, "            ")
    before, after = plateau_code.around("tf1", config, "        ")
    run += [
        *before,
        "        sess.run(train)",
        *after,
        "    " + _PRINT_COMMENT,
        "        if step % EVERY == 0 or step == STEPS - 1:",
        "            w_now, b_now = sess.run([w, b])",
        "    " + _FLOAT32_PRINT_NOTE,
        '            print(f"{step} [{w_now!s}, {b_now!s}]")',
    ]
    return ["\n".join(graph), "\n".join(run)]


def _tf1_minimize(config: RunConfig) -> list[str]:
    if not scheduled(config):
        return [
            "    # minimize() adds the gradient ops and the update of w and b to the graph.",
            f"    train = {tf1_call(config, 'learning_rate')}.minimize(loss)",
        ]
    return [
        "    # tf.compat.v1.train's decay of the learning rate on a global step, which",
        "    # minimize() counts: update k (from 0) uses the rate at step k.",
        '    global_step = v1.Variable(0, dtype=tf.int64, trainable=False, name="global_step")',
        f"    rate = {tf1_schedule_call(config, 'learning_rate', 'global_step')}",
        "    # minimize() adds the gradient ops and the update of w and b to the graph.",
        f"    train = {tf1_call(config, 'rate')}.minimize(loss, global_step=global_step)",
    ]


def _base_variable(config: RunConfig, variable: str) -> list[str]:
    """The schedule's base: ``base_rate``, a variable at LEARNING_RATE, or piecewise_constant's
    ``rates``, one variable per value (``variable`` with ``{}`` for its value)."""
    if piecewise(config):
        return piecewise_code.rate_variables(variable.format("v"))
    return [f"base_rate = {variable.format('LEARNING_RATE')}"]


def _set_base(config: RunConfig, lr: str) -> str:
    """A change of the learning rate: the schedule's base from the next update on."""
    return f"set_rates({lr})" if piecewise(config) else f"base_rate.assign({lr})"


def _set_keras_lr(config: RunConfig, step: str) -> str:
    if scheduled(config):  # the schedule's initial rate
        return _set_base(config, f"LR_CHANGES[{step}]")
    model = "self.model" if step.startswith("self.") else "model"
    return f"{model}.optimizer.learning_rate.assign(LR_CHANGES[{step}])"


def _keras_model(spec: BackendSpec, config: RunConfig) -> str:
    lines = [
        "# The post's model: one Dense unit, y = kernel*x + bias, with Keras's defaults. Keras",
        "# starts the kernel at random (glorot_uniform); the seed makes that start repeatable.",
        "kernel_start = keras.initializers.GlorotUniform(seed=SEED)",
        "model = keras.Sequential(",
        "    [keras.Input(shape=(1,)), keras.layers.Dense(1, kernel_initializer=kernel_start)]",
        ")",
    ]
    if scheduled(config):
        lines += [
            *_base_variable(config, "keras.Variable({}, trainable=False)"),
            *schedule_lines(config, "base_rate"),
            "# Keras's optimizer class (values not given: Keras's defaults).",
            f'model.compile(loss="mse", optimizer={keras_call(config, "schedule")})',
        ]
    elif is_plain(config.optimizer, config.__dict__):  # constant, or plateau
        lines.append('model.compile(loss="mse", optimizer="sgd")')
    else:
        lines += [
            "# Keras's optimizer class (values not given: Keras's defaults).",
            f'model.compile(loss="mse", optimizer={keras_call(config)})',
        ]
    if start_values(spec, config) is not None or spec.name == "keras":
        lines.append("layer = model.layers[0]")
    if start_values(spec, config) is not None:
        lines += [
            "# Start from the card's values instead of the random kernel and the zero bias.",
            "layer.set_weights([np.array([[W0]], dtype=np.float32), np.array([B0], "
            "dtype=np.float32)])",
        ]
    if start_lr(spec, config) is not None and not scheduled(config):
        lines += [
            f"# '{config.optimizer}' brings Keras's default learning rate; use the card's instead.",
            "model.optimizer.learning_rate.assign(LEARNING_RATE)",
        ]
    return "\n".join(lines)


def _keras_training(spec: BackendSpec, config: RunConfig, changes: dict[int, float]) -> list[str]:
    plateau = plateau_code.full_batch_plateau("keras", config)
    loop = [*(plateau_code.keras_callback(config) if plateau else []), "for step in range(STEPS):"]
    if changes:
        loop += [
            "    if step in LR_CHANGES:",
            f"        {_set_keras_lr(config, 'step')}",
        ]
    loop += [
        *plateau_code.around("keras", config, "    ")[0],
        "    # One call, one gradient-descent update on all the points.",
        "    model.train_on_batch(x_data, y_data)",
        *plateau_code.around("keras", config, "    ")[1],
        _PRINT_COMMENT,
        "    if step % EVERY == 0 or step == STEPS - 1:",
        "        kernel, bias = layer.get_weights()",
        _FLOAT32_PRINT_NOTE,
        '        print(f"{step} [{kernel[0, 0]!s}, {bias[0]!s}]")',
    ]
    return [_keras_model(spec, config), "\n".join(loop)]


def _keras_fit_training(
    spec: BackendSpec, config: RunConfig, changes: dict[int, float]
) -> list[str]:
    counts = (
        "# fit owns the loop: it makes EPOCHS passes over the data in batches of BATCH_SIZE\n"
        "# points, one update per batch (the last batch of an epoch may be smaller).\n"
        "UPDATES = EPOCHS * math.ceil(len(x_data) / BATCH_SIZE)"
    )
    callback = [
        "class Progress(keras.callbacks.Callback):",
        '    """Counts updates across epochs, applies the planned lr changes, prints the rows."""',
        "",
        "    def __init__(self):",
        "        super().__init__()",
        "        self.step = 0  # index of the next update, counted over all epochs",
    ]
    if changes:
        callback += [
            "",
            "    def on_train_batch_begin(self, batch, logs=None):",
            "        if self.step in LR_CHANGES:",
            f"            {_set_keras_lr(config, 'self.step')}",
        ]
    else:
        callback[1] = '    """Counts updates across epochs and prints the rows."""'
    callback += [
        "",
        "    def on_train_batch_end(self, batch, logs=None):",
        "        if self.step % EVERY == 0 or self.step == UPDATES - 1:",
        "            kernel, bias = self.model.layers[0].get_weights()",
        "    " + _FLOAT32_PRINT_NOTE,
        '            print(f"{self.step} [{kernel[0, 0]!s}, {bias[0]!s}]")',
        "        self.step += 1",
    ]
    if config.shuffle:
        seed_note = (
            "# fit shuffles with Keras's random generators. Seeding them right before fit, as the\n"
            "# app does, gives the same order of points as the app's run."
        )
    else:
        seed_note = (
            "# Without shuffling the batches follow the data order; the generators are seeded\n"
            "# right before fit anyway, as the app does."
        )
    fit = "\n".join(
        [
            *_plateau(config),
            seed_note,
            "keras.utils.set_random_seed(SEED)",
            "model.fit(",
            "    x_data,",
            "    y_data,",
            "    epochs=EPOCHS,",
            "    batch_size=BATCH_SIZE,",
            "    shuffle=SHUFFLE,",
            "    verbose=0,  # the rows come from Progress instead",
            f"    callbacks=[Progress(){', plateau' if _plateau(config) else ''}],",
            ")",
        ]
    )
    return [_keras_model(spec, config), counts, "\n".join(callback), fit]


def _plateau(config: RunConfig) -> list[str]:
    """Keras's own ReduceLROnPlateau on the loss, after each epoch (values not given: its
    defaults)."""
    if config.schedule != "plateau":
        return []
    return [
        "# Keras's own ReduceLROnPlateau: after each epoch, on the epoch's mean loss.",
        *plateau_code.callback(config),
    ]


TRAINING = {
    "numpy": _numpy_training,
    "tf": _tf2_training,
    "tf1": _tf1_training,
    "keras": _keras_training,
    "keras-fit": _keras_fit_training,
}
