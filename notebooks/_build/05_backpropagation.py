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
# a dozen lines, looks at what individual operations do to a gradient on its way back,
# writes one layer's backward pass in matrix form, compares it with forward mode, and
# measures why backpropagation costs more memory than forward propagation.
#
# Every number in the text is computed by a cell. Exercises (marked ✏️) ask you to predict
# or write something; a checker from `exercises.nb05` compares your answer with the engine.

# %%
import numpy as np
from IPython.display import display

from autograd import Value, chain_rule, jvp, no_grad, topological_order
from exercises import nb05
from nn import MLP, Layer
from viz import backprop_steps, draw_dot

# %% [markdown]
# ## 1. The forward pass of one neuron
#
# The smallest neuron that has every part: one input $x_0$ with its weight $w_0$, a bias,
# and a tanh: $p = x_0 w_0$, $n = p + \text{bias}$, then $o = \tanh(n)$. Every intermediate
# result gets a label so the diagrams can name it. (The bias is labelled `bias` rather than
# `b` because the diagrams' step captions call the two operands of an operation `a` and
# `b`.)

# %%
x0 = Value(1.5, label="x0")
w0 = Value(0.8, label="w0")
bias = Value(0.1, label="bias")

p = x0 * w0
p.label = "p"
n = p + bias
n.label = "n"
o = n.tanh()
o.label = "o"

order = topological_order(o)  # every node after the nodes it is computed from
print("\n".join(f"{node.label:>4} = {node.data:+.4f}" for node in order))

# %% [markdown]
# `topological_order` lists the nodes in an order where each one comes after its inputs:
# that is the order of the forward pass. The backward pass visits the same nodes in the
# **reverse** order, so that when it reaches a node, every use of that node has already
# sent its gradient back. In the diagram, the weight and the bias are marked as
# parameters (`params=[w0, bias]`), $x_0$ as an input.

# %%
draw_dot(o, params=[w0, bias], rankdir="TB", show_grad=False)

# %% [markdown]
# ## 2. The backward pass, one node at a time
#
# `backprop_steps(o)` replays the backward pass and draws the graph once before it starts
# and once after each operation. Step 0 shows every gradient at 0; `backward()` then sets
# $\partial o / \partial o = 1$ at the output, and each later step takes one operation,
# multiplies the gradient that arrived at its output by the operation's *local* derivative,
# and adds the result to its inputs' gradients (written `+= ...` and outlined). Gradients
# that nothing has reached yet are greyed out. The captions (`named=True`) call every node
# by its label, so `∂o/∂n = 1 − o²` reads: the derivative of the node `o` with respect to
# its input `n`.

# %%
steps = backprop_steps(o, params=[w0, bias], rankdir="TB", named=True)
print(len(steps), "frames: the start, then one per operation, from the output back")
for frame in steps:
    display(frame)

# %% [markdown]
# **Step through it yourself.** In a live notebook, `viz.explore` shows the same steps as a
# widget: previous, next, play and a slider; click a node for its local derivative (as a
# formula and as a number here), every contribution it received and their sum; drag $x_0$,
# $w_0$ or the bias and every number updates. (On a static page, the frames above are the
# same steps.)

# %%
import viz

viz.explore(o, params=[w0, bias])


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
    lines = []
    for node in reversed(order):  # outputs before inputs
        if not node.parents:  # a leaf: nothing further back
            continue
        for parent, local in zip(node.parents, local_derivatives(node)):
            # chain rule; += because a node used twice gets a gradient from each use
            grads[parent] += grads[node] * local
            lines.append(f"{parent.label:>4}.grad += {grads[node]:+.4f} * {local:+.4f}")
    print("\n".join(lines))
    return grads


by_hand = backprop_by_hand(o)

# %% [markdown]
# The engine's `backward()` does the same walk with the same local rules (plus the rules
# of every other operation it knows), so the results agree exactly:

