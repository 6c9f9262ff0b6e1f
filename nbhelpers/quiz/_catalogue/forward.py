"""Exercises of 05_multilayer_networks: layer shapes, the forward pass, and the library's dense_forward and
forward_pass."""
import numpy as np

from .._core import Exercise, Mistake, _close, fmt
from ._network import expect_arrays, network_text, random_network, sig, unpack

NOTEBOOK = "05_multilayer_networks"


def layer_shapes(sizes, augmented=False):
    extra = 1 if augmented else 0  # the augmented view adds a row for the constant input 1
    return [(n_in + extra, n_out) for n_in, n_out in zip(sizes[:-1], sizes[1:])]


def bias_shapes(sizes):
    return [(n_out,) for n_out in sizes[1:]]  # one bias per unit of every layer after the input


def _as_shapes(got):
    """A list of tuples of ints, or None if ``got`` is not shaped like one."""
    try:
        return [tuple(int(v) for v in (s if isinstance(s, (tuple, list, np.ndarray)) else [s])) for s in got]
    except (TypeError, ValueError):
        return None


SH_TRANSPOSED = Mistake("transposed_weights", "your shapes are transposed: (n_out, n_in)",
                        "W of layer l has shape (n_in, n_out) so that a_l = g(a_{l-1} @ W): (2, 5) for 2 inputs and 5 units.")
SH_COLUMN = Mistake("augmented_column", "you added the bias to the columns (n_out + 1)",
                    "the constant input 1 is an extra input, so it adds a row: (n_in + 1, n_out).")
SH_IGNORED = Mistake("ignores_augmented", "the augmented flag makes no difference in your shapes",
                     "with augmented=True every weight matrix gets one more row: (3, 5), (6, 2), (3, 1).")
SH_COUNT = Mistake("wrong_count", "you have one shape per layer size, but the weights sit between layers",
                   "a network with sizes [2, 5, 2, 1] has 3 weight matrices: zip(sizes[:-1], sizes[1:]).")


def random_sizes(rng):
    """Layer sizes drawn at check time: 2 to 6 layers of 1 to 9 units."""
    return [int(n) for n in rng.integers(1, 10, size=int(rng.integers(2, 7)))]


def _check_layer_shapes(ctx, f):
    cases = [([2, 5, 2, 1], False), ([2, 5, 2, 1], True), ([4, 3], False), ([3, 4, 4, 2], True)]
    cases += [(random_sizes(ctx.rng), aug) for aug in (False, True)]
    for sizes, aug in cases:
        where = f"sizes = {sizes}, augmented = {aug}"
        got = ctx.call(f, list(sizes), aug, where=where, arg_names=["sizes", "augmented"])
        shapes = _as_shapes(got)
        expected = layer_shapes(sizes, aug)
        if shapes == expected:
            continue
        lines = [f"The shapes are not right at {where}:", f"    expected: {expected}", f"    got:      {fmt(got)}"]
        pairs = list(zip(sizes[:-1], sizes[1:]))
        e = 1 if aug else 0
        if shapes == [(o, i + e) for i, o in pairs] or shapes == [(o + e, i) for i, o in pairs]:
            ctx.fail(*lines, mistake=SH_TRANSPOSED)
        if aug and shapes == [(i, o + 1) for i, o in pairs]:
            ctx.fail(*lines, mistake=SH_COLUMN)
        if aug and shapes == layer_shapes(sizes, False):
            ctx.fail(*lines, mistake=SH_IGNORED)
        if shapes is not None and len(shapes) != len(pairs):
            ctx.fail(*lines, mistake=SH_COUNT)
        ctx.fail(*lines)


B_INPUT = Mistake("input_layer_bias", "you gave the input layer a bias too",
                  "inputs have no bias: one bias vector per layer after the input.")
B_INTS = Mistake("ints_not_tuples", "you gave numbers, not shape tuples",
                 "a 1-D shape is written (5,), with the comma.")
B_2D = Mistake("two_d_bias", "your bias shapes are 2-D", "each bias is a vector: shape (n_out,), e.g. (5,).")


