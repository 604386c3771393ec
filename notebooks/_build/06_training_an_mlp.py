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
# **three-class spiral** with softmax cross-entropy and Adam. Then a race between sigmoid,
# tanh and ReLU puts the lecture's "tanh converges faster" to a test, a box lists what the
# lecture note says imprecisely about training, and the last section moves a trained model
# to PyTorch and back. Everything is seeded, so the numbers below are the same on every
# run. The exercises (✏️) ask you to predict or write something; a checker tells you
# whether it is right.

# %%
# %matplotlib inline
import math

import matplotlib.pyplot as plt
import numpy as np

from autograd import no_grad
from exercises import nb06
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
    predict_scores,
    softmax,
)
from viz import draw_model, plot_decision_boundary, plot_history

# %% [markdown]
# ## Part 1: two moons, hinge loss, SGD
#
# `make_moons` draws two interleaving half circles, here 100 points with a little noise. No
# straight line separates them, so the network has to bend its decision boundary.

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
# $\alpha \sum_i w_i^2$ ($\alpha = 10^{-4}$, `l2_penalty(model, alpha)`) keeps the weights
# from growing without need.
#
# **SGD** (stochastic gradient descent) is the simplest optimizer: `SGD(params, lr)` keeps the
# list of parameters; `zero_grad()` sets their gradients to 0 and `step()` moves each
# parameter by $-\text{lr} \times$ its gradient. The learning rate `lr` sets the length of
# the step. Here is one training step written out, exactly the four steps above; the loss
# after the step is evaluated inside `no_grad()`, which records no graph, since no
# gradient of it is needed:

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

# %% tags=["remove-cell"]
assert after.data < loss.data
assert model.num_parameters() == 337

# %% [markdown]
# ### ✏️ Exercise 1: one SGD step by hand
#
# `optimizer.step()` is a two-line loop. Write it: `sgd_step(parameters, lr)` must change
# every parameter `p` exactly as `nn.SGD` does, using only `p.data` and `p.grad`. The checker
# builds two identical small networks with the gradients of a hinge loss in their `.grad`,
# applies your function to one and `nn.SGD` to the other, and compares all their parameters.

# %%
def sgd_step(parameters, lr):
    ...  # replace ... with a loop that updates every p in parameters


# %%
nb06.check_sgd_step(sgd_step);

# %% [markdown]
# ### Why the gradients are cleared before each backward pass
#
# `backward()` **adds** to `.grad`; it never overwrites it (notebook 1 shows why: a node used
# twice must collect both contributions). So a training loop must clear the gradients
# before each backward pass, which is what `optimizer.zero_grad()` does. Forget it and
# every step uses the sum of all the gradients computed so far, not the gradient at the
# current weights. Below, the same model trains for 12 steps with SGD (lr 0.1), once with
# `zero_grad()` and once without, and we record the loss and the length of the gradient
# vector that each step uses.

# %%
def train_by_hand(clear_gradients, steps=12, lr=0.1):
    net = MLP(2, [16, 16, 1], seed=0)
    opt = SGD(net.parameters(), lr=lr)
    losses, lengths = [], []
    for _ in range(steps):
        step_loss = hinge_loss([net(x) for x in rows], labels.tolist())
        if clear_gradients:
            opt.zero_grad()
        step_loss.backward()
        losses.append(step_loss.data)
        lengths.append(math.sqrt(sum(p.grad**2 for p in net.parameters())))
        opt.step()
    return losses, lengths


cleared, forgotten = train_by_hand(True), train_by_hand(False)
print("step   loss with zero_grad  |grad| used   loss without  |grad| used")
for k in [0, 2, 4, 6, 8, 11]:
    print(f"{k + 1:>4}   {cleared[0][k]:>17.3f}  {cleared[1][k]:>11.2f}"
          f"   {forgotten[0][k]:>12.3f}  {forgotten[1][k]:>11.2f}")

fig, ax = plt.subplots(figsize=(5, 3))
steps_axis = np.arange(1, 13)
ax.plot(steps_axis, cleared[0], "o-", label="with zero_grad()")
ax.plot(steps_axis, forgotten[0], "s--", label="without")
ax.set_xlabel("step")
ax.set_ylabel("hinge loss")
ax.legend()
plt.show()

# %% [markdown]
# With `zero_grad()` the gradient shrinks as the loss falls (from 2.85 to 0.25), and so do
# the steps. Without it the gradient each step uses grows to a length of about 4 and stays
# there (it is the sum of every gradient so far, and the old ones never go away), so the
# steps stay long, keep pushing in directions that
# were right several steps ago, and the loss stops improving and then rises again. PyTorch
# behaves the same way, for the same reason: `.grad` accumulates there too.