# %%
o.backward()
print("\n".join(f"d o / d {node.label:<4} engine {node.grad:+.6f}   by hand {by_hand[node]:+.6f}" for node in order))

# %% tags=["remove-cell"]
assert all(node.grad == by_hand[node] for node in order)

# %% [markdown]
# ✏️ **Exercise 1.** Predict before you compute. A neuron with two inputs,
# $o = \tanh(x_0 w_0 + x_1 w_1 + \text{bias})$ at $x_0 = 2$, $x_1 = 1$, $w_0 = -0.5$,
# $w_1 = 0.5$, bias $= 0.25$: what is $\partial o / \partial w_0$? Work it out on paper
# (two significant digits are enough), following the steps above.

# %%
answer = ...  # replace ... with a number
nb05.check_predict_w0_grad(answer);


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

# %% tags=["remove-cell"]
assert all(weight_gradient(0.7, 2.0, b) == 2.0 for b in [-5, 0, 3, 100])
assert all(weight_gradient(0.7, x, 1.0) == x for x in [-1, 0, 2, 5])


# %% [markdown]
# ### CS231n's patterns in backward flow
#
# Stanford's CS231n course names the effect each common gate has on the gradient flowing
# back through it. With an incoming gradient $g$ (below, $g = 2$, so that nothing hides
# behind a 1):
#
# | gate | what the inputs receive | pattern |
# |---|---|---|
# | $u + v$ | both get $g$ unchanged | **add distributes** |
# | $u \cdot v$ | $u$ gets $g \cdot v$, $v$ gets $g \cdot u$ | **multiply swaps** |
# | $\max(u, v)$ | the larger input gets $g$, the other 0 (½ each at a tie) | **max routes** |
# | $\mathrm{relu}(u) = \max(u, 0)$ | $g$ if $u > 0$, else 0 | a max gate against 0 |
# | $\tanh(u)$ | $g (1 - \tanh^2 u)$, never more than $g$ | a squashing gate |
#
# The engine's `maximum` is the max gate.

# %%
def input_gradients(make, *inputs, g=2.0):
    """What each input receives when gradient g arrives at make(*inputs)."""
    values = [Value(v) for v in inputs]
    out = make(*values)
    out.backward(g)
    return [v.grad for v in values]


rows = [
    ("u + v        at (3, -4)", input_gradients(lambda u, v: u + v, 3.0, -4.0)),
    ("u * v        at (3, -4)", input_gradients(lambda u, v: u * v, 3.0, -4.0)),
    ("max(u, v)    at (3, -4)", input_gradients(lambda u, v: u.maximum(v), 3.0, -4.0)),
    ("max(u, v)    at (2, 2) ", input_gradients(lambda u, v: u.maximum(v), 2.0, 2.0)),
    ("relu(u)      at 2, -2  ", input_gradients(lambda u: u.relu(), 2.0) + input_gradients(lambda u: u.relu(), -2.0)),
    ("tanh(u)      at 0, 2   ", input_gradients(lambda u: u.tanh(), 0.0) + input_gradients(lambda u: u.tanh(), 2.0)),
]
print("incoming gradient g = 2")
print("\n".join(f"{name}: {[round(g, 4) for g in grads]}" for name, grads in rows))

# %% tags=["remove-cell"]
assert rows[0][1] == [2.0, 2.0] and rows[1][1] == [-8.0, 6.0]
assert rows[2][1] == [2.0, 0.0] and rows[3][1] == [1.0, 1.0] and rows[4][1] == [2.0, 0.0]

# %% [markdown]
# **A gate can be as big as you like.** How finely a function is cut into nodes is a
# choice: the sigmoid $\sigma(u) = 1 / (1 + e^{-u})$ can be one node whose local derivative
# is $\sigma(u)(1 - \sigma(u))$, computed from its own output, or four nodes (negate,
# `exp`, `+ 1`, `1 / ·`), each with its own simple rule. The chain rule through the four
# gives the same gradient as the one rule, because $\sigma(1 - \sigma)$ *is* that product
# worked out once and for all. One node is cheaper (one node to store and visit instead
# of four or more).

