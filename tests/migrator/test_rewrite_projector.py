"""tf.contrib.tensorboard.plugins.projector (the embedding projector's config, TF 0.12-1.15)
moves to the runtime's projector module, which needs no TensorBoard."""

from __future__ import annotations

from pathlib import Path

import pytest
from codemod_pairs import assert_pair

from legacy2tf2.migrator.engine import check_source
from tests.e2e.helpers import python


def test_the_imported_projector_module_moves_to_the_runtime() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "from tensorflow.contrib.tensorboard.plugins import projector\n"
        "\n"
        "config = projector.ProjectorConfig()\n"
        "embed = config.embeddings.add()\n"
        "embed.tensor_name = 'rnnlm/embedding:0'\n"
        "projector.visualize_embeddings(writer, config)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import projector as l2t_projector\n"
        "\n"
        "config = l2t_projector.ProjectorConfig()\n"
        "embed = config.embeddings.add()\n"
        "embed.tensor_name = 'rnnlm/embedding:0'\n"
        "l2t_projector.visualize_embeddings(writer, config)\n",
    )


def test_dotted_and_imported_names() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "from tensorflow.contrib.tensorboard.plugins.projector import ProjectorConfig\n"
        "\n"
        "config = ProjectorConfig()\n"
        "emb = config.embeddings.add()\n"
        "emb.sprite.single_image_dim.extend([28, 28])\n"
        "tf.contrib.tensorboard.plugins.projector.visualize_embeddings(writer, config)\n",
        "from legacy2tf2.runtime.projector import ProjectorConfig\n"
        "from legacy2tf2.runtime import projector\n"
        "\n"
        "config = ProjectorConfig()\n"
        "emb = config.embeddings.add()\n"
        "emb.sprite.single_image_dim.extend([28, 28])\n"
        "projector.visualize_embeddings(writer, config)\n",
    )


def test_check_reports_the_contrib_projector_and_nothing_once_rewritten() -> None:
    before = (
        "from tensorflow.contrib.tensorboard.plugins import projector\n"
        "config = projector.ProjectorConfig()\n"
    )
    assert [f.code for f in check_source(before.encode(), "m.py")]
    after = "from legacy2tf2.runtime import projector\nconfig = projector.ProjectorConfig()\n"
    assert check_source(after.encode(), "m.py") == []


PROGRAM = """import tensorflow as tf
from tensorflow.contrib.tensorboard.plugins import projector

embedding = tf.get_variable("embedding", [5, 3])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    writer = tf.summary.FileWriter("logs", sess.graph)
    config = projector.ProjectorConfig()
    embed = config.embeddings.add()
    embed.tensor_name = embedding.name
    embed.metadata_path = "metadata.tsv"
    projector.visualize_embeddings(writer, config)
    writer.close()
"""


def test_tf1_program_writes_the_projector_config_tf1_wrote(tmp_path: Path) -> None:
    pytest.importorskip("tensorflow")
    (tmp_path / "emb.py").write_text(PROGRAM)
    done = python("-m", "legacy2tf2", "rewrite", "--full", "emb.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "tensorboard" not in (tmp_path / "emb.py").read_text()
    done = python("emb.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    # TF1's visualize_embeddings: text_format.MessageToString(config) in the writer's logdir
    written = (tmp_path / "logs" / "projector_config.pbtxt").read_text()
    assert (
        written
        == 'embeddings {\n  tensor_name: "embedding:0"\n  metadata_path: "metadata.tsv"\n}\n'
    )
