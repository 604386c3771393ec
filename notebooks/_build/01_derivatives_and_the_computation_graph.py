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
# This is the first of seven walkthroughs that teach activation functions, softmax, forward
# propagation and backpropagation with a small scalar autodiff engine, `autograd`. Here we
# learn the two ideas everything else rests on:
#
# 1. a **derivative** is a slope: how much the output moves when you nudge an input;
# 2. an engine can get every derivative of an expression at once by recording the expression
#    as a **computation graph** and walking it backwards with the chain rule.
#
# Every number in the text is computed by a cell. Exercises (marked ✏️) ask you to predict
# or write something; a checker from `exercises.nb01` compares your answer with the engine.

# %% [markdown] lang="ko"
# # 1 · 도함수와 계산 그래프
#
# **강의 노트와의 대응.** 이 노트북은 강의 노트 「(2) 활성함수와 순전파 및 역전파」에서 다음 부분을 다뤄요.
#
# | 강의 노트의 절 | 이 노트북에서 |
# |---|---|
# | 「Introduction」 (경사 하강법(gradient descent)으로 최적의 계수 찾기), 「신경망 › 역전파 알고리즘」 ("그래디언트를 계산해 가중치를 업데이트한다") | 「도함수는 기울기예요」 · 「그래디언트는 어디에 쓰나요」 |
# | 「신경망 › 역전파 알고리즘」 (chain-rule을 이용해 최종 출력층부터 역순으로 계산), 「신경망 › 계산그래프를 이용한 역전파」 | 「`Value`: 자기가 어디서 왔는지 기억하는 수」 · 「입력이 넷인 그래프」 · 「연산의 안쪽」 |
# | 「신경망 › 계산그래프를 이용한 역전파」 | 「두 번 쓰인 노드는 그래디언트를 두 번 받아요」 · `=` 대신 `+=` · `backward()` 두 번 |
# | 「활성함수 › 활성화 함수의 종류」 (Tanh와 그 미분) | 「`exp`로 만든 tanh」 · 「PyTorch에서도 같은 숫자」 · 「함수로서의 도함수: `grad`」 |
# | 「신경망 › 계산그래프를 이용한 역전파」 ("weight에 더해진 값은 역전파 시 제거되고…") | 「강의 노트 정정」 (5번 노트북의 정정 2와 같은 문장) |
#
# 활성화 함수는 2번, 소프트맥스 연산은 3번, 「층을 왜 여러개 쌓을까?」와 순전파 알고리즘은 4번, 역전파 알고리즘의 나머지(메모리 등)는 5번 노트북에서 자세히 다뤄요.
#
# 이 노트북은 작은 스칼라 자동 미분(autodiff) 엔진 `autograd`로 활성화 함수(activation function), 소프트맥스(softmax), 순전파(forward propagation), 역전파(backpropagation)를 배우는 일곱 편의 실습 중 첫 번째예요. 여기서는 나머지 모든 내용의 바탕이 되는 두 가지 아이디어를 배워요.
#
# 1. **도함수**(derivative)는 기울기예요: 입력을 살짝 움직였을 때 출력이 얼마나 움직이는지를 나타내요.
# 2. 엔진은 식을 **계산 그래프**(computation graph)로 기록해 두고 연쇄법칙(chain rule)으로 그 그래프를 거꾸로 따라가서, 식의 모든 도함수를 한 번에 구할 수 있어요.
#
# 본문의 모든 숫자는 셀이 계산한 값이에요. 연습 문제(exercise, ✏️ 표시)는 무언가를 예측하거나 직접 작성하게 하고, `exercises.nb01`의 채점기가 여러분의 답을 엔진과 비교해요.
#
# 용어는 [용어집](용어집.md)을 따라요: 한 뜻에 한 낱말을 쓰고, 처음 나올 때 영어 원어를 괄호 안에 함께 적어요.

# %%
import inspect
import math
import re

import matplotlib.pyplot as plt
import numpy as np

from autograd import Value, chain_rule, gradcheck, grad, ops, topological_order
from exercises import nb01
from viz import draw_dot, tr


# %% [markdown] lang="ko"
# 한국어판에만 있는 셀이에요: 아래 셀은 그림 속 글자(그래프 제목, 범례, 단계 설명)를 한국어로 바꿔요.

# %% lang="ko"
import viz

viz.set_language("ko")


# %% [markdown]
# ## A derivative is a slope
#
# Take an ordinary function of one number, $f(x) = 3x^2 - 4x + 5$. Its derivative at a
# point is the slope of the curve there. You can *measure* a slope without any calculus:
# move $x$ by a small step $h$ and divide the change in $f$ by the step,
#
# $$f'(x) \approx \frac{f(x+h) - f(x)}{h}.$$

# %% [markdown] lang="ko"
# ## 도함수는 기울기예요
#
# 평범한 한 변수 함수 $f(x) = 3x^2 - 4x + 5$를 생각해 봐요. 한 점에서의 도함수 값은 그 점에서 곡선의 기울기예요. 기울기는 미적분 없이도 *잴* 수 있어요: $x$를 작은 간격 $h$만큼 움직이고, $f$의 변화량을 그 간격으로 나누면 돼요.
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
# (the curvature term: $\frac{f(x+h) - f(x)}{h} = 6x - 4 + 3h$); the *central* difference
# $\frac{f(x+h) - f(x-h)}{2h}$ cancels that term and is much more accurate for the same
# $h$. Making $h$ too small does not help either: the two values of $f$ become so close
# that floating-point round-off dominates.

