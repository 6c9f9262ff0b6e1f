"""Exercises of 06_backpropagation: error signals, where a gradient check fails, one mini-batch SGD step, and the
library's se_output and backward (its gradient check, update and training loop: ``training``)."""
import numpy as np

from .._core import Exercise, Mistake, describe, fmt
from ._network import expect_arrays, inline, network_text, random_network, scalar, sig, unpack
from .forward import forward_pass

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


def kink_input(w, b, h=1e-5):
    # relu(w x + b) has its kink where w x + b = 0. With the kink inside [x - h, x + h] the central difference
    # averages the two one-sided slopes (w / 2 at the kink itself), while the analytic slope is w or 0.
    return -b / w


KI_PLAIN = Mistake("kink_of_relu", "you returned x = 0, the kink of relu(x): the kink of relu(w x + b) moves "
                   "with w and b", "the unit's kink is where its input w x + b crosses 0: solve w x + b = 0 for x.")
KI_SIGN = Mistake("sign_error", "you returned b / w, the mirror image of the kink",
                  "solve w x + b = 0: x = ... (mind the sign when b moves to the other side).")
KI_NO_W = Mistake("ignores_w", "you returned -b, which is the kink only when w = 1",
                  "w x + b = 0 has to be solved for x: divide by w.")
KI_FAR = Mistake("far_from_kink", "your x is too far from the unit's kink: [x - h, x + h] does not reach into it "
                 "deeply enough", "the two derivatives disagree only where the interval [x - h, x + h] straddles "
                 "the kink, close to its middle. Where is the kink of relu(w x + b)?")
KI_INVERTED = Mistake("inverted_ratio", "you returned -w / b, the ratio upside down",
                      "solve w x + b = 0 for x: move b to the other side, then divide by w.")


def _relu_derivatives(w, b, x, h):
    """The central difference and the analytic slope of relu(w x + b) at x, as the checker computes them."""
    relu = lambda u: max(u, 0.0)  # noqa: E731
    numeric = (relu(w * (x + h) + b) - relu(w * (x - h) + b)) / (2 * h)
    analytic = w if w * x + b > 0 else 0.0
    return numeric, analytic


def _kink_cases(rng):
    cases = [(2.0, -1.0, 1e-5)]
    for _ in range(5):
        w = float(rng.choice([-1.0, 1.0]) * 10 ** rng.uniform(-2, 2))
        b = float(rng.choice([-1.0, 1.0]) * 10 ** rng.uniform(-1, 2))
        h = float(10 ** -rng.uniform(3, 7))
        cases.append((w, b, h))
    return cases


def _check_kink_input(ctx, f):
    for k, (w, b, h) in enumerate(_kink_cases(ctx.rng)):
        where = f"w = {w:.6g}, b = {b:.6g}, h = {h:.3g}" + (" (the default)" if k == 0 else "")
        args = (w, b) if k == 0 else (w, b, h)  # the first case uses the default h = 1e-5
        got = ctx.call(f, *args, where=where, arg_names=["w", "b", "h"][:len(args)])
        if np.size(got) != 1:
            ctx.fail(f"Return one number x at {where}; got {describe(got)}.", mistake="wrong_shape")
        x = float(ctx.as_array(got, "your x", where).ravel()[0])
        numeric, analytic = _relu_derivatives(w, b, x, h)
        if abs(numeric - analytic) > abs(w) / 4:
            continue
        lines = [f"At {where} and your x = {x:.10g} the gradient check passes:",
                 f"    central difference {numeric:.6g}, analytic slope {analytic:.6g}: they differ by "
                 f"{abs(numeric - analytic):.3g}, not by more than |w| / 4 = {abs(w) / 4:.6g}."]
        for mistake, value in ((KI_PLAIN, 0.0), (KI_SIGN, b / w), (KI_NO_W, -b), (KI_INVERTED, -w / b)):
            if np.isclose(x, value, rtol=1e-9, atol=1e-12):
                ctx.fail(*lines, mistake=mistake)
        kink = -b / w
        ctx.fail(*lines, f"Your x is {abs(x - kink) / h:.3g} h away from the unit's kink.", mistake=KI_FAR)


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


# --- the library's pieces: the output layer, backward, the gradient check, init, update, training -----
def se_output(z, Y):
    a = 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
    n = len(Y)
    E = 0.5 * np.sum((a - Y) ** 2) / n  # the mean over the n samples of 1/2 sum_k (a - y)^2
    delta = (a - Y) * a * (1 - a) / n  # dE/dz: the 1/n of the mean reaches every sample's share
    return float(E), delta


