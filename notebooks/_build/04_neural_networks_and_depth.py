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
# # 4 · Neural networks and depth
#
# A neural network is built from one simple piece, the **neuron**: a linear model followed
# by an activation function. This notebook assembles neurons into layers and layers into a
# multi-layer perceptron (MLP), runs **forward propagation** through it layer by layer, and
# then asks the question behind every architecture: why stack *many* layers, when one
# hidden layer can in principle approximate any continuous function? We measure what depth
# buys (far fewer parameters for some functions) and what it costs (gradients that vanish
# on the way back, so the first layers learn slowly), and list the remedies.
#
# Every number in the text is computed by a cell. Exercises (marked ✏️) ask you to predict
# or write something; a checker from `exercises.nb04` compares your answer with the engine.

# %% [markdown] lang="ko"
# # 4 · 신경망과 깊이
#
# | 강의 노트의 절 | 이 노트북에서 |
# |---|---|
# | 「신경망」 ("신경망은 선형 모델에 활성함수를 합성한 함수이다") | 「뉴런은 선형 모델에 활성화 함수를 합성한 것」 |
# | 「신경망 › 순전파 알고리즘」 | 「MLP의 순전파」 |
# | 「신경망 › 층을 왜 여러개 쌓을까?」 (universal approximation theorem) | 「은닉층 하나로 어떤 연속함수든 근사할 수 있다」 · 「강의 노트 보충」 1 |
# | 「신경망 › 층을 왜 여러개 쌓을까?」 ("층이 깊을수록 … 필요한 노드 수가 줄어") | 「너비냐 깊이냐」 · 「강의 노트 보충」 2 |
# | 「신경망 › 층을 왜 여러개 쌓을까?」 ("최적화가 오래걸릴 수 있다"), 「신경망 › 역전파 알고리즘」 (메모리), 「활성함수」 (vanishing gradient) | 「깊이의 대가」 |
# | 「Pre-question」 셋째: 여러 층으로 쌓는 이유, 장단점, 단점을 해결하는 기법 | 「층을 왜 쌓는지, 무엇이 문제이고 무엇으로 고치는지」 |
#
# 신경망은 **뉴런**(neuron)이라는 단순한 부품 하나로 만들어져요. 뉴런은 선형 모델(linear model)에
# 활성화 함수(activation function)를 합성한 것, 곧 선형 모델 뒤에 활성화 함수를 붙인 것이에요. 이 노트북에서는 뉴런을 모아 층(layer)을 만들고, 층을
# 이어 다층 퍼셉트론(multi-layer perceptron, MLP)을 만든 다음, 그 안에서 층마다 차례로
# **순전파**(forward propagation)를 실행해요. 그리고 모든 신경망 구조 뒤에 있는 질문을 던져요: 은닉층(hidden
# layer) 하나로도 원리적으로는 어떤 연속함수든 근사할 수 있는데, 왜 층을 *여러 개* 쌓을까요? 깊이가 주는
# 것(어떤 함수에는 훨씬 적은 매개변수(parameter))과 깊이의 대가(거꾸로 전해지는 동안 그래디언트(gradient)가 사라져서 앞쪽 층이 느리게 배우는 것)를 재 보고, 해결책을 정리해요.
#
# 본문의 모든 숫자는 셀이 계산한 값이에요. ✏️ 표시가 있는 연습 문제(exercise)는 무언가를 예측하거나 직접
# 작성하게 해요. `exercises.nb04`의 채점기가 여러분의 답을 엔진과 비교해 줘요.
#
# 용어는 [용어집](용어집.md)을 따라요: 한 뜻에 한 낱말을 쓰고, 처음 나올 때 영어 원어를 괄호 안에 함께 적어요.

# %%
# %matplotlib inline
import math
import random

import matplotlib.pyplot as plt
import numpy as np

from matplotlib.ticker import MaxNLocator

from autograd import Value, topological_order
from exercises import nb04
from nn import MLP, SGD, Adam, Layer, Module, Neuron, fit, mse_loss
from viz import draw_dot, draw_model, tr

# %% [markdown] lang="ko"
# 아래 셀은 `viz`가 그리는 그림의 글자(그래프 제목, 범례, 단계 설명)를 한국어로 바꿔요(이 노트북이 matplotlib으로 직접 그리는 그래프의 글자도 공통 코드가 `tr`로 불러서 한국어로 나와요).

# %% lang="ko"
import viz

viz.set_language("ko")

# %% [markdown]
# ## A neuron is a linear model plus an activation
#
# A neuron with inputs $x_0, \dots, x_{n-1}$ computes a weighted sum plus a bias, exactly
# as linear regression does, and passes it through an activation $f$:
#
# $$a = f\Big(b + \sum_{i=0}^{n-1} w_i x_i\Big).$$
#
# `nn.Neuron` holds the weights `w0, w1, ...` and the bias `b` as `Value`s, so everything it
# computes is recorded in a graph. Its weights start at random values (`seed` makes them
# reproducible); how large they should be is a question of its own (initialisation, near
# the end of this notebook).

# %% [markdown] lang="ko"
# ## 뉴런은 선형 모델에 활성화 함수를 합성한 것
#
# 입력이 $x_0, \dots, x_{n-1}$인 뉴런은 선형 회귀(linear regression)와 똑같이 가중합(weighted sum)에
# 편향(bias)을 더하고, 그 결과를 활성화 함수 $f$에 통과시켜요:
#
# $$a = f\Big(b + \sum_{i=0}^{n-1} w_i x_i\Big).$$
#
# `nn.Neuron`은 가중치(weight) `w0, w1, ...`와 편향 `b`를 `Value`로 가지고 있어서, 뉴런이 계산하는 모든
# 것이 그래프에 기록돼요. 가중치는 무작위 값에서 시작하고(`seed`로 재현할 수 있어요), 가중치가 얼마나
# 커야 하는지는 그 자체로 하나의 질문이에요(이 노트북 끝부분의 초기화(initialisation)).

# %%
neuron = Neuron(3, activation="tanh", seed=0)
x = [0.5, -1.0, 2.0]
z = neuron.b.data + sum(w.data * xi for w, xi in zip(neuron.w, x))
by_hand = math.tanh(z)
a = neuron(x)
print("weights", [round(w.data, 4) for w in neuron.w], " bias", neuron.b.data)
print(f"linear part z = {z:.6f}, tanh(z) = {by_hand:.6f}, neuron(x) = {a.data:.6f}")
a.label = "a"
draw_dot(a, params=neuron, rankdir="TB", show_grad=False)  # top to bottom; no gradients yet

# %% tags=["remove-cell"]
assert abs(a.data - by_hand) < 1e-15

