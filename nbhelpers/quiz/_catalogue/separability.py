"""Exercises of 03_linear_separability: does a line separate the data, and a 2-2-1 step network for XOR."""
import numpy as np

from .._core import Exercise, Mistake, describe, fmt

NOTEBOOK = "03_linear_separability"
INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR = np.array([0.0, 1.0, 1.0, 0.0])
NAMED = {(0, 0, 0, 1): "AND", (0, 1, 1, 1): "OR", (1, 1, 1, 0): "NAND", (1, 0, 0, 0): "NOR",
         (1, 0, 0, 1): "XNOR (NOT XOR)", (0, 0, 0, 0): "always 0", (1, 1, 1, 1): "always 1"}


def xor_weights():
    # Hidden unit 1 computes OR, hidden unit 2 computes NAND; the output unit ANDs them.
    W1 = np.array([[1.0, -1.0],
                   [1.0, -1.0]])  # W1[i, j]: from input i to hidden unit j
    b1 = np.array([-0.5, 1.5])
    W2 = np.array([[1.0],
                   [1.0]])
    b2 = np.array([-1.5])
    return W1, b1, W2, b2


def _net(W1, b1, W2, b2, strict=False):
    def step(z):
        return (z > 0).astype(float) if strict else (z >= 0).astype(float)
    return step(step(INPUTS @ W1 + b1) @ W2 + b2).ravel()


TRANSPOSED = Mistake("transposed_weights", "W1 is transposed: your network computes XOR with W1.T",
                     "W1 has shape (n_inputs, n_hidden): W1[i, j] connects input i to hidden unit j.")
NO_BIAS = Mistake("missing_bias", "the biases are all zero, so input (0, 0) gives z = 0 and every step fires",
                  "each unit needs a threshold: b = -threshold, e.g. OR uses b = -0.5.")
STRICT = Mistake("strict_inequality", "a unit sits exactly on its threshold; your weights work only with > 0",
                 "the course's step fires at z >= 0: move each bias so no sum equals 0 exactly.")


def _check_xor_weights(ctx, answer):
    if not isinstance(answer, (tuple, list)) or len(answer) != 4:
        ctx.fail(f"Expected a tuple (W1, b1, W2, b2), got {fmt(answer)}.", mistake="wrong_type")
    W1 = ctx.as_array(answer[0], "W1")
    if W1.shape != (2, 2):
        ctx.fail(f"W1 has shape {W1.shape}; a 2-2-1 network needs W1 of shape (2, 2) (inputs x hidden units).",
                 mistake="wrong_shape")
    b1 = ctx.as_array(answer[1], "b1")
    W2 = ctx.as_array(answer[2], "W2")
    b2 = ctx.as_array(answer[3], "b2")
    for name, arr, size in (("b1", b1, 2), ("W2", W2, 2), ("b2", b2, 1)):
        if arr.size != size:
            ctx.fail(f"{name} has shape {arr.shape}, but it needs {size} entr{'y' if size == 1 else 'ies'} "
                     "(shapes: W1 (2, 2), b1 (2,), W2 (2, 1), b2 (1,)).", mistake="wrong_shape")
    b1, W2, b2 = b1.ravel(), W2.reshape(2, 1), b2.ravel()
    out = _net(W1, b1, W2, b2)
    if np.array_equal(out, XOR):
        return
    name = NAMED.get(tuple(int(v) for v in out))
    lines = ["For the inputs (0,0), (0,1), (1,0), (1,1):", f"    expected (XOR): {fmt(XOR)}",
             f"    got:            {fmt(out)}" + (f"  (that is {name})" if name else "")]
    if np.array_equal(_net(W1.T, b1, W2, b2), XOR):
        ctx.fail(*lines, mistake=TRANSPOSED)
    if not np.any(b1) and not np.any(b2):
        ctx.fail(*lines, mistake=NO_BIAS)
    if np.array_equal(_net(W1, b1, W2, b2, strict=True), XOR):
        ctx.fail(*lines, mistake=STRICT)
    ctx.fail(*lines, hint="one hidden unit can compute OR and the other NAND; the output unit then computes "
                          "their AND.")


def separates(w, X, y):
    w, X = np.asarray(w, dtype=float), np.asarray(X, dtype=float)
    z = w[0] + X @ w[1:]  # w . x_aug for every row, with x_aug = (1, x1, x2)
    predicted = (z >= 0).astype(int)  # the course's rule: class 1 where w . x_aug >= 0
    return bool(np.all(predicted == y))  # one answer for the whole data: every point on its side


