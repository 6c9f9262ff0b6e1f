"""The learning-rate widget of 06, headless: each slider retrains and redraws in place; the edge of divergence shows."""
import warnings

import numpy as np
import pytest

pytest.importorskip("ipywidgets")
pytest.importorskip("matplotlib")

from nbhelpers.plots.learning_rate import describe_run  # noqa: E402
from nbhelpers.widgets import learning_rate as lrw  # noqa: E402


@pytest.fixture(scope="module")
def wid():
    return lrw.learning_rate_edge()


def _title(wid):
    return wid.live.fig._suptitle.get_text()


def _set(wid, lr, anneal):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        wid.lr.value = lr
        wid.anneal.value = anneal


def test_starts_at_a_good_rate_with_the_fit_drawn(wid):
    assert wid.live.png.startswith(b"\x89PNG")
    assert "rose in 0 of 100 epochs" in _title(wid)
    assert len(wid.artists.fit.get_xdata()) == 200 and not wid.artists.plain.get_visible()


def test_a_large_rate_diverges_with_a_cross_and_no_fit(wid):
    fig, line, png = wid.live.fig, wid.artists.loss, wid.live.png
    _set(wid, 10.0, 1.0)
    assert _title(wid).startswith("\u03b7 = 10, anneal 1.000: diverged")
    assert len(wid.artists.cross.get_xdata()) == 1 and len(wid.artists.fit.get_xdata()) == 0
    assert np.isfinite(wid.artists.loss.get_ydata()).all()
    assert wid.live.fig is fig and wid.artists.loss is line and wid.live.png != png  # redrawn in place


def test_annealing_shows_the_run_without_it_and_tames_an_oscillating_rate(wid):
    _set(wid, 1.0, 0.99)
    assert wid.artists.plain.get_visible()
    labels = [t.get_text() for t in wid.artists.ax_loss.get_legend().get_texts()]
    assert labels == ["this rate", "same rate, no annealing"]
    annealed, plain = wid.artists.loss.get_ydata(), wid.artists.plain.get_ydata()
    assert annealed[-1] < plain[-1] / 5  # the claim of notebook 06's text
    _set(wid, 1.0, 1.0)
    assert not wid.artists.plain.get_visible()
    assert [t.get_text() for t in wid.artists.ax_loss.get_legend().get_texts()] == ["this rate"]


def test_random_settings_draw_finite_data_without_warnings(wid):
    rng = np.random.default_rng(0)
    for _ in range(12):
        _set(wid, float(10 ** rng.uniform(-2, np.log10(20))), float(rng.choice([1.0, 0.99, 0.95, 0.9])))
        for line in (wid.artists.loss, wid.artists.plain, wid.artists.fit):
            assert np.isfinite(np.asarray(line.get_ydata(), dtype=float)).all()


@pytest.mark.parametrize("kwargs, word", [({"lr": 0.0}, "lr"), ({"lr": 50}, "lr"), ({"anneal": 1.5}, "anneal"),
                                          ({"lr": "fast"}, "lr")])
def test_bad_settings_name_the_parameter(kwargs, word):
    with pytest.raises((TypeError, ValueError), match=word):
        lrw.learning_rate_edge(**kwargs)


def test_describe_run():
    assert describe_run([1.0, 0.5, 0.6, 0.2], False) == "the loss rose in 1 of 4 epochs and ended at 0.2"
    assert describe_run([1.0, 1e12, np.inf], True) == "diverged: the loss passed 1e10 in epoch 2 and overflowed after epoch 3"