# %% [markdown]
# ## Forward propagation through an MLP
#
# A **layer** is several neurons that all read the same inputs; an **MLP** feeds each
# layer's outputs to the next. *Forward propagation* is just that: start from the input,
# apply layer after layer (a linear map, then the activation), and read the last layer's
# output. In matrix form, with $h_0 = x$, layer $l$ (counted from 0, as `model.layers[l]`)
# computes $h_{l+1} = f(W_l h_l + b_l)$, where row $j$ of $W_l$ holds the weights of the
# layer's neuron $j$.
#
# Below, `MLP(2, [3, 3, 1])`: two inputs, two hidden layers of three tanh neurons, one
# linear output, so three layers of weights. `MLP` draws its initial weights at random,
# scaled to the size of each layer (Xavier or He initialisation; why, under the remedies
# below). We walk through it one layer at a time and compare with the matrix form computed
# in NumPy.

# %% [markdown] lang="ko"
# ## MLP의 순전파
#
# **층**은 모두 같은 입력을 읽는 여러 뉴런이고, **MLP**는 각 층의 출력을 다음 층에 넘겨요. *순전파*가
# 바로 이것이에요: 입력에서 시작해 층을 하나씩 적용하고(선형 사상(linear map) 다음에 활성화 함수), 마지막
# 층의 출력을 읽어요. 행렬로 쓰면, $h_0 = x$일 때 층 $l$(`model.layers[l]`처럼 0부터 세요)은
# $h_{l+1} = f(W_l h_l + b_l)$을 계산하고, $W_l$의 $j$번째 행에는 그 층의 뉴런 $j$의 가중치가 들어 있어요.
#
# 아래의 `MLP(2, [3, 3, 1])`은 입력 2개, tanh 뉴런 3개짜리 은닉층 2개, 선형 출력 1개로 이루어져서 가중치
# 층이 셋이에요. `MLP`는 초기 가중치를 무작위로 뽑되 각 층의 크기에 맞게 크기를 조절해요(Xavier 또는 He
# 초기화. 그 이유는 아래 해결책에서 다뤄요). 한 층씩 따라가며 NumPy로 계산한 행렬 형태와 비교해 봐요.

# %%
model = MLP(2, [3, 3, 1], activation="tanh", seed=1)
x = [1.0, -0.5]

h = [Value(v) for v in x]
h_numpy = np.array(x)
differences, lines = [], [str(model)]
for i, layer in enumerate(model.layers):
    h = layer(h)
    h = h if isinstance(h, list) else [h]
    W = np.array([[w.data for w in n.w] for n in layer.neurons])
    b = np.array([n.b.data for n in layer.neurons])
    pre = W @ h_numpy + b
    h_numpy = np.tanh(pre) if i < len(model.layers) - 1 else pre  # the output layer is linear
    differences.append(np.abs(np.array([v.data for v in h]) - h_numpy).max())
    lines.append(f"layer {i}: W is {W.shape[0]}x{W.shape[1]}, output {[round(v.data, 4) for v in h]}")
lines.append(f"model(x) = {model(x).data:.4f}")
lines.append(f"largest difference between the engine and the matrix form: {max(differences):.0e}")
print("\n".join(lines))

# %% tags=["remove-cell"]
assert max(differences) < 1e-14
assert model(x).data == h[0].data

# %% [markdown]
# `draw_model` draws the same network as layers of neurons: each line is a weight (its
# width grows with $|w|$; blue positive, orange negative), and each neuron's fill shows its
# bias.

# %% [markdown] lang="ko"
# `draw_model`은 같은 신경망을 뉴런의 층으로 그려요: 선 하나하나가 가중치이고(선의 굵기는 $|w|$와 함께
# 커지고, 파란색은 양수, 주황색은 음수), 각 뉴런을 채운 색은 그 뉴런의 편향을 나타내요.

# %%
draw_model(model)

# %% [markdown]
# Each of those 25 parameters is a `Value`, and one forward pass records every
# multiplication, addition and activation as a node of the computation graph; that graph
# is what backpropagation (notebook 5) walks back through.

# %% [markdown] lang="ko"
# 매개변수 25개 하나하나가 `Value`이고, 순전파 한 번이 모든 곱셈, 덧셈, 활성화 함수를 계산 그래프(computation
# graph)의 노드로 기록해요. 역전파(backpropagation, 노트북 5)가 거꾸로 따라가는 것이 바로 이 그래프예요.

# %%
print("parameters:", model.num_parameters())
print("nodes recorded by one forward pass:", len(topological_order(model(x))))

# %% tags=["remove-cell"]
assert model.num_parameters() == (2 * 3 + 3) + (3 * 3 + 3) + (3 * 1 + 1) == 25

# %% [markdown]
# ✏️ **Exercise 1.** Without running anything, how many parameters does
# `MLP(3, [4, 4, 2])` have? Count the weights and the biases layer by layer.

# %% [markdown] lang="ko"
# ✏️ **연습 문제 1.** 아무것도 실행하지 말고 답해 보세요: `MLP(3, [4, 4, 2])`의 매개변수는 몇 개일까요?
# 층마다 가중치와 편향을 세어 보세요.

# %%
answer = ...  # replace ... with a whole number
nb04.check_count_parameters(answer);

# %% [markdown]
# ✏️ **Exercise 2.** Write one layer's forward pass in matrix form: `layer_forward(W, b, x)`
# returns the outputs of a layer of tanh neurons, where row $j$ of the NumPy array `W` holds
# neuron $j$'s weights and `b` its biases. The checker compares it with an engine `Layer`.

# %% [markdown] lang="ko"
# ✏️ **연습 문제 2.** 한 층의 순전파를 행렬 형태로 작성해 보세요: `layer_forward(W, b, x)`는 tanh 뉴런으로
# 이루어진 층의 출력을 돌려줘요. 여기서 NumPy 배열 `W`의 $j$번째 행은 뉴런 $j$의 가중치이고 `b`는 편향들이에요.
# 채점기가 엔진의 `Layer`와 비교해요.

# %%
def layer_forward(W, b, x):
    return ...  # replace ... with the layer's outputs (a NumPy array)


nb04.check_layer_forward(layer_forward);

# %% [markdown]
# ## One hidden layer can approximate any continuous function
#
# The **universal approximation theorem** says that a network with a single hidden layer
# of enough non-linear units (tanh, sigmoid, ReLU, ...) can approximate any continuous
# function on a closed and bounded (compact) domain, such as $[-\pi, \pi]$, as closely as we
# like. The idea is visible: each tanh
# unit is a smooth step that can be placed anywhere and scaled, and a weighted sum of
# enough steps can follow any curve.
#
# We fit $\sin x$ on $[-\pi, \pi]$ with one hidden layer of 1, 2, 4 and 8 tanh units
# (inputs scaled to $[-1, 1]$). Two tools do the training, previewed here in one line each:
# `fit(model, X, y, loss, optimizer, steps=...)` repeats a training step (forward pass over
# the data, the loss, here the mean squared error, a backward pass for the gradients, as
# notebook 5 explains, and an update of the parameters; notebook 6 builds it); `Adam` is
# gradient descent with a step size adapted to each parameter (explained below, under
# *The cost of depth*). Every network gets the same budget: 400 steps at learning rate 0.05.

