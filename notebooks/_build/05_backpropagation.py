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
# # 5 · Backpropagation on a computation graph
#
# **Forward propagation** runs a network from its input to its output: linear map,
# activation, linear map, activation, ... **Backpropagation** answers the question that
# training asks next: how does the output (in practice, the loss) change when each
# parameter changes? It is the same gradient that gradient descent uses for linear
# regression, with one difference: a network is a *composition* of many functions, so its
# gradient cannot be written down in one step. Instead the chain rule is applied one
# operation at a time, from the output back to the inputs, in reverse order of the forward
# pass.
#
# This notebook runs that procedure step by step on a computation graph, writes it out in
# a dozen lines, looks at what individual operations do to a gradient on its way back,
# writes one layer's backward pass in matrix form, compares it with forward mode, and
# measures why backpropagation costs more memory than forward propagation.
#
# Every number in the text is computed by a cell. Exercises (marked ✏️) ask you to predict
# or write something; a checker from `exercises.nb05` compares your answer with the engine.

# %% [markdown] lang="ko"
# # 5 · 계산 그래프 위의 역전파
#
# **순전파**(forward propagation)는 신경망을 입력에서 출력까지 계산해요. 선형 사상(linear map),
# 활성화 함수(activation function), 선형 사상, 활성화 함수, ... 순서로요. 그다음 학습이 묻는 질문,
# 곧 각 매개변수(parameter)가 바뀌면 출력(실제로는 손실(loss))이 얼마나 변하는지에 답하는 것이
# **역전파**(backpropagation)예요. 역전파가 구하는 것은 선형 회귀(linear regression)에서 경사
# 하강법(gradient descent)이 쓰는 것과 같은 그래디언트(gradient)인데, 다른 점이 하나 있어요.
# 신경망은 여러 함수의 *합성*(composition)이라서 그 그래디언트를 한 번에 적어 낼 수 없어요. 그 대신
# 연쇄법칙(chain rule)을 출력에서 입력 쪽으로, 곧 순전파의 역순으로 연산 하나씩 적용해요.
#
# 이 노트북은 그 과정을 계산 그래프(computation graph) 위에서 한 단계씩 실행해 보고, 열두 줄 남짓한
# 코드로 적어 보고, 개별 연산이 거꾸로 지나가는 그래디언트에 무엇을 하는지 살펴보고, 한 층의
# 역방향 계산(backward pass)을 행렬 형태로 쓰고, 전진 모드(forward mode)와 비교하고, 역전파가
# 왜 순전파보다 메모리를 더 많이 쓰는지 측정으로 확인해요.
#
# 본문의 모든 숫자는 셀이 계산한 값이에요. 연습 문제(exercise, ✏️ 표시)는 무언가를 예측하거나
# 직접 작성하게 하고, `exercises.nb05`의 채점기가 여러분의 답을 엔진과 비교해요.
#
# 용어는 [용어집](용어집.md)을 따라요: 한 뜻에 한 낱말을 쓰고, 처음 나올 때 영어 원어를 괄호 안에 함께 적어요.

# %% [markdown] lang="ko"
# **강의 노트와의 대응.** 이 노트북은 강의 노트 「(2) 활성함수와 순전파 및 역전파」의 다음 부분을 다뤄요.
#
# | 강의 노트의 절 | 이 노트북에서 |
# |---|---|
# | 「Introduction」 (선형회귀와 경사 하강법) | 첫머리: 역전파도 같은 그래디언트를 구해요 |
# | 「신경망 › 순전파 알고리즘」 | 1절 |
# | 「신경망 › 역전파 알고리즘」 (chain-rule로 최종 출력층부터 입력층까지 역순으로) | 2, 3, 5, 6절. 왜 거꾸로 가는지는 7, 8절 |
# | 「신경망 › 역전파 알고리즘」 ("역전파는 순전파보다 더 많은 메모리를 차지한다") | 9절, 부록, 「강의 노트 정정과 보충」 1 |
# | 「신경망 › 계산그래프를 이용한 역전파」 ("weight에 더해진 값은 역전파 시 제거되고, weight에 곱해진 항만 남게된다") | 4절, 「강의 노트 정정과 보충」 2 (1번 노트북의 정정도 같은 문장을 다뤄요) |
# | 「활성함수 › 활성화 함수의 종류」 (vanishing gradient) | 5절 끝 (측정은 2번, 4번 노트북) |

# %%
import numpy as np
from IPython.display import display

from autograd import Value, chain_rule, jvp, no_grad, topological_order
from exercises import nb05
from nn import MLP, Layer
from viz import backprop_steps, draw_dot, tr

# %% [markdown] lang="ko"
# 아래 셀은 그림 속 글자(그래프 제목, 범례, 단계별 설명)를 한국어로 바꿔요(부록에서 코드 셀이
# matplotlib으로 직접 그리는 그래프의 글자도 `tr`을 거쳐 한국어로 나와요).

# %% lang="ko"
import viz

viz.set_language("ko")

# %% [markdown]
# ## 1. The forward pass of one neuron
#
# The smallest neuron that has every part: one input $x_0$ with its weight $w_0$, a bias,
# and a tanh: $p = x_0 w_0$, $n = p + \text{bias}$, then $o = \tanh(n)$. Every intermediate
# result gets a label so the diagrams can name it. (The bias is labelled `bias` rather than
# `b`: a caption that names the operands of an operation `a` and `b` could otherwise be read
# as speaking of the bias; the step captions below call every node by its own label.)

# %% [markdown] lang="ko"
# ## 1. 뉴런 하나의 순전파
#
# 모든 부분을 갖춘 가장 작은 뉴런(neuron)을 만들어요. 입력 $x_0$ 하나와 그 가중치(weight) $w_0$,
# 편향(bias), 그리고 tanh로 이루어진 뉴런이에요. 계산은 $p = x_0 w_0$, $n = p + \text{bias}$, 그다음
# $o = \tanh(n)$이에요. 다이어그램이 이름을 부를 수 있도록 모든 중간 결과에 이름표(label)를 달아요. (편향의 이름표를 `b`가 아니라
# `bias`로 한 것은, 연산의 두 피연산자를 `a`와 `b`라고 부르는 설명이 편향을 가리키는 것으로 읽힐 수
# 있기 때문이에요. 아래의 단계 설명은 모든 노드를 그 노드의 이름표로 불러요.)

# %%
x0 = Value(1.5, label="x0")
w0 = Value(0.8, label="w0")
bias = Value(0.1, label="bias")

p = x0 * w0
p.label = "p"
n = p + bias
n.label = "n"
o = n.tanh()
o.label = "o"

order = topological_order(o)  # every node after the nodes it is computed from
print("\n".join(f"{node.label:>4} = {node.data:+.4f}" for node in order))

# %% [markdown]
# `topological_order` lists the nodes in an order where each one comes after its inputs:
# that is the order of the forward pass. The backward pass visits the same nodes in the
# **reverse** order, so that when it reaches a node, every use of that node has already
# sent its gradient back. In the diagram, the weight and the bias are marked as
# parameters (`params=[w0, bias]`), $x_0$ as an input.

# %% [markdown] lang="ko"
# `topological_order`는 각 노드가 자신의 입력들 뒤에 오도록 노드(node)를 늘어놓아요. 이것이
# 순전파의 순서, 곧 위상 순서(topological order)예요. 역방향 계산은 같은 노드들을 **역순**으로
# 방문해요. 그래야 어떤 노드에 도달했을 때, 그 노드를 쓴 모든 곳이 이미 그래디언트를 돌려보낸
# 뒤가 돼요. 다이어그램에서 가중치와 편향은 매개변수로(`params=[w0, bias]`), $x_0$은 입력으로
# 표시돼요.

# %%
draw_dot(o, params=[w0, bias], rankdir="TB", show_grad=False)

# %% [markdown]
# ## 2. The backward pass, one node at a time
#
# `backprop_steps(o)` replays the backward pass and draws the graph once before it starts
# and once after each operation. Step 0 shows every gradient at 0; `backward()` then sets
# $\partial o / \partial o = 1$ at the output, and each later step takes one operation,
# multiplies the gradient that arrived at its output by the operation's *local* derivative,
# and adds the result to its inputs' gradients (written `+= ...` and outlined). Gradients
# that nothing has reached yet are greyed out. The captions (`named=True`) call every node
# by its label, so `∂o/∂n = 1 − o²` reads: the derivative of the node `o` with respect to
# its input `n`.

