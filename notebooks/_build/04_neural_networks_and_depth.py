# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
# ---

# %% [markdown]
# # 4 · Neural networks and depth
#
# A neural network is built from one simple piece, the **neuron**: a linear model followed
# by an activation function. This notebook assembles neurons into layers and layers into a
# multi-layer perceptron (MLP), runs **forward propagation** through it layer by layer, and
# then asks the question behind every architecture: why stack *many* layers, when one
# hidden layer can in principle approximate any continuous function? We measure what depth
# buys (far fewer parameters for some functions) and what it costs (gradients that vanish
# on the way back, so the first layers learn slowly), and list the remedies.

# %%
# %matplotlib inline
import math
import random

import matplotlib.pyplot as plt
import numpy as np

from autograd import Value, topological_order
from nn import MLP, SGD, Adam, Layer, Module, Neuron, fit, mse_loss
from viz import draw_dot, draw_model

# %% [markdown]
# ## A neuron is a linear model plus an activation
#
# A neuron with inputs $x_1, \dots, x_n$ computes a weighted sum plus a bias, exactly as
# linear regression does, and passes it through an activation $f$:
#
# $$a = f\Big(b + \sum_i w_i x_i\Big).$$
#
# `nn.Neuron` holds the weights `w` and the bias `b` as `Value`s, so everything it computes
# is recorded in a graph.

# %%
neuron = Neuron(3, activation="tanh", seed=0)
x = [0.5, -1.0, 2.0]
z = neuron.b.data + sum(w.data * xi for w, xi in zip(neuron.w, x))
by_hand = math.tanh(z)
a = neuron(x)
print("weights", [round(w.data, 4) for w in neuron.w], " bias", neuron.b.data)
print(f"linear part z = {z:.6f}, tanh(z) = {by_hand:.6f}, neuron(x) = {a.data:.6f}")
assert abs(a.data - by_hand) < 1e-15
a.label = "a"
draw_dot(a, params=neuron)

# %% [markdown]
# ## Forward propagation through an MLP
#
# A **layer** is several neurons that all read the same inputs; an **MLP** feeds each
# layer's outputs to the next. *Forward propagation* is just that: start from the input,
# apply layer after layer (a linear map, then the activation), and read the last layer's
# output. In matrix form, layer $l$ computes $h_l = f(W_l h_{l-1} + b_l)$.
#
# Below, `MLP(2, [3, 3, 1])`: two inputs, two hidden layers of three tanh neurons, one
# linear output. We walk through it one layer at a time and compare with the matrix form
# computed in NumPy.

# %%
model = MLP(2, [3, 3, 1], activation="tanh", seed=1)
print(model)
x = [1.0, -0.5]

h = [Value(v) for v in x]
h_numpy = np.array(x)
for i, layer in enumerate(model.layers):
    h = layer(h)
    h = h if isinstance(h, list) else [h]
    W = np.array([[w.data for w in n.w] for n in layer.neurons])
    b = np.array([n.b.data for n in layer.neurons])
    pre = W @ h_numpy + b
    h_numpy = np.tanh(pre) if i < len(model.layers) - 1 else pre  # the output layer is linear
    print(f"layer {i + 1}: W is {W.shape[0]}x{W.shape[1]}, output {[round(v.data, 4) for v in h]}")
    assert np.allclose([v.data for v in h], h_numpy, atol=1e-14)
print(f"model(x) = {model(x).data:.4f}")
assert model(x).data == h[0].data

# %% [markdown]
# `draw_model` draws the same network as layers of neurons: each line is a weight (its
# width grows with $|w|$; blue positive, orange negative), and each neuron's fill shows its
# bias.

# %%
draw_model(model)

# %% [markdown]
# Each of those 25 parameters is a `Value`, and one forward pass records every
# multiplication, addition and activation as a node of the computation graph; that graph
# is what backpropagation (notebook 5) walks back through.

# %%
print("parameters:", model.num_parameters())
print("nodes recorded by one forward pass:", len(topological_order(model(x))))
assert model.num_parameters() == (2 * 3 + 3) + (3 * 3 + 3) + (3 * 1 + 1) == 25

# %% [markdown]
# ## One hidden layer can approximate any continuous function
#
# The **universal approximation theorem** says that a network with a single hidden layer
# of enough non-linear units (tanh, sigmoid, ReLU, ...) can approximate any continuous
# function on a bounded interval as closely as we like. The idea is visible: each tanh
# unit is a smooth step that can be placed anywhere and scaled, and a weighted sum of
# enough steps can follow any curve.
#
# We fit $\sin x$ on $[-\pi, \pi]$ with one hidden layer of 1, 2, 4 and 8 tanh units
# (trained with Adam on the mean squared error; inputs scaled to $[-1, 1]$).