# %% tags=["remove-cell"]
assert cleared[0][-1] < forgotten[0][-1]
assert cleared[1][-1] < 0.5 * forgotten[1][-1]
assert round(cleared[1][0], 2) == 2.85 and round(cleared[1][-1], 2) == 0.25
assert all(3.5 < g < 4.5 for g in forgotten[1][4:])
assert forgotten[0][-1] > 1.5 * min(forgotten[0])

# %% [markdown]
# ### ✏️ Exercise 2: three steps without `zero_grad`
#
# One parameter, `w = Value(1.0)`, and the loss `3 * w` (its gradient is always 3). An
# `SGD([w], lr=0.1)` loop runs three times: `loss = 3 * w; loss.backward(); optimizer.step()`,
# and **never** calls `zero_grad()`. Predict `w.data` after the three steps, with pen and
# paper, then check.

# %%
answer = ...  # replace ... with your prediction of w.data after the three steps
nb06.check_zero_grad_forgotten(answer);

# %% [markdown]
# ### `fit`: the loop, written once
#
# `nn.fit(model, X, y, loss, optimizer, steps=...)` runs that loop for us: forward, loss
# (plus `l2 * sum p^2` when `l2=` is given), `zero_grad()`, `backward()`, `step()`, and it
# records the loss and the training accuracy of every step in a history. It is the same
# computation: one `fit` step from the same starting weights lands on the same weights as
# the step by hand above (up to the order in which the examples are summed).

# %%
by_hand = model
by_fit = MLP(2, [16, 16, 1], seed=0)
fit(by_fit, X, labels, hinge_loss, SGD(by_fit.parameters(), lr=0.1), steps=1, l2=1e-4, progress=False)
gap = max(abs(a.data - b.data) for a, b in zip(by_hand.parameters(), by_fit.parameters()))
print(f"largest difference between the two models' parameters: {gap:.1e}")

# %% tags=["remove-cell"]
assert gap < 1e-12

# %% [markdown]
# Now the full training run: 100 full-batch steps of SGD. The learning rate need not be a
# constant: `lr` may be a **schedule**, a function of the step's index $k$ ($k = 0$ for the
# first step, so step $n$ of the plots below uses $k = n - 1$). `linear_decay(1.0, 0.1, 100)`
# is $1.0 - 0.9\,k/100$: it starts at 1.0 and decreases linearly towards 0.1 (large steps
# first, fine ones at the end), as the classic demo does. `accuracy(model, X, labels)` is the fraction of points
# whose predicted class (the sign of the score) is their label. `progress=False` keeps
# `fit`'s progress bar out of this notebook; in a terminal it shows one.

# %%
schedule = linear_decay(1.0, 0.1, 100)
model = MLP(2, [16, 16, 1], seed=0)
optimizer = SGD(model.parameters(), lr=schedule)
history = fit(model, X, labels, hinge_loss, optimizer, steps=100, l2=1e-4, progress=False)
train_accuracy = accuracy(model, X, labels)
print(f"learning rate at steps 1, 2, 3, 100: {[round(schedule(k), 3) for k in (0, 1, 2, 99)]}")
print(f"loss: first step {history['loss'][0]:.4f}, last step {history['loss'][-1]:.4f}")
print(f"training accuracy: {train_accuracy:.0%}")

# %% tags=["remove-cell"]
assert train_accuracy == 1.0

# %% [markdown]
# `plot_history` draws the history: the loss and the training accuracy at every step.

# %%
plot_history(history)

# %% [markdown]
# The loss ends far below where it started and the accuracy reaches 100% of the training
# points, but the start is not smooth: the loss *rises* from the first step to the second.
# The first three steps in numbers (the loss is recorded before each step's update, so
# step 1 shows the starting weights):

# %%
print("step   learning rate   loss (hinge + L2)   training accuracy")
for k in range(3):
    print(f"{k + 1:>4}   {schedule(k):>13.3f}   {history['loss'][k]:>17.4f}   {history['accuracy'][k]:>17.0%}")

# %% [markdown]
# ### ✏️ Exercise 3: which learning rates overshoot?
#
# Suspect the learning rate. From the same starting weights (`MLP(2, [16, 16, 1], seed=0)`)
# take **one** SGD step on the same loss (hinge + L2 $10^{-4}$), for each of the learning
# rates 0.01, 0.1, 0.3, 1.0 and 3.0. For which of them is the loss after the step *higher*
# than before? Predict first, then check (or compute it).

# %%
answer = ...  # replace ... with a list of learning rates, e.g. [0.01, 0.1]
nb06.check_first_step_lr(answer);