# %% [markdown] lang="ko"
# ## 은닉층 하나로 어떤 연속함수든 근사할 수 있다
#
# **보편 근사 정리**(universal approximation theorem)에 따르면, 비선형(non-linear) 유닛(unit: tanh, sigmoid,
# ReLU, ...)이 충분히 많은 은닉층 하나짜리 신경망은 $[-\pi, \pi]$ 같은 닫힌 유계 집합(compact set, 콤팩트
# 집합)에서 어떤 연속함수(continuous function)든 원하는 만큼 가깝게 근사할 수 있어요. 그 아이디어는 눈으로 볼 수 있어요: tanh 유닛 하나는
# 어디에든 놓고 크기를 조절할 수 있는 매끄러운 계단이고, 계단을 충분히 많이 가중합하면 어떤 곡선이든
# 따라갈 수 있어요.
#
# $[-\pi, \pi]$에서 $\sin x$를 tanh 유닛 1, 2, 4, 8개짜리 은닉층 하나로 맞춰 봐요(입력은 $[-1, 1]$로
# 스케일을 맞춰요). 학습에는 도구 두 가지를 쓰는데, 여기서는 한 줄씩만 미리 소개해요:
# `fit(model, X, y, loss, optimizer, steps=...)`는 학습 단계를 반복해요(데이터에 대한 순전파, 손실(loss, 여기서는
# 평균 제곱 오차(mean squared error)), 그래디언트를 구하는 역전파(노트북 5에서 설명해요), 그리고 매개변수
# 갱신이에요. 노트북 6에서 직접 만들어요). `Adam`은 매개변수마다 보폭을 맞춰 주는 경사 하강법(gradient
# descent)이에요(아래 *깊이의 대가*에서 설명해요). 모든 신경망에 같은 예산을 줘요: 학습률(learning rate)
# 0.05로 400단계.

# %%
xs = np.linspace(-math.pi, math.pi, 40)
X, y = (xs / math.pi).reshape(-1, 1), np.sin(xs)
widths = [1, 2, 4, 8]


def error_of(net):
    """The mean squared error of net on the 40 points."""
    return mse_loss([net([v]) for v in X[:, 0]], list(y)).data


def fit_sine(width, seed=0, steps=400):
    """One hidden layer of `width` tanh units, trained with Adam; returns (net, loss per step)."""
    net = MLP(1, [width, 1], activation="tanh", seed=seed)
    history = fit(net, X, y, mse_loss, Adam(net.parameters(), lr=0.05), steps=steps, shuffle=False, progress=False)
    return net, history["loss"]


fits = {width: fit_sine(width) for width in widths}
sine_errors = {width: error_of(net) for width, (net, _) in fits.items()}
print("\n".join(
    f"{w} hidden {'unit ' if w == 1 else 'units'} ({fits[w][0].num_parameters():>2} parameters): "
    f"mean squared error {sine_errors[w]:.1e}"
    for w in widths
))

# %% tags=["remove-cell"]
errors = [sine_errors[w] for w in widths]
assert errors[0] > 0.05 and errors[0] > errors[1] > max(errors[2:])
assert errors[0] > 100 * errors[2] and errors[0] > 100 * errors[3]

# %%
grid = np.linspace(-math.pi, math.pi, 200)
fig, axes = plt.subplots(1, len(widths), figsize=(12, 2.8), sharey=True)
for ax, width in zip(axes, widths):
    net, error = fits[width][0], sine_errors[width]
    ax.plot(grid, np.sin(grid), color="lightgray", linewidth=4, label="sin x")
    ax.plot(grid, [net([g / math.pi]).data for g in grid], color="tab:blue", label=tr("network"))
    ax.set_title(tr("{width} tanh units: error {error:.0e}" if width > 1 else "1 tanh unit: error {error:.0e}", width=width, error=error))
axes[0].legend(loc="upper left")
plt.tight_layout()
plt.show()


# %% [markdown]
# One unit can only make a single S-shaped step, so it cannot follow both the crest and
# the trough of the sine; two units do better; with four or eight units the error is more
# than 100 times smaller than with one, and the fitted curve covers the sine. The theorem
# promises that such a network *exists* for every accuracy; it does not say how many units
# are needed, nor that training will find them.
#
# ### Why eight units end slightly worse than four here
#
# Eight units should never be worse than four: they can compute everything four can. The
# cell below shows it by construction: an 8-unit network that copies the four trained units
# and gives four more units an output weight of 0 computes exactly the 4-unit function, so
# its error is the same. It then looks at training itself: the loss curves of the 4-unit
# and 8-unit networks, and the same two widths trained from other random starting points
# (seeds).

# %% [markdown] lang="ko"
# 유닛 하나는 S자 계단 하나밖에 만들 수 없어서 사인의 마루와 골을 둘 다 따라가지 못해요. 유닛 둘은 더
# 낫고, 넷이나 여덟이면 오차가 유닛 하나일 때보다 100배 넘게 작아지며 맞춘 곡선이 사인을 덮어요. 정리는
# 원하는 정확도마다 그런 신경망이 *존재한다*고 약속할 뿐, 유닛이 몇 개 필요한지도, 학습이 그 신경망을
# 찾아낸다는 것도 말해 주지 않아요.
#
# ### 여기서 유닛 8개가 4개보다 조금 나쁘게 끝나는 이유
#
# 유닛 8개가 4개보다 나쁠 이유는 없어요: 4개가 계산하는 것은 모두 계산할 수 있으니까요. 아래 셀은 이것을
# 직접 만들어 보여 줘요: 학습된 유닛 4개를 복사하고 나머지 유닛 4개의 출력 가중치를 0으로 둔 8-유닛
# 신경망은 4-유닛 함수를 정확히 계산하므로 오차도 같아요. 그다음 학습 자체를 살펴봐요: 4-유닛과 8-유닛
# 신경망의 손실 곡선, 그리고 같은 두 너비를 다른 무작위 시작점(시드(seed))에서 학습한 결과를요.

# %%
four, _ = fits[4]
copy = MLP(1, [8, 1], activation="tanh", seed=0)
out, four_out = copy.layers[1].neurons[0], four.layers[1].neurons[0]
for j, neuron in enumerate(copy.layers[0].neurons):
    source = four.layers[0].neurons[j % 4]
    neuron.w[0].data, neuron.b.data = source.w[0].data, source.b.data
    out.w[j].data = four_out.w[j].data if j < 4 else 0.0  # units 4 to 7 are switched off
out.b.data = four_out.b.data

