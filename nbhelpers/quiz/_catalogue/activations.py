"""Exercises of 04_activation_functions: sigmoid and its derivative, ELU's slope from its output, ReLU and its
dead units, tanh from the sigmoid, swish's derivative."""
import numpy as np

from .._core import Exercise, Mistake, fmt
from .._source import uses_any
from ._network import inline

NOTEBOOK = "04_activation_functions"
Z = np.array([-3.0, -0.5, 0.0, 0.5, 3.0])
Z2 = np.array([[-2.0, 1.0, 4.0], [0.25, -6.0, 0.0]])


def _sig(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))  # exp of a non-positive number never overflows
    # for z >= 0: 1 / (1 + e^-z); for z < 0 the equal form e^z / (1 + e^z)
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


UNSTABLE = Mistake("unstable_sigmoid", "np.exp overflowed to inf for large |z|, and the value was lost "
                   "(1 / (1 + inf) = 0 where sigma(z) is tiny but not 0, or inf / inf = nan)",
                   "for z < 0 use the equal form exp(z) / (1 + exp(z)), or exp(-abs(z)) with np.where.")
SIG_SIGN = Mistake("sign_flipped", "you computed 1 / (1 + exp(z)), which is sigma(-z)", "the exponent is -z.")


def _check_sigmoid(ctx, f):
    for z in (Z, Z2, *random_inputs(ctx)):
        got = ctx.call(f, z, where=f"z of shape {z.shape}", arg_names=["z"],
                       error_hint="math.exp works on one number only: use np.exp, which works on arrays.")
        ctx.expect_close(got, _sig(z), where=f"z = {z.tolist()}", what="sigma(z)",
                         mistakes=[(SIG_SIGN, _sig(-z))])
    for z in extreme_inputs(ctx, low=711.0, high=725.0):
        got = ctx.call(f, z, where=f"z = {fmt(z)}", arg_names=["z"])
        with np.errstate(all="ignore"):
            naive = [(UNSTABLE, 1 / (1 + np.exp(-z))), (UNSTABLE, np.exp(z) / (1 + np.exp(z)))]
        ctx.expect_close(got, _sig(z), where=f"z = {fmt(z)}", what="sigma(z)", rtol=1e-6, atol=0.0, mistakes=naive)


def sigmoid_prime(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    s = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return s * (1 - s)  # the derivative with respect to z, written with a = sigma(z)


RETURNED_SIGMA = Mistake("returned_sigmoid", "you returned sigma(z) itself instead of its derivative",
                         "sigma'(z) = sigma(z) * (1 - sigma(z)).")
WRT_OUTPUT = Mistake("derivative_wrt_output", "you applied a(1 - a) to z itself: that formula wants a = sigma(z)",
                     "compute s = sigma(z) first, then return s * (1 - s).")
TWICE = Mistake("sigmoid_applied_twice", "you applied the derivative to sigma(z): sigma'(sigma(z))",
                "sigmoid_prime takes z, the pre-activation: s = sigma(z); return s * (1 - s).")
PLUS = Mistake("sign_slip", "you computed sigma(z) * (1 + sigma(z))", "the factor is (1 - sigma(z)).")


def check_elementwise(ctx, f, what, expected_and_slips):
    """Judge a function of z on the notebook's inputs and hidden ones.

    ``expected_and_slips(z)`` gives the right value and the ``(Mistake, value)`` pairs of typical slips.
    """
    for z in (Z, Z2, *random_inputs(ctx)):
        got = ctx.call(f, z, where=f"z of shape {z.shape}", arg_names=["z"])
        expected, slips = expected_and_slips(z)
        ctx.expect_close(got, expected, where=f"z = {z.tolist()}", what=what, mistakes=slips)


def _sigmoid_prime_and_slips(z):
    s = _sig(z)
    return s * (1 - s), [(RETURNED_SIGMA, s), (WRT_OUTPUT, z * (1 - z)), (TWICE, _sig(s) * (1 - _sig(s))),
                         (PLUS, s * (1 + s))]


def _check_sigmoid_prime(ctx, f):
    check_elementwise(ctx, f, "sigma'(z)", _sigmoid_prime_and_slips)


def elu_prime_from_output(a, alpha=1.0):
    a = np.asarray(a, dtype=float)
    # a > 0 exactly where z > 0; elsewhere a = alpha (e^z - 1), so the slope alpha e^z is a + alpha.
    # At a = 0 (z = 0) this is the left slope alpha, as nbhelpers takes at a kink.
    return np.where(a > 0, 1.0, a + alpha)


EP_AS_Z = Mistake("used_output_as_input", "you evaluated alpha e^z at z = a: the formula wants z, and a is not z",
                  "for z <= 0 the output is a = alpha (e^z - 1): solve it for alpha e^z and write the slope "
                  "with a alone.")
EP_NO_ALPHA = Mistake("forgot_alpha", "your slope is a on the negative side: the + alpha is missing",
                      "a = alpha e^z - alpha there, so alpha e^z = a + alpha; the slope is never negative.")
EP_ALPHA_ONE = Mistake("ignores_alpha", "you added 1 instead of alpha: your slope is right only for alpha = 1",
                       "use the alpha argument: a = alpha (e^z - 1) gives alpha e^z = a + alpha.")
EP_BRANCH_AT_0 = Mistake("branch_at_zero", "at a = 0 (that is z = 0) you returned 1, the right slope",
                         "a = 0 comes from z = 0, where this exercise takes the left slope, as nbhelpers does: "
                         "use a > 0 (not a >= 0) for the slope-1 branch.")
EP_SWAPPED = Mistake("branches_swapped", "the two branches are swapped",
                     "the slope is 1 where the unit is linear (a > 0, since z > 0 there), and comes from "
                     "alpha (e^z - 1) elsewhere.")


def _elu(z, alpha):
    return np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0.0)))


