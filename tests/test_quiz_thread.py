"""The exercises of the reader's network library: each typical wrong answer is named, broken answers get
feedback, inputs stay untouched, and the library's train is the course's MLP, number for number.

``WRONG_THREAD`` joins ``test_quiz_catalogue.WRONG``, so every wrong answer below is also judged on the
grader's hidden inputs (``test_quiz_hidden``).
"""
import numpy as np
import pytest

from nbhelpers import quiz
from nbhelpers.models import MLP
from nbhelpers.quiz import check, get_exercise
from nbhelpers.quiz._catalogue.backprop import backward, se_output
from nbhelpers.quiz._catalogue.training import init_params, sgd_step
from nbhelpers.quiz._catalogue.forward import forward_pass
from nbhelpers.quiz._catalogue.softmax import softmax_ce_output

NEW = ["swish_prime", "dense_forward", "forward_pass", "se_output", "backward", "numerical_gradient", "init_params",
       "sgd_step", "train", "bce_output_delta", "softmax_ce_output"]


@pytest.fixture(autouse=True)
def fresh(monkeypatch, tmp_path):
    for var in ("NBHELPERS_GRADING", "NBHELPERS_RESULTS", "NBHELPERS_SOLUTIONS"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NBHELPERS_CHECK_TIMEOUT", "5")
    monkeypatch.chdir(tmp_path)
    quiz.reset()


def sig(z):
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


# --- forward_pass, as students get it wrong ----------------------------------------------------
def forward_variant(kind):
    def forward_pass(X, weights, biases):
        zs, acts = [], [X.T if kind == "transposed" else X]
        for W, b in zip(weights, biases):
            z = W.T @ acts[-1] + b[:, None] if kind == "transposed" else acts[-1] @ W + b
            zs.append(z)
            acts.append(sig(z))
        if kind == "linear_output":
            acts[-1] = zs[-1]
        if kind == "only_output":
            return acts[-1]
        return (zs[:-1] if kind == "zs_short" else zs), (acts[1:] if kind == "no_input" else acts)
    return forward_pass


# --- se_output and softmax_ce_output --------------------------------------------------------------
def se_variant(mean=True, half=True, delta_n=True, prime=True, sign=1):
    def se_output(z, Y):
        a, n = sig(z), len(Y)
        E = (0.5 if half else 1.0) * np.sum((a - Y) ** 2) / (n if mean else 1)
        return E, sign * (a - Y) * (a * (1 - a) if prime else 1) / (n if delta_n else 1)
    return se_output


def ce_variant(shift=True, log_sum_exp=True, mean=True, minus=True, delta_n=True, sign=1):
    def softmax_ce_output(z, Y):
        n = len(z)
        s = z - np.max(z, axis=1, keepdims=True) if shift else z
        p = np.exp(s) / np.sum(np.exp(s), axis=1, keepdims=True)
        log_p = s - np.log(np.sum(np.exp(s), axis=1, keepdims=True)) if log_sum_exp else np.log(p)
        E = (-1 if minus else 1) * np.sum(Y * log_p) / (n if mean else 1)
        return E, sign * (p - Y) / (n if delta_n else 1)
    return softmax_ce_output


# --- backward -----------------------------------------------------------------------------------
def backward_variant(db_mean=False, dw_mean=False, prime=True, own_output=False, reverse=False, transpose=False):
    def backward(delta_L, zs, activations, weights):
        n = len(delta_L)
        grads_W, grads_b, delta = [], [], delta_L
        for l in range(len(weights) - 1, -1, -1):
            a = activations[l + 1] if own_output else activations[l]
            dW = delta.T @ a if transpose else a.T @ delta
            grads_W.append(dW / n if dw_mean else dW)
            grads_b.append(delta.mean(axis=0) if db_mean or dw_mean else delta.sum(axis=0))
            if l > 0:
                s = sig(zs[l - 1])
                delta = (delta @ weights[l].T) * (s * (1 - s) if prime else 1)
        order = slice(None) if reverse else slice(None, None, -1)
        return grads_W[order], grads_b[order]
    return backward


# --- numerical_gradient ---------------------------------------------------------------------------
def gradient_variant(forward=False, by_h=False, rows=False, in_place=False, restore=True):
    def numerical_gradient(f, theta, h=1e-5):
        t = theta if in_place else theta.copy()
        grad = np.zeros_like(t)
        for i in range(len(t)) if rows else np.ndindex(t.shape):
            old = np.copy(t[i])
            t[i] = old + h
            up = f(t)
            t[i] = old if forward else old - h
            down = f(t)
            grad[i] = (up - down) / (h if forward or by_h else 2 * h)
            if restore:
                t[i] = old
        return grad
    return numerical_gradient


# --- init_params ------------------------------------------------------------------------------------
def init_variant(kind):
    def init_params(sizes, rng, scale=0.1):
        weights, biases = [], []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            if kind == "transposed":
                weights.append(scale * rng.standard_normal((n_out, n_in)))
            elif kind == "no_scale":
                weights.append(rng.standard_normal((n_in, n_out)))
            elif kind == "global":
                weights.append(scale * np.random.randn(n_in, n_out))
            elif kind == "own_rng":
                weights.append(scale * np.random.default_rng(0).standard_normal((n_in, n_out)))
            else:
                weights.append(scale * rng.standard_normal((n_in, n_out)))
            biases.append(rng.standard_normal(n_out) if kind == "random_biases" else np.zeros(n_out))
        return weights, biases
    return init_params


# --- sgd_step -----------------------------------------------------------------------------------------
def sgd_variant(sign=-1, use_lr=True, bias=True):
    def sgd_step(weights, biases, grads_W, grads_b, lr):
        step = lr if use_lr else 1.0
        new_b = [b + sign * step * g for b, g in zip(biases, grads_b)] if bias else biases
        return [W + sign * step * g for W, g in zip(weights, grads_W)], new_b
    return sgd_step


def sgd_in_place(weights, biases, grads_W, grads_b, lr):
    for W, b, dW, db in zip(weights, biases, grads_W, grads_b):
        W -= lr * dW
        b -= lr * db
    return weights, biases


# --- train, written as students write it, on the course's helpers -------------------------------------
def train_variant(kind=""):
    def train(X, Y, weights, biases, lr, epochs, batch_size=None, rng=None, output=se_output):
        output = se_output if kind == "ignores_output" else output
        n = len(X)
        step = n if batch_size is None or batch_size >= n else batch_size
        once = rng.permutation(n) if kind == "shuffled_once" and step < n else None
        losses = []
        for _ in range(epochs):
            if step == n or kind == "not_shuffled":
                order = np.arange(n)
            elif kind == "global_random":
                order = np.random.permutation(n)
            else:
                order = once if once is not None else rng.permutation(n)
            stop = n - n % step if kind == "dropped_last_batch" else n
            batch_losses, sizes = [], []
            for i in range(0, stop, step):
                idx = order[i:i + step]
                zs, acts = forward_pass(X[idx], weights, biases)
                E, delta = output(zs[-1], Y[idx])
                grads_W, grads_b = backward(delta, zs, acts, weights)
                weights, biases = sgd_step(weights, biases, grads_W, grads_b, lr)
                batch_losses.append(E)
                sizes.append(len(idx))
            if kind == "loss_after_update":
                losses.append(output(forward_pass(X, weights, biases)[0][-1], Y)[0])
            elif kind == "sum_of_batch_losses":
                losses.append(sum(batch_losses))
            elif kind == "unweighted_mean":
                losses.append(np.mean(batch_losses))
            else:
                losses.append(np.dot(batch_losses, sizes) / n)
        return weights, biases, losses
    return train


def bce_loss(z, y):
    a = sig(z)
    return -(y * np.log(a) + (1 - y) * np.log(1 - a))


WRONG_THREAD = {
    "swish_prime": [
        (lambda z: sig(z) * (1 - sig(z)), "sigmoid_prime_only"),
        (lambda z: z * sig(z) * (1 - sig(z)), "missing_sigmoid_term"),
        (sig, "returned_sigmoid"),
        (lambda z: z * sig(z), "returned_swish"),
    ],
    "dense_forward": [
        (lambda X, W, b: X @ W, "missing_bias"),
        (lambda X, W, b: sig(X @ W + b), "applied_activation"),
        (lambda X, W, b: W.T @ X.T + b[:, None], "transposed_output"),
        (lambda X, W, b: W @ X + b, "raised"),
    ],
    "forward_pass": [
        (forward_variant("no_input"), "activations_missing_input"),
        (forward_variant("zs_short"), "zs_missing_last"),
        (forward_variant("linear_output"), "linear_output"),
        (forward_variant("only_output"), "returned_only_output"),
        (forward_variant("transposed"), "transposed"),
    ],
    "se_output": [
        (se_variant(mean=False), "sum_not_mean"),
        (se_variant(half=False), "missing_half"),
        (se_variant(delta_n=False), "delta_without_1_over_n"),
        (se_variant(prime=False), "missing_activation_derivative"),
        (se_variant(sign=-1), "sign_flipped"),
    ],
    "backward": [
        (backward_variant(db_mean=True), "mean_bias_gradient"),
        (backward_variant(dw_mean=True), "divided_by_n_twice"),
        (backward_variant(prime=False), "missing_activation_derivative"),
        (backward_variant(own_output=True), "wrong_activation"),
        (backward_variant(reverse=True), "reversed_order"),
        (backward_variant(transpose=True), "transposed_gradient"),
    ],
    "numerical_gradient": [
        (gradient_variant(forward=True), "forward_difference"),
        (gradient_variant(by_h=True), "divides_by_h"),
        (gradient_variant(rows=True), "only_1d"),
        (gradient_variant(in_place=True, restore=False), "mutated_input"),
        (gradient_variant(restore=False), "not_restored"),
    ],
    "init_params": [
        (init_variant("transposed"), "transposed_weights"),
        (init_variant("no_scale"), "ignores_scale"),
        (init_variant("random_biases"), "random_biases"),
        (init_variant("global"), "global_random"),
        (init_variant("own_rng"), "ignores_rng"),
    ],
    "sgd_step": [
        (sgd_variant(sign=1), "update_sign_flipped"),
        (sgd_variant(use_lr=False), "ignores_lr"),
        (sgd_variant(bias=False), "bias_not_updated"),
        (sgd_in_place, "mutated_input"),
    ],
    "train": [(train_variant(kind), kind) for kind in (
        "loss_after_update", "not_shuffled", "shuffled_once", "dropped_last_batch", "sum_of_batch_losses",
        "unweighted_mean", "ignores_output", "global_random")],
    "bce_output_delta": [
        (lambda z, y: (sig(z) - y) * sig(z) * (1 - sig(z)), "kept_activation_derivative"),
        (lambda z, y: y - sig(z), "sign_flipped"),
        (bce_loss, "returned_loss"),
        (lambda z, y: (sig(z) - y) / (sig(z) * (1 - sig(z))), "derivative_wrt_output"),
    ],
    "softmax_ce_output": [
        (ce_variant(delta_n=False), "delta_without_1_over_n"),
        (ce_variant(mean=False), "sum_not_mean"),
        (ce_variant(minus=False), "missing_minus"),
        (ce_variant(sign=-1), "sign_flipped"),
        (ce_variant(shift=False, log_sum_exp=False), "not_max_shifted"),
        (ce_variant(log_sum_exp=False), "log_of_softmax"),
    ],
}


def test_the_library_exercises_are_registered_with_their_notebooks():
    notebooks = {ex_id: get_exercise(ex_id).notebook for ex_id in NEW}
    assert notebooks["swish_prime"] == "04_activation_functions"
    assert notebooks["dense_forward"] == notebooks["forward_pass"] == "05_multilayer_networks"
    assert notebooks["softmax_ce_output"] == "09_softmax"
    assert {notebooks[e] for e in NEW[3:10]} == {"06_backpropagation"}
    assert set(WRONG_THREAD) == set(NEW)
    for ex_id in NEW:
        ex = get_exercise(ex_id)
        assert ex.points == 5 and len(ex.hints) == 3 and ex.stub.startswith(f"def {ex_id}(")


@pytest.mark.parametrize("ex_id", NEW)
def test_the_reference_passes(ex_id, capsys):
    assert check(ex_id, get_exercise(ex_id).reference).status == "pass"


CASES = [(ex_id, i) for ex_id in NEW for i in range(len(WRONG_THREAD[ex_id]))]


@pytest.mark.parametrize("ex_id, i", CASES, ids=[f"{e}-{WRONG_THREAD[e][i][1]}" for e, i in CASES])
def test_each_wrong_answer_is_named_with_its_hint(ex_id, i, capsys):
    answer, mistake = WRONG_THREAD[ex_id][i]
    result = check(ex_id, answer)
    assert result.status in ("fail", "error") and result.points == 0, result.message
    assert mistake in result.mistake.split(","), result.message
    assert "Traceback" not in capsys.readouterr().out
    if mistake != "raised":
        assert "It looks like" in result.message and "Hint:" in result.message, result.message


def stub_ellipsis(*args, **kwargs):
    ...


def stub_raises(*args, **kwargs):
    raise NotImplementedError


def raises(*args, **kwargs):
    raise ValueError("matmul: Input operand 1 has a mismatch in its core dimension 0")


def nan_pair(*args, **kwargs):
    return np.nan, np.full((2, 2), np.nan)


def wrong_shapes(*args, **kwargs):
    return [np.zeros((7, 5))], [np.zeros(3)], [0.0]


@pytest.mark.parametrize("ex_id", NEW)
@pytest.mark.parametrize("answer, status", [(stub_ellipsis, "not_done"), (stub_raises, "not_done"),
                                            (raises, "error"), (nan_pair, "fail"), (wrong_shapes, "fail"),
                                            ("a string", "fail")],
                         ids=["stub", "not_implemented", "raises", "nan", "wrong_shapes", "not_a_function"])
def test_broken_answers_get_friendly_feedback(ex_id, answer, status, capsys):
    result = check(ex_id, answer)
    out = capsys.readouterr().out
    assert result.status == status, result.message
    assert result.points == 0 and result.mistake != "checker_bug", result.message
    assert "Traceback" not in out and out.strip()


@pytest.mark.parametrize("body", ["...", "raise NotImplementedError"])
def test_an_untouched_train_stub_is_not_done_even_when_its_helpers_are_stubs_too(body, capsys):
    namespace = {"np": np}
    stub = get_exercise("train").stub.replace("...", body)
    exec("def se_output(z, Y):\n    raise NotImplementedError\n\n\n" + stub, namespace)  # noqa: S102
    assert check("train", namespace["train"]).status == "not_done"


def test_a_train_calling_an_unfinished_helper_is_told_which_one(capsys):
    namespace = {"np": np, "forward_pass": forward_pass, "se_output": se_output, "sgd_step": sgd_step,
                 "backward": backward_variant(db_mean=True)}
    exec(get_exercise("train").solution_code(), namespace)  # noqa: S102 - the reference train, on a wrong backward
    result = check("train", namespace["train"])
    assert result.status == "fail"
    assert "Your train calls your backward, which does not pass check('backward', backward) yet" in result.message
    namespace["backward"] = stub_raises
    result = check("train", namespace["train"])
    assert result.status == "error" and "calls your backward" in result.message, result.message


@pytest.mark.parametrize("ex_id", ["dense_forward", "forward_pass", "backward", "sgd_step", "train"])
def test_an_answer_that_changes_its_inputs_is_caught(ex_id):
    reference = get_exercise(ex_id).reference

    def scribbles(*args, **kwargs):
        value = reference(*args, **kwargs)
        for arg in args:
            target = arg[0] if isinstance(arg, list) else arg
            if isinstance(target, np.ndarray) and target.size:
                target.flat[0] += 1.0
        return value

    result = check(ex_id, scribbles)
    assert result.mistake == "mutated_input", result.message


def test_a_loss_like_1000_minus_minus_1000_is_exact():
    E, delta = softmax_ce_output(np.array([[1000.0, -1000.0]]), np.array([[0.0, 1.0]]))
    assert E == 2000.0 and np.allclose(delta, [[1.0, -1.0]])


def test_init_params_draws_layer_by_layer_from_the_rng():
    weights, biases = init_params([2, 3, 1], np.random.default_rng(4), scale=0.5)
    draws = np.random.default_rng(4).standard_normal(2 * 3 + 3 * 1)
    assert np.array_equal(np.concatenate([W.ravel() for W in weights]), 0.5 * draws)
    assert all(not b.any() for b in biases)


# --- train is the course's MLP, number for number -------------------------------------------------------
def _mlp_from(weights, biases, X, y, **options):
    net = MLP(activation="sigmoid", batch_size=None, **options).initialize(X, y)
    for param, value in zip(net.parameters().values(), [v for pair in zip(weights, biases) for v in pair]):
        param[...] = value  # W1, b1, W2, b2, ...
    return net


@pytest.mark.parametrize("hidden", [(3,), (4, 3), ()])
def test_full_batch_train_matches_the_mlp(hidden):
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(12, 2)), rng.integers(0, 2, size=12)
    y[:2] = [0, 1]
    weights, biases = init_params([2, *hidden, 1], rng, scale=0.5)
    net = _mlp_from(weights, biases, X, y, hidden=hidden, output="sigmoid", loss="squared_error", lr=2.0)
    net.partial_fit(X, y, epochs=60)
    new_W, new_b, losses = get_exercise("train").reference(X, y[:, None].astype(float), weights, biases, 2.0, 60)
    assert np.max(np.abs(np.array(losses) - net.loss_curve_)) <= 1e-10
    for mine, course in zip(new_W + new_b, net.coefs_ + net.intercepts_):
        assert np.max(np.abs(mine - course)) <= 1e-10
    assert losses[-1] < losses[0]


