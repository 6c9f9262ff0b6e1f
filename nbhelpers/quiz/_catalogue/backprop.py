"""Exercises of 06_backpropagation: error signals, the gradient check, one mini-batch SGD step."""
import numpy as np

from .._core import Exercise, Mistake, fmt

NOTEBOOK = "06_backpropagation"


def _sig(z):
    return 1 / (1 + np.exp(-z))


def output_delta(z, y):
    a = 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
    # dE/dz for E = 1/2 sum (a - y)^2 with a = sigma(z): (a - y) * sigma'(z)
    return (a - y) * a * (1 - a)


OD_SIGN = Mistake("sign_flipped", "your error signal has the opposite sign, (y - a) sigma'(z)",
                  "the lecture writes (y - v), then also flips the update; we use delta = (a - y) sigma'(z) "
                  "and w <- w - lr * gradient.")
OD_NO_PRIME = Mistake("missing_activation_derivative", "you returned a - y without sigma'(z)",
                      "the chain rule multiplies by the slope of the output activation: (a - y) * a * (1 - a).")
OD_WRT_OUTPUT = Mistake("derivative_wrt_output", "you used z (1 - z): the formula a (1 - a) wants a = sigma(z)",
                        "compute a = sigma(z) first and use a * (1 - a).")
OD_TWICE = Mistake("sigmoid_applied_twice", "you took sigma'(a) = sigma(a)(1 - sigma(a)) of the output a",
                   "sigma'(z) = a (1 - a), where a = sigma(z) is already the sigmoid.")


def _shapes(rng):
    """Hidden batch shapes drawn at check time: a matrix (n, k), one sample (1, k) and a vector (m,)."""
    return [tuple(rng.integers(2, 6, size=2)), (1, int(rng.integers(1, 5))), (int(rng.integers(2, 7)),)]


def _check_output_delta(ctx, f):
    fixed = (np.array([[0.5, -1.0], [2.0, 0.0], [-0.3, 1.5]]), np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]))
    hidden = [(ctx.rng.normal(0, 2, shape), ctx.rng.integers(0, 2, shape).astype(float)) for shape in _shapes(ctx.rng)]
    for z, y in [fixed, *hidden]:
        where = f"z = {fmt(z)}, y = {fmt(y)}"
        got = ctx.call(f, z, y, where=where, arg_names=["z", "y"])
        a = _sig(z)
        ctx.expect_close(got, (a - y) * a * (1 - a), where=where, what="delta",
                         mistakes=[(OD_SIGN, (y - a) * a * (1 - a)), (OD_NO_PRIME, a - y),
                                   (OD_WRT_OUTPUT, (a - y) * z * (1 - z)),
                                   (OD_TWICE, (a - y) * _sig(a) * (1 - _sig(a)))])


def hidden_delta(delta_next, W_next, z):
    s = 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
    # each hidden unit collects the error signals it fed, weighted by its outgoing weights
    return (delta_next @ W_next.T) * s * (1 - s)


HD_NO_PRIME = Mistake("missing_activation_derivative", "you returned delta_next @ W_next.T without sigma'(z)",
                      "multiply elementwise by sigma'(z) = s * (1 - s) of the hidden layer.")
HD_SIGMA = Mistake("returned_sigmoid", "you multiplied by sigma(z) instead of sigma'(z)",
                   "use s * (1 - s), s = sigma(z).")
HD_WRT_OUTPUT = Mistake("derivative_wrt_output", "you used z (1 - z): the formula wants a = sigma(z)",
                        "s = sigma(z); multiply by s * (1 - s).")
HD_TWICE = Mistake("sigmoid_applied_twice", "you took the sigmoid twice: sigma'(sigma(z))",
                   "z is the pre-activation: s = sigma(z).")


def _check_hidden_delta(ctx, f):
    sizes = [(4, 3, 2), tuple(ctx.rng.integers(2, 6, size=3)), (1, *ctx.rng.integers(2, 5, size=2))]
    for k, (n, J, K) in enumerate(sizes):
        rng = np.random.default_rng(6) if k == 0 else ctx.rng  # the first case is the one the notebook shows
        delta_next, W_next, z = rng.normal(size=(n, K)), rng.normal(size=(J, K)), rng.normal(size=(n, J))
        where = f"delta_next ({n}, {K}), W_next ({J}, {K}), z ({n}, {J})"
        got = ctx.call(f, delta_next, W_next, z, where=where, arg_names=["delta_next", "W_next", "z"],
                       error_hint="W_next has shape (n_hidden, n_out): propagate back with delta_next @ W_next.T.")
        s = _sig(z)
        back = delta_next @ W_next.T
        ctx.expect_close(got, back * s * (1 - s), where=where, what="delta",
                         mistakes=[(HD_NO_PRIME, back), (HD_SIGMA, back * s), (HD_WRT_OUTPUT, back * z * (1 - z)),
                                   (HD_TWICE, back * _sig(s) * (1 - _sig(s)))])


