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
# differences amplified (when the scores are large enough), the temperature knob, the
# numerically stable way to compute it, its derivative, why the cross-entropy gradient is
# simply $p - y$, and what inference does with the probabilities. Exercises (marked ✏️)
# are checked against the engine by `exercises.nb03`.

# %%
import math
import random

import matplotlib.pyplot as plt
import numpy as np

from autograd import Value, gradients
from exercises import nb03
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

print(f"scores        {scores}\n"
      f"exp(scores)   {[round(e.data, 4) for e in exps]}\n"
      f"probabilities {[round(pi.data, 4) for pi in p]}\n"
      f"sum           {round(sum(pi.data for pi in p), 12)}")

# %% tags=["remove-cell"]
assert abs(sum(pi.data for pi in p) - 1) < 1e-12 and all(0 < pi.data < 1 for pi in p)

# %% [markdown]
# `nn.softmax` computes the same thing (in the stable form explained below):

# %%
library = softmax(o)
print([round(pi.data, 4) for pi in library])

fig, axes = plt.subplots(1, 2, figsize=(8, 2.8))
axes[0].bar(["class 0", "class 1", "class 2"], scores, color="tab:gray")
axes[0].set_title("scores (logits)")
axes[1].bar(["class 0", "class 1", "class 2"], [pi.data for pi in p], color="tab:blue")
axes[1].set_title("softmax: probabilities")
axes[1].set_ylim(0, 1)
plt.tight_layout()
plt.show()

# %% tags=["remove-cell"]
assert all(abs(a.data - b.data) < 1e-12 for a, b in zip(library, p))


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
same_ranking = same_probabilities = 0
for _ in range(1000):
    s = [rng.uniform(-5, 5) for _ in range(5)]
    probs = [v.data for v in softmax([Value(x) for x in s])]
    shifted = [v.data for v in softmax([Value(x + 7.5) for x in s])]
    same_ranking += ranking(probs) == ranking(s)
    same_probabilities += all(abs(a - b) < 1e-12 for a, b in zip(probs, shifted))
print(f"of 1000 random score vectors: ranking preserved in {same_ranking}; "
      f"probabilities unchanged (to 1e-12) by a shift of 7.5 in {same_probabilities}")

# %% tags=["remove-cell"]
assert same_ranking == same_probabilities == 1000

# %% [markdown]
# ## Differences are amplified, if the scores are large enough
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
pairs = [softmax([Value(0.0), Value(float(gap))]) for gap in [1, 2, 5]]
print(f"scores                  {s}\n"
      f"divided by their sum    {[round(x, 3) for x in plain]} top/bottom = {plain[2] / plain[0]:.2f}\n"
      f"softmax                 {[round(x, 3) for x in soft]} top/bottom = {soft[2] / soft[0]:.2f}\n"
      + "\n".join(f"score gap {gap}: probability ratio {q[1].data / q[0].data:8.3f} = e^{gap}"
                  for gap, q in zip([1, 2, 5], pairs)))

# %% tags=["remove-cell"]
assert abs(soft[2] / soft[0] - math.exp(2)) < 1e-12

# %% [markdown]
# But "amplified" depends on the **scale** of the scores. Dividing by the sum does not
# care about scale: 0.1, 0.2, 0.3 still give a ratio of 3. The softmax does: it sees
# gaps of 0.1 and 0.2, and $e^{0.2} \approx 1.22$, so it *compresses* the differences and
# the probabilities come out nearly uniform. Only when the gaps are large enough (here,
# when $e^{\text{gap}}$ exceeds the ratio of the scores themselves) does softmax sharpen
# them. The same scores 1, 2, 3 multiplied by a factor $c$:

