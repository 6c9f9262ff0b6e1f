"""The capacity explorer of 05_multilayer_networks, driven headless (with short training)."""
import warnings

import numpy as np
import pytest
from _widget_helpers import set_controls as _set

pytest.importorskip("ipywidgets")

from nbhelpers.widgets import capacity
from nbhelpers.widgets.capacity import DATASETS, LAYERS, UNITS, CapacityExplorer, _benchmark_cases


@pytest.fixture(autouse=True)
def short_training(monkeypatch):
    monkeypatch.setattr(capacity, "EPOCHS", 40)


def _assert_clean(w):
    assert np.all(np.isfinite(w.image.get_array()))
    for s in w.scatters:
        assert np.all(np.isfinite(s.get_offsets()))
    assert w.live.png[:8] == b"\x89PNG\r\n\x1a\n"


def test_each_control_changes_the_picture():
    w = CapacityExplorer("spiral", 1)
    for control, value in [(w.units, UNITS[-1]), (w.layers, "2 hidden layers"), (w.data, "moons")]:
        before = w.live.png
        control.value = value
        _assert_clean(w)
        assert w.live.png != before


def test_data_sets_move_the_points_and_the_extent():
    w = CapacityExplorer("XOR", 2)
    for name in DATASETS:
        w.data.value = name
        X, y, bounds = capacity.load(name)
        _assert_clean(w)
        assert tuple(w.image.get_extent()) == pytest.approx(bounds)
        assert sum(len(s.get_offsets()) for s in w.scatters) == len(X)


def test_settings_are_trained_once_and_cached():
    w = CapacityExplorer("moons", 2)
    first = w.result()
    w.units.value = 4
    w.units.value = 2
    assert w.result() is first


def test_more_units_fit_xor_better_than_one():
    X, y, _ = capacity.load("XOR")
    one = capacity.train(X, y, 1, 1, epochs=300).score(X, y)
    four = capacity.train(X, y, 4, 1, epochs=300).score(X, y)
    assert four > one and four > 0.95


def test_random_settings_raise_no_warning_and_plot_no_nan():
    rng = np.random.default_rng(0)
    w = CapacityExplorer("spiral", 3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for units in (UNITS[0], UNITS[-1]):
            w.units.value = units
            _assert_clean(w)
        for _ in range(50):
            _set(w, [(w.data, DATASETS[rng.integers(len(DATASETS))]), (w.units, UNITS[rng.integers(len(UNITS))]),
                     (w.layers, list(LAYERS)[rng.integers(2)])])
            _assert_clean(w)


@pytest.mark.parametrize("kwargs, match", [(dict(data="blobs"), "data must be one of"),
                                           (dict(hidden_units=5), "hidden_units must be one of"),
                                           (dict(n_layers=3), "n_layers must be 1 or 2")])
def test_bad_arguments_are_refused(kwargs, match):
    with pytest.raises(ValueError, match=match):
        CapacityExplorer(**kwargs)


def test_benchmark_case_changes_the_picture():
    for name, factory, change in _benchmark_cases():
        w = factory()
        before = w.live.png
        change(w)
        assert w.live.png != before, name


def test_only_one_decision_boundary_after_changes():
    """The boundary plot_decision_surface drew at first is replaced, not left behind (it was, stale)."""
    from matplotlib.contour import ContourSet

    w = CapacityExplorer("spiral", 3)
    for control, value in [(w.data, "moons"), (w.units, UNITS[-1]), (w.data, "XOR")]:
        control.value = value
        assert sum(isinstance(c, ContourSet) for c in w.ax.collections) <= 1