# %% [markdown] lang="ko"
# ## 2. 역방향 계산, 노드 하나씩
#
# `backprop_steps(o)`는 역방향 계산을 재생하면서, 시작하기 전에 한 번, 그리고 연산 하나를 처리할
# 때마다 한 번씩 그래프를 그려요. 0단계에서는 모든 그래디언트가 0이에요. 이어서 `backward()`가
# 출력에 $\partial o / \partial o = 1$을 두고, 그 뒤의 각 단계는 연산 하나를 맡아, 그 연산의 출력에
# 도착한 그래디언트에 연산의 *국소* 도함수(local derivative)를 곱한 뒤 그 결과를 입력들의
# 그래디언트에 더해요(`+= ...`로 적고 테두리로 강조해요). 아직 아무 그래디언트도 도달하지 않은 노드는
# 회색으로 표시돼요. 단계 설명(`named=True`)은 모든 노드를 그 이름표로 부르므로, `∂o/∂n = 1 − o²`은
# "노드 `o`를 그 입력 `n`으로 미분한 값"이라고 읽으면 돼요.

# %%
steps = backprop_steps(o, params=[w0, bias], rankdir="TB", named=True)
print(len(steps), "frames: the start, then one per operation, from the output back")
for frame in steps:
    display(frame)

# %% [markdown]
# **Step through it yourself.** In a live notebook, `viz.explore` shows the same steps as a
# widget: previous, next, play, a slider and the arrow keys; click a node (or Tab to it and
# press Enter) for its local derivative, written with this graph's names and with its value
# here, every contribution it received, who sent it and at which step, and their sum. Drag
# $x_0$, $w_0$ or the bias and every number updates; the explorer works on its own copy, so
# `w0` and `bias` keep their values (**reset** goes back). (On a static page, the frames
# above are the same steps.)

# %% [markdown] lang="ko"
# **직접 한 단계씩 넘겨 보세요.** 실행 중인 노트북에서는 `viz.explore`가 같은 단계를
# 위젯(widget)으로 보여 줘요. 이전, 다음, 재생 버튼, 슬라이더, 화살표 키가 있어요. 노드를 클릭하면
# (또는 Tab으로 가서 Enter를 누르면) 그 노드의 국소 도함수(이 그래프의 이름으로 쓴 수식과 여기서의
# 값), 그 노드가 받은 모든 기여와 그것을 누가 몇 단계에서 보냈는지, 그리고 그 합이 나와요. $x_0$,
# $w_0$, 편향 가운데 하나를 드래그하면 모든 숫자가 새로 바뀌어요. 탐색기는 자기 사본으로 계산하므로
# `bias`와 `w0`의 값은 그대로예요(**처음 값으로** 버튼으로 되돌려요). (정적인 페이지에서는 위의 프레임들이 같은
# 단계를 보여 줘요.)

# %%
import viz

viz.explore(o, params=[w0, bias])

# %% [markdown]
# **Practice mode.** Now predict each gradient before the engine reveals it: the explorer
# asks for the gradient the next step produces, checks your answer against the engine
# (right within 0.01 or 1 %), shows the chain-rule product with the numbers when it is off,
# and keeps the score.

# %% [markdown] lang="ko"
# **연습 모드.** 이제 엔진이 보여 주기 전에 각 그래디언트를 예측해 보세요. 탐색기는 다음 단계에서
# 나올 그래디언트를 묻고, 여러분의 답을 엔진 값과 비교하고(0.01 또는 1 % 이내면 정답), 틀리면
# 연쇄법칙의 곱을 숫자와 함께 보여 주고, 점수를 기록해요.

# %%
viz.explore(o, params=[w0, bias], practice=True)


# %% [markdown]
# ## 3. The whole algorithm in a dozen lines
#
# There is nothing more to backpropagation than what the steps showed. Below it is written
# out for the three operations of this graph (`+`, `*`, `tanh`), using only the public
# `op`, `parents` and `data` of each node:
#
# - `+` passes the gradient through unchanged: $\partial (u+v)/\partial u = 1$;
# - `*` multiplies it by the *other* factor: $\partial (uv)/\partial u = v$;
# - `tanh` multiplies it by $1 - \tanh^2$, computed from the node's own output.

# %% [markdown] lang="ko"
# ## 3. 열두 줄 남짓한 알고리즘 전체
#
# 역전파는 방금 본 단계들이 전부예요. 아래는 이 그래프의 세 연산(`+`, `*`, `tanh`)에 대해
# 알고리즘을 그대로 적은 것으로, 각 노드의 공개된 `op`, `parents`, `data`만 써요.
#
# - `+`는 그래디언트를 바꾸지 않고 그대로 넘겨요: $\partial (u+v)/\partial u = 1$.
# - `*`는 *다른 쪽* 인수를 곱해요: $\partial (uv)/\partial u = v$.
# - `tanh`는 $1 - \tanh^2$을 곱하는데, 이 값은 노드 자신의 출력으로 계산해요.

# %%
def local_derivatives(node):
    """d node / d parent, for each parent of node, in operand order."""
    if node.op == "+":
        return [1.0, 1.0]
    if node.op == "*":
        left, right = node.parents
        return [right.data, left.data]
    if node.op == "tanh":
        return [1.0 - node.data**2]
    raise NotImplementedError(node.op)


def backprop_by_hand(root):
    order = topological_order(root)
    grads = {node: 0.0 for node in order}
    grads[root] = 1.0  # d root / d root
    lines = []
    for node in reversed(order):  # outputs before inputs
        if not node.parents:  # a leaf: nothing further back
            continue
        for parent, local in zip(node.parents, local_derivatives(node)):
            # chain rule; += because a node used twice gets a gradient from each use
            grads[parent] += grads[node] * local
            lines.append(f"{parent.label:>4}.grad += {grads[node]:+.4f} * {local:+.4f}")
    print("\n".join(lines))
    return grads


by_hand = backprop_by_hand(o)

# %% [markdown]
# The engine's `backward()` does the same walk with the same local rules (plus the rules
# of every other operation it knows), so the results agree exactly:

# %% [markdown] lang="ko"
# 엔진의 `backward()`도 같은 국소 규칙으로(그리고 엔진이 아는 다른 모든 연산의 규칙을 더해)
# 같은 순서로 노드를 거쳐 가므로, 결과가 정확히 일치해요.

# %%
o.backward()
print("\n".join(f"d o / d {node.label:<4} engine {node.grad:+.6f}   by hand {by_hand[node]:+.6f}" for node in order))

# %% tags=["remove-cell"]
assert all(node.grad == by_hand[node] for node in order)

# %% [markdown]
# ✏️ **Exercise 1.** Predict before you compute. A neuron with two inputs,
# $o = \tanh(x_0 w_0 + x_1 w_1 + \text{bias})$ at $x_0 = 2$, $x_1 = 1$, $w_0 = -0.5$,
# $w_1 = 0.5$, bias $= 0.25$: what is $\partial o / \partial w_0$? Work it out on paper
# (two significant digits are enough), following the steps above.

# %% [markdown] lang="ko"
# ✏️ **연습 문제 1.** 계산하기 전에 예측해 보세요. 입력이 두 개인 뉴런
# $o = \tanh(x_0 w_0 + x_1 w_1 + \text{bias})$에서 $x_0 = 2$, $x_1 = 1$, $w_0 = -0.5$, $w_1 = 0.5$,
# bias $= 0.25$일 때 $\partial o / \partial w_0$은 얼마일까요? 위의 단계를 따라 종이에 풀어 보세요
# (유효숫자 두 자리면 충분해요).

# %%
answer = ...  # replace ... with a number
nb05.check_predict_w0_grad(answer);


# %% [markdown]
# ## 4. What an addition and a multiplication do to a gradient
#
# Read the two rules again, as seen from a weight in $y = w x + b$:
#
# - $\partial y / \partial w = x$: the factor that **multiplies** the weight stays in its
#   gradient;
# - the term $b$ that is **added** disappears: its local derivative is 1, so it changes
#   nothing on the way back and does not appear in $\partial y / \partial w$ at all.
#
# The engine confirms it: sweeping $b$ leaves $w$'s gradient untouched, sweeping $x$ moves
# it one for one.

