"""The activation explorer of 04_activation_functions, driven headless."""
import warnings

import numpy as np
import pytest
from _widget_helpers import set_controls as _set

pytest.importorskip("ipywidgets")

from nbhelpers.widgets.activation import CHOICES, ActivationExplorer, _benchmark_cases, activation_explorer


def _plotted(w):
    return [line.get_ydata() for line in (w.f_line, w.df_line, w.fd_line)]


def _assert_clean(w):
    for y in _plotted(w):
        assert np.all(np.isfinite(y))
    assert w.live.png[:8] == b"\x89PNG\r\n\x1a\n"


def test_every_activation_draws_and_changes_the_png():
    w = activation_explorer("sigmoid")
    seen = {w.live.png}
    for name in CHOICES:
        if name == "sigmoid":
            continue
        w.dropdown.value = name
        _assert_clean(w)
        assert w.live.png not in seen, f"{name} drew the same picture as an earlier activation"
        seen.add(w.live.png)


@pytest.mark.parametrize("name", [n for n, spec in CHOICES.items() if spec[1] is not None])
def test_parameter_slider_ends_change_the_curve(name):
    w = ActivationExplorer(name)
    assert not w.param.disabled
    w.param.value = w.param.min
    low = [y.copy() for y in _plotted(w)]
    png_low = w.live.png
    w.param.value = w.param.max
    _assert_clean(w)
    assert w.live.png != png_low
    assert any(not np.allclose(a, b) for a, b in zip(low, _plotted(w)))


def test_parameter_slider_is_disabled_without_a_parameter():
    w = ActivationExplorer("tanh")
    assert w.param.disabled
    w.dropdown.value = "ELU"
    assert not w.param.disabled and w.param.value == 1.0
    w.dropdown.value = "maxout"
    assert (w.param.min, w.param.max, w.param.value) == (1, 4, 3)


def test_finite_difference_matches_the_formula_away_from_kinks():
    w = ActivationExplorer("sigmoid", h=1e-5)
    f_z, df_z, fd, title = w.data()
    assert np.max(np.abs(fd - df_z[::10])) < 1e-8
    assert "largest" in title


def test_relu_finite_difference_at_the_kink_is_the_average_slope():
    w = ActivationExplorer("relu")
    _, _, fd, title = w.data()
    assert fd[len(fd) // 2] == pytest.approx(0.5)
    assert "z = 0.00" in title


def test_random_settings_raise_no_warning_and_plot_no_nan():
    rng = np.random.default_rng(0)
    w = ActivationExplorer("sigmoid")
    names = list(CHOICES)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for h in (w.h.min, w.h.max):
            w.h.value = 10.0 ** h
            _assert_clean(w)
        for _ in range(50):
            _set(w, [(w.dropdown, names[rng.integers(len(names))])])
            pairs = [(w.h, float(10.0 ** rng.uniform(-5, 0)))]
            if not w.param.disabled:
                pairs.append((w.param, float(rng.uniform(w.param.min, w.param.max))))
            _set(w, pairs)
            _assert_clean(w)


def test_unknown_activation_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="activation must be one of"):
        ActivationExplorer("sigmod")


def test_benchmark_cases_change_the_picture():
    for name, factory, change in _benchmark_cases():
        w = factory()
        before = w.live.png
        change(w)
        assert w.live.png != before, name


def test_a_new_activation_reaches_the_parameter_slider_in_one_message():
    # sent key by key, the front end would clamp the value to a passing range and send it back
    ipywidgets = pytest.importorskip("ipywidgets")
    if int(ipywidgets.__version__.split(".")[0]) < 8:
        pytest.skip("ipywidgets 7 takes only a kernel Comm")
    wid = activation_explorer("sigmoid")
    sent = []

    class Comm:
        kernel, comm_id = object(), "test"

        def send(self, data=None, buffers=None, **_):
            sent.append(data)

        def on_msg(self, *_):
            pass

        def close(self, *_, **__):
            pass

    wid.param.comm = Comm()
    for name in ("ELU", "maxout", "tanh", "leaky ReLU"):
        sent.clear()
        wid.dropdown.value = name
        assert len(sent) == 1, (name, sent)
        state = sent[0]["state"]
        if name != "tanh":
            assert {"min", "max", "step", "value"} <= set(state), (name, state)
            assert state["min"] <= state["value"] <= state["max"]