# %% [markdown] lang="ko"
# 추정값이 **14**로 모여요. 미적분으로도 정확히 같은 수가 나와요: $f'(x) = 6x - 4$이고 $6 \cdot 3 - 4 = 14$예요. 여기서 전진 차분(forward difference)은 $3h$만큼 어긋나요(곡률 항: $\frac{f(x+h) - f(x)}{h} = 6x - 4 + 3h$). *중앙* 차분(central difference) $\frac{f(x+h) - f(x-h)}{2h}$는 이 항을 지워서, 같은 $h$에서 훨씬 정확해요. 그렇다고 $h$를 너무 작게 잡아도 소용없어요: 두 $f$ 값이 너무 가까워져서 부동소수점 반올림 오차(round-off)가 결과를 지배하게 돼요.

# %%
print(f"{'h':>8}  {'forward error':>14}  {'central error':>14}")
for h in [1e-2, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12]:
    forward = (f(x0 + h) - f(x0)) / h
    central = (f(x0 + h) - f(x0 - h)) / (2 * h)
    print(f"{h:>8g}  {abs(forward - 14):>14.2e}  {abs(central - 14):>14.2e}")

# %% tags=["remove-cell"]
for h in [1e-2, 1e-4]:  # here the error is all curvature: (f(x+h) - f(x)) / h = 6x - 4 + 3h
    forward = (f(x0 + h) - f(x0)) / h
    central = (f(x0 + h) - f(x0 - h)) / (2 * h)
    assert abs((forward - 14) - 3 * h) < 1e-9 and abs(central - 14) < 1e-9

# %% [markdown]
# The slope is the tangent line: near $x_0 = 3$ the curve and the line
# $f(x_0) + f'(x_0)(x - x_0)$ are almost indistinguishable.

# %% [markdown] lang="ko"
# 기울기를 그림으로 보면 접선(tangent line)이에요: $x_0 = 3$ 근처에서는 곡선과 직선 $f(x_0) + f'(x_0)(x - x_0)$을 거의 구별할 수 없어요.

# %%
xs = np.linspace(0, 5, 200)
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(xs, f(xs), label="f(x) = 3x² − 4x + 5")
ax.plot(xs, f(x0) + 14 * (xs - x0), "--", label=tr("tangent at x = 3, slope 14"))
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

# %% [markdown] lang="ko"
# ## `Value`: 자기가 어디서 왔는지 기억하는 수
#
# 유한 차분(finite difference)은 입력 하나마다 함수를 한 번 더 계산해야 하고, 결코 정확하지 않아요. 엔진은 이보다 나아요. `Value`는 float 하나를 `.data`에 감싸 두고, `Value`끼리의 모든 연산은 자신의 입력(`.parents`)과 연산(`.op`)을 기록한 새 `Value`를 돌려줘요. 결과에서 `.backward()`를 부르면, 결과가 의존하는 모든 `Value`의 `.grad`에 그 `Value`에 대한 결과의 도함수 값이 채워져요: 정확하게, 그리고 한꺼번에.

# %%
x = Value(3.0, label="x")
y = 3 * x**2 - 4 * x + 5
y.backward()
print("y       =", y)
print("y.op    =", repr(y.op))
print("parents =", y.parents)
print("dy/dx   =", x.grad)

# %% tags=["remove-cell"]
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

# %% [markdown] lang="ko"
# `y.parents`를 보면 `y`는 다른 `Value`에 상수 5를 더해서 만들어졌어요. 그 `Value`는 뺄셈에서 왔고, 이렇게 `x`까지 거슬러 내려가요. 이 기록들을 모두 합친 것이 **계산 그래프**예요.
#
# ## 입력이 넷인 그래프: $L = (a \cdot b + c) \cdot f$
#
# 조금 더 큰 식을 만들어 봐요. 그림이 읽기 쉽도록 중간 결과마다 이름을 붙여요: $e = a b$, $d = e + c$, $L = d f$.

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

# %% tags=["remove-cell"]
assert (e.data, d.data, L.data) == (-6.0, 4.0, -8.0)

# %% [markdown]
# `draw_dot` draws the graph: one box per `Value` (its label, data and grad) and one small
# node per operation. Data flows from left to right. Before the backward pass every
# gradient is still 0.

# %% [markdown] lang="ko"
# `draw_dot`은 그래프를 그려요: `Value`마다 상자 하나(이름표, data, grad)가 있고, 연산마다 작은 노드 하나가 있어요. 데이터는 왼쪽에서 오른쪽으로 흘러요. 역방향 계산(backward pass) 전이라서 모든 그래디언트(gradient)는 아직 0이에요.

# %%
draw_dot(L)

# %% [markdown]
# Now the backward pass. It starts at $L$ with $\partial L / \partial L = 1$ and moves
# right to left.

# %% [markdown] lang="ko"
# 이제 역방향 계산예요. $L$에서 $\partial L / \partial L = 1$로 시작해서 오른쪽에서 왼쪽으로 진행해요.

# %%
L.backward()
draw_dot(L)