other_seeds = {seed: (error_of(fit_sine(4, seed)[0]), error_of(fit_sine(8, seed)[0])) for seed in [1, 2]}
four_error, eight_error, copy_error = error_of(four), error_of(fits[8][0]), error_of(copy)
eight_last = fits[8][1][-30:]
print(f"trained, 4 units:                     {four_error:.2e}")
print(f"trained, 8 units:                     {eight_error:.2e}")
print(f"8 units copying the trained 4 units:  {copy_error:.2e}")
print(f"8 units during its last 30 steps:     from {min(eight_last):.2e} to {max(eight_last):.2e}")
print("the same 400 steps from other starting points:")
for seed, (e4, e8) in other_seeds.items():
    print(f"  seed {seed}: 4 units {e4:.1e}, 8 units {e8:.1e}")

fig, ax = plt.subplots(figsize=(7, 2.8))
for width, color in [(4, "tab:blue"), (8, "tab:orange")]:
    ax.semilogy(fits[width][1], color=color, label=tr("{width} units", width=width))
ax.set_xlabel(tr("training step"))
ax.set_ylabel(tr("mean squared error"))
ax.set_title(tr("seed 0: both curves still falling at step 400, and bumpy"))
ax.legend()
plt.tight_layout()
plt.show()

# %% tags=["remove-cell"]
assert abs(copy_error - four_error) < 1e-15 and eight_error > four_error
assert all(e8 < e4 for e4, e8 in other_seeds.values())
assert max(eight_last) > 2 * min(eight_last) and min(eight_last) < four_error

# %% [markdown]
# So the gap is not capacity: an 8-unit network exists with the 4-unit error (and training
# could lower it further). It is optimisation within a fixed budget. After 400 steps at a
# fixed learning rate neither network has converged: both curves are still falling, and
# Adam's steps at learning rate 0.05 make the 8-unit loss jump up and down by a factor of
# about 10 within the last 30 steps, passing *below* the 4-unit network's final error on
# the way, so where step 400 happens to land decides the comparison. With the other two
# seeds, eight units end below four. Comparing widths fairly takes more
# steps, a decaying learning rate, and several seeds; one run of a fixed budget measures
# the training as much as the network.
#
# ## Width or depth? Counting parameters for the same function
#
# How many units *are* needed can depend dramatically on depth. Take the **tent map**
# $t(x) = 2x$ for $x \le \frac12$, $2 - 2x$ above, on $[0, 1]$. It is exactly two ReLUs:
# $t(x) = 2\,\mathrm{relu}(x) - 4\,\mathrm{relu}(x - \frac12)$. Applying it $k$ times
# gives a **sawtooth** with $2^{k-1}$ teeth, that is $2^k$ straight pieces.
#
# - **Deep:** $k$ hidden layers of 2 ReLU units each compute the $k$-fold tent map
#   exactly: parameters grow *linearly* with $k$.
# - **Shallow:** a single hidden layer of $n$ ReLU units is piecewise linear with at most
#   $n$ kinks, so the $2^k - 1$ kinks of the sawtooth need at least $2^k - 1$ units:
#   parameters grow *exponentially* with $k$.
#
# Both networks are built below with `nn.MLP` and explicit weights, and the engine checks
# that they compute the same function: on a grid of 257 points that contains every kink, both
# must agree with the sawtooth.

# %% [markdown] lang="ko"
# 그러니 차이는 표현력(capacity)이 아니에요: 4-유닛 오차를 내는 8-유닛 신경망이 존재해요(그리고 학습하면
# 그보다 더 낮출 수도 있어요). 차이는 고정된 예산 안에서의 최적화(optimisation)에서 와요. 고정된 학습률로
# 400단계를 학습한 뒤에도 두 신경망 모두 수렴하지 않았어요: 두 곡선 모두 아직 내려가고 있고, 학습률 0.05인
# Adam의 단계 때문에 8-유닛 손실은 마지막 30단계 동안 약 10배 폭으로 오르내리며 도중에 4-유닛 신경망의 최종
# 오차보다 *아래로* 내려가기도 해요. 그래서 400번째 단계가 어디에 떨어지느냐가 비교 결과를 정해요. 다른 두
# 시드에서는 유닛 8개가 4개보다 낮게 끝나요. 너비를 공정하게 비교하려면 더 많은 단계, 점점 줄어드는
# 학습률, 여러 시드가 필요해요. 고정된 예산으로 한 번 돌린 결과는 신경망만큼이나 학습 과정을 재는 셈이에요.
#
# ## 너비냐 깊이냐: 같은 함수에 필요한 매개변수 세기
#
# 유닛이 몇 개 *필요한지*는 깊이에 따라 극적으로 달라질 수 있어요. $[0, 1]$에서 $x \le \frac12$이면
# $t(x) = 2x$, 그보다 크면 $2 - 2x$인 **텐트 사상**(tent map)을 생각해 봐요. 이것은 정확히 ReLU 두 개예요:
# $t(x) = 2\,\mathrm{relu}(x) - 4\,\mathrm{relu}(x - \frac12)$. 이것을 $k$번 적용하면(곧 $k$번 접으면, fold)
# 톱니가 $2^{k-1}$개인 **톱니파**(sawtooth), 즉 직선 조각이 $2^k$개인 함수가 돼요.
#
# - **깊은 신경망:** ReLU 2개짜리 은닉층 $k$개가 $k$번 접은 텐트 사상을 정확히 계산해요: 매개변수가 $k$에
#   *선형으로* 늘어요.
# - **얕은 신경망:** ReLU $n$개짜리 은닉층 하나는 꺾이는 점(kink)이 많아야 $n$개인 조각별 선형(piecewise
#   linear) 함수라서, 톱니파의 꺾이는 점 $2^k - 1$개를 만들려면 유닛이 적어도 $2^k - 1$개 필요해요: 매개변수가
#   $k$에 대해 *지수적으로* 늘어요.
#
# 아래에서 두 신경망을 모두 `nn.MLP`와 직접 정한 가중치로 만들고, 엔진으로 둘이 같은 함수를 계산하는지
# 확인해요: 모든 꺾이는 점을 포함하는 257개 점의 격자에서 둘 다 톱니파와 일치해야 해요.

# %%
def deep_sawtooth(k):
    """k hidden layers of 2 ReLUs: each layer applies the tent map to the previous one."""
    net = MLP(1, [2] * k + [1], activation="relu")
    for i, layer in enumerate(net.layers[:-1]):
        # the previous tent value is 2 h1 - 4 h2 (for the first layer, it is x itself)
        reads = [1.0] if i == 0 else [2.0, -4.0]
        for neuron, shift in zip(layer.neurons, [0.0, -0.5]):
            for w, r in zip(neuron.w, reads):
                w.data = r
            neuron.b.data = shift
    out = net.layers[-1].neurons[0]
    out.w[0].data, out.w[1].data, out.b.data = 2.0, -4.0, 0.0
    return net


