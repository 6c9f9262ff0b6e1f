"""Exercises of 09_softmax: the stable softmax, the gradient of cross-entropy with smoothed labels, and the
library's softmax_ce_output."""
import numpy as np

from .._core import Exercise, Mistake, fmt
from ._network import inline, scalar, unpack

NOTEBOOK = "09_softmax"
LECTURE_Z = np.array([2.33, -1.46, 0.56])
SCORES = np.array([[5.0, 4.0, 2.0], [4.0, 2.0, 8.0], [4.0, 4.0, 1.0]])


def _softmax(z, axis=-1):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def softmax(z, axis=-1):
    z = np.asarray(z, dtype=float)
    # softmax(z) = softmax(z - c) for any constant c; with c = max the largest exponent is e^0 = 1
    shifted = z - np.max(z, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


NOT_SHIFTED = Mistake("not_max_shifted", "exp overflowed: the logits were not shifted by their maximum",
                      "subtract np.max(z, axis=axis, keepdims=True) before np.exp; the result does not change.")
WRONG_AXIS = Mistake("wrong_axis", "you normalised over the wrong axis",
                     "each row (axis=-1) must sum to 1: use axis=axis, keepdims=True in both max and sum.")
IGNORES_AXIS = Mistake("ignores_axis", "your function ignores its axis argument",
                       "pass axis=axis to np.max and np.sum.")
SUM_ALL = Mistake("sum_over_everything", "you divided by the sum of the whole array",
                  "sum along one axis only: np.sum(e, axis=axis, keepdims=True).")
GLOBAL_MAX = Mistake("global_max", "you shifted every row by the maximum of the whole array",
                     "rows far below the global maximum underflow to 0 / 0: take the max along the axis, keepdims=True.")
TYPO = Mistake("numerator_typo", "every probability is 1: the numerator is a sum",
               "the lecture's slide has a typo; the numerator is e^{z_j} alone, not a sum.")


def check_softmax_vector(ctx, f):
    """One vector: the lecture's example."""
    got = ctx.call(f, LECTURE_Z, where="z = [2.33, -1.46, 0.56]", arg_names=["z"])
    with np.errstate(all="ignore"):
        ctx.expect_close(got, _softmax(LECTURE_Z), where="z = [2.33, -1.46, 0.56]", what="softmax(z)",
                         mistakes=[(TYPO, np.ones(3))])


def check_softmax_large(ctx, f):
    """Large logits: no overflow, and rows far apart."""
    z = np.array([[1000.0, 1010.0, 1020.0]])
    got = ctx.call(f, z, where="z = [[1000, 1010, 1020]]", arg_names=["z"])
    with np.errstate(all="ignore"):
        naive = np.exp(z) / np.sum(np.exp(z), axis=-1, keepdims=True)
    ctx.expect_close(got, _softmax(z), where="z = [[1000, 1010, 1020]]", what="softmax(z)",
                     mistakes=[(NOT_SHIFTED, naive)])
    z = np.array([[1000.0, 1001.0], [-1000.0, -999.0]])
    got = ctx.call(f, z, where="z = [[1000, 1001], [-1000, -999]]", arg_names=["z"])
    with np.errstate(all="ignore"):
        e = np.exp(z - np.max(z))
        global_max = e / np.sum(e, axis=-1, keepdims=True)
        naive = np.exp(z) / np.sum(np.exp(z), axis=-1, keepdims=True)
    ctx.expect_close(got, _softmax(z), where="z = [[1000, 1001], [-1000, -999]]", what="softmax(z)",
                     mistakes=[(GLOBAL_MAX, global_max), (NOT_SHIFTED, naive)])
    rng = ctx.rng
    n, k = (int(v) for v in rng.integers(2, 6, size=2))
    z = rng.normal(0, 3, size=(n, k)) + rng.choice([-1.0, 1.0], size=(n, 1)) * rng.uniform(800, 1200, size=(n, 1))
    where = f"z = {fmt(z)} (rows offset by about +-1000)"
    got = ctx.call(f, z, where=where, arg_names=["z"])
    with np.errstate(all="ignore"):
        e = np.exp(z - np.max(z))
        global_max = e / np.sum(e, axis=-1, keepdims=True)
        naive = np.exp(z) / np.sum(np.exp(z), axis=-1, keepdims=True)
    ctx.expect_close(got, _softmax(z), where=where, what="softmax(z)", rtol=1e-6, atol=0.0,
                     mistakes=[(GLOBAL_MAX, global_max), (NOT_SHIFTED, naive)])


def check_softmax_axes(ctx, f):
    """Batches: axis=-1 on a matrix, axis=0, and a 3-D batch."""
    got = ctx.call(f, SCORES, where="the lecture's scores (3, 3), axis=-1", arg_names=["z"])
    ctx.expect_close(got, _softmax(SCORES), where=f"z = {SCORES.tolist()} (one sample per row)", what="softmax(z)",
                     mistakes=[(WRONG_AXIS, _softmax(SCORES, axis=0)),
                               (SUM_ALL, np.exp(SCORES) / np.exp(SCORES).sum())])
    z = np.array([[1.0, 2.0], [3.0, 0.0], [0.5, 0.5]])
    got = ctx.call(f, z, axis=0, where="z (3, 2) with axis=0", arg_names=["z"])
    ctx.expect_close(got, _softmax(z, axis=0), where=f"z = {z.tolist()}, axis=0", what="softmax(z, axis=0)",
                     mistakes=[(IGNORES_AXIS, _softmax(z, axis=-1))])
    z = np.arange(24, dtype=float).reshape(2, 3, 4) % 5 - 2
    got = ctx.call(f, z, axis=1, where="z of shape (2, 3, 4) with axis=1", arg_names=["z"])
    ctx.expect_close(got, _softmax(z, axis=1), where="z of shape (2, 3, 4), axis=1", what="softmax(z, axis=1)",
                     mistakes=[(IGNORES_AXIS, _softmax(z, axis=-1))])
    rng = ctx.rng
    for ndim in (1, 2, 3):
        z = rng.normal(0, 3, size=tuple(rng.integers(2, 5, size=ndim)))
        axis = int(rng.integers(-ndim, ndim)) if ndim > 1 else -1
        where = f"z of shape {z.shape}, axis={axis}: {fmt(z)}"
        got = ctx.call(f, z, axis=axis, where=where, arg_names=["z"])
        others = [(IGNORES_AXIS, _softmax(z, axis=-1))] if ndim > 1 and axis % ndim != ndim - 1 else []
        ctx.expect_close(got, _softmax(z, axis=axis), where=where, what=f"softmax(z, axis={axis})",
                         mistakes=others + [(SUM_ALL, np.exp(z) / np.exp(z).sum())])


def _check_softmax(ctx, f):
    check_softmax_vector(ctx, f)
    check_softmax_axes(ctx, f)
    check_softmax_large(ctx, f)


def one_hot_batch(rng, n, k):
    """Random one-hot targets (n, k) and random logits (n, k), drawn at check time."""
    y = np.eye(k)[rng.integers(0, k, size=n)]
    return y, rng.normal(0, 2, size=(n, k))


def smoothed_ce_delta(z, y, eps):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    p = e / np.sum(e, axis=-1, keepdims=True)
    t = (1 - eps) * y + eps / z.shape[-1]  # the smoothed targets: like the one-hot y, they sum to 1
    # -sum_k t_k log p_k differentiates to -t_j + p_j sum_k t_k, and sum_k t_k = 1
    return p - t


LS_ONE_HOT = Mistake("ignored_eps", "you used the one-hot y itself (p - y): the smoothing is missing",
                     "the loss is the cross-entropy against the smoothed targets (1 - eps) y + eps / K; redo "
                     "section 4's derivation with those targets in place of y.")
LS_K_MINUS_1 = Mistake("eps_over_k_minus_1", "your targets spread eps / (K - 1) over the other classes",
                       "this exercise's smoothing is (1 - eps) y + eps / K: every class, the true one too, "
                       "gets eps / K.")
LS_SIGN = Mistake("sign_flipped", "your gradient is targets - p", "dL/dz_j = p_j - t_j: it lowers the scores of "
                  "classes that get more probability than their target.")
LS_NO_SCALE = Mistake("kept_full_y", "your targets are y + eps / K: they sum to 1 + eps",
                      "the true class gives up eps of its weight: (1 - eps) y + eps / K sums to 1.")
LS_MEAN = Mistake("divided_by_n", "you divided by the number of samples",
                  "this exercise asks for each sample's own gradient, without 1/n.")
LS_NAIVE = Mistake("not_max_shifted", "exp overflowed: the scores were not shifted by their row maximum",
                   "subtract np.max(z, axis=-1, keepdims=True) before np.exp (section 3).")
LS_AXIS = Mistake("wrong_axis", "the softmax normalises over the wrong axis",
                  "each row is one sample: normalise along axis=-1.")


def _check_smoothed_ce_delta(ctx, f):
    rng = ctx.rng
    z = np.array([[2.33, -1.46, 0.56], [5.0, 4.0, 2.0], [1.0, 1.0, 3.0], [0.0, 0.5, -0.5]])
    cases = [(z, np.eye(3)[[0, 1, 2, 0]], 0.1)]
    sizes = ((int(rng.integers(2, 7)), int(rng.integers(2, 6))), (int(rng.integers(2, 5)), int(rng.integers(6, 11))),
             (1, int(rng.integers(3, 6))))
    for n, k in sizes:
        y, z = one_hot_batch(rng, n, k)
        cases.append((z, y, float(rng.uniform(0.02, 0.4))))
    y, z = one_hot_batch(rng, int(rng.integers(2, 6)), int(rng.integers(2, 6)))
    tops = rng.permutation(np.resize([1.0, -1.0], len(z))) * rng.uniform(800, 1200, size=len(z))
    z = z * rng.uniform(20, 100)
    z = z - z.max(axis=1, keepdims=True) + tops[:, None]  # row maxima beyond +-800: exp(z) alone overflows (or is 0)
    cases.append((z, y, float(rng.uniform(0.02, 0.4))))
    for z, y, eps in cases:
        where = f"z = {inline(z)}, y = {inline(y)}, eps = {fmt(eps)}"
        got = ctx.call(f, z, y, eps, where=where, arg_names=["z", "y", "eps"])
        p, K = _softmax(z), z.shape[-1]
        t = (1 - eps) * y + eps / K
        with np.errstate(all="ignore"):
            naive = np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True)
        ctx.expect_close(got, p - t, where=where, what="the gradient", mistakes=[
            (LS_ONE_HOT, p - y), (LS_K_MINUS_1, p - ((1 - eps) * y + eps / (K - 1) * (1 - y))),
            (LS_K_MINUS_1, p - ((1 - eps) * y + eps / (K - 1))), (LS_SIGN, t - p), (LS_NO_SCALE, p - y - eps / K),
            (LS_MEAN, (p - t) / len(z)), (LS_NAIVE, naive - t), (LS_AXIS, _softmax(z, axis=0) - t)])