# %% [markdown]
# **Explore it live.** `viz.explore(L)` shows the same graph as a widget: step through the
# backward pass (buttons, slider or the arrow keys), click a node (or Tab to it and press
# Enter) to read its chain rule with the numbers — `∂L/∂d = f`, written with this graph's
# own names — and who sent each contribution, and drag `a`, `b`, `c` or `f` to watch every
# gradient of $L$ change. The engine recomputes the forward and backward pass on the
# explorer's own copy of the numbers: your `a`, `b`, `c`, `f` keep their values, and
# **reset** puts the sliders back. Where widgets do not run (a static page of this
# notebook), the picture above is the same graph.

# %% [markdown] lang="ko"
# **직접 움직여 보세요.** `viz.explore(L)`은 같은 그래프를 위젯(widget)으로 보여 줘요. 역방향 계산를 한 단계씩 진행하고(버튼, 슬라이더, 화살표 키), 노드를 클릭하면(또는 Tab으로 가서 Enter) 그 노드의 연쇄법칙을 숫자와 함께 읽을 수 있어요. 수식은 이 그래프의 이름으로 쓰여요(`∂L/∂d = f`). 각 기여를 누가 보냈는지도 나와요. `a`, `b`, `c`, `f`를 끌면 $L$의 모든 그래디언트가 어떻게 바뀌는지 볼 수 있어요. 엔진은 탐색기가 따로 가진 숫자의 사본으로 순방향 계산와 역방향 계산를 다시 계산하므로, 여러분의 `a`, `b`, `c`, `f`는 값이 그대로이고, **처음 값으로** 버튼이 슬라이더를 되돌려요. 위젯이 동작하지 않는 곳(이 노트북의 정적 페이지)에서는 위의 그림이 같은 그래프예요.

# %%
import viz

viz.explore(L)

# %% [markdown]
# **Predict, then reveal.** With `practice=True` the explorer hides the gradient the next
# step will produce and asks you for it: type your answer, press **check**, and it tells
# you right or wrong (within 0.01 or 1 % of the engine's value), shows the chain-rule
# product with the numbers when you missed, and keeps the score. Try to reach the end
# with every answer right.

# %% [markdown] lang="ko"
# **먼저 예측하고, 그다음 확인하세요.** `practice=True`를 주면 탐색기가 다음 단계에서 나올
# 그래디언트를 가리고 물어봐요. 답을 입력하고 **확인**을 누르면 맞았는지(엔진 값과 0.01 또는 1 %
# 이내) 알려 주고, 틀렸으면 연쇄법칙의 곱을 숫자와 함께 보여 주고, 점수를 세요. 모든 답을 맞히며
# 끝까지 가 보세요.

# %%
viz.explore(L, practice=True)

# %%
print("\n".join(f"dL/d{node.label} = {node.grad:+.1f}" for node in [L, d, f_, e, c, a, b]))


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
# The cell below compares the engine with these hand-worked values and with a central
# difference for every input.

# %% [markdown] lang="ko"
# 이 숫자들은 하나하나 **연쇄법칙**으로 손으로도 구할 수 있어요. 출력에서부터 거꾸로, 한 번에 연산 하나씩:
#
# | 노드 | 국소 도함수(local derivative) | 그래디언트 |
# |---|---|---|
# | $L = d f$ | $\partial L/\partial f = d = 4$, $\partial L/\partial d = f = -2$ | $f$: 4, $d$: −2 |
# | $d = e + c$ | $\partial d/\partial e = \partial d/\partial c = 1$ | $e$, $c$: $-2 \cdot 1 = -2$ |
# | $e = a b$ | $\partial e/\partial a = b = -3$, $\partial e/\partial b = a = 2$ | $a$: $-2 \cdot -3 = 6$, $b$: $-2 \cdot 2 = -4$ |
#
# 따라서 $\frac{\partial L}{\partial a} = \frac{\partial L}{\partial d}\,\frac{\partial d}{\partial e}\,\frac{\partial e}{\partial a} = f \cdot 1 \cdot b$예요. 아래 셀은 모든 입력에 대해 엔진의 값을 이 손계산 값, 그리고 중앙 차분과 비교해요.

# %%
def L_of(a, b, c, f):
    return (a * b + c) * f


point = {"a": 2.0, "b": -3.0, "c": 10.0, "f": -2.0}
by_hand = {"a": f_.data * 1 * b.data, "b": f_.data * 1 * a.data, "c": f_.data, "f": d.data}
engine = {"a": a.grad, "b": b.grad, "c": c.grad, "f": f_.grad}
numeric = {}
h = 1e-6
for name in point:
    up, down = dict(point), dict(point)
    up[name] += h
    down[name] -= h
    numeric[name] = (L_of(**up) - L_of(**down)) / (2 * h)
print("\n".join(
    f"dL/d{n}: engine {engine[n]:+.6f}  by hand {by_hand[n]:+.6f}  numeric {numeric[n]:+.6f}"
    for n in point
))

# %% tags=["remove-cell"]
for name in point:
    assert engine[name] == by_hand[name]
    assert abs(engine[name] - numeric[name]) < 1e-6

# %% [markdown]
# ### What a gradient is good for
#
# A gradient says which way to move each input to make the output grow, and how strongly.
# Nudge every input by a small step $\eta$ times its gradient, and to first order $L$ grows
# by $\eta \sum_i (\partial L/\partial x_i)^2$. Stepping *against* the gradient makes $L$
# shrink instead: that is gradient descent, the way every network in this series learns.