# %%
lines = []
for u in [-2.0, 0.0, 1.5]:
    one, split = Value(u), Value(u)
    gate = one.sigmoid()
    pieces = 1 / (1 + (-split).exp())
    gate.backward()
    pieces.backward()
    s = gate.data
    split_ops = [node.op for node in topological_order(pieces) if node.parents]
    lines.append(
        f"u = {u:+.1f}: one node {one.grad:.10f} = s(1 - s) = {s * (1 - s):.10f}; "
        f"split into {', '.join(split_ops)}: {split.grad:.10f}"
    )
print("\n".join(lines))

# %% tags=["remove-cell"]
for u in [-2.0, 0.0, 1.5]:
    one, split = Value(u), Value(u)
    one.sigmoid().backward()
    (1 / (1 + (-split).exp())).backward()
    assert abs(one.grad - split.grad) < 1e-15

# %% [markdown]
# ✏️ **Exercise 2.** Write the max gate's local rule: `max_rule(g, a, b)` returns the pair
# (what $a$ receives, what $b$ receives) when gradient `g` arrives at $\max(a, b)$. Decide
# what happens at a tie $a = b$ the way the engine (and PyTorch) does. The checker compares
# your rule with the engine's `maximum` at several points.

# %%
def max_rule(g, a, b):
    return ...  # replace ... with a pair (gradient for a, gradient for b)


nb05.check_max_rule(max_rule);

# %% [markdown]
# ## 5. The chain rule across layers
#
# Stack three one-unit layers on an input $h_0 = x$: layer $k$ (for $k = 0, 1, 2$)
# computes $h_{k+1} = \tanh(w_k h_k + b_k)$, and $h_3$ is the output. The chain rule says
# the gradient at the input is the product of one factor per layer, collected on the way
# back (from $k = 2$ down to $k = 0$; the order of the factors does not change the
# product):
#
# $$\frac{\partial h_3}{\partial x} = \prod_{k=0}^{2} \frac{\partial h_{k+1}}{\partial h_k} = \prod_{k=0}^{2} w_k \left(1 - h_{k+1}^2\right).$$
#
# Each layer's factor uses numbers saved during the forward pass ($w_k$ and $h_{k+1}$).

# %%
weights, biases = [1.2, -0.7, 2.0], [0.3, 0.1, -0.5]
x = Value(0.4, label="x")
h, hs = x, [x.data]  # hs[k] is h_k
for w, b in zip(weights, biases):
    h = (w * h + b).tanh()
    hs.append(h.data)
h.backward()

product, lines = 1.0, []
for k in reversed(range(3)):  # from the output layer back to the input
    factor = weights[k] * (1 - hs[k + 1] ** 2)
    product *= factor
    lines.append(f"layer {k}: factor w{k}*(1 - h{k + 1}^2) = {factor:+.4f}, product so far {product:+.4f}")
lines.append(f"engine: dh3/dx = {x.grad:+.4f}")
print("\n".join(lines))

# %% tags=["remove-cell"]
assert abs(product - x.grad) < 1e-12

# %% [markdown]
# When many factors like these are smaller than 1, their product shrinks geometrically
# with depth: that is the **vanishing gradient** problem, measured for sigmoid, tanh and
# ReLU in notebooks 2 and 4.
#
# ## 6. Vectorised backprop for one layer
#
# Notebook 4 wrote a layer's forward pass in matrix form: $z = W x + b$, $h = f(z)$, with
# one row of $W$ per neuron. The backward pass has a matrix form too. Let
# $\delta = \partial L / \partial h$ be the gradient arriving at the layer's outputs. Then
#
# - through the activation, element by element: $g = \delta \odot f'(z)$ (for tanh,
#   $f'(z) = 1 - h^2$);
# - to the biases: $\partial L / \partial b = g$ (an addition passes the gradient on);
# - to the weights: $\partial L / \partial W = g\, x^\top$ (a multiplication hands each
#   weight $W_{ji}$ the other factor, $x_i$, times neuron $j$'s $g_j$);
# - to the inputs: $\delta_\text{in} = \partial L / \partial x = W^\top g = W^\top\big(\delta \odot f'(z)\big)$:
#   each input collects from every neuron it feeds. This $\delta_\text{in}$ is the $\delta$ of
#   the layer below, and so backprop runs through a whole MLP one matrix product per layer.
#
# Below, the three formulas in NumPy, against the engine's node-by-node gradients. The
# loss is $L = \sum_j \delta_j h_j$ with a fixed vector $\delta$, so that exactly $\delta$
# arrives at the outputs.