def _check_bias_shapes(ctx, f):
    for sizes in ([2, 5, 2, 1], [4, 3], [3, 4, 4, 2], random_sizes(ctx.rng), random_sizes(ctx.rng)):
        got = ctx.call(f, list(sizes), where=f"sizes = {sizes}", arg_names=["sizes"])
        expected = bias_shapes(sizes)
        if isinstance(got, (list, tuple)) and all(isinstance(s, (tuple, list)) for s in got) and _as_shapes(got) == expected:
            continue
        lines = [f"The bias shapes are not right at sizes = {sizes}:", f"    expected: {expected}", f"    got:      {fmt(got)}"]
        shapes = _as_shapes(got) if isinstance(got, (list, tuple)) else None
        if shapes == [(n,) for n in sizes[:-1]] or shapes == [(n,) for n in sizes]:
            ctx.fail(*lines, mistake=B_INPUT)
        if shapes == expected:
            ctx.fail(*lines, mistake=B_INTS)
        if shapes in ([(1, n) for n in sizes[1:]], [(n, 1) for n in sizes[1:]]):
            ctx.fail(*lines, mistake=B_2D)
        ctx.fail(*lines)


def forward(X, weights, biases):
    a = np.asarray(X, dtype=float)  # samples in rows
    for W, b in zip(weights, biases):
        z = a @ W + b
        a = 1 / (1 + np.exp(-z))  # sigmoid in every layer
    return a


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


F_NO_BIAS = Mistake("missing_bias", "the biases are not added", "z = a @ W + b in every layer.")
F_LINEAR_OUT = Mistake("linear_output", "the output layer has no sigmoid",
                       "this network uses the sigmoid in both layers.")
F_LINEAR_HIDDEN = Mistake("linear_hidden", "the hidden layer has no sigmoid",
                          "apply the sigmoid to the hidden pre-activation before the next layer.")
F_TRANSPOSED = Mistake("transposed_output", "your output is transposed (one column per sample)",
                       "keep samples in rows: a = X @ W + b, not W.T @ X.T.")


def _check_forward(ctx, f):
    rng = np.random.default_rng(5)
    X = rng.normal(size=(4, 3))
    W1, b1 = rng.normal(size=(3, 5)), rng.normal(size=5)
    W2, b2 = rng.normal(size=(5, 2)), rng.normal(size=2)
    got = ctx.call(f, X, [W1, W2], [b1, b2], where="X (4, 3), weights (3, 5) and (5, 2), biases (5,) and (2,)",
                   arg_names=["X", "weights", "biases"],
                   error_hint="W has shape (n_in, n_out) and X has one row per sample: compute X @ W + b.")
    h = _sigmoid(X @ W1 + b1)
    expected = _sigmoid(h @ W2 + b2)
    ctx.expect_close(got, expected, where="a random X (4, 3) and a 3-5-2 network", what="the output", mistakes=[
        (F_TRANSPOSED, expected.T), (F_NO_BIAS, _sigmoid(_sigmoid(X @ W1) @ W2)), (F_LINEAR_OUT, h @ W2 + b2),
        (F_LINEAR_HIDDEN, _sigmoid((X @ W1 + b1) @ W2 + b2))])
    for n_layers in (1, 3, int(ctx.rng.integers(2, 5))):  # hidden: other depths and widths
        sizes = [int(s) for s in ctx.rng.integers(1, 6, size=n_layers + 1)]
        X = ctx.rng.normal(size=(int(ctx.rng.integers(1, 6)), sizes[0]))
        weights = [ctx.rng.normal(size=(a, b)) for a, b in zip(sizes[:-1], sizes[1:])]
        biases = [ctx.rng.normal(size=b) for b in sizes[1:]]
        where = f"a network with layer sizes {sizes} and X of shape {X.shape}"
        got = ctx.call(f, X, weights, biases, where=where, arg_names=["X", "weights", "biases"])
        ctx.expect_close(got, forward(X, weights, biases), where=where, what="the output",
                         mistakes=[(F_TRANSPOSED, forward(X, weights, biases).T)])


