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
# # 2 · Activation functions
#
# A neuron computes a weighted sum of its inputs and passes it through an **activation
# function**. This notebook asks why that function is needed at all, then looks at the six
# common ones (sigmoid, tanh, ReLU, Leaky ReLU, ELU, GELU): their shapes, ranges and
# derivatives, all computed by the engine. It ends with the two classic problems that
# decide which one to use: **vanishing gradients** in deep stacks and **dying ReLUs**.

# %%
# %matplotlib inline
import math
import random

import matplotlib.pyplot as plt
import numpy as np

from autograd import Value, grad, topological_order
from nn import MLP, Neuron
from viz import draw_dot, plot_activations

# %% [markdown]
# ## Why a network needs a non-linearity
#
# Without activation functions every layer is an affine map $x \mapsto Wx + b$, and a
# composition of affine maps is again one affine map:
# $W_3(W_2(W_1 x + b_1) + b_2) + b_3 = (W_3 W_2 W_1)\,x + (W_3 W_2 b_1 + W_3 b_2 + b_3)$.
# However many layers we stack, the network can only represent what a single layer can. We
# check this numerically: a three-layer network with `activation="linear"` and random
# weights and biases computes exactly the same function as one matrix and one bias vector.

# %%
rng = random.Random(0)
deep_linear = MLP(2, [4, 4, 2], activation="linear", seed=0)
for p in deep_linear.parameters():  # random biases too, so nothing is special about 0
    p.data = rng.uniform(-1, 1)


def affine_map(layer):
    W = np.array([[w.data for w in neuron.w] for neuron in layer.neurons])
    b = np.array([neuron.b.data for neuron in layer.neurons])
    return W, b


W, c = np.eye(2), np.zeros(2)
for layer in deep_linear.layers:  # compose x -> W_l x + b_l, layer after layer
    W_l, b_l = affine_map(layer)
    W, c = W_l @ W, W_l @ c + b_l

worst = 0.0
for _ in range(100):
    x = [rng.uniform(-3, 3), rng.uniform(-3, 3)]
    network = np.array([v.data for v in deep_linear(x)])
    worst = max(worst, np.abs(network - (W @ np.array(x) + c)).max())
print(f"3 linear layers: {len(deep_linear.parameters())} parameters")
print(f"one affine map:  {W.size + c.size} numbers, W =\n{W.round(4)}\nc = {c.round(4)}")
assert worst < 1e-12
print("largest difference over 100 random inputs: below 1e-12 (floating-point rounding)")

# %% [markdown]
# So a linear network can only draw straight decision boundaries. The classic example it
# cannot learn is XOR: output 1 when exactly one of two inputs is 1. The best affine fit
# (least squares) predicts 0.5 for all four points, which is no better than a coin toss.
# One hidden layer with a non-linearity solves it exactly: with
# $h_1 = \mathrm{relu}(x_1 + x_2)$ and $h_2 = \mathrm{relu}(x_1 + x_2 - 1)$, the output
# $h_1 - 2 h_2$ is XOR.

# %%
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([0, 1, 1, 0], dtype=float)
design = np.hstack([X, np.ones((4, 1))])
coef, *_ = np.linalg.lstsq(design, y, rcond=None)
print("best affine fit predicts:", (design @ coef).round(6))
assert np.allclose(design @ coef, 0.5)


def xor_network(x1, x2):
    x1, x2 = Value(x1), Value(x2)
    h1 = (x1 + x2).relu()
    h2 = (x1 + x2 - 1).relu()
    return h1 - 2 * h2


outputs = [xor_network(*x).data for x in X]
print("one ReLU hidden layer:   ", outputs)
assert outputs == list(y)

# %% [markdown]
# The non-linearity is what lets a network bend its decision boundary; how much it bends,
# and how well gradients pass through it, depends on which function we pick.
#
# ## Six activation functions
#
# | name | $f(x)$ | range |
# |---|---|---|
# | sigmoid | $\sigma(x) = \dfrac{1}{1 + e^{-x}}$ | $(0, 1)$ |
# | tanh | $\tanh x = \dfrac{e^x - e^{-x}}{e^x + e^{-x}} = 2\sigma(2x) - 1$ | $(-1, 1)$ |
# | ReLU | $\max(0, x)$ | $[0, \infty)$ |
# | Leaky ReLU | $x$ if $x > 0$, else $0.01\,x$ | $(-\infty, \infty)$ |
# | ELU | $x$ if $x > 0$, else $\alpha(e^x - 1)$, $\alpha = 1$ | $(-\alpha, \infty)$ |
# | GELU | $x\,\Phi(x)$, $\Phi$ the standard normal CDF | $[\approx -0.17, \infty)$ |
#
# `plot_activations` draws each function with its first and second derivatives. The
# derivatives are not typed-in formulas: they come from the engine, `grad(f)` and
# `grad(grad(f))`.