def softmax_ce_output(z, Y):
    z = np.asarray(z, dtype=float)
    n = len(z)
    shifted = z - np.max(z, axis=1, keepdims=True)
    # log-sum-exp: log softmax(z) = z - max - log sum exp(z - max), finite for any logits
    log_p = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    E = -np.sum(Y * log_p) / n  # the mean over the samples of -sum_k y_k log p_k
    delta = (np.exp(log_p) - Y) / n  # softmax and cross-entropy together: dE/dz = (p - y) / n
    return float(E), delta


SC_NO_N = Mistake("delta_without_1_over_n", "your delta lacks the 1/n of the mean",
                  "E is the mean over n samples: delta = (softmax(z) - Y) / n.")
SC_SUM = Mistake("sum_not_mean", "your E is the sum over the samples, not the mean", "divide by n = len(z).")
SC_MINUS = Mistake("missing_minus", "your E is negative: the minus sign is missing", "E = -mean(sum_k y_k log p_k).")
SC_SIGN = Mistake("sign_flipped", "your delta is (Y - p) / n", "the gradient is (p - y) / n: it lowers the logits of "
                  "the wrong classes.")
SC_NAIVE = Mistake("not_max_shifted", "exp overflowed: the logits were not shifted by their maximum",
                   "subtract np.max(z, axis=1, keepdims=True) before np.exp; softmax does not change.")