SE_SUM = Mistake("sum_not_mean", "your E is the sum over the samples, not the mean",
                 "divide the sum by the number of samples n = len(Y).")
SE_NO_HALF = Mistake("missing_half", "your E has no factor 1/2", "E = mean over the samples of 1/2 sum_k (a - y)^2.")
SE_NO_N = Mistake("delta_without_1_over_n", "your delta lacks the 1/n of the mean",
                  "E is a mean over n samples, so each sample's dE/dz has a factor 1/n: (a - Y) * a * (1 - a) / n.")
SE_NO_PRIME = Mistake("missing_activation_derivative", "your delta lacks sigma'(z) = a (1 - a)",
                      "chain rule: dE/dz = dE/da * da/dz, and da/dz = a * (1 - a) for a = sigmoid(z).")
SE_SIGN = Mistake("sign_flipped", "your delta has the opposite sign, (Y - a) ...",
                  "dE/da = a - Y; the update then goes against the gradient: W <- W - lr * dW.")


def _check_se_output(ctx, f):
    cases = [(np.array([[0.5, -1.0], [2.0, 0.0], [-0.3, 1.5]]), np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]))]
    for shape in (tuple(ctx.rng.integers(2, 6, size=2)), (1, int(ctx.rng.integers(1, 4)))):
        cases.append((ctx.rng.normal(0, 2, shape), ctx.rng.uniform(0, 1, shape)))
    for z, Y in cases:
        where = f"z = {inline(z)}, Y = {inline(Y)}"
        got = ctx.call(f, z, Y, where=where, arg_names=["z", "Y"])
        E, delta = unpack(ctx, got, ["E", "delta"], where)
        a, n = sig(z), len(Y)
        E_ref = 0.5 * np.sum((a - Y) ** 2) / n
        ctx.expect_close(scalar(ctx, E, "E", where), E_ref, where=where, what="E",
                         mistakes=[(SE_SUM, E_ref * n), (SE_NO_HALF, 2 * E_ref)])
        d = (a - Y) * a * (1 - a)
        ctx.expect_close(delta, d / n, where=where, what="delta", mistakes=[
            (SE_NO_N, d), (SE_NO_PRIME, (a - Y) / n), (SE_NO_PRIME, a - Y), (SE_SIGN, -d / n), (SE_SIGN, -d)])


def backward(delta_L, zs, activations, weights):
    grads_W, grads_b = [], []
    delta = delta_L  # dE/dz of the output layer for the whole batch (its 1/n included)
    for l in range(len(weights) - 1, -1, -1):  # from the output layer back to the first
        grads_W.insert(0, activations[l].T @ delta)  # activations[l] is this layer's input
        grads_b.insert(0, delta.sum(axis=0))  # a sum over the samples: delta already holds the 1/n
        if l > 0:
            s = 1 / (1 + np.exp(-zs[l - 1]))
            delta = (delta @ weights[l].T) * s * (1 - s)  # the error signal of the layer below
    return grads_W, grads_b


BW_MEAN_DB = Mistake("mean_bias_gradient", "your bias gradients are means over the samples: the 1/n counts twice",
                     "delta_L already holds the 1/n of the mean loss: db = delta.sum(axis=0).")
BW_TWICE = Mistake("divided_by_n_twice", "your gradients are divided by the number of samples once more",
                   "delta_L already holds the 1/n of the mean loss: dW = a.T @ delta and db = delta.sum(axis=0).")
BW_NO_PRIME = Mistake("missing_activation_derivative", "the hidden layers' delta lacks sigma'(z)",
                      "delta_below = (delta @ W.T) * s * (1 - s) with s = sigmoid(z) of the layer below.")
BW_WRONG_ACT = Mistake("wrong_activation", "dW uses the layer's own output a_l instead of its input a_(l-1)",
                       "dW_l = a_(l-1).T @ delta_l: for weights[i] the input is activations[i] (activations[0] is X).")
BW_REVERSED = Mistake("reversed_order", "your gradients are in reverse order (output layer first)",
                      "grads_W[i] belongs to weights[i]: insert each at the front, or reverse the lists at the end.")
BW_TRANSPOSED = Mistake("transposed_gradient", "your weight gradients are transposed, (n_out, n_in)",
                        "dW has the shape of W: a.T @ delta, not delta.T @ a.")


