"""nbhelpers.optimizers and the MLP's solvers, dropout and schedules: each update written out by hand."""
import numpy as np
import pytest

from nbhelpers.datasets import logic_gate_data
from nbhelpers.gradcheck import numerical_gradient, relative_error
from nbhelpers.models import MLP
from nbhelpers.optimizers import Batches, clip, learning_rate


@pytest.fixture
def xor():
    return logic_gate_data("XOR", n_per_class=20, noise=0.15, random_state=123)


def _two_steps(xor, **kwargs):
    """Parameters before, gradients at the first and second step, parameters after two full-batch epochs."""
    X, y = xor
    net = MLP(hidden=(3,), lr=0.3, **kwargs).initialize(X, y)
    p0 = {k: v.copy() for k, v in net.parameters().items()}
    g0 = net.gradients(X, y)
    net.partial_fit(X, y, epochs=1)
    g1 = net.gradients(X, y)
    net.partial_fit(X, y, epochs=1)
    return p0, g0, g1, net.parameters()


def test_sgd_step(xor):
    p0, g0, g1, p2 = _two_steps(xor, solver="sgd")
    for k in p0:  # W <- W - lr g, twice
        np.testing.assert_allclose(p2[k], p0[k] - 0.3 * g0[k] - 0.3 * g1[k])


@pytest.mark.parametrize("kwargs", [dict(solver="momentum", momentum=0.8), dict(momentum=0.8)])
def test_classical_momentum_step(xor, kwargs):
    p0, g0, g1, p2 = _two_steps(xor, **kwargs)
    for k in p0:  # v1 = -lr g0; v2 = mu v1 - lr g1; W2 = W0 + v1 + v2
        v1 = -0.3 * g0[k]
        v2 = 0.8 * v1 - 0.3 * g1[k]
        np.testing.assert_allclose(p2[k], p0[k] + v1 + v2)


def test_nesterov_step(xor):
    p0, g0, g1, p2 = _two_steps(xor, solver="nesterov", momentum=0.8)
    for k in p0:  # v <- mu v - lr g; W <- W + mu v - lr g
        v1 = -0.3 * g0[k]
        p1 = p0[k] + 0.8 * v1 - 0.3 * g0[k]
        v2 = 0.8 * v1 - 0.3 * g1[k]
        np.testing.assert_allclose(p2[k], p1 + 0.8 * v2 - 0.3 * g1[k])


def test_adam_step(xor):
    p0, g0, g1, p2 = _two_steps(xor, solver="adam", beta_1=0.9, beta_2=0.99)
    for k in p0:
        # m_t = b1 m + (1 - b1) g; s_t = b2 s + (1 - b2) g^2; W -= lr m_t / (1 - b1^t) / (sqrt(s_t / (1 - b2^t)) + 1e-8)
        m1, s1 = 0.1 * g0[k], 0.01 * g0[k] ** 2
        p1 = p0[k] - 0.3 * (m1 / 0.1) / (np.sqrt(s1 / 0.01) + 1e-8)
        m2, s2 = 0.9 * m1 + 0.1 * g1[k], 0.99 * s1 + 0.01 * g1[k] ** 2
        np.testing.assert_allclose(p2[k], p1 - 0.3 * (m2 / (1 - 0.9 ** 2)) / (np.sqrt(s2 / (1 - 0.99 ** 2)) + 1e-8))


def test_adam_trains_xor(xor):
    X, y = xor
    net = MLP(hidden=(6,), activation="tanh", loss="binary_cross_entropy", solver="adam", lr=0.05,
              batch_size=8, epochs=150).fit(X, y)
    assert net.score(X, y) >= 0.95


def test_schedules():
    assert learning_rate(2.0, 0) == 2.0
    assert learning_rate(2.0, 3, anneal=0.5) == pytest.approx(0.25)
    assert learning_rate(2.0, 3, schedule="invscaling", power_t=0.5) == pytest.approx(1.0)


def test_invscaling_schedule_in_the_network(xor):
    X, y = xor
    net = MLP(hidden=(3,), lr=1.0, schedule="invscaling", power_t=0.5, epochs=3).fit(X, y)
    assert net.lr_ == pytest.approx(1.0 / 4 ** 0.5)