# %%
names = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu"]
plot_activations(names, x_range=(-4, 4), derivatives=2)

# %% [markdown]
# ### Ranges and where each derivative peaks
#
# The same engine derivatives, evaluated on a fine grid, give the numbers behind the
# pictures. (At the kink $x = 0$, ReLU's derivative is taken as 0, as in PyTorch; Leaky
# ReLU's as its slope 0.01; ELU's as $\alpha$.)

# %%
ACTIVATIONS = {
    "sigmoid": Value.sigmoid,
    "tanh": Value.tanh,
    "relu": Value.relu,
    "leaky_relu": Value.leaky_relu,
    "elu": Value.elu,
    "gelu": Value.gelu,
}
grid = np.linspace(-10, 10, 4001)  # step 0.005, x = 0 included
table = {}
print(f"{'':>10}  {'min f':>8}  {'max f':>8}  {'max f' + chr(39):>8}  {'at x':>6}  {'min f' + chr(39):>8}")
for name, f in ACTIVATIONS.items():
    df = grad(f)
    values = [f(Value(x)).data for x in grid]
    slopes = [df(x) for x in grid]
    i_max, i_min = int(np.argmax(slopes)), int(np.argmin(slopes))
    table[name] = (min(values), max(values), slopes[i_max], grid[i_max], slopes[i_min])
    print(f"{name:>10}  {min(values):8.4f}  {max(values):8.4f}  {slopes[i_max]:8.4f}  {grid[i_max]:6.3f}  {slopes[i_min]:8.4f}")

# %% [markdown]
# Reading the table (on $[-10, 10]$; the first argmax is shown where the maximum is a
# plateau):
#
# - **sigmoid** stays inside $(0, 1)$, and its derivative $\sigma(1 - \sigma)$ is at most
#   **0.25**, reached at $x = 0$.
# - **tanh** stays inside $(-1, 1)$, and its derivative $1 - \tanh^2$ reaches **1 at
#   $x = 0$**.
# - **ReLU**, **Leaky ReLU** and **ELU** have derivative exactly 1 for every $x > 0$; below
#   0, ReLU's is 0, Leaky ReLU's is 0.01 and ELU's is $e^x$, between 0 and 1.
# - **GELU** dips to about $-0.17$, and its derivative goes slightly *above* 1 (about 1.13)
#   and slightly below 0.
#
# The next cell pins these down exactly, with the engine's higher derivatives.

# %%
sig, tnh = table["sigmoid"], table["tanh"]
assert sig[2] == 0.25 and sig[3] == 0.0  # max of sigmoid' is 0.25, at x = 0
assert tnh[2] == 1.0 and tnh[3] == 0.0  # max of tanh' is 1, at x = 0
assert 0 < sig[0] and sig[1] < 1 and -1 < tnh[0] and tnh[1] < 1
for name in ["relu", "leaky_relu", "elu"]:
    assert table[name][2] == 1.0
assert table["relu"][4] == 0.0 and table["leaky_relu"][4] == 0.01 and table["elu"][4] > 0

# GELU's derivative peaks where its second derivative vanishes: Newton's method on f'',
# with f''' from the engine too. Analytically f''(x) = phi(x) (2 - x^2), zero at sqrt(2).
gelu = Value.gelu
d1, d2, d3 = grad(gelu), grad(grad(gelu)), grad(grad(grad(gelu)))
x = 1.0
for _ in range(20):
    x -= d2(x) / d3(x)
print(f"GELU' peaks at x = {x:.10f} (sqrt 2 = {math.sqrt(2):.10f}) with value {d1(x):.6f}")
assert abs(x - math.sqrt(2)) < 1e-12 and abs(d1(x) - 1.128904) < 1e-6

# GELU's minimum is where its first derivative vanishes.
x = -1.0
for _ in range(20):
    x -= d1(x) / d2(x)
print(f"GELU has its minimum {gelu(Value(x)).data:.6f} at x = {x:.6f}")
assert abs(gelu(Value(x)).data - (-0.169971)) < 1e-6

# %% [markdown]
# ### Two slips in the usual telling
#
# Lecture notes often say that the sigmoid's derivative is "below 0.3" and that tanh's
# derivative equals 1 "at $x = 1$". The first is true but loose: the exact bound is
# **0.25**, reached only at $x = 0$. The second is wrong: $\tanh'(x) = 1 - \tanh^2 x$ equals
# 1 only where $\tanh x = 0$, that is at **$x = 0$**; at $x = 1$ it is only about 0.42. The
# two functions are related by $\tanh x = 2\sigma(2x) - 1$, so
# $\tanh'(x) = 4\,\sigma'(2x)$: tanh's peak slope is exactly four times the sigmoid's.