# %% [markdown]
# The next cell takes that one step for a few learning rates and records the loss after it,
# and, for the step with lr 1.0 that the training run took, how the scores changed.
# `predict_scores` returns the raw scores of a model without recording a graph.

# %%
def first_step(lr):
    net = MLP(2, [16, 16, 1], seed=0)
    fit(net, X, labels, hinge_loss, SGD(net.parameters(), lr=lr), steps=1, l2=1e-4, progress=False)
    with no_grad():
        loss_after = hinge_loss([net(x) for x in rows], labels.tolist()) + l2_penalty(net, 1e-4)
    return net, loss_after.data


one_step = {lr: first_step(lr) for lr in [0.1, 0.3, 0.5, 1.0]}
start_scores = predict_scores(MLP(2, [16, 16, 1], seed=0), X)
stepped_scores = predict_scores(one_step[1.0][0], X)
lines = [f"loss before the first step: {history['loss'][0]:.3f}"]
lines += [f"after one step with lr {lr:<3}: loss {loss_after:.3f}" for lr, (_, loss_after) in one_step.items()]
lines += [
    "the lr-1.0 step:             before   after",
    f"  share of scores > 0        {np.mean(start_scores > 0):>6.0%}  {np.mean(stepped_scores > 0):>6.0%}",
    f"  mean score                 {start_scores.mean():>6.2f}  {stepped_scores.mean():>6.2f}",
    f"  share inside the margin    {np.mean(labels * start_scores < 1):>6.0%}  {np.mean(labels * stepped_scores < 1):>6.0%}",
]
print("\n".join(lines))

# %% [markdown]
# This explains the spike. The gradient says in which direction the loss falls *here*, at
# the current weights; how far that stays true is up to the learning rate. A step of 0.1
# along it lowers the loss from 1.35 to 0.81, but longer steps lower it less, and the
# lr-1.0 step that the training run took goes so far that the loss ends at 2.08, *above*
# where it started. That is **overshooting**: before the step, 40% of the scores were
# positive and the mean score was −0.16; after it, every score is positive and the mean
# score is about 10, so all 50 points of label −1 are now misclassified.
# The next step repairs much of it: now only the points inside the margin push (58% of
# them, the 50 of label −1 among them), they push the scores back down, and by step 3 the
# loss is 0.44. A large learning rate moves fast but can overshoot; the schedule's later,
# smaller steps settle the weights.
#
# `plot_decision_boundary` shows what the trained network learned: the plane is coloured by
# the predicted class, and the boundary bends around both moons.

# %% tags=["remove-cell"]
assert history["loss"][1] > history["loss"][0] > history["loss"][2]
assert round(history["loss"][0], 2) == 1.35 and round(history["loss"][1], 2) == 2.08
assert round(history["loss"][2], 2) == 0.44
assert np.mean(stepped_scores > 0) == 1.0 and np.sum(labels == -1) == 50
assert round(one_step[0.1][1], 2) == 0.81
assert round(start_scores.mean(), 2) == -0.16 and 9.5 < stepped_scores.mean() < 10.5
assert np.mean(start_scores > 0) == 0.4 and np.mean(labels * stepped_scores < 1) == 0.58
assert all(stepped_scores[labels == -1] > 0)
assert one_step[0.1][1] < one_step[0.3][1] < one_step[0.5][1] < one_step[1.0][1]

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

# %% tags=["remove-cell"]
assert new_accuracy >= 0.95

# %% [markdown]
# `draw_model` draws the trained network: its 337 weights and biases, line width and colour
# from each weight's size and sign.

# %%
draw_model(model, title="MLP(2, [16, 16, 1]) trained on two moons")

# %% [markdown]
# ## Part 2: a three-class spiral, softmax cross-entropy, Adam
#
# `make_spirals` draws interleaved spiral arms, here three arms of 40 points each. With more than two classes the network
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
# The spirals are harder than the moons, so this time we use **Adam**. SGD's step is
# $\text{lr} \times g$: a parameter with a tiny gradient hardly moves, one with a huge
# gradient may jump too far, and one learning rate must suit both. Adam keeps, per
# parameter, a running mean $m$ of its gradients and a running mean $v$ of their squares,
# and steps by $\text{lr} \times m / (\sqrt{v} + \varepsilon)$ (both means corrected for
# starting at 0): the step is measured in units of that parameter's own typical gradient,
# so its size is about `lr` whatever the scale of the gradient.

# %% [markdown]
# ### ✏️ Exercise 4: the size of Adam's first step
#
# Two parameters, one with gradient 0.003 and one with gradient −30, take one step of
# `Adam([a, b], lr=0.05)`. How far does each move (the absolute change of its value)? Give
# one number if you think they move equally far. Hint: on the first step, after the
# correction, $m = g$ and $v = g^2$.

