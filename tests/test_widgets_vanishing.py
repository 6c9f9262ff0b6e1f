"""The vanishing-gradient widget of 09: every switch, headless; PNG changes, no warning, no nan drawn."""
import warnings

import numpy as np
import pytest

pytest.importorskip("ipywidgets")
pytest.importorskip("matplotlib")

from nbhelpers.widgets import vanishing as v  # noqa: E402


@pytest.fixture(scope="module")
def wid():
    return v.vanishing_gradient()


def _drawn_finite(wid):
    """The plotted line data contain no nan or inf (a log axis shows nan as a gap: those are replaced)."""
    a = wid.artists
    for line in (a.loss,):
        y = np.asarray(line.get_ydata(), dtype=float)
        assert np.all(np.isfinite(y))
    x, y = a.start.get_data()
    assert len(x) == wid.depth.value + 1


def test_starts_with_a_vanishing_sigmoid_profile(wid):
    r = wid.result
    assert r["norms_start"][0] / r["norms_start"][-1] < 1e-3
    assert wid.live.png.startswith(b"\x89PNG")


@pytest.mark.parametrize("name, value", [
    ("activation", "relu"), ("activation", "leaky_relu"), ("activation", "tanh"), ("activation", "sigmoid"),
    ("init", 0.1), ("init", "uniform"), ("init", "he"), ("init", 1.0), ("init", "xavier"),
    ("depth", 1), ("depth", 12), ("depth", 8),
    ("batch_norm", True), ("batch_norm", False), ("residual", True), ("residual", False),
    ("clip", True), ("clip", False),
])
def test_each_control_redraws(wid, name, value):
    before = wid.live.png
    control = getattr(wid, name)
    changed = control.value != value
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        control.value = value
    _drawn_finite(wid)
    if changed:
        assert wid.live.png != before


def test_relu_flattens_the_profile():
    r_sig = v.experiment(activation="sigmoid", init="xavier", epochs=1)
    r_relu = v.experiment(activation="relu", init="he", epochs=1)
    ratio = lambda r: r["norms_start"][0] / r["norms_start"][-1]
    assert ratio(r_relu) > 100 * ratio(r_sig)


def test_random_combinations_give_no_warning_and_no_nan(wid):
    rng = np.random.default_rng(0)
    inits = [val for _, val in v.INITS]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _ in range(25):
            wid.depth.value = int(rng.integers(1, 13))
            wid.activation.value = v.ACTIVATIONS[rng.integers(len(v.ACTIVATIONS))]
            wid.init.value = inits[rng.integers(len(inits))]
            wid.batch_norm.value = bool(rng.integers(2))
            wid.residual.value = bool(rng.integers(2))
            wid.clip.value = bool(rng.integers(2))
            wid.update()
            _drawn_finite(wid)


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="activation"):
        v.vanishing_gradient(activation="sigmod")
    with pytest.raises(ValueError, match="init"):
        v.vanishing_gradient(init=0.5)


def test_benchmark_cases_change_the_image():
    for name, factory, change in v._benchmark_cases():
        w = factory()
        before = w.live.png
        change(w)
        assert w.live.png != before, name


def test_static_png_in_the_display_bundle(wid):
    bundle = wid._repr_mimebundle_()
    assert "image/png" in bundle and "application/vnd.jupyter.widget-view+json" in bundle
