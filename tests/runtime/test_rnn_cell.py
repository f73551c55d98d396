"""TF1 cells as Keras 3 layers: TF1 weight names, TF1 protocol, Keras protocol, serialisation."""

import copy
import math

import keras
import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import VariableStore, rnn_cell

v1 = tf.compat.v1


@pytest.fixture(autouse=True)
def fresh_store():
    with VariableStore().as_default() as store:
        yield store


def run_once(cell, batch=2, depth=3, dtype=tf.float32):
    inputs = tf.ones([batch, depth], dtype)
    return cell(inputs, cell.zero_state(batch, dtype))


CELL_WEIGHTS = [
    (
        lambda: rnn_cell.BasicRNNCell(4),
        ["basic_rnn_cell/kernel", "basic_rnn_cell/bias"],
        [[7, 4], [4]],
    ),
    (
        lambda: rnn_cell.GRUCell(4),
        [
            "gru_cell/gates/kernel",
            "gru_cell/gates/bias",
            "gru_cell/candidate/kernel",
            "gru_cell/candidate/bias",
        ],
        [[7, 8], [8], [7, 4], [4]],
    ),
    (
        lambda: rnn_cell.BasicLSTMCell(4),
        ["basic_lstm_cell/kernel", "basic_lstm_cell/bias"],
        [[7, 16], [16]],
    ),
    (
        lambda: rnn_cell.LSTMCell(4, use_peepholes=True, num_proj=2),
        [
            "lstm_cell/kernel",
            "lstm_cell/bias",
            "lstm_cell/w_f_diag",
            "lstm_cell/w_i_diag",
            "lstm_cell/w_o_diag",
            "lstm_cell/projection/kernel",
        ],
        [[5, 16], [16], [4], [4], [4], [4, 2]],
    ),
]


@pytest.mark.parametrize(
    ("make", "paths", "shapes"), CELL_WEIGHTS, ids=["rnn", "gru", "basic_lstm", "lstm"]
)
def test_weights_have_tf1_names_and_shapes(make, paths, shapes):
    cell = make()
    run_once(cell)
    assert [w.path for w in cell.weights] == paths
    assert [list(w.shape) for w in cell.weights] == shapes


def test_initial_values_follow_tf1():
    gru = rnn_cell.GRUCell(4)
    lstm = rnn_cell.BasicLSTMCell(4)
    run_once(gru)
    run_once(lstm)
    np.testing.assert_array_equal(gru.weights[1].numpy(), np.ones(8))  # gates/bias = 1.0
    np.testing.assert_array_equal(gru.weights[3].numpy(), np.zeros(4))  # candidate/bias = 0
    np.testing.assert_array_equal(lstm.weights[1].numpy(), np.zeros(16))
    limit = math.sqrt(6 / (7 + 8))  # glorot uniform over [7, 8]
    assert np.abs(gru.weights[0].numpy()).max() <= limit


def test_scope_initializer_is_used():
    with v1.variable_scope("s", initializer=v1.constant_initializer(0.25)):
        cell = rnn_cell.BasicRNNCell(2)
        run_once(cell)
    np.testing.assert_array_equal(cell.weights[0].numpy(), np.full([5, 2], 0.25))


def test_gru_math_is_tf1s_not_keras_reset_after():
    cell = rnn_cell.GRUCell(2)
    x = tf.constant([[0.5, -1.0, 2.0]])
    h = tf.constant([[0.3, -0.2]])
    output, state = cell(x, h)
    gk, gb, ck, cb = (w.numpy() for w in cell.weights)
    xh = np.concatenate([x.numpy(), h.numpy()], 1)
    r, u = np.split(1 / (1 + np.exp(-(xh @ gk + gb))), 2, axis=1)
    c = np.tanh(np.concatenate([x.numpy(), r * h.numpy()], 1) @ ck + cb)
    expected = u * h.numpy() + (1 - u) * c
    np.testing.assert_allclose(output.numpy(), expected, rtol=1e-5, atol=1e-6)
    assert state is output or np.array_equal(state.numpy(), output.numpy())


