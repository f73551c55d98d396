"""TF1's ``tf.contrib.learn.run_n`` and ``run_feeds``: evaluate tensors in a fresh session.

TF 0.10-1.15 tutorials printed what an RNN computes with
``tf.contrib.learn.run_n({"outputs": outputs, "last_states": states}, n=1, feed_dict=None)``.
TF1 ran them in a new ``Session`` on the tensors' graph after initializing its variables
(or restoring them from ``restore_checkpoint_path``), its local variables and lookup tables,
with the graph's queue runners started, once per feed dict, and returned one dict of NumPy
values per run. The functions here do the same on ``tf.compat.v1``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import tensorflow as tf

__all__ = ["ModeKeys", "run_feeds", "run_n"]

_v1 = tf.compat.v1


class ModeKeys:
    """TF1's ``tf.contrib.learn.ModeKeys``: the mode strings a model function was built for.

    Programs passed them to their own model classes (``Model(..., ModeKeys.TRAIN)``) and
    compared them; TF1 defined them as these three strings (``tf.estimator.ModeKeys`` has the
    same values, ``PREDICT`` being ``"infer"``), with ``validate``.
    """

    TRAIN = "train"
    EVAL = "eval"
    INFER = "infer"

    @classmethod
    def validate(cls, key: str) -> None:
        """TF1's check that ``key`` is one of the three modes (``ValueError`` otherwise)."""
        if key not in (cls.TRAIN, cls.EVAL, cls.INFER):
            raise ValueError(f"Invalid mode {key}.")


def run_n(
    output_dict: Mapping[str, Any],
    feed_dict: Mapping[Any, Any] | None = None,
    restore_checkpoint_path: str | None = None,
    n: int = 1,
) -> list[dict[str, Any]]:
    """TF1's ``run_n``: ``output_dict`` evaluated ``n`` times with the same ``feed_dict``.

    One fresh session for all ``n`` runs, set up as :func:`run_feeds` does; random ops draw
    anew in each run. Returns a list of ``n`` dicts with ``output_dict``'s keys.
    """
    return run_feeds(output_dict, [feed_dict] * n, restore_checkpoint_path)


def run_feeds(
    output_dict: Mapping[str, Any],
    feed_dicts: Sequence[Mapping[Any, Any] | None],
    restore_checkpoint_path: str | None = None,
) -> list[dict[str, Any]]:
    """TF1's ``run_feeds``: ``output_dict`` evaluated once per feed dict, in one new session.

    The session runs on the graph of the tensors in ``output_dict``. Before the runs it
    creates the graph's resources, then initializes the global variables, or restores them
    from ``restore_checkpoint_path`` (a checkpoint, or a directory whose latest checkpoint is
    read) with the graph's ``SAVERS`` saver or a new ``Saver``, then the local variables and
    the lookup tables, and starts the queue runners, which are stopped afterwards.

    Under eager execution there is no graph to run again: the values are returned as they are
    for one run without feeds, and anything else raises ``ValueError``.
    """
    if not output_dict:
        raise ValueError(f"output_dict is invalid: {output_dict}.")
    if not feed_dicts:
        raise ValueError(f"feed_dicts is invalid: {feed_dicts}.")
    values = list(output_dict.values())
    if tf.executing_eagerly() and not any(hasattr(value, "graph") for value in values):
        return _eager_values(output_dict, feed_dicts, restore_checkpoint_path)
    graph = _graph_of(values)
    with graph.as_default(), _v1.Session("", graph=graph) as session:
        resources = graph.get_collection(_v1.GraphKeys.RESOURCES) + graph.get_collection(
            _v1.GraphKeys.LOCAL_RESOURCES
        )
        if resources:
            session.run(tf.group(*[resource.create for resource in resources]))
        if restore_checkpoint_path:
            _restore(session, graph, restore_checkpoint_path)
        else:
            session.run(_v1.global_variables_initializer())
        session.run(_v1.local_variables_initializer())
        session.run(_v1.tables_initializer())
        coord = _v1.train.Coordinator()
        threads = None
        try:
            threads = _v1.train.start_queue_runners(session, coord=coord)
            return [session.run(dict(output_dict), feed) for feed in feed_dicts]
        finally:
            coord.request_stop()
            if threads:
                coord.join(threads, stop_grace_period_secs=120)


def _graph_of(values: list[Any]) -> tf.Graph:
    graphs = {id(value.graph): value.graph for value in values if hasattr(value, "graph")}
    if len(graphs) > 1:
        raise ValueError("output_dict holds tensors of more than one graph")
    if not graphs:
        return _v1.get_default_graph()
    return next(iter(graphs.values()))


def _restore(session: Any, graph: tf.Graph, path: str) -> None:
    savers = graph.get_collection(_v1.GraphKeys.SAVERS)
    saver = savers[0] if savers else _v1.train.Saver()
    if tf.io.gfile.isdir(path):
        path = tf.train.latest_checkpoint(path)
    saver.restore(session, path)


def _eager_values(
    output_dict: Mapping[str, Any],
    feed_dicts: Sequence[Mapping[Any, Any] | None],
    restore_checkpoint_path: str | None,
) -> list[dict[str, Any]]:
    if len(feed_dicts) != 1 or feed_dicts[0] or restore_checkpoint_path:
        raise ValueError(
            "run_n/run_feeds got eager tensors: they were computed once when created and "
            "cannot be run again, fed or restored here; build the model in graph mode "
            "(tf.compat.v1.disable_eager_execution() after the TensorFlow import), as TF1 did"
        )
    return [{key: value.numpy() for key, value in output_dict.items()}]
