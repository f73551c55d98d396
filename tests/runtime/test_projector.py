"""legacy2tf2.runtime.projector: TF1's projector config messages and the file
``visualize_embeddings`` writes, in protobuf text format as TF1 (and TensorBoard) wrote it."""

from __future__ import annotations

from pathlib import Path

import pytest
import tensorflow as tf

from legacy2tf2.runtime import projector

v1 = tf.compat.v1

#: projector_config.pbtxt for the config below: protobuf's text format of projector_config.proto
#: (fields in number order, nested messages in braces, a repeated scalar once per value).
EXPECTED = """model_checkpoint_path: "logs/model.ckpt"
embeddings {
  tensor_name: "rnnlm/embedding:0"
  metadata_path: "metadata.tsv"
  sprite {
    image_path: "sprite.png"
    single_image_dim: 28
    single_image_dim: 28
  }
}
embeddings {
  tensor_name: "proj_w:0"
  tensor_shape: 10
  tensor_shape: 4
}
"""


def _config() -> object:
    config = projector.ProjectorConfig()
    config.model_checkpoint_path = "logs/model.ckpt"
    embed = config.embeddings.add()
    embed.tensor_name = "rnnlm/embedding:0"
    embed.metadata_path = "metadata.tsv"
    embed.sprite.image_path = "sprite.png"
    embed.sprite.single_image_dim.extend([28, 28])
    other = config.embeddings.add()
    other.tensor_name = "proj_w:0"
    other.tensor_shape.extend([10, 4])
    return config


def test_a_tf1_file_writer_gets_projector_config_pbtxt_in_its_logdir(tmp_path: Path) -> None:
    with tf.Graph().as_default():
        writer = v1.summary.FileWriter(str(tmp_path / "logs"))
        projector.visualize_embeddings(writer, _config())
        writer.close()
    assert (tmp_path / "logs" / "projector_config.pbtxt").read_text() == EXPECTED


def test_a_log_directory_is_taken_as_it_is(tmp_path: Path) -> None:
    projector.visualize_embeddings(str(tmp_path), _config())
    assert (tmp_path / projector.PROJECTOR_FILENAME).read_text() == EXPECTED


def test_the_messages_have_projector_config_protos_fields() -> None:
    fields = {
        cls.__name__: [(f.name, f.number) for f in cls.DESCRIPTOR.fields]
        for cls in (projector.ProjectorConfig, projector.EmbeddingInfo, projector.SpriteMetadata)
    }
    assert fields == {
        "ProjectorConfig": [
            ("model_checkpoint_path", 1),
            ("embeddings", 2),
            ("model_checkpoint_dir", 3),
        ],
        "EmbeddingInfo": [
            ("tensor_name", 1),
            ("metadata_path", 2),
            ("bookmarks_path", 3),
            ("tensor_shape", 4),
            ("sprite", 5),
            ("tensor_path", 6),
        ],
        "SpriteMetadata": [("image_path", 1), ("single_image_dim", 2)],
    }
    info = projector.EmbeddingInfo(tensor_name="e:0")
    assert projector.ProjectorConfig(embeddings=[info]).embeddings[0].tensor_name == "e:0"


def test_a_writer_without_a_logdir_raises_tf1s_error() -> None:
    class NoDir:
        def get_logdir(self) -> None:
            return None

    with pytest.raises(ValueError, match="Summary writer must have a logdir"):
        projector.visualize_embeddings(NoDir(), _config())
