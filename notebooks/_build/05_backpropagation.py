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
# # 5 · Backpropagation on a computation graph
#
# **Forward propagation** runs a network from its input to its output: linear map,
# activation, linear map, activation, ... **Backpropagation** answers the question that
# training asks next: how does the output (in practice, the loss) change when each
# parameter changes? It is the same gradient that gradient descent uses for linear
# regression, with one difference: a network is a *composition* of many functions, so its
# gradient cannot be written down in one step. Instead the chain rule is applied one
# operation at a time, from the output back to the inputs, in reverse order of the forward
# pass.
#
# This notebook runs that procedure step by step on a computation graph, writes it out in
# a dozen lines, looks at what individual operations do to a gradient on its way back, and
# measures why backpropagation costs more memory than forward propagation.

# %%
import gc
import tracemalloc

import matplotlib.pyplot as plt
from IPython.display import display

from autograd import Value, no_grad, topological_order
from nn import MLP
from viz import backprop_steps, draw_dot

# %% [markdown]
# ## 1. The forward pass of one neuron
#
# A neuron with two inputs: $s = x_1 w_1 + x_2 w_2$, $n = s + b$, then $o = \tanh(n)$.
# Every intermediate result gets a label so the diagrams can name it.

# %%
x1 = Value(1.5, label="x1")
x2 = Value(-0.5, label="x2")
w1 = Value(0.8, label="w1")
w2 = Value(-1.2, label="w2")
b = Value(0.1, label="b")

x1w1 = x1 * w1
x1w1.label = "x1*w1"
x2w2 = x2 * w2
x2w2.label = "x2*w2"
s = x1w1 + x2w2
s.label = "s"
n = s + b
n.label = "n"
o = n.tanh()
o.label = "o"

order = topological_order(o)  # every node after the nodes it is computed from
for node in order:
    print(f"{node.label:>5} = {node.data:+.4f}")

# %% [markdown]
# `topological_order` lists the nodes in an order where each one comes after its inputs:
# that is the order of the forward pass. The backward pass visits the same nodes in the
# **reverse** order, so that when it reaches a node, every use of that node has already
# sent its gradient back.

# %%
draw_dot(o)

# %% [markdown]
# ## 2. The backward pass, one node at a time
#
# `backprop_steps(o)` replays the backward pass and draws the graph once before it starts
# and once after each operation. Step 0 shows every gradient at 0; `backward()` then sets
# $\partial o / \partial o = 1$ at the output, and each later step takes one operation,
# multiplies the gradient that arrived at its output by the operation's *local* derivative,
# and adds the result to its inputs' gradients (written `+= ...` and outlined). Gradients
# that nothing has reached yet are greyed out.
#
# (In a live notebook, `show_steps(steps)` shows the same frames one at a time with a play
# button and a slider.)

# %%
steps = backprop_steps(o)
print(len(steps), "frames: the start, then one per operation, from the output back")
for frame in steps:
    display(frame)


# %% [markdown]
# ## 3. The whole algorithm in a dozen lines
#
# There is nothing more to backpropagation than what the steps showed. Below it is written
# out for the three operations of this graph (`+`, `*`, `tanh`), using only the public
# `op`, `parents` and `data` of each node:
#
# - `+` passes the gradient through unchanged: $\partial (u+v)/\partial u = 1$;
# - `*` multiplies it by the *other* factor: $\partial (uv)/\partial u = v$;
# - `tanh` multiplies it by $1 - \tanh^2$, computed from the node's own output.

# %%
def local_derivatives(node):
    """d node / d parent, for each parent of node, in operand order."""
    if node.op == "+":
        return [1.0, 1.0]
    if node.op == "*":
        left, right = node.parents
        return [right.data, left.data]
    if node.op == "tanh":
        return [1.0 - node.data**2]
    raise NotImplementedError(node.op)


