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
# # 2 · Activation functions
#
# A neuron computes a weighted sum of its inputs and passes it through an **activation
# function**. This notebook asks why that function is needed at all, then looks at the six
# common ones (sigmoid, tanh, ReLU, Leaky ReLU, ELU, GELU): their shapes, ranges and
# derivatives, all computed by the engine. It ends with the two classic problems that
# decide which one to use: **vanishing gradients** in deep stacks and **dying ReLUs**.
# Exercises (marked ✏️) are checked against the engine by `exercises.nb02`.

# %% [markdown] lang="ko"
# # 2 · 활성화 함수
#
# | 강의 노트의 절 | 이 노트북에서 |
# |---|---|
# | 「Pre-question」 첫째: sigmoid, tanh, ReLU의 차이점과 활성화 함수로서 각각의 장단점 | 「시그모이드, tanh, ReLU 중 무엇을?」 |
# | 「활성함수 › 왜 활성화 함수가 필요한가?」 | 「신경망에 비선형성이 필요한 이유」 (XOR 문제) |
# | 「활성함수 › 활성화 함수의 종류」 (시그모이드, Tanh, ReLU, Leaky ReLU, ELU, GELU) | 「여섯 가지 활성화 함수」, 「치역과 도함수가 가장 큰 곳」, 부록 |
# | 「활성함수 › 활성화 함수의 종류」: 시그모이드·tanh와 vanishing gradient 문제, ReLU에는 vanishing gradient가 없다는 말 | 「기울기 소실」, 「강의 노트 정정과 보충」 4, 5 |
# | 「활성함수 › 활성화 함수의 종류」: ReLU가 음수에서 학습이 안 되는 문제와 leakyReLU, GELU | 「죽은 ReLU와 그 해법」 |
# | 「활성함수 › 활성화 함수의 종류」: 시그모이드 미분의 범위, tanh 미분이 1인 곳, ReLU의 gradient | 「강의 노트 정정과 보충」 1~3 |
#
# 강의 노트의 「소프트맥스 연산」은 노트북 3, 「신경망」과 「층을 왜 여러개 쌓을까?」는 노트북 4,
# 「순전파 알고리즘」과 「역전파 알고리즘」은 노트북 5에서 다뤄요.
#
# 뉴런은 입력의 가중합(weighted sum)을 계산한 뒤 그 값을 **활성화 함수**(activation function, 강의 노트의 「활성함수」)에
# 통과시켜요. 이 노트북은 먼저 그런 함수가 애초에 왜 필요한지 묻고, 흔히 쓰는 여섯 가지
# 활성화 함수(시그모이드(sigmoid), tanh, ReLU, Leaky ReLU, ELU, GELU)의 모양, 치역(range),
# 도함수(derivative)를 살펴봐요. 모두 엔진이 계산한 값이에요. 마지막으로 어느 함수를 쓸지 정하는
# 데 중요한 두 가지 고전적인 문제, 깊게 쌓은 층에서 생기는 **기울기 소실**(vanishing gradient)과
# **죽은 ReLU**(dying ReLU)를 다뤄요. 연습 문제(exercise, ✏️ 표시)는 `exercises.nb02`의 채점기가
# 엔진과 비교해 채점해요.
#
# 용어는 [용어집](용어집.md)을 따라요: 한 뜻에 한 낱말을 쓰고, 처음 나올 때 영어 원어를 괄호 안에 함께 적어요.

# %%
# %matplotlib inline
import math
import random

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator

from autograd import Value, grad, topological_order
from exercises import nb02
from nn import MLP, Neuron
from viz import draw_dot, plot_activations, tr

# %% [markdown] lang="ko"
# 다음 셀은 `viz`가 그리는 그림 속 글자(그래프 제목, 범례, 단계 설명)를 한국어로 바꿔요(이 노트북의
# 코드 셀이 matplotlib으로 직접 그리는 그래프의 글자도 `tr`을 거쳐 한국어로 나와요).

# %% lang="ko"
import viz

viz.set_language("ko")

# %% [markdown]
# ## Why a network needs a non-linearity
#
# Without activation functions every layer is an affine map $x \mapsto Wx + b$, and a
# composition of affine maps is again one affine map:
# $W_2(W_1(W_0 x + b_0) + b_1) + b_2 = (W_2 W_1 W_0)\,x + (W_2 W_1 b_0 + W_2 b_1 + b_2)$.
# However many layers we stack, the network can only represent what a single layer can.
#
# We check this numerically with `MLP` from `nn`, a preview of notebook 4:
# `MLP(n_inputs, [width of each layer], activation=...)` builds a fully connected network,
# each layer computing $f(Wx + b)$ with the activation $f$. Here `activation="linear"`
# means no $f$ at all. A three-layer linear network with random weights and biases computes
# exactly the same function as one matrix and one bias vector.

# %% [markdown] lang="ko"
# ## 신경망에 비선형성이 필요한 이유
#
# 활성화 함수가 없으면 모든 층은 아핀 사상(affine map) $x \mapsto Wx + b$이고, 아핀 사상을 합성하면
# 다시 아핀 사상 하나가 돼요:
# $W_2(W_1(W_0 x + b_0) + b_1) + b_2 = (W_2 W_1 W_0)\,x + (W_2 W_1 b_0 + W_2 b_1 + b_2)$.
# 층을 아무리 많이 쌓아도 신경망은 층 하나가 나타낼 수 있는 것밖에 나타내지 못해요. 비선형성(non-linearity)이
# 필요한 까닭이에요.
#
# 이것을 `nn`의 `MLP`로 수치적으로 확인해 봐요(노트북 4의 맛보기예요).
# `MLP(n_inputs, [width of each layer], activation=...)`는 완전 연결(fully connected) 신경망을
# 만들어요(대괄호 안은 각 층의 너비예요). 각 층은 활성화 함수 $f$로 $f(Wx + b)$를 계산하고, 여기서
# `activation="linear"`는 $f$가 아예 없다는 뜻이에요. 가중치(weight)와 편향(bias)이 무작위인 3층
# 선형 신경망은 행렬 하나와 편향 벡터 하나가 계산하는 함수와 정확히 같은 함수를 계산해요.

# %%
rng = random.Random(0)
deep_linear = MLP(2, [4, 4, 2], activation="linear", seed=0)
for p in deep_linear.parameters():  # random biases too, so nothing is special about 0
    p.data = rng.uniform(-1, 1)


def affine_map(layer):
    W = np.array([[w.data for w in neuron.w] for neuron in layer.neurons])
    b = np.array([neuron.b.data for neuron in layer.neurons])
    return W, b


W, c = np.eye(2), np.zeros(2)
for layer in deep_linear.layers:  # compose x -> W_l x + b_l, layer after layer
    W_l, b_l = affine_map(layer)
    W, c = W_l @ W, W_l @ c + b_l

worst = 0.0
for _ in range(100):
    x = [rng.uniform(-3, 3), rng.uniform(-3, 3)]
    network = np.array([v.data for v in deep_linear(x)])
    worst = max(worst, np.abs(network - (W @ np.array(x) + c)).max())
print(f"3 linear layers: {len(deep_linear.parameters())} parameters\n"
      f"one affine map:  {W.size + c.size} numbers, W =\n{W.round(4)}\nc = {c.round(4)}\n"
      f"largest difference over 100 random inputs: {worst:.0e} (floating-point rounding)")

# %% tags=["remove-cell"]
assert worst < 1e-12

