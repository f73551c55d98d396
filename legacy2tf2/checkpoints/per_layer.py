"""Find the MultiRNNCell stacks of a pre-TF-1.2 checkpoint that hold one set of weights per layer.

Up to TF 1.0 a cell owned no weights: each layer's ``cell_i`` scope made its own, so even
``MultiRNNCell([cell] * n)`` (one cell object for every layer) saved ``cell_0``, ``cell_1``, ...
(TF 1.1 raised on it). From TF 1.2 that call shares one set of weights, and so does the runtime
unless told ``repeated_cells="copy"``. A converted checkpoint restored into a program that still
shares loads ``cell_0`` only: TF1's ``Saver.restore`` skips the variables the graph lacks, with
no error, and every layer computes with layer 0's weights. A checkpoint cannot say whether its
program repeated one cell or made one per layer, so these stacks are reported for the user to
check, never guessed. Pure Python: no TensorFlow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from legacy2tf2.checkpoints.names import TF0, TF1_0

_LAYER = re.compile(r"cell_(\d+)")


def per_layer_stacks(names: Iterable[str]) -> dict[str, list[str]]:
    """The ``multi_rnn_cell`` scopes holding variables under two or more ``cell_K`` layers.

    ``names`` are TF 1.2-1.15 names (a :class:`~legacy2tf2.checkpoints.names.NamePlan`'s new
    names). Returns ``{scope: ["cell_0", "cell_1", ...]}``, layers in numeric order, scopes
    sorted.
    """
    layers: dict[str, set[int]] = {}
    for name in names:
        segments = name.split("/")
        for i, segment in enumerate(segments[:-1]):
            match = _LAYER.fullmatch(segments[i + 1])
            if segment == "multi_rnn_cell" and match:
                layers.setdefault("/".join(segments[: i + 1]), set()).add(int(match.group(1)))
    return {
        scope: [f"cell_{k}" for k in sorted(indices)]
        for scope, indices in sorted(layers.items())
        if len(indices) > 1
    }


_BLOCK_LEAVES = frozenset({"w_ru", "b_ru", "w_c", "b_c"})


def per_layer_warning(
    names: Iterable[str], convention: str | None, *, block_cells: bool = False
) -> str | None:
    """What to check before restoring a converted TF 0.x-1.1 checkpoint with per-layer weights.

    None when ``convention`` is TF 1.2-1.15 (or none) or no stack has two or more layers; with
    ``block_cells`` (the checkpoint held ``.../GRUBlockCell/w_ru``, contrib's GRUBlockCell before
    it was a layer, which made weights per call scope in every TF version), its stacks are
    checked in any convention. The
    text names every stack and its layers and says what a ``MultiRNNCell([cell] * n)`` program
    must use (``repeated_cells="copy"``, what ``legacy2tf2 rewrite`` writes in files it can tell
    were written for TF 1.0 or earlier) to restore one set of weights per layer, as TF 1.0 and earlier built it.
    """
    if convention not in (TF0, TF1_0):
        if not block_cells:
            return None
        # a class-scoped GRUBlockCell (TF 1.0 until it became a layer) made weights per layer
        # in any version: only its stacks (gru_cell/w_ru, ... as converted) are in question
        names = [
            name
            for name in names
            if name.split("/")[-2:-1] == ["gru_cell"] and name.split("/")[-1] in _BLOCK_LEAVES
        ]
        convention = "GRUBlockCell (class-scoped, TF 1.0 until it became a layer)"
    stacks = per_layer_stacks(names)
    if not stacks:
        return None
    listed = "\n".join(f"  {scope}: {', '.join(layers)}" for scope, layers in stacks.items())
    return (
        f"warning: this {convention} checkpoint holds one set of weights per MultiRNNCell "
        f"layer (scopes as converted):\n{listed}\n"
        "If the program builds such a stack from one cell object repeated "
        "(MultiRNNCell([cell] * n), [cell for _ in range(n)]), its migrated call must be "
        'MultiRNNCell([cell] * n, repeated_cells="copy") (what `legacy2tf2 rewrite` writes '
        "in a file it can tell was written for TF 1.0 or earlier; it reported the calls it left sharing as "
        "L2T005). Without it the layers share one set of weights, as from "
        "TF 1.2: Saver.restore loads cell_0 and silently skips the other layers, so every "
        "layer computes with layer 0's weights. A stack of distinct cells "
        "(MultiRNNCell([GRUCell(n) for _ in range(k)])) needs nothing."
    )
