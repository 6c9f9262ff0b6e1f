"""The backprop stepper shows exactly the numbers of MLP.forward / MLP.backward."""
import numpy as np
import pytest

pytest.importorskip("ipywidgets")

from nbhelpers.widgets import backprop_stepper  # noqa: E402


def _walk(s, n_forward=None, n_backward=0):
    L = s.n_layers
    for _ in range(L if n_forward is None else n_forward):
        s.forward()
    for _ in range(n_backward):
        s.backward()


@pytest.mark.parametrize("net", ["2-2-1", "2-3-2-2"])
@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_stepper_numbers_match_mlp_forward_backward(net, activation):
    s = backprop_stepper(net, activation=activation, x=(0.5, -1.0), y=1)
    _walk(s, n_backward=s.n_layers)
    cache = s.mlp.forward(np.array([[0.5, -1.0]]), training=True)
    back = s.mlp.backward(cache, np.array([1]))
    for l in range(s.n_layers):
        np.testing.assert_array_equal(s.cache["z"][l], cache["z"][l])
        np.testing.assert_array_equal(s.cache["a"][l + 1], cache["a"][l + 1])
        np.testing.assert_array_equal(s.back["delta"][l], back["delta"][l])
    # each hidden delta is the local derivative times the weighted sum of upstream deltas
    for l in range(s.n_layers - 1):
        local = s.mlp._acts[l].df(cache["z"][l])
        np.testing.assert_allclose(back["delta"][l], local * (back["delta"][l + 1] @ s.mlp.coefs_[l + 1].T))


@pytest.mark.parametrize("net", ["2-2-1", "2-3-2-2"])
def test_stepper_update_is_one_sgd_step_of_the_mlp(net):
    from nbhelpers.models import MLP

    s = backprop_stepper(net, lr=0.7)
    ref = MLP(**{k: getattr(s.mlp, k) for k in ("hidden", "activation", "output", "loss", "init")},
              lr=0.7, batch_size=1, random_state=s.random_state)
    ref.initialize(np.array([[0.0, 0.0], [1.0, 1.0]]), np.array([0, 1]))
    for W, W0 in zip(s.mlp.coefs_, ref.coefs_):
        np.testing.assert_array_equal(W, W0)
    _walk(s, n_backward=s.n_layers)
    s.apply_update()
    ref.partial_fit(s.X, s.y, epochs=1)
    for name, p in s.mlp.parameters().items():
        np.testing.assert_allclose(p, ref.parameters()[name], rtol=0, atol=1e-15)


def test_stepper_stages_and_buttons():
    s = backprop_stepper("2-3-2-2")
    assert s.stage == 0 and s.b_backward.disabled and s.b_update.disabled
    png0 = s.live.png
    s.forward()
    assert s.stage == 1 and s.live.png != png0
    s.backward()  # jumps to the end of the forward pass first
    assert s.stage == 3 and not s.b_backward.disabled
    s.backward(), s.backward(), s.backward()
    assert s.stage == 6 and s.b_backward.disabled and not s.b_update.disabled
    before = [W.copy() for W in s.mlp.coefs_]
    s.apply_update()
    assert s.stage == -1 and any((W != W0).any() for W, W0 in zip(s.mlp.coefs_, before))
    s.forward()
    assert s.stage == 1


def test_stepper_error_decreases_after_updates():
    s = backprop_stepper("2-2-1", lr=2.0)
    errors = []
    for _ in range(5):
        _walk(s, n_backward=s.n_layers)
        errors.append(s._error())
        s.apply_update()
    assert errors[-1] < errors[0]


def test_stepper_switching_network_rebuilds_the_diagram():
    s = backprop_stepper("2-2-1")
    s.w_net.value = "2-3-2-2"
    assert s.diagram.sizes == (2, 3, 2, 2) and len(s.mlp.coefs_) == 3
    s.w_net.value = "2-2-1"
    assert s.diagram.sizes == (2, 2, 1)


def test_stepper_rejects_unknown_network():
    with pytest.raises(ValueError, match="net must be one of"):
        backprop_stepper("3-3-3")


def test_stepper_bundle_has_static_png():
    s = backprop_stepper()
    bundle = s._repr_mimebundle_()[0]
    assert bundle["image/png"] and "application/vnd.jupyter.widget-view+json" in bundle