# %% [markdown]
# So a linear network can only draw straight decision boundaries. The classic example it
# cannot learn is XOR: output 1 when exactly one of two inputs is 1. The best affine fit
# (least squares) predicts 0.5 for all four points, which is no better than a coin toss.
# One hidden layer with a non-linearity solves it exactly: with
# $h_0 = \mathrm{relu}(x_0 + x_1)$ and $h_1 = \mathrm{relu}(x_0 + x_1 - 1)$, the output
# $h_0 - 2 h_1$ is XOR.

# %% [markdown] lang="ko"
# 그러니 선형 신경망은 곧은 결정 경계(decision boundary)밖에 그리지 못해요. 선형 신경망이 배울 수
# 없는 고전적인 예가 XOR이에요. 두 입력 중 정확히 하나가 1일 때 1을 출력하는 함수예요. 가장 잘 맞춘 아핀
# 함수(최소제곱, least squares)는 네 점 모두에서 0.5를 예측하는데, 동전 던지기보다 나을 게 없어요.
# 비선형성이 있는 은닉층(hidden layer) 하나면 정확히 풀려요.
# $h_0 = \mathrm{relu}(x_0 + x_1)$, $h_1 = \mathrm{relu}(x_0 + x_1 - 1)$이라고 두면 출력
# $h_0 - 2 h_1$이 XOR이에요.

# %%
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([0, 1, 1, 0], dtype=float)
design = np.hstack([X, np.ones((4, 1))])
coef, *_ = np.linalg.lstsq(design, y, rcond=None)


def xor_network(x0, x1):
    x0, x1 = Value(x0), Value(x1)
    h0 = (x0 + x1).relu()
    h1 = (x0 + x1 - 1).relu()
    return h0 - 2 * h1


outputs = [xor_network(*x).data for x in X]
print(f"targets:                  {y}\n"
      f"best affine fit predicts: {(design @ coef).round(6)}\n"
      f"one ReLU hidden layer:    {np.array(outputs)}")

# %% tags=["remove-cell"]
assert np.allclose(design @ coef, 0.5)
assert outputs == list(y)

# %% [markdown]
# The non-linearity is what lets a network bend its decision boundary; how much it bends,
# and how well gradients pass through it, depends on which function we pick.
#
# ## Six activation functions
#
# | name | $f(x)$ | range |
# |---|---|---|
# | sigmoid | $\sigma(x) = \dfrac{1}{1 + e^{-x}}$ | $(0, 1)$ |
# | tanh | $\tanh x = \dfrac{e^x - e^{-x}}{e^x + e^{-x}} = 2\sigma(2x) - 1$ | $(-1, 1)$ |
# | ReLU | $\max(0, x)$ | $[0, \infty)$ |
# | Leaky ReLU | $x$ if $x > 0$, else $0.01\,x$ | $(-\infty, \infty)$ |
# | ELU | $x$ if $x > 0$, else $\alpha(e^x - 1)$, $\alpha = 1$ | $(-\alpha, \infty)$ |
# | GELU | $x\,\Phi(x)$, $\Phi$ the standard normal CDF | $[\approx -0.17, \infty)$ |
#
# ✏️ **Exercise 1.** Before looking at the plots: where is the sigmoid's slope largest,
# and how large is it there? Use $\sigma'(x) = \sigma(x)\,(1 - \sigma(x))$. Answer with a
# pair `(x, slope)`.

# %% [markdown] lang="ko"
# 신경망이 결정 경계를 구부릴 수 있는 것은 비선형성 덕분이에요. 얼마나 구부러지는지, 그리고
# 그래디언트(gradient)가 그 함수를 얼마나 잘 통과하는지는 어떤 함수를 고르느냐에 달려 있어요.
#
# ## 여섯 가지 활성화 함수
#
# | 이름 | $f(x)$ | 치역 |
# |---|---|---|
# | sigmoid | $\sigma(x) = \dfrac{1}{1 + e^{-x}}$ | $(0, 1)$ |
# | tanh | $\tanh x = \dfrac{e^x - e^{-x}}{e^x + e^{-x}} = 2\sigma(2x) - 1$ | $(-1, 1)$ |
# | ReLU | $\max(0, x)$ | $[0, \infty)$ |
# | Leaky ReLU | $x > 0$이면 $x$, 아니면 $0.01\,x$ | $(-\infty, \infty)$ |
# | ELU | $x > 0$이면 $x$, 아니면 $\alpha(e^x - 1)$, $\alpha = 1$ | $(-\alpha, \infty)$ |
# | GELU | $x\,\Phi(x)$, $\Phi$는 표준정규분포의 누적분포함수(CDF) | $[\approx -0.17, \infty)$ |
#
# ✏️ **연습 문제 1.** 그래프를 보기 전에 답해 보세요: 시그모이드의 기울기(slope)는 어디에서 가장
# 크고, 그곳에서 얼마일까요? $\sigma'(x) = \sigma(x)\,(1 - \sigma(x))$를 이용하세요. 답은
# `(x, slope)` 쌍으로 적으세요.

# %%
answer = ...  # replace ... with (x, slope)
nb02.check_sigmoid_peak(answer);

# %% [markdown]
# `plot_activations` draws each function with its first and second derivatives. The
# derivatives are not typed-in formulas: they come from the engine, `grad(f)` and
# `grad(grad(f))`.

# %% [markdown] lang="ko"
# `plot_activations`는 각 함수를 1차, 2차 도함수와 함께 그려요. 도함수는 손으로 적어 넣은 공식이
# 아니라 엔진이 `grad(f)`와 `grad(grad(f))`로 계산한 값이에요.

# %%
names = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu"]
plot_activations(names, x_range=(-4, 4), derivatives=2)

# %% [markdown]
# On the positive side ReLU, Leaky ReLU and ELU are the same line $y = x$, and GELU is
# close to it. Drawn on one set of axes, ReLU goes on top (dashed) so that it is not
# hidden under the others:

# %% [markdown] lang="ko"
# 양수 쪽에서 ReLU, Leaky ReLU, ELU는 모두 같은 직선 $y = x$이고, GELU도 그에 가까워요. 한
# 좌표축에 함께 그릴 때는 ReLU가 다른 함수들에 가려지지 않도록 맨 위에 (점선으로) 그려요.

# %%
fig, ax = plt.subplots(figsize=(6, 3.5))
styles = {"gelu": "-", "elu": "-", "leaky_relu": "-", "relu": "--"}  # relu drawn last
xs = np.linspace(-4, 4, 401)
for zorder, (name, style) in enumerate(styles.items(), start=2):
    f = getattr(Value, name)
    ax.plot(xs, [f(Value(x)).data for x in xs], style, label=name, zorder=zorder,
            linewidth=2.5 if name == "relu" else 1.8, color="black" if name == "relu" else None)
ax.axhline(0.0, color="#bbbbbb", linewidth=0.8, zorder=1)
ax.set_xlabel("x")
ax.set_ylim(-1.2, 4)
ax.set_title(tr("The ReLU family: only the negative side differs"))
ax.legend()
plt.show()

# %% [markdown]
# ### Ranges and where each derivative peaks
#
# The same engine derivatives, evaluated on a fine grid, give the numbers behind the
# pictures. (At the kink $x = 0$, ReLU's derivative is taken as 0, as in PyTorch; Leaky
# ReLU's as its slope 0.01; ELU's as $\alpha$.)

# %% [markdown] lang="ko"
# ### 치역과 도함수가 가장 큰 곳
#
# 엔진이 구한 같은 도함수를 촘촘한 격자 위에서 계산하면 그림을 숫자로 읽을 수 있어요. (꺾이는 점(kink)
# $x = 0$에서 ReLU의 도함수는 PyTorch처럼 0으로, Leaky ReLU의 도함수는 그 기울기 0.01로, ELU의
# 도함수는 $\alpha$로 정해요.)

