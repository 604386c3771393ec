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
# # 3 · Softmax
#
# The last layer of a classifier produces one **score** (a *logit*) per class: any real
# numbers, positive or negative, with no upper bound. To read them as "how likely is each
# class?" they must become a **probability vector**: entries between 0 and 1 that add up
# to 1. The **softmax** does this:
#
# $$p_i = \mathrm{softmax}(o)_i = \frac{e^{o_i}}{\sum_j e^{o_j}}.$$
#
# The scores are usually the output of a linear layer; the softmax composed on top of them
# is a non-linear function, and its output can be read as the probability that the input
# belongs to each class.
#
# This notebook computes it with the engine and looks at its properties: order preserved,
# differences amplified, the temperature knob, the numerically stable way to compute it,
# its derivative, why the cross-entropy gradient is simply $p - y$, and why inference takes
# the argmax instead of the probabilities.

# %%
import math
import random

import matplotlib.pyplot as plt
import numpy as np

from autograd import Value, gradients
from nn import cross_entropy, log_softmax, softmax

# %% [markdown]
# ## From scores to probabilities
#
# Written out with `Value`s, the formula has three steps: exponentiate each score (this
# makes everything positive), add the exponentials up, divide each one by the sum.

# %%
scores = [2.0, 1.0, 0.1]
o = [Value(s, label=f"o{i}") for i, s in enumerate(scores)]
exps = [oi.exp() for oi in o]
total = sum(exps)
p = [e / total for e in exps]

print("scores       ", scores)
print("exp(scores)  ", [round(e.data, 4) for e in exps])
print("probabilities", [round(pi.data, 4) for pi in p])
print("sum          ", round(sum(pi.data for pi in p), 12))
assert abs(sum(pi.data for pi in p) - 1) < 1e-12 and all(0 < pi.data < 1 for pi in p)

# %% [markdown]
# `nn.softmax` computes the same thing (in the stable form explained below):

# %%
library = softmax(o)
print([round(pi.data, 4) for pi in library])
assert all(abs(a.data - b.data) < 1e-12 for a, b in zip(library, p))

fig, axes = plt.subplots(1, 2, figsize=(8, 2.8))
axes[0].bar(["class 0", "class 1", "class 2"], scores, color="tab:gray")
axes[0].set_title("scores (logits)")
axes[1].bar(["class 0", "class 1", "class 2"], [pi.data for pi in p], color="tab:blue")
axes[1].set_title("softmax: probabilities")
axes[1].set_ylim(0, 1)
plt.tight_layout()
plt.show()


# %% [markdown]
# ## The order of the scores is preserved
#
# $e^x$ is strictly increasing, and every score is divided by the same sum, so a larger
# score always gets a larger probability: the ranking of the classes never changes. We
# check it on a thousand random score vectors. A related fact: adding the same constant
# to every score changes nothing, since $e^{o_i + c} = e^c e^{o_i}$ and the $e^c$ cancels.
# Only the *differences* between scores matter.

# %%
def ranking(xs):
    return sorted(range(len(xs)), key=lambda i: xs[i])


rng = random.Random(0)
for _ in range(1000):
    s = [rng.uniform(-5, 5) for _ in range(5)]
    probs = [v.data for v in softmax([Value(x) for x in s])]
    assert ranking(probs) == ranking(s)
    shifted = [v.data for v in softmax([Value(x + 7.5) for x in s])]
    assert all(abs(a - b) < 1e-12 for a, b in zip(probs, shifted))
print("1000 random score vectors: ranking preserved, and a shift by 7.5 changed nothing")

# %% [markdown]
# ## Differences are amplified
#
# Because only differences matter, the ratio of two probabilities depends only on the gap
# between their scores: $p_i / p_j = e^{o_i - o_j}$. A gap of 1 makes one class $e \approx
# 2.7$ times more likely than the other; a gap of 2 makes it $e^2 \approx 7.4$ times more
# likely. Compare with simply dividing positive scores by their sum, where scores
# 1, 2, 3 give the top class only 3 times the share of the bottom one.

# %%
s = [1.0, 2.0, 3.0]
plain = [x / sum(s) for x in s]
soft = [v.data for v in softmax([Value(x) for x in s])]
print("scores                 ", s)
print("divided by their sum   ", [round(x, 3) for x in plain], f"top/bottom = {plain[2] / plain[0]:.2f}")
print("softmax                ", [round(x, 3) for x in soft], f"top/bottom = {soft[2] / soft[0]:.2f}")
assert abs(soft[2] / soft[0] - math.exp(2)) < 1e-12
for gap in [1, 2, 5]:
    pair = softmax([Value(0.0), Value(float(gap))])
    print(f"score gap {gap}: probability ratio {pair[1].data / pair[0].data:8.3f} = e^{gap}")