def _elu_outputs(ctx):
    """ELU outputs a of several shapes with alpha != 1, each holding an exact 0 and a saturated value."""
    rng = ctx.rng
    cases = [(np.array([-3.0, -1.0, -0.25, 0.0, 0.5, 2.0]), 1.5)]
    for shape in (int(rng.integers(3, 8)), tuple(rng.integers(2, 5, size=2)), tuple(rng.integers(1, 4, size=3))):
        z = rng.normal(0, 2, size=shape)
        z.flat[0], z.flat[-1] = 0.0, -float(rng.uniform(20, 40))  # z = 0 exactly; a unit deep in saturation
        alpha = float(rng.choice([rng.uniform(0.1, 0.8), rng.uniform(1.3, 3.0)]))
        cases.append((rng.permutation(z.ravel()).reshape(np.shape(z)), alpha))
    return [(_elu(z, alpha), alpha) for z, alpha in cases]


def _check_elu_prime_from_output(ctx, f):
    cases = [(a, alpha, f"a = {inline(a)}, alpha = {fmt(alpha)}") for a, alpha in _elu_outputs(ctx)]
    a = _elu(np.array([-2.0, -0.5, 0.0, 1.0]), 1.0)
    cases.append((a, None, f"a = {inline(a)} and the default alpha (1)"))
    for a, alpha, where in cases:
        args = (a,) if alpha is None else (a, alpha)
        got = ctx.call(f, *args, where=where, arg_names=["a", "alpha"][:len(args)],
                       error_hint="a is an array: use np.where(condition, value_if_true, value_if_false), "
                                  "not `if a > 0`; alpha has the default 1.0.")
        alpha = 1.0 if alpha is None else alpha
        neg = a <= 0
        ctx.expect_close(got, np.where(a > 0, 1.0, a + alpha), where=where, what="the slope", mistakes=[
            (EP_AS_Z, np.where(neg, alpha * np.exp(a), 1.0)), (EP_NO_ALPHA, np.where(neg, a, 1.0)),
            (EP_ALPHA_ONE, np.where(neg, a + 1.0, 1.0)), (EP_BRANCH_AT_0, np.where(a >= 0, 1.0, a + alpha)),
            (EP_SWAPPED, np.where(neg, 1.0, a + alpha))])


