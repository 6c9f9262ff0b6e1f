"""The playground, driven headless: settings, state strings, training, divergence, pictures, diagram."""
import io
import re
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("ipywidgets")

from nbhelpers.widgets import playground  # noqa: E402
from nbhelpers.widgets.playground import DATASETS, GRID, parse_state  # noqa: E402


def assert_clean(pg):
    """Every picture on the page: PNGs that decode, SVG text without nan or inf."""
    from PIL import Image

    for name, value in pg.pictures().items():
        if isinstance(value, bytes):
            if value:
                Image.open(io.BytesIO(value)).load()
        else:
            assert not re.search(r"\b(nan|inf)\b", value, re.I), f"{name} shows nan or inf"

# Configurations a teacher might hand out; they double as fixtures.
STATES = [
    "data=XOR,x=x1+x2,hidden=4-2,act=tanh,out=sigmoid+CE,lr=0.1,batch=8,seed=0",
    "data=circles,x=x1^2+x2^2,hidden=0,out=sigmoid+SE,lr=0.5,batch=all",
    "data=spiral,x=x1+x2+sinx1+sinx2,hidden=8-8,act=relu,init=he,lr=0.03,batch=16,alpha=0.001,momentum=0.9",
    "data=blobs3,hidden=3,act=sigmoid,lr=1,anneal=0.99",
    "data=SIN,hidden=3,act=tanh,lr=0.05,batch=4",
]


def test_default_playground_learns_xor():
    pg = playground()
    loss0 = pg.history["train"][-1]
    pg.step(200)
    assert pg.epoch == 200 and not pg.diverged
    assert pg.history["train"][-1] < 0.5 * loss0
    assert pg.mlp.score(pg.F_test, pg.y_test) > 0.85


@pytest.mark.parametrize("state", STATES)
def test_state_round_trip_rebuilds_the_same_experiment(state):
    pg = playground(state=state)
    pg.step(15)
    again = playground(state=pg.state())
    assert again.state() == pg.state()
    again.step(15)
    for W, W2 in zip(pg.mlp.coefs_, again.mlp.coefs_):
        np.testing.assert_array_equal(W, W2)
    assert pg.pictures() == again.pictures()


def test_state_is_short_and_readable():
    s = playground().state()
    assert len(s) < 220 and s.startswith("data=XOR,") and "seed=0" in s
    assert parse_state(s)["hidden"] == (4, 2)


@pytest.mark.parametrize("bad", ["data=MNIST", "colour=red", "lr", "x=x3"])
def test_bad_state_strings_raise_clear_errors(bad):
    with pytest.raises(ValueError):
        playground(state=bad)


def test_every_control_is_settable_from_python():
    pg = playground()
    before = pg.pictures()
    pg.controls["lr"].value = 0.5
    assert pg.mlp.lr == 0.5 and pg.settings()["lr"] == 0.5
    pg.controls["layers"].value = 3
    assert pg.settings()["hidden"] == (4, 2, 4) and len(pg.mlp.coefs_) == 4
    pg.controls["feat_x1x2"].value = True
    assert "x1x2" in pg.settings()["features"] and pg.mlp.n_features_in_ == 3
    pg.controls["data"].value = "moons"
    assert pg.pictures()["surface_png"] != before["surface_png"] and pg.epoch == 0


def test_training_settings_apply_without_reset():
    pg = playground()
    pg.step(5)
    pg.set(lr=0.01, batch=0, momentum=0.5, alpha=0.01, anneal=0.95)
    assert pg.epoch == 5 and pg.mlp.batch_size is None and pg.mlp.momentum == 0.5


def test_multiclass_forces_softmax_and_regression_forces_linear():
    pg = playground(data="blobs4", output="sigmoid+SE")
    assert pg.settings()["output"] == "softmax+CE" and pg.mlp.n_outputs_ == 4
    pg.set(data="ABS")
    s = pg.settings()
    assert s["output"] == "linear+SE" and all("2" not in f.replace("^2", "") for f in s["features"])
    pg.step(3)
    assert np.isfinite(pg.history["test"][-1])


def test_squared_features_learn_circles_without_hidden_layer():
    pg = playground(data="circles", features=("x1^2", "x2^2"), hidden=(), output="sigmoid+CE", lr=1.0, batch=0)
    pg.step(150)
    assert pg.mlp.score(pg.F_test, pg.y_test) > 0.9


