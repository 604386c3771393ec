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
# # 1 · Derivatives and the computation graph
#
# This is the first of six walkthroughs that teach activation functions, softmax, forward
# propagation and backpropagation with a small scalar autodiff engine, `autograd`. Here we
# learn the two ideas everything else rests on:
#
# 1. a **derivative** is a slope: how much the output moves when you nudge an input;
# 2. an engine can get every derivative of an expression at once by recording the expression
#    as a **computation graph** and walking it backwards with the chain rule.
#
# Every number in the text is computed by a cell. Exercises (marked ✏️) ask you to predict
# or write something; a checker from `exercises.nb01` compares your answer with the engine.

# %%
import inspect
import math
import re

import matplotlib.pyplot as plt
import numpy as np

from autograd import Value, chain_rule, gradcheck, grad, ops, topological_order
from exercises import nb01
from viz import draw_dot


# %% [markdown]
# ## A derivative is a slope
#
# Take an ordinary function of one number, $f(x) = 3x^2 - 4x + 5$. Its derivative at a
# point is the slope of the curve there. You can *measure* a slope without any calculus:
# move $x$ by a small step $h$ and divide the change in $f$ by the step,
#
# $$f'(x) \approx \frac{f(x+h) - f(x)}{h}.$$

# %%
def f(x):
    return 3 * x**2 - 4 * x + 5


x0 = 3.0
for h in [1e-1, 1e-2, 1e-3, 1e-4, 1e-6]:
    slope = (f(x0 + h) - f(x0)) / h
    print(f"h = {h:<8g} (f(x+h) - f(x)) / h = {slope:.6f}")

# %% [markdown]
# The estimates settle on **14**. Calculus gives the same number exactly:
# $f'(x) = 6x - 4$, and $6 \cdot 3 - 4 = 14$. The forward difference is off by $3h$ here
# (the curvature term: $\frac{f(x+h) - f(x)}{h} = 6x - 4 + 3h$); the *central* difference
# $\frac{f(x+h) - f(x-h)}{2h}$ cancels that term and is much more accurate for the same
# $h$. Making $h$ too small does not help either: the two values of $f$ become so close
# that floating-point round-off dominates.

# %%
print(f"{'h':>8}  {'forward error':>14}  {'central error':>14}")
for h in [1e-2, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12]:
    forward = (f(x0 + h) - f(x0)) / h
    central = (f(x0 + h) - f(x0 - h)) / (2 * h)
    print(f"{h:>8g}  {abs(forward - 14):>14.2e}  {abs(central - 14):>14.2e}")

# %% tags=["remove-cell"]
for h in [1e-2, 1e-4]:  # here the error is all curvature: (f(x+h) - f(x)) / h = 6x - 4 + 3h
    forward = (f(x0 + h) - f(x0)) / h
    central = (f(x0 + h) - f(x0 - h)) / (2 * h)
    assert abs((forward - 14) - 3 * h) < 1e-9 and abs(central - 14) < 1e-9

# %% [markdown]
# The slope is the tangent line: near $x_0 = 3$ the curve and the line
# $f(x_0) + f'(x_0)(x - x_0)$ are almost indistinguishable.

# %%
xs = np.linspace(0, 5, 200)
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(xs, f(xs), label="f(x) = 3x² − 4x + 5")
ax.plot(xs, f(x0) + 14 * (xs - x0), "--", label="tangent at x = 3, slope 14")
ax.plot([x0], [f(x0)], "o", color="black")
ax.set_ylim(-5, 60)
ax.set_xlabel("x")
ax.legend()
plt.show()

# %% [markdown]
# ## `Value`: a number that remembers where it came from
#
# A finite difference needs one extra evaluation per input and is never exact. The engine
# does better. A `Value` wraps a float in `.data`; every operation on `Value`s returns a new
# `Value` that records its inputs (`.parents`) and the operation (`.op`). Calling
# `.backward()` on the result fills `.grad` on every `Value` it depends on with the
# derivative of the result with respect to that `Value`: exactly, and all at once.

# %%
x = Value(3.0, label="x")
y = 3 * x**2 - 4 * x + 5
y.backward()
print("y       =", y)
print("y.op    =", repr(y.op))
print("parents =", y.parents)
print("dy/dx   =", x.grad)

# %% tags=["remove-cell"]
assert x.grad == 14.0

# %% [markdown]
# `y.parents` shows that `y` was made by adding the constant 5 to another `Value`; that one
# came from a subtraction, and so on down to `x`. Those records together are the
# **computation graph**.
#
# ## A graph with four inputs: $L = (a \cdot b + c) \cdot f$
#
# Let us build a slightly bigger expression, naming every intermediate result so that the
# diagram is readable: $e = a b$, $d = e + c$, $L = d f$.