def relative_error(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    ratio = np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-12)  # elementwise, scale-free
    return float(np.max(ratio))


RE_ABS = Mistake("absolute_error", "you returned the absolute difference, not the relative one",
                 "divide |a - b| by max(|a| + |b|, 1e-12), elementwise.")
RE_DIV_A = Mistake("divides_by_a", "you divided by |a| alone, which is 0 somewhere",
                   "divide by |a| + |b|, and guard with np.maximum(..., 1e-12).")
RE_MEAN = Mistake("mean_not_max", "you took the mean of the ratios", "the check reports the worst entry: np.max.")
RE_SIGNED = Mistake("missing_abs", "you forgot the absolute value of a - b", "use np.abs(a - b).")


def _check_relative_error(ctx, f):
    cases = [(np.array([1.0, -2.0, 0.0]), np.array([1.1, -2.0, 0.001])),
             (np.array([[0.5, 0.25], [1.0, 2.0]]), np.array([[0.5, 0.25], [1.0, 2.0]]) * (1 + 1e-7)),
             (np.array([3.0, 0.0]), np.array([1.0, 0.0]))]
    rng = ctx.rng
    for shape in _shapes(rng):
        a = rng.normal(0, 10.0 ** rng.integers(-3, 3), size=shape)
        b = a * (1 + rng.normal(0, 1e-3, size=shape)) + rng.choice([0.0, 1.0], size=shape) * rng.normal(size=shape)
        a.flat[int(rng.integers(a.size))] = 0.0  # a zero entry, as an analytic gradient often has
        cases.append((a, b))
    for a, b in cases:
        where = f"a = {fmt(a)}, b = {fmt(b)}"
        got = ctx.call(f, a, b, where=where, arg_names=["a", "b"])
        d = np.abs(a - b)
        s = np.maximum(np.abs(a) + np.abs(b), 1e-12)
        with np.errstate(all="ignore"):
            div_a = np.max(d / np.abs(a))
        ctx.expect_close(got, np.max(d / s), where=where, what="the relative error", rtol=1e-6, atol=1e-12,
                         mistakes=[(RE_ABS, np.max(d)), (RE_DIV_A, div_a), (RE_MEAN, np.mean(d / s)),
                                   (RE_SIGNED, np.max((a - b) / s))])


def minibatch_sgd_step(w, b, X, y, lr):
    y_hat = X @ w + b
    error = y_hat - y  # dE/dy_hat for E = mean over the batch of 1/2 (y_hat - y)^2
    grad_w = X.T @ error / len(y)
    grad_b = np.mean(error)
    return w - lr * grad_w, b - lr * grad_b


SGD_SIGN = Mistake("update_sign_flipped", "you stepped up the gradient (w + lr * gradient)",
                   "gradient descent goes against the gradient: w <- w - lr * dE/dw.")
SGD_SUM = Mistake("sum_not_mean", "you summed the gradient over the batch instead of averaging",
                  "the loss is the mean over the batch, so divide X.T @ (y_hat - y) by the batch size.")
SGD_NO_BIAS = Mistake("bias_not_updated", "the bias did not change", "b moves too: b - lr * mean(y_hat - y).")
SGD_NO_LR = Mistake("ignores_lr", "the learning rate is not used", "multiply the gradient by lr.")


def _sgd_variant(w, b, X, y, lr, sign=-1, mean=True, bias=True, use_lr=True):
    err = X @ w + b - y
    n = len(y) if mean else 1
    step = lr if use_lr else 1.0
    return np.append(w + sign * step * (X.T @ err) / n, b + sign * step * np.sum(err) / n if bias else b)