def test_diverging_run_says_so_and_stops_without_nan():
    pg = playground(data="SIN", lr=3.0, momentum=0.9, batch=1)
    pg.step(30)
    assert pg.diverged
    assert "Diverged" in pg.status.value and "Diverged" in pg.view.message.value
    epoch = pg.epoch
    pg.step(5)
    assert pg.epoch == epoch  # stopped
    assert_clean(pg)
    assert pg.static_png()[:4] == b"\x89PNG"  # the static picture of a diverged run draws too
    pg.reset()
    assert not pg.diverged and pg.epoch == 0


def test_play_is_not_capped_at_ten_frames_a_second():
    pg = playground()
    assert pg.play.interval <= 25 and pg.throttle.interval <= 1 / 40


def test_play_ticks_train_and_draw_only_when_throttle_allows():
    pg = playground()
    pg.throttle.interval = 3600.0
    pg.throttle._last = -np.inf
    pg.play.value = 1  # first tick: trains and draws
    png = pg.pictures()["surface_png"]
    for v in range(2, 6):
        pg.play.value = v
    assert pg.epoch == 5 and pg.pictures()["surface_png"] == png  # trained, not redrawn
    pg.play.value = 0  # the stop button rewinds: no training
    assert pg.epoch == 5


def test_pausing_draws_the_last_state():
    pg = playground()
    trait = pg._playing_trait
    pg.throttle.interval = 3600.0
    setattr(pg.play, trait, True)
    for v in range(1, 4):
        pg.play.value = v
    png = pg.pictures()["surface_png"]
    setattr(pg.play, trait, False)
    assert pg.pictures()["surface_png"] != png


@pytest.mark.parametrize("data", DATASETS)
def test_every_dataset_trains_and_draws(data):
    pg = playground(data=data)
    pg.step(3)
    assert pg.epoch == 3
    assert_clean(pg)


def test_discretize_changes_the_surface_only():
    pg = playground()
    pg.step(20)
    before = _surface(pg)
    pg.set(discretize=True)
    after = _surface(pg)
    assert pg.epoch == 20 and not np.array_equal(before, after)
    assert len(np.unique(after.reshape(-1, 3), axis=0)) == 2


def test_bundle_has_static_png_and_widget():
    pg = playground()
    bundle = pg._repr_mimebundle_()
    assert bundle["image/png"] and bundle["application/vnd.jupyter.widget-view+json"]["model_id"]


def _surface(pg):
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(pg.view.surface_png)))


@pytest.mark.parametrize("state", STATES[:4])
def test_surface_is_a_small_png_of_the_grid(state):
    """The browser stretches a GRID x GRID image: a few KB per frame, never 10."""
    pg = playground(state=state)
    pg.step(30)
    assert _surface(pg).shape == (GRID, GRID, 3)
    assert len(pg.view.surface_png) <= 10_000
    assert "nbh-field" in pg.view.surface._dom_classes


def test_surface_rows_put_x2_up():
    """Row 0 of the PNG is the top of the plane: on XOR the corners agree with the points."""
    pg = playground(data="XOR", noise=0.0)
    pg.step(300)
    img = _surface(pg).astype(float)
    top_left, bottom_left = img[5, 5], img[-5, 5]
    (x0, _), (y0, y1) = pg.bounds
    predicted = pg.mlp.predict(pg._scale(np.array([[x0, y1], [x0, y0]])))
    assert predicted[0] != predicted[1] and not np.allclose(top_left, bottom_left)


def test_network_diagram_shows_every_weight_and_bias():
    pg = playground(hidden=(4, 2))
    links = pg.view.links.value
    assert links.count("<path") >= 2 * 4 + 4 * 2 + 2 * 1
    assert "W1[1,1]: x\u2081 \u2192 h1.1 = " in links and "h2.2: bias b2[2] = " in links
    assert len(pg.edit.options) == 1 + (8 + 4) + (8 + 2) + (2 + 1)


