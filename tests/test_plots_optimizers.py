"""The figures of notebook 11's experiments: the optimizer paths on the valley, the spread of signals through depth."""
import pytest

from nbhelpers.plots import optimizer_paths as op


def test_figure_has_contours_and_three_paths():
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    fig = op.plot_optimizer_paths(steps=20)
    ax = fig.axes[0]
    labels = [line.get_label() for line in ax.get_lines()]
    assert {"gradient descent", "momentum", "Adam"} <= set(labels)
    assert ax.collections  # the contour lines
    plt.close(fig)


def test_depth_scale_scaled_init_keeps_the_spread_and_the_others_do_not():
    from nbhelpers.plots import depth_scale as ds

    spreads = ds.depth_spreads()
    for act in ("tanh", "relu"):
        fwd, bwd = spreads[act]["scaled"]
        assert 1 / 3.1 < fwd[-1] / fwd[0] < 1 and 1 / 3.1 < bwd[0] / bwd[-1] < 1
        small_fwd, small_bwd = spreads[act]["too small: N(0, 0.05²)"]
        assert small_fwd[-1] / small_fwd[0] < 1e-3 and small_bwd[0] / small_bwd[-1] < 1e-3
    tanh_fwd, tanh_bwd = spreads["tanh"]["too large: N(0, 1)"]
    assert (tanh_fwd > 0.9).all() and tanh_bwd[0] / tanh_bwd[-1] > 100  # saturated, yet the signal grows back
    relu_fwd, relu_bwd = spreads["relu"]["too large: N(0, 1)"]
    assert relu_fwd[-1] / relu_fwd[0] > 1e5 and relu_bwd[0] / relu_bwd[-1] > 1e5


def test_depth_scale_figure():
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    from nbhelpers.plots import depth_scale as ds

    fig = ds.plot_depth_scale(ds.depth_spreads(depth=3, width=8, n=16))
    assert len(fig.axes) == 4 and all(ax.get_yscale() == "log" for ax in fig.axes)
    plt.close(fig)
