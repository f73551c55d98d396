"""TF1's ``tf.contrib.tensorboard.plugins.projector``: the embedding projector's config file.

TF 1.x programs (char-RNNs, word2vec, seq2seq models) described their embedding variables for
TensorBoard's projector: ``config = projector.ProjectorConfig()``, ``embed =
config.embeddings.add()``, ``embed.tensor_name = embedding.name``, then
``projector.visualize_embeddings(writer, config)``, which writes ``projector_config.pbtxt`` (the
config in protobuf text format) into the writer's log directory. ``tf.contrib`` is gone, and TF 2
does not install TensorBoard, whose ``tensorboard.plugins.projector`` now holds the same API. This
module has the config messages (the same fields and numbers as ``projector_config.proto``) and
``visualize_embeddings``, with no TensorBoard needed; the file it writes is the one TF1 wrote.
"""

from __future__ import annotations

import os
from typing import Any

import tensorflow as tf
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory, text_format

__all__ = [
    "PROJECTOR_FILENAME",
    "EmbeddingInfo",
    "ProjectorConfig",
    "SpriteMetadata",
    "visualize_embeddings",
]

#: The file name TensorBoard's projector plugin reads in a log directory.
PROJECTOR_FILENAME = "projector_config.pbtxt"

_FIELD = descriptor_pb2.FieldDescriptorProto
#: (message, [(field, number, type, repeated, message type)]) as in projector_config.proto.
_MESSAGES: tuple[tuple[str, tuple[tuple[str, int, int, bool, str], ...]], ...] = (
    (
        "SpriteMetadata",
        (
            ("image_path", 1, _FIELD.TYPE_STRING, False, ""),
            ("single_image_dim", 2, _FIELD.TYPE_UINT32, True, ""),
        ),
    ),
    (
        "EmbeddingInfo",
        (
            ("tensor_name", 1, _FIELD.TYPE_STRING, False, ""),
            ("metadata_path", 2, _FIELD.TYPE_STRING, False, ""),
            ("bookmarks_path", 3, _FIELD.TYPE_STRING, False, ""),
            ("tensor_shape", 4, _FIELD.TYPE_UINT32, True, ""),
            ("sprite", 5, _FIELD.TYPE_MESSAGE, False, "SpriteMetadata"),
            ("tensor_path", 6, _FIELD.TYPE_STRING, False, ""),
        ),
    ),
    (
        "ProjectorConfig",
        (
            ("model_checkpoint_path", 1, _FIELD.TYPE_STRING, False, ""),
            ("embeddings", 2, _FIELD.TYPE_MESSAGE, True, "EmbeddingInfo"),
            ("model_checkpoint_dir", 3, _FIELD.TYPE_STRING, False, ""),
        ),
    ),
)
_PACKAGE = "tensorflow"


def _message_classes() -> dict[str, Any]:
    """The three message classes, built in a pool of their own (TensorBoard's, where it is
    installed, registers its file under another name: no clash)."""
    proto = descriptor_pb2.FileDescriptorProto(
        name="legacy2tf2/runtime/projector_config.proto", package=_PACKAGE, syntax="proto3"
    )
    for message, fields in _MESSAGES:
        added = proto.message_type.add(name=message)
        for name, number, kind, repeated, type_name in fields:
            label = _FIELD.LABEL_REPEATED if repeated else _FIELD.LABEL_OPTIONAL
            field = added.field.add(name=name, number=number, type=kind, label=label)
            if type_name:
                field.type_name = f".{_PACKAGE}.{type_name}"
    pool = descriptor_pool.DescriptorPool()
    pool.AddSerializedFile(proto.SerializeToString())
    found = pool.FindFileByName(proto.name)
    return {
        name: message_factory.GetMessageClass(found.message_types_by_name[name])
        for name, _ in _MESSAGES
    }


_CLASSES = _message_classes()
SpriteMetadata = _CLASSES["SpriteMetadata"]
EmbeddingInfo = _CLASSES["EmbeddingInfo"]
ProjectorConfig = _CLASSES["ProjectorConfig"]


def visualize_embeddings(summary_writer: Any, config: Any) -> None:
    """TF1's ``projector.visualize_embeddings``: write ``config`` as ``projector_config.pbtxt``.

    ``summary_writer`` is TF1's ``FileWriter`` (its ``get_logdir()``, as TF1 read it) or the log
    directory itself (TensorBoard's later form). The file holds ``config`` in protobuf text
    format, the file TensorBoard's projector reads at start-up.

    Raises:
        ValueError: the writer has no log directory (TF1's check).
    """
    get_logdir = getattr(summary_writer, "get_logdir", None)
    logdir = get_logdir() if callable(get_logdir) else summary_writer
    if logdir is None:
        raise ValueError("Summary writer must have a logdir")
    path = os.path.join(os.fspath(logdir), PROJECTOR_FILENAME)
    with tf.io.gfile.GFile(path, "w") as handle:
        handle.write(text_format.MessageToString(config))
