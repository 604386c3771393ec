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
#
# Every number in the text is computed by a cell. Exercises (marked ✏️) ask you to predict
# or write something; a checker from `exercises.nb04` compares your answer with the engine.

# %%
# %matplotlib inline
import math
import random

import matplotlib.pyplot as plt
import numpy as np

from matplotlib.ticker import MaxNLocator

from autograd import Value, topological_order
from exercises import nb04
from nn import MLP, SGD, Adam, Layer, Module, Neuron, fit, mse_loss
from viz import draw_dot, draw_model

# %% [markdown]
# ## A neuron is a linear model plus an activation
#
# A neuron with inputs $x_0, \dots, x_{n-1}$ computes a weighted sum plus a bias, exactly
# as linear regression does, and passes it through an activation $f$:
#
# $$a = f\Big(b + \sum_{i=0}^{n-1} w_i x_i\Big).$$
#
# `nn.Neuron` holds the weights `w0, w1, ...` and the bias `b` as `Value`s, so everything it
# computes is recorded in a graph. Its weights start at random values (`seed` makes them
# reproducible); how large they should be is a question of its own (initialisation, near
# the end of this notebook).

# %%
neuron = Neuron(3, activation="tanh", seed=0)
x = [0.5, -1.0, 2.0]
z = neuron.b.data + sum(w.data * xi for w, xi in zip(neuron.w, x))
by_hand = math.tanh(z)
a = neuron(x)
print("weights", [round(w.data, 4) for w in neuron.w], " bias", neuron.b.data)
print(f"linear part z = {z:.6f}, tanh(z) = {by_hand:.6f}, neuron(x) = {a.data:.6f}")
a.label = "a"
draw_dot(a, params=neuron, rankdir="TB", show_grad=False)  # top to bottom; no gradients yet

# %% tags=["remove-cell"]
assert abs(a.data - by_hand) < 1e-15

# %% [markdown]
# ## Forward propagation through an MLP
#
# A **layer** is several neurons that all read the same inputs; an **MLP** feeds each
# layer's outputs to the next. *Forward propagation* is just that: start from the input,
# apply layer after layer (a linear map, then the activation), and read the last layer's
# output. In matrix form, with $h_0 = x$, layer $l$ (counted from 0, as `model.layers[l]`)
# computes $h_{l+1} = f(W_l h_l + b_l)$, where row $j$ of $W_l$ holds the weights of the
# layer's neuron $j$.
#
# Below, `MLP(2, [3, 3, 1])`: two inputs, two hidden layers of three tanh neurons, one
# linear output, so three layers of weights. `MLP` draws its initial weights at random,
# scaled to the size of each layer (Xavier or He initialisation; why, under the remedies
# below). We walk through it one layer at a time and compare with the matrix form computed
# in NumPy.

# %%
model = MLP(2, [3, 3, 1], activation="tanh", seed=1)
x = [1.0, -0.5]

h = [Value(v) for v in x]
h_numpy = np.array(x)
differences, lines = [], [str(model)]
for i, layer in enumerate(model.layers):
    h = layer(h)
    h = h if isinstance(h, list) else [h]
    W = np.array([[w.data for w in n.w] for n in layer.neurons])
    b = np.array([n.b.data for n in layer.neurons])
    pre = W @ h_numpy + b
    h_numpy = np.tanh(pre) if i < len(model.layers) - 1 else pre  # the output layer is linear
    differences.append(np.abs(np.array([v.data for v in h]) - h_numpy).max())
    lines.append(f"layer {i}: W is {W.shape[0]}x{W.shape[1]}, output {[round(v.data, 4) for v in h]}")
lines.append(f"model(x) = {model(x).data:.4f}")
lines.append(f"largest difference between the engine and the matrix form: {max(differences):.0e}")
print("\n".join(lines))

# %% tags=["remove-cell"]
assert max(differences) < 1e-14
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

# %% tags=["remove-cell"]
assert model.num_parameters() == (2 * 3 + 3) + (3 * 3 + 3) + (3 * 1 + 1) == 25

# %% [markdown]
# ✏️ **Exercise 1.** Without running anything, how many parameters does
# `MLP(3, [4, 4, 2])` have? Count the weights and the biases layer by layer.

# %%
answer = ...  # replace ... with a whole number
nb04.check_count_parameters(answer);