# %%
dsig, dtanh = grad(Value.sigmoid), grad(Value.tanh)
print(f"sigmoid'(0) = {dsig(0.0)}, tanh'(0) = {dtanh(0.0)}, tanh'(1) = {dtanh(1.0):.4f}")
assert dsig(0.0) == 0.25 and dtanh(0.0) == 1.0 and abs(dtanh(1.0) - 0.42) < 0.01
for x in [-3.0, -0.5, 0.0, 0.8, 2.5]:
    assert abs(dtanh(x) - 4 * dsig(2 * x)) < 1e-12
print("tanh'(x) == 4 sigmoid'(2x) at x = -3, -0.5, 0, 0.8, 2.5")

# %% [markdown]
# ## Sigmoid, tanh or ReLU?
#
# This answers the lecture's first pre-question. Each property below is checked by the
# next cell.
#
# **Sigmoid.** Its output lies in $(0, 1)$, so it reads as a probability, which is why it
# remains the right choice for the *output* of a binary classifier. As a hidden
# activation it has three weaknesses: its slope is at most 0.25, so every sigmoid layer
# shrinks a gradient passing back through it by at least a factor of 4; it **saturates**
# (for $|x| = 5$ the slope is already below 0.007), so a neuron pushed far to either side
# hardly learns; and its outputs are all positive (not centred on 0), which makes the
# updates of the next layer's weights all share the same sign for a given example.
#
# **Tanh.** Zero-centred, with a slope of up to 1, four times the sigmoid's, so
# gradients shrink more slowly and training usually converges faster. But it saturates
# just like the sigmoid (slope below 0.0002 at $|x| = 5$), so deep tanh stacks still lose
# their gradient.
#
# **ReLU.** Its slope is exactly 1 wherever it is active, so an active path passes the
# gradient back unchanged, however deep; it costs a comparison instead of an exponential;
# and it outputs exact zeros, a sparse representation. Its weakness is the other side: for
# $x < 0$ the slope is exactly 0, so a neuron that is negative for every input receives no
# gradient at all and never recovers (a *dead* ReLU), and its outputs are not
# zero-centred. Leaky ReLU, ELU and GELU keep ReLU's strengths and give the negative side
# a slope.

# %%
print(f"sigmoid'(5) = {dsig(5.0):.5f},  sigmoid'(-5) = {dsig(-5.0):.5f}")
print(f"tanh'(5)    = {dtanh(5.0):.6f}, tanh'(-5)    = {dtanh(-5.0):.6f}")
assert dsig(5.0) < 0.007 and dsig(-5.0) < 0.007 and dtanh(5.0) < 0.0002
drelu = grad(Value.relu)
print("relu' at 100, 0.001, -0.001, -100:", [drelu(x) for x in [100.0, 0.001, -0.001, -100.0]])
sample = np.random.default_rng(0).normal(size=1000)
means = {n: float(np.mean([ACTIVATIONS[n](Value(x)).data for x in sample])) for n in ["sigmoid", "tanh", "relu"]}
print("mean output over 1000 standard-normal inputs:", {n: round(m, 3) for n, m in means.items()})
assert means["sigmoid"] > 0.45 and abs(means["tanh"]) < 0.05 and means["relu"] > 0.35

# %% [markdown]
# ## Vanishing gradients
#
# Backpropagation multiplies one factor per layer (notebook 5 shows this in detail). For a
# layer $h = f(Wx + b)$ each factor is $f'$ times the weights, so with sigmoids every layer
# multiplies the gradient by an $f'$ of at most 0.25 and the product tends to shrink
# geometrically with depth. Below: networks of width
# 8 and increasing depth, with the initialisation designed for each activation (Xavier
# for sigmoid and tanh, He for ReLU; `MLP`'s default). We measure the size of the gradient
# of the output with respect to the **input**, i.e. how much signal reaches the first
# layer, averaged over five random networks and three inputs.

# %%
depths = [1, 2, 4, 6, 8, 10, 15, 20]
inputs = [[0.5, -0.3, 0.8, 0.1], [-0.7, 0.2, 0.4, -0.9], [0.3, 0.9, -0.5, 0.6]]