def shallow_sawtooth(k):
    """One hidden layer: a ReLU at 0 and at each of the 2^k - 1 kinks, slopes +-2^k."""
    pieces, slope = 2**k, 2.0**k
    net = MLP(1, [pieces, 1], activation="relu")
    out = net.layers[1].neurons[0]
    for j, neuron in enumerate(net.layers[0].neurons):
        neuron.w[0].data, neuron.b.data = 1.0, -j / pieces
        out.w[j].data = slope if j == 0 else (-1) ** j * 2 * slope  # the change of slope at kink j
    out.b.data = 0.0
    return net


def sawtooth(x, k):
    for _ in range(k):
        x = 2 * x if x <= 0.5 else 2 - 2 * x
    return x


points = np.linspace(0, 1, 257)  # every kink of k <= 6 (multiples of 1/64) is a grid point
table = [f"{'k':>2} {'teeth':>6} {'deep params':>12} {'shallow params':>15}"]
counts, worst = [], 0.0
for k in range(1, 7):
    deep, shallow = deep_sawtooth(k), shallow_sawtooth(k)
    for p in points:
        target = sawtooth(p, k)
        worst = max(worst, abs(deep([p]).data - target), abs(shallow([p]).data - target))
    counts.append((k, deep.num_parameters(), shallow.num_parameters()))
    table.append(f"{k:>2} {2 ** (k - 1):>6} {deep.num_parameters():>12} {shallow.num_parameters():>15}")
table.append(f"largest difference from the sawtooth, both networks, every k: {worst:.0e}")
print("\n".join(table))

# %% tags=["remove-cell"]
assert worst < 1e-9
assert all(d == 6 * k + 1 for k, d, _ in counts) and all(s == 3 * 2**k + 1 for k, _, s in counts)

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 3))
for k in [1, 2, 3, 4]:
    axes[0].plot(points, [sawtooth(p, k) for p in points], label=f"k = {k}")
axes[0].set_title(tr("k-fold tent map: 2^(k-1) teeth"))
axes[0].legend(loc="upper right", fontsize=8)
ks = [k for k, _, _ in counts]
axes[1].semilogy(ks, [d for _, d, _ in counts], "o-", label=tr("deep: k layers of 2 ReLUs"))
axes[1].semilogy(ks, [s for _, _, s in counts], "s-", label=tr("shallow: one hidden layer"))
axes[1].set_xlabel(tr("k (folds = hidden layers of the deep network)"))
axes[1].xaxis.set_major_locator(MaxNLocator(integer=True))
axes[1].set_ylabel(tr("parameters (log scale)"))
axes[1].set_title(tr("parameters for the same function, exactly"))
axes[1].legend()
plt.tight_layout()
plt.show()

# %% [markdown]
# For six folds the deep network needs 37 parameters and the shallow one 193; every
# further fold adds 6 parameters to the deep network and doubles the shallow one. Depth
# lets a network *reuse* what earlier layers computed (each layer folds the output of the
# previous one), which one wide layer cannot do. Real data are not sawtooth functions, but
# they are full of structure built from parts (edges make shapes, shapes make objects),
# and deep networks exploit it in the same way.
#
# ✏️ **Exercise 3.** How many parameters do the two networks need for $k = 10$ folds? Give
# the pair (deep, shallow), counted from the shapes `MLP(1, [2] * k + [1])` and
# `MLP(1, [2**k, 1])`.

# %% [markdown] lang="ko"
# 여섯 번 접을 때 깊은 신경망은 매개변수 37개, 얕은 신경망은 193개가 필요해요. 한 번 더 접을 때마다 깊은
# 신경망에는 매개변수가 6개 더해지고 얕은 신경망은 두 배가 돼요. 깊이 덕분에 신경망은 앞 층이 계산한 것을
# *재사용*할 수 있어요(각 층이 앞 층의 출력을 접어요). 넓은 층 하나로는 그렇게 할 수 없어요. 실제 데이터는
# 톱니파가 아니지만 부분들로 쌓아 올린 구조로 가득하고(모서리가 모양을 이루고, 모양이 물체를 이뤄요), 깊은
# 신경망은 같은 방식으로 그 구조를 활용해요.
#
# ✏️ **연습 문제 3.** $k = 10$번 접을 때 두 신경망에는 매개변수가 몇 개 필요할까요?
# `MLP(1, [2] * k + [1])`과 `MLP(1, [2**k, 1])`의 모양에서 세어 (깊은 신경망, 얕은 신경망) 쌍으로 답하세요.

# %%
answer = ...  # replace ... with a pair (deep, shallow)
nb04.check_sawtooth_parameters(answer);

# %% [markdown]
# ## The cost of depth
#
# Depth is not free.
#
# 1. **Computation and memory grow with depth**: every layer adds nodes to the graph,
#    and backpropagation must keep the values of all of them until it has used them
#    (notebook 5 measures it).
# 2. **Gradients vanish (or explode) on the way back**: the gradient reaching layer $l$
#    is a product of one factor per layer above it. With sigmoids each factor carries a
#    slope of at most 0.25, so the first layers receive far smaller gradients than the
#    last ones, and they **learn far more slowly**: optimisation takes longer, or stalls.
#
# Both, measured: the graph size per forward pass, and the size of each layer's weight
# gradient in a 10-layer network at initialisation.

# %% [markdown] lang="ko"
# ## 깊이의 대가
#
# 깊이는 공짜가 아니에요.
#
# 1. **계산량과 메모리가 깊이에 따라 늘어요**: 층마다 그래프에 노드가 더해지고, 역전파는 모든 노드의 값을
#    다 쓸 때까지 보관해야 해요(노트북 5에서 재 봐요).
# 2. **그래디언트가 거꾸로 가는 동안 사라져요(기울기 소실, vanishing gradient) 또는 폭주해요(기울기 폭주,
#    exploding gradient)**: 층 $l$에 도달하는 그래디언트는 그 위의 층마다 인수 하나씩을 곱한 값이에요.
#    시그모이드(sigmoid)를 쓰면 각 인수에 들어 있는 기울기가 많아야 0.25라서, 앞쪽(입력 쪽) 층은 뒤쪽(출력 쪽)
#    층보다 훨씬 작은 그래디언트를 받고 **훨씬 느리게 배워요**: 최적화가 오래 걸리거나 멈춰 버려요.
#
# 둘 다 재 봐요: 순전파 한 번당 그래프 크기, 그리고 초기화 직후 10층 신경망에서 층마다 가중치 그래디언트의
# 크기.

# %%
lines = []
for depth in [1, 5, 10, 20]:
    net = MLP(4, [8] * depth + [1], activation="sigmoid", seed=0)
    lines.append(f"{depth:>2} hidden layers: {net.num_parameters():>5} parameters, "
                 f"{len(topological_order(net([0.1, 0.2, 0.3, 0.4]))):>5} nodes per forward pass")


