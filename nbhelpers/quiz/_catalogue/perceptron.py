"""Exercises of 02_perceptron: gate weights, the output rule and one training update."""
import numpy as np

from .._core import Exercise, Mistake, fmt

NOTEBOOK = "02_perceptron"
INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
GATES = {"AND": [0, 0, 0, 1], "OR": [0, 1, 1, 1], "NAND": [1, 1, 1, 0], "NOR": [1, 0, 0, 0]}


def nand_weights():
    # (w1, w2, threshold): the unit fires when I1 w1 + I2 w2 >= threshold.
    # NAND is AND with every sign flipped: AND uses (1, 1, 1.5).
    return (-1.0, -1.0, -1.5)


def nor_weights():
    # NOR is OR with every sign flipped: OR uses (1, 1, 0.5).
    return (-1.0, -1.0, -0.5)


def _gate_checker(gate):
    target = np.array(GATES[gate], dtype=float)
    opposite = {"NAND": "AND", "NOR": "OR"}[gate]
    complement = Mistake("complement", f"your weights compute {opposite}, the opposite of {gate}",
                         f"{gate} is NOT {opposite}: multiply the {opposite} weights and threshold by -1.")
    bias = Mistake("bias_for_threshold", "you gave the bias w0 = -threshold instead of the threshold",
                   "the answer is (w1, w2, threshold) with the rule I1 w1 + I2 w2 >= threshold.")
    strict = Mistake("strict_inequality", "a row lands exactly on the threshold and the course's rule is >=",
                     "with I1 w1 + I2 w2 >= threshold a sum equal to the threshold gives 1: move the threshold "
                     "halfway between the sums of the two classes.")

    def check(ctx, answer):
        if isinstance(answer, dict) or np.size(answer) != 3:
            ctx.fail(f"Expected three numbers (w1, w2, threshold), got {fmt(answer)}.", mistake="wrong_shape")
        w1, w2, t = ctx.as_array(answer, "your weights").ravel()
        s = INPUTS @ np.array([w1, w2])
        out = (s >= t).astype(float)
        if np.array_equal(out, target):
            return
        rows = [f"    inputs ({int(a)}, {int(b)}): sum {fmt(v)} -> output {int(o)}, {gate} is {int(y)}"
                for (a, b), v, o, y in zip(INPUTS, s, out, target) if o != y]
        lines = [f"With w1 = {fmt(w1)}, w2 = {fmt(w2)}, threshold = {fmt(t)} the unit is wrong on:"] + rows
        if np.array_equal(out, 1 - target):
            ctx.fail(*lines, mistake=complement)
        if np.array_equal((s >= -t).astype(float), target):
            ctx.fail(*lines, mistake=bias)
        if np.array_equal((s > t).astype(float), target):
            ctx.fail(*lines, mistake=strict)
        ctx.fail(*lines)

    return check


def perceptron_output(w, x):
    x_aug = np.concatenate(([1.0], np.asarray(x, dtype=float)))  # x0 = 1 carries the bias w0
    return 1 if np.dot(w, x_aug) >= 0 else 0


OUT_STRICT = Mistake("strict_inequality", "you used > 0 where the course uses >= 0",
                     "the lecture's slide says V > 0, but the perceptron fires when w.x >= 0 (a sum of exactly 0 gives 1).")
OUT_BIAS_LAST = Mistake("bias_last", "you put the constant 1 at the end of x, but w0 (the bias) comes first",
                        "x_aug = [1, x1, ..., xn] so that w0 multiplies 1.")
OUT_NO_BIAS = Mistake("missing_bias", "the bias w0 is ignored (no augmented x0 = 1)",
                      "prepend 1 to x: np.concatenate(([1.0], x)), then take the dot product with all of w.")
OUT_SIGN = Mistake("sign_output", "you returned -1 for the negative class", "this exercise uses the outputs 0 and 1.")
OUT_RAW = Mistake("returned_sum", "you returned the weighted sum w.x itself", "apply the step: 1 if w.x >= 0 else 0.")

OUTPUT_CASES = [
    ([-1.5, 1.0, 1.0], [0, 0]), ([-1.5, 1.0, 1.0], [0, 1]), ([-1.5, 1.0, 1.0], [1, 1]),
    ([-1.0, 1.0, 1.0], [1, 0]), ([0.5, -1.0, 0.25], [1, 1]), ([0.2, 0.3, -0.6, 0.1], [1, 0.5, 2]),
]