# %% [markdown] lang="ko"
# ## 4. 덧셈과 곱셈이 그래디언트에 하는 일
#
# 두 규칙을 $y = w x + b$의 가중치 입장에서 다시 읽어 봐요:
#
# - $\partial y / \partial w = x$: 가중치에 **곱해진** 인수는 그래디언트에 남아요.
# - **더해진** 항 $b$는 사라져요. 국소 도함수가 1이라서 거꾸로 가는 길에서 아무것도 바꾸지 않고,
#   $\partial y / \partial w$에는 아예 나타나지 않아요.
#
# 엔진으로 확인해 보면, $b$를 바꿔 가도 $w$의 그래디언트는 그대로이고, $x$를 바꾸면 그래디언트도
# $x$와 똑같이 움직여요.

# %%
def weight_gradient(w, x, b):
    w = Value(w, label="w")
    y = w * x + b
    y.backward()
    return w.grad


print("vary the added term b (x = 2):", [weight_gradient(0.7, 2.0, b) for b in [-5, 0, 3, 100]])
print("vary the factor x (b = 1):    ", [weight_gradient(0.7, x, 1.0) for x in [-1, 0, 2, 5]])

# %% tags=["remove-cell"]
assert all(weight_gradient(0.7, 2.0, b) == 2.0 for b in [-5, 0, 3, 100])
assert all(weight_gradient(0.7, x, 1.0) == x for x in [-1, 0, 2, 5])


# %% [markdown]
# ### CS231n's patterns in backward flow
#
# Stanford's CS231n course names the effect each common gate has on the gradient flowing
# back through it. With an incoming gradient $g$ (below, $g = 2$, so that nothing hides
# behind a 1):
#
# | gate | what the inputs receive | pattern |
# |---|---|---|
# | $u + v$ | both get $g$ unchanged | **add distributes** |
# | $u \cdot v$ | $u$ gets $g \cdot v$, $v$ gets $g \cdot u$ | **multiply swaps** |
# | $\max(u, v)$ | the larger input gets $g$, the other 0 (½ each at a tie) | **max routes** |
# | $\mathrm{relu}(u) = \max(u, 0)$ | $g$ if $u > 0$, else 0 | a max gate against 0 |
# | $\tanh(u)$ | $g (1 - \tanh^2 u)$, never more than $g$ | a squashing gate |
#
# The engine's `maximum` is the max gate.

# %% [markdown] lang="ko"
# ### CS231n의 역방향 흐름 패턴
#
# 스탠퍼드의 CS231n 강의는 흔히 쓰는 게이트(gate)마다, 그 게이트를 거꾸로 지나는 그래디언트에 주는
# 효과에 이름을 붙여요. 들어오는 그래디언트를 $g$라 하면 다음과 같아요(1을 곱하면 무엇이 곱해졌는지
# 드러나지 않으므로, 아래에서는 $g = 2$로 해요).
#
# | 게이트 | 입력이 받는 값 | 패턴 |
# |---|---|---|
# | $u + v$ | 둘 다 $g$를 그대로 받음 | **나눠 주는 덧셈** (add distributes) |
# | $u \cdot v$ | $u$는 $g \cdot v$, $v$는 $g \cdot u$를 받음 | **맞바꾸는 곱셈** (multiply swaps) |
# | $\max(u, v)$ | 더 큰 입력이 $g$, 다른 쪽은 0 (같으면 ½씩) | **길을 고르는 max** (max routes) |
# | $\mathrm{relu}(u) = \max(u, 0)$ | $u > 0$이면 $g$, 아니면 0 | 0과 비교하는 max 게이트 |
# | $\tanh(u)$ | $g (1 - \tanh^2 u)$, 결코 $g$보다 크지 않음 | 눌러 담는(squashing) 게이트 |
#
# 엔진의 `maximum`이 max 게이트예요.

# %%
def input_gradients(make, *inputs, g=2.0):
    """What each input receives when gradient g arrives at make(*inputs)."""
    values = [Value(v) for v in inputs]
    out = make(*values)
    out.backward(g)
    return [v.grad for v in values]


rows = [
    ("u + v        at (3, -4)", input_gradients(lambda u, v: u + v, 3.0, -4.0)),
    ("u * v        at (3, -4)", input_gradients(lambda u, v: u * v, 3.0, -4.0)),
    ("max(u, v)    at (3, -4)", input_gradients(lambda u, v: u.maximum(v), 3.0, -4.0)),
    ("max(u, v)    at (2, 2) ", input_gradients(lambda u, v: u.maximum(v), 2.0, 2.0)),
    ("relu(u)      at 2, -2  ", input_gradients(lambda u: u.relu(), 2.0) + input_gradients(lambda u: u.relu(), -2.0)),
    ("tanh(u)      at 0, 2   ", input_gradients(lambda u: u.tanh(), 0.0) + input_gradients(lambda u: u.tanh(), 2.0)),
]
print("incoming gradient g = 2")
print("\n".join(f"{name}: {[round(g, 4) for g in grads]}" for name, grads in rows))

# %% tags=["remove-cell"]
assert rows[0][1] == [2.0, 2.0] and rows[1][1] == [-8.0, 6.0]
assert rows[2][1] == [2.0, 0.0] and rows[3][1] == [1.0, 1.0] and rows[4][1] == [2.0, 0.0]

# %% [markdown]
# **A gate can be as big as you like.** How finely a function is cut into nodes is a
# choice: the sigmoid $\sigma(u) = 1 / (1 + e^{-u})$ can be one node whose local derivative
# is $\sigma(u)(1 - \sigma(u))$, computed from its own output, or four nodes (negate,
# `exp`, `+ 1`, `1 / ·`), each with its own simple rule. The chain rule through the four
# gives the same gradient as the one rule, because $\sigma(1 - \sigma)$ *is* that product
# worked out once and for all. One node is cheaper (one node to store and visit instead
# of four or more).

# %% [markdown] lang="ko"
# **게이트는 얼마든지 클 수 있어요.** 함수를 얼마나 잘게 노드로 나눌지는 선택하기 나름이에요.
# 시그모이드(sigmoid, $\sigma(u) = 1 / (1 + e^{-u})$)는 자기 출력으로 국소 도함수 $\sigma(u)(1 - \sigma(u))$를 계산하는
# 노드 하나일 수도 있고, 저마다 간단한 규칙을 가진 노드 네 개(부호 바꾸기, `exp`, `+ 1`, `1 / ·`)일
# 수도 있어요. 네 노드를 거치는 연쇄법칙은 규칙 하나와 같은 그래디언트를 주는데, $\sigma(1 - \sigma)$가
# *바로* 그 곱을 한 번에 정리해 둔 것이기 때문이에요. 노드 하나로 쓰는 편이 비용도 적어요(노드를 네 개
# 이상이 아니라 하나만 저장하고 방문하면 되니까요).

# %%
lines = []
for u in [-2.0, 0.0, 1.5]:
    one, split = Value(u), Value(u)
    gate = one.sigmoid()
    pieces = 1 / (1 + (-split).exp())
    gate.backward()
    pieces.backward()
    s = gate.data
    split_ops = [node.op for node in topological_order(pieces) if node.parents]
    lines.append(
        f"u = {u:+.1f}: one node {one.grad:.10f} = s(1 - s) = {s * (1 - s):.10f}; "
        f"split into {', '.join(split_ops)}: {split.grad:.10f}"
    )
print("\n".join(lines))

# %% tags=["remove-cell"]
for u in [-2.0, 0.0, 1.5]:
    one, split = Value(u), Value(u)
    one.sigmoid().backward()
    (1 / (1 + (-split).exp())).backward()
    assert abs(one.grad - split.grad) < 1e-15

# %% [markdown]
# ✏️ **Exercise 2.** Write the max gate's local rule: `max_rule(g, a, b)` returns the pair
# (what $a$ receives, what $b$ receives) when gradient `g` arrives at $\max(a, b)$. Decide
# what happens at a tie $a = b$ the way the engine (and PyTorch) does. The checker compares
# your rule with the engine's `maximum` at several points.