def input_gradient_norm(activation, depth):
    total = 0.0
    for seed in range(5):
        model = MLP(4, [8] * depth + [1], activation=activation, seed=seed)
        for x in inputs:
            xs = [Value(v) for v in x]
            model(xs).backward()
            total += math.sqrt(sum(v.grad**2 for v in xs))
    return total / (5 * len(inputs))


flow = {a: [input_gradient_norm(a, d) for d in depths] for a in ["sigmoid", "tanh", "relu"]}
print(f"{'depth':>5}" + "".join(f"{a:>12}" for a in flow))
for i, d in enumerate(depths):
    print(f"{d:>5}" + "".join(f"{flow[a][i]:>12.2e}" for a in flow))

# %%
fig, ax = plt.subplots(figsize=(6, 3.5))
for activation, norms in flow.items():
    ax.semilogy(depths, norms, "o-", label=activation)
ax.set_xlabel("number of hidden layers")
ax.set_ylabel("|d output / d input| (log scale)")
ax.set_title("How much gradient reaches the input")
ax.legend()
plt.show()

# %% [markdown]
# The sigmoid's gradient collapses by many orders of magnitude; tanh's drifts down by a
# small factor; ReLU's stays of the same order at every depth (the next cell puts numbers
# on this). Two things are at work. The sigmoid's slope never exceeds 0.25, so no
# initialisation can save it. Tanh and ReLU can pass a gradient through unchanged (slope
# 1), and the initialisation matched to them (Xavier, He) scales the weights so that the
# per-layer factors stay close to 1 on average. But tanh's slope is 1 only at 0: units
# driven into saturation pass almost nothing back, which is why tanh is only *less*
# prone to vanishing gradients, not immune.

# %%
sig_drop = flow["sigmoid"][0] / flow["sigmoid"][-1]
tanh_drop = flow["tanh"][0] / flow["tanh"][-1]
relu_ratio = flow["relu"][-1] / flow["relu"][0]
print(f"from 1 to 20 hidden layers the input gradient shrinks {sig_drop:.1e}x with sigmoid, "
      f"{tanh_drop:.1f}x with tanh, and changes by a factor {relu_ratio:.2f} with ReLU")
assert sig_drop > 1e9 and 1 < tanh_drop < 10 and 0.1 < relu_ratio < 10

# %% [markdown]
# The same effect in a diagram: a chain of five one-neuron sigmoid layers, drawn with
# `color_by="grad"` so that each node and edge is shaded by the size of its gradient (log
# scale, dark = large). The gradient is large at the output at the bottom and fades layer
# by layer on its way up to the input, losing a factor of four or more at every sigmoid.

# %%
chain = MLP(1, [1, 1, 1, 1, 1], activation="sigmoid", output_activation="sigmoid", seed=3)
x_in = Value(0.5, label="x")
out = chain([x_in])
out.label = "out"
out.backward()
print(f"d out / d x = {x_in.grad:.2e}")
for node in topological_order(out):
    if node.op == "sigmoid":  # what reaches the sigmoid's input is at most 1/4 of what left it
        (z,) = node.parents
        assert abs(z.grad) <= 0.25 * abs(node.grad)
draw_dot(out, params=chain, color_by="grad", rankdir="TB", title="gradient flow through five sigmoid layers")

# %% [markdown]
# ## Dying ReLU, and the answers to it
#
# A ReLU neuron whose weighted sum is negative for *every* input outputs 0 everywhere and,
# worse, receives a gradient of exactly 0 for all its weights and its bias. Gradient
# descent can then never move it again: it is dead. This happens in practice after a too
# large update pushes a bias far negative, or through unlucky initialisation.
#
# The variants differ exactly in the slope they keep on the negative side. Here is that
# slope, from the engine, at a few negative inputs:

# %%
negatives = [-0.25, -0.5, -1.0, -2.0, -5.0]
print(f"{'x':>10}" + "".join(f"{x:>10}" for x in negatives))
slopes = {}
for name in ["relu", "leaky_relu", "elu", "gelu"]:
    slopes[name] = [grad(ACTIVATIONS[name])(x) for x in negatives]
    print(f"{name + chr(39):>10}" + "".join(f"{g:>10.4f}" for g in slopes[name]))
assert all(g == 0.0 for g in slopes["relu"]) and all(g == 0.01 for g in slopes["leaky_relu"])
assert all(abs(g - math.exp(x)) < 1e-12 for g, x in zip(slopes["elu"], negatives))
assert slopes["gelu"][0] > 0 and all(g < 0 for g in slopes["gelu"][2:])

