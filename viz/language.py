"""The language of the words in pictures: English (the default) or Korean.

    viz.set_language("ko")    # plot titles, axis labels, legends, captions in Korean

Every word a picture shows goes through `tr`, with the English text as its own
key, so the code reads in English and a missing translation falls back to it.
Korean text needs a font with Hangul: `set_language("ko")` points matplotlib
and Graphviz at Noto Sans CJK KR (or NanumGothic), which `make` installs from
Debian's packages, and turns off matplotlib's Unicode minus sign, which those
fonts lack.
"""

from __future__ import annotations

import sys

LANGUAGES = ("en", "ko")
KOREAN_FONTS = ("Noto Sans CJK KR", "NanumGothic")

KOREAN: dict[str, str] = {
    # roles and the legend
    "input": "입력",
    "parameter": "매개변수",
    "constant": "상수",
    "intermediate": "중간값",
    "output": "출력",
    "|grad|, log scale:": "|grad| (로그 눈금):",
    # plots
    "derivative": "도함수",
    "max {name}' = {top}\nat x = {x}": "{name}'의 최댓값 = {top}\n(x = {x})",
    "step": "학습 단계",
    "loss": "손실",
    "accuracy": "정확도",
    "val_loss": "검증 손실",
    "val_accuracy": "검증 정확도",
    "{title} (last: {last})": "{title} (마지막: {last})",
    "class {names}": "클래스 {names}",
    "decision boundary · accuracy {accuracy}% on {n} points": (
        "결정 경계 · 정확도 {accuracy}% ({n}개 점)"
    ),
    # backpropagation step by step
    "Step {step} of {total}: backward through {symbol} ({out}.grad = {grad})": (
        "{total}단계 중 {step}단계: {symbol}을(를) 거꾸로 지남 ({out}.grad = {grad})"
    ),
    "local derivatives: ": "국소 도함수: ",
    "(the sum of its contributions)": "(받은 기여의 합)",
    "Step 0 of {total}: before backward() every grad is 0": (
        "{total}단계 중 0단계: backward() 전에는 모든 grad가 0"
    ),
    "backward() starts by setting out.grad = {grad} at the output,": (
        "backward()는 먼저 출력의 grad를 정하고(out.grad = {grad}),"
    ),
    "then runs each op's local rule from the output back": (
        "출력에서 거꾸로 각 연산의 국소 규칙을 실행해요"
    ),
    # the explorer (viz.explore, viz.save_html)
    "Click a neuron to open its scalar graph on this input (values and gradients).": (
        "뉴런을 누르면 이 입력에서의 스칼라 계산 그래프(값과 그래디언트)가 열립니다."
    ),
    "← back to the model": "← 모델로 돌아가기",
    "Back to the layer picture": "층 그림으로 돌아가기",
    "◀ prev": "◀ 이전",
    "Previous step": "이전 단계",
    "next ▶": "다음 ▶",
    "Next step": "다음 단계",
    "▶ play": "▶ 재생",
    # diagrams without Graphviz's dot (viz.wasm)
    (
        "Drawn in your browser by Graphviz compiled to WebAssembly, since Graphviz's dot "
        "program was not found; for SVG/PNG/PDF files (viz.save) install Graphviz: "
        "sudo apt-get install graphviz, brew install graphviz or conda install -c "
        "conda-forge graphviz."
    ): (
        "Graphviz의 dot 프로그램이 없어서, WebAssembly로 컴파일한 Graphviz가 브라우저에서 "
        "그렸습니다. SVG/PNG/PDF 파일(viz.save)이 필요하면 Graphviz를 설치하세요: "
        "sudo apt-get install graphviz, brew install graphviz 또는 conda install -c "
        "conda-forge graphviz."
    ),
    "❚❚ pause": "❚❚ 일시 정지",
    "Play every step": "모든 단계 재생",
    "backward step": "역전파 단계",
    "gradient flow": "그래디언트 흐름",
    "health": "수치 건강",
    "practice": "연습",
    "step {step} of {total}": "{total}단계 중 {step}단계",
    "Click a node (or Tab to it and press Enter) to see how its gradient is made.": (
        "노드를 누르면(또는 Tab으로 가서 Enter) 그 그래디언트가 어떻게 만들어지는지 보입니다."
    ),
    "role": "역할",
    "op": "연산",
    "none (a leaf)": "없음 (잎 노드)",
    "data": "값(data)",
    "grad after backward()": "backward() 후의 grad",
    "grad at step {step}": "{step}단계의 grad",
    "local derivatives of {op}": "{op}의 국소 도함수",
    "= {value} here": "= 여기서 {value}",
    "{name} is a constant: its gradient is not needed": (
        "{name}은(는) 상수: 그래디언트가 필요 없음"
    ),
    "contributions received (in step order)": "받은 기여 (단계 순서)",
    "from {name}, step {step}": "{name}에서, {step}단계",
    "from backward(), step 1": "backward()에서, 1단계",
    "none: nothing uses this node": "없음: 이 노드를 쓰는 곳이 없음",
    "sum: {sum}": "합: {sum}",
    "what if? inputs and parameters": "바꿔 보기: 입력과 매개변수",
    "reset": "처음 값으로",
    "Put every input and parameter back to the value the graph was built with": (
        "모든 입력과 매개변수를 그래프를 만들 때의 값으로 되돌립니다"
    ),
    "value of {name}": "{name}의 값",
    "slider for {name}": "{name}의 슬라이더",
    "fit": "맞춤",
    "zoom in": "확대",
    "zoom out": "축소",
    "Fit the whole graph": "그래프 전체를 맞춤",
    "Actual size": "실제 크기",
    "0 (grey)": "0 (회색)",
    "node {name}": "노드 {name}",
    "Practice: what will {name}.grad be after step {step}?": (
        "연습: {step}단계 후 {name}.grad는 얼마일까요?"
    ),
    "check": "확인",
    "your answer for {name}.grad": "{name}.grad에 대한 답",
    "Right: {value}": "정답: {value}",
    "Not quite: the engine gives {value}. Here is the chain rule:": (
        "아쉬워요: 엔진의 값은 {value}입니다. 연쇄 법칙은 이렇습니다:"
    ),
    "score: {right} of {asked}": "점수: {asked}문제 중 {right}개",
    "Right means within {abs} or {rel}% of the engine's value, whichever is larger.": (
        "엔진의 값과 {abs} 이내 또는 {rel}% 이내(둘 중 큰 쪽)이면 정답입니다."
    ),
    "No question at this step (its inputs are constants): press next.": (
        "이 단계에는 문제가 없습니다(입력이 상수): 다음을 누르세요."
    ),
    "Type a number first.": "먼저 숫자를 입력하세요.",
    "Practice is done: every step is revealed.": "연습 끝: 모든 단계가 공개되었습니다.",
    "The picture needs a layout: install Graphviz (the dot program), or load the in-browser "
    "layout.": (
        "그림을 배치할 수 없습니다: Graphviz(dot 프로그램)를 설치하거나 브라우저용 배치 기능을 "
        "불러오세요."
    ),
    "What-if is off in this saved page: changing a value means running forward and "
    "backward again, which needs Python and the engine. Open the graph in Jupyter with "
    "viz.explore(...) to drag the inputs and parameters.": (
        "저장된 페이지에서는 바꿔 보기가 꺼져 있습니다. 값을 바꾸면 순전파와 역전파를 다시 "
        "계산해야 하는데, 그러려면 Python과 엔진이 필요합니다. 입력과 매개변수를 움직여 "
        "보려면 Jupyter에서 viz.explore(...)로 그래프를 여세요."
    ),
    "What-if is off: a node of this graph was made with a rule of its own, "
    "which the op table cannot run forward again.": (
        "바꿔 보기가 꺼져 있습니다: 이 그래프의 노드 하나가 자체 규칙으로 만들어져서 "
        "연산 표로 순전파를 다시 할 수 없습니다."
    ),
    "{what} is refused: {error}": "{what}은(는) 받아들여지지 않습니다: {error}",
    "backward() seeds {name}.grad = {value}": "backward()가 {name}.grad = {value}로 둠",
    "backward() starts by setting {name}.grad = {grad} at the output,": (
        "backward()는 먼저 출력에 {name}.grad = {grad}를 두고,"
    ),
    "Step 1 of 1: {name}.grad = {grad}": "1단계 중 1단계: {name}.grad = {grad}",
    "dead ReLU: its input {x} is negative, so it passes no gradient back": (
        "죽은 ReLU: 입력 {x}가 음수라서 그래디언트를 전혀 되돌려 보내지 않음"
    ),
    "saturated: the local slope is below {limit}, so almost nothing passes back": (
        "포화: 국소 기울기가 {limit}보다 작아서 거의 아무것도 되돌아가지 않음"
    ),
    "vanished: |grad| is below {limit} of the output's gradient": (
        "소실: |grad|가 출력 그래디언트의 {limit}배보다 작음"
    ),
    "dead ReLU (input < 0)": "죽은 ReLU (입력 < 0)",
    "saturated tanh/sigmoid (slope < {limit})": "포화된 tanh/sigmoid (기울기 < {limit})",
    "vanished gradient (< {limit} × output's)": "소실된 그래디언트 (< 출력의 {limit}배)",
    " (operand {k})": " ({k}번째 피연산자)",
    "Step 1 of 1: out.grad = {grad}": "1단계 중 1단계: out.grad = {grad}",
    "a leaf has no rule to run": "잎 노드에는 실행할 규칙이 없음",
    "backward() starts here": "backward()는 여기서 시작",
    "  from {out} ({symbol}): a constant, its gradient is not needed": (
        "  {out} ({symbol})에서: 상수라서 그래디언트가 필요 없음"
    ),
    "the model's input": "모델의 입력",
    "the outputs of layer {k}": "층 {k}의 출력",
    "layer {k}, neuron {j}: inputs x = {where}": "층 {k}, 뉴런 {j}: 입력 x = {where}",
    "layer {k}, neuron {j}": "층 {k}, 뉴런 {j}",
    # draw_model
    "{n} more": "{n}개 더",
    "input ({n})": "입력 ({n})",
    "layer {k}: {n} × {activation}": "층 {k}: {n} × {activation}",
    "output: {n} × {activation}": "출력: {n} × {activation}",
    "line width ∝ |{what}| (widest: {widest})": "선 굵기 ∝ |{what}| (가장 굵은 선: {widest})",
    "neuron fill: bias": "뉴런 색: 편향",
    "neuron fill: bias grad": "뉴런 색: 편향의 grad",
    "(largest |·| {largest})": "(가장 큰 |·| {largest})",
}

