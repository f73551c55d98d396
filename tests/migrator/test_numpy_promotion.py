"""``--full``: Python numbers that accumulate NumPy scalars (``total = 0.0``, then ``total += loss``
with ``loss`` fetched by ``sess.run``) promote as NumPy 1 promoted them (``float64``), where
NumPy 2 (NEP 50) keeps ``float32``: other printed digits, a less exact sum, ``json.dump`` refusing
it. Values by NEP 50's table of old (NumPy 1) results."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np
import pytest

from legacy2tf2.migrator.numpy_promotion import fix_scalar_promotion
from legacy2tf2.runtime import numpy1
from tests.e2e.helpers import python

HEAD = "import time\nimport numpy as np\n"
IMPORT = "import time\nimport numpy as np\nfrom legacy2tf2.runtime import numpy1\n\n"


def fix(body: str) -> tuple[str, list[str]]:
    new, changes = fix_scalar_promotion((HEAD + body).encode())
    return new.decode(), [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "epoch_loss = 0\nfor b in data:\n    epoch_loss += sess.run(loss, {x: b})\n",
            "epoch_loss = numpy1.number(0)\nfor b in data:\n    epoch_loss += sess.run(loss, {x: b})\n",
        ),
        (
            "step_time, loss = 0.0, 0.0\nwhile True:\n    loss += step_loss / steps\n"
            "    step_time += 1\n",
            "step_time, loss = 0.0, numpy1.number(0.0)\nwhile True:\n"
            "    loss += step_loss / numpy1.number(steps)\n    step_time += 1\n",
        ),
        (
            "def run_epoch(session, model):\n    costs = 0.0\n    for step in range(9):\n"
            "        cost = session.run(model.cost)\n        costs += cost\n"
            "    return np.exp(costs / 9)\n",
            "def run_epoch(session, model):\n    costs = numpy1.number(0.0)\n    for step in range(9):\n"
            "        cost = session.run(model.cost)\n        costs += cost\n"
            "    return np.exp(costs / 9)\n",
        ),
        (  # the translate tutorial's: the quotient too is NumPy 1's float64
            "step_time, loss = 0.0, 0.0\nwhile True:\n    start_time = time.time()\n"
            "    step_time += (time.time() - start_time) / FLAGS.steps_per_checkpoint\n"
            "    loss += step_loss / FLAGS.steps_per_checkpoint\n",
            "step_time, loss = 0.0, numpy1.number(0.0)\nwhile True:\n    start_time = time.time()\n"
            "    step_time += (time.time() - start_time) / FLAGS.steps_per_checkpoint\n"
            "    loss += step_loss / numpy1.number(FLAGS.steps_per_checkpoint)\n",
        ),
        (
            "total = 0.0\nfor b in batches:\n    total += sess.run(loss) * batch_size\n",
            "total = numpy1.number(0.0)\nfor b in batches:\n"
            "    total += sess.run(loss) * numpy1.number(batch_size)\n",
        ),
        (
            "print(sum(losses) / len(losses))\n",
            "print(sum(losses, numpy1.number(0)) / len(losses))\n",
        ),
        ("avg = sum(self.losses[-10:])\n", "avg = sum(self.losses[-10:], numpy1.number(0))\n"),
    ],
)
def test_accumulators_and_sums_promote_as_numpy_1(before: str, after: str) -> None:
    new, codes = fix(before)
    assert new == IMPORT + after
    assert codes and set(codes) == {"L2T015"}


@pytest.mark.parametrize(
    "body",
    [
        "count = 0\nfor b in data:\n    count += 1\n",  # a literal: Python numbers only
        "total = 0\nfor v in tf.trainable_variables():\n    total += tf.nn.l2_loss(v)\n",
        "total = 0\nfor b in data:\n    other += sess.run(loss)\n",
        "n = sum(len(s) for s in sentences)\n",
        "flat = sum(rows, [])\n",
    ],
)
def test_other_numbers_and_sums_stay(body: str) -> None:
    source = "import tensorflow as tf\n" + body
    assert fix_scalar_promotion(source.encode()) == (source.encode(), [])


def test_only_the_scope_of_the_accumulation() -> None:
    new, codes = fix("total = 0.0\ndef f():\n    total = 1\n    total += g()\n")
    assert new == IMPORT + "total = 0.0\ndef f():\n    total = numpy1.number(1)\n    total += g()\n"
    assert codes == ["L2T015"]


def test_keras_functional_programs_stay() -> None:
    # keras.Input's symbolic tensors take only int and float themselves
    source = (
        "import tensorflow as tf\nx = tf.keras.Input((3,))\ntotal = 0\n"
        "for layer in layers:\n    total += layer(x)\n"
    )
    assert fix_scalar_promotion(source.encode()) == (source.encode(), [])


def test_files_without_numpy_or_tensorflow_stay() -> None:
    body = "total = 0\nfor x in xs:\n    total += x\n"
    assert fix_scalar_promotion(body.encode()) == (body.encode(), [])


def test_number_promotes_as_numpy_1() -> None:
    # NEP 50's table, "old result": float32(3) + 3. -> float64(6.0); uint8(1) + 2 -> int64(3);
    # array([3], float32) + 3. -> float32 array; array([1], uint8) + 2 -> uint8 array
    assert repr(np.float32(3) + numpy1.number(3.0)) == "np.float64(6.0)"
    assert repr(numpy1.number(3.0) + np.float32(3)) == "np.float64(6.0)"
    assert repr(np.uint8(1) + numpy1.number(2)) == "np.int64(3)"
    assert (np.array([3], np.float32) + numpy1.number(3.0)).dtype == np.float32
    assert (numpy1.number(2) + np.array([1], np.uint8)).dtype == np.uint8
    assert repr(numpy1.number(0) + np.float32(0.5)) == "np.float64(0.5)"  # int64 + float32
    assert repr(np.exp(numpy1.number(0.0))) == "np.float64(1.0)"
    loss = np.float32(0.1)  # NumPy 1: float32 / Python int -> float64
    assert loss / numpy1.number(3) == np.float64(loss) / 3 and loss / 3 != np.float64(loss) / 3
    # with Python numbers it is the plain number: equal, printed, encoded and pickled as it
    total = numpy1.number(0.0)
    assert type(total + 1.5) is float and total == 0.0 and str(total) == "0.0"
    assert json.dumps([total, numpy1.number(0)]) == "[0.0, 0]"
    assert type(pickle.loads(pickle.dumps(total))) is float
    assert numpy1.number(True) is True and numpy1.number("a") == "a"


PROGRAM = """\
import json
import sys

