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
# # 7 · From scalars to arrays
#
# Our engine records one `Value` per scalar operation. That is what makes every step
# visible, and also what makes it slow: one training step of the moons MLP records about
# 65,000 nodes, and Python visits each of them twice (forward, then backward).
#
# Frameworks such as PyTorch and JAX do the same arithmetic on **arrays**: one call does the
# 25,600 products of a 16 × 16 weight matrix with 100 samples' inputs. In this notebook we take the graph our engine
# records for **one sample**, and replay it on a whole batch of numpy arrays with
# `autograd.vmap` (and `autograd.jit`), and we compare:
#
# 1. the step eagerly (one `Value` per number),
# 2. the same step compiled (one sample traced once, replayed on the batch),
# 3. the same step with PyTorch tensors (skipped if PyTorch is not installed).

# %% [markdown] lang="ko"
# # 7 · 스칼라에서 배열로
#
# 이 노트북이 강의 노트 「(2) 활성함수와 순전파 및 역전파」의 어디에 기대는지:
#
# | 강의 노트의 절 | 이 노트북에서 |
# |---|---|
# | 「신경망 › 순전파 알고리즘」 | 학습 단계 한 번의 순전파(forward propagation)가 기록하는 노드(node)를 세고, 같은 순전파를 배열(array) 위에서 다시 실행해요 (1절, 2절) |
# | 「신경망 › 역전파 알고리즘」, 「신경망 › 계산그래프를 이용한 역전파」 | 기록된 계산 그래프(computation graph)의 노드마다 그 미분 규칙을 배열 위에서 거꾸로 실행해, 즉시 실행(eager)과 같은 그래디언트(gradient)를 얻어요 (2절) |
# | (강의 노트 밖) | 컴파일(compile)해서 배열 위에서 재생(replay)하기(`autograd.jit`, `autograd.vmap`), PyTorch 텐서(tensor)와의 비교, 은닉층 하나짜리 더 큰 모델 MLP(64, [32, 4])의 학습 시간(깊이가 아니라 노드 수의 비용이에요), 연습 문제: 강의 노트를 넘어서는 확장이에요 |
#
# 우리 엔진은 스칼라(scalar) 연산 하나마다 `Value` 하나를 기록해요. 그 덕분에 모든 단계가 눈에 보이지만,
# 바로 그 때문에 느리기도 해요: moons MLP의 학습 단계 한 번이 노드를 약 65,000개 기록하고, 파이썬은
# 그 노드를 하나하나 두 번씩(순전파에서 한 번, 역전파(backpropagation)에서 한 번) 방문해요.
#
# PyTorch나 JAX 같은 프레임워크(framework)는 같은 산술을 **배열** 위에서 해요: 16 × 16 가중치 행렬과
# 샘플 100개의 입력을 곱하는 곱셈 25,600번을 호출 한 번으로 해요. 이 노트북에서는 우리 엔진이 **샘플 하나**에 대해 기록한 그래프를 가져와
# `autograd.vmap`(과 `autograd.jit`)으로 numpy 배열 위에서 배치(batch) 전체에 재생하고, 다음 셋을 비교해요:
#
# 1. 즉시 실행한 학습 단계 (숫자 하나마다 `Value` 하나),
# 2. 같은 단계를 컴파일한 것 (샘플 하나를 한 번 추적(trace)하고, 배치 위에서 재생),
# 3. 같은 단계를 PyTorch 텐서로 쓴 것 (PyTorch가 설치되어 있지 않으면 건너뛰어요).
#
# 용어는 [용어집](용어집.md)을 따라요: 한 뜻에 한 낱말을 쓰고, 처음 나올 때 영어 원어를 괄호 안에 함께 적어요.

# %%
import time

import matplotlib.pyplot as plt
import numpy as np

import nn
from autograd import jit, vmap
from exercises import nb07
from viz import tr

X, y = nn.make_moons(100, noise=0.1, seed=0)
signs = 2.0 * y - 1.0  # hinge loss labels: -1 / +1
targets = signs.tolist()
model = nn.MLP(2, [16, 16, 1], seed=0)
params = model.parameters()


def step_loss(flat):
    """The loss of one full-batch step: hinge loss + 1e-4 L2, as in the demo."""
    scores = [model(flat[2 * i : 2 * i + 2]) for i in range(len(targets))]
    return nn.hinge_loss(scores, targets) + nn.l2_penalty(params, 1e-4)


