"""The known false accepts and false rejects of the checkers, each now judged right."""
import numpy as np
import pytest

from nbhelpers import quiz
from nbhelpers.quiz import check


@pytest.fixture(autouse=True)
def fresh():
    quiz.reset()


def hard_coded_labels(theta, X):
    return np.array([0, 1, 1, 0, 1, 1])


def relu_2d_only(z):
    return np.where(z > 0, z, 0) if np.ndim(z) == 2 else np.zeros(3)


def majority_of_three_only(n):
    return np.concatenate(([-1.5], np.ones(n)))  # the threshold of n = 3, hard-wired


def forward_two_layers(X, weights, biases):
    s = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    return s(s(X @ weights[0] + biases[0]) @ weights[1] + biases[1])


def split_with_replacement(X, y, test_size=0.25, random_state=0):
    rng = np.random.default_rng(random_state)
    idx = rng.integers(0, len(X), len(X))
    n_test = int(np.ceil(test_size * len(X)))
    return X[idx[n_test:]], X[idx[:n_test]], y[idx[n_test:]], y[idx[:n_test]]


def lookup_perceptron(X, y, lr=1.0, max_epochs=100):
    table = {4: np.array([-1.0, 1.0, 1.0]), 2: np.array([0.0, -1.0])}
    return table.get(len(X), np.zeros(3)), len(X) == 2 or list(y) != [0, 1, 1, 0]


class AbsIsNotANetwork:
    predict = staticmethod(lambda X: np.abs(np.ravel(X)))


FALSE_ACCEPTS = [
    ("predict_logistic", hard_coded_labels), ("relu", relu_2d_only), ("majority_weights", majority_of_three_only),
    ("forward", forward_two_layers), ("split_data", split_with_replacement), ("abs_model", AbsIsNotANetwork()),
]


@pytest.mark.parametrize("ex_id, answer", FALSE_ACCEPTS, ids=[e for e, _ in FALSE_ACCEPTS])
def test_known_false_accepts_are_rejected(ex_id, answer):
    assert check(ex_id, answer).status != "pass"


def test_a_lookup_table_does_not_pass_question_1():
    assert check("q1_perceptron_gates", lookup_perceptron).points < 15


from numpy import tanh as th  # noqa: E402 - the alias is the point of the fixture


def tanh_by_alias(z):
    return th(z)


def tanh_keeps_stub_docstring(z):
    """tanh(z) computed as 2 * sigmoid(2 z) - 1, with a stable sigmoid."""
    z2 = 2 * np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z2))  # tanh(z) is never called here
    return 2 * np.where(z2 >= 0, 1 / (1 + e), e / (1 + e)) - 1


def test_an_aliased_tanh_is_caught_and_a_docstring_is_not():
    assert check("tanh_via_sigmoid", tanh_by_alias).mistake == "used_np_tanh"
    assert check("tanh_via_sigmoid", tanh_keeps_stub_docstring).status == "pass"


def sigmoid_net_flipped_units(W, b, v, c):
    """sigma(-a) = 1 - sigma(a): every hidden unit flipped, the output weights and bias compensating."""
    return -2 * W, -2 * b, -2 * v, c + v.sum(axis=0)


def sigmoid_net_split_units(W, b, v, c):
    """Every hidden unit twice, each with half the output weight: more units, the same function."""
    return np.hstack([2 * W, 2 * W]), np.concatenate([2 * b, 2 * b]), np.vstack([v, v]), c - v.sum(axis=0)


def sigmoid_net_float32(W, b, v, c):
    return tuple(np.float32(2) * np.asarray(p, dtype=np.float32) for p in (W, b, v)) + (c - v.sum(axis=0),)


@pytest.mark.parametrize("answer", [sigmoid_net_flipped_units, sigmoid_net_split_units, sigmoid_net_float32])
def test_any_sigmoid_network_computing_the_same_function_earns_question_3(answer):
    result = check("q3_sigmoid_net_from_tanh", answer)
    assert result.status == "pass", result.message


def test_a_softmax_temperature_through_log_sum_exp_is_accepted():
    def via_logsumexp(z, T, axis=-1):
        s = np.asarray(z, dtype=float) / T
        m = np.max(s, axis=axis, keepdims=True)
        return np.exp(s - m - np.log(np.sum(np.exp(s - m), axis=axis, keepdims=True)))

    assert check("q4_softmax_temperature", via_logsumexp).status == "pass"


def test_a_scaled_circle_theta_is_accepted():
    assert check("circle_theta", lambda r: 3.0 * np.array([-r ** 2, 0, 0, 1, 1])).status == "pass"


def test_a_float32_perceptron_update_at_the_boundary_is_accepted():
    def update32(w, x, target, lr=1.0):
        w32 = np.asarray(w, dtype=np.float32)
        x_aug = np.concatenate(([1.0], np.asarray(x, dtype=np.float32))).astype(np.float32)
        computed = 1.0 if float(w32 @ x_aug) >= 0 else 0.0
        return (w32 - np.float32(lr) * x_aug * np.float32(computed - target)).astype(float)

    result = check("perceptron_update", update32)
    assert result.status == "pass", result.message


def test_best_alpha_returning_a_tuple_is_a_wrong_answer_not_a_crash():
    result = check("best_alpha", lambda results: max(results.items(), key=lambda kv: kv[1][1]))
    assert result.status == "fail" and result.mistake != "checker_bug", result.message


def test_a_lookup_table_of_the_diabetes_rows_loses_the_model_points():
    from pathlib import Path

    namespace = {}
    fixture = Path(__file__).parent / "fixtures" / "grading" / "diabetes_lookup.py"
    exec(compile(fixture.read_text(), str(fixture), "exec"), namespace)
    result = check("q2_diabetes_r2", namespace["diabetes_r2"])
    assert result.points == 10 and "looks_up_rows" in result.mistake, result.message
