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
# differences amplified (when the gaps between the scores are large enough), the temperature knob, the
# numerically stable way to compute it, its derivative, why the cross-entropy gradient is
# simply $p - y$, and what inference does with the probabilities. Exercises (marked ✏️)
# are checked against the engine by `exercises.nb03`.

# %% [markdown] lang="ko"
# # 3 · 소프트맥스(softmax)
#
# | 강의 노트의 절 | 이 노트북에서 |
# |---|---|
# | 「Pre-question」: "분류모델에서 softmax가 최종 출력층에 사용되는 이유는 무엇인가?" | 「분류기의 출력층에 소프트맥스를 쓰는 이유」 |
# | 「소프트맥스 연산」: 출력을 확률로 해석, 선형 모델의 출력 벡터 O에 softmax를 합성 | 「점수에서 확률로」 · 「수치적으로 안정한 형태」 |
# | 「소프트맥스 연산」: "추론을 하는 경우는 … one-hot 벡터를 주로 쓴다" | 「추론: argmax, 그리고 확률을 남겨 두는 경우」 · 「강의 노트 보충」 2 |
# | 「소프트맥스 연산 › 소프트맥스 연산의 장점」: "모든 인자들의 대소관계가 변하지 않는다" | 「점수의 순서 보존」 |
# | 「소프트맥스 연산 › 소프트맥스 연산의 장점」: "기존 인자간의 차이가 증폭되는 장점이 있다" | 「차이의 증폭」 · 「온도」 · 「강의 노트 보충」 1 |
# | 「소프트맥스 연산 › 소프트맥스 연산의 장점」: "자연상수의 지수함수이므로 미분이 편하다" | 「소프트맥스의 도함수」 · 「교차 엔트로피, 그리고 그 그래디언트가 $p - y$인 이유」 (역전파 알고리즘으로 이어져요) |
#
# 분류기(classifier)의 마지막 층은 클래스마다 **점수**(score) 하나, 곧 *로짓*(logit)을 내놓아요.
# 점수는 양수든 음수든 아무 실수나 될 수 있고 위로 한계도 없어요. 이것을 "각 클래스일
# 가능성이 얼마나 되나?"로 읽으려면 **확률 벡터**(probability vector), 즉 성분이 모두 0과 1
# 사이이고 합이 1인 벡터로 바꿔야 해요. **소프트맥스**(softmax)가 바로 이 일을 해요:
#
# $$p_i = \mathrm{softmax}(o)_i = \frac{e^{o_i}}{\sum_j e^{o_j}}.$$
#
# 점수는 보통 선형층(linear layer)의 출력이에요. 그 위에 합성한 소프트맥스는 비선형(non-linear)
# 함수이고, 그 출력은 입력이 각 클래스에 속할 확률로 읽을 수 있어요.
#
# 이 노트북은 소프트맥스를 엔진(`autograd`)으로 계산하고 그 성질을 차례로 살펴봐요. 순서가 보존되는 것,
# (점수 사이의 간격이 충분히 클 때) 차이가 증폭되는 것, 온도(temperature)라는 손잡이, 수치적으로 안정한
# (numerically stable) 계산법, 소프트맥스의 도함수(derivative), 교차 엔트로피(cross-entropy)의
# 그래디언트(gradient)가 왜 그냥 $p - y$인지, 그리고 추론(inference)에서 확률을 어떻게 쓰는지를
# 다뤄요. 연습 문제(exercise, ✏️ 표시)는 `exercises.nb03`의 채점기가 엔진과 비교해 채점해요.
#
# 용어는 [용어집](용어집.md)을 따라요: 한 뜻에 한 낱말을 쓰고, 처음 나올 때 영어 원어를 괄호 안에 함께 적어요.

# %%
import math
import random

import matplotlib.pyplot as plt
import numpy as np

from autograd import Value, gradients
from exercises import nb03
from nn import cross_entropy, log_softmax, softmax
from viz import tr

