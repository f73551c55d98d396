"""``layers_v1.rnn_linear*``: TF1's rnn_cell linear helper per era, against TF1's definition
(``matmul(concat(args, 1), W) + b`` in ``tf.compat.v1`` primitives with the same variables), with
each era's variable names, and restoring a converted TF 0.x / 1.0 checkpoint."""

from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.checkpoints import convert_checkpoint
from legacy2tf2.runtime import VariableStore, layers_v1, rnn_cell

v1 = tf.compat.v1
RNG = np.random.default_rng(0)
A = RNG.normal(size=(4, 3)).astype("float32")
B = RNG.normal(size=(4, 2)).astype("float32")
#: FORMAT.md's float32 tolerance.
TOLERANCE = {"rtol": 1e-5, "atol": 1e-6}
ERAS = {
    "tf0": (layers_v1.rnn_linear_tf0, "Linear/Matrix", "Linear/Bias"),
    "tf1_0": (layers_v1.rnn_linear_tf1_0, "weights", "biases"),
    "tf1_2": (layers_v1.rnn_linear, "kernel", "bias"),
}


def _names() -> list[str]:
    return [v.op.name for v in v1.global_variables()]


@pytest.mark.parametrize("era", list(ERAS))
def test_graph_mode_names_initial_values_and_tf1_numbers(era: str) -> None:
    fn, kernel_name, bias_name = ERAS[era]
    with tf.Graph().as_default():
        a = v1.placeholder(tf.float32, [None, 3])
        b = v1.placeholder(tf.float32, [None, 2])
        with v1.variable_scope("cell"):
            out = fn([a, b], 4, True, 0.5)  # bias_start (bias_initializer from TF 1.2) 0.5
        assert _names() == [f"cell/{kernel_name}", f"cell/{bias_name}"]
        kernel, bias = v1.global_variables()
        assert kernel.shape == (5, 4) and bias.shape == (4,)
        reference = tf.matmul(v1.concat([a, b], 1), kernel) + bias
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            np.testing.assert_array_equal(session.run(bias), np.full([4], 0.5, "float32"))
            limit = np.sqrt(6.0 / (5 + 4))  # get_variable's glorot-uniform default
            assert np.all(np.abs(session.run(kernel)) <= limit)
            session.run(
                [
                    kernel.assign(RNG.normal(size=(5, 4)).astype("float32")),
                    bias.assign(RNG.normal(size=(4,)).astype("float32")),
                ]
            )
            got, want, w, c = session.run([out, reference, kernel, bias], {a: A, b: B})
        np.testing.assert_allclose(got, want, **TOLERANCE)
        np.testing.assert_allclose(got, np.concatenate([A, B], 1) @ w + c, **TOLERANCE)


@pytest.mark.parametrize("era", list(ERAS))
def test_one_tensor_no_bias_reuse_and_the_scopes_initializer(era: str) -> None:
    fn, kernel_name, _ = ERAS[era]
    with tf.Graph().as_default():
        a = v1.placeholder(tf.float32, [None, 3])
        with v1.variable_scope("s", initializer=v1.constant_initializer(0.25)):
            out = fn(a, 2, False)
        with v1.variable_scope("s", reuse=True):
            again = fn(a, 2, False)
        assert _names() == [f"s/{kernel_name}"]
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            got, got_again = session.run([out, again], {a: A})
        np.testing.assert_allclose(got, A @ np.full([3, 2], 0.25, "float32"), **TOLERANCE)
        np.testing.assert_array_equal(got, got_again)


def test_tf0_scope_argument_replaces_the_linear_scope() -> None:
    with tf.Graph().as_default():
        a = v1.placeholder(tf.float32, [None, 3])
        layers_v1.rnn_linear_tf0(a, 2, True, scope="proj")
        with v1.variable_scope("outer"):
            layers_v1.rnn_linear_tf0(a, 2, True)
        assert _names() == ["proj/Matrix", "proj/Bias", "outer/Linear/Matrix", "outer/Linear/Bias"]


def test_the_bias_is_partitioned_only_by_tf0() -> None:
    with tf.Graph().as_default():
        a = v1.placeholder(tf.float32, [None, 3])
        with v1.variable_scope("p", partitioner=v1.fixed_size_partitioner(1)):
            for fn, *_ in ERAS.values():
                fn(a, 2, True)
        assert _names() == [
            "p/Linear/Matrix/part_0",
            "p/Linear/Bias/part_0",
            "p/weights/part_0",
            "p/biases",
            "p/kernel/part_0",
            "p/bias",
        ]


def test_tf1_2_initializers() -> None:
    with tf.Graph().as_default():
        a = v1.placeholder(tf.float32, [None, 3])
        with v1.variable_scope("x"):
            layers_v1.rnn_linear(
                a, 2, True, v1.constant_initializer(3.0), v1.constant_initializer(2.0)
            )
        with v1.variable_scope("y"):
            layers_v1.rnn_linear(a, 2, True, bias_start=1.0)
        with v1.variable_scope("z"):
            layers_v1.rnn_linear(a, 2, True)
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            values = dict(zip(_names(), session.run(v1.global_variables()), strict=True))
        np.testing.assert_array_equal(values["x/kernel"], np.full([3, 2], 2.0))
        np.testing.assert_array_equal(values["x/bias"], np.full([2], 3.0))
        np.testing.assert_array_equal(values["y/bias"], np.full([2], 1.0))
        np.testing.assert_array_equal(values["z/bias"], np.zeros([2]))