def _random_output_cases(rng, n=12):
    """Hidden (w, x) pairs with 3 to 5 inputs, each input large enough to matter."""
    cases = []
    for _ in range(n):
        k = int(rng.integers(3, 6))
        cases.append((rng.normal(0, 1, k + 1).round(3).tolist(), rng.normal(0, 2, k).round(3).tolist()))
    return cases


def _check_perceptron_output(ctx, f):
    got, expected = [], []
    variants = {m: [] for m in (OUT_STRICT, OUT_BIAS_LAST, OUT_NO_BIAS, OUT_SIGN, OUT_RAW)}
    for w, x in OUTPUT_CASES + _random_output_cases(ctx.rng):
        w, x = np.array(w), np.array(x, dtype=float)
        value = ctx.call(f, w, x, where=f"w = {fmt(w)}, x = {fmt(x)}", arg_names=["w", "x"],
                         error_hint="w has one entry more than x: prepend x0 = 1 to x before the dot product.")
        if np.size(value) != 1:
            ctx.fail(f"For one sample x the output should be one number (0 or 1); got {fmt(value)}.",
                     mistake="wrong_shape")
        got.append(np.ravel(np.asarray(value, dtype=float))[0])
        z = w[0] + w[1:] @ x
        expected.append(float(z >= 0))
        variants[OUT_STRICT].append(float(z > 0))
        variants[OUT_BIAS_LAST].append(float(w[:-1] @ x + w[-1] >= 0))
        variants[OUT_NO_BIAS].append(float(w[1:] @ x >= 0))
        variants[OUT_SIGN].append(1.0 if z >= 0 else -1.0)
        variants[OUT_RAW].append(z)
    ctx.expect_close(got, expected, where="six (w, x) pairs (see hint 1) and hidden ones with 3 to 5 inputs",
                     what="your outputs",
                     mistakes=list(variants.items()))


def perceptron_update(w, x, target, lr=1.0):
    w = np.asarray(w, dtype=float)
    x_aug = np.concatenate(([1.0], np.asarray(x, dtype=float)))
    computed = 1.0 if w @ x_aug >= 0 else 0.0
    # w <- w - lr * x * (C - O): no change when the computed output C equals the target O
    return w - lr * x_aug * (computed - target)


UPD_SIGN = Mistake("update_sign_flipped", "the update goes the wrong way (w + lr x (C - O))",
                   "with C the computed output and O the target, w <- w - lr * x_aug * (C - O).")
UPD_NO_LR = Mistake("ignores_lr", "the learning rate lr is not used", "multiply the step by lr.")
UPD_NO_BIAS = Mistake("bias_not_updated", "the bias w0 is not updated (x0 = 1 missing from the update)",
                      "the update uses the augmented x = (1, x1, ..., xn), so w0 changes by -lr * (C - O).")
UPD_STRICT = Mistake("strict_inequality", "the computed output uses > 0 where the course uses >= 0",
                     "C = 1 if w.x >= 0 else 0 (w.x = 0 gives C = 1).")

# w.x_aug is 0 in exact arithmetic but not in floating point: either output is accepted.
EDGE_CASES = [([-0.3, 0.1, 0.2], [1, 1], 0, 1.0), ([0.7, -0.1, -0.6], [1.0, 1.0], 1, 0.5)]
UPDATE_CASES = [
    ([-0.5, 0.2, 0.4], [1, 1], 0, 0.5), ([0.0, 0.0, 0.0], [0, 0], 0, 1.0),
    ([-0.5, 0.2, 0.4], [1, 0], 1, 1.0), ([-1.5, 1.0, 1.0], [1, 1], 1, 0.1), ([0.3, -0.2, 0.1], [2, 1], 1, 0.25),
]


def _update_variant(w, x, t, lr, sign=-1, use_lr=True, bias=True, strict=False):
    x_aug = np.concatenate(([1.0], x))
    z = w @ x_aug
    c = float(z > 0) if strict else float(z >= 0)
    step = (lr if use_lr else 1.0) * x_aug * (c - t)
    if not bias:
        step[0] = 0.0
    return w + sign * step


def _on_the_edge(w, x):
    """True when rounding decides the output: float64, float32 or another summation order disagree on w.x_aug >= 0."""
    terms = np.concatenate(([w[0]], w[1:] * x))
    decisions = {bool(np.sum(terms) >= 0), bool(np.sum(terms[::-1]) >= 0),
                 bool(np.sum(terms.astype(np.float32)) >= 0), bool(w[0] + np.dot(w[1:], x) >= 0)}
    return len(decisions) > 1