def test_basic_lstm_adds_forget_bias_at_run_time_and_keeps_c_h_order():
    cell = rnn_cell.BasicLSTMCell(2, forget_bias=3.0)
    _, state = run_once(cell, depth=1)
    assert isinstance(state, rnn_cell.LSTMStateTuple)
    kernel, bias = (w.numpy() for w in cell.weights)
    # Zero state: h contributes nothing and c_prev = 0, so the forget gate drops out.
    gates = np.ones([2, 1]) @ kernel[:1] + bias
    i, j, _, o = np.split(gates, 4, axis=1)
    c = 1 / (1 + np.exp(-i)) * np.tanh(j)
    np.testing.assert_allclose(state.c.numpy(), c, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(state.h.numpy(), np.tanh(c) / (1 + np.exp(-o)), rtol=1e-5, atol=1e-6)


def test_lstm_state_as_concatenation():
    cell = rnn_cell.BasicLSTMCell(3, state_is_tuple=False)
    output, state = run_once(cell)
    assert cell.state_size == 6
    assert state.shape == (2, 6)
    np.testing.assert_array_equal(state[:, 3:].numpy(), output.numpy())


def test_multi_rnn_cell_names_layers_cell_i():
    cell = rnn_cell.MultiRNNCell([rnn_cell.GRUCell(4), rnn_cell.BasicLSTMCell(4)])
    with v1.variable_scope("encoder"):
        _, state = run_once(cell)
    assert cell.weights[0].path == "encoder/multi_rnn_cell/cell_0/gru_cell/gates/kernel"
    assert cell.weights[-1].path == "encoder/multi_rnn_cell/cell_1/basic_lstm_cell/bias"
    assert isinstance(state, tuple) and isinstance(state[1], rnn_cell.LSTMStateTuple)


def test_same_cell_object_in_every_layer_shares_its_weights_as_tf1_did(caplog):
    single = rnn_cell.GRUCell(3)
    cell = rnn_cell.MultiRNNCell([single] * 3)
    assert "same object and will share weights" in caplog.text
    output, state = run_once(cell)
    assert [w.path for w in cell.weights] == [
        "multi_rnn_cell/cell_0/gru_cell/gates/kernel",
        "multi_rnn_cell/cell_0/gru_cell/gates/bias",
        "multi_rnn_cell/cell_0/gru_cell/candidate/kernel",
        "multi_rnn_cell/cell_0/gru_cell/candidate/bias",
    ]
    assert len(state) == 3 and output.shape == (2, 3)


def test_shared_cell_with_another_input_size_gets_one_set_of_weights_per_layer():
    # TF 1.2+ raised on it and TF 1.1 refused the reuse: only TF 1.0's meaning (a set per layer)
    # ever ran (test_repeated_cells.py checks the numbers).
    single = rnn_cell.GRUCell(3)
    cell = rnn_cell.MultiRNNCell([single] * 2)
    run_once(cell, depth=5)
    assert [list(w.shape) for w in cell.weights] == [
        [8, 6],
        [6],
        [8, 3],
        [3],
        [6, 6],
        [6],
        [6, 3],
        [3],
    ]


def test_cells_get_unique_scope_names_like_tf1():
    first, second = rnn_cell.GRUCell(2), rnn_cell.GRUCell(2)
    with v1.variable_scope("top"):
        run_once(first)
        run_once(second)
    assert first.weights[0].path == "top/gru_cell/gates/kernel"
    assert second.weights[0].path == "top/gru_cell_1/gates/kernel"


def test_a_called_cell_keeps_its_weights_wherever_it_runs_next():
    cell = rnn_cell.GRUCell(2)
    with v1.variable_scope("a"):
        run_once(cell)
    with v1.variable_scope("b"):
        run_once(cell)
    assert len(cell.weights) == 4 and cell.weights[0].path == "a/gru_cell/gates/kernel"


def test_deepcopy_gives_a_fresh_unbuilt_cell_and_keeps_layer_sharing():
    single = rnn_cell.GRUCell(3)
    cell = rnn_cell.MultiRNNCell([single, single])
    run_once(cell, depth=3)
    clone = copy.deepcopy(cell)
    assert not clone.built
    assert clone._cells[0] is clone._cells[1] and clone._cells[0] is not single
    with v1.variable_scope("copy"):
        run_once(clone, depth=3)
    assert clone.weights[0].path == "copy/multi_rnn_cell/cell_0/gru_cell/gates/kernel"


@pytest.mark.parametrize(
    "make",
    [
        lambda: rnn_cell.GRUCell(4, activation="relu", name="my_gru"),
        lambda: rnn_cell.LSTMCell(4, use_peepholes=True, cell_clip=2.0, num_proj=3, proj_clip=1.0),
        lambda: rnn_cell.MultiRNNCell(
            [rnn_cell.GRUCell(4), rnn_cell.BasicLSTMCell(5, forget_bias=0.5)]
        ),
        lambda: rnn_cell.OutputProjectionWrapper(rnn_cell.GRUCell(4), 7),
        lambda: rnn_cell.EmbeddingWrapper(rnn_cell.GRUCell(4), 10, 3),
        lambda: rnn_cell.DropoutWrapper(rnn_cell.GRUCell(4), output_keep_prob=0.5, seed=3),
    ],
    ids=["gru", "lstm", "multi", "output_projection", "embedding", "dropout"],
)
def test_serialisation_round_trip(make):
    cell = make()
    config = cell.get_config()
    restored = type(cell).from_config(config)
    assert restored.get_config() == config
    assert restored.state_size == cell.state_size and restored.output_size == cell.output_size
    saved = keras.saving.serialize_keras_object(cell)
    again = keras.saving.deserialize_keras_object(saved)
    assert type(again) is type(cell) and again.get_config() == config


def test_cells_run_inside_keras_rnn_layer():
    layer = keras.layers.RNN(rnn_cell.BasicLSTMCell(5), return_sequences=True, return_state=True)
    outputs, c, h = layer(tf.ones([2, 7, 3]))
    assert outputs.shape == (2, 7, 5) and c.shape == h.shape == (2, 5)
    assert [w.path for w in layer.weights] == ["basic_lstm_cell/kernel", "basic_lstm_cell/bias"]
    np.testing.assert_allclose(outputs[:, -1].numpy(), h.numpy())


def test_keras_rnn_layer_trains_a_gru_cell():
    model = keras.Sequential(
        [keras.Input((4, 2)), keras.layers.RNN(rnn_cell.GRUCell(3)), keras.layers.Dense(1)]
    )
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    x = np.random.default_rng(0).normal(size=(16, 4, 2)).astype("float32")
    y = x.sum(axis=(1, 2))[:, None]
    before = model.evaluate(x, y, verbose=0)
    model.fit(x, y, epochs=20, verbose=0)
    assert model.evaluate(x, y, verbose=0) < before


def test_tf1_rnn_functions_accept_the_cells_in_graph_mode():
    with tf.Graph().as_default():
        x = v1.placeholder(tf.float32, [None, 4, 3])
        v1.nn.static_rnn(rnn_cell.GRUCell(2), tf.unstack(x, axis=1), dtype=tf.float32)
        v1.nn.dynamic_rnn(rnn_cell.BasicLSTMCell(2), x, dtype=tf.float32, scope="dyn")
        v1.nn.bidirectional_dynamic_rnn(
            rnn_cell.GRUCell(2), rnn_cell.GRUCell(2), x, dtype=tf.float32, scope="bi"
        )
        names = [v.name for v in v1.trainable_variables()]
    assert "rnn/gru_cell/gates/kernel:0" in names
    assert "dyn/basic_lstm_cell/kernel:0" in names
    assert "bi/fw/gru_cell/candidate/bias:0" in names and "bi/bw/gru_cell/candidate/bias:0" in names


def test_variables_and_trainable_variables_are_the_weights_as_in_tf1(tmp_path):
    # TF1 layers: cell.variables is cell.weights; programs save, restore and train through them.
    with tf.Graph().as_default():
        x = v1.placeholder(tf.float32, [None, 4, 3])
        cell = rnn_cell.MultiRNNCell(
            [
                rnn_cell.DropoutWrapper(rnn_cell.BasicLSTMCell(2), output_keep_prob=0.5),
                rnn_cell.GRUCell(2),
            ]
        )
        outputs, _ = v1.nn.dynamic_rnn(cell, x, dtype=tf.float32)
        expected = [v.name for v in v1.global_variables()]
        assert len(expected) == 6
        assert [v.name for v in cell.variables] == expected
        assert [v.name for v in cell.trainable_variables] == expected
        assert [v.name for v in cell._cells[0].variables] == expected[:2]
        assert cell.non_trainable_variables == []
        gradients = tf.gradients(tf.reduce_sum(outputs), cell.trainable_variables)
        assert len(gradients) == 6 and all(g is not None for g in gradients)
        saver = v1.train.Saver(cell.variables)
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            path = saver.save(sess, str(tmp_path / "cell"))
    saved = [name for name, _ in tf.train.list_variables(path)]
    assert sorted(saved) == sorted(name[: -len(":0")] for name in expected)


def test_output_and_input_projection_and_embedding_wrappers():
    out = rnn_cell.OutputProjectionWrapper(rnn_cell.GRUCell(4), 6)
    output, _ = run_once(out)
    assert output.shape == (2, 6)
    paths = [w.path for w in out.weights]
    assert {"output_projection_wrapper/kernel", "output_projection_wrapper/bias"} <= set(paths)
    assert "output_projection_wrapper/gru_cell/gates/kernel" in paths
    inp = rnn_cell.InputProjectionWrapper(rnn_cell.GRUCell(4), num_proj=5)
    run_once(inp)
    assert inp.weights[0].path == "input_projection_wrapper/kernel" and list(
        inp.weights[0].shape
    ) == [3, 5]
    emb = rnn_cell.EmbeddingWrapper(rnn_cell.GRUCell(4), embedding_classes=10, embedding_size=3)
    output, _ = emb(tf.constant([1, 9]), emb.zero_state(2, tf.float32))
    assert emb.weights[0].path == "embedding_wrapper/embedding"
    assert np.abs(emb.weights[0].numpy()).max() <= math.sqrt(3)


def test_dropout_wrapper_scales_kept_values_and_adds_no_scope():
    cell = rnn_cell.DropoutWrapper(rnn_cell.BasicRNNCell(200), output_keep_prob=0.5, seed=1)
    output, state = run_once(cell, batch=1)
    values = output.numpy()[0]
    kept = values != 0
    assert 40 < kept.sum() < 160
    np.testing.assert_allclose(values[kept], 2 * state.numpy()[0][kept], rtol=1e-6)
    assert cell.weights[0].path == "basic_rnn_cell/kernel"


def test_variational_dropout_keeps_one_mask_for_the_sequence():
    cell = rnn_cell.DropoutWrapper(
        rnn_cell.BasicRNNCell(50), output_keep_prob=0.5, variational_recurrent=True, seed=2
    )
    state = cell.zero_state(3, tf.float32)
    first, state = cell(tf.ones([3, 2]), state)
    second, _ = cell(tf.ones([3, 2]), state)
    np.testing.assert_array_equal(first.numpy() == 0, second.numpy() == 0)
    np.testing.assert_array_equal(first.numpy()[0] == 0, first.numpy()[1] == 0)


def test_residual_and_device_wrappers():
    residual = rnn_cell.ResidualWrapper(rnn_cell.GRUCell(3))
    inner_check = rnn_cell.GRUCell(3)
    output, state = run_once(residual)
    np.testing.assert_allclose(output.numpy(), 1 + state.numpy(), rtol=1e-6)
    device = rnn_cell.DeviceWrapper(inner_check, "/cpu:0")
    output, _ = run_once(device)
    # The second GRU cell at top level gets TF1's uniquified scope name.
    assert output.shape == (2, 3) and device.weights[0].path == "gru_cell_1/gates/kernel"


def test_invalid_arguments_name_the_argument():
    with pytest.raises(ValueError, match=r"`num_units`.*Received: num_units=0"):
        rnn_cell.GRUCell(0)
    with pytest.raises(ValueError, match=r"`output_keep_prob`.*Received: output_keep_prob=1.5"):
        rnn_cell.DropoutWrapper(rnn_cell.GRUCell(2), output_keep_prob=1.5)
    with pytest.raises(TypeError, match=r"`cell` must be an RNN cell"):
        rnn_cell.OutputProjectionWrapper("gru", 3)
    with pytest.raises(ValueError, match=r"`cells` must be a non-empty list"):
        rnn_cell.MultiRNNCell([])


def test_user_subclass_in_tf1_style():
    class MyCell(rnn_cell.RNNCell):
        def __init__(self, units):
            super().__init__()
            self._units = units

        @property
        def state_size(self):
            return self._units

        @property
        def output_size(self):
            return self._units

        def build(self, inputs_shape):
            self._w = self.add_variable("w", [inputs_shape[-1] + self._units, self._units])

        def call(self, inputs, state):
            out = tf.tanh(tf.matmul(tf.concat([inputs, state], 1), self._w))
            return out, out

    cell = MyCell(2)
    with v1.variable_scope("mine"):
        output, _ = run_once(cell)
    assert output.shape == (2, 2)
    assert [w.path for w in cell.weights] == ["mine/my_cell/w"]  # TF 1.2+: the class, snake case


def test_deepcopy_shares_a_tensor_keep_probability():
    with tf.Graph().as_default():
        keep = v1.placeholder_with_default(1.0, [])
        cell = rnn_cell.DropoutWrapper(rnn_cell.GRUCell(2), output_keep_prob=keep)
        clone = copy.deepcopy(cell)
        assert clone._output_keep_prob is keep and clone._cell is not cell._cell


def _numpy_gru(x, h, weights):
    """TF1's GRUCell step, in NumPy: gates r, u from [x, h]; candidate from [x, r * h]."""
    gates_w, gates_b, cand_w, cand_b = weights
    gates = 1 / (1 + np.exp(-(np.concatenate([x, h], 1) @ gates_w + gates_b)))
    r, u = np.split(gates, 2, axis=1)
    c = np.tanh(np.concatenate([x, r * h], 1) @ cand_w + cand_b)
    return u * h + (1 - u) * c


def test_tf1_0_wrapper_overriding_call_passes_scope_positionally():
    # TF 1.0 programs subclassed RNNCell without calling its __init__, overrode __call__ and
    # passed their scope on as TF1's third positional parameter.
    class ProjectionWrapper(rnn_cell.RNNCell):
        def __init__(self, cell, size):
            self._cell = cell
            self.w_out = v1.get_variable("proj_w", [cell.output_size, size])

        @property
        def state_size(self):
            return self._cell.state_size

        @property
        def output_size(self):
            return 3

        def __call__(self, inputs, state, scope=None):
            output, new_state = self._cell(inputs, state, scope)
            return tf.matmul(output, self.w_out), new_state

    with tf.Graph().as_default():
        gru = rnn_cell.GRUCell(4)
        cell = ProjectionWrapper(gru, 3)
        x = np.linspace(-1, 1, 10, dtype=np.float32).reshape(2, 5)
        outputs, _ = v1.nn.static_rnn(cell, [tf.constant(x)] * 2, dtype=tf.float32)
        paths = [w.name for w in gru.weights]
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            got, weights, w_out = session.run([outputs, gru.weights, cell.w_out])
    assert paths[0] == "rnn/gru_cell/gates/kernel:0"
    h = np.zeros((2, 4), np.float32)
    for step in range(2):
        h = _numpy_gru(x, h, weights)
        np.testing.assert_allclose(got[step], h @ w_out, rtol=1e-5, atol=1e-6)


def test_scope_given_positionally_is_the_scope_keyword():
    positional, keyword = rnn_cell.GRUCell(2), rnn_cell.GRUCell(2)
    x = tf.ones([1, 3])
    positional(x, positional.zero_state(1, tf.float32), "first")
    keyword(x, keyword.zero_state(1, tf.float32), scope="second")
    assert positional.weights[0].path == "first/gates/kernel"
    assert keyword.weights[0].path == "second/gates/kernel"


def test_tf_1_2_cell_passing_the_layers_private_reuse_and_scope():
    # TF 1.2-1.4's own cells called super().__init__(_reuse=reuse); programs copied that.
    class Embedding(rnn_cell.RNNCell):
        def __init__(self, cell, embeddings, reuse=None):
            super().__init__(_reuse=reuse)
            self._cell = cell
            self._embeddings = embeddings

        @property
        def state_size(self):
            return self._cell.state_size

        @property
        def output_size(self):
            return self._cell.output_size

        def call(self, inputs, state):
            return self._cell(tf.nn.embedding_lookup(self._embeddings, inputs), state)

    table = np.linspace(-1, 1, 15, dtype=np.float32).reshape(5, 3)
    with tf.Graph().as_default():
        gru = rnn_cell.GRUCell(4)
        cell = Embedding(gru, tf.constant(table))
        output, _ = cell(tf.constant([1, 3]), cell.zero_state(2, tf.float32))
        scoped = rnn_cell.GRUCell(2, _scope="named")
        scoped(tf.ones([1, 3]), scoped.zero_state(1, tf.float32))
        with pytest.raises(ValueError, match="does not exist"):
            again = Embedding(rnn_cell.GRUCell(4, name="fresh"), tf.constant(table), reuse=True)
            again(tf.constant([1, 3]), again.zero_state(2, tf.float32), "embedding")
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            got, weights = session.run([output, gru.weights])
        assert gru.weights[0].name == "embedding/gru_cell/gates/kernel:0"
        assert scoped.weights[0].name == "named/gates/kernel:0"
    expected = _numpy_gru(table[[1, 3]], np.zeros((2, 4), np.float32), weights)
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)


