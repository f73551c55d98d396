"""Start TensorFlow for a command without its start-up notices on the terminal.

On a machine without a GPU, ``import tensorflow`` (2.16 and later) prints ``cudart_stub.cc:
Could not find cuda drivers``, ``failed call to cuInit`` and ``All log messages before
absl::InitializeLog() is called are written to STDERR``. Some of these are logged before absl's
logging is initialised, so ``TF_CPP_MIN_LOG_LEVEL`` does not hide them: C++ code writes them
straight to file descriptor 2. :func:`start_tensorflow` therefore points descriptor 2 at a
temporary file while TensorFlow imports and initialises its devices, drops what was written
there when the start succeeds, and writes it to stderr before re-raising when it fails.

This module imports nothing from the migrator or the runtime, and TensorFlow only when
:func:`start_tensorflow` is called.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from types import ModuleType

#: TensorFlow's C++ log threshold for quiet commands: errors only (no INFO lines such as the
#: oneDNN notice, no WARNING lines).
QUIET_LOG_LEVEL = "2"


def quiet_environment() -> None:
    """Set ``TF_CPP_MIN_LOG_LEVEL`` for this process and its children, unless the user set it."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", QUIET_LOG_LEVEL)


@contextlib.contextmanager
def _stderr_held() -> Iterator[None]:
    """Send file descriptor 2 to a temporary file; replay it on stderr if the body raises."""
    if sys.stderr is None:  # started with stderr closed: nothing to keep clean
        yield
        return
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as held:
        os.dup2(held.fileno(), 2)
        try:
            yield
        except BaseException:
            os.dup2(saved, 2)
            held.seek(0)
            sys.stderr.write(held.read().decode(errors="replace"))
            sys.stderr.flush()
            raise
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def start_tensorflow(verbose: bool = False) -> ModuleType:
    """Import TensorFlow and initialise its devices; quietly unless ``verbose``.

    Quiet: ``TF_CPP_MIN_LOG_LEVEL`` defaults to 2 and the start-up notices are dropped (among
    them oneDNN's one-time float16 notice, triggered here by one small float16 op).
    Verbose: TensorFlow starts exactly as it would in the user's own program, every log line
    shown. Raises ``ImportError`` (with TensorFlow's output written to stderr) when it cannot
    be imported. Once TensorFlow is imported, later calls return it at once.
    """
    if "tensorflow" in sys.modules and sys.modules["tensorflow"] is not None:
        return sys.modules["tensorflow"]
    if verbose:
        import tensorflow

        return tensorflow
    quiet_environment()
    with _stderr_held():
        import tensorflow

        tensorflow.config.list_physical_devices()
        # oneDNN logs (at ERROR level, once per process) that it lacks a float16 kernel on CPUs
        # without AVX-512 FP16 when the first float16 op runs; run one here, where it is held.
        half = tensorflow.ones([1, 1], tensorflow.float16)
        tensorflow.matmul(half, half)
    return tensorflow
