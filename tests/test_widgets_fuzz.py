"""Every control of the playground and the stepper across its range: no error, no warning, no nan.

pytest turns RuntimeWarning into errors (pyproject), and each case also fails on any
other warning, so a reader never sees one.
"""
import re
import warnings

import numpy as np
import pytest

pytest.importorskip("ipywidgets")

from nbhelpers.widgets import backprop_stepper, playground  # noqa: E402
from nbhelpers.widgets.playground import (  # noqa: E402
    ACTIVATIONS, ALPHAS, BATCHES, DATASETS, FEATURES, INITS, OUTPUTS, SPEEDS, format_state, parse_state,
)


def _assert_clean(pg):
    for name, value in pg.pictures().items():
        if isinstance(value, str):
            assert not re.search(r"\b(nan|inf)\b", value, re.I), f"{name} shows nan or inf"


def _ends(control):
    """The extreme values of a control (options for dropdowns and selection sliders)."""
    if hasattr(control, "options") and control.options:
        opts = control.options
        values = [o[1] if isinstance(o, tuple) else o for o in opts]
        return values
    if hasattr(control, "min") and hasattr(control, "max"):
        if type(control).__name__ == "FloatLogSlider":
            return [control.base ** control.min, control.base ** control.max]
        return [control.min, control.max]
    if isinstance(control.value, bool):
        return [True, False]
    return [0, 7]


def test_playground_every_control_at_its_ends():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pg = playground()
        for name, control in pg.controls.items():
            for value in _ends(control):
                control.value = value
                pg.step()
                _assert_clean(pg)
        pg.reset()
        _assert_clean(pg)


def test_playground_random_combinations():
    rng = np.random.default_rng(2024)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pg = playground()
        for i in range(120):
            n_feat = rng.integers(0, len(FEATURES) + 1)
            settings = dict(
                data=rng.choice(DATASETS), noise=rng.uniform(0, 1), test=rng.uniform(0.1, 0.9),
                dseed=int(rng.integers(0, 5)), features=tuple(rng.choice(FEATURES, n_feat, replace=False)),
                hidden=tuple(int(h) for h in rng.integers(1, 9, rng.integers(0, 5))),
                activation=rng.choice(ACTIVATIONS), output=rng.choice(list(OUTPUTS)), init=rng.choice(INITS),
                lr=float(10 ** rng.uniform(-4, 1)), batch=int(rng.choice(BATCHES)), alpha=float(rng.choice(ALPHAS)),
                momentum=rng.uniform(0, 0.95), anneal=rng.uniform(0.9, 1.0), seed=int(rng.integers(0, 3)),
                discretize=bool(rng.integers(0, 2)), speed=int(rng.choice(SPEEDS[:2])),
            )
            # a random subset of the settings, as a user changes a few controls at a time
            keys = rng.choice(list(settings), rng.integers(1, len(settings) + 1), replace=False)
            pg.set(**{k: settings[k] for k in keys})
            pg.step(int(rng.integers(0, 3)))
            _assert_clean(pg)
            assert format_state(parse_state(pg.state())) == pg.state()
            if i % 50 == 0:
                assert playground(state=pg.state()).state() == pg.state()


def test_stepper_every_control_and_button_sequence():
    rng = np.random.default_rng(7)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = backprop_stepper()
        actions = [s.forward, s.backward, s.apply_update, lambda: s.reset(), lambda: s.reset(new_weights=True)]
        for control in (s.w_net, s.w_act, s.w_lr, s.w_x1, s.w_x2, s.w_y):
            for value in _ends(control):
                control.value = value
                for act in actions:
                    act()
        for _ in range(80):
            what = rng.integers(0, 4)
            if what == 0:
                s.w_x1.value = float(np.round(rng.uniform(-2, 2), 1))
                s.w_lr.value = float(np.round(rng.uniform(0.05, 5), 2))
            elif what == 1:
                s.w_net.value = rng.choice(["2-2-1", "2-3-2-2"])
                s.w_act.value = rng.choice(["sigmoid", "tanh", "relu"])
            else:
                actions[rng.integers(0, len(actions))]()
            for a in s.cache["a"] + s.cache["z"] + s.back["delta"]:
                assert np.isfinite(a).all()