def test_a_cell_run_again_under_another_scope_says_tf_1_0_gave_it_new_weights(caplog):
    # TF 1.0 made new weights in each scope a cell ran in, TF 1.1 refused, TF 1.2+ reuses.
    with tf.Graph().as_default():
        cell = rnn_cell.GRUCell(3)
        x = [tf.ones([2, 4])] * 3
        with v1.variable_scope("encoder"):
            _, state = v1.nn.static_rnn(cell, x, dtype=tf.float32)
        assert not [r for r in caplog.records if "runs again" in r.getMessage()]
        with v1.variable_scope("decoder"):
            v1.nn.static_rnn(cell, x, initial_state=state)
            v1.nn.static_rnn(cell, x, initial_state=state)
        assert len(v1.global_variables()) == 4  # TF 1.2+'s sharing is kept
    (record,) = [r for r in caplog.records if "runs again" in r.getMessage()]
    message = record.getMessage()
    for words in ("'encoder/rnn/gru_cell'", "'decoder/rnn'", "TF 1.0", "TF 1.2+", "deepcopy"):
        assert words in message


def test_a_tf2_program_reusing_a_cell_elsewhere_is_not_warned(caplog):
    cell = rnn_cell.GRUCell(3)
    with v1.variable_scope("first"):
        run_once(cell)
    with v1.variable_scope("second"):
        run_once(cell)
    assert not [r for r in caplog.records if "runs again" in r.getMessage()]