def dense_forward(X, W, b):
    # one row per sample: (n, n_in) @ (n_in, n_out) gives (n, n_out); b is added to every row
    return X @ W + b


DF_NO_BIAS = Mistake("missing_bias", "the bias is not added",
                     "Z = X @ W + b: b, of shape (n_out,), is added to every row.")
DF_ACTIVATED = Mistake("applied_activation", "you applied the sigmoid to X @ W + b",
                       "dense_forward returns the pre-activation Z = X @ W + b; forward_pass applies the sigmoid.")


def _check_dense_forward(ctx, f):
    rng = np.random.default_rng(9)
    cases = [(rng.normal(size=(4, 3)), rng.normal(size=(3, 2)), rng.normal(size=2))]
    for n, n_in, n_out in (ctx.rng.integers(2, 7, size=3), (1, *ctx.rng.integers(1, 6, size=2))):
        cases.append((ctx.rng.normal(size=(n, n_in)), ctx.rng.normal(size=(n_in, n_out)), ctx.rng.normal(size=n_out)))
    for X, W, b in cases:
        where = f"X of shape {X.shape}, W {W.shape}, b {b.shape}"
        got = ctx.call(f, X, W, b, where=where, arg_names=["X", "W", "b"],
                       error_hint="W has shape (n_in, n_out) and X one row per sample: compute X @ W + b.")
        Z = X @ W + b
        ctx.expect_close(got, Z, where=where, what="Z", mistakes=[
            (F_TRANSPOSED, Z.T), (DF_NO_BIAS, X @ W), (DF_ACTIVATED, sig(Z))])


def forward_pass(X, weights, biases):
    a = np.asarray(X, dtype=float)
    zs, activations = [], [a]  # activations[0] is the input X itself
    for W, b in zip(weights, biases):
        z = a @ W + b
        a = 1 / (1 + np.exp(-z))  # sigmoid in every layer, the output layer too
        zs.append(z)
        activations.append(a)
    return zs, activations  # backward needs both: sigma'(z) and each layer's input a


FP_NO_INPUT = Mistake("activations_missing_input", "your activations start with a_1: the input X is missing",
                      "activations = [X, a_1, ..., a_L] has one more entry than zs; backward needs X for dW_1.")
FP_ZS_SHORT = Mistake("zs_missing_last", "your zs stop one layer early: z_L is missing",
                      "append every layer's z, the output layer's too: zs = [z_1, ..., z_L].")
FP_LINEAR_OUT = Mistake("linear_output", "the output layer has no sigmoid",
                        "every layer, the last one too, computes a = sigmoid(z).")
FP_ONLY_OUTPUT = Mistake("returned_only_output", "you returned only the output activations",
                         "return both lists: return zs, activations.")
FP_TRANSPOSED = Mistake("transposed", "your arrays are transposed (one column per sample), as W @ X gives",
                        "keep samples in rows: z = a @ W + b with W of shape (n_in, n_out).")


def _check_forward_pass(ctx, f):
    rng = np.random.default_rng(5)
    cases = [([3, 5, 2], rng.normal(size=(4, 3)), [rng.normal(size=(3, 5)), rng.normal(size=(5, 2))],
              [rng.normal(size=5), rng.normal(size=2)])]
    cases += [random_network(ctx.rng, depth) for depth in (1, 3, int(ctx.rng.integers(2, 5)))]
    for sizes, X, weights, biases in cases:
        where = network_text(sizes, X)
        got = ctx.call(f, X, weights, biases, where=where, arg_names=["X", "weights", "biases"],
                       error_hint="W has shape (n_in, n_out) and X one row per sample: z = a @ W + b.")
        zs, acts = forward_pass(X, weights, biases)
        if not isinstance(got, (tuple, list)) and _close(got, acts[-1], 1e-6, 1e-9):
            ctx.fail(f"You returned one array at {where}, not the pair (zs, activations).", mistake=FP_ONLY_OUTPUT)
        got_zs, got_acts = unpack(ctx, got, ["zs", "activations"], where)
        expect_arrays(ctx, got_zs, zs, "zs", where, mistakes=[
            (FP_TRANSPOSED, [z.T for z in zs]), (FP_ZS_SHORT, zs[:-1])])
        expect_arrays(ctx, got_acts, acts, "activations", where, mistakes=[
            (FP_NO_INPUT, acts[1:]), (FP_LINEAR_OUT, acts[:-1] + [zs[-1]]),
            (FP_TRANSPOSED, [a.T for a in acts]), (FP_TRANSPOSED, [X] + [a.T for a in acts[1:]])])