SC_LOG_P = Mistake("log_of_softmax", "you took the log of probabilities that underflowed to 0 (or were clipped)",
                   "compute log p directly with log-sum-exp: s = z - max, then "
                   "log_p = s - np.log(np.sum(np.exp(s), axis=1, keepdims=True)).")


def _ce_variants(z, Y):
    """The loss and delta of typical slips, for naming them: no shift, log of the (clipped) softmax."""
    n = len(z)
    with np.errstate(all="ignore"):
        e = np.exp(z)
        naive = e / e.sum(axis=1, keepdims=True)
        p = _softmax(z)
        return [(SC_NAIVE, -np.sum(Y * np.log(naive)) / n, (naive - Y) / n),
                (SC_LOG_P, -np.sum(Y * np.log(p)) / n, None),
                (SC_LOG_P, -np.sum(Y * np.log(np.clip(p, 1e-12, 1))) / n, None)]


def _check_softmax_ce_output(ctx, f):
    z = np.array([[2.33, -1.46, 0.56], [5.0, 4.0, 2.0], [1.0, 1.0, 3.0], [0.0, 0.5, -0.5]])
    Y = np.eye(3)[[0, 1, 2, 0]]
    cases = [(z, Y), (np.array([[1000.0, -1000.0], [-1000.0, 1000.0], [999.0, 1000.0]]), np.eye(2)[[1, 1, 0]])]
    for n, k in ((int(ctx.rng.integers(2, 7)), int(ctx.rng.integers(2, 6))), (1, int(ctx.rng.integers(2, 5)))):
        Y, z = one_hot_batch(ctx.rng, n, k)
        cases.append((z, Y))
    Y, z = one_hot_batch(ctx.rng, int(ctx.rng.integers(2, 5)), int(ctx.rng.integers(2, 5)))
    z = z + ctx.rng.choice([-1.0, 1.0], size=(len(z), 1)) * ctx.rng.uniform(800, 1200, size=(len(z), 1))
    z[0, np.argmax(Y[0])] -= ctx.rng.uniform(800, 1200)  # a true class far below the others: log p underflows
    cases.append((z, Y))
    for z, Y in cases:
        where = f"z = {inline(z)}, Y = {inline(Y)}"
        got = ctx.call(f, z, Y, where=where, arg_names=["z", "Y"])
        E, delta = unpack(ctx, got, ["E", "delta"], where)
        E_ref, d_ref = softmax_ce_output(z, Y)
        n = len(z)
        variants = _ce_variants(z, Y)  # delta first: an overflow gives nan in both, the log of p only in E
        ctx.expect_close(delta, d_ref, where=where, what="delta", mistakes=[
            (SC_NO_N, d_ref * n), (SC_SIGN, -d_ref)] + [(m, d) for m, _, d in variants])
        ctx.expect_close(scalar(ctx, E, "E", where), E_ref, where=where, what="E", rtol=1e-9, atol=1e-12,
                         mistakes=[(SC_SUM, E_ref * n), (SC_MINUS, -E_ref)] + [(m, e) for m, e, _ in variants[::-1]])


