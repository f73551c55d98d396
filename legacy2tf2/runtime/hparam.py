"""TF1's ``tf.contrib.training.HParams``: typed hyperparameters with TF1's parse and override rules.

TF 1.x seq2seq programs (the NMT tutorial's, Tacotron's, ...) kept their settings in
``tf.contrib.training.HParams(learning_rate=0.1, num_layers=2, ...)`` and overrode them from a
command-line string with ``hparams.parse("learning_rate=0.3,num_layers=4")``. What a string parses
to, and which values an override accepts, are TF1's here: a mistyped override raises as it did,
instead of silently changing a hyperparameter's type.
"""

from __future__ import annotations

import json
import numbers
import re
from collections.abc import Callable, Mapping
from typing import Any, NoReturn

__all__ = ["PARAM_RE", "HParams", "parse_values"]

#: One clause of a parse string: ``name``, optionally ``name[index]``, ``=``, then a single value
#: (no comma or ``[``) or a bracketed list; clauses are separated by a comma and spaces.
PARAM_RE = re.compile(
    r"""
    (?P<name>[a-zA-Z][\w]*)
    (\[\s*(?P<index>\d+)\s*\])?
    \s*=\s*
    ((?P<val>[^,\[]*) | \[(?P<vals>[^\]]*)\])
    ($|,\s*)""",
    re.VERBOSE,
)


def _parse_fail(name: str, var_type: type, value: Any, values: str) -> NoReturn:
    raise ValueError(
        f"Could not parse hparam '{name}' of type '{var_type.__name__}' with value '{value}' "
        f"in {values}"
    )


def _reuse_fail(name: str, values: str) -> NoReturn:
    raise ValueError(f"Multiple assignments to variable '{name}' in {values}")


def _bool_parser(name: str, values: str) -> Callable[[str], bool]:
    def parse_bool(value: str) -> bool:
        if value in ("true", "True"):
            return True
        if value in ("false", "False"):
            return False
        try:
            return bool(int(value))
        except ValueError:
            _parse_fail(name, bool, value, values)

    return parse_bool


def parse_values(
    values: str, type_map: Mapping[str, type], ignore_unknown: bool = False
) -> dict[str, Any]:
    """TF1's ``parse_values``: a ``"name=value,..."`` string to a dict of typed values.

    Each value is parsed with its name's type from ``type_map`` (``bool`` takes ``true``/``True``,
    ``false``/``False`` or an integer); ``[a,b]`` gives a list (elements split at commas and
    spaces), ``name[i]=v`` a dict ``{i: v}``. Raises ``ValueError`` on a malformed string, an
    unknown name (unless ``ignore_unknown``), a value its type cannot parse, a name assigned twice
    or a list assigned to an index.
    """
    results: dict[str, Any] = {}
    pos = 0
    while pos < len(values):
        match = PARAM_RE.match(values, pos)
        if not match:
            raise ValueError(f"Malformed hyperparameter value: {values[pos:]}")
        pos = match.end()
        groups = match.groupdict()
        name = groups["name"]
        if name not in type_map:
            if ignore_unknown:
                continue
            raise ValueError(f"Unknown hyperparameter type for {name}")
        type_ = type_map[name]
        parse: Callable[[str], Any] = _bool_parser(name, values) if type_ is bool else type_
        if groups["val"] is not None:
            _scalar(name, parse, type_, groups, values, results)
        elif groups["vals"] is not None:
            _list(name, parse, type_, groups, values, results)
        else:
            _parse_fail(name, type_, "", values)
    return results


def _scalar(
    name: str,
    parse: Callable[[str], Any],
    type_: type,
    groups: dict[str, Any],
    values: str,
    results: dict[str, Any],
) -> None:
    try:
        parsed = parse(groups["val"])
    except ValueError:
        _parse_fail(name, type_, groups["val"], values)
    if not groups["index"]:
        if name in results:
            _reuse_fail(name, values)
        results[name] = parsed
        return
    if name in results and not isinstance(results[name], dict):
        _reuse_fail(name, values)
    indexed = results.setdefault(name, {})
    index = int(groups["index"])
    if index in indexed:
        _reuse_fail(f"{name}[{index}]", values)
    indexed[index] = parsed


def _list(
    name: str,
    parse: Callable[[str], Any],
    type_: type,
    groups: dict[str, Any],
    values: str,
    results: dict[str, Any],
) -> None:
    if groups["index"] is not None:
        raise ValueError("Assignment of a list to a list index.")
    if name in results:
        _reuse_fail(name, values)
    elements = [e for e in re.split("[ ,]", groups["vals"]) if e]
    try:
        results[name] = [parse(e) for e in elements]
    except ValueError:
        _parse_fail(name, type_, groups["vals"], values)


