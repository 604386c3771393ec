"""Pictures in Korean: words translated, and every glyph drawn by a font that has it."""

from __future__ import annotations

import io
import shutil
import warnings

import matplotlib
import pytest

import viz
from autograd import Value
from viz.language import KOREAN, korean_font_available, tr

HANGUL = range(0xAC00, 0xD7A4)


def has_hangul(text: str) -> bool:
    return any(ord(ch) in HANGUL for ch in text)


@pytest.fixture
def korean():
    viz.set_language("ko")
    yield
    viz.set_language("en")


needs_font = pytest.mark.skipif(
    not korean_font_available(),
    reason="no Korean font (make test installs Debian's fonts-noto-cjk)",
)


def render_png(figure) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns on a glyph missing from the font
        figure.savefig(buffer, format="png")
    return buffer.getvalue()


def test_words_translate_and_fall_back_to_english(korean):
    assert tr("loss") == "손실" and tr("not in the table") == "not in the table"
    assert tr("class {names}", names="0, 1") == "클래스 0, 1"
    viz.set_language("en")
    assert tr("loss") == "loss" and viz.get_language() == "en"


def test_every_korean_entry_has_hangul_and_the_same_placeholders():
    import string

    for english, korean_text in KOREAN.items():
        assert has_hangul(korean_text) or english.startswith("|grad|"), english
        fields = {f for _, f, _, _ in string.Formatter().parse(english) if f}
        assert fields == {f for _, f, _, _ in string.Formatter().parse(korean_text) if f}


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="set_language.*'fr'"):
        viz.set_language("fr")
    assert viz.get_language() == "en"


@needs_font
def test_a_korean_plot_renders_every_glyph(korean):
    figure = viz.plot_history({"loss": [1.0, 0.5, 0.25], "accuracy": [0.5, 0.75, 1.0]})
    titles = [ax.get_title() for ax in figure.axes] + [ax.get_xlabel() for ax in figure.axes]
    assert all(has_hangul(t) for t in titles), titles
    assert matplotlib.rcParams["axes.unicode_minus"] is False
    assert render_png(figure)[:8] == b"\x89PNG\r\n\x1a\n"


@needs_font
def test_the_glyph_check_catches_a_font_without_hangul():
    figure = viz.plot_history({"loss": [1.0, 0.5]})
    figure.axes[0].set_title("손실")
    figure.axes[0].title.set_fontfamily("DejaVu Sans")  # no Hangul in this font
    with pytest.raises(UserWarning, match="[Gg]lyph"):
        render_png(figure)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
@needs_font
def test_a_korean_diagram_names_its_roles_in_korean_with_a_korean_font(korean):
    a, b = Value(2.0, "a"), Value(-3.0, "b")
    svg = viz.draw_dot(a * b + 1.0).pipe(format="svg").decode()
    assert "입력" in svg and "출력" in svg and "상수" in svg
    assert "Noto Sans CJK KR" in svg


def test_a_korean_saved_explorer_speaks_korean(korean, tmp_path):
    from viz.explorer.words import FRONT_END_WORDS

    a, b = Value(2.0, "a"), Value(-3.0, "b")
    page = viz.save_html(a * b + 1.0, tmp_path / "page.html").read_text(encoding="utf-8")
    assert "이전" in page and "바꿔 보기" in page and "국소 도함수" in page
    assert all(word in KOREAN for word in FRONT_END_WORDS), "a front-end word without Korean"


def test_an_english_saved_explorer_sends_no_words(tmp_path):
    a = Value(2.0, "a")
    page = viz.save_html(a * 3.0, tmp_path / "page.html").read_text(encoding="utf-8")
    assert '"words": {}' in page and "이전" not in page