def backprop_by_hand(root):
    order = topological_order(root)
    grads = {node: 0.0 for node in order}
    grads[root] = 1.0  # d root / d root
    for node in reversed(order):  # outputs before inputs
        if not node.parents:  # a leaf: nothing further back
            continue
        for parent, local in zip(node.parents, local_derivatives(node)):
            # chain rule; += because a node used twice gets a gradient from each use
            grads[parent] += grads[node] * local
            print(f"{parent.label:>5} += {grads[node]:+.4f} * {local:+.4f}")
    return grads


by_hand = backprop_by_hand(o)

# %% [markdown]
# The engine's `backward()` does the same walk with the same local rules (plus the rules
# of every other operation it knows), so the results agree exactly:

# %%
o.backward()
for node in order:
    print(f"d o / d {node.label:<5} engine {node.grad:+.6f}   by hand {by_hand[node]:+.6f}")
    assert node.grad == by_hand[node]


# %% [markdown]
# ## 4. What an addition and a multiplication do to a gradient
#
# Read the two rules again, as seen from a weight in $y = w x + b$:
#
# - $\partial y / \partial w = x$: the factor that **multiplies** the weight stays in its
#   gradient;
# - the term $b$ that is **added** disappears: its local derivative is 1, so it changes
#   nothing on the way back and does not appear in $\partial y / \partial w$ at all.
#
# The engine confirms it: sweeping $b$ leaves $w$'s gradient untouched, sweeping $x$ moves
# it one for one.

# %%
def weight_gradient(w, x, b):
    w = Value(w, label="w")
    y = w * x + b
    y.backward()
    return w.grad


print("vary the added term b (x = 2):", [weight_gradient(0.7, 2.0, b) for b in [-5, 0, 3, 100]])
print("vary the factor x (b = 1):    ", [weight_gradient(0.7, x, 1.0) for x in [-1, 0, 2, 5]])
assert all(weight_gradient(0.7, 2.0, b) == 2.0 for b in [-5, 0, 3, 100])
assert all(weight_gradient(0.7, x, 1.0) == x for x in [-1, 0, 2, 5])


# %% [markdown]
# The same reasoning gives every operation a recognisable effect on the gradient passing
# through it. With an incoming gradient of 1:
#
# | operation | what the inputs receive |
# |---|---|
# | $u + v$ | both get the gradient unchanged (a distributor) |
# | $u \cdot v$ | each gets the gradient times the *other* input (a swap) |
# | $\mathrm{relu}(u)$ | the gradient if $u > 0$, else 0 (a gate) |
# | $e^u$ | the gradient times the output $e^u$ |
# | $\tanh(u)$ | the gradient times $1 - \tanh^2 u \le 1$ (never more) |

# %%
def input_gradients(make, *inputs):
    values = [Value(v) for v in inputs]
    make(*values).backward()
    return [v.grad for v in values]


print("u + v   at (3, -4):", input_gradients(lambda u, v: u + v, 3.0, -4.0))
print("u * v   at (3, -4):", input_gradients(lambda u, v: u * v, 3.0, -4.0))
print("relu(u) at 2 and -2:", input_gradients(lambda u: u.relu(), 2.0), input_gradients(lambda u: u.relu(), -2.0))
print("exp(u)  at 1:", input_gradients(lambda u: u.exp(), 1.0))
print("tanh(u) at 0 and 2:", input_gradients(lambda u: u.tanh(), 0.0), input_gradients(lambda u: u.tanh(), 2.0))
assert input_gradients(lambda u, v: u + v, 3.0, -4.0) == [1.0, 1.0]
assert input_gradients(lambda u, v: u * v, 3.0, -4.0) == [-4.0, 3.0]
assert input_gradients(lambda u: u.relu(), -2.0) == [0.0]