# %%
ACTIVATIONS = {
    "sigmoid": Value.sigmoid,
    "tanh": Value.tanh,
    "relu": Value.relu,
    "leaky_relu": Value.leaky_relu,
    "elu": Value.elu,
    "gelu": Value.gelu,
}
grid = np.linspace(-10, 10, 4001)  # step 0.005, x = 0 included
table = {}
lines = [f"{'':>10}  {'min f':>8}  {'max f':>8}  {'max f' + chr(39):>8}  {'at x':>6}  {'min f' + chr(39):>8}"]
for name, f in ACTIVATIONS.items():
    df = grad(f)
    values = [f(Value(x)).data for x in grid]
    slopes = [df(x) for x in grid]
    i_max, i_min = int(np.argmax(slopes)), int(np.argmin(slopes))
    table[name] = (min(values), max(values), slopes[i_max], grid[i_max], slopes[i_min])
    lines.append(f"{name:>10}  {min(values):8.4f}  {max(values):8.4f}  {slopes[i_max]:8.4f}  {grid[i_max]:6.3f}  {slopes[i_min]:8.4f}")
print("\n".join(lines))

# %% tags=["remove-cell"]
sig, tnh = table["sigmoid"], table["tanh"]
assert sig[2] == 0.25 and sig[3] == 0.0  # max of sigmoid' is 0.25, at x = 0
assert tnh[2] == 1.0 and tnh[3] == 0.0  # max of tanh' is 1, at x = 0
assert 0 < sig[0] and sig[1] < 1 and -1 < tnh[0] and tnh[1] < 1
for name in ["relu", "leaky_relu", "elu"]:
    assert table[name][2] == 1.0
assert table["relu"][4] == 0.0 and table["leaky_relu"][4] == 0.01 and table["elu"][4] > 0
assert abs(table["gelu"][0] + 0.17) < 0.005 and abs(table["gelu"][2] - 1.13) < 0.005

# %% [markdown]
# Reading the table (on $[-10, 10]$; the first argmax is shown where the maximum is a
# plateau):
#
# - **sigmoid** stays inside $(0, 1)$, and its derivative $\sigma(1 - \sigma)$ is at most
#   **0.25**, reached at $x = 0$.
# - **tanh** stays inside $(-1, 1)$, and its derivative $1 - \tanh^2$ reaches **1 at
#   $x = 0$**.
# - **ReLU**, **Leaky ReLU** and **ELU** have derivative exactly 1 for every $x > 0$; below
#   0, ReLU's is 0, Leaky ReLU's is 0.01 and ELU's is $e^x$, between 0 and 1.
# - **GELU** dips to about $-0.17$, and its derivative goes slightly *above* 1 (about 1.13)
#   and slightly below 0. The appendix at the end pins both numbers down exactly.
#
# ## Corrections and clarifications of the lecture note
#
# > **Where the lecture note is wrong (correction) or incomplete (clarification), and what
# > is true.** Points 1 to 3 are computed by the engine in the next cell, points 4 and 5 at
# > the end of the section on vanishing gradients.
# >
# > 1. **Clarification.** *"The sigmoid's derivative is smaller than 0.3."* True but loose:
# >    its maximum is exactly **0.25**, at $x = 0$.
# > 2. **Correction.** *"tanh's gradient is 1 only at $x = 1$."* Wrong: $\tanh'(x) = 1 - \tanh^2 x$ is 1
# >    only where $\tanh x = 0$, at **$x = 0$**; at $x = 1$ it is about 0.42. (Since
# >    $\tanh x = 2\sigma(2x) - 1$, $\tanh'(x) = 4\,\sigma'(2x)$: tanh's peak slope is four
# >    times the sigmoid's.)
# > 3. **Correction.** *"ReLU's gradient is 1 for $x \ge 0$."* At the kink $x = 0$ the derivative does not
# >    exist; the engine, like PyTorch, uses **ReLU′(0) = 0**, and 1 only for $x > 0$.
# > 4. **Clarification.** *"The sigmoid's small derivative causes vanishing gradients, so
# >    the weights may not update."* For a **deep** stack of sigmoids this is right: with
# >    the standard initialisation the gradient reaching the input shrinks by about twelve
# >    orders of magnitude from 1 to 20 hidden layers, and notebook 4 shows the first layer
# >    of a 10-layer sigmoid network hardly moving. What the sigmoid's derivative bounds is
# >    one factor per layer: a gradient passing back through a *sigmoid* is multiplied by at
# >    most 1/4 (shrunk at least 4×; tanh's and ReLU's factor can be 1). The weights
# >    multiply it too and can make up for part of it, so for one or two layers the factor
# >    of 4 or 16 does not stop learning, and weights 4× larger win back four orders of
# >    magnitude at depth 10.
# > 5. **Correction.** *"ReLU's gradient is 1 for $x \ge 0$, so vanishing gradients do not
# >    occur."* Not at any depth and any weights: ReLU's slope of 1 means the *activation*
# >    does not shrink the gradient, but every layer's weights still multiply it. With He
# >    initialisation the table below keeps it of the same order up to 20 layers; with
# >    weights half as large it vanishes by orders of magnitude at depth 20, and a dead unit
# >    passes back exactly 0.

# %% [markdown] lang="ko"
# 표를 읽어 봐요($[-10, 10]$ 구간에서 계산했어요. 최댓값이 평평하게 이어지는 곳에서는 처음 나오는 argmax를
# 보여 줘요). 표의 열은 차례로 $f$의 최솟값, $f$의 최댓값, $f'$의 최댓값, 그 최댓값이 나오는 $x$,
# $f'$의 최솟값이에요.
#
# - **시그모이드**는 $(0, 1)$ 안에 머물고, 도함수 $\sigma(1 - \sigma)$는 많아야 **0.25**이며
#   $x = 0$에서 그 값이 돼요.
# - **tanh**는 $(-1, 1)$ 안에 머물고, 도함수 $1 - \tanh^2$은 **$x = 0$에서 1**이 돼요.
# - **ReLU**, **Leaky ReLU**, **ELU**는 모든 $x > 0$에서 도함수가 정확히 1이에요. 0보다 작은
#   쪽에서는 도함수가 ReLU는 0, Leaky ReLU는 0.01이고, ELU는 0과 1 사이의 값 $e^x$이에요.
# - **GELU**는 약 $-0.17$까지 내려가고, 도함수는 1보다 살짝 *위*(약 1.13)까지, 그리고 0보다 살짝
#   아래까지 가요. 맨 끝의 부록에서 두 숫자를 정확히 구해요.
#
# ## 강의 노트 정정과 보충
#
# > **강의 노트가 틀린 곳(정정)과 모자란 곳(보충), 그리고 실제로 참인 것.** 1~3은 다음 셀에서,
# > 4와 5는 「기울기 소실」 절의 끝에서 엔진이 계산해요.
# >
# > 1. **보충.** *"시그모이드는 0~1 범위를 가지며, 미분했을 때 0.3보다 작은 값이다."* 참이지만 느슨한 한계예요.
# >    최댓값은 정확히 **0.25**이고, $x = 0$에서 나와요.
# > 2. **정정.** *"tanh도, x= 1일 때만 gradient의 값이 1이기 때문에"*라는 말은 틀렸어요.
# >    $\tanh'(x) = 1 - \tanh^2 x$가 1인 곳은 $\tanh x = 0$인 곳, 곧 **$x = 0$** 한 곳뿐이에요.
# >    $x = 1$에서는 약 0.42예요. ($\tanh x = 2\sigma(2x) - 1$이므로 $\tanh'(x) = 4\,\sigma'(2x)$이고,
# >    따라서 tanh의 최대 기울기는 시그모이드의 네 배예요.)
# > 3. **정정.** *"ReLU는 x가 0 이상일 때 gradient가 1이라"*라는 말은 꺾이는 점 $x = 0$에서 틀려요. 그곳에서는
# >    도함수가 존재하지 않아요. 엔진은 PyTorch처럼 **ReLU′(0) = 0**을 쓰고, 도함수가 1인 것은 $x > 0$일 때뿐이에요.
# > 4. **보충.** *"이에 따라 역전파 시 vanishing gradient 문제가 발생하여 가중치가 업데이트 되지 않을
# >    수 있다."* **깊게** 쌓은 시그모이드 신경망에서는 맞는 말이에요. 표준 초기화에서 입력까지 도달하는
# >    그래디언트는 은닉층 1개에서 20개로 가는 동안 약 열두 자릿수 줄어들고, 노트북 4는 10층 시그모이드
# >    신경망의 첫 층이 거의 움직이지 않는 것을 보여 줘요. 시그모이드의 도함수가 한정하는 것은 층마다
# >    곱해지는 인수 하나예요. *시그모이드*를 거꾸로 지나가는 그래디언트에는 많아야 1/4이 곱해져요
# >    (적어도 4배 줄어요. tanh와 ReLU의 인수는 1일 수 있어요). 가중치도 그래디언트에 곱해지므로 줄어든
# >    몫의 일부를 메울 수 있어요. 그래서 층이 한두 개라면 4배나 16배로 줄어도 학습이 멈추지 않고, 깊이
# >    10에서는 가중치를 4배 키우면 네 자릿수를 되찾아요.
# > 5. **정정.** *"ReLU는 x가 0 이상일 때 gradient가 1이라 vanishing gradient 문제가 발생하지 않는다."*
# >    어떤 깊이, 어떤 가중치에서나 그렇지는 않아요. ReLU의 기울기가 1이라는 것은 *활성화 함수*가
# >    그래디언트를 줄이지 않는다는 뜻일 뿐, 층마다 가중치는 여전히 그래디언트에 곱해져요. He 초기화에서는
# >    아래 표처럼 20층까지 같은 자릿수를 유지하지만, 가중치가 절반이면 깊이 20에서 여러 자릿수만큼
# >    작아지고, 죽은 유닛(unit)은 정확히 0을 돌려보내요.