# %% [markdown]
# ✏️ **Exercise 2.** Write one layer's forward pass in matrix form: `layer_forward(W, b, x)`
# returns the outputs of a layer of tanh neurons, where row $j$ of the NumPy array `W` holds
# neuron $j$'s weights and `b` its biases. The checker compares it with an engine `Layer`.

# %%
def layer_forward(W, b, x):
    return ...  # replace ... with the layer's outputs (a NumPy array)


nb04.check_layer_forward(layer_forward);

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
# (inputs scaled to $[-1, 1]$). Two tools do the training, previewed here in one line each:
# `fit(model, X, y, loss, optimizer, steps=...)` repeats a training step (forward pass over
# the data, the loss, here the mean squared error, a backward pass for the gradients, as
# notebook 5 explains, and an update of the parameters; notebook 6 builds it); `Adam` is
# gradient descent with a step size adapted to each parameter (explained below, under
# *The cost of depth*). Every network gets the same budget: 400 steps at learning rate 0.05.

# %%
xs = np.linspace(-math.pi, math.pi, 40)
X, y = (xs / math.pi).reshape(-1, 1), np.sin(xs)
widths = [1, 2, 4, 8]


def error_of(net):
    """The mean squared error of net on the 40 points."""
    return mse_loss([net([v]) for v in X[:, 0]], list(y)).data


def fit_sine(width, seed=0, steps=400):
    """One hidden layer of `width` tanh units, trained with Adam; returns (net, loss per step)."""
    net = MLP(1, [width, 1], activation="tanh", seed=seed)
    history = fit(net, X, y, mse_loss, Adam(net.parameters(), lr=0.05), steps=steps, shuffle=False, progress=False)
    return net, history["loss"]


fits = {width: fit_sine(width) for width in widths}
sine_errors = {width: error_of(net) for width, (net, _) in fits.items()}
print("\n".join(
    f"{w} hidden {'unit ' if w == 1 else 'units'} ({fits[w][0].num_parameters():>2} parameters): "
    f"mean squared error {sine_errors[w]:.1e}"
    for w in widths
))

# %% tags=["remove-cell"]
errors = [sine_errors[w] for w in widths]
assert errors[0] > 0.05 and errors[0] > errors[1] > max(errors[2:])
assert errors[0] > 100 * errors[2] and errors[0] > 100 * errors[3]

# %%
grid = np.linspace(-math.pi, math.pi, 200)
fig, axes = plt.subplots(1, len(widths), figsize=(12, 2.8), sharey=True)
for ax, width in zip(axes, widths):
    net, error = fits[width][0], sine_errors[width]
    ax.plot(grid, np.sin(grid), color="lightgray", linewidth=4, label="sin x")
    ax.plot(grid, [net([g / math.pi]).data for g in grid], color="tab:blue", label="network")
    ax.set_title(f"{width} tanh unit{'s' if width > 1 else ''}: error {error:.0e}")
axes[0].legend(loc="upper left")
plt.tight_layout()
plt.show()


# %% [markdown]
# One unit can only make a single S-shaped step, so it cannot follow both the crest and
# the trough of the sine; two units do better; with four or eight units the error is more
# than 100 times smaller than with one, and the fitted curve covers the sine. The theorem
# promises that such a network *exists* for every accuracy; it does not say how many units
# are needed, nor that training will find them.
#
# ### Why eight units end slightly worse than four here
#
# Eight units should never be worse than four: they can compute everything four can. The
# cell below shows it by construction: an 8-unit network that copies the four trained units
# and gives four more units an output weight of 0 computes exactly the 4-unit function, so
# its error is the same. It then looks at training itself: the loss curves of the 4-unit
# and 8-unit networks, and the same two widths trained from other random starting points
# (seeds).

# %%
four, _ = fits[4]
copy = MLP(1, [8, 1], activation="tanh", seed=0)
out, four_out = copy.layers[1].neurons[0], four.layers[1].neurons[0]
for j, neuron in enumerate(copy.layers[0].neurons):
    source = four.layers[0].neurons[j % 4]
    neuron.w[0].data, neuron.b.data = source.w[0].data, source.b.data
    out.w[j].data = four_out.w[j].data if j < 4 else 0.0  # units 4 to 7 are switched off
out.b.data = four_out.b.data

