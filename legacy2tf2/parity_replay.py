"""Replays TF1 reference cases (``fixtures/parity/README.md``) against the runtime.

The harness behind ``legacy2tf2 parity`` and the parity tests: it uses the runtime, it is not part
of it (rewritten programs never import it).

A case names one call of a legacy_seq2seq function, every variable value TF1 had, and what TF1
returned: outputs, states, losses, and the gradients of ``L = sum_k sum(out_k * probe_k)`` with
respect to every variable and float input. :func:`run_case` rebuilds the call in one of three
modes (``graph``: ``tf.compat.v1`` graph + Session; ``eager``; ``function``: inside
``tf.function``), gives every variable its TF1 value by TF1 name, and compares every array.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import tensorflow as tf

from legacy2tf2.runtime import legacy_seq2seq, rnn_cell
from legacy2tf2.runtime.variables import VariableStore, get_variable

_v1 = tf.compat.v1
MODES = ("graph", "eager", "function")


@dataclass
class Case:
    """One reference case: its JSON description and its arrays."""

    name: str
    spec: dict[str, Any]
    arrays: dict[str, np.ndarray]

    @property
    def variable_names(self) -> list[str]:
        return [v["name"] for v in self.spec["variables"]]


@dataclass
class CaseResult:
    """The outcome of one case in one mode; ``worst`` is the largest error / tolerance ratio."""

    name: str
    mode: str
    passed: bool
    worst: float = 0.0
    worst_key: str = ""
    error: str | None = None
    ratios: dict[str, float] = field(default_factory=dict)


def load_case(json_path: Path) -> Case:
    """Read ``NAME.json`` and ``NAME.npz``."""
    spec = json.loads(Path(json_path).read_text())
    with np.load(Path(json_path).with_suffix(".npz")) as data:
        arrays = {key: data[key] for key in data.files}
    return Case(spec.get("name", Path(json_path).stem), spec, arrays)


def find_cases(directory: Path) -> list[Path]:
    """The ``*.json`` cases of ``directory`` that have an ``.npz`` beside them, sorted."""
    return sorted(p for p in Path(directory).glob("*.json") if p.with_suffix(".npz").exists())


def build_cell(spec: dict[str, Any]) -> Any:
    """A runtime cell from a FORMAT.md cell SPEC."""
    kind = spec["type"]
    options = {k: v for k, v in spec.items() if k not in ("type", "cell", "cells")}
    if kind == "MultiRNNCell":
        return rnn_cell.MultiRNNCell([build_cell(s) for s in spec["cells"]], **options)
    if kind == "OutputProjectionWrapper":
        return rnn_cell.OutputProjectionWrapper(build_cell(spec["cell"]), **options)
    return getattr(rnn_cell, kind)(**options)


class _CallBuilder:
    """Decodes the ``$``-encoded arguments of a case into runtime values."""

    def __init__(self, case: Case, mode: str) -> None:
        self.case = case
        self.mode = mode
        self.float_inputs: dict[str, Any] = {}
        self.projection: Any = None

    def tensor(self, key: str) -> Any:
        value = tf.constant(self.case.arrays[f"input/{key}"])
        if value.dtype.is_floating:
            self.float_inputs[key] = value
        return value

    def tensor_list(self, key: str) -> list[Any]:
        array = self.case.arrays[f"input/{key}"]
        values = [tf.constant(step) for step in array]
        if values and values[0].dtype.is_floating:
            self.float_inputs[key] = values
        return values

    def decode(self, value: Any, cell: Any = None) -> Any:
        if not (isinstance(value, dict) and len(value) == 1 and next(iter(value)).startswith("$")):
            return value
        ((kind, arg),) = value.items()
        if kind == "$inputs":
            return self.tensor_list(arg)
        if kind == "$input":
            return self.tensor(arg)
        if kind == "$inputs_dict":
            return {k: self.tensor_list(v) for k, v in arg.items()}
        if kind == "$cell":
            return build_cell(arg)
        if kind == "$cells":
            return {k: build_cell(v) for k, v in arg.items()}
        if kind == "$dtype":
            return tf.as_dtype(arg)
        if kind == "$bool_tensor":
            if self.mode == "graph":
                return _v1.placeholder_with_default(bool(arg), shape=[])
            return tf.constant(bool(arg))
        if kind == "$state":
            leaves, i = [], 0
            while f"input/{arg}/{i}" in self.case.arrays:
                leaves.append(self.tensor(f"{arg}/{i}"))
                i += 1
            return tf.nest.pack_sequence_as(cell.state_size, leaves)
        if kind == "$output_projection":
            return self.output_projection(arg)
        if kind == "$loop_function":
            table = tf.constant(self.case.arrays[f"const/{arg}"])
            return lambda prev, i: tf.nn.embedding_lookup(table, tf.argmax(prev, 1))
        if kind == "$softmax_loss_function":
            return self.loss_function(arg)
        if kind == "$seq2seq":
            return self.seq2seq(arg)
        raise ValueError(f"Unknown encoding {kind!r} in case {self.case.name}")

    def output_projection(self, arg: dict[str, Any]) -> Any:
        if self.projection is None:
            dtype = tf.as_dtype(arg.get("dtype", "float32"))
            with _v1.variable_scope("proj"):
                weights = get_variable("proj_w", [arg["output_size"], arg["num_symbols"]], dtype)
                biases = get_variable("proj_b", [arg["num_symbols"]], dtype)
            self.projection = (weights, biases)
        return self.projection

    def loss_function(self, name: str) -> Any:
        def xent(labels: Any, logits: Any) -> Any:
            return tf.nn.sparse_softmax_cross_entropy_with_logits(
                labels=tf.reshape(labels, [-1]), logits=logits
            )

        if name == "double_xent":
            return lambda labels, logits: 2 * xent(labels, logits)
        if name == "projected_xent":
            return lambda labels, logits: xent(
                labels, tf.matmul(logits, self.projection[0]) + self.projection[1]
            )
        raise ValueError(f"Unknown softmax_loss_function {name!r} in case {self.case.name}")

    def seq2seq(self, arg: dict[str, Any]) -> Any:
        function = getattr(legacy_seq2seq, arg["function"])
        fixed = {k: self.decode(v) for k, v in arg["args"].items() if "$cell" not in str(v)}

        def call(encoder_inputs: list[Any], decoder_inputs: list[Any]) -> Any:
            fresh = {k: self.decode(v) for k, v in arg["args"].items() if "$cell" in str(v)}
            return function(encoder_inputs, decoder_inputs, **fixed, **fresh)

        return call

    def arguments(self) -> dict[str, Any]:
        raw = self.case.spec["call"]["args"]
        cell = None
        decoded: dict[str, Any] = {}
        # Cells first: a "$state" argument is packed like the cell's state.
        for key, value in raw.items():
            if isinstance(value, dict) and "$cell" in value:
                cell = decoded[key] = self.decode(value)
        for key, value in raw.items():
            if key not in decoded:
                decoded[key] = self.decode(value, cell)
        return decoded


def _results(function: str, returned: Any) -> dict[str, Any]:
    if function in ("sequence_loss", "sequence_loss_by_example"):
        return {"out/loss": returned}
    first, second = returned
    results: dict[str, Any] = {}
    if function == "model_with_buckets":
        for j, (outputs, loss) in enumerate(zip(first, second, strict=True)):
            results[f"out/outputs/{j}"] = tf.stack(outputs)
            results[f"out/losses/{j}"] = loss
    elif function == "one2many_rnn_seq2seq":
        for key, outputs in first.items():
            results[f"out/outputs/{key}"] = tf.stack(outputs)
            for i, leaf in enumerate(tf.nest.flatten(second[key])):
                results[f"out/state/{key}/{i}"] = leaf
    else:
        results["out/outputs"] = tf.stack(first)
        for i, leaf in enumerate(tf.nest.flatten(second)):
            results[f"out/state/{i}"] = leaf
    return results


def _objective(case: Case, results: dict[str, Any]) -> Any:
    total = tf.constant(0.0)
    for key, value in results.items():
        probe = case.arrays.get("probe/" + key[len("out/") :])
        if probe is not None and value.dtype.is_floating:
            total += tf.reduce_sum(tf.cast(value, tf.float32) * probe.astype(np.float32))
    return total


def _input_gradients(builder: _CallBuilder, grads: list[Any]) -> dict[str, Any]:
    result, k = {}, 0
    for key, value in builder.float_inputs.items():
        if isinstance(value, list):
            parts = grads[k : k + len(value)]
            k += len(value)
            result[f"grad_input/{key}"] = tf.stack(
                [
                    tf.zeros_like(v) if g is None else tf.convert_to_tensor(g)
                    for v, g in zip(value, parts, strict=True)
                ]
            )
        else:
            g = grads[k]
            k += 1
            result[f"grad_input/{key}"] = (
                tf.zeros_like(value) if g is None else tf.convert_to_tensor(g)
            )
    return result


def _flat_inputs(builder: _CallBuilder) -> list[Any]:
    return [t for v in builder.float_inputs.values() for t in (v if isinstance(v, list) else [v])]


def _dense(grads: list[Any], variables: list[Any]) -> list[Any]:
    return [
        tf.zeros(v.shape, v.dtype) if g is None else tf.convert_to_tensor(g)
        for g, v in zip(grads, variables, strict=True)
    ]


def _run_graph(case: Case) -> tuple[dict[str, np.ndarray], list[str]]:
    function = getattr(legacy_seq2seq, case.spec["call"]["function"])
    with tf.Graph().as_default():
        builder = _CallBuilder(case, "graph")
        results = _results(case.spec["call"]["function"], function(**builder.arguments()))
        by_name = {v.name[: -len(":0")]: v for v in _v1.trainable_variables()}
        created = list(by_name)
        names = [n for n in case.variable_names if n in by_name]
        variables = [by_name[n] for n in names]
        objective = _objective(case, results)
        flat_inputs = _flat_inputs(builder)
        grads = _v1.gradients(objective, variables + flat_inputs)
        fetch = dict(results)
        fetch.update(
            {
                f"grad/{n}": g
                for n, g in zip(names, _dense(grads[: len(names)], variables), strict=True)
            }
        )
        fetch.update(_input_gradients(builder, grads[len(names) :]))
        with _v1.Session() as session:
            session.run(_v1.global_variables_initializer())
            session.run(
                [
                    variable.assign(case.arrays[f"var/{name}"])
                    for name, variable in zip(names, variables, strict=True)
                ]
            )
            values = session.run(fetch)
    return values, created


class _RetracingWarningFilter(logging.Filter):
    """Drops TensorFlow's "N out of the last N calls to <function> triggered tf.function retracing".

    TensorFlow counts traces per Python function; function mode wraps the same replay function
    once per case, so every case after the fifth would warn although each is traced only once.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return "triggered tf.function retracing" not in record.getMessage()


