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
# # 6 · Training an MLP
#
# Everything so far comes together here. Training repeats four steps:
#
# 1. **forward propagation**: run every training example through the network;
# 2. **loss**: one number that says how wrong the outputs are;
# 3. **backpropagation**: `loss.backward()` gives every parameter its gradient;
# 4. **update**: an optimizer moves each parameter a little against its gradient.
#
# We train two classifiers on 2-D toy data, small enough for a scalar engine: a binary one
# on **two moons** with the hinge loss and plain gradient descent (SGD), then a
# **three-class spiral** with softmax cross-entropy and Adam. Everything is seeded, so the
# numbers below are the same on every run.

# %%
# %matplotlib inline
import matplotlib.pyplot as plt
import numpy as np

from autograd import no_grad
from nn import (
    MLP,
    SGD,
    Adam,
    accuracy,
    cross_entropy,
    fit,
    hinge_loss,
    l2_penalty,
    linear_decay,
    make_moons,
    make_spirals,
    predict,
    softmax,
)
from viz import draw_model, plot_decision_boundary, plot_history

# %% [markdown]
# ## Part 1: two moons, hinge loss, SGD
#
# Two interleaving half circles, 100 points with a little noise. No straight line
# separates them, so the network has to bend its decision boundary.

# %%
X, y = make_moons(100, noise=0.1, seed=0)
labels = 2 * y - 1  # the hinge loss wants labels -1 and +1
print("X:", X.shape, " examples per label:", {int(k): int(n) for k, n in zip(*np.unique(labels, return_counts=True))})

fig, ax = plt.subplots(figsize=(5, 3.5))
ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", edgecolors="k", s=25)
ax.set_title("two moons")
plt.show()

# %% [markdown]
# The model is the classic demo's: `MLP(2, [16, 16, 1])`, two hidden layers of 16 ReLU
# units and one linear output $s$, a score whose sign is the predicted class.
#
# The **hinge loss** $\max(0,\, 1 - y\,s)$ is zero for an example on the right side with a
# margin of at least 1 and grows linearly otherwise, so only the examples that are wrong
# or too close to the boundary push on the weights. A small **L2 penalty**
# $\alpha \sum_i w_i^2$ ($\alpha = 10^{-4}$) keeps the weights from growing without need.
#
# Here is one training step written out, exactly the four steps above:

# %%
model = MLP(2, [16, 16, 1], seed=0)
optimizer = SGD(model.parameters(), lr=0.1)
rows = X.tolist()

scores = [model(x) for x in rows]  # 1. forward propagation
loss = hinge_loss(scores, labels.tolist()) + l2_penalty(model, 1e-4)  # 2. loss
optimizer.zero_grad()
loss.backward()  # 3. backpropagation
optimizer.step()  # 4. update
with no_grad():
    after = hinge_loss([model(x) for x in rows], labels.tolist()) + l2_penalty(model, 1e-4)
print(f"{model.num_parameters()} parameters; loss before the step {loss.data:.4f}, after {after.data:.4f}")
assert after.data < loss.data

# %% [markdown]
# `nn.fit` runs that loop for us. It is the same computation: one `fit` step from the same
# starting weights lands on the same weights (up to the order in which the examples are
# summed).

# %%
by_hand = model
by_fit = MLP(2, [16, 16, 1], seed=0)
fit(by_fit, X, labels, hinge_loss, SGD(by_fit.parameters(), lr=0.1), steps=1, l2=1e-4, progress=False)
gap = max(abs(a.data - b.data) for a, b in zip(by_hand.parameters(), by_fit.parameters()))
print(f"largest difference between the two models' parameters: {gap:.1e}")
assert gap < 1e-12

# %% [markdown]
# Now the full training run: 100 full-batch steps of SGD with a learning rate that decays
# linearly from 1.0 to 0.1 (large steps first, fine ones at the end). `progress=False`
# keeps the progress bar out of this notebook; in a terminal it shows one.

# %%
model = MLP(2, [16, 16, 1], seed=0)
optimizer = SGD(model.parameters(), lr=linear_decay(1.0, 0.1, 100))
history = fit(model, X, labels, hinge_loss, optimizer, steps=100, l2=1e-4, progress=False)
train_accuracy = accuracy(model, X, labels)
print(f"loss: first step {history['loss'][0]:.4f}, last step {history['loss'][-1]:.4f}")
print(f"training accuracy: {train_accuracy:.0%}")
assert train_accuracy == 1.0

# %%
plot_history(history)

# %% [markdown]
# The loss falls quickly in the first steps and then slowly; the accuracy climbs to 100%
# of the training points. The decision boundary shows what the network learned: the plane
# is coloured by the predicted class, and the boundary bends around both moons.

# %%
plot_decision_boundary(model, X, labels)