def relu(z):
    return np.maximum(np.asarray(z, dtype=float), 0.0)


RELU_MASK = Mistake("returned_derivative", "you returned 1 where z > 0 (that is ReLU's derivative)",
                    "ReLU keeps the value: max(0, z), so relu(3) = 3.")
RELU_MAX = Mistake("np_max", "np.max(z, 0) takes the largest entry along axis 0 instead of comparing with 0",
                   "np.maximum(z, 0) compares elementwise.")
RELU_ABS = Mistake("absolute_value", "you returned |z|", "negative inputs give 0, not -z.")
RELU_MIN = Mistake("minimum", "you returned min(0, z)", "ReLU is max(0, z).")


def _check_relu(ctx, f):
    z = np.array([[-2.0, -0.5, 0.0], [0.5, 3.0, -0.001]])
    got = ctx.call(f, z, where=f"z = {z.tolist()}", arg_names=["z"])
    ctx.expect_close(got, np.maximum(z, 0), where=f"z = {z.tolist()}", what="relu(z)", mistakes=[
        (RELU_MASK, (z > 0).astype(float)), (RELU_MAX, np.max(z, 0)), (RELU_ABS, np.abs(z)), (RELU_MIN, np.minimum(z, 0))])
    for z in random_inputs(ctx):
        got = ctx.call(f, z, where=f"z of shape {z.shape}", arg_names=["z"])
        ctx.expect_close(got, np.maximum(z, 0), where=f"z of shape {z.shape}: {fmt(z)}", what="relu(z)")


def dead_units(X, W, b):
    Z = np.asarray(X, dtype=float) @ W + b  # (n, h): the pre-activation of every unit on every sample
    # relu'(z) = 0 for z <= 0 (0 at z = 0, as in nbhelpers): a unit gets a gradient from a sample only where z > 0
    return np.all(Z <= 0, axis=0)


DU_ANY = Mistake("any_sample", "you marked a unit dead when its z <= 0 for some sample, not for every sample",
                 "a unit still learns from each sample where its z > 0: it is dead only if z <= 0 on all of them "
                 "(np.all over the samples, not np.any).")
DU_NO_BIAS = Mistake("forgot_bias", "you left out the bias: X @ W alone is not the pre-activation",
                     "z = X @ W + b; a large negative b is exactly what pushes a unit into the dead zone.")
DU_STRICT = Mistake("strict_inequality", "a unit whose largest z is exactly 0 was counted as alive",
                    "at z = 0 ReLU's slope is 0 in this course (as in nbhelpers), so z = 0 passes no gradient "
                    "either: dead means z <= 0 for every sample.")
DU_AXIS = Mistake("wrong_axis", "you got one answer per sample (reduced over the units), not one per unit",
                  "Z = X @ W + b has one row per sample and one column per unit: reduce over the samples, axis=0.")
DU_ALIVE = Mistake("alive_not_dead", "you returned True for the units that are alive", "True marks a dead unit.")


def _dead_batch(rng, n, d, h):
    """X, W, b with integer entries (so that z = 0 is exact) and a unit of every kind among the h columns:
    alive on some samples only, dead only because of its bias, and dead with its largest z exactly 0."""
    X = rng.integers(-3, 4, size=(n, d)).astype(float)
    while True:
        W = rng.choice([-2.0, -1.0, 1.0, 2.0], size=(d, h))
        XW = X @ W
        if np.all(XW.max(axis=0) > XW.min(axis=0)):
            break
        X = rng.integers(-3, 4, size=(n, d)).astype(float)
    W = np.where(XW.max(axis=0) > 0, 1.0, -1.0) * W  # every column has some x.w > 0
    XW = X @ W
    top, low = XW.max(axis=0), XW.min(axis=0)
    b = rng.integers(-2, 3, size=h).astype(float)
    kinds = rng.permutation(np.arange(h) % 4)
    for j, kind in enumerate(kinds):
        if kind == 0:  # alive on some samples, off on others
            b[j] = -float(rng.integers(int(low[j]), int(top[j])))
        elif kind == 1:  # dead through its bias: X @ W alone would call it alive
            b[j] = -top[j] - float(rng.integers(1, 4))
        elif kind == 2:  # dead, its largest z exactly 0
            b[j] = -top[j]
    return X, W, b


