"""The optimizer-paths widget of 10, headless: every slider moves the lines, no warning, one figure."""
import warnings

import numpy as np
import pytest

pytest.importorskip("ipywidgets")
pytest.importorskip("matplotlib")

from nbhelpers.widgets import optimizers as o  # noqa: E402


@pytest.fixture(scope="module")
def wid():
    return o.optimizer_paths()


def _line_data(wid):
    return {s: np.array(line.get_xydata()) for s, line in wid.artists.lines.items()}


def test_sliders_are_float_sliders(wid):
    import ipywidgets as w

    assert all(isinstance(c, w.FloatSlider) for c in (wid.lr, wid.momentum, wid.adam_lr))
    assert wid.live.png.startswith(b"\x89PNG")


@pytest.mark.parametrize("name, value, moved", [
    ("lr", 0.01, {"sgd", "momentum"}), ("momentum", 0.95, {"momentum"}), ("adam_lr", 0.3, {"adam"}),
    ("lr", 0.045, {"sgd", "momentum"}), ("momentum", 0.0, {"momentum"}),
])
def test_each_slider_moves_its_lines_in_place(wid, name, value, moved):
    fig, lines = wid.live.fig, dict(wid.artists.lines)
    before, png = _line_data(wid), wid.live.png
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        getattr(wid, name).value = value
    after = _line_data(wid)
    changed = {s for s in before if before[s].shape != after[s].shape or not np.array_equal(before[s], after[s])}
    assert changed == moved
    assert wid.live.png != png
    assert wid.live.fig is fig and wid.artists.lines == lines  # the same figure and artists, updated


def test_random_values_give_finite_drawn_data(wid):
    rng = np.random.default_rng(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _ in range(20):
            wid.lr.value = float(rng.uniform(wid.lr.min, wid.lr.max))
            wid.momentum.value = float(rng.uniform(wid.momentum.min, wid.momentum.max))
            wid.adam_lr.value = float(rng.uniform(wid.adam_lr.min, wid.adam_lr.max))
            for xy in _line_data(wid).values():
                assert len(xy) >= 1 and np.all(np.isfinite(xy))


def test_static_png_in_the_display_bundle(wid):
    bundle = wid._repr_mimebundle_()[0]
    assert "image/png" in bundle and "application/vnd.jupyter.widget-view+json" in bundle


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="lr"):
        o.optimizer_paths(lr=0.5)
    with pytest.raises(ValueError, match="momentum"):
        o.optimizer_paths(momentum=1.0)