# %% [markdown]
# ## 5. The chain rule across layers
#
# Stack three one-unit layers $h_k = \tanh(w_k h_{k-1} + b_k)$ on an input $h_0 = x$. The
# chain rule says the gradient at the input is the product of one factor per layer,
# collected on the way back:
#
# $$\frac{\partial h_3}{\partial x} = \prod_{k=3}^{1} \frac{\partial h_k}{\partial h_{k-1}} = \prod_{k=3}^{1} w_k \left(1 - h_k^2\right).$$
#
# Each layer's factor uses numbers saved during the forward pass ($w_k$ and $h_k$).

# %%
weights, biases = [1.2, -0.7, 2.0], [0.3, 0.1, -0.5]
x = Value(0.4, label="x")
h, hs = x, []
for w, bias in zip(weights, biases):
    h = (w * h + bias).tanh()
    hs.append(h.data)
h.backward()

product = 1.0
for k in reversed(range(3)):  # from the output layer back to the input
    factor = weights[k] * (1 - hs[k] ** 2)
    product *= factor
    print(f"layer {k + 1}: factor w*(1 - h^2) = {factor:+.4f}, product so far {product:+.4f}")
print(f"engine: dh3/dx = {x.grad:+.4f}")
assert abs(product - x.grad) < 1e-12

# %% [markdown]
# When many factors like these are smaller than 1, their product shrinks geometrically
# with depth: that is the **vanishing gradient** problem, measured for sigmoid, tanh and
# ReLU in notebook 2.
#
# ## 6. One backward pass gives every gradient
#
# Why go backwards at all? Because one backward pass gives the derivative of the loss with
# respect to **every** parameter, for about the cost of one forward pass: each node is
# visited once and does a few multiplications. Estimating the same gradient by finite
# differences would take two forward passes *per parameter*.

# %%
model = MLP(4, [16, 16, 1], activation="tanh", seed=0)
params = model.parameters()
inputs = [0.5, -1.0, 0.25, 2.0]
out = model(inputs)
nodes = len(topological_order(out))
print(f"parameters: {len(params)}")
print(f"nodes in the graph (one forward pass): {nodes}")
print(f"node visits, backpropagation (forward + backward): {2 * nodes}")
print(f"node visits, central differences (2 forward passes per parameter): {2 * len(params) * nodes}")
assert 2 * len(params) * nodes / (2 * nodes) == len(params)

# %% [markdown]
# The two methods agree (to the accuracy of the finite difference); here on a few of the
# parameters:

# %%
out.backward()
h = 1e-6
for p in params[:3] + params[-3:]:
    p.data += h
    with no_grad():
        up = model(inputs).data
    p.data -= 2 * h
    with no_grad():
        down = model(inputs).data
    p.data += h
    numeric = (up - down) / (2 * h)
    print(f"backprop {p.grad:+.8f}   central difference {numeric:+.8f}")
    assert abs(p.grad - numeric) < 1e-7


# %% [markdown]
# ## 7. Why backpropagation needs more memory than forward propagation
#
# Look at the local rules again: the derivative of $u \cdot v$ needs the values of $u$
# and $v$; the derivative of $\tanh$ needs its output. So **every intermediate value of the
# forward pass has to be kept until the backward pass has used it**. Inference can throw
# each value away as soon as the next one is computed; training cannot.
#
# The engine makes this visible. Normally every operation records its inputs and its local
# rule. Inside `with no_grad():` it records nothing: each result is a bare number that
# keeps nothing else alive. Let us push an input through a chain of `depth` tanh layers
# both ways and measure, with Python's `tracemalloc`, how much memory the result holds on
# to.

# %%
def tanh_chain(depth):
    x = Value(0.5, label="x")
    h = x
    for _ in range(depth):
        h = (1.5 * h + 0.1).tanh()
    return h


def held_after(build):
    """Bytes still allocated after build() returns (the result kept alive), and the result."""
    gc.collect()
    tracemalloc.start()
    result = build()
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return held, result