# %%
a = Value(2.0, label="a")
b = Value(-3.0, label="b")
c = Value(10.0, label="c")
f_ = Value(-2.0, label="f")
e = a * b
e.label = "e"
d = e + c
d.label = "d"
L = d * f_
L.label = "L"
print(f"e = {e.data}, d = {d.data}, L = {L.data}")

# %% tags=["remove-cell"]
assert (e.data, d.data, L.data) == (-6.0, 4.0, -8.0)

# %% [markdown]
# `draw_dot` draws the graph: one box per `Value` (its label, data and grad) and one small
# node per operation. Data flows from left to right. Before the backward pass every
# gradient is still 0.

# %%
draw_dot(L)

# %% [markdown]
# Now the backward pass. It starts at $L$ with $\partial L / \partial L = 1$ and moves
# right to left.

# %%
L.backward()
draw_dot(L)

# %% [markdown]
# **Explore it live.** `viz.explore(L)` shows the same graph as a widget: step through the
# backward pass, click a node to read its chain rule with the numbers, and drag `a`, `b`,
# `c` or `f` to watch every gradient of $L$ change (the engine recomputes the forward and
# backward pass; the picture only displays). Where widgets do not run (a static page of this
# notebook), the picture above is the same graph.

# %%
import viz

viz.explore(L)

# %%
print("\n".join(f"dL/d{node.label} = {node.grad:+.1f}" for node in [L, d, f_, e, c, a, b]))


# %% [markdown]
# Each of these numbers can be worked out by hand with the **chain rule**, one operation at
# a time, from the output back:
#
# | node | local derivative | gradient |
# |---|---|---|
# | $L = d f$ | $\partial L/\partial f = d = 4$, $\partial L/\partial d = f = -2$ | $f$: 4, $d$: −2 |
# | $d = e + c$ | $\partial d/\partial e = \partial d/\partial c = 1$ | $e$, $c$: $-2 \cdot 1 = -2$ |
# | $e = a b$ | $\partial e/\partial a = b = -3$, $\partial e/\partial b = a = 2$ | $a$: $-2 \cdot -3 = 6$, $b$: $-2 \cdot 2 = -4$ |
#
# So $\frac{\partial L}{\partial a} = \frac{\partial L}{\partial d}\,\frac{\partial d}{\partial e}\,\frac{\partial e}{\partial a} = f \cdot 1 \cdot b$.
# The cell below compares the engine with these hand-worked values and with a central
# difference for every input.

# %%
def L_of(a, b, c, f):
    return (a * b + c) * f


point = {"a": 2.0, "b": -3.0, "c": 10.0, "f": -2.0}
by_hand = {"a": f_.data * 1 * b.data, "b": f_.data * 1 * a.data, "c": f_.data, "f": d.data}
engine = {"a": a.grad, "b": b.grad, "c": c.grad, "f": f_.grad}
numeric = {}
h = 1e-6
for name in point:
    up, down = dict(point), dict(point)
    up[name] += h
    down[name] -= h
    numeric[name] = (L_of(**up) - L_of(**down)) / (2 * h)
print("\n".join(
    f"dL/d{n}: engine {engine[n]:+.6f}  by hand {by_hand[n]:+.6f}  numeric {numeric[n]:+.6f}"
    for n in point
))

# %% tags=["remove-cell"]
for name in point:
    assert engine[name] == by_hand[name]
    assert abs(engine[name] - numeric[name]) < 1e-6

# %% [markdown]
# ### What a gradient is good for
#
# A gradient says which way to move each input to make the output grow, and how strongly.
# Nudge every input by a small step $\eta$ times its gradient, and to first order $L$ grows
# by $\eta \sum_i (\partial L/\partial x_i)^2$. Stepping *against* the gradient makes $L$
# shrink instead: that is gradient descent, the way every network in this series learns.

# %%
step = 0.01
grads = [a.grad, b.grad, c.grad, f_.grad]
predicted = step * sum(g * g for g in grads)
before = L_of(a.data, b.data, c.data, f_.data)
after = L_of(*(v.data + step * v.grad for v in [a, b, c, f_]))
print(f"L before {before:.4f}, after the step {after:.4f}\n"
      f"change {after - before:.4f}, first-order prediction {predicted:.4f}")

# %% tags=["remove-cell"]
assert after > before and abs((after - before) - predicted) < 0.02