def test_step_is_one_update_and_returns_the_batch_objective(xor):
    X, y = xor
    net = MLP(hidden=(3,), lr=0.4, alpha=0.1).initialize(X, y)
    p0 = {k: v.copy() for k, v in net.parameters().items()}
    g, E = net.gradients(X[:5], y[:5]), net.objective(X[:5], y[:5])
    assert net.step(X[:5], y[:5]) == pytest.approx(E)
    for k, p in net.parameters().items():
        np.testing.assert_allclose(p, p0[k] - 0.4 * g[k])
    assert net.n_epochs_ == 0 and net.loss_curve_ == []


def test_loss_curve_is_the_objective_with_the_penalty(xor):
    # full batch: the epoch's loss is the objective at the parameters its gradient was taken at
    X, y = xor
    net = MLP(hidden=(3,), lr=0.5, alpha=2.0).initialize(X, y)
    E0 = net.objective(X, y)
    net.partial_fit(X, y, epochs=1)
    E1 = net.objective(X, y)
    net.partial_fit(X, y, epochs=1)
    np.testing.assert_allclose(net.loss_curve_, [E0, E1], rtol=1e-12)


def test_dropout_keeps_the_expected_value_and_is_off_at_inference(xor):
    X, y = xor
    net = MLP(hidden=(200,), activation="relu", dropout=0.3, random_state=0).initialize(X, y)
    masks = net.forward(X, training=True)["masks"]
    assert set(np.unique(masks[0])) == {0.0, 1.0 / 0.7}
    assert abs(masks[0].mean() - 1.0) < 0.02  # E[mask] = 0.7 / 0.7 = 1
    a_train = net.forward(X, training=True, masks=masks)["a"][1]
    a_plain = net.forward(X)["a"][1]
    np.testing.assert_allclose(a_train, a_plain * masks[0])
    np.testing.assert_array_equal(net.predict_proba(X), net.predict_proba(X))  # no masks in predict


def test_dropout_gradient_with_a_fixed_mask(xor):
    X, y = xor
    net = MLP(hidden=(4, 3), activation="tanh", loss="binary_cross_entropy", dropout=0.5).initialize(X, y)
    masks = net.forward(X, training=True)["masks"]
    grads = net.gradients(X, y, masks=masks)
    for name, param in net.parameters().items():
        def f(value, param=param):
            saved = param.copy()
            param[...] = value
            try:
                return net.objective(X, y, masks=masks)
            finally:
                param[...] = saved
        assert relative_error(grads[name], numerical_gradient(f, param)) < 1e-6, name


@pytest.mark.parametrize("n, batch_size, batch_norm, sizes", [
    (10, 3, False, [3, 3, 3, 1]),
    (10, 3, True, [3, 3, 4]),      # a last batch of one sample has no variance: it joins the one before
    (10, None, False, [10]),
    (10, 50, True, [10]),
])
def test_batches_cover_every_sample_once_per_epoch(n, batch_size, batch_norm, sizes):
    X, Y = np.arange(2 * n, dtype=float).reshape(n, 2), np.arange(n, dtype=float).reshape(n, 1)
    batches = Batches(X, Y, batch_size, batch_norm, np.random.default_rng(0))
    for _ in range(2):
        epoch = list(batches.epoch())
        assert [len(Yb) for _, Yb, _ in epoch] == sizes and [last for *_, last in epoch][-1]
        seen = np.concatenate([Yb[:, 0] for _, Yb, _ in epoch])
        assert sorted(seen) == list(range(n))
        for Xb, Yb, _ in epoch:  # the rows of X travel with their targets
            np.testing.assert_array_equal(Xb[:, 0], 2 * Yb[:, 0])


def test_batches_refuse_batch_norm_on_single_samples():
    with pytest.raises(ValueError, match="batch_norm needs batches of at least 2 samples"):
        Batches(np.zeros((1, 2)), np.zeros((1, 1)), None, True, np.random.default_rng(0))


def test_clip_rescales_only_a_gradient_longer_than_the_limit():
    G = np.array([3.0, 4.0])
    np.testing.assert_allclose(clip(G.copy(), G * G, 10.0), [3.0, 4.0])    # norm 5 <= 10: unchanged
    np.testing.assert_allclose(clip(G.copy(), G * G, 1.0), [0.6, 0.8])     # norm 5 -> 1
    assert clip(G, None, None) is G