EXERCISES = [
    Exercise(
        "layer_shapes", NOTEBOOK,
        "Write `layer_shapes(sizes, augmented=False)` returning the list of weight-matrix shapes for layer sizes "
        "such as [2, 5, 2, 1]; with `augmented=True` the bias is an extra row of W (input x0 = 1).",
        layer_shapes, _check_layer_shapes,
        ["The lecture's network [2, 5, 2, 1] has W shapes (2, 5), (5, 2), (2, 1).",
         "Pair each size with the next one: zip(sizes[:-1], sizes[1:]). The augmented view adds 1 to n_in.",
         "return [(n_in + (1 if augmented else 0), n_out) for n_in, n_out in zip(sizes[:-1], sizes[1:])]."],
        stub="def layer_shapes(sizes, augmented=False):\n    ...\n"),
    Exercise(
        "bias_shapes", NOTEBOOK,
        "Write `bias_shapes(sizes)` returning the list of bias shapes, e.g. [(5,), (2,), (1,)] for [2, 5, 2, 1].",
        bias_shapes, _check_bias_shapes,
        ["Every unit after the input layer has one bias.", "A 1-D shape is a tuple with one entry: (5,).",
         "return [(n,) for n in sizes[1:]]."],
        stub="def bias_shapes(sizes):\n    ...\n"),
    Exercise(
        "forward", NOTEBOOK,
        "Write `forward(X, weights, biases)` for a network with sigmoid units in every layer: X has one row per "
        "sample, weights[l] has shape (n_in, n_out), biases[l] shape (n_out,). Return the output activations.",
        forward, _check_forward,
        ["Each layer computes z = a @ W + b and then a = sigmoid(z); the first a is X.",
         "Loop over zip(weights, biases) and keep samples in rows.",
         "a = X; for W, b in zip(weights, biases): a = 1 / (1 + np.exp(-(a @ W + b))); return a."],
        stub="def forward(X, weights, biases):\n    ...\n"),
    Exercise(
        "dense_forward", NOTEBOOK,
        "Write `dense_forward(X, W, b)`: the pre-activations Z = X @ W + b of one layer for a batch. X has one row "
        "per sample (n, n_in), W has shape (n_in, n_out), b shape (n_out,); Z has shape (n, n_out). Return a new "
        "array and leave the inputs unchanged.",
        dense_forward, _check_dense_forward,
        ["Each sample (row of X) gets z = x @ W + b: one number per unit of the layer.",
         "X @ W multiplies every row of X by W at once; adding b (n_out,) broadcasts it to every row.",
         "return X @ W + b."],
        stub="def dense_forward(X, W, b):\n    ...\n"),
    Exercise(
        "forward_pass", NOTEBOOK,
        "Write `forward_pass(X, weights, biases)` for a network with sigmoid units in every layer: return "
        "`(zs, activations)` with zs = [z_1, ..., z_L] and activations = [a_0 = X, a_1, ..., a_L], where "
        "z_l = a_{l-1} @ W_l + b_l and a_l = sigmoid(z_l). weights[l] has shape (n_in, n_out), biases[l] (n_out,); "
        "X has one row per sample. Backpropagation (notebook 06) reads both lists.",
        forward_pass, _check_forward_pass,
        ["Start with a = X and activations = [X]; each layer appends its z to zs and its a to activations.",
         "activations has one entry more than zs: the input X comes first. The output layer uses the sigmoid too.",
         "zs, acts = [], [X]; for W, b in zip(weights, biases): z = acts[-1] @ W + b; zs.append(z); "
         "acts.append(1 / (1 + np.exp(-z))); return zs, acts."],
        stub="def forward_pass(X, weights, biases):\n    ...\n"),
]
