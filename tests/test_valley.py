"""nbhelpers.valley: the paths on the narrow valley follow the update rules written out by hand."""
import numpy as np
import pytest

from nbhelpers import valley as op

A, B = op.CURVATURE


def _by_hand(solver, lr, mu=0.9, steps=30, b1=0.9, b2=0.999, eps=1e-8):
    """The three rules of nbhelpers.optimizers written out for w = (w1, w2), one coordinate at a time."""
    w, v, m, s, path = list(op.START), [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [list(op.START)]
    for t in range(1, steps + 1):
        g = [A * w[0], B * w[1]]
        for i in range(2):
            if solver == "sgd":
                w[i] -= lr * g[i]
            elif solver == "momentum":
                v[i] = mu * v[i] - lr * g[i]
                w[i] += v[i]
            else:
                m[i] = b1 * m[i] + (1 - b1) * g[i]
                s[i] = b2 * s[i] + (1 - b2) * g[i] ** 2
                w[i] -= lr * (m[i] / (1 - b1 ** t)) / (np.sqrt(s[i] / (1 - b2 ** t)) + eps)
        path.append(list(w))
    return np.array(path)


@pytest.mark.parametrize("solver, lr", [("sgd", 0.03), ("momentum", 0.03), ("adam", 0.1)])
def test_paths_follow_the_update_rules_step_by_step(solver, lr):
    assert np.allclose(op.optimizer_path(solver, lr, momentum=0.9, steps=30), _by_hand(solver, lr), rtol=1e-12,
                       atol=1e-15)


def test_a_hand_worked_sgd_step():
    # w = (-4.5, 1), grad = (1 * -4.5, 50 * 1) = (-4.5, 50); w - 0.03 grad = (-4.5 + 0.135, 1 - 1.5)
    assert np.allclose(op.optimizer_path("sgd", 0.03, steps=1)[1], [-4.365, -0.5])


def test_gradient_descent_zigzags_across_the_valley_and_momentum_overshoots_along_it():
    paths = op.valley_paths(steps=100)
    w2 = paths["sgd"][:6, 1]
    assert np.all(np.sign(w2[1:]) == -np.sign(w2[:-1]))  # w_2 changes sign at every early step
    assert paths["momentum"][:, 0].max() > 0.2              # passes the minimum along w_1 ...
    assert np.hypot(*paths["momentum"][-1]) < 0.05          # ... and settles near it
    assert paths["sgd"][-1, 0] < -0.1                       # plain descent still crawls along the floor


def test_steps_to_get_within_1e_3_order_the_methods():
    n = {s: op.steps_to_reach(p) for s, p in op.valley_paths(steps=1000).items()}
    assert n["momentum"] < n["adam"] < n["sgd"]


def test_above_2_over_b_gradient_descent_diverges():
    path = op.optimizer_path("sgd", 0.041, steps=2000)
    assert len(path) < 2001 or abs(path[-1, 1]) > 1e10


def test_steps_to_reach():
    assert op.steps_to_reach(np.array([[1.0, 0.0], [0.0, 1e-4]])) == 1
    assert op.steps_to_reach(np.array([[1.0, 0.0], [0.5, 0.0]])) is None


def test_bad_solver_is_named():
    with pytest.raises(ValueError, match="solver"):
        op.optimizer_path("adagrad", 0.1)