def _cast(name: str, param_type: type, value: Any) -> Any:
    """TF1's cast of an override to a hyperparameter's type, refusing what would change its kind.

    A ``None``-typed hyperparameter takes anything; a string one only strings (or bytes); bool
    only bool (and nothing else becomes bool); an integer one only integers; a float one any
    number (int becomes float). The value is then ``param_type(value)``.
    """
    fail = f"Could not cast hparam '{name}' of type '{param_type}' from value {value!r}"
    if issubclass(param_type, type(None)):
        return value
    if issubclass(param_type, (str, bytes)) and not isinstance(value, (str, bytes)):
        raise ValueError(fail)
    if issubclass(param_type, bool) != isinstance(value, bool):
        raise ValueError(fail)
    if issubclass(param_type, numbers.Integral) and not isinstance(value, numbers.Integral):
        raise ValueError(fail)
    if issubclass(param_type, numbers.Number) and not isinstance(value, numbers.Number):
        raise ValueError(fail)
    return param_type(value)


class HParams:
    """TF1's ``tf.contrib.training.HParams``: hyperparameters as attributes, typed by their first
    value (a list's by its first element)."""

    _HAS_DYNAMIC_ATTRIBUTES = True

    def __init__(self, hparam_def: Any = None, model_structure: Any = None, **kwargs: Any) -> None:
        self._hparam_types: dict[str, tuple[type, bool]] = {}
        self._model_structure = model_structure
        if hparam_def:
            raise ValueError(
                "HParams(hparam_def=...): TF1's HParamDef protocol buffer is not available in "
                "TF 2; build the HParams from keyword arguments (or a dict: HParams(**values))"
            )
        for name, value in kwargs.items():
            self.add_hparam(name, value)

    def add_hparam(self, name: str, value: Any) -> None:
        """Add a hyperparameter; a name this object already answers (``values``, ``parse``, an
        existing one) raises ``ValueError``, as does an empty list."""
        if getattr(self, name, None) is not None:
            raise ValueError(f"Hyperparameter name is reserved: {name}")
        if isinstance(value, (list, tuple)):
            if not value:
                raise ValueError(f"Multi-valued hyperparameters cannot be empty: {name}")
            self._hparam_types[name] = (type(value[0]), True)
        else:
            self._hparam_types[name] = (type(value), False)
        setattr(self, name, value)

    def set_hparam(self, name: str, value: Any) -> None:
        """Set an existing hyperparameter, cast to its type by TF1's rules (see :func:`_cast`);
        a list for a single value, or a non-list for a list, raises ``ValueError``; an unknown
        name raises ``KeyError``."""
        param_type, is_list = self._hparam_types[name]
        if isinstance(value, list):
            if not is_list:
                raise ValueError(f"Must not pass a list for single-valued parameter: {name}")
            setattr(self, name, [_cast(name, param_type, v) for v in value])
        else:
            if is_list:
                raise ValueError(f"Must pass a list for multi-valued parameter: {name}.")
            setattr(self, name, _cast(name, param_type, value))

    def del_hparam(self, name: str) -> None:
        """Remove a hyperparameter (nothing happens for an unknown name)."""
        if hasattr(self, name):
            delattr(self, name)
            del self._hparam_types[name]

    def parse(self, values: str) -> HParams:
        """Override hyperparameters from a ``"name=value,..."`` string (:func:`parse_values`)."""
        type_map = {name: param_type for name, (param_type, _) in self._hparam_types.items()}
        return self.override_from_dict(parse_values(values, type_map))

    def override_from_dict(self, values_dict: Mapping[str, Any]) -> HParams:
        """:meth:`set_hparam` for each pair; returns ``self``."""
        for name, value in values_dict.items():
            self.set_hparam(name, value)
        return self

    def set_from_map(self, values_map: Mapping[str, Any]) -> HParams:
        """TF1's deprecated name of :meth:`override_from_dict`."""
        return self.override_from_dict(values_map)

    def set_model_structure(self, model_structure: Any) -> None:
        """Keep ``model_structure`` (TF1 stored it untouched)."""
        self._model_structure = model_structure

    def get_model_structure(self) -> Any:
        """The stored ``model_structure``."""
        return self._model_structure

    def to_json(
        self, indent: int | None = None, separators: Any = None, sort_keys: bool = False
    ) -> str:
        """``json.dumps`` of :meth:`values` with these options."""
        return json.dumps(self.values(), indent=indent, separators=separators, sort_keys=sort_keys)

    def parse_json(self, values_json: str) -> HParams:
        """Override hyperparameters from a JSON object string."""
        return self.override_from_dict(json.loads(values_json))

    def values(self) -> dict[str, Any]:
        """The hyperparameters as a dict, in the order they were added."""
        return {name: getattr(self, name) for name in self._hparam_types}

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key``, else ``default``; a ``default`` of the wrong kind for an existing
        hyperparameter raises ``ValueError`` as in TF1."""
        if key not in self._hparam_types:
            return default
        if default is not None:
            param_type, is_list = self._hparam_types[key]
            type_str = f"list<{param_type}>" if is_list else str(param_type)
            fail = f"Hparam '{key}' of type '{type_str}' is incompatible with default={default}"
            if is_list != isinstance(default, list):
                raise ValueError(fail)
            try:
                for value in default if is_list else [default]:
                    _cast(key, param_type, value)
            except ValueError as error:
                raise ValueError(f"{fail}. {error}") from error
        return getattr(self, key)

    def __contains__(self, key: str) -> bool:
        return key in self._hparam_types

    def __str__(self) -> str:
        return str(sorted(self.values().items()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self})"
