"""Exercises of 10_vanishing_gradient: the depth at which the 0.25^L bound falls below a tolerance, clipping
by norm, batch normalization."""
import numpy as np

from .._core import Exercise, Mistake, describe, fmt

NOTEBOOK = "10_vanishing_gradient"


def sigmoid_prime_max():
    return 0.25  # sigma'(0) = sigma(0) (1 - sigma(0)) = 0.5 * 0.5


SPM_HALF = Mistake("max_of_sigmoid", "0.5 is sigma(0), the sigmoid itself",
                   "the derivative is sigma (1 - sigma) = 0.5 * 0.5 at z = 0.")
SPM_ONE = Mistake("tanh_slope", "1 is the largest slope of tanh (or ReLU)", "for the sigmoid: 0.5 * (1 - 0.5).")
SPM_ZERO = Mistake("limit", "0 is the slope far from the origin, its smallest value", "the largest slope is at z = 0.")


def _check_sigmoid_prime_max(ctx, answer):
    arr = ctx.as_array(answer, "your answer")
    if arr.size != 1:
        ctx.fail(f"Expected one number, got {fmt(answer)}.", mistake="wrong_shape")
    ctx.expect_close(float(arr.ravel()[0]), 0.25, what="the maximum of sigma'(z)",
                     mistakes=[(SPM_HALF, 0.5), (SPM_ONE, 1.0), (SPM_ZERO, 0.0)])


def layers_to_vanish(tol):
    L, bound = 0, 1.0
    while bound >= tol:  # the bound must fall strictly below tol
        L += 1
        bound /= 4  # exact: dividing a float by 4 only lowers its exponent
    return L


LV_OFF = Mistake("off_by_one", "your L is one off", "the answer is the smallest L with 0.25 ** L < tol: check "
                 "your L and L - 1 with that inequality.")
LV_AT_POWER = Mistake("not_strictly_below", "at tol = 0.25 ** k you returned k, where the bound only reaches tol",
                      "the bound must fall strictly below tol: 0.25 ** k < 0.25 ** k is False, so one more layer is "
                      "needed. Logarithms round, too: test 0.25 ** L < tol on your result.")
LV_LOG_BASE = Mistake("log_base", "you divided logarithms of two different bases (np.log and np.log10 mixed)",
                      "log(tol) / log(0.25) needs the same logarithm above and below; its base then does not matter.")
LV_FLOAT = Mistake("not_an_integer", "you returned the ratio of logarithms itself, not a whole number of layers",
                   "L counts layers: round the ratio up (and check the strict inequality at exact powers).")
LV_BOUND = Mistake("returned_bound", "you returned the bound 0.25 ** L, not the number of layers L",
                   "return L itself, the smallest whole number with 0.25 ** L < tol.")
LV_HALF = Mistake("used_sigmoid_max", "you used 0.5 (the sigmoid at 0) as the factor per layer",
                  "each sigmoid layer's slope is at most 0.25.")


def _tolerances(rng):
    """Tolerances over many orders of magnitude, exact powers of 1/4 among them (the bound hits them exactly)."""
    powers = [int(k) for k in rng.choice(np.arange(1, 400), size=3, replace=False)]
    drawn = [float(10 ** -rng.uniform(0.01, 300)) for _ in range(5)]
    return [0.001, 0.25, *[float(np.ldexp(1.0, -2 * k)) for k in powers], *drawn,
            float(np.ldexp(1.0, -2 * powers[0]) * (1 + 1e-12))]


def _layers_to_vanish_half(tol):
    """The smallest L with 0.5 ** L < tol: the answer of someone who took 0.5 as the factor."""
    return int(np.floor(np.log2(1 / tol))) + 1


def _ceil_log_ratio(num, den):
    with np.errstate(all="ignore"):
        return float(np.ceil(num / den))


def _check_layers_to_vanish(ctx, f):
    for tol in _tolerances(ctx.rng):
        where = f"tol = {tol!r}"
        got = ctx.call(f, tol, where=where, arg_names=["tol"])
        L = layers_to_vanish(tol)
        if np.size(got) != 1:
            ctx.fail(f"Return one whole number L at {where}; got {describe(got)}.", mistake="wrong_shape")
        value = ctx.as_array(got, "your L", where).ravel()[0]
        ratio = np.log(tol) / np.log(0.25)
        if value != np.round(value):
            lines = [f"At {where} your L = {float(value)!r} is not a whole number of layers (expected {L})."]
            if np.isclose(value, 0.25 ** L, rtol=1e-6, atol=0.0) or np.isclose(value, 0.25 ** (L - 1), rtol=1e-6):
                ctx.fail(*lines, mistake=LV_BOUND)
            if np.isclose(value, ratio, rtol=1e-6):
                ctx.fail(*lines, mistake=LV_FLOAT)
            if np.isclose(value, np.log10(tol) / np.log(0.25), rtol=1e-6) or np.isclose(
                    value, np.log(tol) / np.log10(0.25), rtol=1e-6):
                ctx.fail(*lines, mistake=LV_LOG_BASE)
            ctx.fail(*lines, mistake=LV_FLOAT)
        exact_power = np.frexp(tol)[0] == 0.5 and np.frexp(tol)[1] % 2 == 1
        ctx.expect_close(value, L, where=where, what="L", rtol=0.0, atol=1e-9, mistakes=[
            (LV_AT_POWER, L - 1 if exact_power else None),
            (LV_LOG_BASE, _ceil_log_ratio(np.log10(tol), np.log(0.25))),
            (LV_LOG_BASE, _ceil_log_ratio(np.log(tol), np.log10(0.25))),
            (LV_HALF, _layers_to_vanish_half(tol)), (LV_OFF, L - 1), (LV_OFF, L + 1)])