# %%
answer = ...  # replace ... with the distance each parameter moves
nb06.check_adam_first_step(answer);

# %% [markdown]
# We also train on **minibatches**: each step uses 30 random examples instead of all 120,
# which makes a step four times cheaper. The loss recorded at each step is that step's
# minibatch loss, so the curve is noisier.

# %%
spiral_model = MLP(2, [12, 12, 3], seed=0)
optimizer = Adam(spiral_model.parameters(), lr=0.05)
history3 = fit(spiral_model, X3, y3, cross_entropy, optimizer, steps=200, batch_size=30, seed=0, progress=False)
spiral_accuracy = accuracy(spiral_model, X3, y3)
print(f"{spiral_model.num_parameters()} parameters")
print(f"minibatch loss: first step {history3['loss'][0]:.4f}, last step {history3['loss'][-1]:.4f}")
print(f"training accuracy: {spiral_accuracy:.1%}")

# %% tags=["remove-cell"]
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

# %% tags=["remove-cell"]
assert int(np.argmax(probabilities)) == int(np.argmax([v.data for v in logits]))

# %% [markdown]
# And on a fresh sample of 300 points from the same three spirals:

# %%
X3_new, y3_new = make_spirals(300, n_classes=3, seed=1)
spiral_new_accuracy = float(np.mean(predict(spiral_model, X3_new) == y3_new))
print(f"accuracy on 300 new points: {spiral_new_accuracy:.1%}")

# %% tags=["remove-cell"]
assert spiral_new_accuracy >= 0.85

# %%
draw_model(spiral_model, title="MLP(2, [12, 12, 3]) trained on three spirals")

# %% [markdown]
# ## Part 3: a training race, sigmoid against tanh against ReLU
#
# The lecture note says tanh "converges faster" than the sigmoid because its slope is
# steeper (notebook 2: tanh's slope peaks at 1, the sigmoid's at 0.25). A race puts that to
# a test. Three networks `MLP(2, [8, 8, 1])` that differ **only** in their hidden activation
# start from exactly the same weights (the same seed and the same Xavier initialisation,
# `init="xavier"`, for all three; `MLP`'s default would give the ReLU network He's
# initialisation instead), see the same two moons, and train with the same
# optimizer (SGD, constant learning rate 1.0, no L2), the same hinge loss and the same 100
# full-batch steps. We count the steps each needs to bring the loss below 0.3 and below
# 0.1. A fourth runner is a control: the sigmoid network again, with a learning rate four
# times larger, to make up for its four times smaller slope. And for reference, not in the
# race: a linear model (`MLP(2, [1])`, no hidden layer), i.e. what a straight boundary
# achieves with the same training.

# %%
def race(activation, lr, widths=(8, 8, 1), steps=100):
    net = MLP(2, list(widths), activation=activation, init="xavier", seed=0)
    record = fit(net, X, labels, hinge_loss, SGD(net.parameters(), lr=lr), steps=steps, progress=False)
    return net, record


def steps_to(losses, threshold):
    below = [k + 1 for k, value in enumerate(losses) if value < threshold]
    return below[0] if below else None


runners = {
    "sigmoid": ("sigmoid", 1.0),
    "tanh": ("tanh", 1.0),
    "relu": ("relu", 1.0),
    "sigmoid, lr 4.0": ("sigmoid", 4.0),
}
results = {name: race(*how) for name, how in runners.items()}
results["linear (reference)"] = race(None, 1.0, widths=[1])
print(f"{'runner':<20}{'steps to 0.3':>13}{'steps to 0.1':>13}{'final loss':>12}{'accuracy':>10}")
for name, (net, record) in results.items():
    reached = [steps_to(record["loss"], t) for t in (0.3, 0.1)]
    shown = ["never" if r is None else str(r) for r in reached]
    print(f"{name:<20}{shown[0]:>13}{shown[1]:>13}{record['loss'][-1]:>12.3f}{accuracy(net, X, labels):>10.0%}")

fig, ax = plt.subplots(figsize=(6, 3.5))
for (name, (net, record)), style in zip(results.items(), ["-", "-", "-", "--", ":"]):
    ax.plot(np.arange(1, 101), record["loss"], style, label=name, color="grey" if name.startswith("linear") else None)
ax.axhline(0.3, color="grey", linewidth=0.8)
ax.axhline(0.1, color="grey", linewidth=0.8)
ax.set_yscale("log")
ax.set_xlabel("step")
ax.set_ylabel("hinge loss (log scale)")
ax.set_title("same data, same starting weights, same SGD")
ax.legend()
plt.show()

