"""The names TF 0.x, TF 1.0/1.1 and TF 1.2 gave every variable of the three models of
:mod:`tests.checkpoints.tf1_models`, spelled out from what those versions' sources and public
error reports show (see ``legacy2tf2/checkpoints/tf0_names.py`` and ``names.py``), never
derived from the converter.
"""

from __future__ import annotations

_TF0_LINEAR = {"kernel": "Linear/Matrix", "bias": "Linear/Bias"}
_TF1_0_LINEAR = {"kernel": "weights", "bias": "biases"}


def _gru_cell_names(tf0: str, tf1_0: str, tf1_2: str) -> list[tuple[str, str, str]]:
    """A GRUCell at scopes ``tf0``/``tf1_0``/``tf1_2``: ``GRUCell/Gates/Linear/Matrix``, ..."""
    return [
        (
            f"{tf0}/GRUCell/{part.capitalize()}/{_TF0_LINEAR[leaf]}",
            f"{tf1_0}/gru_cell/{part}/{_TF1_0_LINEAR[leaf]}",
            f"{tf1_2}/gru_cell/{part}/{leaf}",
        )
        for part in ("gates", "candidate")
        for leaf in ("kernel", "bias")
    ]


def _basic_lstm_cell_names(tf0: str, tf1_0: str, tf1_2: str) -> list[tuple[str, str, str]]:
    """A BasicLSTMCell: ``BasicLSTMCell/Linear/Matrix`` -> ``basic_lstm_cell/weights`` -> ..."""
    return [
        (
            f"{tf0}/BasicLSTMCell/{_TF0_LINEAR[leaf]}",
            f"{tf1_0}/basic_lstm_cell/{_TF1_0_LINEAR[leaf]}",
            f"{tf1_2}/basic_lstm_cell/{leaf}",
        )
        for leaf in ("kernel", "bias")
    ]


def _attention_names(tf0: str, tf1_0: str, tf1_2: str) -> list[tuple[str, str, str]]:
    """attention_decoder's own variables: AttnW/AttnV and its three linear layers."""
    names = [(f"{tf0}/{v}", f"{tf1_0}/{v}", f"{tf1_2}/{v}") for v in ("AttnW_0", "AttnV_0")]
    for scope in ("", "Attention_0/", "AttnOutputProjection/"):
        names += [
            (
                f"{tf0}/{scope}{_TF0_LINEAR[leaf]}",
                f"{tf1_0}/{scope}{_TF1_0_LINEAR[leaf]}",
                f"{tf1_2}/{scope}{leaf}",
            )
            for leaf in ("kernel", "bias")
        ]
    return names


def gru_attention_names() -> list[tuple[str, str, str]]:
    """The translate tutorial's model: 2 GRU layers, ``output_projection`` given."""
    top = "embedding_attention_seq2seq"
    decoder = f"{top}/embedding_attention_decoder"
    attention = f"{decoder}/attention_decoder"
    names = [
        ("proj_w", "proj_w", "proj_w"),
        ("proj_b", "proj_b", "proj_b"),
        (
            f"{top}/RNN/EmbeddingWrapper/embedding",
            f"{top}/rnn/embedding_wrapper/embedding",
            f"{top}/rnn/embedding_wrapper/embedding",
        ),
        (f"{decoder}/embedding", f"{decoder}/embedding", f"{decoder}/embedding"),
    ]
    for k in range(2):
        names += _gru_cell_names(
            f"{top}/RNN/MultiRNNCell/Cell{k}",
            f"{top}/rnn/multi_rnn_cell/cell_{k}",
            f"{top}/rnn/embedding_wrapper/multi_rnn_cell/cell_{k}",
        )
        names += _gru_cell_names(
            f"{attention}/MultiRNNCell/Cell{k}",
            f"{attention}/multi_rnn_cell/cell_{k}",
            f"{attention}/multi_rnn_cell/cell_{k}",
        )
    return names + _attention_names(attention, attention, attention)


def lstm_attention_names() -> list[tuple[str, str, str]]:
    """2 BasicLSTM layers under the program's scope ``lstm_model``, no ``output_projection``
    (so the decoder cell is wrapped in an OutputProjectionWrapper)."""
    top = "lstm_model/embedding_attention_seq2seq"
    decoder = f"{top}/embedding_attention_decoder"
    attention = f"{decoder}/attention_decoder"
    wrapper = f"{attention}/output_projection_wrapper"
    names = [
        (
            f"{top}/RNN/EmbeddingWrapper/embedding",
            f"{top}/rnn/embedding_wrapper/embedding",
            f"{top}/rnn/embedding_wrapper/embedding",
        ),
        (f"{decoder}/embedding", f"{decoder}/embedding", f"{decoder}/embedding"),
        (
            f"{attention}/OutputProjectionWrapper/Linear/Matrix",
            f"{wrapper}/weights",
            f"{wrapper}/kernel",
        ),
        (
            f"{attention}/OutputProjectionWrapper/Linear/Bias",
            f"{wrapper}/biases",
            f"{wrapper}/bias",
        ),
    ]
    for k in range(2):
        names += _basic_lstm_cell_names(
            f"{top}/RNN/MultiRNNCell/Cell{k}",
            f"{top}/rnn/multi_rnn_cell/cell_{k}",
            f"{top}/rnn/embedding_wrapper/multi_rnn_cell/cell_{k}",
        )
        names += _basic_lstm_cell_names(
            f"{attention}/MultiRNNCell/Cell{k}",
            f"{attention}/multi_rnn_cell/cell_{k}",
            f"{wrapper}/multi_rnn_cell/cell_{k}",
        )
    return names + _attention_names(attention, attention, attention)


