"""One parse and one metadata resolution per version of a source, shared by the ``--full`` steps.

``rewrite --full`` runs a file through some thirty steps. Most of them change nothing in a given
file, yet each used to parse the bytes it was handed and compute libcst's scope, qualified-name,
position and parent metadata again: a file went through about three times as many metadata
resolutions as it had distinct versions, and metadata resolution was most of ``--full``'s time.

:func:`parse` returns the same module object for the same bytes, and :func:`wrapper` the same
:class:`~libcst.metadata.MetadataWrapper` for the same module object (and the same copy mode), so
a step that receives what the previous one left unchanged reuses every provider already resolved.
libcst's nodes are immutable and its metadata depends only on the tree, so a shared result is
the result a fresh computation would give. Both caches hold the few most recent entries only.
"""

from __future__ import annotations

from collections import OrderedDict

import libcst as cst
from libcst.metadata import MetadataWrapper

_KEPT = 6

_modules: OrderedDict[bytes, cst.Module] = OrderedDict()
_codes: OrderedDict[int, tuple[cst.Module, str]] = OrderedDict()
_wrappers: OrderedDict[tuple[int, bool], tuple[cst.Module, MetadataWrapper]] = OrderedDict()


def parse(source: bytes) -> cst.Module:
    """``libcst.parse_module(source)``, the same object for the same bytes."""
    module = _modules.get(source)
    if module is None:
        module = cst.parse_module(source)
        _modules[source] = module
        while len(_modules) > _KEPT:
            _modules.popitem(last=False)
        _remember(module, source.decode(module.encoding))  # what libcst prints of it
    else:
        _modules.move_to_end(source)
    return module


def wrapper(module: cst.Module, *, unsafe_skip_copy: bool = False) -> MetadataWrapper:
    """``MetadataWrapper(module, unsafe_skip_copy=...)``, the same wrapper for the same module.

    With copying (the default) the wrapper visits its own copy of ``module``, as a fresh
    ``MetadataWrapper(module)`` does: a step sharing it never sees nodes another step collected
    from ``module`` itself, so sharing changes no step's behaviour.
    """
    key = (id(module), unsafe_skip_copy)
    found = _wrappers.get(key)
    if found is not None and found[0] is module:
        _wrappers.move_to_end(key)
        return found[1]
    made = MetadataWrapper(module, unsafe_skip_copy=unsafe_skip_copy)
    _wrappers[key] = (module, made)  # the module is held: its id is not reused while cached
    while len(_wrappers) > _KEPT:
        _wrappers.popitem(last=False)
    return made


def code(module: cst.Module) -> str:
    """``module.code``, printed once per module object (a parsed module's is its source)."""
    found = _codes.get(id(module))
    if found is not None and found[0] is module:
        return found[1]
    text = module.code
    _remember(module, text)
    return text


def _remember(module: cst.Module, text: str) -> None:
    _codes[id(module)] = (module, text)
    while len(_codes) > _KEPT:
        _codes.popitem(last=False)


def unchanged(new: cst.Module, old: cst.Module) -> cst.Module:
    """``old`` when ``new`` prints exactly as ``old`` does, else ``new``.

    A libcst transformer rebuilds every node it passes, so a step that changed nothing still
    returns a new object; handing the next step ``old`` lets it reuse ``old``'s metadata.
    """
    if new is old or code(new) != code(old):
        return new
    return old