def _check_dead_units(ctx, f):
    rng = ctx.rng
    cases = [_dead_batch(np.random.default_rng(4), 5, 2, 4)]
    for n, d, h in ((int(rng.integers(3, 9)), int(rng.integers(1, 5)), int(rng.integers(4, 8))),
                    (int(rng.integers(9, 30)), int(rng.integers(2, 6)), int(rng.integers(4, 12)))):
        cases.append(_dead_batch(rng, n, d, h))
    n, d, h = int(rng.integers(20, 60)), int(rng.integers(2, 6)), int(rng.integers(3, 8))
    X, W = rng.normal(size=(n, d)), rng.normal(size=(d, h))  # real-valued, with units pushed under by their bias
    b = rng.normal(size=h) - np.where(rng.random(h) < 0.5, (X @ W).max(axis=0) + 0.5, 0.0)
    cases.append((X, W, b))
    for X, W, b in cases:
        where = f"X = {inline(X)} (shape {X.shape}), W = {inline(W)} (shape {W.shape}), b = {inline(b)}"
        got = ctx.call(f, X, W, b, where=where, arg_names=["X", "W", "b"],
                       error_hint="X is (n, d) and W is (d, h): X @ W + b is (n, h), one column per unit.")
        Z = X @ W + b
        ctx.expect_close(got, np.all(Z <= 0, axis=0), where=where, what="your dead-unit flags", mistakes=[
            (DU_ANY, np.any(Z <= 0, axis=0)), (DU_NO_BIAS, np.all(X @ W <= 0, axis=0)),
            (DU_STRICT, np.all(Z < 0, axis=0)), (DU_AXIS, np.all(Z <= 0, axis=1)),
            (DU_ALIVE, np.any(Z > 0, axis=0))])


def tanh_via_sigmoid(z):
    z2 = 2 * np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z2))  # a stable sigmoid of 2z
    sig = np.where(z2 >= 0, 1 / (1 + e), e / (1 + e))
    return 2 * sig - 1  # tanh(z) = 2 sigma(2z) - 1


USED_TANH = Mistake("used_np_tanh", "your function calls tanh itself",
                    "the point is the identity: build tanh from the sigmoid, 2 * sigma(2z) - 1, without np.tanh.")
FORGOT_2Z = Mistake("forgot_2z", "you computed 2 sigma(z) - 1, which is tanh(z / 2)", "the sigmoid's argument is 2z.")
FORGOT_FACTOR = Mistake("forgot_factor_2", "you computed sigma(2z) - 1", "multiply the sigmoid by 2: 2 sigma(2z) - 1.")
TV_OVERFLOW = Mistake("unstable_sigmoid", "np.exp(2z) overflowed to inf for large z, and inf / inf gave nan",
                      "use a stable sigmoid of 2z: e = np.exp(-np.abs(2 * z)); np.where(2 * z >= 0, 1 / (1 + e), "
                      "e / (1 + e)).")
TV_SIGN = Mistake("sign_slip", "you computed 2 sigma(2z) + 1 or 1 - 2 sigma(2z)", "tanh(z) = 2 sigma(2z) - 1.")


def calls_tanh(func):
    """True if the code of ``func`` uses a tanh function (aliases too; comments and docstrings do not count)."""
    return uses_any(func, {"tanh"})


def extreme_inputs(ctx, low, high):
    """Extreme inputs judged by their values alone (finite, right to a relative tolerance), never by warnings.

    A fixed vector with -1000 and 1000, then two arrays of other shapes whose entries are
    drawn from ``ctx.rng`` with magnitudes in [low, high] and random signs.
    """
    rng = ctx.rng
    fixed = np.array([-1000.0, -float(np.floor(high)), -20.0, 20.0, float(np.floor(high)), 1000.0])
    drawn = []
    for shape in (int(rng.integers(3, 7)), tuple(rng.integers(1, 4, size=2))):
        drawn.append(rng.choice([-1.0, 1.0], size=shape) * rng.uniform(low, high, size=shape))
    return [fixed, *drawn]


