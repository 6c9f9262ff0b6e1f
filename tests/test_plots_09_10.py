"""The plots of 09_vanishing_gradient and 10_training_in_practice: pure functions, figures returned."""
import numpy as np
import pytest

mpl = pytest.importorskip("matplotlib")
mpl.use("Agg")

from nbhelpers.plots.regularization import SurfaceArtists, plot_validation_curve  # noqa: E402
from nbhelpers.plots.vanishing import (  # noqa: E402
    VanishingArtists, plot_gradient_profiles, plot_loss_curves, plot_remedy)
from nbhelpers.widgets._base import new_figure  # noqa: E402


def test_gradient_profiles_one_line_per_run_on_a_log_axis():
    fig = plot_gradient_profiles({"a": [1e-6, 1e-3, 1e-1], "b": [1e-2, 0.0, np.nan]})
    ax = fig.axes[0]
    assert ax.get_yscale() == "log" and len(ax.lines) == 2
    assert ax.get_ylim()[0] > 0


def test_loss_curves_mark_a_diverged_run():
    fig = plot_loss_curves({"ok": [1.0, 0.5], "diverged": [1.0, 3.0, np.inf]})
    labels = [l.get_label() for l in fig.axes[0].lines]
    assert "ok" in labels and "diverged" in labels
    assert len(fig.axes[0].lines) == 3  # the cross at the last finite value


def test_remedy_has_two_panels_and_a_loss_limit():
    fig = plot_remedy({"a": [1.0, 2.0]}, {"a": [1.0, 0.5]}, title="t", ylim=(0, 2))
    assert len(fig.axes) == 2 and fig.axes[1].get_ylim() == (0, 2)


@pytest.mark.parametrize("bad", [{}, {"a": []}, [1, 2]])
def test_bad_runs_are_rejected(bad):
    with pytest.raises((TypeError, ValueError)):
        plot_gradient_profiles(bad)


def test_validation_curve_marks_the_best_test_score():
    fig = plot_validation_curve([1e-3, 1e-1, 10.0], [1.0, 0.9, 0.7], [0.8, 0.92, 0.7])
    labels = [l.get_label() for l in fig.axes[0].lines]
    assert any("0.1" in s for s in labels)
    with pytest.raises(ValueError):
        plot_validation_curve([0.0, 1.0], [1, 1], [1, 1])
    with pytest.raises(ValueError):
        plot_validation_curve([1.0, 2.0], [1, 1], [1])


def test_vanishing_artists_update_in_place():
    fig = new_figure()
    a1, a2 = fig.subplots(1, 2)
    art = VanishingArtists(a1, a2)
    art.update([1e-5, 1e-3, 1e-1], [np.nan, 1e-3, 1e-2], [0.7, 0.5, np.nan], summary="s")
    assert len(art.start.get_xdata()) == 3
    assert len(art.cross.get_xdata()) == 1
    fig.canvas.draw()


def test_surface_artists_redraw_the_contour():
    fig = new_figure()
    ax = fig.add_subplot()
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 1])
    art = SurfaceArtists(ax, X, y, X, y, (-1, 2, -1, 2), 20)
    xx = np.linspace(0, 1, 20)
    art.update(np.tile(xx, (20, 1)), text="t")
    assert art.contour is not None
    art.update(np.full((20, 20), 0.2))
    assert art.contour is None
    fig.canvas.draw()