# %% [markdown] lang="ko"
# ✏️ **연습 문제 2.** max 게이트의 국소 규칙을 작성해 보세요. `max_rule(g, a, b)`는 그래디언트
# `g`가 $\max(a, b)$에 도착했을 때 ($a$가 받는 값, $b$가 받는 값) 쌍을 돌려줘요. 동점 $a = b$에서
# 어떻게 할지는 엔진(그리고 PyTorch)이 하는 방식대로 정하세요. 채점기가 여러분의 규칙을 엔진의
# `maximum`과 여러 점에서 비교해요.

# %%
def max_rule(g, a, b):
    return ...  # replace ... with a pair (gradient for a, gradient for b)


nb05.check_max_rule(max_rule);

# %% [markdown]
# ## 5. The chain rule across layers
#
# Stack three one-unit layers on an input $h_0 = x$: layer $k$ (for $k = 0, 1, 2$)
# computes $h_{k+1} = \tanh(w_k h_k + b_k)$, and $h_3$ is the output. The chain rule says
# the gradient at the input is the product of one factor per layer, collected on the way
# back (from $k = 2$ down to $k = 0$; the order of the factors does not change the
# product):
#
# $$\frac{\partial h_3}{\partial x} = \prod_{k=0}^{2} \frac{\partial h_{k+1}}{\partial h_k} = \prod_{k=0}^{2} w_k \left(1 - h_{k+1}^2\right).$$
#
# Each layer's factor uses numbers saved during the forward pass ($w_k$ and $h_{k+1}$).

# %% [markdown] lang="ko"
# ## 5. 층을 가로지르는 연쇄법칙
#
# 입력 $h_0 = x$ 위에 유닛이 하나뿐인 층 세 개를 쌓아요. 층 $k$ ($k = 0, 1, 2$)는
# $h_{k+1} = \tanh(w_k h_k + b_k)$를 계산하고, $h_3$이 출력이에요. 연쇄법칙에 따르면 입력에서의
# 그래디언트는 층마다 하나씩, 거꾸로 가면서($k = 2$에서 $k = 0$까지) 모은 인수들의 곱이에요(인수의
# 순서는 곱을 바꾸지 않아요):
#
# $$\frac{\partial h_3}{\partial x} = \prod_{k=0}^{2} \frac{\partial h_{k+1}}{\partial h_k} = \prod_{k=0}^{2} w_k \left(1 - h_{k+1}^2\right).$$
#
# 각 층의 인수는 순전파 때 저장해 둔 숫자($w_k$와 $h_{k+1}$)를 써요.

# %%
weights, biases = [1.2, -0.7, 2.0], [0.3, 0.1, -0.5]
x = Value(0.4, label="x")
h, hs = x, [x.data]  # hs[k] is h_k
for w, b in zip(weights, biases):
    h = (w * h + b).tanh()
    hs.append(h.data)
h.backward()

product, lines = 1.0, []
for k in reversed(range(3)):  # from the output layer back to the input
    factor = weights[k] * (1 - hs[k + 1] ** 2)
    product *= factor
    lines.append(f"layer {k}: factor w{k}*(1 - h{k + 1}^2) = {factor:+.4f}, product so far {product:+.4f}")
lines.append(f"engine: dh3/dx = {x.grad:+.4f}")
print("\n".join(lines))

# %% tags=["remove-cell"]
assert abs(product - x.grad) < 1e-12

# %% [markdown]
# When many factors like these are smaller than 1, their product shrinks geometrically
# with depth: that is the **vanishing gradient** problem, measured for sigmoid, tanh and
# ReLU in notebooks 2 and 4.
#
# ## 6. Vectorised backprop for one layer
#
# Notebook 4 wrote a layer's forward pass in matrix form: $z = W x + b$, $h = f(z)$, with
# one row of $W$ per neuron. The backward pass has a matrix form too. Let
# $\delta = \partial L / \partial h$ be the gradient arriving at the layer's outputs. Then
#
# - through the activation, element by element: $g = \delta \odot f'(z)$ (for tanh,
#   $f'(z) = 1 - h^2$);
# - to the biases: $\partial L / \partial b = g$ (an addition passes the gradient on);
# - to the weights: $\partial L / \partial W = g\, x^\top$ (a multiplication hands each
#   weight $W_{ji}$ the other factor, $x_i$, times neuron $j$'s $g_j$);
# - to the inputs: $\delta_\text{in} = \partial L / \partial x = W^\top g = W^\top\big(\delta \odot f'(z)\big)$:
#   each input collects from every neuron it feeds. This $\delta_\text{in}$ is the $\delta$ of
#   the layer below, and so backprop runs through a whole MLP one matrix product per layer.
#
# Below, the three formulas in NumPy, against the engine's node-by-node gradients. The
# loss is $L = \sum_j \delta_j h_j$ with a fixed vector $\delta$, so that exactly $\delta$
# arrives at the outputs.

# %% [markdown] lang="ko"
# 이런 인수 가운데 1보다 작은 것이 많으면, 그 곱은 깊이에 따라 기하급수적으로 줄어들어요. 이것이
# **기울기 소실**(vanishing gradient) 문제이고, 2번과 4번 노트북에서 시그모이드, tanh, ReLU에 대해
# 측정했어요.
#
# ## 6. 한 층의 역전파를 벡터로
#
# 4번 노트북은 한 층의 순전파를 행렬 형태로 썼어요. $z = W x + b$, $h = f(z)$이고, $W$의 행 하나가
# 뉴런 하나예요. 역방향 계산에도 행렬 형태가 있어요. 층의 출력에 도착하는 그래디언트를
# $\delta = \partial L / \partial h$라고 하면
#
# - 활성화 함수를 지나며, 원소별로: $g = \delta \odot f'(z)$ (tanh라면 $f'(z) = 1 - h^2$).
# - 편향으로: $\partial L / \partial b = g$ (덧셈은 그래디언트를 그대로 넘겨요).
# - 가중치로: $\partial L / \partial W = g\, x^\top$ (곱셈은 각 가중치 $W_{ji}$에 다른 쪽 인수 $x_i$와
#   뉴런 $j$의 $g_j$를 곱한 값을 건네요).
# - 입력으로: $\delta_\text{in} = \partial L / \partial x = W^\top g = W^\top\big(\delta \odot f'(z)\big)$.
#   각 입력은 자신이 값을 넣어 주는 모든 뉴런에서 그래디언트를 모아요. 이 $\delta_\text{in}$이 바로
#   아래 층의 $\delta$이고, 그래서 역전파는 층마다 행렬 곱 한 번으로 MLP(다층 퍼셉트론, multilayer
#   perceptron) 전체를 거슬러 가요.
#
# 아래에서 세 공식을 NumPy로 계산해 엔진이 노드 하나하나 구한 그래디언트와 비교해요. 손실은 고정된
# 벡터 $\delta$로 만든 $L = \sum_j \delta_j h_j$라서, 출력에는 정확히 $\delta$가 도착해요.

# %%
layer = Layer(3, 4, "tanh", seed=3)
for j, neuron in enumerate(layer.neurons):  # biases start at 0; give them values
    neuron.b.data = 0.1 * j - 0.2
W = np.array([[w.data for w in neuron.w] for neuron in layer.neurons])
b = np.array([neuron.b.data for neuron in layer.neurons])
x_in = [Value(v, label=f"x{i}") for i, v in enumerate([0.5, -1.0, 2.0])]
delta = np.array([1.0, -2.0, 0.5, 3.0])

h_layer = layer(x_in)
L = sum((float(d) * hj for d, hj in zip(delta, h_layer)), Value(0.0))
L.backward()

x_np = np.array([v.data for v in x_in])
h_np = np.tanh(W @ x_np + b)
g = delta * (1 - h_np**2)  # through tanh
dW, db, dx = np.outer(g, x_np), g, W.T @ g  # to the weights, the biases, the inputs

engine_dW = np.array([[w.grad for w in neuron.w] for neuron in layer.neurons])
engine_db = np.array([neuron.b.grad for neuron in layer.neurons])
engine_dx = np.array([v.grad for v in x_in])
print("delta_in = W^T (delta * f'(z)) =", np.round(dx, 6))
print("engine's x0.grad, x1.grad, x2.grad =", np.round(engine_dx, 6))
print("largest differences, NumPy against the engine:  "
      f"dW {np.abs(dW - engine_dW).max():.0e}, db {np.abs(db - engine_db).max():.0e}, dx {np.abs(dx - engine_dx).max():.0e}")

# %% tags=["remove-cell"]
assert np.allclose(dW, engine_dW, atol=1e-14) and np.allclose(db, engine_db, atol=1e-14)
assert np.allclose(dx, engine_dx, atol=1e-14)

