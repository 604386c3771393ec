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
# Exercises (marked ✏️) are checked against the engine by `exercises.nb02`.

# %%
# %matplotlib inline
import math
import random

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator

from autograd import Value, grad, topological_order
from exercises import nb02
from nn import MLP, Neuron
from viz import draw_dot, plot_activations

# %% [markdown]
# ## Why a network needs a non-linearity
#
# Without activation functions every layer is an affine map $x \mapsto Wx + b$, and a
# composition of affine maps is again one affine map:
# $W_2(W_1(W_0 x + b_0) + b_1) + b_2 = (W_2 W_1 W_0)\,x + (W_2 W_1 b_0 + W_2 b_1 + b_2)$.
# However many layers we stack, the network can only represent what a single layer can.
#
# We check this numerically with `MLP` from `nn`, a preview of notebook 4:
# `MLP(n_inputs, [width of each layer], activation=...)` builds a fully connected network,
# each layer computing $f(Wx + b)$ with the activation $f$. Here `activation="linear"`
# means no $f$ at all. A three-layer linear network with random weights and biases computes
# exactly the same function as one matrix and one bias vector.

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
print(f"3 linear layers: {len(deep_linear.parameters())} parameters\n"
      f"one affine map:  {W.size + c.size} numbers, W =\n{W.round(4)}\nc = {c.round(4)}\n"
      f"largest difference over 100 random inputs: {worst:.0e} (floating-point rounding)")

# %% tags=["remove-cell"]
assert worst < 1e-12

# %% [markdown]
# So a linear network can only draw straight decision boundaries. The classic example it
# cannot learn is XOR: output 1 when exactly one of two inputs is 1. The best affine fit
# (least squares) predicts 0.5 for all four points, which is no better than a coin toss.
# One hidden layer with a non-linearity solves it exactly: with
# $h_0 = \mathrm{relu}(x_0 + x_1)$ and $h_1 = \mathrm{relu}(x_0 + x_1 - 1)$, the output
# $h_0 - 2 h_1$ is XOR.

# %%
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([0, 1, 1, 0], dtype=float)
design = np.hstack([X, np.ones((4, 1))])
coef, *_ = np.linalg.lstsq(design, y, rcond=None)


def xor_network(x0, x1):
    x0, x1 = Value(x0), Value(x1)
    h0 = (x0 + x1).relu()
    h1 = (x0 + x1 - 1).relu()
    return h0 - 2 * h1


outputs = [xor_network(*x).data for x in X]
print(f"targets:                  {y}\n"
      f"best affine fit predicts: {(design @ coef).round(6)}\n"
      f"one ReLU hidden layer:    {np.array(outputs)}")

# %% tags=["remove-cell"]
assert np.allclose(design @ coef, 0.5)
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
# ✏️ **Exercise 1.** Before looking at the plots: where is the sigmoid's slope largest,
# and how large is it there? Use $\sigma'(x) = \sigma(x)\,(1 - \sigma(x))$. Answer with a
# pair `(x, slope)`.

# %%
answer = ...  # replace ... with (x, slope)
nb02.check_sigmoid_peak(answer);

# %% [markdown]
# `plot_activations` draws each function with its first and second derivatives. The
# derivatives are not typed-in formulas: they come from the engine, `grad(f)` and
# `grad(grad(f))`.

# %%
names = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu"]
plot_activations(names, x_range=(-4, 4), derivatives=2)

# %% [markdown]
# On the positive side ReLU, Leaky ReLU and ELU are the same line $y = x$, and GELU is
# close to it. Drawn on one set of axes, ReLU goes on top (dashed) so that it is not
# hidden under the others:

# %%
fig, ax = plt.subplots(figsize=(6, 3.5))
styles = {"gelu": "-", "elu": "-", "leaky_relu": "-", "relu": "--"}  # relu drawn last
xs = np.linspace(-4, 4, 401)
for zorder, (name, style) in enumerate(styles.items(), start=2):
    f = getattr(Value, name)
    ax.plot(xs, [f(Value(x)).data for x in xs], style, label=name, zorder=zorder,
            linewidth=2.5 if name == "relu" else 1.8, color="black" if name == "relu" else None)