def random_inputs(ctx):
    """Hidden inputs of several shapes: 1-D, 3-D and a 0-d array, drawn from ``ctx.rng``."""
    rng = ctx.rng
    return [rng.normal(0, 3, size=int(rng.integers(2, 7))), rng.normal(0, 3, size=tuple(rng.integers(1, 4, size=3))),
            np.array(rng.normal(0, 3))]


def check_tanh_values(ctx, f):
    """The value part of tanh_via_sigmoid (shared with Quiz 6)."""
    if calls_tanh(f):
        ctx.fail("Your function calls tanh directly.", mistake=USED_TANH)
    for z in (Z, Z2, *random_inputs(ctx)):
        got = ctx.call(f, z, where=f"z of shape {z.shape}", arg_names=["z"])
        ctx.expect_close(got, np.tanh(z), where=f"z = {z.tolist()}", what="tanh(z)", mistakes=[
            (FORGOT_2Z, 2 * _sig(z) - 1), (FORGOT_FACTOR, _sig(2 * z) - 1), (TV_SIGN, 2 * _sig(2 * z) + 1),
            (TV_SIGN, 1 - 2 * _sig(2 * z))])


def check_tanh_large(ctx, f):
    """The stability part of tanh_via_sigmoid: finite and right at |z| up to 1000 (judged by the values)."""
    for z in extreme_inputs(ctx, low=20.0, high=1000.0):
        got = ctx.call(f, z, where=f"z = {fmt(z)}", arg_names=["z"])
        with np.errstate(all="ignore"):
            naive = [(TV_OVERFLOW, 2 * np.exp(2 * z) / (1 + np.exp(2 * z)) - 1),
                     (TV_OVERFLOW, (np.exp(2 * z) - 1) / (np.exp(2 * z) + 1))]
        ctx.expect_close(got, np.tanh(z), where=f"z = {fmt(z)}", what="tanh(z)", rtol=1e-9, atol=0.0, mistakes=naive)


def _check_tanh_via_sigmoid(ctx, f):
    check_tanh_values(ctx, f)
    check_tanh_large(ctx, f)


def swish_prime(z):
    z = np.asarray(z, dtype=float)
    s = 1 / (1 + np.exp(-z))
    # product rule on z * sigma(z): (z)' sigma(z) + z sigma'(z), with sigma' = s (1 - s)
    return s + z * s * (1 - s)


SW_PRIME_ONLY = Mistake("sigmoid_prime_only", "you returned sigma'(z) alone",
                        "swish is a product, z times sigma(z): differentiate both factors (product rule).")
SW_NO_SIGMA = Mistake("missing_sigmoid_term", "you returned z sigma'(z) only: the term sigma(z) is missing",
                      "product rule: (z sigma(z))' = 1 * sigma(z) + z * sigma'(z).")
SW_SIGMA = Mistake("returned_sigmoid", "you returned sigma(z)", "that is only the first term of the product rule; "
                   "add z * sigma'(z).")
SW_SWISH = Mistake("returned_swish", "you returned swish itself, z sigma(z)", "differentiate it with the product rule.")


def _swish_prime_and_slips(z):
    s = _sig(z)
    return s + z * s * (1 - s), [(SW_PRIME_ONLY, s * (1 - s)), (SW_NO_SIGMA, z * s * (1 - s)), (SW_SIGMA, s),
                                 (SW_SWISH, z * s)]


def _check_swish_prime(ctx, f):
    check_elementwise(ctx, f, "swish'(z)", _swish_prime_and_slips)


