"""legacy2tf2.runtime.contrib_learn: TF1's run_n / run_feeds, checked against NumPy and against
the variables a checkpoint holds."""

from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime.contrib_learn import ModeKeys, run_feeds, run_n

v1 = tf.compat.v1


def test_run_n_initializes_variables_and_runs_n_times_with_the_same_feed() -> None:
    graph = tf.Graph()
    with graph.as_default():
        x = v1.placeholder(tf.float32, [2])
        w = v1.get_variable("w", initializer=np.array([1.0, -2.0], np.float32))
        counter = v1.get_variable("n", initializer=0.0, collections=[v1.GraphKeys.LOCAL_VARIABLES])
        step = v1.assign_add(counter, 1.0)
        out = {"y": x * w, "step": step}
    got = run_n(out, feed_dict={x: [3.0, 4.0]}, n=3)
    assert [sorted(r) for r in got] == [["step", "y"]] * 3
    for r in got:
        np.testing.assert_allclose(r["y"], np.array([3.0, 4.0]) * np.array([1.0, -2.0]))
    assert [r["step"] for r in got] == [1.0, 2.0, 3.0]  # one session for all runs


def test_run_feeds_one_result_per_feed_and_random_ops_draw_again() -> None:
    graph = tf.Graph()
    with graph.as_default():
        x = v1.placeholder(tf.float32, [])
        out = {"x2": x * 2, "noise": tf.random.uniform([4], seed=1)}
    got = run_feeds(out, [{x: 1.0}, {x: 5.0}])
    assert [r["x2"] for r in got] == [2.0, 10.0]
    assert not np.array_equal(got[0]["noise"], got[1]["noise"])


def test_restore_checkpoint_path_reads_the_saved_values(tmp_path) -> None:
    saved = np.array([[0.5, 1.5], [2.5, -3.5]], np.float32)
    with tf.Graph().as_default():
        w = v1.get_variable("w", initializer=saved)
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            v1.train.Saver().save(sess, str(tmp_path / "model.ckpt"))
    with tf.Graph().as_default():
        w = v1.get_variable("w", [2, 2], initializer=v1.zeros_initializer())
        by_file = run_n({"w": w}, restore_checkpoint_path=str(tmp_path / "model.ckpt"))
        by_dir = run_n({"w": w}, restore_checkpoint_path=str(tmp_path))
        fresh = run_n({"w": w})
    np.testing.assert_array_equal(by_file[0]["w"], saved)
    np.testing.assert_array_equal(by_dir[0]["w"], saved)
    np.testing.assert_array_equal(fresh[0]["w"], np.zeros([2, 2]))


def test_bad_arguments_raise_as_in_tf1() -> None:
    with tf.Graph().as_default():
        c = tf.constant(1)
        with pytest.raises(ValueError, match="output_dict is invalid"):
            run_n({})
        with pytest.raises(ValueError, match="feed_dicts is invalid"):
            run_feeds({"c": c}, [])
        with pytest.raises(ValueError, match="more than one graph"):
            with tf.Graph().as_default():
                d = tf.constant(2)
            run_n({"c": c, "d": d})


def test_eager_values_once_and_loud_otherwise() -> None:
    assert tf.executing_eagerly()
    got = run_n({"y": tf.constant([1.0, 2.0]) * 3})
    np.testing.assert_array_equal(got[0]["y"], [3.0, 6.0])
    with pytest.raises(ValueError, match="disable_eager_execution"):
        run_n({"y": tf.constant(1.0)}, n=2)


def test_mode_keys_are_tf1s_strings() -> None:
    # TF1's contrib/learn/python/learn/estimators/model_fn.py: TRAIN/EVAL/INFER and validate
    assert (ModeKeys.TRAIN, ModeKeys.EVAL, ModeKeys.INFER) == ("train", "eval", "infer")
    ModeKeys.validate("infer")
    with pytest.raises(ValueError, match="Invalid mode predict"):
        ModeKeys.validate("predict")