# %% [markdown]
# ## Temperature
#
# Dividing the scores by a **temperature** $T > 0$ before the softmax tunes this
# amplification: $T < 1$ widens the gaps (sharper, more confident), $T > 1$ shrinks them
# (flatter). As $T \to 0$ the output approaches the one-hot vector of the top class; as
# $T \to \infty$ it approaches the uniform distribution.

# %%
def entropy(probs):
    return -sum(q * math.log(q) for q in probs if q > 0)


scores = [2.0, 1.0, 0.1, -1.0]
temperatures = [0.1, 0.5, 1.0, 2.0, 10.0]
rows = []
for T in temperatures:
    probs = [v.data for v in softmax([Value(x / T) for x in scores])]
    rows.append(probs)
    print(f"T = {T:>4}: {[round(q, 3) for q in probs]}  top {max(probs):.3f}  entropy {entropy(probs):.3f}")

tops = [max(r) for r in rows]
entropies = [entropy(r) for r in rows]
assert tops == sorted(tops, reverse=True) and entropies == sorted(entropies)
assert tops[0] > 0.9999 and entropies[-1] > 0.99 * math.log(len(scores))

fig, axes = plt.subplots(1, len(temperatures), figsize=(11, 2.4), sharey=True)
for ax, T, probs in zip(axes, temperatures, rows):
    ax.bar(range(len(scores)), probs)
    ax.set_title(f"T = {T}")
    ax.set_xticks(range(len(scores)))
axes[0].set_ylabel("probability")
plt.tight_layout()
plt.show()


# %% [markdown]
# The top probability falls and the entropy rises steadily with $T$; at $T = 10$ the
# entropy is within 1% of its maximum $\log 4$ (the uniform distribution).
#
# ## The numerically stable form
#
# Computed literally, the formula breaks for large scores. $e^{1000}$ is far beyond the
# largest float ($\approx 1.8 \times 10^{308}$). The engine refuses with a clear error;
# NumPy returns `inf` (with a warning, silenced here), and `inf / inf` is `nan`. Very negative scores fail the
# other way: every $e^{o_i}$ underflows to 0 and the division is $0/0$.

# %%
def naive_softmax(values):
    exps = [v.exp() for v in values]
    total = sum(exps)
    return [e / total for e in exps]


for big in ([1000.0, 1001.0, 1002.0], [-1000.0, -1001.0, -1002.0]):
    try:
        naive_softmax([Value(x) for x in big])
    except (OverflowError, ZeroDivisionError) as error:
        print(f"engine, naive, {big}:\n    {type(error).__name__}: {error}")
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(np.array(big))
        print(f"numpy, naive: {e / e.sum()}")

# %% [markdown]
# The fix uses the shift invariance from above: subtract the largest score from every
# score first. The result is mathematically the same, but now the largest exponent is
# $e^0 = 1$ (no overflow) and the sum is at least 1 (no division by zero). `nn.softmax`
# does exactly that, and gets the right answer for any finite scores:

# %%
for big in ([1000.0, 1001.0, 1002.0], [-1000.0, -1001.0, -1002.0]):
    stable = [v.data for v in softmax([Value(x) for x in big])]
    small = [v.data for v in softmax([Value(x - big[0]) for x in big])]  # the same gaps, small scores
    print(big, "->", [round(q, 4) for q in stable])
    assert all(abs(a - b) < 1e-12 for a, b in zip(stable, small))

# %% [markdown]
# The same trick gives a stable **log**-softmax, which a loss needs: $\log p_i = o_i -
# \log\sum_j e^{o_j}$, with the log-sum-exp computed as $m + \log\sum_j e^{o_j - m}$ for
# $m = \max_j o_j$. Taking the log of a softmax output instead fails as soon as a
# probability underflows to 0:

# %%
scores = [Value(0.0), Value(-750.0)]
try:
    [q.log() for q in softmax(scores)]
except ValueError as error:
    print(f"log(softmax): ValueError: {error}")
log_probs = [v.data for v in log_softmax(scores)]
print("log_softmax:", log_probs)
assert log_probs[1] == -750.0


