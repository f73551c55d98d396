"""``plot_attention``: the attention weights of one decoded sentence as a heat-map."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np


def plot_attention(
    attention: Any,
    source_tokens: Sequence[str],
    target_tokens: Sequence[str],
    head: int = 0,
    ax: Any = None,
    title: str | None = None,
) -> Any:
    """Draw ``attention`` (``[target_len, source_len]`` or ``[target_len, num_heads, source_len]``,
    e.g. ``Seq2Seq.generate(..., return_attention=True).attention[i]``) with the source tokens on
    the x axis and the target tokens on the y axis. Needs matplotlib
    (``pip install 'legacy2tf2[plot]'``).

    Returns:
        the matplotlib ``Figure``.
    """
    try:
        import matplotlib

        if ax is None:
            matplotlib.use("Agg", force=False)
        import matplotlib.pyplot as plt
    except ImportError as error:
        raise ImportError(
            "plot_attention needs matplotlib: pip install 'legacy2tf2[plot]'"
        ) from error
    weights = np.asarray(attention, dtype=np.float32)
    if weights.ndim == 3:
        weights = weights[:, head, :]
    if weights.ndim != 2:
        raise ValueError(
            "Argument `attention` must be [target_len, source_len] or "
            f"[target_len, num_heads, source_len]. Received shape {np.asarray(attention).shape}"
        )
    weights = weights[: len(target_tokens), : len(source_tokens)]
    if ax is None:
        figure, ax = plt.subplots(
            figsize=(1 + 0.5 * len(source_tokens), 1 + 0.5 * len(target_tokens))
        )
    else:
        figure = ax.figure
    image = ax.imshow(weights, cmap="viridis", aspect="auto", vmin=0.0, vmax=1.0)
    ax.set_xticks(range(len(source_tokens)), labels=list(source_tokens), rotation=90)
    ax.set_yticks(range(len(target_tokens)), labels=list(target_tokens))
    ax.set_xlabel("source")
    ax.set_ylabel("target")
    if title:
        ax.set_title(title)
    figure.colorbar(image, ax=ax)
    figure.tight_layout()
    return figure