CORNERS = INPUTS.tolist()
# (w, X, y): the checker calls separates(w, X, y) on each. Together they tell the mistakes below apart:
# points exactly on the line of either class, a line that classifies everything wrong, lines whose
# bias matters or sits in the wrong place, and a wrong point that is neither the first nor the only one.
SEPARATES_CASES = [
    ([-1.5, 1.0, 1.0], CORNERS, [0, 0, 0, 1]),           # AND's line on AND
    ([-1.5, 1.0, 1.0], CORNERS, [0, 1, 1, 1]),           # AND's line on OR
    ([1.5, -1.0, -1.0], CORNERS, [0, 0, 0, 1]),          # NAND's line on AND: every point wrong
    ([-1.0, 1.0, 1.0], CORNERS, [0, 1, 1, 1]),           # (0, 1) and (1, 0) lie on the line, class 1
    ([-1.0, 1.0, 1.0], CORNERS, [0, 0, 0, 1]),           # ... and now they are class 0
    ([1.0, 1.0, -1.0], CORNERS, [0, 1, 1, 1]),           # OR's (1, 1) and bias -1, but with the bias last
    ([-0.5, 1.0, -1.0], [[2.0, 0.0], [0.0, 2.0], [0.25, 0.0]], [1, 0, 1]),  # only w0 puts (0.25, 0) on side 0
    ([0.5, -2.0, 1.0], [[-1.0, 0.5], [1.0, 1.0], [0.5, -0.5], [-0.5, -1.0], [2.0, 2.0], [0.0, 1.5]],
     [1, 0, 0, 1, 0, 1]),                                # six points, separated
    ([0.5, -2.0, 1.0], [[-1.0, 0.5], [1.0, 1.0], [0.5, -0.5], [-0.5, -1.0], [2.0, 2.0], [0.0, 1.5]],
     [1, 0, 0, 0, 0, 1]),                                # one wrong point in the middle
]


def _sep_variant(w, X, y, rule="ge", bias="first", reduce="all"):
    w, X, y = np.asarray(w, dtype=float), np.asarray(X, dtype=float), np.asarray(y)
    z = {"first": w[0] + X @ w[1:], "none": X @ w[1:], "last": X @ w[:-1] + w[-1]}[bias]
    predicted = {"ge": z >= 0, "gt": z > 0, "lt": z < 0, "le": z <= 0}[rule].astype(int)
    right = predicted == y
    return bool({"all": np.all(right), "any": np.any(right), "first": right[0],
                 "either": np.all(right) or not np.any(right)}[reduce])


SEP_STRICT = Mistake("strict_inequality", "you used > 0 where the course uses >= 0",
                     "a point exactly on the line (w . x_aug = 0) belongs to class 1: predicted = (w . x_aug >= 0).")
SEP_NO_BIAS = Mistake("missing_bias", "the bias w0 is ignored (no augmented x0 = 1), so your line always passes "
                      "through the origin", "with x_aug = (1, x1, x2), w . x_aug = w[0] + X @ w[1:] for all rows.")
SEP_BIAS_LAST = Mistake("bias_last", "you put the constant 1 after x1 and x2, but w0 (the bias) comes first",
                        "x_aug = (1, x1, x2), so w0 multiplies 1: w . x_aug = w[0] + X @ w[1:].")
SEP_FLIPPED = Mistake("labels_flipped", "the two sides are swapped: your function accepts a line that puts every "
                      "point on the other class's side", "class 1 is the side where w . x_aug >= 0, class 0 the "
                      "side where it is < 0.")
SEP_EITHER = Mistake("labels_flipped", "your function also accepts a line that puts every point on the other "
                     "class's side (it classifies everything wrong)", "compare the predicted classes with y "
                     "itself: class 1 where w . x_aug >= 0 and nothing else counts as separating.")
SEP_SOME = Mistake("only_some_points", "your function does not look at every point (`any` instead of `all`, or a "
                   "`return` inside the loop after the first point)", "the line separates only if all points are "
                   "on their side: np.all(predicted == y).")
SEP_ARRAY = Mistake("returned_array", "you returned one True/False per point instead of one answer for the data",
                    "reduce the comparison to one bool: return bool(np.all(predicted == y)).")
SEP_VARIANTS = [
    (SEP_STRICT, dict(rule="gt")), (SEP_NO_BIAS, dict(bias="none")), (SEP_BIAS_LAST, dict(bias="last")),
    (SEP_FLIPPED, dict(rule="lt")), (SEP_FLIPPED, dict(rule="le")), (SEP_EITHER, dict(reduce="either")),
    (SEP_SOME, dict(reduce="any")), (SEP_SOME, dict(reduce="first")),
]


def _points(X):
    return "[" + ", ".join(f"({fmt(a)}, {fmt(b)})" for a, b in X) + "]"


def _case_text(w, X, y):
    return f"w = ({', '.join(fmt(v) for v in w)}), X = {_points(X)}, y = {list(y)}"


def _as_bool(ctx, value, where):
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)) and value in (0, 1):
        return bool(value)
    if isinstance(value, (np.ndarray, list, tuple)):
        ctx.fail(f"Your function returned {describe(value)} for {where}.",
                 "One bool (True or False, shape ()) was expected for the whole data, not one value per point.",
                 mistake=SEP_ARRAY)
    hint = "compare the predicted classes with y and return bool(np.all(predicted == y))."
    if isinstance(value, (float, np.floating)) and 0 <= value <= 1:
        hint = ("a number between 0 and 1 looks like the fraction of points on their side; the line separates "
                "only when that fraction is 1, and the answer is the bool bool(np.all(predicted == y)).")
    ctx.fail(f"Your function returned {fmt(value)} ({describe(value)}) for {where}; it should return True or False.",
             mistake="wrong_type", hint=hint)