# %% [markdown]
# Subtracting the maximum does not disturb the gradients either: the gradient of softmax
# with respect to a shift of all scores is zero, so treating the maximum as a constant is
# exact. The stable and the literal formula give the same gradients wherever the literal
# one works:

# %%
def first_probability_gradient(fn, values):
    logits = [Value(x) for x in values]
    return gradients(fn(logits)[0], logits)


literal = first_probability_gradient(naive_softmax, [2.0, 1.0, 0.1])
stable = first_probability_gradient(softmax, [2.0, 1.0, 0.1])
print("literal:", [round(g, 6) for g in literal])
print("stable: ", [round(g, 6) for g in stable])
assert all(abs(a - b) < 1e-12 for a, b in zip(literal, stable))

# %% [markdown]
# ## The derivative of softmax
#
# Each probability depends on *every* score, so the derivative is a matrix, the Jacobian
#
# $$\frac{\partial p_i}{\partial o_j} = p_i\,(\delta_{ij} - p_j),$$
#
# where $\delta_{ij}$ is 1 when $i = j$ and 0 otherwise. It is this simple because the
# exponential is its own derivative: $\partial e^{o_i} / \partial o_i = e^{o_i}$. Raising a score raises its own
# probability (the diagonal is positive) and takes probability from all the others (the
# off-diagonal entries are negative); since the probabilities always add up to 1, every
# column of the Jacobian sums to 0. The engine produces it one row at a time: row $i$ is
# the gradient of $p_i$ with respect to all scores.

# %%
logits = [Value(x) for x in [2.0, 1.0, 0.1]]
probs = softmax(logits)
engine_jacobian = np.array([gradients(p_i, logits) for p_i in probs])
q = np.array([p_i.data for p_i in probs])
formula = np.diag(q) - np.outer(q, q)
print("engine:\n", engine_jacobian.round(4))
print("p_i (delta_ij - p_j):\n", formula.round(4))
assert np.allclose(engine_jacobian, formula, atol=1e-12)
assert np.allclose(engine_jacobian.sum(axis=0), 0, atol=1e-12)

# %% [markdown]
# ## Cross-entropy, and why its gradient is $p - y$
#
# A classifier is trained by making the probability of the correct class $y$ large. The
# **cross-entropy** loss is the negative log of that probability,
#
# $$L = -\log p_y = -o_y + \log \sum_j e^{o_j},$$
#
# and its gradient with respect to the scores is as simple as a gradient can be:
#
# $$\frac{\partial L}{\partial o_j} = -\delta_{jy} + \frac{e^{o_j}}{\sum_k e^{o_k}} = p_j - y_j,$$
#
# the predicted probabilities minus the one-hot vector $y$ of the true class. The same
# result comes from the chain rule through the Jacobian above: $\partial L / \partial p_y =
# -1/p_y$, and $-\frac{1}{p_y} \, p_y (\delta_{yj} - p_j) = p_j - \delta_{yj}$.

# %%
target = 1
logits = [Value(x, label=f"o{i}") for i, x in enumerate([2.0, 1.0, 0.1])]
loss = cross_entropy(logits, target)
loss.backward()
probs = [v.data for v in softmax(logits)]
one_hot = [1.0 if j == target else 0.0 for j in range(3)]
print(f"loss = -log p_{target} = {loss.data:.4f}  ({-math.log(probs[target]):.4f})")
print("engine gradient:", [round(v.grad, 6) for v in logits])
print("p - y:          ", [round(pj - yj, 6) for pj, yj in zip(probs, one_hot)])
assert all(abs(v.grad - (pj - yj)) < 1e-12 for v, pj, yj in zip(logits, probs, one_hot))


# %% [markdown]
# Two consequences make this pairing the standard one. Each gradient entry lies between
# −1 and 1, so it never explodes. And it is **largest when the model is most wrong**: if
# the true class gets almost no probability, its score is pushed up with a gradient close
# to −1. A squared error on the probabilities, by contrast, has to pass through the
# softmax's own derivative $p(1-p)$, which is nearly 0 exactly when the model is
# confidently wrong, so learning stalls there.

# %%
def score_gradient(loss_fn, values, target):
    logits = [Value(x) for x in values]
    loss_fn(logits, target).backward()
    return logits[target].grad


def squared_error(logits, target):
    probs = softmax(logits)
    return sum((q - (1.0 if j == target else 0.0)) ** 2 for j, q in enumerate(probs))


