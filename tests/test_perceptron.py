"""Tests of nbhelpers.perceptron.Perceptron (imported from nbhelpers.models)."""
import numpy as np
import pytest

from nbhelpers.models import Perceptron

CORNERS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
GATES = {"AND": [0, 0, 0, 1], "OR": [0, 1, 1, 1], "NAND": [1, 1, 1, 0], "XOR": [0, 1, 1, 0]}


@pytest.mark.parametrize("gate", ["AND", "OR", "NAND"])
def test_perceptron_converges_on_linearly_separable_gates(gate):
    p = Perceptron().fit(CORNERS, GATES[gate])
    assert p.converged_
    assert p.errors_per_epoch_[-1] == 0
    np.testing.assert_array_equal(p.predict(CORNERS), GATES[gate])


def test_perceptron_converges_on_not_with_one_input():
    p = Perceptron().fit([[0], [1]], [1, 0])
    assert p.converged_
    assert p.weights_.shape == (2,)
    np.testing.assert_array_equal(p.predict([[0], [1]]), [1, 0])


def test_perceptron_does_not_converge_on_xor():
    p = Perceptron(max_epochs=50).fit(CORNERS, GATES["XOR"])
    assert not p.converged_
    assert p.n_epochs_ == 50
    assert min(p.errors_per_epoch_) > 0
    # the weights cycle: some weight vector comes back later in the history
    seen = {tuple(w) for w in p.history_}
    assert len(seen) < len(p.history_)


def test_perceptron_history_holds_initial_weights_and_one_entry_per_update():
    p = Perceptron().fit(CORNERS, GATES["AND"])
    assert len(p.history_) == 1 + sum(p.errors_per_epoch_)
    np.testing.assert_array_equal(p.history_[0], [0, 0, 0])
    # first sample (0, 0) with target 0: z = 0 gives C = 1, so w <- w - 1 * (1, 0, 0) * (1 - 0)
    np.testing.assert_array_equal(p.history_[1], [-1, 0, 0])
    np.testing.assert_array_equal(p.history_[-1], p.weights_)


def test_perceptron_outputs_one_on_the_boundary():
    p = Perceptron().fit([[1.0]], [1])  # zero weights already give z = 0 -> 1: no update
    assert p.converged_ and len(p.history_) == 1
    assert p.decision_function([[5.0]])[0] == 0.0
    assert p.predict([[5.0]])[0] == 1


def test_perceptron_sign_output_uses_minus_one_and_one():
    y = 2 * np.array(GATES["AND"]) - 1
    p = Perceptron(output="sign").fit(CORNERS, y)
    assert p.converged_
    np.testing.assert_array_equal(p.predict(CORNERS), y)


def test_perceptron_starts_from_w_init():
    p = Perceptron(w_init=[-1.5, 1.0, 1.0]).fit(CORNERS, GATES["AND"])
    assert len(p.history_) == 1  # the lecture's AND weights are already a solution
    np.testing.assert_array_equal(p.weights_, [-1.5, 1.0, 1.0])


def test_perceptron_shuffles_with_random_state():
    p = Perceptron(random_state=0).fit(CORNERS, GATES["OR"])
    assert p.converged_
    np.testing.assert_array_equal(p.predict(CORNERS), GATES["OR"])


@pytest.mark.parametrize("kwargs, error, match", [
    ({"lr": -1.0}, ValueError, "lr must be > 0"),
    ({"lr": "big"}, TypeError, "lr must be a finite real number"),
    ({"max_epochs": 0}, ValueError, r"max_epochs must be in \[1, inf\]"),
    ({"max_epochs": 2.5}, TypeError, "max_epochs must be an int"),
    ({"output": "step"}, ValueError, "output must be one of 'binary', 'sign'. Got 'step'"),
    ({"random_state": "seed"}, TypeError, "random_state must be an int"),
])
def test_perceptron_rejects_bad_parameters_in_fit(kwargs, error, match):
    p = Perceptron(**kwargs)  # scikit-learn's contract: __init__ only stores
    with pytest.raises(error, match=match):
        p.fit(CORNERS, GATES["AND"])


def test_perceptron_rejects_bad_targets_and_shapes():
    with pytest.raises(ValueError, match=r"separates 2 classes.*Got 3 classes: \[0, 1, 2\]"):
        Perceptron().fit(CORNERS, [0, 1, 2, 1])
    with pytest.raises(ValueError, match="Unknown label type: y has continuous values such as 0.5"):
        Perceptron().fit(CORNERS, [0, 0.5, 1, 1])
    with pytest.raises(ValueError, match="y contains nan"):
        Perceptron().fit(CORNERS, [0, np.nan, 1, 1])
    with pytest.raises(ValueError, match=r"w_init has shape \(2,\) but X has 2 features"):
        Perceptron(w_init=[0.0, 0.0]).fit(CORNERS, GATES["AND"])
    with pytest.raises(ValueError, match="X must be 2-D"):
        Perceptron().fit([0, 1, 0, 1], GATES["AND"])
    with pytest.raises(ValueError, match="different numbers of samples: X has 4, y has 2"):
        Perceptron().fit(CORNERS, [0, 1])


@pytest.mark.parametrize("X, match", [
    (np.zeros((0, 2)), r"X has no samples: shape \(0, 2\)"),
    (np.zeros((4, 0)), r"X has no features: shape \(4, 0\)"),
])
def test_perceptron_refuses_empty_data_instead_of_converging(X, match):
    with pytest.raises(ValueError, match=match):
        Perceptron().fit(X, [0, 1, 0, 1][:len(X)])


def test_perceptron_takes_any_two_labels():
    p = Perceptron().fit(CORNERS, np.array(["no", "no", "no", "yes"]))
    np.testing.assert_array_equal(p.classes_, ["no", "yes"])
    np.testing.assert_array_equal(p.predict(CORNERS), ["no", "no", "no", "yes"])
    assert p.score(CORNERS, ["no", "no", "no", "yes"]) == 1.0


def test_perceptron_trace_records_every_visit():
    p = Perceptron().fit(CORNERS, GATES["AND"])
    assert len(p.trace_) == 4 * p.n_epochs_
    assert [r["update"] for r in p.trace_ if r["update"]] == list(range(1, len(p.history_)))


def test_perceptron_predict_checks_fitted_and_features():
    with pytest.raises(ValueError, match="not fitted yet"):
        Perceptron().predict(CORNERS)
    p = Perceptron().fit(CORNERS, GATES["OR"])
    with pytest.raises(ValueError, match=r"X has shape \(4, 3\) but the perceptron expects 2 input features"):
        p.predict(np.zeros((4, 3)))
    with pytest.raises(ValueError, match="X has shape"):
        p.decision_function(np.zeros((4, 1)))