other_seeds = {seed: (error_of(fit_sine(4, seed)[0]), error_of(fit_sine(8, seed)[0])) for seed in [1, 2]}
four_error, eight_error, copy_error = error_of(four), error_of(fits[8][0]), error_of(copy)
eight_last = fits[8][1][-30:]
print(f"trained, 4 units:                     {four_error:.2e}")
print(f"trained, 8 units:                     {eight_error:.2e}")
print(f"8 units copying the trained 4 units:  {copy_error:.2e}")
print(f"8 units during its last 30 steps:     from {min(eight_last):.2e} to {max(eight_last):.2e}")
print("the same 400 steps from other starting points:")
for seed, (e4, e8) in other_seeds.items():
    print(f"  seed {seed}: 4 units {e4:.1e}, 8 units {e8:.1e}")

fig, ax = plt.subplots(figsize=(7, 2.8))
for width, color in [(4, "tab:blue"), (8, "tab:orange")]:
    ax.semilogy(fits[width][1], color=color, label=f"{width} units")
ax.set_xlabel("training step")
ax.set_ylabel("mean squared error")
ax.set_title("seed 0: both curves still falling at step 400, and bumpy")
ax.legend()
plt.tight_layout()
plt.show()

# %% tags=["remove-cell"]
assert abs(copy_error - four_error) < 1e-15 and eight_error > four_error
assert all(e8 < e4 for e4, e8 in other_seeds.values())
assert max(eight_last) > 2 * min(eight_last) and min(eight_last) < four_error

# %% [markdown]
# So the gap is not capacity: an 8-unit network exists with the 4-unit error (and training
# could lower it further). It is optimisation within a fixed budget. After 400 steps at a
# fixed learning rate neither network has converged: both curves are still falling, and
# Adam's steps at learning rate 0.05 make the 8-unit loss jump up and down by a factor of
# about 10 within the last 30 steps, passing *below* the 4-unit network's final error on
# the way, so where step 400 happens to land decides the comparison. With the other two
# seeds, eight units end below four. Comparing widths fairly takes more
# steps, a decaying learning rate, and several seeds; one run of a fixed budget measures
# the training as much as the network.
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
# that they compute the same function: on a grid of 257 points that contains every kink, both
# must agree with the sawtooth.

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
table = [f"{'k':>2} {'teeth':>6} {'deep params':>12} {'shallow params':>15}"]
counts, worst = [], 0.0
for k in range(1, 7):
    deep, shallow = deep_sawtooth(k), shallow_sawtooth(k)
    for p in points:
        target = sawtooth(p, k)
        worst = max(worst, abs(deep([p]).data - target), abs(shallow([p]).data - target))
    counts.append((k, deep.num_parameters(), shallow.num_parameters()))
    table.append(f"{k:>2} {2 ** (k - 1):>6} {deep.num_parameters():>12} {shallow.num_parameters():>15}")
table.append(f"largest difference from the sawtooth, both networks, every k: {worst:.0e}")
print("\n".join(table))

# %% tags=["remove-cell"]
assert worst < 1e-9
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
axes[1].set_xlabel("k (folds = hidden layers of the deep network)")
axes[1].xaxis.set_major_locator(MaxNLocator(integer=True))
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
# ✏️ **Exercise 3.** How many parameters do the two networks need for $k = 10$ folds? Give
# the pair (deep, shallow), counted from the shapes `MLP(1, [2] * k + [1])` and
# `MLP(1, [2**k, 1])`.

# %%
answer = ...  # replace ... with a pair (deep, shallow)
nb04.check_sawtooth_parameters(answer);

# %% [markdown]
# ## The cost of depth
#
# Depth is not free.
#
# 1. **Computation and memory grow with depth**: every layer adds nodes to the graph,
#    and backpropagation must keep the values of all of them until it has used them
#    (notebook 5 measures it).
# 2. **Gradients vanish (or explode) on the way back**: the gradient reaching layer $l$
#    is a product of one factor per layer above it. With sigmoids each factor carries a
#    slope of at most 0.25, so the first layers receive far smaller gradients than the
#    last ones, and they **learn far more slowly**: optimisation takes longer, or stalls.
#
# Both, measured: the graph size per forward pass, and the size of each layer's weight
# gradient in a 10-layer network at initialisation.