# %% [markdown]
# ✏️ **Exercise 3.** Compute one layer's backward pass by hand, in NumPy:
# `layer_backward(W, b, x, delta)` returns `(dW, db, dx)` for a layer of tanh neurons
# $h = \tanh(W x + b)$ when `delta` $= \partial L / \partial h$ arrives at its outputs. The
# checker compares it with the engine's gradients on another layer.

# %% [markdown] lang="ko"
# ✏️ **연습 문제 3.** 한 층의 역방향 계산을 NumPy로 직접 해 보세요.
# `layer_backward(W, b, x, delta)`는 tanh 뉴런으로 된 층 $h = \tanh(W x + b)$의 출력에
# `delta` $= \partial L / \partial h$가 도착할 때 `(dW, db, dx)`를 돌려줘요. 채점기가 다른 층에서
# 엔진의 그래디언트와 비교해요.

# %%
def layer_backward(W, b, x, delta):
    return ...  # replace ... with (dW, db, dx)


nb05.check_layer_backward(layer_backward);

# %% [markdown]
# ## 7. One backward pass gives every gradient
#
# Why go backwards at all? Because one backward pass gives the derivative of the loss with
# respect to **every** parameter, for about the cost of one forward pass: each node is
# visited once and does a few multiplications. Estimating the same gradient by finite
# differences would take two forward passes *per parameter*.

# %% [markdown] lang="ko"
# ## 7. 역방향 계산 한 번으로 모든 그래디언트를
#
# 왜 굳이 거꾸로 갈까요? 역방향 계산 한 번이 손실을 **모든** 매개변수로 미분한 값을 순전파 한 번과
# 비슷한 비용으로 주기 때문이에요. 각 노드를 한 번씩 방문하며 곱셈을 몇 번 하면 돼요. 같은
# 그래디언트를 유한 차분(finite difference)으로 어림하려면 *매개변수마다* 순전파를 두 번씩 해야
# 해요.

# %%
model = MLP(4, [16, 16, 1], activation="tanh", seed=0)
params = model.parameters()
inputs = [0.5, -1.0, 0.25, 2.0]
out = model(inputs)
nodes = len(topological_order(out))
print(f"parameters: {len(params)}")
print(f"nodes in the graph (one forward pass): {nodes}")
print(f"node visits, backpropagation (forward + backward): {2 * nodes}")
print(f"node visits, central differences (2 forward passes per parameter): {2 * len(params) * nodes}")

# %% [markdown]
# The two methods agree (to the accuracy of the finite difference); here on a few of the
# parameters:

# %% [markdown] lang="ko"
# 두 방법은 (유한 차분의 정확도 안에서) 일치해요. 매개변수 몇 개에서 확인해 봐요(출력의
# `central difference`는 중앙 차분(central difference)이에요).

# %%
out.backward()
step, lines, worst = 1e-6, [], 0.0
for param in params[:3] + params[-3:]:
    param.data += step
    with no_grad():
        up = model(inputs).data
    param.data -= 2 * step
    with no_grad():
        down = model(inputs).data
    param.data += step
    numeric = (up - down) / (2 * step)
    worst = max(worst, abs(param.grad - numeric))
    lines.append(f"backprop {param.grad:+.8f}   central difference {numeric:+.8f}")
print("\n".join(lines))

# %% tags=["remove-cell"]
assert worst < 1e-7

# %% [markdown]
# ## 8. Forward mode vs reverse mode
#
# The chain rule can also be run the other way round, from the inputs forward. **Forward
# mode** pushes a *tangent* along with every value: pick a direction $v$ in input space,
# and each node computes, next to its value, its own derivative along $v$ (the sum over its
# inputs of its local derivative times the input's tangent). At the output that is the
# directional derivative $J v$ (a Jacobian–vector product, hence the name `jvp`). With
# $v$ the unit vector of input $i$, it is $\partial f / \partial x_i$: **one pass per
# input**. Reverse mode (backprop) starts from the output and gives the derivatives with
# respect to all inputs at once: **one pass per output**.
#
# `autograd.jvp(f, primals, tangents)` is forward mode, built from the same local rules as
# `backward()`; it returns $f$'s value and its derivative along `tangents`. Below, the loss
# of a small MLP on one example, written as a function of the MLP's 13 parameters, is
# differentiated both ways.

# %% [markdown] lang="ko"
# ## 8. 전진 모드와 후진 모드
#
# 연쇄법칙은 반대 방향, 곧 입력에서 앞으로 나아가며 적용할 수도 있어요. **전진 모드**(forward mode)는
# 모든 값과 함께 *접선*(tangent)을 밀어 보내요. 입력 공간에서 방향 $v$를 하나 고르면, 각 노드는 자기
# 값 옆에 $v$ 방향으로의 자기 도함수(입력마다 국소 도함수와 그 입력의 접선을 곱해 더한 값)를
# 계산해요. 출력에서는 그것이 방향 도함수(directional derivative) $J v$예요(야코비 행렬(Jacobian)과
# 벡터의 곱, Jacobian–vector product라서 이름이 `jvp`예요). $v$를 입력 $i$의 단위 벡터로 잡으면
# $\partial f / \partial x_i$가 되므로, **입력 하나에 한 번씩** 계산해야 해요. 후진 모드(reverse mode,
# 곧 역전파)는 출력에서 시작해 모든 입력에 대한 도함수를 한꺼번에 주므로, **출력 하나에 한 번씩**
# 계산하면 돼요.
#
# `autograd.jvp(f, primals, tangents)`가 전진 모드이고, `backward()`와 같은 국소 규칙으로 만들어져
# 있어요. $f$의 값과 `tangents` 방향의 도함수를 돌려줘요. 아래에서는 작은 MLP의 샘플 하나에 대한
# 손실을 이 MLP의 매개변수 13개의 함수로 적고, 두 방식으로 미분해요.

# %%
small = MLP(2, [3, 1], activation="tanh", seed=0)
point, target = [0.5, -1.0], 0.3


def loss_function(net):
    """(net(point) - target)^2 as a function of the parameters, in net.parameters() order."""

    def loss_of(*theta):
        it = iter(theta)
        h = point
        for i, layer in enumerate(net.layers):
            outputs = []
            for neuron in layer.neurons:
                ws = [next(it) for _ in neuron.w]
                z = sum((w * hi for w, hi in zip(ws, h)), next(it))  # the bias comes after the weights
                outputs.append(z.tanh() if i < len(net.layers) - 1 else z)
            h = outputs
        return (h[0] - target) ** 2

    return loss_of


def graph_size(net):
    """Nodes in the graph of loss_function(net), the graph each pass walks."""
    return len(topological_order(loss_function(net)(*[Value(p.data) for p in net.parameters()])))


loss_of = loss_function(small)
theta = [p.data for p in small.parameters()]
count = len(theta)

# reverse mode: one forward pass records the graph, one backward pass gives every gradient
loss = (small(point) - target) ** 2
loss.backward()
reverse = [p.grad for p in small.parameters()]
graph_nodes = graph_size(small)

# forward mode: one jvp per parameter, each with the unit tangent of that parameter
forward = [jvp(loss_of, theta, [1.0 if j == i else 0.0 for j in range(count)])[1] for i in range(count)]

print(f"{count} parameters, {graph_nodes} nodes in the loss's graph")
print(f"reverse mode: 1 backward pass,   {graph_nodes} node visits")
print(f"forward mode: {count} jvp passes, {count * graph_nodes} node visits")
print(f"largest difference between the two gradients: {max(abs(f - r) for f, r in zip(forward, reverse)):.0e}")

# %% tags=["remove-cell"]
assert max(abs(f - r) for f, r in zip(forward, reverse)) < 1e-14
assert loss_of(*[Value(t) for t in theta]).data == loss.data

# %% [markdown]
# A loss is one number and a network has many parameters, so reverse mode wins by a factor
# of the number of parameters, and that factor grows with the network. Counted for larger
# MLPs (one jvp per parameter, each visiting every node, against one backward pass):

