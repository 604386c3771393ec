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
# tanh and ReLU puts the lecture's "tanh converges faster" to a test, a box clarifies how
# far the lecture note's statements about training hold, and the last section moves a trained model
# to PyTorch and back. Everything is seeded, so the numbers below are the same on every
# run. The exercises (✏️) ask you to predict or write something; a checker tells you
# whether it is right.

# %% [markdown] lang="ko"
# # 6 · MLP 학습시키기
#
# 지금까지 배운 모든 것이 여기서 하나로 모여요. 학습(training)은 네 단계를 되풀이해요:
#
# 1. **순전파**(forward propagation): 모든 학습 샘플을 신경망에 통과시켜요.
# 2. **손실**(loss): 출력이 얼마나 틀렸는지 말해 주는 숫자 하나.
# 3. **역전파**(backpropagation): `loss.backward()`가 모든 매개변수(parameter)에 그래디언트(gradient)를 줘요.
# 4. **업데이트**(update): 옵티마이저(optimizer)가 각 매개변수를 그래디언트의 반대쪽으로 조금 옮겨요.
#
# 스칼라(scalar) 엔진으로 다룰 수 있을 만큼 작은 2차원 장난감 데이터로 분류기(classifier) 두 개를 학습시켜요:
# 먼저 **두 개의 반달**(two moons)에서 힌지 손실(hinge loss)과 평범한 경사 하강법(gradient descent, SGD)으로
# 이진 분류기를, 그다음 **세 클래스 나선**(three-class spiral)에서 소프트맥스(softmax) 교차 엔트로피(cross-entropy)와
# Adam으로 분류기를 학습시켜요. 이어서 시그모이드(sigmoid), tanh, ReLU 사이의 경주가 강의의 "tanh는 더 빨리
# 수렴한다"를 시험하고, 상자 하나가 강의 노트가 학습에 대해 말하는 것 중 어디까지가 맞는지 보충하고, 마지막 절은
# 학습된 모델을 PyTorch로 옮겼다가 다시 가져와요. 모든 것에 시드(seed)를 고정했으므로 아래 숫자는 실행할
# 때마다 같아요. 연습 문제(exercise, ✏️)는 무언가를 예측하거나 작성하게 하고, 채점기가 맞았는지 알려 줘요.
#
# 용어는 [용어집](용어집.md)을 따라요: 한 뜻에 한 낱말을 쓰고, 처음 나올 때 영어 원어를 괄호 안에 함께 적어요.

# %% [markdown] lang="ko"
# **강의 노트와의 대응.** 이 노트북은 강의 노트 「(2) 활성함수와 순전파 및 역전파」의 다음 부분을 다뤄요.
#
# | 강의 노트의 절 | 이 노트북에서 |
# |---|---|
# | 「Introduction」 (선형회귀 모델에 대해 경사 하강법을 이용해 최적의 계수를 찾는 과정) | 1부: 학습 루프의 네 단계와 SGD, 「강의 노트 보충」 4 |
# | 「신경망 › 순전파 알고리즘」 | 1부: 학습 단계의 첫째 (순전파) |
# | 「신경망 › 역전파 알고리즘」 ("각 층에 사용된 파라미터(가중치)를 학습하는 것이다", "선형 회귀 문제와 동일하게 그래디언트를 계산해 가중치를 업데이트한다") | 1부: `loss.backward()`, `zero_grad()`, `step()`, 「강의 노트 보충」 1, 4 |
# | 「활성함수 › 활성화 함수의 종류」 (tanh는 "기울기가 좀 더 가파르기 때문에 빠른 수렴이 가능하다", 시그모이드의 vanishing gradient, ReLU) | 3부의 경주, 부록 A, 「강의 노트 보충」 2, 3 |
# | 「소프트맥스 연산」 (분류 문제의 학습에는 softmax, 추론에서는 확률이 가장 높은 클래스) | 2부: 세 클래스 나선, 교차 엔트로피, argmax 예측 |
# | (강의 노트 밖) | 힌지 손실, L2 규제, 학습률 스케줄, Adam, 미니배치, PyTorch로 옮기기 |

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
from viz import draw_model, plot_decision_boundary, plot_history, tr

# %% [markdown] lang="ko"
# 아래 셀은 `viz`가 그리는 그림 속 글자(그래프 제목, 범례, 단계별 설명)를 한국어로 바꿔요(코드 셀이 matplotlib으로 직접 그리는 그림의 글자도 `tr`을 거쳐 한국어로 나와요).

# %% lang="ko"
import viz

viz.set_language("ko")

# %% [markdown]
# ## Part 1: two moons, hinge loss, SGD
#
# `make_moons` draws two interleaving half circles, here 100 points with a little noise. No
# straight line separates them, so the network has to bend its decision boundary.

# %% [markdown] lang="ko"
# ## 1부: 두 개의 반달, 힌지 손실, SGD
#
# `make_moons`는 서로 맞물린 반원 두 개를 그려요. 여기서는 약간의 잡음(noise)이 섞인 점 100개예요. 어떤
# 직선도 두 반달을 가르지 못하므로, 신경망은 결정 경계(decision boundary)를 구부려야 해요.

# %%
X, y = make_moons(100, noise=0.1, seed=0)
labels = 2 * y - 1  # the hinge loss wants labels -1 and +1
print("X:", X.shape, " examples per label:", {int(k): int(n) for k, n in zip(*np.unique(labels, return_counts=True))})