# %% [markdown] lang="ko"
# 다음 셀은 `viz`가 그리는 그림의 글자(그림 제목, 범례, 단계 설명)를 한국어로 바꾸고 한글 글꼴을 켜요(이 노트북이 직접 그리는 막대그래프의 제목과 축 이름도 `tr`을 거쳐 한국어로 나와요).

# %% lang="ko"
import viz

viz.set_language("ko")

# %% [markdown]
# ## From scores to probabilities
#
# Written out with `Value`s, the formula has three steps: exponentiate each score (this
# makes everything positive), add the exponentials up, divide each one by the sum.

# %% [markdown] lang="ko"
# ## 점수에서 확률로
#
# `Value`로 풀어 쓰면 공식은 세 단계로 이루어져요. 각 점수에 지수함수를 적용하고(그러면 모두 양수가
# 돼요), 지수값을 모두 더한 다음, 각 지수값을 그 합으로 나눠요.

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

# %% [markdown] lang="ko"
# `nn.softmax`도 같은 값을 계산해요(아래에서 설명할 안정한 형태로요).

# %%
library = softmax(o)
print([round(pi.data, 4) for pi in library])

fig, axes = plt.subplots(1, 2, figsize=(8, 2.8))
axes[0].bar([tr("class {names}", names=k) for k in range(3)], scores, color="tab:gray")
axes[0].set_title(tr("scores (logits)"))
axes[1].bar([tr("class {names}", names=k) for k in range(3)], [pi.data for pi in p], color="tab:blue")
axes[1].set_title(tr("softmax: probabilities"))
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

# %% [markdown] lang="ko"
# ## 점수의 순서 보존
#
# $e^x$은 강한 의미의 증가함수(strictly increasing, 강의 노트의 말로는 단조 증가함수)이고 모든
# 점수를 같은 합으로 나누므로, 점수가 크면 확률도 항상 커요. 클래스의 순위는 절대 바뀌지 않아요.
# 무작위 점수 벡터 1000개로 확인해 봐요. 이와 관련된 사실이 하나 더 있어요. 모든 점수에 같은 상수를
# 더해도 아무것도 바뀌지 않아요. $e^{o_i + c} = e^c e^{o_i}$이고 $e^c$이 약분되기 때문이에요. 중요한 것은 점수
# 사이의 *차이*뿐이에요.

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
# ## Differences are amplified, if the gaps between the scores are large enough
#
# Because only differences matter, the ratio of two probabilities depends only on the gap
# between their scores: $p_i / p_j = e^{o_i - o_j}$. A gap of 1 makes one class $e \approx
# 2.7$ times more likely than the other; a gap of 2 makes it $e^2 \approx 7.4$ times more
# likely. Compare with simply dividing positive scores by their sum, where scores
# 1, 2, 3 give the top class only 3 times the share of the bottom one.

# %% [markdown] lang="ko"
# ## 차이의 증폭: 점수 사이의 간격이 충분히 클 때만
#
# 차이만 중요하므로, 두 확률의 비는 두 점수의 간격(gap)에만 달려 있어요: $p_i / p_j = e^{o_i - o_j}$.
# 간격이 1이면 한 클래스의 확률이 다른 클래스의 $e \approx 2.7$배, 간격이 2이면 $e^2 \approx 7.4$배가
# 돼요. 양수 점수를 그 합으로 그냥 나누는 방법과 비교해 보세요. 그 방법에서는 점수 1, 2, 3이 맨 위
# 클래스에 맨 아래 클래스의 3배 몫만 줘요.

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
# But "amplified" depends on the **scale** of the scores: how far apart they are, not how
# large they are (adding a constant to every score changes nothing, as the previous section
# showed). Dividing by the sum does not
# care about scale: 0.1, 0.2, 0.3 still give a ratio of 3. The softmax does: it sees
# gaps of 0.1 and 0.2, and $e^{0.2} \approx 1.22$, so it *compresses* the differences and
# the probabilities come out nearly uniform. Only when the gaps are large enough (here,
# when $e^{\text{gap}}$ exceeds the ratio of the scores themselves) does softmax sharpen
# them. The same scores 1, 2, 3 multiplied by a factor $c$:

# %% [markdown] lang="ko"
# 하지만 "증폭"은 점수의 **스케일**(scale), 곧 점수들이 서로 얼마나 떨어져 있는지에 달려 있어요.
# 점수 자체가 얼마나 큰지는 상관없어요(앞 절에서 보았듯이 모든 점수에 같은 수를 더해도 아무것도
# 바뀌지 않아요). 합으로 나누는 방법은 스케일과 상관없어요. 0.1, 0.2, 0.3도 여전히 비가 3이에요.
# 소프트맥스는 그렇지 않아요. 소프트맥스가 보는 것은 0.1과 0.2라는 간격이고 $e^{0.2} \approx 1.22$이므로,
# 오히려 차이를 *압축*해서 확률이 거의 균등하게 나와요. 간격이 충분히 클 때(여기서는
# $e^{\text{gap}}$이 점수 자체의 비를 넘을 때)에만 소프트맥스가 차이를 날카롭게 해요. 같은 점수 1, 2,
# 3에 배율 $c$를 곱하면 다음과 같아요.

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
# gets *less* than its plain share (0.5). The top/bottom ratio passes plain division's 3 from
# a scale of about 0.55 on (where $e^{2c} = 3$); the top class's own share passes 0.5 a little
# earlier (0.506 at $c = 0.5$ in the table). Multiplying the scores by $c$ is the same as
# dividing them by a temperature $T = 1/c$, the knob of the next section.

# %% [markdown] lang="ko"
# 점수에 0.01이나 0.1을 곱하면 소프트맥스는 거의 균등해서, 맨 위 클래스가 합으로 나눌 때의
# 몫(0.5)보다 *적게* 받아요. 맨 위와 맨 아래 클래스의 확률 비는 배율이 약 0.55($e^{2c} = 3$이 되는
# 곳)부터 합으로 나눌 때의 3을 넘어요. (맨 위 클래스의 몫 자체는 그보다 조금 앞서 0.5를 넘어요.
# 표에서 $c = 0.5$일 때 이미 0.506이에요.) 점수에 $c$를 곱하는 것은 점수를 온도 $T = 1/c$로
# 나누는 것과 같아요. 다음 절의 손잡이가 바로 이것이에요.

# %% [markdown]
# ## Temperature
#
# Dividing the scores by a **temperature** $T > 0$ before the softmax tunes this
# amplification: $T < 1$ widens the gaps (sharper, more confident), $T > 1$ shrinks them
# (flatter). As $T \to 0$ the output approaches the one-hot vector of the top class; as
# $T \to \infty$ it approaches the uniform distribution.

# %% [markdown] lang="ko"
# ## 온도
#
# 소프트맥스에 넣기 전에 점수를 **온도**(temperature) $T > 0$으로 나누면 이 증폭을 조절할 수 있어요:
# $T < 1$이면 간격이 넓어지고(더 날카롭고 확신에 찬 분포), $T > 1$이면 간격이 좁아져요(더 평평한
# 분포). $T \to 0$이면 출력은 맨 위 클래스의 원-핫(one-hot) 벡터에 가까워지고, $T \to \infty$이면
# 균등 분포(uniform distribution)에 가까워져요.

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
axes[0].set_ylabel(tr("probability"))
plt.tight_layout()
plt.show()

# %% tags=["remove-cell"]
assert tops == sorted(tops, reverse=True) and entropies == sorted(entropies)
assert tops[0] > 0.9999 and entropies[-1] > 0.99 * math.log(len(scores))


# %% [markdown]
# The top probability falls and the entropy rises steadily with $T$; at $T = 10$ the
# entropy is above 99% of its maximum $\log 4$ (the uniform distribution).