# %%
layer = Layer(3, 4, "tanh", seed=3)
for j, neuron in enumerate(layer.neurons):  # biases start at 0; give them values
    neuron.b.data = 0.1 * j - 0.2
W = np.array([[w.data for w in neuron.w] for neuron in layer.neurons])
b = np.array([neuron.b.data for neuron in layer.neurons])
x_in = [Value(v, label=f"x{i}") for i, v in enumerate([0.5, -1.0, 2.0])]
delta = np.array([1.0, -2.0, 0.5, 3.0])

h_layer = layer(x_in)
L = sum((float(d) * hj for d, hj in zip(delta, h_layer)), Value(0.0))
L.backward()

x_np = np.array([v.data for v in x_in])
h_np = np.tanh(W @ x_np + b)
g = delta * (1 - h_np**2)  # through tanh
dW, db, dx = np.outer(g, x_np), g, W.T @ g  # to the weights, the biases, the inputs

engine_dW = np.array([[w.grad for w in neuron.w] for neuron in layer.neurons])
engine_db = np.array([neuron.b.grad for neuron in layer.neurons])
engine_dx = np.array([v.grad for v in x_in])
print("delta_in = W^T (delta * f'(z)) =", np.round(dx, 6))
print("engine's x0.grad, x1.grad, x2.grad =", np.round(engine_dx, 6))
print("largest differences, NumPy against the engine:  "
      f"dW {np.abs(dW - engine_dW).max():.0e}, db {np.abs(db - engine_db).max():.0e}, dx {np.abs(dx - engine_dx).max():.0e}")

# %% tags=["remove-cell"]
assert np.allclose(dW, engine_dW, atol=1e-14) and np.allclose(db, engine_db, atol=1e-14)
assert np.allclose(dx, engine_dx, atol=1e-14)

# %% [markdown]
# ✏️ **Exercise 3.** Compute one layer's backward pass by hand, in NumPy:
# `layer_backward(W, b, x, delta)` returns `(dW, db, dx)` for a layer of tanh neurons
# $h = \tanh(W x + b)$ when `delta` $= \partial L / \partial h$ arrives at its outputs. The
# checker compares it with the engine's gradients on another layer.

# %%
def layer_backward(W, b, x, delta):
    return ...  # replace ... with (dW, db, dx)


nb05.check_layer_backward(layer_backward);

# %% [markdown]
# ## 7. One backward pass gives every gradient
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

# %% [markdown]
# The two methods agree (to the accuracy of the finite difference); here on a few of the
# parameters:

# %%
out.backward()
step, lines, worst = 1e-6, [], 0.0
for param in params[:3] + params[-3:]:
    param.data += step
    with no_grad():
        up = model(inputs).data
    param.data -= 2 * step
    with no_grad():
        down = model(inputs).data
    param.data += step
    numeric = (up - down) / (2 * step)
    worst = max(worst, abs(param.grad - numeric))
    lines.append(f"backprop {param.grad:+.8f}   central difference {numeric:+.8f}")
print("\n".join(lines))

# %% tags=["remove-cell"]
assert worst < 1e-7