def layer_gradient_norms(net, inputs):
    net.zero_grad()
    for x in inputs:
        net(x).backward()
    return [math.sqrt(sum(w.grad**2 for n in layer.neurons for w in n.w)) for layer in net.layers]


rng = random.Random(0)
inputs = [[rng.uniform(-1, 1) for _ in range(4)] for _ in range(10)]
deep_sigmoid = MLP(4, [8] * 10 + [1], activation="sigmoid", seed=0)
sigmoid_norms = layer_gradient_norms(deep_sigmoid, inputs)
lines += ["", "weight-gradient size per layer, 10 sigmoid layers (input side first):",
          " ".join(f"{g:.0e}" for g in sigmoid_norms),
          f"the first layer's gradient is {sigmoid_norms[-1] / sigmoid_norms[0]:.0e} times smaller than the last layer's"]
print("\n".join(lines))

# %% tags=["remove-cell"]
assert sigmoid_norms[-1] / sigmoid_norms[0] > 1e6

# %% [markdown]
# ✏️ **Exercise 4.** The sigmoid's slope is never larger than at $x = 0$. Ignoring the
# weights, what is the largest possible product of the slopes of ten sigmoid layers, the
# factor that multiplies a gradient on its way back through them?

# %% [markdown] lang="ko"
# ✏️ **연습 문제 4.** 시그모이드의 기울기는 $x = 0$에서보다 커지는 일이 없어요. 가중치를 무시할 때, 시그모이드
# 층 10개의 기울기를 곱한 값, 곧 그래디언트가 이 층들을 거꾸로 지나며 곱해지는 인수는 최대 얼마일까요?

# %%
answer = ...  # replace ... with a number
nb04.check_sigmoid_slopes(answer);


# %% [markdown]
# What that means for learning: train this 10-layer sigmoid network with plain gradient
# descent (SGD) for 100 steps, to fit the sum of its inputs, and measure how far each
# layer's weights moved relative to their size. Every step moves a weight in proportion to
# its gradient, so the layers near the output do all the moving and the first layers stay
# practically where they started.

# %% [markdown] lang="ko"
# 이것이 학습에 어떤 의미인지 봐요: 이 10층 시그모이드 신경망을 평범한 경사 하강법(SGD)으로 100단계 학습시켜
# 입력의 합을 맞추게 하고, 층마다 가중치가 자기 크기에 비해 얼마나 움직였는지 재요. 단계마다 가중치는
# 그래디언트에 비례해 움직이므로, 출력 가까운 층들만 움직이고 앞쪽 층들은 사실상 처음 자리에 머물러요.

# %%
def relative_change_per_layer(net, optimizer, steps=100):
    before = [np.array([w.data for n in layer.neurons for w in n.w]) for layer in net.layers]
    X = np.array(inputs)
    fit(net, X, X.sum(axis=1), mse_loss, optimizer, steps=steps, shuffle=False, progress=False)
    after = [np.array([w.data for n in layer.neurons for w in n.w]) for layer in net.layers]
    return [np.linalg.norm(a - b) / np.linalg.norm(b) for a, b in zip(after, before)]


net = MLP(4, [8] * 10 + [1], activation="sigmoid", seed=0)
moved_sgd = relative_change_per_layer(net, SGD(net.parameters(), lr=0.05))
print("SGD:  relative change of each layer's weights (input side first):")
print("      " + " ".join(f"{m:.0e}" for m in moved_sgd))

# %% tags=["remove-cell"]
assert moved_sgd[0] < 1e-4 * moved_sgd[-1]

# %% [markdown]
# **Adam** is different: it divides each parameter's step by the running size of that
# parameter's own gradients, so a weight with a tiny gradient still takes steps of about
# the learning rate. Trained with Adam, the same network moves every layer, the first ones
# included:

# %% [markdown] lang="ko"
# **Adam**은 달라요: 각 매개변수의 보폭을 그 매개변수 자신의 그래디언트가 최근에 보인 크기로 나누므로,
# 그래디언트가 아주 작은 가중치도 대략 학습률만 한 보폭으로 움직여요. 같은 신경망을 Adam으로 학습시키면 앞쪽
# 층까지 모든 층이 움직여요:

# %%
net = MLP(4, [8] * 10 + [1], activation="sigmoid", seed=0)
moved_adam = relative_change_per_layer(net, Adam(net.parameters(), lr=0.01))
print("Adam: relative change of each layer's weights (input side first):")
print("      " + " ".join(f"{m:.0e}" for m in moved_adam))

# %% tags=["remove-cell"]
assert moved_adam[0] > 0.1


# %% [markdown]
# That is why adaptive optimisers are among the remedies below, but they only rescale the
# steps: the direction of a first-layer step still comes from a gradient millions of times
# smaller than the last layer's.
#
# ## Why stack layers, what goes wrong, and what fixes it
#
# This answers the lecture's third pre-question.
#
# **Why.** A single hidden layer suffices *in principle*, but some functions need
# exponentially many units that way, while a deep network builds them from reused parts
# with few parameters (the sawtooth above). Deep networks learn a hierarchy of features,
# each layer composing the previous one's, which matches how structure in real data is
# organised.
#
# **Drawbacks.** Gradients vanish or explode through many layers, so the first layers
# learn slowly or not at all; optimisation takes longer and is more sensitive to the
# learning rate and the initialisation; each layer costs computation and, for
# backpropagation, memory; and more parameters can overfit a small data set.
#
# **Remedies.**
# - *Activations that pass gradients*: ReLU and its variants (notebook 2) have slope 1
#   where active (the weights still multiply the gradient, hence the next point).
# - *Initialisation matched to the activation*: Xavier/Glorot for tanh and sigmoid
#   (weights drawn with variance $2 / (n_\text{in} + n_\text{out})$), He for ReLU
#   (variance $2 / n_\text{in}$, making up for the half of its inputs that ReLU zeroes), so
#   that signals and gradients keep their size from layer to layer. `MLP` picks the
#   matching one by default (`init="auto"`); every network in this notebook used it.
# - *Residual (skip) connections*: a layer computes $h + F(h)$ instead of $F(h)$; the
#   identity path carries the gradient back unchanged, however deep the network.
# - *Normalisation layers* (batch norm, layer norm), which keep each layer's inputs in
#   the range where the activation has a useful slope.
# - *Better optimisers and schedules*: Adam and friends rescale each parameter's step;
#   learning-rate warm-up and decay; gradient clipping against explosion.
# - *Regularisation* against overfitting: weight decay (an L2 penalty), dropout, early
#   stopping, more data.
#
# Two of the remedies, measured on the 10-layer network above: the first layer's gradient
# compared with the last layer's, with tanh or ReLU (each with its matched initialisation)
# instead of sigmoid, and with residual connections around the same sigmoid layers.

