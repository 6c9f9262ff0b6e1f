"""The plots of 10_vanishing_gradient and 11_training_in_practice: pure functions, figures returned."""
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


def test_validation_curve_stars_every_tied_best_and_says_so():
    star = lambda fig: next(l for l in fig.axes[0].lines if l.get_marker() == "*")
    fig = plot_validation_curve([1, 2, 4], [0.88, 0.9, 1.0], [0.86, 0.86, 0.86], log=False, xlabel="hidden units")
    assert len(star(fig).get_xdata()) == 3 and star(fig).get_label() == "best test: all 3 tied at 0.86"
    fig = plot_validation_curve([1, 2, 4, 8], [0.9] * 4, [0.8, 0.9, 0.9, 0.7], xlabel="width")
    assert star(fig).get_xdata().tolist() == [2.0, 4.0] and "tied" in star(fig).get_label()
    assert "2, 4" in star(fig).get_label()
    fig = plot_validation_curve([1, 2, 4, 8, 16], [0.9] * 5, [0.9, 0.9, 0.9, 0.9, 0.7], xlabel="width")
    assert star(fig).get_label() == "best test: 4 width values tied at 0.90"
    fig = plot_validation_curve([1, 2, 4], [0.9] * 3, [0.8, 0.95, 0.9], xlabel="width")
    assert star(fig).get_xdata().tolist() == [2.0] and star(fig).get_label() == "best test: width = 2"


def test_validation_curve_ticks_every_integer_setting_on_a_log_axis():
    fig = plot_validation_curve([1, 2, 4, 8, 16, 32], [0.9] * 6, [0.8] * 5 + [0.85], xlabel="hidden units")
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["1", "2", "4", "8", "16", "32"]


def test_an_identical_profile_is_drawn_dashed_over_the_one_it_repeats():
    fig = plot_gradient_profiles({"a": [1e-3, 1e-2], "b": [1e-3, 1e-2], "c": [1e-1, 1e-2], "d": [1e-1, 1e-2]})
    lines = fig.axes[0].lines
    assert lines[0].get_linestyle() == "-" and lines[1].get_linestyle() != "-"
    assert [l.get_label() for l in lines] == ["a", "b (same profile)", "c", "d (same as c)"]


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