# %% [markdown] lang="ko"
# 손실은 숫자 하나이고 신경망의 매개변수는 많으므로, 후진 모드가 매개변수 개수만큼의 배수로
# 유리하고, 그 배수는 신경망이 커질수록 커져요. 더 큰 MLP에서 세어 보면 다음과 같아요(전진 모드는
# 매개변수마다 jvp를 한 번씩 계산하고 그때마다 모든 노드를 방문하지만, 후진 모드는 역방향 계산 한
# 번이면 돼요).

# %%
lines = [f"{'network':>20} {'parameters':>11} {'nodes':>7} {'reverse passes':>15} {'forward passes':>15} {'forward node visits':>20}"]
for widths in [[3, 1], [16, 16, 1], [64, 64, 1]]:
    net = MLP(2, widths, activation="tanh", seed=0)
    size = graph_size(net)
    lines.append(f"{'MLP(2, ' + str(widths) + ')':>20} {net.num_parameters():>11} {size:>7} {1:>15} {net.num_parameters():>15} {net.num_parameters() * size:>20}")
print("\n".join(lines))

# %% [markdown]
# That is why training uses reverse mode. Forward mode wins in the opposite shape: one
# input and many outputs. For $f(x) = (x, x^2, \dots, x^{10})$, one input and ten outputs,
# one jvp gives all ten derivatives, where reverse mode needs ten backward passes, one per
# output. The two agree:

# %% [markdown] lang="ko"
# 그래서 학습에는 후진 모드를 써요. 전진 모드는 반대 모양, 곧 입력이 하나이고 출력이 많을 때
# 유리해요. 입력 하나, 출력 열 개인 $f(x) = (x, x^2, \dots, x^{10})$에서는 jvp 한 번이 열 개의
# 도함수를 모두 주지만, 후진 모드는 출력마다 한 번씩, 역방향 계산을 열 번 해야 해요. 두 결과는
# 일치해요:

# %%
def powers(x):
    return [x**k for k in range(1, 11)]


values, derivatives = jvp(powers, [1.1], [1.0])  # one forward pass: every d x^k / dx
by_reverse = []
for k in range(1, 11):  # reverse mode: one backward pass per output
    x = Value(1.1)
    (x**k).backward()
    by_reverse.append(x.grad)
print("jvp, 1 pass:         ", [round(d, 4) for d in derivatives])
print("backward, 10 passes: ", [round(d, 4) for d in by_reverse])

# %% tags=["remove-cell"]
assert all(abs(a - b) < 1e-12 for a, b in zip(derivatives, by_reverse))

# %% [markdown]
# ✏️ **Exercise 4.** For the loss of `MLP(3, [8, 8, 1])` on one example, how many passes
# does forward mode (`jvp`) need to get the gradient with respect to every parameter, and
# how many does reverse mode (`backward`)? Give the pair (forward passes, reverse passes).

# %% [markdown] lang="ko"
# ✏️ **연습 문제 4.** `MLP(3, [8, 8, 1])`의 샘플 하나에 대한 손실에서, 모든 매개변수에 대한
# 그래디언트를 얻으려면 전진 모드(`jvp`)는 몇 번 계산해야 하고, 후진 모드(`backward`)는 몇 번
# 계산해야 할까요? (전진 모드 횟수, 후진 모드 횟수) 쌍으로 답하세요.

# %%
answer = ...  # replace ... with a pair (forward passes, reverse passes)
nb05.check_count_passes(answer);

# %% [markdown]
# ## 9. What backpropagation stores, and why it needs more memory
#
# Look at the local rules again: the derivative of $u \cdot v$ needs the values of $u$
# and $v$; the derivative of $\tanh$ needs its output. So **every intermediate value of the
# forward pass has to be kept until the backward pass has used it**. Inference can throw
# each value away as soon as the next one is computed; training cannot.
#
# The engine makes this visible. Normally every operation records its inputs and its local
# rule. Inside `with no_grad():` it records nothing: each result is a bare number that
# keeps nothing else alive. Push an input through a chain of `depth` tanh layers both ways
# and count the nodes the result keeps alive:

# %% [markdown] lang="ko"
# ## 9. 역전파가 저장하는 것, 그리고 메모리가 더 필요한 이유
#
# 국소 규칙을 다시 보세요. $u \cdot v$의 도함수에는 $u$와 $v$의 값이 필요하고, $\tanh$의 도함수에는
# 그 출력이 필요해요. 그래서 **순전파의 모든 중간값은 역방향 계산이 그것을 쓸 때까지 남겨 두어야
# 해요**. 추론(inference)은 다음 값을 계산하자마자 앞의 값을 버릴 수 있지만, 학습은 그럴 수 없어요.
#
# 엔진에서 이것을 눈으로 볼 수 있어요. 보통 모든 연산은 자신의 입력과 국소 규칙을 기록해요.
# `with no_grad():` 안에서는 아무것도 기록하지 않아요. 각 결과는 다른 어떤 것도 붙잡아 두지 않는,
# 숫자 하나뿐인 노드예요. 입력 하나를 tanh 층 `depth`개를 이은 사슬에 두 방식으로 통과시키고, 결과가 살려 두는
# 노드 수를 세어 봐요:

# %%
def tanh_chain(depth):
    x = Value(0.5, label="x")
    h = x
    for _ in range(depth):
        h = (1.5 * h + 0.1).tanh()
    return h


def forward_only(depth):
    with no_grad():
        return tanh_chain(depth)


kept = {depth: (len(topological_order(tanh_chain(depth))), len(topological_order(forward_only(depth))))
        for depth in [1_000, 10_000]}
print("\n".join(f"depth {depth:>6}: recording keeps {rec} nodes alive, no_grad keeps {bare}"
                for depth, (rec, bare) in kept.items()))

# %% tags=["remove-cell"]
assert all(rec == 5 * depth + 1 and bare == 1 for depth, (rec, bare) in kept.items())

# %% [markdown]
# Each tanh layer is five nodes (the constant 1.5, a product, the constant 0.1, a sum and
# the tanh), and with recording all of them stay alive: ten times deeper, ten times the
# nodes. Without recording only the final number survives, whatever the depth. (The
# appendix measures the same in bytes.)
#
# Inference does not need the graph, so `no_grad` is the right way to run a trained model:
# the predictions are the same numbers, without the graph.

# %% [markdown] lang="ko"
# tanh 층 하나는 노드 다섯 개(상수 1.5, 곱, 상수 0.1, 합, tanh)이고, 기록할 때는 이것들이 모두 살아
# 있어요. 깊이가 열 배면 노드도 열 배예요. 기록하지 않으면 깊이와 상관없이 마지막 숫자 하나만 남아요.
# (부록에서 같은 것을 바이트로 측정해요.)
#
# 추론에는 그래프가 필요 없으므로, 학습이 끝난 모델을 실행할 때는 `no_grad`가 알맞은 방법이에요.
# 예측값은 똑같고 그래프만 없어요.

# %%
x = [0.1, 0.2, -0.3, 0.4]
recorded = model(x)
with no_grad():
    bare = model(x)
print(f"recording: {recorded.data:+.10f}, {len(topological_order(recorded))} nodes")
print(f"no_grad:   {bare.data:+.10f}, {len(topological_order(bare))} node")

# %% tags=["remove-cell"]
assert recorded.data == bare.data and bare.parents == ()

# %% [markdown]
# ### What backprop stores, in d2l's terms
#
# *Dive into Deep Learning* (d2l, section 5.3, "Forward Propagation, Backward Propagation,
# and Computational Graphs") puts it this way: training has to retain the intermediate
# values of the forward pass, the **activations**, until backpropagation is done, and their
# size is proportional to the number of layers and to the batch size. More precisely, one
# activation per neuron and per example: **batch × width × depth** numbers.
#
# The engine can count them. For an MLP of `depth` tanh layers of `width` neurons, a forward
# pass over a batch records one tanh node per neuron per example; the cell counts those, and
# all the recorded nodes, varying one size at a time.

# %% [markdown] lang="ko"
# ### d2l의 말로 본, 역전파가 저장하는 것
#
# *Dive into Deep Learning*(d2l, 5.3절 "Forward Propagation, Backward Propagation, and Computational
# Graphs", 순전파, 역전파, 계산 그래프)은 이렇게 설명해요. 학습은 순전파의 중간값, 곧
# **활성값**(activation)을 역전파가 끝날 때까지 보관해야 하고, 그 크기는 층의 수와 배치 크기(batch
# size)에 비례해요. 더 정확히는 뉴런 하나, 샘플 하나마다 활성값이 하나씩이므로
# **배치 × 너비 × 깊이**(batch × width × depth)개의 숫자예요.
#
# 엔진으로 이것을 셀 수 있어요. 뉴런 `width`개짜리 tanh 층을 `depth`개 쌓은 MLP에서, 배치 하나에 대한
# 순전파는 샘플마다, 뉴런마다 tanh 노드를 하나씩 기록해요. 아래 셀은 그 수와 기록된 노드 전체의 수를,
# 크기를 한 번에 하나씩 바꿔 가며 세어 봐요.