fig, ax = plt.subplots(figsize=(5, 3.5))
ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", edgecolors="k", s=25)
ax.set_title(tr("two moons"))
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

# %% [markdown] lang="ko"
# 모델은 고전적인 데모의 모델 그대로인 `MLP(2, [16, 16, 1])`이에요: ReLU 유닛(unit) 16개짜리 은닉층(hidden layer)
# 두 개와 선형 출력 $s$ 하나로, $s$는 그 부호가 예측 클래스인 점수(score)예요.
#
# **힌지 손실**(hinge loss) $\max(0,\, 1 - y\,s)$는 올바른 쪽에 마진(margin) 1 이상으로 떨어져 있는 샘플에서는
# 0이고, 그렇지 않으면 선형으로 커져요. 그래서 틀렸거나 경계에 너무 가까운 샘플만 가중치(weight)를 밀어요.
# 작은 **L2 벌점**(L2 penalty, 규제(regularization)의 한 가지) $\alpha \sum_i w_i^2$
# ($\alpha = 10^{-4}$, `l2_penalty(model, alpha)`)은 가중치가 쓸데없이 커지지 않게 해요.
#
# **SGD**(stochastic gradient descent, 확률적 경사 하강법)는 가장 간단한 옵티마이저예요: `SGD(params, lr)`는
# 매개변수 목록을 갖고 있고, `zero_grad()`는 그 그래디언트를 0으로 만들고, `step()`은 각 매개변수를
# $-\text{lr} \times$ (그 그래디언트)만큼 옮겨요. 학습률(learning rate) `lr`이 보폭(step size)을 정해요. 아래는
# 학습 단계 하나를 풀어 쓴 것으로, 정확히 위의 네 단계예요. 단계 뒤의 손실은 그래프를 기록하지 않는
# `no_grad()` 안에서 계산해요. 그 손실의 그래디언트는 필요 없기 때문이에요:

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

# %% [markdown] lang="ko"
# ### ✏️ 연습 문제 1: SGD 한 단계를 손으로
#
# `optimizer.step()`은 두 줄짜리 반복문이에요. 직접 써 보세요: `sgd_step(parameters, lr)`는 `p.data`와
# `p.grad`만 써서 모든 매개변수 `p`를 `nn.SGD`와 정확히 똑같이 바꿔야 해요. 채점기는 `.grad`에 힌지 손실의
# 그래디언트가 담긴 똑같은 작은 신경망 두 개를 만들어, 하나에는 여러분의 함수를, 다른 하나에는 `nn.SGD`를
# 적용하고, 모든 매개변수를 비교해요.

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

# %% [markdown] lang="ko"
# ### 역방향 계산 전마다 그래디언트를 지우는 이유
#
# `backward()`는 `.grad`에 **더해요**. 덮어쓰는 일은 없어요(1번 노트북이 그 이유를 보여 줘요: 두 번 쓰인 노드는
# 두 기여를 모두 모아야 해요). 그래서 학습 루프는 역방향 계산(backward pass) 전마다 그래디언트를 지워야 하고,
# 그것이 `optimizer.zero_grad()`가 하는 일이에요. 이걸 잊으면 매 단계가 현재 가중치에서의 그래디언트가 아니라
# 지금까지 계산된 모든 그래디언트의 합을 써요. 아래에서는 같은 모델을 SGD(lr 0.1)로 12단계 학습시키는데, 한
# 번은 `zero_grad()`를 부르고 한 번은 부르지 않으며, 각 단계가 쓰는 손실과 그래디언트 벡터의 길이를 기록해요.

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
ax.plot(steps_axis, cleared[0], "o-", label=tr("with zero_grad()"))
ax.plot(steps_axis, forgotten[0], "s--", label=tr("without zero_grad()"))
ax.set_xlabel(tr("step"))
ax.set_ylabel(tr("hinge loss"))
ax.legend()
plt.show()

# %% [markdown]
# With `zero_grad()` the gradient shrinks as the loss falls (from 2.85 to 0.25), and so do
# the steps. Without it the gradient each step uses grows to a length of about 4 and stays
# there (it is the sum of every gradient so far, and the old ones never go away), so the
# steps stay long, keep pushing in directions that
# were right several steps ago, and the loss stops improving and then rises again. PyTorch
# behaves the same way, for the same reason: `.grad` accumulates there too.

# %% [markdown] lang="ko"
# `zero_grad()`를 부르면 손실이 줄어들면서 그래디언트도 작아지고(2.85에서 0.25로), 보폭도 작아져요. 부르지
# 않으면 각 단계가 쓰는 그래디언트가 길이 약 4까지 커진 뒤 거기에 머물러요(지금까지의 모든 그래디언트의 합이고,
# 옛 그래디언트는 사라지지 않으니까요). 그래서 보폭이 계속 길고, 몇 단계 전에는 옳았던 방향으로 계속 밀고,
# 손실은 더 나아지지 않다가 다시 올라가요. PyTorch도 같은 이유로 똑같이 동작해요: 거기서도 `.grad`는
# 누적(accumulate)돼요.

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

