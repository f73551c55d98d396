"""TF 0.x's ``RNN`` and ``BiRNN`` scopes around a cell the converter does not know.

``tf.nn.rnn`` and ``tf.nn.dynamic_rnn`` of TF 0.x opened ``RNN`` (``bidirectional_rnn``:
``BiRNN/FW``, ``BiRNN/BW``); TF 1.0 made them ``rnn`` and ``bidirectional_rnn/fw``/``bw``, and the
migrated program creates those. The converter renames them where a TF 0.x cell scope follows
(``RNN/GRUCell/...``), but the program's own cell class (``RNN/MyGRU/W_z``, its
``type(self).__name__`` scope) names nothing that tells a TF 0.x static RNN from the program's
own ``tf.variable_scope("RNN")`` (as the PTB tutorial wrote), where the name stays. Such names are
kept, listed in a warning, and renamed only on the user's word: ``--rename-scope RNN=rnn``
(:func:`rename_scopes`). Pure Python: no TensorFlow.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

#: A TF 0.x RNN function's scope as segments (each followed by what it ran) -> TF 1.0's.
TF0_RNN_SCOPES: dict[tuple[str, ...], str] = {
    ("RNN",): "rnn",
    ("BiRNN", "FW"): "bidirectional_rnn/fw",
    ("BiRNN", "BW"): "bidirectional_rnn/bw",
}


def kept_rnn_scopes(names: Iterable[str]) -> list[str]:
    """The scopes (``RNN``, ``model/BiRNN/FW``) of the converted ``names`` that still hold a TF
    0.x RNN function's scope, sorted."""
    found: set[str] = set()
    for name in names:
        segments = name.split("/")[:-1]
        for i in range(len(segments)):
            for old in TF0_RNN_SCOPES:
                if tuple(segments[i : i + len(old)]) == old:
                    found.add("/".join(segments[: i + len(old)]))
    return sorted(found)


def rnn_scope_warning(names: Iterable[str]) -> str | None:
    """What to check about the TF 0.x ``RNN``/``BiRNN`` scopes kept in the converted ``names``;
    None when there are none."""
    scopes = kept_rnn_scopes(names)
    if not scopes:
        return None
    listed = "\n".join(
        f"  {scope} (--rename-scope {scope}={_tf1_scope(scope)})" for scope in scopes
    )
    return (
        "warning: these scopes keep TF 0.x's name of an RNN function's scope, around a cell "
        f"the converter does not know (the program's own class):\n{listed}\n"
        "If the program runs that cell through tf.nn.rnn, tf.nn.dynamic_rnn or "
        "tf.nn.bidirectional_rnn, TF 1.0 renamed the scope (RNN -> rnn, BiRNN/FW -> "
        "bidirectional_rnn/fw) and the migrated program looks for the new name: convert again "
        'with the --rename-scope shown. If RNN is the program\'s own tf.variable_scope("RNN"), '
        "the names are right as they are."
    )


def _tf1_scope(scope: str) -> str:
    segments = scope.split("/")
    for old, new in TF0_RNN_SCOPES.items():
        if tuple(segments[-len(old) :]) == old:
            return "/".join([*segments[: -len(old)], new])
    return scope


def parse_scope_renames(specs: Sequence[str]) -> list[tuple[str, str]]:
    """``["RNN=rnn", ...]`` as ``[("RNN", "rnn"), ...]``.

    Raises:
        ValueError: a spec is not ``OLD=NEW`` with both sides non-empty scopes.
    """
    pairs: list[tuple[str, str]] = []
    for spec in specs:
        old, sep, new = spec.partition("=")
        old, new = old.strip("/"), new.strip("/")
        if not sep or not old or not new:
            raise ValueError(f"--rename-scope {spec!r}: expected OLD=NEW, e.g. RNN=rnn")
        pairs.append((old, new))
    return pairs


def rename_scopes(names: Mapping[str, str], renames: Sequence[tuple[str, str]]) -> dict[str, str]:
    """``names`` (old -> converted) with each converted name under a scope ``OLD`` moved to
    ``NEW`` (whole leading segments; the first matching pair wins)."""
    out: dict[str, str] = {}
    for old_name, new_name in names.items():
        for old, new in renames:
            if new_name == old or new_name.startswith(old + "/"):
                new_name = new + new_name[len(old) :]
                break
        out[old_name] = new_name
    return out
