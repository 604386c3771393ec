"""The Korean of every sentence the checkers print, keyed by its English (see `viz.tr`).

`exercises` registers this table into viz's (``viz.language.KOREAN``) when imported, so
a checker speaks the language the notebook set with ``viz.set_language``. The keys are
the English templates exactly as the checkers pass them; the values keep every
``{placeholder}`` (with its format). ``tests/notebooks/test_exercises.py`` checks that
every sentence a checker prints in Korean comes from here.
"""

from __future__ import annotations

KOREAN: dict[str, str] = {
    # exercises/__init__.py: the frame of every message
    "Replace the ... with your answer, then run the cell again.": (
        "...를 여러분의 답으로 바꾼 뒤 셀을 다시 실행하세요."
    ),
    "Right: ": "맞아요: ",
    "Not yet: ": "아직이에요: ",
    "expected {expects}; your answer ({kind}) could not be checked: {error}": (
        "{expects}이(가) 필요해요. 여러분의 답({kind})은 채점할 수 없었어요: {error}"
    ),
    # what an answer should be (checker(expects=...))
    "a number": "수 하나",
    "a whole number": "정수 하나",
    "a positive number T": "양수 T 하나",
    "a number (the weight w)": "수 하나(가중치 w)",
    "one number (the distance both parameters move)": "수 하나(두 매개변수가 움직이는 거리)",
    "a pair (x, slope)": "쌍 (x, 기울기)",
    "a pair (gradient with ReLU, gradient with Leaky ReLU)": (
        "쌍 (ReLU일 때의 그래디언트, Leaky ReLU일 때의 그래디언트)"
    ),
    "a pair of whole numbers (weight layers, hidden layers)": "정수 쌍 (가중치 층 수, 은닉층 수)",
    "a pair of whole numbers (deep parameters, shallow parameters)": (
        "정수 쌍 (깊은 신경망의 매개변수 수, 얕은 신경망의 매개변수 수)"
    ),
    "a pair of whole numbers (forward-mode passes, reverse-mode passes)": (
        "정수 쌍 (전진 모드 패스 수, 후진 모드 패스 수)"
    ),
    "a pair of whole numbers (nodes, levels)": "정수 쌍 (노드 수, 레벨 수)",
    "a 2 x 2 nested list of numbers": "수로 된 2 x 2 중첩 리스트",
    "a list of three numbers": "수 세 개의 리스트",
    "a list of learning rates, e.g. [0.1, 0.3]": "학습률의 리스트(예: [0.1, 0.3])",
    'a list of letters, e.g. ["a"]': '글자의 리스트(예: ["a"])',
    "a function rule(g, out, x)": "함수 rule(g, out, x)",
    "a function my_backward(root)": "함수 my_backward(root)",
    "a function my_sigmoid(x) that returns a Value": "Value를 돌려주는 함수 my_sigmoid(x)",
    "a function my_softmax(values) returning a list of Values": (
        "Value의 리스트를 돌려주는 함수 my_softmax(values)"
    ),
    "a function layer_forward(W, b, x) that returns a NumPy array": (
        "NumPy 배열을 돌려주는 함수 layer_forward(W, b, x)"
    ),
    "a function max_rule(g, a, b) that returns a pair": "쌍을 돌려주는 함수 max_rule(g, a, b)",
    "a function layer_backward(W, b, x, delta) that returns (dW, db, dx)": (
        "(dW, db, dx)를 돌려주는 함수 layer_backward(W, b, x, delta)"
    ),
    "a function sgd_step(parameters, lr)": "함수 sgd_step(parameters, lr)",
    # shared
    "give a number, not {kind}": "{kind}이(가) 아니라 수를 주세요.",
    "give a whole number, not {kind}": "{kind}이(가) 아니라 정수를 주세요.",
    # nb01
    "dM/db = (b - c) + (a + b) = {grad:g}: b reaches M along two paths (through a + b and "
    "through b - c), and the two contributions add up.": (
        "dM/db = (b - c) + (a + b) = {grad:g}: b는 두 경로(a + b를 거쳐서, b - c를 거쳐서)로 M에 "
        "닿고, 두 기여가 더해져요."
    ),
    "{answer:g} is the contribution of one path only. b is used twice: add the derivative "
    "through a + b and the one through b - c.": (
        "{answer:g}은(는) 한 경로의 기여일 뿐이에요. b는 두 번 쓰여요: a + b를 거치는 도함수와 "
        "b - c를 거치는 도함수를 더하세요."
    ),
    "{answer:g} is not it. Product rule: dM/db = (b - c) * d(a + b)/db + (a + b) * d(b - c)/db.": (
        "{answer:g}은(는) 아니에요. 곱의 미분법: dM/db = (b - c) * d(a + b)/db + "
        "(a + b) * d(b - c)/db."
    ),
    "give a function rule(g, out, x) that returns what x receives.": (
        "x가 받을 값을 돌려주는 함수 rule(g, out, x)를 주세요."
    ),
    "gradcheck disagrees: {error}. The rule gets g (the gradient arriving at sin's output), "
    "out = sin(x) and x; it must return g * d sin(x)/dx.": (
        "gradcheck가 일치하지 않는다고 해요: {error}. 규칙은 g(sin의 출력에 도착한 그래디언트), "
        "out = sin(x), x를 받아서 g * d sin(x)/dx를 돌려줘야 해요."
    ),
    "the rule raised {error}": "규칙이 오류를 냈어요: {error}",
    "the rule must return a number (what x receives), got {kind}": (
        "규칙은 수(x가 받을 값)를 돌려줘야 하는데 {kind}을(를) 돌려줬어요."
    ),
    "g * cos(x) passes gradcheck at x = {points}.": (
        "g * cos(x)는 x = {points}에서 gradcheck를 통과해요."
    ),
    "give a function my_backward(root) that fills .grad.": (
        ".grad를 채우는 함수 my_backward(root)를 주세요."
    ),
    "my_backward raised {error}": "my_backward가 오류를 냈어요: {error}",
    "my_backward must leave a number in every .grad.": (
        "my_backward는 모든 .grad에 수를 남겨야 해요."
    ),
    "dz/dx = {dx:g}, dz/dy = {dy:g}, as the engine: a node used twice adds up what each use "
    "sends back.": (
        "엔진과 같아요(dz/dx = {dx:g}, dz/dy = {dy:g}): 두 번 쓰인 노드는 쓰인 곳마다 거꾸로 "
        "보내는 값을 더해요."
    ),
    "for z = (x y + x) y the engine gives dz/dx = {ex:g}, dz/dy = {ey:g}, your function "
    "{dx:g} and {dy:g}. Does it add (+=) into parent.grad, or overwrite it (=)?": (
        "z = (x y + x) y에서 엔진: dz/dx = {ex:g}, dz/dy = {ey:g}. 여러분의 함수: "
        "dz/dx = {dx:g}, dz/dy = {dy:g}. parent.grad에 더하나요(+=), 아니면 덮어쓰나요(=)?"
    ),
    "give a function my_sigmoid(x) that takes a Value and returns a Value.": (
        "Value를 받아 Value를 돌려주는 함수 my_sigmoid(x)를 주세요."
    ),
    "my_sigmoid({x:g}) raised {error}": "my_sigmoid({x:g})가 오류를 냈어요: {error}",
    "my_sigmoid must return a Value, got {kind}": (
        "my_sigmoid는 Value를 돌려줘야 하는데 {kind}을(를) 돌려줬어요."
    ),
    "build it from exp, + and /, not with .sigmoid() itself.": (
        ".sigmoid() 자체가 아니라 exp, +, /로 만드세요."
    ),
    "at x = {x:g}: yours gives {yours:.6g} (gradient {your_grad:.6g}), sigmoid gives "
    "{theirs:.6g} (gradient {their_grad:.6g}). sigmoid(x) = 1 / (1 + e^(-x)).": (
        "x = {x:g}에서 여러분의 함수는 {yours:.6g}(그래디언트 {your_grad:.6g}), sigmoid는 "
        "{theirs:.6g}(그래디언트 {their_grad:.6g})예요. sigmoid(x) = 1 / (1 + e^(-x))."
    ),
    "the same values and the same gradients as the one-op sigmoid: the chain rule through "
    "exp, + and / adds up to s (1 - s).": (
        "연산 하나짜리 sigmoid와 값도 그래디언트도 같아요: exp, +, /를 거치는 연쇄법칙의 결과가 "
        "s (1 - s)가 돼요."
    ),
    # nb02
    "give a pair of numbers (x, slope), e.g. (1.0, 0.3).": (
        "수 두 개의 쌍 (x, 기울기)를 주세요. 예: (1.0, 0.3)."
    ),
    "sigmoid'(0) = s (1 - s) = 0.5 * 0.5 = {peak:g}, its maximum.": (
        "sigmoid'(0) = s (1 - s) = 0.5 * 0.5 = {peak:g}, 이것이 최댓값이에요."
    ),
    "at x = {x:g} the engine says sigmoid' = {engine:.4g}, not {slope:g}. Use sigmoid'(x) = "
    "s (1 - s) with s = sigmoid(x).": (
        "x = {x:g}에서 엔진의 sigmoid'은 {slope:g}이(가) 아니라 {engine:.4g}이에요. "
        "s = sigmoid(x)로 두고 sigmoid'(x) = s (1 - s)를 쓰세요."
    ),
    "sigmoid'({x:g}) = {engine:.4g} is not the largest value: s (1 - s) is largest where "
    "s = 1/2.": (
        "sigmoid'({x:g}) = {engine:.4g}은(는) 최댓값이 아니에요: s (1 - s)는 s = 1/2일 때 가장 "
        "커요."
    ),
    "with w = {w:g} each layer multiplies the gradient by w * sigmoid'(0) = {w:g} * 1/4 = "
    "{factor:g}, and {depth} layers pass it back unchanged (engine: {got:.6g}). The "
    "activation shrinks it by 4; the weight gives it back.": (
        "w = {w:g}이면 층마다 그래디언트에 w * sigmoid'(0) = {w:g} * 1/4 = {factor:g}"
        "이(가) 곱해져서, "
        "{depth}개 층을 지나도 그래디언트가 그대로 돌아와요(엔진: {got:.6g}). 활성화 함수가 4배로 "
        "줄인 만큼 가중치가 되돌려 줘요."
    ),
    "with w = {w:g} each layer multiplies the gradient by w * sigmoid'(0) = {w:g} * 1/4 = "
    "{factor:g}: its size is kept, its sign flips at every layer, and after an even number "
    "of layers ({depth}) the product is ({factor:g})^{depth} = {got:.6g}. The positive "
    "w = {positive:g} gives 1 at every depth.": (
        "w = {w:g}이면 층마다 그래디언트에 w * sigmoid'(0) = {w:g} * 1/4 = {factor:g}"
        "이(가) 곱해져요: "
        "크기는 그대로이고 부호가 층마다 바뀌어서, 짝수 개({depth}개)의 층을 지나면 곱이 "
        "({factor:g})^{depth} = {got:.6g}이(가) 돼요. "
        "양수 w = {positive:g}이면 깊이에 상관없이 1이에요."
    ),
    "with w = {w:g} the gradient after {depth} layers is {got:.3g}, not 1. Each layer "
    "multiplies it by w * sigmoid'(0), and sigmoid'(0) = 1/4.": (
        "w = {w:g}이면 {depth}개 층을 지난 그래디언트가 1이 아니라 {got:.3g}이에요. 층마다 "
        "w * sigmoid'(0)이 곱해지고, sigmoid'(0) = 1/4이에요."
    ),
    "give a pair of numbers (gradient with ReLU, gradient with Leaky ReLU).": (
        "수 두 개의 쌍 (ReLU일 때의 그래디언트, Leaky ReLU일 때의 그래디언트)를 주세요."
    ),
    "z = -2 < 0, so d out / d b = f'(z): {relu:g} for ReLU (the neuron cannot move) and "
    "{leaky:g} for Leaky ReLU (a small, never-zero slope).": (
        "z = -2 < 0이므로 d out / d b = f'(z)예요: ReLU는 {relu:g}(뉴런이 움직일 수 없어요), "
        "Leaky ReLU는 {leaky:g}(작지만 0이 되지 않는 기울기)예요."
    ),
    "(ReLU {relu:g}, Leaky ReLU {leaky:g}) is not it. First compute z = w0 x0 + w1 x1 + b; "
    "d out / d b = f'(z) * dz/db, and dz/db = 1.": (
        "(ReLU {relu:g}, Leaky ReLU {leaky:g})은(는) 아니에요. 먼저 z = w0 x0 + w1 x1 + b를 "
        "계산하세요. d out / d b = f'(z) * dz/db이고, dz/db = 1이에요."
    ),
    # nb03
    "give a 2 x 2 nested list, [[d p0/d o0, d p0/d o1], [d p1/d o0, d p1/d o1]].": (
        "2 x 2 중첩 리스트 [[d p0/d o0, d p0/d o1], [d p1/d o0, d p1/d o1]]를 주세요."
    ),
    "p = [1/2, 1/2], so p_i (1 - p_i) = 1/4 on the diagonal and -p_i p_j = -1/4 off it; "
    "the engine's rows: {rows}.": (
        "p = [1/2, 1/2]이므로 대각선은 p_i (1 - p_i) = 1/4, 나머지는 -p_i p_j = -1/4이에요. "
        "엔진이 낸 행: {rows}."
    ),
    "the signs are the wrong way round: raising o_i raises p_i.": (
        "부호가 반대예요: o_i를 키우면 p_i도 커져요."
    ),
    "the engine gives {rows}. Use d p_i / d o_j = p_i (delta_ij - p_j) with p = "
    "softmax([0, 0]) = [1/2, 1/2].": (
        "엔진은 {rows}을(를) 내요. p = softmax([0, 0]) = [1/2, 1/2]로 두고 "
        "d p_i / d o_j = p_i (delta_ij - p_j)를 쓰세요."
    ),
    "give a positive number T.": "양수 T를 주세요.",
    "softmax([2, 0] / {T:.4g}) puts {top:.4f} on the top class: the ratio of the two "
    "probabilities is e^(2/T) = 9, so T = 2 / log 9.": (
        "softmax([2, 0] / {T:.4g})는 가장 높은 클래스에 {top:.4f}을(를) 줘요: 두 확률의 비가 "
        "e^(2/T) = 9이므로 T = 2 / log 9예요."
    ),
    "with T = {T:g} the top class gets {top:.4f}. Try a lower T; p0 / p1 = e^(gap / T) "
    "must be 0.9 / 0.1.": (
        "T = {T:g}이면 가장 높은 클래스가 {top:.4f}을(를) 받아요. 더 낮은 T를 써 보세요. "
        "p0 / p1 = e^(차이 / T)가 0.9 / 0.1이어야 해요."
    ),
    "with T = {T:g} the top class gets {top:.4f}. Try a higher T; p0 / p1 = e^(gap / T) "
    "must be 0.9 / 0.1.": (
        "T = {T:g}이면 가장 높은 클래스가 {top:.4f}을(를) 받아요. 더 높은 T를 써 보세요. "
        "p0 / p1 = e^(차이 / T)가 0.9 / 0.1이어야 해요."
    ),
    "give a list of three numbers, [dL/do0, dL/do1, dL/do2].": (
        "수 세 개의 리스트 [dL/do0, dL/do1, dL/do2]를 주세요."
    ),
    "p - y = [1/3, 1/3, 1/3] - [0, 0, 1] = [1/3, 1/3, -2/3]: the wrong classes are pushed "
    "down, the true one up, and the entries add up to 0.": (
        "p - y = [1/3, 1/3, 1/3] - [0, 0, 1] = [1/3, 1/3, -2/3]: 틀린 클래스는 내려가고 정답 "
        "클래스는 올라가며, 성분의 합은 0이에요."
    ),
    "the engine gives {truth}. The gradient is p - y: the probabilities minus the one-hot "
    "vector of the true class.": (
        "엔진은 {truth}을(를) 내요. 그래디언트는 p - y예요: 확률에서 정답 클래스의 원-핫 벡터를 "
        "뺀 것이에요."
    ),
    "give a function my_softmax(values) returning a list of Values.": (
        "Value의 리스트를 돌려주는 함수 my_softmax(values)를 주세요."
    ),
    "on scores {case} it raised {error}. Subtract the largest score first.": (
        "점수 {case}에서 오류가 났어요: {error}. 먼저 가장 큰 점수를 빼세요."
    ),
    "on scores {case} it returned {kind}: return a list of Values (one per score), built "
    "from the Values it gets, so that gradients flow back.": (
        "점수 {case}에서 {kind}을(를) 돌려줬어요: 받은 Value로 만든 Value의 리스트(점수마다 "
        "하나)를 돌려주세요. 그래야 그래디언트가 거꾸로 흘러요."
    ),
    "on scores {case} it returned {got} probabilities, not {want}.": (
        "점수 {case}에서 확률을 {want}개가 아니라 {got}개 돌려줬어요."
    ),
    "on scores {case} it gives {values}, not the softmax.": (
        "점수 {case}에서 소프트맥스가 아닌 {values}이(가) 나와요."
    ),
    "on scores {case} the gradients of p0 differ from nn.softmax's.": (
        "점수 {case}에서 p0의 그래디언트가 nn.softmax의 것과 달라요."
    ),
    "after subtracting the maximum the largest exponent is e^0 = 1 and the sum is at least "
    "1: no overflow, no 0/0, and the same gradients.": (
        "최댓값을 빼면 가장 큰 지수는 e^0 = 1이고 합은 1 이상이에요: 넘침도 0/0도 없고, "
        "그래디언트도 같아요."
    ),
    # nb04
    "{truth} = (3·4 + 4) + (4·4 + 4) + (4·2 + 2): each layer has one weight per "
    "(input, neuron) pair and one bias per neuron.": (
        "{truth} = (3·4 + 4) + (4·4 + 4) + (4·2 + 2): 층마다 (입력, 뉴런) 쌍 하나에 가중치 "
        "하나, 뉴런 하나에 편향 하나가 있어요."
    ),
    "{answer:g} counts the weights only: every neuron also has a bias.": (
        "{answer:g}은(는) 가중치만 센 수예요: 뉴런마다 편향도 있어요."
    ),
    "{answer:g} is not it. Layer by layer: (inputs × neurons) weights + one bias per neuron.": (
        "{answer:g}은(는) 아니에요. 층마다 (입력 수 × 뉴런 수)개의 가중치와 뉴런마다 편향 하나예요."
    ),
    "give a function layer_forward(W, b, x) that returns a NumPy array.": (
        "NumPy 배열을 돌려주는 함수 layer_forward(W, b, x)를 주세요."
    ),
    "layer_forward raised {error}": "layer_forward가 오류를 냈어요: {error}",
    "a layer of 4 neurons on 3 inputs returns 4 numbers, yours has shape {shape}. W has one "
    "row per neuron: W @ x.": (
        "입력 3개에 뉴런 4개인 층은 수 4개를 돌려주는데, 여러분의 결과는 모양이 {shape}이에요. "
        "W는 뉴런마다 행이 하나예요: W @ x."
    ),
    "tanh(W @ x + b) gives exactly what the engine's Layer computes neuron by neuron.": (
        "tanh(W @ x + b)는 엔진의 Layer가 뉴런 하나씩 계산하는 값과 정확히 같아요."
    ),
    "that is the linear part only: apply the activation (np.tanh) to it.": (
        "선형 부분뿐이에요: 거기에 활성화 함수(np.tanh)를 적용하세요."
    ),
    "the bias is missing: every neuron adds its own b before the activation.": (
        "편향이 빠졌어요: 뉴런마다 활성화 함수 전에 자기 b를 더해요."
    ),
    "the engine's layer gives {engine}, yours {got}. One row of W per neuron: h = tanh(W @ x "
    "+ b).": (
        "엔진의 층은 {engine}, 여러분의 함수는 {got}을(를) 내요. W는 뉴런마다 행이 하나예요: "
        "h = tanh(W @ x + b)."
    ),
    "give a pair of whole numbers: (weight layers, hidden layers).": (
        "정수 쌍 (가중치 층 수, 은닉층 수)를 주세요."
    ),
    "{weights} weight layers (one weight matrix each) and {hidden} hidden layers: the "
    "lecture would call it a {weights}층 network.": (
        "가중치 층 {weights}개(층마다 가중치 행렬 하나)와 은닉층 {hidden}개예요: 강의 노트라면 "
        "{weights}층 신경망이라고 부를 거예요."
    ),
    "the input is not a layer of weights: count the weight matrices, one per entry of the "
    "list [16, 16, 1].": (
        "입력은 가중치 층이 아니에요: 가중치 행렬을 세세요. 리스트 [16, 16, 1]의 항목마다 하나예요."
    ),
    "each entry of [16, 16, 1] is one layer of neurons with its own weight matrix; all of "
    "them but the output layer are hidden.": (
        "[16, 16, 1]의 항목 하나가 자기 가중치 행렬을 가진 뉴런 층 하나예요. 출력층을 뺀 "
        "나머지가 모두 은닉층이에요."
    ),
    "give a pair of whole numbers: (deep parameters, shallow parameters).": (
        "정수 쌍 (깊은 신경망의 매개변수 수, 얕은 신경망의 매개변수 수)를 주세요."
    ),
    "{deep} against {shallow}: 6k + 1 grows by 6 per fold, 3·2^k + 1 doubles per fold.": (
        "{deep} 대 {shallow}: 6k + 1은 한 번 접을 때마다 6씩 늘고, 3·2^k + 1은 두 배가 돼요."
    ),
    "the deep count is right. The shallow network needs one ReLU per straight piece (2^k of "
    "them), each with a weight, a bias and an output weight, plus the output bias.": (
        "깊은 신경망의 수는 맞아요. 얕은 신경망은 직선 조각마다 ReLU가 하나(모두 2^k개) 필요하고, "
        "각각 가중치, 편향, 출력 가중치를 가지며, 여기에 출력 편향이 더해져요."
    ),
    "a hidden layer of 2 ReLUs on one input has 2·1 + 2 parameters; later ones read 2 inputs "
    "(2·2 + 2); the output neuron reads 2 (2 + 1). Add them up for k = 10.": (
        "입력 하나에 ReLU 2개인 은닉층은 매개변수가 2·1 + 2개예요. 그 뒤의 층은 입력 2개를 "
        "읽고(2·2 + 2), 출력 뉴런도 2개를 읽어요(2 + 1). k = 10에 대해 더하세요."
    ),
    "sigmoid'(0) = {slope:g} is the largest slope, and {slope:g}^10 = {truth:.3g}: without "
    "large weights, a gradient through ten sigmoids shrinks about a million times.": (
        "가장 큰 기울기는 sigmoid'(0) = {slope:g}이고 {slope:g}^10 = {truth:.3g}이에요: 가중치가 "
        "크지 않으면, 시그모이드 열 개를 지난 그래디언트는 약 백만 배 작아져요."
    ),
    "the factors multiply (chain rule), they do not add.": (
        "인수들은 더해지지 않고 곱해져요(연쇄법칙)."
    ),
    "the sigmoid's largest slope is at x = 0: s(0)(1 - s(0)). Multiply ten of them.": (
        "시그모이드의 기울기는 x = 0에서 가장 커요: s(0)(1 - s(0)). 그것을 열 번 곱하세요."
    ),
    # nb05
    "do/dw0 = (1 - o²) · x0 = {local:.4f} · {x0:g} = {truth:.4f}: tanh's local derivative, "
    "then × passes the other factor, x0.": (
        "do/dw0 = (1 - o²) · x0 = {local:.4f} · {x0:g} = {truth:.4f}: tanh의 국소 도함수에, "
        "×가 다른 인수 x0을 곱해서 넘겨요."
    ),
    "x0 is the multiplication's local derivative only: tanh comes after it.": (
        "x0은 곱셈의 국소 도함수일 뿐이에요: 그 뒤에 tanh가 있어요."
    ),
    "that is tanh's local derivative; the multiplication adds a factor x0.": (
        "그건 tanh의 국소 도함수예요. 곱셈이 인수 x0을 하나 더 곱해요."
    ),
    "work out n = x0 w0 + x1 w1 + bias and o = tanh(n) first; then do/dw0 = (1 - o²) × x0.": (
        "먼저 n = x0 w0 + x1 w1 + bias와 o = tanh(n)을 계산하세요. 그러면 "
        "do/dw0 = (1 - o²) × x0이에요."
    ),
    "give a function max_rule(g, a, b) that returns a pair.": (
        "쌍을 돌려주는 함수 max_rule(g, a, b)를 주세요."
    ),
    "max_rule raised {error}": "max_rule이 오류를 냈어요: {error}",
    "max_rule({g:g}, {a:g}, {b:g}) returned {returned!r}: return a pair of numbers (what a "
    "receives, what b receives).": (
        "max_rule({g:g}, {a:g}, {b:g})이 {returned!r}을(를) 돌려줬어요: 수 두 개의 쌍 "
        "(a가 받을 값, b가 받을 값)을 돌려주세요."
    ),
    "at a = {a:g}, b = {b:g} with g = {g:g}, the engine gives a {ga:g} and b {gb:g}, yours "
    "{got}.": (
        "a = {a:g}, b = {b:g}, g = {g:g}에서 엔진은 a에 {ga:g}, b에 {gb:g}을(를) 주고, 여러분의 "
        "규칙은 {got}을(를) 줘요."
    ),
    "at a = {a:g}, b = {b:g} with g = {g:g}, the engine gives a {ga:g} and b {gb:g}, yours "
    "{got}. It is a tie: the engine splits the gradient, ½ each (as PyTorch).": (
        "a = {a:g}, b = {b:g}, g = {g:g}에서 엔진은 a에 {ga:g}, b에 {gb:g}을(를) 주고, 여러분의 "
        "규칙은 {got}을(를) 줘요. 동점이에요: 엔진은 그래디언트를 반씩 나눠요(PyTorch와 같아요)."
    ),
    "max routes the whole gradient to the larger input and nothing to the other (half each "
    "at a tie), as the engine's maximum does.": (
        "max는 그래디언트 전체를 더 큰 입력으로 보내고 다른 입력에는 아무것도 보내지 않아요"
        "(동점이면 반씩). 엔진의 maximum과 같아요."
    ),
    "give a function layer_backward(W, b, x, delta) returning (dW, db, dx).": (
        "(dW, db, dx)를 돌려주는 함수 layer_backward(W, b, x, delta)를 주세요."
    ),
    "layer_backward raised {error}": "layer_backward가 오류를 냈어요: {error}",
    "return three arrays: (dW, db, dx).": "배열 세 개 (dW, db, dx)를 돌려주세요.",
    "return three arrays of numbers: (dW, db, dx).": (
        "수로 된 배열 세 개 (dW, db, dx)를 돌려주세요."
    ),
    "{name} should have shape {want} (like its variable), not {got}.": (
        "{name}의 모양은 {got}이(가) 아니라 (그 변수처럼) {want}이어야 해요."
    ),
    "dW differs from the engine's gradients. dW is the outer product of g = delta ⊙ "
    "(1 - h²) with x.": (
        "dW가 엔진의 그래디언트와 달라요. dW는 g = delta ⊙ (1 - h²)와 x의 외적이에요."
    ),
    "db differs from the engine's gradients. db = g = delta ⊙ (1 - h²), with h = tanh(W x + b).": (
        "db가 엔진의 그래디언트와 달라요. h = tanh(W x + b)일 때 db = g = delta ⊙ (1 - h²)예요."
    ),
    "dx differs from the engine's gradients. dx = Wᵀ g: each input collects from every "
    "neuron it feeds.": (
        "dx가 엔진의 그래디언트와 달라요. dx = Wᵀ g: 입력마다 자기가 들어가는 모든 뉴런에서 "
        "그래디언트를 모아요."
    ),
    "g = delta ⊙ (1 - h²), dW = g xᵀ, db = g, dx = Wᵀ g: the engine's gradients, three "
    "lines of NumPy instead of one node at a time.": (
        "g = delta ⊙ (1 - h²), dW = g xᵀ, db = g, dx = Wᵀ g: 엔진의 그래디언트를 노드 하나씩이 "
        "아니라 NumPy 세 줄로 구했어요."
    ),
    "give a pair of whole numbers: (forward-mode passes, reverse-mode passes).": (
        "정수 쌍 (전진 모드 패스 수, 후진 모드 패스 수)를 주세요."
    ),
    "{n} jvp passes (one per parameter: each gives one directional derivative) against 1 "
    "backward pass (one per output, and the loss is one number).": (
        "jvp 패스 {n}번(매개변수마다 한 번: 한 번에 방향 도함수 하나) 대 역방향 계산 1번"
        "(출력마다 한 번이고, 손실은 수 하나예요)."
    ),
    "the other way round: forward mode pays per input, reverse mode per output.": (
        "반대예요: 전진 모드는 입력마다, 후진 모드는 출력마다 한 번씩 비용을 치러요."
    ),
    "reverse mode is right. Forward mode needs one pass per parameter: count them (weights "
    "and biases) in MLP{shape}.": (
        "후진 모드는 맞아요. 전진 모드는 매개변수마다 패스가 한 번 필요해요: MLP{shape}의 "
        "매개변수(가중치와 편향)를 세세요."
    ),
    "forward mode: one pass per input (here, per parameter); reverse: one per output.": (
        "전진 모드는 입력(여기서는 매개변수)마다 한 번, 후진 모드는 출력마다 한 번이에요."
    ),
    # nb06
    "sgd_step must be a function (parameters, lr), got {kind}": (
        "sgd_step은 함수 (parameters, lr)여야 하는데 {kind}이에요."
    ),
    "sgd_step raised {error}": "sgd_step이 오류를 냈어요: {error}",
    "sgd_step must leave a number in every p.data.": "sgd_step은 모든 p.data에 수를 남겨야 해요.",
    "all {n} parameters equal nn.SGD's after one step (largest difference {worst:.1e}). The "
    "update is p.data -= lr * p.grad: a step against the gradient.": (
        "한 단계 뒤 매개변수 {n}개가 모두 nn.SGD의 것과 같아요(가장 큰 차이 {worst:.1e}). "
        "갱신은 p.data -= lr * p.grad, 즉 그래디언트의 반대 방향으로 한 단계예요."
    ),
    "every parameter moved WITH its gradient, which climbs the loss. Hint: the gradient "
    "points uphill; subtract lr * p.grad.": (
        "모든 매개변수가 그래디언트 방향으로 움직여서 손실이 올라가요. 힌트: 그래디언트는 "
        "오르막을 가리켜요. lr * p.grad를 빼세요."
    ),
    "your parameters differ from nn.SGD's by up to {worst:.3g}. Hint: for every p, p.data "
    "-= lr * p.grad (leave p.grad as it is).": (
        "여러분의 매개변수가 nn.SGD의 것과 최대 {worst:.3g}만큼 달라요. 힌트: 모든 p에 대해 "
        "p.data -= lr * p.grad (p.grad는 그대로 두세요)."
    ),
    "give a list of learning rates, e.g. [0.1, 0.3]; got {answer!r}": (
        "학습률의 리스트를 주세요(예: [0.1, 0.3]). 받은 답: {answer!r}"
    ),
    "the loss is {before:.3f} before the step; after it, {table}. A small step follows the "
    "slope downhill; a step that is too long jumps past the valley and lands higher.": (
        "한 단계 전의 손실은 {before:.3f}이고, 한 단계 뒤에는 {table}이에요. 작은 보폭은 "
        "경사를 따라 내려가지만, 너무 긴 보폭은 골짜기를 건너뛰어 더 높은 곳에 떨어져요."
    ),
    "{missing} also raise the loss, and {extra} lower it. Hint: run one step from MLP(2, "
    "[16, 16, 1], seed=0) with each learning rate and compare the loss with the loss before "
    "the step.": (
        "{missing}도 손실을 키우고, {extra}은(는) 손실을 줄여요. 힌트: MLP(2, [16, 16, 1], "
        "seed=0)에서 학습률마다 한 단계를 실행하고, 그 손실을 한 단계 전의 손실과 비교하세요."
    ),
    "{missing} also raise the loss. Hint: run one step from MLP(2, [16, 16, 1], seed=0) "
    "with each learning rate and compare the loss with the loss before the step.": (
        "{missing}도 손실을 키워요. 힌트: MLP(2, [16, 16, 1], seed=0)에서 학습률마다 한 단계를 "
        "실행하고, 그 손실을 한 단계 전의 손실과 비교하세요."
    ),
    "{extra} lower it. Hint: run one step from MLP(2, [16, 16, 1], seed=0) with each "
    "learning rate and compare the loss with the loss before the step.": (
        "{extra}은(는) 손실을 줄여요. 힌트: MLP(2, [16, 16, 1], seed=0)에서 학습률마다 한 "
        "단계를 실행하고, 그 손실을 한 단계 전의 손실과 비교하세요."
    ),
    "w = {truth:.1f}. Without zero_grad, w.grad is {piled} (each backward adds 3 to what is "
    "there), so the steps are {steps}. Cleared each time, every step would be 0.3 and w "
    "would end at {cleared:.1f}.": (
        "w = {truth:.1f}. zero_grad가 없으면 w.grad는 {piled}이고(backward마다 있던 값에 3을 "
        "더해요), 그래서 보폭은 {steps}이에요. 매번 지웠다면 보폭은 늘 0.3이고 w는 "
        "{cleared:.1f}에서 끝났을 거예요."
    ),
    "{cleared:.1f} is what three steps WITH zero_grad give (three steps of 0.3). Hint: "
    "without it, backward() adds the new gradient to the old one.": (
        "{cleared:.1f}은(는) zero_grad를 쓴 세 단계(보폭 0.3씩 세 번)의 결과예요. 힌트: "
        "zero_grad가 없으면 backward()가 새 그래디언트를 이전 그래디언트에 더해요."
    ),
    "{answer:g} is not it. Hint: write down w.grad after each backward() (it accumulates: 3, "
    "then 3 + 3, ...) and each step lr * w.grad.": (
        "{answer:g}은(는) 아니에요. 힌트: backward()마다 w.grad를 적어 보세요(누적돼요: 3, "
        "그다음 3 + 3, ...). 그리고 각 보폭 lr * w.grad도요."
    ),
    "give one number (the distance both parameters move), got {answer!r}": (
        "수 하나(두 매개변수가 움직이는 거리)를 주세요. 받은 답: {answer!r}"
    ),
    "both move by {small:.6f} and {large:.6f}, i.e. lr = {lr}, whatever the gradient's "
    "size. On the first step Adam's m and v are g and g**2 (after the bias correction), so "
    "the step is lr * g / (|g| + eps): the sign of g times lr.": (
        "둘 다 {small:.6f}, {large:.6f}만큼, 즉 그래디언트의 크기와 상관없이 lr = {lr}만큼 "
        "움직여요. 첫 단계에서 Adam의 m과 v는 (편향 보정 뒤) g와 g**2이므로, 보폭은 "
        "lr * g / (|g| + eps), 즉 g의 부호 곱하기 lr이에요."
    ),
    "that is SGD's step (lr * |g|) for one of them. Hint: Adam divides each parameter's "
    "step by the running size of its own gradient.": (
        "그건 둘 중 하나에 대한 SGD의 보폭(lr * |g|)이에요. 힌트: Adam은 매개변수마다 보폭을 "
        "자기 그래디언트의 이동 평균 크기로 나눠요."
    ),
    "{answer:g} is not it. Hint: on step 1, m = g and v = g**2 after bias correction; work "
    "out lr * m / (sqrt(v) + eps).": (
        "{answer:g}은(는) 아니에요. 힌트: 첫 단계에서는 편향 보정 뒤 m = g, v = g**2예요. "
        "lr * m / (sqrt(v) + eps)를 계산하세요."
    ),
    # nb07
    "give a pair of whole numbers: (nodes after fusion, levels).": (
        "정수 쌍 (융합 뒤 노드 수, 레벨 수)를 주세요."
    ),
    "{nodes} nodes (the arguments a, b, c, the constants 2 and 3, the two products, one sum "
    "for the whole chain of +, tanh and the last product) on {levels} levels: the products, "
    "the sum, tanh, the product.": (
        "노드 {nodes}개(인자 a, b, c, 상수 2와 3, 곱셈 둘, + 사슬 전체를 대신하는 합 하나, tanh, "
        "마지막 곱셈)가 레벨 {levels}개(곱셈들, 합, tanh, 곱셈)에 놓여요."
    ),
    "one node too many: the two + of the chain are fused into one n-ary sum. The levels: "
    "{hint}": "노드가 하나 많아요: 사슬의 + 두 개는 n항 합 하나로 융합돼요. 레벨은: {hint}",
    "a node's level is one more than its deepest operand's; leaves are level 0.": (
        "노드의 레벨은 가장 깊은 피연산자의 레벨보다 하나 커요. 잎 노드는 레벨 0이에요."
    ),
    "the node count is right. A node's level is one more than its deepest operand's (leaves "
    "and constants are level 0): count the levels of the longest path.": (
        "노드 수는 맞아요. 노드의 레벨은 가장 깊은 피연산자의 레벨보다 하나 커요(잎 노드와 "
        "상수는 레벨 0): 가장 긴 경로의 레벨을 세세요."
    ),
    "count every node of the plan: the arguments and the constants too, and one sum for the "
    "whole chain of +. A node's level is one more than its deepest operand's.": (
        "계획의 노드를 모두 세세요: 인자와 상수도 세고, + 사슬 전체는 합 하나로 세요. 노드의 "
        "레벨은 가장 깊은 피연산자의 레벨보다 하나 커요."
    ),
    "16 × 16 weights times {batch} samples: {truth} products, still one numpy call. A group "
    "grows with the batch; the number of levels and groups does not.": (
        "가중치 16 × 16개 곱하기 샘플 {batch}개: 곱셈 {truth}번이고, 여전히 numpy 호출 한 "
        "번이에요. 묶음은 배치와 함께 커지지만, 레벨과 묶음의 수는 그대로예요."
    ),
    "that is one sample's products. The plan replays the step for the whole batch.": (
        "그건 샘플 하나의 곱셈 수예요. 계획은 배치 전체에 대해 학습 단계를 재생해요."
    ),
    "{answer:g} is not it. The second layer multiplies each of its 16 × 16 weights by an "
    "input, once per sample.": (
        "{answer:g}은(는) 아니에요. 둘째 층은 16 × 16개의 가중치 하나하나에 입력을 곱하고, "
        "이것을 샘플마다 해요."
    ),
    "{compiled:g}: the trace at x = 1 took the branch x * 2, and the plan only records ops, "
    "not the `if`. Every later call replays x * 2, even at -3, where f itself gives "
    "{eager:g}.": (
        "{compiled:g}: x = 1에서의 추적은 x * 2 쪽 분기를 탔고, 계획은 `if`가 아니라 연산만 "
        "기록해요. 그 뒤의 모든 호출은 x * 2를 재생해요. f 자체는 {eager:g}을(를) 내는 -3에서도요."
    ),
    "{eager:g} is what f gives when run eagerly. The compiled function does not run the "
    "`if` again: which branch did the trace at x = 1 record?": (
        "{eager:g}은(는) f를 즉시 실행했을 때의 값이에요. 컴파일된 함수는 `if`를 다시 실행하지 "
        "않아요: x = 1에서의 추적은 어느 분기를 기록했나요?"
    ),
    "{answer:g} is not it. The first call (x = 1) is the trace; the plan replays the ops it "
    "recorded.": (
        "{answer:g}은(는) 아니에요. 첫 호출(x = 1)이 추적이고, 계획은 그때 기록한 연산을 재생해요."
    ),
    'give a list of letters, e.g. ["a"]; got {answer!r}': (
        '글자의 리스트를 주세요(예: ["a"]). 받은 답: {answer!r}'
    ),
    "{unknown} is not one of the cases {cases}.": (
        "{unknown}은(는) 경우 {cases} 중 하나가 아니에요."
    ),
    "{truth}: check=True runs f eagerly beside the replay. In b the graph itself differs "
    "(the other branch); in c the graph is the same but a number read with .data at trace "
    "time was baked in, so the values differ. a takes the traced branch again, and d's "
    "branch is inside the relu op, which the plan replays.": (
        "{truth}: check=True는 재생 옆에서 f를 즉시 실행해 비교해요. b는 그래프 자체가 달라요"
        "(다른 분기). c는 그래프는 같지만 추적할 때 .data로 읽은 수가 박혀 있어서 값이 달라요. "
        "a는 추적한 분기를 다시 타고, d의 분기는 계획이 재생하는 relu 연산 안에 있어요."
    ),
    "{extra} run without an error: the replay and the eager run agree there. Is the "
    "data-dependent choice made by Python, or inside an op?": (
        "{extra}은(는) 오류 없이 실행돼요: 거기서는 재생과 즉시 실행이 일치해요. 데이터에 따른 "
        "선택을 파이썬이 하나요, 아니면 연산 안에서 하나요?"
    ),
    "{missing} also raise. check=True compares the graph and every value with an eager run: "
    "a number read with .data at trace time is baked in.": (
        "{missing}도 오류를 내요. check=True는 그래프와 모든 값을 즉시 실행과 비교해요: 추적할 "
        "때 .data로 읽은 수는 계획에 박혀요."
    ),
    # the notebooks' own plots (their code calls viz.tr, so both editions share it)
    "tangent at x = 3, slope 14": "x = 3에서의 접선, 기울기 14",
    "tanh as one op": "연산 하나인 tanh",
    "tanh from exp, −, +, ÷": "exp, −, +, ÷로 만든 tanh",
    "The ReLU family: only the negative side differs": "ReLU 계열: 음수 쪽만 달라요",
    "number of hidden layers": "은닉층의 수",
    "|d output / d input| (log scale)": "|d 출력 / d 입력| (로그 눈금)",
    "How much gradient reaches the input": "입력까지 도달하는 그래디언트의 양",
    "gradient flow through five sigmoid layers": "시그모이드 층 다섯 개를 지나는 그래디언트의 흐름",
    "gradient-descent step": "경사 하강법의 단계",
    "mean squared error": "평균 제곱 오차",
    "A neuron that starts with every input on its negative side": (
        "모든 입력에서 음수 쪽으로 출발하는 뉴런"
    ),
    "scores (logits)": "점수(로짓)",
    "softmax: probabilities": "소프트맥스: 확률",
    "probability": "확률",
    "network": "신경망",
    "{width} tanh units: error {error:.0e}": "tanh 유닛 {width}개: 오차 {error:.0e}",
    "1 tanh unit: error {error:.0e}": "tanh 유닛 1개: 오차 {error:.0e}",
    "{width} units": "유닛 {width}개",
    "training step": "학습 단계",
    "seed 0: both curves still falling at step 400, and bumpy": (
        "시드 0: 두 곡선 모두 400단계에서도 들쭉날쭉하게 내려가는 중"
    ),
    "k-fold tent map: 2^(k-1) teeth": "k번 접은 텐트 사상: 톱니 2^(k-1)개",
    "deep: k layers of 2 ReLUs": "깊은 신경망: ReLU 2개짜리 층 k개",
    "shallow: one hidden layer": "얕은 신경망: 은닉층 하나",
    "k (folds = hidden layers of the deep network)": "k (접은 횟수 = 깊은 신경망의 은닉층 수)",
    "parameters (log scale)": "매개변수 수 (로그 눈금)",
    "parameters for the same function, exactly": "같은 함수에 필요한 매개변수 수(정확한 값)",
    "layer (0 = first, next to the input)": "층 (0 = 입력 바로 다음의 첫 층)",
    "weight-gradient size": "가중치 그래디언트의 크기",
    "gradient reaching each layer, at initialisation": "초기화 직후 각 층에 도달하는 그래디언트",
    "memory held (KiB, log scale)": "붙잡고 있는 메모리 (KiB, 로그 눈금)",
    "What a forward pass keeps alive": "순방향 계산이 메모리에 남기는 것",
    "depth {depth:,}\n{mode}": "깊이 {depth:,}\n{mode}",
    "recording": "기록할 때",
    "no_grad": "no_grad 아래",
    "two moons": "두 개의 반달",
    "with zero_grad()": "zero_grad()를 부를 때",
    "without zero_grad()": "zero_grad()를 부르지 않을 때",
    "hinge loss": "힌지 손실",
    "hinge loss (log scale)": "힌지 손실 (로그 눈금)",
    "MLP(2, [16, 16, 1]) trained on two moons": "두 개의 반달로 학습한 MLP(2, [16, 16, 1])",
    "three spirals": "세 개의 나선",
    "MLP(2, [12, 12, 3]) trained on three spirals": "세 개의 나선으로 학습한 MLP(2, [12, 12, 3])",
    "same data, same starting weights, same SGD": "같은 데이터, 같은 시작 가중치, 같은 SGD",
    "nodes after fusion (log scale)": "융합 뒤의 노드 수 (로그 눈금)",
    "levels": "레벨 수",
    "one sample (vmap)": "샘플 하나 (vmap)",
    "whole batch (jit)": "배치 전체 (jit)",
    "eager (one Value per number)": "즉시 실행 (숫자 하나마다 Value 하나)",
    "tracing + planning (once)": "추적과 계획 세우기 (한 번만)",
    "compiled (autograd.vmap)": "컴파일 (autograd.vmap)",
    "PyTorch tensors": "PyTorch 텐서",
    "CPU milliseconds per training step (log scale)": "학습 단계 한 번의 CPU 밀리초 (로그 눈금)",
    "compiled (trace included)": "컴파일 (추적 시간 포함)",
    "eager (one step × 100)": "즉시 실행 (한 단계 × 100)",
    "CPU seconds for 100 steps": "100단계의 CPU 초",
}