def _backward_as(delta, zs, activations, weights, prime=True, shift=0):
    """``backward`` with a slip: no sigma'(z) in the hidden layers, or a layer's output for its input (shift=1)."""
    grads = []
    for l in reversed(range(len(weights))):
        grads.insert(0, (activations[l + shift].T @ delta, delta.sum(axis=0)))
        s = sig(zs[l - 1]) if l else 0.0
        delta = (delta @ weights[l].T) * (s * (1 - s) if prime else 1.0) if l else delta
    return [g for g, _ in grads], [g for _, g in grads]


def _check_backward(ctx, f):
    rng = np.random.default_rng(8)
    cases = [random_network(rng, depth=3, n=4), random_network(ctx.rng), random_network(ctx.rng, n=1),
             random_network(ctx.rng, depth=int(ctx.rng.integers(2, 5)))]
    for k, (sizes, X, weights, biases) in enumerate(cases):
        zs, activations = forward_pass(X, weights, biases)
        delta_L = (rng if k == 0 else ctx.rng).normal(size=zs[-1].shape) / len(X)
        where = network_text(sizes, X)
        got = ctx.call(f, delta_L, zs, activations, weights, where=where,
                       arg_names=["delta_L", "zs", "activations", "weights"],
                       error_hint="dW_l = a_(l-1).T @ delta_l, db_l = delta_l.sum(axis=0), "
                                  "delta_(l-1) = (delta_l @ W_l.T) * sigma'(z_(l-1)).")
        grads_W, grads_b = unpack(ctx, got, ["grads_W", "grads_b"], where)
        ref_W, ref_b = backward(delta_L, zs, activations, weights)
        no_prime, wrong_act = _backward_as(delta_L, zs, activations, weights, prime=False), _backward_as(
            delta_L, zs, activations, weights, shift=1)
        n = len(X)
        expect_arrays(ctx, grads_W, ref_W, "grads_W", where, mistakes=[
            (BW_TWICE, [g / n for g in ref_W]), (BW_NO_PRIME, no_prime[0]), (BW_WRONG_ACT, wrong_act[0]),
            (BW_REVERSED, ref_W[::-1]), (BW_TRANSPOSED, [g.T for g in ref_W])])
        expect_arrays(ctx, grads_b, ref_b, "grads_b", where, mistakes=[
            (BW_MEAN_DB, [g / n for g in ref_b]), (BW_NO_PRIME, no_prime[1]), (BW_REVERSED, ref_b[::-1])])


def bce_output_delta(z, y):
    a = 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
    # dE/da = (a - y) / (a (1 - a)) and da/dz = a (1 - a): the two cancel
    return a - y


BCE_KEPT_PRIME = Mistake("kept_activation_derivative", "you multiplied by sigma'(z) = a (1 - a)",
                         "dE/da = (a - y) / (a (1 - a)) divides by exactly that factor: the two cancel, leaving a - y.")
BCE_SIGN = Mistake("sign_flipped", "your delta is y - a",
                   "dE/da = -y / a + (1 - y) / (1 - a) = (a - y) / (a (1 - a)); times da/dz = a (1 - a) gives a - y.")
BCE_LOSS = Mistake("returned_loss", "you returned the loss E itself, not its derivative",
                   "differentiate E = -(y log a + (1 - y) log(1 - a)) with respect to z, through a = sigma(z).")
BCE_WRT_A = Mistake("derivative_wrt_output", "you returned dE/da, the derivative with respect to a",
                    "one more factor of the chain rule: dE/dz = dE/da * da/dz, with da/dz = a (1 - a).")


