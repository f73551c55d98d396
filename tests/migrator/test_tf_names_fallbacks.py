"""``--full``'s net (L2T021) and import fallbacks: an ``except ImportError`` branch behind imports
the installed TensorFlow has is never run, so its removed names are not reported as where "the
program fails" (igormq's TF 0.x CTC example: ``try: from tensorflow.python.ops import ctc_ops`` /
``except ImportError: from tensorflow.contrib.ctc import ctc_ops``, reported although it ran)."""

from __future__ import annotations

import pytest

from legacy2tf2.migrator.tf_names import missing_names

pytest.importorskip("tensorflow")


def _found(source: str) -> list[int]:
    return [line for line, _col, _ in missing_names(source.encode())]


def test_fallback_behind_imports_tensorflow_has_is_not_reported() -> None:
    assert (
        _found(
            "try:\n"
            "    from tensorflow.python.ops import ctc_ops\n"
            "except ImportError:\n"
            "    from tensorflow.contrib.ctc import ctc_ops\n"
        )
        == []
    )


@pytest.mark.parametrize(
    "source",
    [
        # the first choice is itself missing: the fallback runs, and fails
        "try:\n    from tensorflow.models.rnn import rnn_cell\n"
        "except ImportError:\n    from tensorflow.contrib import rnn as rnn_cell\n",
        # the try body does more than import TensorFlow names: the handler may run
        "try:\n    from tensorflow.python.ops import ctc_ops\n    import foo\n"
        "except ImportError:\n    from tensorflow.contrib.ctc import ctc_ops\n",
        "try:\n    x = load()\nexcept ImportError:\n    from tensorflow.contrib.ctc import ctc_ops\n",
    ],
)
def test_fallbacks_that_may_run_are_reported(source: str) -> None:
    assert _found(source) == [source.count("\n")]  # the fallback import, the last line