# %%
lines = [f"{'c':>5}  {'c * scores':>18}  {'softmax':>24}  {'top/bottom':>10}  (dividing by the sum: 3.00)"]
for scale in [0.01, 0.1, 0.5, 1.0, 2.0, 5.0]:
    scaled = [scale * x for x in s]
    q = [v.data for v in softmax([Value(x) for x in scaled])]
    lines.append(f"{scale:>5}  {str([round(x, 2) for x in scaled]):>18}  {str([round(x, 3) for x in q]):>24}  {q[2] / q[0]:>10.3f}")
lines.append(f"softmax's top/bottom ratio e^(2c) equals 3 at c = log(3) / 2 = {math.log(3) / 2:.3f}")
print("\n".join(lines))

# %% [markdown]
# With the scores scaled by 0.01 or 0.1 the softmax is nearly uniform and the top class
# gets *less* than its plain share; from a scale of about 0.55 on (where $e^{2c} = 3$) it
# gets more. Multiplying the scores by $c$ is the same as dividing them by a temperature
# $T = 1/c$, the knob of the next section.

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
rows = [[v.data for v in softmax([Value(x / T) for x in scores])] for T in temperatures]
print("\n".join(
    f"T = {T:>4}: {[round(q, 3) for q in probs]}  top {max(probs):.3f}  entropy {entropy(probs):.3f}"
    for T, probs in zip(temperatures, rows)
))
tops = [max(r) for r in rows]
entropies = [entropy(r) for r in rows]

fig, axes = plt.subplots(1, len(temperatures), figsize=(11, 2.4), sharey=True)
for ax, T, probs in zip(axes, temperatures, rows):
    ax.bar(range(len(scores)), probs)
    ax.set_title(f"T = {T}")
    ax.set_xticks(range(len(scores)))
axes[0].set_ylabel("probability")
plt.tight_layout()
plt.show()

# %% tags=["remove-cell"]
assert tops == sorted(tops, reverse=True) and entropies == sorted(entropies)
assert tops[0] > 0.9999 and entropies[-1] > 0.99 * math.log(len(scores))


# %% [markdown]
# The top probability falls and the entropy rises steadily with $T$; at $T = 10$ the
# entropy is above 99% of its maximum $\log 4$ (the uniform distribution).

# %%
print(f"entropy at T = 10: {entropies[-1]:.4f}, log 4 = {math.log(4):.4f}, "
      f"ratio {entropies[-1] / math.log(4):.4f}")

# %% [markdown]
# ✏️ **Exercise 1.** Two classes with scores $[2, 0]$. Which temperature $T$ makes
# $\mathrm{softmax}([2, 0] / T)$ give the top class a probability of exactly 0.9?
# (Hint: the ratio of the two probabilities is $e^{2/T}$.)

# %%
answer = ...  # replace ... with a number (a formula with math.log is fine)
nb03.check_temperature(answer);
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
stable_cases = {}
for big in ([1000.0, 1001.0, 1002.0], [-1000.0, -1001.0, -1002.0]):
    stable = [v.data for v in softmax([Value(x) for x in big])]
    small = [v.data for v in softmax([Value(x - big[0]) for x in big])]  # the same gaps, small scores
    stable_cases[tuple(big)] = (stable, small)
print("\n".join(f"{list(big)} -> {[round(q, 4) for q in stable]}" for big, (stable, _) in stable_cases.items()))

# %% tags=["remove-cell"]
for stable, small in stable_cases.values():
    assert all(abs(a - b) < 1e-12 for a, b in zip(stable, small))

# %% [markdown]
# ✏️ **Exercise 2.** Write `my_softmax(values)`, the stable softmax on a list of `Value`s:
# subtract the largest score (as a plain number, `max(v.data for v in values)`), then
# exponentiate and normalise. The checker runs it on the huge scores above and compares
# the probabilities and their gradients with `nn.softmax`.

# %%
def my_softmax(values):
    return ...  # replace ... with the list of probabilities


# %%
nb03.check_stable_softmax(my_softmax);

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