#: ``embedding_rnn_seq2seq`` with ``LSTMCell(4, use_peepholes=True, num_proj=3)``, every name
#: written out: (TF 0.x, TF 1.0/1.1, TF 1.2-1.15).
PEEPHOLE_LSTM_NAMES = [
    (
        "embedding_rnn_seq2seq/RNN/EmbeddingWrapper/embedding",
        "embedding_rnn_seq2seq/rnn/embedding_wrapper/embedding",
        "embedding_rnn_seq2seq/rnn/embedding_wrapper/embedding",
    ),
    (
        "embedding_rnn_seq2seq/RNN/LSTMCell/W_0",
        "embedding_rnn_seq2seq/rnn/lstm_cell/weights",
        "embedding_rnn_seq2seq/rnn/embedding_wrapper/lstm_cell/kernel",
    ),
    (
        "embedding_rnn_seq2seq/RNN/LSTMCell/B",
        "embedding_rnn_seq2seq/rnn/lstm_cell/biases",
        "embedding_rnn_seq2seq/rnn/embedding_wrapper/lstm_cell/bias",
    ),
    (
        "embedding_rnn_seq2seq/RNN/LSTMCell/W_F_diag",
        "embedding_rnn_seq2seq/rnn/lstm_cell/w_f_diag",
        "embedding_rnn_seq2seq/rnn/embedding_wrapper/lstm_cell/w_f_diag",
    ),
    (
        "embedding_rnn_seq2seq/RNN/LSTMCell/W_I_diag",
        "embedding_rnn_seq2seq/rnn/lstm_cell/w_i_diag",
        "embedding_rnn_seq2seq/rnn/embedding_wrapper/lstm_cell/w_i_diag",
    ),
    (
        "embedding_rnn_seq2seq/RNN/LSTMCell/W_O_diag",
        "embedding_rnn_seq2seq/rnn/lstm_cell/w_o_diag",
        "embedding_rnn_seq2seq/rnn/embedding_wrapper/lstm_cell/w_o_diag",
    ),
    (
        "embedding_rnn_seq2seq/RNN/LSTMCell/W_P_0",
        "embedding_rnn_seq2seq/rnn/lstm_cell/projection/weights",
        "embedding_rnn_seq2seq/rnn/embedding_wrapper/lstm_cell/projection/kernel",
    ),
    (
        "embedding_rnn_seq2seq/embedding_rnn_decoder/embedding",
        "embedding_rnn_seq2seq/embedding_rnn_decoder/embedding",
        "embedding_rnn_seq2seq/embedding_rnn_decoder/embedding",
    ),
    (
        "embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/OutputProjectionWrapper/Linear/Matrix",
        "embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/output_projection_wrapper/weights",
        "embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/output_projection_wrapper/kernel",
    ),
    (
        "embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/OutputProjectionWrapper/Linear/Bias",
        "embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/output_projection_wrapper/biases",
        "embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/output_projection_wrapper/bias",
    ),
    (
        "embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/LSTMCell/W_0",
        "embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/lstm_cell/weights",
        "embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/output_projection_wrapper/lstm_cell/kernel",
    ),
    (
        "embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/LSTMCell/B",
        "embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/lstm_cell/biases",
        "embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/output_projection_wrapper/lstm_cell/bias",
    ),
    (
        "embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/LSTMCell/W_F_diag",
        "embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/lstm_cell/w_f_diag",
        "embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/output_projection_wrapper/lstm_cell/w_f_diag",
    ),
    (
        "embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/LSTMCell/W_I_diag",
        "embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/lstm_cell/w_i_diag",
        "embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/output_projection_wrapper/lstm_cell/w_i_diag",
    ),
    (
        "embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/LSTMCell/W_O_diag",
        "embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/lstm_cell/w_o_diag",
        "embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/output_projection_wrapper/lstm_cell/w_o_diag",
    ),
    (
        "embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/LSTMCell/W_P_0",
        "embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/lstm_cell/projection/weights",
        "embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/output_projection_wrapper/lstm_cell/projection/kernel",
    ),
]

#: Training bookkeeping: the same name in every version.
BOOKKEEPING = ["global_step", "beta1_power", "beta2_power"]
#: Adam's two slots follow each trainable variable: ``<variable>/Adam`` and ``<variable>/Adam_1``.
ADAM_SLOTS = ("Adam", "Adam_1")


def all_names() -> list[tuple[str, str, str]]:
    """(TF 0.x, TF 1.0/1.1, TF 1.2) for every variable :func:`build_models` creates."""
    trainable = gru_attention_names() + lstm_attention_names() + PEEPHOLE_LSTM_NAMES
    slots = [
        (f"{tf0}/{slot}", f"{tf1_0}/{slot}", f"{tf1_2}/{slot}")
        for tf0, tf1_0, tf1_2 in trainable
        for slot in ADAM_SLOTS
    ]
    return trainable + slots + [(name, name, name) for name in BOOKKEEPING]