# %% [markdown] lang="ko"
# ### 그래디언트는 어디에 쓰나요
#
# 그래디언트는 출력을 키우려면 각 입력을 어느 쪽으로, 얼마나 세게 움직여야 하는지 알려 줘요. 모든 입력을 작은 보폭 $\eta$ 곱하기 자기 그래디언트만큼 옮기면, 1차 근사로 $L$은 $\eta \sum_i (\partial L/\partial x_i)^2$만큼 커져요. 그래디언트의 *반대* 방향으로 옮기면 $L$은 오히려 줄어들어요: 이것이 경사 하강법이고, 이 시리즈의 모든 신경망이 학습하는 방법이에요.

# %%
step = 0.01
grads = [a.grad, b.grad, c.grad, f_.grad]
predicted = step * sum(g * g for g in grads)
before = L_of(a.data, b.data, c.data, f_.data)
after = L_of(*(v.data + step * v.grad for v in [a, b, c, f_]))
print(f"L before {before:.4f}, after the step {after:.4f}\n"
      f"change {after - before:.4f}, first-order prediction {predicted:.4f}")

# %% tags=["remove-cell"]
assert after > before and abs((after - before) - predicted) < 0.02

# %% [markdown]
# ## Inside an op: its forward and its derivative rule
#
# Where do the local derivatives of the table come from? Every op of the engine is defined
# once, in `autograd/ops.py`, as one block: its name, its **forward** (the value it
# computes from plain floats) and its **rule**, the chain rule for that op. A rule gets
# `g`, the gradient arriving at the op's output `out`, and the op's inputs, and returns
# what each input receives: `g` times the local derivative. Here are the real blocks of
# `*` and of `tanh`, read from the engine's source:

# %% [markdown] lang="ko"
# ## 연산의 안쪽: 순방향 계산과 도함수 규칙
#
# 표의 국소 도함수는 어디서 올까요? 엔진의 모든 연산(op)은 `autograd/ops.py`에 한 블록으로 한 번만 정의돼 있어요: 이름, **순방향 계산**(forward, 일반 float로 값을 계산하는 함수), 그리고 그 연산에 대한 연쇄법칙인 **규칙**(rule)이에요. 규칙은 연산의 출력 `out`에 도착한 그래디언트 `g`와 연산의 입력들을 받아서, 각 입력이 받을 값, 즉 `g` 곱하기 국소 도함수를 돌려줘요. 엔진의 소스에서 읽어 온 `*`와 `tanh`의 실제 블록이에요.

# %%
def op_source(name):
    """The block `NAME = Op(...)` of autograd/ops.py, as it stands in the source."""
    source = inspect.getsource(ops)
    start = re.search(rf"^{name} = Op\(", source, flags=re.MULTILINE).start()
    end = source.index("\n)", start) + 2
    return source[start:end]


print(op_source("MUL") + "\n\n" + op_source("TANH"))

# %% [markdown]
# For $a \cdot b$ the rule returns `(g * b, g * a)`: the input $a$ receives the gradient
# times the *other* input, exactly the $\partial e/\partial a = b$ of the table. For tanh
# it returns `g * (1 - out * out)`, using the output it computed on the way forward:
# $\tanh'(x) = 1 - \tanh^2 x$. And this is all it takes to record a node: `Value.__mul__`
# creates the result with its two parents, the op's name and the rule.

# %% [markdown] lang="ko"
# $a \cdot b$에 대해 규칙은 `(g * b, g * a)`를 돌려줘요: 입력 $a$는 그래디언트 곱하기 *다른* 입력을 받는데, 바로 표의 $\partial e/\partial a = b$예요. tanh의 규칙은 `g * (1 - out * out)`을 돌려주는데, 순방향 계산 때 구해 둔 출력을 써요: $\tanh'(x) = 1 - \tanh^2 x$. 그리고 노드 하나를 기록하는 데 필요한 건 이게 전부예요: `Value.__mul__`은 두 부모, 연산의 이름, 규칙을 넣어 결과를 만들어요.

# %%
print(inspect.getsource(Value.__mul__))

# %% [markdown]
# The constructor's arguments, in order, are the data, a label, the first and second
# parent (`None` for a one-input op), the op's name and the rule. So a new op needs no
# change to the engine: build the node yourself.
#
# ✏️ **Exercise 1.** Write the rule of $\sin$: a function `sin_rule(g, out, x)` that
# returns what $x$ receives when gradient `g` arrives at `out` $= \sin x$. The cell after
# it builds the op with your rule, and the checker runs `gradcheck` (the engine's
# gradients against central differences) on $3 \sin(x^2)$ at several points.

# %% [markdown] lang="ko"
# 생성자의 인자는 순서대로 data, 이름표(label), 첫째와 둘째 부모(입력이 하나인 연산이면 `None`), 연산의 이름, 규칙이에요. 그러니 새 연산을 만드는 데 엔진을 고칠 필요가 없어요: 노드를 직접 만들면 돼요.
#
# ✏️ **연습 문제 1.** $\sin$의 규칙을 작성하세요: `out` $= \sin x$에 그래디언트 `g`가 도착했을 때 $x$가 받을 값을 돌려주는 함수 `sin_rule(g, out, x)`예요. 그다음 셀이 여러분의 규칙으로 연산을 만들고, 채점기는 여러 점에서 $3 \sin(x^2)$에 `gradcheck`(엔진의 그래디언트를 중앙 차분과 비교)를 실행해요.