ax.axhline(0.0, color="#bbbbbb", linewidth=0.8, zorder=1)
ax.set_xlabel("x")
ax.set_ylim(-1.2, 4)
ax.set_title("The ReLU family: only the negative side differs")
ax.legend()
plt.show()

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
lines = [f"{'':>10}  {'min f':>8}  {'max f':>8}  {'max f' + chr(39):>8}  {'at x':>6}  {'min f' + chr(39):>8}"]
for name, f in ACTIVATIONS.items():
    df = grad(f)
    values = [f(Value(x)).data for x in grid]
    slopes = [df(x) for x in grid]
    i_max, i_min = int(np.argmax(slopes)), int(np.argmin(slopes))
    table[name] = (min(values), max(values), slopes[i_max], grid[i_max], slopes[i_min])
    lines.append(f"{name:>10}  {min(values):8.4f}  {max(values):8.4f}  {slopes[i_max]:8.4f}  {grid[i_max]:6.3f}  {slopes[i_min]:8.4f}")
print("\n".join(lines))

# %% tags=["remove-cell"]
sig, tnh = table["sigmoid"], table["tanh"]
assert sig[2] == 0.25 and sig[3] == 0.0  # max of sigmoid' is 0.25, at x = 0
assert tnh[2] == 1.0 and tnh[3] == 0.0  # max of tanh' is 1, at x = 0
assert 0 < sig[0] and sig[1] < 1 and -1 < tnh[0] and tnh[1] < 1
for name in ["relu", "leaky_relu", "elu"]:
    assert table[name][2] == 1.0
assert table["relu"][4] == 0.0 and table["leaky_relu"][4] == 0.01 and table["elu"][4] > 0
assert abs(table["gelu"][0] + 0.17) < 0.005 and abs(table["gelu"][2] - 1.13) < 0.005

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
#   and slightly below 0. The appendix at the end pins both numbers down exactly.
#
# ## Corrections of the lecture note
#
# > **Where the lecture note is imprecise, and what is true.** Each point is computed by
# > the engine in the next cell.
# >
# > 1. *"The sigmoid's derivative is smaller than 0.3."* True but loose: its maximum is
# >    exactly **0.25**, at $x = 0$.
# > 2. *"tanh's gradient is 1 only at $x = 1$."* Wrong: $\tanh'(x) = 1 - \tanh^2 x$ is 1
# >    only where $\tanh x = 0$, at **$x = 0$**; at $x = 1$ it is about 0.42. (Since
# >    $\tanh x = 2\sigma(2x) - 1$, $\tanh'(x) = 4\,\sigma'(2x)$: tanh's peak slope is four
# >    times the sigmoid's.)
# > 3. *"ReLU's gradient is 1 for $x \ge 0$."* At the kink $x = 0$ the derivative does not
# >    exist; the engine, like PyTorch, uses **ReLU′(0) = 0**, and 1 only for $x > 0$.
# > 4. *"The sigmoid's small derivative causes vanishing gradients."* The activation's
# >    derivative shrinks a gradient passing back through it by a factor of at least 4;
# >    a whole *layer* need not, because its weights multiply the gradient too and can
# >    make up for it. The section on vanishing gradients measures this.

# %%
dsig, dtanh, drelu = grad(Value.sigmoid), grad(Value.tanh), grad(Value.relu)
try:
    import torch
except ImportError:
    torch = None
if torch is None:
    torch_relu = "PyTorch not installed"
else:
    t = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
    torch.relu(t).backward()
    torch_relu = f"{t.grad.item()}"
print(f"1. max of sigmoid' on the grid: {table['sigmoid'][2]} at x = {table['sigmoid'][3]}; sigmoid'(0) = {dsig(0.0)}\n"
      f"2. tanh'(0) = {dtanh(0.0)}, tanh'(1) = {dtanh(1.0):.4f}; tanh'(0.8) / sigmoid'(1.6) = {dtanh(0.8) / dsig(1.6):.12f}\n"
      f"3. relu'(0) = {drelu(0.0)} (PyTorch: {torch_relu}), relu'(1e-9) = {drelu(1e-9)}, relu'(-1e-9) = {drelu(-1e-9)}\n"
      f"4. see 'Vanishing gradients' below")

# %% tags=["remove-cell"]
assert dsig(0.0) == 0.25 and dtanh(0.0) == 1.0 and abs(dtanh(1.0) - 0.42) < 0.01
for x in [-3.0, -0.5, 0.0, 0.8, 2.5]:
    assert abs(dtanh(x) - 4 * dsig(2 * x)) < 1e-12
assert drelu(0.0) == 0.0 and drelu(1e-9) == 1.0