# %%
lines = []
for depth in [1, 5, 10, 20]:
    net = MLP(4, [8] * depth + [1], activation="sigmoid", seed=0)
    lines.append(f"{depth:>2} hidden layers: {net.num_parameters():>5} parameters, "
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
lines += ["", "weight-gradient size per layer, 10 sigmoid layers (input side first):",
          " ".join(f"{g:.0e}" for g in sigmoid_norms),
          f"the first layer's gradient is {sigmoid_norms[-1] / sigmoid_norms[0]:.0e} times smaller than the last layer's"]
print("\n".join(lines))

# %% tags=["remove-cell"]
assert sigmoid_norms[-1] / sigmoid_norms[0] > 1e6

# %% [markdown]
# ✏️ **Exercise 4.** The sigmoid's slope is never larger than at $x = 0$. Ignoring the
# weights, what is the largest possible product of the slopes of ten sigmoid layers, the
# factor that multiplies a gradient on its way back through them?

# %%
answer = ...  # replace ... with a number
nb04.check_sigmoid_slopes(answer);


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

# %% tags=["remove-cell"]
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

# %% tags=["remove-cell"]
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
# - *Initialisation matched to the activation*: Xavier/Glorot for tanh and sigmoid
#   (weights drawn with variance $2 / (n_\text{in} + n_\text{out})$), He for ReLU
#   (variance $2 / n_\text{in}$, making up for the half of its inputs that ReLU zeroes), so
#   that signals and gradients keep their size from layer to layer. `MLP` picks the
#   matching one by default (`init="auto"`); every network in this notebook used it.
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
all_norms = {name: layer_gradient_norms(net, inputs) for name, net in variants.items()}
ratios = {name: norms[0] / norms[-1] for name, norms in all_norms.items()}
print("\n".join(f"{name:>18}: first layer's gradient / last layer's = {r:.1e}" for name, r in ratios.items()))

fig, ax = plt.subplots(figsize=(7, 3))
for name, norms in all_norms.items():
    ax.semilogy(range(len(norms)), norms, "o-", label=name)
ax.set_xlabel("layer (0 = first, next to the input)")
ax.xaxis.set_major_locator(MaxNLocator(integer=True))
ax.set_ylabel("weight-gradient size")
ax.set_title("gradient reaching each layer, at initialisation")
ax.legend(fontsize=8)
plt.tight_layout()
plt.show()

# %% tags=["remove-cell"]
assert ratios["sigmoid"] < 1e-5
assert all(ratios[name] > 1e-2 for name in ["tanh", "relu", "sigmoid + residual"])

# %% [markdown]
# The same ten layers that starve their first layer of gradient with plain sigmoids keep
# it within two orders of magnitude of the last layer's once the activation passes
# gradients (tanh, ReLU, with the right initialisation) or once a skip connection gives the
# gradient a direct path. (In the chart, the residual network has one layer more than the
# others: a linear layer in front of its ten blocks, so that the skip connections add
# vectors of the same width.)
#
# ## Corrections of the lecture note
#
# > **What the lecture note says, and what is true.**
# >
# > 1. *"2층의 신경망으로도 연속 함수를 근사할 수 있다"* (a 2-layer network can approximate
# >    any continuous function). True, once "2층" is read as the universal approximation
# >    theorem means it: **two layers of weights, that is one hidden layer** (input →
# >    hidden → output). Counted as layers of neurons, the same network has three (input,
# >    hidden, output), and the input layer computes nothing. The cell below counts both for
# >    the sine network of this notebook. The theorem also needs *enough* hidden units and a
# >    bounded input range: one or two units did not fit the sine.
# > 2. *"층이 깊을수록 목적함수를 근사하는데 필요한 노드 수가 줄어"* (the deeper, the fewer
# >    units a target function needs). For some functions, not for all: the sawtooth's
# >    exact count above is the standard example (37 parameters deep against 193 shallow for
# >    six folds), while a smooth curve such as the sine is fitted well by one hidden layer
# >    of four units.

# %%
sine_net = fits[4][0]
weight_layers = len(sine_net.layers)  # one weight matrix per Layer
hidden_layers = weight_layers - 1  # every Layer but the output one
print(f"MLP(1, [4, 1]), the sine network: {weight_layers} weight layers "
      f"({' and '.join(f'{len(l.neurons)}x{len(l.neurons[0].w)}' for l in sine_net.layers)}), "
      f"{hidden_layers} hidden layer, {weight_layers + 1} layers of neurons counting the input")

# %% tags=["remove-cell"]
assert (weight_layers, hidden_layers) == (2, 1)

# %% [markdown]
# ✏️ **Exercise 5.** Count the lecture's way: how many weight layers ("층") and how many
# hidden layers does `MLP(2, [16, 16, 1])` have? Give the pair (weight layers, hidden
# layers).

# %%
answer = ...  # replace ... with a pair (weight layers, hidden layers)
nb04.check_count_layers(answer);

# %% [markdown]
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
