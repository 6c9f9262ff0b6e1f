"""The 08_regression widget: ten weight sliders over SIN/ABS, driven headless."""
import warnings

import numpy as np
import pytest

pytest.importorskip("ipywidgets")

from nbhelpers.widgets import regression  # noqa: E402


@pytest.fixture(scope="module")
def wid():
    return regression.unit_sliders("SIN")


def _finite_lines(wid):
    lines = [*wid.artists.parts, wid.artists.bias, wid.artists.total]
    return all(np.all(np.isfinite(line.get_ydata())) for line in lines)


def test_starts_at_the_trained_network_and_shows_a_png(wid):
    _, _, net = regression.blog_network("SIN")
    assert wid.live.png.startswith(b"\x89PNG")
    assert wid.r2 == pytest.approx(net.score(wid.X, wid.y), abs=0.01)  # sliders round to 0.01
    bundle = wid._repr_mimebundle_()[0]
    assert {"image/png", "application/vnd.jupyter.widget-view+json"} <= set(bundle)


def test_curve_is_the_sum_of_the_pieces(wid):
    parts = np.column_stack([line.get_ydata() for line in wid.artists.parts])
    total = wid.artists.total.get_ydata()
    assert np.allclose(parts.sum(axis=1) + wid.b_out.value, total)


def test_every_slider_end_changes_the_png_without_warnings(wid):
    wid.set_trained()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for s in wid.sliders:
            start = s.value
            for end in (s.min, s.max):
                before = wid.live.png
                s.value = end
                assert wid.live.png != before, f"{s.description} = {end} did not change the figure"
                assert _finite_lines(wid) and np.isfinite(wid.r2)
            s.value = start


def test_random_weight_combinations_draw_finite_curves(wid):
    rng = np.random.default_rng(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _ in range(50):
            values = [rng.uniform(s.min, s.max) for s in wid.sliders]

            def set_all():
                for s, v in zip(wid.sliders, values):
                    s.value = v

            wid._hold(set_all)
            before = wid.live.png
            wid.update()
            assert wid.live.png != before
            assert _finite_lines(wid) and np.isfinite(wid.r2)


def test_switching_data_resets_to_that_data_sets_trained_weights(wid):
    wid.data.value = "ABS"
    _, _, net = regression.blog_network("ABS")
    assert wid.w_out[1].value == pytest.approx(net.coefs_[1][1, 0], abs=0.006)
    assert wid.r2 > 0.85
    wid.w_out[0].value = 0.0
    wid.set_trained()
    assert wid.r2 > 0.85
    wid.data.value = "SIN"
    assert wid.r2 > 0.7


def test_benchmark_cases_move_the_main_control():
    (name, factory, move), = regression._benchmark_cases()
    w = factory()
    before = w.live.png
    move(w, 3)
    assert name and w.live.png != before


def test_given_networks_are_used_instead_of_training():
    _, _, net = regression.blog_network("ABS")
    w = regression.unit_sliders("ABS", nets={"ABS": net})
    assert w._network("ABS")[2] is net
    assert w.w_in[0].value == pytest.approx(net.coefs_[0][0, 0], abs=0.006)
    with pytest.raises(ValueError, match="nets must map"):
        regression.unit_sliders("SIN", nets={"SIN": object()})


def test_unknown_data_set_is_rejected():
    with pytest.raises(ValueError, match="kind must be one of"):
        regression.unit_sliders("COS")
