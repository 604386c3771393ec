# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 7. From scalars to arrays
#
# Our engine records one `Value` per scalar operation. That is what makes every step
# visible, and also what makes it slow: one training step of the moons MLP records about
# 65,000 nodes, and Python visits each of them twice (forward, then backward).
#
# Frameworks such as PyTorch and JAX do the same arithmetic on **arrays**: one call
# multiplies 25,600 weights by their inputs. In this notebook we take the graph our engine
# records, and replay it on numpy arrays with `autograd.jit`, and we compare:
#
# 1. the step eagerly (one `Value` per number),
# 2. the same step compiled (traced once, replayed on arrays),
# 3. the same step with PyTorch tensors (skipped if PyTorch is not installed).

# %%
import time

import numpy as np

import nn
from autograd import jit

X, y = nn.make_moons(100, noise=0.1, seed=0)
targets = (2 * y - 1).tolist()  # hinge loss labels: -1 / +1
model = nn.MLP(2, [16, 16, 1], seed=0)
params = model.parameters()


def step_loss(flat):
    """The loss of one full-batch step: hinge loss + 1e-4 L2, as in the demo."""
    scores = [model(flat[2 * i : 2 * i + 2]) for i in range(len(targets))]
    return nn.hinge_loss(scores, targets) + nn.l2_penalty(params, 1e-4)