# %%
dsig, dtanh, drelu = grad(Value.sigmoid), grad(Value.tanh), grad(Value.relu)
try:
    import torch
except ImportError:
    torch = None
if torch is None:
    torch_relu = "PyTorch not installed"
else:
    t = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
    torch.relu(t).backward()
    torch_relu = f"{t.grad.item()}"
print(f"1. max of sigmoid' on the grid: {table['sigmoid'][2]} at x = {table['sigmoid'][3]}; sigmoid'(0) = {dsig(0.0)}\n"
      f"2. tanh'(0) = {dtanh(0.0)}, tanh'(1) = {dtanh(1.0):.4f}; tanh'(0.8) / sigmoid'(1.6) = {dtanh(0.8) / dsig(1.6):.12f}\n"
      f"3. relu'(0) = {drelu(0.0)} (PyTorch: {torch_relu}), relu'(1e-9) = {drelu(1e-9)}, relu'(-1e-9) = {drelu(-1e-9)}\n"
      f"4, 5. see the end of 'Vanishing gradients' below")

# %% tags=["remove-cell"]
assert dsig(0.0) == 0.25 and dtanh(0.0) == 1.0 and abs(dtanh(1.0) - 0.42) < 0.01
for x in [-3.0, -0.5, 0.0, 0.8, 2.5]:
    assert abs(dtanh(x) - 4 * dsig(2 * x)) < 1e-12
assert drelu(0.0) == 0.0 and drelu(1e-9) == 1.0

# %% [markdown]
# ## Sigmoid, tanh or ReLU?
#
# This answers the lecture's first pre-question. The numbers are computed in the next cell.
#
# **Sigmoid.** Its output lies in $(0, 1)$, so it reads as a probability, which is why it
# remains the right choice for the *output* of a binary classifier. As a hidden
# activation it has three weaknesses: its slope is at most 0.25, so the sigmoid itself
# multiplies a gradient passing back through it by at most a quarter (the weights of the
# layer multiply it again, see below); it **saturates** (for $|x| = 5$ the slope is
# already below 0.007), so a neuron pushed far to either side hardly learns; and its
# outputs are all positive (not centred on 0), which makes the updates of the weights
# into each neuron of the next layer all share the same sign for a given example.
#
# **Tanh.** Zero-centred, with a slope of up to 1, four times the sigmoid's, so
# gradients shrink more slowly and training usually converges faster. But it saturates
# just like the sigmoid (slope below 0.0002 at $|x| = 5$), so deep tanh stacks can still
# lose their gradient.
#
# **ReLU.** Its slope is exactly 1 wherever it is active, so the activation itself passes
# the gradient back unchanged, however deep (the weights still multiply it, see below); it
# costs a comparison instead of an exponential;
# and it outputs exact zeros, a sparse representation. Its weakness is the other side: for
# $x < 0$ the slope is exactly 0, so a neuron that is negative for every input receives no
# gradient at all and never recovers (a *dead* ReLU), and its outputs are not
# zero-centred. Leaky ReLU, ELU and GELU keep ReLU's strengths and give the negative side
# a slope.

# %% [markdown] lang="ko"
# ## 시그모이드, tanh, ReLU 중 무엇을?
#
# 강의 노트의 첫 번째 사전 질문(Pre-question)에 대한 답이에요. 숫자는 다음 셀에서 계산해요.
#
# **시그모이드.** 출력이 $(0, 1)$ 안에 있어 확률로 읽을 수 있고, 그래서 이진 분류기(binary
# classifier)의 *출력*에는 지금도 알맞은 선택이에요. 은닉층의 활성화 함수로서는 약점이 세 가지예요.
# 기울기가 많아야 0.25라서 시그모이드 자체가 자신을 거꾸로 지나가는 그래디언트에 많아야 4분의 1을
# 곱해요(층의 가중치가 한 번 더 곱해져요. 아래를 보세요). 또 **포화**(saturation)돼요($|x| = 5$에서
# 이미 기울기가 0.007보다 작아요). 그래서 어느 한쪽으로 멀리 밀린 뉴런은 거의 배우지 못해요. 그리고
# 출력이 모두 양수라서(0을 중심으로 하지 않아서, not zero-centred) 샘플 하나에 대해 다음 층의 한
# 뉴런으로 들어가는 가중치들의 업데이트가 모두 같은 부호가 돼요.
#
# **Tanh.** 0을 중심으로 하고(zero-centred), 기울기가 최대 1로 시그모이드의 네 배라서 그래디언트가
# 더 천천히 줄고 학습도 보통 더 빨리 수렴해요. 하지만 시그모이드와 똑같이 포화돼서($|x| = 5$에서
# 기울기가 0.0002보다 작아요) 깊게 쌓은 tanh 층에서도 그래디언트가 사라질 수 있어요.
#
# **ReLU.** 활성화된 곳에서는 기울기가 정확히 1이라서, 아무리 깊어도 활성화 함수 자체는 그래디언트를
# 그대로 돌려보내요(가중치는 여전히 그래디언트에 곱해져요. 아래를 보세요). 지수 함수 대신 비교 한
# 번이면 계산되고, 정확한 0을 출력하므로 희소 표현(sparse representation)이 돼요. 약점은 반대쪽에
# 있어요. $x < 0$에서는 기울기가 정확히 0이라서, 어떤 입력에서도 음수인 뉴런은 그래디언트를 전혀
# 받지 못하고 다시는 회복하지 못해요(*죽은* ReLU). 또
# 출력이 0을 중심으로 하지 않아요. Leaky ReLU, ELU, GELU는 ReLU의 강점을 지키면서 음수 쪽에
# 기울기를 줘요.