memory = {}
for depth in [1_000, 10_000]:
    recorded, out = held_after(lambda: tanh_chain(depth))
    recorded_nodes = len(topological_order(out))
    del out

    def forward_only():
        with no_grad():
            return tanh_chain(depth)

    bare, out = held_after(forward_only)
    bare_nodes = len(topological_order(out))
    del out
    memory[depth] = (recorded, bare)
    assert recorded_nodes == 5 * depth + 1 and bare_nodes == 1
    print(f"depth {depth:>6}: recording keeps {recorded_nodes} nodes alive, no_grad keeps {bare_nodes}")

# %% [markdown]
# Each tanh layer is five nodes (the constant 1.5, a product, the constant 0.1, a sum and
# the tanh), and with recording all of them stay alive, so the memory grows in proportion
# to the depth: ten times deeper, ten times the memory. Without recording only the final
# number survives, whatever the depth. The exact byte counts depend on the Python version;
# the chart shows this run's, and the cell asserts the proportions.

# %%
(rec_small, bare_small), (rec_large, bare_large) = memory[1_000], memory[10_000]
assert 9 < rec_large / rec_small < 11, "recorded memory grows in proportion to depth"
assert rec_small > 100 * bare_small and rec_large > 1000 * bare_large, "no_grad keeps almost nothing"
print("recorded memory grows in proportion to depth: 10x deeper -> between 9x and 11x the bytes")
print("with no_grad the result holds at least 100x less memory at depth 1,000 (1,000x at 10,000)")

fig, ax = plt.subplots(figsize=(6, 3))
labels = ["depth 1,000\nrecording", "depth 1,000\nno_grad", "depth 10,000\nrecording", "depth 10,000\nno_grad"]
kilobytes = [rec_small / 1024, bare_small / 1024, rec_large / 1024, bare_large / 1024]
ax.bar(labels, kilobytes, color=["tab:red", "tab:blue", "tab:red", "tab:blue"])
ax.set_yscale("log")
ax.set_ylabel("memory held (KiB, log scale)")
ax.set_title("What a forward pass keeps alive")
plt.show()

# %% [markdown]
# Because no local rule refers back to its own output node, the graph has no reference
# cycles: as soon as nothing refers to the output any more, Python frees the whole graph
# at once. A training step therefore costs memory only while it runs.

# %%
gc.collect()
tracemalloc.start()
out = tanh_chain(10_000)
before, _ = tracemalloc.get_traced_memory()
out.backward()
del out  # no gc.collect(): plain reference counting frees the graph
after, _ = tracemalloc.get_traced_memory()
tracemalloc.stop()
assert after < before / 100
print("after `del out` less than 1% of the graph's memory is still allocated")

# %% [markdown]
# Inference does not need the graph, so `no_grad` is the right way to run a trained model:
# the predictions are the same numbers, without the memory.

# %%
x = [0.1, 0.2, -0.3, 0.4]
recorded = model(x)
with no_grad():
    bare = model(x)
print(f"recording: {recorded.data:+.10f}, {len(topological_order(recorded))} nodes")
print(f"no_grad:   {bare.data:+.10f}, {len(topological_order(bare))} node")
assert recorded.data == bare.data and bare.parents == ()

# %% [markdown]
# ## Summary
#
# - Backpropagation applies the chain rule node by node, from the output back to the
#   inputs, in the reverse of the forward order; each operation only needs its own *local*
#   derivative.
# - An addition passes a gradient through unchanged, so an added term drops out of a
#   weight's gradient; a multiplication hands each input the *other* factor, so the term
#   that multiplies a weight stays.
# - Across layers the per-layer factors multiply; many small factors make the gradient
#   vanish.
# - One backward pass yields every parameter's gradient for about the cost of a forward
#   pass, but it needs every intermediate value of the forward pass: memory grows with the
#   size of the graph, which inference under `no_grad` avoids.
#
# Next: [6 · Training an MLP](06_training_an_mlp.ipynb).