def test_tf_1_2_subclass_of_a_cell_defining_call_is_named_after_its_class():
    # `call` appeared with TF 1.2, whose layers named their scope after the class (snake case);
    # a TF 1.0 subclass overriding __call__ kept the cell's own scope name.
    class ZoneoutGRU(rnn_cell.GRUCell):
        def call(self, inputs, state):
            _, new_state = super().call(inputs, state)
            new_state = 0.9 * new_state + 0.1 * state
            return new_state, new_state

    class TF10LSTM(rnn_cell.BasicLSTMCell):
        def __call__(self, inputs, state, scope=None):
            with v1.variable_scope(scope or "tf10_lstm"):
                return super().__call__(inputs, state)

    x = np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3)
    with tf.Graph().as_default():
        zoneout, old = ZoneoutGRU(4), TF10LSTM(4)
        outputs, _ = v1.nn.static_rnn(zoneout, [tf.constant(x)] * 2, dtype=tf.float32)
        v1.nn.static_rnn(old, [tf.constant(x)] * 2, dtype=tf.float32, scope="old")
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            got, weights = session.run([outputs, zoneout.weights])
        assert zoneout.weights[0].name == "rnn/zoneout_gru/gates/kernel:0"
        assert old.weights[0].name == "old/tf10_lstm/basic_lstm_cell/kernel:0"
    h = np.zeros((2, 4), np.float32)
    for step in range(2):
        h = 0.9 * _numpy_gru(x, h, weights) + 0.1 * h
        np.testing.assert_allclose(got[step], h, rtol=1e-5, atol=1e-6)


