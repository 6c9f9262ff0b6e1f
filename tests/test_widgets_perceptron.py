"""The w1 / w2 / threshold widget of 02_perceptron, driven headless."""
import warnings

import numpy as np
import pytest

pytest.importorskip("ipywidgets")

from nbhelpers.widgets.perceptron import GATES, GateWeights, _benchmark_cases, gate_weights

# The lecture's table (w1, w2, threshold), plus NAND and NOR as their negations.
LECTURE_WEIGHTS = {"AND": (1, 1, 1.5), "OR": (1, 1, 0.5), "NOT": (-1, 0, -0.5),
                   "NAND": (-1, -1, -1.5), "NOR": (-1, -1, -0.5)}


@pytest.mark.parametrize("gate", sorted(LECTURE_WEIGHTS))
def test_lecture_weights_get_all_four_rows_right(gate):
    w1, w2, t = LECTURE_WEIGHTS[gate]
    assert gate_weights(gate, w1, w2, t).n_right == 4


def test_no_slider_setting_computes_xor():
    wid = gate_weights("XOR")
    grid = np.arange(-2.0, 2.01, 0.25)
    targets = np.array([0, 1, 1, 0])
    best = 0
    for w1 in grid:
        for w2 in grid:
            for t in grid:
                # the artists alone, without the PNG: fast enough for 4 913 settings
                out = wid.artists.update("XOR", w1, w2, t)
                best = max(best, int(np.sum(out == targets)))
    assert best == 3


@pytest.mark.parametrize("name", ["w1", "w2", "threshold"])
def test_each_slider_at_its_ends_changes_the_png(name):
    wid = gate_weights("AND", 0.5, 0.5, 0.3)
    slider = getattr(wid, name)
    for end in (slider.min, slider.max):
        before = wid.live.png
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            slider.value = end
        assert wid.live.png != before


def test_gate_dropdown_changes_marks_and_png():
    wid = gate_weights("AND", 1, 1, 1.5)
    for gate in GATES[1:]:
        before = wid.live.png
        wid.gate.value = gate
        assert wid.live.png != before


def test_fifty_random_combinations_run_cleanly():
    wid = gate_weights()
    rng = np.random.default_rng(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _ in range(50):
            before = wid.live.png
            w1, w2, t = (float(v) for v in np.round(rng.uniform(-2, 2, 3), 1))
            changed = (w1, w2, t) != (wid.w1.value, wid.w2.value, wid.threshold.value)
            wid.set(gate=rng.choice(GATES).item(), w1=w1, w2=w2, threshold=t)
            if changed:
                assert wid.live.png != before
            xs, ys = wid.artists.line.get_data()
            assert np.all(np.isfinite(xs)) and np.all(np.isfinite(ys))
            assert 0 <= wid.n_right <= 4


def test_zero_weights_draw_no_line():
    wid = gate_weights("AND", 0, 0, 0.5)
    assert len(wid.artists.line.get_xdata()) == 0
    assert wid.n_right == 3  # output 0 everywhere: three AND rows are right


def test_unknown_gate_is_refused():
    with pytest.raises(ValueError, match="gate must be one of"):
        GateWeights(gate="XNOR")


def test_benchmark_case_changes_the_image():
    name, factory, change = _benchmark_cases()[0]
    wid = factory()
    before = wid.live.png
    change(wid, 7)
    assert name == "gate_weights" and wid.live.png != before