import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 3])
w = tf.Variable(tf.ones([3, 1]) * 0.1)
loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - 1.0))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
sess = tf.Session()
sess.run(tf.global_variables_initializer())
data = np.random.RandomState(0).uniform(0, 1, (7, 4, 3)).astype(np.float32)
losses = []
epoch_loss, epoch_count = 0, 0
for batch in data:
    _, loss_t = sess.run([train_op, loss], {x: batch})
    epoch_loss += loss_t
    epoch_count += 1
    losses.append(loss_t)
print("avg loss: " + str(epoch_loss / epoch_count))
print("sum " + str(sum(losses)))
with open("summary.json", "w") as outfile:
    json.dump([epoch_loss / epoch_count], outfile)
np.save(sys.argv[1], np.array(losses))
"""


@pytest.mark.heavy
def test_migrated_program_sums_prints_and_dumps_as_on_numpy_1(tmp_path: Path) -> None:
    program = tmp_path / "train.py"
    program.write_text(PROGRAM)
    done = python("-m", "legacy2tf2", "rewrite", "--full", "train.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "epoch_loss, epoch_count = numpy1.number(0), 0" in program.read_text()
    done = python("train.py", str(tmp_path / "losses.npy"), cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]  # json.dump refused a float32 before
    losses = np.load(tmp_path / "losses.npy")
    assert losses.dtype == np.float32
    total = 0.0  # NumPy 1: 0 + float32 -> float64, then float64 + float32 -> float64
    for value in losses:
        total += float(value)
    lines = done.stdout.splitlines()
    assert lines[-2] == f"avg loss: {total / len(losses)!r}"
    assert lines[-1] == f"sum {total!r}"
    assert json.loads((tmp_path / "summary.json").read_text()) == [total / len(losses)]
