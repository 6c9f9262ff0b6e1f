"""Exercises of 04_activation_functions: sigmoid, derivatives, ReLU, tanh from the sigmoid, swish's derivative."""
import numpy as np

from .._core import Exercise, Mistake, fmt
from .._source import uses_any

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


def tanh_prime(z):
    t = np.tanh(np.asarray(z, dtype=float))
    return 1 - t ** 2


TANH_ITSELF = Mistake("returned_tanh", "you returned tanh(z) itself instead of its derivative",
                      "tanh'(z) = 1 - tanh(z)^2.")
TANH_WRT_OUTPUT = Mistake("derivative_wrt_output", "you computed 1 - z^2: that formula wants a = tanh(z), not z",
                          "t = np.tanh(z); return 1 - t**2.")
TANH_NOT_SQUARED = Mistake("not_squared", "you computed 1 - tanh(z) without the square", "tanh'(z) = 1 - tanh(z)**2.")
TANH_PLUS = Mistake("sign_slip", "you computed 1 + tanh(z)^2", "it is 1 minus the square: at most 1, at z = 0.")


def _tanh_prime_and_slips(z):
    t = np.tanh(z)
    return 1 - t ** 2, [(TANH_ITSELF, t), (TANH_WRT_OUTPUT, 1 - z ** 2), (TANH_NOT_SQUARED, 1 - t),
                        (TANH_PLUS, 1 + t ** 2)]


def _check_tanh_prime(ctx, f):
    check_elementwise(ctx, f, "tanh'(z)", _tanh_prime_and_slips)


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


def relu_prime(z):
    return (np.asarray(z, dtype=float) > 0).astype(float)  # 0 at z = 0 (the derivative is undefined there)


RP_RELU = Mistake("returned_relu", "you returned relu(z) itself instead of its derivative",
                  "the slope is 1 where z > 0 and 0 where z < 0.")
RP_LEAKY = Mistake("leaky", "you returned 0.1 for negative z: that is leaky ReLU's derivative",
                   "ReLU is flat (0) for z < 0.")
RP_SIGN = Mistake("sign_flipped", "you returned 1 where z < 0", "the slope is 1 on the positive side.")


def _check_relu_prime(ctx, f):
    z = np.array([[-2.0, -0.5, 0.5], [3.0, -0.001, 7.0]])
    got = ctx.call(f, z, where=f"z = {z.tolist()}", arg_names=["z"])
    ctx.expect_close(got, (z > 0).astype(float), where=f"z = {z.tolist()}", what="relu'(z)", mistakes=[
        (RP_RELU, np.maximum(z, 0)), (RP_LEAKY, np.where(z > 0, 1.0, 0.1)), (RP_SIGN, (z < 0).astype(float))])
    for z in random_inputs(ctx):
        got = ctx.call(f, z, where=f"z of shape {z.shape}", arg_names=["z"])
        ctx.expect_close(got, (z > 0).astype(float), where=f"z of shape {z.shape}: {fmt(z)}", what="relu'(z)")
    got = ctx.call(f, np.array([0.0]), where="z = [0.0]", arg_names=["z"])
    arr = ctx.as_array(got, "relu'(z)", "z = [0.0]", shape=(1,))
    if arr[0] not in (0.0, 1.0):
        ctx.fail(f"At z = 0 the derivative is undefined; use 0 (or 1), got {arr[0]:g}.", mistake="value_at_zero")


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
        "tanh_prime", NOTEBOOK, "Write `tanh_prime(z)`, the derivative of tanh with respect to z.",
        tanh_prime, _check_tanh_prime,
        ["The lecture derives tanh'(z) = 1 - tanh(z)^2.", "Compute t = np.tanh(z) first.", "return 1 - np.tanh(z) ** 2."],
        stub=STUB.format(name="tanh_prime")),
    Exercise(
        "relu", NOTEBOOK, "Write `relu(z)` = max(0, z), elementwise, for arrays of any shape.",
        relu, _check_relu,
        ["Negative inputs become 0, positive ones stay as they are.",
         "np.max reduces an array; np.maximum compares two arrays elementwise.", "return np.maximum(z, 0)."],
        stub=STUB.format(name="relu")),
    Exercise(
        "relu_prime", NOTEBOOK, "Write `relu_prime(z)`: 1 where z > 0, 0 where z < 0 (either at z = 0).",
        relu_prime, _check_relu_prime,
        ["ReLU is a line of slope 1 for z > 0 and flat for z < 0.",
         "A comparison gives booleans: (z > 0).astype(float) turns them into 1.0 and 0.0.",
         "return (np.asarray(z) > 0).astype(float)."],
        stub=STUB.format(name="relu_prime")),
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
