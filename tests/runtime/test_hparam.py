"""legacy2tf2.runtime.hparam against the behaviour TF1's HParams and parse_values documented."""

from __future__ import annotations

import json

import pytest

from legacy2tf2.runtime.hparam import HParams, parse_values


def test_documented_example_attributes_parse_and_parse_json() -> None:
    hparams = HParams(learning_rate=0.1, num_hidden_units=100, activations=["relu", "tanh"])
    assert hparams.learning_rate == 0.1 and hparams.num_hidden_units == 100
    assert hparams.parse("learning_rate=0.3") is hparams
    assert hparams.values() == {
        "learning_rate": 0.3,
        "num_hidden_units": 100,
        "activations": ["relu", "tanh"],
    }
    hparams.parse_json('{"learning_rate": 0.5, "activations": ["sigmoid"]}')
    assert hparams.learning_rate == 0.5 and hparams.activations == ["sigmoid"]


def test_parse_values_documented_result_and_syntax() -> None:
    types = {"x": int, "L": int, "arr": int, "f": float, "s": str, "b": bool}
    assert parse_values("x=5,L=[1,2],arr[1]=3", types) == {"x": 5, "L": [1, 2], "arr": {1: 3}}
    got = parse_values("f=-.54e89, s=bar_1,b=true,L=[1 2, 3]", types)
    assert got == {"f": -0.54e89, "s": "bar_1", "b": True, "L": [1, 2, 3]}
    assert parse_values("b=False", types) == {"b": False}
    assert parse_values("b=0", types) == {"b": False}
    assert parse_values("zz=1,x=2", types, ignore_unknown=True) == {"x": 2}


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("x=1,x=2", "Multiple assignments to variable 'x'"),
        ("arr[1]=1,arr[1]=2", r"Multiple assignments to variable 'arr\[1\]'"),
        ("x=1,x=[1]", "Multiple assignments"),
        ("arr[1]=[1,2,3]", "Assignment of a list to a list index"),
        ("x=1.5", "Could not parse hparam 'x' of type 'int' with value '1.5'"),
        ("b=yes", "Could not parse hparam 'b' of type 'bool'"),
        ("zz=1", "Unknown hyperparameter type for zz"),
        ("=1", "Malformed hyperparameter value: =1"),
    ],
)
def test_parse_values_refuses_as_tf1(text: str, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        parse_values(text, {"x": int, "arr": int, "b": bool})


def test_overrides_cast_only_where_tf1_did() -> None:
    hparams = HParams(lr=0.1, layers=2, name="gru", dropout=False, sizes=[1, 2], anything=None)
    hparams.set_hparam("lr", 1)  # int to float is fine
    assert hparams.lr == 1.0 and type(hparams.lr) is float
    for name, value in [
        ("layers", 2.0),  # float to int is not
        ("layers", True),  # nor bool to int
        ("dropout", 1),  # nor anything to bool
        ("name", 3),  # nor a number to a string
        ("lr", "0.1"),  # nor a string to a number
    ]:
        with pytest.raises(ValueError, match=f"Could not cast hparam '{name}'"):
            hparams.set_hparam(name, value)
    with pytest.raises(ValueError, match="Must not pass a list for single-valued parameter"):
        hparams.set_hparam("layers", [3])
    with pytest.raises(ValueError, match="Must pass a list for multi-valued parameter"):
        hparams.set_hparam("sizes", 3)
    with pytest.raises(ValueError, match="Must pass a list"):
        hparams.parse("sizes[0]=5")  # an index assignment reaches set_hparam as a dict
    with pytest.raises(KeyError):
        hparams.set_hparam("missing", 1)
    hparams.set_hparam("anything", "x")  # a None-typed hyperparameter takes anything
    assert hparams.anything == "x"


def test_add_del_get_contains_json_and_str() -> None:
    hparams = HParams(b=2, a=1.5)
    for reserved in ("values", "parse", "b"):
        with pytest.raises(ValueError, match=f"Hyperparameter name is reserved: {reserved}"):
            hparams.add_hparam(reserved, 1)
    with pytest.raises(ValueError, match="cannot be empty"):
        hparams.add_hparam("c", [])
    hparams.add_hparam("c", ("x", "y"))
    assert "c" in hparams and "zz" not in hparams
    assert hparams.get("a", 0.0) == 1.5 and hparams.get("zz", 7) == 7
    with pytest.raises(ValueError, match="incompatible with default"):
        hparams.get("b", 1.5)
    with pytest.raises(ValueError, match="incompatible with default"):
        hparams.get("c", "x")
    assert json.loads(hparams.to_json()) == {"b": 2, "a": 1.5, "c": ["x", "y"]}
    assert hparams.to_json(sort_keys=True) == '{"a": 1.5, "b": 2, "c": ["x", "y"]}'
    assert str(hparams) == "[('a', 1.5), ('b', 2), ('c', ('x', 'y'))]"
    assert repr(hparams) == "HParams([('a', 1.5), ('b', 2), ('c', ('x', 'y'))])"
    hparams.del_hparam("b")
    hparams.del_hparam("zz")
    assert "b" not in hparams and not hasattr(hparams, "b")
    assert hparams.override_from_dict({"a": 2}).a == 2.0


def test_a_protocol_buffer_definition_is_refused_loudly() -> None:
    with pytest.raises(ValueError, match="HParamDef"):
        HParams(hparam_def=object())
