"""The 09_softmax widget: score sliders and a temperature over probability bars, driven headless."""
import warnings

import numpy as np
import pytest

pytest.importorskip("ipywidgets")

from nbhelpers.activations import softmax  # noqa: E402
from nbhelpers.widgets import softmax as softmax_widget  # noqa: E402


@pytest.fixture(scope="module")
def wid():
    return softmax_widget.softmax_bars()


def _heights(wid):
    return np.array([bar.get_height() for bar in wid.artists.bars])


def test_starts_at_the_lectures_cat_dog_horse_row(wid):
    assert np.round(wid.p, 2).tolist() == [0.71, 0.26, 0.04]
    assert wid.live.png.startswith(b"\x89PNG")
    assert "image/png" in wid._repr_mimebundle_()[0]  # (data, metadata): the metadata gives its displayed width


def test_every_control_end_changes_the_png_without_warnings(wid):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for c in (*wid.sliders, wid.temperature):
            start = c.value
            for end in (c.min, c.max) if c is not wid.temperature else (0.1, 10.0):
                before = wid.live.png
                c.value = end
                assert wid.live.png != before, f"{c.description} = {end} did not change the figure"
                assert np.all(np.isfinite(_heights(wid))) and _heights(wid).sum() == pytest.approx(1.0)
            c.value = start
        before = wid.live.png
        wid.show_sigmoid.value = not wid.show_sigmoid.value
        assert wid.live.png != before
        wid.show_sigmoid.value = True


def test_random_combinations_give_softmax_of_z_over_t(wid):
    rng = np.random.default_rng(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _ in range(50):
            z = rng.uniform(-10, 10, size=3).round(1)
            T = float(10 ** rng.uniform(-1, 1))
            before = wid.live.png
            wid.set_scores(z, T)
            assert wid.live.png != before
            expected = softmax(wid.z / wid.temperature.value)
            assert np.allclose(_heights(wid), expected)
            assert np.all(np.isfinite(wid.artists.sigmoid.get_ydata()))


def test_adding_a_constant_to_every_score_keeps_the_bars():
    w = softmax_widget.softmax_bars(z=(1.0, 2.0, 3.0))
    before = _heights(w)
    for s in w.sliders:
        s.value += 3.0
    assert np.allclose(_heights(w), before)


def test_benchmark_cases_move_the_main_control():
    (name, factory, move), = softmax_widget._benchmark_cases()
    w = factory()
    before = w.live.png
    move(w, 3)
    assert name and w.live.png != before


def test_bad_scores_are_rejected():
    with pytest.raises(ValueError, match="z must be 3 finite scores"):
        softmax_widget.softmax_bars(z=(1.0, 2.0))


def test_legend_drops_sigma_when_the_marks_are_hidden():
    """Notebook 09: unchecking the sigmoid marks used to leave sigma in the legend."""
    from nbhelpers.widgets.softmax import softmax_bars

    wid = softmax_bars()

    def entries():
        return [t.get_text() for t in wid.ax.get_legend().get_texts()]

    assert any("sigma" in t for t in entries())
    wid.show_sigmoid.value = False
    assert not any("sigma" in t for t in entries()) and len(entries()) == 1
    wid.show_sigmoid.value = True
    assert any("sigma" in t for t in entries())