# %% [markdown] lang="ko"
# ### ✏️ 연습 문제 2: `zero_grad` 없이 세 단계
#
# 매개변수 하나 `w = Value(1.0)`와 손실 `3 * w`가 있어요(그래디언트는 늘 3이에요). `SGD([w], lr=0.1)` 루프가
# `loss = 3 * w; loss.backward(); optimizer.step()`을 세 번 실행하고, `zero_grad()`는 **한 번도** 부르지 않아요.
# 세 단계 뒤의 `w.data`를 종이와 연필로 예측한 다음 확인해 보세요.

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

# %% [markdown] lang="ko"
# ### `fit`: 한 번 써 둔 루프
#
# `nn.fit(model, X, y, loss, optimizer, steps=...)`가 그 루프를 대신 실행해요: 순전파, 손실(`l2=`를 주면
# `l2 * sum p^2`를 더해서), `zero_grad()`, `backward()`, `step()`. 그리고 매 단계의 손실과 학습 정확도(training
# accuracy)를 기록(history)에 남겨요. 계산은 같아요: 같은 시작 가중치에서 `fit` 한 단계는 위에서 손으로 실행한
# 한 단계와 같은 가중치에 도착해요(샘플들을 더하는 순서에서 오는 차이를 빼면요).

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

# %% [markdown] lang="ko"
# 이제 전체 학습이에요: 전체 배치(full batch) SGD 100단계. 학습률이 꼭 상수일 필요는 없어요: `lr`은 단계
# 번호 $k$의 함수인 **스케줄**(schedule)일 수도 있어요(첫 단계가 $k = 0$이므로, 아래 그래프의 $n$번째 단계,
# 곧 가로축의 '학습 단계' $n$은 $k = n - 1$을 써요). `linear_decay(1.0, 0.1, 100)`은 $1.0 - 0.9\,k/100$이에요: 1.0에서 시작해 0.1을 향해
# 선형으로 줄어들어요(처음에는 큰 보폭, 끝에는 세밀한 보폭). 고전적인 데모도 그렇게 해요.
# `accuracy(model, X, labels)`는 예측 클래스(점수의 부호)가 정답(label)과 같은 점의 비율이에요.
# `progress=False`는 `fit`의 진행 표시줄(progress bar)을 이 노트북에서 빼요. 터미널에서는 진행 표시줄이 나타나요.

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

# %% [markdown] lang="ko"
# `plot_history`는 그 기록을 그려요: 매 단계의 손실과 학습 정확도.

# %%
plot_history(history)

# %% [markdown]
# The loss ends far below where it started and the accuracy reaches 100% of the training
# points, but the start is not smooth: the loss *rises* from the first step to the second.
# The first three steps in numbers (the loss is recorded before each step's update, so
# step 1 shows the starting weights):

# %% [markdown] lang="ko"
# 손실은 시작점보다 훨씬 아래에서 끝나고 정확도는 학습 점의 100%에 이르지만, 출발은 매끄럽지 않아요: 첫
# 단계에서 둘째 단계로 가며 손실이 *올라가요*. 처음 세 단계를 숫자로 보면 이래요(손실은 각 단계의 업데이트
# 전에 기록되므로, 1단계는 시작 가중치의 손실을 보여 줘요):

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

# %% [markdown] lang="ko"
# ### ✏️ 연습 문제 3: 어떤 학습률이 지나칠까요?
#
# 학습률을 의심해 봐요. 같은 시작 가중치(`MLP(2, [16, 16, 1], seed=0)`)에서 같은 손실(힌지 + L2 $10^{-4}$)로
# SGD를 **한** 단계 실행해요. 학습률은 0.01, 0.1, 0.3, 1.0, 3.0 각각으로요. 어느 학습률에서 단계 뒤의 손실이 단계
# 전보다 *높을까요*? 먼저 예측하고, 그다음 확인해 보세요(또는 계산해 보세요).

# %%
answer = ...  # replace ... with a list of learning rates, e.g. [0.01, 0.1]
nb06.check_first_step_lr(answer);

# %% [markdown]
# The next cell takes that one step for a few learning rates and records the loss after it,
# and, for the step with lr 1.0 that the training run took, how the scores changed.
# `predict_scores` returns the raw scores of a model without recording a graph.

# %% [markdown] lang="ko"
# 다음 셀은 몇 가지 학습률로 그 한 단계를 실행해서 단계 뒤의 손실을 기록하고, 학습에서 실제로 실행한 lr 1.0 단계에
# 대해서는 점수가 어떻게 바뀌었는지도 기록해요. `predict_scores`는 그래프를 기록하지 않고 모델의 날 점수(raw
# score)를 돌려줘요.

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

# %% [markdown] lang="ko"
# 이것으로 손실이 튀어 오른 까닭이 설명돼요. 그래디언트는 현재 가중치에서, 곧 *여기*에서 손실이 어느 방향으로
# 줄어드는지 말해 줘요. 그 말이 얼마나 멀리까지 맞는지는 학습률에 달렸어요. 그 방향으로 0.1만큼 가면 손실이
# 1.35에서 0.81로 내려가지만, 더 긴 보폭은 덜 내려가고, 학습에서 실행한 lr 1.0 단계는 너무 멀리 가서 손실이 2.08,
# 곧 시작보다 *위*에서 끝나요. 이것이 **지나침**(overshooting)이에요: 단계 전에는 점수의 40%가 양수였고 평균
# 점수는 −0.16이었는데, 단계 뒤에는 모든 점수가 양수이고 평균 점수는 약 10이라서, 정답이 −1인 점 50개가
# 모두 잘못 분류돼요. 다음 단계가 그 대부분을 고쳐요: 이제는 마진 안쪽의 점들만 밀고(58%, 정답이 −1인 50개가
# 그 안에 들어 있어요), 그 점들이 점수를 다시 끌어내려서, 3단계에서 손실은 0.44예요. 큰 학습률은 빨리
# 움직이지만 지나칠 수 있어요. 스케줄의 뒤쪽의 더 작은 보폭들이 가중치를 자리 잡게 해요.
#
# `plot_decision_boundary`는 학습된 신경망이 배운 것을 보여 줘요: 평면을 예측 클래스로 칠하고, 경계는 두
# 반달을 감싸며 구부러져요.

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