# %% [markdown]
# What the race shows (one data set, one seed, so read it as evidence, not as a law):
#
# - **Tanh beats the sigmoid, as the lecture says, and by far.** Tanh gets below 0.3 in a
#   handful of steps and below 0.1 before step 100; the sigmoid network needs many times
#   more steps to get below 0.3, then stalls on a plateau near 0.26 with 89% accuracy,
#   where the linear model ends too (0.26, 88%): after 100 steps the sigmoid network does
#   no better than a straight boundary, and it got below 0.3 later than the linear model.
# - **The steeper slope is not the whole reason.** The control gives the sigmoid four times
#   the learning rate, to make up for its four times smaller slope in the backward pass; it is
#   still far behind tanh and stalls on the same plateau. What else differs: the sigmoid's
#   outputs are all positive, around 0.5 (tanh's are centred on 0), and its slope of 0.25
#   also shrinks the signal in the *forward* pass, so from the same weights a sigmoid layer
#   passes on a much weaker signal than a tanh layer. Appendix A separates these effects.
# - **ReLU** starts a little slower than tanh but gets below 0.1 first and ends with the
#   lowest loss, which is one reason it is the default for hidden layers today.

# %% tags=["remove-cell"]
loss_curves = {name: record["loss"] for name, (net, record) in results.items()}
steps_03 = {name: steps_to(c, 0.3) for name, c in loss_curves.items()}
steps_01 = {name: steps_to(c, 0.1) for name, c in loss_curves.items()}
assert steps_03["tanh"] <= 10 and steps_03["sigmoid"] >= 4 * steps_03["tanh"]
assert steps_01["sigmoid"] is None and steps_01["sigmoid, lr 4.0"] is None
assert steps_01["tanh"] is not None and steps_01["relu"] < steps_01["tanh"]
assert steps_03["relu"] > steps_03["tanh"]
assert loss_curves["relu"][-1] < loss_curves["tanh"][-1] < loss_curves["sigmoid"][-1]
assert 0.25 < loss_curves["sigmoid"][-1] < 0.27 and 0.25 < loss_curves["sigmoid, lr 4.0"][-1] < 0.27
assert steps_03["sigmoid, lr 4.0"] >= 3 * steps_03["tanh"]
assert abs(loss_curves["linear (reference)"][-1] - loss_curves["sigmoid"][-1]) < 0.01
assert accuracy(results["linear (reference)"][0], X, labels) == 0.88
assert accuracy(results["sigmoid"][0], X, labels) == 0.89
assert steps_03["linear (reference)"] < steps_03["sigmoid"]

# %% [markdown]
# ## Corrections of the lecture note
#
# > **Corrections of the lecture note (training).**
# > 1. *"Backpropagation learns the parameters of each layer."* Backpropagation only
# >    **computes** the gradients; it changes no parameter. The update is a separate step,
# >    made by the optimizer (gradient descent).
# > 2. *"Tanh converges faster because its slope is steeper."* Tanh did converge much faster
# >    than the sigmoid in the race above, but making up for the slope (four times the
# >    learning rate) did not close the gap: zero-centred outputs and the strength of the
# >    forward signal matter too.
# > 3. *"With the sigmoid's vanishing gradient, weights may not be updated."* In a network of
# >    a few layers the sigmoid's weights are updated in every layer, in the race by more
# >    than their own starting size; its trouble there is slow progress, not frozen weights.
# >    (Vanishing gradients are a problem of depth: notebook 2 measures them.)
# > 4. *"The weights are updated just as in linear regression."* The update rule is the same,
# >    but the loss is not: linear regression's squared error is convex (one valley, so
# >    gradient descent finds the minimum from any start); a network's loss is not convex:
# >    it has many minima (swapping two hidden units gives another with the same loss), and
# >    the points between them can be worse.
#
# Each correction is shown by a cell below.

# %% [markdown]
# **1. Backpropagation computes, the optimizer updates.** A fresh model, one loss: after
# `loss.backward()` no parameter has changed, though most of them hold a non-zero
# gradient; only `optimizer.step()` changes them.

# %%
net = MLP(2, [16, 16, 1], seed=0)
opt = SGD(net.parameters(), lr=0.1)
start = [p.data for p in net.parameters()]
net_loss = hinge_loss([net(x) for x in rows], labels.tolist())
opt.zero_grad()
net_loss.backward()
after_backward = sum(p.data != s for p, s in zip(net.parameters(), start))
with_gradient = sum(p.grad != 0.0 for p in net.parameters())
opt.step()
after_step = sum(p.data != s for p, s in zip(net.parameters(), start))
print(f"after backward(): {after_backward} of {len(start)} parameters changed, {with_gradient} hold a non-zero gradient\n"
      f"after step():     {after_step} of {len(start)} parameters changed")