# %%
def sin_rule(g, out, x):
    return ...  # replace ... with what x receives


def sin(x):
    return Value(math.sin(x.data), "", x, None, "sin", sin_rule)


# %%
nb01.check_sin_rule(sin_rule);

# %% [markdown]
# Once the rule is right, `sin` is an op like any other: `draw_dot` shows its node, and
# `backward()` runs your rule.
#
# ## A node used twice collects two gradients
#
# What is the derivative of $b = a + a$ with respect to $a$? It is 2, since $b = 2a$. In
# the graph, `a` feeds the addition *twice*, so two gradients flow back into it, one per
# use. The **multivariable chain rule** says a variable's derivative is the *sum* over
# every path from it to the output. That is why the engine **adds** into `.grad`
# (`grad += ...`) instead of overwriting it.

# %% [markdown] lang="ko"
# 규칙이 맞으면 `sin`도 다른 연산과 똑같아요: `draw_dot`은 그 노드를 보여 주고, `backward()`는 여러분의 규칙을 실행해요.
#
# ## 두 번 쓰인 노드는 그래디언트를 두 번 받아요
#
# $b = a + a$를 $a$로 미분하면 얼마일까요? $b = 2a$이니 2예요. 그래프에서 `a`는 덧셈에 *두 번* 들어가므로, 쓰인 횟수마다 하나씩 두 그래디언트가 `a`로 거꾸로 흘러 들어와요. **다변수 연쇄법칙**(multivariable chain rule)에 따르면 한 변수의 도함수는 그 변수에서 출력까지 가는 모든 경로에 대한 *합*이에요. 그래서 엔진은 `.grad`를 덮어쓰지 않고 거기에 **더해요**(`grad += ...`).

# %%
a = Value(3.0, label="a")
b = a + a
b.label = "b"
b.backward()
print("d(a + a)/da =", a.grad)

# %% tags=["remove-cell"]
assert a.grad == 2.0

# %% [markdown]
# The same holds for any reuse. For $z = x y + x$, $x$ reaches $z$ along two paths (through
# the product and directly), so $\partial z / \partial x = y + 1$. In the diagram `x` has two
# outgoing arrows.

# %% [markdown] lang="ko"
# 재사용이라면 어떤 경우든 마찬가지예요. $z = x y + x$에서 $x$는 두 경로(곱을 거쳐서, 그리고 곧바로)로 $z$에 닿으므로 $\partial z / \partial x = y + 1$이에요. 그림에서 `x`에서는 화살표가 두 개 나가요.

# %%
x = Value(-2.0, label="x")
y = Value(5.0, label="y")
xy = x * y
xy.label = "xy"
z = xy + x
z.label = "z"
z.backward()
print(f"dz/dx = {x.grad}  (y + 1 = {y.data + 1})\ndz/dy = {y.grad}  (x = {x.data})")
draw_dot(z)

# %% tags=["remove-cell"]
assert x.grad == y.data + 1 and y.grad == x.data

# %% [markdown]
# ### What goes wrong with `=` instead of `+=`
#
# Backpropagation itself is a short loop: visit the nodes from the output back (the reverse
# of a topological order, so that a node is visited only after everything that uses it),
# and hand each parent what the node's rule sends it. `chain_rule(node, g)` is one step of
# it: what `node`'s rule returns for each parent when gradient `g` arrives at `node`. Here
# is the loop written with a plain assignment, `parent.grad = ...`, run on $z = x y + x$:

# %% [markdown] lang="ko"
# ### `+=` 대신 `=`를 쓰면 무엇이 잘못되나요
#
# 역전파 자체는 짧은 반복문이에요. 출력에서부터 거꾸로 노드를 방문하고(위상 순서(topological order)의 역순이라서, 한 노드는 그것을 쓰는 모든 노드를 방문한 뒤에야 방문돼요), 각 부모에게 노드의 규칙이 보내는 값을 건네줘요. `chain_rule(node, g)`가 그 한 단계예요: `node`에 그래디언트 `g`가 도착했을 때 `node`의 규칙이 각 부모에게 돌려주는 값이죠. 아래는 이 반복문을 단순 대입 `parent.grad = ...`으로 작성해서 $z = x y + x$에 실행한 것이에요.

# %%
def backward_that_overwrites(root):
    root.grad = 1.0
    for node in reversed(topological_order(root)):
        for parent, g in zip(node.parents, chain_rule(node, node.grad)):
            parent.grad = g  # the bug: the second use of a parent erases the first


x = Value(-2.0, label="x")
y = Value(5.0, label="y")
z = x * y + x
backward_that_overwrites(z)
print(f"with '=':  dz/dx = {x.grad}  (right: y + 1 = {y.data + 1})")

# %% tags=["remove-cell"]
assert x.grad == y.data  # the product's contribution overwrote the direct path's

# %% [markdown]
# The addition node (the output, visited first) sends $x$ a gradient of 1 along the
# direct path; then the product node sends $x$ the gradient $y = 5$ along the path
# through $xy$, and the assignment throws the first contribution away. Which path is lost
# depends on the order of the visit; that one is lost does not. The chain rule asks for the *sum* over paths, so every
# contribution must be *added*: that is why the engine accumulates, and why `.grad` starts
# at 0.
#
# ✏️ **Exercise 2.** Write `my_backward(root)`, the same loop done right. The checker
# runs it on $z = (x y + x)\,y$, where both $x$ and $y$ are used twice, and compares with
# the engine's `backward()`.