@contextlib.contextmanager
def _without_retracing_warnings() -> Iterator[None]:
    logger = tf.get_logger()
    dropped = _RetracingWarningFilter()
    logger.addFilter(dropped)
    try:
        yield
    finally:
        logger.removeFilter(dropped)


def _run_eager(case: Case, compiled: bool) -> tuple[dict[str, np.ndarray], list[str]]:
    function = getattr(legacy_seq2seq, case.spec["call"]["function"])
    store = VariableStore()
    for spec in case.spec["variables"]:
        store.create(spec["name"], case.arrays[f"var/{spec['name']}"], dtype=spec["dtype"])
    variables = [store[n] for n in case.variable_names]

    def run() -> dict[str, Any]:
        with store.as_default():
            builder = _CallBuilder(case, "function" if compiled else "eager")
            with tf.GradientTape(persistent=False) as tape:
                arguments = builder.arguments()
                tape.watch(_flat_inputs(builder))
                results = _results(case.spec["call"]["function"], function(**arguments))
                objective = _objective(case, results)
            flat_inputs = _flat_inputs(builder)
            grads = tape.gradient(objective, variables + flat_inputs)
            out = dict(results)
            names = case.variable_names
            out.update(
                {
                    f"grad/{n}": g
                    for n, g in zip(names, _dense(grads[: len(names)], variables), strict=True)
                }
            )
            out.update(_input_gradients(builder, grads[len(names) :]))
            return out

    if compiled:
        with _without_retracing_warnings():
            values = tf.function(run)()
    else:
        values = run()
    return {k: np.asarray(v) for k, v in values.items()}, store.names()


