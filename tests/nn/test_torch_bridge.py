"""nn models to and from PyTorch: same weights, same outputs, same training."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import nn
from autograd import Value
from nn import MLP, SGD, Layer, Module, Neuron, mse_loss

torch = pytest.importorskip("torch")

NAMES = ["relu", "tanh", "sigmoid", "leaky_relu", "elu", "gelu", "gelu_tanh", "softplus", "linear"]
EXPECTED = {
    "relu": "ReLU()",
    "tanh": "Tanh()",
    "sigmoid": "Sigmoid()",
    "leaky_relu": "LeakyReLU(negative_slope=0.01)",
    "elu": "ELU(alpha=1.0)",
    "gelu": "GELU(approximate='none')",
    "gelu_tanh": "GELU(approximate='tanh')",
    "softplus": "Softplus(beta=1.0, threshold=20.0)",
}


def ours(model, X: np.ndarray) -> np.ndarray:
    rows = []
    for x in X:
        out = model(x)
        rows.append([v.data for v in out] if isinstance(out, list) else [out.data])
    return np.array(rows)


def theirs(sequential, X: np.ndarray) -> np.ndarray:
    with torch.no_grad():
        return sequential(torch.tensor(X, dtype=torch.float64)).numpy()


@pytest.mark.parametrize("activation", NAMES)
@pytest.mark.parametrize(
    "nin, nouts",
    [(2, [1]), (3, [4, 2]), (5, [16, 16, 16, 3]), (4, [48, 1]), (2, [3, 3, 3, 3, 3, 3, 3, 1])],
    ids=["neuron-like", "small", "deep", "wide", "very deep"],
)
def test_mlp_to_torch_computes_the_same_outputs(activation, nin, nouts):
    model = MLP(nin, nouts, activation, output_activation=activation, seed=1)
    for p in model.parameters():  # non-zero biases too
        p.data += 0.1 * np.sin(hash(p) % 1000)
    sequential = model.to_torch()
    assert isinstance(sequential, torch.nn.Sequential)
    assert all(p.dtype == torch.float64 for p in sequential.parameters())
    kinds = [type(m).__name__ for m in sequential]
    assert kinds.count("Linear") == len(nouts)
    if activation != "linear":
        assert repr(sequential[1]) == EXPECTED[activation]
    else:
        assert set(kinds) == {"Linear"}
    X = np.random.default_rng(0).normal(scale=2.0, size=(25, nin))
    np.testing.assert_allclose(ours(model, X), theirs(sequential, X), rtol=1e-12, atol=1e-12)
    # and back: the same parameters, in the same order
    back = MLP.from_torch(sequential)
    assert back.state_dict() == model.state_dict()
    assert repr(back) == repr(model)


def test_mixed_activations_round_trip():
    sequential = torch.nn.Sequential(
        torch.nn.Linear(3, 5),
        torch.nn.GELU(approximate="tanh"),
        torch.nn.Linear(5, 4),
        torch.nn.ELU(),
        torch.nn.Linear(4, 4),
        torch.nn.Linear(4, 2),
        torch.nn.Sigmoid(),
    ).double()
    model = MLP.from_torch(sequential)
    assert [layer.neurons[0].activation for layer in model.layers] == [
        "gelu_tanh",
        "elu",
        "linear",
        "sigmoid",
    ]
    X = np.random.default_rng(1).normal(size=(20, 3))
    np.testing.assert_allclose(ours(model, X), theirs(sequential, X), rtol=1e-12, atol=1e-12)
    again = model.to_torch()
    assert [type(m) for m in again] == [type(m) for m in sequential]


def test_float32_weights_and_missing_biases_are_read_exactly():
    linear = torch.nn.Linear(3, 2, bias=False)
    model = MLP.from_torch(torch.nn.Sequential(linear, torch.nn.Tanh(), torch.nn.Identity()))
    assert [w.data for w in model.layers[0].neurons[1].w] == linear.weight[1].tolist()
    assert all(n.b.data == 0.0 for n in model.layers[0].neurons)
    assert model.layers[0].neurons[0].activation == "tanh"


def test_neuron_and_layer_convert_too():
    neuron = Neuron(3, "softplus", seed=0)
    layer = Layer(3, 4, "leaky_relu", seed=0)
    X = np.random.default_rng(2).normal(size=(10, 3))
    for module in (neuron, layer):
        np.testing.assert_allclose(
            ours(module, X), theirs(module.to_torch(), X), rtol=1e-12, atol=1e-12
        )


def test_named_activations_given_as_functions_convert():
    model = MLP(2, [3, 1], activation=Value.tanh, seed=0)
    assert isinstance(model.to_torch()[1], torch.nn.Tanh)


def test_a_callable_of_your_own_is_refused_by_name():
    def swish(x):
        return x * x.sigmoid()

    model = MLP(2, [3, 1], activation=swish, seed=0)
    with pytest.raises(ValueError, match="'swish'.*no PyTorch module"):
        model.to_torch()


def test_neurons_of_one_layer_with_different_activations_are_refused():
    layer = Layer(2, 2, "relu", seed=0)
    layer.neurons[1] = Neuron(2, "tanh", seed=0)
    with pytest.raises(ValueError, match="different activations.*relu.*tanh"):
        layer.to_torch()


def test_other_modules_have_no_torch_counterpart():
    class Custom(Module):
        pass

    with pytest.raises(TypeError, match="Custom"):
        Custom().to_torch()


@pytest.mark.parametrize(
    "modules, match",
    [
        (lambda: [torch.nn.Linear(2, 3), torch.nn.Dropout()], r"module 1, Dropout.*no counterpart"),
        (
            lambda: [torch.nn.Linear(2, 3), torch.nn.LeakyReLU(0.2)],
            r"LeakyReLU\(negative_slope=0\.2",
        ),
        (lambda: [torch.nn.Linear(2, 3), torch.nn.ELU(0.5)], r"ELU\(alpha=0.5"),
        (lambda: [torch.nn.Linear(2, 3), torch.nn.Softplus(beta=2.0)], r"Softplus\(beta=2"),
        (lambda: [torch.nn.ReLU(), torch.nn.Linear(2, 3)], "module 0, ReLU.*before any Linear"),
        (
            lambda: [torch.nn.Linear(2, 3), torch.nn.ReLU(), torch.nn.Tanh()],
            "module 2, Tanh.*follows another activation",
        ),
        (lambda: [torch.nn.Linear(2, 3), torch.nn.Linear(4, 1)], "takes 4 inputs.*has 3 outputs"),
        (lambda: [], "no Linear"),
    ],
    ids=["dropout", "slope", "alpha", "beta", "first", "two", "shapes", "empty"],
)
def test_from_torch_names_what_it_cannot_read(modules, match):
    with pytest.raises(ValueError, match=match):
        MLP.from_torch(torch.nn.Sequential(*modules()))


def test_from_torch_wants_a_sequential():
    with pytest.raises(TypeError, match="Sequential.*Linear"):
        MLP.from_torch(torch.nn.Linear(2, 1))


def test_training_ten_steps_gives_the_same_losses_in_both():
    X = np.random.default_rng(3).normal(size=(8, 3))
    y = np.sin(X.sum(axis=1))
    model = MLP(3, [6, 5, 1], "tanh", seed=4)
    sequential = model.to_torch()

    optimizer = SGD(model.parameters(), lr=0.1)
    our_losses = []
    for _ in range(10):
        optimizer.zero_grad()
        loss = mse_loss([model(x) for x in X], y.tolist())
        loss.backward()
        optimizer.step()
        our_losses.append(loss.data)

    torch_optimizer = torch.optim.SGD(sequential.parameters(), lr=0.1)
    inputs, targets = torch.tensor(X), torch.tensor(y)
    their_losses = []
    for _ in range(10):
        torch_optimizer.zero_grad()
        loss = torch.nn.functional.mse_loss(sequential(inputs).squeeze(-1), targets)
        loss.backward()
        torch_optimizer.step()
        their_losses.append(loss.item())

    assert our_losses[-1] < our_losses[0]
    np.testing.assert_allclose(our_losses, their_losses, rtol=1e-10, atol=1e-10)
    after = MLP.from_torch(sequential).state_dict()
    for name, value in model.state_dict().items():
        assert value == pytest.approx(after[name], rel=1e-10, abs=1e-12), name


def test_without_torch_the_error_says_how_to_install_it(monkeypatch):
    model = MLP(2, [3, 1], seed=0)
    monkeypatch.setitem(sys.modules, "torch", None)
    with pytest.raises(ImportError, match="pip install torch"):
        model.to_torch()
    with pytest.raises(ImportError, match="from_torch.*pip install torch"):
        MLP.from_torch(object())


def test_nn_does_not_import_torch():
    code = "import nn, sys; assert 'torch' not in sys.modules, 'torch imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_free_functions_are_the_methods():
    model = MLP(3, [4, 2], "tanh", output_activation="sigmoid", seed=3)
    sequential = nn.to_torch(model)
    assert [type(m) for m in sequential] == [type(m) for m in model.to_torch()]
    X = np.random.default_rng(4).normal(size=(6, 3))
    np.testing.assert_allclose(ours(model, X), theirs(sequential, X), rtol=1e-12, atol=1e-12)
    back = nn.from_torch(sequential)
    assert back.state_dict() == MLP.from_torch(sequential).state_dict() == model.state_dict()
    with pytest.raises(TypeError, match="to_torch: no PyTorch counterpart for int"):
        nn.to_torch(3)