def sample_loss(x, t):
    """One sample's hinge loss, max(0, 1 - t s), with its label t as an argument."""
    return (1.0 - t * model(x)).relu()


def best_time(fn, repeat=5):
    """The fastest of a few runs, in seconds (CPU time of this process)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


# %% [markdown] lang="ko"
# 아래 셀은 그림 속 글자(그래프 제목, 범례, 단계 설명)를 한국어로 바꿔요.

# %% lang="ko"
import viz

viz.set_language("ko")

# %% [markdown]
# ## 1. Eager: one `Value` per number

# %% [markdown] lang="ko"
# ## 1. 즉시 실행: 숫자 하나마다 `Value` 하나

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
# ## 2. Compiled: one sample traced once, replayed on the batch
#
# A scalar graph is a per-sample program. `vmap(sample_loss, in_axes=(0, 0))` (JAX's name)
# runs `sample_loss` once, on the first sample, and keeps the recorded graph as a **plan**;
# `in_axes` says that both arguments carry one row per sample (`None` would mean: shared by
# every sample, like the weights, which the plan reads from the model at every call). The
# plan numbers the nodes, fuses every chain of `+` into one n-ary sum, fuses a neuron's
# `b + w0*x0 + w1*x1 + ...` into a **dot** (and a layer's neurons, which all see the same
# inputs, into one group `b + W x`), gives each node a level (one more than its deepest
# operand), and groups each level's nodes by op. A group is one numpy call, on arrays of
# shape (nodes in the group, samples in the batch). The L2 penalty belongs to no sample: it
# is a plan of its own, `jit(...)`.

# %% [markdown] lang="ko"
# ## 2. 컴파일: 한 번 추적하고, 배열 위에서 재생
#
# 스칼라 그래프는 샘플 하나짜리 프로그램이에요. `vmap(sample_loss, in_axes=(0, 0))`(JAX의 이름)은
# `sample_loss`를 첫 샘플에 대해 한 번 실행하고, 기록된 그래프를 **계획(plan)**으로 간직해요. `in_axes`는 두
# 인자가 모두 샘플마다 한 행(row)씩이라는 뜻이에요(`None`이면 가중치처럼 모든 샘플이 함께 쓴다는 뜻인데,
# 가중치는 계획이 호출될 때마다 모델에서 읽어요). 계획은 노드에 번호를 매기고, `+`로 이어진 사슬을 모두 n항
# 합(n-ary sum) 하나로 융합(fuse)하고, 뉴런의 `b + w0*x0 + w1*x1 + ...`를 **내적(dot)** 하나로 융합하고(같은
# 입력을 보는 한 층의 뉴런들은 묶음 하나 `b + W x`가 돼요), 노드마다 레벨(level)을 주고(가장 깊은
# 피연산자(operand)의 레벨보다 하나 큰 값), 각 레벨의 노드를 연산별로 묶어요. 묶음(group) 하나가 numpy 호출
# 하나이고, 그 배열의 모양은 (묶음의 노드 수, 배치의 샘플 수)예요. L2 벌점(penalty)은 어느 샘플의 것도 아니라서
# 따로 계획 하나, `jit(...)`이에요.

# %%
per_sample = vmap(sample_loss, in_axes=(0, 0))
penalty = jit(lambda: nn.l2_penalty(params, 1e-4))
start = time.process_time()
plan = per_sample.trace(X, signs)
penalty.trace()
trace_seconds = time.process_time() - start
unrolled = jit(step_loss).trace(X.ravel())  # the whole batch traced as one graph, for scale
print("one sample:       ", plan.summary())
print("the whole batch:  ", unrolled.summary())
print()
print(plan.table())

fig, axes = plt.subplots(1, 2, figsize=(7, 1.8), sharey=True, layout="constrained")
for ax, (what, counts) in zip(axes, [
    ("nodes after fusion (log scale)", [plan.nodes, unrolled.nodes]),
    ("levels", [plan.levels, unrolled.levels]),
]):  # fmt: skip
    ax.barh([tr("one sample (vmap)"), tr("whole batch (jit)")][::-1], counts[::-1], color="#009e73")
    ax.set_xscale("log" if what.startswith("nodes") else "linear")
    ax.set_title(tr(what), fontsize=10)
    for i, count in enumerate(counts[::-1]):
        ax.text(count, i, f" {count:,}", va="center", fontsize=9)
plt.show()

# %% [markdown]
# One sample's graph is a few hundred nodes in a handful of levels, whatever the batch size:
# the same plan runs on 1, 7 or 100 samples (the whole batch traced as one graph, by
# `jit`, is a hundred times bigger and has to be traced again for every batch size). The
# `dot` group at level 5 is the second layer: its 16 x 16 weights times its 16 inputs, for
# all 100 samples, 25,600 products at once.
#
# The replay runs each recorded node's own op (`forward_array`) and its own derivative rule
# (`rule`), on arrays. `value_and_grad` takes the **mean** over the batch (the reduction is
# the replay's, not the graph's) and sums each weight's gradient over the samples. So the
# values and gradients are the eager ones, up to the order in which contributions to a
# shared node are added:

# %% [markdown] lang="ko"
# 샘플 하나의 그래프는 레벨 몇 개에 노드 수백 개이고, 배치 크기와 상관없어요: 같은 계획이 샘플 1개, 7개,
# 100개에 그대로 돌아요(배치 전체를 `jit`으로 그래프 하나로 추적하면 백 배쯤 크고, 배치 크기가 바뀔 때마다 다시
# 추적해야 해요). 레벨 5의 `dot` 묶음은 둘째 층이에요: 16 x 16 가중치(weight)에 그 층의 입력 16개를 곱하는
# 것을 샘플 100개 모두에 대해 하니, 곱셈 25,600번을 한꺼번에 해요.
#
# 재생은 기록된 노드마다 그 노드의 연산(`forward_array`)과 그 연산의 미분 규칙(`rule`)을 배열 위에서
# 실행해요. `value_and_grad`는 배치에 대한 **평균**을 내고(이 축소(reduction)는 그래프가 아니라 재생이 해요),
# 가중치마다 그래디언트를 샘플에 걸쳐 더해요. 그래서 값과 그래디언트는 즉시 실행의 것과 같아요. 다를 수 있는
# 것은, 여러 곳에서 쓰인 노드로 들어오는 기여를 더하는 순서뿐이에요:

# %%
def compiled_step():
    """The step's loss and every parameter's gradient: the batch's mean hinge loss, plus L2."""
    hinge, _, grads = per_sample.value_and_grad(X, signs, params=params)  # reduction="mean"
    l2, _, l2_grads = penalty.value_and_grad(params=params)
    return hinge + l2, grads + l2_grads


