"""The alpha / width widget of 10: every setting, headless; PNG changes, no warning, cached fits."""
import warnings

import numpy as np
import pytest

pytest.importorskip("ipywidgets")
pytest.importorskip("sklearn")

from nbhelpers.widgets import regularization as r  # noqa: E402


@pytest.fixture(scope="module")
def wid():
    return r.regularization_explorer()


def _check_drawn(wid):
    img = np.asarray(wid.artists.image.get_array(), dtype=float)
    assert img.shape == (r.RESOLUTION, r.RESOLUTION)
    assert np.all(np.isfinite(img)) and img.min() >= 0 and img.max() <= 1
    train, test = wid.scores
    assert 0 <= train <= 1 and 0 <= test <= 1


@pytest.mark.parametrize("exponent", [r.ALPHA_EXPONENTS[0], -1.0, r.ALPHA_EXPONENTS[-1]])
def test_alpha_slider_redraws(wid, exponent):
    before = wid.live.png
    changed = not np.isclose(np.log10(wid.alpha.value), exponent)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        wid.alpha.value = 10.0 ** exponent
    _check_drawn(wid)
    if changed:
        assert wid.live.png != before


@pytest.mark.parametrize("hidden", [1, 32, 4])
def test_width_slider_redraws(wid, hidden):
    before = wid.live.png
    changed = wid.hidden.value != hidden
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        wid.hidden.value = hidden
    _check_drawn(wid)
    if changed:
        assert wid.live.png != before


def test_strong_penalty_underfits_and_weak_one_fits_the_training_set():
    _, train_weak, _ = r.fit_result(-5.0, 32)
    _, train_strong, _ = r.fit_result(1.0, 32)
    assert train_weak > 0.97 > train_strong


def test_fits_are_cached():
    assert r.fit_result(-1.0, 8) is r.fit_result(-1.0, 8)


def test_random_combinations(wid):
    rng = np.random.default_rng(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _ in range(20):
            wid.alpha.value = 10.0 ** r.ALPHA_EXPONENTS[rng.integers(len(r.ALPHA_EXPONENTS))]
            wid.hidden.value = r.WIDTHS[rng.integers(len(r.WIDTHS))]
            _check_drawn(wid)


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="alpha"):
        r.regularization_explorer(alpha=0.07)
    with pytest.raises(ValueError, match="hidden"):
        r.regularization_explorer(hidden=5)


def test_benchmark_cases_change_the_image():
    for name, factory, change in r._benchmark_cases():
        w = factory()
        before = w.live.png
        change(w)
        assert w.live.png != before, name
