"""Exercises of 01_logistic_neuron: the circular decision boundary."""
import numpy as np

from .._core import Exercise, Mistake, fmt

NOTEBOOK = "01_logistic_neuron"


def circle_theta(r):
    # Predict y = 1 where -r^2 + x1^2 + x2^2 >= 0, i.e. outside the circle of radius r.
    return np.array([-r ** 2, 0.0, 0.0, 1.0, 1.0])


def predict_logistic(theta, X):
    X = np.asarray(X, dtype=float)
    theta = np.asarray(theta, dtype=float)
    z = theta[0] + X @ theta[1:]  # theta[0] multiplies x0 = 1
    # g(z) >= 0.5 exactly when z >= 0
    return (z >= 0).astype(int)


NOT_SQUARED = Mistake("radius_not_squared", "you used -r where -r^2 is due",
                      "the boundary is x1^2 + x2^2 = r^2, so theta0 = -r**2.")
INSIDE = Mistake("inside_out", "your theta predicts y = 1 inside the circle instead of outside",
                 "flip the signs: theta = (-r^2, 0, 0, 1, 1) gives theta.x >= 0 outside.")
IGNORES_R = Mistake("ignores_r", "your theta does not depend on r (it is the unit circle's)",
                    "use the argument r: theta0 = -r**2.")


def _check_circle_theta(ctx, f):
    for r in (1.0, 2.0, 0.5, round(float(ctx.rng.uniform(0.2, 5.0)), 3)):
        got = ctx.call(f, r, where=f"r = {r:g}")
        try:
            got = np.asarray(got, dtype=float).ravel() if np.size(got) == 5 else got
        except (TypeError, ValueError):
            pass
        expected = circle_theta(r)
        if np.shape(got) == (5,) and np.all(np.isfinite(got)) and got[3] > 0:
            got = got / got[3]  # any positive multiple of theta draws the same boundary
        ctx.expect_close(got, expected, where=f"r = {r:g}", what="theta", mistakes=[
            (NOT_SQUARED, [-r, 0, 0, 1, 1]), (INSIDE, -expected), (IGNORES_R, [-1, 0, 0, 1, 1])])


PROBABILITIES = Mistake("returned_probabilities", "you returned the probabilities g(z), not the labels 0/1",
                        "return 1 where g(z) >= 0.5 (that is z >= 0) and 0 elsewhere.")
STRICT = Mistake("strict_inequality", "you used > where the lecture's rule is g(z) >= 0.5 (z >= 0)",
                 "a point exactly on the circle has z = 0 and belongs to class 1: use >=.")
NO_BIAS = Mistake("missing_bias", "theta[0] is ignored (the x0 = 1 column is missing)",
                  "z = theta[0] * 1 + theta[1] x1 + ... : add a column of ones to X, or add theta[0].")
FLIPPED = Mistake("labels_flipped", "your labels are the wrong way round", "y = 1 where z >= 0, not where z < 0.")


def _check_predict_logistic(ctx, f):
    theta = circle_theta(1.0)
    pts = np.array([[0.0, 0.0], [2.0, 0.0], [1.0, 0.0], [0.5, 0.5], [-3.0, 1.0], [0.0, -1.5]])
    X = np.hstack([pts, pts ** 2])
    got = ctx.call(f, theta, X, where="theta = (-1, 0, 0, 1, 1) and six points", arg_names=["theta", "X"],
                   error_hint="X has 4 columns and theta 5 entries: add the column of ones (x0 = 1) "
                              "or use theta[0] separately.")
    z = theta[0] + X @ theta[1:]
    expected = (z >= 0).astype(float)
    ctx.expect_close(got, expected, where="the points (0,0), (2,0), (1,0), (0.5,0.5), (-3,1), (0,-1.5)",
                     what="your predictions", mistakes=[
                         (PROBABILITIES, 1 / (1 + np.exp(-z))), (STRICT, (z > 0).astype(float)),
                         (NO_BIAS, (X @ theta[1:] >= 0).astype(float)), (FLIPPED, 1 - expected)])
    for _ in range(3):  # hidden: other thetas, numbers of features and samples
        n, k = int(ctx.rng.integers(5, 12)), int(ctx.rng.integers(1, 5))
        theta, X = ctx.rng.normal(0, 1, k + 1).round(3), ctx.rng.normal(0, 2, (n, k)).round(3)
        got = ctx.call(f, theta, X, where=f"theta = {fmt(theta)} and X of shape {X.shape}", arg_names=["theta", "X"])
        ctx.expect_close(np.ravel(got) if np.size(got) == n else got, (theta[0] + X @ theta[1:] >= 0).astype(float),
                         where=f"theta = {fmt(theta)}, X = {fmt(X)}", what="your predictions")


EXERCISES = [
    Exercise(
        "circle_theta", NOTEBOOK,
        "Write `circle_theta(r)` returning theta = (theta0, ..., theta4) for the features (1, x1, x2, x1^2, x2^2) "
        "so that theta.x >= 0 (y = 1) exactly outside the circle of radius r.",
        circle_theta, _check_circle_theta,
        ["Write the circle as an inequality: y = 1 where x1^2 + x2^2 >= r^2.",
         "Move everything to one side: -r^2 + 0 x1 + 0 x2 + 1 x1^2 + 1 x2^2 >= 0. Read off theta.",
         "theta = np.array([-r**2, 0, 0, 1, 1])."],
        stub="def circle_theta(r):\n    ...\n"),
    Exercise(
        "predict_logistic", NOTEBOOK,
        "Write `predict_logistic(theta, X)`: X has one row per sample and one column per feature (without the "
        "constant 1); return the labels 1 where g(theta.x) >= 0.5 and 0 elsewhere, shape (n_samples,).",
        predict_logistic, _check_predict_logistic,
        ["theta has one more entry than X has columns: theta[0] goes with x0 = 1.",
         "g(z) >= 0.5 exactly when z >= 0, so you do not even need the sigmoid.",
         "z = theta[0] + X @ theta[1:]; return (z >= 0).astype(int)."],
        stub="def predict_logistic(theta, X):\n    ...\n"),
]