# %% tags=["remove-cell"]
assert after_backward == 0 and after_step == with_gradient > 250

# %% [markdown]
# **2. Tanh is faster, but not only because of its slope.** The race's numbers again: the
# steps to bring the loss below 0.3, with the sigmoid at the same learning rate and at four
# times that rate. Appendix A measures the other two differences (the forward signal and the
# centring) and takes them away one by one.

# %%
print(f"steps to a loss below 0.3: tanh {steps_to(results['tanh'][1]['loss'], 0.3)}, "
      f"sigmoid {steps_to(results['sigmoid'][1]['loss'], 0.3)}, "
      f"sigmoid with 4x the learning rate {steps_to(results['sigmoid, lr 4.0'][1]['loss'], 0.3)}\n"
      f"loss after 100 steps:      tanh {results['tanh'][1]['loss'][-1]:.3f}, "
      f"sigmoid {results['sigmoid'][1]['loss'][-1]:.3f}, "
      f"sigmoid with 4x the learning rate {results['sigmoid, lr 4.0'][1]['loss'][-1]:.3f}")

# %% [markdown]
# **3. The sigmoid network's weights do move.** How far each layer's weights moved in the
# race, relative to where they started ($\|W_{\text{end}} - W_{\text{start}}\| / \|W_{\text{start}}\|$,
# layers from the input side):

# %%
def layer_weights(net):
    return [np.array([w.data for neuron in layer.neurons for w in neuron.w]) for layer in net.layers]


moved = {}
for name in ["sigmoid", "tanh"]:
    start_weights = layer_weights(MLP(2, [8, 8, 1], activation=name, init="xavier", seed=0))
    end_weights = layer_weights(results[name][0])
    moved[name] = [np.linalg.norm(e - s) / np.linalg.norm(s) for s, e in zip(start_weights, end_weights)]
print("\n".join(f"{name:<8} " + ", ".join(f"layer {i}: {m:.0%}" for i, m in enumerate(ms)) for name, ms in moved.items()))

# %% [markdown]
# Every layer of the sigmoid network moved by more than its own starting size, and each one
# at least as far as the same layer of the tanh network: the gradients were large enough to
# update the weights; the updates just did not take it off the plateau.

# %% tags=["remove-cell"]
assert min(moved["sigmoid"]) > 1.0
assert all(a >= b for a, b in zip(moved["sigmoid"], moved["tanh"]))

# %% [markdown]
# **4. The loss of a network is not convex.** Swap two hidden units of the trained moons
# model (units 0 and 1 of the first hidden layer, with their incoming and outgoing weights):
# the network computes exactly the same function, so it has exactly the same loss, but its
# parameter vector is a different point. For a convex loss the point halfway between two
# minima could be no worse than they are; here it is clearly worse.

# %%
def hinge_of(net):
    with no_grad():
        return hinge_loss([net(x) for x in rows], labels.tolist()).data


def swapped_units(state):
    """The state with units 0 and 1 of the first hidden layer (and their outgoing weights) swapped."""
    new = dict(state)
    for key, value in state.items():
        parts = key.split(".")
        if parts[:3] in (["layers", "0", "neurons"],) and parts[3] in ("0", "1"):
            parts[3] = "1" if parts[3] == "0" else "0"
        elif parts[:2] == ["layers", "1"] and parts[4] == "w" and parts[5] in ("0", "1"):
            parts[5] = "1" if parts[5] == "0" else "0"
        new[".".join(parts)] = value
    return new


state = model.state_dict()
twin = MLP(2, [16, 16, 1], seed=0)
twin.load_state_dict(swapped_units(state))
halfway = MLP(2, [16, 16, 1], seed=0)
halfway.load_state_dict({k: (state[k] + twin.state_dict()[k]) / 2 for k in state})
distance = math.sqrt(sum((state[k] - twin.state_dict()[k]) ** 2 for k in state))
print(f"hinge loss of the trained model: {hinge_of(model):.5f}\n"
      f"of its twin with two units swapped: {hinge_of(twin):.5f} (the two are {distance:.2f} apart)\n"
      f"of the point halfway between them: {hinge_of(halfway):.5f}")

# %% tags=["remove-cell"]
assert abs(hinge_of(model) - hinge_of(twin)) < 1e-12
assert hinge_of(halfway) > 10 * hinge_of(model)