def test_typing_a_weight_changes_the_network_and_the_pictures():
    pg = playground()
    before = pg.pictures()
    pg.edit.value = ("W", 0, 1, 2)
    assert pg.edit_value.value == round(float(pg.mlp.coefs_[0][1, 2]), 4) and not pg.edit_value.disabled
    pg.edit_value.value = 3.5
    assert pg.mlp.coefs_[0][1, 2] == 3.5
    after = pg.pictures()
    assert after["surface_png"] != before["surface_png"] and after["tiles_png"] != before["tiles_png"]
    assert "W1[2,3]: x\u2082 \u2192 h1.3 = 3.5" in after["links"]
    pg.edit.value = ("b", 1, 0)  # a bias: the unit's frame is highlighted and its value shown
    assert pg.edit_value.value == round(float(pg.mlp.intercepts_[1][0]), 4)
    assert 'stroke="#000" stroke-width="2.5"' in pg.view.links.value


def test_the_value_box_shows_the_picked_weight_before_it_opens():
    """The page gets the weight's value before the box is enabled, so what a reader types is not overwritten."""
    pg = playground()
    order = []
    pg.edit_value.observe(lambda c: order.append(c["name"]), names=["value", "disabled"])
    pg.edit.value = ("W", 0, 1, 2)
    assert order == ["value", "disabled"]


def test_tooltips_are_left_out_while_playing_and_back_on_pause():
    pg = playground()
    trait = pg._playing_trait
    setattr(pg.play, trait, True)
    pg.throttle._last = -np.inf
    pg.play.value = 1
    assert "<title>W1" not in pg.view.links.value
    setattr(pg.play, trait, False)
    assert "<title>W1" in pg.view.links.value


def test_unit_tiles_use_the_surface_colours():
    from nbhelpers.plots.raster import class_surface_rgb, signed_rgb

    np.testing.assert_allclose(signed_rgb(1.0), class_surface_rgb(np.array([[0.0, 1.0]]), (1, 1))[0, 0])
    np.testing.assert_allclose(signed_rgb(-1.0), class_surface_rgb(np.array([[1.0, 0.0]]), (1, 1))[0, 0])


def test_show_test_data_toggles_the_hollow_points():
    pg = playground()
    hollow = pg.view.points.value.count('fill="none"')
    pg.show_test.value = False
    assert pg.view.points.value.count('fill="none"') < hollow
    pg.show_test.value = True
    assert pg.view.points.value.count('fill="none"') == hollow


def test_regression_shows_the_curve_with_the_targets():
    pg = playground(data="SIN", hidden=(6,))
    pg.step(20)
    assert "<polyline" in pg.view.curve.value
    assert pg.view.points.value.count("<circle") == len(pg.y_train) + len(pg.y_test)
    assert pg.view.surface.layout.visibility == "hidden"


def test_state_line_wraps_and_has_a_copy_button():
    pg = playground()
    assert pg.state_text.value == pg.state() and pg.state_text.rows >= 2
    assert "navigator.clipboard.writeText" in pg.state_copy.value and "hidden=4-2" in pg.state_copy.value
    pg.set(lr=0.5)
    assert "lr=0.5" in pg.state_text.value and "lr=0.5" in pg.state_copy.value


def test_playground_uses_only_the_public_api_of_the_network():
    source = (Path(__file__).parents[1] / "nbhelpers" / "widgets" / "playground.py").read_text()
    assert not re.search(r"(mlp|\bm)\._[a-z]", source)


def test_threaded_play_trains_in_frames_and_stops_on_pause():
    """In a kernel, Play's frames come from a thread, never more than `ahead` past the last tick."""
    import time

    pg = playground()
    pg.threaded = True
    pg.animator.ahead = 3
    setattr(pg.play, pg._playing_trait, True)
    time.sleep(0.5)  # no tick from the page: the thread stops after `ahead` frames
    assert pg.epoch == 3
    for v in range(1, 6):
        pg.play.value = v  # the page's ticks acknowledge the frames
        time.sleep(0.1)
    setattr(pg.play, pg._playing_trait, False)
    assert not pg.animator.running and pg.epoch > 3
    epoch = pg.epoch
    time.sleep(0.2)
    assert pg.epoch == epoch and "<title>W1" in pg.view.links.value


def test_threaded_play_stops_itself_when_training_diverges():
    import time

    pg = playground(data="SIN", lr=3.0, momentum=0.9, batch=1)
    pg.threaded = True
    pg.animator.ahead = 1000
    setattr(pg.play, pg._playing_trait, True)
    deadline = time.perf_counter() + 10
    while not pg.diverged and time.perf_counter() < deadline:
        time.sleep(0.05)
    time.sleep(0.1)
    assert pg.diverged and not pg.animator.running and not getattr(pg.play, pg._playing_trait)