# %%
sample = np.random.default_rng(0).normal(size=1000)
means = {n: float(np.mean([ACTIVATIONS[n](Value(x)).data for x in sample])) for n in ["sigmoid", "tanh", "relu"]}
print(f"sigmoid'(5) = {dsig(5.0):.5f},  sigmoid'(-5) = {dsig(-5.0):.5f}\n"
      f"tanh'(5)    = {dtanh(5.0):.6f}, tanh'(-5)    = {dtanh(-5.0):.6f}\n"
      f"relu' at 100, 0.001, -0.001, -100: {[drelu(x) for x in [100.0, 0.001, -0.001, -100.0]]}\n"
      f"mean output over 1000 standard-normal inputs: { {n: round(m, 3) for n, m in means.items()} }")

# %% tags=["remove-cell"]
assert dsig(5.0) < 0.007 and dsig(-5.0) < 0.007 and dtanh(5.0) < 0.0002
assert means["sigmoid"] > 0.45 and abs(means["tanh"]) < 0.05 and means["relu"] > 0.35

# %% [markdown]
# ## Vanishing gradients
#
# Backpropagation multiplies one factor per layer (notebook 5 shows this in detail). For a
# layer $h = f(Wx + b)$ each factor is $f'$ times the weights. With sigmoids the $f'$ part
# is at most 0.25, so unless the weights make up for it the product shrinks geometrically
# with depth.
#
# ✏️ **Exercise 2.** Take a chain of ten one-neuron sigmoid layers,
# $h_k = \sigma(w\,h_{k-1} - w/2)$, started at $h_0 = x = 1/2$: the bias $-w/2$ keeps every
# weighted sum at 0, where $\sigma' = 1/4$. Which weight $w$ makes the gradient
# $\partial h_{10} / \partial x$ exactly 1, so that the chain passes it back unchanged?

# %% [markdown] lang="ko"
# ## 기울기 소실
#
# 역전파는 층마다 인수(factor)를 하나씩 곱해요(노트북 5에서 자세히 보여 줘요). 층 $h = f(Wx + b)$에서
# 각 인수는 $f'$ 곱하기 가중치예요. 시그모이드라면 $f'$ 부분이 많아야 0.25이므로, 가중치가 메워 주지
# 않으면 곱은 깊이에 따라 기하급수적으로 줄어들어요.
#
# ✏️ **연습 문제 2.** 뉴런 하나짜리 시그모이드 층 열 개로 된 사슬 $h_k = \sigma(w\,h_{k-1} - w/2)$를
# $h_0 = x = 1/2$에서 시작해요. 편향 $-w/2$가 모든 가중합을 0에 묶어 두고, 그곳에서
# $\sigma' = 1/4$이에요. 가중치 $w$가 얼마여야 그래디언트 $\partial h_{10} / \partial x$가 정확히 1이
# 되어, 사슬이 그래디언트를 그대로 돌려보낼까요?

# %%
answer = ...  # replace ... with a number
nb02.check_compensating_weight(answer);

# %% [markdown]
# **See it in the graph.** The same chain with $w = 1$, drawn node by node in the explorer
# with its **health** overlay on: each sigmoid passes back at most a quarter, so a few
# layers in, the gradient is below a thousandth of the output's and the overlay marks it
# *vanished* (click a marked node for the one-line reason; a sigmoid whose slope falls
# below 0.01 would be marked *saturated*, a ReLU with a negative input *dead*).

# %% [markdown] lang="ko"
# **그래프에서 보기.** $w = 1$인 같은 사슬을 탐색기에서 노드 하나하나로 그리고 **수치 건강**
# 오버레이를 켰어요. 시그모이드마다 많아야 4분의 1만 돌려보내므로, 몇 층만 거슬러 올라가도 그래디언트가
# 출력의 1000분의 1보다 작아지고 오버레이가 *소실*로 표시해요(표시된 노드를 누르면 한 줄짜리 이유가
# 나와요. 기울기가 0.01보다 작은 시그모이드는 *포화*, 입력이 음수인 ReLU는 *죽은 ReLU*로 표시돼요).

# %%
import viz

h = Value(0.5, "x")
for k in range(1, 11):
    h = (h * 1.0 - 0.5).sigmoid()
    h.label = f"h{k}"
viz.explore(h, health=True)

# %% [markdown]
# Now real networks: width 8 and increasing depth, built with `MLP`, whose weights start
# with the initialisation designed for each activation, previewed here and explained in
# notebook 4: **Xavier** (Glorot) for sigmoid and tanh, uniform in
# $\pm\sqrt{6 / (n_\text{in} + n_\text{out})}$, and **He** for ReLU, normal with standard
# deviation $\sqrt{2 / n_\text{in}}$; biases start at 0. We measure the size of the gradient
# of the output with respect to the **input**, i.e. how much signal reaches the first
# layer, averaged over five random networks and three inputs.

# %% [markdown] lang="ko"
# 이제 실제 신경망이에요. 너비 8에 깊이를 늘려 가며 `MLP`로 만들어요. 가중치는 활성화 함수마다 맞춰
# 설계된 초기화(initialization)로 시작하는데, 여기서 미리 보고 노트북 4에서 설명해요. 시그모이드와
# tanh에는 **Xavier**(Glorot) 초기화, 곧 $\pm\sqrt{6 / (n_\text{in} + n_\text{out})}$ 범위의
# 균등분포를, ReLU에는 **He** 초기화, 곧 표준편차가 $\sqrt{2 / n_\text{in}}$인 정규분포를 써요.
# 편향은 0에서 시작해요. **입력**에 대한 출력의 그래디언트 크기, 곧 첫 번째 층까지 신호가 얼마나
# 도달하는지를 무작위 신경망 다섯 개와 입력 세 개에 대해 평균 내어 재요.

# %%
depths = [1, 2, 4, 6, 8, 10, 15, 20]
inputs = [[0.5, -0.3, 0.8, 0.1], [-0.7, 0.2, 0.4, -0.9], [0.3, 0.9, -0.5, 0.6]]


def input_gradient_norm(activation, depth, gain=1.0):
    """Mean |d output / d input| over 5 networks x 3 inputs; every parameter scaled by gain."""
    total = 0.0
    for seed in range(5):
        model = MLP(4, [8] * depth + [1], activation=activation, seed=seed)
        for p in model.parameters():
            p.data *= gain
        for x in inputs:
            xs = [Value(v) for v in x]
            model(xs).backward()
            total += math.sqrt(sum(v.grad**2 for v in xs))
    return total / (5 * len(inputs))


flow = {a: [input_gradient_norm(a, d) for d in depths] for a in ["sigmoid", "tanh", "relu"]}
print("\n".join(
    [f"{'depth':>5}" + "".join(f"{a:>12}" for a in flow)]
    + [f"{d:>5}" + "".join(f"{flow[a][i]:>12.2e}" for a in flow) for i, d in enumerate(depths)]
))

# %%
fig, ax = plt.subplots(figsize=(6, 3.5))
for activation, norms in flow.items():
    ax.semilogy(depths, norms, "o-", label=activation)
ax.set_xticks(depths)  # whole numbers of layers
ax.set_xlabel(tr("number of hidden layers"))
ax.set_ylabel(tr("|d output / d input| (log scale)"))
ax.set_title(tr("How much gradient reaches the input"))
ax.legend()
plt.show()

# %% [markdown]
# With the default initialisation the sigmoid's gradient collapses by many orders of
# magnitude; tanh's drifts down by a small factor; ReLU's stays of the same order at every
# depth (the next cell puts numbers on this).

