"""TensorFlow's own TF1 -> TF2 upgrader (``tf_upgrade_v2``), run on source text through its API.

The installed ``tensorflow`` package ships the machinery of its ``tf_upgrade_v2`` script in
``tensorflow.tools.compatibility``: ``ast_edits.ASTCodeUpgrader`` driven by
``tf_upgrade_v2.TFAPIChangeSpec`` (``tf.*`` -> ``tf.compat.v1.*``, renamed keywords, reordered
arguments). This module only adapts it to bytes: it decodes with the file's encoding, hands the
upgrader newline-normalised text, and restores the BOM and CRLF line endings afterwards.

Importing this module does not import TensorFlow; :func:`upgrade_text` does, on first use.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import re
import tokenize
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from legacy2tf2.tensorflow_startup import start_tensorflow


class TensorFlowMissing(RuntimeError):
    """``tensorflow`` is not installed, so its upgrader cannot run."""


@dataclass(frozen=True)
class UpgraderReport:
    """One WARNING or ERROR of TensorFlow's upgrader, at a 1-based line and column."""

    line: int
    col: int
    severity: str
    message: str


def tensorflow_available() -> bool:
    """Whether the ``tensorflow`` package can be imported (found; nothing is imported)."""
    try:
        return importlib.util.find_spec("tensorflow") is not None
    except (ImportError, ValueError):
        return False


def tensorboard_available() -> bool:
    """Whether the ``tensorboard`` package, which TF 2's ``tf.summary.scalar`` & co. need, is found."""
    try:
        return importlib.util.find_spec("tensorboard") is not None
    except (ImportError, ValueError):
        return False


@lru_cache(maxsize=1)
def change_spec() -> Any:
    """TensorFlow's ``tf_upgrade_v2.TFAPIChangeSpec``, TensorFlow started without its notices.

    Every ``--full`` step that reads the upgrader's tables goes through here, so TensorFlow is
    first imported quietly whichever step needs it first.

    Raises:
        TensorFlowMissing: tensorflow is not installed, or its upgrader fails to import.
    """
    if not tensorflow_available():
        raise TensorFlowMissing(
            "--full needs TensorFlow's upgrader: install tensorflow (pip install 'legacy2tf2[tensorflow]')"
        )
    try:
        start_tensorflow()  # without its start-up notices on stderr
        from tensorflow.tools.compatibility import tf_upgrade_v2
    except ImportError as error:
        raise TensorFlowMissing(
            f"--full needs TensorFlow's upgrader, which failed to import: {error}"
        ) from error

    return tf_upgrade_v2.TFAPIChangeSpec()


@lru_cache(maxsize=1)
def _upgrader() -> Any:
    spec = change_spec()
    from tensorflow.tools.compatibility import ast_edits

    return ast_edits.ASTCodeUpgrader(spec)


_REPORT = re.compile(r"^.*?:(\d+):(\d+): (WARNING|ERROR): (.*)$", re.DOTALL)


def _encoding(source: bytes) -> str:
    encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
    return encoding


def upgrade_text(source: bytes) -> tuple[bytes, list[UpgraderReport]]:
    """Run ``tf_upgrade_v2``'s upgrader on one Python source.

    Returns the upgraded bytes (the input object when nothing changed) and the upgrader's warnings
    and errors. Raises :class:`TensorFlowMissing` when tensorflow is not installed and
    ``SyntaxError``/``UnicodeDecodeError`` when the upgrader cannot parse the source.
    """
    encoding = _encoding(source)
    text = source.decode(encoding)
    crlf = "\r\n" in text and "\n" not in text.replace("\r\n", "")
    if crlf:
        text = text.replace("\r\n", "\n")
    upgrader = _upgrader()
    with contextlib.redirect_stdout(io.StringIO()):  # the upgrader prints every log line
        processed, new_text, _log, errors = upgrader.update_string_pasta(text, "<source>")
    if not processed:
        detail = "".join(errors).strip().splitlines()
        raise SyntaxError(detail[-1] if detail else "TensorFlow's upgrader could not parse")
    reports = []
    for entry in errors:
        match = _REPORT.match(entry)
        if match:
            line, col, severity, message = match.groups()
            reports.append(
                UpgraderReport(int(line), int(col) + 1, severity, " ".join(message.split()))
            )
    if new_text == text:
        return source, reports
    if crlf:
        new_text = new_text.replace("\n", "\r\n")
    return new_text.encode(encoding), reports
