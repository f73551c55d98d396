"""The two kernels of ``tf.contrib.rnn.GRUBlockCell`` that one TF1 layer version saved swapped.

The fused ``gru_block_cell`` op takes ``w_ru`` ``[input + n, 2n]`` (the reset and update gates)
and ``w_c`` ``[input + n, n]`` (the candidate), and TF 1.0's class (``GRUBlockCell/w_ru``) and the
last TF1 layer versions (``self.add_variable("w_ru", [input_size + self._cell_size,
self._cell_size * 2])``) saved them under those names. One layer version in between, as stored in
the code index (tensorflow/tensorflow@00200cbb, ``build`` with ``vs.get_variable``), created
the gate kernel as ``"w_c"`` (``[input + n, 2n]``) and the candidate kernel as ``"w_ru"``
(``[input + n, n]``): its checkpoint holds ``gru_cell/w_c`` of the gates' shape. The runtime
creates the op's names, so that checkpoint failed to restore (a shape mismatch). The shapes tell
the two apart with certainty (``2n != n``): where a ``gru_cell``'s ``w_c`` is twice as wide as
its ``w_ru``, the two names are exchanged, optimizer slots with them. The biases (``b_ru``
``[2n]``, ``b_c`` ``[n]``) were named right in every version.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from legacy2tf2.checkpoints.names import SLOT_NAMES, NamePlan


def swap_gru_block_kernels(plan: NamePlan, shapes: Mapping[str, Sequence[int]]) -> NamePlan:
    """``plan`` with the swapped ``gru_cell/w_c``/``w_ru`` kernels of a GRUBlockCell exchanged.

    Reproduces which of the two matrices TF1's ``gru_block_cell`` op used as the gates' kernel
    (``[input + n, 2n]``) and which as the candidate's (``[input + n, n]``); ``shapes`` maps the
    checkpoint's (old) names to their shapes. Returns ``plan`` itself when nothing is swapped.
    """
    old_by_new = {new: old for old, new in plan.names.items()}
    swap: dict[str, str] = {}  # new name -> the new name it gets instead
    for new, old in old_by_new.items():
        scope, _, leaf = new.rpartition("/")
        if leaf != "w_c" or scope.rpartition("/")[2] != "gru_cell":
            continue
        partner = old_by_new.get(f"{scope}/w_ru")
        w_c, w_ru = shapes.get(old), shapes.get(partner) if partner else None
        if not w_c or not w_ru or len(w_c) != 2 or len(w_ru) != 2:
            continue
        if w_c[0] == w_ru[0] and w_c[1] == 2 * w_ru[1]:
            swap[new] = f"{scope}/w_ru"
            swap[f"{scope}/w_ru"] = new
    if not swap:
        return plan
    names = {}
    for old, new in plan.names.items():
        base, _, slot = new.rpartition("/")
        if new in swap:
            names[old] = swap[new]
        elif slot in SLOT_NAMES and base in swap:
            names[old] = f"{swap[base]}/{slot}"
        else:
            names[old] = new
    return NamePlan(names, plan.convention, plan.block_cells)
