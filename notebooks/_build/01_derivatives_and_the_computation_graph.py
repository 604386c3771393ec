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
# Every number below is computed by a cell, and most cells `assert` what the text claims,
# so the notebook fails loudly if a claim ever stops being true.

# %%
import matplotlib.pyplot as plt
import numpy as np

from autograd import Value, grad
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
# (the curvature term: $\frac{f(x+h) - f(x)}{h} = 6x - 4 + 3h$); the *central* difference $\frac{f(x+h) - f(x-h)}{2h}$ cancels that
# term and is much more accurate for the same $h$. Making $h$ too small does not help
# either: the two values of $f$ become so close that floating-point round-off dominates.

# %%
print(f"{'h':>8}  {'forward error':>14}  {'central error':>14}")
for h in [1e-2, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12]:
    forward = (f(x0 + h) - f(x0)) / h
    central = (f(x0 + h) - f(x0 - h)) / (2 * h)
    print(f"{h:>8g}  {abs(forward - 14):>14.2e}  {abs(central - 14):>14.2e}")
    if h >= 1e-4:  # here the error is all curvature: (f(x+h) - f(x)) / h = 6x - 4 + 3h exactly
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
print("y       =", y)
print("y.op    =", repr(y.op))
print("parents =", y.parents)

y.backward()
print("dy/dx   =", x.grad)
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

# %%
for node in [L, d, f_, e, c, a, b]:
    print(f"dL/d{node.label} = {node.grad:+.1f}")


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
# The cell below checks the engine against these hand-worked values and against a central
# difference for every input.

# %%
def L_of(a, b, c, f):
    return (a * b + c) * f


point = {"a": 2.0, "b": -3.0, "c": 10.0, "f": -2.0}
by_hand = {"a": f_.data * 1 * b.data, "b": f_.data * 1 * a.data, "c": f_.data, "f": d.data}
engine = {"a": a.grad, "b": b.grad, "c": c.grad, "f": f_.grad}
h = 1e-6
for name in point:
    up, down = dict(point), dict(point)
    up[name] += h
    down[name] -= h
    numeric = (L_of(**up) - L_of(**down)) / (2 * h)
    print(f"dL/d{name}: engine {engine[name]:+.6f}  by hand {by_hand[name]:+.6f}  numeric {numeric:+.6f}")
    assert engine[name] == by_hand[name]
    assert abs(engine[name] - numeric) < 1e-6

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
print(f"L before {before:.4f}, after the step {after:.4f}")
print(f"change {after - before:.4f}, first-order prediction {predicted:.4f}")
assert after > before and abs((after - before) - predicted) < 0.02

# %% [markdown]
# ## A node used twice collects two gradients
#
# What is the derivative of $b = a + a$ with respect to $a$? It is 2, since $b = 2a$. In
# the graph, `a` feeds the addition *twice*, so two gradients flow back into it, one per
# use. The **multivariable chain rule** says a variable's derivative is the *sum* over
# every path from it to the output. That is why the engine **adds** into `.grad`
# (`grad += ...`) instead of overwriting it: an overwrite would keep only the last path
# and answer 1.

# %%
a = Value(3.0, label="a")
b = a + a
b.label = "b"
b.backward()
print("d(a + a)/da =", a.grad)
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
print(f"dz/dx = {x.grad}  (y + 1 = {y.data + 1})")
print(f"dz/dy = {y.grad}  (x = {x.data})")
assert x.grad == y.data + 1 and y.grad == x.data
draw_dot(z)

# %% [markdown]
# ### ... and so does a second call to `backward()`
#
# Because `.grad` accumulates, calling `backward()` twice without clearing adds the same
# gradients again: every `.grad` doubles. This is the behaviour of PyTorch too, and it is
# why a training loop clears the gradients (`zero_grad()`) before each backward pass.

# %%
z.backward()
print("after a second backward: dz/dx =", x.grad)
assert x.grad == 2 * (y.data + 1)
z.zero_grad()
z.backward()
print("after zero_grad and backward: dz/dx =", x.grad)
assert x.grad == y.data + 1

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
for x in [0.0, 1.0, 3.0]:
    print(f"x = {x}: f'(x) = {df(x):5.1f} (6x - 4 = {6 * x - 4:5.1f}),  f''(x) = {d2f(x)} (6)")
    assert df(x) == 6 * x - 4 and d2f(x) == 6.0

# %% [markdown]
# ## Summary
#
# - A derivative is a slope; a finite difference measures it approximately, one input at a
#   time.
# - A `Value` records the operations that produced it; `backward()` walks that graph from
#   the output back with the chain rule and fills every `.grad` exactly, in one pass.
# - Each operation contributes a simple *local* derivative; the chain rule multiplies them
#   along a path and sums over paths, which is why `.grad` accumulates (a reused node, or
#   a second `backward()`).
#
# Next: [2 · Activation functions](02_activation_functions.ipynb).