# %% [markdown]
# ## Inside an op: its forward and its derivative rule
#
# Where do the local derivatives of the table come from? Every op of the engine is defined
# once, in `autograd/ops.py`, as one block: its name, its **forward** (the value it
# computes from plain floats) and its **rule**, the chain rule for that op. A rule gets
# `g`, the gradient arriving at the op's output `out`, and the op's inputs, and returns
# what each input receives: `g` times the local derivative. Here are the real blocks of
# `*` and of `tanh`, read from the engine's source:

# %%
def op_source(name):
    """The block `NAME = Op(...)` of autograd/ops.py, as it stands in the source."""
    source = inspect.getsource(ops)
    start = re.search(rf"^{name} = Op\(", source, flags=re.MULTILINE).start()
    end = source.index("\n)", start) + 2
    return source[start:end]


print(op_source("MUL") + "\n\n" + op_source("TANH"))

# %% [markdown]
# For $a \cdot b$ the rule returns `(g * b, g * a)`: the input $a$ receives the gradient
# times the *other* input, exactly the $\partial e/\partial a = b$ of the table. For tanh
# it returns `g * (1 - out * out)`, using the output it computed on the way forward:
# $\tanh'(x) = 1 - \tanh^2 x$. And this is all it takes to record a node: `Value.__mul__`
# creates the result with its two parents, the op's name and the rule.

# %%
print(inspect.getsource(Value.__mul__))

# %% [markdown]
# The constructor's arguments, in order, are the data, a label, the first and second
# parent (`None` for a one-input op), the op's name and the rule. So a new op needs no
# change to the engine: build the node yourself.
#
# ✏️ **Exercise 1.** Write the rule of $\sin$: a function `sin_rule(g, out, x)` that
# returns what $x$ receives when gradient `g` arrives at `out` $= \sin x$. The cell after
# it builds the op with your rule, and the checker runs `gradcheck` (the engine's
# gradients against central differences) on $3 \sin(x^2)$ at several points.

# %%
def sin_rule(g, out, x):
    return ...  # replace ... with what x receives


def sin(x):
    return Value(math.sin(x.data), "", x, None, "sin", sin_rule)


# %%
nb01.check_sin_rule(sin_rule);

# %% [markdown]
# Once the rule is right, `sin` is an op like any other: `draw_dot` shows its node, and
# `backward()` runs your rule.
#
# ## A node used twice collects two gradients
#
# What is the derivative of $b = a + a$ with respect to $a$? It is 2, since $b = 2a$. In
# the graph, `a` feeds the addition *twice*, so two gradients flow back into it, one per
# use. The **multivariable chain rule** says a variable's derivative is the *sum* over
# every path from it to the output. That is why the engine **adds** into `.grad`
# (`grad += ...`) instead of overwriting it.

# %%
a = Value(3.0, label="a")
b = a + a
b.label = "b"
b.backward()
print("d(a + a)/da =", a.grad)

# %% tags=["remove-cell"]
assert a.grad == 2.0

# %% [markdown]
# The same holds for any reuse. For $z = x y + x$, $x$ reaches $z$ along two paths (through
# the product and directly), so $\partial z / \partial x = y + 1$. In the diagram `x` has two
# outgoing arrows.

# %%
x = Value(-2.0, label="x")
y = Value(5.0, label="y")
xy = x * y
xy.label = "xy"
z = xy + x
z.label = "z"
z.backward()
print(f"dz/dx = {x.grad}  (y + 1 = {y.data + 1})\ndz/dy = {y.grad}  (x = {x.data})")
draw_dot(z)

# %% tags=["remove-cell"]
assert x.grad == y.data + 1 and y.grad == x.data

# %% [markdown]
# ### What goes wrong with `=` instead of `+=`
#
# Backpropagation itself is a short loop: visit the nodes from the output back (the reverse
# of a topological order, so that a node is visited only after everything that uses it),
# and hand each parent what the node's rule sends it. `chain_rule(node, g)` is one step of
# it: what `node`'s rule returns for each parent when gradient `g` arrives at `node`. Here
# is the loop written with a plain assignment, `parent.grad = ...`, run on $z = x y + x$:

# %%
def backward_that_overwrites(root):
    root.grad = 1.0
    for node in reversed(topological_order(root)):
        for parent, g in zip(node.parents, chain_rule(node, node.grad)):
            parent.grad = g  # the bug: the second use of a parent erases the first


x = Value(-2.0, label="x")
y = Value(5.0, label="y")
z = x * y + x
backward_that_overwrites(z)
print(f"with '=':  dz/dx = {x.grad}  (right: y + 1 = {y.data + 1})")