def _check_minibatch_sgd_step(ctx, f):
    rng = np.random.default_rng(7)
    X, y = rng.normal(size=(5, 3)), rng.normal(size=5)
    cases = [(np.array([0.5, -0.25, 1.0]), 0.1, X, y, 0.3)]
    for n, d in ((int(ctx.rng.integers(2, 9)), int(ctx.rng.integers(1, 5))), (1, int(ctx.rng.integers(2, 4)))):
        cases.append((ctx.rng.normal(size=d), float(ctx.rng.normal()), ctx.rng.normal(size=(n, d)),
                      ctx.rng.normal(size=n), float(ctx.rng.uniform(0.01, 0.9))))
    for w, b, X, y, lr in cases:
        _sgd_case(ctx, f, w, b, X, y, lr)


def _sgd_case(ctx, f, w, b, X, y, lr):
    where = f"w = {fmt(w)}, b = {fmt(b)}, X of shape {X.shape}, y of shape {y.shape}, lr = {fmt(lr)}"
    got = ctx.call(f, w, b, X, y, lr, where=where, arg_names=["w", "b", "X", "y", "lr"])
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        ctx.fail(f"Return the pair (w_new, b_new); got {fmt(got)}.", mistake="wrong_type")
    w_new = ctx.as_array(got[0], "w_new", where, shape=w.shape)
    b_new = ctx.as_array(got[1], "b_new", where)
    if b_new.size != 1:
        ctx.fail(f"b_new should be one number; it has shape {b_new.shape}.",
                 hint="the bias gradient is the mean of (y_hat - y) over the batch.", mistake="wrong_shape")
    ctx.expect_close(np.append(w_new, b_new.ravel()), _sgd_variant(w, b, X, y, lr), where=where,
                     what="(w_new, b_new) as one vector", mistakes=[
                         (SGD_SIGN, _sgd_variant(w, b, X, y, lr, sign=1)), (SGD_SUM, _sgd_variant(w, b, X, y, lr, mean=False)),
                         (SGD_NO_BIAS, _sgd_variant(w, b, X, y, lr, bias=False)),
                         (SGD_NO_LR, _sgd_variant(w, b, X, y, lr, use_lr=False))])


EXERCISES = [
    Exercise(
        "output_delta", NOTEBOOK,
        "Write `output_delta(z, y)`: the error signal dE/dz of a sigmoid output layer with squared error "
        "E = 1/2 sum (a - y)^2, where a = sigma(z).",
        output_delta, _check_output_delta,
        ["Chain rule: dE/dz = dE/da * da/dz.", "dE/da = a - y and da/dz = a (1 - a) with a = sigma(z).",
         "a = 1 / (1 + np.exp(-z)); return (a - y) * a * (1 - a)."],
        stub="def output_delta(z, y):\n    ...\n"),
    Exercise(
        "hidden_delta", NOTEBOOK,
        "Write `hidden_delta(delta_next, W_next, z)`: the error signal of a sigmoid hidden layer with "
        "pre-activation z (n, J), given the next layer's delta (n, K) and weights W_next (J, K).",
        hidden_delta, _check_hidden_delta,
        ["A hidden unit's error is the sum of the errors it feeds, weighted by its outgoing weights.",
         "That sum for all units and samples is delta_next @ W_next.T, of shape (n, J); then multiply by sigma'(z).",
         "s = 1 / (1 + np.exp(-z)); return (delta_next @ W_next.T) * s * (1 - s)."],
        stub="def hidden_delta(delta_next, W_next, z):\n    ...\n"),
    Exercise(
        "relative_error", NOTEBOOK,
        "Write `relative_error(a, b)` for a gradient check: the largest elementwise |a - b| / max(|a| + |b|, 1e-12).",
        relative_error, _check_relative_error,
        ["A relative error does not depend on the scale of the gradients.",
         "Divide elementwise by np.maximum(np.abs(a) + np.abs(b), 1e-12) so that 0 / 0 cannot happen.",
         "return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-12)))."],
        stub="def relative_error(a, b):\n    ...\n"),
    Exercise(
        "minibatch_sgd_step", NOTEBOOK,
        "Write `minibatch_sgd_step(w, b, X, y, lr)` for a linear unit y_hat = X @ w + b and the loss "
        "mean over the batch of 1/2 (y_hat - y)^2: return the updated (w, b) after one gradient step.",
        minibatch_sgd_step, _check_minibatch_sgd_step,
        ["dLoss/dy_hat = (y_hat - y) / n for a batch of n samples.",
         "grad_w = X.T @ (y_hat - y) / n and grad_b = mean(y_hat - y).",
         "return w - lr * grad_w, b - lr * grad_b."],
        stub="def minibatch_sgd_step(w, b, X, y, lr):\n    ...\n"),
]