# %% [markdown]
# ## Sigmoid, tanh or ReLU?
#
# This answers the lecture's first pre-question. The numbers are computed in the next cell.
#
# **Sigmoid.** Its output lies in $(0, 1)$, so it reads as a probability, which is why it
# remains the right choice for the *output* of a binary classifier. As a hidden
# activation it has three weaknesses: its slope is at most 0.25, so the sigmoid itself
# multiplies a gradient passing back through it by at most a quarter (the weights of the
# layer multiply it again, see below); it **saturates** (for $|x| = 5$ the slope is
# already below 0.007), so a neuron pushed far to either side hardly learns; and its
# outputs are all positive (not centred on 0), which makes the updates of the next
# layer's weights all share the same sign for a given example.
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
sample = np.random.default_rng(0).normal(size=1000)
means = {n: float(np.mean([ACTIVATIONS[n](Value(x)).data for x in sample])) for n in ["sigmoid", "tanh", "relu"]}
print(f"sigmoid'(5) = {dsig(5.0):.5f},  sigmoid'(-5) = {dsig(-5.0):.5f}\n"
      f"tanh'(5)    = {dtanh(5.0):.6f}, tanh'(-5)    = {dtanh(-5.0):.6f}\n"
      f"relu' at 100, 0.001, -0.001, -100: {[drelu(x) for x in [100.0, 0.001, -0.001, -100.0]]}\n"
      f"mean output over 1000 standard-normal inputs: { {n: round(m, 3) for n, m in means.items()} }")

# %% tags=["remove-cell"]
assert dsig(5.0) < 0.007 and dsig(-5.0) < 0.007 and dtanh(5.0) < 0.0002
assert means["sigmoid"] > 0.45 and abs(means["tanh"]) < 0.05 and means["relu"] > 0.35

# %% [markdown]
# ## Vanishing gradients
#
# Backpropagation multiplies one factor per layer (notebook 5 shows this in detail). For a
# layer $h = f(Wx + b)$ each factor is $f'$ times the weights. With sigmoids the $f'$ part
# is at most 0.25, so unless the weights make up for it the product shrinks geometrically
# with depth.
#
# ✏️ **Exercise 2.** Take a chain of ten one-neuron sigmoid layers,
# $h_k = \sigma(w\,h_{k-1} - w/2)$, started at $h_0 = x = 1/2$: the bias $-w/2$ keeps every
# weighted sum at 0, where $\sigma' = 1/4$. Which weight $w$ makes the gradient
# $\partial h_{10} / \partial x$ exactly 1, so that the chain passes it back unchanged?

# %%
answer = ...  # replace ... with a number
nb02.check_compensating_weight(answer);

# %% [markdown]
# Now real networks: width 8 and increasing depth, built with `MLP`, whose weights start
# with the initialisation designed for each activation, previewed here and explained in
# notebook 4: **Xavier** (Glorot) for sigmoid and tanh, uniform in
# $\pm\sqrt{6 / (n_\text{in} + n_\text{out})}$, and **He** for ReLU, normal with standard
# deviation $\sqrt{2 / n_\text{in}}$; biases start at 0. We measure the size of the gradient
# of the output with respect to the **input**, i.e. how much signal reaches the first
# layer, averaged over five random networks and three inputs.

# %%
depths = [1, 2, 4, 6, 8, 10, 15, 20]
inputs = [[0.5, -0.3, 0.8, 0.1], [-0.7, 0.2, 0.4, -0.9], [0.3, 0.9, -0.5, 0.6]]


def input_gradient_norm(activation, depth, gain=1.0):
    """Mean |d output / d input| over 5 networks x 3 inputs; every parameter scaled by gain."""
    total = 0.0
    for seed in range(5):
        model = MLP(4, [8] * depth + [1], activation=activation, seed=seed)
        for p in model.parameters():
            p.data *= gain
        for x in inputs:
            xs = [Value(v) for v in x]
            model(xs).backward()
            total += math.sqrt(sum(v.grad**2 for v in xs))
    return total / (5 * len(inputs))


flow = {a: [input_gradient_norm(a, d) for d in depths] for a in ["sigmoid", "tanh", "relu"]}
print("\n".join(
    [f"{'depth':>5}" + "".join(f"{a:>12}" for a in flow)]
    + [f"{d:>5}" + "".join(f"{flow[a][i]:>12.2e}" for a in flow) for i, d in enumerate(depths)]
))

# %%
fig, ax = plt.subplots(figsize=(6, 3.5))
for activation, norms in flow.items():
    ax.semilogy(depths, norms, "o-", label=activation)
ax.set_xticks(depths)  # whole numbers of layers
ax.set_xlabel("number of hidden layers")
ax.set_ylabel("|d output / d input| (log scale)")
ax.set_title("How much gradient reaches the input")
ax.legend()
plt.show()

# %% [markdown]
# With the default initialisation the sigmoid's gradient collapses by many orders of
# magnitude; tanh's drifts down by a small factor; ReLU's stays of the same order at every
# depth (the next cell puts numbers on this).