def clip_by_norm(grads, max_norm):
    total = np.sqrt(sum(np.sum(np.asarray(g, dtype=float) ** 2) for g in grads))  # one norm for all gradients
    scale = max_norm / total if total > max_norm else 1.0
    return [np.asarray(g, dtype=float) * scale for g in grads]


CL_PER_ARRAY = Mistake("per_array", "you clipped each array by its own norm",
                       "clip by the global norm: sqrt of the sum of all squared entries of all arrays.")
CL_VALUES = Mistake("clipped_values", "you clipped each entry to [-max_norm, max_norm]",
                    "clipping by norm rescales the whole gradient, keeping its direction.")
CL_ALWAYS = Mistake("always_rescaled", "you rescaled even when the norm was already below max_norm",
                    "only scale down when the norm exceeds max_norm.")


def _check_clip_by_norm(ctx, f):
    cases = [([np.array([3.0, 4.0]), np.array([[5.0, 12.0]])], 6.5),
             ([np.array([0.3, -0.4]), np.array([[0.0, 1.2]])], 5.0),
             ([np.array([1.0, -2.0, 2.0])], 1.5)]
    rng = ctx.rng
    for count, above in ((int(rng.integers(2, 5)), True), (int(rng.integers(1, 4)), False), (1, True)):
        grads = [rng.normal(0, 3, size=tuple(rng.integers(1, 4, size=int(rng.integers(1, 3))))) for _ in range(count)]
        norm = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
        cases.append((grads, round(norm * (rng.uniform(0.2, 0.8) if above else rng.uniform(1.2, 3.0)), 3)))
    for grads, c in cases:
        where = f"grads = {[g.tolist() for g in grads]}, max_norm = {c:g}"
        got = ctx.call(f, grads, c, where=where, arg_names=["grads", "max_norm"])
        if not isinstance(got, (list, tuple)) or len(got) != len(grads):
            ctx.fail(f"Return a list with one array per gradient ({len(grads)}); got {fmt(got)}.", mistake="wrong_type")
        arrays = [ctx.as_array(g, f"array {i}", where, shape=e.shape) for i, (g, e) in enumerate(zip(got, grads))]
        total = np.sqrt(sum(np.sum(g ** 2) for g in grads))

        def flat(gs):
            return np.concatenate([np.ravel(g) for g in gs])
        expected = flat(clip_by_norm(grads, c))
        per = flat([g * min(1.0, c / np.linalg.norm(g)) for g in grads])
        ctx.expect_close(flat(arrays), expected, where=where, what="the clipped gradients (flattened)", mistakes=[
            (CL_PER_ARRAY, per), (CL_VALUES, flat([np.clip(g, -c, c) for g in grads])),
            (CL_ALWAYS, flat([g * c / total for g in grads]))])


def batchnorm_forward(X, gamma, beta, eps=1e-5):
    X = np.asarray(X, dtype=float)
    mu = X.mean(axis=0)  # step 1: batch mean and variance of every feature
    var = X.var(axis=0)
    X_hat = (X - mu) / np.sqrt(var + eps)  # step 2: normalise
    return gamma * X_hat + beta  # step 3: scale and shift


BN_AXIS = Mistake("wrong_axis", "you normalised each sample over its features (axis=1)",
                  "statistics are over the batch: mean and var along axis=0, one per feature.")
BN_DDOF = Mistake("unbiased_variance", "you used the unbiased variance (ddof=1)",
                  "batch norm uses the batch variance, np.var(X, axis=0).")
BN_EPS = Mistake("no_eps", "a constant feature gave 0 / 0", "add eps inside the square root: np.sqrt(var + eps).")
BN_NO_AFFINE = Mistake("skipped_scale_shift", "you skipped step 3 (gamma and beta)", "return gamma * X_hat + beta.")


