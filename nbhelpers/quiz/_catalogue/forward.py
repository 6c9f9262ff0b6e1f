"""Exercises of 05_multilayer_networks: layer shapes and the forward pass."""
import numpy as np

from .._core import Exercise, Mistake, fmt

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
]
