"""The theta-sliders widget of 01_logistic_neuron, driven headless."""
import warnings

import numpy as np
import pytest

pytest.importorskip("ipywidgets")

from nbhelpers.widgets.boundary import ThetaBoundary, _benchmark_cases, boundary_points, theta_boundary


def _surface(wid):
    return np.asarray(wid.artists.surface.get_array(), dtype=float)


def test_default_theta_is_the_unit_circle_and_gets_every_point_right():
    wid = theta_boundary()
    assert wid.theta.tolist() == [-1.0, 0.0, 0.0, 1.0, 1.0]
    assert wid.accuracy == 1.0
    assert wid.live.png.startswith(b"\x89PNG")


def test_mimebundle_carries_a_static_png_and_the_widget_view():
    bundle = theta_boundary()._repr_mimebundle_()[0]
    assert "image/png" in bundle and "application/vnd.jupyter.widget-view+json" in bundle


@pytest.mark.parametrize("index", range(5))
def test_each_slider_at_its_ends_changes_the_png(index):
    wid = theta_boundary()
    for end in (wid.sliders[index].min, wid.sliders[index].max):
        before = wid.live.png
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            wid.sliders[index].value = end
        assert wid.live.png != before
        assert np.all(np.isfinite(_surface(wid)))


def test_data_dropdown_and_preset_give_a_perfect_line():
    wid = theta_boundary()
    wid.data.value = "line"
    assert wid.accuracy < 1.0  # the circle's theta does not fit points split by a line
    before = wid.live.png
    wid.set_preset()
    assert wid.theta.tolist() == [-1.0, 1.0, 1.0, 0.0, 0.0]
    assert wid.accuracy == 1.0
    assert wid.live.png != before


def test_all_zero_theta_draws_no_boundary_and_no_warning():
    wid = theta_boundary()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for s in wid.sliders:
            s.value = 0.0
    assert wid.artists.contour is None
    assert np.allclose(_surface(wid), 0.5)


def test_fifty_random_combinations_run_cleanly():
    wid = theta_boundary()
    rng = np.random.default_rng(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _ in range(50):
            if rng.random() < 0.2:
                wid.data.value = rng.choice(["circle", "line"]).item()
            before = wid.live.png
            wid.set_theta(np.round(rng.uniform(-3, 3, 5), 1))
            assert wid.live.png != before
            assert np.all(np.isfinite(_surface(wid)))
            assert 0.0 <= wid.accuracy <= 1.0


def test_bad_arguments_are_refused_with_clear_messages():
    with pytest.raises(ValueError, match="theta must have 5 entries"):
        ThetaBoundary(theta=(1, 2, 3))
    with pytest.raises(ValueError, match="data must be one of"):
        boundary_points("square")


def test_benchmark_case_changes_the_image():
    name, factory, change = _benchmark_cases()[0]
    wid = factory()
    before = wid.live.png
    change(wid, 3)
    assert name == "theta_boundary" and wid.live.png != before