# %% [markdown]
# Training accuracy says how well the network fits the points it saw. A fresh sample from
# the same distribution (another seed) says whether it learned the *shape*. Prediction needs
# no gradients, so `predict` runs under `no_grad`; its answer is the sign of the score.

# %%
X_new, y_new = make_moons(200, noise=0.1, seed=1)
new_accuracy = float(np.mean(predict(model, X_new) == y_new))
print(f"accuracy on 200 new points: {new_accuracy:.1%}")
assert new_accuracy >= 0.95

# %% [markdown]
# `draw_model` draws the trained network: 337 weights and biases, line width and colour
# from each weight's size and sign.

# %%
assert model.num_parameters() == 337
draw_model(model, title="MLP(2, [16, 16, 1]) trained on two moons")

# %% [markdown]
# ## Part 2: a three-class spiral, softmax cross-entropy, Adam
#
# Three interleaved spiral arms, 40 points each. With more than two classes the network
# has one output per class: three scores (logits). Softmax turns them into probabilities,
# and the **cross-entropy** loss $-\log p_{\text{true class}}$ trains them (notebook 3 shows
# why its gradient is simply $p - y$). `nn.cross_entropy` computes it from the logits with
# the stable log-sum-exp.

# %%
X3, y3 = make_spirals(120, n_classes=3, seed=0)
print("X:", X3.shape, " examples per class:", {int(k): int(n) for k, n in zip(*np.unique(y3, return_counts=True))})
fig, ax = plt.subplots(figsize=(4.5, 4))
ax.scatter(X3[:, 0], X3[:, 1], c=y3, cmap="viridis", edgecolors="k", s=25)
ax.set_title("three spirals")
ax.set_aspect("equal")
plt.show()

# %% [markdown]
# The spirals are harder than the moons, so this time we use **Adam**, which adapts the
# step size of every parameter to the history of its gradients, and **minibatches**: each
# step uses 30 random examples instead of all 120, which makes a step four times cheaper.
# The loss recorded at each step is that step's minibatch loss, so the curve is noisier.

# %%
spiral_model = MLP(2, [12, 12, 3], seed=0)
optimizer = Adam(spiral_model.parameters(), lr=0.05)
history3 = fit(spiral_model, X3, y3, cross_entropy, optimizer, steps=200, batch_size=30, seed=0, progress=False)
spiral_accuracy = accuracy(spiral_model, X3, y3)
print(f"{spiral_model.num_parameters()} parameters")
print(f"minibatch loss: first step {history3['loss'][0]:.4f}, last step {history3['loss'][-1]:.4f}")
print(f"training accuracy: {spiral_accuracy:.1%}")
assert spiral_accuracy >= 0.95

# %%
plot_history(history3)

# %%
plot_decision_boundary(spiral_model, X3, y3)

# %% [markdown]
# For one point the network's three scores, the softmax probabilities, and the prediction,
# which is just the argmax of the scores (softmax does not change the order):

# %%
point = X3[0].tolist()
with no_grad():
    logits = spiral_model(point)
probabilities = [p.data for p in softmax(logits)]
print("point        ", [round(v, 3) for v in point], " true class", int(y3[0]))
print("scores       ", [round(v.data, 3) for v in logits])
print("probabilities", [round(p, 3) for p in probabilities])
print("prediction   ", int(np.argmax([v.data for v in logits])))
assert int(np.argmax(probabilities)) == int(np.argmax([v.data for v in logits]))

# %% [markdown]
# And on a fresh sample of 300 points from the same three spirals:

# %%
X3_new, y3_new = make_spirals(300, n_classes=3, seed=1)
spiral_new_accuracy = float(np.mean(predict(spiral_model, X3_new) == y3_new))
print(f"accuracy on 300 new points: {spiral_new_accuracy:.1%}")
assert spiral_new_accuracy >= 0.85

# %%
draw_model(spiral_model, title="MLP(2, [12, 12, 3]) trained on three spirals")

# %% [markdown]
# ## Summary
#
# - Training is a loop: forward propagation, a loss, backpropagation (`loss.backward()`),
#   an optimizer step, with the gradients cleared before each backward pass.
# - Two moons: an `MLP(2, [16, 16, 1])` with the hinge loss, L2 and SGD with a decaying
#   learning rate separates the training points perfectly in 100 steps and classifies
#   new points from the same moons almost as well.
# - Three spirals: three outputs, softmax cross-entropy and Adam on minibatches; the
#   prediction is the argmax of the scores.
# - The same names (`parameters`, `zero_grad`, `backward`, `step`, `SGD`, `Adam`,
#   `no_grad`) work the same way in PyTorch, the natural next step.
#
# Back to the start: [1 · Derivatives and the computation graph](01_derivatives_and_the_computation_graph.ipynb).