# %%
xs = np.linspace(-math.pi, math.pi, 40)
X, y = (xs / math.pi).reshape(-1, 1), np.sin(xs)
widths = [1, 2, 4, 8]
fits = {}
for width in widths:
    net = MLP(1, [width, 1], activation="tanh", seed=0)
    history = fit(net, X, y, mse_loss, Adam(net.parameters(), lr=0.05), steps=400, shuffle=False, progress=False)
    fits[width] = (net, history["loss"][-1])
    print(f"{width} hidden units ({net.num_parameters():>2} parameters): mean squared error {history['loss'][-1]:.2e}")

errors = [fits[w][1] for w in widths]
assert errors[0] > 0.05 and errors[0] > errors[1] > max(errors[2:])
assert errors[0] > 100 * errors[2] and errors[0] > 100 * errors[3]

# %%
grid = np.linspace(-math.pi, math.pi, 200)
fig, axes = plt.subplots(1, len(widths), figsize=(12, 2.8), sharey=True)
for ax, width in zip(axes, widths):
    net, error = fits[width]
    ax.plot(grid, np.sin(grid), color="lightgray", linewidth=4, label="sin x")
    ax.plot(grid, [net([g / math.pi]).data for g in grid], color="tab:blue", label="network")
    ax.set_title(f"{width} tanh unit{'s' if width > 1 else ''}: error {error:.0e}")
axes[0].legend(loc="upper left")
plt.tight_layout()
plt.show()


# %% [markdown]
# One unit can only make a single S-shaped step, so it cannot follow both the crest and
# the trough of the sine; two units do better; with four or eight units the error is more
# than 100 times smaller than with one, and the fitted curve covers the sine. The theorem promises that
# such a network *exists* for every accuracy; it does not say how many units are needed,
# nor that training will find them.
#
# ## Width or depth? Counting parameters for the same function
#
# How many units *are* needed can depend dramatically on depth. Take the **tent map**
# $t(x) = 2x$ for $x \le \frac12$, $2 - 2x$ above, on $[0, 1]$. It is exactly two ReLUs:
# $t(x) = 2\,\mathrm{relu}(x) - 4\,\mathrm{relu}(x - \frac12)$. Applying it $k$ times
# gives a **sawtooth** with $2^{k-1}$ teeth, that is $2^k$ straight pieces.
#
# - **Deep:** $k$ hidden layers of 2 ReLU units each compute the $k$-fold tent map
#   exactly: parameters grow *linearly* with $k$.
# - **Shallow:** a single hidden layer of $n$ ReLU units is piecewise linear with at most
#   $n$ kinks, so the $2^k - 1$ kinks of the sawtooth need at least $2^k - 1$ units:
#   parameters grow *exponentially* with $k$.
#
# Both networks are built below with `nn.MLP` and explicit weights, and the engine checks
# that they compute the same function.

# %%
def deep_sawtooth(k):
    """k hidden layers of 2 ReLUs: each layer applies the tent map to the previous one."""
    net = MLP(1, [2] * k + [1], activation="relu")
    for i, layer in enumerate(net.layers[:-1]):
        # the previous tent value is 2 h1 - 4 h2 (for the first layer, it is x itself)
        reads = [1.0] if i == 0 else [2.0, -4.0]
        for neuron, shift in zip(layer.neurons, [0.0, -0.5]):
            for w, r in zip(neuron.w, reads):
                w.data = r
            neuron.b.data = shift
    out = net.layers[-1].neurons[0]
    out.w[0].data, out.w[1].data, out.b.data = 2.0, -4.0, 0.0
    return net


def shallow_sawtooth(k):
    """One hidden layer: a ReLU at 0 and at each of the 2^k - 1 kinks, slopes +-2^k."""
    pieces, slope = 2**k, 2.0**k
    net = MLP(1, [pieces, 1], activation="relu")
    out = net.layers[1].neurons[0]
    for j, neuron in enumerate(net.layers[0].neurons):
        neuron.w[0].data, neuron.b.data = 1.0, -j / pieces
        out.w[j].data = slope if j == 0 else (-1) ** j * 2 * slope  # the change of slope at kink j
    out.b.data = 0.0
    return net


def sawtooth(x, k):
    for _ in range(k):
        x = 2 * x if x <= 0.5 else 2 - 2 * x
    return x


points = np.linspace(0, 1, 257)  # every kink of k <= 6 (multiples of 1/64) is a grid point
print(f"{'k':>2} {'teeth':>6} {'deep params':>12} {'shallow params':>15}")
counts = []
for k in range(1, 7):
    deep, shallow = deep_sawtooth(k), shallow_sawtooth(k)
    for p in points:
        target = sawtooth(p, k)
        assert abs(deep([p]).data - target) < 1e-9 and abs(shallow([p]).data - target) < 1e-9
    counts.append((k, deep.num_parameters(), shallow.num_parameters()))
    print(f"{k:>2} {2 ** (k - 1):>6} {deep.num_parameters():>12} {shallow.num_parameters():>15}")