# %% [markdown] lang="ko"
# $T$가 커질수록 맨 위 확률은 꾸준히 줄고 엔트로피(entropy)는 꾸준히 늘어요. $T = 10$에서
# 엔트로피는 최댓값 $\log 4$(균등 분포)의 99%를 넘어요.

# %%
print(f"entropy at T = 10: {entropies[-1]:.4f}, log 4 = {math.log(4):.4f}, "
      f"ratio {entropies[-1] / math.log(4):.4f}")

# %% [markdown]
# ✏️ **Exercise 1.** Two classes with scores $[2, 0]$. Which temperature $T$ makes
# $\mathrm{softmax}([2, 0] / T)$ give the top class a probability of exactly 0.9?
# (Hint: the ratio of the two probabilities is $e^{2/T}$.)

# %% [markdown] lang="ko"
# ✏️ **연습 문제 1.** 점수가 $[2, 0]$인 두 클래스가 있어요. 어떤 온도 $T$에서
# $\mathrm{softmax}([2, 0] / T)$가 맨 위 클래스에 정확히 0.9의 확률을 줄까요?
# (힌트: 두 확률의 비는 $e^{2/T}$이에요.)

# %%
answer = ...  # replace ... with a number (a formula with math.log is fine)
nb03.check_temperature(answer);

# %% [markdown]
# ## The numerically stable form
#
# Computed literally, the formula breaks for large scores. $e^{1000}$ is far beyond the
# largest float ($\approx 1.8 \times 10^{308}$). The engine refuses with a clear error;
# NumPy returns `inf` (with a warning, silenced here), and `inf / inf` is `nan`. Very negative
# scores fail the other way: every $e^{o_i}$ underflows to 0 and the division is $0/0$.

# %% [markdown] lang="ko"
# ## 수치적으로 안정한 형태
#
# 공식을 그대로 계산하면 점수가 클 때 결과가 깨져요. $e^{1000}$은 가장 큰 부동소수점 수
# ($\approx 1.8 \times 10^{308}$)를 한참 넘어요(오버플로, overflow). 엔진은 분명한 오류를 내며
# 거부하고, NumPy는 `inf`를 돌려주며(경고와 함께지만 여기서는 꺼 두었어요), `inf / inf`는 `nan`이에요.
# 아주 작은(음수 쪽으로 큰) 점수에서는 반대 방향으로 실패해요. 모든 $e^{o_i}$이 0으로
# 언더플로(underflow)되어 나눗셈이 $0/0$이 돼요. 오버플로나 NaN 없이 정확한 결과를 내는 성질을
# 수치 안정성(numerical stability)이라고 해요.

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

# %% [markdown] lang="ko"
# 해결책은 앞에서 본 이동 불변성(shift invariance)을 이용해요. 먼저 모든 점수에서 가장 큰 점수를
# 빼요. 결과는 수학적으로 같지만, 이제 가장 큰 지수값은 $e^0 = 1$이고(오버플로 없음) 합은 적어도
# 1이에요(0으로 나누기 없음). `nn.softmax`가 정확히 이렇게 하고, 유한한 점수라면 어떤 점수에서도
# 올바른 답을 내요.

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

# %% [markdown] lang="ko"
# ✏️ **연습 문제 2.** `Value`의 리스트를 받는 안정한 소프트맥스 `my_softmax(values)`를 작성하세요.
# 가장 큰 점수를 (`Value`가 아닌 그냥 숫자 `max(v.data for v in values)`로) 뺀 다음, 지수함수를
# 적용하고 합으로 나누어 정규화(normalise)하세요. 채점기는 위의 아주 큰 점수로 함수를 실행해서
# 확률과 그 그래디언트를 `nn.softmax`와 비교해요.

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

