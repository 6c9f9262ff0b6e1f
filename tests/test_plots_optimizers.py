"""The figures of the optimizer paths on the valley (notebook 11) and of the spread of signals through depth (notebook 10)."""
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


def test_depth_scale_figure():
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    from nbhelpers.plots import depth_scale as ds

    from nbhelpers.depth_scale import depth_spreads

    fig = ds.plot_depth_scale(depth_spreads(depth=3, width=8, n=16))
    assert len(fig.axes) == 4 and all(ax.get_yscale() == "log" for ax in fig.axes)
    plt.close(fig)
