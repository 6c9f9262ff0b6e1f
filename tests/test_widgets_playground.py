"""The playground, driven headless: settings, state strings, training, divergence."""
import numpy as np
import pytest

pytest.importorskip("ipywidgets")

from nbhelpers.widgets import playground  # noqa: E402
from nbhelpers.widgets.playground import DATASETS, parse_state  # noqa: E402

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
    assert pg.live.png == again.live.png


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
    png = pg.live.png
    pg.controls["lr"].value = 0.5
    assert pg.mlp.lr == 0.5 and pg.settings()["lr"] == 0.5
    pg.controls["layers"].value = 3
    assert pg.settings()["hidden"] == (4, 2, 4) and len(pg.mlp.coefs_) == 4
    pg.controls["feat_x1x2"].value = True
    assert "x1x2" in pg.settings()["features"] and pg.mlp.n_features_in_ == 3
    pg.controls["data"].value = "moons"
    assert pg.live.png != png and pg.epoch == 0


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
    assert "Diverged" in pg.status.value and "Diverged" in pg.view.message.get_text()
    epoch = pg.epoch
    pg.step(5)
    assert pg.epoch == epoch  # stopped
    for a in pg.plotted_arrays():
        assert np.isfinite(np.asarray(a, dtype=float)).all()
    pg.reset()
    assert not pg.diverged and pg.epoch == 0


def test_play_ticks_train_and_draw_only_when_throttle_allows():
    pg = playground()
    pg.throttle.interval = 3600.0
    pg.throttle._last = -np.inf
    pg.play.value = 1  # first tick: trains and draws
    png = pg.live.png
    for v in range(2, 6):
        pg.play.value = v
    assert pg.epoch == 5 and pg.live.png == png  # trained, not redrawn
    pg.play.value = 0  # the stop button rewinds: no training
    assert pg.epoch == 5


def test_pausing_draws_the_last_state():
    pg = playground()
    trait = pg._playing_trait
    pg.throttle.interval = 3600.0
    setattr(pg.play, trait, True)
    for v in range(1, 4):
        pg.play.value = v
    png = pg.live.png
    setattr(pg.play, trait, False)
    assert pg.live.png != png


@pytest.mark.parametrize("data", DATASETS)
def test_every_dataset_trains_and_draws(data):
    pg = playground(data=data)
    pg.step(3)
    assert pg.epoch == 3
    for a in pg.plotted_arrays():
        assert np.isfinite(np.asarray(a, dtype=float)).all()


def test_discretize_changes_the_surface_only():
    pg = playground()
    pg.step(20)
    before = pg.view.surface.get_array().copy()
    pg.set(discretize=True)
    after = pg.view.surface.get_array()
    assert pg.epoch == 20 and not np.array_equal(before, after)
    assert len(np.unique(after.reshape(-1, 3), axis=0)) == 2


def test_bundle_has_static_png_and_widget():
    pg = playground()
    bundle = pg._repr_mimebundle_()
    assert bundle["image/png"] and bundle["application/vnd.jupyter.widget-view+json"]["model_id"]