# %% [markdown] lang="ko"
# 같은 요령으로 손실(loss)에 필요한 안정한 **로그**-소프트맥스(log-softmax)도 얻어요:
# $\log p_i = o_i - \log\sum_j e^{o_j}$이고, log-sum-exp는 $m = \max_j o_j$에 대해
# $m + \log\sum_j e^{o_j - m}$으로 계산해요. 소프트맥스 출력에 로그를 취하는 방법은 확률 하나가
# 0으로 언더플로되는 순간 실패해요:

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

# %% [markdown] lang="ko"
# 최댓값을 빼도 그래디언트는 흐트러지지 않아요. 모든 점수를 함께 옮기는 방향으로 소프트맥스의
# 그래디언트는 0이므로, 최댓값을 상수로 취급해도 정확해요. 공식을 그대로 옮긴 계산(literal)이
# 동작하는 곳에서는 안정한 계산(stable)과 같은 그래디언트가 나와요.

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

# %% [markdown] lang="ko"
# ## 소프트맥스의 도함수
#
# 각 확률은 *모든* 점수에 의존하므로 도함수는 행렬, 곧 야코비 행렬(Jacobian)이에요.
#
# $$\frac{\partial p_i}{\partial o_j} = p_i\,(\delta_{ij} - p_j),$$
#
# 여기서 $\delta_{ij}$는 $i = j$이면 1, 아니면 0이에요. 식이 이렇게 간단한 것은 지수함수의 도함수가
# 자기 자신이기 때문이에요: $\partial e^{o_i} / \partial o_i = e^{o_i}$ (강의 노트의 "자연상수의
# 지수함수이므로 미분이 편하다"가 이 뜻이에요). 점수 하나를 올리면 그 클래스의 확률은 오르고(대각
# 성분이 양수) 다른 모든 클래스에서 확률을 가져와요(비대각 성분이 음수). 확률의 합은 늘 1이므로
# 야코비 행렬의 각 열의 합은 0이에요. 엔진은 이 행렬을 한 행씩 만들어요. $i$행은 $p_i$를 모든
# 점수로 미분한 그래디언트예요.

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

# %% [markdown] lang="ko"
# ✏️ **연습 문제 3.** 두 클래스, $o = [0, 0]$에서의 야코비 행렬을 손으로 구해서 중첩 리스트
# `[[dp0/do0, dp0/do1], [dp1/do0, dp1/do1]]`로 적으세요. 채점기가 엔진의 그래디언트와 비교해요.

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

# %% [markdown] lang="ko"
# ## 교차 엔트로피, 그리고 그 그래디언트가 $p - y$인 이유
#
# 분류기는 정답 클래스 $y$의 확률이 커지도록 학습돼요. **교차 엔트로피**(cross-entropy) 손실 함수(loss
# function)는 그 확률의 음의 로그예요.
#
# $$L = -\log p_y = -o_y + \log \sum_j e^{o_j},$$
#
# 점수에 대한 그래디언트는 더없이 간단해요:
#
# $$\frac{\partial L}{\partial o_j} = -\delta_{jy} + \frac{e^{o_j}}{\sum_k e^{o_k}} = p_j - y_j,$$
#
# 예측한 확률에서 정답 클래스의 원-핫 벡터 $y$를 뺀 것이에요. 위의 야코비 행렬을 거쳐
# 연쇄법칙(chain rule)으로 계산해도 같은 결과가 나와요. $\partial L / \partial p_y = -1/p_y$이고,
# $-\frac{1}{p_y} \, p_y (\delta_{yj} - p_j) = p_j - \delta_{yj}$예요.

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

# %% [markdown] lang="ko"
# ✏️ **연습 문제 4.** 세 클래스, 점수는 모두 0, 정답 클래스는 2예요. 세 점수에 대한 교차
# 엔트로피의 그래디언트를 리스트로 예측해 보세요.

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