# %% [markdown] lang="ko"
# 학습 정확도는 신경망이 본 점들에 얼마나 잘 맞는지를 말해 줘요. 같은 분포에서 새로 뽑은 샘플(다른 시드)은
# 신경망이 *모양*을 배웠는지를 말해 줘요. 예측에는 그래디언트가 필요 없으므로 `predict`는 `no_grad` 아래에서
# 실행되고, 그 답은 점수의 부호예요.

# %%
X_new, y_new = make_moons(200, noise=0.1, seed=1)
new_accuracy = float(np.mean(predict(model, X_new) == y_new))
print(f"accuracy on 200 new points: {new_accuracy:.1%}")

# %% tags=["remove-cell"]
assert new_accuracy >= 0.95

# %% [markdown]
# `draw_model` draws the trained network: its 337 weights and biases, line width and colour
# from each weight's size and sign.

# %% [markdown] lang="ko"
# `draw_model`은 학습된 신경망을 그려요: 가중치와 편향(bias) 337개를, 각 가중치의 크기와 부호에 따라 선 굵기와
# 색으로 나타내요.

# %%
draw_model(model, title=tr("MLP(2, [16, 16, 1]) trained on two moons"))

# %% [markdown]
# ## Part 2: a three-class spiral, softmax cross-entropy, Adam
#
# `make_spirals` draws interleaved spiral arms, here three arms of 40 points each. With more than two classes the network
# has one output per class: three scores (logits). Softmax turns them into probabilities,
# and the **cross-entropy** loss $-\log p_{\text{true class}}$ trains them (notebook 3 shows
# why its gradient is simply $p - y$). `nn.cross_entropy` computes it from the logits with
# the stable log-sum-exp.

# %% [markdown] lang="ko"
# ## 2부: 세 클래스 나선, 소프트맥스 교차 엔트로피, Adam
#
# `make_spirals`는 서로 엇갈린 나선 팔들을 그려요. 여기서는 팔 세 개에 점이 40개씩이에요. 클래스가 둘보다
# 많으면 신경망은 클래스마다 출력이 하나씩 있어요: 점수 세 개, 곧 로짓(logit) 세 개예요. 소프트맥스가 그것을
# 확률로 바꾸고, **교차 엔트로피**(cross-entropy) 손실 $-\log p_{\text{true class}}$가 그것을 학습시켜요(3번
# 노트북이 그 그래디언트가 왜 그저 $p - y$인지 보여 줘요). `nn.cross_entropy`는 안정적인 log-sum-exp로 로짓에서
# 바로 손실을 계산해요.

# %%
X3, y3 = make_spirals(120, n_classes=3, seed=0)
print("X:", X3.shape, " examples per class:", {int(k): int(n) for k, n in zip(*np.unique(y3, return_counts=True))})
fig, ax = plt.subplots(figsize=(4.5, 4))
ax.scatter(X3[:, 0], X3[:, 1], c=y3, cmap="viridis", edgecolors="k", s=25)
ax.set_title(tr("three spirals"))
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

# %% [markdown] lang="ko"
# 나선은 반달보다 어려워서 이번에는 **Adam**을 써요. SGD의 보폭은 $\text{lr} \times g$예요: 그래디언트가 아주
# 작은 매개변수는 거의 움직이지 않고, 그래디언트가 아주 큰 매개변수는 너무 멀리 뛸 수 있는데, 학습률 하나가 둘
# 다에 맞아야 해요. Adam은 매개변수마다 그래디언트의 이동 평균(running mean) $m$과 그 제곱의 이동 평균 $v$를
# 유지하고, $\text{lr} \times m / (\sqrt{v} + \varepsilon)$만큼 움직여요(두 평균 모두 0에서 시작한 것을 보정해요).
# 보폭을 그 매개변수 자신의 전형적인 그래디언트를 단위로 재므로, 그래디언트의 규모가 어떻든 보폭은
# 대략 `lr`이에요.

# %% [markdown]
# ### ✏️ Exercise 4: the size of Adam's first step
#
# Two parameters, one with gradient 0.003 and one with gradient −30, take one step of
# `Adam([a, b], lr=0.05)`. How far does each move (the absolute change of its value)? Give
# one number if you think they move equally far. Hint: on the first step, after the
# correction, $m = g$ and $v = g^2$.

# %% [markdown] lang="ko"
# ### ✏️ 연습 문제 4: Adam의 첫 보폭
#
# 그래디언트가 0.003인 매개변수와 −30인 매개변수, 두 개가 `Adam([a, b], lr=0.05)`으로 한 단계 움직여요. 각각
# 얼마나 멀리 움직일까요(값의 변화의 절댓값)? 둘이 똑같이 멀리 움직인다고 생각하면 숫자 하나로 답하세요.
# 힌트: 첫 단계에서는 보정한 뒤 $m = g$이고 $v = g^2$이에요.