# %%
sig_drop = flow["sigmoid"][0] / flow["sigmoid"][-1]
tanh_drop = flow["tanh"][0] / flow["tanh"][-1]
relu_ratio = flow["relu"][-1] / flow["relu"][0]
print(f"from 1 to 20 hidden layers the input gradient shrinks {sig_drop:.1e}x with sigmoid, "
      f"{tanh_drop:.1f}x with tanh, and changes by a factor {relu_ratio:.2f} with ReLU")

# %% tags=["remove-cell"]
assert sig_drop > 1e9 and 1 < tanh_drop < 10 and 0.1 < relu_ratio < 10

# %% [markdown]
# Is the sigmoid hopeless, then? No: each layer's factor is $f'$ times the weights, and
# Xavier's weights are sized for tanh, whose slope at 0 is 1. The sigmoid's slope at 0 is
# a quarter of that, so the usual recommendation, from Glorot and Bengio's analysis, is
# weights **4 times larger** for it. The same networks with every parameter multiplied
# by 4:

# %%
scaled = [input_gradient_norm("sigmoid", d, gain=4.0) for d in depths]
i10 = depths.index(10)
print("\n".join(
    [f"{'depth':>5}{'sigmoid':>12}{'sigmoid, 4x':>14}"]
    + [f"{d:>5}{flow['sigmoid'][i]:>12.2e}{scaled[i]:>14.2e}" for i, d in enumerate(depths)]
    + [f"at depth 10: {scaled[i10]:.1e} instead of {flow['sigmoid'][i10]:.1e}, "
       f"{scaled[i10] / flow['sigmoid'][i10]:.1e} times more gradient"]
))

# %% tags=["remove-cell"]
assert scaled[i10] / flow["sigmoid"][i10] > 1e4 and scaled[i10] > 1e-2

# %% [markdown]
# So the bound $\sigma' \le 1/4$ is a bound on the *activation's* factor, not on the
# layer's: weights of the right size win back four orders of magnitude at depth 10. They
# cannot win back everything: a unit's slope is $1/4$ only when its weighted sum is 0, and
# the sigmoid's outputs are all positive, so the weighted sums drift away from 0 and the
# units saturate; even scaled, the sigmoid's gradient still falls with depth. Tanh and ReLU
# can pass a gradient through unchanged (slope 1), and the initialisation matched to them
# (Xavier, He) keeps the per-layer factors close to 1 on average. But tanh's slope is 1
# only at 0: units driven into saturation pass almost nothing back, which is why tanh is
# only *less* prone to vanishing gradients, not immune.
#
# The same effect in a diagram: a chain of five one-neuron sigmoid layers (default
# initialisation), drawn with `color_by="grad"` so that each node and edge is shaded by
# the size of its gradient (log scale, dark = large). The gradient is large at the output
# at the bottom and fades layer by layer on its way up to the input: every sigmoid node
# passes back at most a quarter of what reaches it, and here the weights do not make up
# for it.

# %%
chain = MLP(1, [1, 1, 1, 1, 1], activation="sigmoid", output_activation="sigmoid", seed=3)
x_in = Value(0.5, label="x")
out = chain([x_in])
out.label = "out"
out.backward()
sigmoid_ratios = [abs(n.parents[0].grad / n.grad) for n in topological_order(out) if n.op == "sigmoid"]
weights = [round(p.data, 3) for p in chain.parameters() if p.label.startswith("w")]
print(f"d out / d x = {x_in.grad:.2e}\n"
      f"what each sigmoid node passes back, as a fraction of what reaches it: {[round(r, 3) for r in sigmoid_ratios]}\n"
      f"the weights: {weights}")
draw_dot(out, params=chain, color_by="grad", rankdir="TB", title="gradient flow through five sigmoid layers")

# %% tags=["remove-cell"]
assert all(r <= 0.25 for r in sigmoid_ratios)

# %% [markdown]
# ## Dying ReLU, and the answers to it
#
# A ReLU neuron whose weighted sum is negative for *every* input outputs 0 everywhere and,
# worse, receives a gradient of exactly 0 for all its weights and its bias. Gradient
# descent can then never move it again: it is dead. This happens in practice after a too
# large update pushes a bias far negative, or through unlucky initialisation.
#
# ✏️ **Exercise 3.** A neuron $f(w_0 x_0 + w_1 x_1 + b)$ has weights $(0.5, -0.5)$ and
# bias $-2$, and sees the input $(1, 1)$. What is $\partial\,\text{out} / \partial b$ with
# $f$ = ReLU, and with $f$ = Leaky ReLU (slope 0.01)? Answer with a pair.