# %% [markdown]
# ## 8. Forward mode vs reverse mode
#
# The chain rule can also be run the other way round, from the inputs forward. **Forward
# mode** pushes a *tangent* along with every value: pick a direction $v$ in input space,
# and each node computes, next to its value, its own derivative along $v$ (the sum over its
# inputs of its local derivative times the input's tangent). At the output that is the
# directional derivative $J v$ (a Jacobian–vector product, hence the name `jvp`). With
# $v$ the unit vector of input $i$, it is $\partial f / \partial x_i$: **one pass per
# input**. Reverse mode (backprop) starts from the output and gives the derivatives with
# respect to all inputs at once: **one pass per output**.
#
# `autograd.jvp(f, primals, tangents)` is forward mode, built from the same local rules as
# `backward()`; it returns $f$'s value and its derivative along `tangents`. Below, the loss
# of a small MLP on one example, written as a function of the MLP's 13 parameters, is
# differentiated both ways.

# %%
small = MLP(2, [3, 1], activation="tanh", seed=0)
point, target = [0.5, -1.0], 0.3


def loss_function(net):
    """(net(point) - target)^2 as a function of the parameters, in net.parameters() order."""

    def loss_of(*theta):
        it = iter(theta)
        h = point
        for i, layer in enumerate(net.layers):
            outputs = []
            for neuron in layer.neurons:
                ws = [next(it) for _ in neuron.w]
                z = sum((w * hi for w, hi in zip(ws, h)), next(it))  # the bias comes after the weights
                outputs.append(z.tanh() if i < len(net.layers) - 1 else z)
            h = outputs
        return (h[0] - target) ** 2

    return loss_of


def graph_size(net):
    """Nodes in the graph of loss_function(net), the graph each pass walks."""
    return len(topological_order(loss_function(net)(*[Value(p.data) for p in net.parameters()])))


loss_of = loss_function(small)
theta = [p.data for p in small.parameters()]
count = len(theta)

# reverse mode: one forward pass records the graph, one backward pass gives every gradient
loss = (small(point) - target) ** 2
loss.backward()
reverse = [p.grad for p in small.parameters()]
graph_nodes = graph_size(small)

# forward mode: one jvp per parameter, each with the unit tangent of that parameter
forward = [jvp(loss_of, theta, [1.0 if j == i else 0.0 for j in range(count)])[1] for i in range(count)]

print(f"{count} parameters, {graph_nodes} nodes in the loss's graph")
print(f"reverse mode: 1 backward pass,   {graph_nodes} node visits")
print(f"forward mode: {count} jvp passes, {count * graph_nodes} node visits")
print(f"largest difference between the two gradients: {max(abs(f - r) for f, r in zip(forward, reverse)):.0e}")

# %% tags=["remove-cell"]
assert max(abs(f - r) for f, r in zip(forward, reverse)) < 1e-14
assert loss_of(*[Value(t) for t in theta]).data == loss.data

# %% [markdown]
# A loss is one number and a network has many parameters, so reverse mode wins by a factor
# of the number of parameters, and that factor grows with the network. Counted for larger
# MLPs (one jvp per parameter, each visiting every node, against one backward pass):

# %%
lines = [f"{'network':>20} {'parameters':>11} {'nodes':>7} {'reverse passes':>15} {'forward passes':>15} {'forward node visits':>20}"]
for widths in [[3, 1], [16, 16, 1], [64, 64, 1]]:
    net = MLP(2, widths, activation="tanh", seed=0)
    size = graph_size(net)
    lines.append(f"{'MLP(2, ' + str(widths) + ')':>20} {net.num_parameters():>11} {size:>7} {1:>15} {net.num_parameters():>15} {net.num_parameters() * size:>20}")
print("\n".join(lines))

# %% [markdown]
# That is why training uses reverse mode. Forward mode wins in the opposite shape: one
# input and many outputs. For $f(x) = (x, x^2, \dots, x^{10})$, one input and ten outputs,
# one jvp gives all ten derivatives, where reverse mode needs ten backward passes, one per
# output. The two agree:

# %%
def powers(x):
    return [x**k for k in range(1, 11)]


values, derivatives = jvp(powers, [1.1], [1.0])  # one forward pass: every d x^k / dx
by_reverse = []
for k in range(1, 11):  # reverse mode: one backward pass per output
    x = Value(1.1)
    (x**k).backward()
    by_reverse.append(x.grad)
print("jvp, 1 pass:         ", [round(d, 4) for d in derivatives])
print("backward, 10 passes: ", [round(d, 4) for d in by_reverse])

# %% tags=["remove-cell"]
assert all(abs(a - b) < 1e-12 for a, b in zip(derivatives, by_reverse))

# %% [markdown]
# ✏️ **Exercise 4.** For the loss of `MLP(3, [8, 8, 1])` on one example, how many passes
# does forward mode (`jvp`) need to get the gradient with respect to every parameter, and
# how many does reverse mode (`backward`)? Give the pair (forward passes, reverse passes).

# %%
answer = ...  # replace ... with a pair (forward passes, reverse passes)
nb05.check_count_passes(answer);

# %% [markdown]
# ## 9. What backpropagation stores, and why it needs more memory
#
# Look at the local rules again: the derivative of $u \cdot v$ needs the values of $u$
# and $v$; the derivative of $\tanh$ needs its output. So **every intermediate value of the
# forward pass has to be kept until the backward pass has used it**. Inference can throw
# each value away as soon as the next one is computed; training cannot.
#
# The engine makes this visible. Normally every operation records its inputs and its local
# rule. Inside `with no_grad():` it records nothing: each result is a bare number that
# keeps nothing else alive. Push an input through a chain of `depth` tanh layers both ways
# and count the nodes the result keeps alive:

# %%
def tanh_chain(depth):
    x = Value(0.5, label="x")
    h = x
    for _ in range(depth):
        h = (1.5 * h + 0.1).tanh()
    return h


def forward_only(depth):
    with no_grad():
        return tanh_chain(depth)


kept = {depth: (len(topological_order(tanh_chain(depth))), len(topological_order(forward_only(depth))))
        for depth in [1_000, 10_000]}
print("\n".join(f"depth {depth:>6}: recording keeps {rec} nodes alive, no_grad keeps {bare}"
                for depth, (rec, bare) in kept.items()))

# %% tags=["remove-cell"]
assert all(rec == 5 * depth + 1 and bare == 1 for depth, (rec, bare) in kept.items())

# %% [markdown]
# Each tanh layer is five nodes (the constant 1.5, a product, the constant 0.1, a sum and
# the tanh), and with recording all of them stay alive: ten times deeper, ten times the
# nodes. Without recording only the final number survives, whatever the depth. (The
# appendix measures the same in bytes.)
#
# Inference does not need the graph, so `no_grad` is the right way to run a trained model:
# the predictions are the same numbers, without the graph.

# %%
x = [0.1, 0.2, -0.3, 0.4]
recorded = model(x)
with no_grad():
    bare = model(x)
print(f"recording: {recorded.data:+.10f}, {len(topological_order(recorded))} nodes")
print(f"no_grad:   {bare.data:+.10f}, {len(topological_order(bare))} node")

# %% tags=["remove-cell"]
assert recorded.data == bare.data and bare.parents == ()

# %% [markdown]
# ### What backprop stores, in d2l's terms
#
# *Dive into Deep Learning* (d2l, section 5.3, "Forward Propagation, Backward Propagation,
# and Computational Graphs") puts it this way: training has to retain the intermediate
# values of the forward pass, the **activations**, until backpropagation is done, and their
# size is proportional to the number of layers and to the batch size. More precisely, one
# activation per neuron and per example: **batch × width × depth** numbers.
#
# The engine can count them. For an MLP of `depth` tanh layers of `width` neurons, a forward
# pass over a batch records one tanh node per neuron per example; the cell counts those, and
# all the recorded nodes, varying one size at a time.