# %% [markdown] lang="ko"
# 기본 초기화에서 시그모이드의 그래디언트는 여러 자릿수만큼 줄어들고, tanh의 그래디언트는 작은 배수만큼
# 서서히 줄며, ReLU의 그래디언트는 모든 깊이에서 같은 자릿수를 유지해요(다음 셀이 이것을 숫자로
# 보여 줘요).

# %%
sig_drop = flow["sigmoid"][0] / flow["sigmoid"][-1]
tanh_drop = flow["tanh"][0] / flow["tanh"][-1]
relu_ratio = flow["relu"][-1] / flow["relu"][0]
print(f"from 1 to 20 hidden layers the input gradient shrinks {sig_drop:.1e}x with sigmoid, "
      f"{tanh_drop:.1f}x with tanh, and changes by a factor {relu_ratio:.2f} with ReLU")

# %% tags=["remove-cell"]
assert sig_drop > 1e9 and 1 < tanh_drop < 10 and 0.1 < relu_ratio < 10

# %% [markdown]
# Is the sigmoid hopeless, then? No: each layer's factor is $f'$ times the weights, and
# Xavier's weights are sized for tanh, whose slope at 0 is 1. The sigmoid's slope at 0 is
# a quarter of that, so the usual recommendation, from Glorot and Bengio's analysis, is
# weights **4 times larger** for it. The same networks with every parameter multiplied
# by 4:

# %% [markdown] lang="ko"
# 그렇다면 시그모이드는 가망이 없을까요? 아니에요. 각 층의 인수는 $f'$ 곱하기 가중치이고, Xavier의
# 가중치는 0에서의 기울기가 1인 tanh에 맞춘 크기예요. 시그모이드의 0에서의 기울기는 그 4분의 1이므로,
# Glorot·Bengio의 분석에서 나온 흔한 권장 사항은 시그모이드에는 가중치를 **4배 크게** 하는 거예요.
# 같은 신경망에서 모든 매개변수(parameter)에 4를 곱하면 다음과 같아요.

# %%
scaled = [input_gradient_norm("sigmoid", d, gain=4.0) for d in depths]
i10 = depths.index(10)
print("\n".join(
    [f"{'depth':>5}{'sigmoid':>12}{'sigmoid, 4x':>14}"]
    + [f"{d:>5}{flow['sigmoid'][i]:>12.2e}{scaled[i]:>14.2e}" for i, d in enumerate(depths)]
    + [f"at depth 10: {scaled[i10]:.1e} instead of {flow['sigmoid'][i10]:.1e}, "
       f"{scaled[i10] / flow['sigmoid'][i10]:.1e} times more gradient"]
))

# %% tags=["remove-cell"]
assert scaled[i10] / flow["sigmoid"][i10] > 1e4 and scaled[i10] > 1e-2

# %% [markdown]
# So the bound $\sigma' \le 1/4$ is a bound on the *activation's* factor, not on the
# layer's: weights of the right size win back four orders of magnitude at depth 10. They
# cannot win back everything: a unit's slope is $1/4$ only when its weighted sum is 0, and
# the sigmoid's outputs are all positive, so the weighted sums drift away from 0 and the
# units saturate; even scaled, the sigmoid's gradient still falls with depth. Tanh and ReLU
# can pass a gradient through unchanged (slope 1), and the initialisation matched to them
# (Xavier, He) keeps the per-layer factors close to 1 on average. But tanh's slope is 1
# only at 0: units driven into saturation pass almost nothing back, which is why tanh is
# only *less* prone to vanishing gradients, not immune.
#
# The same effect in a diagram: a chain of five one-neuron sigmoid layers (default
# initialisation), drawn with `color_by="grad"` so that each node and edge is shaded by
# the size of its gradient (log scale, dark = large). The gradient is large at the output
# at the bottom and fades layer by layer on its way up to the input: every sigmoid node
# passes back at most a quarter of what reaches it, and here the weights do not make up
# for it.

# %% [markdown] lang="ko"
# 그러니 $\sigma' \le 1/4$라는 한계는 *활성화 함수의* 인수에 대한 한계이지, 층의 한계가 아니에요. 알맞은
# 크기의 가중치는 깊이 10에서 네 자릿수를 되찾아요. 그래도 전부를 되찾지는 못해요. 유닛의
# 기울기가 $1/4$인 것은 가중합이 0일 때뿐인데, 시그모이드의 출력은 모두 양수라서 가중합이 0에서
# 멀어지고 유닛이 포화돼요. 가중치를 키워도 시그모이드의 그래디언트는 여전히 깊이에 따라 줄어요.
# Tanh와 ReLU는 그래디언트를 그대로 통과시킬 수 있고(기울기 1), 그에 맞춘 초기화(Xavier, He)는 층마다
# 곱해지는 인수를 평균적으로 1 가까이 유지해요. 하지만 tanh의 기울기가 1인 것은 0에서뿐이에요. 포화
# 영역으로 밀린 유닛은 거의 아무것도 돌려보내지 못하고, 그래서 tanh는 기울기 소실에 *덜* 취약할 뿐
# 면역은 아니에요.
#
# 같은 효과를 그림으로도 볼 수 있어요. 뉴런 하나짜리 시그모이드 층 다섯 개로 된 사슬(기본 초기화)을
# `color_by="grad"`로 그려서, 각 노드(node)와 간선(edge)을 그래디언트의 크기에 따라 칠해요(로그 눈금,
# 진할수록 큼). 그래디언트는 아래쪽 출력에서 크고, 위쪽 입력으로 올라가면서 층마다 옅어져요. 시그모이드
# 노드는 저마다 받은 것의 많아야 4분의 1만 돌려보내고, 여기서는 가중치가 그것을 메워 주지 못해요.

# %%
chain = MLP(1, [1, 1, 1, 1, 1], activation="sigmoid", output_activation="sigmoid", seed=3)
x_in = Value(0.5, label="x")
out = chain([x_in])
out.label = "out"
out.backward()
sigmoid_ratios = [abs(n.parents[0].grad / n.grad) for n in topological_order(out) if n.op == "sigmoid"]
weights = [round(p.data, 3) for p in chain.parameters() if p.label.startswith("w")]
print(f"d out / d x = {x_in.grad:.2e}\n"
      f"what each sigmoid node passes back, as a fraction of what reaches it: {[round(r, 3) for r in sigmoid_ratios]}\n"
      f"the weights: {weights}")
draw_dot(out, params=chain, color_by="grad", rankdir="TB", title=tr("gradient flow through five sigmoid layers"))

# %% tags=["remove-cell"]
assert all(r <= 0.25 for r in sigmoid_ratios)

# %% [markdown]
# Points 4 and 5 of the box above, in numbers: how much depth costs the sigmoid, and what
# the weights alone do to ReLU's gradient (the same networks with every parameter halved).

# %% [markdown] lang="ko"
# 위 상자의 4번과 5번을 숫자로 확인해요. 깊이 때문에 시그모이드의 그래디언트가 얼마나 줄어드는지,
# 그리고 가중치만으로 ReLU의 그래디언트가 어떻게 되는지(같은 신경망에서 모든 매개변수를 절반으로
# 줄여서) 봐요.

# %%
relu_halved = [input_gradient_norm("relu", d, gain=0.5) for d in (1, 20)]
print(f"4. sigmoid: from 1 to 20 hidden layers the input gradient shrinks {sig_drop:.1e}x; "
      f"at depth 10, weights 4x larger give {scaled[i10] / flow['sigmoid'][i10]:.1e}x more\n"
      f"5. ReLU, He initialisation: a factor {relu_ratio:.2f} from 1 to 20 hidden layers; "
      f"every parameter halved: {relu_halved[0]:.2e} at depth 1, {relu_halved[1]:.2e} at depth 20 "
      f"({relu_halved[0] / relu_halved[1]:.1e}x smaller); a dead unit: relu'(-1) = {drelu(-1.0)}")

