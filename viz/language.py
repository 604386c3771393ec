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
    "Play every step": "모든 단계 재생",
    "gradient flow": "그래디언트 흐름",
    "step {step} of {total}": "{total}단계 중 {step}단계",
    "Click a node to see how its gradient is made.": (
        "노드를 누르면 그 그래디언트가 어떻게 만들어지는지 보입니다."
    ),
    "role": "역할",
    "op": "연산",
    "none (a leaf)": "없음 (잎 노드)",
    "grad at step {step}": "{step}단계의 grad",
    "local derivatives of {op}": "{op}의 국소 도함수",
    "= {value} here (input {operand}: {input})": "= 여기서 {value} (입력 {operand}: {input})",
    "contributions received": "받은 기여",
    "none: nothing uses this node": "없음: 이 노드를 쓰는 곳이 없음",
    "sum: {sum}": "합: {sum}",
    "what if? inputs and parameters": "바꿔 보기: 입력과 매개변수",
    "What-if is off in this saved page: changing a value means running forward and "
    "backward again, which needs Python and the engine. Open the graph in Jupyter with "
    "viz.explore(...) to drag the inputs and parameters.": (
        "저장된 페이지에서는 바꿔 보기가 꺼져 있습니다. 값을 바꾸면 순전파와 역전파를 다시 "
        "계산해야 하는데, 그러려면 Python과 엔진이 필요합니다. 입력과 매개변수를 움직여 "
        "보려면 Jupyter에서 viz.explore(...)로 그래프를 여세요."
    ),
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
    from . import theme  # theme's legend reads `tr`: imported here, not at the top

    _language = language
    korean = language == "ko"
    theme.FONT = ",".join(KOREAN_FONTS) + ",sans-serif" if korean else theme.LATIN_FONT
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