@pytest.mark.parametrize("era", list(ERAS))
def test_eager_and_tf_function_use_the_store(era: str) -> None:
    fn, kernel_name, bias_name = ERAS[era]
    store = VariableStore()
    with store.as_default():

        def step(a: tf.Tensor, b: tf.Tensor) -> tf.Tensor:
            with v1.variable_scope("cell"):
                return fn([a, b], 4, True)

        eager = step(tf.constant(A), tf.constant(B))
        compiled = tf.function(step)(tf.constant(A), tf.constant(B))
        assert store.names() == [f"cell/{kernel_name}", f"cell/{bias_name}"]
        kernel = store.lookup(f"cell/{kernel_name}").numpy()
        bias = store.lookup(f"cell/{bias_name}").numpy()
    want = np.concatenate([A, B], 1) @ kernel + bias
    np.testing.assert_allclose(eager.numpy(), want, **TOLERANCE)
    np.testing.assert_allclose(compiled.numpy(), want, **TOLERANCE)


@pytest.mark.parametrize("fn", [e[0] for e in ERAS.values()])
def test_clear_errors(fn) -> None:
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="`args` must be specified"):
            fn([], 2, True)
        with pytest.raises(ValueError, match="expecting 2D arguments"):
            fn(v1.placeholder(tf.float32, [None, 2, 3]), 2, True)
        with pytest.raises(ValueError, match="expects shape\\[1\\] to be provided"):
            fn(v1.placeholder(tf.float32, [None, None]), 2, True)
        with pytest.raises(TypeError, match="floating point"):
            fn(v1.placeholder(tf.int32, [None, 3]), 2, True)
        with pytest.raises(TypeError, match="one dtype"):
            fn([v1.placeholder(tf.float32, [2, 3]), v1.placeholder(tf.float64, [2, 3])], 2, True)
        assert _names() == []


#: A TF 0.x / 1.0 program's variables, by the name that TensorFlow gave them: its own linear
#: layer, a copy of legacy_seq2seq's attention decoder calling linear, and a GRUCell.
OLD_NAMES = {
    "tf0": {
        "proj/Linear/Matrix": "proj/Linear/Matrix",
        "proj/Linear/Bias": "proj/Linear/Bias",
        "attention_decoder/AttnW_0": "attention_decoder/AttnW_0",
        "attention_decoder/Linear/Matrix": "attention_decoder/kernel",
        "attention_decoder/Linear/Bias": "attention_decoder/bias",
        "attention_decoder/Attention_0/Linear/Matrix": "attention_decoder/Attention_0/kernel",
        "attention_decoder/Attention_0/Linear/Bias": "attention_decoder/Attention_0/bias",
        "RNN/GRUCell/Gates/Linear/Matrix": "rnn/gru_cell/gates/kernel",
        "RNN/GRUCell/Gates/Linear/Bias": "rnn/gru_cell/gates/bias",
        "RNN/GRUCell/Candidate/Linear/Matrix": "rnn/gru_cell/candidate/kernel",
        "RNN/GRUCell/Candidate/Linear/Bias": "rnn/gru_cell/candidate/bias",
    },
    "tf1_0": {
        "proj/weights": "proj/weights",
        "proj/biases": "proj/biases",
        "attention_decoder/AttnW_0": "attention_decoder/AttnW_0",
        "attention_decoder/weights": "attention_decoder/kernel",
        "attention_decoder/biases": "attention_decoder/bias",
        "attention_decoder/Attention_0/weights": "attention_decoder/Attention_0/kernel",
        "attention_decoder/Attention_0/biases": "attention_decoder/Attention_0/bias",
        "rnn/gru_cell/gates/weights": "rnn/gru_cell/gates/kernel",
        "rnn/gru_cell/gates/biases": "rnn/gru_cell/gates/bias",
        "rnn/gru_cell/candidate/weights": "rnn/gru_cell/candidate/kernel",
        "rnn/gru_cell/candidate/biases": "rnn/gru_cell/candidate/bias",
    },
}
SHAPES = {
    "AttnW_0": [1, 1, 4, 4],
    "gates": {"kernel": [5, 4], "bias": [4]},
    "candidate": {"kernel": [5, 2], "bias": [2]},
    "linear": {"kernel": [5, 4], "bias": [4]},
}


def _shape(new_name: str) -> list[int]:
    scope, _, leaf = new_name.rpartition("/")
    if leaf == "AttnW_0":
        return SHAPES["AttnW_0"]
    kind = scope.rpartition("/")[2] if scope.startswith("rnn/") else "linear"
    leaf = {"weights": "kernel", "biases": "bias", "Matrix": "kernel", "Bias": "bias"}.get(
        leaf, leaf
    )
    return SHAPES[kind][leaf]