value, grads = compiled_step()
print(f"loss: eager {eager_step():.12f}, compiled {value:.12f}")
print("every gradient equal to eager's to 1e-12:", np.max(np.abs(grads - eager_grads)) < 1e-12)
compiled_seconds = best_time(compiled_step, 20)


# %% [markdown]
# ## 3. PyTorch tensors
#
# The same step written with PyTorch's tensors: the weights as matrices, `X @ W.T`.
# (Skipped cleanly when PyTorch is not installed.)

# %% [markdown] lang="ko"
# ## 3. PyTorch 텐서
#
# 같은 단계를 PyTorch 텐서로 쓴 것이에요: 가중치는 행렬로, `X @ W.T`.
# (PyTorch가 설치되어 있지 않으면 오류 없이 건너뛰어요.)

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

# %% [markdown] lang="ko"
# ## 시간을 나란히

# %%
rows = [
    ("eager (one Value per number)", eager_seconds),
    ("tracing + planning (once)", trace_seconds),
    ("compiled (autograd.vmap)", compiled_seconds),
    ("PyTorch tensors", torch_seconds),
]
rows = [(name, seconds) for name, seconds in rows if seconds == seconds]  # torch may be absent
fig, ax = plt.subplots(figsize=(7, 2.4))
ax.barh([tr(name) for name, _ in rows][::-1], [s * 1e3 for _, s in rows][::-1], color="#0072b2")
ax.set_xscale("log")
ax.set_xlabel(tr("CPU milliseconds per training step (log scale)"))
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
# with `jax.jit` and `jax.vmap`: the graph is recorded once, for one sample, so a Python `if`
# on the data is decided at trace time, by the first sample, for every sample
# (`vmap(f, check=True)` compares a spread of rows with eager and names the first row and
# node whose graph differs).
#
# ## A bigger job than eager can do in class time
#
# A digits-like data set: 64 inputs (8 x 8 "images"), 4 classes, 200 samples, made with
# numpy (seeded), and an MLP(64, [32, 4]) trained with cross-entropy and Adam, full batch,
# for 100 steps. One step records about 2 x 64 x 32 x 200 = 820,000 nodes, so 100 eager steps
# take well over half a minute of CPU time; compiled (`fit(..., compile=True)`, which runs
# on `vmap`), one sample's graph is traced once and each step is a few array calls.