# %% tags=["remove-cell"]
assert x.grad == y.data  # the product's contribution overwrote the direct path's

# %% [markdown]
# The addition node (the output, visited first) sends $x$ a gradient of 1 along the
# direct path; then the product node sends $x$ the gradient $y = 5$ along the path
# through $xy$, and the assignment throws the first contribution away. Which path is lost
# depends on the order of the visit; that one is lost does not. The chain rule asks for the *sum* over paths, so every
# contribution must be *added*: that is why the engine accumulates, and why `.grad` starts
# at 0.
#
# ✏️ **Exercise 2.** Write `my_backward(root)`, the same loop done right. The checker
# runs it on $z = (x y + x)\,y$, where both $x$ and $y$ are used twice, and compares with
# the engine's `backward()`.

# %%
def my_backward(root):
    return ...  # replace this line with the loop


# %%
nb01.check_my_backward(my_backward);

# %% [markdown]
# ✏️ **Exercise 3.** Predict before you compute: for $M = (a + b)(b - c)$ at $a = 1$,
# $b = 4$, $c = 5$, what is $\partial M / \partial b$? ($b$ is used twice.)

# %%
answer = ...  # replace ... with a number
nb01.check_predict_grad(answer);

# %% [markdown]
# ### ... and so does a second call to `backward()`
#
# Because `.grad` accumulates, calling `backward()` twice without clearing adds the same
# gradients again: every `.grad` doubles. This is the behaviour of PyTorch too, and it is
# why a training loop clears the gradients (`zero_grad()`) before each backward pass.

# %%
x = Value(-2.0, label="x")
y = Value(5.0, label="y")
z = x * y + x
z.backward()
first = x.grad
z.backward()
second = x.grad
z.zero_grad()
z.backward()
print(f"after one backward:           dz/dx = {first}\n"
      f"after a second backward:      dz/dx = {second}\n"
      f"after zero_grad and backward: dz/dx = {x.grad}")

# %% tags=["remove-cell"]
assert first == y.data + 1 and second == 2 * first and x.grad == first

# %% [markdown]
# ## tanh built from `exp`: the same gradients
#
# An op is a choice of granularity. The engine has a one-node `tanh`, but tanh can also be
# written with exponentials,
#
# $$\tanh n = \frac{e^{2n} - 1}{e^{2n} + 1},$$
#
# and the engine differentiates that expression too, one `exp`, `−`, `+` and `÷` at a
# time. The chain rule through the small ops must add up to the one-op rule
# $1 - \tanh^2 n$. We check it on a neuron with two inputs, $o = \tanh(x_0 w_0 + x_1 w_1 + b)$,
# with the numbers of Andrej Karpathy's *micrograd* lecture (the bias makes $o$ come out
# as $1/\sqrt 2$).

# %%
def neuron(tanh):
    x0, x1 = Value(2.0, label="x0"), Value(0.0, label="x1")
    w0, w1 = Value(-3.0, label="w0"), Value(1.0, label="w1")
    bias = Value(6.8813735870195432, label="b")
    n = x0 * w0 + x1 * w1 + bias
    n.label = "n"
    o = tanh(n)
    o.label = "o"
    o.backward()
    return o, [x0, x1, w0, w1, bias, n]


def tanh_from_exp(n):
    e = (2 * n).exp()
    e.label = "e^2n"
    return (e - 1) / (e + 1)


one_op, leaves_one = neuron(Value.tanh)
from_exp, leaves_exp = neuron(tanh_from_exp)
print(f"o: one op {one_op.data:.12f}, from exp {from_exp.data:.12f}\n"
      + "\n".join(
          f"d o/d {p.label:>2}: one op {p.grad:+.12f}, from exp {q.grad:+.12f}"
          for p, q in zip(leaves_one, leaves_exp)
      ))

# %% tags=["remove-cell"]
assert all(abs(p.grad - q.grad) < 1e-12 for p, q in zip(leaves_one, leaves_exp))
assert abs(one_op.data - 1 / math.sqrt(2)) < 1e-12

# %% [markdown]
# Every gradient agrees to 12 decimals (the last bits may differ: the two graphs round
# differently). The two graphs side by side: one `tanh` node, or six small ops. In the
# second, the node $e^{2n}$ is used twice (numerator and denominator), so it collects two
# gradients, as above.

# %%
small = draw_dot(one_op, title="tanh as one op")
small.graph_attr["size"] = "7,2"
small

# %%
small = draw_dot(from_exp, title="tanh from exp, −, +, ÷")
small.graph_attr["size"] = "9,3"
small