@pytest.mark.parametrize("era", ["tf0", "tf1_0"])
def test_the_migrated_program_restores_every_variable_of_a_converted_checkpoint(
    tmp_path, era: str
) -> None:
    old_dir, new_dir = tmp_path / "old", tmp_path / "new"
    names = OLD_NAMES[era]
    values = {old: RNG.normal(size=_shape(new)).astype("float32") for old, new in names.items()}
    with tf.Graph().as_default():
        saved = {
            old: tf.Variable(value, name=old.replace("/", "_")) for old, value in values.items()
        }
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            old_dir.mkdir()
            v1.train.Saver(saved).save(session, str(old_dir / "model.ckpt"))
    renamed = dict(convert_checkpoint(old_dir, new_dir))
    assert renamed == {old: new for old, new in names.items() if old != new}

    fn = ERAS[era][0]
    with tf.Graph().as_default():
        x = v1.placeholder(tf.float32, [None, 3])
        h = v1.placeholder(tf.float32, [None, 2])
        with v1.variable_scope("proj"):
            own = fn([x, h], 4, True)
        with v1.variable_scope("attention_decoder"):
            v1.get_variable("AttnW_0", [1, 1, 4, 4])
            copied = fn([x, h], 4, True)
            with v1.variable_scope("Attention_0"):
                head = fn([x, h], 4, True)
        v1.nn.static_rnn(rnn_cell.GRUCell(2), [x], dtype=tf.float32)
        assert sorted(_names()) == sorted(names.values())
        with v1.Session() as session:
            v1.train.Saver().restore(session, tf.train.latest_checkpoint(str(new_dir)))
            restored = dict(zip(_names(), session.run(v1.global_variables()), strict=True))
            outputs = session.run([own, copied, head], {x: A, h: B})
    by_new = {new: values[old] for old, new in names.items()}
    for name, value in restored.items():
        np.testing.assert_array_equal(value, by_new[name], err_msg=name)
    own_names = list(names.values())[:2]
    layers = [own_names, ["attention_decoder/kernel", "attention_decoder/bias"]]
    layers.append(["attention_decoder/Attention_0/kernel", "attention_decoder/Attention_0/bias"])
    xh = np.concatenate([A, B], 1)
    for (kernel, bias), got in zip(layers, outputs, strict=True):
        np.testing.assert_allclose(got, xh @ by_new[kernel] + by_new[bias], **TOLERANCE)


class MyCell(rnn_cell.RNNCell):
    """A program's own TF 1.2+ cell: ``call`` creates its variables through ``_linear``."""

    def __init__(self, units: int) -> None:
        super().__init__()
        self._units = units

    @property
    def state_size(self) -> int:
        return self._units

    @property
    def output_size(self) -> int:
        return self._units

    def call(self, inputs: tf.Tensor, state: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
        with v1.variable_scope("gates"):
            gate = tf.sigmoid(layers_v1.rnn_linear([inputs, state], self._units, True, 1.0))
        with v1.variable_scope("candidate"):
            candidate = tf.tanh(layers_v1.rnn_linear([inputs, state], self._units, True))
        new = gate * state + (1 - gate) * candidate
        return new, new


def _my_cell_reference(xs: list[np.ndarray], values: dict[str, np.ndarray]) -> np.ndarray:
    state = np.zeros([xs[0].shape[0], 2], "float32")
    for x in xs:
        xh = np.concatenate([x, state], 1)
        z = xh @ values["gates/kernel"] + values["gates/bias"]
        gate = 1 / (1 + np.exp(-z))
        cand = np.tanh(xh @ values["candidate/kernel"] + values["candidate/bias"])
        state = gate * state + (1 - gate) * cand
    return state


def test_a_programs_own_cell_calls_it_at_every_step() -> None:
    with tf.Graph().as_default():
        x = v1.placeholder(tf.float32, [None, 3])
        outputs, _ = v1.nn.static_rnn(MyCell(2), [x, x, x], dtype=tf.float32)
        assert _names() == [
            "rnn/my_cell/gates/kernel",
            "rnn/my_cell/gates/bias",
            "rnn/my_cell/candidate/kernel",
            "rnn/my_cell/candidate/bias",
        ]
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            values = dict(zip(_names(), session.run(v1.global_variables()), strict=True))
            got = session.run(outputs[-1], {x: A})
    values = {name.removeprefix("rnn/my_cell/"): value for name, value in values.items()}
    np.testing.assert_array_equal(values["gates/bias"], np.ones([2], "float32"))
    np.testing.assert_allclose(got, _my_cell_reference([A] * 3, values), **TOLERANCE)

    store = VariableStore()
    with store.as_default():
        cell = MyCell(2)
        state = tf.zeros([4, 2])
        for _ in range(3):
            out, state = cell(tf.constant(A), state)
        assert store.names() == [
            "my_cell/gates/kernel",
            "my_cell/gates/bias",
            "my_cell/candidate/kernel",
            "my_cell/candidate/bias",
        ]
        values = {n.removeprefix("my_cell/"): store.lookup(n).numpy() for n in store.names()}
    np.testing.assert_allclose(out.numpy(), _my_cell_reference([A] * 3, values), **TOLERANCE)