# %% [markdown] lang="ko"
# 그래서 적응형 옵티마이저(adaptive optimiser)가 아래 해결책에 들어가요. 하지만 이들은 보폭만 바꿀
# 뿐이에요: 첫 층 단계의 방향은 여전히 마지막 층보다 수백만 배 작은 그래디언트에서 나와요.
#
# ## 층을 왜 쌓는지, 무엇이 문제이고 무엇으로 고치는지
#
# 강의 노트의 세 번째 Pre-question에 대한 답이에요.
#
# **왜.** 은닉층 하나로 *원리적으로는* 충분하지만, 어떤 함수는 그렇게 하면 유닛이 지수적으로 많이 필요해요.
# 반면 깊은 신경망은 재사용되는 부분들로 적은 매개변수만 써서 그 함수를 만들어요(위의 톱니파). 깊은 신경망은
# 특징의 계층 구조(hierarchy of features)를 배우고, 각 층이 앞 층의 특징을 조합해요. 이것은 실제 데이터 속
# 구조가 짜여 있는 방식과 맞아요.
#
# **단점.** 그래디언트가 여러 층을 지나며 사라지거나 폭주해서 앞쪽 층이 느리게 배우거나 전혀 배우지 못해요.
# 최적화가 오래 걸리고 학습률과 초기화에 더 민감해져요. 층마다 계산량이 들고, 역전파를 위해서는 메모리도
# 들어요. 그리고 매개변수가 많으면 작은 데이터 세트에 과적합(overfitting)할 수 있어요.
#
# **해결책.**
# - *그래디언트를 잘 전하는 활성화 함수*: ReLU와 그 변형들(노트북 2)은 활성화된 구간에서 기울기가 1이에요(가중치는
#   여전히 그래디언트에 곱해지므로 다음 항목이 함께 필요해요).
# - *활성화 함수에 맞춘 초기화*: tanh와 sigmoid에는 Xavier/Glorot(분산 $2 / (n_\text{in} + n_\text{out})$로
#   가중치를 뽑아요), ReLU에는 He(분산 $2 / n_\text{in}$, ReLU가 입력의 절반을 0으로 만드는 것을 메워요). 그러면
#   신호와 그래디언트가 층에서 층으로 크기를 유지해요. `MLP`는 기본값(`init="auto"`)으로 맞는 초기화를 골라요.
#   이 노트북의 모든 신경망이 그것을 썼어요.
# - *잔차(스킵) 연결*(residual/skip connection): 층이 $F(h)$ 대신 $h + F(h)$를 계산해요. 항등 경로가
#   그래디언트를 바꾸지 않고 거꾸로 전하므로, 신경망이 아무리 깊어도 그래디언트가 전해져요.
# - *정규화 층*(normalisation layer: 배치 정규화(batch norm), 층 정규화(layer norm)): 각 층의 입력을 활성화 함수의
#   기울기가 쓸모 있는 범위에 유지해요.
# - *더 나은 옵티마이저와 스케줄*: Adam과 그 비슷한 옵티마이저들은 매개변수마다 보폭을 조절해요. 학습률
#   워밍업(warm-up)과 감쇠(decay), 폭주를 막는 그래디언트 클리핑(gradient clipping)도 있어요.
# - 과적합을 막는 *규제*(regularisation): 가중치 감쇠(weight decay, L2 벌점), 드롭아웃(dropout), 조기
#   종료(early stopping), 더 많은 데이터.
#
# 위의 10층 신경망에서 해결책 두 가지를 재 봐요: 첫 층의 그래디언트를 마지막 층의 그래디언트와 비교하는데,
# 시그모이드 대신 tanh나 ReLU를 쓸 때(각각 맞춘 초기화와 함께), 그리고 같은 시그모이드 층들에 잔차 연결을
# 둘러 줄 때를 봐요.

# %%
class ResidualMLP(Module):
    """x -> linear layer -> `depth` blocks h = h + layer(h) -> linear output."""

    def __init__(self, nin, width, depth, activation, seed):
        rng = random.Random(seed)
        self.first = Layer(nin, width, "linear", seed=rng)
        self.blocks = [Layer(width, width, activation, seed=rng) for _ in range(depth)]
        self.last = Layer(width, 1, "linear", seed=rng)
        self.layers = [self.first, *self.blocks, self.last]

    def __call__(self, x):
        h = self.first(x)
        for block in self.blocks:
            h = [a + b for a, b in zip(h, block(h))]  # the skip connection
        return self.last(h)


variants = {
    "sigmoid": deep_sigmoid,
    "tanh": MLP(4, [8] * 10 + [1], activation="tanh", seed=0),
    "relu": MLP(4, [8] * 10 + [1], activation="relu", seed=0),
    "sigmoid + residual": ResidualMLP(4, 8, 10, "sigmoid", seed=0),
}
all_norms = {name: layer_gradient_norms(net, inputs) for name, net in variants.items()}
ratios = {name: norms[0] / norms[-1] for name, norms in all_norms.items()}
print("\n".join(f"{name:>18}: first layer's gradient / last layer's = {r:.1e}" for name, r in ratios.items()))

fig, ax = plt.subplots(figsize=(7, 3))
for name, norms in all_norms.items():
    ax.semilogy(range(len(norms)), norms, "o-", label=name)
ax.set_xlabel(tr("layer (0 = first, next to the input)"))
ax.xaxis.set_major_locator(MaxNLocator(integer=True))
ax.set_ylabel(tr("weight-gradient size"))
ax.set_title(tr("gradient reaching each layer, at initialisation"))
ax.legend(fontsize=8)
plt.tight_layout()
plt.show()

# %% tags=["remove-cell"]
assert ratios["sigmoid"] < 1e-5
assert all(ratios[name] > 1e-2 for name in ["tanh", "relu", "sigmoid + residual"])

# %% [markdown]
# The same ten layers that starve their first layer of gradient with plain sigmoids keep
# it within two orders of magnitude of the last layer's once the activation passes
# gradients (tanh, ReLU, with the right initialisation) or once a skip connection gives the
# gradient a direct path. (In the chart, the residual network has one layer more than the
# others: a linear layer in front of its ten blocks, so that the skip connections add
# vectors of the same width.)
#
# ## Clarifications of the lecture note
#
# > **What the lecture note says, and what is true.** Both statements are right when read
# > precisely; these are clarifications, not corrections.
# >
# > 1. **Clarification.** *"2층의 신경망으로도 연속 함수를 근사할 수 있다"* (a 2-layer network can approximate
# >    any continuous function). True, once "2층" is read as the universal approximation
# >    theorem means it: **two layers of weights, that is one hidden layer** (input →
# >    hidden → output). Counted as layers of neurons, the same network has three (input,
# >    hidden, output), and the input layer computes nothing. The cell below counts both for
# >    the sine network of this notebook. The theorem also needs *enough* hidden units (one
# >    or two units did not fit the sine) and a closed and bounded (compact) input domain:
# >    it promises nothing about inputs far outside $[-\pi, \pi]$.
# > 2. **Clarification.** *"층이 깊을수록 목적함수를 근사하는데 필요한 노드 수가 줄어"* (the
# >    deeper, the fewer units a target function needs). Proven for some functions, not for
# >    all: the sawtooth's exact count above is the standard example (37 parameters deep
# >    against 193 shallow for six folds). The theorem itself counts no units, and the sine
# >    fit only shows that one shallow network suffices for a sine, not that depth would
# >    save nothing there. The note's last clause, "층이 깊어지면 그만큼 최적화가
# >    오래걸릴 수 있다", is shown by *The cost of depth* above.

