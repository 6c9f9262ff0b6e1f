"""Every exercise rejects typical wrong answers and names the mistake with its hint."""
import numpy as np
import pytest

from nbhelpers import quiz
from nbhelpers.quiz import check
from nbhelpers.quiz._catalogue import EXERCISES
from test_quiz_thread import WRONG_THREAD  # the exercises of the reader's network library
from test_quiz_autodiff import WRONG_AUTODIFF  # the exercises of 07_autodiff


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    for var in ("NBHELPERS_GRADING", "NBHELPERS_RESULTS", "NBHELPERS_SOLUTIONS"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NBHELPERS_CHECK_TIMEOUT", "5")
    quiz.reset()


def sig(z):
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


def stable_sig(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def aug(x):
    return np.concatenate(([1.0], x))


def softmax_axis(z, axis):
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def tanh_with_np(z):
    return np.tanh(z)


def exp_tanh(z):
    """tanh from a sigmoid written exp(x) / (1 + exp(x)): exp(2z) overflows to inf / inf = nan for large z."""
    with np.errstate(all="ignore"):
        e = np.exp(2 * np.asarray(z, dtype=float))
        return 2 * e / (1 + e) - 1


def naive_softmax(z, axis=-1):
    e = np.exp(np.asarray(z, dtype=float))
    return e / e.sum(axis=axis, keepdims=True)


def global_max_softmax(z, axis=-1):
    e = np.exp(z - np.max(z))
    return e / e.sum(axis=axis, keepdims=True)


def shift_by_max_of_z(z, T, axis=-1):
    """softmax(z / T) shifted by the max of z instead of z / T: still overflows for small T."""
    z = np.asarray(z, dtype=float)
    with np.errstate(all="ignore"):
        e = np.exp(z / T - np.max(z, axis=axis, keepdims=True))
        return e / e.sum(axis=axis, keepdims=True)


class Fake:
    """A 'fitted model' whose predict is a given function of x."""

    def __init__(self, f):
        self.f = f

    def predict(self, X):
        return self.f(np.asarray(X, dtype=float).ravel())


def perceptron_trainer(sign=-1, bias=True, strict=False, claims=False):
    def train_perceptron(X, y, lr=1.0, max_epochs=100):
        X = np.asarray(X, dtype=float)
        Xa = np.hstack([np.ones((len(X), 1)), X]) if bias else X
        w = np.zeros(Xa.shape[1])
        for _ in range(max_epochs):
            changed = False
            for x, t in zip(Xa, y):
                z = w @ x
                c = float(z > 0) if strict else float(z >= 0)
                if c != t:
                    w = w + sign * lr * x * (c - t)
                    changed = True
            if not changed:
                return w, True
        return w, claims
    return train_perceptron


def split_variant(order=False, pairs=False, shuffle=True, seed=True):
    def split_data(X, y, test_size=0.25, random_state=0):
        n = len(X)
        rng = np.random.default_rng(random_state if seed else None)
        idx = rng.permutation(n) if shuffle else np.arange(n)
        k = int(np.ceil(test_size * n))
        te, tr = idx[-k:], idx[:-k]
        if pairs:
            yi = rng.permutation(n)
            return X[tr], X[te], y[yi[:-k]], y[yi[-k:]]
        if order:
            return X[tr], y[tr], X[te], y[te]
        return X[tr], X[te], y[tr], y[te]
    return split_data


def diabetes_variant(scaled=False, test_size=0.25, model="mlp", wrong_r2=False):
    def diabetes_r2():
        from sklearn.datasets import load_diabetes
        from sklearn.linear_model import LinearRegression
        from sklearn.model_selection import train_test_split
        from sklearn.neural_network import MLPRegressor
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        X, y = load_diabetes(return_X_y=True)
        if scaled:
            X = StandardScaler().fit_transform(X)
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=test_size, random_state=0)
        est = LinearRegression() if model == "linear" else MLPRegressor(
            hidden_layer_sizes=(16,), alpha=1.0, learning_rate_init=0.01, early_stopping=True, max_iter=2000,
            random_state=0)
        m = make_pipeline(StandardScaler(), est).fit(X_tr, y_tr)
        r2 = m.score(X_tr, y_tr) if wrong_r2 else m.score(X_te, y_te)
        return {"model": m, "X_test": X_te, "y_test": y_te, "r2": r2}
    return diabetes_r2


def _xor_strict():
    return (np.array([[1.0, -1.0], [1.0, -1.0]]), np.array([0.0, 2.0]), np.array([[1.0], [1.0]]), np.array([-1.5]))


WRONG = {
    "circle_theta": [
        (lambda r: np.array([-r, 0, 0, 1, 1.0]), "radius_not_squared"),
        (lambda r: np.array([r ** 2, 0, 0, -1, -1.0]), "inside_out"),
        (lambda r: np.array([-1.0, 0, 0, 1, 1]), "ignores_r"),
    ],
    "predict_logistic": [
        (lambda th, X: sig(th[0] + X @ th[1:]), "returned_probabilities"),
        (lambda th, X: (th[0] + X @ th[1:] > 0).astype(int), "strict_inequality"),
        (lambda th, X: (X @ th[1:] >= 0).astype(int), "missing_bias"),
        (lambda th, X: (th[0] + X @ th[1:] < 0).astype(int), "labels_flipped"),
    ],
    "nand_weights": [((1, 1, 1.5), "complement"), ((-1, -1, 1.5), "bias_for_threshold"),
                     ((-1, -1, -2), "strict_inequality"), ((1, 2), "wrong_shape")],
    "nor_weights": [((1, 1, 0.5), "complement"), ((-1, -1, 0.5), "bias_for_threshold"),
                    ((-1, -1, -1), "strict_inequality")],
    "majority_weights": [
        (lambda n: np.concatenate(([-(n - 1) / 2], np.ones(n))), "threshold_off_by_one"),
        (lambda n: np.concatenate(([-(n + 3) / 2], np.ones(n))), "threshold_off_by_one"),
        (lambda n: np.concatenate(([n / 2], np.ones(n))), "bias_sign"),
        (lambda n: np.concatenate(([n / 2], -np.ones(n))), "complement"),
        (lambda n: np.ones(n), "wrong_length"),
    ],
    "perceptron_update": [
        (lambda w, x, t, lr=1.0: w + lr * aug(x) * (float(w @ aug(x) >= 0) - t), "update_sign_flipped"),
        (lambda w, x, t, lr=1.0: w - aug(x) * (float(w @ aug(x) >= 0) - t), "ignores_lr"),
        (lambda w, x, t, lr=1.0: np.append(w[0], w[1:] - lr * x * (float(w @ aug(x) >= 0) - t)), "bias_not_updated"),
        (lambda w, x, t, lr=1.0: w - lr * aug(x) * (float(w @ aug(x) > 0) - t), "strict_inequality"),
    ],
    "xor_weights": [
        ((np.array([[1.0, 1.0], [-1.0, -1.0]]), np.array([-0.5, 1.5]), np.array([[1.0], [1.0]]), np.array([-1.5])),
         "transposed_weights"),
        ((np.eye(2), np.zeros(2), np.ones((2, 1)), np.zeros(1)), "missing_bias"),
        (_xor_strict(), "strict_inequality"),
        ((np.ones((3, 2)), np.zeros(2), np.ones(2), 0.0), "wrong_shape"),
    ],
    "separates": [
        (lambda w, X, y: bool(np.all((w[0] + X @ w[1:] > 0) == y)), "strict_inequality"),
        (lambda w, X, y: bool(np.all((X @ w[1:] >= 0) == y)), "missing_bias"),
        (lambda w, X, y: bool(np.all((w[0] + X @ w[1:] < 0) == y)), "labels_flipped"),
        (lambda w, X, y: bool(np.any((w[0] + X @ w[1:] >= 0) == y)), "only_some_points"),
        (lambda w, X, y: (w[0] + X @ w[1:] >= 0) == y, "returned_array"),
    ],
    "sigmoid": [
        (lambda z: 1 / (1 + np.exp(z)), "sign_flipped"),
        (sig, "unstable_sigmoid"),
        (lambda z: float(1 / (1 + np.exp(-z))), "raised"),
    ],
    "sigmoid_prime": [
        (stable_sig, "returned_sigmoid"),
        (lambda z: z * (1 - z), "derivative_wrt_output"),
        (lambda z: stable_sig(stable_sig(z)) * (1 - stable_sig(stable_sig(z))), "sigmoid_applied_twice"),
        (lambda z: stable_sig(z) * (1 + stable_sig(z)), "sign_slip"),
    ],
    "elu_prime_from_output": [
        (lambda a, alpha=1.0: np.where(a > 0, 1.0, alpha * np.exp(a)), "used_output_as_input"),
        (lambda a, alpha=1.0: np.where(a > 0, 1.0, a), "forgot_alpha"),
        (lambda a, alpha=1.0: np.where(a > 0, 1.0, a + 1.0), "ignores_alpha"),
        (lambda a, alpha=1.0: np.where(a >= 0, 1.0, a + alpha), "branch_at_zero"),
        (lambda a, alpha=1.0: 1.0 if a > 0 else a + alpha, "raised"),
    ],
    "relu": [
        (lambda z: (z > 0).astype(float), "returned_derivative"),
        (lambda z: np.max(z, 0), "np_max"),
        (np.abs, "absolute_value"),
        (lambda z: np.minimum(z, 0), "minimum"),
    ],
    "dead_units": [
        (lambda X, W, b: np.any(X @ W + b <= 0, axis=0), "any_sample"),
        (lambda X, W, b: np.all(X @ W <= 0, axis=0), "forgot_bias"),
        (lambda X, W, b: np.all(X @ W + b < 0, axis=0), "strict_inequality"),
        (lambda X, W, b: np.all(X @ W + b <= 0, axis=1), "wrong_axis"),
        (lambda X, W, b: np.any(X @ W + b > 0, axis=0), "alive_not_dead"),
        (lambda X, W, b: np.all(X @ W.T + b <= 0, axis=0), "raised"),
    ],
    "tanh_via_sigmoid": [
        (tanh_with_np, "used_np_tanh"),
        (lambda z: 2 * stable_sig(z) - 1, "forgot_2z"),
        (lambda z: stable_sig(2 * z) - 1, "forgot_factor_2"),
        (lambda z: 2 * stable_sig(2 * z) + 1, "sign_slip"),
        (exp_tanh, "unstable_sigmoid"),
    ],
    "layer_shapes": [
        (lambda s, augmented=False: [(o, i + augmented) for i, o in zip(s[:-1], s[1:])], "transposed_weights"),
        (lambda s, augmented=False: [(i, o + augmented) for i, o in zip(s[:-1], s[1:])], "augmented_column"),
        (lambda s, augmented=False: [(i, o) for i, o in zip(s[:-1], s[1:])], "ignores_augmented"),
        (lambda s, augmented=False: [(i + augmented, o) for i, o in zip(s, s[1:] + [1])], "wrong_count"),
    ],
    "bias_shapes": [
        (lambda s: [(n,) for n in s[:-1]], "input_layer_bias"),
        (lambda s: [n for n in s[1:]], "ints_not_tuples"),
        (lambda s: [(1, n) for n in s[1:]], "two_d_bias"),
    ],
    "forward": [
        (lambda X, Ws, bs: sig(Ws[1].T @ sig(Ws[0].T @ X.T + bs[0][:, None]) + bs[1][:, None]), "transposed_output"),
        (lambda X, Ws, bs: sig(sig(X @ Ws[0]) @ Ws[1]), "missing_bias"),
        (lambda X, Ws, bs: sig(X @ Ws[0] + bs[0]) @ Ws[1] + bs[1], "linear_output"),
        (lambda X, Ws, bs: sig((X @ Ws[0] + bs[0]) @ Ws[1] + bs[1]), "linear_hidden"),
        (lambda X, Ws, bs: sig(sig(Ws[0] @ X + bs[0]) @ Ws[1] + bs[1]), "raised"),
    ],
    "output_delta": [
        (lambda z, y: (y - sig(z)) * sig(z) * (1 - sig(z)), "sign_flipped"),
        (lambda z, y: sig(z) - y, "missing_activation_derivative"),
        (lambda z, y: (sig(z) - y) * z * (1 - z), "derivative_wrt_output"),
        (lambda z, y: (sig(z) - y) * sig(sig(z)) * (1 - sig(sig(z))), "sigmoid_applied_twice"),
    ],
    "hidden_delta": [
        (lambda d, W, z: d @ W.T, "missing_activation_derivative"),
        (lambda d, W, z: d @ W.T * sig(z), "returned_sigmoid"),
        (lambda d, W, z: d @ W.T * z * (1 - z), "derivative_wrt_output"),
        (lambda d, W, z: d @ W.T * sig(sig(z)) * (1 - sig(sig(z))), "sigmoid_applied_twice"),
        (lambda d, W, z: d @ W * sig(z) * (1 - sig(z)), "raised"),
    ],
    "kink_input": [
        (lambda w, b, h=1e-5: 0.0, "kink_of_relu"),
        (lambda w, b, h=1e-5: b / w, "sign_error"),
        (lambda w, b, h=1e-5: -b, "ignores_w"),
        (lambda w, b, h=1e-5: -b / w + 2 * h, "far_from_kink"),
        (lambda w, b, h=1e-5: [-b / w, 0.0], "wrong_shape"),
    ],
    "minibatch_sgd_step": [
        (lambda w, b, X, y, lr: (w + lr * X.T @ (X @ w + b - y) / len(y), b + lr * np.mean(X @ w + b - y)),
         "update_sign_flipped"),
        (lambda w, b, X, y, lr: (w - lr * X.T @ (X @ w + b - y), b - lr * np.sum(X @ w + b - y)), "sum_not_mean"),
        (lambda w, b, X, y, lr: (w - lr * X.T @ (X @ w + b - y) / len(y), b), "bias_not_updated"),
        (lambda w, b, X, y, lr: (w - X.T @ (X @ w + b - y) / len(y), b - np.mean(X @ w + b - y)), "ignores_lr"),
        (lambda w, b, X, y, lr: w, "wrong_type"),
    ],
    "r2_score": [
        (lambda y, p: 1 - np.sum((y - p) ** 2) / np.sum((p - p.mean()) ** 2), "arguments_swapped"),
        (lambda y, p: np.sum((y - p) ** 2) / np.sum((y - y.mean()) ** 2), "forgot_one_minus"),
        (lambda y, p: np.corrcoef(y, p)[0, 1] ** 2, "squared_correlation"),
        (lambda y, p: np.mean((y - p) ** 2), "returned_mse"),
    ],
    "abs_model": [
        (Fake(lambda x: 0.2 * x + 2.5), "straight_line"),
        (Fake(lambda x: 1 / (1 + np.exp(-x))), "squashed_output"),
        (Fake(lambda x: np.full_like(x, 2.5)), "not_trained"),
        ("a model", "wrong_type"),
    ],
    "softmax": [
        (naive_softmax, "not_max_shifted"),
        (lambda z, axis=-1: softmax_axis(np.asarray(z, dtype=float), 0), "wrong_axis"),
        (lambda z, axis=-1: softmax_axis(np.asarray(z, dtype=float), -1), "ignores_axis"),
        (lambda z, axis=-1: np.exp(z - np.max(z)) / np.exp(z - np.max(z)).sum(), "sum_over_everything"),
        (global_max_softmax, "global_max"),
        (lambda z, axis=-1: np.exp(z) * 0 + 1.0, "numerator_typo"),
    ],
    "smoothed_ce_delta": [
        (lambda z, y, eps: softmax_axis(z, -1) - y, "ignored_eps"),
        (lambda z, y, eps: softmax_axis(z, -1) - ((1 - eps) * y + eps / (z.shape[-1] - 1) * (1 - y)),
         "eps_over_k_minus_1"),
        (lambda z, y, eps: (1 - eps) * y + eps / z.shape[-1] - softmax_axis(z, -1), "sign_flipped"),
        (lambda z, y, eps: naive_softmax(z) - ((1 - eps) * y + eps / z.shape[-1]), "not_max_shifted"),
        (lambda z, y, eps: (softmax_axis(z, -1) - ((1 - eps) * y + eps / z.shape[-1])) / len(z), "divided_by_n"),
    ],
    "sigmoid_prime_max": [(0.5, "max_of_sigmoid"), (1.0, "tanh_slope"), (0, "limit"), ([0.25, 0.5], "wrong_shape")],
    "layers_to_vanish": [
        (lambda tol: int(np.ceil(np.log(tol) / np.log(0.25))), "not_strictly_below"),
        (lambda tol: int(np.floor(np.log(tol) / np.log(0.25))), "off_by_one"),
        (lambda tol: int(np.ceil(np.log10(tol) / np.log(0.25))), "log_base"),
        (lambda tol: np.log(tol) / np.log(0.25), "not_an_integer"),
        (lambda tol: 0.25 ** int(np.ceil(np.log(tol) / np.log(0.25))), "returned_bound"),
        (lambda tol: int(np.ceil(np.log(tol) / np.log(0.5))), "used_sigmoid_max"),
    ],
    "clip_by_norm": [
        (lambda gs, c: [g * min(1.0, c / np.linalg.norm(g)) for g in gs], "per_array"),
        (lambda gs, c: [np.clip(g, -c, c) for g in gs], "clipped_values"),
        (lambda gs, c: [g * c / np.sqrt(sum(np.sum(h ** 2) for h in gs)) for g in gs], "always_rescaled"),
        (lambda gs, c: np.concatenate([np.ravel(g) for g in gs]), "wrong_type"),
    ],
    "batchnorm_forward": [
        (lambda X, g, b, eps=1e-5: g * (X - X.mean(1, keepdims=True)) / np.sqrt(X.var(1, keepdims=True) + eps) + b,
         "wrong_axis"),
        (lambda X, g, b, eps=1e-5: g * (X - X.mean(0)) / np.sqrt(X.var(0, ddof=1) + eps) + b, "unbiased_variance"),
        (lambda X, g, b, eps=1e-5: g * (X - X.mean(0)) / X.std(0) + b, "no_eps"),
        (lambda X, g, b, eps=1e-5: (X - X.mean(0)) / np.sqrt(X.var(0) + eps), "skipped_scale_shift"),
    ],
    "split_data": [
        (split_variant(order=True), "return_order"),
        (split_variant(pairs=True), "pairs_broken"),
        (split_variant(shuffle=False), "not_shuffled"),
        (split_variant(seed=False), "ignores_seed"),
    ],
    "best_alpha": [
        (lambda r: max(r, key=lambda a: r[a][0]), "picked_by_training_score"),
        (lambda r: min(r, key=lambda a: r[a][1]), "picked_minimum"),
        (lambda r: list(r).index(max(r, key=lambda a: r[a][1])), "returned_index"),
    ],
    "q1_perceptron_gates": [
        (perceptron_trainer(bias=False), "missing_bias"),
        (perceptron_trainer(sign=1), "not_converged"),
        (perceptron_trainer(strict=True), "strict_inequality"),
        (perceptron_trainer(claims=True), "claims_xor_solved"),
    ],
    "q2_diabetes_r2": [
        (diabetes_variant(scaled=True), "scaled_test_rows"),
        (diabetes_variant(test_size=0.2), "test_size"),
        (diabetes_variant(model="linear"), "not_an_mlp"),
        (lambda: {"r2": 0.5}, "wrong_type"),
    ],
    "q3_sigmoid_net_from_tanh": [
        (lambda W, b, v, c: (W, b, v, c), "returned_unchanged"),
        (lambda W, b, v, c: (W, b, 2 * v, c - v.sum(axis=0)), "hidden_not_doubled"),
        (lambda W, b, v, c: (2 * W, 2 * b, v, c - v.sum(axis=0)), "output_not_doubled"),
        (lambda W, b, v, c: (2 * W, 2 * b, 2 * v, c), "missing_output_shift"),
        (lambda W, b, v, c: (2 * W, 2 * b, 2 * v, c + v.sum(axis=0)), "shift_sign"),
        (lambda W, b, v, c: (2 * W, 2 * b, 2 * v, 2 * c - v.sum(axis=0)), "doubled_c"),
        (lambda W, b, v, c: (2 * W, 2 * b, 2 * v, c - 2 * v.sum(axis=0)), "shift_of_doubled_v"),
        (lambda W, b, v, c: (2 * W, 2 * b, 2 * v, c - v.sum()), "summed_all_outputs"),
        (lambda W, b, v, c: (W / 2, b / 2, v / 2, c + v.sum(axis=0) / 2), "reversed_conversion"),
        (lambda W, b, v, c: (2 * W, 2 * b, 2 * v.ravel(), c - v.sum()), "wrong_shape"),
        (lambda W, b, v, c: 2 * W, "wrong_type"),
    ],
    "q4_softmax_temperature": [
        (lambda z, T, axis=-1: naive_softmax(np.asarray(z) / T, axis), "not_max_shifted"),
        (shift_by_max_of_z, "shifted_by_max_of_z"),
        (lambda z, T, axis=-1: softmax_axis(np.asarray(z, dtype=float), axis), "temperature_after_exp"),
        (lambda z, T, axis=-1: softmax_axis(np.asarray(z, dtype=float) * T, axis), "multiplies_by_T"),
        (lambda z, T, axis=-1: softmax_axis(np.asarray(z) / T, 0), "wrong_axis"),
        (lambda z, T, axis=-1: softmax_axis(np.asarray(z) / T, -1), "ignores_axis"),
        (lambda z, T, axis=-1: global_max_softmax(np.asarray(z) / T, axis), "global_max"),
    ],
}

WRONG.update(WRONG_THREAD)
WRONG.update(WRONG_AUTODIFF)
CASES = [(ex_id, i) for ex_id, wrongs in WRONG.items() for i in range(len(wrongs))]


def test_every_exercise_has_at_least_three_wrong_answers():
    assert set(WRONG) == set(EXERCISES)
    assert all(len(w) >= 3 for w in WRONG.values())


@pytest.mark.parametrize("ex_id, i", CASES, ids=[f"{e}-{WRONG[e][i][1]}" for e, i in CASES])
def test_wrong_answer_is_rejected_with_the_named_mistake(ex_id, i, capsys):
    answer, mistake = WRONG[ex_id][i]
    result = check(ex_id, answer)
    out = capsys.readouterr().out
    assert result.status in ("fail", "error"), result.message
    assert result.points < EXERCISES[ex_id].points
    assert mistake in result.mistake.split(","), result.message
    assert out.strip() == result.message
    assert "Traceback" not in out
    if mistake not in ("raised", "wrong_type", "wrong_shape"):
        assert "It looks like" in result.message and "Hint:" in result.message, result.message


def test_quiz_partial_credit():
    result = check("q3_sigmoid_net_from_tanh", lambda W, b, v, c: (2 * W, 2 * b, 2 * v, c - v.sum()))
    assert (result.status, result.points) == ("fail", 10)
    assert "partly right, 10/15 points" in result.message
    assert result.parts == {"the same function, one output": 10, "several outputs, one hidden unit or many": 0}
    for unstable in (lambda z, T, axis=-1: naive_softmax(np.asarray(z) / T, axis), shift_by_max_of_z):
        result = check("q4_softmax_temperature", unstable)
        assert result.parts["small temperatures: finite and exact"] == 0 and result.points == 10, result.message
    result = check("q4_softmax_temperature", lambda z, T, axis=-1: softmax_axis(np.asarray(z) / T, 0))
    assert (result.points, result.mistake) == (10, "wrong_axis"), result.message
    result = check("q1_perceptron_gates", perceptron_trainer(claims=True))
    assert result.points == 12
    assert result.parts == {"OR learned": 4, "AND learned": 4, "NOT learned": 4, "XOR: no solution found": 0}


def test_quiz1_infinite_training_on_xor_keeps_the_gates_points(monkeypatch):
    monkeypatch.setenv("NBHELPERS_CHECK_TIMEOUT", "0.5")

    def train_perceptron(X, y, lr=1.0, max_epochs=100):
        Xa = np.hstack([np.ones((len(X), 1)), X])
        w = np.zeros(Xa.shape[1])
        while True:
            changed = False
            for x, t in zip(Xa, y):
                c = float(w @ x >= 0)
                if c != t:
                    w = w - lr * x * (c - t)
                    changed = True
            if not changed:
                return w, True

    result = check("q1_perceptron_gates", train_perceptron)
    assert result.points == 12
    assert "timeout" in result.mistake
    assert "did not finish" in result.message


def test_quiz2_reported_r2_must_match_the_model():
    result = check("q2_diabetes_r2", diabetes_variant(wrong_r2=True))
    assert result.points == 10
    assert "but the model's R^2 on X_test, y_test is" in result.message