# %%
answer = ...  # replace ... with the distance each parameter moves
nb06.check_adam_first_step(answer);

# %% [markdown]
# We also train on **minibatches**: each step uses 30 random examples instead of all 120,
# which makes a step four times cheaper. The loss recorded at each step is that step's
# minibatch loss, so the curve is noisier.

# %% [markdown] lang="ko"
# 또 **미니배치**(minibatch)로 학습해요: 각 단계가 120개 전부가 아니라 무작위 샘플 30개를 써서, 단계 하나의 비용이 네
# 배 줄어요. 각 단계에 기록되는 손실은 그 단계의 미니배치 손실이라서 곡선이 더 들쭉날쭉해요.

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

# %% [markdown] lang="ko"
# 한 점에 대한 신경망의 점수 세 개, 소프트맥스 확률, 그리고 예측이에요. 예측은 그저 점수의 argmax(가장 큰
# 값의 자리)예요(소프트맥스는 순서를 바꾸지 않아요):

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

# %% [markdown] lang="ko"
# 그리고 같은 세 나선에서 새로 뽑은 점 300개에 대해서는:

# %%
X3_new, y3_new = make_spirals(300, n_classes=3, seed=1)
spiral_new_accuracy = float(np.mean(predict(spiral_model, X3_new) == y3_new))
print(f"accuracy on 300 new points: {spiral_new_accuracy:.1%}")

# %% tags=["remove-cell"]
assert spiral_new_accuracy >= 0.85

# %%
draw_model(spiral_model, title=tr("MLP(2, [12, 12, 3]) trained on three spirals"))

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

# %% [markdown] lang="ko"
# ## 3부: 학습 경주, 시그모이드 대 tanh 대 ReLU
#
# 강의 노트는 tanh가 기울기가 더 가파르기 때문에 시그모이드보다 "빨리 수렴"한다고 말해요(2번 노트북: tanh의
# 기울기는 최대 1, 시그모이드는 최대 0.25). 경주가 그것을 시험해요. 은닉층의 활성화 함수(activation function)**만**
# 다른 신경망 `MLP(2, [8, 8, 1])` 세 개가 정확히 같은 가중치에서 출발하고(세 개 모두 같은 시드와 같은 Xavier
# 초기화(initialisation, `init="xavier"`)를 써요. `MLP`의 기본값대로라면 ReLU 신경망은 He 초기화를 받아요),
# 같은 두 반달을 보고, 같은 옵티마이저(SGD, 상수 학습률 1.0, L2 없음), 같은 힌지 손실, 같은 전체 배치 100단계로
# 학습해요. 각 신경망이 손실을 0.3 아래로, 0.1 아래로 내리는 데 필요한 단계 수를 세요. 네 번째 주자는
# 대조군(control)이에요: 시그모이드 신경망을 다시, 네 배 작은 기울기를 벌충하도록 네 배 큰 학습률로 학습시켜요.
# 그리고 경주에는 들지 않는 참고용으로 선형 모델(`MLP(2, [1])`, 은닉층 없음), 곧 같은 학습으로 직선 경계가
# 해낼 수 있는 것을 함께 그려요.

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
ax.set_xlabel(tr("step"))
ax.set_ylabel(tr("hinge loss (log scale)"))
ax.set_title(tr("same data, same starting weights, same SGD"))
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

# %% [markdown] lang="ko"
# 경주가 보여 주는 것(데이터 세트 하나, 시드 하나이므로 법칙이 아니라 증거로 읽으세요):
#
# - **tanh가 강의 말대로 시그모이드를 이겨요, 그것도 크게.** tanh는 몇 단계 만에 0.3 아래로, 100단계 전에 0.1
#   아래로 내려가요. 시그모이드 신경망은 0.3 아래로 내려가는 데 몇 배나 많은 단계가 필요하고, 그 뒤로는 0.26
#   근처의 평탄 구간(plateau)에서 정확도 89%로 멈춰요. 선형 모델도 거기서 끝나요(0.26, 88%): 100단계 뒤
#   시그모이드 신경망은 직선 경계보다 나을 게 없고, 0.3 아래로 내려간 것도 선형 모델보다 늦었어요.
# - **더 가파른 기울기가 이유의 전부는 아니에요.** 대조군은 역방향 계산에서 네 배 작은 기울기를 벌충하도록
#   시그모이드에 네 배의 학습률을 줘요. 그래도 tanh에 한참 뒤지고 같은 평탄 구간에서 멈춰요. 그 밖에 다른 점:
#   시그모이드의 출력은 모두 양수로 0.5 근처에 있고(tanh의 출력은 0을 중심으로 해요(zero-centred)), 0.25라는
#   기울기는 *순방향* 계산(forward pass)에서도 신호를 줄여요. 그래서 같은 가중치에서 시그모이드 층은 tanh 층보다
#   훨씬 약한 신호를 넘겨줘요. 부록 A가 이 효과들을 하나씩 떼어 내요.
# - **ReLU**는 tanh보다 조금 느리게 출발하지만 가장 먼저 0.1 아래로 내려가고 가장 낮은 손실로 끝나요. 오늘날
#   ReLU가 은닉층의 기본값인 이유 중 하나예요.

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
# ## Clarifications of the lecture note
#
# > **Clarifications of the lecture note (training).** Each statement is right in part;
# > here is which part, and where it stops.
# > 1. **Clarification.** *"Backpropagation learns the parameters of each layer."* In common
# >    usage "backpropagation" names the whole training; strictly, backpropagation only
# >    **computes** the gradients and changes no parameter. The update is a separate step,
# >    made by the optimizer (gradient descent).
# > 2. **Clarification.** *"Tanh converges faster because its slope is steeper."* Tanh did
# >    converge much faster than the sigmoid in the race above, and the slope is part of the
# >    reason: four times the learning rate (making up for the slope) narrowed the gap, but
# >    did not close it (the cell below counts the steps). Zero-centred outputs and the
# >    strength of the forward signal matter too.
# > 3. **Clarification.** *"With the sigmoid's vanishing gradient, weights may not be
# >    updated."* It depends on the depth. In a **deep** sigmoid network the lecture is right:
# >    notebook 4's 10-layer sigmoid network barely moves its first layer. In the race's
# >    network of two hidden layers the sigmoid's weights are updated in every layer, by more
# >    than their own starting size; its trouble there is slow progress, not frozen weights.
# >    (Notebook 2 measures how the gradient falls with depth.)
# > 4. **Clarification.** *"The weights are updated just as in linear regression."* The update rule is the same,
# >    but the loss is not: linear regression's squared error is convex (one valley, so
# >    gradient descent finds the minimum from any start); a network's loss is not convex:
# >    it has many minima (swapping two hidden units gives another with the same loss), and
# >    the points between them can be worse.
#
# Each point is shown by a cell below.