_language = "en"


def set_language(language: str) -> None:
    """Draw every later picture in ``language``: "en" (English) or "ko" (Korean)."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"set_language: language must be one of {LANGUAGES}, got {language!r}")
    _language = language
    korean = language == "ko"
    if "matplotlib" in sys.modules or korean:
        _configure_matplotlib(korean)


def get_language() -> str:
    """The language pictures are drawn in: "en" or "ko"."""
    return _language


def tr(text: str, **values: object) -> str:
    """``text`` in the current language, with ``values`` filled in (``str.format``)."""
    if _language == "ko":
        text = KOREAN.get(text, text)
    return text.format(**values) if values else text


def korean_font_available() -> bool:
    """Whether matplotlib can draw Hangul, registering the system's Korean fonts if needed.

    matplotlib caches its font list when first imported; a font installed afterwards
    is missing from it until registered, which this does once.
    """
    from matplotlib import font_manager

    def known() -> bool:
        names = {font.name for font in font_manager.fontManager.ttflist}
        return any(name in names for name in KOREAN_FONTS)

    if not known():
        for path in font_manager.findSystemFonts():
            if any(part in path for part in ("NotoSansCJK", "Nanum")):
                font_manager.fontManager.addfont(path)
    return known()


def _configure_matplotlib(korean: bool) -> None:
    try:
        import matplotlib
    except ImportError:  # plots will say how to install it; diagrams need no matplotlib
        return
    fonts = []
    if korean and korean_font_available():
        from matplotlib import font_manager

        # Only fonts it has: matplotlib logs "font not found" for every missing name.
        installed = {font.name for font in font_manager.fontManager.ttflist}
        fonts = [name for name in KOREAN_FONTS if name in installed]
    matplotlib.rcParams["font.family"] = [*fonts, "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = not korean
