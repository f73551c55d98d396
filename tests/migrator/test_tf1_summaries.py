"""``--full``'s summary step: exact before/after pairs (libcst only, TensorFlow not imported)."""

from __future__ import annotations

import libcst as cst
import pytest

from legacy2tf2.migrator.tf1_summaries import fix_summaries

HEAD = "import tensorflow as tf\n"


def _fix(source: str, tensorboard: bool = False) -> tuple[str, list[tuple[int, int, str]]]:
    module, changes = fix_summaries(cst.parse_module(source), tensorboard)
    return module.code, [(line, col, code) for line, col, code, _ in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ('tf.summary.scalar("loss", loss)\n', 'tf.compat.v1.summary.scalar("loss", loss)\n'),
        ("tf.summary.histogram('w', w)\n", "tf.compat.v1.summary.histogram('w', w)\n"),
        ("tf.summary.image('i', x, 2)\n", "tf.compat.v1.summary.image('i', x, 2)\n"),
        ("tf.summary.audio('a', x, 8000)\n", "tf.compat.v1.summary.audio('a', x, 8000)\n"),
        ("tf.summary.text('t', s)\n", "tf.compat.v1.summary.text('t', s)\n"),
        ("f = tf.summary.scalar\n", "f = tf.compat.v1.summary.scalar\n"),
        ("tf.scalar_summary('loss', loss)\n", "tf.compat.v1.summary.scalar('loss', loss)\n"),
        (
            "tf.scalar_summary(tags='l', values=x)\n",
            "tf.compat.v1.summary.scalar(name='l', tensor=x)\n",
        ),
        (
            "tf.histogram_summary(tag='w', values=w)\n",
            "tf.compat.v1.summary.histogram(name='w', values=w)\n",
        ),
        (
            "tf.image_summary('i', x, max_images=2)\n",
            "tf.compat.v1.summary.image('i', x, max_outputs=2)\n",
        ),
        ("tf.audio_summary('a', x, 8000, 2)\n", "tf.compat.v1.summary.audio('a', x, 8000, 2)\n"),
        ("m = tf.merge_all_summaries()\n", "m = tf.compat.v1.summary.merge_all()\n"),
        ("m = tf.merge_summary([a, b])\n", "m = tf.compat.v1.summary.merge([a, b])\n"),
        (
            "w = tf.train.SummaryWriter(d, sess.graph)\n",
            "w = tf.compat.v1.summary.FileWriter(d, sess.graph)\n",
        ),
    ],
)
def test_summary_calls_move_to_compat_v1(before: str, after: str) -> None:
    new, changes = _fix(HEAD + before)
    assert new == HEAD + after
    assert [c[2] for c in changes] == ["L2T017"]
    assert _fix(new) == (new, [])  # twice equals once


@pytest.mark.parametrize(
    ("imports", "before", "after"),
    [
        (
            "import tensorflow\n",
            "tensorflow.summary.scalar('l', x)\n",
            "tensorflow.compat.v1.summary.scalar('l', x)\n",
        ),
        (
            "import tensorflow as tf1\n",
            "tf1.scalar_summary('l', x)\n",
            "tf1.compat.v1.summary.scalar('l', x)\n",
        ),
        (
            "import tensorflow.compat.v1 as tf\n",
            "tf.scalar_summary('l', x)\n",
            "tf.summary.scalar('l', x)\n",
        ),
        (
            "import tensorflow.compat.v1 as tf\n",
            "tf.summary.scalar('l', x)\n",
            "tf.summary.scalar('l', x)\n",
        ),
        ("import numpy as tf\n", "tf.summary.scalar('l', x)\n", "tf.summary.scalar('l', x)\n"),
    ],
)
def test_names_resolve_through_the_import(imports: str, before: str, after: str) -> None:
    assert _fix(imports + before)[0] == imports + after


def test_a_file_on_the_tf2_summary_api_keeps_its_calls_and_pre_1_0_names_still_move() -> None:
    source = HEAD + (
        "writer = tf.summary.create_file_writer(d)\n"
        "with writer.as_default():\n"
        "    tf.summary.scalar('loss', loss, step=1)\n"
        "    tf.summary.histogram('w', w)\n"
        "tf.scalar_summary('old', x)\n"
    )
    new, changes = _fix(source, tensorboard=True)
    assert new == source.replace("tf.scalar_summary", "tf.compat.v1.summary.scalar")
    assert changes == [(6, 1, "L2T017")]
    _, without = _fix(source, tensorboard=False)  # TF 2 calls need TensorBoard: said so
    assert without == [(4, 5, "L2T019"), (5, 5, "L2T019"), (6, 1, "L2T017")]


def test_a_call_with_step_is_the_tf2_api() -> None:
    source = HEAD + "tf.summary.scalar('a', x, step=3)\ntf.summary.scalar('b', y)\n"
    new, changes = _fix(source, tensorboard=True)
    assert new == HEAD + "tf.summary.scalar('a', x, step=3)\ntf.compat.v1.summary.scalar('b', y)\n"
    assert changes == [(3, 1, "L2T017")]


@pytest.mark.parametrize(
    "call",
    [
        "tf.scalar_summary(['a', 'b'], x)\n",  # 0.x: several tags in one op
        "tf.scalar_summary('a', x, None, 'op')\n",  # 4th positional: op name then, family now
        "tf.histogram_summary('h', x, name='op')\n",  # name= was the op name
        "tf.image_summary(*args)\n",
    ],
)
def test_pre_1_0_calls_that_mean_something_else_are_left_and_reported(call: str) -> None:
    new, changes = _fix(HEAD + call)
    assert new == HEAD + call
    assert [c[2] for c in changes] == ["L2T019"]


def test_a_summary_module_imported_alone_is_reported() -> None:
    source = "from tensorflow import summary\nsummary.scalar('a', x)\n"
    assert _fix(source) == (source, [(2, 1, "L2T019")])


def test_bytes_outside_the_calls_stay() -> None:
    source = "import tensorflow as tf\r\nif a:\r\n\ttf.summary.scalar( 'loss' ,loss )  # keep\r\n"
    new, _ = _fix(source)
    assert new == source.replace("tf.summary", "tf.compat.v1.summary")