# %% [markdown]
# ✏️ **Exercise 4.** Build the sigmoid $\sigma(x) = 1 / (1 + e^{-x})$ from `exp`, `+` and
# `/` (and unary `-`), without `.sigmoid()`. The checker compares its values and its
# gradients with the one-op `Value.sigmoid` at several points.

# %%
def my_sigmoid(x):
    return ...  # replace ... with an expression in x


# %%
nb01.check_sigmoid_from_exp(my_sigmoid);

# %% [markdown]
# ## The same numbers in PyTorch
#
# PyTorch's autograd works the same way: tensors record the graph, `backward()` fills
# `.grad`. Written in float64 (the engine's precision), the neuron above gives the same
# gradients. PyTorch is optional here: without it the cell says so and moves on.

# %%
try:
    import torch
except ImportError:
    torch = None

if torch is None:
    print("PyTorch is not installed: skipping the comparison.")
else:
    t = {name: torch.tensor(v, dtype=torch.float64, requires_grad=True)
         for name, v in [("x0", 2.0), ("x1", 0.0), ("w0", -3.0), ("w1", 1.0), ("b", 6.8813735870195432)]}
    o_torch = torch.tanh(t["x0"] * t["w0"] + t["x1"] * t["w1"] + t["b"])
    o_torch.backward()
    print(f"o: PyTorch {o_torch.item():.12f}, engine {one_op.data:.12f}\n"
          + "\n".join(
              f"d o/d {p.label:>2}: PyTorch {t[p.label].grad.item():+.12f}, engine {p.grad:+.12f}"
              for p in leaves_one[:5]
          ))

# %% tags=["remove-cell"]
if torch is not None:
    assert all(abs(t[p.label].grad.item() - p.grad) < 1e-12 for p in leaves_one[:5])

# %% [markdown]
# ## Derivatives as functions: `grad`
#
# `grad(f)` turns a Python function into the function that returns its derivative. Because
# the engine can record the backward pass itself as a graph, `grad` nests:
# `grad(grad(f))` is the second derivative. The next notebook uses this to plot the first
# and second derivatives of every activation function.

# %%
df = grad(f)
d2f = grad(grad(f))
print("\n".join(
    f"x = {x}: f'(x) = {df(x):5.1f} (6x - 4 = {6 * x - 4:5.1f}),  f''(x) = {d2f(x)} (6)"
    for x in [0.0, 1.0, 3.0]
))

# %% tags=["remove-cell"]
for x in [0.0, 1.0, 3.0]:
    assert df(x) == 6 * x - 4 and d2f(x) == 6.0

# %% [markdown]
# ## Corrections of the lecture note
#
# > **What the lecture note says, and what is true.** The note's example of
# > backpropagation on a computation graph says that a term *added* to a weight
# > disappears in the backward pass and only the term *multiplied* with the weight
# > remains. Half true. The added term's *value* does not appear in the weight's
# > derivative, but an addition does not stop the gradient: it passes what arrives
# > unchanged to *both* of its inputs, so the added term gets a gradient of its own. And
# > what remains for a weight is not only the factor it is multiplied with, but the
# > product of every local derivative on the way to the output. In
# > $L = (a \cdot b + c) \cdot f$: $\partial L / \partial a = f \cdot b$ (no $c$ in it),
# > while $\partial L / \partial c = f$, not 0.

# %%
a, b, c, f_ = Value(2.0), Value(-3.0), Value(10.0), Value(-2.0)
L = (a * b + c) * f_
L.backward()
print(f"dL/da = {a.grad} = f * b = {f_.data * b.data}   (the added c = {c.data} is not in it)\n"
      f"dL/dc = {c.grad} = f              (the added term gets the gradient too)")

# %% tags=["remove-cell"]
assert a.grad == f_.data * b.data and c.grad == f_.data

# %% [markdown]
# ## Summary
#
# - A derivative is a slope; a finite difference measures it approximately, one input at a
#   time.
# - A `Value` records the operations that produced it; `backward()` walks that graph from
#   the output back with the chain rule and fills every `.grad` exactly, in one pass.
# - Each op contributes a simple *local* derivative, written once as its rule in
#   `autograd/ops.py`; a new op is a forward and a rule. The chain rule multiplies local
#   derivatives along a path and sums over paths, which is why `.grad` accumulates (a
#   reused node, or a second `backward()`), and why a composite like tanh from `exp` gets
#   the same gradients as the one-op version.
#
# Next: [2 · Activation functions](02_activation_functions.ipynb).