def compare(case: Case, values: dict[str, np.ndarray]) -> dict[str, float]:
    """Error / tolerance ratio of every recorded array (``out/``, ``grad/``, ``grad_input/``)."""
    rtol, atol = case.spec["tolerance"]["rtol"], case.spec["tolerance"]["atol"]
    ratios = {}
    for key, reference in case.arrays.items():
        if not key.startswith(("out/", "grad/", "grad_input/")):
            continue
        if key not in values:
            ratios[key] = float("inf")
            continue
        actual = np.asarray(values[key], dtype=np.float64)
        expected = np.asarray(reference, dtype=np.float64)
        if actual.shape != expected.shape:
            ratios[key] = float("inf")
            continue
        bound = atol + rtol * np.abs(expected)
        ratios[key] = float(np.max(np.abs(actual - expected) / bound)) if expected.size else 0.0
    return ratios


def run_case(case: Case, mode: str) -> CaseResult:
    """Replay ``case`` in ``mode`` (``graph``, ``eager`` or ``function``) and compare."""
    if mode not in MODES:
        raise ValueError(f"Argument `mode` must be one of {MODES}. Received: mode={mode!r}")
    try:
        if mode == "graph":
            values, created = _run_graph(case)
        else:
            values, created = _run_eager(case, compiled=mode == "function")
    except Exception as error:  # a case that crashes is a failed case, reported with its cause
        return CaseResult(
            case.name, mode, False, float("inf"), "", f"{type(error).__name__}: {error}"
        )
    expected = set(case.variable_names)
    if set(created) != expected:
        extra = sorted(set(created) - expected)
        missing = sorted(expected - set(created))
        return CaseResult(
            case.name,
            mode,
            False,
            float("inf"),
            "",
            f"variables differ from TF1's: unexpected {extra}, missing {missing}",
        )
    if mode == "graph" and created != case.variable_names:
        # tf.trainable_variables() lists them as made: programs pick variables by position
        first = next(
            i for i, (a, b) in enumerate(zip(created, case.variable_names, strict=True)) if a != b
        )
        return CaseResult(
            case.name,
            mode,
            False,
            float("inf"),
            "",
            f"variables made in another order than TF1's: #{first} is {created[first]}, "
            f"TF1's is {case.variable_names[first]}",
        )
    ratios = compare(case, values)
    worst_key = max(ratios, key=ratios.__getitem__) if ratios else ""
    worst = ratios.get(worst_key, 0.0)
    return CaseResult(case.name, mode, worst <= 1.0, worst, worst_key, None, ratios)