# %% tags=["remove-cell"]
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
print(f"literal: {[round(g, 6) for g in literal]}\nstable:  {[round(g, 6) for g in stable]}")

# %% tags=["remove-cell"]
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
print(f"engine:\n{engine_jacobian.round(4)}\np_i (delta_ij - p_j):\n{formula.round(4)}\n"
      f"largest |column sum|: {np.abs(engine_jacobian.sum(axis=0)).max():.1e}")

# %% tags=["remove-cell"]
assert np.allclose(engine_jacobian, formula, atol=1e-12)
assert np.allclose(engine_jacobian.sum(axis=0), 0, atol=1e-12)

# %% [markdown]
# ✏️ **Exercise 3.** Work out by hand the Jacobian for two classes at $o = [0, 0]$, as a
# nested list `[[dp0/do0, dp0/do1], [dp1/do0, dp1/do1]]`. The checker compares it with
# the engine's gradients.

# %%
answer = ...  # replace ... with [[., .], [., .]]
nb03.check_jacobian_at_zero(answer);

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
print(f"loss = -log p_{target} = {loss.data:.4f}  ({-math.log(probs[target]):.4f})\n"
      f"engine gradient: {[round(v.grad, 6) for v in logits]}\n"
      f"p - y:           {[round(pj - yj, 6) for pj, yj in zip(probs, one_hot)]}")

# %% tags=["remove-cell"]
assert all(abs(v.grad - (pj - yj)) < 1e-12 for v, pj, yj in zip(logits, probs, one_hot))

# %% [markdown]
# ✏️ **Exercise 4.** Three classes, all scores 0, true class 2. Predict the gradient of
# the cross-entropy with respect to the three scores, as a list.

# %%
answer = ...  # replace ... with [dL/do0, dL/do1, dL/do2]
nb03.check_cross_entropy_gradient(answer);


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

# %% tags=["remove-cell"]
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
two_class = {z: (softmax([Value(z), Value(0.0)])[0].data, Value(z).sigmoid().data) for z in [-3.0, 0.0, 0.7, 4.0]}
print(f"d(one-hot argmax)_1 / d o_1 ~ {slope_argmax}   d softmax_1 / d o_1 ~ {slope_softmax:.4f}\n"
      + "\n".join(f"z = {z:>4}: softmax([z, 0])[0] = {a:.12f}, sigmoid(z) = {b:.12f}" for z, (a, b) in two_class.items()))

# %% tags=["remove-cell"]
assert slope_argmax == 0.0 and slope_softmax > 0.1
assert all(abs(a - b) < 1e-12 for a, b in two_class.values())

# %% [markdown]
# ## Inference: the argmax, and when the probabilities are kept
#
# Training needs the probabilities. A prediction that needs only the class does not:
# because softmax preserves the order of the scores, the most probable class is simply
# the **largest score**, and the answer can be reported as a one-hot vector (1 for the
# winning class, 0 elsewhere) without computing the softmax at all.

# %%
rng = random.Random(1)
batch = [[rng.gauss(0, 2) for _ in range(4)] for _ in range(500)]
same = sum(
    np.argmax(s) == np.argmax([v.data for v in softmax([Value(x) for x in s])]) for s in batch
)
example = batch[0]
print(f"argmax of the scores == argmax of the probabilities for {same} of {len(batch)} examples\n"
      f"scores        {[round(x, 3) for x in example]}\n"
      f"probabilities {[round(v.data, 3) for v in softmax([Value(x) for x in example])]}\n"
      f"prediction    {hard_argmax_one_hot(example)}")

# %% tags=["remove-cell"]
assert same == len(batch)

