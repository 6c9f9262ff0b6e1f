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
    bundle = wid._repr_mimebundle_()[0]
    assert "image/png" in bundle and "application/vnd.jupyter.widget-view+json" in bundle


def test_experiment_is_the_mlp_run_and_is_cached():
    from nbhelpers.mlp import MLP

    X, y = v.vanishing_data()
    r = v.experiment(depth=8, activation="sigmoid", init="xavier", epochs=150)
    net = MLP(hidden=(v.WIDTH,) * 8, activation="sigmoid", init="xavier", loss="binary_cross_entropy", lr=v.LR,
              epochs=150, random_state=0).fit(X, y)
    assert np.allclose(r["loss_curve"], net.loss_curve_, rtol=0, atol=1e-12)
    assert np.allclose(r["norms_end"], net.grad_norms_[-1], rtol=1e-9)
    assert r["accuracy"] == net.score(X, y)
    # a setting met again is not trained again, and nobody can change the shared result
    assert v.experiment(depth=8, activation="sigmoid", init="xavier", epochs=150) is r
    with pytest.raises(ValueError):
        r["loss_curve"][0] = 0.0


def test_layout_is_frozen_and_labels_stay_inside(wid):
    wid.depth.value, wid.activation.value, wid.init.value = 12, "leaky_relu", "uniform"
    wid.batch_norm.value = wid.residual.value = wid.clip.value = True
    fig = wid.live.fig
    assert fig.get_layout_engine() is None or type(fig.get_layout_engine()).__name__ == "PlaceHolderLayoutEngine"
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    for loss_top in (None, 1.2e-3):  # as drawn, and with the widest loss tick labels (0.0000 ... 0.0012)
        if loss_top:
            wid.artists.ax_loss.set_yscale("linear")
            wid.artists.ax_loss.set_ylim(0, loss_top)
        fig.canvas.draw()
        for ax in fig.axes:
            box = ax.get_tightbbox(renderer)
            assert box.x0 >= -1 and box.y0 >= -1 and box.x1 <= width + 1 and box.y1 <= height + 1
            labels = [t.get_window_extent(renderer) for t in ax.get_yticklabels() if t.get_text()]
            assert ax.yaxis.label.get_window_extent(renderer).x1 <= min(t.x0 for t in labels) + 1
        left, right = (ax.title.get_window_extent(renderer) for ax in fig.axes)
        assert left.x1 <= right.x0  # the titles do not run into each other
    wid.depth.value, wid.activation.value, wid.init.value = 8, "sigmoid", "xavier"
    wid.batch_norm.value = wid.residual.value = wid.clip.value = False


def test_the_legend_sits_below_the_profile_and_the_whole_loss_curve_shows(wid):
    wid.depth.value, wid.activation.value, wid.init.value = 8, "sigmoid", "xavier"
    wid.batch_norm.value = wid.residual.value = wid.clip.value = False
    legend = wid.artists.ax_norms.get_legend()
    assert legend.get_bbox_to_anchor().y0 < wid.artists.ax_norms.bbox.y0     # under the axes, off the points
    curve = np.asarray(wid.result["loss_curve"])
    low, high = wid.artists.ax_loss.get_ylim()
    assert high >= np.nanmax(curve) and low <= np.nanmin(curve)