# %% [markdown] lang="ko"
# 덧셈 노드(출력이라서 가장 먼저 방문돼요)는 곧바로 가는 경로로 $x$에 그래디언트 1을 보내요. 그다음 곱셈 노드가 $xy$를 거치는 경로로 $x$에 그래디언트 $y = 5$를 보내고, 대입이 첫 번째 기여를 버려요. 어느 경로를 잃는지는 방문 순서에 달려 있지만, 하나를 잃는다는 사실은 변하지 않아요. 연쇄법칙은 경로에 대한 *합*을 요구하므로 모든 기여를 *더해야* 해요: 그래서 엔진은 그래디언트를 누적(accumulate)하고, `.grad`는 0에서 시작해요.
#
# ✏️ **연습 문제 2.** 같은 반복문을 올바르게 작성한 `my_backward(root)`를 만드세요. 채점기는 $x$와 $y$를 모두 두 번씩 쓰는 $z = (x y + x)\,y$에서 그것을 실행해 엔진의 `backward()`와 비교해요.

# %%
def my_backward(root):
    return ...  # replace this line with the loop


# %%
nb01.check_my_backward(my_backward);

# %% [markdown]
# ✏️ **Exercise 3.** Predict before you compute: for $M = (a + b)(b - c)$ at $a = 1$,
# $b = 4$, $c = 5$, what is $\partial M / \partial b$? ($b$ is used twice.)

# %% [markdown] lang="ko"
# ✏️ **연습 문제 3.** 계산하기 전에 예측해 보세요: $a = 1$, $b = 4$, $c = 5$에서 $M = (a + b)(b - c)$의 $\partial M / \partial b$는 얼마일까요? ($b$는 두 번 쓰여요.)

# %%
answer = ...  # replace ... with a number
nb01.check_predict_grad(answer);

# %% [markdown]
# ### ... and so does a second call to `backward()`
#
# Because `.grad` accumulates, calling `backward()` twice without clearing adds the same
# gradients again: every `.grad` doubles. This is the behaviour of PyTorch too, and it is
# why a training loop clears the gradients (`zero_grad()`) before each backward pass.

# %% [markdown] lang="ko"
# ### ... `backward()`를 두 번 불러도 마찬가지예요
#
# `.grad`가 누적되기 때문에, 지우지 않고 `backward()`를 두 번 부르면 같은 그래디언트가 한 번 더 더해져요: 모든 `.grad`가 두 배가 돼요. PyTorch도 똑같이 동작하고, 그래서 학습 루프는 역방향 계산를 할 때마다 먼저 그래디언트를 지워요(`zero_grad()`).

# %%
x = Value(-2.0, label="x")
y = Value(5.0, label="y")
z = x * y + x
z.backward()
first = x.grad
z.backward()
second = x.grad
z.zero_grad()
z.backward()
print(f"after one backward:           dz/dx = {first}\n"
      f"after a second backward:      dz/dx = {second}\n"
      f"after zero_grad and backward: dz/dx = {x.grad}")

# %% tags=["remove-cell"]
assert first == y.data + 1 and second == 2 * first and x.grad == first

# %% [markdown]
# ## tanh built from `exp`: the same gradients
#
# An op is a choice of granularity. The engine has a one-node `tanh`, but tanh can also be
# written with exponentials,
#
# $$\tanh n = \frac{e^{2n} - 1}{e^{2n} + 1},$$
#
# and the engine differentiates that expression too, one `exp`, `−`, `+` and `÷` at a
# time. The chain rule through the small ops must add up to the one-op rule
# $1 - \tanh^2 n$. We check it on a neuron with two inputs, $o = \tanh(x_0 w_0 + x_1 w_1 + b)$,
# with the numbers of Andrej Karpathy's *micrograd* lecture (the bias makes $o$ come out
# as $1/\sqrt 2$).

# %% [markdown] lang="ko"
# ## `exp`로 만든 tanh: 같은 그래디언트
#
# 연산을 어떤 크기로 나눌지는 선택의 문제예요. 엔진에는 노드 하나짜리 `tanh`가 있지만, tanh는 지수함수로도 쓸 수 있어요.
#
# $$\tanh n = \frac{e^{2n} - 1}{e^{2n} + 1}$$
#
# 엔진은 이 식도 `exp`, `−`, `+`, `÷`를 하나씩 미분해요. 작은 연산들을 거치는 연쇄법칙의 결과는 연산 하나짜리 규칙 $1 - \tanh^2 n$과 같아야 해요. 입력이 둘인 뉴런(neuron) $o = \tanh(x_0 w_0 + x_1 w_1 + b)$로 확인해 봐요. 숫자는 Andrej Karpathy의 *micrograd* 강의에서 가져왔어요(편향(bias) 덕분에 $o$가 $1/\sqrt 2$로 나와요).

# %%
def neuron(tanh):
    x0, x1 = Value(2.0, label="x0"), Value(0.0, label="x1")
    w0, w1 = Value(-3.0, label="w0"), Value(1.0, label="w1")
    bias = Value(6.8813735870195432, label="b")
    n = x0 * w0 + x1 * w1 + bias
    n.label = "n"
    o = tanh(n)
    o.label = "o"
    o.backward()
    return o, [x0, x1, w0, w1, bias, n]