def test_train_with_softmax_ce_output_matches_the_softmax_mlp():
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(15, 3)), np.arange(15) % 4
    weights, biases = init_params([3, 5, 4], rng, scale=0.5)
    net = _mlp_from(weights, biases, X, y, hidden=(5,), output="softmax", loss="categorical_cross_entropy", lr=1.0)
    net.partial_fit(X, y, epochs=50)
    new_W, new_b, losses = get_exercise("train").reference(X, np.eye(4)[y], weights, biases, 1.0, 50,
                                                           output=softmax_ce_output)
    assert np.max(np.abs(np.array(losses) - net.loss_curve_)) <= 1e-10
    for mine, course in zip(new_W + new_b, net.coefs_ + net.intercepts_):
        assert np.max(np.abs(mine - course)) <= 1e-10


def test_train_leaves_the_callers_parameters_alone_and_shuffles_with_its_rng():
    rng = np.random.default_rng(2)
    X, Y = rng.normal(size=(10, 2)), rng.uniform(size=(10, 1))
    weights, biases = init_params([2, 3, 1], rng, scale=0.5)
    before = [W.copy() for W in weights]
    train = get_exercise("train").reference
    first = train(X, Y, weights, biases, 0.5, 3, batch_size=4, rng=np.random.default_rng(7))
    second = train(X, Y, weights, biases, 0.5, 3, batch_size=4, rng=np.random.default_rng(7))
    other = train(X, Y, weights, biases, 0.5, 3, batch_size=4, rng=np.random.default_rng(8))
    assert all(np.array_equal(a, b) for a, b in zip(weights, before))
    assert first[2] == second[2] and first[2] != other[2]