def test_tf_1_5_subclass_of_lstm_cell_defining_build_is_named_after_its_class():
    # A public RELSTM(LSTMCell) copies TF 1.5+'s LSTMCell.build to give the kernel its own
    # initializer: it reads TF1's sharding attributes and, being a layer (TF 1.2+; TF 1.0/1.1
    # cells had no build), its weights were under its class name (the program reads
    # '<scope>/lstm/relstm/kernel' back from its own saved dictionary).
    class RELSTM(rnn_cell.LSTMCell):
        def __init__(self, hidden_size, kernel_initializer=None):
            super().__init__(hidden_size)
            self._kernel_initializer = kernel_initializer

        def build(self, inputs_shape):
            input_depth = inputs_shape[1]
            h_depth = self._num_units if self._num_proj is None else self._num_proj
            partitioner = None if self._num_unit_shards is None else "unused"
            self._kernel = self.add_variable(
                "kernel",
                shape=[input_depth + h_depth, 4 * self._num_units],
                initializer=self._kernel_initializer,
                partitioner=partitioner,
            )
            self._bias = self.add_variable("bias", shape=[4 * self._num_units])
            if self._num_proj is not None and self._num_proj_shards is not None:
                raise AssertionError("not reached")
            self.built = True

    x = np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3)
    with tf.Graph().as_default():
        cell = RELSTM(4, kernel_initializer=v1.random_normal_initializer(seed=1))
        assert (cell._num_unit_shards, cell._num_proj_shards) == (None, None)
        outputs, _ = v1.nn.static_rnn(cell, [tf.constant(x)] * 2, dtype=tf.float32)
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            got, (kernel, bias) = session.run([outputs, cell.weights])
        assert [w.name for w in cell.weights] == ["rnn/relstm/kernel:0", "rnn/relstm/bias:0"]
    c = h = np.zeros((2, 4), np.float32)
    for step in range(2):  # TF1's LSTM, forget bias 1
        i, j, f, o = np.split(np.concatenate([x, h], 1) @ kernel + bias, 4, axis=1)
        c = c / (1 + np.exp(-f - 1.0)) + np.tanh(j) / (1 + np.exp(-i))
        h = np.tanh(c) / (1 + np.exp(-o))
        np.testing.assert_allclose(got[step], h, rtol=1e-5, atol=1e-6)