# %%
def recorded_nodes(batch, width, depth):
    """(tanh activations, all nodes) that one forward pass of the loss over a batch records."""
    net = MLP(4, [width] * depth + [1], activation="tanh", seed=0)
    X = np.random.default_rng(0).uniform(-1, 1, size=(batch, 4))
    loss = sum(((net(list(row)) - 1.0) ** 2 for row in X), Value(0.0))
    order = topological_order(loss)
    return sum(node.op == "tanh" for node in order), len(order)


sizes = [(1, 4, 2), (2, 4, 2), (4, 4, 2), (8, 4, 2),  # batch
         (2, 8, 2), (2, 16, 2),                        # width
         (2, 4, 4), (2, 4, 8)]                         # depth
counted = {size: recorded_nodes(*size) for size in sizes}
lines = [f"{'batch':>5} {'width':>5} {'depth':>5} {'activations':>11} {'batch*width*depth':>17} {'all nodes':>9}"]
lines += [f"{b:>5} {w:>5} {d:>5} {act:>11} {b * w * d:>17} {total:>9}" for (b, w, d), (act, total) in counted.items()]
print("\n".join(lines))

# %% tags=["remove-cell"]
assert all(act == b * w * d for (b, w, d), (act, _) in counted.items())

# %% [markdown]
# The activations are exactly batch × width × depth: doubling any one of the three doubles
# them. The *all nodes* column grows faster with the width, because a scalar engine also
# records every product $w_{ji} x_i$ (width × width of them per layer and example) as a
# node. A matrix framework such as PyTorch does not: for $z = W h$ it keeps $h$ and $W$ and
# stores nothing more, so what it stores grows as batch × width × depth, as d2l says.
#
# **The remedy when activations do not fit: activation checkpointing** (also called
# gradient checkpointing or rematerialisation; `torch.utils.checkpoint` in PyTorch). Keep
# the activations of only every $k$-th layer during the forward pass and, during the
# backward pass, recompute the layers between two checkpoints from the earlier one just
# before they are needed. With checkpoints every $\sqrt{\text{depth}}$ layers the stored
# activations shrink from depth to about $2\sqrt{\text{depth}}$ layers' worth, for the
# price of roughly one more forward pass. The other levers are a smaller batch (gradients
# can be accumulated over several small batches) and lower-precision numbers.

# %% [markdown] lang="ko"
# 활성값은 정확히 배치 × 너비 × 깊이 개예요. 셋 중 어느 하나를 두 배로 하면 활성값도 두 배가 돼요.
# *all nodes*(전체 노드) 열이 너비에 따라 더 빨리 늘어나는 것은, 스칼라 엔진이 모든 곱 $w_{ji} x_i$(층마다,
# 샘플마다 너비 × 너비 개)도 노드로 기록하기 때문이에요. PyTorch 같은 행렬 프레임워크는 그렇지
# 않아요. $z = W h$를 계산할 때 $h$와 $W$만 보관하고 그 이상은 저장하지 않으므로, 저장하는 양은
# d2l의 말대로 배치 × 너비 × 깊이로 늘어나요.
#
# **활성값이 메모리에 다 들어가지 않을 때의 해결책: 활성값 체크포인팅**(activation checkpointing, gradient
# checkpointing 또는 rematerialisation이라고도 하고, PyTorch에서는 `torch.utils.checkpoint`).
# 순전파 동안 $k$번째 층마다 하나씩만 활성값을 남겨 두고, 역방향 계산 때는 두 체크포인트 사이의
# 층들을 필요해지기 직전에 앞쪽 체크포인트에서부터 다시 계산해요. $\sqrt{\text{depth}}$ 층마다
# 체크포인트를 두면 저장하는 활성값이 depth 층 분량에서 약 $2\sqrt{\text{depth}}$ 층 분량으로
# 줄어들고, 그 대가는 대략 순전파 한 번이 더 드는 정도예요. 다른 방법으로는 더 작은 배치(그래디언트는
# 작은 배치 여러 개에 걸쳐 누적(accumulate)할 수 있어요)와 더 낮은 정밀도의 숫자가 있어요.

# %% [markdown]
# ## Corrections and clarifications of the lecture note
#
# > **What the lecture note says, and what is true.**
# >
# > 1. **Clarification.** *"미분된 결과를 저장해야 하기 때문에 역전파는 순전파보다 더 많은 메모리를
# >    차지한다"* (backpropagation takes more memory because it must store the
# >    *differentiated results*). The conclusion is right, the reason is incomplete. The main
# >    cost is the **forward values**, the inputs and outputs of every operation, kept because
# >    the local derivatives are computed *from* them during the backward pass; before
# >    `backward()` no derivative exists anywhere in the graph (every `grad` is 0). Derivatives
# >    are stored too, but far fewer: one gradient per parameter, and an optimizer's state
# >    (Adam keeps two more numbers per parameter), which grow with the parameters, not with
# >    the batch and the depth. The cell below shows that the backward pass reads the stored
# >    values (change a stored input of a multiplication after the forward pass, and the
# >    gradient follows the changed value) and counts the three for a small MLP.
# > 2. **Correction.** *"weight에 더해진 값은 역전파 시 제거되고, weight에 곱해진 항만 남게된다"* (the term
# >    added to a weight disappears in backpropagation). Only up to the next nonlinearity.
# >    In $y = wx + b$ the gradient $\partial y/\partial w = x$ has no $b$ in it (section 4),
# >    but in a neuron $o = \tanh(wx + b)$ it is $x\,(1 - o^2)$, and $o$ depends on $b$: the
# >    added term comes back through the activation's local derivative. The cell below also
# >    shows $\partial o / \partial w$ changing with $b$ at $x = 2$, $w = 0.7$. (Notebook 1's
# >    correction shows the other half: the added term gets a gradient of its own.)

# %% [markdown] lang="ko"
# ## 강의 노트 정정과 보충
#
# > **강의 노트가 말하는 것과 실제로 맞는 것.**
# >
# > 1. **보충.** *"미분된 결과를 저장해야 하기 때문에 역전파는 순전파보다 더 많은 메모리를 차지한다"*.
# >    결론은 맞지만 이유가 불완전해요. 가장 큰 비용은 **순전파의 값들**, 곧 모든 연산의 입력과
# >    출력이에요. 이 값들을 남겨 두는 것은 역전파 동안 국소 도함수를 그 값들*로부터* 계산하기
# >    때문이에요. `backward()` 전에는 그래프 어디에도 도함수가 없어요(모든 `grad`가 0이에요).
# >    도함수도 저장되기는 하지만 훨씬 적어요. 매개변수마다 그래디언트 하나, 그리고
# >    옵티마이저(optimizer)의 상태(Adam은 매개변수마다 수를 두 개 더 둬요)뿐이고, 이것들은 배치와
# >    깊이가 아니라 매개변수 수에 따라 늘어나요. 아래 셀은 역방향 계산이 저장된 값을 읽는다는 것을
# >    보여 주고(순전파가 끝난 뒤 곱셈의 저장된 입력을 바꾸면 그래디언트도 바뀐 값을 따라가요), 작은
# >    MLP에서 세 가지를 세어 봐요.
# > 2. **정정.** *"weight에 더해진 값은 역전파 시 제거되고, weight에 곱해진 항만 남게된다"*. 다음 비선형
# >    함수까지만 그래요. $y = wx + b$에서 그래디언트 $\partial y/\partial w = x$에는 $b$가 없지만(4절),
# >    뉴런 $o = \tanh(wx + b)$에서는 $x\,(1 - o^2)$이고 $o$는 $b$에 따라 달라져요. 더해진 항이
# >    활성화 함수의 국소 도함수를 통해 돌아오는 거예요. 아래 셀은 $x = 2$, $w = 0.7$에서
# >    $\partial o / \partial w$가 $b$에 따라 달라지는 것도 보여 줘요. (나머지 절반, 곧 더해진 항도
# >    자기 그래디언트를 받는다는 것은 1번 노트북의 정정이 보여 줘요.)