def best_time(fn, repeat=5):
    """The fastest of a few runs, in seconds (CPU time of this process)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


# %% [markdown]
# ## 1. Eager: one `Value` per number

# %%
from autograd import Value  # noqa: E402


def eager_step():
    leaves = [Value(v) for v in X.ravel().tolist()]
    loss = step_loss(leaves)
    for p in params:
        p.grad = 0.0
    loss.backward()
    return loss.data


eager_seconds = best_time(eager_step, repeat=3)
eager_grads = np.array([p.grad for p in params])
print(f"eager: loss {eager_step():.6f}")
# Times are CPU seconds, and differ from run to run: they are drawn in the chart below,
# never printed (the test suite re-runs this notebook and compares its printed text).

# %% [markdown]
# ## 2. Compiled: traced once, replayed on arrays
#
# `jit(step_loss)` runs `step_loss` once on fresh leaves and keeps the recorded graph as a
# **plan**. The plan numbers the nodes, fuses every chain of `+` into one n-ary sum (a
# neuron's `b + w0*x0 + w1*x1 + ...` becomes one node), gives each node a level (one more than
# its deepest operand), and groups each level's nodes by op. A group is one numpy call.

# %%
compiled = jit(step_loss)
start = time.process_time()
plan = compiled.trace(X.ravel())
trace_seconds = time.process_time() - start
print(plan.summary())
print()
print(plan.table())

# %% [markdown]
# Hundreds of levels of scalar nodes become 13 levels, and each level is a handful of
# array operations. The `*` group at level 4 is the second layer's 16 x 16 weights times
# its inputs, for all 100 samples: 25,600 products in one call.
#
# The replay runs each recorded node's own op (`forward_array`) and its own derivative rule
# (`rule`), on arrays. So the values and gradients are the eager ones, up to the order in
# which contributions to a shared node are added:

# %%
value, _, grads = compiled.value_and_grad(X.ravel(), params=params)
print(f"loss: eager {eager_step():.12f}, compiled {value:.12f}")
print("every gradient equal to eager's to 1e-12:", np.max(np.abs(grads - eager_grads)) < 1e-12)
compiled_seconds = best_time(lambda: compiled.value_and_grad(X.ravel(), params=params), 20)


# %% [markdown]
# ## 3. PyTorch tensors
#
# The same step written with PyTorch's tensors: the weights as matrices, `X @ W.T`.
# (Skipped cleanly when PyTorch is not installed.)

# %%
try:
    import torch
except ImportError:
    torch = None
    print("PyTorch is not installed: this cell is skipped")

if torch is not None:
    Xt = torch.tensor(X, dtype=torch.float64)
    yt = torch.tensor(targets, dtype=torch.float64)
    layers = [
        (
            torch.tensor([[w.data for w in n.w] for n in layer.neurons], dtype=torch.float64,
                         requires_grad=True),
            torch.tensor([n.b.data for n in layer.neurons], dtype=torch.float64,
                         requires_grad=True),
        )
        for layer in model.layers
    ]  # fmt: skip

    def torch_step():
        h = Xt
        for k, (W, b) in enumerate(layers):
            h = h @ W.T + b
            if k < len(layers) - 1:
                h = torch.relu(h)
        loss = torch.relu(1.0 - yt * h[:, 0]).mean()
        loss = loss + 1e-4 * sum((W * W).sum() + (b * b).sum() for W, b in layers)
        for W, b in layers:
            W.grad = b.grad = None
        loss.backward()
        return loss.item()

    torch_seconds = best_time(torch_step, 20)
    print(f"torch: loss {torch_step():.12f}")
else:
    torch_seconds = float("nan")

# %% [markdown]
# ## The times, side by side

# %%
import matplotlib.pyplot as plt

rows = [
    ("eager (one Value per number)", eager_seconds),
    ("tracing + planning (once)", trace_seconds),
    ("compiled (autograd.jit)", compiled_seconds),
    ("PyTorch tensors", torch_seconds),
]
rows = [(name, seconds) for name, seconds in rows if seconds == seconds]  # torch may be absent
fig, ax = plt.subplots(figsize=(7, 2.4))
ax.barh([name for name, _ in rows][::-1], [s * 1e3 for _, s in rows][::-1], color="#0072b2")
ax.set_xscale("log")
ax.set_xlabel("CPU milliseconds per training step (log scale)")
for i, (_, seconds) in enumerate(rows[::-1]):
    ax.text(seconds * 1e3, i, f" {seconds * 1e3:.3g} ms", va="center", fontsize=9)
plt.show()
# A margin far below the ~70-100x measured, so that a busy machine cannot flip it:
print("compiled at least 20x faster than eager:", eager_seconds / compiled_seconds > 20)

# %% [markdown]
# Why are arrays so much faster? The arithmetic is the same, but the eager engine pays
# Python's price (a function call, an object, a reference count) for every single number,
# twice. An array call pays it once for thousands of numbers, and the loop over them runs
# in compiled C code over contiguous memory. Frameworks therefore **batch work into
# arrays**: all samples of a batch at once, all neurons of a layer at once. The catch, as
# with `jax.jit`: the graph is recorded once, so Python `if`s on the data are decided at
# trace time (`jit(f, check=True)` catches a function whose graph changes).
#
# ## A bigger job than eager can do in class time
#
# A digits-like data set: 64 inputs (8 x 8 "images"), 4 classes, 200 samples, made with
# numpy (seeded), and an MLP(64, [32, 4]) trained with cross-entropy and Adam, full batch,
# for 100 steps. One step records about 2 x 64 x 32 x 200 = 820,000 nodes, so 100 eager steps
# take well over half a minute of CPU time; compiled, the trace is paid once and each step
# is a few array calls.

# %%
rng = np.random.default_rng(0)
prototypes = rng.uniform(0.0, 1.0, (4, 64))  # one 8 x 8 pattern per class
labels = rng.integers(0, 4, 200)
images = prototypes[labels] + rng.normal(0.0, 0.35, (200, 64))

digits_model = nn.MLP(64, [32, 4], seed=0)
optimizer = nn.Adam(digits_model.parameters(), lr=0.01)
history = nn.fit(
    digits_model, images, labels, "cross_entropy", optimizer, steps=100, progress=False,
    compile=True,
)  # fmt: skip
print(f"loss {history['loss'][0]:.3f} -> {history['loss'][-1]:.3f}, "
      f"accuracy {history['accuracy'][-1]:.0%}")  # fmt: skip

# %% [markdown]
# For comparison, time a single eager step of the same job (one is enough; multiply by 100):

# %%
eager_model = nn.MLP(64, [32, 4], seed=0)
compiled_model = nn.MLP(64, [32, 4], seed=0)


def one_step(model, compile):
    optimizer = nn.Adam(model.parameters(), lr=0.01)
    nn.fit(model, images, labels, "cross_entropy", optimizer, steps=1, progress=False,
           compile=compile)  # fmt: skip


one_step(compiled_model, True)  # the trace, paid once
start = time.process_time()
one_step(eager_model, False)
eager_job = time.process_time() - start
start = time.process_time()
one_step(compiled_model, True)
compiled_job = time.process_time() - start
fig, ax = plt.subplots(figsize=(7, 1.6))
ax.barh(["compiled", "eager"], [compiled_job * 100, eager_job * 100], color="#d55e00")
ax.set_xscale("log")
ax.set_xlabel("CPU seconds for 100 steps (log scale; eager extrapolated from one step)")
plt.show()
print("100 eager steps would take over half a minute:", eager_job * 100 > 30)