# %% [markdown] lang="ko"
# 배열은 왜 이렇게 훨씬 빠를까요? 산술은 같지만, 즉시 실행 엔진은 숫자 하나하나마다 파이썬의 비용(함수 호출
# 한 번, 객체 하나, 참조 카운트(reference count))을 두 번씩 치러요. 배열 호출은 숫자 수천 개에 그 비용을 한
# 번만 치르고, 그 숫자들을 도는 반복은 연속된 메모리 위에서 컴파일된 C 코드로 돌아요. 그래서 프레임워크는
# **일을 배열로 묶어요(batch)**: 배치의 모든 샘플을 한꺼번에, 한 층의 모든 뉴런을 한꺼번에. 단, `jax.jit`,
# `jax.vmap`과 마찬가지로 걸리는 점이 있어요: 그래프는 샘플 하나에 대해 한 번만 기록되므로, 데이터에 따라 갈리는
# 파이썬 `if`의 갈래는 추적할 때 첫 샘플이 정하고 모든 샘플이 그 갈래를 따라요(`vmap(f, check=True)`는 여러 행을 즉시 실행과
# 비교해, 그래프가 달라지는 첫 행과 노드를 알려 줘요).
#
# ## 즉시 실행으로는 수업 시간에 못 할 더 큰 작업
#
# digits 비슷한 데이터 세트: 입력 64개(8 x 8 "이미지"), 클래스 4개, 샘플 200개를 numpy로(시드를 고정해)
# 만들고, MLP(64, [32, 4])를 교차 엔트로피(cross-entropy)와 Adam으로, 전체 배치(full batch)로 100단계 학습시켜요. 한
# 단계가 노드를 약 2 x 64 x 32 x 200 = 820,000개 기록하므로, 즉시 실행으로 100단계를 하면 CPU 시간이 30초를
# 훌쩍 넘어요. 컴파일하면(`vmap` 위에서 도는 `fit(..., compile=True)`) 샘플 하나의 그래프를 한 번만 추적하고,
# 각 단계는 배열 호출 몇 번이에요.

# %%
rng = np.random.default_rng(0)
prototypes = rng.uniform(0.0, 1.0, (4, 64))  # one 8 x 8 pattern per class
labels = rng.integers(0, 4, 200)
images = prototypes[labels] + rng.normal(0.0, 0.35, (200, 64))

digits_model = nn.MLP(64, [32, 4], seed=0)
optimizer = nn.Adam(digits_model.parameters(), lr=0.01)
start = time.process_time()
history = nn.fit(
    digits_model, images, labels, "cross_entropy", optimizer, steps=100, progress=False,
    compile=True,
)  # fmt: skip
compiled_job = time.process_time() - start  # 100 steps, the trace included (drawn below)
print(f"loss {history['loss'][0]:.3f} -> {history['loss'][-1]:.3f}, "
      f"accuracy {history['accuracy'][-1]:.0%}")  # fmt: skip

# %% [markdown]
# For comparison, time a single eager step of the same job (one is enough; multiply by 100)
# and draw it beside the 100 compiled steps above, whose time includes the trace:

# %% [markdown] lang="ko"
# 비교를 위해 같은 작업의 즉시 실행 단계 하나의 시간을 재고(하나면 충분해요. 100을 곱하면 돼요),
# 추적 시간을 포함한 위의 컴파일된 100단계 옆에 그려요.

# %%
eager_model = nn.MLP(64, [32, 4], seed=0)
start = time.process_time()
nn.fit(eager_model, images, labels, "cross_entropy", nn.Adam(eager_model.parameters(), lr=0.01),
       steps=1, progress=False)  # fmt: skip
eager_job = 100 * (time.process_time() - start)  # one step, times 100
fig, ax = plt.subplots(figsize=(7, 1.6))
ax.barh([tr("compiled (trace included)"), tr("eager (one step × 100)")], [compiled_job, eager_job],
        color="#d55e00")  # fmt: skip
ax.set_xlabel(tr("CPU seconds for 100 steps"))
plt.show()
print("100 eager steps would take over half a minute:", eager_job > 30)
print("compiled (trace included) faster than eager:", compiled_job < eager_job)

# %% [markdown]
# ## Exercises
#
# Each checker from `exercises.nb07` runs `autograd.jit` itself and compares.