# %% tags=["remove-cell"]
assert sig_drop > 1e9 and relu_halved[0] / relu_halved[1] > 1e3 and drelu(-1.0) == 0.0

# %% [markdown]
# ## Dying ReLU, and the answers to it
#
# A ReLU neuron whose weighted sum is negative for *every* input outputs 0 everywhere and,
# worse, receives a gradient of exactly 0 for all its weights and its bias. Gradient
# descent can then never move it again: it is dead. This happens in practice after a too
# large update pushes a bias far negative, or through unlucky initialisation.
#
# ✏️ **Exercise 3.** A neuron $f(w_0 x_0 + w_1 x_1 + b)$ has weights $(0.5, -0.5)$ and
# bias $-2$, and sees the input $(1, 1)$. What is $\partial\,\text{out} / \partial b$ with
# $f$ = ReLU, and with $f$ = Leaky ReLU (slope 0.01)? Answer with a pair.

# %% [markdown] lang="ko"
# ## 죽은 ReLU와 그 해법
#
# 가중합이 *모든* 입력에 대해 음수인 ReLU 뉴런은 어디서나 0을 출력하고, 더 나쁘게는 모든 가중치와
# 편향에 대해 정확히 0인 그래디언트를 받아요. 그러면 경사 하강법(gradient descent)은 그 뉴런을 다시는
# 움직일 수 없어요. 뉴런이 죽은 거예요. 실제로는 너무 큰 업데이트가 편향을 음수 쪽으로 멀리 밀어내거나,
# 초기화 운이 나쁠 때 이런 일이 생겨요.
#
# ✏️ **연습 문제 3.** 뉴런 $f(w_0 x_0 + w_1 x_1 + b)$의 가중치는 $(0.5, -0.5)$, 편향은 $-2$이고,
# 입력 $(1, 1)$을 받아요. $f$ = ReLU일 때와 $f$ = Leaky ReLU(기울기 0.01)일 때
# $\partial\,\text{out} / \partial b$는 각각 얼마일까요? 쌍으로 답하세요.

# %%
answer = ...  # replace ... with (gradient with ReLU, gradient with Leaky ReLU)
nb02.check_dead_neuron(answer);

# %% [markdown]
# The variants differ exactly in the slope they keep on the negative side. Here is that
# slope, from the engine, at a few negative inputs:

# %% [markdown] lang="ko"
# 변형들이 서로 다른 점은 바로 음수 쪽에 남겨 두는 기울기예요. 몇몇 음수 입력에서 엔진이 계산한 그
# 기울기는 다음과 같아요.

# %%
negatives = [-0.25, -0.5, -1.0, -2.0, -5.0]
slopes = {name: [grad(ACTIVATIONS[name])(x) for x in negatives] for name in ["relu", "leaky_relu", "elu", "gelu"]}
print("\n".join(
    [f"{'x':>10}" + "".join(f"{x:>10}" for x in negatives)]
    + [f"{name + chr(39):>10}" + "".join(f"{g:>10.4f}" for g in s) for name, s in slopes.items()]
))

# %% tags=["remove-cell"]
assert all(g == 0.0 for g in slopes["relu"]) and all(g == 0.01 for g in slopes["leaky_relu"])
assert all(abs(g - math.exp(x)) < 1e-12 for g, x in zip(slopes["elu"], negatives))
assert slopes["gelu"][0] > 0 and all(g < 0 for g in slopes["gelu"][2:])

# %% [markdown]
# - **ReLU**: 0 everywhere below 0.
# - **Leaky ReLU**: a small slope, 0.01, that never fades however negative the input.
# - **ELU**: $\alpha e^x$: large near 0, fading for very negative inputs, never 0.
# - **GELU**: positive just below 0, but *negative* below about $-0.75$ (where GELU has
#   its minimum) and fading fast: its negative side is a small dip, not a ramp.
#
# Now an experiment. The neuron of the exercise, with weights $(0.5, -0.5)$ and a bias of
# $-2$, sees inputs in $[-1, 1]^2$, so its weighted sum lies between $-3$ and $-1$: for
# ReLU it is dead from the start. Gradient descent tries to teach it the target
# $x_0 + x_1 + 2$.

# %% [markdown] lang="ko"
# - **ReLU**: 0보다 작은 곳에서는 어디서나 0이에요.
# - **Leaky ReLU**: 기울기가 0.01로 작지만, 입력이 음수 쪽으로 아무리 멀어져도 줄지 않아요.
# - **ELU**: $\alpha e^x$이에요. 0 근처에서는 크고, 입력이 음수 쪽으로 멀어질수록 작아지지만 0이 되지는 않아요.
# - **GELU**: 0 바로 아래에서는 양수지만, 약 $-0.75$(GELU가 최솟값을 갖는 곳)보다 아래에서는
#   *음수*이고 빠르게 0에 가까워져요. GELU의 음수 쪽은 경사로(ramp)가 아니라 작게 파인 웅덩이(dip)예요.
#
# 이제 실험을 해 봐요. 연습 문제의 뉴런(가중치 $(0.5, -0.5)$, 편향 $-2$)이 $[-1, 1]^2$의 입력을 받으면
# 가중합은 $-3$과 $-1$ 사이에 있어요. ReLU라면 처음부터 죽어 있는 거예요. 경사 하강법으로 이 뉴런에게
# 목표 $x_0 + x_1 + 2$를 가르쳐 봐요. (출력에서 "weighted sum positive for some input after step N"은
# "N단계 뒤에 어떤 입력에서 가중합이 양수가 됨", "never positive"는 "한 번도 양수가 되지 않음"이에요.
# 다음 그림의 세로축은 평균 제곱 오차(mean squared error)예요.)

# %%
data_rng = random.Random(1)
data = [(data_rng.uniform(-1, 1), data_rng.uniform(-1, 1)) for _ in range(40)]
targets = [x0 + x1 + 2 for x0, x1 in data]


def train_stuck_neuron(activation, steps=200, lr=0.3):
    neuron = Neuron(2, activation=activation)
    neuron.w[0].data, neuron.w[1].data, neuron.b.data = 0.5, -0.5, -2.0
    losses, revived_at = [], None
    for step in range(steps):
        loss = sum((neuron(x) - t) ** 2 for x, t in zip(data, targets)) / len(data)
        neuron.zero_grad()
        loss.backward()
        for p in neuron.parameters():
            p.data -= lr * p.grad
        losses.append(loss.data)
        sums = [neuron.b.data + neuron.w[0].data * x0 + neuron.w[1].data * x1 for x0, x1 in data]
        if revived_at is None and max(sums) > 0:
            revived_at = step + 1
    return losses, revived_at, neuron.b.data


results = {a: train_stuck_neuron(a) for a in ["relu", "leaky_relu", "elu", "gelu"]}
print("\n".join(
    f"{activation:>10}: loss {losses[0]:.3f} -> {losses[-1]:.4f}, bias -2 -> {bias:+.3f}, weighted sum "
    + (f"positive for some input after step {revived_at}" if revived_at else "never positive")
    for activation, (losses, revived_at, bias) in results.items()
))

# %% tags=["remove-cell"]
assert results["relu"][0][-1] == results["relu"][0][0] and results["relu"][2] == -2.0
for activation in ["leaky_relu", "elu"]:
    assert results[activation][1] is not None and results[activation][0][-1] < 1e-3
assert results["elu"][1] < results["leaky_relu"][1]
assert results["gelu"][1] is None and results["gelu"][2] < -2.0