def tanh_from_exp(n):
    e = (2 * n).exp()
    e.label = "e^2n"
    return (e - 1) / (e + 1)


one_op, leaves_one = neuron(Value.tanh)
from_exp, leaves_exp = neuron(tanh_from_exp)
print(f"o: one op {one_op.data:.12f}, from exp {from_exp.data:.12f}\n"
      + "\n".join(
          f"d o/d {p.label:>2}: one op {p.grad:+.12f}, from exp {q.grad:+.12f}"
          for p, q in zip(leaves_one, leaves_exp)
      ))

# %% tags=["remove-cell"]
assert all(abs(p.grad - q.grad) < 1e-12 for p, q in zip(leaves_one, leaves_exp))
assert abs(one_op.data - 1 / math.sqrt(2)) < 1e-12

# %% [markdown]
# Every gradient agrees to 12 decimals (the last bits may differ: the two graphs round
# differently). The two graphs side by side: one `tanh` node, or five small ops (×, exp, −, +,
# ÷). In the
# second, the node $e^{2n}$ is used twice (numerator and denominator), so it collects two
# gradients, as above.

# %% [markdown] lang="ko"
# 모든 그래디언트가 소수 12자리까지 일치해요(마지막 비트는 다를 수 있어요: 두 그래프는 반올림이 다르게 일어나요). 두 그래프를 나란히 보면, `tanh` 노드 하나와 작은 연산 다섯 개(×, exp, −, +, ÷)예요. 두 번째 그래프에서 노드 $e^{2n}$은 (분자와 분모에서) 두 번 쓰이므로, 앞에서 본 것처럼 그래디언트를 두 번 받아요.

# %%
small = draw_dot(one_op, title=tr("tanh as one op"))
small.graph_attr["size"] = "7,2"
small

# %%
small = draw_dot(from_exp, title=tr("tanh from exp, −, +, ÷"))
small.graph_attr["size"] = "9,3"
small

# %% [markdown]
# ✏️ **Exercise 4.** Build the sigmoid $\sigma(x) = 1 / (1 + e^{-x})$ from `exp`, `+` and
# `/` (and unary `-`), without `.sigmoid()`. The checker compares its values and its
# gradients with the one-op `Value.sigmoid` at several points.

# %% [markdown] lang="ko"
# ✏️ **연습 문제 4.** `.sigmoid()`를 쓰지 말고 `exp`, `+`, `/`(그리고 단항 `-`)로 시그모이드(sigmoid) $\sigma(x) = 1 / (1 + e^{-x})$를 만드세요. 채점기는 여러 점에서 그 값과 그래디언트를 연산 하나짜리 `Value.sigmoid`와 비교해요.

# %%
def my_sigmoid(x):
    return ...  # replace ... with an expression in x


# %%
nb01.check_sigmoid_from_exp(my_sigmoid);

# %% [markdown]
# ## The same numbers in PyTorch
#
# PyTorch's autograd works the same way: tensors record the graph, `backward()` fills
# `.grad`. Written in float64 (the engine's precision), the neuron above gives the same
# gradients. PyTorch is optional here: without it the cell says so and moves on.

# %% [markdown] lang="ko"
# ## PyTorch에서도 같은 숫자
#
# PyTorch의 autograd도 같은 방식으로 동작해요: 텐서(tensor)가 그래프를 기록하고, `backward()`가 `.grad`를 채워요. float64(엔진의 정밀도)로 쓰면 위의 뉴런에서 같은 그래디언트가 나와요. 여기서 PyTorch는 선택 사항이에요: 설치되어 있지 않으면 셀이 그렇다고 알리고 넘어가요.

# %%
try:
    import torch
except ImportError:
    torch = None

if torch is None:
    print("PyTorch is not installed: skipping the comparison.")
else:
    t = {name: torch.tensor(v, dtype=torch.float64, requires_grad=True)
         for name, v in [("x0", 2.0), ("x1", 0.0), ("w0", -3.0), ("w1", 1.0), ("b", 6.8813735870195432)]}
    o_torch = torch.tanh(t["x0"] * t["w0"] + t["x1"] * t["w1"] + t["b"])
    o_torch.backward()
    print(f"o: PyTorch {o_torch.item():.12f}, engine {one_op.data:.12f}\n"
          + "\n".join(
              f"d o/d {p.label:>2}: PyTorch {t[p.label].grad.item():+.12f}, engine {p.grad:+.12f}"
              for p in leaves_one[:5]
          ))

# %% tags=["remove-cell"]
if torch is not None:
    assert all(abs(t[p.label].grad.item() - p.grad) < 1e-12 for p in leaves_one[:5])

# %% [markdown]
# ## Derivatives as functions: `grad`
#
# `grad(f)` turns a Python function into the function that returns its derivative. Because
# the engine can record the backward pass itself as a graph, `grad` nests:
# `grad(grad(f))` is the second derivative. The next notebook uses this to plot the first
# and second derivatives of every activation function.