def _check_batchnorm(ctx, f):
    X = np.array([[1.0, 2.0, 5.0], [3.0, -1.0, 5.0], [0.0, 4.0, 5.0], [4.0, 0.5, 5.0], [2.0, 1.5, 5.0]])
    gamma, beta = np.array([2.0, 0.5, 1.0]), np.array([0.1, -1.0, 3.0])
    cases = [(X, gamma, beta, "X (5, 3) with a constant third feature, gamma = [2, 0.5, 1], beta = [0.1, -1, 3]")]
    rng = ctx.rng
    for n, d in ((int(rng.integers(3, 9)), int(rng.integers(2, 6))), (int(rng.integers(2, 5)), 1)):
        X = rng.normal(rng.normal(0, 5, size=d), rng.uniform(0.5, 4, size=d), size=(n, d))
        if d > 1:
            X[:, int(rng.integers(d))] = float(rng.integers(-3, 4))  # a constant feature: only eps avoids 0 / 0
        gamma, beta = rng.uniform(0.5, 2.5, size=d), rng.normal(size=d)
        cases.append((X, gamma, beta, f"X = {fmt(X)}, gamma = {fmt(gamma)}, beta = {fmt(beta)}"))
    for X, gamma, beta, where in cases:
        _batchnorm_case(ctx, f, X, gamma, beta, where)


def _batchnorm_case(ctx, f, X, gamma, beta, where):
    got = ctx.call(f, X, gamma, beta, where=where, arg_names=["X", "gamma", "beta"])
    eps = 1e-5

    def bn(axis=0, ddof=0, e=eps, affine=True):
        mu, var = X.mean(axis=axis, keepdims=True), X.var(axis=axis, ddof=ddof, keepdims=True)
        xh = (X - mu) / np.sqrt(var + e)
        return gamma * xh + beta if affine else xh
    ctx.expect_close(got, bn(), where=where, what="the output", rtol=1e-5, atol=1e-6, mistakes=[
        (BN_AXIS, bn(axis=1)), (BN_DDOF, bn(ddof=1)), (BN_EPS, bn(e=0.0)), (BN_NO_AFFINE, bn(affine=False))])


EXERCISES = [
    Exercise(
        "sigmoid_prime_max", NOTEBOOK, "Set `sigmoid_prime_max` to the largest value of sigma'(z) over all z.",
        sigmoid_prime_max, _check_sigmoid_prime_max,
        ["sigma'(z) = sigma(z) (1 - sigma(z)) is largest where sigma(z) = 0.5.", "That happens at z = 0.", "0.5 * 0.5."],
        kind="value", stub="sigmoid_prime_max = ...\n"),
    Exercise(
        "layers_to_vanish", NOTEBOOK,
        "Write `layers_to_vanish(tol)` for 0 < tol < 1: the smallest number L of sigmoid layers for which the bound "
        "0.25 ** L on the product of their slopes falls strictly below tol, as a whole number.",
        layers_to_vanish, _check_layers_to_vanish,
        ["0.25 ** L shrinks by a factor 4 per layer: count layers until it drops below tol, or solve "
         "0.25 ** L < tol with logarithms.",
         "With logarithms, L > log(tol) / log(0.25) (the inequality turns round: log(0.25) < 0). Logarithms round, "
         "and at tol = 0.25 ** k the bound 0.25 ** k is not below tol: test 0.25 ** L < tol on your result.",
         "L, bound = 0, 1.0; while bound >= tol: L += 1; bound /= 4; then return L."],
        stub="def layers_to_vanish(tol):\n    ...\n"),
    Exercise(
        "clip_by_norm", NOTEBOOK,
        "Write `clip_by_norm(grads, max_norm)`: grads is a list of arrays; if their global norm "
        "(sqrt of the sum of all squares) exceeds max_norm, scale them all by max_norm / norm. Return a new list.",
        clip_by_norm, _check_clip_by_norm,
        ["The direction of the gradient stays; only its length is capped.",
         "total = np.sqrt(sum(np.sum(g ** 2) for g in grads)).",
         "scale = max_norm / total if total > max_norm else 1.0; return [g * scale for g in grads]."],
        stub="def clip_by_norm(grads, max_norm):\n    ...\n"),
    Exercise(
        "batchnorm_forward", NOTEBOOK,
        "Write `batchnorm_forward(X, gamma, beta, eps=1e-5)`: the lecture's steps 1-3 for a batch X "
        "(n_samples, n_features): batch mean and variance, normalise, then scale by gamma and shift by beta.",
        batchnorm_forward, _check_batchnorm,
        ["Statistics are taken over the batch, one mean and one variance per feature (axis=0).",
         "X_hat = (X - mean) / np.sqrt(var + eps); eps keeps a constant feature from giving 0 / 0.",
         "return gamma * (X - X.mean(0)) / np.sqrt(X.var(0) + eps) + beta."],
        stub="def batchnorm_forward(X, gamma, beta, eps=1e-5):\n    ...\n"),
]