# %% [markdown] lang="ko"
# ## 강의 노트 보충
#
# > **강의 노트 보충 (학습).** 각 문장은 일부가 맞아요. 어디까지 맞고 어디서 멈추는지 정리해요.
# > 1. **보충.** *"각 층에 사용된 파라미터(가중치)를 학습하는 것이다"* (역전파 알고리즘). 흔히 "역전파"는 학습
# >    전체를 가리키는 말로도 쓰이지만, 엄밀히 말하면 역전파는 그래디언트를 **계산**할 뿐이고 어떤 매개변수도
# >    바꾸지 않아요. 업데이트는 옵티마이저(경사 하강법)가 하는 별도의 단계예요.
# > 2. **보충.** *"기울기가 좀 더 가파르기 때문에 빠른 수렴이 가능하다"* (tanh). 위의 경주에서 tanh는 정말로
# >    시그모이드보다 훨씬 빨리 수렴했고, 기울기도 그 이유의 일부예요: 기울기를 벌충하자(네 배의 학습률) 격차가
# >    좁혀졌지만, 격차를 메우지 못했어요(아래 셀이 단계 수를 세요). 0을 중심으로 한 출력과 순방향 신호의 세기도
# >    중요해요.
# > 3. **보충.** *"vanishing gradient 문제가 발생하여 가중치가 업데이트 되지 않을 수 있다"* (시그모이드). 깊이에
# >    달려 있어요. **깊은** 시그모이드 신경망에서는 강의 노트가 맞아요: 4번 노트북의 10층 시그모이드 신경망은
# >    첫 층을 거의 움직이지 못해요. 경주의 은닉층 두 개짜리 신경망에서는 시그모이드 신경망의 가중치가 모든 층에서
# >    업데이트되고, 자기 시작 크기보다도 더 많이 움직였어요. 거기서 시그모이드의 문제는 얼어붙은 가중치가 아니라
# >    느린 진전이에요. (깊이에 따라 그래디언트가 얼마나 줄어드는지는 2번 노트북이 측정해요.)
# > 4. **보충.** *"선형 회귀 문제와 동일하게 그래디언트를 계산해 가중치를 업데이트한다"*. 업데이트 규칙은 같지만 손실은
# >    같지 않아요: 선형회귀(linear regression)의 제곱 오차(squared error)는 볼록(convex)해서 골짜기가 하나뿐이고,
# >    그래서 경사 하강법이 어디서 출발하든 최솟값을 찾아요. 신경망의 손실은 볼록하지 않아요: 최솟값이 여럿이고
# >    (은닉 유닛 두 개를 맞바꾸면 손실이 같은 또 다른 최솟값이 나와요), 그 사이의 점들은 더 나쁠 수 있어요.
#
# 각 항목은 아래의 셀이 하나씩 보여 줘요.

# %% [markdown]
# **1. Backpropagation computes, the optimizer updates.** A fresh model, one loss: after
# `loss.backward()` no parameter has changed, though most of them hold a non-zero
# gradient; only `optimizer.step()` changes them.

# %% [markdown] lang="ko"
# **1. 역전파는 계산하고, 옵티마이저가 업데이트해요.** 새 모델과 손실 하나: `loss.backward()` 뒤에 대부분의
# 매개변수가 0이 아닌 그래디언트를 갖고 있지만 바뀐 매개변수는 하나도 없어요. `optimizer.step()`만이
# 매개변수를 바꿔요.

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

# %% [markdown] lang="ko"
# **2. tanh가 더 빠르지만, 기울기 때문만은 아니에요.** 경주의 숫자를 다시 봐요: 손실을 0.3 아래로 내리는 데
# 걸린 단계 수예요. 시그모이드는 같은 학습률과 그 네 배의 학습률, 두 가지로요. 나머지 두 차이(순방향 신호와
# 중심 맞추기(centring))는 부록 A가 측정하고 하나씩 없애 봐요.

