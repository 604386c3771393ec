"""nn.module: parameters, names, gradients, state dicts, files and repr."""

from __future__ import annotations

import json
import math

import pytest

from autograd import Value
from nn import MLP, Layer, Module, Neuron


def test_named_parameters_are_dotted_paths_in_a_stable_order():
    model = MLP(2, [3, 1], seed=0)
    names = [name for name, _ in model.named_parameters()]
    assert names[:3] == ["layers.0.neurons.0.w.0", "layers.0.neurons.0.w.1", "layers.0.neurons.0.b"]
    assert names[-1] == "layers.1.neurons.0.b"
    assert len(names) == len(set(names)) == 3 * 3 + 4
    assert names == [name for name, _ in MLP(2, [3, 1], seed=5).named_parameters()]


def test_the_documented_example_name():
    model = MLP(2, [16, 16, 1], seed=0)
    named = dict(model.named_parameters())
    assert named["layers.0.neurons.3.w.1"] is model.layers[0].neurons[3].w[1]
    assert named["layers.2.neurons.0.b"] is model.layers[2].neurons[0].b


def test_parameters_follow_named_parameters_and_count():
    model = MLP(2, [16, 16, 1], seed=0)
    assert model.parameters() == [p for _, p in model.named_parameters()]
    assert model.num_parameters() == 337  # (2+1)16 + (16+1)16 + (16+1)
    assert Neuron(4, seed=0).num_parameters() == 5
    assert Layer(4, 3, seed=0).num_parameters() == 15


class Custom(Module):
    """A hand-made module: a Value, a list of modules, a dict, private and plain attributes."""

    def __init__(self) -> None:
        self.scale = Value(2.0, "scale")
        self.blocks = [Neuron(1, seed=0), Neuron(1, seed=1)]
        self.extra = {"shift": Value(0.5)}
        self.shared = self.scale  # the same Value again: listed once
        self._cache = Value(9.0)  # private: not a parameter
        self.name = "custom"  # not a parameter


def test_custom_module_walk():
    names = [name for name, _ in Custom().named_parameters()]
    assert names == [
        "scale",
        "blocks.0.w.0",
        "blocks.0.b",
        "blocks.1.w.0",
        "blocks.1.b",
        "extra.shift",
    ]


def test_custom_module_repr_nests():
    text = repr(Custom())
    assert text.startswith("Custom(\n  (blocks): [\n    (0): Neuron(nin=1, activation='relu')")
    assert text.endswith("  ]\n)")


def test_mlp_repr():
    assert repr(MLP(2, [16, 16, 1], seed=0)) == (
        "MLP(\n"
        "  (layers): [\n"
        "    (0): Layer(nin=2, nout=16, activation='relu')\n"
        "    (1): Layer(nin=16, nout=16, activation='relu')\n"
        "    (2): Layer(nin=16, nout=1, activation='linear')\n"
        "  ]\n"
        ")"
    )
    assert repr(Neuron(3, "tanh", seed=0)) == "Neuron(nin=3, activation='tanh')"


def test_zero_grad_clears_every_parameter():
    model = MLP(2, [4, 1], seed=0)
    model([1.0, 2.0]).backward()
    assert any(p.grad != 0.0 for p in model.parameters())
    model.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())


# --------------------------------------------------------------------- state


def test_state_dict_is_plain_json_floats():
    model = MLP(2, [3, 1], seed=0)
    state = model.state_dict()
    assert list(state) == [name for name, _ in model.named_parameters()]
    assert all(type(v) is float for v in state.values())
    assert json.loads(json.dumps(state)) == state


def test_load_state_dict_copies_the_numbers():
    source, target = MLP(2, [3, 1], seed=0), MLP(2, [3, 1], seed=1)
    x = [0.3, -0.8]
    assert source(x).data != target(x).data
    target.load_state_dict(source.state_dict())
    assert source(x).data == target(x).data
    assert target.state_dict() == source.state_dict()


