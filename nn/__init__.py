"""nn: a small neural-network library on the `autograd` engine, named after PyTorch's.

>>> from nn import MLP, SGD, hinge_loss, make_moons, fit
>>> X, y = make_moons(100, noise=0.1, seed=0)
>>> model = MLP(2, [16, 16, 1], seed=0)
>>> history = fit(model, X, 2 * y - 1, hinge_loss, SGD(model.parameters(), lr=0.1), steps=5)
>>> sorted(history)
['accuracy', 'loss']
"""

from .activations import ACTIVATIONS, get_activation
from .data import (
    make_blobs,
    make_circles,
    make_moons,
    make_spirals,
    make_xor,
    minibatches,
    train_test_split,
)
from .dense import Dense
from .functional import log_softmax, logsumexp, softmax
from .init import init_weights
from .layers import MLP, Layer, Neuron, from_torch
from .losses import (
    LOSSES,
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    cross_entropy,
    get_loss,
    hinge_loss,
    l2_penalty,
    mse_loss,
)
from .module import Module
from .optim import SGD, Adam, AdamW, Optimizer, linear_decay
from .torch_bridge import to_torch
from .train import accuracy, fit, predict, predict_scores

__all__ = [
    "ACTIVATIONS",
    "LOSSES",
    "MLP",
    "SGD",
    "Adam",
    "AdamW",
    "Dense",
    "Layer",
    "Module",
    "Neuron",
    "Optimizer",
    "accuracy",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "cross_entropy",
    "fit",
    "from_torch",
    "get_activation",
    "get_loss",
    "hinge_loss",
    "init_weights",
    "l2_penalty",
    "linear_decay",
    "log_softmax",
    "logsumexp",
    "make_blobs",
    "make_circles",
    "make_moons",
    "make_spirals",
    "make_xor",
    "minibatches",
    "mse_loss",
    "predict",
    "predict_scores",
    "softmax",
    "to_torch",
    "train_test_split",
]