# %% [markdown]
# ## Corrections of the lecture note
#
# > **Where the lecture note is imprecise, and what is true.** Each point is computed by
# > the next cell.
# >
# > 1. *"Softmax amplifies the differences between its inputs."* Only for scores of a
# >    large enough scale. The ratio of two probabilities is $e^{\text{gap}}$: gaps well
# >    above 1 are sharpened, small gaps are *compressed* towards the uniform distribution.
# >    Scaling the scores, or dividing them by a temperature, moves between the two.
# > 2. *"At inference, classification uses a one-hot vector instead of the softmax."* For
# >    the predicted class alone, yes: the argmax of the scores. But the probabilities are
# >    kept whenever *how sure* matters: to report a **confidence** (and reject or defer
# >    uncertain inputs, or rank the top few classes); to **calibrate** it (temperature
# >    scaling fits one $T$ on held-out data so that confidences match accuracy, without
# >    changing a single prediction); and to **sample** with a temperature, as language
# >    models choose each next token. A one-hot vector throws all of that away.

# %%
scores_a, scores_b = [4.0, 0.5, 0.2], [1.0, 0.9, 0.8]  # the same prediction, class 0
conf = {name: [round(v.data, 3) for v in softmax([Value(x) for x in sc])]
        for name, sc in [("A", scores_a), ("B", scores_b)]}
calibrated = {T: [round(v.data, 3) for v in softmax([Value(x / T) for x in scores_a])] for T in [1.0, 2.0]}
sample_rng = random.Random(0)
logits_lm = [2.0, 1.0, 0.5, -1.0]
draws = {}
for T in [0.5, 1.0, 2.0]:
    probs_T = [v.data for v in softmax([Value(x / T) for x in logits_lm])]
    picks = sample_rng.choices(range(len(logits_lm)), weights=probs_T, k=2000)
    draws[T] = [round(picks.count(k) / len(picks), 3) for k in range(len(logits_lm))]
print("1. the same gaps at two scales:\n"
      f"   softmax([0.1, 0.2, 0.3]) = {[round(v.data, 3) for v in softmax([Value(x) for x in [0.1, 0.2, 0.3]])]} (compressed)\n"
      f"   softmax([1, 2, 3] x 5)   = {[round(v.data, 3) for v in softmax([Value(x) for x in [5.0, 10.0, 15.0]])]} (amplified)\n"
      "2. confidence: both predict class 0, one-hot [1, 0, 0] for both, but\n"
      f"   example A: {conf['A']}   example B: {conf['B']}\n"
      f"   calibration by temperature, example A: T = 1 {calibrated[1.0]}, T = 2 {calibrated[2.0]} (same argmax)\n"
      f"   sampling from scores {logits_lm}, frequencies of 2000 draws:\n"
      + "\n".join(f"      T = {T}: {f}" for T, f in draws.items()))

# %% tags=["remove-cell"]
assert np.argmax(conf["A"]) == np.argmax(conf["B"]) == 0 and conf["A"][0] > 0.9 and conf["B"][0] < 0.4
assert np.argmax(calibrated[2.0]) == 0 and calibrated[2.0][0] < calibrated[1.0][0]
assert draws[0.5][0] > draws[1.0][0] > draws[2.0][0] and draws[2.0][3] > draws[0.5][3]

# %% [markdown]
# ## Summary
#
# - Softmax turns any scores into a probability vector: exponentiate, then normalise.
# - It preserves the order of the scores and depends only on their differences; the
#   probability ratio of two classes is $e^{\text{gap}}$, so large gaps are amplified
#   and small ones compressed. A temperature tunes how sharply.
# - Compute it after subtracting the largest score (and the log-probabilities with
#   log-sum-exp): same result, no overflow, no $0/0$.
# - Its Jacobian is $p_i(\delta_{ij} - p_j)$; with cross-entropy the gradient collapses to
#   $p - y$, which is why the two are used together at the output of a classifier.
# - To predict the class, take the argmax of the scores: the softmax does not change it.
#   Keep the probabilities when a confidence, a calibration or a sample is wanted.
#
# Next: [4 · Neural networks and depth](04_neural_networks_and_depth.ipynb).