# %% [markdown] lang="ko"
# ## 연습 문제
#
# `exercises.nb07`의 채점기는 저마다 `autograd.jit`을 직접 실행해 여러분의 답과 비교해요.

# %% [markdown]
# ✏️ **Exercise 1.** Predict the plan of a small neuron,
# `f(a, b, c) = (a * 2 + b * 3 + c).tanh() * a`: how many nodes does `jit(f).trace(1.0, 2.0,
# 3.0)` keep after fusion (count the arguments and the constants too), and on how many
# levels? A leaf is at level 0, and every other node one level above its deepest operand.
# Give the pair (nodes, levels).

# %% [markdown] lang="ko"
# ✏️ **연습 문제 1.** 작은 뉴런 `f(a, b, c) = (a * 2 + b * 3 + c).tanh() * a`의 계획을 예측해 보세요.
# `jit(f).trace(1.0, 2.0, 3.0)`은 융합 뒤에 노드를 몇 개 남기고(인자와 상수도 세요), 레벨은 몇 개일까요?
# 잎 노드는 레벨 0이고, 다른 노드는 가장 깊은 피연산자보다 한 레벨 위에 놓여요. (노드 수, 레벨 수) 쌍으로
# 답하세요.

# %%
answer = ...  # replace ... with a pair (nodes, levels)
nb07.check_small_plan(answer);

# %% [markdown]
# ✏️ **Exercise 2.** The moons step above replays the second layer's products as one group
# of 25,600 nodes for 100 samples. How many nodes does that group have when the same step
# runs on a batch of 30 samples?

# %% [markdown] lang="ko"
# ✏️ **연습 문제 2.** 위의 moons 학습 단계는 샘플 100개에 대해 둘째 층의 곱셈을 노드 25,600개짜리 묶음
# 하나로 재생해요. 같은 단계를 샘플 30개의 배치로 실행하면 그 묶음의 노드는 몇 개일까요?

# %%
answer = ...  # replace ... with a whole number
nb07.check_group_size(answer);

# %% [markdown]
# ✏️ **Exercise 3.** A Python `if` on the data is decided when the function is traced:
#
# ```python
# def branchy(x):
#     return x * 2 if x.data > 0 else -x
#
# compiled = jit(branchy)
# compiled(1.0)      # the first call traces
# compiled(-3.0)     # ?
# ```
#
# What does the second call return?

# %% [markdown] lang="ko"
# ✏️ **연습 문제 3.** 데이터에 따라 갈리는 파이썬 `if`는 함수를 추적할 때 결정돼요:
#
# ```python
# def branchy(x):
#     return x * 2 if x.data > 0 else -x
#
# compiled = jit(branchy)
# compiled(1.0)      # 첫 호출이 추적해요
# compiled(-3.0)     # ?
# ```
#
# 두 번째 호출은 무엇을 돌려줄까요?

# %%
answer = ...  # replace ... with a number
nb07.check_frozen_branch(answer);

# %% [markdown]
# ✏️ **Exercise 4.** `jit(f, check=True)` runs `f` eagerly beside every replay and raises
# `JitError` when the two disagree. Each case below is traced at $x = 1$ and then called
# at the second number. Which second calls raise?
#
# - **a.** `branchy`, then at $x = 2$
# - **b.** `branchy`, then at $x = -3$
# - **c.** `lambda x: x * Value(x.data)`, then at $x = 2$
# - **d.** `lambda x: x.relu() * 2`, then at $x = -3$
#
# Give a list of letters, e.g. `["a", "d"]`.

# %% [markdown] lang="ko"
# ✏️ **연습 문제 4.** `jit(f, check=True)`는 재생할 때마다 옆에서 `f`를 즉시 실행해 보고, 둘이 다르면
# `JitError`를 내요. 아래의 각 경우는 $x = 1$에서 추적한 뒤 두 번째 수에서 호출해요. 어느 두 번째 호출이
# 오류를 낼까요?
#
# - **a.** `branchy`, 그다음 $x = 2$
# - **b.** `branchy`, 그다음 $x = -3$
# - **c.** `lambda x: x * Value(x.data)`, 그다음 $x = 2$
# - **d.** `lambda x: x.relu() * 2`, 그다음 $x = -3$
#
# 글자의 리스트로 답하세요. 예: `["a", "d"]`.

# %%
answer = ...  # replace ... with a list of letters
nb07.check_what_check_catches(answer);