def hidden_separates_cases(rng):
    """Cases drawn at check time: a separated set, one wrong point, every point wrong, a point on the line.

    Integer weights with w2 = +-1 and integer points, so that w . x_aug = 0 holds exactly on the line.
    """
    cases = []
    for kind in ("separated", "one_wrong", "all_wrong", "on_line"):
        w = np.array([rng.integers(-3, 4), rng.integers(-3, 4), rng.choice([-1, 1])], dtype=float)
        X = rng.integers(-4, 5, size=(int(rng.integers(3, 8)), 2)).astype(float)
        if kind == "on_line":
            i = int(rng.integers(len(X)))
            X[i, 1] = -(w[0] + w[1] * X[i, 0]) * w[2]  # w2 = +-1, so w . x_aug is exactly 0 here
        y = (w[0] + X @ w[1:] >= 0).astype(int)
        if kind == "one_wrong":
            i = int(rng.integers(1, len(X)))
            y[i] = 1 - y[i]
        elif kind == "all_wrong":
            y = 1 - y
        cases.append((w.tolist(), X.tolist(), y.tolist()))
    return cases


def _check_separates(ctx, f):
    got, expected = [], []
    variants = [(m, []) for m, _ in SEP_VARIANTS]
    cases = SEPARATES_CASES + hidden_separates_cases(ctx.rng)
    for k, (w, X, y) in enumerate(cases, start=1):
        w_arr, X_arr, y_arr = np.array(w), np.array(X), np.array(y)
        where = f"case {k} ({_case_text(w, X, y)})"
        value = ctx.call(f, w_arr, X_arr, y_arr, where=where, arg_names=["w", "X", "y"],
                         error_hint="if it is about shapes: w has 3 entries and each row of X has 2, so "
                                    "w . x_aug = w[0] + X @ w[1:] (or prepend a column of ones to X).")
        got.append(_as_bool(ctx, value, where))
        expected.append(separates(w, X, y))
        for (_, values), (_, kw) in zip(variants, SEP_VARIANTS):
            values.append(_sep_variant(w, X, y, **kw))
    if got == expected:
        return
    wrong = [k for k in range(len(got)) if got[k] != expected[k]]
    w, X, y = cases[wrong[0]]
    z = ", ".join(fmt(float(v)) for v in w[0] + np.asarray(X) @ np.asarray(w[1:]))
    lines = [f"Wrong answer in {len(wrong)} of {len(got)} cases. The first one, case {wrong[0] + 1}:",
             f"    {_case_text(w, X, y)}",
             f"    w . x_aug = [{z}]: expected {expected[wrong[0]]}, got {got[wrong[0]]}."]
    for mistake, values in variants:
        if values == got:
            ctx.fail(*lines, mistake=mistake)
    ctx.fail(*lines)


EXERCISES = [
    Exercise(
        "xor_weights", NOTEBOOK,
        "Set `xor_weights = (W1, b1, W2, b2)` for a 2-2-1 network of step units (output 1 where z >= 0) that "
        "computes XOR: hidden = step(X @ W1 + b1), output = step(hidden @ W2 + b2), W1 of shape (2, 2).",
        xor_weights, _check_xor_weights,
        ["XOR(a, b) = AND(OR(a, b), NAND(a, b)).",
         "Column j of W1 and b1[j] are the weights and bias of hidden unit j: OR is (1, 1) with bias -0.5, "
         "NAND is (-1, -1) with bias 1.5.",
         "The output unit computes AND of the two hidden units: weights (1, 1), bias -1.5."],
        kind="value", stub="W1 = ...\nb1 = ...\nW2 = ...\nb2 = ...\nxor_weights = (W1, b1, W2, b2)\n"),
    Exercise(
        "separates", NOTEBOOK,
        "Write `separates(w, X, y)` for weights w = (w0, w1, w2), points X of shape (n, 2) and labels y of 0s and "
        "1s: return True if the line w0 + w1 x1 + w2 x2 = 0 puts every point on its class's side (class 1 where "
        "w . (1, x1, x2) >= 0, class 0 where it is < 0), else False. Return one bool, not one per point.",
        separates, _check_separates,
        ["Find the class the line gives each point and compare with y: the line separates only if all agree.",
         "With x_aug = (1, x1, x2) for every row, w . x_aug = w[0] + X @ w[1:]; a point exactly on the line "
         "(w . x_aug = 0) is on class 1's side.",
         "predicted = (w[0] + X @ w[1:] >= 0).astype(int); return bool(np.all(predicted == y))."],
        stub="def separates(w, X, y):\n    ...\n"),
]