# %% [markdown] lang="ko"
# 평범한 시그모이드로는 첫 층에 그래디언트가 거의 닿지 않던 같은 10개 층이, 활성화 함수가 그래디언트를 잘
# 전하거나(tanh, ReLU, 알맞은 초기화와 함께) 스킵 연결이 그래디언트에 직통 경로를 주면, 첫 층의 그래디언트를
# 마지막 층의 두 자릿수(100배) 안쪽으로 유지해요. (그래프에서 잔차 신경망은 다른 신경망보다 층이 하나 더
# 많아요: 스킵 연결이 같은 너비의 벡터끼리 더하도록, 블록 10개 앞에 선형 층 하나를 두었기 때문이에요.)
#
# ## 강의 노트 보충
#
# > **강의 노트에 쓰인 것과 실제로 참인 것.** 두 문장 모두 정확히 읽으면 맞아요. 정정이 아니라 보충이에요.
# >
# > 1. **보충.** *"2층의 신경망으로도 연속 함수를 근사할 수 있다"*. 참이에요. 단 "2층"을 보편 근사 정리가 뜻하는
# >    대로 읽을 때 그래요: **가중치 층 둘, 곧 은닉층 하나**(입력 → 은닉 → 출력). 뉴런의 층으로 세면 같은
# >    신경망의 층은 셋(입력, 은닉, 출력)이고, 입력층(input layer)은 아무것도 계산하지 않아요. 아래 셀이 이
# >    노트북의 사인 신경망을 두 가지 방식으로 세어 봐요. 또 정리가 성립하려면 은닉 유닛이 *충분히* 많아야 하고
# >    (유닛 한두 개로는 사인을 맞추지 못했어요), 입력의 정의역이 닫힌 유계 집합(콤팩트 집합)이어야 해요:
# >    $[-\pi, \pi]$ 밖으로 멀리 떨어진 입력에 대해서는 아무것도 약속하지 않아요.
# > 2. **보충.** *"층이 깊을수록 목적함수를 근사하는데 필요한 노드 수가 줄어"*. 어떤 함수에서는 증명되어 있지만
# >    모든 함수에서 그렇지는 않아요: 위에서 정확히 센 톱니파가 표준적인 예예요(여섯 번 접을 때 깊은 신경망
# >    매개변수 37개 대 얕은 신경망 193개). 정리 자체는 유닛 수를 세지 않고, 사인 근사는 사인에는 얕은 신경망
# >    하나로 충분하다는 것만 보여 줄 뿐, 거기서 깊이가 아무것도 아끼지 못한다는 증거는 아니에요. 같은 문장의
# >    끝 "층이 깊어지면 그만큼 최적화가 오래걸릴 수 있다"는 위의 「깊이의 대가」 절이 보여 줘요.

# %%
sine_net = fits[4][0]
weight_layers = len(sine_net.layers)  # one weight matrix per Layer
hidden_layers = weight_layers - 1  # every Layer but the output one
print(f"MLP(1, [4, 1]), the sine network: {weight_layers} weight layers "
      f"({' and '.join(f'{len(l.neurons)}x{len(l.neurons[0].w)}' for l in sine_net.layers)}), "
      f"{hidden_layers} hidden layer, {weight_layers + 1} layers of neurons counting the input")

# %% tags=["remove-cell"]
assert (weight_layers, hidden_layers) == (2, 1)

# %% [markdown]
# ✏️ **Exercise 5.** Count the lecture's way: how many weight layers ("층") and how many
# hidden layers does `MLP(2, [16, 16, 1])` have? Give the pair (weight layers, hidden
# layers).

# %% [markdown] lang="ko"
# ✏️ **연습 문제 5.** 강의 노트 방식으로 세어 보세요: `MLP(2, [16, 16, 1])`에는 가중치 층("층")이 몇 개이고
# 은닉층은 몇 개일까요? (가중치 층, 은닉층) 쌍으로 답하세요.

# %%
answer = ...  # replace ... with a pair (weight layers, hidden layers)
nb04.check_count_layers(answer);

# %% [markdown]
# ## Summary
#
# - A neuron is linear regression followed by an activation; a layer is many neurons on
#   the same inputs; an MLP chains layers, and forward propagation applies them in order.
# - One hidden layer can approximate any continuous function (a sine with a handful of
#   tanh units), but for some functions only at an exponential price in units: the deep
#   sawtooth network needs $6k + 1$ parameters where one hidden layer needs $3 \cdot 2^k + 1$.
# - Depth costs computation, memory, and, above all, gradient: with sigmoids the first
#   layers get gradients many orders of magnitude smaller and barely learn. ReLU-type
#   activations, matched initialisation, residual connections, normalisation, adaptive
#   optimisers and regularisation are the standard answers.
#
# Next: [5 · Backpropagation on a computation graph](05_backpropagation.ipynb).

# %% [markdown] lang="ko"
# ## 요약
#
# - 뉴런은 선형 회귀 뒤에 활성화 함수를 붙인 것이고, 층은 같은 입력을 읽는 여러 뉴런이며, MLP는 층을 이어 붙인
#   것이에요. 순전파는 층을 차례로 적용해요.
# - 은닉층 하나로 어떤 연속함수든 근사할 수 있지만(tanh 유닛 몇 개로 사인을 근사했어요), 어떤 함수에서는
#   유닛 수가 지수적으로 늘어나는 대가를 치러야 해요: 깊은 톱니파 신경망은 매개변수가 $6k + 1$개인데 은닉층
#   하나로는 $3 \cdot 2^k + 1$개가 필요해요.
# - 깊이는 계산량과 메모리, 그리고 무엇보다 그래디언트를 대가로 치러요: 시그모이드를 쓰면 앞쪽 층은 몇
#   자릿수나 작은 그래디언트를 받아 거의 배우지 못해요. ReLU 계열 활성화 함수, 활성화 함수에 맞춘 초기화, 잔차 연결,
#   정규화, 적응형 옵티마이저, 규제가 표준적인 해답이에요.
#
# 다음: [5 · 계산 그래프 위의 역전파](05_backpropagation.ipynb).