assert all(d == 6 * k + 1 for k, d, _ in counts) and all(s == 3 * 2**k + 1 for k, _, s in counts)

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 3))
for k in [1, 2, 3, 4]:
    axes[0].plot(points, [sawtooth(p, k) for p in points], label=f"k = {k}")
axes[0].set_title("k-fold tent map: 2^(k-1) teeth")
axes[0].legend(loc="upper right", fontsize=8)
ks = [k for k, _, _ in counts]
axes[1].semilogy(ks, [d for _, d, _ in counts], "o-", label="deep: k layers of 2 ReLUs")
axes[1].semilogy(ks, [s for _, _, s in counts], "s-", label="shallow: one hidden layer")
axes[1].set_xlabel("k")
axes[1].set_ylabel("parameters (log scale)")
axes[1].set_title("parameters for the same function, exactly")
axes[1].legend()
plt.tight_layout()
plt.show()

# %% [markdown]
# For six folds the deep network needs 37 parameters and the shallow one 193; every
# further fold adds 6 parameters to the deep network and doubles the shallow one. Depth
# lets a network *reuse* what earlier layers computed (each layer folds the output of the
# previous one), which one wide layer cannot do. Real data are not sawtooth functions, but
# they are full of structure built from parts (edges make shapes, shapes make objects),
# and deep networks exploit it in the same way.
#
# ## The cost of depth
#
# Depth is not free.
#
# 1. **Computation and memory grow with depth**: every layer adds nodes to the graph,
#    and backpropagation must keep all of them (notebook 5).
# 2. **Gradients vanish (or explode) on the way back**: the gradient reaching layer $l$
#    is a product of one factor per layer above it. With sigmoids each factor carries a
#    slope of at most 0.25, so the first layers receive far smaller gradients than the
#    last ones, and they **learn far more slowly**: optimisation takes longer, or stalls.
#
# Both, measured: the graph size per forward pass, and the size of each layer's weight
# gradient in a 10-layer network at initialisation.

# %%
for depth in [1, 5, 10, 20]:
    net = MLP(4, [8] * depth + [1], activation="sigmoid", seed=0)
    print(f"{depth:>2} hidden layers: {net.num_parameters():>5} parameters, "
          f"{len(topological_order(net([0.1, 0.2, 0.3, 0.4]))):>5} nodes per forward pass")


def layer_gradient_norms(net, inputs):
    net.zero_grad()
    for x in inputs:
        net(x).backward()
    return [math.sqrt(sum(w.grad**2 for n in layer.neurons for w in n.w)) for layer in net.layers]


rng = random.Random(0)
inputs = [[rng.uniform(-1, 1) for _ in range(4)] for _ in range(10)]
deep_sigmoid = MLP(4, [8] * 10 + [1], activation="sigmoid", seed=0)
sigmoid_norms = layer_gradient_norms(deep_sigmoid, inputs)
print("\nweight-gradient size per layer, 10 sigmoid layers (input side first):")
print(" ".join(f"{g:.0e}" for g in sigmoid_norms))
print(f"the first layer's gradient is {sigmoid_norms[-1] / sigmoid_norms[0]:.0e} times smaller than the last layer's")
assert sigmoid_norms[-1] / sigmoid_norms[0] > 1e6


# %% [markdown]
# What that means for learning: train this 10-layer sigmoid network with plain gradient
# descent (SGD) for 100 steps, to fit the sum of its inputs, and measure how far each
# layer's weights moved relative to their size. Every step moves a weight in proportion to
# its gradient, so the layers near the output do all the moving and the first layers stay
# practically where they started.

# %%
def relative_change_per_layer(net, optimizer, steps=100):
    before = [np.array([w.data for n in layer.neurons for w in n.w]) for layer in net.layers]
    X = np.array(inputs)
    fit(net, X, X.sum(axis=1), mse_loss, optimizer, steps=steps, shuffle=False, progress=False)
    after = [np.array([w.data for n in layer.neurons for w in n.w]) for layer in net.layers]
    return [np.linalg.norm(a - b) / np.linalg.norm(b) for a, b in zip(after, before)]


net = MLP(4, [8] * 10 + [1], activation="sigmoid", seed=0)
moved_sgd = relative_change_per_layer(net, SGD(net.parameters(), lr=0.05))
print("SGD:  relative change of each layer's weights (input side first):")
print("      " + " ".join(f"{m:.0e}" for m in moved_sgd))
assert moved_sgd[0] < 1e-4 * moved_sgd[-1]

# %% [markdown]
# **Adam** is different: it divides each parameter's step by the running size of that
# parameter's own gradients, so a weight with a tiny gradient still takes steps of about
# the learning rate. Trained with Adam, the same network moves every layer, the first ones
# included:

# %%
net = MLP(4, [8] * 10 + [1], activation="sigmoid", seed=0)
moved_adam = relative_change_per_layer(net, Adam(net.parameters(), lr=0.01))
print("Adam: relative change of each layer's weights (input side first):")
print("      " + " ".join(f"{m:.0e}" for m in moved_adam))
assert moved_adam[0] > 0.1


# %% [markdown]
# That is why adaptive optimisers are among the remedies below, but they only rescale the
# steps: the direction of a first-layer step still comes from a gradient millions of times
# smaller than the last layer's.
#
# ## Why stack layers, what goes wrong, and what fixes it
#
# This answers the lecture's third pre-question.
#
# **Why.** A single hidden layer suffices *in principle*, but some functions need
# exponentially many units that way, while a deep network builds them from reused parts
# with few parameters (the sawtooth above). Deep networks learn a hierarchy of features,
# each layer composing the previous one's, which matches how structure in real data is
# organised.
#
# **Drawbacks.** Gradients vanish or explode through many layers, so the first layers
# learn slowly or not at all; optimisation takes longer and is more sensitive to the
# learning rate and the initialisation; each layer costs computation and, for
# backpropagation, memory; and more parameters can overfit a small data set.
#
# **Remedies.**
# - *Activations that pass gradients*: ReLU and its variants (notebook 2) have slope 1
#   where active.
# - *Initialisation matched to the activation*: Xavier/Glorot for tanh and sigmoid, He
#   for ReLU (the `MLP` default), so that signals and gradients keep their size from
#   layer to layer.
# - *Residual (skip) connections*: a layer computes $h + F(h)$ instead of $F(h)$; the
#   identity path carries the gradient back unchanged, however deep the network.
# - *Normalisation layers* (batch norm, layer norm), which keep each layer's inputs in
#   the range where the activation has a useful slope.
# - *Better optimisers and schedules*: Adam and friends rescale each parameter's step;
#   learning-rate warm-up and decay; gradient clipping against explosion.
# - *Regularisation* against overfitting: weight decay (an L2 penalty), dropout, early
#   stopping, more data.
#
# Two of the remedies, measured on the 10-layer network above: the first layer's gradient
# compared with the last layer's, with tanh or ReLU (each with its matched initialisation)
# instead of sigmoid, and with residual connections around the same sigmoid layers.

# %%
class ResidualMLP(Module):
    """x -> linear layer -> `depth` blocks h = h + layer(h) -> linear output."""

    def __init__(self, nin, width, depth, activation, seed):
        rng = random.Random(seed)
        self.first = Layer(nin, width, "linear", seed=rng)
        self.blocks = [Layer(width, width, activation, seed=rng) for _ in range(depth)]
        self.last = Layer(width, 1, "linear", seed=rng)
        self.layers = [self.first, *self.blocks, self.last]

    def __call__(self, x):
        h = self.first(x)
        for block in self.blocks:
            h = [a + b for a, b in zip(h, block(h))]  # the skip connection
        return self.last(h)


variants = {
    "sigmoid": deep_sigmoid,
    "tanh": MLP(4, [8] * 10 + [1], activation="tanh", seed=0),
    "relu": MLP(4, [8] * 10 + [1], activation="relu", seed=0),
    "sigmoid + residual": ResidualMLP(4, 8, 10, "sigmoid", seed=0),
}
ratios = {}
for name, net in variants.items():
    norms = layer_gradient_norms(net, inputs)
    ratios[name] = norms[0] / norms[-1]
    print(f"{name:>18}: first layer's gradient / last layer's = {ratios[name]:.1e}")
assert ratios["sigmoid"] < 1e-5
assert all(ratios[name] > 1e-2 for name in ["tanh", "relu", "sigmoid + residual"])

# %% [markdown]
# The same ten layers that starve their first layer of gradient with plain sigmoids keep
# it within two orders of magnitude of the last layer's once the activation passes
# gradients (tanh, ReLU, with the right initialisation) or once a skip connection gives the
# gradient a direct path.
#
# ## Summary
#
# - A neuron is linear regression followed by an activation; a layer is many neurons on
#   the same inputs; an MLP chains layers, and forward propagation applies them in order.
# - One hidden layer can approximate any continuous function (a sine with a handful of
#   tanh units), but for some functions only at an exponential price in units: the deep
#   sawtooth network needs $6k + 1$ parameters where one hidden layer needs $3 \cdot 2^k + 1$.
# - Depth costs computation, memory, and, above all, gradient: with sigmoids the first
#   layers get gradients many orders of magnitude smaller and barely learn. ReLU-type
#   activations, matched initialisation, residual connections, normalisation, adaptive
#   optimisers and regularisation are the standard answers.
#
# Next: [5 · Backpropagation](05_backpropagation.ipynb).