confidently_wrong = [0.0, 8.0]  # the true class is 0, but class 1 gets almost all probability
ce = score_gradient(cross_entropy, confidently_wrong, 0)
se = score_gradient(squared_error, confidently_wrong, 0)
print(f"gradient on the true class's score: cross-entropy {ce:+.4f}, squared error {se:+.4f}")
assert ce < -0.999 and abs(se) < 0.002


# %% [markdown]
# ## Why the output layer of a classifier uses softmax
#
# This answers one of the lecture's pre-questions. Softmax sits at the end of a classifier
# because:
#
# 1. **It produces a probability distribution** over the classes (non-negative, summing to
#    1) from unconstrained scores, so the output can be read as "how likely is each class"
#    and trained by maximum likelihood, which is the cross-entropy loss.
# 2. **It is smooth, and every score receives a gradient.** Picking the top class directly
#    (argmax) would be a step function: nudging a score changes nothing until the winner
#    flips, so its gradient is 0 almost everywhere and gives training nothing to follow.
# 3. **Together with cross-entropy its gradient is $p - y$**: bounded, cheap, and strongest
#    when the model is most wrong.
# 4. **It keeps the order of the scores**, so the most probable class is the highest score.
# 5. With two classes it *is* the sigmoid: $\mathrm{softmax}([z, 0])_0 = \sigma(z)$, so it is
#    the natural many-class generalisation of logistic regression.
#
# Points 2 and 5, checked with the engine:

# %%
def hard_argmax_one_hot(values):
    top = max(range(len(values)), key=lambda i: values[i])
    return [1.0 if i == top else 0.0 for i in range(len(values))]


eps = 1e-4
base = [2.0, 1.0, 0.1]
nudged = [2.0, 1.0 + eps, 0.1]
slope_argmax = (hard_argmax_one_hot(nudged)[1] - hard_argmax_one_hot(base)[1]) / eps
slope_softmax = (softmax([Value(x) for x in nudged])[1].data - softmax([Value(x) for x in base])[1].data) / eps
print(f"d(one-hot argmax)_1 / d o_1 ~ {slope_argmax}   d softmax_1 / d o_1 ~ {slope_softmax:.4f}")
assert slope_argmax == 0.0 and slope_softmax > 0.1

for z in [-3.0, 0.0, 0.7, 4.0]:
    two_class = softmax([Value(z), Value(0.0)])[0].data
    assert abs(two_class - Value(z).sigmoid().data) < 1e-12
print("softmax([z, 0])[0] == sigmoid(z) for z in -3, 0, 0.7, 4")

# %% [markdown]
# ## Inference: take the argmax
#
# Training needs the probabilities; a prediction usually needs only the class. Because
# softmax preserves the order of the scores, the most probable class is simply the
# **largest score**: at inference time the softmax can be skipped and the answer reported
# as a one-hot vector (1 for the winning class, 0 elsewhere). The probabilities remain
# useful when a confidence is wanted (to reject uncertain inputs, or to rank the top
# few classes).

# %%
rng = random.Random(1)
batch = [[rng.gauss(0, 2) for _ in range(4)] for _ in range(500)]
same = sum(
    np.argmax(s) == np.argmax([v.data for v in softmax([Value(x) for x in s])]) for s in batch
)
print(f"argmax of the scores == argmax of the probabilities for {same} of {len(batch)} examples")
assert same == len(batch)

example = batch[0]
print("scores       ", [round(x, 3) for x in example])
print("probabilities", [round(v.data, 3) for v in softmax([Value(x) for x in example])])
print("prediction   ", hard_argmax_one_hot(example))

# %% [markdown]
# ## Summary
#
# - Softmax turns any scores into a probability vector: exponentiate, then normalise.
# - It preserves the order of the scores and depends only on their differences; the
#   probability ratio of two classes is $e^{\text{gap}}$, so gaps are amplified. A
#   temperature tunes how sharply.
# - Compute it after subtracting the largest score (and the log-probabilities with
#   log-sum-exp): same result, no overflow, no $0/0$.
# - Its Jacobian is $p_i(\delta_{ij} - p_j)$; with cross-entropy the gradient collapses to
#   $p - y$, which is why the two are used together at the output of a classifier.
# - To predict, take the argmax of the scores: the softmax does not change it.
#
# Next: [4 · Neural networks and depth](04_neural_networks_and_depth.ipynb).