STUB = "def {name}(z):\n    ...\n"
EXERCISES = [
    Exercise(
        "sigmoid", NOTEBOOK,
        "Write a numerically stable `sigmoid(z)` for arrays of any shape: right values even at z = -720 and -1000.",
        sigmoid, _check_sigmoid,
        ["1 / (1 + np.exp(-z)) is right in exact math, but np.exp(1000) overflows.",
         "For z < 0 use the equal form exp(z) / (1 + exp(z)); np.exp(-np.abs(z)) is safe for every z.",
         "e = np.exp(-np.abs(z)); return np.where(z >= 0, 1 / (1 + e), e / (1 + e))."],
        stub=STUB.format(name="sigmoid")),
    Exercise(
        "sigmoid_prime", NOTEBOOK,
        "Write `sigmoid_prime(z)`, the derivative of the sigmoid with respect to its input z.",
        sigmoid_prime, _check_sigmoid_prime,
        ["The lecture derives sigma'(x) = sigma(x) (1 - sigma(x)).",
         "The formula uses a = sigma(z), not z: compute the sigmoid first.",
         "s = 1 / (1 + np.exp(-z)); return s * (1 - s)."],
        stub=STUB.format(name="sigmoid_prime")),
    Exercise(
        "elu_prime_from_output", NOTEBOOK,
        "Derive and write `elu_prime_from_output(a, alpha=1.0)`: the derivative of ELU(z) = z for z > 0 and "
        "alpha (e^z - 1) otherwise (alpha > 0) with respect to z, computed from the output a = ELU(z) alone, "
        "elementwise for arrays of any shape; at a = 0 (z = 0) take the left slope.",
        elu_prime_from_output, _check_elu_prime_from_output,
        ["Which z give a > 0? Exactly those on the linear branch, where the slope is 1.",
         "For z <= 0 the slope is alpha e^z, and there a = alpha (e^z - 1) = alpha e^z - alpha: solve for alpha e^z.",
         "return np.where(a > 0, 1.0, a + alpha)."],
        stub="def elu_prime_from_output(a, alpha=1.0):\n    ...\n"),
    Exercise(
        "relu", NOTEBOOK, "Write `relu(z)` = max(0, z), elementwise, for arrays of any shape.",
        relu, _check_relu,
        ["Negative inputs become 0, positive ones stay as they are.",
         "np.max reduces an array; np.maximum compares two arrays elementwise.", "return np.maximum(z, 0)."],
        stub=STUB.format(name="relu")),
    Exercise(
        "dead_units", NOTEBOOK,
        "Write `dead_units(X, W, b)` for a ReLU layer with inputs X (n, d), weights W (d, h) and bias b (h,): a "
        "boolean array of shape (h,), True for each unit that is dead on this batch, that is, no sample passes "
        "a gradient through it (ReLU's slope is 0 at z = 0, as in nbhelpers).",
        dead_units, _check_dead_units,
        ["A sample passes a gradient through a unit only where ReLU's slope is not 0, that is where the unit's z > 0.",
         "Z = X @ W + b has one row per sample and one column per unit; a unit is dead when its whole column is <= 0.",
         "return np.all(X @ W + b <= 0, axis=0)."],
        stub="def dead_units(X, W, b):\n    ...\n"),
    Exercise(
        "tanh_via_sigmoid", NOTEBOOK,
        "Write `tanh_via_sigmoid(z)` using the identity tanh(z) = 2 sigma(2z) - 1, with a stable sigmoid "
        "and without calling np.tanh.",
        tanh_via_sigmoid, _check_tanh_via_sigmoid,
        ["The lecture: tanh(x) = 2 (sigmoid(2x) - 0.5) = 2 sigmoid(2x) - 1.",
         "Compute the sigmoid of 2z in a stable way (see the sigmoid exercise), then scale and shift.",
         "s = stable_sigmoid(2 * z); return 2 * s - 1."],
        stub=STUB.format(name="tanh_via_sigmoid")),
    Exercise(
        "swish_prime", NOTEBOOK,
        "Derive and write `swish_prime(z)`, the derivative of swish(z) = z sigma(z) with respect to z, "
        "elementwise for arrays of any shape.",
        swish_prime, _check_swish_prime,
        ["swish is a product of two functions of z: use the product rule (u v)' = u' v + u v'.",
         "With u = z and v = sigma(z): u' = 1 and v' = sigma(z) (1 - sigma(z)).",
         "s = 1 / (1 + np.exp(-z)); return s + z * s * (1 - s)."],
        stub=STUB.format(name="swish_prime")),
]