def test_lstm_cell_keeps_tf1_sharding_arguments():
    cell = rnn_cell.LSTMCell(4, num_proj=2, num_unit_shards=3, num_proj_shards=2)
    assert (cell._num_unit_shards, cell._num_proj_shards) == (3, 2)


def test_a_new_cell_built_with_reuse_true_finds_the_weights_of_its_scope():
    # TF 1.1's _checked_scope(self, "lstm_cell", reuse=True) and TF 1.2+'s layer scope entered
    # the cell's name itself when reuse was set, so a decoder LSTMCell(n, reuse=True) run under
    # the encoder's "rnn" scope (raw_rnn, dynamic_rnn) computed with the encoder's weights.
    x = np.linspace(-1, 1, 12, dtype=np.float32).reshape(2, 2, 3)
    with tf.Graph().as_default():
        encoder = rnn_cell.LSTMCell(3)
        _, state = v1.nn.dynamic_rnn(encoder, tf.constant(x), dtype=tf.float32)
        decoder = rnn_cell.LSTMCell(3, reuse=True)
        outputs, _ = v1.nn.dynamic_rnn(decoder, tf.constant(x), initial_state=state)
        assert [v.name for v in v1.global_variables()] == [
            "rnn/lstm_cell/kernel:0",
            "rnn/lstm_cell/bias:0",
        ]
        with pytest.raises(ValueError, match="does not exist"):
            v1.nn.dynamic_rnn(
                rnn_cell.LSTMCell(3, reuse=True), tf.constant(x), dtype=tf.float32, scope="new"
            )
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            got, (kernel, bias) = session.run([outputs, encoder.weights])

    def sigmoid(z):
        return 1 / (1 + np.exp(-z))

    c = h = np.zeros((2, 3), np.float32)
    for sequence in (x, x):  # the encoder's run, then the decoder's from its final state
        steps = []
        for t in range(2):
            i, j, f, o = np.split(np.concatenate([sequence[:, t], h], 1) @ kernel + bias, 4, 1)
            c = sigmoid(f + 1.0) * c + sigmoid(i) * np.tanh(j)
            h = sigmoid(o) * np.tanh(c)
            steps.append(h)
    np.testing.assert_allclose(got, np.stack(steps, 1), rtol=1e-5, atol=1e-6)