# %% [markdown] lang="ko"
# 이 짝이 표준이 된 데에는 두 가지 까닭이 있어요. 그래디언트의 각 성분은 −1과 1 사이에 있으므로
# 폭주하지 않아요. 그리고 그래디언트는 **모델이 가장 많이 틀렸을 때 가장 커요**. 정답 클래스가
# 확률을 거의 받지 못하면, 그 점수는 −1에 가까운 그래디언트로 위로 밀려요. 반면 확률에 대한 제곱
# 오차(squared error)는 소프트맥스 자체의 도함수 $p(1-p)$를 거쳐야 하는데, 이 값은 바로 모델이
# 확신에 차서 틀렸을 때 거의 0이 되므로 그런 곳에서 학습이 멈춰 버려요.

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

# %% [markdown] lang="ko"
# ## 분류기의 출력층에 소프트맥스를 쓰는 이유
#
# 강의 노트의 사전 질문(pre-question) 중 하나인 "분류모델에서 softmax가 최종 출력층에 사용되는 이유는
# 무엇인가?"에 대한 답이에요. 소프트맥스가 분류기의 끝에 놓이는 까닭은 다음과 같아요.
#
# 1. **클래스에 대한 확률 분포를 만들어요.** 제약 없는 점수로부터 음이 아니고 합이 1인 값을
#    만들므로, 출력을 "각 클래스일 가능성"으로 읽을 수 있고 최대 우도(maximum likelihood), 곧 교차
#    엔트로피 손실로 학습할 수 있어요.
# 2. **매끄럽고, 모든 점수가 그래디언트를 받아요.** 맨 위 클래스를 바로 고르는 것(argmax)은 계단
#    함수(step function)예요. 점수를 살짝 움직여도 1등이 바뀔 때까지 아무것도 변하지 않으므로
#    그래디언트는 거의 모든 곳에서 0이고, 학습이 나아갈 방향을 알려 주지 못해요.
# 3. **교차 엔트로피와 함께 쓰면 그래디언트가 $p - y$예요.** 유계(bounded)이고, 계산 비용이 적고, 모델이
#    가장 많이 틀렸을 때 가장 강해요.
# 4. **점수의 순서를 지켜요.** 그래서 확률이 가장 높은 클래스는 점수가 가장 높은 클래스예요.
# 5. 클래스가 두 개이면 소프트맥스는 *바로* 시그모이드(sigmoid)예요. $\mathrm{softmax}([z, 0])_0 = \sigma(z)$이므로,
#    소프트맥스는 로지스틱 회귀(logistic regression)를 여러 클래스로 자연스럽게 일반화한 것이에요.
#
# 2번과 5번을 엔진으로 확인해요.

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

# %% [markdown] lang="ko"
# ## 추론: argmax, 그리고 확률을 남겨 두는 경우
#
# 학습에는 확률이 필요해요. 클래스만 알면 되는 예측에는 필요 없어요. 소프트맥스는 점수의 순서를
# 지키므로 확률이 가장 높은 클래스는 그냥 **가장 큰 점수**의 클래스이고, 소프트맥스를 아예 계산하지
# 않고도 답을 원-핫 벡터(이긴 클래스에 1, 나머지에 0)로 내놓을 수 있어요.

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
# ## Clarifications of the lecture note
#
# > **Where the lecture note is imprecise, and what is true.** Each point is computed by
# > the next cell.
# >
# > 1. **Clarification.** *"Softmax amplifies the differences between its inputs."* Only
# >    when the *gaps* between the scores are large enough (their scale, not their size:
# >    adding 1000 to every score changes nothing). The ratio of two probabilities is $e^{\text{gap}}$: gaps well
# >    above 1 are sharpened, small gaps are *compressed* towards the uniform distribution.
# >    Scaling the scores, or dividing them by a temperature, moves between the two.
# > 2. **Clarification.** *"At inference, classification uses a one-hot vector instead of the softmax."* For
# >    the predicted class alone, yes: the argmax of the scores. But the probabilities are
# >    kept whenever *how sure* matters: to report a **confidence** (and reject or defer
# >    uncertain inputs, or rank the top few classes); to **calibrate** it (temperature
# >    scaling fits one $T$ on held-out data so that confidences match accuracy, without
# >    changing a single prediction); and to **sample** with a temperature, as language
# >    models choose each next token. A one-hot vector throws all of that away.