EXERCISES = [
    Exercise(
        "softmax", NOTEBOOK,
        "Write a stable `softmax(z, axis=-1)` for arrays of any shape: probabilities along `axis`, "
        "no overflow even for logits like 1000.",
        softmax, _check_softmax,
        ["softmax(z) = softmax(z - c) for any constant c; the lecture picks c = max(z).",
         "Use np.max(z, axis=axis, keepdims=True) and np.sum(..., axis=axis, keepdims=True) so the shapes broadcast.",
         "e = np.exp(z - np.max(z, axis=axis, keepdims=True)); return e / np.sum(e, axis=axis, keepdims=True)."],
        stub="def softmax(z, axis=-1):\n    ...\n"),
    Exercise(
        "smoothed_ce_delta", NOTEBOOK,
        "Derive and write `smoothed_ce_delta(z, y, eps)`: for scores z (one sample per row, K classes) and one-hot "
        "y, the gradient with respect to z of each sample's cross-entropy -sum_k t_k log softmax(z)_k against the "
        "smoothed targets t = (1 - eps) y + eps / K (label smoothing), without any 1/n; exact for large scores.",
        smoothed_ce_delta, _check_smoothed_ce_delta,
        ["Redo the derivation of section 4 with t in place of y: at which step did it use that y is one-hot?",
         "dL/dz_j = -t_j + p_j sum_k t_k, with p = softmax(z). What is sum_k t_k?",
         "p = a stable softmax of z along axis=-1 (section 3); K = z.shape[-1]; "
         "return p - ((1 - eps) * y + eps / K)."],
        stub="def smoothed_ce_delta(z, y, eps):\n    ...\n"),
    Exercise(
        "softmax_ce_output", NOTEBOOK,
        "Write `softmax_ce_output(z, Y)` for a softmax output layer with categorical cross-entropy over a batch "
        "(logits z and one-hot Y, one row per sample): return `(E, delta)` with E = the mean over the samples of "
        "-sum_k y_k log softmax(z)_k (one number, exact even for logits like 1000 and -1000: use log-sum-exp) and "
        "delta = dE/dz = (softmax(z) - Y) / n.",
        softmax_ce_output, _check_softmax_ce_output,
        ["log softmax(z)_k = z_k - log sum_j exp(z_j); shifting z by its row maximum changes nothing and keeps "
         "every exponent at most 0.",
         "s = z - np.max(z, axis=1, keepdims=True); log_p = s - np.log(np.sum(np.exp(s), axis=1, keepdims=True)). "
         "Never take the log of p itself: p can underflow to 0.",
         "return -np.sum(Y * log_p) / n, (np.exp(log_p) - Y) / n."],
        stub="def softmax_ce_output(z, Y):\n    ...\n"),
]
