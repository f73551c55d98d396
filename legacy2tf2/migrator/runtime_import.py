"""The ``from legacy2tf2.runtime import X`` line a ``--full`` step adds with its first use of X.

Steps that route a call through a runtime module (``tf0_optimizers``, ``layers_v1``, ``numpy1``)
add the import here, in one way: after the file's leading imports (joined to an existing
``from legacy2tf2.runtime import ...`` line), as libcst's ``AddImportsVisitor`` places it.
"""

from __future__ import annotations

import libcst as cst
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import AddImportsVisitor

RUNTIME = "legacy2tf2.runtime"


def with_runtime_import(module: cst.Module, name: str) -> cst.Module:
    """``module`` importing the runtime module ``name`` (unchanged when it already does)."""
    context = CodemodContext()
    AddImportsVisitor.add_needed_import(context, RUNTIME, name)
    return AddImportsVisitor(context).transform_module(module)