# %%
to_03 = {name: steps_to(results[name][1]['loss'], 0.3) for name in ["tanh", "sigmoid", "sigmoid, lr 4.0"]}
print(f"steps to a loss below 0.3: tanh {to_03['tanh']}, sigmoid {to_03['sigmoid']}, "
      f"sigmoid with 4x the learning rate {to_03['sigmoid, lr 4.0']}\n"
      f"4x the learning rate narrows the gap ({to_03['sigmoid']} -> {to_03['sigmoid, lr 4.0']} steps) "
      f"but does not close it (tanh: {to_03['tanh']})\n"
      f"loss after 100 steps:      tanh {results['tanh'][1]['loss'][-1]:.3f}, "
      f"sigmoid {results['sigmoid'][1]['loss'][-1]:.3f}, "
      f"sigmoid with 4x the learning rate {results['sigmoid, lr 4.0'][1]['loss'][-1]:.3f}")

# %% [markdown]
# **3. The sigmoid network's weights do move.** How far each layer's weights moved in the
# race, relative to where they started ($\|W_{\text{end}} - W_{\text{start}}\| / \|W_{\text{start}}\|$,
# layers from the input side):

# %% [markdown] lang="ko"
# **3. 시그모이드 신경망의 가중치는 움직여요.** 경주에서 각 층의 가중치가 시작점에 비해 얼마나
# 움직였는지예요($\|W_{\text{end}} - W_{\text{start}}\| / \|W_{\text{start}}\|$, 층은 입력 쪽부터):

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

# %% [markdown] lang="ko"
# 시그모이드 신경망의 모든 층이 자기 시작 크기보다 더 많이 움직였고, 각 층이 tanh 신경망의 같은 층만큼 또는
# 그보다 더 멀리 움직였어요: 그래디언트는 가중치를 업데이트하기에 충분히 컸어요. 다만 그 업데이트가 신경망을
# 평탄 구간에서 벗어나게 하지 못했을 뿐이에요.

# %% tags=["remove-cell"]
assert min(moved["sigmoid"]) > 1.0
assert all(a >= b for a, b in zip(moved["sigmoid"], moved["tanh"]))

# %% [markdown]
# **4. The loss of a network is not convex.** Swap two hidden units of the trained moons
# model (units 0 and 1 of the first hidden layer, with their incoming and outgoing weights):
# the network computes exactly the same function, so it has exactly the same loss, but its
# parameter vector is a different point. For a convex loss the point halfway between two
# minima could be no worse than they are; here it is clearly worse.

# %% [markdown] lang="ko"
# **4. 신경망의 손실은 볼록하지 않아요.** 학습된 반달 모델의 은닉 유닛 두 개(첫 번째 은닉층의 유닛 0과 1을,
# 들어오는 가중치와 나가는 가중치와 함께)를 맞바꿔요: 신경망은 정확히 같은 함수를 계산하므로 손실도 정확히
# 같지만, 매개변수 벡터는 다른 점이에요. 볼록한 손실이라면 두 최솟값의 한가운데 점이 그 둘보다 나쁠 수 없어요.
# 여기서는 분명히 더 나빠요.

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

# %% [markdown] lang="ko"
# ## PyTorch로 나가는 길
#
# 우리 이름들은 PyTorch의 이름을 따르므로(`parameters`, `zero_grad`, `backward`, `step`, `SGD`, `Adam`,
# `no_grad`) PyTorch로 옮겨 가는 길은 짧아요. `model.to_torch()`가 모델을 건너 보내요: 같은 가중치를 가진 `Linear`
# 층과 활성화 함수 모듈로 이루어진 float64 `torch.nn.Sequential`을 돌려줘요. 여기서 PyTorch는 선택 사항이에요:
# 설치되어 있지 않으면 아래 셀들이 그렇다고 알리고 건너뛰어요.

# %%
try:
    import torch
except ImportError:
    torch = None
print("PyTorch is not installed: the cells below skip." if torch is None else "PyTorch is installed.")

# %% [markdown]
# The trained moons model, converted: the two compute the same scores for all 100 points,
# up to rounding (float64 on both sides).

# %% [markdown] lang="ko"
# 학습된 반달 모델을 변환했어요: 둘은 100개 점 모두에 대해, 반올림 오차를 빼면 같은 점수를 계산해요(양쪽 모두
# float64).

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

# %% [markdown] lang="ko"
# 이제 학습이에요. 학습되지 않은 모델(`MLP(2, [16, 16, 1], seed=0)`, 1부의 출발점)을 변환하고, 두 사본 모두 힌지
# 손실로 전체 배치 SGD(lr 0.1) 10단계를 학습해요. 힌지 손실은 PyTorch로 `torch.relu(1 - y * s).mean()`이라고
# 써요. PyTorch 루프도 같은 이름으로 된 같은 네 단계예요. 둘 다 각 업데이트 전의 손실을 기록해요.

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

# %% [markdown] lang="ko"
# 그리고 되돌아오기: `MLP.from_torch(sequential)`는 `Linear` 층과 활성화 함수로 이루어진 `Sequential`을 읽어
# `MLP`로 만들어요. PyTorch가 학습시킨 신경망은 같은 10단계 뒤의 우리 신경망과 같은 가중치로 돌아오고, 이
# 라이브러리의 모든 기능과 함께 동작해요.

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
# Next: [7 · From scalars to arrays](07_from_scalars_to_arrays.ipynb), the same training on
# whole arrays. Back to the start: [1 · Derivatives and the computation graph](01_derivatives_and_the_computation_graph.ipynb).