def test_a_cell_run_again_elsewhere_on_inputs_of_another_size_gets_tf_1_0s_new_weights(caplog):
    # One cell for an encoder over 6-wide vectors and a decoder over 5-wide embeddings: TF 1.2+
    # failed with a shape error and TF 1.1 refused the second scope, so only TF 1.0 ran such a
    # program, giving the cell new weights in the decoder's scope.
    from legacy2tf2.runtime import legacy_seq2seq

    x = np.linspace(-1, 1, 36, dtype=np.float32).reshape(2, 3, 6)
    with tf.Graph().as_default():
        cell = rnn_cell.BasicRNNCell(4)
        _, state = v1.nn.dynamic_rnn(cell, tf.constant(x), dtype=tf.float32)
        ids = [tf.constant([1, 2]), tf.constant([3, 0])]
        outputs, _ = legacy_seq2seq.embedding_rnn_decoder(ids, state, cell, 7, 5)
        legacy_seq2seq.embedding_rnn_decoder(ids, state, cell, 7, 5, scope="second")
        names = [v.name for v in v1.global_variables()]
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            got, values = session.run([outputs, {v.name: v for v in v1.global_variables()}])
    assert names == [
        "rnn/basic_rnn_cell/kernel:0",
        "rnn/basic_rnn_cell/bias:0",
        "embedding_rnn_decoder/embedding:0",
        "embedding_rnn_decoder/rnn_decoder/basic_rnn_cell/kernel:0",
        "embedding_rnn_decoder/rnn_decoder/basic_rnn_cell/bias:0",
        "second/embedding:0",
        "second/rnn_decoder/basic_rnn_cell/kernel:0",
        "second/rnn_decoder/basic_rnn_cell/bias:0",
    ]
    assert values["embedding_rnn_decoder/rnn_decoder/basic_rnn_cell/kernel:0"].shape == (9, 4)
    h = np.zeros((2, 4), np.float32)
    for t in range(3):
        h = np.tanh(
            np.concatenate([x[:, t], h], 1) @ values["rnn/basic_rnn_cell/kernel:0"]
            + values["rnn/basic_rnn_cell/bias:0"]
        )
    decoder = "embedding_rnn_decoder/rnn_decoder/basic_rnn_cell/"
    for step, step_ids in enumerate([[1, 2], [3, 0]]):
        embedded = values["embedding_rnn_decoder/embedding:0"][step_ids]
        h = np.tanh(
            np.concatenate([embedded, h], 1) @ values[decoder + "kernel:0"]
            + values[decoder + "bias:0"]
        )
        np.testing.assert_allclose(got[step], h, rtol=1e-5, atol=1e-6)
    messages = [r.getMessage() for r in caplog.records if "only TF 1.0 ran" in r.getMessage()]
    assert len(messages) == 2 and "'rnn/basic_rnn_cell' for inputs of size 6" in messages[0]


