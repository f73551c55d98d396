"""TF1's linear helper of ``rnn_cell`` (``linear``, later the private ``_linear``), one per era.

Programs that wrote their own RNN cells or attention called it: ``W x + b`` over the concatenation
of a list of 2-D tensors, with one weight matrix and one bias created by ``get_variable`` in the
current variable scope. The arithmetic never changed; the variable names did, so each era has its
function here and ``legacy2tf2 rewrite`` picks the one of the path the program imported:

=====================================================  ========================  =================
TF1 path                                               variables                 runtime function
=====================================================  ========================  =================
TF 0.x ``tf.nn.rnn_cell.linear`` / ``_linear``,        ``Linear/Matrix``,        :func:`rnn_linear_tf0`
``tf.nn.seq2seq.linear``, ``tensorflow.models.rnn``    ``Linear/Bias``
TF 1.0/1.1 ``core_rnn_cell_impl._linear``              ``weights``, ``biases``   :func:`rnn_linear_tf1_0`
TF 1.2+ ``rnn_cell_impl._linear``,                     ``kernel``, ``bias``      :func:`rnn_linear`
``core_rnn_cell._linear``
=====================================================  ========================  =================

A TF 0.x-1.1 checkpoint is restored after ``legacy2tf2 convert-checkpoint``, which maps the names
of the TF1 cells and ``legacy_seq2seq`` layers to TF 1.2 names and keeps the program's own. The
two older functions therefore create the name the converter gives the TF1 name: the TF1 name
itself in the program's own scopes (``proj/weights``, ``proj/Linear/Matrix``), and ``kernel`` /
``bias`` where the converter renames, as in an attention decoder copied from ``legacy_seq2seq``
(a scope holding ``AttnW_0``, and its ``Attention_0`` and ``AttnOutputProjection``).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from typing import Any

import tensorflow as tf

from legacy2tf2.checkpoints.names import CheckpointNameError, plan_names
from legacy2tf2.runtime import variables as _variables

__all__ = ["rnn_linear", "rnn_linear_tf0", "rnn_linear_tf1_0"]

_v1 = tf.compat.v1


def _as_list(args: Any, who: str) -> list[tf.Tensor]:
    """TF1's argument checks: a tensor or a non-empty list of 2-D tensors with a known width."""
    if args is None or (isinstance(args, Sequence) and not len(args)):
        raise ValueError("`args` must be specified")
    if not isinstance(args, (list, tuple)):
        args = [args]
    tensors = [tf.convert_to_tensor(a) for a in args]
    shapes = [t.shape for t in tensors]
    for shape in shapes:
        if shape.rank != 2:
            raise ValueError(f"{who} is expecting 2D arguments: {shapes}")
        if shape[1] is None:
            raise ValueError(
                f"{who} expects shape[1] to be provided for shape {shape}, but saw None"
            )
    dtype = tensors[0].dtype
    for t in tensors[1:]:
        if t.dtype != dtype:
            raise TypeError(
                f"{who}: all args must have one dtype (TF1 concatenated them); got "
                f"{[a.dtype.name for a in tensors]}"
            )
    if not dtype.is_floating:
        raise TypeError(f"{who}: args must be floating point; got {dtype.name}")
    return tensors


def _variable(name: str, shape: list[int], dtype: tf.DType, initializer: Any) -> Any:
    return _variables.get_variable(name, shape, dtype=dtype, initializer=initializer)


_ATTENTION_VARIABLE = re.compile(r"Attn[WV]_\d+")


def _existing_names() -> list[str]:
    if _variables.in_graph_mode():
        return [v.op.name for v in _v1.global_variables()]
    return _variables.current_store().names()


def _as_converted(names: tuple[str, str]) -> tuple[str, str]:
    """The names (relative to the current scope) ``convert-checkpoint`` gives these TF 0.x-1.1
    names, next to the attention decoders already built; unchanged where it keeps or refuses."""
    prefix = _variables.current_scope_name()
    full = [f"{prefix}/{name}" if prefix else name for name in names]
    attention = [
        name for name in _existing_names() if _ATTENTION_VARIABLE.fullmatch(name.rpartition("/")[2])
    ]
    try:
        plan = plan_names([*full, *attention]).names
    except CheckpointNameError:
        return names
    converted = [plan[name] for name in full]
    start = len(prefix) + 1 if prefix else 0
    if any(prefix and not name.startswith(prefix + "/") for name in converted):
        return names
    return converted[0][start:], converted[1][start:]


@contextlib.contextmanager
def _no_partitioner() -> Iterator[None]:
    """TF 1.0+ created the bias with the current scope's partitioner unset."""
    scope = _v1.get_variable_scope()
    with _v1.variable_scope(scope, auxiliary_name_scope=False) as inner:
        inner.set_partitioner(None)
        yield