# %%
def neuron_gradients(x0_after_forward=None):
    x0, w0, bias = Value(1.5, label="x0"), Value(0.8, label="w0"), Value(0.1, label="bias")
    o = (x0 * w0 + bias).tanh()
    before = max(abs(node.grad) for node in topological_order(o))
    if x0_after_forward is not None:
        x0.data = x0_after_forward  # overwrite the stored forward value
    o.backward()
    return before, w0.grad


before, as_recorded = neuron_gradients()
_, doubled = neuron_gradients(x0_after_forward=3.0)
lines = [
    f"after the forward pass, before backward: largest |grad| in the graph = {before}",
    f"d o / d w0 with the stored x0 = 1.5:            {as_recorded:.6f}",
    f"d o / d w0 after overwriting the stored x0 = 3: {doubled:.6f} (twice as much)",
    "",
    "o = tanh(w x + b), x = 2, w = 0.7: d o / d w for b = -1, 0, 1, 3:",
]


def activated_weight_gradient(b):
    w = Value(0.7)
    (w * 2.0 + b).tanh().backward()
    return w.grad


lines.append("  " + ", ".join(f"{activated_weight_gradient(b):.4f}" for b in [-1, 0, 1, 3]))
memory_net = MLP(2, [16, 16, 1], seed=0)
memory_loss = sum((memory_net([0.01 * i, -0.02 * i]) for i in range(100)), Value(0.0))
stored_values = len(topological_order(memory_loss))
n_parameters = memory_net.num_parameters()
lines += [
    "",
    "MLP(2, [16, 16, 1]) on 100 inputs:",
    f"  forward values kept for backward: {stored_values:,} nodes",
    f"  parameter gradients:              {n_parameters}",
    f"  Adam's state (m and v):           {2 * n_parameters}",
]
print("\n".join(lines))

# %% tags=["remove-cell"]
assert before == 0 and abs(doubled - 2 * as_recorded) < 1e-15
assert len({round(activated_weight_gradient(b), 6) for b in [-1, 0, 1, 3]}) == 4
assert stored_values > 10 * 3 * n_parameters

# %% [markdown]
# ## Summary
#
# - Backpropagation applies the chain rule node by node, from the output back to the
#   inputs, in the reverse of the forward order; each operation only needs its own *local*
#   derivative.
# - Gates have recognisable effects: add distributes, multiply swaps, max routes; a gate can
#   be as large as a whole sigmoid, with the same gradients as its pieces.
# - Across layers the per-layer factors multiply; many small factors make the gradient
#   vanish. For a whole layer the backward pass is three matrix formulas:
#   $g = \delta \odot f'(z)$, $\partial L/\partial W = g x^\top$,
#   $\delta_\text{in} = W^\top g$.
# - One backward pass yields every parameter's gradient for about the cost of a forward
#   pass; forward mode (`jvp`) would need one pass per parameter. That is why training
#   uses reverse mode.
# - Backpropagation needs every forward value until it has used it: the activations alone
#   are batch × width × depth numbers. Inference under `no_grad` keeps none;
#   activation checkpointing trades recomputation for memory.
#
# Next: [6 · Training an MLP](06_training_an_mlp.ipynb).
#
# ## Appendix: the memory in bytes, and when it is freed
#
# Node counts are exact; bytes depend on the Python version. Python's `tracemalloc`
# measures how much memory the result of the tanh chain holds on to, with recording and
# under `no_grad`.

# %% [markdown] lang="ko"
# ## 정리
#
# - 역전파는 연쇄법칙을 출력에서 입력 쪽으로, 곧 순전파 순서의 역순으로 노드 하나씩 적용해요. 각
#   연산은 자신의 *국소* 도함수만 알면 돼요.
# - 게이트마다 알아보기 쉬운 효과가 있어요. 덧셈은 나눠 주고, 곱셈은 맞바꾸고, max는 길을 골라요. 게이트는
#   시그모이드 전체만큼 클 수도 있고, 그래도 조각으로 나눈 것과 같은 그래디언트를 줘요.
# - 층을 거치면 층마다의 인수가 곱해지고, 작은 인수가 많으면 그래디언트가 소실돼요. 층 하나 전체의
#   역방향 계산은 세 개의 행렬 공식 $g = \delta \odot f'(z)$, $\partial L/\partial W = g x^\top$,
#   $\delta_\text{in} = W^\top g$로 적을 수 있어요.
# - 역방향 계산 한 번으로, 순전파 한 번 정도의 비용에 모든 매개변수의 그래디언트를 얻어요. 전진
#   모드(`jvp`)라면 매개변수마다 한 번씩 계산해야 해요. 그래서 학습에는 후진 모드를 써요.
# - 역전파는 순전파의 모든 값을 쓸 때까지 남겨 둬야 해요. 활성값만 해도 배치 × 너비 × 깊이
#   개의 숫자예요. `no_grad`로 추론하면 아무것도 남지 않고, 활성값 체크포인팅은 다시 계산하는
#   비용을 치르고 메모리를 아껴요.
#
# 다음: [6 · MLP 학습시키기](06_training_an_mlp.ipynb).
#
# ## 부록: 메모리를 바이트로, 그리고 언제 해제되는지
#
# 노드 수는 정확하지만 바이트 수는 파이썬 버전에 따라 달라요. 파이썬의 `tracemalloc`으로, tanh 사슬의
# 결과가 붙잡고 있는 메모리를 기록할 때와 `no_grad` 아래에서 각각 측정해요.

# %%
import gc
import tracemalloc

import matplotlib.pyplot as plt


def held_after(build):
    """Bytes still allocated after build() returns (the result kept alive)."""
    gc.collect()
    tracemalloc.start()
    result = build()
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return held


memory = {depth: (held_after(lambda: tanh_chain(depth)), held_after(lambda: forward_only(depth)))
          for depth in [1_000, 10_000]}
(rec_small, bare_small), (rec_large, bare_large) = memory[1_000], memory[10_000]
print("recorded memory grows in proportion to depth: 10x deeper -> between 9x and 11x the bytes")
print("with no_grad the result holds at least 100x less memory at depth 1,000 (1,000x at 10,000)")

fig, ax = plt.subplots(figsize=(6, 3))
labels = [tr("depth {depth:,}\n{mode}", depth=d, mode=tr(m)) for d in (1_000, 10_000) for m in ("recording", "no_grad")]
kilobytes = [rec_small / 1024, bare_small / 1024, rec_large / 1024, bare_large / 1024]
ax.bar(labels, kilobytes, color=["tab:red", "tab:blue", "tab:red", "tab:blue"])
ax.set_yscale("log")
ax.set_ylabel(tr("memory held (KiB, log scale)"))
ax.set_title(tr("What a forward pass keeps alive"))
plt.show()

# %% tags=["remove-cell"]
assert 9 < rec_large / rec_small < 11, "recorded memory grows in proportion to depth"
assert rec_small > 100 * bare_small and rec_large > 1000 * bare_large, "no_grad keeps almost nothing"

# %% [markdown]
# Because no local rule refers back to its own output node, the graph has no reference
# cycles: as soon as nothing refers to the output any more, Python frees the whole graph
# at once, without waiting for the cycle collector (`gc`). A training step therefore costs
# memory only while it runs.

# %% [markdown] lang="ko"
# 어떤 국소 규칙도 자기 출력 노드를 다시 가리키지 않으므로 그래프에는 참조 순환(reference cycle)이
# 없어요. 출력을 가리키는 것이 하나도 없게 되는 순간, 파이썬은 순환 수집기(`gc`)를 기다리지 않고
# 그래프 전체를 한 번에 해제해요. 그래서 학습 한 단계는 실행되는 동안에만 메모리를 차지해요.

# %%
gc.collect()
tracemalloc.start()
out = tanh_chain(10_000)
before, _ = tracemalloc.get_traced_memory()
out.backward()
del out  # no gc.collect(): plain reference counting frees the graph
after, _ = tracemalloc.get_traced_memory()
tracemalloc.stop()
print("after `del out` less than 1% of the graph's memory is still allocated")

# %% tags=["remove-cell"]
assert after < before / 100