# %% [markdown] lang="ko"
# ## 요약
#
# - 학습은 루프예요: 순전파, 손실, 역전파(`loss.backward()`), 옵티마이저의 단계. `backward()`가 `.grad`에
#   더하므로 역방향 계산 전마다 그래디언트를 지워요(`zero_grad()`).
# - 두 개의 반달: 힌지 손실, L2, 줄어드는 학습률의 SGD로 학습한 `MLP(2, [16, 16, 1])`은 100단계 만에 학습 점들을
#   완벽히 가르고, 같은 반달에서 새로 뽑은 점들도 거의 그만큼 잘 분류해요. 가장 큰 학습률로 실행한 첫 단계는
#   지나쳐요: 손실이 한 번 올라갔다가 내려가요.
# - 세 나선: 출력 세 개, 소프트맥스 교차 엔트로피, 미니배치 위의 Adam. 예측은 점수의 argmax예요.
# - 경주: tanh는 시그모이드보다 훨씬 빨리 학습하고, 그것은 더 가파른 기울기 때문만은 아니에요. ReLU가 가장 낮은
#   손실에 이르러요.
# - `model.to_torch()`와 `MLP.from_torch(...)`는 모델을 PyTorch로 옮겼다가 다시 가져와요. 같은 학습 단계는 양쪽에서
#   같은 손실을 내요.
#
# 다음: [7 · 스칼라에서 배열로](07_from_scalars_to_arrays.ipynb), 같은 학습을 배열 전체 위에서 해요.
# 처음으로 돌아가기: [1 · 도함수와 계산 그래프](01_derivatives_and_the_computation_graph.ipynb).

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

# %% [markdown] lang="ko"
# ## 부록 A: 시그모이드가 뒤처지는 이유, 크기와 중심
#
# tanh는 변장한 시그모이드예요: $\tanh x = 2\,\sigma(2x) - 1$. tanh 유닛은 입력이 두 배가 되고, 출력이 두 배가
# 되고, 출력이 0을 중심으로 하도록 옮겨진 시그모이드 유닛이에요. 경주에서 시그모이드 신경망은 tanh 신경망과
# 세 가지가 달라요: 역방향 신호(기울기 0.25 대 1), 순방향 신호, 그리고 출력의 중심. 다음 셀은 경주의 시작
# 가중치에서 뒤의 두 가지를 측정해요: 100개 점에 걸쳐 각 은닉 유닛의 출력이 얼마나 변하는지(그
# 표준편차(standard deviation)를 한 층의 유닛들에 대해 평균한 값)와 각 은닉층의 평균 출력이에요.

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

# %% [markdown] lang="ko"
# 같은 가중치에서 시그모이드의 첫 번째 은닉층은 tanh의 약 4분의 1만큼 변하고, 그 약한 신호를 받아 다시 줄이는
# 두 번째 층은 약 14분의 1만큼 변해요. 시그모이드의 출력은 0.5 근처에 있고 tanh의 출력은 0 근처에 있어요. 주자
# 두 명이 더 나와 이 차이들을 차례로 없애요. 둘 다 시작 가중치를 4배 크게 하고(순방향 계산에서 1/4이라는
# 기울기를 벌충해요) 학습률도 4배로 해요: 평범한 시그모이드, 그리고 중심을 맞춘 시그모이드 $\sigma(x) - \tfrac12$
# (출력이 0을 중심으로 하지만, 기울기의 최댓값은 여전히 0.25예요)예요.

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
# one of three parts of the story, and the rescaled, centred sigmoid is a scaled tanh:
# σ(4z) − ½ = ½ tanh(2z), with tanh's slope at 0 but levelling off at ±½. This is one seed
# and one data set: evidence for this case, not a law.

# %% [markdown] lang="ko"
# 순방향 신호와 역방향 신호를 되찾자 시그모이드 신경망은 선형 모델의 평탄 구간을 벗어나 0.1 아래로
# 내려가요(마지막 몇 단계에서 겨우요). 출력의 중심까지 맞추면 여기서는 tanh만큼, 또는 그보다 빨라져요. 그러니까
# 강의의 설명(더 가파른 기울기)은 이야기의 세 부분 중 하나이고, 크기를 바꾸고 중심을 맞춘 시그모이드는 크기를
# 바꾼 tanh예요: σ(4z) − ½ = ½ tanh(2z)로, 0에서의 기울기는 tanh와 같지만 ±½에서 평평해져요. 이것은 시드 하나, 데이터 세트 하나의 결과예요: 법칙이 아니라 이 경우에 대한
# 증거예요.

# %% tags=["remove-cell"]
steps_a = {name: (steps_to(c, 0.3), steps_to(c, 0.1)) for name, c in appendix.items()}
assert steps_a["sigmoid"][1] is None
assert steps_a["sigmoid, 4x weights, lr 4"][1] is not None and steps_a["sigmoid, 4x weights, lr 4"][1] > 90
assert steps_a["centred sigmoid, 4x weights, lr 4"][1] <= steps_a["tanh"][1]
assert steps_a["centred sigmoid, 4x weights, lr 4"][0] < steps_a["sigmoid, 4x weights, lr 4"][0]