# %%
fig, ax = plt.subplots(figsize=(6, 3.2))
for activation, (losses, _, _) in results.items():
    ax.plot(range(1, len(losses) + 1), losses, label=activation)
ax.xaxis.set_major_locator(MaxNLocator(integer=True))
ax.set_xlabel(tr("gradient-descent step"))
ax.set_ylabel(tr("mean squared error"))
ax.set_title(tr("A neuron that starts with every input on its negative side"))
ax.legend()
plt.show()

# %% [markdown]
# What happened, and how each variant answers the problem:
#
# - **ReLU** never moved: not one parameter changed in 200 steps.
# - **Leaky ReLU** keeps a fixed slope of 0.01 on the negative side, so the gradient is
#   never zero: the neuron crawls back (its bias rises slowly) until its weighted sum turns
#   positive, then learns the target exactly. Everything else is ReLU.
# - **ELU** uses $\alpha(e^x - 1)$ below 0: a smooth curve whose slope $\alpha e^x$ is much
#   larger near 0, so the neuron recovers within a few steps. Its negative outputs (down to
#   $-\alpha$) also pull the mean activation towards 0.
# - **GELU** weighs its input by the probability $\Phi(x)$ that a standard normal variable
#   is below it: smooth everywhere and close to ReLU for large $|x|$, with a slope that
#   stays non-zero just below 0, so a unit that is only slightly negative keeps learning.
#   But its dip is not a ramp: here the weighted sums sat below $-0.75$, where GELU's slope
#   is negative, so gradient descent pushed the bias further *down*, into the flat tail.
#   GELU softens the kink; it does not guarantee that a far-negative unit comes back. (It is
#   the usual choice in transformers, where normalisation layers keep the inputs of each
#   activation near 0.)
#
# ## Summary
#
# - Without a non-linearity any stack of layers is one affine map (verified above), unable
#   even to learn XOR.
# - Sigmoid: range $(0, 1)$, slope at most 0.25 (at $x = 0$): fine for a probability at
#   the output; in hidden layers its derivative cuts every backward factor by at least 4, which the
#   weights must make up for (4 times larger than Xavier's) and, with depth, still cannot
#   fully. Tanh: range $(-1, 1)$, zero-centred, slope at most 1 (at $x = 0$), still
#   saturating.
# - ReLU passes gradients unchanged through active units, which keeps deep networks
#   trainable, but its flat negative side can kill neurons; Leaky ReLU, ELU and GELU give
#   that side a slope.
#
# Next: [3 · Softmax](03_softmax.ipynb).

# %% [markdown] lang="ko"
# 무슨 일이 있었는지, 그리고 각 변형이 이 문제에 어떻게 답하는지 정리해 봐요.
#
# - **ReLU**는 전혀 움직이지 않았어요. 200단계 동안 매개변수가 하나도 바뀌지 않았어요.
# - **Leaky ReLU**는 음수 쪽에 고정된 기울기 0.01을 남겨 두므로 그래디언트가 0이 되지 않아요. 뉴런은
#   가중합이 양수가 될 때까지 (편향이 천천히 올라가며) 조금씩 되살아나고, 그 뒤에는 목표를 정확히 배워요.
#   나머지는 모두 ReLU와 같아요.
# - **ELU**는 0 아래에서 매끄러운 곡선 $\alpha(e^x - 1)$을 써요. 그 기울기 $\alpha e^x$은 0 근처에서
#   훨씬 크므로, 뉴런이 몇 단계 만에 회복해요. 음수 출력($-\alpha$까지)은 평균 활성값을 0 쪽으로 끌어당기기도
#   해요.
# - **GELU**는 입력에, 표준정규 확률변수가 그 값보다 작을 확률 $\Phi(x)$를 곱해요. 어디서나
#   매끄럽고, $|x|$가 크면 ReLU에 가깝고, 0 바로 아래에서는 기울기가 0이 아니라서 조금만 음수인 유닛은
#   계속 배워요. 하지만 웅덩이는 경사로가 아니에요. 여기서는 가중합이 $-0.75$보다 아래에 있었고, 그곳에서
#   GELU의 기울기는 음수라서 경사 하강법이 편향을 오히려 *더 아래로*, 평평한 꼬리 쪽으로 밀었어요. GELU는
#   꺾이는 점을 부드럽게 해 줄 뿐, 멀리 음수 쪽으로 간 유닛이 돌아온다고 보장하지는 않아요. (GELU는
#   트랜스포머(transformer)에서 흔히 쓰는데, 트랜스포머에서는 정규화 층(normalization layer)이 각 활성화
#   함수의 입력을 0 근처로 유지해 줘요.)
#
# ## 요약
#
# - 비선형성이 없으면 층을 아무리 쌓아도 아핀 사상 하나이고(위에서 확인했어요), XOR조차 배우지 못해요.
# - 시그모이드: 치역 $(0, 1)$, 기울기는 많아야 0.25($x = 0$에서). 출력층에서 확률을 낼 때는 좋아요.
#   은닉층에서는 도함수가 역방향 계산의 인수를 층마다 적어도 4배 줄이므로 가중치가 이를 메워야 하고
#   (Xavier보다 4배 크게), 깊어지면 그래도 완전히 메우지 못해요. Tanh: 치역 $(-1, 1)$, 0 중심, 기울기는 많아야
#   1($x = 0$에서), 그래도 포화돼요.
# - ReLU는 활성화된 유닛에서 그래디언트를 그대로 전달해 깊은 신경망도 학습할 수 있게 해 주지만, 평평한
#   음수 쪽 때문에 뉴런이 죽을 수 있어요. Leaky ReLU, ELU, GELU는 그쪽에 기울기를 줘요.
#
# 다음: [3 · 소프트맥스](03_softmax.ipynb).

# %% [markdown]
# ## Appendix: GELU's extremes by Newton's method
#
# GELU's derivative peaks where its second derivative vanishes. Newton's method finds
# that point, $x \leftarrow x - f''(x) / f'''(x)$, with every derivative from the engine
# (`grad` nested three times). Analytically $f''(x) = \varphi(x)(2 - x^2)$, zero at
# $\sqrt 2$. GELU's minimum is where its first derivative vanishes, found the same way.

# %% [markdown] lang="ko"
# ## 부록: 뉴턴 방법으로 구하는 GELU의 극값
#
# GELU의 도함수는 2차 도함수가 0이 되는 곳에서 가장 커요. 뉴턴 방법(Newton's method)의 반복
# $x \leftarrow x - f''(x) / f'''(x)$로 그 점을 찾고, 모든 도함수는 엔진이 계산해요(`grad`를 세 번
# 중첩해요). 해석적으로는 $f''(x) = \varphi(x)(2 - x^2)$이고, $\sqrt 2$에서 0이에요. GELU의 최솟값은
# 1차 도함수가 0이 되는 곳이고, 같은 방법으로 찾아요.

# %%
gelu = Value.gelu
d1, d2, d3 = grad(gelu), grad(grad(gelu)), grad(grad(grad(gelu)))
peak = 1.0
for _ in range(20):
    peak -= d2(peak) / d3(peak)
minimum = -1.0
for _ in range(20):
    minimum -= d1(minimum) / d2(minimum)
print(f"GELU' peaks at x = {peak:.10f} (sqrt 2 = {math.sqrt(2):.10f}) with value {d1(peak):.6f}\n"
      f"GELU has its minimum {gelu(Value(minimum)).data:.6f} at x = {minimum:.6f}")

# %% tags=["remove-cell"]
assert abs(peak - math.sqrt(2)) < 1e-12 and abs(d1(peak) - 1.128904) < 1e-6
assert abs(gelu(Value(minimum)).data - (-0.169971)) < 1e-6