# %%
def recorded_nodes(batch, width, depth):
    """(tanh activations, all nodes) that one forward pass of the loss over a batch records."""
    net = MLP(4, [width] * depth + [1], activation="tanh", seed=0)
    X = np.random.default_rng(0).uniform(-1, 1, size=(batch, 4))
    loss = sum(((net(list(row)) - 1.0) ** 2 for row in X), Value(0.0))
    order = topological_order(loss)
    return sum(node.op == "tanh" for node in order), len(order)


sizes = [(1, 4, 2), (2, 4, 2), (4, 4, 2), (8, 4, 2),  # batch
         (2, 8, 2), (2, 16, 2),                        # width
         (2, 4, 4), (2, 4, 8)]                         # depth
counted = {size: recorded_nodes(*size) for size in sizes}
lines = [f"{'batch':>5} {'width':>5} {'depth':>5} {'activations':>11} {'batch*width*depth':>17} {'all nodes':>9}"]
lines += [f"{b:>5} {w:>5} {d:>5} {act:>11} {b * w * d:>17} {total:>9}" for (b, w, d), (act, total) in counted.items()]
print("\n".join(lines))

# %% tags=["remove-cell"]
assert all(act == b * w * d for (b, w, d), (act, _) in counted.items())

# %% [markdown]
# The activations are exactly batch × width × depth: doubling any one of the three doubles
# them. The *all nodes* column grows faster with the width, because a scalar engine also
# records every product $w_{ji} x_i$ (width × width of them per layer and example) as a
# node. A matrix framework such as PyTorch does not: for $z = W h$ it keeps $h$ and $W$ and
# recomputes nothing more, so what it stores grows as batch × width × depth, as d2l says.
#
# **The remedy when activations do not fit: activation checkpointing** (also called
# gradient checkpointing or rematerialisation; `torch.utils.checkpoint` in PyTorch). Keep
# the activations of only every $k$-th layer during the forward pass and, during the
# backward pass, recompute the layers between two checkpoints from the earlier one just
# before they are needed. With checkpoints every $\sqrt{\text{depth}}$ layers the stored
# activations shrink from depth to about $2\sqrt{\text{depth}}$ layers' worth, for the
# price of roughly one more forward pass. The other levers are a smaller batch (gradients
# can be accumulated over several small batches) and lower-precision numbers.

# %% [markdown]
# ## Corrections of the lecture note
#
# > **What the lecture note says, and what is true.**
# >
# > 1. *"미분된 결과를 저장해야 하기 때문에 역전파는 순전파보다 더 많은 메모리를
# >    차지한다"* (backpropagation takes more memory because it must store the
# >    *differentiated results*). The conclusion is right, the reason is not: what has to be
# >    stored are the **forward values**, the inputs and outputs of every operation, because
# >    the local derivatives are computed *from* them during the backward pass. Before
# >    `backward()` no derivative exists anywhere in the graph (every `grad` is 0). The cell
# >    below shows that the backward pass reads the stored values: change a stored input of
# >    a multiplication after the forward pass, and the gradient follows the changed value.
# > 2. *"weight에 더해진 값은 역전파 시 제거되고, weight에 곱해진 항만 남게된다"* (the term
# >    added to a weight disappears in backpropagation). Only up to the next nonlinearity.
# >    In $y = wx + b$ the gradient $\partial y/\partial w = x$ has no $b$ in it (section 4),
# >    but in a neuron $o = \tanh(wx + b)$ it is $x\,(1 - o^2)$, and $o$ depends on $b$: the
# >    added term comes back through the activation's local derivative.

# %%
def neuron_gradients(x0_after_forward=None):
    x0, w0, bias = Value(1.5, label="x0"), Value(0.8, label="w0"), Value(0.1, label="bias")
    o = (x0 * w0 + bias).tanh()
    before = max(abs(node.grad) for node in topological_order(o))
    if x0_after_forward is not None:
        x0.data = x0_after_forward  # overwrite the stored forward value
    o.backward()
    return before, w0.grad


