"""Exercises of 02_perceptron: gate weights, the weights of a majority vote and one training update."""
import numpy as np

from .._core import Exercise, Mistake, describe, fmt

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


def majority_weights(n):
    # Every input counts alike (w1 = ... = wn = 1), so z = w0 + (the number of ones). For odd n the majority
    # needs (n + 1) / 2 ones or more, and (n - 1) / 2 ones must not fire: the threshold n / 2 lies halfway.
    return np.concatenate(([-n / 2], np.ones(n)))


MAJ_LOW = Mistake("threshold_off_by_one", "your unit already fires when exactly (n - 1) / 2 inputs are 1, "
                  "one short of a majority", "count the ones: with n = 5, two ones are a minority and three a "
                  "majority. Put the threshold between the two counts; w0 is minus the threshold.")
MAJ_HIGH = Mistake("threshold_off_by_one", "your unit stays silent when exactly (n + 1) / 2 inputs are 1, "
                   "the smallest majority", "with n = 5, three ones are already a majority. The threshold must "
                   "lie above (n - 1) / 2 and at most at (n + 1) / 2; w0 is minus the threshold.")
MAJ_SIGN = Mistake("bias_sign", "your weights compute the majority with the sign of w0 flipped: you gave the "
                   "threshold, not the bias", "the unit fires when w0 + w1 x1 + ... + wn xn >= 0, so w0 is minus "
                   "the threshold (section 1).")
MAJ_COMPLEMENT = Mistake("complement", "your unit computes the minority (it fires when most inputs are 0)",
                         "flip the signs of all weights, w0 included.")
MAJ_LENGTH = Mistake("wrong_length", "your weights have the wrong length", "return n + 1 numbers: the bias w0 "
                     "first (its input is x0 = 1), then one weight per input, w1, ..., wn.")


def _binary_inputs(n, rng=None, count=None):
    """All 2^n binary inputs (rows), or ``count`` random ones with every number of ones near n / 2 included."""
    if rng is None:
        return ((np.arange(2 ** n)[:, None] >> np.arange(n)) & 1).astype(float)
    rows = (rng.random((count, n)) < 0.5).astype(float)
    edges = []
    for ones in (0, (n - 1) // 2, (n + 1) // 2, n):  # the counts on either side of the threshold, and the ends
        for _ in range(4):
            row = np.zeros(n)
            row[rng.choice(n, size=ones, replace=False)] = 1.0
            edges.append(row)
    return np.vstack([np.array(edges), rows])


def _fires(w, X):
    z = w[0] + X @ w[1:]
    return z >= -1e-9 * max(1.0, float(np.max(np.abs(w))))  # a z that is 0 in exact arithmetic may round below


def _check_majority_weights(ctx, f):
    rng = ctx.rng
    small = sorted(int(v) for v in rng.choice([1, 3, 5, 7, 9], size=3, replace=False))
    large = int(rng.choice(np.arange(11, 42, 2)))
    for n in [*small, large]:
        X = _binary_inputs(n) if n <= 9 else _binary_inputs(n, rng, 3000)
        got = ctx.call(f, n, where=f"n = {n}", arg_names=["n"])
        if np.size(got) != n + 1:
            ctx.fail(f"For n = {n} inputs the weights should be n + 1 = {n + 1} numbers, w0 and one weight per "
                     f"input; got {describe(got)}.", mistake=MAJ_LENGTH)
        w = ctx.as_array(got, "your weights", f"n = {n}").ravel()
        ones = X.sum(axis=1)
        majority = ones > n / 2
        out = _fires(w, X)
        if np.array_equal(out, majority):
            continue
        which = f"all {len(X)} inputs" if n <= 9 else f"{len(X)} inputs, among them every count of ones near n / 2"
        bad = np.flatnonzero(out != majority)[:3]
        lines = [f"With n = {n} and w = {fmt(w)}, checked on {which}, the unit is wrong on "
                 f"{np.sum(out != majority)} of them, e.g.:"]
        lines += [f"    x = ({', '.join(str(int(v)) for v in X[i])}), {int(ones[i])} of {n} inputs 1: output "
                  f"{int(out[i])}, majority {int(majority[i])}" for i in bad]
        if np.array_equal(_fires(np.append(-w[0], w[1:]), X), majority):
            ctx.fail(*lines, mistake=MAJ_SIGN)
        if np.array_equal(out, ~majority):
            ctx.fail(*lines, mistake=MAJ_COMPLEMENT)
        if np.array_equal(out, ones >= (n - 1) / 2):
            ctx.fail(*lines, mistake=MAJ_LOW)
        if np.array_equal(out, ones >= (n + 3) / 2):
            ctx.fail(*lines, mistake=MAJ_HIGH)
        ctx.fail(*lines, hint="the majority fires exactly when more than half of the n inputs are 1: give every "
                              "input the same weight and place the threshold between the counts (n - 1) / 2 and "
                              "(n + 1) / 2.")


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
        "majority_weights", NOTEBOOK,
        "Write `majority_weights(n)` for an odd number n of binary inputs: the weights (w0, w1, ..., wn), bias "
        "first, with which the perceptron (output 1 when w . (1, x1, ..., xn) >= 0, else 0) computes the majority "
        "vote: 1 when more than half of the inputs are 1.",
        majority_weights, _check_majority_weights,
        ["A majority treats every input alike: give them all the same weight, say 1. Then w . (1, x) is w0 plus "
         "the number of ones.",
         "With n = 5, two ones must give 0 and three ones 1: any threshold above 2 and at most 3 works, and "
         "halfway, n / 2, leaves a margin on both sides. w0 is minus the threshold.",
         "return np.concatenate(([-n / 2], np.ones(n)))."],
        stub="def majority_weights(n):\n    ...\n"),
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