def _check_bce_output_delta(ctx, f):
    fixed = (np.array([[0.5, -1.0], [2.0, 0.0], [-0.3, 1.5]]), np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]))
    hidden = [(ctx.rng.normal(0, 2, shape), ctx.rng.integers(0, 2, shape).astype(float)) for shape in _shapes(ctx.rng)]
    for z, y in [fixed, *hidden]:
        where = f"z = {inline(z)}, y = {inline(y)}"
        got = ctx.call(f, z, y, where=where, arg_names=["z", "y"])
        a = sig(z)
        ctx.expect_close(got, a - y, where=where, what="delta", mistakes=[
            (BCE_KEPT_PRIME, (a - y) * a * (1 - a)), (BCE_SIGN, y - a),
            (BCE_LOSS, -(y * np.log(a) + (1 - y) * np.log(1 - a))), (BCE_WRT_A, (a - y) / (a * (1 - a)))])


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
        "kink_input", NOTEBOOK,
        "Find an input where a gradient check fails: for the unit relu(w x + b) (numbers w != 0 and b), write "
        "`kink_input(w, b, h=1e-5)` returning an x at which the central difference "
        "(relu(w (x + h) + b) - relu(w (x - h) + b)) / 2h and the analytic derivative (w where w x + b > 0, "
        "else 0) differ by more than |w| / 4.",
        kink_input, _check_kink_input,
        ["Where the unit is a straight line on all of [x - h, x + h], the central difference is exact. "
         "Look where the line bends.",
         "relu(w x + b) bends where its input w x + b is 0; with that point in the middle of [x - h, x + h] the "
         "central difference is the mean of the two one-sided slopes.",
         "return -b / w."],
        stub="def kink_input(w, b, h=1e-5):\n    ...\n"),
    Exercise(
        "minibatch_sgd_step", NOTEBOOK,
        "Write `minibatch_sgd_step(w, b, X, y, lr)` for a linear unit y_hat = X @ w + b and the loss "
        "mean over the batch of 1/2 (y_hat - y)^2: return the updated (w, b) after one gradient step.",
        minibatch_sgd_step, _check_minibatch_sgd_step,
        ["dLoss/dy_hat = (y_hat - y) / n for a batch of n samples.",
         "grad_w = X.T @ (y_hat - y) / n and grad_b = mean(y_hat - y).",
         "return w - lr * grad_w, b - lr * grad_b."],
        stub="def minibatch_sgd_step(w, b, X, y, lr):\n    ...\n"),
    Exercise(
        "se_output", NOTEBOOK,
        "Write `se_output(z, Y)` for a sigmoid output layer with squared error over a batch (one row per sample): "
        "return `(E, delta)` with E = the mean over the n samples of 1/2 sum_k (a - y)^2, a = sigma(z) (one number), "
        "and delta = dE/dz = (a - Y) sigma'(z) / n (the shape of z).",
        se_output, _check_se_output,
        ["E averages over the samples, so every sample's share of dE/dz carries a factor 1/n.",
         "a = sigma(z); dE/da = (a - Y) / n and da/dz = a (1 - a).",
         "a = 1 / (1 + np.exp(-z)); n = len(Y); return 0.5 * np.sum((a - Y) ** 2) / n, (a - Y) * a * (1 - a) / n."],
        stub="def se_output(z, Y):\n    ...\n"),
    Exercise(
        "backward", NOTEBOOK,
        "Write `backward(delta_L, zs, activations, weights)` returning `(grads_W, grads_b)`, one gradient per layer "
        "with the shapes of W_l and b_l. delta_L = dE/dz_L of the batch is given (its 1/n included); zs and "
        "activations are those of forward_pass; the hidden layers are sigmoid. For each layer from the output back: "
        "dW_l = a_(l-1)^T delta_l, db_l = delta_l summed over the samples, and "
        "delta_(l-1) = (delta_l W_l^T) * sigma'(z_(l-1)).",
        backward, _check_backward,
        ["Walk the layers backwards, l = L, ..., 1; the input of layer l is activations[l - 1] (activations[0] is X).",
         "dW = a_in.T @ delta has the shape of W; db = delta.sum(axis=0); before moving down, "
         "delta = (delta @ W.T) * s * (1 - s) with s = sigmoid of the lower layer's z.",
         "for l in reversed(range(len(weights))): grads_W[l] = activations[l].T @ delta; grads_b[l] = delta.sum(0); "
         "if l: s = 1 / (1 + np.exp(-zs[l - 1])); delta = delta @ weights[l].T * s * (1 - s)."],
        stub="def backward(delta_L, zs, activations, weights):\n    ...\n"),
    Exercise(
        "bce_output_delta", NOTEBOOK,
        "Derive and write `bce_output_delta(z, y)`: dE/dz of one sample for a sigmoid output a = sigma(z) with "
        "binary cross-entropy E = -(y log a + (1 - y) log(1 - a)), elementwise, without any 1/n. "
        "Simplify before you code.",
        bce_output_delta, _check_bce_output_delta,
        ["Chain rule: dE/dz = dE/da * da/dz, and da/dz = a (1 - a).",
         "dE/da = -y / a + (1 - y) / (1 - a) = (a - y) / (a (1 - a)): multiply by a (1 - a) and see what cancels.",
         "a = 1 / (1 + np.exp(-z)); return a - y."],
        stub="def bce_output_delta(z, y):\n    ...\n"),
]