before, as_recorded = neuron_gradients()
_, doubled = neuron_gradients(x0_after_forward=3.0)
lines = [
    f"after the forward pass, before backward: largest |grad| in the graph = {before}",
    f"d o / d w0 with the stored x0 = 1.5:            {as_recorded:.6f}",
    f"d o / d w0 after overwriting the stored x0 = 3: {doubled:.6f} (twice as much)",
    "",
    "o = tanh(w x + b), x = 2, w = 0.7: d o / d w for b = -1, 0, 1, 3:",
]


def activated_weight_gradient(b):
    w = Value(0.7)
    (w * 2.0 + b).tanh().backward()
    return w.grad


lines.append("  " + ", ".join(f"{activated_weight_gradient(b):.4f}" for b in [-1, 0, 1, 3]))
print("\n".join(lines))

# %% tags=["remove-cell"]
assert before == 0 and abs(doubled - 2 * as_recorded) < 1e-15
assert len({round(activated_weight_gradient(b), 6) for b in [-1, 0, 1, 3]}) == 4

# %% [markdown]
# ## Summary
#
# - Backpropagation applies the chain rule node by node, from the output back to the
#   inputs, in the reverse of the forward order; each operation only needs its own *local*
#   derivative.
# - Gates have recognisable effects: add distributes, multiply swaps, max routes; a gate can
#   be as large as a whole sigmoid, with the same gradients as its pieces.
# - Across layers the per-layer factors multiply; many small factors make the gradient
#   vanish. For a whole layer the backward pass is three matrix formulas:
#   $g = \delta \odot f'(z)$, $\partial L/\partial W = g x^\top$,
#   $\delta_\text{in} = W^\top g$.
# - One backward pass yields every parameter's gradient for about the cost of a forward
#   pass; forward mode (`jvp`) would need one pass per parameter. That is why training
#   uses reverse mode.
# - Backpropagation needs every forward value until it has used it: the activations alone
#   are batch × width × depth numbers. Inference under `no_grad` keeps none;
#   activation checkpointing trades recomputation for memory.
#
# Next: [6 · Training an MLP](06_training_an_mlp.ipynb).
#
# ## Appendix: the memory in bytes, and when it is freed
#
# Node counts are exact; bytes depend on the Python version. Python's `tracemalloc`
# measures how much memory the result of the tanh chain holds on to, with recording and
# under `no_grad`.

# %%
import gc
import tracemalloc

import matplotlib.pyplot as plt


def held_after(build):
    """Bytes still allocated after build() returns (the result kept alive)."""
    gc.collect()
    tracemalloc.start()
    result = build()
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return held


memory = {depth: (held_after(lambda: tanh_chain(depth)), held_after(lambda: forward_only(depth)))
          for depth in [1_000, 10_000]}
(rec_small, bare_small), (rec_large, bare_large) = memory[1_000], memory[10_000]
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

# %% tags=["remove-cell"]
assert 9 < rec_large / rec_small < 11, "recorded memory grows in proportion to depth"
assert rec_small > 100 * bare_small and rec_large > 1000 * bare_large, "no_grad keeps almost nothing"

# %% [markdown]
# Because no local rule refers back to its own output node, the graph has no reference
# cycles: as soon as nothing refers to the output any more, Python frees the whole graph
# at once, without waiting for the cycle collector (`gc`). A training step therefore costs
# memory only while it runs.

# %%
gc.collect()
tracemalloc.start()
out = tanh_chain(10_000)
before, _ = tracemalloc.get_traced_memory()
out.backward()
del out  # no gc.collect(): plain reference counting frees the graph
after, _ = tracemalloc.get_traced_memory()
tracemalloc.stop()
print("after `del out` less than 1% of the graph's memory is still allocated")

# %% tags=["remove-cell"]
assert after < before / 100