# %% [markdown] lang="ko"
# ## 강의 노트 보충
#
# > **강의 노트가 덜 정확한 곳과 실제로 맞는 것.** 각 항목은 다음 셀이 계산해서 보여 줘요
# > (앞의 「차이의 증폭」·「온도」 절과 「추론」 절에서도 계산했어요).
# >
# > 1. **보충.** *"기존 인자간의 차이가 증폭되는 장점이 있다."* 점수 사이의 *간격*이 충분히 클 때만
# >    맞아요(중요한 것은 점수 자체의 크기가 아니라 간격, 곧 스케일이에요. 모든 점수에 1000을 더해도
# >    아무것도 바뀌지 않아요). 두 확률의 비는 $e^{\text{gap}}$이에요. 1보다 훨씬 큰 간격은 더
# >    날카롭게 벌어지고, 작은 간격은 오히려 균등 분포 쪽으로 *압축*돼요. 점수의 크기를 바꾸거나 점수를 온도로 나누면 두 경우 사이를
# >    오갈 수 있어요.
# > 2. **보충.** *"분류 문제에서 추론을 하는 경우는 softmax를 쓰지 않고 one-hot 벡터를 주로 쓴다."* 예측한
# >    클래스 하나만 필요하다면 맞아요. 점수의 argmax면 돼요. 하지만 *얼마나 확신하는지*가 중요할
# >    때는 확률을 남겨 둬요. 그런 때는 **신뢰도**(confidence)를 보고할 때(그리고 불확실한 입력을 거부하거나
# >    판단을 미룰 때, 상위 몇 개 클래스의 순위를 매길 때), 그 신뢰도를 **보정**(calibration)할 때
# >    (온도 스케일링(temperature scaling)은 따로 떼어 둔(held-out) 데이터에서 $T$ 하나를 맞춰
# >    신뢰도가 정확도와 맞아떨어지게 하는데, 예측은 하나도 바꾸지 않아요), 그리고 언어 모델이 다음
# >    토큰(token)을 고를 때처럼 온도를 두고 **샘플링**(sampling)할 때예요. 원-핫 벡터는 이 모든 것을
# >    버려요.

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
      f"   softmax([1000.1, 1000.2, 1000.3]) = {[round(v.data, 3) for v in softmax([Value(x) for x in [1000.1, 1000.2, 1000.3]])]} (large scores, small gaps: still compressed)\n"
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

# %% [markdown] lang="ko"
# ## 정리
#
# - 소프트맥스는 어떤 점수든 확률 벡터로 바꿔요. 지수함수를 적용한 뒤 정규화하면 돼요.
# - 점수의 순서를 지키고 점수 사이의 차이에만 의존해요. 두 클래스의 확률 비는 $e^{\text{gap}}$이므로
#   큰 간격은 증폭되고 작은 간격은 압축돼요. 얼마나 날카로울지는 온도로 조절해요.
# - 가장 큰 점수를 뺀 뒤에 계산하세요(로그 확률은 log-sum-exp로 계산하세요). 결과는 같고, 오버플로도
#   $0/0$도 없어요.
# - 야코비 행렬은 $p_i(\delta_{ij} - p_j)$이고, 교차 엔트로피와 함께 쓰면 그래디언트가 $p - y$로
#   간단해져요. 그래서 분류기의 출력에서 둘을 함께 써요.
# - 클래스를 예측하려면 점수의 argmax를 취하세요. 소프트맥스를 거쳐도 argmax는 바뀌지 않아요. 신뢰도나 보정,
#   샘플링이 필요하면 확률을 남겨 두세요.
#
# 다음: [4 · 신경망과 깊이](04_neural_networks_and_depth.ipynb).
