"""``.value`` of a TensorShape's dimension (a ``--full`` step): TF 2 dimensions are plain ints.

In TF 1.x, indexing or iterating a static shape (``x.get_shape()[1]``, ``x.shape[-1]``,
``for dim in v.get_shape()``) gave ``Dimension`` objects, and programs read their size as
``.value`` (an int, or None when unknown); the parameter-count loop
``for dim in variable.get_shape(): n *= dim.value`` was copied into countless TF1 programs. TF 2's
shapes give the int or None itself, so ``.value`` raises ``AttributeError: 'int' object has no
attribute 'value'``. TensorFlow's upgrader leaves it. Here ``D.value`` becomes
``tf.compat.dimension_value(D)`` (TF's own helper: the size for an int, a None or a
``Dimension``), spelled with the file's TensorFlow import; without one, ``.value`` is dropped,
which is the same on TF 2.

``D`` is a dimension when it is ``S[i]`` (one index, not a slice), a name every assignment of
which is one (``size = x.get_shape()[1]``), or a loop variable (``for``, comprehension) that
iterates ``S`` directly, where ``S`` is ``X.get_shape()``, ``X.shape``, a slice of one, its
``with_rank(n)`` (also ``with_rank_at_least``/``at_most``, ``merge_with``), a name every
assignment of which in its scope is one of those, or a loop variable over a list of them (TF1's
``_linear``, copied into many programs: ``shapes = [a.get_shape() for a in args]``, then ``for
shape in shapes: ... shape[1].value``), or ``TensorShape(x)`` (``tensor_shape.TensorShape``,
``tf.TensorShape``). ``S`` is also the shape parameter of a ``build`` method (``def build(self,
inputs_shape)`` directly in a class body, never assigned again or only assigned shapes, as in
``inputs_shape = tensor_shape.TensorShape(inputs_shape)``): TF1's layers and RNN cells built with
a ``TensorShape``, so a program's own cell read ``inputs_shape[1].value`` (IndRNN's
``LayerRNNCell``, a state-transition LSTM cell, cells written on ``RNNCell``); Keras 3 and the
runtime's cells pass ints there. ``.dims`` (a list of ``Dimension`` in TF 2 too) and anything else
named ``value`` are left alone.

A dimension's ``merge_with``, ``is_compatible_with`` and ``assert_is_compatible_with`` (TF1's
``embedding_tied_rnn_seq2seq``, copied into programs with the rest of legacy_seq2seq:
``static_batch_size.merge_with(inp.get_shape()[0])``) are called on
``tf.compat.v1.Dimension(D)``, the TF1 object TF 2 still has (the same check, the same
``ValueError``); a file without a TensorFlow import keeps them.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import (
    ParentNodeProvider,
    PositionProvider,
    ScopeProvider,
)

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.compat_names import tensorflow_module
from legacy2tf2.migrator.findings import PRE_1_0_CALL

#: (line, col, code, message), 1-based, in the input.
Change = tuple[int, int, str, str]


class DimensionValueTransformer(cst.CSTTransformer):
    """Replace ``.value`` of a static shape's dimension by ``tf.compat.dimension_value``."""

    METADATA_DEPENDENCIES = (ScopeProvider, ParentNodeProvider, PositionProvider)

    def __init__(self, tensorflow: tuple[str, bool] | None) -> None:
        super().__init__()
        self.tensorflow = tensorflow
        self.changes: list[Change] = []

    def _assignments(self, name: cst.Name) -> list[cst.CSTNode] | None:
        """The statement nodes (``Assign``, ``For``, ``CompFor``) binding ``name`` where it is
        read; None when one binding is anything else or there is none."""
        scope = self.get_metadata(ScopeProvider, name, None)
        if scope is None:
            return None
        bound: list[cst.CSTNode] = []
        for access in scope.accesses:
            if access.node is not name:
                continue
            if not access.referents:
                return None
            for assignment in access.referents:
                target = getattr(assignment, "node", None)
                if isinstance(target, cst.Param) and self._is_build_param(target):
                    bound.append(target)
                    continue
                if not isinstance(target, cst.Name):
                    return None
                parent = self.get_metadata(ParentNodeProvider, target, None)
                if isinstance(parent, cst.AssignTarget):
                    parent = self.get_metadata(ParentNodeProvider, parent, None)
                    if not (isinstance(parent, cst.Assign) and len(parent.targets) == 1):
                        return None
                elif not (isinstance(parent, (cst.For, cst.CompFor)) and parent.target is target):
                    return None
                bound.append(parent)
        return bound or None

    def _is_build_shape(self, name: cst.Name) -> bool:
        """``name`` is only ever the second parameter of a ``build`` method of a class (TF1's
        ``Layer.build(input_shape)`` and ``RNNCell.build(inputs_shape)``: a ``TensorShape``)."""
        scope = self.get_metadata(ScopeProvider, name, None)
        if scope is None:
            return False
        for access in scope.accesses:
            if access.node is not name:
                continue
            referents = list(access.referents)
            if len(referents) != 1:
                return False
            param = getattr(referents[0], "node", None)  # a parameter's binding is its Param
            return isinstance(param, cst.Param) and self._is_build_param(param)
        return False

    def _is_build_param(self, param: cst.Param) -> bool:
        """``param`` is the second (shape) parameter of an undecorated ``build(self, shape)``
        method directly in a class body."""
        parameters = self.get_metadata(ParentNodeProvider, param, None)
        function = self.get_metadata(ParentNodeProvider, parameters, None)
        if not (
            isinstance(parameters, cst.Parameters)
            and isinstance(function, cst.FunctionDef)
            and function.name.value == "build"
            and len(parameters.params) == 2
            and parameters.params[1] is param
            and not function.decorators
        ):
            return False
        block = self.get_metadata(ParentNodeProvider, function, None)
        owner = self.get_metadata(ParentNodeProvider, block, None) if block else None
        return isinstance(owner, cst.ClassDef)

    def _is_shape(self, node: cst.BaseExpression, follow: bool = True) -> bool:
        """``X.get_shape()``, ``X.shape``, a slice or ``with_rank(n)`` of one, a name always
        assigned one, or a loop variable over a list of them."""
        if isinstance(node, cst.Call):
            func = node.func
            if _is_tensor_shape_class(func):
                return True  # tensor_shape.TensorShape(inputs_shape), as TF 1.x cells' build did
            if not isinstance(func, cst.Attribute):
                return False
            if func.attr.value in _SHAPE_METHODS:
                return self._is_shape(func.value, follow)
            return func.attr.value == "get_shape" and not node.args
        if isinstance(node, cst.Attribute):
            return node.attr.value == "shape"
        if isinstance(node, cst.Subscript):
            return _is_slice(node) and self._is_shape(node.value, follow)
        if not (follow and isinstance(node, cst.Name)):
            return False
        if self._is_build_shape(node):
            return True
        bound = self._assignments(node)
        return bound is not None and all(
            isinstance(b, cst.Param)  # the build parameter, also when assigned again
            or (isinstance(b, cst.Assign) and self._is_shape(b.value, follow=False))
            or (isinstance(b, (cst.For, cst.CompFor)) and self._is_shape_list(b.iter))
            for b in bound
        )

    def _is_shape_list(self, node: cst.BaseExpression, follow: bool = True) -> bool:
        """``[a.get_shape() for a in args]``, a list of shapes, or a name always assigned one."""
        if isinstance(node, (cst.ListComp, cst.GeneratorExp)):
            return self._is_shape(node.elt, follow=False)
        if isinstance(node, (cst.List, cst.Tuple)):
            values = [e.value for e in node.elements if isinstance(e, cst.Element)]
            return (
                bool(values)
                and len(values) == len(node.elements)
                and all(self._is_shape(v, follow=False) for v in values)
            )
        if not (follow and isinstance(node, cst.Name)):
            return False
        bound = self._assignments(node)
        return bound is not None and all(
            isinstance(b, cst.Assign) and self._is_shape_list(b.value, follow=False) for b in bound
        )

    def _is_dimension(self, node: cst.BaseExpression, follow: bool = True) -> bool:
        """``S[i]``, a name always assigned one, or a loop variable over ``S``."""
        if isinstance(node, cst.Subscript):
            return _is_index(node) and self._is_shape(node.value)
        if not (follow and isinstance(node, cst.Name)):
            return False
        bound = self._assignments(node)
        return bound is not None and all(
            (isinstance(b, (cst.For, cst.CompFor)) and self._is_shape(b.iter))
            or (isinstance(b, cst.Assign) and self._is_dimension(b.value, follow=False))
            for b in bound
        )

    def _dimension_method(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        """``D.merge_with(x)`` -> ``tf.compat.v1.Dimension(D).merge_with(x)``: the TF1 check an
        int (TF 2's dimension) lacks; with no TensorFlow import it is left (it raises there)."""
        if self.tensorflow is None:
            return updated_node
        alias, through_compat = self.tensorflow
        func = cst.parse_expression(
            f"{alias}.Dimension" if through_compat else f"{alias}.compat.v1.Dimension"
        )
        dimension = updated_node.value.with_changes(lpar=[], rpar=[])
        wrapped = updated_node.with_changes(value=cst.Call(func, [cst.Arg(dimension)]))
        start = self.get_metadata(PositionProvider, original_node).start
        old = cst.Module([]).code_for_node(original_node)
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PRE_1_0_CALL,
                f"{old}: a TF 2 shape's dimension is an int (or None), which has no "
                f".{original_node.attr.value}: changed to "
                f"{cst.Module([]).code_for_node(wrapped)}, TF1's Dimension method",
            )
        )
        return wrapped

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        if original_node.attr.value in _DIMENSION_METHODS and self._is_dimension(
            original_node.value
        ):
            return self._dimension_method(original_node, updated_node)
        if original_node.attr.value != "value" or not self._is_dimension(original_node.value):
            return updated_node
        start = self.get_metadata(PositionProvider, original_node).start
        old = cst.Module([]).code_for_node(original_node)
        dimension = updated_node.value.with_changes(lpar=[], rpar=[])
        if self.tensorflow is None:
            new: cst.BaseExpression = dimension
        else:
            func = cst.parse_expression(f"{self.tensorflow[0]}.compat.dimension_value")
            new = cst.Call(func, [cst.Arg(dimension)])
        new = new.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)
        text = cst.Module([]).code_for_node(new)
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PRE_1_0_CALL,
                f"{old}: a TF 2 shape's dimension is an int (or None), which has no .value: "
                f"changed to {text}",
            )
        )
        return new