def _compute(
    tensors: list[tf.Tensor],
    output_size: int,
    bias: bool,
    names: tuple[str, str],
    kernel_initializer: Any,
    bias_initializer: Any,
    bias_partitioned: bool = False,
) -> tf.Tensor:
    dtype = tensors[0].dtype
    total = sum(int(t.shape[1]) for t in tensors)
    kernel = _variable(names[0], [total, int(output_size)], dtype, kernel_initializer)
    inputs = tensors[0] if len(tensors) == 1 else tf.concat(tensors, 1)
    res = tf.matmul(inputs, tf.convert_to_tensor(kernel))
    if not bias:
        return res
    with contextlib.nullcontext() if bias_partitioned else _no_partitioner():
        biases = _variable(names[1], [int(output_size)], dtype, bias_initializer)
    return tf.nn.bias_add(res, tf.convert_to_tensor(biases))


def rnn_linear_tf0(
    args: Any, output_size: int, bias: bool, bias_start: float = 0.0, scope: Any = None
) -> tf.Tensor:
    """TF 0.x's ``rnn_cell.linear`` / ``rnn_cell._linear`` / ``seq2seq.linear``.

    Reproduces TF 0.x: ``concat(args, 1) @ Matrix + Bias`` with the variables ``Matrix``
    ``[sum of the args' widths, output_size]`` (the scope's initializer, else glorot uniform) and
    ``Bias`` ``[output_size]`` (constant ``bias_start``) in ``variable_scope(scope or "Linear")``,
    in the dtype of the args (the bias too under the scope's partitioner, which TF 1.0 stopped
    applying to it). Where ``convert-checkpoint`` renames those variables (an attention
    decoder's scope), they are ``kernel`` and ``bias`` of the current scope, as it names them.

    Raises:
        ValueError: ``args`` is empty, not 2-D, or of unknown width.
    """
    tensors = _as_list(args, "Linear")
    initializer = _v1.constant_initializer(bias_start)
    if scope:
        with _v1.variable_scope(scope):
            names = _as_converted(("Matrix", "Bias"))
            return _compute(tensors, output_size, bias, names, None, initializer, True)
    names = _as_converted(("Linear/Matrix", "Linear/Bias"))
    return _compute(tensors, output_size, bias, names, None, initializer, True)


def rnn_linear_tf1_0(args: Any, output_size: int, bias: bool, bias_start: float = 0.0) -> tf.Tensor:
    """TF 1.0/1.1's ``core_rnn_cell_impl._linear``.

    Reproduces TF 1.0/1.1: ``concat(args, 1) @ weights + biases`` with the variables ``weights``
    ``[sum of the args' widths, output_size]`` (the scope's initializer, else glorot uniform) and
    ``biases`` ``[output_size]`` (constant ``bias_start``) in the current variable scope, in the
    dtype of the args. Where ``convert-checkpoint`` renames those variables (an attention
    decoder's scope, a TF1 cell's), they are ``kernel`` and ``bias``, as it names them.

    Raises:
        ValueError: ``args`` is empty, not 2-D, or of unknown width.
    """
    tensors = _as_list(args, "linear")
    names = _as_converted(("weights", "biases"))
    return _compute(tensors, output_size, bias, names, None, _v1.constant_initializer(bias_start))


def rnn_linear(
    args: Any,
    output_size: int,
    bias: bool,
    bias_initializer: Any = None,
    kernel_initializer: Any = None,
    *,
    bias_start: float | None = None,
) -> tf.Tensor:
    """TF 1.2-1.15's ``rnn_cell_impl._linear`` / ``core_rnn_cell._linear``.

    Reproduces TF 1.2+: ``concat(args, 1) @ kernel + bias`` with the variables ``kernel``
    ``[sum of the args' widths, output_size]`` (``kernel_initializer``, else the scope's
    initializer, else glorot uniform) and ``bias`` ``[output_size]`` (``bias_initializer``, else
    zeros) in the current variable scope, in the dtype of the args. A number given as
    ``bias_initializer`` (or ``bias_start=``, the older spelling) is a constant initial bias.

    Raises:
        ValueError: ``args`` is empty, not 2-D, or of unknown width.
    """
    tensors = _as_list(args, "linear")
    if bias_start is not None:
        if bias_initializer is not None:
            raise TypeError("_linear: give bias_initializer or bias_start, not both")
        bias_initializer = bias_start
    if bias_initializer is None:
        bias_initializer = 0.0
    if isinstance(bias_initializer, (int, float)) and not isinstance(bias_initializer, bool):
        bias_initializer = _v1.constant_initializer(float(bias_initializer))
    return _compute(
        tensors, output_size, bias, ("kernel", "bias"), kernel_initializer, bias_initializer
    )
