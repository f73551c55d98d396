"""``--full``: ``tf.contrib.deprecated``'s summary ops become the pre-1.0 ops they were, then
``tf.compat.v1.summary``.

TF 1.0-1.15's ``tensorflow/contrib/deprecated/__init__.py`` ("Non-core alias for the deprecated
tf.X_summary ops") kept ``scalar_summary``, ``histogram_summary``, ``image_summary``,
``audio_summary``, ``merge_summary`` and ``merge_all_summaries`` with their pre-1.0 (tag)
signatures; a Chinese lyrics generator imported them by name and stopped at that import on TF 2.
"""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from legacy2tf2.migrator.contrib_deprecated import fix_contrib_deprecated
from tests.e2e.helpers import python


def fix(source: str) -> tuple[str, list[str]]:
    new, changes = fix_contrib_deprecated(cst.parse_module(source))
    return new.code, [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "import tensorflow as tf\ns = tf.contrib.deprecated.scalar_summary('loss', x)\n",
            "import tensorflow as tf\ns = tf.scalar_summary('loss', x)\n",
        ),
        (
            "import tensorflow\nm = tensorflow.contrib.deprecated.merge_all_summaries()\n",
            "import tensorflow\nm = tensorflow.merge_all_summaries()\n",
        ),
        (
            "from tensorflow.contrib.deprecated import scalar_summary, histogram_summary as hs\n"
            "scalar_summary('loss', cost)\nhs(g.name, g)\n",
            "from tensorflow.compat.v1.summary import scalar as scalar_summary, histogram as hs\n"
            "scalar_summary('loss', cost)\nhs(g.name, g)\n",
        ),
        (
            "from tensorflow.contrib.deprecated import merge_all_summaries\n"
            "merged = merge_all_summaries()\n",
            "from tensorflow.compat.v1.summary import merge_all as merge_all_summaries\n"
            "merged = merge_all_summaries()\n",
        ),
    ],
)
def test_deprecated_summary_ops_become_their_tf1_names(before: str, after: str) -> None:
    new, codes = fix(before)
    assert new == after
    assert codes and set(codes) == {"L2T017"}
    assert new.count("\n") == before.count("\n")  # lines kept


@pytest.mark.parametrize(
    "source",
    [
        # pre-1.0 keywords (tags=, values=) or name= (the op name, not the tag), a 4th positional
        # argument, several tags: the TF 1.x function means something else there
        "from tensorflow.contrib.deprecated import scalar_summary\n"
        "scalar_summary(tags='a', values=x)\n",
        "from tensorflow.contrib.deprecated import scalar_summary\n"
        "scalar_summary('a', x, name='op')\n",
        "from tensorflow.contrib.deprecated import image_summary\n"
        "image_summary('a', x, 3, None, 'op')\n",
        "from tensorflow.contrib.deprecated import scalar_summary\nscalar_summary(['a', 'b'], x)\n",
        # a name not called (passed on) or another name of the module
        "from tensorflow.contrib.deprecated import scalar_summary as ss\nf(ss)\n",
        "from tensorflow.contrib.deprecated import histogram_summary, other\n"
        "histogram_summary('h', x)\n",
        "from tensorflow.contrib import deprecated\n",
    ],
)
def test_other_uses_are_left(source: str) -> None:
    assert fix(source) == (source, [])


PROGRAM = """\
import tensorflow as tf
from tensorflow.contrib.deprecated import scalar_summary, histogram_summary, merge_all_summaries

x = tf.placeholder(tf.float32, [3])
with tf.name_scope("loss"):
    scalar_summary("loss", tf.reduce_sum(x))
histogram_summary("weights:0", x)
merged = merge_all_summaries()
with tf.Session() as sess:
    summary = tf.Summary.FromString(sess.run(merged, {x: [1.0, 2.0, 4.0]}))
print(sorted((v.tag, v.simple_value) for v in summary.value if v.HasField("simple_value")))
print(sorted(v.histo.sum for v in summary.value if v.HasField("histo")))
"""


def test_a_tf1_program_of_deprecated_summaries_runs(tmp_path: Path) -> None:
    (tmp_path / "summaries.py").write_text(PROGRAM)
    done = python("-m", "legacy2tf2", "rewrite", "--full", "summaries.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "L2T021" not in done.stderr
    done = python("summaries.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    # the scalar's value and the histogram's sum, as TF1 computed them; the tag now under its
    # name scope (TF 1.x's tf.summary), as the L2T017 note says
    assert done.stdout.splitlines() == ["[('loss/loss', 7.0)]", "[7.0]"]
