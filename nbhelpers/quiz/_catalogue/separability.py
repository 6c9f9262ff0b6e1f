"""Exercise of 03_linear_separability: a hand-set 2-2-1 network of step units for XOR."""
import numpy as np

from .._core import Exercise, Mistake, fmt

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
]