def _random_update_cases(rng, n=8):
    cases = []
    for _ in range(n):
        k = int(rng.integers(2, 5))
        cases.append((rng.normal(0, 1, k + 1).round(2).tolist(), rng.integers(-2, 3, k).tolist(),
                      int(rng.integers(0, 2)), float(rng.choice([0.1, 0.25, 0.5, 1.0]))))
    return cases


def _check_perceptron_update(ctx, f):
    for w, x, t, lr in UPDATE_CASES + EDGE_CASES + _random_update_cases(ctx.rng):
        w, x = np.array(w, dtype=float), np.array(x, dtype=float)
        where = f"w = {fmt(w)}, x = {fmt(x)}, target = {t}, lr = {lr:g}"
        got = ctx.call(f, w, x, t, lr, where=where, arg_names=["w", "x", "target", "lr"],
                       error_hint="w has one entry more than x: use x_aug = (1, x1, ..., xn).")
        if _on_the_edge(w, x):
            x_aug = np.concatenate(([1.0], x))
            either = [w - lr * x_aug * (c - t) for c in (0.0, 1.0)]  # rounding decides C: accept both
            arr = ctx.as_array(got, "the new weights", where)
            if any(arr.shape == v.shape and np.allclose(arr, v, rtol=1e-5, atol=1e-6) for v in either):
                continue
        ctx.expect_close(got, _update_variant(w, x, t, lr), where=where, what="the new weights", mistakes=[
            (UPD_SIGN, _update_variant(w, x, t, lr, sign=1)),
            (UPD_STRICT, _update_variant(w, x, t, lr, strict=True)),
            (UPD_NO_LR, _update_variant(w, x, t, lr, use_lr=False)),
            (UPD_NO_BIAS, _update_variant(w, x, t, lr, bias=False))])


EXERCISES = [
    Exercise(
        "nand_weights", NOTEBOOK,
        "Set `nand_weights = (w1, w2, threshold)` so that the unit `I1 w1 + I2 w2 >= threshold` computes NAND.",
        nand_weights, _gate_checker("NAND"),
        ["NAND is 1 except when both inputs are 1.", "Start from AND's (1, 1, 1.5) in the lecture's table.",
         "Multiply AND's weights and threshold by -1: (-1, -1, -1.5)."],
        kind="value", stub="nand_weights = ...  # (w1, w2, threshold)\n"),
    Exercise(
        "nor_weights", NOTEBOOK,
        "Set `nor_weights = (w1, w2, threshold)` so that the unit `I1 w1 + I2 w2 >= threshold` computes NOR.",
        nor_weights, _gate_checker("NOR"),
        ["NOR is 1 only when both inputs are 0.", "Start from OR's (1, 1, 0.5) in the lecture's table.",
         "Multiply OR's weights and threshold by -1: (-1, -1, -0.5)."],
        kind="value", stub="nor_weights = ...  # (w1, w2, threshold)\n"),
    Exercise(
        "perceptron_output", NOTEBOOK,
        "Write `perceptron_output(w, x)` for one sample x (n inputs) and weights w = (w0, w1, ..., wn): "
        "return 1 if w . (1, x1, ..., xn) >= 0, else 0.",
        perceptron_output, _check_perceptron_output,
        ["The checker tries w = (-1.5, 1, 1) (AND) on a few inputs and a case where w.x is exactly 0.",
         "Build x_aug = np.concatenate(([1.0], x)) so that w0 multiplies 1.",
         "return 1 if np.dot(w, x_aug) >= 0 else 0."],
        stub="def perceptron_output(w, x):\n    ...\n"),
    Exercise(
        "perceptron_update", NOTEBOOK,
        "Write `perceptron_update(w, x, target, lr)`: compute the output C for the sample x (augmented with "
        "x0 = 1, rule >= 0) and return the new weights w - lr * x_aug * (C - target). Do not change w in place.",
        perceptron_update, _check_perceptron_update,
        ["When C equals the target nothing changes; otherwise every weight moves by lr times its input.",
         "The bias w0 has input x0 = 1, so it moves by -lr * (C - target).",
         "x_aug = np.concatenate(([1.0], x)); C = 1.0 if w @ x_aug >= 0 else 0.0; "
         "return w - lr * x_aug * (C - target)."],
        stub="def perceptron_update(w, x, target, lr=1.0):\n    ...\n"),
]