# %% [markdown] lang="ko"
# ## 함수로서의 도함수: `grad`
#
# `grad(f)`는 파이썬 함수를 그 도함수를 돌려주는 함수로 바꿔요. 엔진은 역방향 계산 자체도 그래프로 기록할 수 있어서 `grad`를 겹쳐 쓸 수 있어요: `grad(grad(f))`는 이계도함수(second derivative)예요. 다음 노트북은 이것으로 모든 활성화 함수의 1차, 2차 도함수를 그려요.

# %%
df = grad(f)
d2f = grad(grad(f))
print("\n".join(
    f"x = {x}: f'(x) = {df(x):5.1f} (6x - 4 = {6 * x - 4:5.1f}),  f''(x) = {d2f(x)} (6)"
    for x in [0.0, 1.0, 3.0]
))

# %% tags=["remove-cell"]
for x in [0.0, 1.0, 3.0]:
    assert df(x) == 6 * x - 4 and d2f(x) == 6.0

# %% [markdown]
# ## Corrections of the lecture note
#
# > **What the lecture note says, and what is true.** **Correction.** The note's example of
# > backpropagation on a computation graph says that a term *added* to a weight
# > disappears in the backward pass and only the term *multiplied* with the weight
# > remains. Half true. The added term's *value* does not appear in the weight's
# > derivative, but an addition does not stop the gradient: it passes what arrives
# > unchanged to *both* of its inputs, so the added term gets a gradient of its own. And
# > what remains for a weight is not only the factor it is multiplied with, but the
# > product of every local derivative on the way to the output. In
# > $L = (a \cdot b + c) \cdot f$: $\partial L / \partial a = f \cdot b$ (no $c$ in it),
# > while $\partial L / \partial c = f$, not 0. (Notebook 5's second correction shows the
# > added term coming back through an activation.)

# %% [markdown] lang="ko"
# ## 강의 노트 정정
#
# > **강의 노트의 설명과 실제.** **정정.** 강의 노트 「계산그래프를 이용한 역전파」의 예시는 가중치(weight)에 *더해진* 항은 역전파 때 사라지고 가중치에 *곱해진* 항만 남는다고 말해요("주어진 weight에 더해진 값은 역전파 시 제거되고, weight에 곱해진 항만 남게된다"). 절반만 맞아요. 더해진 항의 *값*은 가중치의 도함수에 나타나지 않지만, 덧셈이 그래디언트를 막지는 않아요: 덧셈은 도착한 그래디언트를 그대로 *두* 입력 모두에 넘겨주므로, 더해진 항도 자기 그래디언트를 받아요. 그리고 가중치에 남는 것은 곱해진 인수만이 아니라, 출력까지 가는 길에 있는 모든 국소 도함수의 곱이에요. $L = (a \cdot b + c) \cdot f$에서 $\partial L / \partial a = f \cdot b$($c$는 들어 있지 않아요)이지만, $\partial L / \partial c = f$이고 0이 아니에요.
# >
# > 아래 셀이 두 값을 계산해 보여 줘요. 같은 값은 앞의 표와, 엔진·손계산·중앙 차분을 비교한 셀에서도 나왔어요. (더해진 항이 활성화 함수를 거쳐 다시 돌아오는 모습은 5번 노트북의 정정 2가 보여 줘요.)

# %%
a, b, c, f_ = Value(2.0), Value(-3.0), Value(10.0), Value(-2.0)
L = (a * b + c) * f_
L.backward()
print(f"dL/da = {a.grad} = f * b = {f_.data * b.data}   (the added c = {c.data} is not in it)\n"
      f"dL/dc = {c.grad} = f              (the added term gets the gradient too)")

# %% tags=["remove-cell"]
assert a.grad == f_.data * b.data and c.grad == f_.data

# %% [markdown]
# ## Summary
#
# - A derivative is a slope; a finite difference measures it approximately, one input at a
#   time.
# - A `Value` records the operations that produced it; `backward()` walks that graph from
#   the output back with the chain rule and fills every `.grad` exactly, in one pass.
# - Each op contributes a simple *local* derivative, written once as its rule in
#   `autograd/ops.py`; a new op is a forward and a rule. The chain rule multiplies local
#   derivatives along a path and sums over paths, which is why `.grad` accumulates (a
#   reused node, or a second `backward()`), and why a composite like tanh from `exp` gets
#   the same gradients as the one-op version.
#
# Next: [2 · Activation functions](02_activation_functions.ipynb).

# %% [markdown] lang="ko"
# ## 정리
#
# - 도함수는 기울기예요. 유한 차분은 그것을 근사적으로, 입력 하나씩 재요.
# - `Value`는 자신을 만든 연산을 기록해요. `backward()`는 그 그래프를 출력에서부터 연쇄법칙으로 거꾸로 따라가며, 한 번의 패스로 모든 `.grad`를 정확히 채워요.
# - 각 연산은 간단한 *국소* 도함수를 내놓고, 그것은 `autograd/ops.py`에 그 연산의 규칙으로 한 번만 쓰여 있어요. 새 연산은 순방향 계산 하나와 규칙 하나예요. 연쇄법칙은 한 경로를 따라 국소 도함수를 곱하고 경로들에 대해 더해요. 그래서 `.grad`가 누적되고(재사용된 노드, 또는 두 번째 `backward()`), `exp`로 만든 tanh 같은 합성 연산도 연산 하나짜리와 같은 그래디언트를 얻어요.
#
# 다음: [2 · 활성화 함수](02_activation_functions.ipynb).