def test_missing_key_is_named():
    model = MLP(2, [3, 1], seed=0)
    state = model.state_dict()
    del state["layers.0.neurons.1.w.0"]
    with pytest.raises(ValueError, match=r"missing keys: layers\.0\.neurons\.1\.w\.0"):
        model.load_state_dict(state)


def test_unexpected_key_is_named():
    model = MLP(2, [3, 1], seed=0)
    state = model.state_dict() | {"layers.9.neurons.0.b": 1.0}
    with pytest.raises(ValueError, match=r"unexpected keys: layers\.9\.neurons\.0\.b"):
        model.load_state_dict(state)


def test_wrong_size_says_both_sizes():
    small, big = MLP(2, [8, 1], seed=0), MLP(2, [16, 1], seed=0)
    with pytest.raises(ValueError, match=r"has 33 entries but the model has 65 parameters"):
        big.load_state_dict(small.state_dict())
    with pytest.raises(ValueError, match=r"unexpected keys: .*\(32 in all\)"):
        small.load_state_dict(big.state_dict())


@pytest.mark.parametrize("bad", ["1.0", None, [1.0], True])
def test_non_number_entry_is_a_type_error_naming_the_key(bad):
    model = MLP(2, [1], seed=0)
    state = model.state_dict() | {"layers.0.neurons.0.b": bad}
    with pytest.raises(TypeError, match=r"'layers\.0\.neurons\.0\.b' must be a real number"):
        model.load_state_dict(state)


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_non_finite_entry_is_refused(bad):
    model = MLP(2, [1], seed=0)
    with pytest.raises(ValueError, match="is not finite"):
        model.load_state_dict(model.state_dict() | {"layers.0.neurons.0.w.1": bad})


def test_a_bad_entry_loads_nothing():
    model = MLP(2, [1], seed=0)
    before = model.state_dict()
    state = {name: 5.0 for name in before} | {"layers.0.neurons.0.b": "x"}
    with pytest.raises(TypeError):
        model.load_state_dict(state)
    assert model.state_dict() == before


def test_state_must_be_a_mapping():
    with pytest.raises(TypeError, match="load_state_dict: expected a mapping"):
        MLP(2, [1], seed=0).load_state_dict([1.0, 2.0, 3.0])


def test_non_strict_loading_reports_what_it_skipped():
    model = MLP(2, [1], seed=0)
    result = model.load_state_dict({"layers.0.neurons.0.b": 3.0, "other": 1.0}, strict=False)
    assert model.layers[0].neurons[0].b.data == 3.0
    assert result.missing_keys == ["layers.0.neurons.0.w.0", "layers.0.neurons.0.w.1"]
    assert result.unexpected_keys == ["other"]


# --------------------------------------------------------------------- files


def test_save_and_load_round_trip_exactly(tmp_path):
    model = MLP(2, [4, 3], activation="tanh", seed=0)
    for p in model.parameters():
        p.data = p.data / 3.0  # floats with long expansions
    path = tmp_path / "model.json"
    model.save(path)
    document = json.loads(path.read_text())
    assert document["format"] == "scalargrad.nn.Module"
    assert document["model"] == repr(model)
    other = MLP(2, [4, 3], activation="tanh", seed=1)
    assert other.load(path) is other
    assert other.state_dict() == model.state_dict()


def test_loading_into_another_architecture_names_the_saved_model(tmp_path):
    path = tmp_path / "model.json"
    MLP(2, [4, 1], seed=0).save(path)
    with pytest.raises(ValueError, match=r"(?s)does not fit MLP.*holds MLP\(.*nout=4"):
        MLP(2, [5, 1], seed=0).load(path)


def test_loading_a_file_that_is_not_json(tmp_path):
    path = tmp_path / "model.json"
    path.write_text("not json")
    with pytest.raises(ValueError, match="is not JSON"):
        MLP(2, [1], seed=0).load(path)


def test_loading_json_that_is_not_a_saved_model(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"layers.0.neurons.0.b": 1.0}))
    with pytest.raises(ValueError, match="is not a model saved by Module.save"):
        MLP(2, [1], seed=0).load(path)


def test_loading_a_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        MLP(2, [1], seed=0).load(tmp_path / "nowhere.json")
