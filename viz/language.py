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
        "backward()는 먼저 출력에 out.grad = {grad}를 두고,"
    ),
    "then runs each op's local rule from the output back": (
        "출력에서 거꾸로 각 연산의 국소 규칙을 실행한다"
    ),
    # draw_model
    "{n} more": "{n}개 더",
    "inputs": "입력",
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
    if korean:
        korean_font_available()
    fonts = list(KOREAN_FONTS) if korean else []
    matplotlib.rcParams["font.family"] = [*fonts, "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = not korean