# %% [markdown]
# ## The way out to PyTorch
#
# Our names follow PyTorch's (`parameters`, `zero_grad`, `backward`, `step`, `SGD`, `Adam`,
# `no_grad`), so the step to PyTorch is small, and `model.to_torch()` takes a model across:
# it returns a float64 `torch.nn.Sequential` of `Linear` layers and activation modules with
# the same weights. PyTorch is optional here: without it, the cells below say so and skip.

# %%
try:
    import torch
except ImportError:
    torch = None
print("PyTorch is not installed: the cells below skip." if torch is None else "PyTorch is installed.")

# %% [markdown]
# The trained moons model, converted: the two compute the same scores for all 100 points,
# up to rounding (float64 on both sides).

# %%
if torch is None:
    print("skipped (no PyTorch)")
else:
    sequential = model.to_torch()
    with torch.no_grad():
        torch_scores = sequential(torch.tensor(X)).numpy().ravel()
    score_gap = float(np.max(np.abs(torch_scores - predict_scores(model, X))))
    print(sequential)
    print(f"the 100 scores agree to 1e-12: {score_gap < 1e-12}")

# %% [markdown]
# Now training. The untrained model (`MLP(2, [16, 16, 1], seed=0)`, Part 1's starting point)
# is converted, and both copies train for 10 full-batch steps of SGD (lr 0.1) on the hinge
# loss, written in PyTorch as `torch.relu(1 - y * s).mean()`. The PyTorch loop is the same
# four steps with the same names. Both record the loss before each update.

# %%
if torch is None:
    print("skipped (no PyTorch)")
else:
    ours = MLP(2, [16, 16, 1], seed=0)
    theirs = ours.to_torch()
    our_losses = fit(ours, X, labels, hinge_loss, SGD(ours.parameters(), lr=0.1), steps=10, progress=False)["loss"]

    inputs, targets = torch.tensor(X), torch.tensor(labels, dtype=torch.float64)
    torch_optimizer = torch.optim.SGD(theirs.parameters(), lr=0.1)
    their_losses = []
    for _ in range(10):
        torch_loss = torch.relu(1 - targets * theirs(inputs).squeeze(1)).mean()  # forward, loss
        torch_optimizer.zero_grad()
        torch_loss.backward()  # backpropagation
        torch_optimizer.step()  # update
        their_losses.append(torch_loss.item())
    loss_gap = max(abs(a - b) for a, b in zip(our_losses, their_losses))
    print("step   ours       PyTorch")
    print("\n".join(f"{k + 1:>4}   {a:.6f}   {b:.6f}" for k, (a, b) in enumerate(zip(our_losses, their_losses))))
    print(f"the 10 losses agree to 1e-12: {loss_gap < 1e-12}")

# %% [markdown]
# And back: `MLP.from_torch(sequential)` reads a `Sequential` of `Linear` layers and
# activations into an `MLP`. The network PyTorch trained comes back with the same weights
# as ours after the same 10 steps, and works with everything in this library.

# %%
if torch is None:
    print("skipped (no PyTorch)")
else:
    back = MLP.from_torch(theirs)
    weight_gap = max(abs(a.data - b.data) for a, b in zip(back.parameters(), ours.parameters()))
    print(repr(back))
    print(f"its {back.num_parameters()} parameters agree with ours to 1e-12: {weight_gap < 1e-12}; "
          f"training accuracy {accuracy(back, X, labels):.0%} (ours {accuracy(ours, X, labels):.0%})")

# %% tags=["remove-cell"]
if torch is not None:
    assert score_gap < 1e-12 and loss_gap < 1e-12 and weight_gap < 1e-12

# %% [markdown]
# ## Summary
#
# - Training is a loop: forward propagation, a loss, backpropagation (`loss.backward()`),
#   an optimizer step, with the gradients cleared (`zero_grad()`) before each backward
#   pass, since `backward()` adds to `.grad`.
# - Two moons: an `MLP(2, [16, 16, 1])` with the hinge loss, L2 and SGD with a decaying
#   learning rate separates the training points perfectly in 100 steps and classifies
#   new points from the same moons almost as well. Its first step, with the largest
#   learning rate, overshoots: the loss rises once before it falls.
# - Three spirals: three outputs, softmax cross-entropy and Adam on minibatches; the
#   prediction is the argmax of the scores.
# - The race: tanh trains far faster than the sigmoid, and not only because of its steeper
#   slope; ReLU reaches the lowest loss.
# - `model.to_torch()` and `MLP.from_torch(...)` move a model to PyTorch and back; the same
#   training steps give the same losses in both.
#
# Back to the start: [1 · Derivatives and the computation graph](01_derivatives_and_the_computation_graph.ipynb).