# %%
answer = ...  # replace ... with (gradient with ReLU, gradient with Leaky ReLU)
nb02.check_dead_neuron(answer);

# %% [markdown]
# The variants differ exactly in the slope they keep on the negative side. Here is that
# slope, from the engine, at a few negative inputs:

# %%
negatives = [-0.25, -0.5, -1.0, -2.0, -5.0]
slopes = {name: [grad(ACTIVATIONS[name])(x) for x in negatives] for name in ["relu", "leaky_relu", "elu", "gelu"]}
print("\n".join(
    [f"{'x':>10}" + "".join(f"{x:>10}" for x in negatives)]
    + [f"{name + chr(39):>10}" + "".join(f"{g:>10.4f}" for g in s) for name, s in slopes.items()]
))

# %% tags=["remove-cell"]
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
# Now an experiment. The neuron of the exercise, with weights $(0.5, -0.5)$ and a bias of
# $-2$, sees inputs in $[-1, 1]^2$, so its weighted sum lies between $-3$ and $-1$: for
# ReLU it is dead from the start. Gradient descent tries to teach it the target
# $x_0 + x_1 + 2$.

# %%
data_rng = random.Random(1)
data = [(data_rng.uniform(-1, 1), data_rng.uniform(-1, 1)) for _ in range(40)]
targets = [x0 + x1 + 2 for x0, x1 in data]


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
        sums = [neuron.b.data + neuron.w[0].data * x0 + neuron.w[1].data * x1 for x0, x1 in data]
        if revived_at is None and max(sums) > 0:
            revived_at = step + 1
    return losses, revived_at, neuron.b.data


results = {a: train_stuck_neuron(a) for a in ["relu", "leaky_relu", "elu", "gelu"]}
print("\n".join(
    f"{activation:>10}: loss {losses[0]:.3f} -> {losses[-1]:.4f}, bias -2 -> {bias:+.3f}, weighted sum "
    + (f"positive for some input after step {revived_at}" if revived_at else "never positive")
    for activation, (losses, revived_at, bias) in results.items()
))

# %% tags=["remove-cell"]
assert results["relu"][0][-1] == results["relu"][0][0] and results["relu"][2] == -2.0
for activation in ["leaky_relu", "elu"]:
    assert results[activation][1] is not None and results[activation][0][-1] < 1e-3
assert results["elu"][1] < results["leaky_relu"][1]
assert results["gelu"][1] is None and results["gelu"][2] < -2.0

# %%
fig, ax = plt.subplots(figsize=(6, 3.2))
for activation, (losses, _, _) in results.items():
    ax.plot(range(1, len(losses) + 1), losses, label=activation)
ax.xaxis.set_major_locator(MaxNLocator(integer=True))
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
#   the output; in hidden layers its derivative cuts every backward factor by 4, which the
#   weights must make up for (4 times larger than Xavier's) and, with depth, still cannot
#   fully. Tanh: range $(-1, 1)$, zero-centred, slope at most 1 (at $x = 0$), still
#   saturating.
# - ReLU passes gradients unchanged through active units, which keeps deep networks
#   trainable, but its flat negative side can kill neurons; Leaky ReLU, ELU and GELU give
#   that side a slope.
#
# Next: [3 · Softmax](03_softmax.ipynb).

# %% [markdown]
# ## Appendix: GELU's extremes by Newton's method
#
# GELU's derivative peaks where its second derivative vanishes. Newton's method finds
# that point, $x \leftarrow x - f''(x) / f'''(x)$, with every derivative from the engine
# (`grad` nested three times). Analytically $f''(x) = \varphi(x)(2 - x^2)$, zero at
# $\sqrt 2$. GELU's minimum is where its first derivative vanishes, found the same way.

# %%
gelu = Value.gelu
d1, d2, d3 = grad(gelu), grad(grad(gelu)), grad(grad(grad(gelu)))
peak = 1.0
for _ in range(20):
    peak -= d2(peak) / d3(peak)
minimum = -1.0
for _ in range(20):
    minimum -= d1(minimum) / d2(minimum)
print(f"GELU' peaks at x = {peak:.10f} (sqrt 2 = {math.sqrt(2):.10f}) with value {d1(peak):.6f}\n"
      f"GELU has its minimum {gelu(Value(minimum)).data:.6f} at x = {minimum:.6f}")

# %% tags=["remove-cell"]
assert abs(peak - math.sqrt(2)) < 1e-12 and abs(d1(peak) - 1.128904) < 1e-6
assert abs(gelu(Value(minimum)).data - (-0.169971)) < 1e-6