# %% [markdown]
# - **ReLU**: 0 everywhere below 0.
# - **Leaky ReLU**: a small slope, 0.01, that never fades however negative the input.
# - **ELU**: $\alpha e^x$: large near 0, fading for very negative inputs, never 0.
# - **GELU**: positive just below 0, but *negative* below about $-0.75$ (where GELU has
#   its minimum) and fading fast: its negative side is a small dip, not a ramp.
#
# Now an experiment. One neuron with weights $(0.5, -0.5)$ and a bias of $-2$ sees inputs
# in $[-1, 1]^2$, so its weighted sum lies between $-3$ and $-1$: for ReLU it is dead from
# the start. Gradient descent tries to teach it the target $x_1 + x_2 + 2$.

# %%
data_rng = random.Random(1)
data = [(data_rng.uniform(-1, 1), data_rng.uniform(-1, 1)) for _ in range(40)]
targets = [x1 + x2 + 2 for x1, x2 in data]


def train_stuck_neuron(activation, steps=200, lr=0.3):
    neuron = Neuron(2, activation=activation)
    neuron.w[0].data, neuron.w[1].data, neuron.b.data = 0.5, -0.5, -2.0
    losses, revived_at = [], None
    for step in range(steps):
        loss = sum((neuron(x) - t) ** 2 for x, t in zip(data, targets)) / len(data)
        neuron.zero_grad()
        loss.backward()
        for p in neuron.parameters():
            p.data -= lr * p.grad
        losses.append(loss.data)
        sums = [neuron.b.data + neuron.w[0].data * x1 + neuron.w[1].data * x2 for x1, x2 in data]
        if revived_at is None and max(sums) > 0:
            revived_at = step + 1
    return losses, revived_at, neuron.b.data


results = {a: train_stuck_neuron(a) for a in ["relu", "leaky_relu", "elu", "gelu"]}
for activation, (losses, revived_at, bias) in results.items():
    revived = f"positive for some input after step {revived_at}" if revived_at else "never positive"
    print(f"{activation:>10}: loss {losses[0]:.3f} -> {losses[-1]:.4f}, bias -2 -> {bias:+.3f}, weighted sum {revived}")

assert results["relu"][0][-1] == results["relu"][0][0] and results["relu"][2] == -2.0
for activation in ["leaky_relu", "elu"]:
    assert results[activation][1] is not None and results[activation][0][-1] < 1e-3
assert results["elu"][1] < results["leaky_relu"][1]
assert results["gelu"][1] is None and results["gelu"][2] < -2.0

# %%
fig, ax = plt.subplots(figsize=(6, 3.2))
for activation, (losses, _, _) in results.items():
    ax.plot(range(1, len(losses) + 1), losses, label=activation)
ax.set_xlabel("gradient-descent step")
ax.set_ylabel("mean squared error")
ax.set_title("A neuron that starts with every input on its negative side")
ax.legend()
plt.show()

# %% [markdown]
# What happened, and how each variant answers the problem:
#
# - **ReLU** never moved: not one parameter changed in 200 steps.
# - **Leaky ReLU** keeps a fixed slope of 0.01 on the negative side, so the gradient is
#   never zero: the neuron crawls back (its bias rises slowly) until its weighted sum turns
#   positive, then learns the target exactly. Everything else is ReLU.
# - **ELU** uses $\alpha(e^x - 1)$ below 0: a smooth curve whose slope $\alpha e^x$ is much
#   larger near 0, so the neuron recovers within a few steps. Its negative outputs (down to
#   $-\alpha$) also pull the mean activation towards 0.
# - **GELU** weighs its input by the probability $\Phi(x)$ that a standard normal variable
#   is below it: smooth everywhere and close to ReLU for large $|x|$, with a slope that
#   stays non-zero just below 0, so a unit that is only slightly negative keeps learning.
#   But its dip is not a ramp: here the weighted sums sat below $-0.75$, where GELU's slope
#   is negative, so gradient descent pushed the bias further *down*, into the flat tail.
#   GELU softens the kink; it does not guarantee that a far-negative unit comes back. (It is
#   the usual choice in transformers, where normalisation layers keep the inputs of each
#   activation near 0.)
#
# ## Summary
#
# - Without a non-linearity any stack of layers is one affine map (verified above), unable
#   even to learn XOR.
# - Sigmoid: range $(0, 1)$, slope at most 0.25 (at $x = 0$): fine for a probability at
#   the output, a gradient sink in hidden layers. Tanh: range $(-1, 1)$, zero-centred, slope
#   at most 1 (at $x = 0$), still saturating.
# - ReLU passes gradients unchanged through active units, which keeps deep networks
#   trainable, but its flat negative side can kill neurons; Leaky ReLU, ELU and GELU give
#   that side a slope.
#
# Next: [3 · Softmax](03_softmax.ipynb).