# %% [markdown]
# ## Appendix A: why the sigmoid lags, scale and centring
#
# Tanh is a sigmoid in disguise: $\tanh x = 2\,\sigma(2x) - 1$. A tanh unit is a sigmoid unit
# whose input is doubled, whose output is doubled, and whose output is shifted to be
# centred on 0. In the race, the sigmoid network differs from the tanh network in three
# ways: the backward signal (slope 0.25 against 1), the forward signal, and the centre of
# its outputs. The next cell measures the last two at the race's starting weights: over
# the 100 points, how much each hidden unit's output varies (its standard deviation,
# averaged over the units of a layer) and the mean output of each hidden layer.

# %%
def hidden_outputs(net):
    with no_grad():
        first = [net.layers[0](x) for x in rows]
        second = [net.layers[1](h) for h in first]
    return [np.array([[v.data for v in h] for h in layer]) for layer in (first, second)]


spread = {}
for name in ["sigmoid", "tanh"]:
    layers_out = hidden_outputs(MLP(2, [8, 8, 1], activation=name, init="xavier", seed=0))
    spread[name] = [float(h.std(axis=0).mean()) for h in layers_out]
    means = [float(h.mean()) for h in layers_out]
    print(f"{name:<8} spread of hidden layers 0, 1: {spread[name][0]:.3f}, {spread[name][1]:.3f};"
          f"  mean output: {means[0]:+.2f}, {means[1]:+.2f}")
print(f"sigmoid / tanh spread: layer 0 {spread['sigmoid'][0] / spread['tanh'][0]:.2f}, "
      f"layer 1 {spread['sigmoid'][1] / spread['tanh'][1]:.2f}")

# %% [markdown]
# From the same weights, the sigmoid's first hidden layer varies about a quarter as much as
# tanh's, and its second layer, which receives that weak signal and shrinks it again, about
# a fourteenth; its outputs sit around 0.5 where tanh's sit near 0. Two more runners take
# these differences away one after the other, both with 4x larger starting weights (which
# makes up for the slope of 1/4 in the forward pass) and 4x the learning rate: the plain
# sigmoid, and the centred sigmoid $\sigma(x) - \tfrac12$ (its outputs are centred on 0,
# its slope still peaks at 0.25).

# %% tags=["remove-cell"]
ratio = [a / b for a, b in zip(spread["sigmoid"], spread["tanh"])]
assert 0.22 < ratio[0] < 0.3 and 1 / 16 < ratio[1] < 1 / 12

# %%
def centred_sigmoid(v):
    return v.sigmoid() - 0.5


def race_scaled(activation, lr, gain=4.0, steps=100):
    net = MLP(2, [8, 8, 1], activation=activation, init="xavier", seed=0)
    for layer in net.layers:
        for neuron in layer.neurons:
            for w in neuron.w:
                w.data *= gain
    return fit(net, X, labels, hinge_loss, SGD(net.parameters(), lr=lr), steps=steps, progress=False)["loss"]


appendix = {
    "sigmoid": results["sigmoid"][1]["loss"],
    "sigmoid, 4x weights, lr 4": race_scaled("sigmoid", 4.0),
    "centred sigmoid, 4x weights, lr 4": race_scaled(centred_sigmoid, 4.0),
    "tanh": results["tanh"][1]["loss"],
}
print(f"{'runner':<36}{'steps to 0.3':>13}{'steps to 0.1':>13}{'final loss':>12}")
for name, losses in appendix.items():
    shown = ["never" if s is None else str(s) for s in (steps_to(losses, 0.3), steps_to(losses, 0.1))]
    print(f"{name:<36}{shown[0]:>13}{shown[1]:>13}{losses[-1]:>12.3f}")

# %% [markdown]
# With its forward and backward signal restored, the sigmoid network leaves the linear
# plateau and gets below 0.1 (just, at the last steps); centring its outputs as well makes
# it as fast as tanh here, or faster. So the lecture's explanation (the steeper slope) is
# one of three parts of the story, and the rescaled, centred sigmoid is, up to a factor of 2
# on its output, tanh itself. This is one seed and one data set: evidence for this case,
# not a law.

# %% tags=["remove-cell"]
steps_a = {name: (steps_to(c, 0.3), steps_to(c, 0.1)) for name, c in appendix.items()}
assert steps_a["sigmoid"][1] is None
assert steps_a["sigmoid, 4x weights, lr 4"][1] is not None and steps_a["sigmoid, 4x weights, lr 4"][1] > 90
assert steps_a["centred sigmoid, 4x weights, lr 4"][1] <= steps_a["tanh"][1]
assert steps_a["centred sigmoid, 4x weights, lr 4"][0] < steps_a["sigmoid, 4x weights, lr 4"][0]