#: Dimension methods TF1 programs called on a static shape's dimension (legacy_seq2seq's
#: embedding_tied_rnn_seq2seq, copied with it: ``static_batch_size.merge_with(inp.get_shape()[0])``).
_DIMENSION_METHODS = frozenset({"merge_with", "is_compatible_with", "assert_is_compatible_with"})
#: TensorShape methods that return a shape (TF1 programs checked a rank on the way).
_SHAPE_METHODS = frozenset({"with_rank", "with_rank_at_least", "with_rank_at_most", "merge_with"})


def _is_tensor_shape_class(func: cst.BaseExpression) -> bool:
    """``TensorShape``, ``tf.TensorShape``, ``tensor_shape.TensorShape``: TF1's static shape."""
    if isinstance(func, cst.Attribute):
        return func.attr.value == "TensorShape"
    return isinstance(func, cst.Name) and func.value == "TensorShape"


def _is_index(node: cst.Subscript) -> bool:
    return len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index)


def _is_slice(node: cst.Subscript) -> bool:
    return len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Slice)


def fix_dimension_values(module: cst.Module) -> tuple[cst.Module, list[Change]]:
    """Make ``.value`` of a static shape's dimension work on TF 2 (see the module docstring).

    Returns the new module and every change as (line, col, code, message).
    """
    if (
        "value" not in module.code
        and "compatible_with" not in module.code
        and ("merge_with" not in module.code)
    ):
        return module, []
    transformer = DimensionValueTransformer(tensorflow_module(module))
    new = analysis.wrapper(module, unsafe_skip_copy=True).visit(transformer)
    return new, sorted(transformer.changes)