def test_lstm_cell_keeps_tf1_s_size_attributes_for_subclasses():
    # TF1's LSTMCell stored its sizes in _state_size / _output_size; a match-LSTM reader of a
    # public QA model subclasses it and answers state_size from self._state_size
    class MatchLSTMCell(rnn_cell.LSTMCell):
        def __init__(self, num_units, h_q):
            super().__init__(num_units)
            self._output_size = num_units
            self.h_q = h_q

        @property
        def state_size(self):
            return self._state_size

        @property
        def output_size(self):
            return self._output_size

    projected = rnn_cell.LSTMCell(5, num_proj=3)
    assert (projected._state_size, projected._output_size) == ((5, 3), 3)
    assert rnn_cell.LSTMCell(4, state_is_tuple=False)._state_size == 8
    x = np.linspace(-1, 1, 12, dtype=np.float32).reshape(2, 2, 3)
    with tf.Graph().as_default():
        cell = MatchLSTMCell(4, None)
        outputs, _ = v1.nn.dynamic_rnn(cell, tf.constant(x), dtype=tf.float32)
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            got, kernel, bias = session.run([outputs, *cell.weights])
    c = h = np.zeros((2, 4))
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    for t in range(2):
        i, j, f, o = np.split(np.concatenate([x[:, t], h], 1) @ kernel + bias, 4, axis=1)
        c = c * sig(f + 1.0) + sig(i) * np.tanh(j)
        h = np.tanh(c) * sig(o)
        np.testing.assert_allclose(got[:, t], h, rtol=1e-5, atol=1e-6)
